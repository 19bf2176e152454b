"""What ``glusym check`` does, as text to print: the paths found, checked (in parallel), written
in the chosen format, fixed where asked; the command line only prints what this returns."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..budget import validate_budget
from ..config import Config, config_for
from ..errors import GlusymError
from .approximation import DEFAULT_APPROX_TOL
from .files import Checked, check_many, default_jobs, discover, summary_line
from .report import DEFAULT_LINK_BUDGET

FORMATS = ("text", "json", "github", "sarif", "junit")


@dataclass
class Outcome:
    """What to print on stdout, the lines for stderr, and the exit status."""

    out: str
    notes: list[str] = field(default_factory=list)
    status: int = 0


def settings(budget: float | None, approx_tol: float | None, jobs: int | None, exclude: Sequence[str],
             config: Config) -> tuple[float | None, float, int, tuple[str, ...]]:
    """The command line's values over the configuration's over the defaults, each validated
    (the approximation interval: :func:`interval_setting`)."""
    return _settings(budget, approx_tol, jobs, exclude, config)


def interval_setting(interval: Any, config: Config) -> Any:
    """``--approx-interval LOW HIGH`` over the configuration's ``approx_interval`` over None (the
    checker's default, x ∈ [−6, 6]), validated."""
    from .formula import approximation_interval

    chosen = interval if interval is not None else config.approx_interval
    return None if chosen is None else approximation_interval(chosen)


def _settings(budget: float | None, approx_tol: float | None, jobs: int | None, exclude: Sequence[str],
              config: Config) -> tuple[float | None, float, int, tuple[str, ...]]:
    """The command line's values over the configuration's over the defaults, each validated."""
    b = validate_budget(budget if budget is not None else config.budget if config.budget is not None
                        else DEFAULT_LINK_BUDGET, "--budget")
    tol = approx_tol if approx_tol is not None else config.approx_tol if config.approx_tol is not None \
        else DEFAULT_APPROX_TOL
    if not (0 <= tol < float("inf")):
        raise GlusymError(f"--approx-tol must be a nonnegative number, got {tol}")
    j = jobs if jobs is not None else config.jobs if config.jobs is not None else default_jobs()
    if j < 1:
        raise GlusymError(f"--jobs must be at least 1, got {j}")
    return b, tol, j, tuple(config.exclude) + tuple(exclude)


def _status(results: Sequence[Checked]) -> int:
    if any(c.error is not None for c in results):
        return 2
    return 1 if any(c.report is not None and c.report.failed for c in results) else 0


def _write(results: Sequence[Checked], fmt: str, single: bool, quiet: bool = False) -> str:
    from . import formats

    if fmt == "github":
        return formats.to_github(results)
    if fmt == "sarif":
        return formats.to_sarif(results)
    if fmt == "junit":
        return formats.to_junit(results)
    if quiet and fmt == "text":
        return formats.to_problems(results)
    if single:  # one file: the report as it always was
        (c,) = results
        assert c.report is not None
        if fmt == "json":
            return json.dumps(c.report.to_json(), indent=2, ensure_ascii=False) + "\n"
        return c.report.to_text()
    if fmt == "json":
        return formats.to_json(results)
    parts = [c.report.to_text() for c in results if c.report is not None]
    return "\n".join(parts) + ("\n" if parts else "") + "total: " + summary_line(results) + "\n"


def run(paths: Sequence[str], fmt: str = "text", budget: float | None = None, approx_tol: float | None = None,
        jobs: int | None = None, exclude: Sequence[str] = (), fix: bool = False, diff: bool = False,
        cwd: Path | None = None, progress: Callable[[int], Any] | None = None, quiet: bool = False,
        approx_interval: Any = None) -> Outcome:
    """``glusym check PATHS``. Raises GlusymError for bad usage, a missing path or a bad configuration;
    a single file that cannot be read raises too (as it always did), one of many is reported."""
    if fmt not in FORMATS:
        raise GlusymError(f"--format is one of {', '.join(FORMATS)}, not {fmt}")
    if fix and diff:
        raise GlusymError("--fix writes the fixes and --diff shows them: choose one")
    cwd = Path.cwd() if cwd is None else cwd
    config = config_for(cwd)
    if config.source is None and paths:
        first = Path(paths[0])
        if first.exists():
            config = config_for(first if first.is_dir() else first.parent)
    b, tol, j, skip = settings(budget, approx_tol, jobs, exclude, config)
    interval = interval_setting(approx_interval, config)
    files = discover(paths, skip, cwd)
    if not files and len(paths) == 1 and Path(paths[0]).is_dir():
        raise GlusymError(f"cannot read {paths[0]}: a folder holding no .md, .markdown or .txt file (none excluded)"
                          if not skip else f"cannot read {paths[0]}: every .md, .markdown or .txt file of the folder "
                          "is excluded")
    if not files:
        raise GlusymError("no file to check (the paths hold no .md, .markdown or .txt file, or all are excluded)")
    single = len(paths) == 1 and len(files) == 1 and not Path(paths[0]).is_dir()
    katex = None
    if fix or diff:
        from .fix import KaTeX

        katex = KaTeX()  # refused at once, before any checking, where node or KaTeX is missing
    kwargs = {} if progress is None else {"progress": progress}
    results = check_many(files, b, tol, j, approx_interval=interval, **kwargs)
    if single and results[0].error is not None:
        raise GlusymError(results[0].error)
    notes = [f"glusym: error: {c.error}" for c in results if c.error is not None]
    if katex is None:
        return Outcome(_write(results, fmt, single, quiet), notes, _status(results))
    return _fixing(results, fmt, single, katex, b, tol, diff, notes, quiet, interval)


def _fixing(results: Sequence[Checked], fmt: str, single: bool, katex: Any, budget: float | None, tol: float,
            diff: bool, notes: list[str], quiet: bool = False, interval: Any = None) -> Outcome:
    from .files import locate
    from .fix import fix_file, unified_diff, write_fix
    from .formula import read_document

    diffs: list[str] = []
    after: list[Checked] = []
    for c in results:
        if c.report is None or not c.report.failed:
            after.append(c)
            continue
        text = read_document(c.path)
        f = fix_file(c, text, katex, budget, tol, interval)
        for why in f.refused:
            notes.append(f"glusym: {c.path}: not fixed: {why}")
        if f.new is None:
            after.append(c)
            continue
        if diff:
            diffs.append(unified_diff(f))
            after.append(c)
        else:
            backup = write_fix(f)
            n = len(f.fixed)
            notes.append(f"glusym: {c.path}: fixed {n} link{'s' * (n != 1)} (the original is {backup})")
            assert f.report is not None
            after.append(Checked(c.path, f.report, tuple(locate(f.new, f.report))))
    if diff:
        return Outcome("".join(diffs), notes, _status(results))
    return Outcome(_write(after, fmt, single, quiet), notes, _status(after))

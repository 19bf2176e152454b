r"""Many files checked at once: the paths found (files, folders, globs), checked in parallel over
processes, their reports in the order of their paths, and one summary.

>>> from pathlib import Path
>>> locate("Two: $a = b$ and \\\\(c = d\\\\).\n\n$$\ne = f\n$$\n", Path("p.md"))
[(1, 6, 6), (1, 18, 20), (3, 1, 34)]
"""

from __future__ import annotations

import glob
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from ..errors import GlusymError
from .report import VERDICTS, Report

#: The suffixes a folder's files are checked by (a file named on the command line is checked
#: whatever its suffix).
SUFFIXES = (".md", ".markdown", ".txt")
#: Folders never entered: a site's build, installed packages; and every dot-folder (.git, .venv).
SKIPPED_FOLDERS = frozenset({"_site", "node_modules", "vendor"})

_GLOB_CHARS = frozenset("*?[")


def _relative(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def excluded(path: Path, patterns: Sequence[str], cwd: Path) -> bool:
    """Whether ``path`` (relative to ``cwd``) or one of its folders matches an ``exclude`` glob.

    >>> excluded(Path("drafts/a.md"), ["drafts"], Path(".")), excluded(Path("posts/a.md"), ["*/b.md"], Path("."))
    (True, False)
    """
    rel = _relative(path, cwd)
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch(p, pat) or fnmatch(p, pat.rstrip("/")) for pat in patterns for p in prefixes)


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for n in names:
            if Path(n).suffix.lower() in SUFFIXES:
                yield Path(root) / n


def discover(paths: Sequence[str], exclude: Sequence[str] = (), cwd: Path | None = None) -> list[Path]:
    """The files to check, sorted by path and each once: a file as named, a folder's ``.md``,
    ``.markdown`` and ``.txt`` files (``_site/``, ``node_modules/``, ``vendor/`` and dot-folders
    skipped), a glob's matches (expanded here, for shells that do not); those matching an
    ``exclude`` glob left out. A path that is missing, or a glob that matches nothing, raises
    GlusymError."""
    cwd = Path.cwd() if cwd is None else cwd
    found: dict[str, Path] = {}

    def add(p: Path) -> None:
        if p.is_dir():
            for f in _walk(p):
                found.setdefault(os.path.normpath(f), f)
        else:
            found.setdefault(os.path.normpath(p), p)

    for arg in paths:
        p = Path(arg)
        if p.exists():
            add(p)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise GlusymError(f"no file matches {arg}")
            for m in matches:
                add(Path(m))
        else:
            raise GlusymError(f"cannot read {arg}: No such file or directory")
    return [found[k] for k in sorted(found) if not excluded(found[k], exclude, cwd)]


# ---------------------------------------------------------------------------------------------
# where each formula stands: (line, column, offset), 1-based line and column


_OPENINGS = ("$$", "\\[", "\\(", "$")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    return starts


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    n = bisect_right(starts, offset)
    return n, offset - starts[n - 1] + 1


def locate(text: str, report: Report | Path, path: Path | None = None) -> list[tuple[int, int, int]]:
    """Where each formula of ``report`` stands in ``text``: (line, column, offset of its TeX), the
    line and the 1-based column of its opening delimiter (``$``, ``$$``, ``\\(``, ``\\[``) or of its
    TeX where it has none. Given a path instead of a report, the formulas are extracted from the
    text as ``check`` extracts them."""
    from .extract import is_markdown, math_spans, text_formulas

    name = report if isinstance(report, Path) else Path(report.file)
    starts = _line_starts(text)
    if not is_markdown(name):
        return [(*_line_col(starts, f.start), f.start + max(text[f.start:f.end].find(f.latex), 0))
                for f in text_formulas(text)]
    spans = [(m.line, m.latex) for m in math_spans(text)] if isinstance(report, Path) else \
        [(f.line, f.latex) for f in report.formulas]
    out = []
    cursor = 0
    for line, tex in spans:
        begin = starts[min(line, len(starts)) - 1]
        at = text.find(tex, max(begin, cursor)) if tex else -1
        if at < 0:  # not found as written: the line's first character
            stripped = len(text[begin:]) - len(text[begin:].lstrip(" \t"))
            out.append((line, stripped + 1, begin + stripped))
            continue
        cursor = at + len(tex)
        j = at
        while j > 0 and text[j - 1] in " \t\r\n":
            j -= 1
        opening = next((o for o in _OPENINGS if text.endswith(o, 0, j)), None)
        start = j - len(opening) if opening is not None else at
        if opening in ("\\(", "\\[") and start > 0 and text[start - 1] == "\\":  # kramdown's \\( … \\)
            start -= 1
        out.append((*_line_col(starts, start), at))
    return out


# ---------------------------------------------------------------------------------------------
# checking many files


@dataclass(frozen=True)
class Checked:
    """One file checked: its report and where each formula stands, or why it could not be read."""

    path: str
    report: Report | None
    positions: tuple[tuple[int, int, int], ...] = ()
    error: str | None = None


def check_one(path: str, budget: float | None, approx_tol: float, approx_interval: Any = None) -> Checked:
    """Check one file (in a worker process or in this one); an unreadable file is an error, never raised."""
    from .formula import check_file, read_document

    try:
        report = check_file(path, budget=budget, approx_tol=approx_tol, approx_interval=approx_interval)
        positions = tuple(locate(read_document(path), report))
    except GlusymError as exc:
        return Checked(path, None, (), str(exc))
    return Checked(path, report, positions)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _progress(total: int) -> Any:
    """tqdm on stderr: on a terminal only, never with TQDM_DISABLE set; shown at once for more
    than three files, after two seconds for fewer (a long run)."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty() or bool(os.environ.get("TQDM_DISABLE"))
    return tqdm(total=total, unit="file", file=sys.stderr, disable=disable, delay=0 if total > 3 else 2.0,
                leave=False, dynamic_ncols=True)


def check_many(paths: Sequence[Path], budget: float | None, approx_tol: float, jobs: int,
               progress: Callable[[int], Any] = _progress, approx_interval: Any = None) -> list[Checked]:
    """Every file checked, ``jobs`` at a time in worker processes (one: in this process); the
    results sorted by path, whatever the order they finished in."""
    names = [str(p) for p in paths]
    results: list[Checked] = []
    with progress(len(names)) as bar:
        if jobs <= 1 or len(names) <= 1:
            for n in names:
                bar.set_postfix_str(n, refresh=False)
                results.append(check_one(n, budget, approx_tol, approx_interval))
                bar.update(1)
        else:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            with ProcessPoolExecutor(max_workers=min(jobs, len(names)), mp_context=context) as pool:
                futures = [pool.submit(check_one, n, budget, approx_tol, approx_interval) for n in names]
                for fut in as_completed(futures):
                    results.append(fut.result())
                    bar.update(1)
    return sorted(results, key=lambda c: c.path)


def totals(results: Sequence[Checked]) -> dict[str, int]:
    """The links of every file by verdict, in the vocabulary's order."""
    c: Counter[str] = Counter()
    for r in results:
        if r.report is not None:
            c.update(r.report.summary)
    return {v: c[v] for v in VERDICTS if c[v]}


def summary_line(results: Sequence[Checked]) -> str:
    """``3 files (1 unreadable), 42 links: holds 30, fails 2, …``"""
    n = len(results)
    bad = sum(r.error is not None for r in results)
    counts = totals(results)
    links = sum(counts.values())
    return (f"{n} file{'s' * (n != 1)}" + (f" ({bad} unreadable)" if bad else "") +
            f", {links} link{'s' * (links != 1)}: " + (", ".join(f"{v} {k}" for v, k in counts.items()) or "none"))

"""``check --fix`` and ``--diff``: each failing link's right side replaced by the checker's
suggestion (what its left side equals), where the fixed formula holds when the file is checked
again and renders in KaTeX.

A file with any unparsed link is left alone (its formulas could not all be read, so a fix could
not be judged in context). KaTeX is the real one, run by node: the ``katex`` package found in
``$GLUSYM_KATEX/node_modules`` (a folder where ``npm install katex`` was run), else in the
clone's ``tests/katex/node_modules`` (``npm ci`` there), else wherever node resolves it. Without
node and KaTeX nothing is fixed, and the error says so.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GlusymError
from .files import Checked, locate
from .report import TRUE_VERDICTS, Report, Verdict

_RENDER = r"""
const katex = require("katex");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ tex, display }) => {
    try { katex.renderToString(tex, { throwOnError: true, displayMode: Boolean(display), strict: "error" });
          return null; } catch (e) { return String(e.message || e); }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def _katex_folders() -> list[Path]:
    out = []
    if os.environ.get("GLUSYM_KATEX"):
        out.append(Path(os.environ["GLUSYM_KATEX"]) / "node_modules")
    out.append(Path(__file__).resolve().parents[2] / "tests" / "katex" / "node_modules")
    return out


class KaTeX:
    """The real KaTeX through node; raises GlusymError where node or the katex package is missing."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise GlusymError("--fix and --diff check that each fix renders in KaTeX, and node is not installed: "
                              "nothing fixed")
        self.node = node
        self.env = dict(os.environ)
        found = next((f for f in _katex_folders() if (f / "katex").is_dir()), None)
        if found is not None:
            self.env["NODE_PATH"] = str(found)
        probe = subprocess.run([node, "-e", "require.resolve('katex')"], env=self.env, capture_output=True, text=True)
        if probe.returncode != 0:
            raise GlusymError("--fix and --diff check that each fix renders in KaTeX, and node finds no katex "
                              "package (set GLUSYM_KATEX to a folder where `npm install katex` was run): nothing fixed")

    def errors(self, formulas: Sequence[tuple[str, bool]]) -> list[str | None]:
        """KaTeX's error for each (tex, display), None where it renders."""
        if not formulas:
            return []
        r = subprocess.run([self.node, "-e", _RENDER], input=json.dumps([{"tex": t, "display": d} for t, d in formulas]),
                           env=self.env, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise GlusymError(f"KaTeX could not be run: {r.stderr.strip().splitlines()[-1:] or r.returncode}")
        return list(json.loads(r.stdout))


@dataclass(frozen=True)
class Fixed:
    """A file's fixes: the new text (None: nothing to change), what was fixed, what was not, and why."""

    path: str
    old: str
    new: str | None
    fixed: tuple[str, ...]
    refused: tuple[str, ...]
    report: Report | None = None  # the report of the new text


def _recheck(path: str, text: str, budget: float | None, approx_tol: float, approx_interval: Any = None) -> Report:
    from .extract import is_markdown
    from .formula import check_plain_text, check_text

    if is_markdown(path):
        return check_text(text, budget, name=path, approx_tol=approx_tol, approx_interval=approx_interval)
    return check_plain_text(text, budget, name=path, approx_tol=approx_tol, approx_interval=approx_interval)


def fix_file(c: Checked, text: str, katex: KaTeX, budget: float | None, approx_tol: float,
             approx_interval: Any = None) -> Fixed:
    """The fixes of one checked file (``text``: its content when checked), re-checked with the
    settings it was checked with (the budget, the tolerance and interval of approximations)."""
    assert c.report is not None
    report = c.report
    unparsed = sum(k.verdict == Verdict.UNPARSED for _, k in report.links())
    if unparsed:
        return Fixed(c.path, text, None, (), (f"{unparsed} unparsed link{'s' * (unparsed != 1)}: "
                                              "its formulas could not all be read, the file is left alone",))
    # candidate edits: (offset, length, replacement, formula index, left side, description)
    edits: list[tuple[int, int, str, int, str, str]] = []
    refused: list[str] = []
    for n, (f, (line, _, at)) in enumerate(zip(report.formulas, c.positions)):
        for k in f.links:
            if k.verdict != Verdict.FAILS:
                continue
            where = f"line {line}: {k.relation}"
            if not k.suggestion:
                refused.append(f"{where}: no suggestion")
                continue
            if text[at:at + len(f.latex)] != f.latex:
                refused.append(f"{where}: the formula is not found as written")
                continue
            i = f.latex.find(k.lhs)
            j = f.latex.find(k.rhs, i + len(k.lhs)) if i >= 0 else -1
            if j < 0 or f.latex.count(k.rhs) != 1 or any(e[3] == n for e in edits):
                refused.append(f"{where}: its right side is not found once in the formula")
                continue
            edits.append((at + j, len(k.rhs), k.suggestion, n, k.lhs, f"{where} → {k.lhs} {k.op} {k.suggestion}"))
    failing_before = {(n, k.relation) for n, f in enumerate(report.formulas) for k in f.links if k.verdict == Verdict.FAILS}
    while edits:
        new = text
        for off, length, rep, *_ in sorted(edits, reverse=True):
            new = new[:off] + rep + new[off + length:]
        after = _recheck(c.path, new, budget, approx_tol, approx_interval)
        if len(after.formulas) != len(report.formulas):
            refused.extend(f"{e[5]}: the fixed text reads as other formulas" for e in edits)
            break
        fixed = sorted({e[3] for e in edits})
        rendering = dict(zip(fixed, katex.errors([(after.formulas[n].latex, after.formulas[n].display) for n in fixed])))
        bad: set[int] = set()
        for _, _, rep, n, lhs, what in edits:
            holds = any(k.lhs == lhs and k.rhs == rep and k.verdict in TRUE_VERDICTS for k in after.formulas[n].links)
            if rendering[n] is not None:
                refused.append(f"{what}: does not render in KaTeX ({rendering[n]})")
                bad.add(n)
            elif not holds:
                refused.append(f"{what}: does not hold when checked again")
                bad.add(n)
        newly = {n for n, f in enumerate(after.formulas) for k in f.links
                 if k.verdict == Verdict.FAILS and (n, k.relation) not in failing_before and n not in fixed}
        if newly and not bad:  # a fix that makes another formula fail (a definition changed): none is made
            refused.extend(f"{e[5]}: makes another formula fail" for e in edits)
            break
        if not bad:
            return Fixed(c.path, text, new, tuple(e[5] for e in edits), tuple(refused), after)
        edits = [e for e in edits if e[3] not in bad]
    return Fixed(c.path, text, None, (), tuple(refused))


def unified_diff(f: Fixed) -> str:
    if f.new is None:
        return ""
    return "".join(difflib.unified_diff(f.old.splitlines(keepends=True), f.new.splitlines(keepends=True),
                                        fromfile=f"a/{f.path}", tofile=f"b/{f.path}"))


def write_fix(f: Fixed) -> Path:
    """Write the fixed text, the original kept as FILE.bak; returns the backup's path."""
    assert f.new is not None
    p = Path(f.path)
    raw = p.read_bytes()
    backup = p.with_name(p.name + ".bak")
    backup.write_bytes(raw)
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    newline = "\r\n" if b"\r\n" in raw else None
    with p.open("wb") as out:
        data = f.new if newline is None else f.new.replace("\r\n", "\n").replace("\n", "\r\n")
        out.write(bom + data.encode("utf-8"))
    return backup

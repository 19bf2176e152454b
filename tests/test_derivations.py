"""The derivations/ scripts: running one is checking it.

Every script (found by glob, so a new one is covered without editing this file) runs as its own
process, exits 0 and prints its outcomes; the passages it quotes are exact excerpts of its
document; its LaTeX snippets are well formed, read back with glusym.parse_latex, render in KaTeX and
are never judged false by glusym.check_formula; ``-o DIR --latex`` writes the same snippets and the
figure; a false claim makes a script exit 1; and derivations/README.md lists every script.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import glusym
from glusym.claims import VERDICTS, build_ledger

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "derivations"
DOCUMENTS = {"swiglu_intuition": "swiglu-intuition.md", "geglu_geometry": "geglu-geometry.txt"}
SCRIPTS = sorted(p for folder in DOCUMENTS for p in (FOLDER / folder).glob("*.py") if not p.name.startswith("_"))

SNIPPET = re.compile(r"^  \[latex ([\w-]+)(, display)?\] (.*)$", re.M)
OUTCOME = re.compile(r"^  \[(%s)\] “(.*)”$" % "|".join(VERDICTS), re.M)


def _id(script: Path) -> str:
    return f"{script.parent.name}/{script.name}"


@functools.lru_cache(maxsize=None)
def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The script run as its own process (once per argument list in this session)."""
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def ran(script: Path) -> str:
    """The output of ``script --latex``, which must have succeeded."""
    r = run(script, "--latex")
    assert r.returncode == 0, f"{_id(script)} exited {r.returncode}:\n{r.stderr[-3000:]}"
    return r.stdout


def snippets(output: str) -> list[tuple[str, bool, str]]:
    """(name, parseable, tex) of every snippet a script printed."""
    return [(m.group(1), m.group(2) is None, m.group(3)) for m in SNIPPET.finditer(output)]


def balanced(tex: str) -> bool:
    """Braces balanced (ignoring \\{ and \\}), and as many \\left as \\right."""
    depth = 0
    for m in re.finditer(r"\\[{}]|[{}]", tex):
        if m.group() in ("{", "}"):
            depth += 1 if m.group() == "{" else -1
            if depth < 0:
                return False
    lefts = len(re.findall(r"\\left(?![a-zA-Z])", tex))
    rights = len(re.findall(r"\\right(?![a-zA-Z])", tex))
    return depth == 0 and lefts == rights


def test_the_folder_has_scripts_for_both_documents() -> None:
    assert {p.parent.name for p in SCRIPTS} == set(DOCUMENTS)
    assert (FOLDER / "_common.py").is_file()


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_script_runs_and_prints_its_outcomes(script: Path) -> None:
    out = ran(script)
    assert out.strip()
    assert "\nOutcomes\n" in out
    outcomes = OUTCOME.findall(out)
    assert outcomes, f"{_id(script)} printed no outcome"
    assert "FALSE" not in out


@pytest.fixture(scope="module")
def ledger(seeds: Path):  # type: ignore[no-untyped-def]
    return build_ledger(seeds)


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_every_outcome_is_the_ledgers_verdict(script: Path, ledger) -> None:  # type: ignore[no-untyped-def]
    # the scripts take their verdicts from derivations/ledger, which glusym claims computes: the two agree
    rows = {(r.document, r.quote): r.verdict for r in ledger}
    for verdict, quote in OUTCOME.findall(ran(script)):
        key = (DOCUMENTS[script.parent.name], quote)
        assert key in rows, f"{_id(script)}: {quote!r} is not a row of the ledger"
        assert rows[key] == verdict, f"{_id(script)}: {quote!r} is {verdict} here and {rows[key]} in the ledger"


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_quotes_are_exact_excerpts_of_the_document(script: Path, seeds: Path) -> None:
    text = (seeds / DOCUMENTS[script.parent.name]).read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    quoted = [line[2:] for line in doc.splitlines() if line.startswith("> ")]
    assert quoted, f"{_id(script)}: its docstring quotes no passage (lines starting with '> ')"
    printed = [q for _, q in OUTCOME.findall(ran(script))]
    for q in quoted + printed:
        assert q in text, f"{_id(script)}: not an excerpt of {DOCUMENTS[script.parent.name]}: {q!r}"


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_snippets_are_well_formed_read_back_and_not_false(script: Path) -> None:
    for name, parseable, tex in snippets(ran(script)):
        assert tex.strip() and balanced(tex), f"{_id(script)} [{name}]: {tex}"
        if not parseable:
            continue
        glusym.parse_latex(tex)  # raises LatexParseError where it cannot read it
        for link in glusym.check_formula(tex, budget=5.0):
            assert link.verdict != "fails", f"{_id(script)} [{name}]: {link.lhs} = {link.rhs}: {link.reason}"
            assert link.verdict != "unparsed", f"{_id(script)} [{name}]: {link.reason}"


def test_every_snippet_renders_in_katex(katex: Callable[..., list[str | None]]) -> None:
    items = [(f"{_id(s)} [{name}]", tex) for s in SCRIPTS for name, _, tex in snippets(ran(s))]
    assert items
    results = katex([(tex, True) for _, tex in items])
    errors = [(where, err) for (where, _), err in zip(items, results) if err is not None]
    assert not errors, errors


def test_output_dir_gets_the_snippets_and_the_figure(tmp_path: Path) -> None:
    script = FOLDER / "swiglu_intuition" / "ellipse.py"
    r = run(script, "-o", str(tmp_path), "--latex")
    assert r.returncode == 0, r.stderr[-3000:]
    printed = snippets(r.stdout)
    assert printed and any(not p for _, p, _ in printed) and any(p for _, p, _ in printed)
    for name, parseable, tex in printed:
        path = tmp_path / f"ellipse-{name}{'.tex' if parseable else '.display.tex'}"
        written = path.read_text(encoding="utf-8").strip()
        assert written == tex and balanced(written)
        if parseable:
            glusym.parse_latex(written)
    tex_files = {p.name for p in tmp_path.glob("*.tex")}
    assert tex_files == {f"ellipse-{n}{'.tex' if p else '.display.tex'}" for n, p, _ in printed}
    svg = tmp_path / "ellipse.svg"
    assert svg.is_file() and svg.read_text(encoding="utf-8").startswith("<?xml")


def test_a_false_claim_exits_1_with_its_message(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(FOLDER)!r})\n"
        "from _common import Script\n"
        "d = Script('a probe')\n"
        "d.check(1 + 1 == 2, 'arithmetic')\n"
        "d.check(1 + 1 == 3, 'the truth, which is false here')\n",
        encoding="utf-8")
    r = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "✓ arithmetic" in r.stdout
    assert "FALSE: the truth, which is false here" in r.stderr


def test_readme_indexes_every_script_and_its_outcomes() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\b((?:swiglu_intuition|geglu_geometry)/\w+\.py)\b", readme))
    assert listed == {_id(s) for s in SCRIPTS}
    for script in SCRIPTS:
        for verdict, quote in OUTCOME.findall(ran(script)):
            cell = "`" + quote.replace("|", "\\|") + "`"
            row = [line for line in readme.splitlines() if cell in line]
            assert row, f"README.md has no row for {_id(script)}: {quote!r}"
            assert any(verdict in line for line in row), f"README.md: {quote!r} is not marked {verdict!r}"


def test_x_squared_gives_the_best_relu_error_half_the_interpolants() -> None:
    # the best uniform error with n equal pieces on [-1, 1] is h^2/8 = 1/(2n^2), the interpolant's
    # h^2/4 = 1/n^2 halved: the script's table and outcome say so, and mpmath agrees independently
    out = ran(FOLDER / "swiglu_intuition" / "x_squared.py")
    rows = re.findall(r"^  (\d+) +(\S+) +(\S+) +(\S+) +(\S+)$", out, flags=re.M)
    assert [int(r[0]) for r in rows] == [4, 8, 16, 32, 64, 128]
    for n, interp, interp_n2, best, best_n2 in rows:
        assert (float(interp_n2), float(best_n2)) == (1.0, 0.5)
        assert abs(float(best) - 1 / (2 * int(n) ** 2)) < 1e-9 and abs(float(interp) - 1 / int(n) ** 2) < 1e-9
    assert "the best sum, the interpolant lowered by h²/8, by half that, 1/(2n²)" in out
    assert "[latex relu-error] E_{n} = \\frac{1}{2 n^{2}}" in out
    import mpmath

    n = 4
    h = mpmath.mpf(2) / n
    def lowered(t: mpmath.mpf) -> mpmath.mpf:  # the chord of x^2 on t's piece, lowered by h^2/8
        k = min(int((t + 1) / h), n - 1)
        a = -1 + k * h
        return a**2 + (2 * a + h) * (t - a) - h**2 / 8
    errors = [lowered(t) - t**2 for t in mpmath.linspace(-1, 1, 64 * n + 1)]
    assert mpmath.almosteq(max(abs(e) for e in errors), 1 / mpmath.mpf(2 * n**2), 1e-20)
    assert [mpmath.sign(e) for e in errors[::32]] == [(-1) ** (k + 1) for k in range(2 * n + 1)]

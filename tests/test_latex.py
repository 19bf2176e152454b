"""LaTeX out: every entry × every part renders in the real KaTeX and reads back to the same statement."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath
import pytest
import sympy

import glusym
from glusym.catalogue import CATALOGUE
from glusym.latex import PARTS, latex, latex_part, part_equations, wrap
from glusym.parsing import BigO, parse_latex



def test_katex_harness_rejects_what_katex_lacks(katex: Callable[..., list[str | None]]) -> None:
    errors = katex([(r"\sigma\left(x\right)", True), (r"\re(x)", False), (r"\begin{tabular}{c}a\end{tabular}", True),
                           (r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}", True)])
    assert errors[0] is None and errors[3] is None
    assert errors[1] is not None and errors[2] is not None


# ---------------------------------------------------------------------------------------------
# every entry × every part


@functools.lru_cache(maxsize=None)
def _equations(name: str, part: str) -> tuple[tuple[str, Any], ...]:
    return tuple(part_equations(CATALOGUE[name], part, order=6))


CASES = [(n, p) for n in CATALOGUE for p in PARTS]


def test_every_entry_and_part_renders_in_katex_in_one_batch(katex: Callable[..., list[str | None]]) -> None:
    formulas = [(tex, True) for n, p in CASES for tex, _ in _equations(n, p)]
    inline = [(tex, False) for n in CATALOGUE for tex, _ in _equations(n, "definition")]
    expanded = [(latex(u, expand=True), True) for u in CATALOGUE.values()]
    errors = katex(formulas + inline + expanded)
    bad = [(tex, e) for (tex, _), e in zip(formulas + inline + expanded, errors) if e is not None]
    assert not bad, bad[:5]
    assert len(formulas) > 6 * len(CATALOGUE)


def test_every_entry_has_every_part() -> None:
    """Completeness: a new entry without its LaTeX fails here."""
    for name in CATALOGUE:
        for part in ("definition", "gradient", "hessian", "taylor", "asymptotes"):
            assert _equations(name, part), (name, part)
    with_limits = [n for n, u in CATALOGUE.items() if any(p.limits for p in u.params)]
    assert all(_equations(n, "limits") for n in with_limits if n not in ("selu",))


def _numeq(a: Any, b: Any) -> bool:
    names = sorted({s.name for s in a.free_symbols | b.free_symbols})
    syms = {n: sympy.Symbol(n, real=True) for n in names}

    def ren(e: Any) -> Any:
        return e.xreplace({s: syms[s.name] for s in e.free_symbols})

    fa = sympy.lambdify([syms[n] for n in names], glusym.elementary(ren(a)), "mpmath")
    fb = sympy.lambdify([syms[n] for n in names], glusym.elementary(ren(b)), "mpmath")
    rng = random.Random(3)
    with mpmath.workdps(30):
        for _ in range(12):
            pt = [mpmath.mpf(rng.choice([-1, 1]) * rng.uniform(0.1, 3)) for _ in names]
            va, vb = fa(*pt), fb(*pt)
            if abs(va - vb) > mpmath.mpf(10) ** -20 * max(1, abs(va)):
                return False
    return True


def same(a: Any, b: Any) -> bool:
    """Structural equality, else equality at 12 points to 30 digits (parts compared alike)."""
    if a == b:
        return True
    if isinstance(a, sympy.Tuple) and isinstance(b, sympy.Tuple):
        return len(a) == len(b) and all(same(p, q) for p, q in zip(a, b))
    if isinstance(a, sympy.MatrixBase) and isinstance(b, sympy.MatrixBase):
        return a.shape == b.shape and all(same(p, q) for p, q in zip(a, b))
    if isinstance(a, sympy.Limit) and isinstance(b, sympy.Limit):
        return (a.args[1].name == b.args[1].name and a.args[2] == b.args[2]
                and str(a.args[3]) == str(b.args[3]) and same(a.args[0], b.args[0]))
    if isinstance(a, sympy.Piecewise) and isinstance(b, sympy.Piecewise) and (a.has(BigO) or b.has(BigO)):
        return len(a.args) == len(b.args) and all(same(p.expr, q.expr) and same(p.cond, q.cond)
                                                  for p, q in zip(a.args, b.args))
    if a.has(BigO) or b.has(BigO):
        oa, ob = a.atoms(BigO), b.atoms(BigO)
        return oa == ob and same(a.xreplace({o: 0 for o in oa}), b.xreplace({o: 0 for o in ob}))
    if isinstance(a, sympy.logic.boolalg.Boolean) or isinstance(b, sympy.logic.boolalg.Boolean):
        return bool(sympy.simplify(sympy.Equivalent(a, b)) == sympy.true)
    return _numeq(a, b)


@pytest.mark.parametrize("name,part", CASES)
def test_round_trip(name: str, part: str) -> None:
    """parse_latex(latex of the part) states the part: same left and right sides."""
    for tex, (lhs, rhs) in _equations(name, part):
        parsed = parse_latex(tex)
        assert isinstance(parsed, sympy.Eq), tex
        assert same(parsed.lhs, lhs), (tex, parsed.lhs, lhs)
        assert same(parsed.rhs, rhs), (tex, parsed.rhs, rhs)


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_expanded_definition_round_trip(name: str) -> None:
    unit = CATALOGUE[name]
    (_, (_, rhs)), = _equations(name, "definition")
    parsed = parse_latex(latex(unit, expand=True))
    assert same(parsed.rhs, glusym.elementary(rhs)), (name, parsed.rhs)


# ---------------------------------------------------------------------------------------------
# the notation


def test_post_notation() -> None:
    x = glusym.x
    assert latex(glusym.get("gelu")) == r"\text{GELU}\left(x\right) = x \Phi\left(x\right)"
    assert latex(glusym.get("swish")) == r"\text{Swish}_\beta\left(x\right) = x \sigma\left(\beta x\right)"
    assert latex(glusym.phi(x)) == r"\varphi\left(x\right)"
    assert latex(sympy.Heaviside(x)) == r"H\left(x\right)"
    assert r"x_{g}" in latex(glusym.get("swiglu")) and r"\left(x_{g}, x_{v}\right)" in latex(glusym.get("swiglu"))
    assert latex_part(glusym.get("relu"), "definition")[0].startswith(r"\text{ReLU}\left(x\right) = ")
    assert latex_part(glusym.get("silu"), "definition") == [r"\text{SiLU}\left(x\right) = x \sigma\left(x\right)"]
    # a parameter in the name takes its value in the derived parts
    assert latex_part(glusym.get("swish", beta=2), "gradient")[0].startswith(r"\text{Swish}_{2}'\left(x\right)")


def test_expand_writes_the_definitions_out() -> None:
    assert latex(glusym.get("silu"), expand=True) == r"\text{SiLU}\left(x\right) = \frac{x}{1 + e^{- x}}"
    assert r"\operatorname{erf}" in latex(glusym.get("gelu"), expand=True)
    assert r"\sigma" not in latex(glusym.get("swiglu"), expand=True)


def test_analysis_results(katex: Callable[..., list[str | None]]) -> None:
    u = glusym.get("swiglu")
    assert latex(glusym.gradient(u)).startswith(r"\left(")
    assert latex(glusym.hessian(u)).startswith(r"\begin{pmatrix}")
    assert latex(glusym.taylor(glusym.get("silu"), 3)) == r"\frac{x}{2} + \frac{x^{2}}{4} + O\left(x^{3}\right)"
    assert latex(glusym.taylor(glusym.get("relu2"), 3)).startswith(r"\begin{cases}")
    from glusym.analysis.asymptotes import asymptotes
    from glusym.analysis.limits import param_limits

    assert latex(asymptotes(glusym.get("silu"))).startswith(r"\begin{aligned}")
    assert r"\lim_{beta \to \infty}" in latex(param_limits(glusym.get("swish"))).replace(r"\beta", "beta")
    errors = katex([(latex(asymptotes(glusym.get("silu"))), True),
                           (latex(param_limits(glusym.get("swish"))), True)])
    assert errors == [None, None]


def test_wrap_delimiters() -> None:
    assert wrap("x", "kramdown") == "$$x$$"
    assert wrap("x", "kramdown", display=False) == "\\\\(x\\\\)"
    assert wrap("x", "dollar", display=False) == "$x$"
    assert wrap("x", "none") == "x"
    with pytest.raises(glusym.GlusymError):
        wrap("x", "html")
    with pytest.raises(glusym.GlusymError):
        latex_part(glusym.get("silu"), "nonsense")


def test_cli_latex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from glusym.cli import main

    assert main(["latex", "swiglu", "--part", "gradient"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("$$\\nabla \\text{SwiGLU}") and out.rstrip().endswith("$$")
    assert main(["latex", "swiglu", "--part", "all", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for part in PARTS:
        f = tmp_path / f"swiglu-{part}.tex"
        assert f.is_file() and str(f) in out
    # a file for an include: a blank line around every formula (tests/test_kramdown.py renders them)
    assert (tmp_path / "swiglu-gradient.tex").read_text().startswith("\n$$\\nabla")
    assert main(["latex", "swiglu", "--part", "all"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!-- definition -->\n\n$$") and "$$\n$$" not in out and "\n% " not in out
    assert main(["latex", "silu", "--delimiters", "kramdown", "--inline"]) == 0
    assert capsys.readouterr().out.startswith("\\\\(\\text{SiLU}")
    assert main(["latex", "silu", "--part", "taylor", "--order", "3", "--delimiters", "none"]) == 0
    assert capsys.readouterr().out.strip() == r"\text{SiLU}\left(x\right) = \frac{x}{2} + \frac{x^{2}}{4} + O\left(x^{3}\right)"
    assert main(["latex", "nosuchunit"]) == 2
    assert main(["latex", "silu", "--order", "0"]) == 2


def test_an_expression_too_large_to_print_is_refused_in_one_line() -> None:
    import sympy

    from glusym import GlusymError, latex, x

    with pytest.raises(GlusymError, match="a number of 6021 digits is too large to write as LaTeX"):
        latex(sympy.Integer(2) ** 20000 * x)

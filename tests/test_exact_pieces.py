r"""A unit that *is* a polynomial on a half-line says so (issue 16): ReLU's Taylor expansion is
x for x > 0 and 0 for x < 0, not "0 + O(x^6)"; ReLU at -oo is exactly 0, not "exponential decay".

Table-driven over the catalogue: every flag is checked against the unit itself, numerically, on
the whole side it claims (and a flag that is False is shown false somewhere on that side)."""

from __future__ import annotations

import mpmath
import pytest
import sympy

import glusym
from glusym.analysis.asymptotes import asymptotes
from glusym.cli import main
from glusym.numeric import to_mpmath

NAMES = [n for n in glusym.names() if glusym.get(n).kind == "activation"]
SIDE_POINTS = (mpmath.mpf("0.01"), mpmath.mpf("0.4"), mpmath.mpf("2.5"), mpmath.mpf(7), mpmath.mpf(90))


def _poly(p: sympy.Expr) -> object:
    return sympy.lambdify(glusym.x, p, "mpmath")


@pytest.mark.parametrize("name", NAMES)
def test_an_exact_taylor_expansion_is_the_unit_on_its_side(name: str) -> None:
    u = glusym.get(name)
    f = to_mpmath(u)
    t = glusym.taylor(u, order=6)
    pieces = [(None, t.polynomial)] if t.polynomial is not None else list(t.sides)
    assert len(t.exact) == len(pieces)
    for i, (label, p) in enumerate(pieces):
        signs = (1, -1) if label is None else (1 if label.rel_op == ">" else -1,)
        gaps = [abs(f(s * a) - _poly(p)(s * a)) for s in signs for a in SIDE_POINTS]
        if t.is_exact(i):
            assert max(gaps) < mpmath.mpf(10) ** -20, (name, label)
            assert "O(" not in str(t).split(";")[i] and r"O\left" not in glusym.latex(t).split(r"\\")[i]
        else:
            assert max(gaps) > mpmath.mpf(10) ** -12, (name, label)  # not the unit on the whole side


def test_relu_and_its_neighbours() -> None:
    relu = glusym.taylor(glusym.get("relu"))
    assert str(relu) == "x for x > 0; 0 for x < 0"
    assert glusym.latex(relu) == r"\begin{cases} x & x > 0 \\ 0 & x < 0 \end{cases}"
    # ReLU6 is x up to 6 only: its x > 0 side keeps its O term; HardTanh is x on (-1, 1) only
    assert str(glusym.taylor(glusym.get("relu6"))) == "x + O(x^6) for x > 0; 0 for x < 0"
    assert str(glusym.taylor(glusym.get("hardtanh"))) == "x + O(x^6)"
    assert str(glusym.taylor(glusym.get("identity"))) == "x"
    assert glusym.latex_part(glusym.get("relu"), "taylor")[0].endswith(r"\end{cases}")
    assert "O" not in glusym.latex_part(glusym.get("relu"), "taylor")[0]


@pytest.mark.parametrize("name", NAMES)
def test_exact_at_infinity_is_the_unit_on_a_half_line(name: str) -> None:
    u = glusym.get(name)
    f = to_mpmath(u)
    a = asymptotes(u)
    for beh, sgn in ((a.plus, 1), (a.minus, -1)):
        if beh.oblique is None:
            assert not beh.exact
            continue
        with mpmath.workdps(150):  # GELU - x at x = 20 is 1e-88: seen at 150 digits, not at 15
            slope, b = (mpmath.mpf(sympy.Float(c, 40)) for c in beh.oblique)
            gaps = [abs(f(sgn * X) - (slope * sgn * X + b)) for X in (mpmath.mpf(5), mpmath.mpf(20), mpmath.mpf(10) ** 3)]
        if beh.exact:
            assert max(gaps[1:]) < mpmath.mpf(10) ** -30, (name, beh.direction)  # past every kink (at most 6)
        else:
            assert max(gaps) > 0, (name, beh.direction)


def test_the_report_says_exactly_zero(capsys: pytest.CaptureFixture[str]) -> None:
    exactly_zero = 0
    for name in ("relu", "relu6", "hardswish", "hardsigmoid", "sparse_plus", "relu2", "threshold"):
        assert main(["derive", name]) == 0
        out = capsys.readouterr().out
        minus = out.split("x → −∞:")[1].split("\n\n")[0]
        assert "exponential decay" not in minus and "f is exactly 0 there" in minus, name
        exactly_zero += 1
    assert main(["derive", "silu"]) == 0  # SiLU decays to 0, it is not 0
    minus = capsys.readouterr().out.split("x → −∞:")[1].split("\n\n")[0]
    assert "exponential decay" in minus and "exactly" not in minus
    assert main(["derive", "hardtanh"]) == 0
    out = capsys.readouterr().out
    assert "f = 1 exactly, on a half-line" in out and "f = -1 exactly, on a half-line" in out

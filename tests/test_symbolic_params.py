r"""Symbolic parameters (issue 16, item 4): ``get("swish", beta="b")`` keeps β a parameter in every
analysis, a set parameter is displayed (Swish₂(x) = xσ(2x)), and a value outside a parameter's
declared domain is refused.

Coefficients in the parameter are checked against ``mpmath.taylor`` at numeric values of it, so
that a dropped or wrong term in β (the old −β³x⁴/48 loss) fails."""

from __future__ import annotations

import keyword

import mpmath
import pytest
import sympy

import glusym
from glusym import GlusymError, get, x
from glusym.catalogue import CATALOGUE
from glusym.cli import main
from glusym.latex import latex_part, unit_definition
from glusym.numeric import to_mpmath

b = sympy.Symbol("b")
#: every (unit, parameter) of the catalogue
PARAMETRISED = [(n, p.name) for n, u in CATALOGUE.items() for p in u.params]
VALUES = (sympy.Rational(1, 2), sympy.Rational(7, 3))


def test_a_name_and_a_bare_symbol_become_the_parameter_with_its_domain() -> None:
    for value in ("b", b):
        u = get("swish", beta=value)
        assert u.param_values["beta"] == sympy.Symbol("b", positive=True)
        assert u.expr == x * glusym.sigmoid(sympy.Symbol("b", positive=True) * x)
    real = sympy.Symbol("c", real=True)  # a symbol with assumptions is kept as it is
    assert get("swish", beta=real).param_values["beta"] is real
    assert get("threshold", value="v").param_values["value"] == sympy.Symbol("v", real=True)
    assert get("swish", beta="1.702").param_values["beta"] == sympy.Rational(851, 500)  # numbers stay exact


@pytest.mark.parametrize("bad", ["2 b", "b+1", "__import__('os')", "nan", "inf", "lambda", "1/0", ""])
def test_other_text_is_refused(bad: str) -> None:
    with pytest.raises(GlusymError):
        get("swish", beta=bad)


def test_a_value_outside_the_declared_domain_is_refused() -> None:
    for name, param in [("squareplus", "b"), ("swish", "beta"), ("elu", "alpha"), ("leaky_relu", "negative_slope")]:
        assert CATALOGUE[name].params[[p.name for p in CATALOGUE[name].params].index(param)].positive
        for bad in (-1, "-0.5", 0, "0"):
            with pytest.raises(GlusymError, match=fr"parameter {param} of {name} must be in \(0, ∞\), got"):
                get(name, **{param: bad})
        assert get(name, **{param: "1/1000"}).param_values[param] == sympy.Rational(1, 1000)
    with pytest.raises(GlusymError, match="beta → 0\\+ is a limit"):
        get("swish", beta=0)  # x/2 is Swish's limit at 0+, not a Swish
    with pytest.raises(GlusymError, match=r"min_val of hardtanh must be in \(-∞, 1\), got 1"):
        get("hardtanh", min_val=1)  # PyTorch: min_val < max_val
    assert get("hardtanh", min_val=-3).param_values["min_val"] == -3  # a real parameter takes negatives
    assert get("hardtanh", min_val=2, max_val=3).param_values["min_val"] == 2  # ordered against the new max_val
    for cmd in ("derive", "latex"):
        for value in ("b=-1", "b=0", "b=inf", "b=nan"):
            assert main([cmd, "squareplus", "--set", value]) == 2


@pytest.mark.parametrize("name, param", PARAMETRISED)
def test_taylor_coefficients_in_the_parameter_match_mpmath(name: str, param: str) -> None:
    symbolic = get(name, **{param: "b"})
    s = symbolic.param_values[param]
    moves_a_kink = any(c.has(s) for pw in symbolic.expr.atoms(sympy.Piecewise) for _, c in pw.args)
    if moves_a_kink and not s.is_positive:  # HardTanh's a, Threshold's θ: the side of 0 the kink is on
        with pytest.raises(GlusymError, match="cannot decide the branch condition"):
            glusym.taylor(symbolic, order=5)  # depends on the sign of b: refused, not guessed
        return
    t = glusym.taylor(symbolic, order=5)
    assert t.variables == symbolic.variables and s not in t.variables
    pieces = [(None, t.polynomial)] if t.polynomial is not None else list(t.sides)
    for value in VALUES:
        f = to_mpmath(get(name, **{param: value}))
        for label, p in pieces:
            direction = 0 if label is None else (1 if label.rel_op == ">" else -1)
            if len(symbolic.variables) > 1:  # a gated unit: along x_v = 1, the x_g-coefficients
                p = p.xreplace({symbolic.variables[1]: 1})
                g = lambda z, f=f: f(z, 1)  # noqa: E731
            else:
                g = f
            poly = sympy.Poly(p.xreplace({s: value}), symbolic.variables[0])
            with mpmath.workdps(50):  # one side: from a point just inside it (Threshold jumps at 0)
                want = mpmath.taylor(g, direction * mpmath.mpf(10) ** -25, 3, direction=direction) if direction \
                    else mpmath.taylor(g, 0, 3)
            for k in range(4):
                got = poly.coeff_monomial(symbolic.variables[0] ** k)
                assert abs(mpmath.mpf(str(sympy.N(got, 30))) - want[k]) < mpmath.mpf(10) ** -8, (name, value, k)


def test_the_template_keeps_beta_a_parameter() -> None:
    t = glusym.taylor(get("swish").template, order=5)
    beta = get("swish").params[0].symbol
    assert t.variables == (x,)
    assert sympy.expand(t.polynomial - (x / 2 + beta * x**2 / 4 - beta**3 * x**4 / 48)) == 0
    assert glusym.gradient(get("swish").template)[0].has(beta)
    assert len(glusym.gradient(get("swish").template)) == 1  # d/dx only, not d/dbeta
    user_b = sympy.Symbol("b", positive=True)  # a raw expression in glusym's x: other symbols are parameters
    assert glusym.taylor(x * glusym.sigmoid(user_b * x), order=5).polynomial.coeff(x, 4) == -user_b**3 / 48
    a = glusym.asymptotes(get("swish", beta="b"))
    assert a.plus.oblique == (1, 0) and a.minus.limit == 0 and a.variable == x
    t1, t2 = sympy.symbols("x_1 x_2", real=True)  # without glusym's variables: all its symbols are
    assert glusym.taylor(t1 * t2, order=3).variables == (t1, t2)


def test_a_set_parameter_is_displayed() -> None:
    two, three = get("swish", beta=2), get("swish", beta=3)
    assert unit_definition(two) == r"\text{Swish}_{2}\left(x\right) = x \sigma\left(2 x\right)"
    assert glusym.latex(two) == unit_definition(two) and two._repr_latex_() == "$\\displaystyle " + unit_definition(two) + "$"
    assert glusym.latex(three) != glusym.latex(two) and r"\text{Swish}_{3}" in glusym.latex(three)
    assert unit_definition(get("swish", beta="b")) == r"\text{Swish}_{b}\left(x\right) = x \sigma\left(b x\right)"
    assert unit_definition(get("swish")) == r"\text{Swish}_\beta\left(x\right) = x \sigma\left(\beta x\right)"
    assert latex_part(get("swish", beta="b"), "taylor")[0].startswith(r"\text{Swish}_{b}\left(x\right) = ")
    assert latex_part(two, "definition") == [unit_definition(two)]


def test_the_derive_header_names_the_set_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", "swish", "--set", "beta=2"]) == 0
    assert capsys.readouterr().out.startswith("swish with beta = 2 — ")
    assert main(["derive", "swish", "--set", "beta=3"]) == 0
    assert capsys.readouterr().out.startswith("swish with beta = 3 — ")
    assert main(["derive", "swish"]) == 0
    assert capsys.readouterr().out.startswith("swish — ")
    assert main(["derive", "swish", "--set", "beta=b"]) == 2  # the command line takes numbers
    assert "--set takes numbers" in capsys.readouterr().err
    assert not keyword.iskeyword("b")


@pytest.mark.parametrize("name", ["x", "x_g", "x_v"])
def test_a_parameter_may_not_be_named_after_a_variable(name: str) -> None:
    with pytest.raises(glusym.GlusymError, match="name of a variable"):
        glusym.get("swish", beta=name)

"""Extrema, inflections, critical points, stationary sets and level sets over the whole catalogue."""

from __future__ import annotations

import mpmath
import pytest
import sympy

import glusym
from glusym.analysis.extrema import (
    CriticalPoint,
    critical_points,
    extrema,
    inflections,
    level_set,
    stationary_sets,
)
from glusym.analysis._common import to_piecewise
from glusym.catalogue import x, x_g, x_v
from glusym.functions import Phi, elementary

NAMES = list(glusym.CATALOGUE)
ACTIVATIONS = [n for n in NAMES if glusym.get(n).kind == "activation"]
GATED = [n for n in NAMES if glusym.get(n).kind == "gated"]
DPS = 40


def _mp(expr: sympy.Expr, point: dict) -> mpmath.mpf:
    """expr at point, with mpmath at DPS digits (Phi through erfc: no cancellation in the tail)."""
    e = expr.replace(lambda a: isinstance(a, Phi), lambda a: a.rewrite(sympy.erfc))
    e = elementary(sympy.piecewise_fold(e))
    syms = sorted(point, key=lambda s: s.name)
    f = sympy.lambdify(syms, e, modules="mpmath")
    with mpmath.workdps(DPS):
        return f(*[mpmath.mpf(sympy.N(point[s], DPS + 10)._to_mpmath(mpmath.mp.prec)) if point[s] != 0
                   else mpmath.mpf(0) for s in syms])


def _deriv(unit: glusym.Unit, k: int) -> sympy.Expr:
    return sympy.diff(to_piecewise(unit.expr), x, k)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_extrema_are_stationary_and_classified(name: str) -> None:
    unit = glusym.get(name)
    for p in extrema(unit):
        assert isinstance(p, CriticalPoint)
        (var, at), = p.at
        assert var == x
        assert p.exact or len(str(at).lstrip("-").replace(".", "")) >= 30
        with mpmath.workdps(DPS):
            f0 = _mp(unit.expr, {x: at})
            assert abs(f0 - _mp(p.value, {})) < mpmath.mpf(10) ** -28
            if not p.kink:
                assert abs(_mp(_deriv(unit, 1), {x: at})) < mpmath.mpf(10) ** -25
            h = sympy.Rational(1, 10**6)
            left, right = _mp(unit.expr, {x: at - h}) - f0, _mp(unit.expr, {x: at + h}) - f0
        expected = {"minimum": (1, 1), "maximum": (-1, -1)}.get(p.kind)
        if expected is not None:
            assert (mpmath.sign(left), mpmath.sign(right)) == expected
        else:
            assert p.kind == "inflection" and mpmath.sign(left) * mpmath.sign(right) < 0


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_inflections_have_sign_change_of_second_derivative(name: str) -> None:
    unit = glusym.get(name)
    d2 = _deriv(unit, 2)
    for p in inflections(unit):
        (_, at), = p.at
        h = sympy.Rational(1, 10**5)
        if not p.kink:
            assert abs(_mp(d2, {x: at})) < mpmath.mpf(10) ** -25
        assert _mp(d2, {x: at - h}) * _mp(d2, {x: at + h}) < 0


@pytest.mark.parametrize("name", NAMES)
def test_stationary_sets_are_flat(name: str) -> None:
    unit = glusym.get(name)
    for s in stationary_sets(unit):
        assert isinstance(s.region, str) and s.region
        if unit.kind == "activation":
            # a sample point inside the region: the derivative is 0, the value is s.value
            region = s.region.replace("x", "X")
            for t in (-7.25, -3.5, -0.25, 0.25, 3.5, 7.25):
                inside = eval(region.replace("X", repr(t)), {})  # noqa: S307
                if inside:
                    assert _mp(_deriv(unit, 1), {x: sympy.Rational(t)}) == 0
                    assert _mp(unit.expr - s.value, {x: sympy.Rational(t)}) == 0


@pytest.mark.parametrize("name", GATED)
def test_critical_points_have_zero_gradient(name: str) -> None:
    unit = glusym.get(name)
    grad = glusym.gradient(unit)
    for p in critical_points(unit):
        point = dict(p.at)
        for g in grad:
            assert abs(_mp(g, point)) < mpmath.mpf(10) ** -25
        if p.kind == "saddle":  # f takes values on both sides of f(p) nearby
            h = sympy.Rational(1, 10**4)
            vals = [_mp(unit.expr, {x_g: point[x_g] + a * h, x_v: point[x_v] + b * h})
                    for a in (-1, 1) for b in (-1, 1)]
            assert min(vals) < _mp(p.value, {}) < max(vals)


@pytest.mark.parametrize("name", GATED)
def test_level_sets(name: str) -> None:
    unit = glusym.get(name)
    ls = level_set(unit)
    c = ls.c
    f = unit.expr.xreplace({x_v: ls.solution})
    for gv in (sympy.Rational(1, 3), sympy.Rational(5, 2)):
        for cv in (sympy.Rational(-2), sympy.Rational(7, 3)):
            assert abs(_mp(f.xreplace({x_g: gv, c: cv}), {}) - _mp(cv, {})) < mpmath.mpf(10) ** -30
    assert "x_g" in ls.condition


def test_extrema_of_gated_are_critical_points() -> None:
    assert extrema(glusym.get("swiglu")) == critical_points(glusym.get("swiglu"))


# ---------------------------------------------------------------------------------------------
# known facts


def test_gelu_minimum() -> None:
    (p,) = extrema(glusym.get("gelu"))
    with mpmath.workdps(50):
        ref = mpmath.findroot(lambda t: t * mpmath.npdf(t) + mpmath.ncdf(t), -0.75)
        assert p.kind == "minimum" and not p.exact
        assert abs(mpmath.mpf(str(p.at[0][1])) - ref) < mpmath.mpf(10) ** -29
        assert abs(mpmath.mpf(str(p.value)) - ref * mpmath.ncdf(ref)) < mpmath.mpf(10) ** -29
    assert str(p.at[0][1]).startswith("-0.7517915246935644574579")


def test_gelu_inflections_exact() -> None:
    pts = inflections(glusym.get("gelu"))
    assert [p.at[0][1] for p in pts] == [-sympy.sqrt(2), sympy.sqrt(2)]
    assert all(p.exact for p in pts)


def test_silu_minimum_exact() -> None:
    (p,) = extrema(glusym.get("silu"))
    w = sympy.LambertW(sympy.exp(-1))
    assert p.exact and p.kind == "minimum"
    assert sympy.simplify(p.at[0][1] - (-1 - w)) == 0
    assert sympy.simplify(p.value + w) == 0
    with mpmath.workdps(40):
        ref = mpmath.findroot(lambda t: 1 + t + mpmath.exp(t), -1.3)
        assert abs(_mp(p.at[0][1], {}) - ref) < mpmath.mpf(10) ** -35


def test_mish_minimum() -> None:
    (p,) = extrema(glusym.get("mish"))
    assert p.kind == "minimum" and not p.exact
    assert abs(float(p.at[0][1]) + 1.1924) < 1e-3


def test_hardswish_minimum() -> None:
    (p,) = extrema(glusym.get("hardswish"))
    assert (p.at[0][1], p.value, p.kind, p.exact) == (sympy.Rational(-3, 2), sympy.Rational(-3, 8), "minimum", True)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "elu", "logsigmoid", "squareplus", "identity",
                                  "leaky_relu", "normal_cdf", "softsign", "relu", "relu6"])
def test_monotone_units_have_no_extrema(name: str) -> None:
    assert extrema(glusym.get(name)) == ()


def test_tanhshrink_horizontal_inflection() -> None:
    (p,) = extrema(glusym.get("tanhshrink"))
    assert (p.at[0][1], p.kind, p.exact) == (0, "inflection", True)


def test_kink_extremum() -> None:
    (p,) = extrema(sympy.Abs(x))
    assert (p.at[0][1], p.value, p.kind, p.kink) == (0, 0, "minimum", True)


def test_relu_stationary_set() -> None:
    assert [(s.region, s.value) for s in stationary_sets(glusym.get("relu"))] == [("x < 0", 0)]
    assert [(s.region, s.value) for s in stationary_sets(glusym.get("reglu"))] == [("x_g < 0", 0)]
    assert stationary_sets(glusym.get("gelu")) == ()


@pytest.mark.parametrize("name", ["geglu", "swiglu", "bilinear", "reglu"])
def test_origin_is_a_saddle(name: str) -> None:
    (p,) = critical_points(glusym.get(name))
    assert p.at == ((x_g, 0), (x_v, 0)) and p.kind == "saddle" and p.exact and p.value == 0


def test_glu_has_no_critical_points() -> None:
    assert critical_points(glusym.get("glu")) == ()
    assert stationary_sets(glusym.get("glu")) == ()


def test_level_set_forms() -> None:
    ls = level_set(glusym.get("geglu"))
    assert ls.solution == ls.c / (x_g * Phi(x_g))
    assert ls.condition == "gelu(x_g) != 0, i.e. x_g != 0"
    assert level_set(glusym.get("reglu")).condition == "relu(x_g) != 0, i.e. x_g > 0"


def test_bad_input() -> None:
    with pytest.raises(glusym.GlusymError):
        critical_points(glusym.get("gelu"))
    with pytest.raises(glusym.GlusymError):
        inflections(glusym.get("swiglu"))
    with pytest.raises(glusym.GlusymError):
        level_set(glusym.get("silu"))


@pytest.mark.parametrize("name, zero_set", [("glu", "empty (the gate has no zero)"), ("bilinear", "x_g = 0"),
                                            ("reglu", "x_g <= 0"), ("geglu", "x_g = 0"), ("swiglu", "x_g = 0")])
def test_the_level_set_zero_holds_the_gates_zero_set(name: str, zero_set: str) -> None:
    """f = 0 is x_v = 0 together with the x_g where the gate vanishes (two axes for SwiGLU, an axis
    and a half-plane for ReGLU); checked by evaluating the unit off the x_v axis."""
    import mpmath

    from glusym.analysis.extrema import level_set

    u = glusym.get(name)
    ls = level_set(u, 0)
    assert ls.zero_set == zero_set and level_set(u).zero_set is None
    f = glusym.to_mpmath(u)
    for g in (-3, -1, -0.25, 0, 0.25, 1, 3):
        inside = (g <= 0) if name == "reglu" else (g == 0 and name != "glu")
        assert (f(g, 7) == 0) == inside, (name, g)

"""Behaviour at ±oo over the whole catalogue, checked against mpmath, plus the well-known facts.

Numerical checks evaluate the branch in force at ±oo, rewritten into SymPy's functions, with
mpmath; where a remainder is a difference of much larger numbers (GELU(x) - x ~ e^{-x^2/2}) the
working precision is raised so that 50 digits survive the cancellation.
"""

from __future__ import annotations

import functools

import mpmath
import pytest
import sympy
from sympy import Rational, Symbol, exp, pi, sqrt

import glusym
from glusym.analysis._common import select_branches, side_points, to_piecewise
from glusym.analysis.asymptotes import Asymptotes, Behaviour, asymptotes, growth_order, t
from glusym.functions import elementary

NAMES = sorted(glusym.CATALOGUE)
DIRECTIONS = ("+oo", "-oo")
x = glusym.x


@functools.cache
def result(name: str) -> Asymptotes:
    return asymptotes(glusym.get(name))


def behaviour(name: str, direction: str) -> Behaviour:
    r = result(name)
    return r.plus if direction == "+oo" else r.minus


@functools.cache
def branch(name: str, direction: str) -> tuple[sympy.Expr, Symbol]:
    """The unit's branch in force at ±oo (along x_g = x_v = t for a gated unit), elementary."""
    u = glusym.get(name)
    expr, var = u.expr, u.variables[0]
    if len(u.variables) == 2:
        expr, var = expr.xreplace({v: t for v in u.variables}), t
    pw = to_piecewise(expr)
    sgn = 1 if direction == "+oo" else -1
    pick = select_branches(pw, {var: side_points(pw, var, sgn * sympy.oo, sgn)})
    return elementary(pick), var


def value(expr: sympy.Expr, var: Symbol, at: float | int, dps: int = 50) -> mpmath.mpf:
    with mpmath.workdps(dps):
        f = sympy.lambdify(var, expr, "mpmath")
        return mpmath.mpf(f(mpmath.mpf(at)))


def sign(direction: str) -> int:
    return 1 if direction == "+oo" else -1


CASES = [(n, d) for n in NAMES for d in DIRECTIONS]


def test_every_entry_is_derived_in_full() -> None:
    for name in NAMES:
        for d in DIRECTIONS:
            b = behaviour(name, d)
            assert b.not_derived == (), (name, d, b.not_derived)
            assert None not in (b.limit, b.leading, b.expansion, b.growth_order), (name, d)


@pytest.mark.parametrize("name,direction", CASES)
def test_limit(name: str, direction: str) -> None:
    b = behaviour(name, direction)
    f, var = branch(name, direction)
    s = sign(direction)
    near, far = value(f, var, s * 10**3), value(f, var, s * 10**6)
    if b.limit.is_finite:
        lim = mpmath.mpf(sympy.Float(b.limit, 50))
        assert abs(far - lim) <= abs(near - lim) + mpmath.mpf(10) ** -45
        assert abs(far - lim) < 1e-5
    else:
        assert b.limit in (sympy.oo, -sympy.oo)
        assert mpmath.sign(far) == (1 if b.limit == sympy.oo else -1)
        assert abs(far) > 1e3 and abs(far) > abs(near)


@pytest.mark.parametrize("name,direction", CASES)
def test_oblique(name: str, direction: str) -> None:
    b = behaviour(name, direction)
    if b.oblique is None:
        assert b.growth_order > 1 or b.growth_order == sympy.oo
        return
    f, var = branch(name, direction)
    a, c = b.oblique
    r = f - (a * var + c)
    s = sign(direction)
    tol = mpmath.mpf(10) ** (-28 if f.has(sympy.Float) else -45)  # SELU's constants: 32 digits
    assert abs(value(r, var, s * 200)) <= abs(value(r, var, s * 100)) + tol
    assert abs(value(r, var, s * 10**4)) < 1e-3


def _remainder(b: Behaviour, f: sympy.Expr, var: Symbol) -> sympy.Expr:
    a, c = b.oblique if b.oblique is not None else (0, 0)
    return f - (a * var + c) - b.expansion


@pytest.mark.parametrize("name,direction", CASES)
def test_expansion(name: str, direction: str) -> None:
    b = behaviour(name, direction)
    f, var = branch(name, direction)
    terms = b.expansion_terms
    if not terms:  # the asymptote is exact on this branch
        a, c = b.oblique
        assert sympy.expand(f - (a * var + c)) == 0
        return
    if sympy.expand(_remainder(b, f, var)) == 0:  # the expansion is exact on this branch
        return
    last = terms[-1]
    ratios = []
    for X in (20, 40):
        at = sign(direction) * X
        size = value(last, var, at, 30)
        scale = max(abs(value(f, var, at, 30)), 1)
        dps = 50 + max(0, int(mpmath.log10(scale) - mpmath.log10(abs(size))))
        rem = value(_remainder(b, f, var), var, at, dps)
        if f.has(sympy.Float) and abs(rem) < 1e-28:  # exact up to SELU's 32-digit constants
            rem = mpmath.mpf(0)
        size = value(last, var, at, dps)
        ratios.append(abs(rem / size))
    # the remainder is far below the last term, and falls further behind it (or is below the
    # 50 digits computed: tanh-GELU's remainder is e^{-2u} ~ 1e-261 times its last term)
    assert ratios[0] < 0.2 and (ratios[1] < ratios[0] or ratios[1] < 1e-40), ratios


@pytest.mark.parametrize("name,direction", CASES)
def test_growth_order(name: str, direction: str) -> None:
    b = behaviour(name, direction)
    f, var = branch(name, direction)
    s = sign(direction)
    k = b.growth_order
    if k == -sympy.oo:
        X = 50
        hi, lo = abs(value(f, var, 2 * s * X, 200)), abs(value(f, var, s * X, 200))
        assert hi == 0 or hi / lo < mpmath.mpf(2) ** -20
        return
    assert k != sympy.oo  # no unit of the catalogue grows exponentially
    X = 10**4
    measured = mpmath.log(abs(value(f, var, 2 * s * X)) / abs(value(f, var, s * X))) / mpmath.log(2)
    assert abs(measured - float(k)) < 1e-3
    assert growth_order(glusym.get(name), direction) == k


# --- exact facts ------------------------------------------------------------------------------


def test_gelu_plus_expansion() -> None:
    b = asymptotes(glusym.get("gelu"), terms=3).plus
    phi = sqrt(2) * exp(-x**2 / 2) / (2 * sqrt(pi))
    assert b.oblique == (1, 0)
    assert sympy.expand(b.expansion - (-phi * (1 - 1 / x**2 + 3 / x**4))) == 0
    assert b.growth_order == 1 and b.leading == x


def test_gelu_minus_is_gelu_plus_remainder() -> None:
    r = asymptotes(glusym.get("gelu"))
    assert r.minus.limit == 0 and r.minus.growth_order == -sympy.oo
    assert sympy.expand(r.minus.expansion - r.plus.expansion) == 0  # x*Phi(x) - x = (-x)*Phi(-x)


def test_silu() -> None:
    r = asymptotes(glusym.get("silu"))
    assert r.plus.limit == sympy.oo and r.plus.oblique == (1, 0)
    assert r.minus.limit == 0 and r.minus.growth_order == -sympy.oo
    assert r.minus.leading == x * exp(x)
    assert sympy.expand(r.plus.expansion - (-x * exp(-x) + x * exp(-2 * x) - x * exp(-3 * x))) == 0


def test_softsign() -> None:
    b = asymptotes(glusym.get("softsign")).plus
    assert b.limit == 1 and b.oblique == (0, 1) and b.growth_order == 0
    assert sympy.expand(b.expansion - (-1 / x + 1 / x**2 - 1 / x**3)) == 0


def test_squareplus() -> None:
    b = asymptotes(glusym.get("squareplus")).plus
    assert b.oblique == (1, 0)
    assert sympy.expand(b.expansion - (1 / x - 1 / x**3 + 2 / x**5)) == 0
    bb = Symbol("b", positive=True)
    general = asymptotes(x / 2 + sqrt(x**2 + bb) / 2, terms=2).plus
    assert sympy.expand(general.expansion - (bb / (4 * x) - bb**2 / (16 * x**3))) == 0


def test_swiglu_along_the_ray() -> None:
    r = asymptotes(glusym.get("swiglu"))
    assert r.ray and r.variable == t
    assert r.plus.growth_order == 2 and r.plus.leading == t**2 and r.plus.oblique is None
    assert r.minus.growth_order == -sympy.oo and r.minus.limit == 0
    assert growth_order(glusym.get("swiglu"), "-oo") == -sympy.oo


def test_bilinear_is_t_squared_both_sides() -> None:
    r = asymptotes(glusym.get("bilinear"))
    for b in (r.plus, r.minus):
        assert b.leading == t**2 and b.growth_order == 2 and b.limit == sympy.oo


def test_selu_keeps_its_precision() -> None:
    b = asymptotes(glusym.get("selu")).minus
    scale, alpha = (dict(glusym.get("selu").values)[k] for k in ("scale", "alpha"))
    assert isinstance(b.limit, sympy.Float) and b.limit._prec == scale._prec
    assert abs(b.limit + scale * alpha) < sympy.Float("1e-30")
    assert b.oblique[0] == 0


def test_exact_remainders() -> None:
    assert asymptotes(glusym.get("relu")).plus.expansion == 0
    assert asymptotes(glusym.get("hardshrink")).minus.oblique == (1, 0)
    assert asymptotes(glusym.get("softshrink")).plus.oblique == (1, Rational(-1, 2))


def test_bad_input() -> None:
    with pytest.raises(glusym.GlusymError):
        asymptotes(glusym.get("gelu"), terms=0)
    with pytest.raises(glusym.GlusymError):
        growth_order(glusym.get("gelu"), "+inf")

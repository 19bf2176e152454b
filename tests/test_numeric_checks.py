"""The catalogue checked numerically against mpmath, entry by entry (40 digits).

Every entry's exact gradient and Hessian are compared with ``mpmath.diff`` of the unit compiled by
:func:`glusym.numeric.to_mpmath`, at random points away from the kinks; every entry's Taylor
expansion at 0 with ``mpmath.taylor`` (one-sided where the unit has a kink at 0), and, for the
one-sided expansions, with the function itself near 0: the remainder must be O(x^8).
"""

from __future__ import annotations

import math
import random

import mpmath
import pytest
import sympy

import glusym
from glusym import CATALOGUE, Unit
from glusym.analysis._common import boundaries, to_piecewise
from glusym.numeric import to_mpmath

DPS = 40
ORDER = 8  # Taylor terms of degree < ORDER

# Hand-maintained: adding an entry to the catalogue must be a conscious act here too.
EXPECTED = {
    "identity", "relu", "relu6", "leaky_relu", "prelu", "threshold", "elu", "celu", "selu", "gelu",
    "gelu_tanh", "quick_gelu", "sigmoid", "normal_cdf", "logsigmoid", "softplus", "silu", "swish",
    "mish", "hardsigmoid", "hardswish", "hardtanh", "softsign", "tanh", "tanhshrink", "hardshrink",
    "softshrink", "squareplus", "sparse_plus", "sparse_sigmoid", "relu2", "glu", "bilinear", "reglu",
    "geglu", "swiglu",
}
NAMES = list(CATALOGUE)
# Units whose Taylor expansion at 0 is one-sided (a kink at 0 with different one-sided series).
ONE_SIDED = {"relu", "relu6", "leaky_relu", "prelu", "threshold", "elu", "celu", "selu", "softsign",
             "relu2", "reglu"}


@pytest.fixture(autouse=True)
def _precision():
    with mpmath.workdps(DPS):
        yield


def test_every_entry_is_checked() -> None:
    assert set(CATALOGUE) == EXPECTED, "a catalogue entry was added or removed: update EXPECTED"
    assert NAMES == list(CATALOGUE)
    assert ONE_SIDED <= EXPECTED


def _close(got: mpmath.mpf, want: mpmath.mpf, digits: int) -> bool:
    """Agreement to ``digits`` significant digits, or absolutely to 10^-digits near 0."""
    err = abs(got - want)
    tol = mpmath.mpf(10) ** -digits
    return err <= tol * abs(want) or err <= tol


def _compile(expr: sympy.Expr, unit: Unit):
    """``expr`` (a derivative of ``unit``) as an mpmath function of the unit's variables."""
    carrier = Unit("derivative", sympy.sympify(expr), unit.variables, "d", "test", "test")
    return to_mpmath(carrier)


def _points(unit: Unit, count: int = 6) -> list[tuple[str, ...]]:
    """``count`` points, both signs, magnitudes from 0.05 to 12, none within 1e-3 of a kink."""
    rng = random.Random(f"glusym-{unit.name}")
    expr = to_piecewise(unit.expr)
    kinks = {v: [float(b) for b in boundaries(expr, v)] for v in unit.variables}
    scales = [0.05, 0.4, 1.0, 2.5, 6.0, 12.0]
    points = []
    for i in range(count):
        coords = []
        for j, v in enumerate(unit.variables):
            while True:
                sign = 1 if (i + j) % 2 == 0 else -1
                value = round(sign * scales[(i + 3 * j) % len(scales)] * rng.uniform(0.6, 1.4), 6)
                if all(abs(value - b) > 1e-3 for b in kinks[v]) and value != 0:
                    break
            coords.append(repr(value))
        points.append(tuple(coords))
    return points


@pytest.mark.parametrize("name", NAMES)
def test_gradient_against_mpmath_diff(name: str) -> None:
    unit = CATALOGUE[name]
    f = to_mpmath(unit)
    grad = glusym.gradient(unit)
    assert len(grad) == len(unit.variables)
    compiled = [_compile(g, unit) for g in grad]
    n = len(unit.variables)
    for point in _points(unit):
        p = [mpmath.mpf(c) for c in point]
        for i, g in enumerate(compiled):
            orders = [0] * n
            orders[i] = 1
            want = mpmath.diff(f, p, orders) if n > 1 else mpmath.diff(f, p[0])
            got = g(*p)
            assert _close(got, want, 20), (name, unit.variables[i], point, got, want)


@pytest.mark.parametrize("name", NAMES)
def test_hessian_against_mpmath_diff(name: str) -> None:
    unit = CATALOGUE[name]
    f = to_mpmath(unit)
    hess = glusym.hessian(unit)
    n = len(unit.variables)
    assert hess.shape == (n, n)
    assert hess == hess.T
    compiled = {(i, j): _compile(hess[i, j], unit) for i in range(n) for j in range(i, n)}
    for point in _points(unit):
        p = [mpmath.mpf(c) for c in point]
        for (i, j), h in compiled.items():
            orders = [0] * n
            orders[i] += 1
            orders[j] += 1
            want = mpmath.diff(f, p, orders) if n > 1 else mpmath.diff(f, p[0], 2)
            got = h(*p)
            assert _close(got, want, 15), (name, (unit.variables[i], unit.variables[j]), point, got, want)


def _gate_polynomial(unit: Unit, poly: sympy.Expr) -> sympy.Expr:
    """A gated unit is linear in x_v: its expansion is x_v times a polynomial in x_g."""
    x_g, x_v = unit.variables
    p = sympy.Poly(sympy.expand(poly), x_g, x_v)
    assert p.is_zero or all(m[1] == 1 for m in p.monoms()), f"{unit.name}: Taylor terms not linear in x_v: {poly}"
    return sympy.expand(poly / x_v)


def _univariate(unit: Unit):
    """The unit as a function of one variable: an activation, or a gated unit at x_v = 1."""
    f = to_mpmath(unit)
    if unit.kind == "gated":
        return lambda t: f(t, 1)
    return f


def _coefficients(poly: sympy.Expr, var: sympy.Symbol, degree: int) -> list[mpmath.mpf]:
    p = sympy.Poly(poly, var)
    assert p.degree() <= degree, (poly, degree)
    coeffs = [sympy.S.Zero] * (degree + 1)
    for (k,), c in p.terms():
        coeffs[k] = c
    return [mpmath.mpf(sympy.N(c, DPS + 10)) for c in coeffs]


@pytest.mark.parametrize("name", NAMES)
def test_taylor_against_mpmath(name: str) -> None:
    unit = CATALOGUE[name]
    result = glusym.taylor(unit, order=ORDER)
    assert result.order == ORDER and result.variables == unit.variables
    assert result.analytic == (name not in ONE_SIDED), (name, str(result))
    var = unit.variables[0]
    degree = ORDER - 1 if unit.kind == "activation" else ORDER - 2  # total degree < ORDER; x_v has 1
    f = _univariate(unit)
    if result.analytic:
        cases = [(0, result.polynomial)]
    else:
        assert len(result.sides) == 2, result.sides
        labels = {label: p for label, p in result.sides}
        assert set(labels) == {var > 0, var < 0}, labels
        cases = [(1, labels[var > 0]), (-1, labels[var < 0])]
    for direction, poly in cases:
        if unit.kind == "gated":
            poly = _gate_polynomial(unit, poly)
        got = _coefficients(poly, var, degree)
        want = mpmath.taylor(f, 0, degree, direction=direction) if direction else mpmath.taylor(f, 0, degree)
        for k, (g, w) in enumerate(zip(got, want)):
            assert _close(g, w, 20), (name, direction, k, g, w)


@pytest.mark.parametrize("name", sorted(ONE_SIDED))
def test_one_sided_taylor_remainder_is_high_order(name: str) -> None:
    """Each side's polynomial p is f's expansion there: r(x) = (f(x) - p(x))/x^8 settles to the
    degree-8 coefficient as x -> 0 on that side, r(x) = c8 + c9 x + c10 x^2 + ..., so the second
    difference r(h) - 2 r(2h) + r(3h) = 2 c10 h^2 + O(h^3) (c8 and c9 cancel).

    A coefficient of degree k = 8 - m wrong by d adds d (1 - 2^(1-m) + 3^(-m)) / h^m != 0 to it:
    with h = 1e-12 (150 digits, so f - p is exact far below h^8) a degree-7 error of 1e-20 moves
    it by 3e-9. SELU's coefficients carry its 32-digit Float constants, rounded at 32 digits,
    which at h = 1e-12 would show as 1e-32 h^-7: there h = 1e-3 (degree-7 errors above ~3e-12
    show; the 20-digit comparison with mpmath.taylor covers the rest)."""
    unit = CATALOGUE[name]
    result = glusym.taylor(unit, order=ORDER)
    var = unit.variables[0]
    f = _univariate(unit)
    polys = {label: (_gate_polynomial(unit, p) if unit.kind == "gated" else p) for label, p in result.sides}
    with mpmath.workdps(150):
        for label, poly in polys.items():
            sign = 1 if label.rel_op == ">" else -1
            p = sympy.lambdify(var, poly, "mpmath")
            h = sign * mpmath.mpf("1e-3" if poly.has(sympy.Float) else "1e-12")
            r1, r2, r3 = ((f(t) - mpmath.mpf(p(t))) / t**ORDER for t in (h, 2 * h, 3 * h))
            assert abs(r1 - 2 * r2 + r3) <= mpmath.mpf("1e-9") * max(1, abs(r1)), (name, label, r1, r2, r3)
            # the other side's polynomial fails the same check (the sides differ)
            (other,) = [q for lab, q in polys.items() if lab != label]
            q = sympy.lambdify(var, other, "mpmath")
            assert abs(f(h) - mpmath.mpf(q(h))) / abs(h) ** ORDER > 1e3, (name, label)


def test_points_avoid_kinks_and_cover_both_signs() -> None:
    for unit in CATALOGUE.values():
        pts = _points(unit)
        assert len(pts) == 6
        for k, v in enumerate(unit.variables):
            values = [float(p[k]) for p in pts]
            assert any(a > 0 for a in values) and any(a < 0 for a in values)
            assert max(map(abs, values)) / min(map(abs, values)) > 10
            for b in boundaries(to_piecewise(unit.expr), v):
                assert all(not math.isclose(a, float(b), abs_tol=1e-3) for a in values)

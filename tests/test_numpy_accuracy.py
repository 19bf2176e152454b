"""glusym.to_numpy against a mpmath reference over the whole catalogue, values and derivatives.

The grid is smaller than ``benchmarks/accuracy.py``'s but keeps the tails and the edges where each
function under- or overflows: log-spaced magnitudes 1e-300 … 1e300, a grid on [-40, 40], and the
underflow edges of e^x (x near -708 … -745), of Φ (x near -37 … -38.6), of GELU-tanh's gate
(x near -21 … -22) and of squareplus' square (|x| near 1e154).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy

import glusym
from glusym.numeric import reference, to_mpmath, to_numpy

SMOOTH = ["sigmoid", "logsigmoid", "softplus", "silu", "swish", "gelu", "gelu_tanh", "quick_gelu", "mish",
          "elu", "selu", "celu", "tanh", "softsign", "squareplus", "normal_cdf", "tanhshrink"]
PIECEWISE = ["identity", "relu", "relu6", "leaky_relu", "prelu", "threshold", "hardsigmoid", "hardswish",
             "hardtanh", "hardshrink", "softshrink", "sparse_plus", "sparse_sigmoid", "relu2"]
GATED = ["glu", "bilinear", "reglu", "geglu", "swiglu"]

#: Where a bar of 4 ULP is not reached (measured), the bound that is; the report says why.
ULP_BOUND: dict[str, float] = {}
ULP_DEFAULT = 4.0


def test_every_entry_is_covered() -> None:
    assert set(SMOOTH) | set(PIECEWISE) | set(GATED) == set(glusym.names())


def unit(name: str) -> glusym.Unit:
    return glusym.get(name, beta=sympy.Rational(17, 10)) if name == "swish" else glusym.get(name)


def grid() -> np.ndarray:
    mags = np.logspace(-300, 300, 41)
    edges = np.concatenate([np.linspace(-746, -700, 24), np.linspace(-38.7, -36.9, 10), np.linspace(-22.2, -20.8, 8),
                            [-1.5e154, -1e155, 1e155, -3e160, 700.0, 720.0, 745.5]])
    return np.unique(np.concatenate([mags, -mags, np.linspace(-40, 40, 81), np.linspace(-2, 2, 21), edges, [0.0]]))


XS = grid()
WORST_AT = None


def check(f, ref, points: list[tuple[float, ...]], bound: float) -> tuple[float, float, list]:
    """Max ULP (normal references), max subnormal ULP, and lost points; asserts nothing."""
    got = f(*[np.array([p[i] for p in points]) for i in range(len(points[0]))])
    worst = worst_sub = 0.0
    lost = []
    global WORST_AT
    WORST_AT = None
    tiny = np.finfo(np.float64).tiny
    for p, g in zip(points, np.ravel(got)):
        r = reference(ref, *p)
        rf = float(r)
        if rf == 0 or math.isinf(rf):
            if not (g == rf or (rf == 0 and abs(g) <= 5e-324)):
                lost.append((p, g, rf))
            continue
        if not np.isfinite(g) or g == 0 or np.sign(g) != np.sign(rf):
            lost.append((p, g, rf))
            continue
        err = float(abs(mpmath.mpf(float(g)) - r) / mpmath.mpf(np.spacing(abs(rf))))
        if abs(rf) >= tiny:
            if err > worst:
                WORST_AT = (p, g, rf)
            worst = max(worst, err)
        else:
            worst_sub = max(worst_sub, err)
    return worst, worst_sub, lost


@pytest.mark.parametrize("order", [0, 1])
@pytest.mark.parametrize("name", SMOOTH + PIECEWISE)
def test_activation_accuracy(name: str, order: int) -> None:
    u = unit(name)
    expr = u.expr if order == 0 else glusym.gradient(u)[0]
    (v,) = u.variables
    f = to_numpy(expr, (v,))
    xs = XS if name in SMOOTH else XS[np.abs(XS) < 1e6]
    worst, worst_sub, lost = check(f, to_mpmath(expr, (v,)), [(float(a),) for a in xs], 4)
    assert not lost, f"{name}{chr(39) * order}: points lost {lost[:5]}"
    assert worst <= ULP_BOUND.get(name + "'" * order, ULP_DEFAULT), f"{name}{chr(39) * order}: {worst:.2f} ULP at {WORST_AT}"
    assert worst_sub <= 1.0, f"{name}{chr(39) * order}: {worst_sub:.2f} subnormal ULP"


@pytest.mark.parametrize(("name", "order", "lo", "hi"), [("mish", 1, -3.0, -1.5), ("tanhshrink", 0, -1.0, 1.0)])
def test_dense_where_terms_cancel_beyond_a_root(name: str, order: int, lo: float, hi: float) -> None:
    """Terms that cancel at a root still cancel in part beyond the root's own Taylor window: Mish'
    (root -1.19) at x ~ -2 ... -2.6, tanh shrink x - tanh x (root 0) at |x| ~ 0.45 ... 0.8. A dense
    grid there (the grid above steps over them)."""
    u = glusym.get(name)
    expr = u.expr if order == 0 else glusym.gradient(u)[0]
    f = to_numpy(expr, u.variables)
    xs = np.linspace(lo, hi, 400)
    worst, worst_sub, lost = check(f, to_mpmath(expr, u.variables), [(float(a),) for a in xs], 4)
    assert not lost and worst_sub == 0.0
    assert worst <= ULP_DEFAULT, f"{name}{chr(39) * order}: {worst:.2f} ULP at {WORST_AT}"


@pytest.mark.parametrize(("name", "worst_at"), [("gelu_tanh", -3.1400000000000006), ("quick_gelu", -21.684),
                                               ("swish", -7.579999999999998)])
def test_dense_where_sigma_products_round(name: str, worst_at: float) -> None:
    """The sigma-gated derivatives are products of sigma(u), sigma(-u), x and a polynomial, and
    every rounding in the chain adds up: on a grid of 20,001 points on [-40, 40] they were 4.45
    (GELU-tanh'), 4.29 (quick-GELU') and 4.12 ULP (Swish_1.7') at these points before sigma(u)sigma(-u)
    became one quantity, sigma one exponential with the compensated 1 + e^{-|u|}, and the
    coefficient was folded into the polynomial. A dense grid around each such point."""
    u = unit(name)
    expr = glusym.gradient(u)[0]
    f = to_numpy(expr, u.variables)
    xs = np.concatenate([[worst_at], np.linspace(worst_at - 0.5, worst_at + 0.5, 301)])
    worst, worst_sub, lost = check(f, to_mpmath(expr, u.variables), [(float(a),) for a in xs], 4)
    assert not lost and worst_sub == 0.0
    assert worst <= ULP_DEFAULT, f"{name}': {worst:.2f} ULP at {WORST_AT}"


def test_sigma_primitives_against_mpmath() -> None:
    """sigma(h + l) from the shared e^{-|h|} and sigma'(h + l) = sigma(u)sigma(-u) on double-double
    arguments 1.702 x, as the compiler calls them in a derivative: within 1.5 and 1.25 ULP of mpmath
    (SciPy's expit: 2.4; expit(u)expit(-u): 3.3)."""
    from glusym.numeric.eft import ddmono
    from glusym.numeric.primitives import dsig_dd, expabs, sig_dd

    xs = np.random.default_rng(7).uniform(-40, 40, 3000)
    hi, lo = ddmono(xs, 1.702, 4.263256414560601e-17, 1e270)
    sig, dsig = sig_dd(hi, lo, expabs(hi)), dsig_dd(hi, lo)
    worst = [0.0, 0.0]
    with mpmath.workdps(40):
        for x, a, b in zip(xs, sig, dsig):
            u = mpmath.mpf(851) / 500 * mpmath.mpf(float(x))
            s, sm = 1 / (1 + mpmath.exp(-u)), 1 / (1 + mpmath.exp(u))
            for i, (got, want) in enumerate(((a, s), (b, s * sm))):
                worst[i] = max(worst[i], float(abs(mpmath.mpf(float(got)) - want) / mpmath.mpf(np.spacing(float(want)))))
    assert worst[0] <= 1.5 and worst[1] <= 1.25, worst


def test_sigma_times_sigma_of_minus_is_one_quantity() -> None:
    from glusym.numeric.rewrite import _dsig, stabilise

    x = glusym.x
    assert stabilise(glusym.gradient(glusym.get("sigmoid"))[0]) == _dsig(x)
    assert stabilise(1 - sympy.tanh(x) ** 2) == 4 * _dsig(2 * x)


@pytest.mark.parametrize("order", [None, 0, 1])
@pytest.mark.parametrize("name", GATED)
def test_gated_accuracy_on_a_2d_grid(name: str, order: int | None) -> None:
    u = glusym.get(name)
    expr = u.expr if order is None else glusym.gradient(u)[order]
    f = to_numpy(expr, u.variables)
    g = np.array([-745.0, -720.0, -38.2, -30.0, -5.0, -1.2785, -0.75, -1e-300, 0.0, 1e-300, 0.5, 3.0, 40.0, 1e300])
    vals = np.array([-3.0, -1e-200, 0.0, 0.7, 1e200])
    points = [(float(a), float(b)) for a in g for b in vals]
    worst, worst_sub, lost = check(f, to_mpmath(expr, u.variables), points, 4)
    assert not lost, f"{name}: points lost {lost[:5]}"
    assert worst <= ULP_DEFAULT and worst_sub <= 1.0, (name, order, worst, worst_sub, WORST_AT)


def test_gated_broadcasts() -> None:
    f = to_numpy(glusym.get("swiglu"))
    out = f(np.linspace(-3, 3, 4)[:, None], np.array([1.0, 2.0, 3.0]))
    assert out.shape == (4, 3)
    np.testing.assert_allclose(out[:, 1], 2 * out[:, 0], rtol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "gelu", "silu", "softplus", "mish", "squareplus"])
def test_float32_in_float32_units(name: str) -> None:
    u = unit(name)
    f = to_numpy(u)
    xs = np.concatenate([-np.logspace(-30, 38, 40), np.logspace(-30, 38, 40), np.linspace(-110, 90, 101)]).astype(np.float32)
    got = f(xs)
    assert got.dtype == np.float32
    ref = to_mpmath(u)
    for a, g in zip(xs, got):
        r = float(reference(ref, float(a)))
        r32 = np.float32(r)
        if r32 == 0 or not np.isfinite(r32):
            assert g == r32 or abs(float(g)) <= float(np.finfo(np.float32).smallest_subnormal)
            continue
        assert np.isfinite(g) and g != 0 and np.sign(g) == np.sign(r32), (name, a, g, r)
        assert abs(float(g) - r) <= 4 * float(np.spacing(np.abs(r32))), (name, a, g, r)

"""Property tests of glusym.to_numpy: identities, monotonicity, special values, dtypes, errors, caching."""

from __future__ import annotations


import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import glusym
from glusym.errors import GlusymError
from glusym.numeric import to_numpy

finite = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False, width=64)
moderate = st.floats(min_value=-800, max_value=800, allow_nan=False)

sig = to_numpy(glusym.get("sigmoid"))
sp = to_numpy(glusym.get("softplus"))

MONOTONE = ["sigmoid", "logsigmoid", "softplus", "elu", "selu", "celu", "tanh", "softsign", "squareplus",
            "normal_cdf", "gelu_tanh_not"]  # the last is a guard: gelu_tanh is not monotone
MONOTONE = [m for m in MONOTONE if m in glusym.names()]


@settings(max_examples=300, deadline=None)
@given(finite)
def test_sigmoid_symmetry(x: float) -> None:
    a, b = sig(np.float64(x)), sig(np.float64(-x))
    assert abs((a + b) - 1.0) <= 2 * np.spacing(1.0)
    # and the small side is accurate relative to itself: sigma(-x) = 1 - sigma(x) exactly where representable
    if abs(x) < 1:
        assert abs(b - (1.0 - a)) <= 2 * np.spacing(max(b, 0.25))


@settings(max_examples=300, deadline=None)
@given(finite)
def test_softplus_difference_is_x(x: float) -> None:
    d = sp(np.float64(x)) - sp(np.float64(-x))
    assert abs(d - x) <= 4 * np.spacing(max(abs(sp(np.float64(x))), abs(sp(np.float64(-x))), np.finfo(float).tiny))


@pytest.mark.parametrize("name", MONOTONE)
@settings(max_examples=100, deadline=None)
@given(a=moderate, b=moderate)
def test_monotone(name: str, a: float, b: float) -> None:
    f = to_numpy(glusym.get(name))
    lo, hi = min(a, b), max(a, b)
    assert f(np.float64(lo)) <= f(np.float64(hi))


@settings(max_examples=100, deadline=None)
@given(st.lists(finite, min_size=1, max_size=20))
def test_monotone_on_sorted_arrays(xs: list[float]) -> None:
    xs_sorted = np.sort(np.array(xs))
    for name in ("sigmoid", "softplus", "normal_cdf"):
        assert np.all(np.diff(to_numpy(glusym.get(name))(xs_sorted)) >= 0)


def values_and_partials(u: glusym.Unit) -> list[sympy.Expr]:
    return [u.expr, *glusym.gradient(u)]


@pytest.mark.parametrize("name", glusym.names())
def test_nan_in_nan_out(name: str) -> None:
    # in every argument of the value and of each partial derivative: the compiler looks at the
    # inputs only where the expression could turn nan into a number (a Piecewise, a constant)
    u = glusym.get(name)
    for expr in values_and_partials(u):
        f = to_numpy(expr, u.variables)
        for i in range(len(u.variables)):
            args = [np.array([1.0, 1.0, -2.0]) for _ in u.variables]
            args[i] = np.array([np.nan, 1.0, np.nan])
            out = f(*args)
            assert np.isnan(out[0]) and np.isfinite(out[1]) and np.isnan(out[2]), (name, expr, i, out)


@pytest.mark.parametrize("name", glusym.names())
def test_blocks_give_the_same_bits(name: str) -> None:
    # a large array is evaluated block by block (glusym.numeric.kernel._BLOCK elements at a time): the
    # result is bit for bit the one of evaluating each point alone, special values and the
    # extended path's points included, wherever they fall among the blocks
    from glusym.numeric.kernel import _BLOCK
    u = glusym.get(name)
    rng = np.random.default_rng(7)
    special = np.array([-np.inf, -1e300, -745.1, -38.5, -21.5, -1.19, -0.75, -1e-320, 0.0, 5e-324, 1.5e154,
                        1e300, np.inf, np.nan])
    n = 2 * _BLOCK + 1000
    xs = rng.uniform(-45, 45, n)
    where = rng.choice(n, size=200, replace=False)
    xs[where] = np.resize(special, 200)
    vs = rng.uniform(-3, 3, n)
    for expr in values_and_partials(u):
        f = to_numpy(expr, u.variables)
        args = (xs,) if len(u.variables) == 1 else (xs, vs)
        whole = f(*args)
        alone = np.concatenate([f(*(a[s:s + 997] for a in args)) for s in range(0, n, 997)])
        assert np.array_equal(whole, alone, equal_nan=True), (name, expr)


LIMITS = {
    "sigmoid": (0.0, 1.0), "logsigmoid": (-np.inf, 0.0), "softplus": (0.0, np.inf), "silu": (0.0, np.inf),
    "gelu": (0.0, np.inf), "gelu_tanh": (0.0, np.inf), "mish": (0.0, np.inf), "elu": (-1.0, np.inf),
    "tanh": (-1.0, 1.0), "softsign": (-1.0, 1.0), "squareplus": (0.0, np.inf), "normal_cdf": (0.0, 1.0),
    "relu": (0.0, np.inf),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_infinities_give_limits(name: str) -> None:
    out = to_numpy(glusym.get(name))(np.array([-np.inf, np.inf]))
    assert out[0] == LIMITS[name][0] and out[1] == LIMITS[name][1]


@pytest.mark.parametrize("name", ["sigmoid", "silu", "gelu", "gelu_tanh", "mish", "tanh", "squareplus", "softsign"])
def test_derivative_limits_at_infinity(name: str) -> None:
    d = to_numpy(glusym.gradient(glusym.get(name))[0])
    out = d(np.array([-np.inf, np.inf]))
    assert np.all(np.isfinite(out)) and out[0] == 0.0


def test_dtypes() -> None:
    f = to_numpy(glusym.get("gelu"))
    assert f(np.arange(-3, 4)).dtype == np.float64
    assert f(np.array([True, False])).dtype == np.float64
    assert f(np.ones(3, dtype=np.float32)).dtype == np.float32
    assert isinstance(f(1.0), np.float64) and isinstance(f(2), np.float64)
    np.testing.assert_array_equal(f(np.arange(-3, 4)), f(np.arange(-3, 4).astype(float)))


@pytest.mark.parametrize("bad", [np.array([1 + 2j]), np.array(["a"]), np.array([object()], dtype=object), "x"])
def test_bad_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="accept real numbers"):
        to_numpy(glusym.get("silu"))(bad)


def test_stray_symbols_are_named() -> None:
    beta = sympy.Symbol("beta", positive=True)
    with pytest.raises(GlusymError, match="beta"):
        to_numpy(glusym.x * glusym.sigmoid(beta * glusym.x), (glusym.x,))
    with pytest.raises(GlusymError, match="beta"):
        to_numpy(glusym.get("swish", beta=beta))


def test_wrong_number_of_arguments() -> None:
    with pytest.raises(TypeError, match="expected 2"):
        to_numpy(glusym.get("swiglu"))(np.ones(3))


def test_compilation_is_cached() -> None:
    u = glusym.get("mish")
    f = to_numpy(u)
    assert to_numpy(u) is f
    assert to_numpy(glusym.get("mish")) is f


def test_user_expressions() -> None:
    x = glusym.x
    f = to_numpy(sympy.log(1 + sympy.exp(3 * x)) / 3 + (1 + sympy.erf(x / sympy.sqrt(2))) / 2)
    out = f(np.array([-800.0, 0.0, 800.0]))
    assert out[0] == 0.0 and abs(out[1] - (np.log(2) / 3 + 0.5)) <= 2 * np.spacing(1.0) and out[2] == 801.0
    h = to_numpy(glusym.hessian(glusym.get("geglu"))[0, 0])
    assert np.isfinite(h(np.array([-40.0, 0.0, 40.0]), np.array([2.0, 2.0, 2.0]))).all()
    t = to_numpy(glusym.taylor(glusym.get("gelu"), order=5).polynomial)
    assert abs(t(0.1) - to_numpy(glusym.get("gelu"))(0.1)) < 1e-6


def test_no_warnings_at_extremes() -> None:
    xs = np.array([-np.inf, -1.7e308, -1e300, -745.1, -38.5, -1e-320, 0.0, 5e-324, 1e154, 1e300, 1.7e308, np.inf, np.nan])
    for name in glusym.names():
        u = glusym.get(name)
        if len(u.variables) == 1:
            to_numpy(u)(xs)
            to_numpy(glusym.gradient(u)[0], u.variables)(xs)


@pytest.mark.parametrize("name", ["glu", "bilinear", "reglu", "geglu", "swiglu"])
def test_a_scalar_broadcasts_against_an_array(name: str) -> None:
    # warnings are errors here: NumPy 2.4 warns on writing into a broadcast view
    f = to_numpy(glusym.get(name))
    xs = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    both = f(xs, np.full_like(xs, 2.0))
    assert np.array_equal(f(xs, 2.0), both)
    assert np.array_equal(f(xs, np.array(2.0)), both)
    assert np.array_equal(f(0.5, xs), f(np.full_like(xs, 0.5), xs))
    value = xs.copy()
    f(np.array([1.0]), value)[0] = 7.0  # the result is never a view of an input
    assert np.array_equal(value, xs)

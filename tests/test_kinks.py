"""glusym.analysis.kinks: every boundary of every piecewise entry, its sides checked with mpmath.

Where the kinks are is taken from the definitions in PyTorch's documentation and the papers
(ReLU6 at 0 and 6, hardtanh at ±1, hardsigmoid and hardswish at ±3, hard- and softshrink at ±λ,
sparse_plus and sparse_sigmoid at ±1); each side's value, derivative and expansion is compared
with the unit evaluated by mpmath at 30 digits just beside the kink.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy

import glusym
from glusym.analysis.kinks import Kink, h, kinks

HALF = sympy.Rational(1, 2)
#: name: the kinks' abscissae (of the gate, for a gated unit)
WHERE = {
    "relu": [0], "relu6": [0, 6], "leaky_relu": [0], "prelu": [0], "threshold": [0], "elu": [0], "celu": [0],
    "selu": [0], "hardsigmoid": [-3, 3], "hardswish": [-3, 3], "hardtanh": [-1, 1], "softsign": [0],
    "hardshrink": [-HALF, HALF], "softshrink": [-HALF, HALF], "sparse_plus": [-1, 1], "sparse_sigmoid": [-1, 1],
    "relu2": [0], "reglu": [0],
}


@pytest.mark.parametrize("name", glusym.names())
def test_every_entry_has_its_kinks_and_no_others(name: str) -> None:
    assert [k.at for k in kinks(glusym.get(name))] == WHERE.get(name, [])


def _f(name: str):  # noqa: ANN202
    u = glusym.get(name)
    fn = glusym.to_mpmath(u)
    return (lambda t: fn(t, 1)) if u.kind == "gated" else fn  # a gated unit at x_v = 1


@pytest.mark.parametrize("name", sorted(WHERE))
def test_each_side_agrees_with_the_unit_beside_the_kink(name: str) -> None:
    f = _f(name)
    with mpmath.workdps(40):
        eps = mpmath.mpf(10) ** -12
        for k in kinks(glusym.get(name)):
            b = mpmath.mpf(sympy.N(k.at, 40)._to_mpmath(mpmath.mp.prec))
            sub = {glusym.x_v: 1}
            for side, value, derivative, series in ((-1, k.left_value, k.left_derivative, k.left_series),
                                                    (1, k.right_value, k.right_derivative, k.right_series)):
                near, nearer = f(b + side * 2 * eps), f(b + side * eps)
                assert abs(nearer - mpmath.mpf(sympy.N(value.subs(sub), 40))) < 1e-10
                slope = (near - nearer) / (side * eps)
                assert abs(slope - mpmath.mpf(sympy.N(derivative.subs(sub), 40))) < 1e-8
                step = mpmath.mpf("1e-3") * side
                poly = series.removeO().subs(sub).xreplace({h: sympy.Float(step, 40)})
                assert abs(f(b + step) - mpmath.mpf(sympy.N(poly, 40))) < 1e-7  # O(h^3): h^3 = 1e-9


def test_the_convention_is_the_derivative_glusym_returns() -> None:
    """relu'(0) = 0, as JAX and PyTorch take it; changing the unit changes what is reported."""
    (relu,) = kinks(glusym.get("relu"))
    assert relu.convention == 0 and not relu.differentiable and relu.continuous
    (leaky,) = kinks(glusym.get("leaky_relu"))
    assert leaky.convention == 1 and leaky.left_derivative == sympy.Rational(1, 100)
    (elu,) = kinks(glusym.get("elu"))
    assert elu.differentiable  # α = 1: C¹ at 0
    (elu2,) = kinks(glusym.get("elu", alpha=2))
    assert not elu2.differentiable and elu2.left_derivative == 2


def test_a_jump_has_no_derivative_convention() -> None:
    left, right = kinks(glusym.get("hardshrink"))
    assert not right.continuous and right.convention is None
    assert (right.left_value, right.value, right.right_value) == (0, 0, HALF)
    assert "jumps" in str(right)


def test_kink_is_a_frozen_result() -> None:
    (k,) = kinks(glusym.get("relu"))
    assert isinstance(k, Kink)
    with pytest.raises(AttributeError):
        k.at = 1  # type: ignore[misc]

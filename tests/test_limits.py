"""Parameter limits over the whole catalogue, checked numerically at beta = 1e-8 and 1e8."""

from __future__ import annotations

import mpmath
import pytest
import sympy
from sympy import Piecewise

import glusym
from glusym.analysis.limits import ParamLimit, param_limits
from glusym.catalogue import x, x_g, x_v
from glusym.functions import elementary

NAMES = list(glusym.CATALOGUE)
SAMPLES = [sympy.Rational(-3), sympy.Rational(-1, 2), sympy.Rational(1, 2), sympy.Rational(3)]
RELU = Piecewise((x, x > 0), (0, True))


def _value(expr: sympy.Expr, point: dict) -> mpmath.mpf:
    e = elementary(sympy.piecewise_fold(expr)).xreplace(point)
    with mpmath.workdps(50):
        v = sympy.N(e, 50)
        if v.is_infinite:
            return mpmath.inf if v > 0 else -mpmath.inf
        return mpmath.mpf(str(v))


def _points(unit: glusym.Unit) -> list[dict]:
    if unit.kind == "gated":
        return [{x_g: g, x_v: sympy.Rational(7, 4)} for g in SAMPLES]
    return [{x: t} for t in SAMPLES]


def _close(actual: mpmath.mpf, limit: mpmath.mpf) -> bool:
    """Near the limit at parameter 1e-8 or 1e8 (a divergent limit: large, of its sign; squareplus
    grows as sqrt(b)/2, 5000 at b = 1e8)."""
    if mpmath.isinf(limit):
        return actual * mpmath.sign(limit) > 1e3
    return abs(actual - limit) < 1e-6 * max(1, abs(limit))


@pytest.mark.parametrize("name", NAMES)
def test_limits_numerically(name: str) -> None:
    unit = glusym.get(name)
    limits = param_limits(unit)
    wanted = {p.name for p in unit.params if p.limits}
    assert set(limits) == wanted
    for pname, pl in limits.items():
        assert isinstance(pl, ParamLimit) and pl.param == pname
        admissible = unit.admissible(pname)
        assert [e for e, _, _ in pl.ends] == [admissible.start, admissible.end]  # every end, no other
        for end, side, lim in pl.ends:
            label = "0" if end == 0 else "oo" if end == sympy.oo else f"{end}{side}"
            if lim is None:
                assert label in dict(pl.not_derived)
                continue
            step = sympy.Rational(1, 10**8)
            value = (sympy.Integer(10**8) * (1 if end > 0 else -1) if end.is_infinite
                     else end + step if side == "+" else end - step)
            assert value in admissible
            at = unit.with_params(**{pname: value}).expr
            for point in _points(unit):
                assert _close(_value(at, point), _value(lim, point)), (name, pname, label, point)


def test_swish_limits_exact() -> None:
    pl = param_limits(glusym.get("swish"))["beta"]
    assert pl.at_zero == x / 2
    assert pl.at_infinity == RELU
    assert pl.not_derived == ()


def test_softplus_limits_exact() -> None:
    pl = param_limits(glusym.get("softplus"))["beta"]
    assert pl.at_infinity == glusym.get("relu").expr
    assert pl.at_zero == sympy.oo


def test_swiglu_limits() -> None:
    pl = param_limits(glusym.get("swiglu"))["beta"]
    assert pl.at_zero == x_g * x_v / 2
    assert pl.at_infinity == Piecewise((x_g * x_v, x_g > 0), (0, True))  # ReGLU


@pytest.mark.parametrize(("name", "param", "zero", "infinity"), [
    ("leaky_relu", "negative_slope", RELU, Piecewise((x, x >= 0), (-sympy.oo, True))),
    ("elu", "alpha", RELU, Piecewise((x, x >= 0), (-sympy.oo, True))),
    ("celu", "alpha", RELU, x),
    ("squareplus", "b", RELU, sympy.oo),
    ("hardshrink", "lambd", x, 0),
    ("softshrink", "lambd", x, 0),
    ("threshold", "threshold", None, 0),  # a real parameter: 0 is no end of its range, −∞ is
])
def test_known_limits(name: str, param: str, zero: sympy.Expr, infinity: sympy.Expr) -> None:
    pl = param_limits(glusym.get(name))[param]
    assert (pl.at_zero, pl.at_infinity) == (zero, infinity)
    if name == "threshold":
        assert pl.ends[0] == (-sympy.oo, "+", x)  # the threshold → −∞: the identity


def test_selu_constants_are_not_of_interest() -> None:
    assert param_limits(glusym.get("selu")) == {}


def test_bad_input() -> None:
    with pytest.raises(glusym.GlusymError):
        param_limits(x * sympy.Symbol("b"))  # type: ignore[arg-type]


def test_a_parameter_ordered_against_another_goes_to_the_ends_of_its_range() -> None:
    """hardtanh's min_val < max_val (PyTorch requires it): min_val → −∞ leaves min(x, 1), and
    min_val → max_val⁻ the constant max_val; no limit is taken outside the range (min_val → +∞)."""
    pl = param_limits(glusym.get("hardtanh"))["min_val"]
    assert pl.ends == ((-sympy.oo, "+", Piecewise((1, x > 1), (x, True))), (1, "-", 1))
    assert pl.at_infinity is None and pl.at_zero is None
    moved = param_limits(glusym.get("hardtanh", max_val=3))["min_val"]  # the range follows max_val
    assert moved.ends[1][:2] == (3, "-") and moved.ends[1][2] == 3

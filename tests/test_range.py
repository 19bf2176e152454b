"""glusym.analysis.range: the range of every catalogue entry, against values found independently.

The expected ranges are the facts the papers and PyTorch's documentation state (σ and Φ in (0, 1),
tanh and softsign in (−1, 1), ReLU6 in [0, 6], ELU above −α, SELU above −λα); the minima of the
smooth non-monotone units are found here with mpmath alone (its own root finder on its own
derivative of the unit written in mpmath), at 30 digits.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy

import glusym
from glusym.analysis import range as range_module
from glusym.analysis.range import value_range
from glusym.errors import NotDerived

mpmath.mp.dps = 40
INF = mpmath.inf


def _minimum(f, guess: str) -> mpmath.mpf:
    """The value of f at the root of f' near ``guess``: mpmath's own findroot on mpmath.diff."""
    with mpmath.workdps(40):
        at = mpmath.findroot(lambda t: mpmath.diff(f, t), mpmath.mpf(guess))
        return f(at)


def _silu(t, beta=1):
    return t / (1 + mpmath.exp(-beta * t))


def _gelu(t):
    return t * mpmath.ncdf(t)


def _gelu_tanh(t):
    return t / 2 * (1 + mpmath.tanh(mpmath.sqrt(2 / mpmath.pi) * (t + mpmath.mpf("0.044715") * t**3)))


def _mish(t):
    return t * mpmath.tanh(mpmath.log1p(mpmath.exp(t)))


LAMBDA_ALPHA = mpmath.mpf("1.0507009873554804934193349852946") * mpmath.mpf("1.6732632423543772848170429916717")

#: name: (infimum, attained, supremum, attained)
EXPECTED = {
    "identity": (-INF, False, INF, False),
    "relu": (0, True, INF, False),
    "relu6": (0, True, 6, True),
    "leaky_relu": (-INF, False, INF, False),
    "prelu": (-INF, False, INF, False),
    "threshold": (0, True, INF, False),
    "elu": (-1, False, INF, False),
    "celu": (-1, False, INF, False),
    "selu": (-LAMBDA_ALPHA, False, INF, False),
    "gelu": (_minimum(_gelu, "-0.75"), True, INF, False),
    "gelu_tanh": (_minimum(_gelu_tanh, "-0.75"), True, INF, False),
    "quick_gelu": (_minimum(lambda t: _silu(t, mpmath.mpf("1.702")), "-0.75"), True, INF, False),
    "sigmoid": (0, False, 1, False),
    "normal_cdf": (0, False, 1, False),
    "logsigmoid": (-INF, False, 0, False),
    "softplus": (0, False, INF, False),
    "silu": (_minimum(_silu, "-1.3"), True, INF, False),
    "swish": (_minimum(_silu, "-1.3"), True, INF, False),
    "mish": (_minimum(_mish, "-1.2"), True, INF, False),
    "hardsigmoid": (0, True, 1, True),
    "hardswish": (mpmath.mpf(-3) / 8, True, INF, False),
    "hardtanh": (-1, True, 1, True),
    "softsign": (-1, False, 1, False),
    "tanh": (-1, False, 1, False),
    "tanhshrink": (-INF, False, INF, False),
    "hardshrink": (-INF, False, INF, False),
    "softshrink": (-INF, False, INF, False),
    "squareplus": (0, False, INF, False),
    "sparse_plus": (0, True, INF, False),
    "sparse_sigmoid": (0, True, 1, True),
    "relu2": (0, True, INF, False),
    "glu": (-INF, False, INF, False),
    "bilinear": (-INF, False, INF, False),
    "reglu": (-INF, False, INF, False),
    "geglu": (-INF, False, INF, False),
    "swiglu": (-INF, False, INF, False),
}


def test_every_catalogue_entry_has_an_expected_range() -> None:
    assert set(EXPECTED) == set(glusym.names())


def _close(value: sympy.Expr, want: mpmath.mpf) -> bool:
    if want in (INF, -INF):
        return value == (sympy.oo if want > 0 else -sympy.oo)
    got = mpmath.mpf(sympy.N(value, 40)._to_mpmath(mpmath.mp.prec))
    return abs(got - want) <= mpmath.mpf(10) ** -25 * (1 + abs(want))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_range_of_every_entry(name: str) -> None:
    r = value_range(glusym.get(name))
    lo, lo_attained, hi, hi_attained = EXPECTED[name]
    assert _close(r.infimum.value, mpmath.mpf(lo)), (r.infimum, lo)
    assert _close(r.supremum.value, mpmath.mpf(hi)), (r.supremum, hi)
    assert (r.infimum.attained, r.supremum.attained) == (lo_attained, hi_attained), str(r)
    text = str(r)
    assert text[0] == ("[" if lo_attained else "(") and text[-1] == ("]" if hi_attained else ")")


def test_closed_forms_where_sympy_reaches_them() -> None:
    silu = value_range(glusym.get("silu")).infimum
    assert silu.exact and silu.value == -sympy.LambertW(sympy.exp(-1))
    assert value_range(glusym.get("hardswish")).infimum.value == sympy.Rational(-3, 8)
    gelu = value_range(glusym.get("gelu")).infimum
    assert not gelu.exact and gelu.where[0].startswith("x = -0.75179152469356")


def test_the_range_follows_the_parameters() -> None:
    """Swish_β's minimum is −W(1/e)/β: changing β changes the range."""
    for beta in (2, 5):
        r = value_range(glusym.get("swish", beta=beta))
        assert _close(r.infimum.value, _minimum(lambda t: _silu(t, beta), "-0.5"))
    assert str(value_range(glusym.get("swish", beta=2))) != str(value_range(glusym.get("swish", beta=5)))
    assert _close(value_range(glusym.get("elu", alpha=2)).infimum.value, mpmath.mpf(-2))


def test_a_wrong_range_is_refused_by_the_grid_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is real: an infimum above the true one (a missed minimum) is not returned."""
    real = range_module._candidates

    def missing_the_minimum(*args):  # noqa: ANN002, ANN202
        return [c for c in real(*args) if not c.where.startswith("x = -1.19")]

    monkeypatch.setattr(range_module, "_candidates", missing_the_minimum)
    with pytest.raises(NotDerived, match="below the infimum"):
        value_range(glusym.get("mish"))


def test_a_jump_is_approached_and_not_reached() -> None:
    """hardshrink jumps at ±1/2; a unit made of the piece between them is bounded by limits."""
    x = glusym.x
    f = sympy.Piecewise((0, x <= -1), (x, x < 1), (0, True))
    r = value_range(f)
    assert (r.infimum.value, r.infimum.attained, r.supremum.value, r.supremum.attained) == (-1, False, 1, False)


#: name: the standings of its extrema, left to right (flat pieces with the ends they hold)
STANDINGS = {
    "relu": ["global minima 0 at x ≤ 0"], "threshold": ["global minima 0 at x ≤ 0"],
    "relu2": ["global minima 0 at x ≤ 0"],
    "relu6": ["global minima 0 at x ≤ 0", "global maxima 6 at x ≥ 6"],
    "hardsigmoid": ["global minima 0 at x ≤ -3", "global maxima 1 at x ≥ 3"],
    "hardtanh": ["global minima -1 at x ≤ -1", "global maxima 1 at x ≥ 1"],
    "sparse_plus": ["global minima 0 at x ≤ -1"],
    "sparse_sigmoid": ["global minima 0 at x ≤ -1", "global maxima 1 at x ≥ 1"],
    "hardswish": ["local maxima 0 at x ≤ -3", "global minimum -3/8 at x = -3/2"],
    "gelu": ["global minimum"], "gelu_tanh": ["global minimum"], "quick_gelu": ["global minimum"],
    "silu": ["global minimum"], "swish": ["global minimum"], "mish": ["global minimum"],
}


@pytest.mark.parametrize("name", [n for n in glusym.names() if glusym.get(n).kind != "gated"])
def test_the_standing_of_every_extremum(name: str) -> None:
    from glusym.analysis.range import standings

    got = [str(s) for s in standings(glusym.get(name))]
    want = STANDINGS.get(name, [])
    assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want)), got


def test_a_stack_has_a_local_maximum_and_a_global_minimum() -> None:
    """Three SwiGLUs, x_g = x_v: a local maximum at x = −2 − W(2/e²) (found here by mpmath alone)
    and the global minimum 0 at 0."""
    from glusym.analysis.range import standings

    local, global_ = standings(glusym.stack(glusym.get("swiglu"), 3))
    with mpmath.workdps(40):
        at = -2 - mpmath.lambertw(2 / mpmath.e**2).real
        assert isinstance(local.where, sympy.Eq) and abs(mpmath.mpf(local.where.rhs) - at) < mpmath.mpf(10) ** -25
    assert (local.kind, local.scope, global_.kind, global_.scope, global_.value) == (
        "maximum", "local", "minimum", "global", 0)

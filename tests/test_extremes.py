r"""Extrema a formula states (``\max_x``, ``\min_x``, ``\sup``, ``\inf``): their values by glusym's
analysis, checked here against mpmath's own search, and each true claim beside a false twin."""

from __future__ import annotations

import time

import mpmath
import pytest
import sympy

from glusym.check import check_formula
from glusym.check.extremes import extremum_value
from glusym.functions import sigmoid
from glusym.parsing.terms import Maximum, Minimum, Supremum

BUDGET = 8.0
z = sympy.Symbol("z", real=True)


def _sig(t):
    return 1 / (1 + mpmath.exp(-t))


def _mp_extremum(f, lo, hi, greatest):
    """mpmath's own: the stationary point of f by findroot on f' from a grid's best point."""
    with mpmath.workdps(30):
        grid = [lo + (hi - lo) * mpmath.mpf(i) / 400 for i in range(401)]
        best = (max if greatest else min)(grid, key=f)
        t = mpmath.findroot(lambda u: mpmath.diff(f, u), best)
        return f(t)


# (a claim, its false twin, mpmath's value of the extremum it states)
CASES = [
    # SiLU's minimum (Elfwing et al., arXiv 1702.03118): -W(1/e) = -0.278464…
    (r"\min_{z} z\sigma(z) \approx -0.28", r"\min_{z} z\sigma(z) \approx -0.32",
     lambda: _mp_extremum(lambda t: t * _sig(t), -5, 0, False)),
    # GELU's minimum (Hendrycks & Gimpel, arXiv 1606.08415): about -0.17
    (r"\min_{x} \text{GELU}(x) \approx -0.17", r"\min_{x} \text{GELU}(x) \approx -0.21",
     lambda: _mp_extremum(lambda t: t * mpmath.ncdf(t), -3, 0, False)),
    # the SiLU derivative's maximum, about 1.0998 (Elfwing et al.)
    (r"\max_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx 1.1",
     r"\max_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx 1.2",
     lambda: _mp_extremum(lambda t: _sig(t) * (1 + t * (1 - _sig(t))), 0, 5, True)),
    # the logistic derivative's maximum, 1/4 at 0 (DLMF-style identity σ' = σ(1 − σ))
    (r"\max_{x}\,\sigma'(x) = \tfrac{1}{4}", r"\max_{x}\,\sigma'(x) = \tfrac{1}{2}",
     lambda: _mp_extremum(lambda t: _sig(t) * (1 - _sig(t)), -2, 2, True)),
    # hardswish's minimum, -3/8 at -3/2 (Howard et al., arXiv 1905.02244)
    (r"\min_{x} \text{Hardswish}(x) = -\tfrac{3}{8}", r"\min_{x} \text{Hardswish}(x) = -\tfrac{1}{4}",
     lambda: _mp_extremum(lambda t: t * (t + 3) / 6, -3, 0, False)),
    # on an interval
    (r"\max_{x \in [0, 1]} x(1 - x) = \tfrac{1}{4}", r"\max_{x \in [0, 1]} x(1 - x) = \tfrac{1}{2}",
     lambda: mpmath.mpf(1) / 4),
]


@pytest.mark.parametrize("true_tex, false_tex, value", CASES, ids=[c[0] for c in CASES])
def test_an_extremum_claim_and_its_twin(true_tex, false_tex, value):
    true, false = check_formula(true_tex, budget=BUDGET)[-1], check_formula(false_tex, budget=BUDGET)[-1]
    assert true.verdict in ("holds", "holds numerically", "holds approximately"), true.reason
    assert false.verdict == "fails", false.reason
    if false.counterexample and "lhs" in false.counterexample:  # glusym's value is mpmath's
        with mpmath.workdps(30):
            assert abs(mpmath.mpf(false.counterexample["lhs"]) - value()) < 1e-12


def test_a_maximum_only_a_limit_approaches_is_not_attained():
    """σ never reaches 1: \\max is not decided (write \\sup), \\sup is 1."""
    k = check_formula(r"\max_{x} \sigma(x) = 1")[0]
    assert k.verdict == "unknown" and "not attained" in k.reason
    assert check_formula(r"\sup_{x} \sigma(x) = 1")[0].verdict == "holds"
    assert check_formula(r"\sup_{x} \sigma(x) = 2")[0].verdict == "fails"


def test_an_unbounded_function_has_no_maximum():
    assert check_formula(r"\max_{x} x^2 = 1")[0].verdict == "fails"


def test_the_values_change_with_the_function():
    """The value is computed: changing the function changes it (2σ has twice σ's supremum)."""
    later = time.monotonic() + BUDGET
    one = extremum_value(Supremum(sigmoid(z), (z, -sympy.oo, sympy.oo)), later)
    two = extremum_value(Supremum(2 * sigmoid(z), (z, -sympy.oo, sympy.oo)), later)
    assert (one, two) == (1, 2)
    assert extremum_value(Minimum(z * sigmoid(z), (z, -sympy.oo, sympy.oo)), later) == -sympy.LambertW(sympy.exp(-1))
    assert extremum_value(Maximum(z * (1 - z), (z, 0, 1)), later) == sympy.Rational(1, 4)


def test_an_extremum_the_analysis_cannot_decide_is_unknown():
    """A bump far from where the analysis looks, on top of a function of many wiggles: the grid
    beside the analysis sees it, or the analysis does; never a wrong value."""
    k = check_formula(r"\max_{x} \left(e^{-(x - 300)^2} - e^{-x^2}\right) = 0")[0]
    assert k.verdict != "holds", k.reason


@pytest.mark.parametrize("tex, verdict", [
    # where SiLU is least: -1 - W(1/e) = -1.278… (Elfwing et al., arXiv 1702.03118)
    (r"\operatorname*{arg\,min}_{z} z\sigma(z) \approx -1.28", "holds approximately"),
    (r"\operatorname*{arg\,min}_{z} z\sigma(z) \approx -1.38", "fails"),
    (r"\operatorname*{arg\,min}_{x} \text{Hardswish}(x) = -\tfrac{3}{2}", "holds"),
    (r"\operatorname*{arg\,min}_{x} \text{Hardswish}(x) = -1", "fails"),
    (r"\operatorname*{arg\,max}_{x \in [0, 1]} x(1 - x) = \tfrac{1}{2}", "holds"),
    # ReLU is least on the whole half-line x ≤ 0: no one point
    (r"\operatorname{argmin}_x \text{ReLU}(x) = 0", "unknown"),
])
def test_where_the_extremum_is(tex, verdict):
    assert check_formula(tex, budget=BUDGET)[0].verdict == verdict

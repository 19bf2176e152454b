"""Exact tests of the well-known facts about the catalogue's functions.

The order-raising operator builds SiLU, GELU and ReLU² from their gates; σ's symmetries and
derivative; softplus, log-sigmoid and tanh in terms of σ; GELU's derivatives; the parameter
specialisations (SiLU, QuickGELU); the post's square identities; and Taylor expansions against
``sympy.series`` (an independent algorithm) for every entry, exactly.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy
from sympy import Piecewise, Rational, Symbol, diff, exp, piecewise_fold, simplify, tanh

import glusym
from glusym import CATALOGUE, Phi, elementary, get, order_raise, phi, sigmoid, x
from glusym.analysis._common import kink_free, to_piecewise
from glusym.analysis.series import taylor_coefficients
from glusym.numeric import to_mpmath

SAMPLES = ["-7/2", "-1", "-1/4", "-1/1000", "0", "1/1000", "3/10", "2", "7"]


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Exactly equal as functions: the folded difference simplifies to 0."""
    d = piecewise_fold(elementary(to_piecewise(sympy.sympify(a) - sympy.sympify(b))))
    return simplify(d) == 0


def _same_at_samples(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Equal at exact points of both signs, including 0 (branch chosen exactly by SymPy)."""
    def zero(p: str) -> bool:
        d = elementary((a - b).xreplace({x: Rational(p)}))
        return simplify(sympy.expand_log(d, force=True)) == 0  # arguments of log are positive here
    return all(zero(p) for p in SAMPLES)


def _piecewise_equals(pw: sympy.Expr, target: sympy.Expr) -> bool:
    """A (folded) Piecewise in x equals ``target`` on every piece of the real line: each branch
    is compared on the set where it is in force (a point set by substitution)."""
    pw = piecewise_fold(pw)
    if not isinstance(pw, Piecewise):
        return simplify(pw - target) == 0
    for value, where in pw.as_expr_set_pairs():
        if isinstance(where, sympy.FiniteSet):
            if any(simplify((value - target).xreplace({x: p})) != 0 for p in where):
                return False
        elif where != sympy.S.EmptySet and simplify(value - target) != 0:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# The order-raising operator beta(x) = x alpha(x)


def test_order_raise_sigmoid_is_silu() -> None:
    assert order_raise(get("sigmoid")).expr == get("silu").expr


def test_order_raise_normal_cdf_is_gelu() -> None:
    assert order_raise(get("normal_cdf")).expr == get("gelu").expr == x * Phi(x)


def test_order_raise_relu_is_relu2() -> None:
    raised, relu2 = order_raise(get("relu")).expr, get("relu2").expr
    assert simplify(piecewise_fold(raised) - piecewise_fold(relu2)) == 0
    assert _piecewise_equals(raised - relu2, sympy.S.Zero)
    assert _same_at_samples(raised, relu2)
    f, g = to_mpmath(order_raise(get("relu"))), to_mpmath(get("relu2"))
    with mpmath.workdps(30):
        for p in ("-3.5", "-1e-20", "0", "1e-20", "0.3", "7"):
            assert f(p) == g(p)


# ---------------------------------------------------------------------------------------------
# The sigmoid


def test_sigmoid_derivative() -> None:
    assert diff(sigmoid(x), x) == sigmoid(x) * (1 - sigmoid(x))
    assert simplify(elementary(diff(sigmoid(x), x) - sigmoid(x) * (1 - sigmoid(x)))) == 0
    assert simplify(diff(elementary(sigmoid(x)), x) - elementary(sigmoid(x) * (1 - sigmoid(x)))) == 0


def test_sigmoid_symmetry() -> None:
    assert simplify(elementary(sigmoid(x) - (1 - sigmoid(-x)))) == 0


def test_sigmoid_exp_form() -> None:
    assert simplify(elementary(sigmoid(x)) - exp(x) / (1 + exp(x))) == 0


def test_softplus_derivative_is_sigmoid() -> None:
    (d,) = glusym.gradient(get("softplus"))
    assert simplify(elementary(d - sigmoid(x))) == 0
    (d2,) = glusym.gradient(get("softplus", beta=3))
    assert simplify(elementary(d2 - sigmoid(3 * x))) == 0


def test_logsigmoid_is_minus_softplus_of_minus_x() -> None:
    softplus = get("softplus")
    d = elementary(get("logsigmoid").expr + softplus(-x))
    assert simplify(sympy.expand_log(d, force=True)) == 0
    assert _same_at_samples(get("logsigmoid").expr, -softplus(-x))


def test_tanh_is_rescaled_sigmoid() -> None:
    assert simplify(elementary(2 * sigmoid(2 * x) - 1) - tanh(x).rewrite(exp)) == 0
    assert simplify(get("tanh").expr.rewrite(exp) - elementary(2 * get("sigmoid")(2 * x) - 1)) == 0


# ---------------------------------------------------------------------------------------------
# GELU


def test_gelu_derivatives() -> None:
    (d1,) = glusym.gradient(get("gelu"))
    assert simplify(d1 - (Phi(x) + x * phi(x))) == 0
    d2 = glusym.hessian(get("gelu"))[0, 0]
    assert simplify(d2 - (2 - x**2) * phi(x)) == 0
    assert simplify(elementary(d2 - (2 - x**2) * phi(x))) == 0


# ---------------------------------------------------------------------------------------------
# Specialisations and compositions


def test_swish_at_beta_one_is_silu() -> None:
    assert get("swish", beta=1).expr == get("silu").expr == x * sigmoid(x)
    assert get("swish").param_values == {"beta": 1}


def test_quick_gelu_is_swish_at_1702() -> None:
    assert get("swish", beta="1.702").expr == get("quick_gelu").expr
    assert get("swish", beta=Rational(851, 500)).expr == get("quick_gelu").expr == x * sigmoid(Rational(851, 500) * x)


def test_hardswish_is_x_hardsigmoid() -> None:
    hs, hsig = get("hardswish").expr, get("hardsigmoid").expr
    assert simplify(piecewise_fold(hs) - piecewise_fold(x * hsig)) == 0
    assert _piecewise_equals(hs - x * hsig, sympy.S.Zero)
    assert _same_at_samples(hs, x * hsig)
    assert all(simplify((hs - x * hsig).xreplace({x: Rational(p)})) == 0 for p in ("-3", "3", "-6", "6"))


def test_square_from_swiglu() -> None:
    """x^2 = SwiGLU(x, x) + SwiGLU(-x, -x): x^2 sigma(x) + x^2 sigma(-x) = x^2."""
    swiglu = get("swiglu")
    total = swiglu(x, x) + swiglu(-x, -x)
    assert simplify(elementary(total)) == x**2
    assert simplify(total.rewrite(exp)) == x**2


def test_square_from_relu2() -> None:
    relu2 = get("relu2")
    assert _piecewise_equals(relu2(x) + relu2(-x), x**2)
    # the check has teeth: relu(x)^2 + relu(x)^2 is not x^2
    assert not _piecewise_equals(relu2(x) + relu2(x), x**2)
    assert _same_at_samples(relu2(x) + relu2(-x), x**2)


# ---------------------------------------------------------------------------------------------
# Taylor expansions


def test_mish_taylor_starts_three_fifths_x() -> None:
    poly = glusym.taylor(get("mish"), order=3).polynomial
    assert poly.coeff(x, 0) == 0
    assert poly.coeff(x, 1) == Rational(3, 5)
    assert poly.coeff(x, 2) == Rational(8, 25)


def test_silu_taylor_against_series_order_10() -> None:
    poly = glusym.taylor(get("silu"), order=10).polynomial
    ref = sympy.series(x / (1 + exp(-x)), x, 0, 10).removeO()
    assert sympy.expand(poly - ref) == 0
    assert taylor_coefficients(get("silu").expr, x, 10) == [sympy.expand(ref).coeff(x, k) for k in range(10)]


def _coefficients_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    d = a - b
    if d.has(sympy.Float):  # SELU's constants are 32-digit Floats: agree to their precision
        return abs(sympy.N(d, 40)) <= 1e-28 * max(1, abs(sympy.N(b, 40)))
    return d == 0 or simplify(d.rewrite(exp)) == 0


def _near_zero_branch(e: sympy.Expr, t: Symbol) -> sympy.Expr:
    """Each Piecewise of an expression in t > 0 replaced by its branch in force for small t
    (``sympy.series`` of an unresolved Piecewise is wrong: it gives 1/2 for hard-sigmoid)."""
    tiny = Rational(1, 10**9)
    return e.replace(
        lambda p: isinstance(p, Piecewise),
        lambda p: next(v for v, c in p.args if bool(c.xreplace({t: tiny}))),
    )


def _series_on_side(expr: sympy.Expr, var: Symbol, sign: int, order: int) -> sympy.Expr:
    """sympy.series of the unit on one side of 0: var = sign*t with t > 0, then back to var."""
    t = Symbol("t", positive=True)
    branch = _near_zero_branch(elementary(to_piecewise(expr)).xreplace({var: sign * t}), t)
    assert not branch.has(Piecewise), branch
    s = sympy.series(branch, t, 0, order).removeO()
    return sympy.expand(s.xreplace({t: sign * var}))


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_taylor_against_sympy_series(name: str) -> None:
    """Every entry: glusym's Taylor polynomial (or each one-sided one) equals sympy.series, exactly.

    For a gated unit the series is in x_g (x_v is a constant factor), truncated to total degree < 8."""
    order = 8
    unit = CATALOGUE[name]
    var = unit.variables[0]
    result = glusym.taylor(unit, order=order)
    expr = unit.expr
    series_order = order if unit.kind == "activation" else order - 1
    smooth = kink_free(to_piecewise(expr))
    if smooth and unit.kind == "activation":
        coeffs = taylor_coefficients(expr, var, order)
        ref = sympy.expand(sympy.series(elementary(expr), var, 0, order).removeO())
        for k in range(order):
            assert _coefficients_equal(coeffs[k], ref.coeff(var, k)), (name, k, coeffs[k], ref.coeff(var, k))
    sides = [(1, result.polynomial), (-1, result.polynomial)] if result.analytic else \
        [(1 if label.rel_op == ">" else -1, p) for label, p in result.sides]
    for sign, poly in sides:
        ref = _series_on_side(expr, var, sign, series_order)
        poly = sympy.expand(poly)
        for k in range(order):
            a, b = poly.coeff(var, k), ref.coeff(var, k)
            assert _coefficients_equal(a, b), (name, sign, k, a, b)

"""The one compiler to mpmath (glusym.evaluate.mpmath_function), over the whole catalogue, against
SymPy's own evaluator (evalf at 40 digits, an independent path: no lambdify, no mpmath namespace)."""

from __future__ import annotations

import mpmath
import pytest
import sympy
from sympy import Function, Rational, Symbol

from glusym import CATALOGUE, GlusymError
from glusym.evaluate import mpmath_function
from glusym.functions import Phi

POINTS = (Rational(-37, 10), Rational(-1, 3), Rational(1, 7), Rational(5, 2))


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_every_unit_evaluates_as_sympy_does(name: str) -> None:
    u = CATALOGUE[name]
    f = mpmath_function(u.expr, u.variables)
    for p in POINTS:
        args = [p + k * Rational(3, 11) for k in range(len(u.variables))]  # distinct values per variable
        exact = sympy.N(u.expr.subs(dict(zip(u.variables, args))), 40)
        with mpmath.workdps(30):
            got = f(*(mpmath.mpf(a.p) / a.q for a in args))
            assert abs(got - mpmath.mpf(str(exact))) <= mpmath.mpf(10) ** -25 * (1 + abs(got)), (name, args, got, exact)


def test_phi_in_the_far_left_tail_has_its_digits() -> None:
    t = Symbol("t")
    f = mpmath_function(Phi(t), [t])
    for a in (-40, -1000, -10**9):
        with mpmath.workdps(80):  # the reference with digits to spare: the exponent amplifies roundings
            if a > -10**5:
                want = mpmath.erfc(-mpmath.mpf(a) / mpmath.sqrt(2)) / 2
            else:  # beyond erfc's reach: the Mills series, φ(a)/|a|·(1 − 1/a² + 3/a⁴), error 15/a⁶
                want = mpmath.npdf(a) / abs(a) * (1 - mpmath.mpf(1) / a**2 + mpmath.mpf(3) / a**4)
        with mpmath.workdps(20):
            got = f(mpmath.mpf(a))
            assert abs(got / want - 1) < mpmath.mpf(10) ** -18, (a, got, want)


def test_a_changed_expression_changes_the_value() -> None:
    t = Symbol("t")
    with mpmath.workdps(20):
        assert mpmath_function(t**2, [t])(3) == 9
        assert mpmath_function(t**3, [t])(3) == 27


def test_names_that_are_not_python_names_are_refused() -> None:
    t = Symbol("t")
    with pytest.raises(GlusymError, match="not a plain Python name"):
        mpmath_function(Function("__import__('os').getcwd")(t), [t])
    with pytest.raises(GlusymError, match="not a plain Python name"):
        mpmath_function(t + Symbol("os.system('true')"), [t])

r"""Gradient and Hessian of a unit or expression, simplified."""

from __future__ import annotations

import os
import time
from typing import Any

import sympy
from sympy import Expr, Matrix, piecewise_fold

from ..budget import time_budget, validate_budget
from ..cache import simplified
from ..errors import BudgetExceeded
from ..functions import to_sympy
from ._common import Analysable, as_function, to_piecewise

__all__ = ["gradient", "hessian", "tidy"]


def tidy(expr: Expr, budget: float | None = 1.0) -> Expr:
    """A simplified form of ``expr``: ``sympy.simplify`` within ``budget`` seconds when it
    shortens the expression, else the expression with its Piecewise folded. The outcome is
    remembered on disk (:mod:`glusym.cache`), so that it does not change with the machine's load;
    glusym ships it for its catalogue, found with a longer budget.

    >>> from sympy import Symbol, exp
    >>> x = Symbol("x")
    >>> tidy(exp(x) * exp(-x) + x)
    x + 1
    """
    budget = validate_budget(budget)
    expr = piecewise_fold(to_sympy(expr, "the argument of tidy"))
    seconds = budget
    if os.environ.get("GLUSYM_SIMPLIFY_BUDGET"):  # the shipped cache is built with a longer one
        seconds = validate_budget(float(os.environ["GLUSYM_SIMPLIFY_BUDGET"]))

    def compute() -> Expr | None:
        start = time.monotonic()
        try:
            with time_budget(seconds):
                simpler = sympy.simplify(expr)
        except BudgetExceeded:
            if seconds is not None and time.monotonic() - start < seconds - 1e-3:
                raise  # an outer budget ran out: nothing learned about this expression
            return None
        return simpler if sympy.count_ops(simpler) < sympy.count_ops(expr) else None

    simpler = simplified(expr, compute)  # remembered on disk: the same answer on a busy machine
    return expr if simpler is None else simpler


def gradient(obj: Analysable, budget: float | None = 1.0) -> tuple[Expr, ...]:
    r"""The partial derivatives :math:`(\partial f/\partial v)_v`, one per variable, simplified.

    An activation has one variable, so its gradient is a 1-tuple. At a kink the derivative is
    that of the branch the unit's definition takes there (JAX's convention: ``relu'(0) = 0``).

    >>> import glusym
    >>> glusym.gradient(glusym.get("silu"))
    ((-x*(sigmoid(x) - 1) + 1)*sigmoid(x),)
    >>> glusym.gradient(glusym.get("bilinear"))
    (x_v, x_g)
    """
    validate_budget(budget)
    expr, variables = as_function(obj)
    expr = to_piecewise(expr)
    return tuple(tidy(sympy.diff(expr, v), budget) for v in variables)


def hessian(obj: Analysable, budget: float | None = 1.0) -> Matrix:
    r"""The matrix :math:`\partial^2 f/\partial u\,\partial v` of second derivatives, simplified.

    >>> import glusym
    >>> glusym.hessian(glusym.get("bilinear"))
    Matrix([
    [0, 1],
    [1, 0]])
    """
    validate_budget(budget)
    expr, variables = as_function(obj)
    expr = to_piecewise(expr)
    first = [sympy.diff(expr, v) for v in variables]
    n = len(variables)
    entries = [[sympy.S.Zero] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            entries[i][j] = entries[j][i] = tidy(sympy.diff(first[i], variables[j]), budget)
    return Matrix(entries)

r"""Taylor expansions at 0, exact, by Taylor-mode series arithmetic."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr, Symbol

from ..budget import time_budget, validate_budget
from ..errors import GlusymError, NotDerived
from ._common import as_expr, boundaries, select_branches, side_points, to_piecewise
from .series import NotAnalytic, check_order, taylor_coefficients

__all__ = ["TaylorResult", "taylor"]


@dataclass(frozen=True)
class TaylorResult:
    r"""A Taylor expansion at 0: every term of total degree < ``order``.

    ``polynomial`` is the expansion where the function is analytic at 0 (or where its one-sided
    expansions agree to this order). Where it is not (ReLU², ELU's kink at 0), ``polynomial`` is
    None and ``sides`` holds the one-sided expansions, each labelled by the side it holds on
    (``"x > 0"``, ``"x < 0"``; for a gated unit, per sign of the kinked variable).
    """

    variables: tuple[Symbol, ...]
    order: int
    polynomial: Expr | None
    sides: tuple[tuple[str, Expr], ...] = ()

    @property
    def analytic(self) -> bool:
        """True where one polynomial holds on both sides of 0."""
        return self.polynomial is not None

    def coefficients(self) -> dict[tuple[int, ...], Expr]:
        """Coefficient by exponent tuple (one exponent per variable) of ``polynomial``."""
        if self.polynomial is None:
            raise GlusymError("one-sided expansion: ask each of .sides")
        poly = sympy.Poly(self.polynomial, *self.variables)
        return dict(poly.terms())

    def __str__(self) -> str:
        o = f"O({'|'.join(map(str, self.variables)) if len(self.variables) > 1 else self.variables[0]}^{self.order})"
        if self.polynomial is not None:
            return f"{self.polynomial} + {o}"
        return "; ".join(f"{p} + {o} for {label}" for label, p in self.sides)


def _expand(expr: Expr, variables: tuple[Symbol, ...], order: int) -> Expr:
    t = Symbol("_t", positive=True)
    if len(variables) == 1:
        (v,) = variables
        coeffs = taylor_coefficients(expr, v, order)
        return sympy.Add(*[c * v**k for k, c in enumerate(coeffs)])
    scaled = expr.xreplace({v: t * v for v in variables})
    coeffs = taylor_coefficients(scaled, t, order)
    return sympy.expand(sympy.Add(*coeffs))


def taylor(obj: Any, order: int = 6, budget: float | None = 10.0) -> TaylorResult:
    r"""The Taylor expansion at 0 of a unit or expression: every term of degree < ``order``.

    Coefficients are exact and simplified (Mish's first coefficient is 3/5, not
    :math:`\tanh\log 2`). A function with a kink at 0 gets its one-sided expansions. For a gated
    unit the degree is the total degree in :math:`(x_g, x_v)`.

    ``order`` is a whole number from 1 to :data:`~glusym.analysis.series.MAX_ORDER` (640; for a
    stack, ``order × depth`` is at most 640); ``budget`` is seconds (None: no limit), see
    :func:`~glusym.budget.validate_budget`. Both are checked before any work starts.

    >>> import glusym
    >>> glusym.taylor(glusym.get("silu"), order=6).polynomial
    -x**4/48 + x**2/4 + x/2
    >>> glusym.taylor(glusym.get("mish"), order=3).polynomial
    8*x**2/25 + 3*x/5
    >>> glusym.taylor(glusym.get("swiglu"), order=4).polynomial
    x_g**2*x_v/4 + x_g*x_v/2
    >>> glusym.taylor(glusym.get("relu2"), order=4).sides
    (('x > 0', x**2), ('x < 0', 0))
    """
    check_order(order)
    validate_budget(budget)
    if getattr(obj, "kind", None) == "chain":  # composed layer by layer, not expanded
        from .depth import chain_taylor

        return chain_taylor(obj, order, budget)
    expr, variables = as_expr(obj)
    expr = to_piecewise(expr)
    try:
        with time_budget(budget):
            kinked = [v for v in variables if 0 in boundaries(expr, v)]
            if not kinked:
                point = {v: sympy.S.Zero for v in variables}
                smooth = select_branches(expr, point)
                return TaylorResult(variables, order, _expand(smooth, variables, order))
            sides = []
            for signs in itertools.product((1, -1), repeat=len(kinked)):
                point = {v: sympy.S.Zero for v in variables}
                for v, sgn in zip(kinked, signs):
                    point[v] = side_points(expr, v, sympy.S.Zero, sgn)
                label = ", ".join(f"{v} {'>' if sgn > 0 else '<'} 0" for v, sgn in zip(kinked, signs))
                branch = select_branches(expr, point)
                sides.append((label, _expand(branch, variables, order)))
    except NotAnalytic as exc:
        raise NotDerived(f"no Taylor expansion at 0: {exc}") from exc
    if all(sympy.expand(p - sides[0][1]) == 0 for _, p in sides):
        return TaylorResult(variables, order, sides[0][1])
    return TaylorResult(variables, order, None, tuple(sides))

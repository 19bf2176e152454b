r"""Taylor expansions at 0, exact, by Taylor-mode series arithmetic."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import Expr, Symbol
from sympy.logic.boolalg import Boolean

from ..budget import time_budget, validate_budget
from ..display import Display, text
from ..errors import GlusymError, NotDerived
from ..printing import condition_text
from ._common import Analysable, as_function, boundaries, select_branches, side_points, to_piecewise
from .series import NotAnalytic, check_order, taylor_coefficients

__all__ = ["TaylorResult", "taylor"]


@dataclass(frozen=True, repr=False)
class TaylorResult(Display):
    r"""A Taylor expansion at 0: every term of total degree < ``order``.

    ``polynomial`` is the expansion where the function is analytic at 0 (or where its one-sided
    expansions agree to this order). Where it is not (ReLU², ELU's kink at 0), ``polynomial`` is
    None and ``sides`` holds the one-sided expansions, each labelled by the side it holds on, a
    SymPy relation (``x > 0``, ``x < 0``; for a gated unit, per sign of the kinked variable, a
    conjunction ``And(x_g > 0, …)`` where several are kinked). ``name`` is the unit's name (for
    display; not compared).

    ``exact`` has one flag per expansion (``polynomial``, or each of ``sides``): True where the
    function is that polynomial exactly (on its side), so that there is no :math:`O(x^n)` term to
    write: ReLU is :math:`x` for :math:`x > 0` and :math:`0` for :math:`x < 0`, not
    :math:`0 + O(x^6)`. Empty where it is not known (a stack's expansion).

    >>> import glusym
    >>> r = glusym.taylor(glusym.get("relu"))
    >>> r.sides, r.exact
    (((x > 0, x), (x < 0, 0)), (True, True))
    >>> dict(r.sides)[glusym.x < 0]
    0
    >>> str(r), str(glusym.taylor(glusym.get("elu"), order=3))
    ('x for x > 0; 0 for x < 0', 'x for x > 0; x**2/2 + x + O(x^3) for x < 0')
    >>> glusym.taylor(glusym.get("mish"), order=4)
    TaylorResult(mish, order 4: 3x/5 + 8x²/25 - 2x³/125 + O(x⁴))
    >>> glusym.taylor(glusym.get("relu2"), order=4)
    TaylorResult(relu2, order 4: x² for x > 0; 0 for x < 0)
    """

    variables: tuple[Symbol, ...]
    order: int
    polynomial: Expr | None
    sides: tuple[tuple[Boolean, Expr], ...] = ()
    exact: tuple[bool, ...] = ()
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for label, _ in self.sides:  # a relation, never text (which would have to be read back)
            if not isinstance(label, Boolean) or isinstance(label, sympy.logic.boolalg.BooleanAtom):
                raise GlusymError(f"a side of a TaylorResult is a SymPy relation (x > 0), not {type(label).__name__}")

    def side_text(self, i: int) -> str:
        """The label of side ``i`` as text: ``x > 0``, ``x_g > 0, x_v < 0``."""
        return condition_text(self.sides[i][0], self.variables)

    def is_exact(self, i: int = 0) -> bool:
        """True where expansion ``i`` (0 for ``polynomial``, else the index in ``sides``) is the
        function itself on its side: no O term."""
        return i < len(self.exact) and self.exact[i]

    def _big_o(self) -> str:
        v = self.variables
        k = str(self.order).translate(_SUP)
        return f"O({v[0]}{k})" if len(v) == 1 else "O(" + " + ".join(f"|{s}|{k}" for s in v) + ")"

    def _summary(self) -> str:
        head = f"{self.name}, order {self.order}" if self.name else f"order {self.order}"
        o = self._big_o()
        if self.polynomial is not None:
            return f"{head}: {text(self.polynomial, ascending=True)}" + ("" if self.is_exact(0) else f" + {o}")
        return f"{head}: " + "; ".join(f"{text(p, ascending=True)}" + ("" if self.is_exact(i) else f" + {o}")
                                       + f" for {self.side_text(i)}" for i, (_, p) in enumerate(self.sides))

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
            return str(self.polynomial) if self.is_exact() else f"{self.polynomial} + {o}"
        return "; ".join(f"{p}{'' if self.is_exact(i) else ' + ' + o} for {self.side_text(i)}"
                         for i, (_, p) in enumerate(self.sides))


_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _expand(expr: Expr, variables: tuple[Symbol, ...], order: int) -> Expr:
    t = Symbol("_t", positive=True)
    if len(variables) == 1:
        (v,) = variables
        coeffs = taylor_coefficients(expr, v, order)
        return sympy.Add(*[c * v**k for k, c in enumerate(coeffs)])
    scaled = expr.xreplace({v: t * v for v in variables})
    coeffs = taylor_coefficients(scaled, t, order)
    return sympy.expand(sympy.Add(*coeffs))


def _is_exact(pw: Expr, branch: Expr, poly: Expr, variables: tuple[Symbol, ...], side: dict[Symbol, int]) -> bool:
    """True where the function ``pw`` is the polynomial ``poly`` on the whole of its side of 0
    (``side``: the sign of each kinked variable): its ``branch`` there is ``poly`` and no other
    piece starts on that side (HardTanh is x near 0 only, ReLU6 is x up to 6: not exact)."""
    for v in variables:
        for b in boundaries(pw, v) - ({sympy.S.Zero} if v in side else set()):
            if v not in side or not (b.is_number and side[v] * b < 0):
                return False
    return bool(branch.is_polynomial(*variables)) and sympy.expand(branch - poly) == 0


def taylor(obj: Analysable, order: int = 6, budget: float | None = 10.0) -> TaylorResult:
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
    ((x > 0, x**2), (x < 0, 0))
    """
    check_order(order)
    validate_budget(budget)
    own = getattr(obj, "_eval_taylor", None)
    if callable(own):  # a stack composes its series layer by layer (glusym.analysis.depth), not expanded
        composed: TaylorResult = own(order, budget)
        return composed
    expr, variables = as_function(obj)
    expr = to_piecewise(expr)
    try:
        with time_budget(budget):
            kinked = [v for v in variables if 0 in boundaries(expr, v)]
            if not kinked:
                point = {v: sympy.S.Zero for v in variables}
                smooth = select_branches(expr, point)
                poly = _expand(smooth, variables, order)
                return TaylorResult(variables, order, poly, exact=(_is_exact(expr, smooth, poly, variables, {}),),
                                    name=_name(obj))
            sides: list[tuple[Boolean, Expr]] = []
            exact: list[bool] = []
            for signs in itertools.product((1, -1), repeat=len(kinked)):
                point = {v: sympy.S.Zero for v in variables}
                for v, sgn in zip(kinked, signs):
                    point[v] = side_points(expr, v, sympy.S.Zero, sgn)
                label = sympy.And(*[v > 0 if sgn > 0 else v < 0 for v, sgn in zip(kinked, signs)])
                branch = select_branches(expr, point)
                poly = _expand(branch, variables, order)
                sides.append((label, poly))
                exact.append(_is_exact(expr, branch, poly, variables, dict(zip(kinked, signs))))
    except NotAnalytic as exc:
        raise NotDerived(f"no Taylor expansion at 0: {exc}") from exc
    if all(sympy.expand(p - sides[0][1]) == 0 for _, p in sides):
        return TaylorResult(variables, order, sides[0][1], exact=(all(exact),), name=_name(obj))
    return TaylorResult(variables, order, None, tuple(sides), tuple(exact), name=_name(obj))


def _name(obj: Any) -> str:
    name = getattr(obj, "name", "")
    return name if isinstance(name, str) else ""

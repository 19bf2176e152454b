"""Helpers shared by the analyses: what an argument is, and piecewise branch selection (the
evaluation helpers, ``lambdify`` and ``to_piecewise``, are :mod:`glusym.evaluate`'s, re-exported)."""

from __future__ import annotations

from typing import Any, Protocol, TypeAlias

import sympy
from sympy import Abs, Expr, Heaviside, Max, Min, Piecewise, Symbol, sign
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from ..catalogue import Unit
from ..errors import GlusymError
from ..evaluate import lambdify, to_piecewise, without_ite
from ..functions import text_note, to_sympy

__all__ = ["Analysable", "Expressed", "VARIABLE_NAMES", "as_expr", "as_function", "boundaries", "kink_free", "lambdify", "select_branches", "to_piecewise", "without_ite"]


class Expressed(Protocol):
    """What the verbs read from a catalogue :class:`Unit` or a stack (:class:`Chain`): the
    expression and its variables."""

    @property
    def expr(self) -> Expr: ...

    @property
    def variables(self) -> tuple[Symbol, ...]: ...


#: What an analysis verb takes: a unit or a stack, a SymPy expression, or a number (anything else
#: is refused with :class:`GlusymError`).
Analysable: TypeAlias = Expressed | Expr | int | float


def as_expr(obj: Analysable) -> tuple[Expr, tuple[Symbol, ...]]:
    """The expression of a unit or expression, with its variables (a unit's, or the sorted free symbols)."""
    if isinstance(obj, Unit) or (hasattr(obj, "expr") and hasattr(obj, "variables")):  # a Unit or a Chain
        return obj.expr, obj.variables
    if isinstance(obj, (int, float)):
        obj = to_sympy(obj)
    if not isinstance(obj, sympy.Basic):
        kind = type(obj).__name__
        raise GlusymError(f"expected a glusym Unit or a SymPy expression, not {kind}{text_note(obj)}")
    variables = tuple(sorted(obj.free_symbols, key=lambda s: s.name))
    return obj, variables


#: The names of glusym's variables (the catalogue's x, x_g, x_v). In an expression that has one of
#: them, every other symbol is a parameter.
VARIABLE_NAMES = frozenset({"x", "x_g", "x_v"})


def as_function(obj: Analysable) -> tuple[Expr, tuple[Symbol, ...]]:
    r"""The expression of a unit or expression and the variables an analysis takes it in.

    A unit (or a chain) brings its own variables; its parameters, set to numbers or to symbols
    (``get("swish", beta="b")``), are never variables. An expression that has one of glusym's
    variables (``x``, ``x_g``, ``x_v``, by name) is a function of those, and its other symbols are
    parameters: ``unit.template`` is :math:`x\,\sigma(eta x)` in :math:`x`, with :math:`eta` in
    its coefficients. An expression without any of them is a function of all its symbols
    (``2*x_1 - 3*x_2`` is one of :math:`x_1, x_2`).

    >>> import glusym, sympy
    >>> as_function(glusym.get("swish").template)[1]
    (x,)
    >>> t, u = sympy.symbols("t u", real=True)
    >>> as_function(t * u)[1]
    (t, u)
    """
    expr, variables = as_expr(obj)
    if isinstance(obj, sympy.Basic):
        named = tuple(v for v in variables if v.name in VARIABLE_NAMES)
        if named:
            return expr, named
    return expr, variables


def boundaries(expr: Expr, var: Symbol) -> set[Expr]:
    """The points where a Piecewise condition on ``var`` changes truth (conditions linear in var)."""
    points: set[Expr] = set()
    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            for rel in _relationals(cond):
                if not rel.has(var):
                    continue
                d = rel.lhs - rel.rhs
                if sympy.degree(d, var) != 1 if d.is_polynomial(var) else True:
                    raise GlusymError(f"piecewise condition {rel} is not linear in {var}")
                a, b = sympy.Poly(d, var).all_coeffs()
                points.add(sympy.simplify(-b / a))
    return points


def _relationals(cond: Any) -> list[Relational]:
    if isinstance(cond, Relational):
        return [cond]
    if isinstance(cond, (BooleanTrue, BooleanFalse)):
        return []
    out: list[Relational] = []
    for a in getattr(cond, "args", ()):
        out.extend(_relationals(a))
    return out


def select_branches(expr: Expr, point: dict[Symbol, Expr]) -> Expr:
    """Replace every Piecewise by its branch in force at ``point`` (a point where no condition is
    on its boundary, so that the branch holds in a neighbourhood)."""

    def pick(pw: Piecewise) -> Expr:
        for value, cond in pw.args:
            truth = cond.xreplace(point) if isinstance(cond, Boolean) else cond
            if truth is sympy.true or truth is True:
                return value
            if truth is sympy.false or truth is False:
                continue
            raise GlusymError(f"cannot decide the branch condition {cond} at {point}")
        raise GlusymError(f"no branch of {pw} holds at {point}")

    while expr.has(Piecewise):
        expr = expr.replace(lambda e: isinstance(e, Piecewise) and not any(a.has(Piecewise) for a in e.args),
                            pick)
    return expr


def inside(lo: Expr, hi: Expr) -> Expr:
    """A point strictly inside the interval (lo, hi), whose ends may be infinite: its middle, one
    past a finite end, or 0 for the whole line (where a Piecewise takes one branch throughout).

    >>> import sympy
    >>> inside(-sympy.oo, 2), inside(0, 1), inside(3, sympy.oo), inside(-sympy.oo, sympy.oo)
    (1, 1/2, 4, 0)
    """
    if lo == -sympy.oo and hi == sympy.oo:
        return sympy.S.Zero
    if lo == -sympy.oo:
        return hi - 1
    if hi == sympy.oo:
        return lo + 1
    return (to_sympy(lo) + hi) / 2


def kink_free(expr: Expr) -> bool:
    """True when the expression has no Piecewise, Abs, Max, Min, Heaviside or sign."""
    return not expr.has(Piecewise, Abs, Max, Min, Heaviside, sign)


def side_points(expr: Expr, var: Symbol, at: Expr, side: int) -> Expr:
    """A point strictly on one side (side = +1 or -1) of ``at``, nearer than any other boundary."""
    others = [b for b in boundaries(expr, var) if b != at and b.is_number]
    if at in (sympy.oo, -sympy.oo):
        big = max([abs(b) for b in others], default=sympy.S.Zero)
        return (2 * big + 1) * (1 if at == sympy.oo else -1)
    gaps = [abs(b - at) for b in others if (b - at) * side > 0]
    step = min(gaps) / 2 if gaps else sympy.S.One
    return at + side * step

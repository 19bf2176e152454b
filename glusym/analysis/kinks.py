r"""The kinks of a piecewise unit: every boundary between its pieces, with what happens on each side.

At a boundary :math:`b` of an activation :math:`f` (ReLU6 at 0 and 6, hardtanh at :math:`\pm 1`,
hardswish at :math:`\pm 3`, hardshrink at :math:`\pm\lambda`) the pieces on the left and on the right
meet. A :class:`Kink` gives, for each side, the one-sided limit of :math:`f`, of :math:`f'`, and the
one-sided Taylor expansion of the piece in :math:`h = x - b` (for :math:`x \to b^-` and
:math:`x \to b^+`), the value :math:`f(b)`, and whether :math:`f` is continuous there and
differentiable (the one-sided derivatives agree).

**The derivative at a kink is a convention.** glusym's derivative of a Piecewise is the Piecewise of
the derivatives, so at a boundary it takes the branch whose condition holds there: ReLU's
:math:`f'(0) = 0` (as JAX and PyTorch take it), ReLU6's :math:`f'(6) = 0`, hardtanh's
:math:`f'(\pm 1) = 1`. :attr:`Kink.convention` is that value, computed from the derivative glusym
returns, so a test can hold it to the frameworks' choice.

A gated unit :math:`\alpha(x_g)\,x_v` has a crease along each kink :math:`x_g = b` of its gate
(ReGLU's :math:`x_g = 0`); its kinks are those of the gate, with :math:`x_v` as a factor.

>>> import glusym
>>> from glusym.analysis.kinks import kinks
>>> [str(k) for k in kinks(glusym.get("relu6"))]
['x = 0: f = 0, f′ 0 → 1 (convention f′(0) = 0)', 'x = 6: f = 6, f′ 1 → 0 (convention f′(6) = 0)']
>>> k = kinks(glusym.get("hardshrink"))[1]
>>> k.at, k.left_value, k.right_value, k.continuous
(1/2, 0, 1/2, False)
>>> kinks(glusym.get("relu"))[0].right_series  # the piece itself: exact, no O term
h
>>> kinks(glusym.get("elu", alpha=2))[0].left_series
2*h + h**2 + O(h**3)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr, Symbol

from ..budget import time_budget, validate_budget
from ..catalogue import x_g, x_v
from ..display import Display
from ..functions import to_sympy
from ..errors import BudgetExceeded, NotDerived
from ._common import Analysable
from .extrema import _activation, _gate, _is_gated, _pieces

__all__ = ["Kink", "kinks"]

#: The symbol of the one-sided expansions: :math:`h = x - b`.
h = Symbol("h", real=True)


@dataclass(frozen=True, repr=False)
class Kink(Display):
    """A boundary ``at`` between two pieces of ``variable``: ``value`` = f(at); each side's limit
    of f and f′ and its Taylor expansion in h = variable − at (order ``order``); ``convention``,
    the derivative glusym takes at the kink itself (None where f jumps and has no derivative)."""

    variable: Symbol
    at: Expr
    value: Expr
    left_value: Expr
    right_value: Expr
    left_derivative: Expr
    right_derivative: Expr
    left_series: Expr
    right_series: Expr
    convention: Expr | None

    def __post_init__(self) -> None:  # the fields are SymPy, never text (which sympify would run)
        for name in ("at", "value", "left_value", "right_value", "left_derivative", "right_derivative",
                     "left_series", "right_series", "convention"):
            value = getattr(self, name)
            if value is not None or name != "convention":
                object.__setattr__(self, name, to_sympy(value, f"the {name} of a Kink"))

    @property
    def continuous(self) -> bool:
        """f(b−) = f(b) = f(b+)."""
        return bool(sympy.simplify(self.left_value - self.value) == 0
                    and sympy.simplify(self.right_value - self.value) == 0)

    @property
    def differentiable(self) -> bool:
        """Continuous with equal one-sided derivatives (a boundary that is no kink at all)."""
        return self.continuous and bool(sympy.simplify(self.left_derivative - self.right_derivative) == 0)

    def _summary(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return _short(self._text())

    def _text(self) -> str:
        v = self.variable
        f = (f"f = {self.value}" if self.continuous
             else f"f jumps {self.left_value} → {self.right_value} (f({self.at}) = {self.value})")
        conv = "" if self.convention is None else f" (convention f′({self.at}) = {self.convention})"
        return f"{v} = {self.at}: {f}, f′ {self.left_derivative} → {self.right_derivative}{conv}"


def _short(text: str) -> str:
    """Long decimals (SELU's constants) cut to 15 significant digits for reading."""
    import re

    return re.sub(r"(-?\d+\.\d{15})\d+", r"\1", text)


def _one_sided(piece: Expr, var: Symbol, at: Expr, order: int) -> tuple[Expr, Expr, Expr]:
    """The limit of the piece and of its derivative at ``at``, and its expansion in h."""
    shifted = piece.xreplace({var: at + h})
    value = sympy.simplify(shifted.xreplace({h: sympy.S.Zero}))
    derivative = sympy.simplify(sympy.diff(shifted, h).xreplace({h: sympy.S.Zero}))
    series = sympy.series(shifted, h, 0, order)  # a polynomial piece of degree < order: exact, no O term
    return value, derivative, series


def kinks(obj: Analysable, order: int = 3, budget: float | None = 10.0) -> tuple[Kink, ...]:
    r"""Every boundary between the pieces of a piecewise unit, left to right, with the one-sided
    limits of :math:`f` and :math:`f'` and the one-sided expansions in :math:`h = x - b` to
    :math:`O(h^{order})`; for a gated unit, the kinks of its gate (creases :math:`x_g = b`).
    A smooth unit has none.

    >>> import glusym
    >>> [(k.at, k.left_derivative, k.right_derivative) for k in kinks(glusym.get("hardtanh"))]
    [(-1, 0, 1), (1, 1, 0)]
    >>> [k.at for k in kinks(glusym.get("reglu"))], kinks(glusym.get("silu"))
    ([0], ())
    """
    budget = validate_budget(budget)
    if not (isinstance(order, int) and 1 <= order <= 12):
        raise NotDerived(f"order must be a whole number from 1 to 12, got {order!r}")
    try:
        with time_budget(budget):
            gated = _is_gated(obj)
            expr, var = (_gate(obj), x_g) if gated else _activation(obj)
            pieces = _pieces(expr, var)
            derivative = sympy.diff(expr, var)
            out = []
            for left, right in zip(pieces, pieces[1:]):
                b = left.hi
                lv, ld, ls = _one_sided(left.expr, var, b, order)
                rv, rd, rs = _one_sided(right.expr, var, b, order)
                value = sympy.simplify(expr.xreplace({var: b}))
                jumps = sympy.simplify(lv - value) != 0 or sympy.simplify(rv - value) != 0
                convention = None if jumps else sympy.simplify(derivative.xreplace({var: b}))
                if gated:  # α(x_g) x_v: the crease carries x_v as a factor
                    lv, ld, rv, rd, value = (e * x_v for e in (lv, ld, rv, rd, value))
                    ls, rs = (sympy.expand(e.removeO() * x_v) + (sympy.Order(h**order) if e.has(sympy.Order) else 0)
                              for e in (ls, rs))
                    convention = None if convention is None else convention * x_v
                out.append(Kink(var, b, value, lv, rv, ld, rd, ls, rs, convention))
            return tuple(out)
    except BudgetExceeded:
        if budget is None:  # an outer budget ran out: it is the caller's to report
            raise
        raise NotDerived(f"the kinks ran past their budget of {budget:g} s (a larger budget may reach them)") from None

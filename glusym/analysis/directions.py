r"""A gated unit at infinity in every direction of the plane, not only along the diagonal.

Along the ray :math:`(x_g, x_v) = t(\cos\theta, \sin\theta)`, :math:`t \to \infty`, a gated unit
:math:`f = \alpha(x_g)\,x_v` is :math:`\alpha(t\cos\theta)\; t\sin\theta`, so its behaviour is the
gate's at :math:`+\infty` where :math:`\cos\theta > 0` and at :math:`-\infty` where
:math:`\cos\theta < 0`, times :math:`t\sin\theta`:

* in an open quadrant the leading term is :math:`L_\pm(t\cos\theta)\, t\sin\theta`, with
  :math:`L_\pm` the gate's leading term at :math:`\pm\infty`, and the growth order one more than the
  gate's (SwiGLU: :math:`t^2\cos\theta\sin\theta` for :math:`\cos\theta > 0`, a decay like
  :math:`t^2 e^{t\cos\theta}` for :math:`\cos\theta < 0`);
* on the :math:`x_g` axis (:math:`\sin\theta = 0`) the unit is 0;
* on the :math:`x_v` axis (:math:`\cos\theta = 0`) it is :math:`\alpha(0)\, t \sin\theta`: 0 for
  every gate with :math:`\alpha(0) = 0`, linear for GLU's :math:`\sigma`.

The leading terms and limits are SymPy's, with :math:`\cos\theta` and :math:`\sin\theta` as
symbols of known sign (``c`` and ``s``); the gate's behaviour is
:func:`~glusym.analysis.asymptotes.asymptotes` of the gate, which is checked against mpmath there.

>>> import glusym
>>> from glusym.analysis.directions import directions
>>> for d in directions(glusym.get("swiglu")):
...     print(d)
0 < θ < π/2: f ~ c*s*t**2, growth t^2, → oo
π/2 < θ < π: f ~ c*s*t**2*exp(c*t), growth exponential decay, → 0
-π < θ < -π/2: f ~ c*s*t**2*exp(c*t), growth exponential decay, → 0
-π/2 < θ < 0: f ~ c*s*t**2, growth t^2, → -oo
θ = 0: f = 0
θ = π/2: f = 0
θ = π: f = 0
θ = -π/2: f = 0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr, Symbol

from ..budget import time_budget, validate_budget
from ..display import Display
from ..functions import to_sympy
from ..errors import BudgetExceeded, GlusymError, NotDerived
from .asymptotes import asymptotes
from .extrema import _gate, _is_gated

__all__ = ["Direction", "directions", "t"]

#: The distance along the ray.
t = Symbol("t", positive=True)

_QUADRANTS = (  # (text, sign of cos θ, sign of sin θ)
    ("0 < θ < π/2", 1, 1),
    ("π/2 < θ < π", -1, 1),
    ("-π < θ < -π/2", -1, -1),
    ("-π/2 < θ < 0", 1, -1),
)
_AXES = (("θ = 0", 1, 0), ("θ = π/2", 0, 1), ("θ = π", -1, 0), ("θ = -π/2", 0, -1))


@dataclass(frozen=True, repr=False)
class Direction(Display):
    r"""The behaviour of a gated unit along :math:`t(\cos\theta, \sin\theta)` for the angles
    ``theta``: its ``leading`` term in :math:`t` (with ``c`` = cos θ, ``s`` = sin θ of the sector's
    signs; exact, the unit itself, on an axis), ``growth`` (``t^k``, ``exponential decay``,
    ``exponential growth``, or ``0`` where the unit vanishes on the ray) and ``limit`` as
    :math:`t \to \infty`."""

    theta: str
    cos_sign: int
    sin_sign: int
    leading: Expr
    growth: str
    limit: Expr

    def __post_init__(self) -> None:  # the fields are SymPy, never text (which sympify would run)
        for name in ("leading", "limit"):
            object.__setattr__(self, name, to_sympy(getattr(self, name), f"the {name} of a Direction"))

    def _summary(self) -> str:
        return str(self)

    def __str__(self) -> str:
        if self.growth == "0":
            return f"{self.theta}: f = 0"
        return f"{self.theta}: f ~ {self.leading}, growth {self.growth}, → {self.limit}"


def _symbol(name: str, sign: int) -> Symbol:
    return Symbol(name, positive=True) if sign > 0 else Symbol(name, negative=True)


def _growth(order: Expr | None, extra: int) -> str:
    if order is None:
        return "not derived"
    if order == sympy.oo:
        return "exponential growth"
    if order == -sympy.oo:
        return "exponential decay"
    k = order + extra
    return "t^0 (bounded)" if k == 0 else f"t^{k}"


def directions(unit: Any, budget: float | None = 10.0) -> tuple[Direction, ...]:
    r"""The behaviour of a gated unit at infinity along every direction θ: the four open quadrants
    (leading term, growth order, limit) and the four axes.

    >>> import glusym
    >>> [str(d) for d in directions(glusym.get("glu"))][5]
    'θ = π/2: f ~ t/2, growth t^1, → oo'
    """
    budget = validate_budget(budget)
    if not _is_gated(unit):
        raise GlusymError("directions takes a gated unit f(x_g, x_v) = alpha(x_g)*x_v")
    try:
        with time_budget(budget):
            alpha = _gate(unit)
            ends = asymptotes(alpha, budget=None)
            var = ends.variable
            out = []
            for theta, cs, ss in _QUADRANTS:
                c, s = _symbol("c", cs), _symbol("s", ss)
                behaviour = ends.plus if cs > 0 else ends.minus
                if behaviour.leading is None:
                    raise NotDerived(f"the gate's leading term at {behaviour.direction} is not derived")
                lead = sympy.powsimp(behaviour.leading.xreplace({var: c * t}) * s * t)
                if lead == 0:  # the gate vanishes on that half-line (ReGLU for x_g < 0): f is 0 there
                    out.append(Direction(theta, cs, ss, sympy.S.Zero, "0", sympy.S.Zero))
                    continue
                limit = sympy.limit(lead, t, sympy.oo)
                out.append(Direction(theta, cs, ss, lead, _growth(behaviour.growth_order, 1), limit))
            at_zero = sympy.simplify(alpha.xreplace({var: sympy.S.Zero}))
            for theta, cs, ss in _AXES:
                if ss == 0 or at_zero == 0:
                    out.append(Direction(theta, cs, ss, sympy.S.Zero, "0", sympy.S.Zero))
                else:
                    lead = at_zero * ss * t
                    out.append(Direction(theta, cs, ss, lead, "t^1", sympy.oo * sympy.sign(lead)))
            return tuple(out)
    except BudgetExceeded:
        if budget is None:  # an outer budget ran out: it is the caller's to report
            raise
        raise NotDerived(f"the directions ran past their budget of {budget:g} s") from None

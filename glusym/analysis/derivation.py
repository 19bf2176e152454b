r"""The whole derivation of a unit: every analysis, each within its own time budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import sympy
from sympy import Expr, ImmutableMatrix

from ..budget import time_budget, validate_budget
from ..catalogue import Unit
from ..display import MAX_LINE, Display, cut, text
from ..errors import GlusymError
from . import asymptotes as _asymptotes
from . import depth as _depth
from . import directions as _directions
from . import extrema as _extrema
from . import kinks as _kinks
from . import limits as _limits
from . import range as _range
from .calculus import gradient, hessian
from .series import check_order
from .taylor import TaylorResult, taylor

__all__ = ["Derivation", "derive"]

#: Seconds each section of a derivation may take before it is reported as not derived.
SECTION_BUDGET = 5.0


@dataclass(frozen=True, repr=False)
class Derivation(Display):
    """Everything glusym derives about a unit; a section SymPy could not reach within its budget
    is None and its reason is in ``not_derived``.

    Its ``repr`` is one line; in a notebook it shows as a sectioned report (``text/html``), its
    ``text/plain`` as a line per section.

    >>> import glusym
    >>> glusym.derive(glusym.get("relu"), order=4)
    Derivation(relu, order 4: 11 sections derived, none missing)
    >>> print(glusym.derive(glusym.get("relu"), order=4)._plain())
    Derivation(relu, order 4: 11 sections derived, none missing)
      gradient      (Piecewise((1, x > 0), (0, True)),)
      hessian       Matrix([[0]])
      taylor        order 4: x for x > 0; 0 for x < 0
      asymptotes    x → +∞: → ∞, asymptote y = x, f = x exactly, growth order 1; x → -∞: → 0, f = 0 exa…
      range         [0, ∞)
      extrema       none
      standings     global minima 0 at x ≤ 0
      kinks         x = 0: f = 0, f′ 0 → 1 (convention f′(0) = 0)
      inflections   none
      stationary    f = 0 on x < 0
      param_limits  none
    """

    unit: Unit | _depth.Chain
    order: int
    gradient: tuple[Expr, ...] | None
    hessian: ImmutableMatrix | None
    taylor: TaylorResult | None
    asymptotes: _asymptotes.Asymptotes | None
    extrema: tuple[_extrema.CriticalPoint, ...] | None
    stationary: tuple[_extrema.StationarySet, ...] | None
    inflections: tuple[_extrema.CriticalPoint, ...] | None
    level_set: _extrema.LevelSet | None
    param_limits: tuple[_limits.ParamLimit, ...] | None
    not_derived: tuple[tuple[str, str], ...]
    growth: _depth.GrowthProfile | None = None
    range: _range.Range | None = None
    standings: tuple[_range.Standing, ...] | None = None
    kinks: tuple[_kinks.Kink, ...] | None = None
    directions: tuple[_directions.Direction, ...] | None = None
    zero_level_set: _extrema.LevelSet | None = None

    def sections(self) -> tuple[tuple[str, Any], ...]:
        """The derived sections ``(name, value)``, in the order of the report (None: not derived;
        a gated unit has no inflections, an activation no level set, a stack no parameter limits)."""
        gated = self.unit.kind == "gated"
        chain = isinstance(self.unit, _depth.Chain)
        out: list[tuple[str, Any]] = [("gradient", self.gradient), ("hessian", self.hessian), ("taylor", self.taylor)]
        if chain:
            out.append(("growth", self.growth))
        out.append(("asymptotes", self.asymptotes))
        if gated:
            out.append(("directions", self.directions))
        out += [("range", self.range), ("extrema", self.extrema)]
        if not gated:
            out.append(("standings", self.standings))
        if not chain:
            out.append(("kinks", self.kinks))
        if not gated:
            out.append(("inflections", self.inflections))
        out.append(("stationary", self.stationary))
        if gated:
            out.append(("level_set", self.level_set))
        if not chain:
            out.append(("param_limits", self.param_limits))
        return tuple(out)

    def _summary(self) -> str:
        done = sum(v is not None for _, v in self.sections())
        missing = ", ".join(name for name, _ in self.not_derived) or "none missing"
        return f"{self.unit.name}, order {self.order}: {done} sections derived, " + (
            missing if not self.not_derived else f"not derived: {missing}")

    def _plain(self) -> str:
        lines = [repr(self)]
        for name, value in self.sections():
            if value is None:
                shown = "not derived: " + dict(self.not_derived).get(name, "")
            elif isinstance(value, _extrema.Points):
                shown = "; ".join(v._summary() for v in value) or "none"
            elif isinstance(value, (TaylorResult, _asymptotes.Asymptotes)):
                shown = replace(value, name="")._summary()
            elif isinstance(value, Display):
                shown = value._summary()
            elif isinstance(value, tuple) and all(isinstance(v, Display) for v in value):
                shown = "; ".join(v._summary() for v in value) or "none"
            else:
                shown = text(value)
            lines.append(cut(f"  {name:<13} {shown}", MAX_LINE))
        return "\n".join(lines)


#: The longest reason a section keeps (a SymPy message can quote a whole expression).
MAX_REASON = 300


def _reason(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "too large: SymPy ran out of memory"
    if isinstance(exc, RecursionError):
        return "too large: SymPy recursed too deeply"
    try:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    except Exception:  # noqa: BLE001 - a message that cannot be made (an integer too long to print)
        text = ""
    text = text if isinstance(exc, GlusymError) else f"SymPy raised {type(exc).__name__}" + (f": {text}" if text else "")
    return text if len(text) <= MAX_REASON else text[:MAX_REASON - 1] + "…"


#: The sections of a stack's derivation that read its nested expression (the others compose it
#: layer by layer).
_NEEDS_EXPRESSION = frozenset({"gradient", "hessian", "extrema", "inflections", "stationary", "range", "standings"})


def derive(unit: Unit | _depth.Chain, order: int = 6, budget: float | None = SECTION_BUDGET) -> Derivation:
    r"""Every analysis of ``unit``: gradient, Hessian, Taylor at 0 (degree < ``order``), behaviour at
    ±∞ (for a gated unit also along every direction), extrema with their standing (critical points
    for a gated unit), the range, kinks, inflections, level sets, parameter limits.

    Each section runs within ``budget`` seconds; one that fails or runs out is recorded in
    ``not_derived`` with its reason, and the others are still derived.

    >>> import glusym
    >>> d = glusym.derive(glusym.get("gelu"), order=4)
    >>> d.taylor.polynomial
    sqrt(2)*x**2/(2*sqrt(pi)) + x/2
    >>> [str(p.at[0][1])[:8] for p in d.extrema]
    ['-0.75179']
    >>> d.not_derived
    ()
    """
    if not isinstance(unit, (Unit, _depth.Chain)):
        raise GlusymError(f"derive takes a catalogue Unit or a stack, not {type(unit).__name__}")
    check_order(order)
    if isinstance(unit, _depth.Chain) and order * unit.depth > _depth.MAX_TERMS:
        raise GlusymError(f"order × depth = {order * unit.depth} is beyond the limit of {_depth.MAX_TERMS}")
    budget = validate_budget(budget)
    missing: list[tuple[str, str]] = []
    unbuilt = False  # a stack whose nested expression is not built (too large, or past the budget)

    def section(name: str, fn: Callable[[], Any]) -> Any:
        if unbuilt and name in _NEEDS_EXPRESSION:  # not derived, without spending a budget on it again
            missing.append((name, "needs the nested expression, which is not derived"))
            return None
        try:
            with time_budget(budget):
                return fn()
        except Exception as exc:  # a section that fails is reported, the rest goes on
            missing.append((name, _reason(exc)))
            return None

    gated = unit.kind == "gated"
    chain = isinstance(unit, _depth.Chain)
    unbuilt = chain and section("expression", lambda: unit.expr) is None
    grad = section("gradient", lambda: gradient(unit))
    hess = section("hessian", lambda: ImmutableMatrix(hessian(unit)))
    tay = section("taylor", lambda: taylor(unit, order=order, budget=None))
    growth = section("growth", lambda: _depth.growth_profile(unit, budget=None)) if chain else None
    if chain:
        asym = None if growth is None else _chain_asymptotes(growth)
    else:
        asym = section("asymptotes", lambda: _asymptotes.asymptotes(unit, budget=None))
    if gated:
        ext = section("extrema", lambda: _extrema.critical_points(unit, budget=None))
        infl: tuple[_extrema.CriticalPoint, ...] | None = ()
        level = section("level_set", lambda: _extrema.level_set(unit))
    else:
        ext = section("extrema", lambda: _extrema.extrema(unit, budget=None))
        infl = section("inflections", lambda: _extrema.inflections(unit, budget=None))
        level = None
    stat = section("stationary", lambda: _extrema.stationary_sets(unit, budget=None))
    plim = () if isinstance(unit, _depth.Chain) else \
        section("param_limits", lambda: tuple(_limits.param_limits(unit, budget=None).values()))
    given = None if gated else asym  # the limits at ±oo already derived (a stack's: the growth algebra's)
    rng = section("range", lambda: _range.value_range(unit, budget=None, asymptotes=given))
    stand = None if gated or rng is None else section("standings", lambda: _range.standings(unit, None, rng))
    kinks = section("kinks", lambda: _kinks.kinks(unit, budget=None)) if not chain else ()
    dirs = section("directions", lambda: _directions.directions(unit, budget=None)) if gated else None
    zero = section("level_set", lambda: _extrema.level_set(unit, 0)) if gated else None
    return Derivation(unit, order, grad, hess, tay, asym, ext, stat, infl, level, plim, tuple(missing), growth,
                      rng, stand, kinks, dirs, zero)


def _chain_asymptotes(growth: _depth.GrowthProfile) -> _asymptotes.Asymptotes:
    """A stack's behaviour at ±oo as the growth algebra gives it: limit, leading term, order;
    a horizontal asymptote where the limit is finite. Its full expansion is not derived."""
    from ..catalogue import x

    def behaviour(direction: _asymptotes.End, tail: _depth.Tail) -> _asymptotes.Behaviour:
        finite = tail.limit.is_finite
        return _asymptotes.Behaviour(
            direction, x, tail.limit, tail.leading, (sympy.S.Zero, tail.limit) if finite else None,
            None, tail.order,
            () if tail.exact else (("expansion", "a stack's expansion beyond its leading term is not derived"),))

    End = _asymptotes.End
    return _asymptotes.Asymptotes(x, False, behaviour(End.PLUS, growth.plus), behaviour(End.MINUS, growth.minus))

r"""The range of a unit: its infimum and supremum over the real line, each attained or not, and where.

For an activation :math:`f(x)`, cut into its smooth pieces at the Piecewise boundaries, the
infimum over :math:`\mathbb{R}` is the least of

* the values at its isolated stationary points and strict kinks (:func:`~glusym.analysis.extrema.extrema`),
* the values on its flat pieces (:func:`~glusym.analysis.extrema.stationary_sets`),
* its value at every boundary and the one-sided limits of the pieces there (a jump, as hardshrink's
  at :math:`\pm\tfrac12`, is approached and not reached),
* its limits at :math:`\pm\infty`,

since between two of these points a piece is monotone; the supremum likewise. A bound is attained
when one of the candidates that reach it is a value taken at a point (a stationary point, a kink, a
boundary, a flat piece), and not when only a limit reaches it (σ's 0 and 1). Values are exact where
the extrema and limits are, else 30 digits.

The result is checked before it is returned: at 30 digits on a grid of 2,401 points of
:math:`[-60, 60]` and 40 points out to :math:`\pm 10^{6}`, no value of :math:`f` lies below the
infimum or above the supremum, and a bound said to be attained is the value at the point named.
Where the check fails, or a candidate cannot be had within the budget, the range is not derived
(:class:`~glusym.errors.NotDerived`, with the reason), never guessed.

A gated unit :math:`f = \alpha(x_g)\,x_v` whose gate is not identically zero takes every real
value (fix :math:`x_g` with :math:`\alpha(x_g) \ne 0` and move :math:`x_v`): its range is
:math:`(-\infty, \infty)`, neither bound attained.

>>> import glusym
>>> from glusym.analysis.range import value_range
>>> print(value_range(glusym.get("sigmoid")))
(0, 1)
>>> print(value_range(glusym.get("relu6")))
[0, 6]
>>> r = value_range(glusym.get("silu"))
>>> r.infimum.value, r.infimum.attained, r.supremum.value
(-LambertW(exp(-1)), True, oo)
>>> print(r)
[-LambertW(exp(-1)) ≈ -0.278464542761074, ∞)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import mpmath
import sympy
from sympy import Expr, Symbol
from sympy.logic.boolalg import Boolean, BooleanAtom

from ..budget import time_budget, validate_budget
from ..display import Display
from ..functions import to_sympy
from ..errors import BudgetExceeded, GlusymError, NotDerived, member
from ..printing import relation_text
from . import asymptotes as _asymptotes
from ._common import Analysable
from .depth import growth_profile
from .extrema import (DIGITS, DPS, PointKind, _activation, _analyse, _gate, _is_gated, _is_zero_function, _mpf, _numeric,
                      _pieces)

__all__ = ["Bound", "Range", "Scope", "Standing", "standings", "value_range"]


@dataclass(frozen=True, repr=False)
class Bound(Display):
    """One end of a range: ``value`` (exact, a 30-digit Float when ``exact`` is False, or ±oo),
    whether it is ``attained``, and ``where`` it is (``"x = -1"``, ``"x < 0"``; for a bound not
    attained, the limit that reaches it, ``"x → +oo"``)."""

    value: Expr
    attained: bool
    where: tuple[str, ...]
    exact: bool

    def __post_init__(self) -> None:  # the fields are SymPy, never text (which sympify would run)
        for name in ("value",):
            object.__setattr__(self, name, to_sympy(getattr(self, name), f"the {name} of a Bound"))

    def _summary(self) -> str:
        return f"{self}, {'attained at' if self.attained else 'approached as'} {' and '.join(self.where)}"

    def __str__(self) -> str:
        """The value, with its decimal beside a closed form that is not a plain number:
        ``-LambertW(exp(-1)) ≈ -0.278464542761074``."""
        text = _number(self.value)
        if self.exact and self.value.is_finite and not self.value.is_Rational:
            text += f" ≈ {_number(sympy.Float(sympy.N(self.value, DIGITS), 15))}"
        return text


@dataclass(frozen=True, repr=False)
class Range(Display):
    r"""The range of a unit: :math:`\inf f` and :math:`\sup f` over the real line (or plane)."""

    infimum: Bound
    supremum: Bound

    @property
    def interval(self) -> str:
        """The range in interval notation: ``[0, 6]``, ``(0, 1)``, ``[-0.278464542761074, ∞)``."""
        lo = ("[" if self.infimum.attained else "(") + str(self.infimum)
        hi = str(self.supremum) + ("]" if self.supremum.attained else ")")
        return f"{lo}, {hi}"

    def as_set(self) -> sympy.Interval:
        """The smallest interval holding the range, as a SymPy ``Interval`` (the range itself
        where the unit is continuous)."""
        return sympy.Interval(self.infimum.value, self.supremum.value,
                              left_open=not self.infimum.attained, right_open=not self.supremum.attained)

    def _summary(self) -> str:
        return self.interval

    def __str__(self) -> str:
        return self.interval


def _number(v: Expr) -> str:
    if v is sympy.oo or v is sympy.S.Infinity:
        return "∞"
    if v is -sympy.oo or v == -sympy.oo:
        return "-∞"
    if isinstance(v, sympy.Float):
        return str(sympy.Float(v, 15))
    return str(v)


@dataclass(frozen=True)
class _Candidate:
    value: Expr
    attained: bool
    where: str
    exact: bool


def _limit(expr: Expr, var: Symbol, at: Expr, direction: str) -> Expr:
    """The one-sided limit of a smooth piece, by substitution where it is finite and continuous there."""
    if at.is_finite:
        v = expr.xreplace({var: at})
        if v.is_finite:
            return sympy.simplify(v)
    return sympy.limit(expr, var, at, dir=direction)


@dataclass(frozen=True)
class _Limit:
    limit: Expr


@dataclass(frozen=True)
class _Ends:
    plus: _Limit
    minus: _Limit


def _candidates(obj: Any, budget: float | None, ends: Any = None) -> list[_Candidate]:
    expr, var = _activation(obj)
    out: list[_Candidate] = []
    points, flats = _analyse(obj, 1, budget)
    for p in points:
        if p.kind in EXTREMA:
            out.append(_Candidate(p.value, True, f"{var} = {p.at[0][1]}", p.exact))
    for s in flats:
        out.append(_Candidate(s.value, True, s.region, True))
    if ends is None and getattr(obj, "kind", None) == "chain":  # a stack: the growth algebra's limits
        g = growth_profile(obj, budget=None)
        ends = _Ends(_Limit(g.plus.limit), _Limit(g.minus.limit))
    if ends is None:  # the limits at ±oo, by glusym's rules (x Φ(x), x σ(x))
        ends = _asymptotes.asymptotes(obj, budget=budget)
    for behaviour, sign in ((ends.plus, "+"), (ends.minus, "-")):
        if behaviour.limit is None:
            raise NotDerived(f"the limit at {sign}oo is not derived")
        out.append(_Candidate(behaviour.limit, False, f"{var} → {sign}∞", not isinstance(behaviour.limit, sympy.Float)))
    pieces = _pieces(expr, var)
    for k, pc in enumerate(pieces):
        for end, direction in ((pc.lo, "+"), (pc.hi, "-")):
            if end.is_infinite:
                continue
            value = _limit(pc.expr, var, end, direction)
            if not (value.is_extended_real or value.is_infinite):
                raise NotDerived(f"the limit of {pc.expr} as {var} → {end}{direction} is not a number ({value})")
            else:
                at = sympy.simplify(expr.xreplace({var: end}))
                out.append(_Candidate(at, True, f"{var} = {end}", True))
                out.append(_Candidate(value, False, f"{var} → {end}{direction}", True))
    return out


def _key(v: Expr) -> mpmath.mpf:
    return _mpf(v)


def _pick(cands: list[_Candidate], lowest: bool) -> Bound:
    """The least (or greatest) candidate, attained where any candidate of that value is."""
    with mpmath.workdps(DPS):
        keyed = [(_key(c.value), c) for c in cands]
        best = min(k for k, _ in keyed) if lowest else max(k for k, _ in keyed)
        tol = mpmath.mpf(10) ** -(DIGITS - 2) * (1 + (abs(best) if mpmath.isfinite(best) else 0))
        same = [c for k, c in keyed if (k == best if not mpmath.isfinite(best) else abs(k - best) <= tol)]
    reached = [c for c in same if c.attained]
    chosen = reached or same
    exact = [c for c in chosen if c.exact]
    value = (exact or chosen)[0].value
    return Bound(value, bool(reached), _joined(tuple(dict.fromkeys(c.where for c in chosen))), bool(exact))


def _joined(where: tuple[str, ...]) -> tuple[str, ...]:
    """"x < 0" and "x = 0" as "x ≤ 0" (a flat piece and the boundary that closes it)."""
    out = list(where)
    for w in where:
        m = re.fullmatch(r"(\S+) ([<>]) (\S+)", w)
        if m and f"{m.group(1)} = {m.group(3)}" in out:
            out[out.index(w)] = f"{m.group(1)} {'≤' if m.group(2) == '<' else '≥'} {m.group(3)}"
            out.remove(f"{m.group(1)} = {m.group(3)}")
    return tuple(out)


def _grid() -> list[mpmath.mpf]:
    with mpmath.workdps(DPS):
        pts = [mpmath.mpf(k) / 20 for k in range(-1200, 1201)]
        for e in range(2, 62):
            t = mpmath.mpf(10) ** (mpmath.mpf(e) / 10)
            pts += [t, -t]
    return pts


def _verify(obj: Any, r: Range) -> None:
    """Every grid value of f inside [inf, sup], and each attained bound the value at its point."""
    expr, var = _activation(obj)
    f = _numeric(expr, var)
    with mpmath.workdps(DPS):
        lo, hi = _key(r.infimum.value), _key(r.supremum.value)
        slack = mpmath.mpf(10) ** -(DIGITS - 4)
        for t in _grid():
            try:
                v = f(t)
            except (ZeroDivisionError, ValueError, OverflowError):
                continue
            if not isinstance(v, mpmath.mpf) or not mpmath.isfinite(v):
                continue
            if v < lo - slack * (1 + abs(lo) if mpmath.isfinite(lo) else 1):
                raise NotDerived(f"the range check found f({mpmath.nstr(t, 8)}) = {mpmath.nstr(v, 12)} below the "
                                 f"infimum found, {r.infimum}")
            if v > hi + slack * (1 + abs(hi) if mpmath.isfinite(hi) else 1):
                raise NotDerived(f"the range check found f({mpmath.nstr(t, 8)}) = {mpmath.nstr(v, 12)} above the "
                                 f"supremum found, {r.supremum}")


def value_range(obj: Analysable, budget: float | None = 10.0, asymptotes: Any = None) -> Range:
    r"""The range of a unit over the real line: :math:`\inf f` and :math:`\sup f`, attained or not.

    Exact where its extrema and limits are (SiLU's infimum :math:`-W(1/e)`), else 30 digits (GELU's
    :math:`-0.16997\ldots`); checked on a grid at 30 digits before it is returned. ``asymptotes``:
    the unit's :class:`~glusym.analysis.asymptotes.Asymptotes` where already derived (their limits
    are used, not derived again).

    >>> import glusym
    >>> print(value_range(glusym.get("tanh")), value_range(glusym.get("gelu")))
    (-1, 1) [-0.169971207479904, ∞)
    >>> value_range(glusym.get("relu")).infimum.where
    ('x ≤ 0',)
    >>> print(value_range(glusym.get("swiglu")))
    (-∞, ∞)
    """
    budget = validate_budget(budget)
    try:
        with time_budget(budget):
            if _is_gated(obj):
                alpha = _gate(obj)
                (g,) = sorted(alpha.free_symbols, key=lambda s: s.name) or (None,)
                if g is None and alpha == 0 or g is not None and _is_zero_function(alpha, g):
                    zero = Bound(sympy.S.Zero, True, ("everywhere",), True)
                    return Range(zero, zero)
                return Range(Bound(-sympy.oo, False, ("x_v → ∓∞",), True), Bound(sympy.oo, False, ("x_v → ±∞",), True))
            cands = _candidates(obj, budget, asymptotes)
            r = Range(_pick(cands, True), _pick(cands, False))
            _verify(obj, r)
            return r
    except BudgetExceeded:
        if budget is None:  # an outer budget ran out: it is the caller's to report
            raise
        raise NotDerived(f"the range ran past its budget of {budget:g} s (a larger budget may reach it)") from None
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise NotDerived(f"the range: SymPy could not take a limit ({type(exc).__name__})") from None


class Scope(StrEnum):
    """The standing of an extremum: ``global`` (its value is the unit's attained infimum or supremum)
    or ``local``; a member is its text."""

    GLOBAL = "global"
    LOCAL = "local"


#: The kinds of point a :class:`Standing` can be.
EXTREMA = (PointKind.MINIMUM, PointKind.MAXIMUM)


@dataclass(frozen=True, repr=False)
class Standing(Display):
    r"""An extremum with its standing: ``kind`` ``"minimum"`` or ``"maximum"``, ``scope``
    ``"global"`` (its value is the attained infimum or supremum of the unit) or ``"local"``;
    ``where`` a SymPy condition: a point (``Eq(x, -3/2)``) or, for a flat piece every point of which
    is an extremum, an interval with the ends it holds (``x <= 0``, ReLU's minima), shown as
    ``x = -3/2``, ``x ≤ 0`` (:meth:`where_text`); ``exact`` as for its value."""

    where: Boolean
    value: Expr
    kind: PointKind
    scope: Scope
    exact: bool
    flat: bool = False

    def __post_init__(self) -> None:  # the fields are SymPy, never text (which sympify would run)
        for name in ("value",):
            object.__setattr__(self, name, to_sympy(getattr(self, name), f"the {name} of a Standing"))
        if not isinstance(self.where, Boolean) or isinstance(self.where, BooleanAtom):
            raise GlusymError(f"a Standing's where is a SymPy condition (Eq(x, 0), x <= 0), not {type(self.where).__name__}")
        object.__setattr__(self, "kind", member(PointKind, self.kind, "a Standing's kind", EXTREMA))
        object.__setattr__(self, "scope", member(Scope, self.scope, "a Standing's scope"))

    def where_text(self, le: str = "≤", ge: str = "≥") -> str:
        """``where`` as text: ``x = -3/2``, ``x ≤ 0`` (``le``, ``ge``: how ``<=``, ``>=`` are written)."""
        return relation_text(self.where, le, ge)

    def _summary(self) -> str:
        return str(self)

    def __str__(self) -> str:
        what = f"{self.scope} {self.kind}" + ("a" if self.flat and self.kind.endswith("um") else "")
        what = what.replace("minimuma", "minima").replace("maximuma", "maxima")
        return f"{what} {_number(self.value)} at {self.where_text()}"


def _flat_interval(var: Symbol, lo: Expr, hi: Expr, expr: Expr, value: Expr) -> tuple[Boolean, list[Expr]]:
    """The flat piece (lo, hi) as a condition with the ends where f still has its value
    (``x <= 0``; true for the whole line), and its finite ends."""
    def holds(b: Expr) -> bool:
        still: bool = b.is_finite and sympy.simplify(expr.xreplace({var: b}) - value) == 0
        return still

    parts: list[Boolean] = []
    if lo.is_finite:
        parts.append(var >= lo if holds(lo) else var > lo)
    if hi.is_finite:
        parts.append(var <= hi if holds(hi) else var < hi)
    return sympy.And(*parts), [b for b in (lo, hi) if b.is_finite]

def standings(obj: Analysable, budget: float | None = 10.0, within: Range | None = None) -> tuple[Standing, ...]:
    r"""Every extremum of an activation with its standing, local or global, including the flat
    pieces whose every point is an extremum (ReLU's minima on :math:`x \le 0`, hardswish's local
    maxima on :math:`x \le -3`); a flat piece between a rise and a fall is no extremum. A
    stationary inflection (tanhshrink at 0) is not an extremum and is not listed. ``within``: the
    unit's :class:`Range` where already derived.

    >>> import glusym
    >>> [str(s) for s in standings(glusym.get("relu"))]
    ['global minima 0 at x ≤ 0']
    >>> [str(s) for s in standings(glusym.get("hardswish"))]
    ['local maxima 0 at x ≤ -3', 'global minimum -3/8 at x = -3/2']
    >>> standings(glusym.get("tanhshrink"))
    ()
    """
    budget = validate_budget(budget)
    try:
        with time_budget(budget):
            expr, var = _activation(obj)
            r = within if within is not None else value_range(obj, budget=None)
            points, flats = _analyse(obj, 1, None)
            f = _numeric(expr, var)
            out = []
            with mpmath.workdps(DPS):
                for flat in flats:  # the flat pieces the extrema's analysis found, with their ends
                    if flat.ends is None:
                        continue
                    (lo, hi), value = flat.ends, flat.value
                    where, ends = _flat_interval(var, lo, hi, expr, value)
                    if not ends:
                        continue
                    v = _key(value)
                    beside = []
                    for b in ends:  # just beyond each end (10^-6 away: a piece x^2 rises by 10^-12)
                        for side in (-1, 1):
                            fv = f(_key(b) + side * mpmath.mpf(10) ** -6)
                            if abs(fv - v) > mpmath.mpf(10) ** -(DPS - 5):
                                beside.append(_sign_of(fv - v))
                    if beside and all(b > 0 for b in beside):
                        kind = PointKind.MINIMUM
                    elif beside and all(b < 0 for b in beside):
                        kind = PointKind.MAXIMUM
                    else:
                        continue
                    start = -math.inf if lo.is_infinite else float(_key(lo))
                    out.append((start, Standing(where, value, kind, _scope(kind, value, r), True, flat=True)))
                for p in points:
                    if p.kind not in EXTREMA:
                        continue
                    out.append((float(_key(p.at[0][1])), Standing(sympy.Eq(var, p.at[0][1], evaluate=False), p.value, p.kind,
                                                                  _scope(p.kind, p.value, r), p.exact)))
            out.sort(key=lambda pair: pair[0])
            return tuple(s for _, s in out)
    except BudgetExceeded:
        if budget is None:  # an outer budget ran out: it is the caller's to report
            raise
        raise NotDerived(f"the extrema's standing ran past its budget of {budget:g} s") from None


def _sign_of(v: mpmath.mpf) -> int:
    return 1 if v > 0 else -1


def _scope(kind: PointKind, value: Expr, r: Range) -> Scope:
    bound = r.infimum if kind == PointKind.MINIMUM else r.supremum
    if not bound.attained:
        return Scope.LOCAL
    with mpmath.workdps(DPS):
        a, b = _key(value), _key(bound.value)
        return Scope.GLOBAL if abs(a - b) <= mpmath.mpf(10) ** -(DIGITS - 2) * (1 + abs(b)) else Scope.LOCAL


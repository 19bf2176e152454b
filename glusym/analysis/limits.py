r"""Limits of a unit as one of its parameters goes to an end of its range (:math:`0^+`, :math:`\pm\infty`).

The limits are pointwise in the variables. SymPy cannot take
:math:`\lim_{\beta\to\infty} x\,\sigma(\beta x)` with :math:`x` real (the answer depends on the
sign of :math:`x`), so the limit is taken three times, with :math:`x` replaced by a positive
symbol, by a negative symbol, and by 0, and the three answers are assembled into a Piecewise and
folded to its simplest form: :math:`\lim_{\beta\to\infty}\text{Swish}_\beta(x) =
\text{ReLU}(x)`. A gated unit :math:`\alpha(x_g)\,x_v` has the limit of its gate times
:math:`x_v`.

Where a Piecewise condition involves the parameter (threshold, hardtanh, hard/soft shrink), a
branch is chosen for each sign case by the eventual truth of its condition: the limit of
``lhs - rhs`` as the parameter goes to its end; a case SymPy cannot decide is reported in
``not_derived``, never guessed. A parameter goes to the ends of its admissible range: a
real one (threshold's ``value``) to :math:`\pm\infty`, hardtanh's min_val to :math:`-\infty` and
up to max_val (never past it, where the unit is not defined).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sympy
from sympy import Expr, Piecewise, Symbol
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean

from ..budget import time_budget, validate_budget
from ..catalogue import Unit, x_g, x_v
from ..display import Display, text
from ..errors import BudgetExceeded, GlusymError, NotDerived, member
from ..functions import elementary, sigmoid, to_sympy
from ._common import boundaries, inside, select_branches, to_piecewise
from .calculus import tidy

__all__ = ["Approach", "ParamLimit", "param_limits"]


class Approach(StrEnum):
    """The side a parameter approaches an end of its range from: ``+`` (from above, β → 0⁺) or
    ``-`` (from below, min_val → max_val⁻); a member is its text, which SymPy's ``Limit`` takes as
    its ``dir``."""

    FROM_ABOVE = "+"
    FROM_BELOW = "-"


@dataclass(frozen=True, repr=False)
class ParamLimit(Display):
    """The limits of a unit as the parameter ``param`` goes to 0+ and to +oo (functions of the
    unit's variables; ``oo`` where the unit diverges at every point), or None with the reason in
    ``not_derived`` (pairs ``("0" | "oo", reason)``).

    >>> import glusym
    >>> glusym.param_limits(glusym.get("swish"))["beta"]
    ParamLimit(beta → 0+: x/2; beta → ∞: Piecewise((x, x > 0), (0, True)))
    """

    param: str
    at_zero: Expr | None
    at_infinity: Expr | None
    not_derived: tuple[tuple[str, str], ...] = ()
    #: every end of the parameter's admissible range with the unit's limit there (None: not
    #: derived), as (end, side, limit): (0, "+", x/2) for Swish's β → 0+, (-oo, "+", …) for
    #: hardtanh's min_val → −∞, (1, "-", …) for min_val → max_val⁻
    ends: tuple[tuple[Expr, Approach, Expr | None], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", tuple((e, member(Approach, side, "the side of a ParamLimit's end"), v)
                                               for e, side, v in self.ends))

    def limits(self) -> tuple[tuple[Expr, Approach, Expr | None], ...]:
        """``ends``, or where it is not given, the limits at 0+ and at +oo."""
        return self.ends or ((sympy.S.Zero, Approach.FROM_ABOVE, self.at_zero),
                             (sympy.oo, Approach.FROM_BELOW, self.at_infinity))

    def _summary(self) -> str:
        def end(e: Expr, side: Approach) -> str:
            return text(e) + ("" if e.is_infinite else "+" if side == Approach.FROM_ABOVE else "-")

        return "; ".join(f"{self.param} → {end(e, side)}: " + ("not derived" if v is None else text(v))
                         for e, side, v in self.limits())


def _atomic(e: Expr) -> Expr:
    """Fold ``1/(1 + exp(-u))`` back to ``sigmoid(u)`` where a limit left it."""
    u = sympy.Wild("u")
    return e.replace(1 / (1 + sympy.exp(-u)), sigmoid(u)) if e.has(sympy.exp) else e


def _eventual(cond: Any, p: Symbol, end: Expr) -> Any:
    """``cond`` as it holds for every parameter close enough to ``end``: a condition on the
    variables alone (``x < lambd`` becomes ``x <= 0`` as lambd -> 0+, ``False`` as lambd -> oo)."""
    if cond in (sympy.true, sympy.false, True, False):
        return to_sympy(cond)
    if isinstance(cond, Relational):
        if not cond.has(p):
            return cond
        d = cond.lhs - cond.rhs
        op = cond.rel_op
        if op in ("==", "!="):
            raise NotDerived(f"cannot decide the branch condition {cond} as the parameter -> {end}")
        positive = op in (">", ">=")  # the condition is d > 0 (or >=); else d < 0 (or <=)
        if end == 0:
            if sympy.diff(d, p, 2) != 0 or not sympy.diff(d, p).is_number or sympy.diff(d, p) == 0:
                raise NotDerived(f"the branch condition {cond} is not linear in the parameter")
            a, b = d.xreplace({p: sympy.S.Zero}), sympy.diff(d, p)
            # d = a + b p with p -> 0+: the sign of a decides, and where a = 0 that of b
            if positive:
                return a >= 0 if b > 0 else a > 0
            return a <= 0 if b < 0 else a < 0
        lim = sympy.limit(d, p, end)
        if lim.is_extended_positive or lim.is_extended_negative:
            return sympy.true if bool(lim.is_extended_positive) == positive else sympy.false
        raise NotDerived(f"cannot decide the branch condition {cond} as the parameter -> {end}")
    if isinstance(cond, Boolean):
        return cond.func(*[_eventual(a, p, end) for a in cond.args])
    raise NotDerived(f"cannot decide the branch condition {cond}")


def _eventual_branches(expr: Expr, p: Symbol, end: Expr) -> Expr:
    """Every Piecewise condition replaced by its eventual form (free of the parameter)."""
    return expr.replace(
        lambda e: isinstance(e, Piecewise) and any(c.has(p) for _, c in e.args),
        lambda e: Piecewise(*[(v, _eventual(c, p, end)) for v, c in e.args]),
    )


def _sign_definite(c: Expr, v: Symbol) -> int | None:
    """The sign of ``c`` (a function of the signed symbol ``v``) when it is one sign throughout."""
    if c.is_positive:
        return 1
    if c.is_negative:
        return -1
    dom = sympy.Interval.open(0, sympy.oo) if v.is_positive else sympy.Interval.open(-sympy.oo, 0)
    try:
        roots = sympy.solveset(c, v, dom)
    except (NotImplementedError, ValueError):
        return None
    if roots is not sympy.S.EmptySet:
        return None
    sample = sympy.N(c.xreplace({v: sympy.S.One if v.is_positive else -sympy.S.One}), 30)
    return 1 if sample > 0 else -1 if sample < 0 else None


def _limit(expr: Expr, p: Symbol, end: Expr) -> Expr:
    if not expr.has(p):
        return expr
    e = elementary(expr)
    lim = sympy.limit(e, p, end, "+") if end == 0 else sympy.limit(e, p, end)
    if lim is sympy.nan or lim.has(sympy.nan) or lim.has(sympy.sign):
        # c * g(p) with g -> oo: the sign of c decides, where c keeps one sign
        c, g = e.as_independent(p, as_Add=False)
        glim = sympy.limit(g, p, end, "+") if end == 0 else sympy.limit(g, p, end)
        (v,) = c.free_symbols or {None}
        sgn = _sign_definite(c, v) if v is not None and glim.is_infinite else None
        if sgn is None:
            raise NotDerived(f"SymPy could not take the limit of {expr} as the parameter -> {end}")
        lim = sgn * glim
    if lim.has(sympy.Limit) or lim.has(sympy.AccumBounds):
        raise NotDerived(f"SymPy could not take the limit of {expr} as the parameter -> {end}")
    return lim


def _same(a: Expr, b: Expr) -> bool:
    if a == b:
        return True
    if a.is_infinite or b.is_infinite or a.has(sympy.oo, -sympy.oo) or b.has(sympy.oo, -sympy.oo):
        return False
    d = a - b
    if sympy.expand(d) == 0:
        return True
    if _apart_somewhere(d):
        return False  # x/2 against 0: no simplification needed to tell them apart
    zero: bool = sympy.simplify(d) == 0
    return zero


def _apart_somewhere(d: Expr) -> bool:
    """``d`` evaluates (SymPy's evalf, 15 correct digits) to a number clearly not 0 at one of three
    points of its free symbols (each of the sign its assumptions give)."""
    symbols = sorted(d.free_symbols, key=lambda s: s.name)
    for t in ("0.731", "1.618", "2.913"):
        point = {s: (sympy.Float(t) if s.is_nonnegative else -sympy.Float(t) if s.is_nonpositive
                     else sympy.Float(t) * (-1) ** k) for k, s in enumerate(symbols)}
        try:
            value = sympy.N(to_piecewise(d).xreplace(point), 15)
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if value.is_number and value.is_comparable and abs(value) > 1e-10:
            return True
    return False


def _at(e: Expr, v: Symbol, b: Expr) -> Expr:
    return e if not e.has(v) else e.xreplace({v: b})


def _pointwise(expr: Expr, v: Symbol, p: Symbol, end: Expr) -> Expr:
    """The pointwise limit, piece by piece between the (eventual) boundaries and 0, then folded."""
    expr = to_piecewise(expr)
    expr = _eventual_branches(expr, p, end)
    bounds = boundaries(expr, v) | {sympy.S.Zero}
    if any(not b.is_real for b in bounds):
        raise NotDerived(f"the branch boundaries {sorted(map(str, bounds))} are not numbers")
    pts = sorted(bounds, key=float)
    edges = [-sympy.oo, *pts, sympy.oo]
    pos, neg = Symbol(f"{v.name}_pos", positive=True), Symbol(f"{v.name}_neg", negative=True)
    # segments, left to right: ("piece", lo, hi, limit) and ("point", b, b, limit)
    segs: list[list[Any]] = []
    for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
        mid = inside(lo, hi)
        branch = select_branches(expr, {v: mid})
        s = pos if mid > 0 else neg
        segs.append(["piece", lo, hi, _limit(branch.xreplace({v: s}), p, end).xreplace({s: v})])
        if hi != sympy.oo:
            segs.append(["point", hi, hi, _limit(expr.xreplace({v: hi}), p, end)])
    # a point joins the neighbour that takes its value there (the left one first)
    merged: list[list[Any]] = []  # [lo, hi, closed at lo, limit]
    join_right = False
    for k, seg in enumerate(segs):
        kind, lo, hi, lim = seg
        if kind == "piece":
            merged.append([lo, hi, join_right, lim])
            join_right = False
            continue
        left, right = segs[k - 1][3], segs[k + 1][3]
        if _same(_at(left, v, lo), lim):
            merged[-1][1] = hi
        elif _same(_at(right, v, lo), lim):
            join_right = True
        else:
            merged.append([lo, hi, True, lim])
    fixed = merged
    out: list[list[Any]] = []
    for seg in fixed:
        if out and _same(out[-1][3], seg[3]):
            out[-1][1] = seg[1]
        else:
            out.append(seg)
    if len(out) == 1:
        result = out[0][3]
    else:
        args = []
        for lo, hi, closed, lim in reversed(out[1:]):
            args.append((lim, v >= lo if closed else v > lo))
        args.append((out[0][3], True))
        result = Piecewise(*args)
    if result.is_infinite:
        return result
    return _atomic(tidy(result))


def _range_ends(admissible: sympy.Set) -> list[tuple[Expr, Approach]]:
    """The ends of an admissible interval, each with the side it is approached from."""
    if not isinstance(admissible, sympy.Interval):
        admissible = sympy.Interval(-sympy.oo, sympy.oo) if admissible == sympy.S.Reals else admissible
    if not isinstance(admissible, sympy.Interval):
        raise NotDerived(f"the admissible values {admissible} are not an interval")
    return [(admissible.start, Approach.FROM_ABOVE), (admissible.end, Approach.FROM_BELOW)]


def param_limits(unit: Unit, budget: float | None = 10.0) -> dict[str, ParamLimit]:
    r"""The limits of ``unit`` as each parameter of interest (``Param.limits``) goes to the ends
    of its admissible range (:meth:`Unit.admissible`): :math:`0^+` and :math:`+\infty` for a
    positive parameter, :math:`\pm\infty` for a real one, the other parameter's value for one
    ordered against another (hardtanh's min_val < max_val); the other parameters at their values.
    ``at_zero`` and ``at_infinity`` are the limits at :math:`0^+` and :math:`+\infty` where those
    are ends, ``ends`` all of them.

    .. math:: \lim_{\beta\to 0^+} x\,\sigma(\beta x) = \frac{x}{2}, \qquad
              \lim_{\beta\to\infty} x\,\sigma(\beta x) = \mathrm{ReLU}(x)

    >>> import glusym
    >>> from glusym.analysis.limits import param_limits
    >>> param_limits(glusym.get("swish"))["beta"]
    ParamLimit(beta → 0+: x/2; beta → ∞: Piecewise((x, x > 0), (0, True)))
    >>> param_limits(glusym.get("hardtanh"))["min_val"].ends[0]  # min_val → −∞ (it stays below max_val)
    (-oo, <Approach.FROM_ABOVE: '+'>, Piecewise((1, x > 1), (x, True)))
    >>> sp = param_limits(glusym.get("softplus"))["beta"]
    >>> sp.at_zero, sp.at_infinity
    (oo, Piecewise((x, x > 0), (0, True)))
    >>> param_limits(glusym.get("swiglu"))["beta"].at_infinity
    Piecewise((x_g*x_v, x_g > 0), (0, True))
    """
    if not isinstance(unit, Unit):
        raise GlusymError(f"param_limits takes a catalogue Unit, not {type(unit).__name__}")
    validate_budget(budget)
    out: dict[str, ParamLimit] = {}
    with time_budget(budget):
        gated = unit.gate is not None
        if gated:
            gate = unit.gate
            assert gate is not None
            (gv,) = gate.variables
            template, var, params = gate.template.xreplace({gv: x_g}), x_g, gate.params
        else:
            (var,) = unit.variables
            template, params = unit.template, unit.params
        values = dict(unit.values)
        for prm in params:
            if not prm.limits:
                continue
            p = Symbol(f"_{prm.name}", positive=True)
            others = {q.symbol: values[q.name] for q in params if q.name != prm.name}
            expr = template.xreplace(others)
            results: dict[str, Expr | None] = {}
            missing: list[tuple[str, str]] = []
            ends = []
            for end, side in _range_ends((unit.gate if unit.gate is not None else unit).admissible(prm.name)):
                # the parameter as p → 0+ or p → oo: end ± p toward a finite end, ±p toward an infinite one
                at = (-p if end == -sympy.oo else p) if end.is_infinite else (end + p if side == "+" else end - p)
                label = "0" if end == 0 and side == "+" else "oo" if end == sympy.oo else f"{end}{side}"
                try:
                    lim = _pointwise(expr.xreplace({prm.symbol: at}), var, p, sympy.oo if end.is_infinite else sympy.S.Zero)
                    if gated and lim.has(sympy.oo, -sympy.oo):
                        raise NotDerived(f"the gate diverges ({lim}): the sign of the limit depends on x_v")
                    results[label] = lim * x_v if gated else lim
                except BudgetExceeded:
                    raise
                except NotDerived as exc:
                    results[label] = None
                    missing.append((label, str(exc)))
                except (NotImplementedError, ValueError, TypeError, sympy.PoleError) as exc:
                    results[label] = None
                    missing.append((label, f"SymPy raised {type(exc).__name__}: {exc}".splitlines()[0]))
                ends.append((end, side, label))
            if gated:
                results = {k: (None if v is None else _fold_gated(v)) for k, v in results.items()}
            out[prm.name] = ParamLimit(prm.name, results.get("0"), results.get("oo"), tuple(missing),
                                       tuple((end, side, results[label]) for end, side, label in ends))
    return out


def _fold_gated(e: Expr) -> Expr:
    """``x_v`` moved inside a Piecewise: ``Piecewise((x_g*x_v, x_g > 0), (0, True))``."""
    if isinstance(e, sympy.Mul) and any(isinstance(a, Piecewise) for a in e.args):
        return sympy.piecewise_fold(e)
    return e

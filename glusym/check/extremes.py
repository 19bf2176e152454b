r"""The value of an extremum a formula states: :math:`\max_x f(x)`, :math:`\min_x`, :math:`\sup_x`,
:math:`\inf_x` over the reals or an interval.

The candidates are glusym's own analysis of f (:func:`glusym.analysis.extrema.extrema`: its
stationary points and kinks that are strict extrema, exact where SymPy solves f' = 0), the values
at the kinks of a piecewise f, the values at the ends of a closed interval, and the limits at the
infinite ends (SymPy's, within the link's budget), which count for a supremum or an infimum but
are not attained. The greatest (least) candidate is the value; a maximum that only a limit
approaches is not attained, and said so. Before a value is given, f is evaluated on a grid of
some 2,400 points over [−10⁶, 10⁶] (or the interval): a point above the maximum found means the
analysis missed something, and the extremum is not decided.

>>> import sympy, time
>>> from glusym.functions import sigmoid
>>> from glusym.parsing.terms import Maximum, Minimum
>>> z = sympy.Symbol("z", real=True)
>>> extremum_value(Minimum(z * sigmoid(z), (z, -sympy.oo, sympy.oo)), time.monotonic() + 5)
-LambertW(exp(-1))
>>> extremum_value(Maximum(sigmoid(z), (z, 0, 1)), time.monotonic() + 5)
E/(1 + E)
"""

from __future__ import annotations

import math
import time
from typing import Any

import mpmath
import sympy
from sympy import Expr, Symbol

from ..evaluate import mpmath_function
from ..functions import elementary
from ..parsing.terms import ArgMaximum, ArgMinimum, Infimum, Maximum, Minimum, Supremum
from ._errors import _Undecided

EXTREMA = (Maximum, Minimum, Supremum, Infimum, ArgMaximum, ArgMinimum)

__all__ = ["EXTREMA", "extremum_value", "resolve_extrema"]


def _grid(lo: Expr, hi: Expr) -> list[float]:
    near = [i / 100 for i in range(-1000, 1001)]
    far = [s * 10 ** (1 + k / 40) for k in range(0, 201) for s in (1, -1)]
    pts = near + far
    a = float(lo) if lo.is_finite else -math.inf
    b = float(hi) if hi.is_finite else math.inf
    if a > -math.inf and b < math.inf:  # a bounded interval: the grid spread over it
        pts += [a + (b - a) * i / 2000 for i in range(2001)]
    return [t for t in pts if a <= t <= b]


def _number(v: Expr) -> Any:
    with mpmath.workdps(30):
        return mpmath.mpf(sympy.Float(sympy.N(v, 30), 30)._mpf_) if v.is_finite else (mpmath.inf if v == sympy.oo else -mpmath.inf)


def extremum_value(node: Any, deadline: float) -> Expr:
    """The value of one extremum (a :class:`~glusym.parsing.terms.Maximum` …), exact where the
    analysis is; raises ``_Undecided`` with the reason where it cannot be decided."""
    from ..analysis._common import boundaries, to_piecewise
    from ..analysis.extrema import extrema
    from .limits import real_limit

    greatest = isinstance(node, (Maximum, Supremum, ArgMaximum))
    attained_only = isinstance(node, (Maximum, Minimum, ArgMaximum, ArgMinimum))
    where_asked = isinstance(node, (ArgMaximum, ArgMinimum))
    word = {ArgMaximum: "arg max", ArgMinimum: "arg min"}.get(type(node), type(node).__name__.lower())
    f = node.function
    lim = node.limits[0]
    v = lim[0]
    lo, hi = (lim[1], lim[2]) if len(lim) == 3 else (-sympy.oo, sympy.oo)
    if f.free_symbols - {v}:
        raise _Undecided(f"the {word} of a function of several variables ({', '.join(sorted(map(str, f.free_symbols)))})")
    h = elementary(to_piecewise(f if greatest else -f))

    def inside(t: Expr) -> bool:
        return bool(lo <= t <= hi)

    cands: list[tuple[Any, Expr, bool, str, Any]] = []  # (number, value, attained, where, the point or None)

    def add(value: Expr, attained: bool, where: str, at: Any = None) -> None:
        value = sympy.simplify(value) if value.is_number and value.count_ops() < 40 else value
        if not (value.is_number and (value.is_real or value in (sympy.oo, -sympy.oo))):
            return
        cands.append((_number(value), value, attained, where, at))

    seconds = max(min(2.0, (deadline - time.monotonic()) / 2), 0.05)
    try:
        points = extrema(f if greatest else -f, budget=seconds)  # in glusym's functions: exact more often
    except Exception as exc:  # noqa: BLE001 - the analysis failing decides nothing
        raise _Undecided(f"glusym's extrema of {f}: {type(exc).__name__}") from None
    for p in points:
        t = p.at[0][1] if p.at else None
        if t is not None and t.is_real and inside(t):
            add(p.value, True, f"{v} = {sympy.N(t, 8)}", t)
    for b in boundaries(h, v) if h.has(sympy.Piecewise) else ():
        if b.is_real and inside(b):
            add(h.xreplace({v: b}), True, f"{v} = {b}", b)
            for d in ("+", "-"):
                L = real_limit(h, v, b, deadline, d)
                if L is not None:
                    add(L, False, f"{v} → {b}{d}")
    for end, d in ((lo, "+"), (hi, "-")):
        if end.is_finite:
            add(h.xreplace({v: end}), True, f"{v} = {end}", end)
        else:
            tail = h
            if h.has(sympy.Piecewise):  # the branch in force beyond every kink
                from ..analysis._common import select_branches

                big = max([abs(b) for b in boundaries(h, v) if b.is_number], default=sympy.S.Zero)
                tail = select_branches(h, {v: (2 * big + 1) * (1 if end == sympy.oo else -1)})
            L = real_limit(tail, v, end, deadline)
            if L is None:
                raise _Undecided(f"SymPy gives no limit of {f} as {v} → {end}")
            add(L, False, f"{v} → {end}")
    if not cands:
        raise _Undecided(f"no candidate for the {word} of {f}")
    top = max(c[0] for c in cands)
    best = sorted((c for c in cands if c[0] == top), key=lambda c: not c[2])[0]
    if best[1] in (sympy.oo, -sympy.oo):  # unbounded: no maximum, the supremum is infinite
        return best[1] if greatest else -best[1]
    if attained_only and not best[2]:
        raise _Undecided(f"the {word} is not attained: the values approach {best[1] if greatest else -best[1]} as {best[3]} "
                         f"(write \\{'sup' if greatest else 'inf'})")
    # a grid of the function beside the analysis: nothing above the value found
    try:
        fn = mpmath_function(h, [v])
    except Exception:  # noqa: BLE001
        raise _Undecided(f"the {word}: {f} cannot be evaluated on a grid") from None
    with mpmath.workdps(30):
        tol = mpmath.mpf(10) ** -12 * (1 + (abs(top) if mpmath.isfinite(top) else 0))
        for t in _grid(lo, hi):
            if time.monotonic() > deadline:
                raise _Undecided(f"the {word}: the grid check ran past the budget")
            try:
                y = fn(mpmath.mpf(t))
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                continue
            if isinstance(y, mpmath.mpf) and mpmath.isfinite(y) and y > top + tol:
                raise _Undecided(f"the {word}: f at {v} = {t:g} lies beyond every critical value glusym found")
    if where_asked:  # the point: one, where the value is attained, and not on a flat piece
        from ..analysis.extrema import stationary_sets

        try:
            flats = stationary_sets(h, budget=max(min(1.0, deadline - time.monotonic()), 0.05))
        except Exception as exc:  # noqa: BLE001 - no flat pieces known: no point claimed
            raise _Undecided(f"the {word}: glusym's flat pieces of {f}: {type(exc).__name__}") from None
        if any(fl.value.is_number and _number(fl.value) == top for fl in flats):
            raise _Undecided(f"the {word} is not one point: the value is taken on a whole interval")
        points_at = {c[4] for c in cands if c[0] == top and c[2]}
        if len(points_at) != 1:
            raise _Undecided(f"the {word} is not one point: the value is taken at {len(points_at)} candidates")
        return points_at.pop()
    value = best[1]
    return value if greatest else -value


def resolve_extrema(e: Any, deadline: float) -> Any:
    """``e`` with each extremum it contains replaced by its value (raises ``_Undecided``)."""
    if not isinstance(e, sympy.Basic) or not e.has(*EXTREMA):
        return e
    if isinstance(e, EXTREMA):
        return extremum_value(e, deadline)
    return e.replace(lambda a: isinstance(a, EXTREMA), lambda a: extremum_value(a, deadline))

"""Limits: SymPy's limit, split on the sign of the other variables, two-sided where asked."""

from __future__ import annotations

import time
from typing import Any
import sympy
from sympy import Expr, Piecewise, Symbol

from ..errors import BudgetExceeded, GlusymError
from ..functions import elementary
from ._errors import _NoLimit, _Undecided
from .zero import _is_zero


def _limit_by_intervals(expr: Expr, z: Symbol, z0: Expr, d: str, v: Symbol, deadline: float) -> Expr:
    """lim_{z -> z0} expr, pointwise in v, on each interval between the kinks of v (and 0) and at
    each kink: the branch in force there, with v's sign as an assumption."""
    from ..analysis._common import boundaries, inside, select_branches

    bs = sorted({b for b in boundaries(expr, v) if b.is_number and b.is_real} | {sympy.S.Zero})
    edges = [-sympy.oo, *bs, sympy.oo]
    cases: list[tuple[Expr, Any]] = []
    t = Symbol(v.name + "_", positive=True)
    for b in bs:
        val = sympy.limit(expr.xreplace({v: b}), z, z0, d)
        cases.append((val, sympy.Eq(v, b)))
    for lo, hi in zip(edges, edges[1:]):
        if time.monotonic() > deadline:
            raise BudgetExceeded("the limit ran past its budget")
        rep = inside(lo, hi)
        branch = select_branches(expr, {v: rep}) if expr.has(Piecewise) else expr
        sg = 1 if rep > 0 else -1
        val = sympy.limit(branch.xreplace({v: sg * t}), z, z0, d)
        if val.has(sympy.Limit):
            raise _Undecided(f"SymPy cannot take the limit of {branch}")
        cases.append((val.xreplace({t: sg * v}), sympy.And(v > lo, v < hi)))
    if all(c[0] == cases[0][0] for c in cases):
        return cases[0][0]
    return Piecewise(*cases)


def _limit_value(lim: sympy.Limit, deadline: float) -> Expr:
    """The value of a Limit, pointwise in the other free symbols (split on their signs)."""
    from ..analysis._common import boundaries, select_branches, to_piecewise

    expr, z, z0, d = lim.args
    if str(d) == "+-" and z0.is_number and z0.is_finite:
        # two-sided: both one-sided limits, which must agree (SymPy's own two-sided limit of a
        # Piecewise takes one side only: |x|/x -> 0 at 0)
        left = _limit_value(sympy.Limit(expr, z, z0, "-"), deadline)
        right = _limit_value(sympy.Limit(expr, z, z0, "+"), deadline)
        bad = [not isinstance(v, sympy.Basic) or v.has(sympy.Limit, sympy.zoo, sympy.nan, sympy.AccumBounds)
               for v in (left, right)]
        if all(bad):
            raise _Undecided(f"SymPy cannot take the limit {lim} from either side")
        if any(bad):  # no value on one side: the two-sided limit does not exist
            raise _NoLimit(*["no value" if b else v for b, v in zip(bad, (left, right))])
        if left == right or (not left.has(sympy.oo, -sympy.oo) and _is_zero(left - right)):
            return right
        raise _NoLimit(left, right)
    expr = elementary(to_piecewise(expr))
    if expr.has(Piecewise):
        if z0 in (sympy.oo, -sympy.oo) and expr.free_symbols == {z}:
            # the branch in force beyond every kink
            big = max([abs(b) for b in boundaries(expr, z) if b.is_number], default=sympy.S.Zero)
            expr = select_branches(expr, {z: (2 * big + 1) * (1 if z0 == sympy.oo else -1)})
        elif z0.is_finite and any(c.has(z) for pw in expr.atoms(Piecewise) for _, c in pw.args):
            if expr.free_symbols != {z}:
                raise _Undecided("a one-sided limit of a piecewise function of several variables")
            from ..analysis._common import side_points  # the branch in force on that side of z0

            expr = select_branches(expr, {z: side_points(expr, z, z0, 1 if str(d) == "+" else -1)})
        elif any(c.has(z) for pw in expr.atoms(Piecewise) for _, c in pw.args):
            from ..analysis.limits import _eventual_branches  # conditions as the parameter tends to z0

            expr = _eventual_branches(expr, z, z0)
    others = sorted(expr.free_symbols - {z}, key=lambda s: s.name)
    if not others:
        return sympy.limit(expr, z, z0, str(d))
    if len(others) > 2:
        raise _Undecided("a limit with more than two other variables")
    if len(others) == 1 and expr.has(Piecewise):
        try:
            return _limit_by_intervals(expr, z, z0, str(d), others[0], deadline)
        except GlusymError:
            pass  # conditions not linear in the variable: split on its sign below
    import itertools

    cases = []
    for signs in itertools.product((1, -1, 0), repeat=len(others)):
        subs: dict[Symbol, Expr] = {}
        back: dict[Symbol, Expr] = {}
        conds = []
        for s, sg in zip(others, signs):
            if sg == 0:
                subs[s] = sympy.S.Zero
                conds.append(sympy.Eq(s, 0))
            else:
                t = Symbol(s.name + "_", positive=True)
                subs[s] = sg * t
                back[t] = sg * s
                conds.append(s > 0 if sg > 0 else s < 0)
        if time.monotonic() > deadline:
            raise BudgetExceeded("the limit ran past its budget")
        val = sympy.limit(expr.xreplace(subs), z, z0, str(d))
        if val.has(sympy.Limit):
            raise _Undecided(f"SymPy cannot take the limit {lim}")
        cases.append((val.xreplace(back), sympy.And(*conds)))
    if all(v == cases[0][0] for v, _ in cases):
        return cases[0][0]
    return Piecewise(*cases)


def _resolve_limits(e: Any, deadline: float) -> Any:
    if isinstance(e, sympy.Limit):
        return _limit_value(e, deadline)
    if isinstance(e, sympy.Basic) and e.has(sympy.Limit):
        return e.replace(lambda a: isinstance(a, sympy.Limit), lambda a: _limit_value(a, deadline))
    return e


def real_limit(e: Expr, v: Symbol, at: Expr, deadline: float, direction: str = "+-") -> Expr | None:
    """SymPy's limit of ``e`` as ``v`` → ``at`` within the link's budget (at most 2 s): ±∞, a real
    number, or None where SymPy gives none, an unevaluated limit or no real number. The link's
    own budget running out meanwhile is raised on, so that the link stops."""
    from ..analysis.extrema import _attempt  # the link's own budget running out is raised on

    def take() -> Any:
        try:
            return sympy.limit(e, v, at, direction) if at.is_finite else sympy.limit(e, v, at)
        except sympy.PoleError:
            return None

    lim = _attempt(take, max(min(2.0, deadline - time.monotonic()), 0.05))
    if lim is None:
        return None
    if lim in (sympy.oo, -sympy.oo):
        return lim
    if not isinstance(lim, sympy.Basic) or isinstance(lim, sympy.Limit) or lim.has(sympy.nan, sympy.zoo, sympy.AccumBounds) \
            or not lim.is_number or lim.is_real is False:
        return None
    return lim

r"""Approximations (``\approx``, ``\simeq``) and asymptotic equivalence (``\sim`` at a limit).

An approximation ``f(x) \approx g(x)`` is measured: the largest absolute error
:math:`\max |f - g|` and the largest relative error :math:`\max |f - g| / |f|`, with the points
where they occur, over the domain the formula states or, where it states none, over
:math:`x \in [-6, 6]` (the reason says which). The maximum is found on a grid of
:data:`GRID_POINTS` points, each of the largest local maxima refined inside its two cells, and the
values there evaluated with mpmath at :data:`DIGITS` digits (more where exponentials are large);
on an unbounded domain, far points and SymPy's limit of the error at the infinite end are added.
The verdict is ``holds approximately`` when the largest absolute error is at most the tolerance
(``approx_tol``, 0.03 by default; ``--approx-tol`` of ``glusym check``), else ``fails`` with the
worst point. For two numbers (``\pi \approx 3.14``) the tolerance is relative to the size of the
number where it exceeds 1 (``e^{10} \approx 22026`` holds approximately).

``f(x) \sim g(x)`` as :math:`x \to a` holds when SymPy's limit of :math:`f/g` there is 1, and fails
with the limit otherwise. A ``\sim`` with no limit stated is not judged (``unknown``): it is
asymptotic equivalence at a point the formula does not name (x → ∞? x → 0?) or, as often in the
papers (:math:`X \sim \mathcal N(0, 1)`), "distributed as"; judging it as x → ∞ would pass or fail
a claim the author may not have made. The reason gives the ratio's limits at ±∞ for information.

>>> import sympy
>>> from glusym.functions import Phi, sigmoid
>>> x = sympy.Symbol("x", real=True)
>>> judge_approximation(x * Phi(x), x * sigmoid(sympy.Rational(1702, 1000) * x))[0]
<Verdict.HOLDS_APPROXIMATELY: 'holds approximately'>
>>> judge_approximation(x * Phi(x), x * sigmoid(x))[0]
<Verdict.FAILS: 'fails'>
>>> judge_asymptotic(sympy.log(1 + sympy.exp(x)), x, (x, sympy.oo))[0]
<Verdict.HOLDS: 'holds'>
"""

from __future__ import annotations

import re
import time
from typing import Any

import mpmath
import sympy
from sympy import Expr, Symbol

from ..functions import elementary, to_sympy
from .limits import real_limit
from .relations import _exact, _floated, _intervals, _mp, _show, _show_set, domains, is_condition
from .report import Judgement, Verdict

#: the largest absolute error of an approximation that holds approximately, by default
DEFAULT_APPROX_TOL = 0.03
#: the domain of an approximation whose formula states none
DEFAULT_DOMAIN = sympy.Interval(-6, 6)
#: the grid, the refined maxima, and the digits of the values reported
GRID_POINTS = 1201
REFINED = 8
DIGITS = 30
#: how far an unbounded domain is gridded, and its far points
FAR_GRID = 50.0
FAR = (1.0e2, 1.0e3, 1.0e4, 1.0e6)



def _values(L: Expr, R: Expr, v: Symbol) -> Any:
    """A function of an exact point: (lhs, rhs) at DIGITS digits (more where exponentials are
    large), or None where a side has no real value."""
    from ..sampling import digits_at
    from .pointwise import _compile

    fl, nl = _compile(L)
    fr, nr = _compile(R)
    need = digits_at([L, R], [v])

    def at(t: Expr) -> tuple[Any, Any] | None:
        dps = DIGITS + need({v.name: float(t)})
        with mpmath.workdps(dps):
            try:
                a = fl(*[_mp(t) for _ in nl]) if nl else fl()
                b = fr(*[_mp(t) for _ in nr]) if nr else fr()
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return None
            if a is None or b is None or isinstance(a, mpmath.mpc) or isinstance(b, mpmath.mpc) \
                    or not (mpmath.isfinite(a) and mpmath.isfinite(b)):
                return None
            return +a, +b

    return at


def _float_error(L: Expr, R: Expr, v: Symbol) -> Any:
    import numpy as np

    from ..analysis._common import lambdify, to_piecewise

    try:
        fl = lambdify([v], _floated(elementary(to_piecewise(L))), modules=["scipy", "numpy"])
        fr = lambdify([v], _floated(elementary(to_piecewise(R))), modules=["scipy", "numpy"])
    except Exception:  # noqa: BLE001 - no float form: the grid is evaluated with mpmath
        return None

    def err(xs: Any) -> tuple[Any, Any]:
        with np.errstate(all="ignore"):
            try:
                a = np.broadcast_to(np.asarray(fl(xs), dtype=float), np.shape(xs))
                b = np.broadcast_to(np.asarray(fr(xs), dtype=float), np.shape(xs))
            except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
                nan = np.full(np.shape(xs), np.nan)
                return nan, nan
            return np.abs(a - b), np.abs(a - b) / np.abs(a)

    return err


def _numbers(L: Expr, R: Expr, tol: float) -> Judgement:
    with mpmath.workdps(DIGITS):
        try:
            a = mpmath.mpf(sympy.Float(sympy.N(L, DIGITS + 10), DIGITS + 10)._mpf_) if L.is_real is not False else None
            b = mpmath.mpf(sympy.Float(sympy.N(R, DIGITS + 10), DIGITS + 10)._mpf_) if R.is_real is not False else None
        except (AttributeError, TypeError, ValueError):
            a = b = None
        if a is None or b is None:
            return Verdict.UNKNOWN, "a side is not a real number", None
        err = abs(a - b)
        scale = max(mpmath.mpf(1), abs(a))
        rel = err / abs(a) if a != 0 else None
        ok = err <= tol * scale
        shown = (f"|lhs − rhs| = {mpmath.nstr(err, 4)}" + (f", relative error {mpmath.nstr(rel, 4)}" if rel is not None else "")
                 + f"; tolerance {tol:g}" + (" relative to the size of the number" if abs(a) > 1 else ""))
        ce = None if ok else {"lhs": mpmath.nstr(a, 20), "rhs": mpmath.nstr(b, 20), "difference": mpmath.nstr(a - b, 6)}
    return (Verdict.HOLDS_APPROXIMATELY if ok else Verdict.FAILS), shown, ce


def judge_approximation(lhs: Any, rhs: Any, domain: Any = None, tol: float = DEFAULT_APPROX_TOL,
                        deadline: float | None = None) -> Judgement:
    """(verdict, reason, counterexample) for ``lhs ≈ rhs``: the largest absolute and relative
    errors and where they occur, over ``domain`` (by default x ∈ [−6, 6])."""
    import numpy as np
    from scipy.optimize import minimize_scalar

    deadline = time.monotonic() + 5.0 if deadline is None else deadline
    if not (tol >= 0 and tol < float("inf")):
        raise ValueError(f"the tolerance of an approximation must be a nonnegative number, not {tol}")
    L, R = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    syms = sorted((L - R).free_symbols | L.free_symbols | R.free_symbols, key=lambda s: s.name)
    if not syms:
        return _numbers(L, R, tol)
    if is_condition(L, R):
        return Verdict.NO_CLAIM, "a value given for a variable or parameter", None
    if len(syms) > 1:
        return Verdict.UNKNOWN, (f"an approximation in several variables ({', '.join(map(str, syms))}) is judged "
                           "only in one"), None
    (v,) = syms
    stated = domain is not None
    try:
        S = domains(domain, syms)[v] if stated else DEFAULT_DOMAIN
        parts = _intervals(S)
    except ValueError as exc:
        return Verdict.UNKNOWN, str(exc), None
    values = _values(L, R, v)
    ferr = _float_error(L, R, v)
    cands: list[Expr] = []
    notes: list[str] = []
    far_limits: list[tuple[Expr, Any]] = []
    for I in parts:
        lo = float(I.start) if I.start.is_finite else -FAR_GRID
        hi = float(I.end) if I.end.is_finite else FAR_GRID
        if not I.start.is_finite and I.end.is_finite and hi - FAR_GRID < lo:
            lo = hi - FAR_GRID
        if not I.end.is_finite and I.start.is_finite and lo + FAR_GRID > hi:
            hi = lo + FAR_GRID
        xs = np.linspace(lo, hi, GRID_POINTS)
        for end, opened in ((I.start, I.left_open), (I.end, I.right_open)):
            if end.is_finite:
                cands.append(end if not opened else end + (sympy.Rational(1, 10**9) if end == I.start
                                                             else -sympy.Rational(1, 10**9)))
        for end, sign in ((I.start, -1), (I.end, 1)):
            if not end.is_finite:
                cands.extend(sympy.Rational(sign * f) for f in FAR)
                far_limits.append((end, None))
        inside = xs[(xs > lo) & (xs < hi)]
        cands.extend(sympy.Rational(float(t)) for t in inside[:: max(len(inside) // 60, 1)])
        notes.append(f"a grid of {len(xs)} points on [{lo:g}, {hi:g}]")
        if ferr is None:
            continue
        ea, _ = ferr(xs)
        ea = np.where(np.isfinite(ea), ea, -1.0)
        idx = [i for i in range(1, len(xs) - 1) if ea[i] >= ea[i - 1] and ea[i] >= ea[i + 1]]
        idx = sorted(idx, key=lambda i: -ea[i])[:REFINED] + [int(np.argmax(ea))]
        for i in dict.fromkeys(idx):
            a_, b_ = xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]
            cands.append(sympy.Rational(float(xs[i])))
            if time.monotonic() > deadline:
                break
            try:
                r = minimize_scalar(lambda t: -float(ferr(np.array([t]))[0][0]), bounds=(a_, b_), method="bounded",
                                    options={"xatol": 1e-12})
                if np.isfinite(r.fun):
                    cands.append(sympy.Rational(float(r.x)))
            except (ValueError, FloatingPointError):
                pass
        # the relative error's largest local maxima too
        _, er = ferr(xs)
        er = np.where(np.isfinite(er), er, -1.0)
        for i in sorted(range(len(xs)), key=lambda i: -er[i])[:3]:
            cands.append(sympy.Rational(float(xs[i])))
    # every candidate at DIGITS digits
    worst_abs: tuple[Any, Expr, Any, Any] | None = None
    worst_rel: tuple[Any, Expr] | None = None
    undefined = []
    seen = set()
    for t in cands:
        if t in seen or time.monotonic() > deadline:
            continue
        seen.add(t)
        got = values(t)
        if got is None:
            undefined.append(t)
            continue
        a, b = got
        with mpmath.workdps(DIGITS):
            e = abs(a - b)
            if worst_abs is None or e > worst_abs[0]:
                worst_abs = (e, t, a, b)
            if a != 0:
                r = e / abs(a)
                if worst_rel is None or r > worst_rel[0]:
                    worst_rel = (r, t)
    where = ("over x ∈ " if stated else "over the default x ∈ ").replace("x", v.name) + \
        " ∪ ".join(_show_set(I) for I in parts) + ("" if stated else " (the formula states no domain)")
    if undefined and len(undefined) * 4 > len(seen):
        return Verdict.UNKNOWN, f"a side has no real value at {len(undefined)} of {len(seen)} points {where}", None
    if worst_abs is None:
        return Verdict.UNKNOWN, f"could not evaluate the two sides {where}", None
    limit_note = ""
    for end, _ in far_limits:  # beyond the far points: the error's limit at the infinite end
        lim = real_limit(sympy.Abs(elementary(L) - elementary(R)), v, end, deadline)
        if lim is None:
            limit_note = f"; the error's limit as {v} → {_show(end)} is not known"
            continue
        if lim is sympy.oo or (lim.is_number and lim > worst_abs[0]):
            worst = "grows without bound" if lim is sympy.oo else f"tends to {sympy.N(lim, 6)}"
            far = sympy.Integer(int(FAR[-1])) * (1 if end == sympy.oo else -1)
            got = values(far)
            ce = {v.name: str(far)}
            if got is not None:
                ce.update({"lhs": mpmath.nstr(got[0], 20), "rhs": mpmath.nstr(got[1], 20),
                           "difference": mpmath.nstr(got[0] - got[1], 6)})
            ok = lim is not sympy.oo and lim <= tol
            return (Verdict.HOLDS_APPROXIMATELY if ok else Verdict.FAILS), (
                f"the error {worst} as {v} → {_show(end)} (SymPy's limit), larger than anywhere on the grid {where}; "
                f"tolerance {tol:g}"), (None if ok else ce)
    e, t, a, b = worst_abs
    rel = ""
    if worst_rel is not None:
        r, tr = worst_rel
        rel = f"; the largest relative error |lhs − rhs|/|lhs| = {mpmath.nstr(r, 3)} at {v} = {_pt(tr)}"
    twin = ""
    for u in seen:  # a second worst point of the same size (an even error: ±x)
        if u != t and abs(float(u) + float(t)) < 1e-6 * (1 + abs(float(t))) and abs(float(t)) > 1e-9:
            got = values(u)
            if got is not None and abs(abs(got[0] - got[1]) - e) <= mpmath.mpf(10) ** -8 * (e + 1):
                twin = f" (and at {v} = {_pt(u)})"
            break
    reason = (f"the largest absolute error |lhs − rhs| = {mpmath.nstr(e, 4)} at {v} = {_pt(t)}{twin}{rel}, {where}; "
              f"{'; '.join(notes)}, {REFINED} largest maxima refined, values at {DIGITS} digits; tolerance {tol:g}"
              + limit_note)
    if undefined:
        reason += f"; {len(undefined)} point(s) where a side has no real value left out"
    if e <= tol:
        return Verdict.HOLDS_APPROXIMATELY, reason, None
    with mpmath.workdps(DIGITS):
        ce = {v.name: _pt(t), "lhs": mpmath.nstr(a, 20), "rhs": mpmath.nstr(b, 20), "difference": mpmath.nstr(a - b, 6)}
    return Verdict.FAILS, reason, ce


def _pt(t: Expr) -> str:
    return str(t) if t.is_Integer or (t.is_Rational and t.q <= 1000) else mpmath.nstr(_mp(t), 6)


def judge_asymptotic(lhs: Any, rhs: Any, at: tuple[Any, ...] | None = None,
                     deadline: float | None = None) -> Judgement:
    r"""``lhs \sim rhs`` as ``at`` = (variable, point[, direction '+' or '-']): holds when
    lhs/rhs tends to 1 there (SymPy's limit), fails with the limit otherwise; with no ``at``,
    not judged (see the module's note), the ratio's limits at ±∞ given for information."""
    deadline = time.monotonic() + 5.0 if deadline is None else deadline
    L, R = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    syms = sorted(L.free_symbols | R.free_symbols, key=lambda s: s.name)
    if R == 0:
        return Verdict.UNKNOWN, "∼ 0 is not an asymptotic equivalence (the ratio is undefined)", None
    ratio = elementary(L) / elementary(R)
    if at is None:
        if len(syms) != 1:
            return Verdict.UNKNOWN, "∼ with no limit stated is not judged (nor read as 'distributed as')", None
        (v,) = syms
        info = []
        for end in (sympy.oo, -sympy.oo):
            lim = real_limit(ratio, v, end, min(deadline, time.monotonic() + 1.5))
            if lim is not None:
                info.append(f"{sympy.sstr(lim)} as {v} → {_show(end)}")
        return Verdict.UNKNOWN, ("∼ with no limit stated is not judged: it may be asymptotic at a point the formula does not "
                           "name (x → ∞? x → 0?) or 'distributed as'; write \\text{as } x \\to \\infty"
                           + (f" (for information, lhs/rhs tends to {' and to '.join(info)})" if info else "")), None
    v, point = at[0], to_sympy(at[1], "the limit point")
    direction = at[2] if len(at) > 2 else "+-"
    if isinstance(v, str):
        named = [s for s in syms if s.name == v]
        if not named:
            return Verdict.UNKNOWN, f"the limit is in {v}, which the formula does not have", None
        v = named[0]
    lim = real_limit(sympy.simplify(ratio) if ratio.count_ops() < 60 else ratio, v, point, deadline, direction)
    where = f"{v} → {_show(point)}" + ({"+": "⁺", "-": "⁻"}.get(direction, ""))
    if lim is None:
        return Verdict.UNKNOWN, f"SymPy finds no limit of lhs/rhs as {where}", None
    if lim == 1:
        return Verdict.HOLDS, f"lhs/rhs → 1 as {where} (SymPy's limit)", None
    return Verdict.FAILS, f"lhs/rhs → {sympy.sstr(lim)} as {where} (SymPy's limit), not 1", {"ratio limit": sympy.sstr(lim)}


# ---------------------------------------------------------------------------------------------
# what today's reader does not give: a limit written after the formula


_LIMIT_NOTE = re.compile(
    r"^(?P<body>.*?)(?:\\[,;:!]|\\q?quad|~|\s|,)*"
    r"(?:\(\s*)?(?:\\(?:text|mathrm|textrm)\{\s*(?:as|for)\s*\}|\bas\b)?\s*"
    r"(?P<var>[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)\s*\\(?:to|rightarrow)\s*"
    r"(?P<point>[-+]?\s*\\infty|[-+]?\d+(?:\.\d+)?)(?:\^\{?(?P<side>[+-])\}?)?\s*\)?\s*[.,]?\s*$", re.S)


def split_limit_note(tex: str) -> tuple[str, tuple[str, Expr, str]] | None:
    r"""A limit written after a relation (``… \text{as } x \to \infty``, ``(x \to 0^+)``): the
    formula without it, and (variable name, point, direction); None where there is none.

    >>> split_limit_note(r"\text{softplus}(x) \sim x \quad \text{as } x \to \infty")
    ('\\text{softplus}(x) \\sim x', ('x', oo, '+-'))
    """
    m = _LIMIT_NOTE.match(tex.strip())
    if not m or not m.group("body").strip():
        return None
    p = m.group("point").replace(" ", "")
    point: Expr
    if p.endswith("\\infty"):
        point = -sympy.oo if p.startswith("-") else sympy.oo
    else:
        point = sympy.Rational(p)
    var = m.group("var").replace("{", "").replace("}", "")
    return m.group("body").strip(), (var, point, m.group("side") or "+-")

r"""Extrema, inflection points, stationary sets and level sets of a unit.

For an activation :math:`f(x)` the unit is cut into its smooth pieces (between the Piecewise
boundaries); on each piece the roots of :math:`f'` (or :math:`f''`) are solved for exactly with
SymPy (``solveset``, then ``solve``, each within a short budget) and, where SymPy finds no closed
form (GELU: :math:`x\varphi(x) + \Phi(x) = 0`), numerically with mpmath at 40 digits from the sign
changes of a fine scan of :math:`[-20, 20]` (reported to 30 significant digits, ``exact=False``).

Conventions, decided here and tested:

* :func:`extrema` reports the isolated points where :math:`f' = 0`, classified by the sign change
  of :math:`f'`: ``"minimum"``, ``"maximum"``, or ``"inflection"`` when :math:`f'` keeps its sign
  (tanhshrink at 0, a horizontal inflection). A kink (a Piecewise boundary) is reported only where
  :math:`f` has a *strict* local extremum there, :math:`f(x) > f(b)` (or :math:`<`) for every
  :math:`x \ne b` near :math:`b`, as :math:`|x|` at 0; such points carry ``kink=True`` and need
  not satisfy :math:`f' = 0`. The ends of a flat piece (ReLU at 0) are not strict extrema: the
  flat piece itself is a :class:`StationarySet`.
* :func:`inflections` reports the points where :math:`f''` changes sign: roots of :math:`f''` inside
  a piece, and kinks where :math:`f` is continuously differentiable and :math:`f''` changes sign
  across (softsign at 0, ``kink=True``).
* A gated unit :math:`f = \alpha(x_g)\,x_v` has gradient :math:`(\alpha'(x_g)\,x_v, \alpha(x_g))`:
  its critical points are :math:`(g, 0)` with :math:`\alpha(g) = 0`; the Hessian
  :math:`\begin{pmatrix}\alpha''(g)\,x_v & \alpha'(g)\\ \alpha'(g) & 0\end{pmatrix}` has determinant
  :math:`-\alpha'(g)^2 < 0` there, a saddle. A zero of the gate at a kink (ReGLU's origin) is still a
  critical point, since :math:`f = O(|x_g - g|\,|x_v|)`; it is a saddle because :math:`f` takes both
  signs around it. Where :math:`\alpha \equiv 0` on a piece the gradient vanishes on a half-plane.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import mpmath
import sympy
from sympy import Expr, Symbol

from .. import cache
from ..budget import time_budget, validate_budget
from ..catalogue import Unit, x_g, x_v
from ..display import Display, text
from ..errors import BudgetExceeded, GlusymError, NotDerived, member
from ..functions import Phi, elementary, to_sympy
from .calculus import tidy
from ..evaluate import mpmath_function
from ._common import Analysable, as_function, boundaries, inside, lambdify, select_branches, to_piecewise

__all__ = [
    "CriticalPoint",
    "PointKind",
    "LevelSet",
    "StationarySet",
    "critical_points",
    "extrema",
    "inflections",
    "level_set",
    "stationary_sets",
]

#: Working precision (decimal digits) of the numerical root finding.
DPS = 40
#: Significant digits of a numerically found point.
DIGITS = 30
#: Half-width of the scanned range and the scan step of the numerical root search.
SCAN_RANGE = 20
SCAN_STEP = sympy.Rational(1, 20)
#: Seconds one attempt at a closed form (solveset, solve) may take.
EXACT_BUDGET = 0.4
#: Seconds solving an exponential polynomial (a numerator in x and e^{kx} only) may take.
LAMBERT_BUDGET = 3.0


class PointKind(StrEnum):
    """What a :class:`CriticalPoint` is; a member is its text (``PointKind.MINIMUM == "minimum"``)."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    SADDLE = "saddle"
    INFLECTION = "inflection"
    DEGENERATE = "degenerate"


@dataclass(frozen=True, repr=False)
class CriticalPoint(Display):
    """A point of interest: where it is, the value of the unit there, its kind.

    ``at`` pairs each variable with its coordinate (exact, or a 30-digit Float when
    ``exact`` is False). ``kind`` is ``"minimum"``, ``"maximum"``, ``"saddle"``, ``"inflection"`` or
    ``"degenerate"``. ``kink`` is True for a point on a Piecewise boundary, where the derivative
    the point is characterised by need not exist.

    >>> import glusym
    >>> glusym.extrema(glusym.get("gelu"))[0]
    CriticalPoint(minimum at x ≈ -0.751792, value ≈ -0.169971)
    """

    at: tuple[tuple[Symbol, Expr], ...]
    value: Expr
    kind: PointKind
    exact: bool
    kink: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", member(PointKind, self.kind, "a CriticalPoint's kind"))

    def _summary(self) -> str:
        rel, digits = ("=", None) if self.exact else ("≈", 6)
        if len(self.at) == 1:
            where = f"{self.at[0][0]} {rel} {text(self.at[0][1], digits)}"
        else:
            where = (f"({', '.join(str(v) for v, _ in self.at)}) {rel} "
                     f"({', '.join(text(c, digits) for _, c in self.at)})")
        value = text(self.value, None if self.exact else 6)
        return f"{'kink ' if self.kink else ''}{self.kind} at {where}, value {rel} {value}"


class Points(Display, tuple[Any, ...]):
    """The points :func:`extrema`, :func:`inflections` or :func:`critical_points` found (a tuple of
    :class:`CriticalPoint`), or the flat pieces :func:`stationary_sets` found (of
    :class:`StationarySet`): indexing, iteration, ``len``, ``==`` with a tuple work as before), with
    ``what`` they are and the ``name`` of the unit, for display.

    >>> import glusym
    >>> glusym.extrema(glusym.get("hardswish"))
    Points(extrema of hardswish: minimum at x = -3/2, value = -3/8)
    >>> glusym.extrema(glusym.get("relu")) == ()
    True
    """

    what: str
    name: str

    def __new__(cls, points: Any = (), what: str = "points", name: str = "") -> "Points":
        self = super().__new__(cls, points)
        object.__setattr__(self, "what", what)
        object.__setattr__(self, "name", name)
        return self

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __getnewargs__(self) -> tuple[Any, ...]:
        return (tuple(self), self.what, self.name)

    def _summary(self) -> str:
        head = f"{self.what} of {self.name}" if self.name else self.what
        return f"{head}: " + ("; ".join(p._summary() for p in self) or "none")


def _named(obj: Any) -> str:
    name = getattr(obj, "name", "")
    return name if isinstance(name, str) else ""


@dataclass(frozen=True, repr=False)
class StationarySet(Display):
    """A region (an interval or half-plane) on which the gradient vanishes: the unit is constant
    there, with value ``value``.

    >>> StationarySet("x > 6", sympy.Integer(6))
    StationarySet(f = 6 on x > 6)
    """

    region: str
    value: Expr
    #: the interval (lo, hi) of an activation's flat piece (None for a gated unit's half-plane)
    ends: tuple[Expr, Expr] | None = None

    def _summary(self) -> str:
        return f"f = {text(self.value)} on {self.region}"


@dataclass(frozen=True, repr=False)
class LevelSet(Display):
    r"""The level set :math:`f = c` of a gated unit: :math:`x_v` = ``solution``, where ``condition``
    (the gate is nonzero) holds. For :math:`c = 0` the zero set of the gate also belongs to it.

    >>> import glusym
    >>> glusym.level_set(glusym.get("reglu"))
    LevelSet(f = c: x_v = c/x_g where relu(x_g) != 0, i.e. x_g > 0)
    """

    c: Symbol | Expr
    solution: Expr
    condition: str
    zero_set: str | None = None

    def __str__(self) -> str:
        text = f"f = {self.c}: x_v = {self.solution} where {self.condition}"
        return text if self.zero_set is None else f"{text}; and the gate's zero set, {self.zero_set}"

    def _summary(self) -> str:
        shown = f"f = {text(self.c)}: x_v = {text(self.solution)} where {self.condition}"
        return shown if self.zero_set is None else f"{shown}; and {self.zero_set}"


# ---------------------------------------------------------------------------------------------
# helpers


def _attempt(fn: Callable[[], Any], seconds: float, timed: list[bool] | None = None) -> Any:
    """``fn()`` within ``seconds``; None when it runs out or SymPy gives up (an outer budget that
    runs out meanwhile is re-raised). ``timed`` is told when the time ran out (an answer that
    depends on the machine's load)."""
    start = time.monotonic()
    try:
        with time_budget(seconds):
            return fn()
    except BudgetExceeded:
        if time.monotonic() - start < seconds - 1e-3:
            raise
        if timed is not None:
            timed.append(True)
        return None
    except (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError,
            ZeroDivisionError, sympy.PolynomialError):
        return None


@dataclass(frozen=True)
class _Piece:
    lo: Expr  # -oo or a number
    hi: Expr  # oo or a number
    expr: Expr  # the branch in force on the open interval (lo, hi)


def _pieces(expr: Expr, var: Symbol) -> list[_Piece]:
    bounds = boundaries(expr, var)
    if any(not b.is_real for b in bounds):
        raise NotDerived(f"the Piecewise boundaries {sorted(map(str, bounds))} are not real numbers")
    pts = sorted(bounds, key=lambda b: float(b))
    edges = [-sympy.oo, *pts, sympy.oo]
    out = []
    for lo, hi in zip(edges, edges[1:]):
        out.append(_Piece(lo, hi, select_branches(expr, {var: inside(lo, hi)})))
    return out


def _mpf(e: Expr, dps: int = DPS) -> mpmath.mpf:
    with mpmath.workdps(dps):
        v = sympy.N(e, dps)
        if v.is_infinite:
            return mpmath.inf if v > 0 else -mpmath.inf
        return mpmath.mpf(sympy.re(v)._to_mpmath(mpmath.mp.prec))


def _evaluable(e: Expr) -> Expr:
    """``e`` in SymPy's own functions, in the form that evaluates without cancellation
    (Phi through erfc, accurate in the left tail where 1 + erf cancels)."""
    e = e.replace(lambda a: isinstance(a, Phi), lambda a: a.rewrite(sympy.erfc))
    return elementary(e)


def _numeric(e: Expr, var: Symbol) -> Callable[[Any], Any]:
    """``e`` as an mpmath function of ``var`` (evaluates at the working precision)."""
    return mpmath_function(e, (var,))


def _float(e: Expr, var: Symbol) -> Callable[[float], float]:
    """``e`` as a float function of ``var`` (NaN where it overflows), for scanning."""
    g = lambdify(var, _evaluable(e), modules="math")

    def f(t: float) -> float:
        try:
            return float(g(t))
        except (OverflowError, ZeroDivisionError, ValueError, TypeError):
            return math.nan

    return f


def _is_zero_function(e: Expr, var: Symbol) -> bool:
    """True when ``e`` vanishes identically (exactly, or at a few scattered points to 30 digits
    when SymPy cannot decide)."""
    if e.is_zero:
        return True
    if not e.has(var):
        return bool(e.is_zero)
    f = _numeric(e, var)
    with mpmath.workdps(DPS):
        for t in ("-2.71", "-0.337", "0.291", "1.618", "3.14"):
            try:
                if abs(f(mpmath.mpf(t))) > mpmath.mpf(10) ** -30:
                    return False
            except (ZeroDivisionError, ValueError):
                continue
    return True


def _nonzero_factors(e: Expr) -> list[Expr]:
    """The factors of ``e`` that may vanish (positive factors such as sigma, phi, exp dropped)."""
    out = []
    for a in sympy.Mul.make_args(sympy.factor_terms(e)):
        base = a.base if isinstance(a, sympy.Pow) and a.exp.is_positive else a
        if base.is_number and base.is_zero is False:
            continue
        if base.is_positive or base.is_negative:
            continue
        out.append(base)
    return out


def _in_open(r: Expr, lo: Expr, hi: Expr) -> bool:
    rv = float(r)
    return (lo == -sympy.oo or rv > float(lo)) and (hi == sympy.oo or rv < float(hi))


def _lambert_form(e: Expr, var: Symbol) -> bool:
    """True when ``e`` is a + b x + c e^{k x} or a + (b + c x) e^{k x} (one exponential, to the
    first power): the equations whose roots are Lambert W (SiLU's x + e^x + 1). With x on both
    sides, (a + bx) e^{kx} = c + dx has no Lambert form, and solve only spends its budget."""
    exps = e.atoms(sympy.exp)
    if len(exps) != 1 or {type(a) for a in e.atoms(sympy.Function)} != {sympy.exp}:
        return False
    (E,) = exps
    if not E.args[0].is_polynomial(var) or sympy.degree(E.args[0], var) != 1:
        return False
    y = Symbol("_E")
    p = sympy.expand(e.xreplace({E: y}))
    if p.has(sympy.exp) or not p.is_polynomial(var, y):
        return False
    poly = sympy.Poly(p, var, y)
    if poly.degree(y) != 1 or poly.degree(var) > 1:
        return False
    a, b = sympy.Poly(p.coeff(y, 0), var), sympy.Poly(p.coeff(y, 1), var)
    solvable: bool = a.degree() <= 0 or b.degree() <= 0
    return solvable  # (a + bx) = c e^{kx} or a = (c + dx) e^{kx}: W solves it


def _exact_roots(d: Expr, var: Symbol, lo: Expr, hi: Expr) -> tuple[list[Expr], bool]:
    """Closed-form real roots of ``d`` in (lo, hi) and whether the list is known complete;
    remembered on disk (:mod:`glusym.cache`) when no attempt ran out of time, so that a closed
    form found once is found on a busy machine too, and checked when read back: each root is a
    root of ``d`` in (lo, hi) to 30 digits."""
    key = "|".join(sympy.srepr(e) for e in (d, var, lo, hi))

    def compute() -> tuple[Any, bool]:
        timed: list[bool] = []
        roots, complete = _solve_roots(d, var, lo, hi, timed)
        building = bool(os.environ.get("GLUSYM_SOLVE_BUDGET"))  # scripts/build_cache.py: its longer try decides
        return sympy.Tuple(sympy.Tuple(*roots), sympy.true if complete else sympy.false), building or not timed

    def check(v: Any) -> bool:
        if not (isinstance(v, sympy.Tuple) and len(v) == 2 and isinstance(v[0], sympy.Tuple)):
            return False
        f = _numeric(d, var)
        with mpmath.workdps(DPS + 10):
            return all(r.is_real and _in_open(r, lo, hi) and abs(f(_mpf(r, DPS + 10))) < mpmath.mpf(10) ** -30
                       for r in v[0])

    found = cache.remembered("roots", key, compute, check)
    return list(found[0]), bool(found[1])


def _solve_roots(d: Expr, var: Symbol, lo: Expr, hi: Expr, timed: list[bool]) -> tuple[list[Expr], bool]:
    build = os.environ.get("GLUSYM_SOLVE_BUDGET")
    exact_budget = float(build) if build else EXACT_BUDGET
    lambert_budget = float(build) if build else LAMBERT_BUDGET
    factors = _nonzero_factors(d)
    roots: list[Expr] = []
    complete = True
    dom = sympy.Interval.open(lo, hi)
    for fac in factors:
        e = elementary(fac)
        top = sympy.numer(sympy.together(e))
        exp_polynomial = _lambert_form(top, var)
        # solveset gives a ConditionSet for an exponential polynomial, after seconds: skip it there
        sol = None if exp_polynomial else _attempt(lambda: sympy.solveset(e, var, dom), exact_budget, timed)
        if isinstance(sol, sympy.FiniteSet) or sol is sympy.S.EmptySet:
            roots.extend(r for r in sol if r.is_real)
            continue
        complete = False
        sols: list[Expr] = []
        if exp_polynomial:
            # an exponential polynomial (SiLU's x + e^x + 1, quick-GELU's): solve gives Lambert W at once
            # from the numerator, where from sigma's form it takes longer than its budget under load
            sols = _attempt(lambda: sympy.solve(top, var), lambert_budget, timed) or []
        sols = sols or _attempt(lambda: sympy.solve(e, var), exact_budget, timed) or []
        for r in sols:
            if r.free_symbols or not r.is_real:
                continue
            try:
                if not _in_open(r, lo, hi):
                    continue
                if abs(_mpf(elementary(d).xreplace({var: r}), DPS + 10)) > mpmath.mpf(10) ** -(DPS - 5):
                    continue
            except (TypeError, ValueError):
                continue
            roots.append(r)
    uniq: list[Expr] = []
    for r in roots:
        if all(abs(float(r) - float(u)) > 1e-12 or sympy.simplify(r - u) != 0 for u in uniq):
            uniq.append(r)
    return uniq, complete


def _scan_roots(d: Expr, var: Symbol, lo: Expr, hi: Expr) -> list[mpmath.mpf]:
    """Roots of ``d`` in (lo, hi) from the sign changes of a scan, refined to DPS digits."""
    f = _numeric(d, var)
    ff = _float(d, var)
    a = max(float(lo), -SCAN_RANGE) if lo != -sympy.oo else -SCAN_RANGE
    b = min(float(hi), SCAN_RANGE) if hi != sympy.oo else SCAN_RANGE
    if lo != -sympy.oo and float(lo) >= SCAN_RANGE:
        a, b = float(lo), float(lo) + 2 * SCAN_RANGE
    if hi != sympy.oo and float(hi) <= -SCAN_RANGE:
        a, b = float(hi) - 2 * SCAN_RANGE, float(hi)
    if a >= b:
        return []
    step = float(SCAN_STEP)
    n = max(int(math.ceil((b - a) / step)), 8)
    h = (b - a) / n
    roots: list[mpmath.mpf] = []
    grid = [a + h * k for k in range(n + 1)]
    grid[0] += h * 1e-6
    grid[-1] -= h * 1e-6
    vals = [ff(t) for t in grid]
    brackets = []
    for k in range(n):
        v0, v1 = vals[k], vals[k + 1]
        if math.isnan(v0) or math.isnan(v1):
            continue
        if v0 * v1 < 0:
            brackets.append((grid[k], grid[k + 1]))
    with mpmath.workdps(DPS + 10):
        for l, r in brackets:
            if l == r:
                roots.append(mpmath.mpf(l))
                continue
            root = None
            for solver in ("anderson", "illinois", "bisect"):
                try:
                    root = mpmath.findroot(f, (mpmath.mpf(l), mpmath.mpf(r)), solver=solver)
                    break
                except (ValueError, ZeroDivisionError):
                    continue
            if root is None or not (l - h <= root <= r + h):
                continue
            # keep only a genuine root: f' vanishes there to the working precision
            if abs(f(root)) < mpmath.mpf(10) ** -(DPS - 5) * max(1, abs(f(l)), abs(f(r))):
                roots.append(root)
    return roots


@dataclass(frozen=True)
class _Root:
    at: Expr
    exact: bool


def _roots(d: Expr, var: Symbol, lo: Expr, hi: Expr) -> list[_Root]:
    """Every root of ``d`` in the open interval (lo, hi): exact where SymPy solves it, else numerical."""
    exact, complete = _exact_roots(d, var, lo, hi)
    found = [_Root(r, True) for r in exact]
    if not complete:
        for r in _scan_roots(d, var, lo, hi):
            if any(abs(float(q.at) - float(r)) < 1e-9 for q in found):
                continue
            found.append(_Root(sympy.Float(r, DIGITS), False))
    return sorted(found, key=lambda q: float(q.at))


def _sign(v: Any) -> int:
    return 0 if v == 0 else (1 if v > 0 else -1)


def _side_sign(f: Callable[[Any], Any], at: Expr, toward: Expr, roots: list[_Root]) -> int:
    """Sign of ``f`` on the open stretch between ``at`` and the next root or edge toward ``toward``."""
    a = float(at) if at not in (sympy.oo, -sympy.oo) else None
    direction = 1 if (toward == sympy.oo or (a is not None and float(toward) > a)) else -1
    if a is None:  # from an infinite end toward the first root
        a = float(toward) - direction * 1.0
        a = min(a, -1.0) if direction > 0 else max(a, 1.0)
    stops = [float(q.at) for q in roots if (float(q.at) - a) * direction > 1e-15]
    if toward not in (sympy.oo, -sympy.oo):
        stops.append(float(toward))
    nearest = min(stops, key=lambda s: abs(s - a)) if stops else a + direction * 2.0
    gap = min(abs(nearest - a), 2.0)
    with mpmath.workdps(DPS):
        base = _mpf(at) if at not in (sympy.oo, -sympy.oo) else mpmath.mpf(a)
        t = base + direction * mpmath.mpf(gap) / 2
        return _sign(f(t))


def _fmt_num(v: Expr) -> str:
    return str(v)


def _region(var: Symbol, lo: Expr, hi: Expr, lo_in: bool = False, hi_in: bool = False,
            le: str = "<=", ge: str = ">=") -> str:
    """The interval (lo, hi) of ``var`` as text, an end written closed (``le``, ``ge``) where it
    belongs to the region: ``x < 0``, ``x <= 0``, ``-1/2 < x < 1/2``, ``all x``."""
    if lo == -sympy.oo and hi == sympy.oo:
        return f"all {var}"
    if lo == -sympy.oo:
        return f"{var} {le if hi_in else '<'} {_fmt_num(hi)}"
    if hi == sympy.oo:
        return f"{var} {ge if lo_in else '>'} {_fmt_num(lo)}"
    return f"{_fmt_num(lo)} {le if lo_in else '<'} {var} {le if hi_in else '<'} {_fmt_num(hi)}"


def _activation(obj: Any) -> tuple[Expr, Symbol]:
    expr, variables = as_function(obj)
    if len(variables) != 1:
        raise GlusymError(f"expected a function of one variable, got variables {[str(v) for v in variables]}")
    return to_piecewise(expr), variables[0]


def _gate(obj: Any) -> Expr:
    r"""The gate :math:`\alpha(x_g)` of a gated unit, or of an expression :math:`\alpha(x_g)\,x_v`."""
    expr, variables = as_function(obj)
    if set(variables) != {x_g, x_v}:
        raise GlusymError("expected a gated unit f(x_g, x_v) = alpha(x_g)*x_v")
    alpha = to_piecewise(sympy.diff(expr, x_v))
    if alpha.has(x_v) or sympy.simplify(expr.xreplace({x_v: sympy.S.Zero})) != 0:
        raise GlusymError(f"{expr} is not of the gated form alpha(x_g)*x_v")
    return alpha


def _is_gated(obj: Any) -> bool:
    if isinstance(obj, Unit):
        return obj.kind == "gated"
    _, variables = as_function(obj)
    return len(variables) == 2


_CACHE: dict[tuple[Expr, int], tuple[list[CriticalPoint], list[StationarySet]]] = {}


def _analyse(obj: Any, order: int, budget: float | None) -> tuple[list[CriticalPoint], list[StationarySet]]:
    """:func:`_analyse_uncached`, remembered (extrema and stationary_sets share one analysis)."""
    expr, _ = as_function(obj)
    key = (expr, order)
    if key not in _CACHE:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = _analyse_uncached(obj, order, budget)
    return _CACHE[key]


def _analyse_uncached(obj: Any, order: int, budget: float | None) -> tuple[list[CriticalPoint], list[StationarySet]]:
    """Points where the ``order``-th derivative vanishes (order 1: classified by the sign change of
    f'; order 2: only sign changes of f''), kinks, and (order 1) flat pieces."""
    with time_budget(budget):
        expr, var = _activation(obj)
        pieces = _pieces(expr, var)
        points: list[CriticalPoint] = []
        flats: list[StationarySet] = []
        # per piece: derivative, its numeric function, its roots, whether it vanishes
        info: list[tuple[Expr, Callable[[Any], Any] | None, list[_Root], bool]] = []
        kind: str | None
        for pc in pieces:
            d = sympy.diff(pc.expr, var, order)
            if _is_zero_function(d, var):
                info.append((d, None, [], True))
                if order == 1:
                    flats.append(StationarySet(_region(var, pc.lo, pc.hi), sympy.simplify(pc.expr), (pc.lo, pc.hi)))
                continue
            roots = _roots(d, var, pc.lo, pc.hi)
            fd = _numeric(d, var)
            info.append((d, fd, roots, False))
            for k, q in enumerate(roots):
                left = _side_sign(fd, q.at, pc.lo, roots)
                right = _side_sign(fd, q.at, pc.hi, roots)
                if order == 1:
                    kind = (PointKind.MINIMUM if (left, right) == (-1, 1)
                            else PointKind.MAXIMUM if (left, right) == (1, -1) else PointKind.INFLECTION)
                else:
                    if left * right >= 0:
                        continue
                    kind = PointKind.INFLECTION
                points.append(_point(((var, q.at),), pc.expr, kind, q.exact))
        # the kinks
        for k in range(len(pieces) - 1):
            b = pieces[k].hi
            left_pc, right_pc = pieces[k], pieces[k + 1]
            (_, fl, rl, flat_l), (_, fr, rr, flat_r) = info[k], info[k + 1]
            at_kink = _kink_kind(expr, var, b, left_pc, right_pc, order, fl, rl, flat_l, fr, rr, flat_r)
            if at_kink is not None:
                value = tidy(expr.xreplace({var: b}))
                points.append(CriticalPoint(((var, b),), value, at_kink, True, kink=True))
        points.sort(key=lambda p: float(p.at[0][1]))
        return points, _merge(flats)


def _point(at: tuple[tuple[Symbol, Expr], ...], expr: Expr, kind: PointKind, exact: bool) -> CriticalPoint:
    if exact:
        plain = expr.xreplace(dict(at))
        value = tidy(plain)
        if plain.has(sympy.LambertW):  # SiLU's minimum value is -W(1/e)
            other = sympy.simplify(_lambert(elementary(plain)))
            value = other if sympy.count_ops(other) < sympy.count_ops(value) else value
        return CriticalPoint(at, value, kind, True)
    with mpmath.workdps(DPS):
        subs = {v: sympy.Float(c, DPS) for v, c in at}
        value = sympy.Float(sympy.N(elementary(expr).xreplace(subs), DPS), DIGITS)
    return CriticalPoint(at, value, kind, False)


def _lambert(e: Expr) -> Expr:
    r"""Rewrite :math:`e^{a + W(z)} = e^a z / W(z)`, which SymPy does not do by itself (SiLU's minimum
    value then simplifies to :math:`-W(1/e)`)."""
    if not e.has(sympy.LambertW):
        return e
    e = sympy.expand_power_exp(e)
    e = e.replace(lambda a: isinstance(a, sympy.exp) and isinstance(a.args[0], sympy.Add),
                  lambda a: sympy.Mul(*[sympy.exp(t) for t in a.args[0].args]))
    return e.replace(lambda a: isinstance(a, sympy.exp) and isinstance(a.args[0], sympy.LambertW),
                     lambda a: a.args[0].args[0] / a.args[0])


def _kink_kind(expr: Expr, var: Symbol, b: Expr, left_pc: _Piece, right_pc: _Piece, order: int,
               fl: Any, rl: list[_Root], flat_l: bool, fr: Any, rr: list[_Root], flat_r: bool) -> PointKind | None:
    fb = _mpf(expr.xreplace({var: b}))
    lim_l, lim_r = _mpf(left_pc.expr.xreplace({var: b})), _mpf(right_pc.expr.xreplace({var: b}))
    tol = mpmath.mpf(10) ** -(DPS - 8)
    cont_l, cont_r = abs(lim_l - fb) < tol, abs(lim_r - fb) < tol
    if order == 2:
        if not (cont_l and cont_r) or flat_l or flat_r:
            return None
        d1l = _mpf(sympy.diff(left_pc.expr, var).xreplace({var: b}))
        d1r = _mpf(sympy.diff(right_pc.expr, var).xreplace({var: b}))
        if abs(d1l - d1r) > tol:
            return None
        sl = _side_sign(fl, b, left_pc.lo, rl)
        sr = _side_sign(fr, b, right_pc.hi, rr)
        return PointKind.INFLECTION if sl * sr < 0 else None
    # order 1: sign of f(x) - f(b) on each side
    if cont_l:
        sl = 0 if flat_l else -_side_sign(fl, b, left_pc.lo, rl)
    else:
        sl = _sign(lim_l - fb)
    if cont_r:
        sr = 0 if flat_r else _side_sign(fr, b, right_pc.hi, rr)
    else:
        sr = _sign(lim_r - fb)
    if sl > 0 and sr > 0:
        return PointKind.MINIMUM
    if sl < 0 and sr < 0:
        return PointKind.MAXIMUM
    return None


def _merge(flats: list[StationarySet]) -> list[StationarySet]:
    return flats


# ---------------------------------------------------------------------------------------------
# the verbs


def extrema(obj: Analysable, budget: float | None = 10.0) -> Points:
    r"""The isolated stationary points of an activation, :math:`f'(x) = 0`, classified by the sign
    change of :math:`f'`, and its kinks that are strict local extrema; for a gated unit, its
    critical points (:func:`critical_points`).

    Exact where SymPy solves :math:`f'(x) = 0` (SiLU: :math:`x = -1 - W(1/e)`), else found with
    mpmath at 40 digits and reported to 30 (GELU). Flat pieces are :func:`stationary_sets`.

    >>> import glusym
    >>> from glusym.analysis.extrema import extrema
    >>> extrema(glusym.get("silu"))[0].at
    ((x, -1 - LambertW(exp(-1))),)
    >>> p = extrema(glusym.get("gelu"))[0]
    >>> p.kind, p.exact, p.at[0][1]
    (<PointKind.MINIMUM: 'minimum'>, False, -0.751791524693564457457904946780)
    >>> [(p.kind, p.at[0][1], p.value) for p in extrema(glusym.get("hardswish"))]
    [(<PointKind.MINIMUM: 'minimum'>, -3/2, -3/8)]
    >>> extrema(glusym.get("relu"))
    Points(extrema of relu: none)
    """
    validate_budget(budget)
    if _is_gated(obj):
        return critical_points(obj, budget)
    points, _ = _analyse(obj, 1, budget)
    return Points(points, "extrema", _named(obj))


def inflections(obj: Analysable, budget: float | None = 10.0) -> Points:
    r"""The inflection points of an activation: where :math:`f''` changes sign.

    GELU's are exact, :math:`x = \pm\sqrt 2`, from :math:`f''(x) = (2 - x^2)\,\varphi(x)`.

    >>> import glusym
    >>> from glusym.analysis.extrema import inflections
    >>> [p.at[0][1] for p in inflections(glusym.get("gelu"))]
    [-sqrt(2), sqrt(2)]
    >>> [(p.at[0][1], p.kink) for p in inflections(glusym.get("softsign"))]
    [(0, True)]
    """
    validate_budget(budget)
    if _is_gated(obj):
        raise GlusymError("inflections takes an activation; a gated unit has critical points")
    points, _ = _analyse(obj, 2, budget)
    return Points(points, "inflections", _named(obj))


def stationary_sets(obj: Analysable, budget: float | None = 10.0) -> Points:
    r"""The regions where the gradient vanishes identically (the unit is constant there).

    >>> import glusym
    >>> from glusym.analysis.extrema import stationary_sets
    >>> stationary_sets(glusym.get("relu6"))
    Points(flat pieces of relu6: f = 0 on x < 0; f = 6 on x > 6)
    >>> stationary_sets(glusym.get("reglu"))[0]
    StationarySet(f = 0 on x_g < 0)
    """
    validate_budget(budget)
    if _is_gated(obj):
        _, sets = _gated(obj, budget)
        return Points(sets, "flat pieces", _named(obj))
    _, sets = _analyse(obj, 1, budget)
    return Points(sets, "flat pieces", _named(obj))


def _gated(obj: Any, budget: float | None) -> tuple[list[CriticalPoint], list[StationarySet]]:
    with time_budget(budget):
        alpha = _gate(obj)
        f = alpha * x_v
        pieces = _pieces(alpha, x_g)
        points: list[CriticalPoint] = []
        sets: list[StationarySet] = []
        zero = []
        for pc in pieces:
            if _is_zero_function(pc.expr, x_g):
                zero.append(True)
                sets.append(StationarySet(_region(x_g, pc.lo, pc.hi), sympy.S.Zero))
                continue
            zero.append(False)
            d1 = sympy.diff(pc.expr, x_g)
            for q in _roots(pc.expr, x_g, pc.lo, pc.hi):
                slope = d1.xreplace({x_g: q.at})
                slope_v = _mpf(slope)
                if abs(slope_v) < mpmath.mpf(10) ** -(DPS - 8):
                    sets.append(StationarySet(f"x_g = {q.at}", sympy.S.Zero))
                    continue
                at = ((x_g, q.at), (x_v, sympy.S.Zero))
                kind = _hessian_kind(pc.expr * x_v, at)
                points.append(CriticalPoint(at, sympy.S.Zero, kind, q.exact))
        for k in range(len(pieces) - 1):
            b = pieces[k].hi
            if zero[k] and zero[k + 1]:
                continue
            vals = [_mpf(e.xreplace({x_g: b})) for e in (alpha, pieces[k].expr, pieces[k + 1].expr)]
            if all(abs(v) < mpmath.mpf(10) ** -(DPS - 8) for v in vals):
                # f = O(|x_g - b| |x_v|) near (b, 0): differentiable there, gradient 0; f takes both
                # signs around it (x_v of either sign where the gate is nonzero): a saddle
                points.append(CriticalPoint(((x_g, b), (x_v, sympy.S.Zero)), sympy.S.Zero, PointKind.SADDLE, True,
                                            kink=True))
        del f
        points.sort(key=lambda p: float(p.at[0][1]))
        return points, sets


def _hessian_kind(f: Expr, at: tuple[tuple[Symbol, Expr], ...]) -> PointKind:
    subs = dict(at)
    h = sympy.hessian(f, [x_g, x_v]).xreplace(subs)
    det = sympy.simplify(elementary(h.det()))
    tr = sympy.simplify(elementary(h.trace()))
    dv, tv = _mpf(det), _mpf(tr)
    tol = mpmath.mpf(10) ** -(DIGITS - 5)
    if dv < -tol:
        return PointKind.SADDLE
    if dv > tol:
        return PointKind.MINIMUM if tv > 0 else PointKind.MAXIMUM
    return PointKind.DEGENERATE


def critical_points(unit: Any, budget: float | None = 10.0) -> Points:
    r"""The critical points of a gated unit :math:`f = \alpha(x_g)\,x_v`, where
    :math:`\nabla f = (\alpha'(x_g)\,x_v,\ \alpha(x_g)) = 0`, classified by the Hessian
    (determinant :math:`-\alpha'(x_g)^2 < 0`: a saddle).

    >>> import glusym
    >>> from glusym.analysis.extrema import critical_points
    >>> critical_points(glusym.get("swiglu"))
    Points(critical points of swiglu: saddle at (x_g, x_v) = (0, 0), value = 0)
    >>> critical_points(glusym.get("glu"))
    Points(critical points of glu: none)
    """
    validate_budget(budget)
    if not _is_gated(unit):
        raise GlusymError("critical_points takes a gated unit; for an activation use extrema")
    points, _ = _gated(unit, budget)
    return Points(points, "critical points", _named(unit))


def level_set(unit: Any, c: Symbol | Expr = Symbol("c", real=True)) -> LevelSet:
    r"""The level set :math:`f(x_g, x_v) = c` of a gated unit, solved for the value input:
    :math:`x_v = c / \alpha(x_g)` wherever the gate :math:`\alpha(x_g) \ne 0`.

    >>> import glusym
    >>> from glusym.analysis.extrema import level_set
    >>> level_set(glusym.get("swiglu"))
    LevelSet(f = c: x_v = c/(x_g·σ(x_g)) where swish(x_g) != 0, i.e. x_g != 0)
    >>> level_set(glusym.get("swiglu"), 0).zero_set  # f = 0 also on the axis x_g = 0
    'x_g = 0'
    >>> level_set(glusym.get("reglu")).solution
    c/x_g
    """
    if not _is_gated(unit):
        raise GlusymError("level_set takes a gated unit f(x_g, x_v) = alpha(x_g)*x_v")
    c = to_sympy(c, "the level c of level_set")
    alpha = _gate(unit)
    name = unit.gate.name if isinstance(unit, Unit) and unit.gate is not None else f"({alpha})"
    pieces = _pieces(alpha, x_g)
    live = [pc for pc in pieces if not _is_zero_function(pc.expr, x_g)]
    zeros: list[str] = []
    for pc in live:
        zeros += [str(q.at) for q in _roots(pc.expr, x_g, pc.lo, pc.hi)]
    if len(live) == 1 and len(pieces) > 1:
        pc = live[0]
        solution = c / pc.expr
        where = _region(x_g, pc.lo, pc.hi) + "".join(f", x_g != {z}" for z in zeros)
    else:
        solution = c / alpha
        if len(live) == len(pieces) and len(pieces) == 1:
            where = ", ".join(f"x_g != {z}" for z in zeros) or "every x_g"
        else:
            where = "where the gate is nonzero"
    zero_set = None
    if c == 0:  # f = 0 also wherever the gate vanishes: x_g = 0 for SwiGLU, the half-plane x_g <= 0 for ReGLU
        parts = []
        for pc in pieces:
            if _is_zero_function(pc.expr, x_g):
                lo_in = pc.lo.is_finite and sympy.simplify(alpha.xreplace({x_g: pc.lo})) == 0
                hi_in = pc.hi.is_finite and sympy.simplify(alpha.xreplace({x_g: pc.hi})) == 0
                parts.append(_region(x_g, pc.lo, pc.hi, lo_in, hi_in))
        parts += [f"x_g = {z}" for z in zeros]
        for pc_left, pc_right in zip(pieces, pieces[1:]):  # a root exactly at a boundary (ReLU's 0)
            b = pc_left.hi
            if sympy.simplify(alpha.xreplace({x_g: b})) == 0 and not any(str(b) in p for p in parts):
                parts.append(f"x_g = {b}")
        zero_set = " or ".join(parts) if parts else "empty (the gate has no zero)"
    return LevelSet(c, solution, f"{name}(x_g) != 0, i.e. {where}", zero_set)


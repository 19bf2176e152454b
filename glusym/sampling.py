r"""Where to look, and how closely: the points that cover an expression, and a difference of two
values compared at rising precision.

The checker's numerical test must not be fooled by a fixed window. :func:`cover` places points

* on both sides of every breakpoint of every ``Piecewise``, ``Min``, ``Max``, ``Abs``,
  ``Heaviside``, ``sign`` and comparison, wherever it lies (20, 1000, 10⁶), inside every interval
  between breakpoints and far beyond the largest;
* where each exponential, error function, logarithm or fractional power changes: the points at
  which its argument ``u`` is 0, ±1, ±4, ±16, ±40 (so :math:`x \sim 1/\beta` for
  :math:`\sigma(\beta x)`, and :math:`3 \pm 10^{-3}` for :math:`e^{-10^6 (x-3)^2}`), and the
  stationary points of ``u``;
* at the roots and stationary points of every polynomial part;
* at both signs of a spread of scales, :math:`0.1 \dots 10`, and far out, up to
  :math:`|x| = 10^6`;

for every variable, the others held at a few values. :func:`compare` then evaluates the two sides
at a rising precision, starting from :func:`start_digits` (30 digits plus the span of the exact
numbers of the formula: :math:`10^{-70}` asks for 100): a difference that stays the same while the
precision doubles is real; one that shrinks as rounding does is rounding. There is no fixed floor.

>>> from sympy import Symbol, Max
>>> x = Symbol("x", real=True)
>>> pts, where = cover([Max(x, -12)], [x])
>>> sorted({round(float(p["x"]), 5) for p in pts if -16 < p["x"] < -8})
[-15.6, -12.12, -12.00001, -11.99999, -11.88, -10.60292, -8.4]
>>> where
'34 points, |x| from 0.1 to 1e+06, both sides of 1 breakpoint(s)'
>>> start_digits([x + sympy.Rational(1, 10**70)])
100
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import mpmath
import numpy as np
import numpy.typing as npt
import sympy
from sympy import Expr, Piecewise, Symbol
from sympy.core.relational import Relational

from .analysis._common import _relationals, to_piecewise
from .functions import elementary

__all__ = ["Comparison", "admissible", "beyond", "compare", "cover", "digits_at", "exact_point", "start_digits"]

#: the spread of ordinary scales (each jittered), and the far points, on both signs
SCALES = (0.1, 0.3, 0.7, 1.3, 2.9, 6.1, 9.7)
FAR = (31.0, 170.0, 1.0e3, 1.1e4, 1.0e6)
#: the values of a transcendental function's argument at which its behaviour changes
TURNS = (0.0, 1.0, -1.0, 4.0, -4.0, 16.0, -16.0, 40.0, -40.0)
#: the highest precision (decimal digits) compare climbs to, and the most points cover returns
MAX_DIGITS = 1200
#: the highest starting precision: a formula's numbers of up to 3,000 digits are seen whole
MAX_START = 3000
MAX_POINTS = 400

_TRANSCENDENTAL = (sympy.exp, sympy.log, sympy.erf, sympy.erfc, sympy.tanh, sympy.sinh, sympy.cosh,
                   sympy.atan, sympy.sin, sympy.cos, sympy.asinh, sympy.gamma, sympy.loggamma)


# ---------------------------------------------------------------------------------------------
# precision


def start_digits(exprs: Sequence[Any], cap: bool = True) -> int:
    r"""The precision to start at: 30 digits, plus the decimal span of the formula's exact numbers
    (:math:`10^{-70}` and :math:`10^{70}` add 70) and of its exponentials of constants
    (:math:`e^{-x^2-200}` adds 87) and of its other constant parts (:math:`\Phi(-100)` adds
    2175), so that a difference that small is seen, not rounded away; at most :data:`MAX_START`
    unless ``cap`` is False.

    >>> from sympy import Symbol, exp, Rational
    >>> x = Symbol("x")
    >>> start_digits([x + 1]), start_digits([exp(-x**2 - 200)]), start_digits([Rational(1, 2)])
    (30, 117, 31)
    """
    span = 0.0
    for e in exprs:
        if not isinstance(e, sympy.Basic):
            continue
        for r in e.atoms(sympy.Rational):
            for part in (r.p, r.q):
                if part:
                    span = max(span, math.log10(abs(part)) if abs(part) < 10**300 else len(str(abs(part))))
        for f in e.atoms(sympy.exp):
            c, _ = f.args[0].as_coeff_Add()
            if c.is_number and c.is_real:
                span = max(span, abs(float(c)) / math.log(10))
        span = max(span, _constant_span(e))
    return 30 + (min(int(math.ceil(span)), MAX_START - 30) if cap else int(math.ceil(span)))


def _constant_span(e: sympy.Basic) -> float:
    """The decimal size of the formula's constant parts that are not plain numbers: Φ(−100) is
    10⁻²¹⁷⁴, 1 − erf(100) is 10⁻⁴³⁴⁶. Each is measured by mpmath (whose exponents have no bound)
    with erf written through erfc, so that 1 − erf(z) is not a cancellation."""
    from .evaluate import mpmath_function

    span = 0.0
    try:
        form = elementary(e)
    except Exception:  # noqa: BLE001 - a form that cannot be rewritten is measured as is
        form = e
    for node in sympy.preorder_traversal(form):
        if not isinstance(node, sympy.Basic) or node.free_symbols or node.is_Rational or not node.args:
            continue
        if not isinstance(node, (sympy.Function, sympy.Add, sympy.Mul, sympy.Pow)):
            continue
        try:
            f = mpmath_function(node.rewrite(sympy.erfc), [])
            with mpmath.workdps(20):
                v = f()
                if isinstance(v, mpmath.mpf) and v != 0 and mpmath.isfinite(v):
                    span = max(span, abs(float(mpmath.log10(abs(v)))))
        except Exception:  # noqa: BLE001 - a part that cannot be measured adds nothing
            continue
    return span


@dataclass(frozen=True)
class Comparison:
    """The two sides at a point: ``state`` is ``equal``, ``differ``, ``undefined`` (a side has no
    real value there) or ``unsettled`` (neither shown equal nor shown different up to
    :data:`MAX_DIGITS`); ``digits`` the highest precision used."""

    state: str
    lhs: Any = None
    rhs: Any = None
    digits: int = 0


def _at(f: Callable[..., Any], names: Sequence[str], pt: dict[str, Any], dps: int) -> Any:
    with mpmath.workdps(dps):
        try:
            v = f(*[pt[n] for n in names])
        except (ZeroDivisionError, ValueError, OverflowError, TypeError, MemoryError):
            return None
        if v is None or isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
            return None
        return +v


def compare(fl: Callable[..., Any], nl: Sequence[str], fr: Callable[..., Any], nr: Sequence[str],
            pt: dict[str, Any], digits: int) -> Comparison:
    r"""Compare two compiled sides at a point, doubling the precision from ``digits``.

    A difference d that is the same (to 6 digits) at two precisions is real: ``differ``. One that
    shrinks as rounding does (by the factor the precision rose, within 10³) is rounding:
    ``equal``. Anything else climbs on, to :data:`MAX_DIGITS` at most, then is ``unsettled``.

    >>> import mpmath
    >>> one = lambda: mpmath.mpf(1) / 3 * 3
    >>> tiny = lambda: mpmath.mpf(1) + mpmath.mpf(10) ** -70
    >>> compare(one, [], lambda: mpmath.mpf(1), [], {}, 30).state
    'equal'
    >>> compare(tiny, [], lambda: mpmath.mpf(1), [], {}, 100).state
    'differ'

    Two exact zeros in a row are ``equal``: a difference below the starting precision is not
    seen, which is why the start follows the formula's numbers (:func:`start_digits`).

    >>> compare(tiny, [], lambda: mpmath.mpf(1), [], {}, 30).state
    'equal'
    """
    prev: Any = None
    prev_dps = 0
    start = min(max(digits, 15), MAX_START)
    top = max(MAX_DIGITS, 2 * start)
    levels = [start]
    while len(levels) < 4 and levels[-1] < top:
        levels.append(min(2 * levels[-1], top))
    for dps in levels:
        a, b = _at(fl, nl, pt, dps), _at(fr, nr, pt, dps)
        if a is None or b is None:
            return Comparison("undefined", a, b, dps)
        with mpmath.workdps(dps + 10):
            d = a - b
        if prev is not None:
            if d == 0 and prev == 0:
                return Comparison("equal", a, b, dps)
            if d != 0 and prev != 0 and abs(d - prev) <= mpmath.mpf(10) ** -6 * abs(d):
                if (a == 0 or b == 0) and abs(d) < mpmath.mpf(10) ** -(prev_dps // 2):
                    # one side exactly 0 beside a tiny other: a cancellation mpmath cannot see
                    return Comparison("unsettled", a, b, dps)
                return Comparison("differ", a, b, dps)
            noise = abs(prev) * mpmath.mpf(10) ** (prev_dps - dps)
            if d == 0 or abs(d) <= 1000 * noise:
                return Comparison("equal", a, b, dps)
        prev, prev_dps = d, dps
    return Comparison("unsettled", None, None, prev_dps)


def _magnitudes(expr: Expr) -> list[Expr]:
    """The natural logarithms of the sizes an expression's exponentials can reach: |u| for
    e^u, z² for erf(z) and erfc(z), 2|u| for tanh, sinh, cosh, |q log b| for b^q with q variable."""
    out: list[Expr] = []
    for node in sympy.preorder_traversal(expr):
        if not isinstance(node, sympy.Basic) or not node.free_symbols or not node.args:
            continue
        if isinstance(node, sympy.exp):
            out.append(sympy.Abs(node.args[0]))
        elif isinstance(node, (sympy.erf, sympy.erfc)):
            out.append(node.args[0] ** 2)
        elif isinstance(node, (sympy.tanh, sympy.sinh, sympy.cosh)):
            out.append(2 * sympy.Abs(node.args[0]))
        elif isinstance(node, sympy.Pow) and node.exp.free_symbols:
            out.append(sympy.Abs(node.exp * sympy.log(sympy.Abs(node.base))))
    return out


def digits_at(exprs: Sequence[Any], syms: Sequence[Symbol]) -> Callable[[dict[str, Any]], int]:
    r"""The digits a point needs beyond the start: the decimal size of the largest exponential
    there (1 + e^{-1000} beside 1 needs 435 digits to show; Φ(-31) written with erf cancels in its
    first 209), up to half of :data:`MAX_DIGITS`. A point that needs that cap (:func:`beyond`)
    is one where no precision reached resolves the formula: a difference seen there is not
    evidence (1 − Φ(170) is 0 at 600 digits, and 1 + e^{-10^6} is 1 at any).

    >>> from sympy import Symbol, exp
    >>> x = Symbol("x")
    >>> need = digits_at([exp(x)], [x])
    >>> need({"x": 1000}), need({"x": 1.0}), need({"x": 1e9})
    (435, 1, 600)
    """
    from .analysis._common import lambdify

    terms = []
    for e in exprs:
        if isinstance(e, sympy.Basic):
            try:
                terms.extend(_magnitudes(elementary(to_piecewise(e))))
            except Exception:  # noqa: BLE001 - no magnitude, no extra digits
                pass
    if not terms:
        return lambda pt: 0
    try:
        f = lambdify(list(syms), sympy.Tuple(*terms), modules="math")
    except Exception:  # noqa: BLE001
        return lambda pt: 0
    names = [s.name for s in syms]

    def need(pt: dict[str, Any]) -> int:
        try:
            vals = f(*[float(pt[n]) for n in names])
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            return MAX_DIGITS // 2
        big = max((abs(float(v)) for v in vals), default=0.0)
        if not math.isfinite(big):
            return MAX_DIGITS // 2
        return min(int(math.ceil(big / math.log(10))), MAX_DIGITS // 2)

    return need


def beyond(need: int) -> bool:
    """Whether a point's digits (:func:`digits_at`) reached the cap: its exponentials are beyond
    what :data:`MAX_DIGITS` resolves, so neither an agreement nor a difference there is evidence.

    >>> from sympy import Symbol, exp
    >>> x = Symbol("x")
    >>> beyond(digits_at([exp(x)], [x])({"x": 1e6})), beyond(digits_at([exp(x)], [x])({"x": 10.0}))
    (True, False)
    """
    return need >= MAX_DIGITS // 2


def exact_point(pt: dict[str, Any]) -> dict[str, sympy.Rational]:
    """A point of mpmath numbers as exact rationals (their binary values).

    >>> exact_point({"x": mpmath.mpf(-0.75), "y": mpmath.mpf(0)})
    {'x': -3/4, 'y': 0}
    """
    out = {}
    for name, v in pt.items():
        sign, man, exp, _ = mpmath.mpf(v)._mpf_
        out[name] = (-1) ** int(sign) * sympy.Rational(int(man)) * sympy.Rational(2) ** int(exp)
    return out


# ---------------------------------------------------------------------------------------------
# where to look


#: where a root of a function that is not a polynomial is looked for: a sign change between two
#: neighbours of this grid (both signs, 10^-6 to 10^6, 60 points a decade), then bisection
_GRID = sorted({s * 10 ** (k / 60) for k in range(-360, 361) for s in (1, -1)} | {0.0})


@functools.lru_cache(maxsize=512)
def _compiled_math(e: Expr, v: Symbol) -> Callable[[float], Any] | None:
    """e as a function of v on floats (the same expression is scanned on several windows: compiled once)."""
    from .analysis._common import lambdify

    try:
        return lambdify([v], e, modules="math")
    except Exception:  # noqa: BLE001 - a function that cannot be compiled is not scanned
        return None


def _scanned_roots(e: Expr, v: Symbol, grid: Sequence[float] | None = None) -> list[float]:
    """The sign changes of a function of v that is not a polynomial, on :data:`_GRID` (or the
    given grid), bisected; the 24 nearest 0."""
    f = _compiled_math(e, v)
    if f is None:
        return []

    def at(t: float) -> float | None:
        try:
            y = float(f(t))
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            return None
        return y if math.isfinite(y) else None

    changes: list[tuple[float, float, float]] = []
    prev_t, prev_y = None, None
    for t in (_GRID if grid is None else grid):
        y = at(t)
        if y is not None and prev_y is not None and prev_t is not None and (y == 0 or (y > 0) != (prev_y > 0)):
            changes.append((prev_t, t, prev_y))
        prev_t, prev_y = t, y
    changes.sort(key=lambda c: min(abs(c[0]), abs(c[1])))  # the roots nearest 0 first
    out: list[float] = []
    for lo, hi, ylo in changes[:24]:
        for _ in range(60):
            mid = (lo + hi) / 2
            ym = at(mid)
            if ym is None:
                break
            if (ym > 0) == (ylo > 0):
                lo, ylo = mid, ym
            else:
                hi = mid
        out.append((lo + hi) / 2)
    return out


def _roots_of(e: Expr, v: Symbol) -> list[float]:
    """The real roots of a polynomial (or a rational function's numerator) in v, as floats; of any
    other function of v, its sign changes on a grid (:func:`_scanned_roots`)."""
    try:
        num, _ = sympy.together(e).as_numer_denom()
        if not num.has(v):
            return []
        if not num.is_polynomial(v):
            return _scanned_roots(num, v) if num.free_symbols == {v} else []
        poly = sympy.Poly(num, v)
        if poly.degree() > 12 or poly.degree() < 1:
            return []
        coeffs = [complex(c) for c in poly.all_coeffs()]
    except (sympy.PolynomialError, TypeError, ValueError, OverflowError, ZeroDivisionError):
        return []
    if any(not math.isfinite(abs(c)) for c in coeffs):
        return []
    with np.errstate(all="ignore"):
        roots = np.roots(coeffs)
    return [float(r.real) for r in roots
            if math.isfinite(r.real) and abs(r.imag) <= 1e-6 * max(1.0, abs(r.real))]


def _nodes(e: Expr) -> list[Expr]:
    return list(sympy.preorder_traversal(e))


def _features(expr: Expr, v: Symbol) -> tuple[set[float], set[float]]:
    """(breakpoints, turning values) of one variable in an expression of it alone. The turning
    values of functions that are not polynomials are also looked for on a fine grid inside every
    interval between breakpoints and beyond the largest (sin x > 0.99999 with x > 100)."""
    kinks: set[float] = set()
    turns: set[float] = set()
    sought: list[Expr] = []

    def _real_roots(e: Expr, w: Symbol) -> list[float]:
        sought.append(e)
        return _roots_of(e, w)

    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            for rel in _relationals(cond):
                if rel.has(v):
                    kinks.update(_real_roots(rel.lhs - rel.rhs, v))
                    # where a condition only touches its boundary (sin x < 0.99999 fails near π/2)
                    turns.update(_real_roots(sympy.diff(rel.lhs - rel.rhs, v), v))
    for node in _nodes(expr):
        if not isinstance(node, sympy.Basic) or not node.has(v):
            continue
        if isinstance(node, _TRANSCENDENTAL) and node.args:
            u = node.args[0]
            for c in TURNS:
                turns.update(_real_roots(u - c, v))
            turns.update(_real_roots(sympy.diff(u, v), v))
        elif isinstance(node, sympy.Pow):
            b, q = node.args
            if q.has(v):  # a^u: as e^{u log a}
                for c in TURNS:
                    turns.update(_real_roots(q - c, v))
            if not (q.is_Integer and q > 0):  # a root, a pole, a fractional power
                turns.update(_real_roots(b, v))
                turns.update(_real_roots(b - 1, v))
        elif isinstance(node, sympy.Add):
            turns.update(_real_roots(node, v))
            turns.update(_real_roots(sympy.diff(node, v), v))
    ks = sorted(k for k in kinks if abs(k) < 1e15)
    if ks:
        big = max(abs(k) for k in ks)
        windows = list(zip(ks, ks[1:])) + [(ks[-1], 3 * big + 10), (-3 * big - 10, ks[0])]
        targets = [e for e in sought if e.free_symbols == {v} and not _polynomial_part(e, v)]
        for e in targets[:12]:
            for lo, hi in windows[:8]:
                grid = [lo + (hi - lo) * k / 400 for k in range(401)]
                turns.update(_scanned_roots(e, v, grid))
    return kinks, turns


def _polynomial_part(e: Expr, v: Symbol) -> bool:
    """Whether the numerator of e is a polynomial in v (its roots are then found exactly)."""
    try:
        num, _ = sympy.together(e).as_numer_denom()
        return bool(num.is_polynomial(v))
    except (sympy.PolynomialError, TypeError, ValueError):
        return True


class _Candidates(NamedTuple):
    """The values one variable is sampled at: special (breakpoints' sides, turns, roots), ordinary
    (the spread of scales), far (beyond every breakpoint and out to 10⁶, both signs); and how many
    breakpoints were found."""

    special: list[float]
    ordinary: list[float]
    far: list[float]
    kinks: int
    turns: tuple[float, ...] = ()


def _values(expr: Expr, v: Symbol, rng: random.Random) -> _Candidates:
    """The candidate values of one variable in an expression of it alone."""
    kinks, turns = _features(expr, v)
    kinks = {k for k in kinks if abs(k) < 1e15}
    special: set[float] = set()
    for t in turns:
        if abs(t) < 1e15:
            special.add(t)
    ks = sorted(kinks)
    for k in ks:
        s = max(1.0, abs(k))
        for r in (1e-6, 0.01, 0.3):
            special.update((k - r * s, k + r * s))
    for a, b in zip(ks, ks[1:]):
        special.update(a + (b - a) * f for f in (0.1, 0.5, 0.9))
    far = [1.0e3, -1.0e3, 1.0e6, -1.0e6]
    if ks:
        big = max(abs(k) for k in ks)
        beyond = (2 * big + 1, -(2 * big + 1), 10 * big + 3, -(10 * big + 3))
        special.update(beyond)
        far.extend(beyond)
    special -= set(kinks)  # on a kink itself the value is a convention
    ordinary: list[float] = []
    for s in SCALES:
        j = 1 + rng.random() / 7
        ordinary.extend((s * j, -s * j))
    ordinary.extend(f * k for f in FAR for k in (1, -1))
    ordinary = [o * (1 + 3e-7) if o in kinks else o for o in ordinary]  # never on a kink
    far = [o * (1 + 3e-7) if o in kinks else o for o in far]
    return _Candidates(sorted(special), ordinary, far, len(kinks),
                       tuple(sorted(t for t in turns if abs(t) < 1e15 and t not in kinks)))


#: how many of a variable's special points are refined (the others' special values found again
#: with that variable held there)
REFINED = 8


def _refined(whole: Expr, syms: list[Symbol], found: dict[Symbol, list[dict[Symbol, Any]]],
             per_var: dict[Symbol, _Candidates], rng: random.Random) -> list[dict[Symbol, Any]]:
    """A second round for several variables: at some special points of each variable (and its
    far values), every other variable's special values are found again with the first held
    there. A bump at (3, 5), a band |x_g + 2x_v| < 1 far out, sin(x_g) sin(x_v) near 1: each
    needs both coordinates at once."""
    out: list[dict[Symbol, Any]] = []
    for v in syms:
        seeds = found[v] if len(found[v]) <= REFINED else rng.sample(found[v], REFINED)
        seeds = seeds + [{**{s: sympy.Rational(7, 10) for s in syms if s != v}, v: f}
                         for f in per_var[v].far[:4]]
        for anchor in seeds:
            for w in syms:
                if w == v:
                    continue
                fixed = {s: val for s, val in anchor.items() if s != w}
                fixed = {s: sympy.Rational(val) if isinstance(val, float) else val for s, val in fixed.items()}
                try:
                    c = _values(whole.xreplace(fixed), w, rng)
                except Exception:  # noqa: BLE001 - a feature that cannot be located is not sampled
                    continue
                out.extend({**anchor, w: val} for val in c.special[:24])
    return out


#: A margin: negative exactly where a condition holds, at a point given as a NumPy array (as
#: ``scipy.optimize.minimize`` passes it).
_Margin = Callable[[npt.NDArray[np.float64]], float]


def _margin(cond: Any, syms: list[Symbol]) -> _Margin | None:
    """A function that is negative exactly where ``cond`` holds (for a strict relation): lhs − rhs
    for <, its opposite for >, the larger of two margins for And, the smaller for Or."""
    from sympy.logic.boolalg import ITE, And, Not, Or

    from .analysis._common import lambdify

    if isinstance(cond, Relational):
        try:
            g = lambdify(syms, cond.lhs - cond.rhs, modules="math")
        except Exception:  # noqa: BLE001 - a condition that cannot be compiled is not searched
            return None
        sign = -1.0 if isinstance(cond, (sympy.StrictGreaterThan, sympy.GreaterThan)) else 1.0
        if isinstance(cond, (sympy.Eq, sympy.Ne)):
            sign = 0.0

        def rel(p: npt.NDArray[np.float64]) -> float:
            try:
                y = float(g(*[float(t) for t in p]))
            except (OverflowError, ValueError, ZeroDivisionError, TypeError):
                return 1e300
            if not math.isfinite(y):
                return 1e300
            return sign * y if sign else abs(y)

        return rel
    parts = [_margin(a, syms) for a in getattr(cond, "args", ())]
    if not parts or any(m is None for m in parts):
        return None
    ms = [m for m in parts if m is not None]
    if isinstance(cond, And):
        return lambda p: max(m(p) for m in ms)
    if isinstance(cond, Or):
        return lambda p: min(m(p) for m in ms)
    if isinstance(cond, Not) and len(ms) == 1:
        return lambda p: -ms[0](p)
    if isinstance(cond, ITE) and len(ms) == 3:  # (a and b) or (not a and c)
        a, b, c = ms
        return lambda p: min(max(a(p), b(p)), max(-a(p), c(p)))
    return None


def _minimised(whole: Expr, syms: list[Symbol], found: dict[Symbol, list[dict[Symbol, Any]]],
               rng: random.Random) -> list[dict[Symbol, Any]]:
    """Points inside the regions a condition in several variables cuts out along a curve
    ((5x_g - x_v²)² + (x_v - 5)² < 10⁻⁴, |x_g − x_v²| < 1 with 37 < x_v < 38): from some special
    points, the margin of each branch's condition (negative where it holds) and of its negation
    is minimised by Nelder–Mead."""
    from scipy.optimize import minimize

    conds = {c for pw in whole.atoms(Piecewise) for _, c in pw.args
             if isinstance(c, sympy.Basic) and len(c.free_symbols) > 1}
    if not conds:
        return []
    starts = [[float(a.get(s, 0.7)) for s in syms] for v in syms for a in found[v]]
    starts = rng.sample(starts, min(len(starts), 16)) + [[0.7] * len(syms), [-1.9] * len(syms)]
    out: list[dict[Symbol, Any]] = []
    for cond in list(conds)[:6]:
        for m in (_margin(cond, syms), _margin(sympy.Not(cond), syms)):
            if m is None:
                continue
            def inside(intermediate_result: Any) -> None:
                # a point inside is what is sought: a margin unbounded below (x > lambda, linear in
                # both) is not followed for 800 steps
                if intermediate_result.fun < -1e-9:
                    raise StopIteration

            for start in starts:
                try:
                    res = minimize(m, start, method="Nelder-Mead", callback=inside,
                                   options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 800})
                except Exception:  # noqa: BLE001 - a search that fails finds nothing
                    continue
                if res.fun < 0 and all(math.isfinite(t) and abs(t) < 1e12 for t in res.x):
                    out.append(dict(zip(syms, (float(t) for t in res.x))))
    return out


def admissible(s: Symbol, value: Any) -> bool:
    """Whether ``value`` is a value the symbol's SymPy assumptions allow (a positive parameter
    α of ELU is never sampled at −1.9).

    >>> admissible(Symbol("alpha", positive=True), -1.9), admissible(Symbol("x", real=True), -1.9)
    (False, True)
    """
    if s.is_positive:
        return bool(value > 0)
    if s.is_nonnegative:
        return bool(value >= 0)
    if s.is_negative:
        return bool(value < 0)
    if s.is_nonpositive:
        return bool(value <= 0)
    return True


def _into(s: Symbol, value: Any) -> Any:
    """A base value moved into the symbol's sign (0.7 for a positive symbol at 0)."""
    if admissible(s, value):
        return value
    if s.is_nonnegative or s.is_positive:
        v = abs(value)
        return v if admissible(s, v) else sympy.Rational(7, 10)
    v = -abs(value)
    return v if admissible(s, v) else sympy.Rational(-7, 10)


def cover(exprs: Sequence[Any], syms: Sequence[Symbol], seed: int = 1,
          limit: int = MAX_POINTS) -> tuple[list[dict[str, Any]], str]:
    """Points (dicts of name to an mpmath number of 40 digits) that cover the expressions, with
    a sentence saying what they cover. The same on every run: seeded, and built at 40 digits.
    Only values the symbols' assumptions allow are taken (:func:`admissible`: a positive α > 0)."""
    rng = random.Random(seed)
    syms = list(syms)
    if not syms:
        return [{}], "no variable"
    forms = []
    for e in exprs:
        if isinstance(e, sympy.Basic):
            try:
                forms.append(elementary(to_piecewise(e)))
            except Exception:  # noqa: BLE001 - a form that cannot be rewritten is sampled as is
                forms.append(e)
    whole = sympy.Add(*[f for f in forms if isinstance(f, Expr)]) if forms else sympy.S.Zero
    bases = [{s: sympy.Rational(7, 10) * (1 if i % 2 == 0 else -1) for i, s in enumerate(syms)},
             {s: sympy.Rational(-19, 10) * (1 if i % 2 == 0 else -1) for i, s in enumerate(syms)},
             {s: sympy.S.Zero for s in syms}]  # the others at 0: where a bump in several variables sits
    bases = [{s: _into(s, v) for s, v in b.items()} for b in bases]
    per_var: dict[Symbol, _Candidates] = {}
    found: dict[Symbol, list[dict[Symbol, Any]]] = {}
    turning: dict[Symbol, list[dict[Symbol, Any]]] = {}
    kinks = 0
    for v in syms:
        special: list[float] = []
        ordinary: list[float] = []
        far: list[float] = []
        anchors: list[dict[Symbol, Any]] = []
        at_turns: list[dict[Symbol, Any]] = []
        for i, base in enumerate(bases[: 1 if len(syms) == 1 else 3]):
            fixed = {s: val for s, val in base.items() if s != v}
            try:
                c = _values(whole.xreplace(fixed), v, rng)
            except Exception:  # noqa: BLE001 - a feature that cannot be located is not sampled
                c = _Candidates([], [], [], 0)
            special.extend(t for t in c.special if t not in special)
            ordinary = c.ordinary or ordinary
            far.extend(f for f in c.far if f not in far)
            anchors.extend({**fixed, v: val} for val in c.special)
            at_turns.extend({**fixed, v: val} for val in c.turns)
            kinks += c.kinks if i == 0 else 0
        if len(syms) > 1:  # a condition's stationary points, before SymPy decides it away at the bases
            for rel in (r for pw in whole.atoms(Piecewise) for _, cond in pw.args for r in _relationals(cond)):
                if rel.has(v):
                    for base in bases[:2]:
                        fixed = {s: val for s, val in base.items() if s != v}
                        grad = sympy.diff(rel.lhs - rel.rhs, v).xreplace(fixed)
                        at_turns.extend({**fixed, v: t} for t in _roots_of(grad, v))
        special = [t for t in special if admissible(v, t)]
        ordinary = [t for t in ordinary if admissible(v, t)]
        far = [t for t in far if admissible(v, t)]
        anchors = [a for a in anchors if admissible(v, a[v])]
        at_turns = [a for a in at_turns if admissible(v, a[v])]
        per_var[v] = _Candidates(special, ordinary, far, 0)
        found[v] = anchors
        turning[v] = at_turns
    pts: list[dict[Symbol, Any]] = []
    if len(syms) == 1:
        (v,) = syms
        pts = [{v: val} for val in per_var[v].ordinary + per_var[v].special]
    else:
        first: list[dict[Symbol, Any]] = []
        for v in syms:
            first.extend(found[v])
        # corners: every variable far out at once, in every combination of signs (a branch that
        # needs x_g > 100 and x_v > 100 together), then each variable from all its candidates
        corners = list(itertools.product(*[per_var[s].far or [0.0] for s in syms]))
        if len(corners) > 96:
            corners = rng.sample(corners, 96)
        first.extend(dict(zip(syms, c)) for c in corners)
        first.extend(_refined(whole, syms, turning, per_var, rng))
        first.extend(_minimised(whole, syms, found, rng))
        if len(first) > 3 * limit // 5:
            first = rng.sample(first, 3 * limit // 5)
        for _ in range(96):
            pts.append({s: rng.choice(per_var[s].special + per_var[s].ordinary or [0.0]) for s in syms})
        for _ in range(48):
            pts.append({s: rng.choice(per_var[s].ordinary[:2 * len(SCALES)]) for s in syms})
        for v in syms:
            for val in per_var[v].ordinary:
                pt = {s: rng.choice(per_var[s].ordinary[:2 * len(SCALES)]) for s in syms}
                pt[v] = val
                pts.append(pt)
        pts = first + (rng.sample(pts, limit - len(first)) if len(first) + len(pts) > limit else pts)
    pts = [pt for pt in pts if all(admissible(s, val) for s, val in pt.items())]
    if len(pts) > limit:  # keep the ordinary spread and a seeded choice of the rest
        head, rest = pts[:limit // 2], pts[limit // 2:]
        pts = head + rng.sample(rest, limit - len(head))
    out = []
    with mpmath.workdps(40):
        for pt in pts:
            out.append({s.name: mpmath.mpf(float(val)) if not isinstance(val, sympy.Basic)
                        else mpmath.mpf(sympy.Rational(val).p) / sympy.Rational(val).q for s, val in pt.items()})
    farthest = max((abs(float(p[s.name])) for p in out for s in syms), default=0.0)
    nearest = min((abs(float(p[s.name])) for p in out for s in syms if p[s.name] != 0), default=0.0)
    where = (f"{len(out)} points, |{', '.join(s.name for s in syms)}| from {nearest:.2g} to {farthest:.2g}"
             + (f", both sides of {kinks} breakpoint(s)" if kinks else ""))
    return out, where

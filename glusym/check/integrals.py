r"""Integrals: an antiderivative by its derivative; a definite integral by SymPy, or, where SymPy
gives no closed form, by numerical quadrature (a constant integral) or by the fundamental theorem
of calculus (an integral with a free limit).

**Closed forms.** Each definite integral is first given to SymPy (with σ, Φ, φ rewritten into
exponentials and erf, then as written), each try within a share of the link's budget. A closed
form is confirmed by a quick quadrature (15 and 30 digits; at x = 7/10 for a free limit): a
SymPy value that quadrature contradicts is not used (``unknown``, with both), an infinite one
only where the tails show the divergence, a finite one across a singular point only where
quadrature confirms it; SymPy's closed form of an integral with a free limit and a singular
integrand is not taken (``∫_{-1}^x t^{-2} dt = -1/x - 1`` ignores the pole). With glusym's Floats
in a constant integral, SymPy is not asked (its closed form would be compared exactly).

**Constant integrals** that SymPy does not close are computed by mpmath's tanh-sinh quadrature,
split at the integrand's kinks and turning points and at 0 for an infinite range, at a ladder of
precisions (30 digits, or more where the formula's exact numbers need it, then twice and four
times that). The sides agree when two consecutive precisions agree with each other and the sides
agree to the first precision less 5 digits, relative to the size of the integrals (∫|g|):
``holds numerically`` (never ``holds``: quadrature proves nothing). They differ when the
difference is the same at two precisions and far above the error the two precisions show:
``fails``, with both values. Anything else is ``unknown``, with the values. An integral whose
integrand does not tend to 0, or decays no faster than 1/t, at an infinite end diverges for sure:
a side that is that integral against a finite number ``fails``; elsewhere ``unknown``.

**Constants.** glusym's decimal constants (SELU's α and λ, 32 digits) are SymPy Floats; numbers
the document writes are exact rationals. A difference that the Floats' rounding accounts for (the
change of the value when each Float moves by one unit of its last digit) is no evidence that a
formula is false: ``∫ selu(z) φ(z) dz = 0`` is -1.2e-32 with the 32-digit constants, 0 with the
exact α₀₁ and λ₀₁.

**A free limit** ``F(x) = ∫_a^x g(t) dt`` (the integral anywhere in the two sides, one free
variable x): the difference D of the two sides is constant on every interval between the kinks
of its other parts when D' = 0 there (d/dx of the integral is g(x), Leibniz's rule), and it is 0
when it is 0 at one point of each interval. D' = 0 is judged by :func:`glusym.check.identity._identity`;
D at a point exactly (an integral from a to a is 0) or by quadrature. A point where D is not 0
gives ``fails`` with the two sides there; ``holds`` needs the derivative proved, every point exact,
and the integrals proved convergent (the integrand continuous, and t²g(t) bounded at an infinite
end); otherwise ``holds numerically``.

>>> from glusym.check import check_text
>>> r = check_text(r"$$\int_{-\infty}^{\infty} \text{selu}(z)^2\,\varphi(z)\,\mathrm{d}z = 1$$")
>>> r.formulas[0].links[0].verdict
<Verdict.HOLDS_NUMERICALLY: 'holds numerically'>
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

import mpmath
import sympy
from sympy import Expr, Float, Integral, Piecewise, Symbol

from ..budget import time_budget
from ..errors import BudgetExceeded, GlusymError
from ..evaluate import mpmath_function
from ..functions import elementary, to_sympy
from .report import Judgement, Verdict


#: the digits below the first precision at which two sides count as agreeing
MARGIN = 5
#: the highest first precision of the ladder (a formula whose exact numbers need more is unknown)
MAX_START = 300
#: the most split points of one integral
MAX_POINTS = 40
#: the most Floats whose rounding is measured one by one
MAX_FLOATS = 8
#: a share of the link's remaining budget SymPy may take for one closed form (and at most this many s)
SYMPY_SHARE, SYMPY_CAP = 0.3, 2.0


class _Unsupported(Exception):
    """An integral the numerical route does not take (a double or nested integral, a limit that is
    not a real number, an integrand that cannot be compiled)."""


class _Unsettled(Exception):
    """Quadrature gave no usable value: ``kind`` "integrand" (a node where it is undefined or not
    real) or "side" (a side has no real value at the integrals' values)."""

    def __init__(self, message: str, kind: str = "integrand") -> None:
        super().__init__(message)
        self.kind = kind


# ---------------------------------------------------------------------------------------------
# the entry point (judge.py calls it)


def _integrals(lhs: Any, rhs: Any, deadline: float) -> Judgement | tuple[Expr, Expr]:
    """Sides with integrals: an antiderivative ``\\int f\\,dx = F + C`` is judged by F' = f (C any
    constant); definite integrals are evaluated by SymPy where it can, confirmed numerically; the
    others are judged here, by quadrature or by the fundamental theorem. Gives the sides evaluated
    (for the identity test), or a verdict."""
    indefinite = [i for e in (lhs, rhs) if isinstance(e, sympy.Basic) for i in e.atoms(Integral)
                  if any(len(lim) == 1 for lim in i.limits)]
    if indefinite:
        return _antiderivative(lhs, rhs, deadline)
    lhs, rhs = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    constant = not (lhs.free_symbols | rhs.free_symbols)
    floats = any(i.has(Float) for e in (lhs, rhs) for i in e.atoms(Integral))
    if not (constant and floats):  # a closed form with glusym's 32-digit Floats would be compared exactly
        lhs, rhs, verdict = _closed_forms(lhs, rhs, deadline)
        if verdict is not None:
            return verdict
    if not (lhs.has(Integral) or rhs.has(Integral)):
        return lhs, rhs
    free = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    if not free:
        return _judge_constant(lhs, rhs, deadline)
    if len(free) == 1:
        return _judge_by_derivative(lhs, rhs, free[0], deadline)
    return (Verdict.UNKNOWN, "an integral SymPy does not evaluate in closed form, with several free variables "
            f"({', '.join(map(str, free))}): not computed numerically", None)


def _antiderivative(lhs: Any, rhs: Any, deadline: float) -> Judgement:
    from .identity import _identity

    if not (isinstance(lhs, Integral) and len(lhs.limits) == 1 and len(lhs.limits[0]) == 1):
        return Verdict.UNKNOWN, "an antiderivative inside an expression", None
    (v,) = lhs.limits[0]
    constants = [s for s in rhs.free_symbols if s.name == "C"]
    if not constants:
        return Verdict.UNKNOWN, "an antiderivative is determined up to a constant: write + C", None
    derivative = sympy.diff(rhs, v[0] if isinstance(v, tuple) else v)
    verdict, reason, ce = _identity(derivative, lhs.function, deadline, "")
    return verdict, ("the derivative of the right side is the integrand" + (f"; {reason}" if reason else "")
                     if verdict in (Verdict.HOLDS, Verdict.HOLDS_NUMERICALLY) else
                     f"the derivative of the right side is {derivative}, not the integrand: {reason}"), ce


# ---------------------------------------------------------------------------------------------
# closed forms by SymPy


def _within(fn: Callable[[], Any], seconds: float, deadline: float) -> Any:
    """``fn()`` within ``seconds`` (and the link's deadline); None where it runs out or SymPy gives
    up. The link's own budget running out is raised on."""
    seconds = min(seconds, deadline - time.monotonic())
    if seconds <= 0.01:
        return None
    from ..analysis.extrema import _attempt

    def guarded() -> Any:
        try:
            return fn()
        except GlusymError:  # a computation that refuses gives nothing, as SymPy giving up does
            return None

    return _attempt(guarded, seconds)


def _closed(i: Integral, deadline: float) -> Expr | None:
    """SymPy's closed form of a definite integral, as written or with σ, Φ, φ rewritten (a Float-free
    integrand only), or None."""
    def usable(v: Any) -> bool:  # a real integrand's closed form with I in it (-log(σ(x) - 1) + iπ) is not
        return isinstance(v, sympy.Basic) and not v.has(Integral, sympy.nan, sympy.zoo, sympy.AccumBounds, sympy.I)

    def share() -> float:
        return min(SYMPY_CAP, SYMPY_SHARE * (deadline - time.monotonic()))

    # σ, Φ, φ rewritten first (SymPy integrates exponentials and erf; its meijerg try on φ as it is
    # takes half a second to give up), then as written
    rewritten = i if i.has(Float) else elementary(i)
    tries = [rewritten, i] if rewritten != i else [i]
    for form in tries:
        v = _within(form.doit, share(), deadline)
        if usable(v):
            return v
    return None


def _closed_forms(lhs: Expr, rhs: Expr, deadline: float) -> tuple[Expr, Expr, Judgement | None]:
    """Each definite integral replaced by its closed form where SymPy gives one that quadrature
    does not contradict; a verdict where quadrature contradicts it, or where a side is an integral
    that SymPy and its tails show divergent."""
    found: dict[Integral, Expr] = {}
    for i in sorted({a for e in (lhs, rhs) for a in e.atoms(Integral)}, key=sympy.default_sort_key):
        if any(a.has(Integral) for a in i.args[1:]) or i.function.has(Integral) or len(i.limits) != 1:
            continue  # nested or multiple: left to the numerical route
        poles = _singular_points(i.function, i.limits[0][0])
        if poles and i.free_symbols:
            continue  # SymPy's ∫_{-1}^x t^{-2} dt = -1/x - 1 ignores the pole at 0: the numerical route
        v = _closed(i, deadline)
        if v is None:
            continue
        ok, why, tails = _confirm(i, v, deadline)
        if ok is False:
            return lhs, rhs, (Verdict.UNKNOWN, why, None)
        if ok is None and poles and v.is_finite is not False:
            continue  # a finite value across a singular point that quadrature does not confirm: not taken
        if tails is not None:
            verdict = _divergent(lhs, rhs, i, tails)
            if verdict[0] == Verdict.FAILS:
                return lhs, rhs, verdict
        found[i] = v
    if found:
        lhs, rhs = lhs.xreplace(found), rhs.xreplace(found)
    return lhs, rhs, None


def _confirm(i: Integral, value: Expr, deadline: float) -> tuple[bool | None, str, "_Tails | None"]:
    """Whether quadrature confirms SymPy's closed form (True), contradicts it (False) or cannot tell
    (None; then SymPy's value stands): a constant integral as it is, one with a free limit at one
    point. An infinite value stands only where the tails show the divergence, with that sign (they
    are given back)."""
    if value in (sympy.oo, -sympy.oo):
        if i.free_symbols:
            return None, "", None
        tails = _tails(i, deadline)
        if tails.state == "diverges" and tails.sign == (1 if value == sympy.oo else -1):
            return True, "", tails
        return False, (f"SymPy gives {value} for {i}, which its tails do not confirm "
                       f"({tails.why or 'their limits are not known'})"), None
    at = ""
    if i.free_symbols:
        if len(i.free_symbols) > 1 or i.function.free_symbols & i.free_symbols:
            return None, "", None
        (x,) = i.free_symbols
        x0 = sympy.Rational(7, 10)
        i, value, at = i.xreplace({x: x0}), value.xreplace({x: x0}), f" at {x} = {x0}"
    if not (value.is_number and value.is_finite is not False):
        return None, "", None
    try:  # a quick look, at 15 and 30 digits: a wrong closed form is wrong in its first digits
        out = _settle(_Evaluator([i], [value]), deadline - 0.7 * max(deadline - time.monotonic(), 0), first=15)
    except (_Unsupported, _Unsettled):
        return None, "", None
    if out.state == "differ":
        return False, (f"SymPy's closed form of {i}{at} is {out.shown('rhs')}, and numerical quadrature gives "
                       f"{out.shown('lhs')}: the two disagree"), None
    return (True if out.state == "equal" else None), "", None


# ---------------------------------------------------------------------------------------------
# quadrature


def _real(v: Any) -> Any:
    """An mpmath real, or _Unsettled where the value is complex, infinite or not a number."""
    if isinstance(v, mpmath.mpc):
        if v.imag != 0 and abs(v.imag) > mpmath.mpf(10) ** (-mpmath.mp.dps + 5) * max(abs(v.real), 1):
            raise _Unsettled("the integrand is not real on the range")
        v = v.real
    try:
        v = mpmath.mpf(v)
    except (TypeError, ValueError):
        raise _Unsettled("the integrand is not a number on the range") from None
    if not mpmath.isfinite(v):
        raise _Unsettled("the integrand is infinite or undefined at a quadrature node")
    return v


def _number(e: Expr) -> Any:
    """A limit or split point at the working precision (±∞ as mpmath's)."""
    if e == sympy.oo:
        return mpmath.inf
    if e == -sympy.oo:
        return -mpmath.inf
    v = sympy.N(e, mpmath.mp.dps + 10)
    if not (v.is_real and v.is_finite):
        raise _Unsupported(f"the limit {e} is not a real number")
    return mpmath.mpf(sympy.Float(v, mpmath.mp.dps + 10)._mpf_)


def _split_points(g: Expr, t: Symbol, a: Expr, b: Expr) -> list[Expr]:
    """The points strictly between a and b where the integrand changes its form or turns: its kinks
    (exact, where the conditions are linear), the turning values of its exponentials and powers
    (:mod:`glusym.sampling`) where the integrand is not negligible, 0 on an infinite range. At most
    MAX_POINTS, the nearest 0 first."""
    from ..analysis._common import boundaries, to_piecewise

    form = elementary(to_piecewise(g))
    exact: set[Any] = set()
    try:
        exact = {p for p in boundaries(form, t) if p.is_number and p.is_real}
    except (GlusymError, sympy.PolynomialError, ValueError, TypeError):
        pass
    found: set[Any] = set(exact) | {sympy.Float(p, 20) for p in _features_of(form, t)}
    if a.is_infinite or b.is_infinite:
        found.add(sympy.S.Zero)
        exact.add(sympy.S.Zero)
    lo, hi = sorted((a, b), key=lambda e: float(e) if e.is_finite else (1e308 if e == sympy.oo else -1e308))
    inside = []
    for p in found:
        try:
            f = float(p)
        except (TypeError, ValueError):
            continue
        if (lo == -sympy.oo or f > float(lo)) and (hi == sympy.oo or f < float(hi)):
            inside.append((abs(f), f, p))
    inside.sort(key=lambda q: (q[0], isinstance(q[2], Float)))  # an exact kink before its decimal twin
    kept: list[tuple[float, Expr]] = []
    for _, f, p in inside:
        if all(abs(f - k) > 1e-9 * max(1.0, abs(f)) for k, _ in kept):
            kept.append((f, p))
    kept = _not_negligible(kept, exact, form, t)
    return [p for _, p in sorted(kept[:MAX_POINTS], key=lambda q: q[0])]


def _features_of(form: Expr, t: Symbol) -> set[float]:
    """The integrand's kinks (the roots of its conditions) and the stationary points of the
    arguments of its exponentials, logarithms, error functions and powers: a peak (e^{-(t-1000)^2}
    at 1000), which tanh-sinh between two far nodes could miss."""
    from ..analysis._common import _relationals
    from ..sampling import _TRANSCENDENTAL, _roots_of

    out: set[float] = set()
    try:
        for pw in form.atoms(Piecewise):
            for _, cond in pw.args:
                for rel in _relationals(cond):
                    if rel.has(t):
                        out.update(_roots_of(rel.lhs - rel.rhs, t))
        for node in sympy.preorder_traversal(form):
            if not isinstance(node, sympy.Basic) or not node.has(t):
                continue
            if isinstance(node, _TRANSCENDENTAL) and node.args:
                out.update(_roots_of(sympy.diff(node.args[0], t), t))
            elif isinstance(node, sympy.Pow) and not (node.exp.is_Integer and node.exp > 0):
                out.update(_roots_of(sympy.diff(node.base, t), t))
                out.update(_roots_of(node.base, t))  # a pole or a root's branch point
    except Exception:  # noqa: BLE001 - a feature that cannot be located is not a split point
        pass
    return {p for p in out if abs(p) < 1e15}


def _singular_points(g: Expr, t: Symbol) -> set[float]:
    """Where the integrand may be singular: the roots of the bases of its negative and fractional
    powers and of the arguments of its logarithms (to 12 digits)."""
    from ..analysis._common import to_piecewise
    from ..sampling import _roots_of

    out: set[float] = set()
    try:
        for node in sympy.preorder_traversal(elementary(to_piecewise(g))):
            if isinstance(node, sympy.Pow) and node.base.has(t) and not (node.exp.is_Integer and node.exp > 0):
                out.update(_roots_of(node.base, t))
            elif isinstance(node, sympy.log) and node.args[0].has(t):
                out.update(_roots_of(node.args[0], t))
    except Exception:  # noqa: BLE001 - a point that cannot be located is not an edge
        pass
    return {float(format(p, ".12g")) for p in out if abs(p) < 1e15}


def _not_negligible(points: list[tuple[float, Expr]], exact: set[Any], form: Expr, t: Symbol) -> list[tuple[float, Expr]]:
    """The points where the integrand is not negligible beside its largest value at the points
    (10⁻⁴⁰ of it), and the exact kinks: a turning value of e^t at t = −1700 is no feature of
    e^{-t²/2}."""
    try:
        f = mpmath_function(form, [t])
        with mpmath.workdps(15):
            sizes = []
            for x, _ in points:
                try:
                    v = f(mpmath.mpf(x))
                    sizes.append(abs(v) if mpmath.isfinite(abs(v)) else mpmath.inf)
                except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                    sizes.append(mpmath.inf)  # a singular point: kept
            top = max(sizes, default=mpmath.mpf(0))
    except Exception:  # noqa: BLE001 - no values, no pruning
        return points
    if not top or not mpmath.isfinite(top):
        return points
    floor = top * mpmath.mpf(10) ** -40
    return [q for q, size in zip(points, sizes) if q[1] in exact or size >= floor]


@dataclass(frozen=True)
class _Value:
    """Two sides at one precision: their values, the quadratures' error estimates, and the size of
    the integrals (Σ ∫|g|), against which differences are measured."""

    dps: int
    lhs: Any
    rhs: Any
    error: Any
    size: Any
    pieces: tuple[Any, ...] = ()  # every integral's value between consecutive split points


class _Evaluator:
    """The two sides of a constant link (lists of the terms of each side, here one each), with their
    integrals computed by quadrature at any precision. glusym's Floats are parameters, so that their
    rounding can be measured."""

    def __init__(self, lhs: list[Expr], rhs: list[Expr]) -> None:

        sides = [sympy.Add(*lhs), sympy.Add(*rhs)]
        floats = sorted({f for s in sides for f in s.atoms(Float)}, key=lambda f: float(f))
        self.float_params = [sympy.Dummy(f"c{k}") for k in range(len(floats))]
        self.floats = [(f._mpf_, mpmath.libmp.prec_to_dps(f._prec)) for f in floats]  # made mpf at each precision
        fmap = dict(zip(floats, self.float_params))
        sides = [s.xreplace(fmap) for s in sides]
        integrals = sorted({i for s in sides for i in s.atoms(Integral)}, key=sympy.default_sort_key)
        self.integrals: list[tuple[Callable[..., Any], Expr, Expr, list[Expr]]] = []
        self.described: list[str] = []
        for i in integrals:
            if len(i.limits) != 1 or len(i.limits[0]) != 3:
                raise _Unsupported("a multiple integral")
            t, a, b = i.limits[0]
            g = i.function
            if g.has(Integral) or a.has(Integral) or b.has(Integral):
                raise _Unsupported("a nested integral")
            params = set(self.float_params)
            if (a.free_symbols | b.free_symbols) - params or (g.free_symbols - {t}) - params:
                raise _Unsupported("an integral with a free variable")
            try:
                f = mpmath_function(g, [t, *self.float_params])
            except (GlusymError, TypeError, KeyError, NameError, ValueError) as exc:
                raise _Unsupported(f"cannot compile the integrand ({type(exc).__name__})") from None
            plain = g.xreplace({v: k for k, v in fmap.items()})
            pts = _split_points(plain, t, a.xreplace({v: k for k, v in fmap.items()}),
                                b.xreplace({v: k for k, v in fmap.items()}))
            self.integrals.append((f, a, b, pts))
            self.described.append(", ".join(str(p if not isinstance(p, Float) else sympy.Float(p, 4)) for p in pts[:6])
                                  + (" …" if len(pts) > 6 else ""))
        self.values = [sympy.Dummy(f"q{k}") for k in range(len(integrals))]
        imap = dict(zip(integrals, self.values))
        self.rest = []
        for s in sides:
            form = s.xreplace(imap)
            if form.free_symbols - set(self.values) - set(self.float_params):
                raise _Unsupported("a side with a free variable")
            try:
                self.rest.append(mpmath_function(form, [*self.values, *self.float_params]))
            except (GlusymError, TypeError, KeyError, NameError, ValueError) as exc:
                raise _Unsupported(f"cannot compile a side ({type(exc).__name__})") from None
        self.sides = sides
        self._sizes: list[Any] | None = None

    def start(self) -> int:
        """The first precision: 30 digits, or what the formula's exact numbers need to be seen."""
        from ..sampling import start_digits

        ones = {p: sympy.S.One for p in self.float_params}
        outer = [s.replace(lambda e: isinstance(e, Integral), lambda e: sympy.S.Zero).xreplace(ones)
                 for s in self.sides]
        inner = [i.function.xreplace(ones) for s in self.sides for i in s.atoms(Integral)]
        return start_digits(outer + inner, cap=False)

    def _integral(self, k: int, cs: list[Any], absolute: bool = False) -> tuple[Any, Any, list[Any]]:
        f, a, b, pts = self.integrals[k]
        lo, hi = _number(a), _number(b)
        sign = 1
        if lo > hi:
            lo, hi, sign = hi, lo, -1
        nodes = [lo, *[_number(p) for p in pts], hi]

        def g(t: Any) -> Any:
            try:
                v = f(t, *cs)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                raise _Unsettled("the integrand cannot be evaluated at a quadrature node (a singularity?)") \
                    from None
            v = _real(v)
            return abs(v) if absolute else v

        total, err, pieces = mpmath.mpf(0), mpmath.mpf(0), []
        for p, q in zip(nodes, nodes[1:]):
            if p == q:
                continue
            v, e = mpmath.quad(g, [p, q], error=True)
            v = _real(v)
            pieces.append(v)
            total += v
            err += abs(e)
        return sign * total, err, pieces

    def sizes(self) -> list[Any]:
        """∫|g| of each integral, at 15 digits: the scale of the differences."""
        if self._sizes is None:
            with mpmath.workdps(15):
                cs = [mpmath.mpf(v) for v, _ in self.floats]
                self._sizes = [sum(abs(v) for v in self._integral(k, cs, absolute=True)[2])
                               for k in range(len(self.integrals))]
        return self._sizes

    def at(self, dps: int, shift: dict[int, Any] | None = None) -> _Value:
        """The two sides at ``dps`` digits (``shift``: Floats moved, relatively, by these amounts)."""
        sizes = self.sizes()
        with mpmath.workdps(dps):
            cs = [mpmath.mpf(v) * (1 + (shift or {}).get(j, 0)) for j, (v, _) in enumerate(self.floats)]
            qs, err, pieces = [], mpmath.mpf(0), []
            for k in range(len(self.integrals)):
                v, e, parts = self._integral(k, cs)
                qs.append(v)
                err += e
                pieces.extend(parts)
            try:
                lhs, rhs = (_real(r(*qs, *cs)) for r in self.rest)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError, _Unsettled):
                raise _Unsettled("a side has no real value at the integrals' values", "side") from None
            size = max([abs(lhs), abs(rhs), *[mpmath.mpf(s) for s in sizes]])
            return _Value(dps, +lhs, +rhs, +err, +size, tuple(+v for v in pieces))

    def rounding(self) -> Any:
        """How far the difference of the sides can move when each Float moves by one unit of its
        last digit, summed over the Floats: what their rounding can account for. Each Float's effect
        is its derivative (a relative move of 10⁻¹² at 30 digits) times that unit."""
        if not self.floats:
            return mpmath.mpf(0)
        if len(self.floats) > MAX_FLOATS:
            return mpmath.inf
        step = mpmath.mpf(10) ** -12
        base = self.at(30)
        total = mpmath.mpf(0)
        for j, (_, digits) in enumerate(self.floats):
            moved = self.at(30, {j: step})
            with mpmath.workdps(30):
                total += abs((moved.lhs - moved.rhs) - (base.lhs - base.rhs)) / step * mpmath.mpf(10) ** (1 - digits)
        return total


@dataclass(frozen=True)
class _Outcome:
    """What the quadrature ladder found: ``equal``, ``differ`` or ``unsettled`` (with why)."""

    state: str
    digits: int
    first: int  # the lower of the two precisions that decided (the first of the ladder if none did)
    last: _Value | None
    why: str = ""
    residual: str = ""
    grows: bool = False  # unsettled, the values growing with the precision (a divergence, likely)

    def shown(self, side: str) -> str:
        if self.last is None:
            return "?"
        with mpmath.workdps(self.last.dps):
            digits: str = mpmath.nstr(getattr(self.last, side), 20)
            return digits

    def counterexample(self) -> dict[str, str]:
        assert self.last is not None
        with mpmath.workdps(self.last.dps):
            return {"lhs": mpmath.nstr(self.last.lhs, 20), "rhs": mpmath.nstr(self.last.rhs, 20),
                    "difference": mpmath.nstr(self.last.lhs - self.last.rhs, 6)}


def _settle(ev: _Evaluator, deadline: float, first: int = 30) -> _Outcome:
    """The sides at a ladder of precisions p, 2p, 4p (p: 30 digits or what the formula's exact
    numbers need; ``first`` for a quick look), until two consecutive precisions agree on whether
    they are equal."""
    p = max(first, ev.start()) if first >= 30 else first
    if p > MAX_START:
        return _Outcome("unsettled", p, p, None, f"the formula's exact numbers need {p} digits, more than "
                        f"quadrature is taken to ({MAX_START})")
    agree = p - MARGIN
    prev: _Value | None = None
    levels = [p, 2 * p, 4 * p]
    why, grows = "", False
    for dps in levels:
        if time.monotonic() > deadline:
            return _Outcome("unsettled", agree, p, prev, "the quadrature ran past the budget")
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                cur = ev.at(dps)
        except BudgetExceeded:
            if time.monotonic() < deadline - 0.02:
                raise
            return _Outcome("unsettled", agree, p, prev, f"the quadrature at {dps} digits ran past the budget")
        if prev is None:
            prev = cur
            continue
        with mpmath.workdps(dps):
            tol = mpmath.mpf(10) ** (-agree) * cur.size
            # every piece settled, not only their sum (1/t on [-1, 0] and [0, 1]: ±∞ that cancel)
            error = (abs(prev.lhs - cur.lhs) + abs(prev.rhs - cur.rhs) + cur.error
                     + sum((abs(u - v) for u, v in zip(prev.pieces, cur.pieces)), mpmath.mpf(0)))
            d, dprev = cur.lhs - cur.rhs, prev.lhs - prev.rhs
            if error <= tol and abs(d) <= tol:
                residual = ""
                if ev.floats and abs(d) > mpmath.mpf(10) ** (MARGIN - dps) * cur.size and abs(d) > 100 * cur.error:
                    # a difference seen only at the higher precision, above its error estimate: glusym's
                    # decimal constants (SELU's) are what the formula is computed with beyond their digits
                    digits = min(dg for _, dg in ev.floats)
                    r = ev.rounding()
                    residual = (f"at {dps} digits the difference is {mpmath.nstr(d, 3)}, beyond the digits compared"
                                + (f": what the rounding of glusym's {digits}-digit constants accounts for "
                                   f"(±{mpmath.nstr(r, 2)})" if abs(d) <= 3 * r else ""))
                return _Outcome("equal", agree, prev.dps, cur, residual=residual)
            floor = error + mpmath.mpf(10) ** (-prev.dps) * cur.size
            if abs(d) > 1000 * floor and abs(d - dprev) <= mpmath.mpf("1e-3") * abs(d):
                if ev.floats:
                    r = ev.rounding()
                    if abs(d) <= 100 * r:
                        return _Outcome("unsettled", agree, prev.dps, cur,
                                        f"the sides differ by {mpmath.nstr(d, 3)}, within what the rounding of "
                                        f"glusym's decimal constants accounts for (±{mpmath.nstr(r, 2)})")
                return _Outcome("differ", agree, prev.dps, cur)
            why = (f"at {prev.dps} and {dps} digits the sides are {mpmath.nstr(prev.lhs, 12)} and "
                   f"{mpmath.nstr(prev.rhs, 12)}, then {mpmath.nstr(cur.lhs, 12)} and {mpmath.nstr(cur.rhs, 12)}; "
                   f"the quadrature's error estimate is {mpmath.nstr(cur.error, 2)}")
            # a piece growing with the precision (like log of the smallest node, for 1/t at 0: twice the
            # digits, twice the value), far beyond what a quadrature error moves
            grows = any(abs(v) > 1.5 * abs(u) and abs(v - u) > abs(v) / 3 and abs(v) > 1
                        for u, v in zip(prev.pieces, cur.pieces))
            if grows:
                why += " (the values grow with the precision: the integral may not converge)"
        prev = cur
    return _Outcome("unsettled", agree, p, prev, "the quadrature did not settle: " + why, grows=grows)


# ---------------------------------------------------------------------------------------------
# convergence


@dataclass(frozen=True)
class _Tails:
    """``converges`` (proved: the integrand continuous on the range, t²g bounded at an infinite end),
    ``diverges`` (for sure, with the sign of the infinity where both ends agree), or ``unknown``."""

    state: str
    why: str = ""
    sign: int = 0


def _tails(i: Integral, deadline: float) -> _Tails:
    from ..analysis._common import boundaries, select_branches, to_piecewise
    from .limits import real_limit

    t, a, b = i.limits[0]
    g = elementary(to_piecewise(i.function))
    if g.free_symbols - {t}:
        return _Tails("unknown", "the integrand has a free variable")
    ends: list[tuple[str, int, str]] = []  # per infinite end: converges / diverges / unknown, sign, why
    for end, upper in ((a, False), (b, True)):
        if not end.is_infinite:
            continue
        side = 1 if end == sympy.oo else -1
        # ∫_a^{+∞} and ∫_{-∞}^b run toward larger t at their infinite end: a positive integrand gives +∞;
        # ∫_a^{-∞} and ∫_{+∞}^b run the other way
        orient = 1 if (upper and side == 1) or (not upper and side == -1) else -1
        h = g
        try:
            if h.has(Piecewise):
                big = max([abs(k) for k in boundaries(h, t) if k.is_number], default=sympy.S.Zero)
                h = select_branches(h, {t: (2 * big + 1) * side})
        except GlusymError:
            ends.append(("unknown", 0, "the branch of the integrand at infinity is not known"))
            continue
        where = f"as {t} → {end}"
        lim0 = real_limit(h, t, end, min(deadline, time.monotonic() + 0.5))
        if lim0 is None:
            ends.append(("unknown", 0, f"the integrand's limit {where} is not known"))
            continue
        if lim0 != 0:  # g → L: the integral grows like L·|t| toward the end
            ends.append(("diverges", (1 if lim0 > 0 else -1) * orient, f"the integrand tends to {lim0} {where}"))
            continue
        lim1 = real_limit(t * h, t, end, min(deadline, time.monotonic() + 0.5))
        if lim1 is not None and lim1 != 0:  # g ~ L/t: the integral grows like L·log|t|; g has the sign of L·side
            ends.append(("diverges", (1 if lim1 > 0 else -1) * side * orient,
                         f"the integrand decays only like {lim1}/{t} {where}"))
            continue
        lim2 = real_limit(t ** 2 * h, t, end, min(deadline, time.monotonic() + 0.5))
        if lim2 is None or lim2 in (sympy.oo, -sympy.oo):
            ends.append(("unknown", 0, f"the integrand's decay {where} is not known"))
        else:
            ends.append(("converges", 0, ""))
    diverging = [e for e in ends if e[0] == "diverges"]
    if diverging:
        signs = {s for _, s, _ in diverging}
        certain = len(signs) == 1 and all(e[0] != "unknown" for e in ends)
        why = "; ".join(w for _, _, w in diverging) + (" (∞ − ∞)" if len(signs) > 1 else "")
        return _Tails("diverges", why, signs.pop() if certain else 0)
    if any(e[0] == "unknown" for e in ends):
        return _Tails("unknown", next(w for st, _, w in ends if st == "unknown"))
    if not _continuous(g, t, a, b, deadline):
        return _Tails("unknown", "the integrand is not known to be continuous on the range")
    return _Tails("converges")


def _continuous(g: Expr, t: Symbol, a: Expr, b: Expr, deadline: float) -> bool:
    """Whether SymPy shows the integrand continuous on [a, b] (the whole line for infinite ends)."""
    from sympy.calculus.util import continuous_domain

    if g.has(Piecewise):
        return False  # a jump is integrable, but its continuity is not what is shown here
    if not (a.is_number and b.is_number):  # a free limit: the whole line
        a, b = -sympy.oo, sympy.oo
    lo = a if a.is_finite else -sympy.oo
    hi = b if b.is_finite else sympy.oo
    if (lo > hi) is sympy.true:
        lo, hi = hi, lo
    want = sympy.Interval(lo, hi)
    got = _within(lambda: continuous_domain(g, t, want), 0.5, deadline)
    return isinstance(got, sympy.Set) and got == want


# ---------------------------------------------------------------------------------------------
# a constant link


def _judge_constant(lhs: Expr, rhs: Expr, deadline: float) -> Judgement:
    """Two constant sides with integrals SymPy does not close: by quadrature. Where an integrand
    does not look small far out, or the quadrature does not settle, the tails say whether an
    integral diverges."""
    integrals = [i for i in sorted({a for e in (lhs, rhs) for a in e.atoms(Integral)}, key=sympy.default_sort_key)
                 if len(i.limits) == 1 and len(i.limits[0]) == 3 and not i.function.has(Integral)]

    def divergent(only: list[Integral]) -> Judgement | None:
        for i in only:
            tails = _tails(i, deadline)
            if tails.state == "diverges":
                return _divergent(lhs, rhs, i, tails)
        return None

    early = divergent([i for i in integrals if not _small_far_out(i)])
    if early is not None:
        return early
    try:
        ev = _Evaluator([lhs], [rhs])
        out = _settle(ev, deadline - 0.05)
    except _Unsupported as exc:
        return Verdict.UNKNOWN, f"an integral SymPy does not evaluate in closed form: {exc}", None
    except _Unsettled as exc:
        return divergent(integrals) or (
            Verdict.UNKNOWN, f"an integral SymPy does not evaluate in closed form; quadrature: {exc}", None)
    how = _how(ev, out)
    if out.state == "equal":
        return Verdict.HOLDS_NUMERICALLY, (f"the integral by numerical quadrature ({how}): the two sides agree to "
                                     f"{out.digits} digits" + (f"; {out.residual}" if out.residual else "")), None
    if out.state == "differ":
        return Verdict.FAILS, (f"the integral by numerical quadrature ({how}): the two sides differ, by the same "
                         "amount at both precisions"), out.counterexample()
    return divergent(integrals) or (
        Verdict.UNKNOWN, f"an integral SymPy does not evaluate in closed form; by quadrature ({how}): {out.why}", None)


def _small_far_out(i: Integral) -> bool:
    """Whether |t·g(t)| is below 10⁻⁶ at the integral's infinite ends (at 10⁴ and 10⁶, 15 digits):
    an integrand that looks integrable, whose tails are looked at only if quadrature does not settle."""
    t, a, b = i.limits[0]
    if not (a.is_infinite or b.is_infinite):
        return True
    try:
        f = mpmath_function(i.function, [t])
        with mpmath.workdps(15):
            for end in (a, b):
                if end.is_infinite:
                    for far in (10 ** 4, 10 ** 6):
                        x = mpmath.mpf(far if end == sympy.oo else -far)
                        if not abs(x * _real(f(x))) < mpmath.mpf(10) ** -6:
                            return False
    except Exception:  # noqa: BLE001 - cannot tell: look at the tails
        return False
    return True


def _how(ev: _Evaluator, out: _Outcome) -> str:
    splits = "; ".join(f"split at {d}" for d in ev.described if d)
    return (f"mpmath's tanh-sinh at {out.first} and {2 * out.first} digits"
            + (f", {splits}" if splits else ""))


def _divergent(lhs: Expr, rhs: Expr, i: Integral, tails: _Tails) -> Judgement:
    """A link with an integral that does not converge: a side that is (a number times) that integral
    against a finite number fails; anything else is unknown."""
    for side, other in ((lhs, rhs), (rhs, lhs)):
        coeff, rest = side.as_coeff_Mul()
        if rest == i and coeff != 0 and not other.has(Integral) and other.is_number and other.is_finite:
            if tails.sign == 0:
                break  # ∞ − ∞: no improper integral, but perhaps a principal value, which is not judged
            value = "+∞" if tails.sign * coeff > 0 else "−∞"
            return Verdict.FAILS, (f"the integral does not converge: {tails.why}, so the side is {value}, "
                             "not a number"), {"lhs": value if side is lhs else str(other),
                                                "rhs": str(other) if side is lhs else value}
    if tails.sign == 0:
        return Verdict.UNKNOWN, (f"the integral does not converge as an improper integral ({tails.why}); a principal "
                           "value is not judged"), None
    return Verdict.UNKNOWN, f"an integral that does not converge ({tails.why}) inside an expression", None


# ---------------------------------------------------------------------------------------------
# a free limit: the fundamental theorem


def _judge_by_derivative(lhs: Expr, rhs: Expr, x: Symbol, deadline: float) -> Judgement:
    """``F(x) = ∫_a^x g(t) dt`` and the like: D = lhs − rhs is 0 iff D' = 0 between the kinks of D and
    D = 0 at one point of each interval."""
    from ..analysis._common import boundaries, inside, to_piecewise
    from .identity import _identity

    integrals = sorted({a for e in (lhs, rhs) for a in e.atoms(Integral)}, key=sympy.default_sort_key)
    tails_of: dict[Integral, _Tails] = {}
    for i in integrals:
        if len(i.limits) != 1 or len(i.limits[0]) != 3 or i.function.has(Integral):
            return Verdict.UNKNOWN, "an integral SymPy does not evaluate in closed form (a multiple or nested one)", None
        if i.function.has(x):
            return (Verdict.UNKNOWN, f"an integral SymPy does not evaluate in closed form, whose integrand depends on "
                    f"{x} as its limit does", None)
        tails = tails_of[i] = _tails(i, deadline)
        if tails.state == "diverges":
            return Verdict.UNKNOWN, f"an integral that does not converge ({tails.why})", None
    dl, dr = sympy.diff(lhs, x), sympy.diff(rhs, x)
    if dl.has(Integral) or dr.has(Integral):
        return Verdict.UNKNOWN, "an integral SymPy does not evaluate in closed form; its derivative has an integral", None
    # the kinks of D in x, outside the integrals (an integral of its limit is continuous)
    dummies = {i: sympy.Dummy("I") for i in integrals}
    outer = [e.xreplace(dummies) for e in (lhs, rhs)] + [lim for i in integrals for lim in i.limits[0][1:]
                                                         if lim.has(x)]  # each alone: -oo + f is -oo
    try:
        kinks = sorted({k for e in outer for k in boundaries(elementary(to_piecewise(e)), x)
                        if k.is_number and k.is_real}, key=float)
    except GlusymError as exc:
        return Verdict.UNKNOWN, f"an integral SymPy does not evaluate in closed form; the kinks in {x}: {exc}", None
    # and where an integrand is singular: beyond a pole the integral from a fixed limit may not exist
    poles = {sympy.Rational(format(p, ".12g")) for i in integrals for p in _singular_points(i.function, i.limits[0][0])}
    kinks = sorted(set(kinks) | poles, key=float)
    edges = [-sympy.oo, *kinks, sympy.oo]
    ends = [e for i in integrals for e in i.limits[0][1:] if e.is_number and e.is_finite and e.is_real]
    points: list[Expr] = []
    for lo, hi in zip(edges, edges[1:]):
        within = [e for e in ends if (lo == -sympy.oo or e > lo) and (hi == sympy.oo or e < hi)]
        points.append(within[0] if within else inside(lo, hi))  # a finite limit: the integral is 0 there
    points.sort(key=lambda p: p not in ends)  # an exact point first

    def left() -> float:
        return deadline - time.monotonic()

    # a point first: a false formula is shown false there, whatever the derivative
    first = _at_point(lhs, rhs, x, points[0], deadline - 0.6 * left())
    if first.state == "differ":
        return Verdict.FAILS, f"the two sides differ at {x} = {_shown(points[0])} ({first.how})", first.ce
    verdict, reason, ce = _identity(dl, dr, deadline - 0.4 * left(), "")
    derivative = "the derivatives of the two sides agree" + (f" ({reason})" if reason else "")
    if verdict == Verdict.FAILS:
        near = []
        if ce and x.name in ce:
            try:  # the derivative's counterexample, to 6 digits (a short number keeps the precision low)
                c = sympy.Rational(format(float(ce[x.name]), ".6g"))
                near = [c, c + 1, c - 1]
            except (TypeError, ValueError, OverflowError):
                near = []
        for x0 in [*near, sympy.Rational(13, 10), sympy.Rational(-21, 10), sympy.Integer(4)]:
            if time.monotonic() > deadline - 0.1:
                break
            at = _at_point(lhs, rhs, x, x0, deadline - 0.05)
            if at.state == "differ":
                return Verdict.FAILS, (f"the derivatives of the two sides differ ({reason}); the sides differ at "
                                 f"{x} = {_shown(x0)} ({at.how})"), at.ce
        return Verdict.UNKNOWN, (f"the derivatives of the two sides differ ({reason}), but no point was found where "
                           "the two sides differ numerically"), None
    if verdict not in (Verdict.HOLDS, Verdict.HOLDS_NUMERICALLY):
        return Verdict.UNKNOWN, f"whether the derivatives of the two sides agree: {reason}", None
    results = [first]
    for x0 in points[1:]:
        at = _at_point(lhs, rhs, x, x0, deadline - 0.05)
        if at.state == "differ":
            return Verdict.FAILS, f"{derivative}, but the two sides differ at {x} = {_shown(x0)} ({at.how})", at.ce
        results.append(at)
    unsettled = [(x0, r) for x0, r in zip(points, results) if r.state not in ("equal", "outside")]
    if unsettled:
        x0, r = unsettled[0]
        return Verdict.UNKNOWN, f"{derivative}; at {x} = {_shown(x0)}: {r.how}", None
    if not any(r.state == "equal" for r in results):
        return Verdict.UNKNOWN, f"{derivative}, but no point was found where both sides are defined", None
    where = ", ".join(f"{x} = {_shown(x0)} ({r.how})" for x0, r in zip(points, results) if r.state == "equal")
    out = [_shown(x0) for x0, r in zip(points, results) if r.state == "outside"]
    if out:
        where += (f" ({x} = {', '.join(out)}: outside the domain, where the side without an integral has no real "
                  "value)")
    proved = (verdict == Verdict.HOLDS and all(r.exact and r.state == "equal" for r in results)
              and all(tails_of[i].state == "converges" for i in integrals))
    if proved:
        return Verdict.HOLDS, (f"{derivative}, and the two sides are equal at {where}; the integrals converge "
                         "(fundamental theorem of calculus)"), None
    return Verdict.HOLDS_NUMERICALLY, (f"{derivative}, and the two sides agree at {where} "
                                 "(fundamental theorem of calculus)"), None


def _shown(x0: Expr) -> str:
    """A point as the reader writes it: an integer, or a decimal (not 2843/25000)."""
    return str(x0) if x0.is_Integer else format(float(x0), ".15g")


@dataclass(frozen=True)
class _Point:
    state: str  # equal, differ, unsettled, outside (neither side has a real value there)
    how: str
    exact: bool = False
    ce: dict[str, str] | None = None


def _at_point(lhs: Expr, rhs: Expr, x: Symbol, x0: Expr, deadline: float) -> _Point:
    """The two sides at x = x0: exactly where no integral is left (an integral from a to a is 0),
    else by quadrature."""
    from .zero import _number_zero

    def empty(e: Any) -> bool:
        return isinstance(e, Integral) and len(e.limits) == 1 and len(e.limits[0]) == 3 \
            and sympy.simplify(e.limits[0][1] - e.limits[0][2]) == 0

    l0, r0 = (e.xreplace({x: x0}).replace(empty, lambda e: sympy.S.Zero) for e in (lhs, rhs))
    name = {x.name: _shown(x0)}
    if not (l0.has(Integral) or r0.has(Integral)):
        try:
            with time_budget(max(min(1.0, deadline - time.monotonic()), 0.01)):
                zero = _number_zero(l0 - r0)
        except BudgetExceeded:
            if time.monotonic() < deadline - 0.02:
                raise
            zero = None
        if zero is True:
            return _Point("equal", "exactly", True)
        if zero is False:
            ce = {**name, "lhs": str(sympy.N(l0, 20)), "rhs": str(sympy.N(r0, 20)),
                  "difference": str(sympy.N(l0 - r0, 6))}
            return _Point("differ", "exactly", True, ce)
    try:
        ev = _Evaluator([l0], [r0])
        out = _settle(ev, deadline)
    except _Unsupported as exc:
        return _Point("unsettled", f"quadrature: {exc}")
    except _Unsettled as exc:
        if exc.kind == "side":  # the integrals have values, a side has none: which side, and the integral's
            return _one_side(l0, r0, name, deadline) or _Point("unsettled", f"quadrature: {exc}")
        return (_no_real_value(l0, r0) and _Point("outside", "outside the domain")) or \
            _Point("unsettled", f"quadrature: {exc}")
    how = f"by quadrature, {out.first} and {2 * out.first} digits"
    if out.state == "equal":
        return _Point("equal", f"{how}, to {out.digits} digits" + (f"; {out.residual}" if out.residual else ""))
    if out.state == "differ":
        return _Point("differ", how, False, {**name, **out.counterexample()})
    if out.grows and _no_real_value(l0, r0):
        return _Point("outside", "outside the domain")
    return _Point("unsettled", f"{how}: {out.why}")


def _no_real_value(l0: Expr, r0: Expr) -> bool:
    """Whether the side without an integral has no real value (log x at x = -1 beside ∫_1^x dt/t)."""
    for side, other in ((l0, r0), (r0, l0)):
        if side.has(Integral) and not other.has(Integral):
            try:
                v = sympy.N(elementary(other), 30)
            except (TypeError, ValueError, ZeroDivisionError):
                return False
            return bool(v.has(sympy.nan, sympy.zoo) or v.is_extended_real is False)
    return False


def _one_side(l0: Expr, r0: Expr, name: dict[str, str], deadline: float) -> _Point | None:
    """A side with no real value at a point: outside the domain where the integral has no value
    either (it grows with the precision, or its integrand is not real), else the two sides are
    defined on different sets there (``differ``), where the integral's value is settled."""
    if not _no_real_value(l0, r0):
        return None
    side = l0 if l0.has(Integral) else r0
    try:
        alone = _settle(_Evaluator([side], [sympy.S.Zero]), deadline)
    except _Unsettled:
        return _Point("outside", "outside the domain")
    except _Unsupported:
        return None
    if alone.state in ("equal", "differ"):  # the integral side has a value: the other has none
        value = alone.shown("lhs")
        ce = {**name, "lhs": value if side is l0 else "no real value", "rhs": value if side is r0 else "no real value"}
        return _Point("differ", "one side has a real value there, the other none", False, ce)
    return _Point("outside", "outside the domain") if alone.grows else None

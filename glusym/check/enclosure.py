r"""Certified signs of a function of one variable: interval arithmetic, monotonicity, convexity.

:func:`enclose` evaluates an expression on an interval with mpmath's interval arithmetic
(``mpmath.iv``, outward rounding), so that the interval it returns contains every value the
expression takes there. The monotone functions mpmath.iv lacks (tanh, erf, erfc, atan, asinh,
sinh, σ, Φ) are enclosed by their values at the two ends, computed 40 bits above the working
precision and widened outward by more than their error.

:func:`certify` proves that a function g is positive (or nonnegative) on an interval, ends
included or not, by branch and bound: on each sub-interval J either the enclosure of g is
positive; or g is monotone on J (the enclosure of g' excludes 0) and its value at the lower end
decides; or g is convex or concave on J (the enclosure of g'' excludes 0), so that g' has at
most one root there, bracketed by the signs of g' at the ends and bisected, the value of g on
the bracket deciding (or, where the bracket's enclosure contains 0, the root solved exactly by
SymPy, checked to lie in the bracket, and g at it decided exactly). Values at single points are
decided exactly where the enclosure cannot (:func:`glusym.check.zero._number_sign`). The
infinite tails (−∞, −R] and [R, ∞) are proved by an enclosure of g on the whole tail, or by the
sign of g' on it (its factors that SymPy proves positive set aside, the rest enclosed) with the
limit of g at the infinite end taken by SymPy.

>>> import sympy
>>> from glusym.functions import sigmoid
>>> x = sympy.Symbol("x", real=True)
>>> J = mpmath.iv.mpf([0, 1])
>>> lo, hi = _mpf_ends(enclose(sigmoid(x), x, J))
>>> print(float(lo), float(hi))
0.5 0.7310585786300049
>>> certify(x * sigmoid(x) + sympy.Rational(7, 25), x, -sympy.oo, sympy.oo, strict=False).proved
True
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy
from sympy import Expr, Symbol
from sympy.core.relational import Relational

from ..functions import Phi, elementary, phi, sigmoid, to_sympy
from .limits import real_limit
from .zero import _number_sign

iv = mpmath.iv

#: bits of the interval arithmetic
PREC = 120
#: the most sub-intervals one proof may look at
MAX_BOXES = 6000
#: half-widths of the compact part tried, beyond which the tails are proved whole
RADII = (20, 60, 400)
#: how many derivatives deep a tail argument may go
TAIL_DEPTH = 3


class NoEnclosure(Exception):
    """The expression has a part the interval arithmetic does not evaluate (or a domain error)."""


def _point(v: Any) -> Any:
    return iv.mpf(v)


def _mpf_ends(J: Any) -> tuple[mpmath.mpf, mpmath.mpf]:
    """The two ends of an interval, exactly (mpmath.mpf of a raw value would round it)."""
    return mpmath.mp.make_mpf(J._mpi_[0]), mpmath.mp.make_mpf(J._mpi_[1])


def _hull(parts: list[Any]) -> Any:
    lo = min(_mpf_ends(p)[0] for p in parts)
    hi = max(_mpf_ends(p)[1] for p in parts)
    return iv.mpf([lo, hi])


_LIMITS = {  # value at -oo and +oo of the monotone functions enclosed by their ends
    "tanh": (-1, 1), "erf": (-1, 1), "erfc": (2, 0), "atan": ("-pi/2", "pi/2"), "asinh": ("-inf", "inf"),
    "sinh": ("-inf", "inf"), "sigmoid": (0, 1), "Phi": (0, 1),
}


def _monotone(name: str, f: Any, J: Any, increasing: bool) -> Any:
    """The enclosure of a monotone function on J from its values at J's ends."""
    lo, hi = _mpf_ends(J)
    with mpmath.workprec(PREC + 40):
        def at(t: mpmath.mpf, end: int) -> mpmath.mpf:
            if mpmath.isinf(t):
                v = _LIMITS[name][0 if t < 0 else 1]
                if v == "pi/2":
                    return +mpmath.pi / 2
                if v == "-pi/2":
                    return -mpmath.pi / 2
                return mpmath.mpf(v)
            return f(t)
        a, b = at(lo, 0), at(hi, 1)
        if not increasing:
            a, b = b, a
        slack = mpmath.mpf(2) ** -(PREC - 4)
        a = a - abs(a) * slack - mpmath.mpf(2) ** -(PREC + 30) if mpmath.isfinite(a) else a
        b = b + abs(b) * slack + mpmath.mpf(2) ** -(PREC + 30) if mpmath.isfinite(b) else b
    return iv.mpf([a, b])


def _sigmoid(t: mpmath.mpf) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-t))


def _Phi(t: mpmath.mpf) -> mpmath.mpf:
    return mpmath.erfc(-t / mpmath.sqrt(2)) / 2


def _truth(cond: Any, var: Symbol, J: Any) -> bool | None:
    """Whether a branch condition holds everywhere on J (True), nowhere (False), or either (None)."""
    if cond is sympy.true or cond is True:
        return True
    if cond is sympy.false or cond is False:
        return False
    if isinstance(cond, Relational):
        d = enclose(cond.lhs - cond.rhs, var, J)
        lo, hi = _mpf_ends(d)
        op = cond.rel_op
        if op in (">", ">="):
            lo, hi, op = -hi, -lo, "<" if op == ">" else "<="
        if op == "<":
            return True if hi < 0 else False if lo >= 0 else None
        if op == "<=":
            return True if hi <= 0 else False if lo > 0 else None
        if op == "==":
            return False if (lo > 0 or hi < 0) else (True if lo == hi == 0 else None)
        if op == "!=":
            return True if (lo > 0 or hi < 0) else (False if lo == hi == 0 else None)
        return None
    if isinstance(cond, sympy.And):
        vals = [_truth(a, var, J) for a in cond.args]
        return False if False in vals else True if all(v is True for v in vals) else None
    if isinstance(cond, sympy.Or):
        vals = [_truth(a, var, J) for a in cond.args]
        return True if True in vals else False if all(v is False for v in vals) else None
    if isinstance(cond, sympy.Not):
        v = _truth(cond.args[0], var, J)
        return None if v is None else not v
    raise NoEnclosure(f"a condition {cond}")


def enclose(e: Any, var: Symbol, J: Any) -> Any:
    """An interval containing every value of e for var in J (raises :class:`NoEnclosure`)."""
    old = iv.prec
    iv.prec = PREC
    try:
        return _enclose(e, var, J)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError, mpmath.libmp.libhyper.NoConvergence) as exc:
        raise NoEnclosure(type(exc).__name__) from None
    finally:
        iv.prec = old


def _enclose(e: Any, var: Symbol, J: Any) -> Any:
    if e == var:
        return J
    if isinstance(e, sympy.Basic) and not e.is_Rational and e.is_number and not e.has(var):
        return _constant(e)
    if isinstance(e, Symbol):
        raise NoEnclosure(f"another variable {e}")
    if e.is_Integer:
        return iv.mpf(int(e))
    if e.is_Rational:
        return iv.mpf(int(e.p)) / iv.mpf(int(e.q))
    if e.is_Float:
        return iv.mpf(mpmath.mpf(e._mpf_))
    if e is sympy.pi:
        return +iv.pi
    if e is sympy.E:
        return +iv.e
    if e in (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        raise NoEnclosure("an infinity")
    if isinstance(e, sympy.Add):
        out = _enclose(e.args[0], var, J)
        for a in e.args[1:]:
            out = out + _enclose(a, var, J)
        return out
    if isinstance(e, sympy.Mul):
        out = _enclose(e.args[0], var, J)
        for a in e.args[1:]:
            out = out * _enclose(a, var, J)
        return out
    if isinstance(e, sympy.Pow):
        b, q = e.args
        if b is sympy.E:
            return iv.exp(_enclose(q, var, J))
        B = _enclose(b, var, J)
        if q.is_Integer:
            n = int(q)
            if n >= 0:
                return B ** n
            lo, hi = _mpf_ends(B)
            if lo <= 0 <= hi:
                raise NoEnclosure("a pole")
            return 1 / (B ** (-n))
        lo, hi = _mpf_ends(B)
        if q == sympy.S.Half:
            if lo < 0:
                raise NoEnclosure("a square root of a negative number")
            return iv.sqrt(B)
        if q == -sympy.S.Half:
            if lo <= 0:
                raise NoEnclosure("a square root at 0")
            return 1 / iv.sqrt(B)
        if lo <= 0:
            raise NoEnclosure("a power of a number that may be 0 or negative")
        return iv.exp(_enclose(q, var, J) * iv.log(B))
    if isinstance(e, sympy.exp):
        return iv.exp(_enclose(e.args[0], var, J))
    if isinstance(e, sympy.log) and len(e.args) == 1:
        A = _enclose(e.args[0], var, J)
        if _mpf_ends(A)[0] <= 0:
            raise NoEnclosure("a logarithm of a number that may be 0 or negative")
        return iv.log(A)
    if isinstance(e, sympy.Abs):
        return abs(_enclose(e.args[0], var, J))
    if isinstance(e, (sympy.Max, sympy.Min)):
        parts = [_enclose(a, var, J) for a in e.args]
        ends = [_mpf_ends(p) for p in parts]
        pick = max if isinstance(e, sympy.Max) else min
        return iv.mpf([pick(a for a, _ in ends), pick(b for _, b in ends)])
    if isinstance(e, (sympy.sin, sympy.cos)):
        return (iv.sin if isinstance(e, sympy.sin) else iv.cos)(_enclose(e.args[0], var, J))
    if isinstance(e, sympy.cosh):
        A = abs(_enclose(e.args[0], var, J))
        lo, hi = _mpf_ends(A)
        with mpmath.workprec(PREC + 40):
            slack = mpmath.mpf(2) ** -(PREC - 4)
            a = mpmath.cosh(lo) * (1 - slack)
            b = mpmath.cosh(hi) * (1 + slack) if mpmath.isfinite(hi) else mpmath.inf
        return iv.mpf([max(a, mpmath.mpf(1)), b])
    monotone = {sympy.tanh: ("tanh", mpmath.tanh, True), sympy.erf: ("erf", mpmath.erf, True),
                sympy.erfc: ("erfc", mpmath.erfc, False), sympy.atan: ("atan", mpmath.atan, True),
                sympy.asinh: ("asinh", mpmath.asinh, True), sympy.sinh: ("sinh", mpmath.sinh, True),
                sigmoid: ("sigmoid", _sigmoid, True), Phi: ("Phi", _Phi, True)}
    for cls, (name, f, up) in monotone.items():
        if isinstance(e, cls):
            return _monotone(name, f, _enclose(e.args[0], var, J), up)
    if isinstance(e, phi):
        return _enclose(elementary(e), var, J)
    if isinstance(e, sympy.sign):
        A = _enclose(e.args[0], var, J)
        lo, hi = _mpf_ends(A)
        return iv.mpf(1) if lo > 0 else iv.mpf(-1) if hi < 0 else iv.mpf([-1, 1])
    if isinstance(e, sympy.Heaviside):
        A = _enclose(e.args[0], var, J)
        lo, hi = _mpf_ends(A)
        return iv.mpf(1) if lo > 0 else iv.mpf(0) if hi < 0 else iv.mpf([0, 1])
    if isinstance(e, sympy.Piecewise):
        parts = []
        for value, cond in e.args:
            t = _truth(cond, var, J)
            if t is False:
                continue
            parts.append(_enclose(value, var, J))
            if t is True:
                break
        if not parts:
            raise NoEnclosure("no branch holds")
        return _hull(parts)
    raise NoEnclosure(f"{type(e).__name__} is not enclosed")


@functools.lru_cache(maxsize=1024)
def _constant(e: Expr) -> Any:
    """A constant (W(1/e), sqrt(2/pi)) enclosed from SymPy's evalf, whose digits are tracked,
    widened outward by far more than their error."""
    digits = PREC // 3 + 15
    v = sympy.N(e, digits)
    if not v.is_Float:
        if v.is_Rational:
            return iv.mpf(int(v.p)) / iv.mpf(int(v.q))
        raise NoEnclosure(f"a constant {e} that is not a real number")
    with mpmath.workprec(PREC + 60):
        m = mpmath.mpf(v._mpf_)
        slack = abs(m) * mpmath.mpf(10) ** -(digits - 8) + mpmath.mpf(10) ** -(digits + 20)
        return iv.mpf([m - slack, m + slack])


def sign_at(e: Expr, pt: dict[Symbol, Expr]) -> int | None:
    """The sign of ``e`` at an exact point, certified by interval arithmetic (every variable but
    one set exactly, the last a degenerate interval): 1 or -1, or None where the enclosure holds
    0 or cannot be made. Where no working precision resolves a cancellation (1 − Φ(170),
    1 + e^{-10^6} beside 1), the enclosure holds 0: no sign is made up.

    >>> x = Symbol("x", real=True)
    >>> sign_at(1 - Phi(x), {x: sympy.Integer(170)}), sign_at(1 - Phi(x), {x: sympy.Integer(3)})
    (None, 1)
    """
    free = sorted(e.free_symbols, key=lambda s: s.name) if isinstance(e, sympy.Basic) else []
    if any(s not in pt for s in free):
        return None
    try:
        if not free:
            A = _constant(e) if not e.is_Rational else iv.mpf(int(e.p)) / iv.mpf(int(e.q))
        else:
            var, rest = free[0], free[1:]
            h = e.xreplace({s: pt[s] for s in rest})
            with mpmath.workprec(PREC + 60):
                t = pt[var]
                J = iv.mpf(int(t.p)) / iv.mpf(int(t.q)) if t.is_Rational else _constant(t)
            A = enclose(elementary(h), var, J)
        lo, hi = _mpf_ends(A)
    except (NoEnclosure, ZeroDivisionError, ValueError, OverflowError, TypeError, AttributeError):
        return None
    if lo > 0:
        return 1
    if hi < 0:
        return -1
    return None


def enclose_all(forms: list[Expr], var: Symbol, J: Any) -> Any:
    """The intersection of the enclosures of several forms of one function (each contains every
    value, so their intersection does too); raises :class:`NoEnclosure` where none encloses."""
    got = []
    for f in forms:
        try:
            got.append(enclose(f, var, J))
        except NoEnclosure:
            continue
    if not got:
        raise NoEnclosure("no form of the function could be enclosed")
    ends = [_mpf_ends(E) for E in got]
    lo, hi = max(a for a, _ in ends), min(b for _, b in ends)
    if lo > hi:  # cannot happen with sound arithmetic; refuse rather than decide
        raise NoEnclosure("the enclosures of two forms do not meet")
    return iv.mpf([lo, hi])


def _meet(A: Any, B: Any) -> Any:
    """The intersection of two enclosures of one value."""
    (a1, b1), (a2, b2) = _mpf_ends(A), _mpf_ends(B)
    lo, hi = max(a1, a2), min(b1, b2)
    if lo > hi:
        raise NoEnclosure("two enclosures of one value do not meet")
    return iv.mpf([lo, hi])


def forms_of(e: Expr) -> list[Expr]:
    """A few equivalent forms of e whose interval evaluations differ (the dependency problem):
    as written, its common factors taken out, and over one denominator in exponentials."""
    out = [e]
    for step in (sympy.factor_terms,
                 lambda a: sympy.cancel(sympy.together(elementary(a).rewrite(sympy.exp)))):
        try:
            f = step(e)
        except (TypeError, ValueError, NotImplementedError, sympy.PolynomialError):
            continue
        if f not in out and sympy.count_ops(f) < 4 * sympy.count_ops(e) + 20:
            out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# the proof


@dataclass
class Certificate:
    """The outcome of :func:`certify`: ``proved``; or a ``witness`` (an exact point where the
    relation is false: equality where it is strict); ``how`` says which arguments were used."""

    proved: bool
    how: list[str] = field(default_factory=list)
    witness: Expr | None = None
    boxes: int = 0
    why: str = ""
    radius: int = 0


def _exact_point(t: Any) -> Expr:
    if isinstance(t, sympy.Basic):
        return t
    sign, man, exp, _ = mpmath.mpf(t)._mpf_
    return (-1) ** int(sign) * sympy.Integer(int(man)) * sympy.Integer(2) ** int(exp)


def _exact_zero(v: Expr) -> bool:
    """v is 0, proved (SymPy, with e^{a+W(z)} = e^a z/W(z) for values at a Lambert-W point)."""
    from ..analysis.extrema import _lambert

    if v.has(sympy.LambertW):
        try:
            if sympy.simplify(_lambert(elementary(v))) == 0:
                return True
        except (TypeError, ValueError, NotImplementedError):
            pass
    return _number_sign(v) == 0


class _Prover:
    def __init__(self, g: Expr, var: Symbol, strict: bool, deadline: float) -> None:
        self.g, self.var, self.strict, self.deadline = g, var, strict, deadline
        self.smooth = not g.has(sympy.Piecewise, sympy.Abs, sympy.Max, sympy.Min, sympy.Heaviside, sympy.sign)
        self.g1 = sympy.diff(g, var) if self.smooth else None
        self.g2 = sympy.diff(self.g1, var) if self.smooth else None
        self.forms = {id(h): forms_of(h) for h in (g, self.g1, self.g2) if h is not None}
        self.derivs = [h for h in (g, self.g1, self.g2) if h is not None]
        self._tails: dict[Any, Any] = {}
        self._t = sympy.Dummy("t", positive=True)
        self.boxes = 0
        self.how: set[str] = set()
        self.witness: Expr | None = None

    # point values -------------------------------------------------------------------------
    def sign_at(self, h: Expr, t: Any) -> int | None:
        """The sign of h at a point: by a point enclosure, else exactly."""
        if not isinstance(t, sympy.Basic) or t.is_Rational:
            try:
                E = self.enc(h, _point(t) if not isinstance(t, sympy.Basic) else
                             iv.mpf(int(t.p)) / iv.mpf(int(t.q)))
                lo, hi = _mpf_ends(E)
                if lo > 0:
                    return 1
                if hi < 0:
                    return -1
            except NoEnclosure:
                pass
        value = h.xreplace({self.var: _exact_point(t)})
        if h is self.g and _exact_zero(value):
            return 0
        return _number_sign(value)

    def ok_at(self, t: Any, in_domain: bool) -> bool:
        """g at t satisfies the relation (t in the domain), or g(t) >= 0 (t an open end)."""
        s = self.sign_at(self.g, t)
        if s is None:
            return False
        if s > 0:
            return True
        if s == 0 and (not self.strict or not in_domain):
            return True
        if s == 0 and self.strict and in_domain:
            self.witness = _exact_point(t)
        return False

    def enc(self, h: Expr, J: Any) -> Any:
        return enclose_all(self.forms.get(id(h), [h]), self.var, J)

    def good(self, E: Any) -> bool:
        lo, _ = _mpf_ends(E)
        return lo > 0 or (not self.strict and lo >= 0)

    # compact part -------------------------------------------------------------------------
    def compact(self, lo: Any, hi: Any, lo_in: bool, hi_in: bool) -> bool:
        """g satisfies the relation on [lo, hi] (lo, hi exact SymPy numbers or mpf)."""
        stack = [(lo, hi, lo_in, hi_in, 0)]
        while stack:
            if time.monotonic() > self.deadline or self.boxes > MAX_BOXES:
                return False
            l, r, l_in, r_in, depth = stack.pop()
            self.boxes += 1
            L, Rr = self._mp(l), self._mp(r)
            J = iv.mpf([L, Rr]) if L <= Rr else None
            if J is None:
                continue
            decided = self.box(J, l, r, l_in, r_in)
            if decided is True:
                continue
            if decided is False or depth > 60 or self.witness is not None:
                return False
            m = (L + Rr) / 2
            stack.append((m, r, True, r_in, depth + 1))
            stack.append((l, m, l_in, True, depth + 1))
        return True

    def _mp(self, t: Any) -> mpmath.mpf:
        if isinstance(t, sympy.Basic):
            with mpmath.workprec(PREC):
                return mpmath.mpf(sympy.N(t, PREC // 3 + 5)._mpf_) if not t.is_Rational else \
                    mpmath.mpf(int(t.p)) / int(t.q)
        return t

    def box(self, J: Any, l: Any, r: Any, l_in: bool, r_in: bool) -> bool | None:
        """True: proved on the box; False: cannot be (a point fails); None: split it."""
        try:
            E = self.enc(self.g, J)
        except NoEnclosure:
            return None
        if self.good(E):
            self.how.add("interval arithmetic")
            return True
        if _mpf_ends(E)[1] < 0:
            return False
        if not self.smooth:
            return None
        try:
            D = self.enc(self.g1, J)
        except NoEnclosure:
            return None
        dlo, dhi = _mpf_ends(D)
        if dlo > 0:
            self.how.add("monotonicity")
            return self.ok_at(l, l_in) or None
        if dhi < 0:
            self.how.add("monotonicity")
            return self.ok_at(r, r_in) or None
        if dlo >= 0 or dhi <= 0:  # g' >= 0 (or <= 0): g is at least its value at one end
            s = self.sign_at(self.g, l if dlo >= 0 else r)
            if s is not None and (s > 0 or (s == 0 and not self.strict)):
                self.how.add("monotonicity")
                return True
        for t, t_in, side in ((l, l_in, 1), (r, r_in, -1)):
            got = self.contact(J, t, t_in, side)
            if got is not None:
                return got
        try:
            D2 = self.enc(self.g2, J)
        except NoEnclosure:
            return None
        clo, chi = _mpf_ends(D2)
        if not (clo > 0 or chi < 0):
            return None
        sl, sr = self.sign_at(self.g1, l), self.sign_at(self.g1, r)
        if sl is None or sr is None:
            return None
        convex = clo > 0
        if convex:
            if sl >= 0:
                self.how.add("monotonicity")
                return self.ok_at(l, l_in) or None
            if sr <= 0:
                self.how.add("monotonicity")
                return self.ok_at(r, r_in) or None
            self.how.add("convexity")
            return self.interior_min(l, r)
        if sl <= 0:
            self.how.add("monotonicity")
            return self.ok_at(r, r_in) or None
        if sr >= 0:
            self.how.add("monotonicity")
            return self.ok_at(l, l_in) or None
        self.how.add("concavity")
        return (self.ok_at(l, l_in) and self.ok_at(r, r_in)) or None

    def derivative(self, k: int) -> Expr:
        while len(self.derivs) <= k:
            d = sympy.diff(self.derivs[-1], self.var)
            self.derivs.append(d)
            self.forms[id(d)] = forms_of(d)
        return self.derivs[k]

    def contact(self, J: Any, t: Any, t_in: bool, side: int) -> bool | None:
        """Where g and its first k-1 derivatives are 0 at the end t of J, exactly, and g^(k) has
        one sign s on J: g has the sign s (side 1, t the lower end) or (-1)^k s (t the upper end)
        on the rest of J (g is the k-fold integral of g^(k) from t). None where this does not apply."""
        if self.sign_at(self.g, t) != 0:
            return None
        for k in range(1, 6):
            try:
                lo, hi = _mpf_ends(self.enc(self.derivative(k), J))
            except NoEnclosure:
                return None
            if lo > 0 or hi < 0:
                s = (1 if lo > 0 else -1) * (1 if side > 0 or k % 2 == 0 else -1)
                if s < 0:
                    return False
                self.how.add("the order of contact at a zero")
                if self.strict and t_in:
                    self.witness = _exact_point(t)
                    return False
                return True
            if self.sign_at(self.derivative(k), t) != 0:
                return None
        return None

    def interior_min(self, l: Any, r: Any) -> bool | None:
        """g convex on [l, r], g'(l) < 0 < g'(r): its minimum at the one root of g', bracketed."""
        a, b = self._mp(l), self._mp(r)
        for k in range(PREC - 10):
            m = (a + b) / 2
            try:  # the sign of g' at the middle, by a point enclosure (no exact evaluation here)
                lo_, hi_ = _mpf_ends(self.enc(self.g1, _point(m)))
            except NoEnclosure:
                break
            if lo_ > 0:
                b = m
            elif hi_ < 0:
                a = m
            else:
                break
            if k % 6 == 5:
                try:
                    if self.good(self.enc(self.g, iv.mpf([a, b]))):
                        return True
                except NoEnclosure:
                    pass
        try:
            E = self.enc(self.g, iv.mpf([a, b]))
        except NoEnclosure:
            return None
        if self.good(E):
            return True
        if _mpf_ends(E)[1] < 0:
            return False
        # the bracket's values straddle 0: the root of g' exactly, if SymPy solves it
        from ..analysis.extrema import EXACT_BUDGET, _attempt

        lo_q, hi_q = _exact_point(a) - sympy.Rational(1, 10**6), _exact_point(b) + sympy.Rational(1, 10**6)
        g1 = elementary(self.g1)
        # (SymPy's own check of each solution is slow: each is checked here instead, to be a root of
        # g' to 70 digits inside the bracket, where g' has exactly one root)
        sols = _attempt(lambda: sympy.solve(g1, self.var, check=False), 4 * EXACT_BUDGET) or []
        for root in sols:
            if root.free_symbols or root.is_real is False:
                continue
            try:
                v = sympy.N(root, 80)
                if not v.is_real or not (lo_q <= v <= hi_q):
                    continue
                if not (abs(v - _exact_point((a + b) / 2)) <= (b - a) + sympy.Float(10) ** -30):
                    continue
                r1 = sympy.N(g1.xreplace({self.var: root}), 80)
                if not (r1.is_real and abs(r1) <= sympy.Float(10, 80) ** -70):
                    continue
            except (TypeError, ValueError):
                continue
            self.how.add("the critical point solved exactly")
            return self.ok_at(root, True)
        return False

    # tails --------------------------------------------------------------------------------
    def tail(self, at: Expr, side: int) -> bool:
        """g satisfies the relation on [at, oo) (side 1) or (-oo, at] (side -1)."""
        end = sympy.oo if side > 0 else -sympy.oo
        A = self._mp(at)
        J = iv.mpf([A, mpmath.inf]) if side > 0 else iv.mpf([-mpmath.inf, A])
        try:
            if self.good(self.enc(self.g, J)):
                self.how.add("interval arithmetic on the tails")
                return True
        except NoEnclosure:
            pass
        shifted = self.shifted(self.g, at, side)  # SymPy's assumptions on x = at ± t, t > 0
        if any((f.is_positive if self.strict else f.is_nonnegative) for f in _forms(shifted)) and \
                self.ok_at(at, True):
            self.how.add("a sign argument on the tails")
            return True
        if not self.smooth:
            return False
        E = self.tail_enc(self.g, J, at, end, TAIL_DEPTH)
        if E is not None and self.good(E):
            self.how.add("interval arithmetic on the tails")
            return True
        s = self._tail_sign(self.g1, J, at, end, TAIL_DEPTH)
        if s is None:
            return False
        self.how.add("monotonicity on the tails")
        toward_end_up = s * side > 0  # g grows toward the infinite end
        if toward_end_up:  # the infimum over the tail is g at its finite end
            return self.ok_at(at, True)
        # g falls toward the infinite end: its infimum there is the limit, not attained
        L = self._limit(self.g, end)
        if L is None:
            return False
        if L is sympy.oo:
            return True
        sign = _number_sign(L)
        if sign is None or sign < 0:
            return False
        self.how.add("limits at ±∞ (SymPy)")
        return True

    def _limit(self, h: Expr, end: Expr) -> Expr | None:
        """SymPy's limit of h at an infinite end (None where it gives none, or no real number)."""
        return real_limit(elementary(h), self.var, end, self.deadline)

    def shifted(self, h: Expr, at: Expr, side: int) -> Expr:
        """h on the tail beyond ``at`` written with a positive variable: x = at + t (side 1) or at - t."""
        return h.xreplace({self.var: at + side * self._t})

    def tail_enc(self, h: Expr, J: Any, at: Expr, end: Expr, depth: int, whole: bool = True) -> Any:
        """An enclosure of h on a tail J, tighter than interval arithmetic gives where a product
        meets ∞·0 (x·e^{-x} on [20, ∞) is [0, ∞] by intervals): sums and products of the parts'
        enclosures, and, for a part that is still unbounded, its monotonicity on the tail (the sign
        of its derivative, found the same way), which bounds it by its value at the finite end.
        None where nothing encloses it."""
        key = (h, end, depth, whole)
        if key in self._tails:
            return self._tails[key]
        self._tails[key] = None  # (a recursion back to the same part encloses nothing)
        try:  # (several forms only for a whole function: its parts are many, and small)
            E = enclose_all(self.forms[id(h)] if id(h) in self.forms else forms_of(h) if whole else [h], self.var, J)
        except NoEnclosure:
            E = None

        def finite(I: Any) -> bool:
            return I is not None and all(mpmath.isfinite(t) for t in _mpf_ends(I))

        if not finite(E) and isinstance(h, (sympy.Add, sympy.Mul)) and h.has(self.var) and \
                time.monotonic() < self.deadline:
            parts = [self.tail_enc(a, J, at, end, depth, whole=False) for a in h.args]
            if all(p_ is not None for p_ in parts):
                out = parts[0]
                for p_ in parts[1:]:
                    out = out + p_ if isinstance(h, sympy.Add) else out * p_
                E = out if E is None else _meet(E, out)
        if not finite(E) and depth > 0 and h.has(self.var) and time.monotonic() < self.deadline:
            s = self._tail_sign(sympy.diff(h, self.var), J, at, end, depth - 1)
            if s is not None:
                try:
                    here = self.enc(h, iv.mpf(self._mp(at)) if not at.is_Rational else
                                    iv.mpf(int(at.p)) / iv.mpf(int(at.q)))
                except NoEnclosure:
                    here = None
                if here is not None:
                    up = s * (1 if end is sympy.oo else -1) > 0  # h grows toward the infinite end
                    h_lo, h_hi = _mpf_ends(here)
                    e_lo, e_hi = _mpf_ends(E) if E is not None else (-mpmath.inf, mpmath.inf)
                    E = iv.mpf([h_lo, e_hi]) if up else iv.mpf([e_lo, h_hi])
                    self.how.add("monotonicity on the tails")
        self._tails[key] = E
        return E

    def _tail_sign(self, h: Expr, J: Any, at: Expr, end: Expr, depth: int) -> int | None:
        """The sign of h on a tail J = [at, oo) or (-oo, at], 0 excluded: its factors SymPy proves
        positive (or negative) set aside and the rest enclosed on the tail; or else, h being
        monotone there (the sign of h' on the tail, found the same way), from the sign of h at the
        finite end and its limit at the infinite one, between which it lies."""
        sign, rest = 1, []
        side = 1 if end is sympy.oo else -1
        for f in sympy.Mul.make_args(sympy.factor_terms(h)):
            s = (_symbolic_sign(f) or _symbolic_sign(self.shifted(f, at, side))) if f.has(self.var) else _number_sign(f)
            if s is None:
                rest.append(f)
            elif s == 0:
                return None
            else:
                sign *= s
        E = self.tail_enc(sympy.Mul(*rest), J, at, end, depth - 1)
        if E is not None:
            lo, hi = _mpf_ends(E)
            if lo > 0:
                return sign
            if hi < 0:
                return -sign
        if depth <= 0 or time.monotonic() > self.deadline:
            return None
        if self._tail_sign(sympy.diff(h, self.var), J, at, end, depth - 1) is None:
            return None  # h is monotone on the tail: it lies strictly between h(at) and its limit
        here = self.sign_at(h, at)
        L = self._limit(h, end)
        if here in (None, 0) or L is None:
            return None
        far = 1 if L is sympy.oo else -1 if L is -sympy.oo else _number_sign(L)
        if far is None or far * here < 0:
            return None
        self.how.add("higher derivatives on the tails")
        return here


@functools.lru_cache(maxsize=2048)
def _symbolic_sign(f: Expr) -> int | None:
    """1 or -1 where SymPy proves f positive or negative for every real value (several forms)."""
    for form in _forms(f):
        if form.is_positive:
            return 1
        if form.is_negative:
            return -1
    return None


def _forms(f: Expr) -> list[Expr]:
    """f as written, with glusym's functions in SymPy's, and over one denominator in exponentials
    (the last two only for a small f: rewriting a large one costs more than it proves)."""
    out = [f]
    if sympy.count_ops(f) > 40:
        return out
    try:
        e = elementary(f)
        out.append(e)
        e2 = sympy.together(e.rewrite(sympy.exp))
        out.append(e2)
    except (TypeError, ValueError, NotImplementedError):
        pass
    return out


def certify(g: Expr, var: Symbol, lo: Expr, hi: Expr, strict: bool, lo_in: bool = False,
            hi_in: bool = False, deadline: float | None = None) -> Certificate:
    """Prove g > 0 (strict) or g >= 0 on the interval from lo to hi (ends included where
    ``lo_in``/``hi_in``; infinite ends never are). g is one branch: continuous on the interval."""
    deadline = time.monotonic() + 3.0 if deadline is None else deadline
    with mpmath.workprec(PREC):
        return _certify(g, var, lo, hi, strict, lo_in, hi_in, deadline)


def _singular_at(p: "_Prover", end: Expr) -> bool:
    """g has no finite enclosure at a finite end (log x at 0, 1/x at 0)."""
    try:
        E = p.enc(p.g, iv.mpf(p._mp(end)) if not end.is_Rational else iv.mpf(int(end.p)) / iv.mpf(int(end.q)))
    except NoEnclosure:
        return True
    lo, hi = _mpf_ends(E)
    return not (mpmath.isfinite(lo) and mpmath.isfinite(hi))


def _open_end(p: "_Prover", end: Expr, side: int, T: int) -> bool:
    """g satisfies the relation on (end, end + 1/T] (side 1) or [end - 1/T, end) (side -1), proved
    as the tail [T, oo) of h(t) = g(end ± 1/t)."""
    t = sympy.Dummy("t", positive=True)
    h = p.g.xreplace({p.var: end + side / t})
    sub = _Prover(h, t, p.strict, p.deadline)
    ok = sub.tail(sympy.Integer(T), 1)
    p.boxes += sub.boxes
    if ok:
        p.how.add("the open ends as tails (x = a ± 1/t)")
        p.how.update(sub.how)
    return ok


def _certify(g: Expr, var: Symbol, lo: Expr, hi: Expr, strict: bool, lo_in: bool, hi_in: bool,
             deadline: float) -> Certificate:
    p = _Prover(g, var, strict, deadline)
    lo, hi = to_sympy(lo, "an end"), to_sympy(hi, "an end")
    for R in RADII:
        p.how = set()
        a = lo if lo != -sympy.oo else (sympy.Integer(-R) if hi == sympy.oo or hi > -R else hi - R)
        b = hi if hi != sympy.oo else (sympy.Integer(R) if a < R else a + R)
        if a > b:
            continue
        a_in, b_in = (lo_in if lo != -sympy.oo else True), (hi_in if hi != sympy.oo else True)
        if lo.is_finite and not lo_in and _singular_at(p, lo):  # (lo, lo + 1/T] as a tail in t
            T = max(R, int(math.ceil(4 / (float(b) - float(lo)))) if b.is_finite else R)
            if not _open_end(p, lo, 1, T):
                continue
            a, a_in = lo + sympy.Rational(1, T), True
        if hi.is_finite and not hi_in and _singular_at(p, hi):
            T = max(R, int(math.ceil(4 / (float(hi) - float(a)))))
            if not _open_end(p, hi, -1, T):
                continue
            b, b_in = hi - sympy.Rational(1, T), True
        if lo == -sympy.oo and not p.tail(a, -1):
            continue
        if hi == sympy.oo and not p.tail(b, 1):
            continue
        ok = p.compact(a, b, a_in, b_in)
        return Certificate(ok, sorted(p.how), p.witness, p.boxes,
                           "" if ok else "the branch and bound did not close",
                           R if (lo == -sympy.oo or hi == sympy.oo) else 0)
        # (a tail that does not close is tried again with a wider compact part)
    return Certificate(False, sorted(p.how), p.witness, p.boxes, "the tails could not be proved")

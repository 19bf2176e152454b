r"""Stable rewrites and floating-point primitives behind :func:`glusym.numeric.to_numpy` (private).

Three layers, all general (nothing here knows a unit by name):

1. :func:`stabilise` rewrites a SymPy expression into placeholder functions whose float64
   evaluation is stable: :math:`1-\sigma(u)\to\sigma(-u)`, :math:`c\pm c\tanh z\to 2c\,\sigma(\pm2z)`,
   :math:`c-c\tanh^2 z\to4c\,\sigma(2z)\sigma(-2z)`, :math:`\log(1+e^u)\to\operatorname{softplus}(u)`,
   :math:`\log\sigma(u)\to-\operatorname{softplus}(-u)`, :math:`c\,e^u-c\to c\,\operatorname{expm1}(u)`,
   :math:`1-\Phi(u)\to\Phi(-u)`, erf/erfc into :math:`\Phi`, :math:`\tanh(\log g)` into a rational
   function of :math:`e^u` evaluated in :math:`e^{u}` for :math:`u\le0` and in :math:`e^{-u}` above,
   :math:`\sqrt{x^2+c}\to\operatorname{hypot}(x,\sqrt c)`, conjugate rationalisation of
   :math:`P+k\sqrt Q` on the side where it cancels, and :math:`\sigma(u)\sigma(-u)\to\sigma'(u)`,
   one quantity from one exponential.
2. :func:`emit` prints the rewritten tree as Python source over a namespace of primitives. The
   argument of an exponential-type primitive (σ, exp, expm1, softplus, Φ, φ) that is a polynomial
   in one variable is evaluated in double-double (compensated Horner with the exact constants
   split into two floats), and the primitive applies the first-order correction
   :math:`f(h+l)\approx f(h)+f'(h)\,l`: :math:`\sigma(1.7x)` at :math:`x=-400` would otherwise be
   hundreds of ULP off. σ(u), σ(-u) and σ'(u) in one expression share :math:`e^{-|u|}`. A product's
   numeric coefficient goes where it saves roundings (:meth:`_Emitter.fold`). :math:`\Phi` in the
   left tail is :math:`e^{-x^2/2}\,Q(-x)` with :math:`x^2/2` split exactly (Dekker) and :math:`Q`
   the Mills ratio over :math:`\sqrt{2\pi}`, piecewise polynomials fitted in mpmath at first use
   (SciPy's ``ndtr``/``erfc`` are up to 1.5e3 ULP off there, ``erfcx`` up to 6).
3. The same source runs over two namespaces: NumPy float64 (the fast path) and :class:`Ext`, an
   extended-exponent number :math:`m\,2^e` (the slow path, used only for results that come out
   tiny, zero, infinite or nan), so that a product such as :math:`x\,\Phi(x)` is rounded once
   into the subnormal range and :math:`0\cdot\infty` from an overflowing polynomial times an
   underflowing exponential never happens.

>>> from sympy import Symbol, tanh
>>> x = Symbol("x", real=True)
>>> stabilise(x / 2 * (1 + tanh(x)))
x*_sig(2*x)
"""

from __future__ import annotations

import functools
import math
from typing import Any

import mpmath
import numpy as np
import scipy.special as sc
import sympy
from sympy import Abs, Add, Expr, Function, Mul, Piecewise, Pow, S, Symbol, exp, log, sqrt, tanh
from sympy.codegen.cfunctions import expm1, log1p

from .functions import Phi, phi, sigmoid, to_sympy

__all__ = ["Ext", "NS_EXT", "NS_FAST", "emit", "stabilise"]


# ---------------------------------------------------------------------------------------------
# Placeholder functions of the stable form


class _sig(Function):
    """σ(u), computed with sign split (scipy.special.expit)."""

    nargs = 1


class _dsig(Function):
    """σ(u)σ(-u) = σ'(u) = e^{-|u|}/(1 + e^{-|u|})², as one quantity from one exponential."""

    nargs = 1


class _sp(Function):
    """softplus(u) = log(1 + e^u) = max(u, 0) + log1p(e^{-|u|})."""

    nargs = 1


class _ndtr(Function):
    """Φ(u), the normal CDF, accurate in the left tail."""

    nargs = 1


class _npdf(Function):
    """φ(u), the normal density, with u²/2 split exactly."""

    nargs = 1


class _hypot(Function):
    nargs = 2


class _exprat(Function):
    """A rational function N(w)/D(w) of w = e^u; args (u, N, D) with N, D polynomials in _W."""

    nargs = 3


class _conj(Function):
    """P + k*sqrt(Q) as where(P*k >= 0, P + k*S, D/(P - k*S)); args (P, kS, D)."""

    nargs = 3


_W = Symbol("_w", positive=True)
_EXPLIKE = (_sig, _dsig, _sp, _ndtr, _npdf, exp, expm1)


# ---------------------------------------------------------------------------------------------
# Rewrite rules


def _num(e: Expr) -> bool:
    return bool(e.is_number) and not e.has(sympy.I)


def _split_coeff(t: Expr) -> tuple[Expr, Expr]:
    """t = c * rest with c the numeric part."""
    c, rest = t.as_coeff_Mul()
    if rest.is_number:
        return c * rest, S.One
    return c, rest


def _rewrite_add(e: Add) -> Expr:
    terms = list(e.args)
    const = sum((t for t in terms if _num(t)), S.Zero)
    others = [t for t in terms if not _num(t)]
    if const == 0:
        return e
    for i, t in enumerate(others):
        c, f = _split_coeff(t)
        new = None
        if isinstance(f, sigmoid) and const == -c:          # c*σ(u) - c = -c*σ(-u)
            new = -c * sigmoid(-f.args[0])
        elif isinstance(f, Phi) and const == -c:
            new = -c * Phi(-f.args[0])
        elif isinstance(f, exp) and const == -c:             # c*e^u - c = c*expm1(u)
            new = c * expm1(f.args[0])
        elif isinstance(f, tanh) and const in (c, -c):       # c ± c*tanh(z) = 2c*σ(±2z)
            z = f.args[0]
            new = 2 * const * sigmoid(2 * z if const == c else -2 * z)
        elif isinstance(f, sympy.erf) and const in (c, -c):  # c ± c*erf(u) = 2c*Φ(±√2 u)
            u = f.args[0]
            new = 2 * const * Phi(sqrt(2) * u if const == c else -sqrt(2) * u)
        elif (isinstance(f, Pow) and f.exp == 2 and isinstance(f.base, tanh) and const == -c):
            z = f.base.args[0]                                # c - c*tanh(z)^2
            if isinstance(z, log):
                new = const * _exprat_of(1 - _tanh_log(z.args[0]) ** 2)
            else:
                new = 4 * const * sigmoid(2 * z) * sigmoid(-2 * z)
        if new is not None:
            rest = others[:i] + others[i + 1:]
            return Add(new, *rest)
    return e


def _tanh_log(g: Expr) -> Expr:
    return (g**2 - 1) / (g**2 + 1)


def _exp_arg(e: Expr) -> Expr | None:
    """The common argument u when every exp in e is exp(k*u) with a positive integer k."""
    args = {a.args[0] for a in e.atoms(exp)}
    if not args:
        return None
    base = min(args, key=sympy.count_ops)
    for a in args:
        k = sympy.simplify(a / base)
        if not (k.is_Integer and k > 0):
            return None
    return base


def _exprat_of(e: Expr) -> Expr:
    """e, a rational function of e^u with positive coefficients, as an _exprat node."""
    u = _exp_arg(e)
    if u is None:
        return e
    r = sympy.cancel(e.subs(exp(u), _W).replace(exp, lambda a: _W ** sympy.simplify(a / u)))
    if r.has(exp) or r.free_symbols - {_W}:
        return e
    n, d = sympy.fraction(sympy.cancel(r))
    try:
        pn, pd = sympy.Poly(n, _W), sympy.Poly(d, _W)
    except sympy.PolynomialError:
        return e
    coeffs = pn.all_coeffs() + pd.all_coeffs()
    if not all(_num(c) for c in coeffs):
        return e
    sgn_n = {sympy.sign(c) for c in pn.all_coeffs() if c != 0}
    sgn_d = {sympy.sign(c) for c in pd.all_coeffs() if c != 0}
    if len(sgn_n) > 1 or len(sgn_d) > 1:      # cancelling coefficients: leave it
        return e
    return _exprat(u, pn.as_expr(), pd.as_expr())


def _rewrite_log(e: log) -> Expr:
    a = e.args[0]
    if isinstance(a, sigmoid):
        return -_sp(-a.args[0])
    if isinstance(a, Add) and len(a.args) == 2 and S.One in a.args:
        other = a.args[0] if a.args[1] is S.One else a.args[1]
        if isinstance(other, exp):
            return _sp(other.args[0])
    if isinstance(a, Add) and S.One in a.args:
        return log1p(Add(*[t for t in a.args if t is not S.One]))
    return e


def _rewrite_pow(e: Pow) -> Expr:
    b, n = e.args
    if n == -1 and isinstance(b, Add) and len(b.args) == 2 and S.One in b.args:
        other = b.args[0] if b.args[1] is S.One else b.args[1]
        if isinstance(other, exp):                            # 1/(1 + e^a) = σ(-a)
            return sigmoid(-other.args[0])
    if n == -S.Half and isinstance(b, Add):
        h = _rewrite_pow(Pow(b, S.Half))
        return 1 / h if h != Pow(b, S.Half) else e
    if n == S.Half and isinstance(b, Add):                    # sqrt(x^2 + c) = hypot(x, sqrt c)
        c = sum((t for t in b.args if _num(t)), S.Zero)
        rest = Add(*[t for t in b.args if not _num(t)])
        if c.is_positive and isinstance(rest, Pow) and rest.exp == 2:
            return _hypot(rest.base, sqrt(c))
        if c.is_positive and isinstance(rest, Mul):
            k, r = rest.as_coeff_Mul()
            if k.is_positive and isinstance(r, Pow) and r.exp == 2:
                return sqrt(k) * _hypot(r.base, sqrt(c / k))
    return e


def _rewrite_mul(e: Mul) -> Expr:
    # σ(u) σ(-u) = σ'(u): one exponential, and 1.2 ULP at most where the product of two is 3.3 off
    sigs = [a for a in e.args if isinstance(a, sigmoid)]
    for i, a in enumerate(sigs):
        for b in sigs[i + 1:]:
            if sympy.expand(a.args[0] + b.args[0]) == 0:
                u = b.args[0] if a.args[0].could_extract_minus_sign() else a.args[0]
                rest = [f for f in e.args if f is not a and f is not b]
                return Mul(_dsig(u), *rest)
    # e^u * σ(-u) = σ(u)
    exps = [a for a in e.args if isinstance(a, exp)]
    for ex in exps:
        u = ex.args[0]
        for a in e.args:
            if isinstance(a, sigmoid) and sympy.expand(a.args[0] + u) == 0:
                rest = [b for b in e.args if b is not ex and b is not a]
                return Mul(sigmoid(u), *rest)
    return e


def _conjugate(e: Expr) -> Expr:
    """An Add with a sqrt/hypot term: over a common denominator, the numerator P + k*S is
    rationalised where P and k*S have opposite signs."""
    if not isinstance(e, Add) or not e.has(_hypot):
        return e
    n, d = sympy.fraction(sympy.together(e))
    n = sympy.expand(n)
    if not isinstance(n, Add):
        return e
    hyp = [t for t in n.args if t.has(_hypot)]
    if len(hyp) != 1:
        return e
    kS = hyp[0]
    k, Sx = kS.as_coeff_Mul()
    if not isinstance(Sx, _hypot) or not _num(k):
        return e
    P = Add(*[t for t in n.args if t is not kS])
    a, c = Sx.args
    D = sympy.expand(P**2 - k**2 * (a**2 + c**2))
    syms = sorted(P.free_symbols | D.free_symbols, key=str)
    try:
        lower = not syms or sympy.Poly(D, *syms).total_degree() < sympy.Poly(P**2, *syms).total_degree()
    except sympy.PolynomialError:
        lower = False
    if not lower:
        return e
    return _conj(P, kS, D) / d


def _bottom_up(e: Expr) -> Expr:
    if not e.args or isinstance(e, (_exprat,)):
        return e
    if isinstance(e, (sympy.core.relational.Relational, sympy.logic.boolalg.Boolean)) and not isinstance(e, Expr):
        return e.func(*[_bottom_up(a) for a in e.args])
    if isinstance(e, Piecewise):
        return Piecewise(*[(_bottom_up(v), _bottom_up(c)) for v, c in e.args])
    if isinstance(e, tanh) and isinstance(e.args[0], log):
        return _bottom_up(_exprat_of(_tanh_log(e.args[0].args[0])))
    if isinstance(e, Add):
        for t in e.args:
            c, f = _split_coeff(t)
            if isinstance(f, Pow) and f.exp == 2 and isinstance(f.base, tanh) and isinstance(f.base.args[0], log):
                pass
    args = [_bottom_up(a) for a in e.args] if not (isinstance(e, Add) and _tanh2_log(e)) else list(e.args)
    e = e.func(*args)
    for _ in range(3):
        old = e
        if isinstance(e, Add):
            e = _rewrite_add(e)
            if isinstance(e, Add):
                e = _conjugate(e)
        elif isinstance(e, log):
            e = _rewrite_log(e)
        elif isinstance(e, Pow):
            e = _rewrite_pow(e)
        elif isinstance(e, Mul):
            e = _rewrite_mul(e)
        elif isinstance(e, sympy.erfc):
            e = 2 * Phi(-sqrt(2) * e.args[0])
        if e == old:
            break
        e = e.func(*[_bottom_up(a) for a in e.args]) if e.args and not isinstance(e, _exprat) else e
    return e


def _tanh2_log(e: Add) -> bool:
    """True for an Add c - c*tanh(log g)^2 (handled as a whole by _rewrite_add)."""
    return any(isinstance(f, Pow) and f.exp == 2 and isinstance(f.base, tanh) and isinstance(f.base.args[0], log)
               for f in (_split_coeff(t)[1] for t in e.args))


def _finalise(e: Expr) -> Expr:
    return e.replace(lambda a: isinstance(a, (sigmoid, Phi, phi)),
                     lambda a: {sigmoid: _sig, Phi: _ndtr, phi: _npdf}[type(a)](a.args[0]))


@functools.lru_cache(maxsize=512)
def stabilise(expr: Expr) -> Expr:
    """The stable form of ``expr`` (placeholders ``_sig``, ``_sp``, ``_ndtr``, ``_npdf``, …).

    >>> from sympy import Symbol, log, exp
    >>> x = Symbol("x", real=True)
    >>> stabilise(log(1 + exp(x))), stabilise(1 - sigmoid(x))
    (_sp(x), _sig(-x))
    """
    kinds = (sympy.Max, sympy.Min, sympy.Heaviside, sympy.sign)
    if expr.has(*kinds):
        expr = expr.replace(lambda e: isinstance(e, kinds), lambda e: e.rewrite(Piecewise))
    out = _bottom_up(to_sympy(expr, "the argument of stabilise"))
    return _finalise(out)


# ---------------------------------------------------------------------------------------------
# Double-double helpers (Dekker, no FMA)

_SPLIT = 134217729.0  # 2**27 + 1


def _split(a: Any) -> tuple[Any, Any]:
    t = _SPLIT * a
    hi = t - (t - a)
    return hi, a - hi


def _two_prod(a: Any, b: Any) -> tuple[Any, Any]:
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _two_square(a: Any) -> tuple[Any, Any]:
    """a² = p + err exactly, as :func:`_two_prod` with one split (a square needs one)."""
    p = a * a
    ah, al = _split(a)
    return p, ((ah * ah - p) + 2.0 * ah * al) + al * al


def _two_sum(a: Any, b: Any) -> tuple[Any, Any]:
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _dd_const(c: Expr) -> tuple[float, float]:
    with mpmath.workdps(40):
        v = mpmath.mpf(sympy.N(c, 40))
        hi = float(v)
        lo = float(v - hi)
    return hi, lo


def _ddmono(x: Any, ch: float, cl: float, bound: float) -> tuple[Any, Any]:
    """c x = hi + lo for c = ch + cl. c = c1 + c2 with c1 of 26 bits, x = xh + xl (Dekker's split), so
    that c1 xh and c1 xl are exact; then hi + lo = c1 xh + (c1 xl + c2 x) by Fast2Sum. lo carries
    c x - hi to about 2^-78 |c x|: 12 operations where Dekker's product takes 17."""
    x = np.clip(x, -bound, bound)  # one pass (np.maximum then np.minimum make two)
    c1, c2 = _split(ch)
    c2 += cl
    if not isinstance(x, np.ndarray):
        xh, xl = _split(x)
        hi = c1 * xh
        rest = c1 * xl + c2 * x
        s = hi + rest
        return s, rest - (s - hi)
    # the same operations in place: five temporaries where there were eleven
    hi = x * _SPLIT
    rest = hi - x
    hi -= rest           # x_h
    np.subtract(x, hi, out=rest)   # x_l
    hi *= c1
    rest *= c1
    rest += c2 * x
    s = hi + rest
    hi -= s
    hi += rest           # rest - (s - hi) = (hi - s) + rest: the same rounding (negation is exact)
    return s, hi


def _ddneg(hi: Any, lo: Any) -> tuple[Any, Any]:
    return -hi, -lo


def _ddpoly(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> tuple[Any, Any]:
    """Compensated Horner: p(x) = hi + lo for coefficients (highest first) given as (hi, lo)."""
    x = np.clip(x, -bound, bound)  # 32 µs a call on a block of 65,536: less than two passes
    s, lo = coeffs[0][0], coeffs[0][1]
    s = np.full_like(x, s)
    lo = np.full_like(x, lo)
    for ch, cl in coeffs[1:]:
        p, pe = _two_prod(s, x)
        s, se = _two_sum(p, ch)
        lo = lo * x + (pe + se + cl)
    hi = s + lo
    return hi, lo - (hi - s)


# ---------------------------------------------------------------------------------------------
# The Mills ratio Q(y) = Φ(-y)/e^{-y²/2} = R(y)/√(2π) for y >= _Y0, fitted at first use

_Y0 = 0.5
_Y1 = 40.0       # beyond, the asymptotic series
_PIECES = 8      # pieces per unit of y
_DEG = 8         # degree of each piece: 56 bits (Chebyshev interpolation error 1.4e-17, measured in mpmath)


@functools.lru_cache(maxsize=1)
def _mills_table() -> np.ndarray:
    """Pieces [_Y0 + i/_PIECES, _Y0 + (i+1)/_PIECES) covering [_Y0, _Y1]: column i holds the
    monomial coefficients (highest first) of the piece's polynomial in the local variable s in
    [-1, 1], from Chebyshev interpolation in mpmath; row k is the k-th coefficient of every piece."""
    n = _DEG + 1
    rows = []
    with mpmath.workdps(30):
        nodes = [mpmath.cos(mpmath.pi * (k + 0.5) / n) for k in range(n)]
        cosines = [[2 * mpmath.cos(mpmath.pi * j * (k + 0.5) / n) / n for k in range(n)] for j in range(n)]
        # monomial coefficients of the Chebyshev polynomials T_0 .. T_deg
        ts = [[mpmath.mpf(1)] + [mpmath.mpf(0)] * (n - 1), [mpmath.mpf(0), mpmath.mpf(1)] + [mpmath.mpf(0)] * (n - 2)]
        while len(ts) < n:
            ts.append([2 * (ts[-1][i - 1] if i else 0) - ts[-2][i] for i in range(n)])
        h = mpmath.mpf(1) / (2 * _PIECES)
        for i in range(int((_Y1 - _Y0) * _PIECES)):
            c = _Y0 + (2 * i + 1) * h
            vals = [mpmath.erfc((c + h * sn) / mpmath.sqrt(2)) / 2 * mpmath.exp((c + h * sn) ** 2 / 2) for sn in nodes]
            cheb = [mpmath.fdot(vals, cosines[j]) for j in range(n)]
            cheb[0] /= 2
            mono = [mpmath.fsum(cheb[j] * ts[j][m] for j in range(n)) for m in range(n)]
            rows.append([float(m) for m in reversed(mono)])
    return np.ascontiguousarray(np.array(rows).T)


def _mills(y: np.ndarray) -> np.ndarray:
    """Q(y) = Φ(-y) e^{y²/2} for y >= _Y0 (piecewise polynomials; asymptotic series above _Y1)."""
    table = _mills_table()
    t = (y - _Y0) * float(_PIECES)
    i = t.astype(np.intp)  # nan and inf cast to some integer, which the clip brings into the table
    np.minimum(np.maximum(i, 0, out=i), table.shape[1] - 1, out=i)
    s = (t - i) * 2.0 - 1.0
    # a gather per coefficient (take: a quarter of fancy indexing's time), in Horner's order
    r = table[0].take(i) * s
    for k in range(1, _DEG):
        r += table[k].take(i)
        r *= s
    r += table[_DEG].take(i)
    big = y > _Y1
    if np.any(big):
        z = 1.0 / (y[big] * y[big])
        ser = 1.0 + z * (-1.0 + z * (3.0 + z * (-15.0 + z * (105.0 + z * (-945.0 + z * 10395.0)))))
        r[big] = ser / y[big] / math.sqrt(2 * math.pi)
    return r


def _exp_half_sq(x: Any) -> Any:
    """(exp(-hi²/2), exp(-(hi*lo + lo²/2))) with x = hi + lo split so that hi² is exact."""
    xc = np.clip(x, -1e150, 1e150)
    hi, lo = _split(xc)
    return -0.5 * (hi * hi), np.clip(-(hi * lo + 0.5 * (lo * lo)), -50.0, 50.0)


def _gauss_tail(y: np.ndarray) -> np.ndarray:
    """e^{-y²/2} for y >= 0 in float64: y = hi + lo with hi² exact, e^{-hi²/2} by np.exp and
    e^{-(hi lo + lo²/2)} by its cubic Taylor polynomial (|hi lo| < 2^-26 y², so below y = 64 the
    quartic term is under 1e-20)."""
    hi, lo = _split(y)
    b = -(hi * lo + 0.5 * (lo * lo))
    return np.exp(-0.5 * (hi * hi)) * (1.0 + b * (1.0 + b * (0.5 + b * (1.0 / 6.0))))


_ISQ2PI = 1.0 / math.sqrt(2 * math.pi)


# ---------------------------------------------------------------------------------------------
# Fast (float64 NumPy) primitives


def _f_expabs(u: Any) -> Any:
    """e^{-|u|}: the one exponential behind σ(u), σ(-u) and σ'(u), shared among them."""
    t = np.negative(np.abs(u))
    return np.exp(t, out=t) if isinstance(t, np.ndarray) else np.exp(t)


def _f_sig(u: Any, t: Any = None) -> Any:
    return sc.expit(u) if t is None else _f_sig_dd(u, 0.0, t)


def _f_sig_dd(hi: Any, lo: Any, t: Any = None) -> Any:
    """σ(h + l). Alone (t None): SciPy's expit(h) and the first-order low part, 2.4 ULP at most.
    With t = e^{-|h|} given, shared with σ(-h) or σ'(h) (a derivative's product): from t, 1.45 ULP
    at most (both measured on 4e4 points against mpmath); the exponential is shared, and a lone
    expit is faster than the exponential and the dozen operations below. With s = 1 + t and its
    rounding error e = (1 - s) + t (exact, Fast2Sum), σ(h) = m/(s + e) ≈ (m/s)(1 - e/s), m = t
    below 0 and 1 above; the low part by σ' = σ(1 - σ), 1 - σ = (s - m)/s. No np.where (5 ms per
    10^6 on a random sign): m is max(t, [h >= 0])."""
    if t is None:
        s = sc.expit(hi)
        return s + s * ((1.0 - s) * lo)
    s = 1.0 + t
    e = 1.0 - s
    e += t
    m = np.maximum(t, hi >= 0)
    q = m / s
    if isinstance(lo, float) and lo == 0.0:  # σ(u) of a float u: no low part
        w = -e
    else:
        w = s - m
        w *= lo
        w -= e
    w /= s
    w *= q
    w += q
    return w


def _f_dsig(u: Any, t: Any = None) -> Any:
    return _f_dsig_dd(u, 0.0, t)


def _f_dsig_dd(hi: Any, lo: Any, t: Any = None) -> Any:
    """σ'(h + l) = t/(1 + t)², t = e^{-|h|}, 1.2 ULP at most where σ(u)σ(-u) is 3.3 off (measured on
    4e4 points against mpmath): every rounding but the exponential's and the last is compensated.
    1 + t = s + e exactly (Fast2Sum), s² = d + d_e exactly (Dekker), r = t/d with its remainder
    t - r d exact (Dekker again), so that t/(s + e)² = r + (t - r d - r(d_e + 2se))/d to second
    order; the low part by (log σ')' = 1 - 2σ = -sign(h) (1 - t)/(1 + t)."""
    if t is None:
        t = _f_expabs(hi)
    s = 1.0 + t
    e = 1.0 - s
    e += t
    d, de = _two_square(s)
    r = t / d
    p, pe = _two_prod(r, d)
    rem = t - p
    rem -= pe
    e *= 2.0 * s
    e += de
    e *= r
    rem -= e
    rem /= d
    if not (isinstance(lo, float) and lo == 0.0):  # σ'(u) of a float u: no low part
        w = np.copysign(1.0 - t, -hi)
        w *= lo
        w /= s
        w *= r
        rem += w
    rem += r
    return rem


def _f_sp(u: Any) -> Any:
    return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))


def _f_sp_dd(hi: Any, lo: Any) -> Any:
    return _f_sp(hi) + sc.expit(hi) * lo


def _f_exp_dd(hi: Any, lo: Any) -> Any:
    e = np.exp(hi)
    return e + e * lo


def _f_expm1_dd(hi: Any, lo: Any) -> Any:
    return np.expm1(hi) + np.exp(hi) * lo


def _f_npdf(u: Any) -> Any:
    return _f_gauss(u) * _ISQ2PI


def _f_npdf_dd(hi: Any, lo: Any) -> Any:
    p = _f_npdf(hi)
    return p - p * (hi * lo)


def _f_ndtr(u: Any, g: Any = None) -> Any:
    """Φ(u): SciPy's ndtr down to -_Y0, e^{-u²/2} Q(-u) below (g: e^{-u²/2} when the caller has it,
    as GELU' has for φ)."""
    u = np.asarray(u, dtype=np.float64)
    tail = u < -_Y0
    if not np.any(tail):
        return sc.ndtr(u)
    out = np.empty_like(u)
    # integer indices rather than boolean masks: a third of their cost to gather and scatter
    t = np.flatnonzero(tail)
    r = np.flatnonzero(~tail)
    out[r] = sc.ndtr(u.take(r))  # only where it is used: SciPy's ndtr costs more than the gathers
    y = -u.take(t)
    out[t] = (_gauss_tail(np.minimum(y, 64.0)) if g is None else np.asarray(g).take(t)) * _mills(y)
    return out


def _f_gauss(u: Any) -> Any:
    return _gauss_tail(np.minimum(np.abs(u), 64.0))  # beyond 64 it is 0 in float64


def _f_ndtr_dd(hi: Any, lo: Any) -> Any:
    return _f_ndtr(hi) + _f_npdf(hi) * lo


def _polyc(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> Any:
    """A polynomial by compensated Horner where |x| < bound, plain Horner beyond."""
    hi, _ = _ddpoly(x, coeffs, bound)
    plain = _horner(tuple(c[0] for c in coeffs), x)
    return np.where(np.abs(x) < bound, hi, plain)


def _x_polyc(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> Any:
    xf = _flt(x)
    hi, _ = _ddpoly(xf, coeffs, bound)
    plain = _xhorner(tuple(c[0] for c in coeffs), Ext.of(x))
    return _x_where(np.abs(xf) < bound, hi, plain)


def _ipow(b: Any, n: int) -> Any:
    if n < 0:
        return _ipow(1.0 / b, -n)
    if n == 0:
        return b * 0.0 + 1.0
    if n == 1:
        return b
    if n == 2:
        return b * b
    h = _ipow(b, n // 2)
    h = h * h
    return h * b if n % 2 else h


def _f_exprat(u: Any, nw: tuple[float, ...], dw: tuple[float, ...], nv: tuple[float, ...],
              dv: tuple[float, ...], cw: float = 0.0, cv: float = 0.0) -> Any:
    """P(t)/Q(t) + c with t = e^u below 0 (P, Q, c: nw, dw, cw) and t = e^{-u} above (nv, dv, cv)."""
    u = np.asarray(u, dtype=np.float64)
    neg = u <= 0
    t = np.exp(np.where(neg, u, -u))
    num = np.where(neg, _horner(nw, t), _horner(nv, t))
    den = np.where(neg, _horner(dw, t), _horner(dv, t))
    r = num / den
    if cw or cv:
        r += cw if cw == cv else np.where(neg, cw, cv)
    return r


def _horner(c: tuple[float, ...], t: Any) -> Any:
    r = t * 0.0 + c[0]
    for a in c[1:]:
        r = r * t + a
    return r


def _f_conj(p: Any, ks: Any, d: Any, k: float) -> Any:
    return np.where(p * k >= 0, p + ks, d / (p - ks))


def _f_where(c: Any, a: Any, b: Any) -> Any:
    return np.where(c, a, b)


NS_FAST: dict[str, Any] = {
    "_sig": _f_sig, "_sig_dd": _f_sig_dd, "_dsig": _f_dsig, "_dsig_dd": _f_dsig_dd, "_expabs": _f_expabs,
    "_sp": _f_sp, "_sp_dd": _f_sp_dd,
    "_exp": np.exp, "_exp_dd": _f_exp_dd, "_expm1": np.expm1, "_expm1_dd": _f_expm1_dd,
    "_ndtr": _f_ndtr, "_ndtr_dd": _f_ndtr_dd, "_npdf": _f_npdf, "_npdf_dd": _f_npdf_dd,
    "_gauss": _f_gauss, "_ndtr_g": _f_ndtr,
    "_ddpoly": _ddpoly, "_ddmono": _ddmono, "_ddneg": _ddneg, "_polyc": _polyc, "_ipow": _ipow, "_exprat": _f_exprat, "_conj": _f_conj, "_where": _f_where,
    "_hypot": np.hypot, "_sqrt": np.sqrt, "_log": np.log, "_log1p": np.log1p, "_abs": np.abs,
    "_and": np.logical_and, "_or": np.logical_or, "_not": np.logical_not,
    "_np": np, "_sc": sc,
}


# ---------------------------------------------------------------------------------------------
# The extended-exponent slow path


_BIGNEG = -1.0e6


class Ext:
    """An array of numbers m·2^e (m float64 in [0.5, 1) or 0/inf/nan, e a float64 integer), whose
    products and quotients neither overflow nor underflow; converted to float64 once, at the end.

    >>> v = Ext.exp(np.array([-800.0])) * 1e10
    >>> float(v.to_float()[0]) == float(mpmath.exp(-800) * 10**10)
    True
    """

    __array_ufunc__ = None
    __slots__ = ("m", "e")

    def __init__(self, m: Any, e: Any = None) -> None:
        m = np.asarray(m, dtype=np.float64)
        e = np.zeros_like(m) if e is None else np.broadcast_to(np.asarray(e, dtype=np.float64), m.shape)
        f, k = np.frexp(m)
        zero = f == 0
        self.m = f
        self.e = np.where(zero, _BIGNEG, e + k)

    @staticmethod
    def of(a: Any) -> Ext:
        return a if isinstance(a, Ext) else Ext(a)

    def to_float(self) -> np.ndarray:
        e = np.clip(self.e, -2000, 2000)
        return np.ldexp(self.m, e.astype(np.int64))

    # arithmetic
    def __mul__(self, o: Any) -> Ext:
        o = Ext.of(o)
        return Ext(self.m * o.m, self.e + o.e)

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> Ext:
        o = Ext.of(o)
        return Ext(self.m / o.m, self.e - o.e)

    def __rtruediv__(self, o: Any) -> Ext:
        return Ext.of(o) / self

    def __add__(self, o: Any) -> Ext:
        o = Ext.of(o)
        e = np.maximum(self.e, o.e)
        e = np.where(np.isfinite(e), e, 0.0)
        return Ext(self.m * np.exp2(self.e - e) + o.m * np.exp2(o.e - e), e)

    __radd__ = __add__

    def __neg__(self) -> Ext:
        r = object.__new__(Ext)
        r.m, r.e = -self.m, self.e
        return r

    def __sub__(self, o: Any) -> Ext:
        return self + (-Ext.of(o))

    def __rsub__(self, o: Any) -> Ext:
        return Ext.of(o) + (-self)

    def __pow__(self, n: Any) -> Ext:
        if float(n) == int(n):
            return _x_ipow(self, int(n))
        if float(n) == 0.5:
            return _x_sqrt(self)
        return Ext(np.power(self.to_float(), float(n)))

    def __abs__(self) -> Ext:
        r = object.__new__(Ext)
        r.m, r.e = np.abs(self.m), self.e
        return r

    def _cmp(self, o: Any, op: Any) -> Any:
        return op(self.to_float(), _flt(o))

    def __gt__(self, o: Any) -> Any:
        return self._cmp(o, np.greater)

    def __ge__(self, o: Any) -> Any:
        return self._cmp(o, np.greater_equal)

    def __lt__(self, o: Any) -> Any:
        return self._cmp(o, np.less)

    def __le__(self, o: Any) -> Any:
        return self._cmp(o, np.less_equal)

    @staticmethod
    def exp(u: Any) -> Ext:
        """e^u with an unbounded exponent (Cody–Waite reduction)."""
        u = _flt(u)
        k = np.clip(np.rint(u * (1 / math.log(2))), -1e5, 1e5)
        k = np.where(np.isnan(k), 0.0, k)
        r = (u - k * _LN2_HI) - k * _LN2_LO
        return Ext(np.exp(r), k)


_LN2_HI = float.fromhex("0x1.62e42fee00000p-1")
with mpmath.workdps(40):
    _LN2_LO = float(mpmath.log(2) - mpmath.mpf(_LN2_HI))


def _flt(a: Any) -> Any:
    return a.to_float() if isinstance(a, Ext) else a


def _x_ipow(b: Ext, n: int) -> Ext:
    if n < 0:
        return _x_ipow(1.0 / b, -n)
    r = Ext(np.ones_like(b.m))
    for _ in range(n):
        r = r * b
    return r


def _x_sqrt(b: Any) -> Ext:
    b = Ext.of(b)
    odd = np.mod(b.e, 2) != 0
    m = np.where(odd, b.m * 2.0, b.m)
    e = np.where(odd, b.e - 1, b.e)
    return Ext(np.sqrt(m), np.where(b.m == 0, 0.0, e / 2))


def _lift(f: Any) -> Any:
    def g(*args: Any) -> Ext:
        return Ext(f(*[_flt(a) for a in args]))
    return g


def _x_sig(u: Any, t: Any = None) -> Ext:
    u = _flt(u)
    neg = u < 0
    w = Ext.exp(np.where(neg, u, 0.0))
    d = 1.0 + np.exp(-np.abs(u))
    return _x_where(neg, w / d, Ext(1.0 / d))


def _x_sig_dd(hi: Any, lo: Any, t: Any = None) -> Ext:
    s = _x_sig(hi)
    return s * (1.0 + (1.0 - sc.expit(hi)) * lo)


def _x_dsig(u: Any, t: Any = None) -> Ext:
    u = _flt(u)
    t = np.exp(-np.abs(u))
    return Ext.exp(-np.abs(u)) / ((1.0 + t) * (1.0 + t))


def _x_dsig_dd(hi: Any, lo: Any, t: Any = None) -> Ext:
    return _x_dsig(hi) * (1.0 - np.tanh(_flt(hi) / 2) * lo)


def _x_sp(u: Any) -> Ext:
    u = _flt(u)
    neg = u < 0
    w = Ext.exp(np.where(neg, u, 0.0))
    wf = w.to_float()
    small = Ext(np.log1p(wf))
    tiny = w * (1.0 - 0.5 * wf)
    return _x_where(neg & (wf < 1e-8), tiny, _x_where(neg, small, Ext(_f_sp(u))))


def _x_sp_dd(hi: Any, lo: Any) -> Ext:
    return _x_sp(hi) + _x_sig(hi) * lo


def _x_exp_dd(hi: Any, lo: Any) -> Ext:
    return Ext.exp(hi) * (1.0 + lo)


def _x_expm1(u: Any) -> Ext:
    u = _flt(u)
    return _x_where(u < -1.0, Ext.exp(u) - 1.0, Ext(np.expm1(u)))


def _x_expm1_dd(hi: Any, lo: Any) -> Ext:
    return _x_expm1(hi) + Ext.exp(hi) * lo


def _x_gauss(u: Any) -> Ext:
    a, b = _exp_half_sq(_flt(u))
    return Ext.exp(a) * np.exp(b)


def _x_npdf(u: Any) -> Ext:
    return _x_gauss(u) * _ISQ2PI


def _x_npdf_dd(hi: Any, lo: Any) -> Ext:
    return _x_npdf(hi) * (1.0 - hi * lo)


def _x_ndtr(u: Any) -> Ext:
    u = np.asarray(_flt(u), dtype=np.float64)
    tail = u < -_Y0
    y = np.where(tail, -u, 1.0)
    return _x_where(tail, _x_gauss(y) * _mills(y), Ext(sc.ndtr(u)))


def _x_ndtr_dd(hi: Any, lo: Any) -> Ext:
    return _x_ndtr(hi) + _x_npdf(hi) * lo


def _x_where(c: Any, a: Any, b: Any) -> Any:
    if not isinstance(a, Ext) and not isinstance(b, Ext):
        return np.where(c, a, b)
    a, b = Ext.of(a), Ext.of(b)
    r = object.__new__(Ext)
    r.m = np.where(c, a.m, b.m)
    r.e = np.where(c, a.e, b.e)
    return r


def _x_log(a: Any) -> Ext:
    a = Ext.of(a)
    return Ext(np.log(a.m) + a.e * math.log(2))


def _x_log1p(a: Any) -> Ext:
    a = Ext.of(a)
    f = a.to_float()
    return _x_where(np.abs(f) < 1e-9, a * (1.0 - 0.5 * f), Ext(np.log1p(f)))


def _x_exprat(u: Any, nw: tuple[float, ...], dw: tuple[float, ...], nv: tuple[float, ...],
              dv: tuple[float, ...], cw: float = 0.0, cv: float = 0.0) -> Ext:
    u = _flt(u)
    neg = u <= 0
    t = Ext.exp(np.where(neg, u, -u))
    num = _x_where(neg, _xhorner(nw, t), _xhorner(nv, t))
    den = _x_where(neg, _xhorner(dw, t), _xhorner(dv, t))
    r = num / den
    return r + Ext(np.where(neg, cw, cv) + 0.0 * t.m) if cw or cv else r


def _xhorner(c: tuple[float, ...], t: Ext) -> Ext:
    r = Ext(np.full_like(t.m, c[0]))
    for a in c[1:]:
        r = r * t + a
    return r


def _x_conj(p: Any, ks: Any, d: Any, k: float) -> Any:
    return _x_where(_flt(p) * k >= 0, p + ks, d / (p - ks))


def _x_hypot(a: Any, b: Any) -> Ext:
    a, b = Ext.of(a), Ext.of(b)
    return _x_sqrt(a * a + b * b)


NS_EXT: dict[str, Any] = dict(NS_FAST)
NS_EXT.update({
    "_sig": _x_sig, "_sig_dd": _x_sig_dd, "_dsig": _x_dsig, "_dsig_dd": _x_dsig_dd, "_expabs": lambda u: None,
    "_sp": _x_sp, "_sp_dd": _x_sp_dd,
    "_exp": Ext.exp, "_exp_dd": _x_exp_dd, "_expm1": _x_expm1, "_expm1_dd": _x_expm1_dd,
    "_ndtr": _x_ndtr, "_ndtr_dd": _x_ndtr_dd, "_npdf": _x_npdf, "_npdf_dd": _x_npdf_dd,
    "_gauss": lambda u: _x_gauss(u), "_ndtr_g": lambda u, g: _x_ndtr(u),
    "_ddpoly": lambda x, c, b: _ddpoly(_flt(x), c, b), "_ddmono": lambda x, ch, cl, b: _ddmono(_flt(x), ch, cl, b),
    "_ddneg": _ddneg, "_polyc": _x_polyc,
    "_ipow": lambda b, n: _x_ipow(Ext.of(b), n), "_exprat": _x_exprat, "_conj": _x_conj,
    "_where": _x_where, "_hypot": _x_hypot, "_sqrt": _x_sqrt, "_log": _x_log, "_log1p": _x_log1p,
    "_abs": lambda a: abs(Ext.of(a)),
    "_np": type("_LiftedNumPy", (), {"__getattr__": lambda self, n: _lift(getattr(np, n))})(),
    "_sc": type("_LiftedSciPy", (), {"__getattr__": lambda self, n: _lift(getattr(sc, n))})(),
})


# ---------------------------------------------------------------------------------------------
# Printing


class _Emitter:
    def __init__(self, names: dict[Symbol, str]) -> None:
        self.names = names
        self.consts: dict[str, Any] = {}
        self.const_names: dict[str, str] = {}
        self.lines: list[str] = []
        self.bound: dict[str, str] = {}
        self.shared_gauss: set[Expr] = set()
        self.ddargs: set[Expr] = set()
        self.sig_args: list[Expr] = []

    def const(self, value: Any) -> str:
        key = repr(value)
        if key not in self.const_names:
            self.const_names[key] = f"_k{len(self.consts)}"
            self.consts[self.const_names[key]] = value
        return self.const_names[key]

    def bind(self, src: str) -> str:
        """A local variable holding ``src``, computed once however often it occurs (GELU-tanh's
        derivative evaluates its cubic argument once, not three times)."""
        if src not in self.bound:
            self.bound[src] = f"_t{len(self.bound)}"
            self.lines.append(f"{self.bound[src]} = {src}")
        return self.bound[src]

    def num(self, e: Expr) -> str:
        if e.is_Integer:
            return repr(float(int(e)))
        return repr(float(sympy.N(e, 30)))

    def __call__(self, e: Any) -> str:  # noqa: C901 - a dispatcher
        p = self
        if e is sympy.true or e is True:
            return "True"
        if e is sympy.false or e is False:
            return "False"
        if isinstance(e, Symbol):
            return self.names[e]
        if _num(e):
            return self.num(e)
        if isinstance(e, Add):
            poly = self.polyarg(e)
            if poly:
                return poly
            return "(" + " + ".join(p(a) for a in e.args) + ")"
        if isinstance(e, Mul):
            hi = self.pair(e) if self.ddargs else None
            if hi is not None:
                return hi
            c = Mul(*[a for a in e.args if _num(a)])
            rest = Mul(*[a for a in e.args if not _num(a)])
            num, den = [], []
            for a in Mul.make_args(rest):
                if isinstance(a, Pow) and a.exp.is_Integer and a.exp < 0:
                    den.append(a.base if a.exp == -1 else Pow(a.base, -a.exp))
                else:
                    num.append(a)
            c, num = self.fold(c, num)
            s = " * ".join(p(a) for a in num) if num else "1.0"
            if c != 1 and num and _exact_float(c) is None and c.is_Rational and _exact_float(1 / c) is not None:
                s = f"({s}) / {_exact_float(1 / c)!r}"  # x/500: one rounding, where x * 0.002 takes two
            elif c != 1:
                s = f"{p(c)} * {s}" if num else p(c)
            for d in den:
                s = f"({s}) / {p(d)}"
            return "(" + s + ")"
        if isinstance(e, Pow):
            b, n = e.args
            if n.is_Integer:
                return f"_ipow({p(b)}, {int(n)})"
            if n == S.Half:
                return f"_sqrt({p(b)})"
            if n == -S.Half:
                return f"(1.0 / _sqrt({p(b)}))"
            if isinstance(b, sympy.exp.__class__) or b is S.Exp1:
                return self(exp(n))
            return f"(_np.power({p(b)}, {p(n)}))"
        if isinstance(e, (_ndtr, _npdf)) and e.args[0] in self.shared_gauss and not self.ddarg(e.args[0]):
            # Phi(u) and phi(u) in one expression (GELU'): e^{-u²/2} once for both
            u = p(e.args[0])
            g = self.bind(f"_gauss({u})")
            return self.bind(f"_ndtr_g({u}, {g})" if isinstance(e, _ndtr) else f"({g} * {_ISQ2PI!r})")
        if isinstance(e, _EXPLIKE):
            name = {_sig: "_sig", _dsig: "_dsig", _sp: "_sp", _ndtr: "_ndtr", _npdf: "_npdf", exp: "_exp",
                    expm1: "_expm1"}[type(e)]
            dd = self.ddarg(e.args[0])
            t = ""
            if isinstance(e, (_sig, _dsig)) and self.sig_shared(e.args[0]):  # σ(u), σ(-u), σ'(u): one e^{-|u|}
                a = e.args[0]
                canon = -a if a.could_extract_minus_sign() else a
                cdd = self.ddarg(canon)
                t = ", " + self.bind(f"_expabs({cdd}[0])" if cdd else f"_expabs({p(canon)})")
            return self.bind(f"{name}_dd(*{dd}{t})" if dd else f"{name}({p(e.args[0])}{t})")
        if isinstance(e, _exprat):
            u, n, d = e.args
            pn, pd = sympy.Poly(n, _W), sympy.Poly(d, _W)
            deg = max(pn.degree(), pd.degree())
            v = Symbol("_v")
            pnv = sympy.Poly(sympy.expand(n.subs(_W, 1 / v) * v**deg), v)
            pdv = sympy.Poly(sympy.expand(d.subs(_W, 1 / v) * v**deg), v)
            # each branch as c + (P - c Q)/Q with c = P(0)/Q(0) its value where t = e^{-|u|} -> 0,
            # when c is a float: the small part is computed apart and c added by one rounding
            # (Mish' at x = -9.8: its sech^2(softplus x) = 1 - 2e^{2x}/... was 2 ULP off)
            cw, pn = _split_constant(pn, pd)
            cv, pnv = _split_constant(pnv, pdv)
            nw, dw = tuple(float(c) for c in pn.all_coeffs()), tuple(float(c) for c in pd.all_coeffs())
            nv, dv = tuple(float(c) for c in pnv.all_coeffs()), tuple(float(c) for c in pdv.all_coeffs())
            return self.bind(f"_exprat({p(u)}, {self.const(nw)}, {self.const(dw)}, {self.const(nv)}, {self.const(dv)}, "
                             f"{cw!r}, {cv!r})")
        if isinstance(e, _conj):
            P, kS, D = e.args
            k, _ = kS.as_coeff_Mul()
            return self.bind(f"_conj({p(P)}, {p(kS)}, {p(D)}, {float(k)})")
        if isinstance(e, _hypot):
            a, b = e.args
            if _num(b) and 1e-100 < abs(float(b)) < 1e100:
                # sqrt(a² + c²), 1.5 ULP; where a² overflows, the result is inf or 0 and the
                # caller's extended path recomputes it
                return self.bind(f"_sqrt({p(a)} * {p(a)} + {self.num(b**2)})")
            return self.bind(f"_hypot({p(a)}, {p(b)})")
        if isinstance(e, Abs):
            return f"_abs({p(e.args[0])})"
        if isinstance(e, log):
            return f"_log({p(e.args[0])})"
        if isinstance(e, log1p):
            return f"_log1p({p(e.args[0])})"
        if isinstance(e, Piecewise):
            out = None
            for v, c in reversed(e.args):
                if out is None:
                    out = p(v) if (c is sympy.true or c is True) else f"_where({p(c)}, {p(v)}, _np.nan)"
                else:
                    out = f"_where({p(c)}, {p(v)}, {out})"
            return out or "_np.nan"
        if isinstance(e, sympy.core.relational.Relational):
            return f"({p(e.lhs)} {e.rel_op} {p(e.rhs)})"
        if isinstance(e, (sympy.And, sympy.Or)):
            # folded pairwise here: SymPy flattens And(And(a, b), c) back into And(a, b, c)
            name = "_and" if isinstance(e, sympy.And) else "_or"
            out = p(e.args[0])
            for a in e.args[1:]:
                out = f"{name}({out}, {p(a)})"
            return out
        if isinstance(e, sympy.Not):
            return f"_not({p(e.args[0])})"
        if isinstance(e, sympy.ITE):  # a stack's Piecewise inside a condition: ReLU²(ReLU²(x)) > 0
            return p(e.to_nnf())
        if isinstance(e, Function) and not isinstance(e, sympy.core.function.AppliedUndef):
            name = type(e).__name__  # a SymPy function's (an undefined one's name is text: never looked up)
            for mod, attr in (("_np", name), ("_sc", name)):
                if hasattr(np if mod == "_np" else sc, attr):
                    return f"{mod}.{attr}(" + ", ".join(p(a) for a in e.args) + ")"
            raise NotImplementedError(f"no NumPy translation for {name}")
        raise NotImplementedError(f"no NumPy translation for {e!r}")

    def fold(self, c: Expr, num: list[Any]) -> tuple[Expr, list[Any]]:
        """A product's numeric coefficient c, taken into its other factors where that saves
        roundings: with the powers of x into a polynomial factor (c x^k P(x) by compensated Horner:
        GELU-tanh' has (2√(2/π)) x (1 + 0.134145 x²)), into a sum whose terms it makes exact or
        turns into the argument of an exponential-type function (Swish_β': (10 + 17 x σ(-1.7x)) σ(1.7x)/10 is
        (1 + 1.7x σ(-1.7x)) σ(1.7x)); and c x^k, when it is such an argument, is the high part of
        that argument's double-double pair (exact to 2^-78) rather than two roundings."""
        if not num:
            return c, num
        for i, a in enumerate(num):
            if isinstance(a, Add) and self.poly1(a):
                powers = [f for f in num if self.power(f) and f.free_symbols == a.free_symbols]
                if c == 1 and not powers:
                    break
                others = [f for j, f in enumerate(num) if j != i and not any(f is q for q in powers)]
                return S.One, [sympy.expand(c * Mul(*powers) * a)] + others
        if c == 1:
            return c, num
        mono = Mul(c, *[a for a in num if self.power(a)])
        if self.pair(mono) is not None:
            return S.One, [mono] + [a for a in num if not self.power(a)]
        if not self.ddargs:
            return c, num
        for i, a in enumerate(num):
            if isinstance(a, Add):
                terms = [c * t for t in a.args]
                if all(_exact_float(t) is not None or self.pair(Mul(*[f for f in Mul.make_args(t)
                                                                  if _num(f) or self.power(f)])) is not None
                       for t in terms):
                    return S.One, num[:i] + [Add(*terms)] + num[i + 1:]
        return c, num

    def sig_shared(self, a: Expr) -> bool:
        """Whether σ(±a) or σ'(a) occur twice or more in the expression, so that they share e^{-|a|}."""
        canon = -a if a.could_extract_minus_sign() else a
        return sum(1 for b in self.sig_args if b in (canon, -canon)) > 1

    def power(self, a: Expr) -> bool:
        return isinstance(a, Symbol) or (isinstance(a, Pow) and isinstance(a.base, Symbol) and a.exp.is_Integer
                                         and a.exp > 0)

    def pair(self, mono: Expr) -> str | None:
        """``hi`` of the double-double pair of ``mono`` (c x^k) when it is an exponential-type
        function's argument in this expression (bound once, so shared), else None."""
        for sign in (1, -1):
            if sign * mono in self.ddargs:
                dd = self.ddarg(sign * mono)
                if dd is None or not dd.startswith("_t"):
                    continue
                return f"{dd}[0]" if sign == 1 else f"(-{dd}[0])"
        return None

    def poly1(self, a: Expr) -> bool:
        """Whether ``a`` is a polynomial of degree >= 1 in one symbol, with numeric coefficients."""
        if len(a.free_symbols) != 1:
            return False
        try:
            poly = sympy.Poly(a, *a.free_symbols)
        except sympy.PolynomialError:
            return False
        return poly.degree() >= 1 and all(_num(k) for k in poly.all_coeffs())

    def polyarg(self, a: Expr) -> str | None:
        """A polynomial in one variable, by compensated Horner (cancellation near its roots)."""
        syms = a.free_symbols
        if len(syms) != 1:
            return None
        (v,) = syms
        try:
            poly = sympy.Poly(a, v)
        except sympy.PolynomialError:
            return None
        if poly.degree() < 1 or not all(_num(c) for c in poly.all_coeffs()):
            return None
        coeffs = tuple(_dd_const(c) for c in poly.all_coeffs())
        if (poly.degree() == 1 and coeffs[0][1] == 0.0 and coeffs[1][1] == 0.0
                and math.log2(abs(coeffs[0][0])).is_integer()):
            return None  # 2^k x + b with b a float: one rounding, already correctly rounded
        if poly.degree() == 1:
            c1, c0 = poly.all_coeffs()
            shift = _exact_float(c0 / c1)
            if shift is not None and _exact_float(c1) is not None:
                return f"(({self.names[v]} + {shift!r}) * {_exact_float(c1)!r})"  # two roundings
            if shift is not None and _exact_float(1 / c1) is not None:
                return f"(({self.names[v]} + {shift!r}) / {_exact_float(1 / c1)!r})"  # x/3 + 1/2 = (x + 1.5)/3
        bound = 2.0 ** (900 // poly.degree())
        return self.bind(f"_polyc({self.names[v]}, {self.const(coeffs)}, {bound!r})")

    def ddarg(self, a: Expr) -> str | None:
        """Source of a (hi, lo) pair when ``a`` is a non-trivial polynomial in one symbol."""
        if isinstance(a, Symbol) or _num(a):
            return None
        syms = a.free_symbols
        if len(syms) != 1:
            return None
        (v,) = syms
        try:
            poly = sympy.Poly(sympy.expand(a), v)
        except sympy.PolynomialError:
            return None
        if not all(_num(c) for c in poly.all_coeffs()):
            return None
        coeffs = tuple(_dd_const(c) for c in poly.all_coeffs())
        if len(coeffs) == 2 and coeffs[1] == (0.0, 0.0) and coeffs[0][1] == 0.0 and math.log2(abs(coeffs[0][0])).is_integer():
            return None  # multiplication by a power of two is exact
        bound = 2.0 ** (900 // max(poly.degree(), 1))
        if len(coeffs) == 2 and coeffs[1] == (0.0, 0.0):  # c x: one exact product, no Horner
            (ch, cl), = coeffs[:1]
            if ch < 0:  # -c x: the pair of c x, negated, so that it is shared
                return f"_ddneg(*{self.bind(f'_ddmono({self.names[v]}, {-ch!r}, {-cl!r}, {bound!r})')})"
            return self.bind(f"_ddmono({self.names[v]}, {ch!r}, {cl!r}, {bound!r})")
        if coeffs[0][0] < 0:  # -p(x): the same pair as p(x), negated, so that it is shared
            neg = tuple((0.0 - a, 0.0 - b) for a, b in coeffs)  # 0.0 - 0.0 is +0.0, as in p(x)
            return f"_ddneg(*{self.bind(f'_ddpoly({self.names[v]}, {self.const(neg)}, {bound!r})')})"
        return self.bind(f"_ddpoly({self.names[v]}, {self.const(coeffs)}, {bound!r})")


def emit(expr: Expr, variables: tuple[Symbol, ...]) -> tuple[str, dict[str, Any]]:
    """Python source of a function ``_f(v0, v1, …)`` evaluating the stable ``expr``, and its constants.

    Each primitive's call is bound to a local variable, once however often it occurs:

    >>> from sympy import Symbol
    >>> x = Symbol("x", real=True)
    >>> print(emit(stabilise(x * sigmoid(x) + sigmoid(x)), (x,))[0])
    def _f(_v0):
        _t0 = _sig(_v0)
        return ((_v0 * _t0) + _t0)
    """
    names = {v: f"_v{i}" for i, v in enumerate(variables)}
    em = _Emitter(names)
    em.shared_gauss = {a.args[0] for a in expr.atoms(_ndtr)} & {a.args[0] for a in expr.atoms(_npdf)}
    em.ddargs = {a.args[0] for a in expr.atoms(*_EXPLIKE)}
    em.sig_args = [a.args[0] for a in expr.atoms(_sig, _dsig)]
    body = em(expr)
    lines = [f"    {line}\n" for line in em.lines]
    src = "def _f(" + ", ".join(names[v] for v in variables) + "):\n" + "".join(lines) + "    return " + body
    return src, em.consts


def _split_constant(pn: sympy.Poly, pd: sympy.Poly) -> tuple[float, sympy.Poly]:
    """(c, P - c Q) with c = P(0)/Q(0) when that is a nonzero float exactly, else (0.0, P)."""
    q0 = pd.eval(0)
    c = _exact_float(pn.eval(0) / q0) if q0 != 0 else None
    if not c:
        return 0.0, pn
    return c, pn - pd * sympy.Rational(c)


def _exact_float(c: Expr) -> float | None:
    """c as a float when the float is exactly c (a dyadic rational of at most 53 bits), else None."""
    if not c.is_Rational:
        return None
    f = float(c)
    return f if sympy.Rational(f) == c else None

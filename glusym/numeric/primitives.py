r"""Float64 primitives of the stable form: σ, σ', softplus, Φ, φ, exp, expm1, with double-double corrections.

Each ``*_dd`` primitive takes its argument as a double-double pair :math:`h + l` (from
:mod:`glusym.numeric.eft`) and applies the first-order correction :math:`f(h + l) \approx
f(h) + f'(h)\,l`. :math:`\Phi` in the left tail is :math:`e^{-y^2/2}\,Q(y)`, :math:`y = -u`, with
:math:`y^2/2` split exactly and :math:`Q(y) = \Phi(-y)e^{y^2/2}` the Mills ratio over
:math:`\sqrt{2\pi}`, piecewise polynomials fitted in mpmath at first use (SciPy's ``ndtr`` and
``erfc`` are up to 1.5e3 ULP off there, ``erfcx`` up to 6). :data:`NS_FAST` is the namespace the
emitted source (:mod:`glusym.numeric.printer`) runs in on the fast path.

>>> print(ndtr(np.array([-30.0, 0.0])))
[4.90671393e-198 5.00000000e-001]
>>> print(sig_dd(np.array([-400.0]), np.array([1e-14])))
[1.9151696e-174]
"""

from __future__ import annotations

import functools
import math
from typing import Any

import mpmath
import numpy as np
import scipy.special as sc

from .eft import ddmono, ddneg, ddpoly, split, two_prod, two_square

__all__ = ["ISQ2PI", "NS_FAST", "Y0", "conj", "dsig", "dsig_dd", "exp_dd", "exp_half_sq", "expabs", "expm1_dd",
           "exprat", "gauss", "gauss_tail", "horner", "ipow", "mills", "mills_table", "ndtr", "ndtr_dd", "npdf",
           "npdf_dd", "polyc", "sig", "sig_dd", "softplus", "softplus_dd", "where"]

# The Mills ratio Q(y) = Φ(-y)/e^{-y²/2} = R(y)/√(2π) for y >= Y0, fitted at first use

Y0 = 0.5
Y1 = 40.0       # beyond, the asymptotic series
PIECES = 8      # pieces per unit of y
DEG = 8         # degree of each piece: 56 bits (Chebyshev interpolation error 1.4e-17, measured in mpmath)


@functools.lru_cache(maxsize=1)
def mills_table() -> np.ndarray:
    r"""Pieces [Y0 + i/PIECES, Y0 + (i+1)/PIECES) covering [Y0, Y1]: column i holds the
    monomial coefficients (highest first) of the piece's polynomial in the local variable s in
    [-1, 1], from Chebyshev interpolation in mpmath; row k is the k-th coefficient of every piece.

    Interpolation at the n = DEG + 1 Chebyshev nodes :math:`s_k = \cos(\pi(k + \tfrac12)/n)`:
    :math:`Q(c + hs) \approx \sum_j a_j T_j(s)`, :math:`a_j = \tfrac{2}{n}\sum_k Q(c + hs_k)T_j(s_k)`
    (:math:`a_0` halved), then expanded into monomials. ``mpmath.chebyfit`` on the same pieces was
    measured: 6.5 s at first use where this takes 0.36 s (it is paid by the first GELU compiled),
    for coefficients no more accurate, so the fit stays written out.

    >>> mills_table().shape
    (9, 316)
    """
    n = DEG + 1
    rows = []
    with mpmath.workdps(30):
        nodes = [mpmath.cos(mpmath.pi * (k + 0.5) / n) for k in range(n)]
        cosines = [[2 * mpmath.cos(mpmath.pi * j * (k + 0.5) / n) / n for k in range(n)] for j in range(n)]
        # monomial coefficients of the Chebyshev polynomials T_0 .. T_deg
        ts = [[mpmath.mpf(1)] + [mpmath.mpf(0)] * (n - 1), [mpmath.mpf(0), mpmath.mpf(1)] + [mpmath.mpf(0)] * (n - 2)]
        while len(ts) < n:
            ts.append([2 * (ts[-1][i - 1] if i else 0) - ts[-2][i] for i in range(n)])
        h = mpmath.mpf(1) / (2 * PIECES)
        for i in range(int((Y1 - Y0) * PIECES)):
            c = Y0 + (2 * i + 1) * h
            vals = [mpmath.erfc((c + h * sn) / mpmath.sqrt(2)) / 2 * mpmath.exp((c + h * sn) ** 2 / 2) for sn in nodes]
            cheb = [mpmath.fdot(vals, cosines[j]) for j in range(n)]
            cheb[0] /= 2
            mono = [mpmath.fsum(cheb[j] * ts[j][m] for j in range(n)) for m in range(n)]
            rows.append([float(m) for m in reversed(mono)])
    return np.ascontiguousarray(np.array(rows).T)


def mills(y: np.ndarray) -> np.ndarray:
    """Q(y) = Φ(-y) e^{y²/2} for y >= Y0 (piecewise polynomials; asymptotic series above Y1)."""
    table = mills_table()
    t = (y - Y0) * float(PIECES)
    i = t.astype(np.intp)  # nan and inf cast to some integer, which the clip brings into the table
    np.minimum(np.maximum(i, 0, out=i), table.shape[1] - 1, out=i)
    s = (t - i) * 2.0 - 1.0
    # a gather per coefficient (take: a quarter of fancy indexing's time), in Horner's order
    r: np.ndarray = table[0].take(i) * s
    for k in range(1, DEG):
        r += table[k].take(i)
        r *= s
    r += table[DEG].take(i)
    big = y > Y1
    if np.any(big):
        z = 1.0 / (y[big] * y[big])
        ser = 1.0 + z * (-1.0 + z * (3.0 + z * (-15.0 + z * (105.0 + z * (-945.0 + z * 10395.0)))))
        r[big] = ser / y[big] / math.sqrt(2 * math.pi)
    return r


def exp_half_sq(x: Any) -> Any:
    """(exp(-hi²/2), exp(-(hi*lo + lo²/2))) with x = hi + lo split so that hi² is exact."""
    xc = np.clip(x, -1e150, 1e150)
    hi, lo = split(xc)
    return -0.5 * (hi * hi), np.clip(-(hi * lo + 0.5 * (lo * lo)), -50.0, 50.0)


def gauss_tail(y: np.ndarray) -> np.ndarray:
    """e^{-y²/2} for y >= 0 in float64: y = hi + lo with hi² exact, e^{-hi²/2} by np.exp and
    e^{-(hi lo + lo²/2)} by its cubic Taylor polynomial (|hi lo| < 2^-26 y², so below y = 64 the
    quartic term is under 1e-20)."""
    hi, lo = split(y)
    b = -(hi * lo + 0.5 * (lo * lo))
    out: np.ndarray = np.exp(-0.5 * (hi * hi)) * (1.0 + b * (1.0 + b * (0.5 + b * (1.0 / 6.0))))
    return out


ISQ2PI = 1.0 / math.sqrt(2 * math.pi)


# Fast (float64 NumPy) primitives


def expabs(u: Any) -> Any:
    """e^{-|u|}: the one exponential behind σ(u), σ(-u) and σ'(u), shared among them."""
    t = np.negative(np.abs(u))
    return np.exp(t, out=t) if isinstance(t, np.ndarray) else np.exp(t)


def sig(u: Any, t: Any = None) -> Any:
    return sc.expit(u) if t is None else sig_dd(u, 0.0, t)


def sig_dd(hi: Any, lo: Any, t: Any = None) -> Any:
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


def dsig(u: Any, t: Any = None) -> Any:
    return dsig_dd(u, 0.0, t)


def dsig_dd(hi: Any, lo: Any, t: Any = None) -> Any:
    """σ'(h + l) = t/(1 + t)², t = e^{-|h|}, 1.2 ULP at most where σ(u)σ(-u) is 3.3 off (measured on
    4e4 points against mpmath): every rounding but the exponential's and the last is compensated.
    1 + t = s + e exactly (Fast2Sum), s² = d + d_e exactly (Dekker), r = t/d with its remainder
    t - r d exact (Dekker again), so that t/(s + e)² = r + (t - r d - r(d_e + 2se))/d to second
    order; the low part by (log σ')' = 1 - 2σ = -sign(h) (1 - t)/(1 + t)."""
    if t is None:
        t = expabs(hi)
    s = 1.0 + t
    e = 1.0 - s
    e += t
    d, de = two_square(s)
    r = t / d
    p, pe = two_prod(r, d)
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


def softplus(u: Any) -> Any:
    return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))


def softplus_dd(hi: Any, lo: Any) -> Any:
    return softplus(hi) + sc.expit(hi) * lo


def exp_dd(hi: Any, lo: Any) -> Any:
    e = np.exp(hi)
    return e + e * lo


def expm1_dd(hi: Any, lo: Any) -> Any:
    return np.expm1(hi) + np.exp(hi) * lo


def npdf(u: Any) -> Any:
    return gauss(u) * ISQ2PI


def npdf_dd(hi: Any, lo: Any) -> Any:
    p = npdf(hi)
    return p - p * (hi * lo)


def ndtr(u: Any, g: Any = None) -> Any:
    """Φ(u): SciPy's ndtr down to -Y0, e^{-u²/2} Q(-u) below (g: e^{-u²/2} when the caller has it,
    as GELU' has for φ)."""
    u = np.asarray(u, dtype=np.float64)
    tail = u < -Y0
    if not np.any(tail):
        return sc.ndtr(u)
    out = np.empty_like(u)
    # integer indices rather than boolean masks: a third of their cost to gather and scatter
    t = np.flatnonzero(tail)
    r = np.flatnonzero(~tail)
    out[r] = sc.ndtr(u.take(r))  # only where it is used: SciPy's ndtr costs more than the gathers
    y = -u.take(t)
    out[t] = (gauss_tail(np.minimum(y, 64.0)) if g is None else np.asarray(g).take(t)) * mills(y)
    return out


def gauss(u: Any) -> Any:
    return gauss_tail(np.minimum(np.abs(u), 64.0))  # beyond 64 it is 0 in float64


def ndtr_dd(hi: Any, lo: Any) -> Any:
    return ndtr(hi) + npdf(hi) * lo


def polyc(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> Any:
    """A polynomial by compensated Horner where |x| < bound, plain Horner beyond."""
    hi, _ = ddpoly(x, coeffs, bound)
    plain = horner(tuple(c[0] for c in coeffs), x)
    return np.where(np.abs(x) < bound, hi, plain)



def ipow(b: Any, n: int) -> Any:
    if n < 0:
        return ipow(1.0 / b, -n)
    if n == 0:
        return b * 0.0 + 1.0
    if n == 1:
        return b
    if n == 2:
        return b * b
    h = ipow(b, n // 2)
    h = h * h
    return h * b if n % 2 else h


def exprat(u: Any, nw: tuple[float, ...], dw: tuple[float, ...], nv: tuple[float, ...],
              dv: tuple[float, ...], cw: float = 0.0, cv: float = 0.0) -> Any:
    """P(t)/Q(t) + c with t = e^u below 0 (P, Q, c: nw, dw, cw) and t = e^{-u} above (nv, dv, cv)."""
    u = np.asarray(u, dtype=np.float64)
    neg = u <= 0
    t = np.exp(np.where(neg, u, -u))
    num = np.where(neg, horner(nw, t), horner(nv, t))
    den = np.where(neg, horner(dw, t), horner(dv, t))
    r = num / den
    if cw or cv:
        r += cw if cw == cv else np.where(neg, cw, cv)
    return r


def horner(c: tuple[float, ...], t: Any) -> Any:
    r = t * 0.0 + c[0]
    for a in c[1:]:
        r = r * t + a
    return r


def conj(p: Any, ks: Any, d: Any, k: float) -> Any:
    return np.where(p * k >= 0, p + ks, d / (p - ks))


def where(c: Any, a: Any, b: Any) -> Any:
    return np.where(c, a, b)


NS_FAST: dict[str, Any] = {
    "_sig": sig, "_sig_dd": sig_dd, "_dsig": dsig, "_dsig_dd": dsig_dd, "_expabs": expabs,
    "_sp": softplus, "_sp_dd": softplus_dd,
    "_exp": np.exp, "_exp_dd": exp_dd, "_expm1": np.expm1, "_expm1_dd": expm1_dd,
    "_ndtr": ndtr, "_ndtr_dd": ndtr_dd, "_npdf": npdf, "_npdf_dd": npdf_dd,
    "_gauss": gauss, "_ndtr_g": ndtr,
    "_ddpoly": ddpoly, "_ddmono": ddmono, "_ddneg": ddneg, "_polyc": polyc, "_ipow": ipow, "_exprat": exprat, "_conj": conj, "_where": where,
    "_hypot": np.hypot, "_sqrt": np.sqrt, "_log": np.log, "_log1p": np.log1p, "_abs": np.abs,
    "_and": np.logical_and, "_or": np.logical_or, "_not": np.logical_not,
    "_np": np, "_sc": sc,
}


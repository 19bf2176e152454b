r"""The extended-exponent slow path: :class:`Ext`, numbers :math:`m\,2^e`, and the primitives on it.

The emitted source runs over two namespaces: :data:`glusym.numeric.primitives.NS_FAST` (NumPy
float64) and :data:`NS_EXT` here, whose primitives take and return :class:`Ext` arrays. The slow
path is used only for the results that come out tiny (below :math:`2^{-960}`), zero, infinite or
nan, so that a product such as :math:`x\,\Phi(x)` is rounded once into the subnormal range and
:math:`0\cdot\infty` from an overflowing polynomial times an underflowing exponential never
happens. An mpmath fallback for these points was considered: the slow path handles whole arrays
(a derivative at :math:`10^{200}` on every point of a grid), where mpmath costs tens of
microseconds a point, and it would need the same care about the reference's precision as the
tests do.

>>> v = Ext.exp(np.array([-800.0])) * Ext(np.array([1e-300]))
>>> print(v.to_float(), v.e)
[0.] [-2150.]
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import scipy.special as sc

from .eft import ddmono, ddneg, ddpoly
from .primitives import ISQ2PI, NS_FAST, Y0, exp_half_sq, mills, softplus

__all__ = ["NS_EXT", "Ext"]

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
    r: Ext = _x_where(neg, w / d, Ext(1.0 / d))
    return r


def _x_sig_dd(hi: Any, lo: Any, t: Any = None) -> Ext:
    s = _x_sig(hi)
    r: Ext = s * (1.0 + (1.0 - sc.expit(hi)) * lo)
    return r


def _x_dsig(u: Any, t: Any = None) -> Ext:
    u = _flt(u)
    t = np.exp(-np.abs(u))
    r: Ext = Ext.exp(-np.abs(u)) / ((1.0 + t) * (1.0 + t))
    return r


def _x_dsig_dd(hi: Any, lo: Any, t: Any = None) -> Ext:
    r: Ext = _x_dsig(hi) * (1.0 - np.tanh(_flt(hi) / 2) * lo)
    return r


def _x_sp(u: Any) -> Ext:
    u = _flt(u)
    neg = u < 0
    w = Ext.exp(np.where(neg, u, 0.0))
    wf = w.to_float()
    small = Ext(np.log1p(wf))
    tiny = w * (1.0 - 0.5 * wf)
    r: Ext = _x_where(neg & (wf < 1e-8), tiny, _x_where(neg, small, Ext(softplus(u))))
    return r


def _x_sp_dd(hi: Any, lo: Any) -> Ext:
    r: Ext = _x_sp(hi) + _x_sig(hi) * lo
    return r


def _x_exp_dd(hi: Any, lo: Any) -> Ext:
    r: Ext = Ext.exp(hi) * (1.0 + lo)
    return r


def _x_expm1(u: Any) -> Ext:
    u = _flt(u)
    r: Ext = _x_where(u < -1.0, Ext.exp(u) - 1.0, Ext(np.expm1(u)))
    return r


def _x_expm1_dd(hi: Any, lo: Any) -> Ext:
    r: Ext = _x_expm1(hi) + Ext.exp(hi) * lo
    return r


def _x_gauss(u: Any) -> Ext:
    a, b = exp_half_sq(_flt(u))
    r: Ext = Ext.exp(a) * np.exp(b)
    return r


def _x_npdf(u: Any) -> Ext:
    return _x_gauss(u) * ISQ2PI


def _x_npdf_dd(hi: Any, lo: Any) -> Ext:
    r: Ext = _x_npdf(hi) * (1.0 - hi * lo)
    return r


def _x_ndtr(u: Any) -> Ext:
    u = np.asarray(_flt(u), dtype=np.float64)
    tail = u < -Y0
    y = np.where(tail, -u, 1.0)
    r: Ext = _x_where(tail, _x_gauss(y) * mills(y), Ext(sc.ndtr(u)))
    return r


def _x_ndtr_dd(hi: Any, lo: Any) -> Ext:
    r: Ext = _x_ndtr(hi) + _x_npdf(hi) * lo
    return r


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
    r: Ext = _x_where(np.abs(f) < 1e-9, a * (1.0 - 0.5 * f), Ext(np.log1p(f)))
    return r


def _x_exprat(u: Any, nw: tuple[float, ...], dw: tuple[float, ...], nv: tuple[float, ...],
              dv: tuple[float, ...], cw: float = 0.0, cv: float = 0.0) -> Ext:
    u = _flt(u)
    neg = u <= 0
    t = Ext.exp(np.where(neg, u, -u))
    num = _x_where(neg, _xhorner(nw, t), _xhorner(nv, t))
    den = _x_where(neg, _xhorner(dw, t), _xhorner(dv, t))
    r: Ext = num / den
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


def _x_polyc(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> Any:
    xf = _flt(x)
    hi, _ = ddpoly(xf, coeffs, bound)
    plain = _xhorner(tuple(c[0] for c in coeffs), Ext.of(x))
    return _x_where(np.abs(xf) < bound, hi, plain)


NS_EXT: dict[str, Any] = dict(NS_FAST)
NS_EXT.update({
    "_sig": _x_sig, "_sig_dd": _x_sig_dd, "_dsig": _x_dsig, "_dsig_dd": _x_dsig_dd, "_expabs": lambda u: None,
    "_sp": _x_sp, "_sp_dd": _x_sp_dd,
    "_exp": Ext.exp, "_exp_dd": _x_exp_dd, "_expm1": _x_expm1, "_expm1_dd": _x_expm1_dd,
    "_ndtr": _x_ndtr, "_ndtr_dd": _x_ndtr_dd, "_npdf": _x_npdf, "_npdf_dd": _x_npdf_dd,
    "_gauss": lambda u: _x_gauss(u), "_ndtr_g": lambda u, g: _x_ndtr(u),
    "_ddpoly": lambda x, c, b: ddpoly(_flt(x), c, b), "_ddmono": lambda x, ch, cl, b: ddmono(_flt(x), ch, cl, b),
    "_ddneg": ddneg, "_polyc": _x_polyc,
    "_ipow": lambda b, n: _x_ipow(Ext.of(b), n), "_exprat": _x_exprat, "_conj": _x_conj,
    "_where": _x_where, "_hypot": _x_hypot, "_sqrt": _x_sqrt, "_log": _x_log, "_log1p": _x_log1p,
    "_abs": lambda a: abs(Ext.of(a)),
    "_np": type("_LiftedNumPy", (), {"__getattr__": lambda self, n: _lift(getattr(np, n))})(),
    "_sc": type("_LiftedSciPy", (), {"__getattr__": lambda self, n: _lift(getattr(sc, n))})(),
})

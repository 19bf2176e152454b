r"""Error-free transformations in float64 (Dekker, no FMA), and double-double polynomials.

Each function returns a pair ``(hi, lo)`` whose sum is the exact result (or, for the polynomial
and the monomial, the result to about :math:`2^{-100}` relative): :math:`a + b = s + e`
(Knuth's TwoSum), :math:`ab = p + e` (Dekker's product on the split
:math:`a = a_h + a_l`, :math:`a_h` of 26 bits). They work elementwise on NumPy arrays and on
Python floats alike.

>>> two_sum(1.0, 2.0**-60)
(1.0, 8.673617379884035e-19)
>>> two_prod(1.0 + 2.0**-30, 1.0 + 2.0**-30)
(1.0000000018626451, 8.673617379884035e-19)
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
import sympy

__all__ = ["dd_const", "ddmono", "ddneg", "ddpoly", "split", "two_prod", "two_square", "two_sum"]

#: Dekker's splitting constant, 2^27 + 1.
SPLIT = 134217729.0


def split(a: Any) -> tuple[Any, Any]:
    r"""Dekker's split :math:`a = a_h + a_l` with :math:`a_h` of 26 bits, so that products of halves are exact.

    :math:`t = (2^{27}+1)a`, :math:`a_h = t - (t - a)`, :math:`a_l = a - a_h`.

    >>> split(1.0 + 2.0**-40)
    (1.0, 9.094947017729282e-13)
    """
    t = SPLIT * a
    hi = t - (t - a)
    return hi, a - hi


def two_prod(a: Any, b: Any) -> tuple[Any, Any]:
    r"""The product :math:`ab = p + e` exactly, :math:`p = \operatorname{fl}(ab)` (Dekker).

    :math:`e = ((a_h b_h - p) + a_h b_l + a_l b_h) + a_l b_l`.

    >>> two_prod(3.0, 1.0 / 3.0)
    (1.0, -5.551115123125783e-17)
    """
    p = a * b
    ah, al = split(a)
    bh, bl = split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def two_square(a: Any) -> tuple[Any, Any]:
    r"""The square :math:`a^2 = p + e` exactly, as :func:`two_prod` with one split.

    :math:`e = ((a_h^2 - p) + 2a_h a_l) + a_l^2`.

    >>> two_square(1.0 + 2.0**-30)
    (1.0000000018626451, 8.673617379884035e-19)
    """
    p = a * a
    ah, al = split(a)
    return p, ((ah * ah - p) + 2.0 * ah * al) + al * al


def two_sum(a: Any, b: Any) -> tuple[Any, Any]:
    r"""The sum :math:`a + b = s + e` exactly, :math:`s = \operatorname{fl}(a + b)` (Knuth).

    :math:`b' = s - a`, :math:`e = (a - (s - b')) + (b - b')`.

    >>> two_sum(0.1, 0.2)
    (0.30000000000000004, -2.7755575615628914e-17)
    """
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def dd_const(c: sympy.Expr) -> tuple[float, float]:
    r"""A real SymPy constant as a double-double :math:`c \approx h + l` (40 digits, then rounded twice).

    >>> dd_const(sympy.Rational(1, 3))
    (0.3333333333333333, 1.850371707708594e-17)
    """
    with mpmath.workdps(40):
        v = mpmath.mpf(sympy.N(c, 40))
        hi = float(v)
        lo = float(v - hi)
    return hi, lo


def ddmono(x: Any, ch: float, cl: float, bound: float) -> tuple[Any, Any]:
    r"""The monomial :math:`c x = h + l` for :math:`c = c_h + c_l`, x clipped to ``[-bound, bound]``.

    :math:`c = c_1 + c_2` with :math:`c_1` of 26 bits and :math:`x = x_h + x_l` (:func:`split`), so that
    :math:`c_1 x_h` and :math:`c_1 x_l` are exact; then :math:`h + l = c_1 x_h + (c_1 x_l + c_2 x)` by
    Fast2Sum. l carries :math:`c x - h` to about :math:`2^{-78}|c x|`: 12 operations where Dekker's
    product takes 17.

    >>> hi, lo = ddmono(3.0, 0.1, -5.551115123125783e-18, 1e300)   # 3 * (1/10)
    >>> float(hi), float(lo)
    (0.3, 1.1102230411687688e-17)
    """
    x = np.clip(x, -bound, bound)  # one pass (np.maximum then np.minimum make two)
    c1, c2 = split(ch)
    c2 += cl
    if not isinstance(x, np.ndarray):
        xh, xl = split(x)
        hi = c1 * xh
        rest = c1 * xl + c2 * x
        s = hi + rest
        return s, rest - (s - hi)
    # the same operations in place: five temporaries where there were eleven
    hi = x * SPLIT
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


def ddneg(hi: Any, lo: Any) -> tuple[Any, Any]:
    r"""The negated pair :math:`-(h + l) = (-h) + (-l)`, exact.

    >>> ddneg(1.0, 2.0**-60)
    (-1.0, -8.673617379884035e-19)
    """
    return -hi, -lo


def ddpoly(x: Any, coeffs: tuple[tuple[float, float], ...], bound: float) -> tuple[Any, Any]:
    r"""Compensated Horner: :math:`p(x) = h + l` for double-double coefficients (highest first).

    :math:`s_{k} = \operatorname{fl}(s_{k-1}x + c_k)` with the errors of the product and the sum
    (:func:`two_prod`, :func:`two_sum`) and of :math:`c_k` itself carried along by
    :math:`l_k = l_{k-1}x + (\pi_k + \sigma_k + c_{k,lo})`; x is clipped to ``[-bound, bound]``.

    >>> hi, lo = ddpoly(np.array([3.0]), ((1.0, 0.0), (-2.9999999999999996, 0.0)), 1e300)
    >>> float(hi[0]), float(lo[0])
    (4.440892098500626e-16, 0.0)
    """
    x = np.clip(x, -bound, bound)  # 32 µs a call on a block of 65,536: less than two passes
    s = np.full_like(x, coeffs[0][0])
    lo = np.full_like(x, coeffs[0][1])
    for ch, cl in coeffs[1:]:
        p, pe = two_prod(s, x)
        s, se = two_sum(p, ch)
        lo = lo * x + (pe + se + cl)
    hi = s + lo
    return hi, lo - (hi - s)

r"""Truncated power series at 0 by Taylor-mode arithmetic on coefficient lists.

A series is a list ``[c_0, c_1, …, c_{n-1}]`` of exact SymPy coefficients of ``x^0 … x^{n-1}``.
Sums and products are truncated Cauchy products; a function of a series follows from the ODE it
satisfies, one coefficient at a time:

.. math::
    b = e^a:\; b' = a' b \qquad b = \sigma(a):\; b' = a'\,b(1-b) \qquad
    b = \tanh a:\; b' = a'(1-b^2) \qquad b = \operatorname{erf} a:\; b' = \tfrac{2}{\sqrt\pi} e^{-a^2} a'

so the n-th coefficient is :math:`b_n = \frac1n\sum_{k=1}^n k\,a_k\,g_{n-k}` with ``g`` the
series of the right-hand side factor. This is what makes stacked units fast: nesting costs one
more pass over ``n`` coefficients, where ``sympy.series`` differentiates the whole nested
expression again.

>>> from sympy import Symbol, exp
>>> from glusym.functions import sigmoid
>>> x = Symbol("x")
>>> taylor_coefficients(x * sigmoid(x), x, 6)
[0, 1/2, 1/4, 0, -1/48, 0]
>>> taylor_coefficients(exp(x), x, 4)
[1, 1, 1/2, 1/6]
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Add, Expr, Mul, Pow, S, Symbol, erf, erfc, exp, log, pi, sqrt, tanh

from ..bounds import MAX_ORDER  # the most terms a Taylor series is computed to
from ..errors import GlusymError, shown
from ..functions import Phi, phi, sigmoid, to_sympy

__all__ = ["MAX_ORDER", "NotAnalytic", "check_order", "taylor_coefficients"]


Series = list[Expr]


class NotAnalytic(GlusymError):
    """The expression has no Taylor series at 0 (a kink, a pole, a branch point)."""


def check_order(order: object, what: str = "order") -> int:
    """``order`` when it is a whole number from 1 to :data:`MAX_ORDER`, else a GlusymError."""
    if not isinstance(order, int) or isinstance(order, bool) or not 1 <= order <= MAX_ORDER:
        raise GlusymError(f"{what} must be a whole number from 1 to {MAX_ORDER}, got {shown(order)}")
    return order


def _clean(c: Expr) -> Expr:
    """Canonical form of a coefficient: expanded, and constant function values made exact."""
    if c.is_Rational:
        return c
    if c.is_number and any(not p.exp.is_Integer and isinstance(p.base, Add) for p in c.atoms(Pow)):
        # nested radicals, such as sqrt(22 + 2*sqrt(5)): a quotient of expanded polynomials in
        # the radicals. Expanding multiplies them out (squareplus stacked three deep: 77,000
        # characters and 10 s to order 9, against 1,800 and 1.5 s); plain radicals and pi
        # expand faster than they cancel (four GELUs to order 12: 0.2 s against 3.5 s)
        return sympy.cancel(c)
    if c.has(tanh, sigmoid, Phi, phi, log, exp, erf) and c.is_number:
        c = c.rewrite(exp) if c.has(tanh) else c
    return sympy.expand(c)


def _mul(a: Series, b: Series, n: int) -> Series:
    va = next((i for i, c in enumerate(a) if c != 0), n)
    vb = next((i for i, c in enumerate(b) if c != 0), n)
    out: Series = [S.Zero] * n
    for i in range(va, n):
        if a[i] == 0:
            continue
        for j in range(vb, n - i):
            if b[j] != 0:
                out[i + j] += a[i] * b[j]
    return [_clean(c) for c in out]


def _ode(a: Series, n: int, b0: Expr, rhs: Callable[[Series, int], Expr]) -> Series:
    """Solve b' = a' * g(b) coefficient by coefficient; rhs(b, m) returns g's m-th coefficient
    using b[0..m] only."""
    b: Series = [_clean(b0)]
    g: Series = []
    for m in range(1, n):
        g.append(rhs(b, m - 1))
        b.append(_clean(sum((k * a[k] * g[m - k] for k in range(1, m + 1) if a[k] != 0), S.Zero) / m))
    return b


def _exp(a: Series, n: int) -> Series:
    return _ode(a, n, exp(a[0]), lambda b, m: b[m])


def _square_coeff(b: Series, m: int) -> Expr:
    return sum((b[i] * b[m - i] for i in range(m + 1)), S.Zero)


def _fn(f: type, a: Series, n: int) -> Series:
    if f is exp:
        return _exp(a, n)
    if f is sigmoid:
        return _ode(a, n, sigmoid(a[0]), lambda b, m: b[m] - _square_coeff(b, m))
    if f is tanh:
        return _ode(a, n, tanh(a[0]), lambda b, m: (1 if m == 0 else 0) - _square_coeff(b, m))
    if f in (erf, erfc, Phi):
        e = _exp([_clean(-c) for c in _mul(a, a, n)], n) if f is not Phi else \
            _exp([_clean(-c / 2) for c in _mul(a, a, n)], n)
        scale = 2 / sqrt(pi) if f is not Phi else 1 / sqrt(2 * pi)
        b0 = erf(a[0]) if f is erf else erfc(a[0]) if f is erfc else Phi(a[0])
        sgn = -1 if f is erfc else 1
        return _ode(a, n, b0, lambda b, m: _clean(sgn * scale * e[m]))
    if f is phi:
        return [_clean(c / sqrt(2 * pi)) for c in _exp([_clean(-c / 2) for c in _mul(a, a, n)], n)]
    if f is log:
        if a[0] == 0:
            raise NotAnalytic("log of a series that vanishes at 0")
        b: Series = [_clean(log(a[0]))]
        for m in range(1, n):
            s = sum((k * b[k] * a[m - k] for k in range(1, m)), S.Zero)
            b.append(_clean((a[m] - s / m) / a[0]))
        return b
    raise NotAnalytic(f"no Taylor-mode rule for {f.__name__}")


def _pow(a: Series, r: Expr, n: int) -> Series:
    if r.is_Integer and r >= 0:
        out: Series = [S.One] + [S.Zero] * (n - 1)
        base, k = a, int(r)
        while k:
            if k & 1:
                out = _mul(out, base, n)
            k >>= 1
            if k:
                base = _mul(base, base, n)
        return out
    if a[0] == 0:
        raise NotAnalytic(f"power {r} of a series that vanishes at 0")
    # J. C. P. Miller's recurrence for b = a^r:  n a_0 b_n = sum_k ((r+1)k - n) a_k b_{n-k}
    b: Series = [_clean(a[0] ** r)]
    for m in range(1, n):
        s = sum((((r + 1) * k - m) * a[k] * b[m - k] for k in range(1, m + 1) if a[k] != 0), S.Zero)
        b.append(_clean(s / (m * a[0])))
    return b


def _series(e: Expr, x: Symbol, n: int, memo: dict[Expr, Series]) -> Series:
    if e in memo:
        return memo[e]
    if not e.has(x) and not any(e.has(k) for k in memo if k.is_Symbol):
        out: Series = [e] + [S.Zero] * (n - 1)
    elif e == x:
        out = [S.Zero, S.One] + [S.Zero] * (n - 2) if n >= 2 else [S.Zero]
    elif isinstance(e, Add):
        parts = [_series(a, x, n, memo) for a in e.args]
        out = [_clean(sum(col, S.Zero)) for col in zip(*parts)]
    elif isinstance(e, Mul):
        out = [S.One] + [S.Zero] * (n - 1)
        for a in e.args:
            out = _mul(out, _series(a, x, n, memo), n)
    elif isinstance(e, Pow):
        base, ex = e.args
        if ex.has(x):
            out = _series(exp(ex * log(base)), x, n, memo)
        else:
            out = _pow(_series(base, x, n, memo), ex, n)
    elif isinstance(e, sympy.Function) and len(e.args) == 1:
        out = _fn(type(e), _series(e.args[0], x, n, memo), n)
    else:
        raise NotAnalytic(f"no Taylor-mode rule for {type(e).__name__}")
    memo[e] = out
    return out


def taylor_coefficients(expr: Expr, x: Symbol, n: int, known: dict[Symbol, Series] | None = None) -> Series:
    """The Taylor coefficients of ``expr`` at ``x = 0``, degrees 0 … n-1, exact.

    ``known`` gives the series (in ``x``) of other symbols of ``expr``: this is how a composition
    ``f(g(x))`` is expanded from the series of ``g`` without writing ``g`` out again.

    Raises :class:`NotAnalytic` where the expression has a kink, pole or branch point at 0, or a
    function without a rule here.

    >>> from sympy import Symbol, Rational
    >>> x, u = Symbol("x"), Symbol("u")
    >>> taylor_coefficients(u**2 + u, x, 4, known={u: [0, 1, Rational(1, 2), 0]})
    [0, 1, 3/2, 1]
    """
    check_order(n, "the number of terms n")
    expr = to_sympy(expr, "the expression of taylor_coefficients")
    x = to_sympy(x, "the variable of taylor_coefficients")
    if not isinstance(x, Symbol):
        raise GlusymError(f"the variable of taylor_coefficients must be a Symbol, not {type(x).__name__}")
    m = max(n, 2)
    memo: dict[Expr, Series] = {}
    for sym, coeffs in (known or {}).items():
        what = "a known series of taylor_coefficients"
        memo[to_sympy(sym, what)] = ([to_sympy(c, what) for c in coeffs] + [S.Zero] * m)[:m]
    return _series(expr, x, m, memo)[:n]

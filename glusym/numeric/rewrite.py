r"""Stable rewrite rules behind :func:`glusym.numeric.to_numpy`, on ``sympy.codegen.rewriting``.

:func:`stabilise` rewrites a SymPy expression into placeholder functions whose float64
evaluation is stable: :math:`1-\sigma(u)\to\sigma(-u)`, :math:`c\pm c\tanh z\to 2c\,\sigma(\pm2z)`,
:math:`c-c\tanh^2 z\to4c\,\sigma(2z)\sigma(-2z)`, :math:`\log(1+e^u)\to\operatorname{softplus}(u)`,
:math:`\log\sigma(u)\to-\operatorname{softplus}(-u)`, :math:`c\,e^u-c\to c\,\operatorname{expm1}(u)`,
:math:`1-\Phi(u)\to\Phi(-u)`, erf/erfc into :math:`\Phi`, :math:`\tanh(\log g)` into a rational
function of :math:`e^u` evaluated in :math:`e^{u}` for :math:`u\le0` and in :math:`e^{-u}` above,
:math:`\sqrt{x^2+c}\to\operatorname{hypot}(x,\sqrt c)`, conjugate rationalisation of
:math:`P+k\sqrt Q` on the side where it cancels, and :math:`\sigma(u)\sigma(-u)\to\sigma'(u)`,
one quantity from one exponential.

Every rule is a ``sympy.codegen.rewriting.ReplaceOptim`` (a query and a replacement, applied
bottom-up by ``Basic.replace``), the rules are applied in order by ``optimize`` (:data:`RULES`,
highest priority first) and to a fixed point by ``sympy.strategies.exhaust``: a rule's result
may be another's input (:math:`1/(1+e^{-u})` becomes :math:`\sigma(u)`, then
:math:`1-\sigma(u)` becomes :math:`\sigma(-u)`). What stays custom is the body of the rules that
look at a whole sum or product (a constant term against a coefficient, a pair of factors
:math:`\sigma(u)\sigma(-u)`, a common denominator): SymPy's ``Wild`` patterns match one
structure, and these rules need arithmetic on the coefficients (:math:`c\,e^u - c` for any c,
``sympy.expand(a + b) == 0``) and a polynomial-degree test, which a pattern cannot state.

>>> from sympy import Symbol, tanh
>>> x = Symbol("x", real=True)
>>> stabilise(x / 2 * (1 + tanh(x)))
x*_sig(2*x)
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import sympy
from sympy import Add, Basic, Expr, Function, Mul, Piecewise, Pow, S, Symbol, exp, log, sqrt, tanh
from sympy.codegen.cfunctions import expm1, log1p
from sympy.codegen.rewriting import ReplaceOptim, optimize
from sympy.strategies import exhaust

from ..functions import Phi, phi, sigmoid, to_sympy

# the placeholders keep their names (they print in the stable form)
__all__ = ["EXPLIKE", "RULES", "W", "_conj", "_dsig", "_exprat", "_hypot", "_ndtr", "_npdf", "_sig", "_sp", "stabilise"]

# Placeholder functions of the stable form


class _sig(Function):  # type: ignore[misc]  # SymPy has no type information
    """σ(u), computed with sign split (scipy.special.expit)."""

    nargs = 1


class _dsig(Function):  # type: ignore[misc]  # SymPy has no type information
    """σ(u)σ(-u) = σ'(u) = e^{-|u|}/(1 + e^{-|u|})², as one quantity from one exponential."""

    nargs = 1


class _sp(Function):  # type: ignore[misc]  # SymPy has no type information
    """softplus(u) = log(1 + e^u) = max(u, 0) + log1p(e^{-|u|})."""

    nargs = 1


class _ndtr(Function):  # type: ignore[misc]  # SymPy has no type information
    """Φ(u), the normal CDF, accurate in the left tail."""

    nargs = 1


class _npdf(Function):  # type: ignore[misc]  # SymPy has no type information
    """φ(u), the normal density, with u²/2 split exactly."""

    nargs = 1


class _hypot(Function):  # type: ignore[misc]  # SymPy has no type information
    nargs = 2


class _exprat(Function):  # type: ignore[misc]  # SymPy has no type information
    """A rational function N(w)/D(w) of w = e^u; args (u, N, D) with N, D polynomials in W."""

    nargs = 3


class _conj(Function):  # type: ignore[misc]  # SymPy has no type information
    """P + k*sqrt(Q) as where(P*k >= 0, P + k*S, D/(P - k*S)); args (P, kS, D)."""

    nargs = 3


W = Symbol("_w", positive=True)
EXPLIKE = (_sig, _dsig, _sp, _ndtr, _npdf, exp, expm1)


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
    r = sympy.cancel(e.subs(exp(u), W).replace(exp, lambda a: W ** sympy.simplify(a / u)))
    if r.has(exp) or r.free_symbols - {W}:
        return e
    n, d = sympy.fraction(sympy.cancel(r))
    try:
        pn, pd = sympy.Poly(n, W), sympy.Poly(d, W)
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


def _tanh2_log(e: Add) -> bool:
    """True for an Add c - c*tanh(log g)^2 (handled as a whole by _rewrite_add)."""
    return any(isinstance(f, Pow) and f.exp == 2 and isinstance(f.base, tanh) and isinstance(f.base.args[0], log)
               for f in (_split_coeff(t)[1] for t in e.args))



def _is(kind: type | tuple[type, ...]) -> Callable[[Basic], bool]:
    return lambda e: isinstance(e, kind)


_KINKS = (sympy.Max, sympy.Min, sympy.Heaviside, sympy.sign)

#: The rules, highest priority first. tanh(log g) is looked at before the log inside it becomes
#: a softplus, and c - c tanh(log g)^2 as a whole before its tanh(log g).
RULES: tuple[ReplaceOptim, ...] = (
    ReplaceOptim(_is(_KINKS), lambda e: e.rewrite(Piecewise), priority=90),
    ReplaceOptim(lambda e: isinstance(e, Add) and _tanh2_log(e), _rewrite_add, priority=80),
    ReplaceOptim(lambda e: isinstance(e, tanh) and isinstance(e.args[0], log),
                 lambda e: _exprat_of(_tanh_log(e.args[0].args[0])), priority=70),
    ReplaceOptim(_is(sympy.erfc), lambda e: 2 * Phi(-sqrt(2) * e.args[0]), priority=60),
    ReplaceOptim(_is(Add), _rewrite_add, priority=50),
    ReplaceOptim(_is(Add), _conjugate, priority=45),
    ReplaceOptim(_is(log), _rewrite_log, priority=40),
    ReplaceOptim(_is(Pow), _rewrite_pow, priority=30),
    ReplaceOptim(_is(Mul), _rewrite_mul, priority=20),
)

_PLACEHOLDERS = ReplaceOptim(_is((sigmoid, Phi, phi)),
                             lambda a: {sigmoid: _sig, Phi: _ndtr, phi: _npdf}[type(a)](a.args[0]))


@functools.lru_cache(maxsize=512)
def stabilise(expr: Expr) -> Expr:
    """The stable form of ``expr``: :data:`RULES` to a fixed point, then the placeholders.

    σ, Φ and φ become the placeholders ``_sig``, ``_ndtr``, ``_npdf`` the printer knows.

    >>> from sympy import Symbol, log, exp
    >>> x = Symbol("x", real=True)
    >>> stabilise(log(1 + exp(x))), stabilise(1 - sigmoid(x))
    (_sp(x), _sig(-x))
    """
    step: Callable[[Basic], Basic] = lambda e: optimize(e, RULES)
    out = exhaust(step)(to_sympy(expr, "the argument of stabilise"))
    result: Expr = _PLACEHOLDERS(out)
    return result

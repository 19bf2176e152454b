r"""The post's notation, and the form a paper prints: the printing layer of glusym.

Three things, for everything glusym shows (``latex``, ``Unit._repr_latex_``, ``derive``'s text):

* **The notation.** :class:`PostLatexPrinter` is SymPy's LaTeX printer with :math:`\sigma`,
  :math:`\Phi`, :math:`\varphi`, :math:`H` (SymPy writes :math:`\theta`), ``O(x^n)``, KaTeX-safe
  matrices; :func:`tex` and :func:`pretty` print with it (the pretty printer takes σ, Φ, φ and
  softplus from the functions' own ``_pretty``).
* **The presented form.** :func:`present` rewrites an expression into an equivalent one a
  textbook would print, chosen among candidate rewrites by printed length:
  :math:`\sigma(-x)` or :math:`1-\sigma(x)` rather than :math:`-(\sigma(x)-1)`, :math:`\sigma(x)`
  rather than :math:`e^x/(e^x+1)`, softplus, :math:`\varphi`, :math:`\Phi`, sech, factored,
  signs pulled into sums. **Every candidate is verified equal to the expression before it is
  shown**: exactly (the difference, written in elementary functions, expands and cancels to 0)
  or, failing that, numerically, to 30 significant digits (computed at 60) at nine seeded
  random points per variable combination, of small, moderate and large magnitude and both
  signs (positive parameters positive). A candidate that fails is refused and never shown; the
  search runs within a time budget and gives back the expression unchanged when it runs out.
* **Decimal constants.** A caller gives the printer the constants that are decimals in their
  sources (the catalogue declares its own as :data:`glusym.catalogue.DECIMALS`: quick-GELU's
  1.702, GELU-tanh's 0.044715; this module may not import the catalogue). A rational of a
  terminating decimal expansion that is a small rational multiple (numerator and denominator
  at most 64) of a power (1 to 4) of a declared constant prints as that decimal:
  :math:`3 \cdot 0.044715 = 0.134145`, :math:`1.702^2 = 2.896804`; every other rational keeps
  its fraction (:math:`\frac{1}{2}`). The decimal is exact, so it reads back as the same
  rational.

This module imports nothing of glusym above :mod:`glusym.functions` (one-way imports).

>>> from sympy import Rational, Symbol, exp, diff
>>> from glusym.functions import sigmoid
>>> x = Symbol("x", real=True)
>>> tex(present(diff(x * sigmoid(x), x)))
'\\left(x \\sigma\\left(- x\\right) + 1\\right) \\sigma\\left(x\\right)'
>>> present(exp(x) / (exp(x) + 1))
sigmoid(x)
>>> tex(x * sigmoid(Rational(851, 500) * x), decimals={Rational("1.702")})
'x \\sigma\\left(1.702 x\\right)'
>>> tex(x / 2)
'\\frac{x}{2}'
"""

from __future__ import annotations

import decimal
import random
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Any

import mpmath
import sympy
from sympy import Add, Dummy, Expr, Mul, Pow, Rational, S, Symbol, erf, erfc, exp, log, pi, sech, sqrt, tanh
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.pretty.pretty import PrettyPrinter

from .budget import time_budget
from . import cache
from .errors import BudgetExceeded
from .evaluate import mpmath_function
from .functions import BigO, Phi, elementary, phi, sigmoid, softplus, to_sympy

__all__ = [
    "PRESENT_BUDGET",
    "Presentation",
    "PostLatexPrinter",
    "condition_tex",
    "condition_text",
    "conjuncts",
    "decimal_form",
    "definition",
    "definition_expr",
    "definition_name",
    "equal",
    "lettered",
    "name_with_values",
    "presentation",
    "present",
    "pretty",
    "relation_text",
    "tex",
]

#: Seconds :func:`present` may take for one expression (search and verification) by default.
PRESENT_BUDGET = 2.0


# ---------------------------------------------------------------------------------------------
# the notation


def _monomial_degree(t: Any) -> int | None:
    """The total degree of a monomial c·x^a·y^b (c a number), else None."""
    degree = 0
    for f in Mul.make_args(t):
        if f.is_number:
            continue
        base, e = f.as_base_exp()
        if not (base.is_Symbol and e.is_Integer and e > 0):
            return None
        degree += int(e)
    return degree


def _positive_first(terms: list[Any]) -> list[Any]:
    """The terms of a sum as a paper writes them: a polynomial in ascending degree, as a series is
    written (x/2 + x²/4 − x⁴/48); any other sum in SymPy's order, but beginning with a positive term
    where there is one (1 − σ(x), not −σ(x) + 1).

    >>> from sympy import Rational, Symbol
    >>> x = Symbol("x")
    >>> _positive_first([-x**4 / 48, x**2 / 4, x / 2])
    [x/2, x**2/4, -x**4/48]
    """
    degrees = [_monomial_degree(t) for t in terms]
    if len(terms) > 1 and all(d is not None for d in degrees):
        rising = [t for _, _, t in sorted(zip(degrees, range(len(terms)), terms), key=lambda e: e[:2])]
        if not rising[0].could_extract_minus_sign() or terms[0].could_extract_minus_sign():
            return rising  # but x − 1/2 stays so, not −1/2 + x
    if not terms or not terms[0].could_extract_minus_sign():
        return terms
    if not terms[-1].could_extract_minus_sign():
        return terms[::-1]
    for k, t in enumerate(terms):
        if not t.could_extract_minus_sign():
            return [t, *terms[:k], *terms[k + 1:]]
    return terms


class PostLatexPrinter(LatexPrinter):  # type: ignore[misc]  # sympy has no stubs: LatexPrinter is Any
    """SymPy's LaTeX printer with the post's notation and KaTeX-safe output; a sum begins with a
    positive term where it has one."""

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list[Any]:
        return _positive_first(super()._as_ordered_terms(expr, order=order))

    def _print_Heaviside(self, expr: Any, exp: Any = None) -> str:
        tex = r"H\left(%s\right)" % self._print(expr.args[0])
        return tex if exp is None else r"%s^{%s}" % (tex, exp)

    def _print_Function(self, expr: Any, exp: Any = None) -> str:
        # SymPy writes \operatorname{erf}{\left(x \right)}: the extra braces are harmless in
        # KaTeX but not what people write; drop them (also after a power: \operatorname{sech}^{2})
        tex = super()._print_Function(expr, exp)
        return re.sub(r"\}\{\\left\((.*)\\right\)\}$", r"}\\left(\1\\right)", tex)

    def _print_BigO(self, expr: Any, exp: Any = None) -> str:
        return r"O\left(%s\right)" % self._print(expr.args[0])

    def _print_ImmutableDenseMatrix(self, expr: Any) -> str:
        rows = [" & ".join(self._print(c) for c in expr.row(i)) for i in range(expr.rows)]
        return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"

    _print_MutableDenseMatrix = _print_ImmutableDenseMatrix
    _print_Matrix = _print_ImmutableDenseMatrix

    def _print_Tuple(self, expr: Any) -> str:
        return r"\left(" + ", ".join(self._print(a) for a in expr.args) + r"\right)"

    _print_tuple = _print_Tuple


def _decimal_text(r: Rational) -> str | None:
    """The exact decimal expansion of ``r``, or None where it does not terminate."""
    q = int(r.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    if q != 1:
        return None
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        d = decimal.Decimal(int(r.p)) / decimal.Decimal(int(r.q))
    return format(d.normalize(), "f")


def _is_decimal(r: Rational, decimals: frozenset[Rational]) -> bool:
    if r.is_Integer or _decimal_text(r) is None:
        return False
    for d in decimals:
        for k in range(1, 5):
            m = abs(r) / d**k
            if m.p <= 64 and m.q <= 64:
                return True
    return False


def decimal_form(expr: Any, decimals: Iterable[Any] = ()) -> Any:
    """``expr`` with each rational that is a declared decimal constant (see the module's notes)
    replaced by a symbol named as its decimal, for printing only (never compute with it).

    >>> from sympy import Rational, Symbol
    >>> x = Symbol("x")
    >>> decimal_form(Rational(26829, 200000) * x**2 + x / 2, {Rational("0.044715")})
    0.134145*x**2 + x/2
    """
    ds = frozenset(Rational(d) for d in decimals)
    if not ds or not isinstance(expr, sympy.Basic):
        return expr
    swap: dict[Any, Any] = {}
    for r in expr.atoms(Rational):
        if _is_decimal(r, ds):
            s = Symbol(_decimal_text(abs(r)) or "", positive=True)
            swap[r] = s if r > 0 else -s
    return expr.xreplace(swap) if swap else expr


def tex(expr: Any, decimals: Iterable[Any] = ()) -> str:
    r"""LaTeX of ``expr`` in the post's notation, declared decimal constants as decimals.

    >>> from sympy import Heaviside, Symbol
    >>> from glusym.functions import Phi
    >>> tex(Symbol("x") * Phi(Symbol("x"))), tex(Heaviside(Symbol("x")))
    ('x \\Phi\\left(x\\right)', 'H\\left(x\\right)')
    """
    expr = to_sympy(expr, "the printed expression")
    out: str = PostLatexPrinter({"symbol_names": {}}).doprint(decimal_form(expr, decimals))
    return out


def conjuncts(cond: Any, variables: Iterable[Symbol] = ()) -> tuple[Any, ...]:
    """The relations of a condition (``And(x_g > 0, x_v < 0)``, or one relation), in the order of
    ``variables`` (each relation by the first of them it names), where SymPy's ``And`` keeps its own.

    >>> from sympy import And, Symbol
    >>> a, b = Symbol("a"), Symbol("b")
    >>> conjuncts(And(b < 0, a > 0), (a, b))
    (a > 0, b < 0)
    """
    parts = tuple(cond.args) if isinstance(cond, sympy.And) else (cond,)
    order = list(variables)

    def rank(r: Any) -> int:
        names = [i for i, v in enumerate(order) if v in getattr(r, "free_symbols", ())]
        return min(names) if names else len(order)

    return tuple(sorted(parts, key=rank))


def condition_text(cond: Any, variables: Iterable[Symbol] = ()) -> str:
    """A condition as text: its relations as SymPy writes them (``x_g > 0``), joined by ", " in the
    order of ``variables``.

    >>> from sympy import And, Symbol
    >>> a, b = Symbol("a"), Symbol("b")
    >>> condition_text(a > 0), condition_text(And(b < 0, a > 0), (a, b))
    ('a > 0', 'a > 0, b < 0')
    """
    return ", ".join(sympy.sstr(r) for r in conjuncts(cond, variables))


def relation_text(cond: Any, le: str = "≤", ge: str = "≥") -> str:
    """A point or an interval of one variable as text, in the order a reader writes it: ``Eq(x, -3/2)``
    as ``x = -3/2``, ``x <= 0`` as ``x ≤ 0`` (``le``, ``ge``: the signs of ``<=``, ``>=``), the
    conjunction of a lower and an upper bound as ``-1 < x ≤ 3``.

    >>> from sympy import And, Eq, Rational, Symbol
    >>> x = Symbol("x", real=True)
    >>> relation_text(Eq(x, Rational(-3, 2))), relation_text(x <= 0), relation_text(And(x > -1, x <= 3), "<=")
    ('x = -3/2', 'x ≤ 0', '-1 < x <= 3')
    """
    signs = {"<": "<", ">": ">", "<=": le, ">=": ge, "==": "=", "!=": "≠"}

    def one(r: Any) -> str:
        return f"{sympy.sstr(r.lhs)} {signs[r.rel_op]} {sympy.sstr(r.rhs)}"

    if isinstance(cond, sympy.And) and len(cond.args) == 2 and all(isinstance(a, sympy.core.relational.Relational)
                                                                  for a in cond.args):
        lower = [a for a in cond.args if a.rel_op in (">", ">=")]
        upper = [a for a in cond.args if a.rel_op in ("<", "<=")]
        if len(lower) == len(upper) == 1 and lower[0].lhs == upper[0].lhs:
            lo, hi = lower[0], upper[0]
            return (f"{sympy.sstr(lo.rhs)} {signs[lo.rel_op.replace('>', '<')]} {sympy.sstr(lo.lhs)} "
                    f"{signs[hi.rel_op]} {sympy.sstr(hi.rhs)}")
    if isinstance(cond, sympy.core.relational.Relational):
        return one(cond)
    return condition_text(cond)


def condition_tex(cond: Any, variables: Iterable[Symbol] = (), decimals: Iterable[Any] = ()) -> str:
    r"""A condition in LaTeX (:func:`tex` of each relation), joined by ", " as :func:`condition_text`.

    >>> from sympy import And, Symbol
    >>> a, b = Symbol("x_g"), Symbol("x_v")
    >>> condition_tex(And(b < 0, a > 0), (a, b))
    'x_{g} > 0, x_{v} < 0'
    """
    return ", ".join(tex(r, decimals) for r in conjuncts(cond, variables))


def pretty(expr: Any, decimals: Iterable[Any] = ()) -> str:
    """SymPy's unicode pretty print of ``expr`` (σ, Φ, φ, softplus by name), on one page
    width, declared decimal constants as decimals.

    >>> from sympy import Rational, Symbol
    >>> from glusym.functions import sigmoid
    >>> print(pretty(sigmoid(Rational(851, 500) * Symbol("x")), {Rational("1.702")}))
    σ(1.702⋅x)
    """
    from sympy.printing.pretty.pretty_symbology import pretty_use_unicode

    # the symbology reads SymPy's global flag, not the printer's setting: set it for this print only,
    # as sympy.pretty does (else the output depends on what was printed before in the process)
    previous = pretty_use_unicode(True)
    try:
        out: str = _PostPrettyPrinter({"use_unicode": True, "wrap_line": False}).doprint(decimal_form(expr, decimals))
        return out
    finally:
        pretty_use_unicode(previous)


class _PostPrettyPrinter(PrettyPrinter):  # type: ignore[misc]  # PrettyPrinter is Any
    """SymPy's pretty printer, a sum beginning with a positive term where it has one."""

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list[Any]:
        return _positive_first(super()._as_ordered_terms(expr, order=order))


# ---------------------------------------------------------------------------------------------
# verification: a rewrite is shown only when it is equal


_DIGITS = 30
_POINTS = 9


@lru_cache(maxsize=64)
def _points(symbols: tuple[tuple[str, bool], ...], n: int = _POINTS) -> tuple[tuple[Any, ...], ...]:
    """``n`` seeded random points: magnitudes small (1e-3 to 0.1), moderate (0.1 to 5) and large
    (15 to 60) in turn, signs random (a positive symbol positive)."""
    rng = random.Random(16)
    bands = ((-3.0, -1.0), (-1.0, 0.7), (1.2, 1.8))
    out = []
    for i in range(n):
        pt = []
        for j, (_, positive) in enumerate(symbols):
            lo, hi = bands[(i + j) % 3]
            mag = 10 ** rng.uniform(lo, hi)
            sign = 1 if positive else rng.choice((-1, 1))
            pt.append(mpmath.mpf(repr(sign * mag)))
        out.append(tuple(pt))
    return tuple(out)


def _numeric(f: Callable[..., Any], pt: tuple[Any, ...], digits: int = _DIGITS) -> Any:
    """``f`` at ``pt`` to ``digits`` significant digits: computed at twice that, then at twice
    the precision again until two evaluations agree (up to 3,200 digits: 1 - tanh^2(u) loses
    0.87u digits to cancellation), or None where it cannot be evaluated."""
    def at(dps: int) -> Any:
        with mpmath.workdps(dps):
            return mpmath.mpmathify(f(*pt))

    try:
        dps = 2 * digits
        v = at(dps)
        while dps < 3200:
            w = at(2 * dps)
            if not (mpmath.isfinite(v) and mpmath.isfinite(w)) or \
                    abs(v - w) <= mpmath.mpf(10) ** -(digits + 5) * abs(w):
                return w
            v, dps = w, 2 * dps
        return v
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError):
        return None


def equal(a: Any, b: Any, digits: int = _DIGITS) -> str | None:
    r"""How ``a`` and ``b`` were verified equal: ``"exact"`` (their difference, in elementary
    functions, expands and cancels to 0), ``"numeric"`` (they agree to ``digits`` significant
    digits, each computed at twice that and more until two precisions agree, at every seeded
    random point where both are defined, and at least four points are), or None (not verified: different, or not evaluable).

    >>> from sympy import Symbol, exp, tanh
    >>> from glusym.functions import sigmoid
    >>> x = Symbol("x", real=True)
    >>> equal(exp(x) / (exp(x) + 1), sigmoid(x)), equal(tanh(x), 2*sigmoid(2*x) - 1), equal(sigmoid(x), sigmoid(2*x))
    ('exact', 'numeric', None)
    """
    a, b = to_sympy(a), to_sympy(b)
    if a == b:
        return "exact"
    ea, eb = elementary(a), elementary(b)
    try:
        with time_budget(0.25):
            if sympy.cancel(sympy.expand(ea - eb)) == 0:
                return "exact"
    except BudgetExceeded:
        pass
    except Exception:  # noqa: BLE001 - SymPy's own failures on an odd expression: try numbers
        pass
    syms = sorted(ea.free_symbols | eb.free_symbols, key=lambda s: s.name)
    # lambdify writes the names of symbols and undefined functions into its source: only plain
    # names and no undefined function (an expression of glusym's, never a caller's text) go in
    if not all(s.name.isidentifier() for s in syms) or (ea.atoms(AppliedUndef) | eb.atoms(AppliedUndef)):
        return None
    try:
        fa = mpmath_function(ea, syms)
        fb = mpmath_function(eb, syms)
    except Exception:  # noqa: BLE001 - something mpmath cannot evaluate: not verified
        return None
    tol = mpmath.mpf(10) ** -digits
    good = 0
    with mpmath.workdps(2 * digits):
        for pt in _points(tuple((s.name, bool(s.is_positive)) for s in syms)):
            va, vb = _numeric(fa, pt, digits), _numeric(fb, pt, digits)
            if va is None and vb is None:
                continue
            if va is None or vb is None:
                return None
            if not (mpmath.isfinite(va) and mpmath.isfinite(vb)):
                if va != vb:
                    return None
                continue
            if abs(va - vb) > tol * max(abs(va), abs(vb)) + mpmath.mpf(10) ** (-2 * digits + 10):
                return None
            good += 1
    return "numeric" if good >= 4 else None


# ---------------------------------------------------------------------------------------------
# candidate rewrites (each a list of expressions; none is shown before it is verified)


def _exp_to_sigmoid(e: Expr) -> list[Expr]:
    """:math:`e^{a} = \\sigma(a)/(1-\\sigma(a))`, then cancel: :math:`e^x/(e^x+1) = \\sigma(x)`."""
    out = []
    # only where a logistic stands: a sum 1 + e^{a} (a series in e^{-t} is left as it is)
    logistic = {u.args[0] for t in e.atoms(Add) if len(t.args) == 2 and S.One in t.args
                for u in t.args if isinstance(u, exp)}
    small = sympy.count_ops(e) <= 40
    for ex in e.atoms(exp):
        a = ex.args[0]
        base = -a if a.could_extract_minus_sign() else a
        if base not in logistic and -base not in logistic:
            continue
        s = Dummy("s")
        f = e.xreplace({exp(base): s / (1 - s), exp(-base): (1 - s) / s})
        for g in (sympy.cancel(f), sympy.factor(f)) if small else (sympy.cancel(f),):
            out.append(g.xreplace({s: sigmoid(base)}))
    return out


def _sigmoid_local(e: Expr) -> list[Expr]:
    """:math:`1/(1+e^{a}) = \\sigma(-a)`, then :math:`e^{a}\\sigma(-a) = \\sigma(a)`, where they stand."""
    def is_inv(t: Any) -> bool:
        return t.is_Pow and t.exp == -1 and t.base.is_Add and len(t.base.args) == 2 and \
            S.One in t.base.args and any(isinstance(u, exp) for u in t.base.args)

    def inv(t: Any) -> Expr:
        (u,) = [u for u in t.base.args if isinstance(u, exp)]
        return sigmoid(-u.args[0])

    def pair(m: Any) -> Any:
        if not m.is_Mul:
            return m
        args = list(m.args)
        for u in args:
            if isinstance(u, exp) and sigmoid(-u.args[0]) in args:
                args.remove(u)
                args.remove(sigmoid(-u.args[0]))
                return Mul(*args, sigmoid(u.args[0]))
        return m

    f = e.replace(is_inv, inv)
    return [f, f.replace(lambda t: t.is_Mul, pair)]


def _softplus(e: Expr) -> list[Expr]:
    """:math:`\\log(1+e^{a}) = \\operatorname{softplus}(a)`."""
    def is_it(t: Any) -> bool:
        if not isinstance(t, log):
            return False
        arg = t.args[0]
        return arg.is_Add and len(arg.args) == 2 and S.One in arg.args and \
            any(isinstance(u, exp) for u in arg.args)

    def swap(t: Any) -> Expr:
        (u,) = [u for u in t.args[0].args if isinstance(u, exp)]
        return softplus(u.args[0])

    return [e.replace(is_it, swap)]


def _sech(e: Expr) -> list[Expr]:
    """:math:`1-\\tanh^2 u = \\operatorname{sech}^2 u` and back."""
    to_sech = e.replace(lambda t: t.is_Pow and t.exp == 2 and isinstance(t.base, tanh),
                        lambda t: 1 - sech(t.base.args[0]) ** 2)
    to_tanh = e.replace(lambda t: t.is_Pow and t.exp == 2 and isinstance(t.base, sech),
                        lambda t: 1 - tanh(t.base.args[0]) ** 2)
    return [to_sech, to_tanh]


def _gaussian(e: Expr) -> list[Expr]:
    """:math:`e^{-v^2/2} = \\sqrt{2\\pi}\\,\\varphi(v)`; :math:`\\operatorname{erf}(a) = 2\\Phi(\\sqrt2 a) - 1`."""
    out = e
    for ex in e.atoms(exp):
        for v in ex.args[0].free_symbols:
            if sympy.expand(ex.args[0] + v**2 / 2) == 0:
                out = out.xreplace({ex: sqrt(2 * pi) * phi(v)})
    out = out.replace(lambda t: isinstance(t, erf), lambda t: 2 * Phi(sqrt(2) * t.args[0]) - 1)
    out = out.replace(lambda t: isinstance(t, erfc), lambda t: 2 * Phi(-sqrt(2) * t.args[0]))
    return [out]


def _neg(a: Expr) -> Expr:
    return Add(*[-t for t in a.args])


def _signs(e: Expr) -> list[Expr]:
    """A negative coefficient taken into a sum it multiplies: :math:`-x(\\sigma-1) = x(1-\\sigma)`."""
    def flip(m: Any) -> Any:
        c, rest = m.as_coeff_mul()
        if c >= 0:
            return m
        for i, f in enumerate(rest):
            if f.is_Add and f.could_extract_minus_sign():
                return Mul(-c, *rest[:i], _neg(f), *rest[i + 1:])
        return m

    return [e.replace(lambda t: t.is_Mul, flip)]


def _sigmoid_sides(e: Expr) -> list[Expr]:
    r""":math:`1-\sigma(a) = \sigma(-a)` (and :math:`\sigma(a)-1 = -\sigma(-a)`), and back."""
    def is_pair(t: Any) -> bool:
        return t.is_Add and any(_sig_term(u) is not None for u in t.args) and \
            (S.One in t.args or S.NegativeOne in t.args)

    def swap(t: Any) -> Any:
        args = list(t.args)
        for one in (S.One, S.NegativeOne):
            if one in args:
                for u in args:
                    hit = _sig_term(u)
                    if hit is not None and hit[0] == -one:  # 1 - σ(a), or -1 + σ(a)
                        args.remove(one)
                        args.remove(u)
                        return Add(*args, one * sigmoid(-hit[1]))
        return t

    back = e.replace(lambda t: isinstance(t, sigmoid) and t.args[0].could_extract_minus_sign(),
                     lambda t: 1 - sigmoid(-t.args[0]))
    return [e.replace(is_pair, swap), back]


def _sig_term(u: Any) -> tuple[Any, Any] | None:
    """(±1, a) for a term ±σ(a)."""
    if isinstance(u, sigmoid):
        return S.One, u.args[0]
    if u.is_Mul and len(u.args) == 2 and u.args[0] is S.NegativeOne and isinstance(u.args[1], sigmoid):
        return S.NegativeOne, u.args[1].args[0]
    return None


def _distribute(e: Expr) -> list[Expr]:
    """A numeric coefficient taken into the sum it multiplies: :math:`(a + 500)/500 = a/500 + 1`."""
    def into(m: Any) -> Any:
        c, rest = m.as_coeff_mul()
        if c in (1, -1) or not c.is_Rational:
            return m
        for i, f in enumerate(rest):
            if f.is_Add:
                return Mul(sympy.expand(c * f, deep=False), *rest[:i], *rest[i + 1:])
        return m

    return [e.replace(lambda t: t.is_Mul, into)]


def _exp_degree(e: Expr) -> int:
    """The degree ``sympy.factor`` would see in exponentials: the terms ``a m`` of the exponents
    (``a`` rational) with one ``m`` and a common denominator ``q`` are powers ``a q`` of one
    generator ``e^{m/q}``; QuickGELU's ``e^{-2553x/500}`` is a power 2553 of ``e^{x/500}``
    (factoring it takes seconds, in primality tests)."""
    groups: dict[Expr, list[Rational]] = {}
    for t in e.atoms(sympy.exp):
        for term in Add.make_args(sympy.expand(t.args[0])):
            c, m = term.as_coeff_Mul()
            if isinstance(c, Rational):
                groups.setdefault(m, []).append(c)
    degree = 0
    for coeffs in groups.values():
        q = reduce(sympy.ilcm, [c.q for c in coeffs], 1)
        degree = max(degree, *(abs(c.p) * (q // c.q) for c in coeffs))
    return int(degree)


def _algebra(e: Expr) -> list[Expr]:
    out = [sympy.factor_terms(e), sympy.expand_mul(e, deep=False)]
    # factor expands inside a Piecewise, and is a search through a polynomial of the exponentials' degree
    if sympy.count_ops(e) <= 40 and not e.has(sympy.Piecewise) and _exp_degree(e) <= 64:
        out += [sympy.factor(e), sympy.together(e)]
    return out


#: The rewrites :func:`present` tries, by name (``avoid`` in :func:`present` leaves out
#: a display function).
REWRITES: tuple[tuple[str, Callable[[Expr], list[Expr]]], ...] = (
    ("softplus", _softplus),
    ("sigmoid", _exp_to_sigmoid),
    ("sigmoid_local", _sigmoid_local),
    ("sech", _sech),
    ("gaussian", _gaussian),
    ("signs", _signs),
    ("sigmoid_sides", _sigmoid_sides),
    ("distribute", _distribute),
    ("algebra", _algebra),
)


# ---------------------------------------------------------------------------------------------
# the presentation step


@dataclass(frozen=True)
class Presentation:
    """What :func:`presentation` chose: the expression shown, the expression given, how the one
    shown was verified equal (``"unchanged"``, ``"exact"``, ``"numeric"``), the candidates
    refused because they could not be verified, and whether the budget ran out."""

    shown: Any
    given: Any
    verified: str
    refused: tuple[Any, ...] = ()
    timed_out: bool = False
    lengths: tuple[int, int] = field(default=(0, 0))


def _key(e: Any, decimals: frozenset[Rational]) -> tuple[int, int]:
    r"""The rank of a candidate: its reading length, then its minus signs. The reading length is
    the printed LaTeX's, with ``\operatorname{softplus}`` counted as ``\zeta`` (the letter Dugas
    et al. and Goodfellow et al. give it: a name, not a formula), another ``\operatorname{sech}``
    as ``\sech`` (as long as ``\tanh``), ``\left(`` and ``\right)`` as the one parenthesis each
    shows, and a fraction inside a fraction's numerator counted ten more."""
    t = tex(e, decimals)
    short = t.replace(r"\operatorname{softplus}", r"\zeta").replace(r"\left(", "(").replace(r"\right)", ")")
    short = re.sub(r"\\operatorname\{(\w+)\}", r"\\\1", short)
    return len(short) + 10 * t.count(r"\frac{\frac"), t.count("- ")


def _skip(e: Any) -> bool:
    """Expressions :func:`present` leaves as they are: atoms, numbers, polynomials (a Taylor
    series is printed term by term, in degree order), and anything holding an O term."""
    if not isinstance(e, Expr) or e.is_Atom or e.is_number:
        return True
    if e.has(BigO):
        return True
    try:
        return bool(e.is_polynomial(*e.free_symbols))
    except Exception:  # noqa: BLE001
        return False


def presentation(expr: Any, decimals: Iterable[Any] = (), avoid: Iterable[str] = (),
                 budget: float | None = PRESENT_BUDGET, candidates: Iterable[Any] = ()) -> Presentation:
    r"""Choose the printed form of ``expr`` (see :func:`present`), with the evidence.

    ``candidates`` are further rewrites to consider beside glusym's own (a test feeds a wrong
    one: it is refused). ``avoid`` names rewrites of :data:`REWRITES` not to try (a unit's own
    definition is not written with its own name: softplus is not ``softplus(x)``).

    >>> from sympy import Symbol
    >>> from glusym.functions import sigmoid
    >>> x = Symbol("x", real=True)
    >>> p = presentation(1 - sigmoid(x), candidates=[sigmoid(x)])
    >>> p.shown, p.verified, p.refused
    (sigmoid(-x), 'exact', (sigmoid(x),))
    """
    expr = to_sympy(expr, "the presented expression")
    if isinstance(expr, sympy.MatrixBase):
        expr = sympy.ImmutableMatrix(expr)
    ds = frozenset(Rational(d) for d in decimals)
    extra = tuple(to_sympy(c, "a candidate rewrite") for c in candidates)
    return _presentation(expr, ds, frozenset(avoid), budget, extra)


@lru_cache(maxsize=4096)
def _presentation(expr: Any, ds: frozenset[Rational], avoid: frozenset[str], budget: float | None,
                  extra: tuple[Any, ...]) -> Presentation:
    if isinstance(expr, (sympy.Tuple, sympy.MatrixBase)):
        parts = [_presentation(e, ds, avoid, budget, extra) for e in (expr.args if isinstance(expr, sympy.Tuple) else expr)]
        shown = sympy.Tuple(*[p.shown for p in parts]) if isinstance(expr, sympy.Tuple) else \
            sympy.ImmutableMatrix(expr.rows, expr.cols, [p.shown for p in parts])
        return Presentation(shown, expr, "exact" if all(p.verified != "numeric" for p in parts) else "numeric",
                            tuple(r for p in parts for r in p.refused), any(p.timed_out for p in parts))
    base = _key(expr, ds)
    if _skip(expr) and not extra:
        return Presentation(expr, expr, "unchanged", lengths=(len(tex(expr, ds)),) * 2)
    rewrites = [f for name, f in REWRITES if name not in avoid]
    seen: dict[Any, tuple[int, int]] = {expr: base}
    timed_out = False
    start = time.monotonic()
    search = None if budget is None else budget * 0.6
    for c in extra:
        seen.setdefault(c, _key(c, ds))
    try:
        with time_budget(search):
            frontier = [expr]
            for _ in range(4):
                new = []
                for c in frontier:
                    for f in rewrites:
                        try:
                            outs = f(c)
                        except BudgetExceeded:
                            raise
                        except Exception:  # noqa: BLE001 - a rewrite SymPy cannot do here: none
                            continue
                        for d in outs:
                            if isinstance(d, Expr) and d not in seen:
                                seen[d] = _key(d, ds)
                                new.append(d)
                frontier = sorted(new, key=lambda d: seen[d])[:5]
                if not frontier:
                    break
    except BudgetExceeded:
        if search is not None and time.monotonic() - start < search * 0.95:
            raise  # an outer budget ran out, not this one
        timed_out = True
    refused = []
    ranked = sorted((d for d in seen if d != expr and (seen[d] < base or d in extra)), key=lambda d: seen[d])
    left = None if budget is None else max(budget - (time.monotonic() - start), 0.2)
    t1 = time.monotonic()
    try:
        with time_budget(left):
            for d in ranked:
                how = equal(expr, d)
                if how is None:
                    refused.append(d)
                    continue
                if seen[d] < base:
                    return Presentation(d, expr, how, tuple(refused), timed_out, (len(tex(expr, ds)), len(tex(d, ds))))
    except BudgetExceeded:
        if left is not None and time.monotonic() - t1 < left * 0.95:
            raise
        timed_out = True
    return Presentation(expr, expr, "unchanged", tuple(refused), timed_out, (len(tex(expr, ds)),) * 2)


def present(expr: Any, decimals: Iterable[Any] = (), avoid: Iterable[str] = (),
            budget: float | None = PRESENT_BUDGET) -> Any:
    r"""The form of ``expr`` a textbook prints: the shortest printed LaTeX among candidate
    rewrites (:data:`REWRITES`, applied up to four deep, five kept at each depth) that is
    verified equal to ``expr`` (:func:`equal`); ``expr`` itself when none is shorter, or when
    ``budget`` seconds (None: no limit) run out. A tuple or matrix is presented entry by entry;
    polynomials and expressions with an O term are left as they are.

    .. math:: \frac{d}{dx}\,x\sigma(x) = \sigma(x)\bigl(1 + x\,\sigma(-x)\bigr),\quad
              \frac{d}{dx}\log(1+e^x) = \sigma(x)

    >>> from sympy import Symbol, diff, exp, log, tanh
    >>> x = Symbol("x", real=True)
    >>> present(diff(log(1 + exp(x)), x))
    sigmoid(x)
    >>> present(diff(x * tanh(log(1 + exp(x))), x))
    x*sech(softplus(x))**2*sigmoid(x) + tanh(softplus(x))
    >>> present(x * exp(-x**2 / 2) / sqrt(2 * pi))
    x*phi(x)
    """
    if os.environ.get("GLUSYM_PRESENT_BUDGET"):  # scripts/build_cache.py searches longer, once
        budget = float(os.environ["GLUSYM_PRESENT_BUDGET"])
    if isinstance(expr, sympy.MatrixBase):  # entry by entry, each remembered
        return expr.applyfunc(lambda e: present(e, decimals, avoid, budget))
    if isinstance(expr, (tuple, list, sympy.Tuple)):
        return type(expr)(present(e, decimals, avoid, budget) for e in expr) if not isinstance(expr, sympy.Tuple) \
            else sympy.Tuple(*[present(e, decimals, avoid, budget) for e in expr])
    if not isinstance(expr, Expr) or _skip(expr):
        return presentation(expr, decimals, avoid, budget).shown
    ds, av = sorted(str(d) for d in decimals), sorted(avoid)
    key = sympy.srepr(expr) + "|" + ",".join(ds) + "|" + ",".join(av)

    def compute() -> tuple[Any, bool]:
        p = presentation(expr, decimals, avoid, budget)
        # a search cut short is remembered only from scripts/build_cache.py's generous budget
        return (None if p.shown == expr else p.shown), not p.timed_out or bool(os.environ.get("GLUSYM_PRESENT_BUDGET"))

    # remembered on disk (glusym.cache): the form shown does not change with the machine's load
    shown = cache.remembered("present", key, compute,
                             lambda v: v is None or (isinstance(v, Expr) and cache.equal_at_points(expr, v)))
    return expr if shown is None else shown


# ---------------------------------------------------------------------------------------------
# a unit's definition (duck-typed: this module does not import the catalogue)


def in_name(p: Any, name: str) -> bool:
    r"""True where the parameter is the name's subscript (``\text{Swish}_\beta``)."""
    return re.search(r"_\s*\{?\s*%s\s*\}?(?![A-Za-z])" % re.escape(p.latex), name) is not None


def param_name(p: Any) -> str:
    """The name of the symbol the parameter's LaTeX reads back as (``\\beta`` -> ``beta``)."""
    return re.sub(r"[\\{} ]", "", p.latex) or p.name


def lettered(unit: Any, p: Any) -> bool:
    """True where a definition writes the parameter by its letter: the unit's name carries it
    and no caller set it (``get("swish")`` is the family Swish_β; ``get("swish", beta=2)`` Swish_2)."""
    return in_name(p, unit.latex_name) and p.name not in getattr(unit, "fixed", ())


def definition_expr(unit: Any) -> Expr:
    """The expression a definition states: a parameter written by its letter stays a symbol."""
    expr = unit.template.xreplace({p.symbol: Symbol(param_name(p), real=True) for p in unit.params
                                   if lettered(unit, p)})
    return expr.xreplace({p.symbol: unit.param_values[p.name] for p in unit.params})


def definition_name(unit: Any, decimals: Iterable[Any] = ()) -> str:
    r"""The unit's name in its definition: a parameter a caller set by its value (``\text{Swish}_{2}``)."""
    name: str = unit.latex_name
    for p in unit.params:
        if in_name(p, name) and not lettered(unit, p):
            name = name.replace(p.latex, "{%s}" % tex(unit.param_values[p.name], decimals))
    return name


def name_with_values(unit: Any, decimals: Iterable[Any] = ()) -> str:
    r"""The unit's name, a parameter in it (``\text{Swish}_\beta``) replaced by its value."""
    name: str = unit.latex_name
    for p in unit.params:
        if in_name(p, name):
            name = name.replace(p.latex, "{%s}" % tex(unit.param_values[p.name], decimals))
    return name


def definition(unit: Any, expand: bool = False, decimals: Iterable[Any] = ()) -> str:
    r"""``\text{NAME}(vars) = definition`` for a unit (a parameter named in the unit's name, like
    Swish's β, stays a symbol unless a caller set it; the others take their values), presented (:func:`present`, never
    with the unit's own name: softplus is not defined as softplus) or, with ``expand``, in
    elementary functions.

    >>> from glusym import get
    >>> from glusym.catalogue import DECIMALS
    >>> definition(get("quick_gelu"), decimals=DECIMALS)
    '\\text{QuickGELU}\\left(x\\right) = x \\sigma\\left(1.702 x\\right)'
    """
    expr = definition_expr(unit)
    expr = elementary(expr) if expand else present(expr, decimals, avoid=(unit.name,))
    args = r"\left(" + ", ".join(tex(v) for v in unit.variables) + r"\right)"
    return r"%s%s = %s" % (definition_name(unit, decimals), args, tex(expr, decimals))

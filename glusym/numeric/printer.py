r"""The stable form printed as NumPy source: :class:`StablePrinter`, a ``SciPyPrinter`` with glusym's rules.

The printer walks the tree of :func:`glusym.numeric.rewrite.stabilise` (SymPy's dispatch on the
class name, ``_print_<Class>``) and writes a function ``_f(_v0, _v1, …)`` over a namespace of
primitives (:data:`glusym.numeric.primitives.NS_FAST`, or :data:`glusym.numeric.extended.NS_EXT`
for the slow path). The argument of an exponential-type primitive (σ, exp, expm1, softplus, Φ, φ)
that is a polynomial :math:`p(x)` in one variable is evaluated in double-double,
:math:`p(x) = h + l` (compensated Horner, exact constants split into two floats), and the
primitive applies :math:`f(h + l)\approx f(h) + f'(h)\,l`: :math:`\sigma(1.7x)` at
:math:`x = -400` would otherwise be hundreds of ULP off. σ(u), σ(-u) and σ'(u) in one expression
share :math:`e^{-|u|}`; Φ(u) and φ(u) share :math:`e^{-u^2/2}`. Each primitive's call is bound to
a local variable, once however often it occurs.

Only the expression tree is printed: variables are renamed ``_v0, _v1, …``, constants go into a
namespace dictionary, functions come from fixed tables, and an undefined function is refused
(its name, which is text, is never written).

>>> from sympy import Symbol
>>> from glusym.functions import sigmoid
>>> from glusym.numeric.rewrite import stabilise
>>> x = Symbol("x", real=True)
>>> print(emit(stabilise(x * sigmoid(x) + sigmoid(x)), (x,))[0])
def _f(_v0):
    _t0 = _sig(_v0)
    return ((_v0 * _t0) + _t0)
"""

from __future__ import annotations

import math
from typing import Any

import sympy
from sympy import Abs, Add, Basic, Expr, Function, Mul, Piecewise, Pow, S, Symbol, exp, log
from sympy.codegen.cfunctions import expm1, log1p
from sympy.printing.numpy import SciPyPrinter

from .eft import dd_const
from .rewrite import EXPLIKE, W, _conj, _dsig, _exprat, _hypot, _ndtr, _npdf, _sig, _sp

__all__ = ["StablePrinter", "emit"]

_ISQ2PI = 1.0 / math.sqrt(2 * math.pi)
_MODULES = {"numpy.": "_np.", "scipy.special.": "_sc."}   # SciPyPrinter's modules, as the namespace names them


def _num(e: Basic) -> bool:
    return bool(e.is_number) and not e.has(sympy.I)


class StablePrinter(SciPyPrinter):  # type: ignore[misc]  # SymPy has no type information
    r"""Prints a stable expression as the body of ``_f``: :meth:`emit` returns its source and constants.

    ``names`` maps each variable to its name in the source (``_v0``, ``_v1``, …). Numbers print
    as float literals (:math:`\sqrt2\to` ``1.4142135623730951``); every call of a primitive is
    bound to a local ``_t<k>`` (:attr:`lines`); tuples of coefficients go into :attr:`consts`.

    >>> from sympy import Symbol, exp
    >>> x = Symbol("x")
    >>> p = StablePrinter({x: "_v0"}, exp(x) + 1)
    >>> p.doprint(exp(x) + 1), p.lines
    ('(1.0 + _t0)', ['_t0 = _exp(_v0)'])
    """

    printmethod = "_glusym_numpy"

    def __init__(self, names: dict[Symbol, str], expr: Expr | None = None) -> None:
        super().__init__({"strict": True, "fully_qualified_modules": True})
        self.names = names
        self.consts: dict[str, Any] = {}
        self.const_names: dict[str, str] = {}
        self.lines: list[str] = []
        self.bound: dict[str, str] = {}
        tree = S.Zero if expr is None else expr
        # Phi(u) and phi(u) in one expression (GELU'): e^{-u²/2} once for both
        self.shared_gauss: set[Expr] = {a.args[0] for a in tree.atoms(_ndtr)} & {a.args[0] for a in tree.atoms(_npdf)}
        self.ddargs: set[Expr] = {a.args[0] for a in tree.atoms(*EXPLIKE)}
        self.sig_args: list[Expr] = [a.args[0] for a in tree.atoms(_sig, _dsig)]

    def doprint(self, expr: Any, assign_to: Any = None) -> str:
        """The source of ``expr`` (its calls bound in :attr:`lines`), with no wrapping or comments."""
        return self._print(expr)

    def emit(self, expr: Expr, variables: tuple[Symbol, ...]) -> tuple[str, dict[str, Any]]:
        """The source of ``def _f(_v0, …)`` returning ``expr``, and the constants it reads."""
        body = self.doprint(expr)
        lines = [f"    {line}\n" for line in self.lines]
        src = "def _f(" + ", ".join(self.names[v] for v in variables) + "):\n" + "".join(lines) + "    return " + body
        return src, self.consts

    # -- SymPy's hooks --------------------------------------------------------------------------

    def _print(self, expr: Any, **kwargs: Any) -> str:
        if expr is True or expr is False:
            return repr(expr)
        if isinstance(expr, Basic) and not isinstance(expr, Symbol) and _num(expr):
            return self.num(expr)
        out: str = super()._print(expr, **kwargs)
        return out

    def _module_format(self, fqn: str, register: bool = True) -> str:
        for mod, name in _MODULES.items():
            if fqn.startswith(mod):
                return name + fqn[len(mod):]
        raise NotImplementedError(f"no NumPy translation for {fqn}")

    def _print_not_supported(self, expr: Any) -> str:
        name = type(expr).__name__ if not isinstance(expr, sympy.core.function.AppliedUndef) else "an undefined function"
        raise NotImplementedError(f"no NumPy translation for {name}")

    emptyPrinter = _print_not_supported

    # -- helpers --------------------------------------------------------------------------------

    def const(self, value: Any) -> str:
        """The name of a constant (a tuple of coefficients) in the namespace, ``_k<n>``."""
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
        """A real number as a float literal, correctly rounded from 30 digits."""
        if e.is_Integer:
            return repr(float(int(e)))
        return repr(float(sympy.N(e, 30)))

    # -- the tree -------------------------------------------------------------------------------

    def _print_BooleanTrue(self, e: Any) -> str:
        return "True"

    def _print_BooleanFalse(self, e: Any) -> str:
        return "False"

    def _print_Symbol(self, e: Symbol) -> str:
        return self.names[e]

    def _print_Add(self, e: Add, order: Any = None) -> str:
        poly = self.polyarg(e)
        if poly:
            return poly
        return "(" + " + ".join(self._print(a) for a in e.args) + ")"

    def _print_Mul(self, e: Mul) -> str:
        p = self._print
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

    def _print_Pow(self, e: Pow, rational: bool = False) -> str:
        p = self._print
        b, n = e.args
        if n.is_Integer:
            return f"_ipow({p(b)}, {int(n)})"
        if n == S.Half:
            return f"_sqrt({p(b)})"
        if n == -S.Half:
            return f"(1.0 / _sqrt({p(b)}))"
        if b is S.Exp1:
            return p(exp(n))
        return f"(_np.power({p(b)}, {p(n)}))"

    def _print_explike(self, e: Function) -> str:
        """σ, σ', softplus, Φ, φ, exp, expm1: on the double-double pair of a polynomial argument,
        and σ(±u), σ'(u) from one e^{-|u|} when the expression has two of them."""
        name = {_sig: "_sig", _dsig: "_dsig", _sp: "_sp", _ndtr: "_ndtr", _npdf: "_npdf", exp: "_exp",
                expm1: "_expm1"}[type(e)]
        dd = self.ddarg(e.args[0])
        t = ""
        if isinstance(e, (_sig, _dsig)) and self.sig_shared(e.args[0]):  # σ(u), σ(-u), σ'(u): one e^{-|u|}
            a = e.args[0]
            canon = -a if a.could_extract_minus_sign() else a
            cdd = self.ddarg(canon)
            t = ", " + self.bind(f"_expabs({cdd}[0])" if cdd else f"_expabs({self._print(canon)})")
        return self.bind(f"{name}_dd(*{dd}{t})" if dd else f"{name}({self._print(e.args[0])}{t})")

    def _print_gaussian(self, e: Function) -> str:
        """Φ(u) or φ(u): with e^{-u²/2} shared when both occur (GELU'), else as :meth:`_print_explike`."""
        if e.args[0] in self.shared_gauss and not self.ddarg(e.args[0]):
            u = self._print(e.args[0])
            g = self.bind(f"_gauss({u})")
            return self.bind(f"_ndtr_g({u}, {g})" if isinstance(e, _ndtr) else f"({g} * {_ISQ2PI!r})")
        return self._print_explike(e)

    _print__sig = _print__dsig = _print__sp = _print_exp = _print_expm1 = _print_explike
    _print__ndtr = _print__npdf = _print_gaussian

    def _print__exprat(self, e: _exprat) -> str:
        p = self._print
        u, n, d = e.args
        pn, pd = sympy.Poly(n, W), sympy.Poly(d, W)
        deg = max(pn.degree(), pd.degree())
        v = Symbol("_v")
        pnv = sympy.Poly(sympy.expand(n.subs(W, 1 / v) * v**deg), v)
        pdv = sympy.Poly(sympy.expand(d.subs(W, 1 / v) * v**deg), v)
        # each branch as c + (P - c Q)/Q with c = P(0)/Q(0) its value where t = e^{-|u|} -> 0,
        # when c is a float: the small part is computed apart and c added by one rounding
        # (Mish' at x = -9.8: its sech^2(softplus x) = 1 - 2e^{2x}/... was 2 ULP off)
        cw, pn = _split_constant(pn, pd)
        cv, pnv = _split_constant(pnv, pdv)
        nw, dw = tuple(float(c) for c in pn.all_coeffs()), tuple(float(c) for c in pd.all_coeffs())
        nv, dv = tuple(float(c) for c in pnv.all_coeffs()), tuple(float(c) for c in pdv.all_coeffs())
        return self.bind(f"_exprat({p(u)}, {self.const(nw)}, {self.const(dw)}, {self.const(nv)}, {self.const(dv)}, "
                         f"{cw!r}, {cv!r})")

    def _print__conj(self, e: _conj) -> str:
        p = self._print
        P, kS, D = e.args
        k, _ = kS.as_coeff_Mul()
        return self.bind(f"_conj({p(P)}, {p(kS)}, {p(D)}, {float(k)})")

    def _print__hypot(self, e: _hypot) -> str:
        p = self._print
        a, b = e.args
        if _num(b) and 1e-100 < abs(float(b)) < 1e100:
            # sqrt(a² + c²), 1.5 ULP; where a² overflows, the result is inf or 0 and the
            # caller's extended path recomputes it
            return self.bind(f"_sqrt({p(a)} * {p(a)} + {self.num(b**2)})")
        return self.bind(f"_hypot({p(a)}, {p(b)})")

    def _print_Abs(self, e: Abs) -> str:
        return f"_abs({self._print(e.args[0])})"

    def _print_log(self, e: log) -> str:
        return f"_log({self._print(e.args[0])})"

    def _print_log1p(self, e: log1p) -> str:
        return f"_log1p({self._print(e.args[0])})"

    def _print_Piecewise(self, e: Piecewise) -> str:
        p = self._print
        out = None
        for v, c in reversed(e.args):
            if out is None:
                out = p(v) if (c is sympy.true or c is True) else f"_where({p(c)}, {p(v)}, _np.nan)"
            else:
                out = f"_where({p(c)}, {p(v)}, {out})"
        return out or "_np.nan"

    def _print_Relational(self, e: Any) -> str:
        return f"({self._print(e.lhs)} {e.rel_op} {self._print(e.rhs)})"

    def _print_And(self, e: Any) -> str:
        return self._fold_boolean("_and", e)

    def _print_Or(self, e: Any) -> str:
        return self._fold_boolean("_or", e)

    def _fold_boolean(self, name: str, e: Any) -> str:
        # folded pairwise here: SymPy flattens And(And(a, b), c) back into And(a, b, c)
        out = self._print(e.args[0])
        for a in e.args[1:]:
            out = f"{name}({out}, {self._print(a)})"
        return out

    def _print_Not(self, e: Any) -> str:
        return f"_not({self._print(e.args[0])})"

    def _print_ITE(self, e: Any) -> str:  # a stack's Piecewise inside a condition: ReLU²(ReLU²(x)) > 0
        return self._print(e.to_nnf())

    # -- double-double arguments ----------------------------------------------------------------

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
        coeffs = tuple(dd_const(c) for c in poly.all_coeffs())
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
        coeffs = tuple(dd_const(c) for c in poly.all_coeffs())
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

    >>> from sympy import Symbol
    >>> from glusym.numeric.rewrite import stabilise
    >>> x = Symbol("x", real=True)
    >>> print(emit(stabilise(sympy.exp(x) - 1), (x,))[0])
    def _f(_v0):
        _t0 = _expm1(_v0)
        return _t0
    """
    return StablePrinter({v: f"_v{i}" for i, v in enumerate(variables)}, expr).emit(expr, variables)


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
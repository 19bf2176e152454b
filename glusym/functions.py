r"""The atomic SymPy functions of glusym: :math:`\sigma`, :math:`\Phi` and :math:`\varphi`, and
:class:`softplus`, atomic for display only (the printing layer writes :math:`\log(1+e^x)` so).

They stay atomic so that they print in the post's notation and differentiate to the forms a
reader expects (:math:`\sigma' = \sigma(1-\sigma)`, :math:`\Phi' = \varphi`); each can be
rewritten into SymPy's own elementary functions, which is what :func:`elementary` does for
code and for strings that ``sympy.sympify`` must read back. :func:`to_sympy` is how every
glusym function turns a caller's value into SymPy: numbers and SymPy objects, never text (SymPy's
``sympify`` runs a string as Python).

>>> from sympy import Symbol, diff, exp, erf
>>> x = Symbol("x", real=True)
>>> diff(sigmoid(x), x)
(1 - sigmoid(x))*sigmoid(x)
>>> diff(Phi(x), x)
phi(x)
>>> elementary(Phi(x))
erf(sqrt(2)*x/2)/2 + 1/2
>>> sigmoid(0), Phi(0)
(1/2, 1/2)
"""

from __future__ import annotations

import sys
from typing import Any

import sympy
from sympy import Expr, Function, S, erf, erfc, exp, log, pi, sqrt, tanh

from .errors import GlusymError

__all__ = ["BigO", "Phi", "elementary", "phi", "sigmoid", "softplus", "text_note", "to_sympy"]

_TEXT = (str, bytes, bytearray)


def text_note(obj: Any) -> str:
    """What a message refusing ``obj`` adds when ``obj`` is text: glusym runs no code from text.

    >>> text_note("x**2"), text_note(None)
    (' (glusym runs no code from text; LaTeX is read by glusym.parse_latex)', '')
    """
    if isinstance(obj, _TEXT):
        return " (glusym runs no code from text; LaTeX is read by glusym.parse_latex)"
    return ""


def to_sympy(obj: Any, what: str = "the value") -> sympy.Basic:
    r"""A caller's value as a SymPy object: numbers, SymPy objects and NumPy scalars by
    ``sympy.sympify(obj, strict=True)``; tuples, sets and dicts element by element.

    Text is refused with :class:`~glusym.GlusymError`, never read: ``sympy.sympify`` evaluates a
    string as Python (``"__import__('os').system(…)"`` runs), and ``strict=True`` alone still
    does so for the strings inside a tuple, set or dict. LaTeX is read by
    :func:`glusym.parse_latex`. ``what`` names the value in the message.

    >>> import numpy as np
    >>> to_sympy(0.5), to_sympy(np.int64(3)), to_sympy((1, sympy.Rational(1, 2)))
    (0.500000000000000, 3, (1, 1/2))
    >>> to_sympy("x**2", "the argument of relu")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: the argument of relu must be a number or a SymPy expression, not str
    (glusym runs no code from text; LaTeX is read by glusym.parse_latex)
    >>> to_sympy(("1", 2))
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: the value must be a number or a SymPy expression, not str
    (glusym runs no code from text; LaTeX is read by glusym.parse_latex)
    """
    if isinstance(obj, sympy.Basic):
        return obj
    if isinstance(obj, tuple):
        return sympy.Tuple(*(to_sympy(a, what) for a in obj))
    if isinstance(obj, (set, frozenset)):
        return sympy.FiniteSet(*(to_sympy(a, what) for a in obj))
    if isinstance(obj, dict):
        return sympy.Dict({to_sympy(k, what): to_sympy(v, what) for k, v in obj.items()})
    np = sys.modules.get("numpy")
    if np is not None and isinstance(obj, np.ndarray) and obj.ndim == 0:
        return to_sympy(obj.item(), what)  # SymPy would sympify the item, a tuple's strings laxly
    if not isinstance(obj, _TEXT):
        try:
            return sympy.sympify(obj, strict=True)
        except (sympy.SympifyError, TypeError, ValueError):
            pass
    kind = type(obj).__name__
    raise GlusymError(f"{what} must be a number or a SymPy expression, not {kind}{text_note(obj)}")


class _Strict:
    """Arguments converted by :func:`to_sympy`: ``Function`` itself would ``sympify`` a string,
    running it as Python."""

    def __new__(cls, *args: Any, **options: Any) -> Any:
        what = f"the argument of {cls.__name__}"
        return super().__new__(cls, *(to_sympy(a, what) for a in args), **options)


class sigmoid(_Strict, Function):  # type: ignore[misc]  # sympy has no stubs: Function is Any
    r"""The logistic sigmoid :math:`\sigma(x) = \frac{1}{1+e^{-x}}`.

    Derivative :math:`\sigma'(x) = \sigma(x)\,(1-\sigma(x))`.

    >>> from sympy import Symbol, log
    >>> x = Symbol("x")
    >>> sigmoid(x).rewrite("exp")
    1/(1 + exp(-x))
    >>> sigmoid(log(3))
    3/4
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)

    @classmethod
    def eval(cls, arg: Expr) -> Expr | None:
        if arg.is_zero:
            return S.Half
        if arg is S.Infinity:
            return S.One
        if arg is S.NegativeInfinity:
            return S.Zero
        if isinstance(arg, log):
            y = arg.args[0]
            return y / (1 + y)
        if isinstance(-arg, log):
            y = (-arg).args[0]
            return 1 / (1 + y)
        return None

    def _eval_rewrite_as_exp(self, arg: Expr, **kwargs: Any) -> Expr:
        return 1 / (1 + exp(-arg))

    def _eval_rewrite_as_tanh(self, arg: Expr, **kwargs: Any) -> Expr:
        return (1 + tanh(arg / 2)) / 2

    def _eval_is_extended_real(self) -> bool | None:
        real: bool | None = self.args[0].is_extended_real
        return real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_finite and self.args[0].is_extended_real else None

    def _eval_evalf(self, prec: int) -> Expr | None:
        return self.rewrite(exp)._eval_evalf(prec)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = printer._print(self.args[0])
        base = r"\sigma\left(%s\right)" % arg
        return base if exp is None else r"\sigma^{%s}\left(%s\right)" % (exp, arg)

    def _pretty(self, printer: Any) -> Any:
        return printer._print_Function(self, func_name="σ")


class Phi(_Strict, Function):  # type: ignore[misc]  # Function is Any
    r"""The standard normal CDF :math:`\Phi(x) = \frac{1}{2}\bigl(1+\operatorname{erf}(x/\sqrt{2})\bigr)`.

    Derivative :math:`\Phi'(x) = \varphi(x)`, the standard normal density.

    >>> from sympy import Symbol
    >>> x = Symbol("x")
    >>> Phi(x).rewrite("erfc")
    1 - erfc(sqrt(2)*x/2)/2
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Expr:
        return phi(self.args[0])

    @classmethod
    def eval(cls, arg: Expr) -> Expr | None:
        if arg.is_zero:
            return S.Half
        if arg is S.Infinity:
            return S.One
        if arg is S.NegativeInfinity:
            return S.Zero
        return None

    def _eval_rewrite_as_erf(self, arg: Expr, **kwargs: Any) -> Expr:
        return (1 + erf(arg / sqrt(2))) / 2

    def _eval_rewrite_as_erfc(self, arg: Expr, **kwargs: Any) -> Expr:
        return erfc(-arg / sqrt(2)) / 2

    def _eval_is_extended_real(self) -> bool | None:
        real: bool | None = self.args[0].is_extended_real
        return real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_finite and self.args[0].is_extended_real else None

    def _eval_evalf(self, prec: int) -> Expr | None:
        return self.rewrite(erfc)._eval_evalf(prec)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = printer._print(self.args[0])
        base = r"\Phi\left(%s\right)" % arg
        return base if exp is None else r"\Phi^{%s}\left(%s\right)" % (exp, arg)

    def _pretty(self, printer: Any) -> Any:
        return printer._print_Function(self, func_name="Φ")


class phi(_Strict, Function):  # type: ignore[misc]  # Function is Any
    r"""The standard normal density :math:`\varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}`.

    Derivative :math:`\varphi'(x) = -x\,\varphi(x)`; even, so :math:`\varphi(-x)` is written :math:`\varphi(x)`.

    >>> from sympy import Symbol
    >>> x = Symbol("x")
    >>> phi(x).rewrite("exp")
    sqrt(2)*exp(-x**2/2)/(2*sqrt(pi))
    >>> phi(-x), phi(1 - x)
    (phi(x), phi(x - 1))
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Expr:
        return -self.args[0] * phi(self.args[0])

    @classmethod
    def eval(cls, arg: Expr) -> Expr | None:
        if arg.is_zero:
            return 1 / sqrt(2 * pi)
        if arg in (S.Infinity, S.NegativeInfinity):
            return S.Zero
        if arg.could_extract_minus_sign():  # even: phi(-x) = phi(x)
            return cls(-arg)
        return None

    def _eval_rewrite_as_exp(self, arg: Expr, **kwargs: Any) -> Expr:
        return exp(-arg**2 / 2) / sqrt(2 * pi)

    def _eval_is_extended_real(self) -> bool | None:
        real: bool | None = self.args[0].is_extended_real
        return real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_finite and self.args[0].is_extended_real else None

    def _eval_evalf(self, prec: int) -> Expr | None:
        return self.rewrite(exp)._eval_evalf(prec)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = printer._print(self.args[0])
        base = r"\varphi\left(%s\right)" % arg
        return base if exp is None else r"\varphi^{%s}\left(%s\right)" % (exp, arg)

    def _pretty(self, printer: Any) -> Any:
        return printer._print_Function(self, func_name="φ")


class softplus(_Strict, Function):  # type: ignore[misc]  # Function is Any
    r"""Softplus :math:`\operatorname{softplus}(x) = \log(1 + e^{x})`, atomic for display only.

    The catalogue and the analyses never build it: :func:`glusym.printing.present` writes
    :math:`\log(1+e^{u})` as it where that is shorter (Mish's derivative, as its paper prints it),
    and it prints as ``\operatorname{softplus}``, which :func:`glusym.parse_latex` reads back as
    :math:`\log(e^{x}+1)`. Derivative :math:`\operatorname{softplus}'(x) = \sigma(x)`.

    >>> from sympy import Symbol, diff, log
    >>> x = Symbol("x")
    >>> softplus(x).rewrite("log"), diff(softplus(x), x)
    (log(exp(x) + 1), sigmoid(x))
    >>> softplus(0)
    log(2)
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Expr:
        return sigmoid(self.args[0])

    @classmethod
    def eval(cls, arg: Expr) -> Expr | None:
        if arg.is_zero:
            return log(2)
        if arg is S.Infinity:
            return S.Infinity
        if arg is S.NegativeInfinity:
            return S.Zero
        return None

    def _eval_rewrite_as_log(self, arg: Expr, **kwargs: Any) -> Expr:
        return log(1 + exp(arg))

    _eval_rewrite_as_exp = _eval_rewrite_as_log

    def _eval_is_extended_real(self) -> bool | None:
        real: bool | None = self.args[0].is_extended_real
        return real

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_finite and self.args[0].is_extended_real else None

    def _eval_evalf(self, prec: int) -> Expr | None:
        return self.rewrite(log)._eval_evalf(prec)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        arg = printer._print(self.args[0])
        base = r"\operatorname{softplus}\left(%s\right)" % arg
        return base if exp is None else r"\operatorname{softplus}^{%s}\left(%s\right)" % (exp, arg)

    def _pretty(self, printer: Any) -> Any:
        return printer._print_Function(self, func_name="softplus")

    def _sympystr(self, printer: Any) -> str:
        return "softplus(%s)" % printer._print(self.args[0])


class BigO(_Strict, sympy.Function):  # type: ignore[misc]
    r"""The remainder term :math:`O(x^n)` of a truncated series, kept unevaluated (the reader
    builds it, the Taylor printers write it; here, with the other atomic functions, so that the
    printers below the reader can know it by its type).

    >>> from sympy import Symbol
    >>> BigO(Symbol("x")**6)
    BigO(x**6)
    """

    nargs = 1

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return r"O\left(%s\right)" % printer._print(self.args[0])


def elementary(expr: Expr) -> Expr:
    r"""Rewrite glusym's atomic functions into SymPy's own: :math:`\sigma \to 1/(1+e^{-x})`,
    :math:`\Phi \to (1+\operatorname{erf}(x/\sqrt 2))/2`, :math:`\varphi \to e^{-x^2/2}/\sqrt{2\pi}`,
    :math:`\operatorname{softplus} \to \log(1+e^{x})`.

    The result uses only SymPy's function names, so ``str`` of it reads back with
    ``sympy.sympify``.

    >>> from sympy import Symbol
    >>> x = Symbol("x")
    >>> elementary(x * sigmoid(x))
    x/(1 + exp(-x))
    """
    expr = to_sympy(expr, "the argument of elementary")
    return expr.replace(
        lambda e: isinstance(e, (sigmoid, Phi, phi, softplus)),
        lambda e: e.rewrite(erf) if isinstance(e, Phi) else e.rewrite(log) if isinstance(e, softplus) else e.rewrite(exp),
    )

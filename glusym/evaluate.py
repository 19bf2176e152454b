r"""Expressions made evaluable: the one safe ``lambdify`` and the one compiler to mpmath.

* :func:`lambdify` is ``sympy.lambdify`` refusing what it would write into the source it runs
  (a symbol or undefined function whose name is not a plain Python name);
* :func:`to_piecewise` writes Abs, Max, Min, Heaviside and sign as ``Piecewise``;
  :func:`without_ite` writes SymPy's ITE as And/Or/Not, which the printers can print;
* :func:`mpmath_function` compiles an expression to a function evaluated by mpmath at its working
  precision, the reference of every numerical check of glusym: the gradients, Taylor
  coefficients, limits and extrema of the analyses, the printer's rewrites, the checker's
  integrals, and :func:`glusym.to_mpmath` itself. σ, Φ, φ and softplus are evaluated by mpmath's
  own accurate functions (:math:`\Phi(u) = \operatorname{ncdf}(u)`, no cancellation of
  :math:`1 + \operatorname{erf}` in the left tail).

>>> import mpmath
>>> from sympy import Symbol
>>> from glusym.functions import Phi
>>> t = Symbol("t")
>>> with mpmath.workdps(20):
...     print(mpmath_function(t * Phi(t), (t,))(-40))
-1.4623574163660118815e-348
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy
from sympy import Abs, Expr, Heaviside, Max, Min, Piecewise, Symbol, sign
from sympy.core.function import AppliedUndef

from .errors import GlusymError
from .functions import to_sympy

__all__ = ["lambdify", "mpmath_function", "to_piecewise", "without_ite"]


def _plain_name(name: Any) -> bool:
    return (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)
            and not hasattr(builtins, name))


def lambdify(args: Any, expr: Any, modules: Any) -> Callable[..., Any]:
    """``sympy.lambdify(args, expr, modules=modules)``, refusing what it would write into the
    Python source it runs: a symbol outside ``args`` or an undefined function whose name is not a
    plain Python name (``lambdify`` renames only the arguments; a builtin's name counts as not
    plain, so that ``Function("exit")`` cannot call it).

    >>> from sympy import Function, Symbol
    >>> t = Symbol("t")
    >>> lambdify(t, 2 * t, "math")(3)
    6
    >>> lambdify(t, Function("__import__('os').getcwd")(t), "math")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: cannot evaluate the function "__import__('os').getcwd" numerically:
    its name is not a plain Python name
    """
    expr = to_sympy(expr, "the expression to evaluate")
    given = set(args) if isinstance(args, Sequence) else {args}
    for s in expr.free_symbols - given:
        if not _plain_name(getattr(s, "name", None)):
            raise GlusymError(f"cannot evaluate the symbol {str(s)!r} numerically: it is not among "
                              "the variables, and its name is not a plain Python name")
    for f in expr.atoms(AppliedUndef):
        if not _plain_name(f.func.__name__):
            raise GlusymError(f"cannot evaluate the function {f.func.__name__!r} numerically: "
                              "its name is not a plain Python name")
    compiled: Callable[..., Any] = sympy.lambdify(args, expr, modules=modules)
    return compiled


def to_piecewise(expr: Expr) -> Expr:
    """Abs, Max, Min, Heaviside and sign rewritten as Piecewise, then folded to one Piecewise level.

    >>> from sympy import Abs, Symbol
    >>> to_piecewise(Abs(Symbol("t", real=True)))
    Piecewise((t, t >= 0), (-t, True))
    """
    kinds = (Abs, Max, Min, Heaviside, sign)
    if expr.has(*kinds):
        expr = expr.replace(lambda e: isinstance(e, kinds), lambda e: e.rewrite(Piecewise))
    return expr


def without_ite(expr: Expr) -> Expr:
    """SymPy's ITE (a Piecewise inside a condition: a stack's ReLU²(ReLU²(x)) > 0 is
    ITE(x > 0, x² > 0, False)) as And/Or/Not, for the compilers (mpmath's lambdify cannot print
    it). Not part of :func:`to_piecewise`: the checker's samplers read a condition's relations as
    they are written, and the Or of Ands the rewrite makes hid a region from them."""
    if isinstance(expr, sympy.Basic) and expr.has(sympy.ITE):
        expr = expr.replace(lambda e: isinstance(e, sympy.ITE), lambda e: e.to_nnf())
    return expr


def _ncdf(a: Any) -> Any:
    """Φ(a) in mpmath: ``ncdf``, with the two-term Mills tail beyond 10⁸ (relative error
    3/a⁴ < 1e-31, where ncdf's erfc would need digits in proportion to a²); (1 + erf(a/√2))/2 for
    a complex argument, which ``ncdf`` cannot order."""
    if isinstance(a, mpmath.mpc):
        return (1 + mpmath.erf(a / mpmath.sqrt(2))) / 2
    if abs(a) < 10**8:
        return mpmath.ncdf(a)
    tail = mpmath.npdf(a) / abs(a) * (1 - 1 / a**2)
    return tail if a < 0 else 1 - tail


#: glusym's atomic functions, evaluated by mpmath's own
_ATOMIC: dict[str, Callable[[Any], Any]] = {
    "sigmoid": lambda u: 1 / (1 + mpmath.exp(-u)),
    "Phi": _ncdf,
    "phi": mpmath.npdf,
    "softplus": lambda u: mpmath.log1p(mpmath.exp(u)),
}


def mpmath_function(expr: Any, variables: Sequence[Symbol]) -> Callable[..., Any]:
    r"""``expr`` as a function of ``variables`` (positional, in that order) evaluated by mpmath at
    its working precision ``mpmath.mp.dps``: Abs, Max, Min, Heaviside and sign as a conditional
    (the first true branch of a Piecewise wins, the units' kink convention), σ, Φ, φ and softplus
    by mpmath's functions, everything else by mpmath's namesakes. Arguments are passed as given
    (mpf, int, float, or a decimal string only where mpmath's functions take one).

    >>> import mpmath
    >>> from sympy import Max, Symbol
    >>> from glusym.functions import sigmoid
    >>> t = Symbol("t")
    >>> with mpmath.workdps(25):
    ...     print(mpmath_function(t * sigmoid(t) + Max(t, 0), [t])(mpmath.mpf(1)))
    1.731058578630004879251159
    """
    code = without_ite(to_piecewise(to_sympy(expr, "the expression to evaluate")))
    return lambdify(list(variables), code, modules=[_ATOMIC, "mpmath"])

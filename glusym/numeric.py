r"""Numerical evaluation of units and expressions: compilation to mpmath.

:func:`to_mpmath` turns a unit (or a SymPy expression) into a Python function that evaluates it
in arbitrary precision, at mpmath's working precision ``mpmath.mp.dps``. It is the reference
against which glusym's exact results are checked numerically (gradients against
``mpmath.diff``, Taylor coefficients against ``mpmath.taylor``). Compilation to NumPy belongs
here too (a later addition).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import mpmath
import sympy

from .analysis._common import as_expr, to_piecewise
from .functions import elementary

__all__ = ["to_mpmath"]


def to_mpmath(obj: Any) -> Callable[..., mpmath.mpf]:
    r"""Compile a unit or expression to a function evaluating it with mpmath.

    The expression :math:`f(v_1, \dots, v_n)` is rewritten into SymPy's own functions
    (:math:`\sigma(x) = 1/(1+e^{-x})`, :math:`\Phi(x) = \tfrac12(1+\operatorname{erf}(x/\sqrt2))`,
    :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`; ``Abs``, ``Max``, ``Min``, ``Heaviside``, ``sign``
    as ``Piecewise``) and handed to ``sympy.lambdify`` with the ``"mpmath"`` module, so that a
    ``Piecewise`` becomes a conditional expression (its first true branch wins, which is the
    unit's kink convention) and every function is mpmath's.

    Arguments:
        obj: a :class:`~glusym.Unit` (the function takes its ``variables``, in order) or a SymPy
            expression (the function takes its free symbols, sorted by name).

    Returns:
        A function of as many positional arguments, each converted with ``mpmath.mpf`` (numbers
        or decimal strings), returning an ``mpmath.mpf`` computed at the precision in force when
        it is called (``mpmath.mp.dps``). Rational constants are exact; the unit's ``Float``
        constants (SELU's) carry the digits they were given.

    >>> import mpmath
    >>> import glusym
    >>> f = to_mpmath(glusym.get("gelu"))
    >>> with mpmath.workdps(30):
    ...     print(f(1))
    0.841344746068542948585232545632
    >>> with mpmath.workdps(20):
    ...     print(to_mpmath(glusym.get("swiglu"))("0.5", 2), to_mpmath(glusym.get("relu"))(-1))
    0.62245933120185456464 0.0
    """
    expr, variables = as_expr(obj)
    code = elementary(to_piecewise(expr))
    compiled = sympy.lambdify(variables, code, modules="mpmath")
    n = len(variables)

    def f(*args: Any) -> mpmath.mpf:
        if len(args) != n:
            raise TypeError(f"expected {n} argument(s) {tuple(map(str, variables))}, got {len(args)}")
        return mpmath.mpf(compiled(*(mpmath.mpf(a) for a in args)))

    f.__name__ = f"{getattr(obj, 'name', 'expr')}_mpmath"
    f.__doc__ = f"{expr} evaluated with mpmath at mpmath.mp.dps digits."
    return f

r"""Compilation to mpmath: :func:`to_mpmath`, and the references the float64 code is measured against.

:func:`to_mpmath` evaluates a unit at mpmath's working precision; :func:`reference` evaluates it at float
arguments to about 25 correct digits, raising the precision where cancellation needs it;
:func:`ulps` is the error of a float against such a reference.

>>> import glusym
>>> f = to_mpmath(glusym.get("silu"))
>>> print(mpmath.nstr(reference(f, -800.0), 15))
-2.93429966734215e-345
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import sympy

from ..analysis._common import as_expr
from ..evaluate import mpmath_function

__all__ = ["reference", "to_mpmath", "ulps"]


def to_mpmath(obj: Any, variables: tuple[sympy.Symbol, ...] | None = None) -> Callable[..., mpmath.mpf]:
    r"""Compile a unit or expression to a function evaluating it with mpmath.

    The expression :math:`f(v_1, \dots, v_n)` is compiled by :func:`glusym.evaluate.mpmath_function`,
    glusym's one compiler to mpmath: ``Abs``, ``Max``, ``Min``, ``Heaviside``, ``sign`` as a
    conditional (the first true branch of a ``Piecewise`` wins, the unit's kink convention), σ,
    Φ, φ and softplus by mpmath's accurate functions (:math:`\Phi = \operatorname{ncdf}`, so that
    Φ in the far left tail needs no extra digits), everything else by mpmath's namesakes.

    Arguments:
        obj: a :class:`~glusym.Unit` (the function takes its ``variables``, in order) or a SymPy
            expression (the function takes its free symbols, sorted by name).
        variables: the argument order instead, as for :func:`to_numpy` (a derivative that lost a
            variable, such as SwiGLU's ∂/∂x_v, still takes both).

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
    expr, default_vars = as_expr(obj)
    names = tuple(default_vars if variables is None else variables)
    compiled = mpmath_function(expr, names)
    n = len(names)

    def f(*args: Any) -> mpmath.mpf:
        if len(args) != n:
            raise TypeError(f"expected {n} argument(s) {tuple(map(str, names))}, got {len(args)}")
        return mpmath.mpf(compiled(*(mpmath.mpf(a) for a in args)))

    f.__name__ = f"{getattr(obj, 'name', 'expr')}_mpmath"
    f.__doc__ = f"{expr} evaluated with mpmath at mpmath.mp.dps digits."
    return f


def reference(f: Callable[..., mpmath.mpf], *args: float) -> mpmath.mpf:
    r"""``f`` at float arguments, to about 25 correct digits despite cancellation and absorption.

    Evaluated at 60 digits; where the value is small next to the arguments' scale
    (:math:`|f| < 10^{-20}\max(1,|x|)^3`, the only case where a term absorbed at 60 digits, such
    as :math:`e^{-690}` next to 1, can matter), again at 400 digits and, where the two disagree or
    vanish, at 1300 (:math:`x+\sqrt{x^2+4}` at :math:`-10^{300}` needs 600). A value still 0 at
    1300 digits is 0 in float64. Elsewhere 60 and 120 digits must agree."""
    scale = mpmath.mpf(max([1.0] + [abs(float(a)) for a in args])) ** 3
    with mpmath.workdps(60):
        prev = f(*args)
    levels = (400, 1300) if abs(prev) < 1e-20 * scale else (120, 400, 1300)
    for dps in levels:
        with mpmath.workdps(dps):
            val = f(*args)
        if val != 0 and abs(val - prev) <= abs(val) * mpmath.mpf(10) ** -25:
            return val
        prev = val
    return prev


def ulps(got: float, ref: mpmath.mpf) -> float:
    rf = float(ref)
    if rf == 0:
        return 0.0 if got == 0 else math.inf
    return float(abs(mpmath.mpf(got) - ref) / mpmath.mpf(np.spacing(abs(rf))))


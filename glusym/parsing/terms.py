r"""The SymPy objects the reader builds where SymPy has none: the remainder :class:`BigO`, an
extremum over a variable (:class:`Maximum`, :class:`Minimum`, :class:`Supremum`,
:class:`Infimum`) and the power of a set with a symbolic exponent (:class:`SetPower`).

Each is kept unevaluated: the reader says what the formula states, the checker decides it.

>>> from sympy import Symbol, Interval, oo
>>> x = Symbol("x", real=True)
>>> m = Maximum(x * (1 - x), (x, 0, 1))
>>> m, m.free_symbols
(Maximum(x*(1 - x), (x, 0, 1)), set())
>>> SetPower(Interval(0, oo), Symbol("n"))
SetPower(Interval(0, oo), n)
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.concrete.expr_with_limits import ExprWithLimits

from ..functions import BigO, _Strict  # BigO lives with the atomic functions; read from here as before

__all__ = ["ArgMaximum", "ArgMinimum", "BigO", "Infimum", "Maximum", "Minimum", "Normal", "Probability", "SetPower", "Supremum"]


class _Extremum(ExprWithLimits):  # type: ignore[misc]
    r"""An extremum of ``function`` over the variable of ``limits`` (``(x, -oo, oo)`` over the
    reals, ``(x, a, b)`` over [a, b]): the variable is bound, as in an Integral."""

    _command = ""

    def doit(self, **hints: Any) -> Any:  # unevaluated: the checker computes it
        return self

    def _latex(self, printer: Any, exp: Any = None) -> str:
        var = self.limits[0][0]
        sub = printer._print(var)
        if len(self.limits[0]) == 3 and self.limits[0][1:] != (-sympy.oo, sympy.oo):
            lo, hi = self.limits[0][1:]
            sub = r"%s \in \left[%s, %s\right]" % (sub, printer._print(lo), printer._print(hi))
        return r"\%s_{%s} %s" % (self._command, sub, printer._print(self.function))


class Maximum(_Extremum):
    r""":math:`\max_x f(x)`: the greatest value of f, over the reals or an interval."""

    _command = "max"


class Minimum(_Extremum):
    r""":math:`\min_x f(x)`."""

    _command = "min"


class Supremum(_Extremum):
    r""":math:`\sup_x f(x)`: the least upper bound (it need not be reached)."""

    _command = "sup"


class Infimum(_Extremum):
    r""":math:`\inf_x f(x)`."""

    _command = "inf"


class ArgMaximum(_Extremum):
    r""":math:`\operatorname{arg\,max}_x f(x)`: where f takes its greatest value (one point)."""

    _command = "operatorname*{arg\\,max}"


class ArgMinimum(_Extremum):
    r""":math:`\operatorname{arg\,min}_x f(x)`."""

    _command = "operatorname*{arg\\,min}"


class SetPower(sympy.Set):  # type: ignore[misc]
    r""":math:`S^n` for a symbolic n: the vectors of n components, each in S. Membership of an
    elementwise expression (read, as glusym reads vectors, one component at a time) is membership
    of each component in S. An integer power is SymPy's ``ProductSet`` instead."""

    def __new__(cls, base: sympy.Set, exp: Any) -> "SetPower":
        obj: SetPower = sympy.Basic.__new__(cls, base, exp)
        return obj

    @property
    def base(self) -> sympy.Set:
        return self.args[0]

    @property
    def exp(self) -> Any:
        return self.args[1]

    def _contains(self, other: Any) -> None:
        return None

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return r"%s^{%s}" % (printer._print(self.base), printer._print(self.exp))


class Probability(_Strict, sympy.Function):  # type: ignore[misc]
    r""":math:`P(X \le a)`: the probability that a random variable X (a symbol) satisfies a
    relation to a (``op`` one of ``<``, ``<=``, ``>``, ``>=``, coded as an Integer 0..3), kept
    unevaluated: what it is depends on X's distribution, which the document states
    (:class:`Normal`).

    >>> from sympy import Symbol
    >>> Probability(Symbol("X"), 1, Symbol("x"))
    Probability(X, 1, x)
    """

    nargs = 3
    OPS = ("<", "<=", ">", ">=")

    def _latex(self, printer: Any, exp: Any = None) -> str:
        op = {"<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}[self.OPS[int(self.args[1])]]
        return r"P\left(%s %s %s\right)" % (printer._print(self.args[0]), op, printer._print(self.args[2]))


class Normal(_Strict, sympy.Function):  # type: ignore[misc]
    r""":math:`\mathcal{N}(\mu, \sigma^2)`: the normal distribution of mean μ and variance σ²
    (the second argument is the variance, as the papers write it).

    >>> Normal(0, 1)
    Normal(0, 1)
    """

    nargs = 2

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return r"\mathcal{N}\left(%s, %s\right)" % (printer._print(self.args[0]), printer._print(self.args[1]))

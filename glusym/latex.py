r"""LaTeX out, in the post's notation (:math:`\sigma`, :math:`\Phi`, ``\text{GELU}``, ``x_g``/``x_v``)."""

from __future__ import annotations

from typing import Any

import sympy

from .catalogue import Unit

__all__ = ["latex", "unit_definition"]


def latex(obj: Any) -> str:
    r"""LaTeX for a unit (its definition) or a SymPy expression.

    >>> import glusym
    >>> glusym.latex(glusym.get("silu"))
    '\\text{SiLU}\\left(x\\right) = x \\sigma\\left(x\\right)'
    """
    if isinstance(obj, Unit):
        return unit_definition(obj)
    return sympy.latex(obj)


def unit_definition(unit: Unit) -> str:
    r"""``\text{NAME}(vars) = definition`` for a catalogue entry."""
    args = ", ".join(sympy.latex(v) for v in unit.variables)
    return r"%s\left(%s\right) = %s" % (unit.latex_name, args, sympy.latex(unit.expr))

"""The document as a context: its definitions so far, substituted into later formulas."""

from __future__ import annotations

from typing import Any
import sympy
from sympy import Symbol


def _instance(name: str, context: dict[str, Any]) -> sympy.Lambda | None:
    """``beta_ReLU``: the document's function beta with its activation set to ReLU; ``alpha_ReLU``
    (alpha not a function of the document): ReLU itself."""
    from ..parsing import _unit_named

    if "_" not in name:
        return None
    base, label = name.split("_", 1)
    unit = _unit_named(label)
    if unit is None or len(unit.variables) != 1:
        return None
    act = sympy.Lambda(unit.variables[0], unit.expr)
    f = context.get(base)
    if isinstance(f, sympy.Lambda):
        # the document's own function, with its one activation set to the unit; a function with no
        # activation to set, or several, has no such instance (it is not the unit itself)
        params = {a.func for a in f.expr.atoms(sympy.core.function.AppliedUndef)}
        if len(params) != 1:
            return None
        (g,) = params
        return sympy.Lambda(f.variables, f.expr.replace(lambda e: isinstance(e, sympy.core.function.AppliedUndef)
                                                       and e.func == g, lambda e: act(*e.args)))
    return act


def _substitute_context(e: Any, context: dict[str, Any]) -> Any:
    """Functions named in the document (``beta_ReLU``) as values: pointwise, at a fresh variable."""
    if not isinstance(e, sympy.Basic) or isinstance(e, sympy.Lambda):
        return e
    t = Symbol("t_", real=True)
    changed = False
    reps: dict[Any, Any] = {}
    for s in e.free_symbols:
        f = _instance(s.name, context)
        if f is not None:
            reps[s] = f(t)
            changed = True
    return e.xreplace(reps) if changed else e


def _record(lhs: Any, rhs: Any, context: dict[str, Any]) -> None:
    """Remember a definition: ``f(x) = body`` as a function, ``alpha = ReLU`` as a binding."""
    if isinstance(lhs, sympy.core.function.AppliedUndef) and all(isinstance(a, Symbol) for a in lhs.args):
        context[lhs.func.__name__] = sympy.Lambda(lhs.args, rhs)
    elif isinstance(lhs, Symbol):
        context[lhs.name] = ("bound", rhs)  # alpha = ReLU: a name bound to a value, not a function defined

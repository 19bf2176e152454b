"""The document as a context: its definitions so far, substituted into later formulas."""

from __future__ import annotations

from typing import Any
import sympy
from sympy import Symbol

from ..errors import GlusymError
from ..functions import Phi
from ..parsing.terms import Probability


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


def _unread(name: str, context: dict[str, Any]) -> bool:
    v = context.get(name)
    return isinstance(v, tuple) and len(v) == 2 and v[0] == "unread"


def _record_unread(lhs: Any, context: dict[str, Any]) -> None:
    """A definition whose right side could not be read: the name is the document's, and what it
    means is not known (a later formula with the same left side is a claim, never its definition)."""
    name = lhs.func.__name__ if isinstance(lhs, sympy.core.function.AppliedUndef) else lhs.name
    context[name] = ("unread", None)


def _function(name: str, context: dict[str, Any]) -> tuple[sympy.Lambda, int] | None:
    """The document's function a name stands for, and how many primes it carries: ``f`` and
    ``f''`` for the document's f, ``beta_ReLU`` for its beta with the activation set to ReLU."""
    base = name.rstrip("'")
    primes = len(name) - len(base)
    f = context.get(base)
    if not isinstance(f, sympy.Lambda):
        # beta_ReLU: the post's own beta, with its activation set (only where the post defines beta)
        f = _instance(base, context) if isinstance(context.get(base.split("_", 1)[0]), sympy.Lambda) else None
    if f is None or (primes and len(f.variables) != 1):
        return None
    return f, primes


def known(lhs: Any, context: dict[str, Any]) -> bool:
    """Whether a left side names a function the document already defined (``f(x)`` after ``f(x) = …``,
    ``\\beta_\\text{ReLU}(x)`` after ``\\beta(x) = x\\alpha(x)``): saying it again is a claim. A
    name bound to a value is bound again (``\\alpha = \\text{SiLU}`` after ``\\alpha = \\text{ReLU}``:
    the post's "for α = SiLU"), and ``\\beta_{\\Phi}(x) = x\\Phi(x)`` where the post defines no β is a
    definition."""
    name = lhs.func.__name__ if isinstance(lhs, sympy.core.function.AppliedUndef) else \
        lhs.name if isinstance(lhs, Symbol) else None
    if name is None:
        return False
    base = name.rstrip("'")
    if isinstance(context.get(base), sympy.Lambda) or _unread(base, context):
        return isinstance(lhs, sympy.core.function.AppliedUndef) or _unread(base, context)
    head = base.split("_", 1)[0]
    return "_" in base and isinstance(context.get(head), sympy.Lambda) and _instance(base, context) is not None


_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "kappa", "lambda",
          "mu", "nu", "xi", "rho", "tau", "phi", "varphi", "chi", "psi", "omega"}


def _parameter_name(name: str) -> bool:
    """A name that reads as a parameter (a Greek letter, with or without a subscript: ``\\lambda``,
    ``\\alpha_{01}``), not a variable (``x``, ``z``, ``x_g``)."""
    return name.split("_", 1)[0] in _GREEK


def apply_definitions(e: Any, context: dict[str, Any]) -> Any:
    """``e`` with the document's functions replaced by their definitions: ``f(a)`` by the body at a,
    ``f'(a)`` and ``f''(a)`` by its derivatives there, and a derivative of one evaluated
    (``\\frac{d}{dx} f(x)``); names of the document as values (``beta_ReLU``) pointwise.

    >>> from sympy import Function, Lambda, symbols
    >>> x, t = symbols("x t", real=True)
    >>> ctx = {"f": Lambda((t,), t**3)}
    >>> apply_definitions(Function("f'")(x) + Function("f")(2), ctx)
    3*x**2 + 8
    """
    if not isinstance(e, sympy.Basic) or isinstance(e, sympy.Lambda):
        return e
    reps: dict[Any, Any] = {}
    for a in e.atoms(sympy.core.function.AppliedUndef):
        if _unread(a.func.__name__.rstrip("'"), context):
            raise GlusymError(f"the document's definition of {a.func.__name__.rstrip(chr(39))} could not be read")
        found = _function(a.func.__name__, context)
        if found is None or len(found[0].variables) != len(a.args):
            continue
        f, primes = found
        if primes:
            (v,) = f.variables
            f = sympy.Lambda(f.variables, sympy.diff(f.expr, v, primes))
        reps[a] = f(*a.args)
    if reps:  # the functions first: their bodies may hold the parameters set below
        e = e.xreplace(reps)
        reps = {}
    for sym in e.free_symbols:
        if isinstance(context.get(sym.name), sympy.Lambda) and not sym.name.startswith(("x", "t")):
            raise GlusymError(f"{sym.name} is a function of the document, written here without its arguments")
    for sym in e.free_symbols:  # a parameter the post set to a number (SELU's \\lambda = 1.0507…)
        if not _parameter_name(sym.name):
            continue  # "x = 2" sets no parameter: later identities in x stay identities in x
        bound = context.get(sym.name)
        if isinstance(bound, tuple) and bound[0] == "bound" and isinstance(bound[1], sympy.Basic) \
                and bound[1].is_number and bound[1].is_real:
            reps[sym] = bound[1]
    for pr in e.atoms(Probability):  # P(X \le a) for the document's normal X: Φ((a − μ)/σ)
        stated = context.get(pr.args[0].name) if isinstance(pr.args[0], Symbol) else None
        if isinstance(stated, tuple) and stated[0] == "distribution":
            mean, variance = stated[1].args
            z = (pr.args[2] - mean) / sympy.sqrt(variance)
            below = Probability.OPS[int(pr.args[1])] in ("<", "<=")
            reps[pr] = Phi(z) if below else Phi(-z)
    out = e.xreplace(reps) if reps else e
    if reps and out.has(sympy.Derivative):
        out = out.replace(lambda n: isinstance(n, sympy.Derivative) and not n.expr.has(
            sympy.core.function.AppliedUndef), lambda n: n.doit())
    return _substitute_context(out, context)

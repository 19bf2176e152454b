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
    from ..catalogue import find

    if "_" not in name:
        return None
    base, label = name.split("_", 1)
    unit = find(label)
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


def _library_names() -> frozenset[str]:
    from ..catalogue import CATALOGUE

    return frozenset(p.name for u in CATALOGUE.values() for p in u.params if len(p.name) > 1)


#: the catalogue's parameter names as PyTorch prints them (\text{scale}, \text{negative\_slope})
_LIBRARY_NAMES = _library_names()


def _parameter_name(name: str) -> bool:
    """A name that reads as a parameter (a Greek letter, with or without a subscript: ``\\lambda``,
    ``\\alpha_{01}``; a catalogue parameter's library name: ``scale``), not a variable (``x``,
    ``z``, ``x_g``)."""
    return name.split("_", 1)[0] in _GREEK or name in _LIBRARY_NAMES


def _bound_number(name: str, context: dict[str, Any], depth: int = 0) -> Any:
    """The number a parameter's name is bound to, through other bound names (``\\alpha =
    \\alpha_{01}`` after ``\\alpha_{01} = …``), or None."""
    bound = context.get(name)
    if depth > 8 or not (isinstance(bound, tuple) and len(bound) == 2 and bound[0] == "bound"
                         and isinstance(bound[1], sympy.Basic)):
        return None
    v = bound[1]
    if v.is_number and v.is_real:
        return v
    if not isinstance(v, sympy.Expr) or not v.free_symbols:
        return None
    reps = {}
    for s in v.free_symbols:
        n = _bound_number(s.name, context, depth + 1) if _parameter_name(s.name) else None
        if n is None:
            return None
        reps[s] = n
    out = v.xreplace(reps)
    return out if out.is_number and out.is_real else None


def apply_definitions(e: Any, context: dict[str, Any]) -> Any:
    """``e`` with the document's functions replaced by their definitions: ``f(a)`` by the body at a,
    ``f'(a)`` and ``f''(a)`` by its derivatives there, and a derivative of one evaluated
    (``\\frac{d}{dx} f(x)``); names of the document as values (``beta_ReLU``) pointwise; a
    parameter the document set to a number, by it (through other names: ``\\alpha = \\alpha_{01}``).

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
    substituted = bool(reps)
    if reps:  # the functions first: their bodies may hold the parameters set below
        e = e.xreplace(reps)
        reps = {}
    for sym in e.free_symbols:
        if isinstance(context.get(sym.name), sympy.Lambda) and not sym.name.startswith(("x", "t")):
            raise GlusymError(f"{sym.name} is a function of the document, written here without its arguments")
    for sym in e.free_symbols:  # a parameter the post set to a number (SELU's \\lambda = 1.0507…)
        if not _parameter_name(sym.name):
            continue  # "x = 2" sets no parameter: later identities in x stay identities in x
        value = _bound_number(sym.name, context)
        if value is not None:
            reps[sym] = value
    for pr in e.atoms(Probability):  # P(X \le a) for the document's normal X: Φ((a − μ)/σ)
        stated = context.get(pr.args[0].name) if isinstance(pr.args[0], Symbol) else None
        if isinstance(stated, tuple) and stated[0] == "distribution":
            mean, variance = stated[1].args
            z = (pr.args[2] - mean) / sympy.sqrt(variance)
            below = Probability.OPS[int(pr.args[1])] in ("<", "<=")
            reps[pr] = Phi(z) if below else Phi(-z)
    out = e.xreplace(reps) if reps else e
    # a derivative of a function just substituted (∂a_k/∂z_k after a_k = z_kσ(z_k)) is taken: left
    # unevaluated, the sampler read it as the function itself, and a false formula held numerically
    if (reps or substituted) and out.has(sympy.Derivative):
        out = out.replace(lambda n: isinstance(n, sympy.Derivative) and not n.expr.has(
            sympy.core.function.AppliedUndef), lambda n: n.doit())
    return _substitute_context(out, context)


# ---------------------------------------------------------------------------------------------
# parameters: what the document states of them, and the values a link is judged for

#: the context's keys for what the document states of its parameters ("_": not a name of the document)
CONDITIONS = _CONDITIONS = "_conditions"
_MENTIONED = "_mentioned"


def record_condition(lhs: Any, op: str, rhs: Any, context: dict[str, Any], fresh: set[str]) -> bool:
    """Remember a condition the document states of a name (``\\alpha > 0``, ``0 < \\alpha``, ``b \\ge
    0``, ``\\alpha \\in (0, 1)``): the set it allows. The conditions of one formula (``fresh``, the
    names it already constrained: ``0 < \\alpha < 1``) are intersected; a later formula's replace
    them. True where the link was such a condition."""
    rel = {"<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge}
    if op == "in" and isinstance(lhs, Symbol) and isinstance(rhs, sympy.Interval) \
            and not (rhs.start.free_symbols | rhs.end.free_symbols):
        name, allowed = lhs.name, rhs
    elif op in rel and isinstance(lhs, Symbol) != isinstance(rhs, Symbol):
        s, other = (lhs, rhs) if isinstance(lhs, Symbol) else (rhs, lhs)
        if not (isinstance(other, sympy.Expr) and other.is_number and other.is_real):
            return False
        try:
            allowed = rel[op](lhs, rhs).as_set()
        except (TypeError, ValueError, NotImplementedError):
            return False
        name = s.name
    else:
        return False
    if isinstance(context.get(name), tuple):
        return False  # a name bound to a value: a claim about the value, not a condition
    conditions = dict(context.get(_CONDITIONS, {}))  # a new record: one set in passing can be undone
    if name in fresh and name in conditions:
        allowed = conditions[name].intersect(allowed)
    conditions[name] = allowed
    context[_CONDITIONS] = conditions
    fresh.add(name)
    return True


def record_mention(value: Any, context: dict[str, Any]) -> None:
    """A formula that is one name alone (``a hyperparameter $\\alpha$``): the document names it."""
    if isinstance(value, Symbol):
        context.setdefault(_MENTIONED, set()).add(value.name)


def stated_names(context: dict[str, Any]) -> set[str]:
    """The names the document stated so far: with a condition, bound to a number, or alone."""
    out = set(context.get(_CONDITIONS, {})) | set(context.get(_MENTIONED, set()))
    for k, v in context.items():
        if isinstance(v, tuple) and len(v) == 2 and v[0] == "bound" and isinstance(v[1], sympy.Basic) \
                and v[1].is_number:
            out.add(k)
    return out


def parameter_domains(names: set[str], unit_params: dict[str, tuple[Any, ...]],
                      context: dict[str, Any]) -> dict[str, sympy.Set]:
    """The admissible values of the link's parameters, by name (only those not every real): a
    symbol that stands for a unit's parameter takes the parameter's (α > 0 for ELU's α,
    :attr:`glusym.catalogue.Param.admissible`), and a parameter's name (a Greek letter, or a
    unit's parameter) what the document stated of it (``\\lambda > 1``)."""
    conditions = context.get(_CONDITIONS, {})
    out: dict[str, sympy.Set] = {}
    for name in names:
        S: sympy.Set = sympy.S.Reals
        for p in unit_params.get(name, ()):
            S = S.intersect(p.admissible)
        if name in conditions and (name in unit_params or _parameter_name(name)):
            S = S.intersect(conditions[name])
        if S != sympy.S.Reals:
            out[name] = S
    return out


def _sign_assumptions(S: sympy.Set) -> dict[str, bool]:
    """The sign a set of values gives a symbol (SymPy's assumptions), or {} where it gives none."""
    if not isinstance(S, sympy.Interval):
        return {}
    if S.start.is_nonnegative and (S.start > 0 or S.left_open):
        return {"positive": True}
    if S.start.is_nonnegative:
        return {"nonnegative": True}
    if S.end.is_nonpositive and (S.end < 0 or S.right_open):
        return {"negative": True}
    if S.end.is_nonpositive:
        return {"nonpositive": True}
    return {}


def domain_symbols(domains_: dict[str, sympy.Set]) -> tuple[dict[str, Symbol], Any]:
    """For an identity: each parameter as a symbol carrying its sign (``alpha`` positive), and the
    condition its symbol's sign does not say (``lambda > 1``; True where the sign is all)."""
    symbols: dict[str, Symbol] = {}
    rest = []
    for name, S in domains_.items():
        kw = _sign_assumptions(S)
        s = Symbol(name, real=True, **kw)
        symbols[name] = s
        sign_set = {"positive": sympy.Interval.open(0, sympy.oo), "nonnegative": sympy.Interval(0, sympy.oo),
                    "negative": sympy.Interval.open(-sympy.oo, 0),
                    "nonpositive": sympy.Interval(-sympy.oo, 0)}.get(next(iter(kw), ""), sympy.S.Reals)
        if S != sign_set:
            rest.append(S.as_relational(s))
    return symbols, sympy.And(*rest)


def by_name(e: Any, symbols: dict[str, Symbol]) -> Any:
    """``e`` with every free symbol of one of these names (whatever its assumptions) replaced by it."""
    if not isinstance(e, sympy.Basic) or not symbols:
        return e
    reps = {s: symbols[s.name] for s in e.free_symbols if isinstance(s, Symbol) and s.name in symbols
            and s != symbols[s.name]}
    return e.xreplace(reps) if reps else e


def shown_domains(domains_: dict[str, sympy.Set]) -> str:
    """``alpha > 0, lambda > 1``, ``b ≥ 0``, ``alpha ∈ (0, 1)``: the parameters' values, as said."""
    parts = []
    for name, S in sorted(domains_.items()):
        parts.append(shown_set(name, S))
    return ", ".join(parts)


def shown_set(name: str, S: sympy.Set) -> str:
    """One name's values: a half-line as a relation (``alpha > 0``), else membership."""
    if isinstance(S, sympy.Interval):
        if S.end == sympy.oo and S.start != -sympy.oo:
            return f"{name} {'>' if S.left_open else '≥'} {S.start}"
        if S.start == -sympy.oo and S.end != sympy.oo:
            return f"{name} {'<' if S.right_open else '≤'} {S.end}"
        lo = "(" if S.left_open else "["
        hi = ")" if S.right_open else "]"
        return f"{name} ∈ {lo}{S.start}, {S.end}{hi}"
    return f"{name} ∈ {S}"

"""One link judged: the strategy chosen by the shape of the link (the table of strategies)."""

from __future__ import annotations

import re
import time
from typing import Any
import sympy
from sympy import Symbol

from ..budget import time_budget
from ..errors import BudgetExceeded
from ..functions import to_sympy
from ..parsing import BigO
from ..parsing.terms import Probability
from ._errors import _NoLimit, _Undecided
from .identity import _identity
from .integrals import _integrals
from .limits import _resolve_limits
from .approximation import DEFAULT_APPROX_TOL, judge_approximation, judge_asymptotic
from .extremes import EXTREMA, resolve_extrema
from .relations import judge_inequality, judge_membership
from .report import Judgement, Verdict
from .series import _series_check
from .zero import _is_zero


def _is_new_name(lhs: Any) -> bool:
    """A left side that names something new: a symbol, or an undefined function of symbols."""
    if isinstance(lhs, Symbol):
        return True
    if isinstance(lhs, sympy.core.function.AppliedUndef) and "'" not in lhs.func.__name__:
        return all(isinstance(a, Symbol) for a in lhs.args)
    return False


def _written_as_name(tex: str) -> bool:
    """The left side as written is a name (``f(x)``, ``\\beta_{1}``, ``y``), not an expression that
    SymPy evaluates to one (``0 + x`` is x, but ``0 + x = x + 0`` defines nothing): nothing but a
    name, its subscripts and its arguments, no operator outside brackets. Empty text (no source)
    is taken as a name."""
    depth, outside = 0, []
    for ch in tex:
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            outside.append(ch)
    flat = "".join(outside)
    flat = re.sub(r"\\(cdot|times|left|right|,|;|!|quad)", lambda m: "*" if m.group(1) in ("cdot", "times") else "", flat)
    return not re.search(r"[+\-*/]|\d", re.sub(r"_\s*\d+|\^\s*\d+", "", flat))


def _plain(*texs: str) -> bool:
    """The formula's sides name no function glusym knows (read as a condition where true only on a region)."""
    from ..parsing import mentions_catalogue

    return not any(mentions_catalogue(t) for t in texs if t)


def _membership(lhs: Any, S: Any, domain: Any, deadline: float, plain: bool) -> Judgement:
    """``a \\in S``: S^n (a SetPower) is each coordinate in S; ℝ and its powers hold of every real value
    (glusym's variables are real); intervals and their products by :func:`judge_membership`."""
    from ..parsing.terms import SetPower

    if isinstance(S, SetPower):
        S = S.base
        if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)):
            S = sympy.ProductSet(*([S] * len(list(lhs))))
    if not isinstance(S, sympy.Set):
        return Verdict.UNPARSED, "a membership whose right side is not a set", None
    reals = S == sympy.S.Reals or (isinstance(S, sympy.ProductSet) and all(f == sympy.S.Reals for f in S.sets))
    if reals:
        items = list(lhs) if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)) else [lhs]
        if isinstance(S, sympy.ProductSet) and len(items) != len(S.sets) and len(items) > 1:
            return Verdict.FAILS, f"{len(items)} coordinates against a product of {len(S.sets)} sets", None
        real = [to_sympy(e, "the element").is_extended_real for e in items]
        if all(r is True for r in real):
            return Verdict.HOLDS, "every variable is real, and so is every coordinate", None
        return Verdict.UNKNOWN, "cannot tell whether every coordinate is real", None
    return judge_membership(lhs, S, domain, deadline, plain)


def _taken(e: Any) -> Any:
    """``e`` with every derivative of a known expression taken (``Derivative(zσ(z), z)`` as
    σ(z)(1 + z(1 − σ(z)))): the numeric tests substitute points for the variables, and a
    derivative left unevaluated was read there as the expression itself (a false formula held
    numerically). A derivative of a function the document does not define stays, for its verdict."""
    if not isinstance(e, sympy.Basic) or not e.has(sympy.Derivative):
        return e
    return e.replace(lambda n: isinstance(n, sympy.Derivative) and not n.expr.has(sympy.core.function.AppliedUndef),
                     lambda n: n.doit())


def _judge(lhs: Any, rhs: Any, op: str, first: bool, budget: float,
           lhs_tex: str = "", rhs_tex: str = "", domain: Any = None, approx_tol: float = DEFAULT_APPROX_TOL,
           at: tuple[Any, ...] | None = None) -> Judgement:
    """(verdict, reason, counterexample) for one link. ``domain``: where the formula states its
    variables live (a SymPy set or condition, see :func:`glusym.check.relations.domains`);
    ``approx_tol``: the largest error of an approximation that holds approximately; ``at``: the
    limit (variable, point[, direction]) of a ``∼``."""
    from ..parsing import mentions_catalogue

    deadline = time.monotonic() + budget
    if op == "=" and first and _is_new_name(lhs) and not mentions_catalogue(lhs_tex) and _written_as_name(lhs_tex):
        return Verdict.DEFINITION, f"defines {lhs}", None
    lhs, rhs = _taken(lhs), _taken(rhs)
    if any(isinstance(e, sympy.Basic) and e.has(Probability) for e in (lhs, rhs)):
        names = sorted({str(p.args[0]) for e in (lhs, rhs) if isinstance(e, sympy.Basic) for p in e.atoms(Probability)})
        return Verdict.UNKNOWN, (f"a probability of {', '.join(names)}, whose distribution the document does not state "
                           f"(write {names[0]} \\sim \\mathcal{{N}}(0, 1) before)"), None
    if any(isinstance(e, sympy.Basic) and e.has(*EXTREMA) for e in (lhs, rhs)):
        try:  # \max_x f(x): its value, by glusym's extrema, the limits and a grid beside them
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                lhs, rhs = resolve_extrema(lhs, deadline), resolve_extrema(rhs, deadline)
        except _Undecided as exc:
            return Verdict.UNKNOWN, str(exc), None
    if op in ("~=", "<", ">", "<=", ">=", "in") and any(isinstance(e, sympy.Basic) and e.has(sympy.Limit)
                                                         for e in (lhs, rhs)):
        try:  # a limit that is approximated or bounded: its value first
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                lhs, rhs = _resolve_limits(lhs, deadline), _resolve_limits(rhs, deadline)
        except _NoLimit as exc:
            return Verdict.UNKNOWN, f"the limit does not exist: {exc}", None
        except (_Undecided, NotImplementedError) as exc:
            return Verdict.UNKNOWN, f"the limit: {exc}", None
    if op in ("~=", "~", "<", ">", "<=", ">=", "in") and any(
            isinstance(e, sympy.Basic) and e.has(sympy.core.function.AppliedUndef) for e in (lhs, rhs)):
        undef = sorted({str(a.func) for e in (lhs, rhs) if isinstance(e, sympy.Basic)
                        for a in e.atoms(sympy.core.function.AppliedUndef)})
        return Verdict.UNKNOWN, f"involves {', '.join(undef)}, which the document does not define here", None
    if op == "~=" and at is not None:  # "f ≈ g as x → a": asymptotic, as ∼
        return judge_asymptotic(lhs, rhs, at, deadline)
    if op == "~=":
        return judge_approximation(lhs, rhs, domain, approx_tol, deadline)
    if op == "~":
        return judge_asymptotic(lhs, rhs, at, deadline)
    if op in ("!=",):
        return Verdict.NO_CLAIM, "an inequation (≠) is not checked", None
    if op == "notin":
        return Verdict.UNKNOWN, "∉ is not judged", None
    if op == "in":
        return _membership(lhs, rhs, domain, deadline, _plain(lhs_tex, rhs_tex))
    if op in ("<", ">", "<=", ">="):
        return judge_inequality(lhs, rhs, op, domain, deadline, plain=_plain(lhs_tex, rhs_tex))
    if isinstance(lhs, sympy.Lambda) or isinstance(rhs, sympy.Lambda):
        if isinstance(lhs, sympy.Lambda) and isinstance(rhs, sympy.Lambda):
            t = Symbol("x", real=True)
            return _judge(lhs(t), rhs(t), op, False, budget)
        return Verdict.UNPARSED, "a function compared with a value", None
    if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)) or isinstance(rhs, (sympy.Tuple, sympy.MatrixBase)):
        a = list(lhs) if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)) else None
        b = list(rhs) if isinstance(rhs, (sympy.Tuple, sympy.MatrixBase)) else None
        if a is None or b is None or len(a) != len(b):
            return Verdict.FAILS, "a tuple or matrix compared with something of another shape", None
        verdicts = [_judge(p, q, op, False, max(deadline - time.monotonic(), 0.01)) for p, q in zip(a, b)]
        for v in (Verdict.FAILS, Verdict.UNPARSED, Verdict.UNKNOWN, Verdict.HOLDS_NUMERICALLY):
            hit = [r for r in verdicts if r[0] == v]
            if hit:
                return v, f"component {verdicts.index(hit[0]) + 1}: {hit[0][1]}", hit[0][2]
        return Verdict.HOLDS, "every component", None
    if any(isinstance(e, sympy.Basic) and e.has(sympy.core.function.AppliedUndef) for e in (lhs, rhs)):
        undef = sorted({str(a.func) for e in (lhs, rhs) for a in e.atoms(sympy.core.function.AppliedUndef)})
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                if _is_zero(lhs - rhs):
                    return Verdict.HOLDS, "", None
        except BudgetExceeded:
            pass
        return Verdict.UNKNOWN, f"involves {', '.join(undef)}, which the document does not define here", None
    if lhs.has(BigO) or rhs.has(BigO):
        f, s = (lhs, rhs) if rhs.has(BigO) else (rhs, lhs)
        if f.has(BigO):
            return Verdict.UNKNOWN, "O terms on both sides", None
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                v, why = _series_check(f, s)
            return v, why, None
        except _Undecided as exc:
            return Verdict.UNKNOWN, str(exc), None
    note = ""
    if any(isinstance(e, sympy.Basic) and e.has(sympy.Integral) for e in (lhs, rhs)):
        judged = _integrals(lhs, rhs, deadline)
        if len(judged) == 3:  # a verdict (the sides evaluated are a pair)
            return judged
        lhs, rhs = judged
        note = "the integral evaluated by SymPy"
    if lhs.has(sympy.Limit) or rhs.has(sympy.Limit):
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                lhs, rhs = _resolve_limits(lhs, deadline), _resolve_limits(rhs, deadline)
        except _NoLimit as exc:
            return Verdict.FAILS, str(exc), {"from the left": str(exc.left), "from the right": str(exc.right)}
        except (_Undecided, NotImplementedError) as exc:
            return Verdict.UNKNOWN, f"the limit: {exc}", None
        note = "limit taken pointwise"
        if any(isinstance(e, sympy.Basic) and e.has(sympy.zoo, sympy.nan) for e in (lhs, rhs)):
            return Verdict.UNKNOWN, "the limit does not exist as a real number (SymPy gives complex infinity)", None
        if any(e in (sympy.oo, -sympy.oo) for e in (lhs, rhs)):
            ok = lhs == rhs
            return (Verdict.HOLDS if ok else Verdict.FAILS), f"the limit is {lhs}" if ok else f"{lhs} ≠ {rhs}", None
    lhs, rhs = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    if any(e.has(sympy.zoo, sympy.nan) for e in (lhs, rhs)):
        return Verdict.UNKNOWN, "a side is undefined (complex infinity or nan: a division by zero?)", None
    if any(e in (sympy.oo, -sympy.oo) for e in (lhs, rhs)):
        ok = lhs == rhs
        return (Verdict.HOLDS if ok else Verdict.FAILS), (f"both sides are {lhs}" if ok else f"{lhs} ≠ {rhs}"), None
    return _identity(lhs, rhs, deadline, note)

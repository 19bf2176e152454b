"""Identities: exact numbers, a quick symbolic try, the numerical test, then a witness."""

from __future__ import annotations

import time
import mpmath
import sympy
from sympy import Expr

from ..budget import time_budget
from ..errors import BudgetExceeded, GlusymError
from .pointwise import _Numeric, _numeric
from .report import Judgement, Verdict
from .zero import _kink_free_zero, _number_zero


def _identity(lhs: Expr, rhs: Expr, deadline: float, note: str) -> Judgement:
    if lhs.has(sympy.Limit) or rhs.has(sympy.Limit):
        return Verdict.UNKNOWN, "an unevaluated limit", None
    if not (lhs.free_symbols or rhs.free_symbols):
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                zero = _number_zero(lhs - rhs)
        except BudgetExceeded:
            zero = None
        if zero is True:
            return Verdict.HOLDS, "the two numbers are equal exactly" + (f"; {note}" if note else ""), None
        if zero is False:
            with mpmath.workdps(30):
                ce = {"lhs": str(sympy.N(lhs, 20)), "rhs": str(sympy.N(rhs, 20)),
                      "difference": str(sympy.N(lhs - rhs, 20))}
            return Verdict.FAILS, "the two numbers differ (exactly, whatever the size of the difference)", ce
    # a quick symbolic try first: a proof makes the points unnecessary
    first = min(1.0, 0.2 * max(deadline - time.monotonic(), 0.0))
    try:
        with time_budget(max(first, 0.01)):
            proved, kink, witness = _kink_free_zero(lhs - rhs, (lhs, rhs))
        tried = True
    except BudgetExceeded:
        proved, kink, witness, tried = False, "", None, False
    if proved:
        return Verdict.HOLDS, "; ".join(r for r in (note, kink) if r), None
    # a witness of a nonzero difference waits: the points may give a counterexample with both sides
    try:  # the points end a little before the link's budget, so that a witness can still be given
        with time_budget(max(deadline - time.monotonic() - 0.25, 0.01)):
            num = _numeric(lhs, rhs, deadline - 0.25)
    except BudgetExceeded:
        if witness is not None:
            return Verdict.FAILS, "the difference is not 0 (proved; the counterexample says where and why)", witness
        return Verdict.UNKNOWN, "the numerical check ran past the budget", None
    except (TypeError, ValueError, NameError, AttributeError, GlusymError) as exc:
        num = _Numeric("few", None, 0, "", (0, 0))
        note = (note + "; " if note else "") + f"cannot evaluate numerically ({type(exc).__name__})"
    if num.state == "differ":
        return Verdict.FAILS, num.why + (f" ({note})" if note else ""), num.counterexample
    why = "simplification could not decide"
    if not tried:
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                proved, kink, witness = _kink_free_zero(lhs - rhs, (lhs, rhs))
        except BudgetExceeded:
            proved, kink, witness = False, "", None
            why = "simplification ran past the budget"
    if witness is not None:
        return Verdict.FAILS, "the difference is not 0 (proved; the counterexample says where and why)", witness
    reason = "; ".join(r for r in (note, kink) if r)
    if proved:
        return Verdict.HOLDS, reason, None
    if num.state == "agree":
        lo, hi = num.digits
        return Verdict.HOLDS_NUMERICALLY, (
            f"{why}; equal at {num.used} points ({num.where}), compared at {lo} digits and again at up "
            f"to {hi} (a real difference stays the same as the precision doubles; rounding shrinks)"
            + (f"; {reason}" if reason else "")), None
    left = f", {num.unsettled} point(s) unsettled up to {num.digits[1]} digits" if num.unsettled else ""
    if not num.used and num.where:
        return Verdict.UNKNOWN, f"{why}; not compared numerically: {num.where}", None
    return Verdict.UNKNOWN, f"{why}; equal at only {num.used} points{left}", None

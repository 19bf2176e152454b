"""Relations other than equality: inequalities between numbers."""

from __future__ import annotations

from typing import Any
import sympy

from ..functions import to_sympy
from .zero import _number_sign


def _judge_inequality(lhs: Any, rhs: Any, op: str) -> tuple[str, str, dict[str, str] | None]:
    """A relation between two numbers, decided by the exact sign of their difference."""
    d = to_sympy(lhs, "a side") - to_sympy(rhs, "a side")
    if d.free_symbols:
        return "no claim", "a condition on its variables", None
    sign = _number_sign(d)
    if sign is None:
        return "unknown", "cannot decide the sign of the difference (it may be 0)", None
    ok = {"<": sign < 0, ">": sign > 0, "<=": sign <= 0, ">=": sign >= 0}[op]
    shown = "0 exactly" if sign == 0 else str(sympy.N(d, 15))
    return ("holds" if ok else "fails"), f"the difference is {shown}", None

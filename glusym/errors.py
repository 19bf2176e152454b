"""Errors raised by glusym."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

__all__ = ["BudgetExceeded", "GlusymError", "NotDerived", "member", "shown"]

_E = TypeVar("_E", bound=StrEnum)


class GlusymError(Exception):
    """Bad input: an unknown name, a bad parameter, an expression glusym cannot take.

    The message is one line, fit to be shown to a user as it is.
    """


class NotDerived(GlusymError):
    """A result SymPy could not reach: the message says why (never a guess)."""


class BudgetExceeded(NotDerived):
    """A computation ran past its time budget."""


def shown(value: object, limit: int = 40) -> str:
    """``value`` as an error message shows it: its repr, at most ``limit`` characters (cut with
    "…"), an integer too long to print by its number of digits.

    >>> shown(10**5000), shown("x" * 100)
    ('an integer of about 5001 digits', "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…")
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        bits = abs(value).bit_length()  # printed exactly below 4,300 digits, estimated beyond
        digits = len(str(abs(value))) if bits < 14_000 else int(bits * 0.30102999566398120) + 1
        return f"an integer of about {digits} digits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a repr that fails (a huge number inside a container)
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def member(vocabulary: type[_E], value: object, what: str, allowed: tuple[_E, ...] | None = None) -> _E:
    """``value`` as a member of the enum ``vocabulary`` (a member, or its text), one of ``allowed``
    (default: all of them); anything else is refused with a :class:`GlusymError` that names ``what``
    and the values there are.

    >>> from enum import StrEnum
    >>> class Side(StrEnum):
    ...     LEFT = "left"
    ...     RIGHT = "right"
    >>> member(Side, "left", "a side") is Side.LEFT
    True
    >>> member(Side, "up", "a side")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: a side is one of left, right; not 'up'
    """
    allowed = tuple(vocabulary) if allowed is None else allowed
    if isinstance(value, str) and value in allowed:
        return vocabulary(value)
    got = repr(str(value)) if isinstance(value, str) else type(value).__name__
    raise GlusymError(f"{what} is one of {', '.join(allowed)}; not {got}")

"""Errors raised by glusym."""

from __future__ import annotations

__all__ = ["BudgetExceeded", "GlusymError", "NotDerived"]


class GlusymError(Exception):
    """Bad input: an unknown name, a bad parameter, an expression glusym cannot take.

    The message is one line, fit to be shown to a user as it is.
    """


class NotDerived(GlusymError):
    """A result SymPy could not reach: the message says why (never a guess)."""


class BudgetExceeded(NotDerived):
    """A computation ran past its time budget."""

"""The one error of the reader."""

from __future__ import annotations

from ..errors import GlusymError

__all__ = ["LatexParseError"]


class LatexParseError(GlusymError):
    """A formula glusym cannot read; the message says where or why, in one line."""

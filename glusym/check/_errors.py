"""The exceptions the judging strategies raise between themselves."""

from __future__ import annotations

from typing import Any


class _Undecided(Exception):
    pass


class _NoLimit(Exception):
    """A two-sided limit whose one-sided limits differ: it does not exist."""

    def __init__(self, left: Any, right: Any) -> None:
        super().__init__(f"the limit does not exist: {left} from the left, {right} from the right")
        self.left, self.right = left, right

"""The bounds glusym puts on its inputs, in one light module (no SymPy): the analyses check them,
and the command line's help names them before anything heavy is imported."""

from __future__ import annotations

import math
import numbers
from typing import Any

from .errors import GlusymError

__all__ = ["MAX_DEPTH", "MAX_NODES", "MAX_ORDER", "MAX_TERMS", "finite_interval", "whole_number"]

#: The most terms a Taylor series is computed to (``order``, ``n``): the composition costs
#: about ``order²`` coefficient products, and a stack's ``order × depth`` shares this limit.
MAX_ORDER = 640
#: The deepest stack glusym builds.
MAX_DEPTH = 64
#: The largest ``order × depth`` a chain's Taylor expansion is computed for.
MAX_TERMS = MAX_ORDER
#: The largest nested expression (nodes of its tree) a chain builds: the analyses that read the
#: whole expression (gradient, Hessian, extrema) and its printing walk the tree, which doubles
#: with each layer of a unit that uses its input twice (64 SwiGLU layers: about 10^20 nodes).
#: Its Taylor series and growth orders never build it.
MAX_NODES = 10**5


def finite_interval(value: Any, what: str = "x_range (--range)") -> tuple[float, float]:
    """Two finite numbers LOW < HIGH, as floats; a one-line :class:`GlusymError` naming ``what``
    otherwise.

    >>> finite_interval((-1, 2))
    (-1.0, 2.0)
    >>> finite_interval((2, 1), "the interval")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: the interval must be two finite numbers LOW < HIGH, got 2 1
    """
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise GlusymError(f"{what} takes two numbers LOW HIGH, got {value!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise GlusymError(f"{what} must be two finite numbers LOW < HIGH, got {lo:g} {hi:g}")
    return lo, hi


def whole_number(value: Any, what: str, low: int, high: int) -> int:
    """A whole number (not a bool) from ``low`` to ``high``; a one-line :class:`GlusymError`
    naming ``what`` otherwise.

    >>> whole_number(4, "the number of ReLU units", 1, 1000)
    4
    >>> whole_number(2.5, "the number of ReLU units", 1, 1000)
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: the number of ReLU units must be a whole number, got 2.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise GlusymError(f"{what} must be a whole number, got {value!r}")
    if not low <= int(value) <= high:
        raise GlusymError(f"{what} must be from {low} to {high}, got {value}")
    return int(value)

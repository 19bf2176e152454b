r"""Sums of ReLU units that approximate a function: the post's argument that a layer of ReLU
units reaches :math:`x^2` only piece by piece (error :math:`h^2/4` for knot spacing :math:`h`),
where two SwiGLU or two ReLU² units give it exactly.

>>> import numpy as np
>>> fit = relu_interpolant(np.square, (-1, 1), 4)
>>> fit.units, float(np.max(np.abs(fit(np.linspace(-1, 1, 257)) - np.linspace(-1, 1, 257) ** 2)))
(4, 0.0625)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .bounds import finite_interval, whole_number
from .catalogue import get
from .errors import GlusymError
from .numeric import to_numpy

__all__ = ["ReluSum", "relu_interpolant"]


@dataclass(frozen=True)
class ReluSum:
    r"""A layer of ReLU units read out by a sum, :math:`f(x) = b + \sum_k c_k\,\mathrm{ReLU}(x - t_k)`.

    ``weights`` are the :math:`c_k`, ``kinks`` the :math:`t_k`, ``bias`` the output bias :math:`b`;
    the layer has ``len(weights)`` units. Calling it evaluates it with glusym's ReLU.

    >>> f = ReluSum(1.0, (-1.0, 2.0), (-1.0, 0.0))
    >>> f.units, f([-1.0, 0.5, 1.0]).tolist()
    (2, [1.0, 0.5, 1.0])
    """

    bias: float
    weights: tuple[float, ...]
    kinks: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.kinks):
            raise GlusymError(f"a ReLU sum needs one kink per weight, got {len(self.weights)} and {len(self.kinks)}")
        if not all(map(math.isfinite, (self.bias, *self.weights, *self.kinks))):
            raise GlusymError("the weights, kinks and bias of a ReLU sum must be finite")

    @property
    def units(self) -> int:
        """The number of ReLU units."""
        return len(self.weights)

    def __call__(self, xs: Any) -> np.ndarray:
        relu = to_numpy(get("relu"))
        xs = np.asarray(xs, dtype=float)
        out = np.full(xs.shape, self.bias)
        for c, t in zip(self.weights, self.kinks):
            out = out + c * relu(xs - t)
        return out


def relu_interpolant(f: Callable[[np.ndarray], np.ndarray], interval: Sequence[float], units: int) -> ReluSum:
    r"""The piecewise-linear interpolant of ``f`` at ``units + 1`` equispaced knots, as ``units`` ReLUs.

    With knots :math:`t_0 < \dots < t_n` and slopes :math:`s_k` of the chords,
    :math:`f(t_0) + s_0\,\mathrm{ReLU}(x - t_0) + \sum_{k=1}^{n-1} (s_k - s_{k-1})\,\mathrm{ReLU}(x - t_k)`:
    one unit for the first chord and one per interior knot, plus an output bias. For :math:`x^2`
    with knot spacing :math:`h` its error is :math:`(x - t_k)(t_{k+1} - x)`, largest at the
    midpoints, :math:`h^2/4`. (It is not the minimax fit: lowered by :math:`h^2/8` it would halve
    that error.)

    >>> relu_interpolant(np.square, (-1, 1), 2)
    ReluSum(bias=1.0, weights=(-1.0, 2.0), kinks=(-1.0, 0.0))
    """
    n = whole_number(units, "the number of ReLU units", 1, 1000)
    a, b = finite_interval(interval, "the interval")
    knots = np.linspace(a, b, n + 1)
    ys = np.asarray(f(knots), dtype=float)
    slopes = np.diff(ys) / np.diff(knots)
    weights = (slopes[0], *np.diff(slopes))
    return ReluSum(float(ys[0]), tuple(float(w) for w in weights), tuple(float(t) for t in knots[:-1]))

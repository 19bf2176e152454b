"""One style for every figure: the palette, the sizes, the shared option checks and helpers."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

import matplotlib
import numpy as np
import sympy
from matplotlib.figure import Figure

from ..catalogue import CATALOGUE, Unit, get, x
from ..errors import GlusymError
from ..latex import latex


# ---------------------------------------------------------------------------------------------
# One style for every figure

#: matplotlib settings in force while a figure is built and saved.
STYLE: Mapping[str, Any] = MappingProxyType({
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "mathtext.fontset": "cm",
    "savefig.dpi": 200,
    "svg.fonttype": "path",
    "svg.hashsalt": "glusym",
})

#: The colour of each unit, the same in every figure (the Okabe-Ito palette, colour-blind safe).
COLOURS: Mapping[str, str] = MappingProxyType({
    "relu": "#0072B2",
    "reglu": "#0072B2",
    "relu2": "#56B4E9",
    "gelu": "#D55E00",
    "geglu": "#D55E00",
    "silu": "#009E73",
    "swish": "#009E73",
    "swiglu": "#009E73",
    "softplus": "#CC79A7",
    "sigmoid": "#E69F00",
    "tanh": "#555555",
    "target": "#000000",
    "limit-zero": "#E69F00",
})
_CYCLE = ("#882255", "#44AA99", "#999933", "#AA4499", "#332288", "#117733", "#DDCC77", "#888888")
#: The colour map of signed heights (centred on 0).
DIVERGING = "RdBu_r"
#: The colour map of magnitudes and of ordered parameters.
SEQUENTIAL = "viridis"
#: Opacity of asymptotes and reference curves drawn under a figure's curves.
FAINT = 0.3

_SIZE = (6.4, 4.0)
_TALL = (6.4, 6.0)
_SQUARE = (6.4, 5.6)
_WIDE = (12.8, 4.2)

#: The default family of the ``activations`` figure (the post's Fig 1).
DEFAULT_UNITS: tuple[str, ...] = ("relu", "relu2", "gelu", "silu", "softplus", "sigmoid", "tanh")
#: The default values of beta of the ``swish-beta`` figure.
DEFAULT_BETAS: tuple[float, ...] = (0.0, 0.5, 1.0, 2.0, 5.0)
#: Output formats of :func:`save`, chosen by the file's suffix.
FORMATS: tuple[str, ...] = ("svg", "png", "pdf")


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(dict(STYLE)):
        yield


def _styled(builder: Callable[..., Figure]) -> Callable[..., Figure]:
    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> Figure:
        with _style():
            return builder(*args, **kwargs)

    return build


def _colour(name: str, i: int = 0) -> str:
    return COLOURS.get(name, _CYCLE[i % len(_CYCLE)])


def _mathtext(tex: str) -> str:
    """glusym's KaTeX LaTeX as matplotlib mathtext: ``\\text`` → ``\\mathrm``, and plain parentheses
    for ``\\left(…\\right)``, which mathtext draws too small."""
    return tex.replace(r"\text{", r"\mathrm{").replace(r"\left(", "(").replace(r"\right)", ")")


#: The command line's flag of each option (for messages).
_FLAGS: Mapping[str, str] = MappingProxyType({"units": "--units", "betas": "--beta", "relu_units": "--relu-units",
                                              "x_range": "--range"})


def _option(key: str) -> str:
    return f"{key} ({_FLAGS[key]})" if key in _FLAGS else key


def _range(value: Any, what: str = "x_range (--range)") -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise GlusymError(f"{what} takes two numbers LOW HIGH, got {value!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise GlusymError(f"{what} must be two finite numbers LOW < HIGH, got {lo:g} {hi:g}")
    return lo, hi


def _count(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise GlusymError(f"{what} must be a whole number, got {value!r}")
    if not low <= int(value) <= high:
        raise GlusymError(f"{what} must be from {low} to {high}, got {value}")
    return int(value)


def _zero_axes(ax: Any) -> None:
    ax.axhline(0.0, color="0.4", linewidth=0.8, zorder=1, gid="axis-y0")
    ax.axvline(0.0, color="0.4", linewidth=0.8, zorder=1, gid="axis-x0")


def _activation(name: Any) -> Unit:
    """A catalogue activation by name; a clear error naming the activations otherwise."""
    known = ", ".join(u.name for u in CATALOGUE.values() if u.kind == "activation")
    try:
        unit = get(name)
    except GlusymError as exc:
        raise GlusymError(f"{exc}; the activations are: {known}") from None
    if unit.kind != "activation":
        raise GlusymError(f"{unit.name!r} is a gated unit of two variables, not an activation; "
                          f"the activations are: {known}")
    return unit


def _legend(unit: Unit) -> str:
    r"""``$\mathrm{GELU}(x) = x \Phi(x)$``: the name in the post's notation, and the
    formula where it says more than the name (not for :math:`\sigma(x)` or a Piecewise)."""
    label = _mathtext(unit.latex_name) + "(x)"
    expr = unit.expr
    if expr.args != (x,) and not expr.has(sympy.Piecewise):
        label += " = " + _mathtext(latex(expr))
    return f"${label}$"



"""One style for every figure: the palette, the sizes, the shared option checks and helpers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import matplotlib
import sympy
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # the names of matplotlib's settings, a Literal

from ..catalogue import CATALOGUE, Unit, get, x
from ..errors import GlusymError
from ..latex import latex


# ---------------------------------------------------------------------------------------------
# One style for every figure, sized for a blog's column

#: A blog shows a figure this many CSS pixels wide, and no text of a figure may be smaller than
#: :data:`MIN_TEXT_PX` there. Every figure is :data:`WIDTH_IN` inches wide, so one point of text is
#: ``PX_PER_PT`` = 720 / (6.4 · 72) = 1.5625 px on the page.
COLUMN_PX = 720
WIDTH_IN = 6.4
PX_PER_PT = COLUMN_PX / (WIDTH_IN * 72)
MIN_TEXT_PX = 11
#: mathtext draws sub- and superscripts at 0.7 of the text around them; the smallest text of the
#: style (10.5 pt) keeps its subscripts at 10.5 · 0.7 · 1.5625 = 11.5 px.
_SCRIPT = 0.7
SMALL_PT = 10.5

#: The foreground colours of each theme: ``fg`` (text, spines, ticks, neutral curves), ``muted``
#: (zero lines, secondary marks, the grid) and ``bg`` (the page behind the figure, and legend
#: boxes). A figure is built with the light colours; :func:`glusym.plotting.save` swaps them in the
#: SVG for the dark ones, or for CSS variables that follow ``prefers-color-scheme`` (``auto``).
THEMES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "light": MappingProxyType({"fg": "#1f1f1f", "muted": "#6b6b6b", "bg": "#ffffff"}),
    "dark": MappingProxyType({"fg": "#e6e6e6", "muted": "#a3a3a3", "bg": "#111111"}),
})
_INK = THEMES["light"]

#: matplotlib settings in force while a figure is built and saved.
STYLE: Mapping[RcKeyType, Any] = MappingProxyType({
    "font.size": 11,
    "axes.titlesize": 11.5,
    "axes.labelsize": 11,
    "legend.fontsize": SMALL_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.frameon": False,
    "legend.facecolor": _INK["bg"],
    "legend.edgecolor": _INK["bg"],
    "legend.handlelength": 2.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.facecolor": _INK["bg"],
    "figure.facecolor": _INK["bg"],
    "savefig.facecolor": _INK["bg"],
    "axes.edgecolor": _INK["fg"],
    "axes.labelcolor": _INK["fg"],
    "text.color": _INK["fg"],
    "xtick.color": _INK["fg"],
    "ytick.color": _INK["fg"],
    "grid.color": _INK["muted"],
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "mathtext.fontset": "dejavusans",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "savefig.dpi": 200,
    "svg.fonttype": "none",
    "svg.hashsalt": "glusym",
})

#: The colour of each unit, the same in every figure: the Okabe-Ito palette (colour-blind safe)
#: without its yellow and black, which vanish on a white and a dark page; tanh takes the theme's
#: foreground, a neutral that follows the page.
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
    "tanh": _INK["fg"],
    "target": _INK["fg"],
    "limit-zero": "#E69F00",
})
#: Colours for units without one of their own, in order: the Okabe-Ito six, the foreground, then
#: Paul Tol's olive and wine (distinct from those under the common colour-blindnesses).
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", _INK["fg"],
                            "#999933", "#882255")
#: The second cue: every curve of a figure has its own dash pattern, and past these, its own marker.
DASHES: tuple[Any, ...] = ("-", (0, (5, 2)), (0, (1, 1.6)), (0, (7, 2, 1.2, 2)), (0, (2.5, 2.5)),
                           (0, (9, 2.5)), (0, (4, 1.5, 1, 1.5, 1, 1.5)))
MARKERS: tuple[str | None, ...] = (None, "o", "s", "^", "D", "v")
#: The colour map of signed heights (centred on 0).
DIVERGING = "RdBu_r"
#: The colour map of magnitudes and of ordered parameters.
SEQUENTIAL = "viridis"
#: Opacity of asymptotes and reference curves drawn under a figure's curves.
FAINT = 0.3

_SIZE = (WIDTH_IN, 4.4)
_TALL = (WIDTH_IN, 6.4)
_SQUARE = (WIDTH_IN, 6.0)


def _cues(names: Sequence[str]) -> list[tuple[str, Any, str | None]]:
    """A (colour, dash, marker) for each name of one figure: its own colour (:data:`COLOURS`) if no
    earlier curve of the figure took it, else the first of :data:`PALETTE` not yet taken (the
    palette repeats only past its length); the dash and marker by position, so that no two curves
    of a figure share the pair (:data:`DASHES` × :data:`MARKERS`: 42 curves).

    >>> [c for c, _, _ in _cues(["relu", "relu6", "squareplus", "reglu"])]
    ['#0072B2', '#D55E00', '#009E73', '#CC79A7']
    """
    taken: list[str] = []
    out = []
    for i, name in enumerate(names):
        own = COLOURS.get(name)
        if own is None or own in taken:
            free = [c for c in PALETTE if c not in taken]
            own = free[0] if free else PALETTE[i % len(PALETTE)]
        taken.append(own)
        out.append((own, DASHES[i % len(DASHES)], MARKERS[(i // len(DASHES)) % len(MARKERS)]))
    return out

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


def _mathtext(tex: str) -> str:
    """glusym's KaTeX LaTeX as matplotlib mathtext: ``\\text`` → ``\\mathrm``, plain parentheses
    for ``\\left(…\\right)``, which mathtext draws too small, and ``\\dfrac`` for ``\\frac``, whose
    inline numerator and denominator mathtext shrinks below the smallest size of a blog's text;
    the root of one digit or letter as the character √, since mathtext draws the radical of a short
    argument smaller than the text (9.8 px at 720 px); and a prime as the character ′, since
    mathtext takes ``'`` from cmsy10, a font a browser lacks (it shows a 0).

    >>> _mathtext(r"\\frac{x}{2} + \\sqrt{2} \\varphi\\left(\\sqrt{2}\\right)")
    '\\\\dfrac{x}{2} + √2 \\\\varphi(√2)'
    """
    tex = tex.replace(r"\text{", r"\mathrm{").replace(r"\left(", "(").replace(r"\right)", ")")
    tex = re.sub(r"\\sqrt\{(\w)\}", r"√\1", tex.replace(r"\frac{", r"\dfrac{"))
    return tex.replace("'", "′")


#: The command line's flag of each option (for messages).
_FLAGS: Mapping[str, str] = MappingProxyType({"units": "--units", "betas": "--beta", "relu_units": "--relu-units",
                                              "x_range": "--range"})


def _option(key: str) -> str:
    return f"{key} ({_FLAGS[key]})" if key in _FLAGS else key


def _zero_axes(ax: Any) -> None:
    ax.axhline(0.0, color=_INK["muted"], linewidth=0.8, zorder=1, gid="axis-y0")
    ax.axvline(0.0, color=_INK["muted"], linewidth=0.8, zorder=1, gid="axis-x0")


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
    formula = _mathtext(latex(expr)).replace(r"\operatorname{", r"\mathrm{")
    if expr.args != (x,) and not expr.has(sympy.Piecewise) and formula != label:  # not softplus(x) = softplus(x)
        label += " = " + formula
    return f"${label}$"



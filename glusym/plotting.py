r"""Figures of the two documents, every curve computed with glusym's own functions.

Each figure is a function returning a :class:`matplotlib.figure.Figure` (for notebooks) and a
named entry of :data:`FIGURES` (for ``python -m glusym plot NAME``). Every curve is evaluated by
glusym's accurate NumPy compilation (:func:`glusym.numeric.to_numpy`) of a catalogue unit, of its
gradient (:func:`glusym.gradient`) or of a result of the analyses (:func:`glusym.param_limits`,
:func:`glusym.level_set`, :func:`glusym.extrema`, :func:`glusym.inflections`); nothing is
retyped by hand. The figures share one style (:data:`STYLE`, :data:`COLOURS`, the sizes below):
a unit has the same colour in every figure, signed heights use :data:`DIVERGING`, magnitudes
:data:`SEQUENTIAL`. Artists carry a ``gid`` (``"curve-gelu"``, ``"asymptote-infinity"``, …), which
becomes the element's ``id`` in SVG output and lets tests and notebooks find them.

matplotlib is imported here only, and never ``pyplot``: a figure is a plain ``Figure``, which
needs no GUI backend (it renders with Agg, SVG or PDF when saved), changes no global state, and is
shown by Jupyter as it is.

>>> from glusym import plotting
>>> list(plotting.FIGURES)[:3]
['activations', 'swish-beta', 'square']
>>> fig = plotting.figure("activations", units=["relu", "gelu"])
>>> [line.get_label() for line in fig.axes[0].lines if line.get_gid().startswith("curve-")]
['$\\mathrm{ReLU}(x)$', '$\\mathrm{GELU}(x) = x \\Phi(x)$']
>>> plotting.figure("activations", units=["swigl"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
glusym.errors.GlusymError: unknown unit 'swigl' (did you mean: swiglu?); the activations are: identity, relu, ...
"""

from __future__ import annotations

import difflib
import functools
import html
import inspect
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import matplotlib
import mpmath
import numpy as np
import sympy
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .analysis.calculus import gradient
from .analysis.extrema import extrema, inflections, level_set
from .analysis.limits import param_limits
from .catalogue import CATALOGUE, Unit, get, x, x_g, x_v
from .errors import GlusymError, NotDerived
from .latex import latex
from .numeric import to_mpmath, to_numpy

__all__ = [
    "COLOURS",
    "DEFAULT_BETAS",
    "DEFAULT_UNITS",
    "DIVERGING",
    "FIGURES",
    "FORMATS",
    "ReluSum",
    "SEQUENTIAL",
    "STYLE",
    "activations",
    "ellipse",
    "figure",
    "gate_comparison",
    "geglu_contours",
    "geglu_gradient",
    "geglu_surface",
    "gelu_derivative",
    "relu_interpolant",
    "save",
    "square",
    "swish_beta",
    "swish_beta_html",
    "swish_limits",
    "write",
]

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


# ---------------------------------------------------------------------------------------------
# 1. activations: the post's Fig 1


@_styled
def activations(units: Sequence[str] = DEFAULT_UNITS, x_range: Sequence[float] = (-4.0, 4.0)) -> Figure:
    r"""The post's Fig 1 (``act.svg``): a family of activations on one axis.

    Each curve is the catalogue unit compiled by :func:`glusym.numeric.to_numpy`, labelled in the
    post's notation (:math:`\mathrm{GELU}(x) = x\Phi(x)`, :math:`\sigma(x)`, …). The vertical range
    ends at the height ReLU reaches, so that ReLU² is seen leaving the frame.

    Arguments:
        units: catalogue activations (names or aliases), in legend order; default ReLU, ReLU²,
            GELU, SiLU, softplus, sigmoid, tanh.
        x_range: the interval of :math:`x`.

    >>> fig = activations(["relu", "silu"], x_range=(-2, 2))
    >>> line = fig.axes[0].lines[-1]
    >>> line.get_gid(), line.get_label(), round(float(line.get_ydata()[-1]), 6)
    ('curve-silu', '$\\mathrm{SiLU}(x) = x \\sigma(x)$', 1.761594)
    """
    lo, hi = _range(x_range)
    if isinstance(units, str):
        units = [units]
    chosen = list({u.name: u for u in map(_activation, units)}.values())
    if not chosen:
        raise GlusymError("name at least one activation")
    xs = np.linspace(lo, hi, 1601)
    fig = Figure(figsize=_SIZE, layout="constrained")
    ax = fig.add_subplot()
    _zero_axes(ax)
    ys_min = 0.0
    for i, unit in enumerate(chosen):
        ys = to_numpy(unit)(xs)
        ys_min = min(ys_min, float(np.min(ys)))
        ax.plot(xs, ys, color=_colour(unit.name, i), label=_legend(unit), gid=f"curve-{unit.name}", zorder=3)
    top = max(hi, 1.0)
    ax.set(xlim=(lo, hi), ylim=(max(ys_min, -top / 2) - 0.25, top + 0.25), xlabel="$x$", ylabel=r"$\alpha(x)$")
    ax.legend(loc="upper left")
    return fig


# ---------------------------------------------------------------------------------------------
# 2. swish-beta: Swish_beta between its two limits


@functools.lru_cache(maxsize=1)
def swish_limits() -> tuple[sympy.Expr, sympy.Expr]:
    r"""The limits of :math:`\mathrm{Swish}_\beta(x) = x\sigma(\beta x)` as :math:`\beta \to 0^+`
    and :math:`\beta \to \infty`, as :func:`glusym.param_limits` derives them.

    >>> swish_limits()
    (x/2, Piecewise((x, x > 0), (0, True)))
    """
    lim = param_limits(get("swish"))["beta"]
    if lim.at_zero is None or lim.at_infinity is None:
        raise NotDerived(f"the limits of Swish_beta were not derived: {dict(lim.not_derived)}")
    return lim.at_zero, lim.at_infinity


def _named(expr: sympy.Expr) -> Unit | None:
    """The catalogue activation whose expression is ``expr`` (ReLU for the beta -> oo limit)."""
    for unit in CATALOGUE.values():
        if unit.kind == "activation" and unit.expr == expr:
            return unit
    return None


def _limit_label(expr: sympy.Expr, plain: bool = False) -> str:
    """A limit as mathtext (``\\frac{x}{2}``, ``\\mathrm{ReLU}(x)``) or as plain text."""
    unit = _named(expr)
    if plain:
        if unit is not None:
            return unit.latex_name.replace(r"\text{", "").replace("}", "") + "(x)"
        return sympy.sstr(expr)
    if unit is not None:
        return _mathtext(unit.latex_name) + "(x)"
    return _mathtext(latex(expr))


def _betas(betas: Any) -> tuple[float, ...]:
    if isinstance(betas, (int, float)):
        betas = [betas]
    out: list[float] = []
    for b in betas:
        try:
            value = float(b)
        except (TypeError, ValueError):
            raise GlusymError(f"beta must be a number, got {b!r}") from None
        if not math.isfinite(value) or value < 0:
            raise GlusymError(f"beta must be a finite number >= 0, got {b!r}")
        if value not in out:
            out.append(value)
    if not out:
        raise GlusymError("name at least one value of beta")
    return tuple(out)


def _swish(beta: float) -> sympy.Expr:
    """Swish_β as an expression in x; at β = 0, its limit x/2 (Swish's β is positive, and 0 is the
    end of its range that :func:`swish_limits` derives)."""
    return swish_limits()[0] if beta == 0 else get("swish", beta=beta).expr


@_styled
def swish_beta(betas: Sequence[float] = DEFAULT_BETAS, x_range: Sequence[float] = (-4.0, 4.0)) -> Figure:
    r""":math:`\mathrm{Swish}_\beta(x) = x\,\sigma(\beta x)` for several :math:`\beta`, between its limits.

    The two limits, :math:`x/2` as :math:`\beta \to 0` and :math:`\mathrm{ReLU}(x)` as
    :math:`\beta \to \infty`, are taken from :func:`swish_limits` (that is, from
    :func:`glusym.param_limits`) and drawn as transparent asymptotes (``gid`` ``asymptote-zero``
    and ``asymptote-infinity``); each curve (``curve-beta-0.5``, …) is the catalogue unit
    ``get("swish", beta=b)`` compiled to NumPy. The curve that is SiLU says so in the legend.
    :func:`swish_beta_html` is the interactive version.

    Arguments:
        betas: values of :math:`\beta \ge 0`.
        x_range: the interval of :math:`x`.

    >>> fig = swish_beta([1, 5])
    >>> [line.get_label() for line in fig.axes[0].lines if line.get_gid().startswith(("curve", "asym"))]
    ['$\\beta = 0$: $\\frac{x}{2}$', '$\\beta \\to \\infty$: $\\mathrm{ReLU}(x)$', '$\\beta = 1$ (SiLU)', '$\\beta = 5$']
    """
    values = _betas(betas)
    lo, hi = _range(x_range)
    at_zero, at_infinity = swish_limits()
    xs = np.linspace(lo, hi, 1601)
    fig = Figure(figsize=_SIZE, layout="constrained")
    ax = fig.add_subplot()
    _zero_axes(ax)
    ax.plot(xs, to_numpy(at_zero, (x,))(xs), color=COLOURS["limit-zero"], alpha=FAINT, linewidth=6,
            solid_capstyle="butt", label=fr"$\beta = 0$: ${_limit_label(at_zero)}$", gid="asymptote-zero", zorder=2)
    ax.plot(xs, to_numpy(at_infinity, (x,))(xs), color=COLOURS["relu"], alpha=FAINT, linewidth=6,
            solid_capstyle="butt", label=fr"$\beta \to \infty$: ${_limit_label(at_infinity)}$",
            gid="asymptote-infinity", zorder=2)
    cmap = matplotlib.colormaps[SEQUENTIAL]
    silu = get("silu").expr
    for i, b in enumerate(values):
        curve = _swish(b)
        label = fr"$\beta = {b:g}$" + (" (SiLU)" if curve == silu else "")
        ax.plot(xs, to_numpy(curve, (x,))(xs), color=cmap(0.05 + 0.8 * i / max(len(values) - 1, 1)), label=label,
                gid=f"curve-beta-{b:g}", zorder=3)
    ax.set(xlim=(lo, hi), xlabel="$x$", ylabel=r"$\mathrm{Swish}_\beta(x)$",
           title="$" + _mathtext(latex(get("swish"))) + "$")
    ax.legend(loc="upper left")
    return fig


_JS = """\
(function () {
  "use strict";
  var svg = document.getElementById("%(p)s-svg");
  var slider = document.getElementById("%(p)s-beta");
  var readout = document.getElementById("%(p)s-beta-value");
  var curve = document.getElementById("%(p)s-curve");
  var d = svg.dataset;
  var xmin = +d.xmin, xmax = +d.xmax, ymin = +d.ymin, ymax = +d.ymax;
  var left = +d.left, top = +d.top, width = +d.width, height = +d.height, n = +d.samples;
  // sigma(t) split on the sign of t: exp never overflows, and 1 - sigma never cancels
  function sigmoid(t) {
    if (t >= 0) { return 1 / (1 + Math.exp(-t)); }
    var e = Math.exp(t);
    return e / (1 + e);
  }
  function swish(x, beta) { return x * sigmoid(beta * x); }
  function px(x) { return left + (x - xmin) / (xmax - xmin) * width; }
  function py(y) { return top + (ymax - y) / (ymax - ymin) * height; }
  function draw() {
    var beta = parseFloat(slider.value);
    var path = [];
    for (var i = 0; i <= n; i++) {
      var x = xmin + (xmax - xmin) * i / n;
      path.push((i ? "L" : "M") + px(x).toFixed(3) + "," + py(swish(x, beta)).toFixed(3));
    }
    curve.setAttribute("d", path.join(""));
    curve.setAttribute("data-beta", String(beta));
    readout.textContent = beta.toFixed(2);
  }
  slider.addEventListener("input", draw);
  draw();
})();
"""


def _minus(t: float) -> str:
    """A tick label with a true minus sign."""
    return f"{t:g}".replace("-", "\u2212")


def swish_beta_html(betas: Sequence[float] = DEFAULT_BETAS, x_range: Sequence[float] = (-4.0, 4.0),
                    beta: float | None = None, id_prefix: str = "glusym-swish") -> str:
    r"""The post's interactive :math:`\mathrm{Swish}_\beta` slider, as one self-contained HTML file.

    An inline SVG shows the two limits from :func:`swish_limits` (:math:`x/2` and
    :math:`\mathrm{ReLU}(x)`) as transparent asymptotes, computed here with glusym's NumPy functions,
    and the curve :math:`x\sigma(\beta x)`, which a few lines of JavaScript redraw whenever the
    slider moves :math:`\beta`; the script computes :math:`\sigma` split on the sign of its argument,
    as glusym does, so no ``exp`` overflows. No external script, style or font, no server: open the
    file, or paste the ``<figure>`` into the post. Colours follow the page's text colour
    (``currentColor``) and the background is transparent.

    The ``<svg id="{id_prefix}-svg">`` carries its mapping from data to pixels (``data-xmin``,
    ``data-xmax``, ``data-ymin``, ``data-ymax``, ``data-left``, ``data-top``, ``data-width``,
    ``data-height``), the curve is ``<path id="{id_prefix}-curve">`` with ``data-beta``, the slider is
    ``<input type="range" id="{id_prefix}-beta">``.

    Arguments:
        betas: the slider runs from the least to the greatest (tick marks at each).
        x_range: the interval of :math:`x`.
        beta: the initial :math:`\beta` (default 1 if inside the slider's range, else the least).
        id_prefix: prefix of the element ids, to put several on one page.

    >>> page = swish_beta_html([0, 1, 4])
    >>> page.startswith("<!DOCTYPE html>"), 'type="range"' in page, "http" in page.replace("http://www.w3.org", "")
    (True, True, False)
    """
    values = sorted(_betas(betas))
    if len(values) < 2:
        raise GlusymError("the slider needs at least two distinct values of beta")
    lo, hi = _range(x_range)
    b_lo, b_hi = values[0], values[-1]
    b0 = (1.0 if b_lo <= 1.0 <= b_hi else b_lo) if beta is None else float(beta)
    if not b_lo <= b0 <= b_hi:
        raise GlusymError(f"the initial beta {b0:g} is outside the slider's range [{b_lo:g}, {b_hi:g}]")
    if not id_prefix.replace("-", "").replace("_", "").isalnum():
        raise GlusymError(f"id_prefix must be letters, digits, - and _, got {id_prefix!r}")
    at_zero, at_infinity = swish_limits()
    samples = 400
    xs = np.linspace(lo, hi, samples + 1)
    y0 = to_numpy(at_zero, (x,))(xs)
    y1 = to_numpy(at_infinity, (x,))(xs)
    ymin, ymax = float(min(y0.min(), y1.min())), float(max(y0.max(), y1.max()))
    pad = 0.05 * (ymax - ymin)
    ymin, ymax = ymin - pad, ymax + pad
    W, H, left, right, top, bottom = 640, 400, 52, 16, 14, 42
    width, height = W - left - right, H - top - bottom

    def px(v: Any) -> Any:
        return left + (np.asarray(v) - lo) / (hi - lo) * width

    def py(v: Any) -> Any:
        return top + (ymax - np.asarray(v)) / (ymax - ymin) * height

    def path(ys: np.ndarray) -> str:
        return "".join(f"{'L' if i else 'M'}{a:.3f},{b:.3f}" for i, (a, b) in enumerate(zip(px(xs), py(ys))))

    p = id_prefix
    grid: list[str] = []
    for t in MaxNLocator(nbins=8, steps=[1, 2, 5, 10]).tick_values(lo, hi):
        if lo - 1e-9 <= t <= hi + 1e-9:
            X = float(px(t))
            grid.append(f'<line x1="{X:.2f}" y1="{top}" x2="{X:.2f}" y2="{top + height}" class="grid"/>'
                        f'<text x="{X:.2f}" y="{top + height + 16}" text-anchor="middle">{_minus(t)}</text>')
    for t in MaxNLocator(nbins=6, steps=[1, 2, 5, 10]).tick_values(ymin, ymax):
        if ymin <= t <= ymax:
            Y = float(py(t))
            grid.append(f'<line x1="{left}" y1="{Y:.2f}" x2="{left + width}" y2="{Y:.2f}" class="grid"/>'
                        f'<text x="{left - 6}" y="{Y + 4:.2f}" text-anchor="end">{_minus(t)}</text>')
    axes = []
    if lo < 0 < hi:
        axes.append(f'<line x1="{float(px(0)):.2f}" y1="{top}" x2="{float(px(0)):.2f}" y2="{top + height}" class="axis"/>')
    if ymin < 0 < ymax:
        axes.append(f'<line x1="{left}" y1="{float(py(0)):.2f}" x2="{left + width}" y2="{float(py(0)):.2f}" class="axis"/>')
    initial = to_numpy(_swish(b0), (x,))(xs)
    zero_label = html.escape(_limit_label(at_zero, plain=True))
    inf_label = html.escape(_limit_label(at_infinity, plain=True))
    sub = '<tspan baseline-shift="sub" font-size="75%">β</tspan>'
    legend = (
        f'<g class="legend" transform="translate({left + 12},{top + 10})">'
        f'<line x1="0" y1="8" x2="26" y2="8" stroke="{COLOURS["limit-zero"]}" stroke-opacity="{FAINT}" stroke-width="7"/>'
        f'<text x="34" y="12">β = 0: {zero_label}</text>'
        f'<line x1="0" y1="30" x2="26" y2="30" stroke="{COLOURS["relu"]}" stroke-opacity="{FAINT}" stroke-width="7"/>'
        f'<text x="34" y="34">β → ∞: {inf_label}</text>'
        f'<line x1="0" y1="52" x2="26" y2="52" stroke="{COLOURS["swish"]}" stroke-width="2.5"/>'
        f'<text x="34" y="56">Swish{sub}(x) = x σ(βx)</text></g>'
    )
    ticks = "".join(f'<option value="{b:g}"></option>' for b in values)
    svg = (
        f'<svg id="{p}-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-labelledby="{p}-title" data-xmin="{lo!r}" data-xmax="{hi!r}" data-ymin="{ymin!r}" '
        f'data-ymax="{ymax!r}" data-left="{left}" data-top="{top}" data-width="{width}" data-height="{height}" '
        f'data-samples="{samples}">'
        f'<title id="{p}-title">Swish_β(x) = x σ(βx) between its limits x/2 (β = 0) and ReLU(x) (β → ∞)</title>'
        f'<defs><clipPath id="{p}-clip"><rect x="{left}" y="{top}" width="{width}" height="{height}"/></clipPath></defs>'
        + "".join(grid) + "".join(axes)
        + f'<g clip-path="url(#{p}-clip)">'
        f'<path id="{p}-asymptote-zero" d="{path(y0)}" fill="none" stroke="{COLOURS["limit-zero"]}" '
        f'stroke-opacity="{FAINT}" stroke-width="7"/>'
        f'<path id="{p}-asymptote-infinity" d="{path(y1)}" fill="none" stroke="{COLOURS["relu"]}" '
        f'stroke-opacity="{FAINT}" stroke-width="7"/>'
        f'<path id="{p}-curve" d="{path(initial)}" data-beta="{b0:g}" fill="none" stroke="{COLOURS["swish"]}" '
        f'stroke-width="2.5" stroke-linejoin="round"/></g>'
        + legend
        + f'<text x="{left + width / 2:.1f}" y="{H - 6}" text-anchor="middle" class="math">x</text></svg>'
    )
    style = (
        f"#{p} {{ margin: 1em auto; max-width: 40em; color: inherit; background: transparent; "
        "font-family: inherit; }\n"
        f"#{p} svg {{ display: block; font: 13px 'Latin Modern Math', 'STIX Two Math', 'Times New Roman', serif; }}\n"
        f"#{p} svg text {{ fill: currentColor; }}\n"
        f"#{p} .grid {{ stroke: currentColor; stroke-opacity: 0.12; }}\n"
        f"#{p} .axis {{ stroke: currentColor; stroke-opacity: 0.6; }}\n"
        f"#{p} .math {{ font-style: italic; }}\n"
        f"#{p} label {{ display: flex; align-items: center; gap: 0.75em; margin: 0.5em 3.5em 0; }}\n"
        f"#{p} input[type=range] {{ flex: 1; }}\n"
        f"#{p} output {{ font-variant-numeric: tabular-nums; min-width: 3em; }}\n"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Swish_β between its asymptotes</title>\n"
        f"<style>\n{style}</style>\n</head>\n<body>\n"
        f'<figure id="{p}" class="glusym-figure">\n{svg}\n'
        f'<label for="{p}-beta"><span>β = <output id="{p}-beta-value" for="{p}-beta">{b0:.2f}</output></span>'
        f'<input type="range" id="{p}-beta" min="{b_lo:g}" max="{b_hi:g}" step="0.01" value="{b0:g}" '
        f'list="{p}-ticks" aria-label="beta"></label>\n'
        f'<datalist id="{p}-ticks">{ticks}</datalist>\n'
        "<figcaption>Swish<sub>β</sub>(x) = x σ(βx): move β between its limits, "
        f"{zero_label} at β = 0 and {inf_label} as β → ∞ (transparent).</figcaption>\n"
        f"</figure>\n<script>\n{_JS % {'p': p}}</script>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------
# 3. square: x^2 by ReLU units, and exactly by two SwiGLU or two ReLU^2 units


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
    n = _count(units, "the number of ReLU units", 1, 1000)
    a, b = _range(interval, "the interval")
    knots = np.linspace(a, b, n + 1)
    ys = np.asarray(f(knots), dtype=float)
    slopes = np.diff(ys) / np.diff(knots)
    weights = (slopes[0], *np.diff(slopes))
    return ReluSum(float(ys[0]), tuple(float(w) for w in weights), tuple(float(t) for t in knots[:-1]))


@_styled
def square(relu_units: int = 4, x_range: Sequence[float] = (-1.0, 1.0)) -> Figure:
    r"""The post's "[1d x^2 relu vs swiglu]": :math:`x^2` from ReLU units, and exactly from two
    SwiGLU or two ReLU² units, with each error in a second panel.

    * ``relu_units`` ReLU units: the piecewise-linear interpolant of :math:`x^2` at
      ``relu_units + 1`` equispaced knots (:func:`relu_interpolant`; its error is at most
      :math:`h^2/4` with :math:`h` the knot spacing; it is exact at the knots).
    * two SwiGLU units: :math:`\mathrm{SwiGLU}(x, x) + \mathrm{SwiGLU}(-x, -x) = x^2\sigma(x) +
      x^2\sigma(-x) = x^2`, since :math:`\sigma(x) + \sigma(-x) = 1` (error: rounding only).
    * two ReLU² units: :math:`\mathrm{ReLU}^2(x) + \mathrm{ReLU}^2(-x) = x^2` (error 0).

    Each unit is glusym's (``get("swiglu")``, ``get("relu2")``, ``get("relu")``) compiled to
    NumPy; the legend of the lower panel gives each maximum error on a fine grid that contains
    every knot and midpoint.

    Arguments:
        relu_units: the number of ReLU units, 1 to 1000.
        x_range: the interval.

    >>> fig = square(relu_units=4)
    >>> fig.axes[1].get_legend().get_texts()[0].get_text()
    '4 ReLU units: max $|\\mathrm{error}|$ = 0.0625'
    """
    n = _count(relu_units, "relu_units (--relu-units)", 1, 1000)
    lo, hi = _range(x_range)
    xs = np.linspace(lo, hi, 64 * n * (1 + 1600 // (64 * n)) + 1)  # every knot and midpoint is on the grid
    target = np.square(xs)
    fit = relu_interpolant(np.square, (lo, hi), n)
    swiglu = to_numpy(get("swiglu"))
    relu2 = to_numpy(get("relu2"))
    approximations = (
        ("relu", fit(xs), f"{n} ReLU unit{'s' if n > 1 else ''}",
         f"{n} ReLU unit{'s' if n > 1 else ''} (interpolant at {n + 1} knots)", "-"),
        ("swiglu", swiglu(xs, xs) + swiglu(-xs, -xs), "2 SwiGLU units",
         r"$\mathrm{SwiGLU}(x, x) + \mathrm{SwiGLU}(-x, -x)$", "--"),
        ("relu2", relu2(xs) + relu2(-xs), r"2 $\mathrm{ReLU}^2$ units", r"$\mathrm{ReLU}^2(x) + \mathrm{ReLU}^2(-x)$", ":"),
    )
    fig = Figure(figsize=_TALL, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    top.plot(xs, target, color=COLOURS["target"], alpha=FAINT, linewidth=6, solid_capstyle="butt",
             label="$x^2$", gid="target", zorder=2)
    for name, ys, short, label, style in approximations:
        top.plot(xs, ys, color=COLOURS[name], linestyle=style, label=label, gid=f"curve-{name}", zorder=3)
        err = ys - target
        bottom.plot(xs, err, color=COLOURS[name], linestyle=style, gid=f"error-{name}", zorder=3,
                    label=fr"{short}: max $|\mathrm{{error}}|$ = {float(np.max(np.abs(err))):.3g}")
    knots = np.linspace(lo, hi, n + 1)
    top.plot(knots, fit(knots), "o", color=COLOURS["relu"], markersize=4, gid="knots", zorder=4)
    top.set(ylabel="$y$", title=r"$x^2$: approximated by ReLU units, exact from two SwiGLU or two $\mathrm{ReLU}^2$")
    top.legend(loc="upper center")
    bottom.axhline(0.0, color="0.4", linewidth=0.8, zorder=1, gid="axis-y0")
    worst = max(float(np.max(np.abs(ys - target))) for _, ys, *_ in approximations)
    bottom.set(xlim=(lo, hi), ylim=(-0.1 * worst, 2.1 * worst), xlabel="$x$", ylabel=r"error $f(x) - x^2$")
    bottom.legend(loc="upper center", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# 4. ellipse: a quadratic form from SwiGLU units, a polygon from ReLU units


def _spd(matrix: Any) -> np.ndarray:
    if matrix is None:
        theta = math.radians(30.0)
        rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
        return rot @ np.diag([1 / 4, 1.0]) @ rot.T  # semi-axes 2 and 1, turned by 30 degrees
    try:
        A = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise GlusymError(f"the matrix must be 2 x 2 numbers, got {matrix!r}") from None
    if A.shape != (2, 2) or not np.all(np.isfinite(A)) or not np.allclose(A, A.T):
        raise GlusymError(f"the matrix must be a finite symmetric 2 x 2 matrix, got {A.tolist()}")
    if np.linalg.eigvalsh(A).min() <= 0:
        raise GlusymError(f"the matrix must be positive definite (an ellipse), got {A.tolist()}")
    return A


@_styled
def ellipse(relu_units: int = 8, matrix: Sequence[Sequence[float]] | None = None) -> Figure:
    r"""The post's "[2d ellipse]": :math:`\mathbf{x}^\top A\,\mathbf{x} = 1` as the level set of four
    SwiGLU units, against the polygon that a layer of ReLU units gives.

    With :math:`A = \sum_i \lambda_i \mathbf{u}_i\mathbf{u}_i^\top`, the quadratic form is a sum of
    squares of dot products, :math:`\sum_i \lambda_i (\mathbf{u}_i\cdot\mathbf{x})^2`, and each square
    is two SwiGLU units, :math:`z^2 = \mathrm{SwiGLU}(z, z) + \mathrm{SwiGLU}(-z, -z)`: the level set
    of the layer at 1 is the ellipse itself.

    The ReLU layer is :math:`c\sum_{k<n} \mathrm{ReLU}(\mathbf{e}_k \cdot A^{1/2}\mathbf{x})` with
    :math:`\mathbf{e}_k` at angles :math:`2\pi k/n`: a piecewise-linear approximation of the norm
    :math:`\sqrt{\mathbf{x}^\top A\,\mathbf{x}}`, its scale :math:`c` set so that its level set at 1,
    a polygon, has its vertices on the ellipse. Its kinks are the lines
    :math:`\mathbf{e}_k \cdot A^{1/2}\mathbf{x} = 0` (drawn faint); the polygon has :math:`n` sides
    for even :math:`n` and :math:`2n` for odd :math:`n`.

    Both level sets are contours of the layers evaluated with glusym's ``swiglu`` and ``relu`` on
    a grid (``gid`` ``level-set-swiglu`` and ``level-set-relu``); the exact ellipse
    (``gid`` ``ellipse``) is drawn faint beneath.

    Arguments:
        relu_units: the number :math:`n \ge 3` of ReLU units.
        matrix: a symmetric positive definite 2 × 2 matrix; default semi-axes 2 and 1 turned by 30°.

    >>> fig = ellipse(relu_units=6)
    >>> fig.legends[0].get_texts()[2].get_text()
    '6 ReLU units: a polygon of 6 sides'
    """
    n = _count(relu_units, "relu_units (--relu-units)", 3, 200)
    A = _spd(matrix)
    lam, U = np.linalg.eigh(A)
    root = U @ np.diag(np.sqrt(lam)) @ U.T  # A^(1/2)
    inv_root = U @ np.diag(1 / np.sqrt(lam)) @ U.T
    inv = np.linalg.inv(A)
    half = 1.3 * np.sqrt(np.diag(inv))  # the ellipse's bounding box, with a margin
    reach = float(np.max(half))
    X, Y = np.meshgrid(np.linspace(-half[0], half[0], 481), np.linspace(-half[1], half[1], 481))
    swiglu = to_numpy(get("swiglu"))
    relu = to_numpy(get("relu"))
    F = np.zeros_like(X)
    for li, u in zip(lam, U.T):
        z = u[0] * X + u[1] * Y
        F = F + li * (swiglu(z, z) + swiglu(-z, -z))
    angles = 2 * np.pi * np.arange(n) / n
    W = np.stack([np.cos(angles), np.sin(angles)], axis=1) @ root  # rows: e_k^T A^(1/2)
    c = 1.0 / float(np.sum(relu(np.sin(angles))))  # value 1 at y = (0, 1), on a kink ray
    G = np.zeros_like(X)
    for w in W:
        G = G + relu(w[0] * X + w[1] * Y)
    G = c * G
    sides = n if n % 2 == 0 else 2 * n
    t = np.linspace(0, 2 * np.pi, 721)
    boundary = inv_root @ np.stack([np.cos(t), np.sin(t)])
    fig = Figure(figsize=_SQUARE, layout="constrained")
    ax = fig.add_subplot()
    for k, w in enumerate(W):  # the kink line of unit k: w . x = 0
        d = np.array([-w[1], w[0]]) / np.hypot(*w) * 2 * reach
        ax.plot([-d[0], d[0]], [-d[1], d[1]], color=COLOURS["relu"], alpha=0.25, linewidth=0.8,
                linestyle="--", gid=f"kink-{k}", zorder=1)
    ax.plot(boundary[0], boundary[1], color=COLOURS["target"], alpha=FAINT, linewidth=6, gid="ellipse", zorder=2)
    cs_relu = ax.contour(X, Y, G, levels=[1.0], colors=[COLOURS["relu"]], linewidths=2.0, zorder=3)
    cs_relu.set_gid("level-set-relu")
    cs_swiglu = ax.contour(X, Y, F, levels=[1.0], colors=[COLOURS["swiglu"]], linewidths=2.0,
                           linestyles="--", zorder=4)
    cs_swiglu.set_gid("level-set-swiglu")
    handles = [
        Line2D([], [], color=COLOURS["target"], alpha=FAINT, linewidth=6, label=r"$\mathbf{x}^\top A\,\mathbf{x} = 1$"),
        Line2D([], [], color=COLOURS["swiglu"], linestyle="--", label=f"{2 * len(lam)} SwiGLU units: exact"),
        Line2D([], [], color=COLOURS["relu"], label=f"{n} ReLU units: a polygon of {sides} sides"),
        Line2D([], [], color=COLOURS["relu"], alpha=0.4, linewidth=0.8, linestyle="--", label="ReLU kinks"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2)
    ax.set(xlim=(-half[0], half[0]), ylim=(-half[1], half[1]), aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
           title="a quadratic form's level set: SwiGLU units against ReLU units")
    return fig


# ---------------------------------------------------------------------------------------------
# 5. The GeGLU thread: surface, level sets, gradient field, ReLU gate against GELU gate


def _gated(name: str) -> Callable[..., np.ndarray]:
    return to_numpy(get(name))


def _grad(name: str) -> tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]:
    dg, dv = gradient(get(name))
    return to_numpy(dg, (x_g, x_v)), to_numpy(dv, (x_g, x_v))


def _symmetric_norm(values: np.ndarray) -> Normalize:
    m = float(np.max(np.abs(values)))
    return Normalize(-m, m)


@_styled
def geglu_surface(gate_range: Sequence[float] = (-3.0, 3.0), value_range: Sequence[float] = (-2.0, 2.0)) -> Figure:
    r"""The GeGLU thread's surface :math:`z = \mathrm{GELU}(x_g)\,x_v = x_g\Phi(x_g)\,x_v`.

    Coloured by height (:data:`DIVERGING`, centred on 0), with three cross-sections drawn on it:
    at the largest :math:`x_v` the GELU curve scaled by :math:`x_v` (``gid`` ``section-value``), at
    :math:`x_g = 2` a straight line through the axis of slope :math:`\mathrm{GELU}(2)`
    (``section-gate``), and the flat line :math:`x_v = 0` (``section-zero``).

    >>> fig = geglu_surface()
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['section-value', 'section-gate', 'section-zero']
    """
    glo, ghi = _range(gate_range, "gate_range")
    vlo, vhi = _range(value_range, "value_range")
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 61), np.linspace(vlo, vhi, 41))
    Z = f(G, V)
    fig = Figure(figsize=_SQUARE)
    ax = fig.add_subplot(projection="3d", computed_zorder=False)
    ax.plot_surface(G, V, Z, cmap=DIVERGING, norm=_symmetric_norm(Z), rstride=1, cstride=1, linewidth=0,
                    antialiased=False, alpha=0.85, gid="surface")
    ax.plot_wireframe(G, V, Z, rstride=5, cstride=5, color="0.25", linewidth=0.35, alpha=0.6, gid="wireframe")
    gs = np.linspace(glo, ghi, 301)
    vs = np.linspace(vlo, vhi, 201)
    g1 = min(2.0, ghi)
    ax.plot(gs, np.full_like(gs, vhi), f(gs, np.full_like(gs, vhi)), color=COLOURS["gelu"], linewidth=2.5,
            gid="section-value", label=fr"$x_v = {vhi:g}$: ${vhi:g}\,\mathrm{{GELU}}(x_g)$")
    ax.plot(np.full_like(vs, g1), vs, f(np.full_like(vs, g1), vs), color="black", linewidth=2.0,
            gid="section-gate", label=fr"$x_g = {g1:g}$: slope $\mathrm{{GELU}}({g1:g})$")
    ax.plot(gs, np.zeros_like(gs), f(gs, np.zeros_like(gs)), color="0.3", linewidth=1.5, linestyle="--",
            gid="section-zero", label="$x_v = 0$: flat")
    ax.set_xlabel("$x_g$ (gate)")
    ax.set_ylabel("$x_v$ (value)")
    ax.set_zlabel(r"$\mathrm{GELU}(x_g)\,x_v$")
    ax.set_title(r"$f(x_g, x_v) = \mathrm{GELU}(x_g)\,x_v = x_g\,\Phi(x_g)\,x_v$")
    ax.view_init(elev=24, azim=-128)
    ax.legend(loc="upper left", fontsize=9)
    fig.subplots_adjust(left=0.0, right=0.94, bottom=0.04, top=0.95)
    return fig


def _signed_colour(c: float, cmax: float) -> Any:
    """A colour of :data:`DIVERGING` for a level ``c``, never paler than 45% of the way to its end."""
    strength = 0.45 + 0.55 * abs(c) / cmax
    return matplotlib.colormaps[DIVERGING](0.5 + 0.5 * math.copysign(strength, c))


@_styled
def geglu_contours(levels: Sequence[float] = (-2.0, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 2.0),
                   gate_range: Sequence[float] = (-4.0, 4.0), value_range: Sequence[float] = (-3.0, 3.0)) -> Figure:
    r"""The GeGLU thread's level sets :math:`x_v = c/\mathrm{GELU}(x_g)`.

    Each curve (``gid`` ``level-c``, e.g. ``level-0.5``) is the solution :func:`glusym.level_set`
    derives, compiled to NumPy with :math:`c` as a variable and cut where it leaves the frame
    (at the pole :math:`x_g = 0`); the level :math:`c = 0` is the two axes :math:`x_v = 0` and
    :math:`x_g = 0` (``level-0-value``, ``level-0-gate``). Behind them, :math:`f` itself, faint.
    Where :math:`x_g < 0` the gate is small and negative, so a level :math:`c` is reached only
    far out, with :math:`x_v` of the sign opposite to :math:`c`.

    Arguments:
        levels: nonzero values of :math:`c`.
        gate_range, value_range: the window.

    >>> fig = geglu_contours(levels=[1, -1])
    >>> sorted(line.get_gid() for line in fig.axes[0].lines)
    ['level--1', 'level-0-gate', 'level-0-value', 'level-1']
    """
    cs: list[float] = []
    for c in (levels if not isinstance(levels, (int, float)) else [levels]):
        try:
            value = float(c)
        except (TypeError, ValueError):
            raise GlusymError(f"a level must be a number, got {c!r}") from None
        if not math.isfinite(value) or value == 0:
            raise GlusymError(f"a level must be a finite nonzero number (c = 0 is drawn as the axes), got {c!r}")
        if value not in cs:
            cs.append(value)
    if not cs:
        raise GlusymError("name at least one level")
    glo, ghi = _range(gate_range, "gate_range")
    vlo, vhi = _range(value_range, "value_range")
    ls = level_set(get("geglu"))
    solution = to_numpy(ls.solution, (ls.c, x_g))
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 321), np.linspace(vlo, vhi, 241))
    Z = f(G, V)
    fig = Figure(figsize=_SIZE, layout="constrained")
    ax = fig.add_subplot()
    cmax = max(abs(c) for c in cs)
    norm = Normalize(-2 * cmax, 2 * cmax)  # beyond twice the largest level the background saturates
    fill = ax.imshow(Z, extent=(glo, ghi, vlo, vhi), origin="lower", aspect="auto", cmap=DIVERGING, norm=norm,
                     alpha=0.3, interpolation="bilinear", zorder=0, gid="background")
    colorbar = fig.colorbar(fill, ax=ax, pad=0.02, extend="both")
    colorbar.set_label(r"$f = \mathrm{GELU}(x_g)\,x_v$")
    ax.axhline(0.0, color="black", linewidth=1.0, linestyle="--", gid="level-0-value", zorder=2)
    ax.axvline(0.0, color="black", linewidth=1.0, linestyle="--", gid="level-0-gate", zorder=2,
               label="$c = 0$: $x_v = 0$ or $x_g = 0$")
    gs = np.linspace(glo, ghi, 4001)
    for c in sorted(cs):
        with np.errstate(all="ignore"):
            xv = solution(np.full_like(gs, c), gs)
        xv = np.where((xv >= vlo - 0.05 * (vhi - vlo)) & (xv <= vhi + 0.05 * (vhi - vlo)), xv, np.nan)
        ax.plot(gs, xv, color=_signed_colour(c, cmax), linewidth=2.0, gid=f"level-{c:g}",
                label=f"$c = {c:g}$", zorder=3)
    ax.set(xlim=(glo, ghi), ylim=(vlo, vhi), xlabel="$x_g$ (gate)", ylabel="$x_v$ (value)",
           title=r"level sets $x_v = c\,/\,\mathrm{GELU}(x_g)$")
    ax.grid(False)
    fig.legend(loc="outside right center", fontsize=9)
    return fig


@_styled
def geglu_gradient(gate_range: Sequence[float] = (-4.0, 4.0), value_range: Sequence[float] = (-3.0, 3.0)) -> Figure:
    r"""The GeGLU thread's gradient field :math:`\nabla f = (x_v\,\mathrm{GELU}'(x_g),\ \mathrm{GELU}(x_g))`.

    A quiver (``gid`` ``gradient``) of unit arrows in the direction of :math:`\nabla f`, coloured by
    :math:`\|\nabla f\|` (:data:`SEQUENTIAL`, with a colour bar); both components are
    :func:`glusym.gradient` of ``geglu`` compiled to NumPy. Faint level sets of :math:`f` behind
    show the arrows crossing them at right angles. Where :math:`\nabla f = 0` (the origin) no arrow
    is drawn.

    >>> fig = geglu_gradient()
    >>> q = [c for c in fig.axes[0].collections if c.get_gid() == "gradient"][0]
    >>> q.U.shape == q.get_array().shape
    True
    """
    glo, ghi = _range(gate_range, "gate_range")
    vlo, vhi = _range(value_range, "value_range")
    dg, dv = _grad("geglu")
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 25), np.linspace(vlo, vhi, 19))
    U, W = dg(G, V), dv(G, V)
    M = np.hypot(U, W)
    safe = np.where(M > 0, M, 1.0)
    Un, Wn = np.where(M > 0, U / safe, 0.0), np.where(M > 0, W / safe, 0.0)
    fig = Figure(figsize=_SIZE, layout="constrained")
    ax = fig.add_subplot()
    GG, VV = np.meshgrid(np.linspace(glo, ghi, 321), np.linspace(vlo, vhi, 241))
    lines = ax.contour(GG, VV, f(GG, VV), levels=[-2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4, 8], colors="0.55",
                       linewidths=0.8, alpha=0.6, zorder=1)
    lines.set_gid("levels")
    q = ax.quiver(G, V, Un, Wn, M, cmap=SEQUENTIAL, pivot="mid", angles="xy", scale_units="xy",
                  scale=1 / (0.8 * (ghi - glo) / 24), width=0.004, zorder=3)
    q.set_gid("gradient")
    colorbar = fig.colorbar(q, ax=ax, pad=0.02)
    colorbar.set_label(r"$\|\nabla f\|$")
    ax.set(xlim=(glo - 0.3, ghi + 0.3), ylim=(vlo - 0.3, vhi + 0.3), aspect="equal", xlabel="$x_g$ (gate)",
           ylabel="$x_v$ (value)",
           title=r"$\nabla f = (x_v\,\mathrm{GELU}'(x_g),\ \mathrm{GELU}(x_g))$, coloured by $\|\nabla f\|$")
    ax.grid(False)
    return fig


@functools.lru_cache(maxsize=None)
def _gate_quantile(p: float) -> float:
    """The point where the GELU gate Phi reaches ``p`` (glusym's Phi in mpmath)."""
    Phi = to_mpmath(get("normal_cdf"))
    with mpmath.workdps(30):
        return float(mpmath.findroot(lambda t: Phi(t) - p, 0.0 if p == 0.5 else math.copysign(1.0, p - 0.5)))


@_styled
def gate_comparison(gate_range: Sequence[float] = (-3.0, 3.0), value_range: Sequence[float] = (-3.0, 3.0)) -> Figure:
    r"""The GeGLU thread's "Comparisons & intuition": ReLU gate against GELU gate.

    Left, :math:`\mathrm{ReLU}(x_g)\,x_v` (ReGLU): two flat half-planes meeting along the hard plane
    :math:`x_g = 0` (``gid`` ``hard-plane``), with nothing at all for :math:`x_g < 0`. Middle,
    :math:`\mathrm{GELU}(x_g)\,x_v` (GeGLU): the same levels bent smoothly through the band where
    the gate :math:`\Phi(x_g)` goes from 10% to 90% (``gid`` ``band``, edges solved in mpmath).
    Both with one colour scale (``gid`` ``map-reglu`` and ``map-geglu``). Right, the slice
    :math:`x_v = 1`: the two gates' outputs :math:`\mathrm{ReLU}(x_g)`, :math:`\mathrm{GELU}(x_g)`
    (``slice-reglu``, ``slice-geglu``) and their slopes :math:`\partial f/\partial x_g`, a step
    against a smooth curve (``slope-reglu``, ``slope-geglu``), all from :func:`glusym.gradient`.

    >>> fig = gate_comparison()
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['ReLU gate: $\\mathrm{ReLU}(x_g)\\,x_v$', 'GELU gate: $\\mathrm{GELU}(x_g)\\,x_v$', 'the slice $x_v = 1$']
    """
    glo, ghi = _range(gate_range, "gate_range")
    vlo, vhi = _range(value_range, "value_range")
    G, V = np.meshgrid(np.linspace(glo, ghi, 301), np.linspace(vlo, vhi, 301))
    maps = {name: _gated(name)(G, V) for name in ("reglu", "geglu")}
    norm = Normalize(-4.0, 4.0)  # beyond |f| = 4 the colours saturate
    line_levels = [-4, -2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4]
    fig = Figure(figsize=_WIDE, layout="constrained")
    a, b, c = fig.subplots(1, 3)
    image = None
    for ax, name, gate in ((a, "reglu", "ReLU"), (b, "geglu", "GELU")):
        image = ax.imshow(maps[name], extent=(glo, ghi, vlo, vhi), origin="lower", cmap=DIVERGING, norm=norm,
                          alpha=0.6, interpolation="bilinear", zorder=0, gid=f"map-{name}")
        lines = ax.contour(G, V, maps[name], levels=line_levels, colors="black", linewidths=0.7, alpha=0.6, zorder=1)
        lines.set_gid(f"levels-{name}")
        ax.set(xlabel="$x_g$ (gate)", ylabel="$x_v$ (value)", aspect="equal",
               title=fr"{gate} gate: $\mathrm{{{gate}}}(x_g)\,x_v$")
        ax.grid(False)
    a.axvline(0.0, color=COLOURS["relu"], linewidth=2.5, gid="hard-plane", label="hard plane $x_g = 0$")
    q10, q90 = _gate_quantile(0.1), _gate_quantile(0.9)
    for k, edge in enumerate((q10, q90)):
        b.axvline(edge, color=COLOURS["gelu"], linewidth=2.0, linestyle="--", gid=f"band-{k}",
                  label=fr"band $0.1 < \Phi(x_g) < 0.9$" + "\n" + fr"($|x_g| < {q90:.3f}$)" if k == 0 else None)
    for ax in (a, b):
        ax.legend(loc="lower left", fontsize=9, frameon=True, framealpha=0.9, edgecolor="none")
    assert image is not None
    colorbar = fig.colorbar(image, ax=[a, b], location="bottom", shrink=0.6, aspect=40, extend="both")
    colorbar.set_label("$f(x_g, x_v)$")
    gs = np.linspace(glo, ghi, 1201)
    ones = np.ones_like(gs)
    _zero_axes(c)
    for name, gate in (("reglu", "ReLU"), ("geglu", "GELU")):
        dg, _ = _grad(name)
        c.plot(gs, _gated(name)(gs, ones), color=COLOURS[name], label=fr"$\mathrm{{{gate}}}(x_g)$",
               gid=f"slice-{name}", zorder=3)
        c.plot(gs, dg(gs, ones), color=COLOURS[name], linestyle="--", linewidth=1.6,
               label=fr"$\mathrm{{{gate}}}'(x_g)$", gid=f"slope-{name}", zorder=3)
    c.set(xlim=(glo, ghi), ylim=(-0.5, 2.0), xlabel="$x_g$", ylabel=r"$f(x_g, 1)$ and $\partial f / \partial x_g$",
          title="the slice $x_v = 1$")
    c.legend(loc="upper left", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# 6. gelu-derivative


@_styled
def gelu_derivative(x_range: Sequence[float] = (-5.0, 5.0)) -> Figure:
    r""":math:`\mathrm{GELU}'(x) = \Phi(x) + x\varphi(x)`, with its maximum and minimum marked.

    The derivative is :func:`glusym.gradient` of GELU; its extrema are :func:`glusym.extrema` of
    that derivative, exact: the maximum at :math:`x = \sqrt2`, of height
    :math:`\Phi(\sqrt2) + \sqrt2\,\varphi(\sqrt2) \approx 1.1289` (``gid`` ``maximum``), the minimum at
    :math:`-\sqrt2` (``minimum``). They sit on the inflections of GELU,
    :func:`glusym.inflections` (``gid`` ``inflection-0``, …). GELU itself is drawn faint.

    >>> fig = gelu_derivative()
    >>> (top,) = [line for line in fig.axes[0].lines if line.get_gid() == "maximum"]
    >>> [round(float(v), 12) for v in top.get_xydata()[0]]
    [1.414213562373, 1.128904145185]
    """
    lo, hi = _range(x_range)
    gelu = get("gelu")
    (d,) = gradient(gelu)
    points = extrema(d)
    bends = inflections(gelu)
    xs = np.linspace(lo, hi, 2001)
    fig = Figure(figsize=_SIZE, layout="constrained")
    ax = fig.add_subplot()
    _zero_axes(ax)
    for k, p in enumerate(bends):
        ((_, at),) = p.at
        ax.axvline(float(at), color=COLOURS["gelu"], alpha=0.5, linewidth=0.9, linestyle=":",
                   gid=f"inflection-{k}", label="inflections of GELU" if k == 0 else None, zorder=1)
    ax.plot(xs, to_numpy(gelu)(xs), color=COLOURS["gelu"], alpha=FAINT, linewidth=4,
            label=_legend(gelu), gid="curve-gelu", zorder=2)
    ax.plot(xs, to_numpy(d)(xs), color=COLOURS["gelu"], label=fr"$\mathrm{{GELU}}'(x) = {_mathtext(latex(d))}$",
            gid="curve-gelu-derivative", zorder=3)
    for p in points:
        if p.kind not in ("maximum", "minimum"):
            continue
        ((_, at),) = p.at
        X, Y = float(sympy.N(at, 30)), float(sympy.N(p.value, 30))
        ax.plot([X], [Y], "o", color="black", markersize=6, gid=p.kind, zorder=4)
        above = p.kind == "maximum"
        ax.annotate(f"{p.kind} at $x = {_mathtext(latex(at))} \\approx {X:.4f}$\n"
                    f"$\\mathrm{{GELU}}' = {_mathtext(latex(p.value))} \\approx {Y:.4f}$",
                    (X, Y), xytext=(12, 10 if above else -12), textcoords="offset points", fontsize=9,
                    va="bottom" if above else "top", gid=f"label-{p.kind}")
    ax.set(xlim=(lo, hi), ylim=(-0.45, 1.45), xlabel="$x$", ylabel=r"$\mathrm{GELU}'(x)$",
           title="the slope of GELU: largest at its inflection $x = \\sqrt{2}$")
    ax.legend(loc="upper left", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# The registry, and writing files

#: Every figure: name -> (one line on what it shows, the function that builds it).
FIGURES: Mapping[str, tuple[str, Callable[..., Figure]]] = MappingProxyType({
    "activations": ("the post's Fig 1: ReLU, ReLU², GELU, SiLU, softplus, sigmoid, tanh on one axis (--units)",
                    activations),
    "swish-beta": ("Swish_β for several β (--beta) between its limits x/2 and ReLU, transparent; "
                   "-o FILE.html: the interactive slider", swish_beta),
    "square": ("x² from n ReLU units (--relu-units) and exactly from two SwiGLU or two ReLU² units, "
               "with the errors", square),
    "ellipse": ("an ellipse x^T A x = 1 as the level set of four SwiGLU units, against the polygon "
                "of n ReLU units", ellipse),
    "geglu-surface": ("the GeGLU surface z = GELU(x_g)·x_v, with its cross-sections", geglu_surface),
    "geglu-contours": ("the GeGLU level sets x_v = c/GELU(x_g)", geglu_contours),
    "geglu-gradient": ("the GeGLU gradient field as arrows, coloured by its magnitude", geglu_gradient),
    "gate-comparison": ("ReLU gate against GELU gate: a hard plane against a smooth band", gate_comparison),
    "gelu-derivative": ("GELU'(x), its maximum at x = √2 (an inflection of GELU) marked", gelu_derivative),
})


def _builder(name: Any) -> Callable[..., Figure]:
    if not isinstance(name, str) or name not in FIGURES:
        close = difflib.get_close_matches(str(name), list(FIGURES), n=2, cutoff=0.6)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise GlusymError(f"unknown figure {name!r}{hint}; the figures are: {', '.join(FIGURES)}")
    return FIGURES[name][1]


def _check_options(name: str, builder: Callable[..., Any], options: Mapping[str, Any]) -> None:
    known = list(inspect.signature(builder).parameters)
    for key in options:
        if key not in known:
            raise GlusymError(f"figure {name!r} has no option {_option(key)}; its options: "
                              f"{', '.join(map(_option, known))}")


def figure(name: str, **options: Any) -> Figure:
    """The figure called ``name`` (see :data:`FIGURES`), built with ``options`` (its keyword arguments).

    >>> figure("square", relu_units=2).axes[0].get_ylabel()
    '$y$'
    >>> figure("squares")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: unknown figure 'squares' (did you mean: square?); the figures are: activations, swish-beta, square, ellipse, geglu-surface, geglu-contours, geglu-gradient, gate-comparison, gelu-derivative
    """
    builder = _builder(name)
    _check_options(name, builder, options)
    return builder(**options)


def _output(path: Any, suffixes: Sequence[str]) -> tuple[Path, str]:
    p = Path(path)
    fmt = p.suffix.lower().lstrip(".")
    if fmt not in suffixes:
        raise GlusymError(f"cannot write {p}: the format is chosen by the suffix, one of "
                          f"{', '.join('.' + s for s in suffixes)}")
    if p.is_dir():
        raise GlusymError(f"cannot write {p}: it is a directory")
    parent = p.parent
    if not parent.is_dir():
        raise GlusymError(f"cannot write {p}: {parent} is not a directory")
    return p, fmt


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None}
    return {}


def save(fig: Figure, path: str | Path, transparent: bool = False) -> Path:
    """Write ``fig`` to ``path`` as SVG, PNG or PDF (by its suffix); ``transparent`` for a blog.

    SVG and PDF carry no date, so that writing the same figure twice gives the same file. An
    unwritable path raises :class:`~glusym.GlusymError` with a one-line message.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = save(figure("square", relu_units=2), pathlib.Path(d) / "square.svg", transparent=True)
    ...     p.read_text()[:5], p.name
    ('<?xml', 'square.svg')
    """
    p, fmt = _output(path, FORMATS)
    try:
        with _style():
            fig.savefig(p, format=fmt, transparent=transparent, metadata=_metadata(fmt))
    except OSError as exc:
        raise GlusymError(f"cannot write {p}: {exc.strerror or exc}") from None
    return p


def write(name: str, path: str | Path, transparent: bool = False, **options: Any) -> Path:
    """Build the figure ``name`` and write it to ``path``: what ``python -m glusym plot`` does.

    ``.svg``, ``.png`` and ``.pdf`` go through :func:`figure` and :func:`save`; ``.html`` is the
    interactive slider of ``swish-beta`` (:func:`swish_beta_html`, its options ``betas`` and
    ``x_range``), for that figure only. The name, the options and the path are checked before
    anything is computed.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write("swish-beta", pathlib.Path(d) / "slider.html", betas=[0, 2]).read_text()[:15]
    '<!DOCTYPE html>'
    """
    builder = _builder(name)
    _check_options(name, builder, options)
    p, fmt = _output(path, (*FORMATS, "html"))
    if fmt == "html":
        if name != "swish-beta":
            raise GlusymError(f"cannot write {p}: HTML output is the interactive swish-beta only; "
                              f"write {name!r} as .svg, .png or .pdf")
        page = swish_beta_html(**options)
        try:
            p.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise GlusymError(f"cannot write {p}: {exc.strerror or exc}") from None
        return p
    return save(builder(**options), p, transparent=transparent)

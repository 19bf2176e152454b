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
import io
import inspect
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from matplotlib.figure import Figure

from ..errors import GlusymError
from .style import (
    STYLE, COLOURS, DIVERGING, SEQUENTIAL, DEFAULT_UNITS, DEFAULT_BETAS, FORMATS, THEMES, COLUMN_PX, MIN_TEXT_PX,
    PALETTE, DASHES, _style, _option,
)
from .activations import activations, gelu_derivative, swish_beta, swish_limits
from ..approximants import ReluSum, relu_interpolant
from .approximation import ellipse, square
from .gated import gate_comparison, geglu_contours, geglu_gradient, geglu_surface
from .slider import swish_beta_html
from .orders import DEPTH_UNITS, DEPTHS, RAISED_UNITS, depth_order, gradient_growth, order_raising, relu2_vs_swiglu

__all__ = [
    "COLOURS",
    "COLUMN_PX",
    "DASHES",
    "DEFAULT_BETAS",
    "DEFAULT_UNITS",
    "DEPTH_UNITS",
    "DEPTHS",
    "DIVERGING",
    "FIGURES",
    "FORMATS",
    "MIN_TEXT_PX",
    "PALETTE",
    "RAISED_UNITS",
    "ReluSum",
    "SEQUENTIAL",
    "STYLE",
    "THEMES",
    "THEME_NAMES",
    "activations",
    "depth_order",
    "ellipse",
    "figure",
    "gate_comparison",
    "geglu_contours",
    "geglu_gradient",
    "geglu_surface",
    "gelu_derivative",
    "gradient_growth",
    "order_raising",
    "relu2_vs_swiglu",
    "relu_interpolant",
    "save",
    "square",
    "swish_beta",
    "swish_beta_html",
    "swish_limits",
    "write",
]

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
    "depth-order": ("|f| of 1-4 stacked ReLU², SwiGLU, SiLU, bilinear layers on log-log axes, each line's order "
                    "k^L from glusym (--units, --range)", depth_order),
    "gradient-growth": ("|f'| of the same stacks, log-log: the gradient's order k^L - 1 grows with depth "
                        "(--units, --range)", gradient_growth),
    "relu2-vs-swiglu": ("SwiGLU(x, x) = x²σ(x) against ReLU² and x², their orders at ±∞ and 0; the ratios "
                        "σ(x) and H(x) (--range)", relu2_vs_swiglu),
    "order-raising": ("β(x) = x·α(x) beside α for identity, ReLU, σ, SiLU, GELU, tanh, log-log: one order more "
                      "at 0 and ∞ (--units, --range)", order_raising),
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
    glusym.errors.GlusymError: unknown figure 'squares' (did you mean: square?); the figures are: activations, swish-beta, square, ellipse, geglu-surface, geglu-contours, geglu-gradient, gate-comparison, gelu-derivative, depth-order, gradient-growth, relu2-vs-swiglu, order-raising
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


#: The themes of :func:`save`: ``light`` (dark text), ``dark`` (light text) and ``auto`` (an SVG whose
#: embedded style switches between them with ``prefers-color-scheme``; PNG and PDF take light).
THEME_NAMES: tuple[str, ...] = ("auto", "light", "dark")
_CLASS = "glusym-figure"
_TOKENS = ("fg", "muted", "bg")


def _theme(theme: Any) -> str:
    if theme not in THEME_NAMES:
        raise GlusymError(f"unknown theme {theme!r}; the themes are: {', '.join(THEME_NAMES)}")
    return str(theme)


def _themed_svg(svg: str, theme: str) -> str:
    """The SVG matplotlib wrote (in the light theme's colours) recoloured for ``theme``.

    ``dark``: each light colour of :data:`THEMES` replaced by its dark one. ``auto``: each replaced
    by a CSS variable (``var(--glusym-fg, #1f1f1f)``) that an embedded ``<style>`` sets for the
    light theme and, under ``@media (prefers-color-scheme: dark)``, for the dark one; this works
    inline and inside ``<img>`` alike, and a page that inlines the SVG can set the variables on
    ``.glusym-figure`` itself. The fonts of mathtext glyphs get a ``sans-serif`` fallback.
    """
    light, dark = THEMES["light"], THEMES["dark"]
    if theme == "dark":
        for token in _TOKENS:
            svg = svg.replace(light[token], dark[token]).replace(light[token].upper(), dark[token])
    elif theme == "auto":
        for token in _TOKENS:
            var = f"var(--glusym-{token}, {light[token]})"
            svg = svg.replace(light[token], var).replace(light[token].upper(), var)
        rules = "".join(f"--glusym-{t}: {light[t]}; " for t in _TOKENS)
        dark_rules = "".join(f"--glusym-{t}: {dark[t]}; " for t in _TOKENS)
        css = (f".{_CLASS} {{ {rules}}}\n"
               f"@media (prefers-color-scheme: dark) {{ .{_CLASS} {{ {dark_rules}}} }}\n")
        svg = svg.replace("<defs>\n  <style type=\"text/css\">", "<defs>\n  <style type=\"text/css\">" + css, 1)
    svg = svg.replace("<svg ", f'<svg class="{_CLASS} {_CLASS}-{theme}" ', 1)
    return svg.replace("font-family: 'DejaVu Sans'\"", "font-family: 'DejaVu Sans', sans-serif\"").replace(
        "font-family: 'DejaVu Sans';", "font-family: 'DejaVu Sans', sans-serif;")


def save(fig: Figure, path: str | Path, transparent: bool = False, theme: str = "auto") -> Path:
    """Write ``fig`` to ``path`` as SVG, PNG or PDF (by its suffix); ``transparent`` for a blog.

    Text is written as text (``svg.fonttype = "none"``) in the colours of ``theme``: ``light``
    (dark text, on white unless ``transparent``), ``dark`` (light text, on #111111 unless
    ``transparent``) or ``auto``, the default: an SVG that follows the reader's
    ``prefers-color-scheme``, with its own ``<style>``. PNG and PDF are drawn light (``auto``
    means light there); ``dark`` is for SVG only.

    SVG and PDF carry no date, so that writing the same figure twice gives the same file. An
    unwritable path raises :class:`~glusym.GlusymError` with a one-line message.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = save(figure("square", relu_units=2), pathlib.Path(d) / "square.svg", transparent=True)
    ...     p.read_text()[:5], p.name, "prefers-color-scheme: dark" in p.read_text()
    ('<?xml', 'square.svg', True)
    """
    theme = _theme(theme)
    p, fmt = _output(path, FORMATS)
    if theme == "dark" and fmt != "svg":
        raise GlusymError(f"cannot write {p}: the dark theme is for SVG (write .svg); PNG and PDF are drawn light")
    try:
        with _style():
            if fmt == "svg":
                buffer = io.StringIO()
                fig.savefig(buffer, format=fmt, transparent=transparent, metadata=_metadata(fmt))
                p.write_text(_themed_svg(buffer.getvalue(), theme), encoding="utf-8")
            else:
                fig.savefig(p, format=fmt, transparent=transparent, metadata=_metadata(fmt))
    except OSError as exc:
        raise GlusymError(f"cannot write {p}: {exc.strerror or exc}") from None
    return p


def write(name: str, path: str | Path, transparent: bool = False, theme: str = "auto", fragment: bool = False,
          **options: Any) -> Path:
    """Build the figure ``name`` and write it to ``path``: what ``python -m glusym plot`` does.

    ``.svg``, ``.png`` and ``.pdf`` go through :func:`figure` and :func:`save` (``theme`` and
    ``transparent`` as there); ``.html`` is the
    interactive slider of ``swish-beta`` (:func:`swish_beta_html`, its options ``betas`` and
    ``x_range``; ``theme`` its palette), for that figure only: a whole page, or with ``fragment``
    the ``<figure>`` alone for a post to include. The name, the options and the path are checked before anything is
    computed.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write("swish-beta", pathlib.Path(d) / "slider.html", betas=[0, 2]).read_text()[:15]
    '<!DOCTYPE html>'
    """
    builder = _builder(name)
    _check_options(name, builder, options)
    theme = _theme(theme)
    p, fmt = _output(path, (*FORMATS, "html"))
    if fragment and fmt != "html":
        raise GlusymError(f"cannot write {p}: a fragment (--fragment) is HTML, the swish-beta slider; write FILE.html")
    if fmt == "html":
        if name != "swish-beta":
            raise GlusymError(f"cannot write {p}: HTML output is the interactive swish-beta only; "
                              f"write {name!r} as .svg, .png or .pdf")
        page = swish_beta_html(**options, fragment=fragment, theme=theme)
        try:
            p.write_text(page, encoding="utf-8")
        except OSError as exc:
            raise GlusymError(f"cannot write {p}: {exc.strerror or exc}") from None
        return p
    if theme == "dark" and fmt != "svg":
        raise GlusymError(f"cannot write {p}: the dark theme is for SVG (write .svg); PNG and PDF are drawn light")
    return save(builder(**options), p, transparent=transparent, theme=theme)

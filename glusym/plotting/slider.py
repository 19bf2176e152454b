r"""The interactive Swish_β slider: an HTML fragment a post can include, or a whole page around it.

β moves on a logarithmic scale from 0 through ∞ inclusive: the slider's stops are 0, a grid of
β spaced evenly in log β (ten a decade, rounded to two significant digits, 0.05 … 50 by default),
then ∞. Every stop's curve is computed here, in Python, by glusym's accurate NumPy compilation
(:func:`glusym.numeric.to_numpy` of ``get("swish", beta=b)``), the two ends from
:func:`~glusym.plotting.swish_limits` (that is :func:`glusym.param_limits`: :math:`x/2` at 0,
:math:`\mathrm{ReLU}(x)` at ∞), and embedded as SVG path data in a JSON block; the script only
switches between those paths and updates the readout. There is no formula in the JavaScript.

The fragment is one ``<figure class="glusym-swish">`` with its ``<style>`` and ``<script>`` inside:
no ``<html>``, ``<head>`` or ``<body>``, no id in the markup (the script gives each copy ids of its
own at run time, ``glusym-swish-1-…``, ``glusym-swish-2-…``, for ``aria-controls`` and
``aria-describedby``), every CSS selector under ``.glusym-swish``, and the script finds its own
figure from ``document.currentScript``, so the same file included twice on one page gives two
independent sliders. Text is HTML around an SVG that holds only lines, so it keeps its CSS size
(at least 11 px) when the plot shrinks to a phone's width; colours are the page's text colour
(``currentColor``) and CSS variables (``--glusym-swish``, ``--glusym-relu``, ``--glusym-zero``)
with a dark palette under ``@media (prefers-color-scheme: dark)``, which a blog's theme may also set.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy
from matplotlib.ticker import MaxNLocator

from ..catalogue import get, x
from ..errors import GlusymError
from ..numeric import to_numpy

from ..bounds import finite_interval
from .style import COLOURS
from .activations import _betas, _limit_label, swish_limits

#: The default ends of the slider's logarithmic grid of finite, positive β.
GRID = (0.05, 50.0)
#: Stops of the grid in each decade of β.
PER_DECADE = 10

# The plot area, in SVG user units (the SVG holds the plot area only; all text is HTML around it).
_W, _H = 600.0, 400.0
_SAMPLES = 1601
_SIMPLIFY = 0.05  # user units: the drawn polyline stays this close to the 1601 computed points

# Dark-page colours: the light ones (style.COLOURS) lightened so that lines and bands stand out on
# a near-black background.
_DARK = {"swish": "#3ddc97", "relu": "#56b4e9", "limit-zero": "#f0b43c"}
_DARK_FAINT = 0.55
# The bands' opacity on a light page: more than the figures' FAINT (0.3), at which the orange x/2
# band is 1.27:1 against white; at 0.5 it is 1.5:1, ReLU's blue 2.1:1, and the curve shows through.
_LIGHT_FAINT = 0.5

_JS = """\
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script && script.closest(".glusym-swish");
  if (!root || root.hasAttribute("data-ready")) { return; }
  root.setAttribute("data-ready", "");
  var stops = JSON.parse(root.querySelector("script.gs-data").textContent);
  var slider = root.querySelector("input.gs-beta");
  var readout = root.querySelector("output.gs-readout");
  var curve = root.querySelector("path.gs-curve");
  var svg = root.querySelector("svg.gs-svg");
  var caption = root.querySelector("figcaption");
  var n = 1;
  while (document.getElementById("glusym-swish-" + n + "-plot")) { n += 1; }
  var prefix = "glusym-swish-" + n;
  svg.id = prefix + "-plot";
  caption.id = prefix + "-caption";
  slider.id = prefix + "-beta";
  slider.setAttribute("aria-controls", svg.id);
  slider.setAttribute("aria-describedby", caption.id);
  function show() {
    var stop = stops[+slider.value];
    curve.setAttribute("d", stop.d);
    curve.setAttribute("data-beta", stop.beta);
    slider.setAttribute("aria-valuetext", stop.text);
    svg.setAttribute("aria-label", svg.getAttribute("data-label") + "; now " + stop.text);
    readout.textContent = stop.text;
  }
  slider.addEventListener("input", show);
  show();
})();
"""


def _minus(t: float) -> str:
    """A tick label with a true minus sign."""
    return f"{t:g}".replace("-", "\u2212")


def _grid(lo: float, hi: float) -> list[float]:
    """β spaced evenly in log β, ``PER_DECADE`` a decade, rounded to two significant digits, from
    ``lo`` to ``hi``."""
    k0, k1 = round(PER_DECADE * math.log10(lo)), round(PER_DECADE * math.log10(hi))
    grid = (float(f"{10 ** (k / PER_DECADE):.2g}") for k in range(k0, k1 + 1))
    return [g for g in grid if lo <= g <= hi]


def beta_stops(betas: Sequence[float] | None = None) -> list[float]:
    r"""The slider's stops: 0, the logarithmic grid of finite β > 0, then ``inf``.

    The grid runs from 0.05 to 50, or further to take in the least and greatest of ``betas``, and
    every one of ``betas`` is a stop exactly (a grid value within a fifth of a step of one is
    dropped for it).

    >>> stops = beta_stops()
    >>> len(stops), stops[:4], stops[-3:]
    (33, [0.0, 0.05, 0.063, 0.079], [40.0, 50.0, inf])
    >>> beta_stops([0.3, 1000])[-4:]
    [630.0, 790.0, 1000.0, inf]
    """
    given = sorted(b for b in (_betas(betas) if betas is not None else ()) if b > 0)
    lo = min([GRID[0], *given[:1]])
    hi = max([GRID[1], *given[-1:]])
    near = 0.2 / PER_DECADE
    grid = [g for g in _grid(lo, hi) if all(abs(math.log10(g / b)) > near for b in given)]
    return [0.0, *sorted({*grid, *given}), math.inf]


def _simplified(u: np.ndarray, v: np.ndarray, tol: float) -> np.ndarray:
    """Indices of the points kept by Douglas–Peucker: every point dropped lies within ``tol`` of the
    polyline through the kept ones."""
    keep = np.zeros(len(u), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(u) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        du, dv = u[j] - u[i], v[j] - v[i]
        dist = np.abs(du * (v[i + 1:j] - v[i]) - dv * (u[i + 1:j] - u[i])) / math.hypot(du, dv)
        k = int(np.argmax(dist))
        if dist[k] > tol:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return np.flatnonzero(keep)


def _beta_text(b: float, zero: str, infinity: str, silu: bool) -> str:
    if b == 0:
        return f"β = 0 ({zero})"
    if math.isinf(b):
        return f"β = ∞ ({infinity})"
    return f"β = {b:g}" + (" (SiLU)" if silu else "")


def swish_beta_html(betas: Sequence[float] | None = None, x_range: Sequence[float] = (-4.0, 4.0),
                    beta: float | None = None, fragment: bool = False, theme: str = "auto") -> str:
    r"""The post's interactive :math:`\mathrm{Swish}_\beta` slider: an HTML fragment, or a whole page.

    The slider's stops are :func:`beta_stops` (0, a logarithmic grid, ∞); each stop's curve
    :math:`x\sigma(\beta x)` is computed here with glusym's NumPy functions and embedded, as are the
    two limits from :func:`swish_limits` drawn as transparent bands; the JavaScript only switches
    between the embedded paths. No external script, style, font or request.

    The markup a test or a notebook can rely on: the figure ``.glusym-swish``; the SVG
    ``svg.gs-svg`` (``role="img"``, the plot area only) with grid lines ``line.gs-gx``/``line.gs-gy``
    whose values are the HTML tick labels ``.gs-xticks span``/``.gs-yticks span`` in the same order,
    the bands ``path.gs-zero`` and ``path.gs-infinity``, the curve ``path.gs-curve`` (``data-beta``,
    ``"inf"`` at ∞); the slider ``input.gs-beta`` (its value is the index of the stop) and the
    readout ``output.gs-readout``; the stops as JSON in ``script.gs-data``.

    Arguments:
        betas: values of β that must be stops (the grid widens to take them in); default the grid
            0.05 … 50 alone.
        x_range: the interval of :math:`x`.
        beta: the initial β (a stop, or added as one; ``0`` and ``inf`` are the ends); default 1.
        fragment: the ``<figure>`` alone, to include in a post; else a whole page around it.
        theme: the palette of the lines: ``"auto"`` (light, dark under ``prefers-color-scheme:
            dark``), or always ``"light"`` or ``"dark"`` (for a page whose theme is not the
            reader's setting). Text is the page's own colour in every theme.

    >>> page = swish_beta_html()
    >>> page.startswith("<!DOCTYPE html>"), 'type="range"' in page, "http" in page.replace("http://www.w3.org", "")
    (True, True, False)
    >>> part = swish_beta_html(fragment=True)
    >>> part.startswith('<figure class="glusym-swish"'), "<body" in part, ' id="' in part
    (True, False, False)
    """
    if theme not in ("auto", "light", "dark"):
        raise GlusymError(f"theme must be auto, light or dark, got {theme!r}")
    lo, hi = finite_interval(x_range)
    b0 = 1.0 if beta is None else float(beta)
    if math.isnan(b0) or b0 < 0:
        raise GlusymError(f"the initial beta must be a number >= 0 or inf, got {beta!r}")
    extra = [b0] if 0 < b0 < math.inf else []
    stops = beta_stops([*(_betas(betas) if betas is not None else ()), *extra] or None)
    start = stops.index(b0)
    at_zero, at_infinity = swish_limits()
    zero_name = sympy.sstr(at_zero)
    inf_name = _limit_label(at_infinity, plain=True).removesuffix("(x)")
    silu = get("silu").expr

    xs = np.linspace(lo, hi, _SAMPLES)
    y_zero = to_numpy(at_zero, (x,))(xs) * np.ones_like(xs)
    y_inf = to_numpy(at_infinity, (x,))(xs) * np.ones_like(xs)
    ymin, ymax = float(min(y_zero.min(), y_inf.min())), float(max(y_zero.max(), y_inf.max()))
    pad = 0.06 * (ymax - ymin)
    ymin, ymax = ymin - pad, ymax + pad  # every Swish_beta lies between its two limits

    def px(v: Any) -> Any:
        return (np.asarray(v, dtype=float) - lo) / (hi - lo) * _W

    def py(v: Any) -> Any:
        return (ymax - np.asarray(v, dtype=float)) / (ymax - ymin) * _H

    def path(ys: np.ndarray) -> str:
        u, v = px(xs), py(ys)
        if not np.all(np.isfinite(v)):
            raise GlusymError("a curve of the slider is not finite")  # glusym's NumPy code never overflows
        return "".join(f"{'L' if n else 'M'}{u[i]:.2f},{v[i]:.2f}"
                       for n, i in enumerate(_simplified(u, v, _SIMPLIFY)))

    data = []
    for b in stops:
        if b == 0:
            ys = y_zero
        elif math.isinf(b):
            ys = y_inf
        else:
            ys = to_numpy(get("swish", beta=b))(xs)
        data.append({"beta": "inf" if math.isinf(b) else repr(b),
                     "text": _beta_text(b, zero_name, inf_name, b not in (0, math.inf) and get("swish", beta=b).expr == silu),
                     "d": path(ys)})

    xt = [float(t) for t in MaxNLocator(nbins=8, steps=[1, 2, 5, 10]).tick_values(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]
    yt = [float(t) for t in MaxNLocator(nbins=6, steps=[1, 2, 5, 10]).tick_values(ymin, ymax) if ymin <= t <= ymax]
    lines = "".join(f'<line class="gs-grid gs-gx{" gs-axis" if t == 0 else ""}" x1="{float(px(t)):.2f}" y1="0" '
                    f'x2="{float(px(t)):.2f}" y2="{_H:g}"/>' for t in xt)
    lines += "".join(f'<line class="gs-grid gs-gy{" gs-axis" if t == 0 else ""}" x1="0" y1="{float(py(t)):.2f}" '
                     f'x2="{_W:g}" y2="{float(py(t)):.2f}"/>' for t in yt)
    xticks = "".join(f'<span style="left:{100 * float(px(t)) / _W:.4f}%">{_minus(t)}</span>' for t in xt)
    yticks = "".join(f'<span style="top:{100 * float(py(t)) / _H:.4f}%">{_minus(t)}</span>' for t in yt)

    # the slider's scale: 0, the powers of ten among the stops, and infinity, where the thumb's centre is
    last = len(stops) - 1
    marks = [(i, b) for i, b in enumerate(stops)
             if b == 0 or math.isinf(b) or abs(math.log10(b) - round(math.log10(b))) < 1e-12]
    scale = "".join(f'<span style="left:calc(var(--gs-thumb) / 2 + {i / last:.5f} * (100% - var(--gs-thumb)))">'
                    f'{"∞" if math.isinf(b) else f"{b:g}"}</span>' for i, b in marks)

    label = (f"Swish_β(x) = x σ(βx) for x from {_minus(lo)} to {_minus(hi)}, between its limits "
             f"{zero_name} at β = 0 and {_limit_label(at_infinity, plain=True)} as β → ∞")
    first = data[start]
    sub = "<sub>β</sub>"
    svg = (
        f'<svg class="gs-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W:g} {_H:g}" role="img" '
        f'data-label="{html.escape(label)}" aria-label="{html.escape(label)}; now {first["text"]}">'
        f"<title>{html.escape(label)}</title>{lines}"
        f'<path class="gs-band gs-zero" d="{path(y_zero)}"/>'
        f'<path class="gs-band gs-infinity" d="{path(y_inf)}"/>'
        f'<path class="gs-curve" d="{first["d"]}" data-beta="{first["beta"]}"/></svg>'
    )

    def swatch(kind: str) -> str:
        return (f'<svg class="gs-swatch" viewBox="0 0 28 12" aria-hidden="true">'
                f'<line class="{kind}" x1="0" y1="6" x2="28" y2="6"/></svg>')

    style = _style(theme)
    data_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    part = (
        f'<figure class="glusym-swish">'
        f"<style>{style}</style>"
        f'<div class="gs-chart">'
        f'<div class="gs-ylabel">Swish{sub}(<i>x</i>)</div>'
        f'<div class="gs-yticks" aria-hidden="true">{yticks}</div>'
        f'<div class="gs-plot">{svg}</div>'
        f'<div class="gs-xticks" aria-hidden="true">{xticks}</div>'
        f'<div class="gs-xlabel"><i>x</i></div></div>'
        f'<ul class="gs-legend">'
        f'<li>{swatch("gs-band gs-zero")}<span>β = 0: {html.escape(zero_name)}</span></li>'
        f'<li>{swatch("gs-band gs-infinity")}<span>β → ∞: {html.escape(inf_name)}(<i>x</i>)</span></li>'
        f'<li>{swatch("gs-curve")}<span>Swish{sub}(<i>x</i>) = <i>x</i> σ(β<i>x</i>)</span></li></ul>'
        f'<div class="gs-control"><label class="gs-slider"><span>Steepness β (logarithmic, 0 to ∞)</span>'
        f'<input class="gs-beta" type="range" min="0" max="{last}" step="1" value="{start}" '
        f'aria-valuetext="{first["text"]}"></label>'
        f'<div class="gs-scale" aria-hidden="true">{scale}</div>'
        f'<output class="gs-readout" aria-live="polite">{first["text"]}</output></div>'
        f"<figcaption>Swish{sub}(<i>x</i>) = <i>x</i> σ(β<i>x</i>) as β moves from 0, where it is "
        f"{html.escape(zero_name)}, to ∞, where it is {html.escape(inf_name)}(<i>x</i>) (the transparent bands); "
        f"every curve computed by glusym.</figcaption>"
        f'<script type="application/json" class="gs-data">{data_json}</script>'
        f"<script>{_JS}</script></figure>\n"
    )
    if fragment:
        return part
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"color-scheme\" content=\"light dark\">\n"
        "<title>Swish_β between its limits</title>\n</head>\n<body>\n"
        f"{part}</body>\n</html>\n"
    )


def _style(theme: str) -> str:
    """The fragment's CSS: every selector under ``.glusym-swish``; no text under 11 px."""
    r = ".glusym-swish"
    light = (f"--glusym-swish:{COLOURS['swish']};--glusym-relu:{COLOURS['relu']};"
             f"--glusym-zero:{COLOURS['limit-zero']};--glusym-faint:{_LIGHT_FAINT:g};")
    dark = (f"--glusym-swish:{_DARK['swish']};--glusym-relu:{_DARK['relu']};"
            f"--glusym-zero:{_DARK['limit-zero']};--glusym-faint:{_DARK_FAINT:g};")
    palette = dark if theme == "dark" else light
    media = f"@media (prefers-color-scheme:dark){{{r}{{{dark}}} }}" if theme == "auto" else ""  # "} }": no Liquid
    return "".join((
        f"{r}{{{palette}--gs-thumb:16px;display:block;box-sizing:border-box;max-width:40rem;margin:1.5em auto;padding:0 1em 0 0;"
        "color:inherit;background:transparent;font-size:max(0.9em,13px);line-height:1.35}",
        media,
        f"{r} *{{box-sizing:border-box}}",
        f"{r} .gs-chart{{display:grid;grid-template-columns:auto auto minmax(0,1fr);align-items:stretch;padding-top:0.7em}}",
        f"{r} .gs-ylabel{{grid-row:1;grid-column:1;writing-mode:vertical-rl;transform:rotate(180deg);"
        "text-align:center;padding-left:0.3em;white-space:nowrap}",
        f"{r} sub{{font-size:max(0.8em,11px);line-height:1}}",
        f"{r} .gs-yticks{{grid-row:1;grid-column:2;position:relative;min-width:2.4em}}",
        f"{r} .gs-yticks span{{position:absolute;right:0.4em;transform:translateY(-50%);white-space:nowrap}}",
        f"{r} .gs-plot{{grid-row:1;grid-column:3;min-width:0}}",
        f"{r} .gs-svg{{display:block;width:100%;height:auto;overflow:visible}}",
        f"{r} .gs-xticks{{grid-row:2;grid-column:3;position:relative;height:1.6em}}",
        f"{r} .gs-xticks span{{position:absolute;top:0.2em;transform:translateX(-50%);white-space:nowrap}}",
        f"{r} .gs-xlabel{{grid-row:3;grid-column:3;text-align:center}}",
        f"{r} .gs-grid{{stroke:currentColor;stroke-opacity:0.15;stroke-width:1px;vector-effect:non-scaling-stroke}}",
        f"{r} .gs-axis{{stroke-opacity:0.55}}",
        f"{r} path,{r} .gs-swatch line{{fill:none;vector-effect:non-scaling-stroke;stroke-linejoin:round}}",
        f"{r} .gs-band{{stroke-opacity:var(--glusym-faint);stroke-width:7px}}",
        f"{r} .gs-zero{{stroke:var(--glusym-zero)}}",
        f"{r} .gs-infinity{{stroke:var(--glusym-relu)}}",
        f"{r} .gs-curve{{stroke:var(--glusym-swish);stroke-width:2.5px}}",
        f"{r} .gs-legend{{list-style:none;margin:0.6em 0 0;padding:0 0 0 1em;display:flex;flex-wrap:wrap;gap:0.3em 1.4em}}",
        f"{r} .gs-legend li{{display:flex;align-items:center;gap:0.5em;margin:0}}",
        f"{r} .gs-swatch{{width:28px;height:12px;flex:none;overflow:visible}}",
        f"{r} .gs-control{{margin:0.8em 0 0 1em}}",
        f"{r} .gs-slider{{display:block}}",
        f"{r} .gs-slider span{{display:block}}",
        f"{r} .gs-beta{{display:block;width:100%;margin:0.4em 0 0;accent-color:var(--glusym-swish)}}",
        f"{r} .gs-beta:focus-visible{{outline:3px solid currentColor;outline-offset:3px}}",
        f"{r} .gs-scale{{position:relative;height:1.5em}}",
        f"{r} .gs-scale span{{position:absolute;top:0;transform:translateX(-50%)}}",
        f"{r} .gs-readout{{display:block;margin-top:0.2em;font-weight:bold;font-variant-numeric:tabular-nums}}",
        f"{r} figcaption{{margin:0.6em 0 0 1em}}",
    ))

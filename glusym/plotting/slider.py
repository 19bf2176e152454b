"""The interactive Swish_β slider (HTML)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..catalogue import x
from ..errors import GlusymError
from ..numeric import to_numpy

from .style import COLOURS, FAINT, DEFAULT_BETAS, _range
from .activations import _limit_label, _swish, _betas, swish_limits

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



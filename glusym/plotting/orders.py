r"""Figures of polynomial order: depth as order, the gradient's growth, SwiGLU against ReLU², and
the post's order-raising operator :math:`\beta(x) = x\,\alpha(x)`.

Every order written on a figure is read from glusym's analyses (:func:`glusym.growth_profile` of
:func:`glusym.stack`, :func:`glusym.asymptotes`, :func:`glusym.taylor`), never typed; every curve
is glusym's NumPy compilation (:func:`glusym.numeric.to_numpy`). A stack is evaluated layer by
layer, :math:`z_l = f(z_{l-1})`, each layer compiled once, and its derivative by the chain rule,
:math:`f_L' = \prod_l f'(z_{l-1})`, each factor :func:`glusym.gradient` of the layer compiled:
the nested expression of a deep stack doubles with each gated layer (it takes SymPy seconds to
build and NumPy's compilation of nested ReLU² Piecewise conditions fails), while its layers are
small. On log–log axes a curve :math:`|f| \sim c\,x^k` is a line of slope :math:`k`, the order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib
import matplotlib.lines
import numpy as np
import sympy
from matplotlib.figure import Figure

from ..analysis.asymptotes import asymptotes
from ..analysis.calculus import gradient
from ..analysis.depth import Chain, GrowthProfile, growth_profile, stack
from ..analysis.taylor import taylor
from ..catalogue import CATALOGUE, Unit, get, order_raise, x
from ..errors import GlusymError
from ..functions import to_sympy
from ..latex import latex
from ..numeric import to_numpy

from ..bounds import finite_interval, whole_number
from .style import COLOURS, DASHES, PALETTE, SMALL_PT, WIDTH_IN, _INK, _cues, _styled, _mathtext, _zero_axes

#: The families of ``depth-order`` and ``gradient-growth``: ReLU², SwiGLU, SiLU, bilinear.
DEPTH_UNITS: tuple[str, ...] = ("relu2", "swiglu", "silu", "bilinear")
#: The depths drawn by default.
DEPTHS: tuple[int, ...] = (1, 2, 3, 4)
#: The activations of ``order-raising``: each :math:`\alpha` beside :math:`x\,\alpha(x)`.
RAISED_UNITS: tuple[str, ...] = ("identity", "relu", "sigmoid", "silu", "gelu", "tanh")
#: The deepest stack the figures draw: :math:`x^{2^6}` at :math:`x = 10^3` is :math:`10^{192}`,
#: inside double precision; one layer more passes it.
MAX_PLOT_DEPTH = 6

# ---------------------------------------------------------------------------------------------
# Options


def _unit(name: Any) -> Unit:
    """A catalogue unit, activation or gated, by name (or a Unit); parameters take their values
    (SwiGLU's beta = 1, as ``get`` gives it)."""
    if isinstance(name, Unit):
        return name
    try:
        return get(name)
    except GlusymError as exc:
        raise GlusymError(f"{exc}; the units are: {', '.join(CATALOGUE)}") from None


def _units(units: Any, pick: Callable[[Any], Unit] = _unit) -> list[Unit]:
    if isinstance(units, (str, Unit)):
        units = [units]
    try:
        chosen = list({u.name: u for u in map(pick, units)}.values())
    except TypeError:
        raise GlusymError(f"units takes a list of unit names, got {units!r}") from None
    if not chosen:
        raise GlusymError("name at least one unit")
    return chosen


def _depths(depths: Any) -> list[int]:
    if isinstance(depths, (int, np.integer)) and not isinstance(depths, bool):
        depths = [depths]
    if isinstance(depths, str) or not isinstance(depths, Sequence):
        raise GlusymError(f"depths takes a list of whole numbers, got {depths!r}")
    out = sorted({whole_number(d, "a depth", 1, MAX_PLOT_DEPTH) for d in depths})
    if not out:
        raise GlusymError("name at least one depth")
    return out


def _positive_range(value: Any) -> tuple[float, float]:
    lo, hi = finite_interval(value)
    if lo <= 0:
        raise GlusymError(f"x_range (--range) of a log–log figure must be positive, LOW > 0; got {lo:g} {hi:g}")
    return lo, hi


# ---------------------------------------------------------------------------------------------
# Numbers and their text


def _k(order: Any) -> str:
    """An order as mathtext: 16, 1/2, -\\infty, \\infty."""
    order = to_sympy(order)
    if order == sympy.oo:
        return r"\infty"
    if order == -sympy.oo:
        return r"-\infty"
    return latex(order)


def _stack_values(chain: Chain, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(f_L(xs), f_L'(xs)): the layers compiled one by one, the derivative by the chain rule."""
    z = np.asarray(xs, dtype=float)
    d = np.ones_like(z)
    with np.errstate(over="ignore", invalid="ignore"):
        for f in chain.layers:
            (df,) = gradient(f)
            d = d * to_numpy(df, (x,))(z)
            z = to_numpy(f, (x,))(z)
    return z, d


def _label_ends(ax: Any, ends: list[tuple[float, str, str, str]], gap: float = 0.075) -> None:
    """Write each label beside the right end of its line (ends: log10 height, text, colour, gid),
    lines ending at one height and saying the same sharing one label, the rest pushed apart."""
    lo, hi = (math.log10(v) for v in ax.get_ylim())
    rows: list[list[Any]] = []
    for y, text, colour, gid in sorted(ends):
        f = (y - lo) / (hi - lo)
        if rows and rows[-1][1] == text and f - rows[-1][0] < gap:
            rows[-1][3].append(gid)
            continue
        rows.append([f, text, colour, [gid]])
    for i in range(1, len(rows)):
        rows[i][0] = max(rows[i][0], rows[i - 1][0] + gap)
    for f, text, colour, gids in rows:
        ax.annotate(f"${text}$", (1.0, f), xycoords="axes fraction", xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", color=_INK["fg"], fontsize=SMALL_PT,
                    annotation_clip=False, gid="slope-" + "+".join(gids))


def _inner_decades(lo: float, hi: float) -> list[float]:
    """At most three powers of 10 strictly inside (lo, hi): the ends unlabelled, where the tick
    labels of panels side by side would touch."""
    inner = list(range(math.floor(math.log10(lo)) + 1, math.ceil(math.log10(hi))))
    return [10.0**e for e in inner[:: max(1, math.ceil(len(inner) / 3))]]


def _name(unit: Unit) -> str:
    """The unit in the post's notation; a gated unit followed along x_g = x_v = x, as stack does."""
    name = _mathtext(unit.latex_name)
    return f"{name}(x, x)" if unit.gate is not None else f"{name}(x)"


# ---------------------------------------------------------------------------------------------
# 1, 2. depth-order and gradient-growth


def _depth_figure(units: Any, depths: Any, x_range: Any, derivative: bool) -> Figure:
    chosen = _units(units)
    levels = _depths(depths)
    lo, hi = _positive_range(x_range)
    xs = np.logspace(math.log10(lo), math.log10(hi), 241)
    n = len(chosen)
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    fig = Figure(figsize=(WIDTH_IN, 1.1 + 2.6 * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)).ravel()
    # a depth has the same colour and dash in every panel: the palette's, which both themes show
    shade = {L: PALETTE[i % len(PALETTE)] for i, L in enumerate(levels)}
    drawn: list[tuple[Any, Unit, list[tuple[float, str, str, str]], list[GrowthProfile]]] = []
    bottom, top = math.inf, -math.inf
    for ax, unit in zip(axes, chosen):
        ends = []
        profiles = []
        for i, L in enumerate(levels):
            chain = stack(unit, L)
            p = growth_profile(chain)
            profiles.append(p)
            f, d = _stack_values(chain, xs)
            ys = np.abs(d if derivative else f)
            if not np.all(np.isfinite(ys)):
                raise GlusymError(f"{L} stacked layers of {unit.name} pass the range of double precision "
                                  f"on x_range {lo:g} {hi:g}: lower HIGH or the depth")
            tail = p.derivative_plus if derivative else p.plus
            gid = f"curve-{unit.name}-depth{L}"
            ax.plot(xs, ys, color=shade[L], linestyle=DASHES[i % len(DASHES)], label=f"$L = {L}$", gid=gid,
                    zorder=3)
            positive = ys[ys > 0]
            if positive.size:
                bottom, top = min(bottom, float(positive.min())), max(top, float(positive.max()))
            ends.append((math.log10(ys[-1]) if ys[-1] > 0 else -math.inf, f"k = {_k(tail.order)}",
                         shade[L], gid))
        drawn.append((ax, unit, ends, profiles))
    for ax in axes[n:]:
        ax.set_visible(False)
    pad = 0.05 * (math.log10(top) - math.log10(bottom))
    what = "|f_L′(x)|" if derivative else "|f_L(x)|"  # ′: mathtext's ' is a glyph of cmsy10, which a browser lacks
    for ax, unit, ends, profiles in drawn:
        ax.set(xscale="log", yscale="log", xlim=(lo, hi), ylim=(10 ** (math.log10(bottom) - pad),
                                                              10 ** (math.log10(top) + pad)))
        if cols > 1 and _inner_decades(lo, hi):
            ax.set_xticks(_inner_decades(lo, hi))
        ax.set_title(f"${_name(unit)}$", loc="left")
        minus = [p.derivative_minus.order if derivative else p.minus.order for p in profiles]
        at_minus = (f"$k = {_k(minus[0])}$ at every $L$" if len(set(minus)) == 1
                    else "$k = " + ", ".join(_k(m) for m in minus) + "$")
        ax.text(0.03, 0.97, f"as $x \\to -\\infty$:\n{at_minus}", transform=ax.transAxes, ha="left", va="top",
                fontsize=SMALL_PT, color=_INK["muted"], gid=f"minus-{unit.name}")
        _label_ends(ax, ends)
        if ax.get_subplotspec().is_last_row() or ax is drawn[-1][0]:
            ax.set_xlabel("$x$")
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(f"${what}$")
    fig.legend(handles=drawn[0][0].lines, labels=[f"$L = {L}$" for L in levels], loc="outside lower center",
               ncol=len(levels), title="stacked layers (slope $k$ on log-log axes: $|f| \\sim c\\,x^k$ as $x \\to +\\infty$)"
               if not derivative else "stacked layers (slope $k$: $|f′| \\sim c\\,x^k$ as $x \\to +\\infty$)",
               title_fontsize=SMALL_PT, fontsize=SMALL_PT)
    return fig


@_styled
def depth_order(units: Sequence[str] = DEPTH_UNITS, depths: Sequence[int] = DEPTHS,
                x_range: Sequence[float] = (1.0, 1e3)) -> Figure:
    r"""Depth as polynomial order: :math:`|f_L(x)|` of :math:`L` stacked layers on log–log axes.

    A layer of order :math:`k` at :math:`+\infty` (:math:`|f(z)| \sim c|z|^k`) stacks to order
    :math:`k^L`: ReLU², SwiGLU and the bilinear unit (:math:`k = 2`) reach :math:`x^{2^L}`, while
    SiLU (:math:`k = 1`) stays linear at every depth. A gated unit is stacked as
    :func:`glusym.stack` does, each layer :math:`z \mapsto \alpha(z)\,z` (SwiGLU: :math:`z^2\sigma(z)`).
    One panel per unit; each line (``gid`` ``curve-relu2-depth3``, …) ends with its order
    :math:`k`, read from :func:`glusym.growth_profile` (``slope-…``), and the panel says the
    order at :math:`-\infty` (``minus-…``).

    Arguments:
        units: catalogue units (names), one panel each.
        depths: numbers of stacked layers, 1 to :data:`MAX_PLOT_DEPTH`.
        x_range: the interval of :math:`x`, positive (log axes).

    >>> fig = depth_order(["swiglu"], depths=[1, 3])
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid().startswith("slope-")]
    ['$k = 2$', '$k = 8$']
    """
    return _depth_figure(units, depths, x_range, derivative=False)


@_styled
def gradient_growth(units: Sequence[str] = DEPTH_UNITS, depths: Sequence[int] = DEPTHS,
                    x_range: Sequence[float] = (1.0, 1e3)) -> Figure:
    r"""The gradient's growth with depth: :math:`|f_L'(x)|` of :math:`L` stacked layers, log–log.

    The post's "gradient instability due to higher-order terms": the derivative of a chain is the
    product :math:`\prod_l f'(z_{l-1})` of its layers' derivatives, of order :math:`k^L - 1` where
    the layer has order :math:`k > 1` at :math:`+\infty` (ReLU², SwiGLU, bilinear:
    :math:`2^L - 1`), while SiLU's derivative tends to 1 (order 0) at every depth. Each line
    (``curve-…-depthL``) is that product compiled layer by layer; its order is
    ``growth_profile(stack(unit, L)).derivative_plus.order`` (``slope-…``).

    Arguments:
        units: catalogue units (names), one panel each.
        depths: numbers of stacked layers, 1 to :data:`MAX_PLOT_DEPTH`.
        x_range: the interval of :math:`x`, positive (log axes).

    >>> fig = gradient_growth(["relu2", "silu"], depths=[2, 4])
    >>> [[t.get_text() for t in ax.texts if t.get_gid().startswith("slope-")] for ax in fig.axes]
    [['$k = 3$', '$k = 15$'], ['$k = 0$']]
    """
    return _depth_figure(units, depths, x_range, derivative=True)


# ---------------------------------------------------------------------------------------------
# 3. relu2-vs-swiglu


def _orders(unit: Unit | Chain) -> str:
    """'+∞: 2, −∞: −∞ (~x²eˣ), 0: 2' from glusym.asymptotes and glusym.taylor."""
    a = asymptotes(unit)
    parts = []
    for label, beh in ((r"+\infty", a.plus), (r"-\infty", a.minus)):
        text = f"${label}$: ${_k(beh.growth_order)}$"
        if beh.growth_order == -sympy.oo and beh.leading is not None and beh.leading != 0:
            text += rf" ($\sim {_mathtext(latex(beh.leading))}$)"
        elif beh.leading == 0 and beh.exact:
            text += r" ($\equiv 0$)"
        parts.append(text)
    t = taylor(unit, order=4)
    if t.polynomial is not None:
        parts.append(f"$0$: ${_k(_lowest(t.polynomial))}$")
    else:
        sides = []
        for cond, poly in t.sides:
            side = "0^+" if cond == (x > 0) else "0^-"
            sides.append(f"${side}$: " + (f"${_k(_lowest(poly))}$" if poly != 0 else r"$\equiv 0$"))
        parts.append(", ".join(sides))
    return "orders " + ", ".join(parts)


def _lowest(poly: sympy.Expr) -> int:
    lowest: int = min(m[0] for m in sympy.Poly(sympy.expand(poly), x).monoms())
    return lowest


def _ratio_label(name: str, expr: sympy.Expr) -> str:
    """``name/x² = …``: the simplified ratio, written as H(x) where SymPy finds it is Heaviside's
    step with H(0) = 0 (mathtext has no cases environment)."""
    ratio = sympy.simplify(sympy.piecewise_fold(expr / x**2))
    step = sympy.Heaviside(x, 0).rewrite(sympy.Piecewise)
    if ratio.has(sympy.Piecewise) and all(ratio.subs(x, v) == step.subs(x, v) for v in (-2, -1, 1, 2)) \
            and sympy.simplify(ratio - step) == 0:
        return f"${name}/x^2 = H(x)$"
    return f"${name}/x^2 = {_mathtext(latex(ratio))}$"


@_styled
def relu2_vs_swiglu(x_range: Sequence[float] = (-4.0, 4.0)) -> Figure:
    r""":math:`\mathrm{SwiGLU}(x, x) = x^2\sigma(x)` against :math:`\mathrm{ReLU}^2(x)` and :math:`x^2`.

    The post reads SwiGLU as a GLU with gate :math:`\sigma` on a bilinear term: along
    :math:`x_g = x_v = x` it is :math:`x^2` switched on smoothly by :math:`\sigma(x)`, where ReLU²
    is :math:`x^2` switched on by a hard step. The legend gives each curve's orders at
    :math:`+\infty` and :math:`-\infty` (:func:`glusym.asymptotes`, with the leading term where it
    decays faster than any power) and at 0 (the lowest degree of :func:`glusym.taylor`). The lower
    panel divides by :math:`x^2`: :math:`\sigma(x)` against the step :math:`H(x)` (``ratio-…``).
    SwiGLU is :func:`glusym.stack` of one layer, :math:`x^2` one bilinear layer.

    >>> fig = relu2_vs_swiglu()
    >>> [line.get_gid() for line in fig.axes[0].lines if line.get_gid().startswith("curve-")]
    ['curve-square', 'curve-relu2', 'curve-swiglu']
    >>> fig.axes[0].lines[-1].get_label().splitlines()[1]
    'orders $+\\infty$: $2$, $-\\infty$: $-\\infty$ ($\\sim x^{2} e^{x}$), $0$: $2$'
    """
    lo, hi = finite_interval(x_range)
    xs = np.linspace(lo, hi, 1601)
    xs = xs[xs != 0]  # no sample at 0, where the ratios are 0/0
    curves: list[tuple[str, Unit | Chain, str, str, Any]] = [
        ("square", stack(get("bilinear"), 1), _mathtext(latex(x**2)), _INK["fg"], DASHES[2]),
        ("relu2", get("relu2"), _name(get("relu2")), COLOURS["relu2"], DASHES[1]),
        ("swiglu", stack(get("swiglu"), 1), _name(get("swiglu")), COLOURS["swiglu"], DASHES[0])]
    fig = Figure(figsize=(WIDTH_IN, 7.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    _zero_axes(top)
    _zero_axes(bottom)
    ys_max = 0.0
    for key, obj, name, colour, dash in curves:
        ys = to_numpy(obj.expr, (x,))(xs)
        ys_max = max(ys_max, float(np.max(ys)))
        formula = _mathtext(latex(obj.expr))
        head = f"${name} = {formula}$" if formula != name and not obj.expr.has(sympy.Piecewise) else f"${name}$"
        top.plot(xs, ys, color=colour, linestyle=dash, label=f"{head}\n{_orders(obj)}", gid=f"curve-{key}",
                 zorder=3 if key != "square" else 2)
        if key != "square":
            bottom.plot(xs, ys / xs**2, color=colour, linestyle=dash, label=_ratio_label(name, obj.expr),
                        gid=f"ratio-{key}", zorder=3)
    top.set(xlim=(lo, hi), ylim=(-0.05 * ys_max, 1.05 * ys_max), ylabel="$f(x)$")
    fig.legend(handles=[ln for ln in top.lines if ln.get_gid().startswith("curve-")], loc="outside upper center",
               fontsize=SMALL_PT, labelspacing=0.7,
               title="$x^2$ gated smoothly by $\\sigma$ (SwiGLU) and hard by a step (ReLU²)", title_fontsize=11.5)
    bottom.set(xlabel="$x$", ylabel="$f(x)/x^2$", ylim=(-0.1, 1.15))
    bottom.legend(loc="upper left")
    return fig


# ---------------------------------------------------------------------------------------------
# 4. order-raising


def _zero_order(p: GrowthProfile) -> sympy.Expr:
    """The lowest degree at 0 on the side x > 0 (the side a log axis shows)."""
    return dict(p.at_zero).get("x", dict(p.at_zero).get("x > 0"))


def _activation_unit(name: Any) -> Unit:
    unit = _unit(name)
    if unit.kind != "activation":
        raise GlusymError(f"{unit.name!r} is a gated unit of two variables; order_raise takes an activation "
                          f"(beta(x) = x*alpha(x))")
    return unit


@_styled
def order_raising(units: Sequence[str] = RAISED_UNITS, x_range: Sequence[float] = (1e-3, 1e3)) -> Figure:
    r"""The post's order-raising operator :math:`\beta(x) = x\,\alpha(x)`, for several :math:`\alpha`.

    Multiplying by :math:`x` adds one to the order at 0 and at :math:`\pm\infty`: identity
    :math:`\to x^2`, ReLU :math:`\to` ReLU², :math:`\sigma \to` SiLU, SiLU :math:`\to x^2\sigma(x)`
    (SwiGLU along :math:`x_g = x_v = x`), GELU :math:`\to x^2\Phi(x)`. Each panel draws
    :math:`|\alpha|` (dashed, ``curve-relu``) and :math:`|\beta|` (solid, ``curve-x_relu``) for
    :math:`x > 0` on log–log axes, where the slope at the left end is the order at 0 and at the
    right end the order at :math:`+\infty`; the panel writes the orders :math:`\alpha \to \beta`
    at :math:`0^+`, :math:`+\infty` and :math:`-\infty` (``orders-…``), all from
    :func:`glusym.growth_profile` of the unit and of :func:`glusym.order_raise` of it.

    Arguments:
        units: catalogue activations (names), one panel each.
        x_range: the interval of :math:`x`, positive (log axes).

    >>> fig = order_raising(["relu", "tanh"])
    >>> print(fig.axes[1].texts[0].get_text())
    $0^+$: $1 \to 2$
    $+\infty$: $0 \to 1$
    $-\infty$: $0 \to 1$
    """
    chosen = _units(units, _activation_unit)
    lo, hi = _positive_range(x_range)
    xs = np.logspace(math.log10(lo), math.log10(hi), 241)
    n = len(chosen)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig = Figure(figsize=(WIDTH_IN, 1.1 + 2.6 * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)).ravel()
    bottom, top = math.inf, -math.inf
    for ax, alpha, (colour, _, _) in zip(axes, chosen, _cues([u.name for u in chosen])):
        beta = order_raise(alpha)
        pa, pb = growth_profile(alpha), growth_profile(beta)
        for unit, dash, width in ((alpha, DASHES[1], 1.6), (beta, DASHES[0], 2.2)):
            ys = np.abs(to_numpy(unit)(xs))
            ax.plot(xs, ys, color=colour, linestyle=dash, linewidth=width, gid=f"curve-{unit.name}", zorder=3)
            positive = ys[ys > 0]
            bottom, top = min(bottom, float(positive.min())), max(top, float(positive.max()))
        lines = [f"${where}$: ${_k(a)} \\to {_k(b)}$" for where, a, b in
                 (("0^+", _zero_order(pa), _zero_order(pb)), (r"+\infty", pa.plus.order, pb.plus.order),
                  (r"-\infty", pa.minus.order, pb.minus.order))]
        ax.text(0.04, 0.96, "\n".join(lines), transform=ax.transAxes, ha="left", va="top", fontsize=SMALL_PT,
                linespacing=1.3, gid=f"orders-{alpha.name}")
        ax.set_title(f"${_mathtext(alpha.latex_name)} \\to x\\,{_mathtext(alpha.latex_name)}$")
    for ax in axes[n:]:
        ax.set_visible(False)
    ticks = _inner_decades(lo, hi)
    for ax in axes[:n]:
        ax.set(xscale="log", yscale="log", xlim=(lo, hi), ylim=(bottom / 10, top * 10 ** 4))
        if ticks:
            ax.set_xticks(ticks)
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel("$|f(x)|$")
        if ax.get_subplotspec().is_last_row() or list(axes).index(ax) + cols >= n:
            ax.set_xlabel("$x$")
    handles = [matplotlib.lines.Line2D([], [], color=_INK["fg"], linestyle=DASHES[1], linewidth=1.6),
               matplotlib.lines.Line2D([], [], color=_INK["fg"], linestyle=DASHES[0], linewidth=2.2)]
    fig.legend(handles=handles, labels=[r"$\alpha(x)$", r"$\beta(x) = x\,\alpha(x)$"], loc="outside lower center",
               ncol=2, fontsize=SMALL_PT, title="orders $\\alpha \\to \\beta$ at $0^+$, $+\\infty$ (the slopes drawn) and $-\\infty$",
               title_fontsize=SMALL_PT)
    return fig

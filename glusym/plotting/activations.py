"""Figures of one variable: the post's Fig 1 (activations), Swish_β between its limits, GELU'."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
import sympy
from matplotlib.figure import Figure

from ..analysis.calculus import gradient
from ..analysis.extrema import extrema, inflections
from ..analysis.limits import param_limits
from ..catalogue import CATALOGUE, Unit, get, x
from ..errors import GlusymError, NotDerived
from ..latex import latex
from ..numeric import to_numpy
from ..bounds import finite_interval
from .style import (
    COLOURS, SEQUENTIAL, FAINT, DEFAULT_UNITS, DEFAULT_BETAS, _styled, _cues, _mathtext, _zero_axes, _activation, _legend, _SIZE, _INK, DASHES,
)

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
    lo, hi = finite_interval(x_range)
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
    for i, (unit, (colour, dash, marker)) in enumerate(zip(chosen, _cues([u.name for u in chosen]))):
        ys = to_numpy(unit)(xs)
        ys_min = min(ys_min, float(np.min(ys)))
        # the first curve (ReLU by default) is the widest and lowest: the later, dashed ones lie on
        # it, and it shows on both sides of them and through their gaps where they coincide
        ax.plot(xs, ys, color=colour, linestyle=dash, marker=marker, markevery=0.08, markersize=5,
                linewidth=3.4 if i == 0 else 2.0, label=_legend(unit), gid=f"curve-{unit.name}", zorder=3 + i / 100)
    top = max(hi, 1.0)
    ax.set(xlim=(lo, hi), ylim=(max(ys_min, -top / 2) - 0.25, top + 0.25), xlabel="$x$", ylabel=r"$\alpha(x)$")
    ax.legend(loc="upper left", handlelength=3.2)
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
        plain_text: str = sympy.sstr(expr)
        return plain_text
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
    ['$\\beta = 0$: $\\dfrac{x}{2}$', '$\\beta \\to \\infty$: $\\mathrm{ReLU}(x)$', '$\\beta = 1$ (SiLU)', '$\\beta = 5$']
    """
    values = _betas(betas)
    lo, hi = finite_interval(x_range)
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
                linestyle=DASHES[i % len(DASHES)], gid=f"curve-beta-{b:g}", zorder=3)
    ax.set(xlim=(lo, hi), xlabel="$x$", ylabel=r"$\mathrm{Swish}_\beta(x)$",
           title="$" + _mathtext(latex(get("swish"))) + "$")
    ax.legend(loc="upper left")
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
    lo, hi = finite_interval(x_range)
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
    ax.plot(xs, to_numpy(d)(xs), color=COLOURS["gelu"], label=fr"$\mathrm{{GELU}}′(x) = {_mathtext(latex(d))}$",
            gid="curve-gelu-derivative", zorder=3)
    for p in points:
        if p.kind not in ("maximum", "minimum"):
            continue
        ((_, at),) = p.at
        X, Y = float(sympy.N(at, 30)), float(sympy.N(p.value, 30))
        ax.plot([X], [Y], "o", color=_INK["fg"], markersize=6, gid=p.kind, zorder=4)
        above = p.kind == "maximum"
        # in the empty lower right (GELU has left the frame there), an arrow to each point
        ax.annotate(f"{p.kind} at $x = {_mathtext(latex(at))} \\approx {X:.4f}$\n"
                    f"$\\mathrm{{GELU}}′ = {_mathtext(latex(p.value))} \\approx {Y:.4f}$",
                    (X, Y), xytext=(0.985, 0.40 if above else 0.05), textcoords="axes fraction", ha="right",
                    va="bottom", gid=f"label-{p.kind}", zorder=5,
                    arrowprops={"arrowstyle": "->", "color": _INK["muted"], "linewidth": 1.0,
                                "shrinkA": 2, "shrinkB": 5})
    ax.set(xlim=(lo, hi), ylim=(-0.45, 1.45), xlabel="$x$", ylabel=r"$\mathrm{GELU}′(x)$",
           title="the slope of GELU: largest at its inflection $x = " + _mathtext(r"\sqrt{2}") + "$")
    ax.legend(loc="upper left")
    return fig



"""The GeGLU thread: surface, level sets, gradient field, ReLU gate against GELU gate."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib
import mpmath
import numpy as np
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from ..analysis.calculus import gradient
from ..analysis.extrema import level_set
from ..catalogue import get, x_g, x_v
from ..errors import GlusymError
from ..latex import latex
from ..numeric import to_mpmath, to_numpy

from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..analysis.extrema import extrema, inflections
from ..bounds import finite_interval
from .style import COLOURS, DIVERGING, SEQUENTIAL, WIDTH_IN, _INK, _mathtext, _styled, _zero_axes, _SIZE, _SQUARE

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
    (``section-gate``), and the flat line :math:`x_v = 0` (``section-zero``). GELU's dip below 0,
    small beside the rest (:math:`\min \mathrm{GELU} \approx -0.170` at :math:`x_g \approx -0.752`,
    :func:`glusym.extrema` of GELU), is marked on the first section (``dip``) and named in the legend.

    >>> fig = geglu_surface()
    >>> [line.get_gid() for line in fig.axes[0].lines]
    ['section-value', 'section-gate', 'section-zero', 'dip']
    """
    glo, ghi = finite_interval(gate_range, "gate_range")
    vlo, vhi = finite_interval(value_range, "value_range")
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 61), np.linspace(vlo, vhi, 41))
    Z = f(G, V)
    fig = Figure(figsize=_SQUARE)
    ax = fig.add_subplot(projection="3d", computed_zorder=False)
    ax.plot_surface(G, V, Z, cmap=DIVERGING, norm=_symmetric_norm(Z), rstride=1, cstride=1, linewidth=0,
                    antialiased=False, alpha=0.85, gid="surface")
    ax.plot_wireframe(G, V, Z, rstride=5, cstride=5, color=_INK["fg"], linewidth=0.35, alpha=0.35, gid="wireframe")
    gs = np.linspace(glo, ghi, 301)
    vs = np.linspace(vlo, vhi, 201)
    g1 = min(2.0, ghi)
    ax.plot(gs, np.full_like(gs, vhi), f(gs, np.full_like(gs, vhi)), color=COLOURS["gelu"], linewidth=2.8,
            gid="section-value", label=fr"$x_v = {vhi:g}$: ${vhi:g}\,\mathrm{{GELU}}(x_g)$", zorder=4)
    ax.plot(np.full_like(vs, g1), vs, f(np.full_like(vs, g1), vs), color=_INK["fg"], linewidth=2.0,
            linestyle=(0, (7, 2, 1.2, 2)), gid="section-gate", label=fr"$x_g = {g1:g}$: slope $\mathrm{{GELU}}({g1:g})$",
            zorder=4)
    ax.plot(gs, np.zeros_like(gs), f(gs, np.zeros_like(gs)), color=_INK["muted"], linewidth=1.6, linestyle="--",
            gid="section-zero", label="$x_v = 0$: flat", zorder=4)
    # GELU's dip below zero, from glusym's extrema of GELU: small beside the rest, so marked
    dips = [p for p in extrema(get("gelu")) if p.kind == "minimum"]
    for p in dips:
        ((_, at),) = p.at
        g0, z0 = float(at), float(p.value)
        if glo <= g0 <= ghi:
            ax.plot([g0], [vhi], [vhi * z0], "o", color=COLOURS["gelu"], markersize=6, gid="dip", zorder=5,
                    label=fr"dip: $\min\,\mathrm{{GELU}} = {z0:.3f}$ at $x_g = {g0:.3f}$")
    ax.set_xlabel("$x_g$ (gate)", labelpad=14)
    ax.set_ylabel("$x_v$ (value)", labelpad=20)
    ax.set_zlabel(r"$f$", labelpad=2)
    ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
    ax.zaxis.set_major_locator(MaxNLocator(5))
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_pane_color((1.0, 1.0, 1.0, 0.0))
    ax.set_title(r"$f(x_g, x_v) = \mathrm{GELU}(x_g)\,x_v = x_g\,\Phi(x_g)\,x_v$")
    ax.view_init(elev=16, azim=-62)
    fig.legend(loc="outside lower center", ncol=2, columnspacing=1.2)
    fig.set_layout_engine("constrained")
    return fig


def _signed_colour(c: float, cmax: float) -> Any:
    """A colour of :data:`DIVERGING` for a level ``c``, never paler than 45% of the way to its end."""
    strength = 0.45 + 0.55 * abs(c) / cmax
    return matplotlib.colormaps[DIVERGING](0.5 + 0.5 * math.copysign(strength, c))


@_styled
def geglu_contours(levels: Sequence[float] = (-2.0, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 2.0),
                   gate_range: Sequence[float] = (-4.0, 4.0), value_range: Sequence[float] = (-4.0, 4.0)) -> Figure:
    r"""The GeGLU thread's level sets :math:`x_v = c/\mathrm{GELU}(x_g)`.

    Each curve (``gid`` ``level-c``, e.g. ``level-0.5``) is the solution :func:`glusym.level_set`
    derives, compiled to NumPy with :math:`c` as a variable and cut where it leaves the frame
    (at the pole :math:`x_g = 0`); the level :math:`c = 0` is the two axes :math:`x_v = 0` and
    :math:`x_g = 0` (``level-0-value``, ``level-0-gate``). Behind them, :math:`f` itself, faint.
    Where :math:`x_g < 0` the gate is small and negative, so a level :math:`c` is reached only
    far out, with :math:`x_v` of the sign opposite to :math:`c`: a U whose tip is at
    :math:`|x_v| = |c| / 0.170` (GELU's dip); the default window, :math:`|x_v| \le 4`, shows the
    whole tip of :math:`|c| = 0.25` and :math:`0.5` and none of the rest, not a sliver at its edge.

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
    glo, ghi = finite_interval(gate_range, "gate_range")
    vlo, vhi = finite_interval(value_range, "value_range")
    ls = level_set(get("geglu"))
    solution = to_numpy(ls.solution, (ls.c, x_g))
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 321), np.linspace(vlo, vhi, 241))
    Z = f(G, V)
    fig = Figure(figsize=(WIDTH_IN, 5.6), layout="constrained")
    ax = fig.add_subplot()
    cmax = max(abs(c) for c in cs)
    norm = Normalize(-2 * cmax, 2 * cmax)  # beyond twice the largest level the background saturates
    fill = ax.imshow(Z, extent=(glo, ghi, vlo, vhi), origin="lower", aspect="auto", cmap=DIVERGING, norm=norm,
                     alpha=0.3, interpolation="bilinear", zorder=0, gid="background")
    colorbar = fig.colorbar(fill, ax=ax, pad=0.01, fraction=0.05, aspect=30, extend="both")
    colorbar.set_label(r"background: $f = \mathrm{GELU}(x_g)\,x_v$")
    ax.axhline(0.0, color=_INK["fg"], linewidth=1.0, linestyle="--", gid="level-0-value", zorder=2)
    ax.axvline(0.0, color=_INK["fg"], linewidth=1.0, linestyle="--", gid="level-0-gate", zorder=2,
               label="$c = 0$: $x_v = 0$ or $x_g = 0$")
    gs = np.linspace(glo, ghi, 4001)
    for c in sorted(cs):
        with np.errstate(all="ignore"):
            xv = solution(np.full_like(gs, c), gs)
        xv = np.where((xv >= vlo - 0.05 * (vhi - vlo)) & (xv <= vhi + 0.05 * (vhi - vlo)), xv, np.nan)
        ax.plot(gs, xv, color=_signed_colour(c, cmax), linewidth=2.2, gid=f"level-{c:g}",
                linestyle="-" if c > 0 else (0, (5, 1.5)), label=f"$c = {c:g}$", zorder=3)
    ax.set(xlim=(glo, ghi), ylim=(vlo, vhi), xlabel="$x_g$ (gate)", ylabel="$x_v$ (value)",
           title=r"level sets $x_v = c\,/\,\mathrm{GELU}(x_g)$")
    ax.grid(False)
    fig.legend(loc="outside lower center", ncol=3, columnspacing=1.2, handlelength=2.2)
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
    glo, ghi = finite_interval(gate_range, "gate_range")
    vlo, vhi = finite_interval(value_range, "value_range")
    dg, dv = _grad("geglu")
    f = _gated("geglu")
    G, V = np.meshgrid(np.linspace(glo, ghi, 25), np.linspace(vlo, vhi, 19))
    U, W = dg(G, V), dv(G, V)
    M = np.hypot(U, W)
    safe = np.where(M > 0, M, 1.0)
    Un, Wn = np.where(M > 0, U / safe, 0.0), np.where(M > 0, W / safe, 0.0)
    fig = Figure(figsize=(WIDTH_IN, 5.8), layout="constrained")
    ax = fig.add_subplot()
    GG, VV = np.meshgrid(np.linspace(glo, ghi, 321), np.linspace(vlo, vhi, 241))
    lines = ax.contour(GG, VV, f(GG, VV), levels=[-2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4, 8], colors=_INK["muted"],
                       linewidths=0.8, alpha=0.7, zorder=1)
    lines.set_gid("levels")
    q = ax.quiver(G, V, Un, Wn, M, cmap=SEQUENTIAL, pivot="mid", angles="xy", scale_units="xy",
                  scale=1 / (0.8 * (ghi - glo) / 24), width=0.004, zorder=3)
    q.set_gid("gradient")
    colorbar = fig.colorbar(q, ax=ax, pad=0.01, fraction=0.05, aspect=30)
    colorbar.set_label(r"$\|\nabla f\|$")
    handles = [Line2D([], [], color=_INK["muted"], linewidth=0.8, label=r"level sets of $f$ ($\nabla f$ crosses them at right angles)")]
    # x_g = sqrt 2: GELU'' = 0 there (glusym's inflections of GELU), so GELU' and with it the
    # gate component x_v GELU'(x_g) of every row is largest there
    for k, p in enumerate(inflections(get("gelu"))):
        ((_, at),) = p.at
        X = float(at)
        if X > 0 and glo <= X <= ghi:
            ax.axvline(X, color=COLOURS["gelu"], linewidth=1.8, linestyle=(0, (5, 2)), zorder=2, gid="peak")
            handles.append(Line2D([], [], color=COLOURS["gelu"], linewidth=1.8, linestyle=(0, (5, 2)),
                                  label=fr"$x_g = {_tex(at)} \approx {X:.3f}$: $\mathrm{{GELU}}′$ peaks, "
                                        r"$\mathrm{GELU}′′ = 0$"))
    fig.legend(handles=handles, loc="outside lower center", ncol=1)
    ax.set(xlim=(glo - 0.3, ghi + 0.3), ylim=(vlo - 0.3, vhi + 0.3), aspect="equal", xlabel="$x_g$ (gate)",
           ylabel="$x_v$ (value)",
           title=r"$\nabla f = (x_v\,\mathrm{GELU}′(x_g),\ \mathrm{GELU}(x_g))$")
    ax.grid(False)
    return fig


def _tex(value: Any) -> str:
    return _mathtext(latex(value))


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
    glo, ghi = finite_interval(gate_range, "gate_range")
    vlo, vhi = finite_interval(value_range, "value_range")
    G, V = np.meshgrid(np.linspace(glo, ghi, 301), np.linspace(vlo, vhi, 301))
    maps = {name: _gated(name)(G, V) for name in ("reglu", "geglu")}
    norm = Normalize(-4.0, 4.0)  # beyond |f| = 4 the colours saturate
    line_levels = [-4, -2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 4]
    fig = Figure(figsize=(WIDTH_IN, 8.4), layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=(1.15, 1))
    a = fig.add_subplot(grid[0, 0])
    b = fig.add_subplot(grid[0, 1], sharey=a)
    c = fig.add_subplot(grid[1, :])
    image = None
    for ax, name, gate in ((a, "reglu", "ReLU"), (b, "geglu", "GELU")):
        image = ax.imshow(maps[name], extent=(glo, ghi, vlo, vhi), origin="lower", cmap=DIVERGING, norm=norm,
                          alpha=0.6, interpolation="bilinear", zorder=0, gid=f"map-{name}")
        lines = ax.contour(G, V, maps[name], levels=line_levels, colors=_INK["fg"], linewidths=0.7, alpha=0.6, zorder=1)
        lines.set_gid(f"levels-{name}")
        ax.set(xlabel="$x_g$ (gate)", aspect="equal", title=fr"{gate} gate: $\mathrm{{{gate}}}(x_g)\,x_v$")
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.grid(False)
    a.set_ylabel("$x_v$ (value)")
    b.tick_params(labelleft=False)
    a.axvline(0.0, color=COLOURS["relu"], linewidth=2.5, gid="hard-plane", label="hard plane $x_g = 0$")
    q10, q90 = _gate_quantile(0.1), _gate_quantile(0.9)
    for k, edge in enumerate((q10, q90)):
        b.axvline(edge, color=COLOURS["gelu"], linewidth=2.0, linestyle="--", gid=f"band-{k}",
                  label=fr"band $0.1 < \Phi(x_g) < 0.9$" + "\n" + fr"($|x_g| < {q90:.3f}$)" if k == 0 else None)
    for ax in (a, b):  # below the map, where it covers nothing
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), handlelength=1.6)
    assert image is not None
    colorbar = fig.colorbar(image, ax=[a, b], location="right", shrink=0.8, aspect=25, pad=0.01, extend="both")
    colorbar.set_label("$f(x_g, x_v)$")
    gs = np.linspace(glo, ghi, 1201)
    ones = np.ones_like(gs)
    _zero_axes(c)
    for name, gate in (("reglu", "ReLU"), ("geglu", "GELU")):
        dg, _ = _grad(name)
        c.plot(gs, _gated(name)(gs, ones), color=COLOURS[name], label=fr"$\mathrm{{{gate}}}(x_g)$",
               linewidth=3.0 if name == "reglu" else 2.0, gid=f"slice-{name}", zorder=3)
        c.plot(gs, dg(gs, ones), color=COLOURS[name], linestyle="--" if name == "reglu" else (0, (1, 1.6)),
               linewidth=2.4 if name == "reglu" else 2.0,
               label=fr"$\mathrm{{{gate}}}′(x_g)$", gid=f"slope-{name}", zorder=3)
    c.set(xlim=(glo, ghi), ylim=(-0.5, 2.0), xlabel="$x_g$", ylabel=r"$f(x_g, 1)$, $\partial f / \partial x_g$",
          title="the slice $x_v = 1$")
    c.legend(loc="upper left")
    return fig

"""x² and an ellipse from SwiGLU units, against ReLU units (the post's Fig 3 and 4)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..catalogue import get
from ..errors import GlusymError
from ..approximants import relu_interpolant
from ..numeric import to_numpy

from ..bounds import finite_interval, whole_number
from .style import COLOURS, FAINT, _INK, _styled, _TALL, _SQUARE

# ---------------------------------------------------------------------------------------------
# 3. square: x^2 by ReLU units, and exactly by two SwiGLU or two ReLU^2 units


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
    n = whole_number(relu_units, "relu_units (--relu-units)", 1, 1000)
    lo, hi = finite_interval(x_range)
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
    top.set(ylabel="$y$", title="$x^2$: approximated by ReLU units,\n" + r"exact from two SwiGLU or two $\mathrm{ReLU}^2$ units")
    top.legend(loc="upper center")
    bottom.axhline(0.0, color=_INK["muted"], linewidth=0.8, zorder=1, gid="axis-y0")
    worst = max(float(np.max(np.abs(ys - target))) for _, ys, *_ in approximations)
    bottom.set(xlim=(lo, hi), ylim=(-0.1 * worst, 2.1 * worst), xlabel="$x$", ylabel=r"error $f(x) - x^2$")
    bottom.legend(loc="upper center")
    return fig


# ---------------------------------------------------------------------------------------------
# 4. ellipse: a quadratic form from SwiGLU units, a polygon from ReLU units


def _spd(matrix: Any) -> np.ndarray:
    if matrix is None:
        theta = math.radians(30.0)
        rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
        spd: np.ndarray = rot @ np.diag([1 / 4, 1.0]) @ rot.T  # semi-axes 2 and 1, turned by 30 degrees
        return spd
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
    n = whole_number(relu_units, "relu_units (--relu-units)", 3, 200)
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
           title="a quadratic form's level set:\nSwiGLU units against ReLU units")
    return fig



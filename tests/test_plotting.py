"""Every figure of `glusym.plotting` is built, written as SVG, and its data checked against glusym.

The curves are compared, at sample points, with glusym's mpmath compilation of the same unit,
gradient or limit (`to_mpmath`, an independent path from the NumPy code the figures use) and,
where the mathematics is elementary, with closed forms; the figure-level facts (the asymptotes
are the limits, the marked maximum is at sqrt(2), the ReLU polygon has n or 2n sides, the error
of the ReLU interpolant is h^2/4) are asserted as numbers that could be wrong.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib.image
import matplotlib.mathtext
import mpmath
import numpy as np
import pytest
import sympy

import glusym
from glusym import plotting
from glusym.cli import main
from glusym.numeric import to_mpmath
from test_figures_orders import CHECKS as ORDER_CHECKS  # the four figures of order: checked there

SQRT2 = math.sqrt(2.0)


def mp_ncdf(t: float) -> float:
    return float(mpmath.ncdf(mpmath.mpf(t)))


def mp_gelu(t: float) -> float:
    return float(mpmath.mpf(t) * mpmath.ncdf(mpmath.mpf(t)))


def mp_gelu_prime(t: float) -> float:
    t = mpmath.mpf(t)
    return float(mpmath.ncdf(t) + t * mpmath.npdf(t))


def line(ax: Any, gid: str) -> Any:
    found = [ln for ln in ax.lines if ln.get_gid() == gid]
    assert len(found) == 1, (gid, [ln.get_gid() for ln in ax.lines])
    return found[0]


def collection(ax: Any, gid: str) -> Any:
    found = [c for c in [*ax.collections, *ax.images] if c.get_gid() == gid]
    assert len(found) == 1, (gid, [c.get_gid() for c in [*ax.collections, *ax.images]])
    return found[0]


def sample(xy: np.ndarray, k: int = 25) -> np.ndarray:
    """About k rows of xy, evenly spread, finite ones only."""
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    return xy[:: max(1, len(xy) // k)]


def assert_curve(xy: np.ndarray, reference: Callable[[float], float], rel: float = 1e-12, abs_: float = 1e-14) -> None:
    rows = sample(xy)
    assert len(rows) >= 10
    for x_, y_ in rows:
        want = reference(float(x_))
        assert y_ == pytest.approx(want, rel=rel, abs=abs_), (x_, y_, want)


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    """Every figure, built once with its defaults."""
    return {name: plotting.figure(name) for name in plotting.FIGURES}


def render_labels(fig: Any) -> None:
    """Every text of the figure goes through mathtext (a bad formula raises)."""
    fig.canvas.draw()


# ---------------------------------------------------------------------------------------------
# every figure


@pytest.mark.parametrize("name", list(plotting.FIGURES))
def test_every_figure_builds_and_writes_svg(name: str, built: dict[str, Any], tmp_path: Path) -> None:
    fig = built[name]
    assert fig.axes, name
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        xs = ax.get_shared_x_axes().get_siblings(ax)  # a shared axis is labelled once
        ys = ax.get_shared_y_axes().get_siblings(ax)
        assert any(a.get_ylabel() for a in ys) and any(a.get_xlabel() for a in xs), (name, ax.get_title())
    path = plotting.save(fig, tmp_path / f"{name}.svg")
    text = path.read_text()
    assert text.startswith("<?xml") and "<svg" in text
    gids = {a.get_gid() for ax in fig.axes for a in [*ax.lines, *ax.collections, *ax.images] if a.get_gid()}
    assert gids, name
    for gid in gids:  # the artists' gids are the SVG elements' ids, for the blog's CSS and for tests
        assert f'id="{gid}"' in text, (name, gid)
    assert "<dc:date>" not in text  # no date: the same figure gives the same file


def test_the_registry_and_the_checks_below_cover_each_other() -> None:
    assert set(CHECKS) == set(plotting.FIGURES)
    for name, (what, builder) in plotting.FIGURES.items():
        assert what and "\n" not in what
        assert builder.__doc__ and ">>>" in builder.__doc__, name


@pytest.mark.parametrize("name", list(plotting.FIGURES))
def test_figure_data_is_what_it_claims(name: str, built: dict[str, Any]) -> None:
    CHECKS[name](built[name])


# ---------------------------------------------------------------------------------------------
# the checks of each figure's data


def check_activations(fig: Any) -> None:
    ax = fig.axes[0]
    curves = [ln for ln in ax.lines if ln.get_gid().startswith("curve-")]
    assert [ln.get_gid()[6:] for ln in curves] == list(plotting.DEFAULT_UNITS)
    for ln in curves:
        unit = glusym.get(ln.get_gid()[6:])
        ref = to_mpmath(unit)
        assert_curve(ln.get_xydata(), lambda t, ref=ref: float(ref(t)))
        assert ln.get_color().lower() == plotting.COLOURS[unit.name].lower()
    labels = [ln.get_label() for ln in curves]
    assert labels[:3] == [r"$\mathrm{ReLU}(x)$", r"$\mathrm{ReLU}^2(x)$", r"$\mathrm{GELU}(x) = x \Phi(x)$"]
    assert r"$\sigma(x)$" in labels and r"$\tanh(x)$" in labels
    assert [t.get_text() for t in ax.get_legend().get_texts()] == labels
    render_labels(fig)


def check_swish_beta(fig: Any) -> None:
    ax = fig.axes[0]
    lim = glusym.param_limits(glusym.get("swish"))["beta"]
    assert plotting.swish_limits() == (lim.at_zero, lim.at_infinity)
    x = glusym.x
    assert sympy.simplify(lim.at_zero - x / 2) == 0  # the two limits are the post's x/2 and ReLU
    assert lim.at_infinity == glusym.get("relu").expr
    zero, inf = line(ax, "asymptote-zero"), line(ax, "asymptote-infinity")
    assert_curve(zero.get_xydata(), lambda t: t / 2)
    assert_curve(inf.get_xydata(), lambda t: max(t, 0.0))
    for asymptote in (zero, inf):  # transparent, beneath the curves
        assert asymptote.get_alpha() is not None and asymptote.get_alpha() < 0.5
    gaps = []
    relu = np.maximum(inf.get_xdata(), 0.0)
    for b in plotting.DEFAULT_BETAS:
        ln = line(ax, f"curve-beta-{b:g}")
        assert ln.get_alpha() is None
        ref = (lambda t: t / 2) if b == 0 else to_mpmath(glusym.get("swish", beta=b))  # beta -> 0+: x/2
        assert_curve(ln.get_xydata(), lambda t, ref=ref: float(ref(t)))
        gaps.append(float(np.max(np.abs(ln.get_ydata() - relu))))
    assert gaps == sorted(gaps, reverse=True) and gaps[0] == pytest.approx(2.0)  # beta = 0 is x/2: 2 off at x = -4
    assert line(ax, "curve-beta-1").get_label() == r"$\beta = 1$ (SiLU)"
    assert line(ax, "curve-beta-0").get_label() == r"$\beta = 0$"
    assert zero.get_label() == r"$\beta = 0$: $\dfrac{x}{2}$"  # \frac would shrink x and 2 below 11 px
    assert inf.get_label() == r"$\beta \to \infty$: $\mathrm{ReLU}(x)$"
    render_labels(fig)


def check_square(fig: Any) -> None:
    top, bottom = fig.axes[:2]
    n = 4
    xs = line(top, "curve-relu").get_xdata()
    assert xs[0] == -1.0 and xs[-1] == 1.0
    assert_curve(line(top, "target").get_xydata(), lambda t: t * t, abs_=0)
    relu_fit = line(top, "curve-relu").get_xydata()
    # the interpolant: exact at the 5 knots, chords in between, error h^2/4 = 1/16 at the midpoints
    knots = np.linspace(-1, 1, n + 1)
    assert np.allclose(np.interp(knots, relu_fit[:, 0], relu_fit[:, 1]), knots**2, rtol=0, atol=1e-15)
    assert np.allclose(relu_fit[:, 1], np.interp(relu_fit[:, 0], knots, knots**2), rtol=0, atol=1e-14)
    err_relu = line(bottom, "error-relu").get_ydata()
    assert np.max(np.abs(err_relu)) == pytest.approx(1 / 16, abs=1e-15)
    assert np.allclose(err_relu, relu_fit[:, 1] - xs**2, rtol=0, atol=0)
    # two SwiGLU units: x^2 up to rounding; two ReLU^2 units: x^2 exactly
    swiglu = line(top, "curve-swiglu").get_ydata()
    assert np.all(np.abs(swiglu - xs**2) <= 4 * np.finfo(float).eps * xs**2)
    assert np.array_equal(line(top, "curve-relu2").get_ydata(), xs**2)
    assert np.array_equal(line(bottom, "error-relu2").get_ydata(), np.zeros_like(xs))
    texts = [t.get_text() for t in bottom.get_legend().get_texts()]
    assert texts[0] == r"4 ReLU units: max $|\mathrm{error}|$ = 0.0625"
    assert texts[2].endswith("= 0")
    worst = float(texts[1].rsplit("= ", 1)[1])
    assert 0 <= worst < 1e-15
    render_labels(fig)


def check_ellipse(fig: Any) -> None:
    ax = fig.axes[0]
    A = plotting.approximation._spd(None)
    assert np.allclose(np.sort(1 / np.sqrt(np.linalg.eigvalsh(A))), [1.0, 2.0])  # semi-axes 1 and 2
    _check_polygon(ax, A, relu_units=8)
    exact = line(ax, "ellipse").get_xydata()
    assert np.allclose(np.einsum("ij,jk,ik->i", exact, A, exact), 1.0, rtol=0, atol=1e-12)
    assert fig.legends[0].get_texts()[2].get_text() == "8 ReLU units: a polygon of 8 sides"
    render_labels(fig)


def _quadratic(points: np.ndarray, A: np.ndarray) -> np.ndarray:
    return np.einsum("ij,jk,ik->i", points, A, points)


def _check_polygon(ax: Any, A: np.ndarray, relu_units: int) -> None:
    swiglu = np.concatenate([p.vertices for p in collection(ax, "level-set-swiglu").get_paths()])
    assert len(swiglu) > 200
    # the level set of the four SwiGLU units is the ellipse (up to the contouring of a grid)
    assert np.allclose(_quadratic(swiglu, A), 1.0, rtol=0, atol=2e-3)
    relu = np.concatenate([p.vertices for p in collection(ax, "level-set-relu").get_paths()])
    r = np.sqrt(_quadratic(relu, A))
    sides = relu_units if relu_units % 2 == 0 else 2 * relu_units
    # a polygon inscribed in the ellipse: in the coordinates where the ellipse is the unit circle,
    # its radius runs from cos(pi/sides) at the middle of a side to 1 at a vertex
    assert r.max() == pytest.approx(1.0, abs=3e-3)
    assert r.min() == pytest.approx(math.cos(math.pi / sides), abs=3e-3)
    assert len([ln for ln in ax.lines if ln.get_gid().startswith("kink-")]) == relu_units


def check_geglu_surface(fig: Any) -> None:
    ax = fig.axes[0]
    section = line(ax, "section-value")
    g, v, z = (np.asarray(a) for a in section.get_data_3d())
    assert np.all(v == 2.0)
    assert_curve(np.column_stack([g, z]), lambda t: 2.0 * mp_gelu(t))
    g, v, z = (np.asarray(a) for a in line(ax, "section-gate").get_data_3d())
    assert np.all(g == 2.0)
    assert_curve(np.column_stack([v, z]), lambda t: mp_gelu(2.0) * t)  # a straight line of slope GELU(2)
    g, v, z = (np.asarray(a) for a in line(ax, "section-zero").get_data_3d())
    assert np.all(v == 0) and np.all(z == 0)  # flat along x_v = 0
    (g0,), (v0,), (z0,) = (np.asarray(a) for a in line(ax, "dip").get_data_3d())  # GELU's minimum, on x_v = 2
    assert v0 == 2.0 and mp_gelu_prime(g0) == pytest.approx(0, abs=1e-12) and g0 == pytest.approx(-0.7517915, abs=1e-6)
    assert z0 == pytest.approx(2 * mp_gelu(g0), rel=1e-12) and z0 < 0
    surface = collection(ax, "surface")
    G, V = np.meshgrid(np.linspace(-3, 3, 61), np.linspace(-2, 2, 41))
    Z = np.vectorize(lambda a, b: float(to_mpmath(glusym.get("geglu"))(a, b)))(G, V)
    faces = (Z[:-1, :-1] + Z[1:, :-1] + Z[:-1, 1:] + Z[1:, 1:]) / 4  # each face is coloured by its mean height
    assert np.allclose(np.sort(np.asarray(surface.get_array())), np.sort(faces.ravel()), rtol=0, atol=1e-12)
    norm = surface.norm
    assert norm.vmin == -norm.vmax == pytest.approx(-float(np.max(np.abs(Z))), rel=1e-12)
    render_labels(fig)


def check_geglu_contours(fig: Any) -> None:
    ax = fig.axes[0]
    ls = glusym.level_set(glusym.get("geglu"))
    assert ls.solution == ls.c / glusym.get("gelu")(glusym.x_g)
    levels = (-2.0, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 2.0)
    for c in levels:
        xy = line(ax, f"level-{c:g}").get_xydata()
        finite = xy[np.all(np.isfinite(xy), axis=1)]
        assert len(finite) > 100
        for g, v in sample(finite, 40):  # on the curve, f = c
            assert v * mp_gelu(g) == pytest.approx(c, rel=1e-12)
        assert np.all(np.abs(finite[:, 1]) <= 4.0 + 0.05 * 8.0 + 1e-12)  # cut 5% of the window outside it
        # where x_g < 0 the gate is negative, so the level c is reached with x_v of the other sign
        left = finite[finite[:, 0] < 0]
        assert np.all(np.sign(left[:, 1]) == -np.sign(c))
        if abs(c) <= 0.5:  # |c| / max|GELU on x_g < 0| = |c| / 0.17 <= 4.4: inside the window
            assert len(left) > 0, c
        else:
            assert len(left) == 0, c
    assert line(ax, "level-0-value").get_ydata()[0] == 0 and line(ax, "level-0-gate").get_xdata()[0] == 0
    image = collection(ax, "background")
    G = np.linspace(-4, 4, 321)
    V = np.linspace(-4, 4, 241)
    data = np.asarray(image.get_array())
    for i, j in ((0, 0), (120, 160), (200, 300), (240, 320)):
        assert data[i, j] == pytest.approx(mp_gelu(G[j]) * V[i], rel=1e-12, abs=1e-300)
    render_labels(fig)


def check_geglu_gradient(fig: Any) -> None:
    ax = fig.axes[0]
    q = collection(ax, "gradient")
    grad = glusym.gradient(glusym.get("geglu"))
    assert grad[1] == glusym.get("gelu")(glusym.x_g)
    dg, dv = to_mpmath(grad[0]), to_mpmath(grad[1])  # of (x_g, x_v) and of x_g alone
    X, Y, U, V, M = (np.asarray(a, dtype=float).ravel() for a in (q.X, q.Y, q.U, q.V, q.get_array()))
    assert len(X) == 25 * 19
    checked = 0
    for k in range(0, len(X), 7):
        g, v = X[k], Y[k]
        a, b = float(dg(g, v)), float(dv(g))
        assert a == pytest.approx(v * mp_gelu_prime(g), rel=1e-12, abs=1e-300)
        m = math.hypot(a, b)
        assert M[k] == pytest.approx(m, rel=1e-12, abs=1e-300)
        if m > 0:
            assert U[k] == pytest.approx(a / m, abs=1e-12) and V[k] == pytest.approx(b / m, abs=1e-12)
        checked += 1
    assert checked > 60
    origin = np.argmin(np.hypot(X, Y))
    assert abs(X[origin]) < 1e-12 and abs(Y[origin]) < 1e-12
    assert M[origin] == 0 and U[origin] == 0 and V[origin] == 0  # no arrow where the gradient vanishes
    assert M.max() == pytest.approx(math.hypot(3 * mp_gelu_prime(4), mp_gelu(4)), rel=1e-12)  # at a corner
    assert line(ax, "peak").get_xdata()[0] == SQRT2  # GELU'' = 0, GELU' largest: the widest horizontal arrows
    assert any("√2" in t.get_text() and "1.414" in t.get_text() for t in fig.legends[0].get_texts())
    render_labels(fig)


def check_gate_comparison(fig: Any) -> None:
    a, b, c = fig.axes[:3]
    assert line(a, "hard-plane").get_xdata()[0] == 0
    lo, hi = (line(b, f"band-{k}").get_xdata()[0] for k in (0, 1))
    assert mp_ncdf(lo) == pytest.approx(0.1, abs=1e-14) and mp_ncdf(hi) == pytest.approx(0.9, abs=1e-14)
    assert lo == pytest.approx(-hi, abs=1e-14) and hi == pytest.approx(1.2815515655446004, abs=1e-13)
    assert_curve(line(c, "slice-reglu").get_xydata(), lambda t: max(t, 0.0), abs_=0)
    assert_curve(line(c, "slice-geglu").get_xydata(), mp_gelu)
    assert_curve(line(c, "slope-reglu").get_xydata(), lambda t: 1.0 if t > 0 else 0.0, abs_=0)
    assert_curve(line(c, "slope-geglu").get_xydata(), mp_gelu_prime)
    step = line(c, "slope-reglu").get_xydata()
    assert step[np.argmin(np.abs(step[:, 0])), 1] == 0.0  # relu'(0) = 0, JAX's convention as glusym's
    for ax, name in ((a, "reglu"), (b, "geglu")):
        data = np.asarray(collection(ax, f"map-{name}").get_array())
        ref = to_mpmath(glusym.get(name))
        G = np.linspace(-3, 3, 301)
        for i, j in ((0, 0), (150, 100), (150, 200), (300, 300), (20, 140)):
            assert data[i, j] == pytest.approx(float(ref(G[j], G[i])), rel=1e-12, abs=1e-300)
        assert collection(ax, f"map-{name}").norm.vmin == -4.0
    assert np.all(np.asarray(collection(a, "map-reglu").get_array())[:, :150] == 0)  # nothing where x_g < 0
    render_labels(fig)


def check_gelu_derivative(fig: Any) -> None:
    ax = fig.axes[0]
    curve = line(ax, "curve-gelu-derivative")
    assert_curve(curve.get_xydata(), mp_gelu_prime)
    assert_curve(line(ax, "curve-gelu").get_xydata(), mp_gelu)
    ((x_max, y_max),) = line(ax, "maximum").get_xydata()
    assert x_max == SQRT2  # sqrt(2), correctly rounded
    with mpmath.workdps(40):
        height = mpmath.ncdf(mpmath.sqrt(2)) + mpmath.sqrt(2) * mpmath.npdf(mpmath.sqrt(2))
    assert y_max == float(height)  # Phi(sqrt 2) + sqrt 2 phi(sqrt 2), correctly rounded
    assert y_max == pytest.approx(1.1289041452, abs=1e-10)
    ys = curve.get_ydata()
    assert ys.max() <= y_max + 1e-15 and ys.max() == pytest.approx(y_max, abs=1e-6)
    assert curve.get_xdata()[np.argmax(ys)] == pytest.approx(SQRT2, abs=0.01)
    ((x_min, y_min),) = line(ax, "minimum").get_xydata()
    assert x_min == -SQRT2 and ys.min() >= y_min and y_min == pytest.approx(1 - y_max, abs=1e-15)
    # they sit on the inflections of GELU
    bends = sorted(line(ax, f"inflection-{k}").get_xdata()[0] for k in (0, 1))
    assert bends == [-SQRT2, SQRT2]
    texts = [t.get_text() for t in ax.texts]
    assert any(r"maximum at $x = √2 \approx 1.4142$" in t and "1.1289" in t for t in texts), texts
    render_labels(fig)


CHECKS: dict[str, Callable[[Any], None]] = {
    "activations": check_activations,
    "swish-beta": check_swish_beta,
    "square": check_square,
    "ellipse": check_ellipse,
    "geglu-surface": check_geglu_surface,
    "geglu-contours": check_geglu_contours,
    "geglu-gradient": check_geglu_gradient,
    "gate-comparison": check_gate_comparison,
    "gelu-derivative": check_gelu_derivative,
    **ORDER_CHECKS,
}


# ---------------------------------------------------------------------------------------------
# options and the exact facts behind the figures


def test_activations_takes_any_catalogue_activation_and_refuses_the_rest() -> None:
    fig = plotting.activations(["mish", "hard_swish", "mish"], x_range=(-2, 3))
    curves = [ln for ln in fig.axes[0].lines if ln.get_gid().startswith("curve-")]
    assert [ln.get_gid() for ln in curves] == ["curve-mish", "curve-hardswish"]
    assert curves[0].get_xdata()[0] == -2 and curves[0].get_xdata()[-1] == 3
    ref = to_mpmath(glusym.get("mish"))
    assert_curve(curves[0].get_xydata(), lambda t: float(ref(t)))
    with pytest.raises(glusym.GlusymError, match=r"unknown unit 'swishy'.*the activations are: identity, relu"):
        plotting.activations(["relu", "swishy"])
    with pytest.raises(glusym.GlusymError, match="'swiglu' is a gated unit"):
        plotting.activations(["swiglu"])
    with pytest.raises(glusym.GlusymError, match="at least one"):
        plotting.activations([])


def test_swish_beta_options_and_bad_beta() -> None:
    fig = plotting.swish_beta([3, 0.25], x_range=(-1, 2))
    ax = fig.axes[0]
    ref = to_mpmath(glusym.get("swish", beta="0.25"))
    assert_curve(line(ax, "curve-beta-0.25").get_xydata(), lambda t: float(ref(t)))
    assert line(ax, "curve-beta-3").get_xdata()[-1] == 2
    for bad in ([-1], [float("nan")], [], ["x"]):
        with pytest.raises(glusym.GlusymError, match="beta"):
            plotting.swish_beta(bad)


def test_two_swiglu_units_make_x_squared_exactly() -> None:
    x = glusym.x
    swiglu = glusym.get("swiglu")
    total = swiglu(x, x) + swiglu(-x, -x)
    assert sympy.simplify(glusym.elementary(total) - x**2) == 0
    relu2 = glusym.get("relu2")
    total2 = relu2(x) + relu2(-x)
    p, n = sympy.Symbol("p", positive=True), sympy.Symbol("n", negative=True)
    assert total2.subs(x, p) == p**2 and total2.subs(x, n) == n**2 and total2.subs(x, 0) == 0
    assert sympy.simplify(glusym.elementary(swiglu(x, x)) - x**2) != 0  # one unit alone is not x^2


@pytest.mark.parametrize("n", [1, 3, 4, 7, 16])
def test_relu_interpolant_has_n_units_and_error_h2_over_4(n: int) -> None:
    fit = plotting.relu_interpolant(np.square, (-1.0, 2.0), n)
    assert fit.units == n
    h = 3.0 / n
    xs = np.linspace(-1.0, 2.0, 64 * n + 1)
    assert np.max(np.abs(fit(xs) - xs**2)) == pytest.approx(h * h / 4, rel=1e-12)
    knots = np.linspace(-1.0, 2.0, n + 1)
    assert np.allclose(fit(knots), knots**2, rtol=0, atol=1e-14)
    fig = plotting.square(relu_units=n, x_range=(-1.0, 2.0))
    err = line(fig.axes[1], "error-relu").get_ydata()
    assert np.max(np.abs(err)) == pytest.approx(h * h / 4, rel=1e-12)
    assert len(line(fig.axes[0], "knots").get_xdata()) == n + 1


def test_relu_sum_validates() -> None:
    with pytest.raises(glusym.GlusymError, match="one kink per weight"):
        plotting.ReluSum(0.0, (1.0,), ())
    with pytest.raises(glusym.GlusymError, match="finite"):
        plotting.ReluSum(float("inf"), (), ())
    with pytest.raises(glusym.GlusymError, match="relu_units"):
        plotting.square(relu_units=0)


@pytest.mark.parametrize("n", [5, 6])
def test_ellipse_polygon_has_n_or_2n_sides(n: int) -> None:
    A = [[2.0, 0.5], [0.5, 1.0]]
    fig = plotting.ellipse(relu_units=n, matrix=A)
    _check_polygon(fig.axes[0], np.array(A), relu_units=n)
    sides = n if n % 2 == 0 else 2 * n
    assert fig.legends[0].get_texts()[2].get_text() == f"{n} ReLU units: a polygon of {sides} sides"


def test_ellipse_refuses_a_matrix_that_is_not_an_ellipse() -> None:
    for bad in ([[1, 0], [0, -1]], [[1, 2], [0, 1]], [[1, 0, 0]], "A"):
        with pytest.raises(glusym.GlusymError, match="matrix"):
            plotting.ellipse(matrix=bad)
    with pytest.raises(glusym.GlusymError, match="from 3"):
        plotting.ellipse(relu_units=2)


def test_geglu_contours_refuses_the_zero_level() -> None:
    with pytest.raises(glusym.GlusymError, match="nonzero"):
        plotting.geglu_contours(levels=[0])


# ---------------------------------------------------------------------------------------------
# figure(), save(), write()


def test_figure_names_the_known_figures_and_options() -> None:
    with pytest.raises(glusym.GlusymError) as info:
        plotting.figure("elipse")
    message = str(info.value)
    assert "did you mean: ellipse" in message and "\n" not in message
    for name in plotting.FIGURES:
        assert name in message
    with pytest.raises(glusym.GlusymError, match=r"no option x_range \(--range\); its options: relu_units"):
        plotting.figure("ellipse", x_range=(0, 1))


def test_save_formats_transparency_and_determinism(tmp_path: Path) -> None:
    fig = plotting.figure("square", relu_units=2)
    svg1 = plotting.save(fig, tmp_path / "a.svg").read_bytes()
    svg2 = plotting.save(fig, tmp_path / "b.svg").read_bytes()
    assert svg1 == svg2
    assert plotting.save(fig, tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    opaque = matplotlib.image.imread(plotting.save(fig, tmp_path / "opaque.png"))
    clear = matplotlib.image.imread(plotting.save(fig, tmp_path / "clear.png", transparent=True))
    assert opaque.shape == clear.shape and opaque.shape[2] == 4
    assert opaque[0, 0, 3] == 1.0 and clear[0, 0, 3] == 0.0  # the corner: white, or nothing
    assert opaque.shape[1] == 6.4 * 200  # savefig.dpi of the shared style


def test_save_and_write_refuse_bad_paths_in_one_line(tmp_path: Path) -> None:
    fig = plotting.figure("square", relu_units=2)
    blocker = tmp_path / "file"
    blocker.write_text("")
    cases = [(blocker / "x.svg", "is not a directory"), (tmp_path / "x.gif", "the format is chosen by the suffix"),
             (tmp_path, "the format is chosen by the suffix")]
    for path, why in cases:
        with pytest.raises(glusym.GlusymError, match=why) as info:
            plotting.save(fig, path)
        assert "\n" not in str(info.value)
    (tmp_path / "d.svg").mkdir()
    with pytest.raises(glusym.GlusymError, match="it is a directory"):
        plotting.save(fig, tmp_path / "d.svg")
    with pytest.raises(glusym.GlusymError, match="HTML output is the interactive swish-beta only"):
        plotting.write("square", tmp_path / "x.html")


def _path_points(d: str) -> np.ndarray:
    return np.array([[float(a), float(b)] for a, b in re.findall(r"[ML]([-\d.]+),([-\d.]+)", d)])


def test_swish_beta_html_is_self_contained_and_starts_on_silu(tmp_path: Path) -> None:
    """The page and its stops; tests/test_slider_browser.py reads the drawn curves back in Chromium."""
    path = plotting.write("swish-beta", tmp_path / "slider.html", betas=[0, 0.5, 1, 2, 5])
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<script>") == 1
    assert "src=" not in page and "href=" not in page and "@import" not in page and "url(http" not in page
    assert re.findall(r"https?://[^\s\"']+", page) == ["http://www.w3.org/2000/svg"]  # the SVG namespace only
    stops = json.loads(re.findall(r'class="gs-data">(.*?)</script>', page)[0])
    assert stops[0]["text"] == "β = 0 (x/2)" and stops[-1]["text"] == "β = ∞ (ReLU)"
    start = [s["text"] for s in stops].index("β = 1 (SiLU)")
    assert f'min="0" max="{len(stops) - 1}" step="1" value="{start}"' in page
    curve = re.search(r'<path class="gs-curve" d="([^"]+)" data-beta="1.0"', page)
    assert curve is not None and curve.group(1) == stops[start]["d"]
    with pytest.raises(glusym.GlusymError, match="must be a number >= 0"):
        plotting.swish_beta_html(beta=-1)
    with pytest.raises(glusym.GlusymError, match="finite number >= 0"):
        plotting.swish_beta_html([0, float("nan")])


def test_import_glusym_stays_light() -> None:
    code = "import sys, glusym; print('matplotlib' in sys.modules, 'glusym.plotting' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------------------------
# the command line


def test_cli_list_names_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plot", "--list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [r.split()[0] for r in rows] == list(plotting.FIGURES)
    for row, (what, _) in zip(rows, plotting.FIGURES.values()):
        assert row.endswith(what)


def test_cli_unknown_figure_or_unit_exits_2_naming_the_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plot", "hexagon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("glusym: error: unknown figure 'hexagon'") and err.count("\n") == 1
    for name in plotting.FIGURES:
        assert name in err
    assert main(["plot", "activations", "--units", "relu", "reluu"]) == 2
    err = capsys.readouterr().err
    assert "unknown unit 'reluu'" in err and "relu6" in err and err.count("\n") == 1
    assert main(["plot"]) == 2
    assert "name a figure" in capsys.readouterr().err
    assert main(["plot", "ellipse", "--range", "0", "1"]) == 2
    assert "no option x_range (--range)" in capsys.readouterr().err


def test_cli_unwritable_path_exits_2_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["plot", "square", "-o", str(blocker / "out.svg")]) == 2
    err = capsys.readouterr().err
    assert err == f"glusym: error: cannot write {blocker / 'out.svg'}: {blocker} is not a directory\n"
    assert main(["plot", "square", "-o", str(tmp_path / "out.jpg")]) == 2
    assert "the format is chosen by the suffix" in capsys.readouterr().err


def test_cli_writes_svg_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    out = tmp_path / "act.svg"
    assert main(["plot", "activations", "-o", str(out), "--units", "relu", "gelu", "--transparent"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    text = out.read_text()
    assert 'id="curve-relu"' in text and 'id="curve-gelu"' in text and 'id="curve-silu"' not in text
    monkeypatch.chdir(tmp_path)
    assert main(["plot", "square", "--relu-units", "3"]) == 0  # default: FIGURE.svg here
    assert (tmp_path / "square.svg").read_text().startswith("<?xml")
    assert main(["plot", "swish-beta", "--beta", "0", "3", "-o", "s.html"]) == 0
    assert '"text":"β = 3"' in (tmp_path / "s.html").read_text()  # --beta values are stops


def test_cli_writes_png_as_a_process(tmp_path: Path) -> None:
    out = tmp_path / "ellipse.png"
    r = subprocess.run([sys.executable, "-m", "glusym", "plot", "ellipse", "--relu-units", "6", "-o", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"wrote {out}\n" and r.stderr == ""
    image = matplotlib.image.imread(out)
    width, height = plotting.figure("ellipse", relu_units=6).get_size_inches()
    assert image.shape == (round(height * 200), round(width * 200), 4) and width == plotting.style.WIDTH_IN


def test_cli_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    light, dark = plotting.THEMES["light"], plotting.THEMES["dark"]
    for theme in ("light", "dark", "auto"):
        out = tmp_path / f"{theme}.svg"
        assert main(["plot", "square", "--relu-units", "2", "--theme", theme, "-o", str(out)]) == 0
        text = out.read_text()
        assert "<text" in text and "<path d=\"M 0" not in text.split("<text", 1)[0][-200:]  # text as text
        if theme == "dark":
            assert dark["fg"] in text and light["fg"] not in text and "prefers-color-scheme" not in text
        elif theme == "light":
            assert light["fg"] in text and dark["fg"] not in text and "prefers-color-scheme" not in text
        else:
            assert f"var(--glusym-fg, {light['fg']})" in text and "@media (prefers-color-scheme: dark)" in text
            assert text.count(light["fg"]) == text.count("var(--glusym-fg") + 1  # every one follows the page
    capsys.readouterr()
    assert main(["plot", "square", "--theme", "dark", "-o", str(tmp_path / "x.png")]) == 2
    assert "the dark theme is for SVG" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:  # argparse's choices
        main(["plot", "square", "--theme", "sepia"])
    assert info.value.code == 2 and "invalid choice: 'sepia'" in capsys.readouterr().err

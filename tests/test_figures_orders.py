"""The four figures of polynomial order (glusym.plotting.orders): their data, their written orders,
their options and `plot --all`.

Each curve is read back by its gid and compared, at sample points, with a reference computed in
mpmath at 40 digits from the mathematics written out here (x^(2^L) for ReLU² and the bilinear
stack on x > 0, z²σ(z) and zσ(z) composed layer by layer, mpmath.diff for derivatives), a path
independent of the figures' NumPy layers. The orders written on a figure are compared with
glusym's analyses and with the known facts (k^L, k^L - 1), and each plotted line's fitted slope
on its last decade with the order written beside it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import pytest
import sympy

import glusym
from glusym import plotting
from glusym.cli import main
from glusym.numeric import to_mpmath


def line(ax: Any, gid: str) -> Any:
    found = [ln for ln in ax.lines if ln.get_gid() == gid]
    assert len(found) == 1, (gid, [ln.get_gid() for ln in ax.lines])
    return found[0]


def texts(ax: Any, prefix: str) -> dict[str, str]:
    return {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith(prefix)}


def sample(xy: np.ndarray, k: int = 25) -> np.ndarray:
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    return xy[:: max(1, len(xy) // k)]


def assert_curve(xy: np.ndarray, reference: Callable[[Any], Any], rel: float = 1e-12, abs_: float = 0.0) -> None:
    rows = sample(xy)
    assert len(rows) >= 10
    for x_, y_ in rows:
        with mpmath.workdps(40):
            want = float(reference(mpmath.mpf(float(x_))))
        assert y_ == pytest.approx(want, rel=rel, abs=abs_), (x_, y_, want)


def slope(xy: np.ndarray, end: str = "right") -> float:
    """The least-squares slope of log|y| against log x over the first or last decade drawn."""
    lx, ly = np.log10(xy[:, 0]), np.log10(np.abs(xy[:, 1]))
    keep = lx >= lx[-1] - 1 if end == "right" else lx <= lx[0] + 1
    return float(np.polyfit(lx[keep], ly[keep], 1)[0])


def k_text(order: Any) -> str:
    return {sympy.oo: r"\infty", -sympy.oo: r"-\infty"}.get(order, glusym.latex(sympy.Integer(order) if isinstance(order, int) else order))


# ---------------------------------------------------------------------------------------------
# references, written out


def sig(z: Any) -> Any:
    return 1 / (1 + mpmath.exp(-z))


LAYER: dict[str, Callable[[Any], Any]] = {
    "relu2": lambda z: max(z, 0) ** 2,
    "swiglu": lambda z: z * z * sig(z),  # a gated layer of glusym.stack: alpha(z)*z with alpha = SiLU
    "silu": lambda z: z * sig(z),
    "bilinear": lambda z: z * z,
    "gelu": lambda z: z * mpmath.ncdf(z),
}
#: The order of one layer at +oo (known facts): a stack of L has order K**L.
K = {"relu2": 2, "swiglu": 2, "silu": 1, "bilinear": 2, "gelu": 1}


def stacked(name: str, depth: int) -> Callable[[Any], Any]:
    def f(t: Any) -> Any:
        for _ in range(depth):
            t = LAYER[name](t)
        return t
    return f


def stacked_prime(name: str, depth: int) -> Callable[[Any], Any]:
    f = stacked(name, depth)
    return lambda t: mpmath.diff(f, t)


# ---------------------------------------------------------------------------------------------
# the checks of each figure (used by tests/test_plotting.py's table too)


def check_depth(fig: Any, units: tuple[str, ...] = plotting.DEPTH_UNITS, depths: tuple[int, ...] = plotting.DEPTHS,
                derivative: bool = False, x_range: tuple[float, float] = (1.0, 1e3)) -> None:
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == len(units)
    for ax, name in zip(axes, units):
        unit = glusym.get(name)
        labels = texts(ax, "slope-")
        written: dict[str, str] = {}
        for gid, text in labels.items():
            for curve in gid[len("slope-"):].split("+"):
                written[curve] = text
        assert sorted(written) == sorted(f"curve-{name}-depth{L}" for L in depths)
        minus = []
        for L in depths:
            ln = line(ax, f"curve-{name}-depth{L}")
            xy = ln.get_xydata()
            assert xy[0, 0] == pytest.approx(x_range[0]) and xy[-1, 0] == pytest.approx(x_range[1])
            ref = stacked_prime(name, L) if derivative else stacked(name, L)
            assert_curve(xy, lambda t, ref=ref: abs(ref(t)), rel=1e-11)
            p = glusym.growth_profile(glusym.stack(unit, L))
            order = p.derivative_plus.order if derivative else p.plus.order
            known = (K[name] ** L - 1 if K[name] > 1 else 0) if derivative else K[name] ** L
            assert order == known, (name, L, order)  # glusym's order is the known k^L (k^L - 1 for f')
            assert written[ln.get_gid()] == f"$k = {k_text(order)}$"
            assert slope(xy) == pytest.approx(float(order), abs=0.01), (name, L)  # the line has that slope
            minus.append(p.derivative_minus.order if derivative else p.minus.order)
        (note,) = texts(ax, f"minus-{name}").values()
        if len(set(minus)) == 1:
            assert note == f"as $x \\to -\\infty$:\n$k = {k_text(minus[0])}$ at every $L$"
        else:
            assert note == "as $x \\to -\\infty$:\n$k = " + ", ".join(map(k_text, minus)) + "$"
    fig.canvas.draw()


def check_depth_order(fig: Any) -> None:
    check_depth(fig)
    silu = texts(fig.axes[2], "slope-")  # SiLU's four lines end together, at order 1: one label
    assert list(silu.values()) == ["$k = 1$"] and list(silu)[0].count("+") == 3
    bilinear = [glusym.growth_profile(glusym.stack(glusym.get("bilinear"), L)).minus.order for L in plotting.DEPTHS]
    assert bilinear == [2, 4, 8, 16]  # x_g x_v along x_g = x_v = x is even: the same order at -oo


def check_gradient_growth(fig: Any) -> None:
    check_depth(fig, derivative=True)


def check_relu2_vs_swiglu(fig: Any) -> None:
    top, bottom = fig.axes
    x = glusym.x
    swiglu = glusym.stack(glusym.get("swiglu"), 1)
    assert sympy.simplify(swiglu.expr - x**2 * glusym.sigmoid(x)) == 0
    assert_curve(line(top, "curve-swiglu").get_xydata(), lambda t: t * t * sig(t))
    assert_curve(line(top, "curve-relu2").get_xydata(), lambda t: max(t, 0) ** 2, rel=1e-15)
    assert_curve(line(top, "curve-square").get_xydata(), lambda t: t * t, rel=1e-15)
    assert_curve(line(bottom, "ratio-swiglu").get_xydata(), sig, rel=1e-12)
    assert_curve(line(bottom, "ratio-relu2").get_xydata(), lambda t: 1 if t > 0 else 0, rel=1e-15)
    assert 0.0 not in line(top, "curve-swiglu").get_xdata()  # no 0/0 in the ratios
    labels = {ln.get_gid(): ln.get_label() for ln in top.lines}
    # the orders of the legend: glusym's, and the known facts
    for gid, obj, (plus, minus) in (("curve-swiglu", swiglu, (2, -sympy.oo)),
                                    ("curve-relu2", glusym.get("relu2"), (2, -sympy.oo)),
                                    ("curve-square", glusym.stack(glusym.get("bilinear"), 1), (2, 2))):
        a = glusym.asymptotes(obj)
        assert (a.plus.growth_order, a.minus.growth_order) == (plus, minus)
        assert f"$+\\infty$: ${k_text(plus)}$, $-\\infty$: ${k_text(minus)}$" in labels[gid]
    assert labels["curve-swiglu"].endswith(r"($\sim x^{2} e^{x}$), $0$: $2$")  # x^2/2 + ... at 0
    assert glusym.taylor(swiglu, order=3).polynomial == x**2 / 2
    assert labels["curve-relu2"].endswith(r"$0^+$: $2$, $0^-$: $\equiv 0$")
    assert labels["curve-square"].endswith("$0$: $2$")
    ratios = [t.get_text() for t in bottom.get_legend().get_texts()]
    assert ratios == [r"$\mathrm{ReLU}^2(x)/x^2 = H(x)$", r"$\mathrm{SwiGLU}(x, x)/x^2 = \sigma(x)$"]
    fig.canvas.draw()


#: The orders of alpha -> beta = x*alpha at 0+, +oo and -oo (known facts).
RAISED = {
    "identity": ((1, 2), (1, 2), (1, 2)),
    "relu": ((1, 2), (1, 2), (-sympy.oo, -sympy.oo)),
    "sigmoid": ((0, 1), (0, 1), (-sympy.oo, -sympy.oo)),
    "silu": ((1, 2), (1, 2), (-sympy.oo, -sympy.oo)),
    "gelu": ((1, 2), (1, 2), (-sympy.oo, -sympy.oo)),
    "tanh": ((1, 2), (0, 1), (0, 1)),
    "softplus": ((0, 1), (1, 2), (-sympy.oo, -sympy.oo)),
}


def check_order_raising(fig: Any, units: tuple[str, ...] = plotting.RAISED_UNITS) -> None:
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == len(units)
    for ax, name in zip(axes, units):
        alpha = glusym.get(name)
        beta = glusym.order_raise(alpha)
        assert sympy.simplify(beta.expr - glusym.x * alpha.expr) == 0
        a_line, b_line = line(ax, f"curve-{name}"), line(ax, f"curve-x_{name}")
        ref = to_mpmath(alpha)
        assert_curve(a_line.get_xydata(), lambda t: abs(ref(t)), rel=1e-12)
        assert_curve(b_line.get_xydata(), lambda t: abs(t * ref(t)), rel=1e-12)
        assert a_line.get_linestyle() != b_line.get_linestyle()
        (text,) = texts(ax, f"orders-{name}").values()
        pa, pb = glusym.growth_profile(alpha), glusym.growth_profile(beta)
        derived = ((dict(pa.at_zero).get("x", dict(pa.at_zero).get("x > 0")),
                    dict(pb.at_zero).get("x", dict(pb.at_zero).get("x > 0"))),
                   (pa.plus.order, pb.plus.order), (pa.minus.order, pb.minus.order))
        assert derived == RAISED[name], name
        assert text.splitlines() == [f"${w}$: ${k_text(a)} \\to {k_text(b)}$" for w, (a, b) in
                                     zip(("0^+", r"+\infty", r"-\infty"), RAISED[name])]
        (zero_a, zero_b), (inf_a, inf_b), _ = RAISED[name]
        for ln, at0, atinf in ((a_line, zero_a, inf_a), (b_line, zero_b, inf_b)):
            assert slope(ln.get_xydata(), "left") == pytest.approx(at0, abs=0.02), (ln.get_gid(), "0+")
            assert slope(ln.get_xydata(), "right") == pytest.approx(atinf, abs=0.02), (ln.get_gid(), "+oo")
    fig.canvas.draw()


CHECKS: dict[str, Callable[[Any], None]] = {
    "depth-order": check_depth_order,
    "gradient-growth": check_gradient_growth,
    "relu2-vs-swiglu": check_relu2_vs_swiglu,
    "order-raising": check_order_raising,
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_figure_data_and_orders_are_glusyms(name: str) -> None:
    CHECKS[name](plotting.figure(name))


# ---------------------------------------------------------------------------------------------
# options


def test_depth_options_change_the_lines() -> None:
    fig = plotting.depth_order(["gelu", "bilinear"], depths=[5, 2], x_range=(2, 50))
    check_depth(fig, ("gelu", "bilinear"), (2, 5), x_range=(2.0, 50.0))
    assert {ln.get_gid() for ln in fig.axes[1].lines} == {"curve-bilinear-depth2", "curve-bilinear-depth5"}
    assert sorted(texts(fig.axes[1], "slope-").values()) == ["$k = 32$", "$k = 4$"]
    fig = plotting.gradient_growth("swiglu", depths=6)
    check_depth(fig, ("swiglu",), (6,), derivative=True)
    assert list(texts(fig.axes[0], "slope-").values()) == ["$k = 63$"]


def test_order_raising_options() -> None:
    fig = plotting.order_raising(["softplus", "relu"], x_range=(1e-4, 1e4))
    check_order_raising(fig, ("softplus", "relu"))
    assert line(fig.axes[0], "curve-x_softplus").get_xdata()[-1] == pytest.approx(1e4)


def test_relu2_vs_swiglu_range() -> None:
    fig = plotting.relu2_vs_swiglu(x_range=(-1, 2))
    xs = line(fig.axes[0], "curve-swiglu").get_xdata()
    assert xs[0] == -1 and xs[-1] == 2 and len(xs) == 1601
    assert 0.0 in np.linspace(-2, 2, 1601)
    fig = plotting.relu2_vs_swiglu(x_range=(-2, 2))  # a grid through 0: the ratios skip it
    xs = line(fig.axes[0], "curve-swiglu").get_xdata()
    assert 0.0 not in xs and len(xs) == 1600
    assert np.all(np.isfinite(line(fig.axes[1], "ratio-swiglu").get_ydata()))


@pytest.mark.parametrize("builder, options, message", [
    (plotting.depth_order, {"depths": [0]}, "a depth must be from 1 to 6, got 0"),
    (plotting.depth_order, {"depths": [7]}, "a depth must be from 1 to 6, got 7"),
    (plotting.depth_order, {"depths": [2.5]}, "a depth must be a whole number"),
    (plotting.depth_order, {"depths": []}, "at least one depth"),
    (plotting.depth_order, {"depths": "12"}, "depths takes a list of whole numbers"),
    (plotting.depth_order, {"units": ["swigl"]}, r"unknown unit 'swigl' \(did you mean: swiglu\?\)"),
    (plotting.depth_order, {"units": []}, "at least one unit"),
    (plotting.depth_order, {"x_range": (0, 10)}, "must be positive, LOW > 0"),
    (plotting.gradient_growth, {"x_range": (10, 1)}, "LOW < HIGH"),
    (plotting.depth_order, {"units": ["bilinear"], "depths": [6], "x_range": (1, 1e5)},
     "6 stacked layers of bilinear pass the range of double precision"),
    (plotting.order_raising, {"units": ["swiglu"]}, "'swiglu' is a gated unit"),
    (plotting.order_raising, {"x_range": (-1, 1)}, "must be positive"),
    (plotting.relu2_vs_swiglu, {"x_range": (1, float("nan"))}, "two finite numbers"),
])
def test_bad_options_are_one_line_errors(builder: Any, options: dict[str, Any], message: str) -> None:
    with pytest.raises(glusym.GlusymError, match=message) as info:
        builder(**options)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# plot --all


def test_plot_all_writes_one_file_per_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new" / "figures"  # made, parents too
    assert main(["plot", "--all", "-o", str(out), "--transparent"]) == 0
    printed = capsys.readouterr().out.splitlines()
    want = [out / f"{name}.svg" for name in plotting.FIGURES] + [out / "swish-beta.html"]
    assert printed == [f"wrote {p}" for p in want]
    assert sorted(out.iterdir()) == sorted(want)
    for name in plotting.FIGURES:
        text = (out / f"{name}.svg").read_text()
        assert text.startswith("<?xml") and "<svg" in text
    assert 'id="curve-swiglu-depth4"' in (out / "depth-order.svg").read_text()
    assert (out / "swish-beta.html").read_text().startswith("<!DOCTYPE html>")


def test_plot_all_refuses_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cases = [(["--all", "-o", str(blocker / "d")], f"cannot write to {blocker / 'd'}: Not a directory"),
             (["--all", "-o", str(blocker)], f"cannot write to {blocker}: File exists"),
             (["--all", "square", "-o", str(tmp_path)], "--all writes every figure: name no figure (got 'square')"),
             (["--all"], "--all needs -o DIR, the folder to write the figures to"),
             (["--all", "-o", str(tmp_path), "--range", "1", "2"], "--all draws every figure with its defaults: it takes no figure options (--range)")]
    for argv, message in cases:
        assert main(["plot", *argv]) == 2
        captured = capsys.readouterr()
        assert captured.err == f"glusym: error: {message}\n", argv
        assert captured.out == ""
    assert list(tmp_path.iterdir()) == [blocker]  # nothing written

r"""x² exactly from two SwiGLU units and from two ReLU² units; n ReLU units only approach it, error ∝ 1/n².

The post (swiglu-intuition.md) plans a figure here:

> [1d x^2 relu vs swiglu]

Checked: x² = SwiGLU(x, x) + SwiGLU(−x, −x) and x² = ReLU²(x) + ReLU²(−x), symbolically; ReLU
units are piecewise linear, so no finite number of them is x²: the best they do on an interval is
a piecewise-linear interpolant, whose maximum error is computed here for several n (the units
evaluated with glusym.to_numpy) and its decay exponent fitted by least squares on log-log axes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Derivation  # noqa: E402
from glusym import x  # noqa: E402

UNITS = (4, 8, 16, 32, 64, 128)
LO, HI = -1.0, 1.0


def relu_interpolant(n: int) -> tuple[np.ndarray, np.ndarray, float]:
    """n ReLU units c_k·ReLU(x − t_k) plus a bias that interpolate x² at n + 1 equispaced knots of [LO, HI]:
    (knots t_k of the units, their output weights c_k, the bias)."""
    knots = np.linspace(LO, HI, n + 1)
    slopes = np.diff(knots**2) / np.diff(knots)
    weights = np.concatenate([[slopes[0]], np.diff(slopes)])  # the slope added at each knot
    return knots[:-1], weights, float(knots[0] ** 2)


def main() -> None:
    d = Derivation(__doc__)
    swiglu, relu2, relu = glusym.get("swiglu"), glusym.get("relu2"), glusym.get("relu")

    d.section("1. Two SwiGLU units")
    pair = swiglu(x, x) + swiglu(-x, -x)
    d.show("SwiGLU(x, x) + SwiGLU(−x, −x)", pair)
    d.check(sympy.simplify(glusym.elementary(pair - x**2)) == 0,
            "= x²·(σ(x) + σ(−x)) = x² exactly (gate and value weights w_i = w_j = ±1)")
    d.tex("swiglu", r"x^{2} = \text{SwiGLU}\left(x, x\right) + \text{SwiGLU}\left(- x, - x\right)")

    d.section("2. Two ReLU² units")
    pair2 = relu2(x) + relu2(-x)
    d.show("ReLU²(x) + ReLU²(−x)", pair2)
    p = sympy.Symbol("p", positive=True)
    exact2 = all(sympy.simplify((pair2 - x**2).subs(x, v)) == 0 for v in (p, -p, 0))
    d.check(exact2, "= x² exactly: for x > 0, for x < 0 and at 0")
    d.tex("relu2", r"x^{2} = \text{ReLU}^{2}\left(x\right) + \text{ReLU}^{2}\left(- x\right)")

    d.section("3. n ReLU units: the piecewise-linear interpolant on [−1, 1]")
    d.say("""Every sum of ReLU units is piecewise linear, and x² is linear on no interval, so no finite
             sum equals it. With n units c_k·ReLU(x − t_k) (knots t_k = −1 + 2k/n) plus a bias one gets
             the interpolant of x² at the n + 1 knots; its maximum error on [−1, 1] is measured on a
             grid that contains every segment's midpoint.""")
    f_relu = glusym.to_numpy(relu)
    rows, errors = [], []
    for n in UNITS:
        t, c, bias = relu_interpolant(n)
        grid = np.linspace(LO, HI, 64 * n + 1)
        approx = bias + (c[:, None] * f_relu(grid[None, :] - t[:, None])).sum(axis=0)
        err = float(np.max(np.abs(approx - grid**2)))
        errors.append(err)
        rows.append((n, f"{err:.6e}", f"{err * n**2:.6f}"))
    d.table(("units n", "max |x² − interpolant|", "error × n²"), rows)
    slope, intercept = np.polyfit(np.log(UNITS), np.log(errors), 1)
    d.show("least-squares fit log(error) = a + p·log(n)", f"p = {slope:.6f}, a = {intercept:.6f}")
    d.check(abs(slope + 2) < 0.01, f"the fitted exponent p = {slope:.4f} ≈ −2: the error falls as 1/n²")
    d.check(abs(np.exp(intercept) - 1) < 0.01,
            f"and its constant e^a = {np.exp(intercept):.4f} ≈ 1: error ≈ (h/2)² = 1/n² with h = 2/n")
    d.holds("[1d x^2 relu vs swiglu]",
            abs(slope + 2) < 0.01 and sympy.simplify(glusym.elementary(pair - x**2)) == 0,
            "x² = SwiGLU(x, x) + SwiGLU(−x, −x) = ReLU²(x) + ReLU²(−x) exactly with two units; n ReLU units "
            f"only interpolate it, with maximum error on [−1, 1] fitted as ∝ n^{slope:.3f} (≈ 1/n², "
            "computed for n = 4 … 128)")
    d.tex("relu-error", r"E_{n} = \frac{1}{n^{2}}")
    d.figure("square", relu_units=UNITS[0])
    d.finish()


if __name__ == "__main__":
    main()

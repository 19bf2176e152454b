r"""x² exactly from two SwiGLU units and from two ReLU² units; n ReLU units only approach it, error ∝ 1/n².

The post (swiglu-intuition.md) plans a figure here:

> [1d x^2 relu vs swiglu]

Checked: x² = SwiGLU(x, x) + SwiGLU(−x, −x) and x² = ReLU²(x) + ReLU²(−x), symbolically; ReLU
units are piecewise linear, so no finite number of them is x². With n units whose knots cut
[−1, 1] into n equal pieces, the interpolant of x² at the knots misses by h²/4 (h = 2/n, at each
midpoint); the best such sum is that interpolant lowered by h²/8, whose error h²/8 = 1/(2n²) is half
as large: it is computed symbolically on one piece (x² minus any line has second difference h²/2
on a piece, so no line does better than h²/8, and the lowered chord equioscillates at ±h²/8), and
measured for several n (the units evaluated with glusym.to_numpy), its decay exponent fitted by
least squares on log-log axes. The verdict on the passage is the ledger's (derivations/ledger),
whose sub-claims compute the same: the two exact pairs, ReLU's pieces, and the best error 1/(2n²).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x  # noqa: E402
from glusym.approximants import relu_interpolant  # noqa: E402

UNITS = (4, 8, 16, 32, 64, 128)
LO, HI = -1.0, 1.0


def main() -> None:
    d = Script(__doc__)
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

    d.section("3. One piece: the interpolant's error, and the best a line does")
    d.say("""On a piece [a, a + h] the chord of x² (the interpolant) is ℓ(x) = a² + (2a + h)(x − a). No line
             does better than h²/8 there: for any line p·x + q, the error e = x² − (p·x + q) has the
             second difference e(a) − 2e(a + h/2) + e(a + h) = h²/2 whatever p and q are, so one of the
             three values is at least h²/8 in size. The chord lowered by h²/8 reaches that bound: its
             error equioscillates, ±h²/8 at a, a + h/2, a + h (Chebyshev: the best line).""")
    a, h, pp, qq = sympy.Symbol("a", real=True), sympy.Symbol("h", positive=True), *sympy.symbols("p q", real=True)
    chord = a**2 + (2 * a + h) * (x - a)
    e_any = x**2 - (pp * x + qq)
    second = sympy.simplify(e_any.subs(x, a) - 2 * e_any.subs(x, a + h / 2) + e_any.subs(x, a + h))
    d.show("second difference of x² − (p·x + q) on [a, a + h]", second)
    d.check(second == h**2 / 2, "= h²/2 for every line: max |x² − line| >= (h²/2)/4 = h²/8 on every piece")
    e_chord = sympy.factor(x**2 - chord)
    vertex = sympy.solve(sympy.diff(e_chord, x), x)
    d.show("x² − chord", e_chord)
    interp_err = sympy.simplify(-e_chord.subs(x, a + h / 2))
    d.check(vertex == [a + h / 2] and interp_err == h**2 / 4 and e_chord.subs(x, a) == 0,
            "the interpolant is exact at the knots and misses by h²/4 at the midpoint a + h/2, its largest error")
    lowered = chord - h**2 / 8
    e_best = sympy.expand(lowered - x**2)
    points = (a, a + h / 2, a + h)
    values = [sympy.simplify(e_best.subs(x, t)) for t in points]
    d.show("(chord − h²/8) − x² at a, a + h/2, a + h", values)
    best_err = sympy.simplify(-values[0])
    # a convex error (x² minus a line) is largest in size at the ends and at its one stationary point
    d.check(values == [-h**2 / 8, h**2 / 8, -h**2 / 8] and sympy.solve(sympy.diff(e_best, x), x) == [a + h / 2],
            "the lowered chord equioscillates, −h²/8, +h²/8, −h²/8: its maximum error h²/8 is the bound, so it is "
            "the best line on the piece")
    d.check(sympy.simplify(best_err / interp_err) == sympy.Rational(1, 2), "h²/8 = half the interpolant's h²/4")
    m = sympy.Symbol("m", positive=True, integer=True)
    piece_bound = best_err.subs(h, 2 / m)  # [−1, 1] has width 2
    d.show("with m pieces, some piece has width >= 2/m, so no m-piece function does better than", piece_bound)
    d.check(sympy.simplify(piece_bound - 1 / (2 * m**2)) == 0,
            "any piecewise-linear function of m pieces misses x² on [−1, 1] by at least 1/(2m²), the lowered "
            "interpolant at m equal pieces by exactly that; n ReLU units plus a bias make at most n + 1 pieces")

    d.section("4. n ReLU units on [−1, 1]: the interpolant and the best with the same knots")
    d.say("""Every sum of ReLU units is piecewise linear, and x² is linear on no interval, so no finite
             sum equals it. With n units c_k·ReLU(x − t_k) (knots t_k = −1 + 2k/n, so n equal pieces of
             width h = 2/n on [−1, 1]) plus a bias one gets the interpolant of x² at the n + 1 knots;
             lowering the bias by h²/8 gives the best sum with these knots (section 3, piece by piece).
             Both maximum errors on [−1, 1] are measured on a grid that contains every knot and every
             segment's midpoint.""")
    f_relu = glusym.to_numpy(relu)
    rows, interp_errors, best_errors = [], [], []
    for n in UNITS:
        fit = relu_interpolant(np.square, (LO, HI), n)  # n units c_k·ReLU(x − t_k) and a bias, exact at n + 1 knots
        t, c, bias = np.array(fit.kinks), np.array(fit.weights), fit.bias
        step = (HI - LO) / n
        grid = np.linspace(LO, HI, 64 * n + 1)
        approx = bias + (c[:, None] * f_relu(grid[None, :] - t[:, None])).sum(axis=0)
        interp = float(np.max(np.abs(approx - grid**2)))
        best_curve = approx - step**2 / 8
        best = float(np.max(np.abs(best_curve - grid**2)))
        # equioscillation: −h²/8 at the n + 1 knots, +h²/8 at the n midpoints (every 32nd grid point)
        signed = (best_curve - grid**2)[::32] / (step**2 / 8)
        alternates = bool(np.allclose(signed, [(-1) ** (k + 1) for k in range(2 * n + 1)], atol=1e-9))
        d.check(alternates and abs(best - interp / 2) < 1e-12,
                f"n = {n}: the lowered interpolant's error alternates −h²/8, +h²/8 at the {2 * n + 1} knots and "
                f"midpoints, and its maximum {best:.6e} is half the interpolant's {interp:.6e}")
        interp_errors.append(interp)
        best_errors.append(best)
        rows.append((n, f"{interp:.6e}", f"{interp * n**2:.6f}", f"{best:.6e}", f"{best * n**2:.6f}"))
    d.table(("units n", "max |x² − interpolant|", "× n²", "max |x² − best|", "× n²"), rows)
    slope, intercept = np.polyfit(np.log(UNITS), np.log(best_errors), 1)
    islope, iintercept = np.polyfit(np.log(UNITS), np.log(interp_errors), 1)
    d.show("least-squares fit log(best error) = a + p·log(n)", f"p = {slope:.6f}, a = {intercept:.6f}")
    d.show("the same fit for the interpolant", f"p = {islope:.6f}, a = {iintercept:.6f}")
    d.check(abs(slope + 2) < 0.01, f"the fitted exponent p = {slope:.4f} ≈ −2: the error falls as 1/n²")
    d.check(abs(np.exp(intercept) - 0.5) < 0.01 and abs(np.exp(iintercept) - 1) < 0.01,
            f"and its constant e^a = {np.exp(intercept):.4f} ≈ 1/2: the best error is h²/8 = 1/(2n²) with h = 2/n, "
            f"half the interpolant's (h/2)² = 1/n² (its constant: {np.exp(iintercept):.4f})")
    d.check(abs(slope + 2) < 0.01 and abs(np.exp(intercept) - 0.5) < 0.01
            and sympy.simplify(glusym.elementary(pair - x**2)) == 0 and exact2,
            "x² is two SwiGLU units, or two ReLU² units, exactly; n ReLU units only approach it")
    d.show("in short", "x² = SwiGLU(x, x) + SwiGLU(−x, −x) = ReLU²(x) + ReLU²(−x) exactly with two units; with knots "
                       "cutting [−1, 1] into n equal pieces the interpolant misses by 1/n² and "
                       "the best sum, the interpolant lowered by h²/8, by half that, 1/(2n²) "
                       f"(fitted ∝ n^{slope:.3f} with constant {np.exp(intercept):.4f}, n = 4 … 128)")
    d.claim("[1d x^2 relu vs swiglu]")
    d.tex("relu-error", r"E_{n} = \frac{1}{2 n^{2}}")
    d.figure("square", relu_units=UNITS[0])
    d.finish()


if __name__ == "__main__":
    main()

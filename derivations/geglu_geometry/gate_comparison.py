r"""The thread's "Comparisons & intuition": the ReLU gate (ReGLU) against the GELU gate (GEGLU).

The thread (geglu-geometry.txt) states:

> ReLU gate: sharp half-space clipping
> output lies on two flat half-cones separated by a hard plane
> replaces that plane by a sigmoidal transition band, bending the cone walls smoothly
> The resulting surface is everywhere differentiable
> outputs shrink continuously to zero as any gate coordinate drifts negative

Checked on glusym's reglu = glu(relu) and geglu = glu(gelu): ReGLU is 0 on a half-plane (clipping,
glusym.stationary_sets) and the saddle x_g·x_v on the other, whose Gaussian curvature is computed
and is not 0, so no flat cone; GEGLU is x_g·x_v·Φ(x_g), the step H(x_g) replaced by the sigmoid
Φ(x_g); ReGLU's x_g-slope jumps across x_g = 0 while GEGLU's gradient is continuous; and the GELU
gate's approach to 0 on the left (glusym.extrema) is not monotone.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Derivation  # noqa: E402
from glusym import Phi, x_g, x_v  # noqa: E402


def gaussian_curvature(f: sympy.Expr) -> sympy.Expr:
    """K of the graph z = f(x_g, x_v): (f_gg f_vv − f_gv²)/(1 + f_g² + f_v²)²."""
    fg, fv = sympy.diff(f, x_g), sympy.diff(f, x_v)
    num = sympy.diff(f, x_g, 2) * sympy.diff(f, x_v, 2) - sympy.diff(f, x_g, x_v) ** 2
    return sympy.simplify(num / (1 + fg**2 + fv**2) ** 2)


def main() -> None:
    d = Derivation(__doc__)
    reglu, geglu = glusym.get("reglu"), glusym.get("geglu")
    p = sympy.Symbol("p", positive=True)

    d.section("1. The ReLU gate: ReGLU(x_g, x_v) = ReLU(x_g)·x_v")
    d.show("glusym.get('reglu').expr", reglu.expr)
    flat = glusym.stationary_sets(reglu)
    d.show("glusym.stationary_sets(reglu)", flat)
    left, right = reglu.expr.subs(x_g, -p), reglu.expr.subs(x_g, p)
    d.check(left == 0 and [s.region for s in flat] == ["x_g < 0"],
            "ReGLU = 0 on the whole half-plane x_g <= 0: everything there is clipped to 0")
    d.holds("ReLU gate: sharp half-space clipping", left == 0 and reglu.expr.subs(x_g, 0) == 0,
            "ReGLU(x_g, x_v) = 0 on the half-plane x_g <= 0 and x_g·x_v on x_g > 0")
    K_right = gaussian_curvature(right.subs(p, x_g))
    d.show("Gaussian curvature of the piece z = x_g·x_v (x_g > 0)", K_right)
    d.check(K_right == -1 / (x_g**2 + x_v**2 + 1) ** 2,
            "K = −1/(1 + x_g² + x_v²)² < 0 everywhere on the x_g > 0 piece: curved like a saddle, and a cone "
            "(K = 0) it is not")
    d.check(gaussian_curvature(sympy.S.Zero) == 0, "the x_g <= 0 piece is the flat half-plane z = 0 (K = 0)")
    fg = sympy.diff(reglu.expr, x_g)
    jump = (sympy.simplify(fg.subs(x_g, p)), sympy.simplify(fg.subs(x_g, -p)))
    d.show("∂ReGLU/∂x_g just right and just left of x_g = 0", jump)
    d.check(jump == (x_v, 0), "the x_g-slope jumps from 0 to x_v across x_g = 0: a crease wherever x_v ≠ 0")
    d.fails("output lies on two flat half-cones separated by a hard plane", K_right != 0,
            "the graph of ReGLU is the flat half-plane z = 0 (x_g <= 0) joined, along a crease over x_g = 0, to the "
            "saddle z = x_g·x_v (x_g > 0), a piece of hyperbolic paraboloid with Gaussian curvature "
            "−1/(1 + x_g² + x_v²)² ≠ 0: not two flat half-cones")

    d.section("2. The GELU gate: the step H(x_g) becomes the sigmoid Φ(x_g)")
    d.check(sympy.expand(geglu.expr - x_g * x_v * Phi(x_g)) == 0 and right == p * x_v,
            "ReGLU = x_g·x_v·H(x_g) and GEGLU = x_g·x_v·Φ(x_g)")
    band = sympy.N(Phi(-2), 6)
    d.check(band < 0.023, f"|Φ(x_g) − H(x_g)| = Φ(−|x_g|) <= Φ(−2) = {band} for |x_g| >= 2: the two differ in a "
                          "band around x_g = 0")
    d.holds("replaces that plane by a sigmoidal transition band", band < 0.023,
            "GEGLU = x_g·x_v·Φ(x_g) is ReGLU = x_g·x_v·H(x_g) with the step H replaced by the sigmoid Φ; they differ "
            f"by x_g·x_v·(Φ − H), with |Φ − H| <= {band} outside the band |x_g| < 2")
    K0 = gaussian_curvature(geglu.expr).subs({x_g: 0, x_v: 0})
    d.show("GEGLU's Gaussian curvature at the origin", K0)
    d.check(K0 == sympy.Rational(-1, 4), "GEGLU is curved (a saddle) too: K(0, 0) = −1/4")

    d.section("3. Everywhere differentiable")
    t = glusym.taylor(geglu, order=3)
    grad = glusym.gradient(geglu)
    d.check(t.analytic and not any(g.has(sympy.Piecewise) for g in grad),
            "GEGLU is built from x and Φ (entire): analytic everywhere, its gradient continuous, no crease")
    d.holds("The resulting surface is everywhere differentiable", t.analytic,
            "GEGLU = x_g·x_v·Φ(x_g) is analytic on all of R² (its Taylor series at 0 is two-sided), while ReGLU's "
            "x_g-slope jumps from 0 to x_v across x_g = 0")

    d.section("4. 'Outputs shrink continuously to zero as any gate coordinate drifts negative'")
    gelu = glusym.get("gelu")
    (minimum,) = glusym.extrema(gelu)
    path = [(g, sympy.N(gelu(g), 6)) for g in (0, sympy.Rational(-1, 4), sympy.Rational(-3, 4), -2, -4)]
    d.table(("gate g", "GELU(g), the factor on the value"), path)
    d.check(abs(path[2][1]) > abs(path[1][1]) > abs(path[0][1]) and abs(path[4][1]) < abs(path[3][1]) < abs(path[2][1]),
            f"|GELU(g)| first grows as g goes from 0 to {sympy.N(minimum.at[0][1], 6)} (to {sympy.N(-minimum.value, 6)}), "
            "then shrinks to 0")
    d.partly("outputs shrink continuously to zero as any gate coordinate drifts negative", minimum.value < 0,
             "as a gate coordinate g → −∞ the output GELU(g)·v → 0 (exponentially), but not monotonically: "
             f"from g = 0 down to g = {sympy.N(minimum.at[0][1], 6)} the factor |GELU(g)| grows, to "
             f"{sympy.N(-minimum.value, 6)}, with the sign of the output flipped, before it shrinks")
    d.tex("reglu", r"\text{ReGLU}\left(x_{g}, x_{v}\right) = x_{g} x_{v} H\left(x_{g}\right)")
    d.tex("geglu", glusym.latex(geglu))
    d.figure("gate-comparison")
    d.finish()


if __name__ == "__main__":
    main()

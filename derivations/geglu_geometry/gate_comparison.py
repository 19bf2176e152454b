r"""The thread's "Comparisons & intuition": the ReLU gate (ReGLU) against the GELU gate (GEGLU).

The thread (geglu-geometry.txt) states:

> ReLU gate: sharp half-space clipping
> output lies on two flat half-cones separated by a hard plane
> replaces that plane by a sigmoidal transition band, bending the cone walls smoothly
> The resulting surface is everywhere differentiable, giving GeGLU its smoother optimization landscape while still preserving a gating geometry
> outputs shrink continuously to zero as any gate coordinate drifts negative

Checked on glusym's reglu = glu(relu) and geglu = glu(gelu): ReGLU is 0 on a half-plane (clipping,
glusym.stationary_sets), a flat half-cone, and the saddle x_g·x_v on the other, whose Gaussian
curvature is computed and is not 0, so no flat half-cone there; the two meet in a crease over
x_g = 0. GEGLU is x_g·x_v·Φ(x_g), the step H(x_g) replaced by the sigmoid Φ(x_g), curved and smooth;
ReGLU's x_g-slope jumps across x_g = 0 while GEGLU's gradient is continuous (the optimisation
landscape that follows is an empirical matter); GEGLU is still the value times a factor of the gate
alone, which goes to 0 on the left; and that approach to 0 (glusym.extrema) is not monotone.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import Phi, x_g, x_v  # noqa: E402


def gaussian_curvature(f: sympy.Expr) -> sympy.Expr:
    """K of the graph z = f(x_g, x_v): (f_gg f_vv − f_gv²)/(1 + f_g² + f_v²)²."""
    fg, fv = sympy.diff(f, x_g), sympy.diff(f, x_v)
    num = sympy.diff(f, x_g, 2) * sympy.diff(f, x_v, 2) - sympy.diff(f, x_g, x_v) ** 2
    return sympy.simplify(num / (1 + fg**2 + fv**2) ** 2)


def main() -> None:
    d = Script(__doc__)
    reglu, geglu = glusym.get("reglu"), glusym.get("geglu")
    p = sympy.Symbol("p", positive=True)

    d.section("1. The ReLU gate: ReGLU(x_g, x_v) = ReLU(x_g)·x_v")
    d.show("glusym.get('reglu').expr", reglu.expr)
    flat = glusym.stationary_sets(reglu)
    d.show("glusym.stationary_sets(reglu)", flat)
    left, right = reglu.expr.subs(x_g, -p), reglu.expr.subs(x_g, p)
    d.check(left == 0 and [s.region for s in flat] == ["x_g < 0"],
            "ReGLU = 0 on the whole half-plane x_g <= 0: everything there is clipped to 0")
    d.claim("ReLU gate: sharp half-space clipping")
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
    d.claim("output lies on two flat half-cones separated by a hard plane")

    d.section("2. The GELU gate: the step H(x_g) becomes the sigmoid Φ(x_g)")
    d.check(sympy.expand(geglu.expr - x_g * x_v * Phi(x_g)) == 0 and right == p * x_v,
            "ReGLU = x_g·x_v·H(x_g) and GEGLU = x_g·x_v·Φ(x_g)")
    band = sympy.N(Phi(-2), 6)
    d.check(band < 0.023, f"|Φ(x_g) − H(x_g)| = Φ(−|x_g|) <= Φ(−2) = {band} for |x_g| >= 2: the two differ in a "
                          "band around x_g = 0")
    d.claim("replaces that plane by a sigmoidal transition band")
    K0 = gaussian_curvature(geglu.expr).subs({x_g: 0, x_v: 0})
    d.show("GEGLU's Gaussian curvature at the origin", K0)
    d.check(K0 == sympy.Rational(-1, 4), "GEGLU is curved (a saddle) too: K(0, 0) = −1/4")
    d.claim("bending the cone walls smoothly")

    d.section("3. Everywhere differentiable")
    t = glusym.taylor(geglu, order=3)
    grad = glusym.gradient(geglu)
    d.check(t.analytic and not any(g.has(sympy.Piecewise) for g in grad),
            "GEGLU is built from x and Φ (entire): analytic everywhere, its gradient continuous, no crease")
    d.claim("The resulting surface is everywhere differentiable")
    d.claim("giving GeGLU its smoother optimization landscape")
    fv = sympy.diff(geglu.expr, x_v)
    d.check(fv.free_symbols == {x_g} and glusym.asymptotes(fv.subs(x_g, glusym.x)).minus.limit == 0,
            "GEGLU = GELU(x_g)·x_v: the value times a factor of the gate alone, → 0 as x_g → −∞")
    d.claim("while still preserving a gating geometry")

    d.section("4. 'Outputs shrink continuously to zero as any gate coordinate drifts negative'")
    gelu = glusym.get("gelu")
    (minimum,) = glusym.extrema(gelu)
    path = [(g, sympy.N(gelu(g), 6)) for g in (0, sympy.Rational(-1, 4), sympy.Rational(-3, 4), -2, -4)]
    d.table(("gate g", "GELU(g), the factor on the value"), path)
    d.check(abs(path[2][1]) > abs(path[1][1]) > abs(path[0][1]) and abs(path[4][1]) < abs(path[3][1]) < abs(path[2][1]),
            f"|GELU(g)| first grows as g goes from 0 to {sympy.N(minimum.at[0][1], 6)} (to {sympy.N(-minimum.value, 6)}), "
            "then shrinks to 0")
    d.claim("outputs shrink continuously to zero as any gate coordinate drifts negative")
    d.tex("reglu", r"\text{ReGLU}\left(x_{g}, x_{v}\right) = x_{g} x_{v} H\left(x_{g}\right)")
    d.tex("geglu", glusym.latex(geglu))
    d.figure("gate-comparison")
    d.finish()


if __name__ == "__main__":
    main()

r"""Point 4 of the thread, the level sets GELU(x_g)·x_v = c: not rational, and they flare rather than pinch.

The thread (geglu-geometry.txt) states:

> x_v = c / \text{GELU}(x_g) whenever
> These are rational curves that resemble hyperbolas
> whose arms pinch smoothly toward the
> region where the gate shrinks to zero
> No contour ever crosses the negative
> because the output there is arbitrarily close to 0.

Checked with glusym.level_set (solved and substituted back), glusym.asymptotes of GELU (it decays
faster than any power as x_g → −∞, so c/GELU grows faster than any power: no algebraic curve, let
alone a rational one, does that), the hyperbola-like limits x_g·x_v → c and → 2c for x_g > 0 (on
x_g < 0 each branch is U-shaped), and the left branch evaluated in mpmath. On the left the factor
GELU does shrink to 0, after a dip (the gate Φ of the gated reading shrinks steadily).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402
from sympy import oo  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x_g, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. Solving f = c (glusym.level_set)")
    ls = glusym.level_set(geglu)
    d.show("x_v", ls.solution)
    d.show("where", ls.condition)
    back = sympy.simplify(geglu.expr.subs(x_v, ls.solution) - ls.c)
    d.check(back == 0 and sympy.simplify(ls.solution - ls.c / gelu(x_g)) == 0,
            "x_v = c/GELU(x_g), and f(x_g, c/GELU(x_g)) − c = 0 wherever GELU(x_g) ≠ 0, i.e. x_g ≠ 0")
    d.claim(r"x_v = c / \text{GELU}(x_g) whenever")
    d.tex("level-set", r"x_{v} = \frac{c}{\text{GELU}\left(x_{g}\right)}")

    d.section("2. Not rational: c/GELU grows faster than any power")
    a = glusym.asymptotes(gelu)
    d.show("GELU as x_g → −∞: limit, leading term, growth order", (a.minus.limit, a.minus.leading, a.minus.growth_order))
    d.check(a.minus.limit == 0 and a.minus.growth_order == -oo,
            "GELU(x_g) → 0 faster than any power as x_g → −∞ (~ −φ(x_g), a Gaussian tail)")
    d.say("""So |x_v| = |c|/|GELU(x_g)| grows faster than any power of |x_g| on the left. An algebraic
             function grows at most like a power of its argument (Puiseux), so the level curve lies on no
             algebraic curve, let alone a rational one.""")
    f1 = glusym.to_mpmath(ls.solution.subs(ls.c, 1))
    with mpmath.workdps(30):
        left = [(t, f1(t)) for t in (-1, -2, -3, -4, -5)]
    d.table(("x_g", "x_v on f = 1"), [(t, mpmath.nstr(v, 6)) for t, v in left])
    ratios = [abs(left[i + 1][1] / left[i][1]) for i in range(len(left) - 1)]
    d.check(all(r2 > r1 for r1, r2 in zip(ratios, ratios[1:])),
            "the ratios |x_v(x_g − 1)/x_v(x_g)| keep growing ("
            + ", ".join(mpmath.nstr(r, 4) for r in ratios) + "): faster than any power, which would make them → 1")
    d.section("3. Like hyperbolas on the right and near the axis")
    cc = sympy.Symbol("c", positive=True)
    sol = glusym.elementary(ls.solution.subs(ls.c, cc))
    at_inf = sympy.limit(x_g * sol, x_g, oo)
    at_0 = sympy.limit(x_g * sol, x_g, 0)
    d.show("x_g·x_v as x_g → +∞, and as x_g → 0", (at_inf, at_0))
    d.check(at_inf == cc and at_0 == 2 * cc, "x_v ~ c/x_g as x_g → +∞ and x_v ~ 2c/x_g near x_g = 0: hyperbola-like")
    (minimum,) = glusym.extrema(gelu)
    closest = 1 / abs(minimum.value)
    d.check(closest > 5, f"on the left (x_g < 0) the curve stays at |x_v| >= |c|/{sympy.N(-minimum.value, 6)} = "
                         f"{sympy.N(closest, 6)}|c|, closest at x_g = {sympy.N(minimum.at[0][1], 6)}, and |x_v| → ∞ "
                         "at both of its ends: a U-shaped branch, not a hyperbola's")
    d.claim("These are rational curves that resemble hyperbolas")
    d.claim("whose arms pinch smoothly toward the")
    d.check(a.minus.limit == 0 and minimum.value < 0 and minimum.at[0][1] < 0,
            f"GELU(x_g) → 0 as x_g → −∞, but |GELU| first grows, to {float(-minimum.value):.6g} at x_g = "
            f"{float(minimum.at[0][1]):.6g}; Φ(x_g) shrinks to 0 steadily (Φ' = φ > 0)")
    d.claim("region where the gate shrinks to zero")

    d.section("4. Crossing the x_g axis")
    d.check(geglu.expr.subs(x_v, 0) == 0,
            "f(x_g, 0) = 0 exactly on the whole x_g axis: a contour f = c ≠ 0 never meets it, on either half")
    through = (-1, sympy.N(1 / gelu(-1), 6))
    d.check(abs(sympy.N(geglu(-1, 1 / gelu(-1)), 30) - 1) < 1e-25,
            f"yet contours do live over x_g < 0: f = 1 passes through (x_g, x_v) = {through}")
    d.claim("No contour ever crosses the negative xgx_g axis because the output there is arbitrarily close to 0")
    d.figure("geglu-contours")
    d.finish()


if __name__ == "__main__":
    main()

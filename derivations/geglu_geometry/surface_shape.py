r"""Point 3 of the thread, the surface z = GELU(x_g)·x_v: a saddle, its cross-sections, and no bell.

The thread (geglu-geometry.txt) states:

> gives a saddle-like surface
> Flat along the entire xgx_g axis
> surface “fans out’’ in the
> its amplitude is modulated by the bell-shaped factor
> For fixed xvx_v the cross-section is exactly the 1-D GELU curve scaled by
> it is a straight line through the origin with slope

Checked with glusym.critical_points, glusym.hessian, glusym.gradient and the shape of
x_g Φ(x_g) = GELU(x_g) (glusym.asymptotes, glusym.extrema): it is the amplitude factor, as the
thread says, but a ramp, not a bell; the bell is φ = Φ′ (and, as a shape, GELU″ = (2 − x²)φ).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402
from sympy import Rational, oo  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x, x_g, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. A saddle")
    points = glusym.critical_points(geglu)
    H0 = glusym.hessian(geglu).subs({x_g: 0, x_v: 0})
    d.show("critical points (glusym.critical_points)", [(p.at, str(p.kind)) for p in points])
    d.show("Hessian at the origin", H0.tolist())
    d.check([p.kind for p in points] == ["saddle"] and H0.det() < 0,
            f"one critical point, the origin, a saddle: det Hessian = {H0.det()} < 0")
    quadrants = [sympy.sign(geglu(a, b)) for a, b in ((1, 1), (-1, -1), (1, -1), (-1, 1))]
    d.check(quadrants == [1, 1, -1, -1], "sign f = sign(x_g·x_v) (GELU(x_g) has the sign of x_g, as Φ > 0): "
                                         "up in two opposite quadrants, down in the other two")
    d.claim("gives a saddle-like surface")

    d.section("2. Along the x_g axis")
    grad = glusym.gradient(geglu)
    on_axis = tuple(g.subs(x_v, 0) for g in grad)
    d.show("f(x_g, 0)", geglu.expr.subs(x_v, 0))
    d.show("∇f(x_g, 0)", on_axis)
    d.check(geglu.expr.subs(x_v, 0) == 0, "f = 0 at every point of the x_g axis: the surface's height there is 0")
    d.check(on_axis[1] == gelu(x_g), "but it tilts across the axis: ∂f/∂x_v = GELU(x_g) there, nonzero for x_g ≠ 0")
    d.claim("Flat along the entire")

    d.section("3. Fanning out, and the factor x_g Φ(x_g)")
    d.check(sympy.diff(geglu.expr, x_v, 2) == 0,
            "at fixed x_g, |f| = |GELU(x_g)|·|x_v| grows linearly in |x_v|: the surface fans out in ±x_v")
    d.claim("surface “fans out’’ in the")
    a = glusym.asymptotes(gelu)
    (minimum,) = glusym.extrema(gelu)
    maxima = [p for p in glusym.extrema(gelu) if p.kind == "maximum"]
    d.check(sympy.diff(geglu.expr, x_v) == x_g * glusym.Phi(x_g),
            "the amplitude of f at fixed x_g, ∂f/∂x_v, is x_g Φ(x_g), the factor the thread names")
    d.show("x_g Φ(x_g) at −∞ and +∞", (a.minus.limit, a.plus.limit))
    d.show("its asymptote at +∞", f"y = {a.plus.oblique[0]}·x_g + {a.plus.oblique[1]}")
    d.show("its extrema", [(str(p.kind), sympy.N(p.at[0][1], 6), sympy.N(p.value, 6)) for p in glusym.extrema(gelu)])
    d.check(a.plus.limit == oo and a.minus.limit == 0 and not maxima and minimum.kind == "minimum",
            f"x_g Φ(x_g) → 0 at −∞ but → ∞ at +∞, with no maximum (only a minimum, {sympy.N(minimum.value, 6)}): "
            "a ramp, not a bell")
    phi_unit = glusym.get("normal_cdf")
    (dphi,) = glusym.gradient(phi_unit)
    d.show("the bell: Φ'(x)", dphi)
    d.check(dphi == glusym.phi(x), "the bell-shaped curve in play is φ = Φ', the Gaussian density")
    d.claim("its amplitude is modulated by the bell-shaped factor")
    d.figure("geglu-surface")

    d.section("4. Cross-sections")
    c = sympy.Symbol("c", real=True)
    fixed_v = geglu.expr.subs(x_v, c)
    fixed_g = geglu.expr.subs(x_g, c)
    d.show("x_v = c", fixed_v)
    d.show("x_g = c", fixed_g)
    d.check(sympy.simplify(fixed_v - c * gelu(x_g)) == 0, "x_v = c: the curve c·GELU(x_g)")
    d.check(sympy.diff(fixed_g, x_v, 2) == 0 and fixed_g.subs(x_v, 0) == 0 and sympy.diff(fixed_g, x_v) == gelu(c),
            "x_g = c: the line through the origin with slope GELU(c)")
    d.claim("For fixed xvx_v the cross-section is exactly the 1-D GELU curve scaled by")
    d.claim("it is a straight line through the origin with slope")
    d.tex("cross-sections", r"f\left(x_{g}, c\right) = c \text{GELU}\left(x_{g}\right)")
    d.tex("hessian-origin", r"\nabla^2 \text{GEGLU}\left(0, 0\right) = "
          + glusym.latex(sympy.Matrix([[0, Rational(1, 2)], [Rational(1, 2), 0]])))
    d.finish()


if __name__ == "__main__":
    main()

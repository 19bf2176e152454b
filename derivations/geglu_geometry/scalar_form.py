r"""The scalar GeGLU neuron f(x_g, x_v) = GELU(x_g)·x_v = x_g Φ(x_g) x_v, and the thread's opening summary.

The thread (geglu-geometry.txt) states, in its "Thinking Summary" and its "Scalar form":

> It involves the product of a GELU-transformed gate and a linear value
> In a scalar case, I can express it as f(a, b) = GELU(a) * b, which helps visualize it in two dimensions
> In terms of gradients, the gating creates an oblique hyperplane, smoothly transitioning between 0 and 1
> GEGLU behaves like a cubic on the negative side near zero, resulting in a geometric shape that's not entirely symmetrical
> explain the iso-lines, which resemble radial "sausages" oriented along the value dimension
> f_{\text{GeGLU}}(x_g, x_v)=\text{GELU}(x_g)\;\cdot\;x_v
> =x_g\,\Phi(x_g)\;x_v

Checked against glusym's geglu = glu(gelu): the form holds, on two real inputs; over each gate value
the graph is a straight line and the gate Φ of the gated reading runs from 0 to 1, but the surface
is no plane (its Hessian is not 0) and the factor GELU is not confined to [0, 1]; the Taylor
expansion at 0 (glusym.taylor) is a cubic plus O(|x|^5), the same on both sides, led by the
bilinear term; f is odd in x_v and neither odd nor even in x_g; and no level curve is a closed
"sausage": the only critical point is a saddle, and every level curve runs off to infinity.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402
from sympy import oo, pi, sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import Phi, x_g, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. The scalar form")
    a, b = sympy.symbols("a b", real=True)
    d.show("glusym.get('geglu').expr", geglu.expr)
    d.check(geglu(a, b) == gelu(a) * b, "GEGLU(a, b) = GELU(a)·b, with GELU(a) = a·Φ(a) exact (not the tanh form)")
    d.claim("It involves the product of a GELU-transformed gate and a linear value")
    d.claim("In a scalar case, I can express it as f(a, b) = GELU(a) * b")
    d.check(len(geglu.variables) == 2, "two inputs (x_g, x_v): the graph is a surface over the plane")
    d.claim("which helps visualize it in two dimensions")
    d.claim(r"f_{\text{GeGLU}}(x_g, x_v)=\text{GELU}(x_g)\;\cdot\;x_v")
    d.check(sympy.expand(geglu.expr - x_g * Phi(x_g) * x_v) == 0, "GELU(x_g)·x_v = x_g Φ(x_g) x_v")
    d.claim(r"=x_g\,\Phi(x_g)\;x_v")
    d.tex("definition", glusym.latex(geglu))

    d.section("2. 'An oblique hyperplane, smoothly transitioning between 0 and 1'")
    H = glusym.hessian(geglu)
    d.show("Hessian at (1, 1)", H.subs({x_g: 1, x_v: 1}).applyfunc(lambda e: sympy.N(e, 6)).tolist())
    d.check(H.subs({x_g: 0, x_v: 0}) == sympy.Matrix([[0, sympy.Rational(1, 2)], [sympy.Rational(1, 2), 0]]),
            "the Hessian at the origin is [[0, 1/2], [1/2, 0]] ≠ 0: the graph curves; no part of it is a plane")
    (minimum,) = glusym.extrema(gelu)
    d.check(gelu(0) == 0 and minimum.value < 0 and gelu(2) > 1,
            f"and the gate factor GELU(x_g) is not confined to [0, 1]: GELU(0) = 0, min {sympy.N(minimum.value, 6)}, "
            f"GELU(2) = {sympy.N(gelu(2), 6)}")
    d.claim("In terms of gradients, the gating creates an oblique hyperplane, smoothly transitioning between 0 and 1")

    d.section("3. Near zero (glusym.taylor)")
    t = glusym.taylor(geglu, order=5)
    d.show("GEGLU near 0", t)
    d.check(t.analytic, "one expansion holds on both sides of 0 (GEGLU is analytic)")
    c = t.coefficients()
    # the remainder after the terms shown (degree < 4): the degree of the first nonzero term beyond them
    wide = glusym.taylor(geglu, order=10).coefficients()
    beyond = {m: cf for m, cf in wide.items() if sum(m) >= 4 and sympy.simplify(cf) != 0}
    k = min(sum(m) for m in beyond)
    first = sympy.Add(*[cf * x_g**m[0] * x_v**m[1] for m, cf in beyond.items() if sum(m) == k])
    d.show(f"the first nonzero term beyond degree 3 (degree {k})", first)
    d.check(sympy.simplify(first + x_g**4 * x_v / (6 * sqrt(2 * pi))) == 0,
            f"it is −x_g⁴·x_v/(6√(2π)) (GELU has no x³ term): the remainder is O(|x|^{k})")
    d.check(c[(1, 1)] == sympy.Rational(1, 2) and sympy.simplify(c[(2, 1)] - 1 / sqrt(2 * pi)) == 0,
            f"GEGLU = x_g·x_v/2 + x_g²·x_v/√(2π) + O(|x|^{k}): led by the bilinear term; the degree-3 term is "
            "even in x_g")
    d.check(all(m[0] != 3 for m in c), "no x_g³ term at all")
    flipped = geglu.expr.subs(x_g, -x_g)
    d.check(sympy.simplify(geglu.expr.subs(x_v, -x_v) + geglu.expr) == 0
            and sympy.N(flipped.subs({x_g: 1, x_v: 1}) - geglu(1, 1)) != 0
            and sympy.N(flipped.subs({x_g: 1, x_v: 1}) + geglu(1, 1)) != 0,
            "f is odd in x_v, and neither odd nor even in x_g (f(−1, 1) = −0.158655, f(1, 1) = 0.841345)")
    d.claim("GEGLU behaves like a cubic on the negative side near zero")
    d.claim("resulting in a geometric shape that's not entirely symmetrical")
    d.tex("taylor", glusym.latex_part(geglu, "taylor", order=4)[0])

    d.section("4. The iso-lines")
    points = glusym.critical_points(geglu)
    d.show("glusym.critical_points(geglu)", [(p.at, str(p.kind)) for p in points])
    ls = glusym.level_set(geglu)
    d.show("level set f = c (glusym.level_set)", f"x_v = {ls.solution}, where {ls.condition}")
    cc = sympy.Symbol("c", positive=True)
    sol = ls.solution.subs(ls.c, cc)
    ends = [sympy.limit(glusym.elementary(sol), x_g, 0, "+"), sympy.limit(glusym.elementary(sol), x_g, 0, "-")]
    d.show("x_v as x_g → 0+ and 0− (c > 0)", ends)
    d.check([p.kind for p in points] == ["saddle"],
            "the only critical point is a saddle at the origin: no local extremum, so no closed level curve")
    d.check(ends == [oo, -oo], "each level curve x_v = c/GELU(x_g) runs off to |x_v| → ∞ as x_g → 0")
    d.claim('iso-lines, which resemble radial "sausages"')
    d.finish()


if __name__ == "__main__":
    main()

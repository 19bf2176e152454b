r"""The scalar GeGLU neuron f(x_g, x_v) = GELU(x_g)·x_v = x_g Φ(x_g) x_v, and the thread's opening summary.

The thread (geglu-geometry.txt) states, in its "Thinking Summary" and its "Scalar form":

> In a scalar case, I can express it as f(a, b) = GELU(a) * b
> In terms of gradients, the gating creates an oblique hyperplane, smoothly transitioning between 0 and 1
> GEGLU behaves like a cubic on the negative side near zero
> explain the iso-lines, which resemble radial "sausages" oriented along the value dimension
> =x_g\,\Phi(x_g)\;x_v

Checked against glusym's geglu = glu(gelu): the form holds; the Taylor expansion at 0
(glusym.taylor) is the same on both sides, led by the bilinear term; the surface is no plane
(its Hessian is not 0) and its gate GELU is not confined to [0, 1]; and no level curve is a closed
"sausage": the only critical point is a saddle, and every level curve runs off to infinity.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402
from sympy import oo, pi, sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Derivation  # noqa: E402
from glusym import Phi, x_g, x_v  # noqa: E402


def main() -> None:
    d = Derivation(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. The scalar form")
    a, b = sympy.symbols("a b", real=True)
    d.show("glusym.get('geglu').expr", geglu.expr)
    d.check(geglu(a, b) == gelu(a) * b, "GEGLU(a, b) = GELU(a)·b, with GELU(a) = a·Φ(a) exact (not the tanh form)")
    d.holds("In a scalar case, I can express it as f(a, b) = GELU(a) * b", geglu(a, b) == gelu(a) * b,
            "glusym's geglu = glu(gelu) is GELU(x_g)·x_v")
    d.check(sympy.expand(geglu.expr - x_g * Phi(x_g) * x_v) == 0, "GELU(x_g)·x_v = x_g Φ(x_g) x_v")
    d.holds(r"=x_g\,\Phi(x_g)\;x_v", sympy.expand(geglu.expr - x_g * Phi(x_g) * x_v) == 0,
            "f(x_g, x_v) = GELU(x_g)·x_v = x_g Φ(x_g) x_v exactly")
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
    d.fails("In terms of gradients, the gating creates an oblique hyperplane, smoothly transitioning between 0 and 1",
            H.subs({x_g: 0, x_v: 0}) != sympy.zeros(2, 2) and minimum.value < 0,
            "the graph of GEGLU is no hyperplane: its Hessian is [[x_v GELU''(x_g), GELU'(x_g)], [GELU'(x_g), 0]], "
            "[[0, 1/2], [1/2, 0]] at the origin; what runs from 0 to 1 is Φ(x_g), while the gate factor GELU(x_g) "
            f"dips to {sympy.N(minimum.value, 6)} and grows without bound")

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
    d.partly("GEGLU behaves like a cubic on the negative side near zero", t.analytic and c[(1, 1)] != 0,
             f"near 0, GEGLU = x_g·x_v/2 + x_g²·x_v/√(2π) + O(|x|^{k}) on both sides alike: led by the bilinear "
             "(degree-2) term, not a cubic; the degree-3 term x_g²x_v/√(2π) is what makes the shape asymmetric "
             "(f(−x_g, x_v) ≠ −f(x_g, x_v)), on both sides")
    d.tex("taylor", glusym.latex_part(geglu, "taylor", order=4)[0])

    d.section("4. The iso-lines")
    points = glusym.critical_points(geglu)
    d.show("glusym.critical_points(geglu)", [(p.at, p.kind) for p in points])
    ls = glusym.level_set(geglu)
    d.show("level set f = c (glusym.level_set)", f"x_v = {ls.solution}, where {ls.condition}")
    cc = sympy.Symbol("c", positive=True)
    sol = ls.solution.subs(ls.c, cc)
    ends = [sympy.limit(glusym.elementary(sol), x_g, 0, "+"), sympy.limit(glusym.elementary(sol), x_g, 0, "-")]
    d.show("x_v as x_g → 0+ and 0− (c > 0)", ends)
    d.check([p.kind for p in points] == ["saddle"],
            "the only critical point is a saddle at the origin: no local extremum, so no closed level curve")
    d.check(ends == [oo, -oo], "each level curve x_v = c/GELU(x_g) runs off to |x_v| → ∞ as x_g → 0")
    d.fails("explain the iso-lines, which resemble radial",
            ends == [oo, -oo] and [p.kind for p in points] == ["saddle"],
            "no level curve of GEGLU is a closed 'sausage': the only critical point is a saddle, so no level set "
            "has a bounded component; each curve x_v = c/GELU(x_g) is unbounded, running to |x_v| → ∞ as x_g → 0 "
            "(see level_sets.py for its other end)")
    d.finish()


if __name__ == "__main__":
    main()

r"""Point 5 of the thread, the gradient field ∇f = (x_v GELU′(x_g), GELU(x_g)): where it vanishes, peaks, decays.

The thread (geglu-geometry.txt) states:

> \nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)
> Along the xvx_v direction gradients are constant w.r.t.
> each vertical line has the same slope equal to
> Gradients vanish as
> (saturation), peak around
> and decay again for very large
> factor plateauing at

Checked with glusym.gradient, glusym.extrema of GELU′ (exact: its maximum is at √2, where
GELU″ = (2 − x²)φ(x) vanishes) and glusym.growth_profile of GELU (GELU and GELU′ at ±∞): the gradient does
vanish on the left; GELU′ peaks once, at √2 (≈ 1 at the thread's precision), but the other component
GELU has no peak; on the right GELU′ falls back toward 1, not 0, and GELU settles onto its asymptote
x_g (the thread's "plateauing at x_g") while growing like x_g: the gradient does not decay.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402
from sympy import oo, sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import phi, x, x_g, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. The gradient (glusym.gradient)")
    fg, fv = glusym.gradient(geglu)
    (dgelu,) = glusym.gradient(gelu)
    d.show("∂f/∂x_g", fg)
    d.show("∂f/∂x_v", fv)
    d.show("GELU'(x)", dgelu)
    ok = sympy.simplify(fg - x_v * dgelu.subs(x, x_g)) == 0 and sympy.simplify(fv - gelu(x_g)) == 0
    d.check(ok, "∇f = (x_v·GELU'(x_g), GELU(x_g)) with GELU'(x) = Φ(x) + x·φ(x)")
    d.claim(r"\nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)")
    d.tex("gradient", glusym.latex_part(geglu, "gradient")[0])
    d.tex("gelu-derivative", glusym.latex_part(gelu, "gradient")[0])

    d.section("2. Along a vertical line")
    d.check(sympy.diff(fv, x_v) == 0, "∂f/∂x_v = GELU(x_g) does not depend on x_v: one slope per vertical line")
    d.check(sympy.diff(fg, x_v) == dgelu.subs(x, x_g), "(the other component, x_v·GELU'(x_g), grows linearly in x_v)")
    d.claim("Along the xvx_v direction gradients are constant w.r.t. xvx_v")
    d.claim("each vertical line has the same slope equal to")

    d.section("3. As x_g → −∞: saturation")
    prof = glusym.growth_profile(gelu)  # GELU and GELU' at ±∞, in one pass
    a_minus, da_minus = prof.minus, prof.derivative_minus
    d.show("GELU, GELU' as x → −∞ (limits; growth orders)", ((a_minus.limit, da_minus.limit),
                                                             (a_minus.order, da_minus.order)))
    d.check(a_minus.limit == 0 and da_minus.limit == 0 and da_minus.order == -oo,
            "GELU(x_g) → 0 and GELU'(x_g) → 0, faster than any power: at fixed x_v, ∇f → (0, 0)")
    d.claim("Gradients vanish as")

    d.section("4. The peak")
    (gmin, gmax) = glusym.extrema(dgelu)
    d.show("extrema of GELU' (glusym.extrema)", [(str(p.kind), p.at[0][1], sympy.N(p.value, 8)) for p in (gmin, gmax)])
    d2 = sympy.diff(dgelu, x)
    d.check(sympy.simplify(d2 - (2 - x**2) * phi(x)) == 0, "GELU''(x) = (2 − x²) φ(x): zero at x = ±√2 only")
    at_root2 = abs(sympy.N(gmax.at[0][1] - sqrt(2), 40)) < 1e-25  # exact √2, or 30 digits of it under load
    d.check(gmax.kind == "maximum" and at_root2,
            f"GELU' peaks at x_g = √2 ≈ {sympy.N(sqrt(2), 6)} (1 at one significant digit), height "
            f"{sympy.N(gmax.value, 6)}")
    d.check(sympy.N(dgelu.subs(x, 1), 6) < sympy.N(gmax.value, 6),
            f"GELU'(1) = {sympy.N(dgelu.subs(x, 1), 6)} < GELU'(√2) = {sympy.N(gmax.value, 6)}")
    d.claim("peak around xg")

    d.section("5. As x_g → +∞: GELU′ falls back toward 1, GELU settles onto x_g")
    d.show("GELU' as x → +∞", prof.derivative_plus.limit)
    d.show("GELU as x → +∞: limit, leading term, growth order", (prof.plus.limit, prof.plus.leading, prof.plus.order))
    d.check(prof.derivative_plus.limit == 1, "GELU'(x_g) → 1, not 0")
    d.check(prof.plus.limit == oo and prof.plus.leading == x and prof.plus.order == 1,
            "x_g Φ(x_g) grows like x_g (leading term x_g): it 'plateaus at x_g' only as settling onto its "
            "asymptote y = x_g, not onto a constant")
    falls = gmax.kind == "maximum" and sympy.N(gmax.value, 30) > prof.derivative_plus.limit
    d.check(falls, f"after its peak GELU' falls again, from {sympy.N(gmax.value, 6)} toward 1")
    d.claim(r"decay again for very large xgx_g due to the xgΦ(xg)x_g\Phi(x_g) factor plateauing at xgx_g")
    d.tex("gelu-second-derivative", r"\text{GELU}''\left(x\right) = \left(2 - x^{2}\right) \varphi\left(x\right)")
    d.figure("geglu-gradient")
    d.figure("gelu-derivative")
    d.finish()


if __name__ == "__main__":
    main()

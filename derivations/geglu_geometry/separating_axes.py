r"""Point 2 of the thread, the two axes: what the gate axis does to the value axis.

The thread (geglu-geometry.txt) states:

> The xgx_g-axis controls a smooth gate, ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 (large positive).
> -axis is passed through unchanged and merely gets scaled by that gate.
> Thus the plane is foliated into vertical lines (constant xgx_g) that are uniformly compressed or expanded.

The factor that multiplies x_v is GELU(x_g) = x_g Φ(x_g), a smooth function of x_g alone; the range
0 → 0.5 → 1 the thread gives is that of Φ(x_g), the gate of the gated reading Φ(x_g)·(x_g·x_v), not
that of GELU. Computed here: GELU(0) = 0, its minimum (glusym.extrema), its behaviour at ±∞
(glusym.asymptotes), and where it exceeds 1; the vertical lines are scaled uniformly, but also
collapsed (x_g = 0) and flipped (x_g < 0).
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
from glusym import Phi, x_g, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. The gate: the factor multiplying x_v")
    gate = sympy.diff(geglu.expr, x_v)
    d.show("∂f/∂x_v, the factor scaling x_v", gate)
    d.check(sympy.simplify(gate - gelu(x_g)) == 0, "the factor is GELU(x_g) = x_g Φ(x_g)")
    d.check(gate.free_symbols == {x_g} and glusym.taylor(geglu, order=3).analytic,
            "it depends on x_g alone, and smoothly (GEGLU is analytic)")
    d.claim("-axis controls a smooth gate")
    a = glusym.asymptotes(gelu)
    (minimum,) = glusym.extrema(gelu)
    where, low = minimum.at[0][1], minimum.value
    one = mpmath.findroot(lambda t: glusym.to_mpmath(gelu)(t) - 1, 1.1)
    d.show("GELU(0)", gelu(0))
    d.show("GELU at −∞, +∞ (glusym.asymptotes)", (a.minus.limit, a.plus.limit))
    d.show("GELU at +∞: oblique asymptote, growth order", (a.plus.oblique, a.plus.growth_order))
    d.show("GELU's minimum (glusym.extrema)", f"{sympy.N(low, 10)} at x_g = {sympy.N(where, 10)}")
    d.show("GELU(x_g) = 1 at", mpmath.nstr(one, 10))
    d.check(gelu(0) == 0, "GELU(0) = 0, not 0.5")
    d.check(a.plus.limit == oo and a.plus.oblique == (1, 0),
            "GELU(x_g) → ∞ as x_g → ∞ (asymptote y = x_g), not → 1")
    d.check(a.minus.limit == 0 and low < 0, f"GELU → 0 as x_g → −∞, from below: negative for every x_g < 0, "
                                            f"down to {sympy.N(low, 6)}")
    d.check((Phi(-oo), Phi(0), Phi(oo)) == (0, sympy.Rational(1, 2), 1),
            "it is Φ(x_g) that runs 0 → 1/2 → 1: Φ(−∞) = 0, Φ(0) = 1/2, Φ(∞) = 1")
    gated = sympy.simplify(glusym.get("geglu").expr - Phi(x_g) * (x_g * x_v)) == 0
    d.check(gated, "GEGLU = Φ(x_g)·(x_g·x_v) exactly: the gated reading, with gate Φ(x_g)")
    d.claim("ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 (large positive)")
    d.tex("gelu", glusym.latex(gelu))
    d.tex("gelu-asymptotes", glusym.latex_part(gelu, "asymptotes")[0])

    d.section("2. The value axis")
    d.check(sympy.diff(geglu.expr, x_v, 2) == 0 and geglu.expr.subs(x_v, 0) == 0,
            "∂²f/∂x_v² = 0 and f(x_g, 0) = 0: f = GELU(x_g)·x_v is linear in x_v, with no offset")
    d.claim("-axis is passed through unchanged and merely gets scaled by that gate.")

    d.section("3. The vertical lines x_g = const")
    c = sympy.Symbol("c", real=True)
    d.check(sympy.simplify(geglu(c, x_v) - gelu(c) * x_v) == 0,
            "the line x_g = c is mapped to the line through 0 of slope GELU(c): a uniform scaling by GELU(c)")
    kinds = [("x_g = −0.75", gelu(sympy.Rational(-3, 4))), ("x_g = 0", gelu(0)), ("x_g = 1/2", gelu(sympy.Rational(1, 2))),
             ("x_g = 2", gelu(2))]
    d.table(("line", "factor GELU(x_g)", "effect"),
            [(k, sympy.N(v, 6), "flipped and compressed" if v < 0 else "collapsed to 0" if v == 0 else
              "compressed" if v < 1 else "expanded") for k, v in kinds])
    d.check(gelu(sympy.Rational(-3, 4)) < 0 and gelu(2) > 1 and gelu(0) == 0,
            "factors below 0 (x_g < 0: the line is also flipped), exactly 0 (x_g = 0: collapsed), and above 1")
    d.claim("Thus the plane is foliated into vertical lines")
    d.finish()


if __name__ == "__main__":
    main()

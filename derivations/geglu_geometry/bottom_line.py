r"""The thread's "Bottom line": linear pencils, yes; the envelope GELU(g), but no bell; a smooth gating, but no cone.

The thread (geglu-geometry.txt) concludes:

> GeGLU carves the (g,v)(g,v) plane into smoothly-gated linear pencils
> each “value’’ axis is a straight line whose amplitude envelope is the soft bell curve of the GELU applied to its paired “gate’’ axis.
> In higher dimension, this becomes an axis-aligned, differentiable gating cone embedded in the FFN’s hidden space.

Checked: for each gate value g the map v ↦ GELU(g)·v is linear (a pencil of lines through the
origin, slope smooth in g); the envelope is GELU of the paired gate, as the thread says, but
GELU(g) is a ramp, not a bell (glusym.asymptotes); and the vector form glusym.vector_form(geglu) is
differentiable, axis-aligned (coordinate-wise) and lives in the hidden space, but its reachable set
is not a cone (the d = 1, d_ff/2 = 2 example of vector_form.py, recomputed here).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402
from sympy import oo, sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import Phi, x, x_v  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. Linear pencils")
    g = sympy.Symbol("g", real=True)
    line = geglu(g, x_v)
    d.show("f(g, v) at fixed g", line)
    slope = sympy.diff(line, x_v)
    d.check(sympy.diff(line, x_v, 2) == 0 and line.subs(x_v, 0) == 0 and slope == gelu(g),
            "for each g, v ↦ f(g, v) is the line through the origin of slope GELU(g): a pencil of lines")
    d.check(glusym.taylor(gelu, order=3).analytic, "the slope GELU(g) is analytic in g: the pencil turns smoothly")
    d.claim("GeGLU carves the (g,v)(g,v) plane into smoothly-gated linear pencils")
    d.claim("each “value’’ axis is a straight line")

    d.section("2. The envelope GELU(g)")
    a = glusym.asymptotes(gelu)
    extrema = glusym.extrema(gelu)
    d.show("GELU at −∞, +∞", (a.minus.limit, a.plus.limit))
    d.show("GELU's extrema", [(str(p.kind), sympy.N(p.at[0][1], 6), sympy.N(p.value, 6)) for p in extrema])
    (dPhi,) = glusym.gradient(glusym.get("normal_cdf"))
    d.check(a.plus.limit == oo and all(p.kind != "maximum" for p in extrema),
            "GELU(g) has no maximum and grows without bound: no bell")
    d.check(dPhi == glusym.phi(x) and sympy.simplify(glusym.elementary(glusym.phi(x) - glusym.phi(-x))) == 0,
            "the bell in play is φ = Φ', even and peaked at 0")
    d.claim("amplitude envelope is the soft bell curve of the GELU applied to its paired")

    d.section("3. In higher dimension")
    y = glusym.vector_form(geglu, 1, 2)
    H, G, V = sympy.MatrixSymbol("h", 1, 1), sympy.MatrixSymbol("W_g", 1, 2), sympy.MatrixSymbol("W_v", 1, 2)
    h = sympy.Symbol("h", real=True)
    curve = y.xreplace({H[0, 0]: h, G[0, 0]: 1, G[0, 1]: -1, V[0, 0]: 1, V[0, 1]: 1})
    d.show("y(h), d = 1, d_ff/2 = 2, W_g = (1, −1), W_v = (1, 1)", curve)
    d.check(y.shape == (1, 2) and all(not e.has(sympy.Piecewise) for e in y),
            "y has d_ff/2 coordinates (the FFN's hidden space) and is differentiable: each is GELU(·)·(·)")
    misses = [sympy.N(curve[0, 0].subs(h, c) - 2 * curve[0, 0].subs(h, 1), 6) for c in (sqrt(2), -sqrt(2))]
    d.check(all(m != 0 for m in misses),
            "2·y(1) is not on the curve (only h = ±√2 could reach it, as h²Φ(h) + h²Φ(−h) = h² = 2): not a cone")
    d.check(sympy.simplify(curve[0, 0] - h**2 * Phi(h)) == 0, "y_1(h) = h²Φ(h)")
    d.claim("In higher dimension, this becomes an axis-aligned, differentiable gating cone embedded in the FFN’s hidden space.")
    d.tex("pencil", r"f\left(g, v\right) = \text{GELU}\left(g\right) v")
    d.finish()


if __name__ == "__main__":
    main()

r"""Point 1 of the thread, domain and codomain: the plane to the real line; in the vector case, to R^(d_ff/2).

The thread (geglu-geometry.txt) states:

> Domain: the 2-D plane
> Codomain: the real line
> -dimensional subspace spanned by the “value” projection.
> Geometrically we are mapping each point of the plane to a signed height above/below it.

Checked: GEGLU is defined (finite, analytic) on all of R², reaches every real value and takes
both signs. In the vector case y = GELU(hW_g) ⊙ hW_v lies in R^(d_ff/2), but not in general in the
subspace the values hW_v span: a computed example leaves it; and that subspace has dimension
rank W_v <= min(d, d_ff/2), d_ff/2 only when d >= d_ff/2 (the ledger's example: d = 2, d_ff/2 = 3).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. Domain: the whole plane")
    d.show("variables", geglu.variables)
    d.check(all(v.is_real for v in geglu.variables), "two real inputs (x_g, x_v)")
    t = glusym.taylor(geglu, order=3)
    d.check(t.analytic and not geglu.expr.has(sympy.Piecewise),
            "built from x and Φ, entire functions: f is finite and analytic at every point of R²")
    d.claim("Domain: the 2-D plane")

    d.section("2. Codomain: every real value, of both signs")
    c = sympy.Symbol("c", real=True)
    back = sympy.simplify(geglu(1, c / gelu(1)))
    d.show("f(1, c/GELU(1))", back)
    d.check(back == c, "f(1, c/GELU(1)) = c for every real c: one neuron reaches all of R")
    d.claim("Codomain: the real line")
    signs = (sympy.sign(geglu(1, 1)), sympy.sign(geglu(1, -1)), geglu(0, 5), geglu(3, 0))
    d.show("sign f(1, 1), sign f(1, −1), f(0, 5), f(3, 0)", signs)
    d.check(signs == (1, -1, 0, 0), "f takes both signs, and is 0 on both axes")
    d.claim("Geometrically we are mapping each point of the plane to a signed height above/below it.")

    d.section("3. The vector case: y = GELU(h W_g) ⊙ h W_v")
    y = glusym.vector_form(geglu, 1, 2)  # d_model = 1, d_ff/2 = 2
    d.show("glusym.vector_form(geglu, 1, 2)", y)
    h, Wg, Wv = sympy.MatrixSymbol("h", 1, 1), sympy.MatrixSymbol("W_g", 1, 2), sympy.MatrixSymbol("W_v", 1, 2)
    weights = {Wg[0, 0]: 1, Wg[0, 1]: -1, Wv[0, 0]: 1, Wv[0, 1]: 1, h[0, 0]: 1}
    y1 = y.xreplace(weights)
    v1 = sympy.Matrix([[1, 1]])  # the value h W_v at h = 1
    d.show("W_g = (1, −1), W_v = (1, 1), h = 1: value v = hW_v", v1)
    d.show("output y", y1.applyfunc(lambda e: sympy.N(e, 6)))
    cross = sympy.N(y1[0, 0] * v1[0, 1] - y1[0, 1] * v1[0, 0], 6)
    d.check(cross != 0, f"y is not a multiple of v (y_1 v_2 − y_2 v_1 = {cross}): it leaves the line the values "
                        "{h W_v} = {t(1, 1)} span")
    d.check(y.shape == (1, 2), "y has d_ff/2 coordinates: it lies in R^(d_ff/2)")
    d.claim("-dimensional subspace spanned by the “value” projection.")
    d.tex("vector", r"y = \text{GELU}\left(g\right) \odot v", parse=False)
    d.finish()


if __name__ == "__main__":
    main()

r"""The thread's vectorised GeGLU y = GELU(hW_g) ⊙ hW_v: its value subspace, its gate's range, its reachable set.

The thread (geglu-geometry.txt) states:

> \text{GELU}(g)\ \otimes\ v. (Hadamard product.)
> The value subspace spanned by columns of WvW_v forms a (dff/2)(d_{ff}/2)-dimensional affine subspace of the model’s representation space.
> \text{GELU}(g)\in[0,\infty)^{d_{ff}/2}
> acts as a smooth, element-wise scaling mask that compresses coordinates of that subspace toward the origin
> depending on how “positive’’ the companion coordinates in gg are.
> is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with
> No new directions are introduced; directions are re-weighted.

Checked on glusym.vector_form(geglu) with explicit small weights: y is the Hadamard (element-wise)
product, as the thread says in words (⊗ is the GLU papers' sign for it, and the tensor product's);
the values hW_v fill the row space of W_v inside the hidden space R^(d_ff/2); the smooth element-wise
mask GELU(g) takes negative values and values above 1 (glusym.extrema, mpmath), and its size |GELU(g)|
is not monotone in g; and with d = 1, d_ff/2 = 2 the reachable set is a curve that leaves the value
line, changes direction (each coordinate re-weighted on its own), and is not a cone: y(1) is on it
and 2·y(1) provably is not.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402
from sympy import sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import Phi  # noqa: E402


def main() -> None:
    d = Script(__doc__)
    geglu, gelu = glusym.get("geglu"), glusym.get("gelu")

    d.section("1. y = GELU(g) ⊙ v (glusym.vector_form)")
    d.show("glusym.vector_form(geglu)", glusym.vector_form(geglu))
    y2 = glusym.vector_form(geglu, 2, 3)
    G = (sympy.Matrix(sympy.MatrixSymbol("h", 1, 2)) * sympy.Matrix(sympy.MatrixSymbol("W_g", 2, 3)))
    V = (sympy.Matrix(sympy.MatrixSymbol("h", 1, 2)) * sympy.Matrix(sympy.MatrixSymbol("W_v", 2, 3)))
    d.check(all(sympy.simplify(y2[0, j] - gelu(G[0, j]) * V[0, j]) == 0 for j in range(3)),
            "coordinate j of y is GELU(g_j)·v_j: the Hadamard (element-wise) product, 3 coordinates for d_ff/2 = 3")
    kron = sympy.kronecker_product(sympy.Matrix([sympy.symbols("a1:4")]), sympy.Matrix([sympy.symbols("b1:4")]))
    d.check(kron.shape == (1, 9), "whereas ⊗, the tensor (Kronecker) product of two 3-vectors, has 9 coordinates")
    d.claim(r"\text{GELU}(g)\ \otimes\ v")
    d.claim("(Hadamard product.)")
    d.tex("vector", r"y = \text{GELU}\left(g\right) \odot v", parse=False)

    d.section("2. The values v = hW_v")
    Wv = sympy.Matrix([[1, 0, 2, 1], [0, 1, 1, 3], [1, 1, 3, 4]])  # d = 3, d_ff/2 = 4, rank 2
    d.show("example W_v (d = 3 rows, d_ff/2 = 4 columns)", Wv.tolist())
    rows, cols = Wv.rowspace(), Wv.columnspace()
    d.show("rank W_v", Wv.rank())
    d.check(len(rows) == Wv.rank() == 2 < Wv.cols,
            "the values {h W_v : h ∈ R^3} are the row space of W_v: a subspace of the hidden space R^4 of "
            "dimension rank W_v = 2, not d_ff/2 = 4")
    d.check(all(c.shape == (3, 1) for c in cols),
            "the columns of W_v are vectors of R^3 = R^d, the model space, where the values do not live")
    d.check(sympy.zeros(1, 3) * Wv == sympy.zeros(1, 4), "h = 0 gives v = 0: a linear subspace, not just affine")
    d.claim("-dimensional affine subspace of the model’s representation space")

    d.section("3. The gate vector GELU(g)")
    (minimum,) = glusym.extrema(gelu)
    one = mpmath.findroot(lambda t: glusym.to_mpmath(gelu)(t) - 1, 1.1)
    d.show("min GELU (glusym.extrema)", f"{sympy.N(minimum.value, 10)} at g = {sympy.N(minimum.at[0][1], 10)}")
    d.show("GELU(g) = 1 at g", mpmath.nstr(one, 10))
    d.check(minimum.value < 0 and gelu(-1) < 0, f"GELU(g) < 0 for every g < 0 (GELU(−1) = {sympy.N(gelu(-1), 6)})")
    d.claim(r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}")
    d.tex("gelu-minimum", r"\text{GELU}\left(%s\right) \approx %s" % (sympy.N(minimum.at[0][1], 6), sympy.N(minimum.value, 6)))
    d.check(gelu(2) > 1, f"GELU(g) > 1 for g > {mpmath.nstr(one, 6)} (GELU(2) = {sympy.N(gelu(2), 6)}): "
                         "that coordinate is stretched away from the origin")
    d.check(glusym.taylor(gelu, order=3).analytic and not gelu.expr.has(sympy.Piecewise),
            "the mask GELU(g_j) is smooth (analytic) in g_j, and acts on coordinate j alone (section 1)")
    d.claim("acts as a smooth, element-wise scaling mask")
    d.claim("compresses coordinates of that subspace toward the origin")
    sizes = [(g, sympy.N(abs(gelu(g)), 6)) for g in (-2, -1, sympy.Rational(-1, 2), sympy.Rational(-1, 10), 0, 1)]
    d.table(("companion g", "|GELU(g)|, the share of v_j kept"), sizes)
    d.check(sizes[2][1] > sizes[3][1] and sizes[1][1] > sizes[0][1],
            "|GELU(g)| is not monotone in g: it rises as g goes from −∞ to GELU's minimum (|GELU(−1)| > |GELU(−2)|), "
            "then falls as g rises on to 0 (|GELU(−1/2)| > |GELU(−1/10)|)")
    d.claim("depending on how “positive’’ the companion coordinates")

    d.section("4. The reachable set, d = 1, d_ff/2 = 2")
    Wg1, Wv1 = sympy.Matrix([[1, -1]]), sympy.Matrix([[1, 1]])
    hs = sympy.Symbol("h", real=True)
    y = glusym.vector_form(geglu, h=sympy.Matrix([[hs]]), W_g=Wg1, W_v=Wv1)
    d.show("W_g = (1, −1), W_v = (1, 1): y(h)", y)
    d.check(sympy.simplify(y[0, 0] - hs**2 * Phi(hs)) == 0 and sympy.simplify(y[0, 1] + hs**2 * Phi(-hs)) == 0,
            "y(h) = (h²Φ(h), −h²Φ(−h)): as h runs over R, a curve in R²")
    y1 = y.subs(hs, 1)
    d.show("y(1)", y1.applyfunc(lambda e: sympy.N(e, 6)))
    cross = sympy.N(y1[0, 0] * 1 - y1[0, 1] * 1, 6)
    d.check(cross != 0, f"y(1) is not parallel to its value v = (1, 1) (cross product {cross}): the direction changed, "
                        "and y left the line the values span")
    reweighted = all(sympy.simplify(y1[0, j] - glusym.get("gelu")(g) * v) == 0
                     for j, (g, v) in enumerate(zip(Wg1, Wv1)))
    d.check(reweighted, "y_j = GELU(g_j)·v_j: each coordinate axis re-weighted on its own, none mixed in")
    d.claim("No new directions are introduced; directions are re-weighted.")
    # is 2·y(1) reachable? y(h) = 2 y(1) forces (adding the two equations, Φ(h) + Φ(−h) = 1) h² = 2
    target = 2 * y1
    d.show("2·y(1)", target.applyfunc(lambda e: sympy.N(e, 6)))
    d.say("""y(h) = 2·y(1) needs h²Φ(h) = 2Φ(1) and h²Φ(−h) = 2Φ(−1); adding them (Φ(h) + Φ(−h) = 1)
             gives h² = 2, so h = ±√2 are the only candidates.""")
    misses = [sympy.N(y.subs(hs, c)[0, 0] - target[0, 0], 6) for c in (sqrt(2), -sqrt(2))]
    d.show("first coordinate of y(±√2) − 2·y(1)", misses)
    d.check(all(m != 0 for m in misses), "neither candidate works: 2·y(1) is not reachable though y(1) is")
    c = sympy.Symbol("c", real=True)
    h2 = sympy.Matrix([[1, c / gelu(1)]])
    full = glusym.vector_form(geglu, h=h2, W_g=sympy.Matrix([[1], [0]]), W_v=sympy.Matrix([[0], [1]]))
    d.check(sympy.simplify(full[0, 0] - c) == 0,
            "while with d = 2, d_ff/2 = 1, W_g = (1, 0)ᵀ, W_v = (0, 1)ᵀ, h = (1, c/GELU(1)) gives y = c: every "
            "y is reached once [W_g W_v] has full rank")
    d.claim("is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with")
    d.finish()


if __name__ == "__main__":
    main()

r"""The thread's vectorised GeGLU y = GELU(hW_g) ⊙ hW_v: its value subspace, its gate's range, its reachable set.

The thread (geglu-geometry.txt) states:

> \text{GELU}(g)\ \otimes\ v. (Hadamard product.)
> The value subspace spanned by columns of WvW_v forms a (dff/2)(d_{ff}/2)-dimensional affine subspace of the model’s representation space.
> \text{GELU}(g)\in[0,\infty)^{d_{ff}/2}
> compresses coordinates of that subspace toward the origin
> is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with
> No new directions are introduced; directions are re-weighted.

Checked on glusym.vector_form(geglu) with explicit small weights: the values hW_v fill the row space
of W_v inside the hidden space R^(d_ff/2); GELU takes negative values and values above 1
(glusym.extrema, mpmath); and with d = 1, d_ff/2 = 2 the reachable set is a curve that leaves the
value line, changes direction, and is not a cone: y(1) is on it and 2·y(1) provably is not.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402
from sympy import sqrt  # noqa: E402

import glusym  # noqa: E402
from _common import Derivation  # noqa: E402
from glusym import Phi  # noqa: E402


def main() -> None:
    d = Derivation(__doc__)
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
    d.partly(r"\text{GELU}(g)\ \otimes\ v", kron.shape == (1, 9),
             "the operation is the Hadamard product y_j = GELU(g_j)·v_j, as the thread says in words; but ⊗ is the "
             "tensor (Kronecker) product, which would give (d_ff/2)² coordinates: the Hadamard product is written ⊙")
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
    d.fails("-dimensional affine subspace of the model’s representation space.", Wv.rank() < Wv.cols,
            "the values v = hW_v fill the row space of W_v (h is a row vector): a linear subspace of the hidden "
            "space R^(d_ff/2), not of the model's R^d, of dimension rank(W_v) <= min(d, d_ff/2), which is d_ff/2 "
            "only when d >= d_ff/2 and W_v has full rank (example: d = 3, d_ff/2 = 4, rank 2)")

    d.section("3. The gate vector GELU(g)")
    (minimum,) = glusym.extrema(gelu)
    one = mpmath.findroot(lambda t: glusym.to_mpmath(gelu)(t) - 1, 1.1)
    d.show("min GELU (glusym.extrema)", f"{sympy.N(minimum.value, 10)} at g = {sympy.N(minimum.at[0][1], 10)}")
    d.show("GELU(g) = 1 at g", mpmath.nstr(one, 10))
    d.check(minimum.value < 0 and gelu(-1) < 0, f"GELU(g) < 0 for every g < 0 (GELU(−1) = {sympy.N(gelu(-1), 6)})")
    d.fails(r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}", minimum.value < 0,
            f"GELU takes negative values: GELU(g) ∈ [{sympy.N(minimum.value, 6)}, ∞)^(d_ff/2), negative at every "
            f"g < 0, lowest at g = {sympy.N(minimum.at[0][1], 6)}")
    d.tex("gelu-minimum", r"\text{GELU}\left(%s\right) \approx %s" % (sympy.N(minimum.at[0][1], 6), sympy.N(minimum.value, 6)))
    d.check(gelu(2) > 1, f"GELU(g) > 1 for g > {mpmath.nstr(one, 6)} (GELU(2) = {sympy.N(gelu(2), 6)}): "
                         "that coordinate is stretched away from the origin")
    d.fails("compresses coordinates of that subspace toward the origin", gelu(2) > 1 and gelu(-1) < 0,
            f"coordinate j is multiplied by GELU(g_j): shrunk toward 0 only where |GELU(g_j)| < 1, stretched where "
            f"g_j > {mpmath.nstr(one, 6)} (GELU > 1), and flipped through the origin where g_j < 0 (GELU < 0)")

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
    d.partly("No new directions are introduced; directions are re-weighted.", reweighted and cross != 0,
             f"true coordinate-wise (right after 'axis-aligned'): y_j = GELU(g_j)·v_j re-weights each coordinate "
             f"axis of the values and adds none; false of the vector: y = GELU(g) ⊙ v is in general not parallel to "
             f"v: v = (1, 1), g = (1, −1) give y = ({sympy.N(y1[0, 0], 6)}, {sympy.N(y1[0, 1], 6)}), so the direction "
             "changes unless all the gates are equal")
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
    d.fails("is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with",
            all(m != 0 for m in misses) and cross != 0,
            "the reachable set {GELU(hW_g) ⊙ hW_v} is in general not a cone and not inside the value subspace: with "
            "d = 1, W_g = (1, −1), W_v = (1, 1) it is the curve y(h) = (h²Φ(h), −h²Φ(−h)), which contains y(1) but "
            "not 2·y(1) (only h = ±√2 could reach it, and neither does), and y(1) is off the value line. (When "
            "[W_g W_v] has rank 2·d_ff/2, every y in R^(d_ff/2) is reached)")
    d.finish()


if __name__ == "__main__":
    main()

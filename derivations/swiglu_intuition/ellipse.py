r"""The 2-D ellipse xᵀAx = 1 as the level set of a sum of SwiGLU units (4 units for a 2×2 A).

The post (swiglu-intuition.md) plans a figure here:

> [2d ellipse]

The argument: a quadratic form is a sum of squares of dot products, xᵀAx = Σ_k λ_k (q_k·x)², by the
eigendecomposition A = QΛQᵀ; each square is two SwiGLU units, s² = SwiGLU(s, s) + SwiGLU(−s, −s)
with s = q_k·x (gate and value weights both ±q_k). So one SwiGLU layer of width 4, with output
weights (λ_1, λ_1, λ_2, λ_2), computes xᵀAx exactly, and the ellipse is its level set 1. Verified
symbolically on glusym.vector_form(swiglu) with the weights substituted. The verdict on the
passage is the ledger's (derivations/ledger), which computes the same sum of squares.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import sigmoid  # noqa: E402

#: The post's figure has no numbers: an ellipse tilted off the axes, with irrational eigenvectors.
A = sympy.Matrix([[3, 1], [1, 1]])
X1, X2 = sympy.symbols("x_1 x_2", real=True)
X = sympy.Matrix([X1, X2])


def fold_sigmoids(e: sympy.Expr) -> sympy.Expr:
    """σ(−u) → 1 − σ(u) for every σ whose argument carries a minus sign (exact: σ(u) + σ(−u) = 1)."""
    return e.replace(lambda a: isinstance(a, sigmoid) and a.args[0].could_extract_minus_sign(),
                     lambda a: 1 - sigmoid(-a.args[0]))


def swiglu_layer(Wg: sympy.Matrix, Wv: sympy.Matrix) -> sympy.Matrix:
    """glusym.vector_form(swiglu) with input h = xᵀ and the weights substituted."""
    d_model, k = Wg.shape
    y = glusym.vector_form(glusym.get("swiglu"), d_model, k)
    h = sympy.MatrixSymbol("h", 1, d_model)
    G, V = sympy.MatrixSymbol("W_g", d_model, k), sympy.MatrixSymbol("W_v", d_model, k)
    sub = {h[0, i]: X[i] for i in range(d_model)}
    sub.update({G[i, j]: Wg[i, j] for i in range(d_model) for j in range(k)})
    sub.update({V[i, j]: Wv[i, j] for i in range(d_model) for j in range(k)})
    return y.xreplace(sub)


def main() -> None:
    d = Script(__doc__)
    swiglu = glusym.get("swiglu")

    d.section("1. Each square is two SwiGLU units")
    s = sympy.Symbol("s", real=True)
    pair = swiglu(s, s) + swiglu(-s, -s)
    d.show("SwiGLU(s, s) + SwiGLU(−s, −s)", pair)
    d.check(sympy.simplify(glusym.elementary(pair - s**2)) == 0, "= s² for every real s")
    q = sympy.Matrix(sympy.symbols("q_1 q_2", real=True))
    qx = (q.T * X)[0]
    d.check(sympy.expand(fold_sigmoids(swiglu(qx, qx) + swiglu(-qx, -qx)) - qx**2) == 0,
            "so (q·x)² = SwiGLU(q·x, q·x) + SwiGLU(−q·x, −q·x) for every vector q (symbolic q)")

    d.section("2. The quadratic form as a sum of squares (eigendecomposition)")
    P, D = A.diagonalize(normalize=True)
    lam = [D[0, 0], D[1, 1]]
    d.show("A", A.tolist())
    d.show("eigenvalues λ", lam)
    d.show("orthonormal eigenvectors q_k (columns)", [list(map(sympy.nsimplify, P[:, k])) for k in range(2)])
    d.check(all(v > 0 for v in lam), "both eigenvalues are positive: A is positive definite, xᵀAx = 1 is an ellipse")
    squares = sum((lam[k] * (P[:, k].T * X)[0] ** 2 for k in range(2)), sympy.S.Zero)
    quad = sympy.expand((X.T * A * X)[0])
    d.check(sympy.radsimp(sympy.expand(squares - quad)) == 0, f"xᵀAx = {quad} = Σ_k λ_k (q_k·x)²")

    d.section("3. One SwiGLU layer of width 4 computes xᵀAx")
    W = sympy.Matrix.hstack(P[:, 0], -P[:, 0], P[:, 1], -P[:, 1])  # gate and value weights alike
    out = sympy.Matrix([[lam[0]], [lam[0]], [lam[1]], [lam[1]]])
    y = swiglu_layer(W, W)
    f = (y * out)[0]
    d.show("units", "SwiGLU(±q_k·x, ±q_k·x) for k = 1, 2; output weights (λ_1, λ_1, λ_2, λ_2)")
    exact = sympy.radsimp(sympy.expand(fold_sigmoids(f) - quad)) == 0
    d.check(exact, "SiLU(xᵀW) ⊙ xᵀW · (λ_1, λ_1, λ_2, λ_2)ᵀ = xᵀAx exactly (σ(u) + σ(−u) = 1 folded, then expanded)")
    for k in range(2):
        v = P[:, k] / sympy.sqrt(lam[k])
        val = sympy.radsimp(sympy.expand(fold_sigmoids(f.xreplace({X1: v[0], X2: v[1]}))))
        d.check(abs(sympy.N(val - 1, 40)) < 1e-30,
                f"the semi-axis end q_{k + 1}/√λ_{k + 1} (length {sympy.N(1 / sympy.sqrt(lam[k]), 6)}) is on the "
                "level set f = 1")
    d.say(f"""So the ellipse xᵀAx = 1 (here A = {A.tolist()}) is exactly the level set 1 of one SwiGLU layer
             of 4 units; in n dimensions 2n units do it, and an indefinite A (a hyperbola) just gets a
             negative output weight.""")
    d.claim("[2d ellipse]")
    d.tex("quadratic-form", r"x^{T} A x = \sum_{k} \lambda_{k} \left(q_{k} \cdot x\right)^{2}", parse=False)
    d.tex("square", r"\left(q \cdot x\right)^{2} = \text{SwiGLU}\left(q \cdot x, q \cdot x\right) + "
          r"\text{SwiGLU}\left(- q \cdot x, - q \cdot x\right)")
    d.figure("ellipse", matrix=[[float(v) for v in row] for row in A.tolist()])
    d.finish()


if __name__ == "__main__":
    main()

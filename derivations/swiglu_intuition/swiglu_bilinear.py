r"""SwiGLU read as a σ-gated bilinear term: (x·w_j)(x·w_i)·σ(x·w_i), and why the product matters.

The post (swiglu-intuition.md) states:

> Rather than SwiGLU being a GLU with \\(\alpha = \text{SiLU}\\), I see it as a GLU with \\(\alpha = \sigma\\) and a bilinear information term \\((\mathbf{x} \cdot \mathbf{w_j})(\mathbf{x} \cdot \mathbf{w_i})\\).
> This is powerful because the bilinear term allows for multiplication between input variables!

Checked: the two readings are the same function; the Taylor expansion at 0 (glusym.taylor) starts
with the bilinear term at second order, x_g·x_v/2; a single SwiGLU unit's quadratic part can be a
pure product x_1·x_2, which no single activation neuron α(w·x) can have (its quadratic part is a
rank-one form c(w·x)²); and two SwiGLU units give x_1·x_2 exactly. The verdicts on the passages
are the ledger's (derivations/ledger); the same quadratic parts are its sub-claims.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import sigmoid, x_g, x_v  # noqa: E402


def zero(e: sympy.Expr) -> bool:
    return sympy.simplify(glusym.elementary(e)) == 0


def quadratic_form(poly: sympy.Expr, v: list[sympy.Symbol]) -> sympy.Matrix:
    """The symmetric matrix Q of the degree-2 part of ``poly``: that part is vᵀQv."""
    p = sympy.Poly(poly, *v)
    two = sum((c * sympy.Mul(*[s**e for s, e in zip(v, m)]) for m, c in p.terms() if sum(m) == 2), sympy.S.Zero)
    return sympy.hessian(two, v) / 2


def main() -> None:
    d = Script(__doc__)
    swiglu, glu, bilinear = glusym.get("swiglu"), glusym.get("glu"), glusym.get("bilinear")

    d.section("1. Two readings of one function")
    d.show("SwiGLU = glu(SiLU)", f"x_v·SiLU(x_g) = {swiglu.expr}")
    as_sigma_gated = glu(x_g, bilinear(x_g, x_v))  # GLU with α = σ, information term x_g·x_v
    d.show("GLU (α = σ) with information x_g·x_v", as_sigma_gated)
    d.check(zero(swiglu.expr - as_sigma_gated), "x_v·SiLU(x_g) = (x_g·x_v)·σ(x_g): the same function")
    X = sympy.Matrix(sympy.symbols("x1:4", real=True))
    Wi, Wj = sympy.Matrix(sympy.symbols("w_i1:4", real=True)), sympy.Matrix(sympy.symbols("w_j1:4", real=True))
    si, sj = (X.T * Wi)[0], (X.T * Wj)[0]
    d.check(zero(swiglu(si, sj) - sj * si * sigmoid(si)),
            "with x_g = x·w_i, x_v = x·w_j: SwiGLU = (x·w_j)(x·w_i)·σ(x·w_i)")
    d.check(zero(swiglu.expr - glusym.get("silu")(x_g) * x_v), "SwiGLU(x_g, x_v) = x_v·SiLU(x_g): the GLU of SiLU")
    d.claim(r"Rather than SwiGLU being a GLU with \\(\alpha = \text{SiLU}\\)")
    d.claim(r"I see it as a GLU with \\(\alpha = \sigma\\) and a bilinear information term")
    d.tex("sigma-gated", r"\text{SwiGLU}\left(x_{g}, x_{v}\right) = x_{v} \text{SiLU}\left(x_{g}\right) = "
          r"\left(x_{g} x_{v}\right) \sigma\left(x_{g}\right)")

    d.section("2. Taylor at 0: the bilinear term comes first, at second order")
    rows = []
    for name in ("bilinear", "glu", "swiglu", "geglu"):
        t = glusym.taylor(glusym.get(name), order=5)
        rows.append((name, t.polynomial))
    d.table(("unit", "Taylor at 0, total degree < 5 (glusym.taylor)"), rows)
    t = glusym.taylor(swiglu, order=5)
    coeffs = t.coefficients()
    d.check(min(sum(m) for m in coeffs) == 2 and coeffs[(1, 1)] == sympy.Rational(1, 2),
            "SwiGLU's lowest term is x_g·x_v/2, of total degree 2: half the bilinear term")
    d.check(coeffs.get((2, 1)) == sympy.Rational(1, 4) and all(m[1] == 1 for m in coeffs),
            "next comes x_g²·x_v/4 (degree 3); every term is linear in x_v")
    d.check(glusym.taylor(glu, order=3).coefficients()[(0, 1)] == sympy.Rational(1, 2),
            "the σ-gated GLU starts at first order instead (x_v/2): multiplying its information by x_g "
            "shifts every term up one degree")
    d.tex("taylor", glusym.latex_part(swiglu, "taylor", order=4)[0])

    d.section("3. Multiplication between input variables")
    x1, x2 = sympy.symbols("x_1 x_2", real=True)
    unit = swiglu(x1, x2)  # w_i = (1, 0), w_j = (0, 1)
    tu = glusym.taylor(unit, order=4).polynomial
    d.show("SwiGLU with w_i = (1, 0), w_j = (0, 1)", unit)
    d.show("its Taylor expansion", tu)
    Q = quadratic_form(tu, [x1, x2])
    d.show("quadratic part as a matrix Q (x^T Q x)", Q.tolist())
    d.check(Q == sympy.Matrix([[0, sympy.Rational(1, 4)], [sympy.Rational(1, 4), 0]]),
            "the quadratic part is exactly x_1·x_2/2: a pure product, indefinite, of rank 2")
    w = 2 * x1 - 3 * x2  # one neuron's pre-activation w·x, w = (2, -3)
    for name in ("silu", "gelu"):
        single = glusym.get(name)(w)
        Qs = quadratic_form(glusym.taylor(single, order=3).polynomial, [x1, x2])
        d.show(f"quadratic part of {name}(2 x_1 − 3 x_2), as a matrix", Qs.tolist())
        d.check(Qs.rank() == 1, f"one {name} neuron: quadratic part c(w·x)², rank one, never a pure x_1·x_2")
    relu_piece = glusym.get("relu")(w)
    d.check(all(sympy.diff(br.expr, v1, v2) == 0 for br in relu_piece.args for v1 in (x1, x2) for v2 in (x1, x2)),
            "a ReLU neuron is linear on each side of its kink: no product term at all")
    pair = swiglu(x1, x2) + swiglu(-x1, -x2)
    d.show("SwiGLU(x_1, x_2) + SwiGLU(−x_1, −x_2)", pair)
    d.check(zero(pair - x1 * x2), "= x_1·x_2·(σ(x_1) + σ(−x_1)) = x_1·x_2 exactly: two units multiply")
    d.claim("the bilinear term allows for multiplication between input variables")
    d.tex("product", r"\text{SwiGLU}\left(x_{1}, x_{2}\right) + \text{SwiGLU}\left(- x_{1}, - x_{2}\right) "
          r"= x_{1} x_{2}")
    d.finish()


if __name__ == "__main__":
    main()

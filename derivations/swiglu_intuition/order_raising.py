r"""The order-raising operator β(x) = x·α(x): x·σ is SiLU, x·Φ is GELU, x·ReLU is ReLU².

The post (swiglu-intuition.md) asks, in its draft notes:

> Maybe it's more param efficient to just use higher-order activation functions? \\(\beta(x) = x \alpha(x)\\), e.g. \\(\beta_\text{ReLU} = \alpha_\text{ReLU}^2\\)
> ReLU^2 wins https://arxiv.org/pdf/2402.03804 - sparsity is a feature not a bug!

glusym.order_raise is this operator. Checked: what it makes of σ, Φ, ReLU and SiLU; that it raises
the growth order at +∞ and the lowest degree at 0 by exactly one; that β_ReLU = ReLU² (a property
of ReLU, not of the operator: x·σ(x) ≠ σ(x)²); and that β_SiLU(x·w) is SwiGLU with tied gate and
value weights, which is what can be computed of the parameter-efficiency question (itself
empirical: it cannot be checked here, its presuppositions are computed). The formulas are judged by glusym.check
(the ledger's formula rows); the verdicts on the prose are the ledger's (derivations/ledger).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x  # noqa: E402

#: The checker's verdict on an identity it proves (ReLU(1) = 1), to compare the post's formula with.
PROVED = glusym.check_formula(r"\text{ReLU}(1) = 1")[0].verdict

PAIRS = (("sigmoid", "silu"), ("normal_cdf", "gelu"), ("relu", "relu2"))


def same(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a = b for x > 0, x < 0 and x = 0 (Piecewise compared branch by branch)."""
    p = sympy.Symbol("p", positive=True)
    return all(sympy.simplify(glusym.elementary((a - b).subs(x, v))) == 0 for v in (p, -p, 0))


def lowest_degree(unit: glusym.Unit) -> int:
    """Degree of the lowest nonzero Taylor term at 0 (on the side x > 0 where one-sided)."""
    t = glusym.taylor(unit, order=4)
    poly = t.polynomial if t.analytic else dict(t.sides)[x > 0]
    return min(m[0] for m in sympy.Poly(poly, x).monoms())


def main() -> None:
    d = Script(__doc__)

    d.section("1. β = order_raise(α) on the catalogue")
    rows = []
    for a_name, b_name in PAIRS:
        alpha = glusym.get(a_name)
        beta = glusym.order_raise(alpha)
        target = glusym.get(b_name)
        ok = same(beta.expr, target.expr)
        ka, kb = glusym.growth_order(alpha, "+oo"), glusym.growth_order(beta, "+oo")
        da, db = lowest_degree(alpha), lowest_degree(beta)
        rows.append((a_name, beta.expr, b_name, ka, kb, da, db))
        d.check(ok and kb == ka + 1 and db == da + 1,
                f"x·{a_name}(x) = {b_name}(x); growth order at +∞ {ka} → {kb}, lowest degree at 0 {da} → {db}")
    d.table(("α", "β(x) = x·α(x)", "=", "order α", "order β", "degree at 0, α", "β"), rows)
    silu2 = glusym.order_raise(glusym.get("silu"))
    d.show("β_SiLU(x) = x·SiLU(x)", silu2.expr)
    d.check(silu2.expr == glusym.stack(glusym.get("swiglu"), 1).expr,
            "β_SiLU(x) = x²σ(x) = SwiGLU(x, x): SwiGLU with equal gate and value inputs")
    d.check(glusym.growth_order(silu2, "+oo") == 2, "β_SiLU has growth order 2 = 1 + 1")
    d.check(all(r[4] == r[3] + 1 for r in rows),
            "β = x·α raises the growth order at +∞ and the lowest degree at 0 by exactly one: "
            "β_σ = SiLU, β_Φ = GELU, β_ReLU = ReLU², β_SiLU(x) = SwiGLU(x, x)")
    d.claim(r"higher-order activation functions? \\(\beta(x) = x \alpha(x)\\)")
    for a_name, _ in PAIRS:
        d.tex(f"beta-{a_name}", glusym.latex(glusym.order_raise(glusym.get(a_name))))

    d.section("2. β_ReLU = ReLU²: a property of ReLU")
    relu = glusym.get("relu")
    beta_relu = glusym.order_raise(relu).expr
    d.check(same(beta_relu, relu.expr**2), "x·ReLU(x) = ReLU(x)² for every x (ReLU(x) is 0 or x)")
    sig = glusym.get("sigmoid")
    at1 = (sympy.N(glusym.order_raise(sig)(1), 6), sympy.N(sig(1) ** 2, 6))
    d.check(at1[0] != at1[1], f"but x·σ(x) ≠ σ(x)²: at x = 1, {at1[0]} ≠ {at1[1]}")
    context: dict = {}  # the post defines β first; check_formula needs that definition in its context
    (definition,) = glusym.check_formula(r"\beta(x) = x \alpha(x)", context=context)
    (link,) = glusym.check_formula(r"\beta_\text{ReLU} = \alpha_\text{ReLU}^2", context=context)
    d.show("glusym.check_formula on the post's two formulas, in order", (definition.verdict, link.verdict))
    d.check(same(beta_relu, relu.expr**2) and link.verdict == PROVED,
            "x·ReLU(x) = ReLU(x)² = ReLU²(x) for every x, and glusym.check_formula proves the post's formula; it is "
            f"special to ReLU (ReLU(x) ∈ {{0, x}}): x·σ(x) ≠ σ(x)², e.g. {at1[0]} ≠ {at1[1]} at x = 1")
    p = sympy.Symbol("p", positive=True)
    d.check(glusym.get("relu2")(-p) == 0, "ReLU²(−p) = 0 for every p > 0: ReLU² is exactly 0 on x < 0, sparse")
    d.claim("ReLU^2 wins https://arxiv.org/pdf/2402.03804")
    d.claim("sparsity is a feature not a bug!")
    d.tex("beta-relu-square", r"x \text{ReLU}\left(x\right) = \text{ReLU}\left(x\right)^{2}")

    d.section("3. 'More param efficient?': β_SiLU is SwiGLU with tied weights")
    x1, x2 = sympy.symbols("x_1 x_2", real=True)
    s = 2 * x1 - 3 * x2  # a weight vector w = (2, -3)
    tied = silu2(s)
    d.check(sympy.simplify(tied - glusym.get("swiglu")(s, s)) == 0,
            "β_SiLU(w·x) = SwiGLU(w·x, w·x): a higher-order activation is a gated unit with w_i = w_j")
    quad = sympy.Poly(glusym.taylor(tied, order=3).polynomial, x1, x2)
    Q = sympy.hessian(quad.as_expr(), (x1, x2)) / 2
    d.show("quadratic part of β_SiLU(2 x_1 − 3 x_2), as a matrix", Q.tolist())
    d.check(Q.rank() == 1 and sympy.expand(quad.as_expr() - s**2 / 2) == 0,
            "(2 x_1 − 3 x_2)²/2, rank one: a tied unit's quadratic part is c(w·x)², never x_1·x_2 alone")
    untied = glusym.taylor(glusym.get("swiglu")(x1, x2), order=3).polynomial
    d.check(sympy.expand(untied - x1 * x2 / 2) == 0, "an untied SwiGLU unit (w_i = e_1, w_j = e_2) has quadratic part x_1·x_2/2")
    d.say("""Parameter efficiency is empirical and not computed here. What is computed: β_SiLU(w·x) =
             SwiGLU(w·x, w·x), a SwiGLU unit with tied weights (w_i = w_j: half the input weights), of the
             same growth order 2; the price is that its quadratic part is rank one, c(w·x)², while an
             untied unit's is (w_i·x)(w_j·x)/2, e.g. a pure product x_1·x_2/2.""")
    d.claim("Maybe it's more param efficient to just use higher-order activation functions?")
    d.finish()


if __name__ == "__main__":
    main()

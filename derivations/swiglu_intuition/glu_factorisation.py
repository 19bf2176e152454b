r"""The GLU family as a product: information (x·w_j) times gate α(x·w_i), i.e. glusym.glu(α).

The post (swiglu-intuition.md) states:

> GLUs (https://arxiv.org/pdf/1612.08083) introduced flexibility by factorising the feed-forward function into two separable components: an information and a gating variable.
> g_\alpha(\mathbf{x}) = \overbrace{(\mathbf{x} \cdot \mathbf{w_j})}^{\text{info}} \overbrace{\alpha(\mathbf{x} \cdot \mathbf{w_i})}^{\text{gate}} \mathbf{w_o}
> Several candidate \\(\alpha\\) functions were trialled and empirically it was decided that \\(\alpha = \text{SiLU}\\) was the "best" (https://arxiv.org/pdf/2002.05202), which led to the widespread adoption of the so-called corresponding SwiGLU (Swish + GLU) activation.

glusym builds every gated unit as glu(gate) = α(x_g)·x_v, with x_g = x·w_i (the gate's input) and
x_v = x·w_j (the information, or value). "Separable" is read as multiplicative separability:
f·∂²f/∂x_g∂x_v = ∂f/∂x_g·∂f/∂x_v, i.e. log|f| is a sum of a function of x_g and one of x_v. The
formula g_α is a definition (the ledger's formula row); the verdicts on the prose are the ledger's
(derivations/ledger), the citations with their computed presuppositions.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x_g, x_v  # noqa: E402

GATED = ("glu", "bilinear", "reglu", "geglu", "swiglu")


def zero(e: sympy.Expr) -> bool:
    return sympy.simplify(sympy.piecewise_fold(glusym.elementary(e))) == 0


def main() -> None:
    d = Script(__doc__)

    d.section("1. Every gated unit of the catalogue is glu(gate)")
    rows = []
    for name in GATED:
        u = glusym.get(name)
        rebuilt = glusym.glu(u.gate, name=f"re_{name}", latex_name=r"\text{G}", reference="", description="")
        rows.append((name, u.gate.name, u.expr))
        d.check(rebuilt.expr == u.expr and zero(u.expr - u.gate(x_g) * x_v),
                f"{name} = glu({u.gate.name}): {u.gate.name}(x_g)·x_v")
    d.table(("unit", "gate α", "α(x_g)·x_v"), rows)
    d.check(glusym.get("swiglu").gate.name == "swish" and glusym.get("glu").gate.name == "sigmoid",
            "SwiGLU's gate is Swish (β = 1: SiLU); the original GLU's gate is σ")
    d.check(glusym.get("swiglu").expr == glusym.glu(glusym.get("silu"), name="s", latex_name="S", reference="",
                                                    description="").expr,
            "SwiGLU = glu(SiLU): x_v·SiLU(x_g) = x_g·x_v·σ(x_g)")
    d.claim("GLUs (https://arxiv.org/pdf/1612.08083) introduced")
    d.claim(r"Several candidate \\(\alpha\\) functions were trialled")
    d.claim("empirically it was decided that")
    d.claim("which led to the widespread adoption")
    d.claim("the so-called corresponding SwiGLU (Swish + GLU) activation")
    for name in ("glu", "swiglu"):
        d.tex(name, glusym.latex(glusym.get(name)))

    d.section("2. Two separable components")
    for name in GATED:
        f = glusym.get(name).expr
        fg, fv = sympy.diff(f, x_g), sympy.diff(f, x_v)
        d.check(zero(f * sympy.diff(f, x_g, x_v) - fg * fv) and sympy.diff(f, x_v, 2) == 0,
                f"{name}: f·f_gv − f_g·f_v = 0 (a product of a function of x_g and one of x_v), "
                "and f is linear in x_v")
    d.check(all(zero(glusym.get(n).expr - glusym.get(n).gate(x_g) * x_v) for n in GATED),
            "every gated unit is α(x_g)·x_v: the information x_v = x·w_j enters linearly, the gate α(x·w_i) "
            "multiplies it")
    d.claim("factorising the feed-forward function into two separable components: an information and a gating variable")

    d.section("3. One unit of the post is one coordinate of the FFN's vector form")
    y = glusym.vector_form(glusym.get("swiglu"), 2, 2)
    d.show("glusym.vector_form(swiglu) (symbolic sizes)", glusym.vector_form(glusym.get("swiglu")))
    h = sympy.Matrix(sympy.MatrixSymbol("h", 1, 2))
    Wg = sympy.Matrix(sympy.MatrixSymbol("W_g", 2, 2))
    Wv = sympy.Matrix(sympy.MatrixSymbol("W_v", 2, 2))
    silu = glusym.get("silu")
    ok = True
    for j in range(2):
        w_i, w_j = Wg[:, j], Wv[:, j]
        g_alpha = (h * w_j)[0] * silu((h * w_i)[0])  # (x·w_j) α(x·w_i), one unit of the post
        ok = ok and zero(y[0, j] - g_alpha)
    d.check(ok, "coordinate j of SiLU(h W_g) ⊙ h W_v is the post's (x·w_j)·α(x·w_i) with w_i, w_j the "
                "j-th columns of W_g, W_v (its w_o is the j-th row of the output projection)")
    d.check(ok, "so g_α(x) = (x·w_j)·α(x·w_i)·w_o is one hidden unit of y = α(hW_g) ⊙ hW_v, times its output row")
    d.tex("unit", r"g_{\alpha}\left(x\right) = \left(x \cdot w_{j}\right) \alpha\left(x \cdot w_{i}\right) w_{o}")
    d.finish()


if __name__ == "__main__":
    main()

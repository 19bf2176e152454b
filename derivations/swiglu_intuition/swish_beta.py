r"""Swish_β(x) = x σ(βx) between x/2 (β → 0) and ReLU (β → ∞); SiLU = Swish_1; its "leaky" gradient.

The post (swiglu-intuition.md) states:

> "leaky" variants of ReLU have been proposed, where a small gradient exists for \\(x<0\\)
> For example, \\(\text{Swish}_\beta(x) = x\sigma(\beta x)\\), parameterised by \\(\beta \geq 0\\), interpolates between \\(\text{Swish}_0(x) = x/2\\) and \\(\text{Swish} _\infty(x) = \text{ReLU}(x)\\), with \\(\text{SiLU}(x) = \text{Swish}_1(x)\\) commonly used.

> [interactive beta slider with transparent asymptotes]

The limits come from glusym.param_limits (β → ∞ taken on each sign of x). More is computed here:
the family is monotone in β at every x, lies between x/2 and ReLU, and converges to ReLU uniformly,
with sup |Swish_β − ReLU| = W(1/e)/β exactly (W: Lambert's function); each Swish_β (β > 0) has the
asymptotes y = 0 and y = x, ReLU's two pieces. Its gradient for x < 0 exists (except at one point)
but is not a leaky ReLU's: it vanishes exponentially far left. The formulas are judged by
glusym.check (the ledger's formula rows); the verdicts on the prose are the ledger's.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402
from sympy import LambertW, Rational, exp  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import sigmoid, x  # noqa: E402

#: The checker's verdict on an identity it proves (σ(0) = 1/2), to compare the post's limits with.
PROVED = glusym.check_formula(r"\sigma(0) = \frac{1}{2}")[0].verdict


def main() -> None:
    d = Script(__doc__)
    swish = glusym.get("swish")
    (beta_param,) = swish.params
    beta = beta_param.symbol
    relu = glusym.get("relu")

    d.section("1. The family")
    d.show("glusym.get('swish').template", swish.template)
    d.check(glusym.get("swish", beta=1).expr == glusym.get("silu").expr, "Swish_1 is glusym's SiLU, x σ(x)")
    d.check(swish.template.xreplace({beta: 0}) == x / 2,
            "x σ(0·x) = x/2 exactly (σ(0) = 1/2): the end β = 0 of the family, a limit for glusym "
            "(β is positive: get('swish', beta=0) is refused)")
    d.claim("commonly used")
    d.tex("definition", glusym.latex(swish))
    d.tex("silu", glusym.latex(glusym.get("silu")))

    d.section("2. The two limits (glusym.param_limits)")
    lim = glusym.param_limits(swish)["beta"]
    d.show("β → 0+", lim.at_zero)
    d.show("β → ∞", lim.at_infinity)
    d.check(sympy.simplify(lim.at_zero - x / 2) == 0, "lim_{β→0} x σ(βx) = x/2")
    d.check(all(lim.at_infinity.subs(x, v) == relu(v) for v in (-5, -1, Rational(-1, 7), 0, Rational(1, 7), 2, 9)),
            "lim_{β→∞} x σ(βx) = ReLU(x) at every sampled x (x = 0 included: Swish_β(0) = 0 for all β)")
    links = [k for f in (r"\text{Swish}_0(x) = x/2", r"\text{Swish} _\infty(x) = \text{ReLU}(x)")
             for k in glusym.check_formula(f)]
    d.show("check_formula on the post's two limits", [(k.verdict, k.reason) for k in links])
    d.check(len(links) == 2 and all(k.verdict == PROVED for k in links),
            "glusym.check_formula: Swish_0(x) = x/2 and Swish_∞(x) = ReLU(x) both hold (limits taken pointwise)")
    for tex in glusym.latex_part(swish, "limits"):
        d.tex("limit-zero" if "0^{+}" in tex else "limit-infinity", tex)

    d.section("3. More: monotone in β, between the two ends, uniform convergence")
    dbeta = sympy.diff(swish.template, beta)
    d.show("∂/∂β Swish_β(x)", sympy.factor(dbeta))
    d.check(sympy.simplify(glusym.elementary(dbeta - x**2 * sigmoid(beta * x) * (1 - sigmoid(beta * x)))) == 0,
            "∂/∂β Swish_β(x) = x² σ(βx)(1 − σ(βx)) >= 0: at every x, Swish_β grows with β")
    d.say("""So for every x, Swish_β(x) runs monotonically from x/2 (β = 0) up to ReLU(x) (β → ∞):
             the whole family lies between its two ends, x/2 <= Swish_β(x) <= ReLU(x).""")
    # sup_x |Swish_β(x) - ReLU(x)| = sup_x |x| σ(-β|x|) = -min Swish_β = W(1/e)/β
    gap = LambertW(exp(-1))
    (m1,) = glusym.extrema(glusym.get("swish", beta=1))
    d.show("glusym.extrema(Swish_1)", f"{m1.kind} at x = {m1.at[0][1]}, value {m1.value}")
    # glusym gives −W(1/e) exactly when its solver finishes within its time budget, else 30 digits
    d.check(abs(sympy.N(m1.value + gap, 40)) < 1e-25 and abs(sympy.N(m1.at[0][1] + 1 + gap, 40)) < 1e-25,
            "min SiLU = −W(1/e) ≈ −0.278465, at x = −1 − W(1/e)")
    silu = glusym.get("silu")
    d.check(sympy.simplify(glusym.elementary(swish.template - silu(beta * x) / beta)) == 0,
            "Swish_β(x) = SiLU(βx)/β, so min Swish_β = −W(1/e)/β, at x = −(1 + W(1/e))/β")
    d.say("""Swish_β(x) − ReLU(x) = −|x| σ(−β|x|) on both sides of 0 (x σ(βx) − x = −x σ(−βx) for
             x > 0), so the largest gap is minus the minimum of Swish_β:""")
    f = glusym.to_mpmath(swish.template.subs(beta, 3) - relu.expr)
    coarse = max((abs(f(mpmath.mpf(k) / 40)), mpmath.mpf(k) / 40) for k in range(-200, 201))
    grid = max(abs(f(coarse[1] + mpmath.mpf(k) / 4000)) for k in range(-100, 101))
    exact = sympy.N(gap / 3, 20)
    d.check(abs(grid - mpmath.mpf(str(exact))) < 1e-6,
            f"β = 3: max of |Swish_3 − ReLU| over a grid on [−5, 5] (glusym.to_mpmath) = {mpmath.nstr(grid, 9)} "
            f"≈ W(1/e)/3 = {sympy.N(exact, 9)}")
    d.claim("interpolates between")
    for b in (sympy.Rational(1, 2), 1, 4):
        a = glusym.asymptotes(glusym.get("swish", beta=b))
        d.check(a.minus.limit == 0 and a.plus.oblique == (1, 0),
                f"β = {b}: Swish_β → 0 as x → −∞ and Swish_β − x → 0 as x → +∞ (glusym.asymptotes)")
    d.claim("[interactive beta slider with transparent asymptotes]")

    d.section("4. The 'small gradient' for x < 0")
    (ds,) = glusym.gradient(glusym.get("silu"))
    d.show("SiLU'(x)", ds)
    where = m1.at[0][1]
    d.check(abs(sympy.N(ds.subs(x, where), 30)) < 1e-28,
            f"SiLU'(x) = 0 at x = −1 − W(1/e) ≈ {sympy.N(where, 6)}: the gradient vanishes there")
    order = glusym.growth_order(ds, "-oo")
    d.show("growth order of SiLU' at −∞ (glusym.growth_order)", order)
    d.check(order == -sympy.oo, "SiLU'(x) → 0 faster than any power as x → −∞ (it is ~ −x e^{x})")
    dv = glusym.to_mpmath(ds)
    with mpmath.workdps(20):
        vals = {v: dv(v) for v in (-1, -2, -5, -10, -20)}
    d.show("SiLU'(x) at x = -1, -2, -5, -10, -20", ", ".join(mpmath.nstr(v, 3) for v in vals.values()))
    d.check(abs(vals[-20]) < 1e-7 and vals[-1] > 0 and vals[-2] < 0,
            "positive just left of 0, negative beyond −1.28, and below 1e-7 by x = −20")
    (dl,) = glusym.gradient(glusym.get("leaky_relu"))
    d.check(dl.subs(x, -3) == sympy.Rational(1, 100), "a leaky ReLU keeps the slope 1/100 at every x < 0")
    d.claim('"leaky" variants of ReLU have been proposed')
    d.claim(r"a small gradient exists for \\(x<0\\)")
    d.figure("swish-beta")
    d.finish()


if __name__ == "__main__":
    main()

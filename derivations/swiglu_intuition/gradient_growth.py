r"""Polynomial order of each unit and of its gradient: the draft's "gradient instability" note, computed.

The post (swiglu-intuition.md) notes, in draft:

> One thing we must be cautious about is gradient instability due to higher-order terms.
> Polynomial order, ReLU^2 (https://arxiv.org/pdf/2402.03804) discussion

Computed with glusym.growth_profile: a unit of polynomial (growth) order k at +∞, |f| ~ c|x|^k,
has a gradient of order k − 1. The first-order units (ReLU, SiLU) have bounded gradients;
the second-order ones (ReLU², and the gated units whose gate grows like x: bilinear, ReGLU,
SwiGLU) have gradients that grow linearly. A gated unit is taken on the diagonal
x_g = x_v = x (z ↦ α(z)·z, one layer of glusym.stack); its 2-D gradient (α'(x_g)x_v, α(x_g)) grows
the same way along rays. Each order is cross-checked by evaluating the derivative in mpmath. The
second note names a discussion to write and cites the ReLU² paper: it cannot be checked, its presupposition
(ReLU² of order 2, ReLU of order 1) computed. The verdicts are the ledger's (derivations/ledger).
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
from glusym import x, x_g, x_v  # noqa: E402

UNITS = ("relu", "silu", "relu2", "bilinear", "reglu", "swiglu")


def measured_order(expr: sympy.Expr) -> mpmath.mpf:
    """log10 |f(10^4)| / |f(10^3)|: the power of x, measured in mpmath."""
    f = glusym.to_mpmath(expr)
    with mpmath.workdps(30):
        return mpmath.log10(abs(f(10**4)) / abs(f(10**3)))


def main() -> None:
    d = Script(__doc__)

    d.section("1. Growth orders of each unit and of its derivative (glusym.growth_profile)")
    rows, checks = [], []
    for name in UNITS:
        chain = glusym.stack(glusym.get(name), 1)
        p = glusym.growth_profile(chain)
        (dexpr,) = glusym.gradient(chain)
        measured = measured_order(dexpr)
        rows.append((name, chain.expr, p.plus.order, p.derivative_plus.order, p.minus.order,
                     p.derivative_minus.order, mpmath.nstr(measured, 4)))
        checks.append((name, p.plus.order, p.derivative_plus.order, measured))
    d.table(("unit", "on the diagonal", "order +∞", "f' order +∞", "order −∞", "f' order −∞",
             "f' order measured"), rows)
    d.say("""Order k: |f| ~ c·|x|^k; −oo: faster than any power (exponentially small, or exactly 0).
             "measured" is log10 |f'(10^4)/f'(10^3)| evaluated in mpmath.""")
    for name, k, dk, measured in checks:
        d.check(dk == k - 1 and abs(measured - dk) < 0.01,
                f"{name}: order {k}, gradient order {dk} = {k} − 1 (measured {mpmath.nstr(measured, 4)})")
    first = [n for n, k, _, _ in checks if k == 1]
    second = [n for n, k, _, _ in checks if k == 2]
    d.check(first == ["relu", "silu"] and second == ["relu2", "bilinear", "reglu", "swiglu"],
            f"first order, bounded gradient: {', '.join(first)}; second order, linearly growing gradient: "
            f"{', '.join(second)}")

    d.section("2. SwiGLU's 2-D gradient along a ray")
    d.say("""∇f = (α'(x_g)·x_v, α(x_g)). For SwiGLU, α = SiLU has order 1 and SiLU' order 0 (the table
             above), so along the ray x_g = x_v = t both components grow like t. Measured in mpmath:""")
    t = sympy.Symbol("t", positive=True)
    g = glusym.gradient(glusym.get("swiglu"))
    on_ray = [e.xreplace({x_g: t, x_v: t}) for e in g]
    d.show("∇SwiGLU(t, t)", tuple(on_ray))
    measured = [measured_order(e) for e in on_ray]
    d.check(all(abs(m - 1) < 0.01 for m in measured),
            "both components of ∇SwiGLU(t, t) grow like t: measured orders "
            + ", ".join(mpmath.nstr(m, 4) for m in measured))
    d.check(all(dk == k - 1 for _, k, dk, _ in checks),
            "a unit of growth order k has a gradient of order k − 1: ReLU and SiLU (k = 1) have bounded gradients; "
            "ReLU², bilinear, ReGLU and SwiGLU (k = 2) have gradients growing like |x| (and stacking L layers "
            "raises this to k^L − 1: see depth_order.py)")
    d.claim("One thing we must be cautious about is gradient instability due to higher-order terms.")

    d.section("3. Polynomial order and ReLU²: SwiGLU on the diagonal is a smooth ReLU²")
    swi = glusym.stack(glusym.get("swiglu"), 1).expr
    relu2 = glusym.get("relu2").expr
    p_swi, p_r2 = glusym.growth_profile(glusym.get("swiglu")), glusym.growth_profile(glusym.get("relu2"))
    d.show("SwiGLU(x, x)", swi)
    d.show("lowest degree at 0: SwiGLU(x, x), ReLU²", (p_swi.at_zero, p_r2.at_zero))
    d.check(p_swi.plus.order == p_r2.plus.order == 2 and p_swi.minus.order == p_r2.minus.order == -oo,
            "the same orders: 2 at +∞, faster than any power at −∞")
    gap = x**2 * glusym.sigmoid(-x)  # = x² − SwiGLU(x, x) for x > 0, = SwiGLU(x, x) for x < 0 by symmetry
    d.check(sympy.simplify(glusym.elementary((relu2 - swi).subs(x, t) - gap.subs(x, t))) == 0
            and sympy.simplify(glusym.elementary((swi - relu2).subs(x, -t) - gap.subs(x, t))) == 0,
            "|SwiGLU(x, x) − ReLU²(x)| = x²σ(−|x|) on both sides")
    (peak,) = [p for p in glusym.extrema(gap) if p.kind == "maximum"]
    d.show("max of x²σ(−x) for x > 0 (glusym.extrema)", f"{sympy.N(peak.value, 8)} at x = {sympy.N(peak.at[0][1], 8)}")
    d.check(abs(peak.value) < 0.49, "so |SwiGLU(x, x) − ReLU²(x)| < 0.49 everywhere")
    d.say(f"""ReLU² and the gated units are of polynomial order 2 at +∞ (ReLU, SiLU: order 1); on the
             diagonal SwiGLU(x, x) = x·SiLU(x) stays within {sympy.N(peak.value, 4)} of ReLU²(x) everywhere:
             a smooth ReLU², with the same order at 0 (lowest degree 2) and at ±∞.""")
    d.claim("Polynomial order, ReLU^2 (https://arxiv.org/pdf/2402.03804) discussion")
    d.tex("swiglu-gradient", glusym.latex_part(glusym.get("swiglu"), "gradient")[0])
    d.finish()


if __name__ == "__main__":
    main()

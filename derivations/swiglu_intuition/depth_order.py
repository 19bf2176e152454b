r"""Depth and polynomial order: the growth orders of stacked units (glusym.stack, glusym.order_table).

The post (swiglu-intuition.md) asks, in its draft notes:

> Key thing is depth = polynomial order?

Computed growth orders: a stack of L layers of a unit of order k at +∞ has order k^L, not L, for
every unit: read as "L layers have order L" the note is false. Read as "depth raises the order", it
is true of the second-order units only: depth multiplies the order of ReLU², bilinear and SwiGLU
(2, 4, 8, 16) and adds nothing to a first-order one (ReLU, SiLU stay at 1 at every depth). The same
is true of the lowest degree at 0 (SwiGLU's chain starts at x^(2^L)) and of the derivative (order
k^L − 1). Cross-checked by evaluating the chains in mpmath, with and without per-layer weights. The
verdict, under both readings, is the ledger's (derivations/ledger).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x  # noqa: E402

UNITS = ("relu", "silu", "relu2", "bilinear", "swiglu")
DEPTHS = (1, 2, 3, 4)


def measured(expr: sympy.Expr, lo: int = 100, hi: int = 1000) -> mpmath.mpf:
    """The power of x in |f| at +∞, measured as log|f(hi)/f(lo)| / log(hi/lo) in mpmath."""
    f = glusym.to_mpmath(expr)
    with mpmath.workdps(40):
        return mpmath.log(abs(f(hi) / f(lo))) / mpmath.log(mpmath.mpf(hi) / lo)


def main() -> None:
    d = Script(__doc__)

    d.section("1. The order table (glusym.order_table)")
    rows = glusym.order_table([glusym.get(n) for n in UNITS], list(DEPTHS))
    d.table(("unit", "depth", "order +∞", "order −∞", "lowest degree at 0", "f' order +∞"),
            [(r.unit, r.depth, r.plus, r.minus, ", ".join(f"{v} ({s})" if s != "x" else str(v) for s, v in r.at_zero),
              r.derivative_plus) for r in rows])
    by = {(r.unit, r.depth): r for r in rows}
    for name in UNITS:
        k = by[(name, 1)].plus
        d.check(all(by[(name, L)].plus == k**L and by[(name, L)].derivative_plus == k**L - 1 for L in DEPTHS),
                f"{name}: order k^L = {[k**L for L in DEPTHS]} at depth 1..4, derivative order k^L − 1")
    d.check(all(by[(n, L)].plus == 1 for n in ("relu", "silu") for L in DEPTHS),
            "ReLU and SiLU stacks stay of order 1 at every depth: depth adds nothing")
    d.check(all(by[(n, L)].plus == 2**L for n in ("relu2", "bilinear", "swiglu") for L in DEPTHS),
            "ReLU², bilinear and SwiGLU stacks have order 2^L: 2, 4, 8, 16")

    d.section("2. At 0: SwiGLU's chain starts at degree 2^L (glusym.taylor of the chain)")
    for L in (1, 2, 3):
        t = glusym.taylor(glusym.stack(glusym.get("swiglu"), L), order=2**L + 2)
        low = min(m[0] for m in sympy.Poly(t.polynomial, x).monoms())
        d.show(f"depth {L}", t.polynomial)
        d.check(low == 2**L, f"depth {L}: lowest term of degree {low} = 2^{L}")

    d.section("3. Cross-check in mpmath: evaluate the chains at x = 100 and 1000")
    for name in ("relu", "silu", "swiglu"):
        for L in (2, 3):
            m = measured(glusym.stack(glusym.get(name), L).expr)
            expected = by[(name, L)].plus
            d.check(abs(m - expected) < 0.02, f"{name} depth {L}: measured order {mpmath.nstr(m, 5)} ≈ {expected}")
    weights = {sympy.Symbol(f"{c}_{l}", positive=True): v
               for l, (a, b) in enumerate(((sympy.Rational(1, 2), 3), (2, sympy.Rational(1, 3)), (5, 1)), start=1)
               for c, v in (("a", a), ("b", b))}
    weighted = glusym.stack(glusym.get("swiglu"), 3, weights=True)
    d.show("a weighted layer (weights=True)", weighted.layers[0])
    m = measured(weighted.expr.xreplace(weights))
    d.check(abs(m - 8) < 0.02, f"SwiGLU depth 3 with weights (a, b) = (1/2, 3), (2, 1/3), (5, 1): measured order "
                               f"{mpmath.nstr(m, 5)} ≈ 8: weights do not change the order")
    d.claim("Key thing is depth = polynomial order?")
    d.tex("swiglu-depth-2", r"f_{2}\left(x\right) = " + glusym.latex(glusym.stack(glusym.get("swiglu"), 2).expr))
    d.tex("swiglu-depth", r"\text{SwiGLU}^{\circ L}\left(x\right) \sim x^{2^{L}}", parse=False)
    d.finish()


if __name__ == "__main__":
    main()

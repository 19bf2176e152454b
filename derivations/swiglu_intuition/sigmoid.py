r"""The sigmoid's identities and its derivative σ′ = σ(1 − σ).

The post (swiglu-intuition.md) states:

> \sigma(x) = \frac{1}{1+e^{-x}} = \frac{e^x}{1+e^x} = 1-\sigma(-x)
> \sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2} = \sigma(x)\sigma(-x) = \sigma(x)(1-\sigma(x))
> which has the benefit of being easily calculated if we already know

Each link of both chains is proved with SymPy on the elementary forms, judged again by
glusym.check_formula on the post's own LaTeX (the checker's verdicts are the ledger's rows on these
formulas), and spot-checked against mpmath's numerical derivative of glusym.to_mpmath's compiled σ.
The prose claim, that σ′ is cheap once σ(x) is known, is the ledger's (derivations/ledger).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import sympy  # noqa: E402
from sympy import exp  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import sigmoid, x  # noqa: E402

POST_SIGMOID = r"\sigma(x) = \frac{1}{1+e^{-x}} = \frac{e^x}{1+e^x} = 1-\sigma(-x)"
POST_DERIVATIVE = r"\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2} = \sigma(x)\sigma(-x) = \sigma(x)(1-\sigma(x))"
#: The checker's verdict on an identity it proves (σ(0) = 1/2), to compare the post's links with.
PROVED = glusym.check_formula(r"\sigma(0) = \frac{1}{2}")[0].verdict


def same(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a = b for every real x (σ written out as 1/(1 + e^{-x}))."""
    return sympy.simplify(glusym.elementary(a - b)) == 0


def main() -> None:
    d = Script(__doc__)
    unit = glusym.get("sigmoid")

    d.section("1. The sigmoid and its three forms")
    forms = [sigmoid(x), 1 / (1 + exp(-x)), exp(x) / (1 + exp(x)), 1 - sigmoid(-x)]
    d.show("glusym.get('sigmoid').expr", unit.expr)
    d.show("written out (glusym.elementary)", glusym.elementary(unit.expr))
    for a, b in zip(forms, forms[1:]):
        d.check(same(a, b), f"{a} = {b} for every real x")
    links = glusym.check_formula(POST_SIGMOID)
    for link in links:
        d.show(f"check_formula: {link.lhs} = {link.rhs}", link.verdict)
    d.check(len(links) == 3 and all(k.verdict == PROVED for k in links),
            "glusym.check_formula proves all three links of the post's chain, as SymPy does above")
    d.tex("definition", glusym.latex(unit, expand=True))
    d.tex("identities", " = ".join(glusym.latex(f) for f in forms))

    d.section("2. Its derivative")
    (ds,) = glusym.gradient(unit)
    d.show("glusym.gradient(sigmoid)", ds)
    dforms = [ds, exp(-x) / (1 + exp(-x)) ** 2, sigmoid(x) * sigmoid(-x), sigmoid(x) * (1 - sigmoid(x))]
    d.check(same(sympy.diff(glusym.elementary(unit.expr), x), ds),
            "d/dx 1/(1 + e^{-x}) equals glusym's gradient (1 - σ)σ")
    for a, b in zip(dforms, dforms[1:]):
        d.check(same(a, b), f"{a} = {b} for every real x")
    f = glusym.to_mpmath(unit)
    fd = glusym.to_mpmath(ds)
    with mpmath.workdps(30):
        worst = max(abs(mpmath.diff(f, t) - fd(t)) for t in (-30, -3, -0.5, 0, 0.25, 2, 40))
    d.check(worst < mpmath.mpf(10) ** -25, f"mpmath's numerical derivative agrees at 7 points to {mpmath.nstr(worst, 3)}")
    links = glusym.check_formula(POST_DERIVATIVE)
    for link in links:
        d.show(f"check_formula: {link.lhs} = {link.rhs}", link.verdict)
    d.check(len(links) == 3 and all(k.verdict == PROVED for k in links),
            f"glusym.check_formula proves all three links of the post's chain; glusym.gradient gives {ds}")
    d.tex("derivative", glusym.latex_part(unit, "gradient")[0])
    d.tex("derivative-forms", r"\sigma'\left(x\right) = "
          + " = ".join(glusym.latex(f) for f in dforms[1:]))

    d.section("3. Cheap in the backward pass")
    s = sympy.Symbol("s", real=True)
    in_s = ds.subs(sigmoid(x), s)
    d.show("σ' with s = σ(x) substituted", in_s)
    d.say("""Once the forward pass has s = σ(x), the derivative needs no exponential: it is the
             polynomial s(1 - s), one subtraction and one multiplication.""")
    d.check(x not in in_s.free_symbols and sympy.expand(in_s - s * (1 - s)) == 0,
            "σ'(x) = s(1 - s) with s = σ(x): a polynomial in the forward value, with no x left in it")
    d.claim("which has the benefit of being easily calculated if we already know")
    d.finish()


if __name__ == "__main__":
    main()

r"""ReLU and its derivative (JAX's convention at the kink: relu'(0) = 0), and what it costs to be
"differentiable".

The post (swiglu-intuition.md) states:

> At a minimum, they must be non-linear and differentiable
> Over time, this evolved into the simpler \\(\text{ReLU}(x) = \max(0, x)\\) with gradient \\(\text{ReLU}'(x) = H(x)\\).

glusym defines ReLU with JAX's branch order, Piecewise((x, x > 0), (0, True)), so its derivative
at the kink is the branch JAX takes there: relu'(0) = 0. The derivative does not exist at 0 (the
one-sided slopes are 0 and 1); H(0) is a convention too (SymPy: 1/2). Away from 0, ReLU' = H. So
ReLU, the activation the post turns to next, is non-linear but not differentiable everywhere: it is
differentiable except at one point, which is all gradient descent needs (it takes a convention
there). The two formulas are judged by glusym.check (the ledger's formula rows); the prose claims
are the ledger's (derivations/ledger).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402
from glusym import x  # noqa: E402

#: The checker's verdict on an identity it proves (ReLU(1) = 1), to compare the post's formulas with.
PROVED = glusym.check_formula(r"\text{ReLU}(1) = 1")[0].verdict


def main() -> None:
    d = Script(__doc__)
    relu = glusym.get("relu")

    d.section("1. ReLU(x) = max(0, x)")
    d.show("glusym.get('relu').expr", relu.expr)
    as_max = sympy.Max(0, x).rewrite(sympy.Piecewise)
    d.check(sympy.simplify(as_max - relu.expr) == 0, "max(0, x), rewritten as a Piecewise, equals glusym's ReLU")
    (link,) = glusym.check_formula(r"\text{ReLU}(x) = \max(0, x)")
    d.show("glusym.check_formula verdict", f"{link.verdict} {link.reason}".strip())
    d.check(link.verdict == PROVED, "glusym.check_formula proves ReLU(x) = max(0, x) for every real x, as SymPy does")
    d.tex("definition", glusym.latex(relu))

    d.section("2. ReLU'(x) = H(x), and the kink")
    (dr,) = glusym.gradient(relu)
    d.show("glusym.gradient(relu)", dr)
    d.show("kink convention", relu.kink_note)
    p = sympy.Symbol("p", positive=True)
    right, left = relu(p) / p, (relu(-p) - relu(0)) / (-p)
    d.show("one-sided slopes at 0 (right, left)", (sympy.simplify(right), sympy.simplify(left)))
    d.check(sympy.simplify(right) == 1 and sympy.simplify(left) == 0,
            "the slope is 1 to the right of 0 and 0 to the left: ReLU has no derivative at 0")
    d.check(dr.subs(x, 0) == 0, "glusym (as JAX) takes relu'(0) = 0, the branch x <= 0")
    d.check(all(dr.subs(x, v) == sympy.Heaviside(v) for v in (-3, -1, sympy.Rational(-1, 10**6),
                                                               sympy.Rational(1, 10**6), 1, 5)),
            "relu'(x) = H(x) at every sampled x != 0")
    d.check(sympy.Heaviside(0) == sympy.Rational(1, 2), "SymPy's H(0) = 1/2, another convention")
    (link,) = glusym.check_formula(r"\text{ReLU}'(x) = H(x)")
    d.show("glusym.check_formula verdict", f"{link.verdict}: {link.reason}")
    d.check(link.verdict == PROVED,
            "glusym.check_formula proves ReLU'(x) = H(x) for every x != 0; at the kink x = 0 the derivative does not "
            "exist (slopes 0 and 1), and both sides are conventions: glusym follows JAX, relu'(0) = 0, SymPy has "
            "H(0) = 1/2")
    d.tex("derivative", glusym.latex_part(relu, "gradient")[0])
    d.tex("derivative-heaviside", r"\text{ReLU}'\left(x\right) = H\left(x\right)")

    d.section("3. Non-linear and differentiable? The sigmoid and ReLU")
    sig = glusym.get("sigmoid")
    d.check(relu(-1) - 2 * relu(0) + relu(1) == 1 and sympy.N(sig(0) - 2 * sig(1) + sig(2)) != 0,
            "neither is affine: ReLU(−1) − 2ReLU(0) + ReLU(1) = 1, σ(0) − 2σ(1) + σ(2) ≠ 0")
    d.say("""The sigmoid is differentiable at every x (σ' = σ(1 − σ)); ReLU is differentiable at every
             x except 0, where the one-sided slopes (section 2) are 0 and 1. So the post's minimum is met by
             its example, the sigmoid, and by ReLU only if 'differentiable' allows one point where a
             convention is taken.""")
    d.claim("At a minimum, they must be non-linear and differentiable")
    d.section("4. 'Simpler'")
    d.check(not (relu.expr.atoms(sympy.exp) | dr.atoms(sympy.exp))
            and glusym.elementary(sig.expr).atoms(sympy.exp),
            "ReLU and ReLU' are built of comparisons and x alone; σ needs an exponential, 1/(1 + e^{-x})")
    d.claim("Over time, this evolved into the simpler")

    d.section("5. The activations, side by side")
    for name in ("sigmoid", "relu", "silu", "gelu"):
        u = glusym.get(name)
        d.show(name, f"{u.expr}    f(-2), f(0), f(2) = "
               + ", ".join(sympy.sstr(sympy.N(u(v), 4)) for v in (-2, 0, 2)))
    d.figure("activations")
    d.finish()


if __name__ == "__main__":
    main()

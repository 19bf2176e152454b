r"""One neuron of an MLP: f_α(x) = α(x·w_i) w_o, and what "inactive" does to its gradient.

The post (swiglu-intuition.md) states:

> f_\alpha(\mathbf{x}) = \overbrace{\alpha(\mathbf{x} \cdot \mathbf{w_i})}^{\text{activation}} \mathbf{w_o}
> each neuron "activates" based on the presence of a linearly identifiable feature in the input
> uses the magnitude of activation to scale its output vector
> if \\(\mathbf{x} \cdot \mathbf{w_i} > 0\\), then the neuron is activated. Otherwise, the neuron is inactivated.
> when a neuron is inactive, it has no gradient, and thus doesn't learn

Worked in R^3 with symbolic vectors x, w_i, w_o and α = glusym's ReLU (relu'(0) = 0, as JAX). An
inactive neuron gets no gradient from that input; it still learns from the inputs on which it is
active, so "doesn't learn" is true of the inactive inputs only (the ledger's two readings).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy  # noqa: E402

import glusym  # noqa: E402
from _common import Script  # noqa: E402

N = 3


def vec(name: str) -> sympy.Matrix:
    return sympy.Matrix(sympy.symbols(f"{name}1:{N + 1}", real=True))


def zero(m: sympy.Matrix) -> bool:
    return all(sympy.simplify(sympy.piecewise_fold(e)) == 0 for e in m)


def main() -> None:
    d = Script(__doc__)
    X, Wi, Wo = vec("x"), vec("w_i"), vec("w_o")
    s = (X.T * Wi)[0]
    relu = glusym.get("relu")
    (drelu,) = glusym.gradient(relu)
    f = relu(s) * Wo

    d.section("1. The neuron")
    d.show("s = x·w_i", s)
    d.show("f_ReLU(x)", "ReLU(s)·w_o, with ReLU(s) = " + sympy.sstr(relu(s)))
    d.check(zero(f.cross(Wo)), "f × w_o = 0: every output lies on the line of w_o")
    p = sympy.Symbol("p", positive=True)
    d.check(relu(p) == p and relu(-p) == 0 and relu(0) == 0,
            "the scale ReLU(s) is s for s > 0 and 0 for s <= 0: outputs fill the ray {t·w_o : t >= 0}")
    d.claim("uses the magnitude of activation to scale its output vector")
    grad_x = [sympy.diff(relu(s), v) for v in X]
    d.check(zero(sympy.Matrix(grad_x) - drelu.subs(glusym.x, s) * Wi),
            "∇_x ReLU(x·w_i) = ReLU'(x·w_i)·w_i: the neuron sees x only through the one linear feature x·w_i")
    d.claim('each neuron "activates" based on the presence of a linearly identifiable feature in the input')
    d.tex("neuron", r"f_{\text{ReLU}}\left(x\right) = \text{ReLU}\left(x \cdot w_{i}\right) w_{o}")

    d.section("2. Active exactly when x·w_i > 0")
    d.check(sympy.ask(sympy.Q.positive(relu(p))) and relu(-p) == 0 and relu(0) == 0,
            "ReLU(s) > 0 for s > 0, and ReLU(s) = 0 for s <= 0")
    d.claim(r"if \\(\mathbf{x} \cdot \mathbf{w_i} > 0\\), then the neuron is activated")
    d.claim("Otherwise, the neuron is inactivated.")

    d.section("3. Its gradients")
    J = f.jacobian(X)
    expected = drelu.subs(glusym.x, s) * Wo * Wi.T
    d.show("∂f/∂x", "ReLU'(s) w_o w_iᵀ")
    d.check(zero(J - expected), "∂f/∂x = ReLU'(x·w_i) w_o w_iᵀ, a rank-one matrix (glusym.gradient gives ReLU')")
    dWi, dWo = f.jacobian(Wi), f.jacobian(Wo)
    d.check(zero(dWi - drelu.subs(glusym.x, s) * Wo * X.T), "∂f/∂w_i = ReLU'(x·w_i) w_o xᵀ")
    d.check(zero(dWo - relu(s) * sympy.eye(N)), "∂f/∂w_o = ReLU(x·w_i) I")
    inactive = {X[0]: 1, X[1]: 2, X[2]: -1, Wi[0]: -1, Wi[1]: 0, Wi[2]: 1}  # s = -2
    at = {**inactive}
    d.show("at x = (1, 2, -1), w_i = (-1, 0, 1): s", s.subs(at))
    grads = [m.subs(at) for m in (J, dWi, dWo)]
    d.check(all(zero(m) for m in grads), "at this inactive point (s = -2) all three gradients are exactly 0")
    d.check(drelu.subs(glusym.x, 0) == 0, "and at s = 0 too, under JAX's relu'(0) = 0")
    d.claim("when a neuron is inactive, it has no gradient")

    d.section("4. ... and thus doesn't learn?")
    active = {X[0]: 0, X[1]: 0, X[2]: 1}  # s = 1 with the same w_i
    d.show("at x = (0, 0, 1), the same w_i: s", s.subs({**active, **{k: v for k, v in at.items() if k in Wi}}))
    both = [m.subs(at) + m.subs({**active, **{k: v for k, v in at.items() if k in Wi}}) for m in (dWi, dWo)]
    d.check(not all(zero(m) for m in both),
            "summed over the two inputs (one inactive, one active) the weight gradients are not 0: the neuron "
            "learns from the input on which it is active")
    d.claim("and thus doesn't learn")
    d.finish()


if __name__ == "__main__":
    main()

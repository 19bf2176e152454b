"""The computations behind the SwiGLU post's sub-claims, by name: each takes the Maths and the
arguments its claim declares, and returns (truth, what it computed).

Every unit comes from ``m.get(name)`` (so that a test can replace one and see the dependent claims
change), every constant the post states is an argument declared in ``post.py``, and the text of a
finding states the values computed, so that a false finding reads as the true statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mpmath
import numpy as np
import sympy
from sympy import Rational, oo

from glusym import (asymptotes, elementary, extrema, gradient, growth_order, growth_profile, order_raise,
                    param_limits, stack, taylor, to_mpmath, to_numpy, x, x_g, x_v)
from glusym.claims import Maths, Registry

REGISTRY = Registry()

#: A positive real: ``f(-p)`` is f on the whole half-line x < 0 at once.
P = sympy.Symbol("p", positive=True)
#: Two input variables (a single neuron's x = (x_1, x_2)).
X1, X2 = sympy.symbols("x_1 x_2", real=True)


# ---------------------------------------------------------------------------------------------
# helpers


def n(e: Any, digits: int = 6) -> str:
    """A number in ``digits`` significant digits."""
    return str(sympy.N(e, digits))


def _zero(e: sympy.Expr) -> bool:
    """``e`` is 0 identically (σ, Φ written out, Piecewise folded)."""
    return sympy.simplify(sympy.piecewise_fold(elementary(sympy.sympify(e)))) == 0


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a = b as functions of x: on x > 0, on x < 0 and at 0 (Piecewise compared branch by branch)."""
    return all(_zero((a - b).subs(x, v)) for v in (P, -P, 0))


def _growth(m: Maths, unit: str, depth: int = 1) -> Any:
    """growth_profile of ``depth`` layers of ``unit``, once per Maths."""
    return m.memo(("growth", unit, depth), lambda: growth_profile(stack(m.get(unit), depth)))


def _kinks(e: sympy.Expr) -> list[sympy.Expr]:
    """The real points where a branch of ``e`` (Piecewise, Max, Abs, Heaviside) switches."""
    pw = sympy.sympify(e).rewrite(sympy.Piecewise)
    points: set[sympy.Expr] = set()
    for piece in pw.atoms(sympy.Piecewise):
        for _, cond in piece.args:
            for rel in cond.atoms(sympy.core.relational.Relational):
                points |= {r for r in sympy.solve(rel.lhs - rel.rhs, x) if r.is_real}
    return sorted(points, key=lambda r: float(r))


def _slopes(e: sympy.Expr, c: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """The one-sided derivatives (left, right) of ``e`` at ``c``."""
    h = sympy.Symbol("h", positive=True)
    f0 = e.subs(x, c)
    right = sympy.limit((e.subs(x, c + h) - f0) / h, h, 0, "+")
    left = sympy.limit((f0 - e.subs(x, c - h)) / h, h, 0, "+")
    return left, right


def _branches(e: sympy.Expr) -> list[sympy.Expr]:
    """The expressions of the branches of ``e`` (itself if it has none)."""
    pw = sympy.piecewise_fold(sympy.sympify(e).rewrite(sympy.Piecewise))
    return [b for b, _ in pw.args] if isinstance(pw, sympy.Piecewise) else [pw]


def _degree(b: sympy.Expr) -> Any:
    """The degree of a branch in x (0 for a constant, oo for a non-polynomial)."""
    return (sympy.degree(b, x) if b != 0 else 0) if b.is_polynomial(x) else oo


def _transcendental(e: sympy.Expr) -> list[sympy.Expr]:
    """The function applications in ``e`` other than branching (exp, log, erf, …)."""
    return sorted((f for f in elementary(sympy.sympify(e)).atoms(sympy.Function)
                   if not isinstance(f, sympy.Piecewise)), key=str)


def _lowest_degree(e: sympy.Expr) -> int:
    """The degree of the lowest nonzero Taylor term at 0 (on the side x > 0 where one-sided)."""
    t = taylor(e, order=4)
    poly = t.polynomial if t.analytic else dict(t.sides)[x > 0]
    return min(mono[0] for mono in sympy.Poly(poly, x).monoms())


def _quadratic(e: sympy.Expr) -> sympy.Matrix:
    """The symmetric matrix Q of the degree-2 Taylor part of ``e`` in (x_1, x_2): that part is vᵀQv."""
    poly = sympy.Poly(taylor(e, order=3).polynomial, X1, X2)
    two = sum((c * X1**i * X2**j for (i, j), c in poly.terms() if i + j == 2), sympy.S.Zero)
    return sympy.hessian(two, (X1, X2)) / 2


def _dot(a: Sequence[Any], b: Sequence[Any]) -> sympy.Expr:
    return sum((sympy.sympify(u) * v for u, v in zip(a, b)), sympy.S.Zero)


# ---------------------------------------------------------------------------------------------
# activations: non-linear, differentiable, cheap, sparse


@REGISTRY
def nonlinear(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` is not affine: some second difference f(a − 1) − 2f(a) + f(a + 1) is not 0."""
    u = m.get(unit)
    for a in (-1, 0, 1, 2):
        d2 = u(a - 1) - 2 * u(a) + u(a + 1)
        if abs(sympy.N(d2, 30)) > 1e-20:
            return True, f"{unit}({a - 1}) - 2*{unit}({a}) + {unit}({a + 1}) = {n(d2)} != 0: not affine"
    return False, f"{unit}(a - 1) - 2*{unit}(a) + {unit}(a + 1) = 0 at a = -1, 0, 1, 2: {unit} = {u.expr} is affine there"


@REGISTRY
def differentiable_everywhere(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` has a derivative at every real x: at each point where a branch switches, the
    one-sided slopes agree."""
    u = m.get(unit)
    kinks = _kinks(u.expr)
    if not kinks:
        (d,) = gradient(u)
        return True, f"{unit} = {u.expr} has no branch point: differentiable at every x ({unit}' = {d})"
    slopes = [(c, *_slopes(u.expr, c)) for c in kinks]
    jumps = [(c, lft, rgt) for c, lft, rgt in slopes if not _zero(lft - rgt)]
    if jumps:
        return False, "; ".join(f"{unit} has one-sided slopes {lft} (left) and {rgt} (right) at x = {c}: no derivative "
                                f"there" for c, lft, rgt in jumps)
    return True, "; ".join(f"{unit}'s one-sided slopes agree at x = {c} ({lft})" for c, lft, _ in slopes) \
        + f": differentiable at every x"


@REGISTRY
def differentiable_except_isolated(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` is differentiable except at finitely many points (where gradient descent takes a
    convention): its branch points are finitely many and each branch is differentiable."""
    u = m.get(unit)
    kinks = _kinks(u.expr)
    bad = []
    for c in kinks:
        lft, rgt = _slopes(u.expr, c)
        if not _zero(lft - rgt):
            bad.append(f"x = {c} (slopes {lft} | {rgt})")
    smooth = all(not _kinks(b) for b in _branches(u.expr))
    if not bad:
        return smooth, f"{unit} is differentiable at every x: no point needs a convention"
    return smooth, (f"{unit} is differentiable at every x except {', '.join(bad)}: finitely many points, a set of "
                    f"measure zero, where a convention is taken ({u.kink_note or 'none declared'})")


@REGISTRY
def derivative_in_forward_value(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit``' is a polynomial in s = unit(x): known from the forward pass, it costs no exponential."""
    u = m.get(unit)
    (d,) = gradient(u)
    s = sympy.Symbol("s", real=True)
    in_s = sympy.expand(d.subs(u.expr, s))
    ok = x not in in_s.free_symbols and in_s.is_polynomial(s)
    shown = sympy.Mul(s, sympy.cancel(in_s / s), evaluate=False) if ok and sympy.rem(in_s, s, s) == 0 else in_s
    if ok:
        return True, (f"{unit}'(x) = {d}; with s = {unit}(x) from the forward pass, {unit}'(x) = {shown}: "
                      "a polynomial in s, no x and no exponential left")
    return False, f"{unit}'(x) = {d} is not a polynomial in s = {unit}(x) alone ({in_s} with s = {unit}(x))"


@REGISTRY
def simpler_than(m: Maths, unit: str, other: str) -> tuple[bool, str]:
    """``unit`` and its derivative are piecewise polynomials of degree <= 1 with no transcendental
    function, while ``other`` needs one."""
    u, o = m.get(unit), m.get(other)
    (d,) = gradient(u)
    funcs = _transcendental(u.expr) + _transcendental(d)
    degrees = [_degree(b) for b in _branches(u.expr)]
    theirs = _transcendental(o.expr)
    ok = not funcs and max(degrees) <= 1 and bool(theirs)
    return ok, (f"{unit} = {u.expr} and {unit}' = {d}: branches of degree {degrees}, transcendental functions "
                f"{funcs or 'none'}; {other} = {elementary(o.expr)} needs {theirs or 'none'}")


@REGISTRY
def zero_on_half_line(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` is exactly 0 on the whole half-line x < 0 (its zeros are exact: sparse)."""
    u = m.get(unit)
    v = sympy.simplify(u(-P))
    return v == 0, (f"{unit}(-p) = {v} for every p > 0: exactly 0 on the half-line x < 0" if v == 0 else
                    f"{unit}(-p) = {v} for p > 0: not 0 on x < 0 ({unit}(-1) = {n(u(-1))})")


@REGISTRY
def flat_left_tail(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` and its derivative are both 0 on x < 0: the left tail is flat at 0."""
    u = m.get(unit)
    (d,) = gradient(u)
    v, dv = sympy.simplify(u(-P)), sympy.simplify(d.subs(x, -P))
    ok = v == 0 and dv == 0
    return ok, (f"{unit}(-p) = {v} and {unit}'(-p) = {dv} for every p > 0: "
                + ("a flat tail at 0, so every input with x < 0 gives an exact zero" if ok else
                   f"not flat (at x = -1: {unit} = {n(u(-1))}, {unit}' = {n(d.subs(x, -1))})"))


@REGISTRY
def monotone(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` is nondecreasing: its derivative is >= 0 on x > 0 and on x < 0."""
    u = m.get(unit)
    (d,) = gradient(u)
    sides = [sympy.simplify(d.subs(x, v)) for v in (P, -P)]
    ok = all(bool(s.is_nonnegative) for s in sides)
    low = min(sympy.N(d.subs(x, v)) for v in (-4, -2, -1, -Rational(1, 2), Rational(1, 2), 1, 2))
    return ok, (f"{unit}'(p) = {sides[0]}, {unit}'(-p) = {sides[1]} for p > 0: "
                + ("never negative, so a larger pre-activation never switches the neuron less on" if ok else
                   f"negative somewhere (the smallest sampled value is {n(low)})"))


@REGISTRY
def active_on_features(m: Maths, unit: str, w: tuple[Any, ...], features: tuple[tuple[Any, ...], ...]) -> tuple[bool, str]:
    """One neuron unit(x·w) is active (> 0) on each of several distinct feature directions."""
    u = m.get(unit)
    vals = [u(_dot(f, w)) for f in features]
    ok = all(bool(sympy.N(v) > 0) for v in vals)
    return ok, (f"with w_i = {w}: {unit}(f·w_i) = {', '.join(n(v) for v in vals)} for the features {features}: "
                + ("one neuron active on each of them" if ok else "not active on all of them"))


# ---------------------------------------------------------------------------------------------
# one neuron f_α(x) = α(x·w_i) w_o


def _neuron(dim: int) -> tuple[sympy.Matrix, sympy.Matrix, sympy.Matrix, sympy.Expr]:
    X = sympy.Matrix(sympy.symbols(f"x1:{dim + 1}", real=True))
    Wi = sympy.Matrix(sympy.symbols(f"w_i1:{dim + 1}", real=True))
    Wo = sympy.Matrix(sympy.symbols(f"w_o1:{dim + 1}", real=True))
    return X, Wi, Wo, (X.T * Wi)[0]


@REGISTRY
def projection_feature(m: Maths, unit: str, dim: int = 3) -> tuple[bool, str]:
    """The neuron sees x only through the one linear feature x·w_i: ∇_x unit(x·w_i) = unit'(x·w_i)·w_i."""
    u = m.get(unit)
    (d,) = gradient(u)
    X, Wi, _, s = _neuron(dim)
    ok = all(_zero(sympy.diff(u(s), X[k]) - d.subs(x, s) * Wi[k]) for k in range(dim))
    return ok, (f"in R^{dim}: the gradient of {unit}(x·w_i) with respect to x is {unit}'(x·w_i)·w_i, parallel to w_i: "
                "the activation is a function of the single linear feature x·w_i" if ok else
                f"the gradient of {unit}(x·w_i) is not {unit}'(x·w_i)·w_i")


@REGISTRY
def output_scaled(m: Maths, unit: str, dim: int = 3) -> tuple[bool, str]:
    """f = unit(x·w_i)·w_o is w_o scaled by the activation, and the activation is >= 0, so the
    scale is its magnitude."""
    u = m.get(unit)
    X, Wi, Wo, s = _neuron(dim)
    f = u(s) * Wo
    parallel = all(_zero(e) for e in f.cross(Wo)) if dim == 3 else True
    samples = [u(v) for v in (-5, -2, -1, -Rational(1, 2), 0, Rational(1, 2), 1, 2, 5)]
    low = min(sympy.N(v, 20) for v in samples)
    nonneg = bool(sympy.simplify(u(P)).is_nonnegative) and bool(sympy.simplify(u(-P)).is_nonnegative)
    ok = parallel and nonneg
    text = f"f × w_o = {'0' if parallel else 'not 0'}: f = {unit}(x·w_i)·w_o, w_o scaled by the activation; "
    text += (f"{unit}(p) = {sympy.simplify(u(P))}, {unit}(-p) = {sympy.simplify(u(-P))} >= 0, so the scale is the "
             "activation's magnitude (outputs fill the ray t·w_o, t >= 0)" if nonneg else
             f"but {unit} takes negative values (as low as {n(low)} at the samples): a negative activation flips w_o, "
             "the scale is the signed activation, not its magnitude")
    return ok, text


@REGISTRY
def active_when(m: Maths, unit: str, threshold: Any = 0) -> tuple[bool, str]:
    """unit(s) > 0 for every s > threshold: the neuron is active there."""
    u = m.get(unit)
    v = sympy.simplify(u(threshold + P))
    ok = bool(v.is_positive)
    at = sympy.sstr(threshold + P)
    return ok, (f"{unit}({at}) = {v} > 0 for every p > 0: active whenever x·w_i > {threshold}" if ok else
                f"{unit}({at}) = {v} is not positive for every p > 0")


@REGISTRY
def inactive_otherwise(m: Maths, unit: str, threshold: Any = 0) -> tuple[bool, str]:
    """unit(s) = 0 for every s <= threshold: the neuron is inactive there."""
    u = m.get(unit)
    below, at = sympy.simplify(u(threshold - P)), sympy.simplify(u(threshold))
    ok = below == 0 and at == 0
    return ok, (f"{unit}({sympy.sstr(threshold - P)}) = {below} for every p > 0 and {unit}({threshold}) = {at}: "
                + (f"inactive (exactly 0) for every x·w_i <= {threshold}" if ok else
                   f"not 0 for x·w_i <= {threshold} ({unit}(-1) = {n(u(threshold - 1))}): never exactly inactive"))


@REGISTRY
def no_gradient_inactive(m: Maths, unit: str, threshold: Any = 0) -> tuple[bool, str]:
    """Where x·w_i < threshold, unit and unit' are 0, so ∂f/∂x = unit'·w_o w_iᵀ, ∂f/∂w_i = unit'·w_o xᵀ
    and ∂f/∂w_o = unit·I all vanish."""
    u = m.get(unit)
    (d,) = gradient(u)
    dv, v, at = sympy.simplify(d.subs(x, threshold - P)), sympy.simplify(u(threshold - P)), d.subs(x, threshold)
    ok = dv == 0 and v == 0
    below = sympy.sstr(threshold - P)
    return ok, (f"{unit}'({below}) = {dv} and {unit}({below}) = {v} for every p > 0: the gradients "
                f"{unit}'(s)·w_o w_iᵀ (x), {unit}'(s)·w_o xᵀ (w_i) and {unit}(s)·I (w_o) are "
                + ("all 0 on x·w_i < 0" if ok else "not 0 there")
                + f"; at x·w_i = {threshold} {unit}' is taken as {at} ({u.kink_note or 'no kink'})")


@REGISTRY
def no_update(m: Maths, unit: str, w_i: tuple[Any, ...], inputs: tuple[tuple[Any, ...], ...]) -> tuple[bool, str]:
    """The weight gradients of f = unit(x·w_i)·w_o (w_o = 1), summed over ``inputs``, are 0: no
    update reaches the neuron's weights from these inputs."""
    u = m.get(unit)
    (d,) = gradient(u)
    ss = [_dot(xin, w_i) for xin in inputs]
    g_o = sympy.nsimplify(sum((u(s) for s in ss), sympy.S.Zero))
    g_i = [sympy.nsimplify(sum((d.subs(x, s) * sympy.sympify(xin[k]) for s, xin in zip(ss, inputs)), sympy.S.Zero))
           for k in range(len(w_i))]
    ok = g_o == 0 and all(g == 0 for g in g_i)
    return ok, (f"with w_i = {w_i}, w_o = 1 and the inputs {inputs} (x·w_i = {ss}): the gradients summed over them are "
                f"df/dw_o = {g_o}, df/dw_i = {tuple(g_i)}: "
                + ("no update from these inputs" if ok else
                   "not 0: the neuron learns from the inputs on which it is active"))


# ---------------------------------------------------------------------------------------------
# the XOR network of the post's diagram: edges (source, weight, target), constant nodes, and the
# nodes drawn with [·]₊ (ReLU)


def _network(m: Maths, edges: Any, constants: Any, rectified: Any) -> tuple[dict[str, sympy.Expr], tuple[Any, Any]]:
    X, Y = sympy.symbols("x y", real=True)
    val: dict[str, sympy.Expr] = {"x": X, "y": Y, **{k: sympy.Integer(v) for k, v in constants}}
    relu = m.get("relu")
    for t in dict.fromkeys(dst for _, _, dst in edges):
        pre = sum((sympy.Integer(w) * val[src] for src, w, dst in edges if dst == t), sympy.S.Zero)
        val[t] = relu(pre) if t in rectified else pre
    return val, (X, Y)


def _binary(m: Maths, edges: Any, constants: Any, rectified: Any) -> dict[tuple[int, int], dict[str, sympy.Expr]]:
    key = ("xor", edges, constants, rectified)

    def table() -> dict[tuple[int, int], dict[str, sympy.Expr]]:
        val, (X, Y) = _network(m, edges, constants, rectified)
        return {(a, b): {k: sympy.simplify(v.subs({X: a, Y: b})) for k, v in val.items()} for a in (0, 1) for b in (0, 1)}

    return m.memo(key, table)


@REGISTRY
def xor_gate(m: Maths, edges: Any, constants: Any, rectified: Any, output: str) -> tuple[bool, str]:
    """The diagram's network computes x XOR y at its output on the four binary inputs."""
    t = _binary(m, edges, constants, rectified)
    ok = all(v[output] == (a ^ b) for (a, b), v in t.items())
    rows = ", ".join(f"({a},{b})->{v[output]}" for (a, b), v in t.items())
    return ok, f"{output} on the binary inputs: {rows}" + (": x XOR y" if ok else ": not x XOR y")


@REGISTRY
def hidden_count(m: Maths, rectified: Any, count: int) -> tuple[bool, str]:
    """The network's hidden layer (the rectified nodes) has ``count`` neurons."""
    return len(rectified) == count, f"the hidden layer has {len(rectified)} neurons ({', '.join(rectified)})"


@REGISTRY
def not_affine(m: Maths, edges: Any, constants: Any, rectified: Any, output: str) -> tuple[bool, str]:
    """The network's output is not affine in (x, y): z(0,0) − z(1,0) − z(0,1) + z(1,1) ≠ 0 (it is 0
    for every affine function)."""
    t = _binary(m, edges, constants, rectified)
    d = t[(0, 0)][output] - t[(1, 0)][output] - t[(0, 1)][output] + t[(1, 1)][output]
    return d != 0, (f"{output}(0,0) - {output}(1,0) - {output}(0,1) + {output}(1,1) = {d}"
                    + (" != 0, while it is 0 for every affine function: the ReLU network expresses a non-linear "
                       "relationship" if d != 0 else ", as for an affine function"))


@REGISTRY
def linear_without_activation(m: Maths, depth: int) -> tuple[bool, str]:
    """Without a non-linearity (the identity as activation) a stack of layers is linear."""
    e = stack(m.get("identity"), depth, weights=True).expr
    ok = sympy.diff(e, x, 2) == 0
    return ok, f"{depth} layers with the identity as activation, weights a_l: {e}" + \
        (", linear in x: depth alone expresses nothing non-linear" if ok else ", not linear")


_LOGIC = {"or": lambda a, b: bool(a or b), "and": lambda a, b: bool(a and b)}


@REGISTRY
def active_on(m: Maths, node: str, logic: str, edges: Any, constants: Any, rectified: Any) -> tuple[bool, str]:
    """Neuron ``node`` is active (> 0) on the binary inputs exactly where x ``logic`` y is true."""
    t = _binary(m, edges, constants, rectified)
    ok = all(bool(v[node] > 0) == _LOGIC[logic](a, b) for (a, b), v in t.items())
    vals = ", ".join(f"({a},{b})->{v[node]}" for (a, b), v in t.items())
    return ok, f"{node} on the binary inputs: {vals}: " + (f"> 0 exactly when x {logic.upper()} y (it detects it by "
                                                            "being active; its value is not the gate's)" if ok else
                                                            f"not active exactly on x {logic.upper()} y")


@REGISTRY
def output_iff(m: Maths, value: Any, first: str, second: str, output: str, edges: Any, constants: Any,
               rectified: Any) -> tuple[bool, str]:
    """On the binary inputs, output = value exactly when ``first`` > 0 and ``second`` = 0."""
    t = _binary(m, edges, constants, rectified)
    ok = all((v[output] == value) == (bool(v[first] > 0) and v[second] == 0) for v in t.values())
    rows = ", ".join(f"({a},{b}): {first} = {v[first]}, {second} = {v[second]}, {output} = {v[output]}"
                     for (a, b), v in t.items())
    return ok, rows + (f": {output} = {value} exactly when {first} is active and {second} inactive" if ok else
                       f": {output} = {value} is not the same as '{first} active and {second} inactive'")


@REGISTRY
def node_label(m: Maths, node: str, label: Any, edges: Any, constants: Any) -> tuple[bool, str]:
    """The weighted sum the edges bring into ``node`` is the label's (a constant node is its value)."""
    const = dict(constants)
    into = [(src, w) for src, w, dst in edges if dst == node]
    from_edges = sum((sympy.Integer(w) * (sympy.Integer(const[src]) if src in const else sympy.Symbol(src))
                      for src, w in into), sympy.S.Zero)
    from_label = sum((sympy.Integer(c) * (sympy.S.One if name == "1" else sympy.Symbol(name)) for name, c in label),
                     sympy.S.Zero)
    ok = sympy.expand(from_edges - from_label) == 0
    drawn = ", ".join(f"{src} -->|{w}| {node}" for src, w in into)
    consts = ", ".join(f"{k} = {v}" for k, v in const.items() if k in dict(into))
    return ok, (f"the edges {drawn} bring {from_edges}" + (f" ({consts})" if consts else "")
                + f"; the label says {from_label}")


@REGISTRY
def positive_part(m: Maths, unit: str) -> tuple[bool, str]:
    """The label's [s]₊ = max(0, s) is the network's unit."""
    u = m.get(unit)
    ok = _same(u.expr, sympy.Max(0, x))
    return ok, (f"[s]_+ = max(0, s) is {unit}(s) = {u.expr} for s > 0, s < 0 and s = 0" if ok else
                f"[s]_+ = max(0, s) is not {unit}(s) = {u.expr} (at s = -1: 0 against {n(u(-1))})")


@REGISTRY
def bias_node(m: Maths, node: str, nodes: Any, constants: Any, edges: Any) -> tuple[bool, str]:
    """``node`` is a node of the diagram, a constant, and feeds a neuron: a bias node."""
    const = dict(constants)
    feeds = [(w, dst) for src, w, dst in edges if src == node]
    ok = node in nodes and node in const and bool(feeds)
    if ok:
        return True, (f"{node} is a node of the diagram, the constant {const[node]}, feeding "
                      + ", ".join(f"{dst} with weight {w}" for w, dst in feeds) + ": a bias")
    return False, (f"{node} is no node of the diagram (its nodes: {', '.join(nodes)}) and no edge leaves it; the "
                   f"one bias node is {', '.join(k for k in const if k in nodes)}" if node not in nodes else
                   f"{node} is a node of the diagram but not a constant feeding a neuron")


# ---------------------------------------------------------------------------------------------
# leaky gradients and the Swish family


@REGISTRY
def gradient_left(m: Maths, unit: str, below: Any = 0) -> tuple[bool, str]:
    """unit' is a nonzero constant on x < below (a leaky slope)."""
    u = m.get(unit)
    (d,) = gradient(u)
    v = sympy.simplify(d.subs(x, below - P))
    ok = P not in v.free_symbols and v != 0
    return ok, (f"{unit}'(x) = {v} at every x < {below}: a small constant slope" if ok else
                f"{unit}'({sympy.sstr(below - P)}) = {v} for p > 0: not a nonzero constant on x < {below}")


@REGISTRY
def gradient_nonzero_left(m: Maths, unit: str, below: Any = 0) -> tuple[bool, str]:
    """unit' is nonzero on x < below except at finitely many points (no flat piece there)."""
    u = m.get(unit)
    (d,) = gradient(u)
    flat = [below + v for v in (-Rational(1, 2), -1, -2, -5, -10) if _zero(d.subs(x, below + v))]
    zeros = [p.at[0][1] for p in extrema(u) if sympy.N(p.at[0][1] - below) < 0]
    ok = not flat
    where = ", ".join(f"x = {z} ~ {n(z)}" for z in zeros) or "no point"
    return ok, (f"{unit}'(x) = {d} is nonzero for every x < {below} except {where} ({unit}'s stationary points "
                "there)" if ok else
                f"{unit}'(x) = 0 at x = {', '.join(map(str, flat))} (a flat piece: {unit}'({sympy.sstr(below - P)}) = "
                f"{sympy.simplify(d.subs(x, below - P))}): no gradient on x < {below}")


@REGISTRY
def gradient_persists_left(m: Maths, unit: str) -> tuple[bool, str]:
    """unit' keeps a nonzero slope as x → −∞, as a leaky ReLU does."""
    u = m.get(unit)
    (d,) = gradient(u)
    left = asymptotes(d).minus
    far = to_mpmath(d)(-20)
    ok = left.limit != 0
    return ok, (f"{unit}'(x) -> {left.limit} as x -> -oo" + (": a persistent slope" if ok else
                f", faster than any power (growth order {left.growth_order}; {unit}'(-20) = {mpmath.nstr(far, 3)}): "
                "far-left inputs pass almost no gradient, unlike a leaky ReLU's constant slope"))


@REGISTRY
def swish_limit_zero(m: Maths, slope: Any) -> tuple[bool, str]:
    """lim_{β→0} Swish_β(x) = slope·x."""
    lim = param_limits(m.get("swish"))["beta"].at_zero
    ok = _zero(lim - slope * x)
    return ok, f"lim beta->0 Swish_beta(x) = {lim}" + ("" if ok else f", not {slope * x}")


@REGISTRY
def swish_limit_infinity(m: Maths, unit: str) -> tuple[bool, str]:
    """lim_{β→∞} Swish_β = ``unit`` (the limit taken on each sign of x)."""
    lim = param_limits(m.get("swish"))["beta"].at_infinity
    ok = _same(lim, m.get(unit).expr)
    return ok, f"lim beta->oo Swish_beta(x) = {lim} (taken on each sign of x)" + \
        (f" = {unit}(x)" if ok else f", not {unit}(x) = {m.get(unit).expr}")


@REGISTRY
def swish_monotone_in_beta(m: Maths) -> tuple[bool, str]:
    """Swish_β(x) is nondecreasing in β at every x: ∂/∂β Swish_β(x) = x²·g with g > 0."""
    u = m.get("swish")
    (beta,) = u.params
    db = sympy.diff(u.template, beta.symbol)
    rest = sympy.simplify(elementary(db / x**2))
    ok = bool(rest.is_positive)
    return ok, (f"d/dbeta Swish_beta(x) = {sympy.factor(db)} = x^2 * {rest}"
                + (" >= 0: at every x the family runs monotonically from its beta = 0 end to its beta -> oo end"
                   if ok else ": not of one sign"))


@REGISTRY
def same_unit(m: Maths, a: str, b: str, **params: Any) -> tuple[bool, str]:
    """The unit ``a`` is the unit ``b`` with the parameters ``params``."""
    ua = m.get(a)
    ub = m.get(b).with_params(**params) if params else m.get(b)
    ok = _same(ua.expr, ub.expr)
    at = ", ".join(f"{k} = {v}" for k, v in params.items())
    return ok, f"{a}(x) = {ua.expr}, {b}(x) with {at or 'its defaults'} = {ub.expr}" + (": the same" if ok else
                                                                                         ": not the same")


@REGISTRY
def swish_asymptotes(m: Maths, betas: tuple[Any, ...], left: Any, slope: Any) -> tuple[bool, str]:
    """For each β > 0 in ``betas``, Swish_β → left as x → −∞ and has the oblique asymptote slope·x
    as x → +∞."""
    found = []
    for b in betas:
        a = asymptotes(m.get("swish").with_params(beta=b))
        found.append((b, a.minus.limit, a.plus.oblique))
    ok = all(lim == left and ob == (slope, 0) for _, lim, ob in found)
    text = "; ".join(f"beta = {b}: -> {lim} as x -> -oo, y = {ob[0] * x + ob[1]} as x -> +oo" for b, lim, ob in found)
    return ok, text + (f": the asymptotes y = {left} and y = {slope * x}, ReLU's two pieces, the same for every beta > 0"
                       if ok else "")


# ---------------------------------------------------------------------------------------------
# gated units


@REGISTRY
def glu_of(m: Maths, unit: str, gate: str) -> tuple[bool, str]:
    """The gated unit ``unit`` is the GLU of the activation ``gate``: unit(x_g, x_v) = x_v·gate(x_g)."""
    diff = sympy.simplify(m.get(unit)(x_g, x_v) - x_v * m.get(gate)(x_g))
    return diff == 0, f"{unit}(x_g, x_v) - x_v*{gate}(x_g) simplifies to {diff}"


@REGISTRY
def gated_family(m: Maths, pairs: tuple[tuple[str, str], ...]) -> tuple[bool, str]:
    """Each (unit, gate) of ``pairs``: unit = x_v·gate(x_g)."""
    found = [(u, g, sympy.simplify(m.get(u)(x_g, x_v) - x_v * m.get(g)(x_g))) for u, g in pairs]
    ok = all(d == 0 for *_, d in found)
    return ok, "; ".join(f"{u}(x_g, x_v) - x_v*{g}(x_g) = {d}" for u, g, d in found) + \
        (": each is the GLU of its gate" if ok else "")


@REGISTRY
def sigma_gated_bilinear(m: Maths, unit: str, gate: str, info: str) -> tuple[bool, str]:
    """unit(x_g, x_v) = gate(x_g)·info(x_g, x_v): the GLU with α = gate of the information term info."""
    u, g, i = m.get(unit), m.get(gate), m.get(info)
    d = sympy.simplify(elementary(u(x_g, x_v) - g(x_g) * i(x_g, x_v)))
    return d == 0, (f"{unit}(x_g, x_v) - {gate}(x_g)*{info}(x_g, x_v) = {u(x_g, x_v)} - {g(x_g) * i(x_g, x_v)} "
                    f"simplifies to {d}" + (f": with x_g = x·w_i, x_v = x·w_j, {unit} = {gate}(x·w_i)·(x·w_j)(x·w_i)"
                                            if d == 0 else ""))


@REGISTRY
def separable(m: Maths, units: tuple[str, ...]) -> tuple[bool, str]:
    """Each gated unit is a product of a function of x_g and one of x_v (f·f_gv = f_g·f_v), linear in
    the information x_v."""
    found = []
    for name in units:
        f = m.get(name).expr
        prod = _zero(f * sympy.diff(f, x_g, x_v) - sympy.diff(f, x_g) * sympy.diff(f, x_v))
        linear = _zero(sympy.diff(f, x_v, 2))
        found.append((name, prod, linear))
    ok = all(p and lin for _, p, lin in found)
    return ok, "; ".join(f"{u}: f*f_gv - f_g*f_v {'= 0' if p else '!= 0'}, f_vv {'= 0' if lin else '!= 0'}"
                         for u, p, lin in found) + \
        (": each factors into a gate of x_g = x·w_i times the information x_v = x·w_j" if ok else "")


@REGISTRY
def pure_product(m: Maths, unit: str) -> tuple[bool, str]:
    """One gated unit with w_i = e_1, w_j = e_2 has a pure product x_1·x_2 as its quadratic part."""
    Q = _quadratic(m.get(unit)(X1, X2))
    ok = Q[0, 1] != 0 and Q[0, 0] == 0 and Q[1, 1] == 0
    part = sympy.expand((sympy.Matrix([X1, X2]).T * Q * sympy.Matrix([X1, X2]))[0])
    return ok, (f"the quadratic part of {unit}(x_1, x_2) (w_i = e_1, w_j = e_2) is {part}"
                + (": a product of two input variables" if ok else ": no pure product"))


@REGISTRY
def two_units_product(m: Maths, unit: str) -> tuple[bool, str]:
    """Two gated units multiply exactly: unit(x_1, x_2) + unit(−x_1, −x_2) = x_1·x_2."""
    e = m.get(unit)(X1, X2) + m.get(unit)(-X1, -X2)
    d = sympy.simplify(elementary(e - X1 * X2))
    return d == 0, f"{unit}(x_1, x_2) + {unit}(-x_1, -x_2) - x_1*x_2 simplifies to {d}"


@REGISTRY
def single_neuron_rank_one(m: Maths, units: tuple[str, ...], w: tuple[Any, Any]) -> tuple[bool, str]:
    """A single activation neuron unit(w·x) has a rank-one quadratic part c(w·x)², never a pure x_1·x_2."""
    s = _dot(w, (X1, X2))
    found = [(u, _quadratic(m.get(u)(s))) for u in units]
    ok = all(Q.rank() <= 1 for _, Q in found)
    return ok, "; ".join(f"the quadratic part of {u}({s}) has matrix {Q.tolist()}, rank {Q.rank()}" for u, Q in found) \
        + (": one activation neuron has no product term of its own" if ok else "")


# ---------------------------------------------------------------------------------------------
# x², the ellipse, polynomial order and depth


@REGISTRY
def square_from_two(m: Maths, unit: str, power: int = 2) -> tuple[bool, str]:
    """Two units give x^power exactly: unit(x, x) + unit(−x, −x) (gated) or unit(x) + unit(−x)."""
    u = m.get(unit)
    e = u(x, x) + u(-x, -x) if u.kind == "gated" else u(x) + u(-x)
    ok = _same(e, x**power)
    form = f"{unit}(x, x) + {unit}(-x, -x)" if u.kind == "gated" else f"{unit}(x) + {unit}(-x)"
    return ok, f"{form} = {sympy.simplify(e)}" + (f" = x^{power} exactly" if ok else
                                                  f", not x^{power} (at x = 2: {n(e.subs(x, 2))})")


@REGISTRY
def piecewise_linear(m: Maths, unit: str) -> tuple[bool, str]:
    """Every branch of ``unit`` is a polynomial of degree <= 1, so any finite sum of its units is
    piecewise linear and is not x² (whose second derivative is 2) on any interval."""
    bs = _branches(m.get(unit).expr)
    degrees = [_degree(b) for b in bs]
    ok = max(degrees) <= 1
    return ok, (f"the branches of {unit} are {bs}, of degree {degrees}: "
                + ("a sum of its units is piecewise linear, second derivative 0 off its knots, so no finite sum is x^2"
                   if ok else "not piecewise linear"))


@REGISTRY
def best_uniform_error(m: Maths, unit: str, pieces: tuple[int, ...]) -> tuple[bool, str]:
    """No piecewise-linear function of n pieces is within less than 1/(2n²) of x² on [−1, 1], and n
    units with equal knots (the interpolant lowered by h²/8) reach it."""
    a, h, p_, q_ = sympy.Symbol("a", real=True), sympy.Symbol("h", positive=True), *sympy.symbols("p q", real=True)
    e = x**2 - (p_ * x + q_)
    second = sympy.simplify(e.subs(x, a) - 2 * e.subs(x, a + h / 2) + e.subs(x, a + h))
    bound_ok = second == h**2 / 2  # so one of three values is >= h²/8 in size, whatever the line
    f = to_numpy(m.get(unit))
    measured = []
    for k in pieces:
        knots = np.linspace(-1.0, 1.0, k + 1)
        slopes = np.diff(knots**2) / np.diff(knots)
        weights = np.concatenate([[slopes[0]], np.diff(slopes)])
        step = 2.0 / k
        grid = np.linspace(-1.0, 1.0, 64 * k + 1)
        approx = knots[0] ** 2 - step**2 / 8 + (weights[:, None] * f(grid[None, :] - knots[:-1, None])).sum(axis=0)
        measured.append(float(np.max(np.abs(approx - grid**2))))
    targets = [1 / (2 * k**2) for k in pieces]
    ok = bound_ok and all(abs(e_ - t) < 1e-12 for e_, t in zip(measured, targets))
    return ok, (f"x^2 minus any line has second difference {second} on a piece of width h, so no n-piece linear "
                f"function does better than h^2/8 = 1/(2n^2) on [-1, 1]; n {unit} units with equal knots, the "
                f"interpolant lowered by h^2/8, miss by {', '.join(f'{e_:.9g}' for e_ in measured)} for n = "
                f"{', '.join(map(str, pieces))}" + (" = 1/(2n^2): the best, half the interpolant's 1/n^2" if ok else
                                                     f", not 1/(2n^2) = {', '.join(f'{t:.9g}' for t in targets)}"))


@REGISTRY
def ellipse_level_set(m: Maths, unit: str, matrix: tuple[tuple[Any, ...], ...]) -> tuple[bool, str]:
    """xᵀAx = Σ_k λ_k (q_k·x)² and each square is two gated units: one layer of 2·dim units computes
    xᵀAx exactly, and for A positive definite the ellipse xᵀAx = 1 is its level set 1."""
    A = sympy.Matrix(matrix)
    u = m.get(unit)
    s = sympy.Symbol("s", real=True)
    square = sympy.simplify(elementary(u(s, s) + u(-s, -s)))
    Pm, D = A.diagonalize(normalize=True)
    X = sympy.Matrix(sympy.symbols(f"x_1:{A.rows + 1}", real=True))
    lam = [D[k, k] for k in range(A.rows)]
    f = sum((lam[k] * square.subs(s, (Pm[:, k].T * X)[0]) for k in range(A.rows)), sympy.S.Zero)
    quad = sympy.expand((X.T * A * X)[0])
    exact = sympy.radsimp(sympy.expand(f - quad)) == 0
    ellipse = all(v.is_positive for v in lam)
    ok = exact and ellipse
    return ok, (f"{unit}(s, s) + {unit}(-s, -s) = {square}; A = {A.tolist()} has eigenvalues {', '.join(n(v) for v in lam)}: "
                f"sum_k lambda_k [{unit}(q_k·x, q_k·x) + {unit}(-q_k·x, -q_k·x)] - x^T A x = "
                f"{'0' if exact else 'not 0'}, with {2 * A.rows} units"
                + (f", and x^T A x = {quad} = 1 is an ellipse, their level set 1" if ok else ""))


@REGISTRY
def gradient_order(m: Maths, units: tuple[str, ...], order: int) -> tuple[bool, str]:
    """Each unit's derivative (a gated unit on the diagonal x_g = x_v) has growth order ``order`` at +∞."""
    found = [(u, _growth(m, u).plus.order, _growth(m, u).derivative_plus.order) for u in units]
    ok = all(dk == order for *_, dk in found)
    return ok, "; ".join(f"{u}: order {k} at +oo, its derivative order {dk}" for u, k, dk in found) + \
        (" (bounded gradients)" if ok and order == 0 else " (gradients growing like |x|^%s)" % order if ok else "")


@REGISTRY
def stacked_gradient_order(m: Maths, unit: str, depths: tuple[int, ...]) -> tuple[bool, str]:
    """The derivative's growth order at +∞ of ``unit`` stacked L deep grows with L."""
    orders = [_growth(m, unit, d).derivative_plus.order for d in depths]
    ok = all(o > 0 for o in orders) and all(b > a for a, b in zip(orders, orders[1:]))
    return ok, (f"{unit} stacked L = {list(depths)} deep: derivative of growth order {orders} at +oo"
                + (": the gradient grows faster with every layer" if ok else ": not growing with depth"))


@REGISTRY
def depth_is_order(m: Maths, unit: str, depths: tuple[int, ...] = (1, 2, 3, 4)) -> tuple[bool, str]:
    """A stack of L layers of ``unit`` has growth order L at +∞, for each L in ``depths``."""
    orders = [_growth(m, unit, d).plus.order for d in depths]
    k = orders[0]
    law = f" = k^L with k = {k}" if orders == [k**d for d in depths] else ""
    return orders == list(depths), f"{unit} stacked L = {list(depths)} deep has growth order {orders}{law} at +oo"


@REGISTRY
def depth_raises_order(m: Maths, unit: str, depths: tuple[int, ...] = (1, 2, 3, 4)) -> tuple[bool, str]:
    """Each added layer of ``unit`` raises the growth order at +∞."""
    orders = [_growth(m, unit, d).plus.order for d in depths]
    ok = all(b > a for a, b in zip(orders, orders[1:]))
    k = orders[0]
    law = f" = {k}^L" if orders == [k**d for d in depths] else ""
    return ok, (f"{unit} stacked L = {list(depths)} deep has growth order {orders}{law} at +oo: "
                + ("depth raises the order" if ok else "depth adds nothing to the order"))


@REGISTRY
def raises_order(m: Maths, units: tuple[str, ...], by: int) -> tuple[bool, str]:
    """β = x·α raises α's growth order at +∞ and its lowest degree at 0 by ``by``, for each α."""
    found = []
    for name in units:
        alpha = m.get(name)
        beta = order_raise(alpha)
        found.append((name, growth_order(alpha, "+oo"), growth_order(beta, "+oo"),
                      _lowest_degree(alpha.expr), _lowest_degree(beta.expr)))
    ok = all(kb == ka + by and db == da + by for _, ka, kb, da, db in found)
    return ok, "; ".join(f"x*{a}(x): growth order {ka} -> {kb}, lowest degree at 0 {da} -> {db}"
                         for a, ka, kb, da, db in found) + (f": each raised by {by}" if ok else "")


@REGISTRY
def tied_gated(m: Maths, activation: str, unit: str) -> tuple[bool, str]:
    """β(x) = x·activation(x) is the gated unit with tied inputs, unit(x, x) (w_i = w_j)."""
    beta = order_raise(m.get(activation)).expr
    d = sympy.simplify(elementary(beta - m.get(unit)(x, x)))
    return d == 0, (f"x*{activation}(x) - {unit}(x, x) simplifies to {d}"
                    + (f": beta_{activation} is a {unit} unit with tied weights w_i = w_j (half its input weights), "
                       "whose quadratic part is then rank one, c(w·x)^2" if d == 0 else ""))


@REGISTRY
def growth_order_is(m: Maths, unit: str, order: int) -> tuple[bool, str]:
    """``unit`` has growth order ``order`` at +∞."""
    k = growth_order(m.get(unit), "+oo")
    return k == order, f"{unit} has growth order {k} at +oo"


@REGISTRY
def raised_is(m: Maths, activation: str, unit: str) -> tuple[bool, str]:
    """x·activation(x) is ``unit`` (x·ReLU(x) = ReLU(x)² = ReLU²)."""
    beta = order_raise(m.get(activation)).expr
    ok = _same(beta, m.get(unit).expr)
    return ok, f"x*{activation}(x) = {beta}" + (f" = {unit}(x)" if ok else f", not {unit}(x) = {m.get(unit).expr}")


# ---------------------------------------------------------------------------------------------
# the draft notes: rays, lines, simplices


@REGISTRY
def output_ray(m: Maths, unit: str) -> tuple[bool, str]:
    """``unit`` takes exactly the values [0, ∞): the neuron's outputs t·w_o fill a ray."""
    u = m.get(unit)
    sides = [sympy.simplify(u(P)), sympy.simplify(u(-P))]
    nonneg = all(bool(s.is_nonnegative) for s in sides)
    unbounded = asymptotes(u).plus.limit == oo
    ok = nonneg and unbounded and sympy.simplify(u(0)) == 0
    return ok, (f"{unit}(p) = {sides[0]}, {unit}(-p) = {sides[1]}, {unit}(0) = {u(0)}, -> {asymptotes(u).plus.limit} "
                "as x -> +oo" + (": its values are [0, oo), so the outputs t·w_o fill a ray (one direction)" if ok else
                                 ": its values are not a ray [0, oo)"))


@REGISTRY
def output_line(m: Maths, unit: str) -> tuple[bool, str]:
    """The gated unit at a fixed gate is c·x_v with c ≠ 0: its outputs fill a whole line, both directions."""
    u = m.get(unit)
    e = u(1, x_v)
    c = sympy.diff(e, x_v)
    ok = sympy.diff(e, x_v, 2) == 0 and c != 0
    return ok, f"{unit}(1, x_v) = {e} = {n(c)}*x_v" + (": every real value, so the outputs t·w_o fill a line (both "
                                                       "directions)" if ok else "")


@REGISTRY
def simplex(m: Maths, states: int) -> tuple[bool, str]:
    """``states`` mutually exclusive states (one-hot vectors) are affinely independent: the vertices of a
    (states − 1)-simplex."""
    e = sympy.eye(states)
    rank = sympy.Matrix([list(e.row(k) - e.row(0)) for k in range(1, states)]).rank()
    ok = rank == states - 1
    return ok, (f"the {states} one-hot vectors of R^{states}: their differences have rank {rank}"
                + (f", so they are the vertices of a {states - 1}-simplex (the probability vectors over "
                   f"{states} states)" if ok else ""))

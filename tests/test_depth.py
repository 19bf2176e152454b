"""Stacked units: chain Taylor series against sympy.series and mpmath, growth orders against
evaluation at large |x| in mpmath, over the whole catalogue, and the command line's bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import mpmath
import pytest
import sympy

import glusym
from glusym import CATALOGUE, GlusymError, elementary, get, stack, x
from glusym.analysis._common import to_piecewise
from glusym.analysis.depth import MAX_DEPTH, MAX_TERMS, chain_taylor, growth_profile, order_table
from glusym.cli import main
from glusym.numeric import to_mpmath

DEPTHS = (1, 2, 3)
CASES = [(name, depth) for name in CATALOGUE for depth in DEPTHS]


def test_stack_shapes() -> None:
    assert stack(get("silu"), 2).expr == get("silu")(get("silu").expr)
    z = sympy.Symbol("z", real=True)
    assert stack(get("swiglu"), 1).expr == get("swiglu")(x, x)
    w = stack(get("geglu"), 2, weights=True).expr
    assert {s.name for s in w.free_symbols} == {"x", "a_1", "b_1", "a_2", "b_2"}
    assert stack(get("relu"), 3).expr.subs(x, -2) == 0 and stack(get("relu"), 3).expr.subs(x, 5) == 5
    del z


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, MAX_DEPTH + 1, "3"])
def test_bad_depth(bad: object) -> None:
    with pytest.raises(GlusymError, match="depth must be a whole number"):
        stack(get("relu"), bad)  # type: ignore[arg-type]


def test_order_limits() -> None:
    with pytest.raises(GlusymError, match="beyond the limit"):
        chain_taylor(stack(get("silu"), 8), MAX_TERMS // 8 + 1)
    with pytest.raises(GlusymError, match="order must be"):
        chain_taylor(stack(get("silu"), 2), 0)


@pytest.mark.parametrize("name, depth, order", [("silu", 2, 8), ("swiglu", 2, 9), ("gelu", 2, 6), ("mish", 2, 5),
                                                ("tanh", 3, 8), ("sigmoid", 2, 5), ("softplus", 2, 5)])
def test_chain_taylor_matches_sympy_series(name: str, depth: int, order: int) -> None:
    chain = stack(get(name), depth)
    mine = chain_taylor(chain, order).polynomial
    theirs = sympy.series(elementary(chain.expr), x, 0, order).removeO()
    diff = sympy.expand(elementary(mine) - theirs)
    if sympy.simplify(diff) != 0:  # constants such as sigmoid(1/2) in two forms: compare to 60 digits
        for k in range(order):
            c = diff.coeff(x, k) if k else diff.subs(x, 0)
            assert abs(sympy.N(c, 60)) < 1e-50, (k, c)


@pytest.mark.parametrize("name, depth", [("silu", 4), ("gelu", 3), ("swiglu", 3), ("geglu", 2), ("mish", 3),
                                         ("gelu_tanh", 2), ("logsigmoid", 3), ("squareplus", 3)])
def test_chain_taylor_matches_mpmath(name: str, depth: int) -> None:
    chain = stack(get(name), depth)
    order = 9
    poly = chain_taylor(chain, order).polynomial
    f = to_mpmath(chain)
    with mpmath.workdps(60):
        ref = mpmath.taylor(f, 0, order - 1)
        for k, r in enumerate(ref):
            mine = mpmath.mpf(sympy.N(poly.coeff(x, k) if k else poly.subs(x, 0), 60))
            assert abs(mine - r) <= mpmath.mpf(10) ** -25 * max(1, abs(r)), (k, mine, r)


@pytest.mark.parametrize("name", ["relu", "relu2", "reglu", "elu", "softsign", "leaky_relu", "hardshrink"])
def test_one_sided_chain_taylor(name: str) -> None:
    chain = stack(get(name), 2)
    t = chain_taylor(chain, 6)
    sides = dict(t.sides) if t.polynomial is None else {x > 0: t.polynomial, x < 0: t.polynomial}
    f = to_mpmath(chain)
    with mpmath.workdps(60):
        for label, sgn in ((x > 0, 1), (x < 0, -1)):
            p = sympy.lambdify(x, sides[label], "mpmath")
            for h in ("1e-6", "2e-6"):
                at = sgn * mpmath.mpf(h)
                assert abs(f(at) - p(at)) <= mpmath.mpf(10) ** -30  # the error is O(h^6)


def _numeric(expr: sympy.Expr):  # type: ignore[no-untyped-def]
    """f(x) in mpmath at 800 digits, with Phi as erfc (no cancellation in its left tail): the
    elementary forms still cancel (1 - tanh(x)^2, x - tanh(x)), which these digits absorb for
    the points used here."""
    expr = expr.replace(glusym.Phi, lambda a: sympy.erfc(-a / sympy.sqrt(2)) / 2)
    g = to_mpmath(expr) if x in expr.free_symbols else (lambda t, c=expr: mpmath.mpf(sympy.N(c, 50)))

    def f(t):  # type: ignore[no-untyped-def]
        with mpmath.workdps(800):
            return +g(t)
    return f


def _check_tail(f, tail, direction: int) -> None:  # type: ignore[no-untyped-def]
    """Evaluate at large |x| and compare with the claimed order, limit, sign and leading term."""
    with mpmath.workdps(30):
        X = mpmath.mpf(10) ** 6
        if tail.zero:
            assert f(direction * X) == 0 and f(direction * 2 * X) == 0
            return
        if tail.order == -sympy.oo:  # faster than any power: the apparent power keeps falling
            apparent = []
            for X in (mpmath.mpf(5), mpmath.mpf(10), mpmath.mpf(20)):
                v1, v2 = f(direction * X), f(direction * 2 * X)
                assert v1 != 0 and mpmath.sign(v1) == tail.sign, (X, v1)
                apparent.append(mpmath.log(abs(v2 / v1)) / mpmath.log(2))
            assert apparent[0] < -3 and apparent[2] < apparent[1] < apparent[0], apparent
            return
        v1, v2 = f(direction * X), f(direction * 2 * X)
        assert mpmath.sign(v1) == tail.sign
        if tail.order == 0:
            limit = mpmath.mpf(sympy.N(tail.limit, 30))
            assert abs(v1 - limit) < mpmath.mpf("1e-4") * max(1, abs(limit)), (v1, limit)
            return
        k = mpmath.log(abs(v2 / v1)) / mpmath.log(2)
        assert abs(k - mpmath.mpf(sympy.N(tail.order, 30))) < mpmath.mpf("1e-3"), (k, tail.order)
        if tail.leading is not None:
            lead = sympy.lambdify(x, tail.leading, "mpmath")(direction * X)
            assert abs(v1 / lead - 1) < mpmath.mpf("1e-3"), (v1, lead)


@pytest.mark.parametrize("name, depth", CASES)
def test_growth_orders_against_mpmath(name: str, depth: int) -> None:
    chain = stack(get(name), depth)
    p = growth_profile(chain, budget=60)  # a correctness test: the budget only guards against a hang
    f = _numeric(to_piecewise(chain.expr))
    _check_tail(f, p.plus, 1)
    _check_tail(f, p.minus, -1)
    if depth <= 2:  # the derivative, from its own symbolic expression
        df = _numeric(sympy.diff(to_piecewise(chain.expr), x))
        _check_tail(df, p.derivative_plus, 1)
        _check_tail(df, p.derivative_minus, -1)
    # the lowest degree at 0, per side: |f(2h)/f(h)| = 2^k for tiny h
    with mpmath.workdps(30):
        for label, k in p.at_zero:
            for sgn in ((1, -1) if label == "x" else (1,) if label == "x > 0" else (-1,)):
                h = mpmath.mpf(10) ** -8
                v1, v2 = f(sgn * h), f(sgn * 2 * h)
                if k == sympy.oo:
                    assert v1 == 0 and v2 == 0
                else:
                    assert v1 != 0
                    got = mpmath.log(abs(v2 / v1)) / mpmath.log(2)
                    assert abs(got - int(k)) < mpmath.mpf("1e-4"), (label, got, k)


def test_known_orders() -> None:
    rows = {(r.unit, r.depth): r for r in order_table([get(n) for n in ("relu", "relu2", "swiglu", "bilinear", "silu")],
                                                        [1, 2, 3, 4])}
    for depth in (1, 2, 3, 4):
        assert rows["relu", depth].plus == 1  # ReLU stays linear at every depth
        assert rows["silu", depth].plus == 1
        assert rows["relu2", depth].plus == 2**depth  # order k stacks to k^L
        assert rows["swiglu", depth].plus == 2**depth
        assert rows["swiglu", depth].derivative_plus == 2**depth - 1  # the gradient grows one order less
        assert rows["bilinear", depth].minus == 2**depth
        assert rows["swiglu", depth].minus == -sympy.oo
        assert dict(rows["swiglu", depth].at_zero) == {"x": 2**depth}


def test_derive_depth_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", "swiglu", "--depth", "3", "--order", "10", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["depth"] == 3 and d["name"] == "swiglu_depth3"
    assert d["asymptotes"]["+oo"]["growth_order"] == "8"
    assert d["asymptotes"]["-oo"]["growth_order"] == "-oo"
    assert d["growth"]["derivative"]["+oo"] == "7"
    assert sympy.sympify(d["taylor"]["polynomial"]) == sympy.sympify("x**8/128 + x**9/64")


def test_order_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["order", "--depth", "1..3", "relu", "swiglu", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["unit"], r["depth"], r["growth_order"]["+oo"]) for r in rows] == [
        ("relu", 1, "1"), ("relu", 2, "1"), ("relu", 3, "1"), ("swiglu", 1, "2"), ("swiglu", 2, "4"), ("swiglu", 3, "8")]
    assert main(["order", "--depth", "2", "relu2"]) == 0
    assert "relu2" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["derive", "swiglu", "--depth", "0"], "depth must be a whole number from 1 to 64, got 0"),
    (["derive", "swiglu", "--depth", "20", "--order", "40"], "beyond the limit of 640"),
    (["order", "relu", "--depth", "x"], "--depth takes N, A..B or A,B,C"),
    (["order", "relu", "--depth", "0..2"], "depth must be a whole number"),
    (["derive", "relu", "--weights"], "--weights goes with --depth"),
])
def test_bad_depth_input_exits_2(argv: list[str], message: str) -> None:
    r = subprocess.run([sys.executable, "-m", "glusym", *argv], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------------------------------------
# the limits are reachable (issue 15): nothing at depth 64 builds what cannot be built


def test_a_huge_depth_is_named_by_its_digits() -> None:
    with pytest.raises(GlusymError, match="from 1 to 64, got an integer of about 5001 digits"):
        stack(get("gelu"), 10**5000)


def test_a_deep_chains_expression_is_refused_before_it_is_built() -> None:
    """64 SwiGLU layers are a tree of about 10^20 nodes: refused at the layer that passes the
    bound, without building it; ReLU's nested expression collapses and is built at any depth."""
    from glusym.analysis.depth import MAX_NODES
    from glusym.budget import tree_size

    with pytest.raises(glusym.NotDerived, match="passes 100000 nodes at layer 15"):
        stack(get("swiglu"), 64).expr
    assert tree_size(stack(get("swiglu"), 14).expr) <= MAX_NODES
    assert tree_size(stack(get("relu"), 64).expr) < 100


@pytest.mark.parametrize("name", ["swiglu", "bilinear", "relu2", "silu"])
def test_growth_orders_at_depth_64(name: str) -> None:
    """The SwiGLU chain's leading term at -oo has the coefficient 2^-(2^64 - 1), which Python
    would compute in C (no alarm stops it): its order is derived, its leading term is not."""
    p = growth_profile(stack(get(name), 64), budget=None)
    k = {"swiglu": 2, "bilinear": 2, "relu2": 2, "silu": 1}[name]
    assert p.plus.order == k**64
    if name == "swiglu":
        assert p.minus.order == -sympy.oo and p.minus.leading is None
        assert p.at_zero == (("x", 2**64),)


# the corners of the documented limits (depth <= 64, order × depth <= 640), each as a process with
# a wall-clock bound of its budgets plus 30 s: a result or a section "not derived", never a hang
# or a traceback (issue 15: depth 64 at order 10 gave no answer in 300 s; depth 16 at order 10
# ended in a traceback, SymPy refusing to print an integer of 19,729 digits)

_SECTIONS = 9  # a stack's: expression, gradient, hessian, taylor, growth, extrema, inflections, stationary; the printing
_BUDGET = 2


@pytest.mark.parametrize("name, depth, order, fmt", [
    ("swiglu", 64, 10, "text"), ("swiglu", 64, 10, "json"), ("swiglu", 16, 10, "text"), ("swiglu", 16, 10, "json"),
    ("swiglu", 24, 6, "text"), ("swiglu", 1, 640, "text"), ("swiglu", 1, 640, "json"), ("gelu", 64, 10, "text"),
    ("silu", 16, 40, "json"), ("relu", 64, 10, "text"), ("bilinear", 64, 10, "json"), ("mish", 4, 160, "text"),
    ("relu6", 64, 10, "text"),  # its nested Piecewise takes SymPy past the budget to build (399 s before)
    ("sigmoid", 64, 10, "json"),  # its gradient takes SymPy 15 s to write with exp: the printing's budget
    ("normal_cdf", 64, 10, "json"),  # 64 nested erfc: SymPy's printer recurses too deeply
])
def test_the_corners_of_the_limits_finish_within_their_budgets(name: str, depth: int, order: int, fmt: str) -> None:
    argv = [sys.executable, "-m", "glusym", "derive", name, "--depth", str(depth), "--order", str(order),
            "--budget", str(_BUDGET), "--format", fmt]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=_SECTIONS * _BUDGET + 30)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "" and "Traceback" not in r.stdout
    if fmt == "json":
        d = json.loads(r.stdout)
        assert d["depth"] == depth
        for section in ("gradient", "hessian", "taylor", "growth", "extrema", "inflections"):
            assert d[section] is not None or section in d["not_derived"], section
        for where, why in d["not_shown"].items():  # its size, the printing's budget, the printer's depth
            assert why and "\n" not in why and len(why) <= 300, (where, why)
    else:
        for section, title in (("gradient", "Gradient"), ("taylor", "Taylor expansion at 0"),
                               ("growth", f"Growth orders of the stack (depth {depth})")):
            assert f"\n{title}" in r.stdout or f"\n  {section}: " in r.stdout, section
        assert max(len(line) for line in r.stdout.splitlines()) < 20_000


@pytest.mark.parametrize("name, depth", [(n, d) for n in ("relu2", "relu", "relu6", "hardtanh", "reglu", "swiglu")
                                         for d in (2, 3, 4)] + [("hardswish", 2), ("softshrink", 3)])
def test_a_stack_compiles_to_numpy_and_mpmath(name: str, depth: int) -> None:
    """A stack of piecewise units nests a Piecewise inside a condition (ReLU²(ReLU²(x)) > 0 is SymPy's
    ITE(x > 0, x² > 0, False)): to_numpy and to_mpmath both read it, and agree with each other
    and with the layers applied one at a time (mpmath, 30 digits)."""
    import numpy as np

    from glusym.numeric import to_numpy

    s = stack(get(name), depth)
    xs = np.array([-3.5, -1.0, -0.25, 0.0, 0.3, 0.9, 1.5, 2.5])
    got = to_numpy(s)(xs)
    whole = to_mpmath(s)
    layer = to_mpmath(get(name) if get(name).kind == "activation" else s.layers[0])
    for v, g in zip(xs, got):
        with mpmath.workdps(30):
            z = mpmath.mpf(float(v))
            for _ in range(depth):
                z = layer(z)
            assert abs(whole(float(v)) - z) <= mpmath.mpf(10) ** -25 * abs(z)
        assert g == pytest.approx(float(z), rel=1e-14, abs=1e-300)  # a compiled stack: a few roundings a layer

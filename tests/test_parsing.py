"""LaTeX in: glusym.parsing.parse_latex reads formulas as people write them."""

from __future__ import annotations

import sys
from typing import Any

import pytest
import sympy
from sympy import E, Abs, Eq, Heaviside, Limit, Max, Rational, Symbol, exp, log, pi, sqrt, tanh

import glusym
from glusym.catalogue import CATALOGUE, x, x_g, x_v
from glusym.functions import Phi, phi, sigmoid
from glusym.parsing import (BigO, LatexParseError, Maximum, Minimum, SetPower, Supremum, mentions_catalogue,
                            parse_chain, parse_latex, parse_rows)

beta = Symbol("beta", real=True)


def _eq(a: object, b: object) -> bool:
    return sympy.simplify(glusym.elementary(sympy.sympify(a) - sympy.sympify(b))) == 0


@pytest.mark.parametrize("tex,expected", [
    (r"\sigma(x)", sigmoid(x)),
    (r"\Phi(x) + \phi(x) + \varphi(x)", Phi(x) + 2 * phi(x)),
    (r"\tanh(x) + \log(x) + \exp(x) + \ln(x)", tanh(x) + 2 * log(x) + exp(x)),
    (r"\operatorname{erf}(x) + \mathrm{erf}(x)", 2 * sympy.erf(x)),
    (r"e^{-x} + \pi + e", exp(-x) + pi + E),
    (r"\frac{1}{1+e^{-x}}", 1 / (1 + exp(-x))),
    (r"\max(0, x)", Max(0, x)),
    (r"[x]_+", Max(0, x)),
    (r"\left[x - 1\right]_{+}", Max(0, x - 1)),
    (r"|x|", Abs(x)),
    (r"\left|x\right| \, \; \! \quad \bigl(1\bigr)", Abs(x)),
    (r"\overbrace{x + 1}^{\text{shift}} \underbrace{x}_{\text{scale}}", (x + 1) * x),
    (r"H(x)", Heaviside(x)),
    (r"\sigma'(x)", sigmoid(x) * (1 - sigmoid(x))),
    (r"\sigma''(x)", sympy.diff(sigmoid(x), x, 2)),
    (r"\sigma^{\prime}(x)", sigmoid(x) * (1 - sigmoid(x))),
    (r"\frac{d}{dx} x^3", 3 * x**2),
    (r"\frac{\mathrm{d}}{\mathrm{d}x} \sigma(x)", sigmoid(x) * (1 - sigmoid(x))),
    (r"\frac{\partial}{\partial x_g} x_g^2 x_v", 2 * x_g * x_v),
    (r"\sigma^2(x)", sigmoid(x) ** 2),
    (r"x_{v} \left(1 - x_g\right)", x_v * (1 - x_g)),
    (r"\text{Swish}_{1.702}(x)", x * sigmoid(Rational(1702, 1000) * x)),
    (r"\tanh^{2}{\left(x \right)}", tanh(x) ** 2),
])
def test_reads(tex: str, expected: object) -> None:
    assert _eq(parse_latex(tex), expected), (tex, parse_latex(tex))


@pytest.mark.parametrize("spelling", [r"\text{%s}", r"\mathrm{%s}", r"\operatorname{%s}"])
def test_every_catalogue_name_and_alias(spelling: str) -> None:
    """Completeness: every name and alias of every entry, in each spelling, reads as the unit."""
    for unit in CATALOGUE.values():
        args = ", ".join(v.name for v in unit.variables)
        for name in (unit.name, *unit.aliases):
            got = parse_latex((spelling % name) + "(" + args + ")")
            assert got == unit.expr, (name, got)
        # and its LaTeX name as the post writes it
        got = parse_latex(unit.latex_name + "(" + args + ")")
        if unit.params and any(("_" + p.latex) in unit.latex_name for p in unit.params):
            assert got.free_symbols >= set(unit.variables)
        else:
            assert got == unit.expr, (unit.latex_name, got)


def test_bare_command_names() -> None:
    assert parse_latex(r"\relu(x)") == glusym.get("relu").expr
    assert parse_latex(r"\GELU(x)") == glusym.get("gelu").expr
    assert parse_latex(r"\silu(x)") == glusym.get("silu").expr


def test_parameters_as_subscripts() -> None:
    assert parse_latex(r"\text{Swish}_\beta(x)") == x * sigmoid(beta * x)
    assert parse_latex(r"\text{Swish}_1(x)") == x * sigmoid(x)
    assert parse_latex(r"\text{Swish}_0(x)") == Limit(x * sigmoid(beta * x), beta, 0, "+")
    assert parse_latex(r"\text{Swish} _\infty(x)") == Limit(x * sigmoid(beta * x), beta, sympy.oo, "-")
    assert parse_latex(r"\text{Swish}_{\infty}(x)").doit() is not None


def test_limits_series_vectors_tuples() -> None:
    assert parse_latex(r"\lim_{x\to\infty} \sigma(x)") == Limit(sigmoid(x), x, sympy.oo, "-")
    assert parse_latex(r"\lim_{x \to 0^+} x") == Limit(x, x, 0, "+")
    assert parse_latex(r"x + O(x^3)") == x + BigO(x**3)
    dot = parse_latex(r"\mathbf{x} \cdot \mathbf{w_i}")
    assert isinstance(dot, Symbol) and dot.name == "w_i·x"
    assert parse_latex(r"\mathbf{w_i} \cdot \mathbf{x}") == dot
    v = parse_latex(r"\alpha(\mathbf{x} \cdot \mathbf{w_i}) \mathbf{w_o}")
    assert Symbol("vec_w_o", real=True) in v.free_symbols
    assert parse_latex(r"(x, 2x)") == sympy.Tuple(x, 2 * x)
    g = parse_latex(r"\nabla \text{SwiGLU}(x_g, x_v)")
    assert g == sympy.Tuple(*[sympy.diff(glusym.get("swiglu").expr, v) for v in (x_g, x_v)])
    h = parse_latex(r"\nabla^2 \text{SwiGLU}(x_g, x_v)")
    assert h.shape == (2, 2) and h[1, 1] == 0
    d = parse_latex(r"\frac{\partial \text{SwiGLU}}{\partial x_v}")
    assert d == x_g * sigmoid(x_g)


def test_environments() -> None:
    pw = parse_latex(r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}")
    assert pw == sympy.Piecewise((x, x > 0), (0, True))
    m = parse_latex(r"\begin{pmatrix} 1 & x \\ x & 2 \end{pmatrix}")
    assert m == sympy.ImmutableMatrix([[1, x], [x, 2]])
    rows = parse_latex(r"\begin{aligned} a &= 1 \\ b &= 2 \end{aligned}")
    assert len(rows) == 2 and all(isinstance(r, Eq) for r in rows)


def test_relations_and_chains() -> None:
    r = parse_latex(r"\text{ReLU}(x) = \max(0, x)")
    assert isinstance(r, Eq) and r.lhs == glusym.get("relu").expr and r.rhs == Max(0, x)
    ch = parse_latex(r"\sigma(x) = \frac{1}{1+e^{-x}} = 1 - \sigma(-x)")
    assert isinstance(ch, sympy.Tuple) and len(ch) == 2           # not Eq(Eq(a, b), c)
    c = parse_chain(r"0 < \sigma(x) \leq 1")
    assert c.ops == ("<", "<=") and c.values[1] == sigmoid(x)
    # an identity the parser must not evaluate away
    same = parse_latex(r"\sigma(x) = \sigma(x)")
    assert isinstance(same, Eq)


def test_definitions_and_labels() -> None:
    r = parse_latex(r"\beta_\text{ReLU} = \alpha_\text{ReLU}^2")
    assert r.lhs == Symbol("beta_ReLU", real=True) and r.rhs == Symbol("alpha_ReLU", real=True) ** 2
    f = parse_latex(r"f_\alpha(\mathbf{x}) = \alpha(\mathbf{x} \cdot \mathbf{w_i})")
    assert f.lhs.func.__name__ == "f_alpha"
    lam = parse_latex(r"\alpha = \text{ReLU}").rhs
    assert isinstance(lam, sympy.Lambda) and lam(2) == 2 and lam(-1) == 0


@pytest.mark.parametrize("tex", [
    r"\frac{1}{1+e^{-x}",          # unbalanced
    r"\sigma(x) + \foo(x)",        # unknown command
    r"1 + \dots",                  # an ellipsis
    r"\begin{cases} x \end{cases}",
    r"\begin{tabular}{c} x \end{tabular}",
    r"",
    r"\text{__import__('os')}(x)",
])
def test_malformed_is_an_error_with_a_reason(tex: str) -> None:
    with pytest.raises(LatexParseError) as info:
        parse_latex(tex)
    assert str(info.value) and "\n" not in str(info.value)


def test_nothing_is_evaluated_as_python(tmp_path: object) -> None:
    import builtins

    calls = []
    real_eval = builtins.eval

    def spy(*a: object, **k: object) -> object:
        calls.append(a[0])
        return real_eval(*a, **k)

    builtins.eval = spy  # type: ignore[assignment]
    try:
        with pytest.raises(LatexParseError):
            parse_latex(r"\text{__import__('os').system('true')}(x) = 1 + \foo")
        parse_latex(r"\sigma(x) = 1 - \sigma(-x)")
    finally:
        builtins.eval = real_eval  # type: ignore[assignment]
    assert not [c for c in calls if isinstance(c, str) and "import" in c]


TOKENS = [r"\sigma", r"\Phi", r"\phi", r"\text{ReLU}", r"\text{Swish}", "_", "^", "{", "}", "(", ")", "[", "]", "|",
          "x", "x_g", "2", "1.5", "+", "-", "=", ",", "'", r"\frac", r"\left(", r"\right)", r"\lim", r"\to", r"\infty",
          r"\nabla", r"\mathbf{x}", r"\cdot", r"\begin{cases}", r"\end{cases}", "&", r"\\", r"\overbrace", r"\,", "O",
          r"\max", r"\text{otherwise}", r"\operatorname{erf}", "e", r"\pi", r"\sqrt", r"\partial", "d", " "]


def test_random_token_soup_raises_only_glusym_errors() -> None:
    """Whatever the text, parse_latex returns or raises LatexParseError: never another exception."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14))
    def run(tokens: list[str]) -> None:
        try:
            parse_latex("".join(tokens))
        except LatexParseError:
            pass

    run()


# ---------------------------------------------------------------------------------------------
# juxtaposition binds looser than a power (issue 12): v(…)^n is v·(…)^n, never (v·(…))^n

@pytest.mark.parametrize("tex,expected,misreading", [
    (r"x(1+x)^{2}", x * (1 + x) ** 2, (x * (1 + x)) ** 2),
    (r"x_g(1+x_v)^{2}", x_g * (1 + x_v) ** 2, (x_g * (1 + x_v)) ** 2),
    (r"x_{g}(1+x_v)^{2}", x_g * (1 + x_v) ** 2, (x_g * (1 + x_v)) ** 2),
    (r"x\left(1 - \sigma(x)\right)^2", x * (1 - sigmoid(x)) ** 2, (x * (1 - sigmoid(x))) ** 2),
    (r"2x(1+x)^{2}", 2 * x * (1 + x) ** 2, 2 * (x * (1 + x)) ** 2),
    (r"x(x)^{2}", x ** 3, x ** 4),
    (r"x(1+e^{-x})^{-1}", x / (1 + exp(-x)), 1 / (x * (1 + exp(-x)))),
    (r"\frac{1}{x(1+x)}", 1 / (x * (1 + x)), x / (1 + x)),
    (r"\frac{\sigma(x)}{x(1+e^{-x})}", sigmoid(x) / (x * (1 + exp(-x))), x * sigmoid(x) / (1 + exp(-x))),
    (r"x(1+x)!", x * sympy.factorial(1 + x), sympy.factorial(x * (1 + x))),
    (r"x(x(1+x)^2)^3", x ** 4 * (1 + x) ** 6, x ** 8 * (1 + x) ** 6),
    (r"\frac{d}{dx} x(1+x)^2", sympy.diff(x * (1 + x) ** 2, x), sympy.diff(x * (1 + x), x) * (1 + x)),
    (r"a(1+x)^{2} + a", Symbol("a", real=True) * (1 + x) ** 2 + Symbol("a", real=True),
     (Symbol("a", real=True) * (1 + x)) ** 2 + Symbol("a", real=True)),
])
def test_juxtaposition_binds_looser_than_a_power(tex: str, expected: object, misreading: object) -> None:
    got = parse_latex(tex)
    assert _eq(got, expected), (tex, got)
    assert not _eq(got, misreading), (tex, got)


@pytest.mark.parametrize("tex,expected", [
    (r"f(x)^{2}", sympy.Function("f")(x) ** 2),  # a function of the document, squared
    (r"\sigma(x)^{2}", sigmoid(x) ** 2),
    (r"\text{SiLU}(x)^{2}", (x * sigmoid(x)) ** 2),
])
def test_a_call_then_a_power_is_still_the_power_of_the_call(tex: str, expected: object) -> None:
    assert _eq(parse_latex(tex), expected), (tex, parse_latex(tex))


# ---------------------------------------------------------------------------------------------
# issue 14: the reader over a LaTeX tree — each notation read exactly, never into a near miss

t, n = Symbol("t", real=True), Symbol("n", real=True)
a, b, C = Symbol("a", real=True), Symbol("b", real=True), Symbol("C", real=True)
f = sympy.Function("f")


@pytest.mark.parametrize("tex,expected,misreading", [
    # function application without parentheses: the argument is the juxtaposed factors after it
    (r"\tanh x", tanh(x), Symbol("tanh", real=True) * x),
    (r"\tanh x + 1", tanh(x) + 1, tanh(x + 1)),
    (r"\sin x \cos x", sympy.sin(x) * sympy.cos(x), sympy.sin(x * sympy.cos(x))),
    (r"\log 2x", log(2 * x), log(2) * x),
    (r"\ln x^2", log(x**2), log(x) ** 2),
    (r"\operatorname{erf}\frac{x}{\sqrt{2}}", sympy.erf(x / sqrt(2)), sympy.erf(x) / sqrt(2)),
    (r"\exp(-x^2/2)", exp(-x**2 / 2), exp(-x) ** 2 / 2),
    (r"\ln(1+e^x)", log(1 + exp(x)), log(1) + exp(x)),
    (r"\log_2 x", log(x) / log(2), log(x) * 2),
    # function names that are not variables
    (r"\operatorname{sech}^2(x)", sympy.sech(x) ** 2, Symbol("sech", real=True) ** 2 * x),
    (r"\operatorname{sech} x", sympy.sech(x), Symbol("sech", real=True) * x),
    (r"\sigma(\beta x)", sigmoid(beta * x), sigmoid(beta) * x),
    (r"\mathrm{e}^{-x}", exp(-x), Symbol("e", real=True) ** -x),
    (r"\tfrac{1}{2} + \dfrac{x}{3}", Rational(1, 2) + x / 3, Rational(1, 2) * x / 3),
    (r"2 \cdot 3 \times x", 6 * x, 5 * x),
    # subscripts with digits are labels, not products
    (r"\alpha_{01}", Symbol("alpha_01", real=True), Symbol("alpha_0", real=True)),
    (r"W_2 x", Symbol("W_2", real=True) * x, 2 * Symbol("W", real=True) * x),
    (r"x_{g} + x_v", x_g + x_v, Symbol("x", real=True) * 2),
    # derivatives
    (r"\frac{\partial f}{\partial x}", sympy.Derivative(f(x), x), sympy.S.Zero),
    (r"\frac{d^2}{dx^2} x^3", 6 * x, 3 * x**2),
    (r"\frac{d}{dx} x^2 + 1", 2 * x + 1, 2 * x),
    (r"\frac{\mathrm{d}}{\mathrm{d}x}\tanh x", 1 - tanh(x) ** 2, tanh(x)),
    (r"\sigma^{(2)}(x)", sympy.diff(sigmoid(x), x, 2), sigmoid(x) ** 2),
    (r"\left. \frac{d}{dx} x^2 \right|_{x=1}", sympy.Integer(2), 2 * x),
    (r"\frac{\partial^2}{\partial x_g \partial x_v} x_g^2 x_v", 2 * x_g, sympy.S.Zero),
    # limits
    (r"\lim_{x\to 0^+} \frac{\sin x}{x}", Limit(sympy.sin(x) / x, x, 0, "+"), Limit(sympy.sin(x), x, 0, "+") / x),
    (r"\lim_{x \downarrow 0} x", Limit(x, x, 0, "+"), Limit(x, x, 0, "-")),
    (r"\lim_{x\to 0} x", Limit(x, x, 0, "+-"), Limit(x, x, 0, "+")),
    # maxima: over a variable (a bound variable), or of arguments
    (r"\max_{x}\,\sigma'(x)", Maximum(sigmoid(x) * (1 - sigmoid(x)), (x, -sympy.oo, sympy.oo)),
     Symbol("max_x", real=True) * sigmoid(x) * (1 - sigmoid(x))),
    (r"\max_{x \in [0, 1]} x(1-x)", Maximum(x * (1 - x), (x, 0, 1)), Maximum(x * (1 - x), (x, -sympy.oo, sympy.oo))),
    (r"\min_{x \ge 0} x^2", Minimum(x**2, (x, 0, sympy.oo)), Minimum(x**2, (x, -sympy.oo, sympy.oo))),
    (r"\sup_{x} \sigma(x)", Supremum(sigmoid(x), (x, -sympy.oo, sympy.oo)), Maximum(sigmoid(x), (x, -sympy.oo, sympy.oo))),
    (r"\max(0, x) + \min\{x, 1\}", Max(0, x) + sympy.Min(x, 1), Max(0, x) + sympy.Max(x, 1)),
    # absolute values
    (r"|\tanh x|", Abs(tanh(x)), tanh(Abs(x))),
    (r"||x| - 1|", Abs(Abs(x) - 1), Abs(x) - 1),
    (r"|x||x - 1|", Abs(x) * Abs(x - 1), Abs(x * Abs(x - 1))),
    (r"\lvert x \rvert^2", Abs(x) ** 2, Abs(x**2) + 1),
    # Piecewise
    (r"\begin{cases} x, & \text{if } x > 0 \\ 0, & \text{otherwise.} \end{cases}",
     sympy.Piecewise((x, x > 0), (0, True)), sympy.Piecewise((x, x > 0), (x * 0, x < 0))),
    (r"\begin{cases} 0 & x < -1 \\ x & -1 \le x \le 1 \\ 1 & x > 1 \end{cases}",
     sympy.Piecewise((0, x < -1), (x, (x >= -1) & (x <= 1)), (1, x > 1)),
     sympy.Piecewise((0, x < -1), (x, x < 1), (1, True))),
    (r"\left\{ \begin{array}{ll} x & x > 0 \\ 0 & x \le 0 \end{array} \right.",
     sympy.Piecewise((x, x > 0), (0, True)), sympy.Piecewise((0, x > 0), (x, True))),
    # indicators: 1 where the condition holds, 0 elsewhere (0 at x = 0, unlike H(0) = 1/2)
    (r"\mathbb{1}_{x>0}", sympy.Piecewise((1, x > 0), (0, True)), Heaviside(x)),
    (r"\mathbb{1}[x > 0]", sympy.Piecewise((1, x > 0), (0, True)), Heaviside(x)),
    (r"x\,\mathbf{1}\{x \le 0\}", x * sympy.Piecewise((1, x <= 0), (0, True)), x * Heaviside(-x)),
    # integrals, unevaluated (the checker evaluates them)
    (r"\int_{-\infty}^{x} \frac{1}{\sqrt{2\pi}} e^{-t^2/2}\,\mathrm{d}t",
     sympy.Integral(exp(-t**2 / 2) / sqrt(2 * pi), (t, -sympy.oo, x)), Phi(x)),
    (r"\int_0^1 x dx", sympy.Integral(x, (x, 0, 1)), Rational(1, 2)),
    (r"\int_0^x \sigma(t)\,dt + 1", sympy.Integral(sigmoid(t), (t, 0, x)) + 1, sympy.Integral(sigmoid(t) + 1, (t, 0, x))),
    (r"\int x\,\mathrm{d}x + C", sympy.Integral(x, x) + C, x**2 / 2 + C),
    # other notation
    (r"\mathcal{O}(x^3)", BigO(x**3), Symbol("O", real=True) * x**3),
    (r"σ(x) − φ(x)", sigmoid(x) - phi(x), sigmoid(x) + phi(x)),
    (r"\left\lfloor x \right\rfloor", sympy.floor(x), x),
])
def test_notation_read_exactly(tex: str, expected: object, misreading: object) -> None:
    got = parse_latex(tex)
    assert got == expected, (tex, got)
    assert got != misreading, (tex, got)


def test_juxtaposed_factors_and_calls_do_not_depend_on_the_reading_of_other_sides() -> None:
    """A name that stands alone in the formula is a value, so that name(…) next to it is a product."""
    got = parse_latex(r"a(1+x) = a + ax")
    assert got == Eq(a * (1 + x), a + a * x, evaluate=False)
    assert parse_latex(r"g(1+x)").func.__name__ == "g"


def test_membership_gives_the_set() -> None:
    ch = parse_chain(r"x \in [a, b]")
    assert ch.ops == ("in",) and ch.values == (x, sympy.Interval(a, b))
    ch = parse_chain(r"\sigma(x) \in (0, 1)")
    assert ch.ops == ("in",) and ch.values[1] == sympy.Interval.open(0, 1) != sympy.Tuple(0, 1)
    assert parse_chain(r"\text{ReLU}(x) \in [0, \infty)").values[1] == sympy.Interval(0, sympy.oo)
    assert parse_chain(r"x \in [0, 1)").values[1] == sympy.Interval.Ropen(0, 1)
    assert parse_chain(r"x \in \mathbb{R}_{>0}").values[1] == sympy.Interval.open(0, sympy.oo)
    assert parse_chain(r"x \in \mathbb{R}").values[1] == sympy.S.Reals
    assert parse_chain(r"v \in [0, 1]^{2}").values[1] == sympy.ProductSet(sympy.Interval(0, 1), sympy.Interval(0, 1))
    power = parse_chain(r"\text{ReLU}(\mathbf{x}) \in [0, \infty)^{n}").values[1]
    assert isinstance(power, SetPower) and power.base == sympy.Interval(0, sympy.oo) and power.exp == n
    c = parse_latex(r"\sigma(x) \in (0, 1)")
    assert c == sympy.Contains(sigmoid(x), sympy.Interval.open(0, 1), evaluate=False)
    assert parse_chain(r"x \notin [0, 1]").ops == ("notin",)
    # in a condition: the inequalities membership means
    pw = parse_latex(r"\begin{cases} 1 & x \in [0, 1] \\ 0 & \text{otherwise} \end{cases}")
    assert pw == sympy.Piecewise((1, (x >= 0) & (x <= 1)), (0, True))


def test_inequality_chains_and_approximations_keep_their_operators() -> None:
    ch = parse_chain(r"0 < \sigma(x) < 1")
    assert ch.ops == ("<", "<") and ch.values == (0, sigmoid(x), 1)
    ch = parse_chain(r"\text{softplus}(x) \le \max(0,x) + \log 2")
    assert ch.ops == ("<=",) and ch.values[1] == Max(0, x) + log(2)
    ch = parse_chain(r"\text{SiLU}(x) \ge -0.28")
    assert ch.ops == (">=",) and ch.values[1] == Rational(-28, 100)
    ch = parse_chain(r"\text{GELU}(x) \approx x\sigma(1.702x)")
    assert ch.ops == ("~=",) and ch.values[1] == x * sigmoid(Rational(1702, 1000) * x)
    assert parse_chain(r"a \simeq b").ops == ("~=",)
    assert parse_chain(r"a \ne b").ops == ("!=",)
    assert parse_chain(r"f(x) := x^2").ops == (":=",)
    assert parse_chain(r"f(x) \coloneqq x^2").ops == (":=",)
    assert parse_chain(r"f(x) \triangleq x^2").ops == (":=",)
    assert parse_chain(r"f(x) \overset{\text{def}}{=} x^2").ops == (":=",)
    assert parse_chain(r"a <= b").ops == ("<=",)


@pytest.mark.parametrize("tex,values,domain", [
    (r"\text{GELU}(x) = x\Phi(x) \quad \text{for } -3 < x < 3", (x * Phi(x), x * Phi(x)), sympy.Lt(-3, x) & (x < 3)),
    (r"\text{ReLU}(x) = 0, \qquad x < 0", (glusym.get("relu").expr, 0), x < 0),
    (r"\text{ReLU}(x) = x \quad (x > 0).", (glusym.get("relu").expr, x), x > 0),
    (r"\text{ReLU}(x) = x \text{ if } x \in (0, \infty)", (glusym.get("relu").expr, x), sympy.Lt(0, x)),
    (r"\sigma(x) = 1 - \sigma(-x) \quad \text{for all } x", (sigmoid(x), 1 - sigmoid(-x)), sympy.true),
    (r"f(x) = x, \quad x > 0,\ x < 1", (f(x), x), (x > 0) & (x < 1)),
])
def test_domain_notes_are_returned_apart_not_as_arithmetic(tex: str, values: tuple, domain: object) -> None:
    ch = parse_chain(tex)
    assert ch.values == values and ch.errors == (None, None), ch
    assert ch.domain == domain, ch.domain
    assert ch.ops == ("=",) and "for" not in ch.latex[-1] and "<" not in ch.latex[-1]


def test_a_domain_note_not_read_leaves_every_side_unread() -> None:
    ch = parse_chain(r"\text{ReLU}(x) = x \quad \text{for large } x")
    assert ch.values == (None, None)
    assert all(e and "domain note" in e for e in ch.errors)


def test_limits_as_notes() -> None:
    ch = parse_chain(r"\sigma(x) \to 1 \text{ as } x \to \infty")
    assert ch.ops == ("=",) and ch.values == (Limit(sigmoid(x), x, sympy.oo, "-"), 1)
    ch = parse_chain(r"\text{GELU}(x) \sim x \text{ as } x \to \infty")
    assert ch.ops == ("~",) and ch.at == (x, sympy.oo, "-") and ch.values == (x * Phi(x), x)
    ch = parse_chain(r"\sigma(x) \to 1")
    assert ch.values == (None, None) and "as x" in ch.errors[0]


def test_trailing_punctuation() -> None:
    for end in (".", ",", ";", r"\,.", r"\text{.}"):
        ch = parse_chain(r"\sigma(0) = \frac{1}{2}" + end)
        assert ch.values == (Rational(1, 2), Rational(1, 2)) and ch.latex[-1] == r"\frac{1}{2}", end
    assert parse_latex(r"x = 1.5") == Eq(x, Rational(3, 2), evaluate=False)


def test_rows_of_an_aligned_block_continue_the_chain() -> None:
    rows = parse_rows(r"\begin{aligned} \sigma(x) &= \frac{1}{1+e^{-x}} \\ &= 1 - \sigma(-x) \\ \tanh x &< 1 \end{aligned}")
    assert [r.ops for r in rows] == [("=",), ("=",), ("<",)]
    assert rows[1].latex == (r"\frac{1}{1+e^{-x}}", r"1 - \sigma(-x)") and rows[1].values[1] == 1 - sigmoid(-x)
    assert parse_latex(r"\begin{align} a &= b \\ &= c \end{align}") == sympy.Tuple(
        Eq(a, b, evaluate=False), Eq(b, Symbol("c", real=True), evaluate=False))


def test_names_in_a_subscript_do_not_mention_the_catalogue() -> None:
    assert mentions_catalogue(r"\text{ReLU}(x)") and mentions_catalogue(r"\relu(x)")
    assert not mentions_catalogue(r"f_{\text{ReLU}}(x)") and not mentions_catalogue(r"\beta_\text{ReLU}")
    assert not mentions_catalogue(r"\sigma(x)") and not mentions_catalogue(r"\tanh x")


@pytest.mark.parametrize("tex,reason", [
    (r"\sigma(x) + \foo(x)", r"\foo: an unknown command"),
    (r"x \odot y", r"\odot: an elementwise product (\odot) of vectors is not read"),
    (r"\mathbf{x} \otimes \mathbf{y}", r"\otimes: \otimes (an outer or Kronecker product) is not read"),
    (r"\operatorname{sech}^{-1}(x)", "sech^{-1}: an inverse function is not read"),
    (r"\tanh x(1+x)", r"the extent of its argument is ambiguous"),
    (r"1/2x", "the extent of the denominator is ambiguous"),
    (r"f(X \le x)", r"\le: a relation inside an expression"),
    (r"\sum_{i=1}^{n} x_i", "indexed names are not read"),
    (r"\max_{x > 0} x e^{-x}", r"\max over an open interval is not read"),
    (r"\max x", r"\max without its arguments"),
    (r"\sup \sigma(x)", r"\sup without the variable it is taken over"),
    (r"\langle x, y \rangle", "angle brackets"),
    (r"\|x\|", "a norm"),
    (r"x^\top W", r"^\top: not a power"),
    (r"x \pm 1", "± (two formulas in one) is not read"),
    (r"1 + \dots", r"an ellipsis (\dots) has no value"),
    (r"\int_0^1 \frac{dx}{x}", "an integral without its differential"),
    (r"\mathrm{d}x", "a differential outside an integral or a derivative"),
    (r"\mathbb{E}[x]", r"\mathbb{E} is not read"),
    (r"a \propto b", r"\propto: a relation that is not read"),
    (r"x_+", "the subscript '+' of a name is not read"),
    (r"\exp -x", "a function name without its argument in a sum"),
    (r"\begin{tabular}{c} x \end{tabular}", "the environment 'tabular' is not read"),
    (r"\frac{1}{1+e^{-x}", "a { without its }"),
    (r"x}", "a } without its {"),
    (r"\text{__import__('os')}(x)", "not a name"),
    (r"\sigma x", "a function name without its argument in a product"),
])
def test_what_is_not_read_says_what(tex: str, reason: str) -> None:
    with pytest.raises(LatexParseError) as info:
        parse_latex(tex)
    assert reason in str(info.value), str(info.value)
    assert "\n" not in str(info.value)


def test_a_misreading_of_the_issue_is_gone() -> None:
    """issue 14: \\max_{x}\\sigma'(x) was a symbol max_x times σ'(x), \\operatorname{sech} a variable."""
    got = parse_latex(r"\max_{x}\,\sigma'(x) = \sigma'(0)")
    assert isinstance(got.lhs, Maximum) and got.lhs.free_symbols == set() and got.rhs == Rational(1, 4)
    assert not any(s.name.startswith("max") for s in got.free_symbols)
    assert parse_latex(r"\operatorname{sech}(x)").free_symbols == {x}


def test_the_reader_is_fast(seeds: object) -> None:
    """The whole adversarial corpus (104 formulas) is read in well under a second (the ANTLR reader
    took about 1.5 s, 1 s of it starting up)."""
    import time

    from glusym.parsing.tree import walk

    corpus = sys.modules.get("adversarial_corpus")
    if corpus is None:
        import importlib.util
        from pathlib import Path

        spec = importlib.util.spec_from_file_location("adversarial_corpus", Path(__file__).parent / "adversarial_corpus.py")
        assert spec and spec.loader
        corpus = importlib.util.module_from_spec(spec)
        sys.modules["adversarial_corpus"] = corpus
        spec.loader.exec_module(corpus)
    walk.cache_clear()
    t0 = time.perf_counter()
    for c in corpus.CORPUS:
        parse_chain(c.latex)
    assert time.perf_counter() - t0 < 3.0


# Notation of the papers, read exactly (and what cannot be, refused): MobileNetV3's h-swish[x]
# (arXiv 1905.02244), Deep Learning's \forall x > 0, ζ^{-1} (eq. 3.40), evaluation bars.
@pytest.mark.parametrize("tex, expected", [
    (r"\text{h-swish}[x]", glusym.get("hardswish").expr),
    (r"\text{h-sigmoid}(x)", glusym.get("hardsigmoid").expr),
    (r"\text{swish}\,x", x * sigmoid(x)),
    (r"\frac{d^2}{dx^2}\left[x\sigma(x)\right]_{x=0}", Rational(1, 2)),
    (r"\frac{d^2}{dx^2}\operatorname{softplus}(x)\Big|_{x=0}", Rational(1, 4)),
    (r"\left. \frac{d}{dx} \tanh(x) \right|_{x=1}", 1 - tanh(1) ** 2),
    (r"\alpha^2(1 + x)", Symbol("alpha", real=True) ** 2 * (1 + x)),
])
def test_reads_the_papers_notation(tex: str, expected: object) -> None:
    got = parse_latex(tex)
    assert sympy.simplify(got - expected) == 0, got


@pytest.mark.parametrize("tex", [r"f^{-1}(x)", r"\zeta^{-1}(x)", r"\zeta^{2}(x)", r"g^{-1}(y) + 1"])
def test_an_inverse_or_power_of_a_function_is_refused(tex: str) -> None:
    """Never x/f nor x·f²: what f^{-1}(x) means is not glusym's to guess."""
    with pytest.raises(LatexParseError, match="inverse|power or an iterate"):
        parse_latex(tex)


def test_a_leading_quantifier_is_the_domain() -> None:
    ch = parse_chain(r"\forall x > 0, \ \log\left(e^{x} - 1\right) < x")
    assert ch.ops == ("<",) and ch.domain == (x > 0)
    assert parse_chain(r"\forall x \in (0, 1), \ x^2 < x").domain is not None


def test_a_tie_in_text_is_a_space() -> None:
    hs = parse_latex(r"\begin{cases} 0 & \text{if~} x \le -3, \\ x & \text{if~} x \ge +3, \\ "
                     r"x \cdot (x + 3) / 6 & \text{otherwise} \end{cases}")
    assert sympy.simplify(hs - glusym.get("hardswish").expr.rewrite(sympy.Piecewise)).subs(x, 1) == 0


@pytest.mark.parametrize("tex, expected", [
    (r"\sigma^{-1}(p)", log(Symbol("p", real=True) / (1 - Symbol("p", real=True)))),  # the logit
    (r"\tanh^{-1}(x)", sympy.atanh(x)),
    (r"\Phi^{-1}(x)", sqrt(2) * sympy.erfinv(2 * x - 1)),  # the probit
])
def test_inverses_of_monotone_functions(tex: str, expected: object) -> None:
    assert parse_latex(tex) == expected


def test_an_inverse_changes_the_verdict() -> None:
    from glusym.check import check_formula

    good = r"\sigma^{-1}(p) = \ln\frac{p}{1 - p} \quad \text{for } 0 < p < 1"
    assert check_formula(good)[0].verdict == "holds"
    assert check_formula(good.replace("1 - p", "1 + p"))[0].verdict == "fails"


def test_a_greek_function_letter_as_the_limits_variable() -> None:
    """GELU as the limit of xΦ(x/σ) as σ → 0⁺ (Hendrycks & Gimpel, arXiv 1606.08415): σ is the
    variable there, not the sigmoid."""
    got = parse_latex(r"\lim_{\sigma \to 0^+} x\Phi\left(\frac{x}{\sigma}\right)")
    s = Symbol("sigma", real=True)
    assert got == Limit(x * Phi(x / s), s, 0, "+")
    assert parse_latex(r"\sigma(x)") == sigmoid(x)  # and elsewhere σ is the sigmoid still


def test_an_accented_name_with_a_list_is_a_function() -> None:
    """The SELU paper's \\tilde{\\mu}(\\mu, \\omega, \\nu, \\tau, \\lambda, \\alpha) (arXiv 1706.02515):
    a function of six arguments, not a symbol times a tuple; with one argument, a product."""
    got = parse_latex(r"\tilde{\mu}(\mu, \omega)")
    assert isinstance(got, sympy.core.function.AppliedUndef) and len(got.args) == 2
    assert parse_latex(r"\tilde{x}(1 + x)") == Symbol("tilde_x", real=True) * (1 + x)


# Sizes refused before SymPy computes them (issue 15): a number it cannot be stopped building, a
# derivative order that swells past any budget; each with the limit named.
@pytest.mark.parametrize("tex, limit", [
    (r"9^{9^{9}}", "a power of about"), (r"10^{10^{10}}", "a power of about"), (r"2^{2^{40}}", "a power of about"),
    (r"10^{1000000} + x", "a power of about"), (r"(10^{7})!", "digits"), (r"\binom{10^{7}}{5000000}", "a binomial"),
    ("9" * 5000, "a number of 5,000 digits"),
    (r"\frac{d^{500}}{dx^{500}} \sigma(x)", "order 500"), (r"\sigma" + "'" * 20 + "(x)", "order 20"),
    (r"\frac{d}{dx}" * 25 + "x", "total order 25"),
])
def test_sizes_beyond_the_limits_are_refused(tex: str, limit: str) -> None:
    with pytest.raises(LatexParseError, match="limit|may have") as info:
        parse_latex(tex)
    assert limit in str(info.value)


def test_sizes_within_the_limits_are_read() -> None:
    assert parse_latex(r"2^{10} + 5! + \binom{10}{3}") == 1024 + 120 + 120
    assert parse_latex(r"\frac{d^{4}}{dx^{4}} x^{6}") == 360 * x ** 2
    twelve = parse_latex(r"\sigma" + "'" * 12 + "(x)")  # 12 primes: a polynomial in σ, read fast
    assert sympy.Poly(twelve.subs(sigmoid(x), Symbol("s")), Symbol("s")).degree() == 13


@pytest.mark.parametrize("tex, expected", [
    (r"W_0(x)", sympy.LambertW(sympy.Symbol("x", real=True))),
    (r"W_{0}(e^{-1})", sympy.LambertW(sympy.exp(-1))),
    (r"W_{-1}(-2e^{-2})", sympy.LambertW(-2 * sympy.exp(-2), -1)),
])
def test_lambert_w_by_its_branches(tex: str, expected: sympy.Expr) -> None:
    """Lambert's W as papers write its branches (Corless et al. 1996); a bare W, a product xW_0,
    stays the document's name (a weight matrix in the GLU papers)."""
    from glusym.parsing import parse_latex

    assert sympy.simplify(parse_latex(tex) - expected) == 0
    assert not parse_latex(r"x W_0").has(sympy.LambertW)


def test_the_minimum_of_silu_in_lambert_w() -> None:
    from glusym.check import check_formula

    (holds,) = check_formula(r"\min_x \text{SiLU}(x) = -W_0(e^{-1})")
    (fails,) = check_formula(r"\min_x \text{SiLU}(x) = -W_0(e^{-2})")
    assert (holds.verdict, fails.verdict) == ("holds", "fails")


def _silu() -> sympy.Expr:
    return sympy.diff(x * sigmoid(x), x)


def _swiglu(*by: str, order: int = 1) -> sympy.Expr:
    e = x_g * x_v * sigmoid(x_g)
    for v in by:
        e = sympy.diff(e, {"x_g": x_g, "x_v": x_v}[v], order)
    return e


def _sigma2() -> sympy.Expr:
    return sympy.diff(sigmoid(x), x, 2)


@pytest.mark.parametrize("tex, expected", [
    (r"\partial_x \operatorname{SiLU}(x)", _silu),
    (r"\partial_{x_g} \text{SwiGLU}(x_g, x_v)", lambda: _swiglu("x_g")),
    (r"\partial_x^2 \sigma(x)", _sigma2),
    (r"\partial_{x_g}\partial_{x_v} \text{SwiGLU}(x_g, x_v)", lambda: _swiglu("x_v", "x_g")),
])
def test_partial_derivatives_written_with_a_subscript(tex: str, expected: Any) -> None:
    """The physicists' and the GLU papers' ∂_x f, read as ∂f/∂x; a bare ∂ stays unread."""
    from glusym.parsing import LatexParseError, parse_latex

    assert sympy.simplify(parse_latex(tex) - expected()) == 0
    with pytest.raises(LatexParseError):
        parse_latex(r"\partial x")


@pytest.mark.parametrize("tex, verdicts", [
    (r"\forall x \in \mathbb{R}: \; 0 < \sigma(x) < 1", ["holds", "holds"]),
    (r"\forall x \in \mathbb{R} \colon \sigma(x) > \tfrac{1}{2}", ["fails"]),
    (r"\forall x > 0, \ \text{ReLU}(x) = x", ["holds"]),
])
def test_a_quantifier_up_to_a_colon_or_a_comma(tex: str, verdicts: list[str]) -> None:
    from glusym.check import check_formula

    assert [k.verdict for k in check_formula(tex)] == verdicts


@pytest.mark.parametrize("tex, verdict", [
    (r"\text{ReLU}(x) = x^+", "holds"),            # the positive part, as optimisation texts write it
    (r"\text{ReLU}(x) = (x)_+", "holds"),
    (r"\text{ReLU}(x) = [x]_+", "holds"),
    (r"\text{ReLU}(x) = (-x)^{+}", "fails"),
    (r"\text{ReLU}'(0^+) = 1", "unparsed"),        # a one-sided point, never max(0, 0)
])
def test_the_positive_part(tex: str, verdict: str) -> None:
    from glusym.check import check_formula

    (link,) = check_formula(tex)
    assert link.verdict == verdict, link.reason

"""LaTeX in: glusym.parsing.parse_latex reads formulas as people write them."""

from __future__ import annotations

import pytest
import sympy
from sympy import E, Abs, Eq, Heaviside, Limit, Max, Rational, Symbol, exp, log, pi, sqrt, tanh

import glusym
from glusym.catalogue import CATALOGUE, x, x_g, x_v
from glusym.functions import Phi, phi, sigmoid
from glusym.parsing import BigO, LatexParseError, parse_chain, parse_latex

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

"""The document as a context: a post's own definitions are in scope for every later formula, so
their derivatives, values, limits and series are computed; saying again what the post (or glusym)
already defines is a claim to check, not a definition."""

from __future__ import annotations

import pytest
import sympy

from glusym.check import check_formula, check_text

POST = r"""
$$f(x) = x^3 + 2x$$
$$g(x) = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}$$
$$\beta(x) = x \alpha(x)$$
"""


def _verdicts(lines: str) -> list[tuple[str, str]]:
    report = check_text(POST + lines)
    return [(f.latex, k.verdict) for f in report.formulas[3:] for k in f.links]


@pytest.mark.parametrize("formula, verdict", [
    (r"f'(x) = 3x^2 + 2", "holds"),                  # the derivative of the post's own f
    (r"f'(x) = 3x^2", "fails"),
    (r"f''(x) = 6x", "holds"),
    (r"f''(x) = 6", "fails"),
    (r"\frac{d}{dx} f(x) = 3x^2 + 2", "holds"),
    (r"\frac{d}{dx} f(x) = 3x^2 + 1", "fails"),
    (r"f(2) = 12", "holds"),                         # a value of it
    (r"f(2) = 10", "fails"),
    (r"f(x) = 2x + O(x^3)", "holds"),                # its series: said again, a claim
    (r"f(x) = x^2 + O(x^3)", "fails"),
    (r"g'(x) = H(x)", "holds"),                      # the derivative of a cases definition, off its kink
    (r"g'(x) = 1", "fails"),
    (r"\lim_{x \to \infty} g(x) / x = 1", "holds"),
    (r"\lim_{x \to \infty} g(x) / x = 2", "fails"),
    (r"\beta_\text{ReLU}(x) = \text{ReLU}(x)^2", "holds"),   # the post's beta with alpha = ReLU
    (r"\beta_\text{ReLU}(x) = x^3", "fails"),                # a redefinition is a claim, not a definition
    (r"f(x) = x^3", "fails"),                                # so is redefining f
])
def test_calculus_on_the_posts_own_definitions(formula: str, verdict: str) -> None:
    assert _verdicts(f"$${formula}$$") == [(formula, verdict)]


def test_definitions_still_define() -> None:
    report = check_text(POST)
    assert [k.verdict for f in report.formulas for k in f.links] == ["definition"] * 3


def test_a_definition_below_is_used_and_said() -> None:
    """A use before the definition is checked with it ("…, where h(x) = x²"), and the reason says
    so; after it, the definition is simply known."""
    report = check_text(r"$$h'(x) = 2x$$" "\n" r"$$h(x) = x^2$$" "\n" r"$$h'(x) = 2x$$")
    assert [k.verdict for f in report.formulas for k in f.links] == ["holds", "definition", "holds"]
    assert "h as defined below, at line 2" in report.formulas[0].links[0].reason
    assert "below" not in report.formulas[2].links[0].reason


@pytest.mark.parametrize("formula, verdict", [
    (r"\int_{0}^{1} 2t \, dt = 1", "holds"),
    (r"\int_{0}^{1} 2t \, dt = 2", "fails"),
    (r"\int \sigma(x) dx = \log(1+e^x) + C", "holds"),        # an antiderivative: F' = f
    (r"\int \sigma(x) dx = \log(1+e^{-x}) + C", "fails"),
    (r"\int x dx = x^2/2", "unknown"),                         # up to a constant: + C is asked for
    (r"\int_{-\infty}^{x} \frac{1}{\sqrt{2\pi}} e^{-t^2/2}\,dt = \Phi(2x)", "fails"),
])
def test_integrals(formula: str, verdict: str) -> None:
    (link,) = check_formula(formula)
    assert link.verdict == verdict, link.reason


def test_the_gaussian_integral_is_phi() -> None:
    (link,) = check_formula(
        r"\int_{-\infty}^{x} \frac{1}{\sqrt{2\pi}} e^{-t^2/2}\,dt = \Phi(x)")
    assert link.verdict in ("holds", "holds numerically"), link.reason


def test_a_parameter_set_to_a_number_is_that_number_later() -> None:
    report = check_text("$$\\lambda = 1.05$$\n$$2\\lambda = 2.1$$\n$$2\\lambda = 2.2$$\n$$x = 2$$\n$$x^2 = 4$$")
    # lambda is the post's parameter; "x = 2" sets no parameter: x^2 = 4 is still an identity in x
    assert [k.verdict for f in report.formulas for k in f.links] == ["definition", "holds", "fails", "definition",
                                                                     "fails"]


@pytest.mark.parametrize("formula, verdict", [
    (r"\text{ReLU}(x) = x \quad \text{for } x>0", "holds"),       # judged on the domain its note states
    (r"\text{ReLU}(x) = x \quad \text{for } x<0", "fails"),
    (r"\text{ELU}(x) = e^x - 1, \qquad x < 0", "holds"),
    (r"\text{ELU}(x) = e^x, \qquad x < 0", "fails"),
    (r"\text{ReLU}(x) = x", "fails"),                              # and everywhere without a note
])
def test_an_identity_on_its_stated_domain(formula: str, verdict: str) -> None:
    (link,) = check_formula(formula)
    assert link.verdict == verdict, link.reason
    if "quad" in formula or "qquad" in formula:
        assert link.reason.startswith("on the domain ")


def test_coloneqq_defines() -> None:
    report = check_text("$$f(x) := x^2 + 1$$\n$$f'(x) = 2x$$\n$$f(0) \\triangleq 2$$")
    assert [k.verdict for f in report.formulas for k in f.links] == ["definition", "holds", "unparsed"]


def _all_verdicts(text: str) -> list[str]:
    return [k.verdict for f in check_text(text).formulas for k in f.links]


# The ELU paper (Clevert et al., arXiv 1511.07289, eq. 15) sets the unit and its derivative side
# by side in one display, with a hyperparameter alpha > 0 stated before.
ELU_SIDE_BY_SIDE = (r"with a hyperparameter $\alpha > 0$:" "\n\n"
                    r"$$f(x) = \begin{cases} x & \text{if } x > 0 \\ \alpha\left(\exp(x) - 1\right) & "
                    r"\text{if } x \le 0 \end{cases}, \qquad f'(x) = \begin{cases} 1 & \text{if } x > 0 \\ "
                    r"f(x) + \alpha & \text{if } x \le 0 \end{cases}$$" "\n\n")


@pytest.mark.parametrize("derivative, verdict", [
    (r"f(x) + \alpha", "holds"),
    (r"f(x) - \alpha", "fails"),   # the slip of a sign
    (r"\alpha e^{x}", "holds"),
    (r"\alpha e^{-x}", "fails"),
])
def test_formulas_side_by_side_are_each_a_formula(derivative: str, verdict: str) -> None:
    text = ELU_SIDE_BY_SIDE.replace("f(x) + \\alpha & \\text{if } x \\le 0", derivative + " & \\text{if } x \\le 0")
    got = _all_verdicts(text)
    assert got[1:] == ["definition", verdict], got  # the condition on alpha, then f, then f'


def test_a_name_in_a_note_is_no_variable() -> None:
    """The f of ``\\text{if}`` is no name: f(x) in the formula is the document's function."""
    links = check_formula(r"f'(x) = \begin{cases} 1 & \text{if } x > 0 \\ f(x) + \alpha & \text{if } x \le 0 \end{cases}")
    assert links[0].verdict == "unknown" and "f" in links[0].reason  # f is not defined: no f·x


def test_a_parameter_the_document_writes_alone_multiplies() -> None:
    """After ``\\alpha > 0``, ``\\alpha(e^x - 1)`` is a product; where the document never writes
    alpha alone it stays a function applied (beta(x) = x alpha(x) in the SwiGLU post)."""
    body = r"$$\lim_{x \to -\infty} \alpha\left(e^{x} - 1\right) = -\alpha$$"
    assert _all_verdicts(r"Let $\alpha > 0$." "\n\n" + body) == ["no claim", "holds"]
    assert _all_verdicts(r"Let $\alpha > 0$." "\n\n" + body.replace("= -\\alpha", "= \\alpha")) == ["no claim", "fails"]
    assert _all_verdicts(r"$$\beta(x) = x\alpha(x)$$" "\n\n" r"$$\beta(x) = \alpha(x) x$$") == ["definition", "holds"]


def test_a_probability_of_a_normal_variable_the_document_states() -> None:
    """GELU(x) = x P(X ≤ x) for X ∼ N(0, 1) (Hendrycks & Gimpel, arXiv 1606.08415); the tail the
    wrong way round fails; without X's distribution nothing is judged; N(μ, σ²) standardises."""
    stated = r"With $X \sim \mathcal{N}(0, 1)$," "\n\n"
    assert _all_verdicts(stated + r"$$\text{GELU}(x) = xP(X \le x)$$") == ["definition", "holds"]
    assert _all_verdicts(stated + r"$$\text{GELU}(x) = xP(X \ge x)$$") == ["definition", "fails"]
    assert _all_verdicts(r"$$\text{GELU}(x) = xP(X \le x)$$") == ["unknown"]
    shifted = r"$Z \sim \mathcal{N}(1, 4)$" "\n\n"
    assert _all_verdicts(shifted + r"$P(Z \le 3) = \Phi(1)$") == ["definition", "holds"]
    assert _all_verdicts(shifted + r"$P(Z > 3) = \Phi(-1)$") == ["definition", "holds"]
    assert _all_verdicts(shifted + r"$P(Z \le 3) = \Phi(2)$") == ["definition", "fails"]
    assert _all_verdicts(r"$$P(x) = x^2 + 1$$") == ["definition"]  # P of a number is a function still


def test_a_definition_that_cannot_be_read_is_not_replaced_by_the_next() -> None:
    """The true definition unread (here, an integral glusym cannot read), the slip after it must
    not become the definition: later uses are unknown, with the reason."""
    unread = r"$$g(x) = \int_{0}^{x} p_{\mathrm{G}}\left(z; 1\right)$$" "\n\n"
    got = _all_verdicts(unread + r"$$g(x) = x^2$$" "\n\n" r"$$g(1) = 1$$")
    assert got == ["unparsed", "unknown", "unknown"], got
    assert _all_verdicts(r"$$g(x) = x^2$$" "\n\n" r"$$g(1) = 1$$") == ["definition", "holds"]


def test_parameters_the_document_sets_reach_into_its_functions() -> None:
    """g(λ) with λ bound to a number later: the number inside g's body, not a free λ."""
    text = r"$$g(a, b) = a b$$" "\n\n" r"$$\lambda_{0} = 2$$" "\n\n" r"$$g(3, \lambda_{0}) = 6$$"
    assert _all_verdicts(text) == ["definition", "definition", "holds"]
    assert _all_verdicts(text.replace("= 6$$", "= 7$$")) == ["definition", "definition", "fails"]


def test_a_function_of_the_document_written_without_arguments() -> None:
    text = r"$$g(a) = a^2$$" "\n\n" r"$$h(a) = g(a) - g^2$$" "\n\n" r"$$h(1) = 0$$"
    got = _all_verdicts(text)
    assert got[-1] == "unknown", got


def test_a_value_set_in_passing_holds_for_its_paragraph_only() -> None:
    """"With $\\beta = 0$ the gate is constant" (Ramachandran et al., arXiv 1710.05941) sets β for
    that sentence, not for the rest of the post: a later identity in β is judged for every β."""
    text = (r"With $\beta = 0$ the gate is constant, $x\sigma(\beta x) = \frac{x}{2}$." "\n\n"
            r"$$x\sigma(\beta x) = \frac{x}{2}$$")
    got = _all_verdicts(text)
    assert got == ["definition", "holds", "fails"], got
    report = check_text(text)
    assert "this paragraph only" in report.formulas[0].links[0].reason
    # stated as a setting of the post (not "with"), the value holds on
    assert _all_verdicts(text.replace("With $", "Here $").replace(" the gate", ". The gate")) == \
        ["definition", "holds", "holds"]


# ---------------------------------------------------------------------------------------------
# functions used before the document defines them ("…, where f(x) = …")


@pytest.mark.parametrize("claim, verdict", [
    (r"f'(x) = \beta f(x) + \sigma(\beta x)(1 - \beta f(x))", "holds"),   # Ramachandran et al.'s Swish derivative
    (r"f'(x) = \beta f(x) + \sigma(\beta x)(1 + \beta f(x))", "fails"),   # one sign slipped
])
def test_a_function_defined_below_is_used(claim: str, verdict: str) -> None:
    from glusym.check import check_text

    report = check_text(f"The derivative is $${claim}$$ where $f(x) = x \\sigma(\\beta x)$.\n")
    (link,) = report.formulas[0].links
    assert link.verdict == verdict, link.reason
    assert "f as defined below, at line 1" in link.reason


def test_goodfellows_softplus_identities_before_zeta_is_defined() -> None:
    from glusym.check import check_text

    text = ("$$\\log \\sigma(x) = -\\zeta(-x)$$\n\n$$\\frac{d}{dx}\\zeta(x) = \\sigma(x)$$\n\n"
            "$$\\frac{d}{dx}\\zeta(x) = \\sigma(-x)$$\n\n"
            "$$\\zeta(x) = \\int_{-\\infty}^{x} \\sigma(y)\\, dy$$\n")
    verdicts = [k.verdict for f in check_text(text).formulas for k in f.links]
    assert verdicts == ["holds", "holds", "fails", "definition"]


def test_a_name_never_defined_stays_unknown() -> None:
    from glusym.check import check_text

    (link,) = check_text("$$g'(x) = g(x)$$\n\n$$f(x) = x$$\n").formulas[0].links
    assert link.verdict == "unknown" and "does not define" in link.reason


def test_primes_written_as_superscripts_and_a_definition_after_the_claim() -> None:
    r"""``f^{\prime}(x)`` is f'(x), not a power f^{f'} times x; and "f'(x) = …, \quad f(x) = σ(x)"
    is checked with the f defined after it in the same display (it was called false: f(x) read as
    the product f·x, since f^{\prime} looked like f written alone)."""
    from glusym.check import check_text

    (f,) = check_text(r"$$f^{\prime}(x) = \dfrac{e^{-x}}{(1+e^{-x})^{2}}, \quad f(x) = \sigma(x)$$").formulas
    assert [k.verdict for k in f.links] == ["holds", "definition"]
    assert "f as defined after it in this formula" in f.links[0].reason
    (g,) = check_text(r"$$g^\prime(x) = -g(x), \quad g(x) = e^{x}$$").formulas
    assert [k.verdict for k in g.links] == ["fails", "definition"]


def test_the_derivative_of_a_function_of_the_document_is_taken() -> None:
    r"""Elfwing et al.'s dSiLU: after :math:`a_k(\mathbf{s}) = z_k\sigma(z_k)`,
    :math:`\partial a_k/\partial z_k` is the derivative. It was left unevaluated and the sampler
    read it as :math:`a_k` itself, so the false :math:`\partial a_k/\partial z_k = z_k\sigma(z_k)`
    held numerically (and the true one failed)."""
    from glusym.check import check_text

    text = ("$$a_k(\\mathbf{s}) = z_k\\sigma(z_k)$$\n\n"
            "$$\\frac{\\partial a_k}{\\partial z_k} = z_k\\sigma(z_k)$$\n\n"
            "$$\\frac{\\partial a_k}{\\partial z_k} = \\sigma(z_k)\\left(1 + z_k\\left(1 - \\sigma(z_k)\\right)\\right)$$\n")
    assert [k.verdict for f in check_text(text).formulas for k in f.links] == ["definition", "fails", "holds"]


def test_an_unevaluated_derivative_is_judged_as_the_derivative() -> None:
    from glusym.check.judge import _judge
    from glusym.functions import sigmoid

    z = sympy.Symbol("z", real=True)
    d = sympy.Derivative(z * sigmoid(z), z)
    assert _judge(d, z * sigmoid(z), "=", False, 5.0)[0] == "fails"
    assert _judge(d, sigmoid(z) * (1 + z * (1 - sigmoid(z))), "=", False, 5.0)[0] == "holds"

"""The document as a context: a post's own definitions are in scope for every later formula, so
their derivatives, values, limits and series are computed; saying again what the post (or glusym)
already defines is a claim to check, not a definition."""

from __future__ import annotations

import pytest

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


def test_a_definition_is_in_scope_only_after_it() -> None:
    report = check_text(r"$$h'(x) = 2x$$" "\n" r"$$h(x) = x^2$$" "\n" r"$$h'(x) = 2x$$")
    assert [k.verdict for f in report.formulas for k in f.links] == ["unknown", "definition", "holds"]


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

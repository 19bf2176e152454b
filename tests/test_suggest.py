"""A correction for what fails: where the left side is something glusym computes, a failing link
carries the right side it really has, in the post's notation; that suggestion reads back, holds when
checked as a link of its own, and renders in KaTeX. Where there is nothing to compute, or the link
holds, there is none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glusym.check import check_formula, check_markdown, check_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("formula, suggestion", [
    (r"\sigma'(0) = \frac{1}{2}", r"\frac{1}{4}"),                                    # a value
    (r"\text{GELU}(x) = x\sigma(x)", r"x \Phi\left(x\right)"),                       # a known function
    (r"\tanh(x) = x - x^3 + O(x^5)", r"x - \frac{x^{3}}{3} + O\left(x^{5}\right)"),  # a series, ascending
    (r"\sigma(x) = \frac{1}{2} + \frac{x}{2} + O(x^3)", r"\frac{1}{2} + \frac{x}{4} + O\left(x^{3}\right)"),
    (r"\lim_{x\to\infty} \tanh(x) = 2", "1"),                                         # a limit
    (r"\frac{d}{dx} x^3 = x^2", r"3 x^{2}"),                                          # a derivative
])
def test_a_failing_computation_gets_the_right_side_it_has(formula: str, suggestion: str) -> None:
    (link,) = check_formula(formula)
    assert link.verdict == "fails" and link.suggestion == suggestion


@pytest.mark.parametrize("formula, suggestion", [
    # derivative and identity tables (Wikipedia's "Activation function" table, Hendrycks & Gimpel's
    # GELU paper, the tanh-sigmoid identity), each with one sign slipped: corrected in the author's
    # own text, one character changed, not reprinted in SymPy's order
    (r"\sigma'(x) = \sigma(x)(1+\sigma(x))", r"\sigma(x)(1-\sigma(x))"),
    (r"\tanh'(x) = 1 + \tanh^2(x)", r"1 - \tanh^2(x)"),
    (r"\tanh(x) = 2\sigma(2x) + 1", r"2\sigma(2x) - 1"),
    (r"\frac{d}{dx}\text{GELU}(x) = \Phi(x) - x\phi(x)", r"\Phi(x) + x\phi(x)"),
    (r"\frac{d}{dx}\log(1+e^x) = \sigma(-x)", r"\sigma(x)"),
    (r"\frac{d}{dx} x\sigma(x) = \sigma(x) + x\sigma(x)(1+\sigma(x))", r"\sigma(x) + x\sigma(x)(1-\sigma(x))"),
    (r"\sigma(x) = \frac{1}{2} + \frac{x}{4} + \frac{x^3}{48} + O(x^5)", r"\frac{1}{2} + \frac{x}{4} - \frac{x^3}{48} + O(x^5)"),
    (r"\sigma(-x) = 1 + \sigma(x)", r"1 - \sigma(x)"),
])
def test_a_slipped_sign_is_corrected_in_the_authors_text(formula: str, suggestion: str) -> None:
    (link,) = check_formula(formula)
    assert link.verdict == "fails" and link.suggestion == suggestion
    (again,) = check_formula(f"{link.lhs} = {link.suggestion}")
    assert again.verdict in ("holds", "holds numerically")


def test_the_suggestion_of_the_posts_own_derivative() -> None:
    report = check_text("$$f(x) = x^2$$\n$$f'(x) = x$$")
    link = report.formulas[1].links[0]
    assert link.verdict == "fails" and link.suggestion == "2 x"


@pytest.mark.parametrize("formula", [
    r"\sigma(x)\sigma(-x) = \sigma(x)",        # a product, not one computation: nothing to offer
    r"\sigma(x) = 1 - \sigma(-x)",             # it holds
    r"\text{Foo}(x) = x",                      # nothing glusym knows
])
def test_no_suggestion_where_there_is_nothing_to_compute(formula: str) -> None:
    assert all(k.suggestion is None for k in check_formula(formula))


def test_every_suggestion_holds_and_renders(katex: Callable[..., list[str | None]]) -> None:
    # the false identities of the soundness corpus: each suggestion offered, checked as a link of its own
    report = check_markdown(ROOT / "tests" / "posts" / "false_identities.md")
    offered = [k for f in report.formulas for k in f.links if k.suggestion]
    assert len(offered) >= 10
    for k in offered:
        (again,) = check_formula(f"{k.lhs} = {k.suggestion}")
        assert again.verdict in ("holds", "holds numerically"), (k.lhs, k.suggestion, again.reason)
    errors = [e for e in katex([(k.suggestion, True) for k in offered]) if e is not None]
    assert not errors, errors

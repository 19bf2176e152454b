r"""The parameters of catalogue units in the checker (issue 14, item 2): an identity that involves
a parameter holds for all its admissible values, or fails at one, shown.

Each rule is tested by changing its input: the same formula with the parameter's condition
changed, a false twin, the parameter left at glusym's default. The formulas are written here in
the notation of the papers (ELU, arXiv 1511.07289: f(x) = x for x > 0, alpha (exp(x) - 1) for
x <= 0 with alpha > 0; SELU, arXiv 1706.02515: lambda times that, with lambda > 1 to increase a
small variance; squareplus, arXiv 2112.11687: (x + sqrt(x^2 + b))/2 with b >= 0; CELU, arXiv
1704.07483: alpha (exp(x/alpha) - 1); PyTorch's LeakyReLU, Hardshrink and Softplus pages).
"""

from __future__ import annotations

import sympy

from glusym.check import check_text
from glusym.parsing import parse_chain, parse_latex
from glusym.sampling import admissible, cover

HOLDS = ("holds", "holds numerically", "holds approximately")


#: a link's budget here: the verdicts, not the speed, are under test (a loaded machine runs 5 s slow)
BUDGET = 20.0


def _links(doc: str) -> list:
    """The claims of a document (its conditions and lone names left out)."""
    return [k for f in check_text(doc, budget=BUDGET).formulas for k in f.links
            if k.verdict not in ("no claim", "definition")]


def _last(doc: str):
    return _links(doc)[-1]


def _number(s: str) -> float:
    return float(sympy.Rational(s)) if "/" in s else float(s)


# ---------------------------------------------------------------------------------------------
# 1. the parameter's letter in the formula, or stated by the document; else the default


ELU_CASES = r"\text{ELU}(x) = \begin{cases} x & \text{if } x > 0 \\ \alpha(\exp(x) - 1) & \text{if } x \le 0 \end{cases}"


def test_the_letter_in_the_formula_is_the_units_parameter():
    k = _last(f"$${ELU_CASES}$$")
    assert k.verdict == "holds", k.reason  # alpha(…) is a product beside ELU, not a function alpha
    assert "for all alpha > 0" in k.reason
    twin = _last(f"$${ELU_CASES.replace('exp(x) - 1', 'exp(x) + 1')}$$")
    assert twin.verdict == "fails" and _number(twin.counterexample["alpha"]) > 0


def test_a_bound_of_a_unit_alone_is_unknown_at_the_default_and_judged_once_the_document_states_it():
    # ELU(x) > -1 holds for alpha <= 1 only: at glusym's alpha = 1 it holds, which is not the claim
    alone = _last(r"$$\text{ELU}(x) > -1$$")
    assert alone.verdict == "unknown" and "ELU has a parameter the formula does not set" in alone.reason
    wide = _last("With a hyperparameter $\\alpha > 0$,\n\n$$\\text{ELU}(x) > -1$$")
    assert wide.verdict == "fails", wide.reason
    assert _number(wide.counterexample["alpha"]) > 1  # a value the parameter may take, where the bound fails
    narrow = _last("The hyperparameter is $0 < \\alpha \\le 1$.\n\n$$\\text{ELU}(x) > -1$$")
    assert narrow.verdict in HOLDS, narrow.reason
    # a condition set in passing ("for $0 < \\alpha \\le 1$ …") holds for its paragraph only
    passing = _last("For $0 < \\alpha \\le 1$ the saturation is above -1.\n\n$$\\text{ELU}(x) > -1$$")
    assert passing.verdict == "unknown", passing.reason


def test_a_lone_name_and_a_binding_state_a_parameter():
    # squareplus <= relu + 1 holds at glusym's b = 4 (sqrt(b)/2 = 1), for no b > 4: not the author's claim
    bound = r"$$\operatorname{squareplus}(x) \le \operatorname{relu}(x) + 1$$"
    assert _last(bound).verdict == "unknown"
    stated = _last("with a hyperparameter $b$,\n\n" + bound)
    assert stated.verdict == "fails" and _number(stated.counterexample["b"]) > 4
    # a binding to a number is a declaration: the unit takes the value
    assert _last("Here $\\alpha = 0.5$.\n\n$$\\text{ELU}(x) > -0.5$$").verdict in HOLDS
    assert _last("Here $\\alpha = 0.5$.\n\n$$\\text{ELU}(x) > -0.4$$").verdict == "fails"


def test_a_bound_true_for_every_value_of_the_parameter_left_unset_holds():
    # the formula sets no b and no slope, but the bound holds whatever the author's value is
    for f in (r"\operatorname{squareplus}(x) \ge \operatorname{relu}(x)", r"\text{LeakyReLU}(x) \in (-\infty, \infty)"):
        k = _last(f"$${f}$$")
        assert k.verdict in HOLDS and "it holds for every value" in k.reason, (f, k.reason)
    k = _last(r"$$\text{ELU}(x) \ge x$$")  # e^x - 1 >= x: at alpha = 1 only among alpha <= 1
    assert k.verdict == "unknown"


def test_a_canonical_default_is_what_the_name_means():
    # SELU's constants are the unit: its bound by name alone is judged (lambda*alpha = 1.7581)
    assert _last(r"$$\text{SELU}(x) > -1.7581$$").verdict in HOLDS
    assert _last(r"$$\text{SELU}(x) > -1.75$$").verdict == "fails"


def test_the_reading_records_what_it_left_at_the_default():
    ch = parse_chain(r"\text{LeakyReLU}(x) \ge 0.01x")
    assert [(u, p.name) for u, p in ch.defaults[0]] == [("leaky_relu", "negative_slope")]
    ch = parse_chain(r"\text{LeakyReLU}(x) \ge \alpha x")
    assert ch.defaults == ((), ()) and dict(ch.params)["alpha"][0].name == "negative_slope"
    ch = parse_chain(r"\text{LeakyReLU}(x) \ge 0.01x", stated={"alpha"})
    assert ch.defaults == ((), ())


def test_pytorchs_parameter_names():
    leaky = r"\text{LeakyReLU}(x) = \max(0, x) + \text{negative\_slope} * \min(0, x)"
    assert _last(f"$${leaky}$$").verdict in HOLDS
    assert _last(f"$${leaky.replace('+ ', '- ', 1)}$$").verdict == "fails"
    shrink = (r"\text{Hardshrink}(x) = \begin{cases} x & \text{if } x > \lambda \\ x & \text{if } x < -\lambda \\ "
              r"0 & \text{otherwise} \end{cases}")
    k = _last(f"$${shrink}$$")
    assert k.verdict == "holds" and "lambda > 0" in k.reason
    soft = shrink.replace(r"x & \text{if } x >", r"x - \lambda & \text{if } x >")  # Softshrink's first row
    assert soft != shrink and _last("$$" + soft + "$$").verdict == "fails"


# ---------------------------------------------------------------------------------------------
# 2. parameters as arguments after the variables


def test_extra_arguments_are_the_parameters_in_catalogue_order():
    assert _last(r"$$\operatorname{squareplus}(x, b) = \frac{x + \sqrt{x^2 + b}}{2}$$").verdict == "holds"
    assert _last(r"$$\operatorname{squareplus}(x, b) = \frac{x + \sqrt{x^2 + b^2}}{2}$$").verdict == "fails"
    assert _last(r"$$\operatorname{squareplus}(x, 0) = \max(x, 0)$$").verdict in HOLDS
    assert _last(r"$$\operatorname{squareplus}(x, 0) = \min(x, 0)$$").verdict == "fails"
    assert parse_latex(r"\text{Hardtanh}(x, -2, 3)") == sympy.Piecewise(
        (3, sympy.Symbol("x", real=True) > 3), (-2, sympy.Symbol("x", real=True) < -2), (sympy.Symbol("x", real=True), True))


def test_a_wrong_count_of_arguments_stays_unparsed_with_the_reason():
    k = _last(r"$$\operatorname{squareplus}(x, b, c) = 0$$")
    assert k.verdict == "unparsed" and "at most 1 parameter(s)" in k.reason and "(b)" in k.reason
    assert "no parameter" in _last(r"$$\text{SiLU}(x, 2) = x\sigma(2x)$$").reason


def test_arguments_and_parameters_are_substituted_at_once():
    x = sympy.Symbol("x", real=True)
    assert parse_latex(r"\operatorname{squareplus}(2x, x)") == (2 * x + sympy.sqrt(4 * x**2 + x)) / 2


def test_celu_with_its_parameter_as_an_argument():
    d = r"$$\frac{d}{dx}\text{CELU}(x, \alpha) = \exp(x/\alpha) \quad \text{for } x < 0$$"
    assert _last(d).verdict in HOLDS
    assert _last(d.replace(r"= \exp", r"= \alpha\exp")).verdict == "fails"
    assert _last(r"$$\lim_{\alpha \to 0^+} \text{CELU}(x, \alpha) = \max(0, x)$$").verdict == "holds"
    assert _last(r"$$\lim_{\alpha \to 0^+} \text{CELU}(x, \alpha) = x$$").verdict == "fails"


# ---------------------------------------------------------------------------------------------
# 3. the admissible values: the unit's, and the document's conditions


SELU = r"\text{selu}(x) = \lambda \begin{cases} x & \text{if } x > 0 \\ \alpha e^{x} - \alpha & \text{if } x \le 0 \end{cases}"


def test_an_identity_holds_for_every_admissible_value_and_a_false_twin_fails_inside_the_domain():
    k = _last(f"$${SELU}$$")
    assert k.verdict == "holds" and "alpha > 0" in k.reason and "lambda > 0" in k.reason
    twin_tex = SELU.replace(r"- \alpha &", "- 1 &")  # the second alpha forgotten
    assert twin_tex != SELU
    twin = _last("$$" + twin_tex + "$$")
    assert twin.verdict == "fails"
    assert _number(twin.counterexample["alpha"]) > 0 and _number(twin.counterexample["lambda"]) > 0


def test_a_bound_with_parameters_is_proved_for_their_admissible_values():
    for f, verdict in ((r"\text{selu}(x) > -\lambda\alpha", "holds"), (r"\text{selu}(x) \in (-\lambda\alpha, \infty)", "holds"),
                       (r"\text{ELU}(x) \ge -\alpha", "holds")):
        k = _last(f"$${f}$$")
        assert k.verdict == verdict, (f, k.reason)
        assert "for all real x and alpha > 0" in k.reason  # not "for all real alpha"
    k = _last(r"The scale is $\lambda > 0$." + "\n\n" + r"$$\text{selu}(x) > -\alpha$$")
    assert k.verdict == "fails" and all(_number(k.counterexample[n]) > 0 for n in ("alpha", "lambda"))


def test_the_documents_condition_changes_the_verdict():
    # SELU's slope on the positive side is lambda: above 1 only where the paper asks lambda > 1
    slope = r"$$\frac{d}{dx}\text{selu}(x) > 1 \quad \text{for } x > 0$$"
    wide = _last("The scale is $\\lambda > 0$.\n\n" + slope)
    assert wide.verdict == "fails" and 0 < _number(wide.counterexample["lambda"]) <= 1
    narrow = _last("The scale is $\\lambda > 1$.\n\n" + slope)
    assert narrow.verdict in HOLDS and "lambda > 1" in narrow.reason
    # an identity on a domain that is not a sign: max(lambda, 1) = lambda exactly where lambda >= 1
    assert _last("The scale is $\\lambda > 1$.\n\n$$\\max(\\lambda, 1) = \\lambda$$").verdict in HOLDS
    k = _last("The scale is $\\lambda > 0$.\n\n$$\\max(\\lambda, 1) = \\lambda$$")
    assert k.verdict == "fails" and 0 < _number(k.counterexample["lambda"]) < 1


def test_a_condition_is_no_claim_and_is_remembered():
    ks = [k for f in check_text("with $\\alpha > 0$ and $0 < \\lambda$").formulas for k in f.links]
    assert [k.verdict for k in ks] == ["no claim", "no claim"]


def test_sampling_keeps_to_the_symbols_sign():
    a, x = sympy.Symbol("alpha", positive=True), sympy.Symbol("x", real=True)
    pts, _ = cover([a * sympy.exp(x) - a], [a, x])
    assert pts and all(p["alpha"] > 0 for p in pts) and any(p["x"] < 0 for p in pts)
    assert not admissible(a, -1.9) and admissible(x, -1.9) and not admissible(sympy.Symbol("l", nonnegative=True), -1)


def test_a_series_with_a_parameter():
    assert _last(r"$$\alpha\left(\exp(x) - 1\right) = \alpha x + \frac{\alpha}{2}x^2 + O(x^3)$$").verdict == "holds"
    assert _last(r"$$\alpha\left(\exp(x) - 1\right) = \alpha x - \frac{\alpha}{2}x^2 + O(x^3)$$").verdict == "fails"

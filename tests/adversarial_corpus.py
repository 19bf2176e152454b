r"""An adversarial corpus for the post checker: false identities that look true, and true ones beside them.

The checker must never call a false formula true. Every formula here is written in the notation of
the activation-function papers and docs (ELU, GELU, SiLU/Swish, SELU, Mish, the GLU variants,
PyTorch's documentation), and every false one comes with its own proof of falsity, independent of
glusym:

* a *witness*: a point (a value for each variable) and both sides written directly with mpmath,
  which differ there at high precision (:data:`DPS` digits, enough for differences of 1e-435);
* for a series claim ``f = p + O(x^n)``: the Taylor coefficients of ``f`` written exactly (SymPy
  ``Rational``, ``sqrt``, ``pi``; confirmed by ``mpmath.taylor`` at :data:`DPS` digits) and the
  claimed ones, which differ exactly.

:data:`CORPUS` is the table; ``tests/posts/false_identities.md`` is the same formulas as a Markdown
post (one display ``$$…$$`` each, grouped by family). ``python tests/adversarial_corpus.py`` writes
that post from this table; ``tests/test_soundness_corpus.py`` checks that the two agree.

The families (:data:`FAMILIES`) are the ways a checker that samples a few points at modest
precision, or a reader that misparses juxtaposition, can be fooled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import sympy
from mpmath import erf, exp, expm1, log, log1p, mpf, ncdf, tanh
from sympy import Rational as R

#: Working precision (decimal digits) of every witness evaluation.
DPS = 1000

POST = Path(__file__).resolve().parent / "posts" / "false_identities.md"

FAMILIES: dict[str, tuple[str, str]] = {
    "juxtaposition": (
        "Juxtaposition before a power or inside a fraction",
        "A letter next to a parenthesis is a product, and a power binds tighter than that product: "
        "`x(1+x)^{2}` is x·(1+x)², not (x(1+x))², and `\\frac{1}{x(1+x)}` divides by the whole product. "
        "SymPy's grammar reads `x(…)` as a call, so both readings are easy to get wrong.",
    ),
    "piecewise": (
        "Piecewise definitions with a branch far out",
        "Implementations switch formulas beyond a threshold (PyTorch's softplus switches to x above 20; "
        "Mish and GELU kernels do the same). Written as an identity, such a switch is false beyond the "
        "threshold, which is where a sampler that stays below 11 never looks.",
    ),
    "steep": (
        "Steep functions equated with their limits",
        "A sigmoid with a large slope is not a step, however steep; at |x| of order 1/slope the two "
        "differ by a constant fraction.",
    ),
    "bump": (
        "Narrow bumps",
        "A bump of height 1 and width 10⁻³ (or centred far out) added to a true side: zero to every "
        "digit at almost every point, and 1 at its centre.",
    ),
    "constant": (
        "Exact constants off by a tiny amount",
        "A value at a point, correct except for an exact tiny term: 10⁻⁷⁰ is not 0.",
    ),
    "series": (
        "Series with an exact tiny extra term",
        "A Taylor expansion whose coefficients are right but for an exact tiny addition; the expansion "
        "of f to O(xⁿ) is unique, so any non-zero difference of a coefficient makes it false.",
    ),
    "perturbation": (
        "Tiny perturbations of true identities",
        "True identities with a tiny additive or multiplicative term that shows only at high precision "
        "or far out.",
    ),
    "true": (
        "True identities in the same notation",
        "The checker must still prove these: symmetry of σ, Φ and softplus, the tanh–σ relation, the "
        "ReLU family as max and min, the GELU and SiLU forms, and the gated units.",
    ),
}


# ---------------------------------------------------------------------------------------------
# the functions, written directly with mpmath (nothing here comes from glusym)


def sigma(t: Any) -> Any:
    return 1 / (1 + exp(-t))


def softplus(t: Any) -> Any:
    return log1p(exp(t))


def Phi(t: Any) -> Any:
    return ncdf(t)


def gelu(t: Any) -> Any:
    return t * ncdf(t)


def silu(t: Any) -> Any:
    return t * sigma(t)


def mish(t: Any) -> Any:
    return t * tanh(softplus(t))


def relu(t: Any) -> Any:
    return t if t > 0 else mpf(0)


def relu6(t: Any) -> Any:
    return min(max(mpf(0), t), mpf(6))


def elu(t: Any) -> Any:
    return t if t > 0 else expm1(t)


def heaviside(t: Any) -> Any:
    return mpf(1) if t > 0 else (mpf(0) if t < 0 else mpf(1) / 2)


def sign(t: Any) -> Any:
    return mpf(mpmath.sign(t))


def d(f: Callable[[Any], Any], t: Any) -> Any:
    """f'(t) by mpmath's own numerical differentiation (at the working precision)."""
    return mpmath.diff(f, t)


def ten(k: int) -> Any:
    """10**k as an exact mpf (k may be negative)."""
    return mpf(10) ** k


# ---------------------------------------------------------------------------------------------
# the table


@dataclass(frozen=True)
class Series:
    """``f = p + O(x^order)``: ``f`` as an mpmath function, the exact Taylor coefficients of f of
    degree 0 … order-1 (``true``) and the claimed ones (``claimed``), as SymPy numbers."""

    f: Callable[[Any], Any]
    order: int
    true: tuple[sympy.Expr, ...]
    claimed: tuple[sympy.Expr, ...]


@dataclass(frozen=True)
class Entry:
    """One formula: its LaTeX (exactly as in the post), family, truth, a sentence for the post, and
    for a false one its witness (``{variable: exact decimal or fraction}``) with both sides as mpmath
    functions of the variables by name, or a :class:`Series`."""

    latex: str
    family: str
    true: bool
    prose: str
    witness: dict[str, str] | None = None
    lhs: Callable[..., Any] | None = None
    rhs: Callable[..., Any] | None = None
    series: Series | None = None
    tags: tuple[str, ...] = field(default=())

    def point(self) -> dict[str, Any]:
        """The witness as mpf values at the current precision (fractions exact to the last digit)."""
        assert self.witness is not None
        out = {}
        for k, v in self.witness.items():
            q = Fraction(v)
            out[k] = mpf(q.numerator) / q.denominator
        return out


def F(latex: str, family: str, prose: str, witness: dict[str, str], lhs: Callable[..., Any],
      rhs: Callable[..., Any], *tags: str) -> Entry:
    return Entry(latex, family, False, prose, witness, lhs, rhs, tags=tags)


def S(latex: str, prose: str, series: Series) -> Entry:
    return Entry(latex, "series", False, prose, series=series)


def T(latex: str, family: str, prose: str, *tags: str) -> Entry:
    return Entry(latex, family, True, prose, tags=tags)


s2pi = sympy.sqrt(2 * sympy.pi)
TEN = sympy.Integer(10)

CORPUS: tuple[Entry, ...] = (
    # -- 1. juxtaposition -----------------------------------------------------------------------
    F(r"x(1+x)^{2} = x^2(1+x)^2", "juxtaposition",
      "The square belongs to (1+x) alone, so squaring the product is wrong.",
      {"x": "2"}, lambda x: x * (1 + x) ** 2, lambda x: x ** 2 * (1 + x) ** 2),
    F(r"x_g(1+x_v)^{2} = x_g^2(1+x_v)^2", "juxtaposition",
      "The same misreading with the gate and value of a gated unit.",
      {"x_g": "2", "x_v": "1"}, lambda x_g, x_v: x_g * (1 + x_v) ** 2, lambda x_g, x_v: x_g ** 2 * (1 + x_v) ** 2),
    F(r"x\left(1 - \sigma(x)\right)^2 = x^2\left(1 - \sigma(x)\right)^2", "juxtaposition",
      "A factor of the SiLU derivative, with the square wrongly taken over x too.",
      {"x": "2"}, lambda x: x * (1 - sigma(x)) ** 2, lambda x: x ** 2 * (1 - sigma(x)) ** 2),
    F(r"2x(1+x)^{2} = 4x^2(1+x)^2", "juxtaposition",
      "A coefficient in front does not change which factor is squared.",
      {"x": "1"}, lambda x: 2 * x * (1 + x) ** 2, lambda x: 4 * x ** 2 * (1 + x) ** 2),
    F(r"x(x)^{2} = x^4", "juxtaposition",
      "x times x squared is x cubed.",
      {"x": "2"}, lambda x: x * x ** 2, lambda x: x ** 4),
    F(r"\frac{1}{x(1+x)} = \frac{x}{1+x}", "juxtaposition",
      "Dividing by a product divides by both of its factors.",
      {"x": "2"}, lambda x: 1 / (x * (1 + x)), lambda x: x / (1 + x)),
    F(r"\frac{1}{x(1 - \sigma(x))} = \frac{x}{1 - \sigma(x)}", "juxtaposition",
      "The same, with a factor written as it appears in the derivative of σ.",
      {"x": "2"}, lambda x: 1 / (x * (1 - sigma(x))), lambda x: x / (1 - sigma(x))),
    F(r"\frac{\sigma(x)}{x(1+e^{-x})} = \frac{x\sigma(x)}{1+e^{-x}}", "juxtaposition",
      "x in the denominator does not move to the numerator.",
      {"x": "2"}, lambda x: sigma(x) / (x * (1 + exp(-x))), lambda x: x * sigma(x) / (1 + exp(-x))),
    F(r"x(1+x)^{-1} = \frac{1}{x(1+x)}", "juxtaposition",
      "The inverse belongs to (1+x) alone: the left side is x/(1+x).",
      {"x": "2"}, lambda x: x / (1 + x), lambda x: 1 / (x * (1 + x))),
    T(r"\text{SiLU}(x) = x(1+e^{-x})^{-1}", "juxtaposition",
      "SiLU as the Swish paper writes it, with a negative power of one factor."),
    T(r"x(1+x)^{2} = x + 2x^2 + x^3", "juxtaposition",
      "The product expanded."),
    T(r"x\left(1 - \sigma(x)\right)^2 = x - 2x\sigma(x) + x\sigma(x)^2", "juxtaposition",
      "The factor of the SiLU derivative expanded."),
    T(r"x(x)^{2} = x^3", "juxtaposition",
      "x times x squared."),
    T(r"\frac{1}{x(1+x)} = \frac{1}{x} - \frac{1}{1+x}", "juxtaposition",
      "Partial fractions."),
    T(r"x(1+x)^{-1} = \frac{x}{1+x}", "juxtaposition",
      "A negative power of one factor."),
    T(r"\frac{x}{x(1+e^{x})} = \sigma(-x)", "juxtaposition",
      "A product in a denominator, cancelled (x ≠ 0)."),

    # -- 2. piecewise, a branch far out ---------------------------------------------------------
    F(r"\text{softplus}(x) = \begin{cases} \log(1+e^{x}) & x \le 20 \\ x & x > 20 \end{cases}", "piecewise",
      "PyTorch's softplus with its threshold 20, read as an identity; above 20 the two differ by log(1+e⁻ˣ).",
      {"x": "21"}, lambda x: softplus(x), lambda x: softplus(x) if x <= 20 else x),
    F(r"\log(1+e^{x}) = \begin{cases} \log(1+e^{x}) & x \le 1000 \\ x & x > 1000 \end{cases}", "piecewise",
      "The same switch at 1000, where the difference is e⁻¹⁰⁰¹.",
      {"x": "1001"}, lambda x: softplus(x), lambda x: softplus(x) if x <= 1000 else x),
    F(r"\text{GELU}(x) = \begin{cases} x\Phi(x) & x \le 12 \\ x & x > 12 \end{cases}", "piecewise",
      "GELU written as x beyond 12.",
      {"x": "13"}, lambda x: gelu(x), lambda x: gelu(x) if x <= 12 else x),
    F(r"\text{GELU}(x) = \begin{cases} 0 & x < -12 \\ x\Phi(x) & x \ge -12 \end{cases}", "piecewise",
      "GELU written as 0 below −12.",
      {"x": "-13"}, lambda x: gelu(x), lambda x: mpf(0) if x < -12 else gelu(x)),
    F(r"\min(\text{ReLU}(x), 12) = \text{ReLU}(x)", "piecewise",
      "A cap at 12 is not the identity beyond 12.",
      {"x": "13"}, lambda x: min(relu(x), mpf(12)), lambda x: relu(x)),
    F(r"\max(x, -12) = x", "piecewise",
      "A floor at −12 is not the identity below −12.",
      {"x": "-13"}, lambda x: max(x, mpf(-12)), lambda x: x),
    F(r"10\,\text{ReLU6}(x/10) = \text{ReLU}(x)", "piecewise",
      "ReLU6 rescaled saturates at 60.",
      {"x": "61"}, lambda x: 10 * relu6(x / 10), lambda x: relu(x)),
    F(r"\text{ReLU}(x) = \begin{cases} 0 & x \le 0 \\ x & 0 < x \le 10^{6} \\ 10^{6} & x > 10^{6} \end{cases}",
      "piecewise",
      "A ReLU capped at a million.",
      {"x": "2000000"}, lambda x: relu(x), lambda x: mpf(0) if x <= 0 else (x if x <= ten(6) else ten(6))),
    F(r"\sigma(x) = \begin{cases} 0 & x < -20 \\ \sigma(x) & x \ge -20 \end{cases}", "piecewise",
      "σ flushed to 0 below −20, as a float32 kernel might.",
      {"x": "-21"}, lambda x: sigma(x), lambda x: mpf(0) if x < -20 else sigma(x)),
    F(r"\text{ELU}(x) = \begin{cases} x & x > 0 \\ e^{x} - 1 & -50 \le x \le 0 \\ -1 & x < -50 \end{cases}",
      "piecewise",
      "ELU with its saturation value reached exactly at −50.",
      {"x": "-51"}, lambda x: elu(x), lambda x: x if x > 0 else (expm1(x) if x >= -50 else mpf(-1))),
    F(r"\text{Mish}(x) = \begin{cases} x\tanh(\log(1+e^{x})) & x \le 20 \\ x & x > 20 \end{cases}", "piecewise",
      "Mish with the softplus threshold of its implementations.",
      {"x": "21"}, lambda x: mish(x), lambda x: mish(x) if x <= 20 else x),
    F(r"\text{ReLU}(x) - \text{ReLU}(x - 1000) = \min(\text{ReLU}(x), 10^{6})", "piecewise",
      "A difference of ReLUs caps at 1000, not at a million.",
      {"x": "2000"}, lambda x: relu(x) - relu(x - 1000), lambda x: min(relu(x), ten(6))),
    T(r"\text{softplus}(x) = \begin{cases} \log(1+e^{x}) & x \le 20 \\ x + \log(1 + e^{-x}) & x > 20 \end{cases}",
      "piecewise",
      "The stable way to switch: the second branch is exact."),
    T(r"\min(\text{ReLU}(x), 12) = \text{ReLU}(x) - \text{ReLU}(x-12)", "piecewise",
      "A cap as a difference of ReLUs."),
    T(r"10\,\text{ReLU6}(x/10) = \min(\text{ReLU}(x), 60)", "piecewise",
      "ReLU6 rescaled, with its true cap."),
    T(r"\max(x, -12) = x + \text{ReLU}(-12 - x)", "piecewise",
      "A floor as a ReLU."),

    # -- 3. steep functions and their limits ----------------------------------------------------
    F(r"\text{Swish}_{2000}(x) = \text{ReLU}(x)", "steep",
      "Swish with β = 2000 is close to ReLU, not equal.",
      {"x": "1/1000"}, lambda x: x * sigma(2000 * x), lambda x: relu(x)),
    F(r"\sigma(1000x) = H(x)", "steep",
      "A steep logistic is not the Heaviside step.",
      {"x": "1/1000"}, lambda x: sigma(1000 * x), lambda x: heaviside(x)),
    F(r"\tanh(500x) = \operatorname{sign}(x)", "steep",
      "A steep tanh is not the sign function.",
      {"x": "1/1000"}, lambda x: tanh(500 * x), lambda x: sign(x)),
    F(r"\text{softplus}(1000 x)/1000 = \text{ReLU}(x)", "steep",
      "PyTorch's Softplus with β = 1000 is a smoothed ReLU.",
      {"x": "1/1000"}, lambda x: softplus(1000 * x) / 1000, lambda x: relu(x)),
    F(r"\Phi(1000x) = H(x)", "steep",
      "A steep normal CDF is not a step.",
      {"x": "1/1000"}, lambda x: Phi(1000 * x), lambda x: heaviside(x)),
    F(r"\frac{\text{GELU}(1000x)}{1000} = \text{ReLU}(x)", "steep",
      "GELU rescaled towards ReLU.",
      {"x": "1/1000"}, lambda x: gelu(1000 * x) / 1000, lambda x: relu(x)),
    F(r"\text{erf}(1000x) = \operatorname{sign}(x)", "steep",
      "A steep erf is not the sign.",
      {"x": "1/1000"}, lambda x: erf(1000 * x), lambda x: sign(x)),
    F(r"\sigma(10^{4}x) = H(x)", "steep",
      "Steeper still, and still not a step.",
      {"x": "1/10000"}, lambda x: sigma(10000 * x), lambda x: heaviside(x)),
    F(r"\sigma(1000x) = \mathbb{1}[x > 0]", "steep",
      "The step written as an indicator, as many papers write it.",
      {"x": "1/1000"}, lambda x: sigma(1000 * x), lambda x: heaviside(x), "author-notation"),
    F(r"\sigma(1000x) = \Theta(x)", "steep",
      "The step written as Θ, as in physics-minded papers.",
      {"x": "1/1000"}, lambda x: sigma(1000 * x), lambda x: heaviside(x), "author-notation"),
    T(r"\text{Swish}_\infty(x) = \text{ReLU}(x)", "steep",
      "The limit itself is ReLU."),
    T(r"\lim_{\beta \to \infty} \sigma(\beta x) = H(x)", "steep",
      "And the limit of the steep logistic is the step (with H(0) = ½)."),

    # -- 4. narrow bumps ------------------------------------------------------------------------
    F(r"x + e^{-10^{6}(x-3)^2} = x", "bump",
      "A bump of width 10⁻³ at 3.",
      {"x": "3"}, lambda x: x + exp(-ten(6) * (x - 3) ** 2), lambda x: x),
    F(r"\sigma(x) + e^{-(1000x)^2} = \sigma(x)", "bump",
      "A bump at 0 on the logistic.",
      {"x": "0"}, lambda x: sigma(x) + exp(-(1000 * x) ** 2), lambda x: sigma(x)),
    F(r"\text{ReLU}(x) + e^{-(x-50)^2} = \text{ReLU}(x)", "bump",
      "A wide bump, but centred at 50.",
      {"x": "50"}, lambda x: relu(x) + exp(-(x - 50) ** 2), lambda x: relu(x)),
    F(r"\tanh(x) + e^{-10^{4}(x-500)^2} = \tanh(x)", "bump",
      "A bump at 500.",
      {"x": "500"}, lambda x: tanh(x) + exp(-ten(4) * (x - 500) ** 2), lambda x: tanh(x)),
    F(r"\text{GELU}(x) = x\Phi(x) + \frac{1}{1 + 10^{80}(x-7)^2}", "bump",
      "A Lorentzian spike of width 10⁻⁴⁰ at 7.",
      {"x": "7"}, lambda x: gelu(x), lambda x: gelu(x) + 1 / (1 + ten(80) * (x - 7) ** 2)),
    F(r"\text{softplus}(x) = \log(1+e^{x}) + e^{-(x+500)^2}", "bump",
      "A bump at −500, where softplus itself is about e⁻⁵⁰⁰.",
      {"x": "-500"}, lambda x: softplus(x), lambda x: softplus(x) + exp(-(x + 500) ** 2)),
    F(r"\Phi(x) + e^{-10^{6}(x+50)^2} = \Phi(x)", "bump",
      "A bump at −50 on the normal CDF.",
      {"x": "-50"}, lambda x: Phi(x) + exp(-ten(6) * (x + 50) ** 2), lambda x: Phi(x)),
    F(r"\text{SwiGLU}(x_g, x_v) = x_v\,\text{SiLU}(x_g) + e^{-10^{6}(x_g^2 + x_v^2)}", "bump",
      "A bump at the origin of the gated unit's plane.",
      {"x_g": "0", "x_v": "0"}, lambda x_g, x_v: x_v * silu(x_g),
      lambda x_g, x_v: x_v * silu(x_g) + exp(-ten(6) * (x_g ** 2 + x_v ** 2))),

    # -- 5. constants off by a tiny amount ------------------------------------------------------
    F(r"\sigma(0) = \frac12 + 10^{-70}", "constant",
      "σ(0) is exactly one half.",
      {}, lambda: sigma(mpf(0)), lambda: mpf(1) / 2 + ten(-70)),
    F(r"\Phi(0) = \frac{1}{2} - 10^{-100}", "constant",
      "So is Φ(0).",
      {}, lambda: Phi(mpf(0)), lambda: mpf(1) / 2 - ten(-100)),
    F(r"\text{GELU}(0) = 10^{-300}", "constant",
      "GELU vanishes at 0.",
      {}, lambda: gelu(mpf(0)), lambda: ten(-300)),
    F(r"\tanh(0) = 10^{-80}", "constant",
      "tanh vanishes at 0.",
      {}, lambda: tanh(mpf(0)), lambda: ten(-80)),
    F(r"\sigma'(0) = \frac14 + 10^{-65}", "constant",
      "σ'(0) is exactly one quarter.",
      {}, lambda: d(sigma, mpf(0)), lambda: mpf(1) / 4 + ten(-65)),
    F(r"\text{softplus}(0) = \log 2 + 10^{-90}", "constant",
      "softplus(0) is log 2.",
      {}, lambda: softplus(mpf(0)), lambda: log(2) + ten(-90)),
    F(r"\text{GELU}'(0) = \frac12 + 10^{-200}", "constant",
      "GELU'(0) = Φ(0) = ½.",
      {}, lambda: d(gelu, mpf(0)), lambda: mpf(1) / 2 + ten(-200)),
    F(r"\sigma(\log 3) = \frac34 + 10^{-75}", "constant",
      "σ(log 3) = 3/4 exactly.",
      {}, lambda: sigma(log(3)), lambda: mpf(3) / 4 + ten(-75)),
    F(r"\text{Mish}'(0) = \frac{3}{5} + 10^{-120}", "constant",
      "Mish'(0) = tanh(log 2) = 3/5.",
      {}, lambda: d(mish, mpf(0)), lambda: mpf(3) / 5 + ten(-120)),
    F(r"\Phi(0) = 0.5000000000000000000000000000000000000001", "constant",
      "A decimal that is not one half.",
      {}, lambda: Phi(mpf(0)), lambda: mpf(1) / 2 + ten(-40)),
    T(r"\sigma(0) = \frac12", "constant", "σ at 0."),
    T(r"\Phi(0) = \frac12", "constant", "Φ at 0."),
    T(r"\sigma'(0) = \frac14", "constant", "The slope of σ at 0."),
    T(r"\text{Mish}'(0) = \frac{3}{5}", "constant", "The slope of Mish at 0."),

    # -- 6. series with an exact tiny extra term ------------------------------------------------
    S(r"\sigma(x) = \frac12 + \frac{x}{4} - \frac{x^3}{48} + 10^{-21}x^3 + O(x^4)",
      "The x³ coefficient of σ is exactly −1/48.",
      Series(sigma, 4, (R(1, 2), R(1, 4), R(0), R(-1, 48)), (R(1, 2), R(1, 4), R(0), R(-1, 48) + TEN ** -21))),
    S(r"\tanh(x) = x - \frac{x^3}{3} + \frac{2x^5}{15} + 10^{-22}x^5 + O(x^7)",
      "The x⁵ coefficient of tanh is exactly 2/15.",
      Series(tanh, 7, (0, 1, 0, R(-1, 3), 0, R(2, 15), 0), (0, 1, 0, R(-1, 3), 0, R(2, 15) + TEN ** -22, 0))),
    S(r"\text{GELU}(x) = \frac{x}{2} + \frac{x^2}{\sqrt{2\pi}} + 10^{-30}x^2 + O(x^4)",
      "The x² coefficient of GELU is exactly 1/√(2π).",
      Series(gelu, 4, (0, R(1, 2), 1 / s2pi, 0), (0, R(1, 2), 1 / s2pi + TEN ** -30, 0))),
    S(r"\text{SiLU}(x) = \frac{x}{2} + \frac{x^2}{4} - \frac{x^4}{48} + 10^{-40}x^4 + O(x^6)",
      "The x⁴ coefficient of SiLU is exactly −1/48.",
      Series(silu, 6, (0, R(1, 2), R(1, 4), 0, R(-1, 48), 0), (0, R(1, 2), R(1, 4), 0, R(-1, 48) + TEN ** -40, 0))),
    S(r"\text{softplus}(x) = \log 2 + \frac{x}{2} + \frac{x^2}{8} + 10^{-24}x^3 + O(x^4)",
      "softplus has no x³ term.",
      Series(softplus, 4, (sympy.log(2), R(1, 2), R(1, 8), 0), (sympy.log(2), R(1, 2), R(1, 8), TEN ** -24))),
    S(r"\text{Mish}(x) = \frac{3x}{5} + \frac{8x^2}{25} + 10^{-23}x^2 + O(x^3)",
      "The x² coefficient of Mish is exactly 8/25.",
      Series(mish, 3, (0, R(3, 5), R(8, 25)), (0, R(3, 5), R(8, 25) + TEN ** -23))),
    S(r"\Phi(x) = \frac12 + \frac{x}{\sqrt{2\pi}} + 10^{-26}x^2 + O(x^3)",
      "Φ − ½ is odd: it has no x² term.",
      Series(Phi, 3, (R(1, 2), 1 / s2pi, 0), (R(1, 2), 1 / s2pi, TEN ** -26))),
    S(r"\sigma'(x) = \frac14 - \frac{x^2}{16} + 10^{-30} + O(x^4)",
      "σ'(0) is exactly ¼.",
      Series(lambda t: exp(-t) / (1 + exp(-t)) ** 2, 4, (R(1, 4), 0, R(-1, 16), 0), (R(1, 4) + TEN ** -30, 0, R(-1, 16), 0))),
    T(r"\sigma(x) = \frac12 + \frac{x}{4} - \frac{x^3}{48} + O(x^4)", "series", "The series of σ."),
    T(r"\tanh(x) = x - \frac{x^3}{3} + \frac{2x^5}{15} + O(x^7)", "series", "The series of tanh."),
    T(r"\text{GELU}(x) = \frac{x}{2} + \frac{x^2}{\sqrt{2\pi}} + O(x^4)", "series", "The series of GELU."),
    T(r"\text{SiLU}(x) = \frac{x}{2} + \frac{x^2}{4} - \frac{x^4}{48} + O(x^6)", "series", "The series of SiLU."),

    # -- 7. tiny perturbations of true identities -----------------------------------------------
    F(r"\sigma(x) = 1 - \sigma(-x) + 10^{-40}", "perturbation",
      "The symmetry of σ, off by 10⁻⁴⁰.",
      {"x": "0"}, lambda x: sigma(x), lambda x: 1 - sigma(-x) + ten(-40)),
    F(r"\text{softplus}(x) = x + \text{softplus}(-x) + 10^{-30}x", "perturbation",
      "The softplus identity with a slope slightly off.",
      {"x": "1"}, lambda x: softplus(x), lambda x: x + softplus(-x) + ten(-30) * x),
    F(r"\tanh(x) = 2\sigma(2x) - 1 + e^{-x^2 - 200}", "perturbation",
      "tanh through σ, plus a Gaussian of height e⁻²⁰⁰.",
      {"x": "0"}, lambda x: tanh(x), lambda x: 2 * sigma(2 * x) - 1 + exp(-x ** 2 - 200)),
    F(r"\text{SiLU}(x) = x\sigma(x)\left(1 + 10^{-35}\right)", "perturbation",
      "SiLU scaled by 1 + 10⁻³⁵.",
      {"x": "1"}, lambda x: silu(x), lambda x: x * sigma(x) * (1 + ten(-35))),
    F(r"\sigma'(x) = \sigma(x)(1 - \sigma(x)) + 10^{-50}\sigma(x)", "perturbation",
      "The derivative of σ, with a tiny extra term.",
      {"x": "0"}, lambda x: d(sigma, x), lambda x: sigma(x) * (1 - sigma(x)) + ten(-50) * sigma(x)),
    F(r"\Phi(x) + \Phi(-x) = 1 + 10^{-64}", "perturbation",
      "The symmetry of Φ, off by 10⁻⁶⁴.",
      {"x": "0"}, lambda x: Phi(x) + Phi(-x), lambda x: 1 + ten(-64)),
    F(r"\text{softplus}(x) = \log(1+e^{x}) + e^{x - 1000}", "perturbation",
      "A term that is e⁻¹⁰⁰⁰ near 0 and 1 at x = 1000.",
      {"x": "1000"}, lambda x: softplus(x), lambda x: softplus(x) + exp(x - 1000)),
    F(r"\text{ReLU}(x) = \frac{x + |x|}{2} + 10^{-60}x^2", "perturbation",
      "ReLU as (x+|x|)/2, plus a tiny quadratic that is 1 at x = 10³⁰.",
      {"x": "1"}, lambda x: relu(x), lambda x: (x + abs(x)) / 2 + ten(-60) * x ** 2),
    F(r"\text{Swish}_\beta(x) = \frac{x}{1 + e^{-(1 + 10^{-40})\beta x}}", "perturbation",
      "Swish with its β off by a relative 10⁻⁴⁰.",
      {"x": "1", "beta": "1"}, lambda x, beta: x * sigma(beta * x),
      lambda x, beta: x / (1 + exp(-(1 + ten(-40)) * beta * x))),
    F(r"\text{GLU}(x_g, x_v) = x_v\sigma(x_g) + 10^{-33}x_g x_v", "perturbation",
      "GLU with a tiny bilinear term.",
      {"x_g": "1", "x_v": "1"}, lambda x_g, x_v: x_v * sigma(x_g), lambda x_g, x_v: x_v * sigma(x_g) + ten(-33) * x_g * x_v),
    F(r"\text{GELU}(x) - \text{GELU}(-x) = x + 10^{-50}x^5", "perturbation",
      "The odd part of GELU, with a tiny quintic.",
      {"x": "1"}, lambda x: gelu(x) - gelu(-x), lambda x: x + ten(-50) * x ** 5),
    F(r"\text{SiLU}(x) = x\sigma(x) + 10^{-70}x", "perturbation",
      "SiLU with a slope off by 10⁻⁷⁰.",
      {"x": "1"}, lambda x: silu(x), lambda x: x * sigma(x) + ten(-70) * x),

    # -- true identities in the same notation ---------------------------------------------------
    T(r"\sigma(x) = 1 - \sigma(-x)", "true", "The symmetry of σ."),
    T(r"\text{softplus}(x) - \text{softplus}(-x) = x", "true", "The difference of softplus and its mirror."),
    T(r"\tanh(x) = 2\sigma(2x) - 1", "true", "tanh through σ."),
    T(r"\text{ReLU}(x) = \max(0,x)", "true", "ReLU as a max."),
    T(r"\text{ReLU6}(x) = \min(\max(0,x),6)", "true", "ReLU6 as PyTorch documents it."),
    T(r"\text{GELU}(x) = \frac{x}{2}\left(1 + \text{erf}\left(\frac{x}{\sqrt{2}}\right)\right)", "true",
      "GELU through erf, as in the GELU paper."),
    T(r"\text{SiLU}(x) = \frac{x}{2}\left(1 + \tanh\left(\frac{x}{2}\right)\right)", "true", "SiLU through tanh."),
    T(r"\Phi(x) + \Phi(-x) = 1", "true", "The symmetry of Φ."),
    T(r"\text{ELU}(x) = \max(0,x) + \min(0, e^{x} - 1)", "true", "ELU as PyTorch documents it (α = 1)."),
    T(r"\text{SwiGLU}(x_g, x_v) = x_v\,\text{SiLU}(x_g)", "true", "SwiGLU as a gated SiLU."),
    T(r"\text{Mish}(x) = x\tanh(\text{softplus}(x))", "true", "Mish as its paper defines it."),
    T(r"\text{GELU}(x) - \text{GELU}(-x) = x", "true", "The odd part of GELU."),
    T(r"\sigma(x) = \frac{1}{1 + \mathrm{e}^{-x}}", "true",
      "The logistic with an upright e, as ISO typesetting (and many papers) write Euler's number.",
      "author-notation"),
    T(r"\text{SELU}(x) = \lambda\begin{cases} x & x > 0 \\ \alpha(e^{x} - 1) & x \le 0 \end{cases}", "true",
      "SELU as its paper writes it, with its constants λ ≈ 1.0507 and α ≈ 1.6733 left as letters.",
      "author-notation"),
)

FALSE: tuple[Entry, ...] = tuple(c for c in CORPUS if not c.true)
TRUE: tuple[Entry, ...] = tuple(c for c in CORPUS if c.true)


def post_text() -> str:
    """The Markdown post of the corpus, one display formula per paragraph, grouped by family."""
    out = ["---",
           "layout: post",
           'title: "False identities that look true, and true ones beside them"',
           "katex: true",
           "---",
           "",
           "Every formula below is either true or false; the false ones are false at a point far out, "
           "at high precision, or by a misreading of the notation. The table of truths and witnesses is "
           "`tests/adversarial_corpus.py`.",
           ""]
    for key, (title, intro) in FAMILIES.items():
        out += [f"## {title}", "", intro, ""]
        for c in CORPUS:
            if c.family == key:
                out += [c.prose + (" (True.)" if c.true and key != "true" else ""), "", "$$" + c.latex + "$$", ""]
    return "\n".join(out)


if __name__ == "__main__":
    POST.write_text(post_text(), encoding="utf-8")
    print(f"wrote {POST} ({len(CORPUS)} formulas: {len(FALSE)} false, {len(TRUE)} true)")

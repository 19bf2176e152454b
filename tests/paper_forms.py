r"""Derivatives whose paper or textbook form is known, transcribed as LaTeX, beside glusym's.

Each row: a label, the catalogue entry, which derivative (``("gradient", i)``: the i-th partial;
``("hessian", 0)``: the second derivative of an activation; ``("template", 0)``: d/dx of the
template, parameters kept as symbols), the paper's form as LaTeX (read with
:func:`glusym.parse_latex`; SELU's with its constants, as SymPy), and where it is printed.

:func:`rows` gives, for every row, glusym's printed LaTeX (what ``latex_part`` prints on the
right of the equation), the paper's form printed by the same printer (SymPy's tree of what the
paper writes: a number times a sum is distributed by SymPy itself), the lengths, and an
independent check that the two are equal: mpmath at 30 digits (computed at 60 digits and more,
until two precisions agree) at 24 points
of both signs and magnitudes from 0.003 to 40, written here, not glusym's own verifier.

``python tests/paper_forms.py`` prints the table (``benchmarks/paper_forms.py`` adds the totals).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy

import glusym
from glusym.catalogue import CATALOGUE, DECIMALS
from glusym.functions import elementary, softplus
from glusym.parsing import parse_latex
from glusym.printing import present, tex

# (label, entry, (what, index), paper LaTeX, source)
PAPER_FORMS: tuple[tuple[str, str, tuple[str, int], str, str], ...] = (
    ("σ′", "sigmoid", ("gradient", 0), r"\sigma(x)(1-\sigma(x))", "textbook (logistic function)"),
    ("σ″", "sigmoid", ("hessian", 0), r"\sigma(x)(1-\sigma(x))(1-2\sigma(x))", "textbook"),
    ("tanh′", "tanh", ("gradient", 0), r"\operatorname{sech}^2(x)", "textbook (= 1 − tanh²(x))"),
    ("SiLU′", "silu", ("gradient", 0), r"\sigma(x)(1 + x(1-\sigma(x)))", "Elfwing et al. 2017, arXiv 1702.03118"),
    ("Swish_β′", "swish", ("template", 0), r"\beta x\sigma(\beta x) + \sigma(\beta x)(1 - \beta x\sigma(\beta x))",
     "Ramachandran et al. 2017, arXiv 1710.05941: βf(x) + σ(βx)(1 − βf(x))"),
    ("GELU′", "gelu", ("gradient", 0), r"\Phi(x) + x\varphi(x)", "Hendrycks & Gimpel, arXiv 1606.08415"),
    ("GELU″", "gelu", ("hessian", 0), r"\varphi(x)(2 - x^2)", "textbook (φ′ = −xφ)"),
    ("QuickGELU′", "quick_gelu", ("gradient", 0), r"\sigma(1.702x)(1 + 1.702x(1-\sigma(1.702x)))",
     "SiLU paper's form with β = 1.702 (CLIP)"),
    ("Mish′", "mish", ("gradient", 0),
     r"\operatorname{sech}^2(\operatorname{softplus}(x))\, x\sigma(x) + \frac{\text{Mish}(x)}{x}",
     "Misra 2019, arXiv 1908.08681: Δ(x) swish(x) + f(x)/x, Δ = sech²(softplus(x))"),
    ("softplus′", "softplus", ("gradient", 0), r"\sigma(x)", "Dugas et al. 2001; Goodfellow et al. 2016, §3.10"),
    ("logsigmoid′", "logsigmoid", ("gradient", 0), r"1 - \sigma(x)", "textbook"),
    ("Φ′", "normal_cdf", ("gradient", 0), r"\varphi(x)", "textbook"),
    ("squareplus′", "squareplus", ("gradient", 0), r"\frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2+4}}\right)",
     "Barron 2021, arXiv 2112.11687 (b = 4)"),
    ("ELU′", "elu", ("gradient", 0), r"\begin{cases} 1 & x > 0 \\ e^{x} & x \le 0 \end{cases}",
     "Clevert et al. 2015, arXiv 1511.07289 (α = 1: f(x) + α below 0)"),
    ("SELU′", "selu", ("gradient", 0), "SELU", "Klambauer et al. 2017, arXiv 1706.02515: λ, λαeˣ"),
    ("GLU ∂/∂x_g", "glu", ("gradient", 0), r"x_v\sigma(x_g)(1-\sigma(x_g))", "Dauphin et al. 2016, arXiv 1612.08083"),
    ("SwiGLU ∂/∂x_g", "swiglu", ("gradient", 0), r"x_v\sigma(x_g)(1 + x_g(1-\sigma(x_g)))",
     "Shazeer 2020, arXiv 2002.05202, with the SiLU paper's form"),
    ("SwiGLU ∂/∂x_v", "swiglu", ("gradient", 1), r"x_g\sigma(x_g)", "Shazeer 2020, arXiv 2002.05202"),
    ("GEGLU ∂/∂x_g", "geglu", ("gradient", 0), r"x_v(\Phi(x_g) + x_g\varphi(x_g))",
     "Shazeer 2020, with the GELU paper's form"),
    ("GEGLU ∂/∂x_v", "geglu", ("gradient", 1), r"x_g\Phi(x_g)", "Shazeer 2020, arXiv 2002.05202"),
)


def _selu_paper() -> Any:
    u = CATALOGUE["selu"]
    lam, alpha = u.param_values["scale"], u.param_values["alpha"]
    x = sympy.Symbol("x", real=True)
    return sympy.Piecewise((lam, x > 0), (lam * alpha * sympy.exp(x), True))


def derivative(name: str, what: tuple[str, int]) -> Any:
    """glusym's derivative for a row, as the analyses return it (before presentation)."""
    u = CATALOGUE[name]
    kind, i = what
    if kind == "gradient":
        return glusym.gradient(u)[i]
    if kind == "hessian":
        h = glusym.hessian(u)
        return h[0, 0] if isinstance(h, sympy.MatrixBase) else h
    return sympy.diff(u.template, u.variables[0])


def paper(name: str, latex: str) -> Any:
    """The paper's form as SymPy: read from its LaTeX, log(1 + e^u) written back as softplus(u)
    where the paper writes softplus (parse_latex reads the name as its definition)."""
    if latex == "SELU":
        return _selu_paper()
    e = parse_latex(latex)
    if "softplus" in latex:
        e = e.replace(lambda t: isinstance(t, sympy.log) and t.args[0].is_Add and sympy.S.One in t.args[0].args
                      and any(isinstance(a, sympy.exp) for a in t.args[0].args),
                      lambda t: softplus([a for a in t.args[0].args if isinstance(a, sympy.exp)][0].args[0]))
    return e


def _by_name(e: Any) -> Any:
    return e.xreplace({s: sympy.Symbol(s.name, real=True) for s in e.free_symbols})


def mp_equal(a: Any, b: Any, digits: int = 30, n: int = 24) -> bool:
    """a == b at ``n`` seeded points (both signs, magnitudes 0.003 to 40), to ``digits`` digits
    computed at twice that; symbols matched by name (a parameter positive)."""
    a, b = elementary(_by_name(a)), elementary(_by_name(b))
    syms = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    fa, fb = (sympy.lambdify(syms, e, "mpmath") for e in (a, b))
    rng = random.Random(2017)
    with mpmath.workdps(2 * digits):
        for _ in range(n):  # the points are exact binary numbers; each value finds its precision
            pt = [mpmath.mpf(10) ** rng.uniform(-2.5, 1.6) * (1 if s.name == "beta" else rng.choice((-1, 1)))
                  for s in syms]
            va, vb = _value(fa, pt, digits), _value(fb, pt, digits)
            if abs(va - vb) > mpmath.mpf(10) ** -digits * max(abs(va), abs(vb)) + mpmath.mpf(10) ** (-2 * digits):
                return False
    return True


def _value(f: Any, pt: list[Any], digits: int) -> Any:
    """f at pt, the precision doubled from 2*digits until two evaluations agree (a form that
    cancels, 1 - tanh^2(u) for large u, needs the digits of its answer's scale)."""
    dps, v = 2 * digits, None
    while True:
        with mpmath.workdps(dps):
            w = mpmath.mpmathify(f(*pt))
        if v is not None and (abs(v - w) <= mpmath.mpf(10) ** -(digits + 5) * abs(w) or dps >= 6400):
            return w
        v, dps = w, 2 * dps


@dataclass(frozen=True)
class Row:
    label: str
    glusym_tex: str
    paper_tex: str  # the paper's form printed by glusym's printer
    transcribed: str  # the paper's form as transcribed
    source: str
    equal: bool

    @property
    def ratio(self) -> float:
        return len(self.glusym_tex) / len(self.paper_tex)


def rows() -> list[Row]:
    out = []
    for label, name, what, latex, source in PAPER_FORMS:
        d = derivative(name, what)
        mine = tex(present(d, DECIMALS), DECIMALS)
        theirs = paper(name, latex)
        out.append(Row(label, mine, tex(theirs, DECIMALS), latex, source,
                       mp_equal(d, theirs) and mp_equal(parse_latex(mine), theirs)))
    return out


def table(rs: list[Row]) -> str:
    lines = [f"{'formula':<15} {'glusym':>6} {'paper':>6} {'ratio':>6}  equal  glusym's form"]
    for r in rs:
        lines.append(f"{r.label:<15} {len(r.glusym_tex):>6} {len(r.paper_tex):>6} {r.ratio:>6.2f}  "
                     f"{'yes' if r.equal else 'NO':<5}  {r.glusym_tex}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(rows()))

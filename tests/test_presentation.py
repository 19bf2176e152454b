"""The presentation step: the forms papers print, each verified, over the whole catalogue."""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sympy

import glusym
from glusym import printing
from glusym.catalogue import CATALOGUE, DECIMALS
from glusym.functions import sigmoid, softplus
from glusym.parsing import parse_latex
from glusym.printing import presentation, present, tex

sys.path.insert(0, str(Path(__file__).resolve().parent))
import paper_forms  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
x = glusym.x


# ---------------------------------------------------------------------------------------------
# the figures: glusym's printed form against the paper's


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[paper_forms.Row, ...]:
    return tuple(paper_forms.rows())


def test_the_table_has_at_least_fourteen_paper_forms() -> None:
    assert len(paper_forms.PAPER_FORMS) >= 14


@pytest.mark.parametrize("i", range(len(paper_forms.PAPER_FORMS)))
def test_never_longer_than_the_paper_by_more_than_a_tenth(i: int) -> None:
    r = _rows()[i]
    assert r.equal, (r.label, r.glusym_tex, r.paper_tex)  # the paper's form is glusym's derivative
    assert len(r.glusym_tex) <= 1.1 * len(r.paper_tex), (r.label, r.glusym_tex, r.paper_tex)


def test_the_forms_the_issue_names() -> None:
    forms = {r.label: r.glusym_tex for r in _rows()}
    assert forms["softplus′"] == r"\sigma\left(x\right)"
    assert forms["SiLU′"] == r"\left(x \sigma\left(- x\right) + 1\right) \sigma\left(x\right)"
    assert r"\operatorname{softplus}" in forms["Mish′"] and r"\operatorname{sech}^{2}" in forms["Mish′"]
    assert r"\log" not in forms["Mish′"] and "e^{x}" not in forms["Mish′"]
    assert forms["GELU′"] == r"x \varphi\left(x\right) + \Phi\left(x\right)"
    assert "1.702" in forms["QuickGELU′"] and "851" not in forms["QuickGELU′"]


def test_the_asymptotic_expansion_of_gelu_is_written_with_phi() -> None:
    for tex_ in glusym.latex_part(glusym.get("gelu"), "asymptotes"):
        assert r"\pi" not in tex_ and "e^{" not in tex_, tex_


def test_decimal_constants_print_as_decimals() -> None:
    assert glusym.latex(glusym.get("quick_gelu")) == r"\text{QuickGELU}\left(x\right) = x \sigma\left(1.702 x\right)"
    assert "0.044715 x^{3}" in glusym.latex(glusym.get("gelu_tanh"))
    assert glusym.latex(glusym.get("gelu_tanh")).endswith(r"\right)}{2}")  # 1/2 stays a fraction
    assert tex(x / 2, DECIMALS) == r"\frac{x}{2}" and "0.5" not in tex(sympy.Rational(1, 2) * x**2, DECIMALS)
    assert "8943" not in glusym.latex(glusym.get("gelu_tanh"))
    assert glusym.get("quick_gelu")._repr_latex_() == r"$\displaystyle \text{QuickGELU}\left(x\right) = x \sigma\left(1.702 x\right)$"
    # a decimal reads back as the same rational
    assert parse_latex(tex(sympy.Rational(26829, 200000) * x**2, DECIMALS)) == sympy.Rational(26829, 200000) * x**2
    assert tex(sympy.Rational(1, 3) * x, DECIMALS) == r"\frac{x}{3}"


# ---------------------------------------------------------------------------------------------
# verification can fail, and a candidate that fails is never shown


def test_a_wrong_candidate_is_refused() -> None:
    e = sympy.diff(x * sigmoid(x), x)
    wrong = sigmoid(x) * (1 + x * sigmoid(x))  # a sign lost: shorter than nothing glusym finds, and false
    p = presentation(e, candidates=[wrong, sigmoid(x)])
    assert wrong in p.refused and sigmoid(x) in p.refused
    assert p.shown != wrong and p.shown != sigmoid(x)
    assert printing.equal(p.shown, e) is not None
    # one ulp at 30 digits is a difference too
    near = sigmoid(x) + sympy.Float("1e-25", 40) * sigmoid(x)
    assert printing.equal(near, sigmoid(x)) is None


def test_a_wrong_rewrite_rule_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rewrite rule that lies (1 - σ(a) -> σ(a)) proposes a shorter form; it is refused."""
    def lie(e: Any) -> list[Any]:
        return [e.replace(lambda t: t.is_Add and sigmoid(x) in [-a for a in t.args], lambda t: sigmoid(x))]

    monkeypatch.setattr(printing, "REWRITES", (("lie", lie),))
    e = (1 - sigmoid(x)) * sigmoid(x) + x**3 * sigmoid(x)
    p = printing._presentation.__wrapped__(e, frozenset(), frozenset(), 2.0, ())  # past the cache
    assert p.refused and p.shown == e and p.verified == "unchanged"


def test_the_budget_bounds_the_search() -> None:
    e = sympy.diff(glusym.get("gelu_tanh").expr, x, 2)
    t = __import__("time").perf_counter()
    p = printing._presentation.__wrapped__(e, DECIMALS, frozenset(), 0.05, ())
    assert __import__("time").perf_counter() - t < 1.0
    assert p.shown == e or printing.equal(p.shown, e) is not None


# ---------------------------------------------------------------------------------------------
# every entry: gradient and Hessian entries presented, equal, rendered, read back


def _entries(name: str) -> list[Any]:
    u = CATALOGUE[name]
    out = list(glusym.gradient(u))
    h = glusym.hessian(u)
    out += list(h) if isinstance(h, sympy.MatrixBase) else [h]
    return out


@functools.lru_cache(maxsize=None)
def _presented(name: str) -> tuple[tuple[Any, Any, str], ...]:
    return tuple((e, present(e, DECIMALS), tex(present(e, DECIMALS), DECIMALS)) for e in _entries(name))


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_every_presented_form_equals_the_raw_one_and_reads_back(name: str) -> None:
    for raw, shown, t in _presented(name):
        assert paper_forms.mp_equal(raw, shown), (name, raw, shown)
        assert paper_forms.mp_equal(raw, parse_latex(t)), (name, t)


def test_every_presented_form_renders_in_katex(katex: Callable[..., list[str | None]]) -> None:
    formulas = [(t, True) for n in CATALOGUE for _, _, t in _presented(n)]
    formulas += [(r.glusym_tex, True) for r in _rows()]
    errors = katex(formulas)
    bad = [(f, e) for (f, _), e in zip(formulas, errors) if e is not None]
    assert not bad, bad[:3]


def test_softplus_is_display_only_and_reads_back() -> None:
    assert sympy.diff(softplus(x), x) == sigmoid(x)
    assert parse_latex(tex(softplus(x))) == sympy.log(sympy.exp(x) + 1)
    assert glusym.latex(glusym.get("softplus")) == r"\text{softplus}\left(x\right) = \log{\left(e^{x} + 1 \right)}"
    assert not any(u.expr.has(softplus) for u in CATALOGUE.values())


# ---------------------------------------------------------------------------------------------
# one-way imports


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:  # from . import cache
                out.update(a.name for a in node.names)
            else:
                out.add(node.module.split(".")[0])
    return out


def test_printing_imports_nothing_above_functions() -> None:
    assert _imports(ROOT / "glusym" / "printing.py") <= {"functions", "evaluate", "errors", "budget", "cache"}
    # the remembered forms: below printing (budget, for SymPy's lazy import, imports only errors)
    assert _imports(ROOT / "glusym" / "cache.py") <= {"functions", "budget"}
    assert _imports(ROOT / "glusym" / "budget.py") <= {"errors"}


def test_the_catalogue_imports_printing_not_latex() -> None:
    got = _imports(ROOT / "glusym" / "catalogue.py")
    assert "printing" in got and "latex" not in got

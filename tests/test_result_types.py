"""The result types' vocabularies are enums (issue 20): a member is its text, so the reports print
as they did, and an unknown value is refused with a GlusymError that names the allowed ones."""

from __future__ import annotations

import dataclasses
import json
import typing
from enum import StrEnum
from typing import Any

import pytest
import sympy

import glusym
from glusym.analysis.asymptotes import Behaviour, End
from glusym.analysis.extrema import CriticalPoint, PointKind
from glusym.analysis.limits import Approach, ParamLimit
from glusym.analysis.range import Scope, Standing
from glusym.catalogue import x
from glusym.check import VERDICTS, Link, Verdict
from glusym.claims import Claim, ClaimVerdict


def test_members_are_their_text() -> None:
    assert Verdict.HOLDS_NUMERICALLY == "holds numerically"  # type: ignore[comparison-overlap]  # the point: == text
    assert f"{Verdict.FAILS:<8}|" == "fails   |"
    assert json.dumps({Verdict.NO_CLAIM: ClaimVerdict.NOT_CHECKABLE}) == '{"no claim": "not checkable"}'
    assert tuple(VERDICTS) == tuple(Verdict)


@pytest.mark.parametrize("enum, build", [
    (Verdict, lambda v: Link("x", "x", v, "")),
    (ClaimVerdict, lambda v: Claim("post.md", "a quote", v)),
    (PointKind, lambda v: CriticalPoint(((x, sympy.S.Zero),), sympy.S.Zero, v, True)),
    (PointKind, lambda v: Standing(sympy.Eq(x, 0, evaluate=False), sympy.S.Zero, v, Scope.GLOBAL, True)),
    (Scope, lambda v: Standing(sympy.Eq(x, 0, evaluate=False), sympy.S.Zero, PointKind.MINIMUM, v, True)),
    (End, lambda v: Behaviour(v, x, None, None, None, None, None)),
    (Approach, lambda v: ParamLimit("beta", None, None, ends=((sympy.S.Zero, v, None),))),
], ids=["Link.verdict", "Claim.verdict", "CriticalPoint.kind", "Standing.kind", "Standing.scope",
        "Behaviour.direction", "ParamLimit.ends"])
def test_a_field_takes_its_vocabulary_and_refuses_the_rest(enum: type[StrEnum], build: Any) -> None:
    first = next(iter(enum))
    made = build(first.value)  # its text is read as the member
    fields = [getattr(made, f, None) for f in ("verdict", "kind", "scope", "direction")]
    fields += [side for _, side, _ in getattr(made, "ends", ())]
    assert any(f is first for f in fields)
    for bad in ("no such value", 3, None):
        with pytest.raises(glusym.GlusymError, match=r"is one of .*" + first.value.replace("+", r"\+")):
            build(bad)


def test_a_standing_is_an_extremum() -> None:
    with pytest.raises(glusym.GlusymError, match="a Standing's kind is one of minimum, maximum; not 'saddle'"):
        Standing(sympy.Eq(x, 0, evaluate=False), sympy.S.Zero, PointKind.SADDLE, Scope.LOCAL, True)


def test_the_analyses_return_members() -> None:
    assert all(type(p.kind) is PointKind for p in glusym.extrema(glusym.get("gelu")))
    (s,) = glusym.standings(glusym.get("relu"))
    assert (type(s.kind), type(s.scope)) == (PointKind, Scope) and str(s) == "global minima 0 at x ≤ 0"
    a = glusym.asymptotes(glusym.get("relu"))
    assert (a.plus.direction, a.minus.direction) == (End.PLUS, End.MINUS)
    (k,) = glusym.check_formula(r"\sigma(x) = 1 - \sigma(-x)")
    assert k.verdict is Verdict.HOLDS


# ---------------------------------------------------------------------------------------------
# a one-sided Taylor expansion is labelled by SymPy relations, printed by glusym's printers

#: The LaTeX of the one-sided expansions before the labels were relations (text read back by
#: parse_latex): the labels' printing must not change what a post shows.
ONE_SIDED_TEX = {
    "relu": r"\begin{cases} x & x > 0 \\ 0 & x < 0 \end{cases}",
    "elu": r"\begin{cases} x & x > 0 \\ x + \frac{x^{2}}{2} + \frac{x^{3}}{6} + O\left(x^{4}\right) & x < 0 \end{cases}",
    "reglu": r"\begin{cases} x_{g} x_{v} & x_{g} > 0 \\ 0 & x_{g} < 0 \end{cases}",
    "relu6": r"\begin{cases} x + O\left(x^{4}\right) & x > 0 \\ 0 & x < 0 \end{cases}",
}


@pytest.mark.parametrize("name", sorted(ONE_SIDED_TEX))
def test_one_sided_labels_are_relations_and_print_as_before(name: str, katex: Any) -> None:
    u = glusym.get(name)
    t = glusym.taylor(u, order=4)
    kinked = u.variables[0]
    assert [label for label, _ in t.sides] == [kinked > 0, kinked < 0]
    assert all(isinstance(label, sympy.core.relational.Relational) for label, _ in t.sides)
    tex = glusym.latex(t)
    assert tex == ONE_SIDED_TEX[name]
    assert katex([(tex, True)]) == [None]
    assert glusym.latex_part(u, "taylor", order=4)[0].endswith(" = " + tex)


def test_several_kinked_variables_make_a_conjunction() -> None:
    a, b = sympy.symbols("a b", real=True)
    f = sympy.Piecewise((a, a > 0), (0, True)) * sympy.Piecewise((b, b > 0), (2 * b, True))
    t = glusym.taylor(f, order=3)
    assert [label for label, _ in t.sides] == [sympy.And(a > 0, b > 0), sympy.And(a > 0, b < 0),
                                               sympy.And(a < 0, b > 0), sympy.And(a < 0, b < 0)]
    assert t.side_text(1) == "a > 0, b < 0"
    assert r"a b & a > 0, b > 0 \\ 2 a b & a > 0, b < 0" in glusym.latex(t)


def test_a_text_label_is_refused() -> None:
    with pytest.raises(glusym.GlusymError, match="a SymPy relation"):
        glusym.TaylorResult((x,), 2, None, (("x > 0", x), ("x < 0", sympy.S.Zero)))


# ---------------------------------------------------------------------------------------------
# every type a public function returns (and every type a field of one holds) is exported


def _glusym_classes(tp: Any, out: set[type]) -> None:
    if isinstance(tp, type):
        if tp.__module__.startswith("glusym"):
            out.add(tp)
        return
    for a in typing.get_args(tp):
        _glusym_classes(a, out)


def test_every_returned_type_is_exported() -> None:
    exported = {getattr(glusym, n) for n in glusym.__all__ if isinstance(getattr(glusym, n), type)}
    todo: list[type] = []
    for name in glusym.__all__:
        obj = getattr(glusym, name)
        if isinstance(obj, type):
            todo.append(obj)
        elif callable(obj) and not isinstance(obj, type):
            found: set[type] = set()
            _glusym_classes(typing.get_type_hints(obj).get("return"), found)
            todo += found
    seen: set[type] = set()
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        if dataclasses.is_dataclass(c):
            hints = typing.get_type_hints(c)
            for f in dataclasses.fields(c):
                found = set()
                _glusym_classes(hints.get(f.name), found)
                todo += found
    assert seen >= {glusym.Tail, glusym.OrderRow, glusym.Formula, glusym.Verdict}  # the walk reaches them
    missing = sorted(f"{c.__module__}.{c.__name__}" for c in seen - exported)
    assert not missing, f"returned by the public API but not in glusym.__all__: {missing}"
    assert issubclass(glusym.NotAnalytic, glusym.GlusymError)  # raised by taylor_coefficients


def test_a_standing_says_where_with_sympy() -> None:
    hs = glusym.standings(glusym.get("hardswish"))
    assert [s.where for s in hs] == [x <= -3, sympy.Eq(x, sympy.Rational(-3, 2), evaluate=False)]
    assert [s.where_text() for s in hs] == ["x ≤ -3", "x = -3/2"]
    assert [str(s) for s in hs] == ["local maxima 0 at x ≤ -3", "global minimum -3/8 at x = -3/2"]
    with pytest.raises(glusym.GlusymError, match="a Standing's where is a SymPy condition"):
        Standing("x = 0", sympy.S.Zero, PointKind.MINIMUM, Scope.GLOBAL, True)

"""Rich display of every public result type, over the whole catalogue (issue 16, item 2).

Every entry × every result type: ``repr`` is one short line with no dataclass dump; ``latex(obj)``
does not raise; every ``text/latex`` and every formula of every ``text/html`` renders in the real
KaTeX (one node process for the whole batch); the HTML is well-formed; a check report shows its
verdict table with counts, and changes when the post does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

import glusym
from glusym.display import MAX_LINE, MAX_REPR, Display

#: The public result types, each with how to get one from a unit (None: not for this kind of unit).
_GATED_ONLY = {"critical_points", "level_set", "directions"}
_ACTIVATION_ONLY = {"extrema", "inflections", "standings"}
MAKERS: dict[str, Callable[[glusym.Unit], Any]] = {
    "taylor": lambda u: glusym.taylor(u, order=6),
    "asymptotes": lambda u: glusym.asymptotes(u),
    "behaviour": lambda u: glusym.asymptotes(u).plus,
    "extrema": lambda u: glusym.extrema(u),
    "inflections": lambda u: glusym.inflections(u),
    "critical_points": lambda u: glusym.critical_points(u),
    "stationary_sets": lambda u: glusym.stationary_sets(u),
    "level_set": lambda u: glusym.level_set(u),
    "param_limit": lambda u: next(iter(glusym.param_limits(u).values()), None),
    "growth_profile": lambda u: glusym.growth_profile(u),
    "chain": lambda u: glusym.stack(u, 2),
    "derivation": lambda u: glusym.derive(u, order=4),
    "range": lambda u: glusym.value_range(u),
    "bound": lambda u: glusym.value_range(u).infimum,
    "standings": lambda u: (glusym.standings(u) or (None,))[0],
    "kinks": lambda u: (glusym.kinks(u) or (None,))[0],
    "directions": lambda u: glusym.directions(u)[0],
}
#: Every public result type is made by some maker (the completeness test below).
RESULT_TYPES = {"TaylorResult", "Asymptotes", "Behaviour", "CriticalPoint", "Points", "StationarySet", "LevelSet",
                "ParamLimit", "GrowthProfile", "Chain", "Derivation", "Report", "Formula", "Link", "Range", "Bound",
                "Standing", "Kink", "Direction"}


def _applies(kind: str, unit: glusym.Unit) -> bool:
    gated = unit.kind == "gated"
    return not (kind in _GATED_ONLY and not gated or kind in _ACTIVATION_ONLY and gated)


@functools.lru_cache(maxsize=None)
def _results(name: str) -> tuple[tuple[str, Any], ...]:
    """Every result of one entry, with the elements of a Points (a CriticalPoint, a StationarySet)."""
    u = glusym.get(name)
    out = []
    for kind, make in MAKERS.items():
        if not _applies(kind, u):
            continue
        obj = make(u)
        if obj is None:
            continue
        out.append((kind, obj))
        if isinstance(obj, glusym.Points):
            out += [(kind + "[i]", p) for p in obj]
    return tuple(out)


POST = """A post.

$$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$$

and $$\\sigma'(x) = {rhs}$$, with \\\\(0 < \\sigma(x) \\le 1\\\\).
"""


@functools.lru_cache(maxsize=None)
def _report(rhs: str) -> Any:
    return glusym.check_text(POST.replace("{rhs}", rhs), name="post.md")


def _check_results() -> list[tuple[str, Any]]:
    r = _report("\\sigma(x)(1+\\sigma(x))")
    return [("report", r), ("formula", r.formulas[1]), ("link", r.formulas[1].links[0])]


class _Page(HTMLParser):
    """Well-formedness (every element closed in order) and the formulas (class ``math``)."""

    VOID = {"br", "hr", "img", "meta", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.maths: list[tuple[str, bool]] = []
        self.tags: list[str] = []
        self._math: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.VOID:
            return
        self.stack.append(tag)
        cls = (dict(attrs).get("class") or "").split()
        if "math" in cls:
            self._math, self._depth = [], len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self._math is not None and len(self.stack) == self._depth:
            tex = "".join(self._math)
            block = tex.startswith("\\[")
            assert tex[:2] in ("\\[", "\\(") and tex[-2:] in ("\\]", "\\)"), tex
            self.maths.append((tex[2:-2], block))
            self._math = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._math is not None:
            self._math.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert not page.errors and not page.stack, (page.errors, page.stack, html[:300])
    return page


def _all() -> list[tuple[str, str, Any]]:
    return [(name, kind, obj) for name in glusym.names() for kind, obj in _results(name)] + \
           [("post", kind, obj) for kind, obj in _check_results()]


def test_every_public_result_type_is_covered() -> None:
    seen = {type(obj).__name__ for _, _, obj in _all()}
    assert RESULT_TYPES <= seen, RESULT_TYPES - seen
    public = {n for n in glusym.__all__ if isinstance(getattr(glusym, n), type) and
              issubclass(getattr(glusym, n), Display)}
    assert public <= RESULT_TYPES, public - RESULT_TYPES


@pytest.mark.parametrize("name", glusym.names())
def test_repr_is_short_and_no_dataclass_dump(name: str) -> None:
    """One line of at most MAX_REPR (160) characters: two 80-column terminal lines; no ``field=(``."""
    for kind, obj in _results(name):
        r = repr(obj)
        assert "\n" not in r and len(r) <= MAX_REPR, (kind, r)
        assert "=(" not in r and "=<" not in r and "Symbol(" not in r, (kind, r)
        assert r.startswith(type(obj).__name__ + "("), (kind, r)
        plain = obj._repr_mimebundle_()["text/plain"]
        assert len(plain.splitlines()) <= 16 and all(len(line) <= max(MAX_LINE, MAX_REPR) for line in plain.splitlines())


def test_latex_never_raises_and_everything_renders_in_katex(katex: Callable[..., list[str | None]]) -> None:
    formulas: list[tuple[str, bool]] = []
    where: list[str] = []
    for name, kind, obj in _all():
        tex = glusym.latex(obj)  # never raises for a result
        assert isinstance(tex, str) and tex
        bundle = obj._repr_mimebundle_()
        assert set(bundle) == {"text/plain", "text/latex", "text/html"}
        latex = bundle["text/latex"]
        assert latex.startswith("$") and latex.endswith("$")
        formulas.append((latex.strip("$"), False))
        where.append(f"{name} {kind} text/latex")
        page = _parse(bundle["text/html"])
        assert page.maths or kind in ("report", "formula", "link"), (name, kind)
        for tex_, block in page.maths:
            formulas.append((tex_, block))
            where.append(f"{name} {kind} html")
    errors = katex(formulas)
    bad = [(w, f[0][:200], e) for w, f, e in zip(where, formulas, errors) if e is not None]
    assert not bad, bad[:5]
    assert len(formulas) > 600  # every entry × every type, and the HTML's formulas beside them


def test_derivation_is_a_sectioned_report() -> None:
    d = glusym.derive(glusym.get("gelu"), order=4)
    page = _parse(glusym.html(d))
    assert page.tags.count("section") >= 8 and "h4" in page.tags
    assert len(repr(d)) < 100  # was some 1,500 characters of nested reprs
    tex = glusym.latex(d)
    assert r"\text{GELU}'\left(x\right)" in tex and r"o\left(" in tex


def test_asymptotes_latex_keeps_the_asymptote_and_the_expansion() -> None:
    tex = glusym.latex(glusym.asymptotes(glusym.get("gelu")))
    assert r"\lim_{x \to \infty}" in tex and r"\lim_{x \to -\infty}" in tex
    assert r"f\left(x\right) & = x - \varphi\left(x\right)" in tex  # the asymptote y = x, then the expansion
    assert r"\frac{3 \varphi\left(x\right)}{x^{4}}" in tex and r"+ o\left(" in tex


def test_points_are_a_result_type_and_still_a_tuple() -> None:
    p = glusym.extrema(glusym.get("gelu"))
    assert isinstance(p, glusym.Points) and isinstance(p, tuple) and len(p) == 1
    assert p[0].kind == "minimum" and list(p) == [p[0]] and p == (p[0],)
    assert glusym.extrema(glusym.get("relu")) == ()
    with pytest.raises(AttributeError):
        p.what = "other"  # type: ignore[misc]
    import pickle

    assert pickle.loads(pickle.dumps(p)) == p and pickle.loads(pickle.dumps(p)).what == "extrema"


def test_report_display_follows_the_post() -> None:
    true, false = _report("\\sigma(x)(1-\\sigma(x))"), _report("\\sigma(x)(1+\\sigma(x))")
    assert "fails" not in repr(true) and "fails 1" in repr(false)
    for r, verdict in ((true, "holds"), (false, "fails")):
        page = _parse(r._repr_mimebundle_()["text/html"])
        assert {"table", "thead", "tbody", "tfoot", "tr", "td"} <= set(page.tags)
        html = r._repr_mimebundle_()["text/html"]
        assert f'class="verdict-{verdict}"' in html
        assert "counts" in html and "holds: " in html
    assert "counterexample" in false._repr_mimebundle_()["text/html"]
    assert "counterexample" not in true._repr_mimebundle_()["text/html"]
    assert true._repr_mimebundle_()["text/latex"] != false._repr_mimebundle_()["text/latex"]


def test_display_changes_with_the_input() -> None:
    a, b = glusym.taylor(glusym.get("silu"), order=3), glusym.taylor(glusym.get("silu"), order=4)
    assert repr(a) != repr(b) and glusym.latex(a) != glusym.latex(b)
    assert "O(x³)" in repr(a) and "O(x⁴)" in repr(b)

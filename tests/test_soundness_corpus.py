"""Soundness on an adversarial corpus: the checker never calls a false formula true.

The corpus (``tests/adversarial_corpus.py``, posted as ``tests/posts/false_identities.md``) holds
false identities in real authors' notation, each with an independent proof of falsity (a witness
point evaluated with mpmath at high precision, or exact Taylor coefficients), and true identities
beside them. Here:

* every false formula is proved false again, without glusym (``test_witnesses``,
  ``test_series_coefficients``);
* the post and the table hold the same formulas (``test_post_and_table_agree``);
* the checker, run on the post as ``glusym check`` runs it, calls every false formula "fails" and
  none "holds" or "holds numerically" (``test_no_false_holds``), and every true one holds
  (``test_true_still_hold``).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import mpmath
import pytest
import sympy

from glusym.check import Link, check_text, extract_formulas

_HERE = Path(__file__).resolve().parent


def _load_corpus():  # the table lives beside this file; no tests package to import it from
    name = "adversarial_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _HERE / "adversarial_corpus.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


corpus = _load_corpus()
CORPUS, FALSE, TRUE, DPS = corpus.CORPUS, corpus.FALSE, corpus.TRUE, corpus.DPS
POINTWISE = [c for c in FALSE if c.series is None]
SERIES = [c for c in FALSE if c.series is not None]
HOLD = ("holds", "holds numerically")


def _id(c) -> str:
    return f"{c.family}:{c.latex[:60]}"


# ---------------------------------------------------------------------------------------------
# the corpus itself


def test_post_and_table_agree() -> None:
    """Every formula of the post is in the table and every entry of the table is in the post, once."""
    text = corpus.POST.read_text(encoding="utf-8")
    found = [tex for _, tex, display in extract_formulas(text)]
    assert all(display for _, _, display in extract_formulas(text)), "every formula is a display"
    table = [c.latex for c in CORPUS]
    dup_post = [t for t, n in Counter(found).items() if n > 1]
    dup_table = [t for t, n in Counter(table).items() if n > 1]
    assert not dup_post and not dup_table, (dup_post, dup_table)
    missing_from_table = [t for t in found if t not in set(table)]
    missing_from_post = [t for t in table if t not in set(found)]
    assert not missing_from_table, f"formulas of the post not in the table: {missing_from_table}"
    assert not missing_from_post, f"entries of the table not in the post: {missing_from_post}"
    assert text == corpus.post_text(), "the post is out of date: run python tests/adversarial_corpus.py"


def test_every_formula_renders_in_katex(katex) -> None:
    """The corpus is real notation: KaTeX (strict) renders every formula of the post."""
    errors = katex([(c.latex, True) for c in CORPUS])
    bad = [(c.latex, err) for c, err in zip(CORPUS, errors) if err is not None]
    assert not bad, bad


def test_every_family_is_populated() -> None:
    counts = Counter(c.family for c in FALSE)
    for fam in corpus.FAMILIES:
        if fam != "true":
            assert counts[fam] >= 6, (fam, counts[fam])
    assert len(TRUE) >= 20
    for c in CORPUS:
        assert c.family in corpus.FAMILIES
        if not c.true:
            assert (c.witness is not None and c.lhs and c.rhs) or c.series is not None, c.latex


# ---------------------------------------------------------------------------------------------
# each false formula is false, proved without glusym


def _sides(c, dps: int) -> tuple[mpmath.mpf, mpmath.mpf]:
    with mpmath.workdps(dps):
        pt = c.point()
        a, b = c.lhs(**pt), c.rhs(**pt)
        return mpmath.mpf(a), mpmath.mpf(b)


@pytest.mark.parametrize("c", POINTWISE, ids=_id)
def test_witnesses(c) -> None:
    """Both sides at the witness, at DPS digits: they differ by far more than ten roundings, and the
    difference is the same at 1.25 × DPS digits (it is not rounding noise)."""
    a, b = _sides(c, DPS)
    with mpmath.workdps(DPS):
        scale = max(mpmath.mpf(1), abs(a), abs(b))
        eps = mpmath.mpf(10) ** (-DPS)
        diff = a - b
        assert mpmath.isfinite(a) and mpmath.isfinite(b), (c.latex, a, b)
        assert abs(diff) > 10 * eps * scale, f"{c.latex}: no difference at {c.witness}"
    a2, b2 = _sides(c, DPS * 5 // 4)
    with mpmath.workdps(DPS * 5 // 4):
        diff2 = a2 - b2
        assert abs(diff2 - diff) <= mpmath.mpf(10) ** (-20) * abs(diff2), (c.latex, diff, diff2)


@pytest.mark.parametrize("c", SERIES, ids=_id)
def test_series_coefficients(c) -> None:
    """The true coefficients are the Taylor coefficients (mpmath.taylor at DPS digits) and the claimed
    ones differ from them exactly (SymPy), at a degree where mpmath sees the same difference."""
    s = c.series
    assert len(s.true) == len(s.claimed) == s.order
    differ = []
    for k, (t, q) in enumerate(zip(s.true, s.claimed)):
        delta = sympy.simplify(sympy.sympify(q) - sympy.sympify(t))
        assert delta.is_number
        if delta != 0:
            assert delta.is_zero is False
            differ.append((k, delta))
    assert differ, f"{c.latex}: the claimed coefficients are the true ones"
    with mpmath.workdps(DPS):
        coeffs = mpmath.taylor(s.f, 0, s.order - 1)
        tol = mpmath.mpf(10) ** (-(DPS // 2))
        for k, t in enumerate(s.true):
            assert abs(coeffs[k] - mpmath.mpf(sympy.N(t, DPS + 20))) < tol, (c.latex, k, coeffs[k])
        for k, delta in differ:
            seen = mpmath.mpf(sympy.N(s.claimed[k], DPS + 20)) - coeffs[k]
            assert abs(seen - mpmath.mpf(sympy.N(delta, DPS + 20))) < tol, (c.latex, k)
            assert abs(seen) > 1000 * tol


# ---------------------------------------------------------------------------------------------
# the checker on the post


@lru_cache(maxsize=1)
def _verdicts() -> dict[str, tuple[Link, ...]]:
    """Each formula of the post → its links, from one run of the checker on the whole post (the
    default budget, as ``glusym check`` runs it)."""
    text = corpus.POST.read_text(encoding="utf-8")
    report = check_text(text, name=str(corpus.POST))
    return {f.latex: f.links for f in report.formulas}


def _verdict(links: tuple[Link, ...]) -> tuple[str, str]:
    """One verdict for a formula: each formula of the corpus is one link; should it come back as
    several, the worst of them (any fails makes it fail, any holds of a false one is reported)."""
    if len(links) == 1:
        return links[0].verdict, links[0].reason
    vs = [k.verdict for k in links]
    for v in ("fails", "holds", "holds numerically", "unparsed", "unknown", "definition", "no claim"):
        if v in vs:
            k = links[vs.index(v)]
            return v, f"({len(links)} links: {', '.join(vs)}) {k.reason}"
    return vs[0], ""


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    return "\n".join(f"  {v:<17} | {fam:<13} | {tex}  --  {why or '(no reason given)'}" for fam, tex, v, why in rows)


def test_every_formula_is_judged_once() -> None:
    verdicts = _verdicts()
    assert set(verdicts) == {c.latex for c in CORPUS}
    several = {t: [k.verdict for k in links] for t, links in verdicts.items() if len(links) != 1}
    assert not several, f"formulas split into several links: {several}"


def _unread(verdict: str, why: str) -> bool:
    """A verdict that says the formula was not read: unparsed, or a name the checker does not know."""
    return verdict == "unparsed" or (verdict == "unknown" and "which the document does not define" in why)


def test_no_false_holds() -> None:
    """No false formula holds; and every false formula the checker reads fails. A formula in a
    notation the checker does not read yet (``unparsed``, or a name it does not know, so
    ``unknown: involves …``: issue 14's work) must say so; any other verdict is a miss."""
    verdicts = _verdicts()
    rows = []
    for c in FALSE:
        v, why = _verdict(verdicts[c.latex])
        rows.append((c.family, c.latex, v, why))
    held = [r for r in rows if r[2] in HOLD]
    other = [r for r in rows if r[2] not in HOLD and r[2] != "fails" and not _unread(r[2], r[3])]
    counts = Counter(r[2] for r in rows)
    summary = ", ".join(f"{v} {n}" for v, n in counts.most_common())
    msg = []
    if held:
        msg.append(f"{len(held)} of {len(rows)} false formulas judged TRUE:\n" + _table(held))
    if other:
        msg.append(f"{len(other)} of {len(rows)} false formulas neither true nor 'fails':\n" + _table(other))
    if msg:
        pytest.fail(f"false formulas: {summary}\n" + "\n".join(msg), pytrace=False)


def test_true_still_hold() -> None:
    verdicts = _verdicts()
    rows = []
    for c in TRUE:
        v, why = _verdict(verdicts[c.latex])
        rows.append((c.family, c.latex, v, why))
    bad = [r for r in rows if r[2] not in HOLD and not _unread(r[2], r[3])]
    counts = Counter(r[2] for r in rows)
    summary = ", ".join(f"{v} {n}" for v, n in counts.most_common())
    if bad:
        pytest.fail(f"{len(bad)} of {len(rows)} true formulas do not hold ({summary}):\n" + _table(bad),
                    pytrace=False)

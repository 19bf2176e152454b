"""The claims ledger: every verdict judged from computed sub-claims and from nothing else; the claims
declared once, as data, in derivations/ledger (which the derivation scripts read too); every quote an
exact excerpt; the documents' mistakes found; the evidence true by an independent mpmath check; and
every verdict following the mathematics: change a unit or a constant of a document and it changes."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import mpmath
import pytest
import sympy

import glusym
import glusym.claims as claims
from glusym.claims import (DOCUMENTS, VERDICTS, Claim, ClaimDef, Finding, Maths, Reading, Sub, Table, build_ledger,
                           claim, evaluate, judge, load_table, sub)
from glusym.cli import main
from glusym.errors import GlusymError

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "derivations" / "ledger"
POST, THREAD = DOCUMENTS


@pytest.fixture(scope="module")
def table() -> Table:
    return load_table()


@pytest.fixture(scope="module")
def ledger(seeds: Path):  # type: ignore[no-untyped-def]
    return build_ledger(seeds)


def _row(ledger, fragment: str, document: str | None = None):  # type: ignore[no-untyped-def]
    rows = [r for r in ledger if fragment in r.quote and document in (None, r.document)]
    assert rows, fragment
    return rows[0]


def _prose(ledger):  # type: ignore[no-untyped-def]
    return [r for r in ledger if not (r.findings and r.findings[0].name == "glusym.check")]


# ---------------------------------------------------------------------------------------------
# the mechanism


def test_judge_is_a_function_of_the_truth_values() -> None:
    assert judge([[True]]) == "holds" and judge([[True, True], [True]]) == "holds"
    assert judge([[False]]) == "fails" and judge([[False, False], [False]]) == "fails"
    assert judge([[True, False]]) == "partly"
    assert judge([[True], [False]]) == "partly"                  # one reading holds, the other fails
    assert judge([[True], [True, False]]) == "partly"
    assert judge([[True], [None]]) == "not checkable"            # a sub-claim not computed
    assert judge([[True]], unchecked=True) == "not checkable"    # empirical, presupposition true
    assert judge([[True, False]], unchecked=True) == "fails"     # a presupposition false
    assert judge([], unchecked=True) == "not checkable"
    with pytest.raises(GlusymError):
        judge([])                                                # a checkable claim with no sub-claim
    with pytest.raises(GlusymError):
        judge([[True], []])


def _toy(compute, *, unchecked: str | None = None) -> tuple[ClaimDef, Table]:  # type: ignore[no-untyped-def]
    c = claim(POST, "toy", sub("s", at=1), unchecked=unchecked, reference="ref" if unchecked else None)
    return c, Table((c,), {"s": compute})


def test_evaluate_computes_and_reports() -> None:
    c, t = _toy(lambda m, at: (m.get("relu")(at) > 0, f"ReLU({at}) = {m.get('relu')(at)}"))
    row = evaluate(c, t)
    assert row.verdict == "holds" and row.findings == (Finding("s", True, "ReLU(1) = 1"),)
    assert "s: true: ReLU(1) = 1" in row.evidence and row.correction is None
    # the same claim, another mathematics: ReLU replaced by the negated identity
    neg = dataclasses.replace(glusym.get("identity"), template=-glusym.x)
    row = evaluate(c, t, Maths({"relu": neg}))
    assert row.verdict == "fails" and row.correction == "instead: ReLU(1) = -1"


def test_a_computation_that_cannot_run_or_returns_no_truth_is_not_computed() -> None:
    def boom(m, at):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")
    row = evaluate(*_toy(boom))
    assert row.verdict == "not checkable" and row.findings[0].truth is None
    assert "could not compute it: ZeroDivisionError" in row.evidence and row.reason
    row = evaluate(*_toy(lambda m, at: ("yes", "a string is no truth value")))
    assert row.verdict == "not checkable" and "not a truth value" in row.findings[0].computed


def test_an_unchecked_claim_fails_on_a_false_presupposition() -> None:
    c, t = _toy(lambda m, at: (at > 0, f"{at} > 0"), unchecked="empirical")
    assert evaluate(c, t).verdict == "not checkable"
    c2 = dataclasses.replace(c, readings=(Reading("", (Sub("s", (("at", -1),)),)),))
    row = evaluate(c2, t)
    assert row.verdict == "fails" and row.correction == "instead: -1 > 0"


def test_declarations_are_validated() -> None:
    c = claim(POST, "q", sub("s"))
    with pytest.raises(GlusymError, match="declared twice"):
        Table((c, c), {"s": lambda m: (True, "")})
    with pytest.raises(GlusymError, match="does not define"):
        Table((c,), {})
    with pytest.raises(GlusymError, match="no sub-claim and no reason"):
        ClaimDef(POST, "q", ())
    with pytest.raises(GlusymError, match="reference"):
        claim(POST, "q", unchecked="empirical")
    with pytest.raises(GlusymError, match="verdict"):
        Claim(POST, "q", "true")
    with pytest.raises(GlusymError, match="not both"):
        claim(POST, "q", sub("s"), readings={"r": [sub("s")]})
    reg = claims.Registry()
    reg(lambda m: (True, ""))
    with pytest.raises(GlusymError, match="defined twice"):
        reg(lambda m: (True, ""))


def test_a_missing_table_or_document_is_a_clear_error(tmp_path: Path, seeds: Path) -> None:
    with pytest.raises(GlusymError, match="no claims table"):
        load_table(tmp_path)
    assert main(["claims", "--documents", str(seeds), "--table", str(tmp_path)]) == 2
    with pytest.raises(GlusymError, match="no such document"):
        build_ledger(tmp_path)
    assert main(["claims", "--documents", str(tmp_path)]) == 2


def test_a_quote_no_longer_in_the_document_is_an_error(tmp_path: Path, seeds: Path, table: Table) -> None:
    gone = table.claims[-1]
    for name in DOCUMENTS:
        text = (seeds / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(gone.quote, "") if name == gone.document else text, encoding="utf-8")
    with pytest.raises(GlusymError, match="not in the document's text"):
        build_ledger(tmp_path)


# ---------------------------------------------------------------------------------------------
# no verdict written by hand, no unit outside the Maths


def _constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    vocabulary: set[int] = set()
    for node in ast.walk(tree):  # the one place the vocabulary is written: class ClaimVerdict(StrEnum), or VERDICTS = (...)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "VERDICTS" for t in node.targets):
            vocabulary |= {id(n) for n in ast.walk(node.value)}
        if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == "StrEnum" for b in node.bases):
            vocabulary |= {id(n) for n in ast.walk(node)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and n.value in VERDICTS and id(n) not in vocabulary]


#: The mechanism and the declarations; the scripts have no way left to state a verdict (Script.claim
#: takes it from the ledger, test_derivations checks they agree) and compare the checker's own verdicts.
LEDGER_SOURCES = sorted([ROOT / "glusym" / "claims.py", *LEDGER.glob("*.py"), ROOT / "derivations" / "_common.py"])


@pytest.mark.parametrize("path", LEDGER_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_verdict_is_written_as_a_literal(path: Path) -> None:
    assert not _constants(path), f"{path.name}: verdicts written by hand at {_constants(path)}"


def test_the_literal_probe_sees_a_verdict(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('VERDICTS = ("holds", "fails")\ndef f(ok):\n    return "holds" if ok else "fails"\n')
    assert _constants(probe) == [(3, "holds"), (3, "fails")]


def _subclaim_functions() -> list[tuple[Path, ast.FunctionDef]]:
    out = []
    for path in sorted(LEDGER.glob("*subclaims.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Name) and d.id == "REGISTRY" for d in node.decorator_list):
                out.append((path, node))
    return out


def _constant_truth(fn: ast.FunctionDef) -> bool:
    """Whether every return of ``fn`` gives the same constant truth: a verdict stated by hand (a truth
    is computed when some return computes it, or when the returns of computed branches differ)."""
    truths = [r.value.elts[0] if isinstance(r.value, ast.Tuple) else r.value
              for r in ast.walk(fn) if isinstance(r, ast.Return)]
    constants = {t.value for t in truths if isinstance(t, ast.Constant)}
    return not truths or (all(isinstance(t, ast.Constant) for t in truths) and len(constants) == 1)


def test_every_subclaim_returns_a_computed_truth() -> None:
    found = _subclaim_functions()
    assert len(found) >= 40
    for path, fn in found:
        assert not _constant_truth(fn), f"{path.name}: {fn.name} returns a constant truth"


@pytest.mark.parametrize("source, constant", [
    ("def f(m):\n    if m:\n        return True, 'a'\n    return True, 'b'\n", True),
    ("def f(m):\n    return False, 'b'\n", True),
    ("def f(m):\n    if m:\n        return True, 'a'\n    return False, 'b'\n", False),
    ("def f(m):\n    return m > 0, 'b'\n", False),
])
def test_the_constant_truth_probe(source: str, constant: bool) -> None:
    fn = ast.parse(source).body[0]
    assert isinstance(fn, ast.FunctionDef) and _constant_truth(fn) is constant


def test_subclaims_take_every_unit_from_the_maths() -> None:
    # a unit fetched from the catalogue directly would not follow a replaced mathematics
    for path in sorted(LEDGER.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("glusym", "glusym.catalogue"):
                assert "get" not in {a.name for a in node.names}, f"{path.name} imports get"
            if isinstance(node, ast.Attribute) and node.attr == "get" and isinstance(node.value, ast.Name):
                assert node.value.id != "glusym", f"{path.name}:{node.lineno} calls glusym.get"


# ---------------------------------------------------------------------------------------------
# the ledger


def test_every_row_is_traced_to_computed_subclaims(ledger, table: Table) -> None:  # type: ignore[no-untyped-def]
    declared = {(c.document, c.quote): c for c in table.claims}
    for r in ledger:
        assert r.verdict in VERDICTS
        truths = [[f.truth for f in fs] for _, fs in r.readings]
        unchecked = (r.document, r.quote) in declared and declared[(r.document, r.quote)].unchecked is not None
        assert judge(truths, unchecked=unchecked) == r.verdict, r.quote      # the verdict is the findings'
        for f in r.findings:
            assert f.name and f.computed.strip(), r.quote
            assert f.computed in r.evidence, r.quote                        # the evidence says what was computed
        if r.verdict != "not checkable" or not unchecked:
            assert r.findings, r.quote
        if r.verdict == "not checkable":
            assert r.reason, r.quote
        if r.verdict in ("fails", "partly"):
            assert r.correction and "instead: " in r.correction, r.quote


def test_every_quote_is_an_exact_excerpt_in_document_order(ledger, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    texts = {name: (seeds / name).read_text(encoding="utf-8") for name in DOCUMENTS}
    assert {r.document for r in ledger} == set(DOCUMENTS)
    for r in ledger:
        assert r.quote and r.quote in texts[r.document], r.quote
        assert r.line == texts[r.document][:texts[r.document].index(r.quote)].count("\n") + 1
    keys = [(DOCUMENTS.index(r.document), r.line) for r in ledger]
    assert keys == sorted(keys)


def test_the_ledger_has_a_row_for_every_checkable_sentence(ledger) -> None:  # type: ignore[no-untyped-def]
    assert len(ledger) > 100
    per = claims.counts(ledger)
    assert sum(per[POST].values()) > 40 and sum(per[THREAD].values()) > 50


def test_every_claim_is_declared_once(table: Table) -> None:
    keys = [(c.document, c.quote) for c in table.claims]
    assert len(keys) == len(set(keys))
    quotes = [c.quote for c in table.claims]                      # nor one quote nested in another's row twice
    assert len(quotes) == len(set(quotes))


def test_no_formula_of_the_post_fails(ledger) -> None:  # type: ignore[no-untyped-def]
    formulas = [r for r in ledger if r not in _prose(ledger)]
    assert len(formulas) >= 10 and not [r for r in formulas if r.verdict == "fails"]


def test_formula_rows_say_what_the_checker_computed(ledger) -> None:  # type: ignore[no-untyped-def]
    formulas = [r for r in ledger if r not in _prose(ledger)]
    held = [r for r in formulas if r.verdict == "holds"]
    assert len(held) >= 10
    for r in held:
        assert re.match(r"holds( numerically)?: .+", r.findings[0].computed), r.evidence
    simplified = "the difference of the two sides simplifies to 0"
    assert simplified in _row(ledger, r"\sigma(x) = \frac{1}{1+e^{-x}}").evidence
    swish0 = _row(ledger, r"\text{Swish}_0(x) = x/2").evidence
    assert simplified in swish0 and "limit taken pointwise" in swish0
    kink = _row(ledger, r"\text{ReLU}'(x) = H(x)").evidence
    assert simplified in kink and "relu'(0) = 0; SymPy's Heaviside(0) = 1/2" in kink


@pytest.mark.parametrize("verdict, reason, says", [
    ("holds", "", "the difference of the two sides simplifies to 0"),
    ("holds", "limit taken pointwise", "the difference of the two sides simplifies to 0; limit taken pointwise"),
    ("holds", "except at x = 0, a kink; more", "the difference of the two sides simplifies to 0; except at x = 0, a "
                                               "kink; more"),
    ("holds", "the Taylor polynomial of degree < 4 is exactly this", "the Taylor polynomial of degree < 4 is exactly this"),
    ("holds numerically", "equal at 12 points, compared at 30 digits", "equal at 12 points, compared at 30 digits"),
    ("fails", "the two sides differ at a point", "the two sides differ at a point"),
])
def test_link_evidence_carries_the_reason(verdict: str, reason: str, says: str) -> None:
    from glusym.check import Link

    assert claims._link_evidence(Link("a", "b", verdict, reason)) == f"{verdict}: {says}"


def test_cli_formats(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--documents", str(seeds), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"document", "line", "quote", "verdict", "evidence", "correction", "readings"} <= set(rows[0])
    for r in rows:
        assert r["readings"] and all(s["computed"] for rd in r["readings"] for s in rd["subclaims"]) or r["reason"]
    assert main(["claims", "--documents", str(seeds), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| document | line | quote | verdict | evidence | correction |")
    assert main(["claims", "--documents", str(seeds)]) == 0
    out = capsys.readouterr().out
    tail = out.rstrip("\n").splitlines()[-len(DOCUMENTS) - 1:]
    for line, doc in zip(tail, DOCUMENTS):                         # one line per document, counted from the rows
        mine = [r["verdict"] for r in rows if r["document"] == doc]
        expected = ", ".join(f"{mine.count(v)} {v}" for v in VERDICTS if v in mine)
        assert line == f"{doc}: {len(mine)} claims: {expected}"
    assert tail[-1].startswith(f"{len(rows)} claims: ")


def test_counts_follow_the_rows() -> None:
    f = (("", (Finding("s", False, "x"),)),)
    rows = [Claim(THREAD, "q", "fails", f), Claim(POST, "r", "holds", f), Claim(THREAD, "s", "fails", f),
            Claim(THREAD, "t", "not checkable", (), reason="empirical")]
    assert claims.counts(rows) == {POST: {"holds": 1}, THREAD: {"fails": 2, "not checkable": 1}}
    assert list(claims.counts(rows)) == list(DOCUMENTS)


def test_a_row_displays_in_a_notebook(ledger) -> None:  # type: ignore[no-untyped-def]
    r = _row(ledger, "ranging continuously from 0 (far negative)")
    md = r._repr_markdown_()
    assert md.startswith(f"**{r.verdict}**") and "*reading: " in md and "correction" in md
    assert str(r).startswith(f"[{r.verdict}] {THREAD}:{r.line}: ")


# ---------------------------------------------------------------------------------------------
# the verdicts follow the mathematics: change a unit, or a constant a document states


def _phi_gelu() -> Maths:
    """GELU defined as Φ (and GEGLU as its GLU): the mathematics under the thread changed."""
    phi = dataclasses.replace(glusym.get("gelu"), template=glusym.Phi(glusym.x))
    return Maths({"gelu": phi, "geglu": glusym.glu(phi, name="geglu", latex_name=r"\text{GEGLU}", reference="",
                                                    description="")})


def _verdicts(table: Table, document: str, maths: Maths | None = None) -> dict[str, str]:
    return {c.quote: evaluate(c, table, maths).verdict for c in table.claims if c.document == document}


def test_thread_verdicts_follow_gelu(table: Table) -> None:
    before, after = _verdicts(table, THREAD), _verdicts(table, THREAD, _phi_gelu())
    changed = {q: (before[q], after[q]) for q in before if before[q] != after[q]}
    assert len(changed) >= 8, changed
    # Φ lies in (0, 1): the gate vector is nonnegative and compresses; GELU = xΦ(x) dips below 0 and grows
    assert changed[r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}"] == ("fails", "holds")
    assert changed["compresses coordinates of that subspace toward the origin"] == ("fails", "holds")
    assert changed[r"=x_g\,\Phi(x_g)\;x_v"] == ("holds", "fails")      # GEGLU is no longer x_g Φ(x_g) x_v
    assert "not checkable" not in {after[q] for q in changed}          # every sub-claim still computed


def test_post_verdicts_follow_silu_and_relu(table: Table) -> None:
    before = _verdicts(table, POST)
    gelu_for_silu = _verdicts(table, POST, Maths({"silu": glusym.get("gelu")}))
    assert before["Rather than SwiGLU being a GLU with \\\\(\\alpha = \\text{SiLU}\\\\)"] == "holds"
    assert gelu_for_silu["Rather than SwiGLU being a GLU with \\\\(\\alpha = \\text{SiLU}\\\\)"] == "fails"
    assert gelu_for_silu["empirically it was decided that"] == "fails"   # its presupposition is false now
    softplus_for_relu = _verdicts(table, POST, Maths({"relu": glusym.get("softplus")}))
    assert before["Otherwise, the neuron is inactivated."] == "holds"
    assert softplus_for_relu["Otherwise, the neuron is inactivated."] == "fails"   # softplus is never 0
    assert before["At a minimum, they must be non-linear and differentiable"] == "partly"
    assert softplus_for_relu["At a minimum, they must be non-linear and differentiable"] == "holds"


def _with(c: ClaimDef, name: str, **args: object) -> ClaimDef:
    """``c`` with the arguments of its sub-claims called ``name`` changed."""
    readings = tuple(Reading(r.label, tuple(Sub(s.name, tuple(sorted({**s.kwargs(), **args}.items())))
                                            if s.name == name else s for s in r.subclaims)) for r in c.readings)
    return dataclasses.replace(c, readings=readings)


def test_verdicts_follow_the_constants_a_document_states(table: Table) -> None:
    gate = table.find(THREAD, "ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 "
                              "(large positive)")
    assert evaluate(gate, table).verdict == "partly"          # true of Φ(x_g), not of GELU(x_g)
    assert evaluate(_with(gate, "gate_range", values=(0, 0.6, 1)), table).verdict == "fails"   # Φ(0) = 1/2
    bound = table.find(THREAD, r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}")
    assert evaluate(bound, table).verdict == "fails"
    minimum = mpmath.findroot(lambda t: mpmath.ncdf(t) + t * mpmath.npdf(t), -0.75)
    low = sympy.Rational(-17, 100)                               # just below GELU's minimum -0.169971...
    assert low < minimum * mpmath.ncdf(minimum) < -0.1699
    assert evaluate(_with(bound, "factor_bounds", low=low), table).verdict == "holds"


# ---------------------------------------------------------------------------------------------
# the documents' mistakes, half-truths and truths, as computed


@pytest.mark.parametrize("fragment", [
    'radial "sausages"',                                         # only a saddle: no bounded level set
    "arms pinch",                                                # they flare out: |x_v| >= 5.883|c| for x_g < 0
    r"\text{GELU}(g)\in[0,\infty)",                              # GELU dips below 0
    "compresses coordinates",                                    # GELU < 0 flips, GELU > 1 stretches
    "affine subspace",                                           # rank W_v <= min(d, d_ff/2), in R^(d_ff/2)
    "axis-aligned “cone’’",                                      # y(1) reachable, 2 y(1) not
])
def test_the_threads_mistakes_are_found(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment, THREAD).verdict == "fails"


@pytest.mark.parametrize("fragment", [
    "ranging continuously from 0 (far negative) through 0.5",    # true of the gate Phi, not of GELU
    "peak around",                                               # GELU' peaks once, at sqrt(2); GELU does not
    "decay again for very large",                                # GELU' falls from its peak, but toward 1
    "oblique hyperplane",                                        # lines over each gate value; the graph curves
    "No new directions are introduced",                          # coordinate-wise, but not parallel to v
    "rational curves",                                           # hyperbola-like for x_g > 0, not rational
    r"\otimes\ v",                                               # the element-wise product, written ⊙
    "cubic on the negative side",                                # a bilinear term first, same on both sides
    "foliated into vertical lines",                              # lines are also collapsed and flipped
    "outputs shrink continuously to zero",                       # after a dip
])
def test_the_threads_half_truths_are_partly(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    row = _row(ledger, fragment, THREAD)
    assert row.verdict == "partly"
    assert {f.truth for f in row.findings} == {True, False}      # which part holds and which fails


@pytest.mark.parametrize("fragment, document", [
    ("saddle-like surface", THREAD), (r"x_v = c / \text{GELU}(x_g) whenever", THREAD), ("(Hadamard product.)", THREAD),
    ("In a scalar case, I can express it", THREAD), ("Domain: the 2-D plane", THREAD),
    ("signed height above/below it", THREAD), ("straight line through the origin with slope", THREAD),
    (r"\nabla f = \bigl(", THREAD), ("each vertical line has the same slope", THREAD),
    ("sharp half-space clipping", THREAD), ("sigmoidal transition band", THREAD),
    ("smoothly-gated linear pencils", THREAD), ("The resulting surface is everywhere differentiable", THREAD),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", POST), ("We can see this at work in a 2-neuron XOR gate.", POST),
    ("interpolates between", POST), ("easily calculated if we already know", POST),
    ("Otherwise, the neuron is inactivated.", POST), ("factorising the feed-forward function", POST),
    ("Rather than SwiGLU being a GLU with", POST),
])
def test_true_claims_hold(ledger, fragment: str, document: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment, document).verdict == "holds"


@pytest.mark.parametrize("fragment", [
    "At a minimum, they must be non-linear and differentiable",  # ReLU has no derivative at 0
    "and thus doesn't learn",                                     # it learns from the inputs where it is active
    "class b1,b2 bias",                                           # no node b2
    "a small gradient exists for",                                # but it vanishes far left, unlike a leaky slope
])
def test_the_posts_half_truths_are_partly(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment, POST).verdict == "partly"


@pytest.mark.parametrize("fragment", [
    "empirically it was decided that", "lifted verbatim from the SwiGLU paper", "sparsity is a feature not a bug!",
    "giving GeGLU its smoother optimization landscape",
])
def test_empirical_and_cited_passages_are_not_checkable_with_a_reference(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    row = _row(ledger, fragment)
    assert row.verdict == "not checkable" and row.reason and row.reference and row.findings
    assert all(f.truth for f in row.findings)                    # its presuppositions, computed, hold


def test_evidence_agrees_with_mpmath(ledger) -> None:  # type: ignore[no-untyped-def]
    mpmath.mp.dps = 30
    gelu_min_x = mpmath.findroot(lambda t: mpmath.ncdf(t) + t * mpmath.npdf(t), -0.75)
    gelu_min = gelu_min_x * mpmath.ncdf(gelu_min_x)
    evidence = _row(ledger, r"\text{GELU}(g)\in[0,\infty)").evidence
    assert mpmath.nstr(gelu_min, 8) in evidence and mpmath.nstr(gelu_min_x, 8) in evidence
    # GELU' peaks where GELU'' = (2 - x^2) phi(x) vanishes: sqrt(2), height Phi(sqrt 2) + sqrt 2 phi(sqrt 2)
    peak = _row(ledger, "peak around").evidence
    height = mpmath.ncdf(mpmath.sqrt(2)) + mpmath.sqrt(2) * mpmath.npdf(mpmath.sqrt(2))
    assert "sqrt(2)" in peak and mpmath.nstr(height, 6) in peak
    one = mpmath.findroot(lambda t: t * mpmath.ncdf(t) - 1, 1.1)
    assert mpmath.nstr(one, 6) in _row(ledger, "compresses coordinates").evidence
    # the left arms of a contour keep |x_v| >= |c|/|min GELU| and flare out
    assert mpmath.nstr(1 / -gelu_min, 4) + "|c|" in _row(ledger, "arms pinch").evidence
    assert "[[0, 1/2], [1/2, 0]]" in _row(ledger, "oblique hyperplane").evidence
    # 2 y(1) is not reachable: y(h) = (h^2 Phi(h), -h^2 Phi(-h)); y_1(h) = 2 y_1(1) at one h, where y_2 misses
    h = mpmath.findroot(lambda t: t**2 * mpmath.ncdf(t) - 2 * mpmath.ncdf(1), 1.3)
    miss = -h**2 * mpmath.ncdf(-h) + 2 * mpmath.ncdf(-1)
    cone = _row(ledger, "axis-aligned “cone’’").evidence
    assert mpmath.nstr(h, 6) in cone and mpmath.nstr(miss, 6) in cone
    # SiLU's stationary point -1 - W(1/e), where Swish's gradient vanishes on x < 0
    w = -1 - mpmath.lambertw(mpmath.e**-1).real
    assert mpmath.nstr(w, 6) in _row(ledger, "a small gradient exists for", POST).evidence

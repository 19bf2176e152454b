"""The claims ledger: built from the documents in the tests, every quote an exact excerpt, every
verdict computed, the thread's mistakes found, and the evidence true by an independent mpmath check."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from types import SimpleNamespace

import mpmath
import pytest
import sympy

import glusym
import glusym.claims as claims
from glusym.claims import DOCUMENTS, VERDICTS, build_ledger
from glusym.cli import main
from glusym.errors import GlusymError


@pytest.fixture(scope="module")
def ledger(seeds: Path):  # type: ignore[no-untyped-def]
    return build_ledger(seeds)


def test_every_quote_is_an_exact_excerpt(ledger, seeds: Path) -> None:  # type: ignore[no-untyped-def]
    texts = {name: (seeds / name).read_text(encoding="utf-8") for name in DOCUMENTS}
    assert {r.document for r in ledger} == set(DOCUMENTS)
    for r in ledger:
        assert r.quote and r.quote in texts[r.document], r.quote
        assert r.verdict in VERDICTS
        assert r.evidence
        if r.verdict in ("fails", "partly"):
            assert r.correction, r.quote


def _row(ledger, fragment: str):  # type: ignore[no-untyped-def]
    rows = [r for r in ledger if fragment in r.quote]
    assert rows, fragment
    return rows[0]


@pytest.mark.parametrize("fragment", [
    "bell-shaped factor",                                        # x Phi(x) is a ramp
    r"\text{GELU}(g)\in[0,\infty)",                              # GELU dips below 0
    "compresses coordinates",                                    # GELU > 1 stretches
    "two flat half-cones",                                       # x_g x_v is a saddle, not flat
    "soft bell curve",
    "rational curves",                                           # |x_v| = |c|/|GELU| grows faster than any power
    "arms pinch",                                                # they flare out: |x_v| >= 5.883|c| for x_g < 0
    "oblique hyperplane",                                        # Hessian [[0, 1/2], [1/2, 0]] at 0
    'radial "sausages"',                                         # only a saddle: no bounded level set
    "axis-aligned “cone’’",                                      # y(1) reachable, 2 y(1) not
    "affine subspace",                                           # rank W_v <= min(d, d_ff/2), in R^(d_ff/2)
])
def test_the_threads_mistakes_are_found(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment).verdict == "fails"


@pytest.mark.parametrize("fragment", [
    "saddle-like surface", r"x_v = c / \text{GELU}(x_g) whenever", "(Hadamard product.)",
    "In a scalar case, I can express it", "Domain: the 2-D plane", "signed height above/below it",
    "surface “fans out’’", "straight line through the origin with slope", r"\nabla f = \bigl(",
    "each vertical line has the same slope", "sharp half-space clipping", "sigmoidal transition band",
    "smoothly-gated linear pencils",
    "the cross-section is exactly the 1-D GELU curve", "The resulting surface is everywhere differentiable",
    r"\sigma(x) = \frac{1}{1+e^{-x}}", "We can see this at work in a 2-neuron XOR gate.", "interpolates between",
])
def test_true_claims_hold(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment).verdict == "holds"


@pytest.mark.parametrize("fragment", [
    "cubic on the negative side",                                # a bilinear term first, same on both sides
    r"\otimes\ v",                                               # Hadamard, written ⊙, not ⊗
    "subspace spanned by the “value” projection",                # R^(d_ff/2), but y leaves the values' span
    "foliated into vertical lines",                              # lines are also collapsed and flipped
    "No contour ever crosses the negative",                      # true, for another reason
    "outputs shrink continuously to zero",                       # after a dip
    "differentiable gating cone",                                # differentiable, but no cone
    "ranging continuously from 0 (far negative) through 0.5",   # true of the gate Phi, not of GELU
    "peak around",                                               # GELU' peaks once, at sqrt(2); GELU does not
    "decay again for very large",                                # GELU' falls from its peak, but toward 1
    "No new directions are introduced",                          # coordinate-wise, but not parallel to v
])
def test_the_threads_half_truths_are_partly(ledger, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert _row(ledger, fragment).verdict == "partly"


def test_no_formula_of_the_post_fails(ledger) -> None:  # type: ignore[no-untyped-def]
    prose = {quote for quote, _ in claims.POST_CLAIMS}  # the prose rows (the depth question is answered no)
    post = [r for r in ledger if r.document == "swiglu-intuition.md" and r.quote not in prose]
    assert post and not [r for r in post if r.verdict == "fails"]


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
    # the left arms of a contour keep |x_v| >= |c|/|min GELU| and flare out; the gate factor dips to min GELU
    assert mpmath.nstr(1 / -gelu_min, 4) + "|c|" in _row(ledger, "arms pinch").evidence
    assert mpmath.nstr(gelu_min, 6) in _row(ledger, "oblique hyperplane").evidence
    assert "[[0, 1/2], [1/2, 0]]" in _row(ledger, "oblique hyperplane").evidence
    # 2 y(1) is not reachable: y(h) = (h^2 Phi(h), -h^2 Phi(-h)) = 2 y(1) needs h = +-sqrt(2), and both miss
    for h in (mpmath.sqrt(2), -mpmath.sqrt(2)):
        miss = h**2 * mpmath.ncdf(h) - 2 * mpmath.ncdf(1)
        assert abs(miss) > 0.1 and mpmath.nstr(miss, 6) in _row(ledger, "axis-aligned “cone’’").evidence


def test_cli_formats(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--documents", str(seeds), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and set(rows[0]) == {"document", "quote", "verdict", "evidence", "correction"}
    assert main(["claims", "--documents", str(seeds), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| document | quote | verdict | evidence | correction |")


def test_missing_documents(tmp_path: Path) -> None:
    with pytest.raises(GlusymError, match="no such document"):
        build_ledger(tmp_path)
    assert main(["claims", "--documents", str(tmp_path)]) == 2


def test_the_posts_question_on_depth_is_answered_no(ledger) -> None:  # type: ignore[no-untyped-def]
    # derivations/swiglu_intuition/depth_order.py answers "no": order k^L, not L
    row = _row(ledger, "depth = polynomial order?")
    assert row.verdict == "fails" and "k^L" in row.correction


# ---------------------------------------------------------------------------------------------
# every verdict follows its computation: change the facts (or the mathematics) and it changes


_FACTS = claims._gelu_facts  # the facts as glusym computes them, whatever a test has patched


def _facts(monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    """Replace GELU's computed facts by a copy with ``changes`` (each call starts from the computed ones)."""
    facts = dict(_FACTS(), **changes)
    monkeypatch.setattr(claims, "_gelu_facts", lambda: facts)


def _swap(monkeypatch: pytest.MonkeyPatch, **swap: object) -> None:
    """Make claims.get answer ``name`` with another catalogue entry (a name) or with an object."""
    real = claims.get

    def get(name: str, **params: object):  # type: ignore[no-untyped-def]
        other = swap.get(name, name)
        return real(other, **params) if isinstance(other, str) else other

    monkeypatch.setattr(claims, "get", get)


def _behaviour(key: str, **changes: object):  # type: ignore[no-untyped-def]
    return dataclasses.replace(_FACTS()[key], **changes)


def _critical(key: str, **changes: object):  # type: ignore[no-untyped-def]
    p = _FACTS()[key]
    p = p[0] if isinstance(p, list) else p
    return dataclasses.replace(p, **changes)


def test_combine() -> None:
    assert claims._combine(True, True) == "holds"
    assert claims._combine(True, False) == "partly"
    assert claims._combine(False, False) == "fails"


def test_gate_range_follows_both_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_gate_range()[0] == "partly"
    _facts(monkeypatch, gated=False)                     # GEGLU no longer Phi(x_g)*(x_g*x_v)
    assert claims._thread_gate_range()[0] == "fails"
    _facts(monkeypatch, at0=sympy.Rational(1, 2), plus=_behaviour("plus", limit=1))  # GELU itself a 0-1/2-1 gate
    assert claims._thread_gate_range()[0] == "holds"


def test_bell_follows_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_bell()[0] == "fails"
    _facts(monkeypatch, plus=_behaviour("plus", limit=0), max=[_critical("min", kind="maximum")])
    assert claims._thread_bell()[0] == "holds"


def test_contours_follow_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_contours()[0] == "partly"
    _swap(monkeypatch, gelu="relu", geglu="reglu")       # with ReLU, f = 0 on all of x_g < 0: the reason holds
    assert claims._thread_contours()[0] == "holds"


def test_peak_follows_where_gelu_prime_peaks(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_peak()[0] == "partly"
    _facts(monkeypatch, d_max=[_critical("d_max", at=((glusym.x, sympy.Integer(3)),))])
    assert claims._thread_peak()[0] == "fails"
    _facts(monkeypatch, max=[_critical("min", kind="maximum")], plus=_behaviour("plus", limit=0))
    assert claims._thread_peak()[0] == "holds"


def test_decay_follows_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_decay()[0] == "partly"
    _facts(monkeypatch, d_plus=_behaviour("d_plus", limit=0), plus=_behaviour("plus", limit=0))
    assert claims._thread_decay()[0] == "holds"
    _facts(monkeypatch, d_plus=_behaviour("d_plus", limit=2), plus=_behaviour("plus", oblique=(0, 0)))
    assert claims._thread_decay()[0] == "fails"


def test_nonnegative_gate_follows_the_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_gate_nonneg()[0] == "fails"
    _facts(monkeypatch, min=_critical("min", value=sympy.Integer(0)))
    assert claims._thread_gate_nonneg()[0] == "holds"


def test_compress_follows_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_compress()[0] == "fails"
    _facts(monkeypatch, min=_critical("min", value=sympy.Integer(0)))    # still stretched by GELU(2) > 1
    assert claims._thread_compress()[0] == "fails"
    _facts(monkeypatch, min=_critical("min", value=sympy.Integer(0)), two=sympy.Rational(1, 2))
    assert claims._thread_compress()[0] == "holds"


def test_directions_follow_the_vector_form(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_directions()[0] == "partly"
    _swap(monkeypatch, gelu="identity")                  # vector_form(geglu) is no longer GELU(g_j)*v_j
    assert claims._thread_directions()[0] == "fails"


def test_flat_half_cones_follow_the_curvature(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_relu_flat()[0] == "fails"
    _swap(monkeypatch, reglu=SimpleNamespace(expr=sympy.Max(0, glusym.x_g)))  # a flat ramp on x_g > 0
    assert claims._thread_relu_flat()[0] == "holds"


def test_shrink_follows_the_dip(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._thread_shrink()[0] == "partly"
    _facts(monkeypatch, min=_critical("min", value=sympy.Integer(0)))
    assert claims._thread_shrink()[0] == "holds"
    _facts(monkeypatch, minus=_behaviour("minus", limit=sympy.Rational(-1, 2)))
    assert claims._thread_shrink()[0] == "fails"


def test_leaky_follows_the_left_slope(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_leaky()[0] == "partly"
    _swap(monkeypatch, swish="leaky_relu")               # a constant slope 1/100 for x < 0
    assert claims._post_leaky()[0] == "holds"


def test_silu_best_follows_its_presupposition(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_silu_best()[0] == "not checkable"
    _swap(monkeypatch, swiglu="geglu")                   # SwiGLU no longer x_v*SiLU(x_g)
    assert claims._post_silu_best()[0] == "fails"


def test_instability_follows_the_growth_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_instability()[0] == "holds"
    _swap(monkeypatch, swiglu="relu")                    # no higher-order unit: gradients stay bounded
    assert claims._post_instability()[0] == "fails"


def test_depth_order_follows_the_growth_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_depth_order()[0] == "fails"
    # were the order of a depth-L stack L for every unit, depth would be the polynomial order
    monkeypatch.setattr(claims, "stack", lambda unit, depth: depth)
    monkeypatch.setattr(claims, "growth_profile", lambda depth: SimpleNamespace(plus=SimpleNamespace(order=depth)))
    assert claims._post_depth_order()[0] == "holds"


def test_param_efficient_follows_its_presupposition(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_param_efficient()[0] == "not checkable"
    _swap(monkeypatch, silu="logsigmoid")                # x*logsigmoid(x) is not of higher order at +oo
    assert claims._post_param_efficient()[0] == "fails"


def test_sparsity_follows_its_presupposition(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_sparsity()[0] == "not checkable"
    _swap(monkeypatch, relu2="silu")                     # SiLU is not 0 on x < 0
    assert claims._post_sparsity()[0] == "fails"


def test_activation_follows_relu(monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims._post_activated()[0] == "holds"
    _swap(monkeypatch, relu="identity")                  # identity(-s) = -s: not inactive for s <= 0
    assert claims._post_activated()[0] == "fails"


def test_remainder_order_is_the_first_nonzero_taylor_term_beyond_those_shown() -> None:
    gelu = glusym.get("gelu")
    k, term = claims._remainder(gelu, 3)                 # GELU has no x^3 term: the remainder is O(x^4)
    assert k == 4 and sympy.simplify(term + glusym.x**4 / (6 * sympy.sqrt(2 * sympy.pi))) == 0
    assert claims._remainder(glusym.get("geglu"), 4)[0] == 5
    assert claims._remainder(glusym.get("silu"), 3)[0] == 4
    assert claims._remainder(glusym.x_g * glusym.x_v, 3) == (11, None)   # nothing beyond: the reach is said


def test_cubic_row_gives_the_computed_remainder(monkeypatch: pytest.MonkeyPatch) -> None:
    verdict, evidence, correction = claims._thread_cubic()
    assert verdict == "partly"
    assert "O(|x|^5)" in evidence and "O(|x|^5)" in correction and "O(|x|^4)" not in evidence
    xg, xv = glusym.x_g, glusym.x_v
    # a unit with a degree-4 term: the remainder after the degree-3 terms is O(|x|^4)
    _swap(monkeypatch, geglu=SimpleNamespace(expr=xg * xv * glusym.Phi(xg) + xg**3 * xv, variables=(xg, xv)))
    verdict, evidence, correction = claims._thread_cubic()
    assert "O(|x|^4)" in evidence and "O(|x|^4)" in correction and "x_g**3*x_v" in evidence


def test_formula_rows_say_what_the_checker_computed(ledger) -> None:  # type: ignore[no-untyped-def]
    prose = {quote for table in (claims.POST_CLAIMS, claims.THREAD_CLAIMS) for quote, _ in table}
    formulas = [r for r in ledger if r.quote not in prose]
    held = [r for r in formulas if r.verdict == "holds"]
    assert len(held) >= 10
    for r in formulas:  # never a bare "line N: holds": the checker's verdict and its reason
        assert re.fullmatch(r"line \d+: [a-z ]+: .+", r.evidence), r.evidence
    for r in held:
        assert any(s in r.evidence for s in (claims.SIMPLIFIED, "Taylor polynomial", "the limit is", "equal exactly",
                                             "points", "every component", "both sides are")), r.evidence
    assert claims.SIMPLIFIED in _row(ledger, r"\sigma(x) = \frac{1}{1+e^{-x}}").evidence
    swish0 = _row(ledger, r"\text{Swish}_0(x) = x/2").evidence
    assert claims.SIMPLIFIED in swish0 and "limit taken pointwise" in swish0
    kink = _row(ledger, r"\text{ReLU}'(x) = H(x)").evidence
    assert claims.SIMPLIFIED in kink and "relu'(0) = 0; SymPy's Heaviside(0) = 1/2" in kink


@pytest.mark.parametrize("verdict, reason, says", [
    ("holds", "", claims.SIMPLIFIED),
    ("holds", "limit taken pointwise", claims.SIMPLIFIED + "; limit taken pointwise"),
    ("holds", "except at x = 0, a kink; more", claims.SIMPLIFIED + "; except at x = 0, a kink; more"),
    ("holds", "the Taylor polynomial of degree < 4 is exactly this", "the Taylor polynomial of degree < 4 is exactly this"),
    ("holds", "the limit is oo", "the limit is oo"),
    ("holds", "the two numbers are equal exactly; limit taken pointwise",
     "the two numbers are equal exactly; limit taken pointwise"),
    ("holds numerically", "equal at 12 points (|x| from 0.1 to 10), compared at 30 digits",
     "equal at 12 points (|x| from 0.1 to 10), compared at 30 digits"),
    ("fails", "the two sides differ at a point", "the two sides differ at a point"),
])
def test_link_evidence_carries_the_reason(verdict: str, reason: str, says: str) -> None:
    from glusym.check import Link

    evidence = claims._link_evidence(7, Link("a", "b", verdict, reason))
    assert evidence == f"line 7: {verdict}: {says}"
    if reason and says == reason:
        assert claims.SIMPLIFIED not in evidence          # a reason that says what was computed is kept as it is


def test_text_output_ends_with_counts_per_document_and_verdict(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--documents", str(seeds), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list)                                  # the JSON stays a list of rows
    assert main(["claims", "--documents", str(seeds)]) == 0
    tail = capsys.readouterr().out.rstrip("\n").splitlines()[-len(DOCUMENTS) - 1:]
    for line, doc in zip(tail, DOCUMENTS):                         # one line per document, counted from the rows
        mine = [r["verdict"] for r in rows if r["document"] == doc]
        expected = ", ".join(f"{mine.count(v)} {v}" for v in VERDICTS if v in mine)
        assert line == f"{doc}: {len(mine)} claims: {expected}"
    assert tail[-1].startswith(f"{len(rows)} claims: ")             # then the total


def test_counts_follow_the_rows() -> None:
    post, thread = DOCUMENTS
    rows = [claims.Claim(thread, "q", "fails", "e", "c"), claims.Claim(post, "r", "holds", "e"),
            claims.Claim(thread, "s", "fails", "e", "c"), claims.Claim(thread, "t", "not checkable", "e")]
    assert claims.counts(rows) == {post: {"holds": 1}, thread: {"fails": 2, "not checkable": 1}}
    assert list(claims.counts(rows)) == list(DOCUMENTS)

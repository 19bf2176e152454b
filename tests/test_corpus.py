r"""The corpus of real formulas (``tests/corpus``): its expectations, verified without glusym, and
the soundness gate.

``tests/corpus/expected.json`` lists every link of the corpus's posts with its truth, its kind, its
source and, for a false link, a witness; ``tests/corpus/oracle.py`` transcribes each link into
mpmath (Python code, never a string evaluated). Here:

* the expectations file is well formed: every claim has a truth, a kind, a source; every false
  link is the twin of a true one and every true link has a false twin; the corpus has at least
  300 claims (``test_well_formed``, ``test_twins``);
* it agrees with the posts: each link is where it says, with the sides it says, and every link
  of every post has an entry (``test_links_are_in_the_posts``); every formula renders in KaTeX
  (``test_posts_render_in_katex``);
* it agrees with the oracle: the same links, truths and kinds (``test_oracle_entries``), and every
  recorded value is computed again at 50 digits from the oracle's transcription: a false link's
  witness shows it false, a true link's tightest point shows it true, an approximation's worst
  error is what is recorded and is on the recorded side of the tolerance (``test_recorded_values``);
* THE SOUNDNESS GATE: no false link of the corpus is judged ``holds``, ``holds numerically`` or
  ``holds approximately`` by :func:`glusym.check_markdown` (``test_no_false_holds``).

Nothing here asks the checker to get the true links right: ``benchmarks/check_corpus.py``
reports those figures. The dense verification of every link (grids, extrema, tails) is
``python tests/corpus/oracle.py --check``; these tests check its recorded results.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
if str(CORPUS) not in sys.path:
    sys.path.insert(0, str(CORPUS))

import corpus_tools  # noqa: E402
import oracle  # noqa: E402

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
LINKS: list[dict[str, Any]] = EXPECTED["links"]
CLAIMS = [e for e in LINKS if e["role"] == "claim"]
POSTS = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
KINDS = {"identity", "known-definition", "derivative", "inequality", "approximation", "definition-then-calculus",
         "membership", "integral", "limit", "value", "series", "asymptotic", "antiderivative"}
HOLD = ("holds", "holds numerically", "holds approximately")


def _ids(e: dict[str, Any]) -> str:
    return e["id"]


# ---------------------------------------------------------------------------------------------
# the expectations file


def test_well_formed() -> None:
    ids = [e["id"] for e in LINKS]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert EXPECTED["digits"] == 50
    assert EXPECTED["approximation_rule"] == {"tolerance": 0.03, "domain": [-6, 6]}
    for e in LINKS:
        for key, kind in (("file", str), ("line", int), ("formula_index", int), ("link_index", int), ("latex", str),
                          ("lhs", str), ("op", str), ("rhs", str), ("role", str)):
            assert isinstance(e.get(key), kind), (e["id"], key)
        assert e["op"] in corpus_tools.OPS, e["id"]
        assert e["role"] in ("claim", "definition", "condition"), e["id"]
        assert (CORPUS / e["file"]).is_file(), e["id"]
        if e["role"] != "claim":
            assert "truth" not in e
            continue
        assert e["truth"] in (True, False), e["id"]
        assert e["kind"] in KINDS, (e["id"], e["kind"])
        assert e["source"].strip(), e["id"]
        if e["kind"] == "approximation":
            a = e["approximation"]
            assert a["tolerance"] == 0.03 and float(a["max_abs_error"]) >= 0
            assert (float(a["max_abs_error"]) <= a["tolerance"]) is e["truth"], e["id"]
            if a["domain"] is not None:
                assert a["domain"], e["id"]
        elif e["truth"]:
            assert isinstance(e.get("checked_at"), dict), e["id"]
        else:
            w = e.get("witness")
            assert isinstance(w, dict) and w, e["id"]
            assert all(isinstance(v, str) for v in w.values()), e["id"]
    assert len(CLAIMS) >= 300
    c = Counter(e["truth"] for e in CLAIMS)
    assert c[True] >= 150 and c[False] >= 150


def test_twins() -> None:
    by_id = {e["id"]: e for e in LINKS}
    twinned = Counter()
    for e in CLAIMS:
        if e["truth"]:
            assert "twin_of" not in e, e["id"]
            continue
        t = by_id.get(e.get("twin_of"))
        assert t is not None and t["role"] == "claim" and t["truth"] is True, e["id"]
        twinned[t["id"]] += 1
    lonely = [e["id"] for e in CLAIMS if e["truth"] and not twinned[e["id"]]]
    assert not lonely, f"true links without a false twin: {lonely}"


def test_links_are_in_the_posts() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in POSTS}
    assert {e["file"] for e in LINKS} == set(texts)
    where = {(e["file"], e["line"], e["formula_index"], e["link_index"]): e for e in LINKS}
    assert len(where) == len(LINKS)
    for name, text in texts.items():
        for f in corpus_tools.extract(text):
            for k, sl in enumerate(corpus_tools.split_links(f.latex)):
                e = where.pop((name, f.line, f.index, k), None)
                assert e is not None, f"{name}:{f.line} link {k} of {f.latex!r} has no entry"
                assert (e["latex"], e["lhs"], e["op"], e["rhs"]) == (f.latex, sl.lhs, sl.op, sl.rhs), e["id"]
                assert e.get("note", "") == sl.note and e.get("prefix", "") == sl.prefix, e["id"]
    assert not where, f"entries of no link of the posts: {sorted(v['id'] for v in where.values())}"


def test_posts_render_in_katex(katex: Any) -> None:
    """Every formula of the corpus is LaTeX that KaTeX, which renders the blog, renders."""
    formulas = [(f.latex, f.display) for p in POSTS for f in corpus_tools.extract(p.read_text(encoding="utf-8"))]
    errors = [(tex, err) for (tex, _), err in zip(formulas, katex(formulas)) if err is not None]
    assert not errors, errors[:5]


def test_oracle_entries() -> None:
    assert set(oracle.LINKS) == {e["id"] for e in LINKS}
    for e in LINKS:
        o = oracle.LINKS[e["id"]]
        assert (o.file, o.k, o.role) == (e["file"], e["link_index"], e["role"]), e["id"]
        if e["role"] == "claim":
            assert (o.truth, o.kind, o.twin_of) == (e["truth"], e["kind"], e.get("twin_of")), e["id"]
            assert o.check is not None and not isinstance(o.check, str), e["id"]


@pytest.mark.parametrize("e", CLAIMS, ids=_ids)
def test_recorded_values(e: dict[str, Any]) -> None:
    """The recorded evidence, computed again at 50 digits from the oracle's transcription, and on
    the side of the claim's truth."""
    entry = oracle.LINKS[e["id"]]
    if e["kind"] == "approximation":
        ev = e["approximation"]["at"]
    else:
        ev = e["witness"] if e["truth"] is False else e["checked_at"]
    got = oracle.recheck(entry, ev)
    assert not oracle.agrees(ev, got), oracle.agrees(ev, got)
    assert oracle.violated(entry, got) is (not e["truth"]), got


# ---------------------------------------------------------------------------------------------
# the soundness gate


def _check_post(path: str) -> tuple[str, list[dict[str, Any]]]:
    """glusym's verdict on every false link of a post, as check_markdown gives it."""
    sys.path.insert(0, str(CORPUS.parent.parent))
    from glusym import check_markdown

    report = check_markdown(path)
    name = Path(path).name
    mine = [e for e in LINKS if e["file"] == name]
    return name, _matched(mine, report)


def _matched(expected: list[dict[str, Any]], report: Any) -> list[dict[str, Any]]:
    seen: Counter = Counter()
    formulas = {}
    for f in report.formulas:
        formulas[(f.line, seen[f.line])] = f
        seen[f.line] += 1
    out = []
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in expected:
        groups.setdefault((e["line"], e["formula_index"]), []).append(e)
    for key, links in groups.items():
        f = formulas.get(key)
        if f is None or corpus_tools.norm(f.latex) != corpus_tools.norm(links[0]["latex"]):
            same = [g for g in report.formulas if corpus_tools.norm(g.latex) == corpus_tools.norm(links[0]["latex"])]
            f = same[0] if same else None
        if f is None:
            continue
        links = sorted(links, key=lambda e: e["link_index"])
        for e, m in zip(links, corpus_tools.match_links(links, list(f.links))):
            out.append({"id": e["id"], "truth": e.get("truth"), "role": e["role"], "line": e["line"],
                        "link": f"{e['lhs']} {e['op']} {e['rhs']}", "verdict": m.verdict, "reason": m.reason,
                        "whole": m.whole, "witness": e.get("witness") or e.get("approximation", {}).get("at")})
    return out


_GATE: dict[str, Any] = {}


def _posts_by_size() -> list[str]:
    """The posts, the longest first (so that two workers finish together)."""
    size = Counter(e["file"] for e in LINKS)
    return [str(p) for p in sorted(POSTS, key=lambda p: -size[p.name])]


@pytest.fixture(scope="module", autouse=True)
def _gate_in_background(request: pytest.FixtureRequest) -> Any:
    """Start the soundness gate's glusym runs as soon as the module's tests start, in worker
    processes, so that they run while the recorded values are checked."""
    if any(item.name == "test_no_false_holds" for item in request.session.items):
        pool = multiprocessing.get_context("spawn").Pool(max(2, multiprocessing.cpu_count()))
        _GATE["pool"] = pool
        _GATE["result"] = pool.map_async(_check_post, _posts_by_size(), chunksize=1)
    yield
    if "pool" in _GATE:
        _GATE.pop("pool").terminate()
        _GATE.pop("result", None)


def _gate() -> dict[str, list[dict[str, Any]]]:
    if "result" in _GATE:
        return dict(_GATE["result"].get(timeout=3600))
    return dict(map(_check_post, _posts_by_size()))


def test_no_false_holds() -> None:
    """THE SOUNDNESS GATE: glusym never says a false link of the corpus holds."""
    results = _gate()
    assert set(results) == {p.name for p in POSTS}
    bad = [(name, r) for name, rs in results.items() for r in rs
           if r["role"] == "claim" and r["truth"] is False and r["verdict"] in HOLD]
    assert not bad, "false links judged to hold:\n" + "\n".join(
        f"  {name}:{r['line']} {r['id']}: {r['link']} -> {r['verdict']} ({r['reason'][:200]})\n"
        f"      false at {r['witness']}" for name, r in bad)

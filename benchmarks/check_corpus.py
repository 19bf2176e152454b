r"""How well ``glusym check`` judges the corpus of real formulas (``tests/corpus``), against issue 14.

Runs :func:`glusym.check_markdown` in process on every post of the corpus, and once more
``python -m glusym check POST --format json`` on each post as a whole process (the time a user
waits, start-up included), then matches every link of ``tests/corpus/expected.json`` to the link
of glusym's report that states it (``tests/corpus/corpus_tools.py``: the same sides, once
whitespace and any separated note or prefix are set aside) and prints, next to the issue's
targets:

* links judged right: a true link that holds (``holds``, ``holds numerically``, ``holds
  approximately``), a false link that ``fails``;
* FALSE HOLDS: a false link judged to hold (target 0), each listed;
* false fails: a true link judged ``fails``, each listed with glusym's reason;
* unparsed and unknown, with their reasons grouped (what to build first);
* no claim and definition: a claim glusym does not see as one; missed: a link glusym does not
  report at all (its formula not found, or no link of it with these sides);
* the suggestions glusym gives on failing links (the ``suggestion`` field, where it exists);
* the definitions and conditions of the posts (``\alpha > 0``, ``X \sim \mathcal{N}(0, 1)``) that
  glusym judges as claims, which are misreadings;
* time per link, in process and as whole processes (target: 150 ms a link on average);
* a table by kind of claim and one by post.

    python benchmarks/check_corpus.py                # all posts, default budget
    python benchmarks/check_corpus.py --budget 2 --no-process --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CORPUS))

import corpus_tools  # noqa: E402

HOLD = ("holds", "holds numerically", "holds approximately")
FAIL = "fails"
TARGET_MS = 150.0


# ---------------------------------------------------------------------------------------------
# matching a report to the expectations


def load_expected(path: Path = CORPUS / "expected.json") -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _formulas_of(report: Any) -> list[dict[str, Any]]:
    """glusym's formulas as (line, index on the line, latex, links), from a Report or its JSON."""
    out, seen = [], Counter()
    for f in _get(report, "formulas", []):
        line = _get(f, "line")
        out.append({"line": line, "index": seen[line], "latex": _get(f, "latex", ""), "links": list(_get(f, "links", []))})
        seen[line] += 1
    return out


def match_file(expected: list[dict[str, Any]], report: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """Every expected link of one post with glusym's verdict on it (or 'missed'), and glusym's
    links that state none of the corpus's links (extras)."""
    formulas = _formulas_of(report)
    by_key = {(f["line"], f["index"]): f for f in formulas}
    groups: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
    for e in expected:
        groups[(e["line"], e["formula_index"], e["latex"])].append(e)
    out, used = [], set()
    for (line, index, latex), links in groups.items():
        f = by_key.get((line, index))
        relocated = False
        if f is None or corpus_tools.norm(f["latex"]) != corpus_tools.norm(latex):
            same = [g for g in formulas if corpus_tools.norm(g["latex"]) == corpus_tools.norm(latex)
                    and id(g) not in used]
            f = min(same, key=lambda g: abs(g["line"] - line)) if same else None
            relocated = f is not None
        links = sorted(links, key=lambda e: e["link_index"])
        if f is None:
            out += [{**e, "verdict": "missed", "reason": "the formula is not in glusym's report", "whole": False}
                    for e in links]
            continue
        used.add(id(f))
        matches = corpus_tools.match_links(links, f["links"])
        f["matched"] = {m.index for m in matches if m.index is not None}
        for e, m in zip(links, matches):
            reason = m.reason if m.verdict != "missed" else "no link of glusym's report has these sides"
            out.append({**e, "verdict": m.verdict, "reason": reason, "whole": m.whole, "relocated": relocated,
                        "suggestion": m.suggestion,
                        "glusym_link": None if m.glusym is None else
                        f"{_get(m.glusym, 'lhs')} {_get(m.glusym, 'op', '') or '?'} {_get(m.glusym, 'rhs')}"})
    extras = []
    for f in formulas:
        if id(f) not in used:
            continue
        for j, k in enumerate(f["links"]):
            if j not in f.get("matched", set()) and _get(k, "rhs"):
                extras.append({"line": f["line"], "latex": f["latex"], "lhs": _get(k, "lhs"), "rhs": _get(k, "rhs"),
                               "verdict": _get(k, "verdict"), "reason": _get(k, "reason")})
    return out, extras


def outcome(rec: dict[str, Any]) -> str:
    """right, FALSE HOLD, false fail, or the verdict that is neither (unparsed, unknown, …)."""
    v = rec["verdict"]
    if rec["truth"] is True:
        if v in HOLD:
            return "right"
        if v == FAIL:
            return "false fail"
    else:
        if v == FAIL:
            return "right"
        if v in HOLD:
            return "FALSE HOLD"
    return v if v in ("unparsed", "unknown", "no claim", "definition", "missed") else f"other: {v}"


_NUM = re.compile(r"-?\d+(\.\d+)?(e-?\d+)?")


def reason_group(reason: str) -> str:
    """A reason with its particulars (numbers, names in quotes) taken out, to count alike ones."""
    r = (reason or "(no reason given)").split(";")[0].split("\n")[0]
    r = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'", r)
    r = _NUM.sub("N", r)
    return r.strip()[:110]


# ---------------------------------------------------------------------------------------------
# running glusym


def run_in_process(files: list[Path], budget: float | None) -> tuple[dict[str, Any], dict[str, tuple[float, float]]]:
    """glusym's reports, and (wall, CPU) seconds of each post."""
    from glusym import check_markdown

    reports, seconds = {}, {}
    for p in files:
        t0, c0 = time.perf_counter(), time.process_time()
        reports[p.name] = check_markdown(p) if budget is None else check_markdown(p, budget=budget)
        seconds[p.name] = (time.perf_counter() - t0, time.process_time() - c0)
    return reports, seconds


def run_processes(files: list[Path], budget: float | None) -> dict[str, tuple[float, int, str, float]]:
    """(wall seconds, exit code, glusym's stderr if any, CPU seconds) of ``python -m glusym
    check`` on each post."""
    import resource

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = {}
    for p in files:
        cmd = [sys.executable, "-m", "glusym", "check", str(p), "--format", "json"]
        if budget is not None:
            cmd += ["--budget", str(budget)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        dt = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        err = " / ".join(r.stderr.strip().splitlines()[-2:]) if r.stderr.strip() else ""
        try:
            json.loads(r.stdout)
        except json.JSONDecodeError:
            err = err or "the output is not JSON"
        out[p.name] = (dt, r.returncode, err, cpu)
    return out


# ---------------------------------------------------------------------------------------------
# the figures


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"


def evaluate(expected: dict[str, Any], reports: dict[str, Any]) -> dict[str, Any]:
    """Every link of the corpus with its outcome, the extras, and the counts."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in expected["links"]:
        by_file[e["file"]].append(e)
    recs, extras = [], []
    for name, links in by_file.items():
        if name not in reports:
            continue
        r, x = match_file(links, reports[name])
        recs += r
        extras += [{**k, "file": name} for k in x]
    claims = [r for r in recs if r["role"] == "claim"]
    for r in claims:
        r["outcome"] = outcome(r)
    return {"claims": claims, "others": [r for r in recs if r["role"] != "claim"], "extras": extras}


def print_report(ev: dict[str, Any], seconds: dict[str, tuple[float, float]],
                 procs: dict[str, tuple[float, int, str, float]] | None,
                 n_links: dict[str, int], limit: int, out: Any = sys.stdout) -> dict[str, Any]:
    claims, others, extras = ev["claims"], ev["others"], ev["extras"]
    w = lambda s="": print(s, file=out)  # noqa: E731
    c = Counter(r["outcome"] for r in claims)
    true_ = [r for r in claims if r["truth"] is True]
    false_ = [r for r in claims if r["truth"] is False]
    n = len(claims)
    right = c["right"]
    w(f"glusym check on the corpus: {len(n_links)} posts, {n} claims ({len(true_)} true, {len(false_)} false), "
      f"{len(others)} definitions and conditions")
    w()
    w(f"{'figure':<44}{'measured':>22}   target")
    w(f"{'links judged right':<44}{_pct(right, n):>22}   all")
    w(f"{'  true links that hold':<44}{_pct(sum(r['outcome'] == 'right' for r in true_), len(true_)):>22}   all")
    w(f"{'  false links that fail':<44}{_pct(sum(r['outcome'] == 'right' for r in false_), len(false_)):>22}   all")
    w(f"{'FALSE HOLDS (a false link judged to hold)':<44}{c['FALSE HOLD']:>22}   0")
    w(f"{'false fails (a true link judged fails)':<44}{c['false fail']:>22}   0")
    for k in ("unparsed", "unknown", "no claim", "definition", "missed"):
        w(f"{'  ' + k:<44}{c[k]:>22}   0")
    other = sum(v for k, v in c.items() if k.startswith("other"))
    if other:
        w(f"{'  other verdicts':<44}{other:>22}")
    sugg = [r for r in claims if r.get("suggestion")]
    w(f"{'suggestions given (on failing links)':<44}{len(sugg):>22}   every fail with a computable side")
    total_links = sum(n_links.values())
    t_in = sum(v[0] for v in seconds.values())
    c_in = sum(v[1] for v in seconds.values())
    ms = lambda t: f"{1000 * t / total_links:.0f} ms/link"  # noqa: E731
    w(f"{'time in process, wall':<44}{f'{t_in:.1f} s, {ms(t_in)}':>22}   ≤ {TARGET_MS:.0f} ms/link")
    w(f"{'time in process, CPU':<44}{f'{c_in:.1f} s, {ms(c_in)}':>22}")
    t_pr = c_pr = None
    if procs:
        t_pr = sum(v[0] for v in procs.values())
        c_pr = sum(v[3] for v in procs.values())
        w(f"{'time as whole processes, wall':<44}{f'{t_pr:.1f} s, {ms(t_pr)}':>22}   ≤ {TARGET_MS:.0f} ms/link")
        w(f"{'time as whole processes, CPU':<44}{f'{c_pr:.1f} s, {ms(c_pr)}':>22}   (start-up included)")
        for k, v in procs.items():
            if v[1] not in (0, 1):
                w(f"  {k}: exit {v[1]} (expected 0 or 1)")
            if v[2]:
                w(f"  {k}: glusym wrote to stderr: {v[2][:150]}")
    w(f"(a link here is every link of the corpus, {total_links} in all, definitions and conditions included;")
    w(f" the load average was {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: wall time grows with it, CPU time does not)")

    w()
    w("FALSE HOLDS")
    fh = [r for r in claims if r["outcome"] == "FALSE HOLD"]
    if not fh:
        w("  none")
    for r in fh:
        w(f"  {r['id']} {r['file']}:{r['line']}  {r['lhs']} {r['op']} {r['rhs']}  -> {r['verdict']}: {r['reason'][:160]}")
        w(f"      witness: {r.get('witness') or r.get('approximation', {}).get('at')}")
    w()
    w("false fails")
    ff = [r for r in claims if r["outcome"] == "false fail"]
    if not ff:
        w("  none")
    for r in ff[:limit]:
        w(f"  {r['id']} {r['file']}:{r['line']}  {r['lhs']} {r['op']} {r['rhs']}")
        w(f"      {r['reason'][:200]}")
    if len(ff) > limit:
        w(f"  … and {len(ff) - limit} more")

    for verdict in ("unparsed", "unknown"):
        w()
        rs = [r for r in claims if r["outcome"] == verdict]
        w(f"{verdict}: {len(rs)}, by reason")
        for reason, k in Counter(reason_group(r["reason"]) for r in rs).most_common(limit):
            w(f"  {k:>4}  {reason}")
    w()
    nc = [r for r in claims if r["outcome"] in ("no claim", "definition")]
    w(f"no claim / definition (a claim glusym does not see as one): {len(nc)}, by kind")
    for kind, k in Counter(r["kind"] for r in nc).most_common():
        w(f"  {k:>4}  {kind}")
    w()
    ms = [r for r in claims if r["outcome"] == "missed"]
    w(f"missed (not reported at all): {len(ms)}")
    for reason, k in Counter(r["reason"] for r in ms).most_common():
        w(f"  {k:>4}  {reason}")

    w()
    w(f"suggestions: {len(sugg)}")
    for r in sugg[:limit]:
        w(f"  {r['id']} {r['lhs']} {r['op']} {r['rhs']}  ->  {r['suggestion']}")

    w()
    mis = [r for r in others if r["verdict"] in HOLD + (FAIL,)]
    w(f"definitions and conditions of the posts judged as claims: {len(mis)} of {len(others)}")
    for r in mis[:limit]:
        w(f"  {r['id']} ({r['role']}) {r['lhs']} {r['op']} {r['rhs']}  -> {r['verdict']}")
    xc = Counter(x["verdict"] for x in extras)
    w(f"links glusym reports that the corpus does not have (pieces of a misread formula): {len(extras)}"
      + (f" ({', '.join(f'{v} {k}' for v, k in xc.most_common())})" if extras else ""))

    kinds = sorted({r["kind"] for r in claims})
    cols = ("right", "FALSE HOLD", "false fail", "unparsed", "unknown", "no claim", "definition", "missed")
    w()
    w("by kind of claim")
    w(f"  {'kind':<26}{'n':>5}" + "".join(f"{k:>12}" for k in cols))
    for kind in kinds:
        rs = [r for r in claims if r["kind"] == kind]
        cc = Counter(r["outcome"] for r in rs)
        w(f"  {kind:<26}{len(rs):>5}" + "".join(f"{cc[k]:>12}" for k in cols))
    w()
    w("by post")
    w(f"  {'post':<24}{'links':>6}{'claims':>7}{'right':>7}{'F.HOLD':>7}{'F.FAIL':>7}{'CPU in-proc':>13}{'CPU process':>13}")
    for name in sorted(n_links):
        rs = [r for r in claims if r["file"] == name]
        cc = Counter(r["outcome"] for r in rs)
        pt = f"{procs[name][3]:.1f} s" if procs and name in procs else "-"
        w(f"  {name:<24}{n_links[name]:>6}{len(rs):>7}{cc['right']:>7}{cc['FALSE HOLD']:>7}{cc['false fail']:>7}"
          f"{seconds.get(name, (0, 0))[1]:>11.1f} s{pt:>13}")
    summary = {"claims": n, "true": len(true_), "false": len(false_), "right": right,
               "false_holds": c["FALSE HOLD"], "false_fails": c["false fail"],
               **{k.replace(" ", "_"): c[k] for k in ("unparsed", "unknown", "no claim", "definition", "missed")},
               "suggestions": len(sugg), "links": total_links,
               "ms_per_link_in_process_wall": 1000 * t_in / total_links,
               "ms_per_link_in_process_cpu": 1000 * c_in / total_links,
               "ms_per_link_process_wall": None if t_pr is None else 1000 * t_pr / total_links,
               "ms_per_link_process_cpu": None if c_pr is None else 1000 * c_pr / total_links,
               "false_hold_ids": [r["id"] for r in fh], "false_fail_ids": [r["id"] for r in ff]}
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--budget", type=float, default=None, help="glusym's time budget of each link (its default if omitted)")
    ap.add_argument("--no-process", action="store_true", help="skip the whole-process runs")
    ap.add_argument("--files", nargs="*", help="only these posts (names in tests/corpus)")
    ap.add_argument("--json", help="write the summary and every link's outcome to this file")
    ap.add_argument("--limit", type=int, default=25, help="how many items of each list to print")
    args = ap.parse_args(argv)
    expected = load_expected()
    files = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    if args.files:
        files = [p for p in files if p.name in args.files]
    n_links = Counter(e["file"] for e in expected["links"] if e["file"] in {p.name for p in files})
    reports, seconds = run_in_process(files, args.budget)
    procs = None if args.no_process else run_processes(files, args.budget)
    ev = evaluate(expected, reports)
    summary = print_report(ev, seconds, procs, dict(n_links), args.limit)
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "links": ev["claims"] + ev["others"],
                                               "extras": ev["extras"]}, indent=1, ensure_ascii=False, default=str),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

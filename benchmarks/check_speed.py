"""How fast `python -m glusym check` is, and the KaTeX batch, against the issue's targets.

Prints, measured in this run:
  - `python -c "import sympy"` cold, as a whole process (for scale), median of N runs;
  - `python -m glusym check ../shared/seeds/swiglu-intuition.md` cold, as a whole process,
    median of N runs (target: under 3 s), and the in-process time of the check alone;
  - the LaTeX of every catalogue entry × every part: the time to derive it, and the time to
    render all of it with the real KaTeX in ONE node process; beside it, one node process per
    formula for the first 10 formulas, extrapolated to all (why it is one batch).

Run:  python benchmarks/check_speed.py [--runs N] [--post FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KATEX = ROOT / "tests" / "katex"
POST = ROOT.parent / "shared" / "seeds" / "swiglu-intuition.md"


def _cold(cmd: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if r.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.decode()[-500:]}")
    return statistics.median(times)


def _render(items: list[dict[str, object]]) -> None:
    r = subprocess.run(["node", str(KATEX / "render.js")], input=json.dumps(items), capture_output=True,
                       text=True, check=True)
    bad = [o for o in json.loads(r.stdout) if not o["ok"]]
    if bad:
        raise SystemExit(f"KaTeX rejected {len(bad)} formulas: {bad[:3]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--post", type=Path, default=POST)
    args = ap.parse_args()

    base = _cold([sys.executable, "-c", "import sympy"], args.runs)
    cold = _cold([sys.executable, "-m", "glusym", "check", str(args.post)], args.runs, ok=(0, 1))
    sys.path.insert(0, str(ROOT))
    from glusym.check import check_markdown

    t0 = time.perf_counter()
    report = check_markdown(args.post)
    inproc = time.perf_counter() - t0
    n_links = sum(len(f.links) for f in report.formulas)
    print(f"{'measure':<58}{'seconds':>9}  target")
    label = 'python -c "import sympy" (cold, median of %d)' % args.runs
    print(f"{label:<58}{base:>9.2f}")
    print(f"{'python -m glusym check %s (cold, median)' % args.post.name:<58}{cold:>9.2f}  < 3")
    print(f"{'  the check alone, in process (%d formulas, %d links)' % (len(report.formulas), n_links):<58}{inproc:>9.2f}")
    print(f"  verdicts: { {str(k): n for k, n in report.summary.items()} }")

    if shutil.which("node") is None or not (KATEX / "node_modules" / "katex").is_dir():
        print("KaTeX: run `npm ci` in tests/katex (node needed) to time the batch")
        return
    from glusym.catalogue import CATALOGUE
    from glusym.latex import PARTS, latex_part

    t0 = time.perf_counter()
    formulas = [f for u in CATALOGUE.values() for p in PARTS for f in latex_part(u, p)]
    derive = time.perf_counter() - t0
    items = [{"tex": f, "display": True} for f in formulas]
    t0 = time.perf_counter()
    _render(items)
    batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    for item in items[:10]:
        _render([item])
    each = (time.perf_counter() - t0) / 10
    print(f"{'LaTeX of %d entries x %d parts: %d formulas, derived in' % (len(CATALOGUE), len(PARTS), len(formulas)):<58}{derive:>9.2f}")
    print(f"{'  KaTeX, all of them in one node process':<58}{batch:>9.2f}  one batch")
    print(f"{'  KaTeX, one node process per formula (10, extrapolated)':<58}{each * len(items):>9.2f}")


if __name__ == "__main__":
    main()

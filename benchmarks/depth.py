"""Taylor series of stacked units: glusym's layer-by-layer composition against sympy.series.

Prints, for each case of the depth issue, glusym's time (median of runs), sympy.series's time on
the nested expression (in its elementary form, with a time limit: "> limit" where it runs out),
their ratio, whether the coefficients are identical (where SymPy finished) and the target.

Run:  python benchmarks/depth.py [--limit SECONDS] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import sympy

import glusym
from glusym.analysis.depth import chain_taylor
from glusym.budget import time_budget
from glusym.errors import BudgetExceeded

CASES = [  # (unit, depth, order, target)
    ("silu", 4, 8, "≥ 100x faster"),
    ("silu", 8, 16, "< 2 s"),
    ("gelu", 4, 12, "< 2 s"),
    ("swiglu", 4, 40, "< 2 s"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=float, default=60.0, help="time limit of sympy.series per case (s)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    x = glusym.x
    print(f"{'case':<26} {'glusym':>9} {'sympy.series':>13} {'ratio':>8} {'identical':>9}  target")
    for name, depth, order, target in CASES:
        chain = glusym.stack(glusym.get(name), depth)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            mine = chain_taylor(chain, order, budget=None).polynomial
            times.append(time.perf_counter() - t0)
        ours = statistics.median(times)
        t0 = time.perf_counter()
        try:
            with time_budget(args.limit):
                theirs = sympy.series(glusym.elementary(chain.expr), x, 0, order).removeO()
            theirs_t = time.perf_counter() - t0
            same = sympy.simplify(sympy.expand(glusym.elementary(mine) - theirs)) == 0
            s_txt, r_txt, same_txt = f"{theirs_t:.2f}s", f"{theirs_t / ours:.0f}x", "yes" if same else "NO"
        except BudgetExceeded:
            s_txt, r_txt, same_txt = f"> {args.limit:g}s", f"> {args.limit / ours:.0f}x", "-"
        label = f"{depth} x {name}, order {order}"
        print(f"{label:<26} {ours:>8.3f}s {s_txt:>13} {r_txt:>8} {same_txt:>9}  {target}")


if __name__ == "__main__":
    main()

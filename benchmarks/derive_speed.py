"""How fast `python -m glusym derive` is, against the baseline the issue sets.

Prints, measured in this run:
  - `python -c "import sympy"` cold, as a whole process (the baseline), median of N runs;
  - `python -m glusym derive swiglu` cold, as a whole process, median of N runs, and its ratio
    to the baseline (target, issue 17: at most 2x);
  - `derive` of every catalogue entry in one process, each entry's time and the total
    (targets, issue 17: every entry at most 1 s, all of them at most 10 s), the derivation with
    the text report as `derive` prints it.

Run:  python benchmarks/derive_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _cold(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    base = _cold([sys.executable, "-c", "import sympy"], args.runs)
    derive = _cold([sys.executable, "-m", "glusym", "derive", "swiglu"], args.runs)
    print(f"{'measure':<46} {'glusym':>10} {'baseline':>10} {'ratio':>7} {'target':>8}")
    print(f"{'derive swiglu, cold process (median of %d)' % args.runs:<46} {derive:>9.2f}s {base:>9.2f}s "
          f"{derive / base:>6.2f}x {'<= 2x':>8}")

    import glusym
    from glusym.analysis.derivation import derive as derive_unit
    from glusym.cli import derivation_text

    per: list[tuple[str, float, int]] = []
    t_all = time.perf_counter()
    for name, unit in glusym.CATALOGUE.items():
        t0 = time.perf_counter()
        d = derive_unit(unit)
        derivation_text(d, budget=5.0)
        per.append((name, time.perf_counter() - t0, len(d.not_derived)))
    total = time.perf_counter() - t_all
    print(f"{'derive every entry (%d), one process' % len(per):<46} {total:>9.2f}s {'':>10} {'':>7} {'<= 10 s':>8}")
    over = [name for name, secs, _ in per if secs > 1.0]
    print(f"{'entries over 1 s':<46} {len(over):>10} {'':>10} {'':>7} {'0':>8}  {' '.join(over)}")
    print()
    print(f"{'entry':<16} {'seconds':>8} {'sections not derived':>22}")
    for name, secs, missing in sorted(per, key=lambda r: -r[1]):
        print(f"{name:<16} {secs:>8.2f} {missing:>22}")


if __name__ == "__main__":
    main()

"""Run the hostile corpus (tests/hostile_corpus.py) and report each case, the slowest and the largest.

    python benchmarks/hostile.py [NAME-FRAGMENT ...]

Each case runs in a fresh process with the memory limit of the tests; the table gives its exit
status, wall-clock seconds against its limit (its budgets plus a constant), and its largest
resident memory against the bound, and names any promise it broke.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_corpus as hostile  # noqa: E402


def main(fragments: list[str]) -> int:
    outcomes = []
    for case in hostile.cases():
        if fragments and not any(f in case.name for f in fragments):
            continue
        with tempfile.TemporaryDirectory() as d:
            o = hostile.run(case, Path(d))
        outcomes.append(o)
        problems = o.problems()
        print(f"{case.name:40} exit {o.status:3}  {o.seconds:6.1f} s of {case.limit:5.0f}  "
              f"{o.memory / 2**20:6.0f} MiB  {'ok' if not problems else '; '.join(problems)}", flush=True)
    if not outcomes:
        print("no case matches", file=sys.stderr)
        return 2
    slow = max(outcomes, key=lambda o: o.seconds)
    big = max(outcomes, key=lambda o: o.memory)
    broken = [o for o in outcomes if o.problems()]
    print(f"\n{len(outcomes)} cases, {len(broken)} broke the promise")
    print(f"slowest: {slow.case.name}, {slow.seconds:.1f} s (limit {slow.case.limit:.0f} s)")
    print(f"largest: {big.case.name}, {big.memory / 2**20:.0f} MiB (bound {hostile.MEMORY_BYTES / 2**20:.0f} MiB)")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

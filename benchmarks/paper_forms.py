"""Printed length of glusym's formulas against the forms papers print (issue 16, "Figures to report").

Prints, measured in this run:
  - the table of tests/paper_forms.py: for each derivative whose paper or textbook form is known,
    the length of glusym's printed LaTeX and of the paper's form printed by the same printer,
    their ratio (the tests require at most 1.10) and whether the two are equal (mpmath, 30 digits);
  - the total printed length of every catalogue entry x every part (definition, gradient,
    Hessian, Taylor, asymptotes, limits; ``latex_part``, order 6), with the presentation step
    and decimal constants, and without them (the printing before issue 16), and how long each
    pass took;
  - with ``--before PATH``: the same total computed by the glusym found at PATH (another
    checkout, e.g. the main branch) in a fresh process.

Run:  python benchmarks/paper_forms.py [--before /path/to/other/checkout]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

_TOTAL = """
import sys
from glusym.catalogue import CATALOGUE
from glusym.latex import PARTS, latex_part
n = c = 0
for u in CATALOGUE.values():
    for p in PARTS:
        for t in latex_part(u, p, order=6):
            n += 1
            c += len(t)
print(n, c)
"""


def total() -> tuple[int, int]:
    """(formulas, characters) over every entry x every part."""
    from glusym.catalogue import CATALOGUE
    from glusym.latex import PARTS, latex_part

    n = c = 0
    for u in CATALOGUE.values():
        for p in PARTS:
            for t in latex_part(u, p, order=6):
                n += 1
                c += len(t)
    return n, c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", help="a checkout whose glusym gives the 'before' total, in a fresh process")
    args = ap.parse_args()

    import paper_forms

    rs = paper_forms.rows()
    print(paper_forms.table(rs))
    worst = max(rs, key=lambda r: r.ratio)
    print(f"\n{len(rs)} formulas; all equal: {all(r.equal for r in rs)}; "
          f"largest ratio {worst.ratio:.2f} ({worst.label}); "
          f"glusym {sum(len(r.glusym_tex) for r in rs)} characters, papers {sum(len(r.paper_tex) for r in rs)}")

    t0 = time.perf_counter()
    n, after = total()
    t_after = time.perf_counter() - t0

    lx, pr = sys.modules["glusym.latex"], sys.modules["glusym.printing"]  # glusym.latex is the function

    keep = pr.present, lx.present, lx.DECIMALS
    pr.present = lx.present = lambda e, *a, **k: e
    lx.DECIMALS = frozenset()
    try:
        t0 = time.perf_counter()
        n0, before = total()
        t_before = time.perf_counter() - t0
    finally:
        pr.present, lx.present, lx.DECIMALS = keep
    print(f"\nevery entry x every part ({n} formulas): {after} characters presented "
          f"({t_after:.1f} s), {before} without the presentation step and decimals "
          f"({n0} formulas, {t_before:.1f} s): {100 * (after - before) / before:+.1f} %")
    if args.before:
        env = dict(os.environ, PYTHONPATH=args.before)
        out = subprocess.run([sys.executable, "-c", _TOTAL], env=env, check=True, capture_output=True,
                             text=True, cwd=args.before).stdout.split()
        print(f"the glusym at {args.before}: {out[1]} characters ({out[0]} formulas)")


if __name__ == "__main__":
    main()

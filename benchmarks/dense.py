"""glusym.to_numpy on a dense grid: 20,001 points on [-40, 40] (step 0.004), every smooth activation
of ``benchmarks/accuracy.py`` and its first derivative, against the same 60-digit mpmath reference.

``benchmarks/accuracy.py``'s grid steps over [-40, 40] by 0.05; errors that need several roundings
to line up (a derivative that is a product of sigma(u), sigma(-u), x and a polynomial) show on a
finer grid. One row per function: max ULP where the reference is a normal float64, where it is,
and points lost. The bar is 4 ULP. Slow: about a minute per row (mpmath).

Run: ``python benchmarks/dense.py`` (all rows) or ``python benchmarks/dense.py "gelu_tanh'" silu``.
"""

from __future__ import annotations

import sys
import time

import mpmath
import numpy as np

import glusym
from glusym.numeric import reference as ref_value
from glusym.numeric import to_mpmath, to_numpy

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from accuracy import NAMES, score, unit  # noqa: E402 - the same units, reference and scoring

XS = np.linspace(-40, 40, 20001)


def main(labels: list[str]) -> int:
    labels = labels or [n + d for n in NAMES for d in ("", "'")]
    print(f"{XS.size} points on [-40, 40]; max ULP where the reference is normal (bar: <= 4)")
    print(f"{'function':<14}{'max ULP':>9}{'at x':>12}{'lost':>6}")
    t0 = time.perf_counter()
    worst_all = 0.0
    for label in labels:
        u = unit(label.rstrip("'"))
        expr = glusym.gradient(u)[0] if label.endswith("'") else u.expr
        f = to_numpy(expr, u.variables)
        rf = to_mpmath(expr, u.variables)
        refs = [ref_value(rf, float(x)) for x in XS]
        got = f(XS)
        worst, _, lost = score(got, refs)
        errs = [float(abs(mpmath.mpf(float(g)) - r) / mpmath.mpf(np.spacing(abs(float(r)))))
                if float(r) != 0 and abs(float(r)) >= np.finfo(np.float64).tiny and np.isfinite(g) else 0.0
                for g, r in zip(got, refs)]
        at = float(XS[int(np.argmax(errs))])
        worst_all = max(worst_all, worst)
        print(f"{label:<14}{worst:>9.2f}{at:>12.3f}{lost:>6}", flush=True)
    print(f"max {worst_all:.2f} ULP; {time.perf_counter() - t0:.0f} s")
    return 0 if worst_all <= 4 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

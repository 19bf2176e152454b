"""Speed of glusym.to_numpy against the naive NumPy formula (``sympy.lambdify`` of the elementary form).

For every activation of the catalogue, its first derivative, and the gated units (on two arrays):
median of 7 runs on 10^6 float64 points drawn uniformly from [-10, 10] (the gated units' value
input from [-3, 3]), in one process; the ratio glusym / naive. The issue's bar is a ratio of at
most 2. Where lambdify's function does no work (the identity returns its input itself, a constant
is a Python number), the baseline is that made into a new array (a copy, a fill). Also the cost
of a second (cached) ``to_numpy`` call. Run: ``python benchmarks/numpy_speed.py``.
"""

from __future__ import annotations

import statistics
import time
import warnings

import numpy as np
import sympy

import glusym
from glusym.functions import elementary
from glusym.numeric import to_numpy

N = 10**6
RUNS = 7


def median_time(f, *args) -> float:
    ts = []
    for _ in range(RUNS):
        t = time.perf_counter()
        f(*args)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def _materialised(f, shape):
    return lambda *a: np.array(np.broadcast_to(f(*a), shape), dtype=np.float64)


def main() -> int:
    rng = np.random.default_rng(0)
    x = rng.uniform(-10, 10, N)
    v = rng.uniform(-3, 3, N)
    print(f"median of {RUNS} runs on {N:.0e} float64 points; ratio = glusym / naive lambdify (bar: <= 2)")
    print(f"{'function':<16}{'naive ms':>10}{'glusym ms':>11}{'ratio':>8}")
    worst = 0.0
    for name in glusym.names():
        u = glusym.get(name)
        exprs = [(name, u.expr)] + ([(name + "'", glusym.gradient(u)[0])] if len(u.variables) == 1 else [])
        for label, expr in exprs:
            args = (x,) if len(u.variables) == 1 else (x, v)
            naive = sympy.lambdify(u.variables, elementary(expr), modules=["numpy", "scipy"])
            if naive(*args) is args[0] or np.ndim(naive(*args)) == 0:
                # lambdify returns its input itself (the identity) or a number (a constant): the
                # least a function returning a new array does is copy or fill, and that is the baseline
                naive = _materialised(naive, x.shape)
            ours = to_numpy(expr, u.variables)
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                naive(*args)
                tn = median_time(naive, *args)
            ours(*args)
            tg = median_time(ours, *args)
            ratio = tg / tn
            worst = max(worst, ratio)
            flag = "" if ratio <= 2 else "  > 2"
            print(f"{label:<16}{tn * 1e3:>10.2f}{tg * 1e3:>11.2f}{ratio:>8.2f}{flag}")
    u = glusym.get("mish")
    to_numpy(u)
    t = time.perf_counter()
    for _ in range(1000):
        to_numpy(u)
    print(f"worst ratio {worst:.2f}; a cached to_numpy call: {(time.perf_counter() - t) / 1000 * 1e6:.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

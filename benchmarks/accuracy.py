"""Accuracy of glusym.to_numpy against a 60-digit mpmath reference, side by side with the peers.

One row per function and per first derivative: the largest error in ULP where the correctly
rounded reference is a normal float64, the largest error in subnormal ULP where it is subnormal,
and the points lost (inf, nan, 0 or the wrong sign where the reference is finite and nonzero),
for glusym, plain ``sympy.lambdify(..., modules=["numpy", "scipy"])`` of the elementary form, and
PyTorch and JAX (float64) when they are installed.

Grid: log-spaced magnitudes 1e-300 … 1e300 (both signs), a dense grid on [-40, 40], and dense
bands at the exponential underflow edge (|x| in [690, 760]). Run: ``python benchmarks/accuracy.py``.
"""

from __future__ import annotations

import importlib.util
import math
import sys
import time
import warnings

import mpmath
import numpy as np
import sympy

import glusym
from glusym.functions import elementary
from glusym.numeric import reference as ref_value
from glusym.numeric import to_mpmath, to_numpy

NAMES = ["sigmoid", "logsigmoid", "softplus", "silu", "swish", "gelu", "gelu_tanh", "quick_gelu", "mish",
         "elu", "selu", "celu", "tanh", "softsign", "squareplus"]


def grid() -> np.ndarray:
    mags = np.logspace(-300, 300, 2001)
    band = np.linspace(690, 760, 141)
    xs = np.concatenate([mags, -mags, np.linspace(-40, 40, 1601), band, -band, [0.0]])
    return np.unique(xs)


def unit(name: str) -> glusym.Unit:
    return glusym.get(name, beta=sympy.Rational(17, 10)) if name == "swish" else glusym.get(name)


_REF: dict[tuple[str, int], list[mpmath.mpf]] = {}


def reference(key: tuple[str, int], expr: sympy.Expr, xs: np.ndarray) -> list[mpmath.mpf]:
    if key not in _REF:
        f = to_mpmath(expr, (glusym.x,))
        _REF[key] = [ref_value(f, float(v)) for v in xs]
    return _REF[key]


def score(got: np.ndarray, ref: list[mpmath.mpf]) -> tuple[float, float, int]:
    """(max ULP at normal references, max subnormal ULP, points lost)."""
    worst = worst_sub = 0.0
    lost = 0
    tiny = np.finfo(np.float64).tiny
    for g, r in zip(np.asarray(got, dtype=np.float64).ravel(), ref):
        rf = float(r)
        if math.isinf(rf):
            if g != rf:
                lost += 1
            continue
        if rf == 0:
            if g != 0 and not (abs(g) <= 5e-324):
                lost += 1
            continue
        if not np.isfinite(g) or g == 0 or np.sign(g) != np.sign(rf):
            lost += 1
            continue
        err = float(abs(mpmath.mpf(float(g)) - r) / mpmath.mpf(np.spacing(abs(rf))))
        if abs(rf) >= tiny:
            worst = max(worst, err)
        else:
            worst_sub = max(worst_sub, err)
    return worst, worst_sub, lost


def naive(expr: sympy.Expr, var: sympy.Symbol):
    return sympy.lambdify(var, elementary(expr), modules=["numpy", "scipy"])


def peers() -> dict[str, object]:
    out: dict[str, object] = {}
    for mod in ("torch", "jax"):
        out[mod] = None if importlib.util.find_spec(mod) is None else mod
    return out


def torch_fn(name: str, d: int):  # pragma: no cover - only where torch is installed
    import torch
    import torch.nn.functional as F

    table = {"sigmoid": torch.sigmoid, "logsigmoid": F.logsigmoid, "softplus": F.softplus, "silu": F.silu,
             "swish": lambda t: t * torch.sigmoid(1.7 * t), "gelu": F.gelu,
             "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"), "quick_gelu": lambda t: t * torch.sigmoid(1.702 * t),
             "mish": F.mish, "elu": F.elu, "selu": F.selu, "celu": F.celu, "tanh": torch.tanh,
             "softsign": F.softsign, "squareplus": lambda t: (t + torch.sqrt(t * t + 4)) / 2}
    f = table[name]

    def run(xs: np.ndarray) -> np.ndarray:
        t = torch.tensor(xs, dtype=torch.float64, requires_grad=bool(d))
        y = f(t)
        if d:
            (g,) = torch.autograd.grad(y.sum(), t)
            return g.detach().numpy()
        return y.detach().numpy()
    return run


def jax_fn(name: str, d: int):  # pragma: no cover - only where jax is installed
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    nn = jax.nn
    table = {"sigmoid": nn.sigmoid, "logsigmoid": nn.log_sigmoid, "softplus": nn.softplus, "silu": nn.silu,
             "swish": lambda t: t * nn.sigmoid(1.7 * t), "gelu": lambda t: nn.gelu(t, approximate=False),
             "gelu_tanh": lambda t: nn.gelu(t, approximate=True), "quick_gelu": lambda t: t * nn.sigmoid(1.702 * t),
             "mish": nn.mish, "elu": nn.elu, "selu": nn.selu, "celu": nn.celu, "tanh": jnp.tanh,
             "softsign": nn.soft_sign, "squareplus": nn.squareplus}
    f = table[name]
    g = jax.vmap(jax.grad(f)) if d else f
    return lambda xs: np.asarray(g(jnp.asarray(xs, dtype=jnp.float64)))


def main() -> int:
    xs = grid()
    have = peers()
    t0 = time.perf_counter()
    head = f"{'function':<16}{'glusym ulp':>11}{'sub':>5}{'lost':>6}   {'lambdify ulp':>13}{'lost':>6}"
    for mod in ("torch", "jax"):
        head += f"   {mod + ' ulp':>10}{'lost':>6}"
    print(f"accuracy over {xs.size} float64 points in [-1e300, 1e300] (max ULP where the reference is normal;"
          f" 'sub' = max error in subnormal ULP)")
    print(head)
    worst_all, lost_all = 0.0, 0
    for name in NAMES:
        u = unit(name)
        (v,) = u.variables
        for d, expr in ((0, u.expr), (1, glusym.gradient(u)[0])):
            label = name + ("'" if d else "")
            ref = reference((name, d), expr, xs)
            ours = score(to_numpy(expr, (v,))(xs), ref)
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                lam = score(np.broadcast_to(naive(expr, v)(xs), xs.shape), ref)
            worst_all, lost_all = max(worst_all, ours[0]), lost_all + ours[2]
            row = f"{label:<16}{ours[0]:>11.2f}{ours[1]:>5.1f}{ours[2]:>6d}   {lam[0]:>13.3g}{lam[2]:>6d}"
            for mod, maker in (("torch", torch_fn), ("jax", jax_fn)):
                if have[mod] is None:
                    row += f"   {'absent':>10}{'':>6}"
                else:
                    try:
                        p = score(maker(name, d)(xs), ref)
                        row += f"   {p[0]:>10.3g}{p[2]:>6d}"
                    except Exception as exc:  # noqa: BLE001
                        row += f"   {'error':>10}{'':>6}"
                        print(f"  ({mod} {label}: {exc})", file=sys.stderr)
            print(row)
    for mod in ("torch", "jax"):
        if have[mod] is None:
            print(f"{mod}: absent (not installed; not a dependency of glusym)")
    print(f"glusym: max {worst_all:.2f} ULP, {lost_all} points lost; {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

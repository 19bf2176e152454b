r"""Compilation to NumPy: :func:`to_numpy`, the driver around the printed stable form.

It coerces the inputs, evaluates block by block, sends the points that come out tiny, zero,
infinite or nan to the extended-exponent path (:mod:`glusym.numeric.extended`), applies the
root windows (:mod:`glusym.numeric.refine`) and the limits at :math:`\pm\infty`, and caches the
compiled function on the expression.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from ..analysis._common import as_expr
from ..errors import GlusymError
from .refine import root_windows, taylor_at_root

__all__ = ["to_numpy"]

_TINY = 2.0**-960          # results below this are recomputed on the extended-exponent path
_BLOCK = 65536             # elements evaluated at a time: a block's temporaries (512 KiB each) stay in the CPU's caches
_ACCEPTED = "real numbers: float64, float32 or float16 arrays and scalars (integers and booleans are computed as float64)"


def to_numpy(obj: Any, variables: tuple[sympy.Symbol, ...] | None = None) -> Callable[..., Any]:
    r"""Compile a unit or expression to a vectorised NumPy function, accurate to a few ULP.

    The expression is rewritten into numerically stable primitives before it is printed as
    NumPy code (:mod:`glusym.numeric.rewrite`, :mod:`glusym.numeric.printer`): :math:`\sigma` by sign split (``scipy.special.expit``),
    :math:`\log(1+e^u)` and :math:`\log\sigma(u)` as softplus
    :math:`\max(u,0)+\operatorname{log1p}(e^{-|u|})`, :math:`1-\sigma(u)\to\sigma(-u)`,
    :math:`c\,e^u-c\to c\operatorname{expm1}(u)`, :math:`1\pm\tanh z\to2\sigma(\pm2z)`,
    :math:`1-\tanh^2z\to4\sigma(2z)\sigma(-2z)`, :math:`\tanh(\log g)` as a rational function of
    :math:`e^{u}` evaluated in :math:`e^{u}` below 0 and in :math:`e^{-u}` above (Mish),
    :math:`\sqrt{x^2+c}\to\operatorname{hypot}` and the conjugate form of :math:`P+k\sqrt Q` where
    it cancels (squareplus), :math:`\Phi` as :math:`e^{-x^2/2}Q(-x)` in the left tail with
    :math:`x^2/2` split exactly and the Mills ratio :math:`Q` fitted in mpmath,
    :math:`\varphi(x)=e^{-\mathrm{hi}^2/2}e^{-(\mathrm{hi}\,\mathrm{lo}+\mathrm{lo}^2/2)}/\sqrt{2\pi}`;
    the polynomial argument of an exponential-type primitive (:math:`\sigma(1.7x)`, GELU-tanh's
    cubic) is evaluated in double-double. ``Piecewise`` becomes ``np.where`` over branches all
    computed under ``np.errstate(all="ignore")``.

    Two general safety nets follow. (1) Results that come out tiny (below :math:`2^{-960}`),
    zero, infinite or nan are recomputed on an extended-exponent path (numbers :math:`m\,2^e`)
    that runs the same code, so a product whose factors under- or overflow (:math:`x\,\Phi(x)`
    near the underflow edge, :math:`0\cdot\infty` in GELU-tanh's derivative at :math:`10^{200}`)
    is rounded once. (2) For an expression of one variable, its real roots in
    :math:`[-40, 40]` are found with mpmath at compile time; where probing shows that float64
    evaluation cancels near a root (GELU' at :math:`-0.7518`, SiLU' at :math:`-1.278`,
    Tanhshrink at 0), points within that window are evaluated by the Taylor polynomial of the
    expression at the root, its coefficients computed in mpmath (60 digits, by Cauchy's integral
    on a circle) and :math:`x-r` formed exactly as :math:`(x-r_{hi})-r_{lo}`; beyond that window,
    where probing still finds errors above 2 ULP (Mish' down to :math:`x=-2.6`), Taylor
    polynomials at other centres ("tiles"), at most three a side. At :math:`\pm\infty` the
    function returns the limit, found numerically at compile time from the extended path at
    :math:`\pm10^{300}` and :math:`\pm1.7\cdot10^{308}`. Arrays larger than 65,536 elements are
    evaluated block by block, so that the temporaries of each step stay in the CPU's cache.

    Arguments:
        obj: a :class:`~glusym.Unit` or a SymPy expression built from glusym's functions.
        variables: the argument order (default: the unit's variables, or the expression's free
            symbols sorted by name); any other free symbol raises :class:`~glusym.GlusymError`.

    Returns:
        A function of as many array arguments (broadcast together). float64 in, float64 out;
        float32 (float16) in, float32 (float16) out, computed in float64 and rounded once, so
        float32 results are within a few float32 ULP; integers and booleans are computed as
        float64. Complex, string or object input raises ``TypeError``. nan in gives nan out.
        Compilation is cached on the expression: a second call costs microseconds.

    >>> import numpy as np, glusym
    >>> gelu = to_numpy(glusym.get("gelu"))
    >>> print(gelu(np.array([-40.0, -38.0, -1.0, 0.0, 1.0])))
    [-0.00000000e+000 -1.09646278e-314 -1.58655254e-001  0.00000000e+000
      8.41344746e-001]
    >>> swiglu = to_numpy(glusym.get("swiglu"))
    >>> print(swiglu(np.array([[1.0], [-800.0]]), np.array([2.0, 3.0])))
    [[ 1.46211716  2.19317574]
     [-0.         -0.        ]]
    >>> to_numpy(glusym.get("gelu")) is gelu
    True
    """
    expr, default_vars = as_expr(obj)
    variables = tuple(default_vars if variables is None else variables)
    return _compiled(expr, variables)


@functools.lru_cache(maxsize=1024)
def _compiled(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Callable[..., Any]:
    stray = expr.free_symbols - set(variables)
    if stray:
        raise GlusymError(
            f"cannot compile to NumPy: free symbols {sorted(map(str, stray))} are not among the variables "
            f"{[str(v) for v in variables]} (set parameters with Unit.with_params or subs)")
    kernel = _kernel(expr, variables)
    n = len(variables)
    names = tuple(map(str, variables))
    src, _, ops = _emitted(expr, variables)
    # nan in gives nan out by itself when every variable reaches the result through arithmetic
    # and nan-propagating functions; a Piecewise (np.where), a generic NumPy/SciPy call or a
    # variable that drops out may turn nan into a number, and then the inputs are looked at
    body = src.split("\n", 1)[1]  # below the def line
    propagates_nan = ("_where" not in body and "_np." not in body and "_sc." not in body
                      and all(re.search(rf"\b_v{i}\b", body) for i in range(n)))
    # one or two arithmetic operations gain nothing from blocks (cache), and pay their Python per block
    blocked = ops > 2

    def block(flat: list[np.ndarray]) -> np.ndarray:
        r = kernel(*flat)
        if not propagates_nan and not all(_all_finite(a) for a in flat):
            nan = np.isnan(flat[0])
            for a in flat[1:]:
                nan |= np.isnan(a)
            if np.any(nan):
                r[nan] = np.nan
        return r

    def f(*args: Any) -> Any:
        if len(args) != n:
            raise TypeError(f"expected {n} argument(s) {names}, got {len(args)}")
        arrays, out_dtype = _coerce(args)
        shape = arrays[0].shape
        flat = [a.reshape(-1) for a in arrays]
        size = flat[0].size
        with np.errstate(all="ignore"):
            if size <= _BLOCK or not blocked:
                r = block(flat)
            else:  # block by block, so that each step's temporaries stay in the CPU's cache
                r = np.empty(size)
                for s in range(0, size, _BLOCK):
                    r[s:s + _BLOCK] = block([a[s:s + _BLOCK] for a in flat])
        r = r.reshape(shape)
        if out_dtype != np.float64:
            r = r.astype(out_dtype)
        return r[()] if r.ndim == 0 else r

    f.__name__ = "glusym_numpy"
    f.__doc__ = f"{expr} compiled to NumPy (float64) by glusym.to_numpy."
    return f


def _all_finite(a: np.ndarray) -> bool:
    """Whether every element is finite, in one pass and without a mask: a finite sum proves it
    (a sum of finite numbers that overflows only sends the caller down its careful path)."""
    return bool(np.isfinite(np.add.reduce(a, axis=None)))


def _fine(r: np.ndarray, explike: bool) -> bool:
    """True when no element of a result needs the careful path: all finite and, for an
    exponential-type expression, none below _TINY in magnitude (checked by min and max first,
    which need no temporary array)."""
    if not _all_finite(r):
        return False
    if not explike or r.size == 0:
        return True
    if r.min() >= _TINY or r.max() <= -_TINY:
        return True
    return bool(np.abs(r).min() >= _TINY)


def _coerce(args: tuple[Any, ...]) -> tuple[list[np.ndarray], Any]:
    arrays = []
    floats = []
    for a in args:
        arr = np.asarray(a)
        k = arr.dtype.kind
        if k == "f":
            floats.append(arr.dtype)
        elif k not in "iub":
            raise TypeError(f"glusym.to_numpy functions accept {_ACCEPTED}; got dtype {arr.dtype}")
        arrays.append(arr)
    out = np.dtype(np.result_type(*floats) if floats and all(a.dtype.kind == "f" for a in arrays) else np.float64)
    if out.itemsize > 8:
        raise TypeError(f"glusym.to_numpy functions accept {_ACCEPTED}; got dtype {out}")
    arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
    if len(arrays) > 1:
        arrays = list(np.broadcast_arrays(*arrays))
    return arrays, np.dtype(out)


@functools.lru_cache(maxsize=1024)
def _emitted(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> tuple[str, dict[str, Any], int]:
    """The stable expression's generated source, its constants, and a rough cost: its count of
    operations, a function call counting ten."""
    from .printer import emit  # SymPy's printers load with the compiler, not with glusym.to_mpmath
    from .rewrite import stabilise
    stable = stabilise(expr)
    src, consts = emit(stable, variables)
    calls = stable.atoms(sympy.Function, sympy.Piecewise)
    return src, consts, int(sympy.count_ops(stable)) + 10 * len(calls)


def _source(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The fast (float64) and slow (extended-exponent) functions for an expression."""
    from .extended import NS_EXT  # SciPy loads with the compiler, not with glusym.to_mpmath
    from .primitives import NS_FAST
    src, consts, _ = _emitted(expr, variables)
    fast_ns = dict(NS_FAST, **consts)
    ext_ns = dict(NS_EXT, **consts)
    exec(src, fast_ns)  # noqa: S102 - source generated from the expression tree above
    exec(src, ext_ns)  # noqa: S102
    return fast_ns["_f"], ext_ns["_f"]


def _kernel(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Callable[..., np.ndarray]:
    """The compiled function on float64 arrays of one shape: separable products factor-wise
    (where a factor may underflow: a product of polynomial pieces, such as x_g x_v or
    ReLU(x_g) x_v, is rounded correctly as it stands)."""
    from .extended import Ext  # SciPy loads with the compiler, not with glusym.to_mpmath
    # may a result underflow or cancel to a false 0 (an exponential, a special function, a
    # root)? A Piecewise of polynomials gives exact zeros, which need no second look
    explike = expr.has(sympy.exp) or any(not isinstance(a, sympy.Piecewise) for a in expr.atoms(sympy.Function)) \
        or any(isinstance(a, sympy.Pow) and not a.exp.is_Integer for a in expr.atoms(sympy.Pow))
    if isinstance(expr, sympy.Mul) and len(variables) > 1 and explike:
        groups: dict[frozenset[sympy.Symbol], list[sympy.Expr]] = {}
        for a in expr.args:
            groups.setdefault(frozenset(a.free_symbols), []).append(a)
        if len(groups) > 1 and all(len(k) <= 1 for k in groups):
            parts: list[tuple[list[int], Callable[..., np.ndarray] | None, float | None]] = []
            for k, fs in groups.items():
                sub = sympy.Mul(*fs)
                vs = tuple(v for v in variables if v in k)
                idx = [variables.index(v) for v in vs]
                if sub in variables:  # a bare input: exact as it is
                    parts.append((idx, None, None))
                else:
                    parts.append((idx, _kernel(sub, vs) if vs else None, float(sub) if not vs else None))

            _, whole_slow = _source(expr, variables)

            def product(*arrays: np.ndarray) -> np.ndarray:
                shape = np.broadcast_shapes(*(a.shape for a in arrays))
                vals: list[np.ndarray] = []
                computed: list[np.ndarray] = []
                for idx, kern, const in parts:
                    if kern is not None:
                        computed.append(kern(*[arrays[i] for i in idx]))
                        vals.append(computed[-1])
                    else:
                        vals.append(np.broadcast_to(arrays[idx[0]] if const is None else const, shape))
                r: np.ndarray = vals[0] * vals[1]
                for v in vals[2:]:
                    r *= v
                if _fine(r, True) and all(_fine(v, True) for v in computed):
                    return r
                bad = ~(np.abs(r) >= _TINY) | np.isinf(r)
                for v in vals:
                    bad |= ~(np.abs(v) >= _TINY) | np.isinf(v)
                if np.any(bad):
                    sub = [Ext(np.broadcast_to(a, shape)[bad]) for a in arrays]
                    out = whole_slow(*sub)
                    r[bad] = out.to_float() if isinstance(out, Ext) else out
                return r

            return product
    if expr in variables:  # the identity: a copy, exact
        i = variables.index(expr)
        return lambda *arrays: np.array(arrays[i], dtype=np.float64)
    if not expr.free_symbols and expr.is_real and expr.is_finite:  # a constant
        value = float(expr)
        return lambda *arrays: np.full(np.broadcast_shapes(*(a.shape for a in arrays)), value)
    fast, slow = _source(expr, variables)
    windows = root_windows(expr, variables, fast) if len(variables) == 1 else ()
    limits = _limits(slow) if len(variables) == 1 else None
    span = (min(w[0] for w in windows), max(w[1] for w in windows)) if windows else None

    def kernel(*arrays: np.ndarray) -> np.ndarray:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        r = np.asarray(fast(*arrays), dtype=np.float64)
        if r.shape != shape:
            r = np.broadcast_to(r, shape).copy()
        elif any(np.may_share_memory(r, a) for a in arrays):  # an input (or a view of one) came back
            r = r.copy()
        if not _fine(r, explike):
            bad = ~(np.abs(r) >= _TINY) if explike else np.isnan(r)
            bad |= np.isinf(r)
            if np.any(bad):
                sub = [Ext(np.broadcast_to(a, shape)[bad]) for a in arrays]
                v = slow(*sub)
                r[bad] = v.to_float() if isinstance(v, Ext) else v
        if span is not None:  # there are windows
            (x,) = arrays
            # one pass over the whole array for the span of all windows, then each window among
            # the points found (three windows cost 12 passes over all points before)
            m = np.flatnonzero((x > span[0]) & (x < span[1]))
            if m.size:
                xm = x.take(m)
                for lo_edge, hi_edge, r_hi, r_lo, order, coeffs in windows:
                    k = np.flatnonzero((xm > lo_edge) & (xm < hi_edge))
                    if k.size:
                        r.put(m.take(k), taylor_at_root(xm.take(k), r_hi, r_lo, order, coeffs))
        if limits is not None and not _all_finite(arrays[0]):
            (x,) = arrays
            inf = np.isinf(x)
            if np.any(inf):
                r[inf] = np.where(x[inf] > 0, limits[1], limits[0])
        return r

    return kernel


def _limits(slow: Callable[..., Any]) -> tuple[float, float]:
    """The limits at -oo and +oo, read off the extended path at ±1e300 and ±1.7e308."""
    from .extended import Ext  # SciPy loads with the compiler, not with glusym.to_mpmath
    out = []
    for sgn in (-1.0, 1.0):
        with np.errstate(all="ignore"):
            v = slow(Ext(np.array([sgn * 1e300, sgn * 1.7e308])))
            v = v.to_float() if isinstance(v, Ext) else np.broadcast_to(np.asarray(v, float), (2,))
        a, b = float(v[0]), float(v[1])
        if math.isnan(b):
            out.append(math.nan)
        elif a == b or abs(b - a) <= 1e-12 * abs(b) or abs(b) < abs(a) * 1e-6 or math.isinf(b):
            out.append(b if abs(b) > 1e-300 or math.isinf(b) else 0.0 * b)
        elif abs(b) > abs(a):
            out.append(math.copysign(math.inf, b))
        else:
            out.append(b)
    return out[0], out[1]


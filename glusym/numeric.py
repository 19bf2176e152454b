r"""Numerical evaluation of units and expressions: compilation to mpmath.

:func:`to_mpmath` turns a unit (or a SymPy expression) into a Python function that evaluates it
in arbitrary precision, at mpmath's working precision ``mpmath.mp.dps``. It is the reference
against which glusym's exact results are checked numerically (gradients against
``mpmath.diff``, Taylor coefficients against ``mpmath.taylor``). Compilation to NumPy belongs
here too: :func:`to_numpy` compiles a unit or expression to a vectorised float64 NumPy
function through the stable rewrites of :mod:`glusym._stable`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import sympy

from .analysis._common import as_expr, boundaries, lambdify, select_branches, to_piecewise, without_ite
from .errors import GlusymError
from .functions import elementary

__all__ = ["to_mpmath", "to_numpy"]


def to_mpmath(obj: Any) -> Callable[..., mpmath.mpf]:
    r"""Compile a unit or expression to a function evaluating it with mpmath.

    The expression :math:`f(v_1, \dots, v_n)` is rewritten into SymPy's own functions
    (:math:`\sigma(x) = 1/(1+e^{-x})`, :math:`\Phi(x) = \tfrac12(1+\operatorname{erf}(x/\sqrt2))`,
    :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`; ``Abs``, ``Max``, ``Min``, ``Heaviside``, ``sign``
    as ``Piecewise``) and handed to ``sympy.lambdify`` with the ``"mpmath"`` module, so that a
    ``Piecewise`` becomes a conditional expression (its first true branch wins, which is the
    unit's kink convention) and every function is mpmath's.

    Arguments:
        obj: a :class:`~glusym.Unit` (the function takes its ``variables``, in order) or a SymPy
            expression (the function takes its free symbols, sorted by name).

    Returns:
        A function of as many positional arguments, each converted with ``mpmath.mpf`` (numbers
        or decimal strings), returning an ``mpmath.mpf`` computed at the precision in force when
        it is called (``mpmath.mp.dps``). Rational constants are exact; the unit's ``Float``
        constants (SELU's) carry the digits they were given.

    >>> import mpmath
    >>> import glusym
    >>> f = to_mpmath(glusym.get("gelu"))
    >>> with mpmath.workdps(30):
    ...     print(f(1))
    0.841344746068542948585232545632
    >>> with mpmath.workdps(20):
    ...     print(to_mpmath(glusym.get("swiglu"))("0.5", 2), to_mpmath(glusym.get("relu"))(-1))
    0.62245933120185456464 0.0
    """
    expr, variables = as_expr(obj)
    code = elementary(without_ite(to_piecewise(expr)))
    compiled = lambdify(variables, code, modules="mpmath")
    n = len(variables)

    def f(*args: Any) -> mpmath.mpf:
        if len(args) != n:
            raise TypeError(f"expected {n} argument(s) {tuple(map(str, variables))}, got {len(args)}")
        return mpmath.mpf(compiled(*(mpmath.mpf(a) for a in args)))

    f.__name__ = f"{getattr(obj, 'name', 'expr')}_mpmath"
    f.__doc__ = f"{expr} evaluated with mpmath at mpmath.mp.dps digits."
    return f


# ---------------------------------------------------------------------------------------------
# Compilation to NumPy

_TINY = 2.0**-960          # results below this are recomputed on the extended-exponent path
_ROOT_RANGE = 40.0         # interior roots are looked for in [-40, 40]
_ROOT_SAMPLES = 161
_BLOCK = 65536             # elements evaluated at a time: a block's temporaries (512 KiB each) stay in the CPU's caches
_ACCEPTED = "real numbers: float64, float32 or float16 arrays and scalars (integers and booleans are computed as float64)"


def to_numpy(obj: Any, variables: tuple[sympy.Symbol, ...] | None = None) -> Callable[..., Any]:
    r"""Compile a unit or expression to a vectorised NumPy function, accurate to a few ULP.

    The expression is rewritten into numerically stable primitives before it is printed as
    NumPy code (:mod:`glusym._stable`): :math:`\sigma` by sign split (``scipy.special.expit``),
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
    from . import _stable  # SciPy loads with the compiler, not with glusym.to_mpmath
    stable = _stable.stabilise(expr)
    src, consts = _stable.emit(stable, variables)
    calls = stable.atoms(sympy.Function, sympy.Piecewise)
    return src, consts, int(sympy.count_ops(stable)) + 10 * len(calls)


def _source(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The fast (float64) and slow (extended-exponent) functions for an expression."""
    from . import _stable  # SciPy loads with the compiler, not with glusym.to_mpmath
    src, consts, _ = _emitted(expr, variables)
    fast_ns = dict(_stable.NS_FAST, **consts)
    ext_ns = dict(_stable.NS_EXT, **consts)
    exec(src, fast_ns)  # noqa: S102 - source generated from the expression tree above
    exec(src, ext_ns)  # noqa: S102
    return fast_ns["_f"], ext_ns["_f"]


def _kernel(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> Callable[..., np.ndarray]:
    """The compiled function on float64 arrays of one shape: separable products factor-wise
    (where a factor may underflow: a product of polynomial pieces, such as x_g x_v or
    ReLU(x_g) x_v, is rounded correctly as it stands)."""
    from . import _stable  # SciPy loads with the compiler, not with glusym.to_mpmath
    # may a result underflow or cancel to a false 0 (an exponential, a special function, a
    # root)? A Piecewise of polynomials gives exact zeros, which need no second look
    explike = expr.has(sympy.exp) or any(not isinstance(a, sympy.Piecewise) for a in expr.atoms(sympy.Function)) \
        or any(isinstance(a, sympy.Pow) and not a.exp.is_Integer for a in expr.atoms(sympy.Pow))
    if isinstance(expr, sympy.Mul) and len(variables) > 1 and explike:
        groups: dict[frozenset[sympy.Symbol], list[sympy.Expr]] = {}
        for a in expr.args:
            groups.setdefault(frozenset(a.free_symbols), []).append(a)
        if len(groups) > 1 and all(len(k) <= 1 for k in groups):
            parts = []
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
                vals, computed = [], []
                for idx, kern, const in parts:
                    if kern is not None:
                        computed.append(kern(*[arrays[i] for i in idx]))
                        vals.append(computed[-1])
                    else:
                        vals.append(np.broadcast_to(arrays[idx[0]] if const is None else const, shape))
                r = vals[0] * vals[1]
                for v in vals[2:]:
                    r *= v
                if _fine(r, True) and all(_fine(v, True) for v in computed):
                    return r
                bad = ~(np.abs(r) >= _TINY) | np.isinf(r)
                for v in vals:
                    bad |= ~(np.abs(v) >= _TINY) | np.isinf(v)
                if np.any(bad):
                    sub = [_stable.Ext(np.broadcast_to(a, shape)[bad]) for a in arrays]
                    out = whole_slow(*sub)
                    r[bad] = out.to_float() if isinstance(out, _stable.Ext) else out
                return r

            return product
    if expr in variables:  # the identity: a copy, exact
        i = variables.index(expr)
        return lambda *arrays: np.array(arrays[i], dtype=np.float64)
    if not expr.free_symbols and expr.is_real and expr.is_finite:  # a constant
        value = float(expr)
        return lambda *arrays: np.full(np.broadcast_shapes(*(a.shape for a in arrays)), value)
    fast, slow = _source(expr, variables)
    windows = _root_windows(expr, variables, fast) if len(variables) == 1 else ()
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
                sub = [_stable.Ext(np.broadcast_to(a, shape)[bad]) for a in arrays]
                v = slow(*sub)
                r[bad] = v.to_float() if isinstance(v, _stable.Ext) else v
        if windows:
            (x,) = arrays
            # one pass over the whole array for the span of all windows, then each window among
            # the points found (three windows cost 12 passes over all points before)
            m = np.flatnonzero((x > span[0]) & (x < span[1]))
            if m.size:
                xm = x.take(m)
                for lo_edge, hi_edge, r_hi, r_lo, order, coeffs in windows:
                    k = np.flatnonzero((xm > lo_edge) & (xm < hi_edge))
                    if k.size:
                        r.put(m.take(k), _taylor_at_root(xm.take(k), r_hi, r_lo, order, coeffs))
        if limits is not None and not _all_finite(arrays[0]):
            (x,) = arrays
            inf = np.isinf(x)
            if np.any(inf):
                r[inf] = np.where(x[inf] > 0, limits[1], limits[0])
        return r

    return kernel


def _limits(slow: Callable[..., Any]) -> tuple[float, float]:
    """The limits at -oo and +oo, read off the extended path at ±1e300 and ±1.7e308."""
    from . import _stable  # SciPy loads with the compiler, not with glusym.to_mpmath
    out = []
    for sgn in (-1.0, 1.0):
        with np.errstate(all="ignore"):
            v = slow(_stable.Ext(np.array([sgn * 1e300, sgn * 1.7e308])))
            v = v.to_float() if isinstance(v, _stable.Ext) else np.broadcast_to(np.asarray(v, float), (2,))
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


def reference_function(obj: Any, variables: tuple[sympy.Symbol, ...] | None = None) -> Callable[..., mpmath.mpf]:
    """An mpmath function for references: like :func:`to_mpmath`, but with the atomic functions
    evaluated by mpmath's own accurate ones (``ncdf`` for Φ, ``npdf`` for φ,
    :math:`1/(1+e^{-u})` for σ), so that Φ in the far left tail needs no extra digits.
    ``variables`` gives the argument order, as for :func:`to_numpy` (a derivative that lost a
    variable, such as SwiGLU's ∂/∂x_v, still takes both)."""
    expr, default_vars = as_expr(obj)
    variables = tuple(default_vars if variables is None else variables)
    mods = [{"sigmoid": lambda u: 1 / (1 + mpmath.exp(-u)), "Phi": _mp_ncdf, "phi": mpmath.npdf}, "mpmath"]
    compiled = lambdify(variables, to_piecewise(expr), modules=mods)

    def f(*args: Any) -> mpmath.mpf:
        return mpmath.mpf(compiled(*(mpmath.mpf(a) for a in args)))

    return f


def _mp_ncdf(a: mpmath.mpf) -> mpmath.mpf:
    if abs(a) < 10**8:
        return mpmath.ncdf(a)
    tail = mpmath.npdf(a) / abs(a) * (1 - 1 / a**2)   # relative error 3/a^4 < 1e-31
    return tail if a < 0 else 1 - tail


def reference(f: Callable[..., mpmath.mpf], *args: float) -> mpmath.mpf:
    r"""``f`` at float arguments, to about 25 correct digits despite cancellation and absorption.

    Evaluated at 60 digits; where the value is small next to the arguments' scale
    (:math:`|f| < 10^{-20}\max(1,|x|)^3`, the only case where a term absorbed at 60 digits, such
    as :math:`e^{-690}` next to 1, can matter), again at 400 digits and, where the two disagree or
    vanish, at 1300 (:math:`x+\sqrt{x^2+4}` at :math:`-10^{300}` needs 600). A value still 0 at
    1300 digits is 0 in float64. Elsewhere 60 and 120 digits must agree."""
    scale = mpmath.mpf(max([1.0] + [abs(float(a)) for a in args])) ** 3
    with mpmath.workdps(60):
        prev = f(*args)
    levels = (400, 1300) if abs(prev) < 1e-20 * scale else (120, 400, 1300)
    for dps in levels:
        with mpmath.workdps(dps):
            val = f(*args)
        if val != 0 and abs(val - prev) <= abs(val) * mpmath.mpf(10) ** -25:
            return val
        prev = val
    return prev


def _ulps(got: float, ref: mpmath.mpf) -> float:
    rf = float(ref)
    if rf == 0:
        return 0.0 if got == 0 else math.inf
    return float(abs(mpmath.mpf(got) - ref) / mpmath.mpf(np.spacing(abs(rf))))


_Window = tuple[float, float, float, float, int, tuple[float, ...]]
_DEGREE = 40            # Taylor degree of a window's polynomial, before its negligible tail is cut
_WIDEST = 1.5           # the widest half-width of a window
_TILES = 3              # at most this many tiles on either side of a root's window
_TILE_PROBES = 64       # float64 probe points in the band beyond a window's edge
_TILE_ULP = 2.0         # a tile goes on while probing beyond the last edge finds errors above this
_TILE_BOUND = 6.0       # a tile's bound on its rounding error (about 3x the largest seen), in ULP


def _root_windows(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...], fast: Callable[..., Any]
                  ) -> tuple[_Window, ...]:
    """Windows where float64 evaluation cancels: around the real roots in [-40, 40] where it does,
    each with the Taylor polynomial of the expression at the root, and next to each such window
    tiles, Taylor polynomials at centres that are not roots, for as long as probing beyond the last
    edge still finds float64 errors above 2 ULP (the terms that cancel at a root still cancel in
    part beyond the root's window: Mish' at x = -2), at most three a side. A tile stops short of a
    kink, a root and every other window. Each window is (lo, hi, c_hi, c_lo, order, coeffs): on
    lo < x < hi the value is :func:`_taylor_at_root` at the centre c = c_hi + c_lo."""
    if not (isinstance(expr, sympy.Add) or expr.has(sympy.Add)) or not expr.has(*variables):
        return ()
    (v,) = variables
    try:
        ref = reference_function(expr)
    except Exception:  # noqa: BLE001 - a function mpmath cannot evaluate has no windows
        return ()
    xs = [mpmath.mpf(float(a)) for a in np.linspace(-_ROOT_RANGE, _ROOT_RANGE, _ROOT_SAMPLES)]
    with mpmath.workdps(50):
        try:
            ys = [ref(a) for a in xs]
        except Exception:  # noqa: BLE001
            return ()
        floor = mpmath.mpf(10) ** -35   # below this a 50-digit value may be cancellation noise
        roots = []
        for a, b, fa, fb in zip(xs, xs[1:], ys, ys[1:]):
            if fa == 0 and a == 0:
                roots.append(a)
            elif fa * fb < 0 and abs(fa) > floor and abs(fb) > floor:
                try:
                    roots.append(mpmath.findroot(ref, (a, b), solver="anderson"))
                except Exception:  # noqa: BLE001
                    roots.append(mpmath.findroot(ref, (a, b), solver="bisect"))
    try:
        kinks = {float(b) for b in boundaries(to_piecewise(expr), v) if b.is_number}
    except GlusymError:
        kinks = set()
    windows = []
    memo: dict[sympy.Expr, Any] = {}
    for r in roots:
        if any(abs(float(r) - k) < 1e-9 for k in kinks):
            continue  # a root at a kink: a Taylor polynomial holds on one side only
        w = _window(expr, v, r, ref, fast, memo)
        if w is not None:
            windows.append(w)
    stops = sorted(kinks | {float(r) for r in roots})
    taken = [(w[0], w[1]) for w in windows]
    tiles: list[_Window] = []
    for w in windows:
        for side in (-1, 1):
            for t in _tiles(expr, v, w, side, ref, fast, stops, taken, memo):
                tiles.append(t)
                taken.append((t[0], t[1]))
    return tuple(windows + tiles)


def _taylor_at_root(x: np.ndarray, r_hi: float, r_lo: float, order: int, coeffs: tuple[float, ...]) -> np.ndarray:
    """The Taylor polynomial at the centre c = r_hi + r_lo, a root or not (lowest degree ``order``,
    0 at a centre that is not a root; ``coeffs`` highest degree first), in float64."""
    h = x - r_hi
    h -= r_lo
    if len(coeffs) == 1:
        p = np.full_like(h, coeffs[0])
    else:   # Horner in place: the same roundings as p = p * h + c, with fewer temporaries
        p = h * coeffs[0]
        p += coeffs[1]
    for c in coeffs[2:]:
        p *= h
        p += c
    for _ in range(order):
        p *= h
    return p


def _window(expr: sympy.Expr, v: sympy.Symbol, r: mpmath.mpf, ref: Callable[..., Any], fast: Callable[..., Any],
            memo: dict[sympy.Expr, Any]) -> _Window | None:
    """The window around the root r where float64 evaluation is off, with the Taylor polynomial at r
    (None where probing finds it accurate)."""
    r_hi = float(r)
    with mpmath.workdps(40):
        r_lo = float(mpmath.mpf(r) - r_hi)
    # probe: the largest offset where float64 evaluation is more than 2 ULP off
    worst = 0.0
    for e10 in np.linspace(-14, 0.3, 100):
        for sgn in (-1.0, 1.0):
            xq = r_hi + sgn * 10.0**e10
            with np.errstate(all="ignore"):
                got = float(np.asarray(fast(np.array([xq])), dtype=float).reshape(-1)[0])
            with mpmath.workdps(40):
                want = ref(xq)
            if float(want) != 0 and not (_ulps(got, want) <= 1.5):
                worst = max(worst, abs(xq - r_hi))
    if worst == 0.0:
        return None
    delta = min(1.3 * worst, _WIDEST)
    # Taylor coefficients at the root, for the branch in force there
    f, g = _smooth_at(expr, v, sympy.Float(str(r), 40), memo)
    with mpmath.workdps(60):
        rr = mpmath.mpf(r)

        def fit(rho: float) -> tuple[list[mpmath.mpf], int] | None:
            c = _taylor_coefficients(f, g, rr, rho)
            nz = [k for k in range(1, _DEGREE + 1) if abs(c[k]) > mpmath.mpf(10) ** -45]
            return (c, nz[0]) if nz else None

        # validate the polynomial inside the window: its truncation against mpmath, and its
        # float64 evaluation (Horner rounding grows with |x - r|) against the reference, to 2 ULP;
        # shrink the window until both hold (and fit again on a smaller circle where the series
        # does not hold: the circle may have reached a singularity)
        coeffs = None
        held, refit = False, True
        while delta > 1e-3:
            if refit:
                fitted = fit(delta)
                if fitted is None:
                    return None
                (c, m), refit = fitted, False
            ts = (-1, -0.75, -0.5, -0.25, 0.25, 0.5, 0.75, 1)
            exact = [f(rr + mpmath.mpf(t * delta)) for t in ts]
            if any(e == 0 for e in exact):
                delta /= 1.5
                continue
            n = _degree(c, m, delta, min(abs(e) for e in exact))
            coeffs = tuple(float(a) for a in reversed(c[m:n + 1]))
            ok = True
            for t, e in zip(ts, exact):
                hq = mpmath.mpf(t * delta)
                approx = mpmath.fsum(c[k] * hq**k for k in range(m, n + 1))
                if abs(approx - e) > abs(e) * mpmath.mpf(2) ** -60:
                    ok, refit = False, True
                    break
                xq = r_hi + t * delta
                got = float(_taylor_at_root(np.array([xq]), r_hi, r_lo, m, coeffs)[0])
                if not _ulps(got, ref(xq)) <= 2.0:
                    ok = False
                    break
            if ok:
                held = True
                break
            delta /= 1.5
        if not held and (refit or coeffs is None):   # none held: the smallest window, fitted on its circle
            fitted = fit(delta)
            if fitted is None:
                return None
            c, m = fitted
            coeffs = tuple(float(a) for a in reversed(c[m:]))
    return (r_hi - delta, r_hi + delta, r_hi, r_lo, m, coeffs)


def _tiles(expr: sympy.Expr, v: sympy.Symbol, window: _Window, side: int, ref: Callable[..., Any],
           fast: Callable[..., Any], stops: list[float], taken: list[tuple[float, float]],
           memo: dict[sympy.Expr, Any]) -> list[_Window]:
    """Tiles beyond one edge of a root's window (``side`` -1: below it, 1: above), each abutting the
    last: while probing the band beyond the last edge (up to two widest half-widths, short of the
    next kink, root or window) finds float64 errors above _TILE_ULP, a Taylor polynomial centred
    in that band, fitted and shrunk as :func:`_tile` does."""
    out: list[_Window] = []
    edge = window[1] if side > 0 else window[0]
    for _ in range(_TILES):
        ahead = [s for s in stops if side * (s - edge) > 0]
        ahead += [(lo if side > 0 else hi) for lo, hi in taken if side * ((lo if side > 0 else hi) - edge) > 0]
        room = min([abs(a - edge) for a in ahead] + [2 * _WIDEST])
        if room < 2e-3:
            break
        xs = edge + side * room * np.arange(1, _TILE_PROBES + 1) / _TILE_PROBES
        errs = _probe_ulps(fast, ref, xs)
        far = np.abs(xs[errs > _TILE_ULP] - edge)
        if far.size == 0:
            break
        tile = _tile(expr, v, edge, side, min(_WIDEST, 0.65 * float(far.max()), 0.5 * room), ref, memo)
        if tile is None:
            break
        out.append(tile)
        edge = tile[1] if side > 0 else tile[0]
    return out


def _tile(expr: sympy.Expr, v: sympy.Symbol, edge: float, side: int, half: float, ref: Callable[..., Any],
          memo: dict[sympy.Expr, Any]) -> _Window | None:
    """A window of half-width ``half`` whose near end is ``edge`` (it covers ``edge`` itself), with
    the Taylor polynomial at its centre, shrunk by 1.5 until it holds: the series against mpmath to
    2^-60 and its float64 evaluation against the reference to 1.5 ULP, at 17 points, and the
    running bound of its rounding error (:func:`_horner_ulps`) within _TILE_BOUND ULP throughout
    (rounding errors are erratic: a few points do not bound them where Horner's sum cancels, as it
    does on a wide window where the function varies like e^x)."""
    ts = np.linspace(-1.0, 1.0, 17)
    while half >= 1e-3:
        centre = edge + side * half
        try:
            f, g = _smooth_at(expr, v, sympy.Float(centre), memo)
        except GlusymError:
            return None
        with mpmath.workdps(60):
            cc = mpmath.mpf(centre)
            exact = [f(cc + mpmath.mpf(float(t)) * mpmath.mpf(half)) for t in ts]
            ok = all(e != 0 for e in exact)
            if ok:
                c = _taylor_coefficients(f, g, cc, half)
                n = _degree(c, 0, half, min(abs(e) for e in exact))
                coeffs = tuple(float(a) for a in reversed(c[:n + 1]))
                ok = _horner_ulps((centre + np.linspace(-1.0, 1.0, 257) * half) - centre, coeffs) <= _TILE_BOUND
            if ok:
                xq = centre + ts * half
                got = _taylor_at_root(xq, centre, 0.0, 0, coeffs)
                for t, e, xv, gv in zip(ts, exact, xq, got):
                    hq = mpmath.mpf(float(t)) * mpmath.mpf(half)
                    if abs(mpmath.polyval(c[n::-1], hq) - e) > abs(e) * mpmath.mpf(2) ** -60 \
                            or not _ulps(float(gv), ref(float(xv))) <= 1.5:
                        ok = False
                        break
        if ok:
            near = float(np.nextafter(edge, -side * np.inf))   # the window is open: reach past the edge
            far_end = centre + side * half
            return (near, far_end, centre, 0.0, 0, coeffs) if side > 0 else (far_end, near, centre, 0.0, 0, coeffs)
        half /= 1.5
    return None


def _horner_ulps(h: np.ndarray, coeffs: tuple[float, ...]) -> float:
    r"""The largest first-order bound, in ULP of the value, on the rounding error of
    :func:`_taylor_at_root` (order 0) at the offsets ``h``: Horner's running error bound
    :math:`u(2\mu - |p|)` (Higham, *Accuracy and Stability of Numerical Algorithms*, Alg. 5.1),
    the coefficients' own rounding :math:`u\sum|c_k||h|^k` and the rounding of h itself
    :math:`u|h\,p'(h)|`. About three times the largest error actually seen."""
    u = 2.0**-53
    with np.errstate(all="ignore"):
        p = np.full_like(h, coeffs[0])
        dp = np.zeros_like(h)
        mu = np.abs(p) / 2
        s = np.abs(p)
        ah = np.abs(h)
        for c in coeffs[1:]:
            dp = dp * h + p
            p = p * h + c
            mu = ah * mu + np.abs(p)
            s = s * ah + abs(c)
        ulps = u * (2 * mu - np.abs(p) + s + np.abs(h * dp)) / np.spacing(np.abs(p))
    return float(np.max(ulps)) if np.all(np.isfinite(ulps)) and np.all(p != 0) else math.inf


def _probe_ulps(fast: Callable[..., Any], ref: Callable[..., Any], xs: np.ndarray) -> np.ndarray:
    """The float64 error in ULP at each point (0 where the reference is 0 or not a normal float)."""
    with np.errstate(all="ignore"):
        got = np.broadcast_to(np.asarray(fast(xs), dtype=float), xs.shape)
    out = np.zeros(xs.shape)
    with mpmath.workdps(40):
        for i, (a, b) in enumerate(zip(xs, got)):
            want = ref(float(a))
            if abs(float(want)) >= np.finfo(np.float64).tiny:
                out[i] = min(_ulps(float(b), want), 1e9)
    return out


def _smooth_at(expr: sympy.Expr, v: sympy.Symbol, point: sympy.Expr, memo: dict[sympy.Expr, Any]
               ) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The expression with the branch in force at ``point`` selected, in mpmath: for real arguments
    and as it stands (it may take complex ones); ``memo`` keeps them for one compilation."""
    smooth = select_branches(to_piecewise(expr), {v: point}) if expr.has(sympy.Piecewise) else expr
    if smooth not in memo:
        if smooth.free_symbols:
            memo[smooth] = (to_mpmath(smooth), lambdify(v, elementary(smooth), modules="mpmath"))
        else:
            const = mpmath.mpf(sympy.N(smooth, 70))
            memo[smooth] = ((lambda *_: +const), (lambda *_: +const))
    return memo[smooth]


def _taylor_coefficients(f: Callable[..., Any], g: Callable[..., Any], c: mpmath.mpf, rho: float) -> list[mpmath.mpf]:
    r"""The Taylor coefficients :math:`c_0 \dots c_{40}` at ``c`` (working precision: the caller's),
    by Cauchy's integral on the circle of radius ``rho``: the trapezoidal rule at N = 2·40 + 8 points,
    :math:`c_k = \frac{1}{N\rho^k}\sum_j g(c+\rho\omega^j)\,\omega^{-jk}`, with g taken at the N/2 + 1
    points of the upper half circle (g is real on the real line, so g(conj z) = conj g(z)). Its
    error is :math:`(\rho/R)^N` of the terms, R the distance to g's nearest singularity: where the
    circle reaches one, the coefficients are wrong, and the caller's check of the series against
    f shrinks the circle. About 45 evaluations, where ``mpmath.taylor``'s numerical differentiation
    takes seconds; it is the fallback where g cannot take complex arguments."""
    n = _DEGREE
    big = 2 * n + 8
    half = big // 2
    try:
        cos = [mpmath.cospi(mpmath.mpf(2 * j) / big) for j in range(big)]
        sin = [mpmath.sinpi(mpmath.mpf(2 * j) / big) for j in range(big)]
        re, im = [], []
        for j in range(half + 1):
            w = mpmath.mpc(g(c + rho * mpmath.mpc(cos[j], sin[j])))
            if not (mpmath.isfinite(w.real) and mpmath.isfinite(w.imag)):
                raise ValueError("not finite on the circle")
            re.append(w.real)
            im.append(w.imag)
        scale = max(max(abs(a) for a in re), max(abs(b) for b in im))
        if max(abs(im[0]), abs(im[half])) > scale * mpmath.eps * 2**20:
            raise ValueError("not real on the real line")
        out = []
        rk = mpmath.mpf(big)
        for k in range(n + 1):
            # Re(g_j e^{-i 2 pi jk/N}) = Re g_j cos + Im g_j sin
            s = mpmath.fdot([(re[j], cos[j * k % big]) for j in range(1, half)]
                            + [(im[j], sin[j * k % big]) for j in range(1, half)])
            out.append((2 * s + re[0] + (re[half] if k % 2 == 0 else -re[half])) / rk)
            rk *= rho
        return out
    except Exception:  # noqa: BLE001 - g takes no complex argument (or misbehaves off the real line)
        return list(mpmath.taylor(f, c, n))


def _degree(c: list[mpmath.mpf], m: int, delta: float, smallest: mpmath.mpf) -> int:
    """The lowest degree n >= m such that the terms beyond it add up to less than 2^-62 of the
    smallest value in the window (|h| <= delta): the rest cost time and no accuracy."""
    tail = mpmath.mpf(0)
    bound = smallest * mpmath.mpf(2) ** -62
    n = len(c) - 1
    while n > m:
        tail += abs(c[n]) * mpmath.mpf(delta) ** n
        if tail > bound:
            break
        n -= 1
    return n

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

from .analysis._common import as_expr, boundaries, select_branches, to_piecewise
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
    code = elementary(to_piecewise(expr))
    compiled = sympy.lambdify(variables, code, modules="mpmath")
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
    expression at the root, its coefficients computed in mpmath (60 digits) and
    :math:`x-r` formed exactly as :math:`(x-r_{hi})-r_{lo}`. At :math:`\pm\infty` the function
    returns the limit, found numerically at compile time from the extended path at
    :math:`\pm10^{300}` and :math:`\pm1.7\cdot10^{308}`.

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
            for lo_edge, hi_edge, r_hi, r_lo, order, coeffs in windows:
                m = np.flatnonzero((x > lo_edge) & (x < hi_edge))
                if m.size:
                    r[m] = _taylor_at_root(x.take(m), r_hi, r_lo, order, coeffs)
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
    compiled = sympy.lambdify(variables, to_piecewise(expr), modules=mods)

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


def _root_windows(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...], fast: Callable[..., Any]
                  ) -> tuple[tuple[float, float, float, float, int, tuple[float, ...]], ...]:
    """Windows around the real roots in [-40, 40] where float64 evaluation cancels, each with the
    Taylor polynomial of the expression at the root (coefficients from mpmath)."""
    if not (isinstance(expr, sympy.Add) or expr.has(sympy.Add)) or not expr.has(*variables):
        return ()
    (v,) = variables
    try:
        ref = reference_function(expr)
    except Exception:  # noqa: BLE001 - a function mpmath cannot evaluate has no windows
        return ()
    out = []
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
    for r in roots:
        if any(abs(float(r) - k) < 1e-9 for k in kinks):
            continue  # a root at a kink: a Taylor polynomial holds on one side only
        w = _window(expr, v, r, ref, fast)
        if w is not None:
            out.append(w)
    return tuple(out)


def _taylor_at_root(x: np.ndarray, r_hi: float, r_lo: float, order: int, coeffs: tuple[float, ...]) -> np.ndarray:
    """The Taylor polynomial at the root r = r_hi + r_lo (lowest degree ``order``), in float64."""
    h = (x - r_hi) - r_lo
    p = np.full_like(h, coeffs[0])
    for c in coeffs[1:]:
        p = p * h + c
    for _ in range(order):
        p = p * h
    return p


def _window(expr: sympy.Expr, v: sympy.Symbol, r: mpmath.mpf, ref: Callable[..., Any], fast: Callable[..., Any]
            ) -> tuple[float, float, float, float, int, tuple[float, ...]] | None:
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
    delta = min(1.3 * worst, 1.5)
    # Taylor coefficients at the root, for the branch in force there
    smooth = select_branches(to_piecewise(expr), {v: sympy.Float(str(r), 40)}) if expr.has(sympy.Piecewise) else expr
    f = to_mpmath(smooth) if smooth.free_symbols else (lambda *_: mpmath.mpf(sympy.N(smooth, 40)))
    with mpmath.workdps(60):
        rr = mpmath.mpf(r)
        c = mpmath.taylor(f, rr, 40)
        nz = [k for k in range(1, 41) if abs(c[k]) > mpmath.mpf(10) ** -45]
        if not nz:
            return None
        m = nz[0]
        coeffs = tuple(float(a) for a in reversed(c[m:]))
        # validate the polynomial inside the window: its truncation against mpmath, and its
        # float64 evaluation (Horner rounding grows with |x - r|) against the reference, to 2 ULP;
        # shrink the window until both hold
        while delta > 1e-3:
            ok = True
            for t in (-1, -0.75, -0.5, -0.25, 0.25, 0.5, 0.75, 1):
                hq = mpmath.mpf(t * delta)
                approx = mpmath.fsum(c[k] * hq**k for k in range(m, 41))
                exact = f(rr + hq)
                if exact == 0 or abs(approx - exact) > abs(exact) * mpmath.mpf(2) ** -60:
                    ok = False
                    break
                xq = r_hi + t * delta
                got = float(_taylor_at_root(np.array([xq]), r_hi, r_lo, m, coeffs)[0])
                if not _ulps(got, ref(xq)) <= 2.0:
                    ok = False
                    break
            if ok:
                break
            delta /= 1.5
    return (r_hi - delta, r_hi + delta, r_hi, r_lo, m, coeffs)

r"""Root-window refinement: Taylor polynomials where float64 evaluation cancels near a root.

For an expression of one variable, its real roots in :math:`[-40, 40]` are found with mpmath at
compile time; where probing shows that float64 evaluation cancels near a root (GELU' at
:math:`-0.7518`, SiLU' at :math:`-1.278`, Tanhshrink at 0), points within that window are
evaluated by the Taylor polynomial :math:`\sum_k c_k (x - r)^k` at the root, its coefficients
computed in mpmath (60 digits, by Cauchy's integral on a circle) and :math:`x - r` formed as
:math:`(x - r_{hi}) - r_{lo}`; beyond that window, where probing still finds errors above 2 ULP
(Mish' down to :math:`x = -2.6`), Taylor polynomials at other centres ("tiles"), at most three a side.

>>> import sympy, numpy as np
>>> x = sympy.Symbol("x", real=True)
>>> taylor_at_root(np.array([1.5]), 1.0, 0.0, 1, (1.0, 2.0))   # (x - 1)(1 (x - 1) + 2)
array([1.25])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import sympy

from ..analysis._common import boundaries, select_branches
from ..evaluate import mpmath_function, to_piecewise
from ..errors import GlusymError
from .mp import to_mpmath, ulps

__all__ = ["Window", "root_windows", "taylor_at_root"]

_ROOT_RANGE = 40.0         # interior roots are looked for in [-40, 40]
_ROOT_SAMPLES = 161
Window = tuple[float, float, float, float, int, tuple[float, ...]]
_DEGREE = 40            # Taylor degree of a window's polynomial, before its negligible tail is cut
_WIDEST = 1.5           # the widest half-width of a window
_TILES = 3              # at most this many tiles on either side of a root's window
_TILE_PROBES = 64       # float64 probe points in the band beyond a window's edge
_TILE_ULP = 2.0         # a tile goes on while probing beyond the last edge finds errors above this
_TILE_BOUND = 6.0       # a tile's bound on its rounding error (about 3x the largest seen), in ULP


def root_windows(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...], fast: Callable[..., Any]
                  ) -> tuple[Window, ...]:
    """Windows where float64 evaluation cancels: around the real roots in [-40, 40] where it does,
    each with the Taylor polynomial of the expression at the root, and next to each such window
    tiles, Taylor polynomials at centres that are not roots, for as long as probing beyond the last
    edge still finds float64 errors above 2 ULP (the terms that cancel at a root still cancel in
    part beyond the root's window: Mish' at x = -2), at most three a side. A tile stops short of a
    kink, a root and every other window. Each window is (lo, hi, c_hi, c_lo, order, coeffs): on
    lo < x < hi the value is :func:`taylor_at_root` at the centre c = c_hi + c_lo."""
    if not (isinstance(expr, sympy.Add) or expr.has(sympy.Add)) or not expr.has(*variables):
        return ()
    (v,) = variables
    try:
        ref = to_mpmath(expr)
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
    tiles: list[Window] = []
    for w in windows:
        for side in (-1, 1):
            for t in _tiles(expr, v, w, side, ref, fast, stops, taken, memo):
                tiles.append(t)
                taken.append((t[0], t[1]))
    return tuple(windows + tiles)


def taylor_at_root(x: np.ndarray, r_hi: float, r_lo: float, order: int, coeffs: tuple[float, ...]) -> np.ndarray:
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
            memo: dict[sympy.Expr, Any]) -> Window | None:
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
            if float(want) != 0 and not (ulps(got, want) <= 1.5):
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
                got = float(taylor_at_root(np.array([xq]), r_hi, r_lo, m, coeffs)[0])
                if not ulps(got, ref(xq)) <= 2.0:
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
    assert coeffs is not None  # set in the loop, or by the fit on the smallest circle
    return (r_hi - delta, r_hi + delta, r_hi, r_lo, m, coeffs)


def _tiles(expr: sympy.Expr, v: sympy.Symbol, window: Window, side: int, ref: Callable[..., Any],
           fast: Callable[..., Any], stops: list[float], taken: list[tuple[float, float]],
           memo: dict[sympy.Expr, Any]) -> list[Window]:
    """Tiles beyond one edge of a root's window (``side`` -1: below it, 1: above), each abutting the
    last: while probing the band beyond the last edge (up to two widest half-widths, short of the
    next kink, root or window) finds float64 errors above _TILE_ULP, a Taylor polynomial centred
    in that band, fitted and shrunk as :func:`_tile` does."""
    out: list[Window] = []
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
          memo: dict[sympy.Expr, Any]) -> Window | None:
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
                got = taylor_at_root(xq, centre, 0.0, 0, coeffs)
                for t, e, xv, gv in zip(ts, exact, xq, got):
                    hq = mpmath.mpf(float(t)) * mpmath.mpf(half)
                    if abs(mpmath.polyval(c[n::-1], hq) - e) > abs(e) * mpmath.mpf(2) ** -60 \
                            or not ulps(float(gv), ref(float(xv))) <= 1.5:
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
    :func:`taylor_at_root` (order 0) at the offsets ``h``: Horner's running error bound
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
                out[i] = min(ulps(float(b), want), 1e9)
    return out


def _smooth_at(expr: sympy.Expr, v: sympy.Symbol, point: sympy.Expr, memo: dict[sympy.Expr, Any]
               ) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The expression with the branch in force at ``point`` selected, in mpmath: for real arguments
    and as it stands (it may take complex ones); ``memo`` keeps them for one compilation."""
    smooth = select_branches(to_piecewise(expr), {v: point}) if expr.has(sympy.Piecewise) else expr
    if smooth not in memo:
        if smooth.free_symbols:
            memo[smooth] = (to_mpmath(smooth), mpmath_function(smooth, [v]))
        else:
            const = mpmath.mpf(sympy.N(smooth, 70))
            memo[smooth] = ((lambda *_: +const), (lambda *_: +const))
    out: tuple[Callable[..., Any], Callable[..., Any]] = memo[smooth]
    return out


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

r"""The corpus's oracle: every link of ``tests/corpus/*.md`` transcribed by hand into mpmath.

Each link of a post is an entry of :data:`LINKS`, keyed by its id: where it is (the post, a piece
of the formula's LaTeX that finds it, the index of the link in the formula), what it claims in
mpmath (a *check*: :class:`Identity`, :class:`Derivative`, :class:`Series`, :class:`Limit`,
:class:`Asymptotic`, :class:`Inequality`, :class:`Membership`, :class:`Approximation`), whether
it is true, what kind of claim it is, its source, and for a false link the true link it is the
twin of and the point that shows it false. Definitions and conditions in the posts (``f(x) = …``
of a new name, ``\alpha > 0``, ``X \sim \mathcal{N}(0, 1)``) are listed too, as roles.

Nothing here reads glusym, and no text is evaluated: the mpmath functions below are written from
the definitions in the sources (the SELU constants from their closed forms, the normal CDF as
mpmath's ``ncdf``), and each check is Python code, not a string.

The truth of a link is *computed* by its check at 50 digits (:func:`verify`), and compared with
the truth its entry declares; ``python tests/corpus/oracle.py`` verifies every link densely and
writes ``tests/corpus/expected.json`` (it refuses to if any check disagrees with its entry).
``tests/test_corpus.py`` verifies the recorded values again, at the recorded points.
"""

from __future__ import annotations

import inspect
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import mpmath
from mpmath import mp, mpf

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus_tools  # noqa: E402

#: Digits every value is confirmed to.
DIGITS = 50
#: The working precision of evaluations (a margin over DIGITS).
WORK = 70
#: The approximation rule of issue 14: max abs error <= 0.03 on [-6, 6] unless a domain is stated.
APPROX_TOL = 0.03
APPROX_DOMAIN = ((-6, 6),)
#: An approximation is in the corpus only with a clear margin either side of the tolerance.
APPROX_MARGIN = (0.8, 1.2)

# ---------------------------------------------------------------------------------------------
# the functions, from their definitions

inf = mpmath.inf


def sig(x: Any) -> Any:
    return 1 / (1 + mpmath.exp(-x))


def Phi(x: Any) -> Any:
    return mpmath.ncdf(x)


def phi(x: Any) -> Any:
    return mpmath.npdf(x)


def softplus(x: Any) -> Any:
    return mpmath.log1p(mpmath.exp(x))


def relu(x: Any) -> Any:
    return x if x > 0 else mpf(0)


def relu6(x: Any) -> Any:
    return min(max(x, mpf(0)), mpf(6))


def elu(x: Any, alpha: Any) -> Any:
    return x if x > 0 else alpha * mpmath.expm1(x)


def celu(x: Any, alpha: Any) -> Any:
    return x if x > 0 else alpha * mpmath.expm1(x / alpha)


def selu(x: Any, lam: Any, alpha: Any) -> Any:
    return lam * elu(x, alpha)


def gelu(x: Any) -> Any:
    return x * Phi(x)


def silu(x: Any) -> Any:
    return x * sig(x)


def dsilu(x: Any) -> Any:
    """The derivative of x*sigma(x), from the product rule (Elfwing et al.'s dSiLU)."""
    s = sig(x)
    return s + x * s * (1 - s)


def mish(x: Any) -> Any:
    return x * mpmath.tanh(softplus(x))


def hardsigmoid(x: Any) -> Any:
    return relu6(x + 3) / 6


def hardswish(x: Any) -> Any:
    return x * hardsigmoid(x)


def hardtanh(x: Any, lo: Any = -1, hi: Any = 1) -> Any:
    return min(max(x, mpf(lo)), mpf(hi))


def squareplus(x: Any, b: Any) -> Any:
    return (x + mpmath.sqrt(x * x + b)) / 2


def softsign(x: Any) -> Any:
    return x / (1 + abs(x))


def gauss(x: Any) -> Any:
    return mpmath.exp(-x * x)


def leaky(x: Any, slope: Any) -> Any:
    return x if x >= 0 else slope * x


def hardshrink(x: Any, lam: Any) -> Any:
    return x if (x > lam or x < -lam) else mpf(0)


def softshrink(x: Any, lam: Any) -> Any:
    return x - lam if x > lam else (x + lam if x < -lam else mpf(0))


def ind(c: bool) -> Any:
    return mpf(1) if c else mpf(0)


def dd(f: Callable[..., Any], n: int = 1) -> Callable[..., Any]:
    """The n-th derivative of f in its first argument, numerically (mpmath's extrapolated
    differences at the working precision), with f's own parameters: dd(f)(x=…, alpha=…)."""
    sig_ = inspect.signature(f)
    var = next(iter(sig_.parameters))

    def d(**e: Any) -> Any:
        return mpmath.diff(lambda t: f(**{**e, var: t}), e[var], n)

    d.__signature__ = sig_  # type: ignore[attr-defined]
    return d


def minimum(f: Callable[[Any], Any], x0: float) -> tuple[Any, Any]:
    """(argmin, min) of a smooth function near x0, by a root of its derivative."""
    xm = mpmath.findroot(lambda t: mpmath.diff(f, t), mpf(x0))
    return xm, f(xm)


def _selu_constants() -> tuple[Any, Any]:
    """alpha_01 and lambda_01 from their closed forms (Klambauer et al. 2017, eq. 14), at 80
    digits; they agree with PyTorch's 32-digit values in every digit PyTorch gives."""
    with mp.workdps(80):
        e, pi, erfc, sqrt = mpmath.e, mpmath.pi, mpmath.erfc, mpmath.sqrt
        a01 = -sqrt(2 / pi) / (erfc(1 / sqrt(2)) * mpmath.exp(mpf(1) / 2) - 1)
        l01 = ((1 - erfc(1 / sqrt(2)) * sqrt(e)) * sqrt(2 * pi)
               * (2 * erfc(sqrt(2)) * e**2 + pi * erfc(1 / sqrt(2))**2 * e
                  - 2 * (2 + pi) * erfc(1 / sqrt(2)) * sqrt(e) + pi + 2) ** (-mpf(1) / 2))
        return +a01, +l01


A01, L01 = _selu_constants()
TORCH_ALPHA = "1.6732632423543772848170429916717"
TORCH_SCALE = "1.0507009873554804934193349852946"


def mu_tilde(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any, sign: int = -1) -> Any:
    """The paper's closed form of the mean of selu(z), z ~ N(mu*om, nu*tau); sign = +1 is the
    post's slip in the third term."""
    m, s2 = mu * om, nu * tau
    r = mpmath.sqrt(2 * s2)
    return lam / 2 * (m * mpmath.erf(m / r) + alpha * mpmath.exp(m + s2 / 2) * mpmath.erfc((m + s2) / r)
                      + sign * alpha * mpmath.erfc(m / r) + mpmath.sqrt(2 / mpmath.pi) * mpmath.sqrt(s2)
                      * mpmath.exp(-m**2 / (2 * s2)) + m)


def nu_tilde(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any, first: int = 2) -> Any:
    """The paper's closed form of the variance of selu(z); first = 1 is the post's slip."""
    m, s2 = mu * om, nu * tau
    r = mpmath.sqrt(2 * s2)
    erfc, exp = mpmath.erfc, mpmath.exp
    second = lam**2 / 2 * ((m**2 + s2) * (first - erfc(m / r))
                           + alpha**2 * (-2 * exp(m + s2 / 2) * erfc((m + s2) / r)
                                         + exp(2 * (m + s2)) * erfc((m + 2 * s2) / r) + erfc(m / r))
                           + mpmath.sqrt(2 / mpmath.pi) * m * mpmath.sqrt(s2) * exp(-m**2 / (2 * s2)))
    return second - mu_tilde(mu, om, nu, tau, lam, alpha) ** 2


def selu_moment(k: int, mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any, lo: Any = -inf) -> Any:
    """E[selu(z)^k 1_{z > lo}] for z ~ N(mu*om, nu*tau), by quadrature (split at the kink)."""
    m, s = mu * om, mpmath.sqrt(nu * tau)
    pts = [lo, 0, inf] if lo < 0 else [lo, inf]
    return mpmath.quad(lambda z: selu(z, lam, alpha) ** k * mpmath.npdf(z, m, s), pts)


# ---------------------------------------------------------------------------------------------
# evaluation


class Undefined(Exception):
    """A side has no real value at the point."""


def _names(f: Callable[..., Any]) -> list[str]:
    return [p.name for p in inspect.signature(f).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _kwargs(f: Callable[..., Any], env: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for p in inspect.signature(f).parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.name in env:
            out[p.name] = env[p.name]
        elif p.default is p.empty:
            raise KeyError(f"{p.name} is not given")
    return out


def call(f: Callable[..., Any], env: dict[str, Any]) -> Any:
    """f applied to the entries of env it names (by its parameter names), as a real number."""
    kwargs = _kwargs(f, env)
    try:
        v = f(**kwargs)
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        raise Undefined(str(exc)) from None
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpf(10) ** (-DIGITS) * max(1, abs(v.real)):
            raise Undefined("complex")
        v = v.real
    if isinstance(v, (int, float)):
        v = mpf(v)
    if not mpmath.isfinite(v):
        raise Undefined("not finite")
    return v


def value(f: Callable[..., Any], env: dict[str, Any], relative: bool = False, cap: int = 20000) -> Any:
    """f at env, to DIGITS digits: evaluated at WORK digits and again at more, raising the
    precision until two agree. With ``relative``, they must agree relatively (for tails, where a
    value is tiny and a cancellation hides it), and a value that stays exactly 0 is taken as 0 once
    the precision reaches ``cap``."""
    dps, prev = WORK, None
    while True:
        with mp.workdps(dps):
            v = call(f, {k: mpf(x) for k, x in env.items()})
        if prev is not None:
            scale = abs(v) if relative else max(mpf(1), abs(v))
            if abs(v - prev) <= mpf(10) ** (-DIGITS - 5) * scale and not (relative and v == 0):
                return +v
            if relative and v == 0 and prev == 0 and dps >= cap:
                return +v
        prev = v
        dps = dps + 30 if (dps == WORK and not relative) else 2 * dps
        if dps > max(cap, 2 * WORK):
            return +v


def s50(v: Any) -> str:
    """A number as recorded: 50 significant digits."""
    return mpmath.nstr(v, DIGITS, strip_zeros=False) if mpmath.isfinite(v) else str(v)


def same(a: Any, b: Any, digits: int = 45) -> bool:
    """a and b agree to ``digits`` digits (relative, or absolute below 1)."""
    return abs(a - b) <= mpf(10) ** (-digits) * max(mpf(1), abs(a), abs(b))


#: Test points of a real variable: negative, positive, tiny, far tails.
POINTS = ("-350", "-37.5", "-9.25", "-3.7", "-1.3", "-0.6", "-0.001", "0.001", "0.45", "1.1", "2.9",
          "7.25", "23", "350")
R = ((-inf, 0), (0, inf))  # the real line, as a domain of intervals
NUM = ((0, 0),)  # no variable: one evaluation


def _grid(domain: Sequence[tuple[Any, Any]], n: int, reach: Any = 1000) -> list[Any]:
    """Points of the domain: n + 1 evenly spaced on each finite interval; on a half line, n + 1
    over its first 40 and then geometrically out to ``reach`` (the far tail)."""
    pts: list[Any] = []
    for lo, hi in domain:
        lo_, hi_ = mpf(lo), mpf(hi)
        if mpmath.isinf(hi_) or mpmath.isinf(lo_):  # a half line: a linear grid, then a geometric one
            a = lo_ if not mpmath.isinf(lo_) else hi_
            sgn = 1 if mpmath.isinf(hi_) else -1
            pts += [a + sgn * mpf(k) * 40 / n for k in range(n + 1)]
            top = int(4 * mpmath.log10(reach))
            pts += [a + sgn * mpf(10) ** (mpf(k) / 4) for k in range(6, top + 1)]
        else:
            pts += [lo_ + (hi_ - lo_) * mpf(k) / n for k in range(n + 1)]
    return pts


def _inside(p: Any, domain: Sequence[tuple[Any, Any]]) -> bool:
    return any(mpf(lo) <= p <= mpf(hi) for lo, hi in domain)


def _envs(variables: dict[str, Sequence[Any]], params: dict[str, Sequence[Any]],
          where: Callable[..., bool] | None = None) -> list[dict[str, Any]]:
    names = list(variables) + list(params)
    values = [list(variables[n]) for n in variables] + [list(params[n]) for n in params]
    out = []
    for combo in itertools.product(*values):
        env = {n: mpf(v) for n, v in zip(names, combo)}
        if where is not None:
            with mp.workdps(WORK):
                if not call(where, env):
                    continue
        out.append(env)
    return out or [{}]


def _show(env: dict[str, Any]) -> dict[str, str]:
    return {k: s50(v) for k, v in env.items()}


def _point(w: dict[str, str], skip: Sequence[str] = ("lhs", "rhs", "coefficient", "lhs/rhs", "slack", "abs_error",
                                                    "slack_lo", "slack_hi")) -> dict[str, Any]:
    """The point of a piece of evidence: its variables and parameters, without the values."""
    return {k: mpf(v) for k, v in w.items() if k not in skip}


Fn = Callable[..., Any]


def _slack(lhs: Fn, rhs: Fn, op: str) -> Fn:
    """rhs - lhs, signed so that the relation holds where it is >= 0 (> 0 for a strict one)."""
    sign = 1 if op in ("<", "<=") else -1
    names = list(dict.fromkeys(_names(lhs) + _names(rhs)))

    def h(**e: Any) -> Any:
        e = {k: v for k, v in e.items() if v is not None}
        return sign * (call(rhs, e) - call(lhs, e))

    h.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None) for n in names])
    return h


def _refine_extrema(h: Fn, pts: list[Any], env: dict[str, Any], var: str) -> list[Any]:
    """Points where h is locally smallest on the grid, refined to a root of h'."""
    vals: list[Any] = []
    with mp.workdps(30):
        for p in pts:
            try:
                vals.append(call(h, {**env, var: p}))
            except Undefined:
                vals.append(None)
    out = []
    for i in range(1, len(pts) - 1):
        a, b, c = vals[i - 1], vals[i], vals[i + 1]
        if None in (a, b, c) or not (b <= a and b <= c) or a == b == c:
            continue
        try:
            with mp.workdps(WORK):
                r = mpmath.findroot(lambda t: mpmath.diff(lambda u: call(h, {**env, var: u}), t), pts[i])
            if min(pts[i - 1], pts[i + 1]) <= r <= max(pts[i - 1], pts[i + 1]):
                out.append(r)
        except (ZeroDivisionError, ValueError, Undefined, TypeError):
            pass
    return out


_CMP = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b}

# ---------------------------------------------------------------------------------------------
# checks: each computes the truth of a link, and its evidence at a point


@dataclass(frozen=True)
class Identity:
    """lhs = rhs for every value of the variables (where ``where`` holds) and of the parameters
    (their admissible values). An integral or a derivative is a side computed by mpmath."""

    lhs: Fn
    rhs: Fn
    variables: dict[str, Sequence[Any]] = field(default_factory=lambda: {"x": POINTS})
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    where: Fn | None = None
    witness: dict[str, Any] | None = None

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        return {**_show(pt), "lhs": s50(value(self.lhs, pt)), "rhs": s50(value(self.rhs, pt))}

    def violated(self, ev: dict[str, str]) -> bool:
        return not same(mpf(ev["lhs"]), mpf(ev["rhs"]))

    def verify(self, quick: bool = False) -> dict[str, Any]:
        envs = _envs(self.variables, self.params, self.where)
        if self.witness is not None:
            envs = [{k: mpf(v) for k, v in self.witness.items()}] + envs
        compared, first = 0, None
        for env in envs[:3] if quick else envs:
            try:
                ev = self.evidence_at(env)
            except Undefined:
                continue
            compared += 1
            first = first or ev
            if self.violated(ev):
                return {"truth": False, "witness": ev}
        return {"truth": True, "compared": compared, "at": first}


@dataclass(frozen=True)
class Series:
    """f = sum(coeffs[k] x^k) + O(x^order) at 0: the Taylor coefficients of f below the order
    (mpmath.taylor at 90 digits) against the claimed ones."""

    f: Fn
    coeffs: Sequence[Any]
    order: int
    params: dict[str, Sequence[Any]] = field(default_factory=dict)

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        k = int(pt["coefficient"].split("^")[1]) if isinstance(pt.get("coefficient"), str) else pt["k"]
        env = {n: v for n, v in pt.items() if n not in ("coefficient", "k")}
        env = {n: mpf(v) for n, v in env.items()}
        with mp.workdps(90):
            got = mpmath.taylor(lambda t: call(self.f, {**env, "x": t}), 0, k)[k]
            c = self.coeffs[k] if k < len(self.coeffs) else 0
            want = call(c, env) if callable(c) else mpf(c)
        return {**_show(env), "coefficient": f"x^{k}", "lhs": s50(got), "rhs": s50(want)}

    def violated(self, ev: dict[str, str]) -> bool:
        return abs(mpf(ev["lhs"]) - mpf(ev["rhs"])) > mpf(10) ** -40

    def verify(self, quick: bool = False) -> dict[str, Any]:
        ev: dict[str, str] = {}
        for env in _envs({}, self.params):
            for k in range(self.order):
                ev = self.evidence_at({**env, "k": k})
                if self.violated(ev):
                    return {"truth": False, "witness": ev}
        return {"truth": True, "compared": self.order, "at": ev}


@dataclass(frozen=True)
class Limit:
    """lim f = limit as ``var`` tends to ``at`` (from ``side`` for a finite point), pointwise in
    the other variables: f at points ever closer (``approach``). True when the last two values
    are within 1e-8 of the limit; the witness of a false one is the closest point, where f stays
    away from the claimed limit."""

    f: Fn
    at: Any
    limit: Any
    var: str = "x"
    side: int = 0
    variables: dict[str, Sequence[Any]] = field(default_factory=dict)
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    approach: Sequence[Any] = ()

    def _points(self) -> list[Any]:
        if self.approach:
            return [mpf(t) for t in self.approach]
        if self.at == inf:
            return [mpf(10) ** k for k in (3, 6, 9)]
        if self.at == -inf:
            return [-mpf(10) ** k for k in (3, 6, 9)]
        return [mpf(self.at) + self.side * mpf(10) ** -k for k in (10, 20, 30)]

    def _target(self, env: dict[str, Any]) -> Any:
        with mp.workdps(WORK):
            return call(self.limit, env) if callable(self.limit) else mpf(self.limit)

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        t = self._target(pt)
        return {**_show(pt), "lhs": s50(value(self.f, pt)), "rhs": s50(t)}

    def violated(self, ev: dict[str, str]) -> bool:
        a, t = mpf(ev["lhs"]), mpf(ev["rhs"])
        if mpmath.isinf(t):
            return not ((a > 10**6) if t > 0 else (a < -10**6))
        return abs(a - t) > mpf(10) ** -4 * max(1, abs(t))

    def verify(self, quick: bool = False) -> dict[str, Any]:
        for env in _envs(self.variables, self.params):
            pts = self._points()
            evs = [self.evidence_at({**env, self.var: t}) for t in pts[-2:]]
            t = self._target(env)
            if mpmath.isinf(t):
                ok = not self.violated(evs[-1])
            else:
                ok = all(abs(mpf(ev["lhs"]) - t) <= mpf(10) ** -8 * max(1, abs(t)) for ev in evs)
            if not ok:
                if not self.violated(evs[-1]):
                    raise AssertionError(f"a limit neither confirmed nor refuted: {evs}")
                return {"truth": False, "witness": evs[-1]}
            last = evs[-1]
        return {"truth": True, "at": last}


@dataclass(frozen=True)
class Asymptotic:
    """f ~ g as x -> at: the ratio, evaluated relatively exactly at ``approach``, tends to 1:
    within 1e-3 at the last point and closer than at the first (true); more than 1e-2 away at
    the last point (false)."""

    f: Fn
    g: Fn
    at: Any
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    approach: Sequence[Any] = ("1e2", "1e3", "1e4")

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        r = value(self.f, pt, relative=True) / value(self.g, pt, relative=True)
        return {**_show(pt), "lhs/rhs": s50(r)}

    def violated(self, ev: dict[str, str]) -> bool:
        return abs(mpf(ev["lhs/rhs"]) - 1) > mpf(10) ** -2

    def verify(self, quick: bool = False) -> dict[str, Any]:
        sgn = 1 if self.at == inf else -1
        for env in _envs({}, self.params):
            evs = [self.evidence_at({**env, "x": sgn * mpf(t)}) for t in self.approach]
            r0, r1 = (abs(mpf(ev["lhs/rhs"]) - 1) for ev in (evs[0], evs[-1]))
            if not (r1 < mpf(10) ** -3 and r1 <= r0):
                if not self.violated(evs[-1]):
                    raise AssertionError(f"an asymptote neither confirmed nor refuted: {evs}")
                return {"truth": False, "witness": evs[-1]}
            last = evs[-1]
        return {"truth": True, "at": last}


@dataclass(frozen=True)
class Inequality:
    """lhs op rhs for every value of the variable on ``domain`` and of the parameters: the slack
    is scanned on a grid, its local minima refined to a root of its derivative, and ``extra``
    points (where the bound is tight) added."""

    lhs: Fn
    op: str
    rhs: Fn
    domain: Sequence[tuple[Any, Any]] = R
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    extra: Sequence[Any] = ()
    var: str = "x"
    witness: dict[str, Any] | None = None
    n: int = 400
    reach: Any = 1000     # how far out the grid goes on a half line

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        slack = value(_slack(self.lhs, self.rhs, self.op), pt, relative=True, cap=2500)
        return {**_show(pt), "lhs": s50(value(self.lhs, pt, relative=True, cap=2500)),
                "rhs": s50(value(self.rhs, pt, relative=True, cap=2500)), "slack": s50(slack)}

    def violated(self, ev: dict[str, str]) -> bool:
        slack = mpf(ev["slack"])
        return not (slack > 0 if self.op in ("<", ">") else slack >= 0)

    def verify(self, quick: bool = False) -> dict[str, Any]:
        if self.witness is not None:
            ev = self.evidence_at({k: mpf(v) for k, v in self.witness.items()})
            if self.violated(ev):
                return {"truth": False, "witness": ev}
        h = _slack(self.lhs, self.rhs, self.op)
        tight: tuple[Any, dict[str, str]] | None = None
        for env in _envs({}, self.params):
            grid = _grid(self.domain, 24 if quick else self.n, 40 if quick else self.reach)
            pts = [mpf(p) for p in self.extra] + grid
            if not quick:
                pts += _refine_extrema(h, grid, env, self.var)
            for p in pts:
                if not _inside(p, self.domain):
                    continue
                try:
                    ev = self.evidence_at({**env, self.var: p})
                except Undefined:
                    continue
                if self.violated(ev):
                    return {"truth": False, "witness": ev}
                sl = mpf(ev["slack"])
                if tight is None or sl < tight[0]:
                    tight = (sl, ev)
        return {"truth": True, "at": tight[1] if tight else None}


@dataclass(frozen=True)
class Membership:
    """f(x) in an interval from lo to hi (ends closed as given; a bound may depend on the
    parameters) for every x on ``domain``: two inequalities, scanned as :class:`Inequality`."""

    f: Fn
    lo: Any
    hi: Any
    closed: tuple[bool, bool] = (False, False)
    domain: Sequence[tuple[Any, Any]] = R
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    extra: Sequence[Any] = ()
    witness: dict[str, Any] | None = None
    reach: Any = 1000

    def _parts(self) -> list[tuple[str, Inequality]]:
        out = []
        for name, bound, op in (("slack_lo", self.lo, ">=" if self.closed[0] else ">"),
                                ("slack_hi", self.hi, "<=" if self.closed[1] else "<")):
            if not callable(bound) and mpmath.isinf(mpf(bound)):
                continue
            b = bound if callable(bound) else _const(bound)
            out.append((name, Inequality(self.f, op, b, self.domain, self.params, self.extra, witness=self.witness,
                                         reach=self.reach)))
        return out

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        ev = {**_show(pt), "lhs": s50(value(self.f, pt, relative=True, cap=2500))}
        for name, part in self._parts():
            ev[name] = part.evidence_at(pt)["slack"]
        return ev

    def violated(self, ev: dict[str, str]) -> bool:
        return any(part.violated({"slack": ev[name]}) for name, part in self._parts())

    def verify(self, quick: bool = False) -> dict[str, Any]:
        tight = None
        for _, part in self._parts():
            got = part.verify(quick)
            if not got["truth"]:
                return {"truth": False, "witness": self.evidence_at(_point(got["witness"]))}
            if got["at"] is not None and (tight is None or mpf(got["at"]["slack"]) < tight[0]):
                tight = (mpf(got["at"]["slack"]), got["at"])
        if tight is None:  # no finite bound: any value is in the interval
            return {"truth": True, "at": self.evidence_at({"x": mpf(1), **{k: mpf(v[0]) for k, v in self.params.items()}})}
        return {"truth": True, "at": self.evidence_at(_point(tight[1]))}


def _const(c: Any) -> Fn:
    """A constant side: a number, a decimal string, or Q(p, q), made at the working precision."""
    if callable(c):
        return c

    def k() -> Any:
        return mpf(c)
    return k


def Q(p: int, q: int = 1) -> Fn:
    """The rational p/q, made when it is used (at the working precision, not at import)."""
    def r() -> Any:
        return mpf(p) / q
    return r


@dataclass(frozen=True)
class Approximation:
    """lhs ≈ rhs: the maximum absolute error over ``domain`` (by default [-6, 6], the issue's
    rule) is at most the tolerance (0.03). For numbers (``domain=None``), their difference."""

    lhs: Fn
    rhs: Fn
    domain: Sequence[tuple[Any, Any]] | None = APPROX_DOMAIN
    params: dict[str, Sequence[Any]] = field(default_factory=dict)
    tol: float = APPROX_TOL
    n: int = 1200
    var: str = "x"

    def evidence_at(self, pt: dict[str, Any]) -> dict[str, str]:
        a, b = value(self.lhs, pt), value(self.rhs, pt)
        return {**_show(pt), "lhs": s50(a), "rhs": s50(b), "abs_error": s50(abs(a - b))}

    def violated(self, ev: dict[str, str]) -> bool:
        return mpf(ev["abs_error"]) > self.tol

    def verify(self, quick: bool = False) -> dict[str, Any]:
        worst: tuple[Any, dict[str, str]] | None = None
        neg = _slack(self.lhs, self.rhs, "<")  # rhs - lhs: the error is |this|
        for env in _envs({}, self.params):
            if self.domain is None:
                pts: list[Any] = [None]
            else:
                pts = _grid(self.domain, 120 if quick else self.n)
                if not quick:
                    for sgn in (1, -1):
                        f = (lambda s: (lambda **e: s * call(neg, e)))(sgn)
                        f.__signature__ = inspect.signature(neg)  # type: ignore[attr-defined]
                        pts += [p for p in _refine_extrema(f, pts, env, self.var) if _inside(p, self.domain)]
            for p in pts:
                e = dict(env) if p is None else {**env, self.var: p}
                try:
                    ev = self.evidence_at(e)
                except Undefined:
                    continue
                if worst is None or mpf(ev["abs_error"]) > worst[0]:
                    worst = (mpf(ev["abs_error"]), ev)
        assert worst is not None
        err, ev = worst
        out: dict[str, Any] = {"truth": bool(err <= self.tol), "max_abs_error": ev["abs_error"],
                               "tolerance": self.tol, "at": ev, "witness": ev}
        out["domain"] = None if self.domain is None else [[str(a), str(b)] for a, b in self.domain]
        out["margin_ok"] = bool(err <= APPROX_MARGIN[0] * self.tol or err >= APPROX_MARGIN[1] * self.tol)
        return out


# ---------------------------------------------------------------------------------------------
# the corpus


@dataclass(frozen=True)
class Entry:
    """A link of a post: where it is and what it claims."""

    id: str
    file: str
    key: str              # a piece of the formula's LaTeX that is in no other formula of the post
    k: int                # the index of the link in the formula, as split_links splits it
    role: str             # "claim", "definition" or "condition"
    truth: bool | None = None
    kind: str = ""
    source: str = ""
    check: Check = None
    twin_of: str | None = None
    note: str = ""
    nth: int = 0          # which formula, where the key is in several


LINKS: dict[str, Entry] = {}
_FILE_SOURCE: dict[str, str] = {}
_COUNTER: dict[str, int] = {}
_LAST_TRUE: dict[str, str] = {}


def post(file: str, source: str) -> None:
    _FILE_SOURCE[file] = source


def _new_id(file: str) -> str:
    stem = file.removesuffix(".md")
    _COUNTER[stem] = _COUNTER.get(stem, 0) + 1
    return f"{stem}-{_COUNTER[stem]:03d}"


def T(file: str, key: str, k: int, kind: str, where: str, check: Check, note: str = "",
      nth: int = 0, name: str | None = None) -> str:
    """A true link. Returns its id (the twins that follow refer to it)."""
    i = _new_id(file)
    LINKS[i] = Entry(i, file, key, k, "claim", True, kind, f"{_FILE_SOURCE[file]}; {where}" if where else
                     _FILE_SOURCE[file], check, None, note, nth)
    _LAST_TRUE[file] = i
    if name:
        _NAMES[name] = i
    return i


_NAMES: dict[str, str] = {}


def F(file: str, key: str, k: int, kind: str, slip: str, check: Check, twin: str | None = None,
      note: str = "", nth: int = 0) -> str:
    """A false link: the twin of ``twin`` (by default the last true link of the post)."""
    i = _new_id(file)
    t = twin if twin is None or twin in LINKS else _NAMES[twin]
    t = t or _LAST_TRUE[file]
    LINKS[i] = Entry(i, file, key, k, "claim", False, kind, f"{LINKS[t].source}; the slip: {slip}", check, t, note, nth)
    return i


def D(file: str, key: str, k: int = 0, note: str = "", nth: int = 0) -> None:
    """A definition of a new name, or a declaration of a parameter's value."""
    i = _new_id(file)
    LINKS[i] = Entry(i, file, key, k, "definition", None, "definition", _FILE_SOURCE[file], None, None, note, nth)


def C(file: str, key: str, k: int = 0, note: str = "", nth: int = 0) -> None:
    """A condition or a statement of a distribution: not a claim for all values."""
    i = _new_id(file)
    LINKS[i] = Entry(i, file, key, k, "condition", None, "condition", _FILE_SOURCE[file], None, None, note, nth)


# ---------------------------------------------------------------------------------------------
# the posts, link by link (the order of each post; a false link follows the true one it is the
# twin of, or names it)

A = ("0.5", "1", "2.5")          # admissible values of a positive parameter
B = ("0.5", "1", "2.5")

# --- gelu.md ---------------------------------------------------------------------------------
g = "gelu.md"
post(g, "Hendrycks & Gimpel 2016, arXiv 1606.08415")
C(g, r"X \sim \mathcal{N}(0, 1)", note="a distribution, not an asymptote")
t1 = T(g, r"= xP(X \le x) = x\Phi(x) =", 0, "identity", "§2, the definition",
       Identity(gelu, lambda x: x * Phi(x)), note="P(X <= x) = Phi(x) for a standard normal X")
t2 = T(g, r"= xP(X \le x) = x\Phi(x) =", 1, "identity", "§2", Identity(lambda x: x * Phi(x), lambda x: x * Phi(x)),
       note="both sides are x Phi(x) by the meaning of P(X <= x)")
t3 = T(g, r"= xP(X \le x) = x\Phi(x) =", 2, "identity", "§2, the erf form",
       Identity(lambda x: x * Phi(x), lambda x: x * (1 + mpmath.erf(x / mpmath.sqrt(2))) / 2))
F(g, r"\text{GELU}(x) = xP(X \ge x)", 0, "identity", "the upper tail P(X >= x) = Phi(-x)",
  Identity(gelu, lambda x: x * Phi(-x), witness={"x": 1}), twin=t1)
F(g, r"\text{GELU}(x) = x\Phi(-x)", 0, "identity", "Phi(-x) for Phi(x)",
  Identity(gelu, lambda x: x * Phi(-x), witness={"x": 1}), twin=t2)
F(g, r"\text{erf}(x/2)\right]", 0, "identity", "erf(x/2) for erf(x/sqrt 2)",
  Identity(gelu, lambda x: x * (1 + mpmath.erf(x / 2)) / 2, witness={"x": 1}), twin=t3)
T(g, r"\int_{-\infty}^{x} \frac{1}{\sqrt{2\pi}} e^{-t^2/2}", 0, "integral", "§2, Phi as the Gaussian integral",
  Identity(Phi, lambda x: mpmath.quad(lambda t: mpmath.exp(-t**2 / 2), [-inf, x]) / mpmath.sqrt(2 * mpmath.pi),
           variables={"x": ("-3.7", "-0.6", "0.001", "1.1", "7.25")}))
F(g, r"\int_{-\infty}^{x} \frac{1}{\sqrt{\pi}} e^{-t^2/2}", 0, "integral", "1/sqrt(pi) for 1/sqrt(2 pi)",
  Identity(Phi, lambda x: mpmath.quad(lambda t: mpmath.exp(-t**2 / 2), [-inf, x]) / mpmath.sqrt(mpmath.pi),
           variables={}, witness={"x": 0}))


def gelu_tanh(x: Any, c: Any = None, k: Any = "0.044715") -> Any:
    c = mpmath.sqrt(2 / mpmath.pi) if c is None else c
    return x / 2 * (1 + mpmath.tanh(c * (x + mpf(k) * x**3)))


ta = T(g, r"\text{GELU}(x) \approx 0.5x\left(1 + \tanh\left[\sqrt{2/\pi}", 0, "approximation", "§2, the tanh form",
       Approximation(gelu, gelu_tanh))
ts = T(g, r"\text{GELU}(x) \approx x\sigma(1.702x)", 0, "approximation", "§2, the sigmoid form",
       Approximation(gelu, lambda x: x * sig(mpf("1.702") * x)))
F(g, r"\text{GELU}(x) = 0.5x\left(1 + \tanh\left[\sqrt{2/\pi}", 0, "identity",
  "an approximation written as an identity (off by about 1e-4)", Identity(gelu, gelu_tanh, witness={"x": 1}), twin=ta)
F(g, r"\sqrt{\pi/2}", 0, "approximation", "sqrt(pi/2) for sqrt(2/pi)",
  Approximation(gelu, lambda x: gelu_tanh(x, mpmath.sqrt(mpmath.pi / 2))), twin=ta)
F(g, r"x\sigma(1.5x)", 0, "approximation", "1.5 for 1.702", Approximation(gelu, lambda x: x * sig(mpf("1.5") * x)),
  twin=ts)
D(g, r"\mu = 0", note="the mean of the Gaussian, set to 0")
tl = T(g, r"\lim_{\sigma \to 0^+} x\Phi\left(\frac{x}{\sigma}\right)", 0, "limit", "§2, the ReLU as a limit",
       Limit(lambda x, s: x * Phi(x / s), 0, lambda x: relu(x), var="s", side=1,
             variables={"x": ("-2.5", "-0.3", "0", "0.7", "4")}))
F(g, r"\lim_{\sigma \to 0^+} x\Phi(x/\sigma) = x", 0, "limit", "forgets the negative half",
  Limit(lambda x, s: x * Phi(x / s), 0, lambda x: x, var="s", side=1, variables={"x": ("-2.5",)}), twin=tl)
tr = T(g, r"x\mathbb{1}_{x > 0}", 0, "identity", "abstract: ReLU gates by the sign",
       Identity(relu, lambda x: x * ind(x > 0)))
F(g, r"x\mathbb{1}_{x < 0}", 0, "identity", "the indicator reversed", Identity(relu, lambda x: x * ind(x < 0),
                                                                              witness={"x": 1}), twin=tr)
C(g, r"m \sim \text{Bernoulli}(\Phi(x))", note="a distribution")
te1 = T(g, r"\mathbb{E}[mx] = \Phi(x) \cdot x", 0, "identity", "§3, the expectation of the stochastic regulariser",
        Identity(lambda x: Phi(x) * x + (1 - Phi(x)) * 0, lambda x: Phi(x) * x + (1 - Phi(x)) * 0),
        note="E[mx] for m ~ Bernoulli(Phi(x)): the two outcomes weighted")
te2 = T(g, r"\mathbb{E}[mx] = \Phi(x) \cdot x", 1, "identity", "§3", Identity(lambda x: Phi(x) * x, lambda x: x * Phi(x)))
F(g, r"\mathbb{E}[mx] = (1 - \Phi(x)) \cdot x", 0, "identity", "the wrong half",
  Identity(lambda x: Phi(x) * x, lambda x: (1 - Phi(x)) * x, witness={"x": 1}), twin=te1)
F(g, r"(1 - \Phi(x)) \cdot x + \Phi(x) \cdot 0 = x\Phi(x)", 0, "identity", "the weights swapped",
  Identity(lambda x: (1 - Phi(x)) * x, gelu, witness={"x": 1}), twin=te2)
td = T(g, r"\frac{d}{dx}\text{GELU}(x) = \Phi(x) + x\varphi(x)", 0, "derivative", "derived; Wikipedia's table",
       Identity(dd(gelu), lambda x: Phi(x) + x * phi(x)))
F(g, r"\frac{d}{dx}\text{GELU}(x) = \Phi(x) - x\varphi(x)", 0, "derivative", "a sign",
  Identity(dd(gelu), lambda x: Phi(x) - x * phi(x), witness={"x": 1}), twin=td)
tp = T(g, r"\varphi'(x) = -x\varphi(x)", 0, "derivative", "the Gaussian density", Identity(dd(phi), lambda x: -x * phi(x)))
F(g, r"\varphi'(x) = -x^2\varphi(x)", 0, "derivative", "x^2 for x", Identity(dd(phi), lambda x: -x**2 * phi(x),
                                                                             witness={"x": 2}), twin=tp)
t2d = T(g, r"\text{GELU}''(x) = 2\varphi(x) - x^2\varphi(x)", 0, "derivative", "derived",
        Identity(dd(gelu, 2), lambda x: 2 * phi(x) - x**2 * phi(x)))
F(g, r"\text{GELU}''(x) = 2\varphi(x) + x^2\varphi(x)", 0, "derivative", "a sign",
  Identity(dd(gelu, 2), lambda x: 2 * phi(x) + x**2 * phi(x), witness={"x": 1}), twin=t2d)
R2P = lambda: 1 / mpmath.sqrt(2 * mpmath.pi)  # noqa: E731
ts4 = T(g, r"\frac{x^2}{\sqrt{2\pi}} + O(x^4)", 0, "series", "derived (Taylor at 0)",
        Series(gelu, [0, Q(1, 2), R2P], 4))
ts6 = T(g, r"- \frac{x^4}{6\sqrt{2\pi}} + O(x^6)", 0, "series", "derived (Taylor at 0)",
        Series(gelu, [0, Q(1, 2), R2P, 0, lambda: -R2P() / 6], 6))
F(g, r"\frac{x^2}{\sqrt{\pi}} + O(x^4)", 0, "series", "sqrt(pi) for sqrt(2 pi)",
  Series(gelu, [0, Q(1, 2), lambda: 1 / mpmath.sqrt(mpmath.pi)], 4), twin=ts4)
F(g, r"- \frac{x^4}{3\sqrt{2\pi}} + O(x^6)", 0, "series", "1/3 for 1/6",
  Series(gelu, [0, Q(1, 2), R2P, 0, lambda: -R2P() / 3], 6), twin=ts6)
tl1 = T(g, r"\lim_{x \to -\infty} \text{GELU}(x) = 0, \qquad", 0, "limit", "derived", Limit(gelu, -inf, 0))
tl2 = T(g, r"\lim_{x \to -\infty} \text{GELU}(x) = 0, \qquad", 1, "limit", "derived", Limit(lambda x: gelu(x) - x, inf, 0))
F(g, r"\lim_{x \to -\infty} \text{GELU}(x) = -\infty", 0, "limit", "the ReLU's left half is flat",
  Limit(gelu, -inf, -inf), twin=tl1)
F(g, r"\bigl(\text{GELU}(x) - x\bigr) = \tfrac{1}{2}", 0, "limit", "a constant", Limit(lambda x: gelu(x) - x, inf, Q(1, 2)),
  twin=tl2)
tv = T(g, r"\text{GELU}(1) = \Phi(1) \approx 0.8413", 0, "value", "derived", Identity(lambda: gelu(mpf(1)), lambda: Phi(mpf(1)),
                                                                                  variables={}))
tva = T(g, r"\text{GELU}(1) = \Phi(1) \approx 0.8413", 1, "approximation", "a value to four figures",
        Approximation(lambda: Phi(mpf(1)), lambda: mpf("0.8413"), domain=None))
F(g, r"\text{GELU}(-1) = \Phi(-1)", 0, "value", "GELU(-1) = -Phi(-1)",
  Identity(lambda: gelu(mpf(-1)), lambda: Phi(mpf(-1)), variables={}), twin=tv)
F(g, r"\text{GELU}(-1) \approx 0.1587", 0, "approximation", "the sign", Approximation(lambda: gelu(mpf(-1)),
                                                                                     lambda: mpf("0.1587"), domain=None), twin=tva)
C(g, r"x \approx -0.75", note="where the minimum is, not a claim for all x")
GMIN = lambda: minimum(gelu, -0.75)[1]  # noqa: E731
tm = T(g, r"\min_{x} \text{GELU}(x) \approx -0.17", 0, "approximation", "derived; the paper's figure",
       Approximation(GMIN, lambda: mpf("-0.17"), domain=None))
tb = T(g, r"\text{GELU}(x) \ge -0.17", 0, "inequality", "derived", Inequality(gelu, ">=", _const("-0.17")))
F(g, r"\text{GELU}(x) \ge -0.16", 0, "inequality", "too tight", Inequality(gelu, ">=", _const("-0.16"),
                                                                          witness={"x": "-0.75179152469356445745790494677952"}),
  twin=tb)
F(g, r"\min_{x} \text{GELU}(x) \approx -0.21", 0, "approximation", "too far off",
  Approximation(GMIN, lambda: mpf("-0.21"), domain=None), twin=tm)
tu = T(g, r"\text{GELU}(x) \le \max(0, x)", 0, "inequality", "derived", Inequality(gelu, "<=", relu))
ta2 = T(g, r"|\text{GELU}(x)| \le |x|", 0, "inequality", "derived", Inequality(lambda x: abs(gelu(x)), "<=", lambda x: abs(x)))
F(g, r"\text{GELU}(x) \le x", 0, "inequality", "fails for negative x", Inequality(gelu, "<=", lambda x: x, witness={"x": -1}),
  twin=tu)
F(g, r"|\text{GELU}(x)| \le \tfrac{1}{2}|x|", 0, "inequality", "fails for positive x",
  Inequality(lambda x: abs(gelu(x)), "<=", lambda x: abs(x) / 2, witness={"x": 1}), twin=ta2)

# --- elu.md ----------------------------------------------------------------------------------
e_ = "elu.md"
post(e_, "Clevert, Unterthiner & Hochreiter 2015, arXiv 1511.07289")
AL = {"alpha": A}
C(e_, r"\alpha > 0", note="the hyperparameter's admissible values")
D(e_, r"\qquad f'(x) = \begin{cases} 1", 0, note="f, the ELU of the paper")


def elu_d(x: Any, alpha: Any) -> Any:
    """The paper's f'(x): 1 for x > 0, f(x) + alpha for x <= 0."""
    return mpf(1) if x > 0 else elu(x, alpha) + alpha


tf1 = T(e_, r"\qquad f'(x) = \begin{cases} 1", 1, "definition-then-calculus", "§3, f' beside f",
        Identity(dd(elu), elu_d, params=AL))
F(e_, r"f(x) - \alpha & \text{if } x \le 0", 0, "definition-then-calculus", "f(x) - alpha for f(x) + alpha",
  Identity(dd(elu), lambda x, alpha: mpf(1) if x > 0 else elu(x, alpha) - alpha, params=AL,
           witness={"x": -1, "alpha": 1}), twin=tf1)
tE = T(e_, r"\alpha(\exp(x) - 1) & \text{if } x \le 0 \end{cases}", 0, "known-definition", "§3; torch.nn.ELU",
       Identity(elu, lambda x, alpha: x if x > 0 else alpha * (mpmath.exp(x) - 1), params=AL))
F(e_, r"\alpha(\exp(-x) - 1)", 0, "known-definition", "exp(-x) for exp(x)",
  Identity(elu, lambda x, alpha: x if x > 0 else alpha * (mpmath.exp(-x) - 1), params=AL, witness={"x": -1, "alpha": 1}),
  twin=tE)
tP = T(e_, r"\text{ELU}(x) = \max(0, x) + \min(0, \alpha(\exp(x) - 1))", 0, "known-definition", "PyTorch's form",
       Identity(elu, lambda x, alpha: max(0, x) + min(0, alpha * (mpmath.exp(x) - 1)), params=AL))
F(e_, r"\max(0, \alpha(\exp(x) - 1))", 0, "known-definition", "max for min",
  Identity(elu, lambda x, alpha: max(0, x) + max(0, alpha * (mpmath.exp(x) - 1)), params=AL,
           witness={"x": -1, "alpha": 1}), twin=tP)
tsat = T(e_, r"\lim_{x \to -\infty} f(x) = -\alpha", 0, "definition-then-calculus", "§3, saturation to -alpha",
         Limit(elu, -inf, lambda alpha: -alpha, params=AL))
F(e_, r"\lim_{x \to -\infty} f(x) = -1", 0, "definition-then-calculus", "-1 for -alpha (true only for alpha = 1)",
  Limit(elu, -inf, -1, params={"alpha": ("2.5",)}), twin=tsat)
C(e_, r"\alpha = 1", note="a condition in prose ('only for alpha = 1'), not a declaration")
tc1 = T(e_, r"\lim_{x \to 0^-} f(x) = \lim_{x \to 0^+} f(x) = 0", 0, "definition-then-calculus", "continuity at 0",
        Limit(elu, 0, 0, side=-1, params=AL), note="both one-sided limits are 0")
tc2 = T(e_, r"\lim_{x \to 0^-} f(x) = \lim_{x \to 0^+} f(x) = 0", 1, "definition-then-calculus", "continuity at 0",
        Limit(elu, 0, 0, side=1, params=AL))
F(e_, r"\lim_{x \to 0^-} f(x) = -\alpha", 0, "definition-then-calculus", "zero confused with minus infinity",
  Limit(elu, 0, lambda alpha: -alpha, side=-1, params={"alpha": ("1",)}), twin=tc1)
F(e_, r"\lim_{x \to 0^+} f(x) = 1", 0, "definition-then-calculus", "the value confused with the slope",
  Limit(elu, 0, 1, side=1, params={"alpha": ("1",)}), twin=tc2)
tdl = T(e_, r"\lim_{x \to 0^-} f'(x) = \alpha", 0, "definition-then-calculus", "§3, the slope from the left",
        Limit(dd(elu), 0, lambda alpha: alpha, side=-1, params=AL, approach=("-1e-6", "-1e-12", "-1e-18")))
F(e_, r"\lim_{x \to 0^-} f'(x) = 1", 0, "definition-then-calculus", "1 for alpha (true only for alpha = 1)",
  Limit(dd(elu), 0, 1, side=-1, params={"alpha": ("2.5",)}, approach=("-1e-6", "-1e-12", "-1e-18")), twin=tdl)
NEG = lambda x: x <= 0  # noqa: E731
tdn = T(e_, r"f'(x) = \alpha e^{x} \quad \text{for } x \le 0", 0, "definition-then-calculus", "§3",
        Identity(dd(elu), lambda x, alpha: alpha * mpmath.exp(x), params=AL, where=NEG))
F(e_, r"f'(x) = \alpha e^{-x}", 0, "definition-then-calculus", "e^-x for e^x",
  Identity(dd(elu), lambda x, alpha: alpha * mpmath.exp(-x), params=AL, where=NEG, witness={"x": -1, "alpha": 1}),
  twin=tdn)
tser = T(e_, r"= \alpha x + \frac{\alpha}{2}x^2 + O(x^3)", 0, "series", "the negative branch at 0",
         Series(lambda x, alpha: alpha * mpmath.expm1(x), [0, lambda alpha: alpha, lambda alpha: alpha / 2], 3, params=AL))
F(e_, r"= \alpha x - \frac{\alpha}{2}x^2 + O(x^3)", 0, "series", "a sign",
  Series(lambda x, alpha: alpha * mpmath.expm1(x), [0, lambda alpha: alpha, lambda alpha: -alpha / 2], 3,
         params={"alpha": ("1",)}), twin=tser)
tlb = T(e_, r"f(x) > -\alpha", 0, "inequality", "§3, bounded below by -alpha",
        Inequality(elu, ">", lambda alpha: -alpha, params=AL))
tin = T(e_, r"f(x) \in (-\alpha, \infty)", 0, "membership", "the range; Wikipedia's table",
        Membership(elu, lambda alpha: -alpha, inf, params=AL))
F(e_, r"f(x) > -\tfrac{\alpha}{2}", 0, "inequality", "half the bound",
  Inequality(elu, ">", lambda alpha: -alpha / 2, params={"alpha": ("1",)}, witness={"x": -5, "alpha": 1}), twin=tlb)
F(e_, r"f(x) \in [0, \infty)", 0, "membership", "the ReLU's range",
  Membership(elu, 0, inf, closed=(True, False), params={"alpha": ("1",)}, witness={"x": -1, "alpha": 1}), twin=tin)
tce = T(e_, r"\alpha\left(\exp(x/\alpha) - 1\right)\right)", 0, "known-definition", "Barron 2017, arXiv 1704.07483, eq. 2",
        Identity(celu, lambda x, alpha: max(0, x) + min(0, alpha * (mpmath.exp(x / alpha) - 1)), params=AL))
F(e_, r"\exp(x\alpha) - 1", 0, "known-definition", "x*alpha for x/alpha",
  Identity(celu, lambda x, alpha: max(0, x) + min(0, alpha * (mpmath.exp(x * alpha) - 1)), params=AL,
           witness={"x": -1, "alpha": 2}), twin=tce)
tcd = T(e_, r"\\ \exp(x/\alpha) & \text{otherwise}", 0, "derivative", "Barron 2017, the derivative",
        Identity(dd(celu), lambda x, alpha: mpf(1) if x >= 0 else mpmath.exp(x / alpha), params=AL))
F(e_, r"\alpha\exp(x/\alpha) & \text{otherwise}", 0, "derivative", "an extra factor alpha",
  Identity(dd(celu), lambda x, alpha: mpf(1) if x >= 0 else alpha * mpmath.exp(x / alpha), params=AL,
           witness={"x": -1, "alpha": 2}), twin=tcd)
CX = {"x": ("-2.5", "-0.3", "0.7", "4")}
tc0 = T(e_, r"\lim_{\alpha \to 0^+} \text{CELU}(x, \alpha) = \max(0, x)", 0, "limit", "Barron 2017: CELU -> ReLU",
        Limit(celu, 0, relu, var="alpha", side=1, variables=CX, approach=("1e-9", "1e-12", "1e-15")))
tci = T(e_, r"\lim_{\alpha \to \infty} \text{CELU}(x, \alpha) = x", 0, "limit", "Barron 2017: CELU -> linear",
        Limit(celu, inf, lambda x: x, var="alpha", variables=CX, approach=("1e9", "1e12", "1e15")))
F(e_, r"\lim_{\alpha \to 0^+} \text{CELU}(x, \alpha) = x", 0, "limit", "the two limits swapped",
  Limit(celu, 0, lambda x: x, var="alpha", side=1, variables={"x": ("-2.5",)}, approach=("1e-3", "1e-6", "1e-9")), twin=tc0)
F(e_, r"\lim_{\alpha \to \infty} \text{CELU}(x, \alpha) = \max(0, x)", 0, "limit", "the two limits swapped",
  Limit(celu, inf, relu, var="alpha", variables={"x": ("-2.5",)}, approach=("1e9", "1e12", "1e15")), twin=tci)

# --- selu.md ---------------------------------------------------------------------------------
s_ = "selu.md"
post(s_, "Klambauer, Unterthiner, Mayr & Hochreiter 2017, arXiv 1706.02515")
LA = {"lam": ("0.7", "1.0507", "2"), "alpha": ("0.5", "1.6733", "3")}
tdef = T(s_, r"\alpha e^{x} - \alpha & \text{if } x \le 0", 0, "known-definition", "eq. 2, the scaled ELU",
         Identity(selu, lambda x, lam, alpha: lam * (x if x > 0 else alpha * mpmath.exp(x) - alpha), params=LA),
         note="the family, for any lambda and alpha")
C(s_, r"\lambda > 0", note="admissible values")
C(s_, r"\alpha > 0", note="admissible values")
F(s_, r"\alpha e^{x} - 1 & \text{if } x \le 0", 0, "known-definition", "alpha e^x - 1 for alpha e^x - alpha",
  Identity(selu, lambda x, lam, alpha: lam * (x if x > 0 else alpha * mpmath.exp(x) - 1), params=LA,
           witness={"x": -1, "lam": 1, "alpha": 2}), twin=tdef)
NEG0 = lambda x: x < 0  # noqa: E731
POS0 = lambda x: x > 0  # noqa: E731
tdn = T(s_, r"\frac{d}{dx}\text{selu}(x) = \lambda\alpha e^{x}", 0, "derivative", "derived",
        Identity(dd(selu), lambda x, lam, alpha: lam * alpha * mpmath.exp(x), params=LA, where=NEG0))
tdp = T(s_, r"\frac{d}{dx}\text{selu}(x) = \lambda \quad", 0, "derivative", "derived",
        Identity(dd(selu), lambda x, lam, alpha: lam, params=LA, where=POS0))
F(s_, r"\frac{d}{dx}\text{selu}(x) = \lambda e^{x}", 0, "derivative", "drops alpha (the domain is in the prose)",
  Identity(dd(selu), lambda x, lam, alpha: lam * mpmath.exp(x), params=LA, witness={"x": -1, "lam": 1, "alpha": 2}),
  twin=tdn)
F(s_, r"\frac{d}{dx}\text{selu}(x) = 1", 0, "derivative", "slope 1 for lambda",
  Identity(dd(selu), lambda x, lam, alpha: mpf(1), params=LA, witness={"x": 1, "lam": 2, "alpha": 1}), twin=tdp)
tsat = T(s_, r"\lim_{x \to -\infty} \text{selu}(x) = -\lambda\alpha", 0, "limit", "§2, the negative saturation",
         Limit(selu, -inf, lambda lam, alpha: -lam * alpha, params=LA))
tlb = T(s_, r"\text{selu}(x) > -\lambda\alpha", 0, "inequality", "derived",
        Inequality(selu, ">", lambda lam, alpha: -lam * alpha, params=LA))
tin = T(s_, r"\text{selu}(x) \in (-\lambda\alpha, \infty)", 0, "membership", "the range; Wikipedia's table",
        Membership(selu, lambda lam, alpha: -lam * alpha, inf, params=LA))
F(s_, r"\lim_{x \to -\infty} \text{selu}(x) = -\alpha", 0, "limit", "forgets lambda",
  Limit(selu, -inf, lambda alpha: -alpha, params={"lam": ("2",), "alpha": ("1",)}), twin=tsat)
F(s_, r"\text{selu}(x) > -\alpha", 0, "inequality", "forgets lambda",
  Inequality(selu, ">", lambda alpha: -alpha, params={"lam": ("2",), "alpha": ("1",)},
             witness={"x": -10, "lam": 2, "alpha": 1}), twin=tlb)
F(s_, r"\text{selu}(x) \in (-\alpha, \infty)", 0, "membership", "forgets lambda",
  Membership(selu, lambda alpha: -alpha, inf, params={"lam": ("2",), "alpha": ("1",)},
             witness={"x": -10, "lam": 2, "alpha": 1}), twin=tin)
MUV = {"mu": ("0.3", "-0.5"), "om": ("1.2",), "nu": ("0.8", "1.3"), "tau": ("1.1",), "lam": ("1.0507",),
       "alpha": ("1.6733", "0.9")}


def mu_t(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any) -> Any:
    return mu_tilde(mu, om, nu, tau, lam, alpha)


def nu_t(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any) -> Any:
    return nu_tilde(mu, om, nu, tau, lam, alpha)


def m1(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any) -> Any:
    return selu_moment(1, mu, om, nu, tau, lam, alpha)


def var2(mu: Any, om: Any, nu: Any, tau: Any, lam: Any, alpha: Any) -> Any:
    return selu_moment(2, mu, om, nu, tau, lam, alpha) - selu_moment(1, mu, om, nu, tau, lam, alpha) ** 2


D(s_, r"\tilde{\mu}(\mu, \omega, \nu, \tau, \lambda, \alpha) = \int_{-\infty}^{\infty} \text{selu}(z)\, p", 0,
  note="the mean of the output, defined as an integral")
tmu = T(s_, r"\tilde{\mu}(\mu, \omega, \nu, \tau, \lambda, \alpha) = \int_{-\infty}^{\infty} \text{selu}(z)\, p", 1,
        "integral", "eq. 4, the mean in closed form", Identity(m1, mu_t, variables={}, params=MUV))
F(s_, r"+ \alpha\operatorname{erfc}\left(\frac{\mu\omega}{\sqrt{2\nu\tau}}\right) + \sqrt", 0, "integral",
  "+alpha erfc for -alpha erfc",
  Identity(m1, lambda mu, om, nu, tau, lam, alpha: mu_tilde(mu, om, nu, tau, lam, alpha, sign=1), variables={},
           params=MUV, witness={"mu": "0.3", "om": "1.2", "nu": "0.8", "tau": "1.1", "lam": "1.0507", "alpha": "1.6733"}),
  twin=tmu)
D(s_, r"\tilde{\nu}(\mu, \omega, \nu, \tau, \lambda, \alpha) = \int_{-\infty}^{\infty} \text{selu}(z)^2", 0,
  note="the variance of the output, defined as an integral")
tnu = T(s_, r"\tilde{\nu}(\mu, \omega, \nu, \tau, \lambda, \alpha) = \int_{-\infty}^{\infty} \text{selu}(z)^2", 1,
        "integral", "eq. 5, the variance in closed form", Identity(var2, nu_t, variables={}, params=MUV))
F(s_, r"\left(1 - \operatorname{erfc}\left(\frac{\mu\omega}{\sqrt{2\nu\tau}}\right)\right) + \alpha^2", 0, "integral",
  "1 - erfc for 2 - erfc",
  Identity(var2, lambda mu, om, nu, tau, lam, alpha: nu_tilde(mu, om, nu, tau, lam, alpha, first=1), variables={},
           params=MUV, witness={"mu": "0.3", "om": "1.2", "nu": "0.8", "tau": "1.1", "lam": "1.0507", "alpha": "1.6733"}),
  twin=tnu)
C(s_, r"(\mu, \nu) = (0, 1)", note="the fixed point asked for")
C(s_, r"\omega = 0", note="normalised weights, for the fixed point")
C(s_, r"\tau = 1", note="normalised weights, for the fixed point")
D(s_, r"\alpha_{01} = -\frac{\sqrt{2/\pi}}", 0, note="alpha_01 in closed form (eq. 14)")
ta01 = T(s_, r"\alpha_{01} = -\frac{\sqrt{2/\pi}}", 1, "approximation", "eq. 14, the value to four decimals",
         Approximation(lambda: A01, lambda: mpf("1.6733"), domain=None))
D(s_, r"\lambda_{01} = \left(1 - \operatorname{erfc}", 0, note="lambda_01 in closed form (eq. 14)")
tl01 = T(s_, r"\lambda_{01} = \left(1 - \operatorname{erfc}", 1, "approximation", "eq. 14, the value to four decimals",
         Approximation(lambda: L01, lambda: mpf("1.0507"), domain=None))
F(s_, r"\alpha_{01} \approx 1.7633", 0, "approximation", "a digit", Approximation(lambda: A01, lambda: mpf("1.7633"),
                                                                                 domain=None), twin=ta01)
F(s_, r"\lambda_{01} \approx 1.0057", 0, "approximation", "a digit", Approximation(lambda: L01, lambda: mpf("1.0057"),
                                                                                  domain=None), twin=tl01)
ta32 = T(s_, r"\alpha_{01} \approx 1.6732632423543772848170429916717", 0, "approximation", "torch.nn.SELU's constant",
         Approximation(lambda: A01, lambda: mpf(TORCH_ALPHA), domain=None))
tl17 = T(s_, r"\lambda_{01} \approx 1.0507009873554805", 0, "approximation", "the float64 constant (jax, numpy)",
         Approximation(lambda: L01, lambda: mpf("1.0507009873554805"), domain=None))
F(s_, r"\alpha_{01} = 1.6732632423543772848170429916717", 0, "value", "a rounding stated as the constant (33rd digit)",
  Identity(lambda: A01, lambda: mpf(TORCH_ALPHA), variables={}), twin=ta32)
F(s_, r"\lambda_{01} = 1.0507009873554805", 0, "value", "a rounding stated as the constant (17th digit)",
  Identity(lambda: L01, lambda: mpf("1.0507009873554805"), variables={}), twin=tl17)
tgt = T(s_, r"\lambda_{01} > 1", 0, "inequality", "§3, lambda > 1 to increase a small variance",
        Inequality(lambda: L01, ">", _const(1), domain=NUM, n=1))
F(s_, r"\lambda_{01} < 1", 0, "inequality", "the wrong side", Inequality(lambda: L01, "<", _const(1), domain=NUM, n=1),
  twin=tgt)
tla = T(s_, r"\lambda_{01}\alpha_{01} \approx 1.7581", 0, "approximation", "the saturation value",
        Approximation(lambda: L01 * A01, lambda: mpf("1.7581"), domain=None))
F(s_, r"\lambda_{01}\alpha_{01} \approx 1.6581", 0, "approximation", "a digit",
  Approximation(lambda: L01 * A01, lambda: mpf("1.6581"), domain=None), twin=tla)
D(s_, r"\alpha = \alpha_{01}", note="from here on, the fixed-point constants")
D(s_, r"\lambda = \lambda_{01}", note="from here on, the fixed-point constants")
tf0 = T(s_, r"\tilde{\mu}(0, 0, 1, 1, \lambda_{01}, \alpha_{01}) = 0, \qquad", 0, "definition-then-calculus",
        "§3, the fixed point (0, 1)", Identity(lambda: mu_tilde(0, 0, 1, 1, L01, A01), _const(0), variables={}))
tf1 = T(s_, r"\tilde{\mu}(0, 0, 1, 1, \lambda_{01}, \alpha_{01}) = 0, \qquad", 1, "definition-then-calculus",
        "§3, the fixed point (0, 1)", Identity(lambda: nu_tilde(0, 0, 1, 1, L01, A01), _const(1), variables={}))
F(s_, r"\tilde{\nu}(0, 0, 1, 1, \lambda_{01}, \alpha_{01}) = \lambda_{01}^2", 0, "definition-then-calculus", "lambda^2 for 1",
  Identity(lambda: nu_tilde(0, 0, 1, 1, L01, A01), lambda: L01**2, variables={}), twin=tf1)
F(s_, r"\tilde{\mu}(0, 0, 1, 1, \lambda_{01}, \alpha_{01}) = \lambda_{01} - 1", 0, "definition-then-calculus",
  "lambda - 1 for 0", Identity(lambda: mu_tilde(0, 0, 1, 1, L01, A01), lambda: L01 - 1, variables={}), twin=tf0)
ti0 = T(s_, r"\int_{-\infty}^{\infty} \text{selu}(z)\,\varphi(z)\,\mathrm{d}z = 0", 0, "integral",
        "§3, mean zero at the fixed point", Identity(lambda: selu_moment(1, 0, 1, 1, 1, L01, A01), _const(0), variables={}))
ti1 = T(s_, r"\int_{-\infty}^{\infty} \text{selu}(z)^2\,\varphi(z)\,\mathrm{d}z = 1", 0, "integral",
        "§3, variance one at the fixed point",
        Identity(lambda: selu_moment(2, 0, 1, 1, 1, L01, A01), _const(1), variables={}))
F(s_, r"\int_{0}^{\infty} \text{selu}(z)\,\varphi(z)\,\mathrm{d}z = 0", 0, "integral", "the positive half only",
  Identity(lambda: selu_moment(1, 0, 1, 1, 1, L01, A01, lo=0), _const(0), variables={}), twin=ti0)
F(s_, r"\int_{0}^{\infty} \text{selu}(z)^2\,\varphi(z)\,\mathrm{d}z = 1", 0, "integral", "the positive half only",
  Identity(lambda: selu_moment(2, 0, 1, 1, 1, L01, A01, lo=0), _const(1), variables={}), twin=ti1)

# --- silu-swish.md ---------------------------------------------------------------------------
w = "silu-swish.md"
post(w, "Elfwing, Uchibe & Doya 2017, arXiv 1702.03118; Ramachandran, Zoph & Le 2017, arXiv 1710.05941")
D(w, r"a_k(\mathbf{s}) = z_k\sigma(z_k)", note="the SiLU of hidden unit k")
tsg = T(w, r"\sigma(x) = \frac{1}{1 + e^{-x}}", 0, "identity", "Elfwing et al., eq. 2",
        Identity(sig, lambda x: 1 / (1 + mpmath.exp(-x))))
F(w, r"\sigma(x) = \frac{1}{1 - e^{-x}}", 0, "identity", "a sign", Identity(sig, lambda x: 1 / (1 - mpmath.exp(-x)),
                                                                           witness={"x": 1}), twin=tsg)
Z = {"z_k": POINTS}
tds = T(w, r"\frac{\partial a_k}{\partial z_k} = \sigma(z_k)\left(1 + z_k\left(1 - \sigma(z_k)\right)\right)", 0,
        "definition-then-calculus", "Elfwing et al., eq. 3, the dSiLU",
        Identity(dd(lambda z_k: silu(z_k)), lambda z_k: sig(z_k) * (1 + z_k * (1 - sig(z_k))), variables=Z))
F(w, r"\sigma(z_k)\left(1 + z_k\sigma(z_k)\right)", 0, "definition-then-calculus", "sigma for 1 - sigma",
  Identity(dd(lambda z_k: silu(z_k)), lambda z_k: sig(z_k) * (1 + z_k * sig(z_k)), variables=Z, witness={"z_k": 1}),
  twin=tds)
C(w, r"z_k \approx -1.28", note="where the minimum is")
C(w, r"z \approx \pm 2.4", note="where the extrema are")
SMIN = lambda: minimum(silu, -1.28)  # noqa: E731
DMAX = lambda: minimum(lambda t: -dsilu(t), 2.4)  # noqa: E731
DMIN = lambda: minimum(dsilu, -2.4)  # noqa: E731
tmin = T(w, r"\min_{z} z\sigma(z) \approx -0.28", 0, "approximation", "Elfwing et al. §2: a minimum of about -0.28",
         Approximation(lambda: SMIN()[1], lambda: mpf("-0.28"), domain=None))
targ = T(w, r"\operatorname*{arg\,min}_{z} z\sigma(z) \approx -1.28", 0, "approximation", "Elfwing et al. §2: at z = -1.28",
         Approximation(lambda: SMIN()[0], lambda: mpf("-1.28"), domain=None))
tmx = T(w, r"\max_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx 1.1", 0, "approximation",
        "Elfwing et al. §2: the dSiLU's maximum", Approximation(lambda: -DMAX()[1], lambda: mpf("1.1"), domain=None))
tmn = T(w, r"\min_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx -0.1", 0, "approximation",
        "Elfwing et al. §2: the dSiLU's minimum", Approximation(lambda: DMIN()[1], lambda: mpf("-0.1"), domain=None))
F(w, r"\min_{z} z\sigma(z) \approx -0.32", 0, "approximation", "off by 0.04",
  Approximation(lambda: SMIN()[1], lambda: mpf("-0.32"), domain=None), twin=tmin)
F(w, r"\operatorname*{arg\,min}_{z} z\sigma(z) \approx -1.38", 0, "approximation", "off by 0.1",
  Approximation(lambda: SMIN()[0], lambda: mpf("-1.38"), domain=None), twin=targ)
F(w, r"\max_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx 1.0", 0, "approximation", "off by 0.1",
  Approximation(lambda: -DMAX()[1], lambda: mpf("1.0"), domain=None), twin=tmx)
F(w, r"\min_{z} \sigma(z)\left(1 + z(1 - \sigma(z))\right) \approx 0", 0, "approximation", "off by 0.1",
  Approximation(lambda: DMIN()[1], lambda: mpf(0), domain=None), twin=tmn)
tb28 = T(w, r"\text{SiLU}(x) \ge -0.28", 0, "inequality", "Elfwing et al. §2", Inequality(silu, ">=", _const("-0.28")))
tinr = T(w, r"\text{SiLU}(x) \in [-0.2785, \infty)", 0, "membership", "derived", Membership(silu, "-0.2785", inf, (True, False)))
DS = lambda z: dsilu(z)  # noqa: E731
tc1 = T(w, r"-0.1 < \sigma(z)\left(1 + z(1 - \sigma(z))\right) < 1.1", 0, "inequality", "Elfwing et al. §2",
        Inequality(_const("-0.1"), "<", DS, var="z"))
tc2 = T(w, r"-0.1 < \sigma(z)\left(1 + z(1 - \sigma(z))\right) < 1.1", 1, "inequality", "Elfwing et al. §2",
        Inequality(DS, "<", _const("1.1"), var="z"))
XMIN = "-1.2784645427610737951093587390229801554394774886197"
F(w, r"\text{SiLU}(x) \ge -0.27", 0, "inequality", "too tight", Inequality(silu, ">=", _const("-0.27"), witness={"x": XMIN}),
  twin=tb28)
F(w, r"\text{SiLU}(x) \in (-0.278, \infty)", 0, "membership", "too tight (the minimum is -0.27846)",
  Membership(silu, "-0.278", inf, witness={"x": XMIN}), twin=tinr)
ZM = "2.3993572805154676678327396972822838885229175768372"
F(w, r"-0.09 < \sigma(z)\left(1 + z(1 - \sigma(z))\right) < 1.09", 0, "inequality", "too tight",
  Inequality(_const("-0.09"), "<", DS, var="z", witness={"z": "-" + ZM}), twin=tc1)
F(w, r"-0.09 < \sigma(z)\left(1 + z(1 - \sigma(z))\right) < 1.09", 1, "inequality", "too tight",
  Inequality(DS, "<", _const("1.09"), var="z", witness={"z": ZM}), twin=tc2)
tlr = T(w, r"\lim_{z \to \infty} \left(z\sigma(z) - z\right) = 0", 0, "limit", "Elfwing et al.: like the ReLU far out",
        Limit(lambda z: silu(z) - z, inf, 0, var="z"))
tll = T(w, r"\lim_{z \to -\infty} z\sigma(z) = 0", 0, "limit", "derived", Limit(lambda z: silu(z), -inf, 0, var="z"))
F(w, r"\lim_{z \to \infty} \left(z\sigma(z) - z\right) = -1", 0, "limit", "a constant",
  Limit(lambda z: silu(z) - z, inf, -1, var="z"), twin=tlr)
F(w, r"\lim_{z \to -\infty} z\sigma(z) = -\infty", 0, "limit", "the identity's left half",
  Limit(lambda z: silu(z), -inf, -inf, var="z"), twin=tll)
D(w, r"f(x) = x \cdot \sigma(\beta x)", note="Swish, with its parameter beta")
BE = {"beta": B}
C(w, r"\beta = 0", note="a case described in prose")
t0 = T(w, r"x \cdot \sigma(0 \cdot x) = \frac{x}{2}", 0, "identity", "Ramachandran et al. §4: beta = 0",
       Identity(lambda x: x * sig(0 * x), lambda x: x / 2))
F(w, r"x \cdot \sigma(0 \cdot x) = x", 0, "identity", "the gate at 0 is 1/2, not 1",
  Identity(lambda x: x * sig(0 * x), lambda x: x, witness={"x": 1}), twin=t0)
XS = {"x": ("-2.5", "-0.3", "0", "0.7", "4")}
tbi = T(w, r"\lim_{\beta \to \infty} x\sigma(\beta x) = \max(0, x)", 0, "limit", "Ramachandran et al. §4: beta -> infinity",
        Limit(lambda x, beta: x * sig(beta * x), inf, relu, var="beta", variables=XS))
F(w, r"\lim_{\beta \to -\infty} x\sigma(\beta x) = \max(0, x)", 0, "limit", "the other direction gives min(0, x)",
  Limit(lambda x, beta: x * sig(beta * x), -inf, relu, var="beta", variables={"x": ("-2.5",)}), twin=tbi)
tsw1 = T(w, r"\text{Swish}_1(x) = \text{SiLU}(x)", 0, "identity", "beta = 1 is the SiLU",
         Identity(lambda x: x * sig(x), silu))
F(w, r"\text{Swish}_2(x) = \text{SiLU}(x)", 0, "identity", "beta = 2 is not", Identity(lambda x: x * sig(2 * x), silu,
                                                                                      witness={"x": 1}), twin=tsw1)
tsc = T(w, r"x\sigma(\beta x) = \frac{1}{\beta}\text{SiLU}(\beta x)", 0, "identity", "derived (beta != 0)",
        Identity(lambda x, beta: x * sig(beta * x), lambda x, beta: silu(beta * x) / beta, params=BE))
F(w, r"x\sigma(\beta x) = \beta\,\text{SiLU}(x/\beta)", 0, "identity", "the scaling inverted",
  Identity(lambda x, beta: x * sig(beta * x), lambda x, beta: beta * silu(x / beta), params=BE,
           witness={"x": 1, "beta": 2}), twin=tsc)
SW = lambda x, beta: x * sig(beta * x)  # noqa: E731
tswd = T(w, r"f'(x) = \beta f(x) + \sigma(\beta x)\left(1 - \beta f(x)\right)", 0, "definition-then-calculus",
         "Ramachandran et al. §4, the derivative", Identity(dd(SW), lambda x, beta: beta * SW(x, beta)
                                                            + sig(beta * x) * (1 - beta * SW(x, beta)), params=BE))
C(w, r"\beta \ne 1", note="a condition in prose")
F(w, r"f'(x) = \beta f(x) + \sigma(\beta x)\left(1 - f(x)\right)", 0, "definition-then-calculus", "a beta lost",
  Identity(dd(SW), lambda x, beta: beta * SW(x, beta) + sig(beta * x) * (1 - SW(x, beta)), params=BE,
           witness={"x": 1, "beta": 2}), twin=tswd)
tf00 = T(w, r"f'(0) = \tfrac{1}{2}", 0, "definition-then-calculus", "derived: the slope at 0 for every beta",
         Identity(lambda beta: dd(SW)(x=mpf(0), beta=beta), _const("0.5"), variables={}, params=BE))
F(w, r"f'(0) = \tfrac{\beta}{4}", 0, "definition-then-calculus", "beta/4 for 1/2",
  Identity(lambda beta: dd(SW)(x=mpf(0), beta=beta), lambda beta: beta / 4, variables={}, params=BE,
           witness={"beta": 1}), twin=tf00)
C(w, r"\beta = 1", note="'For beta = 1:' a case, in a heading's sentence")
tdd = T(w, r"\frac{d}{dx}\left[x\sigma(x)\right] = \sigma(x) + x\sigma(x)\left(1 - \sigma(x)\right)", 0, "derivative",
        "Ramachandran et al. §4 at beta = 1", Identity(dd(silu), lambda x: sig(x) + x * sig(x) * (1 - sig(x))))
F(w, r"\frac{d}{dx}\left[x\sigma(x)\right] = \sigma(x) + x\sigma(x)^2", 0, "derivative", "sigma for 1 - sigma",
  Identity(dd(silu), lambda x: sig(x) + x * sig(x)**2, witness={"x": 1}), twin=tdd)
tmono = T(w, r"\frac{d}{dx}\text{SiLU}(x) < 0 \quad \text{for } x < -1.28", 0, "inequality",
          "derived: decreasing left of the minimum", Inequality(dd(silu), "<", _const(0), domain=((-inf, "-1.28"),)))
F(w, r"\frac{d}{dx}\text{SiLU}(x) < 0 \quad \text{for } x < -1", 0, "inequality", "-1 for -1.28",
  Inequality(dd(silu), "<", _const(0), domain=((-inf, "-1"),), witness={"x": "-1.1"}), twin=tmono)
tcur = T(w, r"\frac{d^2}{dx^2}\left[x\sigma(x)\right]_{x=0} = \frac{1}{2}", 0, "derivative", "derived",
         Identity(lambda: dd(silu, 2)(x=mpf(0)), _const("0.5"), variables={}))
tser = T(w, r"x\sigma(x) = \frac{x}{2} + \frac{x^2}{4} - \frac{x^4}{48} + O(x^6)", 0, "series", "derived",
         Series(silu, [0, Q(1, 2), Q(1, 4), 0, Q(-1, 48)], 6))
F(w, r"\frac{d^2}{dx^2}\left[x\sigma(x)\right]_{x=0} = \frac{1}{4}", 0, "derivative", "1/4 for 1/2",
  Identity(lambda: dd(silu, 2)(x=mpf(0)), _const("0.25"), variables={}), twin=tcur)
F(w, r"x\sigma(x) = \frac{x}{2} + \frac{x^2}{4} + \frac{x^4}{48} + O(x^6)", 0, "series", "a sign",
  Series(silu, [0, Q(1, 2), Q(1, 4), 0, Q(1, 48)], 6), twin=tser)
tth = T(w, r"x\sigma(x) = \frac{x}{2}\left(1 + \tanh\frac{x}{2}\right)", 0, "identity", "derived (tanh x = 2 sigma(2x) - 1)",
        Identity(silu, lambda x: x / 2 * (1 + mpmath.tanh(x / 2))))
F(w, r"x\sigma(x) = \frac{x}{2}\left(1 + \tanh x\right)", 0, "identity", "tanh x for tanh(x/2)",
  Identity(silu, lambda x: x / 2 * (1 + mpmath.tanh(x)), witness={"x": 1}), twin=tth)

# --- mish.md ---------------------------------------------------------------------------------
m_ = "mish.md"
post(m_, "Misra 2019, arXiv 1908.08681")
D(m_, r"f(x) = x\tanh(\operatorname{softplus}(x))", note="Mish, the paper's f")
tsp = T(m_, r"\operatorname{softplus}(x) = \ln(1 + e^{x})", 0, "known-definition", "§3",
        Identity(softplus, lambda x: mpmath.log(1 + mpmath.exp(x))))
F(m_, r"\operatorname{softplus}(x) = \ln(1 + e^{-x})", 0, "known-definition", "e^-x for e^x",
  Identity(softplus, lambda x: mpmath.log(1 + mpmath.exp(-x)), witness={"x": 1}), twin=tsp)
tmd = T(m_, r"\text{Mish}(x) = x\tanh\left(\ln(1 + e^x)\right)".replace("e^x", "e^{x}"), 0, "known-definition",
        "§3; torch.nn.Mish", Identity(mish, lambda x: x * mpmath.tanh(mpmath.log(1 + mpmath.exp(x)))))
F(m_, r"\text{Mish}(x) = x\tanh\left(\ln(e^{x})\right)", 0, "known-definition", "ln(e^x) = x: x tanh x",
  Identity(mish, lambda x: x * mpmath.tanh(mpmath.log(mpmath.exp(x))), witness={"x": 1}), twin=tmd)
D(m_, r"u = 1 + e^x", note="a shorthand")
TS = lambda x: mpmath.tanh(softplus(x))  # noqa: E731
tq1 = T(m_, r"\frac{(1 + e^{x})^2 - 1}{(1 + e^{x})^2 + 1} =", 0, "identity", "derived (tanh of a logarithm)",
        Identity(TS, lambda x: ((1 + mpmath.exp(x))**2 - 1) / ((1 + mpmath.exp(x))**2 + 1)))
tq2 = T(m_, r"\frac{(1 + e^{x})^2 - 1}{(1 + e^{x})^2 + 1} =", 1, "identity", "derived",
        Identity(lambda x: ((1 + mpmath.exp(x))**2 - 1) / ((1 + mpmath.exp(x))**2 + 1),
                 lambda x: (mpmath.exp(2 * x) + 2 * mpmath.exp(x)) / (mpmath.exp(2 * x) + 2 * mpmath.exp(x) + 2)))
F(m_, r"\frac{(1 + e^{x})^2 - 1}{(1 + e^{x})^2}", 0, "identity", "the +1 of the denominator lost",
  Identity(TS, lambda x: ((1 + mpmath.exp(x))**2 - 1) / (1 + mpmath.exp(x))**2, witness={"x": 0}), twin=tq1)
F(m_, r"\frac{e^{2x} + 2e^{x}}{e^{2x} + 2e^{x} + 1}", 0, "identity", "1 for 2",
  Identity(TS, lambda x: (mpmath.exp(2 * x) + 2 * mpmath.exp(x)) / (mpmath.exp(2 * x) + 2 * mpmath.exp(x) + 1),
           witness={"x": 0}), twin=tq2)
tq3 = T(m_, r"= 2\sigma(2\operatorname{softplus}(x)) - 1", 0, "identity", "derived (tanh u = 2 sigma(2u) - 1)",
        Identity(TS, lambda x: 2 * sig(2 * softplus(x)) - 1))
F(m_, r"= 2\sigma(\operatorname{softplus}(x)) - 1", 0, "identity", "2u for u",
  Identity(TS, lambda x: 2 * sig(softplus(x)) - 1, witness={"x": 0}), twin=tq3)
D(m_, r"\Delta(x) = \operatorname{sech}^2(\operatorname{softplus}(x))", note="the paper's preconditioner")
SECH2 = lambda x: mpmath.sech(softplus(x)) ** 2  # noqa: E731
tmd1 = T(m_, r"&= \Delta(x)\operatorname{swish}(x)", 0, "definition-then-calculus", "§3, eq. 3, the first derivative",
         Identity(dd(mish), lambda x: SECH2(x) * x * sig(x) + mish(x) / x))
tmd2 = T(m_, r"&= \Delta(x)\operatorname{swish}(x)", 1, "identity", "§3, eq. 3",
         Identity(lambda x: SECH2(x) * x * sig(x) + mish(x) / x, lambda x: SECH2(x) * silu(x) + mish(x) / x))
tswd = T(m_, r"\operatorname{swish}(x) = x\operatorname{sigmoid}(x)", 0, "known-definition", "§3 (Swish with beta = 1)",
         Identity(lambda x: x * sig(x), lambda x: x * sig(x)), note="the paper's swish is x sigmoid(x)")
F(m_, r"\operatorname{swish}(x) = \operatorname{sigmoid}(x)", 0, "known-definition", "the input factor lost",
  Identity(lambda x: x * sig(x), sig, witness={"x": 2}), twin=tswd)
F(m_, r"f'(x) = \operatorname{sech}^2(\operatorname{softplus}(x))\operatorname{sigmoid}(x) + \frac{f(x)}{x}", 0,
  "definition-then-calculus", "the factor x lost", Identity(dd(mish), lambda x: SECH2(x) * sig(x) + mish(x) / x,
                                                           witness={"x": 2}), twin=tmd1)
F(m_, r"f'(x) = \Delta(x)\operatorname{swish}(x) - \frac{f(x)}{x}", 0, "definition-then-calculus", "a sign",
  Identity(dd(mish), lambda x: SECH2(x) * silu(x) - mish(x) / x, witness={"x": 1}), twin=tmd2)


def _omega(x: Any) -> Any:
    e = mpmath.exp
    return 4 * (x + 1) + 4 * e(2 * x) + e(3 * x) + e(x) * (4 * x + 6)


def _delta(x: Any) -> Any:
    e = mpmath.exp
    return 2 * e(x) + e(2 * x) + 2


tmw = T(m_, r"f'(x) = \frac{e^{x}\omega}{\delta^2}", 0, "definition-then-calculus",
        "§3, eq. 2, with omega and delta defined after it", Identity(dd(mish), lambda x: mpmath.exp(x) * _omega(x) / _delta(x)**2))
D(m_, r"\omega = 4(x + 1)", note="defined after its use")
D(m_, r"\delta = 2e^{x} + e^{2x} + 2", note="defined after its use")
F(m_, r"f'(x) = \frac{e^{x}\omega}{\delta}", 0, "definition-then-calculus", "the square lost",
  Identity(dd(mish), lambda x: mpmath.exp(x) * _omega(x) / _delta(x), witness={"x": 0}), twin=tmw)
tmwk = T(m_, r"{\left(2e^{x} + e^{2x} + 2\right)^2}", 0, "derivative", "Wikipedia's table",
         Identity(dd(mish), lambda x: mpmath.exp(x) * (4 * mpmath.exp(2 * x) + mpmath.exp(3 * x) + 4 * (1 + x)
                                                       + mpmath.exp(x) * (6 + 4 * x)) / (2 * mpmath.exp(x) + mpmath.exp(2 * x) + 2)**2))
F(m_, r"{\left(2e^{x} + e^{2x} + 1\right)^2}", 0, "derivative", "1 for 2",
  Identity(dd(mish), lambda x: mpmath.exp(x) * (4 * mpmath.exp(2 * x) + mpmath.exp(3 * x) + 4 * (1 + x)
                                                + mpmath.exp(x) * (6 + 4 * x)) / (2 * mpmath.exp(x) + mpmath.exp(2 * x) + 1)**2,
           witness={"x": 0}), twin=tmwk)
t00 = T(m_, r"f'(0) = \tanh(\ln 2) = \tfrac{3}{5}", 0, "definition-then-calculus", "derived",
        Identity(lambda: dd(mish)(x=mpf(0)), lambda: mpmath.tanh(mpmath.log(2)), variables={}))
t01 = T(m_, r"f'(0) = \tanh(\ln 2) = \tfrac{3}{5}", 1, "value", "derived",
        Identity(lambda: mpmath.tanh(mpmath.log(2)), _const("0.6"), variables={}))
F(m_, r"f'(0) = \operatorname{sech}^2(\ln 2)", 0, "definition-then-calculus", "the derivative of the gate for the gate",
  Identity(lambda: dd(mish)(x=mpf(0)), lambda: mpmath.sech(mpmath.log(2))**2, variables={}), twin=t00)
F(m_, r"\tanh(\ln 2) = \tfrac{3}{4}", 0, "value", "3/4 for 3/5", Identity(lambda: mpmath.tanh(mpmath.log(2)),
                                                                         _const("0.75"), variables={}), twin=t01)
tms = T(m_, r"\frac{3}{5}x + \frac{8}{25}x^2 + O(x^3)", 0, "series", "derived (tanh(log 2) = 3/5)",
        Series(mish, [0, Q(3, 5), Q(8, 25)], 3))
F(m_, r"\frac{3}{5}x + \frac{4}{25}x^2 + O(x^3)", 0, "series", "4/25 for 8/25",
  Series(mish, [0, Q(3, 5), Q(4, 25)], 3), twin=tms)
MMIN = "-1.1924312145154952121375883404207394056006864093225"
tb31 = T(m_, r"f(x) \ge -0.31", 0, "inequality", "§3: bounded below at about -0.31", Inequality(mish, ">=", _const("-0.31")))
tmm = T(m_, r"\min_{x} \text{Mish}(x) \approx -0.31", 0, "approximation", "§3",
        Approximation(lambda: minimum(mish, -1.19)[1], _const("-0.31"), domain=None))
tmr = T(m_, r"\text{Mish}(x) \in [-0.31, \infty)", 0, "membership", "§3: the range",
        Membership(mish, "-0.31", inf, (True, False)))
F(m_, r"f(x) \ge -0.30", 0, "inequality", "too tight (the minimum is -0.3088)",
  Inequality(mish, ">=", _const("-0.30"), witness={"x": MMIN}), twin=tb31)
F(m_, r"\text{Mish}(x) \in [-0.30, \infty)", 0, "membership", "too tight",
  Membership(mish, "-0.30", inf, (True, False), witness={"x": MMIN}), twin=tmr)
F(m_, r"\min_{x} \text{Mish}(x) \approx -0.35", 0, "approximation", "off by 0.04",
  Approximation(lambda: minimum(mish, -1.19)[1], _const("-0.35"), domain=None), twin=tmm)
POSX = ((0, inf),)
tlt = T(m_, r"f(x) < x \quad \text{for } x > 0", 0, "inequality", "derived: the gate stays below one",
        Inequality(mish, "<", lambda x: x, domain=((mpf(10) ** -30, inf),)))
F(m_, r"f(x) < x \quad \text{for } x < 0", 0, "inequality", "the other half-line",
  Inequality(mish, "<", lambda x: x, domain=((-inf, -mpf(10) ** -30),), witness={"x": -1}), twin=tlt)
tml = T(m_, r"\lim_{x \to -\infty} f(x) = 0", 0, "definition-then-calculus", "derived", Limit(mish, -inf, 0))
tmr2 = T(m_, r"\lim_{x \to \infty} \left(f(x) - x\right) = 0", 0, "definition-then-calculus", "derived",
         Limit(lambda x: mish(x) - x, inf, 0))
F(m_, r"\lim_{x \to -\infty} f(x) = -0.31", 0, "definition-then-calculus", "the minimum is not an asymptote",
  Limit(mish, -inf, "-0.31"), twin=tml)
F(m_, r"\lim_{x \to \infty} f(x)/x = 0", 0, "definition-then-calculus", "the ratio tends to 1",
  Limit(lambda x: mish(x) / x, inf, 0), twin=tmr2)

# --- glu.md ----------------------------------------------------------------------------------
u_ = "glu.md"
post(u_, "Dauphin, Fan, Auli & Grangier 2016, arXiv 1612.08083; Shazeer 2020, arXiv 2002.05202")
D(u_, r"h_l(\mathbf{X}) =", note="the gated convolution")
XX = {"X": POINTS}
tgl = T(u_, r"\nabla[\mathbf{X} \otimes \sigma(\mathbf{X})] = \nabla\mathbf{X} \otimes \sigma(\mathbf{X}) + \mathbf{X}", 0,
        "derivative", "Dauphin et al. §3, eq. 3",
        Identity(dd(lambda X: X * sig(X)), lambda X: 1 * sig(X) + X * dd(sig)(x=X) * 1, variables=XX),
        note="element-wise; the gradient with respect to X (nabla X = 1)")
tgt = T(u_, r"\nabla[\tanh(\mathbf{X}) \otimes \sigma(\mathbf{X})] = \tanh'(\mathbf{X})\nabla\mathbf{X} \otimes \sigma(\mathbf{X}) + \sigma'(\mathbf{X})\nabla\mathbf{X} \otimes \tanh(\mathbf{X})",
        0, "derivative", "Dauphin et al. §3, eq. 3 (the gated tanh unit)",
        Identity(dd(lambda X: mpmath.tanh(X) * sig(X)),
                 lambda X: dd(lambda x: mpmath.tanh(x))(x=X) * sig(X) + dd(sig)(x=X) * mpmath.tanh(X), variables=XX))
F(u_, r"\nabla[\mathbf{X} \otimes \sigma(\mathbf{X})] = \nabla\mathbf{X} \otimes \sigma(\mathbf{X})", 0, "derivative",
  "the second term of the product rule dropped",
  Identity(dd(lambda X: X * sig(X)), lambda X: sig(X), variables=XX, witness={"X": 1}), twin=tgl)
F(u_, r"\nabla\mathbf{X} \otimes \tanh'(\mathbf{X})", 0, "derivative", "the wrong factor differentiated",
  Identity(dd(lambda X: mpmath.tanh(X) * sig(X)),
           lambda X: dd(lambda x: mpmath.tanh(x))(x=X) * sig(X) + dd(sig)(x=X) * dd(lambda x: mpmath.tanh(x))(x=X), variables=XX,
           witness={"X": 1}), twin=tgt)
AB = {"a": ("-1.5", "0.4", "2"), "b": ("-3", "0.25", "1.7")}
tpg = T(u_, r"\text{GLU}(a, b) = a \otimes \sigma(b)", 0, "known-definition", "torch.nn.GLU (a: first half, b: second)",
        Identity(lambda a, b: a * sig(b), lambda a, b: a * sig(b), variables=AB),
        note="PyTorch's convention: b is the gate")
F(u_, r"\text{GLU}(a, b) = a \otimes \tanh(b)", 0, "known-definition", "a tanh gate",
  Identity(lambda a, b: a * sig(b), lambda a, b: a * mpmath.tanh(b), variables=AB, witness={"a": 1, "b": 1}), twin=tpg)
V5 = {"x": ("-1.3", "0.7"), "W": ("0.5", "-2"), "V": ("1.5",), "b": ("0.2", "-0.4"), "c": ("-0.3",)}
GLU5 = lambda x, W, V, b, c: sig(x * W + b) * (x * V + c)  # noqa: E731
BIL5 = lambda x, W, V, b, c: (x * W + b) * (x * V + c)  # noqa: E731
REG5 = lambda x, W, V, b, c: relu(x * W + b) * (x * V + c)  # noqa: E731
GEG5 = lambda x, W, V, b, c: gelu(x * W + b) * (x * V + c)  # noqa: E731
SWI5 = lambda x, W, V, b, c, beta: (x * W + b) * sig(beta * (x * W + b)) * (x * V + c)  # noqa: E731
W5 = {"x": 1, "W": 1, "V": -1, "b": 0, "c": 2}
tg5 = T(u_, r"\text{GLU}(x, W, V, b, c) = \sigma(xW + b) \otimes (xV + c)", 0, "known-definition", "Shazeer eq. 5",
        Identity(GLU5, GLU5, variables=V5))
tb5 = T(u_, r"\text{Bilinear}(x, W, V, b, c) = (xW + b) \otimes (xV + c)", 0, "known-definition", "Shazeer eq. 5",
        Identity(BIL5, BIL5, variables=V5))
tr5 = T(u_, r"\text{ReGLU}(x, W, V, b, c) = \max(0, xW + b) \otimes (xV + c)", 0, "known-definition", "Shazeer eq. 5",
        Identity(REG5, lambda x, W, V, b, c: max(0, x * W + b) * (x * V + c), variables=V5))
tge5 = T(u_, r"\text{GEGLU}(x, W, V, b, c) = \text{GELU}(xW + b) \otimes (xV + c)", 0, "known-definition", "Shazeer eq. 5",
         Identity(GEG5, GEG5, variables=V5))
tsw5 = T(u_, r"\text{SwiGLU}(x, W, V, b, c, \beta) = \text{Swish}_\beta(xW + b) \otimes (xV + c)", 0, "known-definition",
         "Shazeer eq. 5", Identity(SWI5, SWI5, variables=V5, params={"beta": B}))
F(u_, r"\text{GLU}(x, W, V, b, c) = \sigma(xW + b) + (xV + c)", 0, "known-definition", "+ for the product",
  Identity(GLU5, lambda x, W, V, b, c: sig(x * W + b) + (x * V + c), variables=V5, witness=W5), twin=tg5)
F(u_, r"(xW + b) \otimes (xV + b)", 0, "known-definition", "the bias b for c",
  Identity(BIL5, lambda x, W, V, b, c: (x * W + b) * (x * V + b), variables=V5, witness={**W5, "b": 1}), twin=tb5)
F(u_, r"\max(0, xW + b) \otimes \max(0, xV + c)", 0, "known-definition", "a ReLU on the value too",
  Identity(REG5, lambda x, W, V, b, c: relu(x * W + b) * relu(x * V + c), variables=V5,
           witness={**W5, "c": 0}), twin=tr5)
F(u_, r"\text{GEGLU}(x, W, V, b, c) = \Phi(xW + b) \otimes (xV + c)", 0, "known-definition", "Phi for GELU",
  Identity(GEG5, lambda x, W, V, b, c: Phi(x * W + b) * (x * V + c), variables=V5, witness=W5), twin=tge5)
F(u_, r"\sigma(\beta(xW + b)) \otimes (xV + c)", 0, "known-definition", "the gate without its input",
  Identity(SWI5, lambda x, W, V, b, c, beta: sig(beta * (x * W + b)) * (x * V + c), variables=V5, params={"beta": B},
           witness={**W5, "beta": 1}), twin=tsw5)
D(u_, r"\text{FFN}_{\text{ReLU}}(x, W_1, W_2)", note="Shazeer eq. 1")
D(u_, r"\text{FFN}_{\text{Swish}}(x, W_1, W_2)", note="Shazeer eq. 3")
D(u_, r"\text{FFN}_{\text{GEGLU}}(x, W, V, W_2)", note="Shazeer eq. 6")
XW = {"x": ("-1.3", "0.7"), "W_1": ("0.5", "-2")}
ts1 = T(u_, r"\text{Swish}_1(xW_1) = xW_1\,\sigma(xW_1)", 0, "identity", "Shazeer eq. 3, Swish_1",
        Identity(lambda x, W_1: silu(x * W_1), lambda x, W_1: x * W_1 * sig(x * W_1), variables=XW))
F(u_, r"\text{Swish}_1(xW_1) = xW_1\,\sigma(-xW_1)", 0, "identity", "sigma(-x) for sigma(x)",
  Identity(lambda x, W_1: silu(x * W_1), lambda x, W_1: x * W_1 * sig(-x * W_1), variables=XW,
           witness={"x": 1, "W_1": 1}), twin=ts1)
XWB = {"x": ("-1.3", "0.7"), "W": ("0.5", "-2"), "b": ("0.2", "-0.4")}
trl = T(u_, r"\max(0, xW + b) = \text{ReLU}(xW + b)", 0, "identity", "Shazeer: ReGLU's gate",
        Identity(lambda x, W, b: max(0, x * W + b), lambda x, W, b: relu(x * W + b), variables=XWB))
F(u_, r"\max(0, xW + b) = \text{ReLU}(xW) + b", 0, "identity", "the bias outside the ReLU",
  Identity(lambda x, W, b: max(0, x * W + b), lambda x, W, b: relu(x * W) + b, variables=XWB,
           witness={"x": -1, "W": 1, "b": "0.5"}), twin=trl)
DD = {"d_model": ("1", "768", "0.3"), "d_ff": ("3072", "2.5")}
tpc = T(u_, r"3 \cdot d_{\text{model}} \cdot \tfrac{2}{3}d_{\text{ff}} = 2\,d_{\text{model}}\,d_{\text{ff}}", 0, "identity",
        "Shazeer §2: d_ff reduced by 2/3", Identity(lambda d_model, d_ff: 3 * d_model * mpf(2) / 3 * d_ff,
                                                    lambda d_model, d_ff: 2 * d_model * d_ff, variables=DD))
F(u_, r"3 \cdot d_{\text{model}} \cdot \tfrac{3}{4}d_{\text{ff}} = 2\,d_{\text{model}}\,d_{\text{ff}}", 0, "identity",
  "3/4 for 2/3", Identity(lambda d_model, d_ff: 3 * d_model * mpf(3) / 4 * d_ff, lambda d_model, d_ff: 2 * d_model * d_ff,
                          variables=DD, witness={"d_model": 1, "d_ff": 1}), twin=tpc)
D(u_, r"d_{\text{ff}} = 3072", note="the baseline's hidden size")
D(u_, r"d_{\text{model}} = 768", note="the model width")
t2048 = T(u_, r"\tfrac{2}{3} \cdot 3072 = 2048", 0, "value", "Shazeer, Table 1: d_ff = 2048 for the GLU variants",
          Identity(lambda: mpf(2) / 3 * 3072, _const(2048), variables={}))
tcnt = T(u_, r"2 \cdot 768 \cdot 3072 = 3 \cdot 768 \cdot 2048", 0, "value", "the parameter counts agree",
         Identity(lambda: mpf(2 * 768 * 3072), lambda: mpf(3 * 768 * 2048), variables={}))
F(u_, r"\tfrac{2}{3} \cdot 3072 = 2056", 0, "value", "a misprint", Identity(lambda: mpf(2) / 3 * 3072, _const(2056),
                                                                           variables={}), twin=t2048)
F(u_, r"2 \cdot 768 \cdot 3072 = 3 \cdot 768 \cdot 2024", 0, "value", "a misprint",
  Identity(lambda: mpf(2 * 768 * 3072), lambda: mpf(3 * 768 * 2024), variables={}), twin=tcnt)
D(u_, r"x_g = xW", note="the gate input")
D(u_, r"x_v = xV", note="the value input")
GV = {"x_g": ("-2.2", "-0.4", "0.3", "1.9"), "x_v": ("-1.1", "0.6")}
tgg = T(u_, r"\text{GEGLU}(x_g, x_v) = x_g\Phi(x_g)\,x_v", 0, "known-definition", "the GeGLU thread's notation",
        Identity(lambda x_g, x_v: gelu(x_g) * x_v, lambda x_g, x_v: x_g * Phi(x_g) * x_v, variables=GV))
F(u_, r"\text{GEGLU}(x_g, x_v) = \Phi(x_g)\,x_v", 0, "known-definition", "a GLU with a Gaussian gate",
  Identity(lambda x_g, x_v: gelu(x_g) * x_v, lambda x_g, x_v: Phi(x_g) * x_v, variables=GV,
           witness={"x_g": 2, "x_v": 1}), twin=tgg)
REG2 = lambda x_g, x_v: relu(x_g) * x_v  # noqa: E731


def _d_xv(x_g: Any, x_v: Any) -> Any:
    return mpmath.diff(lambda t: REG2(x_g, t), x_v)


def _d_xg(x_g: Any, x_v: Any) -> Any:
    return mpmath.diff(lambda t: REG2(t, x_v), x_g)


tdv = T(u_, r"\frac{\partial}{\partial x_v}\text{ReGLU}(x_g, x_v) = \max(0, x_g)", 0, "derivative", "derived",
        Identity(_d_xv, lambda x_g, x_v: max(0, x_g), variables=GV))
tdg = T(u_, r"\frac{\partial}{\partial x_g}\text{ReGLU}(x_g, x_v) = x_v\mathbb{1}_{x_g > 0}", 0, "derivative", "derived",
        Identity(_d_xg, lambda x_g, x_v: x_v * ind(x_g > 0), variables=GV))
F(u_, r"\frac{\partial}{\partial x_v}\text{ReGLU}(x_g, x_v) = x_v\mathbb{1}_{x_g > 0}", 0, "derivative", "the partials swapped",
  Identity(_d_xv, lambda x_g, x_v: x_v * ind(x_g > 0), variables=GV, witness={"x_g": 2, "x_v": 1}), twin=tdv)
F(u_, r"\frac{\partial}{\partial x_g}\text{ReGLU}(x_g, x_v) = \max(0, x_v)", 0, "derivative", "the partials swapped",
  Identity(_d_xg, lambda x_g, x_v: max(0, x_v), variables=GV, witness={"x_g": -1, "x_v": 1}), twin=tdg)

# --- softplus.md -----------------------------------------------------------------------------
p_ = "softplus.md"
post(p_, "Goodfellow, Bengio & Courville 2016, Deep Learning, §3.10, eqs. 3.30-3.41")
D(p_, r"\zeta(x) = \log\left(1 + \exp(x)\right)", note="the softplus, as the book writes it (not Riemann's zeta)")
D(p_, r"x^{+} = \max(0, x)", note="the positive part")
zeta = softplus
tq = T(p_, r"\frac{\exp(x)}{\exp(x) + \exp(0)}", 0, "identity", "eq. 3.33",
       Identity(sig, lambda x: mpmath.exp(x) / (mpmath.exp(x) + mpmath.exp(0))))
F(p_, r"\frac{\exp(x)}{\exp(x) + \exp(1)}", 0, "identity", "exp(1) for exp(0)",
  Identity(sig, lambda x: mpmath.exp(x) / (mpmath.exp(x) + mpmath.exp(1)), witness={"x": 0}), twin=tq)
tds = T(p_, r"\frac{d}{dx}\sigma(x) = \sigma(x)(1 - \sigma(x))", 0, "derivative", "eq. 3.34",
        Identity(dd(sig), lambda x: sig(x) * (1 - sig(x))))
F(p_, r"\frac{d}{dx}\sigma(x) = \sigma(x)(1 - \sigma(-x))", 0, "derivative", "sigma(-x) for sigma(x)",
  Identity(dd(sig), lambda x: sig(x) * (1 - sig(-x)), witness={"x": 1}), twin=tds)
t35 = T(p_, r"1 - \sigma(x) = \sigma(-x)", 0, "identity", "eq. 3.35", Identity(lambda x: 1 - sig(x), lambda x: sig(-x)))
F(p_, r"1 - \sigma(x) = \sigma(1 - x)", 0, "identity", "1 - x for -x",
  Identity(lambda x: 1 - sig(x), lambda x: sig(1 - x), witness={"x": 0}), twin=t35)
t36 = T(p_, r"\log\sigma(x) = -\zeta(-x)", 0, "identity", "eq. 3.36",
        Identity(lambda x: mpmath.log(sig(x)), lambda x: -zeta(-x)))
F(p_, r"\log\sigma(x) = -\zeta(x)", 0, "identity", "zeta(x) for zeta(-x)",
  Identity(lambda x: mpmath.log(sig(x)), lambda x: -zeta(x), witness={"x": 1}), twin=t36)
t37 = T(p_, r"\frac{d}{dx}\zeta(x) = \sigma(x)", 0, "definition-then-calculus", "eq. 3.37", Identity(dd(zeta), sig))
F(p_, r"\frac{d}{dx}\zeta(x) = \sigma(-x)", 0, "definition-then-calculus", "sigma(-x) for sigma(x)",
  Identity(dd(zeta), lambda x: sig(-x), witness={"x": 1}), twin=t37)
UNIT = {"x": ("0.001", "0.1", "0.37", "0.5", "0.83", "0.999")}
t38 = T(p_, r"\sigma^{-1}(x) = \log\left(\frac{x}{1 - x}\right)", 0, "identity", "eq. 3.38 (for x in (0, 1))",
        Identity(lambda x: mpmath.findroot(lambda t: sig(t) - x, 0), lambda x: mpmath.log(x / (1 - x)), variables=UNIT),
        note="the inverse computed by a root of sigma(t) = x")
F(p_, r"\sigma^{-1}(x) = \log\left(\frac{1 - x}{x}\right)", 0, "identity", "the fraction upside down",
  Identity(lambda x: mpmath.findroot(lambda t: sig(t) - x, 0), lambda x: mpmath.log((1 - x) / x), variables=UNIT,
           witness={"x": "0.75"}), twin=t38)
POSP = {"x": ("0.001", "0.2", "1.1", "2.9", "7.25", "23")}
t39 = T(p_, r"\zeta^{-1}(x) = \log\left(\exp(x) - 1\right)", 0, "identity", "eq. 3.39 (for x > 0)",
        Identity(lambda x: mpmath.findroot(lambda t: zeta(t) - x, mpmath.log(mpmath.expm1(x)) + 0),
                 lambda x: mpmath.log(mpmath.exp(x) - 1), variables=POSP),
        note="the inverse computed by a root of zeta(t) = x, started at the claimed value's neighbourhood")
F(p_, r"\zeta^{-1}(x) = \log\left(\exp(x) + 1\right)", 0, "identity", "+1 for -1",
  Identity(lambda x: mpmath.findroot(lambda t: zeta(t) - x, 0), lambda x: mpmath.log(mpmath.exp(x) + 1), variables=POSP,
           witness={"x": 1}), twin=t39)
t40 = T(p_, r"\zeta(x) = \int_{-\infty}^{x} \sigma(y)\,dy", 0, "integral", "eq. 3.40",
        Identity(zeta, lambda x: mpmath.quad(sig, [-inf, x]), variables={"x": ("-9.25", "-1.3", "0.001", "1.1", "7.25")}))
F(p_, r"\zeta(x) = \int_{0}^{x} \sigma(y)\,dy", 0, "integral", "the lower limit 0",
  Identity(zeta, lambda x: mpmath.quad(sig, [0, x]), variables={}, witness={"x": 0}), twin=t40)
t41 = T(p_, r"\zeta(x) - \zeta(-x) = x", 0, "identity", "eq. 3.41", Identity(lambda x: zeta(x) - zeta(-x), lambda x: x))
F(p_, r"\zeta(x) + \zeta(-x) = x", 0, "identity", "+ for -", Identity(lambda x: zeta(x) + zeta(-x), lambda x: x,
                                                                      witness={"x": 0}), twin=t41)
tlo = T(p_, r"\max(0, x) < \zeta(x)", 0, "inequality", "§3.10: a smoothed x+", Inequality(relu, "<", zeta))
thi = T(p_, r"\text{softplus}(x) \le \max(0, x) + \log 2", 0, "inequality", "derived (issue 14's example)",
        Inequality(softplus, "<=", lambda x: relu(x) + mpmath.log(2)))
F(p_, r"\max(0, x) < \zeta(x) - \tfrac{1}{2}", 0, "inequality", "shifted by 1/2",
  Inequality(relu, "<", lambda x: zeta(x) - mpf(1) / 2, witness={"x": 3}), twin=tlo)
F(p_, r"\text{softplus}(x) \le \max(0, x) + \tfrac{1}{2}\log 2", 0, "inequality", "half the gap",
  Inequality(softplus, "<=", lambda x: relu(x) + mpmath.log(2) / 2, witness={"x": 0}), twin=thi)
tz0 = T(p_, r"\zeta(0) = \log 2", 0, "definition-then-calculus", "derived",
        Identity(lambda: zeta(mpf(0)), lambda: mpmath.log(2), variables={}))
F(p_, r"\zeta(0) = -\tfrac{1}{2}", 0, "definition-then-calculus", "Riemann's zeta(0) = -1/2, not the post's zeta",
  Identity(lambda: zeta(mpf(0)), _const("-0.5"), variables={}), twin=tz0)
tzl = T(p_, r"\lim_{x \to \infty} \left(\zeta(x) - x\right) = 0", 0, "definition-then-calculus", "derived",
        Limit(lambda x: zeta(x) - x, inf, 0))
tza = T(p_, r"\zeta(x) \sim e^{x} \quad (x \to -\infty)", 0, "asymptotic", "derived",
        Asymptotic(zeta, lambda x: mpmath.exp(x), -inf))
F(p_, r"\lim_{x \to \infty} \left(\zeta(x) - x\right) = \log 2", 0, "definition-then-calculus", "the gap at 0, not at infinity",
  Limit(lambda x: zeta(x) - x, inf, lambda: mpmath.log(2)), twin=tzl)
F(p_, r"\zeta(x) \sim e^{-x} \quad (x \to -\infty)", 0, "asymptotic", "e^-x for e^x",
  Asymptotic(zeta, lambda x: mpmath.exp(-x), -inf, approach=("1e1", "2e1", "4e1")), twin=tza)
tsps = T(p_, r"\frac{x}{2} + \frac{x^2}{8} + O(x^4)", 0, "series", "derived",
         Series(softplus, [lambda: mpmath.log(2), Q(1, 2), Q(1, 8)], 4))
F(p_, r"\frac{x}{2} + \frac{x^2}{4} + O(x^4)", 0, "series", "1/4 for 1/8",
  Series(softplus, [lambda: mpmath.log(2), Q(1, 2), Q(1, 4)], 4), twin=tsps)
tint = T(p_, r"\int \sigma(x)\,\mathrm{d}x = \ln(1 + e^{x}) + C", 0, "antiderivative", "derived (eq. 3.40)",
         Identity(sig, dd(lambda x: mpmath.log(1 + mpmath.exp(x)))), note="checked as d/dx of the right side")
F(p_, r"\int \sigma(x)\,\mathrm{d}x = \ln(1 + e^{-x}) + C", 0, "antiderivative", "e^-x for e^x",
  Identity(sig, dd(lambda x: mpmath.log(1 + mpmath.exp(-x))), witness={"x": 0}), twin=tint)
tmls = T(p_, r"\text{softplus}(x) = -\log\sigma(-x)", 0, "identity", "from eq. 3.36",
         Identity(softplus, lambda x: -mpmath.log(sig(-x))))
F(p_, r"\text{softplus}(x) = -\log\sigma(x)", 0, "identity", "sigma(x) for sigma(-x)",
  Identity(softplus, lambda x: -mpmath.log(sig(x)), witness={"x": 1}), twin=tmls)
BT = {"beta": ("0.5", "1", "2")}
SPB = lambda x, beta: mpmath.log1p(mpmath.exp(beta * x)) / beta  # noqa: E731
tpt = T(p_, r"\text{Softplus}(x) = \frac{1}{\beta}\log(1 + \exp(\beta x))", 0, "known-definition", "torch.nn.Softplus",
        Identity(SPB, lambda x, beta: mpmath.log(1 + mpmath.exp(beta * x)) / beta, params=BT))
F(p_, r"\text{Softplus}(x) = \beta\log(1 + \exp(x/\beta))", 0, "known-definition", "the sharpness inverted",
  Identity(SPB, lambda x, beta: beta * mpmath.log(1 + mpmath.exp(x / beta)), params=BT, witness={"x": 1, "beta": 2}),
  twin=tpt)
tptd = T(p_, r"\frac{d}{dx}\frac{1}{\beta}\log(1 + \exp(\beta x)) = \sigma(\beta x)", 0, "derivative", "derived",
         Identity(dd(SPB), lambda x, beta: sig(beta * x), params=BT))
F(p_, r"\frac{d}{dx}\frac{1}{\beta}\log(1 + \exp(\beta x)) = \beta\sigma(\beta x)", 0, "derivative", "an extra beta",
  Identity(dd(SPB), lambda x, beta: beta * sig(beta * x), params=BT, witness={"x": 1, "beta": 2}), twin=tptd)
tth = T(p_, r"\approx x \quad \text{for } \beta x > 20", 0, "approximation", "torch.nn.Softplus: threshold 20",
        Approximation(SPB, lambda x: x, domain=((20, inf),), params={"beta": ("1",)}),
        note="on beta x > 20, checked at beta = 1 (x > 20); the error is log(1 + e^(-beta x))/beta")
F(p_, r"\approx x \quad \text{for } \beta x > 0", 0, "approximation", "a threshold at 0",
  Approximation(SPB, lambda x: x, domain=((0, inf),), params={"beta": ("1",)}), twin=tth)
LX = {"x": ("-2.5", "-0.3", "0", "0.7", "4")}
tbl = T(p_, r"\lim_{\beta \to \infty} \frac{1}{\beta}\log(1 + \exp(\beta x)) = \max(0, x)", 0, "limit",
        "derived: the ReLU as a limit", Limit(SPB, inf, relu, var="beta", variables=LX, approach=("1e9", "1e12", "1e15")))
F(p_, r"\lim_{\beta \to 0^+} \frac{1}{\beta}\log(1 + \exp(\beta x)) = \max(0, x)", 0, "limit",
  "the other end: it grows without bound", Limit(SPB, 0, relu, var="beta", side=1, variables={"x": ("0.7",)},
                                                 approach=("1e-3", "1e-6", "1e-9")), twin=tbl)

# --- sigmoid-tanh.md -------------------------------------------------------------------------
h_ = "sigmoid-tanh.md"
post(h_, "DLMF chapter 4 (§§4.28-4.40); Wikipedia, Logistic function")
th = lambda x: mpmath.tanh(x)  # noqa: E731
e_x = lambda x: mpmath.exp(x)  # noqa: E731
tt1 = T(h_, r"\tanh x = \frac{e^x - e^{-x}}{e^x + e^{-x}} = \frac{1 - e^{-2x}}{1 + e^{-2x}}", 0, "identity", "DLMF §4.28",
        Identity(th, lambda x: (e_x(x) - e_x(-x)) / (e_x(x) + e_x(-x))))
tt2 = T(h_, r"\tanh x = \frac{e^x - e^{-x}}{e^x + e^{-x}} = \frac{1 - e^{-2x}}{1 + e^{-2x}}", 1, "identity", "DLMF §4.28",
        Identity(lambda x: (e_x(x) - e_x(-x)) / (e_x(x) + e_x(-x)), lambda x: (1 - e_x(-2 * x)) / (1 + e_x(-2 * x))))
F(h_, r"\tanh x = \frac{e^x + e^{-x}}{e^x - e^{-x}}", 0, "identity", "upside down: coth",
  Identity(th, lambda x: (e_x(x) + e_x(-x)) / (e_x(x) - e_x(-x)), witness={"x": 1}), twin=tt1)
F(h_, r"\tanh x = \frac{1 - e^{-x}}{1 + e^{-x}}", 0, "identity", "-x for -2x: tanh(x/2)",
  Identity(th, lambda x: (1 - e_x(-x)) / (1 + e_x(-x)), witness={"x": 1}), twin=tt2)
tsc = T(h_, r"\tanh x = \frac{\sinh x}{\cosh x}", 0, "identity", "DLMF §4.28",
        Identity(th, lambda x: mpmath.sinh(x) / mpmath.cosh(x)))
tse = T(h_, r"\operatorname{sech} x = \frac{2}{e^x + e^{-x}}", 0, "identity", "DLMF §4.28",
        Identity(lambda x: mpmath.sech(x), lambda x: 2 / (e_x(x) + e_x(-x))))
F(h_, r"\tanh x = \frac{\cosh x}{\sinh x}", 0, "identity", "coth", Identity(th, lambda x: mpmath.cosh(x) / mpmath.sinh(x),
                                                                           witness={"x": 1}), twin=tsc)
F(h_, r"\operatorname{sech} x = \frac{2}{e^x - e^{-x}}", 0, "identity", "csch",
  Identity(lambda x: mpmath.sech(x), lambda x: 2 / (e_x(x) - e_x(-x)), witness={"x": 1}), twin=tse)
ts1 = T(h_, r"\sigma(x) = \frac{e^x}{1 + e^x} = 1 - \sigma(-x)", 0, "identity", "Wikipedia, Logistic function",
        Identity(sig, lambda x: e_x(x) / (1 + e_x(x))))
ts2 = T(h_, r"\sigma(x) = \frac{e^x}{1 + e^x} = 1 - \sigma(-x)", 1, "identity", "Wikipedia, Logistic function",
        Identity(lambda x: e_x(x) / (1 + e_x(x)), lambda x: 1 - sig(-x)))
F(h_, r"\sigma(x) = \frac{e^x}{1 + e^{-x}}", 0, "identity", "e^-x for e^x",
  Identity(sig, lambda x: e_x(x) / (1 + e_x(-x)), witness={"x": 1}), twin=ts1)
F(h_, r"\frac{e^x}{1 + e^x} = \sigma(-x)", 0, "identity", "sigma(-x) for 1 - sigma(-x)",
  Identity(lambda x: e_x(x) / (1 + e_x(x)), lambda x: sig(-x), witness={"x": 1}), twin=ts2)
tts = T(h_, r"\tanh x = 2\sigma(2x) - 1", 0, "identity", "Wikipedia, Logistic function",
        Identity(th, lambda x: 2 * sig(2 * x) - 1))
tst = T(h_, r"\sigma(x) = \tfrac{1}{2} + \tfrac{1}{2}\tanh\tfrac{x}{2}", 0, "identity", "Wikipedia, Logistic function",
        Identity(sig, lambda x: mpf(1) / 2 + th(x / 2) / 2))
F(h_, r"\tanh x = 2\sigma(x) - 1", 0, "identity", "a factor 2 lost", Identity(th, lambda x: 2 * sig(x) - 1, witness={"x": 1}),
  twin=tts)
F(h_, r"\sigma(x) = \tfrac{1}{2} + \tfrac{1}{2}\tanh 2x", 0, "identity",
  "2x for x/2", Identity(sig, lambda x: mpf(1) / 2 + th(2 * x) / 2, witness={"x": 1}), twin=tst)
tsym = T(h_, r"\sigma(-x) = 1 - \sigma(x)", 0, "identity", "Wikipedia, Logistic function",
         Identity(lambda x: sig(-x), lambda x: 1 - sig(x)))
F(h_, r"\sigma(-x) = -\sigma(x)", 0, "identity", "odd, as it is not", Identity(lambda x: sig(-x), lambda x: -sig(x),
                                                                              witness={"x": 1}), twin=tsym)
td1 = T(h_, r"\frac{d}{dx}\tanh x = 1 - \tanh^2 x = \operatorname{sech}^2 x", 0, "derivative", "DLMF §4.34",
        Identity(dd(lambda x: th(x)), lambda x: 1 - th(x)**2))
td2 = T(h_, r"\frac{d}{dx}\tanh x = 1 - \tanh^2 x = \operatorname{sech}^2 x", 1, "identity", "DLMF §4.35",
        Identity(lambda x: 1 - th(x)**2, lambda x: mpmath.sech(x)**2))
F(h_, r"\frac{d}{dx}\tanh x = 1 + \tanh^2 x", 0, "derivative", "a sign (the circular tangent's)",
  Identity(dd(lambda x: th(x)), lambda x: 1 + th(x)**2, witness={"x": 1}), twin=td1)
F(h_, r"1 - \tanh^2 x = \operatorname{sech} x", 0, "identity", "sech for sech^2",
  Identity(lambda x: 1 - th(x)**2, lambda x: mpmath.sech(x), witness={"x": 1}), twin=td2)
tsd2 = T(h_, r"\sigma''(x) = \sigma(x)(1 - \sigma(x))(1 - 2\sigma(x))", 0, "derivative", "derived",
         Identity(dd(sig, 2), lambda x: sig(x) * (1 - sig(x)) * (1 - 2 * sig(x))))
F(h_, r"\sigma''(x) = \sigma(x)(1 - \sigma(x))(2\sigma(x) - 1)", 0, "derivative", "a sign",
  Identity(dd(sig, 2), lambda x: sig(x) * (1 - sig(x)) * (2 * sig(x) - 1), witness={"x": 1}), twin=tsd2)
tsh = T(h_, r"\sigma'(x) = \tfrac{1}{4}\operatorname{sech}^2\tfrac{x}{2}", 0, "derivative", "derived",
        Identity(dd(sig), lambda x: mpmath.sech(x / 2)**2 / 4))
F(h_, r"\sigma'(x) = \tfrac{1}{2}\operatorname{sech}^2\tfrac{x}{2}", 0, "derivative", "1/2 for 1/4",
  Identity(dd(sig), lambda x: mpmath.sech(x / 2)**2 / 2, witness={"x": 1}), twin=tsh)
SMAX = lambda: -minimum(lambda t: -dd(sig)(x=t), 0.3)[1]  # noqa: E731
tmx1 = T(h_, r"\max_{x}\,\sigma'(x) = \sigma'(0) = \tfrac{1}{4}", 0, "identity", "derived (issue 14's example)",
         Identity(SMAX, lambda: dd(sig)(x=mpf(0)), variables={}), note="the maximum by a root of sigma''")
tmx2 = T(h_, r"\max_{x}\,\sigma'(x) = \sigma'(0) = \tfrac{1}{4}", 1, "value", "derived",
         Identity(lambda: dd(sig)(x=mpf(0)), _const("0.25"), variables={}))
F(h_, r"\max_{x}\,\sigma'(x) = \tfrac{1}{2}", 0, "identity", "1/2 for 1/4", Identity(SMAX, _const("0.5"), variables={}),
  twin=tmx1)
F(h_, r"\sigma'(0) = \tfrac{1}{2}", 0, "value", "1/2 for 1/4", Identity(lambda: dd(sig)(x=mpf(0)), _const("0.5"),
                                                                       variables={}), twin=tmx2)
XY = {"x": ("-2.1", "0.3", "1.7"), "y": ("-0.8", "0.45", "3")}
tch = T(h_, r"\cosh^2 x - \sinh^2 x = 1", 0, "identity", "DLMF §4.33",
        Identity(lambda x: mpmath.cosh(x)**2 - mpmath.sinh(x)**2, _const(1), variables={"x": ("-9.25", "-0.6", "1.1", "7.25")}))
F(h_, r"\cosh^2 x + \sinh^2 x = 1", 0, "identity", "the circular identity's sign",
  Identity(lambda x: mpmath.cosh(x)**2 + mpmath.sinh(x)**2, _const(1), witness={"x": 1}), twin=tch)
tad = T(h_, r"\frac{\tanh x + \tanh y}{1 + \tanh x\tanh y}", 0, "identity", "DLMF §4.35",
        Identity(lambda x, y: th(x + y), lambda x, y: (th(x) + th(y)) / (1 + th(x) * th(y)), variables=XY))
F(h_, r"\frac{\tanh x + \tanh y}{1 - \tanh x\tanh y}", 0, "identity", "the circular tangent's sign",
  Identity(lambda x, y: th(x + y), lambda x, y: (th(x) + th(y)) / (1 - th(x) * th(y)), variables=XY,
           witness={"x": "0.3", "y": "0.45"}), twin=tad)
tdb = T(h_, r"\tanh 2x = \frac{2\tanh x}{1 + \tanh^2 x}", 0, "identity", "DLMF §4.35",
        Identity(lambda x: th(2 * x), lambda x: 2 * th(x) / (1 + th(x)**2)))
F(h_, r"\tanh 2x = \frac{2\tanh x}{1 - \tanh^2 x}", 0, "identity", "the circular tangent's sign",
  Identity(lambda x: th(2 * x), lambda x: 2 * th(x) / (1 - th(x)**2), witness={"x": "0.5"}), twin=tdb)
tb1 = T(h_, r"0 < \sigma(x) < 1", 0, "inequality", "Wikipedia, Logistic function", Inequality(_const(0), "<", sig))
tb2 = T(h_, r"0 < \sigma(x) < 1", 1, "inequality", "Wikipedia, Logistic function", Inequality(sig, "<", _const(1)))
F(h_, r"\tfrac{1}{4} < \sigma(x) < \tfrac{3}{4}", 0, "inequality", "the sigmoid near the origin only",
  Inequality(_const("0.25"), "<", sig, witness={"x": -2}), twin=tb1)
F(h_, r"\tfrac{1}{4} < \sigma(x) < \tfrac{3}{4}", 1, "inequality", "the sigmoid near the origin only",
  Inequality(sig, "<", _const("0.75"), witness={"x": 2}), twin=tb2)
DS1 = dd(sig)
tb3 = T(h_, r"0 < \sigma'(x) \le \tfrac{1}{4}", 0, "inequality", "derived", Inequality(_const(0), "<", DS1))
tb4 = T(h_, r"0 < \sigma'(x) \le \tfrac{1}{4}", 1, "inequality", "derived", Inequality(DS1, "<=", _const("0.25"), extra=(0,)))
F(h_, r"\tfrac{1}{8} < \sigma'(x) < \tfrac{1}{4}", 0, "inequality", "holds near the origin only",
  Inequality(_const("0.125"), "<", DS1, witness={"x": 3}), twin=tb3)
F(h_, r"\tfrac{1}{8} < \sigma'(x) < \tfrac{1}{4}", 1, "inequality", "strict, but equal at the origin",
  Inequality(DS1, "<", _const("0.25"), witness={"x": 0}), twin=tb4)
tb5 = T(h_, r"|\tanh x| < 1", 0, "inequality", "issue 14's example", Inequality(lambda x: abs(th(x)), "<", _const(1)))
tb6 = T(h_, r"|\tanh x| \le |x|", 0, "inequality", "derived", Inequality(lambda x: abs(th(x)), "<=", lambda x: abs(x), extra=(0,)))
F(h_, r"|\tanh x| < |x|", 0, "inequality", "strict, but equal at x = 0",
  Inequality(lambda x: abs(th(x)), "<", lambda x: abs(x), witness={"x": 0}), twin=tb6)
C(h_, r"x = 0", note="a point named in prose")
F(h_, r"|\tanh x| < \tfrac{3}{4}", 0, "inequality", "read off a plot near the origin",
  Inequality(lambda x: abs(th(x)), "<", _const("0.75"), witness={"x": 2}), twin=tb5)
POS = ((mpf(10) ** -30, inf),)
tb7 = T(h_, r"\tanh x < x \quad \text{for } x > 0", 0, "inequality", "derived", Inequality(th, "<", lambda x: x, domain=POS))
F(h_, r"\tanh x > x \quad \text{for } x > 0", 0, "inequality", "the wrong way", Inequality(th, ">", lambda x: x, domain=POS,
                                                                                         witness={"x": 1}), twin=tb7)
tm1 = T(h_, r"\sigma(x) \in (0, 1)", 0, "membership", "Wikipedia, Logistic function", Membership(sig, 0, 1))
tm2 = T(h_, r"\tanh x \in (-1, 1)", 0, "membership", "DLMF §4.28", Membership(th, -1, 1))
F(h_, r"\sigma(x) \in (\tfrac{1}{2}, 1)", 0, "membership", "the positive half only",
  Membership(sig, "0.5", 1, witness={"x": -1}), twin=tm1)
F(h_, r"\tanh x \in (0, 1)", 0, "membership", "the positive half only", Membership(th, 0, 1, witness={"x": -1}), twin=tm2)
tse1 = T(h_, r"\frac{x}{4} - \frac{x^3}{48} + O(x^5)", 0, "series", "derived",
         Series(sig, [Q(1, 2), Q(1, 4), 0, Q(-1, 48)], 5))
F(h_, r"\frac{x}{4} - \frac{x^3}{24} + O(x^5)", 0, "series", "1/24 for 1/48",
  Series(sig, [Q(1, 2), Q(1, 4), 0, Q(-1, 24)], 5), twin=tse1)
tse2 = T(h_, r"\frac{2x^5}{15} + O(x^7)", 0, "series", "DLMF §4.33", Series(th, [0, 1, 0, Q(-1, 3), 0, Q(2, 15)], 7))
F(h_, r"\frac{x^5}{5} + O(x^7)", 0, "series", "the arctangent's coefficient",
  Series(th, [0, 1, 0, Q(-1, 3), 0, Q(1, 5)], 7), twin=tse2)
tl1 = T(h_, r"\lim_{x \to \infty} \sigma(x) = 1", 0, "limit", "Wikipedia, Logistic function", Limit(sig, inf, 1))
ta1 = T(h_, r"1 - \tanh x \sim 2e^{-2x} \quad (x \to \infty)", 0, "asymptotic", "derived",
        Asymptotic(lambda x: 1 - th(x), lambda x: 2 * e_x(-2 * x), inf, approach=("10", "100", "1000")))
ta2 = T(h_, r"\sigma(x) \sim e^{x} \quad \text{as } x \to -\infty", 0, "asymptotic", "derived",
        Asymptotic(sig, lambda x: e_x(x), -inf))
F(h_, r"\lim_{x \to -\infty} \sigma(x) = 1", 0, "limit", "the wrong end", Limit(sig, -inf, 1), twin=tl1)
F(h_, r"1 - \tanh x \sim e^{-2x} \quad (x \to \infty)", 0, "asymptotic", "a factor 2",
  Asymptotic(lambda x: 1 - th(x), lambda x: e_x(-2 * x), inf, approach=("10", "100", "1000")), twin=ta1)
F(h_, r"\sigma(x) \sim e^{-x} \quad \text{as } x \to -\infty", 0, "asymptotic", "e^-x for e^x",
  Asymptotic(sig, lambda x: e_x(-x), -inf, approach=("1e1", "2e1", "4e1")), twin=ta2)
UP = {"p": ("0.001", "0.1", "0.37", "0.5", "0.83", "0.999")}
tinv = T(h_, r"\sigma^{-1}(p) = \ln\frac{p}{1 - p}", 0, "identity", "Wikipedia, Logistic function (the logit)",
         Identity(lambda p: mpmath.findroot(lambda t: sig(t) - p, 0), lambda p: mpmath.log(p / (1 - p)), variables=UP))
F(h_, r"\sigma^{-1}(p) = \ln\frac{p}{1 + p}", 0, "identity", "1 + p for 1 - p",
  Identity(lambda p: mpmath.findroot(lambda t: sig(t) - p, 0), lambda p: mpmath.log(p / (1 + p)), variables=UP,
           witness={"p": "0.5"}), twin=tinv)
tant = T(h_, r"\int \tanh x\,\mathrm{d}x = \ln\cosh x + C", 0, "antiderivative", "DLMF §4.40",
         Identity(th, dd(lambda x: mpmath.log(mpmath.cosh(x)))), note="checked as d/dx of the right side")
F(h_, r"\int \tanh x\,\mathrm{d}x = \ln\sinh x + C", 0, "antiderivative", "sinh for cosh",
  Identity(th, dd(lambda x: mpmath.log(mpmath.sinh(x))), variables={"x": ("0.45", "1.1", "2.9")}, witness={"x": 1}),
  twin=tant)

# --- normal-erf.md ---------------------------------------------------------------------------
n_ = "normal-erf.md"
post(n_, "DLMF chapter 7; Wikipedia, Normal distribution; Gordon 1941; Polya 1949")
erf, erfc, sq, pi_, quad = mpmath.erf, mpmath.erfc, mpmath.sqrt, mpmath.pi, mpmath.quad
ZP = {"z": ("-3.7", "-0.6", "0.001", "1.1", "2.9")}
ZA = {"z": POINTS}
E2 = lambda t: mpmath.exp(-t * t)  # noqa: E731
te = T(n_, r"\operatorname{erf} z = \frac{2}{\sqrt{\pi}}\int_0^z e^{-t^2}\,\mathrm{d}t", 0, "integral", "DLMF 7.2.1",
       Identity(lambda z: erf(z), lambda z: 2 / sq(pi_) * quad(E2, [0, z]), variables=ZP))
F(n_, r"\operatorname{erf} z = \frac{1}{\sqrt{\pi}}\int_0^z e^{-t^2}\,\mathrm{d}t", 0, "integral", "1/sqrt(pi) for 2/sqrt(pi)",
  Identity(lambda z: erf(z), lambda z: 1 / sq(pi_) * quad(E2, [0, z]), variables={}, witness={"z": 1}), twin=te)
tc1 = T(n_, r"\operatorname{erfc} z = \frac{2}{\sqrt{\pi}}\int_z^\infty e^{-t^2}\,\mathrm{d}t = 1 - \operatorname{erf} z", 0,
        "integral", "DLMF 7.2.2", Identity(lambda z: erfc(z), lambda z: 2 / sq(pi_) * quad(E2, [z, inf]), variables=ZP))
tc2 = T(n_, r"\operatorname{erfc} z = \frac{2}{\sqrt{\pi}}\int_z^\infty e^{-t^2}\,\mathrm{d}t = 1 - \operatorname{erf} z", 1,
        "integral", "DLMF 7.2.2", Identity(lambda z: 2 / sq(pi_) * quad(E2, [z, inf]), lambda z: 1 - erf(z), variables=ZP))
F(n_, r"\operatorname{erfc} z = \operatorname{erf}(-z)", 0, "identity", "the reflection for the complement",
  Identity(lambda z: erfc(z), lambda z: erf(-z), variables=ZA, witness={"z": 1}), twin=tc2)
F(n_, r"\operatorname{erfc} z = \frac{2}{\sqrt{\pi}}\int_{-\infty}^z e^{-t^2}\,\mathrm{d}t", 0, "integral", "the wrong tail",
  Identity(lambda z: erfc(z), lambda z: 2 / sq(pi_) * quad(E2, [-inf, z]), variables={}, witness={"z": 1}), twin=tc1)
tph = T(n_, r"\varphi(x) = \frac{1}{\sqrt{2\pi}}e^{-x^2/2}", 0, "identity", "Wikipedia, Normal distribution",
        Identity(phi, lambda x: mpmath.exp(-x**2 / 2) / sq(2 * pi_)))
tPh = T(n_, r"\Phi(x) = \int_{-\infty}^{x}\varphi(t)\,\mathrm{d}t", 0, "integral", "Wikipedia, Normal distribution",
        Identity(Phi, lambda x: quad(phi, [-inf, x]), variables={"x": ("-3.7", "-0.6", "0.001", "1.1", "7.25")}))
F(n_, r"\varphi(x) = \frac{1}{2\pi}e^{-x^2/2}", 0, "identity", "2 pi for sqrt(2 pi)",
  Identity(phi, lambda x: mpmath.exp(-x**2 / 2) / (2 * pi_), witness={"x": 0}), twin=tph)
F(n_, r"\Phi(x) = \int_{0}^{x}\varphi(t)\,\mathrm{d}t", 0, "integral", "off by one half",
  Identity(Phi, lambda x: quad(phi, [0, x]), variables={}, witness={"x": 0}), twin=tPh)
tP = T(n_, r"P(X \le x) = \Phi(x)", 0, "identity", "Wikipedia, Normal distribution (X standard normal)",
       Identity(Phi, Phi), note="the distribution function, by definition")
F(n_, r"P(X > x) = \Phi(x)", 0, "identity", "the upper tail is 1 - Phi(x)",
  Identity(lambda x: 1 - Phi(x), Phi, witness={"x": 1}), twin=tP)
C(n_, r"t = \sqrt{2}u", note="a substitution")
C(n_, r"\mathrm{d}t = \sqrt{2}\,\mathrm{d}u", note="a substitution's Jacobian")
I1 = lambda x: quad(lambda t: mpmath.exp(-t**2 / 2), [-inf, x]) / sq(2 * pi_)  # noqa: E731
I2 = lambda x: quad(E2, [-inf, x / sq(2)]) / sq(pi_)  # noqa: E731
I3 = lambda x: quad(E2, [-inf, x / sq(2)]) / sq(2 * pi_)  # noqa: E731
HALF = lambda x: mpf(1) / 2 + erf(x / sq(2)) / 2  # noqa: E731
QX = {"x": ("-3.7", "-0.6", "0.001", "1.1", "7.25")}
KEY_AL = r"&= \frac{1}{\sqrt{\pi}}\int_{-\infty}^{x/\sqrt{2}} e^{-u^2}\,\mathrm{d}u"
ta1 = T(n_, KEY_AL, 0, "integral", "the substitution, derived", Identity(Phi, I1, variables=QX))
ta2 = T(n_, KEY_AL, 1, "integral", "the substitution, derived", Identity(I1, I2, variables=QX))
ta3 = T(n_, KEY_AL, 2, "integral", "the substitution, derived", Identity(I2, HALF, variables=QX))
KEY_AF = r"\Phi(x) &= \frac{1}{\sqrt{2\pi}}\int_{-\infty}^{x/\sqrt{2}}"
F(n_, r"\Phi(x) = \frac{1}{\sqrt{\pi}}\int_{-\infty}^{x} e^{-t^2/2}\,\mathrm{d}t", 0, "integral",
  "1/sqrt(pi) for 1/sqrt(2 pi)", Identity(Phi, lambda x: quad(lambda t: mpmath.exp(-t**2 / 2), [-inf, x]) / sq(pi_),
                                          variables={}, witness={"x": 0}), twin=ta1)
F(n_, KEY_AF, 0, "integral", "the Jacobian forgotten", Identity(Phi, I3, variables={}, witness={"x": 1}), twin=ta2)
F(n_, KEY_AF, 1, "integral", "the Jacobian forgotten", Identity(I3, HALF, variables={}, witness={"x": 1}), twin=ta3)
KEY_1 = r"\Phi(x) = \frac{1}{2}\left[1 + \operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right] ="
to1 = T(n_, KEY_1, 0, "identity", "Wikipedia, Normal distribution", Identity(Phi, lambda x: (1 + erf(x / sq(2))) / 2))
to2 = T(n_, KEY_1, 1, "identity", "DLMF 7.2 / Wikipedia", Identity(lambda x: (1 + erf(x / sq(2))) / 2,
                                                                   lambda x: erfc(-x / sq(2)) / 2))
F(n_, r"\Phi(x) = \frac{1}{2}\left[1 + \operatorname{erf}\left(\sqrt{2}x\right)\right]", 0, "identity", "sqrt 2 x for x/sqrt 2",
  Identity(Phi, lambda x: (1 + erf(sq(2) * x)) / 2, witness={"x": 1}), twin=to1)
F(n_, r"\Phi(x) = \frac{1}{2}\operatorname{erfc}\left(\frac{x}{\sqrt{2}}\right)", 0, "identity", "a sign",
  Identity(Phi, lambda x: erfc(x / sq(2)) / 2, witness={"x": 1}), twin=to2)
tod = T(n_, r"\operatorname{erf}(-z) = -\operatorname{erf}(z)", 0, "identity", "DLMF 7.4.1",
        Identity(lambda z: erf(-z), lambda z: -erf(z), variables=ZA))
tcr = T(n_, r"\operatorname{erfc}(-z) = 2 - \operatorname{erfc}(z)", 0, "identity", "DLMF 7.4.2",
        Identity(lambda z: erfc(-z), lambda z: 2 - erfc(z), variables=ZA))
tPr = T(n_, r"\Phi(-x) = 1 - \Phi(x)", 0, "identity", "Wikipedia, Normal distribution",
        Identity(lambda x: Phi(-x), lambda x: 1 - Phi(x)))
F(n_, r"\operatorname{erfc}(-z) = -\operatorname{erfc}(z)", 0, "identity", "erfc is not odd",
  Identity(lambda z: erfc(-z), lambda z: -erfc(z), variables=ZA, witness={"z": 1}), twin=tod)
F(n_, r"\operatorname{erfc}(-z) = 1 - \operatorname{erfc}(z)", 0, "identity", "1 for 2",
  Identity(lambda z: erfc(-z), lambda z: 1 - erfc(z), variables=ZA, witness={"z": 1}), twin=tcr)
F(n_, r"\Phi(-x) = \tfrac{1}{2} - \Phi(x)", 0, "identity", "1/2 for 1",
  Identity(lambda x: Phi(-x), lambda x: mpf(1) / 2 - Phi(x), witness={"x": 1}), twin=tPr)
tde = T(n_, r"\frac{d}{dz}\operatorname{erf} z = \frac{2}{\sqrt{\pi}}e^{-z^2}", 0, "derivative", "DLMF 7.10.1",
        Identity(dd(lambda z: erf(z)), lambda z: 2 / sq(pi_) * mpmath.exp(-z**2), variables=ZA))
F(n_, r"\frac{d}{dz}\operatorname{erf} z = \frac{2}{\sqrt{\pi}}e^{-z^2/2}", 0, "derivative", "the normal density's exponent",
  Identity(dd(lambda z: erf(z)), lambda z: 2 / sq(pi_) * mpmath.exp(-z**2 / 2), variables=ZA, witness={"z": 1}), twin=tde)
tdP = T(n_, r"\Phi'(x) = \varphi(x)", 0, "derivative", "Wikipedia, Normal distribution", Identity(dd(Phi), phi))
tdp = T(n_, r"\varphi'(x) = -x\varphi(x)", 0, "derivative", "Wikipedia, Normal distribution",
        Identity(dd(phi), lambda x: -x * phi(x)))
F(n_, r"\Phi'(x) = x\varphi(x)", 0, "derivative", "an extra x", Identity(dd(Phi), lambda x: x * phi(x), witness={"x": 2}),
  twin=tdP)
F(n_, r"\varphi'(x) = x\varphi(x)", 0, "derivative", "a sign", Identity(dd(phi), lambda x: x * phi(x), witness={"x": 1}),
  twin=tdp)
tg = T(n_, r"\int_{-\infty}^{\infty} e^{-t^2}\,\mathrm{d}t = \sqrt{\pi}", 0, "integral", "the Gaussian integral",
       Identity(lambda: quad(E2, [-inf, inf]), lambda: sq(pi_), variables={}))
tg1 = T(n_, r"\int_{-\infty}^{\infty}\varphi(t)\,\mathrm{d}t = 1", 0, "integral", "a density",
        Identity(lambda: quad(phi, [-inf, inf]), _const(1), variables={}))
F(n_, r"\int_{-\infty}^{\infty} e^{-t^2}\,\mathrm{d}t = \sqrt{2\pi}", 0, "integral", "the integral of e^(-t^2/2)",
  Identity(lambda: quad(E2, [-inf, inf]), lambda: sq(2 * pi_), variables={}), twin=tg)
F(n_, r"\int_{0}^{\infty}\varphi(t)\,\mathrm{d}t = 1", 0, "integral", "half the mass",
  Identity(lambda: quad(phi, [0, inf]), _const(1), variables={}), twin=tg1)
tP0 = T(n_, r"\Phi(0) = \tfrac{1}{2}", 0, "value", "by symmetry", Identity(lambda: Phi(mpf(0)), _const("0.5"), variables={}))
F(n_, r"\varphi(0) = \tfrac{1}{2}", 0, "value", "the density for the distribution",
  Identity(lambda: phi(mpf(0)), _const("0.5"), variables={}), twin=tP0)
v1 = T(n_, r"\Phi(1.96) \approx 0.975", 0, "approximation", "the 97.5% quantile",
       Approximation(lambda: Phi(mpf("1.96")), _const("0.975"), domain=None))
v2 = T(n_, r"\operatorname{erf}(1) \approx 0.8427", 0, "approximation", "DLMF / tables",
       Approximation(lambda: erf(mpf(1)), _const("0.8427"), domain=None))
v3 = T(n_, r"\operatorname{erf}\left(\tfrac{1}{\sqrt{2}}\right) \approx 0.6827", 0, "approximation", "one standard deviation",
       Approximation(lambda: erf(1 / sq(2)), _const("0.6827"), domain=None))
F(n_, r"\Phi(-1.96) \approx 0.975", 0, "approximation", "a sign", Approximation(lambda: Phi(mpf("-1.96")), _const("0.975"),
                                                                               domain=None), twin=v1)
F(n_, r"\operatorname{erf}(1) \approx 0.6827", 0, "approximation", "erf(1/sqrt 2)'s value for erf(1)",
  Approximation(lambda: erf(mpf(1)), _const("0.6827"), domain=None), twin=v2)
F(n_, r"\operatorname{erf}(\sqrt{2}) \approx 0.6827", 0, "approximation", "sqrt 2 for 1/sqrt 2",
  Approximation(lambda: erf(sq(2)), _const("0.6827"), domain=None), twin=v3)
tes = T(n_, r"\frac{z^5}{10} - \frac{z^7}{42}\right) + O(z^9)", 0, "series", "DLMF 7.6.1",
        Series(lambda x: erf(x), [0, lambda: 2 / sq(pi_), 0, lambda: -2 / sq(pi_) / 3, 0, lambda: 2 / sq(pi_) / 10, 0,
                                  lambda: -2 / sq(pi_) / 42], 9))
F(n_, r"\frac{z^5}{5} - \frac{z^7}{7}\right) + O(z^9)", 0, "series", "the factorials forgotten",
  Series(lambda x: erf(x), [0, lambda: 2 / sq(pi_), 0, lambda: -2 / sq(pi_) / 3, 0, lambda: 2 / sq(pi_) / 5, 0,
                            lambda: -2 / sq(pi_) / 7], 9), twin=tes)
UPPER = lambda x: Phi(-x)  # noqa: E731 - 1 - Phi(x), written without the cancellation
tas = T(n_, r"\operatorname{erfc} z \sim \frac{e^{-z^2}}{z\sqrt{\pi}} \quad (z \to \infty)", 0, "asymptotic", "DLMF 7.12.1",
        Asymptotic(lambda x: erfc(x), lambda x: mpmath.exp(-x**2) / (x * sq(pi_)), inf, approach=("10", "100", "1000")))
tmi = T(n_, r"1 - \Phi(x) \sim \frac{\varphi(x)}{x} \quad \text{as } x \to \infty", 0, "asymptotic", "Mills' ratio",
        Asymptotic(UPPER, lambda x: phi(x) / x, inf, approach=("10", "30", "100")))
F(n_, r"\operatorname{erfc} z \sim \frac{e^{-z^2}}{z\sqrt{2\pi}} \quad (z \to \infty)", 0, "asymptotic", "sqrt(2 pi) for sqrt(pi)",
  Asymptotic(lambda x: erfc(x), lambda x: mpmath.exp(-x**2) / (x * sq(2 * pi_)), inf, approach=("10", "100", "1000")),
  twin=tas)
F(n_, r"1 - \Phi(x) \sim \frac{\varphi(x)}{x^2} \quad \text{as } x \to \infty", 0, "asymptotic", "x^2 for x",
  Asymptotic(UPPER, lambda x: phi(x) / x**2, inf, approach=("10", "30", "100")), twin=tmi)
PX = ((mpf(10) ** -30, inf),)
KEY_G = r"\frac{x}{1 + x^2}\varphi(x) < 1 - \Phi(x) < \frac{\varphi(x)}{x} \quad \text{for } x > 0"
tgo1 = T(n_, KEY_G, 0, "inequality", "Gordon 1941", Inequality(lambda x: x / (1 + x**2) * phi(x), "<", UPPER, domain=PX, n=200, reach=50))
tgo2 = T(n_, KEY_G, 1, "inequality", "Gordon 1941", Inequality(UPPER, "<", lambda x: phi(x) / x, domain=PX, n=200, reach=50))
F(n_, r"\frac{\varphi(x)}{x} < 1 - \Phi(x) \quad \text{for } x > 0", 0, "inequality", "the bracket turned around",
  Inequality(lambda x: phi(x) / x, "<", UPPER, domain=PX, witness={"x": 1}), twin=tgo2)
F(n_, r"1 - \Phi(x) < \frac{x}{1 + x^2}\varphi(x) \quad \text{for } x > 0", 0, "inequality", "the bracket turned around",
  Inequality(UPPER, "<", lambda x: x / (1 + x**2) * phi(x), domain=PX, witness={"x": 1}), twin=tgo1)
tpo = T(n_, r"\operatorname{erf}^2 x \le 1 - e^{-4x^2/\pi}", 0, "inequality", "Polya 1949",
        Inequality(lambda x: erf(x)**2, "<=", lambda x: 1 - mpmath.exp(-4 * x**2 / pi_), extra=(0,)))
F(n_, r"\operatorname{erf}^2 x \le 1 - e^{-x^2}", 0, "inequality", "a lower bound used as an upper one",
  Inequality(lambda x: erf(x)**2, "<=", lambda x: 1 - mpmath.exp(-x**2), witness={"x": 1}), twin=tpo)
tme = T(n_, r"\operatorname{erf} x \in (-1, 1)", 0, "membership", "DLMF §7.2", Membership(lambda x: erf(x), -1, 1, reach=50))
tmP = T(n_, r"\Phi(x) \in (0, 1)", 0, "membership", "a distribution function", Membership(Phi, 0, 1, reach=50))
F(n_, r"\operatorname{erf} x \in (0, 1)", 0, "membership", "erf is odd", Membership(lambda x: erf(x), 0, 1, witness={"x": -1}),
  twin=tme)
F(n_, r"\Phi(x) \in (0, \tfrac{1}{2}]", 0, "membership", "the lower half only",
  Membership(Phi, 0, "0.5", (False, True), witness={"x": 1}), twin=tmP)
tls = T(n_, r"\Phi(x) \approx \sigma(1.702x)", 0, "approximation", "the logistic approximation (constant 1.702)",
        Approximation(Phi, lambda x: sig(mpf("1.702") * x)))
tlt = T(n_, r"\Phi(x) \approx \frac{1}{2}\left(1 + \tanh\left[\sqrt{2/\pi}", 0, "approximation",
        "Hendrycks & Gimpel's tanh form", Approximation(Phi, lambda x: (1 + mpmath.tanh(sq(2 / pi_) * (x + mpf("0.044715") * x**3))) / 2))
F(n_, r"\Phi(x) \approx \sigma(x/1.702)", 0, "approximation", "divided instead of multiplied",
  Approximation(Phi, lambda x: sig(x / mpf("1.702"))), twin=tls)
F(n_, r"\Phi(x) \approx \frac{1}{2}\left(1 + \tanh\left[\sqrt{\pi/2}", 0, "approximation", "sqrt(pi/2) for sqrt(2/pi)",
  Approximation(Phi, lambda x: (1 + mpmath.tanh(sq(pi_ / 2) * (x + mpf("0.044715") * x**3))) / 2), twin=tlt)

# --- hard-activations.md ---------------------------------------------------------------------
k_ = "hard-activations.md"
post(k_, "Howard et al. 2019, arXiv 1905.02244 (§5.2); PyTorch docs; Courbariaux et al. 2015 (BinaryConnect)")
tsw = T(k_, r"\text{swish}\,x = x \cdot \sigma(x)", 0, "known-definition", "MobileNetV3 §5.2", Identity(silu, lambda x: x * sig(x)))
F(k_, r"\text{swish}\,x = x \cdot \sigma(-x)", 0, "known-definition", "sigma(-x) for sigma(x)",
  Identity(silu, lambda x: x * sig(-x), witness={"x": 1}), twin=tsw)
thw = T(k_, r"\text{h-swish}[x] = x\frac{\text{ReLU6}(x + 3)}{6}", 0, "known-definition", "MobileNetV3 §5.2, eq. (h-swish)",
        Identity(hardswish, lambda x: x * relu6(x + 3) / 6), note="h-swish is PyTorch's Hardswish")
ths = T(k_, r"\text{h-sigmoid}[x] = \frac{\text{ReLU6}(x + 3)}{6}", 0, "known-definition", "MobileNetV3 §5.2",
        Identity(hardsigmoid, lambda x: relu6(x + 3) / 6))
F(k_, r"\text{h-swish}[x] = x\frac{\text{ReLU6}(x + 3)}{3}", 0, "known-definition", "3 for 6",
  Identity(hardswish, lambda x: x * relu6(x + 3) / 3, witness={"x": 1}), twin=thw)
F(k_, r"\text{h-sigmoid}[x] = \frac{\text{ReLU6}(x) + 3}{6}", 0, "known-definition", "the shift outside",
  Identity(hardsigmoid, lambda x: (relu6(x) + 3) / 6, witness={"x": -5}), twin=ths)
tr6 = T(k_, r"\text{ReLU6}(x) = \min(\max(0, x), 6)", 0, "known-definition", "torch.nn.ReLU6",
        Identity(relu6, lambda x: min(max(0, x), 6)))
F(k_, r"\text{ReLU6}(x) = \max(\min(0, x), 6)", 0, "known-definition", "the clips nested the other way: the constant 6",
  Identity(relu6, lambda x: max(min(0, x), 6), witness={"x": 1}), twin=tr6)
FAR = ((-inf, -6), (6, inf))
tap = T(k_, r"\text{h-swish}[x] \approx \text{swish}\,x \quad \text{for } |x| \ge 6", 0, "approximation",
        "MobileNetV3 §5.2 (far out, both are the ReLU)", Approximation(hardswish, silu, domain=FAR))
F(k_, r"\text{h-swish}[x] \approx \text{swish}\,x", 0, "approximation",
  "the paper's loose 'approximates': off by 0.14 at x = -3 under the 0.03 rule", Approximation(hardswish, silu), twin=tap,
  note="from the source, not a slip: the paper's sense of approximation is looser than the corpus rule")
C(k_, r"x = -3", note="a point named in prose")
HSW = lambda x: mpf(0) if x <= -3 else (x if x >= 3 else x * (x + 3) / 6)  # noqa: E731
HSG = lambda x: mpf(0) if x <= -3 else (mpf(1) if x >= 3 else x / 6 + mpf(1) / 2)  # noqa: E731
thc = T(k_, r"x \cdot (x + 3) / 6 & \text{otherwise}", 0, "known-definition", "torch.nn.Hardswish", Identity(hardswish, HSW))
F(k_, r"x \cdot (x - 3) / 6 & \text{otherwise}", 0, "known-definition", "x - 3 for x + 3",
  Identity(hardswish, lambda x: mpf(0) if x <= -3 else (x if x >= 3 else x * (x - 3) / 6), witness={"x": 1}), twin=thc)
tgc = T(k_, r"x / 6 + 1 / 2 & \text{otherwise}", 0, "known-definition", "torch.nn.Hardsigmoid", Identity(hardsigmoid, HSG))
F(k_, r"x / 6 + 1 / 3 & \text{otherwise}", 0, "known-definition", "1/3 for 1/2",
  Identity(hardsigmoid, lambda x: mpf(0) if x <= -3 else (mpf(1) if x >= 3 else x / 6 + mpf(1) / 3), witness={"x": 0}),
  twin=tgc)
tg1 = T(k_, r"\text{Hardsigmoid}(x) = \max\left(0, \min\left(1, \frac{x}{6} + \frac{1}{2}\right)\right)", 0,
        "known-definition", "jax.nn.hard_sigmoid's form", Identity(hardsigmoid, lambda x: max(0, min(1, x / 6 + mpf(1) / 2))))
F(k_, r"\min\left(1, 0.2x + 0.5\right)", 0, "known-definition", "Keras's older slope 0.2 for PyTorch's 1/6",
  Identity(hardsigmoid, lambda x: max(0, min(1, mpf("0.2") * x + mpf("0.5"))), witness={"x": 1}), twin=tg1)
thp = T(k_, r"\text{Hardswish}(x) = x \cdot \text{Hardsigmoid}(x)", 0, "identity", "PyTorch; MobileNetV3",
        Identity(hardswish, lambda x: x * hardsigmoid(x)))
F(k_, r"\text{Hardswish}(x) = x \cdot \text{Hardsigmoid}(x + 3)", 0, "identity", "the shift applied twice",
  Identity(hardswish, lambda x: x * hardsigmoid(x + 3), witness={"x": 1}), twin=thp)
tht = T(k_, r"\text{Hardtanh}(x) = \max(-1, \min(1, x))", 0, "known-definition", "torch.nn.Hardtanh with its defaults",
        Identity(hardtanh, lambda x: max(-1, min(1, x))))
F(k_, r"\text{Hardtanh}(x) = \max(-1, \min(0, x))", 0, "known-definition", "0 for 1", Identity(hardtanh, lambda x: max(-1, min(0, x)),
                                                                                          witness={"x": "0.5"}), twin=tht)
tre = T(k_, r"\frac{\text{Hardtanh}(x/3) + 1}{2}", 0, "identity", "derived", Identity(hardsigmoid, lambda x: (hardtanh(x / 3) + 1) / 2))
F(k_, r"\frac{\text{Hardtanh}(x/6) + 1}{2}", 0, "identity", "x/6 for x/3",
  Identity(hardsigmoid, lambda x: (hardtanh(x / 6) + 1) / 2, witness={"x": 1}), twin=tre)
C(k_, r"x = -\tfrac{3}{2}", note="where the minimum is")
HMIN = lambda: hardswish(mpf(-3) / 2)  # noqa: E731
tmin = T(k_, r"\min_{x} \text{Hardswish}(x) = -\tfrac{3}{8}", 0, "identity", "derived (at x = -3/2)",
         Identity(lambda: min(hardswish(p) for p in _grid(((-3, 0),), 600)), _const("-0.375"), variables={}),
         note="the minimum over a grid that holds -3/2")
tbd = T(k_, r"\text{Hardswish}(x) \ge -\tfrac{3}{8}", 0, "inequality", "derived", Inequality(hardswish, ">=", _const("-0.375"),
                                                                                          extra=("-1.5",)))
F(k_, r"\min_{x} \text{Hardswish}(x) = -\tfrac{1}{4}", 0, "identity", "1/4 for 3/8",
  Identity(lambda: min(hardswish(p) for p in _grid(((-3, 0),), 600)), _const("-0.25"), variables={}), twin=tmin)
F(k_, r"\text{Hardswish}(x) \ge -\tfrac{1}{3}", 0, "inequality", "too tight", Inequality(hardswish, ">=", _const(Q(-1, 3)),
                                                                                        witness={"x": "-1.5"}), twin=tbd)
MID = lambda x: -3 < x < 3  # noqa: E731
XM = {"x": ("-2.9", "-1.3", "-0.6", "0.001", "0.45", "1.1", "2.9")}
thd = T(k_, r"\frac{d}{dx}\text{Hardswish}(x) = \frac{2x + 3}{6} \quad", 0, "derivative", "derived",
        Identity(dd(hardswish), lambda x: (2 * x + 3) / 6, variables=XM))
F(k_, r"\frac{d}{dx}\text{Hardswish}(x) = \frac{x + 3}{6} \quad", 0, "derivative", "the product rule forgotten",
  Identity(dd(hardswish), lambda x: (x + 3) / 6, variables=XM, witness={"x": 1}), twin=thd)
tle = T(k_, r"\text{Hardswish}(x) \le \max(0, x)", 0, "inequality", "derived", Inequality(hardswish, "<=", relu))
F(k_, r"\text{Hardswish}(x) \ge \max(0, x)", 0, "inequality", "the wrong way", Inequality(hardswish, ">=", relu, witness={"x": 1}),
  twin=tle)
tv1 = T(k_, r"\text{Hardswish}(1) = \tfrac{2}{3}", 0, "value", "the documentation's example",
        Identity(lambda: hardswish(mpf(1)), _const(Q(2, 3)), variables={}))
tv2 = T(k_, r"\text{Hardswish}(-1) = -\tfrac{1}{3}", 0, "value", "the documentation's example",
        Identity(lambda: hardswish(mpf(-1)), _const(Q(-1, 3)), variables={}))
F(k_, r"\text{Hardswish}(-1) = -\tfrac{2}{3}", 0, "value", "the value at 1, negated",
  Identity(lambda: hardswish(mpf(-1)), _const(Q(-2, 3)), variables={}), twin=tv2)
F(k_, r"\text{Hardswish}(1) = \tfrac{1}{3}", 0, "value", "the value at -1, negated",
  Identity(lambda: hardswish(mpf(1)), _const(Q(1, 3)), variables={}), twin=tv1)
D(k_, r"\sigma_{\text{hard}}(x) = \operatorname{clip}", 0, note="BinaryConnect's hard sigmoid")
CLIP = lambda v, lo, hi: min(max(v, mpf(lo)), mpf(hi))  # noqa: E731
tcl = T(k_, r"\sigma_{\text{hard}}(x) = \operatorname{clip}", 1, "identity", "Courbariaux et al. 2015, §2.3",
        Identity(lambda x: CLIP((x + 1) / 2, 0, 1), lambda x: max(0, min(1, (x + 1) / 2))))
F(k_, r"= \min\left(0, \max\left(1, \frac{x + 1}{2}\right)\right)", 0, "identity", "the clips nested the other way",
  Identity(lambda x: CLIP((x + 1) / 2, 0, 1), lambda x: min(0, max(1, (x + 1) / 2)), witness={"x": 0}), twin=tcl)

# --- squareplus.md ---------------------------------------------------------------------------
q_ = "squareplus.md"
post(q_, "Barron 2021, arXiv 2112.11687")
BB = {"b": ("0.5", "1", "4")}
tre_ = T(q_, r"\operatorname{relu}(x) = \max(x, 0)", 0, "known-definition", "eq. 1", Identity(relu, lambda x: max(x, 0)))
tsp_ = T(q_, r"\operatorname{softplus}(x) = \log(\exp(x) + 1)", 0, "known-definition", "eq. 2",
         Identity(softplus, lambda x: mpmath.log(mpmath.exp(x) + 1)))
F(q_, r"\operatorname{relu}(x) = \min(x, 0)", 0, "known-definition", "min for max",
  Identity(relu, lambda x: min(x, 0), witness={"x": 1}), twin=tre_)
F(q_, r"\operatorname{softplus}(x) = \log(\exp(x)) + 1", 0, "known-definition", "the 1 outside the log",
  Identity(softplus, lambda x: mpmath.log(mpmath.exp(x)) + 1, witness={"x": 0}), twin=tsp_)
C(q_, r"b \ge 0", note="the hyperparameter's admissible values")
tsq = T(q_, r"\operatorname{squareplus}(x, b) = \frac{x + \sqrt{x^2 + b}}{2}", 0, "known-definition", "eq. 3",
        Identity(squareplus, lambda x, b: (x + mpmath.sqrt(x**2 + b)) / 2, params=BB))
C(q_, r"b \ne 0, 1", note="the values where the slip happens to agree")
F(q_, r"\frac{x + \sqrt{x^2 + b^2}}{2}", 0, "known-definition", "b^2 for b",
  Identity(squareplus, lambda x, b: (x + mpmath.sqrt(x**2 + b**2)) / 2, params=BB, witness={"x": 0, "b": 4}), twin=tsq)
C(q_, r"b = 0", note="a case described in prose")
K0 = r"\operatorname{squareplus}(x, 0) = \frac{x + |x|}{2} = \operatorname{relu}(x)"
t0a = T(q_, K0, 0, "identity", "§1: b = 0 is the ReLU", Identity(lambda x: squareplus(x, 0), lambda x: (x + abs(x)) / 2))
t0b = T(q_, K0, 1, "identity", "§1: max(x, 0) = (x + |x|)/2", Identity(lambda x: (x + abs(x)) / 2, relu))
F(q_, r"\operatorname{squareplus}(x, 0) = \frac{x - |x|}{2}", 0, "identity", "a sign",
  Identity(lambda x: squareplus(x, 0), lambda x: (x - abs(x)) / 2, witness={"x": 1}), twin=t0a)
F(q_, r"\frac{x + |x|}{2} = |x|", 0, "identity", "the absolute value for the ReLU",
  Identity(lambda x: (x + abs(x)) / 2, lambda x: abs(x), witness={"x": -1}), twin=t0b)
tq1 = T(q_, r"\frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)", 0, "derivative", "§1, Figure 1 (the first derivative)",
        Identity(dd(squareplus), lambda x, b: (1 + x / mpmath.sqrt(x**2 + b)) / 2, params=BB))
F(q_, r"\frac{1}{2}\left(1 + \frac{x}{x^2 + b}\right)", 0, "derivative", "the square root lost",
  Identity(dd(squareplus), lambda x, b: (1 + x / (x**2 + b)) / 2, params=BB, witness={"x": 1, "b": 1}), twin=tq1)
tq2 = T(q_, r"\frac{b}{2\left(x^2 + b\right)^{3/2}}", 0, "derivative", "§1, Figure 1 (the second derivative)",
        Identity(dd(squareplus, 2), lambda x, b: b / (2 * (x**2 + b) ** mpf(1.5)), params=BB))
F(q_, r"\frac{b}{2\left(x^2 + b\right)^{1/2}}", 0, "derivative", "the power 1/2 for 3/2",
  Identity(dd(squareplus, 2), lambda x, b: b / (2 * mpmath.sqrt(x**2 + b)), params=BB, witness={"x": 1, "b": 1}), twin=tq2)
DSQ = dd(squareplus)
PB = {"b": ("0.5", "1", "4")}
KS = r"0 < \frac{d}{dx}\operatorname{squareplus}(x, b) < 1 \quad \text{for } b > 0"
tsl1 = T(q_, KS, 0, "inequality", "§1: the slope is in (0, 1)", Inequality(_const(0), "<", DSQ, params=PB))
tsl2 = T(q_, KS, 1, "inequality", "§1: the slope is in (0, 1)", Inequality(DSQ, "<", _const(1), params=PB))
F(q_, r"\frac{1}{2} < \frac{d}{dx}\operatorname{squareplus}(x, b) \quad \text{for } b > 0", 0, "inequality",
  "holds for x > 0 only", Inequality(_const("0.5"), "<", DSQ, params=PB, witness={"x": -1, "b": 1}), twin=tsl1)
F(q_, r"\frac{d}{dx}\operatorname{squareplus}(x, b) < \frac{1}{2} \quad \text{for } b > 0", 0, "inequality",
  "holds for x < 0 only", Inequality(DSQ, "<", _const("0.5"), params=PB, witness={"x": 1, "b": 1}), twin=tsl2)
tz = T(q_, r"\operatorname{squareplus}(0, b) = \frac{\sqrt{b}}{2}", 0, "value", "derived",
       Identity(lambda b: squareplus(mpf(0), b), lambda b: mpmath.sqrt(b) / 2, variables={}, params=BB))
F(q_, r"\operatorname{squareplus}(0, b) = \frac{b}{2}", 0, "value", "b for sqrt b",
  Identity(lambda b: squareplus(mpf(0), b), lambda b: b / 2, variables={}, params=BB, witness={"b": 4}), twin=tz)
C(q_, r"b = 4\ln^2 2", note="a choice described in prose")
tln = T(q_, r"\operatorname{squareplus}(0, 4\ln^2 2) = \ln 2", 0, "value", "derived: matches softplus(0)",
        Identity(lambda: squareplus(mpf(0), 4 * mpmath.log(2)**2), lambda: mpmath.log(2), variables={}))
F(q_, r"\operatorname{squareplus}(0, 4\ln 2) = \ln 2", 0, "value", "ln 2 for ln^2 2",
  Identity(lambda: squareplus(mpf(0), 4 * mpmath.log(2)), lambda: mpmath.log(2), variables={}), twin=tln)
C(q_, r"b = 4", note="a choice described in prose")
tk1 = T(q_, r"\frac{d^2}{dx^2}\operatorname{squareplus}(x, 4)\Big|_{x=0} = \frac{1}{4}", 0, "derivative", "derived",
        Identity(lambda: dd(squareplus, 2)(x=mpf(0), b=mpf(4)), _const("0.25"), variables={}))
tk2 = T(q_, r"\frac{d^2}{dx^2}\operatorname{softplus}(x)\Big|_{x=0} = \frac{1}{4}", 0, "derivative", "derived",
        Identity(lambda: dd(softplus, 2)(x=mpf(0)), _const("0.25"), variables={}))
F(q_, r"\frac{d^2}{dx^2}\operatorname{squareplus}(x, 4)\Big|_{x=0} = \frac{1}{2}", 0, "derivative", "1/2 for 1/4",
  Identity(lambda: dd(squareplus, 2)(x=mpf(0), b=mpf(4)), _const("0.5"), variables={}), twin=tk1)
F(q_, r"\frac{d^2}{dx^2}\operatorname{softplus}(x)\Big|_{x=0} = \frac{1}{2}", 0, "derivative", "1/2 for 1/4",
  Identity(lambda: dd(softplus, 2)(x=mpf(0)), _const("0.5"), variables={}), twin=tk2)
tge = T(q_, r"\operatorname{squareplus}(x, b) \ge \operatorname{relu}(x)", 0, "inequality", "§1: an upper bound on the ReLU",
        Inequality(squareplus, ">=", relu, params=BB))
tgl = T(q_, r"\operatorname{squareplus}(x, b) \le \operatorname{relu}(x) + \frac{\sqrt{b}}{2}", 0, "inequality", "derived",
        Inequality(squareplus, "<=", lambda x, b: relu(x) + mpmath.sqrt(b) / 2, params=BB, extra=(0,)))
tgp = T(q_, r"\operatorname{squareplus}(x, b) > 0 \quad \text{for } b > 0", 0, "inequality", "§1: its output is positive",
        Inequality(squareplus, ">", _const(0), params=BB))
F(q_, r"\operatorname{squareplus}(x, b) \le \operatorname{relu}(x)", 0, "inequality", "the wrong way",
  Inequality(squareplus, "<=", relu, params=BB, witness={"x": 0, "b": 1}), twin=tge)
F(q_, r"\le \operatorname{relu}(x) + \frac{\sqrt{b}}{4}", 0, "inequality", "half the gap",
  Inequality(squareplus, "<=", lambda x, b: relu(x) + mpmath.sqrt(b) / 4, params=BB, witness={"x": 0, "b": 1}), twin=tgl)
F(q_, r"\operatorname{squareplus}(x, b) > \frac{\sqrt{b}}{2} \quad \text{for } b > 0", 0, "inequality",
  "its value at 0 is not a lower bound", Inequality(squareplus, ">", lambda b: mpmath.sqrt(b) / 2, params=BB,
                                                    witness={"x": -1, "b": 1}), twin=tgp)
tst = T(q_, r"= \frac{b}{2\left(\sqrt{x^2 + b} - x\right)}", 0, "identity", "derived: the conjugate",
        Identity(squareplus, lambda x, b: b / (2 * (mpmath.sqrt(x**2 + b) - x)), params=BB))
F(q_, r"= \frac{b}{\sqrt{x^2 + b} - x}", 0, "identity", "the factor 2 lost",
  Identity(squareplus, lambda x, b: b / (mpmath.sqrt(x**2 + b) - x), params=BB, witness={"x": 0, "b": 1}), twin=tst)
tas = T(q_, r"\sim \frac{b}{4|x|} \quad (x \to -\infty)", 0, "asymptotic", "derived",
        Asymptotic(squareplus, lambda x, b: b / (4 * abs(x)), -inf, params=BB))
tlm = T(q_, r"\lim_{x \to \infty} \left(\operatorname{squareplus}(x, b) - x\right) = 0", 0, "limit", "derived",
        Limit(lambda x, b: squareplus(x, b) - x, inf, 0, params=BB, approach=("1e6", "1e12", "1e18")))
F(q_, r"\sim \frac{b}{2|x|} \quad (x \to -\infty)", 0, "asymptotic", "2 for 4",
  Asymptotic(squareplus, lambda x, b: b / (2 * abs(x)), -inf, params={"b": ("1",)}), twin=tas)
F(q_, r"\lim_{x \to \infty} \left(\operatorname{squareplus}(x, b) - x\right) = \frac{\sqrt{b}}{2}", 0, "limit",
  "the gap at 0, not at infinity", Limit(lambda x, b: squareplus(x, b) - x, inf, lambda b: mpmath.sqrt(b) / 2,
                                         params={"b": ("1",)}, approach=("1e6", "1e12", "1e18")), twin=tlm)

# --- pytorch-docs.md -------------------------------------------------------------------------
r_ = "pytorch-docs.md"
post(r_, "PyTorch documentation (torch.nn activation modules)")
LM = {"lam": ("0.5", "1.3")}
TS_ = lambda: mpf(TORCH_SCALE)  # noqa: E731 - made at the working precision
TA_ = lambda: mpf(TORCH_ALPHA)  # noqa: E731
AT = {"alpha": A + (TORCH_ALPHA,)}
WA = TORCH_ALPHA  # a value of alpha (not 1) where the slips show
te1 = T(r_, r"\text{ELU}(x) = \max(0, x) + \min(0, \alpha * (\exp(x) - 1))", 0, "known-definition", "torch.nn.ELU",
        Identity(elu, lambda x, alpha: max(0, x) + min(0, alpha * (mpmath.exp(x) - 1)), params=AL))
tg1 = T(r_, r"\text{GELU}(x) = x * \Phi(x)", 0, "known-definition", "torch.nn.GELU", Identity(gelu, lambda x: x * Phi(x)))
tg2 = T(r_, r"\text{GELU}(x) \approx 0.5 * x * (1 + \text{Tanh}(\sqrt{2 / \pi} * (x + 0.044715 * x^3)))", 0,
        "approximation", "torch.nn.GELU(approximate='tanh')", Approximation(gelu, gelu_tanh))
F(r_, r"\text{GELU}(x) = 0.5 * x * (1 + \text{Tanh}(\sqrt{2 / \pi} * (x + 0.044715 * x^3)))", 0, "identity",
  "the documentation's own equals sign: an approximation is not an identity", Identity(gelu, gelu_tanh, witness={"x": 1}),
  twin=tg2, note="from the source, printed with '=': false as an identity")
ts1 = T(r_, r"\text{SiLU}(x) = x * \sigma(x)", 0, "known-definition", "torch.nn.SiLU", Identity(silu, lambda x: x * sig(x)))
tm1 = T(r_, r"\text{Mish}(x) = x * \text{Tanh}(\text{Softplus}(x))", 0, "known-definition", "torch.nn.Mish",
        Identity(mish, lambda x: x * mpmath.tanh(softplus(x))))
tsp = T(r_, r"\text{Softplus}(x) = \frac{1}{\beta} * \log(1 + \exp(\beta * x))", 0, "known-definition", "torch.nn.Softplus",
        Identity(SPB, lambda x, beta: mpmath.log(1 + mpmath.exp(beta * x)) / beta, params=BT))
SL = {"negative_slope": ("0.01", "0.2")}
tlr = T(r_, r"\text{LeakyReLU}(x) = \max(0, x) + \text{negative\_slope} * \min(0, x)", 0, "known-definition",
        "torch.nn.LeakyReLU", Identity(lambda x, negative_slope: leaky(x, negative_slope),
                                       lambda x, negative_slope: max(0, x) + negative_slope * min(0, x), params=SL))
tls = T(r_, r"\text{LogSigmoid}(x) = \log\left(\frac{1}{1 + \exp(-x)}\right)", 0, "known-definition", "torch.nn.LogSigmoid",
        Identity(lambda x: -softplus(-x), lambda x: mpmath.log(1 / (1 + mpmath.exp(-x)))))
tts = T(r_, r"\text{Tanhshrink}(x) = x - \tanh(x)", 0, "known-definition", "torch.nn.Tanhshrink",
        Identity(lambda x: x - mpmath.tanh(x), lambda x: x - mpmath.tanh(x)))
KSG = r"\text{Sigmoid}(x) = \sigma(x) = \frac{1}{1 + \exp(-x)}"
tsg1 = T(r_, KSG, 0, "known-definition", "torch.nn.Sigmoid", Identity(sig, sig))
tsg2 = T(r_, KSG, 1, "identity", "torch.nn.Sigmoid", Identity(sig, lambda x: 1 / (1 + mpmath.exp(-x))))
KTH = r"\text{Tanh}(x) = \tanh(x) = \frac{\exp(x) - \exp(-x)}{\exp(x) + \exp(-x)}"
tth1 = T(r_, KTH, 0, "known-definition", "torch.nn.Tanh", Identity(lambda x: mpmath.tanh(x), lambda x: mpmath.tanh(x)))
tth2 = T(r_, KTH, 1, "identity", "torch.nn.Tanh", Identity(lambda x: mpmath.tanh(x),
                                                           lambda x: (mpmath.exp(x) - mpmath.exp(-x)) / (mpmath.exp(x) + mpmath.exp(-x))))
LMX = {"x": POINTS + ("0.2", "-0.2", "0.7", "-0.7")}
thk = T(r_, r"\text{Hardshrink}(x) = \begin{cases} x, & \text{if } x > \lambda \\ x,", 0, "known-definition",
        "torch.nn.Hardshrink", Identity(hardshrink, lambda x, lam: x if x > lam else (x if x < -lam else mpf(0)),
                                        variables=LMX, params=LM))
tsk = T(r_, r"\text{Softshrink}(x) = \begin{cases} x - \lambda,", 0, "known-definition", "torch.nn.Softshrink",
        Identity(softshrink, lambda x, lam: x - lam if x > lam else (x + lam if x < -lam else mpf(0)), variables=LMX, params=LM))
D(r_, r"\text{SELU}(x) = \text{scale} * (\max(0, x)", note="PyTorch's SELU, its constants given after it")
D(r_, r"\alpha = 1.6732632423543772848170429916717", note="SELU's alpha (PyTorch)")
D(r_, r"\text{scale} = 1.0507009873554804934193349852946", note="SELU's scale (PyTorch)")
tsa = T(r_, r"\text{scale} * \alpha \approx 1.7581", 0, "approximation", "derived from PyTorch's constants",
        Approximation(lambda: TS_() * TA_(), _const("1.7581"), domain=None))
tsl = T(r_, r"\lim_{x \to -\infty} \text{SELU}(x) \approx -1.7581", 0, "approximation", "derived",
        Approximation(lambda: selu(-mpf(10) ** 6, TS_(), TA_()), _const("-1.7581"), domain=None),
        note="the limit is -scale*alpha; SELU at -10^6 equals it to every digit")
F(r_, r"\text{ELU}(x) = \max(0, x) + \min(0, \alpha * (\exp(x) + 1))", 0, "known-definition", "+1 for -1",
  Identity(elu, lambda x, alpha: max(0, x) + min(0, alpha * (mpmath.exp(x) + 1)), params=AL, witness={"x": -1, "alpha": 1}),
  twin=te1)
F(r_, r"\text{GELU}(x) = x * \varphi(x)", 0, "known-definition", "the density for the distribution function",
  Identity(gelu, lambda x: x * phi(x), witness={"x": 1}), twin=tg1)
F(r_, r"(x - 0.044715 * x^3)", 0, "approximation", "a sign", Approximation(gelu, lambda x: gelu_tanh(x, k="-0.044715")), twin=tg2)
F(r_, r"\text{SiLU}(x) = x * \sigma(-x)", 0, "known-definition", "sigma(-x) for sigma(x)",
  Identity(silu, lambda x: x * sig(-x), witness={"x": 1}), twin=ts1)
F(r_, r"\text{Mish}(x) = \text{Softplus}(x) * \text{Tanh}(x)", 0, "known-definition", "the two functions swapped",
  Identity(mish, lambda x: softplus(x) * mpmath.tanh(x), witness={"x": 1}), twin=tm1)
F(r_, r"\text{Softplus}(x) = \frac{1}{\beta} * \log(1 + \exp(x))", 0, "known-definition", "beta x for x",
  Identity(SPB, lambda x, beta: mpmath.log(1 + mpmath.exp(x)) / beta, params=BT, witness={"x": 1, "beta": 2}), twin=tsp)
F(r_, r"\text{LeakyReLU}(x) = \text{negative\_slope} * \max(0, x) + \min(0, x)", 0, "known-definition",
  "the slope on the wrong half", Identity(lambda x, negative_slope: leaky(x, negative_slope),
                                          lambda x, negative_slope: negative_slope * max(0, x) + min(0, x), params=SL,
                                          witness={"x": 1, "negative_slope": "0.01"}), twin=tlr)
F(r_, r"\text{LogSigmoid}(x) = \log\left(\frac{1}{1 + \exp(x)}\right)", 0, "known-definition", "exp(x) for exp(-x)",
  Identity(lambda x: -softplus(-x), lambda x: mpmath.log(1 / (1 + mpmath.exp(x))), witness={"x": 1}), twin=tls)
F(r_, r"\text{Tanhshrink}(x) = \tanh(x) - x", 0, "known-definition", "a sign",
  Identity(lambda x: x - mpmath.tanh(x), lambda x: mpmath.tanh(x) - x, witness={"x": 1}), twin=tts)
F(r_, r"\text{Sigmoid}(x) = \sigma(-x)", 0, "known-definition", "sigma(-x) for sigma(x)",
  Identity(sig, lambda x: sig(-x), witness={"x": 1}), twin=tsg1)
F(r_, r"\sigma(x) = \frac{1}{1 + \exp(x)}", 0, "identity", "exp(x) for exp(-x)",
  Identity(sig, lambda x: 1 / (1 + mpmath.exp(x)), witness={"x": 1}), twin=tsg2)
F(r_, r"\text{Tanh}(x) = 2 * \sigma(x) - 1", 0, "known-definition", "2 sigma(x) - 1 is tanh(x/2)",
  Identity(lambda x: mpmath.tanh(x), lambda x: 2 * sig(x) - 1, witness={"x": 1}), twin=tth1)
F(r_, r"{\exp(x) + \exp(x)}", 0, "identity", "exp(x) for exp(-x) in the denominator",
  Identity(lambda x: mpmath.tanh(x), lambda x: (mpmath.exp(x) - mpmath.exp(-x)) / (mpmath.exp(x) + mpmath.exp(x)),
           witness={"x": 1}), twin=tth2)
F(r_, r"\text{Hardshrink}(x) = \begin{cases} x - \lambda,", 0, "known-definition", "Softshrink's cases for Hardshrink",
  Identity(hardshrink, lambda x, lam: x - lam if x > lam else (x + lam if x < -lam else mpf(0)), variables=LMX, params=LM,
           witness={"x": 1, "lam": "0.5"}), twin=thk)
F(r_, r"\text{Softshrink}(x) = \begin{cases} x, & \text{if } x > \lambda", 0, "known-definition",
  "Hardshrink's cases for Softshrink", Identity(softshrink, lambda x, lam: x if x > lam else (x if x < -lam else mpf(0)),
                                                variables=LMX, params=LM, witness={"x": 1, "lam": "0.5"}), twin=tsk)
F(r_, r"\text{scale} * \alpha \approx 1.6733", 0, "approximation", "alpha's value for the product",
  Approximation(lambda: TS_() * TA_(), _const("1.6733"), domain=None), twin=tsa)
F(r_, r"\lim_{x \to -\infty} \text{SELU}(x) \approx -1.0507", 0, "approximation", "-scale for -scale*alpha",
  Approximation(lambda: selu(-mpf(10) ** 6, TS_(), TA_()), _const("-1.0507"), domain=None), twin=tsl)
# --- wikipedia-table.md ----------------------------------------------------------------------
r_ = "wikipedia-table.md"
post(r_, "Wikipedia, Activation function (the table of functions, derivatives and ranges)")
W1 = T(r_, r"\sigma(x) = \frac{1}{1 + e^{-x}}", 0, "known-definition", "Wikipedia: logistic",
       Identity(sig, lambda x: 1 / (1 + mpmath.exp(-x))))
W2 = T(r_, r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", 0, "derivative", "Wikipedia: logistic",
       Identity(dd(sig), lambda x: sig(x) * (1 - sig(x))))
W3 = T(r_, r"\sigma(x) \in (0, 1)", 0, "membership", "Wikipedia: logistic", Membership(sig, 0, 1))
W4 = T(r_, r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}", 0, "known-definition", "Wikipedia: tanh",
       Identity(lambda x: mpmath.tanh(x), lambda x: (mpmath.exp(x) - mpmath.exp(-x)) / (mpmath.exp(x) + mpmath.exp(-x))))
W5 = T(r_, r"\tanh'(x) = 1 - \tanh^2(x)", 0, "derivative", "Wikipedia: tanh",
       Identity(dd(lambda x: mpmath.tanh(x)), lambda x: 1 - mpmath.tanh(x)**2))
W6 = T(r_, r"\tanh(x) \in (-1, 1)", 0, "membership", "Wikipedia: tanh", Membership(lambda x: mpmath.tanh(x), -1, 1))
W7 = T(r_, r"\text{Softsign}(x) = \frac{x}{1 + \lvert x \rvert}", 0, "known-definition", "Wikipedia: softsign",
       Identity(softsign, lambda x: x / (1 + abs(x))))
W8 = T(r_, r"\text{Softsign}'(x) = \frac{1}{(1 + \lvert x \rvert)^2}", 0, "derivative", "Wikipedia: softsign",
       Identity(dd(softsign), lambda x: 1 / (1 + abs(x))**2))
W9 = T(r_, r"\text{Softsign}(x) \in (-1, 1)", 0, "membership", "Wikipedia: softsign", Membership(softsign, -1, 1))
W10 = T(r_, r"\text{ReLU}(x) = \max(0, x)", 0, "known-definition", "Wikipedia: ReLU", Identity(relu, lambda x: max(0, x)))
W11 = T(r_, r"\text{ReLU}'(x) = \begin{cases} 0 & \text{if } x < 0 \\ 1", 0, "derivative", "Wikipedia: ReLU",
        Identity(dd(relu), lambda x: mpf(0) if x < 0 else mpf(1)))
W12 = T(r_, r"\text{ReLU}(x) \in [0, \infty)", 0, "membership", "Wikipedia: ReLU", Membership(relu, 0, inf, (True, False)))
W13 = T(r_, r"\text{GELU}(x) = \frac{1}{2}x\left(1 + \operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right)", 0,
        "known-definition", "Wikipedia: GELU", Identity(gelu, lambda x: x * (1 + mpmath.erf(x / mpmath.sqrt(2))) / 2))
W14 = T(r_, r"\text{GELU}'(x) = \Phi(x) + x\varphi(x)", 0, "derivative", "Wikipedia: GELU",
        Identity(dd(gelu), lambda x: Phi(x) + x * phi(x)))
W15 = T(r_, r"\text{GELU}(x) \in (-0.17, \infty)", 0, "membership", "Wikipedia: GELU (range -0.17...)",
        Membership(gelu, "-0.17", inf))
W16 = T(r_, r"\text{softplus}(x) = \ln(1 + e^{x})", 0, "known-definition", "Wikipedia: softplus",
        Identity(softplus, lambda x: mpmath.log(1 + mpmath.exp(x))))
W17 = T(r_, r"\text{softplus}'(x) = \frac{1}{1 + e^{-x}}", 0, "derivative", "Wikipedia: softplus",
        Identity(dd(softplus), lambda x: 1 / (1 + mpmath.exp(-x))))
W18 = T(r_, r"\text{softplus}(x) \in (0, \infty)", 0, "membership", "Wikipedia: softplus", Membership(softplus, 0, inf))
W19 = T(r_, r"\text{ELU}(x) = \begin{cases} \alpha(e^{x} - 1)", 0, "known-definition", "Wikipedia: ELU",
        Identity(elu, lambda x, alpha: alpha * (mpmath.exp(x) - 1) if x <= 0 else x, params=AT))
W20 = T(r_, r"\text{ELU}'(x) = \begin{cases} \alpha e^{x}", 0, "derivative", "Wikipedia: ELU",
        Identity(dd(elu), lambda x, alpha: alpha * mpmath.exp(x) if x < 0 else mpf(1), params=AT))
W21 = T(r_, r"\text{ELU}(x) \in (-\alpha, \infty)", 0, "membership", "Wikipedia: ELU",
        Membership(elu, lambda alpha: -alpha, inf, params=AT))
L01_ = {"negative_slope": ("0.01",)}
W22 = T(r_, r"\text{LeakyReLU}(x) = \begin{cases} 0.01x", 0, "known-definition", "Wikipedia: leaky ReLU (PyTorch's default slope)",
        Identity(lambda x: leaky(x, mpf("0.01")), lambda x: mpf("0.01") * x if x < 0 else x),
        note="with PyTorch's default negative_slope = 0.01")
W23 = T(r_, r"\text{LeakyReLU}'(x) = \begin{cases} 0.01 &", 0, "derivative", "Wikipedia: leaky ReLU",
        Identity(dd(lambda x: leaky(x, mpf("0.01"))), lambda x: mpf("0.01") if x < 0 else mpf(1)))
W24 = T(r_, r"\text{LeakyReLU}(x) \in (-\infty, \infty)", 0, "membership", "Wikipedia: leaky ReLU",
        Membership(lambda x: leaky(x, mpf("0.01")), -inf, inf), note="every real value is taken: the claim is vacuous as bounds")
W25 = T(r_, r"\text{SiLU}(x) = \frac{x}{1 + e^{-x}}", 0, "known-definition", "Wikipedia: SiLU",
        Identity(silu, lambda x: x / (1 + mpmath.exp(-x))))
W26 = T(r_, r"\text{SiLU}'(x) = \frac{1 + e^{-x} + xe^{-x}}{\left(1 + e^{-x}\right)^2}", 0, "derivative", "Wikipedia: SiLU",
        Identity(dd(silu), lambda x: (1 + mpmath.exp(-x) + x * mpmath.exp(-x)) / (1 + mpmath.exp(-x))**2))
W27 = T(r_, r"\text{SiLU}(x) \in [-0.279, \infty)", 0, "membership", "Wikipedia: SiLU (range -0.278...)",
        Membership(silu, "-0.279", inf, (True, False)))
W28 = T(r_, r"\text{Mish}(x) = x\tanh(\ln(1 + e^{x}))", 0, "known-definition", "Wikipedia: Mish",
        Identity(mish, lambda x: x * mpmath.tanh(mpmath.log(1 + mpmath.exp(x)))))
W29 = T(r_, r"\text{Mish}(x) \in [-0.309, \infty)", 0, "membership", "Wikipedia: Mish (range -0.308...)",
        Membership(mish, "-0.309", inf, (True, False)))
D(r_, r"\operatorname{gauss}(x) = e^{-x^2}", note="Wikipedia's Gaussian, named for this post")
W30 = T(r_, r"\operatorname{gauss}'(x) = -2xe^{-x^2}", 0, "definition-then-calculus", "Wikipedia: Gaussian",
        Identity(dd(gauss), lambda x: -2 * x * mpmath.exp(-x**2)))
W31 = T(r_, r"\operatorname{gauss}(x) \in (0, 1]", 0, "membership", "Wikipedia: Gaussian",
        Membership(gauss, 0, 1, (False, True), extra=(0,)))
# the errata table
F(r_, r"\sigma(x) = \frac{1}{1 + e^{x}}", 0, "known-definition", "e^x for e^-x", Identity(sig, lambda x: 1 / (1 + mpmath.exp(x)),
                                                                                        witness={"x": 1}), twin=W1)
F(r_, r"\sigma'(x) = \sigma(x)(1 + \sigma(x))", 0, "derivative", "a sign",
  Identity(dd(sig), lambda x: sig(x) * (1 + sig(x)), witness={"x": 1}), twin=W2)
F(r_, r"\sigma(x) \in (\tfrac{1}{2}, 1)", 0, "membership", "the upper half only", Membership(sig, "0.5", 1, witness={"x": -1}),
  twin=W3)
F(r_, r"\tanh(x) = \frac{e^{x} + e^{-x}}{e^{x} - e^{-x}}", 0, "known-definition", "coth",
  Identity(lambda x: mpmath.tanh(x), lambda x: (mpmath.exp(x) + mpmath.exp(-x)) / (mpmath.exp(x) - mpmath.exp(-x)),
           witness={"x": 1}), twin=W4)
F(r_, r"\tanh'(x) = 1 - \tanh(x^2)", 0, "derivative", "tanh(x^2) for tanh(x)^2",
  Identity(dd(lambda x: mpmath.tanh(x)), lambda x: 1 - mpmath.tanh(x**2), witness={"x": 2}), twin=W5)
F(r_, r"\tanh(x) \in (0, 1)", 0, "membership", "the positive half only", Membership(lambda x: mpmath.tanh(x), 0, 1,
                                                                                   witness={"x": -1}), twin=W6)
F(r_, r"\text{Softsign}(x) = \frac{x}{1 + x}", 0, "known-definition", "x for |x|",
  Identity(softsign, lambda x: x / (1 + x), witness={"x": -2}), twin=W7)
F(r_, r"\text{Softsign}'(x) = \frac{1}{1 + \lvert x \rvert^2}", 0, "derivative", "the square on |x|, not on 1 + |x|",
  Identity(dd(softsign), lambda x: 1 / (1 + abs(x)**2), witness={"x": 1}), twin=W8)
F(r_, r"\text{Softsign}(x) \in (-\tfrac{1}{2}, \tfrac{1}{2})", 0, "membership", "too narrow",
  Membership(softsign, "-0.5", "0.5", witness={"x": 10}), twin=W9)
F(r_, r"\text{ReLU}(x) = \max(0, -x)", 0, "known-definition", "-x for x", Identity(relu, lambda x: max(0, -x), witness={"x": 1}),
  twin=W10)
F(r_, r"\text{ReLU}'(x) = \begin{cases} 1 & \text{if } x < 0 \\ 0", 0, "derivative", "the cases swapped",
  Identity(dd(relu), lambda x: mpf(1) if x < 0 else mpf(0), witness={"x": 1}), twin=W11)
F(r_, r"\text{ReLU}(x) \in (0, \infty)", 0, "membership", "0 is taken", Membership(relu, 0, inf, witness={"x": -1}), twin=W12)
F(r_, r"\text{GELU}(x) = \frac{1}{2}x\left(1 + \operatorname{erf}\left(\frac{x}{2}\right)\right)", 0, "known-definition",
  "x/2 for x/sqrt 2", Identity(gelu, lambda x: x * (1 + mpmath.erf(x / 2)) / 2, witness={"x": 1}), twin=W13)
F(r_, r"\text{GELU}'(x) = \Phi(x) + \varphi(x)", 0, "derivative", "the factor x lost",
  Identity(dd(gelu), lambda x: Phi(x) + phi(x), witness={"x": 2}), twin=W14)
F(r_, r"\text{GELU}(x) \in (-0.16, \infty)", 0, "membership", "too tight",
  Membership(gelu, "-0.16", inf, witness={"x": "-0.75179152469356445745790494677952"}), twin=W15)
F(r_, r"\text{softplus}(x) = \ln(1 - e^{x})", 0, "known-definition", "1 - e^x for 1 + e^x",
  Identity(softplus, lambda x: mpmath.log(1 - mpmath.exp(x)), witness={"x": -1}), twin=W16)
F(r_, r"\text{softplus}'(x) = \frac{1}{1 + e^{x}}", 0, "derivative", "e^x for e^-x",
  Identity(dd(softplus), lambda x: 1 / (1 + mpmath.exp(x)), witness={"x": 1}), twin=W17)
F(r_, r"\text{softplus}(x) \in (\ln 2, \infty)", 0, "membership", "its value at 0 is not a lower bound",
  Membership(softplus, lambda: mpmath.log(2), inf, witness={"x": -1}), twin=W18)
F(r_, r"\text{ELU}(x) = \begin{cases} \alpha(e^{x} + 1)", 0, "known-definition", "+1 for -1",
  Identity(elu, lambda x, alpha: alpha * (mpmath.exp(x) + 1) if x <= 0 else x, params=AT, witness={"x": -1, "alpha": WA}),
  twin=W19)
F(r_, r"\text{ELU}'(x) = \begin{cases} e^{x}", 0, "derivative", "alpha lost",
  Identity(dd(elu), lambda x, alpha: mpmath.exp(x) if x < 0 else mpf(1), params=AT, witness={"x": -1, "alpha": WA}), twin=W20)
F(r_, r"\text{ELU}(x) \in (-1, \infty)", 0, "membership", "-1 for -alpha",
  Membership(elu, -1, inf, params={"alpha": (WA,)}, witness={"x": -10, "alpha": WA}), twin=W21)
F(r_, r"\text{LeakyReLU}(x) = \begin{cases} 0.1x", 0, "known-definition", "0.1 for 0.01",
  Identity(lambda x: leaky(x, mpf("0.01")), lambda x: mpf("0.1") * x if x < 0 else x, witness={"x": -1}), twin=W22)
F(r_, r"\text{LeakyReLU}'(x) = \begin{cases} 0.1 &", 0, "derivative", "0.1 for 0.01",
  Identity(dd(lambda x: leaky(x, mpf("0.01"))), lambda x: mpf("0.1") if x < 0 else mpf(1), witness={"x": -1}), twin=W23)
F(r_, r"\text{LeakyReLU}(x) \in (0, \infty)", 0, "membership", "the negative half is not flat",
  Membership(lambda x: leaky(x, mpf("0.01")), 0, inf, witness={"x": -1}), twin=W24)
F(r_, r"\text{SiLU}(x) = \frac{x}{1 + e^{x}}", 0, "known-definition", "e^x for e^-x",
  Identity(silu, lambda x: x / (1 + mpmath.exp(x)), witness={"x": 1}), twin=W25)
F(r_, r"\text{SiLU}'(x) = \frac{1 + e^{-x} - xe^{-x}}{\left(1 + e^{-x}\right)^2}", 0, "derivative", "a sign",
  Identity(dd(silu), lambda x: (1 + mpmath.exp(-x) - x * mpmath.exp(-x)) / (1 + mpmath.exp(-x))**2, witness={"x": 1}), twin=W26)
F(r_, r"\text{SiLU}(x) \in [-0.278, \infty)", 0, "membership", "truncated, not rounded: the minimum is -0.27846",
  Membership(silu, "-0.278", inf, (True, False), witness={"x": XMIN}), twin=W27)
F(r_, r"\text{Mish}(x) = x\tanh(\ln(1 + e^{-x}))", 0, "known-definition", "e^-x for e^x",
  Identity(mish, lambda x: x * mpmath.tanh(mpmath.log(1 + mpmath.exp(-x))), witness={"x": 1}), twin=W28)
F(r_, r"\text{Mish}(x) \in [-0.308, \infty)", 0, "membership", "truncated, not rounded: the minimum is -0.30884",
  Membership(mish, "-0.308", inf, (True, False), witness={"x": MMIN}), twin=W29)
F(r_, r"\operatorname{gauss}(x) = e^{-x^2/2}", 0, "definition-then-calculus",
  "a second, different definition of the post's gauss: false against the first",
  Identity(gauss, lambda x: mpmath.exp(-x**2 / 2), witness={"x": 1}), twin=W30,
  note="a redefinition of a name the post defined: a claim, and false")
F(r_, r"\operatorname{gauss}'(x) = -2e^{-x^2}", 0, "definition-then-calculus", "the factor x lost",
  Identity(dd(gauss), lambda x: -2 * mpmath.exp(-x**2), witness={"x": 2}), twin=W30)
F(r_, r"\operatorname{gauss}(x) \in (0, 1)", 0, "membership", "1 is taken, at 0", Membership(gauss, 0, 1, witness={"x": 0}),
  twin=W31)


# ---------------------------------------------------------------------------------------------
# verification and the expectations file


def verify(entry: Entry, quick: bool = False) -> dict[str, Any]:
    """The truth of a claim, computed by its check at DIGITS digits, with its evidence."""
    with mp.workdps(WORK):
        return entry.check.verify(quick)


def locate(files: dict[str, str] | None = None) -> dict[str, tuple[corpus_tools.Formula, corpus_tools.SplitLink]]:
    """Each entry's formula and link in its post (by the key), checked unique."""
    texts = files or {f.name: f.read_text(encoding="utf-8") for f in sorted(HERE.glob("*.md")) if f.name != "README.md"}
    formulas = {name: corpus_tools.extract(t) for name, t in texts.items()}
    out, errors = {}, []
    for e in LINKS.values():
        found = [f for f in formulas[e.file] if e.key in f.latex]
        exact = [f for f in found if f.latex == e.key]
        if len(found) <= e.nth:
            errors.append(f"{e.id}: no formula of {e.file} holds {e.key!r} (occurrence {e.nth})")
            continue
        if e.nth == 0 and len(found) > 1 and len(exact) != 1:
            errors.append(f"{e.id}: {len(found)} formulas of {e.file} hold {e.key!r}")
            continue
        f = exact[0] if (e.nth == 0 and exact) else found[e.nth]
        links = corpus_tools.split_links(f.latex)
        if e.k >= len(links):
            errors.append(f"{e.id}: {f.latex!r} has {len(links)} links, not {e.k + 1}")
            continue
        out[e.id] = (f, links[e.k])
    if errors:
        raise LookupError("\n".join(errors))
    return out


def recheck(entry: Entry, evidence: dict[str, str]) -> dict[str, str]:
    """The evidence of a claim computed again at the point of recorded evidence (a witness, the
    tightest point of a true claim, the worst point of an approximation)."""
    with mp.workdps(WORK):
        pt = _point(evidence)
        if isinstance(entry.check, Series):
            pt["coefficient"] = evidence["coefficient"]
        return entry.check.evidence_at(pt)


def violated(entry: Entry, evidence: dict[str, str]) -> bool:
    """Whether evidence shows the claim false (read at the working precision)."""
    with mp.workdps(WORK):
        return bool(entry.check.violated(evidence))


def agrees(recorded: dict[str, str], computed: dict[str, str], digits: int = 45) -> list[str]:
    """The entries of recorded evidence that the computed evidence does not reproduce."""
    bad = []
    for k, v in recorded.items():
        w = computed.get(k)
        if w is None:
            bad.append(f"{k}: missing")
            continue
        if k == "coefficient" or "inf" in v or "inf" in w:
            if v != w:
                bad.append(f"{k}: {v} != {w}")
            continue
        with mp.workdps(WORK):
            if not same(mpf(v), mpf(w), digits):
                bad.append(f"{k}: recorded {v}, computed {w}")
    return bad


def _verify_id(args: tuple[str, bool]) -> tuple[str, dict[str, Any] | str]:
    i, quick = args
    try:
        return i, verify(LINKS[i], quick)
    except Exception as exc:  # noqa: BLE001 - reported with the link's id
        return i, f"{type(exc).__name__}: {exc}"


def build(quick: bool = False, only: Sequence[str] = (), processes: int = 2) -> dict[str, Any]:
    """expected.json: every link, located, its truth computed and compared with its entry."""
    where = locate()
    seen: dict[tuple[str, int, int, int], str] = {}
    problems: list[str] = []
    for i, (f, _) in where.items():
        e = LINKS[i]
        key = (e.file, f.line, f.index, e.k)
        if key in seen:
            problems.append(f"{i} and {seen[key]} are the same link")
        seen[key] = i
    # every link of every formula of every post is an entry
    texts = {f.name: f.read_text(encoding="utf-8") for f in sorted(HERE.glob("*.md")) if f.name != "README.md"}
    for name, t in texts.items():
        for f in corpus_tools.extract(t):
            for k, _ in enumerate(corpus_tools.split_links(f.latex)):
                if (name, f.line, f.index, k) not in seen:
                    problems.append(f"{name}:{f.line} link {k} of {f.latex!r} has no entry")
    ids = [i for i, e in LINKS.items() if e.role == "claim" and (not only or i in only)]
    if processes > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = dict(pool.map(_verify_id, [(i, quick) for i in ids], chunksize=4))
    else:
        results = dict(map(_verify_id, [(i, quick) for i in ids]))
    links = []
    for i, e in LINKS.items():
        if only and i not in only:
            continue
        f, sl = where[i]
        rec: dict[str, Any] = {"id": i, "file": e.file, "line": f.line, "formula_index": f.index,
                               "link_index": e.k, "latex": f.latex, "lhs": sl.lhs, "op": sl.op, "rhs": sl.rhs,
                               "role": e.role}
        if sl.note:
            rec["note"] = sl.note
        if sl.prefix:
            rec["prefix"] = sl.prefix
        if e.role == "claim":
            got = results[i]
            rec.update({"truth": e.truth, "kind": e.kind, "source": e.source})
            if e.twin_of:
                rec["twin_of"] = e.twin_of
            if e.note:
                rec["comment"] = e.note
            if isinstance(got, str):
                problems.append(f"{i} ({e.file}:{f.line}, {sl.lhs} {sl.op} {sl.rhs}): {got}")
                links.append(rec)
                continue
            if got["truth"] != e.truth:
                problems.append(f"{i} ({e.file}:{f.line}, {sl.lhs} {sl.op} {sl.rhs}) declared {e.truth}, "
                                f"computed {got['truth']}: {got}")
            if isinstance(e.check, Approximation):
                rec["approximation"] = {k: got[k] for k in ("max_abs_error", "tolerance", "domain", "at")}
                if not got["margin_ok"]:
                    problems.append(f"{i}: max error {got['max_abs_error']} too close to the tolerance")
            elif e.truth is False:
                rec["witness"] = got.get("witness")
            else:
                rec["checked_at"] = got.get("at")
        else:
            rec["kind"] = e.role
            if e.note:
                rec["comment"] = e.note
        links.append(rec)
    for i, e in LINKS.items():
        if e.role == "claim" and e.truth and not any(t.twin_of == i for t in LINKS.values()):
            problems.append(f"{i} ({e.file}, {e.key!r}) has no false twin")
    if problems:
        raise AssertionError("\n".join(problems))
    return {"about": "Expectations of the glusym check corpus: see tests/corpus/README.md",
            "digits": DIGITS, "approximation_rule": {"tolerance": APPROX_TOL, "domain": [-6, 6]},
            "links": links}


def main(argv: Sequence[str]) -> int:
    """``oracle.py`` writes expected.json; ``--check`` verifies without writing; ``--only ID …``
    recomputes those links and updates them in the existing file."""
    if "--only" in argv:
        ids = list(argv[argv.index("--only") + 1:])
        part = build(only=ids, processes=1)
        path = HERE / "expected.json"
        old = json.loads(path.read_text(encoding="utf-8"))
        new = {e["id"]: e for e in part["links"]}
        old["links"] = [new.get(e["id"], e) for e in old["links"]]
        path.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"updated {len(new)} links")
        return 0
    out = build(quick="--quick" in argv)
    if "--check" in argv:
        print(f"{len(out['links'])} links verified")
        return 0
    (HERE / "expected.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(out['links'])} links to {HERE / 'expected.json'}")
    return 0


if __name__ == "__main__":
    import oracle  # the registered links live in the module, not in __main__

    raise SystemExit(oracle.main(sys.argv[1:]))

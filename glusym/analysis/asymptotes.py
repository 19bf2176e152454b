r"""Behaviour at :math:`\pm\infty`: limit, oblique asymptote, asymptotic expansion, growth order.

For a unit :math:`f` and a direction :math:`\pm\infty` the analysis takes the branch of a
piecewise unit in force there, maps :math:`-\infty` to :math:`+\infty` (:math:`x = -y`), rewrites
glusym's atoms into SymPy's (:func:`~glusym.functions.elementary`) and derives

.. math::
    L = \lim f, \qquad a = \lim \frac{f}{x}, \qquad b = \lim\,(f - a x), \qquad
    f - (a x + b) \sim \sum_{i < n} c_i\, g_i(x),

the last with the :math:`n` dominant terms. SymPy's ``series`` at infinity handles the
algebraic and logistic cases, but not :math:`\operatorname{erf}` (GELU: ``PoleError``) nor
:math:`\tanh` of a polynomial (tanh-GELU). For those glusym applies its own rules, each with an
explicit error term, and keeps only the terms that dominate every error term:

.. math::
    \operatorname{erfc} z = \frac{e^{-z^2}}{z\sqrt\pi}\sum_{k<N}(-1)^k\frac{(2k-1)!!}{(2z^2)^k}
        + O\!\left(e^{-z^2} z^{-2N-1}\right), \qquad
    \frac{1}{1+e^{v}} = \sum_{k=1}^{N} (-1)^{k-1} e^{-kv} + O\!\left(e^{-(N+1)v}\right),

with :math:`\tanh u = 1 - 2/(1+e^{2u})` for :math:`u \to +\infty`. Expansions are returned in
SymPy's elementary functions (:math:`e^{-x^2/2}`, not :math:`\varphi(x)`), always.

Exactness: every number is exact, except where the unit carries Floats (SELU's constants): these
are read as the exact decimals they print as, and the results are given back as Floats of the
same precision. Whatever SymPy cannot reach within the budget is recorded in ``not_derived`` with
the reason, never guessed.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Callable

import mpmath
import sympy
from mpmath.libmp import prec_to_dps
from sympy import Add, Expr, Float, Mul, Pow, Rational, S, Symbol, erf, erfc, exp, log, pi, sqrt, tanh

from .. import cache
from ..budget import time_budget, validate_budget
from ..catalogue import Unit, x, x_g, x_v
from ..display import Display, text
from ..errors import BudgetExceeded, GlusymError, NotDerived, member, shown
from ..functions import elementary
from ..evaluate import mpmath_function
from ._common import Analysable, as_function, select_branches, side_points, to_piecewise

__all__ = ["MAX_ASYMPTOTIC_TERMS", "Asymptotes", "Behaviour", "End", "asymptotes", "growth_order"]

#: The most terms of an expansion at ±oo :func:`asymptotes` is asked for (Mish runs past a 20 s
#: budget at 32 terms; GELU takes 3 s for 64).
MAX_ASYMPTOTIC_TERMS = 64

#: The variable of a gated unit along its diagonal ray x_g = x_v = t.
t = Symbol("t", real=True)

_Y = Symbol("_y", positive=True)  # the variable tending to +oo after the map x = ±y
_EPS = Symbol("_eps", positive=True)  # marks error terms of glusym's own expansion rules



class End(StrEnum):
    """An end of the real line a :class:`Behaviour` is taken at; a member is its text (``"+oo"``)."""

    PLUS = "+oo"
    MINUS = "-oo"

    @property
    def sign(self) -> int:
        """+1 at +oo, -1 at -oo."""
        return 1 if self is End.PLUS else -1


_DIRECTIONS = {End.PLUS: 1, End.MINUS: -1}


@dataclass(frozen=True, repr=False)
class Behaviour(Display):
    r"""The behaviour of a unit in one direction (``"+oo"`` or ``"-oo"``).

    ``limit`` is :math:`\lim f`; ``leading`` the leading term of :math:`f`; ``oblique`` the pair
    :math:`(a, b)` of the asymptote :math:`a\,x + b` when both are finite (``a = 0``: horizontal),
    else None; ``expansion`` the dominant terms of :math:`f - (a x + b)` (of :math:`f` itself when
    there is no oblique asymptote), without the O term, 0 where the asymptote is exact;
    ``growth_order`` the :math:`k` of :math:`|f| \sim c\,|x|^k` (``oo``: exponential growth,
    ``-oo``: exponential decay, i.e. faster than any power, which includes :math:`f \equiv 0`).
    A field SymPy could not reach is None, with ``(field, reason)`` in ``not_derived``.
    ``exact`` is True where :math:`f` is its asymptote :math:`a\,x + b` exactly on a half-line
    towards that end (a piece of a piecewise unit: ReLU is exactly 0 on :math:`x < 0`, HardTanh
    exactly 1 on :math:`x > 1`), so that it neither decays nor approaches: it is there.

    >>> import glusym
    >>> relu = asymptotes(glusym.get("relu"))
    >>> relu.minus.exact, relu.minus.limit, relu.plus.exact, asymptotes(glusym.get("silu")).minus.exact
    (True, 0, True, False)
    >>> glusym.asymptotes(glusym.get("gelu")).plus
    Behaviour(x → +∞: → ∞, asymptote y = x, f - y ~ -√2·exp(-x²/2)/(2√π), growth order 1)
    """

    direction: End
    variable: Symbol
    limit: Expr | None
    leading: Expr | None
    oblique: tuple[Expr, Expr] | None
    expansion: Expr | None
    growth_order: Expr | None
    not_derived: tuple[tuple[str, str], ...] = ()
    exact: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "direction", member(End, self.direction, "a Behaviour's direction"))

    @property
    def expansion_terms(self) -> tuple[Expr, ...]:
        """The terms of ``expansion``, the dominant one first (empty where it is 0 or None)."""
        if self.expansion is None or self.expansion == 0:
            return ()
        sgn = _DIRECTIONS[self.direction]
        terms = [a.xreplace({self.variable: sgn * _Y}) for a in Add.make_args(self.expansion)]
        ordered = _dominant_first(terms)
        return tuple(a.xreplace({_Y: sgn * self.variable}) for a in ordered)

    @property
    def asymptote(self) -> Expr | None:
        """The asymptote :math:`a x + b` (None where there is none)."""
        return None if self.oblique is None else self.oblique[0] * self.variable + self.oblique[1]

    def _summary(self) -> str:
        end = "+∞" if self.direction == End.PLUS else "-∞"
        return f"{self.variable} → {end}: " + self._described()

    def _described(self) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"→ {text(self.limit)}")
        y, ob = self.asymptote, self.oblique  # y is None exactly where ob is
        f = "f"
        if y is not None and ob is not None and ob[0] != 0:
            parts.append(f"asymptote y = {text(y)}")
            f = "f - y"
        elif y is not None and ob is not None and ob[1] != 0:
            b = ob[1]
            f = f"f + {text(-b)}" if b.could_extract_minus_sign() else f"f - {text(b)}"
        terms = self.expansion_terms
        if terms:
            parts.append(f"{f} ~ {text(terms[0])}")
        elif self.expansion == 0 and y is not None:
            parts.append(f"f = {text(y)} exactly")
        elif self.leading is not None and self.limit is None or self.limit in (sympy.oo, -sympy.oo):
            if self.leading is not None and (ob is None or ob[0] == 0):
                parts.append(f"f ~ {text(self.leading)}")
        if self.growth_order is not None:
            parts.append(f"growth order {text(self.growth_order)}")
        if self.not_derived:
            parts.append("not derived: " + ", ".join(name for name, _ in self.not_derived))
        return ", ".join(parts) or "nothing derived"


@dataclass(frozen=True, repr=False)
class Asymptotes(Display):
    """The behaviour of a unit at both ends; for a gated unit along the ray x_g = x_v = t (``ray``).
    ``name`` is the unit's name (for display; not compared).

    >>> import glusym
    >>> glusym.asymptotes(glusym.get("relu"))
    Asymptotes(relu: x → +∞: → ∞, asymptote y = x, f = x exactly, growth order 1; x → -∞: → 0, f = 0 exactly, growth order -∞)
    """

    variable: Symbol
    ray: bool
    plus: Behaviour
    minus: Behaviour
    name: str = field(default="", compare=False)

    def _summary(self) -> str:
        head = (self.name + ": " if self.name else "") + ("along x_g = x_v = t: " if self.ray else "")
        return head + "; ".join(b._summary() for b in (self.plus, self.minus))


# ---------------------------------------------------------------------------------------------
# Dominance of terms c * y**k * exp(P(y)) as y -> +oo


class _Unordered(GlusymError):
    """A term is not of the shape c * y**k * exp(P(y)), so its dominance is unknown."""


def _scale(term: Expr) -> dict[Any, Expr]:
    """log|term| as {power p > 0: coefficient of y**p, "log": coefficient of log y}."""
    _, rest = term.as_independent(_Y, as_Add=False)
    if rest == 1:
        return {}
    logged = sympy.expand(sympy.expand_log(log(rest), force=True))
    out: dict[Any, Expr] = {}
    for part in Add.make_args(logged):
        if not part.has(_Y):
            continue
        c, f = part.as_independent(_Y, as_Add=False)
        if f == log(_Y):
            out["log"] = out.get("log", S.Zero) + c
            continue
        c, p = part.as_coeff_exponent(_Y)
        if c.has(_Y) or not p.is_number or not c.is_extended_real:
            raise _Unordered(f"cannot order the term {term} as {_Y} -> oo")
        if p > 0:
            out[p] = out.get(p, S.Zero) + c
    return out


def _compare(t1: Expr, t2: Expr) -> int:
    """+1 if |t1| >> |t2| as y -> oo, -1 if |t1| << |t2|, 0 if of the same scale."""
    s1, s2 = _scale(t1), _scale(t2)
    keys = set(s1) | set(s2)
    powers = sorted((k for k in keys if k != "log"), reverse=True)
    for k in powers + ["log"] * ("log" in keys):
        d = s1.get(k, S.Zero) - s2.get(k, S.Zero)
        if d.is_zero:
            continue
        if d.is_positive:
            return 1
        if d.is_negative:
            return -1
        raise _Unordered(f"cannot decide the sign of {d}")
    return 0


def _dominant_first(terms: list[Expr]) -> list[Expr]:
    return sorted(terms, key=functools.cmp_to_key(lambda a, b: _compare(b, a)))


# ---------------------------------------------------------------------------------------------
# Expansion rules


def _erfc_asymptotic(z: Expr, n: int) -> Expr:
    """erfc(z) for z -> +oo: n terms of the asymptotic series, plus the marked error term."""
    total = sum(((-1) ** k * sympy.factorial2(2 * k - 1) / (2 * z**2) ** k for k in range(n)), S.Zero)
    return exp(-z**2) / (z * sqrt(pi)) * (total + _EPS / z ** (2 * n))


def _tends(u: Expr) -> Expr:
    return sympy.limit(u, _Y, sympy.oo)


def _apply_rules(expr: Expr, n: int) -> Expr:
    """``expr`` with tanh, erf, erfc and 1/(1 + exp(v)) of arguments tending to ±oo replaced by
    their expansions to ``n`` terms, each with an error term marked by ``_EPS``."""

    def tanh_rule(e: Expr) -> Expr:
        u = e.args[0]
        lim = _tends(u)
        if lim is sympy.oo:
            return 1 - 2 / (1 + exp(2 * u))
        if lim is -sympy.oo:
            return -1 + 2 / (1 + exp(-2 * u))
        return e

    def erf_rule(e: Expr) -> Expr:
        u = e.args[0]
        lim = _tends(u)
        if lim is sympy.oo:
            return 1 - _erfc_asymptotic(u, n)
        if lim is -sympy.oo:
            return -1 + _erfc_asymptotic(-u, n)
        return e

    def is_logistic(e: Expr) -> bool:
        if not (isinstance(e, Pow) and e.exp == -1 and isinstance(e.base, Add)):
            return False
        rest = e.base - 1
        return isinstance(rest, exp)

    def logistic_rule(e: Expr) -> Expr:
        v = (e.base - 1).args[0]
        lim = _tends(v)
        if lim is sympy.oo:  # 1/(1 + e^v) = e^-v / (1 + e^-v)
            w = exp(-v)
            return sum(((-1) ** (k - 1) * w**k for k in range(1, n + 1)), S.Zero) + _EPS * w ** (n + 1)
        if lim is -sympy.oo:
            w = exp(v)
            return sum(((-1) ** k * w**k for k in range(n)), S.Zero) + _EPS * w**n
        return e

    expr = expr.replace(lambda e: isinstance(e, erfc), lambda e: 1 - erf(e.args[0]))
    expr = expr.replace(lambda e: isinstance(e, tanh), tanh_rule)
    expr = expr.replace(lambda e: isinstance(e, erf), erf_rule)
    expr = expr.replace(is_logistic, logistic_rule)
    return expr


def _expand_by_rules(h: Expr, terms: int) -> Expr:
    """The ``terms`` dominant terms of h as y -> oo, by glusym's rules with explicit error terms."""
    found: list[Expr] = []
    for n in (terms + 2, terms + 4, 2 * terms + 6):
        ruled = _apply_rules(h, n)
        if ruled.has(erf, erfc, tanh):
            raise _Unordered("an erf or tanh argument does not tend to ±oo")
        expanded = sympy.expand(sympy.powsimp(sympy.expand(ruled)))
        candidates: list[Expr] = []
        errors: list[Expr] = []
        for part in Add.make_args(expanded):
            (errors if part.has(_EPS) else candidates).append(part)
        errors = [e.xreplace({_EPS: 1}) for e in errors]
        for part in candidates + errors:
            _scale(part)  # every term must be of the shape c * y**k * exp(P(y))
        candidates = [c for c in candidates if c != 0 and all(_compare(c, e) > 0 for e in errors)]
        found = _dominant_first(candidates)
        if len(found) >= terms or not errors:
            break
    if not found:
        raise _Unordered("no term dominates the error terms of the rules")
    return Add(*found[:terms])


_W = Symbol("_w", positive=True)  # exp(-y), the small quantity of the logistic family


def _expand_by_w(h: Expr, terms: int) -> Expr:
    """The ``terms`` dominant terms of h as y -> oo when h is analytic at w = exp(-y) = 0 with
    coefficients that are sums of powers of y: a power series in w, y held fixed (the error
    O(w**n) times a power of y is below every term of lower degree in w)."""
    hw = h.replace(lambda e: isinstance(e, (tanh, sympy.cosh, sympy.sinh)), lambda e: e.rewrite(exp))

    def to_w(e: Expr) -> Expr:
        arg = sympy.expand(e.args[0])
        c, d = arg.as_independent(_Y, as_Add=True)[1].as_coeff_Mul()[0], None
        rest = arg - c * _Y
        if rest.has(_Y) or not c.is_Rational or c == 0:
            raise _Unordered(f"exp({arg}) is not exp(c*y + d)")
        return exp(rest) * _W ** (-c)

    hw = hw.replace(lambda e: isinstance(e, exp) and e.has(_Y), to_w)
    if not hw.has(_W):
        raise _Unordered("no exponential of y")
    found: list[Expr] = []
    for n in range(terms + 1, 2 * terms + 5):
        s = sympy.series(hw, _W, 0, n).removeO()
        parts = [a for a in Add.make_args(sympy.expand(s)) if a != 0]
        back = sympy.expand(Add(*[a.xreplace({_W: exp(-_Y)}) for a in parts]))
        found = _dominant_first([a for a in Add.make_args(back) if a != 0])
        if len(found) >= terms:
            break
    if not found:
        raise _Unordered("no term in the power series in exp(-y)")
    return Add(*found[:terms])


def _expand_by_series(h: Expr, terms: int) -> tuple[Expr, int]:
    """The ``terms`` dominant terms of h as y -> oo by sympy.series (tanh rewritten to exp), and
    the order n of the last O(y**-n) tried when fewer were found (0 when all were)."""
    h = h.replace(lambda e: isinstance(e, tanh), lambda e: e.rewrite(exp))
    found: list[Expr] = []
    for n in range(terms + 1, 2 * terms + 5):
        s = sympy.series(h, _Y, sympy.oo, n).removeO()
        found = _dominant_first([a for a in Add.make_args(sympy.expand(s)) if a != 0])
        if len(found) >= terms:
            return Add(*found[:terms]), 0
    if not found:
        raise NotDerived(f"sympy.series finds no term above O({_Y.name[1:]}**-{n})")
    return Add(*found), n


def _expansion(h: Expr, terms: int, notes: list[tuple[str, str]]) -> Expr:
    if sympy.expand(h) == 0:
        return S.Zero
    try:
        return _expand_by_rules(h, terms)
    except _Unordered:
        if h.has(erf, erfc):
            raise
    try:
        return _expand_by_w(h, terms)
    except (_Unordered, sympy.PoleError, NotImplementedError, ValueError):
        pass
    expansion, n = _expand_by_series(h, terms)
    if n:
        notes.append(("expansion", f"only {len(Add.make_args(expansion))} of {terms} terms: "
                                   f"sympy.series finds no other above O(x**-{n})"))
    return expansion


# ---------------------------------------------------------------------------------------------
# Exact arithmetic for Float input


def _exact(expr: Expr) -> tuple[Expr, int | None]:
    """Floats replaced by the exact decimals they print as, and the smallest precision (digits)."""
    floats = expr.atoms(Float)
    if not floats:
        return expr, None
    dps = min(prec_to_dps(f._prec) for f in floats)
    return expr.xreplace({f: Rational(str(f)) for f in floats}), dps


def _floated(expr: Expr | None, dps: int | None) -> Expr | None:
    """Non-integer Rationals back to Floats of ``dps`` digits, exponents of powers kept exact."""
    if expr is None or dps is None:
        return expr
    if isinstance(expr, Rational):
        return expr if expr.is_integer else Float(expr, dps)
    if isinstance(expr, Pow):
        return Pow(_floated(expr.base, dps), expr.exp)
    if not expr.args:
        return expr
    return expr.func(*[_floated(a, dps) for a in expr.args])


# ---------------------------------------------------------------------------------------------
# The analysis


def _prepare(obj: Any) -> tuple[Expr, Symbol, bool]:
    expr, variables = as_function(obj)
    gated = obj.kind == "gated" if isinstance(obj, Unit) else set(variables) == {x_g, x_v}
    if gated:
        return expr.xreplace({v: t for v in variables}), t, True
    if len(variables) == 1:
        return expr, variables[0], False
    if x in variables or not variables:
        return expr, x, False  # other symbols are parameters
    raise GlusymError(f"cannot tell the variable among {', '.join(map(str, variables))}: use glusym's x")


def _branch_at(expr: Expr, var: Symbol, sgn: int) -> Expr:
    """The branch in force at sgn*oo, in the variable _Y -> +oo (x = sgn*_Y), elementary."""
    pw = to_piecewise(expr)
    point = side_points(pw, var, sgn * sympy.oo, sgn)
    branch = select_branches(pw, {var: point})
    return elementary(branch).xreplace({var: sgn * _Y})


def _limit_at_infinity(e: Expr) -> Expr:
    """SymPy's limit of ``e`` as y → +oo, remembered on disk (:mod:`glusym.cache`: Gruntz takes
    0.1-0.4 s a limit on the catalogue, most of a derivation's time, and a budget would make the
    answer depend on the machine's load). A remembered limit is used only where ``e``, evaluated
    by mpmath at 30 digits at y = 10^2, 10^3, 10^4, goes its way (:func:`_tends_to`); an
    expression with parameters is not remembered (it cannot be evaluated)."""
    if e.free_symbols - {_Y}:
        return sympy.limit(e, _Y, sympy.oo)
    def compute() -> tuple[Any, bool]:
        value = sympy.limit(e, _Y, sympy.oo)
        return value, not value.has(sympy.nan, sympy.zoo, sympy.Limit, sympy.AccumBounds)

    return cache.remembered("limits", sympy.srepr(e), compute, lambda v: _tends_to(e, v))


def _tends_to(e: Expr, limit: Any) -> bool:
    """``e`` at y = 10^2, 10^3, 10^4 (mpmath, 30 digits) real and going toward ``limit``: within
    1 % of a finite limit at 10^4 and no farther from it than at 10^2; beyond 1 and growing with
    the sign of an infinite one."""
    if not isinstance(limit, Expr) or not (limit in (sympy.oo, -sympy.oo) or limit.is_real and limit.is_finite):
        return False
    try:
        f = mpmath_function(e, (_Y,))
        with mpmath.workdps(30):
            vals = [mpmath.mpmathify(f(mpmath.mpf(10) ** k)) for k in (2, 3, 4)]
            if any(not mpmath.isfinite(v) or abs(mpmath.im(v)) > 1e-20 * (1 + abs(mpmath.re(v))) for v in vals):
                return False
            v2, v3, v4 = (mpmath.re(v) for v in vals)
            if limit in (sympy.oo, -sympy.oo):
                sign = 1 if limit == sympy.oo else -1
                return bool(v4 * sign > 1 and abs(v4) >= abs(v3) >= abs(v2))
            lv = mpmath.mpf(sympy.Float(limit, 30))
            return bool(abs(v4 - lv) <= 0.01 * (1 + abs(lv)) and abs(v4 - lv) <= abs(v2 - lv) + mpmath.mpf(10) ** -25)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, NameError, AttributeError, GlusymError):
        return False


class _Steps:
    """Runs the steps of one analysis under one shared deadline, recording what fails."""

    def __init__(self, budget: float | None) -> None:
        self.deadline = None if budget is None else time.monotonic() + budget
        self.budget = budget
        self.notes: list[tuple[str, str]] = []

    def run(self, field: str, fn: Callable[[], Any]) -> Any:
        remaining = None if self.deadline is None else self.deadline - time.monotonic()
        try:
            if remaining is not None and remaining <= 0:
                raise BudgetExceeded(f"the time budget of {self.budget:g} s was spent before this step")
            with time_budget(remaining):
                value = fn()
            if value is None or value.has(sympy.nan, sympy.zoo, sympy.Limit, sympy.AccumBounds):
                raise NotDerived(f"SymPy returned {value}")
            return value
        except BudgetExceeded as exc:
            if self.deadline is None or time.monotonic() < self.deadline - 1e-3:
                raise  # an outer budget ran out (derive's section): not this analysis's to swallow
            self.notes.append((field, f"BudgetExceeded: {exc}"))
            return None
        except (NotImplementedError, sympy.PoleError, ValueError, TypeError, AttributeError,
                RecursionError, GlusymError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.notes.append((field, f"{type(exc).__name__}: {reason}"))
            return None


def _growth(lead: Expr | None, limit: Expr | None, g: Expr, steps: _Steps) -> Expr | None:
    if limit is not None and limit.is_finite and not limit.is_zero:
        return S.Zero
    if lead is not None:
        if lead == 0:
            return -sympy.oo
        try:
            s = _scale(lead)
        except _Unordered:
            s = None
        if s is not None:
            powers = sorted((k for k in s if k != "log" and not s[k].is_zero), reverse=True)
            if powers:
                return sympy.oo if s[powers[0]].is_positive else -sympy.oo
            return s.get("log", S.Zero)
    if sympy.expand(g) == 0:
        return -sympy.oo
    return steps.run("growth_order",
                     lambda: sympy.limit(log(g**2) / (2 * log(_Y)), _Y, sympy.oo))


def _behaviour(expr: Expr, var: Symbol, direction: End, terms: int, budget: float | None,
               growth_only: bool = False) -> Behaviour:
    sgn = _DIRECTIONS[direction]
    steps = _Steps(budget)
    g = steps.run("limit", lambda: _branch_at(expr, var, sgn))
    if g is None:
        return Behaviour(direction, var, None, None, None, None, None, tuple(steps.notes))
    g, dps = _exact(g)
    back = {_Y: sgn * var}

    # SymPy's limit (Gruntz) is about 3x faster on tanh written as exponentials (GELU-tanh: 1.7 s
    # -> 0.5 s a direction); the expansion below keeps tanh, for its own rule
    g_lim = g.rewrite(exp) if g.has(tanh) else g
    limit = steps.run("limit", lambda: _limit_at_infinity(g_lim))
    if growth_only and limit is not None and limit.is_finite and not limit.is_zero:
        return Behaviour(direction, var, _floated(limit, dps), None, None, None, S.Zero, tuple(steps.notes))
    a_y = steps.run("oblique", lambda: _limit_at_infinity(g_lim / _Y))
    b = None
    if a_y is not None and a_y.is_finite:
        b = steps.run("oblique", lambda: _limit_at_infinity(g_lim - a_y * _Y))
    oblique = (a_y, b) if a_y is not None and b is not None and a_y.is_finite and b.is_finite else None
    if a_y is not None and not a_y.is_finite or b is not None and not b.is_finite:
        h: Expr | None = g
    elif oblique is not None:
        h = g - a_y * _Y - b
    else:
        h = None  # a or b not derived: the expansion would rest on a guess
    expansion = None if h is None else steps.run("expansion", lambda: _expansion(h, terms, steps.notes))

    if oblique is not None and oblique[0] != 0:
        lead_y: Expr | None = oblique[0] * _Y
    elif oblique is not None and oblique[1] != 0:
        lead_y = oblique[1]
    elif expansion is not None:
        lead_y = _dominant_first(list(Add.make_args(expansion)))[0] if expansion != 0 else S.Zero
    else:
        lead_y = None
    if lead_y is None:
        steps.notes.append(("leading", "no expansion to take it from"))
    growth = _growth(lead_y, limit, g, steps)
    # the branch in force towards this end holds on a half-line; where it is a x + b, f is its asymptote
    exact = oblique is not None and bool(g.is_polynomial(_Y)) and sympy.expand(g - oblique[0] * _Y - oblique[1]) == 0

    def out(e: Expr | None) -> Expr | None:
        return None if e is None else _floated(sympy.powsimp(sympy.expand(e.xreplace(back))), dps)

    return Behaviour(
        direction=direction,
        variable=var,
        limit=_floated(limit, dps),
        leading=out(lead_y),
        oblique=None if oblique is None else (_floated(sgn * oblique[0], dps), _floated(oblique[1], dps)),
        expansion=out(expansion),
        growth_order=growth,
        not_derived=tuple(steps.notes),
        exact=exact,
    )


def asymptotes(obj: Analysable, terms: int = 3, budget: float | None = 10.0) -> Asymptotes:
    r"""The behaviour of a unit or one-variable expression at :math:`+\infty` and :math:`-\infty`.

    For each direction: the limit :math:`L`, the leading term, the oblique asymptote
    :math:`y = a x + b` with :math:`a = \lim f/x`, :math:`b = \lim (f - a x)` when both are finite,
    the ``terms`` dominant terms of :math:`f - (a x + b)` (of :math:`f` when there is no
    asymptote), and the growth order :math:`k = \lim \log|f| / \log|x|`. A gated unit
    :math:`\alpha(x_g)\,x_v` is followed along the ray :math:`x_g = x_v = t`.

    GELU at :math:`+\infty`:
    :math:`\text{GELU}(x) - x \sim -\varphi(x)\bigl(1 - x^{-2} + 3x^{-4} - \dots\bigr)`, returned
    with :math:`\varphi` written out (:math:`e^{-x^2/2}/\sqrt{2\pi}`).

    Args:
        obj: a catalogue :class:`~glusym.catalogue.Unit` or a SymPy expression in one variable.
        terms: how many nonzero terms of the expansion (1 to :data:`MAX_ASYMPTOTIC_TERMS`).
        budget: seconds for the whole analysis (None: no limit); a step that runs past it is
            recorded in ``not_derived``.

    >>> import glusym
    >>> from glusym.analysis.asymptotes import asymptotes
    >>> gelu = asymptotes(glusym.get("gelu"))
    >>> gelu.plus.oblique, gelu.plus.growth_order
    ((1, 0), 1)
    >>> [term * sympy.exp(glusym.x**2 / 2) for term in gelu.plus.expansion_terms]
    [-sqrt(2)/(2*sqrt(pi)), sqrt(2)/(2*sqrt(pi)*x**2), -3*sqrt(2)/(2*sqrt(pi)*x**4)]
    >>> silu = asymptotes(glusym.get("silu"), terms=2).minus
    >>> silu.limit, silu.expansion, silu.growth_order
    (0, -x*exp(2*x) + x*exp(x), -oo)
    >>> asymptotes(glusym.get("swiglu")).plus.leading
    t**2

    References: arXiv 1606.08415 (GELU), 2002.05202 (GLU variants).
    """
    if not isinstance(terms, int) or isinstance(terms, bool) or not 1 <= terms <= MAX_ASYMPTOTIC_TERMS:
        raise GlusymError(f"terms must be a whole number from 1 to {MAX_ASYMPTOTIC_TERMS}, got {shown(terms)}")
    validate_budget(budget)
    expr, var, ray = _prepare(obj)
    half = None if budget is None else budget / 2
    name = getattr(obj, "name", "")
    return Asymptotes(var, ray, _behaviour(expr, var, End.PLUS, terms, half),
                      _behaviour(expr, var, End.MINUS, terms, half), name if isinstance(name, str) else "")


def growth_order(obj: Analysable, direction: End | str = End.PLUS, budget: float | None = 10.0) -> Expr:
    r"""The growth order :math:`k = \lim \log|f(x)| / \log|x|` at ``"+oo"`` or ``"-oo"``.

    ``0`` for a nonzero finite limit, ``oo`` for exponential growth, ``-oo`` for exponential
    decay (faster than any power of :math:`x`, including :math:`f \equiv 0`). A gated unit is
    followed along :math:`x_g = x_v = t`. Raises :class:`~glusym.errors.NotDerived` when SymPy
    cannot reach it within the budget.

    >>> import glusym
    >>> from glusym.analysis.asymptotes import growth_order
    >>> growth_order(glusym.get("swiglu")), growth_order(glusym.get("swiglu"), "-oo")
    (2, -oo)
    >>> growth_order(glusym.get("softsign"), "-oo")
    0
    """
    if not isinstance(direction, str) or direction not in _DIRECTIONS:
        raise GlusymError(f"direction must be '+oo' or '-oo', got {direction!r}")
    validate_budget(budget)
    expr, var, _ = _prepare(obj)
    b = _behaviour(expr, var, End(direction), 1, budget, growth_only=True)
    if b.growth_order is None:
        raise NotDerived(f"growth order at {direction} not derived: "
                         + "; ".join(f"{f}: {r}" for f, r in b.not_derived))
    return b.growth_order

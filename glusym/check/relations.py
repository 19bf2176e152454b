r"""Inequalities and membership: ``a < b``, ``a \le b`` (chains are split into links before),
``a \in [b, c]`` and ``a \in [0, \infty)^n``, for all real values of the variables or on a domain.

A relation is judged for every real value of its variables (or on ``domain``: a SymPy set for
the one variable, a dict of sets per variable, or a condition such as ``x > 0``). The relation
``lhs op rhs`` is read as the sign of the margin g (``rhs - lhs`` for < and ≤, ``lhs - rhs`` for >
and ≥): ``g > 0`` for a strict relation, ``g ≥ 0`` otherwise.

``holds`` only with a proof, whose kind the reason names:

* **a sign argument**: SymPy's assumptions give g one sign for every real value of its variables
  (in several forms: as written, over one denominator in exponentials, e^g − 1 for a difference of
  logarithms), where ``Abs``, ``max``, ``min`` and the branches of a ``cases`` are taken one
  branch at a time (g is then, at every point, one of the forms proved);
* **interval arithmetic with monotonicity and convexity** (:mod:`glusym.check.enclosure`), on
  each smooth piece between the breakpoints: a branch and bound in which every sub-interval is
  settled by an enclosure of g, of g' (g monotone: its value at an end decides) or of g'' (g'
  monotone: its one root is bracketed, and g's value on the bracket decides, or the root is
  solved exactly by SymPy and g's value there is decided exactly), or, at an end where g is 0, by
  the first derivative that is not 0 there (tanh x ≤ x at 0); the tails beyond ±R by an enclosure
  of g (whose unbounded parts are bounded by their own monotonicity: x·e^{-x} on [20, ∞)), by the
  sign of g' there (from higher derivatives where needed) with SymPy's limits at ±∞, so that a
  bound approached but not attained is allowed for a strict relation; an open end where g has no
  finite value (log x at 0) as a tail in t, x = a + 1/t; the breakpoints themselves exactly.

``fails`` with a counterexample: a point where the relation is false, confirmed at 50 digits and
again at twice that (the margin's value the same, and negative), with both sides' values; or a
point, exact, where a strict relation is an equality (SymPy proves the margin 0 there).

``holds numerically`` where no proof was reached but no point is false: a grid of 4,001 points on
[−40, 40] and 2,000 log-spaced on each side out to 10⁶, local minimisations of the margin, the
points of :func:`glusym.sampling.cover`, and the margin's critical points by
:func:`glusym.analysis.extrema.extrema` (the reason says what it found), each candidate checked at
50 digits. A strict relation whose margin comes within 10⁻²⁵ of 0 at an interior minimum is
``unknown`` instead (the equality may be attained there), and so is a link whose search the
budget cut short.

A relation that only constrains a bare variable or parameter (``x < 0``, ``\beta \ge 0``: one
side a lone symbol, the other a number) is a condition: ``no claim``. So is a relation between
expressions that name no function (``\mathbf{x}\cdot\mathbf{w} > 0``) which is true for some
values and false on a region: it cuts out a region, as a condition does (``x^2 > 2x - 1``, false
only where it is an equality, fails).

>>> import sympy
>>> from glusym.functions import sigmoid
>>> x = sympy.Symbol("x", real=True)
>>> judge_inequality(sigmoid(x), 1, "<")[0]
<Verdict.HOLDS: 'holds'>
>>> judge_inequality(x * sigmoid(x), sympy.Rational(-278, 1000), ">")[:1]
(<Verdict.FAILS: 'fails'>,)
>>> judge_membership(sigmoid(x), sympy.Interval.open(0, 1))[0]
<Verdict.HOLDS: 'holds'>
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy
from sympy import Expr, Piecewise, Symbol

from ..errors import BudgetExceeded
from ..functions import elementary, to_sympy
from .report import Judgement, Verdict
from .zero import _number_sign

#: digits at which a counterexample is confirmed (and again at twice as many)
CONFIRM_DIGITS = 50
#: the grid of the numerical search: points on [-GRID_RADIUS, GRID_RADIUS] (or the domain's part)
GRID_POINTS = 4001
GRID_RADIUS = 40.0
#: beyond the grid: log-spaced points out to FAR_RADIUS on each side
FAR_POINTS = 2000
FAR_RADIUS = 1.0e6
#: how close to 0 a strict relation's margin may come at an interior minimum before it is unknown
NEAR_ZERO = mpmath.mpf(10) ** -25
#: the most branch combinations a case split tries
MAX_CASES = 16



# ---------------------------------------------------------------------------------------------
# what is a claim


_ARITHMETIC = (sympy.Add, sympy.Mul, sympy.Pow, sympy.Abs, Symbol, sympy.Number, sympy.NumberSymbol)


def _function_free(e: Any) -> bool:
    """Only variables, numbers, arithmetic and absolute values (no named function, no max)."""
    if not isinstance(e, sympy.Basic):
        return True
    for node in sympy.preorder_traversal(e):
        if isinstance(node, sympy.Pow) and node.exp.free_symbols:
            return False
        if not isinstance(node, _ARITHMETIC) and not node.is_Atom:
            return False
    return True


def is_condition(lhs: Any, rhs: Any) -> bool:
    """One side a lone symbol, the other a number: a condition on a variable or a parameter."""
    a, b = (to_sympy(s, "a side") if not isinstance(s, sympy.Basic) else s for s in (lhs, rhs))
    return any(isinstance(p, Symbol) and isinstance(q, sympy.Expr) and q.is_number and not q.free_symbols
               for p, q in ((a, b), (b, a)))


# ---------------------------------------------------------------------------------------------
# domains


def domains(domain: Any, syms: list[Symbol]) -> dict[Symbol, sympy.Set]:
    """Each variable's set: all reals, or what ``domain`` says (a set for the one variable or for
    every variable, a dict of sets by symbol or name, or a condition)."""
    out = {s: sympy.S.Reals for s in syms}
    if domain is None:
        return out
    if isinstance(domain, dict):
        for k, v in domain.items():
            for s in syms:
                if s == k or s.name == getattr(k, "name", k):
                    out[s] = _as_set(v, s)
        return out
    if isinstance(domain, sympy.Set):
        if len(syms) != 1:
            raise ValueError("a set as the domain of a relation in several variables: give a dict")
        return {syms[0]: domain}
    if isinstance(domain, sympy.logic.boolalg.Boolean):
        for s in syms:
            parts = [c for c in (domain.args if isinstance(domain, sympy.And) else (domain,))
                     if c.free_symbols == {s}]
            if parts:
                out[s] = sympy.And(*parts).as_set()
        return out
    raise ValueError(f"a domain must be a SymPy set, a dict of sets or a condition, not {type(domain).__name__}")


def _as_set(v: Any, s: Symbol) -> sympy.Set:
    if isinstance(v, sympy.Set):
        return v
    if isinstance(v, sympy.logic.boolalg.Boolean):
        return v.as_set()
    raise ValueError(f"the domain of {s} must be a SymPy set or condition")


def _intervals(S: sympy.Set) -> list[sympy.Interval]:
    S = S.intersect(sympy.S.Reals)
    if S is sympy.S.Reals:
        return [sympy.Interval(-sympy.oo, sympy.oo)]
    if isinstance(S, sympy.Interval):
        return [S]
    if isinstance(S, sympy.Union) and all(isinstance(a, sympy.Interval) for a in S.args):
        return list(S.args)
    raise ValueError(f"a domain {S} that is not a union of intervals")


def _shown_domain(dom: dict[Symbol, sympy.Set]) -> str:
    """``for all real x``, ``for all real x and alpha > 0``, ``for all x ∈ [0, 1]``."""
    from .context import shown_set

    real = [s.name for s, S in dom.items() if S is sympy.S.Reals]
    parts = [shown_set(s.name, S) if isinstance(S, sympy.Interval) else f"{s} ∈ {_show_set(S)}"
             for s, S in dom.items() if S is not sympy.S.Reals]
    if not parts:
        return "for all real " + ", ".join(real)
    return "for all " + (f"real {', '.join(real)} and " if real else "") + ", ".join(parts)


def _show_set(S: sympy.Set) -> str:
    if isinstance(S, sympy.Interval):
        lo = "(" if S.left_open or S.start == -sympy.oo else "["
        hi = ")" if S.right_open or S.end == sympy.oo else "]"
        return f"{lo}{_show(S.start)}, {_show(S.end)}{hi}"
    return str(S)


def _show(v: Any) -> str:
    return {sympy.oo: "∞", -sympy.oo: "−∞"}.get(v, str(v))


# ---------------------------------------------------------------------------------------------
# a sign argument


def _real_dummies(syms: list[Symbol], dom: dict[Symbol, sympy.Set]) -> dict[Symbol, Symbol]:
    """Each variable as a real symbol carrying its domain's sign, where the domain has one."""
    out = {}
    for s in syms:
        S = dom.get(s, sympy.S.Reals)
        kw: dict[str, bool] = {"real": True}
        if isinstance(S, sympy.Interval):
            if S.start == 0 and S.left_open:
                kw["positive"] = True
            elif S.start.is_number and (S.start > 0 or (S.start == 0 and not S.left_open)):
                kw["nonnegative" if S.start == 0 else "positive"] = True
            elif S.end == 0 and S.right_open:
                kw["negative"] = True
            elif S.end.is_number and (S.end < 0 or S.end == 0):
                kw["nonpositive" if S.end == 0 else "negative"] = True
            elif S.start != -sympy.oo or S.end != sympy.oo:
                continue  # a bounded domain is not an assumption SymPy takes: no sign argument on it
        elif S is not sympy.S.Reals:
            continue
        out[s] = sympy.Dummy(s.name, **kw)
    return out


def _cases(g: Expr, limit: int = MAX_CASES) -> list[Expr] | None:
    """Every way of taking one branch of each Abs, max, min, Heaviside, sign and Piecewise in g
    (innermost first): at every point g equals one of them. None beyond ``limit`` forms."""
    kinds = (sympy.Abs, sympy.Max, sympy.Min, sympy.Heaviside, sympy.sign, Piecewise)
    forms = [g]
    while True:
        nxt = []
        changed = False
        for f in forms:
            nodes = [n for n in sympy.preorder_traversal(f) if isinstance(n, kinds)
                     and not any(isinstance(m, kinds) for a in n.args for m in sympy.preorder_traversal(a))]
            if not nodes:
                nxt.append(f)
                continue
            n = nodes[0]
            changed = True
            if isinstance(n, sympy.Abs):
                options = [n.args[0], -n.args[0]]
            elif isinstance(n, (sympy.Max, sympy.Min)):
                options = list(n.args)
            elif isinstance(n, sympy.Heaviside):
                options = [sympy.S.Zero, sympy.S.Half, sympy.S.One]
            elif isinstance(n, sympy.sign):
                options = [sympy.S.NegativeOne, sympy.S.Zero, sympy.S.One]
            else:
                options = [value for value, _ in n.args]
            nxt.extend(f.xreplace({n: o}) for o in options)
        forms = list(dict.fromkeys(nxt))
        if len(forms) > limit:
            return None
        if not changed:
            return forms


def _within(fn: Any, seconds: float) -> Any:
    """fn() within its own budget: None where that runs out or SymPy gives up; the link's own
    budget running out meanwhile is raised on (so that the link stops)."""
    from ..analysis.extrema import _attempt

    return _attempt(fn, seconds)


def _sign_forms(g: Expr) -> list[Expr]:
    forms = [g]
    try:
        e = elementary(g)
        forms.append(e)
        t = sympy.together(e.rewrite(sympy.exp))
        forms += [t, sympy.factor(t)]
        if g.has(sympy.log):  # log(1 + e^x) - x has the sign of e^(g) - 1 = e^-x
            forms.append(sympy.together(sympy.expand(sympy.powsimp(sympy.exp(e))) - 1))
        forms.extend(_conjugate_forms(e))
    except (TypeError, ValueError, NotImplementedError, sympy.PolynomialError):
        pass
    return forms


def _conjugate_forms(e: Expr) -> list[Expr]:
    """A sum w + u with one square-root term w: (w + u)(w − u) = w² − u², so where w − u > 0 the
    sum has the sign of w² − u² (sqrt(x² + b) − x > 0 as b > 0), where u − w > 0 that of u² − w²."""
    if not isinstance(e, sympy.Add):
        return []
    roots = [t for t in e.args if any(isinstance(f, sympy.Pow) and f.exp == sympy.S.Half and f.base.free_symbols
                                      for f in sympy.Mul.make_args(t))]
    if len(roots) != 1:
        return []
    w = roots[0]
    u = e - w
    if (w - u).is_positive:
        return [sympy.expand(w**2 - u**2)]
    if (u - w).is_positive:
        return [sympy.expand(u**2 - w**2)]
    return []


def _sign_argument(g: Expr, strict: bool, syms: list[Symbol], dom: dict[Symbol, sympy.Set],
                   deadline: float) -> str | None:
    """The proof by SymPy's assumptions that g > 0 (or g >= 0), one case at a time, or None."""
    reps = _real_dummies(syms, dom)
    if len(reps) != len(syms):
        return None
    cases = _cases(g)
    if cases is None:
        return None

    def every_case() -> bool:
        return all(any((f.is_positive if strict else f.is_nonnegative) for f in _sign_forms(case.xreplace(reps)))
                   for case in cases)

    where = "" if all(dom[s] is sympy.S.Reals for s in syms) else " with the domain's sign"
    if not _within(every_case, max(min(1.5, deadline - time.monotonic()), 0.05)):
        if len(syms) < 2 or time.monotonic() >= deadline:
            return None
        # in several variables (a unit's parameters beside x) no interval proof follows: each
        # branch with its condition, the branch's variable written from its end (x > 0: x = p)
        branches = _conditioned_branches(g, syms, dom)
        if branches is None:
            return None

        def every_branch() -> bool:
            return all(any((f.is_positive if strict else f.is_nonnegative) for f in _sign_forms(b))
                       for b in branches)

        if not _within(every_branch, max(min(1.5, deadline - time.monotonic()), 0.05)):
            return None
        return (f"a sign argument on each of {len(branches)} branch(es) with its condition (SymPy's assumptions "
                f"for real {', '.join(map(str, syms))}{where})")
    split = f", each of {len(cases)} branch combinations" if len(cases) > 1 else ""
    return f"a sign argument (SymPy's assumptions for real {', '.join(map(str, syms))}{where}{split})"


def _conditioned_branches(g: Expr, syms: list[Symbol], dom: dict[Symbol, sympy.Set]) -> list[Expr] | None:
    """g's branches (its Piecewise folded into one, Abs, max and min as branches), each on the
    values where it applies, written so that SymPy's assumptions carry the condition: a variable
    whose values there are a half-line [c, ∞) or (c, ∞) is c plus a nonnegative (positive) symbol
    (c minus one for (−∞, c]), on a bounded interval (a, b] it is (a n + b)/(1 + n) with n ≥ 0
    (and alike for the other ends; [a, b] as [a, b) and the point b); every other variable a real
    symbol. None where a condition is not of that kind (a condition in two variables)."""
    from ..analysis._common import to_piecewise

    pw = sympy.piecewise_fold(to_piecewise(g))
    pieces = list(pw.args) if isinstance(pw, Piecewise) else [(pw, sympy.true)]
    if len(pieces) > MAX_CASES:
        return None
    out: list[Expr] = []
    before: Any = sympy.false
    for e, c in pieces:
        where = sympy.And(c, sympy.Not(before))
        before = sympy.Or(before, c)
        if where is sympy.false:
            continue
        parts = where.args if isinstance(where, sympy.And) else (() if where is sympy.true else (where,))
        sets = {s: dom.get(s, sympy.S.Reals) for s in syms}
        for r in parts:
            if not isinstance(r, sympy.core.relational.Relational) or len(r.free_symbols) != 1:
                return None
            (v,) = r.free_symbols
            if v not in sets:
                return None
            try:
                sets[v] = sets[v].intersect(r.as_set())
            except (NotImplementedError, TypeError, ValueError):
                return None
        if any(S is sympy.S.EmptySet for S in sets.values()):
            continue  # a branch that applies nowhere in the domain
        choices: list[list[Expr]] = []
        for v, S in sets.items():
            forms = _written_from_ends(v, S)
            if forms is None:
                return None
            choices.append(forms)
        for combo in itertools.product(*choices):
            out.append(e.xreplace(dict(zip(sets, combo))))
        if len(out) > MAX_CASES:
            return None
    return out


def _written_from_ends(v: Symbol, S: sympy.Set) -> list[Expr] | None:
    """The variable's values on S as expressions in a signed symbol (see :func:`_conditioned_branches`)."""
    if S is sympy.S.Reals:
        return [sympy.Dummy(v.name, real=True)]
    if not isinstance(S, sympy.Interval):
        return None
    a, b = S.start, S.end
    if b == sympy.oo and a.is_number:
        return [a + sympy.Dummy(v.name, **{"positive" if S.left_open else "nonnegative": True})]
    if a == -sympy.oo and b.is_number:
        return [b - sympy.Dummy(v.name, **{"positive" if S.right_open else "nonnegative": True})]
    if not (a.is_number and b.is_number):
        return None
    if S.left_open and S.right_open:
        t = sympy.Dummy(v.name, positive=True)
        return [(a * t + b) / (1 + t)]
    n = sympy.Dummy(v.name, nonnegative=True)
    if S.left_open:  # (a, b]: b at n = 0, a approached
        return [(a * n + b) / (1 + n)]
    forms = [(a + b * n) / (1 + n)]  # [a, b): a at n = 0, b approached
    return forms if S.right_open else forms + [b]


# ---------------------------------------------------------------------------------------------
# the numerical search for a counterexample


@dataclass
class _Search:
    used: int = 0
    where: str = ""
    counterexample: dict[str, str] | None = None
    why: str = ""
    smallest: Any = None  # the smallest margin found at 50 digits, and where
    at: dict[str, Any] = field(default_factory=dict)
    near_zero: dict[str, Any] | None = None  # an interior minimum of a strict margin within NEAR_ZERO of 0
    holds_somewhere: bool = False
    grid: int = 0  # grid (or random) points where the float margin is a number
    complete: bool = True  # False where the deadline cut the search short
    equality: bool = False  # the counterexample is an equality (of a strict relation)
    undefined: int = 0  # sampled points where a side has no real value
    notes: list[str] = field(default_factory=list)
    best: list[Any] = field(default_factory=lambda: [None])


def _floated(e: Expr) -> Expr:
    """e with its constant parts that are not rational (W(1/e), erf(1)) as 40-digit floats, for the
    float evaluation of the search and for :func:`glusym.sampling.cover` (which samples nothing
    for an expression with such a constant in it: its feature search raises on them)."""
    if not isinstance(e, sympy.Basic):
        return e
    subs: dict[sympy.Basic, sympy.Float] = {}
    for node in sympy.preorder_traversal(e):
        if isinstance(node, sympy.Basic) and node.args and node.is_number and not node.is_Rational \
                and not any(node.has(q) for q in subs):
            try:
                v = sympy.N(node, 40)
            except (TypeError, ValueError):
                continue
            if v.is_Float:
                subs[node] = v
    return e.xreplace(subs) if subs else e


def _float_margin(g: Expr, syms: list[Symbol]) -> Any:
    import numpy as np

    from ..analysis._common import lambdify, to_piecewise

    try:
        f = lambdify(syms, _floated(elementary(to_piecewise(g))), modules=["scipy", "numpy"])
    except Exception:  # noqa: BLE001 - no float form: the search uses mpmath alone
        return None

    def at(*cols: Any) -> Any:
        with np.errstate(all="ignore"):
            try:
                y = np.asarray(f(*cols), dtype=float)
            except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, NameError):
                return np.full(np.shape(cols[0]), np.nan)
        return np.broadcast_to(y, np.shape(cols[0])).copy()

    return at


def _exact(v: Any) -> Expr:
    """A point's coordinate as an exact number (a float or mpf by its binary value)."""
    if isinstance(v, sympy.Basic):
        return v
    if isinstance(v, float):
        return sympy.Rational(v)
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    return (-1) ** int(sign) * sympy.Integer(int(man)) * sympy.Integer(2) ** int(exp)


def _mp(v: Expr) -> Any:
    """An exact number at the working precision."""
    if v.is_Rational:
        return mpmath.mpf(int(v.p)) / int(v.q)
    return mpmath.mpf(sympy.N(v, mpmath.mp.dps + 10)._mpf_)


def _confirm(lhs: Expr, rhs: Expr, g: Expr, sense: int, strict: bool,
             pt: dict[Symbol, Expr]) -> tuple[str, Any, Any, Any]:
    """At an exact point: ('false', lhs, rhs, margin) where the margin is negative at 50 digits and
    the same at twice that (or 0, proved, for a strict relation); ('true', …) where it is positive
    (or 0 for a non-strict one); ('unsettled', …) otherwise."""
    from ..sampling import beyond, digits_at
    from .enclosure import _exact_zero
    from .pointwise import _compile

    names = {s.name: v for s, v in pt.items()}
    syms = list(pt)
    need = digits_at([lhs, rhs], syms)({s.name: float(v) for s, v in pt.items()})
    if beyond(need):  # 1 − Φ(170) is 0 at every precision reached: interval arithmetic decides, or nothing
        from .enclosure import sign_at

        if sign_at(g, pt) != -1:  # the margin g (positive where the relation holds) certified negative
            return "unsettled", None, None, None
    dps = CONFIRM_DIGITS + need
    fl, nl = _compile(lhs)
    fr, nr = _compile(rhs)
    vals = []
    for k in (dps, 2 * dps):
        with mpmath.workdps(k):
            try:
                a = fl(*[_mp(names[n]) for n in nl])
                b = fr(*[_mp(names[n]) for n in nr])
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return "unsettled", None, None, None
            if a is None or b is None or isinstance(a, mpmath.mpc) or isinstance(b, mpmath.mpc) \
                    or not (mpmath.isfinite(a) and mpmath.isfinite(b)):
                return "unsettled", None, None, None
            vals.append((+a, +b, a - b))
    (a1, b1, d1), (a2, b2, d2) = vals
    m1, m2 = (d1, d2) if sense > 0 else (-d1, -d2)
    scale = max(abs(a2), abs(b2), mpmath.mpf(1))
    if m1 < 0 and m2 < 0 and abs(m1 - m2) <= mpmath.mpf(10) ** -6 * abs(m2):
        return "false", a2, b2, m2
    if abs(m2) <= mpmath.mpf(10) ** -(dps - 5) * scale:
        if strict and _exact_zero(g.xreplace(pt)):
            return "false", a2, b2, mpmath.mpf(0)
        return "unsettled", a2, b2, m2
    if m1 > 0 and m2 > 0:
        return "true", a2, b2, m2
    return "unsettled", a2, b2, m2


def _shown_point(pt: dict[Symbol, Expr]) -> dict[str, str]:
    out = {}
    for s, v in pt.items():
        out[s.name] = str(v) if (v.is_Rational and v.q < 10**6) or not v.is_Rational else \
            mpmath.nstr(mpmath.mpf(v.p) / v.q, 20)
    return out


def _counterexample(pt: dict[Symbol, Expr], a: Any, b: Any, m: Any) -> dict[str, str]:
    ce = _shown_point(pt)
    with mpmath.workdps(30):
        ce.update({"lhs": mpmath.nstr(a, 20), "rhs": mpmath.nstr(b, 20),
                   "difference": "0 (exactly)" if m == 0 else mpmath.nstr(a - b, 6)})
    return ce


def _snaps(t: float) -> list[Expr]:
    """Simple exact numbers near t (a strict relation may be an equality exactly there)."""
    out = []
    for q in (1, 2, 3, 4, 5, 8, 10, 100):
        r = sympy.Rational(round(t * q), q)
        if abs(float(r) - t) < 1e-6 * max(1.0, abs(t)) and r not in out:
            out.append(r)
    return out


def _refined_min(g: Expr, v: Symbol, starts: list[dict[Symbol, Any]],
                 dom: dict[Symbol, sympy.Set]) -> list[dict[Symbol, Any]]:
    """Interior minima of g located at 50 digits by Newton's method on g' from the float ones (a
    float minimiser locates a minimum only to about 10^-8, its margin to 10^-16)."""
    from .pointwise import _compile

    out: list[dict[Symbol, Any]] = []
    try:
        f1, _ = _compile(sympy.diff(g, v))
    except Exception:  # noqa: BLE001 - no derivative to follow: the float points stand
        return out
    for p in starts:
        x0 = float(p[v])
        with mpmath.workdps(CONFIRM_DIGITS):
            try:
                r = mpmath.findroot(lambda t: f1(t), mpmath.mpf(x0), tol=mpmath.mpf(10) ** -(CONFIRM_DIGITS - 8))
            except (ValueError, ZeroDivisionError, TypeError, OverflowError):
                continue
            if isinstance(r, mpmath.mpf) and abs(r - x0) < 1e-3 * (1 + abs(x0)):
                pt = {v: _exact(r)}
                if _in_domain(pt, dom):
                    out.append(pt)
    return out


def _in_domain(pt: dict[Symbol, Any], dom: dict[Symbol, sympy.Set]) -> bool:
    for s, v in pt.items():
        S = dom.get(s, sympy.S.Reals)
        if S is sympy.S.Reals:
            continue
        inside = _in_interval(v, S)
        if inside is None:
            inside = S.contains(_exact(v)) is sympy.true
        if not inside:
            return False
    return True


def _in_interval(v: Any, S: sympy.Set) -> bool | None:
    """Whether v is in the interval S, by floats where v is clearly inside or outside (a random box
    of 4,000 points is not 4,000 SymPy set memberships); None where SymPy must decide (near an end)."""
    if not isinstance(S, sympy.Interval):
        return None
    try:
        t = float(v)
    except (TypeError, ValueError):
        return None
    for end, lower in ((S.start, True), (S.end, False)):
        if end in (sympy.oo, -sympy.oo):
            continue
        e = float(end)
        if abs(t - e) <= 1e-9 * max(1.0, abs(e)):
            return None
        if (t < e) if lower else (t > e):
            return False
    return True


def _grid_candidates(g: Expr, fm: Any, syms: list[Symbol], dom: dict[Symbol, sympy.Set], deadline: float,
                     out: _Search, notes: list[str]) -> tuple[list[dict[Symbol, Any]], list[dict[Symbol, Any]], int]:
    """(the lowest points of a grid and their local minimisations, the domain's closed ends, how
    many minimisations) for one variable; a random box and Nelder–Mead for several."""
    import numpy as np
    import numpy.typing as npt
    from scipy.optimize import minimize, minimize_scalar

    from .pointwise import _compile

    cands: list[dict[Symbol, Any]] = []
    ends: list[dict[Symbol, Any]] = []
    refined = 0
    if len(syms) == 1:
        (v,) = syms
        for I in _intervals(dom[v]):
            lo = max(float(I.start), -GRID_RADIUS) if I.start != -sympy.oo else -GRID_RADIUS
            hi = min(float(I.end), GRID_RADIUS) if I.end != sympy.oo else GRID_RADIUS
            if I.start != -sympy.oo and float(I.start) > GRID_RADIUS:
                lo, hi = float(I.start), float(I.start) + 2 * GRID_RADIUS if I.end == sympy.oo else float(I.end)
            if I.end != sympy.oo and float(I.end) < -GRID_RADIUS:
                lo, hi = float(I.end) - 2 * GRID_RADIUS if I.start == -sympy.oo else float(I.start), float(I.end)
            if lo > hi:
                continue
            xs = np.linspace(lo, hi, GRID_POINTS)
            for end, opened in ((I.start, I.left_open), (I.end, I.right_open)):
                if end.is_finite and not opened:
                    ends.append({v: end})
            if I.left_open:
                xs = xs[xs > lo]
            if I.right_open:
                xs = xs[xs < hi]
            far_parts = []  # beyond the grid, out to 10^6: log-spaced (a bump at x = 157 is seen)
            if hi >= GRID_RADIUS and (I.end == sympy.oo or float(I.end) > hi):
                top = FAR_RADIUS if I.end == sympy.oo else min(float(I.end), FAR_RADIUS)
                far_parts.append(np.geomspace(max(hi, 1.0), top, FAR_POINTS)[1:])
            if lo <= -GRID_RADIUS and (I.start == -sympy.oo or float(I.start) < lo):
                bottom = FAR_RADIUS if I.start == -sympy.oo else min(-float(I.start), FAR_RADIUS)
                far_parts.append(-np.geomspace(max(-lo, 1.0), bottom, FAR_POINTS)[1:])
            if far_parts:
                xs = np.sort(np.concatenate([xs, *far_parts]))
            notes.append(f"a grid of {len(xs)} points on [{lo:g}, {hi:g}]"
                         + (f" and log-spaced beyond it out to |x| = {FAR_RADIUS:g}" if far_parts else ""))
            if fm is None or not len(xs):
                continue
            ys = fm(xs)
            out.grid += int(np.isfinite(ys).sum())
            bad = np.flatnonzero(~np.isfinite(ys))
            if len(bad):  # where a float overflows (softplus at 10^6), mpmath at 30 digits, 200 of them
                fg, _ = _compile(g)
                pick = bad[np.linspace(0, len(bad) - 1, min(len(bad), 200)).astype(int)]
                for i in pick:
                    with mpmath.workdps(30):
                        try:
                            y = fg(mpmath.mpf(float(xs[i])))
                        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                            y = None
                    if y is None or isinstance(y, mpmath.mpc) or not mpmath.isfinite(y):
                        continue
                    out.grid += 1
                    if y > 0:
                        out.holds_somewhere = True
                    if not y > mpmath.mpf(10) ** -7:
                        cands.append({v: float(xs[i])})
                out.undefined += len(bad) - len(pick)
            ys = np.where(np.isfinite(ys), ys, np.inf)
            if np.any(ys > 0):
                out.holds_somewhere = True
            # the lowest local minima of the grid, each refined within its two cells
            idx = [i for i in range(len(xs)) if ys[i] <= ys[max(i - 1, 0)] and ys[i] <= ys[min(i + 1, len(xs) - 1)]]
            idx = sorted(idx, key=lambda i: ys[i])[:10] + [int(b) for b in np.argsort(ys)[:3]]
            for i in dict.fromkeys(idx):
                a_, b_ = xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]
                cands.append({v: float(xs[i])})
                if time.monotonic() > deadline:
                    out.complete = False
                    break
                try:
                    r = minimize_scalar(lambda t: float(fm(np.array([t]))[0]), bounds=(a_, b_), method="bounded",
                                        options={"xatol": 1e-13})
                    if np.isfinite(r.fun):
                        cands.append({v: float(r.x)})
                        refined += 1
                except (ValueError, FloatingPointError):
                    pass
        return cands, ends, refined
    rng = np.random.default_rng(17)  # several variables: random points in a box, Nelder–Mead from the lowest
    box = rng.uniform(-10, 10, size=(4000, len(syms)))
    box[:1000] *= 0.2
    box[1000:1400] *= 10
    pts_box = [dict(zip(syms, row)) for row in box]
    pts_box = [p for p in pts_box if _in_domain(p, dom)]
    if fm is None or not pts_box:
        return cands, ends, refined
    cols = [np.array([p[s] for p in pts_box]) for s in syms]
    ys = fm(*cols)
    out.grid += int(np.isfinite(ys).sum())
    out.undefined += int((~np.isfinite(ys)).sum())
    ys = np.where(np.isfinite(ys), ys, np.inf)
    if np.any(ys > 0):
        out.holds_somewhere = True
    notes.append(f"{len(pts_box)} random points in [-100, 100]^{len(syms)}, most within [-10, 10]")

    def at(p: npt.NDArray[np.float64]) -> float:
        return float(fm(*[np.array([t]) for t in p])[0])

    for i in np.argsort(ys)[:10]:
        st = pts_box[int(i)]
        cands.append(st)
        if time.monotonic() > deadline:
            out.complete = False
            break
        try:
            res = minimize(at, [st[s] for s in syms],
                           method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-15, "maxiter": 600})
        except (ValueError, FloatingPointError):
            continue
        cand = dict(zip(syms, (float(t) for t in res.x)))
        if np.isfinite(res.fun) and all(abs(t) <= FAR_RADIUS for t in res.x) and _in_domain(cand, dom):
            cands.append(cand)
            refined += 1
    return cands, ends, refined


def _search(lhs: Expr, rhs: Expr, g: Expr, sense: int, strict: bool, syms: list[Symbol],
            dom: dict[Symbol, sympy.Set], deadline: float) -> _Search:
    """Look for a point where g < 0 (or g <= 0 for a strict relation), and confirm each candidate
    exactly: a grid (a random box for several variables) and local minimisations of the margin.
    :func:`_search_more` goes on with the points of :func:`glusym.sampling.cover`. ``complete`` is
    False where the deadline cut the search short (then nothing may be concluded from it)."""
    import numpy as np

    out = _Search()
    fm = _float_margin(g, syms)
    cands, ends, refined = _grid_candidates(g, fm, syms, dom, deadline, out, out.notes)
    if refined:
        out.notes.append(f"{refined} local minimisations of the margin")

    def fmargin(p: dict[Symbol, Any]) -> float:
        if fm is None:
            return float("nan")
        return float(fm(*[np.array([float(p[s])]) for s in syms])[0])

    # the candidates worth confirming exactly: the lowest few, and every one whose float margin is
    # not clearly positive (a violation, or an equality, may be there)
    rated = sorted(((fmargin(p), k, p) for k, p in enumerate(cands)),
                   key=lambda t: (t[0] if t[0] == t[0] else -1e300, t[1]))
    keep = [p for k, (y, _, p) in enumerate(rated) if k < 4 or not (y > 1e-7)]
    if len(syms) == 1 and strict:  # an interior minimum near 0, located at 50 digits
        keep.extend(_refined_min(g, syms[0], [p for y, _, p in rated[:3] if y == y and y < 1e-6], dom))
    interior = {id(c) for c in keep}
    first = list(keep) + ends
    if len(syms) == 1:
        (v,) = syms
        first += [{v: r} for p in keep for r in _snaps(float(p[v]))]
    _confirm_all(lhs, rhs, g, sense, strict, first, dom, deadline, out, interior, out.best)
    _finish(out)
    return out


def _search_more(out: _Search, lhs: Expr, rhs: Expr, g: Expr, sense: int, strict: bool, syms: list[Symbol],
                 dom: dict[Symbol, sympy.Set], deadline: float) -> _Search:
    """The search's second round: the points that cover the two sides (both sides of every
    breakpoint, where each exponential turns, far out), each at 30 digits, the lowest exactly."""
    from ..sampling import cover
    from .pointwise import _compile

    if out.counterexample is not None:
        return out
    if time.monotonic() >= deadline:
        out.complete = False
        return out
    pts, where = cover([_floated(lhs), _floated(rhs)], syms, seed=len(syms) * 7919 + 3)
    out.notes.insert(0, where)
    fg, ng = _compile(g)
    by_name = {s.name: s for s in syms}
    scored: list[tuple[Any, dict[Symbol, Any]]] = []
    for p in ({s: q[s.name] for s in syms} for q in pts):
        if time.monotonic() > deadline:
            out.complete = False
            break
        if not _in_domain(p, dom):
            continue
        with mpmath.workdps(30):
            try:
                y = fg(*[_mp(_exact(p[by_name[n]])) for n in ng])
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                out.undefined += 1
                continue
        if y is None or isinstance(y, mpmath.mpc) or not mpmath.isfinite(y):
            out.undefined += 1
            continue
        out.used += 1
        scored.append((y, p))
        if y > 0:
            out.holds_somewhere = True
    scored.sort(key=lambda t: t[0])
    second = [p for y, p in scored if not (y > mpmath.mpf(10) ** -20)] or [p for _, p in scored[:6]]
    second = second[:40] + [p for _, p in scored[:6]] + _critical_points(g, syms, deadline, out)
    _confirm_all(lhs, rhs, g, sense, strict, second, dom, deadline, out, set(), out.best)
    _finish(out)
    return out


def _critical_points(g: Expr, syms: list[Symbol], deadline: float, out: _Search) -> list[dict[Symbol, Any]]:
    """The margin's critical points by glusym's own analysis (:func:`glusym.analysis.extrema.extrema`:
    exact where SymPy solves g' = 0, else at 30 digits on [-20, 20]), as candidates, and a note of
    what it found: the search and the analysis must agree."""
    from ..analysis.extrema import extrema

    if len(syms) != 1 or time.monotonic() > deadline:
        return []
    seconds = max(min(1.5, (deadline - time.monotonic()) / 2), 0.05)
    start = time.monotonic()
    try:
        points = extrema(g, budget=seconds)
    except BudgetExceeded:
        if time.monotonic() - start < seconds - 1e-3:
            raise  # the link's own budget ran out, not the analysis's
        return []
    except Exception:  # noqa: BLE001 - an analysis that cannot run adds no candidate
        return []
    (v,) = syms
    found = [{v: p.at[0][1]} for p in points if p.at and p.at[0][1].is_real]
    minima = [p for p in points if p.kind == "minimum"]
    if minima:
        least = min(minima, key=lambda p: float(p.value))
        out.notes.append(f"glusym's extrema of the margin: {len(minima)} local minimum(s), the least "
                         f"{sympy.N(least.value, 6)} at {v} = {sympy.N(least.at[0][1], 8)}")
    return found


def _finish(out: _Search) -> None:
    if out.best[0] is not None:
        out.smallest, out.at = out.best[0][0], _shown_point(out.best[0][1])
    out.where = "; ".join(n for n in out.notes if n)


def _confirm_all(lhs: Expr, rhs: Expr, g: Expr, sense: int, strict: bool, points: list[dict[Symbol, Any]],
                 dom: dict[Symbol, sympy.Set], deadline: float, out: _Search, interior: set[int],
                 best: list[Any]) -> bool:
    """Confirm candidates exactly; True (with ``out.counterexample`` set) at the first false one."""
    seen: set[tuple[Any, ...]] = set()
    for p in points:
        if time.monotonic() > deadline:
            out.complete = False
            return False
        exact = {s: _exact(val) for s, val in p.items()}
        key = tuple(exact.values())
        if key in seen or not _in_domain(exact, dom):
            continue
        seen.add(key)
        state, a, b, m = _confirm(lhs, rhs, g, sense, strict, exact)
        if state == "false":
            for q in (1, 2, 10, 100, 1000):  # a simpler point nearby, where the relation is as false
                simple = {s: sympy.Rational(round(float(t) * q), q) for s, t in exact.items()}
                if simple == exact or not _in_domain(simple, dom):
                    continue
                st = _confirm(lhs, rhs, g, sense, strict, simple)
                if st[0] == "false" and (st[3] <= m / 2 if m < 0 else st[3] == 0):
                    exact, a, b, m = simple, st[1], st[2], st[3]
                    break
            out.counterexample = _counterexample(exact, a, b, m)
            out.equality = m == 0
            out.why = ("equality at this point (SymPy proves the margin 0), where the relation is strict"
                       if m == 0 else f"false at this point, confirmed at {CONFIRM_DIGITS} digits and at twice that")
            return True
        if state == "true":
            out.holds_somewhere = True
        if m is not None and (best[0] is None or m < best[0][0]):
            best[0] = (m, exact)
        if m is not None and strict and id(p) in interior and abs(m) <= NEAR_ZERO:
            out.near_zero = _shown_point(exact)
    return False


# ---------------------------------------------------------------------------------------------
# the certified proof for one variable


def _linear_boundaries(g: Expr, v: Symbol) -> tuple[list[Expr], bool]:
    """The breakpoints of g's Piecewise conditions that are linear in v, and whether every
    condition is (else the other Piecewise are taken branch by branch)."""
    pts: set[Expr] = set()
    linear = True
    for pw in g.atoms(Piecewise):
        for _, cond in pw.args:
            from ..analysis._common import _relationals

            for rel in _relationals(cond):
                d = rel.lhs - rel.rhs
                if not d.has(v):
                    continue
                if d.is_polynomial(v) and sympy.degree(d, v) == 1:
                    a, b = sympy.Poly(d, v).all_coeffs()
                    root = sympy.nsimplify(-b / a) if not (-b / a).is_Rational else -b / a
                    if root.is_real:
                        pts.add(-b / a)
                else:
                    linear = False
    return sorted(pts, key=lambda t: float(t)), linear


def _certified(g: Expr, v: Symbol, S: sympy.Set, strict: bool, deadline: float) -> tuple[bool, str, Expr | None]:
    """(proved, how, an exact point where a strict relation is an equality)."""
    from ..analysis._common import select_branches, to_piecewise
    from .enclosure import certify

    full = to_piecewise(g)
    bps, linear = _linear_boundaries(full, v)
    if not linear:  # branches of nonlinear conditions (|tanh x|): each branch proved on the whole line
        forms = _cases(g)
        if forms is None:
            return False, "", None
    else:
        forms = [full]
    how: set[str] = set()
    boxes, radius = 0, 0
    for I in _intervals(S):
        inner = [b for b in bps if I.contains(b) is sympy.true and b not in (I.start, I.end)]
        edges = [I.start, *inner, I.end]
        ends_at = [b for b in bps if I.contains(b) is sympy.true and b in (I.start, I.end)]
        for b in inner + ends_at:  # a breakpoint is decided exactly with the formula's own value there
            s = _number_sign(full.xreplace({v: b}))
            if s is None or s < 0:
                return False, "", None
            if s == 0 and strict:
                return False, "", b
        if inner or ends_at:
            how.add("the breakpoints decided exactly")
        for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
            # a closed end of the domain is the branch's too, unless it is a breakpoint (decided above)
            lo_in = k == 0 and not I.left_open and lo.is_finite and lo not in ends_at
            hi_in = k == len(edges) - 2 and not I.right_open and hi.is_finite and hi not in ends_at
            from ..analysis._common import inside

            for form in forms:
                branch = form
                if form.has(Piecewise):
                    try:
                        branch = select_branches(form, {v: inside(lo, hi)})
                    except Exception:  # noqa: BLE001 - a branch SymPy cannot select: no proof
                        return False, "", None
                c = certify(branch, v, lo, hi, strict, lo_in, hi_in, deadline)
                boxes += c.boxes
                radius = max(radius, c.radius)
                if c.witness is not None and not (len(forms) > 1):
                    return False, "", c.witness
                if not c.proved:
                    return False, "", None
                how.update(c.how)
    return True, _how(how, boxes, radius, len(forms)), None


def _how(how: set[str], boxes: int, radius: int, cases: int) -> str:
    """The proof of :func:`_certified` in words."""
    tests = [t for t in ("monotonicity", "convexity", "concavity") if t in how]
    out = f"interval arithmetic (mpmath.iv) on {boxes} sub-interval(s)"
    if radius:
        out += f" of the part within |x| ≤ {radius}"
    if tests:
        out += " with " + " and ".join(tests) + " tests"
    if "the critical point solved exactly" in how:
        out += ", the critical point solved exactly by SymPy and the value there decided exactly"
    if "the breakpoints decided exactly" in how:
        out += ", the breakpoints decided exactly"
    if "the order of contact at a zero" in how:
        out += ", a zero's order of contact (the first derivative not 0 there)"
    if "the open ends as tails (x = a ± 1/t)" in how:
        out += ", the open ends a of the domain as tails in t (x = a ± 1/t)"
    if radius:
        tail = []
        if "interval arithmetic on the tails" in how:
            tail.append("enclosures")
        if "a sign argument on the tails" in how:
            tail.append("a sign argument (SymPy's assumptions for x = ±R ± t, t > 0)")
        if "monotonicity on the tails" in how:
            tail.append("the sign of the derivative" + (" (from higher derivatives)" if
                                                        "higher derivatives on the tails" in how else ""))
        if "limits at ±∞ (SymPy)" in how:
            tail.append("SymPy's limits at ±∞")
        out += f"; beyond ±{radius}: " + ", ".join(tail or ["enclosures"])
    if cases > 1:
        out += f"; each of {cases} branch combinations"
    return out


# ---------------------------------------------------------------------------------------------
# the verdicts


def _number_relation(d: Expr, op: str) -> Judgement:
    sign = _number_sign(d)
    if sign is None:
        return Verdict.UNKNOWN, "cannot decide the sign of the difference (it may be 0)", None
    ok = {"<": sign < 0, ">": sign > 0, "<=": sign <= 0, ">=": sign >= 0}[op]
    shown = "0 exactly" if sign == 0 else str(sympy.N(d, 15))
    return (Verdict.HOLDS if ok else Verdict.FAILS), f"the difference is {shown}", None


def judge_inequality(lhs: Any, rhs: Any, op: str, domain: Any = None, deadline: float | None = None,
                     plain: bool = False) -> Judgement:
    """(verdict, reason, counterexample) for ``lhs op rhs`` (op one of <, >, <=, >=), for every
    real value of its variables or on ``domain``. ``plain``: the formula names no function (so a
    relation true only on a region is a condition, not a claim)."""
    deadline = time.monotonic() + 5.0 if deadline is None else deadline
    L, R = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    d = L - R
    if not d.free_symbols:
        return _number_relation(d, op)
    if is_condition(L, R):
        return Verdict.NO_CLAIM, "a condition on its variables", None
    plain = plain and _function_free(L) and _function_free(R)
    strict = op in ("<", ">")
    g = d if op in (">", ">=") else -d
    syms = sorted(d.free_symbols, key=lambda s: s.name)
    try:
        dom = domains(domain, syms)
    except ValueError as exc:
        return Verdict.UNKNOWN, str(exc), None
    on = _shown_domain(dom)
    proof = _sign_argument(g, strict, syms, dom, deadline)
    if proof is not None:
        return Verdict.HOLDS, f"proved {on}: {proof}", None
    sense = 1 if op in (">", ">=") else -1

    def failed(search: _Search) -> Judgement | None:
        if search.counterexample is None:
            return None
        if plain and search.holds_somewhere and not search.equality:
            return Verdict.NO_CLAIM, ("a condition on its variables: it names no function and is true for some values, "
                                "false for others"), None
        return Verdict.FAILS, f"{search.why} ({on})", search.counterexample

    search = _search(L, R, g, sense, strict, syms, dom, time.monotonic() + 0.3 * max(deadline - time.monotonic(), 0.0))
    if (got := failed(search)) is not None:
        return got
    if len(syms) == 1:  # the proof, before the second round of the search (which a proof makes unneeded)
        try:
            proved, how, witness = _certified(g, syms[0], dom[syms[0]], strict,
                                              time.monotonic() + 0.8 * max(deadline - time.monotonic(), 0.0))
        except BudgetExceeded:
            raise  # the link's budget: the link stops
        except Exception as exc:  # noqa: BLE001 - a proof that breaks proves nothing
            proved, how, witness = False, f"({type(exc).__name__})", None
        if witness is not None:
            pt = {syms[0]: witness}
            with mpmath.workdps(40):
                a, b = sympy.N(L.xreplace(pt), 20), sympy.N(R.xreplace(pt), 20)
            ce = {syms[0].name: str(witness), "lhs": str(a), "rhs": str(b), "difference": "0 (exactly)"}
            return Verdict.FAILS, ("equality at an exact point (SymPy proves the margin 0), where the relation is "
                             f"strict ({on})"), ce
        if proved:
            return Verdict.HOLDS, f"proved {on}: {how}", None
    search = _search_more(search, L, R, g, sense, strict, syms, dom, deadline)
    if (got := failed(search)) is not None:
        return got
    if not search.complete:
        return Verdict.UNKNOWN, "no proof, and the search for a counterexample ran out of time", None
    if search.used + search.grid < 100 or search.grid < 100:
        return Verdict.UNKNOWN, (f"no proof, and the search evaluated the margin at only {search.used} sampled and "
                           f"{search.grid} grid points"), None
    if search.near_zero is not None:
        shown = ", ".join(f"{k} = {v}" for k, v in search.near_zero.items())
        return Verdict.UNKNOWN, (f"no proof; the margin comes within 10^-25 of 0 at {shown}, an interior minimum: the "
                           f"strict relation may be an equality there, which could not be proved or excluded"), None
    smallest = mpmath.nstr(search.smallest, 6) if search.smallest is not None else "?"
    at = ", ".join(f"{k} = {v}" for k, v in search.at.items())
    return Verdict.HOLDS_NUMERICALLY, (
        f"no proof reached; true at {search.used + search.grid} points {on} ({search.where}), the smallest margin "
        f"{'rhs − lhs' if op in ('<', '<=') else 'lhs − rhs'} = {smallest} at {at}, candidates checked at "
        f"{CONFIRM_DIGITS} digits and again at twice that"
        + (f"; {search.undefined} point(s) where a side has no real value (or overflows a float) left out"
           if search.undefined else "")), None


def judge_membership(expr: Any, S: sympy.Set, domain: Any = None, deadline: float | None = None,
                     plain: bool = False) -> Judgement:
    r"""``expr \in S`` for an interval S (ends open or closed, finite or not) or a product of
    intervals (``[0, \infty)^n``: each coordinate; a tuple or matrix expression coordinate by
    coordinate, a scalar one, standing for every coordinate of a vector, against the one factor),
    judged as the pair of inequalities with the rules of :func:`judge_inequality`."""
    deadline = time.monotonic() + 5.0 if deadline is None else deadline
    e = to_sympy(expr, "the element")
    if isinstance(S, sympy.ProductSet) or (isinstance(S, sympy.Set) and S.is_ProductSet):
        factors = list(S.sets)
        if isinstance(e, (sympy.Tuple, sympy.MatrixBase)):
            items = list(e)
            if len(items) != len(factors):
                return Verdict.FAILS, f"{len(items)} coordinates against a product of {len(factors)} sets", None
        elif all(f == factors[0] for f in factors):
            items, factors = [e], factors[:1]
        else:
            return Verdict.UNKNOWN, "a scalar against a product of different sets", None
        results = []
        for k, (item, F) in enumerate(zip(items, factors)):
            results.append(judge_membership(item, F, domain, deadline, plain))
        return _combine([(f"coordinate {k + 1}" if len(items) > 1 else "each coordinate", r)
                         for k, r in enumerate(results)])
    if not isinstance(S, sympy.Interval):
        return Verdict.UNKNOWN, f"membership in {S} is not judged (an interval or a product of intervals is)", None
    if is_condition(e, S.start if S.start.is_finite else S.end) and \
            all(not b.free_symbols for b in (S.start, S.end) if b.is_finite):
        if isinstance(e, Symbol):
            return Verdict.NO_CLAIM, "a condition on its variables", None
    parts = []
    if S.start != -sympy.oo:
        parts.append(("lower end", judge_inequality(e, S.start, ">" if S.left_open else ">=", domain, deadline, plain)))
    if S.end != sympy.oo:
        parts.append(("upper end", judge_inequality(e, S.end, "<" if S.right_open else "<=", domain, deadline, plain)))
    if not parts:
        return Verdict.HOLDS, "every real number is in (−∞, ∞)", None
    return _combine(parts)


def _combine(parts: list[tuple[str, Judgement]]) -> Judgement:
    """The verdict of several relations that must all hold: the first that fails, else the
    weakest; a part that is no claim (a condition) beside parts that are claims leaves the whole
    unknown, never true."""
    kinds = [r[0] for _, r in parts]
    if all(k == Verdict.NO_CLAIM for k in kinds):
        return parts[0][1]
    for v in (Verdict.FAILS, Verdict.UNPARSED, Verdict.UNKNOWN, Verdict.NO_CLAIM, Verdict.HOLDS_NUMERICALLY):
        hit = [(name, r) for name, r in parts if r[0] == v]
        if hit:
            name, r = hit[0]
            others = "; ".join(f"{n}: {r2[0]}" for n, r2 in parts if n != name)
            verdict = Verdict.UNKNOWN if v == Verdict.NO_CLAIM else v
            return verdict, f"{name}: {r[0]}, {r[1]}" + (f" ({others})" if others else ""), r[2]
    return Verdict.HOLDS, "; ".join(f"{n}: {r[1]}" for n, r in parts), None


# ---------------------------------------------------------------------------------------------
# what today's reader does not give: "a \in [b, c)", "\in (0, 1)", "\in [0, \infty)^{n}"


def _top_level(tex: str, word: str) -> int:
    """The index of a command (``\\in``) outside every brace, bracket and parenthesis, or -1."""
    depth = 0
    i = 0
    while i < len(tex):
        c = tex[i]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c == "\\":
            if depth == 0 and tex.startswith(word, i) and not tex[i + len(word):i + len(word) + 1].isalpha():
                return i
            i += 2
            while i < len(tex) and tex[i].isalpha():
                i += 1
            continue
        i += 1
    return -1


def split_membership(tex: str) -> tuple[str, str, sympy.Set] | None:
    r"""``a \in I`` read as (a's LaTeX, I's LaTeX, I) for an interval I (``[b, c]``, ``(0, 1)``,
    ``[0, \infty)``, with ``\left``/``\right``) or a power of one (``[0, \infty)^{n}``, each
    coordinate); None where the formula is not that. The ends are read by
    :func:`glusym.parsing.parse_latex` (no text is evaluated).

    >>> split_membership(r"\sigma(x) \in (0, 1)")
    ('\\sigma(x)', '(0, 1)', Interval.open(0, 1))
    >>> split_membership(r"\text{ReLU}(\mathbf{x}) \in [0,\infty)^{n}")[2]
    ProductSet(Interval(0, oo), Interval(0, oo))
    """
    from ..parsing import LatexParseError, parse_latex

    s = tex.strip().rstrip(".,").strip()
    k = _top_level(s, "\\in")
    if k < 0:
        return None
    left, right = s[:k].strip(), s[k + 3:].strip()
    right_tex = right
    right = right.replace("\\left", "").replace("\\right", "").strip()
    m = re.match(r"^([\[(])(.*)([\])])\s*(?:\^\s*\{?\s*([A-Za-z0-9]+)\s*\}?)?\s*$", right, re.S)
    if not m or not left:
        return None
    body = m.group(2)
    depth, cut = 0, -1
    for i, c in enumerate(body):
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c == "," and depth == 0:
            if cut >= 0:
                return None
            cut = i
    if cut < 0:
        return None
    try:
        a, b = parse_latex(body[:cut].strip()), parse_latex(body[cut + 1:].strip())
    except (LatexParseError, RecursionError):
        return None
    if not all(isinstance(e, sympy.Expr) and e.is_number for e in (a, b)):
        return None
    try:
        interval = sympy.Interval(a, b, m.group(1) == "(", m.group(3) == ")")
    except (TypeError, ValueError):
        return None
    if not isinstance(interval, sympy.Interval):
        return None
    power = m.group(4)
    if power:  # each coordinate: a product of two copies stands for the power (judged as one factor)
        return left, right_tex, sympy.ProductSet(interval, interval)
    return left, right_tex, interval

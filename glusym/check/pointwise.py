"""The numerical comparison of two sides on a sample built for the formula (see glusym.sampling)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
import mpmath
import sympy
from sympy import Expr, Piecewise, Symbol
from sympy.logic.boolalg import Boolean

from ..errors import GlusymError
from ..functions import elementary
from ..sampling import admissible
from .zero import _linear_in_one


def _compile(expr: Expr) -> tuple[Any, list[str]]:
    """The mpmath function of an expression, guarded by a float64 pre-evaluation: a point where
    a tower of exponentials overflows a double (x^(x^(x^x))) is skipped before mpmath tries to
    build a number with billions of digits. A single exponential that overflows a double
    (softplus at 10^6) is left to mpmath, whose exponents have no bound."""
    from ..analysis._common import lambdify, to_piecewise
    from ..numeric import to_mpmath

    f = to_mpmath(expr)
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    names = [s.name for s in syms]
    code = elementary(to_piecewise(expr))
    tower = _tower(code) > 1
    try:
        guard = lambdify(syms, code, modules="math")
    except (TypeError, KeyError, NameError, ValueError, GlusymError):
        guard = None

    def safe(*args: Any) -> Any:
        if guard is not None:
            try:
                g = guard(*[float(a) for a in args])
            except (OverflowError, ZeroDivisionError):
                if tower:
                    return None
            except (ValueError, TypeError, NameError, AttributeError):
                pass  # a domain error or a function math lacks: mpmath decides
            else:
                if isinstance(g, float) and (g != g or g in (float("inf"), float("-inf"))) and tower:
                    return None
        return f(*args)

    return safe, names


def _tower(e: Any) -> int:
    """How deep exponentials with a variable exponent nest (e^{e^x}: 2; x^x: 1; x^3: 0)."""
    if not isinstance(e, sympy.Basic) or not e.free_symbols:
        return 0
    inner = max((_tower(a) for a in e.args), default=0)
    if isinstance(e, sympy.exp) or (isinstance(e, sympy.Pow) and e.exp.free_symbols):
        return inner + 1
    return inner


@dataclass(frozen=True)
class _Numeric:
    """The numerical test's outcome: ``agree``, ``differ`` or ``few`` (too few points settled)."""

    state: str
    counterexample: dict[str, str] | None
    used: int
    where: str
    digits: tuple[int, int]
    unsettled: int = 0
    why: str = "the two sides differ at a point"


def _definedness(f: Any, names: list[str], pt: dict[str, Any]) -> str:
    """'real', 'undefined' (no real value: an error, a complex number, nan or an infinity) or
    'skipped' (the float guard of :func:`_compile` declined the point)."""
    with mpmath.workdps(30):
        try:
            v = f(*[pt[n] for n in names])
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return "undefined"
    if v is None:
        return "skipped"
    if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
        return "undefined"
    return "real"


def _defined_on_one_side(fl: Any, nl: list[str], fr: Any, nr: list[str],
                         pt: dict[str, Any]) -> tuple[str, str] | None:
    """Where one side has a real value and the other has none, at the point and at two points
    beside it (so not at an isolated point such as 0/0 at x = 0): the two sides as shown."""
    shown = {"real": "a real number", "undefined": "no real value"}
    first = None
    for shift in (0, 1, -1):
        p = {n: v * (1 + shift * mpmath.mpf(10) ** -7) + shift * mpmath.mpf(10) ** -9 for n, v in pt.items()}
        a, b = _definedness(fl, nl, p), _definedness(fr, nr, p)
        if "skipped" in (a, b) or a == b:
            return None
        first = first or (shown[a], shown[b])
    return first


def _on_equations(lhs: Expr, rhs: Expr, syms: list[Symbol]) -> dict[str, str] | None:
    """A point on a set that a condition of the formula names by an equation (``1 & x_v = 0``),
    where the two sides differ and neither jumps across the set: a value changed on a line is no
    convention (the value at a jump is). The points are exact; the sides are evaluated by SymPy
    there and at 10^-12 to either side."""
    eqs = {q for e in (lhs, rhs) if isinstance(e, sympy.Basic) for pw in e.atoms(Piecewise)
           for _, c in pw.args if isinstance(c, Boolean) for q in c.atoms(sympy.Eq)}
    for q in list(eqs)[:6]:
        solved = _linear_in_one(q)
        if solved is None:
            continue
        v, value = solved
        for base in (sympy.Rational(7, 10), sympy.Rational(-19, 10), sympy.Rational(13, 10)):
            pt = {s: base for s in syms if s != v}
            at = value.xreplace(pt)
            if not at.is_Rational:
                continue
            pt[v] = at
            if not all(admissible(s, t) for s, t in pt.items()):
                continue  # a parameter outside its admissible values (alpha > 0)

            def val(e: Expr, shift: Expr = sympy.S.Zero) -> Any:
                got = e.xreplace({**pt, v: at + shift}).evalf(30)
                return got if got.is_real and got.is_finite else None

            a, b = val(lhs), val(rhs)
            if a is None or b is None or abs(a - b) <= sympy.Float("1e-20") * max(1, abs(a), abs(b)):
                continue
            delta = sympy.Rational(1, 10**12)
            jumps = False  # a side whose values on the two sides of the set differ: a convention there
            for e in (lhs, rhs):
                up, down = val(e, delta), val(e, -delta)
                if up is None or down is None or abs(up - down) > sympy.Float("1e-6") * (1 + abs(up)):
                    jumps = True
            if not jumps:
                out = {s.name: str(pt[s]) for s in syms}
                out.update({"lhs": str(sympy.N(a, 20)), "rhs": str(sympy.N(b, 20)),
                            "difference": str(sympy.N(a - b, 6))})
                return out
    return None


def _certified(lhs: Expr, rhs: Expr, syms: list[Symbol], pt: dict[str, Any]) -> bool:
    """Whether interval arithmetic shows the two sides different at the point (taken exactly):
    the evidence at a point beyond what the precision resolves (1 − Φ(170) is 0 at 600 digits)."""
    from ..sampling import exact_point
    from .enclosure import sign_at

    exact = exact_point(pt)
    return sign_at(lhs - rhs, {s: exact[s.name] for s in syms}) is not None


#: the values of the quick first pass of :func:`_numeric`: generic numbers of ordinary size (no
#: formula has a breakpoint or a special point at 47/64), of both signs
_QUICK = (0.734375, -1.390625, 2.171875, -0.421875, 1.09375, -2.640625)  # 47/64, …: exact in binary, shown whole


def _quick_points(syms: list[Symbol]) -> list[dict[str, Any]]:
    """Four points where every variable takes a generic value of ordinary size (each variable a
    different one), tried before the full sample: a false formula usually differs there already,
    and the sample of a formula in several variables takes seconds to build. A variable that is
    positive or negative by its assumptions (a parameter's domain) takes a value of that sign."""
    if not syms:
        return []

    def signed(s: Symbol, v: float) -> float:
        if s.is_positive or s.is_nonnegative:
            return abs(v)
        if s.is_negative or s.is_nonpositive:
            return -abs(v)
        return v

    with mpmath.workdps(40):
        return [{s.name: mpmath.mpf(signed(s, _QUICK[(k + 2 * i) % len(_QUICK)])) for i, s in enumerate(syms)}
                for k in range(4)]


def _shown(c: Any, pt: dict[str, Any], names: list[str]) -> dict[str, str]:
    """The counterexample of a comparison that differs: the point, both sides and the difference."""
    ce = {n: mpmath.nstr(pt[n], 20) for n in names}
    with mpmath.workdps(c.digits):
        show = 20 if abs(c.lhs - c.rhs) > mpmath.mpf(10) ** -15 * max(abs(c.lhs), abs(c.rhs)) \
            else min(c.digits, 80)
        ce.update({"lhs": mpmath.nstr(c.lhs, show), "rhs": mpmath.nstr(c.rhs, show),
                   "difference": mpmath.nstr(c.lhs - c.rhs, 6)})
    return ce


def _numeric(lhs: Expr, rhs: Expr, deadline: float) -> _Numeric:
    """Compare the two sides at points that cover both (:func:`glusym.sampling.cover`), each at
    a rising precision (:func:`glusym.sampling.compare`) that starts from the formula's numbers and
    the size of its exponentials at the point; a difference is confirmed again from twice the
    precision that found it. Four generic points (:func:`_quick_points`) come first: where the
    sides differ there, the sample is not built."""
    from ..sampling import MAX_DIGITS, beyond as out_of_reach, compare, cover, digits_at, start_digits

    fl, nl = _compile(lhs)
    fr, nr = _compile(rhs)
    syms = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    names = [s.name for s in syms]
    digits = start_digits([lhs, rhs])
    if start_digits([lhs, rhs], cap=False) > digits:  # constants smaller than any precision reached
        return _Numeric("few", None, 0, f"the formula's constants need more than {digits} digits", (digits, digits))
    need = digits_at([lhs, rhs], syms)
    # a quick first pass at generic points, with the same confirmation as the sample's points
    for k, pt in enumerate(_quick_points(syms)):
        if time.monotonic() > deadline:
            break
        c = compare(fl, nl, fr, nr, pt, digits + need(pt))
        if c.state == "differ" and compare(fl, nl, fr, nr, pt, 2 * c.digits).state == "differ":
            return _Numeric("differ", _shown(c, pt, names), k + 1, "generic points of ordinary size",
                            (digits, c.digits))
    pts, where = cover([lhs, rhs], syms, seed=len(names) * 7919 + 1)
    used = unsettled = beyond = undefined = 0
    top = digits
    for pt in pts:
        if time.monotonic() > deadline:
            break
        c = compare(fl, nl, fr, nr, pt, digits + need(pt))
        top = max(top, c.digits)
        if c.state == "undefined":
            side = _defined_on_one_side(fl, nl, fr, nr, pt)
            if side is not None:  # one side real, the other not, on a neighbourhood of the point
                ce = {n: mpmath.nstr(pt[n], 20) for n in names}
                ce.update({"lhs": side[0], "rhs": side[1]})
                return _Numeric("differ", ce, used + 1, where, (digits, c.digits), unsettled,
                                "the two sides are defined on different sets")
            undefined += 1
            continue
        if c.state == "differ" and out_of_reach(need(pt)) and not _certified(lhs, rhs, syms, pt):
            beyond += 1  # no precision reached resolves the point, nor does an enclosure: no evidence
            continue
        if c.state == "unsettled":
            if out_of_reach(need(pt)):  # exponentials beyond what the precision can resolve
                beyond += 1
            else:
                unsettled += 1
            continue
        if c.state == "differ":
            # confirmed at twice the precision and more: the same difference again
            again = compare(fl, nl, fr, nr, pt, 2 * c.digits)
            if again.state == "unsettled":
                unsettled += 1
                continue
            if again.state == "differ":
                return _Numeric("differ", _shown(c, pt, names), used + 1, where, (digits, c.digits), unsettled)
        used += 1
    on_line = _on_equations(lhs, rhs, syms)
    if on_line is not None:
        return _Numeric("differ", on_line, used + 1, where, (digits, digits), unsettled,
                        "the two sides differ on a set the formula names (an '=' condition), where "
                        "neither side jumps")
    enough = used >= min(20, len(pts)) and unsettled == 0
    if beyond:
        where += f"; {beyond} point(s) left out, their exponentials beyond {MAX_DIGITS} digits"
    if undefined:
        where += f"; {undefined} point(s) where a side has no real value left out"
    return _Numeric("agree" if enough else "few", None, used, where, (digits, top), unsettled)

"""Symbolic zero tests: exact numbers, polynomials, simplification, kinks and branches, witnesses of a nonzero."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy
from sympy import Expr, Piecewise, Symbol
from sympy.logic.boolalg import Boolean

from ..errors import GlusymError
from ..functions import elementary, to_sympy


def _is_zero(d: Expr) -> bool:
    return _simplified(d)[0]


def _simplified(d: Expr) -> tuple[bool, list[Expr]]:
    """(d simplifies to 0, the forms tried): expanded and cancelled, with exponentials, simplify."""
    if d == 0:
        return True, []
    d = elementary(d)
    if d == 0:
        return True, []
    forms: list[Expr] = []
    steps: tuple[Callable[[Expr], Expr], ...] = (
        lambda e: sympy.cancel(sympy.together(sympy.expand(e))),
        lambda e: sympy.cancel(sympy.together(sympy.expand(e.rewrite(sympy.exp)))),
        lambda e: sympy.simplify(e))
    for step in steps:
        try:
            e = step(d)
        except (NotImplementedError, sympy.PolynomialError, TypeError, ValueError):
            continue
        if e == 0:
            return True, forms
        if e.is_number and e.is_zero:
            return True, forms
        forms.append(e)
    return False, forms


def _nonzero_witness(forms: list[Expr]) -> dict[str, str] | None:
    """A point where a simplified difference is provably not 0: a nonzero number, a polynomial with
    a nonzero exact coefficient (at a point off its roots), or a form of one sign."""
    for e in forms:
        syms = sorted(e.free_symbols, key=lambda v: v.name)
        if not syms:
            if _number_zero(e) is False:
                out = {"difference": str(sympy.N(e.rewrite(sympy.erfc), 20))}
                if len(str(e)) <= 60:
                    out["exactly"] = str(e)
                return out
            continue
        if e.is_polynomial(*syms) and _poly_zero(e, syms) is False:
            found = _nonzero_at(e, syms)  # a point off the finitely many roots
            if found is not None:
                pt, val = found
                return {**{v.name: str(pt[v]) for v in syms}, "difference": str(sympy.N(val, 20))}
        sign = _one_sign(e)
        if sign is not None:
            out = {v.name: "any" for v in syms}
            out["difference"] = f"{e}, {sign} for every real value"
            return out
        const, rest = e.as_independent(*syms, as_Add=False)
        if const != 1 and rest.free_symbols and _number_zero(const) is False:
            # a nonzero constant factor (e^{-10^5}, Phi(-100)) too small for any precision: the
            # difference is 0 where the rest is, and the rest is of ordinary size
            found = _nonzero_at(rest, syms)
            if found is not None:
                pt, val = found
                return {**{v.name: str(pt[v]) for v in syms},
                        "difference": f"({sympy.N(const, 6)})·{sympy.N(val, 12)}"}
    return None


def _nonzero_at(e: Expr, syms: list[Symbol]) -> tuple[dict[Symbol, Expr], Expr] | None:
    """An exact point (k/7, (k+1)/7, …) where e is provably not 0, with e's value there."""
    for k in range(1, 40):  # a symbol that is negative by assumption at the opposite point
        pt = {v: sympy.Rational(k + i, 7) * (-1 if (v.is_negative or v.is_nonpositive) else 1)
              for i, v in enumerate(syms)}
        val = e.xreplace(pt)
        if val.is_number and _number_zero(val) is False:
            return pt, val
    return None


def _kink_free_zero(d: Expr, sides: tuple[Expr, Expr] | None = None) -> tuple[bool, str, dict[str, str] | None]:
    """Is d = 0 almost everywhere (branch by branch)? (proved, note on the kinks, a witness: a
    point where the difference is provably not 0, which makes the link fail).

    At a breakpoint the two sides may differ only where one of them jumps there (its value at
    a jump is a convention: H(0), ReLU'(0)); a side that is continuous beside the point but takes
    another value at it (a ``cases`` row ``1000 & x = 0``) is a real difference."""
    from ..analysis._common import boundaries, select_branches, to_piecewise

    d = to_piecewise(d)
    if not d.has(Piecewise):
        zero, forms = _simplified(d)
        return zero, "", (None if zero else _nonzero_witness([d, *forms]))
    syms = sorted(d.free_symbols, key=lambda s: s.name)
    if len(syms) != 1:
        return (*_branchwise_zero(sympy.piecewise_fold(d)), None)
    (v,) = syms
    try:
        bs = sorted(b for b in boundaries(d, v) if b.is_real)
    except GlusymError:
        return _is_zero(sympy.piecewise_fold(d)), "", None
    pts: list[Expr] = []
    if not bs:
        pts = [sympy.S.Zero]
    else:
        pts.append(bs[0] - 1)
        for a, b in zip(bs, bs[1:]):
            pts.append((a + b) / 2)
        pts.append(bs[-1] + 1)
    proved = True
    from ..sampling import admissible

    ends = [-sympy.oo, *bs, sympy.oo]
    for k, p in enumerate(pts):
        q = _admissible_in(v, ends[k], ends[k + 1]) if not admissible(v, p) else p
        if q is None:
            continue  # a piece where the variable has no admissible value (alpha > 0 and x < -1)
        try:
            branch = select_branches(d, {v: p})
        except GlusymError:
            return _is_zero(sympy.piecewise_fold(d)), "", None
        if not _is_zero(branch):
            proved = False
            p = q
            at_p = branch.xreplace({v: p})
            if at_p.is_number and _number_zero(at_p) is False:
                return False, "", {v.name: str(p), "difference": str(sympy.N(at_p, 20))}
            sign = _one_sign(branch)
            if sign is not None:  # SymPy's assumptions: the difference has one sign for every real v
                every = "admissible" if v.is_nonnegative or v.is_nonpositive else "real"
                return False, "", {v.name: str(p), "difference": f"{branch}, {sign} for every {every} {v}"}
    if not proved:
        return False, "", None
    off = [b for b in bs if admissible(v, b) and not _is_zero(d.subs(v, b))] if bs else []
    if sides is not None:
        for b in off:
            i = bs.index(b)
            left, right = pts[i], pts[i + 1]
            if not any(_jumps(side, v, b, left, right) for side in sides):
                vals = [str(sympy.N(to_sympy(side, "a side").subs(v, b), 20)) for side in sides]
                return False, "", {v.name: str(b), "lhs": vals[0], "rhs": vals[1],
                                   "difference": f"at a breakpoint where neither side jumps"}
    note = ""
    if off:
        note = (f"except at {v} = {', '.join(map(str, off))}, a kink, where conventions differ "
                f"(glusym follows JAX: relu'(0) = 0; SymPy's Heaviside(0) = 1/2)")
    return True, note, None


def _admissible_in(v: Symbol, lo: Expr, hi: Expr) -> Expr | None:
    """A point of the open interval (lo, hi) that v's sign assumptions allow, or None."""
    if v.is_positive or v.is_nonnegative:
        lo = sympy.Max(lo, 0)
        if hi <= lo:
            return None
        return lo + 1 if hi == sympy.oo else (lo + hi) / 2
    if v.is_negative or v.is_nonpositive:
        hi = sympy.Min(hi, 0)
        if hi <= lo:
            return None
        return hi - 1 if lo == -sympy.oo else (lo + hi) / 2
    return (lo + hi) / 2 if lo.is_finite and hi.is_finite else (hi - 1 if hi.is_finite else lo + 1 if lo.is_finite else sympy.S.Zero)


def _jumps(side: Expr, v: Symbol, b: Expr, left: Expr, right: Expr) -> bool:
    """Whether a side's branches on the left (at ``left``) and on the right (at ``right``) of the
    breakpoint b take different values at b: a jump, where the value at b is a convention."""
    from ..analysis._common import select_branches, to_piecewise

    sp = to_piecewise(to_sympy(side, "a side"))
    if not sp.has(Piecewise) or v not in sp.free_symbols:
        return False
    try:
        lo = select_branches(sp, {v: left}).xreplace({v: b})
        hi = select_branches(sp, {v: right}).xreplace({v: b})
    except GlusymError:
        return True  # cannot tell: a convention is assumed, as before
    return _number_zero(lo - hi) is not True


def _one_sign(d: Expr) -> str | None:
    """'positive' or 'negative' where SymPy's assumptions give d one sign for every real value of
    its variables; a difference of logarithms is asked as e^d - 1 (log(1+e^x) - x has the sign of
    e^{-x}, which no evaluation beside x = 10^6 could show: it is 10^-434294 there)."""
    forms = [d]
    if d.has(sympy.log):
        try:
            forms.append(sympy.expand(sympy.powsimp(sympy.exp(d))) - 1)
        except (TypeError, ValueError, NotImplementedError):
            pass
    for f in forms:
        if f.is_positive:
            return "positive"
        if f.is_negative:
            return "negative"
    return None


def _branchwise_zero(pf: Expr) -> tuple[bool, str]:
    """Every branch of a Piecewise is 0, the branches on a null set (the zero set of a polynomial
    that is not 0, such as ``x_v = 0``) being required to be 0 there too: a value changed on a
    line is no convention. ``H(x_g) = 1`` is no null set: it is the half-plane x_g > 0."""
    if not isinstance(pf, Piecewise):
        return _is_zero(pf), ""
    for e, c in pf.args:
        if _is_zero(e):
            continue
        # a branch that lives on lines x_g = 0, x_v = 0 (its condition implies one of them, as a
        # formula of propositions, which is sound for the reals) is judged by its value there
        eqs = [q for q in c.atoms(sympy.Eq) if _linear_in_one(q) is not None] if isinstance(c, Boolean) else []
        if not eqs or sympy.satisfiable(c & ~sympy.Or(*eqs)) is not False:
            return False, ""
        for q in eqs:
            v, value = _linear_in_one(q)  # type: ignore[misc]
            if not _is_zero(e.xreplace({v: value})):
                return False, ""
    return True, ""


def _linear_in_one(q: Any) -> tuple[Symbol, Expr] | None:
    """For an equation linear in one of its symbols, (that symbol, its value), else None."""
    d = q.lhs - q.rhs
    for v in sorted(d.free_symbols, key=lambda t: t.name):
        if d.is_polynomial(v) and sympy.degree(d, v) == 1:
            return v, sympy.solve(d, v)[0]
    return None


def _number_sign(c: Any) -> int | None:
    """The sign of a real number (-1, 0, 1): 0 only where it is 0 exactly (:func:`_number_zero`),
    else the sign of a value evalf knows to 30 bits; None where neither decides."""
    if _number_zero(c) is True:
        return 0
    c = elementary(to_sympy(c, "a number"))
    if c.is_Rational:
        return 1 if c > 0 else -1
    re_sign, im_sign = _evalf_signs(c)
    return re_sign if re_sign and not im_sign else None


def _evalf_signs(c: Expr) -> tuple[int, int]:
    """The signs (-1, 0 or 1) of the real and imaginary parts of a number, each where evalf knows
    it to 30 bits (so that a part that is 0, or too close to 0 to tell, gives 0)."""
    from sympy.core.evalf import PrecisionExhausted
    from sympy.core.evalf import evalf as _evalf

    try:  # erf through erfc: 1 - erf(100) is erfc(100), not a cancellation of 4,346 digits
        re_, im_, racc, iacc = _evalf(c.rewrite(sympy.erfc), 64, {"maxprec": 12000})
    except (PrecisionExhausted, NotImplementedError, TypeError, ValueError, ArithmeticError):
        return 0, 0

    def sign(part: Any, acc: Any) -> int:
        if part is None or part[1] == 0 or acc is None or acc < 30:
            return 0
        return -1 if part[0] else 1

    return sign(re_, racc), sign(im_, iacc)


def _number_zero(c: Any) -> bool | None:
    """Is the number c zero? Exactly where SymPy can tell (rationals, SymPy's assumptions,
    simplification), else by evalf with its accuracy tracked: a value known to 30 bits that is not
    0 is not 0. None where neither decides."""
    c = elementary(to_sympy(c, "a number"))
    if c.is_Rational:
        return bool(c == 0)
    z = c.is_zero
    if z is not None:
        return bool(z)
    if _evalf_signs(c) != (0, 0):
        return False
    if _is_zero(c):
        return True
    return None


def _poly_zero(d: Expr, variables: list[Symbol]) -> bool | None:
    """Is the polynomial d zero, every coefficient decided exactly (:func:`_number_zero`)?"""
    try:
        coeffs = sympy.Poly(sympy.expand(elementary(d)), *variables).coeffs() if d != 0 else []
    except (sympy.PolynomialError, sympy.GeneratorsNeeded):
        return None
    verdicts = [_number_zero(c) for c in coeffs]
    if any(v is False for v in verdicts):
        return False
    return True if all(v is True for v in verdicts) else None

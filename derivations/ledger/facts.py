"""Facts about GELU and GEGLU that several sub-claims share, computed once per Maths.

Every fact is computed from the units of the Maths (``m.get("gelu")``, ``m.get("geglu")``, …) by
glusym's analyses, so that a test that replaces a unit sees every fact follow; each is memoised
with ``m.memo`` under its own key, so that one that cannot be computed under a replaced unit takes
down only the sub-claims that need it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import mpmath
import sympy
from sympy import oo

from glusym import (asymptotes, critical_points, elementary, extrema, gradient, hessian, inflections, level_set,
                    taylor, to_mpmath, vector_form, x, x_g, x_v)
from glusym.claims import Maths

#: The digits numbers are computed with before they are rounded for the text.
DPS = 40
#: Kinks and jumps: a unit whose expression has one of these is not smooth there.
KINKS = (sympy.Piecewise, sympy.Heaviside, sympy.Abs, sympy.Max, sympy.Min, sympy.sign)


# ---------------------------------------------------------------------------------------------
# numbers as text


def n(e: Any, digits: int = 6) -> str:
    """A number in ``digits`` significant digits, rounded correctly (mpmath's decimal rounding: SymPy's
    ``N(-0.7517915…, 6)`` prints -0.751791); exact rationals as they are, infinities as ``oo``."""
    if isinstance(e, mpmath.mpf):
        return "0" if e == 0 else mpmath.nstr(e, digits, strip_zeros=False)
    e = sympy.sympify(e)
    if isinstance(e, sympy.Rational):
        return str(e)
    v = sympy.N(e, digits + 15)
    if not (v.is_Number and v.is_finite):
        return str(v)
    if v == 0:
        return "0"
    with mpmath.workdps(digits + 15):
        return mpmath.nstr(mpmath.mpf(str(v)), digits, strip_zeros=False)


def oblique(beh: Any) -> str:
    """The oblique asymptote of a Behaviour, as ``a*x + b``."""
    a, b = beh.oblique
    return str(a * beh.variable + b)


def precision(at: Any) -> Decimal:
    """Half a unit in the last digit of a constant as the document writes it: 1 → 0.5, 1.4 → 0.05."""
    exponent = Decimal(str(at)).as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def finite(e: Any) -> bool:
    e = sympy.sympify(e)
    return bool(e.is_finite) and not e.has(sympy.zoo, sympy.nan)


# ---------------------------------------------------------------------------------------------
# numerical helpers (mpmath), for what no closed form decides


def value_at(expr: sympy.Expr, at: Any, var: sympy.Symbol = x) -> mpmath.mpf:
    """``expr`` (a function of ``var`` only) at ``var = at``, in mpmath at DPS digits."""
    with mpmath.workdps(DPS):
        if var not in expr.free_symbols:
            return mpmath.mpf(str(sympy.N(expr, DPS)))
        return to_mpmath(expr)(at)


def sign_changes(expr: sympy.Expr, var: sympy.Symbol = x, lo: float = -8, hi: float = 8,
                 samples: int = 321) -> list[mpmath.mpf]:
    """The points in [lo, hi] where ``expr`` (a function of ``var`` only) changes sign, each bracketed by
    samples and refined by bisection in mpmath."""
    if var not in expr.free_symbols:
        return []
    f = to_mpmath(expr)
    out = []
    with mpmath.workdps(DPS):
        grid = [mpmath.mpf(lo) + (mpmath.mpf(hi) - lo) * i / (samples - 1) for i in range(samples)]
        vals = [f(t) for t in grid]
        for (a, fa), (b, fb) in zip(zip(grid, vals), zip(grid[1:], vals[1:])):
            if fa == 0:
                out.append(a)
            elif fa * fb < 0:
                out.append(mpmath.findroot(f, (a, b), solver="anderson"))
    return out


def negative_on(expr: sympy.Expr, var: sympy.Symbol = x, lo: float = -8, hi: float = 8,
                samples: int = 321) -> list[tuple[mpmath.mpf, mpmath.mpf]]:
    """The intervals of [lo, hi] where ``expr`` < 0 (their ends are sign changes, or lo, hi)."""
    f = to_mpmath(expr) if var in expr.free_symbols else (lambda t: mpmath.mpf(str(sympy.N(expr, DPS))))
    cuts = [mpmath.mpf(lo), *sign_changes(expr, var, lo, hi, samples), mpmath.mpf(hi)]
    out = []
    with mpmath.workdps(DPS):
        for a, b in zip(cuts, cuts[1:]):
            if b > a and f((a + b) / 2) < 0:
                out.append((a, b))
    return out


# ---------------------------------------------------------------------------------------------
# GELU


def dgelu(m: Maths) -> sympy.Expr:
    """GELU′(x) (glusym.gradient)."""
    return m.memo("gelu'", lambda: gradient(m.get("gelu"))[0])


def gelu_extrema(m: Maths) -> dict[str, list[Any]]:
    """GELU's local minima and maxima (glusym.extrema)."""
    def compute() -> dict[str, list[Any]]:
        ext = extrema(m.get("gelu"))
        return {"min": [p for p in ext if p.kind == "minimum"], "max": [p for p in ext if p.kind == "maximum"]}
    return m.memo("gelu-extrema", compute)


def dgelu_extrema(m: Maths) -> dict[str, list[Any]]:
    """GELU′'s local minima and maxima (glusym.extrema of glusym.gradient)."""
    def compute() -> dict[str, list[Any]]:
        ext = extrema(dgelu(m)) if x in dgelu(m).free_symbols else ()
        return {"min": [p for p in ext if p.kind == "minimum"], "max": [p for p in ext if p.kind == "maximum"]}
    return m.memo("gelu'-extrema", compute)


def gelu_asymptotes(m: Maths) -> Any:
    """GELU's behaviour at ±∞ (glusym.asymptotes)."""
    return m.memo("gelu-asymptotes", lambda: asymptotes(m.get("gelu")))


def dgelu_asymptotes(m: Maths) -> Any:
    """GELU′'s behaviour at ±∞."""
    return m.memo("gelu'-asymptotes", lambda: asymptotes(dgelu(m)))


def gelu_bounds(m: Maths) -> dict[str, Any]:
    """inf and sup of GELU over R, from its extrema and its limits at ±∞, and where they are reached
    (``None`` where only approached)."""
    def compute() -> dict[str, Any]:
        ext, a = gelu_extrema(m), gelu_asymptotes(m)
        lows = [(p.value, p.at[0][1]) for p in ext["min"]] + [(a.minus.limit, None), (a.plus.limit, None)]
        highs = [(p.value, p.at[0][1]) for p in ext["max"]] + [(a.minus.limit, None), (a.plus.limit, None)]
        inf = min(lows, key=lambda t: sympy.N(t[0], DPS) if finite(t[0]) else t[0])
        sup = max(highs, key=lambda t: sympy.N(t[0], DPS) if finite(t[0]) else t[0])
        return {"inf": inf[0], "inf_at": inf[1], "sup": sup[0], "sup_at": sup[1]}
    return m.memo("gelu-bounds", compute)


def gelu_crossing(m: Maths, level: Any) -> mpmath.mpf | None:
    """The largest x in [-8, 8] where GELU(x) = level, or None (no crossing there)."""
    def compute() -> mpmath.mpf | None:
        roots = sign_changes(m.get("gelu").expr - sympy.nsimplify(level))
        return roots[-1] if roots else None
    return m.memo(("gelu-crossing", level), compute)


def gelu_gate(m: Maths) -> dict[str, Any]:
    """The gate of GELU(x) = x·gate(x) and whether GEGLU reads as gate(x_g)·(x_g·x_v) (the gated
    reading): gate(x) = GELU(x)/x simplified, its limit at −∞, its value at 0, its limit at +∞, its
    extrema."""
    def compute() -> dict[str, Any]:
        gate = sympy.simplify(m.get("gelu").expr / x)
        a = gelu_asymptotes(m)
        # GELU(x)/x at ±oo is the slope of GELU's asymptote there (oo where GELU grows faster than x)
        ends = tuple(beh.oblique[0] if bool(beh.growth_order <= 1) else
                     sympy.sign(sympy.limit(elementary(gate), x, beh.direction)) * oo for beh in (a.minus, a.plus))
        try:
            at0 = gate.subs(x, 0)
        except TypeError:  # a Piecewise over a pole: x = 0 is not in its domain
            at0 = sympy.zoo
        gated = sympy.simplify(m.get("geglu").expr - gate.subs(x, x_g) * (x_g * x_v)) == 0
        return {"gate": gate, "values": (ends[0], at0, ends[1]), "gated": gated, "extrema": turning_points(gate)}
    return m.memo("gelu-gate", compute)


def turning_points(expr: sympy.Expr) -> tuple[Any, ...]:
    """The extrema of ``expr`` (a function of x): glusym.extrema, or, where it cannot tell, the sign changes
    of the derivative sampled on [-8, 8] (a constant has none)."""
    if x not in expr.free_symbols:
        return ()
    try:
        return tuple(extrema(expr))
    except Exception:  # noqa: BLE001  (a gate glusym.extrema cannot take: sample its slope instead)
        return tuple(sign_changes(sympy.diff(expr, x), samples=320))


def _gelu(m: Maths) -> dict[str, Any]:
    ext, a, da = gelu_extrema(m), gelu_asymptotes(m), dgelu_asymptotes(m)
    gate = gelu_gate(m)
    unit = m.get("gelu")
    return {
        "unit": unit, "expr": unit.expr, "d": dgelu(m), "inflections": inflections(unit),
        "min": ext["min"], "max": ext["max"], "plus": a.plus, "minus": a.minus, "d_plus": da.plus,
        "d_minus": da.minus, "d_max": dgelu_extrema(m)["max"], "x_one": gelu_crossing(m, 1),
        "at0": unit(0), "two": unit(2), "gate": gate["gate"], "gate_values": gate["values"], "gated": gate["gated"],
    }


def gelu(m: Maths) -> dict[str, Any]:
    """GELU's derivative, extrema, asymptotes, gate and the x where it crosses 1 (None if it does
    not), for ``m``, in one dict."""
    return m.memo("gelu-facts", lambda: _gelu(m))


# ---------------------------------------------------------------------------------------------
# GEGLU


def geglu_taylor(m: Maths, order: int = 9) -> Any:
    """GEGLU's Taylor expansion at 0 to total degree < ``order`` (glusym.taylor)."""
    return m.memo(("geglu-taylor", order), lambda: taylor(m.get("geglu"), order=order))


def geglu_critical(m: Maths) -> tuple[Any, ...]:
    """GEGLU's critical points (glusym.critical_points)."""
    return m.memo("geglu-critical", lambda: critical_points(m.get("geglu")))


def geglu_hessian(m: Maths) -> sympy.Matrix:
    """GEGLU's Hessian (glusym.hessian)."""
    return m.memo("geglu-hessian", lambda: hessian(m.get("geglu")))


def geglu_level_set(m: Maths) -> Any:
    """GEGLU = c solved for x_v (glusym.level_set)."""
    return m.memo("geglu-level-set", lambda: level_set(m.get("geglu")))


def gaussian_curvature(f: sympy.Expr, at: dict[Any, Any] | None = None) -> sympy.Expr:
    """K of the graph z = f(x_g, x_v): (f_gg f_vv − f_gv²)/(1 + f_g² + f_v²)², everywhere or, given
    ``at``, at that point (substituted before simplifying)."""
    fg, fv = sympy.diff(f, x_g), sympy.diff(f, x_v)
    num = sympy.diff(f, x_g, 2) * sympy.diff(f, x_v, 2) - sympy.diff(f, x_g, x_v) ** 2
    K = num / (1 + fg**2 + fv**2) ** 2
    return sympy.simplify(K.subs(at) if at else K)


def smooth(expr: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> tuple[bool, str]:
    """Whether ``expr`` is smooth on all of R^n: no kink or jump (Piecewise, Heaviside, Abs, Max, Min,
    sign) and no denominator in the variables, and what was found."""
    kinks = sorted({type(a).__name__ for a in expr.atoms(*KINKS)})
    den = sympy.together(elementary(expr)).as_numer_denom()[1]
    poles = den.free_symbols & set(variables)
    logs = [a for a in expr.atoms(sympy.log) if a.free_symbols & set(variables)]
    ok = not kinks and not poles and not logs
    what = ("no kink or jump (no Piecewise, Heaviside, Abs, Max, Min, sign), no denominator and no log in "
            f"{', '.join(map(str, variables))}" if ok else
            f"{'kinks/jumps: ' + ', '.join(kinks) if kinks else ''}{'; a denominator ' + str(den) if poles else ''}"
            f"{'; log of the variables' if logs else ''}")
    return ok, what


# ---------------------------------------------------------------------------------------------
# the vector form, on small explicit weights


def reachable_curve(m: Maths) -> tuple[sympy.Symbol, sympy.Matrix]:
    """y(h) = GELU(hW_g) ⊙ hW_v for d = 1, d_ff/2 = 2, W_g = (1, −1), W_v = (1, 1): as h runs over R,
    the reachable set, a curve in R²."""
    def compute() -> tuple[sympy.Symbol, sympy.Matrix]:
        h = sympy.Symbol("h", real=True)
        return h, vector_form(m.get("geglu"), h=sympy.Matrix([[h]]), W_g=sympy.Matrix([[1, -1]]),
                              W_v=sympy.Matrix([[1, 1]]))
    return m.memo("reachable-curve", compute)


def symbolic_vector(m: Maths, d: int = 2, k: int = 3) -> tuple[sympy.Matrix, sympy.Matrix, sympy.Matrix]:
    """vector_form(geglu, d, k) and the gate and value rows g = hW_g, v = hW_v it is built from."""
    def compute() -> tuple[sympy.Matrix, sympy.Matrix, sympy.Matrix]:
        y = vector_form(m.get("geglu"), d, k)
        h = sympy.Matrix(sympy.MatrixSymbol("h", 1, d))
        G = h * sympy.Matrix(sympy.MatrixSymbol("W_g", d, k))
        V = h * sympy.Matrix(sympy.MatrixSymbol("W_v", d, k))
        return y, G, V
    return m.memo(("symbolic-vector", d, k), compute)

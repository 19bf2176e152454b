"""The computations behind the GeGLU thread's sub-claims, by name: each takes the Maths and the
arguments its claim declares, and returns (truth, what it computed). The computed text states the
values found, so that where a sub-claim is false it reads as what is true instead.

Every unit comes from the Maths (``m.get("gelu")``, ``m.get("geglu")``, ``m.get("reglu")``); every
constant the thread states comes in as an argument; facts several sub-claims share are in facts.py.
The names are the thread's (its words: gate, factor, contour, cone), so as not to meet the post's.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy
from sympy import oo

from glusym import Phi, elementary, gradient, stationary_sets, to_mpmath, x, x_g, x_v
from glusym.claims import Maths, Registry

from . import facts
from .facts import n

REGISTRY = Registry()

Result = tuple[bool, str]


def _exact(value: Any) -> sympy.Expr:
    """A constant of the thread as SymPy: 0.5 → 1/2, "oo" → oo."""
    return value if isinstance(value, sympy.Basic) else sympy.nsimplify(value)


def _var(name: str) -> sympy.Symbol:
    return {"x_g": x_g, "x_v": x_v}[name]


def _other(var: sympy.Symbol) -> sympy.Symbol:
    return x_v if var == x_g else x_g


def _minimum(m: Maths) -> str:
    """GELU's lowest point, as text ('' where it has no minimum)."""
    lows = facts.gelu_extrema(m)["min"]
    return f"minimum {n(lows[0].value)} at {n(lows[0].at[0][1])}" if lows else "no minimum"


def _name(m: Maths, unit: str) -> str:
    return {"gelu": "GELU", "geglu": "GEGLU", "reglu": "ReGLU"}.get(unit, unit)


# ---------------------------------------------------------------------------------------------
# the form of the unit


@REGISTRY
def gated_unit_of(m: Maths, unit: str = "geglu", gate: str = "gelu") -> Result:
    """The gated unit is the product of ``gate`` applied to x_g and the value x_v: unit = gate(x_g)·x_v."""
    f = m.get(unit)
    diff = sympy.simplify(f.expr - m.get(gate)(x_g) * x_v)
    return diff == 0, (f"{_name(m, unit)}(x_g, x_v) = {f.expr}; minus {_name(m, gate)}(x_g)*x_v = "
                       f"{m.get(gate)(x_g) * x_v} it simplifies to {diff}")


@REGISTRY
def unit_is(m: Maths, unit: str, expr: sympy.Expr) -> Result:
    """The unit's expression is the thread's formula ``expr``."""
    f = m.get(unit).expr
    diff = sympy.simplify(f - expr)
    return diff == 0, f"{_name(m, unit)} = {f}; minus the thread's {expr} it simplifies to {diff}"


@REGISTRY
def input_count(m: Maths, count: int, unit: str = "geglu") -> Result:
    """The unit has ``count`` real inputs."""
    v = m.get(unit).variables
    real = all(s.is_real for s in v)
    return len(v) == count and real, (f"{_name(m, unit)} has {len(v)} input(s) {tuple(map(str, v))}, "
                                      f"{'all real' if real else 'not all real'}: its graph is a "
                                      f"{'surface over the plane' if len(v) == 2 else f'hypersurface over R^{len(v)}'}")


@REGISTRY
def geglu_smooth(m: Maths, unit: str = "geglu") -> Result:
    """The unit is smooth (real-analytic) on the whole plane: no kink, no jump, no pole."""
    f = m.get(unit)
    ok, what = facts.smooth(f.expr, f.variables)
    t = facts.geglu_taylor(m, 4) if unit == "geglu" else None
    series = (f"; its Taylor expansion at 0 is {'one on both sides' if t.analytic else 'one-sided'}: {t.polynomial}"
              if t is not None else "")
    return ok, (f"{_name(m, unit)} = {f.expr}: {what}: "
                f"{'smooth (analytic) at every point of the plane' if ok else 'not differentiable everywhere'}{series}")


@REGISTRY
def defined_everywhere(m: Maths, unit: str = "geglu") -> Result:
    """The unit is finite at every point of R^n: no denominator and no log in its variables."""
    f = m.get(unit)
    den = sympy.together(elementary(f.expr)).as_numer_denom()[1]
    poles = den.free_symbols & set(f.variables)
    logs = [a for a in f.expr.atoms(sympy.log) if a.free_symbols & set(f.variables)]
    ok = not poles and not logs
    return ok, (f"{_name(m, unit)} = {f.expr} over the real variables {tuple(map(str, f.variables))}: "
                + ("no denominator and no log in them: finite at every point of R^2" if ok else
                   f"denominator {den}{', a log' if logs else ''}: not defined everywhere"))


@REGISTRY
def onto_reals(m: Maths, at: Any = 1) -> Result:
    """One neuron reaches every real value: GEGLU(at, c/GELU(at)) = c for every real c."""
    c = sympy.Symbol("c", real=True)
    g = m.get("gelu")(at)
    if g == 0:
        return g != 0, f"GELU({at}) = 0: the line x_g = {at} is mapped to 0 only"
    back = sympy.simplify(m.get("geglu")(at, c / g))
    return back == c, f"GEGLU({at}, c/GELU({at})) = {back} for every real c (GELU({at}) = {n(g)})"


@REGISTRY
def both_signs(m: Maths, above: tuple[int, int] = (1, 1), below: tuple[int, int] = (1, -1)) -> Result:
    """The graph lies above the plane somewhere and below it somewhere: GEGLU(above) > 0 > GEGLU(below)."""
    f = m.get("geglu")
    hi, lo = f(*above), f(*below)
    axes = (f(0, 5), f(3, 0))
    ok = bool(hi > 0) and bool(lo < 0)
    return ok, (f"GEGLU{above} = {n(hi)}, GEGLU{below} = {n(lo)}; on the axes GEGLU(0, 5) = {axes[0]}, "
                f"GEGLU(3, 0) = {axes[1]}: the height takes both signs" if ok else
                f"GEGLU{above} = {n(hi)} and GEGLU{below} = {n(lo)}: not one above and one below the plane")


@REGISTRY
def symmetric_in(m: Maths, var: str, kind: str) -> Result:
    """GEGLU is ``kind`` ('odd' or 'even') under ``var`` → −``var``."""
    v = _var(var)
    f = m.get("geglu").expr
    flipped = f.subs(v, -v)
    diff = sympy.simplify(flipped + f if kind == "odd" else flipped - f)
    return diff == 0, (f"GEGLU with {var} -> -{var} is {flipped}; "
                       f"{'plus' if kind == 'odd' else 'minus'} GEGLU it simplifies to {diff}: "
                       f"{'' if diff == 0 else 'not '}{kind} in {var}")


@REGISTRY
def asymmetric_in(m: Maths, var: str, at: tuple[int, int]) -> Result:
    """GEGLU is neither odd nor even in ``var``: at the point ``at``, f with ``var`` negated differs from ±f."""
    v = _var(var)
    f = m.get("geglu")
    point = dict(zip((x_g, x_v), at))
    a = f.expr.subs(point)
    b = f.expr.subs(v, -v).subs(point)
    ok = bool(sympy.N(abs(b - a), 30) > 1e-20) and bool(sympy.N(abs(b + a), 30) > 1e-20)
    flipped = tuple(-t if s == v else t for s, t in zip((x_g, x_v), at))
    return ok, (f"GEGLU{tuple(at)} = {n(a)} and GEGLU{flipped} = {n(b)}: "
                + (f"neither equal nor opposite, so GEGLU is neither even nor odd in {var}" if ok else
                   f"equal or opposite at this point"))


@REGISTRY
def linear_in_value(m: Maths) -> Result:
    """x_v enters linearly, with no offset: ∂²f/∂x_v² = 0 and f(x_g, 0) = 0."""
    f = m.get("geglu").expr
    d2, at0 = sympy.diff(f, x_v, 2), f.subs(x_v, 0)
    return d2 == 0 and at0 == 0, (f"d^2f/dx_v^2 = {d2} and f(x_g, 0) = {at0}: f = {sympy.diff(f, x_v)}*x_v, "
                                  f"{'linear in x_v with slope ' + str(sympy.diff(f, x_v)) if d2 == 0 and at0 == 0 else 'not a pure scaling of x_v'}")


@REGISTRY
def factor_depends_only_on_gate(m: Maths) -> Result:
    """The factor multiplying x_v, ∂f/∂x_v, depends on x_g alone (and f is that factor times x_v)."""
    f = m.get("geglu").expr
    fv = sympy.diff(f, x_v)
    ok = fv.free_symbols <= {x_g} and sympy.simplify(f - fv * x_v) == 0
    of = ", ".join(sorted(map(str, fv.free_symbols))) or "no variable"
    return ok, (f"df/dx_v = {fv}, a function of {of}{' alone' if fv.free_symbols == {x_g} else ''}; "
                f"f - (df/dx_v)*x_v = {sympy.simplify(f - fv * x_v)}")


# ---------------------------------------------------------------------------------------------
# the gate and the factor GELU(x_g)


@REGISTRY
def gate_range(m: Maths, values: tuple[Any, Any, Any]) -> Result:
    """The gate of the gated reading GEGLU = gate(x_g)·(x_g·x_v) has limit values[0] at −∞, the value
    values[1] at 0 and limit values[2] at +∞."""
    g = facts.gelu_gate(m)
    target = tuple(_exact(v) for v in values)
    ok = bool(g["gated"]) and tuple(g["values"]) == target
    gate = g["gate"].subs(x, x_g)
    return ok, (f"GEGLU = {gate}*(x_g*x_v) {'exactly' if g['gated'] else 'is NOT an identity'}; the gate {gate} has "
                f"(limit at -oo, value at 0, limit at +oo) = {tuple(g['values'])}, against the thread's {target}")


@REGISTRY
def factor_range(m: Maths, values: tuple[Any, Any, Any]) -> Result:
    """The factor multiplying x_v, GELU(x_g), has limit values[0] at −∞, GELU(0) = values[1] and limit
    values[2] at +∞."""
    a = facts.gelu_asymptotes(m)
    target = tuple(_exact(v) for v in values)
    got = (a.minus.limit, m.get("gelu")(0), a.plus.limit)
    one = facts.gelu_crossing(m, 1)
    above = f", exceeds 1 for x_g > {n(one)}" if one is not None else ""
    return got == target, (f"the factor multiplying x_v, GELU(x_g), has (limit at -oo, value at 0, limit at +oo) = "
                           f"{got}, against the thread's {target}: {_minimum(m)}{above}, growth order "
                           f"{a.plus.growth_order} at +oo")


@REGISTRY
def gate_transition(m: Maths, low: Any, high: Any) -> Result:
    """The gate of the gated reading runs smoothly and monotonically from ``low`` (x_g → −∞) to ``high``
    (x_g → +∞): limits, finite at 0, no extremum."""
    g = facts.gelu_gate(m)
    lo, _, hi = g["values"]
    gate = g["gate"].subs(x, x_g)
    ok = bool(g["gated"]) and (lo, hi) == (_exact(low), _exact(high)) and facts.finite(g["values"][1]) \
        and not g["extrema"]
    shape = "no extremum (monotone)" if not g["extrema"] else f"{len(g['extrema'])} extrema"
    return ok, (f"the gate {gate} of the gated reading GEGLU = {gate}*(x_g*x_v) tends to {lo} as x_g -> -oo and to "
                f"{hi} as x_g -> +oo, is {g['values'][1]} at 0 and has {shape}, against the thread's {_exact(low)} "
                f"and {_exact(high)}")


@REGISTRY
def factor_bounds(m: Maths, low: Any = -oo, high: Any = oo) -> Result:
    """The factor GELU(g) stays within [low, high] over R (its inf and sup, from its extrema and limits)."""
    b = facts.gelu_bounds(m)
    lo, hi = _exact(low), _exact(high)
    above = lo == -oo or bool(sympy.N(b["inf"] - lo, 30) >= 0)
    below = hi == oo or bool(sympy.N(hi - b["sup"], 30) >= 0)
    left = "[" if b["inf_at"] is not None else "("
    right = "]" if b["sup_at"] is not None else ")"
    parts = [f"GELU(g) ranges over {left}{n(b['inf'], 8)}, {n(b['sup'], 8)}{right}"]
    if b["inf_at"] is not None:
        parts.append(f"its minimum {n(b['inf'], 8)} at g = {n(b['inf_at'], 8)}")
    if b["sup_at"] is not None:
        parts.append(f"its maximum {n(b['sup'], 8)} at g = {n(b['sup_at'], 8)}")
    if lo != -oo and not above:
        parts.append(f"below {lo} for every g < 0: there the value is flipped through the origin"
                     if bool(m.get("gelu")(-1) < 0) and lo == 0 else f"below {lo} somewhere")
    if hi != oo and not below:
        one = facts.gelu_crossing(m, hi)
        parts.append(f"above {hi} for g > {n(one)} (GELU(2) = {n(m.get('gelu')(2))}): there the value is "
                     "stretched away from the origin" if one is not None else f"above {hi} somewhere")
    bound = (f"[{lo}, {hi}{']' if hi != oo else ')'}" if lo != -oo else f"<= {hi}") if hi != oo or lo != -oo else "R"
    if lo != -oo and hi == oo:
        bound = f"[{lo}, oo)"
    return above and below, "; ".join(parts) + f"; against the thread's {bound}"


@REGISTRY
def factor_positive(m: Maths) -> Result:
    """GELU(c) > 0 for every real c: each vertical line x_g = c is compressed (0 < GELU(c) < 1) or
    expanded (GELU(c) > 1), never collapsed or reversed."""
    ext, a = facts.gelu_extrema(m), facts.gelu_asymptotes(m)
    gelu = m.get("gelu")
    ok = all(bool(p.value > 0) for p in ext["min"]) and bool(a.minus.limit >= 0) and bool(a.plus.limit >= 0) \
        and bool(gelu(0) > 0)
    one = facts.gelu_crossing(m, 1)
    samples = ", ".join(f"GELU({c}) = {n(gelu(c))}" for c in (sympy.Rational(-3, 4), 0, sympy.Rational(1, 2), 2))
    return ok, (f"{samples}: each line x_g = c is scaled by GELU(c): "
                + (f"compressed where 0 < GELU(c) < 1, expanded where c > {n(one)}" if one is not None else
                   "compressed wherever 0 < GELU(c) < 1")
                + ("" if ok else f", but collapsed to the point 0 at c = 0 (GELU(0) = {gelu(0)}) and reversed "
                   f"(flipped) for every c < 0, where GELU(c) < 0 ({_minimum(m)})"))


@REGISTRY
def factor_limit(m: Maths, side: str, value: Any, of: str = "factor") -> Result:
    """The factor GELU(x_g) (``of="factor"``) or the gate of the gated reading (``of="gate"``) tends to
    ``value`` as x_g → ``side`` (±oo)."""
    direction = -oo if side.startswith("-") else oo
    if of == "gate":
        g = facts.gelu_gate(m)
        got = g["values"][0 if direction == -oo else 2]
        what = f"the gate {g['gate'].subs(x, x_g)}"
    else:
        a = facts.gelu_asymptotes(m)
        beh = a.minus if direction == -oo else a.plus
        got, what = beh.limit, f"GELU(x_g) (growth order {beh.growth_order})"
    return got == _exact(value), f"{what} tends to {got} as x_g -> {direction}, against the thread's {_exact(value)}"


def _snap(t: Any) -> Any:
    """A turning point found by sampling, 0 where it is 0 to the sampling's accuracy."""
    return 0 if abs(t) < 1e-4 else t


@REGISTRY
def shrinks_monotonically(m: Maths, of: str = "factor") -> Result:
    """On x_g < 0, |GELU(x_g)| (or |gate(x_g)|) shrinks steadily as x_g decreases: (|f|)' = sign(f)·f' ≥ 0
    there (sampled on [−8, 0] in mpmath, the turning points refined)."""
    expr = facts.gelu_gate(m)["gate"] if of == "gate" else m.get("gelu").expr
    label = f"the gate {expr.subs(x, x_g)}" if of == "gate" else "GELU(x_g)"
    bad = facts.negative_on(expr * sympy.diff(expr, x), lo=-8, hi=-sympy.Rational(1, 10**6))
    if not bad:
        return not bad, (f"on [-8, 0), {label} times its derivative is >= 0: the size of {label} shrinks steadily as "
                      "x_g decreases")
    a, b = bad[0]
    return not bad, (f"|{label}| does not shrink steadily as x_g goes negative: it grows from {n(facts.value_at(abs(expr), _snap(b)))} "
                   f"to {n(facts.value_at(abs(expr), a))} as x_g goes from {n(_snap(b))} down to {n(a)}, the output's "
                   f"sign flipped, and only then shrinks to 0")


@REGISTRY
def compression_monotone(m: Maths) -> Result:
    """The more positive the companion g, the less the value coordinate is compressed: |GELU(g)| is
    nondecreasing in g ((|GELU|)' = sign(GELU)·GELU' ≥ 0, sampled on [−8, 8], turning points refined)."""
    gelu = m.get("gelu")
    expr = gelu.expr
    bad = facts.negative_on(expr * sympy.diff(expr, x))
    if not bad:
        return not bad, "|GELU(g)| is nondecreasing in g on [-8, 8]: a more positive g always leaves more of v_j"
    a, b = bad[0]
    a_, b_ = (sympy.nsimplify(mpmath.nstr(a + (b - a) * k / 3, 1)) for k in (1, 2))  # two points inside
    ext = facts.gelu_extrema(m)
    dec = f"; GELU itself decreases on (-oo, {n(ext['min'][0].at[0][1])})" if ext["min"] else ""
    return not bad, (f"the size |GELU(g)| of the factor is not monotone in g: it falls from "
                   f"{n(facts.value_at(abs(expr), a))} to {n(facts.value_at(abs(expr), _snap(b)))} as g rises from "
                   f"{n(a)} to {n(_snap(b))} (|GELU({a_})| = {n(abs(gelu(a_)))} > |GELU({b_})| = {n(abs(gelu(b_)))}): "
                   f"there the more negative companion compresses v_j less, and flips it{dec}; a more negative "
                   f"companion does not always mean more compression")


@REGISTRY
def bell_shaped(m: Maths) -> Result:
    """GELU(x) = x·Φ(x) is bell-shaped: one maximum, tending to 0 on both sides."""
    ext, a = facts.gelu_extrema(m), facts.gelu_asymptotes(m)
    ok = len(ext["max"]) == 1 and a.minus.limit == 0 and a.plus.limit == 0
    maxima = f"{len(ext['max'])} maxima" if ext["max"] else "no maximum"
    return ok, (f"GELU(x_g) has {maxima} and tends to {a.minus.limit} as x_g -> -oo and to "
                f"{a.plus.limit} as x_g -> +oo (asymptote y = {facts.oblique(a.plus).replace('x', 'x_g')}), {_minimum(m)}: "
                + ("a bell" if ok else ("a ramp" if a.plus.limit == oo else "an S-curve") + ", not a bell"
                   + ("; the bell curve is phi = Phi', the density of GELU's gate Phi"
                      if facts.gelu_gate(m)["gate"] == Phi(x) else "")))


@REGISTRY
def amplitude_factor(m: Maths, factor: sympy.Expr) -> Result:
    """The amplitude of f at fixed x_g, ∂f/∂x_v, is the thread's ``factor``."""
    fv = sympy.diff(m.get("geglu").expr, x_v)
    diff = sympy.simplify(fv - factor)
    return diff == 0, f"f = ({fv})*x_v: the amplitude factor df/dx_v = {fv}; minus the thread's {factor}: {diff}"


@REGISTRY
def slope_is_factor(m: Maths) -> Result:
    """Along each vertical line the slope ∂f/∂x_v is GELU(x_g), the same at every point of the line."""
    fv = sympy.diff(m.get("geglu").expr, x_v)
    diff = sympy.simplify(fv - m.get("gelu")(x_g))
    return diff == 0 and x_v not in fv.free_symbols, (f"df/dx_v = {fv}; minus GELU(x_g) = {diff}; "
                                                       f"d^2f/dx_v^2 = {sympy.diff(fv, x_v)}")


# ---------------------------------------------------------------------------------------------
# the surface


@REGISTRY
def graph_is_plane(m: Maths) -> Result:
    """The graph of GEGLU is a (hyper)plane: its Hessian is 0."""
    H = facts.geglu_hessian(m)
    H0 = H.subs({x_g: 0, x_v: 0})
    flat = H.applyfunc(sympy.simplify) == sympy.zeros(2, 2)
    return flat, (f"the Hessian of GEGLU is {H.tolist()}, at the origin {H0.tolist()} (determinant {H0.det()})"
                  + (": the graph is a plane" if flat else ": not 0, so the graph curves and is no (hyper)plane"))


@REGISTRY
def sections_are_lines(m: Maths) -> Result:
    """Over each line x_g = c the graph is a straight line through the x_g axis: f(c, x_v) = GELU(c)·x_v."""
    c = sympy.Symbol("c", real=True)
    line = m.get("geglu")(c, x_v)
    slope = sympy.diff(line, x_v)
    ok = sympy.diff(line, x_v, 2) == 0 and line.subs(x_v, 0) == 0 and sympy.simplify(slope - m.get("gelu")(c)) == 0
    return ok, (f"f(c, x_v) = {line}: " + (f"for each c the straight line through the origin of slope GELU(c) = {slope}"
                                            if ok else "not a line through the origin of slope GELU(c)"))


@REGISTRY
def section_fixed_value(m: Maths) -> Result:
    """At fixed x_v = c the cross-section is c·GELU(x_g)."""
    c = sympy.Symbol("c", real=True)
    sec = m.get("geglu").expr.subs(x_v, c)
    diff = sympy.simplify(sec - c * m.get("gelu")(x_g))
    return diff == 0, f"f(x_g, c) = {sec}; minus c*GELU(x_g) it simplifies to {diff}"


@REGISTRY
def saddle_point(m: Maths) -> Result:
    """GEGLU's only critical point is a saddle at the origin."""
    pts = facts.geglu_critical(m)
    kinds = [(tuple(v for _, v in p.at), str(p.kind)) for p in pts]
    H0 = facts.geglu_hessian(m).subs({x_g: 0, x_v: 0})
    ok = kinds == [((0, 0), "saddle")]
    return ok, f"critical points of GEGLU: {kinds}; the Hessian at the origin is {H0.tolist()}, determinant {H0.det()}"


@REGISTRY
def saddle_curvature(m: Maths) -> Result:
    """The surface curves like a saddle at every point: det Hessian = f_gg·f_vv − f_gv² ≤ 0, because
    f_vv = 0 (the Gaussian curvature K ≤ 0)."""
    f = m.get("geglu").expr
    fvv, fgv = sympy.diff(f, x_v, 2), sympy.simplify(sympy.diff(f, x_g, x_v))
    ok = fvv == 0 and fgv != 0
    return ok, (f"f_vv = {fvv}, so det Hessian = -(f_gv)^2 = -({fgv})^2 <= 0 everywhere: the Gaussian curvature is "
                f"<= 0, a saddle's, wherever f_gv != 0" if ok else f"f_vv = {fvv}, f_gv = {fgv}")


@REGISTRY
def zero_on_gate_axis(m: Maths, side: str = "both") -> Result:
    """GEGLU is exactly 0 on the x_g axis (x_v = 0), on the given side (``negative``/``both``)."""
    f = m.get("geglu").expr
    q = sympy.Symbol("q", positive=True)
    on = f.subs(x_v, 0) if side == "both" else f.subs({x_g: -q, x_v: 0})
    where = "f(x_g, 0)" if side == "both" else "f(-q, 0) (q > 0)"
    return on == 0, (f"{where} = {on}: " + ("the height is 0 along the axis, so no contour f = c != 0 meets it"
                                            if on == 0 else "not 0 on the axis"))


@REGISTRY
def level_along_gate_axis(m: Maths) -> Result:
    """Along the x_g axis the surface is level: ∂f/∂x_g = 0 at x_v = 0 (across it the slope is GELU(x_g))."""
    fg, fv = gradient(m.get("geglu"))
    along, across = sympy.simplify(fg.subs(x_v, 0)), sympy.simplify(fv.subs(x_v, 0))
    return along == 0, f"on the axis x_v = 0: df/dx_g = {along} (along it), df/dx_v = {across} (across it)"


@REGISTRY
def gaussian_curvature_at(m: Maths, at: tuple[int, int] = (0, 0), unit: str = "geglu") -> Result:
    """The surface bends: its Gaussian curvature at ``at`` is not 0."""
    K = facts.gaussian_curvature(m.get(unit).expr, dict(zip((x_g, x_v), at)))
    return K != 0, f"the Gaussian curvature of z = {_name(m, unit)}(x_g, x_v) at {tuple(at)} is {sympy.simplify(K)}"


@REGISTRY
def cubic_near_zero(m: Maths, degree: int) -> Result:
    """Near 0 GEGLU is a polynomial of total degree ``degree`` (its Taylor polynomial to that degree has a
    nonzero term of that degree) plus a remainder of higher order."""
    t = facts.geglu_taylor(m, 9)
    coeffs = {mon: c for mon, c in t.coefficients().items() if sympy.simplify(c) != 0} if t.analytic else {}
    upto = sympy.Add(*[c * x_g**i * x_v**j for (i, j), c in coeffs.items() if i + j <= degree])
    top = [(i, j) for (i, j) in coeffs if i + j == degree]
    beyond = sorted({i + j for (i, j) in coeffs if i + j > degree})
    rest = f"O(|x|^{beyond[0]})" if beyond else "O(|x|^9)"
    nxt = sympy.Add(*[c * x_g**i * x_v**j for (i, j), c in coeffs.items() if beyond and i + j == beyond[0]])
    return bool(top) and t.analytic, (f"near 0, GEGLU = {upto} + {rest}: the terms of degree <= {degree} are a "
                                      f"polynomial of degree {max((i + j for i, j in coeffs if i + j <= degree), default=0)}"
                                      f"; the first nonzero term beyond them is {nxt}, of degree "
                                      f"{beyond[0] if beyond else '>= 9'}")


@REGISTRY
def leading_degree(m: Maths, degree: int) -> Result:
    """The lowest-degree nonzero Taylor term of GEGLU at 0 (what dominates near 0) has total degree ``degree``."""
    t = facts.geglu_taylor(m, 9)
    polys = [t.polynomial] if t.analytic else [p for _, p in t.sides]
    found = []
    for p in polys:
        terms = sympy.Poly(sympy.expand(p), x_g, x_v).terms() if p != 0 else []
        low = min((i + j for (i, j), _ in terms), default=None)
        found.append((low, sympy.Add(*[c * x_g**i * x_v**j for (i, j), c in terms if i + j == low])))
    lows = {lo for lo, _ in found}
    where = "" if t.analytic else f" (on the sides {', '.join(str(c) for c, _ in t.sides)})"
    return lows == {degree}, (f"the lowest-degree Taylor term of GEGLU at 0{where} is "
                              f"{', '.join(str(term) for _, term in found)}, of degree "
                              f"{', '.join(str(lo) for lo, _ in found)}: it dominates near 0")


@REGISTRY
def side_specific(m: Maths, side: str) -> Result:
    """GEGLU behaves differently on the ``side`` of 0 than on the other: its expansion at 0 is one-sided,
    or its degree-3 terms are odd in x_g (so that they act on one side against the other)."""
    t = facts.geglu_taylor(m, 9)
    if not t.analytic:
        return not t.analytic, (f"GEGLU's Taylor expansion at 0 is one-sided: "
                                + "; ".join(f"{p} for {c}" for c, p in t.sides))
    cubic = {(i, j): c for (i, j), c in t.coefficients().items() if i + j == 3 and sympy.simplify(c) != 0}
    even = all(i % 2 == 0 for i, _ in cubic)
    term = sympy.Add(*[c * x_g**i * x_v**j for (i, j), c in cubic.items()])
    ok = not t.analytic or (bool(cubic) and not even)
    return ok, (f"GEGLU's Taylor expansion at 0 is {'the same on both sides (analytic)' if t.analytic else 'one-sided'}"
                f"; its degree-3 part {term} is {'even' if even else 'not even'} in x_g, with no x_g^3 term: "
                f"the same on the {side} side as on the other")


@REGISTRY
def closed_contours(m: Maths) -> Result:
    """Some level curve f = c ≠ 0 is closed (a 'sausage'): it would enclose a local extremum."""
    pts = facts.geglu_critical(m)
    extremal = [p for p in pts if p.kind in ("minimum", "maximum")]
    ls = facts.geglu_level_set(m)
    c = sympy.Symbol("c", positive=True)
    sol = elementary(ls.solution.subs(ls.c, c))
    ends = {f"x_g -> {to}{d if to == 0 else ''}": sympy.limit(sol, x_g, to, d)
            for to, d in ((0, "+"), (0, "-"), (oo, "-"), (-oo, "+"))}
    off = [k for k, v in ends.items() if not facts.finite(v)]
    return bool(extremal), (f"critical points of GEGLU: {[(tuple(v for _, v in p.at), str(p.kind)) for p in pts]}: "
                            f"{'a local extremum' if extremal else 'no local extremum, so no level set has a bounded component'}"
                            f"; on the level curve x_v = {ls.solution} (c > 0), x_v -> "
                            + ", ".join(f"{v} as {k}" for k, v in ends.items())
                            + (f": it runs off to |x_v| = oo ({'; '.join(off)}), unbounded, not closed" if off else ""))


# ---------------------------------------------------------------------------------------------
# level sets


@REGISTRY
def level_set_is(m: Maths) -> Result:
    """f = c ⇔ x_v = c/GELU(x_g) wherever GELU(x_g) ≠ 0."""
    ls = facts.geglu_level_set(m)
    back = sympy.simplify(m.get("geglu").expr.subs(x_v, ls.solution) - ls.c)
    same = sympy.simplify(ls.solution - ls.c / m.get("gelu")(x_g)) == 0
    return back == 0 and same, (f"f = c solved for x_v (glusym.level_set): x_v = {ls.solution}, where {ls.condition}; "
                                f"substituted back, f - c = {back}")


def _left_branch(m: Maths, c: int = 1) -> list[tuple[int, Any]]:
    ls = facts.geglu_level_set(m)
    f1 = to_mpmath(ls.solution.subs(ls.c, c))
    with mpmath.workdps(30):
        return [(t, f1(t)) for t in (-1, -2, -3, -4, -5)]


@REGISTRY
def contours_rational(m: Maths) -> Result:
    """The level curves x_v = c/GELU(x_g) are rational: the solution is a rational function of x_g."""
    ls = facts.geglu_level_set(m)
    c = sympy.Symbol("c", positive=True)
    sol = elementary(ls.solution.subs(ls.c, c))
    rational = sol.is_rational_function(x_g)
    a = facts.gelu_asymptotes(m)
    left = _left_branch(m)
    ratios = [abs(left[i + 1][1] / left[i][1]) for i in range(len(left) - 1)]
    return bool(rational), (f"x_v = {ls.solution} is {'' if rational else 'not '}a rational function of x_g"
                            + ("" if rational else
                               f", nor algebraic: GELU(x_g) -> {a.minus.limit} as x_g -> -oo with growth order "
                               f"{a.minus.growth_order} (faster than any power), so |x_v| grows faster than any power of "
                               f"|x_g|, which no algebraic curve does; on f = 1 the ratios |x_v(x_g - 1)/x_v(x_g)| from "
                               f"x_g = -1 to -5 are {', '.join(mpmath.nstr(r, 4) for r in ratios)} (growing, where a "
                               f"power law would tend to 1)"))


@REGISTRY
def contours_hyperbola_like(m: Maths, side: str) -> Result:
    """On the ``side`` of the x_v axis (positive or negative x_g) each level curve resembles a hyperbola:
    x_g·x_v tends to a finite nonzero limit at both ends of the branch (x_g → 0 and x_g → ±∞)."""
    ls = facts.geglu_level_set(m)
    c = sympy.Symbol("c", positive=True)
    prod = elementary(x_g * ls.solution.subs(ls.c, c))
    sgn, inf = ("+", oo) if side.startswith("pos") else ("-", -oo)
    ends = (sympy.limit(prod, x_g, 0, sgn), sympy.limit(prod, x_g, inf))
    ok = all(facts.finite(e) and e != 0 for e in ends)
    return ok, (f"for x_g {'>' if sgn == '+' else '<'} 0, on x_v = {ls.solution}: x_g*x_v -> {ends[0]} as x_g -> 0{sgn} "
                f"and -> {ends[1]} as x_g -> {inf}: "
                + ("hyperbola-like (x_g*x_v about constant at both ends)" if ok else
                   "not hyperbola-like: a hyperbola keeps x_g*x_v constant"
                   + (f"; there each branch is U-shaped, |x_v| >= c/{n(-facts.gelu_bounds(m)['inf'])}, with both ends at "
                      "|x_v| = oo" if sgn == "-" and facts.gelu_extrema(m)["min"] else "")))


@REGISTRY
def arms_pinch(m: Maths) -> Result:
    """Toward x_g → −∞ the left arms of a contour x_v = c/GELU(x_g) pinch: |x_v| stays bounded there."""
    ls = facts.geglu_level_set(m)
    c = sympy.Symbol("c", positive=True)
    far = sympy.limit(elementary(abs(ls.solution.subs(ls.c, c))), x_g, -oo)
    left = _left_branch(m)
    lows = facts.gelu_extrema(m)["min"]
    closest = (f"; |x_v| >= {n(1 / -lows[0].value, 4)}|c| on x_g < 0 (closest at x_g = {n(lows[0].at[0][1])})"
               if lows else "")
    return facts.finite(far), (f"on x_g < 0 the contour f = c is x_v = {ls.solution}, and |x_v| -> {far} as x_g -> -oo"
                               f"{closest}: on f = 1, x_v = {mpmath.nstr(left[0][1], 4)} at x_g = -1 and "
                               f"{mpmath.nstr(left[-1][1], 4)} at x_g = -5"
                               + ("" if facts.finite(far) else ": the arms flare out, they do not pinch"))


@REGISTRY
def output_small_left(m: Maths, at: Any = -1) -> Result:
    """Over x_g < 0 the output is close to 0: at x_g = ``at`` the line f(at, x_v) = GELU(at)·x_v is 0."""
    g = m.get("gelu")(at)
    if g == 0:
        return g == 0, f"GELU({at}) = 0: f({at}, x_v) = 0 for every x_v"
    return g == 0, (f"GELU({at}) = {n(g)}, so f({at}, x_v) = GELU({at})*x_v is unbounded: f = 1 passes through "
                   f"(x_g, x_v) = ({at}, {n(1 / g)}); contours do run over x_g < 0, only the axis itself has f = 0")


# ---------------------------------------------------------------------------------------------
# the gradient


@REGISTRY
def gradient_is(m: Maths) -> Result:
    """∇GEGLU = (x_v·GELU′(x_g), GELU(x_g))."""
    gx, gv = gradient(m.get("geglu"))
    gelu = m.get("gelu")
    dg = facts.dgelu(m)
    a, b = sympy.simplify(gx - x_v * dg.subs(x, x_g)), sympy.simplify(gv - gelu(x_g))
    return a == 0 and b == 0, (f"grad f = ({gx}, {gv}) with GELU'(x) = {dg}; minus (x_v*GELU'(x_g), GELU(x_g)): "
                               f"({a}, {b})")


@REGISTRY
def slope_constant_along_value(m: Maths) -> Result:
    """Along x_v the directional derivative ∂f/∂x_v does not change: ∂²f/∂x_v² = 0."""
    fg, fv = gradient(m.get("geglu"))
    return sympy.diff(fv, x_v) == 0, (f"df/dx_v = {fv}, d/dx_v of it = {sympy.diff(fv, x_v)}: constant along each "
                                      f"line x_g = c (the other component, df/dx_g = {fg}, changes with x_v)")


@REGISTRY
def gradient_limit(m: Maths, side: str, value: Any) -> Result:
    """At fixed x_v both components of ∇f, x_v·GELU′(x_g) and GELU(x_g), tend to ``value`` as x_g → ``side``."""
    direction = -oo if side.startswith("-") else oo
    a, da = facts.gelu_asymptotes(m), facts.dgelu_asymptotes(m)
    g, d = (a.minus, da.minus) if direction == -oo else (a.plus, da.plus)
    v = _exact(value)
    ok = g.limit == v and d.limit == v
    return ok, (f"as x_g -> {direction}: GELU'(x_g) -> {d.limit} (growth order {d.growth_order}) and GELU(x_g) -> "
                f"{g.limit} (growth order {g.growth_order}), so at fixed x_v grad f -> (x_v*{d.limit}, {g.limit}), "
                f"against the thread's {v}")


@REGISTRY
def slope_peak_near(m: Maths, at: Any) -> Result:
    """GELU′(x_g), the x_g-slope per unit x_v, has one peak, at a point that rounds to ``at`` at the
    precision the thread writes it (≈ 1: within 0.5)."""
    peaks = facts.dgelu_extrema(m)["max"]
    if len(peaks) != 1:
        return len(peaks) == 1, f"GELU'(x_g) has {len(peaks)} local maxima"
    p = peaks[0]
    where = p.at[0][1]
    tol = facts.precision(at)
    ok = bool(abs(sympy.N(where - _exact(at), 30)) < float(tol))
    at_ = f"{where}" if isinstance(where, sympy.Rational) else f"{where} = {n(where)}"
    return ok, (f"GELU'(x_g) peaks once, at x_g = {at_} (GELU''(x) = "
                f"{sympy.factor(sympy.diff(facts.dgelu(m), x))} = 0 there), height {n(p.value)}; against the thread's "
                f"{at}, |{n(where)} - {at}| {'<' if ok else '>='} {tol} (the precision the thread writes it with)")


@REGISTRY
def gradient_peaks(m: Maths) -> Result:
    """The gradient as a whole peaks: its other component ∂f/∂x_v = GELU(x_g), and so |∇f|, has a maximum."""
    ext, a = facts.gelu_extrema(m), facts.gelu_asymptotes(m)
    ok = bool(ext["max"]) and a.plus.limit != oo
    maxima = f"{len(ext['max'])} maxima" if ext["max"] else "no maximum"
    return ok, (f"the other component df/dx_v = GELU(x_g) has {maxima} and tends to {a.plus.limit} "
                f"(growth order {a.plus.growth_order}) as x_g -> +oo: "
                + ("it peaks" if ok else "it has no peak" + (", and |grad f| >= |GELU(x_g)| grows without bound"
                                                            if a.plus.limit == oo else "")))


@REGISTRY
def slope_falls_after_peak(m: Maths) -> Result:
    """After its peak GELU′ falls again: its limit at +∞ is below its peak value."""
    peaks, da = facts.dgelu_extrema(m)["max"], facts.dgelu_asymptotes(m)
    ok = len(peaks) == 1 and bool(sympy.N(peaks[0].value - da.plus.limit, 30) > 0)
    top = f"{n(peaks[0].value)} at x_g = {n(peaks[0].at[0][1])}" if peaks else "(no peak)"
    return ok, f"GELU'(x_g) falls from its peak {top} toward its limit {da.plus.limit} as x_g -> +oo"


@REGISTRY
def asymptote_is(m: Maths, slope: Any, intercept: Any) -> Result:
    """GELU(x_g) settles onto the line slope·x_g + intercept as x_g → +∞ (its oblique asymptote)."""
    a = facts.gelu_asymptotes(m)
    target = (_exact(slope), _exact(intercept))
    slope_, icpt = a.plus.oblique
    return tuple(a.plus.oblique) == target, (f"GELU(x_g)'s asymptote at +oo is y = {slope_ * x_g + icpt} (leading "
                                             f"term {a.plus.leading.subs(x, x_g)}), against the thread's "
                                             f"y = {target[0] * x_g + target[1]}")


# ---------------------------------------------------------------------------------------------
# the vector form


@REGISTRY
def elementwise_product(m: Maths, d: int = 2, k: int = 3) -> Result:
    """vector_form(geglu): coordinate j of y is GELU(g_j)·v_j, the Hadamard (element-wise) product."""
    y, G, V = facts.symbolic_vector(m, d, k)
    ok = y.shape == (1, k) and all(sympy.simplify(y[0, j] - m.get("gelu")(G[0, j]) * V[0, j]) == 0 for j in range(k))
    return ok, (f"vector_form(geglu, {d}, {k}) has shape {y.shape}; entry j minus GELU(g_j)*v_j simplifies to 0 for "
                f"every j" if ok else f"vector_form(geglu, {d}, {k}) is not GELU(g) ⊙ v entry by entry")


@REGISTRY
def kronecker_product(m: Maths, k: int = 3) -> Result:
    """y is the tensor (Kronecker) product GELU(g) ⊗ v: it has (d_ff/2)² coordinates."""
    y, G, V = facts.symbolic_vector(m, 2, k)
    kron = sympy.kronecker_product(G.applyfunc(m.get("gelu")), V)
    return kron.shape == y.shape, (f"y = vector_form(geglu) has shape {y.shape} (d_ff/2 = {k}); the Kronecker product "
                                   f"of two {k}-vectors has shape {kron.shape}: y is the Hadamard product "
                                   f"GELU(g) ⊙ v (\\odot), not GELU(g) ⊗ v")


@REGISTRY
def output_size(m: Maths, fraction: Any, half: int = 3) -> Result:
    """y has d_ff·``fraction`` coordinates, d_ff = 2·half being the width of the joint projection [W_g W_v]."""
    y, _, _ = facts.symbolic_vector(m, 2, half)
    d_ff = 2 * half
    want = d_ff * _exact(fraction)
    return y.shape[1] == want, (f"with g = hW_g and v = hW_v of {half} coordinates each (d_ff = {d_ff}), y = GELU(g) ⊙ v "
                                f"has {y.shape[1]} coordinates: it lies in R^(d_ff/2), against the thread's "
                                f"d_ff*{_exact(fraction)} = {want}")


def _against_value(m: Maths) -> tuple[Any, Any]:
    """y at h = 1 (d = 1, W_g = (1, −1), W_v = (1, 1)) and its cross product with v = hW_v = (1, 1)."""
    h, y = facts.reachable_curve(m)
    y1 = y.subs(h, 1)
    return y1, sympy.N(y1[0, 0] * 1 - y1[0, 1] * 1, 6)


@REGISTRY
def output_in_value_span(m: Maths) -> Result:
    """y lies in the span of the values hW_v (d = 1, W_g = (1, −1), W_v = (1, 1), h = 1)."""
    y1, cross = _against_value(m)
    return cross == 0, (f"with d = 1, W_g = (1, -1), W_v = (1, 1), h = 1 the values span the line through v = (1, 1) and "
                        f"y = ({n(y1[0, 0])}, {n(y1[0, 1])}), whose cross product with v is {n(cross)}"
                        + ("" if cross == 0 else ": y leaves the values' span; the outputs live in the hidden space "
                           "R^(d_ff/2), not in that subspace"))


@REGISTRY
def output_keeps_direction(m: Maths) -> Result:
    """y = GELU(g) ⊙ v keeps the direction of v (d = 1, W_g = (1, −1), W_v = (1, 1), h = 1)."""
    y1, cross = _against_value(m)
    return cross == 0, (f"v = (1, 1) and g = (1, -1) give y = GELU(g) ⊙ v = ({n(y1[0, 0])}, {n(y1[0, 1])}), cross "
                        f"product with v {n(cross)}: "
                        + ("parallel" if cross == 0 else "a new direction, unless all the gates are equal"))


@REGISTRY
def value_span_dimension(m: Maths, fraction: Any) -> Result:
    """The values {hW_v} span a subspace of dimension d_ff·``fraction`` (example: d = 2, d_ff/2 = 3, a
    generic full-rank W_v)."""
    Wv = sympy.Matrix([[1, 0, 2], [0, 1, 1]])
    d, k = Wv.shape
    want = 2 * k * _exact(fraction)
    dim = Wv.rank()
    return dim == want, (f"the values v = hW_v (h a row of R^d) fill the row space of W_v, of dimension rank(W_v) <= "
                         f"min(d, d_ff/2): with d = {d}, d_ff/2 = {k}, W_v = {Wv.tolist()} (full rank) it is {dim}, "
                         f"against the thread's d_ff*{_exact(fraction)} = {want}; d_ff/2 only when d >= d_ff/2")


@REGISTRY
def values_in_model_space(m: Maths) -> Result:
    """The values hW_v are vectors of the model's representation space R^d."""
    Wv = sympy.Matrix([[1, 0, 2], [0, 1, 1]])
    d, k = Wv.shape
    y, _, V = facts.symbolic_vector(m, d, k)
    return V.shape[1] == d, (f"v = hW_v has {V.shape[1]} coordinates (d_ff/2 = {k}, d = {d}), as y has {y.shape[1]}: "
                             f"the values are vectors of the hidden space R^(d_ff/2) (the row space of W_v), not of the "
                             f"model space R^d, where the columns of W_v lie; a linear subspace (h = 0 gives v = 0)")


def _reach(m: Maths) -> tuple[bool, str]:
    """Is 2·y(1) on the curve y(h)? Every h with y_1(h) = 2·y_1(1) is found (sampled on [−12, 12], refined)
    and its y_2 compared."""
    def compute() -> tuple[bool, str]:
        h, y = facts.reachable_curve(m)
        y1 = y.subs(h, 1)
        t1, t2 = 2 * y1[0, 0], 2 * y1[0, 1]
        cands = facts.sign_changes((y[0, 0] - t1).subs(h, x), lo=-12, hi=12, samples=481)
        f2 = to_mpmath(y[0, 1].subs(h, x)) if y[0, 1].has(h) else (lambda t: mpmath.mpf(str(sympy.N(y[0, 1], 30))))
        with mpmath.workdps(30):
            misses = [f2(c) - mpmath.mpf(str(sympy.N(t2, 30))) for c in cands]
        reached = any(abs(e) < mpmath.mpf(10) ** -20 for e in misses)
        text = (f"with d = 1, d_ff/2 = 2, W_g = (1, -1), W_v = (1, 1), vector_form gives the reachable set y(h) = "
                f"({y[0, 0]}, {y[0, 1]}), a curve; y(1) = ({n(y1[0, 0])}, {n(y1[0, 1])}) is on it; 2*y(1) = "
                f"({n(t1)}, {n(t2)}) needs y_1(h) = {n(t1)}, only at h in {[mpmath.nstr(c, 6) for c in cands]} "
                f"(searched on [-12, 12]), where y_2(h) - 2*y_2(1) = {[mpmath.nstr(e, 6) for e in misses]}: "
                + ("reached" if reached else "2*y(1) is not reached, so the set is not closed under scaling: not a cone"))
        return reached, text
    return m.memo("reach-2y1", compute)


@REGISTRY
def reachable_is_cone(m: Maths) -> Result:
    """The reachable set {GELU(hW_g) ⊙ hW_v : h} is a cone: with y(1) it contains 2·y(1)."""
    return _reach(m)


@REGISTRY
def reachable_in_value_span(m: Maths) -> Result:
    """The reachable set lies inside the value subspace: y(1) is a multiple of v(1) = (1, 1)
    (d = 1, W_g = (1, −1), W_v = (1, 1))."""
    h, y = facts.reachable_curve(m)
    y1 = y.subs(h, 1)
    cross = sympy.N(y1[0, 0] * 1 - y1[0, 1] * 1, 6)
    return cross == 0, (f"with d = 1, W_g = (1, -1), W_v = (1, 1) the values span the line through (1, 1); the reachable "
                        f"point y(1) = ({n(y1[0, 0])}, {n(y1[0, 1])}) has cross product {n(cross)} with it"
                        + ("" if cross == 0 else ": the reachable set leaves the value subspace"))


# ---------------------------------------------------------------------------------------------
# the ReLU gate against the GELU gate


def _sides(unit: Any) -> tuple[sympy.Expr, sympy.Expr]:
    """A unit's expression on x_g < 0 and on x_g > 0 (its Piecewise resolved)."""
    p = sympy.Symbol("p", positive=True)
    return unit.expr.subs(x_g, -p).subs(p, -x_g), unit.expr.subs(x_g, p).subs(p, x_g)


@REGISTRY
def clips_half_plane(m: Maths, unit: str = "reglu") -> Result:
    """The unit is 0 on the whole half-plane x_g ≤ 0 and not 0 on x_g > 0."""
    left, right = _sides(m.get(unit))
    at0 = m.get(unit).expr.subs(x_g, 0)
    ok = left == 0 and at0 == 0 and right != 0
    return ok, f"{_name(m, unit)} = {left} on x_g < 0, {at0} at x_g = 0 and {right} on x_g > 0 (stationary sets: " \
               f"{[(s.region, s.value) for s in stationary_sets(m.get(unit))]})"


@REGISTRY
def crease(m: Maths, unit: str = "reglu") -> Result:
    """The unit's x_g-slope jumps across x_g = 0 (a crease: not differentiable there, for x_v ≠ 0)."""
    fg = sympy.diff(m.get(unit).expr, x_g)
    p = sympy.Symbol("p", positive=True)
    right = sympy.limit(sympy.simplify(fg.subs(x_g, p)), p, 0)
    left = sympy.limit(sympy.simplify(fg.subs(x_g, -p)), p, 0)
    jump = sympy.simplify(right - left)
    return jump != 0, f"d{_name(m, unit)}/dx_g -> {left} as x_g -> 0- and -> {right} as x_g -> 0+: a jump of {jump}"


@REGISTRY
def flat_half_cone(m: Maths, side: str, unit: str = "reglu") -> Result:
    """The unit's piece over the half-plane ``side`` (x_g < 0 or x_g > 0) is a flat half-cone: Gaussian
    curvature 0 and closed under scaling (f(tx) = t·f(x), t > 0)."""
    left, right = _sides(m.get(unit))
    piece = left if side.startswith("neg") else right
    K = facts.gaussian_curvature(piece)
    t = sympy.Symbol("t", positive=True)
    cone = sympy.simplify(piece.subs({x_g: t * x_g, x_v: t * x_v}, simultaneous=True) - t * piece) == 0
    where = "x_g < 0" if side.startswith("neg") else "x_g > 0"
    return K == 0 and cone, (f"on {where}, z = {piece}: Gaussian curvature {K}, "
                             f"{'closed' if cone else 'not closed'} under scaling (z(t x) = "
                             f"{sympy.factor(piece.subs({x_g: t * x_g, x_v: t * x_v}, simultaneous=True))})"
                             + ("" if K == 0 and cone else ": a saddle (a piece of hyperbolic paraboloid), not a flat "
                                "half-cone"))


@REGISTRY
def step_smoothed(m: Maths, band: Any = 2) -> Result:
    """GEGLU is ReGLU with the step replaced by a sigmoid: GEGLU = s(x_g)·x_g·x_v and ReGLU = H(x_g)·x_g·x_v,
    with s monotone from 0 to 1; |s − H| is small outside the band |x_g| < ``band``."""
    g = facts.gelu_gate(m)
    s = g["gate"].subs(x, x_g)
    gated = sympy.simplify(m.get("geglu").expr - s * x_g * x_v) == 0
    left, right = _sides(m.get("reglu"))
    step = (sympy.simplify(left / (x_g * x_v)), sympy.simplify(right / (x_g * x_v)))
    lo, at0, hi = g["values"]
    sigmoid = gated and (lo, hi) == (0, 1) and not g["extrema"] and facts.finite(at0)
    gap = max(sympy.N(s.subs(x_g, -band), 6), sympy.N(1 - s.subs(x_g, band), 6)) if sigmoid else None
    ok = sigmoid and step == (0, 1)
    return ok, (f"GEGLU = ({s})*x_g*x_v and ReGLU = H(x_g)*x_g*x_v (ReGLU/(x_g x_v) = {step[0]} for x_g < 0, {step[1]} "
                f"for x_g > 0); {s} tends to {lo} and {hi} at -oo and +oo"
                + (f", monotone: a sigmoid; |{s} - H(x_g)| <= {gap} outside |x_g| < {band}: the step smoothed over a "
                   f"band" if ok else ": not a sigmoid between 0 and 1"))

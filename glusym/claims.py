r"""The claims ledger: every mathematical claim of the two documents, with a computed verdict.

Each row quotes the document exactly (an excerpt of its text), gives a verdict — ``holds``,
``fails``, ``partly`` or ``not checkable`` — the evidence glusym computed when the ledger was
built (an exact value, a limit, where a maximum is), and where the document is wrong, the true
statement. Nothing here is a verdict written by hand: each prose claim has a check that runs
glusym's analyses, and the formulas of the post are judged by :mod:`glusym.check`.

The documents are read from a folder (default ``../shared/seeds``): ``swiglu-intuition.md`` (a
Markdown post) and ``geglu-geometry.txt`` (a thread saved from a web page, where each formula
appears twice, rendered and as LaTeX, run together).

>>> from pathlib import Path
>>> import glusym.claims as claims
>>> rows = claims.build_ledger(Path("../shared/seeds"))           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import mpmath
import sympy
from sympy import Rational, oo

from .analysis.asymptotes import asymptotes
from .analysis.calculus import gradient, hessian
from .analysis.depth import growth_profile, stack
from .analysis.extrema import critical_points, extrema, inflections, level_set, stationary_sets
from .analysis.limits import param_limits
from .analysis.taylor import taylor
from .catalogue import get, vector_form, x, x_g, x_v
from .errors import GlusymError
from .functions import Phi, elementary
from .numeric import to_mpmath

__all__ = ["DOCUMENTS", "Claim", "build_ledger", "counts", "VERDICTS"]

POST = "swiglu-intuition.md"
THREAD = "geglu-geometry.txt"
DOCUMENTS = (POST, THREAD)
VERDICTS = ("holds", "fails", "partly", "not checkable")


@dataclass(frozen=True)
class Claim:
    """One row of the ledger."""

    document: str
    quote: str
    verdict: str
    evidence: str
    correction: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise GlusymError(f"verdict {self.verdict!r} is not one of {VERDICTS}")

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "quote": self.quote, "verdict": self.verdict,
                "evidence": self.evidence, "correction": self.correction}


Verdict = tuple[str, str, "str | None"]


def _n(e: Any, digits: int = 6) -> str:
    return str(sympy.N(e, digits))


def _oblique(beh: Any) -> str:
    a, b = beh.oblique
    return str(a * beh.variable + b)


# ---------------------------------------------------------------------------------------------
# facts about GELU and GEGLU, computed once per ledger


@lru_cache(maxsize=1)
def _gelu_facts() -> dict[str, Any]:
    gelu = get("gelu")
    (dgelu,) = gradient(gelu)
    (minimum,) = extrema(gelu)
    infl = inflections(gelu)
    a = asymptotes(gelu)
    da = asymptotes(dgelu)
    dmax = [p for p in extrema(dgelu) if p.kind == "maximum"]
    x_one = mpmath.findroot(lambda t: t * mpmath.ncdf(t) - 1, 1.1)
    # the gate of GELU(x) = x*gate(x), and whether GEGLU reads as gate(x_g)*(x_g*x_v) (the gated reading)
    gate = sympy.simplify(gelu.expr / x)
    gate_values = (sympy.limit(elementary(gate), x, -oo), gate.subs(x, 0), sympy.limit(elementary(gate), x, oo))
    gated = sympy.simplify(get("geglu").expr - gate.subs(x, x_g) * (x_g * x_v)) == 0
    return {
        "expr": gelu.expr, "d": dgelu, "min": minimum, "inflections": infl, "plus": a.plus, "minus": a.minus,
        "d_plus": da.plus, "d_minus": da.minus, "d_max": dmax, "x_one": x_one,
        "max": [p for p in extrema(gelu) if p.kind == "maximum"], "at0": gelu(0), "two": gelu(2),
        "gate": gate, "gate_values": gate_values, "gated": gated,
    }


def _combine(*parts: bool) -> str:
    """The verdict on a claim of several computed sub-claims: ``holds`` when all are true,
    ``fails`` when none is, ``partly`` otherwise."""
    truths = [bool(p) for p in parts]
    return "holds" if all(truths) else "fails" if not any(truths) else "partly"


# ---------------------------------------------------------------------------------------------
# the GeGLU thread


def _thread_form() -> Verdict:
    geglu = get("geglu")
    ok = sympy.simplify(geglu.expr - x_g * Phi(x_g) * x_v) == 0
    return ("holds" if ok else "fails",
            f"glusym's geglu is {geglu.expr} = GELU(x_g)*x_v, with GELU(x) = x*Phi(x) exactly", None)


def _thread_codomain() -> Verdict:
    f = get("geglu").expr
    c = sympy.Symbol("c", real=True)
    back = sympy.simplify(f.subs({x_g: 1, x_v: c / Phi(1)}))
    return ("holds" if back == c else "fails",
            f"f(1, c/Phi(1)) = {back} for every real c: one neuron reaches every real value", None)


def _thread_gate_range() -> Verdict:
    g = _gelu_facts()
    target = (0, Rational(1, 2), 1)  # far negative, at the origin, large positive
    gate = g["gate"].subs(x, x_g)
    # reading 1 (the gated reading, x_g*Phi(x_g)*x_v = Phi(x_g)*(x_g*x_v)): the gate is Phi(x_g)
    gate_ok = bool(g["gated"]) and tuple(g["gate_values"]) == target
    # reading 2: the gate is the factor multiplying x_v, GELU(x_g)
    factor_values = (g["minus"].limit, g["at0"], g["plus"].limit)
    factor_ok = factor_values == target
    verdict = _combine(gate_ok, factor_ok)
    return (verdict,
            f"two readings, computed: (1) the gated reading, GEGLU = {gate}*(x_g*x_v) "
            f"({'exactly' if g['gated'] else 'NOT'}), with gate {gate}: limits and value "
            f"(-oo, 0, +oo) = {tuple(g['gate_values'])}: {'holds' if gate_ok else 'fails'}; (2) the factor multiplying "
            f"x_v, GELU(x_g) = x_g*Phi(x_g): (-oo, 0, +oo) = {factor_values} (growth order "
            f"{g['plus'].growth_order} at +oo; negative for x_g < 0, minimum {_n(g['min'].value)} at x_g = "
            f"{_n(g['min'].at[0][1])}): {'holds' if factor_ok else 'fails'}",
            None if verdict == "holds" else
            f"true of the gate {gate} of the gated reading {gate}*(x_g*x_v); the factor that multiplies "
            f"x_v, GELU(x_g), is 0 at the origin, dips to {_n(g['min'].value)} at x_g = {_n(g['min'].at[0][1])}, "
            "tends to 0 as x_g -> -oo and grows like x_g as x_g -> +oo")


def _thread_value_linear() -> Verdict:
    f = get("geglu").expr
    ok = sympy.diff(f, x_v, 2) == 0 and f.subs(x_v, 0) == 0
    return ("holds" if ok else "fails", f"d^2f/dx_v^2 = {sympy.diff(f, x_v, 2)} and f(x_g, 0) = {f.subs(x_v, 0)}: "
            "f is linear in x_v with slope GELU(x_g)", None)


def _thread_flat_axis() -> Verdict:
    f = get("geglu").expr
    grad_axis = [sympy.simplify(g.subs(x_v, 0)) for g in gradient(get("geglu"))]
    ok = f.subs(x_v, 0) == 0
    return ("holds" if ok else "fails",
            f"f(x_g, 0) = {f.subs(x_v, 0)} for every x_g; the gradient there is {tuple(grad_axis)}: the height "
            "is 0 along the axis, though the surface tilts across it with slope GELU(x_g)", None)


def _thread_bell() -> Verdict:
    g = _gelu_facts()
    # a bell: one maximum, tending to 0 on both sides
    bell = g["minus"].limit == 0 and g["plus"].limit == 0 and len(g["max"]) == 1
    return ("holds" if bell else "fails",
            f"x_g*Phi(x_g) tends to {g['minus'].limit} at -oo and to {g['plus'].limit} at +oo "
            f"(oblique asymptote y = {_oblique(g['plus'])}); its maxima: {len(g['max'])}, its minimum "
            f"{_n(g['min'].value)} at {_n(g['min'].at[0][1])}: {'a bell' if bell else 'not bell-shaped'}. "
            "The bell curve is phi(x_g) = Phi'(x_g)",
            None if bell else
            f"the amplitude factor x_g*Phi(x_g) = GELU(x_g) is a ramp: about 0 on the left, about x_g on the "
            f"right, with a shallow dip to {_n(g['min'].value)} at x_g = {_n(g['min'].at[0][1])}")


def _thread_cross_sections() -> Verdict:
    f = get("geglu").expr
    gelu = get("gelu")
    c = sympy.Symbol("c", real=True)
    ok1 = sympy.simplify(f.subs(x_v, c) - c * gelu(x_g)) == 0
    ok2 = sympy.simplify(f.subs(x_g, c) - gelu(c) * x_v) == 0 and f.subs({x_g: c, x_v: 0}) == 0
    return ("holds" if ok1 and ok2 else "fails",
            f"f(x_g, c) = c*GELU(x_g) and f(c, x_v) = GELU(c)*x_v: a line through the origin of slope GELU(c)", None)


def _thread_saddle() -> Verdict:
    pts = critical_points(get("geglu"))
    kinds = {(tuple(v for _, v in p.at)): p.kind for p in pts}
    h = hessian(get("geglu")).subs({x_g: 0, x_v: 0})
    ok = kinds.get((0, 0)) == "saddle"
    return ("holds" if ok else "fails",
            f"critical points: {kinds}; the Hessian at the origin is {h.tolist()}, determinant {h.det()} < 0", None)


def _thread_level_sets() -> Verdict:
    ls = level_set(get("geglu"))
    c = ls.c
    back = sympy.simplify(get("geglu").expr.subs(x_v, ls.solution) - c)
    return ("holds" if back == 0 else "fails",
            f"f = c solved for x_v: x_v = {ls.solution}, where {ls.condition}; substituted back, f - c = {back}", None)


def _thread_contours() -> Verdict:
    geglu, gelu = get("geglu"), get("gelu")
    minimum = _gelu_facts()["min"]
    q = sympy.Symbol("q", positive=True)
    on_axis = geglu.expr.subs({x_g: -q, x_v: 0})
    no_crossing = on_axis == 0  # f = 0 on the negative x_g axis, so no contour f = c != 0 meets it
    x0 = Rational(-1)
    at_x0 = gelu(x0)
    # the reason given: the output in x_g < 0 is (arbitrarily close to) 0; but f(-1, x_v) = GELU(-1)*x_v
    reason = at_x0 == 0
    verdict = "fails" if not no_crossing else "holds" if reason else "partly"
    reach = f"f = 1 passes through (x_g, x_v) = (-1, {_n(1 / at_x0)})" if not reason else "f(-1, x_v) = 0"
    return (verdict,
            f"on the negative x_g axis f(-q, 0) = {on_axis} (q > 0), so a contour f = c != 0 crosses no part of it: "
            f"{'true' if no_crossing else 'false'}; the reason, read as 'the output in x_g < 0 is near 0': "
            f"GELU(-1) = {_n(at_x0)}, so f(-1, x_v) = GELU(-1)*x_v is unbounded and {reach}: "
            f"{'true' if reason else 'false'}; f is exactly 0 on the whole x_g axis; as x_g -> -oo, GELU -> 0 and "
            f"the arms go off to |x_v| -> oo rather than pinching (GELU's minimum {_n(minimum.value)} at "
            f"{_n(minimum.at[0][1])} is where |x_v| is smallest on that side)",
            None if verdict == "holds" else
            f"no contour f = c != 0 meets the x_g axis, where f = 0 exactly; in x_g < 0 each contour "
            f"x_v = c/GELU(x_g) has |x_v| >= |c|/{_n(-minimum.value)} and runs off to infinity as x_g -> -oo")


def _thread_gradient_formula() -> Verdict:
    gx, gv = gradient(get("geglu"))
    gelu = get("gelu")
    (dg,) = gradient(gelu)
    ok = sympy.simplify(gx - x_v * dg.subs(x, x_g)) == 0 and sympy.simplify(gv - gelu(x_g)) == 0
    return ("holds" if ok else "fails", f"grad f = ({gx}, {gv}) with GELU'(x) = {dg}", None)


def _thread_gradient_constant() -> Verdict:
    _, gv = gradient(get("geglu"))
    ok = sympy.diff(gv, x_v) == 0
    return ("holds" if ok else "fails", f"df/dx_v = {gv} does not depend on x_v", None)


def _thread_vanish() -> Verdict:
    gx, gv = gradient(get("geglu"))
    lims = [sympy.limit(elementary(g.subs(x_v, 1)), x_g, -oo) for g in (gx, gv)]
    ok = all(v == 0 for v in lims)
    return ("holds" if ok else "fails",
            f"at fixed x_v = 1, both components tend to {lims} as x_g -> -oo (exponentially: GELU has growth order "
            f"{_gelu_facts()['minus'].growth_order} there)", None)


def _thread_peak() -> Verdict:
    g = _gelu_facts()
    peaks = g["d_max"]
    where = peaks[0].at[0][1] if len(peaks) == 1 else None
    # "peak around x_g ~ 1", read as: GELU'(x_g), the x_g-slope per unit x_v, has one peak, of order 1
    # (between 1/2 and 2)
    one_peak = where is not None and Rational(1, 2) < where < 2
    # and the other component, df/dx_v = GELU(x_g): would it peak too?
    v_peak = len(g["max"]) > 0 and g["plus"].limit != oo
    verdict = _combine(one_peak, v_peak)
    at = (f"GELU'(x_g) peaks once, at x_g = {where} = {_n(where)} (GELU'' = (2 - x^2)phi(x) = 0), height "
          f"{_n(peaks[0].value)}" if where is not None else f"GELU' has {len(peaks)} maxima")
    return (verdict,
            f"reading 'x_g ~ 1' as 'of order 1, between 1/2 and 2': {at}: {'holds' if one_peak else 'fails'}; the "
            f"other component df/dx_v = GELU(x_g) has {len(g['max'])} maxima and tends to {g['plus'].limit}: "
            f"{'it peaks' if v_peak else 'no peak: it grows without bound'}",
            None if verdict == "holds" else
            (f"GELU'(x_g) peaks at x_g = {where} = {_n(where)} with height {_n(peaks[0].value)}; " if where is not None
             else "") + "|grad f| does not peak, because df/dx_v = GELU(x_g) grows like x_g")


def _thread_decay() -> Verdict:
    g = _gelu_facts()
    peaks = g["d_max"]
    # "decay again for very large x_g": GELU' falls from its peak (to its limit at +oo) ...
    falls = len(peaks) == 1 and g["d_plus"].limit < peaks[0].value
    # ... but to 0? and the other component GELU(x_g)?
    to_zero = g["d_plus"].limit == 0 and g["plus"].limit == 0
    # "x_g*Phi(x_g) plateauing at x_g": GELU settles onto its asymptote y = x_g
    plateau = tuple(g["plus"].oblique) == (1, 0)
    verdict = _combine(falls, to_zero, plateau)
    return (verdict,
            f"GELU'(x_g) falls from its peak {_n(peaks[0].value) if peaks else '(none)'} toward "
            f"{g['d_plus'].limit} as x_g -> oo: {'it falls' if falls else 'it does not fall'}; decays to 0: GELU' -> "
            f"{g['d_plus'].limit} and GELU -> {g['plus'].limit}: "
            f"{'yes' if to_zero else 'no, neither component of the gradient decays to 0'}; "
            f"'plateauing at x_g' read as settling onto the asymptote x_g: GELU's oblique asymptote is "
            f"y = {_oblique(g['plus'])}: {'yes' if plateau else 'no'}",
            None if verdict == "holds" else
            f"for large x_g, GELU'(x_g) falls from its peak toward {g['d_plus'].limit}, not 0, and GELU(x_g) settles "
            "onto x_g: the gradient tends to (x_v, GELU(x_g)) ~ (x_v, x_g), it does not decay")


def _thread_hadamard() -> Verdict:
    y = vector_form(get("geglu"), 2, 2)
    h = sympy.MatrixSymbol("h", 1, 2)
    Wg, Wv = sympy.MatrixSymbol("W_g", 2, 2), sympy.MatrixSymbol("W_v", 2, 2)
    G, V = (h * Wg).as_explicit(), (h * Wv).as_explicit()
    ok = all(sympy.simplify(y[0, j] - get("gelu")(G[0, j]) * V[0, j]) == 0 for j in range(2))
    return ("holds" if ok else "fails",
            "vector_form(geglu) entry j is GELU((hW_g)_j)*(hW_v)_j, each coordinate the scalar GEGLU of one gate and "
            "one value coordinate", None)


def _thread_affine() -> Verdict:
    # values v = h W_v, h a row of R^d: the row space of W_v, inside the hidden space R^(d_ff/2)
    d, k = 3, 4
    Wv = sympy.Matrix([[1, 0, 2, 1], [0, 1, 1, 3], [1, 1, 3, 4]])  # d = 3, d_ff/2 = 4
    y = vector_form(get("geglu"), d, k)  # entry j is GELU((hW_g)_j) (hW_v)_j
    hs = sympy.symbols(f"h1:{d + 1}", real=True)
    V = sympy.Matrix([hs]) * Wv
    through_zero = V.subs({s: 0 for s in hs}) == sympy.zeros(1, k)
    dim, cols = Wv.rank(), Wv.columnspace()
    verdict = "fails" if dim < k else "holds"
    return (verdict,
            f"the values v = hW_v (h a row of R^d; y has {y.shape[1]} = d_ff/2 coordinates) fill the row space of "
            f"W_v, a subspace of the hidden space R^(d_ff/2) of dimension rank(W_v) <= min(d, d_ff/2); the columns "
            f"of W_v lie in the model space R^d, so they span at most d dimensions there. Example d = {d}, "
            f"d_ff/2 = {k}: W_v = {Wv.tolist()} has rank {dim} (column space: {len(cols)} vectors of R^{d}), so "
            f"the value subspace is {dim}-dimensional, not {k}; h = 0 gives v = 0 ({'yes' if through_zero else 'no'}), "
            "so it is a linear subspace. Whenever d < d_ff/2 (the usual widening FFN) a d_ff/2-dimensional value "
            "subspace is impossible",
            "the values hW_v fill a linear subspace of the hidden space R^(d_ff/2) (the row space of W_v), of "
            "dimension rank(W_v) <= min(d, d_ff/2): d_ff/2-dimensional only when d >= d_ff/2 and W_v has full rank")


def _thread_gate_nonneg() -> Verdict:
    g = _gelu_facts()
    nonneg = g["min"].value >= 0
    return ("holds" if nonneg else "fails",
            f"GELU's minimum is {_n(g['min'].value, 8)} at g = {_n(g['min'].at[0][1], 8)}"
            + (": it takes negative values, GELU(g) < 0 for every g < 0" if not nonneg else ": GELU >= 0"),
            None if nonneg else f"GELU(g) lies in [{_n(g['min'].value)}, oo)^(d_ff/2), negative wherever g < 0")


def _thread_compress() -> Verdict:
    g = _gelu_facts()
    stretches = g["two"] > 1       # |GELU(g)| > 1 somewhere: the coordinate moves away from the origin
    flips = g["min"].value < 0     # GELU(g) < 0 somewhere: the coordinate is flipped through the origin
    verdict = "fails" if stretches or flips else "holds"
    return (verdict,
            f"GELU(2) = {_n(g['two'])} ({'> 1: stretched' if stretches else '<= 1'}; GELU(g) > 1 for g > "
            f"{_n(g['x_one'], 6)}), and GELU's minimum is {_n(g['min'].value)} "
            f"({'< 0: flipped for g < 0' if flips else '>= 0'}): compressing toward the origin needs "
            "0 <= GELU <= 1",
            None if verdict == "holds" else
            f"the mask multiplies each value coordinate by GELU(g_i): it shrinks it where |GELU(g_i)| < 1, "
            f"stretches it where g_i > {_n(g['x_one'])} (GELU(g_i) > 1) and flips its sign where g_i < 0")


def _thread_directions() -> Verdict:
    gelu = get("gelu")
    k = 2
    yv = vector_form(get("geglu"), 2, k)
    h = sympy.Matrix(sympy.MatrixSymbol("h", 1, 2))
    G = h * sympy.Matrix(sympy.MatrixSymbol("W_g", 2, k))
    V = h * sympy.Matrix(sympy.MatrixSymbol("W_v", 2, k))
    # reading 1 (after "axis-aligned"): each coordinate of v is re-weighted on its own, y_j = GELU(g_j)*v_j
    coordinatewise = all(sympy.simplify(yv[0, j] - gelu(G[0, j]) * V[0, j]) == 0 for j in range(k))
    # reading 2: y keeps the direction of v
    v = sympy.Matrix([1, 1])
    y = sympy.Matrix([gelu(1) * v[0], gelu(-1) * v[1]])
    cross = sympy.N(v[0] * y[1] - v[1] * y[0], 6)
    parallel = cross == 0
    verdict = _combine(coordinatewise, parallel)
    return (verdict,
            f"two readings, computed: (1) coordinate-wise re-weighting: vector_form(geglu) entry j - GELU(g_j)*v_j "
            f"simplifies to 0 for every j: {'holds' if coordinatewise else 'fails'} (no coordinate axis is mixed "
            f"into another); (2) y parallel to v: with v = (1, 1) and g = (1, -1), y = GELU(g) ⊙ v = "
            f"({_n(y[0])}, {_n(y[1])}), cross product with v {cross}: {'holds' if parallel else 'fails'}",
            None if verdict == "holds" else
            "each coordinate is re-weighted on its own (axis-aligned), but the output direction differs from the "
            "value direction unless all the gates are equal")


def _thread_relu_flat() -> Verdict:
    reglu = get("reglu")
    p = sympy.Symbol("p", positive=True)
    left, on = reglu.expr.subs(x_g, -p), reglu.expr.subs(x_g, p)
    left_flat = left == 0
    h = sympy.hessian(on, (p, x_v))
    right_flat = h.det() == 0  # a graph z = f is developable (flat) where det Hessian = 0
    flat = left_flat and right_flat
    return ("holds" if flat else "fails",
            f"ReGLU on x_g < 0: {left} ({'flat' if left_flat else 'not flat'}); on x_g > 0: {on.subs(p, x_g)}, whose "
            f"Hessian {h.subs(p, x_g).tolist()} has determinant {h.det()}"
            + (": flat" if right_flat else ": a saddle-shaped piece of hyperbolic paraboloid, not a flat half-cone"),
            None if flat else
            f"the ReLU gate gives f = {left} for x_g <= 0 and the curved surface f = {on.subs(p, x_g)} for x_g > 0, "
            "joined along x_g = 0")


def _thread_smooth() -> Verdict:
    t = taylor(get("geglu"), order=4)
    return ("holds" if t.analytic else "fails",
            f"GEGLU is built from x, Phi (entire functions): analytic everywhere; its Taylor expansion at 0 is "
            f"two-sided: {t.polynomial}", None)


def _thread_shrink() -> Verdict:
    g = _gelu_facts()
    to_zero = g["minus"].limit == 0
    where = g["min"].at[0][1]
    dips = g["min"].value < 0 and where < 0  # |GELU| grows from 0 to |min| before it shrinks
    verdict = "fails" if not to_zero else "partly" if dips else "holds"
    return (verdict,
            f"GELU(g) -> {g['minus'].limit} as g -> -oo (growth order {g['minus'].growth_order}): outputs "
            f"{'do' if to_zero else 'do not'} tend to 0; monotonically? GELU has its minimum "
            f"{_n(g['min'].value)} at g = {_n(where)}: "
            + ("no, the output first grows in magnitude (with flipped sign) before it shrinks" if dips else "yes"),
            None if verdict == "holds" else
            f"outputs tend to {g['minus'].limit} as a gate coordinate goes to -oo, after a dip of GELU to "
            f"{_n(g['min'].value)} at {_n(where)}")


def _remainder(unit: Any, order: int, reach: int = 8) -> tuple[int, Any]:
    """The order of the remainder after the Taylor terms of degree < ``order``: the total degree of
    the first nonzero term beyond them, and that term, from the expansion to degree < ``order + reach``
    (``(order + reach, None)`` where every term up to there is 0)."""
    coeffs = taylor(unit, order=order + reach).coefficients()
    beyond = {m: c for m, c in coeffs.items() if sum(m) >= order and sympy.simplify(c) != 0}
    if not beyond:
        return order + reach, None
    k = min(sum(m) for m in beyond)
    variables = taylor(unit, order=1).variables
    term = sympy.Add(*[c * sympy.Mul(*[v**e for v, e in zip(variables, m)]) for m, c in beyond.items()
                       if sum(m) == k])
    return k, term


def _thread_cubic() -> Verdict:
    shown = 4  # the terms of total degree < 4: the bilinear and the cubic ones
    t = taylor(get("geglu"), order=shown)
    coeffs = t.coefficients() if t.analytic else {}
    bilinear = coeffs.get((1, 1), 0)
    cubic_in_g = coeffs.get((3, 0), 0)
    cubic = {m: c for m, c in coeffs.items() if sum(m) == 3}
    even_in_g = all(m[0] % 2 == 0 for m in cubic)
    k, term = _remainder(get("geglu"), shown) if t.analytic else (shown, None)
    rest = f"O(|x|^{k})"  # computed: the degree of the first nonzero term beyond those shown
    next_term = (f"the first nonzero term beyond degree {shown - 1} is {term}, of degree {k}, so the remainder is "
                 f"{rest}" if term is not None else f"no nonzero term below degree {k}: the remainder is {rest}")
    verdict = "partly" if t.analytic and bilinear != 0 and cubic_in_g == 0 else "holds"
    return (verdict,
            f"near 0, GEGLU = {t.polynomial} + {rest}, the same expansion on both sides "
            f"({'analytic at 0' if t.analytic else 'NOT analytic'}); {next_term}; a bilinear term {bilinear}*x_g*x_v "
            f"plus the degree-3 terms {sympy.Add(*[c * x_g**m[0] * x_v**m[1] for m, c in cubic.items()])}, "
            f"{'even' if even_in_g else 'not even'} in x_g, and no x_g^3 term (coefficient {cubic_in_g}); the "
            "asymmetry between the sides is the x_g^2 factor, not a cubic on the negative side only",
            f"GEGLU(x_g, x_v) = {t.polynomial} + {rest} on both sides of 0")


def _thread_scalar_case() -> Verdict:
    geglu, gelu = get("geglu"), get("gelu")
    a, b = sympy.symbols("a b", real=True)
    ok = sympy.simplify(geglu(a, b) - gelu(a) * b) == 0
    return ("holds" if ok else "fails", f"glusym's geglu = glu(gelu) gives f(a, b) = {geglu(a, b)} = GELU(a)*b", None)


def _thread_hyperplane() -> Verdict:
    g = _gelu_facts()
    h0 = hessian(get("geglu")).subs({x_g: 0, x_v: 0})
    two = get("gelu")(2)
    curved = h0 != sympy.zeros(2, 2)
    out_of_01 = g["min"].value < 0 or two > 1
    return ("fails" if curved or out_of_01 else "holds",
            f"the graph is no hyperplane: the Hessian at the origin is {h0.tolist()} (nonzero; determinant "
            f"{h0.det()}); and the gate factor GELU(x_g) = df/dx_v is not confined to [0, 1]: GELU(0) = "
            f"{get('gelu')(0)}, it dips to "
            f"{_n(g['min'].value)} at x_g = {_n(g['min'].at[0][1])}, and GELU(2) = {_n(two)} > 1",
            "the surface GELU(x_g)*x_v is curved (a saddle, Hessian [[x_v GELU''(x_g), GELU'(x_g)], [GELU'(x_g), 0]]); "
            "what runs smoothly from 0 to 1 is Phi(x_g), while the gate factor GELU(x_g) dips below 0 and grows "
            "without bound")


def _thread_sausages() -> Verdict:
    pts = critical_points(get("geglu"))
    kinds = [p.kind for p in pts]
    ls = level_set(get("geglu"))
    cc = sympy.Symbol("c", positive=True)
    sol = elementary(ls.solution.subs(ls.c, cc))
    ends = (sympy.limit(sol, x_g, 0, "+"), sympy.limit(sol, x_g, 0, "-"))
    unbounded = kinds == ["saddle"] and ends == (oo, -oo)
    return ("fails" if unbounded else "partly",
            f"critical points of GEGLU: {[(tuple(v for _, v in p.at), p.kind) for p in pts]}: no local extremum, so "
            f"no level set has a bounded component (a closed curve would enclose an extremum); each level curve "
            f"x_v = {sol.subs(cc, ls.c)} runs to x_v -> {ends[0]} as x_g -> 0+ and to {ends[1]} as x_g -> 0- (c > 0)",
            "the level curves are unbounded: each branch of x_v = c/GELU(x_g) runs off to |x_v| -> oo at x_g -> 0 "
            "(and, for x_g < 0, also as x_g -> -oo); none is a closed 'sausage'")


def _level_set_left(c_value: int = 1) -> list[tuple[int, Any]]:
    ls = level_set(get("geglu"))
    f1 = to_mpmath(ls.solution.subs(ls.c, c_value))
    with mpmath.workdps(30):
        return [(t, f1(t)) for t in (-1, -2, -3, -4, -5)]


def _thread_rational() -> Verdict:
    g = _gelu_facts()
    left = _level_set_left()
    ratios = [abs(left[i + 1][1] / left[i][1]) for i in range(len(left) - 1)]
    growing = all(r2 > r1 for r1, r2 in zip(ratios, ratios[1:]))
    ls = level_set(get("geglu"))
    cc = sympy.Symbol("c", positive=True)
    sol = elementary(ls.solution.subs(ls.c, cc))
    at_inf, at_0 = sympy.limit(x_g * sol, x_g, oo), sympy.limit(x_g * sol, x_g, 0)
    not_algebraic = g["minus"].growth_order == -oo and growing
    return ("fails" if not_algebraic else "holds",
            f"on f = c, |x_v| = |c|/|GELU(x_g)|, and GELU(x_g) -> {g['minus'].limit} as x_g -> -oo with growth order "
            f"{g['minus'].growth_order} (faster than any power), so |x_v| grows faster than any power of |x_g|, which "
            "no algebraic (let alone rational) curve does; on f = 1 the ratios |x_v(x_g - 1)/x_v(x_g)| from x_g = -1 "
            f"to -5 are {', '.join(mpmath.nstr(r, 4) for r in ratios)} (growing, where a power law would tend to 1). "
            f"Hyperbola-like only for x_g > 0: x_g*x_v -> {at_inf} as x_g -> oo and -> {at_0} as x_g -> 0",
            "the level curves x_v = c/(x_g*Phi(x_g)) are transcendental, not rational (nor algebraic); they resemble "
            "hyperbolas for x_g > 0 and near the x_v axis, but for x_g < 0 each is a U-shaped branch with both ends "
            "at |x_v| = oo")


def _thread_pinch() -> Verdict:
    g = _gelu_facts()
    low, where = g["min"].value, g["min"].at[0][1]
    left = _level_set_left()
    flares = g["minus"].limit == 0 and low < 0 and abs(left[-1][1]) > abs(left[0][1])
    return ("fails" if flares else "holds",
            f"for x_g < 0 the contour f = c is x_v = c/GELU(x_g) with GELU(x_g) in [{_n(low)}, 0), so |x_v| >= "
            f"|c|/{_n(-low)} = {_n(1 / -low, 4)}|c| (closest at x_g = {_n(where)}), and GELU(x_g) -> "
            f"{g['minus'].limit} as x_g -> -oo, so |x_v| -> oo: on f = 1, x_v = {mpmath.nstr(left[0][1], 4)} at "
            f"x_g = -1 and {mpmath.nstr(left[-1][1], 4)} at x_g = -5. The arms flare out, they do not pinch",
            f"toward x_g -> -oo the arms flare out (|x_v| = |c|/|GELU(x_g)| -> oo); on x_g < 0 each contour keeps "
            f"|x_v| >= {_n(1 / -low, 4)}|c|")


def _thread_otimes() -> Verdict:
    k = 3
    y = vector_form(get("geglu"), 2, k)
    h = sympy.Matrix(sympy.MatrixSymbol("h", 1, 2))
    G = h * sympy.Matrix(sympy.MatrixSymbol("W_g", 2, k))
    V = h * sympy.Matrix(sympy.MatrixSymbol("W_v", 2, k))
    hadamard = all(sympy.simplify(y[0, j] - get("gelu")(G[0, j]) * V[0, j]) == 0 for j in range(k))
    kron = sympy.kronecker_product(sympy.Matrix([sympy.symbols(f"a1:{k + 1}")]),
                                   sympy.Matrix([sympy.symbols(f"b1:{k + 1}")]))
    differs = kron.shape != y.shape
    return ("partly" if hadamard and differs else "holds" if hadamard else "fails",
            f"vector_form(geglu, 2, {k}) has shape {y.shape}, entry j = GELU(g_j)*v_j: the Hadamard (element-wise) "
            f"product, as the words say; but the symbol used, ⊗, is the tensor (Kronecker) product, which for two "
            f"{k}-vectors has shape {kron.shape}",
            r"y = GELU(g) ⊙ v (\odot, the Hadamard product), not GELU(g) ⊗ v")


def _reachable_curve() -> tuple[sympy.Symbol, sympy.Matrix]:
    hs = sympy.Symbol("h", real=True)
    return hs, vector_form(get("geglu"), h=sympy.Matrix([[hs]]), W_g=sympy.Matrix([[1, -1]]), W_v=sympy.Matrix([[1, 1]]))


def _thread_cone() -> Verdict:
    hs, y = _reachable_curve()
    y1 = y.subs(hs, 1)
    target = 2 * y1
    # y(h) = 2 y(1) forces y_1(h) - y_2(h) = 2 (y_1(1) - y_2(1)); that difference simplifies to h^2
    diff = sympy.simplify(elementary(y[0, 0] - y[0, 1]))
    candidates = sympy.solve(sympy.Eq(diff, sympy.simplify(elementary(target[0, 0] - target[0, 1]))), hs)
    misses = [sympy.N(y.subs(hs, c)[0, 0] - target[0, 0], 6) for c in candidates]
    not_cone = diff == hs**2 and bool(candidates) and all(m != 0 for m in misses)
    return ("fails" if not_cone else "partly",
            f"with d = 1, d_ff/2 = 2, W_g = (1, -1), W_v = (1, 1), vector_form gives the reachable set "
            f"y(h) = ({y[0, 0]}, {y[0, 1]}), a curve; y(1) = ({_n(y1[0, 0])}, {_n(y1[0, 1])}) is on it, but "
            f"2*y(1) is not: y_1(h) - y_2(h) = {diff}, so only h in {candidates} could reach it, and there the first "
            f"coordinate misses by {misses}. Not closed under scaling: not a cone",
            "the reachable set {GELU(hW_g) ⊙ hW_v : h} is in general not a cone (with d = 1, d_ff/2 = 2 it is a "
            "curve containing y(1) but not 2*y(1)), nor inside the value subspace; when [W_g W_v] has rank d_ff "
            "it is all of R^(d_ff/2)")


def _thread_gating_cone() -> Verdict:
    hs, y = _reachable_curve()
    smooth = all(not e.has(sympy.Piecewise) for e in y) and taylor(get("geglu"), order=3).analytic
    cone, evidence, _ = _thread_cone()
    return ("partly" if smooth and cone == "fails" else "holds" if smooth else "fails",
            f"y = GELU(hW_g) ⊙ hW_v has d_ff/2 coordinates (the FFN's hidden space) and is differentiable (each "
            f"coordinate GELU(.)*(.), analytic); but its reachable set is not a cone: {evidence}",
            "a differentiable, axis-aligned (coordinate-wise) gating in the FFN's hidden space, whose reachable set "
            "is in general not a cone")


def _thread_value_codomain() -> Verdict:
    y = vector_form(get("geglu"), h=sympy.Matrix([[1]]), W_g=sympy.Matrix([[1, -1]]), W_v=sympy.Matrix([[1, 1]]))
    v = sympy.Matrix([[1, 1]])  # h W_v at h = 1
    cross = sympy.N(y[0, 0] * v[0, 1] - y[0, 1] * v[0, 0], 6)
    return ("partly" if cross != 0 else "holds",
            f"y = GELU(hW_g) ⊙ hW_v has d_ff/2 coordinates, so it lies in R^(d_ff/2); but not in the span of the "
            f"values: with d = 1, W_g = (1, -1), W_v = (1, 1), h = 1 the values span the line through v = (1, 1) and "
            f"y = ({_n(y[0, 0])}, {_n(y[0, 1])}), whose cross product with v is {cross} != 0; and that span has "
            "dimension rank(W_v) <= min(d, d_ff/2), not d_ff/2 in general",
            "in the vector case the codomain is R^(d_ff/2), the FFN's hidden space; the outputs are not confined to "
            "the subspace the values hW_v span")


def _thread_domain() -> Verdict:
    geglu = get("geglu")
    t = taylor(geglu, order=3)
    ok = t.analytic and all(v.is_real for v in geglu.variables) and not geglu.expr.has(sympy.Piecewise)
    return ("holds" if ok else "fails",
            f"variables {geglu.variables}, both real; f = {geglu.expr} is built from x and Phi (entire): finite and "
            "analytic on all of R^2", None)


def _thread_signed_height() -> Verdict:
    geglu = get("geglu")
    signs = (sympy.sign(geglu(1, 1)), sympy.sign(geglu(1, -1)), geglu(0, 5), geglu(3, 0))
    ok = signs[:2] == (1, -1)
    return ("holds" if ok else "fails",
            f"sign f(1, 1) = {signs[0]}, sign f(1, -1) = {signs[1]}, f(0, 5) = {signs[2]}, f(3, 0) = {signs[3]}: "
            "the graph lies above the plane in the quadrants x_g*x_v > 0, below it in the others, and meets it on "
            "the two axes", None)


def _thread_foliated() -> Verdict:
    gelu = get("gelu")
    c = sympy.Symbol("c", real=True)
    uniform = sympy.simplify(get("geglu")(c, x_v) - gelu(c) * x_v) == 0
    factors = {str(v): gelu(v) for v in (Rational(-3, 4), 0, Rational(1, 2), 2)}
    flipped = gelu(Rational(-3, 4)) < 0
    collapsed = gelu(0) == 0
    return ("partly" if uniform and (flipped or collapsed) else "holds" if uniform else "fails",
            f"f(c, x_v) = GELU(c)*x_v: the line x_g = c is scaled uniformly by GELU(c) (true); the factors are "
            + ", ".join(f"GELU({k}) = {_n(v)}" for k, v in factors.items())
            + ": compressed (0 < GELU < 1) or expanded (GELU > 1), but also collapsed to a point at c = 0 and "
            "flipped for every c < 0, where GELU(c) < 0",
            "each vertical line x_g = c is scaled by GELU(c): compressed, expanded, collapsed (c = 0) or reversed "
            "(c < 0)")


def _thread_fans_out() -> Verdict:
    f = get("geglu").expr
    ok = sympy.diff(f, x_v, 2) == 0 and f.subs(x_v, 0) == 0
    return ("holds" if ok else "fails",
            f"d^2f/dx_v^2 = {sympy.diff(f, x_v, 2)}: at fixed x_g != 0 the height GELU(x_g)*x_v grows linearly in "
            "|x_v|, with opposite signs for +-x_v", None)


def _thread_relu_clipping() -> Verdict:
    reglu = get("reglu")
    flat = stationary_sets(reglu)
    p = sympy.Symbol("p", positive=True)
    ok = reglu.expr.subs(x_g, -p) == 0 and reglu.expr.subs(x_g, 0) == 0
    return ("holds" if ok else "fails",
            f"ReGLU = {reglu.expr}: stationary sets {[(s.region, s.value) for s in flat]}; 0 on the whole half-plane "
            f"x_g <= 0 and {reglu.expr.subs(x_g, p).subs(p, x_g)} for x_g > 0", None)


def _thread_transition_band() -> Verdict:
    geglu = get("geglu")
    ok = sympy.expand(geglu.expr - x_g * x_v * Phi(x_g)) == 0
    band = sympy.N(Phi(-2), 6)
    return ("holds" if ok and band < 0.03 else "fails",
            f"GEGLU = x_g*x_v*Phi(x_g) is ReGLU = x_g*x_v*H(x_g) with the step H replaced by the sigmoid Phi; "
            f"|Phi - H| = Phi(-|x_g|) <= Phi(-2) = {band} outside the band |x_g| < 2", None)


def _thread_pencils() -> Verdict:
    g = sympy.Symbol("g", real=True)
    line = get("geglu")(g, x_v)
    slope = sympy.diff(line, x_v)
    ok = sympy.diff(line, x_v, 2) == 0 and line.subs(x_v, 0) == 0 and sympy.simplify(slope - get("gelu")(g)) == 0
    return ("holds" if ok else "fails",
            f"for each gate value g, v -> f(g, v) = {line} is the line through the origin of slope GELU(g) = {slope}, "
            "analytic in g: a smoothly turning pencil of lines", None)


THREAD_CLAIMS: tuple[tuple[str, Callable[[], Verdict]], ...] = (
    ("In a scalar case, I can express it as f(a, b) = GELU(a) * b", _thread_scalar_case),
    ("the gating creates an oblique hyperplane, smoothly transitioning between 0 and 1", _thread_hyperplane),
    ("GEGLU behaves like a cubic on the negative side near zero", _thread_cubic),
    ('iso-lines, which resemble radial "sausages"', _thread_sausages),
    (r"=x_g\,\Phi(x_g)\;x_v", _thread_form),
    ("Domain: the 2-D plane", _thread_domain),
    ("Codomain: the real line", _thread_codomain),
    ("-dimensional subspace spanned by the “value” projection.", _thread_value_codomain),
    ("Geometrically we are mapping each point of the plane to a signed height above/below it.", _thread_signed_height),
    ("ranging continuously from 0 (far negative) through 0.5 (at the origin) toward 1 (large positive)",
     _thread_gate_range),
    ("is passed through unchanged and merely gets scaled by that gate", _thread_value_linear),
    ("Thus the plane is foliated into vertical lines", _thread_foliated),
    ("saddle-like surface", _thread_saddle),
    ("Flat along the entire", _thread_flat_axis),
    ("surface “fans out’’ in the", _thread_fans_out),
    ("its amplitude is modulated by the bell-shaped factor", _thread_bell),
    ("the cross-section is exactly the 1-D GELU curve scaled by", _thread_cross_sections),
    ("it is a straight line through the origin with slope", _thread_cross_sections),
    (r"x_v = c / \text{GELU}(x_g) whenever", _thread_level_sets),
    ("These are rational curves that resemble hyperbolas", _thread_rational),
    ("whose arms pinch smoothly toward the", _thread_pinch),
    ("No contour ever crosses the negative xgx_g axis because the output there is arbitrarily close to 0",
     _thread_contours),
    (r"\nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)", _thread_gradient_formula),
    ("Along the xvx_v direction gradients are constant w.r.t. xvx_v", _thread_gradient_constant),
    ("each vertical line has the same slope equal to", _thread_gradient_constant),
    ("Gradients vanish as", _thread_vanish),
    ("peak around xg", _thread_peak),
    ("decay again for very large xgx_g due to the xgΦ(xg)x_g\\Phi(x_g) factor plateauing at xgx_g", _thread_decay),
    (r"\text{GELU}(g)\ \otimes\ v", _thread_otimes),
    ("(Hadamard product.)", _thread_hadamard),
    ("-dimensional affine subspace of the model’s representation space", _thread_affine),
    (r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}", _thread_gate_nonneg),
    ("compresses coordinates of that subspace toward the origin", _thread_compress),
    ("is a warped, axis-aligned “cone’’ inside that subspace whose opening width varies smoothly with",
     _thread_cone),
    ("No new directions are introduced; directions are re-weighted.", _thread_directions),
    ("ReLU gate: sharp half-space clipping", _thread_relu_clipping),
    ("output lies on two flat half-cones separated by a hard plane", _thread_relu_flat),
    ("replaces that plane by a sigmoidal transition band", _thread_transition_band),
    ("The resulting surface is everywhere differentiable", _thread_smooth),
    ("outputs shrink continuously to zero as any gate coordinate drifts negative", _thread_shrink),
    ("GeGLU carves the (g,v)(g,v) plane into smoothly-gated linear pencils", _thread_pencils),
    ("amplitude envelope is the soft bell curve of the GELU", _thread_bell),
    ("In higher dimension, this becomes an axis-aligned, differentiable gating cone embedded in the FFN’s hidden "
     "space.", _thread_gating_cone),
)


# ---------------------------------------------------------------------------------------------
# the SwiGLU post: prose claims (its formulas are judged by glusym.check)


def _post_activated() -> Verdict:
    relu = get("relu")
    s = sympy.Symbol("s", positive=True)
    on, off, at0 = relu(s), relu(-s), relu(0)
    # activated (output > 0) for s > 0; and, the next sentence, inactivated (output 0) otherwise
    ok = bool(on.is_positive) and off == 0 and at0 == 0
    return ("holds" if ok else "fails",
            f"ReLU = {relu.expr}: ReLU(s) = {on} for s > 0, ReLU(-s) = {off}, ReLU(0) = {at0}: "
            + ("ReLU(s) > 0 exactly when s > 0" if ok else "not active exactly when s > 0"), None)


def _post_xor() -> Verdict:
    relu = get("relu")
    X, Y = sympy.symbols("x y", real=True)
    h1, h2 = relu(X + Y), relu(X + Y - 1)
    z = h1 - 2 * h2
    table = {(a, b): (int(h1.subs({X: a, Y: b})), int(h2.subs({X: a, Y: b})), int(z.subs({X: a, Y: b})))
             for a in (0, 1) for b in (0, 1)}
    xor = all(v[2] == (a ^ b) for (a, b), v in table.items())
    return ("holds" if xor else "fails",
            f"(x, y) -> (h1, h2, z): {table}: z is x XOR y on all four inputs", None)


def _post_or_and() -> Verdict:
    relu = get("relu")
    X, Y = sympy.symbols("x y", real=True)
    h1, h2 = relu(X + Y), relu(X + Y - 1)
    rows = {(a, b): (h1.subs({X: a, Y: b}) > 0, h2.subs({X: a, Y: b}) > 0) for a in (0, 1) for b in (0, 1)}
    ok = all(bool(o) == bool(a or b) and bool(n) == bool(a and b) for (a, b), (o, n) in rows.items())
    return ("holds" if ok else "fails",
            "h1 > 0 exactly when x OR y, h2 > 0 exactly when x AND y, on the four binary inputs; h1 takes the value "
            "2 at (1, 1), so it is an OR detector, not an OR gate", None)


def _post_iff() -> Verdict:
    relu = get("relu")
    X, Y = sympy.symbols("x y", real=True)
    h1, h2 = relu(X + Y), relu(X + Y - 1)
    z = h1 - 2 * h2
    ok = all((z.subs({X: a, Y: b}) == 1) == (h1.subs({X: a, Y: b}) > 0 and h2.subs({X: a, Y: b}) <= 0)
             for a in (0, 1) for b in (0, 1))
    return ("holds" if ok else "fails", "on the four binary inputs, z = 1 exactly when h1 > 0 and h2 = 0", None)


def _post_no_gradient() -> Verdict:
    (d,) = gradient(get("relu"))
    neg = d.subs(x, -1)
    return ("holds" if neg == 0 else "fails",
            f"ReLU'(x) = {d}: 0 for every x < 0, so an inactive neuron passes no gradient", None)


def _post_leaky() -> Verdict:
    swish = get("swish")
    (d,) = gradient(swish)
    zeros = [p for p in extrema(swish) if p.at[0][1] < 0]  # where the gradient vanishes on x < 0
    exists = d.subs(x, -1) != 0 and len(zeros) <= 1
    left = asymptotes(d).minus
    leaky = left.limit != 0  # a leaky ReLU keeps a constant slope as x -> -oo
    verdict = _combine(exists, leaky)
    where = ", ".join(_n(p.at[0][1]) for p in zeros) or "nowhere"
    return (verdict,
            f"Swish_1'(x) = {d}: nonzero for x < 0 except at {where} (Swish's critical points there): a gradient "
            f"{'exists' if exists else 'does not exist'}; as x -> -oo it tends to {left.limit} (order "
            f"{left.growth_order}): "
            + ("a leaky slope" if leaky else
               "it vanishes exponentially far left, unlike the constant slope of a leaky ReLU"),
            None if verdict == "holds" else
            f"Swish_beta has a nonzero gradient for x < 0 except at {where} (for beta = 1; x/beta in general), "
            "exponentially small as x -> -oo")


def _post_interpolates() -> Verdict:
    pl = param_limits(get("swish"))["beta"]
    relu = get("relu").expr
    ok0 = sympy.simplify(pl.at_zero - x / 2) == 0
    ok_inf = all(pl.at_infinity.subs(x, v) == relu.subs(x, v) for v in (-2, -1, 0, 1, 3))
    return ("holds" if ok0 and ok_inf else "fails",
            f"lim beta->0 Swish_beta = {pl.at_zero}; lim beta->oo Swish_beta = {pl.at_infinity} = ReLU(x) "
            "(taken on each sign of x)", None)


def _post_silu_best() -> Verdict:
    # the mathematical presupposition: SwiGLU is the GLU of alpha = SiLU, and SiLU = Swish_1
    swiglu, silu = get("swiglu"), get("silu")
    glu_of_silu = sympy.simplify(swiglu(x_g, x_v) - x_v * silu(x_g)) == 0
    swish_1 = sympy.simplify(get("swish", beta=1).expr - silu.expr) == 0
    presupposition = glu_of_silu and swish_1
    return ("not checkable" if presupposition else "fails",
            f"computed: SwiGLU(x_g, x_v) - x_v*SiLU(x_g) = {sympy.simplify(swiglu(x_g, x_v) - x_v * silu(x_g))} and "
            f"Swish_1 - SiLU = {sympy.simplify(get('swish', beta=1).expr - silu.expr)}: the presupposition "
            f"'SwiGLU is the GLU with alpha = SiLU = Swish_1' {'holds' if presupposition else 'fails'}; that SiLU was "
            "'best' is an empirical result of the cited paper (arXiv 2002.05202), not a mathematical claim",
            None if presupposition else "SwiGLU is not x_v*SiLU(x_g)")


def _post_bilinear_reading() -> Verdict:
    u, v = sympy.symbols("u v", real=True)  # u = x.w_i, v = x.w_j
    silu = get("silu")
    lhs = v * silu(u)
    rhs = (v * u) * get("sigmoid")(u)
    ok = sympy.simplify(lhs - rhs) == 0
    return ("holds" if ok else "fails",
            f"(x.w_j)*SiLU(x.w_i) = {lhs} = (x.w_j)(x.w_i)*sigma(x.w_i) exactly: a sigma-gated bilinear term", None)


def _post_multiplication() -> Verdict:
    x1, x2 = sympy.symbols("x_1 x_2", real=True)
    f = x2 * get("silu")(x1)  # w_i = (1, 0), w_j = (0, 1)
    mixed = sympy.diff(f, x1, x2).subs({x1: 0, x2: 0})
    return ("holds" if mixed != 0 else "fails",
            f"with w_i = (1, 0), w_j = (0, 1): SwiGLU = {f}, whose mixed derivative at 0 is {mixed} != 0: the "
            "product x_1*x_2 appears (Taylor: x_1*x_2/2 + ...)", None)


def _post_instability() -> Verdict:
    rows, orders = [], {}
    for name in ("relu", "swiglu"):
        orders[name] = [growth_profile(stack(get(name), depth)).derivative_plus.order for depth in (1, 2, 3)]
        rows += [f"{name} x{depth}: f' ~ |x|^{o}" for depth, o in zip((1, 2, 3), orders[name])]
    # first-order units keep a bounded gradient; higher-order units' gradients grow, more with depth
    bounded = all(o == 0 for o in orders["relu"])
    sw = orders["swiglu"]
    growing = all(o > 0 for o in sw) and all(b > a for a, b in zip(sw, sw[1:]))
    ok = bounded and growing
    return ("holds" if ok else "fails",
            "the gradient's growth order at +oo, computed: " + "; ".join(rows)
            + (": higher-order units have gradients that grow polynomially, and stacking multiplies the order"
               if ok else ": higher-order units do not have faster-growing gradients here"),
            None if ok else "the gradients of higher-order units do not grow faster")


def _post_beta_relu() -> Verdict:
    raised = sympy.piecewise_fold(x * get("relu").expr)
    sq = get("relu2").expr
    ok = all(raised.subs(x, v) == sq.subs(x, v) for v in (-3, -1, 0, 1, 2, 5)) and \
        sympy.simplify(sympy.piecewise_fold(raised - sq)) == 0
    return ("holds" if ok else "fails", f"x*ReLU(x) = {raised} = ReLU(x)^2", None)


def _post_depth_order() -> Verdict:
    depths = (1, 2, 3, 4)
    lines, equal = [], []
    for name in ("relu", "relu2", "silu", "swiglu"):
        orders = [growth_profile(stack(get(name), d)).plus.order for d in depths]
        k = orders[0]
        lines.append(f"{name}: {orders}" + (f" = {k}^L" if orders == [k**d for d in depths] else ""))
        equal.append(orders == list(depths))  # depth = polynomial order: L layers have order L
    verdict = _combine(*equal)
    return (verdict,
            "growth order at +oo for depth L = 1..4: " + "; ".join(lines)
            + f": order equal to the depth for {sum(equal)} of {len(equal)} units",
            None if verdict == "holds" else
            "no: L layers of a unit of order k have order k^L, not L: for units of order k >= 2 (ReLU², gated units) "
            "depth multiplies the order (2, 4, 8, 16); for order-1 units such as ReLU and SiLU it adds nothing")


def _post_param_efficient() -> Verdict:
    # the presupposition: beta(x) = x*alpha(x) is a higher-order activation (for alpha = SiLU), and it is a
    # SwiGLU unit with tied weights (w_i = w_j)
    silu = get("silu")
    beta = x * silu.expr
    orders = (asymptotes(silu).plus.growth_order, asymptotes(beta).plus.growth_order)
    higher = orders[1] > orders[0]
    tied = sympy.simplify(beta - get("swiglu")(x, x)) == 0
    return ("not checkable" if higher else "fails",
            f"computed: beta_SiLU(x) = x*SiLU(x) has growth order {orders[1]} at +oo against SiLU's {orders[0]} "
            f"({'higher' if higher else 'not higher'}), and beta_SiLU(x) - SwiGLU(x, x) = "
            f"{sympy.simplify(beta - get('swiglu')(x, x))} "
            f"({'a SwiGLU unit with tied weights' if tied else 'not a tied SwiGLU'}); "
            "whether that is more parameter efficient needs training experiments",
            None if higher else "x*alpha(x) is not of higher order than alpha here")


def _post_sparsity() -> Verdict:
    # the presupposition: ReLU^2 is sparse, exactly 0 on the whole half-line x < 0
    relu2 = get("relu2")
    q = sympy.Symbol("q", positive=True)
    left = relu2.expr.subs(x, -q)
    sparse = left == 0
    return ("not checkable" if sparse else "fails",
            f"computed: ReLU^2(-q) = {left} for q > 0: {'exactly 0 on x < 0, so sparse' if sparse else 'not sparse'}; "
            "that sparsity helps ('a feature not a bug') is an empirical claim of the cited paper (arXiv 2402.03804)",
            None if sparse else "ReLU^2 is not 0 on x < 0")


POST_CLAIMS: tuple[tuple[str, Callable[[], Verdict]], ...] = (
    ("if \\\\(\\mathbf{x} \\cdot \\mathbf{w_i} > 0\\\\), then the neuron is activated", _post_activated),
    ("We can see this at work in a 2-neuron XOR gate.", _post_xor),
    ("The first neuron identifies x OR y, the second x AND y", _post_or_and),
    ("the output \\\\(z=1\\\\) iff the first neuron is active and the second inactive", _post_iff),
    ("when a neuron is inactive, it has no gradient", _post_no_gradient),
    ("a small gradient exists for \\\\(x<0\\\\)", _post_leaky),
    ("interpolates between", _post_interpolates),
    ("empirically it was decided that", _post_silu_best),
    ("I see it as a GLU with \\\\(\\alpha = \\sigma\\\\) and a bilinear information term", _post_bilinear_reading),
    ("the bilinear term allows for multiplication between input variables", _post_multiplication),
    ("gradient instability due to higher-order terms", _post_instability),
    ("e.g. \\\\(\\beta_\\text{ReLU} = \\alpha_\\text{ReLU}^2\\\\)", _post_beta_relu),
    ("Key thing is depth = polynomial order?", _post_depth_order),
    ("Maybe it's more param efficient to just use higher-order activation functions?", _post_param_efficient),
    ("sparsity is a feature not a bug!", _post_sparsity),
)


#: What glusym.check computed when it proved a link ``holds`` without saying how (an empty reason,
#: or only its notes: "limit taken pointwise", "except at x = 0, a kink, ..."): the difference of the
#: two sides simplified to 0.
SIMPLIFIED = "the difference of the two sides simplifies to 0"
_CHECK_NOTES = ("limit taken pointwise", "except at ")


def _link_evidence(line: int, link: Any) -> str:
    """The evidence of a formula's link: its line, the checker's verdict and what the checker computed
    (its reason: the difference simplifies to 0; the Taylor polynomial of degree < n is exactly this; the
    limit; for ``holds numerically`` the points and precisions)."""
    reason = link.reason
    if link.verdict == "holds":
        rest, notes = reason, []
        pointwise, kink = _CHECK_NOTES
        if rest.startswith(pointwise):
            notes.append(pointwise)
            rest = rest[len(pointwise):].removeprefix("; ")
        if rest.startswith(kink):  # the kink's note comes last and may contain "; " itself
            notes.append(rest)
            rest = ""
        if not rest:  # proved by simplification, the notes aside
            reason = "; ".join([SIMPLIFIED, *notes])
    return f"line {line}: {link.verdict}" + (f": {reason}" if reason else "")


def _formula_rows(path: Path, text: str, budget: float) -> list[Claim]:
    from .check import check_markdown

    report = check_markdown(str(path), budget=budget)
    rows = []
    for formula in report.formulas:
        for link in formula.links:
            claim = f"{link.lhs} {link.op} {link.rhs}" if link.rhs else link.lhs
            quote = claim if claim in text else formula.latex
            verdict = {"holds": "holds", "holds numerically": "holds", "fails": "fails"}.get(link.verdict,
                                                                                            "not checkable")
            evidence = _link_evidence(formula.line, link)
            correction = None
            if link.verdict == "fails" and link.counterexample:
                evidence += f"; counterexample {link.counterexample}"
                correction = f"{link.lhs} != {link.rhs}"
            rows.append(Claim(POST, quote, verdict, evidence, correction))
    return rows


def build_ledger(documents: Path | str, budget: float = 5.0) -> tuple[Claim, ...]:
    """Build the ledger from the two documents in ``documents`` (raises GlusymError if one is
    missing, or if a quoted claim is no longer in its document's text)."""
    folder = Path(documents)
    texts = {}
    for name in DOCUMENTS:
        p = folder / name
        if not p.is_file():
            raise GlusymError(f"{p}: no such document (the ledger reads {', '.join(DOCUMENTS)} from --documents)")
        texts[name] = p.read_text(encoding="utf-8")
    rows: list[Claim] = _formula_rows(folder / POST, texts[POST], budget)
    for doc, table in ((POST, POST_CLAIMS), (THREAD, THREAD_CLAIMS)):
        for quote, check in table:
            if quote not in texts[doc]:
                raise GlusymError(f"{doc}: the claim {quote!r} is not in the document's text any more")
            try:
                verdict, evidence, correction = check()
            except Exception as exc:  # a check that cannot run is reported, never guessed
                verdict, evidence, correction = "not checkable", f"glusym could not compute it: {exc}", None
            rows.append(Claim(doc, quote, verdict, evidence, correction))
    return tuple(rows)



def counts(rows: tuple[Claim, ...] | list[Claim]) -> dict[str, dict[str, int]]:
    """The number of rows per document and verdict, in the order of DOCUMENTS and VERDICTS (a verdict
    no row of a document has is left out).

    >>> counts([Claim(POST, "q", "holds", "e"), Claim(POST, "r", "fails", "e", "c"), Claim(THREAD, "s", "holds", "e")])
    {'swiglu-intuition.md': {'holds': 1, 'fails': 1}, 'geglu-geometry.txt': {'holds': 1}}
    """
    out: dict[str, dict[str, int]] = {}
    for doc in [*DOCUMENTS, *sorted({r.document for r in rows} - set(DOCUMENTS))]:
        mine = [r.verdict for r in rows if r.document == doc]
        if mine:
            out[doc] = {v: mine.count(v) for v in VERDICTS if v in mine}
    return out

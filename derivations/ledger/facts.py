"""Facts about GELU and GEGLU that several sub-claims share, computed once per Maths."""

from __future__ import annotations

from typing import Any

import mpmath
import sympy
from sympy import oo

from glusym import asymptotes, elementary, extrema, gradient, inflections, x, x_g, x_v
from glusym.claims import Maths


def n(e: Any, digits: int = 6) -> str:
    """A number in ``digits`` significant digits."""
    return str(sympy.N(e, digits))


def oblique(beh: Any) -> str:
    """The oblique asymptote of a Behaviour, as ``a*x + b``."""
    a, b = beh.oblique
    return str(a * beh.variable + b)


def _gelu(m: Maths) -> dict[str, Any]:
    gelu = m.get("gelu")
    (dgelu,) = gradient(gelu)
    ext = extrema(gelu)
    a, da = asymptotes(gelu), asymptotes(dgelu)
    # the gate of GELU(x) = x*gate(x), and whether GEGLU reads as gate(x_g)*(x_g*x_v) (the gated reading)
    gate = sympy.simplify(gelu.expr / x)
    gate_values = (sympy.limit(elementary(gate), x, -oo), gate.subs(x, 0), sympy.limit(elementary(gate), x, oo))
    gated = sympy.simplify(m.get("geglu").expr - gate.subs(x, x_g) * (x_g * x_v)) == 0
    f1 = gelu.expr - 1
    x_one = mpmath.findroot(lambda t: float(f1.subs(x, t).evalf(30)), 1.1)
    return {
        "unit": gelu, "expr": gelu.expr, "d": dgelu, "inflections": inflections(gelu),
        "min": [p for p in ext if p.kind == "minimum"], "max": [p for p in ext if p.kind == "maximum"],
        "plus": a.plus, "minus": a.minus, "d_plus": da.plus, "d_minus": da.minus,
        "d_max": [p for p in extrema(dgelu) if p.kind == "maximum"], "x_one": x_one,
        "at0": gelu(0), "two": gelu(2), "gate": gate, "gate_values": gate_values, "gated": gated,
    }


def gelu(m: Maths) -> dict[str, Any]:
    """GELU's derivative, extrema, asymptotes, gate and the x where it crosses 1, for ``m``."""
    return m.memo("gelu-facts", lambda: _gelu(m))

"""The computations behind the GeGLU thread's sub-claims, by name: each takes the Maths and the
arguments its claim declares, and returns (truth, what it computed). The computed text states the
values found, so that where a sub-claim is false it reads as what is true instead."""

from __future__ import annotations

import sympy
from sympy import Rational

from glusym import Phi, gradient, x, x_g, x_v
from glusym.claims import Maths, Registry

from . import facts
from .facts import n

REGISTRY = Registry()


def _values(values: tuple[object, ...]) -> tuple[sympy.Expr, ...]:
    return tuple(sympy.nsimplify(v) if not isinstance(v, sympy.Basic) else v for v in values)


@REGISTRY
def geglu_is(m: Maths, factors: str = "x_g Phi(x_g) x_v") -> tuple[bool, str]:
    """GEGLU(x_g, x_v) = x_g·Φ(x_g)·x_v = GELU(x_g)·x_v exactly."""
    f = m.get("geglu").expr
    diff = sympy.simplify(f - x_g * Phi(x_g) * x_v)
    return diff == 0, f"glusym's geglu = glu(gelu) is {f}; minus x_g*Phi(x_g)*x_v it simplifies to {diff}"


@REGISTRY
def gate_range(m: Maths, values: tuple[object, object, object]) -> tuple[bool, str]:
    """The gate of the gated reading GEGLU = gate(x_g)·(x_g·x_v) has limit values[0] at −∞, the value
    values[1] at 0 and limit values[2] at +∞."""
    g = facts.gelu(m)
    target = _values(values)
    ok = bool(g["gated"]) and tuple(g["gate_values"]) == target
    return ok, (f"GEGLU = {g['gate'].subs(x, x_g)}*(x_g*x_v) {'exactly' if g['gated'] else 'is NOT an identity'}; "
                f"the gate {g['gate'].subs(x, x_g)} has (limit at -oo, value at 0, limit at +oo) = "
                f"{tuple(g['gate_values'])}, against the thread's {target}")


@REGISTRY
def factor_range(m: Maths, values: tuple[object, object, object]) -> tuple[bool, str]:
    """The factor multiplying x_v, GELU(x_g), has limit values[0] at −∞, GELU(0) = values[1] and limit
    values[2] at +∞."""
    g = facts.gelu(m)
    target = _values(values)
    got = (g["minus"].limit, g["at0"], g["plus"].limit)
    low = (f"; minimum {n(g['min'][0].value)} at x_g = {n(g['min'][0].at[0][1])}" if g["min"] else "")
    return got == target, (f"the factor multiplying x_v, GELU(x_g), has (limit at -oo, value at 0, limit at +oo) = "
                           f"{got} (growth order {g['plus'].growth_order} at +oo){low}, against the thread's {target}")


@REGISTRY
def remainder_order(m: Maths, shown: int, order: int) -> tuple[bool, str]:
    """After GEGLU's Taylor terms of total degree < ``shown``, the first nonzero term has degree ``order``."""
    from glusym import taylor

    unit = m.get("geglu")
    coeffs = taylor(unit, order=shown + 8).coefficients()
    beyond = {mon: c for mon, c in coeffs.items() if sum(mon) >= shown and sympy.simplify(c) != 0}
    k = min((sum(mon) for mon in beyond), default=shown + 8)
    term = sympy.Add(*[c * x_g**mon[0] * x_v**mon[1] for mon, c in beyond.items() if sum(mon) == k])
    return k == order, f"beyond degree {shown - 1} the first nonzero Taylor term of GEGLU at 0 is {term}, of degree {k}"


@REGISTRY
def gradient_is(m: Maths) -> tuple[bool, str]:
    """∇GEGLU = (x_v·GELU′(x_g), GELU(x_g))."""
    gx, gv = gradient(m.get("geglu"))
    gelu = m.get("gelu")
    (dg,) = gradient(gelu)
    a, b = sympy.simplify(gx - x_v * dg.subs(x, x_g)), sympy.simplify(gv - gelu(x_g))
    return a == 0 and b == 0, f"grad f = ({gx}, {gv}); minus (x_v*GELU'(x_g), GELU(x_g)): ({a}, {b})"


_ = Rational  # noqa: F841  (kept for the sub-claims that state exact constants)

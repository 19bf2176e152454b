"""The computations behind the SwiGLU post's sub-claims, by name: each takes the Maths and the
arguments its claim declares, and returns (truth, what it computed)."""

from __future__ import annotations

import sympy

from glusym import growth_profile, stack, x_g, x_v
from glusym.claims import Maths, Registry

REGISTRY = Registry()


@REGISTRY
def depth_is_order(m: Maths, unit: str, depths: tuple[int, ...] = (1, 2, 3, 4)) -> tuple[bool, str]:
    """A stack of L layers of ``unit`` has growth order L at +∞, for each L in ``depths``."""
    orders = [growth_profile(stack(m.get(unit), d)).plus.order for d in depths]
    k = orders[0]
    law = f" = {k}^L" if orders == [k**d for d in depths] else ""
    return orders == list(depths), f"{unit} stacked L = {list(depths)} deep has growth order {orders}{law} at +oo"


@REGISTRY
def glu_of(m: Maths, unit: str, gate: str) -> tuple[bool, str]:
    """The gated unit ``unit`` is the GLU of the activation ``gate``: unit(x_g, x_v) = x_v·gate(x_g)."""
    diff = sympy.simplify(m.get(unit)(x_g, x_v) - x_v * m.get(gate)(x_g))
    return diff == 0, f"{unit}(x_g, x_v) - x_v*{gate}(x_g) simplifies to {diff}"

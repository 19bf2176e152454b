"""glusym.analysis.directions: a gated unit along every ray t(cos θ, sin θ), checked with mpmath.

For each gated entry and each open quadrant, at three angles inside it, the unit evaluated by
mpmath at 40 digits along the ray is compared with the leading term: their ratio tends to 1
(checked at t = 40 and t = 400, the second nearer). On the axes the unit is compared with what is
said of it (0, or α(0) t sin θ).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy

import glusym
from glusym.analysis.directions import directions, t

GATED = [n for n in glusym.names() if glusym.get(n).kind == "gated"]


def _sigma(u):  # noqa: ANN001, ANN202
    return 1 / (1 + mpmath.exp(-u))


#: the gated units written here in mpmath, from their papers (Dauphin 2016; Shazeer 2020)
UNITS = {
    "glu": lambda g, v: v * _sigma(g),
    "bilinear": lambda g, v: g * v,
    "reglu": lambda g, v: max(g, 0) * v,
    "geglu": lambda g, v: g * v * mpmath.ncdf(g),
    "swiglu": lambda g, v: g * v * _sigma(g),
}


def test_every_gated_entry_is_written_here() -> None:
    assert set(UNITS) == set(GATED)
_ANGLES = {"0 < θ < π/2": (0.2, 0.8, 1.4), "π/2 < θ < π": (1.7, 2.3, 3.0), "-π < θ < -π/2": (-3.0, -2.3, -1.7),
           "-π/2 < θ < 0": (-1.4, -0.8, -0.2)}
_AXES = {"θ = 0": (1, 0), "θ = π/2": (0, 1), "θ = π": (-1, 0), "θ = -π/2": (0, -1)}  # (cos θ, sin θ)


@pytest.mark.parametrize("name", GATED)
def test_every_direction_against_the_unit_on_its_ray(name: str) -> None:
    f = UNITS[name]
    found = directions(glusym.get(name))
    assert [d.theta for d in found] == list(_ANGLES) + list(_AXES)
    with mpmath.workdps(40):
        for d in found:
            if d.theta in _AXES:
                ct, st = _AXES[d.theta]
                for r in (1, 10, 100):
                    want = sympy.N(d.leading.xreplace({t: r}), 40)
                    assert abs(f(r * ct, r * st) - mpmath.mpf(str(want))) < 1e-25 * r
                continue
            for th in _ANGLES[d.theta]:
                ct, st = mpmath.cos(th), mpmath.sin(th)
                ratios = []
                for r in (40, 400):
                    value = f(r * ct, r * st)
                    if d.growth == "0":
                        assert value == 0
                        continue
                    by_name = {"c": sympy.Float(ct, 40), "s": sympy.Float(st, 40)}
                    lead = d.leading.xreplace({v: by_name[v.name] for v in d.leading.free_symbols if v != t})
                    lead = lead.xreplace({t: r})
                    ratios.append(value / mpmath.mpf(str(sympy.N(lead, 40))))
                if ratios:
                    assert abs(ratios[1] - 1) < abs(ratios[0] - 1) + 1e-30 and abs(ratios[1] - 1) < 0.05, ratios


def test_the_sector_changes_the_behaviour() -> None:
    """SwiGLU grows like t² for cos θ > 0 and decays for cos θ < 0; bilinear grows in every quadrant."""
    sw = {d.theta: d for d in directions(glusym.get("swiglu"))}
    assert sw["0 < θ < π/2"].growth == "t^2" and sw["0 < θ < π/2"].limit == sympy.oo
    assert sw["π/2 < θ < π"].growth == "exponential decay" and sw["π/2 < θ < π"].limit == 0
    bi = {d.theta: d for d in directions(glusym.get("bilinear"))}
    assert all(bi[q].growth == "t^2" for q in _ANGLES)
    assert bi["π/2 < θ < π"].limit == -sympy.oo  # cos θ < 0 < sin θ
    assert {d.theta: d for d in directions(glusym.get("reglu"))}["π/2 < θ < π"].growth == "0"
    glu = {d.theta: d for d in directions(glusym.get("glu"))}
    assert glu["θ = π/2"].leading == t / 2  # σ(0) = 1/2: GLU is linear along the x_v axis

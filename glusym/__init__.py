r"""glusym: the mathematics of activation functions and gated linear units, exactly.

Every activation and gated unit is a SymPy expression (:func:`get`); the analyses derive
gradients, Taylor expansions at 0, behaviour at ±∞, extrema and parameter limits.

>>> import glusym
>>> u = glusym.get("swiglu")
>>> glusym.gradient(u)[1]
x_g*sigmoid(x_g)
>>> glusym.taylor(glusym.get("gelu"), order=3).polynomial
sqrt(2)*x**2/(2*sqrt(pi)) + x/2
"""

from __future__ import annotations

from typing import Any

from .analysis.asymptotes import Asymptotes, Behaviour, asymptotes, growth_order
from .analysis.calculus import gradient, hessian
from .analysis.depth import Chain, GrowthProfile, growth_profile, order_table, stack
from .analysis.derivation import Derivation, derive
from .analysis.extrema import (
    CriticalPoint,
    LevelSet,
    Points,
    StationarySet,
    critical_points,
    extrema,
    inflections,
    level_set,
    stationary_sets,
)
from .analysis.directions import Direction, directions
from .analysis.kinks import Kink, kinks
from .analysis.limits import ParamLimit, param_limits
from .analysis.range import Bound, Range, Standing, standings, value_range
from .analysis.series import taylor_coefficients
from .analysis.taylor import TaylorResult, taylor
from .catalogue import CATALOGUE, Param, Unit, get, glu, names, order_raise, vector_form, x, x_g, x_v
from .errors import BudgetExceeded, GlusymError, NotDerived
from .functions import Phi, elementary, phi, sigmoid
from .latex import latex, latex_part, wrap
from .rich import html  # and the text/latex, text/html renderers of every result's display


# Heavier parts (SciPy for the NumPy compiler, pylatexenc and markdown-it for the checker)
# load on first use, so that `import glusym` and `python -m glusym derive` stay quick.
_LAZY = {
    "Link": "check", "Report": "check", "check_formula": "check", "check_markdown": "check",
    "check_text": "check", "to_mpmath": "numeric", "to_numpy": "numeric",
    "LatexParseError": "parsing", "parse_latex": "parsing",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'glusym' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__version__ = "0.1.0"

__all__ = [
    "Asymptotes",
    "Behaviour",
    "Bound",
    "BudgetExceeded",
    "CATALOGUE",
    "Chain",
    "CriticalPoint",
    "Derivation",
    "Direction",
    "GlusymError",
    "GrowthProfile",
    "Kink",
    "LatexParseError",
    "LevelSet",
    "Link",
    "NotDerived",
    "Param",
    "ParamLimit",
    "Phi",
    "Points",
    "Range",
    "Report",
    "Standing",
    "StationarySet",
    "TaylorResult",
    "Unit",
    "asymptotes",
    "check_formula",
    "check_markdown",
    "check_text",
    "critical_points",
    "derive",
    "directions",
    "elementary",
    "extrema",
    "get",
    "glu",
    "gradient",
    "growth_order",
    "growth_profile",
    "hessian",
    "html",
    "inflections",
    "kinks",
    "latex",
    "latex_part",
    "level_set",
    "names",
    "order_raise",
    "order_table",
    "param_limits",
    "parse_latex",
    "phi",
    "sigmoid",
    "stack",
    "standings",
    "stationary_sets",
    "taylor",
    "taylor_coefficients",
    "to_mpmath",
    "to_numpy",
    "value_range",
    "vector_form",
    "wrap",
    "x",
    "x_g",
    "x_v",
]

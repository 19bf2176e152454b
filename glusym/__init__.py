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

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one source of the version: pyproject.toml reads it, and `glusym --version`

# Every public name is imported on first use (PEP 562), so that `import glusym`, and the command
# line's usage errors, load no SymPy, NumPy or matplotlib; the module each name comes from:
_SOURCES = {
    "analysis.asymptotes": ("Asymptotes", "Behaviour", "End", "asymptotes", "growth_order"),
    "analysis.calculus": ("gradient", "hessian"),
    "analysis.depth": ("Chain", "GrowthProfile", "OrderRow", "Tail", "growth_profile", "order_table", "stack"),
    "analysis.derivation": ("Derivation", "derive"),
    "analysis.extrema": ("CriticalPoint", "LevelSet", "PointKind", "Points", "StationarySet", "critical_points",
                         "extrema", "inflections", "level_set", "stationary_sets"),
    "analysis.directions": ("Direction", "directions"),
    "analysis.kinks": ("Kink", "kinks"),
    "analysis.limits": ("Approach", "ParamLimit", "param_limits"),
    "analysis.range": ("Bound", "Range", "Scope", "Standing", "standings", "value_range"),
    "analysis.series": ("NotAnalytic", "taylor_coefficients"),
    "analysis.taylor": ("TaylorResult", "taylor"),
    "catalogue": ("CATALOGUE", "Param", "Unit", "get", "glu", "names", "order_raise", "vector_form", "x", "x_g", "x_v"),
    "check": ("Formula", "Link", "Report", "Verdict", "check_formula", "check_markdown", "check_text"),
    "errors": ("BudgetExceeded", "GlusymError", "NotDerived"),
    "functions": ("Phi", "elementary", "phi", "sigmoid"),
    "latex": ("latex", "latex_part", "wrap"),
    "numeric": ("to_mpmath", "to_numpy"),
    "parsing": ("LatexParseError", "parse_latex"),
    "rich": ("html",),  # and the text/latex, text/html renderers of every result's display
}
_LAZY = {name: module for module, names in _SOURCES.items() for name in names}

if TYPE_CHECKING:  # what a type checker and an editor see: the names, eagerly
    from .analysis.asymptotes import Asymptotes, Behaviour, End, asymptotes, growth_order
    from .analysis.calculus import gradient, hessian
    from .analysis.depth import Chain, GrowthProfile, OrderRow, Tail, growth_profile, order_table, stack
    from .analysis.derivation import Derivation, derive
    from .analysis.extrema import (CriticalPoint, LevelSet, PointKind, Points, StationarySet, critical_points,
                                   extrema, inflections, level_set, stationary_sets)
    from .analysis.directions import Direction, directions
    from .analysis.kinks import Kink, kinks
    from .analysis.limits import Approach, ParamLimit, param_limits
    from .analysis.range import Bound, Range, Scope, Standing, standings, value_range
    from .analysis.series import NotAnalytic, taylor_coefficients
    from .analysis.taylor import TaylorResult, taylor
    from .catalogue import CATALOGUE, Param, Unit, get, glu, names, order_raise, vector_form, x, x_g, x_v
    from .check import Formula, Link, Report, Verdict, check_formula, check_markdown, check_text
    from .errors import BudgetExceeded, GlusymError, NotDerived
    from .functions import Phi, elementary, phi, sigmoid
    from .latex import latex, latex_part, wrap
    from .numeric import to_mpmath, to_numpy
    from .parsing import LatexParseError, parse_latex
    from .rich import html


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'glusym' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    if module != "errors":  # a result's display renders LaTeX and HTML once glusym.rich registered them
        importlib.import_module(".rich", __name__)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Namespace(types.ModuleType):
    """The package, whose public names win over its submodules of the same name: importing the
    submodule ``glusym.latex`` for the first time binds it as the package's attribute ``latex``,
    which is the function :func:`latex` here (the module stays ``sys.modules["glusym.latex"]``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Namespace



__all__ = [
    "Approach",
    "Asymptotes",
    "Behaviour",
    "Bound",
    "BudgetExceeded",
    "CATALOGUE",
    "Chain",
    "CriticalPoint",
    "Derivation",
    "Direction",
    "End",
    "Formula",
    "GlusymError",
    "GrowthProfile",
    "Kink",
    "LatexParseError",
    "LevelSet",
    "Link",
    "NotAnalytic",
    "NotDerived",
    "OrderRow",
    "Param",
    "ParamLimit",
    "Phi",
    "PointKind",
    "Points",
    "Range",
    "Report",
    "Scope",
    "Standing",
    "StationarySet",
    "Tail",
    "TaylorResult",
    "Unit",
    "Verdict",
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

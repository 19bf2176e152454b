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

from .analysis.calculus import gradient, hessian
from .analysis.series import taylor_coefficients
from .analysis.taylor import TaylorResult, taylor
from .catalogue import CATALOGUE, Param, Unit, get, glu, names, order_raise, vector_form, x, x_g, x_v
from .errors import BudgetExceeded, GlusymError, NotDerived
from .functions import Phi, elementary, phi, sigmoid
from .latex import latex

__version__ = "0.1.0"

__all__ = [
    "BudgetExceeded",
    "CATALOGUE",
    "GlusymError",
    "NotDerived",
    "Param",
    "Phi",
    "TaylorResult",
    "Unit",
    "elementary",
    "get",
    "glu",
    "gradient",
    "hessian",
    "latex",
    "names",
    "order_raise",
    "phi",
    "sigmoid",
    "taylor",
    "taylor_coefficients",
    "vector_form",
    "x",
    "x_g",
    "x_v",
]

r"""Numerical evaluation of units and expressions: :func:`to_numpy` (accurate float64) and :func:`to_mpmath`.

One job a module, in the order the data flows:

- :mod:`~glusym.numeric.rewrite`: the stable rewrite rules (``sympy.codegen.rewriting``);
- :mod:`~glusym.numeric.printer`: the stable form printed as NumPy source (a ``SciPyPrinter``);
- :mod:`~glusym.numeric.eft`: error-free transformations and double-double Horner;
- :mod:`~glusym.numeric.primitives`: the float64 primitives (σ, σ', softplus, Φ, φ, …);
- :mod:`~glusym.numeric.extended`: the extended-exponent slow path (:math:`m\,2^e`);
- :mod:`~glusym.numeric.refine`: Taylor windows where float64 evaluation cancels near a root;
- :mod:`~glusym.numeric.kernel`: :func:`to_numpy`, the driver;
- :mod:`~glusym.numeric.mp`: :func:`to_mpmath` (on :func:`glusym.evaluate.mpmath_function`) and
  :func:`reference`, its value to 25 digits at float arguments.

SciPy loads with the first NumPy compilation, not with :func:`to_mpmath`.

>>> import numpy as np, glusym
>>> print(to_numpy(glusym.get("softplus"))(np.array([-800.0, 0.0, 800.0])))
[0.00000000e+00 6.93147181e-01 8.00000000e+02]
"""

from __future__ import annotations

from .kernel import to_numpy
from .mp import reference, to_mpmath

__all__ = ["reference", "to_mpmath", "to_numpy"]

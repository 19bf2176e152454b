r"""LaTeX in: formulas as people write them, read into SymPy.

The formula is read as a tree, not rewritten as text: pylatexenc's ``LatexWalker`` finds its
structure (groups, macro arguments, environments; :mod:`~glusym.parsing.tree`), an expression
parser of glusym's own gives the tokens their meaning with the usual precedences
(:mod:`~glusym.parsing.grammar`), names are resolved against the catalogue, the Greek
letters and the functions every reader knows (:mod:`~glusym.parsing.names`), and a formula is
split into a chain of relations with its domain note apart (:mod:`~glusym.parsing.chain`).
Objects SymPy lacks (``O(x^n)``, a maximum over a variable, ``S^n``) are in
:mod:`~glusym.parsing.terms`.

What is not understood raises :class:`LatexParseError` with the reason (``\foo: an unknown
command``); a formula is never guessed into another one. Every symbol comes back real (``x``,
``x_g``, ``x_v`` are the catalogue's own); ``e`` and ``\mathrm{e}`` are Euler's number and
``\pi`` is π. No text is ever evaluated as Python.

>>> from glusym.parsing import parse_latex
>>> parse_latex(r"\text{SiLU}(x) = x\sigma(x)")
Eq(x*sigmoid(x), x*sigmoid(x))
>>> parse_latex(r"\sigma'(x)")
(1 - sigmoid(x))*sigmoid(x)
>>> parse_latex(r"\text{Swish}_0(x)")
Limit(x*sigmoid(beta*x), beta, 0, dir='+')
>>> parse_latex(r"\int_{-\infty}^{x} \frac{1}{\sqrt{2\pi}} e^{-t^2/2}\,\mathrm{d}t")
Integral(sqrt(2)*exp(-t**2/2)/(2*sqrt(pi)), (t, -oo, x))
"""

from __future__ import annotations

from .chain import Chain, mentions_catalogue, parse_chain, parse_latex, parse_rows
from .errors import LatexParseError
from .names import _unit_named, real_symbol
from .terms import BigO, Infimum, Maximum, Minimum, SetPower, Supremum

__all__ = ["BigO", "Chain", "Infimum", "LatexParseError", "Maximum", "Minimum", "SetPower", "Supremum",
           "mentions_catalogue", "parse_chain", "parse_latex", "parse_rows", "real_symbol"]

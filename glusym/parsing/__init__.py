r"""LaTeX in: formulas as people write them, read into SymPy.

The formula is read as a tree, not rewritten as text: pylatexenc's ``LatexWalker`` finds its
structure (groups, macro arguments, environments; :mod:`~glusym.parsing.tree`), an expression
parser of glusym's own gives the tokens their meaning with the usual precedences
(:mod:`~glusym.parsing.grammar`), names are resolved against the catalogue, the Greek
letters and the functions every reader knows (:mod:`~glusym.parsing.names`), and a formula is
split into a chain of relations with its domain note apart (:mod:`~glusym.parsing.chain`).
Objects SymPy lacks (``O(x^n)``, a maximum over a variable, ``S^n``) are in
:mod:`~glusym.parsing.terms`.

**Why a tree reader of pylatexenc and a grammar of our own**, and not SymPy's Lark parser
with its grammar extended (both tried on the hard cases, SymPy 1.14, lark 1.3.1): the Lark
parser takes about 1.0 s to build its Earley grammar and 10–960 ms a formula, gives ambiguous
trees (``_ambig``) for ``x(1+x)^2``, ``f(x)^2`` and ``\tanh x``, and stops at ``\sigma(\beta x)``,
``\text{GELU}(x)``, ``\operatorname{erf}``, ``\max_x``, ``\alpha_{01}``, ``\sigma'(x)``,
``\mathrm{e}`` and ``cases``: extending it means writing most of the grammar anyway, plus
disambiguation. pylatexenc's walker does only what needs a TeX tokenizer (braced groups, the
arguments of the macros we declare, environments, comments, unbalanced braces) in about 0.3 ms a
formula, and the meaning — where the hard cases are — is in ~1,000 lines of ours, with a rule per
notation and a reason for everything it refuses. Reading the 104 formulas of the adversarial
corpus takes about 0.2 s, against 1.6 s for the ANTLR reader it replaces.

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

from .chain import RelationChain, mentions_catalogue, parse_chain, parse_latex, parse_rows, split_display
from .errors import LatexParseError
from .names import real_symbol
from .terms import BigO, Infimum, Maximum, Minimum, SetPower, Supremum

__all__ = ["BigO", "Infimum", "LatexParseError", "Maximum", "Minimum", "RelationChain", "SetPower", "Supremum",
           "mentions_catalogue", "parse_chain", "parse_latex", "parse_rows", "real_symbol",
           "split_display"]

r"""Check the formulas of a Markdown post: extract them, split chains, verify every link.

:func:`extract_formulas` finds every display (``$$…$$``) and inline (``\\(…\\)``, ``$…$``)
formula with its line number. It reads the post with markdown-it-py (the CommonMark parser MyST
and Jupyter Book build on) and its ``front_matter`` and ``dollarmath`` plugins, so that YAML front
matter, fenced and indented code, HTML blocks (Mermaid diagrams, comments, figures) are skipped
as a Markdown renderer skips them; kramdown's inline delimiters ``\\(…\\)``, which CommonMark
reads as escaped backslashes, are an inline rule of ours.

:func:`check_markdown` splits each formula at its top-level relations (``a = b = c`` is two
links, ``0 < \sigma(x) < 1`` two inequalities) and judges every link:

``holds``
    proved symbolically: the difference of the two sides simplifies to 0 (for a series
    ``f = p + O(x^n)``: the Taylor polynomial of f below degree n is p, exactly; for a limit:
    SymPy's limit, split on the sign of the other variables, equals the other side). An
    inequality (``<``, ``\le``, ``>``, ``\ge``) or a membership ``a \in [b, c)`` holds for every
    real value of its variables by a sign argument (SymPy's assumptions, one branch at a time) or
    by interval arithmetic with monotonicity and convexity tests, the tails by the sign of the
    derivative and SymPy's limits (:mod:`glusym.check.relations`); ``f \sim g`` as x → a holds when
    SymPy's limit of f/g there is 1.
``holds numerically``
    simplification could not decide within the budget, but the two sides agree at every point
    of a sample built for the formula (both sides of every breakpoint, wherever it lies; where
    each exponential turns; roots and stationary points; far out to 10⁶: see
    :mod:`glusym.sampling`), each compared at a rising precision that starts from the formula's
    numbers and the size of its exponentials there. The reason gives the points, their range and
    the precisions. For an inequality: no proof was reached, and it is true at every point of
    the sample, a fine grid and the local minima of its margin, each candidate checked at 50
    digits.
``holds approximately``
    an approximation (``\approx``, ``\simeq``) whose largest absolute error, over the stated
    domain or by default x ∈ [−6, 6], is at most the tolerance (``approx_tol``, 0.03); the reason
    gives the largest absolute and relative errors and where they occur
    (:mod:`glusym.check.approximation`).
``fails``
    a point where the two sides differ (the same difference at two precisions, and again from
    twice the higher), with both values and their difference; or a branch whose difference is
    never 0. For an inequality: a point where it is false, confirmed at 50 digits and at twice
    that, or an exact point where a strict one is an equality; for an approximation: the worst
    point, its error above the tolerance.
``definition``
    the left side names something new (the post's :math:`g_\alpha`, :math:`\beta(x)`, ``z``).
``unparsed``
    the formula could not be read; the reason says why.
``unknown``
    the budget ran out before a verdict, or nothing could be evaluated (or a ``\sim`` names no
    limit: it is not judged).
``no claim``
    a formula that asserts no relation: an expression (``\sigma(x)``) or a condition (``x < 0``,
    ``\beta \ge 0``: a lone variable against a number; ``\mathbf{x}\cdot\mathbf{w} > 0``: no
    function named, true on a region only).

It never says ``holds`` for a false identity: ``holds`` needs an exact symbolic zero (numbers
and series coefficients are compared exactly, whatever the size of their difference), and a
difference that stays the same as the precision doubles, at any point, is a ``fails``; an
inequality holds only with a proof.

**Kinks.** Identities are judged almost everywhere: two sides that agree except at isolated
points hold, and the reason names the points. The derivative at a kink is a convention (glusym
follows JAX: :math:`\text{ReLU}'(0) = 0`, where :math:`H(0) = \tfrac12` in SymPy), so
:math:`\text{ReLU}'(x) = H(x)` holds, "except at x = 0, where conventions differ".

No text of the document is evaluated as Python: formulas are read by
:func:`glusym.parsing.parse_latex` only.

>>> r = check_text(r"$$\sigma(x) = 1 - \sigma(-x) = \sigma(2x)$$")
>>> [str(link.verdict) for f in r.formulas for link in f.links]
['holds', 'fails']
>>> r = check_text("$$0 < \\sigma(x) < 1$$\n\n$$\\text{GELU}(x) \\approx x\\sigma(1.702x)$$")
>>> [str(link.verdict) for f in r.formulas for link in f.links]
['holds', 'holds', 'holds approximately']
"""

from __future__ import annotations

from .extract import extract_formulas
from .formula import check_formula, check_markdown, check_text
from .report import DEFAULT_LINK_BUDGET, FALSE_VERDICT, TRUE_VERDICTS, VERDICTS, Formula, Link, Report, Verdict

__all__ = ["DEFAULT_LINK_BUDGET", "FALSE_VERDICT", "Formula", "Link", "Report", "TRUE_VERDICTS", "VERDICTS", "Verdict",
           "check_formula", "check_markdown", "check_text", "extract_formulas"]

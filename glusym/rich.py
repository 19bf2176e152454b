r"""HTML for every result type, and the renderers of :mod:`glusym.display` (``text/latex``,
``text/html``), registered when :mod:`glusym` is imported.

A result shows as a titled block with its formulas as display math (``\[…\]``, which Jupyter's
MathJax or KaTeX typesets in HTML output); a :class:`~glusym.Derivation` as a sectioned report,
one ``<section>`` per analysis; the checker's report as a table of verdicts with their counts
(:meth:`glusym.check.report.Report._html_`). Every formula sits in an element of class ``math``,
its LaTeX HTML-escaped.

This module sits above :mod:`glusym.latex` and below :mod:`glusym.check` in the import order.

>>> import glusym
>>> print(html(glusym.taylor(glusym.get("silu"), order=3)))
<div class="glusym glusym-taylorresult"><div class="glusym-title">TaylorResult(silu, order 3: x/2 + x²/4 + O(x³))</div><div class="math display">\[\frac{x}{2} + \frac{x^{2}}{4} + O\left(x^{3}\right)\]</div></div>
"""

from __future__ import annotations

import functools
from html import escape
from typing import Any

from . import display
from .analysis.derivation import Derivation
from .latex import _TITLES, _derivation_sections, _rows, latex

__all__ = ["html", "math"]


def math(tex: str, block: bool = True) -> str:
    r"""One formula as HTML: ``\[…\]`` (``block``) or ``\(…\)``, escaped, in an element of class ``math``.

    >>> math("a < b", block=False)
    '<span class="math inline">\\(a &lt; b\\)</span>'
    """
    if block:
        return '<div class="math display">\\[' + escape(tex, quote=False) + "\\]</div>"
    return '<span class="math inline">\\(' + escape(tex, quote=False) + "\\)</span>"


@functools.singledispatch
def html(obj: Any) -> str:
    """The HTML of a result: an object's own (``_html_``), a derivation's sectioned report, or a
    titled block of its LaTeX (its class, lowercased, names the block: ``glusym-taylorresult``)."""
    own = getattr(type(obj), "_html_", None)
    if callable(own):
        return str(obj._html_())
    title = '<div class="glusym-title">' + escape(repr(obj), quote=False) + "</div>"
    return f'<div class="glusym glusym-{type(obj).__name__.lower()}">{title}{math(latex(obj))}</div>'


@html.register(Derivation)
def _derivation_html(d: Derivation) -> str:
    u = d.unit
    head = f"<h3>{escape(u.name)} — {escape(u.description)}</h3>"
    meta = f"<p>{escape(u.reference)}</p>" if u.reference else ""
    sections = []
    titles = set(_TITLES.values())
    for title, rows in _derivation_sections(d):
        if title == "Not derived":
            items = "".join(f"<li><b>{escape(k)}</b>: {escape(r)}</li>" for k, r in d.not_derived)
            body = f"<ul>{items}</ul>"
        else:
            body = math(_rows(rows))
        cls = "glusym-section" + (" glusym-missing" if title not in titles and title != "Definition" else "")
        sections.append(f'<section class="{cls}"><h4>{escape(title)}</h4>{body}</section>')
    return f'<div class="glusym glusym-derivation">{head}{meta}{"".join(sections)}</div>'


display.register("latex", latex)
display.register("html", html)

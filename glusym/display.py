r"""Rich display for glusym's result types: a short ``repr`` and ``_repr_mimebundle_``.

Every public result type (:class:`~glusym.TaylorResult`, :class:`~glusym.Asymptotes`, …, the
checker's :class:`~glusym.Report`) mixes in :class:`Display`. A class states its one line,
``_summary()``; the mixin makes of it

- ``repr(obj)``: ``ClassName(summary)``, one line of at most :data:`MAX_REPR` characters (longer
  summaries are cut, the cut marked with "…"; the whole result is in the fields, the LaTeX and the HTML);
- ``_repr_mimebundle_()``: ``text/plain`` (the repr, or a few lines where the class gives
  ``_plain()``), ``text/latex`` (``$\displaystyle …$``, what :func:`glusym.latex` prints) and
  ``text/html``.

This module sits at the bottom of the import order (it imports only :mod:`glusym.budget`): the
LaTeX and HTML renderers live above the analyses (:mod:`glusym.latex`, :mod:`glusym.rich`) and
*register* themselves here when :mod:`glusym` is imported, so no analysis module imports the
printing layer, lazily or not.

Expressions in the plain text are written compactly (:func:`text`):
:math:`\frac{3x}{5} + \frac{8x^2}{25}` as ``3x/5 + 8x²/25``, ``sigmoid`` as ``σ``.

>>> import sympy
>>> from glusym import sigmoid, x
>>> text(3*x/5 + 8*x**2/25 - 2*x**3/125, ascending=True)
'3x/5 + 8x²/25 - 2x³/125'
>>> text(x*sigmoid(x) + sympy.sqrt(2)*x**2/(2*sympy.sqrt(sympy.pi)))
'√2·x²/(2√π) + x·σ(x)'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import sympy

from .budget import tree_size

__all__ = ["MAX_LINE", "MAX_REPR", "Display", "cut", "register", "text"]

#: The longest ``repr`` of a result, in characters: two lines of an 80-column terminal. A Taylor
#: polynomial of order 6 of any catalogue entry, an extremum at 6 digits, a check report's counts
#: fit; what does not is cut with "…" (the full result is in its fields, its LaTeX and its HTML).
MAX_REPR = 160
#: The longest line of a several-line ``text/plain`` (a derivation, a check report).
MAX_LINE = 100
#: An expression with more nodes than this is shown by its size in plain text, not written out.
MAX_TEXT_NODES = 2000

#: The renderers of the other mimetypes, by kind ("latex", "html"), registered by the layers above.
_RENDERERS: dict[str, Callable[[Any], str]] = {}


def register(kind: str, renderer: Callable[[Any], str]) -> None:
    """Register the renderer of ``kind`` (``"latex"`` or ``"html"``) for every :class:`Display`."""
    if kind not in ("latex", "html"):
        raise ValueError(f"a renderer is for latex or html, not {kind!r}")
    _RENDERERS[kind] = renderer


def cut(s: str, limit: int = MAX_REPR) -> str:
    """``s`` on one line, at most ``limit`` characters, a cut marked with "…".

    >>> cut("abcdef", 4)
    'abc…'
    """
    s = re.sub(r"\s*\n\s*", " ", s)
    return s if len(s) <= limit else s[:limit - 1] + "…"


_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_NAMES = [(r"\bsigmoid\(", "σ("), (r"\bPhi\(", "Φ("), (r"\bphi\(", "φ("), (r"\bLambertW\(", "W("),
          (r"\bsqrt\((\d+|pi)\)", r"√\1"), (r"\bsqrt\(", "√("), (r"\bpi\b", "π"), (r"\boo\b", "∞")]


def text(expr: Any, digits: int | None = 10, ascending: bool = False) -> str:
    """An expression on one line, compactly: powers as superscripts, σ, Φ, φ, √, π, ∞; Floats to
    ``digits`` significant digits (None: all of theirs); ``ascending`` powers (a Taylor polynomial).

    >>> from glusym import x
    >>> text(x**2 / 4 + x / 2, ascending=True)
    'x/2 + x²/4'
    """
    if not isinstance(expr, sympy.Basic):  # a number becomes SymPy; anything else (text, a tuple of
        if isinstance(expr, bool) or not isinstance(expr, (int, float)):  # text) is shown, never read:
            return str(expr)  # sympify runs text, also inside a tuple, as Python
        expr = sympy.Integer(expr) if isinstance(expr, int) else sympy.Float(expr)
    n = tree_size(expr)
    if n > MAX_TEXT_NODES:
        return f"<an expression of {n} nodes>"
    if digits is not None and expr.has(sympy.Float):
        expr = expr.xreplace({f: rounded(f, digits) for f in expr.atoms(sympy.Float)})
    s = sympy.sstr(expr, order="rev-lex") if ascending else sympy.sstr(expr)
    s = re.sub(r"\*\*(-?\d+)(?![\d.])", lambda m: m.group(1).translate(_SUP), s)
    s = s.replace("**", "^")
    for pattern, repl in _NAMES:
        s = re.sub(pattern, repl, s)
    s = re.sub(r"(?<![\w.√^])(\d+(?:\.\d+)?)\*(?=[A-Za-z](?![A-Za-z(])|[√π(])", r"\1", s)  # 3*x -> 3x
    return s.replace("*", "·")


def rounded(f: sympy.Float, digits: int) -> sympy.Float:
    """``f`` rounded to ``digits`` significant digits, in decimal (SymPy's ``Float(f, n)`` rounds
    the binary digits: -0.7517915… to 6 digits would print as -0.751791).

    >>> rounded(sympy.Float("-0.7517915246935644574579"), 6)
    -0.751792
    """
    if f.is_zero or not f.is_finite:
        return f
    import mpmath

    return sympy.Float(mpmath.nstr(f._to_mpmath(f._prec), digits, strip_zeros=False), digits)


class Display:
    """Mixin: ``repr`` from ``_summary()``, and ``_repr_mimebundle_`` with text, LaTeX and HTML."""

    __slots__ = ()

    def _summary(self) -> str:  # pragma: no cover - every class states its own
        raise NotImplementedError

    def __repr__(self) -> str:
        return cut(f"{type(self).__name__}({self._summary()})", MAX_REPR)

    def _plain(self) -> str:
        """The ``text/plain`` form: the repr, unless a class shows a few lines."""
        return repr(self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        bundle = {"text/plain": self._plain()}
        latex, html = _RENDERERS.get("latex"), _RENDERERS.get("html")
        if latex is not None:
            bundle["text/latex"] = "$\\displaystyle " + latex(self) + "$"
        if html is not None:
            bundle["text/html"] = html(self)
        if include:
            bundle = {k: v for k, v in bundle.items() if k in include}
        if exclude:
            bundle = {k: v for k, v in bundle.items() if k not in exclude}
        return bundle

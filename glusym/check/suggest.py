r"""A correction for what fails: the right side the left side really has, printed in the post's
notation by :func:`glusym.latex`, read back and checked to hold before it is offered.

Offered where the left side is something glusym computes: a derivative (primes, ``\frac{d}{dx}``),
a limit, an integral, a value (no variable), a series (the right side has ``O(x^n)``: the Taylor
polynomial below degree n), or one function of the catalogue or of the document applied to its
arguments (``\text{GELU}(x)``, ``f(x)``).

>>> from glusym.check import check_text
>>> [k.suggestion for f in check_text(r"$$\sigma'(0) = \frac{1}{2}$$").formulas for k in f.links]
['\\frac{1}{4}']
"""

from __future__ import annotations

import re
import time
from typing import Any

import sympy

#: Left sides that name a computation: a derivative, a limit, an integral, or one function applied.
_COMPUTED = re.compile(r"""^\s*(
      \\frac\s*\{\s*(d|\\partial|\\mathrm\{d\})       # d/dx, ∂/∂x
    | \\lim | \\int | \\nabla
    | (\\text\{\w+\}|\\operatorname\{\w+\}|\\mathrm\{\w+\}|\\[A-Za-z]+|[A-Za-z])  # a name …
      (_\{[^{}]*\}|_\w)? ('*) (\^\{?\(\d+\)\}?)? \s* (\\left)?\s*\(   # … applied (with primes)
)""", re.X)


def _closes_at_end(tex: str, open_at: int) -> bool:
    """Whether the parenthesis opened at ``open_at`` closes at the end of ``tex`` (so that one
    application is the whole left side, not the first factor of a product)."""
    depth = 0
    for i in range(open_at, len(tex)):
        if tex[i] == "(":
            depth += 1
        elif tex[i] == ")":
            depth -= 1
            if depth == 0:
                return not tex[i + 1:].strip()
    return False


def _computed(lhs_tex: str, lhs: Any) -> bool:
    if isinstance(lhs, sympy.Basic) and not lhs.free_symbols:
        return True
    m = _COMPUTED.match(lhs_tex)
    if m is None:
        return False
    if m.group(0).rstrip().endswith("("):  # one function applied: it must be the whole left side
        return _closes_at_end(lhs_tex, len(m.group(0).rstrip()) - 1)
    return True


def _bare(tex: str) -> str:
    """LaTeX without its sizing, spacing and grouping, to see two printings of the same text."""
    return re.sub(r"\\left|\\right|\\[,;:! ]|[{}\s]", "", tex)


def _ascending(poly: Any, variables: list[Any]) -> str:
    """A polynomial in ascending degree, as a paper prints an expansion: 1/2 + x/4 − x³/48."""
    from ..latex import latex

    terms = sorted(sympy.Add.make_args(sympy.expand(poly)),
                   key=lambda t: sympy.Poly(t, *variables).total_degree())
    out = ""
    for t in terms:
        tex = latex(t)
        out += tex if not out else (f" - {tex[1:].lstrip()}" if tex.startswith("-") else f" + {tex}")
    return out or "0"


def _forms(candidate: Any) -> list[str]:
    r"""Printings of ``candidate`` to choose from: the form a paper prints (:func:`glusym.latex`),
    SymPy's own, expanded and factored, and a product's factors in every order (up to four
    factors), printed as ordered (:math:`\sigma(x)(1 - \sigma(x))` beside SymPy's
    :math:`(1 - \sigma(x))\sigma(x)`)."""
    from itertools import permutations

    from ..latex import latex
    from ..printing import PostLatexPrinter, tex

    out = [latex(candidate), tex(candidate)]
    for other in (sympy.expand(candidate), sympy.factor(candidate)):
        if other != candidate:
            out.append(tex(other))
    factors = sympy.Mul.make_args(candidate)
    if 1 < len(factors) <= 4:
        printer = PostLatexPrinter({"order": "none"})
        for perm in permutations(factors):
            out.append(printer.doprint(sympy.Mul(*perm, evaluate=False)))
    return list(dict.fromkeys(out))


def _sign_slips(written: str, most: int = 12) -> list[str]:
    r"""The author's right side with one sign exchanged (``+`` for ``-`` or back; a leading or
    bracketed unary ``-`` dropped): the slip most often made, corrected in the author's own text.

    >>> _sign_slips(r"\sigma(x)(1+\sigma(x))")
    ['\\sigma(x)(1-\\sigma(x))']
    >>> _sign_slips(r"-e^{-x}")
    ['e^{-x}', '-e^{x}']
    """
    out = []
    for m in re.finditer(r"[+-]", written):
        i = m.start()
        before = written[:i].rstrip()
        if m.group() == "-" and (not before or before[-1] in "({[=," or before.endswith(r"\left(")):
            out.append(written[:i] + written[i + 1:].lstrip())  # a unary minus: dropped
        else:
            out.append(written[:i] + ("-" if m.group() == "+" else "+") + written[i + 1:])
    return [t for t in dict.fromkeys(out) if t.strip() and t != written][:most]


def _nearness(tex: str, written: str) -> float:
    """How like the author's right side a printing reads (1: the same text, bare of sizing and
    spacing)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _bare(tex), _bare(written), autojunk=False).ratio()


def suggest(lhs_tex: str, lhs: Any, rhs: Any, op: str, deadline: float, rhs_tex: str = "") -> str | None:
    r"""The LaTeX of a right side that holds for ``lhs``, checked, or None (none to offer, or none
    that could be checked within the time left).

    First the author's own right side ``rhs_tex`` with one sign exchanged (:func:`_sign_slips`,
    checked in turn within half the time left): ``\sigma(x)(1+\sigma(x))`` becomes
    ``\sigma(x)(1-\sigma(x))``, the author's text with one character changed. Else, where the
    left side is something glusym computes, the right side it has: of its printings
    (:func:`_forms`), the one nearest what the author wrote, or without ``rhs_tex`` the form a
    paper prints."""
    from ..latex import latex
    from ..parsing import BigO, LatexParseError, parse_latex
    from .judge import _judge
    from .report import TRUE_VERDICTS
    from .series import _order_of

    if op != "=" or not isinstance(lhs, sympy.Basic) or isinstance(lhs, sympy.Lambda) or lhs.has(BigO):
        return None
    if lhs.has(sympy.core.function.AppliedUndef):
        return None  # something the document does not define: nothing to compute
    if rhs_tex:
        slips_until = time.monotonic() + max(deadline - time.monotonic(), 0.0) / 2
        for tex in _sign_slips(rhs_tex):
            left = slips_until - time.monotonic()
            if left < 0.05:
                break
            try:
                back = parse_latex(tex)
            except LatexParseError:
                continue
            if _judge(lhs, back, "=", False, left)[0] in TRUE_VERDICTS:
                return tex
    if isinstance(rhs, sympy.Basic) and rhs.has(BigO):
        from ..analysis.taylor import taylor

        (o,) = rhs.atoms(BigO) or (None,)
        if o is None:
            return None
        variables = sorted(o.args[0].free_symbols, key=lambda v: v.name)
        if not variables or tuple(sorted(lhs.free_symbols, key=lambda v: v.name)) != tuple(variables):
            return None
        n = _order_of(o.args[0], variables)
        tr = taylor(lhs, n)
        if tr.polynomial is None:
            return None
        candidate: Any = tr.polynomial + o
        tex = f"{_ascending(tr.polynomial, variables)} + {latex(o)}"
    elif _computed(lhs_tex, lhs):
        candidate = sympy.simplify(lhs.doit()) if lhs.has(sympy.Derivative, sympy.Integral) else sympy.simplify(lhs)
    else:
        return None
    if not isinstance(candidate, sympy.Basic) or candidate.has(sympy.Limit, sympy.Integral, sympy.zoo, sympy.nan):
        return None
    forms = [tex] if candidate.has(BigO) else _forms(candidate)
    if rhs_tex:
        forms.sort(key=lambda t: -_nearness(t, rhs_tex))  # stable: ties keep the paper's form first
    for tex in forms[:3]:
        if not candidate.has(BigO) and _bare(tex) == _bare(lhs_tex):
            return None  # the left side printed again: nothing learnt
        try:
            back = parse_latex(tex)
        except LatexParseError:
            continue
        left = max(deadline - time.monotonic(), 0.0)
        if left < 0.05:
            return None
        verdict, _, _ = _judge(lhs, back, "=", False, left)
        if verdict in TRUE_VERDICTS:
            return tex
    return None

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


def suggest(lhs_tex: str, lhs: Any, rhs: Any, op: str, deadline: float) -> str | None:
    """The LaTeX of the right side ``lhs`` has, checked to hold, or None (no computation to offer,
    or none that could be checked within the time left)."""
    from ..latex import latex
    from ..parsing import BigO, LatexParseError, parse_latex
    from .judge import _judge
    from .report import TRUE_VERDICTS
    from .series import _order_of

    if op != "=" or not isinstance(lhs, sympy.Basic) or isinstance(lhs, sympy.Lambda) or lhs.has(BigO):
        return None
    if lhs.has(sympy.core.function.AppliedUndef):
        return None  # something the document does not define: nothing to compute
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
    if not candidate.has(BigO):
        tex = latex(candidate)
        if _bare(tex) == _bare(lhs_tex):
            return None  # the left side printed again: nothing learnt
    try:
        back = parse_latex(tex)
    except LatexParseError:
        return None
    left = max(deadline - time.monotonic(), 0.0)
    if left < 0.05:
        return None
    verdict, _, _ = _judge(lhs, back, "=", False, left)
    return tex if verdict in TRUE_VERDICTS else None

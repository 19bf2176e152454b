r"""LaTeX out, in the post's notation (:math:`\sigma`, :math:`\Phi`, ``\text{GELU}``, ``x_g``/``x_v``).

:func:`latex` prints a unit (its definition), an expression or an analysis result;
:func:`latex_part` gives the formulas of one part of a unit's derivation (``definition``,
``gradient``, ``hessian``, ``taylor``, ``asymptotes``, ``limits``), each a complete equation
whose left side names the unit as the post does. Everything printed renders in KaTeX (the tests
render every entry × every part with the real KaTeX) and reads back with
:func:`glusym.parsing.parse_latex`.

Notation: :math:`\sigma` the logistic sigmoid, :math:`\Phi` the normal CDF, :math:`\varphi` its
density, :math:`H` the Heaviside step (SymPy's own printer writes :math:`\theta`), names as
``\text{…}``; ``expand=True`` writes σ, Φ, φ out as their definitions. Every expression is
printed in its presented form (:func:`glusym.printing.present`: the shortest rewrite verified
equal, σ(−x) for 1 − σ(x), softplus, φ, sech, …) with the catalogue's decimal constants as
decimals (:data:`glusym.catalogue.DECIMALS`: 1.702, 0.044715).

>>> import glusym
>>> print(latex_part(glusym.get("silu"), "gradient")[0])
\text{SiLU}'\left(x\right) = \left(x \sigma\left(- x\right) + 1\right) \sigma\left(x\right)
>>> latex(glusym.get("silu"), expand=True)
'\\text{SiLU}\\left(x\\right) = \\frac{x}{1 + e^{- x}}'
"""

from __future__ import annotations

import functools
import re
from typing import Any

import sympy
from sympy import Expr, Symbol

from .analysis.asymptotes import Asymptotes, Behaviour
from .analysis.depth import Chain, GrowthProfile
from .analysis.derivation import Derivation
from .analysis.directions import Direction
from .analysis.extrema import CriticalPoint, LevelSet, Points, StationarySet
from .analysis.kinks import Kink
from .analysis.limits import ParamLimit
from .analysis.range import Bound, Range, Standing
from .analysis.taylor import TaylorResult
from .budget import integer_digits, tree_size
from .catalogue import DECIMALS, Unit
from .errors import GlusymError
from .functions import BigO, elementary, text_note, to_sympy
from .printing import PostLatexPrinter as _Printer  # noqa: F401 - the printer's old name here
from .printing import (condition_tex, definition, definition_expr, in_name, lettered, name_with_values, param_name,
                       present, tex)

__all__ = ["PARTS", "latex", "latex_part", "post_text", "unit_definition", "wrap"]

#: The parts of a unit's derivation that :func:`latex_part` prints.
PARTS = ("definition", "gradient", "hessian", "taylor", "asymptotes", "limits")


#: The largest expression LaTeX is written for: nodes of its tree (the printer walks all of them)
#: and digits of its longest number (Python refuses to print an integer of more than 4,300).
MAX_NODES, MAX_DIGITS = 100_000, 4000


def _tex(expr: Any, expand: bool = False) -> str:
    expr = to_sympy(expr, "latex's argument")
    nodes, digits = tree_size(expr), integer_digits(expr)  # counted over the shared graph, not the tree
    if nodes > MAX_NODES or digits > MAX_DIGITS:
        size = f"{nodes:.1e} nodes" if nodes > MAX_NODES else f"a number of {digits} digits"
        raise GlusymError(f"an expression of {size} is too large to write as LaTeX "
                          f"(at most {MAX_NODES} nodes and numbers of {MAX_DIGITS} digits)")
    # the form a paper prints (each rewrite verified equal), or the definitions written out
    expr = elementary(expr) if expand else present(expr, DECIMALS)
    return tex(expr, DECIMALS)


def _name(unit: Unit) -> str:
    r"""The unit's name, a parameter in it (``\text{Swish}_\beta``) replaced by its value."""
    return name_with_values(unit, DECIMALS)


def _args(values: Any) -> str:
    return r"\left(" + ", ".join(_tex(v) for v in values) + r"\right)"


_in_name, _lettered, _definition_expr = in_name, lettered, definition_expr


def unit_definition(unit: Unit, expand: bool = False) -> str:
    r"""``\text{NAME}(vars) = definition`` for a catalogue entry. A parameter named in the unit's
    name, like Swish's β, stays a symbol, unless the caller set it: then the name and the formula
    show its value (a number or a symbol). Parameters not in the name take their values.

    >>> import glusym
    >>> unit_definition(glusym.get("swish"))
    '\\text{Swish}_\\beta\\left(x\\right) = x \\sigma\\left(\\beta x\\right)'
    >>> unit_definition(glusym.get("swish", beta=2))
    '\\text{Swish}_{2}\\left(x\\right) = x \\sigma\\left(2 x\\right)'
    >>> unit_definition(glusym.get("swish", beta="b"))
    '\\text{Swish}_{b}\\left(x\\right) = x \\sigma\\left(b x\\right)'
    """
    return definition(unit, expand, DECIMALS)


@functools.singledispatch
def latex(obj: Any, expand: bool = False) -> str:
    r"""LaTeX for a unit (its definition), a SymPy expression, or an analysis result.

    A tuple (a gradient) prints as :math:`\left(a, b\right)`, a matrix (a Hessian) as a
    ``pmatrix``, a :class:`~glusym.TaylorResult` as its polynomial plus :math:`O(x^n)` (or the
    one-sided expansions as ``cases``), :class:`~glusym.analysis.asymptotes.Asymptotes` and a
    dict of parameter limits as an ``aligned`` list of limits. ``expand=True`` writes
    :math:`\sigma`, :math:`\Phi`, :math:`\varphi` out as their definitions.

    A string is refused with :class:`~glusym.GlusymError`, not read: ``latex`` prints, and text
    could be LaTeX or SymPy's syntax (which ``sympify`` would run as Python). Read LaTeX first with
    :func:`glusym.parse_latex`, then print what it means.

    >>> import glusym
    >>> glusym.latex(glusym.get("silu"))
    '\\text{SiLU}\\left(x\\right) = x \\sigma\\left(x\\right)'
    >>> glusym.latex(glusym.taylor(glusym.get("silu"), order=3))
    '\\frac{x}{2} + \\frac{x^{2}}{4} + O\\left(x^{3}\\right)'
    >>> glusym.latex(glusym.parse_latex(r"\text{SiLU}(x)"))
    'x \\sigma\\left(x\\right)'
    >>> glusym.latex("x*sigmoid(x)")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: latex takes a unit, an expression or an analysis result, not str
    (glusym runs no code from text; LaTeX is read by glusym.parse_latex)
    """
    own = getattr(type(obj), "_latex_", None)  # an object that knows its own (the checker's reports)
    if callable(own):
        return str(obj._latex_())
    if isinstance(obj, sympy.MatrixBase):
        return _tex(sympy.ImmutableMatrix(obj), expand)
    if isinstance(obj, (tuple, list)):  # a gradient; element by element (sympy.Tuple reads text as code)
        return _tex(to_sympy(tuple(obj), "an element of latex's argument"), expand)
    try:
        expr = to_sympy(obj)
    except GlusymError:
        what = "latex takes a unit, an expression or an analysis result"
        raise GlusymError(f"{what}, not {type(obj).__name__}{text_note(obj)}") from None
    return _tex(expr, expand)


def _aligned(rows: list[str]) -> str:
    if len(rows) == 1:
        return rows[0]
    return r"\begin{aligned} " + r" \\ ".join(r.replace(" = ", " &= ", 1) for r in rows) + r" \end{aligned}"


def _end(end: Expr, side: str | None = None) -> str:
    if end.is_infinite or (end == 0 and side in (None, "+")):
        return {sympy.oo: r"\infty", -sympy.oo: r"-\infty", sympy.S.Zero: "0^{+}"}[end]
    return _tex(end) if side is None else "{%s}^{%s}" % (_tex(end), side)


def _limit_tex(v: Symbol, end: Expr) -> str:
    return r"\lim_{%s \to %s}" % (_tex(v), _end(end))


def _order_term(variables: tuple[Symbol, ...], order: int) -> Expr:
    if len(variables) == 1:
        return variables[0] ** order
    return sympy.Add(*[sympy.Abs(v) ** order for v in variables])


def _taylor_rhs(t: Any, expand: bool = False) -> str:
    # a caller's TaylorResult is converted first: SymPy's arithmetic reads the strings inside a
    # tuple as code (x ** ("…",) runs them)
    variables = tuple(to_sympy(v, "a TaylorResult's variable") for v in t.variables)
    o = BigO(_order_term(variables, to_sympy(t.order, "a TaylorResult's order")))
    exact = getattr(t, "is_exact", lambda i=0: False)  # an exact expansion has no O term (ReLU: x, 0)
    if t.polynomial is not None:
        return _tex(t.polynomial, expand) + ("" if exact() else " + " + _tex(o))
    rows = [r"%s%s & %s" % (_tex(p, expand), "" if exact(i) else " + " + _tex(o), condition_tex(label, variables))
            for i, (label, p) in enumerate(t.sides)]
    return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"


def _asymptote_rows(a: Any) -> list[tuple[Symbol, Expr, Expr, Expr]]:
    """(variable, end, left expression, value) for every limit the asymptotes state."""
    rows = []
    f = Symbol("f")
    for beh, end in ((a.plus, sympy.oo), (a.minus, -sympy.oo)):
        v = a.variable
        if beh.limit is not None:
            rows.append((v, end, f, beh.limit))
    return rows


def wrap(tex: str, delimiters: str = "kramdown", display: bool = True) -> str:
    r"""A formula between the delimiters of a post: ``kramdown`` (``$$…$$`` display,
    ``\\(…\\)`` inline, as the post writes them), ``dollar`` (``$$…$$``, ``$…$``) or ``none``.

    >>> wrap("x^2", "kramdown", display=False)
    '\\\\(x^2\\\\)'
    """
    if delimiters == "none":
        return tex
    if delimiters not in ("kramdown", "dollar"):
        raise GlusymError(f"delimiters are kramdown, dollar or none, not {delimiters!r}")
    if display:
        return "$$" + tex + "$$"
    return ("\\\\(" + tex + "\\\\)") if delimiters == "kramdown" else "$" + tex + "$"


def post_text(formulas: list[str], delimiters: str = "kramdown", display: bool = True,
              comment: str | None = None, padded: bool = False) -> str:
    r"""Formulas as the text of a post, each between its delimiters (:func:`wrap`), that kramdown
    (Jekyll's renderer, 2.4) reads as one math element per formula.

    kramdown takes ``$$…$$`` for a display block only where a blank line (or the start or end
    of the text) is on both sides of it; consecutive ``$$…$$`` lines are one paragraph of inline
    math, and a ``% …`` line is text. So the formulas are separated by blank lines, and
    ``comment`` (a label not to be shown) is an HTML comment, ``<!-- … -->``, a block of its own
    before them. ``padded`` adds a blank line before and after the whole (a file included into a
    post, whatever text is around the include). With ``delimiters="none"`` (TeX, not a post) the
    formulas are one a line and the comment is TeX's ``% …``. The text ends with a newline.

    >>> print(post_text(["a = 1", "b = 2"], comment="gradient"), end="|")
    <!-- gradient -->
    <BLANKLINE>
    $$a = 1$$
    <BLANKLINE>
    $$b = 2$$
    |
    >>> post_text(["a = 1"], padded=True)
    '\n$$a = 1$$\n\n'
    >>> post_text(["a = 1"], "none", comment="taylor")
    '% taylor\na = 1\n'
    """
    wrapped = [wrap(f, delimiters, display) for f in formulas]
    if delimiters == "none":
        return "".join(line + "\n" for line in ([f"% {comment}"] if comment else []) + wrapped)
    if comment is not None:  # "--" would end an HTML comment early
        wrapped.insert(0, "<!-- %s -->" % comment.replace("--", "- -"))
    text = "\n\n".join(wrapped) + "\n"
    return "\n" + text + "\n" if padded else text


# ---------------------------------------------------------------------------------------------
# the parts of a unit


def latex_part(unit: Unit, part: str, order: int = 6, expand: bool = False,
               budget: float | None = 10.0) -> list[str]:
    r"""The formulas of one part of a unit's derivation, each a complete equation.

    ``part`` is one of :data:`PARTS`; ``order`` is the Taylor order (terms of degree <
    ``order``). A part with nothing to state (a unit without parameters has no ``limits``) is
    an empty list.

    >>> import glusym
    >>> latex_part(glusym.get("silu"), "taylor", order=3)
    ['\\text{SiLU}\\left(x\\right) = \\frac{x}{2} + \\frac{x^{2}}{4} + O\\left(x^{3}\\right)']
    >>> latex_part(glusym.get("swish"), "limits")[0]
    '\\lim_{\\beta \\to 0^{+}} \\text{Swish}_\\beta\\left(x\\right) = \\frac{x}{2}'
    """
    return [tex for tex, _ in part_equations(unit, part, order, expand, budget)]


def part_equations(unit: Unit, part: str, order: int = 6, expand: bool = False,
                   budget: float | None = 10.0) -> list[tuple[str, Any]]:
    """The formulas of a part with the SymPy statement each one makes ``(lhs, rhs)`` (for tests:
    what :func:`~glusym.parsing.parse_latex` must read back)."""
    from .analysis._common import to_piecewise

    if part not in PARTS:
        raise GlusymError(f"unknown part {part!r} (parts: {', '.join(PARTS)})")
    name = _name(unit)
    args = _args(unit.variables)
    v = unit.variables
    if part == "definition":
        expr = _definition_expr(unit)
        return [(unit_definition(unit, expand), (expr, expr))]
    if part == "gradient":
        from .analysis.calculus import gradient

        g = gradient(unit)
        f = to_piecewise(unit.expr)
        if len(v) == 1:
            return [(r"%s = %s" % (_prime(name, args, 1), _tex(g[0], expand)), (sympy.diff(f, v[0]), g[0]))]
        return [(r"\nabla %s%s = %s" % (name, args, _tex(sympy.Tuple(*g), expand)),
                 (sympy.Tuple(*[sympy.diff(f, s) for s in v]), sympy.Tuple(*g)))]
    if part == "hessian":
        from .analysis.calculus import hessian

        h = hessian(unit)
        f = to_piecewise(unit.expr)
        if len(v) == 1:
            h0 = h[0, 0] if isinstance(h, sympy.MatrixBase) else h
            return [(r"%s = %s" % (_prime(name, args, 2), _tex(h0, expand)), (sympy.diff(f, v[0], 2), h0))]
        hm = sympy.ImmutableMatrix(h)
        return [(r"\nabla^2 %s%s = %s" % (name, args, _tex(hm, expand)),
                 (sympy.ImmutableMatrix(sympy.hessian(f, v)), hm))]
    if part == "taylor":
        from .analysis.taylor import taylor

        t = taylor(unit, order)
        o = BigO(_order_term(t.variables, t.order))
        if t.polynomial is not None:
            rhs: Any = t.polynomial + (0 if t.is_exact() else o)
        else:
            rhs = sympy.Piecewise(*[(p + (0 if t.is_exact(i) else o), label) for i, (label, p) in enumerate(t.sides)])
        return [(r"%s%s = %s" % (name, args, _taylor_rhs(t, expand)), (unit.expr, rhs))]
    if part == "asymptotes":
        from .analysis.asymptotes import asymptotes

        a = asymptotes(unit, budget=budget)
        t = a.variable
        at = (t,) * len(v)
        f = unit.expr.xreplace(dict(zip(v, at)))
        ftex = name + _args(at)
        out = []
        for beh, end in ((a.plus, sympy.oo), (a.minus, -sympy.oo)):
            lim = _limit_tex(t, end)
            d = "-" if end == sympy.oo else "+"
            if beh.limit is not None:
                out.append((r"%s %s = %s" % (lim, ftex, _tex(beh.limit, expand)),
                            (sympy.Limit(f, t, end, dir=d), beh.limit)))
            asym = beh.asymptote
            if beh.oblique is not None:
                if beh.oblique[0] != 0:
                    out.append((r"%s \left(%s - \left(%s\right)\right) = 0" % (lim, ftex, _tex(asym, expand)),
                                (sympy.Limit(f - asym, t, end, dir=d), sympy.S.Zero)))
            terms = beh.expansion_terms if beh.expansion is not None else ()
            if terms:
                lead = terms[0]
                num = ftex if asym is None or asym == 0 else r"%s - \left(%s\right)" % (ftex, _tex(asym, expand))
                out.append((r"%s \frac{%s}{%s} = 1" % (lim, num, _tex(lead, expand)),
                            (sympy.Limit((f - (asym or 0)) / lead, t, end, dir=d), sympy.S.One)))
        return out
    # limits
    if not unit.params:
        return []
    from .analysis.limits import param_limits

    out = []
    limits = param_limits(unit, budget=budget)
    for p in unit.params:
        pl = limits.get(p.name)
        if pl is None:
            continue
        s = Symbol(_pname(p), real=True)
        lname = unit.latex_name if _in_name(p, unit.latex_name) else unit.latex_name + "_{%s}" % p.latex
        for pp in unit.params:  # the other parameters keep their values in the name
            if pp is not p and _in_name(pp, lname):
                lname = lname.replace(pp.latex, "{%s}" % _tex(unit.param_values[pp.name]))
        expr = unit.template.xreplace({p.symbol: s})
        expr = expr.xreplace({q.symbol: unit.param_values[q.name] for q in unit.params if q is not p})
        for end, side, val in pl.ends:
            if val is None:
                continue
            out.append((r"\lim_{%s \to %s} %s%s = %s" % (_tex(s), _end(end, side), lname, args, _tex(val, expand)),
                        (sympy.Limit(expr, s, end, dir=side), val)))
    return out


def _prime(name: str, args: str, n: int) -> str:
    """f'(x), or d/dx f(x) where the name carries an exponent (ReLU^2' would be a double superscript)."""
    if "^" in name or len(re.findall(r"\\[A-Za-z]+", name.replace("\\text", ""))) > 1:
        d = "d" if n == 1 else "d^{%d}" % n
        dx = "dx" if n == 1 else "dx^{%d}" % n
        return r"\frac{%s}{%s} %s%s" % (d, dx, name, args)
    return name + "'" * n + args


_pname = param_name


# ---------------------------------------------------------------------------------------------
# analysis results: every public result type, as rows of equations (issue 16, item 2)


def _safe(expr: Any, expand: bool = False) -> str:
    """An expression's LaTeX, or a note where it is too large to write (a result never raises)."""
    try:
        return _tex(expr, expand)
    except GlusymError:
        return r"\text{(an expression too large to write)}"


def _text(s: str) -> str:
    r"""Plain text for ``\text{…}``: LaTeX's special characters escaped, ASCII only (KaTeX)."""
    s = s.replace("…", "...").replace("→", "->").replace("∞", "oo")
    s = "".join(c if 32 <= ord(c) < 127 else " " for c in s)
    special = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "_": r"\_", "^": r"\^{}", "$": r"\$",
               "%": r"\%", "&": r"\&", "#": r"\#", "~": " "}
    return r"\text{%s}" % "".join(special.get(c, c) for c in s)


_COND_TOKEN = re.compile(r"i\.e\.|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?|\d+(?:\.\d+)?|!=|<=|>=|[<>=(),-]|\s+|.")
_COND_OPS = {"!=": r"\neq", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", "=": "=", "(": "(", ")": ")",
             ",": r",\ ", "-": "-"}


def _condition(s: str) -> str:
    r"""A condition or region the analyses state as text (``"swish(x_g) != 0, i.e. x_g != 0"``)
    in LaTeX: variables (``x``, ``x_g``) as math, words as ``\text``, ``!=`` as ``\neq``.

    >>> _condition("swish(x_g) != 0, i.e. x_g != 0")
    '\\text{swish}(x_{g}) \\neq 0,\\ \\text{i.e.}\\ x_{g} \\neq 0'
    """
    word = re.compile(r"[A-Za-z]{2,}[A-Za-z0-9]*|i\.e\.")
    out: list[str] = []
    words: list[str] = []
    for tok in _COND_TOKEN.findall(s):
        var = re.fullmatch(r"([A-Za-z])(?:_([A-Za-z0-9]+))?", tok)
        if word.fullmatch(tok):
            words.append(tok)
            continue
        if tok.isspace():
            if not words:
                out.append(" ")
            continue
        if words:  # the words before this token, as one \text, and a space after them
            out.append(_text(" ".join(words)) + r"\ ")
            words.clear()
        if var:
            out.append(tok if not var.group(2) else "%s_{%s}" % var.groups())
        elif tok.replace(".", "").isdigit():
            out.append(tok)
        elif tok in _COND_OPS:
            out.append(" " + _COND_OPS[tok] + " " if tok in ("!=", "<=", ">=", "<", ">", "=") else _COND_OPS[tok])
        else:
            out.append(_text(tok))
    if words:
        out.append(_text(" ".join(words)))
    return re.sub(r" +", " ", "".join(out)).replace(r"\ (", "(").strip()


def _rows(rows: list[str]) -> str:
    """Rows of equations: one row as it is, several as an ``aligned`` block aligned at the first
    relation (=, \\sim, \\approx)."""
    if len(rows) == 1:
        return rows[0]
    aligned = []
    for r in rows:
        m = re.search(r" (=|\\sim|\\approx) ", r)
        aligned.append(r[:m.start()] + " &" + r[m.start():] if m else r)
    return r"\begin{aligned} " + r" \\ ".join(aligned) + r" \end{aligned}"


def _when(v: Any, end: Any) -> str:
    return r"\quad \left(%s \to %s\right)" % (_tex(v), _end(end))


def _behaviour_rows(b: Any, lhs: str, expand: bool = False) -> list[str]:
    """The limit, the asymptote and the asymptotic expansion of a Behaviour, as equations."""
    end = sympy.oo * b.direction.sign
    v = b.variable
    when = _when(v, end)
    rows = []
    if b.limit is not None:
        rows.append(r"%s %s = %s" % (_limit_tex(v, end), lhs, _safe(b.limit, expand)))
    y = b.asymptote
    terms = b.expansion_terms
    if terms:
        parts = ([] if y is None or y == 0 else [y]) + list(terms)
        rhs = " + ".join(_safe(p, expand) for p in parts).replace("+ - ", "- ")
        rows.append(r"%s = %s + o\left(%s\right) %s" % (lhs, rhs, _safe(terms[-1], expand), when))
    elif y is not None and b.expansion == 0:
        rows.append(r"%s = %s %s" % (lhs, _safe(y, expand), when))
    elif y is not None and b.oblique[0] != 0:
        rows.append(r"%s = %s + o\left(1\right) %s" % (lhs, _safe(y, expand), when))
    elif b.leading is not None and (b.limit is None or b.limit.is_infinite):
        rows.append(r"%s \sim %s %s" % (lhs, _safe(b.leading, expand), when))
    if b.not_derived:
        rows.append(_text("not derived: " + ", ".join(name for name, _ in b.not_derived)) + " " + when)
    return rows or [_text("nothing derived") + " " + when]


def _asymptotes_rows(a: Any, lhs: str | None = None, expand: bool = False) -> list[str]:
    if lhs is None:
        lhs = r"f\left(%s\right)" % (r"%s, %s" % (_tex(a.variable), _tex(a.variable)) if a.ray else _tex(a.variable))
    return _behaviour_rows(a.plus, lhs, expand) + _behaviour_rows(a.minus, lhs, expand)


def _point_row(p: Any, fname: str = "f", expand: bool = False) -> str:
    from .display import rounded

    def shown(e: Any) -> str:
        if not p.exact and isinstance(e, sympy.Basic):
            e = e.xreplace({f: rounded(f, 12) for f in e.atoms(sympy.Float)})
        return _safe(e, expand)

    rel = "=" if p.exact else r"\approx"
    if len(p.at) == 1:
        where = r"%s %s %s" % (_tex(p.at[0][0]), rel, shown(p.at[0][1]))
    else:
        where = r"\left(%s\right) %s \left(%s\right)" % (", ".join(_tex(v) for v, _ in p.at), rel,
                                                        ", ".join(shown(c) for _, c in p.at))
    kind = p.kind + (" (a kink)" if p.kink else "")
    return r"%s \quad %s, \quad %s %s %s" % (_text(kind + ":"), where, fname, rel, shown(p.value))


def _points_rows(points: Any, fname: str = "f", expand: bool = False) -> list[str]:
    return [_point_row(p, fname, expand) for p in points] or [_text(f"no {getattr(points, 'what', 'points')}")]


def _stationary_row(s: Any, fname: str = "f", expand: bool = False) -> str:
    return r"%s = %s \quad %s\ %s" % (fname, _safe(s.value, expand), _text("for"), _condition(s.region))


def _level_row(ls: Any, lhs: str = r"f\left(x_{g}, x_{v}\right)", expand: bool = False) -> str:
    row = r"%s = %s \iff x_{v} = %s \quad %s\ %s" % (
        lhs, _safe(ls.c), _safe(ls.solution, expand), _text("where"), _condition(ls.condition))
    return row if ls.zero_set is None else row + r", \quad %s\ %s" % (_text("or"), _condition(ls.zero_set))


def _param_rows(pl: Any, fname: str = "f", expand: bool = False) -> list[str]:
    p = Symbol(pl.param, real=True)
    rows = []
    for end, side, val in pl.limits():
        lim = r"\lim_{%s \to %s} %s" % (_tex(p), _end(end, side), fname)
        rows.append(r"%s = %s" % (lim, _safe(val, expand)) if val is not None else lim + r" \quad " + _text("not derived"))
    return rows


def _tail_row(tail: Any, lhs: str, end: Any) -> str:
    when = _when(x_symbol(), end)
    if tail.zero:
        return r"%s = 0 %s" % (lhs, when)
    if tail.leading is not None:
        return r"%s \sim %s %s" % (lhs, _safe(tail.leading), when)
    k = tail.order
    if k == sympy.oo:
        return r"%s \quad %s %s" % (lhs, _text("grows faster than any power"), when)
    if k == -sympy.oo:
        return r"%s \quad %s %s" % (lhs, _text("decays faster than any power"), when)
    return r"\left|%s\right| \sim c \left|x\right|^{%s} %s" % (lhs, _tex(k), when)


def x_symbol() -> Symbol:
    from .catalogue import x

    return x


def _growth_rows(g: Any, lhs: str = r"f\left(x\right)", dlhs: str = r"f'\left(x\right)") -> list[str]:
    rows = [_tail_row(g.plus, lhs, sympy.oo), _tail_row(g.minus, lhs, -sympy.oo),
            _tail_row(g.derivative_plus, dlhs, sympy.oo), _tail_row(g.derivative_minus, dlhs, -sympy.oo)]
    for which, pairs in ((lhs, g.at_zero), (dlhs, g.derivative_at_zero)):
        for label, k in pairs:
            side = {"x > 0": "0^{+}", "x < 0": "0^{-}"}.get(label, "0")
            when = r"\quad \left(x \to %s\right)" % side
            rows.append(r"%s = 0 %s" % (which, when) if k == sympy.oo else
                        r"%s = \Theta\left(x^{%s}\right) %s" % (which, _tex(k), when))
    return rows


def _chain_row(c: Any, expand: bool = False) -> str:
    name = _name(c)
    layer = _safe(c.layers[0], expand)
    if c.weights:
        return r"%s\left(x\right) = \left(f_{%d} \circ \cdots \circ f_{1}\right)\left(x\right), \quad f_{1}\left(x\right) = %s" % (
            name, c.depth, layer)
    nested = "x"
    if c.depth <= 3:
        for _ in range(c.depth):
            nested = r"f\left(%s\right)" % nested
    else:
        nested = r"\left(f \circ \cdots \circ f\right)\left(x\right)"
    return r"%s\left(x\right) = %s, \quad f\left(x\right) = %s" % (name, nested, layer)


_TITLES = {"gradient": "Gradient", "hessian": "Hessian", "taylor": "Taylor expansion at 0", "growth": "Growth orders",
           "asymptotes": "Behaviour at ±∞", "directions": "Behaviour at infinity by direction", "range": "Range",
           "extrema": "Extrema", "standings": "Standing of the extrema", "kinks": "Kinks",
           "inflections": "Inflection points", "stationary": "Flat pieces", "level_set": "Level set",
           "param_limits": "Parameter limits"}


def _range_row(r: Any, name: str) -> str:
    r"""``\operatorname{range} f = \left[a, b\right)``, the brackets as the bounds are attained."""
    lo = r"\left[" if r.infimum.attained else r"\left("
    hi = r"\right]" if r.supremum.attained else r"\right)"
    return r"\operatorname{range} %s = %s%s, %s%s" % (name, lo, _tex(r.infimum.value), _tex(r.supremum.value), hi)


def _standing_row(st: Any, f: str) -> str:
    kind = {"minimum": "minima", "maximum": "maxima"}[st.kind] if st.flat else st.kind
    place = st.where_text("<=", ">=").replace(" = ", "=")  # no " = " for the alignment
    where = _text(f"{st.scope} {kind} {'on' if st.flat else 'at'} {place}")
    return r"%s \quad %s = %s" % (where, f, _tex(st.value))


def _kink_row(k: Any, name: str) -> str:
    b, v = _tex(k.at), _tex(k.variable)

    def side(s: str) -> str:
        return r"{%s}^{%s}" % (b, s)

    rows = [r"\lim_{%s \to %s} %s = %s" % (v, side("-"), name, _tex(k.left_value)),
            r"\lim_{%s \to %s} %s = %s" % (v, side("+"), name, _tex(k.right_value)),
            r"%s = %s" % (_prime(name, r"\left(%s\right)" % side("-"), 1), _tex(k.left_derivative)),
            r"%s = %s" % (_prime(name, r"\left(%s\right)" % side("+"), 1), _tex(k.right_derivative))]
    return r", \quad ".join(rows)


def _direction_row(d: Any) -> str:
    theta = d.theta.replace("π/2", r"\frac{\pi}{2}").replace("π", r"\pi").replace("θ", r"\theta")
    if d.growth == "0":
        return r"%s: \quad f = 0" % theta
    return r"%s: \quad f \sim %s \to %s" % (theta, _tex(d.leading), _tex(d.limit))


def _derivation_sections(d: Any, expand: bool = False) -> list[tuple[str, list[str]]]:
    """A derivation as (section title, equations), in the report's order."""
    u = d.unit
    name, args = _name(u), _args(u.variables)
    f = name + args
    out: list[tuple[str, list[str]]] = []
    out.append(("Definition", [_chain_row(u, expand) if u.kind == "chain" else unit_definition(u, expand)]))
    missing = dict(d.not_derived)

    def absent(key: str) -> list[str]:
        return [_text("not derived: " + missing.get(key, "not derived")[:120])]

    for key, value in d.sections():
        title = _TITLES[key]
        if value is None:
            out.append((title, absent(key)))
            continue
        if key == "gradient":
            rows = ([r"%s = %s" % (_prime(name, args, 1), _safe(value[0], expand))] if len(u.variables) == 1 else
                    [r"\nabla %s = %s" % (f, _safe(sympy.Tuple(*value), expand))])
        elif key == "hessian":
            rows = ([r"%s = %s" % (_prime(name, args, 2), _safe(value[0, 0], expand))] if len(u.variables) == 1 else
                    [r"\nabla^2 %s = %s" % (f, _safe(sympy.ImmutableMatrix(value), expand))])
        elif key == "taylor":
            rows = [r"%s = %s" % (f, _taylor_rhs(value, expand))]
        elif key == "growth":
            rows = _growth_rows(value, f, _prime(name, args, 1))
        elif key == "asymptotes":
            at = (value.variable,) * len(u.variables)
            rows = _asymptotes_rows(value, name + _args(at), expand)
        elif key in ("extrema", "inflections"):
            rows = _points_rows(value, f, expand)
        elif key == "stationary":  # a Points, or a caller's tuple
            rows = [_stationary_row(s, f, expand) for s in value] or [_text("no flat pieces")]
        elif key == "level_set":
            rows = [_level_row(value, f, expand)]
        elif key == "range":
            rows = [_range_row(value, name)]
        elif key == "standings":
            rows = [_standing_row(st, f) for st in value] or [_text("no extrema")]
        elif key == "kinks":
            rows = [_kink_row(k, name) for k in value] or [_text("no kinks: smooth")]
        elif key == "directions":
            rows = [_direction_row(dr) for dr in value]
        else:  # param_limits
            rows = [r for pl in value for r in _param_rows(pl, f, expand)] or [_text("no parameters")]
        out.append((title, rows))
    if d.not_derived:
        out.append(("Not derived", [_text(", ".join(k for k, _ in d.not_derived))]))
    return out


# latex() of each result type, by type dispatch (functools.singledispatch)


@latex.register(Unit)
def _(obj: Unit, expand: bool = False) -> str:
    return unit_definition(obj, expand)


@latex.register(dict)
def _(obj: dict[Any, Any], expand: bool = False) -> str:
    if obj and all(isinstance(v, ParamLimit) for v in obj.values()):  # param_limits' answer
        return _rows([r for pl in obj.values() for r in _param_rows(pl, "f", expand)])
    return latex.dispatch(object)(obj, expand)


@latex.register(TaylorResult)
def _(obj: TaylorResult, expand: bool = False) -> str:
    return _taylor_rhs(obj, expand)


@latex.register(Range)
def _(obj: Range, expand: bool = False) -> str:
    return _range_row(obj, "f")


@latex.register(Bound)
def _(obj: Bound, expand: bool = False) -> str:
    where = " and ".join(obj.where).replace("≤", "<=").replace("≥", ">=").replace(" = ", "=")
    return r"%s %s" % (_tex(obj.value), _text(("attained at " if obj.attained else "approached as ") + where))


@latex.register(Standing)
def _(obj: Standing, expand: bool = False) -> str:
    return _standing_row(obj, "f")


@latex.register(Kink)
def _(obj: Kink, expand: bool = False) -> str:
    return _kink_row(obj, "f")


@latex.register(Direction)
def _(obj: Direction, expand: bool = False) -> str:
    return _direction_row(obj)


@latex.register(Asymptotes)
def _(obj: Asymptotes, expand: bool = False) -> str:
    return _rows(_asymptotes_rows(obj, None, expand))


@latex.register(Behaviour)
def _(obj: Behaviour, expand: bool = False) -> str:
    return _rows(_behaviour_rows(obj, r"f\left(%s\right)" % _tex(obj.variable), expand))


@latex.register(Points)
def _(obj: Points, expand: bool = False) -> str:
    if obj and all(isinstance(p, StationarySet) for p in obj):
        return _rows([_stationary_row(s, "f", expand) for s in obj])
    return _rows(_points_rows(obj, "f", expand))


@latex.register(CriticalPoint)
def _(obj: CriticalPoint, expand: bool = False) -> str:
    return _point_row(obj, "f", expand)


@latex.register(StationarySet)
def _(obj: StationarySet, expand: bool = False) -> str:
    return _stationary_row(obj, "f", expand)


@latex.register(LevelSet)
def _(obj: LevelSet, expand: bool = False) -> str:
    return _level_row(obj, expand=expand)


@latex.register(ParamLimit)
def _(obj: ParamLimit, expand: bool = False) -> str:
    return _rows(_param_rows(obj, "f", expand))


@latex.register(GrowthProfile)
def _(obj: GrowthProfile, expand: bool = False) -> str:
    return _rows(_growth_rows(obj))


@latex.register(Chain)
def _(obj: Chain, expand: bool = False) -> str:
    return _chain_row(obj, expand)


@latex.register(Derivation)
def _(obj: Derivation, expand: bool = False) -> str:
    rows = [r for _, rs in _derivation_sections(obj, expand) for r in rs]
    return r"\begin{gathered} " + r" \\ ".join(rows) + r" \end{gathered}"

r"""Relations and chains: a formula split at its top-level relations, each side read, and the
notes that are not arithmetic taken apart.

* ``a = b < c \le d``: a :class:`RelationChain` of sides and operators (``=``, ``<``, ``<=``, ``>``,
  ``>=``, ``!=``, ``~=`` for ``\approx``/``\simeq``, ``~`` for ``\sim``, ``:=`` for ``:=``,
  ``\coloneqq``, ``\triangleq``, ``\overset{\text{def}}{=}``, ``in``/``notin`` for ``\in`` and
  ``\notin``, whose right side is a SymPy Set);
* a **domain note** after the relations (``\quad \text{for } -3 < x < 3``, ``, \qquad x < 0``,
  ``\text{if } x \in [0, 1]``) is returned apart, as the chain's ``domain`` (a SymPy Boolean),
  never as arithmetic; a note that cannot be read makes every side unread (``errors``), so that
  no link is judged on the wrong domain;
* ``f \to L \text{ as } x \to a`` is the link ``\lim_{x\to a} f = L``; ``f \sim g \text{ as }
  x \to a`` keeps the operator ``~`` and gives the point in ``at``;
* trailing punctuation (``.``, ``,``, ``;``) is dropped.

>>> ch = parse_chain(r"\sigma(x) < 1 \quad \text{for } x > 0.")
>>> ch.ops, ch.values, ch.domain
(('<',), (sigmoid(x), 1), x > 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import sympy

from ..catalogue import find
from .errors import LatexParseError
from .grammar import (TEXT_MACROS, Context, Parser, condition, make_context, prepare, read_set,
                      relation, relation_at, split_top, word_of, env_rows, ALIGNMENTS, _arith)
from .names import ATOMIC, FUNCTIONS, GREEK
from .tree import Tok, walk

__all__ = ["RelationChain", "mentions_catalogue", "parse_chain", "parse_latex", "parse_rows", "split_display"]


@dataclass(frozen=True)
class RelationChain:
    """A formula split at its top-level relations: ``sides[i] ops[i] sides[i+1]`` (not a stack of
    units, which is :class:`glusym.Chain`).

    ``latex`` holds each side's source text; ``values`` the parsed side, or None where it could
    not be read (``errors[i]`` says why). ``domain`` is the domain note's condition (a SymPy
    Boolean) or None, ``domain_latex`` its source; ``at`` is ``(variable, point, direction)``
    for a note ``as x \\to a``.

    ``params`` names the post's symbols that stand for a parameter of a unit the formula names
    (``\\alpha`` beside ``\\text{ELU}``, ``b`` in ``\\operatorname{squareplus}(x, b)``), each with
    those parameters (:class:`~glusym.catalogue.Param`, for the admissible values);
    ``defaults[i]`` the (unit name, parameter) pairs side i leaves at glusym's default value (the
    formula does not set them, and the document did not state them)."""

    latex: tuple[str, ...]
    ops: tuple[str, ...]
    values: tuple[Any, ...]
    errors: tuple[str | None, ...]
    domain: Any = None
    domain_latex: str = ""
    at: tuple[Any, ...] | None = None
    params: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    defaults: tuple[tuple[tuple[str, Any], ...], ...] = ()


_NOTE_WORDS = {"for", "if", "when", "whenever", "where", "as", "on", "provided", "given", "with", "for all",
               "for every", "for any", "wherever", "at", "near"}
_INEQUALITIES = {"<", ">", "<=", ">=", "in", "notin", "!="}


def _strip_delimiters(tex: str) -> tuple[str, int]:
    s = tex
    a = len(s) - len(s.lstrip())
    s = s.strip()
    for d in ("$$", "$", "\\[", "\\("):
        close = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}[d]
        if s.startswith(d) and s.endswith(close) and len(s) >= len(d) + len(close):
            return " " * (a + len(d)) + s[len(d):len(s) - len(close)], 0
    return tex, 0


def _src(tex: str, toks: list[Tok]) -> str:
    return tex[toks[0].pos:toks[-1].end].strip() if toks else ""


def _depths(toks: list[Tok]) -> list[int]:
    out, d = [], 0
    for t in toks:
        if t.kind == "open":
            d += 1
        out.append(d)
        if t.kind == "close":
            d -= 1
    return out


def _first_word(tex: str, t: Tok) -> str:
    if t.kind == "cmd" and t.text in TEXT_MACROS:
        w = word_of(tex, t).strip(" ,").lower()
        for n in sorted(_NOTE_WORDS, key=len, reverse=True):
            if w == n or w.startswith(n + " "):
                return n
        return w.split(" ")[0] if w else ""
    if t.is_cmd("forall"):
        return "for all"
    return ""


def _has_relation(toks: list[Tok], tex: str) -> list[str]:
    try:
        return split_top(toks, tex)[1]
    except LatexParseError:
        return ["?"]


def _split_note(tex: str, toks: list[Tok]) -> tuple[list[Tok], list[Tok] | None]:
    """(the formula, its domain note or None)."""
    depth = _depths(toks)
    for i, t in enumerate(toks):
        if depth[i] == 0 and _first_word(tex, t) in _NOTE_WORDS | {"for all"} and i > 0:
            head = toks[:i]
            while head and (head[-1].kind == "wide" or head[-1].is_char(",", ";")):
                head = head[:-1]
            return head, toks[i:]
    for i, t in enumerate(toks):
        if depth[i] == 0 and (t.kind == "wide" or t.is_char(",", ";")) and i > 0:
            tail = toks[i + 1:]
            while tail and (tail[0].kind == "wide" or tail[0].is_char(",", ";")):
                tail = tail[1:]
            head = toks[:i]
            if not tail:
                continue
            if len(tail) >= 2 and tail[0].kind == "open" and tail[0].text == "(" and tail[-1].kind == "close" \
                    and _depths(tail)[-1] == 1 and all(d >= 1 for d in _depths(tail)[1:]):
                tail = tail[1:-1]  # a note in parentheses: (x > 0)
            tail_ops = _has_relation(tail, tex)
            head_ops = _has_relation(head, tex)
            if tail_ops and head_ops and all(o in _INEQUALITIES for o in tail_ops):
                while head and head[-1].kind == "wide":
                    head = head[:-1]
                return head, tail
    return toks, None


def split_display(tex: str) -> list[str]:
    r"""The formulas of a display that sets several side by side, separated at the top level by a
    comma and a wide space (``f(x) = … , \qquad f'(x) = …``), a semicolon, or a wide space alone
    (``a = b \quad c = d``), where each piece states an equation of its own; a piece that is a
    domain note (only inequalities, or a word such as ``\text{for}``) stays with its formula.

    >>> split_display(r"f(x) = x^2, \qquad f'(x) = 2x")
    ['f(x) = x^2', "f'(x) = 2x"]
    >>> split_display(r"\sigma(x) < 1, \quad x > 0")
    ['\\sigma(x) < 1, \\quad x > 0']
    """
    try:
        s, _ = _strip_delimiters(tex)
        toks = prepare(walk(s), keep_wide=True)
    except (LatexParseError, RecursionError, TypeError, ValueError, IndexError):
        return [tex]
    depth = _depths(toks)
    cuts: list[tuple[int, int]] = []  # (end of a piece, start of the next) as token indices
    i = 0
    while i < len(toks):
        t = toks[i]
        if depth[i] == 0 and (t.kind == "wide" or t.is_char(",", ";")) and i > 0:
            j = i
            seen_wide = seen_semi = seen_comma = False
            while j < len(toks) and depth[j] == 0 and (toks[j].kind == "wide" or toks[j].is_char(",", ";")):
                seen_wide |= toks[j].kind == "wide"
                seen_semi |= toks[j].is_char(";")
                seen_comma |= toks[j].is_char(",")
                j += 1
            if j < len(toks) and (seen_semi or seen_wide):
                cuts.append((i, j))
            i = j
            continue
        i += 1
    if not cuts:
        return [tex]
    pieces: list[list[Tok]] = []
    start = 0
    for end, nxt in cuts:
        pieces.append(toks[start:end])
        start = nxt
    pieces.append(toks[start:])

    def equation(piece: list[Tok]) -> bool:
        if not piece or _first_word(s, piece[0]) in _NOTE_WORDS:
            return False
        ops = _has_relation([t for t in piece if t.kind != "wide"], s)
        return bool(ops) and "?" not in ops and not all(o in _INEQUALITIES for o in ops)

    if not all(equation(p) for p in pieces):
        return [tex]
    return [_src(s, p) for p in pieces]


def _evaluation_bar(ctx: Context, side: list[Tok]) -> tuple[list[Tok], tuple[Any, Any] | None]:
    r"""A side that ends in an evaluation at a point: ``\frac{d^2}{dx^2} f(x)\Big|_{x=0}``,
    ``\left[x\sigma(x)\right]_{x=0}``, ``\left. f(x) \right|_{x=0}``: (the side without it, (x, 0))."""
    if len(side) < 3 or not side[-2].is_char("_") or side[-1].kind != "group":
        return side, None
    body = list(side[-1].args[0] or ()) if side[-1].args else []
    sides, ops = split_top(prepare(body), ctx.tex)
    if ops != ["="] or not sides[0] or not sides[1]:
        return side, None
    var = Parser(ctx, sides[0]).expression_all()
    if not isinstance(var, sympy.Symbol):
        raise LatexParseError("an evaluation bar |_{x = a}: x must be a variable")
    point = _arith(Parser(ctx, sides[1]).expression_all(), "as the point of an evaluation bar")
    mark = side[-3]
    rest = side[:-2]
    if mark.kind == "bar" or (mark.kind == "close" and mark.text == "|"):
        rest = side[:-3]  # \Big|_{x=0}, \right|_{x=0}: the bar is the mark, not a bracket
        if rest and rest[0].kind == "open" and rest[0].text == ".":
            rest = rest[1:]  # \left. ... \right|
    elif not (mark.kind == "close" and mark.text in ("]", ")")):
        return side, None
    if not rest:
        raise LatexParseError("an evaluation bar with nothing before it")
    return rest, (var, point)


def _leading_note(tex: str, toks: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
    r"""A quantifier before the formula, up to a comma, a colon or a wide space: ``\forall x > 0,
    \ f(x) = …`` (Goodfellow et al., *Deep Learning*, eq. 3.40), ``\forall x \in \mathbb{R}:
    0 < \sigma(x) < 1``, ``\forall x \quad f(x) = …``: (the formula, the note)."""
    if not toks or _first_word(tex, toks[0]) not in ("for all", "for every", "for any"):
        return None
    depth = _depths(toks)
    for i, t in enumerate(toks):
        if i > 1 and depth[i] == 0 and (t.is_char(",", ";", ":") or t.is_cmd("colon") or t.kind == "wide"):
            main = [u for u in toks[i + 1:] if u.kind != "wide"]
            if main and _has_relation(main, tex) and "?" not in _has_relation(main, tex):
                return main, toks[:i]
            return None
    return None


def _note(ctx: Context, toks: list[Tok]) -> tuple[Any, tuple[Any, ...] | None]:
    """A domain note as (condition or None, limit point or None)."""
    tex = ctx.tex
    if toks and _first_word(tex, toks[0]) == "as" or (toks and _first_word(tex, toks[0]) in ("near", "at")):
        rest = toks[1:]
        sides, ops = split_top(rest, tex)
        if ops == ["->"] and sides[0] and sides[1]:
            var = Parser(ctx, sides[0]).expression_all()
            if not isinstance(var, sympy.Symbol):
                raise LatexParseError("'as x \\to a': x must be a variable")
            pt = sides[1]
            d = "+-"
            if len(pt) >= 2 and pt[-2].is_char("^") and tex[pt[-1].pos:pt[-1].end].strip("{} ") in ("+", "-"):
                d = tex[pt[-1].pos:pt[-1].end].strip("{} ")
                pt = pt[:-2]
            point = _arith(Parser(ctx, pt).expression_all(), "as a limit point")
            if point == sympy.oo:
                d = "-"
            elif point == -sympy.oo:
                d = "+"
            return None, (var, point, d)
        raise LatexParseError(f"the note {_src(tex, toks)!r} is not read")
    words = toks
    first = _first_word(tex, toks[0]) if toks else ""
    if first in ("for all", "for every", "for any"):
        body = toks[1:]
        if len(body) == 1 or all(t.is_char(",") or t.kind == "char" and t.text.isalpha() for t in body):
            return sympy.true, None  # for all x: no restriction
        if toks[0].is_cmd("forall"):
            words = body
    return condition(ctx, words), None


def parse_chain(tex: str, variables: Any = (), stated: Iterable[str] = ()) -> RelationChain:
    r"""Split a formula at its top-level relations and read each side. ``stated``: the names the
    document stated as parameters before the formula (``\alpha`` after ``\alpha > 0``): a unit
    named alone takes such a parameter as the post's symbol, not glusym's default.

    >>> ch = parse_chain(r"\sigma(0) = \frac{1}{2} < 1")
    >>> ch.ops, ch.values
    (('=', '<'), (1/2, 1/2, 1))
    >>> parse_chain(r"x \in [0, 1)").values
    (x, Interval.Ropen(0, 1))

    ``variables``: names the formula's document writes alone (``\alpha > 0``), so that
    ``\alpha(e^x - 1)`` is a product there, not a function applied.

    >>> parse_chain(r"\alpha(e^x - 1) = 0", variables={"alpha"}).values[0]
    alpha*(exp(x) - 1)
    """
    if not isinstance(tex, str):
        raise LatexParseError(f"a formula is a string, not {type(tex).__name__}")
    try:
        return _parse_chain(tex, frozenset(variables), frozenset(stated))
    except (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError) as exc:
        raise LatexParseError(f"cannot read the formula: {type(exc).__name__}: {str(exc)[:120]}") from None


def _parse_chain(tex: str, variables: frozenset[str] = frozenset(), stated: frozenset[str] = frozenset()) -> RelationChain:
    s, _ = _strip_delimiters(tex)
    raw = walk(s)
    ctx = make_context(s, raw, variables, stated)
    ctx.rows = _row_relations
    toks = prepare(raw, keep_wide=True)
    while toks and (toks[-1].is_char(".", ",", ";") or toks[-1].kind == "wide"
                    or (toks[-1].kind == "cmd" and toks[-1].text in TEXT_MACROS
                        and word_of(s, toks[-1]).strip() in (".", ",", ";", ""))):
        toks = toks[:-1]
    while toks and toks[0].kind == "wide":
        toks = toks[1:]
    main, note = _leading_note(s, toks) or _split_note(s, toks)
    main = [t for t in main if t.kind != "wide"]
    sides, ops = split_top(main, s)
    latex = tuple(_src(s, side) for side in sides)
    domain, at, note_error = None, None, None
    if note is not None:
        try:
            domain, at = _note(ctx, [t for t in note if t.kind != "wide"])
        except LatexParseError as exc:
            note_error = f"the domain note {_src(s, note)!r} is not read: {exc}"
        except RecursionError:
            note_error = "the domain note is nested too deeply"
    values: list[Any] = []
    errors: list[str | None] = []
    defaults: list[tuple[tuple[str, Any], ...]] = []
    for i, side in enumerate(sides):
        before = len(ctx.defaults)
        try:
            if not side:
                raise LatexParseError("an empty side")
            at_point = None
            side, at_point = _evaluation_bar(ctx, side)
            if i > 0 and ops[i - 1] in ("in", "notin"):
                v = read_set(ctx, side)
            else:
                v = Parser(ctx, side).expression_all()
                v = _final(v)
            if at_point is not None:  # f(x)\Big|_{x=0}: the side at the point
                v = _arith(v, "before an evaluation bar").subs(*at_point)
            values.append(v)
            errors.append(None)
        except LatexParseError as exc:
            values.append(None)
            errors.append(str(exc))
        except RecursionError:
            values.append(None)
            errors.append("the formula is nested too deeply")
        except (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError,
                ZeroDivisionError, ArithmeticError) as exc:
            values.append(None)
            errors.append(f"cannot build the expression: {type(exc).__name__}: {str(exc)[:120]}")
        defaults.append(tuple(dict.fromkeys(ctx.defaults[before:])))
    params = tuple((name, tuple(dict.fromkeys(ps))) for name, ps in ctx.symbols.items())
    if note_error is not None:
        errors = [note_error] * len(values)
        values = [None] * len(values)
    out_ops = list(ops)
    if "->" in out_ops:
        if out_ops != ["->"] or at is None or values[0] is None:
            msg = "\\to between two sides is read only with its point ('as x \\to a')"
            return RelationChain(latex, tuple(out_ops), (None,) * len(values), (msg,) * len(values),
                         params=params, defaults=tuple(defaults))
        var, point, d = at
        values[0] = sympy.Limit(values[0], var, point, dir=d)
        out_ops = ["="]
        at = None
    return RelationChain(latex, tuple(out_ops), tuple(values), tuple(errors), domain, _src(s, note or []) if note else "", at,
                 params, tuple(defaults))


def _final(v: Any) -> Any:
    from .grammar import Vec

    if isinstance(v, Vec):
        return v.symbol()
    if isinstance(v, sympy.Set):
        raise LatexParseError("a set is read only after \\in")
    return v


def _row_relations(ctx: Context, env: Tok) -> list[Any]:
    """The relations of an aligned environment's rows, a row ``&= c`` continuing the row above."""
    out: list[Any] = []
    prev_last: list[Tok] | None = None
    for cells in env_rows(env):
        row = [t for cell in cells for t in cell]
        row = prepare(row)
        while row and row[-1].is_char(".", ",", ";"):
            row = row[:-1]
        if not row:
            continue
        if relation_at(row, 0, ctx.tex) is not None and prev_last:
            row = prev_last + row
        sides, ops = split_top(row, ctx.tex)
        vals = []
        for i, side in enumerate(sides):
            if i > 0 and ops[i - 1] in ("in", "notin"):
                vals.append(read_set(ctx, side))
            else:
                vals.append(_final(Parser(ctx, side).expression_all()))
        if not ops:
            out.append(vals[0])
        for i, op in enumerate(ops):
            out.append(relation(vals[i], op, vals[i + 1]))
        prev_last = sides[-1]
    return out


def parse_rows(tex: str) -> tuple[RelationChain, ...]:
    r"""The chains of a formula: one per row of an ``aligned``/``align``/``gather``/``split``
    block (a row ``&= c`` continues the row above: its first side is that row's last), else the
    formula's one chain.

    >>> [c.ops for c in parse_rows(r"\begin{aligned} a &= b \\ &= c \end{aligned}")]
    [('=',), ('=',)]
    """
    s, _ = _strip_delimiters(tex)
    raw = [t for t in walk(s)]
    while raw and raw[-1].is_char(".", ",", ";"):
        raw = raw[:-1]
    if len(raw) != 1 or raw[0].kind != "env" or raw[0].text not in ALIGNMENTS:
        return (parse_chain(tex),)
    chains: list[RelationChain] = []
    for cells in env_rows(raw[0]):
        row = [t for cell in cells for t in cell]
        if not row:
            continue
        row_src = s[row[0].pos:row[-1].end]
        if chains and relation_at(prepare(row), 0, s) is not None:
            prev = chains[-1]
            row_src = prev.latex[-1] + " " + row_src
        chains.append(parse_chain(row_src))
    return tuple(chains)


def parse_latex(tex: str) -> Any:
    r"""Read a LaTeX formula into SymPy: an expression, a relation, or a tuple of relations.

    A single relation comes back unevaluated (``Eq(a, b, evaluate=False)``); a chain
    ``a = b = c`` as a ``Tuple`` of its links ``Eq(a, b), Eq(b, c)``; an ``aligned`` environment
    as the ``Tuple`` of its rows; ``a \in S`` as ``Contains(a, S)``; a relation with a domain note
    as ``Implies(domain, relation)``. ``\approx`` and ``\sim`` come back as ``Eq`` (the operator
    is in :func:`parse_chain`'s ``ops``). Raises :class:`LatexParseError` (a
    :class:`~glusym.GlusymError`) with a one-line reason where the formula cannot be read.

    >>> parse_latex(r"\frac{1}{1+e^{-x}}")
    1/(1 + exp(-x))
    >>> parse_latex(r"\text{ReLU}(x) = \max(0, x)")
    Eq(Piecewise((x, x > 0), (0, True)), Max(0, x))
    >>> parse_latex(r"[x]_+ + |x|")
    Abs(x) + Max(0, x)
    >>> parse_latex(r"\nabla \text{SwiGLU}(x_g, x_v)")
    (x_g*x_v*(1 - sigmoid(x_g))*sigmoid(x_g) + x_v*sigmoid(x_g), x_g*sigmoid(x_g))
    """
    from ..errors import GlusymError

    if not isinstance(tex, str):
        raise GlusymError(f"parse_latex takes a string, not {type(tex).__name__}")
    ch = parse_chain(tex)
    for v, err in zip(ch.values, ch.errors):
        if v is None:
            raise LatexParseError(err or "unreadable")
    if not ch.ops:
        return ch.values[0]
    links = [relation(ch.values[i], op, ch.values[i + 1]) for i, op in enumerate(ch.ops)]
    if ch.domain is not None and ch.domain is not sympy.true:
        links = [sympy.Implies(ch.domain, k) for k in links]
    return links[0] if len(links) == 1 else sympy.Tuple(*links)


_KNOWN_COMMANDS = set(FUNCTIONS) | set(GREEK) | set(ATOMIC) | {"phi"}


def mentions_catalogue(tex: str) -> bool:
    """True where the text names a catalogue unit (so that its left side is not a new name)."""
    try:
        s, _ = _strip_delimiters(tex)
        return _mentions(s, walk(s))
    except Exception:  # noqa: BLE001 - a question about names, not a parse
        return False


def _mentions(tex: str, toks: Any) -> bool:
    """A unit named anywhere but in a name's subscript (``f_{\\text{ReLU}}`` is a new name)."""
    skip = False
    for t in toks:
        if skip:
            skip = False
            continue
        if t.is_char("_"):
            skip = True
            continue
        if t.kind == "cmd":
            if t.text in TEXT_MACROS:
                if find(word_of(tex, t)) is not None:
                    return True
            elif t.text not in _KNOWN_COMMANDS and find(t.text) is not None:
                return True
        for a in t.args:
            if a and _mentions(tex, a):
                return True
    return False

r"""The expression parser: tokens (:mod:`glusym.parsing.tree`) into SymPy, by recursive descent
with the usual precedences, lowest first:

=====================  ==========================================================================
sum                    ``a + b``, ``a - b``
term                   ``a \cdot b``, ``a \times b``, ``a / b`` (the denominator one factor: in
                       ``1/2x`` its extent is ambiguous, and it is refused)
unary                  ``-a``
juxtaposition          ``2x\sigma(x)``: implicit products
postfix                ``a^{b}``, ``a!``, primes and parameter subscripts of names
primary                numbers, names, calls, groups, brackets, ``\frac``, ``\sqrt``, ``|a|``,
                       environments, and the operators ``\frac{d}{dx}``, ``\lim``, ``\max_x``,
                       ``\int … \mathrm{d}t``, ``\sum``, ``\nabla``
=====================  ==========================================================================

A name followed by a parenthesis is a call (``f(x)``, ``\alpha(x)``) unless it is a variable
(``x``, ``x_g``, ``x_v``, ``t``, a variable bound in the formula) or stands alone elsewhere in
the same formula: then it is a product (``x(1+x)^2`` is x·(1+x)², ``a(1+x) + a``). The operators
``\frac{d}{dx}``, ``\lim`` and ``\max_x`` apply to the term after them (up to the next ``+`` or
``-``; for ``\lim``, the terms after it that hold its variable too: ``\lim_{x\to\infty} f(x) - x``
is the limit of the difference); a function applied without parentheses (``\tanh x``, ``\operatorname{erf}\frac{x}{\sqrt2}``)
to the juxtaposed factors after it, up to the next function name.

Whatever is not understood raises :class:`LatexParseError` naming it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import sympy
from sympy import Expr, Symbol

from ..catalogue import Unit, find
from .errors import LatexParseError
from .names import (ATOMIC, FUNCTIONS, GREEK, PROSE, VARS, param_names, real_symbol, unit_of_word,
                    unit_reading)
from .terms import ArgMaximum, ArgMinimum, BigO, Infimum, Maximum, Minimum, Normal, Probability, Supremum
from .tree import WIDE_SPACES, Tok, walk

__all__ = ["Context", "Parser", "RELATIONS", "relation_at", "split_top", "prepare", "word_of", "make_context"]

# ---------------------------------------------------------------------------------------------
# relations

#: relation commands -> the canonical operator of a chain link (None: a relation not read)
RELATIONS: dict[str, str | None] = {
    "le": "<=", "leq": "<=", "leqslant": "<=", "leqq": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "geqq": ">=", "lt": "<", "gt": ">", "ne": "!=", "neq": "!=", "approx": "~=", "simeq": "~=",
    "approxeq": "~=", "thickapprox": "~=", "sim": "~", "equiv": "=", "coloneqq": ":=", "coloneq": ":=",
    "triangleq": ":=", "defeq": ":=", "eqqcolon": None, "in": "in", "notin": "notin", "to": "->",
    "rightarrow": "->", "longrightarrow": "->", "propto": None, "ll": None, "gg": None, "cong": None,
    "subset": None, "subseteq": None, "supset": None, "supseteq": None, "Rightarrow": None,
    "implies": None, "iff": None, "Leftrightarrow": None, "Longrightarrow": None, "mapsto": None,
    "leftarrow": None, "gets": None, "lesssim": None, "gtrsim": None, "prec": None, "succ": None,
    "doteq": None, "asymp": None, "perp": None, "parallel": None, "vdash": None, "models": None,
    "ni": None, "nleq": None, "ngeq": None, "nless": None, "ngtr": None,
}
_CHAR_RELATIONS = {"=": "=", "<": "<", ">": ">"}
_DEF_LABELS = {"def", "defn", "definition", "triangle", "Delta", ":", "d", "df"}


def relation_at(toks: list[Tok], i: int, tex: str) -> tuple[str, int] | None:
    """(canonical operator, index after it) if a relation starts at toks[i], else None; raises
    for a relation that is not read."""
    t = toks[i]
    n = len(toks)
    if t.kind == "char":
        if t.text == ":" and i + 1 < n and toks[i + 1].is_char("="):
            return ":=", i + 2
        if t.text == "=" and i + 1 < n and toks[i + 1].is_char(":"):
            raise LatexParseError("=: (a definition from right to left) is not read")
        if t.text in _CHAR_RELATIONS:
            if t.text in "<>" and i + 1 < n and toks[i + 1].is_char("=") and not toks[i + 1].gap:
                return t.text + "=", i + 2
            return _CHAR_RELATIONS[t.text], i + 1
        return None
    if t.kind == "cmd":
        if t.text in RELATIONS:
            op = RELATIONS[t.text]
            if op is None:
                raise LatexParseError(f"\\{t.text}: a relation that is not read")
            return op, i + 1
        if t.text in ("overset", "stackrel", "underset") and len(t.args) == 2 and t.args[1] is not None:
            base = t.args[1]
            if len(base) == 1 and base[0].is_char("="):
                lab = "".join(_plain_text(tex, a) for a in (t.args[0] or ()))
                return (":=" if lab.strip().strip(".") in _DEF_LABELS else "="), i + 1
            if len(base) == 1 and (base[0].is_char("<", ">") or base[0].is_cmd(*RELATIONS)):
                r = relation_at(list(base), 0, tex)
                return (r[0], i + 1) if r else None
        if t.text in ("not", "neg") and i + 1 < n:
            raise LatexParseError(f"\\{t.text}: a negated relation is not read")
    return None


def _plain_text(tex: str, t: Tok) -> str:
    if t.kind == "char":
        return t.text
    if t.kind == "cmd" and t.text in TEXT_MACROS:
        return word_of(tex, t)
    if t.kind == "cmd":
        return t.text
    if t.kind == "group":
        return "".join(_plain_text(tex, a) for a in t.args[0] or ())
    return ""


def split_top(toks: list[Tok], tex: str) -> tuple[list[list[Tok]], list[str]]:
    """Split prepared tokens at the relations outside every bracket: (sides, operators)."""
    sides: list[list[Tok]] = [[]]
    ops: list[str] = []
    depth = 0
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "open":
            depth += 1
        elif t.kind == "close":
            depth -= 1
        if depth == 0:
            r = relation_at(toks, i, tex)
            if r is not None:
                ops.append(r[0])
                sides.append([])
                i = r[1]
                continue
        sides[-1].append(t)
        i += 1
    return sides, ops


# ---------------------------------------------------------------------------------------------
# brackets: \left( … \right), \bigl[ … \bigr], (, [, \{, \lvert, | …

TEXT_MACROS = frozenset({"text", "textrm", "textnormal", "mathrm", "operatorname", "mathit", "textit", "mbox",
                         "hbox", "textsf", "mathsf", "textbf", "texttt", "mathtt", "mathnormal"})
_SIZES = {"left": "open", "right": "close", "middle": "middle",
          "bigl": "open", "Bigl": "open", "biggl": "open", "Biggl": "open",
          "bigr": "close", "Bigr": "close", "biggr": "close", "Biggr": "close",
          "bigm": "middle", "Bigm": "middle", "biggm": "middle", "Biggm": "middle",
          "big": "auto", "Big": "auto", "bigg": "auto", "Bigg": "auto"}
_DELIMS = {"(": "(", ")": ")", "[": "[", "]": "]", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
           "|": "|", "vert": "|", "lvert": "|", "rvert": "|", "mid": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
           "lfloor": "floor", "rfloor": "floor", "lceil": "ceil", "rceil": "ceil", "langle": "angle",
           "rangle": "angle", "lbrack": "[", "rbrack": "]", ".": ".", "<": "angle", ">": "angle"}
_OPENERS = {"(", "[", "{", "lbrace", "lfloor", "lceil", "langle", "lvert", "lVert", "lbrack", "<"}
_CLOSERS = {")", "]", "}", "rbrace", "rfloor", "rceil", "rangle", "rvert", "rVert", "rbrack", ">"}


def _delim_name(t: Tok) -> str | None:
    if t.kind == "char" or t.kind == "cmd":
        return t.text
    return None


def prepare(toks: Iterable[Tok], keep_wide: bool = False) -> list[Tok]:
    r"""Brackets as ``open``/``close``/``bar`` tokens (text: the bracket: ``(`` ``[`` ``{`` ``|``
    ``floor`` …); ``\quad`` as a gap (or, with ``keep_wide``, as a ``wide`` token)."""
    src = list(toks)
    out: list[Tok] = []
    i = 0
    gap = False
    while i < len(src):
        t = src[i]
        if t.kind == "cmd" and t.text in WIDE_SPACES:
            if keep_wide:
                out.append(Tok("wide", t.text, t.pos, t.end, gap=True))
            gap = True
            i += 1
            continue
        if t.kind in ("open", "close", "bar", "dbar", "wide"):  # prepared already
            out.append(t)
            i += 1
            continue
        if t.kind == "cmd" and t.text in _SIZES:
            role = _SIZES[t.text]
            if i + 1 >= len(src):
                raise LatexParseError(f"\\{t.text} without its delimiter")
            d = src[i + 1]
            name = _delim_name(d)
            if name not in _DELIMS:
                raise LatexParseError(f"\\{t.text} before {d!r}: not a delimiter")
            kind = _DELIMS[name]
            if role == "middle":
                raise LatexParseError(f"\\{t.text}{name}: a middle delimiter is not read")
            if role == "auto":
                role = "open" if name in _OPENERS else "close" if name in _CLOSERS else "bar"
            if kind == "." and role == "open":
                role = "open"
            out.append(Tok(role, kind, t.pos, d.end, gap=gap or t.gap))
            gap = False
            i += 2
            continue
        name = _delim_name(t)
        if t.kind == "char" and name in ("(", "[", ")", "]", "|"):
            role = "open" if name in "([" else "close" if name in ")]" else "bar"
            out.append(Tok(role, name, t.pos, t.end, gap=gap or t.gap))
        elif t.kind == "cmd" and name in ("{", "}", "lbrace", "rbrace", "lfloor", "rfloor", "lceil", "rceil",
                                          "langle", "rangle", "lvert", "rvert", "lVert", "rVert", "vert", "Vert",
                                          "|", "lbrack", "rbrack"):
            kind = "‖" if name == "|" else _DELIMS[name]
            role = "open" if name in _OPENERS else "close" if name in _CLOSERS else "bar"
            if kind == "‖":
                role = "dbar" if role == "bar" else role
            out.append(Tok(role, kind, t.pos, t.end, gap=gap or t.gap))
        else:
            out.append(Tok(t.kind, t.text, t.pos, t.end, t.args, True, t.star) if gap and not t.gap else t)
        gap = False
        i += 1
    return out


def word_of(tex: str, t: Tok) -> str:
    """The text of ``\\text{…}`` (any text-like macro), as written."""
    src = tex[t.pos:t.end]
    a, b = src.find("{"), src.rfind("}")
    if a >= 0 and b > a:  # a tie ~ and a control space are spaces: \text{if~}
        return src[a + 1:b].replace("~", " ").replace("\\ ", " ").strip()
    return "".join(c.text for c in (t.args[0] or ()) if c.kind == "char") if t.args else ""


# ---------------------------------------------------------------------------------------------
# the formula's names: which stand alone (then name(…) is a product)


@dataclass
class Context:
    """What the parser knows of the whole formula: the names that stand alone (``name(…)`` is then
    a product), the units read; ``written`` every name the formula writes (applied or not, and the
    words of ``\\text{…}``), ``stated`` the names the document stated as parameters before it
    (``\\alpha > 0``, ``\\lambda = 1.0507``, a lone ``$b$``); ``symbols`` the post's symbols that
    stand for a unit's parameter (name → those parameters) and ``defaults`` the (unit, parameter)
    pairs the formula leaves at glusym's default."""

    tex: str
    standalone: set[str] = field(default_factory=set)
    units: list[Unit] = field(default_factory=list)
    orders: int = 0  # the derivative orders taken so far in the formula (nested d/dx add up)
    bound: set[str] = field(default_factory=set)  # σ in \lim_{\sigma \to 0}: a variable there, not the sigmoid
    written: set[str] = field(default_factory=set)
    stated: frozenset[str] = frozenset()
    symbols: dict[str, list[Any]] = field(default_factory=dict)
    defaults: list[tuple[str, Any]] = field(default_factory=list)
    #: how an aligned environment's rows are read: a formula chain's relations, row by row (set by
    #: :mod:`glusym.parsing.chain`, which imports this module: the reader is handed down, not imported)
    rows: Callable[[Context, Tok], list[Any]] | None = None

    def post_name(self, p: Any) -> str | None:
        """The post's name for the parameter ``p`` of a unit it writes by its name: the parameter's
        letter or library name where the formula writes it or the document stated it, else None."""
        for n in param_names(p):
            if n in self.written:
                return n
        for n in param_names(p):
            if n in self.stated:
                return n
        return None


_ALWAYS_VARIABLES = {"x", "x_g", "x_v", "t"}


def _known_word(w: str) -> bool:
    if w in FUNCTIONS or w in ("max", "min"):
        return True
    u = find(w)
    return u is not None and w.lower() == u.name.replace("_", "")


def word_run(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """A run of letters written together that spells a function's or a unit's name
    (``softplus(x)``, ``exp``), with the index after it; else None."""
    j = i
    while j < len(toks) and toks[j].kind == "char" and toks[j].text.isalpha() and toks[j].text.isascii() \
            and (j == i or not toks[j].gap):
        j += 1
    if j - i >= 2:
        w = "".join(t.text for t in toks[i:j])
        if _known_word(w):
            return w, j
    return None


def _is_letter(t: Tok) -> bool:
    return t.kind == "char" and t.text.isalpha() and t.text.isascii()


def label(tex: str, toks: Iterable[Tok]) -> str:
    """A subscript as a name's label: ``_{01}`` → ``01``, ``_\\text{ReLU}`` → ``ReLU``."""
    parts: list[str] = []
    for t in toks:
        if t.kind == "char" and (t.text.isalnum() and t.text.isascii()):
            parts.append(t.text)
        elif t.kind == "char" and t.text in ",":
            parts.append(t.text)
        elif t.kind == "cmd" and t.text in GREEK:
            parts.append(GREEK[t.text])
        elif t.kind == "cmd" and (t.text in FUNCTIONS or t.text in ("infty", "max", "min")):
            parts.append(t.text)
        elif t.kind == "cmd" and t.text in TEXT_MACROS:
            w = word_of(tex, t)
            if not w.replace(" ", "").isalnum():
                raise LatexParseError(f"the subscript {tex[t.pos:t.end]}: not a name")
            parts.append(w.replace(" ", ""))
        elif t.kind == "group":
            parts.append(label(tex, t.args[0] or ()))
        elif t.kind == "cmd" and t.text in ("mathbf", "boldsymbol", "bm", "mathcal", "mathbb"):
            parts.append(label(tex, t.args[0] or ()))
        else:
            raise LatexParseError(f"the subscript {tex[t.pos:t.end]!r} of a name is not read")
    return "".join(parts)


#: Lambert's W by its branches as papers write them (Corless et al. 1996): W_0 the principal one,
#: W_{-1} the lower real one; a bare W stays the document's (a weight matrix, in the GLU papers)
_LAMBERT = {"W_0": 0, "W_m1": -1}


def _name_at(tex: str, toks: list[Tok], i: int) -> tuple[str, int]:
    """The name at toks[i] (a letter or a Greek letter) with its subscript label."""
    t = toks[i]
    base = t.text if t.kind == "char" else GREEK[t.text]
    j = i + 1
    if j < len(toks) and toks[j].is_char("_") and j + 1 < len(toks):
        sub = toks[j + 1]
        inner = (sub.args[0] or ()) if sub.kind == "group" else (sub,)
        if base == "W" and [x.text for x in inner] == ["-", "1"]:
            return "W_m1", j + 2  # W_{-1}, the lower real branch of Lambert's W (read in call_named)
        lab = label(tex, inner)
        if lab in ("+", "-", ""):
            raise LatexParseError(f"{tex[t.pos:sub.end]}: a subscript {lab or '{}'} is not read")
        return f"{base}_{lab}", j + 2
    return base, j


#: The inverses of the strictly monotone functions people invert in these posts, in closed form:
#: σ⁻¹ is the logit (DLMF 4.37.1 style), Φ⁻¹ the probit, tanh⁻¹ = artanh.
INVERSES: dict[str, Callable[[Expr], Expr]] = {
    "sigma": lambda p: sympy.log(p / (1 - p)), "sigmoid": lambda p: sympy.log(p / (1 - p)),
    "Phi": lambda p: sympy.sqrt(2) * sympy.erfinv(2 * p - 1), "erf": sympy.erfinv, "erfc": sympy.erfcinv,
    "tanh": sympy.atanh, "sinh": sympy.asinh, "exp": sympy.log, "log": sympy.exp, "ln": sympy.exp,
}
_INVERSE = object()  # the power -1 of a function: its inverse


def _inverse(name: str, args: list[Any]) -> Expr:
    if len(args) != 1:
        raise LatexParseError(f"{name}^{{-1}} takes one argument")
    return INVERSES[name](_arith(args[0], "as an argument"))


#: letters that name functions more often than numbers (f^{-1}(x) is an inverse, never x/f)
_FUNCTION_LETTERS = frozenset({"f", "g", "h", "F", "G", "H", "zeta", "phi", "varphi", "psi", "Psi", "Phi"})


def _prime_script(t: Tok) -> bool:
    r"""Whether a superscript is primes: ``^\prime``, ``^{\prime\prime}``, ``^{''}``."""
    toks = list(t.args[0] or ()) if t.kind == "group" else [t]
    return bool(toks) and all(a.is_cmd("prime") or a.is_char("'") for a in toks)


def _scan(tex: str, toks: tuple[Tok, ...] | list[Tok], out: set[str], applied_names: set[str] | None = None,
          written: set[str] | None = None, units: list[Unit] | None = None) -> None:
    """The names the formula writes alone (into ``out``: variables, so that ``x(1 + x)`` is a
    product) and, if asked, those it writes before a bracket (into ``applied_names``), every name
    it writes (``written``, the words of ``\\text{scale}`` too) and the units it names (``units``)."""
    toks = list(toks)
    i = 0
    while i < len(toks):
        t = toks[i]
        if not (t.kind == "cmd" and t.text in TEXT_MACROS):  # the words of \text{if } are no names
            for a in t.args:
                if a:
                    _scan(tex, a, out, applied_names, written, units)
        w = word_run(toks, i) if _is_letter(t) else None
        if w is not None:
            if units is not None and (u := find(w[0])) is not None:
                units.append(u)
            i = w[1]
            continue
        if t.kind == "cmd" and written is not None and units is not None:
            if t.text in TEXT_MACROS:
                key = word_of(tex, t).replace("\\_", "_").replace(" ", "")
                u = unit_of_word(key)
                if u is not None:
                    units.append(u)
                elif key.isidentifier() and key.isascii():
                    written.add(key)
            elif t.text not in GREEK and t.text not in FUNCTIONS and t.text not in ATOMIC \
                    and (u := find(t.text)) is not None:
                units.append(u)
        if _is_letter(t) or (t.kind == "cmd" and t.text in GREEK and t.text not in ATOMIC):
            try:
                name, j = _name_at(tex, toks, i)
            except LatexParseError:
                i += 1
                continue
            if written is not None:
                written.add(name)
            k = j
            while k < len(toks) and (toks[k].is_char("'") or (  # f', and f^{\prime}, f^\prime: primes too
                    toks[k].is_char("^") and k + 1 < len(toks) and _prime_script(toks[k + 1]))):
                k += 1 if toks[k].is_char("'") else 2
            nxt = toks[k] if k < len(toks) else None
            applied = nxt is not None and (nxt.is_char("(") or (nxt.is_cmd("left", "bigl", "Bigl", "big", "Big")
                                                                and k + 1 < len(toks) and toks[k + 1].is_char("(")))
            if not applied:
                out.add(name)
            elif applied_names is not None:
                applied_names.add(name)
            i = max(j, i + 1)
            continue
        i += 1


def make_context(tex: str, toks: tuple[Tok, ...], variables: Iterable[str] = (), stated: Iterable[str] = ()) -> Context:
    r"""The formula's context: the names it writes alone, and ``variables``, names its document
    writes alone elsewhere (``\alpha > 0`` before ``\alpha(e^x - 1)``, a product); ``stated``: the
    names the document stated as parameters before it. A name that stands for the parameter of a
    unit the formula names is a value, not a function (``\alpha(\exp(x) - 1)`` beside
    ``\text{ELU}`` is a product)."""
    ctx = Context(tex, stated=frozenset(stated))
    units: list[Unit] = []
    _scan(tex, toks, ctx.standalone, None, ctx.written, units)
    ctx.standalone.update(variables)
    for u in dict.fromkeys(units):
        for p in u.params:
            n = ctx.post_name(p)
            if n is not None and n in ctx.written:
                ctx.standalone.add(n)
    return ctx


def name_uses(tex: str) -> tuple[set[str], set[str]]:
    """(the names a formula writes alone, those it writes before a bracket): what a document
    tells its later formulas about a name, ``\alpha > 0`` (a variable) or ``f(x) = …`` (a
    function)."""
    alone: set[str] = set()
    applied: set[str] = set()
    try:
        _scan(tex, walk(tex), alone, applied)
    except (LatexParseError, RecursionError, TypeError, ValueError, IndexError):
        pass
    return alone, applied


# ---------------------------------------------------------------------------------------------
# values that are not (yet) SymPy expressions


@dataclass(frozen=True)
class Vec:
    """A bold or arrowed name: a vector, read one component at a time."""

    name: str

    def symbol(self) -> Symbol:
        return Symbol("vec_" + self.name, real=True)


def value(v: Any) -> Any:
    """A parsed value as SymPy (a vector as its component symbol)."""
    if isinstance(v, Vec):
        return v.symbol()
    return v


def _arith(v: Any, what: str) -> Any:
    v = value(v)
    if isinstance(v, sympy.Lambda):
        raise LatexParseError(f"a function name without its argument {what}")
    if isinstance(v, (sympy.core.relational.Relational, sympy.logic.boolalg.BooleanFunction,
                      sympy.logic.boolalg.BooleanAtom)):
        raise LatexParseError(f"a relation {what}")
    if isinstance(v, sympy.Set):
        raise LatexParseError(f"a set {what}")
    return v


#: The largest number a formula may write out: a post's constants have some tens of digits.
MAX_LITERAL_DIGITS = 3000
#: The largest number a formula may build from small ones (9^{9^9}, (10^7)!, a binomial): its
#: decimal digits, estimated before SymPy computes it (which it cannot be stopped doing).
MAX_VALUE_DIGITS = 10_000
#: The highest derivative a formula may take (σ with 20 primes swells past any budget).
MAX_DERIVATIVE_ORDER = 12


def _number(digits: str) -> Expr:
    if len(digits) > MAX_LITERAL_DIGITS:
        raise LatexParseError(f"a number of {len(digits):,} digits: more than the {MAX_LITERAL_DIGITS:,} "
                              "a formula's number may have")
    if "." in digits:
        a, b = digits.split(".")
        return sympy.Rational(int(a or "0") * 10 ** len(b) + int(b or "0"), 10 ** len(b))
    return sympy.Integer(int(digits))


_DIFF_TEXT = {"d", "D"}
_OPS_NOT_READ = {"odot": "an elementwise product (\\odot) of vectors is not read",
                 "otimes": "\\otimes (an outer or Kronecker product) is not read",
                 "oplus": "\\oplus is not read", "circ": "a composition (\\circ) is not read",
                 "star": "\\star is not read", "bullet": "\\bullet is not read", "wedge": "\\wedge outside a condition is not read",
                 "vee": "\\vee outside a condition is not read", "pm": "± (two formulas in one) is not read",
                 "mp": "∓ (two formulas in one) is not read", "setminus": "\\setminus is not read",
                 "cup": "a union of sets is not read here", "cap": "an intersection of sets is not read here",
                 "dots": "an ellipsis (\\dots) has no value", "ldots": "an ellipsis (\\ldots) has no value",
                 "cdots": "an ellipsis (\\cdots) has no value", "vdots": "an ellipsis has no value",
                 "ddots": "an ellipsis has no value", "forall": "\\forall inside an expression is not read",
                 "exists": "\\exists is not read", "partial": "\\partial outside \\frac{\\partial …}{\\partial …} is not read",
                 "top": "a transpose (^\\top) is not read", "intercal": "a transpose is not read",
                 "dagger": "an adjoint (^\\dagger) is not read", "ast": None, "iint": "a double integral is not read",
                 "iiint": "a triple integral is not read", "oint": "a contour integral is not read",
                 "hbar": "\\hbar is not read", "Re": "\\Re is not read", "Im": "\\Im is not read",
                 "arg": "\\arg is not read",
                 "det": "\\det is not read", "dim": "\\dim is not read", "ker": "\\ker is not read",
                 "limsup": "\\limsup is not read", "liminf": "\\liminf is not read",
                 "sum": None, "prod": None, "emptyset": "the empty set is not a value", "varnothing": "the empty set is not a value",
                 "cancel": "a cancelled term (\\cancel) is not read", "bcancel": "a cancelled term is not read",
                 "xcancel": "a cancelled term is not read", "binom": None, "not": "\\not is not read"}


def _is_d(tex: str, t: Tok) -> bool:
    """A differential's d: d, \\mathrm{d}, \\text{d}, \\operatorname{d}, \\partial."""
    if t.is_char("d") or t.is_cmd("partial"):
        return True
    return t.kind == "cmd" and t.text in TEXT_MACROS and word_of(tex, t) in _DIFF_TEXT


def _differentials(tex: str, toks: list[Tok]) -> list[tuple[str, int]] | None:
    """``dx``, ``\\partial x_g``, ``\\mathrm{d}x^2``, ``dx\\,dy``: [(variable name, order)], else None."""
    out: list[tuple[str, int]] = []
    i = 0
    toks = [t for t in toks]
    if not toks:
        return None
    while i < len(toks):
        if not _is_d(tex, toks[i]) or i + 1 >= len(toks):
            return None
        v = toks[i + 1]
        if not (_is_letter(v) or (v.kind == "cmd" and v.text in GREEK)):
            return None
        try:
            name, j = _name_at(tex, toks, i + 1)
        except LatexParseError:
            return None
        order = 1
        if j < len(toks) and toks[j].is_char("^") and j + 1 < len(toks):
            o = _small_int(tex, toks[j + 1])
            if o is None:
                return None
            order = o
            j += 2
        out.append((name, order))
        i = j
    return out


def _small_int(tex: str, t: Tok) -> int | None:
    s = tex[t.pos:t.end].strip("{} ")
    return int(s) if s.isdigit() and len(s) < 7 else None


def _d_order(tex: str, toks: list[Tok]) -> tuple[int, list[Tok]] | None:
    """A derivative's numerator ``d``, ``d^2``, ``\\partial^2 f``: (order, the rest), else None."""
    if not toks or not _is_d(tex, toks[0]):
        return None
    i = 1
    order = 1
    if i < len(toks) and toks[i].is_char("^") and i + 1 < len(toks):
        o = _small_int(tex, toks[i + 1])
        if o is None:
            return None
        order = o
        i += 2
    return order, toks[i:]


# ---------------------------------------------------------------------------------------------
# the parser


class Parser:
    """Recursive descent over one list of tokens (a side, a group, an argument)."""

    def __init__(self, ctx: Context, toks: Iterable[Tok], bars: int = 0):
        self.ctx = ctx
        self.tex = ctx.tex
        self.toks = prepare(toks)
        self.i = 0
        self.bars = bars

    # -- helpers -------------------------------------------------------------------------------

    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at_char(self, *chars: str, k: int = 0) -> bool:
        """Whether the token ``k`` ahead is one of these characters."""
        t = self.peek(k)
        return t is not None and t.is_char(*chars)

    def at_kind(self, kind: str, k: int = 0, text: str | None = None) -> bool:
        """Whether the token ``k`` ahead is of this kind (and, given ``text``, has this text)."""
        t = self.peek(k)
        return t is not None and t.kind == kind and (text is None or t.text == text)

    def at_digit(self, k: int = 0) -> bool:
        """Whether the token ``k`` ahead is a digit."""
        t = self.peek(k)
        return t is not None and t.kind == "char" and t.text.isdigit()

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def src(self, t: Tok) -> str:
        return self.tex[t.pos:t.end].strip()

    def sub(self, toks: Iterable[Tok] | None, what: str = "an argument") -> Any:
        """A whole nested token list as one expression."""
        toks = list(toks or ())
        if not toks:
            raise LatexParseError(f"{what} is empty")
        p = Parser(self.ctx, toks)
        v = p.expression()
        if p.peek() is not None:
            p.unexpected(p.peek())
        return v

    def unexpected(self, t: Tok | None) -> None:
        if t is None:
            raise LatexParseError("the formula ends too soon")
        s = self.src(t)
        if t.kind == "close":
            raise LatexParseError(f"{s}: a closing bracket without its opening one")
        if t.kind == "char" and t.text in "=<>" or (t.kind == "cmd" and t.text in RELATIONS):
            raise LatexParseError(f"{s}: a relation inside an expression (an argument or a bracket)")
        if t.kind == "char" and t.text == ",":
            raise LatexParseError("a comma outside an argument list or a tuple")
        if t.kind == "char" and t.text == "&":
            raise LatexParseError("& outside an environment's rows")
        if t.is_cmd("\\"):
            raise LatexParseError("\\\\ (a new row) outside an environment")
        raise LatexParseError(f"{s}: not read here")

    def expression(self) -> Any:
        return self.sum()

    # -- levels --------------------------------------------------------------------------------

    def sum(self) -> Any:
        left = self.term()
        while True:
            t = self.peek()
            if t is not None and t.is_char("+", "-"):
                self.take()
                if self.peek() is None:
                    raise LatexParseError(f"'{t.text}' at the end, without its right operand")
                right = self.term()
                a, b = _arith(left, "in a sum"), _arith(right, "in a sum")
                left = a + b if t.text == "+" else a - b
            else:
                return left

    def term(self) -> Any:
        left = self.unary()
        while True:
            t = self.peek()
            if t is None:
                return left
            if t.is_char("*") or t.is_cmd("cdot", "times", "ast", "cdotp"):
                self.take()
                right = self.unary()
                left = self.mul(left, right, dot=t.is_cmd("cdot", "cdotp"))
            elif t.is_char("/") or t.is_cmd("div"):
                self.take()
                right = self.unary(single=True)
                if self.starts_factor(self.peek()):
                    raise LatexParseError(f"{self.src(t)} followed by a product: the extent of the denominator is "
                                          "ambiguous (write \\frac{…}{…} or brackets)")
                left = _arith(left, "in a quotient") / _arith(right, "in a quotient")
            elif t.kind == "cmd" and t.text in _OPS_NOT_READ and _OPS_NOT_READ[t.text]:
                raise LatexParseError(f"\\{t.text}: {_OPS_NOT_READ[t.text]}")
            else:
                return left

    def mul(self, a: Any, b: Any, dot: bool = False) -> Any:
        if isinstance(a, Vec) and isinstance(b, Vec) and dot:
            n1, n2 = sorted((a.name, b.name))
            return Symbol(f"{n1}·{n2}", real=True)
        a, b = _arith(a, "in a product"), _arith(b, "in a product")
        return a * b

    def unary(self, single: bool = False) -> Any:
        t = self.peek()
        if t is not None and t.is_char("-", "+"):
            self.take()
            if self.peek() is None:
                raise LatexParseError(f"'{t.text}' without its operand")
            v = self.unary(single)
            return -_arith(v, "after a sign") if t.text == "-" else _arith(v, "after a sign")
        if single:
            return self.postfix()
        return self.juxt()

    def juxt(self) -> Any:
        first = self.postfix()
        factors = [first]
        while self.starts_factor(self.peek()):
            factors.append(self.postfix())
        if len(factors) == 1:
            return first
        out = value(factors[0])
        for f in factors[1:]:
            out = self.mul(out, f)
        return out

    def starts_factor(self, t: Tok | None) -> bool:
        if t is None:
            return False
        if t.kind == "char":
            if t.text.isalnum() or t.text == ".":
                return t.text != "." or self.at_digit(1)
            return False
        if t.kind == "open":
            return True
        if t.kind == "bar":
            return self.bars == 0
        if t.kind in ("group", "env"):
            return True
        if t.kind == "cmd":
            if t.text in RELATIONS or t.text in ("cdot", "times", "ast", "cdotp", "div", "\\", "overset", "stackrel",
                                                 "underset"):
                return t.text in ("overset", "stackrel", "underset") and relation_at(self.toks, self.i, self.tex) is None
            if t.text in TEXT_MACROS and word_of(self.tex, t).split(" ")[0].lower() in PROSE:
                return False
            return True
        return False

    def _positive_part(self) -> bool:
        """Whether ``^+``, ``^{+}``, ``_+`` or ``_{+}`` follows: the positive part of what precedes."""
        t, script = self.peek(), self.peek(1)
        return t is not None and t.is_char("_", "^") and script is not None and self.src(script).strip("{} ") == "+"

    def postfix(self) -> Any:
        v = self.primary()
        while True:
            t = self.peek()
            if t is None:
                return v
            if self._positive_part():  # x^+, (x)_+: max(x, 0), the positive part
                base = _arith(v, "before ^+ (its positive part)")
                if isinstance(base, sympy.Basic) and base.is_number:  # f(0^+): a one-sided point, not max(0, 0)
                    raise LatexParseError(f"{self.src(t)}+ after a number: a one-sided point (0^+) is read only in "
                                          "\\lim or 'as x \\to a^+'")
                self.take()
                self.take()
                v = sympy.Max(0, base)
            elif t.is_char("^"):
                self.take()
                e = self.script("a power")
                base = _arith(v, "raised to a power")
                v = _power(base, _arith(e, "as an exponent"))
            elif t.is_char("!"):
                self.take()
                v = _factorial(_arith(v, "before !"))
            elif t.is_char("_"):
                raise LatexParseError(f"a subscript on {self.tex[self.toks[max(self.i - 1, 0)].pos:t.end]!r}: "
                                      "a subscript on a value is not read")
            elif t.is_char("'"):
                raise LatexParseError("a prime after a value (not a function name) is not read")
            else:
                return v

    def script_tokens(self, what: str) -> list[Tok]:
        t = self.peek()
        if t is None:
            raise LatexParseError(f"{what} without its argument (^ or _ at the end)")
        self.take()
        if t.kind == "group":
            return list(t.args[0] or ())
        if t.kind in ("open", "close", "bar") or t.is_char("^", "_", "'", "+", "-", "=", ","):
            if t.is_char("+", "-") or t.kind == "char" and t.text in "^_'=,":
                raise LatexParseError(f"^ or _ before {self.src(t)!r}: {what} that is not read")
            raise LatexParseError(f"{what} before a bracket: not read")
        return [t]

    def script(self, what: str) -> Any:
        toks = self.script_tokens(what)
        if len(toks) == 1 and toks[0].is_cmd("top", "intercal", "dagger", "ast", "star", "prime", "circ"):
            raise LatexParseError(f"^{self.src(toks[0])}: not a power (a transpose, an adjoint or a mark) and not read")
        return self.sub(toks, what)

    # -- primaries -----------------------------------------------------------------------------

    def primary(self) -> Any:
        t = self.peek()
        if t is None:
            raise LatexParseError("the formula ends where a value was expected")
        k = t.kind
        if k == "char":
            if t.text.isdigit() or t.text == ".":
                return self.number()
            if _is_letter(t):
                w = word_run(self.toks, self.i)
                if w is not None:
                    self.i = w[1]
                    return self.named_function(w[0], t)
                return self.letter()
            self.unexpected(t)
        if k == "open":
            return self.bracket()
        if k == "bar":
            return self.abs_bars()
        if k == "dbar":
            raise LatexParseError("a norm \\| … \\| is not read")
        if k == "group":
            self.take()
            inner = list(t.args[0] or ())
            if not inner:
                raise LatexParseError("an empty group {}")
            return self.sub(inner, "a group")
        if k == "env":
            self.take()
            return self.environment(t)
        if k == "cmd":
            return self.command(t)
        if k == "math":
            raise LatexParseError("math inside \\text{…} is read only in a condition")
        self.unexpected(t)
        return None  # pragma: no cover

    def number(self) -> Expr:
        digits = ""
        while True:
            t = self.peek()
            if t is not None and t.kind == "char" and t.text.isdigit():
                digits += t.text
                self.take()
            elif t is not None and t.is_char(".") and "." not in digits and self.at_digit(1):
                digits += "."
                self.take()
            else:
                break
        if not digits or digits == ".":
            raise LatexParseError("a lone '.' is not a number")
        return _number(digits)

    # -- names ---------------------------------------------------------------------------------

    def name_token(self) -> tuple[str, Tok]:
        t = self.peek()
        assert t is not None
        name, j = _name_at(self.tex, self.toks, self.i)
        self.i = j
        return name, t

    def primes(self) -> int:
        return self.differentiations(_order(self._primes(), "a derivative written with primes"))

    def differentiations(self, n: int) -> int:
        """Count n more orders of derivative in the formula: nested ``\\frac{d}{dx}`` add up to at
        most twice :data:`MAX_DERIVATIVE_ORDER` (each one swells the expression)."""
        self.ctx.orders += n
        if self.ctx.orders > 2 * MAX_DERIVATIVE_ORDER:
            raise LatexParseError(f"derivatives of total order {self.ctx.orders} in one formula: beyond glusym's "
                                  f"limit of {2 * MAX_DERIVATIVE_ORDER}")
        return n

    def _primes(self) -> int:
        n = 0
        while True:
            t = self.peek()
            if t is not None and t.is_char("'"):
                n += 1
                self.take()
            elif t is not None and t.is_char("^") and (g1 := self.peek(1)) is not None and self._prime_group(g1):
                self.take()
                g = self.take()
                n += self._prime_group(g)
            else:
                return n

    def _prime_group(self, t: Tok) -> int:
        """^\\prime, ^{\\prime\\prime}, ^{(2)}: the number of primes, else 0."""
        toks = list(t.args[0] or ()) if t.kind == "group" else [t]
        if toks and all(a.is_cmd("prime") or a.is_char("'") for a in toks):
            return len(toks)
        if len(toks) == 3 and toks[0].is_char("(") and toks[2].is_char(")") and toks[1].kind == "char" \
                and toks[1].text.isdigit():
            return int(toks[1].text)
        return 0

    def applied(self) -> bool:
        t = self.peek()
        return t is not None and t.kind == "open" and t.text == "("

    def letter(self) -> Any:
        name, t = self.name_token()
        if name == "e":
            if self.at_char("'"):
                raise LatexParseError("e' is not read")
            return sympy.E
        primes = self.primes()
        ctx = self.ctx
        nxt, after = self.peek(), self.peek(1)
        if nxt is not None and nxt.is_char("^") and after is not None and name.split("_")[0] in _FUNCTION_LETTERS \
                and self.at_kind("open", 2, "("):
            # f^{-1}(x), \zeta^{2}(x): an inverse, or f(x)^2, or f∘f; never x/f nor x f^2
            sup = self.src(after).strip("{} ")
            what = "an inverse function" if sup == "-1" else "a power or an iterate of a function (f(x)^2 or f∘f?)"
            raise LatexParseError(f"{name}^{{{sup}}}(…): {what} is not read")
        if self.applied() and name not in _ALWAYS_VARIABLES and name not in ctx.standalone and name not in VARS:
            return self.call_named(name, primes, t)
        if primes:
            return Symbol(name + "'" * primes, real=True)
        return real_symbol(name)

    def _bracket_has_comma(self) -> bool:
        """Whether the bracket at the parser's position holds a comma at its top level: a list of
        arguments, never a factor."""
        return self._bracket_holds(lambda j: self.toks[j].is_char(","))

    def _event_follows(self) -> bool:
        """Whether the bracket at the parser's position holds a relation (P(X \\le x), not P(x))."""
        def relation(j: int) -> bool:
            try:
                return relation_at(self.toks, j, self.tex) is not None
            except LatexParseError:
                return False

        return self._bracket_holds(relation)

    def _bracket_holds(self, test: Callable[[int], bool]) -> bool:
        """Whether a token at the top level of the bracket at the parser's position passes ``test``."""
        depth, j = 0, self.i
        while j < len(self.toks):
            t = self.toks[j]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0:
                    return False
            elif depth == 1 and test(j):
                return True
            j += 1
        return False

    def probability(self) -> Any:
        r"""``P(X \le x)``, ``\Pr(X > a)``: the probability that a random variable, a capital
        letter, stands in a relation to a value (:class:`~glusym.parsing.terms.Probability`)."""
        opener = self.take()
        depth, j = 1, self.i
        while j < len(self.toks) and depth:
            if self.toks[j].kind == "open":
                depth += 1
            elif self.toks[j].kind == "close":
                depth -= 1
            j += 1
        if depth or self.toks[j - 1].text != ")":
            raise LatexParseError(f"P{self.src(opener)} without its closing bracket")
        inner = self.toks[self.i:j - 1]
        self.i = j
        sides, ops = split_top(inner, self.tex)
        if len(ops) != 1 or ops[0] not in Probability.OPS or not sides[0] or not sides[1]:
            raise LatexParseError("P(…) is read only of one relation <, \\le, >, \\ge (P(X \\le x))")
        X = Parser(self.ctx, sides[0]).expression_all()
        if not (isinstance(X, Symbol) and X.name[:1].isupper()):
            raise LatexParseError("P(X \\le x): X must be a random variable, a capital letter")
        a = _arith(Parser(self.ctx, sides[1]).expression_all(), "in a probability")
        return Probability(X, Probability.OPS.index(ops[0]), a)

    def call_named(self, name: str, primes: int, t: Tok) -> Any:
        """``f(x)``, ``g_\\alpha(x, y)``, ``\\beta'(x)``: a function of the document (or O, H)."""
        if name in ("P", "Pr") and not primes and self._event_follows():
            return self.probability()
        args = self.arglist()
        if name == "O" and not primes and len(args) == 1:
            return BigO(_arith(args[0], "inside O(…)"))
        if name == "H" and not primes and len(args) == 1:
            return sympy.Heaviside(_arith(args[0], "inside H(…)"))
        if name in _LAMBERT and not primes and len(args) == 1:  # W_0(z), W_{-1}(z): the branches of Lambert's W
            return sympy.LambertW(_arith(args[0], f"inside {name}(…)"), _LAMBERT[name])
        if name == "W_m1":
            raise LatexParseError("W_{-1} is read only applied to one argument: W_{-1}(z), Lambert's W")
        base = name.replace("_", "")
        if not base.isalnum() or not base.isascii():
            raise LatexParseError(f"{name}(…): a function name that is not read")
        return sympy.Function(name + "'" * primes)(*[_arith(a, "as an argument") for a in args])

    def arglist(self) -> list[Any]:
        """``( a, b, … )`` at the parser's position."""
        t = self.take()
        assert t.kind == "open"
        items, close = self.bracket_items(t)
        if close.text != ")":
            raise LatexParseError(f"( closed by {self.src(close)}")
        return items

    def bracket_items(self, opener: Tok) -> tuple[list[Any], Tok]:
        """The comma-separated items after an opening bracket, and the closing token."""
        items: list[Any] = []
        save = self.bars
        self.bars = 0
        while True:
            closer = self.peek()
            if closer is not None and closer.kind == "close" and not items:
                raise LatexParseError(f"empty brackets {self.src(opener)}{self.src(closer)}")
            items.append(self.expression())
            t = self.peek()
            if t is None:
                raise LatexParseError(f"{self.src(opener)} without its closing bracket")
            if t.is_char(","):
                self.take()
                continue
            if t.kind == "close":
                self.take()
                self.bars = save
                return items, t
            self.unexpected(t)

    def bracket(self) -> Any:
        opener = self.take()
        kind = opener.text
        if kind == "angle":
            raise LatexParseError("angle brackets ⟨…⟩ are not read")
        if kind == "{":
            return self.brace_cases(opener)
        if kind == ".":
            return self.evaluation_bar(opener)
        items, close = self.bracket_items(opener)
        want = {"(": ")", "[": "]", "floor": "floor", "ceil": "ceil", "|": "|"}[kind]
        if close.text != want:
            raise LatexParseError(f"{self.src(opener)} closed by {self.src(close)} (an interval is read only after \\in)")
        if kind in ("floor", "ceil"):
            if len(items) != 1:
                raise LatexParseError("a floor or ceiling of several values")
            f = sympy.floor if kind == "floor" else sympy.ceiling
            return f(_arith(items[0], "inside a floor"))
        if kind == "|":
            if len(items) != 1:
                raise LatexParseError("|a, b|: not read")
            return sympy.Abs(_arith(items[0], "inside |…|"))
        if kind in ("[", "(") and self._positive_part():  # [x]_+, (x)_+, (x)^+: the positive part
            if len(items) != 1:
                raise LatexParseError(f"{self.src(opener)}a, b{close.text}_+ is not read")
        if len(items) == 1:
            return items[0]
        return sympy.Tuple(*[_arith(a, "in a tuple") for a in items])

    def brace_cases(self, opener: Tok) -> Any:
        r"""``\left\{ \begin{array}{ll} x & x > 0 \\ 0 & x \le 0 \end{array} \right.``: cases."""
        t = self.peek()
        close = self.peek(1)
        if t is not None and t.kind == "env" and t.text in ("array", "matrix", "aligned") and close is not None \
                and close.kind == "close" and close.text == ".":
            self.take()
            self.take()
            return self.environment(Tok("env", "cases", t.pos, t.end, t.args))
        raise LatexParseError("\\{ … \\}: a set (or a fractional part) is not read here")

    def evaluation_bar(self, opener: Tok) -> Any:
        """``\\left. f \\right|_{x=a}``: f at x = a."""
        inner = self.expression()
        close = self.peek()
        if close is None or close.kind != "close" or close.text != "|":
            raise LatexParseError("\\left. without \\right| (an evaluation bar)")
        self.take()
        t = self.peek()
        if t is None or not t.is_char("_"):
            raise LatexParseError("an evaluation bar without its point _{x=a}")
        self.take()
        toks = self.script_tokens("an evaluation bar")
        sides, ops = split_top(prepare(toks), self.tex)
        if ops != ["="] or not sides[0]:
            raise LatexParseError("an evaluation bar's point must be _{x=a}")
        var = Parser(self.ctx, sides[0]).expression()
        if not isinstance(var, Symbol):
            raise LatexParseError("an evaluation bar's point must be _{x=a}")
        point = Parser(self.ctx, sides[1]).expression()
        return _arith(inner, "before an evaluation bar").xreplace({var: _arith(point, "as a point")})

    def abs_bars(self) -> Any:
        self.take()
        self.bars += 1
        inner = self.expression()
        self.bars -= 1
        t = self.peek()
        if t is None or t.kind not in ("bar", "close") or t.text != "|":
            raise LatexParseError("| without its closing |")
        self.take()
        return sympy.Abs(_arith(inner, "inside |…|"))

    # -- commands ------------------------------------------------------------------------------

    def command(self, t: Tok) -> Any:
        name = t.text
        if name == "pi":
            self.take()
            if self.at_char("_", "'"):
                raise LatexParseError("\\pi with a subscript or a prime is not read")
            return sympy.pi
        if name in GREEK and name not in ATOMIC:
            return self.letter()
        if name in ATOMIC:
            return self.atomic(t)
        if name in FUNCTIONS or name in ("lg",):
            self.take()
            return self.named_function(name, t)
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            self.take()
            return self.fraction(t)
        if name == "sqrt":
            self.take()
            radicand = self.sub(t.args[1] if len(t.args) > 1 else None, "\\sqrt's argument")
            r = _arith(radicand, "under \\sqrt")
            if t.args and t.args[0] is not None:
                n = self.sub(t.args[0], "\\sqrt's index")
                return sympy.root(r, _arith(n, "as an index"))
            return sympy.sqrt(r)
        if name in ("binom", "dbinom", "tbinom"):
            self.take()
            return _binomial(_arith(self.sub(t.args[0]), "in a binomial"), _arith(self.sub(t.args[1]), "in a binomial"))
        if name == "pi":
            self.take()
            return sympy.pi
        if name == "infty":
            self.take()
            return sympy.oo
        if name in TEXT_MACROS:
            return self.text_name(t)
        if name in ("mathbf", "boldsymbol", "bm", "vec"):
            return self.bold(t)
        if name == "mathbb":
            return self.blackboard(t)
        if name == "Pr":
            self.take()
            if not self.applied():
                raise LatexParseError("\\Pr without its event (\\Pr(X \\le x))")
            return self.probability()
        if name == "mathcal":
            self.take()
            w = "".join(c.text for c in t.args[0] or () if c.kind == "char")
            if w == "O" and self.applied():
                args = self.arglist()
                if len(args) != 1:
                    raise LatexParseError("O(…) of several arguments")
                return BigO(_arith(args[0], "inside O(…)"))
            if w == "N" and self.applied():  # \mathcal{N}(\mu, \sigma^2): the normal distribution
                args = self.arglist()
                if len(args) != 2:
                    raise LatexParseError("\\mathcal{N}(…) takes a mean and a variance")
                return Normal(_arith(args[0], "as a mean"), _arith(args[1], "as a variance"))
            if w == "P" and self.applied():
                return self.probability()
            raise LatexParseError(f"\\mathcal{{{w}}} is not read")
        if name in ("hat", "bar", "tilde", "overline", "widehat", "widetilde", "dot", "ddot", "underline"):
            self.take()
            inner = t.args[0] or ()
            if len(inner) == 1 and (_is_letter(inner[0]) or inner[0].kind == "cmd" and inner[0].text in GREEK):
                base = inner[0].text if inner[0].kind == "char" else GREEK[inner[0].text]
                if self.applied() and self._bracket_has_comma():  # \tilde{\mu}(\mu, \omega, …): a function
                    return self.call_named(f"{name}_{base}", self.primes(), t)
                return real_symbol(f"{name}_{base}")
            raise LatexParseError(f"\\{name} over an expression is not read")
        if name in ("overbrace", "underbrace", "overbracket", "underbracket"):
            self.take()
            v = self.sub(t.args[0], f"\\{name}'s argument")
            nxt = self.peek()
            if nxt is not None and nxt.is_char("^", "_"):  # its label
                self.take()
                if self.peek() is None:
                    raise LatexParseError(f"\\{name}'s label is missing")
                self.take()
            return v
        if name in ("overset", "underset", "stackrel"):
            self.take()
            return self.sub(t.args[1], f"\\{name}'s base")
        if name in ("boxed", "mathstrut"):
            self.take()
            return self.sub(t.args[0], "\\boxed's argument")
        if name in ("textcolor", "colorbox"):
            self.take()
            return self.sub(t.args[1], f"\\{name}'s argument")
        if name == "lim":
            self.take()
            return self.limit(t)
        if name in ("max", "min", "sup", "inf", "argmax", "argmin"):
            self.take()
            return self.extremum(t)
        if name == "int":
            self.take()
            return self.integral(t)
        if name in ("sum", "prod"):
            self.take()
            return self.sum_prod(t)
        if name == "nabla":
            self.take()
            return self.nabla(t)
        if name == "partial" and (nxt := self.peek(1)) is not None and nxt.is_char("_"):
            self.take()
            return self.partial(t)
        if name in _OPS_NOT_READ and _OPS_NOT_READ[name]:
            raise LatexParseError(f"\\{name}: {_OPS_NOT_READ[name]}")
        if name in RELATIONS:
            raise LatexParseError(f"\\{name}: a relation inside an expression (an argument or a bracket)")
        if name == "\\":
            raise LatexParseError("\\\\ (a new row) outside an environment")
        if name in ("begin", "end"):
            raise LatexParseError(f"\\{name} without its environment")
        if name in ("cdot", "times", "div"):
            raise LatexParseError(f"\\{name} without its left operand")
        unit = find(name)
        if unit is not None and name not in ("phi",):
            self.take()
            return self.unit_application(unit, t)
        raise LatexParseError(f"\\{name}: an unknown command")

    def text_name(self, t: Tok) -> Any:
        """``\\text{GELU}``, ``\\operatorname{erf}``, ``\\mathrm{e}``, ``\\text{softplus}``, a name of the document."""
        w = word_of(self.tex, t)
        key = w.replace(" ", "").replace("\\_", "_")  # \text{negative\_slope}: PyTorch's parameter name
        if key == "e":
            self.take()
            return sympy.E
        if key in _DIFF_TEXT:
            raise LatexParseError(f"{self.src(t)}: a differential outside an integral or a derivative")
        if key.lower() in ("max", "min"):
            self.take()
            return self.extremum(Tok("cmd", key.lower(), t.pos, t.end))
        bare = key.replace("\\,", "").replace("\\;", "").replace("\\!", "").replace("\\ ", "").lower()
        if bare in ("argmax", "argmin"):  # \operatorname*{arg\,min}_z f(z): where the minimum is
            self.take()
            return self.extremum(Tok("cmd", bare, t.pos, t.end))
        unit = unit_of_word(key)
        if unit is not None:
            self.take()
            return self.unit_application(unit, t)
        if key in FUNCTIONS or key.lower() in FUNCTIONS:
            self.take()
            return self.named_function(key if key in FUNCTIONS else key.lower(), t)
        if key.split(" ")[0].lower() in PROSE or w.split(" ")[0].lower() in PROSE:
            raise LatexParseError(f"{self.src(t)}: prose inside an expression (a condition or a domain note "
                                  "is read only after the formula's relations)")
        if not (key.isascii() and key.replace("_", "").isalnum() and key[0].isalpha()):
            raise LatexParseError(f"{self.src(t)}: not a name")
        self.take()
        # a name of the document: a new function when applied, else a symbol
        sub = ""
        if self.at_char("_"):
            self.take()
            sub = "_" + label(self.tex, self.script_tokens("a subscript"))
        name = key + sub
        primes = self.primes()
        if self.applied() and name not in self.ctx.standalone:
            return self.call_named(name, primes, t)
        return real_symbol(name + "'" * primes)

    def bold(self, t: Tok) -> Any:
        self.take()
        inner = list(t.args[0] or ())
        if len(inner) == 1 and inner[0].kind == "char" and inner[0].text in "1":
            return self.indicator(t)
        if len(inner) == 1 and inner[0].kind == "char" and inner[0].text.isdigit():
            raise LatexParseError(f"{self.src(t)}: a constant vector is not read")
        name = ""
        if inner and (_is_letter(inner[0]) or (inner[0].kind == "cmd" and inner[0].text in GREEK)):
            try:
                name, j = _name_at(self.tex, inner, 0)
            except LatexParseError:
                j = -1
            if j != len(inner):
                name = ""
        if not name:
            raise LatexParseError(f"{self.src(t)}: a bold expression is not read")
        if self.at_char("_"):
            self.take()
            name += "_" + label(self.tex, self.script_tokens("a subscript"))
        return Vec(name)

    def blackboard(self, t: Tok) -> Any:
        self.take()
        w = "".join(c.text for c in t.args[0] or () if c.kind == "char")
        if w in ("1", "I"):
            return self.indicator(t)
        raise LatexParseError(f"\\mathbb{{{w}}}: a set, read only after \\in" if w in "RNZQC" else
                              f"\\mathbb{{{w}}} is not read")

    def indicator(self, t: Tok) -> Any:
        r"""``\mathbb{1}_{x>0}``, ``\mathbb{1}[x > 0]``, ``\mathbb{1}\{x > 0\}``: 1 where the
        condition holds, 0 elsewhere (a Piecewise, exact at the boundary)."""
        nxt = self.peek()
        if nxt is not None and nxt.is_char("_"):
            self.take()
            toks = self.script_tokens("an indicator's condition")
        elif nxt is not None and nxt.kind == "open" and nxt.text in ("[", "{", "("):
            toks = self.bracket_tokens()
        else:
            raise LatexParseError(f"{self.src(t)} without its condition (_{{…}} or […])")
        cond = condition(self.ctx, toks)
        return sympy.Piecewise((sympy.S.One, cond), (sympy.S.Zero, True))

    def bracket_tokens(self) -> list[Tok]:
        """The raw tokens inside the bracket at the parser's position (consumed, with both brackets)."""
        opener = self.take()
        depth = 1
        start = self.i
        while self.i < len(self.toks):
            t = self.toks[self.i]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0:
                    inner = self.toks[start:self.i]
                    self.i += 1
                    return inner
            self.i += 1
        raise LatexParseError(f"{self.src(opener)} without its closing bracket")

    def atomic(self, t: Tok) -> Any:
        r"""``\sigma(x)``, ``\Phi``, ``\phi(x)``, with primes and powers (``\sigma'(x)``, ``\sigma^2(x)``)."""
        name = t.text
        self.take()
        f = ATOMIC[name]
        if name in self.ctx.bound:
            if self.applied():
                raise LatexParseError(f"\\{name} is the limit's variable and a function applied here")
            return real_symbol(GREEK.get(name, name))
        primes, power = self.function_scripts(name)
        if not self.applied() and not self.at_kind("group"):
            if name in ("sigma", "Phi") and power is None:
                unit = find("sigmoid" if name == "sigma" else "normal_cdf")
                assert unit is not None
                return self.unit_value(unit, None, primes, None)
            if name in ("phi", "varphi") and not primes and power is None:
                return real_symbol(GREEK.get(name, name))
            raise LatexParseError(f"\\{name} without its argument (σ, Φ and φ are applied with parentheses)")
        args = self.call_args(name)
        if power is _INVERSE:
            return _inverse(name, args)
        v = _derived(f, args, primes)
        return v if power is None else sympy.Pow(v, power)

    def function_scripts(self, name: str) -> tuple[int, Any]:
        """Primes and a power written before a function's argument (``\\tanh^2 x``, ``\\sigma'``)."""
        primes = self.primes()
        power = None
        t = self.peek()
        if t is not None and t.is_char("^"):
            self.take()
            p = self.script(f"a power of \\{name}")
            p = _arith(p, "as an exponent")
            if p == -1:
                if name in INVERSES and not primes:
                    return primes, _INVERSE
                raise LatexParseError(f"{name}^{{-1}}: an inverse function is not read (nor 1/{name})")
            power = p
            primes += self.primes()
        return primes, power

    def call_args(self, name: str) -> list[Any]:
        t = self.peek()
        if t is not None and t.kind == "group":
            self.take()
            inner = prepare(t.args[0] or ())
            if not inner:
                raise LatexParseError(f"{name}{{}}: an empty argument")
            p = Parser(self.ctx, inner)
            if p.applied():
                args = p.arglist()
                if p.peek() is None:
                    return args
                p = Parser(self.ctx, inner)
            v = p.expression()
            if p.peek() is not None:
                p.unexpected(p.peek())
            return [v]
        return self.arglist()

    def named_function(self, name: str, t: Tok) -> Any:
        r"""A function every reader knows: ``\tanh(x)``, ``\tanh x``, ``\log_2 x``, ``\exp^2(x)``."""
        if name in ("max", "min"):
            return self.extremum(Tok("cmd", name, t.pos, t.end))
        unit = find(name)
        if name not in FUNCTIONS:
            if unit is None:
                raise LatexParseError(f"{name}: an unknown function")
            return self.unit_application(unit, t)
        f, bare_ok = FUNCTIONS[name]
        base = None
        if name in ("log", "lg") and self.at_char("_"):
            self.take()
            base = _arith(self.sub(self.script_tokens("a logarithm's base"), "a logarithm's base"), "as a base")
        primes, power = self.function_scripts(name)
        nxt = self.peek()
        if self.applied() or (nxt is not None and nxt.kind == "group"):
            args = self.call_args(name)
        elif bare_ok and self.starts_factor(nxt):
            args = [self.bare_argument(name)]
        elif power is _INVERSE:
            raise LatexParseError(f"\\{name}^{{-1}} without its argument")
        else:
            if nxt is None or not self.starts_factor(nxt):
                t_ = sympy.Symbol("t", real=True)
                if base is None and power is None:
                    return sympy.Lambda(t_, _derived(f, [t_], primes))
            raise LatexParseError(f"\\{name} without its argument")
        if power is _INVERSE:
            return _inverse(name, args)
        if base is not None:
            if len(args) != 1 or primes:
                raise LatexParseError("a logarithm to a base takes one argument")
            v = sympy.log(_arith(args[0], "in a logarithm"), base)
        else:
            v = _derived(f, args, primes)
        return v if power is None else sympy.Pow(v, power)

    def bare_argument(self, name: str) -> Any:
        r"""The argument of ``\tanh x``, ``\log 2x``, ``\operatorname{erf}\frac{x}{\sqrt2}``:
        the juxtaposed factors that follow, up to the next function name."""
        sign = 1
        t = self.peek()
        if t is not None and t.is_char("-"):
            self.take()
            sign = -1
        factors = [self.postfix()]
        while self.starts_factor(self.peek()):
            nxt = self.peek()
            assert nxt is not None
            if self._is_function_token(nxt):
                break
            if nxt.kind in ("open", "bar"):
                raise LatexParseError(f"\\{name} followed by factors and a bracket: the extent of its argument is "
                                      f"ambiguous (write \\{name}(…))")
            factors.append(self.postfix())
        out = value(factors[0])
        for f in factors[1:]:
            out = self.mul(out, f)
        return sign * _arith(out, "as an argument")

    def _is_function_token(self, t: Tok) -> bool:
        if t.kind == "cmd":
            if t.text in FUNCTIONS or t.text in ATOMIC or t.text in ("lim", "max", "min", "sup", "inf", "int",
                                                                      "sum", "prod", "frac", "dfrac", "tfrac"):
                return t.text not in ("frac", "dfrac", "tfrac")
            if t.text in TEXT_MACROS:
                w = word_of(self.tex, t).replace(" ", "")
                return find(w) is not None or w in FUNCTIONS or w.lower() in FUNCTIONS
            return find(t.text) is not None
        if _is_letter(t):
            return word_run(self.toks, self.i) is not None
        return False

    # -- catalogue units -----------------------------------------------------------------------

    def unit_application(self, unit: Unit, t: Tok) -> Any:
        r"""``\text{SwiGLU}(x_g, x_v)``, ``\text{Swish}_\beta(x)``, ``\text{GELU}_{\tanh}``,
        ``\text{ReLU}'(x)``, ``\text{ReLU}^2(x)``, ``\text{SiLU}`` (a function, unapplied)."""
        sub = None
        nxt = self.peek()
        if nxt is not None and nxt.is_char("_"):
            self.take()
            toks = self.script_tokens(f"{unit.name}'s subscript")
            try:
                lab = label(self.tex, toks)
            except LatexParseError:
                lab = None
            other = find(unit.name + (lab or "")) if lab else None
            if other is not None and lab and not lab.isdigit():
                unit = other
            else:
                sub = self.unit_subscript(unit, toks, lab)
        primes = self.primes()
        power = None
        nxt = self.peek()
        if nxt is not None and nxt.is_char("^"):
            script = self.peek(1)
            sup = self.src(script).strip("{} ") if script is not None else ""
            other = find(unit.name + sup) if sup.isdigit() else None
            if other is not None and sub is None and not primes:
                self.take()
                self.take()
                unit = other
            else:
                self.take()
                p = _arith(self.script(f"a power of {unit.name}"), "as an exponent")
                if p == -1:
                    raise LatexParseError(f"{unit.name}^{{-1}}: an inverse function is not read")
                power = p
            primes += self.primes()
        args = None
        nxt = self.peek()
        if self.applied() or (nxt is not None and nxt.kind == "group"):
            args = self.call_args(unit.name)
        elif nxt is not None and nxt.kind == "open" and nxt.text == "[":
            # h-swish[x] (MobileNetV3, arXiv 1905.02244): square brackets around the argument
            opener = self.take()
            args, close = self.bracket_items(opener)
            if close.text != "]":
                raise LatexParseError(f"{unit.name}[ closed by {self.src(close)}")
        elif len(unit.variables) == 1 and power is None and nxt is not None and self.starts_factor(nxt) \
                and not self._is_function_token(nxt) and nxt.kind not in ("open", "bar"):
            args = [self.bare_argument(unit.name)]  # \text{swish}\,x, as \tanh x
        elif power is not None:
            raise LatexParseError(f"a power of {unit.name} without its argument")
        self.ctx.units.append(unit)
        v = self.unit_value(unit, sub, primes, args)
        return v if power is None else sympy.Pow(v, power)

    def unit_subscript(self, unit: Unit, toks: list[Tok], lab: str | None) -> tuple[str, Any]:
        src = "".join(self.src(a) for a in toks).replace(" ", "")
        if src in ("\\infty", "+\\infty", "{\\infty}"):
            return ("limit", sympy.oo)
        if src in ("0", "0^+", "0^{+}"):
            return ("limit", sympy.S.Zero)
        if lab and lab.isalpha():
            return ("name", lab)
        v = _arith(self.sub(toks, f"{unit.name}'s subscript"), "as a parameter")
        if not (isinstance(v, sympy.Basic) and v.is_number):
            raise LatexParseError(f"the subscript {src!r} of {unit.name} is not a parameter value")
        return ("value", v)

    def unit_value(self, unit: Unit, sub: Any, primes: int, args: list[Any] | None, kind: str = "unit") -> Any:
        """The unit's value: its arguments for its variables, and any after them for its parameters
        in catalogue order (``\\operatorname{squareplus}(x, b)``, ``\\text{CELU}(x, \\alpha)``); a
        parameter neither given nor subscripted is the post's symbol where the formula writes its
        letter or the document stated it (:meth:`Context.post_name`), else glusym's default."""
        n = len(unit.variables)
        extra = [_arith(a, "as a parameter") for a in args[n:]] if args is not None and len(args) > n else []
        if args is not None and len(args) < n:
            raise LatexParseError(f"{unit.name} takes {n} argument(s), got {len(args)}")
        variables = unit.variables

        def derived(expr: Expr) -> Expr:
            if primes or kind != "unit":
                # derivatives almost everywhere: Abs, Max, Heaviside as Piecewise, so no DiracDelta appears
                from ..analysis._common import to_piecewise

                expr = to_piecewise(expr)
            if kind == "unit" and primes:
                if len(variables) != 1:
                    raise LatexParseError(f"a prime on {unit.name}, a function of {len(variables)} variables")
                expr = _diff(expr, variables[0], primes)
            if kind == "nabla":
                expr = sympy.Tuple(*[sympy.diff(expr, v) for v in variables])
            elif kind == "nabla2":
                expr = (sympy.ImmutableMatrix(sympy.hessian(expr, variables)) if len(variables) > 1
                        else sympy.diff(expr, variables[0], 2))
            return expr

        reading = unit_reading(unit, sub, extra, self.ctx.post_name, derived)
        for name, p in reading.symbols:
            self.ctx.symbols.setdefault(name, []).append(p)
        self.ctx.defaults.extend((unit.name, p) for p in reading.defaults)
        limit = reading.limit
        if args is None:
            if limit is not None:
                raise LatexParseError(f"a limit of {unit.name} needs its argument")
            if len(variables) == 1 and kind == "unit":
                return sympy.Lambda(variables[0], reading.expr)
            return reading.expr  # a gated unit named without arguments: at its own variables
        out = reading.at([_arith(a, "as an argument") for a in args[:n]])
        if limit is not None:
            s, end, d = limit
            out = sympy.Limit(out, s, end, dir=d)
        return out

    # -- operators -----------------------------------------------------------------------------

    def fraction(self, t: Tok) -> Any:
        num = list(t.args[0] or ()) if t.args else []
        den = list(t.args[1] or ()) if len(t.args) > 1 else []
        if not num or not den:
            raise LatexParseError(f"\\{t.text} with an empty numerator or denominator")
        ds = _differentials(self.tex, den)
        d_num = _d_order(self.tex, num) if ds is not None else None
        if ds is not None and d_num is not None:
            return self.derivative(d_num[0], d_num[1], ds)
        a, b = self.sub(num, "a numerator"), self.sub(den, "a denominator")
        return _arith(a, "in a numerator") / _arith(b, "in a denominator")

    def derivative(self, order: int, rest: list[Tok], ds: list[tuple[str, int]]) -> Any:
        r"""``\frac{d}{dx} f``, ``\frac{d^2}{dx^2} f``, ``\frac{\partial f}{\partial x_v}``,
        ``\frac{d\,\text{SiLU}}{dx}``."""
        if sum(n for _, n in ds) != order:
            raise LatexParseError("a derivative whose orders above and below differ")
        variables = [(real_symbol(v), n) for v, n in ds]
        if rest:
            p = Parser(self.ctx, rest)
            f = p.expression()
            if p.peek() is not None:
                p.unexpected(p.peek())
            f = value(f)
            if isinstance(f, sympy.Lambda):
                f = f(variables[0][0]) if len(variables) == 1 and len(f.variables) == 1 else None
                if f is None:
                    raise LatexParseError("the derivative of a function of one variable by several")
            elif isinstance(f, Symbol) and f.name not in _ALWAYS_VARIABLES and f not in [v for v, _ in variables]:
                # d f / d x, f a name of the document: a function of x
                f = sympy.Function(f.name)(*[v for v, _ in variables])
        else:
            f = self.term()
        f = _arith(f, "after d/dx")
        for v, n in variables:
            f = _diff(f, v, self.differentiations(_order(n)))
        return f

    def limit(self, t: Tok) -> Any:
        r"""``\lim_{x \to a} f``, ``\lim_{x \to 0^+}``, ``\lim_{x \downarrow 0}``."""
        nxt = self.peek()
        if nxt is None or not nxt.is_char("_"):
            raise LatexParseError("\\lim without its subscript _{x \\to a}")
        self.take()
        toks = prepare(self.script_tokens("\\lim's subscript"))
        arrow = next((i for i, a in enumerate(toks) if a.is_cmd("to", "rightarrow", "longrightarrow", "downarrow",
                                                                  "searrow", "uparrow", "nearrow", "nearrow")), None)
        if arrow is None or arrow == 0:
            raise LatexParseError("\\lim's subscript must be a variable \\to a point")
        head = toks[:arrow]
        bound = None
        if len(head) == 1 and head[0].kind == "cmd" and head[0].text in ATOMIC:
            bound = head[0].text  # \lim_{\sigma \to 0^+} x\Phi(x/\sigma): σ is the variable here
            var = real_symbol(GREEK.get(bound, bound))
        else:
            var = Parser(self.ctx, head).expression()
        if not isinstance(var, Symbol):
            raise LatexParseError("\\lim's subscript must be a variable \\to a point")
        rest = toks[arrow + 1:]
        d = "+-"
        if toks[arrow].is_cmd("downarrow", "searrow"):
            d = "+"
        elif toks[arrow].is_cmd("uparrow", "nearrow"):
            d = "-"
        if len(rest) >= 2 and rest[-2].is_char("^") and self.src(rest[-1]).strip("{} ") in ("+", "-"):
            d = self.src(rest[-1]).strip("{} ")
            rest = rest[:-2]
        elif len(rest) >= 2 and rest[-1].is_char("+", "-") and not rest[-2].is_char("+", "-"):
            d = rest[-1].text  # x \to 0+
            rest = rest[:-1]
        if not rest:
            raise LatexParseError("\\lim without its point")
        point = _arith(Parser(self.ctx, rest).expression(), "as a limit point")
        if point == sympy.oo:
            d = "-"
        elif point == -sympy.oo:
            d = "+"
        if bound is not None:
            self.ctx.bound.add(bound)
        try:
            f = _arith(self.term(), "after \\lim")
            # \lim_{x \to \infty} \mathrm{GELU}(x) - x: a term after the next + or - that holds the
            # limit's variable belongs to the limit (the variable is bound: outside, it means nothing)
            while (op := self.peek()) is not None and op.is_char("+", "-"):
                at = self.i
                self.take()
                try:
                    more = _arith(self.term(), "after \\lim")
                except LatexParseError:
                    self.i = at
                    break
                if not (isinstance(more, sympy.Basic) and var in more.free_symbols):
                    self.i = at
                    break
                f = f + more if op.text == "+" else f - more
        finally:
            self.ctx.bound.discard(bound)
        return sympy.Limit(f, var, point, dir=d)

    def extremum(self, t: Tok) -> Any:
        r"""``\max(0, x)``, ``\max\{a, b\}``, or ``\max_{x} f`` (a maximum over x: :class:`Maximum`)."""
        name = t.text
        nxt = self.peek()
        if nxt is not None and nxt.is_char("_"):
            self.take()
            toks = prepare(self.script_tokens(f"\\{name}'s subscript"))
            limits = self.extremum_range(toks, name)
            f = _arith(self.term(), f"after \\{name}")
            cls = {"max": Maximum, "min": Minimum, "sup": Supremum, "inf": Infimum, "argmax": ArgMaximum,
                   "argmin": ArgMinimum}[name]
            return cls(f, limits)
        if name in ("sup", "inf", "argmax", "argmin"):
            raise LatexParseError(f"\\{name} without the variable it is taken over (\\{name}_{{x}})")
        if nxt is not None and nxt.kind == "open" and nxt.text in ("(", "{", "["):
            opener = self.take()
            items, close = self.bracket_items(opener)
            want = {"(": ")", "{": "}", "[": "]"}[opener.text]
            if close.text != want:
                raise LatexParseError(f"\\{name}{self.src(opener)} closed by {self.src(close)}")
            args = [_arith(a, f"in \\{name}") for a in items]
            return (sympy.Max if name == "max" else sympy.Min)(*args)
        if nxt is not None and nxt.kind == "group":
            self.take()
            p = Parser(self.ctx, nxt.args[0] or ())
            if p.applied():
                args = p.arglist()
                if p.peek() is None:
                    return (sympy.Max if name == "max" else sympy.Min)(*[_arith(a, "in max") for a in args])
        raise LatexParseError(f"\\{name} without its arguments")

    def extremum_range(self, toks: list[Tok], name: str) -> tuple[Any, ...]:
        """``_x``, ``_{x \\in \\mathbb{R}}``, ``_{x \\in [a, b]}``, ``_{x \\ge 0}``: the limits of an extremum."""
        sides, ops = split_top(toks, self.tex)
        var = Parser(self.ctx, sides[0]).expression() if sides[0] else None
        if not isinstance(var, Symbol):
            raise LatexParseError(f"\\{name}_{{…}}: the subscript must be the variable (a maximum over a variable)")
        if not ops:
            return (var, -sympy.oo, sympy.oo)
        if len(ops) == 1 and ops[0] == "in":
            s = read_set(self.ctx, sides[1])
            if s == sympy.S.Reals:
                return (var, -sympy.oo, sympy.oo)
            if isinstance(s, sympy.Interval):
                if s.left_open or s.right_open:
                    if name in ("max", "min", "argmax", "argmin"):
                        raise LatexParseError(f"\\{name} over an open interval is not read (use \\sup or \\inf)")
                return (var, s.start, s.end)
        if len(ops) == 1 and ops[0] in ("<", "<=", ">", ">="):
            b = _arith(Parser(self.ctx, sides[1]).expression(), "as a bound")
            if ops[0] in (">", ">="):
                if ops[0] == ">" and name in ("max", "min", "argmax", "argmin"):
                    raise LatexParseError(f"\\{name} over an open interval is not read (use \\sup or \\inf)")
                return (var, b, sympy.oo)
            if ops[0] == "<" and name in ("max", "min", "argmax", "argmin"):
                raise LatexParseError(f"\\{name} over an open interval is not read (use \\sup or \\inf)")
            return (var, -sympy.oo, b)
        raise LatexParseError(f"\\{name}_{{…}}: the range of the variable is not read")

    def integral(self, t: Tok) -> Any:
        r"""``\int_a^b f(t)\,\mathrm{d}t`` (an Integral, unevaluated), ``\int f(x)\,dx``."""
        lo = hi = None
        for _ in range(2):
            nxt = self.peek()
            if nxt is not None and nxt.is_char("_") and lo is None:
                self.take()
                lo = _arith(self.sub(self.script_tokens("an integral's lower limit"), "a lower limit"), "as a limit")
            elif nxt is not None and nxt.is_char("^") and hi is None:
                self.take()
                hi = _arith(self.sub(self.script_tokens("an integral's upper limit"), "an upper limit"), "as a limit")
        if (lo is None) != (hi is None):
            raise LatexParseError("an integral with only one limit")
        # the differential: d<var> at this level
        j = self.i
        found = None
        while j < len(self.toks):
            a = self.toks[j]
            if _is_d(self.tex, a) and not a.is_cmd("partial") and j + 1 < len(self.toks):
                ds = None
                b = self.toks[j + 1]
                if _is_letter(b) or (b.kind == "cmd" and b.text in GREEK):
                    try:
                        name, k = _name_at(self.tex, self.toks, j + 1)
                        ds = (name, k)
                    except LatexParseError:
                        ds = None
                plain = a.is_char("d")
                if ds is not None and (not plain or a.gap or j == self.i or self._ends_operand(ds[1])):
                    found = (j, ds[0], ds[1])
                    break
            if a.kind == "char" and a.text in "=<>," or (a.kind == "cmd" and a.text in RELATIONS):
                break
            j += 1
        if found is None:
            raise LatexParseError("an integral without its differential (d t, \\mathrm{d}t)")
        j, var_name, after = found
        var = real_symbol(var_name)
        if j == self.i:  # \int dx f(x)
            self.i = after
            f = _arith(self.term(), "after \\int dx")
        else:
            inner = self.toks[self.i:j]
            self.i = after
            f = _arith(Parser(self.ctx, inner).expression_all(), "as an integrand")
        if lo is None:
            return sympy.Integral(f, var)
        return sympy.Integral(f, (var, lo, hi))

    def _ends_operand(self, k: int) -> bool:
        t = self.toks[k] if k < len(self.toks) else None
        return t is None or not self.starts_factor(t) or t.gap

    def expression_all(self) -> Any:
        v = self.expression()
        if self.peek() is not None:
            self.unexpected(self.peek())
        return v

    def sum_prod(self, t: Tok) -> Any:
        r"""``\sum_{k=0}^{n} a_k``-free sums: ``\sum_{k=1}^{n} \frac{1}{k^2}`` (an unevaluated Sum);
        indexed names (``x_i``) are not read."""
        nxt = self.peek()
        if nxt is None or not nxt.is_char("_"):
            raise LatexParseError(f"\\{t.text} without its index _{{k=a}}")
        self.take()
        toks = prepare(self.script_tokens(f"\\{t.text}'s index"))
        sides, ops = split_top(toks, self.tex)
        if ops != ["="]:
            raise LatexParseError(f"\\{t.text}_{{…}}: the index must be k = a")
        var = Parser(self.ctx, sides[0]).expression()
        if not isinstance(var, Symbol):
            raise LatexParseError(f"\\{t.text}'s index must be a name")
        lo = _arith(Parser(self.ctx, sides[1]).expression(), "as a bound")
        nxt = self.peek()
        if nxt is None or not nxt.is_char("^"):
            raise LatexParseError(f"\\{t.text} without its upper bound")
        self.take()
        hi = _arith(self.sub(self.script_tokens("an upper bound"), "an upper bound"), "as a bound")
        f = _arith(self.term(), f"after \\{t.text}")
        for s in getattr(f, "free_symbols", ()):
            if "_" in s.name and var.name in s.name.split("_", 1)[1]:
                raise LatexParseError(f"\\{t.text} of an indexed name ({s.name}): indexed names are not read")
        for fn in f.atoms(sympy.core.function.AppliedUndef) if isinstance(f, sympy.Basic) else ():
            if "_" in fn.func.__name__:
                raise LatexParseError(f"\\{t.text} of an indexed function: not read")
        cls = sympy.Sum if t.text == "sum" else sympy.Product
        return cls(f, (var, lo, hi))

    def partial(self, t: Tok) -> Any:
        r"""``\partial_x f``, ``\partial_{x_g} \text{SwiGLU}(x_g, x_v)``, ``\partial_x^2 f``,
        ``\partial_{x_g}\partial_{x_v} f``: the partial derivative of the term after it, as
        :math:`\frac{\partial}{\partial x} f` (a name of the document alone, ``\partial_x f``, is a
        function of x)."""
        self.take()  # the _
        toks = self.script_tokens("\\partial's variable")
        var = value(Parser(self.ctx, toks).expression_all())
        if not isinstance(var, Symbol):
            raise LatexParseError("\\partial's subscript must be a variable: \\partial_x f")
        n = 1
        if (p := self.peek()) is not None and p.is_char("^"):
            self.take()
            power = "".join(a.text for a in self.script_tokens("\\partial's power"))
            if not power.isdigit() or int(power) < 1:
                raise LatexParseError("\\partial to a power that is not a whole number: \\partial_x^2 f")
            n = int(power)
        f = value(self.term())
        if isinstance(f, Symbol) and f.name not in _ALWAYS_VARIABLES and f != var:
            f = sympy.Function(f.name)(var)  # \partial_x f, f a name of the document: a function of x
        f = _arith(f, "after \\partial")
        return _diff(f, var, self.differentiations(_order(n)))

    def nabla(self, t: Tok) -> Any:
        second = False
        nxt = self.peek()
        if nxt is not None and nxt.is_char("^"):
            self.take()
            e = self.script_tokens("\\nabla's power")
            if not (len(e) == 1 and e[0].is_char("2")):
                raise LatexParseError("\\nabla to a power other than 2")
            second = True
        nxt = self.peek()
        unit = None
        if nxt is not None and nxt.kind == "cmd":
            if nxt.text in TEXT_MACROS:
                unit = find(word_of(self.tex, nxt))
            elif nxt.text not in FUNCTIONS and nxt.text not in GREEK:
                unit = find(nxt.text)
            elif nxt.text in ATOMIC and nxt.text in ("sigma", "Phi"):
                unit = find("sigmoid" if nxt.text == "sigma" else "normal_cdf")
        if unit is None:
            raise LatexParseError("\\nabla is read only before a catalogue name")
        self.take()
        sub = None
        if self.at_char("_"):
            self.take()
            toks = self.script_tokens("a subscript")
            sub = self.unit_subscript(unit, toks, None if not toks else _safe_label(self.tex, toks))
        args = self.call_args(unit.name) if self.applied() else None
        self.ctx.units.append(unit)
        return self.unit_value(unit, sub, 0, args, "nabla2" if second else "nabla")

    # -- environments --------------------------------------------------------------------------

    def environment(self, t: Tok) -> Any:
        name = t.text
        rows = env_rows(t)
        if name in ("cases", "dcases", "rcases"):
            args = []
            for cells in rows:
                if len(cells) != 2:
                    raise LatexParseError("a cases row needs 'value & condition'")
                val, cond = cells
                while val and val[-1].is_char(",", ";", "."):
                    val = val[:-1]
                v = _arith(self.sub(val, "a case's value"), "as a case's value")
                args.append((v, condition(self.ctx, cond)))
            if not args:
                raise LatexParseError("an empty cases environment")
            return sympy.Piecewise(*args)
        if name in ("pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix", "smallmatrix"):
            cells = [[_arith(self.sub(c, "a matrix entry"), "as a matrix entry") for c in r] for r in rows]
            if not cells or len({len(r) for r in cells}) != 1:
                raise LatexParseError("a matrix whose rows differ in length")
            m = sympy.Matrix(cells)
            return m.det() if name == "vmatrix" else sympy.ImmutableMatrix(m)
        if name in ALIGNMENTS:
            if self.ctx.rows is None:
                raise LatexParseError(f"the environment {name!r} is read only as a formula's rows")
            return sympy.Tuple(*self.ctx.rows(self.ctx, t))
        raise LatexParseError(f"the environment {name!r} is not read")


ALIGNMENTS = frozenset({"aligned", "align", "align*", "gathered", "gather", "gather*", "split", "array",
                        "eqnarray", "eqnarray*", "multline", "multline*", "alignat", "alignat*", "alignedat", "flalign",
                        "flalign*"})


def _safe_label(tex: str, toks: list[Tok]) -> str | None:
    try:
        return label(tex, toks)
    except LatexParseError:
        return None


def env_rows(t: Tok) -> list[list[list[Tok]]]:
    """An environment's body as rows of cells (``\\\\`` between rows, ``&`` between cells);
    empty rows dropped."""
    rows: list[list[list[Tok]]] = [[[]]]
    for a in t.args[0] or ():
        if a.is_cmd("\\") or a.is_cmd("cr"):
            rows.append([[]])
        elif a.is_char("&"):
            rows[-1].append([])
        elif a.is_cmd("hline", "midrule", "toprule", "bottomrule"):
            continue
        else:
            rows[-1][-1].append(a)
    return [r for r in rows if any(c for c in r)]


def _order(n: int, what: str = "a derivative") -> int:
    """A derivative's order, refused beyond :data:`MAX_DERIVATIVE_ORDER`."""
    if n > MAX_DERIVATIVE_ORDER:
        raise LatexParseError(f"{what} of order {n}: beyond glusym's limit of {MAX_DERIVATIVE_ORDER}")
    return n


def _digits_of_power(base: Any, exp: Any) -> float:
    """The decimal digits of base^exp for numbers, estimated (0 for anything symbolic)."""
    import math

    if not (isinstance(base, sympy.Basic) and isinstance(exp, sympy.Basic) and base.is_number and exp.is_number):
        return 0.0
    if not (exp.is_Rational and base.is_Rational) or base == 0:
        return 0.0
    b = abs(base)
    size = math.log10(b.p) - math.log10(b.q) if b.p < 10**300 and b.q < 10**300 else float(len(str(b.p)) - len(str(b.q)))
    return abs(float(exp)) * abs(size) if abs(exp) < 10**300 else float("inf")


def _power(base: Any, exp: Any) -> Any:
    n = _digits_of_power(base, exp)
    if n > MAX_VALUE_DIGITS:
        raise LatexParseError(f"a power of about {n:.3g} digits: more than the {MAX_VALUE_DIGITS:,} a formula's "
                              "number may have")
    return sympy.Pow(base, exp)


def _factorial(n: Any) -> Any:
    import math

    if isinstance(n, sympy.Basic) and n.is_Integer and n > 3000:
        digits = float(n) * math.log10(float(n) / math.e) if n < 10**300 else float("inf")
        raise LatexParseError(f"({n})!: a number of about {digits:.3g} digits, more than the {MAX_VALUE_DIGITS:,} "
                              "a formula's number may have")
    return sympy.factorial(n)


def _binomial(n: Any, k: Any) -> Any:
    import math

    if isinstance(n, sympy.Basic) and isinstance(k, sympy.Basic) and n.is_Integer and k.is_Integer and n > 3000:
        m = min(int(k), int(n - k)) if 0 <= k <= n else 0
        digits = m * math.log10(float(n)) if n < 10**300 else float("inf")
        if digits > MAX_VALUE_DIGITS:
            raise LatexParseError(f"a binomial of about {digits:.3g} digits: more than the {MAX_VALUE_DIGITS:,} "
                                  "a formula's number may have")
    return sympy.binomial(n, k)


def _diff(e: Any, v: Symbol, n: int) -> Any:
    """The n-th derivative one order at a time, expanded whenever it grows: σ with 12 primes is a
    polynomial in σ of degree 13, which SymPy's product rule, left alone, writes in an expression
    that doubles with each order (10 primes took 22 s)."""
    if n <= 3:  # SymPy's own form, as the post's low derivatives are written
        return sympy.diff(e, v, n)
    for _ in range(n):
        e = sympy.diff(e, v)
        if sympy.count_ops(e) > 60:
            e = sympy.expand(e)
    return e


def _derived(f: Callable[..., Expr], args: list[Any], primes: int) -> Expr:
    args = [_arith(a, "as an argument") for a in args]
    if f is sympy.log and len(args) != 1:
        raise LatexParseError("log of several arguments")
    try:
        out = f(*args)
    except TypeError as exc:
        raise LatexParseError(f"{getattr(f, '__name__', f)} of {len(args)} argument(s): {exc}") from None
    if primes:
        if len(args) != 1:
            raise LatexParseError("a prime on a function of several arguments")
        s = Symbol("_t", real=True)
        out = _diff(f(s), s, primes).xreplace({s: args[0]})
    return out


# ---------------------------------------------------------------------------------------------
# conditions and sets


_AND = ("wedge", "land")
_OR = ("vee", "lor")
_TRUE_WORDS = {"otherwise", "else", "sonst", "elsewhere", "forall", "always"}


def condition(ctx: Context, toks: Iterable[Tok]) -> Any:
    r"""A condition: ``x > 0``, ``\text{if } x \le 0``, ``0 < x \le 1``, ``x \in [a, b]``,
    ``x > 0 \text{ and } y > 0``, ``\text{otherwise}``: a SymPy Boolean."""
    toks = prepare(toks)
    tex = ctx.tex
    # math inside \text{…}: \text{if $x > 0$}
    flat: list[Tok] = []
    for t in toks:
        if t.kind == "cmd" and t.text in TEXT_MACROS and t.args and t.args[0] and any(a.kind == "math" for a in t.args[0]):
            for a in t.args[0]:
                if a.kind == "math":
                    flat.extend(prepare(a.args[0] or ()))
                elif a.kind == "char" and a.text.isalpha():
                    flat.append(Tok("cmd", "text", a.pos, a.end))
            continue
        flat.append(t)
    toks = _drop_words(tex, flat)
    if not toks:
        return sympy.true
    if len(toks) == 1 and toks[0].kind == "cmd" and toks[0].text in TEXT_MACROS \
            and word_of(tex, toks[0]).strip(" .,").lower() in _TRUE_WORDS:
        return sympy.true
    # and / or, at the top level
    for words, cmds, f in ((("and",), _AND, sympy.And), (("or",), _OR, sympy.Or)):
        parts: list[list[Tok]] = [[]]
        depth = 0
        for t in toks:
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
            is_sep = depth == 0 and (t.is_cmd(*cmds) or (t.kind == "cmd" and t.text in TEXT_MACROS
                                                          and word_of(tex, t).strip(" ,").lower() in words)
                                     or (f is sympy.And and t.is_char(",")))
            if is_sep:
                parts.append([])
            else:
                parts[-1].append(t)
        if len(parts) > 1:
            if any(not p for p in parts):
                raise LatexParseError("an 'and' or 'or' without both of its conditions")
            return f(*[condition(ctx, p) for p in parts])
    sides, ops = split_top(toks, tex)
    if not ops:
        raise LatexParseError(f"a condition needs a relation: {tex[toks[0].pos:toks[-1].end]!r}")
    rels = []
    values = []
    for i, side in enumerate(sides):
        if i > 0 and ops[i - 1] in ("in", "notin"):
            values.append(read_set(ctx, side))
        else:
            if not side:
                raise LatexParseError("a relation without one of its sides")
            p = Parser(ctx, side)
            values.append(_arith(p.expression_all(), "in a condition"))
    for i, op in enumerate(ops):
        rels.append(relation(values[i], op, values[i + 1], evaluate=True, as_condition=True))
    return sympy.And(*rels) if len(rels) > 1 else rels[0]


def _drop_words(tex: str, toks: list[Tok]) -> list[Tok]:
    """Leading words of a condition (if, for, when, for all) and trailing punctuation."""
    out = list(toks)
    while out and out[0].kind == "cmd" and out[0].text in TEXT_MACROS:
        w = word_of(tex, out[0]).strip(" ,").lower()
        if w in ("if", "for", "when", "whenever", "where", "for all", "on", "with", "provided", "given",
                 "if and only if", "iff", "for every", "for any", "wherever", ""):
            out = out[1:]
            continue
        break
    while out and out[0].is_cmd("forall"):
        out = out[1:]
    while out and out[-1].is_char(",", ".", ";"):
        out = out[:-1]
    return out


def relation(a: Any, op: str, b: Any, evaluate: bool = False, as_condition: bool = False) -> Any:
    """The SymPy relation ``a op b``; ``\\approx`` and ``\\sim`` read as Eq (parse_chain keeps the
    operator), membership as Contains (as a condition: the inequalities it means)."""
    if op in ("in", "notin"):
        if not isinstance(b, sympy.Set):
            raise LatexParseError("\\in a value that is not a set")
        if as_condition:
            if isinstance(b, (sympy.ProductSet,)) or type(b).__name__ == "SetPower":
                raise LatexParseError("\\in a product of sets as a condition is not read")
            c = b.as_relational(a)
            return sympy.Not(c) if op == "notin" else c
        c = sympy.Contains(a, b, evaluate=False)
        return sympy.Not(c, evaluate=False) if op == "notin" else c
    if isinstance(a, sympy.Set) or isinstance(b, sympy.Set):
        raise LatexParseError("a set compared with a value")
    if isinstance(a, (sympy.Lambda,)) or isinstance(b, (sympy.Lambda,)):
        if as_condition:
            raise LatexParseError("a function name without its argument in a condition")
    if op in ("=", ":=", "~=", "~"):
        if as_condition and op != "=":
            raise LatexParseError("an approximation as a condition is not read")
        return sympy.Eq(a, b, evaluate=evaluate)
    if op == "!=":
        return sympy.Ne(a, b, evaluate=evaluate)
    if op == "->":
        raise LatexParseError("\\to outside a limit is read only with 'as x \\to a'")
    cls = {"<": sympy.StrictLessThan, ">": sympy.StrictGreaterThan, "<=": sympy.LessThan,
           ">=": sympy.GreaterThan}[op]
    try:
        return cls(a, b, evaluate=evaluate)
    except TypeError as exc:
        raise LatexParseError(f"an inequality between values that are not real numbers ({exc})") from None


def read_set(ctx: Context, toks: Iterable[Tok]) -> sympy.Set:
    r"""A set after ``\in``: ``[a, b]``, ``(0, 1)``, ``[0, \infty)``, ``\mathbb{R}``,
    ``\mathbb{R}_{>0}``, ``\{a, b\}``, ``S^{n}`` (a ProductSet, or :class:`SetPower`)."""
    toks = prepare(toks)
    tex = ctx.tex
    if not toks:
        raise LatexParseError("\\in without its set")
    power = None
    if len(toks) >= 2 and toks[-2].is_char("^"):
        p = Parser(ctx, [toks[-1]]).expression_all()
        power = _arith(p, "as a power of a set")
        toks = toks[:-2]
    s = _base_set(ctx, toks)
    if power is not None:
        if power.is_Integer and power > 0:
            return sympy.ProductSet(*([s] * int(power)))
        if isinstance(power, Symbol):
            from .terms import SetPower

            return SetPower(s, power)
        raise LatexParseError("a set to a power that is not a positive integer or a name")
    return s


def _base_set(ctx: Context, toks: list[Tok]) -> sympy.Set:
    tex = ctx.tex
    first, last = toks[0], toks[-1]
    if first.is_cmd("mathbb"):
        w = "".join(c.text for c in first.args[0] or () if c.kind == "char")
        base = {"R": sympy.S.Reals, "N": sympy.S.Naturals0 if False else sympy.S.Naturals, "Z": sympy.S.Integers,
                "Q": sympy.S.Rationals}.get(w)
        if base is None:
            raise LatexParseError(f"\\mathbb{{{w}}} is not read")
        if len(toks) == 1:
            return base
        if w == "R" and len(toks) == 3 and toks[1].is_char("_"):
            sub = tex[toks[2].pos:toks[2].end].strip("{} ").replace(" ", "")
            table = {"+": sympy.Interval(0, sympy.oo), "\\geq0": sympy.Interval(0, sympy.oo),
                     "\\ge0": sympy.Interval(0, sympy.oo), ">0": sympy.Interval.open(0, sympy.oo),
                     "\\geqslant0": sympy.Interval(0, sympy.oo), "-": sympy.Interval(-sympy.oo, 0),
                     "<0": sympy.Interval.open(-sympy.oo, 0), "\\leq0": sympy.Interval(-sympy.oo, 0),
                     "\\le0": sympy.Interval(-sympy.oo, 0)}
            if sub in table:
                return table[sub]
        raise LatexParseError(f"the set {tex[first.pos:last.end]} is not read")
    if first.kind == "open" and last.kind == "close" and first.text in "([" and last.text in ")]":
        # an interval: one comma at depth 1
        depth = 0
        commas = []
        for i, t in enumerate(toks):
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0 and i != len(toks) - 1:
                    break
            elif depth == 1 and t.is_char(","):
                commas.append(i)
        else:
            if len(commas) != 1:
                raise LatexParseError("an interval needs two end points")
            a = _arith(Parser(ctx, toks[1:commas[0]]).expression_all(), "as an end point")
            b = _arith(Parser(ctx, toks[commas[0] + 1:-1]).expression_all(), "as an end point")
            for e in (a, b):
                if not (isinstance(e, sympy.Basic) and (e.is_real or e in (sympy.oo, -sympy.oo)
                                                        or e.free_symbols)):
                    raise LatexParseError("an interval's end points must be real")
            if (first.text == "[" and a == -sympy.oo) or (last.text == "]" and b == sympy.oo):
                raise LatexParseError("an interval closed at infinity")
            return sympy.Interval(a, b, left_open=first.text == "(", right_open=last.text == ")")
    if first.kind == "open" and first.text == "{" and last.kind == "close" and last.text == "}":
        p = Parser(ctx, toks[1:-1])
        items = []
        while True:
            items.append(_arith(p.expression(), "in a set"))
            if p.at_char(","):
                p.take()
                continue
            if p.peek() is None:
                break
            raise LatexParseError("a set written by a condition ({x | …}) is not read")
        return sympy.FiniteSet(*items)
    raise LatexParseError(f"the set {tex[first.pos:last.end]} is not read")

r"""The walk: a formula's LaTeX into a tree of tokens, by pylatexenc's ``LatexWalker``.

pylatexenc finds the structure TeX gives a formula — braced groups, the arguments of the
macros we declare (``\frac{a}{b}``, ``\sqrt[n]{x}``, ``\text{…}``), environments with their
bodies, comments — and reports unbalanced braces and environments. Everything inside a run of
characters (``x^2+1``) is split here into one token per character; the expression parser
(:mod:`glusym.parsing.grammar`) gives the tokens their meaning.

A :class:`Tok` is one of

``char``
    one character of math: a letter, a digit, an operator, a bracket, ``^``, ``_``, ``'``;
``cmd``
    a macro, ``\name`` with its parsed arguments (``args``: one tuple of tokens per argument
    declared in :data:`_MACROS`, ``None`` for an optional argument not given);
``group``
    a braced group ``{…}``, its tokens in ``args[0]``;
``env``
    an environment ``\begin{name}…\end{name}``, its body in ``args[0]``;
``math``
    inline math ``$…$`` inside ``\text{…}``, its tokens in ``args[0]``.

Every token knows its span in the source (``pos``, ``end``) and whether white space or a
spacing command came before it (``gap``). Spacing commands (``\,`` ``\;`` ``\quad`` …) and
sizing commands (``\displaystyle``, ``\limits``) become no tokens of their own, except
``\quad`` and ``\qquad``, which a domain note may follow (:mod:`glusym.parsing.chain`).

>>> [t.text for t in walk(r"\frac{1}{2} x^2")]
['frac', 'x', '^', '2']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .errors import LatexParseError

__all__ = ["Tok", "walk", "text_of"]


@dataclass(frozen=True)
class Tok:
    """One token of a formula (see the module's docstring)."""

    kind: str
    text: str
    pos: int
    end: int
    args: tuple[tuple["Tok", ...] | None, ...] = ()
    gap: bool = False
    star: bool = False

    def is_char(self, *chars: str) -> bool:
        return self.kind == "char" and self.text in chars

    def is_cmd(self, *names: str) -> bool:
        return self.kind == "cmd" and self.text in names

    def __repr__(self) -> str:  # short, for messages and debugging
        if self.kind == "char":
            return repr(self.text)
        return f"<{self.kind} {self.text}>"


#: The macros whose arguments pylatexenc reads (any other macro takes no argument here; the
#: parser reads what follows it).
_MACROS: dict[str, str] = {
    "frac": "{{", "dfrac": "{{", "tfrac": "{{", "cfrac": "{{", "binom": "{{", "dbinom": "{{", "tbinom": "{{",
    "sqrt": "[{",
    "text": "{", "textrm": "{", "textnormal": "{", "textit": "{", "textbf": "{", "textsf": "{", "texttt": "{",
    "mathrm": "{", "mathit": "{", "mathbf": "{", "mathsf": "{", "mathtt": "{", "mathbb": "{", "mathcal": "{",
    "mathscr": "{", "mathfrak": "{", "mathnormal": "{", "boldsymbol": "{", "bm": "{", "vec": "{",
    "operatorname": "*{", "mbox": "{", "hbox": "{",
    "hat": "{", "bar": "{", "tilde": "{", "dot": "{", "ddot": "{", "overline": "{", "underline": "{",
    "widehat": "{", "widetilde": "{",
    "overbrace": "{", "underbrace": "{", "overbracket": "{", "underbracket": "{",
    "overset": "{{", "underset": "{{", "stackrel": "{{",
    "boxed": "{", "cancel": "{", "bcancel": "{", "xcancel": "{", "phantom": "{",
    "hspace": "*{", "mspace": "{", "color": "{", "textcolor": "{{", "colorbox": "{{",
    "\\": "*[", "label": "{", "tag": "*{", "notag": "", "nonumber": "",
}

#: Environments whose ``\begin`` takes an argument (``\begin{array}{cc}``).
_ENV_ARGS: dict[str, str] = {"array": "{", "subarray": "{", "alignat": "{", "alignat*": "{", "aligned": "[",
                             "alignedat": "{", "gathered": "["}

#: Spacing, sizing and style commands: no token, only a gap before the next one.
SPACING = frozenset({",", ";", ":", "!", ">", " ", "thinspace", "medspace", "thickspace", "enspace",
                     "negthinspace", "negmedspace", "negthickspace", "displaystyle", "textstyle",
                     "scriptstyle", "scriptscriptstyle", "limits", "nolimits", "hspace", "mspace",
                     "phantom", "label", "tag", "notag", "nonumber", "strut", "relax", "allowbreak",
                     "nobreak", "mathstrut", "color"})
#: Wide spaces, after which a domain note may follow: kept as tokens.
WIDE_SPACES = frozenset({"quad", "qquad"})


#: Unicode characters that stand for a command or a character of TeX.
UNICODE: dict[str, tuple[str, str]] = {
    "−": ("char", "-"), "–": ("char", "-"), "′": ("char", "'"), "″": ("char", "'"),
    "·": ("cmd", "cdot"), "⋅": ("cmd", "cdot"), "×": ("cmd", "times"), "÷": ("cmd", "div"),
    "≤": ("cmd", "le"), "≥": ("cmd", "ge"), "≠": ("cmd", "ne"), "≈": ("cmd", "approx"), "∼": ("cmd", "sim"),
    "≡": ("cmd", "equiv"), "∈": ("cmd", "in"), "∉": ("cmd", "notin"), "→": ("cmd", "to"), "∞": ("cmd", "infty"),
    "∂": ("cmd", "partial"), "∇": ("cmd", "nabla"), "∫": ("cmd", "int"), "∑": ("cmd", "sum"), "√": ("cmd", "surd"),
    "π": ("cmd", "pi"), "σ": ("cmd", "sigma"), "Φ": ("cmd", "Phi"), "φ": ("cmd", "phi"), "ϕ": ("cmd", "phi"),
    "α": ("cmd", "alpha"), "β": ("cmd", "beta"), "γ": ("cmd", "gamma"), "δ": ("cmd", "delta"),
    "ε": ("cmd", "epsilon"), "θ": ("cmd", "theta"), "λ": ("cmd", "lambda"), "μ": ("cmd", "mu"),
    "τ": ("cmd", "tau"), "ω": ("cmd", "omega"), "ρ": ("cmd", "rho"), "η": ("cmd", "eta"), "κ": ("cmd", "kappa"),
    "ξ": ("cmd", "xi"), "ζ": ("cmd", "zeta"), "χ": ("cmd", "chi"), "ψ": ("cmd", "psi"), "ν": ("cmd", "nu"),
    "Γ": ("cmd", "Gamma"), "Δ": ("cmd", "Delta"), "Θ": ("cmd", "Theta"), "Λ": ("cmd", "Lambda"),
    "Σ": ("cmd", "Sigma"), "Ω": ("cmd", "Omega"), "Ψ": ("cmd", "Psi"),
}


@functools.lru_cache(maxsize=1)
def _context() -> Any:
    from pylatexenc.macrospec import EnvironmentSpec, LatexContextDb, MacroSpec, SpecialsSpec

    db = LatexContextDb()
    db.add_context_category(
        "glusym",
        macros=[MacroSpec(name, spec) for name, spec in _MACROS.items()],
        environments=[EnvironmentSpec(name, spec) for name, spec in _ENV_ARGS.items()],
        specials=[SpecialsSpec("&")],
    )
    db.set_unknown_macro_spec(MacroSpec("", ""))
    db.set_unknown_environment_spec(EnvironmentSpec("", ""))
    return db


def _message(exc: Exception) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "expecting '}'" in first or "was expecting '}'" in first:
        return "a { without its }"
    if "mismatching closing brace" in first:
        return "a } without its {"
    if "closing environment" in first or "environment" in first.lower():
        return f"unbalanced \\begin … \\end ({first})"
    return f"the LaTeX is not well formed ({first})"


@functools.lru_cache(maxsize=2048)
def walk(tex: str) -> tuple[Tok, ...]:
    """The tokens of a formula (the top level; groups, arguments and bodies nested).

    Raises :class:`LatexParseError` for LaTeX that is not well formed (an unbalanced brace or
    environment)."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    walker = LatexWalker(tex, latex_context=_context(), tolerant_parsing=False)
    try:
        nodes, _, _ = walker.get_latex_nodes(parsing_state=walker.make_parsing_state(in_math_mode=True))
    except LatexWalkerError as exc:
        raise LatexParseError(_message(exc)) from None
    except (IndexError, ValueError, TypeError, AttributeError) as exc:  # pylatexenc on odd input
        raise LatexParseError(f"the LaTeX is not well formed ({type(exc).__name__})") from None
    return tuple(_tokens(nodes, tex))


def _tokens(nodes: Any, tex: str) -> list[Tok]:
    out: list[Tok] = []
    gap = False
    for node in nodes or ():
        if node is None:
            continue
        kind = type(node).__name__
        pos, end = node.pos, node.pos + node.len
        if kind == "LatexCharsNode":
            for i, c in enumerate(node.chars):
                if c.isspace():
                    gap = True
                    continue
                if c == "~":  # a non-breaking space
                    gap = True
                    continue
                if c in UNICODE:  # σ, ≤, −, · … typed as characters: the command they stand for
                    kind, text = UNICODE[c]
                    out.append(Tok(kind, text, pos + i, pos + i + 1, gap=gap))
                    gap = False
                    continue
                out.append(Tok("char", c, pos + i, pos + i + 1, gap=gap))
                gap = False
        elif kind == "LatexCommentNode":
            gap = True
        elif kind == "LatexGroupNode":
            out.append(Tok("group", "{", pos, end, (tuple(_tokens(node.nodelist, tex)),), gap=gap))
            gap = False
        elif kind == "LatexSpecialsNode":
            out.append(Tok("char", node.specials_chars, pos, end, gap=gap))
            gap = False
        elif kind == "LatexMacroNode":
            name = node.macroname
            if name in SPACING:
                gap = True
                continue
            args: list[tuple[Tok, ...] | None] = []
            star = False
            spec = _MACROS.get(name, "")
            argd = getattr(node, "nodeargd", None)
            for s, a in zip(spec, getattr(argd, "argnlist", None) or ()):
                if s == "*":
                    star = a is not None
                    continue
                args.append(None if a is None else _arg_tokens(a, tex))
            out.append(Tok("cmd", name, pos, end, tuple(args), gap=gap, star=star))
            gap = name in WIDE_SPACES
        elif kind == "LatexEnvironmentNode":
            out.append(Tok("env", node.environmentname, pos, end, (tuple(_tokens(node.nodelist, tex)),), gap=gap))
            gap = False
        elif kind == "LatexMathNode":
            out.append(Tok("math", "$", pos, end, (tuple(_tokens(node.nodelist, tex)),), gap=gap))
            gap = False
        else:  # pragma: no cover - pylatexenc has no other node in math mode
            raise LatexParseError(f"unexpected LaTeX at position {pos}")
    return out


def _arg_tokens(a: Any, tex: str) -> tuple[Tok, ...]:
    """A macro's argument: a group's tokens, or the one token given without braces."""
    if type(a).__name__ == "LatexGroupNode" and a.delimiters and a.delimiters[0] in ("{", "["):
        return tuple(_tokens(a.nodelist, tex))
    return tuple(_tokens([a], tex))


def text_of(tex: str, tokens: tuple[Tok, ...] | None) -> str:
    """The source text a tuple of tokens spans."""
    if not tokens:
        return ""
    return tex[tokens[0].pos:tokens[-1].end]

"""Extraction: the formulas of a Markdown post, with their lines, read as a renderer reads the post."""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from pathlib import PurePath
from typing import Any, NamedTuple


def _kramdown_inline(state: Any, silent: bool) -> bool:
    r"""kramdown's inline math ``\\(…\\)``: in the Markdown source, two backslashes and a paren."""
    src, pos = state.src, state.pos
    if not src.startswith("\\\\(", pos):
        return False
    end = src.find("\\\\)", pos + 3)
    if end < 0:
        return False
    if not silent:
        tok = state.push("math_inline_kramdown", "math", 0)
        tok.content = src[pos + 3:end]
        tok.markup = "\\\\("
        tok.meta = {"offset": src.count("\n", 0, pos)}
    state.pos = end + 3
    return True


def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(dollarmath_plugin, double_inline=True)
    md.inline.ruler.before("escape", "math_inline_kramdown", _kramdown_inline)
    return md


class MathSpan(NamedTuple):
    """A formula of a Markdown text: its line (1-based), TeX, whether it is a display, the index
    of its paragraph, and the prose between it and the formula before it in that paragraph
    (``"With "`` before ``$\\beta = 0$``)."""

    line: int
    latex: str
    display: bool
    paragraph: int
    lead: str


def extract_formulas(text: str) -> list[tuple[int, str, bool]]:
    r"""Every formula of a Markdown text: ``(line, latex, display)``, line 1-based.

    >>> extract_formulas("---\ntitle: t\n---\nSee \\\\(x^2\\\\) and\n\n$$a = b$$\n\n```\n$$c$$\n```\n")
    [(4, 'x^2', False), (6, 'a = b', True)]
    """
    return [(m.line, m.latex, m.display) for m in math_spans(text)]


def math_spans(text: str) -> list[MathSpan]:
    r"""The formulas of a Markdown text with their paragraphs and the prose before each.

    >>> [(m.latex, m.paragraph, m.lead) for m in math_spans("With $b = 0$ it is $f = 1$.\n\nThen $g$.")]
    [('b = 0', 0, 'With '), ('f = 1', 0, ' it is '), ('g', 1, 'Then ')]
    """
    tokens = _markdown().parse(text)
    out: list[MathSpan] = []
    paragraph = -1
    in_mermaid = False
    for tok in tokens:
        if tok.type == "html_block":
            low = tok.content.lower()
            if re.search(r"<div[^>]*class=[\"'][^\"']*mermaid", low) and "</div>" not in low:
                in_mermaid = True
            elif in_mermaid and "</div>" in low:
                in_mermaid = False
            continue
        if in_mermaid:
            continue
        if tok.type in ("math_block", "math_block_label"):
            paragraph += 1
            out.append(MathSpan(tok.map[0] + 1, tok.content.strip(), True, paragraph, ""))
        elif tok.type == "inline" and tok.children:
            paragraph += 1
            base = tok.map[0] + 1 if tok.map else 0
            cursor = 0
            lead = ""
            for child in tok.children:
                if child.type == "text":
                    lead += child.content
                if child.type == "math_inline_kramdown":
                    out.append(MathSpan(base + child.meta["offset"], child.content.strip(), False, paragraph, lead))
                    lead = ""
                    cursor = max(cursor, tok.content.find(child.content, cursor))
                elif child.type in ("math_inline", "math_inline_double"):
                    at = tok.content.find(child.content, cursor)
                    offset = tok.content.count("\n", 0, at) if at >= 0 else 0
                    cursor = at + 1 if at >= 0 else cursor
                    out.append(MathSpan(base + offset, child.content.strip(), child.type == "math_inline_double",
                                        paragraph, lead))
                    lead = ""
    return out


# ---------------------------------------------------------------------------------------------
# plain text: TeX spans found by their syntax, or between explicit delimiters

#: The suffixes read as Markdown; every other file is plain text.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


def is_markdown(path: str | PurePath) -> bool:
    """Whether ``check`` reads the file as Markdown: by its suffix, ``.md``, ``.markdown`` or ``.mdx``.

    >>> is_markdown("post.MD"), is_markdown("thread.txt"), is_markdown("notes")
    (True, False, False)
    """
    return PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES


#: Environments that are display formulas by themselves in a plain text (LaTeX source pasted as
#: text); those of several rows are kept whole, for the checker to split into rows.
_DISPLAY_ENVIRONMENTS = ("equation", "equation*", "displaymath", "math", "align", "align*", "gather", "gather*",
                         "multline", "multline*", "eqnarray", "eqnarray*")
_ROW_ENVIRONMENTS = ("align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _escaped(text: str, i: int) -> bool:
    """Whether the character at ``i`` is escaped by an odd number of backslashes before it."""
    k = i
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (i - k) % 2 == 1


class _Closings:
    """Where each closing delimiter stands in a text, unescaped, and where its blank lines are."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
        self.at: dict[str, list[int]] = {}

    def find(self, start: int, close: str) -> int | None:
        """The first unescaped ``close`` at or after ``start``, not past a blank line."""
        if close not in self.at:
            self.at[close] = [m.start() for m in re.finditer("(?=" + re.escape(close) + ")", self.text)
                              if not _escaped(self.text, m.start())]
        k = bisect_left(self.blanks, start)
        limit = self.blanks[k] if k < len(self.blanks) else len(self.text)
        where = self.at[close]
        j = bisect_left(where, start)
        return where[j] if j < len(where) and where[j] < limit else None


def _delimited(text: str) -> list[tuple[int, int, str, bool]]:
    r"""The explicitly delimited formulas of a plain text: ``(start, end, latex, display)`` for
    ``$$…$$``, ``\[…\]``, ``\(…\)``, ``$…$`` (pandoc's rule: no space inside the dollars, no digit
    right after the closing one, so ``$5 and $10`` is not math) and the display environments
    (``\begin{equation}…``); none of them runs past a blank line."""
    out: list[tuple[int, int, str, bool]] = []
    closings = _Closings(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            nxt = text[i + 1:i + 2]
            if nxt in ("[", "("):
                close = "\\]" if nxt == "[" else "\\)"
                j = closings.find(i + 2, close)
                if j is not None and text[i + 2:j].strip():
                    out.append((i, j + 2, text[i + 2:j].strip(), nxt == "["))
                    i = j + 2
                    continue
            elif text.startswith("\\begin{", i):
                m = re.match(r"\\begin\{([A-Za-z]+\*?)\}", text[i:i + 40])
                if m and m.group(1) in _DISPLAY_ENVIRONMENTS:
                    end_tag = "\\end{" + m.group(1) + "}"
                    j = closings.find(i + m.end(), end_tag)
                    if j is not None:
                        inner = text[i + m.end():j].strip()
                        whole = text[i:j + len(end_tag)] if m.group(1) in _ROW_ENVIRONMENTS else inner
                        if inner:
                            out.append((i, j + len(end_tag), whole.strip(), True))
                        i = j + len(end_tag)
                        continue
            i += 2  # an escaped character (\$, \\) or the first letter of a command
            continue
        if c == "$":
            if text.startswith("$$", i):
                j = closings.find(i + 2, "$$")
                if j is not None and text[i + 2:j].strip():
                    out.append((i, j + 2, text[i + 2:j].strip(), True))
                    i = j + 2
                    continue
                i += 2
                continue
            j = closings.find(i + 1, "$") if i + 1 < n and not text[i + 1].isspace() else None
            if j is not None and j > i + 1 and not text[j - 1].isspace() and not text[j + 1:j + 2].isdigit():
                out.append((i, j + 1, text[i + 1:j].strip(), False))  # inline math holds no "$"
                i = j + 1
                continue
        i += 1
    return out


# A line of plain text as tokens: TeX's (commands, braces, scripts) and the text's.
_TOKEN = re.compile(r"""
    (?P<cmd>\\(?:[A-Za-z]+|[^A-Za-z\n]))
  | (?P<open>\{) | (?P<close>\})
  | (?P<script>[_^])
  | (?P<abbr>(?<![A-Za-z])(?:i\.e|e\.g|w\.r\.t|viz|resp|etc|cf)\.)
  | (?P<word>[A-Za-z]+(?:'[A-Za-z]+)*)
  | (?P<num>[0-9]+)
  | (?P<space>[ \t]+)
  | (?P<uspace>[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]+)
  | (?P<other>.)
""", re.X | re.S)

_USPACE = re.compile(r"[ \t]*[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]+[ \t]*")

#: ASCII characters TeX math does not use outside a command: where they stand, the prose resumes.
_STOP_ASCII = frozenset('"`@#%$?')

#: Non-ASCII punctuation that a formula's rendered copy or a typed formula may hold (primes, the
#: middle dot, the ellipsis, the norm bars); every other one (quotes, dashes) ends a formula.
_MATH_PUNCTUATION = frozenset("′″‴·…‖")

#: Two-letter words that are prose, never a product of two variables.
_FUNCTION_WORDS = frozenset("is as in of to or at by on if an be we it so no do up vs".split())

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵε", "varepsilon": "εϵ", "zeta": "ζ",
    "eta": "η", "theta": "θϑ", "vartheta": "ϑθ", "iota": "ι", "kappa": "κϰ", "lambda": "λ", "mu": "μµ", "nu": "ν",
    "xi": "ξ", "pi": "πϖ", "varpi": "ϖπ", "rho": "ρϱ", "varrho": "ϱρ", "sigma": "σς", "varsigma": "ςσ", "tau": "τ",
    "upsilon": "υ", "phi": "ϕφ", "varphi": "φϕ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω\u2126",
}

_SYMBOLS = {
    "cdot": "⋅·", "times": "×", "pm": "±", "mp": "∓", "infty": "∞", "in": "∈", "notin": "∉", "ni": "∋",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "Leftrightarrow": "⇔", "leftrightarrow": "↔", "iff": "⟺⇔", "implies": "⟹⇒", "mapsto": "↦",
    "longrightarrow": "⟶", "longmapsto": "⟼", "approx": "≈", "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "leqslant": "⩽≤", "geqslant": "⩾≥", "equiv": "≡", "sim": "∼~", "simeq": "≃",
    "cong": "≅", "propto": "∝", "ll": "≪", "gg": "≫", "nabla": "∇", "partial": "∂", "otimes": "⊗", "odot": "⊙",
    "oplus": "⊕", "circ": "∘", "bullet": "∙•", "star": "⋆", "ast": "∗*", "sum": "∑", "prod": "∏", "int": "∫",
    "iint": "∬", "oint": "∮", "sqrt": "√", "ldots": "…", "cdots": "⋯", "dots": "…⋯", "vdots": "⋮", "ddots": "⋱",
    "prime": "′'", "ell": "ℓ", "emptyset": "∅", "varnothing": "∅", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "forall": "∀", "exists": "∃", "neg": "¬",
    "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨", "langle": "⟨", "rangle": "⟩", "lceil": "⌈",
    "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋", "lvert": "|∣", "rvert": "|∣", "vert": "|∣", "lVert": "‖",
    "rVert": "‖", "Vert": "‖", "mid": "∣|", "colon": ":", "triangleq": "≜", "coloneqq": "≔", "perp": "⊥",
    "parallel": "∥", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "top": "⊤", "bot": "⊥", "div": "÷", "dagger": "†",
}

#: Commands KaTeX prints as their own letters.
_FUNCTION_NAMES = frozenset(
    "sin cos tan sec csc cot sinh cosh tanh coth sech csch arcsin arccos arctan arsinh arcosh artanh exp log "
    "ln lg max min sup inf lim liminf limsup det dim ker arg deg gcd lcm Pr mod bmod pmod argmax argmin erf "
    "erfc".split())

#: Commands that print nothing of their own: fonts, fractions, accents, sizes, spaces.
_SILENT = frozenset(
    "text textrm textit textbf textsf texttt textnormal mathrm mathit mathbf mathsf mathtt mathcal mathbb "
    "mathfrak mathscr boldsymbol bm operatorname mathop mathbin mathrel mathord mathpunct mathinner "
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits frac dfrac tfrac cfrac binom dbinom "
    "tbinom overline underline widehat widetilde hat bar tilde vec dot ddot check breve acute grave overbrace "
    "underbrace overset underset stackrel left right middle big Big bigg Bigg bigl bigr bigm Bigl Bigr Bigm "
    "biggl biggr Biggl Biggr quad qquad enspace thinspace medspace thickspace negthinspace negmedspace "
    "negthickspace mathstrut strut substack displaylines cancel boxed".split())

#: Commands whose first argument prints nothing (an environment's name, a colour, a space).
_SKIP_ARGUMENT = frozenset("begin end hspace vspace color textcolor label tag phantom hphantom vphantom".split())

_KNOWN = frozenset(_GREEK) | frozenset(_SYMBOLS) | _FUNCTION_NAMES | _SILENT | _SKIP_ARGUMENT
_SYMBOL_COMMANDS = {",": "", ";": "", ":": "", "!": "", " ": "", ">": "", "{": "{", "}": "}", "|": "‖|",
                    "#": "#", "%": "%", "&": "&", "$": "$", "_": "_"}


@functools.lru_cache(maxsize=4096)
def _normal_char(c: str) -> str:
    """A character of a rendered copy as the matching reads it, one for one: spaces and
    invisible marks as a space, U+2212 as ``-``, ′ as ``'``, a letter as its plain letter (ℝ, 𝑥)."""
    if c.isascii():
        return " " if c in "\t" else c
    if c in "\u2212\u2013\u2010\u2011":
        return "-"
    if c in "′":
        return "'"
    if c in "∗":
        return "*"
    if c in "∣":
        return "|"
    cat = unicodedata.category(c)
    if cat in ("Zs", "Cf", "Mn", "Me"):
        return " "
    n = unicodedata.normalize("NFKD", c)
    return n if len(n) == 1 and n.isascii() and n.isalnum() else c


def _tokens(line: str) -> list[tuple[str, int, int]]:
    """The tokens of a line, with matched braces as one ``group`` unit at the top level; kinds:
    cmd, group, script, word, num, space, uspace, punct, uni (a non-ASCII character that may be
    mathematics) and stop (a character no formula holds)."""
    toks = [(m.lastgroup or "other", m.start(), m.end()) for m in _TOKEN.finditer(line)]
    stack: list[int] = []
    match: dict[int, int] = {}
    for k, (kind, _, _) in enumerate(toks):
        if kind == "open":
            stack.append(k)
        elif kind == "close" and stack:
            match[stack.pop()] = k
    units: list[tuple[str, int, int]] = []
    k = 0
    while k < len(toks):
        kind, a, b = toks[k]
        if kind == "open" and k in match:
            units.append(("group", a, toks[match[k]][2]))
            k = match[k] + 1
            continue
        if kind in ("open", "close"):
            kind = "punct"
        elif kind == "abbr":
            kind = "stop"  # i.e., e.g., w.r.t.: prose
        elif kind == "other" and line[a] == "." and (b == len(line) or line[b].isspace()):
            kind = "full"  # a full stop: the sentence, and any formula in it, ends
        elif kind == "other":
            c = line[a]
            if c.isascii():
                kind = "stop" if c in _STOP_ASCII else "punct"
            else:
                kind = "stop" if unicodedata.category(c).startswith("P") and c not in _MATH_PUNCTUATION else "uni"
        units.append((kind, a, b))
        k += 1
    return units


def _atoms(line: str) -> list[tuple[int, str, str, bool]]:
    r"""The printed skeleton of the TeX in ``line``: ``(position, letter, pattern)`` for each thing
    a renderer prints, in order: ``(position, letter, glyphs, optional)``. ``letter`` is the
    ASCII letter or digit printed (empty for anything else); ``glyphs`` the characters a
    rendered copy may hold there (empty: any non-ASCII glyph). Letters, digits, Greek letters, brackets,
    ``=``, ``+``, ``,``, ``/``, ``<`` are always in a copy; a symbol a copy may drop (∈, ∞, →,
    ⊗, ``-`` printed as U+2212, ``|``, the prime) is optional. Markup (``_``, ``^``, braces,
    ``\text``, ``\frac``, ``\left``, spaces) prints nothing; ``\sin`` prints its letters."""
    out: list[tuple[int, str, str, bool]] = []

    def printed(a: int, letter: str, glyphs: str, optional: bool = False) -> None:
        out.append((a, letter, glyphs, optional))

    skip_depth = -1  # inside the skipped argument of \begin, \color …: nothing prints
    depth = 0
    skip_next_group = False
    after_size = False  # after \left, \right: a "." prints nothing
    for m in _TOKEN.finditer(line):
        kind, a, t = m.lastgroup, m.start(), m.group()
        if kind == "open":
            depth += 1
            if skip_next_group:
                skip_depth, skip_next_group = depth, False
            continue
        if kind == "close":
            if depth == skip_depth:
                skip_depth = -1
            depth = max(depth - 1, 0)
            continue
        if skip_depth >= 0 or kind in ("space", "uspace", "script", "abbr"):
            continue
        was_size, after_size = after_size, False
        if kind in ("word", "num"):
            for i, ch in enumerate(t):  # letters and digits need no escape; the word "gate's"
                printed(a + i, "", "'", optional=True) if ch == "'" else printed(a + i, ch, ch)
        elif kind == "cmd":
            name = t[1:]
            if name in _SKIP_ARGUMENT:
                skip_next_group = True
            elif name in ("left", "right", "middle") or re.fullmatch(r"[bB]igg?[lrm]?", name):
                after_size = True
            elif name in _FUNCTION_NAMES:
                for ch in name:
                    printed(a, ch, ch)
            elif name in _GREEK:
                printed(a, "", _GREEK[name])
            elif name in _SYMBOLS:
                printed(a, "", _SYMBOLS[name], optional=True)
            elif name in _SYMBOL_COMMANDS:
                if _SYMBOL_COMMANDS[name]:
                    printed(a, "", _SYMBOL_COMMANDS[name], optional=True)
            elif name not in _SILENT and name != "\\":  # a command we do not know: a glyph, or nothing
                printed(a, "", "", optional=True)
        else:
            c = _normal_char(t)
            if was_size and c == ".":
                continue
            if c.isascii() and c.isalnum():
                printed(a, c, c)
            elif c != " ":
                printed(a, "", c, optional=not c.isascii() or c in _DROPPED)
    return out


#: ASCII characters of TeX that a rendered copy may lack: ``-`` (printed as U+2212, which a
#: page's text may drop), ``|`` (a fence), the prime, ``*``, ``&`` and ``~`` (alignment, space).
_DROPPED = frozenset("-|'*&~")


#: Commands that stand between two things: no formula starts with one.
_INFIX = frozenset(
    "cdot times div ast star circ bullet otimes odot oplus in notin ni to rightarrow leftarrow gets Rightarrow "
    "Leftarrow Leftrightarrow leftrightarrow iff implies mapsto longrightarrow longmapsto approx neq ne leq le "
    "geq ge leqslant geqslant equiv sim simeq cong propto ll gg subset subseteq supset supseteq cup cap setminus "
    "land wedge lor vee mid colon triangleq coloneqq perp parallel quad qquad".split()) | set(",;:! >")
_START = re.compile(r"[A-Za-z0-9\\(\[|{-]")
_DANGLING = frozenset(",;:.?!=+-*/<>&([")
_SPACING = frozenset(", ; : ! > quad qquad enspace thinspace medspace thickspace negthinspace negmedspace "
                     "negthickspace".split()) | {" ", "\\"}
_TRAILER = re.compile(r"[\s.,;:]*(?:\([^()\n]{0,40}\))?[\s.,;:]*")
#: How far before its first TeX syntax a formula may start (``f(x, y) = \sigma…``), and how far
#: after it a formula may run, in characters.
_LEAD, _REACH = 80, 800


class _Line:
    """One line of a plain text, tokenised, with what the search for its formulas needs: the
    rendered skeleton of its TeX and the letters and digits of the line as a copy reads them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units = _tokens(text)
        self.starts = [a for _, a, _ in self.units]
        self.norm = "".join(_normal_char(c) for c in text)
        self.atoms = _atoms(text)
        self.atom_pos = [p for p, _, _, _ in self.atoms]
        self.letters = "".join(letter for _, letter, _, _ in self.atoms)
        self.letter_count = [0]
        for _, letter, _, _ in self.atoms:
            self.letter_count.append(self.letter_count[-1] + len(letter))
        self.alnum_pos = [i for i, c in enumerate(self.norm) if c.isascii() and c.isalnum()]
        self.alnum = "".join(self.norm[i] for i in self.alnum_pos)
        self.ends = [self._ends(u) for u in range(len(self.units))]
        n = len(self.units)
        self.next_end = [n] * (n + 1)  # the first unit at or after u where prose resumes
        for u in range(n - 1, -1, -1):
            self.next_end[u] = u if self.ends[u] else self.next_end[u + 1]
        self.prev_end = [-1] * n  # the last unit at or before u where prose resumes
        for u in range(n):
            self.prev_end[u] = u if self.ends[u] else (self.prev_end[u - 1] if u else -1)
        # where a copy that ends at a position may start, at the earliest: after the last TeX
        # syntax (a command, a script, a brace) or character no formula holds
        self.cover = [0] * (len(text) + 1)
        for kind, a, b in self.units:
            if kind in ("cmd", "script", "group", "stop") or text[a] in "{}":
                self.cover[b] = b
        for i in range(1, len(text) + 1):
            self.cover[i] = max(self.cover[i], self.cover[i - 1])

    def _ends(self, u: int) -> bool:
        """Whether prose resumes at unit ``u`` (a formula cannot hold it)."""
        kind, a, b = self.units[u]
        if kind in ("stop", "full"):
            return True
        if kind != "word":
            return False
        w = self.text[a:b]
        if len(w) < 3 and w.lower() not in _FUNCTION_WORDS:
            return False
        if u > 0 and self.units[u - 1][0] == "script":
            return False
        if u + 1 < len(self.units):
            nk, na, _ = self.units[u + 1]
            if nk in ("script", "group", "cmd") or self.text[na] == "(" or (
                    self.text[na] == "'" and not self.text[na + 1:na + 2].isalpha()):
                return False  # GELU(x), GELU'(x), erf_{…}: a name in a formula; not "gate's"
        return True

    def name(self, u: int) -> str:
        _, a, b = self.units[u]
        return self.text[a + 1:b]

    def is_anchor(self, u: int) -> bool:
        """TeX syntax: a known command, or a sub/superscript with a base and an argument
        (``x_g``, ``d_{ff}``, ``R^2``; not ``snake_case``)."""
        kind, a, b = self.units[u]
        if kind == "cmd":
            name = self.name(u)
            return name in _KNOWN or name in ",;:! >{}|"  # not \$, \%, \_: escapes of plain text too
        if kind != "script" or u == 0 or u + 1 >= len(self.units):
            return False
        pk, pa, _ = self.units[u - 1]
        nk, na, nb = self.units[u + 1]
        base = pk in ("word", "num", "group", "cmd", "uni") or (pk == "punct" and self.text[pa] in ")]|'")
        arg = nk in ("group", "num") or (nk == "word" and nb - na == 1) or (nk == "cmd" and self.name(u + 1) in _KNOWN)
        return base and arg

    def dangling(self, u: int) -> bool:
        """Whether unit ``u`` cannot end a formula (a space, a comma, an operator, an opening bracket)."""
        kind, a, b = self.units[u]
        if kind in ("space", "uspace", "script"):
            return True
        if kind == "punct" and self.text[a] in _DANGLING:
            return True
        return kind == "cmd" and self.name(u) in _SPACING

    def strip(self, lo: int, hi: int) -> int:
        """``hi`` moved back past what cannot end the formula of units ``lo:hi``, and past closing
        brackets that close nothing of it."""
        while hi > lo:
            if self.dangling(hi - 1):
                hi -= 1
                continue
            kind, a, _ = self.units[hi - 1]
            if kind == "punct" and self.text[a] in ")]":
                seg = [self.text[x] for k, x, _ in self.units[lo:hi] if k == "punct"]
                if sum(c in ")]" for c in seg) > sum(c in "([" for c in seg):
                    hi -= 1
                    continue
            break
        return hi

    def letters_between(self, s: int, e: int) -> str:
        i, j = bisect_left(self.atom_pos, s), bisect_left(self.atom_pos, e)
        return self.letters[self.letter_count[i]:self.letter_count[j]]

    def copy_before(self, s: int, e: int, floor: int) -> int | None:
        """Where the rendered copy of the TeX ``text[s:e]`` starts, if the text before ``s`` is
        that copy: what the TeX prints, in order (a symbol a copy may drop, absent or not), and
        nothing else but spaces after a printed thing; it starts after ``floor``, at a word's
        start, and is not empty. Matched backwards from ``s`` over the sets of positions the
        atoms can start at (linear in atoms × positions: no backtracking)."""
        i, j = bisect_left(self.atom_pos, s), bisect_left(self.atom_pos, e)
        lo = max(floor, s - 3 * (e - s) - 40)
        norm = self.norm
        states = {s}  # where the copy of the atoms after the current one starts
        for _, _, glyphs, optional in reversed(self.atoms[i:j]):
            new = set(states) if optional else set()
            for p in states:
                q = p
                while True:  # the atom's character, then spaces, then p
                    if q - 1 >= lo:
                        c = norm[q - 1]
                        if (c in glyphs) if glyphs else (not c.isascii() and c != " "):
                            new.add(q - 1)
                    if q - 1 < lo or norm[q - 1] != " ":
                        break
                    q -= 1
            states = new
            if not states:
                return None
        starts = [r for r in states if r < s and not (r and norm[r - 1].isascii() and norm[r - 1].isalnum())]
        return min(starts) if starts else None

    def copy_reordered(self, s: int, e: int, floor: int) -> int | None:
        """Where the rendered copy of ``text[s:e]`` starts when the copy has the same letters and
        digits in another order (a renderer that prints a fraction's denominator first): the
        copy is glued to the TeX, holds no space, no TeX syntax and no prose."""
        want = self.letters_between(s, e)
        k = len(want)
        have = bisect_left(self.alnum_pos, s)
        if k < 2 or have < k:
            return None
        r = self.alnum_pos[have - k]  # floor is past the last TeX syntax or stop before s
        if r < floor or sorted(self.alnum[have - k:have]) != sorted(want) or any(c.isspace() for c in self.text[r:s]):
            return None
        if r > 0 and self.norm[r - 1].isascii() and self.norm[r - 1].isalnum():
            return None
        return r


def _unit_at(line: _Line, pos: int) -> int:
    """The unit holding character ``pos``."""
    return max(bisect_left(line.starts, pos + 1) - 1, 0)


def _pair(line: _Line, u: int, floor: int, reordered: bool) -> tuple[int, int, int] | None:
    """The rendered copy and TeX source ``(r, s, e)`` around the anchor at unit ``u``: the
    longest TeX ``text[s:e]`` that holds the anchor and that the text before it renders."""
    units, text = line.units, line.text
    kind, a_start, a_end = units[u]
    lo = max(line.prev_end[u] + 1, _unit_at(line, max(floor, a_start - _LEAD)))
    hi = min(line.next_end[u], _unit_at(line, a_end + _REACH) + 1)
    if hi < len(units) and units[hi][0] == "full":
        hi += 1  # a display formula's full stop is in its copy too
    if kind == "script":
        bk, ba, bb = units[u - 1]
        last_start = bb - 1 if bk == "word" else ba
        first_end = units[u + 1][2]
    else:
        last_start, first_end = a_start, a_end
    if 0 < lo < len(units) and line.ends[lo - 1] and units[lo - 1][0] == "word" and units[lo][0] != "space" \
            and units[lo - 1][1] >= floor:
        lo -= 1  # "exu=1+e^x": the word that stops the prose holds the copy's end and the source's start
    starts = []
    for k in range(lo, _unit_at(line, last_start) + 1):
        kk, ka, kb = units[k]
        if kk in ("space", "uspace", "script", "stop") or ka < floor:
            continue
        for p in (range(ka, min(kb, last_start + 1)) if kk in ("word", "num") else (ka,)):
            # a copy is glued to its source and holds no TeX syntax: s follows a character of
            # it, after the last TeX before
            if (p >= a_start - _LEAD and p and text[p - 1] not in " \t" and max(floor, line.cover[p]) < p
                    and (_START.match(text, p) or text[p].isalpha())
                    and not (kk == "cmd" and line.name(k) in _INFIX)):
                starts.append(p)
    for s in starts:
        barrier = max(floor, line.cover[s])
        have = bisect_left(line.alnum_pos, s)
        avail = have - bisect_left(line.alnum_pos, barrier)
        if len(line.letters_between(s, first_end)) > avail:
            continue  # the copy before s is too short for the TeX up to the anchor
        ends, depth = [], 0
        for k in range(_unit_at(line, s), hi):
            kk, ka, kb = units[k]
            if kb > a_end + _REACH or len(line.letters_between(s, kb)) > avail:
                break  # more letters than the text before could have rendered
            if kk == "punct" and text[ka] in "([)]":
                depth += 1 if text[ka] in "([" else -1
                if depth < 0:
                    break  # a bracket the formula does not open: the prose's
            if kb >= first_end and (not line.dangling(k) or kk in ("punct", "full") and text[ka] in ".,;"):
                ends.append(kb)  # a display formula's own full stop is in its copy too
        ends.reverse()
        if reordered:
            for e in ends:
                r = line.copy_reordered(s, e, barrier)
                if r is not None:
                    return r, s, e
            continue
        tail = line.alnum[have - avail:have]
        for e in ends:
            want = line.letters_between(s, e)
            if want and tail[len(tail) - len(want):] != want:
                continue
            r = line.copy_before(s, e, barrier)
            if r is not None:
                return r, s, e
    return None


def _scan(line: _Line, reordered: bool) -> tuple[list[tuple[int, int, int]], list[int]]:
    """The formulas of a line that follow their rendered copy, ``(r, s, e)``, and the anchors
    (units) of TeX left without a copy."""
    spans: list[tuple[int, int, int]] = []
    alone: list[int] = []
    floor = 0
    for u in range(len(line.units)):
        if line.units[u][1] < floor or not line.is_anchor(u):
            continue
        found = _pair(line, u, floor, False) or (_pair(line, u, floor, True) if reordered else None)
        if found is None:
            alone.append(u)
            continue
        spans.append(found)
        floor = found[2]
    return spans, alone


def _article(line: _Line, u: int) -> bool:
    kind, a, b = line.units[u]
    return kind == "word" and line.text[a:b] in ("a", "A", "I")


def _without_copy(line: _Line, spans: list[tuple[int, int, int]], alone: list[int],
                  saved_web: bool) -> list[tuple[int, int, int]]:
    """The TeX runs of the anchors that have no rendered copy, ``(s, s, e)``: from where the
    prose stops (in a saved web page, from the anchor's own base: the copy we could not match
    is not taken as TeX) to where it resumes, never into a formula found with its copy."""
    units, text = line.units, line.text
    out: list[tuple[int, int, int]] = []
    floor = 0
    copies = [r for r, _, _ in spans]  # the spans of a line are in order and apart
    for u in alone:
        a = units[u][1]
        k = bisect_left(copies, a + 1)  # spans[k - 1] starts at or before a
        if a < floor or (k and a < spans[k - 1][2]):
            continue
        prev_end = max(spans[k - 1][2] if k else 0, floor)
        next_copy = copies[k] if k < len(copies) else len(text)
        lo = u
        while lo > 0 and not line.ends[lo - 1] and units[lo - 1][1] >= prev_end:
            lo -= 1
        hi = u
        while hi < len(units) and not line.ends[hi] and units[hi][2] <= next_copy:
            hi += 1
        if saved_web:
            lo = u
            if units[u][0] == "script":
                bk, ba, bb = units[u - 1]
                lo = u - 1
                if bk == "punct" and text[ba] in ")]":
                    depth, k = 0, u - 1
                    while k >= 0:
                        ck = text[units[k][1]] if units[k][0] == "punct" else ""
                        depth += ck in ")]"
                        depth -= ck in "(["
                        if depth == 0:
                            break
                        k -= 1
                    lo = max(k, 0)
                elif bk == "group" and u >= 2 and units[u - 2][0] == "cmd":
                    lo = u - 2
        while lo < u and not (_START.match(text, units[lo][1]) or text[units[lo][1]].isalpha()):
            lo += 1
        hi = line.strip(lo, hi)
        while hi - lo > 2 and _article(line, hi - 1) and units[hi - 2][0] == "space":
            hi = line.strip(lo, hi - 1)  # "… x_g a": the article is the prose's
        while hi - lo > 2 and _article(line, lo) and units[lo + 1][0] == "space":
            lo += 2
        if hi <= lo:
            continue
        s = units[lo][1]
        if saved_web and units[lo][0] == "word" and units[u][0] == "script" and lo == u - 1:
            s = units[lo][2] - 1  # x_g: the subscript's base is its last letter
        e = units[hi - 1][2]
        out.append((s, s, e))
        floor = e
    return out


def _doubled(text: str, taken: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """In a saved web page: formulas without TeX syntax, whose rendered copy and source are the
    same text run together — ``gg`` for g, ``(g,v)(g,v)`` for (g, v)."""
    out = []
    taken = sorted(taken)
    starts = [r for r, _, _ in taken]
    norm = "".join(_normal_char(c) for c in text)  # the copy's − is the source's -
    for m in re.finditer(r"\S+", norm):
        a, b = m.span()
        k = bisect_left(starts, b)  # taken[:k] start before the word ends; they are apart, in order
        if k and taken[k - 1][2] > a:
            continue
        t = norm[a:b]
        while (t and t[-1] in ".,;:!?") or (t.endswith((")", "]")) and t.count("(") + t.count("[") < t.count(")") + t.count("]")):
            t, b = t[:-1], b - 1
        while t and t[0] in "([" and t.count("(") + t.count("[") > t.count(")") + t.count("]"):
            t, a = t[1:], a + 1
        half = len(t) // 2
        h = t[:half]
        if not h or len(t) % 2 or t[half:] != h or not h.isascii():
            continue
        # a letter (g), or letters with operators or brackets ((g,v), f(x)-f(-x)=x): not a
        # word said twice, not a number
        formula = (len(h) == 1 and h.isalpha()) or (
            any(c.isalpha() for c in h) and re.fullmatch(r"[A-Za-z0-9()\[\],.=+\-*/<>|']+", h) is not None
            and re.search(r"[()\[\]=+\-*/<>|,]", h) is not None
            and h.count("(") == h.count(")") and h.count("[") == h.count("]"))
        if formula:
            out.append((a, a + half, b))
    return out


def _display(text: str, r: int, e: int) -> bool:
    """A formula on a line of its own (a tag such as ``(gate)`` after it may stand there too)."""
    return not text[:r].strip() and _TRAILER.fullmatch(text[e:]) is not None


class TextFormula(NamedTuple):
    """A formula of a plain text: its line (1-based), where its TeX source stands in the text
    (``start:end``, offsets into the whole text, delimiters included), where the rendered copy
    before it starts (``copy``; ``start`` when it has none), its LaTeX and whether it is displayed
    (on a line of its own, or between display delimiters)."""

    line: int
    start: int
    end: int
    copy: int
    latex: str
    display: bool


def text_formulas(text: str) -> list[TextFormula]:
    r"""Every formula of a plain text, in the order of the text, with where it stands.

    Delimited formulas (``$…$``, ``$$…$$``, ``\(…\)``, ``\[…\]``, ``\begin{equation}…``) are
    taken as delimited. Elsewhere a formula is found by its TeX syntax — a known command, a
    sub- or superscript — and cut where the prose resumes (a word without a backslash, a
    sentence's punctuation). In a page saved from the web, each formula is its rendered copy
    followed by its TeX source: only the source is taken, the copy being recognised as the same
    letters in the same order without the markup; there, a formula without TeX syntax is found
    as a text said twice, glued (``gg``, ``(g,v)(g,v)``).

    >>> text = "with xgx_g the gate"
    >>> [(f.line, f.latex, text[f.copy:f.start]) for f in text_formulas(text)]
    [(1, 'x_g', 'xg')]
    """
    delimited = _delimited(text)
    masked = list(text)
    for a, b, _, _ in delimited:
        masked[a:b] = [c if c == "\n" else " " for c in text[a:b]]
    lines = "".join(masked).split("\n")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    found = []
    for a, b, tex, display in delimited:
        found.append(TextFormula(bisect_left(offsets, a + 1), a, b, a, tex, display))
    parsed = [_Line(ln.rstrip("\r")) if ("\\" in ln or "_" in ln or "^" in ln) else None for ln in lines]
    scanned = {n: _scan(ln, False) for n, ln in enumerate(parsed) if ln is not None}
    saved_web = any(spans for spans, _ in scanned.values())
    for n, line_text in enumerate(lines):
        line = parsed[n]
        spans: list[tuple[int, int, int]] = []
        if line is not None:
            spans, alone = scanned[n]
            if alone and saved_web:
                spans, alone = _scan(line, True)
            spans = spans + _without_copy(line, spans, alone, saved_web)
        raw = line_text.rstrip("\r")
        if saved_web and raw.strip():
            spans = spans + _doubled(raw, spans)
        for r, s, e in spans:
            tex = _USPACE.sub(" ", raw[s:e]).strip()
            while tex and tex[-1] in ".,;" and not _escaped(tex, len(tex) - 1):
                tex = tex[:-1].rstrip()  # the sentence's full stop, not the formula's
            if tex:
                at = offsets[n]
                found.append(TextFormula(n + 1, at + s, at + e, at + r, tex, _display(raw, r, e)))
    found.sort(key=lambda f: f.start)
    return found


def extract_text_formulas(text: str) -> list[tuple[int, str, bool]]:
    r"""Every formula of a plain text: ``(line, latex, display)``, line 1-based, as
    :func:`extract_formulas` gives those of a Markdown text (see :func:`text_formulas`).

    >>> extract_text_formulas("with xgx_g the gate, and $\\sigma(0) = \\frac12$.\n")
    [(1, 'x_g', False), (1, '\\sigma(0) = \\frac12', False)]
    >>> extract_text_formulas("The rendered copy alone: xg, GELU(xg), y=GELU(g)  v.\n")
    []
    """
    return [(f.line, f.latex, f.display) for f in text_formulas(text)]

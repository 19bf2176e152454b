"""The checker's vocabulary and its results: verdicts, a link, a formula, a file's report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from typing import Any

from ..display import MAX_LINE, Display, cut
from ..errors import GlusymError, member
from ..latex import _text
from ..rich import math


class Verdict(StrEnum):
    """The checker's verdict on a link: the vocabulary, written here only. A member is its text
    (``Verdict.HOLDS == "holds"``), so the text and JSON reports print it as they always did."""

    HOLDS = "holds"
    HOLDS_NUMERICALLY = "holds numerically"
    HOLDS_APPROXIMATELY = "holds approximately"
    FAILS = "fails"
    DEFINITION = "definition"
    UNPARSED = "unparsed"
    UNKNOWN = "unknown"
    NO_CLAIM = "no claim"


VERDICTS: tuple[Verdict, ...] = tuple(Verdict)


#: The checker's verdicts that say a link is true (an approximation within its tolerance is a true
#: claim of an approximation), and the one that says it is false.
TRUE_VERDICTS: tuple[Verdict, ...] = (Verdict.HOLDS, Verdict.HOLDS_NUMERICALLY, Verdict.HOLDS_APPROXIMATELY)
FALSE_VERDICT = Verdict.FAILS

#: What a judging strategy returns: the verdict, the reason, the counterexample (names to values) or None.
Judgement = tuple[Verdict, str, "dict[str, str] | None"]


def as_verdict(value: object, what: str = "a verdict") -> Verdict:
    """``value`` as a :class:`Verdict` (a member, or its text); anything else is refused with
    :class:`~glusym.GlusymError` naming the verdicts there are.

    >>> as_verdict("holds") is Verdict.HOLDS
    True
    >>> as_verdict("true")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: a verdict is one of holds, holds numerically, holds approximately, fails, definition, unparsed, unknown, no claim; not 'true'
    """
    return member(Verdict, value, what)


#: Seconds each link may take by default.
DEFAULT_LINK_BUDGET = 5.0

#: The longest reason a link keeps, in characters; a longer one is cut, the cut marked with "…"
#: (one reason ran to 71,878 characters: an expression written out in full).
MAX_REASON = 300


def cap_reason(reason: str, limit: int = MAX_REASON) -> str:
    """``reason`` cut to ``limit`` characters, the cut marked with "…".

    >>> cap_reason("x" * 400)[-3:], len(cap_reason("x" * 400))
    ('xx…', 300)
    """
    return reason if len(reason) <= limit else reason[:limit - 1] + "…"


#: The relations of a link in LaTeX (the checker keeps them as text: ``<=``, ``~=``).
OPS_TEX = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "~=": r"\approx", "~": r"\sim",
           "!=": r"\neq", ":=": ":=", "in": r"\in"}


def _link_math(k: "Link") -> str | None:
    """The link as LaTeX, where its text can stand in a formula of ours: not for an unparsed link,
    nor one carrying alignment or environments (``&``, ``\\``, ``\begin``)."""
    text = k.lhs + k.rhs
    if k.verdict == Verdict.UNPARSED or any(t in text for t in ("&", "\\\\", "\\begin", "\\end", "$")):
        return None
    if not k.rhs:
        return k.lhs
    return f"{k.lhs} {OPS_TEX.get(k.op, _text(k.op))} {k.rhs}"


@dataclass(frozen=True, repr=False)
class Link(Display):
    r"""One link ``lhs op rhs`` of a formula and its verdict.

    >>> Link(r"\sigma(x)", "1", "holds", "", op="<=")
    Link(holds: \sigma(x) <= 1)
    """

    lhs: str
    rhs: str
    verdict: Verdict
    reason: str
    counterexample: dict[str, str] | None = None
    op: str = "="
    #: For a link that fails: the right side the left side has, in the post's notation, checked to hold.
    suggestion: str | None = None

    def __post_init__(self) -> None:
        for name in ("lhs", "rhs", "reason", "op"):  # text, as written: never a SymPy object, whose
            if not isinstance(getattr(self, name), str):  # + would read the other side's text as Python
                raise GlusymError(f"a Link's {name} is text, not {type(getattr(self, name)).__name__}")
        object.__setattr__(self, "verdict", as_verdict(self.verdict, "a Link's verdict"))
        if self.suggestion is not None and not isinstance(self.suggestion, str):
            raise GlusymError(f"a Link's suggestion is text or None, not {type(self.suggestion).__name__}")
        if self.counterexample is not None and not (isinstance(self.counterexample, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.counterexample.items())):
            raise GlusymError("a Link's counterexample maps names to values, both text")
        if isinstance(self.reason, str) and len(self.reason) > MAX_REASON:  # the text and the JSON alike
            object.__setattr__(self, "reason", cap_reason(self.reason))

    def to_json(self) -> dict[str, Any]:
        return {"lhs": self.lhs, "rhs": self.rhs, "verdict": self.verdict, "reason": self.reason,
                "counterexample": self.counterexample, "suggestion": self.suggestion}

    @property
    def relation(self) -> str:
        """``lhs op rhs`` as the checker read it (the left side alone for an expression)."""
        return f"{self.lhs} {self.op} {self.rhs}" if self.rhs else self.lhs

    def _summary(self) -> str:
        return f"{self.verdict}: {self.relation}"

    def _latex_(self) -> str:
        tex = _link_math(self)
        verdict = _text(self.verdict)
        return verdict if tex is None else tex + r" \quad " + verdict

    def _html_(self) -> str:
        return _table("", (self,), [])


@dataclass(frozen=True, repr=False)
class Formula(Display):
    """A formula of the post: its line (1-based), its LaTeX and its links.

    >>> Formula(3, "x = x", True, (Link("x", "x", "holds", ""),))
    Formula(line 3: x = x: holds)
    """

    line: int
    latex: str
    display: bool
    links: tuple[Link, ...]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "latex": self.latex, "links": [k.to_json() for k in self.links]}

    def _summary(self) -> str:
        return f"line {self.line}: {self.latex}: " + ", ".join(k.verdict for k in self.links)

    def _latex_(self) -> str:
        return _array([(self.line, k) for k in self.links])

    def _html_(self) -> str:
        return _table(f"line {self.line}", [(self.line, k) for k in self.links], [])


@dataclass(frozen=True, repr=False)
class Report(Display):
    """The verdicts on every formula of a file; in a notebook a table of verdicts with their counts.

    >>> r = Report("post.md", (Formula(3, "x = x", True, (Link("x", "x", "holds", ""),)),))
    >>> r
    Report(post.md: 1 formula, 1 link: holds 1)
    >>> print(r._plain())
    Report(post.md: 1 formula, 1 link: holds 1)
      line 3  holds                x = x
    """

    file: str
    formulas: tuple[Formula, ...]
    seconds: float = 0.0

    @property
    def summary(self) -> dict[Verdict, int]:
        c = Counter(k.verdict for f in self.formulas for k in f.links)
        return {v: c[v] for v in VERDICTS if c[v]}

    @property
    def failed(self) -> bool:
        return any(k.verdict == FALSE_VERDICT for f in self.formulas for k in f.links)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "formulas": [f.to_json() for f in self.formulas], "summary": self.summary}

    def links(self) -> list[tuple[int, Link]]:
        """Every link with the line of its formula."""
        return [(f.line, k) for f in self.formulas for k in f.links]

    def _counts(self) -> str:
        return ", ".join(f"{v} {n}" for v, n in self.summary.items()) or "no links"

    def _summary(self) -> str:
        nf, nl = len(self.formulas), len(self.links())
        return (f"{self.file}: {nf} formula{'s' * (nf != 1)}, {nl} link{'s' * (nl != 1)}: " + self._counts())

    def _plain(self) -> str:
        rows = self.links()
        lines = [repr(self)] + [cut(f"  line {line:<3} {k.verdict:<20} {k.relation}", MAX_LINE)
                                for line, k in rows[:MAX_PLAIN_LINKS]]
        if len(rows) > MAX_PLAIN_LINKS:
            lines.append(f"  … and {len(rows) - MAX_PLAIN_LINKS} more links")
        return "\n".join(lines)

    def _latex_(self) -> str:
        return _array(self.links(), self._counts())

    def _html_(self) -> str:
        nf = len(self.formulas)
        return _table(f"{self.file}: {nf} formula{'s' * (nf != 1)}", self.links(), list(self.summary.items()))

    def to_text(self) -> str:
        out = [f"{self.file}: {len(self.formulas)} formulas"]
        for f in self.formulas:
            out.append(f"line {f.line}: {f.latex}")
            for k in f.links:
                rel = f"{k.lhs} {k.op} {k.rhs}" if k.rhs else k.lhs
                out.append(f"  {k.verdict:<17} {rel}")
                if k.reason:
                    out.append(f"  {'':<17} {k.reason}")
                if k.counterexample:
                    out.append(f"  {'':<17} counterexample: " +
                               ", ".join(f"{a} = {b}" for a, b in k.counterexample.items()))
                if k.suggestion:
                    out.append(f"  {'':<17} what holds: {k.lhs} {k.op} {k.suggestion}")
        out.append("summary: " + ", ".join(f"{v} {n}" for v, n in self.summary.items()))
        return "\n".join(out) + "\n"


#: The links a report's ``text/plain`` lists (the rest are counted); its table shows them all.
MAX_PLAIN_LINKS = 12


def _array(rows: list[tuple[int, Link]], counts: str | None = None) -> str:
    r"""Verdicts as a KaTeX ``array``: line, verdict, link (an unparsed link by its line only)."""
    body = [r"%d & %s & %s" % (line, _text(k.verdict), _link_math(k) or _text("(not shown)")) for line, k in rows]
    if counts is not None:
        body.append(r"& %s &" % _text(counts))
    head = r"%s & %s & %s" % (_text("line"), _text("verdict"), _text("formula"))
    return r"\begin{array}{rll} " + head + (r" \\ \hline " + r" \\ ".join(body) if body else "") + r" \end{array}"


def _table(caption: str, rows: list[tuple[int, Link]] | tuple[Link, ...], counts: list[tuple[str, int]]) -> str:
    """Verdicts as an HTML table: line, link (as math), verdict, why (reason, counterexample, what
    holds); the counts of each verdict in its footer."""
    out = ['<table class="glusym glusym-report">']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr><th>line</th><th>formula</th><th>verdict</th><th>why</th></tr></thead><tbody>")
    for row in rows:
        line, k = row if isinstance(row, tuple) else ("", row)
        tex = _link_math(k)
        shown = math(tex, block=False) if tex is not None else f"<code>{escape(k.relation)}</code>"
        why = [escape(k.reason)] if k.reason else []
        if k.counterexample:
            why.append("counterexample: " + escape(", ".join(f"{a} = {b}" for a, b in k.counterexample.items())))
        if k.suggestion:
            why.append("what holds: " + math(f"{k.lhs} {OPS_TEX.get(k.op, '=')} {k.suggestion}", block=False))
        verdict = escape(k.verdict)
        out.append(f'<tr class="verdict-{verdict.replace(" ", "-")}"><td>{line}</td><td>{shown}</td>'
                   f'<td><b>{verdict}</b></td><td>{"<br>".join(why)}</td></tr>')
    out.append("</tbody>")
    if counts:
        cells = "".join(f"<td>{escape(v)}: {n}</td>" for v, n in counts)
        out.append(f'<tfoot><tr><th>counts</th><td colspan="3"><table class="glusym-counts"><tr>{cells}</tr>'
                   f"</table></td></tr></tfoot>")
    out.append("</table>")
    return "".join(out)


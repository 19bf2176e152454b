r"""Reading the corpus without glusym: formulas, their links, and matching glusym's report.

The corpus (``tests/corpus/*.md``) is judged against ``expected.json``. Three things here are
shared by the oracle's generator (``oracle.py``), the tests (``tests/test_corpus.py``) and the
benchmark (``benchmarks/check_corpus.py``), and none of them uses glusym:

* :func:`extract` finds every formula of a post (display ``$$…$$``, inline ``\\(…\\)`` and
  ``$…$``) with the line of its opening delimiter and its index among the formulas that start on
  that line, as a Markdown renderer sees them in these posts (front matter skipped);
* :func:`split_links` splits a formula into its links ``lhs op rhs``, the way a reader does: at the
  top-level relations, with ``aligned`` rows continuing a chain (``&= c``), a separator
  (``,`` ``\quad`` ``\qquad``) between two claims, a domain or limit note (``\quad \text{for } x < 0``,
  ``\quad (x \to \infty)``) attached to the claim before it, and a quantifier
  (``\forall x > 0,``) to the claim after it;
* :func:`match_links` finds, for each expected link of a formula, the link of glusym's report that
  states it: the same left and right side once whitespace and any separated note or prefix is set
  aside, preferring the same position. A link that glusym does not report is *missed*; a formula
  that glusym reads as one unreadable or claim-less piece gives its verdict to every link in it.

>>> [(k.lhs, k.op, k.rhs, k.note) for k in split_links(r"f'(x) = \alpha e^{x} \quad \text{for } x \le 0")]
[("f'(x)", '=', '\\alpha e^{x}', '\\text{for } x \\le 0')]
>>> [(k.lhs, k.op, k.rhs) for k in split_links(r"0 < \sigma(x) < 1")]
[('0', '<', '\\sigma(x)'), ('\\sigma(x)', '<', '1')]
>>> core(r"0, \qquad \lim_{x \to \infty} f(x)", "lhs"), core(r"x \quad \text{for } x", "rhs")
('\\lim_{x \\to \\infty} f(x)', 'x')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

__all__ = ["Formula", "SplitLink", "core", "extract", "match_links", "norm", "split_links", "OPS"]

#: The relations a link can carry, in the names expected.json uses.
OPS = ("=", "<", "<=", ">", ">=", "!=", "approx", "sim", "in")

_REL_COMMANDS = {"leqslant": "<=", "geqslant": ">=", "leq": "<=", "geq": ">=", "le": "<=", "ge": ">=",
                 "neq": "!=", "ne": "!=", "approx": "approx", "simeq": "approx", "sim": "sim",
                 "equiv": "=", "in": "in"}
_REL_CHARS = {"=": "=", "<": "<", ">": ">"}
#: glusym's names for its relations, in expected.json's names.
GLUSYM_OPS = {"=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "!=": "!=", "~=": "approx",
              "~": "sim", "approx": "approx", "sim": "sim", "in": "in", "\\in": "in"}
_SPACING = ("qquad", "quad")


@dataclass(frozen=True)
class Formula:
    """A formula of a post: 1-based line of its opening delimiter, index among the formulas
    that start on that line, its LaTeX (stripped) and whether it is a display."""

    line: int
    index: int
    latex: str
    display: bool


@dataclass(frozen=True)
class SplitLink:
    lhs: str
    op: str
    rhs: str
    note: str = ""      # a domain or limit note that follows the claim
    prefix: str = ""    # a quantifier that precedes it (\forall x > 0)


# ---------------------------------------------------------------------------------------------
# extraction


def extract(text: str) -> list[Formula]:
    r"""Every formula of a post, in order.

    >>> [(f.line, f.index, f.latex) for f in extract("---\nt: 1\n---\nSee \\\\(a = b\\\\) and $c$.\n\n$$d$$\n")]
    [(4, 0, 'a = b'), (4, 1, 'c'), (6, 0, 'd')]
    """
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    body = "\n".join(lines[start:])
    offset = start  # lines before the body
    out: list[tuple[int, str, bool]] = []
    i, n = 0, len(body)
    in_fence = False
    while i < n:
        at_line_start = i == 0 or body[i - 1] == "\n"
        if at_line_start:
            j = body.find("\n", i)
            line = body[i:] if j < 0 else body[i:j]
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
                i = n if j < 0 else j + 1
                continue
            if in_fence:
                i = n if j < 0 else j + 1
                continue
        if body.startswith("$$", i):
            end = body.find("$$", i + 2)
            if end < 0:
                break
            out.append((body.count("\n", 0, i), body[i + 2:end].strip(), True))
            i = end + 2
            continue
        if body.startswith("\\\\(", i):
            end = body.find("\\\\)", i + 3)
            if end < 0:
                break
            out.append((body.count("\n", 0, i), body[i + 3:end].strip(), False))
            i = end + 3
            continue
        if body[i] == "$" and i + 1 < n and body[i + 1] not in " \n$":
            end = i + 1
            while True:
                end = body.find("$", end)
                if end < 0 or body[end - 1] != "\\":
                    break
                end += 1
            if end > 0 and body[end - 1] not in " \n":
                out.append((body.count("\n", 0, i), body[i + 1:end].strip(), False))
                i = end + 1
                continue
        if body[i] == "\\" and i + 1 < n:
            i += 2
            continue
        i += 1
    formulas: list[Formula] = []
    seen: dict[int, int] = {}
    for ln, tex, disp in out:
        line = ln + offset + 1
        k = seen.get(line, 0)
        seen[line] = k + 1
        formulas.append(Formula(line, k, tex, disp))
    return formulas


# ---------------------------------------------------------------------------------------------
# scanning LaTeX at the top level


def _tokens(s: str) -> Iterable[tuple[int, int, str, int]]:
    r"""(start, end, token, depth before the token) for each token of s: a command (``\name`` or
    ``\c``), or one character. Depth counts {} () [] (as one kind: intervals mix them),
    \begin … \end, and is never negative."""
    depth = 0
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+\*?|.)", s[i:])
            tok = m.group(0) if m else "\\"
            j = i + len(tok)
            name = tok[1:]
            if name == "begin":
                yield i, j, tok, depth
                depth += 1
            elif name == "end":
                depth = max(depth - 1, 0)
                yield i, j, tok, depth
            elif name in ("{", "}"):
                yield i, j, tok, depth  # escaped braces do not nest
            else:
                yield i, j, tok, depth
            i = j
            continue
        if c in "{([":
            yield i, i + 1, c, depth
            depth += 1
        elif c in "})]":
            depth = max(depth - 1, 0)
            yield i, i + 1, c, depth
        else:
            yield i, i + 1, c, depth
        i += 1


def _relations(s: str) -> list[tuple[int, int, str]]:
    """Top-level relations of s: (start, end, op)."""
    out = []
    toks = list(_tokens(s))
    k = 0
    while k < len(toks):
        a, b, tok, d = toks[k]
        if d == 0:
            if tok.startswith("\\") and tok[1:] in _REL_COMMANDS:
                out.append((a, b, _REL_COMMANDS[tok[1:]]))
            elif tok == ":" and k + 1 < len(toks) and toks[k + 1][2] == "=":
                out.append((a, toks[k + 1][1], "="))
                k += 1
            elif tok in "<>" and k + 1 < len(toks) and toks[k + 1][2] == "=":
                out.append((a, toks[k + 1][1], tok + "="))
                k += 1
            elif tok in _REL_CHARS:
                out.append((a, b, _REL_CHARS[tok]))
        k += 1
    return out


def _separators(s: str) -> list[tuple[int, int]]:
    r"""Top-level separators of s: a comma, \quad, \qquad (a run of them is one separator)."""
    seps: list[tuple[int, int]] = []
    for a, b, tok, d in _tokens(s):
        if d == 0 and (tok == "," or tok in ("\\quad", "\\qquad")):
            if seps and s[seps[-1][1]:a].strip() in ("", "\\", "\\ "):
                seps[-1] = (seps[-1][0], b)
            else:
                seps.append((a, b))
    return seps


_TRIM = re.compile(r"^(?:\s|\\[ ,;:!]|~)+|(?:\s|\\[ ,;:!]|~|[.,;])+$")


def _trim(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _TRIM.sub("", s)
    return s


def _is_note(seg: str) -> bool:
    t = seg.lstrip()
    return bool(re.match(r"\\(text|mathrm|textrm)\s*\{\s*(for|as|if|when|where|on|with)\b", t)) or \
        (t.startswith("(") and "\\to" in t)


def _segments(s: str) -> list[str]:
    out, last = [], 0
    for a, b in _separators(s):
        out.append(s[last:a])
        last = b
    out.append(s[last:])
    return [seg for seg in (_trim(x) for x in out) if seg]


_ENV = re.compile(r"^\s*\\begin\{(aligned|align\*?|gathered|gather\*?|split|eqnarray\*?)\}(.*)\\end\{\1\}\s*[.,]?\s*$",
                  re.S)


def _rows(tex: str) -> list[str] | None:
    m = _ENV.match(tex)
    if not m:
        return None
    body, rows, row = m.group(2), [], []
    for a, b, tok, d in _tokens(body):
        if d == 0 and tok == "\\\\":
            rows.append("".join(row))
            row = []
        elif d == 0 and tok == "&":
            row.append(" ")
        else:
            row.append(body[a:b])
    rows.append("".join(row))
    return [r.strip() for r in rows if r.strip()]


def _chain(seg: str) -> tuple[list[str], list[str]]:
    rels = _relations(seg)
    sides, ops, last = [], [], 0
    for a, b, op in rels:
        sides.append(_trim(seg[last:a]))
        ops.append(op)
        last = b
    sides.append(_trim(seg[last:]))
    return sides, ops


def split_links(tex: str) -> list[SplitLink]:
    """The links of a formula, as a reader splits it (see the module's docstring)."""
    rows = _rows(tex)
    if rows is not None:
        out: list[SplitLink] = []
        prev_last: str | None = None
        for r in rows:
            links = split_links(r)
            sides, ops = _chain(r)
            if links and not sides[0] and prev_last is not None:  # a continuation row "&= c"
                first = links[0]
                links[0] = SplitLink(prev_last, first.op, first.rhs, first.note, first.prefix)
            out.extend(links)
            if links:
                prev_last = links[-1].rhs
        return out
    links: list[SplitLink] = []
    prefix = ""
    for seg in _segments(_trim(tex)):
        if seg.startswith("\\forall"):
            prefix = seg
            continue
        if _is_note(seg):
            if links:
                k = links[-1]
                links[-1] = SplitLink(k.lhs, k.op, k.rhs, (k.note + " " + seg).strip(), k.prefix)
                # a note belongs to every link of the chain it follows
                j = len(links) - 2
                while j >= 0 and links[j].rhs == links[j + 1].lhs and not links[j].note:
                    q = links[j]
                    links[j] = SplitLink(q.lhs, q.op, q.rhs, seg, q.prefix)
                    j -= 1
            continue
        sides, ops = _chain(seg)
        for i, op in enumerate(ops):
            links.append(SplitLink(sides[i], op, sides[i + 1], "", prefix))
        prefix = ""
    return links


# ---------------------------------------------------------------------------------------------
# matching glusym's links


def norm(s: str) -> str:
    """A side as compared: no whitespace, no spacing commands, no alignment marks."""
    s = re.sub(r"\\(?:[ ,;:!]|q?quad(?![A-Za-z]))", "", s)
    s = s.replace("&", "").replace("~", "")
    return re.sub(r"\s+", "", s).rstrip(".,;")


def core(side: str, which: str) -> str:
    """A side of glusym's report without what a separator sets apart: for a right side, what
    follows its first top-level separator (a note); for a left side, what precedes its last (a
    previous claim, or a quantifier)."""
    seps = _separators(side)
    if not seps:
        return _trim(side)
    if which == "rhs":
        return _trim(side[:seps[0][0]])
    return _trim(side[seps[-1][1]:])


@dataclass(frozen=True)
class Match:
    """The outcome for one expected link: its verdict (or 'missed'), the glusym link's reason,
    whether the whole formula was one piece for glusym, and the glusym link's index."""

    verdict: str
    reason: str = ""
    whole: bool = False
    index: int | None = None
    suggestion: Any = None
    glusym: Any = None


def _side_eq(mine: str, theirs: str, which: str) -> bool:
    a = norm(mine)
    return a == norm(theirs) or a == norm(core(theirs, which))


def match_links(expected: list[dict[str, Any]], links: list[Any]) -> list[Match]:
    """For each expected link (dicts with lhs, op, rhs, link_index), the glusym link that states
    it. ``links`` are glusym's links of the formula: objects or dicts with lhs, rhs, verdict,
    reason and, where glusym gives them, op and suggestion."""

    def get(k: Any, name: str) -> Any:
        return k.get(name) if isinstance(k, dict) else getattr(k, name, None)

    used: set[int] = set()
    out: list[Match] = []
    for e in expected:
        cands = []
        for j, k in enumerate(links):
            if j in used or not get(k, "rhs"):
                continue
            op = get(k, "op")
            if op is not None and op != "" and GLUSYM_OPS.get(op, op) != e["op"]:
                continue
            if _side_eq(e["lhs"], get(k, "lhs") or "", "lhs") and _side_eq(e["rhs"], get(k, "rhs") or "", "rhs"):
                cands.append(j)
        if cands:
            j = min(cands, key=lambda c: (c != e.get("link_index"), c))
            used.add(j)
            k = links[j]
            out.append(Match(get(k, "verdict"), get(k, "reason") or "", False, j, get(k, "suggestion"), k))
            continue
        whole = [k for k in links if not get(k, "rhs")]
        if whole:
            k = whole[0]
            out.append(Match(get(k, "verdict"), get(k, "reason") or "", True, None, get(k, "suggestion"), k))
        else:
            out.append(Match("missed"))
    return out

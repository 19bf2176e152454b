"""A formula's links, a text's formulas, a file: the checker's entry points."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any
import sympy

from ..budget import time_budget
from ..errors import BudgetExceeded, GlusymError
from ..parsing import Chain, LatexParseError, parse_chain
from .context import _instance, _record, _substitute_context
from .extract import extract_formulas
from .approximation import DEFAULT_APPROX_TOL, split_limit_note
from .judge import _judge, _plain
from .relations import judge_membership, split_membership
from .report import DEFAULT_LINK_BUDGET, Formula, Link, Report


_ROWS = re.compile(r"^\s*\\begin\{(aligned|align\*?|gathered|gather\*?|split|eqnarray\*?|multline\*?)\}(.*)"
                   r"\\end\{\1\}\s*[.,]?\s*$", re.S)


def _rows(tex: str) -> list[str] | None:
    """The rows of a formula that is one aligned/gathered block, alignment marks removed."""
    m = _ROWS.match(tex)
    if not m:
        return None
    body, rows, depth, i = m.group(2), [], 0, 0
    row: list[str] = []
    while i < len(body):
        if body.startswith("\\begin{", i):
            depth += 1
        elif body.startswith("\\end{", i):
            depth -= 1
        elif body.startswith("\\\\", i) and depth == 0:
            rows.append("".join(row))
            row = []
            i += 2
            while i < len(body) and body[i] == "[":  # \\[4pt]
                i = body.find("]", i) + 1 or len(body)
            continue
        elif body[i] == "&" and depth == 0:
            row.append(" ")
            i += 1
            continue
        elif body[i] == "\\":  # a command or an escaped character: copy both characters
            row.append(body[i:i + 2])
            i += 2
            continue
        row.append(body[i])
        i += 1
    rows.append("".join(row))
    out: list[str] = []
    for r in (r.strip() for r in rows):
        if not r:
            continue
        if out and re.match(r"(=|<|>|\\(?:leq?|geq?|approx|sim|equiv|neq?)(?![A-Za-z]))", r):
            try:  # a continuation row "&= c": its left side is the previous row's last side
                r = parse_chain(out[-1]).latex[-1] + " " + r
            except LatexParseError:
                pass
        out.append(r)
    return out


def _membership(tex: str, budget: float, context: dict[str, Any]) -> tuple[Link, ...] | None:
    r"""``a \in I`` for an interval I (today's reader gives none: it does not know ``\in``)."""
    got = split_membership(tex)
    if got is None:
        return None
    lt, rt, S = got
    try:
        chain = parse_chain(lt)
    except (LatexParseError, RecursionError):
        return None
    if chain.ops or chain.values[0] is None:
        return None
    a = chain.values[0]
    if isinstance(a, sympy.Basic) and any(_instance(sym.name, context) is not None for sym in a.free_symbols):
        a = _substitute_context(a, context)
    try:
        with time_budget(budget):
            verdict, reason, ce = judge_membership(a, S, deadline=time.monotonic() + budget, plain=_plain(lt))
    except BudgetExceeded:
        verdict, reason, ce = "unknown", f"ran past the budget of {budget:g} s", None
    except Exception as exc:  # noqa: BLE001 - a checker reports, it never crashes on a formula
        verdict, reason, ce = "unknown", f"{type(exc).__name__}: {str(exc)[:160]}", None
    return (Link(lt, rt, verdict, reason, ce, op="∈"),)


def check_formula(tex: str, budget: float = DEFAULT_LINK_BUDGET,
                  context: dict[str, Any] | None = None, approx_tol: float = DEFAULT_APPROX_TOL) -> tuple[Link, ...]:
    """The links of one formula with their verdicts (``context``: the document's definitions so
    far, updated with this formula's; ``approx_tol``: the largest absolute error of an
    approximation that holds approximately)."""
    context = {} if context is None else context
    rows = _rows(tex)
    if rows is not None:  # an aligned block: each row is a formula of its own
        return tuple(k for row in rows for k in check_formula(row, budget, context, approx_tol))
    at = None
    note = split_limit_note(tex) if re.search(r"\\(sim|approx|simeq)(?![A-Za-z])", tex) else None
    if note is not None:  # "f \\sim g \\text{ as } x \\to \\infty": the limit, then the relation
        tex, at = note
    try:
        chain: Chain = parse_chain(tex)
        if not chain.ops and chain.values[0] is None and "\\simeq" in tex:  # today's reader lacks \simeq
            chain = parse_chain(re.sub(r"\\simeq(?![A-Za-z])", r"\\approx", tex))
    except LatexParseError as exc:
        return (Link(tex, "", "unparsed", str(exc)),)
    except RecursionError:
        return (Link(tex, "", "unparsed", "the formula is nested too deeply"),)
    if not chain.ops and chain.values[0] is None and "\\in" in tex:
        member = _membership(tex, budget, context)
        if member is not None:
            return member
    if not chain.ops:
        v, err = chain.values[0], chain.errors[0]
        if v is None:
            return (Link(chain.latex[0], "", "unparsed", err or "unreadable"),)
        return (Link(chain.latex[0], "", "no claim", "an expression: no relation to check", op=""),)
    links = []
    for i, op in enumerate(chain.ops):
        a, b = chain.values[i], chain.values[i + 1]
        lt, rt = chain.latex[i], chain.latex[i + 1]
        if a is None or b is None:
            links.append(Link(lt, rt, "unparsed", (chain.errors[i] if a is None else chain.errors[i + 1]) or "", op=op))
            continue
        if any(_instance(sym.name, context) is not None for e in (a, b) if isinstance(e, sympy.Basic)
               for sym in e.free_symbols):
            a, b = _substitute_context(a, context), _substitute_context(b, context)
        try:
            with time_budget(budget):
                verdict, reason, ce = _judge(a, b, op, i == 0, budget, lt, rt, approx_tol=approx_tol, at=at)
                if verdict == "definition":
                    _record(a, b, context)
        except BudgetExceeded:
            verdict, reason, ce = "unknown", f"ran past the budget of {budget:g} s", None
        except RecursionError:
            verdict, reason, ce = "unknown", "SymPy recursed too deeply", None
        except MemoryError:
            verdict, reason, ce = "unknown", "SymPy ran out of memory", None
        except Exception as exc:  # noqa: BLE001 - a checker reports, it never crashes on a formula
            verdict, reason, ce = "unknown", f"{type(exc).__name__}: {str(exc)[:160]}", None
        links.append(Link(lt, rt, verdict, reason, ce, op=op))
    return tuple(links)


def _tolerance(approx_tol: float) -> float:
    try:
        tol = float(approx_tol)
    except (TypeError, ValueError):
        raise GlusymError(f"the approximation tolerance must be a number, not {approx_tol!r}") from None
    if not (0 <= tol < float("inf")):
        raise GlusymError(f"the approximation tolerance must be a nonnegative number, got {approx_tol}")
    return tol


def check_text(text: str, budget: float = DEFAULT_LINK_BUDGET, name: str = "<text>",
               approx_tol: float = DEFAULT_APPROX_TOL) -> Report:
    """Check every formula of a Markdown text."""
    tol = _tolerance(approx_tol)
    t0 = time.monotonic()
    context: dict[str, Any] = {}
    formulas = tuple(Formula(line, tex, display, check_formula(tex, budget, context, tol))
                     for line, tex, display in extract_formulas(text))
    return Report(name, formulas, time.monotonic() - t0)


def check_markdown(path: str | Path, budget: float = DEFAULT_LINK_BUDGET,
                   approx_tol: float = DEFAULT_APPROX_TOL) -> Report:
    """Check every formula of a Markdown file (raises GlusymError where it cannot be read)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlusymError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}") from None
    return check_text(text, budget, name=str(path), approx_tol=approx_tol)

"""A formula's links, a text's formulas, a file: the checker's entry points."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
import sympy

from ..bounds import finite_interval
from ..budget import MAX_BUDGET, time_budget, validate_budget
from ..errors import BudgetExceeded, GlusymError
from ..parsing import RelationChain, LatexParseError, parse_chain, split_display
from .context import (CONDITIONS, _record, _record_unread, apply_definitions, by_name, domain_symbols, known,
                      parameter_domains, record_condition, record_mention, shown_domains, stated_names)
from .extract import extract_formulas, extract_text_formulas, is_markdown, math_spans
from .approximation import DEFAULT_APPROX_TOL, split_limit_note
from .judge import _is_new_name, _judge
from .report import DEFAULT_LINK_BUDGET, TRUE_VERDICTS, Formula, Link, Report, Verdict
from .suggest import suggest


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


def _link_budget(budget: Any) -> float:
    """A link's budget in seconds: validated, and None (no limit) as the largest one, a day."""
    seconds = validate_budget(budget)
    return MAX_BUDGET if seconds is None else seconds


def check_formula(tex: str, budget: float | None = DEFAULT_LINK_BUDGET,
                  context: dict[str, Any] | None = None, approx_tol: float = DEFAULT_APPROX_TOL,
                  approx_interval: Any = None) -> tuple[Link, ...]:
    """The links of one formula with their verdicts (``context``: the document's definitions so
    far, updated with this formula's). A budget that is not a number of seconds in (0, 86400] is
    refused at once, with :class:`GlusymError`; None is the largest budget, a day."""
    budget = _link_budget(budget)
    context = {} if context is None else context
    if len(tex) > MAX_FORMULA_CHARS:  # read before any budget: a formula of a megabyte is refused first
        return (Link(tex[:60] + " …", "", Verdict.UNPARSED, f"{len(tex):,} characters of TeX, more than a formula has "
                                                     f"({MAX_FORMULA_CHARS:,}): not read"),)
    rows = _rows(tex)
    if rows is not None:  # an aligned block: each row is a formula of its own
        return tuple(k for row in rows for k in check_formula(row, budget, context, approx_tol, approx_interval))
    pieces = split_display(tex)
    if len(pieces) > 1:  # "f(x) = …, \qquad f'(x) = …": formulas side by side, each on its own
        return tuple(k for piece in pieces for k in check_formula(piece, budget, context, approx_tol, approx_interval))
    approx_tol = _tolerance(approx_tol)
    approx_interval = approximation_interval(approx_interval)
    at = None
    note = split_limit_note(tex) if re.search(r"\\(sim|approx|simeq)(?![A-Za-z])", tex) else None
    if note is not None:  # "f \\sim g \\text{ as } x \\to \\infty": the limit, then the relation
        tex, at = note
    variables = _document_variables(context)
    _note_uses(tex, context)
    try:
        with time_budget(budget):  # reading is inside the link's budget: σ with 12 primes is work
            chain: RelationChain = parse_chain(tex, variables, stated_names(context))
    except LatexParseError as exc:
        return (Link(tex, "", Verdict.UNPARSED, str(exc)),)
    except RecursionError:
        return (Link(tex, "", Verdict.UNPARSED, "the formula is nested too deeply"),)
    except BudgetExceeded:
        return (Link(tex, "", Verdict.UNKNOWN, f"reading the formula ran past the budget of {budget:g} s"),)
    except GlusymError as exc:  # the budget itself refused (nan, 0, 1e10): said in the link
        return (Link(tex, "", Verdict.UNKNOWN, str(exc)),)
    except MemoryError:
        return (Link(tex, "", Verdict.UNKNOWN, "reading the formula ran out of memory: too large"),)
    if not chain.ops:
        v, err = chain.values[0], chain.errors[0]
        if v is None:
            return (Link(chain.latex[0], "", Verdict.UNPARSED, err or "unreadable"),)
        record_mention(v, context)  # "a hyperparameter $\\alpha$": the document names it
        return (Link(chain.latex[0], "", Verdict.NO_CLAIM, "an expression: no relation to check", op=""),)
    links = []
    fresh: set[str] = set()  # the names this formula's conditions constrain (0 < \alpha < 1)
    unit_params = dict(chain.params)
    for i, op in enumerate(chain.ops):
        a, b = chain.values[i], chain.values[i + 1]
        lt, rt = chain.latex[i], chain.latex[i + 1]
        if a is None or b is None:
            links.append(Link(lt, rt, Verdict.UNPARSED, (chain.errors[i] if a is None else chain.errors[i + 1]) or "", op=op))
            if i == 0 and op in ("=", ":=") and a is not None and _is_new_name(a) and not known(a, context):
                _record_unread(a, context)  # a definition that could not be read: no later one replaces it
            continue
        if op == "~" and i == 0 and _distribution(a, b):  # X \sim \mathcal{N}(0, 1): a random variable stated
            _record_distribution(a, b, context)
            links.append(Link(lt, rt, Verdict.DEFINITION, f"states the distribution of {a}", op=op))
            continue
        if op == ":=":  # := \coloneqq \triangleq: a definition by its notation
            if i == 0 and _is_new_name(a):
                _record(a, b, context)
                links.append(Link(lt, rt, Verdict.DEFINITION, f"defines {a}", op=op))
            else:
                links.append(Link(lt, rt, Verdict.UNPARSED, "a definition (:=) of something that is not a new name", op=op))
            continue
        # a name the document defined before is not defined again: saying it is a claim
        again = i == 0 and op == "=" and known(a, context)
        # \alpha > 0: judged "no claim" below (a condition), and remembered for the formulas after it
        condition = op in ("<", ">", "<=", ">=", "in") and record_condition(a, op, b, context, fresh)
        try:
            da, db = apply_definitions(a, context), apply_definitions(b, context)
        except GlusymError as exc:  # a function of the document written as a number
            links.append(Link(lt, rt, Verdict.UNKNOWN, str(exc), op=op))
            continue
        verdict, reason, ce = _link(da, db, op, i, again, condition, chain, unit_params, context, budget, approx_tol, at,
                                    approx_interval)
        if verdict == Verdict.DEFINITION:
            _record(da, db, context)  # as read: the parameters are real symbols there, their domains per link
        elif verdict == Verdict.UNKNOWN and _UNSET_MARK in reason.split(";")[0]:
            # a bound true at glusym's default value: true for every value the parameter may take?
            verdict, reason, ce = _for_every_value(tex, variables, i, op, again, context, budget, approx_tol,
                                                   (at, approx_interval),
                                                   chain, (verdict, reason, ce))
        links.append(Link(lt, rt, verdict, reason, ce, op=op,
                          suggestion=_suggestion(lt, da, db, op, budget, rt) if verdict == Verdict.FAILS else None))
    return tuple(links)


def _distribution(a: Any, b: Any) -> bool:
    r"""``X \sim \mathcal{N}(0, 1)``, ``m \sim \text{Bernoulli}(p)``: a variable and a distribution."""
    from ..parsing.terms import Normal

    return isinstance(a, sympy.Symbol) and (isinstance(b, Normal) or (
        isinstance(b, sympy.core.function.AppliedUndef) and b.func.__name__[:1].isupper()))


def _record_distribution(a: Any, b: Any, context: dict[str, Any]) -> None:
    from ..parsing.terms import Normal

    if isinstance(b, Normal):
        context[a.name] = ("distribution", b)


#: the context's record of how the document writes its names: (alone, before a bracket)
_USES = "_uses"


def _note_uses(tex: str, context: dict[str, Any]) -> None:
    from ..parsing.grammar import name_uses

    alone, applied = name_uses(tex)
    seen = context.setdefault(_USES, (set(), set()))
    seen[0].update(alone)
    seen[1].update(applied)


def _document_variables(context: dict[str, Any]) -> frozenset[str]:
    """The names the document wrote alone in an earlier formula and never before a bracket, and
    does not define as functions: variables and parameters (``\alpha > 0``), so that a later
    ``\alpha(e^x - 1)`` is a product."""
    alone, applied = context.get(_USES, (set(), set()))
    return frozenset(n for n in alone - applied
                     if not isinstance(context.get(n), sympy.Lambda)
                     and not (isinstance(context.get(n), tuple) and isinstance(context[n][1], sympy.Lambda)))


def _link(a: Any, b: Any, op: str, i: int, again: bool, condition: bool, chain: RelationChain,
          unit_params: dict[str, tuple[Any, ...]], context: dict[str, Any], budget: float, approx_tol: float,
          at: Any, approx_interval: Any = None) -> tuple[Verdict, str, Any]:
    """One link judged (definitions substituted): its parameters for their admissible values (a
    unit's, and what the document stated of them), the domain note applied."""
    domain = chain.domain if op != "=" else None
    if domain is None and op == "~=" and approx_interval is not None:  # the configured interval, where none is stated
        domain = approx_interval
    lt, rt = chain.latex[i], chain.latex[i + 1]
    names = {s.name for e in (a, b) if isinstance(e, sympy.Basic) for s in e.free_symbols}
    doms = {} if condition else parameter_domains(names, unit_params, context)
    said = shown_domains(doms)
    if any(S is sympy.S.EmptySet for S in doms.values()):
        return Verdict.UNKNOWN, f"no value of the parameters is admissible ({said})", None
    symbols: dict[str, sympy.Symbol] = {}
    cond: Any = sympy.true
    if doms and op in ("<", ">", "<=", ">=", "in", "~="):  # relations search the domain they are given
        extra = sympy.And(*[S.as_relational(sympy.Symbol(n, real=True)) for n, S in doms.items()])
        domain = extra if domain is None else sympy.And(domain, extra)
    elif doms:  # identities, limits, series: the parameters carry their sign, the rest as a domain
        symbols, cond = domain_symbols(doms)
        a, b = by_name(a, symbols), by_name(b, symbols)
    noted = ""
    if (chain.domain is not None or cond is not sympy.true) and op == "=" \
            and not (i == 0 and _is_new_name(a) and not again):
        # an identity on the domain its note states (and its parameters' admissible values):
        # compared there, 0 = 0 elsewhere
        whole = cond if chain.domain is None else sympy.And(by_name(chain.domain, symbols), cond)
        a, b = (sympy.Piecewise((e, whole), (0, True)) for e in (a, b))
        if chain.domain is not None:
            noted = f"on the domain {chain.domain_latex.strip() or chain.domain}"
    try:
        with time_budget(budget):
            verdict, reason, ce = _judge(a, b, op, i == 0 and not again, budget, lt, rt,
                                         domain=domain, approx_tol=approx_tol,
                                         at=at if at is not None else chain.at)
            if noted and verdict != Verdict.DEFINITION:
                reason = f"{noted}; {reason}" if reason else noted
            if doms and verdict != Verdict.DEFINITION and said not in (reason or ""):
                said = f"for all {said}" if verdict in TRUE_VERDICTS else f"with {said}"
                reason = f"{reason}; {said}" if reason else said
            if verdict in TRUE_VERDICTS and op != "=":
                unset = _unset_parameters(chain, i)
                if unset:  # a bound of ELU holds for glusym's alpha = 1, not for every alpha the author means
                    verdict, reason = Verdict.UNKNOWN, f"{unset}; for that value: {reason}"
    except BudgetExceeded:
        verdict, reason, ce = Verdict.UNKNOWN, f"ran past the budget of {budget:g} s", None
    except RecursionError:
        verdict, reason, ce = Verdict.UNKNOWN, "SymPy recursed too deeply", None
    except MemoryError:
        verdict, reason, ce = Verdict.UNKNOWN, "SymPy ran out of memory", None
    except Exception as exc:  # noqa: BLE001 - a checker reports, it never crashes on a formula
        verdict, reason, ce = Verdict.UNKNOWN, f"{type(exc).__name__}: {str(exc)[:160]}", None
    return verdict, reason, ce


def _suggestion(lhs_tex: str, a: Any, b: Any, op: str, budget: float, rhs_tex: str = "") -> str | None:
    """The right side a failing link's left side has (glusym.check.suggest), within its own budget."""
    try:
        with time_budget(budget):
            return suggest(lhs_tex, a, b, op, time.monotonic() + budget, rhs_tex)
    except Exception:  # noqa: BLE001 - BudgetExceeded, or SymPy failing: no suggestion, the verdict stands
        return None


def _for_every_value(tex: str, variables: Any, i: int, op: str, again: bool, context: dict[str, Any], budget: float,
                     approx_tol: float, at_interval: Any, chain: RelationChain, verdict: tuple[Verdict, str, Any]) -> tuple[Verdict, str, Any]:
    """Link i again, the parameters it left at glusym's default read as the post's symbols over
    their admissible values (ELU's alpha > 0): where it holds for every one it holds whatever value
    the author means (LeakyReLU(x) ∈ ℝ); else the verdict stays ``unknown``."""
    from ..parsing.names import param_names

    left = [p for side in chain.defaults[i:i + 2] for _, p in side if not p.canonical]
    names = {param_names(p)[0] for p in left}
    try:
        with time_budget(budget):
            again_chain = parse_chain(tex, variables, stated_names(context) | names)
            a, b = again_chain.values[i], again_chain.values[i + 1]
            if a is None or b is None or len(again_chain.ops) != len(chain.ops):
                return verdict
            a, b = apply_definitions(a, context), apply_definitions(b, context)
    except (LatexParseError, GlusymError, RecursionError, MemoryError):  # BudgetExceeded is a GlusymError
        return verdict
    at, interval = at_interval
    v, r, ce = _link(a, b, op, i, again, False, again_chain, dict(again_chain.params), context, budget, approx_tol, at,
                     interval)
    if v in TRUE_VERDICTS:
        return v, f"{r} (the formula does not set {', '.join(sorted(names))}: it holds for every value)", ce
    return verdict


#: how the reason of a bound judged at glusym's default value begins (see _unset_parameters)
_UNSET_MARK = " has a parameter the formula does not set"


def _unset_parameters(chain: RelationChain, i: int) -> str:
    """What link i leaves of a unit's parameter at glusym's default, where the name alone does not
    mean that value (ELU's α, not SELU's constants: :attr:`glusym.catalogue.Param.canonical`);
    the reading records it (:attr:`glusym.parsing.RelationChain.defaults`). Empty where nothing is left."""
    sides = chain.defaults[i:i + 2] if chain.defaults else ()
    left = [(u, p) for side in sides for u, p in side if not p.canonical]
    if not left:
        return ""
    from ..catalogue import get

    u, p = left[0]
    unit = get(u)
    ln = unit.latex_name
    shown = ln[len("\\text{"):ln.index("}")] if ln.startswith("\\text{") else unit.name
    return (f"{shown}{_UNSET_MARK} "
            f"({p.name} is glusym's default {unit.param_values[p.name]}; the formula does not write {p.latex} "
            "and the document does not state it)")


def approximation_interval(value: Any) -> Any:
    """The interval an approximation (``≈``) is measured on where its formula states none: None (the
    default, x ∈ [−6, 6]), a pair LOW < HIGH of finite numbers, or a SymPy Interval."""
    if value is None or isinstance(value, sympy.Interval):
        return value
    lo, hi = finite_interval(value, "the approximation interval")
    return sympy.Interval(sympy.Rational(str(lo)), sympy.Rational(str(hi)))


def _tolerance(approx_tol: float) -> float:
    try:
        tol = float(approx_tol)
    except (TypeError, ValueError):
        raise GlusymError(f"the approximation tolerance must be a number, not {approx_tol!r}") from None
    if not (0 <= tol < float("inf")):
        raise GlusymError(f"the approximation tolerance must be a nonnegative number, got {approx_tol}")
    return tol


def check_text(text: str, budget: float | None = DEFAULT_LINK_BUDGET, name: str = "<text>",
               approx_tol: float = DEFAULT_APPROX_TOL, approx_interval: Any = None) -> Report:
    """Check every formula of a Markdown text (a bad ``budget`` or ``approx_tol`` is refused at
    once, with :class:`GlusymError`)."""
    budget = _link_budget(budget)
    t0 = time.monotonic()
    context: dict[str, Any] = {}
    tol = _tolerance(approx_tol)
    interval = approximation_interval(approx_interval)
    formulas = []
    later = _Later()
    local: dict[str, Any] = {}  # names set for one paragraph only, and what they were before
    paragraph, conditional = -1, False
    for span in math_spans(text):
        if span.paragraph != paragraph:
            for n, before in local.items():  # "With β = 0 …" holds to the end of its paragraph
                if before is None:
                    context.pop(n, None)
                else:
                    context[n] = before
            local, paragraph, conditional = {}, span.paragraph, False
        conditional = not span.display and (_CONDITIONAL.search(span.lead) is not None
                                             or (conditional and _CONTINUING.fullmatch(span.lead) is not None))
        before = dict(context) if conditional else None
        later.snapshot(context)
        links = check_formula(span.latex, budget, context, tol, interval)
        later.note(links, context, span.line)
        if before is not None:
            changed = [n for n in context if not n.startswith("_") and context[n] is not before.get(n)
                       and _number_binding(context[n])]  # β = 0; a distribution or a function stays
            for n in changed:
                local.setdefault(n, before.get(n))
            if context.get(CONDITIONS) is not before.get(CONDITIONS):  # "for $\beta > 0$, …": this paragraph's
                local.setdefault(CONDITIONS, before.get(CONDITIONS))
            if changed:
                links = tuple(replace(k, reason=f"sets {k.lhs} for this paragraph only (“{span.lead.strip()} …”)")
                              if k.verdict == Verdict.DEFINITION else k for k in links)
        formulas.append(Formula(span.line, span.latex, span.display, links))
    formulas = later.resolve(formulas, lambda tex, ctx: check_formula(tex, budget, ctx, tol, interval))
    return Report(name, tuple(formulas), time.monotonic() - t0)


_UNDEFINED = re.compile(r"^involves (.+), which the document does not define here$")


class _Later:
    r"""Functions used before the document defines them: "$f'(x) = \beta f(x) + …$, where
    $f(x) = x\sigma(\beta x)$", Goodfellow et al.'s :math:`\log\sigma(x) = -\zeta(-x)` a page
    before :math:`\zeta` is defined. A formula judged ``unknown`` only because it involves names
    the document defines further on is checked again, once, with the first of those later
    definitions and what was known where it stands; its reasons say which definition was used."""

    def __init__(self) -> None:
        self.before: list[dict[str, Any]] = []  # the context where each formula stands
        self.defined: list[tuple[int, str, Any, int]] = []  # (formula index, name, function, line)

    def snapshot(self, context: dict[str, Any]) -> None:
        self.before.append(dict(context))

    def note(self, links: Sequence[Link], context: dict[str, Any], line: int) -> None:
        i, was = len(self.before) - 1, self.before[-1]
        if any(k.verdict == Verdict.DEFINITION for k in links):
            for n, v in context.items():
                if isinstance(v, sympy.Lambda) and was.get(n) is not v:
                    self.defined.append((i, n, v, line))

    @staticmethod
    def _waits(k: Link) -> set[str]:
        """The names a link could not be judged without, else the empty set."""
        m = _UNDEFINED.match(k.reason.split("; ")[0]) if k.verdict == Verdict.UNKNOWN else None
        return {n.strip().rstrip("'") for n in m.group(1).split(",")} if m is not None else set()

    def resolve(self, formulas: list[Formula], check: Callable[[str, dict[str, Any]], tuple[Link, ...]]
                ) -> list[Formula]:
        out = list(formulas)
        for i, f in enumerate(formulas):
            names = set().union(*(self._waits(k) for k in f.links))
            if not names or i >= len(self.before):
                continue
            found = {}
            for j, n, v, line in self.defined:  # j == i: "f'(x) = …, \quad f(x) = σ(x)", defined after it
                if j >= i and n in names and n not in found and n not in self.before[i]:
                    found[n] = (v, line, j)
            if set(found) != names:
                continue
            ctx = dict(self.before[i])
            ctx.update({n: v for n, (v, _, _) in found.items()})
            again = check(f.latex, ctx)
            if len(again) != len(f.links):
                continue
            links = []
            for old, new in zip(f.links, again):  # only the links that waited: a definition stays one
                if not self._waits(old) or new.verdict in (Verdict.NO_CLAIM, Verdict.UNPARSED):
                    links.append(old)
                    continue
                said = ", ".join(f"{n} as defined {'after it in this formula' if j == i else 'below'}, at line {line}"
                                 for n, (_, line, j) in sorted(found.items()) if n in self._waits(old))
                links.append(replace(new, reason=f"{new.reason}; with {said}" if new.reason else f"with {said}"))
            out[i] = replace(f, links=tuple(links))
        return out


def _number_binding(v: Any) -> bool:
    return isinstance(v, tuple) and len(v) == 2 and v[0] == "bound" and isinstance(v[1], sympy.Basic) \
        and v[1].is_number is True


#: the words before an inline formula that make it a condition of its sentence, not a definition
#: for the rest of the document: "With $\beta = 0$ the gate is constant", "for $x = 0$"
_CONDITIONAL = re.compile(r"(?i)\b(with|for|if|when|whenever|at|setting|taking|letting|given|put)\s*$")
_CONTINUING = re.compile(r"\s*(,|and|or|,\s*and)\s*")


#: The largest document ``check`` reads: a post is some kilobytes; checking a document of
#: megabytes of formulas would take hours.
MAX_DOCUMENT_BYTES = 1 << 20


def read_document(path: str | Path) -> str:
    """The text of a document to check; raises GlusymError, in one line, where it cannot be read:
    missing, a folder, not UTF-8, binary (a NUL byte), or larger than 1 MiB. A BOM is dropped."""
    p = Path(path)
    try:
        with p.open("rb") as f:  # read at most the limit: /dev/zero or a pipe never ends
            data = f.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise GlusymError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise GlusymError(f"cannot read {path}: larger than {MAX_DOCUMENT_BYTES >> 20} MiB, not a document to check")
    if b"\0" in data:
        raise GlusymError(f"cannot read {path}: a binary file (it holds NUL bytes), not a text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlusymError(f"cannot read {path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


#: The longest formula of a plain text that is read: no post's formula comes near (the longest
#: of the two documents has 157 characters), and reading takes about 2 s per 10,000 characters,
#: outside any link's budget; a longer run of TeX-like text is reported, not read.
MAX_FORMULA_CHARS = 4000


def check_plain_text(text: str, budget: float | None = DEFAULT_LINK_BUDGET, name: str = "<text>",
                     **options: Any) -> Report:
    """Check every formula of a plain text (found by :func:`extract_text_formulas`: delimited, or
    by its TeX syntax, or, in a page saved from the web, the source after each rendered copy);
    ``options`` go to :func:`check_formula` as they are. A formula longer than
    ``MAX_FORMULA_CHARS`` is ``unparsed``, with its length."""
    budget = _link_budget(budget)
    t0 = time.monotonic()
    context: dict[str, Any] = {}
    formulas = []
    later = _Later()
    for line, tex, display in extract_text_formulas(text):
        later.snapshot(context)
        if len(tex) > MAX_FORMULA_CHARS:
            links: tuple[Link, ...] = (Link(tex[:60] + " …", "", Verdict.UNPARSED,
                                            f"{len(tex)} characters of TeX, more than a formula has "
                                            f"({MAX_FORMULA_CHARS}): not read"),)
        else:
            links = check_formula(tex, budget, context, **options)
        later.note(links, context, line)
        formulas.append(Formula(line, tex, display, links))
    formulas = later.resolve(formulas, lambda tex, ctx: check_formula(tex, budget, ctx, **options))
    return Report(name, tuple(formulas), time.monotonic() - t0)


def check_markdown(path: str | Path, budget: float | None = DEFAULT_LINK_BUDGET,
                   approx_tol: float = DEFAULT_APPROX_TOL) -> Report:
    """Check every formula of a Markdown file (raises GlusymError where it cannot be read)."""
    return check_text(read_document(path), budget, name=str(path), approx_tol=approx_tol)


def check_file(path: str | Path, budget: float | None = DEFAULT_LINK_BUDGET, **options: Any) -> Report:
    """Check every formula of a file, read by its suffix: ``.md``, ``.markdown`` and ``.mdx`` as
    Markdown (:func:`check_markdown`), every other file as plain text (:func:`check_plain_text`).
    Raises GlusymError where it cannot be read."""
    text = read_document(path)
    if is_markdown(path):
        return check_text(text, budget, name=str(path), **options)
    return check_plain_text(text, budget, name=str(path), **options)

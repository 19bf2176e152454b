r"""The claims ledger: the mechanism that turns declared claims into computed verdicts.

A **claim** is a passage of a document — the document, the exact quote — judged under one or more
**readings**, each a list of named **sub-claims**. A sub-claim is a computation by glusym's own
analyses that returns its truth value together with what it computed (a :class:`Finding`). The
verdict is a function of the findings' truth values and of nothing else (:func:`judge`):

- ``holds``: every sub-claim of every reading is true;
- ``fails``: every sub-claim of every reading is false — false under every reasonable reading;
- ``partly``: the rest; the evidence says which reading, which part holds and which fails;
- ``not checkable``: the passage is empirical, a matter of taste or a citation (the reason and the
  reference to look it up are declared), its presuppositions being computed all the same and the
  claim ``fails`` when one is false; or a sub-claim could not be computed (the reason is shown).

The claims of the two documents are project content, not library code: they are declared as data
in ``derivations/ledger/`` (quotes, readings, sub-claims by name and their arguments), where the
derivation scripts read them too, so the scripts and ``glusym claims`` print the same verdicts from
the same computations. This module holds the vocabulary, the types, the judgement, the loading of
a table and the building of the ledger; the formulas of the post are judged by :mod:`glusym.check`,
each link a claim of one sub-claim, the checker's verdict.

>>> def nonneg(m, at):
...     v = m.get("gelu")(at)
...     return bool(v >= 0), f"GELU({at}) = {sympy.N(v, 4)}"
>>> table = Table((ClaimDef("doc.md", "GELU is nonnegative", (Reading("", (Sub("nonneg", (("at", -1),)),)),)),),
...               {"nonneg": nonneg})
>>> row = evaluate(table.claims[0], table, Maths())
>>> row.verdict, row.findings[0].computed
(<ClaimVerdict.FAILS: 'fails'>, 'GELU(-1) = -0.1587')
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import sympy

from .catalogue import Unit, get
from .errors import GlusymError, member

__all__ = ["DOCUMENTS", "VERDICTS", "Claim", "ClaimDef", "ClaimVerdict", "Finding", "Maths", "Reading", "Registry",
           "Sub", "Table", "build_ledger", "claim", "counts", "evaluate", "judge", "load_table", "sub"]

POST = "swiglu-intuition.md"
THREAD = "geglu-geometry.txt"
DOCUMENTS = (POST, THREAD)
class ClaimVerdict(StrEnum):
    """The ledger's vocabulary of verdicts: the only place they are written (a member is its text:
    ``ClaimVerdict.HOLDS == "holds"``, in the JSON and the text alike)."""

    HOLDS = "holds"
    FAILS = "fails"
    PARTLY = "partly"
    NOT_CHECKABLE = "not checkable"


VERDICTS: tuple[ClaimVerdict, ...] = tuple(ClaimVerdict)
HOLDS, FAILS, PARTLY, NOT_CHECKABLE = VERDICTS

#: Where the project's claims are declared (a package folder beside glusym/ in the repository).
DEFAULT_TABLE = Path(__file__).resolve().parents[1] / "derivations" / "ledger"


# ---------------------------------------------------------------------------------------------
# declarations (data)


@dataclass(frozen=True)
class Sub:
    """A sub-claim as declared: the name of its computation in the table's registry and the
    arguments it is called with (pairs, so that the declaration stays frozen)."""

    name: str
    args: tuple[tuple[str, Any], ...] = ()

    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)


@dataclass(frozen=True)
class Reading:
    """One reading of a passage: a label (empty where the passage has one evident reading) and the
    sub-claims that must all be true for the passage to hold under it."""

    label: str
    subclaims: tuple[Sub, ...]


@dataclass(frozen=True)
class ClaimDef:
    """One claim as declared: the document, the exact quote, the readings, a paraphrase where the
    quote is cryptic on its own; for a passage that is not mathematics, why (``unchecked``) and where
    to look it up (``reference``) — its readings then hold its presuppositions, computed still."""

    document: str
    quote: str
    readings: tuple[Reading, ...]
    about: str | None = None
    unchecked: str | None = None
    reference: str | None = None

    def __post_init__(self) -> None:
        if not self.quote.strip():
            raise GlusymError("a claim needs a quote")
        if not self.readings and self.unchecked is None:
            raise GlusymError(f"the claim {self.quote!r} has no sub-claim and no reason why it cannot be checked")
        if self.unchecked is not None and not self.reference:
            raise GlusymError(f"the claim {self.quote!r} cannot be checked: give the reference to look it up")


@dataclass(frozen=True)
class Table:
    """The claims of some documents and the registry of their sub-claims' computations: each is
    called as ``compute(maths, **args)`` and returns ``(truth, what it computed)``."""

    claims: tuple[ClaimDef, ...]
    #: each gives (a truth value: a bool, NumPy's or SymPy's; what it computed)
    registry: Mapping[str, Callable[..., tuple[object, object]]]

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for c in self.claims:
            key = (c.document, c.quote)
            if key in seen:
                raise GlusymError(f"{c.document}: the claim {c.quote!r} is declared twice (one definition per claim)")
            seen.add(key)
            for r in c.readings:
                for s in r.subclaims:
                    if s.name not in self.registry:
                        raise GlusymError(f"{c.document}: the claim {c.quote!r} names the sub-claim {s.name!r}, "
                                          "which the table does not define")

    def find(self, document: str, quote: str) -> ClaimDef:
        """The claim of ``document`` whose quote is ``quote`` (GlusymError if none)."""
        for c in self.claims:
            if c.document == document and c.quote == quote:
                return c
        raise GlusymError(f"{document}: no claim with the quote {quote!r} in the table")


def sub(name: str, **args: Any) -> Sub:
    """A sub-claim declared by name with its arguments: ``sub("gate_range", values=(0, 0.5, 1))``."""
    return Sub(name, tuple(sorted(args.items())))


def claim(document: str, quote: str, *subclaims: Sub, readings: Mapping[str, Sequence[Sub]] | None = None,
          about: str | None = None, unchecked: str | None = None, reference: str | None = None) -> ClaimDef:
    """A claim declared as data: its sub-claims (one evident reading), or ``readings`` (label →
    sub-claims) where the passage reads two ways.

    >>> claim("doc.md", "GELU is nonnegative", sub("nonneg", at=-1)).readings
    (Reading(label='', subclaims=(Sub(name='nonneg', args=(('at', -1),)),)),)
    """
    if subclaims and readings:
        raise GlusymError(f"the claim {quote!r}: give sub-claims or readings, not both")
    declared = (Reading("", tuple(subclaims)),) if subclaims else \
        tuple(Reading(label, tuple(subs)) for label, subs in (readings or {}).items())
    return ClaimDef(document, quote, declared, about, unchecked, reference)


class Registry(dict):  # type: ignore[type-arg]
    """The computations of sub-claims by name; used as a decorator, it registers a function under
    its own name."""

    def __call__(self, compute: Callable[..., tuple[bool, str]]) -> Callable[..., tuple[bool, str]]:
        if compute.__name__ in self:
            raise GlusymError(f"the sub-claim {compute.__name__!r} is defined twice")
        self[compute.__name__] = compute
        return compute


# ---------------------------------------------------------------------------------------------
# the mathematics a ledger is computed from


class Maths:
    """glusym's catalogue as the sub-claims see it, with units replaced where a test asks (``GELU
    defined as Φ``), and a memo so that a fact shared by several sub-claims is computed once.

    >>> Maths().get("gelu").expr
    x*Phi(x)
    """

    def __init__(self, units: Mapping[str, Unit] | None = None) -> None:
        self.units = dict(units or {})
        self._memo: dict[Any, Any] = {}

    def get(self, name: str, **params: Any) -> Unit:
        """The unit ``name`` (a replaced one if given), specialised with ``params``."""
        if name in self.units:
            return self.units[name].with_params(**params) if params else self.units[name]
        return get(name, **params)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per key for this Maths."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


# ---------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Finding:
    """A sub-claim, computed: its name, its truth (``None`` where it could not be computed) and
    what was computed."""

    name: str
    truth: bool | None
    computed: str

    @property
    def mark(self) -> str:
        return {True: "true", False: "false", None: "not computed"}[self.truth]


@dataclass(frozen=True)
class Claim:
    """One row of the ledger: the passage, its verdict, the findings of each reading it was judged
    under, and the evidence and correction written from those findings."""

    document: str
    quote: str
    verdict: ClaimVerdict
    readings: tuple[tuple[str, tuple[Finding, ...]], ...] = ()
    about: str | None = None
    reason: str | None = None
    reference: str | None = None
    line: int | None = None
    evidence: str = field(default="", compare=False)
    correction: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "verdict", member(ClaimVerdict, self.verdict, "a Claim's verdict"))
        if not self.evidence:
            object.__setattr__(self, "evidence", _evidence(self.readings, self.reason, self.reference))
        if self.correction is None and self.verdict in (FAILS, PARTLY):
            object.__setattr__(self, "correction", _correction(self.readings))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for _, fs in self.readings for f in fs)

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "line": self.line, "quote": self.quote, "about": self.about,
                "verdict": self.verdict, "evidence": self.evidence, "correction": self.correction,
                "reason": self.reason, "reference": self.reference,
                "readings": [{"reading": label, "subclaims": [{"name": f.name, "true": f.truth,
                                                               "computed": f.computed} for f in fs]}
                             for label, fs in self.readings]}

    def __str__(self) -> str:
        where = f"{self.document}:{self.line}" if self.line else self.document
        lines = [f"[{self.verdict}] {where}: {self.quote}"]
        if self.about:
            lines.append(f"    ({self.about})")
        lines.append(f"    evidence: {self.evidence}")
        if self.correction:
            lines.append(f"    correction: {self.correction}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        out = [f"**{self.verdict}** — “{self.quote}” ({self.document}"
               + (f", line {self.line})" if self.line else ")")]
        for label, fs in self.readings:
            if label:
                out.append(f"- *reading: {label}*")
            out += [f"  - {f.name}: **{f.mark}** — {f.computed}" if label else f"- {f.name}: **{f.mark}** — {f.computed}"
                    for f in fs]
        if self.reason:
            out.append(f"- not checkable: {self.reason} ({self.reference})")
        if self.correction:
            out.append(f"- correction: {self.correction}")
        return "\n".join(out)


def _evidence(readings: Sequence[tuple[str, Sequence[Finding]]], reason: str | None, reference: str | None) -> str:
    parts = []
    for label, fs in readings:
        text = "; ".join(f"{f.name}: {f.mark}: {f.computed}" for f in fs)
        parts.append(f"reading '{label}': {text}" if label else text)
    if reason:
        parts.append(f"not checkable: {reason}" + (f" (see {reference})" if reference else ""))
    return " | ".join(p for p in parts if p)


def _correction(readings: Sequence[tuple[str, Sequence[Finding]]]) -> str:
    """What is true instead: the computed statements of the false sub-claims."""
    false = [f for _, fs in readings for f in fs if f.truth is False]
    held = [label for label, fs in readings if label and all(f.truth for f in fs)]
    text = "; ".join(dict.fromkeys(f.computed for f in false))
    return (f"true under the reading {', '.join(repr(h) for h in held)}; " if held else "") + f"instead: {text}"


# ---------------------------------------------------------------------------------------------
# the judgement


def _combine(truths: Sequence[bool]) -> ClaimVerdict:
    return HOLDS if all(truths) else FAILS if not any(truths) else PARTLY


def judge(readings: Sequence[Sequence[bool | None]], unchecked: bool = False) -> ClaimVerdict:
    """The verdict from the truth values of the sub-claims of each reading, and nothing else.

    >>> judge([[True, True]]), judge([[False]]), judge([[True, False]]), judge([[True], [False]])
    (<ClaimVerdict.HOLDS: 'holds'>, <ClaimVerdict.FAILS: 'fails'>, <ClaimVerdict.PARTLY: 'partly'>, <ClaimVerdict.PARTLY: 'partly'>)
    >>> [str(judge([[True]], unchecked=True)), str(judge([[False]], unchecked=True)), str(judge([[None]]))]
    ['not checkable', 'fails', 'not checkable']
    """
    flat = [t for r in readings for t in r]
    if any(t is None for t in flat):
        return NOT_CHECKABLE
    if unchecked:
        return NOT_CHECKABLE if all(flat) else FAILS
    if not readings or not all(readings):
        raise GlusymError("a checkable claim needs at least one sub-claim in every reading")
    per = {_combine([bool(t) for t in r]) for r in readings}
    return per.pop() if len(per) == 1 else PARTLY


def _compute(sub: Sub, table: Table, maths: Maths) -> Finding:
    try:
        truth, computed = table.registry[sub.name](maths, **sub.kwargs())
    except GlusymError as exc:
        return Finding(sub.name, None, f"glusym could not compute it: {exc}")
    except Exception as exc:  # a computation that cannot run is reported, never guessed
        return Finding(sub.name, None, f"glusym could not compute it: {type(exc).__name__}: {exc}")
    if not isinstance(truth, (bool, sympy.logic.boolalg.BooleanAtom)) and type(truth).__name__ != "bool_":
        return Finding(sub.name, None, f"the computation returned {truth!r}, not a truth value")
    return Finding(sub.name, bool(truth), str(computed))


def evaluate(claim: ClaimDef, table: Table, maths: Maths | None = None, line: int | None = None) -> Claim:
    """Compute every sub-claim of ``claim`` and judge it."""
    maths = maths or Maths()
    readings = tuple((r.label, tuple(_compute(s, table, maths) for s in r.subclaims)) for r in claim.readings)
    verdict = judge([[f.truth for f in fs] for _, fs in readings], unchecked=claim.unchecked is not None)
    reason = claim.unchecked
    if reason is None and verdict == NOT_CHECKABLE:
        reason = "a sub-claim could not be computed"
    return Claim(claim.document, claim.quote, verdict, readings, claim.about, reason,
                 claim.reference if claim.unchecked is not None else None, line)


# ---------------------------------------------------------------------------------------------
# loading a table, building the ledger


def load_table(folder: Path | str | None = None) -> Table:
    """The table declared in ``folder`` (default: the repository's ``derivations/ledger``), a
    package whose ``TABLE`` is a :class:`Table`."""
    path = Path(folder) if folder is not None else DEFAULT_TABLE
    init = path / "__init__.py"
    if not init.is_file():
        raise GlusymError(f"{path}: no claims table here (a package folder with __init__.py defining TABLE); "
                          "the project's is derivations/ledger in the repository")
    name = f"_glusym_ledger_{abs(hash(str(path.resolve())))}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(path)])
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    table = getattr(sys.modules[name], "TABLE", None)
    if not isinstance(table, Table):
        raise GlusymError(f"{init}: defines no TABLE of claims")
    return table


def _line(text: str, quote: str) -> int:
    return text[:text.index(quote)].count("\n") + 1


def _link_evidence(link: Any) -> str:
    """What the checker computed for a link (its reason; an empty one means the difference of the two
    sides simplified to 0)."""
    from .check import TRUE_VERDICTS

    reason = link.reason or ""
    simplified = "the difference of the two sides simplifies to 0"
    if link.verdict == TRUE_VERDICTS[0]:
        rest, notes = reason, []
        if rest.startswith("limit taken pointwise"):
            notes.append("limit taken pointwise")
            rest = rest[len("limit taken pointwise"):].removeprefix("; ")
        if rest.startswith("except at "):
            notes.append(rest)
            rest = ""
        if not rest:
            reason = "; ".join([simplified, *notes])
    evidence: str = link.verdict + (f": {reason}" if reason else "")
    return evidence


def _states_nothing(link: Any) -> bool:
    """A formula that states no relation: a definition, a bare expression, a condition on its
    variables (an approximation or an inequation the checker does not judge is a claim still)."""
    from .check import Verdict

    nothing: bool = link.verdict == Verdict.DEFINITION or (link.verdict == Verdict.NO_CLAIM and link.reason.startswith(
        ("an expression", "a condition")))
    return nothing


def _formula_rows(path: Path, text: str, budget: float | None) -> list[Claim]:
    """Each link of each formula of the post that states a relation: a claim of one sub-claim, the
    checker's verdict on it (true for ``holds`` and ``holds numerically``, false for ``fails``, not
    computed otherwise: ``unknown``, ``unparsed``, an approximation the checker does not judge). A
    formula that states no relation — an expression, a condition, a definition — gets no row."""
    from .check import FALSE_VERDICT, TRUE_VERDICTS, check_markdown

    report = check_markdown(str(path), budget=budget)
    rows = []
    for formula in report.formulas:
        for link in formula.links:
            if _states_nothing(link):
                continue
            claim = f"{link.lhs} {link.op} {link.rhs}" if link.rhs else link.lhs
            quote = claim if claim in text else formula.latex
            truth = True if link.verdict in TRUE_VERDICTS else False if link.verdict == FALSE_VERDICT else None
            computed = _link_evidence(link)
            if truth is False and link.counterexample:
                computed += f"; counterexample {link.counterexample}; {link.lhs} != {link.rhs}"
            if truth is False and link.suggestion:
                computed += f"; what holds: {link.lhs} = {link.suggestion}"
            finding = Finding("glusym.check", truth, computed)
            verdict = judge([[truth]])
            rows.append(Claim(path.name, quote, verdict, (("", (finding,)),), None,
                              None if truth is not None else f"the checker could not decide it ({link.verdict})",
                              None, formula.line))
    return rows


def build_ledger(documents: Path | str, budget: float | None = 5.0, *, table: Table | Path | str | None = None,
                 maths: Maths | None = None) -> tuple[Claim, ...]:
    """Build the ledger of the two documents in ``documents``: the post's formulas judged by the
    checker, and every claim of ``table`` (default: :func:`load_table`) computed with ``maths``;
    rows in document order. Raises GlusymError if a document is missing or a quote is no longer in
    its document's text."""
    folder = Path(documents)
    texts = {}
    for name in DOCUMENTS:
        p = folder / name
        if not p.is_file():
            raise GlusymError(f"{p}: no such document (the ledger reads {', '.join(DOCUMENTS)} from --documents)")
        texts[name] = p.read_text(encoding="utf-8")
    table = table if isinstance(table, Table) else load_table(table)
    maths = maths or Maths()
    rows: list[Claim] = _formula_rows(folder / POST, texts[POST], budget)
    for c in table.claims:
        if c.document not in texts:
            raise GlusymError(f"the claim {c.quote!r} is of {c.document!r}, not one of {', '.join(DOCUMENTS)}")
        if c.quote not in texts[c.document]:
            raise GlusymError(f"{c.document}: the claim {c.quote!r} is not in the document's text any more")
        rows.append(evaluate(c, table, maths, _line(texts[c.document], c.quote)))
    return tuple(sorted(rows, key=lambda r: (DOCUMENTS.index(r.document), r.line or 0)))


def counts(rows: Iterable[Claim]) -> dict[str, dict[str, int]]:
    """The number of rows per document and verdict, in the order of DOCUMENTS and VERDICTS (a verdict
    no row of a document has is left out).

    >>> f = (("", (Finding("s", True, "computed"),)),)
    >>> counts([Claim(POST, "q", HOLDS, f), Claim(THREAD, "s", HOLDS, f)])
    {'swiglu-intuition.md': {<ClaimVerdict.HOLDS: 'holds'>: 1}, 'geglu-geometry.txt': {<ClaimVerdict.HOLDS: 'holds'>: 1}}
    """
    rows = list(rows)
    out: dict[str, dict[str, int]] = {}
    for doc in [*DOCUMENTS, *sorted({r.document for r in rows} - set(DOCUMENTS))]:
        mine = [r.verdict for r in rows if r.document == doc]
        if mine:
            out[doc] = {v: mine.count(v) for v in VERDICTS if v in mine}
    return out

"""The checker's vocabulary and its results: verdicts, a link, a formula, a file's report."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any


VERDICTS = ("holds", "holds numerically", "holds approximately", "fails", "definition", "unparsed", "unknown",
            "no claim")


#: The checker's verdicts that say a link is true (an approximation within its tolerance is a true
#: claim of an approximation), and the one that says it is false.
TRUE_VERDICTS = ("holds", "holds numerically", "holds approximately")
FALSE_VERDICT = "fails"


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


@dataclass(frozen=True)
class Link:
    """One link ``lhs op rhs`` of a formula and its verdict."""

    lhs: str
    rhs: str
    verdict: str
    reason: str
    counterexample: dict[str, str] | None = None
    op: str = "="
    #: For a link that fails: the right side the left side has, in the post's notation, checked to hold.
    suggestion: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.reason, str) and len(self.reason) > MAX_REASON:  # the text and the JSON alike
            object.__setattr__(self, "reason", cap_reason(self.reason))

    def to_json(self) -> dict[str, Any]:
        return {"lhs": self.lhs, "rhs": self.rhs, "verdict": self.verdict, "reason": self.reason,
                "counterexample": self.counterexample, "suggestion": self.suggestion}


@dataclass(frozen=True)
class Formula:
    """A formula of the post: its line (1-based), its LaTeX and its links."""

    line: int
    latex: str
    display: bool
    links: tuple[Link, ...]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "latex": self.latex, "links": [k.to_json() for k in self.links]}


@dataclass(frozen=True)
class Report:
    """The verdicts on every formula of a file."""

    file: str
    formulas: tuple[Formula, ...]
    seconds: float = 0.0

    @property
    def summary(self) -> dict[str, int]:
        c = Counter(k.verdict for f in self.formulas for k in f.links)
        return {v: c[v] for v in VERDICTS if c[v]}

    @property
    def failed(self) -> bool:
        return any(k.verdict == "fails" for f in self.formulas for k in f.links)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "formulas": [f.to_json() for f in self.formulas], "summary": self.summary}

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


def report_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False)

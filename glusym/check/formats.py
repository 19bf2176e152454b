"""``check``'s reports for CI: GitHub workflow commands, SARIF 2.1.0, JUnit XML.

Each takes the files checked (:class:`glusym.check.files.Checked`, sorted by path) and gives
text. A link is placed at its formula: the line and the 1-based column of the formula's opening
delimiter (or of its TeX where it has none).

- ``github``: ``::error`` for a link that fails (the message: the relation, the reason, the
  counterexample and what holds), ``::warning`` for one that is unparsed or unknown; nothing for
  the others. Data escapes ``%``, CR and LF; properties also ``:`` and ``,`` (GitHub's rules).
- ``sarif``: one run of the driver ``glusym`` with three rules, ``formula-fails`` (error),
  ``formula-unparsed`` and ``formula-unknown`` (warning); a result per such link, its
  location's uri relative to the working folder, columns in Unicode code points; a file that
  cannot be read is a tool execution notification.
- ``junit``: one ``testsuite`` per file, one ``testcase`` per link (name: ``line L:C: the
  relation``); a link that fails has a ``failure``; one unparsed or unknown is ``skipped``, with
  the reason (it was not verified, and it is not a failure); the others pass, their verdict and
  reason in ``system-out``. A file that cannot be read is a testsuite with one ``error``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .files import Checked
from .report import Link, Verdict

WARNED = (Verdict.UNPARSED, Verdict.UNKNOWN)
RULES = (
    ("formula-fails", "error", "A formula's link is false",
     "The checker found a point where the two sides of the link differ (or the relation is false), "
     "confirmed at two precisions; the message gives the counterexample and, where found, what holds."),
    ("formula-unparsed", "warning", "A formula could not be read",
     "The checker could not read the formula's TeX; the message says why. It was not verified."),
    ("formula-unknown", "warning", "A formula's link could not be decided",
     "The budget ran out, or nothing could be evaluated, before a verdict. It was not verified."),
)
_RULE_OF = {Verdict.FAILS: 0, Verdict.UNPARSED: 1, Verdict.UNKNOWN: 2}


def _items(c: Checked) -> Iterator[tuple[int, int, Link]]:
    """(line, column, link) of every link of a file, in the order of the file."""
    assert c.report is not None
    for f, (line, col, _) in zip(c.report.formulas, c.positions or [(f.line, 1, 0) for f in c.report.formulas]):
        for k in f.links:
            yield line, col, k


def message(k: Link) -> str:
    """A link's verdict, relation, reason, counterexample and what holds, on one line."""
    parts = [f"{k.verdict}: {k.relation}"]
    if k.reason:
        parts.append(k.reason)
    if k.counterexample:
        parts.append("counterexample: " + ", ".join(f"{a} = {b}" for a, b in k.counterexample.items()))
    if k.suggestion:
        parts.append(f"what holds: {k.lhs} {k.op} {k.suggestion}")
    return "; ".join(parts)


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def to_github(results: Sequence[Checked]) -> str:
    """GitHub Actions workflow commands, one line per link that fails, is unparsed or is unknown."""
    out = []
    for c in results:
        if c.report is None:
            out.append(f"::error file={_gh_property(c.path)},title=glusym::{_gh_data(c.error or '')}")
            continue
        for line, col, k in _items(c):
            if k.verdict == Verdict.FAILS or k.verdict in WARNED:
                kind = "error" if k.verdict == Verdict.FAILS else "warning"
                out.append(f"::{kind} file={_gh_property(c.path)},line={line},col={col},"
                           f"title={_gh_property('glusym: ' + k.verdict)}::{_gh_data(message(k))}")
    return "".join(s + "\n" for s in out)


def to_problems(results: Sequence[Checked]) -> str:
    """``--quiet``: one line per link that fails, is unparsed or is unknown, as compilers write them
    (``PATH:LINE:COL: fails: the formula; why``); nothing for a file whose formulas all hold."""
    out = []
    for c in results:
        if c.report is None:
            out.append(f"{c.path}: error: {c.error or ''}")
            continue
        for line, col, k in _items(c):
            if k.verdict == Verdict.FAILS or k.verdict in WARNED:
                out.append(f"{c.path}:{line}:{col}: " + message(k).replace("\n", " "))  # message: "fails: …"
    return "".join(s + "\n" for s in out)


def _uri(path: str, cwd: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return p.resolve().as_uri()


def to_sarif(results: Sequence[Checked], cwd: Path | None = None) -> str:
    """A SARIF 2.1.0 log of one run."""
    from .. import __version__

    cwd = Path.cwd() if cwd is None else cwd
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for c in results:
        if c.report is None:
            notifications.append({"level": "error", "message": {"text": c.error or "cannot read"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(c.path, cwd)}}}]})
            continue
        for line, col, k in _items(c):
            i = _RULE_OF.get(k.verdict)
            if i is None:
                continue
            sarif_results.append({
                "ruleId": RULES[i][0], "ruleIndex": i, "level": RULES[i][1],
                "message": {"text": message(k)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(c.path, cwd)},
                                                    "region": {"startLine": line, "startColumn": col}}}],
            })
    rules = [{"id": rid, "name": "".join(w.title() for w in rid.split("-")), "shortDescription": {"text": short},
              "fullDescription": {"text": full}, "defaultConfiguration": {"level": level}}
             for rid, level, short, full in RULES]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "glusym", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return _NOT_XML.sub("", s)


def to_junit(results: Sequence[Checked]) -> str:
    """JUnit XML: a testsuite per file, a testcase per link."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="glusym check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seconds = 0.0
    for c in results:
        suite = ET.SubElement(root, "testsuite", name=_x(c.path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if c.report is None:
            case = ET.SubElement(suite, "testcase", classname=_x(c.path), name="read the file", time="0")
            ET.SubElement(case, "error", message=_x(c.error or ""), type="unreadable")
            counts.update(tests=1, errors=1)
        else:
            seconds += c.report.seconds
            suite.set("time", f"{c.report.seconds:.3f}")
            for line, col, k in _items(c):
                case = ET.SubElement(suite, "testcase", classname=_x(c.path), name=_x(f"line {line}:{col}: {k.relation}"))
                counts["tests"] += 1
                if k.verdict == Verdict.FAILS:
                    el = ET.SubElement(case, "failure", message=_x(message(k)), type="fails")
                    el.text = _x(message(k))
                    counts["failures"] += 1
                elif k.verdict in WARNED:
                    ET.SubElement(case, "skipped", message=_x(message(k)))
                    counts["skipped"] += 1
                else:
                    ET.SubElement(case, "system-out").text = _x(message(k))
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
    for key, n in totals.items():
        root.set(key, str(n))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_json(results: Sequence[Checked]) -> str:
    """Every file's report as ``check --format json`` prints one, and the totals."""
    from .files import totals

    files = [c.report.to_json() if c.report is not None else {"file": c.path, "error": c.error} for c in results]
    return json.dumps({"files": files, "summary": totals(results)}, indent=2, ensure_ascii=False) + "\n"

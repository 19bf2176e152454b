"""What every derivation script shares: its command line, its printing, its claims and its outputs.

A script builds one :class:`Script` (its running state; :class:`glusym.Derivation` is a unit's
derivation, another thing) from its docstring, prints its steps with :meth:`section`,
:meth:`say` and :meth:`show`, checks what it computes with :meth:`check` (exit 1 with a message
when a check is false), takes its verdict on each passage of the document from the claims ledger
with :meth:`claim` (the claim declared in ``derivations/ledger``, computed by the same sub-claims
``glusym claims`` computes, so the two cannot drift) and ends with :meth:`finish`, which prints the
outcomes. ``--latex`` prints the LaTeX snippets (:meth:`tex`),
``-o DIR`` writes them (``DIR/<script>-<name>.tex``), the other files (:meth:`write`) and the
figures (:meth:`figure`, through :mod:`glusym.plotting`, imported only then).

Scripts import this module with their own folder's parent on ``sys.path``::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from _common import Script
"""

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
from pathlib import Path
from typing import Any

import sympy

__all__ = ["Script"]

WIDTH = 100
#: The file format of the figures written with ``-o``.
FIGURE_FORMAT = "svg"


#: The document each folder of scripts is about.
DOCUMENTS = {"swiglu_intuition": "swiglu-intuition.md", "geglu_geometry": "geglu-geometry.txt"}


@functools.lru_cache(maxsize=1)
def _table() -> Any:
    """The claims table of derivations/ledger (the one ``glusym claims`` reads)."""
    from glusym.claims import load_table

    return load_table(Path(__file__).resolve().parent / "ledger")


class Script:
    """The state of one running derivation script."""

    def __init__(self, doc: str | None, argv: list[str] | None = None) -> None:
        doc = doc or ""
        parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("-o", "--output", metavar="DIR", type=Path,
                            help="write the LaTeX snippets (.tex), other outputs and figures to DIR")
        parser.add_argument("--latex", action="store_true", help="also print the LaTeX snippets for the post")
        self.args = parser.parse_args(argv)
        self.script = Path(sys.argv[0]).stem
        self.document = DOCUMENTS.get(Path(sys.argv[0]).resolve().parent.name, "")
        self._maths: Any = None
        self.outcomes: list[tuple[str, str, str]] = []
        self.snippets: list[tuple[str, str]] = []
        self.out: Path | None = self.args.output
        if self.out is not None:
            self.out.mkdir(parents=True, exist_ok=True)
        title = doc.strip().splitlines()[0] if doc.strip() else self.script
        print(title)
        print("=" * min(len(title), WIDTH))

    # -- printing ---------------------------------------------------------------------------

    def section(self, title: str) -> None:
        """Start a step of the derivation."""
        print()
        print(title)
        print("-" * min(len(title), WIDTH))

    def say(self, text: str) -> None:
        """A paragraph of explanation."""
        for para in textwrap.dedent(text).strip().split("\n\n"):
            print(textwrap.fill(" ".join(para.split()), WIDTH, initial_indent="  ", subsequent_indent="  "))

    def show(self, label: str, value: Any) -> None:
        """``label = value`` (a SymPy value printed in one line; strings as they are)."""
        text = value if isinstance(value, str) else sympy.sstr(value)
        print(f"  {label} = {text}" if label else f"  {text}")

    def table(self, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """A small aligned table."""
        cells = [tuple(map(str, header))] + [tuple(map(str, r)) for r in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        for r in cells:
            print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())

    # -- checks and verdicts ------------------------------------------------------------------

    def check(self, condition: Any, message: str) -> None:
        """Assert a computed fact: print it when true, exit 1 with the message when false (or when
        ``condition`` is a SymPy expression that is not decided True)."""
        if condition is True or condition is sympy.true:
            ok = True
        elif condition is None or isinstance(condition, sympy.Basic):
            ok = False  # False, sympy.false, or a relation SymPy could not decide
        else:
            ok = bool(condition)  # numpy booleans
        if not ok:
            raise SystemExit(f"{self.script}: FALSE: {message} (got {condition!r})")
        print(textwrap.fill(f"✓ {message}", WIDTH, initial_indent="  ", subsequent_indent="    "))

    def claim(self, quote: str) -> Any:
        """The ledger's claim on the passage ``quote`` of this script's document, computed from its
        declaration in ``derivations/ledger`` (the same sub-claims ``glusym claims`` computes): its
        findings are printed, ✓ where true and ✗ where false, then its verdict."""
        from glusym.claims import Maths, evaluate

        table = _table()
        if self._maths is None:
            self._maths = Maths()  # one per script, so that the facts its claims share are computed once
        row = evaluate(table.find(self.document, quote), table, self._maths)
        for label, findings in row.readings:
            if label:
                print(textwrap.fill(f"reading: {label}", WIDTH, initial_indent="  ", subsequent_indent="    "))
            for f in findings:
                mark = {True: "✓", False: "✗", None: "?"}[f.truth]
                print(textwrap.fill(f"{mark} {f.name}: {f.computed}", WIDTH, initial_indent="  ",
                                    subsequent_indent="    "))
        if row.reason:
            print(textwrap.fill(f"not checkable: {row.reason} (see {row.reference})", WIDTH, initial_indent="  ",
                                subsequent_indent="    "))
        self.outcomes.append((row.verdict, quote, row.correction or row.evidence))
        print(f"  → the document's “{quote}”: {row.verdict}")
        return row

    # -- outputs ------------------------------------------------------------------------------

    def tex(self, name: str, snippet: str, parse: bool = True) -> None:
        """A LaTeX snippet for the post: printed with ``--latex``, written with ``-o`` to
        ``DIR/<script>-<name>.tex``. ``parse=False`` marks a snippet for display only, one that
        glusym.parse_latex does not read (``\\odot``, ``\\circ``, ``\\sum``): it is printed as
        ``[latex NAME, display]`` and written to ``DIR/<script>-<name>.display.tex``."""
        if not snippet.strip() or "\n" in snippet:
            raise SystemExit(f"{self.script}: LaTeX snippet {name!r} must be one non-empty line")
        self.snippets.append((name, snippet))
        if self.args.latex:
            print(f"  [latex {name}{'' if parse else ', display'}] {snippet}")
        if self.out is not None:
            suffix = ".tex" if parse else ".display.tex"
            (self.out / f"{self.script}-{name}{suffix}").write_text(snippet + "\n", encoding="utf-8")

    def write(self, filename: str, text: str) -> None:
        """Another output (a Mermaid diagram, …), written to ``DIR/<script>-<filename>`` with ``-o``."""
        if self.out is not None:
            path = self.out / f"{self.script}-{filename}"
            path.write_text(text, encoding="utf-8")
            print(f"  wrote {path}")

    def figure(self, name: str, **options: Any) -> None:
        """The figure ``name`` of :mod:`glusym.plotting`, written to ``DIR/<name>.svg`` with ``-o``."""
        if self.out is None:
            print(f"  (figure {name!r}: written with -o DIR)")
            return
        import glusym.plotting  # matplotlib only when a figure is asked for

        fig = glusym.plotting.figure(name, **options)
        path = self.out / f"{name}.{FIGURE_FORMAT}"
        glusym.plotting.save(fig, path)
        print(f"  wrote {path}")

    def finish(self) -> None:
        """Print the outcomes: one line per passage of the document, with its verdict."""
        print()
        print("Outcomes")
        print("--------")
        if not self.outcomes:
            raise SystemExit(f"{self.script}: no claim was checked")
        for verdict, quote, truth in self.outcomes:
            print(f"  [{verdict}] “{quote}”")
            print(textwrap.fill(truth, WIDTH, initial_indent="      ", subsequent_indent="      "))

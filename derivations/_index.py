"""Rewrite the index of derivations/README.md from the scripts' own outcomes.

Runs every script of the two document folders, reads the Outcomes it prints (the ledger's verdict on
each passage, and its evidence or correction), and writes the tables between the README's
``<!-- index -->`` and ``<!-- /index -->`` markers, so that the index says what the scripts compute::

    python derivations/_index.py            # rewrite README.md
    python derivations/_index.py --check    # exit 1 if README.md is not what the scripts print
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
FOLDERS = ("swiglu_intuition", "geglu_geometry")
START, END = "<!-- index -->", "<!-- /index -->"
OUTCOME = re.compile(r"^  \[([a-z ]+)\] “(.*)”$")


def outcomes(script: Path) -> list[tuple[str, str, str]]:
    """(verdict, quote, what was computed) of each passage the script judged."""
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, cwd=HERE.parent)
    if r.returncode != 0:
        raise SystemExit(f"{script.name} exited {r.returncode}: {r.stderr[-2000:]}")
    lines = r.stdout.split("\nOutcomes\n--------\n", 1)[1].splitlines()
    out: list[tuple[str, str, list[str]]] = []
    for line in lines:
        m = OUTCOME.match(line)
        if m:
            out.append((m.group(1), m.group(2), []))
        elif out and line.startswith("      "):
            out[-1][2].append(line.strip())
    return [(v, q, " ".join(t)) for v, q, t in out]


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def index() -> str:
    sys.path.insert(0, str(HERE))
    from _common import _table  # the same table the scripts read

    about = {c.quote: c.about for c in _table().claims}
    parts = []
    for folder in FOLDERS:
        parts += [f"### `{folder}/`", "", "| Script | Passage of the document | Outcome |", "|---|---|---|"]
        for script in sorted((HERE / folder).glob("*.py")):
            if script.name.startswith("_"):
                continue
            first = f"[`{folder}/{script.name}`]({folder}/{script.name})"
            for verdict, quote, text in outcomes(script):
                passage = f"`{cell(quote)}`" + (f" ({cell(about[quote])})" if about.get(quote) else "")
                mark = verdict if verdict == "holds" else f"**{verdict}**"
                parts.append(f"| {first} | {passage} | {mark}: {cell(text)} |")
                first = ""
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 where README.md differs")
    args = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{index()}{END}{tail}"
    if args.check:
        if new != text:
            print("derivations/README.md is not what the scripts print: run python derivations/_index.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

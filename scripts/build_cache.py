"""Write glusym's shipped cache (glusym/data): every simplification, closed-form root search and
presented form that a derivation and the LaTeX of the catalogue ask for, each with a generous budget.

    python scripts/build_cache.py

Run it after a change to the catalogue, the analyses or the printing layer. The tables are keyed
by SymPy's version (one file per version), and every entry is checked when it is read
(glusym.cache), so a stale or wrong entry is ignored, never trusted; tests/test_cache.py checks
that the shipped tables cover the catalogue.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "glusym" / "data"
os.environ["GLUSYM_CACHE"] = str(DATA)
os.environ["GLUSYM_SIMPLIFY_BUDGET"] = "30"  # each simplification, once
os.environ["GLUSYM_PRESENT_BUDGET"] = "30"  # each presentation search, once
os.environ["GLUSYM_SOLVE_BUDGET"] = "5"  # each closed-form root attempt (solveset, solve), once
sys.path.insert(0, str(ROOT))

import glusym  # noqa: E402
from glusym.cli import derivation_text  # noqa: E402
from glusym.latex import PARTS, latex_part  # noqa: E402


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for name in glusym.names():
        unit = glusym.get(name)
        derivation_text(glusym.derive(unit, budget=None), budget=None)
        for part in PARTS:
            latex_part(unit, part, budget=None)
        print(name, flush=True)
    for path in sorted(DATA.glob("*.json")):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

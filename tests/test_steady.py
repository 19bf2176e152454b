"""derive's answer does not depend on the machine's load (benchmarks/steady.py over the catalogue).

The entries whose sections lean on SymPy's slowest steps (Mish's simplifications, quick-GELU's
Lambert W roots, SiLU's) are derived in a fresh process on the machine as it is and again with
both cores busy; the JSON must be the same. The test can fail: a simplification left to a budget
that the busy machine misses gives another JSON (test_cache shows the remembered answer is what
makes it the same).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import steady  # noqa: E402


def test_derive_is_the_same_idle_and_busy() -> None:
    rows = steady.compare(["mish", "quick_gelu", "silu"])
    assert [name for name, same, _, _ in rows if not same] == []

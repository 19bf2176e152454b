"""The hostile corpus (tests/hostile_corpus.py): every case in a fresh process keeps the promise.

An answer or a one-line error, exit 0, 1 or 2 as the case wants, no traceback, no hang, within the
budgets it was given plus a constant, and under the memory bound. The cases run two at a time (the
machine's cores) in a fixture, and each is asserted by its own test.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import hostile_corpus as hostile

CASES = hostile.cases()


def _run(case: hostile.Case) -> hostile.Outcome:
    with tempfile.TemporaryDirectory() as d:
        return hostile.run(case, Path(d))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, hostile.Outcome]:
    with ThreadPoolExecutor(2) as pool:
        return {o.case.name: o for o in pool.map(_run, CASES)}


def test_the_corpus_is_generated_and_named_once() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 150
    assert {"check", "derive", "latex", "claims", "plot"} <= {c.argv[0] for c in CASES if c.argv}
    assert sum(c.code is not None for c in CASES) >= 25


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_a_hostile_case_gets_an_answer_in_time(name: str, outcomes: dict[str, hostile.Outcome]) -> None:
    outcome = outcomes[name]
    assert outcome.problems() == [], (outcome.stderr[-2000:], outcome.stdout[-1000:])


def test_the_promise_is_checked_not_assumed() -> None:
    """A case that breaks the promise is seen to break it: a traceback, a wrong exit, a hang."""
    crash = hostile.Case("crash", code="raise ValueError('boom')", exits=frozenset({0}))
    hang = hostile.Case("hang", code="import time; time.sleep(60)", exits=frozenset({0}), constant=2.0)
    big = hostile.Case("big", code="x = bytearray(1400 << 20); x[::4096] = b'1' * len(x[::4096])",
                       exits=frozenset({0}))
    assert any("traceback" in p for p in _run(crash).problems())
    assert any("exit 1" in p for p in _run(crash).problems())
    slow = _run(hang)
    assert slow.killed and any("no answer" in p for p in slow.problems())
    assert any("MiB" in p for p in _run(big).problems())

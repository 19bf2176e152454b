"""glusym.budget: a time budget interrupts the computation it guards, and only that."""

from __future__ import annotations

import gc
import time

import pytest

from glusym.budget import time_budget
from glusym.errors import BudgetExceeded


def test_a_budget_interrupts_a_loop() -> None:
    t = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            while time.monotonic() - t < 5:
                pass
    assert time.monotonic() - t < 1


def test_a_budget_never_fires_inside_a_gc_callback() -> None:
    # hypothesis registers a gc callback; an alarm that lands in one cannot raise into the
    # computation (Python reports it as unraisable, an error under pytest) and must wait for it
    def slow_callback(phase: str, info: dict) -> None:
        t = time.monotonic()
        while phase == "start" and time.monotonic() - t < 0.02:
            pass

    gc.callbacks.append(slow_callback)
    start = time.monotonic()
    try:
        with pytest.raises(BudgetExceeded):
            with time_budget(0.05):
                while time.monotonic() - start < 5:  # garbage, so that the collector runs, and a pause
                    [[] for _ in range(1000)]
                    pause = time.monotonic()
                    while time.monotonic() - pause < 0.003:
                        pass
    finally:
        gc.callbacks.remove(slow_callback)
    assert time.monotonic() - start < 1


def test_sympys_lazy_imports_are_not_charged_to_a_budget() -> None:
    """sympy.simplify imports sympy.physics.units on its first call (0.2-0.4 s); in a fresh process
    the first budget starts its clock only after that import."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from glusym.budget import time_budget\n"
        "assert 'sympy.physics.units' not in sys.modules\n"
        "with time_budget(5.0):\n"
        "    assert 'sympy.physics.units' in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_an_alarm_while_a_budget_is_entered_or_left_leaves_no_stale_budget() -> None:
    """Many short budgets inside one that runs out: the alarm lands, sooner or later, while an inner
    budget is being entered or left. Raised there, it left an entry on the stack whose deadline had
    passed, and every later alarm raised anywhere (a formula's parsing, outside any budget, ran
    "past its time budget of 5 s"). An inner budget entered inside a spent one stops at once."""
    import glusym.budget as budget

    start = time.monotonic()
    for i in range(300):
        with pytest.raises(BudgetExceeded):
            with time_budget(0.002 + (i % 7) * 1e-4):
                while True:
                    t = time.monotonic()
                    try:
                        with time_budget(0.0015):
                            sum(range(3000))
                    except BudgetExceeded:
                        if time.monotonic() - t < 0.0015 - 1e-3:
                            raise  # the outer budget's
        assert not budget._stack
    assert time.monotonic() - start < 10


def test_an_alarm_that_waits_is_armed_again_only_while_a_budget_is_on_the_stack() -> None:
    """An alarm landing in a budget's own bookkeeping waits (is armed again a little later); after
    the last budget has been left, it must not be: SIGALRM's default action ends the process."""
    import signal
    import sys

    import glusym.budget as budget

    frame = sys._getframe()
    code = budget._arm.__code__

    class Frame:  # a frame inside the bookkeeping: _arm, called from here
        f_code, f_back = code, frame

    saved = list(budget._stack)
    try:
        budget._stack.clear()
        budget._handler(signal.SIGALRM, Frame())
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        budget._stack.append((time.monotonic() + 60, 60.0))
        budget._handler(signal.SIGALRM, Frame())
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 1e-3
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        budget._stack[:] = saved


def test_a_budget_entered_inside_a_spent_one_raises_at_once() -> None:
    import glusym.budget as budget

    saved = list(budget._stack)
    budget._stack[:] = [(time.monotonic() - 1, 0.5)]  # an outer budget whose deadline has passed
    try:
        with pytest.raises(BudgetExceeded, match="0.5 s"):
            with time_budget(10):
                pass
        assert len(budget._stack) == 1  # nothing pushed, nothing left behind
    finally:
        budget._stack[:] = saved

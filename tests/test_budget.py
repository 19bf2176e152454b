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
    """sympy.simplify imports sympy.physics.units on its first call (0.1-0.4 s); in a fresh process
    a short budget (under WARM_BELOW) starts its clock only after that import, and so does a
    simplification that is not remembered; a long budget does not pay for it (a run that never
    simplifies does not import it)."""
    import subprocess
    import sys

    short = (
        "import sys\n"
        "from glusym.budget import WARM_BELOW, time_budget\n"
        "assert 'sympy.physics.units' not in sys.modules\n"
        "with time_budget(WARM_BELOW * 5):\n"
        "    assert 'sympy.physics.units' not in sys.modules\n"
        "with time_budget(WARM_BELOW / 2):\n"
        "    assert 'sympy.physics.units' in sys.modules\n"
    )
    simplified = (
        "import os, sys\n"
        "os.environ['GLUSYM_CACHE'] = 'off'\n"
        "import sympy\n"
        "from glusym import cache\n"
        "seen = []\n"
        "x = sympy.Symbol('x')\n"
        "cache.simplified(sympy.exp(x) * sympy.exp(-x) + x, lambda: seen.append('sympy.physics.units' in sys.modules) or x + 1)\n"
        "assert seen == [True], seen\n"
    )
    for code in (short, simplified):
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


# ---------------------------------------------------------------------------------------------
# no state survives a bad call (issue 15)

import signal
import types

import glusym
from glusym import budget as _budget
from glusym.budget import MAX_BUDGET, validate_budget
from glusym.errors import GlusymError

BAD = [float("nan"), float("inf"), -float("inf"), 0, 0.0, -1, -1e-9, 1e10, MAX_BUDGET * 1.0001, 10**400,
       "5", b"5", True, False, 1 + 1j, [5], object()]


def _state() -> tuple[object, tuple[float, float], list]:
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL), list(_budget._stack)


def _good_calls_still_work() -> None:
    """What the issue saw fail after one bad budget: every later budgeted call in the process."""
    assert glusym.taylor(glusym.get("gelu"), 4).polynomial is not None
    (link,) = glusym.check_formula(r"\sigma(0) = 1")
    assert link.verdict == "fails", link
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            while True:
                pass


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_a_bad_budget_is_refused_before_anything_is_installed(bad: object) -> None:
    before = _state()
    with pytest.raises(GlusymError) as info:
        time_budget(bad)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and len(message) < 200 and "budget must be" in message
    assert _state() == before
    _good_calls_still_work()


def test_good_budgets() -> None:
    import numpy as np

    assert validate_budget(None) is None
    assert validate_budget(3) == 3.0 and isinstance(validate_budget(3), float)
    assert validate_budget(np.float64(0.5)) == 0.5
    assert validate_budget(MAX_BUDGET) == MAX_BUDGET


_MISH, _SWIGLU = glusym.get("mish"), glusym.get("swiglu")
PUBLIC = {
    "taylor": lambda b: glusym.taylor(_MISH, budget=b),
    "taylor of a stack": lambda b: glusym.taylor(glusym.stack(_MISH, 2), budget=b),
    "derive": lambda b: glusym.derive(_MISH, budget=b),
    "asymptotes": lambda b: glusym.asymptotes(_MISH, budget=b),
    "growth_order": lambda b: glusym.growth_order(_MISH, budget=b),
    "extrema": lambda b: glusym.extrema(_MISH, budget=b),
    "inflections": lambda b: glusym.inflections(_MISH, budget=b),
    "stationary_sets": lambda b: glusym.stationary_sets(_MISH, budget=b),
    "critical_points": lambda b: glusym.critical_points(_SWIGLU, budget=b),
    "param_limits": lambda b: glusym.param_limits(glusym.get("swish"), budget=b),
    "gradient": lambda b: glusym.gradient(_MISH, budget=b),
    "hessian": lambda b: glusym.hessian(_SWIGLU, budget=b),
    "growth_profile": lambda b: glusym.growth_profile(glusym.stack(_MISH, 2), budget=b),
    "order_table": lambda b: glusym.order_table([_MISH], [1, 2], budget=b),
}


@pytest.mark.parametrize("bad", [float("nan"), 1e10, 0, -1, float("inf"), "5"], ids=repr)
@pytest.mark.parametrize("name", list(PUBLIC))
def test_every_public_function_refuses_a_bad_budget_up_front(name: str, bad: object) -> None:
    before = _state()
    start = time.monotonic()
    with pytest.raises(GlusymError, match="budget must be"):
        PUBLIC[name](bad)
    assert time.monotonic() - start < 30  # refused, not computed (generous: a loaded machine)
    assert _state() == before
    _good_calls_still_work()


@pytest.mark.parametrize("check", ["check_text", "check_formula", "check_plain_text"])
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1e10, 0, -1, "5"], ids=repr)
def test_the_checker_refuses_a_bad_budget_up_front_and_is_not_poisoned(check: str, bad: object) -> None:
    from glusym.check import formula

    before = _state()
    with pytest.raises(GlusymError, match="budget must be"):
        getattr(formula, check)(r"$\sigma(0) = 1$", budget=bad)
    assert _state() == before
    _good_calls_still_work()
    report = glusym.check_text(r"$\sigma(0) = 1$", budget=None)  # None: no limit, as everywhere
    assert report.failed


def test_the_previous_handler_and_timer_are_restored() -> None:
    calls: list[int] = []

    def theirs(signum: int, frame: object) -> None:
        calls.append(signum)

    old = signal.signal(signal.SIGALRM, theirs)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100.0)
        with time_budget(5):
            with time_budget(1):
                pass
        assert signal.getsignal(signal.SIGALRM) is theirs
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 100.0
        # a timer that comes due while a budget runs still reaches its handler
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with time_budget(60):
            start = time.monotonic()
            while not calls and time.monotonic() - start < 30:
                pass
        assert calls == [signal.SIGALRM]
        assert signal.getsignal(signal.SIGALRM) is theirs and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("how", ["returns", "raises", "runs out", "inner runs out"])
def test_every_way_out_restores_the_state(how: str) -> None:
    before = _state()
    try:
        with time_budget(5):
            with time_budget(0.02 if how == "inner runs out" else 5):
                if how == "raises":
                    raise ValueError("the body fails")
                if how in ("runs out", "inner runs out"):
                    while True:
                        pass
    except (ValueError, BudgetExceeded):
        pass
    assert _state() == before


def test_an_alarm_while_a_budget_closes_waits_for_it_to_close() -> None:
    """The handler called in the frame that closes a budget (where an exception would leave the
    stack and the handler half restored) returns without raising; once closed, it raises."""
    b = time_budget(0.01)
    with pytest.raises(BudgetExceeded):
        with time_budget(0.01):
            b.__enter__()
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                start = time.monotonic()
                while time.monotonic() - start < 0.05:  # both deadlines pass, the alarm blocked
                    pass
                closing = types.SimpleNamespace(f_code=_budget._EXIT, f_locals={"self": b}, f_back=None)
                _budget._handler(signal.SIGALRM, closing)  # no exception: b is not closed yet
                b.__exit__(None, None, None)
                assert _budget._stack and b not in _budget._stack
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
            while True:  # the outer budget, re-armed by the close, still fires
                pass
    assert _state()[2] == []


def test_many_deadlines_at_the_edge_of_the_body_leave_no_state() -> None:
    """Bodies that end about when their budget does, so that alarms land while budgets close."""
    before = _state()
    for i in range(3000):
        seconds = 0.0005 + 0.0001 * (i % 10)
        try:
            with time_budget(1.0):
                try:
                    with time_budget(seconds):
                        start = time.monotonic()
                        while time.monotonic() - start < seconds:
                            pass
                except BudgetExceeded:
                    pass
        except BudgetExceeded:
            pytest.fail("the outer budget of 1 s cannot run out in a body of about a millisecond")
        assert _state() == before, i


# ---------------------------------------------------------------------------------------------
# order, terms and depth arguments: a documented limit, checked before work starts


@pytest.mark.parametrize("call, limit", [
    (lambda n: glusym.taylor(glusym.get("gelu"), order=n), "from 1 to 640"),
    (lambda n: glusym.taylor(glusym.get("swiglu"), order=n), "from 1 to 640"),
    (lambda n: glusym.derive(glusym.get("gelu"), order=n), "from 1 to 640"),
    (lambda n: glusym.taylor_coefficients(glusym.x, glusym.x, n), "from 1 to 640"),
    (lambda n: glusym.asymptotes(glusym.get("gelu"), terms=n), "from 1 to 64"),
    (lambda n: glusym.stack(glusym.get("gelu"), n), "from 1 to 64"),
], ids=["taylor", "taylor of a gated unit", "derive", "taylor_coefficients", "asymptotes", "stack"])
@pytest.mark.parametrize("n", [10**6, 10**5000, 0, -3, 2.5, "6"], ids=["1e6", "1e5000", "0", "-3", "2.5", "str"])
def test_order_arguments_have_a_limit_checked_up_front(call: object, limit: str, n: object) -> None:
    start = time.monotonic()
    with pytest.raises(GlusymError) as info:
        call(n)  # type: ignore[operator]
    assert time.monotonic() - start < 30  # refused, not computed (generous: a loaded machine)
    message = str(info.value)
    assert limit in message and "\n" not in message and len(message) < 200, message


def test_a_stacks_order_times_depth_is_limited_in_derive_too() -> None:
    with pytest.raises(GlusymError, match="beyond the limit of 640"):
        glusym.derive(glusym.stack(glusym.get("silu"), 64), order=11)


def test_an_alarm_in_a_gc_callback_while_a_budget_closes_is_not_armed_again() -> None:
    """A gc callback run while the last budget closes (its frame below __exit__'s): the alarm
    waits for the close, and nothing arms the timer again once the previous handler is back
    (SIGALRM's default would end the process)."""
    before = _state()
    b = time_budget(5)
    b.__enter__()
    try:
        closing = types.SimpleNamespace(f_code=_budget._EXIT, f_locals={"self": b}, f_back=None)
        callback = types.SimpleNamespace(f_code=_budget._ENTER, f_locals={}, f_back=closing)
        signal.setitimer(signal.ITIMER_REAL, 0)
        _budget._handler(signal.SIGALRM, callback)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        b.__exit__(None, None, None)
    assert _state() == before

"""Time budgets for SymPy computations that can run long.

SymPy is pure Python, so a computation can be interrupted between bytecodes: a budget arms
``SIGALRM`` (an interval timer) and the handler raises :class:`~glusym.errors.BudgetExceeded`
inside the computation. Budgets nest: an inner budget never outlives the outer one.

Outside the main thread (where signals cannot be delivered) or on a platform without
``SIGALRM`` a budget is not enforced; glusym's own entry points (the CLI, the tests) run in the
main thread.

>>> from glusym.budget import time_budget
>>> from glusym.errors import BudgetExceeded
>>> try:
...     with time_budget(0.05):
...         while True:
...             pass
... except BudgetExceeded as e:
...     print(e)
ran past its time budget of 0.05 s
"""

from __future__ import annotations

import gc
import math
import signal
import threading
import time
from collections.abc import Iterator
import contextlib
from contextlib import contextmanager
from typing import Any

from .errors import BudgetExceeded

__all__ = ["time_budget", "DEFAULT_BUDGET"]

#: Seconds a single analysis may take by default.
DEFAULT_BUDGET = 10.0

_stack: list[tuple[float, float]] = []  # (deadline, seconds asked)


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _unraisable(frame: Any) -> bool:
    """Whether the signal arrived inside a garbage-collector callback or a finaliser, where an
    exception raised cannot reach the computation (Python reports it as unraisable instead, which
    pytest turns into an error: hypothesis registers a gc callback)."""
    callbacks = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    while frame is not None:
        if frame.f_code in callbacks or frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def _bookkeeping(frame: Any) -> bool:
    """Whether the signal arrived while a budget is being entered or left (its stack pushed or
    popped, its timer armed): raised there, the exception would leave the stack with an entry that
    outlives its budget, whose deadline has passed, and every later alarm would raise anywhere."""
    codes = _BOOKKEEPING
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def _handler(signum: int, frame: Any) -> None:
    # an alarm that waits is armed again only while a budget is on the stack: the last budget's exit
    # disarms the timer before it gives back the previous handler (SIGALRM's default ends the process)
    if _unraisable(frame):  # try again in a millisecond, back in the computation
        if _stack:
            signal.setitimer(signal.ITIMER_REAL, 1e-3)
        return
    if _bookkeeping(frame):  # entering or leaving a budget takes some microseconds
        if _stack:
            signal.setitimer(signal.ITIMER_REAL, 1e-4)
        return
    now = time.monotonic()
    # the innermost budget whose deadline has passed is the one that ran out
    for deadline, seconds in reversed(_stack):
        if deadline <= now + 1e-4:
            raise BudgetExceeded(f"ran past its time budget of {seconds:g} s")
    if _stack:  # spurious early wake-up: re-arm
        signal.setitimer(signal.ITIMER_REAL, max(min(d for d, _ in _stack) - now, 1e-4))


def _arm() -> None:
    if _stack:
        remaining = min(d for d, _ in _stack) - time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-4))
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


_warmed = False


def _warm() -> None:
    """SymPy's one-time lazy imports, before the first clock starts: ``sympy.simplify`` imports
    ``sympy.physics.units`` on its first call (0.2-0.4 s), which would otherwise be charged to
    whichever budget ran first (Mish' simplifies in 0.65 s of a 1 s budget; with the import, a
    first call in a process came to 0.86 s)."""
    global _warmed
    if not _warmed:
        _warmed = True
        import sympy.physics.units  # noqa: F401


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body for at most ``seconds`` (None or inf: no limit) or raise BudgetExceeded."""
    if seconds is None or math.isinf(seconds) or not _enforceable():
        yield
        return
    _warm()
    if seconds <= 0:
        raise BudgetExceeded(f"ran past its time budget of {seconds:g} s")
    now = time.monotonic()
    for deadline, outer in reversed(_stack):  # inside a budget already spent: stop now, not at an alarm
        if deadline <= now + 1e-4:
            raise BudgetExceeded(f"ran past its time budget of {outer:g} s")
    previous = signal.getsignal(signal.SIGALRM)
    signal.signal(signal.SIGALRM, _handler)
    entry = (now + seconds, seconds)
    _stack.append(entry)
    try:
        _arm()
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even where the alarm arrives on the way out: the entry goes, the timer follows the rest
            for k in range(len(_stack) - 1, -1, -1):
                if _stack[k] is entry:
                    del _stack[k]
                    break
            if _stack:
                _arm()
            else:  # an alarm that waited meanwhile armed the timer again: disarmed, with the stack empty
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


#: the code that enters and leaves a budget, where an alarm waits (see :func:`_bookkeeping`)
_BOOKKEEPING = frozenset({time_budget.__wrapped__.__code__, _arm.__code__,  # type: ignore[attr-defined]
                          contextlib._GeneratorContextManager.__enter__.__code__,
                          contextlib._GeneratorContextManager.__exit__.__code__})

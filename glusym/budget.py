"""Time budgets for SymPy computations that can run long, and the bounds every budget must keep.

SymPy is pure Python, so a computation can be interrupted between bytecodes: a budget arms
``SIGALRM`` (an interval timer) and the handler raises :class:`~glusym.errors.BudgetExceeded`
inside the computation. Budgets nest: an inner budget never outlives the outer one.

A budget is a number of seconds, ``0 < seconds <=`` :data:`MAX_BUDGET` (one day), or None for no
limit. Anything else (nan, 0, a negative number, inf, 1e10, a string, a bool) is refused with a
one-line :class:`~glusym.errors.GlusymError` when the budget is made, before anything is
installed: :func:`validate_budget` is the check, and every public function that takes a
``budget`` calls it first.

What a budget installs is restored on every way out (the body returns, raises, or the alarm
fires while the budget is being closed): the ``SIGALRM`` handler that was there before, the
interval timer that was running before (with the time it had left; it fires at once if it came
due meanwhile) and glusym's own stack of deadlines.

Outside the main thread (where signals cannot be delivered) or on a platform without
``SIGALRM`` a budget is validated but not enforced; glusym's own entry points (the CLI, the
tests) run in the main thread.

>>> from glusym.budget import time_budget
>>> from glusym.errors import BudgetExceeded
>>> try:
...     with time_budget(0.05):
...         while True:
...             pass
... except BudgetExceeded as e:
...     print(e)
ran past its time budget of 0.05 s
>>> time_budget(float("nan"))
Traceback (most recent call last):
...
glusym.errors.GlusymError: budget must be a number of seconds > 0 and <= 86400 (or None for no limit), got nan
"""

from __future__ import annotations

import gc
import math
import numbers
import signal
import threading
import time
import weakref
from types import TracebackType
from typing import Any

from .errors import BudgetExceeded, GlusymError, shown

__all__ = ["DEFAULT_BUDGET", "MAX_BUDGET", "integer_digits", "time_budget", "tree_size", "validate_budget"]

#: Seconds a single analysis may take by default.
DEFAULT_BUDGET = 10.0

#: The longest budget glusym accepts, in seconds (one day); None means no limit.
MAX_BUDGET = 86_400.0


def validate_budget(seconds: Any, what: str = "budget") -> float | None:
    """``seconds`` as a float, or None (no limit); a :class:`GlusymError` for anything else.

    >>> validate_budget(5), validate_budget(None)
    (5.0, None)
    >>> validate_budget(-1)
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: budget must be a number of seconds > 0 and <= 86400 (or None for no limit), got -1
    """
    if seconds is None:
        return None
    rule = f"{what} must be a number of seconds > 0 and <= {MAX_BUDGET:g}" + \
        ("" if what.startswith("--") else " (or None for no limit)")
    if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
        raise GlusymError(f"{rule}, got {shown(seconds)} ({type(seconds).__name__})")
    try:
        value = float(seconds)
    except (OverflowError, ValueError):  # an int too large for a float
        raise GlusymError(f"{rule}, got {shown(seconds)}") from None
    if not (0 < value <= MAX_BUDGET):  # also nan and inf
        raise GlusymError(f"{rule}, got {value:g}")
    return value


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _defer(frame: Any) -> str | None:
    """Why the alarm cannot raise where it landed, or None where it can.

    ``"closing"``: inside a budget's ``__exit__`` before the budget is closed (an exception there
    would leave the stack and handler half restored; the close re-arms for the budgets still
    open). ``"retry"``: inside a budget's ``__enter__`` (an exception there would skip its
    ``__exit__``), or inside a garbage-collector callback or a finaliser, where an exception
    cannot reach the computation (Python reports it as unraisable instead, which pytest turns
    into an error: hypothesis registers a gc callback)."""
    callbacks = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    why = None
    while frame is not None:  # the whole chain: closing wins (a gc callback run while a budget closes)
        code = frame.f_code
        if code is _EXIT:
            owner = frame.f_locals.get("self")
            if owner is not None and not owner._closed:
                return "closing"
        elif code is _ENTER or code in callbacks or code.co_name == "__del__" or code is _FINALIZE:
            why = "retry"
        frame = frame.f_back
    return why


#: a weakref.finalize callback runs where an exception is unraisable, as in __del__
_FINALIZE = weakref.finalize.__call__.__code__

_stack: list[time_budget] = []  # the open budgets, outermost first
# what the outermost budget replaced: (handler, deadline of the timer that ran, its interval)
_previous: tuple[Any, float | None, float] | None = None


def _handler(signum: int, frame: Any) -> None:
    why = _defer(frame)
    if why == "closing":
        return
    if why == "retry":  # try again in a millisecond, back in the computation
        if _stack:  # never with no budget open: the handler given back may be SIGALRM's default
            signal.setitimer(signal.ITIMER_REAL, 1e-3)
        return
    now = time.monotonic()
    # the innermost budget whose deadline has passed is the one that ran out
    for budget in reversed(_stack):
        if budget._deadline <= now + 1e-4:
            raise BudgetExceeded(f"ran past its time budget of {budget.seconds:g} s")
    if _previous is not None and _previous[1] is not None and _previous[1] <= now + 1e-4:
        _forward(signum, frame)  # the timer that ran before the budgets came due: its handler's turn
    _arm()  # a spurious early wake-up: re-arm


def _forward(signum: int, frame: Any) -> None:
    global _previous
    assert _previous is not None
    handler, deadline, interval = _previous
    _previous = (handler, deadline + interval if interval > 0 and deadline is not None else None, interval)
    if callable(handler):
        handler(signum, frame)
    elif handler == signal.SIG_DFL:  # what the alarm would have done: end the process
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGALRM)


def _arm() -> None:
    deadlines = [b._deadline for b in _stack]
    if _previous is not None and _previous[1] is not None:
        deadlines.append(_previous[1])
    if deadlines:
        signal.setitimer(signal.ITIMER_REAL, max(min(deadlines) - time.monotonic(), 1e-4))
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


_warmed = False
#: Budgets shorter than this (seconds) warm SymPy's lazy imports first (:func:`_warm`).
WARM_BELOW = 2.0


def _warm() -> None:
    """SymPy's one-time lazy imports, before the first clock starts: ``sympy.simplify`` imports
    ``sympy.physics.units`` on its first call (0.2-0.4 s), which would otherwise be charged to
    whichever budget ran first (Mish' simplifies in 0.65 s of a 1 s budget; with the import, a
    first call in a process came to 0.86 s). Done before a budget under :data:`WARM_BELOW`
    seconds, where the import would be a large part of it, and before a simplification that is
    not remembered (:func:`glusym.cache.simplified`); a run that never simplifies (a derivation
    read from the cache) does not pay for it."""
    global _warmed
    if not _warmed:
        _warmed = True
        import sympy.physics.units  # noqa: F401


class time_budget:  # noqa: N801 - used as a function: ``with time_budget(5):``
    """Run the body for at most ``seconds`` (None: no limit) or raise BudgetExceeded.

    ``seconds`` is validated when the budget is made (:func:`validate_budget`), before anything
    is installed. A class rather than a generator, so that closing it is one frame the alarm
    handler recognises: an alarm that lands while a budget is being closed waits until the
    handler, timer and stack are restored, then fires for the budgets still open.
    """

    __slots__ = ("seconds", "_deadline", "_active", "_closed")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = validate_budget(seconds)
        self._deadline = math.inf
        self._active = False
        self._closed = False

    def __enter__(self) -> None:
        global _previous
        if self.seconds is None or not _enforceable():
            return
        if self.seconds < WARM_BELOW:
            _warm()
        now = time.monotonic()
        for outer in reversed(_stack):  # inside a budget already spent: stop now, not at a later alarm
            if outer._deadline <= now + 1e-4:
                raise BudgetExceeded(f"ran past its time budget of {outer.seconds:g} s")
        # the handler defers an alarm that lands in this frame or below it (see _defer)
        if not _stack:
            handler = signal.getsignal(signal.SIGALRM)
            remaining, interval = signal.getitimer(signal.ITIMER_REAL)
            _previous = (signal.SIG_DFL if handler is None else handler,
                         time.monotonic() + remaining if remaining > 0 else None, interval)
            signal.signal(signal.SIGALRM, _handler)
        self._closed = False
        self._deadline = time.monotonic() + self.seconds
        _stack.append(self)
        self._active = True
        _arm()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        global _previous
        if not self._active:
            return
        # an alarm that lands before _closed is set is ignored (see _defer): nothing here raises;
        # every step is a call into C, so no frame below this one can be running when it lands
        signal.setitimer(signal.ITIMER_REAL, 0)
        if self in _stack:
            _stack.remove(self)
        self._active = False
        if not _stack and _previous is not None:
            handler, deadline, interval = _previous
            _previous = None
            signal.signal(signal.SIGALRM, handler)
            if deadline is not None:  # the timer that ran before, with the time it had left
                signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-4), interval)
            self._closed = True
            return
        self._closed = True
        _arm()


_ENTER = time_budget.__enter__.__code__
_EXIT = time_budget.__exit__.__code__


# ---------------------------------------------------------------------------------------------
# sizes: what is checked before work that an alarm cannot interrupt (or that would outlast it)


def tree_size(expr: Any) -> int:
    """The number of nodes of ``expr`` as a tree (what a printer or a tree walk visits), counted
    over its distinct subexpressions, so in time linear in the shared graph: a chain of 64
    SwiGLU layers is a graph of a few hundred nodes and a tree of about 10^20.

    >>> from sympy import Symbol, sin
    >>> x = Symbol("x")
    >>> tree_size(x), tree_size(sin(x) + x)
    (1, 4)
    """
    sizes: dict[int, int] = {}
    keep: list[Any] = [expr]  # ids are only unique while the objects live
    todo: list[tuple[Any, bool]] = [(expr, False)]
    while todo:  # iterative: a deeply nested expression is no RecursionError
        e, ready = todo.pop()
        if id(e) in sizes:
            continue
        args = getattr(e, "args", ())
        if ready:
            sizes[id(e)] = 1 + sum(sizes[id(a)] for a in args)
            continue
        todo.append((e, True))
        for a in args:
            if id(a) not in sizes:
                keep.append(a)
                todo.append((a, False))
    return sizes[id(expr)]


def _digits(n: int) -> int:
    bits = abs(n).bit_length()
    return len(str(abs(n))) if bits < 14_000 else int(bits * 0.30102999566398120) + 1


def integer_digits(expr: Any) -> int:
    """The most decimal digits of an integer (numerator or denominator) in ``expr`` (about, past
    4,000 digits): Python refuses to print an integer of more than 4,300 digits, and multiplies
    large ones in C, where no alarm interrupts it.

    >>> from sympy import Rational, Symbol
    >>> integer_digits(Rational(1, 2**100) * Symbol("x"))
    31
    """
    seen: set[int] = set()
    keep: list[Any] = [expr]
    todo = [expr]
    most = 0
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        keep.append(e)
        if getattr(e, "is_Rational", False):
            most = max(most, _digits(int(e.p)), _digits(int(e.q)))
        todo.extend(getattr(e, "args", ()))
    return most

r"""A disk cache of SymPy's slow simplifications, so that an answer does not depend on the machine's load.

``sympy.simplify`` of a catalogue entry's derivative can take from milliseconds to minutes (Mish″
0.7 s, the tanh form of GELU″ 84 s); run within a budget, its result would change with how busy
the machine is. :func:`simplified` runs it once with a generous budget and remembers the outcome
— the simpler form, or that there is none within the budget — in a file keyed by the expression
(``sympy.srepr``) and SymPy's version, so that every later run gives the same answer at once.

Nothing read from the cache is trusted: an entry is read back by :func:`from_srepr`, which builds
SymPy objects from a whitelist of classes and literals and runs no code (never ``eval``), and a
simpler form is used only after it is checked equal to the expression it replaces, at 30 digits
at seven points. An entry that fails to read, or to check, is ignored and recomputed; a stale
entry (another SymPy) is never looked up, since the version is part of the key.

The cache lives in ``$GLUSYM_CACHE`` (a directory), else ``$XDG_CACHE_HOME/glusym``, else
``~/.cache/glusym``; ``GLUSYM_CACHE=off`` turns it off, the shipped table with it. A cache that
cannot be written (a read-only home) is simply not kept. glusym ships the table for its own
catalogue (``glusym/data``, written by ``scripts/build_cache.py``), so that the first run on a
fresh machine is as steady as the later ones. The presentation step of :mod:`glusym.printing`
(the form a paper prints, a search within a budget) is remembered the same way.

>>> from sympy import Symbol, exp
>>> x = Symbol("x", real=True)
>>> from_srepr(sympy.srepr(exp(x) / (1 + exp(x))))
exp(x)/(exp(x) + 1)
>>> from_srepr("__import__('os').system('true')")
Traceback (most recent call last):
...
ValueError: not a SymPy object: Call is not allowed
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import mpmath
import sympy

from .budget import _warm as warm
from .functions import Phi, elementary, phi, sigmoid, softplus

__all__ = ["cache_dir", "equal_at_points", "from_srepr", "remembered", "simplified"]

#: The classes and constants :func:`from_srepr` may build, by the names ``sympy.srepr`` writes.
_CLASSES: dict[str, Any] = {name: getattr(sympy, name) for name in (
    "Symbol", "Dummy", "Integer", "Rational", "Float", "Add", "Mul", "Pow", "exp", "log", "sqrt", "tanh", "sinh",
    "cosh", "sech", "csch", "coth", "sin", "cos", "tan", "atan", "erf", "erfc", "Abs", "sign", "Heaviside", "Max",
    "Min", "Piecewise", "LambertW", "StrictGreaterThan", "StrictLessThan", "GreaterThan",
    "LessThan", "Equality", "Unequality", "And", "Or", "Not", "Tuple", "ImmutableDenseMatrix")}
_CLASSES.update({"ExprCondPair": sympy.functions.elementary.piecewise.ExprCondPair, "sigmoid": sigmoid, "Phi": Phi, "phi": phi, "softplus": softplus})
_CONSTANTS: dict[str, Any] = {"pi": sympy.pi, "E": sympy.E, "oo": sympy.oo, "zoo": sympy.zoo, "nan": sympy.nan,
                              "true": sympy.true, "false": sympy.false, "Half": sympy.S.Half,
                              "One": sympy.S.One, "Zero": sympy.S.Zero, "NegativeOne": sympy.S.NegativeOne,
                              "Infinity": sympy.oo, "NegativeInfinity": -sympy.oo}
#: The longest text :func:`from_srepr` reads (a cached entry is a derivative, not a megabyte).
MAX_TEXT = 200_000

_lock = threading.Lock()
#: The keys of entries found unreadable or unequal in this process (for tests and reports).
rejected: list[str] = []
#: The kinds and keys computed in this process, not found (for tests: the shipped tables' cover).
computed: list[tuple[str, str]] = []


def from_srepr(text: str) -> Any:
    """The SymPy object ``sympy.srepr`` wrote as ``text``, built from a whitelist of classes and
    literals; anything else (a name outside it, an attribute, an operator) is a ValueError."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ValueError("not a SymPy object: not text of a readable size")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ValueError(f"not a SymPy object: {type(exc).__name__}") from None
    return _build(tree.body)


def _build(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)) and \
            not (isinstance(node.value, int) and abs(node.value) >= 10**4000):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, (ast.Constant, ast.Name)):
        return -_build(node.operand)  # -1, and -oo as srepr writes it
    if isinstance(node, ast.Tuple):
        return tuple(_build(e) for e in node.elts)
    if isinstance(node, ast.List):
        return [_build(e) for e in node.elts]
    if isinstance(node, ast.Name):
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        raise ValueError(f"not a SymPy object: {node.id} is not allowed")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        cls = _CLASSES.get(node.func.id)
        if cls is None:
            if node.func.id in _CONSTANTS and not node.args and not node.keywords:
                return _CONSTANTS[node.func.id]
            raise ValueError(f"not a SymPy object: {node.func.id} is not allowed")
        args = [_build(a) for a in node.args]
        kwargs = {k.arg: _build(k.value) for k in node.keywords if k.arg is not None}
        if len(kwargs) != len(node.keywords):
            raise ValueError("not a SymPy object: ** arguments are not allowed")
        if node.func.id in ("Symbol", "Dummy"):
            if not (len(args) == 1 and isinstance(args[0], str) and all(isinstance(v, bool) for v in kwargs.values())):
                raise ValueError("not a SymPy object: a symbol is a name and its assumptions")
            return sympy.Symbol(args[0], **kwargs)
        if node.func.id in ("Integer", "Rational", "Float") and not all(isinstance(a, (int, str)) for a in args):
            raise ValueError("not a SymPy object: a number is made of literals")
        if node.func.id == "Float":  # Float('1.702', precision=53)
            return sympy.Float(args[0], precision=kwargs.get("precision", 53))
        if node.func.id == "ImmutableDenseMatrix":
            return sympy.ImmutableDenseMatrix(*args)
        return cls(*args, **kwargs)
    raise ValueError(f"not a SymPy object: {type(node).__name__} is not allowed")


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off (``GLUSYM_CACHE=off``)."""
    chosen = os.environ.get("GLUSYM_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "0", "off", "no", "false") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "glusym"


def _name(kind: str) -> str:
    return f"{kind}-sympy-{sympy.__version__}.json"


def _path(kind: str) -> Path | None:
    d = cache_dir()
    return None if d is None else d / _name(kind)


#: The tables shipped with glusym for its catalogue (``scripts/build_cache.py`` writes them), for
#: the SymPy version it was made with; read-only, and checked as any entry is.
SHIPPED = Path(__file__).resolve().parent / "data"

_memory: dict[str, dict[str, str | None]] = {}


def _read(path: Path) -> dict[str, str | None]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if isinstance(k, str) and (v is None or isinstance(v, str))}


def _table(kind: str) -> dict[str, str | None]:
    if kind not in _memory:
        path = _path(kind)
        shipped = {} if cache_dir() is None and os.environ.get("GLUSYM_CACHE") is not None else \
            _read(SHIPPED / _name(kind))
        _memory[kind] = {**shipped, **({} if path is None else _read(path))}
    return _memory[kind]


def _store(kind: str, key: str, value: str | None) -> None:
    table = _table(kind)
    table[key] = value
    path = _path(kind)
    if path is None:
        return
    with _lock:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(table, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)  # atomic: a reader sees the old table or the new one
        except OSError:
            pass


def _key(expr: sympy.Basic) -> str:
    return hashlib.sha256(sympy.srepr(expr).encode()).hexdigest()


_POINTS = ("-7.3", "-2.09", "-0.71", "0.013", "0.58", "1.93", "6.1")


def equal_at_points(a: sympy.Expr, b: sympy.Expr) -> bool:
    """``a`` and ``b`` agree to 30 digits at seven points of each free symbol (a symbol's sign as
    its assumptions say); False also where they cannot be evaluated."""
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    ea, eb = elementary(a), elementary(b)
    with mpmath.workdps(40):
        for k, _ in enumerate(_POINTS):
            point = {}
            for j, s in enumerate(symbols):
                t = sympy.Float(_POINTS[(k + 3 * j) % len(_POINTS)], 40)
                point[s] = abs(t) if (s.is_positive or s.is_nonnegative) else -abs(t) if s.is_negative else t
            try:
                va, vb = sympy.N(ea.xreplace(point), 40), sympy.N(eb.xreplace(point), 40)
                if va.has(sympy.nan) or vb.has(sympy.nan):
                    return False
                if va == vb:
                    continue
                d = abs(complex(va - vb))
                if not d <= 1e-28 * max(1.0, abs(complex(va))):
                    return False
            except (TypeError, ValueError, ZeroDivisionError, OverflowError):
                return False
    return True


def remembered(kind: str, key: str, compute: Any, check: Any) -> Any:
    """``compute()`` — a pair (value, keep) — remembered on disk under ``kind`` and ``key``: a
    remembered value (None allowed) is read back by :func:`from_srepr` and used only where
    ``check(value)`` holds; a computed one is stored only where ``keep`` (a search that ran out of
    time is not an answer to remember)."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    table = _table(kind)
    if digest in table:
        text = table[digest]
        try:
            value = None if text is None else from_srepr(text)
            if check(value):
                return value
        except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
            pass
        rejected.append(digest)
    computed.append((kind, digest))
    value, keep = compute()
    if keep:
        _store(kind, digest, None if value is None else sympy.srepr(value))
    return value


def simplified(expr: sympy.Expr, compute: Any) -> sympy.Expr | None:
    """The simpler form of ``expr`` that ``compute()`` finds (None: none), remembered on disk.

    A remembered form is used only after it is read back safely and checked equal to ``expr``
    (:func:`equal_at_points`); one that fails is recomputed. ``compute`` is called at most once
    per expression and SymPy version, however many processes ask."""
    key = _key(expr)
    table = _table("simplify")
    if key in table:
        text = table[key]
        if text is None:
            return None
        try:
            value = from_srepr(text)
            if isinstance(value, sympy.Basic) and equal_at_points(expr, value):
                return value
        except (ValueError, TypeError, RecursionError, MemoryError, AttributeError):
            pass
        rejected.append(key)  # unreadable or not equal: recomputed, never trusted
    computed.append(("simplify", key))
    warm()  # SymPy's simplify imports sympy.physics.units on its first call: not charged to a budget
    value = compute()
    if value is not None and not equal_at_points(expr, value):
        value = None
    _store("simplify", key, None if value is None else sympy.srepr(value))
    return value

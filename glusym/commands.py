"""The commands of the command line but ``check`` (list, derive, order, latex, claims, plot), and
the text and JSON reports of a derivation. :mod:`glusym.cli` parses the arguments first and
imports this module only then, so that a usage error never loads SymPy; it is the command line's
own layer, above everything it formats (the library computes; this module only formats)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sympy
from sympy import Expr

from .analysis.depth import MAX_DEPTH, MAX_TERMS, Chain, order_table, stack
from .analysis.series import MAX_ORDER
from .budget import integer_digits, time_budget, tree_size, validate_budget
from .catalogue import CATALOGUE, DECIMALS, Unit, get
from .errors import BudgetExceeded, GlusymError, NotDerived, shown
from .functions import elementary, to_sympy
from . import printing

__all__ = ["derivation_json", "derivation_text", "present"]


# ---------------------------------------------------------------------------------------------
# formatting (the library computes; this module only formats)


#: The largest expression the text report pretty-prints: nodes of its tree (printing walks the
#: whole tree; SiLU's Taylor polynomial to order 300 has 749 and prints in 0.25 s) and digits of
#: its longest number.
_TEXT_NODES, _TEXT_DIGITS = 2000, 1000
#: A pretty-printed formula taller or wider than this is shown on one line instead (at most
#: _TEXT_LINE characters): 64 nested LeakyReLUs pretty-print to 266 rows of 2,300 columns.
_TEXT_ROWS, _TEXT_COLUMNS, _TEXT_LINE = 40, 400, 4000
#: The largest expression the JSON writes out (Python refuses to print an integer of more than
#: 4,300 digits; a tree of 20,000 nodes prints in about a second).
_JSON_NODES, _JSON_DIGITS = 20_000, 4000


def _size_note(expr: Any, nodes: int, digits: int) -> str | None:
    """Why ``expr`` is too large to print within ``nodes`` and ``digits``, or None. Both are
    counted over the shared graph, never by walking the tree (a deep stack is a tree of 10^20)."""
    n = tree_size(expr)
    if n > nodes:
        return f"an expression of {n if n < 10**6 else f'{float(n):.1e}'} nodes"
    d = integer_digits(expr)
    if d > digits:
        return f"an expression with a number of {d} digits"
    return None


def _s(expr: Any) -> str:
    """An expression the library computed, as a string of SymPy's own function names (what a
    reader of the JSON may parse back; glusym itself never reads a string as an expression).
    Raises _TooLarge past the JSON's limits."""
    expr = to_sympy(expr, "a formatted expression")
    note = _size_note(expr, _JSON_NODES, _JSON_DIGITS)
    if note is not None:
        raise _TooLarge(note)
    return str(elementary(expr))


class _TooLarge(Exception):
    """An expression past the limits of what is printed; the message names its size."""


_T = TypeVar("_T")
_F = TypeVar("_F")


class _Printing:
    """One budget shared by everything a report prints: what the sections derived can take long
    to print even within the size limits (SymPy's rewrite of 64 nested sigmoids' gradient, 4,545
    nodes, to exp takes 15 s and printing it 5 s more). Past the deadline an expression is not
    printed and the report says so."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = validate_budget(seconds)
        self.deadline = None if self.seconds is None else time.monotonic() + self.seconds

    def __call__(self, fn: Callable[[], _T], fallback: Callable[[str], _F]) -> _T | _F:
        """``fn()`` within what is left of the budget, else ``fallback(why)``; also where SymPy's
        printer recurses too deeply (64 nested Φ written with erfc) or memory runs out."""
        late = f"not printed: printing ran past its budget of {self.seconds or 0:g} s"  # None: never late
        remaining = None if self.deadline is None else self.deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return fallback(late)
        try:
            with time_budget(remaining):
                return fn()
        except BudgetExceeded:
            return fallback(late)
        except RecursionError:
            return fallback("not printed: nested too deeply for SymPy's printer")
        except MemoryError:
            return fallback("not printed: too large (out of memory)")


_printing = _Printing(None)  # the budget of the report being printed (none outside derive)


@contextmanager
def _printing_budget(seconds: float | None) -> Iterator[None]:
    global _printing
    outer, _printing = _printing, _Printing(seconds)
    try:
        yield
    finally:
        _printing = outer


class _Readable(sympy.printing.str.StrPrinter):  # type: ignore[misc]  # sympy has no stubs: StrPrinter is Any
    """One-line formulas for tables: σ, Φ, φ by name and Piecewise as ``a if c else b``."""

    def _print_sigmoid(self, e: Any) -> str:
        return f"σ({self._print(e.args[0])})"

    def _print_Phi(self, e: Any) -> str:
        return f"Φ({self._print(e.args[0])})"

    def _print_phi(self, e: Any) -> str:
        return f"φ({self._print(e.args[0])})"

    def _print_Float(self, e: Any) -> str:
        out: str = sympy.printing.str.StrPrinter._print_Float(self, sympy.Float(e, 8))
        return out

    def _print_Piecewise(self, e: Any) -> str:
        parts = []
        for value, cond in e.args[:-1]:
            parts.append(f"{self._print(value)} if {self._print(cond)}")
        last_v, last_c = e.args[-1]
        tail = self._print(last_v) if last_c == sympy.true else f"{self._print(last_v)} if {self._print(last_c)}"
        return "(" + " else ".join(parts + [tail]) + ")"


def _readable(expr: Any) -> str:
    out: str = _Readable().doprint(printing.decimal_form(expr, DECIMALS))
    return out


def _pretty(expr: Any) -> str:
    return printing.pretty(expr, DECIMALS)


def derivation_json(d: Any, budget: float | None = None) -> dict[str, Any]:
    """The derivation as the JSON object ``derive --format json`` prints. An expression too large
    to print, or left when the printing ``budget`` (seconds, None: no limit) runs out, is null, and
    ``not_shown`` says where and why."""
    with _printing_budget(budget):
        return _derivation_json(d)


def _derivation_json(d: Any) -> dict[str, Any]:
    u: Unit = d.unit
    not_shown: dict[str, str] = {}

    def s(expr: Any, where: str) -> str | None:
        def late(why: str) -> None:
            not_shown[where] = why

        try:
            return _printing(lambda: _s(expr), late)
        except _TooLarge as exc:
            not_shown[where] = str(exc)
            return None

    definition, reason = _expression(d)
    if reason is not None:  # a deep stack's nested expression is not built
        not_shown["expression"] = reason
    out: dict[str, Any] = {
        "name": u.name,
        "kind": u.kind,
        "variables": [v.name for v in u.variables],
        "params": {k: str(v) for k, v in u.values},
        "expression": None if definition is None else s(definition, "expression"),
        "latex": None,
        "gradient": None if d.gradient is None else [s(g, f"gradient.{i}") for i, g in enumerate(d.gradient)],
        "hessian": None if d.hessian is None else [[s(e, f"hessian.{i}.{j}") for j, e in enumerate(row)]
                                                   for i, row in enumerate(d.hessian.tolist())],
        "taylor": None,
        "asymptotes": None,
        "extrema": None,
        "inflections": None,
        "param_limits": None,
        "not_derived": {name: _hinted(reason) for name, reason in d.not_derived},
    }
    if out["expression"] is not None:
        out["latex"] = sympy.latex(definition)
    if d.taylor is not None:
        t = d.taylor
        out["taylor"] = {
            "order": t.order,
            "polynomial": None if t.polynomial is None else s(t.polynomial, "taylor.polynomial"),
            "one_sided": None if t.polynomial is not None else {
                t.side_text(i): s(p, f"taylor.one_sided.{t.side_text(i)}") for i, (_, p) in enumerate(t.sides)},
        }
    if d.asymptotes is not None:
        a = d.asymptotes

        def behaviour(beh: Any) -> dict[str, Any]:
            at = f"asymptotes.{beh.direction}"
            oblique = None if beh.asymptote is None else s(beh.asymptote, f"{at}.oblique")
            return {
                "limit": s(beh.limit, f"{at}.limit"),
                "leading": None if beh.leading is None else s(beh.leading, f"{at}.leading"),
                "oblique": oblique,
                "expansion": None if beh.expansion is None else s(beh.expansion, f"{at}.expansion"),
                "growth_order": _order_str(beh.growth_order),
                "exact": beh.exact,
                "not_derived": dict(beh.not_derived),
            }

        out["asymptotes"] = {"variable": a.variable.name, "ray": "x_g = x_v = t" if a.ray else None,
                             **{beh.direction: behaviour(beh) for beh in (a.plus, a.minus)}}
    if d.extrema is not None:
        out["extrema"] = [
            {"at": {v.name: s(val, f"extrema.{i}.at.{v.name}") for v, val in p.at},
             "value": s(p.value, f"extrema.{i}.value"), "kind": p.kind, "exact": p.exact}
            for i, p in enumerate(d.extrema)
        ]
    if d.stationary is not None:
        out["stationary_sets"] = [{"region": st.region, "value": s(st.value, f"stationary_sets.{i}.value")}
                                  for i, st in enumerate(d.stationary)]
    if d.inflections is not None:
        out["inflections"] = [{"at": {v.name: s(val, f"inflections.{i}.at.{v.name}") for v, val in p.at},
                               "exact": p.exact} for i, p in enumerate(d.inflections)]
    if d.level_set is not None:
        out["level_set"] = {"c": s(d.level_set.c, "level_set.c"), "x_v": s(d.level_set.solution, "level_set.x_v"),
                            "condition": d.level_set.condition}
        zero = getattr(d, "zero_level_set", None)
        if zero is not None:
            out["level_set"]["zero_set"] = zero.zero_set
    if getattr(d, "range", None) is not None:
        out["range"] = {"interval": d.range.interval, **{
            word: {"value": s(b.value, f"range.{word}.value"), "attained": b.attained, "where": list(b.where),
                   "exact": b.exact} for word, b in (("infimum", d.range.infimum), ("supremum", d.range.supremum))}}
    if getattr(d, "standings", None) is not None:
        out["standings"] = [{"kind": st.kind, "scope": st.scope, "where": st.where_text(), "flat": st.flat,
                             "value": s(st.value, f"standings.{i}.value"), "exact": st.exact}
                            for i, st in enumerate(d.standings)]
    if getattr(d, "kinks", None) is not None:
        out["kinks"] = [{"variable": k.variable.name, "at": s(k.at, f"kinks.{i}.at"), "value": s(k.value, f"kinks.{i}.value"),
                         "continuous": k.continuous, "differentiable": k.differentiable,
                         "convention": None if k.convention is None else s(k.convention, f"kinks.{i}.convention"),
                         **{f"{side}_{what}": s(getattr(k, f"{side}_{what}"), f"kinks.{i}.{side}_{what}")
                            for side in ("left", "right") for what in ("value", "derivative", "series")}}
                        for i, k in enumerate(d.kinks)]
    if getattr(d, "directions", None) is not None:
        out["directions"] = [{"theta": dr.theta, "cos_sign": dr.cos_sign, "sin_sign": dr.sin_sign,
                              "leading": s(dr.leading, f"directions.{i}.leading"), "growth": dr.growth,
                              "limit": s(dr.limit, f"directions.{i}.limit")} for i, dr in enumerate(d.directions)]
    if isinstance(u, Chain):  # a stack's depth, and its growth orders where derived
        out["depth"], out["growth"] = u.depth, None
    if getattr(d, "growth", None) is not None:
        g = d.growth
        out["depth"] = g.depth
        out["growth"] = {
            "+oo": _order_str(g.plus.order), "-oo": _order_str(g.minus.order),
            "derivative": {"+oo": _order_str(g.derivative_plus.order), "-oo": _order_str(g.derivative_minus.order)},
            "order_at_0": {label: _order_str(v) for label, v in g.at_zero},
            "derivative_order_at_0": {label: _order_str(v) for label, v in g.derivative_at_zero},
        }
    if d.param_limits is not None:
        out["param_limits"] = {
            pl.param: {**{_end_label(end, side): None if lim is None
                          else s(lim, f"param_limits.{pl.param}.{_end_label(end, side)}") for end, side, lim in pl.ends},
                       "not_derived": dict(pl.not_derived)}
            for pl in d.param_limits
        }
    out["not_shown"] = not_shown
    return out


#: A gradient or Hessian entry with more operations than this is not pretty-printed in the text report.
_TEXT_OPS = 120


def _printable(expr: Any) -> bool:
    return _size_note(expr, _TEXT_NODES, _TEXT_DIGITS) is None


def _small(expr: Any) -> bool:
    return _printable(expr) and bool(sympy.count_ops(expr) <= _TEXT_OPS)


def _too_big(expr: Any) -> str:
    note = _size_note(expr, _TEXT_NODES, _TEXT_DIGITS) or f"an expression of {sympy.count_ops(expr)} operations"
    where = "too long to show here (--format json prints it, within its budget)" if _size_note(expr, _JSON_NODES, _JSON_DIGITS) is None \
        else "too large to print"
    return f"{note}, {where}"


def _inline(expr: Any) -> str:
    """A value on one line (str), or its size where too large to print."""
    if not _printable(expr):
        return f"<{_too_big(expr)}>"
    return _printing(lambda: str(expr), lambda why: f"<{why}>")


def _block(title: str, lines: list[str]) -> list[str]:
    return [title, "-" * len(title), *lines, ""]


def _indent(text: str, prefix: str = "  ") -> list[str]:
    return [prefix + line for line in text.splitlines()]


def present(expr: Any) -> Any:
    r"""An expression as a paper prints it (:func:`glusym.printing.present`: σ(−x), softplus,
    :math:`\varphi`, sech, factored; each rewrite verified equal), or as it is where too large."""
    expr = to_sympy(expr, "a presented expression")
    if not _printable(expr):
        return expr
    return printing.present(expr, DECIMALS, budget=_PRESENT_BUDGET)


#: Seconds the presentation of one formula of a report may take; past it the formula is shown
#: as derived, so that a slow rewrite never costs the report's own printing budget.
_PRESENT_BUDGET = 0.75


def _eq(lhs: str, expr: Any, rel: str = "=") -> list[str]:
    if not _printable(expr):
        return [f"  {lhs} {rel} <{_too_big(expr)}>"]
    expr = _printing(lambda: present(expr), lambda why: expr)
    pretty = _printing(lambda: _pretty(expr), lambda why: f"\0{why}")
    if pretty.startswith("\0"):
        return [f"  {lhs} {rel} <{pretty[1:]}>"]
    rows = pretty.splitlines()
    if len(rows) > _TEXT_ROWS or max(map(len, rows), default=0) > _TEXT_COLUMNS:  # nested Piecewise grow as boxes
        line = _printing(lambda: _readable(expr), lambda why: f"<{why}>")
        rows = [line if len(line) <= _TEXT_LINE else f"<{_too_big(expr)}>"]
    if len(rows) == 1:
        return [f"  {lhs} {rel} {rows[0]}"]
    pad = " " * (len(lhs) + len(rel) + 4)
    mid = len(rows) // 2
    return [(f"  {lhs} {rel} " if i == mid else pad) + r for i, r in enumerate(rows)]


#: The longest reason printed on one line; a longer one is cut, the cut marked with "…".
MAX_REASON = 300


def _cap(text: str, limit: int = MAX_REASON) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _expression(d: Any) -> tuple[Any, str | None]:
    """(the unit's expression, None), or (None, why it is not built): a stack's nested expression
    is built by ``derive`` within its budget, never here, where no budget runs."""
    why = dict(d.not_derived).get("expression")
    if why is not None:
        return None, why
    try:
        return d.unit.expr, None
    except NotDerived as exc:
        return None, str(exc)


def _definition(d: Any, f: str) -> list[str]:
    """The unit's formula; for a stack whose nested expression is too large to print (or to
    build), its layer and depth."""
    u = d.unit
    expr, reason = _expression(d)
    if reason is None and not _printable(expr):
        reason = _too_big(expr)
    if reason is None:
        return _eq(f, expr)
    if not isinstance(u, Chain):
        return [f"  {f} = <{reason}>"]
    layer = "layer 1 (a_1, b_1: its weights)" if u.weights else "each layer"
    return [f"  {f} = g_{u.depth}(… g_1(x)), {u.depth} layers", *_eq(f"{layer}: g(x)", u.layers[0]),
            f"  the nested expression is not shown: {_cap(reason)}"]


def _hinted(reason: str) -> str:
    """A section's reason for not being derived, with how to raise a budget it ran out of."""
    return reason + (" (--budget SECONDS gives each section more)" if "budget" in reason else "")


def derivation_text(d: Any, budget: float | None = None) -> str:
    """The derivation as a person reads it: one section per analysis, pretty-printed; what is
    left when the printing ``budget`` (seconds, None: no limit) runs out is named, not printed."""
    with _printing_budget(budget):
        return _derivation_text(d)


def _derivation_text(d: Any) -> str:
    u: Unit = d.unit
    args = ", ".join(v.name for v in u.variables)
    f = f"{u.name}({args})"
    set_ = ", ".join(f"{k} = {v}" for k, v in u.values if k in u.fixed)
    out: list[str] = [f"{u.name}{f' with {set_}' if set_ else ''} — {u.description}", f"reference: {u.reference}"]
    if u.aliases:
        out.append("also: " + ", ".join(u.aliases))
    if u.values:
        out.append("parameters: " + ", ".join(f"{k} = {v}" for k, v in u.values))
    if u.kink_note:
        out.append(f"at a kink: {u.kink_note}")
    out.append("")
    out += _block("Definition", _definition(d, f))
    if d.gradient is not None:
        lines: list[str] = []
        for v, g in zip(u.variables, d.gradient):
            lhs = f"∂f/∂{v.name}" if len(u.variables) > 1 else f"{u.name}'({args})"
            lines += _eq(lhs, g) if _small(g) else [f"  {lhs}: {_too_big(g)}"]
        out += _block("Gradient", lines)
    if d.hessian is not None:
        big = [e for e in d.hessian if not _small(e)]
        shown = f"\0{_too_big(big[0])}" if big else _printing(lambda: _pretty(present(d.hessian)), lambda why: f"\0{why}")
        out += _block("Hessian", [f"  {shown[1:]}"] if shown.startswith("\0") else _indent(shown))
    if d.taylor is not None:
        t = d.taylor
        title = f"Taylor expansion at 0 (terms of degree < {t.order})"
        if t.polynomial is not None:
            out += _block(title, _eq(f, t.polynomial))
        else:
            lines = ["  not analytic at 0: one-sided expansions"]
            for i, (_, p) in enumerate(t.sides):
                lines += _eq(f"{f} [{t.side_text(i)}]", p)
            out += _block(title, lines)
    if d.asymptotes is not None:
        a = d.asymptotes
        title = "Behaviour at ±∞" + (" (along the ray x_g = x_v = t)" if a.ray else "")
        lines = []
        for beh in (a.plus, a.minus):
            v = a.variable.name
            lines.append(f"  {v} → {'+∞' if beh.direction == '+oo' else '−∞'}:")
            lines += ["  " + s for s in _eq("limit", beh.limit)]
            if beh.leading is not None:
                lead = _printing(lambda: present(beh.leading), lambda why: beh.leading)
                lines += ["  " + s for s in _eq("leading term", lead)]
            if beh.oblique is not None:
                lines += ["  " + s for s in _eq("asymptote y", beh.asymptote)]
            if beh.exact:  # a piece of the unit: f is the line there, it neither decays nor approaches
                line = _inline(beh.asymptote)
                lines.append(f"    f = {line} exactly, on a half-line")
            elif beh.expansion is not None:
                what = "f − asymptote" if beh.oblique is not None else "f"
                expansion = _printing(lambda: present(beh.expansion), lambda why: beh.expansion)
                lines += ["  " + s for s in _eq(what, expansion, "~")]
            k = beh.growth_order
            growth = ("none: f is exactly 0 there" if beh.exact and beh.limit == 0 else
                      "exponential decay (faster than any power)" if k == -sympy.oo else
                      "exponential growth" if k == sympy.oo else f"|f| ~ c·|{v}|^{k}")
            lines.append(f"    growth order: {growth}")
            for field, reason in beh.not_derived:
                lines.append(f"    {field}: not derived ({_cap(reason)})")
        out += _block(title, lines)
    if getattr(d, "directions", None):
        lines = [f"  {dr.theta}: " + ("f = 0 on the ray" if dr.growth == "0" else
                                      f"f ~ {_inline(dr.leading)}, growth {dr.growth}, limit {_inline(dr.limit)}")
                 for dr in d.directions]
        out += _block("Behaviour at infinity by direction, (x_g, x_v) = t(c, s), c = cos θ, s = sin θ", lines)
    if getattr(d, "range", None) is not None:
        r = d.range
        lines = [f"  {r.interval}"]
        for word, b in (("infimum", r.infimum), ("supremum", r.supremum)):
            how = "attained at " if b.attained else "approached as "
            lines.append(f"  {word} {b}" + ("" if b.exact else " (numerical, 30 digits)") + f", {how}"
                         + " and ".join(b.where))
        out += _block("Range", lines)
    if d.extrema is not None:
        title = "Critical points" if u.kind == "gated" else "Extrema"
        standing = getattr(d, "standings", None)
        if standing is not None and u.kind != "gated":
            lines = [f"  {_standing_text(st)}" + ("" if st.exact else " (numerical, 30 digits)") for st in standing]
            flat = {st.where_text("<", ">") for st in standing if st.flat}
            lines += [f"  constant on {s.region}, value {_inline(s.value)} (no extremum: it rises on one side "
                      "and falls on the other)" for s in d.stationary or () if s.region not in flat]
        else:
            lines = [f"  {p.kind} at " + ", ".join(f"{v} = {_inline(val)}" for v, val in p.at) +
                     f", value {_inline(p.value)}" + ("" if p.exact else " (numerical, 30 digits)")
                     for p in d.extrema if u.kind == "gated" or p.kind != "inflection"]
            if d.stationary:
                lines += [f"  stationary on {s.region}, value {_inline(s.value)}" for s in d.stationary]
        out += _block(title, lines or ["  none"])
    if getattr(d, "kinks", None):
        lines = []
        for k in d.kinks:
            lines.append(f"  {k}")
            lines.append(f"    left:  {_inline(k.left_series)}   (h = {_inline(k.variable - k.at)} < 0)")
            lines.append(f"    right: {_inline(k.right_series)}   (h > 0)")
        out += _block("Kinks", lines)
    if d.inflections is not None and u.kind != "gated":
        flat = {p.at for p in d.extrema or () if p.kind == "inflection"}  # f' = 0 there too (tanhshrink at 0)
        lines = ["  at " + ", ".join(f"{v} = {_inline(val)}" for v, val in p.at) + ("" if p.exact else " (numerical)")
                 + (" (stationary: f' = 0 there, no extremum)" if p.at in flat else "") for p in d.inflections]
        lines += ["  stationary inflection (f' = 0, no extremum) at " + ", ".join(f"{v} = {_inline(val)}" for v, val in at)
                  for at in flat if at not in {p.at for p in d.inflections}]
        out += _block("Inflection points", lines or ["  none"])
    if d.level_set is not None:
        lines = _eq("x_v", d.level_set.solution) + [f"  where {d.level_set.condition}"]
        zero = getattr(d, "zero_level_set", None)
        if zero is not None and zero.zero_set is not None:
            lines.append(f"  c = 0: x_v = 0, or {zero.zero_set}")
        out += _block("Level sets f = c", lines)
    if getattr(d, "growth", None) is not None:
        g = d.growth
        lines = []
        for label, tail, dtail in (("+∞", g.plus, g.derivative_plus), ("−∞", g.minus, g.derivative_minus)):
            lines.append(f"  x → {label}: f of order {_order_str(tail.order)}, f' of order {_order_str(dtail.order)}"
                         + (" (f exactly 0 there)" if tail.zero else ""))
        lines.append("  lowest degree at 0: " + ", ".join(f"{_order_str(v)} ({lab})" for lab, v in g.at_zero)
                     + "; of f': " + ", ".join(f"{_order_str(v)} ({lab})" for lab, v in g.derivative_at_zero))
        out += _block(f"Growth orders of the stack (depth {g.depth})", lines)
    if d.param_limits:
        lines = []
        for pl in d.param_limits:
            for end, side, lim in pl.ends:
                if lim is not None:
                    lines += _eq(f"{pl.param} → {_end_text(end, side)}:  f", lim)
            for where, reason in pl.not_derived:
                lines.append(f"  {pl.param} → {where}: not derived ({_cap(reason)})")
        out += _block("Parameter limits", lines)
    if d.not_derived:
        out += _block("Not derived", [f"  {name}: {_cap(_hinted(reason))}" for name, reason in d.not_derived])
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# commands


def _progress(args: argparse.Namespace, line: str) -> None:
    """A progress line (``wrote FILE``), unless ``glusym --quiet``."""
    if not getattr(args, "quiet", False):
        print(line, flush=True)


def _cmd_list(args: argparse.Namespace) -> int:
    rows = [(u.name, ", ".join(u.aliases), _readable(u.expr), u.kind) for u in CATALOGUE.values()]
    if args.format == "json":
        print(json.dumps([{"name": n, "aliases": a.split(", ") if a else [], "formula": _s(CATALOGUE[n].expr),
                           "kind": k} for n, a, _, k in rows], indent=2))
        return 0
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print(f"{'name':<{w0}}  {'aliases':<{w1}}  formula")
    for n, a, f, _ in rows:
        print(f"{n:<{w0}}  {a:<{w1}}  {f}")
    return 0


def _parse_set(items: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise GlusymError(f"--set takes PARAM=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        k, v = k.strip(), v.strip()
        if v.lower().lstrip("+-") in ("inf", "infinity", "nan", "∞", "oo"):
            raise GlusymError(f"parameter {k}: {v} is not a finite number (--set takes finite numbers; "
                              f"the limits of a parameter at the ends of its range are in derive's "
                              f"parameter limits)")
        if v.isidentifier():  # the library takes a name as a symbolic parameter; a typo here would too
            raise GlusymError(f"parameter {k}: {v!r} is not a number (--set takes numbers; a symbolic "
                              f"parameter is glusym.get(NAME, {k}={v!r}) in Python)")
        out[k] = v
    return out


def _depths(text: str) -> list[int]:
    """``4``, ``1..6`` or ``1,2,4`` as a list of depths (validated by :func:`stack`)."""
    try:
        if ".." in text:
            lo, hi = (int(t) for t in text.split("..", 1))
            for d in (lo, hi):  # before the range is built: 1..10**9 is no list to make
                if not 1 <= d <= MAX_DEPTH:
                    raise GlusymError(f"--depth must be a whole number from 1 to {MAX_DEPTH}, got {shown(d)}")
            out = list(range(lo, hi + 1))
        else:
            out = [int(t) for t in text.split(",")]
    except ValueError:
        raise GlusymError(f"--depth takes N, A..B or A,B,C with whole numbers, got {shown(text)}") from None
    if not out:
        raise GlusymError(f"--depth {shown(text)} names no depth")
    for d in out:
        if not 1 <= d <= MAX_DEPTH:
            raise GlusymError(f"--depth must be a whole number from 1 to {MAX_DEPTH}, got {shown(d)}")
    return out


def _order_arg(order: int) -> int:
    if not 1 <= order <= MAX_ORDER:
        raise GlusymError(f"--order must be a whole number from 1 to {MAX_ORDER}, got {shown(order)}")
    return order


def _cmd_derive(args: argparse.Namespace) -> int:
    _order_arg(args.order)
    budget = validate_budget(args.budget, "--budget")
    base = get(args.name, **_parse_set(args.set))
    unit: Unit | Chain = base
    from .analysis.derivation import derive

    if args.depth is not None:
        (depth,) = _depths(str(args.depth))
        if args.order * depth > MAX_TERMS:
            raise GlusymError(f"--order × --depth = {args.order * depth} is beyond the limit of {MAX_TERMS}")
        unit = stack(base, depth, weights=args.weights)
    elif args.weights:
        raise GlusymError("--weights goes with --depth")
    d = derive(unit, order=args.order, budget=budget)
    if args.format == "json":  # the printing has a budget of its own, as a section has
        print(json.dumps(derivation_json(d, budget), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(derivation_text(d, budget))
    return 0


def _order_str(k: Any) -> str:
    return "-oo" if k == -sympy.oo else "oo" if k == sympy.oo else "?" if k is sympy.nan else str(k)


def _cmd_order(args: argparse.Namespace) -> int:
    units = [get(n) for n in args.names]
    depths = _depths(args.depth)
    rows = order_table(units, depths)
    if args.format == "json":
        print(json.dumps([{
            "unit": r.unit, "depth": r.depth,
            "growth_order": {"+oo": _order_str(r.plus), "-oo": _order_str(r.minus)},
            "order_at_0": {label: _order_str(v) for label, v in r.at_zero},
            "derivative_growth_order": {"+oo": _order_str(r.derivative_plus), "-oo": _order_str(r.derivative_minus)},
            "not_derived": r.not_derived or None,
        } for r in rows], indent=2))
        return 0
    head = ["unit", "depth", "order +oo", "order -oo", "lowest degree at 0", "f' order +oo", "f' order -oo"]
    body = [[r.unit, str(r.depth), _order_str(r.plus), _order_str(r.minus),
             ", ".join(f"{_order_str(v)} ({label})" if len(r.at_zero) > 1 else _order_str(v) for label, v in r.at_zero)
             or "-", _order_str(r.derivative_plus), _order_str(r.derivative_minus)] for r in rows]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
    for r, row in zip(rows, body):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + (f"  not derived: {r.not_derived}" if r.not_derived else ""))
    print("\norder k: |f| ~ c·|x|^k at ±oo; -oo: faster than any power (exponentially small, or exactly 0); "
          "lowest degree at 0: oo where f is exactly 0 there")
    return 0


def _cmd_latex(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .latex import PARTS, latex_part, post_text

    _order_arg(args.order)
    unit = get(args.name, **_parse_set(args.set))
    parts = PARTS if args.part == "all" else (args.part,)
    out_dir = Path(args.output) if args.output else None
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GlusymError(f"cannot create {out_dir}: {exc.strerror}") from None
    budget = validate_budget(args.budget, "--budget")
    missing, shown_any = 0, False
    for part in parts:
        try:  # the whole part within its budget: the derivation, simplification and printing
            with time_budget(budget):
                tex = latex_part(unit, part, args.order, budget=budget)
        except NotDerived as exc:
            why = f"ran past its budget of {budget:g} s (--budget raises it)" if isinstance(exc, BudgetExceeded) \
                else str(exc)
            print(f"glusym: the {part} of {unit.name} is not derived: {why}", file=sys.stderr)
            missing += 1
            continue
        except MemoryError:
            print(f"glusym: the {part} of {unit.name} is not derived: too large (out of memory)", file=sys.stderr)
            missing += 1
            continue
        display = not args.inline
        if out_dir is not None:  # a file for the blog's includes: blank lines around every formula
            path = out_dir / f"{unit.name}-{part}.tex"
            try:
                path.write_text(post_text(tex, args.delimiters, display, padded=True), encoding="utf-8")
            except OSError as exc:
                raise GlusymError(f"cannot write {path}: {exc.strerror}") from None
            _progress(args, f"wrote {path} ({len(tex)} formula{'s' if len(tex) != 1 else ''})")
        else:  # one block a formula (kramdown runs consecutive $$ lines into one paragraph)
            if shown_any and args.delimiters != "none":
                print()
            sys.stdout.write(post_text(tex, args.delimiters, display, comment=part if len(parts) > 1 else None))
            shown_any = True
    return 1 if missing else 0

def _standing_text(st: Any) -> str:
    """"global minimum at x = -3/2, value -3/8"; a flat piece: "global minima on x ≤ 0, value 0"."""
    kind = {"minimum": "minima", "maximum": "maxima"}[st.kind] if st.flat else st.kind
    return f"{st.scope} {kind} {'on' if st.flat else 'at'} {st.where_text()}, value {_inline(st.value)}"


def _end_label(end: Expr, side: str) -> str:
    """A parameter's end as a JSON key: "0" (0+), "oo", "-oo", "1-" (1 from below)."""
    if end.is_infinite:
        return "oo" if end > 0 else "-oo"
    return "0" if end == 0 and side == "+" else f"{end}{side}"


def _end_text(end: Expr, side: str) -> str:
    """A parameter's end as the report prints it: 0, ∞, -∞, 1⁻."""
    if end.is_infinite:
        return "∞" if end > 0 else "-∞"
    return "0" if end == 0 and side == "+" else f"{end}{'⁻' if side == '-' else '⁺'}"


def _md_cell(text: str | None) -> str:
    return "" if text is None else text.replace("|", "\\|").replace("\n", " ")


def _document_folders() -> list[Path]:
    """Where ``claims`` looks for the two documents without --documents: ../shared/seeds of the
    current folder (a clone's top, as the README runs it), then of the repository glusym is
    imported from (an editable install or a clone on PYTHONPATH)."""
    here = Path("../shared/seeds")
    repository = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
    return [here, Path(os.path.normpath(repository))]


def _documents() -> Path:
    """The first of :func:`_document_folders` that holds both documents, else a GlusymError
    naming every folder tried."""
    from .claims import DOCUMENTS

    tried = _document_folders()
    for folder in tried:
        if all((folder / name).is_file() for name in DOCUMENTS):
            return folder
    raise GlusymError(f"the documents ({', '.join(DOCUMENTS)}) are in none of "
                      f"{', '.join(str(f) for f in dict.fromkeys(tried))}: give their folder with --documents DIR")


def _cmd_claims(args: argparse.Namespace) -> int:
    from .claims import build_ledger, counts

    documents = args.documents if args.documents is not None else _documents()
    rows = build_ledger(documents, budget=validate_budget(args.budget, "--budget"), table=args.table)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print("| document | line | quote | verdict | evidence | correction |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r.document} | {r.line or ''} | `{_md_cell(r.quote)}` | {r.verdict} | {_md_cell(r.evidence)} | "
                  f"{_md_cell(r.correction)} |")
    else:
        for r in rows:
            print(r)
        if getattr(args, "quiet", False):  # the rows only, without the closing counts
            return 0
        print()
        for document, per_verdict in counts(rows).items():
            print(f"{document}: {sum(per_verdict.values())} claims: "
                  + ", ".join(f"{n} {v}" for v, n in per_verdict.items()))
        total: dict[str, int] = {}
        for r in rows:
            total[r.verdict] = total.get(r.verdict, 0) + 1
        print(f"{len(rows)} claims: " + ", ".join(f"{n} {v}" for v, n in sorted(total.items())))
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    from . import plotting  # matplotlib is imported only here, on demand

    if args.list:
        width = max(map(len, plotting.FIGURES))
        for name, (what, _) in plotting.FIGURES.items():
            print(f"{name:<{width}}  {what}")
        return 0
    options = {key: value for key, value in (("units", args.units), ("betas", args.beta),
                                             ("relu_units", args.relu_units), ("x_range", args.range))
               if value is not None}
    if args.all:
        return _plot_all(plotting, args, options)
    if args.figure is None:
        raise GlusymError(f"name a figure, one of: {', '.join(plotting.FIGURES)} (or --list, or --all -o DIR)")
    path = plotting.write(args.figure, args.output or f"{args.figure}.svg", transparent=args.transparent,
                          theme=args.theme, fragment=args.fragment, **options)
    _progress(args, f"wrote {path}")
    return 0


_PLOT_FLAGS = {"units": "--units", "betas": "--beta", "relu_units": "--relu-units", "x_range": "--range"}


def _plot_all(plotting: Any, args: argparse.Namespace, options: dict[str, Any]) -> int:
    """``plot --all -o DIR``: every figure of FIGURES with its defaults, DIR/NAME.svg each (and the
    swish-beta slider as DIR/swish-beta.html); DIR is made if missing."""
    if args.figure is not None:
        raise GlusymError(f"--all writes every figure: name no figure (got {shown(args.figure)})")
    if options:
        raise GlusymError("--all draws every figure with its defaults: it takes no figure options "
                          f"({', '.join(_PLOT_FLAGS[k] for k in options)})")
    if args.output is None:
        raise GlusymError("--all needs -o DIR, the folder to write the figures to")
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GlusymError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GlusymError(f"cannot write to {folder}: permission denied")
    for name in plotting.FIGURES:
        path = plotting.write(name, folder / f"{name}.svg", transparent=args.transparent, theme=args.theme)
        _progress(args, f"wrote {path}")
    _progress(args, f"wrote {plotting.write('swish-beta', folder / 'swish-beta.html')}")
    return 0

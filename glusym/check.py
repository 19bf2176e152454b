r"""Check the formulas of a Markdown post: extract them, split chains, verify every link.

:func:`extract_formulas` finds every display (``$$…$$``) and inline (``\\(…\\)``, ``$…$``)
formula with its line number. It reads the post with markdown-it-py (the CommonMark parser MyST
and Jupyter Book build on) and its ``front_matter`` and ``dollarmath`` plugins, so that YAML front
matter, fenced and indented code, HTML blocks (Mermaid diagrams, comments, figures) are skipped
as a Markdown renderer skips them; kramdown's inline delimiters ``\\(…\\)``, which CommonMark
reads as escaped backslashes, are an inline rule of ours.

:func:`check_markdown` splits each formula at its top-level relations (``a = b = c`` is two
links) and judges every link:

``holds``
    proved symbolically: the difference of the two sides simplifies to 0 (for a series
    ``f = p + O(x^n)``: the Taylor polynomial of f below degree n is p, exactly; for a limit:
    SymPy's limit, split on the sign of the other variables, equals the other side).
``holds numerically``
    simplification could not decide within the budget, but the two sides agree at every point
    of a sample built for the formula (both sides of every breakpoint, wherever it lies; where
    each exponential turns; roots and stationary points; far out to 10⁶: see
    :mod:`glusym.sampling`), each compared at a rising precision that starts from the formula's
    numbers and the size of its exponentials there. The reason gives the points, their range and
    the precisions.
``fails``
    a point where the two sides differ (the same difference at two precisions, and again from
    twice the higher), with both values and their difference; or a branch whose difference is
    never 0.
``definition``
    the left side names something new (the post's :math:`g_\alpha`, :math:`\beta(x)`, ``z``).
``unparsed``
    the formula could not be read; the reason says why.
``unknown``
    the budget ran out before a verdict, or nothing could be evaluated.
``no claim``
    a formula that asserts no identity: an expression (``\sigma(x)``) or a condition (``x < 0``).

It never says ``holds`` for a false identity: ``holds`` needs an exact symbolic zero (numbers
and series coefficients are compared exactly, whatever the size of their difference), and a
difference that stays the same as the precision doubles, at any point, is a ``fails``.

**Kinks.** Identities are judged almost everywhere: two sides that agree except at isolated
points hold, and the reason names the points. The derivative at a kink is a convention (glusym
follows JAX: :math:`\text{ReLU}'(0) = 0`, where :math:`H(0) = \tfrac12` in SymPy), so
:math:`\text{ReLU}'(x) = H(x)` holds, "except at x = 0, where conventions differ".

No text of the document is evaluated as Python: formulas are read by
:func:`glusym.parsing.parse_latex` only.

>>> r = check_text(r"$$\sigma(x) = 1 - \sigma(-x) = \sigma(2x)$$")
>>> [(link.verdict) for f in r.formulas for link in f.links]
['holds', 'fails']
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mpmath
import sympy
from sympy import Expr, Piecewise, Symbol
from sympy.logic.boolalg import Boolean

from .budget import time_budget
from .errors import BudgetExceeded, GlusymError
from .functions import elementary, to_sympy
from .parsing import BigO, Chain, LatexParseError, parse_chain

__all__ = ["Formula", "Link", "Report", "VERDICTS", "check_markdown", "check_text", "extract_formulas"]

VERDICTS = ("holds", "holds numerically", "fails", "definition", "unparsed", "unknown", "no claim")
#: The checker's verdicts that say a link is true, and the one that says it is false.
TRUE_VERDICTS, FALSE_VERDICT = VERDICTS[:2], VERDICTS[2]

#: Seconds each link may take by default.
DEFAULT_LINK_BUDGET = 5.0


@dataclass(frozen=True)
class Link:
    """One link ``lhs op rhs`` of a formula and its verdict."""

    lhs: str
    rhs: str
    verdict: str
    reason: str
    counterexample: dict[str, str] | None = None
    op: str = "="

    def to_json(self) -> dict[str, Any]:
        return {"lhs": self.lhs, "rhs": self.rhs, "verdict": self.verdict, "reason": self.reason,
                "counterexample": self.counterexample}


@dataclass(frozen=True)
class Formula:
    """A formula of the post: its line (1-based), its LaTeX and its links."""

    line: int
    latex: str
    display: bool
    links: tuple[Link, ...]

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "latex": self.latex, "links": [k.to_json() for k in self.links]}


@dataclass(frozen=True)
class Report:
    """The verdicts on every formula of a file."""

    file: str
    formulas: tuple[Formula, ...]
    seconds: float = 0.0

    @property
    def summary(self) -> dict[str, int]:
        c = Counter(k.verdict for f in self.formulas for k in f.links)
        return {v: c[v] for v in VERDICTS if c[v]}

    @property
    def failed(self) -> bool:
        return any(k.verdict == "fails" for f in self.formulas for k in f.links)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "formulas": [f.to_json() for f in self.formulas], "summary": self.summary}

    def to_text(self) -> str:
        out = [f"{self.file}: {len(self.formulas)} formulas"]
        for f in self.formulas:
            out.append(f"line {f.line}: {f.latex}")
            for k in f.links:
                rel = f"{k.lhs} {k.op} {k.rhs}" if k.rhs else k.lhs
                out.append(f"  {k.verdict:<17} {rel}")
                if k.reason:
                    out.append(f"  {'':<17} {k.reason}")
                if k.counterexample:
                    out.append(f"  {'':<17} counterexample: " +
                               ", ".join(f"{a} = {b}" for a, b in k.counterexample.items()))
        out.append("summary: " + ", ".join(f"{v} {n}" for v, n in self.summary.items()))
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# extraction


def _kramdown_inline(state: Any, silent: bool) -> bool:
    r"""kramdown's inline math ``\\(…\\)``: in the Markdown source, two backslashes and a paren."""
    src, pos = state.src, state.pos
    if not src.startswith("\\\\(", pos):
        return False
    end = src.find("\\\\)", pos + 3)
    if end < 0:
        return False
    if not silent:
        tok = state.push("math_inline_kramdown", "math", 0)
        tok.content = src[pos + 3:end]
        tok.markup = "\\\\("
        tok.meta = {"offset": src.count("\n", 0, pos)}
    state.pos = end + 3
    return True


def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(dollarmath_plugin, double_inline=True)
    md.inline.ruler.before("escape", "math_inline_kramdown", _kramdown_inline)
    return md


def extract_formulas(text: str) -> list[tuple[int, str, bool]]:
    r"""Every formula of a Markdown text: ``(line, latex, display)``, line 1-based.

    >>> extract_formulas("---\ntitle: t\n---\nSee \\\\(x^2\\\\) and\n\n$$a = b$$\n\n```\n$$c$$\n```\n")
    [(4, 'x^2', False), (6, 'a = b', True)]
    """
    tokens = _markdown().parse(text)
    out: list[tuple[int, str, bool]] = []
    in_mermaid = False
    for tok in tokens:
        if tok.type == "html_block":
            low = tok.content.lower()
            if re.search(r"<div[^>]*class=[\"'][^\"']*mermaid", low) and "</div>" not in low:
                in_mermaid = True
            elif in_mermaid and "</div>" in low:
                in_mermaid = False
            continue
        if in_mermaid:
            continue
        if tok.type in ("math_block", "math_block_label"):
            out.append((tok.map[0] + 1, tok.content.strip(), True))
        elif tok.type == "inline" and tok.children:
            base = tok.map[0] + 1 if tok.map else 0
            cursor = 0
            for child in tok.children:
                if child.type == "math_inline_kramdown":
                    out.append((base + child.meta["offset"], child.content.strip(), False))
                    cursor = max(cursor, tok.content.find(child.content, cursor))
                elif child.type in ("math_inline", "math_inline_double"):
                    at = tok.content.find(child.content, cursor)
                    offset = tok.content.count("\n", 0, at) if at >= 0 else 0
                    cursor = at + 1 if at >= 0 else cursor
                    out.append((base + offset, child.content.strip(), child.type == "math_inline_double"))
    return out


# ---------------------------------------------------------------------------------------------
# judging one link


class _Undecided(Exception):
    pass


class _NoLimit(Exception):
    """A two-sided limit whose one-sided limits differ: it does not exist."""

    def __init__(self, left: Any, right: Any) -> None:
        super().__init__(f"the limit does not exist: {left} from the left, {right} from the right")
        self.left, self.right = left, right


def _compile(expr: Expr) -> tuple[Any, list[str]]:
    """The mpmath function of an expression, guarded by a float64 pre-evaluation: a point where
    a tower of exponentials overflows a double (x^(x^(x^x))) is skipped before mpmath tries to
    build a number with billions of digits. A single exponential that overflows a double
    (softplus at 10^6) is left to mpmath, whose exponents have no bound."""
    from .analysis._common import lambdify, to_piecewise
    from .numeric import to_mpmath

    f = to_mpmath(expr)
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    names = [s.name for s in syms]
    code = elementary(to_piecewise(expr))
    tower = _tower(code) > 1
    try:
        guard = lambdify(syms, code, modules="math")
    except (TypeError, KeyError, NameError, ValueError, GlusymError):
        guard = None

    def safe(*args: Any) -> Any:
        if guard is not None:
            try:
                g = guard(*[float(a) for a in args])
            except (OverflowError, ZeroDivisionError):
                if tower:
                    return None
            except (ValueError, TypeError, NameError, AttributeError):
                pass  # a domain error or a function math lacks: mpmath decides
            else:
                if isinstance(g, float) and (g != g or g in (float("inf"), float("-inf"))) and tower:
                    return None
        return f(*args)

    return safe, names


def _tower(e: Any) -> int:
    """How deep exponentials with a variable exponent nest (e^{e^x}: 2; x^x: 1; x^3: 0)."""
    if not isinstance(e, sympy.Basic) or not e.free_symbols:
        return 0
    inner = max((_tower(a) for a in e.args), default=0)
    if isinstance(e, sympy.exp) or (isinstance(e, sympy.Pow) and e.exp.free_symbols):
        return inner + 1
    return inner


@dataclass(frozen=True)
class _Numeric:
    """The numerical test's outcome: ``agree``, ``differ`` or ``few`` (too few points settled)."""

    state: str
    counterexample: dict[str, str] | None
    used: int
    where: str
    digits: tuple[int, int]
    unsettled: int = 0
    why: str = "the two sides differ at a point"


def _definedness(f: Any, names: list[str], pt: dict[str, Any]) -> str:
    """'real', 'undefined' (no real value: an error, a complex number, nan or an infinity) or
    'skipped' (the float guard of :func:`_compile` declined the point)."""
    with mpmath.workdps(30):
        try:
            v = f(*[pt[n] for n in names])
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return "undefined"
    if v is None:
        return "skipped"
    if isinstance(v, mpmath.mpc) or not mpmath.isfinite(v):
        return "undefined"
    return "real"


def _defined_on_one_side(fl: Any, nl: list[str], fr: Any, nr: list[str],
                         pt: dict[str, Any]) -> tuple[str, str] | None:
    """Where one side has a real value and the other has none, at the point and at two points
    beside it (so not at an isolated point such as 0/0 at x = 0): the two sides as shown."""
    shown = {"real": "a real number", "undefined": "no real value"}
    first = None
    for shift in (0, 1, -1):
        p = {n: v * (1 + shift * mpmath.mpf(10) ** -7) + shift * mpmath.mpf(10) ** -9 for n, v in pt.items()}
        a, b = _definedness(fl, nl, p), _definedness(fr, nr, p)
        if "skipped" in (a, b) or a == b:
            return None
        first = first or (shown[a], shown[b])
    return first


def _on_equations(lhs: Expr, rhs: Expr, syms: list[Symbol]) -> dict[str, str] | None:
    """A point on a set that a condition of the formula names by an equation (``1 & x_v = 0``),
    where the two sides differ and neither jumps across the set: a value changed on a line is no
    convention (the value at a jump is). The points are exact; the sides are evaluated by SymPy
    there and at 10^-12 to either side."""
    eqs = {q for e in (lhs, rhs) if isinstance(e, sympy.Basic) for pw in e.atoms(Piecewise)
           for _, c in pw.args if isinstance(c, Boolean) for q in c.atoms(sympy.Eq)}
    for q in list(eqs)[:6]:
        solved = _linear_in_one(q)
        if solved is None:
            continue
        v, value = solved
        for base in (sympy.Rational(7, 10), sympy.Rational(-19, 10), sympy.Rational(13, 10)):
            pt = {s: base for s in syms if s != v}
            at = value.xreplace(pt)
            if not at.is_Rational:
                continue
            pt[v] = at

            def val(e: Expr, shift: Expr = sympy.S.Zero) -> Any:
                got = e.xreplace({**pt, v: at + shift}).evalf(30)
                return got if got.is_real and got.is_finite else None

            a, b = val(lhs), val(rhs)
            if a is None or b is None or abs(a - b) <= sympy.Float("1e-20") * max(1, abs(a), abs(b)):
                continue
            delta = sympy.Rational(1, 10**12)
            jumps = False  # a side whose values on the two sides of the set differ: a convention there
            for e in (lhs, rhs):
                up, down = val(e, delta), val(e, -delta)
                if up is None or down is None or abs(up - down) > sympy.Float("1e-6") * (1 + abs(up)):
                    jumps = True
            if not jumps:
                out = {s.name: str(pt[s]) for s in syms}
                out.update({"lhs": str(sympy.N(a, 20)), "rhs": str(sympy.N(b, 20)),
                            "difference": str(sympy.N(a - b, 6))})
                return out
    return None


def _numeric(lhs: Expr, rhs: Expr, deadline: float) -> _Numeric:
    """Compare the two sides at points that cover both (:func:`glusym.sampling.cover`), each at
    a rising precision (:func:`glusym.sampling.compare`) that starts from the formula's numbers and
    the size of its exponentials at the point; a difference is confirmed again from twice the
    precision that found it."""
    from .sampling import MAX_DIGITS, compare, cover, digits_at, start_digits

    fl, nl = _compile(lhs)
    fr, nr = _compile(rhs)
    syms = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    names = [s.name for s in syms]
    pts, where = cover([lhs, rhs], syms, seed=len(names) * 7919 + 1)
    digits = start_digits([lhs, rhs])
    if start_digits([lhs, rhs], cap=False) > digits:  # constants smaller than any precision reached
        return _Numeric("few", None, 0, f"the formula's constants need more than {digits} digits", (digits, digits))
    need = digits_at([lhs, rhs], syms)
    used = unsettled = beyond = undefined = 0
    top = digits
    for pt in pts:
        if time.monotonic() > deadline:
            break
        c = compare(fl, nl, fr, nr, pt, digits + need(pt))
        top = max(top, c.digits)
        if c.state == "undefined":
            side = _defined_on_one_side(fl, nl, fr, nr, pt)
            if side is not None:  # one side real, the other not, on a neighbourhood of the point
                ce = {n: mpmath.nstr(pt[n], 20) for n in names}
                ce.update({"lhs": side[0], "rhs": side[1]})
                return _Numeric("differ", ce, used + 1, where, (digits, c.digits), unsettled,
                                "the two sides are defined on different sets")
            undefined += 1
            continue
        if c.state == "unsettled":
            if need(pt) >= MAX_DIGITS // 2:  # exponentials beyond what the precision can resolve
                beyond += 1
            else:
                unsettled += 1
            continue
        if c.state == "differ":
            # confirmed at twice the precision and more: the same difference again
            again = compare(fl, nl, fr, nr, pt, 2 * c.digits)
            if again.state == "unsettled":
                unsettled += 1
                continue
            if again.state == "differ":
                ce = {n: mpmath.nstr(pt[n], 20) for n in names}
                with mpmath.workdps(c.digits):
                    show = 20 if abs(c.lhs - c.rhs) > mpmath.mpf(10) ** -15 * max(abs(c.lhs), abs(c.rhs)) \
                        else min(c.digits, 80)
                    ce.update({"lhs": mpmath.nstr(c.lhs, show), "rhs": mpmath.nstr(c.rhs, show),
                               "difference": mpmath.nstr(c.lhs - c.rhs, 6)})
                return _Numeric("differ", ce, used + 1, where, (digits, c.digits), unsettled)
        used += 1
    on_line = _on_equations(lhs, rhs, syms)
    if on_line is not None:
        return _Numeric("differ", on_line, used + 1, where, (digits, digits), unsettled,
                        "the two sides differ on a set the formula names (an '=' condition), where "
                        "neither side jumps")
    enough = used >= min(20, len(pts)) and unsettled == 0
    if beyond:
        where += f"; {beyond} point(s) left out, their exponentials beyond {MAX_DIGITS} digits"
    if undefined:
        where += f"; {undefined} point(s) where a side has no real value left out"
    return _Numeric("agree" if enough else "few", None, used, where, (digits, top), unsettled)


def _is_zero(d: Expr) -> bool:
    return _simplified(d)[0]


def _simplified(d: Expr) -> tuple[bool, list[Expr]]:
    """(d simplifies to 0, the forms tried): expanded and cancelled, with exponentials, simplify."""
    if d == 0:
        return True, []
    d = elementary(d)
    if d == 0:
        return True, []
    forms = []
    for step in (lambda e: sympy.cancel(sympy.together(sympy.expand(e))),
                 lambda e: sympy.cancel(sympy.together(sympy.expand(e.rewrite(sympy.exp)))),
                 lambda e: sympy.simplify(e)):
        try:
            e = step(d)
        except (NotImplementedError, sympy.PolynomialError, TypeError, ValueError):
            continue
        if e == 0:
            return True, forms
        if e.is_number and e.is_zero:
            return True, forms
        forms.append(e)
    return False, forms


def _nonzero_witness(forms: list[Expr]) -> dict[str, str] | None:
    """A point where a simplified difference is provably not 0: a nonzero number, a polynomial with
    a nonzero exact coefficient (at a point off its roots), or a form of one sign."""
    for e in forms:
        syms = sorted(e.free_symbols, key=lambda v: v.name)
        if not syms:
            if _number_zero(e) is False:
                out = {"difference": str(sympy.N(e.rewrite(sympy.erfc), 20))}
                if len(str(e)) <= 60:
                    out["exactly"] = str(e)
                return out
            continue
        if e.is_polynomial(*syms) and _poly_zero(e, syms) is False:
            found = _nonzero_at(e, syms)  # a point off the finitely many roots
            if found is not None:
                pt, val = found
                return {**{v.name: str(pt[v]) for v in syms}, "difference": str(sympy.N(val, 20))}
        sign = _one_sign(e)
        if sign is not None:
            out = {v.name: "any" for v in syms}
            out["difference"] = f"{e}, {sign} for every real value"
            return out
        const, rest = e.as_independent(*syms, as_Add=False)
        if const != 1 and rest.free_symbols and _number_zero(const) is False:
            # a nonzero constant factor (e^{-10^5}, Phi(-100)) too small for any precision: the
            # difference is 0 where the rest is, and the rest is of ordinary size
            found = _nonzero_at(rest, syms)
            if found is not None:
                pt, val = found
                return {**{v.name: str(pt[v]) for v in syms},
                        "difference": f"({sympy.N(const, 6)})·{sympy.N(val, 12)}"}
    return None


def _nonzero_at(e: Expr, syms: list[Symbol]) -> tuple[dict[Symbol, Expr], Expr] | None:
    """An exact point (k/7, (k+1)/7, …) where e is provably not 0, with e's value there."""
    for k in range(1, 40):
        pt = {v: sympy.Rational(k + i, 7) for i, v in enumerate(syms)}
        val = e.xreplace(pt)
        if val.is_number and _number_zero(val) is False:
            return pt, val
    return None


def _kink_free_zero(d: Expr, sides: tuple[Expr, Expr] | None = None) -> tuple[bool, str, dict[str, str] | None]:
    """Is d = 0 almost everywhere (branch by branch)? (proved, note on the kinks, a witness: a
    point where the difference is provably not 0, which makes the link fail).

    At a breakpoint the two sides may differ only where one of them jumps there (its value at
    a jump is a convention: H(0), ReLU'(0)); a side that is continuous beside the point but takes
    another value at it (a ``cases`` row ``1000 & x = 0``) is a real difference."""
    from .analysis._common import boundaries, select_branches, to_piecewise

    d = to_piecewise(d)
    if not d.has(Piecewise):
        zero, forms = _simplified(d)
        return zero, "", (None if zero else _nonzero_witness([d, *forms]))
    syms = sorted(d.free_symbols, key=lambda s: s.name)
    if len(syms) != 1:
        return (*_branchwise_zero(sympy.piecewise_fold(d)), None)
    (v,) = syms
    try:
        bs = sorted(b for b in boundaries(d, v) if b.is_real)
    except GlusymError:
        return _is_zero(sympy.piecewise_fold(d)), "", None
    pts: list[Expr] = []
    if not bs:
        pts = [sympy.S.Zero]
    else:
        pts.append(bs[0] - 1)
        for a, b in zip(bs, bs[1:]):
            pts.append((a + b) / 2)
        pts.append(bs[-1] + 1)
    proved = True
    for p in pts:
        try:
            branch = select_branches(d, {v: p})
        except GlusymError:
            return _is_zero(sympy.piecewise_fold(d)), "", None
        if not _is_zero(branch):
            proved = False
            at_p = branch.xreplace({v: p})
            if at_p.is_number and _number_zero(at_p) is False:
                return False, "", {v.name: str(p), "difference": str(sympy.N(at_p, 20))}
            sign = _one_sign(branch)
            if sign is not None:  # SymPy's assumptions: the difference has one sign for every real v
                return False, "", {v.name: str(p), "difference": f"{branch}, {sign} for every real {v}"}
    if not proved:
        return False, "", None
    off = [b for b in bs if not _is_zero(d.subs(v, b))] if bs else []
    if sides is not None:
        for b in off:
            i = bs.index(b)
            left, right = pts[i], pts[i + 1]
            if not any(_jumps(side, v, b, left, right) for side in sides):
                vals = [str(sympy.N(to_sympy(side, "a side").subs(v, b), 20)) for side in sides]
                return False, "", {v.name: str(b), "lhs": vals[0], "rhs": vals[1],
                                   "difference": f"at a breakpoint where neither side jumps"}
    note = ""
    if off:
        note = (f"except at {v} = {', '.join(map(str, off))}, a kink, where conventions differ "
                f"(glusym follows JAX: relu'(0) = 0; SymPy's Heaviside(0) = 1/2)")
    return True, note, None


def _jumps(side: Expr, v: Symbol, b: Expr, left: Expr, right: Expr) -> bool:
    """Whether a side's branches on the left (at ``left``) and on the right (at ``right``) of the
    breakpoint b take different values at b: a jump, where the value at b is a convention."""
    from .analysis._common import select_branches, to_piecewise

    sp = to_piecewise(to_sympy(side, "a side"))
    if not sp.has(Piecewise) or v not in sp.free_symbols:
        return False
    try:
        lo = select_branches(sp, {v: left}).xreplace({v: b})
        hi = select_branches(sp, {v: right}).xreplace({v: b})
    except GlusymError:
        return True  # cannot tell: a convention is assumed, as before
    return _number_zero(lo - hi) is not True


def _one_sign(d: Expr) -> str | None:
    """'positive' or 'negative' where SymPy's assumptions give d one sign for every real value of
    its variables; a difference of logarithms is asked as e^d - 1 (log(1+e^x) - x has the sign of
    e^{-x}, which no evaluation beside x = 10^6 could show: it is 10^-434294 there)."""
    forms = [d]
    if d.has(sympy.log):
        try:
            forms.append(sympy.expand(sympy.powsimp(sympy.exp(d))) - 1)
        except (TypeError, ValueError, NotImplementedError):
            pass
    for f in forms:
        if f.is_positive:
            return "positive"
        if f.is_negative:
            return "negative"
    return None


def _branchwise_zero(pf: Expr) -> tuple[bool, str]:
    """Every branch of a Piecewise is 0, the branches on a null set (the zero set of a polynomial
    that is not 0, such as ``x_v = 0``) being required to be 0 there too: a value changed on a
    line is no convention. ``H(x_g) = 1`` is no null set: it is the half-plane x_g > 0."""
    if not isinstance(pf, Piecewise):
        return _is_zero(pf), ""
    for e, c in pf.args:
        if _is_zero(e):
            continue
        # a branch that lives on lines x_g = 0, x_v = 0 (its condition implies one of them, as a
        # formula of propositions, which is sound for the reals) is judged by its value there
        eqs = [q for q in c.atoms(sympy.Eq) if _linear_in_one(q) is not None] if isinstance(c, Boolean) else []
        if not eqs or sympy.satisfiable(c & ~sympy.Or(*eqs)) is not False:
            return False, ""
        for q in eqs:
            v, value = _linear_in_one(q)  # type: ignore[misc]
            if not _is_zero(e.xreplace({v: value})):
                return False, ""
    return True, ""


def _linear_in_one(q: Any) -> tuple[Symbol, Expr] | None:
    """For an equation linear in one of its symbols, (that symbol, its value), else None."""
    d = q.lhs - q.rhs
    for v in sorted(d.free_symbols, key=lambda t: t.name):
        if d.is_polynomial(v) and sympy.degree(d, v) == 1:
            return v, sympy.solve(d, v)[0]
    return None


def _limit_by_intervals(expr: Expr, z: Symbol, z0: Expr, d: str, v: Symbol, deadline: float) -> Expr:
    """lim_{z -> z0} expr, pointwise in v, on each interval between the kinks of v (and 0) and at
    each kink: the branch in force there, with v's sign as an assumption."""
    from .analysis._common import boundaries, inside, select_branches

    bs = sorted({b for b in boundaries(expr, v) if b.is_number and b.is_real} | {sympy.S.Zero})
    edges = [-sympy.oo, *bs, sympy.oo]
    cases: list[tuple[Expr, Any]] = []
    t = Symbol(v.name + "_", positive=True)
    for b in bs:
        val = sympy.limit(expr.xreplace({v: b}), z, z0, d)
        cases.append((val, sympy.Eq(v, b)))
    for lo, hi in zip(edges, edges[1:]):
        if time.monotonic() > deadline:
            raise BudgetExceeded("the limit ran past its budget")
        rep = inside(lo, hi)
        branch = select_branches(expr, {v: rep}) if expr.has(Piecewise) else expr
        sg = 1 if rep > 0 else -1
        val = sympy.limit(branch.xreplace({v: sg * t}), z, z0, d)
        if val.has(sympy.Limit):
            raise _Undecided(f"SymPy cannot take the limit of {branch}")
        cases.append((val.xreplace({t: sg * v}), sympy.And(v > lo, v < hi)))
    if all(c[0] == cases[0][0] for c in cases):
        return cases[0][0]
    return Piecewise(*cases)


def _limit_value(lim: sympy.Limit, deadline: float) -> Expr:
    """The value of a Limit, pointwise in the other free symbols (split on their signs)."""
    from .analysis._common import boundaries, select_branches, to_piecewise

    expr, z, z0, d = lim.args
    if str(d) == "+-" and z0.is_number and z0.is_finite:
        # two-sided: both one-sided limits, which must agree (SymPy's own two-sided limit of a
        # Piecewise takes one side only: |x|/x -> 0 at 0)
        left = _limit_value(sympy.Limit(expr, z, z0, "-"), deadline)
        right = _limit_value(sympy.Limit(expr, z, z0, "+"), deadline)
        bad = [not isinstance(v, sympy.Basic) or v.has(sympy.Limit, sympy.zoo, sympy.nan, sympy.AccumBounds)
               for v in (left, right)]
        if all(bad):
            raise _Undecided(f"SymPy cannot take the limit {lim} from either side")
        if any(bad):  # no value on one side: the two-sided limit does not exist
            raise _NoLimit(*["no value" if b else v for b, v in zip(bad, (left, right))])
        if left == right or (not left.has(sympy.oo, -sympy.oo) and _is_zero(left - right)):
            return right
        raise _NoLimit(left, right)
    expr = elementary(to_piecewise(expr))
    if expr.has(Piecewise):
        if z0 in (sympy.oo, -sympy.oo) and expr.free_symbols == {z}:
            # the branch in force beyond every kink
            big = max([abs(b) for b in boundaries(expr, z) if b.is_number], default=sympy.S.Zero)
            expr = select_branches(expr, {z: (2 * big + 1) * (1 if z0 == sympy.oo else -1)})
        elif z0.is_finite and any(c.has(z) for pw in expr.atoms(Piecewise) for _, c in pw.args):
            if expr.free_symbols != {z}:
                raise _Undecided("a one-sided limit of a piecewise function of several variables")
            from .analysis._common import side_points  # the branch in force on that side of z0

            expr = select_branches(expr, {z: side_points(expr, z, z0, 1 if str(d) == "+" else -1)})
        elif any(c.has(z) for pw in expr.atoms(Piecewise) for _, c in pw.args):
            from .analysis.limits import _eventual_branches  # conditions as the parameter tends to z0

            expr = _eventual_branches(expr, z, z0)
    others = sorted(expr.free_symbols - {z}, key=lambda s: s.name)
    if not others:
        return sympy.limit(expr, z, z0, str(d))
    if len(others) > 2:
        raise _Undecided("a limit with more than two other variables")
    if len(others) == 1 and expr.has(Piecewise):
        try:
            return _limit_by_intervals(expr, z, z0, str(d), others[0], deadline)
        except GlusymError:
            pass  # conditions not linear in the variable: split on its sign below
    import itertools

    cases = []
    for signs in itertools.product((1, -1, 0), repeat=len(others)):
        subs: dict[Symbol, Expr] = {}
        back: dict[Symbol, Expr] = {}
        conds = []
        for s, sg in zip(others, signs):
            if sg == 0:
                subs[s] = sympy.S.Zero
                conds.append(sympy.Eq(s, 0))
            else:
                t = Symbol(s.name + "_", positive=True)
                subs[s] = sg * t
                back[t] = sg * s
                conds.append(s > 0 if sg > 0 else s < 0)
        if time.monotonic() > deadline:
            raise BudgetExceeded("the limit ran past its budget")
        val = sympy.limit(expr.xreplace(subs), z, z0, str(d))
        if val.has(sympy.Limit):
            raise _Undecided(f"SymPy cannot take the limit {lim}")
        cases.append((val.xreplace(back), sympy.And(*conds)))
    if all(v == cases[0][0] for v, _ in cases):
        return cases[0][0]
    return Piecewise(*cases)


def _resolve_limits(e: Any, deadline: float) -> Any:
    if isinstance(e, sympy.Limit):
        return _limit_value(e, deadline)
    if isinstance(e, sympy.Basic) and e.has(sympy.Limit):
        return e.replace(lambda a: isinstance(a, sympy.Limit), lambda a: _limit_value(a, deadline))
    return e


def _series_check(f: Expr, s: Expr) -> tuple[str, str]:
    """f = p + O(x^n): compare f's Taylor polynomial below degree n with p."""
    from .analysis.taylor import taylor

    os_ = list(s.atoms(BigO))
    if len(os_) != 1:
        raise _Undecided("a series with several O terms")
    o = os_[0]
    p = s.xreplace({o: sympy.S.Zero})
    g = o.args[0]
    variables = sorted(g.free_symbols, key=lambda v: v.name)
    if not variables:
        raise _Undecided("O of a constant")
    n = _order_of(g, variables)
    tr = taylor(f, n) if tuple(sorted(f.free_symbols, key=lambda v: v.name)) == tuple(variables) else None
    if tr is None:
        raise _Undecided("the O term is not in the variables of the function")
    if isinstance(s, Piecewise):
        return _one_sided(tr, s, n)
    if p.has(Piecewise):
        raise _Undecided("a Piecewise inside a series")
    if tr.polynomial is None:
        return "fails", f"not analytic at 0: one-sided expansions {dict(tr.sides)}"
    if not elementary(p).is_polynomial(*variables):
        raise _Undecided("the right side is not a polynomial plus O(...)")
    p = _below(p, variables, n)  # terms of degree >= n are inside O(x^n): they claim nothing
    d = sympy.expand(tr.polynomial - p)
    zero = True if d == 0 else _poly_zero(d, variables)
    if zero is True:
        return "holds", f"the Taylor polynomial of degree < {n} is exactly this (every coefficient compared exactly)"
    if zero is None:
        raise _Undecided(f"cannot decide whether the coefficients of {d} are 0")
    return "fails", f"the Taylor polynomial of degree < {n} is {tr.polynomial} (coefficients compared exactly)"


def _one_sided(tr: Any, s: Piecewise, n: int) -> tuple[str, str]:
    """cases {p_i + O(x^n) if c_i}: each branch against glusym's expansion on its side."""
    from .parsing import LatexParseError, parse_latex

    sides: list[tuple[Any, Expr]] = []
    if tr.polynomial is not None:
        sides = [(sympy.true, tr.polynomial)]
    else:
        for label, poly in tr.sides:
            try:
                sides.append((parse_latex(label), poly))
            except LatexParseError as exc:
                raise _Undecided(f"the side {label!r}: {exc}") from None
    for branch, cond in s.args:
        if len(branch.atoms(BigO)) != 1 or _order_of(list(branch.atoms(BigO))[0].args[0],
                                                     sorted(branch.atoms(BigO).pop().args[0].free_symbols,
                                                            key=lambda v: v.name)) != n:
            raise _Undecided("every branch of a one-sided series needs the same O term")
        p = branch.xreplace({o: sympy.S.Zero for o in branch.atoms(BigO)})
        match = [poly for c, poly in sides if c == sympy.true or c == cond
                 or sympy.simplify(sympy.Equivalent(c, cond)) == sympy.true]
        if not match:
            raise _Undecided(f"no one-sided expansion for the side {cond}")
        diff = sympy.expand(match[0] - p)
        variables = sorted(diff.free_symbols | match[0].free_symbols, key=lambda x: x.name)
        zero = True if diff == 0 else _poly_zero(diff, variables)
        if zero is None:
            raise _Undecided(f"cannot decide whether the coefficients of {diff} are 0")
        if zero is False:
            return "fails", f"on the side {cond} the Taylor polynomial of degree < {n} is {match[0]}"
    return "holds", f"each one-sided Taylor polynomial of degree < {n} is exactly this"


def _below(p: Expr, variables: list[Symbol], n: int) -> Expr:
    """The terms of the polynomial p of total degree below n."""
    poly = sympy.Poly(sympy.expand(elementary(p)), *variables)
    return sympy.Add(*[c * sympy.Mul(*[v**k for v, k in zip(variables, m)])
                       for m, c in poly.terms() if sum(m) < n])


def _order_of(g: Expr, variables: list[Symbol]) -> int:
    terms = sympy.Add.make_args(g)
    degs = set()
    for t in terms:
        t = t.replace(lambda a: isinstance(a, sympy.Abs), lambda a: a.args[0])
        if not t.is_polynomial(*variables):
            raise _Undecided(f"O({g}) is not a power")
        poly = sympy.Poly(t, *variables)
        if not poly.is_monomial:  # O((x-1)^2): an expansion about another point than 0
            raise _Undecided(f"O({g}) is an expansion about a point other than 0, which is not checked")
        degs.add(poly.total_degree())
    if len(degs) != 1:
        raise _Undecided(f"O({g}) mixes degrees")
    return degs.pop()


def _is_new_name(lhs: Any) -> bool:
    """A left side that names something new: a symbol, or an undefined function of symbols."""
    if isinstance(lhs, Symbol):
        return True
    if isinstance(lhs, sympy.core.function.AppliedUndef) and "'" not in lhs.func.__name__:
        return all(isinstance(a, Symbol) for a in lhs.args)
    return False


def _judge(lhs: Any, rhs: Any, op: str, first: bool, budget: float,
           lhs_tex: str = "") -> tuple[str, str, dict[str, str] | None]:
    """(verdict, reason, counterexample) for one link."""
    from .parsing import mentions_catalogue

    deadline = time.monotonic() + budget
    if op == "=" and first and _is_new_name(lhs) and not mentions_catalogue(lhs_tex):
        return "definition", f"defines {lhs}", None
    if op in ("~=", "~"):
        return "no claim", "an approximation (≈, ∼) is not checked", None
    if op in ("!=",):
        return "no claim", "an inequation (≠) is not checked", None
    if op in ("<", ">", "<=", ">="):
        return _judge_inequality(lhs, rhs, op)
    if isinstance(lhs, sympy.Lambda) or isinstance(rhs, sympy.Lambda):
        if isinstance(lhs, sympy.Lambda) and isinstance(rhs, sympy.Lambda):
            t = Symbol("x", real=True)
            return _judge(lhs(t), rhs(t), op, False, budget)
        return "unparsed", "a function compared with a value", None
    if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)) or isinstance(rhs, (sympy.Tuple, sympy.MatrixBase)):
        a = list(lhs) if isinstance(lhs, (sympy.Tuple, sympy.MatrixBase)) else None
        b = list(rhs) if isinstance(rhs, (sympy.Tuple, sympy.MatrixBase)) else None
        if a is None or b is None or len(a) != len(b):
            return "fails", "a tuple or matrix compared with something of another shape", None
        verdicts = [_judge(p, q, op, False, max(deadline - time.monotonic(), 0.01)) for p, q in zip(a, b)]
        for v in ("fails", "unparsed", "unknown", "holds numerically"):
            hit = [r for r in verdicts if r[0] == v]
            if hit:
                return v, f"component {verdicts.index(hit[0]) + 1}: {hit[0][1]}", hit[0][2]
        return "holds", "every component", None
    if any(isinstance(e, sympy.Basic) and e.has(sympy.core.function.AppliedUndef) for e in (lhs, rhs)):
        undef = sorted({str(a.func) for e in (lhs, rhs) for a in e.atoms(sympy.core.function.AppliedUndef)})
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                if _is_zero(lhs - rhs):
                    return "holds", "", None
        except BudgetExceeded:
            pass
        return "unknown", f"involves {', '.join(undef)}, which the document does not define here", None
    if lhs.has(BigO) or rhs.has(BigO):
        f, s = (lhs, rhs) if rhs.has(BigO) else (rhs, lhs)
        if f.has(BigO):
            return "unknown", "O terms on both sides", None
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                v, why = _series_check(f, s)
            return v, why, None
        except _Undecided as exc:
            return "unknown", str(exc), None
    note = ""
    if lhs.has(sympy.Limit) or rhs.has(sympy.Limit):
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                lhs, rhs = _resolve_limits(lhs, deadline), _resolve_limits(rhs, deadline)
        except _NoLimit as exc:
            return "fails", str(exc), {"from the left": str(exc.left), "from the right": str(exc.right)}
        except (_Undecided, NotImplementedError) as exc:
            return "unknown", f"the limit: {exc}", None
        note = "limit taken pointwise"
        if any(isinstance(e, sympy.Basic) and e.has(sympy.zoo, sympy.nan) for e in (lhs, rhs)):
            return "unknown", "the limit does not exist as a real number (SymPy gives complex infinity)", None
        if any(e in (sympy.oo, -sympy.oo) for e in (lhs, rhs)):
            ok = lhs == rhs
            return ("holds" if ok else "fails"), f"the limit is {lhs}" if ok else f"{lhs} ≠ {rhs}", None
    lhs, rhs = to_sympy(lhs, "a side"), to_sympy(rhs, "a side")
    if any(e.has(sympy.zoo, sympy.nan) for e in (lhs, rhs)):
        return "unknown", "a side is undefined (complex infinity or nan: a division by zero?)", None
    if any(e in (sympy.oo, -sympy.oo) for e in (lhs, rhs)):
        ok = lhs == rhs
        return ("holds" if ok else "fails"), (f"both sides are {lhs}" if ok else f"{lhs} ≠ {rhs}"), None
    return _identity(lhs, rhs, deadline, note)


def _judge_inequality(lhs: Any, rhs: Any, op: str) -> tuple[str, str, dict[str, str] | None]:
    """A relation between two numbers, decided by the exact sign of their difference."""
    d = to_sympy(lhs, "a side") - to_sympy(rhs, "a side")
    if d.free_symbols:
        return "no claim", "a condition on its variables", None
    sign = _number_sign(d)
    if sign is None:
        return "unknown", "cannot decide the sign of the difference (it may be 0)", None
    ok = {"<": sign < 0, ">": sign > 0, "<=": sign <= 0, ">=": sign >= 0}[op]
    shown = "0 exactly" if sign == 0 else str(sympy.N(d, 15))
    return ("holds" if ok else "fails"), f"the difference is {shown}", None


def _number_sign(c: Any) -> int | None:
    """The sign of a real number (-1, 0, 1): 0 only where it is 0 exactly (:func:`_number_zero`),
    else the sign of a value evalf knows to 30 bits; None where neither decides."""
    if _number_zero(c) is True:
        return 0
    c = elementary(to_sympy(c, "a number"))
    if c.is_Rational:
        return 1 if c > 0 else -1
    re_sign, im_sign = _evalf_signs(c)
    return re_sign if re_sign and not im_sign else None


def _identity(lhs: Expr, rhs: Expr, deadline: float, note: str) -> tuple[str, str, dict[str, str] | None]:
    if lhs.has(sympy.Limit) or rhs.has(sympy.Limit):
        return "unknown", "an unevaluated limit", None
    if not (lhs.free_symbols or rhs.free_symbols):
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                zero = _number_zero(lhs - rhs)
        except BudgetExceeded:
            zero = None
        if zero is True:
            return "holds", "the two numbers are equal exactly" + (f"; {note}" if note else ""), None
        if zero is False:
            with mpmath.workdps(30):
                ce = {"lhs": str(sympy.N(lhs, 20)), "rhs": str(sympy.N(rhs, 20)),
                      "difference": str(sympy.N(lhs - rhs, 20))}
            return "fails", "the two numbers differ (exactly, whatever the size of the difference)", ce
    # a quick symbolic try first: a proof makes the points unnecessary
    first = min(1.0, 0.2 * max(deadline - time.monotonic(), 0.0))
    try:
        with time_budget(max(first, 0.01)):
            proved, kink, witness = _kink_free_zero(lhs - rhs, (lhs, rhs))
        tried = True
    except BudgetExceeded:
        proved, kink, witness, tried = False, "", None, False
    if proved:
        return "holds", "; ".join(r for r in (note, kink) if r), None
    # a witness of a nonzero difference waits: the points may give a counterexample with both sides
    try:  # the points end a little before the link's budget, so that a witness can still be given
        with time_budget(max(deadline - time.monotonic() - 0.25, 0.01)):
            num = _numeric(lhs, rhs, deadline - 0.25)
    except BudgetExceeded:
        if witness is not None:
            return "fails", "the difference is not 0 (proved; the counterexample says where and why)", witness
        return "unknown", "the numerical check ran past the budget", None
    except (TypeError, ValueError, NameError, AttributeError, GlusymError) as exc:
        num = _Numeric("few", None, 0, "", (0, 0))
        note = (note + "; " if note else "") + f"cannot evaluate numerically ({type(exc).__name__})"
    if num.state == "differ":
        return "fails", num.why + (f" ({note})" if note else ""), num.counterexample
    why = "simplification could not decide"
    if not tried:
        try:
            with time_budget(max(deadline - time.monotonic(), 0.01)):
                proved, kink, witness = _kink_free_zero(lhs - rhs, (lhs, rhs))
        except BudgetExceeded:
            proved, kink, witness = False, "", None
            why = "simplification ran past the budget"
    if witness is not None:
        return "fails", "the difference is not 0 (proved; the counterexample says where and why)", witness
    reason = "; ".join(r for r in (note, kink) if r)
    if proved:
        return "holds", reason, None
    if num.state == "agree":
        lo, hi = num.digits
        return "holds numerically", (
            f"{why}; equal at {num.used} points ({num.where}), compared at {lo} digits and again at up "
            f"to {hi} (a real difference stays the same as the precision doubles; rounding shrinks)"
            + (f"; {reason}" if reason else "")), None
    left = f", {num.unsettled} point(s) unsettled up to {num.digits[1]} digits" if num.unsettled else ""
    if not num.used and num.where:
        return "unknown", f"{why}; not compared numerically: {num.where}", None
    return "unknown", f"{why}; equal at only {num.used} points{left}", None


def _evalf_signs(c: Expr) -> tuple[int, int]:
    """The signs (-1, 0 or 1) of the real and imaginary parts of a number, each where evalf knows
    it to 30 bits (so that a part that is 0, or too close to 0 to tell, gives 0)."""
    from sympy.core.evalf import PrecisionExhausted
    from sympy.core.evalf import evalf as _evalf

    try:  # erf through erfc: 1 - erf(100) is erfc(100), not a cancellation of 4,346 digits
        re_, im_, racc, iacc = _evalf(c.rewrite(sympy.erfc), 64, {"maxprec": 12000})
    except (PrecisionExhausted, NotImplementedError, TypeError, ValueError, ArithmeticError):
        return 0, 0

    def sign(part: Any, acc: Any) -> int:
        if part is None or part[1] == 0 or acc is None or acc < 30:
            return 0
        return -1 if part[0] else 1

    return sign(re_, racc), sign(im_, iacc)


def _number_zero(c: Any) -> bool | None:
    """Is the number c zero? Exactly where SymPy can tell (rationals, SymPy's assumptions,
    simplification), else by evalf with its accuracy tracked: a value known to 30 bits that is not
    0 is not 0. None where neither decides."""
    c = elementary(to_sympy(c, "a number"))
    if c.is_Rational:
        return bool(c == 0)
    z = c.is_zero
    if z is not None:
        return bool(z)
    if _evalf_signs(c) != (0, 0):
        return False
    if _is_zero(c):
        return True
    return None


def _poly_zero(d: Expr, variables: list[Symbol]) -> bool | None:
    """Is the polynomial d zero, every coefficient decided exactly (:func:`_number_zero`)?"""
    try:
        coeffs = sympy.Poly(sympy.expand(elementary(d)), *variables).coeffs() if d != 0 else []
    except (sympy.PolynomialError, sympy.GeneratorsNeeded):
        return None
    verdicts = [_number_zero(c) for c in coeffs]
    if any(v is False for v in verdicts):
        return False
    return True if all(v is True for v in verdicts) else None


# ---------------------------------------------------------------------------------------------
# formulas and files


def _instance(name: str, context: dict[str, Any]) -> sympy.Lambda | None:
    """``beta_ReLU``: the document's function beta with its activation set to ReLU; ``alpha_ReLU``
    (alpha not a function of the document): ReLU itself."""
    from .parsing import _unit_named

    if "_" not in name:
        return None
    base, label = name.split("_", 1)
    unit = _unit_named(label)
    if unit is None or len(unit.variables) != 1:
        return None
    act = sympy.Lambda(unit.variables[0], unit.expr)
    f = context.get(base)
    if isinstance(f, sympy.Lambda):
        # the document's own function, with its one activation set to the unit; a function with no
        # activation to set, or several, has no such instance (it is not the unit itself)
        params = {a.func for a in f.expr.atoms(sympy.core.function.AppliedUndef)}
        if len(params) != 1:
            return None
        (g,) = params
        return sympy.Lambda(f.variables, f.expr.replace(lambda e: isinstance(e, sympy.core.function.AppliedUndef)
                                                       and e.func == g, lambda e: act(*e.args)))
    return act


def _substitute_context(e: Any, context: dict[str, Any]) -> Any:
    """Functions named in the document (``beta_ReLU``) as values: pointwise, at a fresh variable."""
    if not isinstance(e, sympy.Basic) or isinstance(e, sympy.Lambda):
        return e
    t = Symbol("t_", real=True)
    changed = False
    reps: dict[Any, Any] = {}
    for s in e.free_symbols:
        f = _instance(s.name, context)
        if f is not None:
            reps[s] = f(t)
            changed = True
    return e.xreplace(reps) if changed else e


def _record(lhs: Any, rhs: Any, context: dict[str, Any]) -> None:
    """Remember a definition: ``f(x) = body`` as a function, ``alpha = ReLU`` as a binding."""
    if isinstance(lhs, sympy.core.function.AppliedUndef) and all(isinstance(a, Symbol) for a in lhs.args):
        context[lhs.func.__name__] = sympy.Lambda(lhs.args, rhs)
    elif isinstance(lhs, Symbol):
        context[lhs.name] = ("bound", rhs)  # alpha = ReLU: a name bound to a value, not a function defined


_ROWS = re.compile(r"^\s*\\begin\{(aligned|align\*?|gathered|gather\*?|split|eqnarray\*?|multline\*?)\}(.*)"
                   r"\\end\{\1\}\s*[.,]?\s*$", re.S)


def _rows(tex: str) -> list[str] | None:
    """The rows of a formula that is one aligned/gathered block, alignment marks removed."""
    m = _ROWS.match(tex)
    if not m:
        return None
    body, rows, depth, i = m.group(2), [], 0, 0
    row: list[str] = []
    while i < len(body):
        if body.startswith("\\begin{", i):
            depth += 1
        elif body.startswith("\\end{", i):
            depth -= 1
        elif body.startswith("\\\\", i) and depth == 0:
            rows.append("".join(row))
            row = []
            i += 2
            while i < len(body) and body[i] == "[":  # \\[4pt]
                i = body.find("]", i) + 1 or len(body)
            continue
        elif body[i] == "&" and depth == 0:
            row.append(" ")
            i += 1
            continue
        elif body[i] == "\\":  # a command or an escaped character: copy both characters
            row.append(body[i:i + 2])
            i += 2
            continue
        row.append(body[i])
        i += 1
    rows.append("".join(row))
    out: list[str] = []
    for r in (r.strip() for r in rows):
        if not r:
            continue
        if out and re.match(r"(=|<|>|\\(?:leq?|geq?|approx|sim|equiv|neq?)(?![A-Za-z]))", r):
            try:  # a continuation row "&= c": its left side is the previous row's last side
                r = parse_chain(out[-1]).latex[-1] + " " + r
            except LatexParseError:
                pass
        out.append(r)
    return out


def check_formula(tex: str, budget: float = DEFAULT_LINK_BUDGET,
                  context: dict[str, Any] | None = None) -> tuple[Link, ...]:
    """The links of one formula with their verdicts (``context``: the document's definitions so
    far, updated with this formula's)."""
    context = {} if context is None else context
    rows = _rows(tex)
    if rows is not None:  # an aligned block: each row is a formula of its own
        return tuple(k for row in rows for k in check_formula(row, budget, context))
    try:
        chain: Chain = parse_chain(tex)
    except LatexParseError as exc:
        return (Link(tex, "", "unparsed", str(exc)),)
    except RecursionError:
        return (Link(tex, "", "unparsed", "the formula is nested too deeply"),)
    if not chain.ops:
        v, err = chain.values[0], chain.errors[0]
        if v is None:
            return (Link(chain.latex[0], "", "unparsed", err or "unreadable"),)
        return (Link(chain.latex[0], "", "no claim", "an expression: no relation to check", op=""),)
    links = []
    for i, op in enumerate(chain.ops):
        a, b = chain.values[i], chain.values[i + 1]
        lt, rt = chain.latex[i], chain.latex[i + 1]
        if a is None or b is None:
            links.append(Link(lt, rt, "unparsed", (chain.errors[i] if a is None else chain.errors[i + 1]) or "", op=op))
            continue
        if any(_instance(sym.name, context) is not None for e in (a, b) if isinstance(e, sympy.Basic)
               for sym in e.free_symbols):
            a, b = _substitute_context(a, context), _substitute_context(b, context)
        try:
            with time_budget(budget):
                verdict, reason, ce = _judge(a, b, op, i == 0, budget, lt)
                if verdict == "definition":
                    _record(a, b, context)
        except BudgetExceeded:
            verdict, reason, ce = "unknown", f"ran past the budget of {budget:g} s", None
        except RecursionError:
            verdict, reason, ce = "unknown", "SymPy recursed too deeply", None
        except MemoryError:
            verdict, reason, ce = "unknown", "SymPy ran out of memory", None
        except Exception as exc:  # noqa: BLE001 - a checker reports, it never crashes on a formula
            verdict, reason, ce = "unknown", f"{type(exc).__name__}: {str(exc)[:160]}", None
        links.append(Link(lt, rt, verdict, reason, ce, op=op))
    return tuple(links)


def check_text(text: str, budget: float = DEFAULT_LINK_BUDGET, name: str = "<text>") -> Report:
    """Check every formula of a Markdown text."""
    t0 = time.monotonic()
    context: dict[str, Any] = {}
    formulas = tuple(Formula(line, tex, display, check_formula(tex, budget, context))
                     for line, tex, display in extract_formulas(text))
    return Report(name, formulas, time.monotonic() - t0)


def check_markdown(path: str | Path, budget: float = DEFAULT_LINK_BUDGET) -> Report:
    """Check every formula of a Markdown file (raises GlusymError where it cannot be read)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlusymError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}") from None
    return check_text(text, budget, name=str(path))


def report_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False)

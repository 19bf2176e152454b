r"""LaTeX in: formulas as people write them, read into SymPy.

:func:`parse_latex` is SymPy's own ``parse_latex`` (ANTLR backend, ``strict=True``) behind a
normalisation layer of ours. SymPy's parser alone reads ``\text{GELU}`` as a product of
letters, ``a = b = c`` as ``Eq(Eq(a, b), c)``, ``e`` and ``\pi`` as plain symbols, and knows
nothing of ``\sigma``, ``\Phi``, ``[x]_+`` or ``\overbrace``. The layer

* strips spacing (``\,`` ``\;`` ``\!`` ``\quad``), ``\left``/``\right``, ``\bigl``/``\bigr`` …;
* keeps the braced part of ``\overbrace{…}^{…}`` and ``\underbrace{…}_{…}``;
* splits relations (``=``, ``<``, ``\leq``, …) and chains ``a = b = c`` itself;
* replaces every catalogue name (``\text{SwiGLU}``, ``\mathrm{GELU}``, ``\operatorname{silu}``,
  ``\relu``), with its primes and parameter subscript (``\text{Swish}_\beta``,
  ``\text{Swish}_1``, ``\text{Swish}_0``, ``\text{Swish}_\infty``: the last two are the limits
  of the parameter), by a placeholder that it resolves after SymPy has parsed the rest;
* reads ``\mathbf{x}\cdot\mathbf{w_i}`` as one real scalar (the dot product), ``[x]_+`` and
  ``\max(0, x)`` as ``Max(0, x)``, ``H(x)`` as the Heaviside step, ``O(x^n)`` as :class:`BigO`,
  ``\nabla F(x_g, x_v)`` as the tuple of partial derivatives, ``\nabla^2 F`` as the Hessian,
  tuples ``(a, b)``, ``cases``, ``pmatrix`` and ``aligned`` environments.

Every symbol comes back real (``x``, ``x_g``, ``x_v`` are the catalogue's own); ``e`` is Euler's
number and ``\pi`` is π. No text is ever evaluated as Python: only SymPy's LaTeX grammar reads it.

>>> from glusym.parsing import parse_latex
>>> parse_latex(r"\text{SiLU}(x) = x\sigma(x)")
Eq(x*sigmoid(x), x*sigmoid(x))
>>> parse_latex(r"\sigma'(x)")
(1 - sigmoid(x))*sigmoid(x)
>>> parse_latex(r"\text{Swish}_0(x)")
Limit(x*sigmoid(beta*x), beta, 0, dir='+')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable

import sympy
from sympy import Expr, Symbol

from .catalogue import CATALOGUE, Unit, x, x_g, x_v
from .errors import GlusymError
from .functions import Phi, _Strict, phi, sigmoid

__all__ = ["BigO", "Chain", "LatexParseError", "mentions_catalogue", "parse_chain", "parse_latex"]


class LatexParseError(GlusymError):
    """A formula glusym cannot read; the message says where or why, in one line."""


class BigO(_Strict, sympy.Function):  # type: ignore[misc]
    r"""The remainder term :math:`O(x^n)` of a truncated series, kept unevaluated.

    >>> from sympy import Symbol
    >>> BigO(Symbol("x")**6)
    BigO(x**6)
    """

    nargs = 1

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return r"O\left(%s\right)" % printer._print(self.args[0])


@dataclass(frozen=True)
class Chain:
    """A formula split at its top-level relations: ``sides[i] ops[i] sides[i+1]``.

    ``latex`` holds each side's source text; ``values`` the parsed side, or None where it could
    not be read (``errors[i]`` says why)."""

    latex: tuple[str, ...]
    ops: tuple[str, ...]
    values: tuple[Any, ...]
    errors: tuple[str | None, ...]


# ---------------------------------------------------------------------------------------------
# symbols and names

_VARS = {"x": x, "x_g": x_g, "x_v": x_v}
_LOOKUP: dict[str, Unit] = {}
for _u in CATALOGUE.values():
    for _n in (_u.name, *_u.aliases):
        _LOOKUP[_n.lower().replace("_", "").replace("-", "")] = _u
# the names of the post and of SymPy that are not catalogue spellings
_KNOWN_FUNCTIONS: dict[str, Callable[..., Expr]] = {
    "sigma": sigmoid, "Phi": Phi, "phi": phi, "varphi": phi,
    "max": sympy.Max, "min": sympy.Min, "H": sympy.Heaviside, "erf": sympy.erf, "erfc": sympy.erfc,
    "tanh": sympy.tanh, "exp": sympy.exp, "log": sympy.log, "ln": sympy.log, "abs": sympy.Abs,
}
_TEXT_FUNCTIONS = {"erf": sympy.erf, "erfc": sympy.erfc, "softplus": None, "sigmoid": sigmoid,
                   "tanh": sympy.tanh, "max": sympy.Max, "min": sympy.Min, "sign": sympy.sign,
                   "sgn": sympy.sign}


def _clean_name(name: str) -> str:
    name = name.replace("\\", "").replace("{", "").replace("}", "").replace(" ", "")
    name = name.replace("mathrm", "").replace("text", "")
    return name


def real_symbol(name: str) -> Symbol:
    """The symbol a formula's name stands for: the catalogue's x, x_g, x_v, else a real symbol."""
    name = _clean_name(name)
    return _VARS.get(name) or Symbol(name, real=True)


def _unit_named(name: str) -> Unit | None:
    key = name.strip().lower().replace("_", "").replace("-", "").replace(" ", "").replace("\\", "")
    return _LOOKUP.get(key)


# ---------------------------------------------------------------------------------------------
# string helpers


def _group(s: str, i: int, open_: str = "{", close: str = "}") -> int:
    """Index just past the group opened at s[i] (== open_), braces nested."""
    if i >= len(s) or s[i] != open_:
        raise LatexParseError(f"expected {open_!r} at position {i} of {s!r}")
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise LatexParseError(f"unbalanced {open_}{close} in {s!r}")


def _arg(s: str, i: int) -> tuple[str, int]:
    """A TeX argument at s[i]: a braced group, a command, or one character."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        raise LatexParseError("missing argument at the end of the formula")
    if s[i] == "{":
        j = _group(s, i)
        return s[i + 1:j - 1], j
    if s[i] == "\\":
        m = re.match(r"\\([A-Za-z]+|.)", s[i:])
        assert m
        return m.group(0), i + m.end()
    return s[i], i + 1


def _split_top(s: str, seps: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Split s at the separators that are outside every group; returns (parts, separators)."""
    parts, found = [], []
    depth = 0
    env = 0
    start = 0
    i = 0
    while i < len(s):
        c = s[i]
        if s.startswith("\\begin{", i):
            env += 1
            i = _group(s, i + 6)
            continue
        if s.startswith("\\end{", i):
            env -= 1
            i = _group(s, i + 4)
            continue
        if c == "\\":
            if depth == 0 and env == 0:
                for sep in seps:
                    if sep.startswith("\\") and s.startswith(sep, i) and not s[i + len(sep):i + len(sep) + 1].isalpha():
                        parts.append(s[start:i])
                        found.append(sep)
                        i += len(sep)
                        start = i
                        break
                else:
                    i += 2
                continue
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and env == 0:
            for sep in seps:
                if not sep.startswith("\\") and s.startswith(sep, i):
                    parts.append(s[start:i])
                    found.append(sep)
                    i += len(sep)
                    start = i
                    break
            else:
                i += 1
            continue
        i += 1
    parts.append(s[start:])
    return parts, found


_RELATIONS = ("\\leqslant", "\\geqslant", "\\approx", "\\equiv", "\\neq", "\\leq", "\\geq", "\\sim",
              "\\ne", "\\le", "\\ge", "<=", ">=", "=", "<", ">")
_REL_CANON = {"\\leqslant": "<=", "\\leq": "<=", "\\le": "<=", "\\geqslant": ">=", "\\geq": ">=",
              "\\ge": ">=", "\\neq": "!=", "\\ne": "!=", "\\approx": "~=", "\\equiv": "=", "\\sim": "~"}


# ---------------------------------------------------------------------------------------------
# the normaliser


class _Normaliser:
    """Rewrites one formula into the LaTeX that SymPy's grammar reads, with placeholders."""

    def __init__(self, table: dict[int, Any]):
        self.table = table

    def sub_parse(self, tex: str) -> Any:
        """Read a piece of this formula (a tuple element, a cell) with the same placeholders."""
        norm = _Normaliser(self.table).run(tex)
        if not norm.strip():
            raise LatexParseError("an empty element")
        return _resolve(_read(norm), self.table)

    def sub_relation(self, tex: str) -> Any:
        parts, seps = _split_top(tex, _RELATIONS)
        values = [self.sub_parse(p) for p in parts]
        if not seps:
            return values[0]
        rels = [_relation(values[i], _REL_CANON.get(op, op), values[i + 1]) for i, op in enumerate(seps)]
        return rels[0] if len(rels) == 1 else sympy.Tuple(*rels)

    def slot(self, meaning: Any) -> str:
        k = 9000 + len(self.table)
        self.table[k] = meaning
        return r"\Xi_{%d}" % k

    # -- the passes -----------------------------------------------------------------------------

    def run(self, s: str) -> str:
        s = self.cosmetic(s)
        s = self.environments(s)
        s = s.replace("&", " ")
        s = self.braces_kept(s)
        s = self.vectors(s)
        s = self.positive_part(s)
        s = self.names(s)
        s = self.derivatives(s)
        s = self.function_braces(s)
        s = self.powers_of_functions(s)
        s = self.tuples(s)
        return s

    def cosmetic(self, s: str) -> str:
        s = s.strip().strip("$").strip()
        for cmd in ("\\displaystyle", "\\textstyle", "\\limits", "\\nolimits"):
            s = s.replace(cmd, " ")
        s = re.sub(r"\\(?:left|right|[bB]igg?[lr]?|middle)\s*(\\[{}|]|\\[lr]?[vV]ert|[()\[\]|.])",
                   lambda m: "" if m.group(1) == "." else m.group(1), s)
        s = re.sub(r"\\(?:lvert|rvert|vert)", "|", s)
        s = s.replace("\\{", "(").replace("\\}", ")")
        s = re.sub(r"(?<!\\)\\(?:,|;|!|:|>| )|\\q?quad\b|~", " ", s)
        s = re.sub(r"\\(?:mathrm|operatorname|text|mathit)\s*\{\s*d\s*\}", "d", s)
        s = re.sub(r"\\(?:mathrm|operatorname|text|textrm)\s*\{\s*e\s*\}", " e ", s)  # an upright e: Euler's
        s = s.replace("\\partial", "d")
        s = s.replace("\\to", "\\to ")
        s = s.replace("\\cdotp", "\\cdot").replace("\\times", "\\cdot")
        s = re.sub(r"\\(?:dots|ldots|cdots)", lambda m: self._fail("an ellipsis (\\dots) has no value"), s)
        s = re.sub(r"\\(mathbb|mathcal)\s*\{", lambda m: self._fail(f"\\{m.group(1)} is not a value"), s)
        s = re.sub(r"\^\s*\{\s*\\prime\s*\}|\^\s*\\prime", "'", s)
        s = re.sub(r"\\varepsilon", r"\\epsilon", s)
        if s.rstrip().endswith((".", ",")):
            s = s.rstrip()[:-1]
        return s

    def _fail(self, reason: str) -> str:
        raise LatexParseError(reason)

    def environments(self, s: str) -> str:
        out = []
        i = 0
        while True:
            m = re.search(r"\\begin\{(\w+\*?)\}", s[i:])
            if not m:
                out.append(s[i:])
                break
            name = m.group(1)
            a = i + m.start()
            body_start = i + m.end()
            end = self._find_end(s, body_start, name)
            body = s[body_start:end]
            out.append(s[i:a])
            out.append(self.slot(self._environment(name, body)))
            i = end + len("\\end{%s}" % name)
        return "".join(out)

    def _find_end(self, s: str, start: int, name: str) -> int:
        depth = 1
        pat = re.compile(r"\\(begin|end)\{%s\}" % re.escape(name))
        for m in pat.finditer(s, start):
            depth += 1 if m.group(1) == "begin" else -1
            if depth == 0:
                return m.start()
        raise LatexParseError(f"\\begin{{{name}}} without \\end{{{name}}}")

    def _environment(self, name: str, body: str) -> Any:
        body = self.environments(body)
        rows = [r for r in re.split(r"\\\\(?:\[[^\]]*\])?", body) if r.strip()]
        if name == "cases":
            args = []
            for row in rows:
                parts, _ = _split_top(row.replace("&", "\x00"), ("\x00",))
                if len(parts) != 2:
                    raise LatexParseError(f"a cases row needs 'value & condition': {row.strip()!r}")
                value = self.sub_parse(parts[0])
                args.append((value, _condition(parts[1], self)))
            return sympy.Piecewise(*args)
        if name in ("pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix"):
            cells = [[self.sub_parse(c) for c in _split_top(r.replace("&", "\x00"), ("\x00",))[0]] for r in rows]
            m = sympy.Matrix(cells)
            return m.det() if name == "vmatrix" else sympy.ImmutableMatrix(m)
        if name in ("aligned", "align", "align*", "gathered", "gather", "gather*", "split", "array"):
            return sympy.Tuple(*[self.sub_relation(r.replace("&", " ")) for r in rows])
        raise LatexParseError(f"the environment {name!r} is not read")

    def braces_kept(self, s: str) -> str:
        while True:
            m = re.search(r"\\(over|under)(?:brace|bracket|set)\s*\{", s)
            if not m:
                return s
            j = _group(s, m.end() - 1)
            inner = s[m.end():j - 1]
            k = j
            rest = s[k:].lstrip()
            k = len(s) - len(rest)
            if rest[:1] in "^_":
                _, k = _arg(s, k + 1)
            if re.match(r"\\(over|under)set", m.group(0)):  # \overset{a}{b}: keep b
                body, k2 = _arg(s, j)
                s = s[:m.start()] + "{" + body + "}" + s[k2:]
                continue
            s = s[:m.start()] + "(" + inner + ")" + s[k:]

    def vectors(self, s: str) -> str:
        vec = r"\\(?:mathbf|boldsymbol|vec|bm)\s*\{([^{}]*(?:\{[^{}]*\})?[^{}]*)\}"
        dot = re.compile(vec + r"\s*\\cdot\s*" + vec)

        def dot_product(m: re.Match[str]) -> str:
            a, b = _clean_name(m.group(1)), _clean_name(m.group(2))
            a, b = sorted((a, b))
            return " " + self.slot(Symbol(f"{a}·{b}", real=True)) + " "

        s = dot.sub(dot_product, s)
        return re.sub(vec, lambda m: " " + self.slot(Symbol("vec_" + _clean_name(m.group(1)), real=True)) + " ", s)

    def positive_part(self, s: str) -> str:
        # [a]_+ and [a]_{+}: max(0, a)
        while True:
            m = re.search(r"\]\s*_\s*(?:\+|\{\s*\+\s*\})", s)
            if not m:
                break
            depth = 0
            j = m.start()
            while j >= 0:
                if s[j] == "]":
                    depth += 1
                elif s[j] == "[":
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            if j < 0:
                raise LatexParseError("unbalanced [ ]_+")
            s = s[:j] + r"\max(0, " + s[j + 1:m.start()] + ")" + s[m.end():]
        return s.replace("[", "(").replace("]", ")")

    _NAME = re.compile(
        r"\\(?:text|mathrm|operatorname\*?|textrm|mathit|textnormal)\s*\{\s*([A-Za-z][A-Za-z0-9_\-\\ ]*?)\s*\}"
        r"|\\([A-Za-z]+)")

    _LABELLED = re.compile(
        r"(?<![\\A-Za-z])([A-Za-z]|\\[A-Za-z]+)\s*_\s*(\{[^{}]*\\[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\[A-Za-z]+(?:\s*\{[^{}]*\})?)")

    def labels(self, s: str) -> str:
        """``f_\\alpha``, ``\\alpha_\\text{ReLU}``: one name (SymPy's grammar splits them into letters)."""

        def one(m: re.Match[str]) -> str:
            base, sub = m.group(1), m.group(2)
            if base.lstrip("\\") in ("lim", "sum", "prod", "int", "max", "min", "Xi", "text", "mathrm",
                                       "operatorname", "mathbf", "log", "exp", "tanh", "frac", "sqrt"):
                return m.group(0)
            if _unit_named(base.lstrip("\\")) is not None and base.startswith("\\"):
                return m.group(0)
            sub_name = re.sub(r"\\(?:text|mathrm|operatorname)\s*", "", sub)
            sub_name = re.sub(r"[^A-Za-z0-9]", "", sub_name)
            return self.slot(("unknown", base.lstrip("\\") + "_" + sub_name))

        return self._LABELLED.sub(one, s)

    def compound_names(self, s: str) -> str:
        """Catalogue names of several tokens (``\\log\\sigma``, ``\\text{ReLU}^2``, ``\\text{GELU}_{\\tanh}``)."""
        for pat, unit in _COMPOUND:
            s = pat.sub(lambda m: self.slot(("unit", unit, None, 0)), s)
        # primes on a function command: \tanh'(x)
        s = re.sub(r"\\(tanh|exp|log|ln|erf|erfc)(?![A-Za-z])\s*(?=')",
                   lambda m: self.slot(("function", _KNOWN_FUNCTIONS[m.group(1)], 0)), s)
        return s

    def names(self, s: str) -> str:
        s = self.labels(s)
        s = self.compound_names(s)
        out: list[str] = []
        i = 0
        while i < len(s):
            m = self._NAME.match(s, i) if s[i] == "\\" else None
            if not m:
                out.append(s[i])
                i += 1
                continue
            boxed, bare = m.group(1), m.group(2)
            word = (boxed if boxed is not None else bare).replace("\\", "").strip()
            # a name written as a subscript label: \alpha_\text{ReLU} -> alpha_ReLU
            if "".join(out).rstrip().endswith("_"):
                out.append("{" + re.sub(r"[^A-Za-z0-9]", "", word) + "}")
                i = m.end()
                continue
            sub, k = self._subscript(s, m.end())
            unit = _LATEX_NAMES.get(_norm_latex(s[m.start():k])) if sub is not None else None
            if unit is not None:
                sub = None
            elif boxed is not None and _norm_latex(m.group(0)) in _LATEX_NAMES:
                unit = _LATEX_NAMES[_norm_latex(m.group(0))]
                k = m.end() if sub is None else k
            else:
                k = m.end() if sub is None else k
                if bare is not None:
                    if bare in ("sigma", "Phi") and not self._applied(s, m.end()):
                        unit = CATALOGUE["sigmoid" if bare == "sigma" else "normal_cdf"]
                    elif bare in _LATEX_COMMANDS:
                        out.append(m.group(0))
                        i = m.end()
                        continue
                    else:
                        unit = _unit_named(word)
                        if unit is None:
                            raise LatexParseError(f"unknown command \\{bare}")
                else:
                    unit = _unit_named(word)
                    if unit is None:
                        low = word.lower()
                        if low in _TEXT_FUNCTIONS and _TEXT_FUNCTIONS[low] is not None:
                            out.append(self.slot(("function", _TEXT_FUNCTIONS[low], 0)))
                        elif low in ("otherwise", "else", "for", "if", "and", "where", "with", "when"):
                            out.append(" ")
                        else:  # an unknown word: a name of the document (a new function or symbol)
                            out.append(self.slot(("unknown", re.sub(r"[^A-Za-z0-9]", "", word))))
                        i = m.end()
                        continue
            primes = 0
            while k < len(s) and s[k] == "'":
                primes += 1
                k += 1
            out.append(self.slot(("unit", unit, sub, primes)))
            i = k
        return "".join(out)

    @staticmethod
    def _applied(s: str, j: int) -> bool:
        rest = s[j:].lstrip()
        return rest[:1] in ("(", "'") or rest.startswith("^")

    def _subscript(self, s: str, j: int) -> tuple[str | None, int]:
        k = j
        while k < len(s) and s[k] == " ":
            k += 1
        if k < len(s) and s[k] == "_":
            sub, k = _arg(s, k + 1)
            return sub.strip(), k
        return None, j

    def derivatives(self, s: str) -> str:
        # \frac{d}{d v}, \frac{d F}{d v} (F a catalogue name): SymPy's grammar wants d<letter>, so a
        # subscripted variable is renamed to a free letter everywhere in the formula
        pat = re.compile(r"\\frac\s*\{\s*d\s*(\^\s*\{?\d\}?)?\s*(\\Xi_\{\d+\})?\s*\}\s*"
                         r"\{\s*d\s*([A-Za-z](?:\s*_\s*\{?[A-Za-z0-9]+\}?)?)\s*(\^\s*\{?\d\}?)?\s*\}")
        letters = iter(c for c in "QRSTUVWKLMNP" if c not in s)
        renames: dict[str, str] = {}
        found = list(pat.finditer(s))
        for m in found:
            name = _clean_name(m.group(3))
            if "_" in name and name not in renames:
                renames[name] = next(letters)
        for name, letter in renames.items():
            base, sub = name.split("_", 1)
            s = re.sub(r"(?<![A-Za-z\\])%s\s*_\s*(?:\{\s*%s\s*\}|%s)(?![A-Za-z0-9])" % (base, sub, sub), letter, s)
            self.table.setdefault(("rename",), {})  # type: ignore[call-overload]
            self.table[("rename",)][letter] = name  # type: ignore[index]

        def fix(m: re.Match[str]) -> str:
            var = renames.get(_clean_name(m.group(3)), _clean_name(m.group(3)))
            head = r"\frac{d%s}{d%s%s}" % (m.group(1) or "", var, m.group(4) or "")
            if m.group(2):
                return head + " " + self._applied_name(m.group(2), renames)
            return head

        s = pat.sub(fix, s)

        # \frac{d^n}{dv^n} F: the n-th derivative of a catalogue name
        def higher(m: re.Match[str]) -> str:
            k = int(m.group(2))
            meaning = self.table[k]
            if not (isinstance(meaning, tuple) and meaning[0] == "unit"):
                raise LatexParseError("a higher derivative is read only of a catalogue name")
            self.table[k] = ("unit", meaning[1], meaning[2], meaning[3] + int(m.group(1)))
            return r"\Xi_{%d}" % k

        s = re.sub(r"\\frac\{d\^\{?(\d)\}?\}\{d[A-Za-z]\^\{?\d\}?\}\s*\\Xi_\{(\d+)\}(?!\s*\^)", higher, s)
        if re.search(r"\\frac\{d\^", s):
            raise LatexParseError("a higher derivative d^n/dx^n is read only of a catalogue name")
        # \nabla F(args), \nabla^2 F(args)
        s = re.sub(r"\\nabla\s*(\^\s*\{?\s*2\s*\}?)?\s*(\\Xi_\{(\d+)\})",
                   lambda m: self._nabla(int(m.group(3)), bool(m.group(1))), s)
        if "\\nabla" in s:
            raise LatexParseError("\\nabla is read only before a catalogue name")
        return s

    def _applied_name(self, ph: str, renames: dict[str, str]) -> str:
        k = int(ph[5:-1])
        meaning = self.table[k]
        if not (isinstance(meaning, tuple) and meaning[0] == "unit"):
            raise LatexParseError("d/dv of a name that is not a catalogue unit")
        unit = meaning[1]
        args = ", ".join(renames.get(v.name, v.name.replace("_", "_{", 1) + "}" if "_" in v.name else v.name)
                         for v in unit.variables)
        return "%s(%s)" % (ph, args)

    def _nabla(self, k: int, second: bool) -> str:
        meaning = self.table[k]
        if not (isinstance(meaning, tuple) and meaning[0] == "unit"):
            raise LatexParseError("\\nabla is read only before a catalogue name")
        self.table[k] = ("nabla2" if second else "nabla", *meaning[1:])
        return r"\Xi_{%d}" % k

    def function_braces(self, s: str) -> str:
        # SymPy writes \tanh{\left(x \right)} and \tanh^{2}{\left(x \right)}: drop the braces
        pat = re.compile(r"(\\Xi_\{\d+\}'*|\\[A-Za-z]+'*)\s*(\^\s*\{[^{}]*\}|\^\s*\w)?\s*\{\s*\(")
        pos = 0
        while True:
            m = pat.search(s, pos)
            if not m:
                return s
            brace = s.index("{", m.end(2) if m.group(2) else m.end(1))
            close = _group(s, brace)
            inner = s[brace + 1:close - 1].strip()
            if inner.startswith("(") and _group(inner, 0, "(", ")") == len(inner):
                s = s[:brace] + inner + s[close:]
            pos = m.start() + 1

    def powers_of_functions(self, s: str) -> str:
        # NAME^{p}(args) -> (NAME(args))^{p}, for placeholders and the atomic commands
        pat = re.compile(r"(\\Xi_\{\d+\}|\\sigma|\\Phi|\\varphi|\\phi|\\tanh|\\exp|\\log)\s*\^\s*(\{[^{}]*\}|\w)\s*\(")
        while True:
            m = pat.search(s)
            if not m:
                return s
            open_ = m.end() - 1
            close = _group(s, open_, "(", ")")
            s = s[:m.start()] + "(" + m.group(1) + s[open_:close] + ")^" + m.group(2) + s[close:]

    def tuples(self, s: str) -> str:
        # a parenthesised group with a top-level comma that is not an argument list: a tuple
        i = 0
        while i < len(s):
            if s[i] == "(" and not re.search(r"(\\Xi_\{\d+\}'*|\\[A-Za-z]+|[A-Za-z](?:_\{[^{}]*\}|_\w)?'*)\s*$", s[:i]):
                j = _group(s, i, "(", ")")
                parts, seps = _split_top(s[i + 1:j - 1], (",",))
                if seps:
                    ph = self.slot(sympy.Tuple(*[self.sub_parse(p) for p in parts]))
                    s = s[:i] + ph + s[j:]
                    i += len(ph)
                    continue
            i += 1
        parts, seps = _split_top(s, (",",))
        if seps:
            return self.slot(sympy.Tuple(*[self.sub_parse(p) for p in parts]))
        return s


_LATEX_COMMANDS = {
    "frac", "dfrac", "tfrac", "sqrt", "cdot", "lim", "to", "infty", "pi", "exp", "log", "ln", "tanh", "sinh",
    "cosh", "sin", "cos", "tan", "max", "min", "sum", "prod", "int", "beta", "alpha", "gamma", "delta",
    "theta", "lambda", "mu", "nu", "xi", "rho", "tau", "omega", "epsilon", "eta", "kappa", "zeta",
    "Xi", "partial", "nabla", "leq", "geq", "le", "ge", "neq", "ne", "approx", "sim", "equiv", "mathbf",
    "begin", "end", "left", "right", "binom", "pm", "mp", "erf", "sigma", "Phi", "phi", "varphi", "prime",
    "Gamma", "Delta", "Lambda", "Sigma", "Omega", "Pi", "Psi", "psi", "chi", "iota", "upsilon",
    "Theta", "vartheta", "varrho", "varpi", "Upsilon", "lfloor", "rfloor", "lceil", "rceil",
}


def _norm_latex(t: str) -> str:
    return re.sub(r"[\s{}]", "", t)


_LATEX_NAMES: dict[str, Unit] = {}
_COMPOUND: list[tuple[re.Pattern[str], Unit]] = []
for _u in CATALOGUE.values():
    if re.search(r"_\s*\{?\s*(%s)(?![A-Za-z])" % "|".join(re.escape(p.latex) for p in _u.params), _u.latex_name) \
            if _u.params else False:
        continue  # a parameter in the name: read by the subscript rule
    _LATEX_NAMES[_norm_latex(_u.latex_name)] = _u
    _tokens = re.findall(r"\\[A-Za-z]+\{[^{}]*\}|\\[A-Za-z]+|[_^]\{[^{}]*\}|[_^]\\[A-Za-z]+|[_^]\w|\S", _u.latex_name)
    if len(_tokens) > 1:
        _parts = []
        for _t in _tokens:
            if _t[0] in "_^":
                _body = _t[1:].strip("{}")
                _parts.append(re.escape(_t[0]) + r"\s*(?:\{\s*%s\s*\}|%s)" % (re.escape(_body), re.escape(_body)))
            else:
                _parts.append(re.escape(_t).replace(r"\{", r"\{\s*").replace(r"\}", r"\s*\}"))
        _COMPOUND.append((re.compile(r"\s*".join(_parts) + r"(?![A-Za-z0-9])"), _u))
_COMPOUND.sort(key=lambda pu: -len(pu[0].pattern))


def _condition(tex: str, norm: _Normaliser | None = None) -> Any:
    t = tex.strip()
    t = re.sub(r"^\\(?:text|mathrm)\s*\{\s*(?:if|for|when)\s*\}", "", t).strip()
    t = re.sub(r"^(?:if|for)\s+", "", t)
    if re.fullmatch(r"\\(?:text|mathrm)\s*\{\s*(?:otherwise|else|sonst)\s*\}|otherwise|", t):
        return sympy.true
    parts, _ = _split_top(t.replace("\\wedge", "\x00").replace("\\land", "\x00"), ("\x00",))
    if len(parts) > 1:
        return sympy.And(*[_condition(p, norm) for p in parts])
    parts, _ = _split_top(t.replace("\\vee", "\x00").replace("\\lor", "\x00"), ("\x00",))
    if len(parts) > 1:
        return sympy.Or(*[_condition(p, norm) for p in parts])
    if norm is not None:
        rel = norm.sub_relation(t)
        if isinstance(rel, sympy.Tuple):
            return sympy.And(*rel)
        if not isinstance(rel, sympy.core.relational.Relational):
            raise LatexParseError(f"a condition needs a relation: {tex.strip()!r}")
        return rel
    ch = parse_chain(t)
    if any(v is None for v in ch.values):
        raise LatexParseError(next(e for e in ch.errors if e))
    if not ch.ops:
        raise LatexParseError(f"a condition needs a relation: {tex.strip()!r}")
    rels = [_relation(ch.values[i], op, ch.values[i + 1]) for i, op in enumerate(ch.ops)]
    return sympy.And(*rels) if len(rels) > 1 else rels[0]


def _relation(a: Any, op: str, b: Any) -> Any:
    if op == "=":
        return sympy.Eq(a, b, evaluate=False)
    if op == "!=":
        return sympy.Ne(a, b, evaluate=False)
    if op in ("~=", "~"):
        return sympy.Eq(a, b, evaluate=False)
    cls = {"<": sympy.StrictLessThan, ">": sympy.StrictGreaterThan, "<=": sympy.LessThan, ">=": sympy.GreaterThan}[op]
    return cls(a, b, evaluate=False)


# ---------------------------------------------------------------------------------------------
# after SymPy: resolve placeholders and names


def _unit_meaning(unit: Unit, sub: str | None) -> tuple[Expr, tuple[Symbol, ...], Any]:
    """(template expression, its variables, limit spec or None) for NAME_sub."""
    params = [p for p in unit.params]
    values = dict(unit.values)
    expr = unit.template
    limit = None
    if sub is not None:
        sub_c = sub.strip()
        latex_of = {_clean_name(p.latex): p for p in params}
        key = _clean_name(sub_c)
        if key in latex_of:  # a symbolic parameter: \text{Swish}_\beta
            p = latex_of[key]
            values.pop(p.name)
            expr = expr.xreplace({p.symbol: real_symbol(key)})
        else:
            limit_params = [p for p in params if p.limits] or params
            if not limit_params:
                raise LatexParseError(f"{unit.name} has no parameter for the subscript {sub_c!r}")
            p = limit_params[0]
            values.pop(p.name)
            if key in ("infty", "+infty"):
                t = Symbol(_clean_name(p.latex) or p.name, real=True)
                expr = expr.xreplace({p.symbol: t})
                limit = (t, sympy.oo, "-")
            elif key in ("0", "0^+", "0^{+}"):
                t = Symbol(_clean_name(p.latex) or p.name, real=True)
                expr = expr.xreplace({p.symbol: t})
                limit = (t, sympy.S.Zero, "+")
            else:
                v = _number(sub_c)
                expr = expr.xreplace({p.symbol: v})
    expr = expr.xreplace({p.symbol: values[p.name] for p in params if p.name in values})
    return expr, unit.variables, limit


def _number(tex: str) -> Expr:
    t = tex.strip()
    while t.startswith("{") and _group(t, 0) == len(t):  # an outer pair of braces only
        t = t[1:-1].strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", t):
        return sympy.Rational(t)
    try:
        v = _parse_side(t)
    except LatexParseError as exc:
        raise LatexParseError(f"the subscript {tex!r} is not a parameter value ({exc})") from exc
    if not v.is_number:
        raise LatexParseError(f"the subscript {tex!r} is not a parameter value")
    return v


def _apply_unit(meaning: tuple[Any, ...], args: tuple[Expr, ...] | None) -> Any:
    kind, unit, sub, *rest = meaning
    expr, variables, limit = _unit_meaning(unit, sub)
    primes = rest[0] if rest else 0
    if primes or kind != "unit":
        # derivatives almost everywhere: Abs, Max, Heaviside as Piecewise, so no DiracDelta appears
        from .analysis._common import to_piecewise

        expr = to_piecewise(expr)
    if kind == "unit" and primes:
        if len(variables) != 1:
            raise LatexParseError(f"a prime on {unit.name}, a function of {len(variables)} variables")
        expr = sympy.diff(expr, variables[0], primes)
    if kind == "nabla":
        expr = sympy.Tuple(*[sympy.diff(expr, v) for v in variables])
    elif kind == "nabla2":
        expr = sympy.ImmutableMatrix(sympy.hessian(expr, variables)) if len(variables) > 1 else sympy.diff(expr, variables[0], 2)
    if args is None:
        if limit is not None:
            raise LatexParseError(f"a limit of {unit.name} needs its argument")
        if len(variables) == 1 and kind == "unit":
            return sympy.Lambda(variables[0], expr)
        return expr  # a gated unit named without arguments: at its own variables
    if len(args) != len(variables):
        raise LatexParseError(f"{unit.name} takes {len(variables)} argument(s), got {len(args)}")
    out = expr.xreplace(dict(zip(variables, args)))
    if limit is not None:
        t, end, d = limit
        out = sympy.Limit(out, t, end, dir=d)
    return out


def _juxtaposed_names(e: Any, plain: set[str] | None = None) -> set[str]:
    """The names ``v`` of the calls ``v(a)`` in SymPy's reading that are products v·a: the
    variables x, x_g, x_v, t, and any name that also stands alone in the formula."""
    if not isinstance(e, sympy.Basic):
        return set()
    if plain is None:
        plain = {_clean_name(a.name) for a in e.free_symbols}  # type: ignore[attr-defined]
    out = set()
    for a in e.atoms(sympy.core.function.AppliedUndef):
        name = a.func.__name__
        if len(a.args) != 1 or "'" in name or re.fullmatch(r"Xi_\{\d+\}", name):
            continue
        base = _clean_name(name)
        if base in _VARS or base == "t" or base in plain:
            out.add(name)
    return out


def _explicit_products(tex: str, names: set[str]) -> str:
    r"""``x(1+x)^{2}`` written ``{x}(1+x)^{2}`` for each name of ``names``, which SymPy's grammar reads
    as a product, not a call: juxtaposition binds looser than a power, a factorial or a fraction bar,
    which cannot be mended once ``x(…)`` is read as a call (``x(1+x)^{-1}`` and
    ``\frac{1}{x(1+x)}`` are then one tree); a group keeps juxtaposition's precedence, where
    ``\cdot`` would end the operand of ``\frac{d}{dx}``."""
    for name in sorted(names, key=len, reverse=True):
        base, _, sub = _clean_name(name).partition("_")
        subscript = r"\s*_\s*(?:\{\s*%s\s*\}|%s)" % (re.escape(sub), re.escape(sub)) if sub else ""
        pat = r"(?<![\\A-Za-z])(%s%s)(?![A-Za-z0-9_'])\s*(?=\()" % (re.escape(base), subscript)
        tex = re.sub(pat, r"{\1}", tex)
    return tex


def _read(norm: str) -> Any:
    """SymPy's reading of a normalised formula, with the products ``v(a)`` made explicit first."""
    parsed = _sympy_parse(norm)
    names = _juxtaposed_names(parsed)
    if names:
        explicit = _explicit_products(norm, names)
        if explicit != norm:
            parsed = _sympy_parse(explicit)
    return parsed


def _resolve(e: Any, table: dict[Any, Any]) -> Any:
    renames = table.get(("rename",), {})
    plain = {_clean_name(a.name) for a in getattr(e, "free_symbols", ())}

    def ph(name: str) -> int | None:
        m = re.fullmatch(r"Xi_\{(\d+)\}'*", name)
        return int(m.group(1)) if m else None

    def primes_of(name: str) -> int:
        return len(name) - len(name.rstrip("'"))

    def walk(e: Any) -> Any:
        if isinstance(e, sympy.Symbol):
            k = ph(e.name)
            if k is not None:
                meaning = table[k]
                if isinstance(meaning, tuple) and meaning and meaning[0] in ("unit", "nabla", "nabla2"):
                    return _apply_unit(meaning, None)
                if isinstance(meaning, tuple) and meaning[0] == "function":
                    f = meaning[1]
                    t = Symbol("t", real=True)
                    return sympy.Lambda(t, f(t))
                if isinstance(meaning, tuple) and meaning[0] == "unknown":
                    return real_symbol(meaning[1])
                return meaning
            name = _clean_name(e.name)
            if name in renames:
                name = renames[name]
            if name == "e":
                return sympy.E
            if name == "pi":
                return sympy.pi
            return real_symbol(name)
        if isinstance(e, sympy.core.function.AppliedUndef):
            name = e.func.__name__
            args = tuple(walk(a) for a in e.args)
            k = ph(name.rstrip("'"))
            n_primes = primes_of(name)
            if k is not None:
                meaning = table[k]
                if isinstance(meaning, tuple) and meaning[0] in ("unit", "nabla", "nabla2"):
                    if n_primes:
                        meaning = (meaning[0], meaning[1], meaning[2], n_primes)
                    return _apply_unit(meaning, args)
                if isinstance(meaning, tuple) and meaning[0] == "function":
                    return _derived(meaning[1], args, n_primes)
                if isinstance(meaning, tuple) and meaning[0] == "unknown":
                    return sympy.Function(meaning[1] + "'" * n_primes)(*args)
                if isinstance(meaning, sympy.Tuple) and len(args) == 1:
                    return sympy.Mul(meaning, args[0])  # not callable: (a, b)(c) is a product
                raise LatexParseError("a value applied to arguments")
            base = _clean_name(name.rstrip("'"))
            if name in _juxtaposed_names(e, plain):
                return real_symbol(base) * args[0]  # x(1 - x) is a product, not a call
            if base == "O" and len(args) == 1 and not n_primes:
                return BigO(args[0])
            if base in _KNOWN_FUNCTIONS:
                return _derived(_KNOWN_FUNCTIONS[base], args, n_primes)
            return sympy.Function(base + "'" * n_primes)(*args)
        if isinstance(e, sympy.Limit):
            expr, z, z0, d = e.args
            return sympy.Limit(walk(expr), walk(z), walk(z0), dir=str(d))
        if isinstance(e, sympy.Derivative):
            inner = walk(e.expr)
            vs = [(walk(v), n) for v, n in e.variable_count]
            return sympy.diff(inner, *[a for v, n in vs for a in (v, n)])
        if isinstance(e, sympy.log) and len(e.args) == 2 and e.args[1] in (sympy.E, Symbol("e")):
            return sympy.log(walk(e.args[0]))
        if isinstance(e, sympy.Float):
            return sympy.Rational(str(e))
        if isinstance(e, sympy.MatrixBase):
            return e.applyfunc(walk)
        if not getattr(e, "args", ()):
            return e
        new_args = [walk(a) for a in e.args]
        if isinstance(e, sympy.Pow) and isinstance(new_args[0], sympy.Lambda):
            raise LatexParseError("a power of a function without its argument")
        if isinstance(e, sympy.Mul):
            lam = [a for a in new_args if isinstance(a, sympy.Lambda)]
            if lam:
                raise LatexParseError("a function name without its argument inside a product")
        return e.func(*new_args)

    return walk(e)


def _derived(f: Callable[..., Expr], args: tuple[Expr, ...], primes: int) -> Expr:
    if f is sympy.log and len(args) == 1:
        out = sympy.log(args[0])
    else:
        out = f(*args)
    if primes:
        if len(args) != 1:
            raise LatexParseError("a prime on a function of several arguments")
        t = Symbol("_t", real=True)
        out = sympy.diff(f(t), t, primes).xreplace({t: args[0]})
    return out


# ---------------------------------------------------------------------------------------------
# public entry points


@functools.lru_cache(maxsize=1)
def _antlr_backend() -> Any:
    """SymPy's ANTLR LaTeX module, loaded without its eager import of ``sympy.physics.quantum``.

    The module imports ``Bra`` and ``Ket`` at load time, for bra-ket notation only, and that
    import costs about 0.7 s, a quarter of checking a whole post. While the module loads, a
    stand-in ``sympy.physics.quantum.state`` supplies two functions that import the real
    classes when a formula first uses them; the stand-in is removed right after, so any later
    import gets SymPy's real module.
    """
    import importlib
    import sys
    import types

    name = "sympy.physics.quantum.state"
    if name in sys.modules:
        return importlib.import_module("sympy.parsing.latex._parse_latex_antlr")

    def deferred(cls: str) -> Callable[..., Any]:
        def make(*args: Any) -> Any:
            return getattr(importlib.import_module(name), cls)(*args)
        return make

    stand_in = types.ModuleType(name)
    stand_in.Bra = deferred("Bra")  # type: ignore[attr-defined]
    stand_in.Ket = deferred("Ket")  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
    try:
        return importlib.import_module("sympy.parsing.latex._parse_latex_antlr")
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


def _sll_parse(tex: str) -> Any:
    """SymPy's ANTLR LaTeX parser, strict, in ANTLR's SLL prediction mode (about a third faster
    than the default LL mode); any error here is retried by SymPy's own ``parse_latex`` in LL
    mode, ANTLR's usual two-stage strategy, so the result and the errors are SymPy's."""
    import antlr4
    from antlr4.atn.PredictionMode import PredictionMode
    antlr_backend = _antlr_backend()
    tex = tex.strip()
    listener = antlr_backend.MathErrorListener(tex)
    lexer = antlr_backend.LaTeXLexer(antlr4.InputStream(tex))
    lexer.removeErrorListeners()
    lexer.addErrorListener(listener)
    parser = antlr_backend.LaTeXParser(antlr4.CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(listener)
    parser._interp.predictionMode = PredictionMode.SLL
    relation = parser.math().relation()
    if relation.start.start != 0 or relation.stop.stop != len(tex) - 1:
        raise ValueError("not the whole formula")
    return antlr_backend.convert_relation(relation)


@functools.lru_cache(maxsize=4096)
def _sympy_parse(tex: str) -> Any:
    """SymPy's reading of a normalised formula (cached: SymPy's expressions are immutable, and
    a post repeats its pieces, such as σ(x) or the placeholders of its definitions)."""
    from sympy.parsing.latex import parse_latex as sympy_parse_latex
    from sympy.parsing.latex.errors import LaTeXParsingError

    try:
        return _sll_parse(tex)
    except Exception:  # noqa: BLE001 - SLL may fail where LL succeeds: LL decides, below
        pass
    try:
        return sympy_parse_latex(tex, strict=True)
    except LaTeXParsingError as exc:
        msg = str(exc).splitlines()[0].strip() or "invalid LaTeX"
        raise LatexParseError(f"SymPy's LaTeX grammar: {msg}") from None
    except ImportError as exc:  # antlr4 missing or of the wrong version
        raise GlusymError(f"parse_latex needs antlr4-python3-runtime 4.11.x ({exc})") from None
    except Exception as exc:  # the ANTLR runtime raises assorted errors on bad input
        raise LatexParseError(f"SymPy's LaTeX grammar: {type(exc).__name__}: {str(exc)[:120]}") from None


def _parse_side(tex: str) -> Any:
    if not tex.strip():
        raise LatexParseError("an empty side")
    table: dict[Any, Any] = {}
    try:
        norm = _Normaliser(table).run(tex)
    except GlusymError:
        raise
    except (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError) as exc:
        raise LatexParseError(f"cannot read the formula: {type(exc).__name__}: {str(exc)[:120]}") from None
    if not norm.strip():
        raise LatexParseError("nothing to read")
    parsed = _read(norm)
    if isinstance(parsed, sympy.core.relational.Relational):
        raise LatexParseError("a relation inside a side")
    try:
        return _resolve(parsed, table)
    except GlusymError:
        raise
    except (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError) as exc:
        # SymPy refusing what was read: sigma(x, y), a matrix in a sum, …
        raise LatexParseError(f"cannot build the expression: {str(exc)[:120]}") from None


def mentions_catalogue(tex: str) -> bool:
    """True where the text names a catalogue unit (so that its left side is not a new name)."""
    table: dict[Any, Any] = {}
    try:
        _Normaliser(table).run(tex)
    except Exception:  # noqa: BLE001 - a question about names, not a parse
        return False
    return any(isinstance(m, tuple) and m and m[0] in ("unit", "nabla", "nabla2") for m in table.values())


def parse_chain(tex: str) -> Chain:
    """Split a formula at its top-level relations and read each side.

    >>> ch = parse_chain(r"\\sigma(0) = \\frac{1}{2} < 1")
    >>> ch.ops, ch.values
    (('=', '<'), (1/2, 1/2, 1))
    """
    s = tex.strip()
    if s.startswith("$"):
        s = s.strip("$")
    s = re.sub(r"\\(?:left|right)\s*([<>])", r"\1", s)
    if "\\langle" in s:
        raise LatexParseError("angle brackets are not read")
    # remove a trailing punctuation mark and the alignment marks before splitting
    s = s.rstrip()
    if s.endswith((".", ",")):
        s = s[:-1]
    parts, seps = _split_top(s, _RELATIONS)
    values: list[Any] = []
    errors: list[str | None] = []
    for p in parts:
        try:
            values.append(_parse_side(p))
            errors.append(None)
        except LatexParseError as exc:
            values.append(None)
            errors.append(str(exc))
        except RecursionError:
            values.append(None)
            errors.append("the formula is nested too deeply")
    return Chain(tuple(p.strip() for p in parts), tuple(_REL_CANON.get(o, o) for o in seps),
                 tuple(values), tuple(errors))


def parse_latex(tex: str) -> Any:
    r"""Read a LaTeX formula into SymPy: an expression, a relation, or a tuple of relations.

    A single relation comes back unevaluated (``Eq(a, b, evaluate=False)``); a chain
    ``a = b = c`` as a ``Tuple`` of its links ``Eq(a, b), Eq(b, c)``; an ``aligned`` environment
    as the ``Tuple`` of its rows. Raises :class:`LatexParseError` (a :class:`GlusymError`) with a
    one-line reason where the formula cannot be read.

    >>> parse_latex(r"\frac{1}{1+e^{-x}}")
    1/(1 + exp(-x))
    >>> parse_latex(r"\text{ReLU}(x) = \max(0, x)")
    Eq(Piecewise((x, x > 0), (0, True)), Max(0, x))
    >>> parse_latex(r"[x]_+ + |x|")
    Abs(x) + Max(0, x)
    >>> parse_latex(r"\nabla \text{SwiGLU}(x_g, x_v)")
    (x_g*x_v*(1 - sigmoid(x_g))*sigmoid(x_g) + x_v*sigmoid(x_g), x_g*sigmoid(x_g))
    """
    if not isinstance(tex, str):
        raise GlusymError(f"parse_latex takes a string, not {type(tex).__name__}")
    ch = parse_chain(tex)
    for v, err in zip(ch.values, ch.errors):
        if v is None:
            raise LatexParseError(err or "unreadable")
    if not ch.ops:
        return ch.values[0]
    links = [_relation(ch.values[i], op, ch.values[i + 1]) for i, op in enumerate(ch.ops)]
    return links[0] if len(links) == 1 else sympy.Tuple(*links)

r"""The meaning of names: variables, Greek letters, functions, the catalogue's units.

* the variables ``x``, ``x_g``, ``x_v`` are the catalogue's own symbols; any other name is a
  real symbol (:func:`real_symbol`); ``e`` and ``\mathrm{e}`` are Euler's number, ``\pi`` is π;
* :data:`FUNCTIONS` are the functions every reader knows (``\tanh``, ``\exp``, ``\ln``,
  ``\operatorname{erf}``, ``\operatorname{sech}`` …), with whether they may be applied without
  parentheses (``\tanh x``);
* :data:`ATOMIC` are glusym's own σ, Φ, φ (applied with parentheses only);
* :func:`unit_of_word` finds a catalogue unit by any of its names or aliases, however spelt
  (``\text{SwiGLU}``, ``\mathrm{gelu_exact}``, ``\operatorname{leakyrelu}``, ``\relu``: the
  catalogue's one lookup, :func:`glusym.catalogue.find`) or by its LaTeX name (``\text{id}``);
  :func:`unit_meaning` gives a unit's expression for a parameter subscript
  (``\text{Swish}_\beta``, ``_{1.702}``, ``_0`` and ``_\infty``: the limits of the parameter).

>>> real_symbol("x_g") is x_g, real_symbol(r"\alpha_{01}")
(True, alpha_01)
>>> unit_of_word("Leaky-ReLU").name
'leaky_relu'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable

import sympy
from sympy import Expr, Symbol

from ..catalogue import CATALOGUE, Unit, find, name_key, x, x_g, x_v
from ..functions import Phi, phi, sigmoid
from .errors import LatexParseError

__all__ = ["ATOMIC", "FUNCTIONS", "GREEK", "VARS", "PROSE", "real_symbol", "param_names", "unit_meaning", "unit_reading", "UnitReading", "unit_of_word"]

VARS: dict[str, Symbol] = {"x": x, "x_g": x_g, "x_v": x_v}

#: Greek letters (and their variants), as the names of symbols.
GREEK: dict[str, str] = {n: n for n in (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "omicron", "pi", "rho", "sigma", "phi", "tau", "upsilon", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Upsilon", "Psi", "Omega")}
GREEK.update({"varepsilon": "epsilon", "vartheta": "theta", "varrho": "rho", "varpi": "pi_", "varsigma": "sigma",
              "varkappa": "kappa", "varphi": "phi", "ell": "ell"})


def _sech(a: Expr) -> Expr:
    return sympy.sech(a)


#: name -> (the SymPy function, may it be applied without parentheses: ``\tanh x``)
FUNCTIONS: dict[str, tuple[Callable[..., Expr], bool]] = {
    "sin": (sympy.sin, True), "cos": (sympy.cos, True), "tan": (sympy.tan, True),
    "sec": (sympy.sec, True), "csc": (sympy.csc, True), "cot": (sympy.cot, True),
    "sinh": (sympy.sinh, True), "cosh": (sympy.cosh, True), "tanh": (sympy.tanh, True),
    "coth": (sympy.coth, True), "sech": (_sech, True), "csch": (sympy.csch, True),
    "arcsin": (sympy.asin, True), "arccos": (sympy.acos, True), "arctan": (sympy.atan, True),
    "arsinh": (sympy.asinh, True), "arcsinh": (sympy.asinh, True), "artanh": (sympy.atanh, True),
    "arctanh": (sympy.atanh, True), "arcosh": (sympy.acosh, True),
    "exp": (sympy.exp, True), "log": (sympy.log, True), "ln": (sympy.log, True),
    "erf": (sympy.erf, True), "erfc": (sympy.erfc, True),
    "sgn": (sympy.sign, True), "sign": (sympy.sign, True), "abs": (sympy.Abs, False),
    "sigmoid": (sigmoid, False),
}

#: glusym's atomic functions, as commands (applied with parentheses).
ATOMIC: dict[str, Callable[..., Expr]] = {"sigma": sigmoid, "Phi": Phi, "phi": phi, "varphi": phi}

#: Words of prose, which start a condition or a domain note (``\text{for } x > 0``).
PROSE = frozenset({"for", "if", "when", "whenever", "where", "with", "as", "on", "otherwise", "else", "and",
                   "or", "all", "any", "every", "provided", "given", "since", "so", "hence", "thus", "i.e.",
                   "e.g.", "wherever", "forall", "s.t.", "such", "that", "is", "at", "near", "large", "small"})


def _clean_name(name: str) -> str:
    name = name.replace("\\", "").replace("{", "").replace("}", "").replace(" ", "")
    for w in ("mathrm", "text", "operatorname", "mathit"):
        name = name.replace(w, "")
    return name


def real_symbol(name: str) -> Symbol:
    """The symbol a formula's name stands for: the catalogue's x, x_g, x_v, else a real symbol."""
    name = _clean_name(name)
    return VARS.get(name) or Symbol(name, real=True)


#: the words of the units' LaTeX names, ``\text{id}`` → identity
_LATEX_WORDS: dict[str, Unit] = {}
for _u in CATALOGUE.values():
    _ln = _u.latex_name
    if _ln.startswith("\\text{") and _ln.endswith("}") and _ln.count("{") == 1:
        _LATEX_WORDS[name_key(_ln[6:-1])] = _u


def unit_of_word(word: str) -> Unit | None:
    """The unit a word names: by name or alias, or as its LaTeX name writes it (``\text{id}``)."""
    return find(word) or _LATEX_WORDS.get(name_key(word))


def param_names(p: Any) -> tuple[str, ...]:
    """The names a post writes a unit's parameter by: its LaTeX letter (``\\alpha`` → ``alpha``,
    ``b``) and its library name as PyTorch prints it (``\\text{negative\\_slope}``,
    ``\\text{scale}``, ``\\text{lambd}``)."""
    return tuple(dict.fromkeys(n for n in (_clean_name(p.latex), p.name) if n))


@dataclass(frozen=True)
class UnitReading:
    """A unit as a formula writes it: ``expr`` (its variables still free, every parameter given a
    value), ``limit`` (symbol, point, direction) for ``_0`` and ``_\\infty``, ``symbols`` (the
    post's symbols that stand for a parameter: name → the parameters, for their admissible
    domain) and ``defaults`` (the parameters left at glusym's default: the formula does not set
    them and the document has not named them)."""

    raw: Expr
    subs: tuple[tuple[Symbol, Expr], ...]
    variables: tuple[Symbol, ...]
    limit: Any
    symbols: tuple[tuple[str, Any], ...]
    defaults: tuple[Any, ...]

    @property
    def expr(self) -> Expr:
        """The expression, every parameter substituted (``raw`` has them as the unit's symbols)."""
        return self.raw.xreplace(dict(self.subs))

    def at(self, args: Sequence[Expr]) -> Expr:
        """The unit at ``args`` for its variables, substituted at once with the parameters (so that
        a parameter's value in x is not changed by the argument for x)."""
        return self.raw.xreplace({**dict(self.subs), **dict(zip(self.variables, args))})


def unit_reading(unit: Unit, sub: tuple[str, Any] | None, extra: Sequence[Expr] = (),
                 post_name: Callable[[Any], str | None] | None = None,
                 template: Callable[[Expr], Expr] | None = None) -> UnitReading:
    """``unit`` with the subscript ``sub`` (None, ``("name", "beta")``: a parameter by its letter,
    ``("value", number)``, ``("limit", 0 or oo)``), the parameters given as arguments after its
    variables (``extra``, in catalogue order: ``\\operatorname{squareplus}(x, b)``), and the
    others set to the post's symbol where ``post_name(param)`` names one (the formula writes it, or
    the document stated it), else to glusym's default. ``template``, if given, transforms the
    expression before the parameters are substituted (a derivative in the unit's variables)."""
    params = list(unit.params)
    values: dict[str, Expr] = {}
    symbols: list[tuple[str, Any]] = []
    expr = unit.template
    limit = None
    by_sub = None
    if sub is not None:
        kind, val = sub
        by_name = {n: p for p in params for n in param_names(p)}
        if kind == "name" and val in by_name:  # a symbolic parameter: \text{Swish}_\beta
            by_sub = by_name[val]
            values[by_sub.name] = real_symbol(val)
            symbols.append((real_symbol(val).name, by_sub))
        else:
            limit_params = [p for p in params if p.limits] or params
            if not limit_params or kind == "name":
                raise LatexParseError(f"{unit.name} has no parameter for the subscript {val}")
            by_sub = limit_params[0]
            if kind == "limit":
                t = Symbol(_clean_name(by_sub.latex) or by_sub.name, real=True)
                values[by_sub.name] = t
                limit = (t, val, "-" if val == sympy.oo else "+")
            else:
                if not (isinstance(val, sympy.Basic) and val.is_number and val.is_real):
                    raise LatexParseError(f"the subscript of {unit.name} is not a parameter value")
                values[by_sub.name] = val
    rest = [p for p in params if p is not by_sub]
    if len(extra) > len(rest):
        n = len(unit.variables)
        if not rest:
            what = "no parameter" if not params else "its parameter already set by the subscript"
        else:
            what = f"at most {len(rest)} parameter(s) after them ({', '.join(p.name for p in rest)})"
        raise LatexParseError(f"{unit.name} takes {n} argument(s) and {what}, got {n + len(extra)}")
    for p, v in zip(rest, extra):
        values[p.name] = v
        if isinstance(v, Symbol) and v.name not in VARS:  # squareplus(x, b): b is the post's parameter
            symbols.append((v.name, p))
    defaults = []
    for p in rest[len(extra):]:
        name = post_name(p) if post_name is not None else None
        if name is not None:
            values[p.name] = real_symbol(name)
            symbols.append((real_symbol(name).name, p))
        else:
            values[p.name] = dict(unit.values)[p.name]
            defaults.append(p)
    if template is not None:
        expr = template(expr)
    subs = tuple((p.symbol, values[p.name]) for p in params)
    return UnitReading(expr, subs, unit.variables, limit, tuple(symbols), tuple(defaults))


def unit_meaning(unit: Unit, sub: tuple[str, Any] | None) -> tuple[Expr, tuple[Symbol, ...], Any]:
    """(expression, its variables, a limit (symbol, point, direction) or None) of ``unit`` with
    the subscript ``sub`` and its other parameters at glusym's defaults (see :func:`unit_reading`)."""
    r = unit_reading(unit, sub)
    return r.expr, r.variables, r.limit

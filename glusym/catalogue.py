r"""The catalogue: every activation and gated unit, once, as a SymPy expression.

An entry is a frozen :class:`Unit`. Activations are functions of one real variable ``x``; a gated
unit (GLU family, arXiv 2002.05202) is :math:`f(x_g, x_v) = \alpha(x_g)\,x_v`, built by
:func:`glu` from its gate activation. Variants are compositions, not copies: SiLU is Swish with
:math:`\beta = 1`, hard-sigmoid is ReLU6 shifted and scaled, hard-swish is the post's
order-raising operator :func:`order_raise` applied to hard-sigmoid.

Kinks follow JAX's conventions, by defining each piecewise unit with the branch order of JAX's
implementation (``jnp.where``), so that the derivative at a kink is the derivative of the branch
JAX takes there: ``relu'(0) = 0``, ``relu6'(0) = relu6'(6) = 0``, ``leaky_relu'(0) = 1``,
``hard_tanh'(±1) = 1``.

>>> import glusym
>>> u = glusym.get("swiglu")
>>> u.expr
x_g*x_v*sigmoid(x_g)
>>> glusym.get("swish", beta=2).expr
x*sigmoid(2*x)
>>> glusym.get("hard_swish").name
'hardswish'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

import sympy
from sympy import (
    Abs,
    Expr,
    Float,
    HadamardProduct,
    Lambda,
    MatrixSymbol,
    Or,
    Piecewise,
    Rational,
    Symbol,
    exp,
    log,
    pi,
    sqrt,
    tanh,
)

from .display import cut, text
from .errors import GlusymError
from .functions import Phi, sigmoid, to_sympy
from .printing import definition

__all__ = [
    "CATALOGUE",
    "DECIMALS",
    "Param",
    "Unit",
    "find",
    "get",
    "glu",
    "name_key",
    "names",
    "order_raise",
    "vector_form",
    "x",
    "x_g",
    "x_v",
]

#: The variable of an activation.
x = Symbol("x", real=True)
#: The gate input of a gated unit.
x_g = Symbol("x_g", real=True)
#: The value input of a gated unit.
x_v = Symbol("x_v", real=True)


@dataclass(frozen=True)
class Param:
    r"""A parameter of a unit: its name, default, LaTeX and whether its limits are of interest.

    ``positive``: its admissible values are the positive reals (else every real). ``canonical``:
    the unit's name alone means the default (SELU's constants, softplus's and Swish's
    :math:`\beta = 1`), so a claim about the name is a claim about the default; where it is False
    (ELU's :math:`\alpha`, LeakyReLU's slope, squareplus's b) the value is the author's, and a
    bound the checker proves at glusym's default is not the author's claim.

    >>> Param("beta", 1, r"\beta", "sharpness of the gate").symbol
    beta
    >>> Param("beta", 1, r"\beta", "sharpness of the gate").admissible
    Interval.open(0, oo)
    """

    name: str
    default: Any
    latex: str
    description: str
    positive: bool = True
    limits: bool = True
    canonical: bool = False
    below: str | None = None
    above: str | None = None

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise GlusymError(f"parameter name {self.name!r} is not an identifier")
        object.__setattr__(self, "default", to_sympy(self.default, f"the default of parameter {self.name}"))

    @property
    def symbol(self) -> Symbol:
        """The SymPy symbol that stands for the parameter in a unit's template."""
        if self.positive:
            return Symbol(self.name, positive=True)
        return Symbol(self.name, real=True)

    @property
    def admissible(self) -> sympy.Set:
        """The parameter's admissible values: (0, ∞) for a positive parameter, else the reals
        (narrowed by ``below``/``above``, the parameters it must stay below or above, in
        :meth:`Unit.admissible`)."""
        return sympy.Interval.open(0, sympy.oo) if self.positive else sympy.S.Reals


@dataclass(frozen=True)
class Unit:
    r"""An activation or gated unit.

    ``template`` is the expression with its parameters as symbols; ``expr`` has the parameter
    values (``values``, the defaults unless set) substituted. ``fixed`` names the parameters
    a caller set (:meth:`with_params`, ``get(name, beta=2)``): a unit displays those by value
    (:math:`\text{Swish}_{2}(x) = x\sigma(2x)`), the others by their letter where its name
    carries one (:math:`\text{Swish}_\beta`). ``latex_name`` is the name in the
    post's notation, ``reference`` an arXiv id or library function.

    >>> from glusym import get
    >>> get("gelu").expr
    x*Phi(x)
    >>> get("softplus").with_params(beta=2).expr
    log(exp(2*x) + 1)/2
    """

    name: str
    template: Expr
    variables: tuple[Symbol, ...]
    latex_name: str
    reference: str
    description: str
    aliases: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    values: tuple[tuple[str, Expr], ...] = ()
    gate: Unit | None = None
    kink_note: str = ""
    fixed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise GlusymError(f"unit name {self.name!r} must be a lower-case identifier")
        if not self.variables:
            raise GlusymError(f"unit {self.name!r} has no variables")
        object.__setattr__(self, "template", to_sympy(self.template, f"the template of unit {self.name!r}"))
        known = set(self.variables) | {p.symbol for p in self.params}
        stray = self.template.free_symbols - known
        if stray:
            raise GlusymError(
                f"unit {self.name!r}: symbols {sorted(map(str, stray))} are neither variables nor parameters"
            )
        if not self.values:
            object.__setattr__(self, "values", tuple((p.name, p.default) for p in self.params))
        object.__setattr__(self, "values", tuple((k, _number(v, k)) for k, v in self.values))
        names_ = {p.name for p in self.params}
        for k, _ in self.values:
            if k not in names_:
                raise GlusymError(f"unit {self.name!r} has no parameter {k!r}")

    @property
    def kind(self) -> str:
        """``"gated"`` for a unit of the GLU family, ``"activation"`` otherwise."""
        return "gated" if self.gate is not None else "activation"

    @property
    def param_values(self) -> dict[str, Expr]:
        """The parameter values in force, by name."""
        return dict(self.values)

    @property
    def expr(self) -> Expr:
        """The expression with the parameter values substituted."""
        subs = {p.symbol: dict(self.values)[p.name] for p in self.params}
        return self.template.xreplace(subs) if subs else self.template

    def admissible(self, name: str) -> sympy.Set:
        """The values parameter ``name`` may take, the other parameters at their values: its own
        domain, below or above the parameter it is ordered against (hardtanh's min_val < max_val).

        >>> from glusym import get
        >>> get("hardtanh").admissible("min_val"), get("swish").admissible("beta")
        (Interval.open(-oo, 1), Interval.open(0, oo))
        """
        (prm,) = [p for p in self.params if p.name == name] or (None,)
        if prm is None:
            raise GlusymError(f"unit {self.name!r} has no parameter {name!r}")
        values = dict(self.values)
        out = prm.admissible
        if prm.below is not None:
            out = out & sympy.Interval.open(-sympy.oo, values[prm.below])
        if prm.above is not None:
            out = out & sympy.Interval.open(values[prm.above], sympy.oo)
        return out

    def with_params(self, **values: Any) -> Unit:
        r"""The same unit with other parameter values: numbers (text such as ``"1.702"`` and
        floats become exact rationals), SymPy expressions, or symbols.

        A parameter stays symbolic with a name: ``beta="b"`` or ``beta=Symbol("b")`` is the
        symbol ``b`` with the parameter's domain (``positive=True`` for a positive parameter,
        else ``real=True``; a symbol that already has assumptions is taken as it is), and every
        analysis keeps it a parameter (Taylor coefficients in ``b``). Text is never evaluated: a
        plain identifier is a name, decimal or fraction text a number, anything else refused.
        A value outside the parameter's admissible range (:meth:`admissible`) is refused: 0 or
        less for a positive parameter (Swish's β → 0⁺, x/2, is a limit, which
        :func:`~glusym.param_limits` derives), hardtanh's min_val at or above max_val.

        >>> from glusym import get, taylor
        >>> get("leaky_relu").with_params(negative_slope=0.2).param_values
        {'negative_slope': 1/5}
        >>> taylor(get("swish", beta="b"), order=5).polynomial
        -b**3*x**4/48 + b*x**2/4 + x/2
        >>> get("squareplus", b=-1)
        Traceback (most recent call last):
        ...
        glusym.errors.GlusymError: parameter b of squareplus must be in (0, ∞), got -1
        >>> get("hardtanh", min_val=2)
        Traceback (most recent call last):
        ...
        glusym.errors.GlusymError: parameter min_val of hardtanh must be in (-∞, 1), got 2
        """
        current = dict(self.values)
        params = {p.name: p for p in self.params}
        for k, v in values.items():
            if k not in current:
                known = ", ".join(p.name for p in self.params) or "none"
                raise GlusymError(f"unit {self.name!r} has no parameter {k!r} (its parameters: {known})")
            current[k] = _param_value(params[k], v, self.name)
        fixed = tuple(dict.fromkeys(self.fixed + tuple(values)))
        unit = replace(self, values=tuple(current.items()), fixed=fixed)
        for k in values:
            value, allowed = current[k], unit.admissible(k)
            if value.is_number and allowed.contains(value) is sympy.false:
                ends = "" if not (value.is_zero and allowed.inf == 0) else \
                    f"; {k} → 0+ is a limit, in derive's parameter limits"
                raise GlusymError(f"parameter {k} of {self.name} must be in {_interval_text(allowed)}, "
                                  f"got {value}{ends}")
        if unit.expr.has(sympy.zoo, sympy.nan):
            shown = ", ".join(f"{k} = {current[k]}" for k in values)
            raise GlusymError(f"{self.name} is undefined at {shown}")
        return unit

    def __call__(self, *args: Any) -> Expr:
        """The unit applied to arguments (numbers or SymPy expressions): ``get("relu")(x - 1)``.

        A string is refused, not read (LaTeX is read by :func:`glusym.parse_latex`):

        >>> from glusym import get, x
        >>> get("relu")(x - 1)
        Piecewise((x - 1, x > 1), (0, True))
        >>> get("relu")("x - 1")
        Traceback (most recent call last):
        ...
        glusym.errors.GlusymError: the argument of relu must be a number or a SymPy expression, not str
        (glusym runs no code from text; LaTeX is read by glusym.parse_latex)
        """
        if len(args) != len(self.variables):
            raise GlusymError(f"{self.name} takes {len(self.variables)} argument(s), got {len(args)}")
        values = [to_sympy(a, f"the argument of {self.name}") for a in args]
        return self.expr.xreplace(dict(zip(self.variables, values)))

    def __repr__(self) -> str:
        """One line: the name and the expression (not a dataclass dump; the fields are attributes)."""
        return cut(f"Unit({self.name}: {text(self.expr)})")

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + definition(self, decimals=DECIMALS) + "$"


def _interval_text(s: sympy.Set) -> str:
    """An admissible set as a reader writes it: ``(0, ∞)``, ``(-∞, 1)``, ``[0, 1]``."""
    if not isinstance(s, sympy.Interval):
        return str(s)

    def end(v: Expr) -> str:
        return "∞" if v == sympy.oo else "-∞" if v == -sympy.oo else str(v)

    return ("(" if s.left_open else "[") + f"{end(s.start)}, {end(s.end)}" + (")" if s.right_open else "]")


#: Names that Python's float() reads as numbers: refused as names, as they are as numbers.
_NOT_NAMES = frozenset({"nan", "inf", "infinity"})
#: glusym's variables, which no parameter may be named after.
_VARIABLE_NAMES = frozenset({"x", "x_g", "x_v"})


def _param_value(p: Param, value: Any, unit: str) -> Expr:
    """A value of parameter ``p``: a name (a plain identifier, or a SymPy symbol without
    assumptions) becomes a symbol with the parameter's domain; a number is exact
    (:func:`_number`); a value outside the domain is refused."""
    import keyword

    domain = {"positive": True} if p.positive else {"real": True}
    if isinstance(value, str) and value.isidentifier() and not keyword.iskeyword(value) \
            and value.lower() not in _NOT_NAMES:
        if value in _VARIABLE_NAMES:  # beta="x" would print as the variable and be another symbol
            raise GlusymError(f"parameter {p.name} of {unit}: {value!r} is the name of a variable, not a parameter")
        return Symbol(value, **domain)
    if isinstance(value, Symbol) and set(value.assumptions0) <= {"commutative"}:
        return Symbol(value.name, **domain)
    out = _number(value, p.name)
    if p.positive and out.is_negative:
        raise GlusymError(f"parameter {p.name} of {unit} must be in (0, ∞), got {out}")
    return out


def _number(value: Any, what: str) -> Expr:
    """A parameter value: exact Rational for decimal text and Python floats (SymPy's ``Rational``
    reads text with :class:`fractions.Fraction`, a number literal and nothing else, never as code)."""
    if isinstance(value, str):
        try:
            value = Rational(value)
        except (TypeError, ValueError, ZeroDivisionError) as exc:
            raise GlusymError(f"parameter {what}: {value!r} is not a number") from exc
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise GlusymError(f"parameter {what}: {value!r} is not a finite number")
        value = Rational(repr(value))
    elif isinstance(value, (int, sympy.Basic)):
        value = to_sympy(value, f"parameter {what}")
    else:
        raise GlusymError(f"parameter {what}: {value!r} is not a number")
    if isinstance(value, sympy.Basic) and not value.is_extended_real:
        raise GlusymError(f"parameter {what}: {value} is not a real number")
    return value


# ---------------------------------------------------------------------------------------------
# Combinators


def _apply(unit: Unit, arg: Expr) -> Expr:
    """The unit's template applied to ``arg`` (parameters stay symbols)."""
    (v,) = unit.variables
    return unit.template.xreplace({v: arg})


def order_raise(alpha: Unit, *, name: str | None = None, latex_name: str | None = None,
                reference: str = "the post's order-raising operator beta(x) = x*alpha(x)",
                description: str | None = None, aliases: tuple[str, ...] = ()) -> Unit:
    r"""The post's order-raising operator :math:`\beta(x) = x\,\alpha(x)`.

    It raises the polynomial order by one: :math:`x\sigma(x)` is SiLU, :math:`x\Phi(x)` is
    GELU, :math:`x\,\mathrm{ReLU}(x)` is ReLU².

    >>> from glusym import get
    >>> order_raise(get("sigmoid")).expr
    x*sigmoid(x)
    """
    if alpha.kind != "activation":
        raise GlusymError(f"order_raise takes an activation, not the gated unit {alpha.name!r}")
    return Unit(
        name=name or f"x_{alpha.name}",
        template=x * _apply(alpha, x),
        variables=(x,),
        latex_name=latex_name or r"\beta_{%s}" % alpha.latex_name,
        reference=reference,
        description=description or f"x times {alpha.name}",
        aliases=aliases,
        params=alpha.params,
        values=alpha.values,
        kink_note=alpha.kink_note,
    )


def glu(gate: Unit, *, name: str, latex_name: str, reference: str, description: str,
        aliases: tuple[str, ...] = ()) -> Unit:
    r"""A gated linear unit :math:`f(x_g, x_v) = \alpha(x_g)\,x_v` from its gate activation.

    >>> from glusym import get
    >>> glu(get("gelu"), name="geglu", latex_name=r"\text{GEGLU}", reference="", description="").expr
    x_g*x_v*Phi(x_g)
    """
    if gate.kind != "activation":
        raise GlusymError(f"the gate of a gated unit must be an activation, not {gate.name!r}")
    return Unit(
        name=name,
        template=_apply(gate, x_g) * x_v,
        variables=(x_g, x_v),
        latex_name=latex_name,
        reference=reference,
        description=description,
        aliases=aliases,
        params=gate.params,
        values=gate.values,
        gate=gate,
        kink_note=gate.kink_note,
    )


def _specialise(unit: Unit, *, name: str, latex_name: str, reference: str, description: str,
                aliases: tuple[str, ...] = (), **values: Any) -> Unit:
    """``unit`` with some parameters fixed for good (SiLU is Swish with beta = 1)."""
    fixed = {p.symbol: _number(values[p.name], p.name) for p in unit.params if p.name in values}
    params = tuple(p for p in unit.params if p.name not in values)
    return Unit(
        name=name,
        template=unit.template.xreplace(fixed),
        variables=unit.variables,
        latex_name=latex_name,
        reference=reference,
        description=description,
        aliases=aliases,
        params=params,
        values=tuple((k, v) for k, v in unit.values if k not in values),
        kink_note=unit.kink_note,
    )


def vector_form(unit: Unit, d_model: int | Symbol | str = "d", d_hidden: int | Symbol | str = "k", *,
                h: sympy.MatrixBase | None = None, W_g: sympy.MatrixBase | None = None,
                W_v: sympy.MatrixBase | None = None) -> Expr:
    r"""The vector (FFN) form :math:`y = \alpha(h W_g) \odot h W_v` of a gated unit.

    With symbolic sizes the result is a matrix expression in the matrix symbols ``h``
    (1 × d), ``W_g`` and ``W_v`` (d × k), the gate an undefined function named after it (SymPy
    cannot substitute into an elementwise Lambda whose body is a product: ``Lambda(z, z*sigmoid(z))``
    applied to ``h*W_g`` raises on ``.subs``); its body is ``unit.gate``, so
    ``.replace(Function("swish"), unit.gate)`` after ``.subs`` and ``.as_explicit()`` gives the
    entries. With integer sizes it is the explicit 1 × k matrix,
    whose every entry is the scalar unit applied to one gate and one value coordinate. Given
    concrete matrices ``h``, ``W_g`` and ``W_v`` (all three; the sizes are theirs), it is that
    1 × k matrix for them.

    >>> from sympy import Function, Matrix, Symbol
    >>> from glusym import get
    >>> vector_form(get("swiglu"))
    HadamardProduct(Lambda(z, swish(z)).(h*W_g), h*W_v)
    >>> vector_form(get("swiglu"), 1, 1)
    Matrix([[sigmoid(W_g[0, 0]*h[0, 0])*W_g[0, 0]*W_v[0, 0]*h[0, 0]**2]])
    >>> d, k = Symbol("d", integer=True, positive=True), Symbol("k", integer=True, positive=True)
    >>> m = vector_form(get("swiglu")).subs({d: 1, k: 1}).as_explicit()
    >>> m.replace(Function("swish"), get("swiglu").gate) == vector_form(get("swiglu"), 1, 1)
    True
    >>> t = Symbol("t", real=True)
    >>> vector_form(get("reglu"), h=Matrix([[t]]), W_g=Matrix([[1, -1]]), W_v=Matrix([[1, 1]]))
    Matrix([[t*Piecewise((t, t > 0), (0, True)), t*Piecewise((-t, t < 0), (0, True))]])
    """
    if unit.gate is None:
        raise GlusymError(f"{unit.name!r} is not a gated unit: vector_form takes glu, reglu, geglu, swiglu, …")
    given = [m is not None for m in (h, W_g, W_v)]
    if any(given):
        if not all(given):
            raise GlusymError("vector_form takes all three of h, W_g and W_v, or none")
        h, W_g, W_v = (_matrix(m, name) for m, name in ((h, "h"), (W_g, "W_g"), (W_v, "W_v")))
        if h.rows != 1 or W_g.shape != W_v.shape or h.cols != W_g.rows:
            raise GlusymError(f"vector_form: h must be 1 x d and W_g, W_v d x k; got {h.shape}, {W_g.shape}, {W_v.shape}")
        gate = unit.gate.with_params(**dict(unit.values))
        G, V = h * W_g, h * W_v
        return sympy.Matrix(1, W_g.cols, [gate(G[0, j]) * V[0, j] for j in range(W_g.cols)])
    # a string is a size's name, never read; other sizes are converted strictly (MatrixSymbol's own
    # conversion would read the strings inside a tuple as code)
    d = Symbol(d_model, integer=True, positive=True) if isinstance(d_model, str) else d_model
    k = Symbol(d_hidden, integer=True, positive=True) if isinstance(d_hidden, str) else d_hidden
    if not isinstance(d, int):
        d = to_sympy(d, "vector_form's d_model")
    if not isinstance(k, int):
        k = to_sympy(k, "vector_form's d_hidden")
    h = MatrixSymbol("h", 1, d)
    W_g = MatrixSymbol("W_g", d, k)
    W_v = MatrixSymbol("W_v", d, k)
    gate = unit.gate.with_params(**dict(unit.values))
    if isinstance(d, int) and isinstance(k, int):
        G, V = (h * W_g).as_explicit(), (h * W_v).as_explicit()
        return sympy.Matrix(1, k, [gate(G[0, j]) * V[0, j] for j in range(k)])
    z = Symbol("z", real=True)
    alpha = Lambda(z, sympy.Function(gate.name)(z))
    return HadamardProduct((h * W_g).applyfunc(alpha), h * W_v)


def _matrix(m: Any, what: str) -> sympy.MutableDenseMatrix:
    """A matrix argument: a SymPy matrix, or rows (a column for a flat list) of numbers and SymPy
    expressions; ``sympy.Matrix`` itself would read text entries as code."""
    if isinstance(m, sympy.MatrixBase):
        return sympy.Matrix(m)
    rows = m.tolist() if hasattr(m, "tolist") else m
    if not isinstance(rows, (list, tuple)):
        kind = type(m).__name__
        raise GlusymError(f"{what} must be a matrix (a SymPy Matrix or a list of rows), not {kind}")
    entry = f"an entry of {what}"
    return sympy.Matrix([[to_sympy(e, entry) for e in r] if isinstance(r, (list, tuple))
                         else [to_sympy(r, entry)] for r in rows])


# ---------------------------------------------------------------------------------------------
# The entries

_RELU_KINK = "relu'(0) = 0, as JAX documents it"

identity = Unit("identity", x, (x,), r"\text{id}", "jax.nn.identity; torch.nn.Identity",
                "the identity, the gate of the bilinear unit", aliases=("linear",))
relu = Unit("relu", Piecewise((x, x > 0), (0, True)), (x,), r"\text{ReLU}",
            "torch.nn.functional.relu; jax.nn.relu", "max(0, x)", kink_note=_RELU_KINK)
relu6 = Unit("relu6", Piecewise((0, x <= 0), (x, x < 6), (6, True)), (x,), r"\text{ReLU6}",
             "torch.nn.functional.relu6; jax.nn.relu6", "min(max(0, x), 6)",
             kink_note="relu6'(0) = relu6'(6) = 0, as JAX documents it")
_slope = Param("negative_slope", Rational(1, 100), r"\alpha", "slope for x < 0")
leaky_relu = Unit("leaky_relu", Piecewise((x, x >= 0), (_slope.symbol * x, True)), (x,),
                  r"\text{LeakyReLU}", "torch.nn.functional.leaky_relu; jax.nn.leaky_relu",
                  "x for x >= 0, negative_slope*x below", params=(_slope,),
                  kink_note="leaky_relu'(0) = 1 (JAX: where(x >= 0, x, a*x))")
_prelu_a = Param("a", Rational(1, 4), "a", "learned slope for x < 0 (torch.nn.PReLU's init)")
prelu = Unit("prelu", Piecewise((x, x >= 0), (_prelu_a.symbol * x, True)), (x,), r"\text{PReLU}",
             "torch.nn.functional.prelu (arXiv 1502.01852)", "leaky ReLU with a learned slope a",
             params=(_prelu_a,), kink_note="prelu'(0) = 1, as leaky_relu")
_th = Param("threshold", 0, r"\theta", "threshold (PyTorch requires it; glusym defaults to 0)", positive=False)
_tv = Param("value", 0, "v", "value below the threshold (PyTorch requires it; glusym defaults to 0)",
            positive=False)
threshold = Unit("threshold", Piecewise((x, x > _th.symbol), (_tv.symbol, True)), (x,), r"\text{Threshold}",
                 "torch.nn.functional.threshold", "x above the threshold, value at or below it",
                 params=(_th, _tv), kink_note="threshold'(threshold) = 0 (the value branch)")
_elu_a = Param("alpha", 1, r"\alpha", "scale of the negative branch")
elu = Unit("elu", Piecewise((x, x > 0), (_elu_a.symbol * (exp(x) - 1), True)), (x,), r"\text{ELU}",
           "arXiv 1511.07289; torch.nn.functional.elu; jax.nn.elu",
           "x for x > 0, alpha*(exp(x) - 1) below", params=(_elu_a,),
           kink_note="elu'(0) = alpha, the negative branch (JAX: where(x > 0, x, ...))")
celu = Unit("celu", Piecewise((x, x > 0), (_elu_a.symbol * (exp(x / _elu_a.symbol) - 1), True)), (x,),
            r"\text{CELU}", "arXiv 1704.07483; torch.nn.functional.celu; jax.nn.celu",
            "x for x > 0, alpha*(exp(x/alpha) - 1) below", params=(_elu_a,))
_selu_alpha = Param("alpha", Float("1.6732632423543772848170429916717", 32), r"\alpha",
                    "SELU's alpha (arXiv 1706.02515)", limits=False, canonical=True)
_selu_scale = Param("scale", Float("1.0507009873554804934193349852946", 32), r"\lambda",
                    "SELU's scale lambda (arXiv 1706.02515)", limits=False, canonical=True)
selu = Unit("selu", _selu_scale.symbol * _apply(elu, x).xreplace({_elu_a.symbol: _selu_alpha.symbol}),
            (x,), r"\text{SELU}", "arXiv 1706.02515; torch.nn.functional.selu; jax.nn.selu",
            "scale * elu(x, alpha) with the self-normalising constants", params=(_selu_alpha, _selu_scale),
            kink_note="selu'(0) = scale*alpha, as elu")
sigmoid_ = Unit("sigmoid", sigmoid(x), (x,), r"\sigma", "torch.sigmoid; jax.nn.sigmoid",
                "the logistic function 1/(1 + exp(-x))", aliases=("logistic", "expit"))
normal_cdf = Unit("normal_cdf", Phi(x), (x,), r"\Phi", "scipy.special.ndtr",
                  "the standard normal CDF, GELU's gate", aliases=("phi", "gaussian_cdf", "ndtr"))
logsigmoid = Unit("logsigmoid", log(sigmoid(x)), (x,), r"\log\sigma",
                  "torch.nn.functional.logsigmoid; jax.nn.log_sigmoid", "log(sigmoid(x)) = -softplus(-x)")
_sp_beta = Param("beta", 1, r"\beta", "sharpness (torch's softplus beta)", canonical=True)
softplus = Unit("softplus", log(1 + exp(_sp_beta.symbol * x)) / _sp_beta.symbol, (x,), r"\text{softplus}",
                "torch.nn.functional.softplus (its threshold is a numerical device, not part of the function); jax.nn.softplus",
                "log(1 + exp(beta*x))/beta", params=(_sp_beta,))
_sw_beta = Param("beta", 1, r"\beta", "sharpness of the gate", canonical=True)
swish = order_raise(Unit("swish_gate", sigmoid(_sw_beta.symbol * x), (x,), r"\sigma_\beta", "", "",
                         params=(_sw_beta,)),
                    name="swish", latex_name=r"\text{Swish}_\beta",
                    reference="arXiv 1710.05941; jax.nn.swish is silu (beta = 1)",
                    description="x*sigmoid(beta*x)")
silu = _specialise(swish, name="silu", latex_name=r"\text{SiLU}",
                   reference="arXiv 1606.08415, 1702.03118; torch.nn.functional.silu; jax.nn.silu",
                   description="x*sigmoid(x), Swish with beta = 1", beta=1)
#: quick-GELU's sharpness, a decimal in its source (CLIP's code)
_QUICK_BETA = Rational("1.702")
quick_gelu = _specialise(swish, name="quick_gelu", latex_name=r"\text{QuickGELU}",
                         reference="OpenAI CLIP; Hugging Face transformers quick_gelu",
                         description="x*sigmoid(1.702*x), Swish with beta = 1.702", beta=_QUICK_BETA)
gelu = order_raise(normal_cdf, name="gelu", latex_name=r"\text{GELU}",
                   reference="arXiv 1606.08415; torch.nn.functional.gelu; jax.nn.gelu(approximate=False)",
                   description="x*Phi(x), exact (jax.nn.gelu defaults to the tanh form: gelu_tanh)")
#: GELU-tanh's cubic coefficient, a decimal in its source (arXiv 1606.08415)
_GELU_C = Rational("0.044715")
gelu_tanh = Unit("gelu_tanh", x / 2 * (1 + tanh(sqrt(2 / pi) * (x + _GELU_C * x**3))), (x,),
                 r"\text{GELU}_{\tanh}",
                 "arXiv 1606.08415; torch gelu(approximate='tanh'); jax.nn.gelu (its default)",
                 "x/2*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x**3)))", aliases=("gelu_new", "gelu_approximate"))
mish = Unit("mish", x * tanh(_apply(softplus, x).xreplace({_sp_beta.symbol: 1})), (x,), r"\text{Mish}",
            "arXiv 1908.08681; torch.nn.functional.mish; jax.nn.mish", "x*tanh(softplus(x))")
hardsigmoid = Unit("hardsigmoid", _apply(relu6, x + 3) / 6, (x,), r"\text{HardSigmoid}",
                   "torch.nn.functional.hardsigmoid; jax.nn.hard_sigmoid", "relu6(x + 3)/6",
                   kink_note="derivative 0 at x = -3 and x = 3, as relu6")
hardswish = order_raise(hardsigmoid, name="hardswish", latex_name=r"\text{HardSwish}",
                        reference="arXiv 1905.02244; torch.nn.functional.hardswish; jax.nn.hard_swish",
                        description="x*relu6(x + 3)/6", aliases=("hard_silu",))
_hmin = Param("min_val", -1, r"a", "lower value", positive=False, canonical=True, below="max_val")
_hmax = Param("max_val", 1, r"b", "upper value", positive=False, canonical=True, above="min_val")
hardtanh = Unit("hardtanh", Piecewise((_hmax.symbol, x > _hmax.symbol), (_hmin.symbol, x < _hmin.symbol), (x, True)),
                (x,), r"\text{HardTanh}", "torch.nn.functional.hardtanh; jax.nn.hard_tanh",
                "x clipped to [min_val, max_val]", params=(_hmin, _hmax),
                kink_note="hardtanh'(±1) = 1 (JAX: where(x > 1, 1, where(x < -1, -1, x)))")
softsign = Unit("softsign", x / (1 + Abs(x)), (x,), r"\text{softsign}",
                "torch.nn.functional.softsign; jax.nn.soft_sign", "x/(1 + |x|)")
tanh_ = Unit("tanh", tanh(x), (x,), r"\tanh", "torch.tanh; jax.numpy.tanh", "the hyperbolic tangent")
tanhshrink = Unit("tanhshrink", x - tanh(x), (x,), r"\text{Tanhshrink}",
                  "torch.nn.functional.tanhshrink", "x - tanh(x)")
_lambd = Param("lambd", Rational(1, 2), r"\lambda", "half-width of the dead zone")
hardshrink = Unit("hardshrink", Piecewise((x, Or(x > _lambd.symbol, x < -_lambd.symbol)), (0, True)), (x,),
                  r"\text{HardShrink}", "torch.nn.functional.hardshrink",
                  "x outside [-lambd, lambd], 0 inside", params=(_lambd,))
softshrink = Unit("softshrink",
                  Piecewise((x - _lambd.symbol, x > _lambd.symbol), (x + _lambd.symbol, x < -_lambd.symbol), (0, True)),
                  (x,), r"\text{SoftShrink}", "torch.nn.functional.softshrink",
                  "x shrunk towards 0 by lambd", params=(_lambd,))
_sq_b = Param("b", 4, "b", "smoothness")
squareplus = Unit("squareplus", (x + sqrt(x**2 + _sq_b.symbol)) / 2, (x,), r"\text{squareplus}",
                  "arXiv 2112.11687; jax.nn.squareplus", "(x + sqrt(x**2 + b))/2", params=(_sq_b,))
sparse_plus = Unit("sparse_plus", Piecewise((0, x <= -1), (x, x >= 1), ((x + 1)**2 / 4, True)), (x,),
                   r"\text{sparseplus}", "jax.nn.sparse_plus (arXiv 1901.02324)",
                   "0 below -1, x above 1, (x + 1)**2/4 between")
sparse_sigmoid = Unit("sparse_sigmoid", Piecewise((0, x <= -1), (1, x >= 1), ((x + 1) / 2, True)), (x,),
                      r"\text{sparsesigmoid}", "jax.nn.sparse_sigmoid (arXiv 1901.02324)",
                      "0 below -1, 1 above 1, (x + 1)/2 between: sparse_plus'",
                      kink_note="derivative 0 at x = -1 and x = 1 (JAX's where order)")
relu2 = Unit("relu2", _apply(relu, x)**2, (x,), r"\text{ReLU}^2", "arXiv 2109.08668 (Primer); arXiv 2402.03804",
             "relu(x)**2, squared ReLU", aliases=("relu_squared", "squared_relu", "relu_sq"))

glu_ = glu(sigmoid_, name="glu", latex_name=r"\text{GLU}", reference="arXiv 1612.08083; torch.nn.functional.glu",
           description="sigmoid(x_g)*x_v")
bilinear = glu(identity, name="bilinear", latex_name=r"\text{Bilinear}", reference="arXiv 2002.05202",
               description="x_g*x_v")
reglu = glu(relu, name="reglu", latex_name=r"\text{ReGLU}", reference="arXiv 2002.05202",
            description="relu(x_g)*x_v")
geglu = glu(gelu, name="geglu", latex_name=r"\text{GEGLU}", reference="arXiv 2002.05202",
            description="gelu(x_g)*x_v")
swiglu = glu(swish, name="swiglu", latex_name=r"\text{SwiGLU}", reference="arXiv 2002.05202",
             description="swish_beta(x_g)*x_v")

_ENTRIES: tuple[tuple[Unit, tuple[str, ...]], ...] = (
    (identity, ()),
    (relu, ()),
    (relu6, ()),
    (leaky_relu, ("leakyrelu",)),
    (prelu, ()),
    (threshold, ()),
    (elu, ()),
    (celu, ()),
    (selu, ()),
    (gelu, ("gelu_exact",)),
    (gelu_tanh, ()),
    (quick_gelu, ()),
    (sigmoid_, ()),
    (normal_cdf, ()),
    (logsigmoid, ("log_sigmoid",)),
    (softplus, ()),
    (silu, ()),
    (swish, ()),
    (mish, ()),
    (hardsigmoid, ("hard_sigmoid", "h_sigmoid")),  # h-sigmoid: MobileNetV3's name (arXiv 1905.02244)
    (hardswish, ("hard_swish", "h_swish")),
    (hardtanh, ("hard_tanh",)),
    (softsign, ("soft_sign",)),
    (tanh_, ()),
    (tanhshrink, ("tanh_shrink",)),
    (hardshrink, ("hard_shrink",)),
    (softshrink, ("soft_shrink",)),
    (squareplus, ()),
    (sparse_plus, ()),
    (sparse_sigmoid, ()),
    (relu2, ()),
    (glu_, ()),
    (bilinear, ()),
    (reglu, ()),
    (geglu, ()),
    (swiglu, ()),
)


#: The catalogue's constants that are decimals in their sources; the printers are given them
#: (glusym.printing may not import the catalogue) and print them, and their small multiples and
#: powers, as decimals: 1.702, 0.044715 (stored exactly, as 851/500 and 8943/200000), while 1/2
#: stays a fraction.
DECIMALS: frozenset[Rational] = frozenset({_QUICK_BETA, _GELU_C})


def _build() -> Mapping[str, Unit]:
    table: dict[str, Unit] = {}
    for unit, extra in _ENTRIES:
        if unit.name in table:
            raise GlusymError(f"duplicate catalogue entry {unit.name!r}")
        table[unit.name] = replace(unit, aliases=tuple(dict.fromkeys(unit.aliases + extra)))
    return MappingProxyType(table)


#: The catalogue, a read-only mapping from canonical name to :class:`Unit`.
CATALOGUE: Mapping[str, Unit] = _build()


def name_key(name: str) -> str:
    """A name as looked up: case, ``_``, ``-``, spaces and backslashes ignored (``Hard-Tanh``,
    ``hard_tanh``, ``\\hardtanh`` are one name)."""
    return re.sub(r"[\s_\-\\]", "", name.lower())


_LOOKUP: Mapping[str, str] = MappingProxyType(
    {name_key(alias): unit.name for unit in CATALOGUE.values() for alias in (unit.name, *unit.aliases)}
)


def names() -> tuple[str, ...]:
    """The canonical names of the catalogue, in catalogue order.

    >>> "swiglu" in names()
    True
    """
    return tuple(CATALOGUE)


def find(name: str) -> Unit | None:
    """The catalogue entry called ``name`` (canonical, alias, PyTorch or JAX spelling; case,
    ``_``, ``-``, spaces and backslashes ignored), or None: the one name lookup of glusym, used by
    :func:`get` and by the LaTeX reader (``\\text{SwiGLU}``, ``\\mathrm{gelu_exact}``).

    >>> find("Leaky-ReLU").name, find(r"\\relu").name, find("swigl")
    ('leaky_relu', 'relu', None)
    """
    key = name_key(name)
    return CATALOGUE[_LOOKUP[key]] if key in _LOOKUP else None


def get(name: str, **params: Any) -> Unit:
    """The catalogue entry called ``name`` (canonical, alias, PyTorch or JAX spelling).

    Keyword arguments set parameters: ``get("swish", beta=2)``.

    >>> get("hard_tanh").name, get("SwiGLU").name, get("log_sigmoid").name
    ('hardtanh', 'swiglu', 'logsigmoid')
    >>> get("swigl")
    Traceback (most recent call last):
    ...
    glusym.errors.GlusymError: unknown unit 'swigl' (did you mean: swiglu?)
    """
    if not isinstance(name, str):
        raise GlusymError(f"a unit name is a string, not {type(name).__name__}")
    unit = find(name)
    if unit is None:
        key = name_key(name)
        close = difflib.get_close_matches(key, list(_LOOKUP), n=3, cutoff=0.75) or \
            difflib.get_close_matches(key, list(_LOOKUP), n=3, cutoff=0.6)
        close_names = list(dict.fromkeys(_LOOKUP[c] for c in close))
        hint = f" (did you mean: {', '.join(close_names)}?)" if close_names else " (see `python -m glusym list`)"
        raise GlusymError(f"unknown unit {name!r}{hint}")
    return unit.with_params(**params) if params else unit


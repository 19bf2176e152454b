r"""Depth as polynomial order: stacked units, their Taylor series and their growth orders.

A stack of depth :math:`L` is the scalar chain :math:`f_L \circ \dots \circ f_1`: for an
activation each layer is :math:`z \mapsto \alpha(z)`, for a gated unit it feeds its input to both
gate and value, :math:`z \mapsto \alpha(z)\,z`; with ``weights=True`` layer :math:`l` has its own
symbolic weights, :math:`z \mapsto \alpha(a_l z)` or :math:`z \mapsto \alpha(a_l z)\,(b_l z)`, the
weights taken positive.

Nothing here expands the nested expression. Its Taylor series at 0 is composed layer by layer
from coefficient lists (Taylor-mode arithmetic, :mod:`glusym.analysis.series`), a kinked layer
taking the branch on the side its input approaches 0 from. Its behaviour at :math:`\pm\infty`
follows from the *growth algebra* of one layer: if the input of a layer grows as
:math:`|z| \sim c|x|^m` and the layer as :math:`|f(z)| \sim d|z|^k`, the output grows as
:math:`|x|^{km}`; an input tending to 0 from one side meets the layer's one-sided Taylor leading
term :math:`c_j z^j` (order :math:`jm`); an exponentially small input stays exponentially small
through a layer with :math:`f(0) = 0`. So a unit of order :math:`k` at :math:`+\infty` stacks to
order :math:`k^L`, and ReLU stays of order 1 at every depth. The derivative of the chain is the
product :math:`\prod_l f'(z_{l-1})`, whose order is the sum of its factors' orders.

>>> import glusym
>>> from glusym.analysis.depth import stack, growth_profile
>>> chain = stack(glusym.get("swiglu"), depth=3)
>>> chain.expr.count(glusym.sigmoid)
7
>>> p = growth_profile(chain)
>>> p.plus.order, p.minus.order, p.at_zero
(8, -oo, (('x', 8),))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import Expr, Symbol, oo

from ..bounds import MAX_DEPTH, MAX_NODES, MAX_TERMS  # noqa: F401 (re-exported)
from ..budget import integer_digits, time_budget, tree_size, validate_budget
from ..catalogue import Unit, x, x_g, x_v
from ..display import Display, text
from ..errors import GlusymError, NotDerived, shown
from ..functions import to_sympy
from ._common import boundaries, select_branches, side_points, to_piecewise
from .series import MAX_ORDER, NotAnalytic, check_order, taylor_coefficients
from .taylor import TaylorResult

__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_TERMS",
    "Chain",
    "GrowthProfile",
    "OrderRow",
    "Tail",
    "chain_taylor",
    "growth_profile",
    "order_table",
    "stack",
]

#: The most digits of a number in a leading term the growth algebra carries (past it, the order
#: is still derived and the leading term is not: its coefficient squares with each SwiGLU layer).
_LEAD_DIGITS = 1000


@dataclass(frozen=True, repr=False)
class Chain(Display):
    r"""The scalar chain of ``depth`` layers of ``unit`` (see the module's docstring).

    It has what the analyses read of a unit (``expr``, ``variables``, ``name``, …), so
    ``glusym.gradient``, ``glusym.taylor`` and ``glusym.derive`` take it too.

    >>> import glusym
    >>> glusym.stack(glusym.get("silu"), 3)
    Chain(3 stacked layers of silu, each z -> alpha(z))
    """

    unit: Unit
    depth: int
    weights: bool = False
    layers: tuple[Expr, ...] = field(default=(), repr=False)
    _built: dict[str, Expr] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def _summary(self) -> str:
        return self.description

    def __post_init__(self) -> None:
        if not isinstance(self.unit, Unit):
            raise GlusymError(f"stack takes a catalogue Unit, not {type(self.unit).__name__}")
        if not isinstance(self.depth, int) or isinstance(self.depth, bool) or not 1 <= self.depth <= MAX_DEPTH:
            raise GlusymError(f"depth must be a whole number from 1 to {MAX_DEPTH}, got {shown(self.depth)}")
        object.__setattr__(self, "layers", tuple(_layer(self.unit, l, self.weights) for l in range(1, self.depth + 1)))

    @property
    def expr(self) -> Expr:
        """The nested expression :math:`f_L(\\dots f_1(x))`; NotDerived where its tree would pass
        :data:`MAX_NODES` nodes (each layer's size is bounded before it is built: a layer that
        uses its input k times multiplies the size by at most k)."""
        if "expr" in self._built:  # built once: SymPy's Piecewise takes seconds to nest ReLU6 eight deep
            return self._built["expr"]
        z: Expr = x
        for l, f in enumerate(self.layers, start=1):
            size, uses = tree_size(f), _uses(f)
            bound = size - uses + uses * tree_size(z)
            if bound > MAX_NODES:
                raise NotDerived(f"the nested expression of {self.depth} layers of {self.unit.name} passes "
                                 f"{_sci(MAX_NODES)} nodes at layer {l} (about {_sci(bound)}), beyond what "
                                 f"glusym builds; its Taylor series and growth orders do not need it")
            z = f.xreplace({x: z})
        self._built["expr"] = z
        return z

    @property
    def variables(self) -> tuple[Symbol, ...]:
        return (x,)

    def _eval_taylor(self, order: int, budget: float | None) -> TaylorResult:
        """:func:`glusym.taylor` of a stack: :func:`chain_taylor` (taylor asks the object, as SymPy's
        ``_eval_*`` methods are asked, and does not import this module)."""
        return chain_taylor(self, order, budget)

    @property
    def name(self) -> str:
        return f"{self.unit.name}_depth{self.depth}"

    @property
    def kind(self) -> str:
        return "chain"

    @property
    def values(self) -> tuple[tuple[str, Expr], ...]:
        return self.unit.values

    @property
    def description(self) -> str:
        layer = "z -> alpha(a_l z)*(b_l z)" if self.weights and self.unit.gate else \
            "z -> alpha(a_l z)" if self.weights else "z -> alpha(z)*z" if self.unit.gate else "z -> alpha(z)"
        return f"{self.depth} stacked layers of {self.unit.name}, each {layer}"

    @property
    def reference(self) -> str:
        return self.unit.reference

    @property
    def aliases(self) -> tuple[str, ...]:
        return ()

    @property
    def kink_note(self) -> str:
        return self.unit.kink_note

    @property
    def latex_name(self) -> str:
        return r"{%s}^{\circ %d}" % (self.unit.latex_name, self.depth)  # braced: ReLU^2 has its own exponent

    @property
    def gate(self) -> None:
        return None

    @property
    def params(self) -> tuple[Any, ...]:
        return ()

    @property
    def fixed(self) -> tuple[str, ...]:
        """The parameters set for good: the unit's (the report names them, as for a unit)."""
        return self.unit.fixed


def _uses(f: Expr) -> int:
    """How many times a layer's expression uses its input x (as a tree)."""
    return sum(1 for e in sympy.preorder_traversal(f) if e == x)


def _sci(n: int) -> str:
    """A count as people read it: 4605, 1.8e+19."""
    return str(n) if n < 10**6 else f"{float(n):.1e}"


def _layer(unit: Unit, l: int, weights: bool) -> Expr:
    a = Symbol(f"a_{l}", positive=True) if weights else sympy.S.One
    b = Symbol(f"b_{l}", positive=True) if weights else sympy.S.One
    if unit.gate is not None:
        return unit.expr.xreplace({x_g: a * x, x_v: b * x})
    return unit.expr.xreplace({x: a * x})


def stack(unit: Unit, depth: int, weights: bool = False) -> Chain:
    r"""The scalar chain of ``depth`` copies of ``unit``: :math:`f \circ f \circ \dots \circ f`.

    For a gated unit each layer is :math:`z \mapsto \alpha(z)\,z`; with ``weights=True`` each
    layer has its own positive symbolic weights (:math:`z \mapsto \alpha(a_l z)\,(b_l z)`).

    >>> import glusym
    >>> glusym.stack(glusym.get("silu"), depth=2).expr
    x*sigmoid(x)*sigmoid(x*sigmoid(x))
    >>> glusym.stack(glusym.get("swiglu"), depth=1, weights=True).expr
    a_1*b_1*x**2*sigmoid(a_1*x)
    """
    return Chain(unit, depth, weights)


# ---------------------------------------------------------------------------------------------
# Taylor series of a chain, composed layer by layer


def _approach_side(series: list[Expr], s: int) -> tuple[int, Expr]:
    """(sign of z - z(0) as x -> 0 from side s, z(0)); sign 0 when z is constant to this order."""
    for k, c in enumerate(series[1:], start=1):
        if c != 0:
            sc = sympy.sign(c)
            if sc not in (1, -1):
                raise NotDerived(f"cannot tell the sign of the coefficient {c}")
            return int(sc) * (s**k), series[0]
    return 0, series[0]


def _branch(f: Expr, at: Expr, side: int) -> Expr:
    """The smooth branch of layer f in force as its input approaches ``at`` from ``side``."""
    if at in boundaries(f, x):
        if side == 0:
            raise NotDerived(f"the chain sits exactly on a kink at {at}")
        return select_branches(f, {x: side_points(f, x, at, side)})
    return select_branches(f, {x: at})


def _compose_side(chain: Chain, n: int, s: int) -> list[Expr]:
    u = Symbol("_u", real=True)
    z: list[Expr] = [sympy.S.Zero, sympy.S.One] + [sympy.S.Zero] * (n - 2) if n >= 2 else [sympy.S.Zero]
    z = (z + [sympy.S.Zero] * n)[:n]
    for f in chain.layers:
        f = to_piecewise(f)
        side, at = _approach_side(z, s)
        if side == 0 and all(c == 0 for c in z[1:]):
            if at in boundaries(f, x):  # the input is constant on a kink: the function's value there
                z = [f.subs(x, at)] + [sympy.S.Zero] * (n - 1)
                continue
        g = _branch(f, at, side)
        z = taylor_coefficients(g.xreplace({x: u}), x, n, known={u: z})
    return z


def chain_taylor(chain: Chain, order: int, budget: float | None = 10.0) -> TaylorResult:
    r"""The Taylor expansion at 0 of a chain, every term of degree < ``order``, exact.

    One-sided where a kinked layer sees its input cross 0 (ReLU chains).

    >>> import glusym
    >>> chain_taylor(glusym.stack(glusym.get("silu"), 2), order=4).polynomial
    x**3/16 + 3*x**2/16 + x/4
    """
    check_order(order)
    validate_budget(budget)
    if not isinstance(chain, Chain):
        raise GlusymError(f"chain_taylor takes a stack (glusym.stack), not {type(chain).__name__}")
    if order * chain.depth > MAX_TERMS:
        raise GlusymError(f"order × depth = {order * chain.depth} is beyond the limit of {MAX_TERMS}")
    n = order
    try:
        with time_budget(budget):
            right = _compose_side(chain, n, 1)
            # a chain without kinks is analytic at 0: its left expansion is the right one
            kinked = any(to_piecewise(f).has(sympy.Piecewise) for f in chain.layers)
            left = _compose_side(chain, n, -1) if kinked else right
    except NotAnalytic as exc:
        raise NotDerived(f"no Taylor expansion at 0: {exc}") from exc
    p_right = sympy.Add(*[c * x**k for k, c in enumerate(right)])
    p_left = sympy.Add(*[c * x**k for k, c in enumerate(left)])
    if sympy.expand(p_right - p_left) == 0:
        return TaylorResult((x,), order, p_right, name=chain.name)
    return TaylorResult((x,), order, None, ((x > 0, p_right), (x < 0, p_left)), name=chain.name)


# ---------------------------------------------------------------------------------------------
# Growth algebra


@dataclass(frozen=True)
class Tail:
    r"""How a function behaves in one direction: ``limit``; ``order`` :math:`k` with
    :math:`|f| \sim c|x|^k` (``-oo``: faster than any power, including exactly 0; ``oo``:
    exponential growth); ``sign`` of :math:`f` there (0: exactly 0); ``leading``, an asymptotic
    equivalent where one is derived, else None."""

    limit: Expr
    order: Expr
    sign: int
    leading: Expr | None
    exact: bool = False  # equal to its limit exactly, for every |x| large enough

    @property
    def zero(self) -> bool:
        return self.sign == 0


_ZERO = Tail(sympy.S.Zero, -oo, 0, sympy.S.Zero, True)


def _const(v: Expr, exact: bool = False) -> Tail:
    if v == 0:
        return _ZERO
    sg = sympy.sign(v)
    if sg not in (1, -1):
        raise NotDerived(f"cannot tell the sign of {v}")
    return Tail(v, sympy.S.Zero, int(sg), v, exact)


@dataclass(frozen=True)
class _LayerInfo:
    f: Expr
    plus: Any
    minus: Any
    sides: tuple[tuple[int, tuple[Expr, ...] | None], ...]  # Taylor coefficients on each side of 0; None: exactly 0


_SIDE_TERMS = 16


_INFO: dict[Expr, _LayerInfo] = {}


def _info(f: Expr, budget: float | None) -> _LayerInfo:
    """What the growth algebra needs of one layer, cached per layer; a result cut short by the
    time budget is not cached (a later call, with more time, may derive it)."""
    from .asymptotes import asymptotes

    if f in _INFO:
        return _INFO[f]
    a = asymptotes(f, terms=2, budget=budget)
    if any("BudgetExceeded" in reason for b in (a.plus, a.minus) for _, reason in b.not_derived):
        raise NotDerived(f"the behaviour of the layer {f} at ±oo ran past the time budget ({budget} s)")
    sides: list[tuple[int, tuple[Expr, ...] | None]] = []
    for s in (1, -1):
        branch = _branch(to_piecewise(f), sympy.S.Zero, s)
        if branch == 0:
            sides.append((s, None))
            continue
        sides.append((s, tuple(taylor_coefficients(branch, x, _SIDE_TERMS))))
    info = _LayerInfo(f, a.plus, a.minus, tuple(sides))
    if len(_INFO) >= 256:
        _INFO.clear()
    _INFO[f] = info
    return info


def _sign_at(e: Expr, var: Symbol, direction: str) -> int:
    v = e.subs(var, 10**6 if direction == "+oo" else -10**6) if var in e.free_symbols else e
    sg = sympy.sign(sympy.N(v, 30))
    if sg not in (1, -1, 0):
        raise NotDerived(f"cannot tell the sign of {e} at {direction}")
    return int(sg)


def _power_degree(e: Expr, var: Symbol) -> Expr | None:
    """k when e = c*var**k (c free of var), else None."""
    c, k = sympy.S.One, sympy.S.Zero
    for factor in sympy.Mul.make_args(e):
        base, ex = factor.as_base_exp()
        if base == var and not ex.has(var):
            k += ex
        elif factor.has(var):
            return None
    return k


def _derivative_at_infinity(beh: Any) -> tuple[Expr, Expr | None, Expr]:
    """(order, leading, limit) of f' where f has behaviour ``beh``: term-by-term differentiation of
    the leading term (or, for a finite limit, of the dominant term of f - limit)."""
    var = beh.variable
    k = beh.growth_order
    if k == oo:
        return oo, None, oo
    if k != 0 and k != -oo and beh.leading is not None:
        d = sympy.diff(beh.leading, var)
        if d != 0:
            deg = _power_degree(d, var)
            if deg is not None:
                return deg, d, (sympy.S.Zero if deg < 0 else d if deg == 0 else oo * sympy.sign(d.subs(var, 1)))
    if beh.expansion is None:
        raise NotDerived(f"no expansion at {beh.direction} to differentiate")
    if beh.expansion == 0:
        return -oo, sympy.S.Zero, sympy.S.Zero
    terms = beh.expansion_terms
    d = sympy.diff(terms[0], var)
    if d.has(sympy.exp):
        return -oo, d, sympy.S.Zero
    deg = _power_degree(d, var)
    if deg is None:
        raise NotDerived(f"cannot read the order of {d}")
    return deg, d, sympy.S.Zero


def _max_power(e: Expr, var: Symbol) -> Expr:
    """The largest power of ``var`` in ``e`` (1 where it appears bare; inf where not a number)."""
    powers = [abs(p.exp) for p in e.atoms(sympy.Pow) if p.base == var]
    if any(not p.is_number for p in powers):
        return oo
    return max([sympy.S.One, *powers])


def _fits(lead: Expr, power: Any) -> bool:
    """Whether ``lead**power`` keeps its numbers within :data:`_LEAD_DIGITS` digits, told before
    the power is taken: Python raises a rational to a large power in C, where no alarm stops it
    (the SwiGLU chain's leading term at -oo has the coefficient 2^-(2^L - 1))."""
    if power == oo:
        return False
    return bool(integer_digits(lead) * sympy.ceiling(power) <= _LEAD_DIGITS)


def _apply(info: _LayerInfo, z: Tail, derivative: bool = False) -> Tail:
    """The tail of f(z) (or of f'(z)) where z has tail ``z``."""
    if z.zero:
        f0 = sympy.diff(to_piecewise(info.f), x) if derivative else info.f
        return _const(to_sympy(sympy.simplify(f0.subs(x, 0))), exact=True)
    if z.limit in (oo, -oo):
        beh = info.plus if z.limit == oo else info.minus
        if beh.growth_order is None or beh.limit is None:
            raise NotDerived(f"the layer's behaviour at {beh.direction} is not derived")
        var = beh.variable
        if derivative:
            k, lead0, limit = _derivative_at_infinity(beh)
        else:
            k, lead0, limit = beh.growth_order, beh.leading, beh.limit
        if lead0 is not None and lead0 == 0:
            return _ZERO
        sg = _sign_at(lead0 if lead0 is not None else limit, var, beh.direction)
        if k == -oo:
            lead = lead0.xreplace({var: x}) if (lead0 is not None and z.leading == x) else None
            return Tail(sympy.S.Zero, -oo, sg, lead)
        if k == 0:
            return Tail(limit, sympy.S.Zero, sg, limit, not derivative and beh.expansion == 0)
        if k == oo:
            return Tail(limit, oo, sg, None)
        lead = None
        if lead0 is not None and z.leading is not None and not lead0.has(sympy.exp) \
                and _fits(z.leading, _max_power(lead0, var)):
            lead = lead0.xreplace({var: z.leading})
        return Tail(limit, k * z.order, sg, lead)
    if z.limit == 0:
        side = z.sign
        (coeffs,) = [c for s_, c in info.sides if s_ == side]
        if coeffs is None:
            return _ZERO
        if derivative:
            coeffs = tuple(k * c for k, c in enumerate(coeffs))[1:]
        j = next((k for k, c in enumerate(coeffs) if c != 0), None)
        if j is None:
            raise NotDerived(f"the layer's leading term at 0 is beyond degree {_SIDE_TERMS - 1}")
        c = coeffs[j]
        if j == 0:
            return _const(c)
        sg = sympy.sign(c) * side**j
        if sg not in (1, -1):
            raise NotDerived(f"cannot tell the sign of {c}")
        lead = c * z.leading**j if z.leading is not None and _fits(z.leading, j) else None
        return Tail(sympy.S.Zero, j * z.order, int(sg), lead)
    # a finite nonzero limit L: the value there (where the layer is continuous)
    f = to_piecewise(info.f)
    if derivative:
        f = sympy.diff(f, x)
    if z.exact:  # the input is exactly L: the layer's value at L, by its own convention at a kink
        return _const(sympy.simplify(f.subs(x, z.limit)), exact=True)
    if z.limit in boundaries(f, x):
        lo = select_branches(f, {x: side_points(f, x, z.limit, -1)}).subs(x, z.limit)
        hi = select_branches(f, {x: side_points(f, x, z.limit, 1)}).subs(x, z.limit)
        if sympy.simplify(lo - hi) != 0:
            raise NotDerived(f"the chain tends to {z.limit}, where the layer{' derivative' if derivative else ''} jumps")
        v = hi
    else:
        v = select_branches(f, {x: z.limit}).subs(x, z.limit)
    v = sympy.simplify(v)
    if v == 0 and not derivative:
        raise NotDerived(f"the chain tends to a zero of the layer at {z.limit}")
    return _const(v)


def _product(tails: list[Tail]) -> Tail:
    if any(t.zero for t in tails):
        return _ZERO
    orders = [t.order for t in tails]
    order = -oo if -oo in orders and oo not in orders else sympy.Add(*orders)
    sg = 1
    for t in tails:
        sg *= t.sign
    lead = None
    if all(t.leading is not None for t in tails) and \
            sum(integer_digits(t.leading) for t in tails) <= _LEAD_DIGITS:
        lead = sympy.Mul(*[t.leading for t in tails])
    if order == oo or (order != -oo and order > 0):
        limit = oo if sg > 0 else -oo
    elif order == -oo or order < 0:
        limit = sympy.S.Zero
    else:
        limit = sympy.Mul(*[t.limit for t in tails])
    return Tail(limit, order, sg, lead)


@dataclass(frozen=True, repr=False)
class GrowthProfile(Display):
    r"""The growth orders of a chain (or one unit, ``depth = 1``).

    ``plus``/``minus``: the chain at :math:`\pm\infty`; ``derivative_plus``/``derivative_minus``:
    its derivative there (the post's "gradient instability": how fast the gradient grows);
    ``at_zero``: the degree of the lowest term at 0, per side where one-sided;
    ``derivative_at_zero`` likewise for the derivative.

    >>> import glusym
    >>> glusym.growth_profile(glusym.stack(glusym.get("relu2"), depth=3))
    GrowthProfile(relu2_depth3: order at +∞ 8, at -∞ -∞; derivative 7, -∞; at 0: x > 0 8, x < 0 ∞)
    """

    name: str
    depth: int
    plus: Tail
    minus: Tail
    derivative_plus: Tail
    derivative_minus: Tail
    at_zero: tuple[tuple[str, Expr], ...]
    derivative_at_zero: tuple[tuple[str, Expr], ...]

    def _summary(self) -> str:
        at0 = ", ".join(f"{label} {text(k)}" if label != "x" else text(k) for label, k in self.at_zero)
        return (f"{self.name}: order at +∞ {text(self.plus.order)}, at -∞ {text(self.minus.order)}; "
                f"derivative {text(self.derivative_plus.order)}, {text(self.derivative_minus.order)}; at 0: {at0}")


def growth_profile(obj: Chain | Unit, budget: float | None = 10.0) -> GrowthProfile:
    r"""Growth orders at :math:`\pm\infty` of a chain and of its derivative, and the degree of its
    lowest term at 0 (the same algebra: an input of degree :math:`m` through a layer whose lowest
    term is :math:`c z^j` has degree :math:`jm`; ``oo`` where the chain is exactly 0 on that side).

    >>> import glusym
    >>> p = growth_profile(glusym.stack(glusym.get("relu2"), depth=3))
    >>> p.plus.order, p.derivative_plus.order, p.minus.order
    (8, 7, -oo)
    >>> growth_profile(glusym.stack(glusym.get("relu"), depth=5)).plus.order
    1
    """
    validate_budget(budget)
    chain = obj if isinstance(obj, Chain) else stack(obj, 1)
    with time_budget(budget):
        tails = {}
        dtails = {}
        for direction, start in (("+oo", Tail(oo, sympy.S.One, 1, x)), ("-oo", Tail(-oo, sympy.S.One, -1, x))):
            z = start
            factors: list[Tail] = []
            for f in chain.layers:
                info = _info(f, budget)
                # once a factor of the chain rule is exactly 0, the derivative is exactly 0
                factors.append(_ZERO if any(t.zero for t in factors) else _apply(info, z, derivative=True))
                z = _apply(info, z)
            tails[direction] = z
            dtails[direction] = _product(factors)
        at0: list[tuple[str, Expr]] = []
        dat0: list[tuple[str, Expr]] = []
        for side in (1, -1):  # the same algebra as x -> 0 from one side: orders are degrees
            z = Tail(sympy.S.Zero, sympy.S.One, side, x)
            factors = []
            for f in chain.layers:
                info = _info(f, budget)
                factors.append(_ZERO if any(t.zero for t in factors) else _apply(info, z, derivative=True))
                z = _apply(info, z)
            deriv = _product(factors)
            label = "x > 0" if side == 1 else "x < 0"
            at0.append((label, oo if z.zero else z.order))
            dat0.append((label, oo if deriv.zero else deriv.order))
        if at0[0][1] == at0[1][1] and dat0[0][1] == dat0[1][1]:
            at0, dat0 = [("x", at0[0][1])], [("x", dat0[0][1])]
    return GrowthProfile(chain.name, chain.depth, tails["+oo"], tails["-oo"], dtails["+oo"], dtails["-oo"],
                         tuple(at0), tuple(dat0))


@dataclass(frozen=True)
class OrderRow:
    """One row of :func:`order_table`: a unit at one depth."""

    unit: str
    depth: int
    plus: Expr
    minus: Expr
    at_zero: tuple[tuple[str, Expr], ...]
    derivative_plus: Expr
    derivative_minus: Expr
    not_derived: str = ""


def order_table(units: list[Unit], depths: list[int], budget: float | None = 10.0) -> tuple[OrderRow, ...]:
    """The depth × unit table of growth orders (a row per unit and depth).

    >>> import glusym
    >>> [(r.unit, r.depth, r.plus) for r in order_table([glusym.get("swiglu")], [1, 2, 3])]
    [('swiglu', 1, 2), ('swiglu', 2, 4), ('swiglu', 3, 8)]
    """
    validate_budget(budget)
    rows = []
    for unit in units:
        for depth in depths:
            try:
                p = growth_profile(stack(unit, depth), budget=budget)
            except (NotDerived, NotAnalytic) as exc:
                nan = sympy.nan
                rows.append(OrderRow(unit.name, depth, nan, nan, (), nan, nan, str(exc)))
                continue
            rows.append(OrderRow(unit.name, depth, p.plus.order, p.minus.order, p.at_zero,
                                 p.derivative_plus.order, p.derivative_minus.order))
    return tuple(rows)

"""Series: f = p + O(x^n) judged by the exact Taylor coefficients of f."""

from __future__ import annotations

from typing import Any
import sympy
from sympy import Expr, Piecewise, Symbol

from ..errors import shown
from ..functions import elementary
from ..parsing import BigO, LatexParseError
from ._errors import _Undecided
from .report import Verdict
from .zero import _poly_zero


#: the largest order of an O term whose claim is checked whole; above it only a failure is decided
_MAX_CLAIMED_ORDER = 64


def _series_check(f: Expr, s: Expr) -> tuple[Verdict, str]:
    """f = p + O(x^n): compare f's Taylor polynomial below degree n with p."""
    from ..analysis.taylor import TaylorResult, taylor

    os_ = list(s.atoms(BigO))
    if len(os_) != 1:
        raise _Undecided("a series with several O terms")
    o = os_[0]
    p = s.xreplace({o: sympy.S.Zero})
    g = o.args[0]
    variables = sorted(g.free_symbols, key=lambda v: v.name)
    if not variables:
        raise _Undecided("O of a constant")
    n = claimed = _order_of(g, variables)
    if n > _MAX_CLAIMED_ORDER:  # O(x^{10^{100}}): the coefficients below a lower order decide a failure
        p_degree = sympy.Poly(elementary(p), *variables).total_degree() if p.is_polynomial(*variables) else 0
        n = min(n, max(p_degree + 2, 8))
    tr: TaylorResult | _Expansion
    if tuple(sorted(f.free_symbols, key=lambda v: v.name)) == tuple(variables):
        tr = taylor(f, n)
    elif len(variables) == 1 and set(variables) < f.free_symbols:
        tr = _with_parameters(f, variables[0], n)  # alpha(e^x - 1) = alpha x + ...: alpha a constant
    else:
        raise _Undecided("the O term is not in the variables of the function")
    if isinstance(s, Piecewise):
        return _one_sided(tr, s, n)
    if p.has(Piecewise):
        raise _Undecided("a Piecewise inside a series")
    if tr.polynomial is None:
        assert isinstance(tr, TaylorResult)  # a stand-in expansion always has its polynomial
        shown_sides = ", ".join(f"'{tr.side_text(i)}': {p}" for i, (_, p) in enumerate(tr.sides))
        return Verdict.FAILS, f"not analytic at 0: one-sided expansions {{{shown_sides}}}"
    if not elementary(p).is_polynomial(*variables):
        raise _Undecided("the right side is not a polynomial plus O(...)")
    p = _below(p, variables, n)  # terms of degree >= n are inside O(x^n): they claim nothing
    d = sympy.expand(tr.polynomial - p)
    zero = True if d == 0 else _poly_zero(d, variables)
    if zero is True and claimed != n:
        raise _Undecided(f"O(x^{shown(claimed)}) claims more coefficients than are checked "
                         f"({_MAX_CLAIMED_ORDER}); those below degree {n} agree")
    if zero is True:
        return Verdict.HOLDS, f"the Taylor polynomial of degree < {n} is exactly this (every coefficient compared exactly)"
    if zero is None:
        at = _parameter_witness(d, variables)
        if at is None:
            raise _Undecided(f"cannot decide whether the coefficients of {d} are 0")
        return Verdict.FAILS, (f"the Taylor polynomial of degree < {n} is {tr.polynomial}: the coefficients differ by "
                         f"{at[1]}, which is not 0 at {at[0]}")
    return Verdict.FAILS, f"the Taylor polynomial of degree < {n} is {tr.polynomial} (coefficients compared exactly)"


def _parameter_witness(d: Expr, variables: list[Symbol]) -> tuple[str, Expr] | None:
    """A coefficient of d (a polynomial in the variables) that holds parameters and is not 0 at
    an exact value of them that they may take: (the value, the coefficient), or None."""
    from .zero import _nonzero_at

    try:
        coeffs = sympy.Poly(d, *variables).coeffs()
    except (sympy.PolynomialError, sympy.GeneratorsNeeded):
        return None
    for c in coeffs:
        params = sorted(c.free_symbols, key=lambda s: s.name)
        if not params:
            continue
        found = _nonzero_at(c, params)
        if found is not None:
            pt, _ = found
            return ", ".join(f"{k} = {v}" for k, v in pt.items()), c
    return None


class _Expansion:
    """A Taylor polynomial in one variable whose coefficients hold the formula's parameters."""

    def __init__(self, polynomial: Expr) -> None:
        self.polynomial = polynomial
        self.sides: tuple[Any, ...] = ()


def _with_parameters(f: Expr, v: Symbol, n: int) -> _Expansion:
    """The Taylor polynomial in v below degree n of f, its other symbols (a unit's parameters)
    held constant: each coefficient the derivative at 0 over k!, exactly. Undecided where f has a
    branch point at v = 0 or a branch condition in a parameter (then the side of 0 depends on it)."""
    from ..analysis._common import boundaries, select_branches, to_piecewise
    from ..errors import GlusymError

    e = to_piecewise(f)
    if e.has(Piecewise):
        conds = [c for pw in e.atoms(Piecewise) for _, c in pw.args if isinstance(c, sympy.Basic)]
        if any(c.free_symbols - {v} for c in conds):
            raise _Undecided("a branch condition in a parameter: which side of 0 is taken depends on it")
        try:
            if 0 in boundaries(e, v):
                raise _Undecided("a kink at 0 with parameters: one-sided expansions are not computed here")
            e = select_branches(e, {v: sympy.S.Zero})
        except GlusymError as exc:
            raise _Undecided(str(exc)) from None
    terms = []
    d = e
    for k in range(n):
        c = sympy.simplify(d.subs(v, 0) / sympy.factorial(k))
        if c.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or v in c.free_symbols:
            raise _Undecided("a coefficient that is not finite at 0 (not analytic there)")
        terms.append(c * v**k)
        d = sympy.diff(d, v)
    return _Expansion(sympy.Add(*terms))


def _one_sided(tr: Any, s: Piecewise, n: int) -> tuple[Verdict, str]:
    """cases {p_i + O(x^n) if c_i}: each branch against glusym's expansion on its side (labelled by
    SymPy relations, compared with the formula's conditions as they are)."""
    sides: list[tuple[Any, Expr]] = []
    if tr.polynomial is not None:
        sides = [(sympy.true, tr.polynomial)]
    else:
        sides = list(tr.sides)
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
            return Verdict.FAILS, f"on the side {cond} the Taylor polynomial of degree < {n} is {match[0]}"
    return Verdict.HOLDS, f"each one-sided Taylor polynomial of degree < {n} is exactly this"


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
        degree = 0  # read from the factors, never by expanding: O(x^{10^{100}}) is no polynomial to build
        for factor in sympy.Mul.make_args(t):
            if not factor.has(*variables):
                continue
            base, exp = factor.as_base_exp()
            if base in variables and exp.is_Integer and exp >= 0:
                degree += int(exp)
            elif factor.is_polynomial(*variables):  # O((x-1)^2): an expansion about another point than 0
                raise _Undecided(f"O({g}) is an expansion about a point other than 0, which is not checked")
            else:
                raise _Undecided(f"O({g}) is not a power")
        degs.add(degree)
    if len(degs) != 1:
        raise _Undecided(f"O({g}) mixes degrees")
    return degs.pop()

"""The catalogue: every entry well-formed, reachable under every spelling, frozen, validated."""

from __future__ import annotations

import dataclasses

import pytest
import sympy

import glusym
from glusym import CATALOGUE, GlusymError, get
from glusym.catalogue import Param, Unit, find, name_key, x, x_g, x_v

# Every elementwise activation of torch.nn.functional and jax.nn, by both libraries' spellings.
TORCH = ["relu", "relu6", "leaky_relu", "prelu", "threshold", "elu", "celu", "selu", "gelu", "sigmoid",
         "logsigmoid", "softplus", "silu", "mish", "hardsigmoid", "hardswish", "hardtanh", "softsign",
         "tanh", "tanhshrink", "hardshrink", "softshrink", "glu"]
JAX = ["relu", "relu6", "leaky_relu", "elu", "celu", "selu", "gelu", "sigmoid", "log_sigmoid", "softplus",
       "silu", "swish", "mish", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh", "soft_sign",
       "squareplus", "sparse_plus", "sparse_sigmoid", "identity", "glu", "tanh"]
PAPER = ["glu", "bilinear", "reglu", "geglu", "swiglu"]  # arXiv 2002.05202
EXTRA = ["quick_gelu", "relu2", "gelu_tanh", "normal_cdf"]


@pytest.mark.parametrize("spelling", sorted(set(TORCH + JAX + PAPER + EXTRA)))
def test_every_spelling_resolves(spelling: str) -> None:
    assert isinstance(get(spelling), Unit)


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_entry_is_well_formed(name: str) -> None:
    u = CATALOGUE[name]
    assert u.name == name
    assert u.reference and u.latex_name and u.description
    assert u.expr.free_symbols <= set(u.variables)
    if u.kind == "gated":
        assert u.variables == (x_g, x_v)
        # f(x_g, x_v) = alpha(x_g) * x_v: linear in the value
        assert sympy.diff(u.expr, x_v, 2) == 0
        assert sympy.simplify(u.expr - u.gate.with_params(**dict(u.values))(x_g) * x_v) == 0
    else:
        assert u.variables == (x,)
    for alias in u.aliases:
        assert get(alias) is u or get(alias).name == u.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.name = "other"  # type: ignore[misc]


def test_aliases_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for u in CATALOGUE.values():
        for spelling in (u.name, *u.aliases):
            key = name_key(spelling)  # the key the one lookup uses: no two entries share one
            assert seen.setdefault(key, u.name) == u.name, f"{spelling} names two entries"


@pytest.mark.parametrize("name", sorted({n for u in CATALOGUE.values() for n in (u.name, *u.aliases)}))
def test_one_name_lookup_for_the_api_and_the_latex_reader(name: str) -> None:
    """``get`` and the LaTeX reader find a unit by the same rule, however it is spelt."""
    from glusym.parsing import parse_latex

    unit = CATALOGUE[get(name).name]
    for spelling in (name, name.upper(), name.replace("_", "-"), name.replace("_", " ")):
        assert find(spelling) is unit and get(spelling) is unit
    if len(unit.variables) == 1 and not unit.params:
        read = parse_latex(r"\operatorname{%s}(x)" % name.replace("_", r"\_"))
        assert sympy.simplify(read - unit.expr) == 0, (name, read)
    assert find(name + "zz") is None


def test_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        CATALOGUE["mine"] = CATALOGUE["relu"]  # type: ignore[index]


def test_defaults_follow_the_libraries() -> None:
    assert get("leaky_relu").param_values == {"negative_slope": sympy.Rational(1, 100)}
    assert get("prelu").param_values == {"a": sympy.Rational(1, 4)}
    assert get("squareplus").param_values == {"b": 4}
    assert get("softplus").param_values == {"beta": 1}
    assert get("hardshrink").param_values == {"lambd": sympy.Rational(1, 2)}
    selu = get("selu").param_values
    assert str(selu["alpha"]) == "1.6732632423543772848170429916717"
    assert str(selu["scale"]) == "1.0507009873554804934193349852946"
    assert get("gelu_tanh").expr.has(sympy.Rational("0.044715"))
    assert get("quick_gelu").expr == x * glusym.sigmoid(sympy.Rational("1.702") * x)
    assert get("gelu").expr == x * glusym.Phi(x)


def test_parameters_are_set_and_validated() -> None:
    assert get("swish", beta=2).expr == x * glusym.sigmoid(2 * x)
    assert get("swish", beta="0.5").expr == x * glusym.sigmoid(x / 2)
    assert get("swiglu", beta=3).expr == x_g * x_v * glusym.sigmoid(3 * x_g)
    with pytest.raises(GlusymError, match="has no parameter 'gamma'"):
        get("swish", gamma=2)
    with pytest.raises(GlusymError, match="not a number"):
        get("swish", beta="two x")  # neither a number nor a plain name: refused, never evaluated
    with pytest.raises(GlusymError, match="not a number"):
        get("swish", beta="nan")
    assert get("swish", beta="two").param_values["beta"] == sympy.Symbol("two", positive=True)  # a name
    with pytest.raises(GlusymError, match="not a number"):
        get("swish", beta=object())


def test_unknown_names_suggest_the_closest() -> None:
    with pytest.raises(GlusymError) as e:
        get("swigl")
    assert str(e.value) == "unknown unit 'swigl' (did you mean: swiglu?)"
    with pytest.raises(GlusymError, match="unknown unit 'zzzz'"):
        get("zzzz")
    with pytest.raises(GlusymError):
        get(3)  # type: ignore[arg-type]


def test_validation_rejects_stray_symbols() -> None:
    y = sympy.Symbol("y")
    with pytest.raises(GlusymError, match="neither variables nor parameters"):
        Unit("bad", x * y, (x,), "b", "r", "d")
    with pytest.raises(GlusymError):
        Unit("Bad", x, (x,), "b", "r", "d")
    with pytest.raises(GlusymError):
        Param("not an id", 1, "p", "d")


def test_order_raise_and_glu_are_compositions() -> None:
    assert glusym.order_raise(get("sigmoid")).expr == get("silu").expr
    assert glusym.order_raise(get("normal_cdf")).expr == get("gelu").expr
    raised = sympy.piecewise_fold(glusym.order_raise(get("relu")).expr)
    assert raised == get("relu2").expr
    with pytest.raises(GlusymError):
        glusym.order_raise(get("swiglu"))
    geglu = glusym.glu(get("gelu"), name="mine", latex_name="m", reference="r", description="d")
    assert geglu.expr == get("geglu").expr
    assert get("swiglu").gate.name == "swish"
    assert get("hardswish").expr == x * get("hardsigmoid").expr


def test_vector_form() -> None:
    y = glusym.vector_form(get("geglu"), 3, 2)
    assert y.shape == (1, 2)
    h = sympy.MatrixSymbol("h", 1, 3)
    Wg = sympy.MatrixSymbol("W_g", 3, 2)
    Wv = sympy.MatrixSymbol("W_v", 3, 2)
    g0 = sum(h[0, i] * Wg[i, 0] for i in range(3))
    v0 = sum(h[0, i] * Wv[i, 0] for i in range(3))
    assert sympy.expand(y[0, 0] - g0 * glusym.Phi(g0) * v0) == 0
    sym = glusym.vector_form(get("swiglu"))
    assert sym.shape == (1, sympy.Symbol("k", integer=True, positive=True))
    with pytest.raises(GlusymError):
        glusym.vector_form(get("relu"))


def test_unit_call_and_latex_repr() -> None:
    relu = get("relu")
    assert relu(3) == 3 and relu(-2) == 0
    assert get("swiglu")(1, 2) == 2 * glusym.sigmoid(1)
    with pytest.raises(GlusymError):
        relu(1, 2)
    assert get("swiglu")._repr_latex_().startswith(r"$\displaystyle \text{SwiGLU}\left(x_{g}, x_{v}\right) =")


def test_public_namespace_is_curated() -> None:
    assert glusym.__all__ == sorted(glusym.__all__)
    for name in glusym.__all__:
        assert hasattr(glusym, name), name


def test_vector_form_with_concrete_weights() -> None:
    h = sympy.Matrix([[2, -1]])
    W_g = sympy.Matrix([[1, 0, 1], [0, 1, 1]])
    W_v = sympy.Matrix([[1, 2, 0], [3, 0, 1]])
    for name in ("glu", "bilinear", "reglu", "geglu", "swiglu"):
        u = glusym.get(name)
        y = glusym.vector_form(u, h=h, W_g=W_g, W_v=W_v)
        g, v = h * W_g, h * W_v
        assert y.shape == (1, 3)
        assert all(sympy.simplify(y[0, j] - u(g[0, j], v[0, j])) == 0 for j in range(3))
        # the same as the symbolic form with the weights put in
        sym = glusym.vector_form(u, 2, 3)
        H, G, V = (sympy.MatrixSymbol("h", 1, 2), sympy.MatrixSymbol("W_g", 2, 3), sympy.MatrixSymbol("W_v", 2, 3))
        put = {H[0, i]: h[0, i] for i in range(2)}
        put.update({M[i, j]: W[i, j] for M, W in ((G, W_g), (V, W_v)) for i in range(2) for j in range(3)})
        assert all(sympy.simplify(sym.xreplace(put)[0, j] - y[0, j]) == 0 for j in range(3))
    with pytest.raises(GlusymError, match="all three"):
        glusym.vector_form(glusym.get("swiglu"), h=h)
    with pytest.raises(GlusymError, match="1 x d"):
        glusym.vector_form(glusym.get("swiglu"), h=h.T, W_g=W_g, W_v=W_v)

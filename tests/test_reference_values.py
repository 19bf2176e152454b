"""The definitions agree with PyTorch's and JAX's documented formulas, at sample points.

The expected values are literals: 25 significant digits computed once with mpmath (120 digits: gelu_tanh at -10 cancels 38) from
each formula as the PyTorch and JAX documentation states it, written independently of glusym
(``relu6(x) = min(max(0, x), 6)``, ``hardshrink(x) = x if x > λ or x < -λ else 0``, …). A point
``x`` is the exact decimal it is written as, not the nearest double. Points at and next to the kinks
pin down the value conventions (``hardshrink(±0.5) = 0``, ``threshold(θ) = value``,
``relu6(6) = 6``); the derivative conventions at the kinks are JAX's (``relu'(0) = 0``).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy
from sympy import Rational, pi, sqrt, tanh

import glusym
from glusym import Phi, get, x
from glusym.numeric import to_mpmath

SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"

# (name, parameters, x (or (x_g, x_v) for a gated unit), expected value to 25 significant digits)
REFERENCE: list[tuple[str, dict[str, str], str | tuple[str, str], str]] = [
    ('relu', {}, "-3.5", "0"),
    ('relu', {}, "-1", "0"),
    ('relu', {}, "-0.25", "0"),
    ('relu', {}, "0.3", "0.3"),
    ('relu', {}, "2", "2.0"),
    ('relu', {}, "7", "7.0"),
    ('relu', {}, "0", "0"),
    ('relu', {}, "1e-30", "1.0e-30"),
    ('relu', {}, "-1e-30", "0"),
    ('relu6', {}, "-3.5", "0"),
    ('relu6', {}, "-1", "0"),
    ('relu6', {}, "-0.25", "0"),
    ('relu6', {}, "0.3", "0.3"),
    ('relu6', {}, "2", "2.0"),
    ('relu6', {}, "7", "6.0"),
    ('relu6', {}, "0", "0"),
    ('relu6', {}, "6", "6.0"),
    ('relu6', {}, "5.999", "5.999"),
    ('relu6', {}, "6.001", "6.0"),
    ('leaky_relu', {}, "-3.5", "-0.035"),
    ('leaky_relu', {}, "-1", "-0.01"),
    ('leaky_relu', {}, "-0.25", "-0.0025"),
    ('leaky_relu', {}, "0.3", "0.3"),
    ('leaky_relu', {}, "2", "2.0"),
    ('leaky_relu', {}, "7", "7.0"),
    ('leaky_relu', {}, "0", "0"),
    ('leaky_relu', {}, "-1e-30", "-1.0e-32"),
    ('prelu', {}, "-3.5", "-0.875"),
    ('prelu', {}, "-1", "-0.25"),
    ('prelu', {}, "-0.25", "-0.0625"),
    ('prelu', {}, "0.3", "0.3"),
    ('prelu', {}, "2", "2.0"),
    ('prelu', {}, "7", "7.0"),
    ('prelu', {}, "0", "0"),
    ('threshold', {}, "-3.5", "0"),
    ('threshold', {}, "-1", "0"),
    ('threshold', {}, "-0.25", "0"),
    ('threshold', {}, "0.3", "0.3"),
    ('threshold', {}, "2", "2.0"),
    ('threshold', {}, "7", "7.0"),
    ('threshold', {}, "0", "0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "-3.5", "-2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "-1", "-2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "-0.25", "-2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "0.3", "-2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "2", "2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "7", "7.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "0.5", "-2.0"),
    ('threshold', {'threshold': '0.5', 'value': '-2'}, "0.5000001", "0.5000001"),
    ('elu', {}, "-3.5", "-0.9698026165776814992602137"),
    ('elu', {}, "-1", "-0.6321205588285576784044762"),
    ('elu', {}, "-0.25", "-0.2211992169285951317548297"),
    ('elu', {}, "0.3", "0.3"),
    ('elu', {}, "2", "2.0"),
    ('elu', {}, "7", "7.0"),
    ('elu', {}, "0", "0"),
    ('elu', {}, "-1e-10", "-9.999999999500000000016667e-11"),
    ('elu', {'alpha': '0.5'}, "-3.5", "-0.4849013082888407496301069"),
    ('elu', {'alpha': '0.5'}, "-1", "-0.3160602794142788392022381"),
    ('elu', {'alpha': '0.5'}, "-0.25", "-0.1105996084642975658774149"),
    ('elu', {'alpha': '0.5'}, "0.3", "0.3"),
    ('elu', {'alpha': '0.5'}, "2", "2.0"),
    ('elu', {'alpha': '0.5'}, "7", "7.0"),
    ('celu', {}, "-3.5", "-0.9698026165776814992602137"),
    ('celu', {}, "-1", "-0.6321205588285576784044762"),
    ('celu', {}, "-0.25", "-0.2211992169285951317548297"),
    ('celu', {}, "0.3", "0.3"),
    ('celu', {}, "2", "2.0"),
    ('celu', {}, "7", "7.0"),
    ('celu', {'alpha': '2'}, "-3.5", "-1.652452113099109746638565"),
    ('celu', {'alpha': '2'}, "-1", "-0.7869386805747331527924009"),
    ('celu', {'alpha': '2'}, "-0.25", "-0.2350061948308091942702157"),
    ('celu', {'alpha': '2'}, "0.3", "0.3"),
    ('celu', {'alpha': '2'}, "2", "2.0"),
    ('celu', {'alpha': '2'}, "7", "7.0"),
    ('celu', {'alpha': '2'}, "0", "0"),
    ('celu', {'alpha': '2'}, "-30", "-1.999999388195358996348423"),
    ('selu', {}, "-3.5", "-1.705009340957283198576995"),
    ('selu', {}, "-1", "-1.111330737812562761798641"),
    ('selu', {}, "-0.25", "-0.3888901974781190261275671"),
    ('selu', {}, "0.3", "0.3152102962066441480258005"),
    ('selu', {}, "2", "2.10140197471096098683867"),
    ('selu', {}, "7", "7.354906911488363453935345"),
    ('selu', {}, "0", "0"),
    ('selu', {}, "-1e-10", "-1.758099340759471892900779e-10"),
    ('selu', {}, "-20", "-1.758099337223664034945806"),
    ('gelu', {}, "-3.5", "-0.0008142017766243376272247406"),
    ('gelu', {}, "-1", "-0.1586552539314570514147675"),
    ('gelu', {}, "-0.25", "-0.1003234185792690689397866"),
    ('gelu', {}, "0.3", "0.1853734266566857911919587"),
    ('gelu', {}, "2", "1.954499736103641585599435"),
    ('gelu', {}, "7", "6.999999999991041312192799"),
    ('gelu', {}, "-10", "-7.619853024160526065973343e-23"),
    ('gelu', {}, "0", "0"),
    ('gelu_tanh', {}, "-3.5", "-0.0006161976553736633089266467"),
    ('gelu_tanh', {}, "-1", "-0.1588080093917232952180042"),
    ('gelu_tanh', {}, "-0.25", "-0.1003246492983149997745713"),
    ('gelu_tanh', {}, "0.3", "0.1853709235427592481291482"),
    ('gelu_tanh', {}, "2", "1.954597694087775018781041"),
    ('gelu_tanh', {}, "7", "6.999999999999997684557738"),
    ('gelu_tanh', {}, "-10", "-1.204092348209805993659250e-37"),
    ('sigmoid', {}, "-3.5", "0.02931223075135631886528956"),
    ('sigmoid', {}, "-1", "0.2689414213699951207488408"),
    ('sigmoid', {}, "-0.25", "0.4378234991142018959726764"),
    ('sigmoid', {}, "0.3", "0.5744425168116589871520713"),
    ('sigmoid', {}, "2", "0.8807970779778824440597291"),
    ('sigmoid', {}, "7", "0.9990889488055993546421367"),
    ('logsigmoid', {}, "-3.5", "-3.529750418272620565194811"),
    ('logsigmoid', {}, "-1", "-1.313261687518222834048995"),
    ('logsigmoid', {}, "-0.25", "-0.8259394198788435622078361"),
    ('logsigmoid', {}, "0.3", "-0.5543552444685271188145884"),
    ('logsigmoid', {}, "2", "-0.1269280110429724964437268"),
    ('logsigmoid', {}, "7", "-0.0009114664537742446917024938"),
    ('logsigmoid', {}, "-50", "-50.00000000000000000000019"),
    ('logsigmoid', {}, "40", "-4.248354255291588986304978e-18"),
    ('softplus', {}, "-3.5", "0.02975041827262056519481117"),
    ('softplus', {}, "-1", "0.3132616875182228340489955"),
    ('softplus', {}, "-0.25", "0.5759394198788435622078361"),
    ('softplus', {}, "0.3", "0.8543552444685271188145884"),
    ('softplus', {}, "2", "2.126928011042972496443727"),
    ('softplus', {}, "7", "7.000911466453774244691702"),
    ('softplus', {}, "-50", "1.928749847963917783017157e-22"),
    ('softplus', {}, "40", "40.00000000000000000424835"),
    ('softplus', {'beta': '2'}, "-3.5", "0.0004557332268871223458512469"),
    ('softplus', {'beta': '2'}, "-1", "0.0634640055214862482218634"),
    ('softplus', {'beta': '2'}, "-0.25", "0.2370384920900533404364987"),
    ('softplus', {'beta': '2'}, "0.3", "0.5187439752429428132256701"),
    ('softplus', {'beta': '2'}, "2", "2.009074963958904870177492"),
    ('softplus', {'beta': '2'}, "7", "7.000000415764186691877094"),
    ('silu', {}, "-3.5", "-0.1025928076297471160285135"),
    ('silu', {}, "-1", "-0.2689414213699951207488408"),
    ('silu', {}, "-0.25", "-0.1094558747785504739931691"),
    ('silu', {}, "0.3", "0.1723327550434976961456214"),
    ('silu', {}, "2", "1.761594155955764888119458"),
    ('silu', {}, "7", "6.993622641639195482494957"),
    ('swish', {}, "-3.5", "-0.1025928076297471160285135"),
    ('swish', {}, "-1", "-0.2689414213699951207488408"),
    ('swish', {}, "-0.25", "-0.1094558747785504739931691"),
    ('swish', {}, "0.3", "0.1723327550434976961456214"),
    ('swish', {}, "2", "1.761594155955764888119458"),
    ('swish', {}, "7", "6.993622641639195482494957"),
    ('mish', {}, "-3.5", "-0.1040957544863712168042106"),
    ('mish', {}, "-1", "-0.3034014613741089180743893"),
    ('mish', {}, "-0.25", "-0.1299269636791410142199349"),
    ('mish', {}, "0.3", "0.2080013723481150289326682"),
    ('mish', {}, "2", "1.943958959533994520318481"),
    ('mish', {}, "7", "6.999988379809741460042187"),
    ('hardsigmoid', {}, "-3.5", "0"),
    ('hardsigmoid', {}, "-1", "0.3333333333333333333333333"),
    ('hardsigmoid', {}, "-0.25", "0.4583333333333333333333333"),
    ('hardsigmoid', {}, "0.3", "0.55"),
    ('hardsigmoid', {}, "2", "0.8333333333333333333333333"),
    ('hardsigmoid', {}, "7", "1.0"),
    ('hardsigmoid', {}, "-3", "0"),
    ('hardsigmoid', {}, "3", "1.0"),
    ('hardsigmoid', {}, "-2.999", "0.0001666666666666666666666667"),
    ('hardswish', {}, "-3.5", "0"),
    ('hardswish', {}, "-1", "-0.3333333333333333333333333"),
    ('hardswish', {}, "-0.25", "-0.1145833333333333333333333"),
    ('hardswish', {}, "0.3", "0.165"),
    ('hardswish', {}, "2", "1.666666666666666666666667"),
    ('hardswish', {}, "7", "7.0"),
    ('hardswish', {}, "-3", "0"),
    ('hardswish', {}, "3", "3.0"),
    ('hardtanh', {}, "-3.5", "-1.0"),
    ('hardtanh', {}, "-1", "-1.0"),
    ('hardtanh', {}, "-0.25", "-0.25"),
    ('hardtanh', {}, "0.3", "0.3"),
    ('hardtanh', {}, "2", "1.0"),
    ('hardtanh', {}, "7", "1.0"),
    ('hardtanh', {}, "-1", "-1.0"),
    ('hardtanh', {}, "1", "1.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "-3.5", "-2.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "-1", "-1.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "-0.25", "-0.25"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "0.3", "0.3"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "2", "2.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "7", "2.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "-2", "-2.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "2", "2.0"),
    ('hardtanh', {'min_val': '-2', 'max_val': '2'}, "1.5", "1.5"),
    ('softsign', {}, "-3.5", "-0.7777777777777777777777778"),
    ('softsign', {}, "-1", "-0.5"),
    ('softsign', {}, "-0.25", "-0.2"),
    ('softsign', {}, "0.3", "0.2307692307692307692307692"),
    ('softsign', {}, "2", "0.6666666666666666666666667"),
    ('softsign', {}, "7", "0.875"),
    ('softsign', {}, "0", "0"),
    ('tanh', {}, "-3.5", "-0.9981778976111987092842734"),
    ('tanh', {}, "-1", "-0.7615941559557648881194583"),
    ('tanh', {}, "-0.25", "-0.2449186624037091292778011"),
    ('tanh', {}, "0.3", "0.2913126124515909058182213"),
    ('tanh', {}, "2", "0.9640275800758168839464137"),
    ('tanh', {}, "7", "0.9999983369439446717357164"),
    ('tanhshrink', {}, "-3.5", "-2.501822102388801290715727"),
    ('tanhshrink', {}, "-1", "-0.2384058440442351118805417"),
    ('tanhshrink', {}, "-0.25", "-0.005081337596290870722198869"),
    ('tanhshrink', {}, "0.3", "0.008687387548409094181778727"),
    ('tanhshrink', {}, "2", "1.035972419924183116053586"),
    ('tanhshrink', {}, "7", "6.000001663056055328264284"),
    ('tanhshrink', {}, "0.001", "3.333332000000539682320988e-10"),
    ('hardshrink', {}, "-3.5", "-3.5"),
    ('hardshrink', {}, "-1", "-1.0"),
    ('hardshrink', {}, "-0.25", "0"),
    ('hardshrink', {}, "0.3", "0"),
    ('hardshrink', {}, "2", "2.0"),
    ('hardshrink', {}, "7", "7.0"),
    ('hardshrink', {}, "0.5", "0"),
    ('hardshrink', {}, "-0.5", "0"),
    ('hardshrink', {}, "0.50001", "0.50001"),
    ('hardshrink', {}, "-0.50001", "-0.50001"),
    ('softshrink', {}, "-3.5", "-3.0"),
    ('softshrink', {}, "-1", "-0.5"),
    ('softshrink', {}, "-0.25", "0"),
    ('softshrink', {}, "0.3", "0"),
    ('softshrink', {}, "2", "1.5"),
    ('softshrink', {}, "7", "6.5"),
    ('softshrink', {}, "0.5", "0"),
    ('softshrink', {}, "-0.5", "0"),
    ('softshrink', {}, "0.50001", "1.0e-5"),
    ('squareplus', {}, "-3.5", "0.2655644370746374130916533"),
    ('squareplus', {}, "-1", "0.6180339887498948482045868"),
    ('squareplus', {}, "-0.25", "0.8827822185373187065458267"),
    ('squareplus', {}, "0.3", "1.161187420807834218975649"),
    ('squareplus', {}, "2", "2.414213562373095048801689"),
    ('squareplus', {}, "7", "7.140054944640259135548651"),
    ('sparse_plus', {}, "-3.5", "0"),
    ('sparse_plus', {}, "-1", "0"),
    ('sparse_plus', {}, "-0.25", "0.140625"),
    ('sparse_plus', {}, "0.3", "0.4225"),
    ('sparse_plus', {}, "2", "2.0"),
    ('sparse_plus', {}, "7", "7.0"),
    ('sparse_plus', {}, "-1", "0"),
    ('sparse_plus', {}, "1", "1.0"),
    ('sparse_plus', {}, "0", "0.25"),
    ('sparse_sigmoid', {}, "-3.5", "0"),
    ('sparse_sigmoid', {}, "-1", "0"),
    ('sparse_sigmoid', {}, "-0.25", "0.375"),
    ('sparse_sigmoid', {}, "0.3", "0.65"),
    ('sparse_sigmoid', {}, "2", "1.0"),
    ('sparse_sigmoid', {}, "7", "1.0"),
    ('sparse_sigmoid', {}, "-1", "0"),
    ('sparse_sigmoid', {}, "1", "1.0"),
    ('sparse_sigmoid', {}, "0", "0.5"),
    ('quick_gelu', {}, "-3.5", "-0.009033446134780119923320919"),
    ('quick_gelu', {}, "-1", "-0.1542042340671787042928932"),
    ('quick_gelu', {}, "-0.25", "-0.09880035009980581945783697"),
    ('quick_gelu', {}, "0.3", "0.1874841353815917116428153"),
    ('quick_gelu', {}, "2", "1.935658623144208149807249"),
    ('quick_gelu', {}, "7", "6.999953128303317198124013"),
    ('relu2', {}, "-3.5", "0"),
    ('relu2', {}, "-1", "0"),
    ('relu2', {}, "-0.25", "0"),
    ('relu2', {}, "0.3", "0.09"),
    ('relu2', {}, "2", "4.0"),
    ('relu2', {}, "7", "49.0"),
    ('relu2', {}, "0", "0"),
    ("glu", {}, ("-0.25", "1.5"), "0.6567352486713028439590145"),
    ("glu", {}, ("3", "-2"), "-1.905148253644866438242304"),
    ("glu", {}, ("7", "0.3"), "0.299726684641679806392641"),
]

# torch.nn.functional.glu(cat([a, b])) = a * sigmoid(b): the gate x_g is the second half, b.
DOCUMENTED = {
    "torch.nn.functional": {"relu", "relu6", "leaky_relu", "prelu", "threshold", "elu", "celu", "selu",
                            "gelu", "sigmoid", "logsigmoid", "softplus", "silu", "mish", "hardsigmoid",
                            "hardswish", "hardtanh", "softsign", "tanh", "tanhshrink", "hardshrink",
                            "softshrink", "glu"},
    "jax.nn": {"relu", "relu6", "leaky_relu", "elu", "celu", "selu", "gelu", "gelu_tanh", "sigmoid",
               "logsigmoid", "softplus", "silu", "swish", "mish", "hardsigmoid", "hardswish", "hardtanh",
               "softsign", "tanh", "squareplus", "sparse_plus", "sparse_sigmoid", "glu"},
    "other": {"quick_gelu", "relu2"},
}


def _id(row: tuple) -> str:
    name, params, xs, _ = row
    p = ",".join(f"{k}={v}" for k, v in params.items())
    return f"{name}[{p}]({xs if isinstance(xs, str) else ','.join(xs)})"


def _args(xs: str | tuple[str, str]) -> list[str]:
    return [xs] if isinstance(xs, str) else list(xs)


def test_every_documented_activation_has_reference_values() -> None:
    covered = {row[0] for row in REFERENCE}
    for names in DOCUMENTED.values():
        assert names <= covered, names - covered
    assert covered <= set(glusym.CATALOGUE)
    # the six common sample points, for every activation
    for name in covered - {"glu"}:
        points = {row[2] for row in REFERENCE if row[0] == name and not row[1]}
        assert {"-3.5", "-1", "-0.25", "0.3", "2", "7"} <= points, name


def test_selu_constants_are_the_documented_ones() -> None:
    values = get("selu").param_values
    assert abs(values["alpha"] - sympy.Float(SELU_ALPHA, 40)) < 1e-31
    assert abs(values["scale"] - sympy.Float(SELU_SCALE, 40)) < 1e-31


def _agree(got: mpmath.mpf, want: mpmath.mpf) -> bool:
    if want == 0:
        return abs(got) <= mpmath.mpf("1e-60")
    return abs(got - want) <= mpmath.mpf("1e-24") * abs(want)


@pytest.mark.parametrize("row", REFERENCE, ids=_id)
def test_exact_value_matches_documented_formula(row: tuple) -> None:
    """The unit applied to the exact decimal point, evaluated by SymPy (branch chosen exactly)."""
    name, params, xs, expected = row
    unit = get(name, **params)
    value = unit(*[Rational(a) for a in _args(xs)])
    if expected == "0":
        assert value == 0, (name, params, xs, value)
        return
    with mpmath.workdps(40):
        got = mpmath.mpf(sympy.N(value, 40))
        assert _agree(got, mpmath.mpf(expected)), (name, params, xs, got, expected)


@pytest.mark.parametrize("row", REFERENCE, ids=_id)
def test_mpmath_value_matches_documented_formula(row: tuple) -> None:
    """The same, through glusym.numeric.to_mpmath (80 digits: gelu_tanh at -10 cancels 38)."""
    name, params, xs, expected = row
    f = to_mpmath(get(name, **params))
    with mpmath.workdps(80):
        got = f(*_args(xs))
        assert _agree(got, mpmath.mpf(expected)), (name, params, xs, got, expected)


# ---------------------------------------------------------------------------------------------
# Spellings and the two GELUs


@pytest.mark.parametrize("alias, name", [
    ("hard_swish", "hardswish"), ("hard_silu", "hardswish"), ("log_sigmoid", "logsigmoid"),
    ("soft_sign", "softsign"), ("hard_tanh", "hardtanh"), ("hard_sigmoid", "hardsigmoid"),
    ("sparse_plus", "sparse_plus"), ("sparse_sigmoid", "sparse_sigmoid"), ("gelu_approximate", "gelu_tanh"),
    ("gelu_new", "gelu_tanh"), ("leaky_relu", "leaky_relu"),
])
def test_library_spellings_resolve(alias: str, name: str) -> None:
    assert get(alias).name == name
    assert get(alias) == glusym.CATALOGUE[name]


def test_gelu_is_exact_and_jax_default_is_gelu_tanh() -> None:
    assert get("gelu").expr == x * Phi(x)
    # jax.nn.gelu(x, approximate=True), its default: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    documented = x / 2 * (1 + tanh(sqrt(2 / pi) * (x + Rational("0.044715") * x**3)))
    assert sympy.simplify(get("gelu_tanh").expr - documented) == 0
    # and the two differ: at x = 1 by about 1.5e-4
    diff = sympy.N(get("gelu")(1) - get("gelu_tanh")(1), 30)
    assert 1e-4 < abs(diff) < 1e-3


# ---------------------------------------------------------------------------------------------
# Derivatives at the kinks: JAX's conventions, at exactly the kink


@pytest.mark.parametrize("name, params, at, expected", [
    ("relu", {}, "0", 0),
    ("relu6", {}, "0", 0),
    ("relu6", {}, "6", 0),
    ("leaky_relu", {}, "0", 1),
    ("prelu", {}, "0", 1),
    ("hardtanh", {}, "1", 1),
    ("hardtanh", {}, "-1", 1),
    ("hardsigmoid", {}, "-3", 0),
    ("hardsigmoid", {}, "3", 0),
    ("sparse_sigmoid", {}, "-1", 0),
    ("sparse_sigmoid", {}, "1", 0),
    ("elu", {}, "0", 1),
    ("threshold", {"threshold": "0.5", "value": "-2"}, "0.5", 0),
])
def test_derivative_at_kink_follows_jax(name: str, params: dict, at: str, expected: int) -> None:
    (d,) = glusym.gradient(get(name, **params))
    assert d.xreplace({x: Rational(at)}) == expected, (name, at, d)


def test_relu_derivative_both_sides_of_zero() -> None:
    (d,) = glusym.gradient(get("relu"))
    assert [d.xreplace({x: Rational(a)}) for a in ("-1/1000", "0", "1/1000")] == [0, 0, 1]
    assert glusym.gradient(get("reglu"))[0].xreplace({glusym.x_g: 0, glusym.x_v: 3}) == 0

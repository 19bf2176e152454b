"""No code from text (issue 12): no public function runs a caller's string as Python.

SymPy's ``sympify`` (and every SymPy constructor that calls it laxly: ``Function``, ``Matrix``,
``Tuple``, even ``sympify(..., strict=True)`` on a tuple) evaluates a string as Python, and
``lambdify`` writes the names of an expression into source it runs. The probes below put code
that touches a marker file into every argument of every public callable, into the fields of every
public type (which are then rendered), into a unit's call and methods, and into the names of
symbols and functions that reach a compiler; no marker may appear. The source test lists every
remaining call of ``sympify``, ``parse_expr``, ``S``, ``lambdify``, ``eval``, ``exec`` and
``compile`` in the package against a reviewed allow-list, so that a new one fails until reviewed.
"""

from __future__ import annotations

import ast
import inspect
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sympy

import glusym
from glusym import GlusymError
from glusym.budget import time_budget

PACKAGE = Path(glusym.__file__).resolve().parent

#: Seconds one probed call may run (a call that runs normally, the code string being an ignored
#: or displayed value, stops here).
CALL_SECONDS = 2.0


# ---------------------------------------------------------------------------------------------
# the probe: code strings that touch a marker file, and the check that none was touched


class Probe:
    """Code strings, each touching its own marker (an absolute path under ``tmp_path``), in the
    forms a caller may hand over: a string, and strings inside a tuple, a list, a set, a dict."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.markers: list[Path] = []
        self.codes: list[str] = []
        for i in range(2):
            m = root / f"MARKER_path_{i}"
            self.markers.append(m)
            self.codes.append(f"__import__('pathlib').Path({str(m)!r}).touch()")
            m = root / f"MARKER_system_{i}"
            self.markers.append(m)
            self.codes.append(f"__import__('os').system({'touch ' + shlex.quote(str(m))!r})")

    def payloads(self) -> list[Any]:
        a, b, c, d = self.codes
        return [a, b, (c,), [d], {a}, {1: b}]

    def touched(self) -> list[str]:
        return sorted(str(p) for p in self.root.glob("MARKER_*"))

    def call(self, what: str, f: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """``f(*args, **kwargs)`` within CALL_SECONDS, any exception caught; fails if it ran code."""
        out = None
        try:
            with time_budget(CALL_SECONDS):
                out = f(*args, **kwargs)
        except Exception:  # noqa: BLE001 - refusing the input any way is fine; running it is not
            pass
        touched = self.touched()
        assert not touched, f"{what} ran code from text: it touched {touched}"
        return out


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Probe:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # a relative path the code might write to lands here, and is looked at
    return Probe(tmp_path)


def test_the_probe_detects_code(probe: Probe) -> None:
    """The probe works: SymPy's own sympify runs each code string, and touches its marker."""
    for code, marker in zip(probe.codes, probe.markers):
        sympy.sympify(code)
        assert marker.exists(), f"sympify({code!r}) did not touch {marker}: the probe is blind"
        marker.unlink()
    sympy.sympify((probe.codes[0],), strict=True)  # strict=True alone does not protect a tuple
    assert probe.touched()


# ---------------------------------------------------------------------------------------------
# every public callable, with a code string in each argument in turn


def _public() -> list[str]:
    return sorted(set(glusym.__all__) | set(glusym._LAZY))


def _defaults(unit: glusym.Unit, tmp: Path) -> dict[str, Any]:
    """A sensible value for each parameter name of the public API (``unit`` for a unit)."""
    post = tmp / "post.md"
    post.write_text("$$x = x$$\n", encoding="utf-8")
    x = glusym.x
    return {
        "obj": unit, "unit": unit, "alpha": unit, "gate": unit, "units": [unit],
        "name": "relu", "order": 3, "terms": 2, "n": 3, "depth": 1, "depths": [1], "budget": 0.5,
        "expr": x, "x": x, "arg": x, "variables": unit.variables, "c": sympy.Symbol("c"), "known": None,
        "tex": "x = x", "text": "$$x = x$$", "path": str(post), "context": None,
        "part": "definition", "delimiters": "kramdown", "display": True, "expand": False,
        "direction": "+oo", "weights": False, "d_model": 1, "d_hidden": 1,
        "template": unit.expr, "latex_name": "u", "reference": "r", "description": "d", "latex": "p",
        "default": 1, "variable": x, "polynomial": x, "value": x, "limit": x, "leading": x,
    }


def _params(f: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        return list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):  # an exception class, a SymPy function class
        return [inspect.Parameter("arg", inspect.Parameter.POSITIONAL_ONLY)]


def _calls(f: Callable[..., Any], defaults: dict[str, Any], payload: Any
           ) -> Iterator[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """(which, args, kwargs): the payload in each parameter in turn, the others at their sensible
    values; then the payload in every positional parameter at once."""
    params = [p for p in _params(f) if p.name != "self"]
    for target in params:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        in_order = True  # positional until a parameter is left at its default
        for p in params:
            if p.kind is p.VAR_POSITIONAL:
                if p is target:
                    args.append(payload)
                continue
            if p.kind is p.VAR_KEYWORD:
                if p is target:
                    kwargs["beta"] = payload
                continue
            if p is target:
                value = payload
            elif p.name in defaults:
                value = defaults[p.name]
            elif p.default is not p.empty:
                in_order = False
                continue
            else:
                value = glusym.x
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and in_order:
                args.append(value)
            else:
                kwargs[p.name] = value
        yield target.name, tuple(args), kwargs
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if positional:
        yield "every positional", tuple(payload for _ in positional), {}


def _render(probe: Probe, what: str, obj: Any) -> None:
    """What a notebook and a post do with a result: display it and print its LaTeX."""
    for attr in ("_repr_mimebundle_", "_repr_latex_", "to_json", "to_text"):
        method = getattr(obj, attr, None)
        if callable(method):
            probe.call(f"{what}.{attr}()", method)
    probe.call(f"repr({what})", repr, obj)
    probe.call(f"glusym.latex({what})", glusym.latex, obj)


@pytest.mark.parametrize("unit_name", ["relu", "reglu"])
@pytest.mark.parametrize("name", [n for n in _public() if callable(getattr(glusym, n))])
def test_public_callable_runs_no_code(name: str, unit_name: str, probe: Probe, tmp_path: Path) -> None:
    f = getattr(glusym, name)
    defaults = _defaults(glusym.get(unit_name), tmp_path)
    for payload in probe.payloads():
        for which, args, kwargs in _calls(f, defaults, payload):
            what = f"glusym.{name} with code in {which} ({type(payload).__name__})"
            out = probe.call(what, f, *args, **kwargs)
            if out is None or isinstance(out, type):
                continue
            if inspect.isclass(f):  # a value built with the payload in a field: shown, printed
                _render(probe, f"the {name} built", out)
            elif callable(out):  # a unit (get, glu, order_raise) or a compiled function: called with it
                n = len(defaults["unit"].variables)
                probe.call(f"the function glusym.{name} returned", out, *[payload] * n)


def test_every_public_name_is_probed() -> None:
    """The probe covers the whole namespace: a name added to ``__all__`` is probed with it."""
    probed = {n for n in _public() if callable(getattr(glusym, n))}
    values = set(_public()) - probed
    assert values <= {"CATALOGUE", "x", "x_g", "x_v"}, f"not callable, so not probed: {sorted(values)}"


# ---------------------------------------------------------------------------------------------
# a unit: its call, its methods, the catalogue's lookups


@pytest.mark.parametrize("unit_name", ["relu", "swish", "reglu"])
def test_unit_call_and_methods_run_no_code(unit_name: str, probe: Probe) -> None:
    u = glusym.get(unit_name)
    for payload in probe.payloads():
        kind = type(payload).__name__
        for i in range(len(u.variables)):
            args = [payload if j == i else v for j, v in enumerate(u.variables)]
            probe.call(f"{unit_name}(…) with code in argument {i} ({kind})", u, *args)
        every = [payload] * len(u.variables)
        probe.call(f"{unit_name}(…) with code in every argument ({kind})", u, *every)
        for p in u.params:
            value = {p.name: payload}
            probe.call(f"{unit_name}.with_params({p.name}=code) ({kind})", u.with_params, **value)
            probe.call(f"get({unit_name!r}, {p.name}=code) ({kind})", glusym.get, unit_name, **value)
        probe.call(f"{unit_name}.with_params(code=1)", u.with_params, **{probe.codes[0]: 1})
        probe.call(f"{unit_name}._repr_latex_()", u._repr_latex_)
        for name in ("to_numpy", "to_mpmath"):
            f = getattr(glusym, name)(u)
            probe.call(f"glusym.{name}({unit_name})(code) ({kind})", f, *every)
    with pytest.raises(GlusymError, match="not str"):
        u(*[probe.codes[0]] * len(u.variables))


def test_a_unit_built_with_code_in_its_fields_runs_none(probe: Probe) -> None:
    """Unit and Param are public constructors: code in a template, a default or a value is
    refused (never stored, to run later when the unit is printed or compiled)."""
    x = glusym.x
    beta = glusym.Param("beta", 1, r"\beta", "d")
    for payload in probe.payloads():
        for fields in ({"template": payload}, {"values": (("beta", payload),)}):
            kw: dict[str, Any] = dict(name="u", template=x * beta.symbol, variables=(x,), latex_name="u",
                                      reference="r", description="d", params=(beta,))
            kw.update(fields)
            u = probe.call(f"Unit({fields})", glusym.Unit, **kw)
            if u is not None:
                _render(probe, "the unit", u)
                probe.call("to_mpmath of the unit", lambda: glusym.to_mpmath(u)(1))
        probe.call("Param(default=code)", glusym.Param, "b", payload, "b", "d")
    with pytest.raises(GlusymError, match="not str"):
        glusym.Unit("u", probe.codes[0], (x,), "u", "r", "d")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# the command line: every value a user types, and a post whose formulas are code


def test_command_line_runs_no_code(probe: Probe, capsys: pytest.CaptureFixture[str]) -> None:
    from glusym.cli import main

    post = probe.root / "post.md"
    post.write_text("".join(f"$${code}$$\n\n$${code} = 1$$\n\n" for code in probe.codes), encoding="utf-8")
    probe.call("glusym check POST.md (formulas that are code)", main, ["check", str(post)])
    svg = str(probe.root / "out.svg")
    for code in probe.codes:
        for argv in (["derive", code], ["derive", "swish", "--set", f"beta={code}"],
                     ["derive", "swish", "--set", f"{code}=1"], ["derive", "swish", "--set", code],
                     ["order", code], ["order", "relu", "--depth", code], ["latex", code], ["check", code],
                     ["claims", "--documents", code], ["plot", code],
                     ["plot", "activations", "--units", code, "-o", svg]):
            assert probe.call(f"glusym {' '.join(argv)}", main, argv) == 2, argv  # bad input, said so
    capsys.readouterr()


# ---------------------------------------------------------------------------------------------
# names that reach generated source: lambdify and the NumPy compiler write them as Python


def test_symbol_and_function_names_are_not_run(probe: Probe) -> None:
    x = glusym.x
    for i, code in enumerate(probe.codes):
        s = sympy.Symbol(code, positive=True)
        swish = glusym.get("swish").with_params(beta=s)  # a real symbol is a valid parameter value
        for name in ("to_mpmath", "to_numpy", "extrema", "inflections", "stationary_sets", "derive"):
            f = getattr(glusym, name)
            out = probe.call(f"glusym.{name} of Swish with a code-named beta", f, swish)
            if callable(out):
                probe.call(f"the function glusym.{name} returned", out, 1.0)
        g = sympy.Function(code)(x)
        for name in ("to_mpmath", "to_numpy", "extrema"):
            f = getattr(glusym, name)
            out = probe.call(f"glusym.{name} of a code-named function", f, g * x)
            if callable(out):
                probe.call(f"the function glusym.{name} returned", out, 1.0)
        out = probe.call("to_mpmath with a code-named variable", glusym.to_mpmath, sympy.Symbol(code) + 1)
        assert out is not None and out(1) == 2  # a variable is renamed by lambdify: it still works
    with pytest.raises(GlusymError, match="plain Python name"):
        glusym.to_mpmath(sympy.Function("exit")(x))  # a builtin's name calls nothing either


def test_the_checker_and_reader_run_no_code(probe: Probe) -> None:
    """The reader's BigO and the checker's sides, handed code in every form a caller may pass."""
    from glusym.check import check_formula
    from glusym.parsing import BigO

    for payload in probe.payloads():
        probe.call("BigO", BigO, payload)
        probe.call("check_formula", check_formula, payload)
        probe.call("check_formula with a context", check_formula, r"f(x) = x", 1.0, {"f": payload})
    for code in probe.codes:
        probe.call("a checked formula of code", glusym.check_text, "$$" + code + " = 1$$")


# ---------------------------------------------------------------------------------------------
# the source: every remaining call that reads text as code or writes source, reviewed

#: Functions that read a string as Python or run source: SymPy's (called through ``sympy.`` or
#: imported from a ``sympy`` module) and the builtins.
_SYMPY_RISKY = {"sympify", "parse_expr", "S", "lambdify"}
_BUILTIN_RISKY = {"eval", "exec", "compile", "__import__"}
#: Methods that run a module's source (importlib's loaders).
_LOADER_RISKY = {"exec_module"}

#: (file, enclosing function, callee): (how many, why it is safe). Review a new entry.
ALLOWED: dict[tuple[str, str, str], tuple[int, str]] = {
    ("functions.py", "to_sympy", "sympify"): (
        1, "the helper itself: strict=True, after refusing text and converting tuples, sets and dicts "
           "element by element (strict sympify would sympify their elements laxly)"),
    ("evaluate.py", "lambdify", "lambdify"): (
        1, "the checked wrapper: refuses a symbol outside the arguments or an undefined function whose "
           "name is not a plain Python name, the only text lambdify writes into its source"),
    ("claims.py", "load_table", "exec_module"): (
        1, "imports the project's own claims package (a Python package folder, default derivations/ledger "
           "in the repository) the way pytest imports conftest.py; never a document's text or a user's string"),
    ("numeric/kernel.py", "_source", "exec"): (
        2, "source emitted by numeric.printer.emit from the expression tree: variables renamed _v0, _v1, …, "
           "constants passed in the namespace, functions from fixed tables (undefined ones refused)"),
}


def _risky_calls(path: Path) -> Iterator[tuple[str, str, int]]:
    """(enclosing function, callee, line) for every risky call in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sympy_modules: set[str] = set()  # local names bound to a sympy module
    from_sympy: dict[str, str] = {}  # local name -> the sympy function it is
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "sympy":
                    sympy_modules.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sympy":
            for a in node.names:
                if a.name in _SYMPY_RISKY:
                    from_sympy[a.asname or a.name] = a.name

    def root(e: ast.expr) -> str | None:
        while isinstance(e, ast.Attribute):
            e = e.value
        return e.id if isinstance(e, ast.Name) else None

    def walk(node: ast.AST, scope: str) -> Iterator[tuple[str, str, int]]:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
            if isinstance(child, ast.Call):
                f = child.func
                if isinstance(f, ast.Name) and f.id in from_sympy:
                    yield scope, from_sympy[f.id], child.lineno
                elif isinstance(f, ast.Name) and f.id in _BUILTIN_RISKY:
                    yield scope, f.id, child.lineno
                elif isinstance(f, ast.Attribute) and f.attr in _SYMPY_RISKY and root(f) in sympy_modules:
                    yield scope, f.attr, child.lineno
                elif isinstance(f, ast.Attribute) and f.attr in _BUILTIN_RISKY and root(f) == "builtins":
                    yield scope, f.attr, child.lineno
                elif isinstance(f, ast.Attribute) and f.attr in _LOADER_RISKY:
                    yield scope, f.attr, child.lineno
            yield from walk(child, inner)

    yield from walk(tree, "<module>")


def _found() -> dict[tuple[str, str, str], list[int]]:
    found: dict[tuple[str, str, str], list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for scope, callee, line in _risky_calls(path):
            found.setdefault((rel, scope, callee), []).append(line)
    return found


def test_every_call_that_reads_code_is_reviewed() -> None:
    unreviewed = [f"glusym/{rel}:{lines[0]} in {scope}: {callee}(…) ×{len(lines)}"
                  for (rel, scope, callee), lines in _found().items()
                  if len(lines) > ALLOWED.get((rel, scope, callee), (0, ""))[0]]
    assert not unreviewed, ("calls that may run text as code, not in the reviewed ALLOWED list (use "
                            "glusym.functions.to_sympy, or glusym.evaluate.lambdify): "
                            + "; ".join(unreviewed))


def test_the_allow_list_has_no_stale_entry() -> None:
    found = _found()
    stale = [f"{k}: allows {n}, found {len(found.get(k, []))}" for k, (n, _) in ALLOWED.items()
             if len(found.get(k, [])) < n]
    assert not stale, "remove or lower these ALLOWED entries (the calls are gone): " + "; ".join(stale)


def test_the_source_scan_sees_a_risky_call(tmp_path: Path) -> None:
    """The scan is not blind: it finds each spelling of a risky call."""
    src = tmp_path / "m.py"
    src.write_text(
        "import sympy\n"
        "from sympy import S, sympify as sy\n"
        "from sympy.parsing.sympy_parser import parse_expr\n"
        "def f(t):\n"
        "    return (sympy.sympify(t), sy(t), S(t), parse_expr(t), eval(t), sympy.core.sympify.sympify(t),\n"
        "            sympy.lambdify(t, t), t.eval(0), S.Zero)\n", encoding="utf-8")
    assert sorted(c for _, c, _ in _risky_calls(src)) == sorted(
        ["sympify", "sympify", "S", "parse_expr", "eval", "sympify", "lambdify"])

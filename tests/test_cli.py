"""The command line: `list`, `derive` in text and JSON, and bad input answered in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mpmath
import pytest
import sympy

import glusym
from glusym.cli import main

ROOT = Path(__file__).resolve().parents[1]

REQUIRED_KEYS = {"name", "variables", "params", "expression", "latex", "gradient", "taylor", "asymptotes",
                 "extrema", "inflections", "param_limits", "not_derived"}


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glusym", *argv], capture_output=True, text=True, timeout=120)


def test_list_names_every_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in glusym.CATALOGUE:
        assert f"\n{name} " in out
    assert main(["list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == list(glusym.CATALOGUE)
    for r in rows:  # every formula reads back with plain SymPy, equal to the entry
        assert sympy.simplify(sympy.sympify(r["formula"]) - glusym.elementary(glusym.get(r["name"]).expr)
                              .subs({s: sympy.Symbol(s.name) for s in glusym.get(r["name"]).variables})) == 0


def test_derive_swiglu_text_as_a_process() -> None:
    r = run("derive", "swiglu")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    for section in ("Definition", "Gradient", "Hessian", "Taylor expansion at 0", "Behaviour at ±∞",
                    "Critical points", "Level sets", "Parameter limits"):
        assert section in r.stdout
    assert "saddle" in r.stdout
    assert "Not derived" not in r.stdout


def _reads_back(s: str) -> sympy.Expr:
    e = sympy.sympify(s)
    assert isinstance(e, sympy.Basic)
    return e


@pytest.mark.parametrize("name", ["swiglu", "gelu", "relu", "swish", "softsign", "geglu"])
def test_derive_json_reads_back_with_plain_sympy(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", name, "--format", "json", "--order", "5"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert REQUIRED_KEYS <= set(d)
    assert d["name"] == name and d["not_derived"] == {}
    unit = glusym.get(name)
    plain = {v.name: sympy.Symbol(v.name) for v in unit.variables}
    expr = _reads_back(d["expression"])
    point = {plain[v.name]: sympy.Rational(7, 10) + i for i, v in enumerate(unit.variables)}
    want = glusym.elementary(unit.expr).subs({v: point[plain[v.name]] for v in unit.variables})
    assert abs(sympy.N(expr.subs(point) - want, 30)) < 1e-25
    assert len(d["gradient"]) == len(unit.variables)
    for g, v in zip(d["gradient"], unit.variables):  # each gradient string is the derivative
        mine = sympy.N(_reads_back(g).subs(point), 30)
        fd = sympy.N(sympy.diff(glusym.elementary(unit.expr), v).subs(
            {w: point[plain[w.name]] for w in unit.variables}), 30)
        assert abs(mine - fd) < 1e-25
    assert d["taylor"]["order"] == 5
    for direction in ("+oo", "-oo"):
        a = d["asymptotes"][direction]
        assert {"limit", "leading", "oblique", "growth_order"} <= set(a)
        _reads_back(a["limit"])
        sympy.sympify(a["growth_order"])
    for e in d["extrema"]:
        assert e["kind"] in {"minimum", "maximum", "saddle", "inflection", "degenerate"}
        for value in e["at"].values():
            v = _reads_back(value)
            assert v.is_number
            if v.is_Float:
                assert len(str(v).replace("-", "").replace(".", "").lstrip("0")) >= 25


def test_derive_gelu_json_has_the_known_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", "gelu", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    (minimum,) = d["extrema"]
    assert minimum["kind"] == "minimum"
    mpmath.mp.dps = 40
    xmin = mpmath.findroot(lambda t: mpmath.ncdf(t) + t * mpmath.npdf(t), -0.75)
    assert abs(mpmath.mpf(minimum["at"]["x"]) - xmin) < mpmath.mpf(10) ** -28
    infl = sorted(sympy.sympify(p["at"]["x"]) for p in d["inflections"])
    assert infl == [-sympy.sqrt(2), sympy.sqrt(2)]
    assert d["asymptotes"]["+oo"]["oblique"] == "x"
    assert d["asymptotes"]["-oo"]["growth_order"] == "-oo"


def test_derive_set_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["derive", "swish", "--set", "beta=2", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["params"] == {"beta": "2"}
    assert sympy.simplify(sympy.sympify(d["expression"]) - sympy.sympify("x/(1 + exp(-2*x))")) == 0
    assert sympy.sympify(d["param_limits"]["beta"]["0"]) == sympy.sympify("x/2")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["derive", "swigl"], "glusym: error: unknown unit 'swigl' (did you mean: swiglu?)"),
        (["derive", "swish", "--set", "gamma=1"], "glusym: error: unit 'swish' has no parameter 'gamma'"),
        (["derive", "swish", "--set", "beta=two"], "glusym: error: parameter beta: 'two' is not a number"),
        (["derive", "swish", "--set", "beta"], "glusym: error: --set takes PARAM=VALUE"),
        (["derive", "swish", "--order", "0"], "glusym: error: --order must be a whole number from 1 to 640, got 0"),
        (["derive", "gelu", "--order", "1000000"], "--order must be a whole number from 1 to 640, got 1000000"),
        (["derive", "swish", "--set", "beta=__import__('os').system('echo hi')"], "is not a number"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv: list[str], message: str) -> None:
    r = run(*argv)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert message in r.stderr


def test_usage_errors_exit_2() -> None:
    for argv in ([], ["derive"], ["frobnicate"], ["derive", "relu", "--format", "xml"]):
        r = run(*argv)
        assert r.returncode == 2
        assert "Traceback" not in r.stderr


def test_a_reader_that_goes_away_gets_no_traceback() -> None:
    # `python -m glusym order ... | head -1`: the pipe closes while glusym still writes (the
    # table is about 100 kB, more than a pipe holds)
    argv = [sys.executable, "-m", "glusym", "order", "--depth", "1..64", "relu", "silu"]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        assert p.stdout is not None and p.stderr is not None
        first = p.stdout.readline()
        p.stdout.close()
        err = p.stderr.read().decode()
        p.wait(timeout=120)
    assert first.startswith(b"unit")
    assert "Traceback" not in err and "BrokenPipe" not in err, err


# ---------------------------------------------------------------------------------------------
# budgets, unreadable files and memory (issue 15): exit 2 (or 1), one line, never a traceback


def _one_line_error(r: subprocess.CompletedProcess[str], status: int, message: str) -> None:
    assert r.returncode == status, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert message in r.stderr and len(r.stderr) < 300


@pytest.mark.parametrize("command", [["check", "docs/example-post.md"], ["derive", "swiglu"], ["claims"]],
                         ids=["check", "derive", "claims"])
@pytest.mark.parametrize("budget", ["nan", "1e10", "0", "-1", "inf", "-inf", "1e-400"])
def test_a_bad_budget_exits_2_before_any_work(command: list[str], budget: str) -> None:
    r = subprocess.run([sys.executable, "-m", "glusym", *command, f"--budget={budget}"], capture_output=True,
                       text=True, timeout=120, cwd=ROOT)
    _one_line_error(r, 2, "glusym: error: --budget must be a number of seconds > 0 and <= 86400")
    assert r.stdout == ""


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_exits_2(path: str) -> None:
    _one_line_error(run("check", path), 2, f"glusym: error: cannot read {path}")


def test_a_huge_number_argument_is_named_by_its_size() -> None:
    r = run("derive", "gelu", "--order", "9" * 4000)
    _one_line_error(r, 2, "--order must be a whole number from 1 to 640, got an integer of about 4000 digits")
    r = run("derive", "gelu", "--order", "9" * 5000)  # more digits than int() reads: argparse's usage error
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr) < 1000
    _one_line_error(run("order", "relu", "--depth", "1..1000000000"), 2, "depth must be a whole number from 1 to 64")


def test_a_memory_error_is_one_line_exit_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import glusym.analysis.derivation as derivation

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(derivation, "derive", exhausted)
    assert main(["derive", "gelu"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "glusym: error: out of memory in `derive` (an input or a result too large)"


def test_a_memory_error_in_a_section_is_a_section_not_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    import glusym.analysis.derivation as derivation

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(derivation, "taylor", exhausted)
    d = glusym.derive(glusym.get("gelu"), order=4)
    assert dict(d.not_derived) == {"taylor": "too large: SymPy ran out of memory"}


def test_a_long_reason_is_cut_in_the_text_and_the_json() -> None:
    from glusym.check.report import MAX_REASON, Formula, Link, Report

    link = Link("a", "b", "unknown", "SymPy said: " + "x + " * 20000)
    assert len(link.reason) == MAX_REASON and link.reason.endswith("…")
    report = Report("post.md", (Formula(1, "a = b", False, (link,)),))
    assert max(len(line) for line in report.to_text().splitlines()) < MAX_REASON + 40
    assert report.to_json()["formulas"][0]["links"][0]["reason"] == link.reason

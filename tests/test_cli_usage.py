"""The command line as its neighbours behave: `glusym --version`, usage errors named by the
subcommand they belong to with the closest option or choice, nothing heavy imported before the
arguments are parsed, -q/--quiet, colour on a terminal only, and `claims` finding its documents."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import glusym
from glusym import commands
from glusym.cli import colour, main

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
for _name in ("NO_COLOR", "FORCE_COLOR"):
    ENV.pop(_name, None)


def _glusym(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glusym", *args], capture_output=True, text=True, timeout=120,
                          env=ENV if env is None else env, cwd=ROOT)


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"glusym {glusym.__version__}\n"
    assert glusym.__version__.count(".") == 2 and all(p.isdigit() for p in glusym.__version__.split("."))


def test_the_program_is_called_glusym_however_it_is_run() -> None:
    r = _glusym("--help")
    assert r.returncode == 0 and r.stdout.startswith("usage: glusym [-h] [--version] [-q] COMMAND")
    assert "python -m glusym list" not in r.stdout and "glusym list" in r.stdout


@pytest.mark.parametrize("argv, line", [
    (["latex", "gelu", "--sett", "beta=0"], "glusym latex: error: unrecognized arguments: --sett beta=0 (did you mean --set?)"),
    (["derive", "gelu", "--oder=3"], "glusym derive: error: unrecognized arguments: --oder=3 (did you mean --order?)"),
    (["plot", "--lst"], "glusym plot: error: unrecognized arguments: --lst (did you mean --list?)"),
    (["derive", "gelu", "--json"], "glusym derive: error: unrecognized arguments: --json (did you mean --format json?)"),
    (["check", "p.md", "--sarif"], "glusym check: error: unrecognized arguments: --sarif (did you mean --format sarif?)"),
    (["plot", "activations", "--dark"], "glusym plot: error: unrecognized arguments: --dark (did you mean --theme dark?)"),
    (["derive", "gelu", "surplus"], "glusym derive: error: unrecognized arguments: surplus"),
    (["--badflag"], "glusym: error: unrecognized arguments: --badflag"),
    (["--quite", "list"], "glusym: error: unrecognized arguments: --quite (did you mean --quiet?)"),
    (["derve", "gelu"], "(did you mean derive?)"),
    (["list", "--format", "jsn"], "glusym list: error: argument --format: invalid choice: 'jsn'"),
    (["derive"], "glusym derive: error: the following arguments are required: name"),
    ([], "glusym: error: the following arguments are required: COMMAND"),
])
def test_a_usage_error_is_named_by_its_command_with_the_closest_match(
        argv: list[str], line: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: glusym")
    last = err.splitlines()[-1]
    assert line in last, err
    if argv[:2] == ["list", "--format"]:
        assert last.endswith("(did you mean json?)")


@pytest.mark.parametrize("argv", [["--badflag"], ["derive"], ["latex", "gelu", "--sett", "beta=0"], ["derve"],
                                  ["--version"], ["--help"], ["plot", "--help"]])
def test_nothing_heavy_is_imported_before_the_arguments_are_parsed(argv: list[str]) -> None:
    code = ("import sys\nfrom glusym.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sympy', 'numpy', 'matplotlib', 'scipy', 'mpmath') if m in sys.modules))" % argv)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=ENV)
    assert r.stdout.splitlines()[-1] == "[]", r.stdout + r.stderr


def test_a_command_imports_what_it_needs() -> None:  # the proxy above is no accident of a broken import
    code = "import sys\nfrom glusym.cli import main\nmain(['list'])\nprint('sympy' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=ENV)
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "True", r.stderr


def test_the_package_namespace_is_lazy_and_complete() -> None:
    code = ("import sys, glusym\nprint('sympy' in sys.modules)\nimport glusym.latex\n"
            "from glusym import get, latex\nprint(callable(glusym.latex), latex is glusym.latex, get('silu').name)\n"
            "print(sorted(glusym.__all__) == glusym.__all__, set(glusym.__all__) <= set(dir(glusym)))\n"
            "print(all(getattr(glusym, n) is not None for n in glusym.__all__))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=ENV)
    assert r.stdout.split("\n")[:4] == ["False", "True True silu", "True True", "True"], r.stdout + r.stderr
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        glusym.nonesuch  # noqa: B018


def test_quiet_silences_progress_lines_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["latex", "gelu", "-o", str(tmp_path / "a")]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'a' / 'gelu-definition.tex'} (1 formula)\n"
    assert main(["--quiet", "latex", "gelu", "-o", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "b" / "gelu-definition.tex").read_text(encoding="utf-8") == \
        (tmp_path / "a" / "gelu-definition.tex").read_text(encoding="utf-8")
    assert main(["-q", "latex", "gelu"]) == 0  # the output asked for still prints
    assert "\\text{GELU}" in capsys.readouterr().out


def test_quiet_plot_writes_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "plot", "square", "-o", str(tmp_path / "sq.svg")]) == 0
    assert capsys.readouterr().out == "" and (tmp_path / "sq.svg").stat().st_size > 0
    assert main(["plot", "square", "-o", str(tmp_path / "sq2.svg")]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'sq2.svg'}\n"


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty, env, expected", [
    (True, {}, True), (False, {}, False), (True, {"NO_COLOR": "1"}, False), (False, {"FORCE_COLOR": "1"}, True),
    (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False), (True, {"NO_COLOR": ""}, True), (True, {"TERM": "dumb"}, False),
])
def test_colour_on_a_terminal_only(tty: bool, env: dict[str, str], expected: bool,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert colour(_Stream(tty)) is expected  # type: ignore[arg-type]


def _stderr_on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """What ``glusym ARGS`` writes to stderr when stderr is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "glusym", *args], stdout=subprocess.DEVNULL, stderr=follower,
                       env={**env, "TERM": "xterm"}, timeout=120, cwd=ROOT)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(leader)


def test_errors_are_red_on_a_terminal_and_plain_elsewhere() -> None:
    red = "\033[1;31mglusym derive: error:\033[0m"
    assert red in _stderr_on_a_terminal("derive", env=ENV)
    assert "glusym derive: error:" in _stderr_on_a_terminal("derive", env={**ENV, "NO_COLOR": "1"})
    assert "\033[" not in _stderr_on_a_terminal("derive", env={**ENV, "NO_COLOR": "1"})
    piped = _glusym("derive", "nonesuch")  # a pipe: plain, unless forced
    assert piped.returncode == 2 and piped.stderr.startswith("glusym: error: ") and "\033[" not in piped.stderr
    forced = _glusym("derive", "nonesuch", env={**ENV, "FORCE_COLOR": "1"})
    assert forced.returncode == 2 and forced.stderr.startswith("\033[1;31mglusym: error:\033[0m ")


def test_claims_names_the_folders_it_looked_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    tried = [tmp_path / "here", tmp_path / "there"]
    monkeypatch.setattr(commands, "_document_folders", lambda: tried)
    assert main(["claims"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("glusym: error: the documents (swiglu-intuition.md, "
                                               "geglu-geometry.txt) are in none of ")
    assert f"{tried[0]}, {tried[1]}" in err[0] and "--documents DIR" in err[0]


def test_claims_finds_the_documents_without_documents(seeds: Path, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no ../shared/seeds here: the repository's is found
    assert commands._documents().resolve() == seeds.resolve()
    monkeypatch.chdir(ROOT)
    assert commands._documents() == Path("../shared/seeds")


def test_the_report_is_unicode_whatever_was_imported_before() -> None:
    """SymPy's pretty symbology reads a global flag, not the printer's setting: in a process that
    had printed nothing before (only glusym.cli imported), derive printed x_g*x_v*σ(x_g) and ASCII
    fraction bars, where after `import glusym` it printed x_g⋅xᵥ⋅σ(x_g)."""
    code = ("import io, contextlib\n"
            "from glusym.cli import main\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            "    main(['derive', 'swiglu'])\n"
            "print([l for l in buf.getvalue().splitlines() if 'swiglu(x_g' in l][0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "swiglu(x_g, x_v) = x_g⋅xᵥ⋅σ(x_g)"

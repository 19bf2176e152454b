"""The README shows what runs: its Python examples run as doctests, and the `derive` and `list`
outputs it shows are what the commands print today."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from glusym.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_python_examples_run() -> None:
    blocks = [b for b in _blocks("python") if ">>>" in b]
    assert blocks
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    shared: dict[str, object] = {}  # the blocks are one session, as in a notebook
    for i, block in enumerate(blocks):
        test = parser.get_doctest(block, shared, f"README block {i}", str(README), 0)
        runner.run(test, clear_globs=False)
        shared.update(test.globs)  # DocTest works on a copy of its globals
    assert runner.failures == 0


@pytest.mark.parametrize("argv, status", [
    (["derive", "swiglu"], 0), (["list"], 0),
    (["order", "--depth", "1..4", "relu", "relu2", "silu", "gelu", "bilinear", "swiglu"], 0),
    (["latex", "swiglu", "--part", "gradient"], 0),
    (["check", "docs/example-post.md"], 1),  # the example post has a false formula
    (["plot", "--list"], 0),
])
def test_shown_output_is_current(argv: list[str], status: int, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(README.parent)  # the commands are shown as run from the top of the clone
    command = "$ python -m glusym " + " ".join(argv)
    shown = [b for b in _blocks("text") if b.startswith(command + "\n")]
    assert len(shown) == 1, f"README shows `{command}` once"
    assert main(argv) == status
    assert shown[0][len(command) + 1:] == capsys.readouterr().out


def test_quick_start_is_the_ci() -> None:
    text = README.read_text(encoding="utf-8")
    quick = re.search(r"## Quick start\n\n```bash\n(.*?)```", text, flags=re.S)
    assert quick is not None
    commands = quick.group(1).strip().splitlines()
    assert commands == ['pip install -e ".[test]" && python -m glusym derive swiglu', "python -m pytest"]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    for c in commands:
        assert c in ci

r"""What glusym writes for a post, rendered by the real kramdown (Jekyll's renderer, 2.4).

kramdown reads ``$$…$$`` as a display block only with a blank line (or the start or end of the
text) on both sides; consecutive ``$$…$$`` lines are one paragraph of inline math, and a ``% …``
line is text (DESIGN.md, known traps). Debian's ``kramdown`` package (the command, on
``ruby-kramdown``) is installed with apt-get where it is missing, as tests/test_slider_browser.py
installs Chromium, and the module fails, never skips, if that does not work.

Rendered with ``--math-engine nil``, kramdown 2.4 writes a display block as
``<div class="kdmath">$$\n…\n$$</div>`` and inline math as ``<span class="kdmath">$…$</span>``;
with its default engine (mathjax, Jekyll's default) a display block is ``\[…\]`` on a line of its
own, inline math ``\(…\)`` inside a ``<p>``. Both are asserted: one display element per formula,
holding the formula unchanged, and nothing else visible (no comment text, no stray paragraph).
The documents are converted in one Ruby process by the library the command runs; one document is
also converted by the ``kramdown`` command itself and must give the same HTML.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import debian_program

import glusym
from glusym.cli import main
from glusym.latex import PARTS

KRAMDOWN = Path("/usr/bin/kramdown")

#: converts every file named in argv to HTML with the given math engine ("nil": none), in one process
RUBY = r"""
require "kramdown"
require "json"
engine = ARGV.shift
engine = nil if engine == "nil"
out = {}
ARGV.each { |f| out[f] = Kramdown::Document.new(File.read(f, encoding: "UTF-8"), math_engine: engine).to_html }
puts JSON.generate(out)
"""


@pytest.fixture(scope="module")
def kramdown() -> str:
    """/usr/bin/kramdown, installed from Debian's packages when missing (a few seconds)."""
    debian_program("kramdown", KRAMDOWN)
    version = subprocess.run([str(KRAMDOWN), "--version"], capture_output=True, text=True, timeout=60).stdout
    assert version.startswith("2."), f"kramdown {version!r}: the tests are written for kramdown 2 (Jekyll's)"
    return str(KRAMDOWN)


def render(files: list[Path], engine: str) -> dict[Path, str]:
    """Each file's HTML by kramdown (``engine``: ``nil`` or ``mathjax``), in one Ruby process."""
    r = subprocess.run(["ruby", "-e", RUBY, engine, *map(str, files)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    return {f: out[str(f)] for f in files}


DISPLAY_NIL = re.compile(r'<div class="kdmath">\$\$\n(.*?)\n\$\$</div>', re.S)
DISPLAY_MATHJAX = re.compile(r"^\\\[(.*?)\\\]$", re.S | re.M)
SOURCE = re.compile(r"\$\$(.+?)\$\$")


def problems(source: str, page: str, engine: str) -> list[str]:
    """What is wrong with kramdown's HTML ``page`` of ``source`` (a post's text of display formulas):
    not one display element per formula, a formula changed, or visible text beside them."""
    formulas = SOURCE.findall(source)
    pattern = DISPLAY_NIL if engine == "nil" else DISPLAY_MATHJAX
    shown = [html.unescape(m) for m in pattern.findall(page)]
    found = []
    if len(shown) != len(formulas):
        found.append(f"{len(formulas)} formulas, {len(shown)} display elements")
    found += [f"changed: {f!r} -> {s!r}" for f, s in zip(formulas, shown) if f != s]
    rest = re.sub(r"<!--.*?-->", "", pattern.sub("", page), flags=re.S)  # comments are not shown
    visible = re.sub(r"<[^>]+>", "", rest).strip()
    if visible:
        found.append(f"visible text beside the formulas: {visible[:200]!r}")
    return found


def _latex(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["latex", *argv]) == 0, argv
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def catalogue_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[Path, int], dict[Path, int]]:
    """For every catalogue entry, ``latex NAME --part all`` (kramdown's and dollar delimiters) as
    a file, and every ``-o`` file; each with the number of formulas the command says it wrote."""
    import contextlib
    import io

    base = tmp_path_factory.mktemp("kramdown")
    stdout_docs: dict[Path, int] = {}
    o_files: dict[Path, int] = {}
    for name in glusym.names():
        per_part = {}
        with contextlib.redirect_stdout(io.StringIO()) as buf:
            assert main(["latex", name, "--part", "all", "-o", str(base / "o")]) == 0
        for line in buf.getvalue().splitlines():  # "wrote DIR/NAME-PART.tex (N formulas)"
            m = re.fullmatch(r"wrote (.*) \((\d+) formulas?\)", line)
            assert m, line
            o_files[Path(m.group(1))] = per_part[Path(m.group(1)).stem] = int(m.group(2))
        assert sorted(per_part) == sorted(f"{name}-{p}" for p in PARTS)
        for delimiters in ("kramdown", "dollar"):
            with contextlib.redirect_stdout(io.StringIO()) as buf:
                assert main(["latex", name, "--part", "all", "--delimiters", delimiters]) == 0
            doc = base / f"{name}.{delimiters}.md"
            doc.write_text(buf.getvalue(), encoding="utf-8")
            stdout_docs[doc] = sum(per_part.values())
    return stdout_docs, o_files


@pytest.mark.parametrize("engine", ["nil", "mathjax"])
def test_every_entry_all_parts_is_one_display_element_per_formula(
        kramdown: str, engine: str, catalogue_outputs: tuple[dict[Path, int], dict[Path, int]]) -> None:
    stdout_docs, o_files = catalogue_outputs
    docs = {**stdout_docs, **o_files}
    assert len(stdout_docs) == 2 * len(glusym.names()) and len(o_files) == len(PARTS) * len(glusym.names())
    pages = render(list(docs), engine)
    bad = {}
    for path, n in docs.items():
        source = path.read_text(encoding="utf-8")
        assert len(SOURCE.findall(source)) == n, path  # every formula the command counted, between $$
        found = problems(source, pages[path], engine)
        if found:
            bad[path.name] = found
    assert not bad, bad
    total = sum(o_files.values())
    print(f"{len(docs)} documents, {total} formulas of -o files, each one display element ({engine})")


def test_the_library_renders_as_the_kramdown_command_does(
        kramdown: str, catalogue_outputs: tuple[dict[Path, int], dict[Path, int]]) -> None:
    stdout_docs, _ = catalogue_outputs
    doc = next(p for p in stdout_docs if p.name == "swish.kramdown.md")
    for engine in ("nil", "mathjax"):
        command = subprocess.run([kramdown, "--math-engine", engine, str(doc)], capture_output=True, text=True,
                                 timeout=120)
        assert command.returncode == 0, command.stderr
        assert command.stdout == render([doc], engine)[doc]


def test_the_old_layout_fails_these_assertions(kramdown: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The layout before (formulas on consecutive lines, ``% part`` comments) loses display
    elements and shows its comments: the assertions above catch it."""
    new = _latex(["swish", "--part", "all"], capsys)
    old_lines = []
    for part in PARTS:
        old_lines.append(f"% {part}")
        old_lines += ["$$" + f + "$$" for f in glusym.latex_part(glusym.get("swish"), part)]
    old = "\n".join(old_lines) + "\n"
    assert SOURCE.findall(old) == SOURCE.findall(new)  # the same formulas, laid out as before
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    (tmp_path / "new.md").write_text(new, encoding="utf-8")
    pages = render([tmp_path / "old.md", tmp_path / "new.md"], "nil")
    assert problems(new, pages[tmp_path / "new.md"], "nil") == []
    found = problems(old, pages[tmp_path / "old.md"], "nil")
    n = len(SOURCE.findall(old))
    shown = len(DISPLAY_NIL.findall(pages[tmp_path / "old.md"]))
    assert shown < n and found[0] == f"{n} formulas, {shown} display elements"
    assert any("% gradient" in f for f in found)  # the comment printed as text
    assert pages[tmp_path / "old.md"].count('<span class="kdmath">') > 0  # run together as inline math


@pytest.mark.parametrize("argv", [
    ["swish", "--part", "asymptotes"],  # several formulas of one part
    ["swiglu", "--part", "limits", "--delimiters", "dollar"],
    ["relu", "--part", "definition"],  # one formula: a block too
])
def test_single_parts(kramdown: str, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _latex(argv, capsys)
    assert "<!--" not in text and "%" not in text.replace(r"\%", "")  # one part: no label
    doc = tmp_path / "part.md"
    doc.write_text(text, encoding="utf-8")
    for engine in ("nil", "mathjax"):
        assert problems(text, render([doc], engine)[doc], engine) == []


def test_an_o_file_is_a_block_wherever_it_is_included(kramdown: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A ``-o`` file pasted between two lines of text (a Jekyll include) stays display math."""
    _latex(["swish", "--part", "asymptotes", "-o", str(tmp_path)], capsys)
    snippet = (tmp_path / "swish-asymptotes.tex").read_text(encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("Text before.\n" + snippet + "Text after.\n", encoding="utf-8")
    page = render([post], "nil")[post]
    assert len(DISPLAY_NIL.findall(page)) == len(SOURCE.findall(snippet)) == 5
    assert "<p>Text before.</p>" in page and "<p>Text after.</p>" in page

"""Plain-text documents (issue 14, item 6): formulas between delimiters, TeX found by its syntax,
and the TeX source that follows each rendered copy in a page saved from the web — never the copy.

Fixtures: the GeGLU thread (``../shared/seeds/geglu-geometry.txt``, read where it is);
``tests/posts/softplus-gelu-answer.txt``, a Q&A answer in the same saved-web format, written for
these tests: its mathematics is that of the softplus derivative as pages such as sefiks.com's
"Softplus as a neural networks activation function" derive it, and GELU and its two
approximations as Hendrycks & Gimpel give them (arXiv:1606.08415), with rendered copies as
KaTeX's MathML prints them (U+2061 after an operator name, U+2005 U+200A for ``\\;``, ∣ for ``|``);
``tests/posts/softplus-notes.txt``, notes with every delimiter form, after the formulas of a
softplus-derivative calculator's page (calculatorlib.com), with one false formula (a slip).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glusym.check import VERDICTS, check_markdown, extract_formulas
from glusym.check.extract import extract_text_formulas, is_markdown, text_formulas
from glusym.check.formula import MAX_DOCUMENT_BYTES, check_file, check_plain_text
from glusym.cli import main

POSTS = Path(__file__).resolve().parent / "posts"
ROOT = Path(__file__).resolve().parents[1]
TEX_SYNTAX = set("\\_^{}")

# ---------------------------------------------------------------------------------------------
# the GeGLU thread: every formula, its line, and only its TeX

THREAD = [
    (12, r"x\!=\!(x_g,\,x_v)", False),
    (12, r"x_g", False),
    (12, r"x_v", False),
    (15, r"f_{\text{GeGLU}}(x_g, x_v)=\text{GELU}(x_g)\;\cdot\;x_v =x_g\,\Phi(x_g)\;x_v", True),
    (18, r"(x_g,x_v)\in\mathbb R^2", False),
    (19, r"\mathbb R", False),
    (19, r"d_{ff}/2", False),
    (23, r"x_g", False),
    (24, r"x_v", False),
    (25, r"x_g", False),
    (28, r"z=f_{\text{GeGLU}}(x_g,x_v)", False),
    (30, r"x_g", False),
    (30, r"x_v\!=\!0", False),
    (31, r"|x_v|", False),
    (31, r"\pm x_v", False),
    (31, r"x_g\Phi(x_g)", False),
    (33, r"x_v", False),
    (33, r"x_v", False),
    (33, r"x_g", False),
    (33, r"\text{GELU}(x_g)", False),
    (36, r"f(x_g,x_v)=c", False),
    (37, r"x_v = c / \text{GELU}(x_g)", False),
    (37, r"\text{GELU}(x_g)\neq0", False),
    (38, r"x_g<0", False),
    (38, r"x_g", False),
    (41, r"\nabla f = \bigl(x_v\,\text{GELU}'(x_g),\; \text{GELU}(x_g)\bigr)", True),
    (42, r"x_v", False),
    (42, r"x_v", False),
    (42, r"\text{GELU}(x_g)", False),
    (43, r"x_g\!\to\!-\infty", False),
    (43, r"x_g\!\approx\!1", False),
    (43, r"x_g", False),
    (43, r"x_g\Phi(x_g)", False),
    (43, r"x_g", False),
    (47, r"h\in\mathbb R^{d}", False),
    (49, r"g = hW_g\in\mathbb R^{d_{ff}/2}", True),
    (50, r"v = hW_v\in\mathbb R^{d_{ff}/2}", True),
    (52, r"y = \text{GELU}(g)\ \otimes\ v", False),
    (56, r"W_v", False),
    (56, r"(d_{ff}/2)", False),
    (57, r"\text{GELU}(g)\in[0,\infty)^{d_{ff}/2}", False),
    (57, r"g", False),     # "gg": a formula without TeX syntax, its copy and source the same
    (58, r"y", False),
    (58, r"g", False),
    (62, r"x_g=0", False),
    (67, r"(g,v)", False),
]


@pytest.fixture(scope="module")
def thread(seeds: Path) -> str:
    return (seeds / "geglu-geometry.txt").read_text(encoding="utf-8")


def test_every_formula_of_the_thread_with_its_line(thread: str) -> None:
    assert extract_text_formulas(thread) == THREAD


def test_the_thread_takes_each_source_after_its_rendered_copy(thread: str) -> None:
    found = text_formulas(thread)
    copies = {(f.line, f.latex): thread[f.copy:f.start] for f in found}
    assert copies[(15, THREAD[3][1])] == "fGeGLU(xg,xv)=GELU(xg)\u2005\u200a\u2005\u200axv\u2003\u2003=xgΦ(xg)\u2005\u200axv"
    assert copies[(41, THREAD[25][1])] == "f=(xvGELU(xg),\u2005\u200aGELU(xg))"
    assert copies[(52, THREAD[37][1])] == "y=GELU(g)\u00a0\u00a0v"
    assert copies[(57, THREAD[40][1])] == "GELU(g)[0,)dff/2"
    assert copies[(12, r"x\!=\!(x_g,\,x_v)")] == "x\u2009=\u2009(xg,xv)"
    for f in found:
        copy = thread[f.copy:f.start]
        assert copy.strip(), f"every formula of the thread has its rendered copy: {f}"
        assert not TEX_SYNTAX & set(copy), f"a copy holds no TeX: {f}"
        assert f.latex.isascii(), f"no rendered glyph or page space in the TeX taken: {f}"
        assert thread.count("\n", 0, f.start) + 1 == f.line


def test_nothing_rendered_is_taken_as_tex(thread: str) -> None:
    """The thread with every TeX source cut out — its rendered copies alone — has no formula."""
    found = text_formulas(thread)
    rendered, at = [], 0
    for f in found:
        rendered.append(thread[at:f.start])
        at = f.end
    rendered.append(thread[at:])
    copies_only = "".join(rendered)
    assert "xgΦ(xg)" in copies_only and "GELU(g)[0,)dff/2" in copies_only
    assert extract_text_formulas(copies_only) == []


def test_rendered_copies_alone_written_by_hand_are_no_formula() -> None:
    text = "\n".join([
        "(Write x\u2009=\u2009(xg,xv), with xg the gate component and xv the value component.)",
        "fGeGLU(xg,xv)=GELU(xg)\u2005\u200a\u2005\u200axv\u2003\u2003=xgΦ(xg)\u2005\u200axv",
        "    xv=c/GELU(xg) whenever GELU(xg)0.",
        "    f=(xvGELU(xg),\u2005\u200aGELU(xg))",
        "g=hWgRdff/2\u2003(gate)",
        "and produce y=GELU(g)\u00a0\u00a0v. (Hadamard product.) The gate vector GELU(g)[0,)dff/2 acts on g.",
        "f(x)=ln\u2061(1+ex) and f\u2032(x)=ex1+ex, \u2223GELU(x)\u2212xσ(1.702x)\u2223<0.021 and (g,v).",
    ])
    assert extract_text_formulas(text) == []


# ---------------------------------------------------------------------------------------------
# a second saved web page, written in the same format

ANSWER = [
    (6, r"f(x)=\ln(1+e^x)", False),
    (6, r"\sigma(x)", False),
    (6, r"\Phi", False),
    (9, r"u=1+e^x", False),
    (10, r"f'(x)=\frac{1}{1+e^x}\cdot e^x=\frac{e^x}{1+e^x}", True),
    (11, r"e^x", False),
    (12, r"\frac{e^x}{1+e^x}=\frac{1}{e^{-x}+1}=\sigma(x)", True),
    (13, r"f(x)-f(-x)=x", False),   # no TeX syntax: its copy (with U+2212) and source said twice
    (13, r"0<\sigma(x)<1", False),
    (13, r"\max(0,x)", False),
    (13, r"\max(0,x)+\ln 2", False),
    (16, r"\text{GELU}(x)=x\Phi(x)=x\cdot\frac{1}{2}\left[1+\operatorname{erf}(x/\sqrt{2})\right]", True),
    (18, r"\text{GELU}(x)\approx 0.5x\left(1+\tanh\left[\sqrt{2/\pi}\,(x+0.044715x^3)\right]\right)", True),
    (20, r"\text{GELU}(x)\approx x\sigma(1.702x)", True),
    (21, r"\Phi(x)\approx\sigma(1.702x)", False),
    (21, r"|\text{GELU}(x)-x\sigma(1.702x)|<0.021", False),
    (22, r"\sigma(x)=\frac{1}{2}\left(1+\tanh\frac{x}{2}\right)", False),
    (22, r"x", False),
]


def test_every_formula_of_the_saved_answer() -> None:
    text = (POSTS / "softplus-gelu-answer.txt").read_text(encoding="utf-8")
    assert extract_text_formulas(text) == ANSWER
    for f in text_formulas(text):
        assert f.latex.isascii() and not TEX_SYNTAX & set(text[f.copy:f.start]) and f.copy < f.start


def test_the_saved_answer_is_checked_like_a_post() -> None:
    report = check_file(POSTS / "softplus-gelu-answer.txt")
    assert [(f.line, f.latex, f.display) for f in report.formulas] == ANSWER
    verdicts = {f.latex: [k.verdict for k in f.links] for f in report.formulas}
    assert all(v in VERDICTS for vs in verdicts.values() for v in vs)
    assert verdicts[ANSWER[4][1]] == ["holds", "holds"]     # f' from the page's own definition of f
    assert verdicts[ANSWER[6][1]] == ["holds", "holds"]
    assert verdicts[ANSWER[7][1]] == ["holds"]              # f(x) - f(-x) = x
    assert not report.failed


# ---------------------------------------------------------------------------------------------
# delimiters, and TeX without them


def test_delimiter_forms() -> None:
    text = ("Inline $x^2 + 1$ and \\(\\sigma(0) = \\frac12\\), display\n"
            "$$\n\\tanh(x) = 2\\sigma(2x) - 1\n$$\nand \\[ a = b \\] and\n"
            "\\begin{equation}\n\\sigma'(x) = \\sigma(x)(1-\\sigma(x))\n\\end{equation}\n"
            "\\begin{align} f(x) &= x \\\\ &= x \\end{align}\n")
    assert extract_text_formulas(text) == [
        (1, "x^2 + 1", False), (1, r"\sigma(0) = \frac12", False), (2, r"\tanh(x) = 2\sigma(2x) - 1", True),
        (5, "a = b", True), (6, r"\sigma'(x) = \sigma(x)(1-\sigma(x))", True),
        (9, r"\begin{align} f(x) &= x \\ &= x \end{align}", True)]


def test_dollars_that_are_not_math() -> None:
    assert extract_text_formulas("It costs $5 and $10, or \\$3 here.") == []
    assert extract_text_formulas("Price: $ 4 $ each; $x$ is.") == [(1, "x", False)]
    # an unclosed delimiter, or one whose close is past a blank line, delimits nothing
    assert extract_text_formulas("$$ a = b\n\nc = d $$") == []
    assert extract_text_formulas("\\( a = b") == []


def test_delimited_and_bare_tex_in_one_text() -> None:
    text = "Notes: $\\sigma(0) = \\frac12$ while\n\\text{SiLU}(x) = x\\sigma(x) holds for every x.\n"
    assert extract_text_formulas(text) == [(1, r"\sigma(0) = \frac12", False),
                                           (2, r"\text{SiLU}(x) = x\sigma(x)", False)]


@pytest.mark.parametrize("text, spans", [
    (r"The derivative is \sigma'(x) = \sigma(x)(1-\sigma(x)) for all x.",
     [r"\sigma'(x) = \sigma(x)(1-\sigma(x))"]),
    (r"Let h\in\mathbb R^{d} be the input, and x_1 the first coordinate.", [r"h\in\mathbb R^{d}", "x_1"]),
    (r"where \alpha_{01} \approx 1.6733 and \lambda_{01} \approx 1.0507.",
     [r"\alpha_{01} \approx 1.6733", r"\lambda_{01} \approx 1.0507"]),
    (r"The x_g-axis is the gate's, \mathbb R (for one neuron).", ["x_g", r"\mathbb R"]),
    (r"hence \text{softplus}(x) \le \max(0,x) + \log 2, as said", [r"\text{softplus}(x) \le \max(0,x) + \log 2"]),
    ("my_variable = file_name.txt, C:\\Users\\me\\notes, 100\\% and \\$5", []),   # not TeX
    ("Plain prose, no formula: 0.5 (at the origin), f(a, b) = GELU(a) * b.", []),
])
def test_tex_without_delimiters_is_cut_where_the_prose_resumes(text: str, spans: list[str]) -> None:
    assert [tex for _, tex, _ in extract_text_formulas(text)] == spans


def test_a_copy_in_another_order_is_not_taken_either() -> None:
    """A renderer that prints a fraction's denominator first: the copy has the source's letters
    in another order; in a page saved from the web it is still recognised as the copy."""
    assert extract_text_formulas("The ratio ba\\frac{a}{b} here, with xgx_g the gate.") == [
        (1, r"\frac{a}{b}", False), (1, "x_g", False)]


def test_markdown_is_not_guessed() -> None:
    """A Markdown post keeps its delimiters: TeX-looking text without them is not a formula."""
    text = "A line \\sigma(x) = 1 - \\sigma(-x) and xgx_g without delimiters.\n"
    assert extract_formulas(text) == []
    assert len(extract_text_formulas(text)) == 2


def test_the_suffix_decides(tmp_path: Path) -> None:
    text = "A line \\sigma(x) = 1 - \\sigma(-x) without delimiters, and $\\sigma(0) = \\frac12$.\n"
    for suffix, n in ((".md", 1), (".markdown", 1), (".mdx", 1), (".MD", 1), (".txt", 2), (".tex", 2), ("", 2)):
        p = tmp_path / f"doc{suffix}"
        p.write_text(text, encoding="utf-8")
        assert is_markdown(p) == (n == 1)
        assert len(check_file(p).formulas) == n, suffix
    md = tmp_path / "doc.md"
    assert check_file(md).to_json()["formulas"] == check_markdown(md).to_json()["formulas"]


# ---------------------------------------------------------------------------------------------
# the command line on plain text


def test_cli_checks_the_thread(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(seeds / "geglu-geometry.txt"), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert status in (0, 1)  # the thread's claims are checked, not trusted
    assert status == (1 if any(k["verdict"] == "fails" for f in out["formulas"] for k in f["links"]) else 0)
    assert [(f["line"], f["latex"]) for f in out["formulas"]] == [(n, t) for n, t, _ in THREAD]
    assert sum(out["summary"].values()) == sum(len(f["links"]) for f in out["formulas"])


def test_cli_exit_codes_for_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(POSTS / "softplus-notes.txt")]) == 1  # its slip fails
    out = capsys.readouterr().out
    assert out.startswith(f"{POSTS / 'softplus-notes.txt'}: 16 formulas\n")
    assert "line 20: \\text{softplus}'(x) = \\frac{1}{1 + e^{x}}\n  fails" in out
    true = tmp_path / "true.txt"
    true.write_text("We have $\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$ and \\tanh(x) = 2\\sigma(2x) - 1.\n",
                    encoding="utf-8")
    assert main(["check", str(true)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{true}: 2 formulas"


@pytest.mark.parametrize("name, content", [("empty.txt", b""), ("prose.txt", b"No formula here.\n"),
                                           ("bom.txt", b"\xef\xbb\xbfOnly words.\n")])
def test_cli_a_text_without_formulas(tmp_path: Path, name: str, content: bytes,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    assert main(["check", str(p)]) == 0
    assert capsys.readouterr().out == f"{p}: 0 formulas\nsummary: \n"


def test_cli_dev_null(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    assert main(["check", "/dev/null", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"file": "/dev/null", "formulas": [], "summary": {}}


@pytest.mark.parametrize("name, content, reason", [
    ("blob.txt", bytes(range(256)) * 4, "binary"),
    ("blob.md", b"$$a$$\x00\x01\x02", "binary"),
    ("latin1.txt", "Pr\xe9face: $x^2$".encode("latin-1"), "not UTF-8"),
    ("huge.txt", b"x_g " * (MAX_DOCUMENT_BYTES // 4 + 1), "larger than 1 MiB"),
    ("missing.txt", None, "No such file"),
    ("folder", "dir", "a folder holding no .md, .markdown or .txt file"),  # a folder stands for its posts
])
def test_cli_unreadable_files_exit_2_with_one_line(tmp_path: Path, name: str, content: bytes | str | None,
                                                   reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / name
    if content == "dir":
        p.mkdir()
    elif isinstance(content, bytes):
        p.write_bytes(content)
    t0 = time.monotonic()
    assert main(["check", str(p)]) == 2
    assert time.monotonic() - t0 < 5
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(f"glusym: error: cannot read {p}: ")
    assert reason in captured.err


def test_cli_binary_file_gives_no_traceback(tmp_path: Path) -> None:
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = subprocess.run([sys.executable, "-m", "glusym", "check", str(p)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"glusym: error: cannot read {p}: a binary file (it holds NUL bytes), not a text\n"


def test_cli_help_says_which_suffix_is_which(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert ".md, .markdown and .mdx as Markdown" in help_text
    assert ".txt and every other suffix as plain text" in help_text


# ---------------------------------------------------------------------------------------------
# safety and speed


def test_no_text_is_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "MARKER"
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    text = (f"${code}$ and $$x = {code}$$ and \\({code}\\)\n"
            f"bare \\sigma({code}) = 1 and x_{{{code}}} and {code}{code}\n")
    monkeypatch.chdir(tmp_path)
    report = check_plain_text(text, budget=2)
    assert report.formulas and not marker.exists()


def test_extraction_speed(thread: str) -> None:
    t0 = time.perf_counter()
    extract_text_formulas(thread)
    assert time.perf_counter() - t0 < 0.5
    # long lines of TeX, of copies, of syntax alone: bounded work per character
    for text in ("x_1 " * 20000, "\\alpha" * 20000, "xgx_g " * 5000, "{" * 20000 + "}" * 20000, "_^" * 20000,
                 "\\(" * 20000, "$" * 40000, ("a" * 79 + "\\alpha ") * 1000,
                 "|" * 200 + "x+" + "\\|" * 200 + "x="):  # optional symbols: no backtracking
        t0 = time.perf_counter()
        extract_text_formulas(text)
        assert time.perf_counter() - t0 < 5, text[:20]


def test_a_run_of_tex_too_long_for_a_formula_is_reported_not_read() -> None:
    from glusym.check.formula import MAX_FORMULA_CHARS

    text = "Intro.\n" + ("a" * 79 + "\\alpha ") * 100 + "\nand $\\sigma(0) = \\frac12$.\n"
    t0 = time.perf_counter()
    report = check_plain_text(text)
    assert time.perf_counter() - t0 < 5
    (long, short) = report.formulas
    assert len(long.latex) > MAX_FORMULA_CHARS and long.line == 2
    assert [k.verdict for k in long.links] == ["unparsed"] and "characters of TeX" in long.links[0].reason
    assert [k.verdict for k in short.links] == ["holds"]

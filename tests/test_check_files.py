"""`glusym check` over many files: discovery, parallel runs, exit statuses, the github, sarif and
junit formats, --fix and --diff, and the configuration (pyproject.toml, _config.yml)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from glusym.check.files import check_one, discover
from glusym.check.formats import to_github
from glusym.cli import main

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
FALSE = ("A slip in the derivative:\n\n$$\\sigma'(x) = \\sigma(x)(1+\\sigma(x))$$\n\n"
         "and a true one, $\\sigma(0) = \\frac12$.\n")


@pytest.fixture()
def posts(tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A blog's folder: the SwiGLU post, a post with a false formula, a .txt, and copies of the
    false post where they must be skipped (_site/, node_modules/, a dot-folder) or are not read
    (a .html); the working folder is tmp_path."""
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    shutil.copy(seeds / "swiglu-intuition.md", root / "_posts" / "swiglu-intuition.md")
    (root / "_posts" / "slip.md").write_text(FALSE, encoding="utf-8")
    (root / "notes.txt").write_text("Plain: $\\tanh(0) = 1$ and $$\\text{ReLU}(x) = \\max(0, x)$$\n", encoding="utf-8")
    for skipped in ("_site", "node_modules/katex", ".drafts", "vendor"):
        (root / skipped).mkdir(parents=True)
        (root / skipped / "slip.md").write_text(FALSE, encoding="utf-8")
    (root / "page.html").write_text(FALSE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_folder_is_its_posts_in_order_skipping_builds_and_dot_folders(posts: Path) -> None:
    found = [p.as_posix() for p in discover(["blog"])]
    assert found == ["blog/_posts/slip.md", "blog/_posts/swiglu-intuition.md", "blog/notes.txt"]
    assert [p.as_posix() for p in discover(["blog/_posts/*.md", "blog/notes.txt", "blog/_posts/slip.md"])] == \
        found  # a glob expanded here; each file once, sorted
    assert [p.as_posix() for p in discover(["blog"], exclude=["blog/_posts"])] == ["blog/notes.txt"]
    assert [p.as_posix() for p in discover(["blog"], exclude=["*.txt"])] == found[:2]


def test_jobs_2_prints_what_jobs_1_prints(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = _run(["check", "blog", "--jobs", "1"], capsys)
    two = _run(["check", "blog", "--jobs", "2"], capsys)
    assert one == two
    status, out, _ = one
    assert status == 1  # a link fails in two of the files
    heads = [line for line in out.splitlines() if line.startswith("blog/")]
    assert [h.split(":")[0] for h in heads] == ["blog/_posts/slip.md", "blog/_posts/swiglu-intuition.md", "blog/notes.txt"]
    last = out.splitlines()[-1]
    assert last.startswith("total: 3 files, ")
    slip = check_one("blog/_posts/slip.md", 5.0, 0.03).report
    assert slip is not None
    links = slip.summary["fails"]
    assert links == 1 and "fails 2" in last  # slip.md's one and notes.txt's tanh(0) = 1


def test_json_of_many_files_and_its_totals(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["check", "blog", "--format", "json", "-j", "2"], capsys)
    data = json.loads(out)
    assert status == 1
    assert [f["file"] for f in data["files"]] == ["blog/_posts/slip.md", "blog/_posts/swiglu-intuition.md", "blog/notes.txt"]
    total: dict[str, int] = {}
    for f in data["files"]:
        for v, n in f["summary"].items():
            total[v] = total.get(v, 0) + n
    assert data["summary"] == total


def test_a_single_file_prints_as_it_always_did(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from glusym.check.formula import check_file

    status, out, _ = _run(["check", "blog/_posts/slip.md"], capsys)
    assert status == 1
    assert out == check_file("blog/_posts/slip.md").to_text()
    assert "total:" not in out


def test_exit_statuses(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["check", "blog/_posts/swiglu-intuition.md", "blog/_posts/*.none"], capsys)[0] == 2
    status, out, err = _run(["check", "blog/missing.md", "blog/notes.txt"], capsys)
    assert (status, out) == (2, "") and err == "glusym: error: cannot read blog/missing.md: No such file or directory\n"
    assert _run(["check", "blog/_posts/swiglu-intuition.md"], capsys)[0] == 0
    assert _run(["check", "blog/_posts/swiglu-intuition.md", "blog/_posts/slip.md"], capsys)[0] == 1
    (posts / "bad.md").write_bytes(b"\xff\xfe not UTF-8 $x = x$")
    status, out, err = _run(["check", "blog/bad.md", "blog/_posts/swiglu-intuition.md"], capsys)
    assert status == 2 and "cannot read blog/bad.md: not UTF-8" in err and "total: 2 files (1 unreadable)" in out
    status, _, err = _run(["check", "blog", "--jobs", "0"], capsys)
    assert status == 2 and err == "glusym: error: --jobs must be at least 1, got 0\n"


def test_sarif_is_valid_sarif_2_1_0(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    status, out, _ = _run(["check", "blog", "--format", "sarif"], capsys)
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert status == 1 and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "glusym"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["formula-fails", "formula-unparsed", "formula-unknown"]
    fails = [r for r in run["results"] if r["ruleId"] == "formula-fails"]
    assert {r["level"] for r in fails} == {"error"}
    where = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              r["locations"][0]["physicalLocation"]["region"]["startLine"],
              r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in fails}
    text = (posts / "_posts" / "slip.md").read_text().splitlines()
    assert text[2].index("$$") + 1 == 1  # the display formula stands at the start of line 3
    assert where == {("blog/_posts/slip.md", 3, 1), ("blog/notes.txt", 1, 8)}  # "Plain: $" : column 8
    assert all("counterexample" in r["message"]["text"] for r in fails)
    # a schema that can fail: a result without a message is refused
    broken = json.loads(out)
    del broken["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_github_workflow_commands(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (posts / "odd, name: 100%.md").write_text("$$\\sigma(0) = 1 \\% 2$$\n\n$$\\frobnicate{x} = 1$$\n",
                                             encoding="utf-8")
    status, out, _ = _run(["check", "blog", "--format", "github"], capsys)
    assert status == 1
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert any(line.startswith("::error file=blog/_posts/slip.md,line=3,col=1,title=glusym%3A fails::fails: "
                               "\\sigma'(x) = \\sigma(x)(1+\\sigma(x))") and "counterexample: x = " in line
               and "what holds: " in line for line in errors)
    odd = [line for line in lines if "odd" in line]
    assert odd and all(line.split(",line=")[0].endswith("file=blog/odd%2C name%3A 100%25.md") for line in odd)
    assert any(line.startswith("::warning ") for line in odd)  # \frobnicate: not read
    assert all("\n" not in line for line in lines)


def test_github_escapes_data(posts: Path) -> None:
    from dataclasses import replace

    c = check_one("blog/_posts/slip.md", 5.0, 0.03)
    assert c.report is not None
    f = c.report.formulas[0]
    k = replace(f.links[0], reason="50% off\r\nnext")
    c2 = replace(c, report=replace(c.report, formulas=(replace(f, links=(k,)),)))
    (line,) = to_github([c2]).splitlines()
    assert "::fails: \\sigma'(x) = \\sigma(x)(1+\\sigma(x)); 50%25 off%0D%0Anext; counterexample" in line


def test_junit_parses_back(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (posts / "unread.md").write_text("$$\\frobnicate{x} = 1$$\n", encoding="utf-8")
    status, out, _ = _run(["check", "blog", "--format", "junit", "--jobs", "2"], capsys)
    root = ET.fromstring(out)
    assert status == 1 and root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["blog/_posts/slip.md", "blog/_posts/swiglu-intuition.md", "blog/notes.txt", "blog/unread.md"]
    slip = suites["blog/_posts/slip.md"]
    cases = slip.findall("testcase")
    assert slip.get("tests") == str(len(cases)) == "2" and slip.get("failures") == "1"
    assert cases[0].get("name", "").startswith("line 3:1: \\sigma'(x) = ") and cases[0].find("failure") is not None
    assert cases[1].find("failure") is None and cases[1].find("system-out") is not None
    unread = suites["blog/unread.md"]
    assert unread.get("skipped") == "1" and unread.find("testcase/skipped") is not None
    assert root.get("failures") == "2"


# ---------------------------------------------------------------------------------------------
# --fix and --diff (the real KaTeX of tests/katex, installed by the katex fixture)


@pytest.fixture()
def with_katex(katex: object) -> None:
    katex([("x", False)])  # type: ignore[operator]  # npm ci in tests/katex where needed


def test_diff_shows_the_fix_and_writes_nothing(posts: Path, with_katex: None, capsys: pytest.CaptureFixture[str]) -> None:
    before = (posts / "_posts" / "slip.md").read_text(encoding="utf-8")
    status, out, err = _run(["check", "blog/_posts/slip.md", "blog/notes.txt", "--diff"], capsys)
    assert status == 1
    assert (posts / "_posts" / "slip.md").read_text(encoding="utf-8") == before
    assert not (posts / "_posts" / "slip.md.bak").exists()
    assert "--- a/blog/_posts/slip.md\n+++ b/blog/_posts/slip.md\n" in out
    assert "-$$\\sigma'(x) = \\sigma(x)(1+\\sigma(x))$$\n" in out
    assert "+$$\\tanh(0) = 1" not in out and "+Plain: $\\tanh(0) = 0$" in out


def test_fix_writes_what_holds_and_keeps_a_backup(posts: Path, with_katex: None,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    slip = posts / "_posts" / "slip.md"
    before = slip.read_text(encoding="utf-8")
    status, out, err = _run(["check", "blog/_posts/slip.md", "--fix"], capsys)
    assert status == 0, out + err  # the report is of the fixed file: nothing fails
    assert "glusym: blog/_posts/slip.md: fixed 1 link (the original is blog/_posts/slip.md.bak)" in err
    assert (posts / "_posts" / "slip.md.bak").read_text(encoding="utf-8") == before
    after = slip.read_text(encoding="utf-8")
    assert after != before and after.count("\n") == before.count("\n")
    report = check_one("blog/_posts/slip.md", 5.0, 0.03).report  # checked again, from the file
    assert report is not None and not report.failed
    assert [k.verdict for _, k in report.links()] == ["holds", "holds"]


def test_fix_leaves_a_file_with_an_unparsed_formula_alone(posts: Path, with_katex: None,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    mixed = posts / "mixed.md"
    mixed.write_text(FALSE + "\n$$\\frobnicate{x} = 1$$\n", encoding="utf-8")
    before = mixed.read_text(encoding="utf-8")
    status, out, err = _run(["check", "blog/mixed.md", "--fix"], capsys)
    assert status == 1 and mixed.read_text(encoding="utf-8") == before and not (posts / "mixed.md.bak").exists()
    assert "glusym: blog/mixed.md: not fixed: 1 unparsed link: its formulas could not all be read" in err


def test_fix_refuses_without_katex(posts: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(posts))  # no node on it
    before = (posts / "_posts" / "slip.md").read_text(encoding="utf-8")
    status, out, err = _run(["check", "blog/_posts/slip.md", "--fix"], capsys)
    assert (status, out) == (2, "") and "node is not installed: nothing fixed" in err
    assert (posts / "_posts" / "slip.md").read_text(encoding="utf-8") == before


def test_fix_refuses_a_suggestion_that_does_not_render(posts: Path, with_katex: None) -> None:
    """A suggestion KaTeX cannot render (\\operatorname*{…} forced through a macro KaTeX lacks) is not written."""
    from dataclasses import replace

    from glusym.check.fix import KaTeX, fix_file

    c = check_one("blog/_posts/slip.md", 5.0, 0.03)
    assert c.report is not None
    f = c.report.formulas[0]
    bad = replace(f.links[0], suggestion="\\sigma(x)\\sigma(-x)\\tabular")
    c2 = replace(c, report=replace(c.report, formulas=(replace(f, links=(bad,)), *c.report.formulas[1:])))
    fixed = fix_file(c2, (posts / "_posts" / "slip.md").read_text(encoding="utf-8"), KaTeX(), 5.0, 0.03)
    assert fixed.new is None and any("does not" in why for why in fixed.refused)
    wrong = replace(f.links[0], suggestion="\\sigma(x)^2")  # renders, and is false
    c3 = replace(c, report=replace(c.report, formulas=(replace(f, links=(wrong,)), *c.report.formulas[1:])))
    fixed = fix_file(c3, (posts / "_posts" / "slip.md").read_text(encoding="utf-8"), KaTeX(), 5.0, 0.03)
    assert fixed.new is None and any("does not hold when checked again" in why for why in fixed.refused)


# ---------------------------------------------------------------------------------------------
# configuration


def test_pyproject_sets_the_defaults_and_the_command_line_overrides(posts: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.glusym]\nexclude = ["blog/_posts"]\napprox_tol = 0.5\n',
                                             encoding="utf-8")
    status, out, _ = _run(["check", "blog", "--format", "json"], capsys)
    assert [f["file"] for f in json.loads(out)["files"]] == ["blog/notes.txt"]
    approx = posts / "approx.md"
    approx.write_text("$$\\text{GELU}(x) \\approx x\\sigma(x)$$\n", encoding="utf-8")  # error about 0.2
    assert _run(["check", "blog/approx.md"], capsys)[0] == 0  # within the configured 0.5
    assert _run(["check", "blog/approx.md", "--approx-tol", "0.03"], capsys)[0] == 1


def test_jekyll_config_is_read(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (posts / "_config.yml").write_text("title: a blog\nglusym:\n  exclude:\n    - '*.txt'\n  jobs: 2\n",
                                       encoding="utf-8")
    import os

    os.chdir(posts)
    status, out, _ = _run(["check", ".", "--format", "json"], capsys)
    assert [f["file"] for f in json.loads(out)["files"]] == ["_posts/slip.md", "_posts/swiglu-intuition.md"]


@pytest.mark.parametrize("name, text, said", [
    ("pyproject.toml", "[tool.glusym]\nbudgett = 3\n", "pyproject.toml: unknown key 'budgett' in the glusym settings"),
    ("pyproject.toml", "[tool.glusym]\nbudget = 0\n", "pyproject.toml: budget must be more than 0"),
    ("pyproject.toml", "[tool.glusym]\nbudget = 'fast'\n", "pyproject.toml: budget must be a number, not 'fast'"),
    ("pyproject.toml", "[tool.glusym]\napprox_tol = -1\n", "pyproject.toml: approx_tol must be a nonnegative number"),
    ("pyproject.toml", "[tool.glusym]\njobs = 1.5\n", "pyproject.toml: jobs must be a whole number"),
    ("pyproject.toml", "[tool.glusym]\nexclude = 3\n", "pyproject.toml: exclude must be a list of globs"),
    ("pyproject.toml", "[tool.glusym\n", "pyproject.toml: not valid TOML"),
    ("_config.yml", "glusym:\n  colour: red\n", "_config.yml: unknown key 'colour'"),
    ("_config.yml", "glusym:\n  budget: .nan\n", "_config.yml: budget must be a number"),
    ("_config.yml", "glusym: [1, 2]\n", "_config.yml: glusym: must be a table of settings"),
    ("_config.yml", "glusym: !!python/object:os.system {}\n", "_config.yml: not valid YAML"),
])
def test_a_bad_configuration_is_one_line_naming_file_and_key(posts: Path, tmp_path: Path, name: str, text: str,
                                                             said: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    status, out, err = _run(["check", "blog/notes.txt"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("glusym: error: ") and str(tmp_path / name) + ": " in err and said.split(": ", 1)[1] in err
    assert err.count("\n") == 1


# ---------------------------------------------------------------------------------------------
# the README's check examples are what the commands print


README = Path(__file__).resolve().parents[1] / "README.md"


def _shown(command: str) -> str:
    import re

    blocks = [b for b in re.findall(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
              if b.startswith(f"$ {command}\n")]
    assert len(blocks) == 1, f"README shows `{command}` once"
    return blocks[0][len(command) + 3:]


def test_readme_many_files_example(seeds: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import re

    monkeypatch.chdir(README.parent)
    shown = _shown("python -m glusym check docs ../shared/seeds --jobs 2 | grep -E '^(\\S+: [0-9]+ formulas|total)'")
    assert main(["check", "docs", "../shared/seeds", "--jobs", "2"]) == 1
    out = capsys.readouterr().out
    assert "".join(line + "\n" for line in out.splitlines() if re.match(r"^(\S+: [0-9]+ formulas|total)", line)) == shown


@pytest.mark.parametrize("options", [["--format", "github"], ["--diff"]])
def test_readme_format_and_diff_examples(options: list[str], with_katex: None, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(README.parent)
    shown = _shown("python -m glusym check docs/example-post.md " + " ".join(options))
    before = (README.parent / "docs" / "example-post.md").read_bytes()
    assert main(["check", "docs/example-post.md", *options]) == 1
    assert capsys.readouterr().out == shown
    assert (README.parent / "docs" / "example-post.md").read_bytes() == before


@pytest.mark.parametrize("tty, disable, shown", [(True, None, True), (True, "1", False), (False, None, False)])
def test_progress_bar_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool,
                                         disable: str | None, shown: bool) -> None:
    import io
    import sys

    from glusym.check.files import check_many

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    for i in range(4):
        (tmp_path / f"p{i}.md").write_text(f"$\\sigma(0) = \\frac{{{i + 1}}}{{2}}$\n", encoding="utf-8")
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    if disable is not None:
        monkeypatch.setenv("TQDM_DISABLE", disable)
    err = Stream()
    monkeypatch.setattr(sys, "stderr", err)
    results = check_many(sorted(tmp_path.glob("*.md")), 5.0, 0.03, 1)
    assert [r.report.failed for r in results if r.report] == [False, True, True, True]  # σ(0) = 1/2 only
    assert ("0/4 [" in err.getvalue()) is shown  # the bar, at its start (tqdm throttles the rest)


def test_quiet_prints_only_the_problems_one_line_each(tmp_path: Path) -> None:
    """``check --quiet`` (or ``glusym --quiet check``): PATH:LINE:COL: and the message, for each link
    that fails, is unparsed or unknown; nothing for a post whose formulas hold; the same exit status."""
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("A post.\n\n$$\\sigma(x) + \\sigma(-x) = 1$$\n", encoding="utf-8")
    bad.write_text("Intro.\n\nIts derivative is $\\sigma'(x) = \\sigma(x)(1 + \\sigma(x))$, see.\n", encoding="utf-8")
    for argv in (["check", "--quiet", str(good), str(bad)], ["--quiet", "check", str(good), str(bad)]):
        out = subprocess.run([sys.executable, "-m", "glusym", *argv], capture_output=True, text=True, timeout=300)
        assert out.returncode == 1, out.stderr
        lines = out.stdout.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{bad}:3:") and ": fails: " in lines[0], lines
        assert "counterexample" in lines[0]
    out = subprocess.run([sys.executable, "-m", "glusym", "check", "-q", str(good)], capture_output=True, text=True,
                         timeout=300)
    assert (out.returncode, out.stdout) == (0, "")


def test_the_approximation_interval_from_the_command_line_and_the_configuration(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """GELU(x) ≈ xσ(1.702x) is off by 0.0203 on the default [-6, 6] and by 0.0064 on [-1, 1]: at a
    tolerance of 0.01 it fails on the first and holds on the second, set by --approx-interval or
    by approx_interval in [tool.glusym]; the flag overrides the file; a bad interval is exit 2."""
    post = tmp_path / "p.md"
    post.write_text("A post.\n\n$$\\mathrm{GELU}(x) \\approx x\\sigma(1.702x)$$\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(post), "--approx-tol", "0.01", "-j", "1"]) == 1
    assert main(["check", str(post), "--approx-tol", "0.01", "--approx-interval", "-1", "1", "-j", "1"]) == 0
    (tmp_path / "pyproject.toml").write_text("[tool.glusym]\napprox_tol = 0.01\napprox_interval = [-1, 1]\n")
    assert main(["check", str(post), "-j", "1"]) == 0
    assert main(["check", str(post), "--approx-interval", "-6", "6", "-j", "1"]) == 1  # the flag wins
    assert main(["check", str(post), "--approx-interval", "1", "-1", "-j", "1"]) == 2
    for bad in ("[1]", "[2, 1]", "['a', 1]", "3"):
        (tmp_path / "pyproject.toml").write_text(f"[tool.glusym]\napprox_interval = {bad}\n")
        assert main(["check", str(post), "-j", "1"]) == 2


def test_fix_rechecks_with_the_configured_interval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_katex: None,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The re-check of --fix uses the interval the file was checked with: GELU ≈ xσ(1.702x) holds
    on [-1, 1] at 0.01; re-checked on the default [-6, 6] it would newly fail, and the fix of the
    other formula would be refused."""
    post = tmp_path / "p.md"
    post.write_text("A post.\n\n$$\\mathrm{GELU}(x) \\approx x\\sigma(1.702x)$$\n\n"
                    "$$\\sigma'(x) = \\sigma(x)(1+\\sigma(x))$$\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, err = _run(["check", "p.md", "--approx-tol", "0.01", "--approx-interval", "-1", "1", "-j", "1",
                             "--fix"], capsys)
    assert status == 0, out + err
    assert "fixed 1 link" in err
    assert main(["check", "p.md", "--approx-tol", "0.01", "--approx-interval", "-1", "1", "-j", "1"]) == 0

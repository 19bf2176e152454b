"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself as a user's repository
runs them: a post with a false formula fails naming it, a true one passes, and the two documents
are checked in under 3 s once pre-commit has installed the hook's environment (a venv with glusym
and its dependencies from PyPI, about a minute, once a session; reused across sessions while the
commit is the same)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml  # pre-commit's own dependency

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
#: Seconds the hooks may take on both documents, after the one-time environment install.
TARGET = 3.0

FALSE_POST = "# A post\n\nThe derivative of the sigmoid:\n\n$$\\sigma'(x) = \\sigma(x)(1 + \\sigma(x))$$\n"
TRUE_POST = "# A post\n\nThe derivative of the sigmoid:\n\n$$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$$\n"


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _hook_repository(tmp: Path) -> tuple[Path, str]:
    """(a git repository holding this working tree, its commit): the clone itself at HEAD when
    nothing is uncommitted (so pre-commit's environment is reused across sessions), else a
    snapshot of the tracked and untracked, not ignored, files committed in ``tmp``."""
    if not _git(ROOT, "status", "--porcelain"):
        return ROOT, _git(ROOT, "rev-parse", "HEAD")
    snapshot = tmp / "glusym"
    for name in _git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")
    return snapshot, _git(snapshot, "rev-parse", "HEAD")


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRE_COMMIT, "run", *args], cwd=repo, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture(scope="session")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A user's repository whose .pre-commit-config.yaml uses both hooks of this repository, with
    the hook environment installed."""
    tmp = tmp_path_factory.mktemp("precommit")
    hook_repo, rev = _hook_repository(tmp)
    repo = tmp / "blog"
    repo.mkdir()
    _git(repo, "init", "-q")
    config = {"repos": [{"repo": str(hook_repo), "rev": rev,
                         "hooks": [{"id": "glusym-check"}, {"id": "glusym-check-text"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    install = subprocess.run([*PRE_COMMIT, "install-hooks"], cwd=repo, capture_output=True, text=True, timeout=1800)
    assert install.returncode == 0, install.stdout + install.stderr
    yield repo


def test_the_hooks_file_declares_the_check() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"glusym-check", "glusym-check-text"}
    for hook in hooks.values():
        assert hook["entry"] == "glusym check" and hook["language"] == "python" and hook["pass_filenames"] is True
    assert hooks["glusym-check"]["types"] == ["markdown"]
    assert hooks["glusym-check-text"]["files"] == r"\.txt$"


def test_a_false_formula_fails_the_commit_naming_it(user_repo: Path) -> None:
    post = user_repo / "false-post.md"
    post.write_text(FALSE_POST, encoding="utf-8")
    r = _run(user_repo, "glusym-check", "--files", post.name)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Failed" in r.stdout
    assert "\\sigma(x)(1 + \\sigma(x))" in r.stdout  # the false formula, named in the hook's output


def test_a_true_formula_passes(user_repo: Path) -> None:
    post = user_repo / "true-post.md"
    post.write_text(TRUE_POST, encoding="utf-8")
    r = _run(user_repo, "glusym-check", "--files", post.name)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout


def test_the_markdown_hook_leaves_a_text_file_alone(user_repo: Path) -> None:
    notes = user_repo / "notes.txt"
    notes.write_text(FALSE_POST, encoding="utf-8")
    md = _run(user_repo, "glusym-check", "--files", notes.name)
    assert md.returncode == 0 and "no files to check" in md.stdout, md.stdout
    text = _run(user_repo, "glusym-check-text", "--files", notes.name)
    assert text.returncode == 1 and "\\sigma(x)(1 + \\sigma(x))" in text.stdout, text.stdout


def test_both_documents_are_checked_in_under_3_seconds(user_repo: Path, seeds: Path) -> None:
    for name in ("swiglu-intuition.md", "geglu-geometry.txt"):
        shutil.copy2(seeds / name, user_repo / name)
    times = []
    for _ in range(2):  # the faster of two runs: the second finds the files in the page cache, as a commit does
        start = time.perf_counter()  # one commit that changes both: each hook gets its file
        r = _run(user_repo, "--files", "swiglu-intuition.md", "geglu-geometry.txt")
        times.append(time.perf_counter() - start)
        assert r.returncode in (0, 1), r.stdout + r.stderr
    seconds = min(times)
    print(f"pre-commit on both documents: {', '.join(f'{t:.2f}' for t in times)} s (target {TARGET} s)")
    lines = [line for line in r.stdout.splitlines() if line.startswith("glusym check (")]
    assert len(lines) == 2 and not any("Skipped" in line for line in lines), r.stdout  # both checked, pass or fail
    assert seconds < TARGET, f"pre-commit took {seconds:.2f} s on the two documents (target {TARGET} s)"

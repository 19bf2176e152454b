"""Shared fixtures: where the documents are, and the catalogue tables."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

#: The test files whose tests take more than 5 s in all on this project's 2-core machine (measured
#: with `python -m pytest --durations=0`, summed per file); their tests are marked ``slow``, so that
#: `python -m pytest -m "not slow"` is a quick loop (under a minute). CI runs everything.
SLOW = frozenset({
    "test_steady.py", "test_range.py", "test_plaintext.py", "test_kramdown.py", "test_notebook.py",
    "test_parameters.py", "test_figures_orders.py", "test_check_files.py", "test_cache.py", "test_suggest.py",
    "test_soundness_corpus.py", "test_plotting.py", "test_integrals.py", "test_budget.py", "test_display.py",
    "test_claims.py", "test_numpy_accuracy.py", "test_cli.py", "test_precommit.py", "test_sampling.py",
    "test_derivations.py", "test_slider_browser.py", "test_figures_render.py", "test_relations.py",
    "test_hostile.py", "test_corpus.py", "test_depth.py", "test_cli_usage.py", "test_check.py", "test_extremes.py",
    "test_numpy_properties.py",
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = sorted(n for n in SLOW if not (Path(__file__).parent / n).exists())
    if missing:  # a renamed file would silently join the quick loop
        raise pytest.UsageError(f"tests/conftest.py SLOW names files that do not exist: {', '.join(missing)}")
    for item in items:
        if item.path.name in SLOW:
            item.add_marker(pytest.mark.slow)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of the two documents (``../shared/seeds``); skipped, saying so, where absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the documents folder {SEEDS} is absent (a user's clone); CI always has it")
    return SEEDS


# ---------------------------------------------------------------------------------------------
# the KaTeX harness: the real KaTeX (pinned in tests/katex), one node process renders a whole batch

KATEX = ROOT / "tests" / "katex"


@functools.lru_cache(maxsize=1)
def _katex_node() -> Path:
    """node, with tests/katex's pinned KaTeX installed (``npm ci``) where it is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed to run the real KaTeX (tests/katex): install Node.js >= 18")
    if not (KATEX / "node_modules" / "katex").is_dir():
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=KATEX, capture_output=True, text=True)
        if r.returncode != 0:
            pytest.fail(f"npm ci in {KATEX} failed:\n{r.stderr[-2000:]}")
    return Path(node)


def _katex_render(formulas: list[tuple[str, bool]]) -> list[str | None]:
    """Render every (tex, display) with katex.renderToString(throwOnError); None or the error."""
    node = _katex_node()
    payload = json.dumps([{"tex": t, "display": d} for t, d in formulas])
    r = subprocess.run([str(node), str(KATEX / "render.js")], input=payload, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert len(out) == len(formulas)
    return [None if o["ok"] else o["error"] for o in out]


@pytest.fixture(scope="session")
def katex() -> Callable[[list[tuple[str, bool]]], list[str | None]]:
    """The KaTeX renderer: ``katex([(tex, display), ...])`` gives None or KaTeX's error for each."""
    return _katex_render


def _apt(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(["apt-get", *args], capture_output=True, text=True, env=env, timeout=1200)


def debian_program(package: str, program: Path) -> str:
    """``program``, installed from Debian's ``package`` with apt-get when missing (root, as on CI's
    fresh machine; ``apt-get update`` first when the package lists are stale); the test fails,
    never skips, when it cannot be installed."""
    if not program.exists():
        started = time.monotonic()
        r = _apt("install", "-y", "--no-install-recommends", package)
        if r.returncode != 0:
            u = _apt("update")
            if u.returncode != 0:
                pytest.fail(f"apt-get update failed ({u.returncode}):\n{(u.stderr or u.stdout)[-1500:]}")
            r = _apt("install", "-y", "--no-install-recommends", package)
            if r.returncode != 0:
                pytest.fail(f"apt-get install {package} failed ({r.returncode}):\n{(r.stderr or r.stdout)[-1500:]}")
        print(f"installed {package} in {time.monotonic() - started:.0f} s")
    if not program.exists():
        pytest.fail(f"apt-get installed {package} but {program} is missing")
    return str(program)


#: Debian's Chromium, driven through playwright's Python package (its own browser download cannot
#: work here: the machine reaches package registries only).
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium() -> str:
    """/usr/bin/chromium, installed from Debian's packages when missing (about 25 s, more with apt-get update)."""
    debian_program("chromium", CHROMIUM)
    return str(CHROMIUM)


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    """A headless Chromium, one a test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True, timeout=60_000)
        try:
            yield b
        finally:
            b.close()

"""Shared fixtures: where the documents are, and the catalogue tables."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of the two documents (``../shared/seeds``); skipped, saying so, where absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the documents folder {SEEDS} is absent (a user's clone); CI always has it")
    return SEEDS

"""Shared fixtures: a mirror-backed environment and one loaded store per test session.

Tests read upstream files from ``DYADWATCH_MIRROR`` (``.ci/run`` points it at
``../shared/data/mirror``); without it they download and verify, like a user would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyadwatch.store import Store
from dyadwatch.store.catalog import load

MIRROR = os.environ.get("DYADWATCH_MIRROR")


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The mirror folder itself, for tests that copy or damage it (others just use the registry)."""
    if not MIRROR:
        pytest.skip("DYADWATCH_MIRROR is not set (CI sets it to ../shared/data/mirror)")
    return Path(MIRROR)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB store with the foundation tables loaded once for the whole session."""
    path = tmp_path_factory.mktemp("store") / "dyadwatch.duckdb"
    with Store(path) as s:
        load(s, ["countries", "unga_votes", "unga_roll_calls", "unga_issues", "unga_ideal_points"])
    return path


@pytest.fixture()
def store(store_path: Path):
    with Store(store_path) as s:
        yield s


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user cache or default store from a test."""
    monkeypatch.setenv("DYADWATCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DYADWATCH_DB", str(tmp_path / "default.duckdb"))

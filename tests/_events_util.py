"""Helpers shared by the event-engine tests: real fixture paths and quick store builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dyadwatch.events.ingest import ingest
from dyadwatch.store import Store

ICEWS_FIXTURE = "icews_events_20180601-20180602_RUS_PRK_subset.tab"
GDELT_FIXTURE = "gdelt2_events_export_20241029231500_excerpt_PRK_RUS_rows.tsv"


def fixtures_dir() -> Path:
    """The shared real-data excerpts (next to the mirror unless DYADWATCH_FIXTURES says otherwise)."""
    value = os.environ.get("DYADWATCH_FIXTURES")
    mirror = os.environ.get("DYADWATCH_MIRROR")
    folder = Path(value) if value else Path(mirror).parent / "fixtures" if mirror else None
    if folder is None or not folder.is_dir():
        pytest.skip("the shared fixtures folder is not available (set DYADWATCH_FIXTURES)")
    return folder


def fixture(name: str) -> Path:
    return fixtures_dir() / name


def ingested_store(tmp_path: Path, items: list) -> Store:
    """A fresh store in ``tmp_path`` with ``items`` ingested."""
    store = Store(tmp_path / "events.duckdb")
    ingest(store, items)
    return store

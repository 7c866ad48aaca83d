"""Helpers shared by the event-engine tests: real fixture paths and quick store builders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def crash_on_rename(n: int = 3) -> Iterator[None]:
    """A simulated crash: ``os.replace`` raises KeyboardInterrupt on its ``n``-th call in the block,
    which must end in that crash (the store's and the rollup's atomic renames go through it)."""
    real, calls = os.replace, [0]

    def flaky(src, dst) -> None:
        calls[0] += 1
        if calls[0] == n:
            raise KeyboardInterrupt("simulated crash")
        real(src, dst)

    os.replace = flaky
    try:
        with pytest.raises(KeyboardInterrupt):
            yield
    finally:
        os.replace = real

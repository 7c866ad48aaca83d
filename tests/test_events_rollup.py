"""The event rollup: the index read from it equals the index read from every event, for every
option; it follows new ingests partition by partition; a crash while building it loses nothing."""

from __future__ import annotations

import itertools
from pathlib import Path

import ibis.expr.types as ir
import pandas as pd
import pytest

from dyadwatch.events import rollup
from dyadwatch.events.api import CURATED_TABLE, SOURCES, _has_curated, _tidy, event_index_all
from dyadwatch.events.ingest import ingest
from dyadwatch.events.store import EventStore
from dyadwatch.indicators.events import cooperation_conflict, prepare
from dyadwatch.store import Store

from _events_util import GDELT_FIXTURE, ICEWS_FIXTURE, crash_on_rename, fixture, ingested_store

ITEMS = ["gdelt2_events_export_sample", "gdelt1_events_sample"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, mirror: Path):
    s = ingested_store(tmp_path_factory.mktemp("rollup"), [fixture(ICEWS_FIXTURE), *ITEMS])
    yield s
    s.close()


def _per_event(store: Store, source: str) -> ir.Table:
    """The index input without any rollup: every event and curated record as its own row."""
    machine = [d for d in SOURCES[source] if d != "curated"]
    ev = prepare(store.table("events"), types=False)
    rows = ev.filter(ev.dataset.isin(machine))
    if "curated" in SOURCES[source] and _has_curated(store):
        rows = rows.union(prepare(store.table(CURATED_TABLE), dataset="curated", types=False), distinct=False)
    return rows


def _assert_rollup_equals_events(store: Store, source: str, **options) -> pd.DataFrame:
    via_rollup = event_index_all(source=source, store=store, **options)
    args = {"freq": options.get("freq", "month"), "weight": options.get("weight"),
            "include_near_duplicates": options.get("include_near_duplicates", False)}
    direct = _tidy(cooperation_conflict(_per_event(store, source), **args).to_pandas())
    pd.testing.assert_frame_equal(via_rollup, direct, check_exact=False, rtol=1e-12, atol=1e-12)
    return via_rollup


@pytest.mark.parametrize(("freq", "weight", "near"), list(itertools.product(("day", "month", "year"), (None, "mentions"), (False, True))))
def test_rollup_index_equals_per_event_index(store: Store, freq: str, weight: str | None, near: bool) -> None:
    for source in ("gdelt", "icews", "all"):
        out = _assert_rollup_equals_events(store, source, freq=freq, weight=weight, include_near_duplicates=near)
        assert len(out) > 0


def test_rollup_is_smaller_and_rebuilt_only_when_a_partition_changes(tmp_path: Path, mirror: Path) -> None:
    s = ingested_store(tmp_path, ["gdelt2_events_export_sample"])
    es = EventStore(s)
    built = rollup.refresh(es)
    partitions = len(list(es.data.glob("*/*")))
    assert built == partitions > 1 and rollup.refresh(es) == 0
    n_events, n_day, n_month = (s.con.execute(f"SELECT count(*) FROM {v}").fetchall()[0][0]
                                for v in ("events", "event_rollup_day", "event_rollup_month"))
    assert n_month < n_day < n_events
    before = _files(es)
    ingest(s, [fixture(GDELT_FIXTURE)])  # new GDELT 2.0 rows, partly in months already stored
    changed = [p for p, files in _files(es).items() if before.get(p) != files]
    assert rollup.refresh(es) == len(changed) > 0
    assert len(changed) < len(_files(es))
    _assert_rollup_equals_events(s, "gdelt", freq="day")
    s.close()


def _files(es: EventStore) -> dict[Path, list[str]]:
    return {p: sorted(f.name for f in p.glob("*.parquet")) for p in es.data.glob("*/*")}


def test_crash_while_building_the_rollup_then_rebuilt(tmp_path: Path, mirror: Path) -> None:
    """A crash between writing a rollup file and renaming it: the next read finishes the job."""
    s = ingested_store(tmp_path, ITEMS)
    es = EventStore(s)
    with crash_on_rename():
        rollup.refresh(es)
    assert list(es.rollup.glob(f"*/*/{rollup.TMP_PREFIX}*"))  # the half-done write is visible...
    assert rollup.refresh(es) >= 1
    assert not list(es.rollup.glob(f"*/*/{rollup.TMP_PREFIX}*"))  # ...and cleaned up
    for path in es.rollup.glob("*/*/*.parquet"):
        assert rollup.recorded(path) == rollup.signature(es.data / path.parent.relative_to(es.rollup))
    _assert_rollup_equals_events(s, "gdelt", freq="month", weight="mentions")
    s.close()


def test_actor_type_filter_reads_the_events(store: Store) -> None:
    """The rollup has no actor types: a type filter must not be silently ignored."""
    gov = event_index_all(freq="year", source="gdelt", actor_type=["GOV"], store=store)
    plain = event_index_all(freq="year", source="gdelt", store=store)
    assert 0 < gov.n_events.sum() < plain.n_events.sum()
    with pytest.raises(ValueError, match="actor-type"):
        cooperation_conflict(prepare(store.table("events"), types=False), source_types=["GOV"])

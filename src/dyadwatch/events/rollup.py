"""The event store's daily rollup: one small Parquet file per dataset/month partition.

Layout next to the event partitions::

    <db stem>.events/rollup/dataset=<ds>/month=<YYYY-MM>/{day,month}.parquet

Each file holds :func:`dyadwatch.indicators.events.rollup` of its partition: additive sums per
day (``day.parquet``) or month (``month.parquet``), dyad, dataset and near-duplicate flag.  The
index reads these instead of every event: on the benchmark's GDELT-like data the daily rollup
has a fifth of the events' rows, the monthly one about a twentieth.

Why rebuilt lazily, per partition, rather than written at ingest:

* An event file, once published, is never rewritten (each is named after its input's sha256),
  so the list of a partition's files — name, size, mtime — identifies its content.  That list's
  hash is recorded in the rollup file's metadata; a partition whose list differs is rebuilt
  before the index reads it, and only that partition.
* One file per partition stays fully aggregated.  Per-ingest rollups would add a file and
  barely aggregate for every 15-minute GDELT export.
* Ingest, its speed and its crash safety are untouched, and stores written by other means
  (the benchmark writes Parquet directly) are covered too.
* Crash safety: a rollup is written to a hidden temporary file and renamed over the old one.
  A crash leaves the old rollup, whose recorded list no longer matches, so it is rebuilt on
  the next read; leftover temporary files are deleted then.  Only one process can open the
  store's DuckDB file, so no two processes rebuild at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.events.store import EventStore
from dyadwatch.indicators.events import prepare, rollup

#: Bump when the rollup's definition changes: every partition is then rebuilt.
VERSION = "1"
META_KEY = b"dyadwatch.rollup"
#: One file per grain: ``day`` serves every index, ``month`` (dates = first of the month) monthly and yearly ones.
GRAINS = ("day", "month")
TMP_PREFIX = ".rollup-"


def signature(partition: Path) -> str:
    """Hash of the partition's event files (name, size, mtime) and the rollup version."""
    h = hashlib.sha256(VERSION.encode())
    for f in sorted(partition.glob("*.parquet")):
        st = f.stat()
        h.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def recorded(path: Path) -> str | None:
    """The signature a rollup file was built from; None if it is missing or unreadable."""
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    return meta.get(META_KEY, b"").decode() or None


def _paths(es: EventStore, partition: Path) -> dict[str, Path]:
    folder = es.rollup / partition.relative_to(es.data)
    return {grain: folder / f"{grain}.parquet" for grain in GRAINS}


def stale(es: EventStore, partition: Path, sig: str) -> bool:
    return any(recorded(path) != sig for path in _paths(es, partition).values())


def build(es: EventStore, partition: Path, sig: str) -> None:
    """Aggregate one partition into its rollup files (temporary files, then atomic renames).

    The daily rollup is computed from the events once, the monthly one from the daily."""
    dataset = partition.parent.name.split("=", 1)[1]
    con, backend = es.store.con, es.store.ibis
    con.execute("SET enable_progress_bar = false")
    con.execute(f"CREATE OR REPLACE TEMP VIEW _rollup_partition AS SELECT * FROM read_parquet("
                f"'{partition}/*.parquet', hive_partitioning = false)")
    daily = rollup(prepare(backend.table("_rollup_partition"), dataset=dataset, types=False))
    con.execute(f"CREATE OR REPLACE TEMP TABLE _rollup_day AS {backend.compile(daily)}")
    exprs = {"day": backend.table("_rollup_day"), "month": rollup(backend.table("_rollup_day"), "month")}
    try:
        for grain, path in _paths(es, partition).items():
            _write(con.sql(str(backend.compile(exprs[grain]))).to_arrow_table(), path, sig)
    finally:
        con.execute("DROP TABLE _rollup_day")
        con.execute("DROP VIEW _rollup_partition")


def _write(table: pa.Table, target: Path, sig: str) -> None:
    # Dates as dates in both grains (DuckDB's month truncation gives a timestamp).  Sorted by
    # dyad: compresses better and lets a one-dyad query skip row groups.
    table = table.set_column(table.schema.get_field_index("date"), "date", table["date"].cast(pa.date32()))
    table = table.drop_columns(["dataset"]).sort_by([("source_iso3", "ascending"), ("target_iso3", "ascending"),
                                                      ("date", "ascending"), ("near_duplicate", "ascending")])
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f"{TMP_PREFIX}{target.stem}-{os.getpid()}.tmp"
    pq.write_table(table.replace_schema_metadata({META_KEY: sig.encode()}), tmp, row_group_size=1 << 17)
    os.replace(tmp, target)


def refresh(es: EventStore) -> int:
    """Bring every partition's rollup up to date with its event files; returns how many were rebuilt."""
    for tmp in es.rollup.glob(f"*/*/{TMP_PREFIX}*"):
        tmp.unlink()
    live: set[Path] = set()
    built = 0
    for partition in sorted(es.data.glob("*/*")):
        if not any(partition.glob("*.parquet")):
            continue
        live.add(partition.relative_to(es.data))
        sig = signature(partition)
        if stale(es, partition, sig):
            build(es, partition, sig)
            built += 1
    for folder in es.rollup.glob("*/*"):
        if folder.relative_to(es.rollup) not in live:
            shutil.rmtree(folder)
    es.refresh_view()
    return built

"""The event store: Parquet partitioned by dataset and month, registered in DuckDB.

Layout next to the DuckDB file ``<db>``::

    <db stem>.events/data/dataset=<ds>/month=<YYYY-MM>/<file_id>_<i>.parquet
    <db stem>.events/staging/<file_id>/...       (work in progress of one input file)
    <db stem>.events/rollup/dataset=<ds>/month=<YYYY-MM>/{day,month}.parquet   (derived: events.rollup)

Crash safety is a redo log in miniature.  An input file is parsed and deduplicated into its
staging folder; then *one* DuckDB transaction records the file (``event_files``), its keys
(``event_keys``) and its quarantined lines; only after that commit are the staged Parquet
files renamed into ``data/``.  On the next open, a staging folder whose file is committed is
rolled forward (its remaining renames finished) and any other staging folder is deleted.
So a SIGKILL at any instant, followed by a rerun, gives exactly the store a clean run gives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dyadwatch.errors import NotLoaded
from dyadwatch.events import quarantine
from dyadwatch.store import Store

DDL = [
    """CREATE TABLE IF NOT EXISTS event_files (
        file_id VARCHAR PRIMARY KEY, dataset VARCHAR, origin_file VARCHAR, rows_read BIGINT,
        rows_stored BIGINT, duplicate_ids BIGINT, near_duplicates BIGINT, quarantined BIGINT,
        ingested_at TIMESTAMP, seq BIGINT)""",
    "CREATE TABLE IF NOT EXISTS event_keys (dataset VARCHAR, event_id VARCHAR, signature UBIGINT)",
    quarantine.DDL,
    """CREATE TABLE IF NOT EXISTS event_mentions (
        event_id VARCHAR, event_time TIMESTAMP, mention_time TIMESTAMP, mention_type TINYINT,
        mention_source VARCHAR, mention_url VARCHAR, confidence INTEGER, doc_tone DOUBLE,
        origin_file VARCHAR, origin_line BIGINT)""",
]

#: The columns hashed into the content checksum (everything a user can see).
CHECKSUM_COLUMNS = (
    "event_id", "dataset", "month", "date", "date_precision", "source_iso3", "source_type", "source_name",
    "target_iso3", "target_type", "target_name", "cameo_code", "cameo_base", "cameo_root", "quad_class",
    "goldstein", "num_mentions", "num_sources", "num_articles", "avg_tone", "source_url", "date_added",
    "origin_file", "origin_line", "near_duplicate",
)


class EventStore:
    """The Parquet side of a :class:`Store` plus its DuckDB bookkeeping tables."""

    def __init__(self, store: Store) -> None:
        if str(store.path) == ":memory:":
            raise NotLoaded("event data needs a store on disk, not :memory:", "pass --db FILE.duckdb")
        self.store = store
        self.root = store.path.parent / f"{store.path.stem}.events"
        self.data = self.root / "data"
        self.staging = self.root / "staging"
        self.rollup = self.root / "rollup"

    def open_for_writing(self) -> "EventStore":
        """Create the bookkeeping tables and recover from any interrupted ingest; readers skip this."""
        for ddl in DDL:
            self.store.con.execute(ddl)
        self.recover()
        return self

    # -- crash recovery ------------------------------------------------------------
    def committed(self, file_id: str) -> bool:
        return bool(self.store.con.execute("SELECT count(*) FROM event_files WHERE file_id = ?", [file_id]).fetchall()[0][0])

    def recover(self) -> None:
        """Roll committed staging folders forward and delete uncommitted ones."""
        if not self.staging.is_dir():
            return
        for folder in sorted(self.staging.iterdir()):
            if self.committed(folder.name):
                self.publish(folder)
            else:
                shutil.rmtree(folder)
        self.refresh_view()

    def publish(self, folder: Path) -> None:
        """Rename a committed file's staged partitions into ``data/`` (idempotent), then drop the folder."""
        out = folder / "out"
        if out.is_dir():
            for part in sorted(out.rglob("*.parquet")):
                target = self.data / part.relative_to(out)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, target)
        shutil.rmtree(folder)

    # -- the views -----------------------------------------------------------------
    @property
    def glob(self) -> str:
        return str(self.data / "*" / "*" / "*.parquet")

    def has_data(self) -> bool:
        return self.data.is_dir() and any(self.data.glob("*/*/*.parquet"))

    def refresh_view(self) -> None:
        """(Re)create the ``events`` view over every published Parquet file, and ``event_rollup_day``
        / ``_month`` over the rollup files (:mod:`dyadwatch.events.rollup` keeps those up to date)."""
        _view(self.store, "events", self.glob if self.has_data() else None)
        for grain in ("day", "month"):
            has_rollup = self.rollup.is_dir() and any(self.rollup.glob(f"*/*/{grain}.parquet"))
            _view(self.store, f"event_rollup_{grain}", str(self.rollup / "*" / "*" / f"{grain}.parquet") if has_rollup else None)

    # -- reporting -----------------------------------------------------------------
    def checksum(self) -> tuple[int, int]:
        """(rows, order-independent content hash) of the whole event table."""
        if not self.has_data():
            return (0, 0)
        cols = ", ".join(CHECKSUM_COLUMNS)
        n, h = self.store.con.execute(f"SELECT count(*), coalesce(bit_xor(hash({cols})), 0) FROM events").fetchall()[0]
        return int(n), int(h)

    def registry_datasets(self) -> list[str]:
        """Registry datasets whose exact file was ingested (file ids are sha256), for citations."""
        from dyadwatch.sources import registry

        if not self.store.has("event_files"):
            return []
        ids = {r[0] for r in self.store.con.execute("SELECT file_id FROM event_files").fetchall()}
        return sorted(name for name, ds in registry.datasets().items() if ds.sha256 in ids)

    def stats(self) -> list[tuple]:
        """Per dataset: files, rows stored, duplicate ids dropped, near-duplicates flagged, quarantined, dates."""
        files = self.store.con.execute(
            "SELECT dataset, count(*), sum(rows_read), sum(rows_stored), sum(duplicate_ids), sum(near_duplicates), "
            "sum(quarantined) FROM event_files GROUP BY dataset ORDER BY dataset"
        ).fetchall()
        ranges = {}
        if self.has_data():
            ranges = {r[0]: r[1:] for r in self.store.con.execute(
                "SELECT dataset, min(date), max(date) FROM events GROUP BY dataset").fetchall()}
        return [(*f, *ranges.get(f[0], (None, None))) for f in files]


def _view(store: Store, name: str, glob: str | None) -> None:
    """A view over hive-partitioned Parquet (``dataset``/``month`` as text), or none without files."""
    if glob is None:
        store.con.execute(f"DROP VIEW IF EXISTS {name}")
        return
    store.con.execute(
        f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet("
        f"'{glob}', hive_partitioning = true, hive_types = {{'dataset': VARCHAR, 'month': VARCHAR}})"
    )

"""The store: one embedded DuckDB file holding every loaded source as a table.

Loading is *atomic* and *idempotent*: a table is replaced inside one DuckDB transaction
together with its row in ``_versions`` (which datasets and sha256s it came from), so a
failure or a SIGKILL mid-load leaves the previous contents, and loading twice gives the same
rows.  Indicators get Ibis tables from here and never touch files themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import duckdb
import ibis
import pyarrow as pa

from dyadwatch import config
from dyadwatch.errors import NotLoaded
from dyadwatch.sources import registry

VERSIONS_DDL = """
CREATE TABLE IF NOT EXISTS _versions (
    table_name VARCHAR PRIMARY KEY,
    datasets VARCHAR,           -- JSON {dataset name: sha256}
    rows BIGINT,
    loaded_at TIMESTAMP
)
"""


class Store:
    """A DuckDB catalog of loaded tables plus their provenance."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else config.default_db_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.con.execute(VERSIONS_DDL)
        self._ibis = None

    # -- writing -----------------------------------------------------------------
    def replace(
        self, name: str, data: pa.Table | pa.RecordBatchReader, datasets: Iterable[str],
        extra_versions: Mapping[str, str] | None = None,
    ) -> int:
        """Atomically replace table ``name`` with ``data`` and record its dataset versions.

        ``data`` may be a stream (RecordBatchReader) so large sources never sit whole in
        memory; either way the new rows and the ``_versions`` row commit together or not at all.
        ``extra_versions`` versions inputs that are not registry datasets (the curated records'
        content hash), stored beside the datasets' sha256s.
        """
        versions = {d: registry.get(d).sha256 for d in datasets} | dict(extra_versions or {})
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_incoming", data)
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
            con.unregister("_incoming")
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
            con.execute(
                "INSERT OR REPLACE INTO _versions VALUES (?, ?, ?, ?)",
                [name, json.dumps(versions, sort_keys=True), rows, dt.datetime.now()],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return rows

    # -- reading -----------------------------------------------------------------
    def has(self, name: str) -> bool:
        return bool(
            self.con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
            ).fetchall()[0][0]
        )

    def versions(self) -> dict[str, dict]:
        rows = self.con.execute("SELECT table_name, datasets, rows, loaded_at FROM _versions ORDER BY 1").fetchall()
        return {r[0]: {"datasets": json.loads(r[1]), "rows": r[2], "loaded_at": r[3]} for r in rows}

    @property
    def ibis(self) -> ibis.BaseBackend:
        """An Ibis backend over the same DuckDB connection (no second file handle)."""
        if self._ibis is None:
            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis

    def table(self, name: str) -> ibis.Table:
        """The Ibis table ``name``; loads it from its source first when it is missing."""
        if not self.has(name):
            from dyadwatch.store.catalog import load

            load(self, [name])
        if not self.has(name):
            raise NotLoaded(f"table {name!r} is not in the store {self.path}", "run `dyadwatch load`")
        return self.ibis.table(name)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

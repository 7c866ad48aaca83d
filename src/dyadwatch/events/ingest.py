"""Incremental, idempotent, crash-safe ingest of event files into the event store.

* A file is identified by the sha256 of its bytes: a file already ingested (under any
  name) adds nothing.
* Re-emitted events are dropped by ``(dataset, event_id)``, against the store and within the
  file.  Near-duplicates — same date, actor countries, CAMEO code and source URL under
  another id, which GDELT emits when one article yields several codings — are *kept and
  flagged* (``near_duplicate``) so nothing is lost; the index leaves them out by default.
* Malformed lines go to quarantine with file, line and reason; the rest of the file goes on.
* Files are parsed in parallel threads (pyarrow releases the GIL) but committed one by one
  in the order given, so the result never depends on timing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dyadwatch.errors import InvalidInput
from dyadwatch.events import quarantine
from dyadwatch.events.schema import EVENT_SCHEMA
from dyadwatch.events.store import EventStore
from dyadwatch.sources import gdelt, icews, polecat, registry
from dyadwatch.sources._delimited import first_line

FORMATS = ("auto", "gdelt1", "gdelt2", "icews", "polecat", "mentions")

Reader = Callable[[Path, str], Iterator]


@dataclass
class FileReport:
    """What one input file contributed (the ingest summary line)."""

    path: str
    format: str
    file_id: str
    status: str = "ingested"
    rows_read: int = 0
    rows_stored: int = 0
    duplicate_ids: int = 0
    near_duplicates: int = 0
    quarantined: int = 0
    reasons: Counter = field(default_factory=Counter)


def detect_format(path: Path) -> str:
    """gdelt1 / gdelt2 / mentions / icews / polecat from the first line; an unknown layout is an error."""
    line = first_line(path).decode("utf-8", errors="replace")
    fields = line.split("\t")
    if line.lower().startswith("globaleventid,eventtimedate,mentiontimedate"):
        return "mentions"
    if "Event ID" in fields and "Source Name" in fields:
        return "icews"
    if "Event ID" in fields and "Recipient Name" in fields:
        return "polecat"
    width = {len(gdelt.gdelt2_columns()): "gdelt2", len(gdelt.gdelt1_columns()): "gdelt1",
             len(gdelt.gdelt1_columns()) - 1: "gdelt1", len(gdelt.mentions_columns()): "mentions"}
    if len(fields) in width:
        return width[len(fields)]
    raise InvalidInput(
        f"{path}: line 1 has {len(fields)} tab-separated fields, which matches no known event layout "
        "(GDELT 1.0: 57/58, GDELT 2.0 export: 61, Mentions: 16; ICEWS/POLECAT: a header row)",
        "pass --format gdelt1|gdelt2|icews|polecat|mentions if you know the layout",
    )


def _mentions_csv(path: Path) -> bool:
    """gdeltPyR's re-serialised Mentions (comma, quoted, header) rather than GDELT's raw tab layout."""
    return first_line(path).lower().startswith(b"globaleventid,")


def _reader(fmt: str, path: Path) -> Reader:
    if fmt == "mentions":
        header = _mentions_csv(path)
        return lambda p, origin: gdelt.read_mentions(p, origin, header)
    return {"gdelt1": gdelt.read_gdelt1, "gdelt2": gdelt.read_gdelt2, "icews": icews.read_icews,
            "polecat": polecat.read_polecat}[fmt]


def resolve(item: str | Path) -> Path:
    """A path, or the name of a registry dataset (e.g. ``icews_events_sample``)."""
    p = Path(item)
    if p.exists():
        return p
    if str(item) in registry.datasets():
        return registry.path(str(item))
    raise InvalidInput(f"{item}: no such file", "give a path to an event file, or a dataset name from `dyadwatch data list`")


@dataclass
class Staged:
    """A parsed file waiting for its commit.

    Events are already written as month partitions under ``staging/<file_id>/out``, flagged
    as if the store were empty (``kept``: the within-file dedup); the commit only checks them
    against the store.  Mentions keep their rows (in memory, or spilled to Parquet)."""

    report: FileReport
    rows: pa.Table | Path | None = None
    kept: pa.Table | None = None
    staged_rows: int = 0


def _stage(es: EventStore, path: Path, fmt: str, file_id: str) -> Staged:
    """Parse ``path``; quarantine to ``staging/<file_id>/quarantine.parquet``; rows stay in memory
    unless the file spans several chunks, when they spill to ``raw.parquet`` (bounded memory)."""
    rep = FileReport(str(path), fmt, file_id)
    folder = es.staging / file_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    schema = gdelt.MENTIONS_SCHEMA if fmt == "mentions" else EVENT_SCHEMA
    origin, delimiter = path.name, "," if fmt == "mentions" and _mentions_csv(path) else "\t"
    held: list[pa.Table] = []
    writer: pq.ParquetWriter | None = None
    with pq.ParquetWriter(folder / "quarantine.parquet", quarantine.SCHEMA) as bad:
        for chunk, table, why in _reader(fmt, path)(path, origin):
            q = quarantine.from_chunk(chunk, why, origin, delimiter)
            held.append(table.filter(pc.is_null(why)) if q.num_rows else table)
            if len(held) > 1:
                writer = writer or pq.ParquetWriter(folder / "raw.parquet", schema, compression="none")
                writer.write_table(held.pop(0))
            bad.write_table(q)
            rep.rows_read += table.num_rows + len(chunk.bad)
            rep.quarantined += q.num_rows
            rep.reasons.update(q["reason"].to_pylist())
    if writer is None:
        rows: pa.Table | Path = held[0] if held else schema.empty_table()
    else:
        for table in held:
            writer.write_table(table)
        writer.close()
        rows = folder / "raw.parquet"
    if fmt == "mentions":
        return Staged(rep, rows)
    return _prepartition(rep, rows, folder)


def _prepartition(rep: FileReport, rows: pa.Table | Path, folder: Path) -> Staged:
    """Within-file dedup and the month partitions, done in the parallel stage (a private DuckDB)."""
    import duckdb

    con = duckdb.connect()
    try:
        if isinstance(rows, pa.Table):
            con.register("_event_staged", rows)
        kept = con.sql(DEDUP.format(raw=_source_sql(rows), dataset=_dataset_of(rep.format), keys=NO_KEYS)).to_arrow_table()
    finally:
        con.close()
    n = _num_rows(rows)
    if kept.num_rows:
        table = rows if isinstance(rows, pa.Table) else pq.read_table(rows)
        _write_partitions(table, kept, folder / "out", rep.file_id, _dataset_of(rep.format))
    if isinstance(rows, Path):
        rows.unlink()
    return Staged(rep, kept=kept, staged_rows=n)


DEDUP = """
WITH staged AS (
    SELECT event_id, origin_line,
           CASE WHEN source_url IS NOT NULL THEN hash(date, source_iso3, target_iso3, cameo_code, source_url) END AS signature
    FROM {raw}
), seen AS (  -- the file's ids already stored: probe the big key table with the small file, not the reverse
    SELECT k.event_id FROM {keys} k SEMI JOIN staged s ON k.event_id = s.event_id WHERE k.dataset = '{dataset}'
), first_id AS (
    SELECT * FROM staged ANTI JOIN seen USING (event_id)
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY origin_line) = 1
)
SELECT event_id, origin_line, signature,
       signature IS NOT NULL AND (
           signature IN (SELECT signature FROM {keys} WHERE dataset = '{dataset}' AND signature IS NOT NULL)
           OR row_number() OVER (PARTITION BY signature ORDER BY origin_line) > 1) AS near_duplicate
FROM first_id
"""


#: An empty stand-in for ``event_keys``: the stage dedups within the file as if the store were empty.
NO_KEYS = "(SELECT * FROM (VALUES (NULL::VARCHAR, NULL::VARCHAR, NULL::UBIGINT)) v(dataset, event_id, signature) WHERE false)"


def _num_rows(rows: pa.Table | Path) -> int:
    """Rows of the staged data, read from the Parquet footer when it was spilled (no data read)."""
    return rows.num_rows if isinstance(rows, pa.Table) else pq.read_metadata(rows).num_rows


def _source_sql(rows: pa.Table | Path) -> str:
    """SQL naming the staged rows: the registered Arrow table or the spilled Parquet file."""
    return "_event_staged" if isinstance(rows, pa.Table) else f"read_parquet('{rows}')"


def _dedup(es: EventStore, out: Path, dataset: str) -> pa.Table:
    """The exact dedup against the store, over the staged partitions' key columns (narrow, fast)."""
    source = f"read_parquet('{out}/*/*/*.parquet', hive_partitioning = false)"
    return es.store.con.sql(DEDUP.format(raw=source, dataset=dataset, keys="event_keys")).to_arrow_table()


def _flags(kept: pa.Table) -> pa.Table:
    return kept.select(["origin_line", "near_duplicate"]).sort_by("origin_line")


def _write_partitions(table: pa.Table, kept: pa.Table, out: Path, file_id: str, dataset: str) -> None:
    """The kept rows, flagged, one Parquet file per month partition."""
    table = table.take(pc.index_in(kept["origin_line"], table["origin_line"]))
    table = table.append_column("near_duplicate", kept["near_duplicate"])
    months = pc.strftime(table["date"], "%Y-%m").combine_chunks()
    order = pc.sort_indices(months)
    table, months = table.take(order).combine_chunks(), months.take(order)
    runs = pc.run_end_encode(months)
    table = table.drop_columns([c for c in ("dataset",) if c in table.column_names])
    start = 0
    for end, m in zip(runs.run_ends.to_pylist(), runs.values.to_pylist()):
        folder = out / f"dataset={dataset}" / f"month={m}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.slice(start, end - start), folder / f"{file_id}_0.parquet", row_group_size=1 << 17)
        start = end


def _recheck(es: EventStore, staged: Staged, dataset: str) -> pa.Table:
    """The rows to keep given what the store already holds; rewrites the partitions only if that
    differs from the within-file result (ids or signatures seen in earlier files)."""
    out = es.staging / staged.report.file_id / "out"
    if not staged.kept.num_rows:
        return staged.kept
    exact = _dedup(es, out, dataset)
    if not _flags(exact).equals(_flags(staged.kept)):
        files = sorted(out.rglob("*.parquet"))
        table = pa.concat_tables([pq.read_table(f) for f in files]).drop_columns(["near_duplicate"])
        shutil.rmtree(out)
        if exact.num_rows:
            _write_partitions(table, exact, out, staged.report.file_id, dataset)
    return exact


def _commit(es: EventStore, staged: Staged, dataset: str) -> None:
    """Check the staged rows against the store, and record everything in one transaction."""
    con, rep, rows = es.store.con, staged.report, staged.rows
    folder = es.staging / rep.file_id
    qpath = folder / "quarantine.parquet"
    if isinstance(rows, pa.Table):
        con.register("_event_staged", rows)
    kept = None
    if rep.format == "mentions":
        rep.rows_stored = _num_rows(rows)
    else:
        kept = _recheck(es, staged, dataset)
        rep.rows_stored, rep.duplicate_ids = kept.num_rows, staged.staged_rows - kept.num_rows
        rep.near_duplicates = pc.sum(kept["near_duplicate"]).as_py() or 0
    con.execute("BEGIN TRANSACTION")
    try:
        if kept is None:
            con.execute(f"INSERT INTO event_mentions SELECT * FROM {_source_sql(rows)}")
        else:
            con.register("_event_kept", kept)
            con.execute("INSERT INTO event_keys SELECT ?, event_id, signature FROM _event_kept", [dataset])
            con.unregister("_event_kept")
        con.execute(f"INSERT INTO event_quarantine SELECT '{rep.file_id}', * FROM read_parquet('{qpath}')")
        seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM event_files").fetchall()[0][0]
        con.execute(
            "INSERT INTO event_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rep.file_id, dataset, rep.path, rep.rows_read, rep.rows_stored, rep.duplicate_ids,
             rep.near_duplicates, rep.quarantined, dt.datetime.now(), seq],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        if isinstance(rows, pa.Table):
            con.unregister("_event_staged")
    es.publish(folder)


def _bounded_map(pool: ThreadPoolExecutor, fn: Callable, items: list, window: int) -> Iterator:
    """``pool.map`` with at most ``window`` results pending, so parsed files cannot pile up in memory."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _dataset_of(fmt: str) -> str:
    return "gdelt2_mentions" if fmt == "mentions" else fmt


def ingest(
    store,
    items: Iterable[str | Path],
    fmt: str = "auto",
    workers: int = 2,
    progress: Callable[[FileReport], None] | None = None,
) -> list[FileReport]:
    """Ingest event files into ``store``'s event store; one :class:`FileReport` per file, in order."""
    if fmt not in FORMATS:
        raise InvalidInput(f"--format {fmt!r} is not supported", f"use one of {', '.join(FORMATS)}")
    es = EventStore(store).open_for_writing()
    paths = [resolve(i) for i in items]
    todo: list[tuple[Path, str, str]] = []
    queued: set[str] = set()
    reports: dict[int, FileReport] = {}
    for i, p in enumerate(paths):
        file_id = registry.sha256_of(p)
        f = detect_format(p) if fmt == "auto" else fmt
        if file_id in queued or es.committed(file_id):
            reports[i] = FileReport(str(p), f, file_id, status="already ingested")
        else:
            queued.add(file_id)
            todo.append((p, f, file_id))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        order = iter(i for i in range(len(paths)) if i not in reports)
        for staged in _bounded_map(pool, lambda t: _stage(es, *t), todo, workers + 1):
            _commit(es, staged, _dataset_of(staged.report.format))
            reports[next(order)] = staged.report
            if progress:
                progress(staged.report)
    es.refresh_view()
    return [reports[i] for i in range(len(paths))]

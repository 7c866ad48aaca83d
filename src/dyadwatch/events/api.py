"""The Python face of the event engine: ingest, stats and the cooperation–conflict index.

``event_index("RUS", "PRK")`` opens the store, picks the tables for ``source`` (curated
records, GDELT, ICEWS, POLECAT or all; machine-coded events through the store's daily rollup),
and runs :func:`cooperation_conflict` on DuckDB or Spark.  On DuckDB the all-dyad result for a set of options is kept as a store table keyed by
the data version, so after the first call any dyad's series is a lookup (the report asks for
four pairs; a web page for many).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import ibis.expr.types as ir
import pandas as pd

from dyadwatch import countries
from dyadwatch.api import StoreArg, open_store
from dyadwatch.engines import Engine, connect
from dyadwatch.errors import DyadwatchError
from dyadwatch.events.schema import DATASETS
from dyadwatch.indicators.events import FREQS, WEIGHTS, conform, cooperation_conflict, excluded_by_precision, prepare
from dyadwatch.store import Store

#: ``--source`` values → stored datasets (``curated`` is the evidence table, not Parquet).
SOURCES = {"curated": ("curated",), "gdelt": ("gdelt1", "gdelt2"), "icews": ("icews",),
           "polecat": ("polecat",), "all": ("curated", *DATASETS)}
CURATED_TABLE = "evidence_events"
CACHE_PREFIX = "_event_index_"


def _has_curated(store: Store) -> bool:
    from dyadwatch.store.catalog import builders

    return store.has(CURATED_TABLE) or CURATED_TABLE in builders()


def _source_table(eng: Engine, source: str, freq: str, typed: bool) -> ir.Table:
    """The stacked additive input for ``source`` (only the datasets it names).

    Machine-coded events come from the store's rollup (daily for ``freq="day"``, else monthly),
    or per event when the index is filtered by actor type (``typed``: the rollup has no actor
    types)."""
    wanted = SOURCES[source]
    parts: list[ir.Table] = []
    if "curated" in wanted and _has_curated(eng.store):
        parts.append(prepare(eng.table(CURATED_TABLE), dataset="curated", types=typed))
    machine = [d for d in wanted if d != "curated"]
    if machine and (source != "all" or eng.store.has("events")):
        ev = prepare(eng.events()) if typed else conform(eng.rollup("day" if freq == "day" else "month"))
        parts.append(ev.filter(ev.dataset.isin(machine)))
    if not parts:
        raise DyadwatchError(f"no data for --source {source}", "ingest event files, or load the curated records")
    out = parts[0]
    for p in parts[1:]:
        out = out.union(p, distinct=False)
    return out


def _coarse(store: Store, source: str, freq: str, pair: list[str] | None) -> int:
    """Curated rows of ``pair`` dated too coarsely for ``freq``.  Only curated rows can be:
    machine-coded rows are always day-precise (the readers say so), so the big table is never
    scanned, and the count is taken on DuckDB whatever the engine (it is a few hundred rows)."""
    if "curated" not in SOURCES[source] or not _has_curated(store):
        return 0
    return int(excluded_by_precision(prepare(store.table(CURATED_TABLE)), freq, pair).to_pyarrow().as_py())


def _version(store: Store) -> str:
    """Changes whenever event files are ingested or the curated table is reloaded."""
    seq = store.con.execute("SELECT coalesce(max(seq), 0) FROM event_files").fetchall()[0][0] if store.has("event_files") else 0
    cur = store.con.execute("SELECT max(loaded_at) FROM _versions WHERE table_name = ?", [CURATED_TABLE]).fetchall()[0][0]
    return hashlib.sha1(f"{seq}|{cur}".encode()).hexdigest()[:10]


def _cache_name(store: Store, options: dict) -> str:
    version = _version(store)
    return CACHE_PREFIX + version + "_" + hashlib.sha1(json.dumps(options, sort_keys=True).encode()).hexdigest()[:10]


def _materialise(eng: Engine, name: str, expr: ir.Table) -> None:
    """Keep the all-dyad index as store table ``name``; drop those of older data versions."""
    store = eng.store
    version = name[len(CACHE_PREFIX):].split("_")[0]
    stale = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE ? AND table_name NOT LIKE ?",
        [CACHE_PREFIX + "%", CACHE_PREFIX + version + "%"]).fetchall()]
    for t in stale:
        store.con.execute(f'DROP TABLE IF EXISTS "{t}"')
    # Sorted by dyad so that a lookup reads only the row groups of that dyad (DuckDB zone maps).
    store.con.execute("SET enable_progress_bar = false")
    store.con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM ({eng.backend.compile(expr)}) ORDER BY source, target, period')


def _index(
    store: Store, pair: tuple[str, str] | None, freq: str, source: str, engine: str, spark_master: str | None,
    weight: str | None, actor_type: Sequence[str] | None, include_near_duplicates: bool, cache: bool,
) -> pd.DataFrame:
    if freq not in FREQS:
        raise DyadwatchError(f"--freq {freq!r} is not supported", f"use one of {', '.join(FREQS)}")
    if source not in SOURCES:
        raise DyadwatchError(f"unknown --source {source!r}", f"use one of {', '.join(SOURCES)}")
    if weight not in WEIGHTS:
        raise DyadwatchError(f"--weight {weight!r} is not supported", "use --weight mentions, or leave it out")
    eng = connect(store, engine, spark_master)
    types = list(actor_type) if actor_type else None
    countries_ = list(pair) if pair else None
    options = dict(freq=freq, source=source, weight=weight, actor_type=types, near=include_near_duplicates)
    cached = pair is not None and cache and engine == "duckdb"
    name = _cache_name(store, options) if cached else ""
    if not (cached and store.has(name)):
        table = _source_table(eng, source, freq, typed=bool(types))
        # Cached: the all-dyad index is kept, and the pair looked up in it below.
        expr = cooperation_conflict(table, freq, None if cached else countries_, None, types, types, weight,
                                    include_near_duplicates)
        if cached:
            _materialise(eng, name, expr)
    if cached:
        t = store.ibis.table(name)
        a, b = countries_
        expr = t.filter(((t.source == a) & (t.target == b)) | ((t.source == b) & (t.target == a)))
    df = _tidy(expr.to_pandas())
    df.attrs["excluded_by_precision"] = _coarse(store, source, freq, countries_)
    return df


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    df["period"] = pd.to_datetime(df["period"]).dt.date
    return df.sort_values(["period", "source", "target"]).reset_index(drop=True)


def event_index(
    a: str, b: str, freq: str = "month", source: str = "all", engine: str = "duckdb", spark_master: str | None = None,
    weight: str | None = None, actor_type: Sequence[str] | None = None, include_near_duplicates: bool = False,
    cache: bool = True, store: StoreArg = None,
) -> pd.DataFrame:
    """Cooperation–conflict index of the pair (a, b), both directions, per ``freq`` period.

    ``df.attrs["excluded_by_precision"]`` counts the pair's rows dated too coarsely for ``freq``.
    """
    pair = (countries.iso3(a), countries.iso3(b))
    with open_store(store) as s:
        return _index(s, pair, freq, source, engine, spark_master, weight, actor_type, include_near_duplicates, cache)


def event_index_all(
    freq: str = "month", source: str = "all", engine: str = "duckdb", spark_master: str | None = None,
    weight: str | None = None, actor_type: Sequence[str] | None = None, include_near_duplicates: bool = False,
    store: StoreArg = None,
) -> pd.DataFrame:
    """The index for every directed dyad at once."""
    with open_store(store) as s:
        return _index(s, None, freq, source, engine, spark_master, weight, actor_type, include_near_duplicates, False)

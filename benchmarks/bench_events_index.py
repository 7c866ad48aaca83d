"""(b) The cooperation–conflict index over a large event store: all dyads monthly, then one dyad warm.

A store of ``--rows`` seeded synthetic GDELT 2.0 events (dyadwatch.synthetic, written straight
into the store's Parquet layout, one file per month — ingest speed is benchmark (a)) gets its
rollup built (setup, timed separately: dyadwatch.events.rollup) and is then indexed with
``dyadwatch.events.api``: the first call computes the all-dyad monthly index (every directed
dyad, every month, all columns incl. salience) from the monthly rollup and keeps it in the
store; a later call for any dyad is then a lookup.  Baselines in the same run: the same
all-dyad index computed from the events themselves (the expression on per-event rows, as
before the rollup), the one-dyad query computed without the kept index, and pandas
``groupby`` over a ``--pandas-rows`` slice (the whole store does not fit in pandas), scaled
linearly.

    DYADWATCH_MIRROR=../shared/data/mirror python benchmarks/bench_events_index.py --rows 100000000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from dyadwatch.events import rollup
from dyadwatch.events.api import event_index
from dyadwatch.events.store import EventStore
from dyadwatch.indicators.events import cooperation_conflict, prepare
from dyadwatch.store import Store
from dyadwatch.synthetic import Generator

from common import machine, timed


def build_store(folder: Path, rows: int, seed: int) -> Store:
    """A store whose event Parquet holds ``rows`` synthetic rows (generated once per folder)."""
    store = Store(folder / "bench.duckdb")
    es = EventStore(store).open_for_writing()
    if not es.has_data():
        sec, files = timed(lambda: Generator(seed).write_store(es.data, rows))
        print(f"generated {rows:,} rows in {files} monthly files in {sec:.0f} s")
    es.refresh_view()
    return store


def build_rollup(store: Store) -> tuple[float, int]:
    """Seconds to (re)build every partition's rollup from scratch, and the daily rollup's rows."""
    es = EventStore(store)
    shutil.rmtree(es.rollup, ignore_errors=True)
    sec, _ = timed(lambda: rollup.refresh(es))
    return sec, store.con.execute("SELECT count(*) FROM event_rollup_day").fetchall()[0][0]


def from_events(store: Store) -> float:
    """The all-dyad monthly index computed from every event (no rollup) and kept, as before the rollup."""
    expr = cooperation_conflict(prepare(store.table("events").filter(lambda t: t.dataset.isin(["gdelt1", "gdelt2"]))))
    sql = f"CREATE OR REPLACE TEMP TABLE _bench_from_events AS SELECT * FROM ({store.ibis.compile(expr)}) ORDER BY source, target, period"
    sec, _ = timed(lambda: store.con.execute(sql))
    store.con.execute("DROP TABLE _bench_from_events")
    return sec


def pandas_monthly(folder: Path, rows: int) -> tuple[float, int]:
    """pandas groupby per (month, source, target) over the first ``rows`` rows of the store."""
    files = sorted((folder / "bench.events" / "data").glob("*/*/*.parquet"))
    cols = ["date", "source_iso3", "target_iso3", "quad_class", "goldstein", "avg_tone", "near_duplicate"]
    frames, have = [], 0
    for f in files:
        if have >= rows:
            break
        frames.append(pd.read_parquet(f, columns=cols))
        have += len(frames[-1])
    df = pd.concat(frames).iloc[:rows]
    start = time.perf_counter()
    d = df[df.target_iso3.notna() & ~df.near_duplicate]
    d = d.assign(period=pd.to_datetime(d.date).dt.to_period("M"), n_events=1,
                 **{f"q{q}": (d.quad_class == q).astype("int64") for q in (1, 2, 3, 4)})
    d.groupby(["period", "source_iso3", "target_iso3"])[["n_events", "q1", "q2", "q3", "q4", "goldstein", "avg_tone"]].agg(
        ["sum", "mean"])
    return time.perf_counter() - start, len(df)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000_000)
    ap.add_argument("--pandas-rows", type=int, default=5_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--folder", type=Path, help="keep the generated store here (default: a temp folder)")
    args = ap.parse_args()
    folder = args.folder or Path(tempfile.gettempdir()) / f"dyadwatch_bench_index_{args.rows}_{args.seed}"
    store = build_store(folder, args.rows, args.seed)
    n = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    build_s, rollup_rows = build_rollup(store)
    for t in [r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_event_index_%'").fetchall()]:
        store.con.execute(f'DROP TABLE "{t}"')
    all_dyads, first = timed(lambda: event_index("USA", "CHN", freq="month", source="gdelt", store=store))
    cached_rows = store.con.execute("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_event_index_%'").fetchall()
    index_rows = store.con.execute(f'SELECT count(*) FROM "{cached_rows[0][0]}"').fetchall()[0][0]
    warm = []
    for a, b in [("RUS", "PRK"), ("USA", "CHN"), ("DEU", "FRA"), ("IND", "PAK"), ("RUS", "PRK")] * 4:
        sec, _ = timed(lambda: event_index(a, b, freq="month", source="gdelt", store=store))
        warm.append(sec)
    before = from_events(store)
    direct, second = timed(lambda: event_index("USA", "CHN", freq="month", source="gdelt", cache=False, store=store))
    pd.testing.assert_frame_equal(first, second)
    pandas_s, pandas_n = pandas_monthly(folder, args.pandas_rows)
    scaled = pandas_s * n / pandas_n
    print(f"machine: {machine()}")
    print(f"store: {n:,} events; all-dyad monthly index: {index_rows:,} rows (period, source, target)")
    print(f"setup: rollup of every partition built from scratch in {build_s:.1f} s "
          f"(daily rollup: {rollup_rows:,} rows, {rollup_rows / n:.0%} of the events)")
    print(f"all dyads, monthly, first call (computes and keeps the index from the rollup): {all_dyads:.2f} s")
    print(f"baseline all dyads, monthly, from the events (no rollup, as before): {before:.2f} s "
          f"({before / all_dyads:.1f}× the rollup)")
    print(f"one dyad, monthly, warm: median {statistics.median(warm) * 1000:.1f} ms, max {max(warm) * 1000:.1f} ms "
          f"over {len(warm)} calls")
    print(f"baseline one dyad computed directly from the rollup Parquet (no kept index): {direct:.2f} s "
          f"({direct / statistics.median(warm):.0f}× the warm lookup); results identical")
    print(f"baseline pandas groupby (counts, sums, means; no salience) on {pandas_n:,} rows: {pandas_s:.2f} s, "
          f"scaled to {n:,} rows: {scaled:.1f} s ({scaled / all_dyads:.1f}× the all-dyad index)")
    store.close()


if __name__ == "__main__":
    main()

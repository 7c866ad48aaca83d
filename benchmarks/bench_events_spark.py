"""(c) The same Ibis index on Spark (local[*]) and on DuckDB, over the same stored events.

A store of ``--rows`` seeded synthetic events (one Parquet file per month) gets its rollup
built (setup, timed separately) and is indexed for all dyads, monthly, by ``event_index_all``
on both engines, which read the same rollup files; the results must be equal
(pandas ``assert_frame_equal``, floats to 1e-9 relative).  Spark's time is reported cold
(including session start) and warm (second run); DuckDB is the baseline.

    DYADWATCH_MIRROR=../shared/data/mirror python benchmarks/bench_events_spark.py --rows 20000000
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd

from dyadwatch.events.api import event_index_all

from bench_events_index import build_rollup, build_store
from common import machine, timed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--spark-master", default="local[*]")
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args()
    folder = args.folder or Path(tempfile.gettempdir()) / f"dyadwatch_bench_spark_{args.rows}_{args.seed}"
    store = build_store(folder, args.rows, args.seed)
    n = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    build_s, rollup_rows = build_rollup(store)
    run = lambda engine: event_index_all(freq="month", source="gdelt", engine=engine, spark_master=args.spark_master, store=store)  # noqa: E731
    duck_s, duck = timed(lambda: run("duckdb"), repeat=2)
    spark_cold, _ = timed(lambda: run("spark"))
    spark_s, spark = timed(lambda: run("spark"))
    pd.testing.assert_frame_equal(duck, spark, check_dtype=False, rtol=1e-9)
    print(f"machine: {machine()}")
    print(f"store: {n:,} events → {len(duck):,} index rows (all dyads, monthly); results equal on both engines")
    print(f"setup: rollup built in {build_s:.1f} s (daily rollup: {rollup_rows:,} rows)")
    print(f"DuckDB: {duck_s:.1f} s (best of 2)")
    print(f"Spark {args.spark_master}: {spark_s:.1f} s warm, {spark_cold:.1f} s cold (incl. session start)")
    print(f"ratio Spark warm / DuckDB: {spark_s / duck_s:.1f}×")
    store.close()


if __name__ == "__main__":
    main()

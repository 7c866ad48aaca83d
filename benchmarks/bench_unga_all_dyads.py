"""All-dyads UNGA alignment for one year: one Ibis/DuckDB query vs a per-pair pandas loop.

The baseline is what an analyst would write by hand: for each pair of members, merge their
votes on rcid and count agreements, kappa included — done efficiently (votes pre-grouped by
country), so the ratio measures the one-query design, not a strawman.

    DYADWATCH_MIRROR=../shared/data/mirror python benchmarks/bench_unga_all_dyads.py --year 2018
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import dyadwatch
from dyadwatch.store import Store
from dyadwatch.store.catalog import load

from common import machine, timed

CODES = ["yes", "abstain", "no"]


def pandas_loop(votes: pd.DataFrame) -> pd.DataFrame:
    by_country = {c: g.set_index("rcid")["vote"] for c, g in votes.groupby("iso3")}
    rows = []
    for a, b in itertools.combinations(sorted(by_country), 2):
        both = pd.concat([by_country[a], by_country[b]], axis=1, join="inner", keys=["va", "vb"])
        n = len(both)
        if n == 0:
            continue
        same = int((both.va == both.vb).sum())
        pa_ = both.va.value_counts().reindex(CODES, fill_value=0).to_numpy() / n
        pb_ = both.vb.value_counts().reindex(CODES, fill_value=0).to_numpy() / n
        p_e = float(np.dot(pa_, pb_))
        kappa = (same / n - p_e) / (1 - p_e) if p_e < 1 else np.nan
        rows.append((a, b, n, same, same / n, kappa))
    return pd.DataFrame(rows, columns=["a", "b", "n_both", "n_same", "agreement", "kappa"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2018)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.duckdb") as store:
        load(store, ["countries", "unga_votes", "unga_roll_calls", "unga_issues", "unga_ideal_points"])
        votes = store.con.execute(
            "SELECT v.rcid, v.iso3, v.vote FROM unga_votes v JOIN unga_roll_calls r USING (rcid) WHERE r.year = ?",
            [args.year],
        ).df()
        dyadwatch.unga_alignment_all(year=args.year, store=store)  # warm-up (plan cache, file pages)
        t_query, fast = timed(lambda: dyadwatch.unga_alignment_all(year=args.year, store=store), repeat=3)
        t_loop, slow = timed(lambda: pandas_loop(votes))
    merged = fast.merge(slow, on=["a", "b"], suffixes=("", "_loop"))
    assert len(merged) == len(slow) == len(fast), (len(fast), len(slow))
    assert (merged.n_both == merged.n_both_loop).all() and np.allclose(merged.kappa, merged.kappa_loop, equal_nan=True)
    print(f"machine: {machine()}")
    print(f"year {args.year}: {len(fast):,} pairs, {len(votes):,} votes")
    print(f"one query (Ibis on DuckDB, incl. ideal points): {t_query:.3f} s")
    print(f"per-pair pandas loop (baseline):               {t_loop:.3f} s")
    print(f"ratio: {t_loop / t_query:.1f}x faster; results identical")


if __name__ == "__main__":
    main()

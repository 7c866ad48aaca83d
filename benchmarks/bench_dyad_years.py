"""All dyads for all years with trade and alliances: dyad-year verbs vs a per-pair pandas merge.

dyadwatch builds the frame and adds each dataset with one DuckDB join over every
dyad-year.  The baseline is what an analyst writes by hand: for each pair, merge that
pair's trade rows onto its years, orient the flows, merge both states' national totals,
and merge the ATOP rows of both directions (maximum, 0 inside 1815–2018).  The pair's rows
are pre-grouped (dict lookups, not a filter of the whole table per pair), so the ratio
measures the one-join design and not a strawman.  Results are compared on the pairs the
baseline ran.

    DYADWATCH_MIRROR=../shared/data/mirror python benchmarks/bench_dyad_years.py [--years 1946-2024] [--sample N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from dyadwatch.dyadyears import dyad_years
from dyadwatch.store import Store
from dyadwatch.store.catalog import load

from common import machine, timed

TABLES = ["countries", "state_system", "cow_trade_dyadic", "cow_trade_national", "cow_trade_flags", "atop_alliance",
          "curated_trade", "curated_treaties"]


def ours(store: Path, years: tuple[int, int]) -> pd.DataFrame:
    return dyad_years(None, years=years, store=store).add_trade().add_alliances()


def _grouped(df: pd.DataFrame, keys: list[str]) -> dict:
    return {k: g for k, g in df.groupby(keys)}


def prepare(con, years: tuple[int, int]) -> dict:
    """The baseline's one-off work: read the tables and group their rows by pair and state."""
    system = con.execute("SELECT ccode, year FROM state_system WHERE year BETWEEN ? AND ?", list(years)).df()
    years_of = {c: set(g.year) for c, g in system.groupby("ccode")}
    trade = _grouped(con.execute("SELECT * FROM cow_trade_dyadic").df(), ["ccode1", "ccode2"])
    national = con.execute("SELECT ccode, year, imports + exports AS total FROM cow_trade_national").df()
    nat = {c: g[["year", "total"]] for c, g in national.groupby("ccode")}
    atop = con.execute("SELECT * FROM atop_alliance").df()
    atop_by = _grouped(atop, ["ccode1", "ccode2"])
    return {"years_of": years_of, "trade": trade, "nat": nat, "atop": atop, "atop_by": atop_by}


def baseline(data: dict, pairs: list[tuple[int, int]]) -> pd.DataFrame:
    """Per-pair merges in pandas (trade flows, national totals, ATOP either direction)."""
    years_of, trade, nat, atop, atop_by = (data[k] for k in ("years_of", "trade", "nat", "atop", "atop_by"))
    cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    empty_nat = pd.DataFrame({"year": pd.Series(dtype="int32"), "total": pd.Series(dtype="float64")})
    out = []
    for c1, c2 in pairs:
        frame = pd.DataFrame({"year": sorted(years_of[c1] & years_of[c2])})
        frame["ccode1"], frame["ccode2"] = c1, c2
        lo, hi = min(c1, c2), max(c1, c2)
        tr = trade.get((lo, hi), pd.DataFrame(columns=["year", "flow1", "flow2"]))[["year", "flow1", "flow2"]]
        frame = frame.merge(tr, on="year", how="left")
        if c1 > c2:
            frame[["flow1", "flow2"]] = frame[["flow2", "flow1"]].to_numpy()
        frame = frame.merge(nat.get(c1, empty_nat).rename(columns={"total": "trade_total_a"}), on="year", how="left")
        frame = frame.merge(nat.get(c2, empty_nat).rename(columns={"total": "trade_total_b"}), on="year", how="left")
        both = pd.concat([atop_by.get((c1, c2), atop.iloc[:0]), atop_by.get((c2, c1), atop.iloc[:0])])
        both = both.groupby("year", as_index=False)[cols].max()
        frame = frame.merge(both, on="year", how="left")
        inside = frame.year.between(1815, 2018)
        frame.loc[inside, cols] = frame.loc[inside, cols].fillna(0)
        out.append(frame)
    return pd.concat(out, ignore_index=True)


def _compare(mine: pd.DataFrame, base: pd.DataFrame) -> int:
    keyed = mine.set_index(["ccode1", "ccode2", "year"])
    b = base.set_index(["ccode1", "ccode2", "year"])
    m = keyed.loc[b.index]
    bad = 0
    for col in ["flow1", "flow2", "trade_total_a", "trade_total_b", "atop_defense", "atop_consul"]:
        x, y = m[col].astype("float64").to_numpy(), b[col].astype("float64").to_numpy()
        bad += int((~((np.isnan(x) & np.isnan(y)) | np.isclose(x, y))).sum())
    return bad


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", default="1946-2024")
    parser.add_argument("--sample", type=int, default=0, help="run the baseline on N random pairs and extrapolate (0 = all)")
    args = parser.parse_args()
    years = tuple(int(y) for y in args.years.split("-"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Store(path) as s:
            t_load, _ = timed(lambda: load(s, TABLES))
        t_ours, mine = timed(lambda: ours(path, years), repeat=3)
        pairs = sorted({(int(a), int(b)) for a, b in zip(mine.ccode1, mine.ccode2)})
        ran = pairs if not args.sample else random.Random(20261128).sample(pairs, args.sample)
        with Store(path, read_only=True) as s:
            t_prep, data = timed(lambda: prepare(s.con, years))
            t_loop, base = timed(lambda: baseline(data, ran))
    t_base_all = t_prep + t_loop * len(pairs) / len(ran)
    mismatches = _compare(mine, base)
    print(f"machine: {machine()}")
    print(f"store load of the {len(TABLES)} tables (once, not in either timing): {t_load:.1f} s")
    print(f"dyadwatch: {len(mine):,} dyad-years ({len(pairs):,} pairs, {years[0]}-{years[1]}), trade + alliances: {t_ours:.2f} s (best of 3)")
    label = "all pairs" if not args.sample else f"{len(ran)} random pairs, extrapolated to {len(pairs):,}"
    print(f"baseline per-pair pandas merge ({label}): read+group {t_prep:.1f} s, pair loop {t_loop:.1f} s measured; "
          f"{t_base_all:.1f} s for all pairs")
    print(f"ratio: {t_base_all / t_ours:.0f}x faster; mismatching values on the compared pairs: {mismatches}")


if __name__ == "__main__":
    main()

"""Which states exist in which year: the COW state system, carried to 2025 by isard.

COW's own list (v2016) stops at 2016; isard's ``cw_gw_panel`` is the COW system as a
state-year panel to 2025, so it is the population of the dyad-year frames.  National
material capabilities (COW NMC 7.0, to 2022) are state-year too and live here.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("isard_cw_gw_panel", "cow_nmc_7_0")
NMC_FIRST, NMC_LAST = 1816, 2022


def system() -> pa.Table:
    """ccode, iso3, year, name: one row per COW state-year, 1816–2025."""
    df = read_rda(registry.path("isard_cw_gw_panel")).dropna(subset=["ccode"])
    ccode = to_int(df["ccode"]).astype("int32")
    out = pd.DataFrame({
        "ccode": ccode, "iso3": countries.iso3_of_cow(ccode), "year": to_int(df["year"]).astype("int32"),
        "name": df["cw_name"].astype(str),
    }).drop_duplicates(["ccode", "year"])
    return pa.Table.from_pandas(out, preserve_index=False)


def nmc() -> pa.Table:
    """ccode, year, cinc and its six components (milex: thousands of GBP to 1913, USD after)."""
    df = read_rda(registry.path("cow_nmc_7_0"))
    for col in ("ccode", "year"):
        df[col] = to_int(df[col]).astype("int32")
    return pa.Table.from_pandas(df[["ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]], preserve_index=False)


TABLES = {"state_system": system, "cow_nmc": nmc}
TABLE_DATASETS = {"state_system": ("isard_cw_gw_panel",), "cow_nmc": ("cow_nmc_7_0",)}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

"""Where states sit: COW direct contiguity 3.2 and capitals with coordinates.

Both are spells (start and end dates), kept as spells here; the dyad-year verbs decide
what a spell means for a year (any overlap counts).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("cow_direct_contiguity_3_2", "cow_capitals")
CONTIGUITY_COVERAGE = (1816, 2016)
CAPITALS_COVERAGE = (1816, 2024)


def _dates(df: pd.DataFrame) -> pd.DataFrame:
    for col in ("stdate", "enddate"):
        df[col] = pd.to_datetime(df[col]).dt.date
    return df


def contiguity() -> pa.Table:
    """ccode1, ccode2, conttype (1 land; 2–5 water ≤12/24/150/400 miles), stdate, enddate."""
    df = _dates(read_rda(registry.path("cow_direct_contiguity_3_2")))
    for col in ("ccode1", "ccode2", "conttype"):
        df[col] = to_int(df[col]).astype("int32")
    return pa.Table.from_pandas(df[["ccode1", "ccode2", "conttype", "stdate", "enddate"]], preserve_index=False)


def capitals() -> pa.Table:
    """ccode, capital, stdate, enddate, lat, lng."""
    df = _dates(read_rda(registry.path("cow_capitals")))
    df["ccode"] = to_int(df["ccode"]).astype("int32")
    df["capital"] = df["capital"].astype(str)
    return pa.Table.from_pandas(df[["ccode", "capital", "stdate", "enddate", "lat", "lng"]], preserve_index=False)


TABLES = {"cow_contiguity": contiguity, "cow_capitals": capitals}
TABLE_DATASETS = {"cow_contiguity": ("cow_direct_contiguity_3_2",), "cow_capitals": ("cow_capitals",)}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

"""Militarized interstate disputes, directed dyad-year: COW MID 5.0 and Gibler–Miller–Little 2.2.1.

Both come as peacesciencer packaged them: one dispute per dyad-year (duplicates already
whittled upstream), only dyad-years *with* a dispute as rows.  The verb therefore reads an
absent row inside the coverage as 0 (no dispute) and outside it as NA.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("cow_mid_5_dyad_year", "gml_mid_2_2_1_dyad_year")
COVERAGE = {"cow_mids": (1816, 2014), "gml_mids": (1816, 2010)}


def _mids(dataset: str, prefix: str) -> pa.Table:
    df = read_rda(registry.path(dataset))
    out = pd.DataFrame({
        "ccode1": to_int(df["ccode1"]).astype("int32"),
        "ccode2": to_int(df["ccode2"]).astype("int32"),
        "year": to_int(df["year"]).astype("int32"),
        "dispnum": to_int(df["dispnum"]).astype("Int32"),
        "onset": to_int(df[f"{prefix}midonset"]).astype("Int8"),
        "ongoing": to_int(df[f"{prefix}midongoing"]).astype("Int8"),
        "hostlev": to_int(df["hostlev"]).astype("Int8"),
        "fatality": to_int(df["fatality"]).astype("Int8"),
    })
    return pa.Table.from_pandas(out, preserve_index=False)


def cow_mids() -> pa.Table:
    """ccode1, ccode2, year, dispnum, onset, ongoing, hostlev (dispute level), fatality."""
    return _mids("cow_mid_5_dyad_year", "cow")


def gml_mids() -> pa.Table:
    """Same layout as :func:`cow_mids`, from the GML corrections (to 2010)."""
    return _mids("gml_mid_2_2_1_dyad_year", "gml")


TABLES = {"cow_mids": cow_mids, "gml_mids": gml_mids}
TABLE_DATASETS = {"cow_mids": ("cow_mid_5_dyad_year",), "gml_mids": ("gml_mid_2_2_1_dyad_year",)}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

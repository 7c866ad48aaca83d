"""Reading R data files (.rda) shipped by R packages, the format of most peace-science data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr


def read_rda(path: Path, obj: str | None = None) -> pd.DataFrame:
    """The one data frame inside an .rda file (or the named object)."""
    result = pyreadr.read_r(str(path))
    if obj is None:
        (obj,) = result.keys()
    return result[obj]


def to_int(series: pd.Series) -> pd.Series:
    """R stores codes and years as doubles; make them nullable ints after checking for fractions."""
    if series.dropna().mod(1).ne(0).any():
        raise ValueError(f"column {series.name} has non-integer values")
    return series.astype("Int64")

"""Strategic rivalries: Thompson–Dreyer (to 2010) and Thompson–Sakuwa–Suhas (to 2020).

Rivalries are spells between two states; the verb marks a dyad-year 1 inside a spell,
0 inside the dataset's coverage otherwise, NA after its end year.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("thompson_dreyer_rivalries", "tss_rivalries")
COVERAGE = {"td": (1494, 2010), "tss": (1494, 2020)}


def _spells(dataset: str, source: str, start: str, end: str, name: str) -> pd.DataFrame:
    df = read_rda(registry.path(dataset))
    return pd.DataFrame({
        "source": source,
        "ccode1": to_int(df["ccode1"]).astype("int32"),
        "ccode2": to_int(df["ccode2"]).astype("int32"),
        "start": to_int(df[start]).astype("int32"),
        "end": to_int(df[end]).astype("int32"),
        "rivalry": df[name].astype(str),
    })


def rivalries() -> pa.Table:
    """source (td | tss), ccode1, ccode2, start, end, rivalry name."""
    out = pd.concat([
        _spells("thompson_dreyer_rivalries", "td", "styear", "endyear", "rivalryname"),
        _spells("tss_rivalries", "tss", "start", "end", "rivalry"),
    ], ignore_index=True)
    return pa.Table.from_pandas(out, preserve_index=False)


TABLES = {"rivalries": rivalries}
TABLE_DATASETS = {"rivalries": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

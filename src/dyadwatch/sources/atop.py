"""ATOP 5.1 alliance obligations, directed dyad-year (Leeds et al.), as packaged by peacesciencer.

Directed because obligations can be one-sided: a row (ccode1, ccode2) says what ccode1
promised ccode2.  Only dyad-years inside an alliance are rows upstream; the dyad-year verb
turns an absent row into 0 inside the coverage (1815–2018) and NA after it.
"""

from __future__ import annotations

import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("atop_5_1_directed_dyad_year",)
FIRST_YEAR, LAST_YEAR = 1815, 2018
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


def alliances() -> pa.Table:
    """ccode1, ccode2, year, atop_defense … atop_consul (0/1)."""
    df = read_rda(registry.path("atop_5_1_directed_dyad_year"))
    for col in ["ccode1", "ccode2", "year", *(f"atop_{o}" for o in OBLIGATIONS)]:
        df[col] = to_int(df[col]).astype("int32" if col in ("ccode1", "ccode2", "year") else "int8")
    return pa.Table.from_pandas(df, preserve_index=False)


TABLES = {"atop_alliance": alliances}
TABLE_DATASETS = {"atop_alliance": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

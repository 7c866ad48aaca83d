"""COW IGO 3.0 joint memberships, non-directed dyad-year (Pevehouse et al. 2020).

``dyadigos`` counts the IGOs in which both states are full members.  Upstream has a row
for every dyad-year of the state system 1816–2014 (0 included), so an absent row means
"not covered", never "no shared IGO".
"""

from __future__ import annotations

import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("cow_igo_3_joint_membership",)
FIRST_YEAR, LAST_YEAR = 1816, 2014


def joint_igos() -> pa.Table:
    """ccode1 < ccode2, year, dyadigos."""
    df = read_rda(registry.path("cow_igo_3_joint_membership"))
    for col in ("ccode1", "ccode2", "year", "dyadigos"):
        df[col] = to_int(df[col]).astype("int32")
    return pa.Table.from_pandas(df[["ccode1", "ccode2", "year", "dyadigos"]], preserve_index=False)


TABLES = {"cow_igo": joint_igos}
TABLE_DATASETS = {"cow_igo": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

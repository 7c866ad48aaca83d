"""UN General Assembly ideal points (Bailey, Strezhnev and Voeten; July 2025 release).

Keyed on COW ``ccode`` + year, because upstream ``iso3c`` is empty in 17 rows and reads
``YAR`` for both Yemens in 1967–1989; we map ccode to our own ISO3 key instead.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry

DATASETS = ("unga_ideal_points",)


def ideal_points() -> pa.Table:
    """iso3, ccode, year, idealpointfp/all/legacy, vote counts and the 5–95% posterior band."""
    df = pd.read_stata(registry.path("unga_ideal_points"))
    ccode = df["ccode"].astype("int32")
    out = pd.DataFrame(
        {
            "iso3": countries.iso3_of_cow(ccode),
            "ccode": ccode,
            "year": df["year"].astype("int32"),
            "idealpointfp": df["idealpointfp"].astype("float64"),
            "idealpointall": df["idealpointall"].astype("float64"),
            "idealpointlegacy": df["idealpointlegacy"].astype("float64"),
            "nvotesfp": df["nvotesfp"].astype("Int32"),
            "nvotesall": df["nvotesall"].astype("Int32"),
            "q5fp": df["q5fp"].astype("float64"),
            "q95fp": df["q95fp"].astype("float64"),
        }
    )
    return pa.Table.from_pandas(out, preserve_index=False)


TABLES = {"unga_ideal_points": ideal_points}
TABLE_DATASETS = {"unga_ideal_points": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

"""The countrycode crosswalk as a store table (the lookup itself lives in dyadwatch.countries).

The table adds ``un_member_from``: the admission date where the question depends on it
(see ``countries.UN_SEAT_DATES``), otherwise NA — the UN vote file has no admission dates
and a first-vote year would be a guess presented as a fact.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets

DATASETS = ("countrycode_codelist_csv",)


def country_table() -> pa.Table:
    t = countries.table().drop(columns=["regex"]).copy()
    t["aliases"] = t["aliases"].map(list)
    t["un_member_from"] = t["iso3"].map(lambda c: countries.UN_SEAT_DATES.get(c, (None, None))[0])
    t["un_member_until"] = t["iso3"].map(lambda c: countries.UN_SEAT_DATES.get(c, (None, None))[1])
    t["un_member_from"] = pd.to_datetime(t["un_member_from"]).dt.date
    t["un_member_until"] = pd.to_datetime(t["un_member_until"]).dt.date
    return pa.Table.from_pandas(t, preserve_index=False)


TABLES = {"countries": country_table}
TABLE_DATASETS = {"countries": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

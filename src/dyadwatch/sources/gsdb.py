"""Global Sanctions Data Base: release 2 (complete, 1949–2019) and the mirrored release-3 subset.

The release-3 file in the mirror holds only cases that end in 2013 or later.  That makes it
*complete for every year from 2013 on* (a case active in 2013+ ends in 2013+), and nothing
for earlier years.  Case ids differ between releases, so the two are not merged case by
case; instead each year comes from exactly one release: release 2 for 1949–2012,
release 3 for 2013–2022.  ``sanction_years`` holds one row per case, sender and year.

Senders and targets are names, several per cell.  Names resolve through the one country
lookup; organisations (UN, EU, …) keep their name with no ISO3, so "UN sanctions on the
DPRK" stay visible instead of being dropped.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.errors import UnknownCountry
from dyadwatch.sources import registry

DATASETS = ("gsdb_v2_cases", "gsdb_v3_cases_subset")
V2_YEARS, V3_YEARS = (1949, 2012), (2013, 2022)
COVERAGE = (V2_YEARS[0], V3_YEARS[1])

#: Names that contain a comma upstream; protected before cells are split on commas.
COMMA_NAMES = ("Gambia, The", "Yemen, North")
#: Names the country regexes would resolve to the wrong state.
NOT_A_STATE = {"Cyprus (Northern)"}


def _split(cell: str) -> list[str]:
    protected = cell
    for i, name in enumerate(COMMA_NAMES):
        protected = protected.replace(name, f"\x00{i}\x00")
    parts = [p.strip() for p in protected.split(",") if p.strip()]
    return [COMMA_NAMES[int(p[1:-1])] if p.startswith("\x00") else p for p in parts]


def _iso3(name: str) -> str | None:
    if name in NOT_A_STATE:
        return None
    try:
        return countries.iso3(name)
    except UnknownCountry:
        return None  # an organisation or group of states: kept by name


def _case_years(df: pd.DataFrame, release: str, years: tuple[int, int]) -> pd.DataFrame:
    df = df.assign(
        target=df["sanctioned_state"].map(_split), sender=df["sanctioning_state"].map(_split),
        year=[list(range(max(b, years[0]), min(e, years[1]) + 1)) for b, e in zip(df["begin"], df["end"])],
    ).explode("target").explode("sender").explode("year").dropna(subset=["year", "target", "sender"])
    names = pd.unique(pd.concat([df["target"], df["sender"]]))
    iso = {n: _iso3(n) for n in names}
    return pd.DataFrame({
        "release": release,
        "case_id": df["case_id"].astype("int32"),
        "year": df["year"].astype("int32"),
        "target": df["target"].astype(str),
        "target_iso3": df["target"].map(iso),
        "sender": df["sender"].astype(str),
        "sender_iso3": df["sender"].map(iso),
        "trade": df["trade"].astype("int8"),
        "arms": df["arms"].astype("int8"),
        "financial": df["financial"].astype("int8"),
    })


def sanction_years() -> pa.Table:
    """release, case_id, year, target(_iso3), sender(_iso3), trade/arms/financial dummies."""
    v2 = pd.read_csv(registry.path("gsdb_v2_cases"))
    v3 = pd.read_csv(registry.path("gsdb_v3_cases_subset"), encoding="utf-8-sig")
    out = pd.concat([_case_years(v2, "gsdb_v2", V2_YEARS), _case_years(v3, "gsdb_v3", V3_YEARS)], ignore_index=True)
    return pa.Table.from_pandas(out, preserve_index=False)


TABLES = {"sanction_years": sanction_years}
TABLE_DATASETS = {"sanction_years": DATASETS}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

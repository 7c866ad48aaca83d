"""The one country table and lookup that every module uses.

Built from the countrycode crosswalk (Arel-Bundock et al.), which already carries ISO,
COW, Gleditsch–Ward and UN codes *and* a tested English-name regex per country — so name
matching ("DPRK", "Democratic People's Republic of Korea", "Soviet Union") comes from a
maintained library's rules rather than a hand-written alias list.

Conventions fixed here (see docs/methods.md):

* The key is ISO3.  Historical states without one (Czechoslovakia, the GDR, Yugoslavia, the
  two Yemens...) get ``COW<ccode>``, e.g. ``COW315``, so they never collide with a modern code.
* The USSR and Russia are one entity, ``RUS`` / COW 365, as in COW, GW and the UN vote data;
  :func:`display_name` gives "Soviet Union" before 26 Dec 1991.
* UN membership: the day of admission for the states whose seat matters to the questions
  (both Koreas, 17 Sep 1991; the PRC in the China seat from 25 Oct 1971, Taiwan before);
  other states' ``un_member_from`` is NA rather than a date guessed from their first recorded
  vote (the store table ``un_membership`` has membership *years* from the 2016 vote release).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from dyadwatch.errors import UnknownCountry
from dyadwatch.sources import registry

USSR_END = dt.date(1991, 12, 26)

#: Seats whose dates the analysis depends on; from UN records (A/RES/46/1 admitted both
#: Koreas on 17 Sep 1991; A/RES/2758 (XXVI) of 25 Oct 1971 seated the PRC).
UN_SEAT_DATES: dict[str, tuple[dt.date, dt.date | None]] = {
    "PRK": (dt.date(1991, 9, 17), None),
    "KOR": (dt.date(1991, 9, 17), None),
    "CHN": (dt.date(1971, 10, 25), None),
    "TWN": (dt.date(1945, 10, 24), dt.date(1971, 10, 25)),
    "RUS": (dt.date(1945, 10, 24), None),
}

#: Short forms that the countrycode regexes do not cover but users type.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "RUS": ("USSR", "Soviet Union", "Russian Federation", "RF"),
    "PRK": ("DPRK", "North Korea", "Democratic People's Republic of Korea", "NK"),
    "KOR": ("ROK", "South Korea", "Republic of Korea", "SK"),
    "CHN": ("PRC", "People's Republic of China"),
    "USA": ("US", "U.S.", "United States of America", "America"),
    "GBR": ("UK", "Britain", "Great Britain"),
}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    iso2: str | None
    cow: int | None
    gw: int | None
    cameo: str | None
    un_numeric: int | None


@cache
def table() -> pd.DataFrame:
    """All countries: iso3, iso2, name, cow, gw, cameo, un_numeric, regex, aliases."""
    raw = pd.read_csv(
        registry.path("countrycode_codelist_csv"), keep_default_na=False, na_values=[""], low_memory=False
    )
    raw = raw[raw["iso3c"].notna() | raw["cown"].notna()]
    out = pd.DataFrame(
        {
            "iso3": raw["iso3c"].fillna("COW" + raw["cown"].astype("Int64").astype(str)),
            "iso2": raw["iso2c"],
            "name": raw["country.name.en"],
            "cow": raw["cown"].astype("Int64"),
            "gw": raw["gwn"].astype("Int64"),
            "cameo": raw["iso3c"],  # CAMEO country codes are ISO3 for states (checked in tests)
            "un_numeric": raw["un"].astype("Int64"),
            "regex": raw["country.name.en.regex"],
        }
    ).reset_index(drop=True)
    out["aliases"] = [list(EXTRA_ALIASES.get(i, ())) for i in out["iso3"]]
    return out


@cache
def _by_code() -> dict[str, int]:
    """Exact codes (ISO3, ISO2, COW number as text, alias) → row index; upper-cased."""
    t = table()
    index: dict[str, int] = {}
    for i, row in t.iterrows():
        for key in [row.iso3, row.iso2, *row.aliases]:
            if isinstance(key, str):
                index.setdefault(key.upper(), i)
        if pd.notna(row.cow):
            index.setdefault(str(int(row.cow)), i)
    return index


def lookup(name_or_code: str) -> Country:
    """Resolve a code, COW number or English name (any common form) to a :class:`Country`.

    Exact codes win; then the countrycode regexes; an unknown input raises
    :class:`UnknownCountry` with the closest names.
    """
    key = str(name_or_code).strip()
    t = table()
    i = _by_code().get(key.upper())
    if i is None:
        hits = [j for j, rx in enumerate(t["regex"]) if isinstance(rx, str) and re.search(rx, key, re.IGNORECASE)]
        i = hits[0] if len(hits) == 1 else None
    if i is None:
        raise UnknownCountry(f"unknown country {name_or_code!r}", f"did you mean: {', '.join(suggest(key))}?")
    row = t.iloc[i]
    return Country(
        iso3=row.iso3,
        name=row["name"],
        iso2=row.iso2 if isinstance(row.iso2, str) else None,
        cow=None if pd.isna(row.cow) else int(row.cow),
        gw=None if pd.isna(row.gw) else int(row.gw),
        cameo=row.cameo if isinstance(row.cameo, str) else None,
        un_numeric=None if pd.isna(row.un_numeric) else int(row.un_numeric),
    )


def iso3(name_or_code: str) -> str:
    """Shorthand: the ISO3 key of a country name or code."""
    return lookup(name_or_code).iso3


def suggest(text: str, n: int = 5) -> list[str]:
    """The ``n`` closest country names, for error messages (names and aliases, edit distance)."""
    from rapidfuzz import fuzz, process, utils

    labels: list[str] = []
    candidates: list[str] = []
    for _, r in table().iterrows():
        for candidate in [r["name"], *r.aliases]:
            labels.append(f"{r['name']} ({r.iso3})")
            candidates.append(candidate)
    ranked = process.extract(text, candidates, scorer=fuzz.ratio, processor=utils.default_process, limit=n * 3)
    out: list[str] = []
    for _, _, i in ranked:
        if labels[i] not in out:
            out.append(labels[i])
    return out[:n]


def display_name(iso3_code: str, on: dt.date | None = None) -> str:
    """The name to show for a country on a date: "Soviet Union" for RUS before 26 Dec 1991."""
    if iso3_code == "RUS" and on is not None and on < USSR_END:
        return "Soviet Union"
    try:
        return lookup(iso3_code).name
    except UnknownCountry:
        return iso3_code


def iso2_to_iso3() -> dict[str, str]:
    t = table().dropna(subset=["iso2"])
    return dict(zip(t["iso2"], t["iso3"]))


def cow_to_iso3() -> dict[int, str]:
    t = table().dropna(subset=["cow"])
    return {int(c): i for c, i in zip(t["cow"], t["iso3"])}


def iso3_of_cow(ccode: pd.Series) -> pd.Series:
    """Our ISO3 key for a column of COW codes: ``COW<code>`` where the crosswalk has none.

    Every COW-keyed source uses this, so a state missing from the crosswalk gets the same key
    in all tables (the convention of :func:`table`) instead of being dropped by one of them.
    """
    return ccode.map(cow_to_iso3()).fillna("COW" + ccode.astype(str))

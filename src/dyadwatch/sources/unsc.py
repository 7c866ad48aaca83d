"""UN Security Council: the veto list (1946 – Sept 2022) and adopted resolutions with tallies (to 2019).

Two upstream files, one question: which permanent member shielded whom, and what the
Council adopted about a state.  Rows say which states an agenda item *names*; names are
found by the country table's names and aliases, longest first, so "Democratic People's
Republic of Korea" is the DPRK and not also the Republic of Korea.

The veto list's "China" before 25 Oct 1971 is the Republic of China (Taiwan's seat, TWN);
its "USSR" and "Russia" are both RUS, as everywhere in dyadwatch.  The meetings file has
tallies only (yes-no-abstain), no member-level votes: a unanimous tally is the one case in
which every permanent member's vote is known.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry

DATASETS = ("unsc_vetoes", "unsc_meetings")
VETO_COVERAGE_END = dt.date(2022, 9, 15)
RESOLUTIONS_COVERAGE = (1946, 2019)
PERMANENT = {"China": "CHN", "France": "FRA", "Russia": "RUS", "USSR": "RUS", "USA": "USA", "UK": "GBR"}
#: Permanent seats by holder and years held (the China seat: the ROC until, the PRC from 1971).
PERMANENT_SEATS = {
    "USA": (1946, 9999), "GBR": (1946, 9999), "FRA": (1946, 9999), "RUS": (1946, 9999),
    "TWN": (1946, 1971), "CHN": (1971, 9999),
}
RESOLUTION = re.compile(r"S/RES/(\d+)\s*\((\d{4})\)\s*(\d+)\s*-\s*(\d+)\s*-\s*(\d+)")


@cache
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every country name and alias (≥ 4 characters), longest first."""
    t = countries.table()
    names: dict[str, str] = {}
    for iso3, name, aliases in zip(t["iso3"], t["name"], t["aliases"]):
        for n in [name, *aliases]:
            if isinstance(n, str) and len(n) >= 4:
                names.setdefault(n, iso3)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b"), names


def named_states(text: str) -> list[str]:
    """ISO3 codes of the states an agenda text names (each once, in order of appearance)."""
    pattern, names = _name_pattern()
    return list(dict.fromkeys(names[m.group(0)] for m in pattern.finditer(str(text))))


def _member(column: str, date: dt.date) -> str:
    if column == "China" and date < countries.UN_SEAT_DATES["CHN"][0]:
        return "TWN"
    return PERMANENT[column]


def vetoes() -> pa.Table:
    """One row per veto × vetoing member × named state: year, date, draft, member_iso3, concerns_iso3."""
    df = pd.read_csv(registry.path("unsc_vetoes")).drop_duplicates()
    rows = []
    for r in df.itertuples(index=False):
        date = pd.to_datetime(r.date, format="%m/%d/%Y").date()
        named = named_states(f"{r.agenda_item}") or [None]
        for col in PERMANENT:
            if getattr(r, col) == 1:
                rows += [
                    {"year": date.year, "date": date, "draft": r.draft, "member_iso3": _member(col, date),
                     "concerns_iso3": iso, "agenda_item": r.agenda_item}
                    for iso in named
                ]
    return pa.Table.from_pylist(rows)


def resolutions() -> pa.Table:
    """One row per adopted resolution × named state: year, resolution, yes, no, abstain, concerns_iso3."""
    df = pd.read_excel(registry.path("unsc_meetings"))
    rows = []
    for r in df.itertuples(index=False):
        for number, year, yes, no, abstain in RESOLUTION.findall(str(r.result)):
            for iso in named_states(r.topics) or [None]:
                rows.append({
                    "year": int(year), "resolution": int(number), "yes": int(yes), "no": int(no),
                    "abstain": int(abstain), "concerns_iso3": iso, "topics": " ".join(str(r.topics).split()),
                })
    return pa.Table.from_pandas(pd.DataFrame(rows).drop_duplicates(["resolution", "concerns_iso3"]), preserve_index=False)


TABLES = {"unsc_vetoes": vetoes, "unsc_resolutions": resolutions}
TABLE_DATASETS = {"unsc_vetoes": ("unsc_vetoes",), "unsc_resolutions": ("unsc_meetings",)}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

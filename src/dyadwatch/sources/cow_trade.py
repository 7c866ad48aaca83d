"""Correlates of War trade 4.0: dyadic flows and national totals (Barbieri and Keshk).

Values are current USD million, rounded upstream to whole millions.  Kept as data rather
than silently "fixed":

* ``flow1`` is the imports of ``ccode1`` from ``ccode2`` and ``flow2`` the reverse, with
  ``ccode1 < ccode2`` as upstream stores the non-directed dyad.  The smoothed flows
  (COW's correction of implausible jumps) sit beside the raw ones.
* Known problems of specific dyad-years are a declared table (:data:`KNOWN_ISSUES`) that
  the dyad-year verb turns into a ``trade_flag`` column, so a reader sees the warning on the
  row instead of in a footnote.
* States that never report their own trade (:data:`NON_REPORTERS`): every flow involving
  them is the partner's report (mirror statistics), which the verb flags.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("cow_trade_dyadic_v4", "cow_trade_national_v4")

#: Last year COW trade 4.0 covers; later years are NA (or curated figures, flagged).
LAST_YEAR = 2014
FIRST_YEAR = 1870

#: COW codes of states whose own customs statistics are not reported to the IMF/UN, so COW
#: rebuilds their trade from partner reports.  The DPRK publishes no trade statistics.
NON_REPORTERS: dict[int, str] = {731: "DPRK publishes no trade statistics; all flows are partner (mirror) reports"}


@dataclass(frozen=True)
class KnownIssue:
    """A documented defect of COW trade for one dyad over a span of years."""

    ccode1: int
    ccode2: int
    first: int
    last: int
    flag: str
    note: str


KNOWN_ISSUES: tuple[KnownIssue, ...] = (
    KnownIssue(
        365, 731, 1955, 1991, "zero_unreliable",
        "COW records 0 although the USSR was the DPRK's largest trading partner; Soviet bloc trade was not "
        "reported in convertible currency. Read these zeros as missing, not as no trade.",
    ),
    KnownIssue(
        365, 731, 1996, 1996, "outlier",
        "Raw flows 347 and 577 are ~20 times the neighbouring years; COW's smoothed flows (16 and 79) "
        "are the plausible values.",
    ),
)


def _year_int(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    for col in cols:
        df[col] = to_int(df[col]).astype("int32")
    return df


def dyadic() -> pa.Table:
    """ccode1 < ccode2, year, flow1, flow2, smoothflow1, smoothflow2 (USD million; NA = not reported)."""
    df = _year_int(read_rda(registry.path("cow_trade_dyadic_v4")), ["ccode1", "ccode2", "year"])
    return pa.Table.from_pandas(df[["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"]], preserve_index=False)


def national() -> pa.Table:
    """ccode, year, imports, exports (USD million) — the denominators of dependence shares."""
    df = _year_int(read_rda(registry.path("cow_trade_national_v4")), ["ccode", "year"])
    return pa.Table.from_pandas(df[["ccode", "year", "imports", "exports"]], preserve_index=False)


def flags() -> pa.Table:
    """One row per flagged dyad-year of :data:`KNOWN_ISSUES` (ccode1 < ccode2)."""
    rows = [
        {"ccode1": i.ccode1, "ccode2": i.ccode2, "year": y, "trade_flag": i.flag, "trade_flag_note": i.note}
        for i in KNOWN_ISSUES
        for y in range(i.first, i.last + 1)
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema([
        ("ccode1", pa.int32()), ("ccode2", pa.int32()), ("year", pa.int32()),
        ("trade_flag", pa.string()), ("trade_flag_note", pa.string()),
    ]))


TABLES = {"cow_trade_dyadic": dyadic, "cow_trade_national": national, "cow_trade_flags": flags}
TABLE_DATASETS = {
    "cow_trade_dyadic": ("cow_trade_dyadic_v4",),
    "cow_trade_national": ("cow_trade_national_v4",),
    "cow_trade_flags": (),
}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

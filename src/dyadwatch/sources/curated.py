"""Curated extensions past the datasets' end: treaties, Security Council vetoes, trade figures.

Datasets stop (ATOP in 2018, COW trade in 2014, the veto list in September 2022); the
relationship did not.  The evidence base (``evidence/records/<DYAD>/*.yaml``) holds dated,
sourced records; this module turns the few that carry structured facts into tables:

* :data:`TREATIES` — a small declarative table of the treaties that define an alliance
  status, each with its dates, its obligations in ATOP's five categories, and the ids of
  the evidence records that document it.  Obligations count for every year in which the
  treaty was in force on at least one day (ATOP's rule), so a year of succession carries
  both treaties and the stronger obligation wins.
* :data:`VETOES` — vetoes cast after the veto list ends, by record.
* trade — every evidence ``figure`` whose measure ends in ``_trade_total`` (annual total
  trade of the record's dyad, USD million, as of 31 December).  When several records give
  one pair-year, the choice is fixed and stated: higher confidence, then official customs
  statistics, then record id; the number of competing figures stays on the row.

Record ids are checked against the evidence base when the tables are built, so a renamed
or deleted record is an error naming the treaty, not a silent loss of provenance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import pyarrow as pa

from dyadwatch.errors import InvalidInput
from dyadwatch.evidence.load import content_hash, load, records_dir
from dyadwatch.evidence.schema import Record
from dyadwatch.sources.atop import OBLIGATIONS

DATASETS: tuple[str, ...] = ()
TRADE_SUFFIX = "_trade_total"
CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Treaty:
    """A bilateral treaty and the obligations it creates for both parties (mutual)."""

    key: str
    name: str
    parties: tuple[str, str]
    signed: dt.date
    in_force_from: dt.date | None
    ended: dt.date | None
    obligations: Mapping[str, int]
    records: tuple[str, ...]
    basis: str
    confidence: str = "high"

    @property
    def first_year(self) -> int:
        return (self.in_force_from or self.signed).year

    def in_force(self, year: int, today: dt.date) -> bool:
        return self.first_year <= year <= (self.ended or today).year


TREATIES: tuple[Treaty, ...] = (
    Treaty(
        key="ussr-dprk-1961",
        name="USSR–DPRK Treaty of Friendship, Co-operation and Mutual Assistance (1961)",
        parties=("RUS", "PRK"), signed=dt.date(1961, 7, 6), in_force_from=None,
        ended=dt.date(1996, 9, 10), obligations={"defense": 1, "nonagg": 1},
        records=(
            "rus-prk-1961-07-06-friendship-mutual-assistance-treaty", "rus-prk-1995-09-xx-russia-notice-1961-treaty",
            "rus-prk-1996-09-10-1961-treaty-lapses",
        ),
        basis="Immediate military and other assistance if either party is attacked. Counted from signature (the "
        "records give no exchange of ratifications; ATOP 5.1 also starts in 1961); Russia gave notice in "
        "September 1995 and the treaty lapsed on 10 September 1996.",
    ),
    Treaty(
        key="rus-dprk-2000",
        name="Russia–DPRK Treaty on Friendship, Good-Neighbourliness and Cooperation (2000)",
        parties=("RUS", "PRK"), signed=dt.date(2000, 2, 9), in_force_from=None, ended=dt.date(2024, 12, 4),
        obligations={"consul": 1, "nonagg": 1},
        records=("rus-prk-2000-02-09-friendship-treaty-signed", "rus-prk-2024-12-04-csp-treaty-in-force"),
        basis="No military-assistance obligation; each side undertakes to contact the other when threatened and "
        "not to join pacts directed against it. Counted from signature (the entry-into-force date is not in the "
        "evidence base); lapsed when the 2024 treaty took effect. ATOP 5.1 codes non-aggression only from 2008.",
    ),
    Treaty(
        key="rus-dprk-2024",
        name="Russia–DPRK Treaty on Comprehensive Strategic Partnership (2024)",
        parties=("RUS", "PRK"), signed=dt.date(2024, 6, 19), in_force_from=dt.date(2024, 12, 4), ended=None,
        obligations={"defense": 1, "consul": 1},
        records=("rus-prk-2024-06-19-csp-treaty-signed", "rus-prk-2024-12-04-csp-treaty-in-force"),
        basis="Article 4: military and other assistance without delay if either party is attacked; Article 3: "
        "consultations on a direct threat. In force from the exchange of ratifications on 4 December 2024.",
    ),
    Treaty(
        key="prc-dprk-1961",
        name="PRC–DPRK Treaty of Friendship, Cooperation and Mutual Assistance (1961)",
        parties=("CHN", "PRK"), signed=dt.date(1961, 7, 11), in_force_from=dt.date(1961, 9, 10), ended=None,
        obligations={"defense": 1, "nonagg": 1},
        records=("prk-chn-1961-07-11-friendship-treaty-signed", "prk-chn-1961-09-10-friendship-treaty-in-force"),
        basis="Article II: immediate military assistance if either party is attacked. Still in force: Article VII "
        "keeps it in force until the parties agree otherwise, while some reports describe 20-year renewals "
        "(1981, 2001, 2021); the evidence records keep both readings.",
    ),
)


@dataclass(frozen=True)
class CuratedVeto:
    """A veto cast after the veto list ends (15 Sept 2022)."""

    date: dt.date
    draft: str
    members: tuple[str, ...]
    concerns: str
    record: str


VETOES: tuple[CuratedVeto, ...] = (
    CuratedVeto(dt.date(2024, 3, 28), "Panel of Experts renewal (US draft)", ("RUS",), "PRK",
                "unsc-prk-2024-03-28-russia-vetoes-panel-renewal"),
)
#: States whose Security Council record the evidence base follows after the veto list ends.
VETOES_COVER = frozenset({"PRK"})


# -- the evidence base ---------------------------------------------------------
def _records() -> dict[str, Record]:
    """Valid evidence records by id (records failing the schema are left to `evidence validate`)."""
    return _records_at(content_hash())


@cache
def _records_at(version: str) -> dict[str, Record]:
    """Parsed once per content of the records folder: edits made while a process runs are seen."""
    return {r.record.id: r.record for r in load().records}


def evidence_record(record_id: str) -> Record:
    """One valid evidence record by id (for citing the curated rows of a frame)."""
    return check_records((record_id,), "a dyad-year frame")[record_id]


def check_records(ids: tuple[str, ...], where: str) -> dict[str, Record]:
    """The valid records by id, after checking that ``where`` cites only existing ones.

    Returned so callers reuse this one snapshot: each :func:`_records` call re-hashes the folder.
    """
    records = _records()
    missing = [i for i in ids if i not in records]
    if missing:
        raise InvalidInput(
            f"{where} cites evidence record(s) {', '.join(missing)}, not found (or not valid) under {records_dir()}",
            "correct the id in dyadwatch/sources/curated.py, or run `dyadwatch evidence validate` to see what is wrong",
        )
    return records


# -- tables ----------------------------------------------------------------------
def _pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


def treaty_years(today: dt.date | None = None) -> pa.Table:
    """a < b, year, treaty_<obligation> (max over treaties in force), treaty names, record ids.

    One row per curated pair and year from the first treaty's year to today; a year with no
    treaty in force is a row of zeros (the pair is covered, no obligation).
    """
    today = today or dt.date.today()
    for t in TREATIES:
        check_records(t.records, f"treaty {t.key}")
    rows = []
    for a, b in sorted({_pair(*t.parties) for t in TREATIES}):
        own = [t for t in TREATIES if _pair(*t.parties) == (a, b)]
        for year in range(min(t.first_year for t in own), today.year + 1):
            live = [t for t in own if t.in_force(year, today)]
            row = {"a": a, "b": b, "year": year}
            row.update({f"treaty_{o}": max((t.obligations.get(o, 0) for t in live), default=0) for o in OBLIGATIONS})
            row["treaty"] = "; ".join(t.name for t in live) or None
            row["treaty_record"] = "; ".join(dict.fromkeys(r for t in live for r in t.records)) or None
            rows.append(row)
    return pa.Table.from_pylist(rows)


def vetoes() -> pa.Table:
    """year, date, draft, member_iso3, concerns_iso3, record — one row per member."""
    check_records(tuple(v.record for v in VETOES), "curated veto list")
    return pa.Table.from_pylist([
        {"year": v.date.year, "date": v.date, "draft": v.draft, "member_iso3": m, "concerns_iso3": v.concerns, "record": v.record}
        for v in VETOES for m in v.members
    ])


def _trade_candidates() -> Iterator[dict]:
    for rec in _records().values():
        f = rec.figure
        if f is None or not f.measure.endswith(TRADE_SUFFIX):
            continue
        if f.unit != "USD million" or (f.as_of.month, f.as_of.day) != (12, 31) or f.value is None:
            continue  # partial-year or ranged figures are not annual totals
        a, b = _pair(*rec.dyad.split("-"))
        yield {
            "a": a, "b": b, "year": f.as_of.year, "trade": float(f.value), "record": rec.id,
            "measure": f.measure, "estimator": f.estimator, "confidence": rec.confidence.value,
        }


def _preference(c: dict) -> tuple:
    return (CONFIDENCE_RANK[c["confidence"]], "customs" not in c["estimator"].lower(), c["record"])


def trade() -> pa.Table:
    """a < b, year, trade (USD million), record, estimator, n_figures (competing figures for that pair-year)."""
    groups: dict[tuple[str, str, int], list[dict]] = {}
    for c in _trade_candidates():
        groups.setdefault((c["a"], c["b"], c["year"]), []).append(c)
    rows = []
    for key in sorted(groups):
        best = min(groups[key], key=_preference)
        rows.append({**{k: best[k] for k in ("a", "b", "year", "trade", "record", "estimator")}, "n_figures": len(groups[key])})
    schema = pa.schema([("a", pa.string()), ("b", pa.string()), ("year", pa.int32()), ("trade", pa.float64()),
                        ("record", pa.string()), ("estimator", pa.string()), ("n_figures", pa.int32())])
    return pa.Table.from_pylist(rows, schema=schema)


TABLES = {"curated_treaties": treaty_years, "curated_vetoes": vetoes, "curated_trade": trade}
TABLE_DATASETS: dict[str, tuple[str, ...]] = {name: () for name in TABLES}
#: The tables read the evidence base, so their version is its content hash (as evidence.tables does).
TABLE_VERSIONS = {name: (lambda: {"evidence:records": content_hash()}) for name in TABLES}


def cite() -> dict[str, dict[str, list[str]]]:
    return {}

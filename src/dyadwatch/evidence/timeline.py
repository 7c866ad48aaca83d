"""The timeline of a pair: curated records filtered by date, category, source type and text.

``timeline_expr`` is a pure Ibis expression over the ``evidence_records`` table (no I/O),
so the CLI, the report and the Python face filter identically.  ``timeline()`` is the
Python face; it reloads the store table first when the record files changed since it was
loaded (the ``_versions`` row keeps their content hash), so an edited record shows at once.
"""

from __future__ import annotations

import datetime as dt
import re

import ibis
import pandas as pd

from dyadwatch import countries
from dyadwatch.errors import DyadwatchError, InvalidInput
from dyadwatch.evidence.load import content_hash
from dyadwatch.evidence.schema import ORGANISATION_CODES, Category, SourceType
from dyadwatch.evidence.tables import TABLES, VERSION_KEY
from dyadwatch.store import Store

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def actor(code: str) -> str:
    """A country (any name or code, via :mod:`dyadwatch.countries`) or an organisation code such as UNSC."""
    return code.strip().upper() if code.strip().upper() in ORGANISATION_CODES else countries.iso3(code)


def pair_dyads(a: str, b: str) -> tuple[str, str]:
    """Both spellings of the (order-insensitive) pair: RUS PRK and PRK RUS find file dyad RUS-PRK."""
    x, y = actor(a), actor(b)
    return f"{x}-{y}", f"{y}-{x}"


def date_bound(value: str | dt.date | None, end: bool = False) -> dt.date | None:
    """``2022`` / ``2022-05`` / ``2022-05-26``: the first day of the period, or its last when ``end``."""
    if value is None or isinstance(value, dt.date):
        return value
    m = _PARTIAL_DATE.match(str(value).strip())
    if not m:
        raise InvalidInput(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", "write e.g. 2022, 2022-05 or 2022-05-26")
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            return dt.date(year, month, day)
        if month:
            first = dt.date(year, month, 1)
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) if end else first
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError as exc:
        raise InvalidInput(f"date {value!r}: {exc}", "give a real calendar date") from None


def _choice(value: str | None, enum: type, what: str) -> str | None:
    if value is None:
        return None
    by_lower = {e.value.lower(): e.value for e in enum}
    if value.lower() not in by_lower:
        raise InvalidInput(f"unknown {what} {value!r}", f"use one of: {'; '.join(e.value for e in enum)}")
    return by_lower[value.lower()]


def timeline_expr(
    records: ibis.Table, a: str, b: str, start: dt.date | None = None, end: dt.date | None = None,
    category: str | None = None, source_type: str | None = None, search: str | None = None,
) -> ibis.Table:
    """Records of the pair, optionally filtered; a spell counts when it overlaps [start, end].

    ``search`` matches every word (case-insensitive) in title, summary, persons or organisations.
    """
    t = records.filter(records.dyad.isin(pair_dyads(a, b)))
    last_day = t.end_date.coalesce(t.date)
    if start is not None:
        t = t.filter(last_day >= start)
    if end is not None:
        t = t.filter(t.date <= end)
    if category is not None:
        t = t.filter(t.category == _choice(category, Category, "category"))
    if source_type is not None:
        t = t.filter(t.source_types.contains(_choice(source_type, SourceType, "source type")))
    if search:
        text = ibis.literal(" ").join([t.title, t.summary, ibis.literal(" ").join(t.persons), ibis.literal(" ").join(t.organisations)]).lower()
        for word in search.lower().split():
            t = t.filter(text.contains(word))
    return t.order_by([t.date, t.event_id])


def evidence_table(store: Store, name: str = "evidence_records") -> ibis.Table:
    """The store table ``name``, reloaded first when the record files changed since it was loaded.

    Both evidence tables are reloaded together when stale, so the directed view that the event
    index reads never lags behind the records the timeline shows.
    """
    current, versions = content_hash(), store.versions()
    stale = [t for t in TABLES if not store.has(t) or versions.get(t, {}).get("datasets", {}).get(VERSION_KEY) != current]
    if name in stale:
        from dyadwatch.store.catalog import load

        load(store, stale)
    return store.table(name)


def timeline(
    a: str, b: str, start: str | dt.date | None = None, end: str | dt.date | None = None,
    category: str | None = None, source_type: str | None = None, search: str | None = None,
    store: Store | str | None = None,
) -> pd.DataFrame:
    """The curated timeline of ``a`` and ``b`` (either order), one row per record, oldest first.

    ``start``/``end`` accept ``YYYY``, ``YYYY-MM`` or a full date (inclusive). Columns are the
    canonical event columns (``event_id``, ``date``, ``source_iso3``, ``cameo_code``,
    ``goldstein``, ``quad_class``...) plus ``category, title, summary, confidence`` and
    ``sources`` (a list of dicts: url, publisher, title, published, source_type).
    """
    from dyadwatch.api import open_store

    lo, hi = date_bound(start), date_bound(end, end=True)
    if lo and hi and lo > hi:
        raise DyadwatchError(f"start {lo} is after end {hi}", "swap --from and --to")
    with open_store(store) as s:
        df = timeline_expr(evidence_table(s), a, b, lo, hi, category, source_type, search).to_pandas()
    for col in ("date", "end_date"):
        df[col] = df[col].dt.date
    return df.reset_index(drop=True)

"""Citations of a record's sources, through the project's one citation formatter.

A record is our own summary; what a reader cites is the pages it rests on.  Each source
becomes a ``webpage`` :class:`~dyadwatch.citations.Reference`, so the CLI, the report and
the Python face print the same strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from dyadwatch.citations import STYLES, Reference, format_reference
from dyadwatch.errors import DyadwatchError
from dyadwatch.evidence.load import load


def references(record_id: str, sources: Iterable[Mapping]) -> list[Reference]:
    """One reference per source (url, publisher, title, published) of the record."""
    out = []
    for i, s in enumerate(sources, 1):
        published = s.get("published")
        date = published.isoformat() if isinstance(published, dt.date) else (str(published)[:10] if published else None)
        out.append(Reference(
            key=f"{record_id}-{i}", kind="webpage", title=s["title"], publisher=s["publisher"],
            url=s["url"], date=date, year=int(date[:4]) if date else None,
        ))
    return out


def cite_sources(record_id: str, sources: Iterable[Mapping], style: str) -> list[str]:
    """The record's sources formatted in ``style`` (one of :data:`~dyadwatch.citations.STYLES`)."""
    if style not in STYLES:
        raise DyadwatchError(f"unknown citation style {style!r}", f"use one of {', '.join(STYLES)}")
    return [format_reference(ref, style) for ref in references(record_id, sources)]


def cite(record_id: str, style: str = "chicago") -> list[str]:
    """Citations of the sources of record ``record_id`` (read from the record files)."""
    by_id = {r.record.id: r.record for r in load().records}
    rec = by_id.get(record_id)
    if rec is None:
        import difflib

        close = difflib.get_close_matches(record_id, by_id, n=5, cutoff=0.5)
        raise DyadwatchError(f"no evidence record with id {record_id!r}",
                             f"did you mean {', '.join(close)}?" if close else "`dyadwatch timeline A B --format csv` lists the ids")
    return cite_sources(rec.id, [s.model_dump() for s in rec.sources], style)

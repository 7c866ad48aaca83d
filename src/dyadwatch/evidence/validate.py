"""Checks across the records: the part of validation a single-record schema cannot do.

``validate()`` returns structured :class:`~dyadwatch.evidence.load.Problem` objects (file,
line, record id, field, what to do) so that the CLI, the tests and an editor integration
all read the same result.  Errors make validation fail; warnings (single source, possible
duplicate, odd URL form) are for the reviewer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz, utils

from dyadwatch import countries
from dyadwatch.errors import UnknownCountry
from dyadwatch.evidence import cameo
from dyadwatch.evidence.load import Loaded, Located, Problem, load_files, record_files
from dyadwatch.evidence.schema import ORGANISATION_CODES

#: Two records of one dyad this many days apart or closer, with titles at least this
#: similar (rapidfuzz token-set ratio, 0–100), are flagged as possible duplicates.
DUPLICATE_DAYS = 3
DUPLICATE_TITLE_SIMILARITY = 85


def validate(root: Path | None = None) -> list[Problem]:
    """Every problem in the records under ``root`` (default: the packaged records)."""
    files = record_files(root)
    return check(load_files(files), files)


def validate_files(paths: list[Path]) -> list[Problem]:
    """Problems within the given files only (links to records elsewhere are not resolved)."""
    return check(load_files(paths), paths)


def check(loaded: Loaded, files: list[Path]) -> list[Problem]:
    """Every problem in records already loaded from ``files``: lets a caller that needs the
    records too (:func:`dyadwatch.evidence.tables.records_table`) parse the YAML only once."""
    recs = loaded.records
    problems = list(loaded.problems)
    if not files:
        problems.append(Problem("error", "file", "(records folder)", "no *.yaml record files found", "point the loader at the records folder"))
    for check in (_folder, _codes, _countries, _figure_dates, _sources):
        for r in recs:
            problems += check(r)
    problems += _unique_ids(recs)
    problems += _links(recs)
    problems += _near_duplicates(recs)
    return sorted(problems, key=lambda p: (not p.is_error, p.file, p.line or 0))


def _folder(r: Located) -> list[Problem]:
    folder = Path(r.file).parent.name
    if "-" in folder and folder != r.record.dyad:
        return [r.problem("error", "dyad", f"dyad {r.record.dyad} in folder {folder}",
                          f"move the record to records/{r.record.dyad}/ or correct its dyad", "dyad")]
    return []


def _codes(r: Located) -> list[Problem]:
    code = r.record.event_code
    if code in cameo.codes():
        return []
    near = sorted(c for c in cameo.codes() if c.startswith(code[:3]) or c == code[:2])
    return [r.problem("error", "cameo", f"event_code {code!r} is not a CAMEO code",
                      f"use a code from the CAMEO table, e.g. {', '.join(near[:6]) or 'see docs/evidence.md'}",
                      "event_code")]


@cache
def _known_actor(code: str) -> bool:
    if code in ORGANISATION_CODES:
        return True
    try:
        return countries.lookup(code).iso3 == code
    except UnknownCountry:
        return False


def _actors(r: Located) -> Iterator[tuple[str, str]]:
    rec = r.record
    yield from (("dyad", c) for c in rec.dyad.split("-"))
    if rec.direction != "mutual":
        yield from (("direction", c) for c in rec.direction.split("->"))
    yield from ((f"countries.{i}", c) for i, c in enumerate(rec.countries))


def _countries(r: Located) -> list[Problem]:
    out = []
    for field, code in _actors(r):
        if not _known_actor(code):
            try:
                hint = f"use an ISO3 code: did you mean {', '.join(countries.suggest(code, 3))}?"
            except Exception:  # noqa: BLE001 - a hint must never hide the problem itself
                hint = "use an ISO3 code"
            out.append(r.problem("error", "country", f"{code!r} is not a known ISO3 country or organisation code",
                                 f"{hint} Organisations: {', '.join(sorted(ORGANISATION_CODES))}", field))
    return out


def _figure_dates(r: Located) -> list[Problem]:
    fig = r.record.figure
    if fig is not None and fig.as_of > dt.date.today():
        return [r.problem("error", "dates", f"figure.as_of {fig.as_of} is in the future", "use the date the figure refers to", "figure.as_of")]
    return []


def _sources(r: Located) -> list[Problem]:
    out = []
    if len(r.record.sources) == 1:
        out.append(r.problem("warning", "sources", "single-source record",
                             "add an independent second source if one exists, or say why not in confidence_reason", "sources"))
    for i, s in enumerate(r.record.sources):
        if (urlsplit(s.url).hostname or "").endswith("."):
            out.append(r.problem("warning", "url", f"host name of {s.url} ends with a dot",
                                 "drop the trailing dot after the domain", f"sources.{i}.url"))
    return out


def _unique_ids(recs: list[Located]) -> list[Problem]:
    by_id: dict[str, list[Located]] = defaultdict(list)
    for r in recs:
        by_id[r.record.id].append(r)
    return [
        r.problem("error", "id", f"id {rid} is used {len(rs)} times (also in {', '.join(f'{o.file}:{o.line}' for o in rs if o is not r)})",
                  "give each record its own id; never rename an id that is already published", "id")
        for rid, rs in by_id.items() if len(rs) > 1 for r in rs
    ]


def _links(recs: list[Located]) -> list[Problem]:
    ids = {r.record.id for r in recs}
    out = []
    for r in recs:
        for i, link in enumerate(r.record.links):
            if link.id == r.record.id:
                out.append(r.problem("error", "link", "record links to itself", "link to the other record's id", f"links.{i}.id"))
            elif link.id not in ids:
                out.append(r.problem("error", "link", f"link {link.type} → {link.id!r} points to no record",
                                     "correct the id (ids are listed by `dyadwatch timeline A B --format csv`) or add that record",
                                     f"links.{i}.id"))
    return out


def _near_duplicates(recs: list[Located]) -> list[Problem]:
    """Pairs in one dyad within a few days whose titles say nearly the same thing.

    Records that already link each other, and figure records of different estimators, are
    deliberate neighbours and are not flagged.
    """
    by_dyad: dict[str, list[Located]] = defaultdict(list)
    for r in recs:
        by_dyad[r.record.dyad].append(r)
    out = []
    for group in by_dyad.values():
        for x, y in _close_pairs(sorted(group, key=lambda r: r.record.date)):
            if _linked(x, y) or _different_estimates(x, y):
                continue
            score = fuzz.token_set_ratio(x.record.title, y.record.title, processor=utils.default_process)
            if score >= DUPLICATE_TITLE_SIMILARITY:
                out.append(y.problem("warning", "duplicate",
                                     f"possible duplicate of {x.record.id} ({x.file}:{x.line}; titles {score:.0f}% similar)",
                                     "merge the two, or link them ({type: same_event|follows, id: …}) if both are needed", "title"))
    return out


def _close_pairs(ordered: list[Located]) -> Iterator[tuple[Located, Located]]:
    """Pairs at most DUPLICATE_DAYS apart from a date-sorted list (a sliding window, not all pairs)."""
    for i, x in enumerate(ordered):
        for y in ordered[i + 1:]:
            if (y.record.date - x.record.date).days > DUPLICATE_DAYS:
                break
            yield x, y


def _linked(x: Located, y: Located) -> bool:
    return any(link.id == y.record.id for link in x.record.links) or any(link.id == x.record.id for link in y.record.links)


def _different_estimates(x: Located, y: Located) -> bool:
    fx, fy = x.record.figure, y.record.figure
    return fx is not None and fy is not None and (fx.estimator != fy.estimator or fx.measure != fy.measure)

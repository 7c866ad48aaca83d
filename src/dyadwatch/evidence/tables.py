"""The curated records as store tables, in the canonical event columns plus their own fields.

Two tables, loaded like any source (see :mod:`dyadwatch.store.catalog`):

* ``evidence_records`` — one row per record.  ``source_iso3``/``target_iso3`` follow the
  record's ``direction``; a *mutual* record keeps the dyad's order (first member as source)
  and ``mutual = true``.
* ``evidence_events`` — the *directed* view an event index counts: one row per direction,
  so a mutual act (a signing, a summit) appears once as A→B and once as B→A, both with
  ``event_id`` = the record id and ``direction_of_record = 'mutual'``.  Counting distinct
  ``event_id`` gives records; counting rows gives directed events.

Goldstein score and quad class come from the CAMEO tables in the mirror, never from the
record.  The table version is a content hash of the records folder (``TABLE_VERSIONS``),
since the records are not a registry dataset.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from dyadwatch.citations import cite_datasets
from dyadwatch.evidence import cameo
from dyadwatch.errors import InvalidInput
from dyadwatch.evidence.load import content_hash, load_files, record_files
from dyadwatch.evidence.schema import Record
from dyadwatch.evidence.validate import check

DATASET = "curated"
#: Key under which the records' content hash is stored in the store's ``_versions`` row.
VERSION_KEY = "evidence:records"

_SOURCE = pa.struct([("url", pa.string()), ("publisher", pa.string()), ("title", pa.string()),
                     ("published", pa.date32()), ("source_type", pa.string())])
_LINK = pa.struct([("type", pa.string()), ("id", pa.string())])
_FIGURE = pa.struct([("measure", pa.string()), ("value", pa.float64()), ("low", pa.float64()), ("high", pa.float64()),
                     ("unit", pa.string()), ("as_of", pa.date32()), ("estimator", pa.string())])

SCHEMA = pa.schema([
    ("event_id", pa.string()), ("dataset", pa.string()),
    ("date", pa.date32()), ("date_precision", pa.string()), ("end_date", pa.date32()),
    ("source_iso3", pa.string()), ("target_iso3", pa.string()), ("mutual", pa.bool_()),
    ("dyad", pa.string()), ("direction", pa.string()),
    ("cameo_code", pa.string()), ("cameo_base", pa.string()), ("cameo_root", pa.string()),
    ("cameo_label", pa.string()), ("quad_class", pa.int8()), ("goldstein", pa.float64()),
    ("num_sources", pa.int16()), ("source_url", pa.string()),
    ("category", pa.string()), ("title", pa.string()), ("summary", pa.string()),
    ("confidence", pa.string()), ("confidence_reason", pa.string()),
    ("countries", pa.list_(pa.string())), ("persons", pa.list_(pa.string())), ("organisations", pa.list_(pa.string())),
    ("sources", pa.list_(_SOURCE)), ("source_types", pa.list_(pa.string())),
    ("links", pa.list_(_LINK)), ("figure", _FIGURE),
    ("origin_file", pa.string()),
])


def _row(rec: Record, origin: str) -> dict:
    code = cameo.codes()[rec.event_code]  # validate() guarantees the code is known
    return {
        "event_id": rec.id, "dataset": DATASET,
        "date": rec.date, "date_precision": rec.date_precision.value, "end_date": rec.end_date,
        "source_iso3": rec.source_actor, "target_iso3": rec.target_actor, "mutual": rec.direction == "mutual",
        "dyad": rec.dyad, "direction": rec.direction,
        "cameo_code": code.code, "cameo_base": code.base, "cameo_root": code.root,
        "cameo_label": code.label, "quad_class": code.quad_class, "goldstein": code.goldstein,
        "num_sources": len(rec.sources), "source_url": rec.sources[0].url,
        "category": rec.category.value, "title": rec.title, "summary": rec.summary.strip(),
        "confidence": rec.confidence.value, "confidence_reason": rec.confidence_reason,
        "countries": rec.countries, "persons": rec.persons, "organisations": rec.organisations,
        "sources": [s.model_dump(mode="python") | {"source_type": s.source_type.value} for s in rec.sources],
        "source_types": sorted({s.source_type.value for s in rec.sources}),
        "links": [link.model_dump() for link in rec.links],
        "figure": rec.figure.model_dump() if rec.figure else None,
        "origin_file": origin,
    }


def _relative(file: str) -> str:
    """The file as ``<DYAD>/<name>.yaml``: stable wherever the package is installed."""
    return Path(file).parent.name + "/" + Path(file).name


def records_table(root: Path | None = None) -> pa.Table:
    """``evidence_records``: one row per record, sorted by date then id.

    Refuses to build while any record has a validation error, so the store only ever holds
    records that passed every check (and the previous table stays in place meanwhile).
    """
    files = record_files(root)
    loaded = load_files(files)
    errors = [p for p in check(loaded, files) if p.is_error]
    if errors:
        shown = "\n".join(str(p) for p in errors[:10])
        raise InvalidInput(f"{len(errors)} error(s) in the evidence records:\n{shown}",
                           "fix them (`dyadwatch evidence validate` lists all), then load again")
    located = sorted(loaded.records, key=lambda r: (r.record.date, r.record.id))
    return pa.Table.from_pylist([_row(r.record, _relative(r.file)) for r in located], schema=SCHEMA)


def events_table(root: Path | None = None) -> pa.Table:
    """``evidence_events``: the directed view, mutual records once in each direction."""
    rec = records_table(root)
    mutual = rec.filter(rec["mutual"])
    flipped = mutual.set_column(mutual.schema.get_field_index("source_iso3"), "source_iso3", mutual["target_iso3"]) \
                    .set_column(mutual.schema.get_field_index("target_iso3"), "target_iso3", mutual["source_iso3"])
    both = pa.concat_tables([rec, flipped])
    both = both.rename_columns(["direction_of_record" if c == "direction" else c for c in both.column_names])
    return both.sort_by([("date", "ascending"), ("event_id", "ascending"), ("source_iso3", "ascending")])


TABLES = {"evidence_records": records_table, "evidence_events": events_table}
_READS = (*cameo.DATASETS, "countrycode_codelist_csv")  # codes and the country check
TABLE_DATASETS = {"evidence_records": _READS, "evidence_events": _READS}
#: Versions beyond registry datasets: the records folder's content hash.
TABLE_VERSIONS = {name: (lambda: {VERSION_KEY: content_hash()}) for name in TABLES}


def cite() -> dict[str, dict[str, list[str]]]:
    """Citations of the code tables the records are scored with (records cite their own sources)."""
    return cite_datasets(list(cameo.DATASETS))

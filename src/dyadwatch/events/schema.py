"""The canonical event schema and the vectorised converters every reader shares.

Every reader (GDELT 1.0/2.0, ICEWS, POLECAT, and the curated records) maps its own layout
into :data:`EVENT_SCHEMA`, so the store, the dedup and the index never see a source format.
Conversions are pyarrow compute kernels over whole chunks (no Python loop per row): that
is what keeps ingest fast, and each converter also returns *why* a value is bad so that a
malformed row is quarantined with its reason instead of being dropped or crashing the file.
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("dataset", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("source_iso3", pa.string()),
        ("source_type", pa.string()),
        ("source_name", pa.string()),
        ("target_iso3", pa.string()),
        ("target_type", pa.string()),
        ("target_name", pa.string()),
        ("cameo_code", pa.string()),
        ("cameo_base", pa.string()),
        ("cameo_root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
        ("avg_tone", pa.float64()),
        ("source_url", pa.string()),
        ("date_added", pa.timestamp("s")),
        ("origin_file", pa.string()),
        ("origin_line", pa.int64()),
    ]
)

#: Dataset names as stored (the ``dataset=`` partition); ``--source gdelt`` means both GDELT.
DATASETS = ("gdelt1", "gdelt2", "icews", "polecat")

_FLOAT_RX = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_INT_RX = r"^[+-]?\d+$"
_CODE_RX = r"^\d{2,4}$"

#: Text that upstream files use for "no value" (GDELT: empty; ICEWS via R: NA).
NULL_TEXT = pa.array(["", "NA"])


Problems = list[tuple[pa.Array, str]]
"""(boolean mask of bad rows, reason template) pairs collected while converting a chunk."""


def nullify(arr: pa.Array) -> pa.Array:
    """Empty strings and ``NA`` become null, so "not given" is never confused with a value."""
    return pc.if_else(pc.is_in(arr, value_set=NULL_TEXT), pa.scalar(None, pa.string()), arr)


def _checked(arr: pa.Array, regex: str, to: pa.DataType, field: str, problems: Problems, required: bool) -> pa.Array:
    arr = nullify(arr)
    ok = pc.match_substring_regex(arr, regex)
    bad = pc.fill_null(pc.invert(ok), required)
    problems.append((bad, f"{field}: not a {'number' if to != pa.int64() else 'whole number'}"))
    clean = pc.if_else(pc.fill_null(ok, False), arr, pa.scalar(None, pa.string()))
    return pc.cast(clean, to)


def to_float(arr: pa.Array, field: str, problems: Problems, required: bool = False) -> pa.Array:
    """float64; a non-numeric value (or a missing required one) is a problem named by ``field``."""
    return _checked(arr, _FLOAT_RX, pa.float64(), field, problems, required)


def to_int(arr: pa.Array, field: str, problems: Problems, to: pa.DataType = pa.int32(), required: bool = False) -> pa.Array:
    return pc.cast(_checked(arr, _INT_RX, pa.int64(), field, problems, required), to)


def to_date(arr: pa.Array, fmt: str, field: str, problems: Problems) -> pa.Array:
    """date32 from text in ``fmt``; an unparseable or missing date is a problem (dates are required)."""
    parsed = pc.strptime(nullify(arr), format=fmt, unit="s", error_is_null=True)
    problems.append((pc.is_null(parsed), f"{field}: not a date in {fmt}"))
    return pc.cast(parsed, pa.date32())


def to_timestamp(arr: pa.Array, fmt: str) -> pa.Array:
    """Optional timestamps (DATEADDED): unparseable → null, never fatal (not needed by the index)."""
    return pc.strptime(nullify(arr), format=fmt, unit="s", error_is_null=True)


def cameo_code(arr: pa.Array, known: pa.Array, field: str, problems: Problems) -> pa.Array:
    """The CAMEO code as a zero-padded string.

    Codes are text with leading zeros (``030``); a file that went through a numeric type lost
    them (``30``).  A code that is unknown but becomes known with one leading zero is
    restored; anything that is not 2–4 digits is a problem.
    """
    arr = nullify(arr)
    padded = pc.binary_join_element_wise("0", arr, "")
    restore = pc.and_(pc.invert(pc.is_in(arr, value_set=known)), pc.is_in(padded, value_set=known))
    out = pc.if_else(pc.fill_null(restore, False), padded, arr)
    problems.append((pc.fill_null(pc.invert(pc.match_substring_regex(out, _CODE_RX)), True), f"{field}: not a CAMEO code"))
    return out


def quad_from_root(root: pa.Array) -> pa.Array:
    """QuadClass from the root code: 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4 (CAMEO convention)."""
    r = pc.cast(pc.if_else(pc.match_substring_regex(root, r"^\d{2}$"), root, pa.scalar(None, pa.string())), pa.int8())
    return pc.case_when(
        pc.make_struct(pc.less_equal(r, 5), pc.less_equal(r, 9), pc.less_equal(r, 14), pc.less_equal(r, 20)),
        pa.scalar(1, pa.int8()), pa.scalar(2, pa.int8()), pa.scalar(3, pa.int8()), pa.scalar(4, pa.int8()),
    )


def map_values(arr: pa.Array, fn: Callable[[str], str | None]) -> pa.Array:
    """Apply a Python mapping once per *distinct* value (country names, sectors), not per row."""
    enc = pc.dictionary_encode(arr).combine_chunks() if isinstance(arr, pa.ChunkedArray) else pc.dictionary_encode(arr)
    mapped = pa.array([fn(v) for v in enc.dictionary.to_pylist()], pa.string())
    return pc.take(mapped, enc.indices)


def keep_known(arr: pa.Array, known: pa.Array) -> pa.Array:
    """``arr`` where it is in ``known`` (e.g. state ISO3 codes), else null (regions, groups)."""
    return pc.if_else(pc.is_in(arr, value_set=known), arr, pa.scalar(None, pa.string()))


def reasons(problems: Problems, n: int) -> pa.Array:
    """One reason per row (the first problem found), null for a good row."""
    out = pa.nulls(n, pa.string())
    for mask, reason in reversed(problems):
        out = pc.if_else(mask, pa.scalar(reason), out)
    return out


def assemble(columns: dict[str, pa.Array], n: int) -> pa.Table:
    """A table in :data:`EVENT_SCHEMA` from the given columns; the others are null."""
    arrays = [columns[f.name].cast(f.type) if f.name in columns else pa.nulls(n, f.type) for f in EVENT_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def country_iso3(value: str | None) -> str | None:
    """ISO3 of a country name, code or COW number (ICEWS names, POLECAT codes); None if not a state."""
    if value is None:
        return None
    from dyadwatch import countries
    from dyadwatch.errors import UnknownCountry

    try:
        return countries.iso3(value)
    except UnknownCountry:
        return None


#: ICEWS/POLECAT sector words → CAMEO actor type, first match wins (government before military:
#: a defence minister is a government actor, as in CAMEO's GOV/MIL split).
SECTOR_TYPES = (
    ("Government", "GOV"), ("Executive", "GOV"), ("Cabinet", "GOV"), ("Legislative", "LEG"),
    ("Judicial", "JUD"), ("Military", "MIL"), ("Army", "MIL"), ("Police", "COP"), ("Intelligence", "SPY"),
    ("Rebel", "REB"), ("Insurgent", "INS"), ("Opposition", "OPP"), ("Business", "BUS"), ("Media", "MED"),
    ("Elite", "ELI"), ("Education", "EDU"), ("NGO", "NGO"), ("Civilian", "CVL"),
)


def sector_type(sectors: str | None) -> str | None:
    """A CAMEO-style actor type for a comma-separated sector list (None when nothing matches)."""
    if not sectors:
        return None
    if sectors.upper() in {code for _, code in SECTOR_TYPES}:
        return sectors.upper()
    return next((code for word, code in SECTOR_TYPES if word.lower() in sectors.lower()), None)


def headed_columns(t: pa.Table, dataset: str, origin: str, lines: pa.Array, problems: Problems,
                   actors: dict[str, tuple[str, str, str]]) -> dict[str, pa.Array]:
    """The columns ICEWS and POLECAT share: id, ISO date, ``Intensity``, provenance, and both actors.

    ``actors`` maps ``source``/``target`` to that side's (country, sectors, name) columns.
    """
    n = t.num_rows
    cols = {
        "event_id": nullify(t["Event ID"]),
        "dataset": pa.array([dataset] * n, pa.string()),
        "date": to_date(t["Event Date"], "%Y-%m-%d", "Event Date", problems),
        "date_precision": pa.array(["day"] * n, pa.string()),
        "goldstein": to_float(t["Intensity"], "Intensity", problems),
        "origin_file": pa.array([origin] * n, pa.string()),
        "origin_line": lines,
    }
    problems.append((pc.is_null(cols["event_id"]), "Event ID: missing"))
    for side, (country, sectors, name) in actors.items():
        cols[f"{side}_iso3"] = map_values(nullify(t[country]), country_iso3)
        cols[f"{side}_type"] = map_values(nullify(t[sectors]), sector_type)
        cols[f"{side}_name"] = nullify(t[name])
    return cols

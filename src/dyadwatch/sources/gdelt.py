"""GDELT 1.0 events (57 or 58 fields), GDELT 2.0 event exports (61) and Mentions (16).

Column names come from the published schema files in the registry, never typed by hand.
Every field is read as text, so CAMEO codes keep their leading zeros (``030``, root ``03``);
GDELT has no quoting, so a stray ``"`` cannot merge fields.  GDELT 1.0 historical files
(before April 2013) lack ``SOURCEURL``: their 57-field rows are read as a legitimate layout,
padded with a null URL, even inside a file that mixes both.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.events import schema as s
from dyadwatch.sources import cameo, registry
from dyadwatch.sources._delimited import Chunk, read_chunks

DATASETS = ("gdelt2_events_export_sample", "gdelt1_events_sample", "gdelt2_mentions_sample",
            "gdelt1_events_schema", "gdelt2_events_schema", "gdelt2_mentions_schema")


@cache
def gdelt1_columns() -> list[str]:
    """The 58 GDELT 1.0 event column names (the 57-field layout is the first 57)."""
    return pd.read_csv(registry.path("gdelt1_events_schema"), dtype=str)["name"].tolist()


@cache
def gdelt2_columns() -> list[str]:
    return pd.read_csv(registry.path("gdelt2_events_schema"), dtype=str)["tableId"].tolist()


@cache
def mentions_columns() -> list[str]:
    return pd.read_csv(registry.path("gdelt2_mentions_schema"), sep="\t", dtype=str)["tableId"].tolist()


@cache
def state_codes() -> pa.Array:
    """ISO3 codes of states: CAMEO uses them for countries; region codes (AFR, EUR...) are not states."""
    return pa.array(countries.table()["iso3"].dropna().unique().tolist(), pa.string())


def _actor(t: pa.Table, n: int) -> dict[str, pa.Array]:
    return {
        "iso3": s.keep_known(s.nullify(t[f"Actor{n}CountryCode"]), state_codes()),
        "type": s.nullify(t[f"Actor{n}Type1Code"]),
        "name": s.nullify(t[f"Actor{n}Name"]),
    }


def canonical(t: pa.Table, dataset: str, origin: str, lines: pa.Array, added_fmt: str) -> tuple[pa.Table, pa.Array]:
    """Map a GDELT string table to the canonical schema; also return each row's problem (or null)."""
    problems: s.Problems = []
    known = cameo.known_codes()
    cols: dict[str, pa.Array] = {
        "event_id": s.nullify(t["GLOBALEVENTID"]),
        "dataset": pa.array([dataset] * t.num_rows, pa.string()),
        "date": s.to_date(t["SQLDATE"], "%Y%m%d", "SQLDATE", problems),
        "date_precision": pa.array(["day"] * t.num_rows, pa.string()),
        "cameo_code": s.cameo_code(t["EventCode"], known, "EventCode", problems),
        "cameo_base": s.nullify(t["EventBaseCode"]),
        "cameo_root": s.nullify(t["EventRootCode"]),
        "quad_class": s.to_int(t["QuadClass"], "QuadClass", problems, pa.int8(), required=True),
        "goldstein": s.to_float(t["GoldsteinScale"], "GoldsteinScale", problems),
        "num_mentions": s.to_int(t["NumMentions"], "NumMentions", problems),
        "num_sources": s.to_int(t["NumSources"], "NumSources", problems),
        "num_articles": s.to_int(t["NumArticles"], "NumArticles", problems),
        "avg_tone": s.to_float(t["AvgTone"], "AvgTone", problems),
        "source_url": s.nullify(t["SOURCEURL"]),
        "date_added": s.to_timestamp(t["DATEADDED"], added_fmt),
        "origin_file": pa.array([origin] * t.num_rows, pa.string()),
        "origin_line": lines,
    }
    problems.append((pc.is_null(cols["event_id"]), "GLOBALEVENTID: missing"))
    quad_ok = pc.is_in(cols["quad_class"], value_set=pa.array([1, 2, 3, 4], pa.int8()))
    problems.append((pc.invert(pc.fill_null(quad_ok, True)), "QuadClass: not 1-4"))
    for side, n in (("source", 1), ("target", 2)):
        cols.update({f"{side}_{k}": v for k, v in _actor(t, n).items()})
    return s.assemble(cols, t.num_rows), s.reasons(problems, t.num_rows)


def _events(path: Path, origin: str, dataset: str, names: list[str], alt: dict[int, list[str]], added_fmt: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    for chunk in read_chunks(path, names, alt_layouts=alt):
        table, why = canonical(chunk.table, dataset, origin, pa.array(chunk.lines), added_fmt)
        yield chunk, table, why


def read_gdelt2(path: Path, origin: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    """GDELT 2.0 event export (61 fields, DATEADDED to the second)."""
    return _events(path, origin, "gdelt2", gdelt2_columns(), {}, "%Y%m%d%H%M%S")


def read_gdelt1(path: Path, origin: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    """GDELT 1.0 events: daily files (58 fields) and historical files (57, no SOURCEURL)."""
    names = gdelt1_columns()
    return _events(path, origin, "gdelt1", names, {len(names) - 1: names[:-1]}, "%Y%m%d")


MENTIONS_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("event_time", pa.timestamp("s")),
        ("mention_time", pa.timestamp("s")),
        ("mention_type", pa.int8()),
        ("mention_source", pa.string()),
        ("mention_url", pa.string()),
        ("confidence", pa.int32()),
        ("doc_tone", pa.float64()),
        ("origin_file", pa.string()),
        ("origin_line", pa.int64()),
    ]
)


def read_mentions(path: Path, origin: str, header: bool) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    """GDELT 2.0 Mentions: raw (tab, no header) or re-serialised CSV with a lower-case header."""
    names = mentions_columns()
    for chunk in read_chunks(path, names, delimiter="," if header else "\t", header=header, quoted=header):
        t, problems = chunk.table, []
        out = pa.Table.from_arrays(
            [
                s.nullify(t["GLOBALEVENTID"]),
                s.to_timestamp(t["EventTimeDate"], "%Y%m%d%H%M%S"),
                s.to_timestamp(t["MentionTimeDate"], "%Y%m%d%H%M%S"),
                s.to_int(t["MentionType"], "MentionType", problems, pa.int8()),
                s.nullify(t["MentionSourceName"]),
                s.nullify(t["MentionIdentifier"]),
                s.to_int(t["Confidence"], "Confidence", problems),
                s.to_float(t["MentionDocTone"], "MentionDocTone", problems),
                pa.array([origin] * t.num_rows, pa.string()),
                pa.array(chunk.lines),
            ],
            schema=MENTIONS_SCHEMA,
        )
        problems.append((pc.is_null(out["event_id"]), "GLOBALEVENTID: missing"))
        yield chunk, out, s.reasons(problems, t.num_rows)


TABLES: dict = {}
TABLE_DATASETS: dict = {}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

"""ICEWS coded event files (Harvard Dataverse layout: tab-separated, header, 20 columns).

ICEWS names countries ("Russian Federation", "North Korea"), so they are resolved through
the one country lookup; sectors become a CAMEO-style actor type (GOV, MIL, ...) so the index
can filter government-to-government events across datasets.  ``Intensity`` is ICEWS's own
Goldstein value, which differs from GDELT's on 016, 022, 164 and 165 (see docs/events.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.citations import cite_datasets
from dyadwatch.events import schema as s
from dyadwatch.sources import cameo
from dyadwatch.sources._delimited import Chunk, header_names, read_chunks

DATASETS = ("icews_events_sample",)

REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
            "Intensity", "Target Name", "Target Sectors", "Target Country")


def canonical(t: pa.Table, origin: str, lines: pa.Array) -> tuple[pa.Table, pa.Array]:
    problems: s.Problems = []
    code = s.cameo_code(t["CAMEO Code"], cameo.known_codes(), "CAMEO Code", problems)
    root = pc.utf8_slice_codeunits(code, 0, 2)
    cols = {
        "event_id": s.nullify(t["Event ID"]),
        "dataset": pa.array(["icews"] * t.num_rows, pa.string()),
        "date": s.to_date(t["Event Date"], "%Y-%m-%d", "Event Date", problems),
        "date_precision": pa.array(["day"] * t.num_rows, pa.string()),
        "cameo_code": code,
        "cameo_base": pc.utf8_slice_codeunits(code, 0, 3),
        "cameo_root": root,
        "quad_class": s.quad_from_root(root),
        "goldstein": s.to_float(t["Intensity"], "Intensity", problems),
        "origin_file": pa.array([origin] * t.num_rows, pa.string()),
        "origin_line": lines,
    }
    problems.append((pc.is_null(cols["event_id"]), "Event ID: missing"))
    for side, col in (("source", "Source"), ("target", "Target")):
        cols[f"{side}_iso3"] = s.map_values(s.nullify(t[f"{col} Country"]), s.country_iso3)
        cols[f"{side}_type"] = s.map_values(s.nullify(t[f"{col} Sectors"]), s.sector_type)
        cols[f"{side}_name"] = s.nullify(t[f"{col} Name"])
    return s.assemble(cols, t.num_rows), s.reasons(problems, t.num_rows)


def read_icews(path: Path, origin: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    names = header_names(path, REQUIRED, "ICEWS")
    for chunk in read_chunks(path, names, header=True):
        table, why = canonical(chunk.table, origin, pa.array(chunk.lines))
        yield chunk, table, why


TABLES: dict = {}
TABLE_DATASETS: dict = {}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

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
from dyadwatch.sources._delimited import Chunk, read_headed

DATASETS = ("icews_events_sample",)

REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
            "Intensity", "Target Name", "Target Sectors", "Target Country")


def canonical(t: pa.Table, origin: str, lines: pa.Array) -> tuple[pa.Table, pa.Array]:
    problems: s.Problems = []
    code = s.cameo_code(t["CAMEO Code"], cameo.known_codes(), "CAMEO Code", problems)
    root = pc.utf8_slice_codeunits(code, 0, 2)
    cols = s.headed_columns(t, "icews", origin, lines, problems, {
        "source": ("Source Country", "Source Sectors", "Source Name"),
        "target": ("Target Country", "Target Sectors", "Target Name"),
    })
    cols.update(cameo_code=code, cameo_base=pc.utf8_slice_codeunits(code, 0, 3), cameo_root=root,
                quad_class=s.quad_from_root(root))
    return s.assemble(cols, t.num_rows), s.reasons(problems, t.num_rows)


def read_icews(path: Path, origin: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    return read_headed(path, origin, REQUIRED, "ICEWS", canonical)


TABLES: dict = {}
TABLE_DATASETS: dict = {}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

"""POLECAT weekly event files (PLOVER ontology), as distributed on Harvard Dataverse.

Layout (see docs/events.md for how it was verified): tab-separated with a header row whose
columns include ``Event ID, Event Date, Event Type, Event Mode, Intensity, Quad Code,
Contexts, Actor Name, Actor Country, Actor COW, Primary Actor Sector, Actor Sectors, ...,
Recipient Name, Recipient Country, Recipient COW, Primary Recipient Sector, ...``.

POLECAT has no CAMEO codes: ``cameo_*`` stay null (NA = "not covered"), the quad class comes
from the PLOVER event type by the PLOVER codebook's own table, and ``goldstein`` carries
POLECAT's ``Intensity`` (its own scale, not CAMEO Goldstein — compare within a dataset).
No real POLECAT file is in the mirror; the tests use a hand-written format file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.events import schema as s
from dyadwatch.sources._delimited import Chunk, read_headed

DATASETS: tuple[str, ...] = ()

REQUIRED = ("Event ID", "Event Date", "Event Type", "Intensity", "Actor Name", "Actor Country",
            "Primary Actor Sector", "Recipient Name", "Recipient Country", "Primary Recipient Sector")

#: PLOVER quad categories (PLOVER codebook README, "PLOVER quad categories").
PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION"), 3),
    **dict.fromkeys(("PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}


def canonical(t: pa.Table, origin: str, lines: pa.Array) -> tuple[pa.Table, pa.Array]:
    problems: s.Problems = []
    etype = pc.utf8_upper(pc.utf8_trim_whitespace(s.nullify(t["Event Type"])))
    quad = pc.cast(s.map_values(etype, lambda v: str(PLOVER_QUAD[v]) if v in PLOVER_QUAD else None), pa.int8())
    problems.append((pc.is_null(quad), "Event Type: not a PLOVER event type"))
    cols = s.headed_columns(t, "polecat", origin, lines, problems, {
        "source": ("Actor Country", "Primary Actor Sector", "Actor Name"),
        "target": ("Recipient Country", "Primary Recipient Sector", "Recipient Name"),
    })
    cols["quad_class"] = quad
    return s.assemble(cols, t.num_rows), s.reasons(problems, t.num_rows)


def read_polecat(path: Path, origin: str) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    return read_headed(path, origin, REQUIRED, "POLECAT", canonical)


TABLES: dict = {}
TABLE_DATASETS: dict = {}


def cite() -> dict[str, dict[str, list[str]]]:
    return {}

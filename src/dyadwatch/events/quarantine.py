"""Quarantined rows: every line an ingest could not use, with file, line and reason.

Nothing is dropped silently: a malformed row lands here (and in the ingest summary), and
the rest of its file is still ingested.  Stored in the DuckDB table ``event_quarantine``,
committed in the same transaction as the file's rows, so a crash never leaves one without
the other.
"""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.sources._delimited import BadLine, Chunk, row_text

SCHEMA = pa.schema([("origin_file", pa.string()), ("line", pa.int64()), ("reason", pa.string()), ("text", pa.string())])

DDL = """
CREATE TABLE IF NOT EXISTS event_quarantine (
    file_id VARCHAR, origin_file VARCHAR, line BIGINT, reason VARCHAR, text VARCHAR
)
"""


def from_chunk(chunk: Chunk, why: pa.Array, origin: str, delimiter: str = "\t") -> pa.Table:
    """Quarantine records for one chunk: bad field counts plus rows whose values failed."""
    mask = pc.is_valid(why)
    bad_rows = chunk.table.filter(mask)
    values = pa.table(
        {
            "origin_file": pa.array([origin] * bad_rows.num_rows, pa.string()),
            "line": pa.array(chunk.lines)[mask.to_numpy(zero_copy_only=False)] if bad_rows.num_rows else pa.array([], pa.int64()),
            "reason": why.filter(mask),
            "text": row_text(bad_rows, delimiter) if bad_rows.num_rows else pa.array([], pa.string()),
        },
        schema=SCHEMA,
    )
    return pa.concat_tables([_bad_lines(chunk.bad, origin), values])


def _bad_lines(bad: list[BadLine], origin: str) -> pa.Table:
    return pa.table(
        {"origin_file": [origin] * len(bad), "line": [b.line for b in bad], "reason": [b.reason for b in bad], "text": [b.text for b in bad]},
        schema=SCHEMA,
    )


def summarise(reasons: Counter) -> str:
    """``3 × QuadClass: not 1-4; 1 × 60 fields, expected 61`` — for the ingest summary."""
    return "; ".join(f"{n} × {r}" for r, n in reasons.most_common())

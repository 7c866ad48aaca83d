"""Streaming reader for headerless or headed delimited text, zipped or not, with line numbers.

GDELT and ICEWS files are tab-separated with *no quoting* (a stray ``"`` in a name must not
merge fields), and a bad line must be quarantined with its line number rather than abort the
file.  pyarrow's streaming CSV reader does not report line numbers of bad rows, so the
text is cut here into large chunks at line ends (bounded memory whatever the file size)
and each chunk is parsed single-threaded, which does report them; parallelism comes from
ingesting several files at once instead.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from dyadwatch.errors import InvalidInput

CHUNK_BYTES = 32 << 20


@dataclass
class BadLine:
    """A line that could not be split into the expected fields."""

    line: int
    reason: str
    text: str


@dataclass
class Chunk:
    """One parsed chunk: string columns, the file line of each row, and the lines that failed."""

    table: pa.Table
    lines: np.ndarray
    bad: list[BadLine] = field(default_factory=list)


@contextmanager
def open_text(path: Path) -> Iterator[io.BufferedIOBase]:
    """A binary stream of the file's text: plain, ``.gz``, or the single member of a ``.zip``."""
    name = path.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            with zf.open(members[0]) as fh:
                yield fh
    elif name.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            yield fh
    else:
        with path.open("rb") as fh:
            yield fh


def first_line(path: Path) -> bytes:
    """The first line (without its end), for format detection and headers."""
    with open_text(path) as fh:
        return fh.readline().rstrip(b"\r\n")


def _raw_chunks(fh: io.BufferedIOBase, chunk_bytes: int) -> Iterator[bytes]:
    rest = b""
    while True:
        block = fh.read(chunk_bytes)
        if not block:
            if rest:
                yield rest if rest.endswith(b"\n") else rest + b"\n"
            return
        block = rest + block
        cut = block.rfind(b"\n")
        if cut < 0:
            rest = block
            continue
        rest = block[cut + 1 :]
        yield block[: cut + 1]


def _parse(data: bytes, names: list[str], delimiter: str, quoted: bool = False) -> tuple[pa.Table, list[tuple[int, int, str]]]:
    """Parse one chunk; rows with another field count come back as (row number, count, text)."""
    other: list[tuple[int, int, str]] = []

    def handler(row: pcsv.InvalidRow) -> str:
        other.append((row.number, row.actual_columns, row.text))
        return "skip"

    table = pcsv.read_csv(
        io.BytesIO(data),
        read_options=pcsv.ReadOptions(column_names=names, use_threads=False, block_size=max(len(data), 1 << 20)),
        parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"' if quoted else False, invalid_row_handler=handler),
        convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False),
    )
    return table, other


def _alternate(rows: list[tuple[int, int, str]], names: list[str], delimiter: str, layout: list[str]) -> tuple[pa.Table, list[int]]:
    """Rows in a legitimate alternative layout (GDELT 1.0's 57 fields) padded to ``names``."""
    text = ("\n".join(r[2] for r in rows) + "\n").encode("utf-8")
    table, _ = _parse(text, layout, delimiter)
    cols = [table[n] if n in layout else pa.nulls(table.num_rows, pa.string()) for n in names]
    return pa.Table.from_arrays(cols, names=names), [r[0] for r in rows]


def read_chunks(
    path: Path,
    names: list[str],
    delimiter: str = "\t",
    header: bool = False,
    alt_layouts: dict[int, list[str]] | None = None,
    chunk_bytes: int | None = None,
    quoted: bool = False,
) -> Iterator[Chunk]:
    """Yield :class:`Chunk` s of string columns named ``names`` from ``path``.

    ``quoted`` turns on ``"`` quoting (only for re-serialised CSV; raw GDELT/ICEWS have none).
    ``alt_layouts`` maps another field count to its column names (a subset of ``names``);
    such rows are read too, not rejected.  Any other field count is a :class:`BadLine`.
    """
    alt_layouts = alt_layouts or {}
    with open_text(path) as fh:
        start = 1
        if header:
            fh.readline()
            start = 2
        for data in _raw_chunks(fh, chunk_bytes or CHUNK_BYTES):
            n_lines = data.count(b"\n")
            table, other = _parse(data, names, delimiter, quoted)
            skipped = np.array(sorted(r[0] for r in other), dtype=np.int64)
            good = np.setdiff1d(np.arange(1, n_lines + 1, dtype=np.int64), skipped, assume_unique=True)[: table.num_rows]
            chunk = Chunk(table, good + start - 1)
            for width, layout in alt_layouts.items():
                rows = [r for r in other if r[1] == width]
                if rows:
                    extra, numbers = _alternate(rows, names, delimiter, layout)
                    chunk.table = pa.concat_tables([chunk.table, extra])
                    chunk.lines = np.concatenate([chunk.lines, np.array(numbers, dtype=np.int64) + start - 1])
            chunk.bad = [
                BadLine(r[0] + start - 1, f"{r[1]} fields, expected {len(names)}"
                        + "".join(f" or {w}" for w in alt_layouts), r[2])
                for r in other if r[1] not in alt_layouts
            ]
            start += n_lines
            yield chunk


def row_text(table: pa.Table, delimiter: str = "\t") -> pa.Array:
    """Re-join a string table's fields into the original line text (for quarantine records)."""
    cols = [pc.fill_null(c, "") for c in table.columns]
    return pc.binary_join_element_wise(*cols, delimiter)


def header_names(path: Path, required: tuple[str, ...], what: str, delimiter: str = "\t") -> list[str]:
    """The header of a headed file, checked for the columns a reader needs."""
    names = first_line(path).decode("utf-8-sig", errors="replace").split(delimiter)
    missing = [c for c in required if c not in names]
    if missing:
        raise InvalidInput(
            f"{path}: line 1 (header) lacks the {what} column(s) {', '.join(missing)}",
            f"is this a {what} file? pass --format explicitly, or fix the header",
        )
    return names


def read_headed(path: Path, origin: str, required: tuple[str, ...], what: str, canonical) -> Iterator[tuple[Chunk, pa.Table, pa.Array]]:
    """Chunks of a headed tab file mapped by ``canonical(table, origin, lines) -> (events, problems)``."""
    names = header_names(path, required, what)
    for chunk in read_chunks(path, names, header=True):
        table, why = canonical(chunk.table, origin, pa.array(chunk.lines))
        yield chunk, table, why

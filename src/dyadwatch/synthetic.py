"""Seeded synthetic GDELT 2.0 event data — for scale tests and benchmarks only, never analysis.

Real GDELT is skewed: a handful of countries (USA, GBR, RUS, CHN, ...) appear in most
events and dyad sizes are heavy-tailed.  The generator reproduces that with Zipf-like
country weights, so benchmark queries see realistic group sizes.  Event codes, Goldstein
scores and quad classes come from the real CAMEO lookup, so every row passes validation.
Two outputs from one draw: raw 61-field export files (zipped, as GDELT ships them) to
benchmark ingest, and canonical Parquet rows to fill a store at sizes the ingest benchmark
has already covered.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from dyadwatch.events.schema import EVENT_SCHEMA
from dyadwatch.sources import cameo, gdelt

START = dt.date(2015, 2, 18)  # first GDELT 2.0 export
TYPES = np.array(["", "", "", "GOV", "GOV", "MIL", "BUS", "MED", "CVL", "OPP"])


@dataclass
class Draw:
    """One batch of random events as numpy arrays (indices into the lookup tables)."""

    ids: np.ndarray
    days: np.ndarray
    src: np.ndarray
    tgt: np.ndarray
    code: np.ndarray
    src_type: np.ndarray
    tgt_type: np.ndarray
    mentions: np.ndarray
    tone: np.ndarray
    url: np.ndarray


def _countries() -> np.ndarray:
    return np.array(sorted(set(gdelt.state_codes().to_pylist()) & set(cameo.country_codes()["code"].to_pylist())))


def _weights(n: int, rng: np.random.Generator, exponent: float = 1.2) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return rng.permutation(w) / w.sum()


class Generator:
    """Draw reproducible batches: the same seed and sizes give byte-identical output."""

    def __init__(self, seed: int = 0, until: dt.date | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        self.countries = _countries()
        self.cweights = _weights(len(self.countries), self.rng)
        codes = cameo.event_codes_frame().dropna(subset=["goldstein_gdelt"])
        self.codes = codes["code"].to_numpy()
        self.goldstein = codes["goldstein_gdelt"].to_numpy()
        self.quad = codes["quad_class"].to_numpy()
        self.cw = _weights(len(self.codes), self.rng, 1.0)
        self.n_days = ((until or dt.date.today()) - START).days + 1
        self.next_id = 1

    def draw(self, n: int, added_day: int | None = None, day_range: tuple[int, int] | None = None) -> Draw:
        """``n`` events; with ``added_day`` their dates trail it as in one export file (mostly the
        same or previous day, a few up to a year back), otherwise uniform over ``day_range``
        (default 2015–today)."""
        rng = self.rng
        if added_day is None:
            lo, hi = day_range or (0, self.n_days)
            days = np.sort(rng.integers(lo, hi, n))
        else:
            lag = np.where(rng.random(n) < 0.95, rng.geometric(0.6, n) - 1, rng.integers(0, 366, n))
            days = np.maximum(added_day - lag, 0)
        src = rng.choice(len(self.countries), n, p=self.cweights)
        tgt = rng.choice(len(self.countries), n, p=self.cweights)
        tgt = np.where(tgt == src, (tgt + 1) % len(self.countries), tgt)
        tgt = np.where(rng.random(n) < 0.15, -1, tgt)  # events with no second state actor
        ids = np.arange(self.next_id, self.next_id + n, dtype=np.int64)
        self.next_id += n
        return Draw(
            ids=ids,
            days=days,
            src=src, tgt=tgt,
            code=rng.choice(len(self.codes), n, p=self.cw),
            src_type=rng.integers(0, len(TYPES), n), tgt_type=rng.integers(0, len(TYPES), n),
            mentions=rng.geometric(0.3, n).astype(np.int32),
            tone=np.round(rng.normal(-1.5, 3.5, n), 6),
            url=rng.integers(0, max(n // 3, 1), n) + ids[0],
        )

    # -- raw GDELT 2.0 export layout --------------------------------------------------
    def export_table(self, d: Draw, added: dt.datetime) -> pa.Table:
        """The 61 string columns of a GDELT 2.0 export for one draw, added at ``added``."""
        n = len(d.ids)
        names = gdelt.gdelt2_columns()
        empty = pa.array([""] * n)
        date = pa.array((np.datetime64(START) + d.days).astype("datetime64[D]"))
        sqldate = pc.strftime(date, "%Y%m%d")
        src = pa.array(self.countries[d.src])
        tgt = pa.array(np.where(d.tgt >= 0, self.countries[np.maximum(d.tgt, 0)], ""))
        stype, ttype = pa.array(TYPES[d.src_type]), pa.array(np.where(d.tgt >= 0, TYPES[d.tgt_type], ""))
        code = pa.array(self.codes[d.code])
        cols = dict.fromkeys(names, empty)
        cols.update({
            "GLOBALEVENTID": pc.cast(pa.array(d.ids), pa.string()),
            "SQLDATE": sqldate, "MonthYear": pc.utf8_slice_codeunits(sqldate, 0, 6),
            "Year": pc.utf8_slice_codeunits(sqldate, 0, 4),
            "FractionDate": pc.cast(pa.array(np.round(2015 + (d.days + 48) / 365.25, 4)), pa.string()),
            "Actor1Code": pc.binary_join_element_wise(src, stype, ""), "Actor1Name": src, "Actor1CountryCode": src,
            "Actor1Type1Code": stype,
            "Actor2Code": pc.binary_join_element_wise(tgt, ttype, ""), "Actor2Name": tgt, "Actor2CountryCode": tgt,
            "Actor2Type1Code": ttype,
            "IsRootEvent": pa.array(np.where(d.mentions > 2, "1", "0")),
            "EventCode": code, "EventBaseCode": pc.utf8_slice_codeunits(code, 0, 3),
            "EventRootCode": pc.utf8_slice_codeunits(code, 0, 2),
            "QuadClass": pc.cast(pa.array(self.quad[d.code]), pa.string()),
            "GoldsteinScale": pc.cast(pa.array(self.goldstein[d.code]), pa.string()),
            "NumMentions": pc.cast(pa.array(d.mentions), pa.string()),
            "NumSources": pc.cast(pa.array(np.maximum(d.mentions // 2, 1)), pa.string()),
            "NumArticles": pc.cast(pa.array(d.mentions), pa.string()),
            "AvgTone": pc.cast(pa.array(d.tone), pa.string()),
            "DATEADDED": pa.array([f"{added:%Y%m%d%H%M%S}"] * n),
            "SOURCEURL": pc.binary_join_element_wise("https://news.example.invalid/a/", pc.cast(pa.array(d.url), pa.string()), ""),
        })
        return pa.table([cols[c] for c in names], names=names)

    def write_export_zips(self, folder: Path, rows: int, rows_per_file: int = 100_000) -> list[Path]:
        """Zipped export files of ``rows_per_file`` rows each, named like GDELT's, in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        paths, n_files = [], -(-rows // rows_per_file)
        for k, start in enumerate(range(0, rows, rows_per_file)):
            day = k * (self.n_days - 1) // max(n_files - 1, 1)
            stamp = dt.datetime.combine(START + dt.timedelta(days=day), dt.time()) + dt.timedelta(minutes=15 * (k % 96))
            table = self.export_table(self.draw(min(rows_per_file, rows - start), day), stamp)
            buf = io.BytesIO()
            pcsv.write_csv(table, buf, pcsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none"))
            name = f"{stamp:%Y%m%d%H%M%S}.export.CSV"
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                zf.writestr(name, buf.getvalue())
            paths.append(path)
        return paths

    # -- canonical rows ---------------------------------------------------------------
    def write_store(self, data_dir: Path, rows: int) -> int:
        """Fill an event store's ``data/`` folder with ``rows`` canonical rows, one Parquet file per
        month (sorted by dyad, like a compacted store); returns the number of files."""
        months = [(START.replace(day=1) + dt.timedelta(days=32 * i)).replace(day=1) for i in range(self.n_days // 28 + 2)]
        months = [m for m in months if (m - START).days < self.n_days]
        per = -(-rows // len(months))
        for i, m in enumerate(months):
            lo = max((m - START).days, 0)
            hi = min(((m + dt.timedelta(days=32)).replace(day=1) - START).days, self.n_days)
            n = min(per, rows - i * per)
            if n <= 0:
                break
            table = next(self.canonical_batches(n, n, (lo, hi))).drop_columns(["dataset"])
            table = table.sort_by([("source_iso3", "ascending"), ("target_iso3", "ascending"), ("date", "ascending")])
            folder = data_dir / "dataset=gdelt2" / f"month={m:%Y-%m}"
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, folder / "synthetic_0.parquet", row_group_size=1 << 17)
        return len(months)

    def canonical_batches(self, rows: int, batch: int = 2_000_000, day_range: tuple[int, int] | None = None) -> Iterator[pa.Table]:
        """Canonical-schema tables (dataset gdelt2) plus ``near_duplicate`` = false."""
        for start in range(0, rows, batch):
            d = self.draw(min(batch, rows - start), day_range=day_range)
            n = len(d.ids)
            tgt_ok = d.tgt >= 0
            cols = {
                "event_id": pc.cast(pa.array(d.ids), pa.string()),
                "dataset": pa.array(["gdelt2"] * n),
                "date": pa.array((np.datetime64(START) + d.days).astype("datetime64[D]")),
                "date_precision": pa.array(["day"] * n),
                "source_iso3": pa.array(self.countries[d.src]),
                "source_type": pa.array(TYPES[d.src_type]),
                "target_iso3": pa.array(np.where(tgt_ok, self.countries[np.maximum(d.tgt, 0)], None)),
                "target_type": pa.array(TYPES[d.tgt_type]),
                "cameo_code": pa.array(self.codes[d.code]),
                "quad_class": pa.array(self.quad[d.code].astype(np.int8)),
                "goldstein": pa.array(self.goldstein[d.code]),
                "num_mentions": pa.array(d.mentions),
                "avg_tone": pa.array(d.tone),
            }
            arrays = [cols[f.name].cast(f.type) if f.name in cols else pa.nulls(n, f.type) for f in EVENT_SCHEMA]
            table = pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)
            yield table.append_column("near_duplicate", pa.array(np.zeros(n, dtype=bool)))

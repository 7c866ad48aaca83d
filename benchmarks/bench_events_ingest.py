"""(a) Ingest of zipped GDELT 2.0 export files: dyadwatch vs a pandas read-and-concatenate baseline.

The baseline is what common GDELT clients (gdeltPyR and similar) do: ``pandas.read_csv`` each
zipped export (tab, no header, no quoting) and ``pandas.concat`` the frames.  It keeps
everything in memory and stores nothing.  Two variants: pandas' own type inference (its
fastest mode, but it turns CAMEO ``030`` into the integer 30), and ``dtype=str``, the correct
way to read GDELT (every field as text, leading zeros kept) and what dyadwatch does.  dyadwatch's
ingest parses, validates (quarantine), deduplicates by id and signature and writes the
partitioned Parquet store with crash-safe commits.  Each side runs in its own process so
its peak memory (max RSS) is measured separately.  Input: seeded synthetic files
(dyadwatch.synthetic), ``--rows-per-file`` rows each.

    DYADWATCH_MIRROR=../shared/data/mirror python benchmarks/bench_events_ingest.py --rows 10000000
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import machine, timed


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ours(files: list[Path], work: Path) -> dict:
    from dyadwatch.events.ingest import ingest
    from dyadwatch.store import Store

    def run() -> list:
        with Store(work / "bench.duckdb") as store:
            return ingest(store, files)

    sec, reports = timed(run)
    return {"seconds": sec, "rows": sum(r.rows_stored for r in reports), "peak_mib": _peak_mib()}


def child_pandas(files: list[Path], as_text: bool) -> dict:
    import pandas as pd

    kw = {"dtype": str, "keep_default_na": False} if as_text else {}
    sec, df = timed(lambda: pd.concat([pd.read_csv(f, sep="\t", header=None, quoting=csv.QUOTE_NONE, **kw) for f in files],
                                      ignore_index=True))
    return {"seconds": sec, "rows": len(df), "peak_mib": _peak_mib()}


def _run(which: str, folder: Path, work: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", which, "--files", str(folder), "--work", str(work)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--rows-per-file", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--files", type=Path, help="reuse this folder of generated files")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--child", choices=["ours", "pandas", "pandas-str"])
    args = ap.parse_args()
    if args.child:
        files = sorted(args.files.glob("*.zip"))
        result = child_ours(files, args.work) if args.child == "ours" else child_pandas(files, args.child == "pandas-str")
        print(json.dumps(result))
        return
    from dyadwatch.synthetic import Generator

    folder = args.files or Path(tempfile.gettempdir()) / f"dyadwatch_bench_gdelt2_{args.rows}_{args.seed}"
    if not any(folder.glob("*.zip")):
        sec, _ = timed(lambda: Generator(args.seed).write_export_zips(folder, args.rows, args.rows_per_file))
        print(f"generated {args.rows:,} rows in {sec:.1f} s → {folder}")
    size = sum(f.stat().st_size for f in folder.glob("*.zip"))
    work = Path(tempfile.mkdtemp(prefix="dyadwatch_bench_"))
    try:
        ours = _run("ours", folder, work)
        bases = {"pandas (inferred types)": _run("pandas", folder, work), "pandas (dtype=str)": _run("pandas-str", folder, work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {machine()}")
    print(f"input: {len(list(folder.glob('*.zip')))} zipped files, {size / 2**20:,.0f} MiB, {args.rows:,} rows")
    for name, r in (("dyadwatch ingest", ours), *bases.items()):
        print(f"{name:>24}: {r['seconds']:8.1f} s  {r['rows'] / r['seconds']:>12,.0f} rows/s  peak {r['peak_mib']:,.0f} MiB  ({r['rows']:,} rows)")
    for name, base in bases.items():
        print(f"vs {name}: speed ratio (pandas time / dyadwatch time) {base['seconds'] / ours['seconds']:.2f}×; "
              f"memory ratio (dyadwatch peak / pandas peak) {ours['peak_mib'] / base['peak_mib']:.2f}")


if __name__ == "__main__":
    main()

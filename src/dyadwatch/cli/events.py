"""``dyadwatch events ingest|update|stats|quarantine`` and ``dyadwatch index A B``."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from dyadwatch.api import open_store
from dyadwatch.cli._output import Format, write_frame
from dyadwatch.errors import DyadwatchError
from dyadwatch.events import download as dl
from dyadwatch.engines import ENGINES
from dyadwatch.events.api import SOURCES, event_index
from dyadwatch.events.ingest import FORMATS, FileReport, ingest as ingest_files
from dyadwatch.events.quarantine import summarise
from dyadwatch.events.store import EventStore
from dyadwatch.indicators.events import FREQS, OUTPUT

events_app = typer.Typer(help="Machine-coded event data: ingest files, update GDELT, show what is stored.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)

# Choices come from the modules that define them, so a new format, period or engine reaches the CLI by itself.
InFormat = StrEnum("InFormat", {f: f for f in FORMATS})
Freq = StrEnum("Freq", {f: f for f in FREQS})
Source = StrEnum("Source", {s: s for s in SOURCES})
EngineName = StrEnum("EngineName", {e: e for e in ENGINES})


def _summary(reports: list[FileReport]) -> None:
    table = Table("file", "format", "status", "read", "stored", "dup ids", "near-dups", "quarantined")
    for r in reports:
        table.add_row(Path(r.path).name, r.format, r.status, f"{r.rows_read:,}", f"{r.rows_stored:,}",
                      f"{r.duplicate_ids:,}", f"{r.near_duplicates:,}", f"{r.quarantined:,}")
    out.print(table)
    for r in reports:
        if r.quarantined:
            out.print(f"[yellow]quarantined[/] {Path(r.path).name}: {summarise(r.reasons)} "
                      "(see `dyadwatch events quarantine`)", highlight=False)
    total = sum(r.rows_stored for r in reports)
    out.print(f"{len(reports)} file(s): {total:,} rows stored, "
              f"{sum(r.quarantined for r in reports):,} quarantined, "
              f"{sum(r.status != 'ingested' for r in reports)} already ingested")


@events_app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Event files (plain, .zip or .gz), or registry dataset names.")],
    fmt: Annotated[InFormat, typer.Option("--format", help="Input layout; auto detects it from the first line.")] = InFormat.auto,
    workers: Annotated[int, typer.Option(help="Files parsed in parallel.")] = 2,
) -> None:
    """Ingest event files into the store (a file already ingested adds nothing).

    Example: dyadwatch events ingest 20191024143000.export.CSV.zip icews_events_sample
    """
    with open_store(ctx.obj["db"]) as s:
        _summary(ingest_files(s, paths, fmt.value, workers))


def _day(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise DyadwatchError(f"not a date: {text!r}", "write dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


@events_app.command()
def update(
    ctx: typer.Context,
    since: Annotated[str, typer.Option(help="First date (YYYY-MM-DD[THH:MM]) to fetch.")],
    until: Annotated[Optional[str], typer.Option(help="Last date (default: now, UTC).")] = None,
    version: Annotated[int, typer.Option(help="GDELT 2 (15-minute exports) or 1 (daily files).")] = 2,
    base_url: Annotated[Optional[str], typer.Option(help="GDELT server root (default $DYADWATCH_GDELT_BASE or data.gdeltproject.org).")] = None,
    dest: Annotated[Optional[Path], typer.Option(help="Download folder (default: the user cache).")] = None,
    workers: Annotated[int, typer.Option(help="Parallel downloads.")] = 4,
    retries: Annotated[int, typer.Option(help="Retries per file before it is logged and skipped.")] = 4,
    backoff: Annotated[float, typer.Option(help="First retry delay in seconds (doubles each time).")] = 1.0,
) -> None:
    """Fetch the GDELT files that are new since a date, verify their checksums, ingest them.

    Exits 1 when any listed file could not be fetched (after retries): never an empty success.

    Example: dyadwatch events update --since 2024-10-29
    """
    start = _day(since)
    end = _day(until) if until else dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if version == 2:
        remotes, missing = dl.gdelt2_listing(start, end, base_url)
    elif version == 1:
        remotes, missing = dl.gdelt1_listing(start.date(), end.date(), base_url)
    else:
        raise DyadwatchError(f"--version {version}: GDELT has versions 1 and 2", "use --version 2 or --version 1")
    report = dl.download(remotes, dest, workers, retries, backoff)
    out.print(f"GDELT {version}: {len(remotes)} file(s) listed from {start} to {end}: {len(report.fetched)} fetched, "
              f"{len(report.present)} already here, {len(report.failed)} failed, {len(missing)} slot(s) not listed upstream")
    for url, reason in report.failed:
        err.print(f"[red]failed[/] {url}: {reason}", highlight=False)
    if report.files:
        with open_store(ctx.obj["db"]) as s:
            _summary(ingest_files(s, report.files, f"gdelt{version}"))
    if report.failed or not remotes:
        if not remotes:
            err.print("[red]nothing listed[/] for that range: check --since/--until and the server", highlight=False)
        raise typer.Exit(1)


@events_app.command()
def stats(ctx: typer.Context) -> None:
    """Per dataset: files, rows read and stored, duplicates, quarantined, dates; plus a content checksum.

    Example: dyadwatch events stats
    """
    with open_store(ctx.obj["db"]) as s:
        es = EventStore(s).open_for_writing()
        table = Table("dataset", "files", "rows read", "stored", "dup ids dropped", "near-dups flagged", "quarantined", "first", "last")
        for row in es.stats():
            table.add_row(*[f"{v:,}" if isinstance(v, int) else str(v) for v in row])
        out.print(table)
        n, h = es.checksum()
        out.print(f"events: {n:,} rows, content checksum {h:016x}; Parquet under {es.data}")


@events_app.command("quarantine")
def quarantine_(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
) -> None:
    """The quarantined lines: file, line, reason and the text as read.

    Example: dyadwatch events quarantine --format csv
    """
    with open_store(ctx.obj["db"]) as s:
        EventStore(s).open_for_writing()
        df = s.con.execute("SELECT origin_file, line, reason, text FROM event_quarantine ORDER BY origin_file, line LIMIT ?", [limit]).df()
    write_frame(df, fmt, None, title="quarantined lines")


def index(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (name or code).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    freq: Annotated[Freq, typer.Option(help="Period.")] = Freq.month,
    source: Annotated[Source, typer.Option(help="curated, gdelt, icews, polecat or all.")] = Source.all,
    engine: Annotated[EngineName, typer.Option(help="Run on DuckDB or PySpark.")] = EngineName.duckdb,
    spark_master: Annotated[Optional[str], typer.Option(help="Spark master URL (default local[*]).")] = None,
    weight: Annotated[Optional[str], typer.Option(help="'mentions' weights each event by its mention count.")] = None,
    actor_type: Annotated[Optional[list[str]], typer.Option(help="Only events between actors of these types, e.g. GOV.")] = None,
    near_duplicates: Annotated[bool, typer.Option("--near-duplicates", help="Also count flagged near-duplicates.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to a file.")] = None,
) -> None:
    """Cooperation–conflict index of two countries, both directions, per day, month or year.

    Example: dyadwatch index RUS PRK --freq day --source icews
    """
    df = event_index(a, b, freq.value, source.value, engine.value, spark_master, weight, actor_type,
                     near_duplicates, store=ctx.obj["db"])
    if df.attrs.get("excluded_by_precision"):
        err.print(f"{df.attrs['excluded_by_precision']} record(s) dated too coarsely for --freq {freq.value} left out")
    if df.empty:
        err.print(f"no {source.value} events between {a} and {b}", highlight=False)
    write_frame(df[OUTPUT], fmt, output, title=f"cooperation–conflict {a}–{b} ({source.value}, {freq.value})")


def register(app: typer.Typer) -> None:
    app.add_typer(events_app, name="events")
    app.command()(index)

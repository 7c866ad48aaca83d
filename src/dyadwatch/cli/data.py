"""``dyadwatch data …``: the registry (list, fetch, verify, cite) and the store (load, status)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from dyadwatch import citations
from dyadwatch.errors import DyadwatchError, IntegrityError
from dyadwatch.sources import registry

data_app = typer.Typer(help="Upstream datasets: list, fetch, verify, cite; load them into the store.", no_args_is_help=True)
out = Console()
Names = Annotated[Optional[list[str]], typer.Argument(help="Dataset names (default: all). See `dyadwatch data list`.")]


@data_app.command("list")
def list_() -> None:
    """List every declared dataset with its size, licence and coverage.

    Example: dyadwatch data list
    """
    table = Table("dataset", "bytes", "licence", "coverage")
    for ds in registry.datasets().values():
        table.add_row(ds.name, f"{ds.bytes:,}", ds.licence[:40], ds.coverage[:70])
    out.print(table)


@data_app.command()
def fetch(names: Names = None) -> None:
    """Download (or find in $DYADWATCH_MIRROR) and verify datasets.

    Example: dyadwatch data fetch unga_votes unga_roll_calls
    """
    todo = names or list(registry.datasets())
    with Progress(console=out, transient=True) as bar:
        task = bar.add_task("fetching", total=len(todo))
        for name in todo:
            bar.update(task, description=name)
            path = registry.path(name)
            out.print(f"[green]ok[/] {name} → {path}")
            bar.advance(task)


@data_app.command()
def verify(names: Names = None) -> None:
    """Check sha256 and size of each local copy; exit 1 if any differs or is missing.

    Example: DYADWATCH_MIRROR=../shared/data/mirror dyadwatch data verify
    """
    results = registry.verify(names)
    bad = {n: e for n, e in results.items() if e}
    for name, problem in results.items():
        out.print(f"[green]ok[/] {name}" if problem is None else f"[red]FAIL[/] {problem}", highlight=False)
    out.print(f"{len(results) - len(bad)} verified, {len(bad)} failed")
    if bad:
        raise typer.Exit(1)


@data_app.command()
def cite(
    names: Names = None,
    style: Annotated[Optional[list[str]], typer.Option("--style", help="bibtex, apa, chicago, mla (repeatable).")] = None,
) -> None:
    """Print the citations of datasets in BibTeX, APA and Chicago (cite the original data).

    Example: dyadwatch data cite unga_votes unga_ideal_points --style apa
    """
    styles = tuple(style or citations.DEFAULT_STYLES)
    for name, per_style in citations.cite_datasets(names or list(registry.datasets()), styles).items():
        out.rule(name)
        for st, refs in per_style.items():
            out.print(f"[bold]{st}[/]")
            for ref in refs:
                out.print(ref, highlight=False, markup=False)


@data_app.command()
def load(
    ctx: typer.Context,
    tables: Annotated[Optional[list[str]], typer.Argument(help="Store tables (default: all).")] = None,
) -> None:
    """Load (or reload) source tables into the DuckDB store, atomically.

    Example: dyadwatch data load unga_votes unga_roll_calls
    """
    from dyadwatch.store import Store
    from dyadwatch.store.catalog import load as load_tables

    with Store(ctx.obj["db"]) as store, Progress(console=out, transient=True) as bar:
        task = bar.add_task("loading", total=None)
        counts = load_tables(store, tables, progress=lambda n: bar.update(task, description=f"loading {n}"))
    for name, rows in counts.items():
        out.print(f"[green]loaded[/] {name}: {rows:,} rows")


@data_app.command()
def status(ctx: typer.Context) -> None:
    """Show the tables in the store, their row counts and the dataset versions they came from.

    Example: dyadwatch --db /tmp/dw.duckdb data status
    """
    from dyadwatch.store import Store

    with Store(ctx.obj["db"]) as store:
        table = Table("table", "rows", "loaded at", "datasets (sha256)")
        for name, v in store.versions().items():
            table.add_row(name, f"{v['rows']:,}", str(v["loaded_at"])[:19], ", ".join(f"{d}:{h[:12]}" for d, h in v["datasets"].items()))
        out.print(table)
        out.print(f"store: {store.path}")


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")

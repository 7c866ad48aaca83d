"""The command-line face: ``dyadwatch <command>``.

Each command group lives in its own module and registers itself on :data:`app`; this
module only wires them together and turns :class:`DyadwatchError` into a clear message and
a non-zero exit code (no traceback for problems the user can fix).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from dyadwatch.errors import DyadwatchError

app = typer.Typer(
    help="dyadwatch: how the relationship between two countries evolved, with evidence.\n\n"
    "Example: dyadwatch report RUS PRK -o rus-prk.html",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[Optional[Path], typer.Option("--db", help="DuckDB store file (default: $DYADWATCH_DB or the user data dir).")] = None,
) -> None:
    ctx.obj = {"db": db}


def _register() -> None:
    from dyadwatch.cli import data, events, evidence, report, table, unga

    for mod in (data, unga, report, evidence, events, table):
        mod.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except DyadwatchError as exc:
        err.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        if exc.hint:
            err.print(f"  → {exc.hint}", highlight=False)
        sys.exit(2)

"""``dyadwatch unga`` and ``dyadwatch country``: alignment tables and the country lookup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from dyadwatch import api, countries
from dyadwatch.cli._output import Format, write_frame

out = Console()

COLUMNS = ["year", "a", "b", "n_both", "n_same", "agreement", "kappa", "idealpoint_distance", "idealpoint_distance_all"]


def unga(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (name or code).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    issue: Annotated[Optional[str], typer.Option(help="Issue tag: me, nu, di, hr, co, ec.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to a file.")] = None,
    all_columns: Annotated[bool, typer.Option("--all-columns", help="Include vote marginals and ideal points.")] = False,
) -> None:
    """UN General Assembly alignment of two countries per year (counts beside every share).

    Example: dyadwatch unga Russia "North Korea" --issue nu --format csv
    """
    df = api.unga_alignment(a, b, issue=issue, store=ctx.obj["db"])
    write_frame(df if all_columns else df[COLUMNS], fmt, output, title=f"UNGA alignment {a}–{b}")


def country(name: Annotated[str, typer.Argument(help="A name, alias or code: 'DPRK', 'Soviet Union', '731'.")]) -> None:
    """Look a country up: ISO3/ISO2, COW, GW, CAMEO and UN codes.

    Example: dyadwatch country "Democratic People's Republic of Korea"
    """
    c = countries.lookup(name)
    for field, value in c.__dict__.items():
        out.print(f"{field:>10}: {value}")


def register(app: typer.Typer) -> None:
    app.command()(unga)
    app.command()(country)

"""``dyadwatch table``: a dyad-year table for one pair or every pair, with chosen datasets added."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from dyadwatch.cli._output import Format, write_frame
from dyadwatch.dyadyears import VERBS, dyad_years
from dyadwatch.errors import InvalidInput

DEFAULT_ADD = "trade,alliances"


def parse_years(text: str) -> tuple[int, int]:
    """``1990-2025`` or ``2014`` → (first, last)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?", text)
    if not m:
        raise InvalidInput(f"--years {text!r} is not YEAR or FIRST-LAST", "e.g. --years 1990-2025")
    first = int(m.group(1))
    return first, int(m.group(2) or first)


def parse_add(text: str) -> list[str]:
    """Comma-separated verb names, checked against :data:`dyadwatch.dyadyears.VERBS`.

    ``all`` means the datasets with a fixed, declared coverage; ``events`` is left out
    because its columns depend on whatever event files this store has ingested (see
    :mod:`dyadwatch.dyadyears.events`), so it is asked for by name.
    """
    names = [n.strip() for n in text.split(",") if n.strip()]
    if names == ["all"]:
        return [n for n in VERBS if n != "events"]
    unknown = [n for n in names if n not in VERBS]
    if unknown:
        raise InvalidInput(f"--add: unknown dataset(s) {', '.join(unknown)}", f"choose from {', '.join(VERBS)} (or all)")
    return names


def table(
    ctx: typer.Context,
    a: Annotated[Optional[str], typer.Argument(help="First country (name or code); omit with --all-pairs.")] = None,
    b: Annotated[Optional[str], typer.Argument(help="Second country.")] = None,
    years: Annotated[str, typer.Option(help="Years, FIRST-LAST or one year.")] = "1946-2025",
    add: Annotated[str, typer.Option(help=f"Datasets to add, comma-separated: {', '.join(VERBS)}, or all.")] = DEFAULT_ADD,
    all_pairs: Annotated[bool, typer.Option("--all-pairs", help="Every pair of states in the system, not one pair.")] = False,
    directed: Annotated[bool, typer.Option("--directed", help="Both directions of each pair (a → b and b → a).")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to a file.")] = None,
) -> None:
    """Dyad-year table: one row per pair and year, with trade, alliances, UNGA, sanctions... added.

    Missing values are NA outside a dataset's coverage and 0 only where it covers the year
    and records none; see docs/dyad-years.md.

    Example: dyadwatch table RUS PRK --years 1990-2025 --add trade,alliances,sanctions --format csv -o rus-prk.csv
    """
    if all_pairs == (a is not None):
        raise InvalidInput("give two countries, or --all-pairs (not both)", "e.g. dyadwatch table RUS PRK, or dyadwatch table --all-pairs -o all.parquet")
    if a is not None and b is None:
        raise InvalidInput(f"only one country given ({a})", f"add the second, e.g. dyadwatch table {a} PRK")
    verbs = parse_add(add)
    df = dyad_years(None if all_pairs else [(a, b)], years=parse_years(years), directed=directed, store=ctx.obj["db"])
    for name in verbs:
        df = VERBS[name](df)
    title = "all pairs" if all_pairs else f"{a}–{b}"
    write_frame(df, fmt, output, title=f"Dyad-years {title}, {years}")


def register(app: typer.Typer) -> None:
    app.command()(table)

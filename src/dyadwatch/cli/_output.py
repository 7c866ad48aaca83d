"""Writing a DataFrame the way the user asked: a terminal table, CSV, JSON or Parquet."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from dyadwatch.errors import DyadwatchError


#: Width of tables written to a pipe or file rather than a terminal.
WIDE = 160


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def write_frame(df: pd.DataFrame, fmt: Format, output: Path | None = None, title: str | None = None) -> None:
    """Render ``df`` as ``fmt`` to ``output`` (stdout when None; Parquet needs a file)."""
    if fmt is Format.parquet:
        if output is None:
            raise DyadwatchError("--format parquet needs an output file", "add -o FILE.parquet")
        df.to_parquet(output, index=False)
        return
    if fmt is Format.csv:
        text = df.to_csv(index=False)
    elif fmt is Format.json:
        text = df.to_json(orient="records", date_format="iso", indent=1, force_ascii=False)
    else:
        if output is not None:
            text = df.to_string(index=False)
        else:
            _print_table(df, title)
            return
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(output).write_text(text, encoding="utf-8")


def _print_table(df: pd.DataFrame, title: str | None) -> None:
    table = Table(title=title, show_lines=False)
    for col in df.columns:
        table.add_column(str(col), justify="right" if pd.api.types.is_numeric_dtype(df[col]) else "left")
    for row in df.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    console = Console()
    # Piped output gets rich's 80-column default, which squeezes text columns to a word a line.
    (console if console.is_terminal else Console(width=WIDE)).print(table)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)

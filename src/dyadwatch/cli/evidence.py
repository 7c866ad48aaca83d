"""``dyadwatch evidence validate|stats``, ``dyadwatch timeline`` and ``dyadwatch cite``: the curated records."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console

from dyadwatch.citations import STYLES
from dyadwatch.cli._output import Format, write_frame
from dyadwatch.errors import DyadwatchError

out = Console()
evidence_app = typer.Typer(help="The curated evidence records: check them and count them.\n\nExample: dyadwatch evidence validate",
                           no_args_is_help=True)

#: Columns of the terminal table (the other formats carry every column).
TABLE_COLUMNS = ["date", "direction", "category", "title", "confidence", "event_id"]
#: Nested columns written as JSON text in CSV.
NESTED = ["countries", "persons", "organisations", "sources", "source_types", "links", "figure"]


#: The formatter's own styles, so the CLI offers exactly what :func:`dyadwatch.citations.format_reference` knows.
Style = StrEnum("Style", {s: s for s in STYLES})


RecordsDir = Annotated[Optional[Path], typer.Option("--records", help="Records folder (default: the packaged records).")]


@evidence_app.command()
def validate(
    records: RecordsDir = None,
    errors_only: Annotated[bool, typer.Option("--errors-only", help="Hide warnings (single source, possible duplicates).")] = False,
) -> None:
    """Check every record: schema, dates, URLs, CAMEO codes, countries, ids, links, near duplicates.

    Exits 1 when there is any error; warnings are listed but do not fail.

    Example: dyadwatch evidence validate --errors-only
    """
    from dyadwatch.evidence.validate import validate as run

    problems = run(records)
    errors = sum(p.is_error for p in problems)
    for p in problems:
        if p.is_error or not errors_only:
            out.print(str(p), highlight=False, markup=False, soft_wrap=True)
    warnings = len(problems) - errors
    kinds = pd.Series([p.kind for p in problems if not p.is_error], dtype=str).value_counts()
    out.print(f"{errors} error(s), {warnings} warning(s)" + (f" ({', '.join(f'{k}: {n}' for k, n in kinds.items())})" if warnings else ""),
              highlight=False)
    if errors:
        raise typer.Exit(1)


@evidence_app.command()
def stats(records: RecordsDir = None) -> None:
    """Counts by dyad, decade, category, source type and confidence, and the coverage targets.

    Example: dyadwatch evidence stats
    """
    from dyadwatch.evidence.stats import stats as compute

    s = compute(records)
    out.print(f"{s.total} records", highlight=False)
    for title, df in s.frames().items():
        write_frame(df, Format.table, title=title)


def timeline(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (name or code) or organisation (UNSC).")],
    b: Annotated[str, typer.Argument(help="Second; the order does not matter.")],
    start: Annotated[Optional[str], typer.Option("--from", help="First date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Last date (inclusive), same forms.")] = None,
    category: Annotated[Optional[str], typer.Option(help="e.g. 'summit/visit', 'arms transfer', 'sanctions/UN'.")] = None,
    source_type: Annotated[Optional[str], typer.Option("--source-type", help="Records with at least one source of this type, e.g. 'DPRK state media'.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Words that must all appear (title, summary, people, organisations).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to a file.")] = None,
) -> None:
    """The sourced timeline of two countries, oldest first.

    Example: dyadwatch timeline RUS PRK --from 2022 --category "arms transfer" --format json -o arms.json
    """
    from dyadwatch.evidence.timeline import timeline as compute

    df = compute(a, b, start, end, category, source_type, search, store=ctx.obj["db"])
    if fmt is Format.json:
        _write_json(df, output)
    elif fmt is Format.csv:
        write_frame(df.assign(**{c: df[c].map(_json_text) for c in NESTED}), fmt, output)
    else:
        write_frame(df[TABLE_COLUMNS] if fmt is Format.table else df, fmt, output, title=f"Timeline {a}–{b} ({len(df)} records)")


def _json_text(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, default=str)


def _plain(value: object) -> object:
    """numpy arrays / nested lists / dicts as plain JSON-able Python."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value is pd.NaT or (isinstance(value, float) and pd.isna(value)) else value


def _write_json(df: pd.DataFrame, output: Path | None) -> None:
    """A list of records with every field; nested sources/links stay objects, dates are ISO."""
    rows = [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
    text = json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def cite(
    record_id: Annotated[str, typer.Argument(help="The record id, as in `dyadwatch timeline`.")],
    style: Annotated[Style, typer.Option("--style", help="Citation style.")] = Style.chicago,
) -> None:
    """Citations of the sources an evidence record rests on.

    Example: dyadwatch cite rus-prk-2024-06-19-csp-treaty-signed --style bibtex
    """
    from dyadwatch.evidence.cite import cite as compute

    refs = compute(record_id, style.value)
    if not refs:
        raise DyadwatchError(f"record {record_id} has no sources", "run `dyadwatch evidence validate`")
    out.print("\n\n".join(refs) if style is Style.bibtex else "\n".join(refs), highlight=False, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")
    app.command()(timeline)
    app.command()(cite)

"""The dyad-year faces: ``dyadwatch table`` and the report's "Structure of the relationship" section."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.cli.table import parse_add, parse_years
from dyadwatch.dyads import comparison_pairs
from dyadwatch.errors import InvalidInput
from dyadwatch.report import ReportContext
from dyadwatch.report import structure_section

runner = CliRunner()


def test_table_csv_for_one_pair(store_path) -> None:
    result = runner.invoke(app, ["--db", str(store_path), "table", "Russia", "North Korea", "--years", "1992-1993", "--format", "csv"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.output))
    assert df[["year", "flow1", "flow2"]].values.tolist() == [[1992, 65, 227], [1993, 54, 185]]
    assert (df.atop_defense == 1).all()


def test_table_all_pairs_json(store_path, tmp_path) -> None:
    out = tmp_path / "all.json"
    result = runner.invoke(app, ["--db", str(store_path), "table", "--all-pairs", "--years", "2014", "--add", "trade,igos",
                                 "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text())
    chn_prk = next(r for r in rows if (r["a"], r["b"]) == ("CHN", "PRK"))
    assert chn_prk["trade"] == 6728 and chn_prk["dyadigos"] is not None
    assert len(rows) > 15000


@pytest.mark.parametrize("args", [["table"], ["table", "RUS"], ["table", "RUS", "PRK", "--all-pairs"], ["table", "RUS", "PRK", "--add", "gdp"]])
def test_table_errors_are_clear(store_path, args) -> None:
    result = runner.invoke(app, ["--db", str(store_path), *args])
    assert result.exit_code != 0
    assert isinstance(result.exception, InvalidInput) or "error" in result.output


def test_option_parsers() -> None:
    assert parse_years("1990-2025") == (1990, 2025) and parse_years("2014") == (2014, 2014)
    assert parse_add("trade, alliances") == ["trade", "alliances"] and "events" not in parse_add("all")
    with pytest.raises(InvalidInput, match="--years"):
        parse_years("the nineties")


def test_structure_section(store) -> None:
    ctx = ReportContext("RUS", "PRK", store, comparison_pairs("RUS", "PRK"))
    sec = structure_section.build(ctx)
    assert sec.id == "structure" and "atop_5_1_directed_dyad_year" in sec.datasets
    assert "Comprehensive Strategic Partnership" in sec.html and "unsc-prk-2024-03-28" in sec.html
    df = structure_section._frame(ctx)  # the spells collapse years: 1961–1996 defence under ATOP
    spells = structure_section.alliance_spells(df[(df.a == "RUS") & (df.b == "PRK")])
    first = spells[spells["first"] == 1961].iloc[0]
    assert (first["last"], first.status, first.source) == (1996, "defence, non-aggression", "ATOP 5.1")

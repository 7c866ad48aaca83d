"""The CLI: every command documents an example; errors are clear and exit non-zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from dyadwatch.cli import app

runner = CliRunner()


def _all_commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        out += _all_commands(cmd, path) if hasattr(cmd, "commands") else [path]
    return out


COMMANDS = _all_commands(typer.main.get_command(app))


def test_there_are_commands() -> None:
    assert {("report",), ("data", "verify"), ("data", "cite"), ("unga",), ("country",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def _run(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dyadwatch", "--db", str(db), *args], capture_output=True, text=True, timeout=300
    )


def test_unknown_country_exits_non_zero_with_suggestions(tmp_path: Path) -> None:
    result = _run("unga", "Rusia", "Noth Korea", db=tmp_path / "x.duckdb")
    assert result.returncode != 0
    assert "unknown country" in result.stderr and "Russia (RUS)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unga_csv_and_json(store_path: Path) -> None:
    csv = _run("unga", "RUS", "PRK", "--format", "csv", db=store_path)
    assert csv.returncode == 0, csv.stderr
    assert "2019,RUS,PRK,77,60,0.779" in csv.stdout
    rows = json.loads(_run("unga", "Russia", "DPRK", "--format", "json", db=store_path).stdout)
    assert {r["year"]: r["n_both"] for r in rows}[2019] == 77


def test_data_verify_and_cite(tmp_path: Path) -> None:
    ok = _run("data", "verify", "unga_votes", "unga_ideal_points", db=tmp_path / "x.duckdb")
    assert ok.returncode == 0 and "2 verified, 0 failed" in ok.stdout
    cite = _run("data", "cite", "unga_ideal_points", db=tmp_path / "x.duckdb")
    assert "@article{bailey2017" in cite.stdout and "Bailey, M. A., Strezhnev, A., & Voeten, E. (2017)" in cite.stdout


def test_country_lookup(tmp_path: Path) -> None:
    result = _run("country", "Soviet Union", db=tmp_path / "x.duckdb")
    assert result.returncode == 0 and "RUS" in result.stdout and "365" in result.stdout

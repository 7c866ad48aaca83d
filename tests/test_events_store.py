"""Event store: acceptance counts, idempotence, dedup, quarantine and crash safety (SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.events.ingest import ingest
from dyadwatch.events.store import EventStore
from dyadwatch.sources import registry
from dyadwatch.store import Store

from _events_util import GDELT_FIXTURE, ICEWS_FIXTURE, crash_on_rename, fixture, ingested_store


def test_gdelt2_export_acceptance_and_reingest(tmp_path: Path, mirror: Path) -> None:
    store = Store(tmp_path / "e.duckdb")
    [first] = ingest(store, ["gdelt2_events_export_sample"])
    assert (first.rows_stored, first.quarantined, first.duplicate_ids) == (2111, 0, 0)
    before = EventStore(store).checksum()
    assert before[0] == 2111
    [again] = ingest(store, [registry.path("gdelt2_events_export_sample")])
    assert again.status == "already ingested" and again.rows_stored == 0
    assert EventStore(store).checksum() == before


def test_reemitted_ids_are_dropped_and_counted(tmp_path: Path, mirror: Path) -> None:
    store = ingested_store(tmp_path, ["icews_events_sample"])
    [sub] = ingest(store, [fixture(ICEWS_FIXTURE)])  # the same 80 events, another file
    assert (sub.rows_read, sub.rows_stored, sub.duplicate_ids) == (80, 0, 80)
    assert EventStore(store).checksum()[0] == 3705


def test_near_duplicates_are_kept_flagged_and_counted(tmp_path: Path, mirror: Path) -> None:
    store = ingested_store(tmp_path, ["gdelt2_events_export_sample"])
    flagged = store.con.execute("SELECT count(*) FILTER (near_duplicate), count(*) FROM events").fetchall()[0]
    files = store.con.execute("SELECT near_duplicates FROM event_files").fetchall()[0][0]
    assert flagged[0] == files > 0 and flagged[1] == 2111


def test_quarantine_keeps_rest_of_file(tmp_path: Path, mirror: Path) -> None:
    lines = registry.path("gdelt2_events_export_sample").read_text("utf-8").splitlines()
    lines[9] = "\t".join(lines[9].split("\t")[:40])
    path = tmp_path / "damaged.export.CSV"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    store = Store(tmp_path / "e.duckdb")
    [rep] = ingest(store, [path], fmt="gdelt2")
    assert (rep.rows_stored, rep.quarantined) == (2110, 1)
    assert store.con.execute("SELECT origin_file, line, reason FROM event_quarantine").fetchall() == [
        ("damaged.export.CSV", 10, "40 fields, expected 61")]


def test_index_cli_icews_acceptance(tmp_path: Path) -> None:
    store = ingested_store(tmp_path, [fixture(ICEWS_FIXTURE)])
    db = store.path
    store.close()
    result = CliRunner().invoke(app, ["--db", str(db), "index", "RUS", "PRK", "--freq", "day", "--source", "icews", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.strip().splitlines()[1:]]
    totals: dict[tuple[str, str], int] = {}
    for r in rows:
        totals[(r[1], r[2])] = totals.get((r[1], r[2]), 0) + int(r[3])
    assert totals == {("RUS", "PRK"): 42, ("PRK", "RUS"): 38}


# -- crash safety -------------------------------------------------------------------------

def _inputs() -> list[str]:
    return [str(registry.path("gdelt2_events_export_sample")), str(registry.path("gdelt1_events_sample")),
            str(registry.path("icews_events_sample")), str(fixture(GDELT_FIXTURE)), str(fixture(ICEWS_FIXTURE))]


def _cli(db: Path, files: list[str]) -> subprocess.Popen:
    code = "import sys; from dyadwatch.cli import main; sys.argv = sys.argv[1:]; main()"
    return subprocess.Popen([sys.executable, "-c", code, "dyadwatch", "--db", str(db), "events", "ingest", *files],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())


def _state(db: Path) -> tuple:
    with Store(db) as s:
        es = EventStore(s)
        files = s.con.execute("SELECT file_id, rows_stored, near_duplicates, seq FROM event_files ORDER BY seq").fetchall()
        keys = s.con.execute("SELECT count(*), bit_xor(hash(dataset, event_id, signature)) FROM event_keys").fetchall()[0]
        return es.checksum(), files, keys


@pytest.fixture(scope="module")
def clean_state(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> tuple:
    db = tmp_path_factory.mktemp("clean") / "e.duckdb"
    proc = _cli(db, _inputs())
    assert proc.wait(120) == 0, proc.stderr.read()
    return _state(db)


def _kill_when(db: Path, ready) -> None:
    proc = _cli(db, _inputs())
    deadline = time.monotonic() + 120
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)


@pytest.mark.parametrize("moment", ["staging", "first_publish", "later"])
def test_sigkill_mid_ingest_then_rerun_equals_clean(tmp_path: Path, clean_state: tuple, moment: str) -> None:
    """SIGKILL while several files are being ingested; the rerun must give the clean store exactly."""
    db = tmp_path / "e.duckdb"
    root = tmp_path / "e.events"
    ready = {
        "staging": lambda: (root / "staging").is_dir() and any((root / "staging").iterdir()),
        "first_publish": lambda: any((root / "data").glob("*/*/*.parquet")),
        "later": lambda: len(list((root / "data").glob("dataset=*"))) >= 2,
    }[moment]
    _kill_when(db, ready)
    proc = _cli(db, _inputs())
    assert proc.wait(120) == 0, proc.stderr.read()
    assert _state(db) == clean_state


def test_crash_between_commit_and_publish_rolls_forward(tmp_path: Path, clean_state: tuple) -> None:
    """A crash after the commit, halfway through the renames: the next open finishes them."""
    db = tmp_path / "e.duckdb"
    with Store(db) as s, crash_on_rename():
        ingest(s, _inputs())
    with Store(db) as s:
        ingest(s, _inputs())
    assert _state(db) == clean_state


def test_small_chunks_spill_and_give_the_same_store(tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many chunks (cut at line ends, spilled to Parquet) must give exactly the one-chunk result."""
    import dyadwatch.sources._delimited as delimited

    items = ["gdelt2_events_export_sample", "gdelt1_events_sample"]
    whole = ingested_store(tmp_path / "whole", items)
    monkeypatch.setattr(delimited, "CHUNK_BYTES", 50_000)
    chunked = ingested_store(tmp_path / "chunked", items)
    assert EventStore(chunked).checksum() == EventStore(whole).checksum()


def test_mentions_go_to_their_own_table_once(tmp_path: Path, mirror: Path) -> None:
    store = ingested_store(tmp_path, ["gdelt2_mentions_sample"])
    [again] = ingest(store, ["gdelt2_mentions_sample"])
    assert again.status == "already ingested"
    assert store.con.execute("SELECT count(*), count(DISTINCT event_id) > 1 FROM event_mentions").fetchall()[0] == (1635, True)
    assert not store.has("events")  # mentions are not events


def test_cross_file_duplicates_rewrite_the_staged_partitions(tmp_path: Path, mirror: Path) -> None:
    """Ids and signatures already stored are only visible at commit: those rows are dropped / flagged."""
    export = registry.path("gdelt2_events_export_sample").read_text("utf-8").splitlines()
    renamed = ["9" + line for line in export[:5]]  # new ids, same date/actors/code/URL
    mixed = tmp_path / "mixed.export.CSV"
    mixed.write_text("\n".join(export[:100] + renamed + fixture(GDELT_FIXTURE).read_text("utf-8").splitlines()) + "\n", "utf-8")
    store = ingested_store(tmp_path, ["gdelt2_events_export_sample"])
    [rep] = ingest(store, [mixed])
    assert (rep.rows_read, rep.duplicate_ids, rep.rows_stored) == (114, 100, 14)
    flags = dict(store.con.execute(
        "SELECT event_id, near_duplicate FROM events WHERE origin_file = 'mixed.export.CSV'").fetchall())
    assert all(flags["9" + line.split("\t")[0]] for line in export[:5])
    assert sum(flags.values()) == 5

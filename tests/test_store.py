"""The store: idempotent loads, atomic replacement, survival of SIGKILL mid-load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dyadwatch.store import Store
from dyadwatch.store.catalog import load

# A child process that replaces unga_votes with the real rows, streamed slowly, and
# signals (by creating a file) once DuckDB is inside the transaction consuming batches.
CHILD = textwrap.dedent(
    """
    import sys, time, pyarrow as pa
    from pathlib import Path
    from dyadwatch.sources import unvotes
    from dyadwatch.store import Store
    db, marker = sys.argv[1], Path(sys.argv[2])
    table = unvotes.votes()
    def batches():
        for i, batch in enumerate(table.to_batches(max_chunksize=20_000)):
            if i == 3:
                marker.touch()
            if i >= 3:
                time.sleep(0.2)
            yield batch
    reader = pa.RecordBatchReader.from_batches(table.schema, batches())
    Store(db).replace("unga_votes", reader, ["unga_votes"])
    """
)


def _kill_mid_load(db: Path, tmp_path: Path) -> None:
    marker = tmp_path / "inside-transaction"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(marker)], env=os.environ.copy())
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert child.poll() is None, "child ended before reaching the transaction"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


def _snapshot(db: Path) -> tuple:
    with Store(db) as s:
        if not s.has("unga_votes"):
            return (None,)
        return tuple(
            s.con.execute(
                "SELECT count(*), count(DISTINCT (rcid, iso3)), sum(hash(rcid, iso3, vote)) FROM unga_votes"
            ).fetchall()[0]
        )


def test_load_twice_gives_the_same_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        first = load(s, ["unga_roll_calls"])
        second = load(s, ["unga_roll_calls"])
        assert first == second == {"unga_roll_calls": 6203}
        assert s.con.execute("SELECT count(*) FROM unga_roll_calls").fetchall()[0][0] == 6203


def test_sigkill_mid_load_keeps_previous_contents_and_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        load(s, ["countries", "unga_votes"])
    complete = _snapshot(db)
    assert complete[0] == complete[1] == 870_109  # no duplicate (rcid, country) rows

    _kill_mid_load(db, tmp_path)
    assert _snapshot(db) == complete  # the killed transaction left nothing behind

    with Store(db) as s:
        load(s, ["unga_votes"])
        assert s.versions()["unga_votes"]["rows"] == 870_109
    assert _snapshot(db) == complete


def test_sigkill_during_first_load_leaves_no_partial_table(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        load(s, ["countries"])
    _kill_mid_load(db, tmp_path)
    assert _snapshot(db) == (None,)
    with Store(db) as s:
        assert "unga_votes" not in s.versions()
        load(s, ["unga_votes"])
    assert _snapshot(db)[0] == 870_109

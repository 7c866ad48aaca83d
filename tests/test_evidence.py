"""The evidence tooling: validation (passes on the repo, fails on broken records), tables, store, timeline, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import dyadwatch
from dyadwatch.errors import DyadwatchError, InvalidInput
from dyadwatch.evidence import cameo
from dyadwatch.evidence.cite import cite
from dyadwatch.evidence.load import content_hash, load
from dyadwatch.evidence.stats import stats
from dyadwatch.evidence.tables import VERSION_KEY, events_table, records_table
from dyadwatch.evidence.timeline import date_bound, evidence_table
from dyadwatch.evidence.validate import validate
from dyadwatch.store import Store
from dyadwatch.store.catalog import load as load_tables

GOOD = {
    "id": "rus-prk-2024-06-19-csp-treaty-test",
    "date": "2024-06-19", "date_precision": "day",
    "dyad": "RUS-PRK", "direction": "mutual", "countries": ["RUS", "PRK"],
    "persons": ["Vladimir Putin", "Kim Jong Un"],
    "category": "treaty/agreement", "event_code": "057",
    "title": "Putin and Kim sign a partnership treaty",
    "summary": "A test record: the two leaders signed a treaty in Pyongyang.",
    "sources": [
        {"url": "https://en.kremlin.ru/events/president/news/74333", "publisher": "Kremlin", "title": "Talks",
         "published": "2024-06-19", "source_type": "Russian government"},
        {"url": "https://apnews.com/article/x", "publisher": "AP", "title": "Putin and Kim sign pact",
         "published": "2024-06-19", "source_type": "wire service"},
    ],
    "confidence": "high",
}


def write_records(folder: Path, records: list[dict], dyad: str = "RUS-PRK", name: str = "2020s.yaml") -> Path:
    path = folder / dyad / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def record(**changes: object) -> dict:
    return {**GOOD, **changes}


@pytest.fixture(scope="module")
def evidence_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding only the evidence tables (built from the repo's records)."""
    if not os.environ.get("DYADWATCH_MIRROR"):
        pytest.skip("DYADWATCH_MIRROR is not set")
    path = tmp_path_factory.mktemp("evidence") / "ev.duckdb"
    with Store(path) as s:
        load_tables(s, ["evidence_records", "evidence_events"])
    return path


# -- validation ---------------------------------------------------------------------------

def test_repo_records_validate_without_errors(mirror: Path) -> None:
    problems = validate()
    errors = [str(p) for p in problems if p.is_error]
    assert errors == [], "\n".join(errors)
    assert len(load().records) >= 450


def test_a_good_record_passes(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD])
    assert [p for p in validate(tmp_path) if p.is_error] == []


def test_broken_records_fail_with_file_line_id_and_field(mirror: Path, tmp_path: Path) -> None:
    path = write_records(tmp_path, [
        record(id="rus-prk-bad-precision", date="2024-06-19", date_precision="month"),
        record(id="rus-prk-bad-code", event_code="999"),
        record(id="rus-prk-bad-country", countries=["RUS", "XYZ"]),
        record(id="rus-prk-bad-link", links=[{"type": "denies", "id": "no-such-record-anywhere"}]),
        record(id="rus-prk-bad-url", sources=[{**GOOD["sources"][0], "url": "https://kremlin/x"}]),
        record(id="rus-prk-no-sources", sources=[]),
        record(id="rus-prk-future", date="2999-01-01"),
        record(id="rus-prk-end-first", end_date="2024-06-01"),
        record(id="rus-prk-bad-direction", direction="RUS->CHN"),
        record(id="rus-prk-low-no-reason", confidence="low"),
        record(id="rus-prk-dup-id"), record(id="rus-prk-dup-id", date="2020-01-01"),
        record(id="rus-prk-unknown-field", colour="red"),
    ])
    problems = [p for p in validate(tmp_path) if p.is_error]
    found = {(p.record_id, p.kind, p.field) for p in problems}
    expected = {
        ("rus-prk-bad-precision", "dates", "date_precision"),
        ("rus-prk-bad-code", "cameo", "event_code"),
        ("rus-prk-bad-country", "country", "countries.1"),
        ("rus-prk-bad-link", "link", "links.0.id"),
        ("rus-prk-bad-url", "url", "sources.0.url"),
        ("rus-prk-no-sources", "schema", "sources"),
        ("rus-prk-future", "dates", "date"),
        ("rus-prk-end-first", "dates", "end_date"),
        ("rus-prk-bad-direction", "schema", "direction"),
        ("rus-prk-low-no-reason", "schema", "confidence_reason"),
        ("rus-prk-dup-id", "id", "id"),
        ("rus-prk-unknown-field", "schema", "colour"),
    }
    assert expected <= found, expected - found
    assert all(p.file.endswith("RUS-PRK/2020s.yaml") and p.line and p.hint for p in problems)
    code = next(p for p in problems if p.kind == "cameo")
    assert code.index == 1 and code.line == path.read_text().splitlines().index("  event_code: '999'") + 1


def test_not_a_list_and_bad_yaml_are_file_problems(mirror: Path, tmp_path: Path) -> None:
    (tmp_path / "RUS-PRK").mkdir()
    (tmp_path / "RUS-PRK" / "a.yaml").write_text("id: x\n")
    (tmp_path / "RUS-PRK" / "b.yaml").write_text("- id: [unclosed\n")
    problems = validate(tmp_path)
    assert [p.kind for p in problems if p.is_error] == ["file", "file"]
    assert any(p.line for p in problems if "not valid YAML" in p.message)


def test_warnings_single_source_and_near_duplicate(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [
        GOOD,
        record(id="rus-prk-2024-06-20-csp-treaty-again", date="2024-06-20", title="Putin and Kim signed partnership treaty",
               sources=GOOD["sources"][:1]),
    ])
    problems = validate(tmp_path)
    assert not any(p.is_error for p in problems)
    kinds = {(p.kind, p.record_id) for p in problems}
    assert ("duplicate", "rus-prk-2024-06-20-csp-treaty-again") in kinds
    assert ("sources", "rus-prk-2024-06-20-csp-treaty-again") in kinds


def test_records_in_the_wrong_folder(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD], dyad="PRK-CHN")
    assert [(p.kind, p.field) for p in validate(tmp_path) if p.is_error] == [("dyad", "dyad")]


def test_cli_validate_exit_codes(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [record(event_code="999")])
    bad = subprocess.run([sys.executable, "-m", "dyadwatch", "evidence", "validate", "--records", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "RUS-PRK/2020s.yaml" in bad.stdout and GOOD["id"] in bad.stdout and "field event_code" in bad.stdout
    good = subprocess.run([sys.executable, "-m", "dyadwatch", "evidence", "validate", "--errors-only"],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout[-3000:]
    assert "0 error(s)" in good.stdout


# -- tables -------------------------------------------------------------------------------

def test_goldstein_and_quad_class_come_from_the_cameo_tables(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD, record(id="rus-prk-1945-08-09-occupation-test", date="1945-08-09",
                                          direction="RUS->PRK", event_code="192", category="troops",
                                          title="Soviet forces occupy northern Korea")])
    rows = {r["event_id"]: r for r in records_table(tmp_path).to_pylist()}
    treaty, occupation = rows[GOOD["id"]], rows["rus-prk-1945-08-09-occupation-test"]
    assert (treaty["goldstein"], treaty["quad_class"], treaty["cameo_root"]) == (8.0, 1, "05")  # 057 in CAMEO.goldsteinscale.txt
    assert (occupation["goldstein"], occupation["quad_class"], occupation["cameo_base"]) == (-9.5, 4, "192")
    assert treaty["dataset"] == "curated" and treaty["num_sources"] == 2 and treaty["source_url"] == GOOD["sources"][0]["url"]
    assert treaty["sources"][1]["publisher"] == "AP" and treaty["origin_file"] == "RUS-PRK/2020s.yaml"
    assert {c: cameo.codes()[c].goldstein for c in ("057", "192")} == {"057": 8.0, "192": -9.5}


def test_events_table_counts_mutual_records_in_both_directions(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD, record(id="rus-prk-2024-06-18-visit-test", date="2024-06-18", direction="RUS->PRK",
                                          event_code="042", category="summit/visit", title="Putin visits Pyongyang")])
    events = events_table(tmp_path).to_pandas()
    pairs = sorted(zip(events["event_id"], events["source_iso3"], events["target_iso3"]))
    assert pairs == [("rus-prk-2024-06-18-visit-test", "RUS", "PRK"), (GOOD["id"], "PRK", "RUS"), (GOOD["id"], "RUS", "PRK")]
    assert set(events["direction_of_record"]) == {"mutual", "RUS->PRK"}


def test_table_refuses_to_build_from_broken_records(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [record(event_code="999")])
    with pytest.raises(InvalidInput, match="event_code"):
        records_table(tmp_path)


def test_store_versions_the_records_by_content_hash_and_reloads_when_stale(
    mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DYADWATCH_EVIDENCE_DIR", str(tmp_path / "records"))  # a folder only this test edits
    write_records(tmp_path / "records", [GOOD])
    with Store(tmp_path / "s.duckdb") as s:
        load_tables(s, ["evidence_records", "evidence_events"])
        assert s.versions()["evidence_records"]["datasets"][VERSION_KEY] == content_hash()
        assert "cameo_goldstein_gdelt" in s.versions()["evidence_events"]["datasets"]
        assert evidence_table(s).count().execute() == 1
        write_records(tmp_path / "records", [record(id="rus-prk-2024-06-20-second-test", date="2024-06-20")], name="b.yaml")
        assert evidence_table(s).count().execute() == 2  # reloaded: stale hash
        for table in ("evidence_records", "evidence_events"):  # reloaded together
            assert s.versions()[table]["datasets"][VERSION_KEY] == content_hash()
        assert s.table("evidence_events").count().execute() == 4  # two mutual records, both directions


def test_content_hash_changes_with_any_record_file(tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD])
    before = content_hash(tmp_path)
    write_records(tmp_path, [GOOD], name="2010s.yaml")
    assert content_hash(tmp_path) != before


# -- timeline -----------------------------------------------------------------------------

def test_timeline_is_order_insensitive_and_filters(evidence_db: Path) -> None:
    full = dyadwatch.timeline("RUS", "PRK", store=evidence_db)
    assert full.equals(dyadwatch.timeline("North Korea", "Russia", store=evidence_db))
    assert set(full["dyad"]) == {"RUS-PRK"} and full["date"].is_monotonic_increasing
    recent = dyadwatch.timeline("RUS", "PRK", start="2022", store=evidence_db)
    assert (recent["date"].map(str) >= "2021").all() and len(recent) >= 120
    june = dyadwatch.timeline("RUS", "PRK", start="2024-06", end="2024-06", category="treaty/agreement", store=evidence_db)
    assert "rus-prk-2024-06-19-csp-treaty-signed" in set(june["event_id"])
    kcna = dyadwatch.timeline("RUS", "PRK", source_type="DPRK state media", store=evidence_db)
    assert len(kcna) and all("DPRK state media" in {s["source_type"] for s in srcs} for srcs in kcna["sources"])
    shoigu = dyadwatch.timeline("PRK", "RUS", search="Shoigu pyongyang", store=evidence_db)
    assert "rus-prk-2023-07-25-shoigu-arrives-pyongyang" in set(shoigu["event_id"])
    unsc = dyadwatch.timeline("UNSC", "PRK", store=evidence_db)
    assert set(unsc["dyad"]) == {"UNSC-PRK"}


def test_timeline_rejects_bad_options(evidence_db: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown category"):
        dyadwatch.timeline("RUS", "PRK", category="weather", store=evidence_db)
    with pytest.raises(InvalidInput, match="source type"):
        dyadwatch.timeline("RUS", "PRK", source_type="blog", store=evidence_db)
    with pytest.raises(DyadwatchError, match="after end"):
        dyadwatch.timeline("RUS", "PRK", start="2024", end="2023", store=evidence_db)


def test_date_bounds() -> None:
    assert str(date_bound("2024")) == "2024-01-01" and str(date_bound("2024", end=True)) == "2024-12-31"
    assert str(date_bound("2024-02", end=True)) == "2024-02-29" and str(date_bound("2024-06-19")) == "2024-06-19"
    with pytest.raises(InvalidInput):
        date_bound("June 2024")


# -- stats and citations ------------------------------------------------------------------

def test_stats_counts_and_targets(mirror: Path, tmp_path: Path) -> None:
    write_records(tmp_path, [GOOD, record(id="rus-prk-1961-07-06-treaty-test", date="1961-07-06", confidence="medium",
                                          confidence_reason="test")])
    s = stats(tmp_path)
    assert s.total == 2 and s.by_dyad.to_dict("records") == [{"dyad": "RUS-PRK", "records": 2}]
    assert dict(zip(s.by_confidence["confidence"], s.by_confidence["records"])) == {"high": 1, "medium": 1}
    assert dict(zip(s.by_source_type["source_type"], s.by_source_type["records"])) == {"Russian government": 2, "wire service": 2}
    targets = dict(zip(s.targets["target"], s.targets["actual"]))
    assert targets["RUS-PRK records from 2022 on"] == 1 and targets["records without a source"] == 0


def test_repo_stats_meet_the_coverage_targets(mirror: Path) -> None:
    s = stats()
    assert s.targets["met"].all(), s.targets.to_string()
    assert s.by_decade.drop(columns="decade").to_numpy().sum() == s.total


def test_cite_record_sources(mirror: Path) -> None:
    rid = "rus-prk-2024-06-19-csp-treaty-signed"
    bib = cite(rid, "bibtex")
    assert bib and all(b.startswith(f"@online{{{rid}-") for b in bib)
    assert all("http" in c for c in cite(rid, "apa") + cite(rid, "chicago") + cite(rid, "mla"))
    with pytest.raises(DyadwatchError, match="did you mean"):
        cite("rus-prk-2024-06-19-csp-treaty-signd")


# -- CLI ----------------------------------------------------------------------------------

def _cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dyadwatch", "--db", str(db), *args], capture_output=True, text=True, timeout=300)


def test_cli_timeline_formats(evidence_db: Path, tmp_path: Path) -> None:
    js = _cli("timeline", "PRK", "RUS", "--from", "2024-06-19", "--to", "2024-06-19", "--format", "json", db=evidence_db)
    assert js.returncode == 0, js.stderr
    rows = json.loads(js.stdout)
    treaty = next(r for r in rows if r["event_id"] == "rus-prk-2024-06-19-csp-treaty-signed")
    assert treaty["goldstein"] == 8.0 and treaty["quad_class"] == 1 and treaty["date"] == "2024-06-19"
    assert isinstance(treaty["sources"], list) and {"url", "publisher", "title", "published", "source_type"} <= set(treaty["sources"][0])
    assert treaty["end_date"] is None and isinstance(treaty["links"], list)
    csv = _cli("timeline", "RUS", "PRK", "--category", "summit/visit", "--format", "csv", "-o", str(tmp_path / "t.csv"), db=evidence_db)
    assert csv.returncode == 0, csv.stderr
    df = pd.read_csv(tmp_path / "t.csv")
    assert set(df["category"]) == {"summit/visit"} and json.loads(df["sources"][0])[0]["url"].startswith("http")
    pq = _cli("timeline", "RUS", "PRK", "--search", "veto", "--format", "parquet", "-o", str(tmp_path / "t.parquet"), db=evidence_db)
    assert pq.returncode == 0, pq.stderr
    assert len(pd.read_parquet(tmp_path / "t.parquet")) >= 2
    bad = _cli("timeline", "RUS", "PRK", "--category", "weather", db=evidence_db)
    assert bad.returncode != 0 and "summit/visit" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_cite_and_stats(mirror: Path, tmp_path: Path) -> None:
    out = _cli("cite", "rus-prk-2024-06-19-csp-treaty-signed", "--style", "bibtex", db=tmp_path / "x.duckdb")
    assert out.returncode == 0 and "@online{rus-prk-2024-06-19-csp-treaty-signed-1" in out.stdout
    st = _cli("evidence", "stats", db=tmp_path / "x.duckdb")
    assert st.returncode == 0 and "RUS-PRK records from 2022 on" in st.stdout


def test_schema_module_checks_single_files(mirror: Path, tmp_path: Path) -> None:
    path = write_records(tmp_path, [record(event_code="999")])
    out = subprocess.run([sys.executable, "-m", "dyadwatch.evidence.schema", str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "event_code" in out.stdout
    assert "1 error(s)" in out.stdout

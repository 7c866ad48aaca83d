"""Readers: GDELT 1.0/2.0, Mentions, ICEWS, POLECAT into the canonical schema, with their quirks."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dyadwatch.errors import InvalidInput
from dyadwatch.events.ingest import detect_format
from dyadwatch.events.schema import EVENT_SCHEMA
from dyadwatch.sources import cameo, gdelt, icews, polecat, registry

from _events_util import ICEWS_FIXTURE, fixture


def _read(reader, path: Path, *args) -> tuple[pa.Table, pa.Array, list]:
    tables, whys, bad = [], [], []
    for chunk, table, why in reader(path, path.name, *args):
        tables.append(table)
        whys.append(why)
        bad += chunk.bad
    return pa.concat_tables(tables), pa.chunked_array(whys), bad


def test_gdelt2_export_reads_every_row_with_codes_as_text(mirror: Path) -> None:
    path = registry.path("gdelt2_events_export_sample")
    table, why, bad = _read(gdelt.read_gdelt2, path)
    assert table.schema == EVENT_SCHEMA
    assert table.num_rows == 2111 and not bad and why.null_count == 2111
    codes = table["cameo_code"].to_pylist()
    assert any(c.startswith("0") for c in codes), "leading zeros must survive"
    assert all(r == c[:2] for r, c in zip(table["cameo_root"].to_pylist(), codes))
    assert set(table["date_added"].to_pylist()) == {dt.datetime(2019, 10, 24, 14, 30)}


def test_gdelt_goldstein_follows_gdelt_lookup_not_icews(mirror: Path) -> None:
    table, _, _ = _read(gdelt.read_gdelt2, registry.path("gdelt2_events_export_sample"))
    lookup = cameo.event_codes_frame().set_index("code")
    rows = table.select(["cameo_code", "goldstein"]).to_pylist()
    mismatched = [r for r in rows if lookup.loc[r["cameo_code"], "goldstein_gdelt"] != r["goldstein"]]
    assert not mismatched


def test_gdelt1_reads_57_and_58_field_rows(mirror: Path) -> None:
    table, why, bad = _read(gdelt.read_gdelt1, registry.path("gdelt1_events_sample"))
    assert table.num_rows == 710 and not bad and why.null_count == 710
    urls = table["source_url"]
    assert urls.null_count == 201  # historical rows have no SOURCEURL
    assert table.filter(pc.is_null(urls))["origin_line"].to_pylist() == list(range(510, 711))  # the file's last 201 lines


def test_icews_fixture_directions_and_countries() -> None:
    table, _, _ = _read(icews.read_icews, fixture(ICEWS_FIXTURE))
    pairs = list(zip(table["source_iso3"].to_pylist(), table["target_iso3"].to_pylist()))
    assert pairs.count(("RUS", "PRK")) == 42 and pairs.count(("PRK", "RUS")) == 38
    assert table["origin_line"].to_pylist()[0] == 2  # line 1 is the header


def test_mentions_csv_layout(mirror: Path) -> None:
    path = registry.path("gdelt2_mentions_sample")
    assert detect_format(path) == "mentions"
    table, why, bad = _read(gdelt.read_mentions, path, True)
    assert table.num_rows == 1635 and why.null_count == 1635 and not bad


def test_malformed_rows_are_reported_with_line_and_reason(tmp_path: Path, mirror: Path) -> None:
    lines = registry.path("gdelt2_events_export_sample").read_text("utf-8").splitlines()[:6]
    fields = [line.split("\t") for line in lines]
    fields[1] = fields[1][:60]  # a truncated line
    fields[2][1] = "2019-13-45"  # SQLDATE
    fields[3][29] = "7"  # QuadClass
    fields[4][30] = "abc"  # GoldsteinScale
    path = tmp_path / "broken.export.CSV"
    path.write_text("\n".join("\t".join(f) for f in fields) + "\n", "utf-8")
    table, why, bad = _read(gdelt.read_gdelt2, path)
    assert [(b.line, b.reason) for b in bad] == [(2, "60 fields, expected 61")]
    reasons = dict(zip(table["origin_line"].to_pylist(), why.to_pylist()))
    assert reasons == {1: None, 3: "SQLDATE: not a date in %Y%m%d", 4: "QuadClass: not 1-4",
                       5: "GoldsteinScale: not a number", 6: None}


def test_lost_leading_zero_is_restored(tmp_path: Path) -> None:
    src = fixture(ICEWS_FIXTURE).read_text("utf-8").splitlines()[:2]
    cols = src[1].split("\t")
    assert cols[6] == "040"
    cols[6] = "40"
    path = tmp_path / "icews.tab"
    path.write_text(src[0] + "\n" + "\t".join(cols) + "\n", "utf-8")
    table, why, _ = _read(icews.read_icews, path)
    assert table["cameo_code"].to_pylist() == ["040"] and table["cameo_root"].to_pylist() == ["04"]
    assert why.null_count == 1


def test_goldstein_tables_keep_both_projects_values(mirror: Path) -> None:
    df = cameo.event_codes_frame().set_index("code")
    expected = {"016": (-2.0, -5.0), "022": (3.2, 3.4), "164": (-7.0, -6.5), "165": (-6.5, -7.0)}
    for code, (g, i) in expected.items():
        assert (df.loc[code, "goldstein_gdelt"], df.loc[code, "goldstein_icews"]) == (g, i)
    assert math.isnan(df.loc["1213", "goldstein_gdelt"]) and df.loc["1213", "goldstein_icews"] == -4.0
    assert {"106", "1056"} <= set(df.index)


def test_106_1056_joined_line_is_split() -> None:
    import pandas as pd

    joined = pd.DataFrame({"code": ["1056"], "label": ["Demand de-escalation of military engagement106:[-5.0] Demand withdrawal"]})
    out = cameo.split_joined_labels(joined)
    assert out.to_dict("records") == [
        {"code": "1056", "label": "Demand de-escalation of military engagement"},
        {"code": "106", "label": "Demand withdrawal"},
    ]


POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\tActor Name\tActor Country\t"
    "Actor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\tActor Name Raw\tWikipedia Actor ID\t"
    "Recipient Name\tRecipient Country\tRecipient COW\tPrimary Recipient Sector\tRecipient Sectors\t"
    "Recipient Title\tRecipient Name Raw\tWikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry\t"
    "Latitude\tLongitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\tStory People\t"
    "Story Organizations\tStory Locations\tLanguage\tVersion"
)


def _polecat_row(event_id: str, etype: str, actor: str, recipient: str, sector: str = "GOV") -> str:
    values = [event_id, "2024-06-19", etype, "", "3.0", "", "", "A", actor, "", sector, sector, "", "", "",
              "B", recipient, "", sector, sector, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
              "", "", "", "en", "1.0"]
    return "\t".join(values)


def test_polecat_format_file(tmp_path: Path) -> None:
    """FORMAT TEST, NOT REAL DATA: rows hand-written to the documented POLECAT layout."""
    rows = [_polecat_row("a1", "AGREE", "RUS", "PRK"), _polecat_row("a2", "ASSAULT", "Russia", "Ukraine", "MIL"),
            _polecat_row("a3", "NOT-A-TYPE", "RUS", "PRK")]
    path = tmp_path / "polecat_format_test.txt"
    path.write_text(POLECAT_HEADER + "\n" + "\n".join(rows) + "\n", "utf-8")
    assert detect_format(path) == "polecat"
    table, why, _ = _read(polecat.read_polecat, path)
    good = table.filter(pc.is_null(why))
    assert good["quad_class"].to_pylist() == [1, 4]
    assert good["target_iso3"].to_pylist() == ["PRK", "UKR"] and good["source_type"].to_pylist() == ["GOV", "MIL"]
    assert why.to_pylist()[2] == "Event Type: not a PLOVER event type"


def test_unknown_layout_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "weird.csv"
    path.write_text("a,b,c\n1,2,3\n", "utf-8")
    with pytest.raises(InvalidInput, match="weird.csv: line 1 has 1 tab-separated fields"):
        detect_format(path)

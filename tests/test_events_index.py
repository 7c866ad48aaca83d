"""The cooperation–conflict index: values checked by hand, options, curated input, Spark = DuckDB."""

from __future__ import annotations

from pathlib import Path

import ibis
import pandas as pd
import pytest

from dyadwatch.events.api import event_index, event_index_all
from dyadwatch.indicators.events import cooperation_conflict, prepare

from _events_util import ICEWS_FIXTURE, fixture, ingested_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, mirror: Path):
    s = ingested_store(tmp_path_factory.mktemp("idx"), [fixture(ICEWS_FIXTURE), "gdelt2_events_export_sample", "gdelt1_events_sample"])
    yield s
    s.close()


def _raw_icews() -> pd.DataFrame:
    return pd.read_csv(fixture(ICEWS_FIXTURE), sep="\t", dtype=str)


def test_icews_pair_matches_a_hand_count(store) -> None:
    df = event_index("Russia", "North Korea", freq="month", source="icews", store=store)
    raw = _raw_icews()
    raw["Intensity"] = raw["Intensity"].astype(float)
    for (src, tgt), code in (("Russian Federation", "North Korea"), "RUS"), (("North Korea", "Russian Federation"), "PRK"):
        part = raw[(raw["Source Country"] == src) & (raw["Target Country"] == tgt)]
        row = df[df.source == code].iloc[0]
        assert row.n_events == len(part)
        assert row.goldstein_sum == pytest.approx(part["Intensity"].sum())
        assert row.goldstein_mean == pytest.approx(part["Intensity"].mean())
    assert set(df.salience_source.round(6)) == {round(42 / 80, 6), round(38 / 80, 6)}


def test_weights_actor_types_and_near_duplicates(store) -> None:
    plain = event_index_all(freq="year", source="gdelt", store=store)
    with_dups = event_index_all(freq="year", source="gdelt", include_near_duplicates=True, store=store)
    assert with_dups.n_events.sum() > plain.n_events.sum()
    weighted = event_index_all(freq="year", source="gdelt", weight="mentions", store=store)
    quads = ["n_verbal_coop", "n_material_coop", "n_verbal_conflict", "n_material_conflict"]
    assert (weighted[quads].sum(axis=1) >= weighted.n_events).all()
    gov = event_index_all(freq="year", source="gdelt", actor_type=["GOV"], store=store)
    assert 0 < gov.n_events.sum() < plain.n_events.sum()
    assert plain.net_cooperation.between(-1, 1).all() and plain.salience_source.between(0, 1).all()


def test_cached_and_direct_pair_agree(store) -> None:
    cached = event_index("USA", "CHN", freq="month", source="gdelt", store=store)
    direct = event_index("USA", "CHN", freq="month", source="gdelt", cache=False, store=store)
    pd.testing.assert_frame_equal(cached, direct)
    assert len(cached) > 0


def test_excluded_by_precision_counts_coarse_curated_records(store) -> None:
    """The count of records too coarse for --freq is the same on every path: first cached call, warm lookup, direct."""
    t = store.table("evidence_events")  # loads the curated records into the store
    pair = t.source_iso3.isin(["RUS", "PRK"]) & t.target_iso3.isin(["RUS", "PRK"]) & (t.source_iso3 != t.target_iso3)
    n = t.filter(pair, t.date_precision != "day").count().to_pyarrow().as_py()
    assert n > 0  # the flagship pair has month- and year-dated records
    calls = [lambda: event_index("RUS", "PRK", freq="day", source="curated", store=store)] * 2
    calls.append(lambda: event_index("RUS", "PRK", freq="day", source="curated", cache=False, store=store))
    assert [call().attrs["excluded_by_precision"] for call in calls] == [n, n, n]


def test_curated_style_table_needs_only_canonical_columns() -> None:
    """A table with only the curated columns (no tone, mentions, types) feeds the same index."""
    records = ibis.memtable(pd.DataFrame({
        "date": pd.to_datetime(["2019-04-25", "2019-04-25", "2019-06-01", "2019-01-01"]).date,
        "date_precision": ["day", "day", "month", "year"],
        "source_iso3": ["RUS", "PRK", "RUS", "RUS"], "target_iso3": ["PRK", "RUS", "PRK", "PRK"],
        "quad_class": [1, 1, 3, 2], "goldstein": [3.0, 3.0, -2.0, 7.4],
    }))
    out = cooperation_conflict(prepare(records, dataset="curated"), freq="month").to_pandas()
    out = out.sort_values(["period", "source", "target"])
    assert out[["source", "target", "n_events", "n_verbal_coop", "n_verbal_conflict"]].values.tolist() == [
        ["PRK", "RUS", 1, 1, 0], ["RUS", "PRK", 1, 1, 0], ["RUS", "PRK", 1, 0, 1]]
    yearly = cooperation_conflict(prepare(records, dataset="curated"), freq="year").to_pandas()
    assert yearly.n_events.sum() == 4  # the year-precision record counts only in yearly periods


@pytest.mark.spark
@pytest.mark.slow
def test_spark_equals_duckdb(store) -> None:
    pytest.importorskip("pyspark")
    for options in (dict(freq="month"), dict(freq="day", weight="mentions"), dict(freq="year", actor_type=["GOV"])):
        duck = event_index_all(source="all", store=store, **options)
        spark = event_index_all(source="all", engine="spark", store=store, **options)
        pd.testing.assert_frame_equal(duck, spark, check_dtype=False)
        assert len(duck) > 0


def test_report_section_shows_pair_and_comparisons(store) -> None:
    from dyadwatch.dyads import comparison_pairs
    from dyadwatch.report import ReportContext, events_section

    section = events_section.build(ReportContext("RUS", "PRK", store, comparison_pairs("RUS", "PRK")))
    assert "events-net-cooperation" in section.html and "RUS→PRK" in section.html
    assert "gdelt2_events_export_sample" in section.datasets

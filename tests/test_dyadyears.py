"""Dyad-year frames: the acceptance figures, NA versus 0, directed handling, errors, citations."""

from __future__ import annotations

import pandas as pd
import pytest

import dyadwatch
from dyadwatch.dyadyears import add_alliances, add_trade, dyad_years
from dyadwatch.errors import DyadwatchError


@pytest.fixture(scope="module")
def rus_prk(store_path) -> pd.DataFrame:
    return dyad_years([("RUS", "PRK")], years=(1946, 2025), store=store_path).add_trade().add_alliances()


def _row(df: pd.DataFrame, year: int) -> pd.Series:
    return df.loc[df.year == year].iloc[0]


def _years(df: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return df[(df.year >= first) & (df.year <= last)]


def test_rus_prk_1992_flows(rus_prk) -> None:
    r = _row(rus_prk, 1992)
    assert (r.a, r.b, r.flow1, r.flow2) == ("RUS", "PRK", 65, 227)  # Russia's imports from the DPRK, and the reverse
    assert r.trade_source == "COW Trade 4.0" and bool(r.mirror_statistics)


def test_rus_prk_atop_and_treaties(rus_prk) -> None:
    assert (_years(rus_prk, 1961, 1996).atop_defense == 1).all()
    assert (_years(rus_prk, 1997, 1999).atop_defense == 0).all()
    late = _years(rus_prk, 2019, 2025)
    assert late[[c for c in rus_prk.columns if c.startswith("atop_")]].isna().all().all()
    assert (_years(rus_prk, 1997, 2023).treaty_defense == 0).all()
    assert (_years(rus_prk, 2024, 2025).treaty_defense == 1).all()
    r2024 = _row(rus_prk, 2024)
    assert r2024.alliance_defense == 1 and r2024.alliance_source == "curated"
    assert "rus-prk-2024-12-04-csp-treaty-in-force" in r2024.treaty_record
    assert _row(rus_prk, 1990).alliance_source == "ATOP 5.1"


def test_missing_is_not_zero(rus_prk) -> None:
    assert pd.isna(_row(rus_prk, 1970).flow1)  # no COW row 1964-80: not covered, not "no trade"
    assert _row(rus_prk, 1985).trade_flag == "zero_unreliable" and _row(rus_prk, 1985).flow1 == 0
    assert _row(rus_prk, 1996).trade_flag == "outlier" and _row(rus_prk, 1996).smoothflow1 == 16
    assert pd.isna(_row(rus_prk, 2016).trade)  # after 2014 with no curated figure
    r2019 = _row(rus_prk, 2019)
    assert r2019.trade_source == "curated" and r2019.trade_record.startswith("rus-prk-2019") and pd.isna(r2019.flow1)


def test_chn_prk_2014_trade_and_dprk_share(store_path, store) -> None:
    df = dyad_years([("CHN", "PRK")], years=(2014, 2014), store=store_path).add_trade()
    r = df.iloc[0]
    assert r.trade == 6728
    national = store.con.execute("SELECT imports + exports FROM cow_trade_national WHERE ccode = 731 AND year = 2014").fetchone()[0]
    assert r.trade_share_b == pytest.approx(6728 / national)
    assert round(r.trade_share_b, 3) == 0.824


def test_cite_lists_the_datasets_and_curated_records(rus_prk) -> None:
    c = dyadwatch.cite(rus_prk)
    texts = " ".join(v["citation"] for v in c["datasets"].values())
    assert "Version 4.0" in texts and "ATOP version 5.1" in texts
    assert {"cow_trade_dyadic_v4", "atop_5_1_directed_dyad_year"} <= set(c["datasets"])
    assert "rus-prk-2024-06-19-csp-treaty-signed" in c["curated"]
    assert any(k.startswith("rus-prk-2019") for k in c["curated"])
    for entry in c["datasets"].values():
        assert entry["bibtex"] and entry["apa"] and entry["chicago"]


def test_directed_frames(store_path) -> None:
    d = dyad_years([("USA", "JPN"), ("RUS", "PRK")], years=(1992, 2000), directed=True, store=store_path)
    d = d.add_trade().add_alliances()
    usa_jpn, jpn_usa = (_row(d[(d.a == x) & (d.b == y)], 2000) for x, y in (("USA", "JPN"), ("JPN", "USA")))
    assert (usa_jpn.atop_defense, jpn_usa.atop_defense) == (1, 0)  # ATOP: the US pledge is one-sided
    nd = dyad_years([("JPN", "USA")], years=(2000, 2000), store=store_path).add_alliances()
    assert nd.iloc[0].atop_defense == 1  # non-directed: either direction
    rp, pr = (_row(d[(d.a == x) & (d.b == y)], 1992) for x, y in (("RUS", "PRK"), ("PRK", "RUS")))
    assert (rp.flow1, rp.flow2, pr.flow1, pr.flow2) == (65, 227, 227, 65)


def test_all_pairs_match_single_pairs(store_path) -> None:
    every = dyad_years(years=(2010, 2010), store=store_path).add_trade()
    n = len(every)
    states = pd.unique(pd.concat([every.a, every.b]))
    assert n == len(states) * (len(states) - 1) // 2 and (every.a < every.b).all()
    one = dyad_years([("PRK", "RUS")], years=(2010, 2010), store=store_path).add_trade().iloc[0]
    row = every[(every.a == "PRK") & (every.b == "RUS")].iloc[0]
    assert (row.flow1, row.flow2, row.trade) == (one.flow1, one.flow2, one.trade)


def test_verbs_check_the_frame(store_path) -> None:
    with pytest.raises(DyadwatchError, match="dyad_years"):
        add_trade(pd.DataFrame({"a": ["RUS"], "b": ["PRK"], "year": [1992]}))
    frame = dyad_years([("RUS", "PRK")], years=(1992, 1993), store=store_path)
    plain = pd.DataFrame(frame)
    plain.attrs = frame.attrs  # any DataFrame carrying the attributes works, not only the subclass
    assert add_alliances(plain.pipe(add_trade)).flow1.tolist() == [65, 54]  # pipe works on a plain frame
    with pytest.raises(DyadwatchError, match="first year is after"):
        dyad_years([("RUS", "PRK")], years=(2000, 1990), store=store_path)
    with pytest.raises(DyadwatchError, match="itself"):
        dyad_years([("RUS", "Russia")], store=store_path)
    with pytest.raises(DyadwatchError, match="not a pair"):
        dyad_years(["RUS"], store=store_path)


def test_sanctions_and_security_council(store_path) -> None:
    df = dyad_years([("RUS", "PRK"), ("KOR", "PRK"), ("USA", "PRK")], years=(2005, 2025), store=store_path).add_sanctions()
    rus = df[df.a == "RUS"].set_index("year")
    assert rus.loc[2022, "vetoes_a_on_b"] == 1 and rus.loc[2022, "veto_source"] == "UNSC veto list"
    assert rus.loc[2024, "vetoes_a_on_b"] == 1 and rus.loc[2024, "veto_record"].startswith("unsc-prk-2024-03-28")
    assert rus.loc[2023, "vetoes_a_on_b"] == 0 and pd.isna(rus.loc[2022, "vetoes_b_on_a"])  # the DPRK holds no seat
    assert rus.loc[2017, "unsc_res_on_b"] == 5 and rus.loc[2017, "unsc_res_unanimous_on_b"] == 5
    assert pd.isna(rus.loc[2021, "unsc_res_on_b"]) and pd.isna(rus.loc[2023, "sanctions_a_on_b"])
    assert rus.loc[2010, "sanctions_source"] == "GSDB 2" and rus.loc[2020, "sanctions_source"] == "GSDB 3 (subset)"
    kor = df[df.a == "KOR"].set_index("year")
    assert kor.loc[2015, "sanctions_a_on_b"] >= 1 and pd.isna(kor.loc[2015, "vetoes_a_on_b"])
    usa = df[df.a == "USA"].set_index("year")
    assert usa.loc[2017, "sanctions_a_on_b"] > usa.loc[2005, "sanctions_a_on_b"] and usa.loc[2017, "un_sanctions_on_b"] >= 1


def test_unga_disputes_and_context(store_path) -> None:
    df = dyad_years([("RUS", "PRK"), ("PRK", "KOR")], years=(1948, 2025), store=store_path)
    df = df.add_unga().add_disputes().add_igos().add_contiguity().add_capital_distance().add_capabilities().add_rivalries()
    rp = df[df.a == "RUS"].set_index("year")
    expected = dyadwatch.unga_alignment("RUS", "PRK", store=store_path).set_index("year").loc[2019]
    assert rp.loc[2019, "unga_agreement"] == pytest.approx(expected.agreement)
    assert pd.isna(rp.loc[2021, "unga_agreement"]) and rp.loc[2021, "unga_idealpoint_distance"] > 0
    assert rp.loc[2000, "conttype"] == 1 and pd.isna(rp.loc[2020, "conttype"])
    assert 6000 < rp.loc[2000, "capdist_km"] < 7000  # Moscow–Pyongyang
    pk = df[df.a == "PRK"].set_index("year")
    assert pk.loc[1950, "cowmid_ongoing"] == 1 and pk.loc[1950, "cowmid_hostlev"] == 5
    assert pk.loc[2000, "td_rivalry"] == 1 and pd.isna(pk.loc[2015, "td_rivalry"]) and pk.loc[2015, "tss_rivalry"] == 1
    assert rp.loc[2000, "cowmid_onset"] == 0 and pd.isna(rp.loc[2015, "cowmid_onset"])
    assert rp.loc[2014, "dyadigos"] > 0 and pd.isna(rp.loc[2015, "dyadigos"])
    assert rp.loc[2000, "cinc_a"] > rp.loc[2000, "cinc_b"]


def test_add_events_uses_the_event_index(store_path) -> None:
    df = dyad_years([("RUS", "PRK")], years=(2023, 2024), store=store_path).add_events(source="curated")
    assert (df.events_n_ab > 0).all() and df.events_netcoop_ab.between(-1, 1).all()


def test_add_events_without_the_event_engine_says_what_to_do(store_path, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "dyadwatch.events.api" else real(name, *a))
    with pytest.raises(DyadwatchError, match="event index") as info:
        dyad_years([("RUS", "PRK")], years=(2023, 2024), store=store_path).add_events()
    assert "dyadwatch events ingest" in info.value.hint

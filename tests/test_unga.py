"""UNGA alignment: the acceptance figures, Cohen's kappa, all-pairs = single pairs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import dyadwatch
from dyadwatch.errors import DyadwatchError


def _year(df: pd.DataFrame, year: int) -> pd.Series:
    return df.loc[df.year == year].iloc[0]


def test_acceptance_figures(store) -> None:
    rus_prk = _year(dyadwatch.unga_alignment("RUS", "PRK", store=store), 2019)
    assert (rus_prk.n_both, round(rus_prk.agreement, 3)) == (77, 0.779)
    rus_usa = _year(dyadwatch.unga_alignment("Russia", "United States", store=store), 2018)
    assert (rus_usa.n_both, round(rus_usa.agreement, 3)) == (95, 0.200)
    prk_chn = _year(dyadwatch.unga_alignment("PRK", "CHN", store=store), 2001)
    assert round(prk_chn.agreement, 3) == 0.937


def test_kappa_matches_a_direct_computation(store) -> None:
    votes = store.con.execute(
        """SELECT a.vote AS va, b.vote AS vb FROM unga_votes a JOIN unga_votes b USING (rcid)
           JOIN unga_roll_calls r USING (rcid) WHERE a.iso3='RUS' AND b.iso3='PRK' AND r.year=2019"""
    ).df()
    table = pd.crosstab(votes.va, votes.vb).reindex(index=["yes", "abstain", "no"], columns=["yes", "abstain", "no"], fill_value=0)
    n = table.to_numpy().sum()
    p_o = np.trace(table.to_numpy()) / n
    p_e = (table.sum(axis=1).to_numpy() / n) @ (table.sum(axis=0).to_numpy() / n)
    expected = (p_o - p_e) / (1 - p_e)
    got = _year(dyadwatch.unga_alignment("RUS", "PRK", store=store), 2019).kappa
    assert got == pytest.approx(expected)


def test_symmetric_and_counts_beside_shares(store) -> None:
    ab = dyadwatch.unga_alignment("RUS", "PRK", store=store)
    ba = dyadwatch.unga_alignment("PRK", "RUS", store=store)
    assert ab.n_both.tolist() == ba.n_both.tolist()
    assert ab.agreement.dropna().tolist() == pytest.approx(ba.agreement.dropna().tolist())
    assert {"year", "n_both", "n_same", "agreement", "kappa", "idealpoint_distance", "idealpoint_distance_all"} <= set(ab.columns)


def test_votes_end_2020_ideal_points_to_2024_are_na_not_zero(store) -> None:
    df = dyadwatch.unga_alignment("RUS", "PRK", store=store)
    assert df.year.min() == 1991 and df.year.max() == 2024
    late = df[df.year >= 2021]
    assert late.n_both.isna().all() and late.idealpoint_distance.notna().all()
    assert late.loc[late.year == 2024, "idealpoint_distance_all"].isna().all()  # idealpointall ends 2023


def test_issue_filter_restricts_roll_calls(store) -> None:
    everything = _year(dyadwatch.unga_alignment("RUS", "PRK", store=store), 2019)
    nuclear = _year(dyadwatch.unga_alignment("RUS", "PRK", issue="nu", store=store), 2019)
    assert 0 < nuclear.n_both < everything.n_both
    with pytest.raises(DyadwatchError, match="issue tag"):
        dyadwatch.unga_alignment("RUS", "PRK", issue="xx", store=store)


def test_all_pairs_in_one_query_equal_single_pairs(store) -> None:
    every = dyadwatch.unga_alignment_all(year=2018, store=store)
    assert (every.a < every.b).all()
    assert len(every) > 17_000
    for a, b in [("PRK", "RUS"), ("CHN", "PRK"), ("RUS", "USA")]:
        row = every[(every.a == a) & (every.b == b)].iloc[0]
        single = _year(dyadwatch.unga_alignment(a, b, store=store), 2018)
        assert (row.n_both, row.n_same) == (single.n_both, single.n_same)
        assert row.kappa == pytest.approx(single.kappa)
        assert row.idealpoint_distance == pytest.approx(single.idealpoint_distance)


def test_session_grouping(store) -> None:
    df = dyadwatch.unga_alignment("RUS", "PRK", by="session", store=store)
    assert df.session.min() == 46 and "idealpoint_distance" not in df.columns

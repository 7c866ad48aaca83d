"""Source modules behind the dyad-year verbs: name matching, release splits, curated tables."""

from __future__ import annotations

import datetime as dt

import pytest

from dyadwatch.errors import InvalidInput
from dyadwatch.sources import curated, gsdb, unsc


@pytest.mark.parametrize(("text", "expected"), [
    ("Non-proliferation - Democratic People's Republic of Korea", ["PRK"]),
    ("Complaint of aggression upon the Republic of Korea", ["KOR"]),
    ("Admission of new Members Republic of Korea", ["KOR"]),
])
def test_agenda_names_the_right_korea(mirror, text, expected) -> None:
    assert unsc.named_states(text) == expected


def test_china_seat_before_1971_is_the_roc(mirror) -> None:
    v = unsc.vetoes().to_pandas()
    china = v[v.member_iso3.isin(["CHN", "TWN"])]
    assert (china[china.date < dt.date(1971, 10, 25)].member_iso3 == "TWN").all()
    assert set(v[v.draft == "S/2022/431"].member_iso3) == {"CHN", "RUS"}


def test_gsdb_comma_names_and_release_years(mirror) -> None:
    assert gsdb._split("Mauritania, Djibouti, Yemen, North, Niger") == ["Mauritania", "Djibouti", "Yemen, North", "Niger"]
    t = gsdb.sanction_years().to_pandas()
    assert set(t[t.year <= 2012].release) == {"gsdb_v2"} and set(t[t.year >= 2013].release) == {"gsdb_v3"}
    assert t.year.between(*gsdb.COVERAGE).all()
    assert {"UN", "EU"} <= set(t[t.sender_iso3.isna()].sender)


def test_curated_treaties_cite_existing_records(mirror) -> None:
    t = curated.treaty_years(today=dt.date(2025, 6, 1)).to_pandas()
    rp = t[(t.a == "PRK") & (t.b == "RUS")].set_index("year")
    assert rp.loc[1996, "treaty_defense"] == 1 and rp.loc[1997, "treaty_defense"] == 0
    assert rp.loc[2024, "treaty_defense"] == 1 and rp.index.max() == 2025
    assert "; " in rp.loc[2024, "treaty"]  # the year of succession carries both treaties


def test_a_missing_record_id_is_an_error(mirror, monkeypatch) -> None:
    broken = curated.Treaty("x", "X", ("RUS", "PRK"), dt.date(2000, 1, 1), None, None, {"defense": 1}, ("no-such-record-id",), "test")
    monkeypatch.setattr(curated, "TREATIES", (*curated.TREATIES, broken))
    with pytest.raises(InvalidInput, match="no-such-record-id"):
        curated.treaty_years()


def test_curated_trade_prefers_customs_and_counts_alternatives(mirror) -> None:
    t = curated.trade().to_pandas().set_index(["a", "b", "year"])
    row = t.loc[("CHN", "PRK", 2018)]
    assert row.trade == 2430 and "Customs" in row.estimator and row.n_figures == 2
    assert t.index.is_unique

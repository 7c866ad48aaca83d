"""One lookup for every name and code users type, with suggestions when it fails."""

from __future__ import annotations

import datetime as dt

import pytest

from dyadwatch import countries
from dyadwatch.errors import UnknownCountry


@pytest.mark.parametrize(
    "text",
    ["PRK", "prk", "KP", "731", "DPRK", "North Korea", "Democratic People's Republic of Korea", "Korea, Dem. Rep."],
)
def test_north_korea_aliases(text: str) -> None:
    assert countries.iso3(text) == "PRK"


@pytest.mark.parametrize("text", ["Soviet Union", "USSR", "Russian Federation", "Russia", "365", "RUS"])
def test_ussr_and_russia_are_one_entity(text: str) -> None:
    c = countries.lookup(text)
    assert (c.iso3, c.cow, c.gw) == ("RUS", 365, 365)


def test_codes_of_the_flagship_countries() -> None:
    prk, kor, chn = countries.lookup("PRK"), countries.lookup("South Korea"), countries.lookup("China")
    assert (prk.cow, prk.gw, prk.iso2, prk.cameo, prk.un_numeric) == (731, 731, "KP", "PRK", 408)
    assert (kor.iso3, kor.cow) == ("KOR", 732)
    assert (chn.iso3, chn.cow) == ("CHN", 710)


def test_historical_name_by_date() -> None:
    assert countries.display_name("RUS", dt.date(1961, 7, 6)) == "Soviet Union"
    assert countries.display_name("RUS", dt.date(2000, 2, 9)) == "Russia"


def test_states_without_iso3_get_cow_keys() -> None:
    assert countries.iso3("Czechoslovakia") == "COW315"
    assert countries.iso3("German Democratic Republic") == "COW265"


def test_unknown_country_suggests_close_names() -> None:
    with pytest.raises(UnknownCountry) as info:
        countries.lookup("Noth Koria")
    assert "North Korea (PRK)" in str(info.value)


def test_un_seat_dates(store) -> None:
    rows = store.con.execute(
        "SELECT iso3, un_member_from, un_member_until FROM countries WHERE iso3 IN ('PRK','KOR','CHN','TWN') ORDER BY iso3"
    ).fetchall()
    assert rows == [
        ("CHN", dt.date(1971, 10, 25), None),
        ("KOR", dt.date(1991, 9, 17), None),
        ("PRK", dt.date(1991, 9, 17), None),
        ("TWN", dt.date(1945, 10, 24), dt.date(1971, 10, 25)),
    ]


def test_un_membership_spells_from_the_2016_release(tmp_path) -> None:
    from dyadwatch.store import Store
    from dyadwatch.store.catalog import load

    with Store(tmp_path / "m.duckdb") as s:
        load(s, ["un_membership", "unga_votes_2016"])
        spells = dict(
            (r[0], (r[1], r[2]))
            for r in s.con.execute("SELECT iso3, member_from_year, member_until_year FROM un_membership").fetchall()
        )
        absent = s.con.execute("SELECT count(*) FROM unga_votes_2016 WHERE vote = 'absent'").fetchall()[0][0]
    assert spells["PRK"] == spells["KOR"] == (1991, None)
    assert spells["CHN"] == (1971, None) and spells["TWN"] == (1946, 1971)
    assert spells["RUS"] == (1946, None)
    assert absent == 73_328

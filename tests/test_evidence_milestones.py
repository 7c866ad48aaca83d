"""Every milestone of issue 3 (point 2), with its date, is found in the timeline.

Each milestone is searched through the public ``dyadwatch.timeline`` with its date window
and words that must appear in the record; a failure names the milestone to research.
Dates: the establishment of relations and treaties from the treaty texts and UN records;
Security Council resolutions from the UN press releases of the day of adoption.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

import dyadwatch
from dyadwatch.store import Store
from dyadwatch.store.catalog import load


class Milestone(NamedTuple):
    name: str
    a: str
    b: str
    start: str
    end: str
    search: str


MILESTONES = [
    Milestone("USSR–DPRK diplomatic relations", "RUS", "PRK", "1948-10-12", "1948-10-12", "diplomatic relations"),
    Milestone("Soviet role in the Korean War", "RUS", "PRK", "1950-06-25", "1953-07-27", "soviet korean war"),
    Milestone("1961 Treaty of Friendship, Cooperation and Mutual Assistance signed", "RUS", "PRK", "1961-07-06", "1961-07-06", "treaty mutual assistance"),
    Milestone("USSR–ROK diplomatic relations", "RUS", "KOR", "1990-09-30", "1990-09-30", "diplomatic relations"),
    Milestone("Russia as the USSR's successor (DPRK recognises Russia)", "RUS", "PRK", "1991-12", "1991-12", "russia"),
    Milestone("End of the 1961 treaty", "RUS", "PRK", "1996", "1996", "1961 treaty"),
    Milestone("2000 Treaty on Friendship, Good-Neighbourliness and Cooperation", "RUS", "PRK", "2000-02-09", "2000-02-09", "treaty"),
    Milestone("Putin's visit to Pyongyang", "RUS", "PRK", "2000-07-19", "2000-07-19", "putin pyongyang"),
    Milestone("Kim Jong Il's 2001 trip to Russia", "RUS", "PRK", "2001-07-26", "2001-08-18", "kim jong il"),
    Milestone("Moscow Declaration", "RUS", "PRK", "2001-08-04", "2001-08-04", "moscow declaration"),
    Milestone("Kim Jong Il–Putin in Vladivostok", "RUS", "PRK", "2002-08-23", "2002-08-23", "vladivostok kim jong il"),
    Milestone("Kim Jong Il–Medvedev meeting", "RUS", "PRK", "2011-08-24", "2011-08-24", "medvedev kim jong il"),
    Milestone("Soviet-era debt settlement agreement", "RUS", "PRK", "2012-09-17", "2012-09-17", "debt"),
    Milestone("Debt settlement ratified", "RUS", "PRK", "2014", "2014", "debt ratifies"),
    Milestone("Rajin–Khasan railway opened", "RUS", "PRK", "2013-09-22", "2013-09-22", "rajin khasan"),
    *[
        Milestone(f"UNSC resolution {number} with Russia's vote", "UNSC", "PRK", day, day, f"{number} russia")
        for number, day in [
            ("1718", "2006-10-14"), ("1874", "2009-06-12"), ("2087", "2013-01-22"), ("2094", "2013-03-07"),
            ("2270", "2016-03-02"), ("2321", "2016-11-30"), ("2356", "2017-06-02"), ("2371", "2017-08-05"),
            ("2375", "2017-09-11"), ("2397", "2017-12-22"),
        ]
    ],
    Milestone("Lavrov in Pyongyang", "RUS", "PRK", "2018-05-31", "2018-05-31", "lavrov"),
    Milestone("Kim Jong Un–Putin, Vladivostok", "RUS", "PRK", "2019-04-25", "2019-04-25", "putin kim"),
    Milestone("Kim Jong Un–Putin, Vostochny", "RUS", "PRK", "2023-09-13", "2023-09-13", "putin kim vostochny"),
    Milestone("Kim Jong Un–Putin, Pyongyang", "RUS", "PRK", "2024-06-19", "2024-06-19", "putin kim"),
    Milestone("Kim Jong Un–Putin, Beijing", "RUS", "PRK", "2025-09-03", "2025-09-03", "putin kim beijing"),
    Milestone("May 2022 veto", "RUS", "PRK", "2022-05-26", "2022-05-26", "veto"),
    Milestone("Shoigu's visit", "RUS", "PRK", "2023-07-25", "2023-07-27", "shoigu pyongyang"),
    Milestone("March 2024 veto ending the Panel of Experts", "RUS", "PRK", "2024-03-28", "2024-03-28", "veto panel of experts"),
    Milestone("Comprehensive Strategic Partnership treaty signed", "RUS", "PRK", "2024-06-19", "2024-06-19", "comprehensive strategic partnership"),
    Milestone("CSP treaty ratified by Russia", "RUS", "PRK", "2024-11", "2024-11", "putin ratif"),
    Milestone("CSP treaty ratified by the DPRK", "RUS", "PRK", "2024-11", "2024-11", "kim ratifies"),
    Milestone("CSP treaty enters into force", "RUS", "PRK", "2024-12-04", "2024-12-04", "into force"),
    Milestone("DPRK troops deployed to Russia", "RUS", "PRK", "2024-10", "2024-10", "troops russia"),
    Milestone("Official acknowledgement of the deployment", "RUS", "PRK", "2025-04", "2025-04", "confirms troops"),
    Milestone("Tumen road bridge", "RUS", "PRK", "2024-06", "2025-12", "tumen road bridge"),
]


@pytest.fixture(scope="module")
def evidence_db(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("milestones") / "ev.duckdb"
    with Store(path) as s:
        load(s, ["evidence_records"])
    return path


@pytest.mark.parametrize("m", MILESTONES, ids=[m.name for m in MILESTONES])
def test_milestone_is_in_the_timeline(m: Milestone, evidence_db: Path) -> None:
    found = dyadwatch.timeline(m.a, m.b, start=m.start, end=m.end, search=m.search, store=evidence_db)
    assert len(found), f"no record for '{m.name}' ({m.start}..{m.end}, words: {m.search}) in {m.a}–{m.b}"


def test_a_wrong_date_finds_nothing(evidence_db: Path) -> None:
    """The windows are tight: a milestone searched a day early is not found."""
    assert dyadwatch.timeline("RUS", "PRK", start="2018-05-30", end="2018-05-30", search="lavrov", store=evidence_db).empty
    assert dyadwatch.timeline("UNSC", "PRK", start="2006-10-13", end="2006-10-13", search="1718", store=evidence_db).empty

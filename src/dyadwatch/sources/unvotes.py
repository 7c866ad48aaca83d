"""UN General Assembly roll-call votes (Voeten, as packaged by the R package unvotes).

Upstream caveats are kept as data: absences are not rows in the vote file (so "both
voted" means yes/no/abstain), and the day of month is unreliable before session 52, which
``date_day_reliable`` records instead of silently trusting it.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.citations import cite_datasets
from dyadwatch.sources import registry
from dyadwatch.sources._rdata import read_rda, to_int

DATASETS = ("unga_votes", "unga_roll_calls", "unga_roll_call_issues", "unga_votes_2016_release")

#: First session whose roll-call dates carry a reliable day of month (see MANIFEST notes).
FIRST_RELIABLE_DAY_SESSION = 52


def votes() -> pa.Table:
    """rcid, iso3, country (label as upstream), vote ∈ {yes, abstain, no}."""
    df = read_rda(registry.path("unga_votes"))
    iso = countries.iso2_to_iso3()
    out = pd.DataFrame(
        {
            "rcid": to_int(df["rcid"]).astype("int32"),
            "iso3": df["country_code"].map(iso),
            "country": df["country"].astype(str),
            "vote": df["vote"].astype(str),
        }
    )
    # Former states whose ISO2 code is not in the crosswalk (Yugoslavia 'YU', the GDR 'DD'...):
    # resolve by name so their votes keep a stable key (COW<ccode>) instead of being dropped.
    gaps = out["iso3"].isna()
    by_name = {name: countries.iso3(name) for name in out.loc[gaps, "country"].unique()}
    out.loc[gaps, "iso3"] = out.loc[gaps, "country"].map(by_name)
    return pa.Table.from_pandas(out, preserve_index=False)


def roll_calls() -> pa.Table:
    """One row per roll call with year, session and the date-reliability flag."""
    df = read_rda(registry.path("unga_roll_calls"))
    date = pd.to_datetime(df["date"])
    session = to_int(df["session"]).astype("int32")
    out = pd.DataFrame(
        {
            "rcid": df["rcid"].astype("int32"),
            "session": session,
            "date": date.dt.date,
            "year": date.dt.year.astype("int32"),
            "date_day_reliable": session >= FIRST_RELIABLE_DAY_SESSION,
            "importantvote": pd.to_numeric(df["importantvote"], errors="coerce").astype("Int8"),
            "unres": df["unres"].astype(str),
            "amend": pd.to_numeric(df["amend"], errors="coerce").astype("Int8"),
            "para": pd.to_numeric(df["para"], errors="coerce").astype("Int8"),
            "short": df["short"].astype(str),
            "descr": df["descr"].astype(str),
        }
    )
    return pa.Table.from_pandas(out, preserve_index=False)


def issues() -> pa.Table:
    """rcid, issue code (me, nu, di, hr, co, ec) and issue label."""
    df = read_rda(registry.path("unga_roll_call_issues"))
    out = pd.DataFrame(
        {"rcid": df["rcid"].astype("int32"), "issue": df["short_name"].astype(str), "issue_label": df["issue"].astype(str)}
    )
    return pa.Table.from_pandas(out, preserve_index=False)


#: Vote codes of the 2016 release, which (unlike unvotes) keeps absences and non-membership.
VOTE_CODES_2016 = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "not a member"}


def _release_2016() -> pd.DataFrame:
    return read_rda(registry.path("unga_votes_2016_release"))


def votes_with_absences() -> pa.Table:
    """The 2016 release (1946–2015): every member on every roll call, absent ones included.

    Use it when absence matters (walking out of a vote is a signal); ``unga_votes`` is the
    newer, longer series without absences.
    """
    df = _release_2016()
    ccode = df["ccode"].astype("int32")
    out = pd.DataFrame(
        {
            "rcid": df["rcid"].astype("int32"),
            "session": df["session"].astype("int32"),
            "year": to_int(df["year"]).astype("int32"),
            "ccode": ccode,
            "iso3": countries.iso3_of_cow(ccode),
            "vote_code": df["vote"].astype("int8"),
            "vote": df["vote"].map(VOTE_CODES_2016).astype(str),
        }
    )
    return pa.Table.from_pandas(out, preserve_index=False)


def membership() -> pa.Table:
    """UN membership spells by year as the 2016 release records them (member flag = 1).

    ``member_until_year`` is NA for states still members when the release ends (2015).
    """
    df = _release_2016()
    members = df[df["member"].astype(str) == "1"]
    spans = members.groupby("ccode")["year"].agg(["min", "max"]).reset_index()
    last = int(df["year"].max())
    out = pd.DataFrame(
        {
            "iso3": countries.iso3_of_cow(spans["ccode"]),
            "ccode": spans["ccode"].astype("int32"),
            "member_from_year": spans["min"].astype("int32"),
            "member_until_year": spans["max"].where(spans["max"] < last).astype("Int32"),
        }
    )
    return pa.Table.from_pandas(out, preserve_index=False)


TABLES = {
    "unga_votes": votes,
    "unga_roll_calls": roll_calls,
    "unga_issues": issues,
    "unga_votes_2016": votes_with_absences,
    "un_membership": membership,
}
TABLE_DATASETS = {
    "unga_votes": ("unga_votes",),
    "unga_roll_calls": ("unga_roll_calls",),
    "unga_issues": ("unga_roll_call_issues",),
    "unga_votes_2016": ("unga_votes_2016_release",),
    "un_membership": ("unga_votes_2016_release",),
}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

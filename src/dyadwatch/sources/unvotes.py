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

DATASETS = ("unga_votes", "unga_roll_calls", "unga_roll_call_issues")

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


TABLES = {"unga_votes": votes, "unga_roll_calls": roll_calls, "unga_issues": issues}
TABLE_DATASETS = {"unga_votes": ("unga_votes",), "unga_roll_calls": ("unga_roll_calls",), "unga_issues": ("unga_roll_call_issues",)}


def cite() -> dict[str, dict[str, list[str]]]:
    return cite_datasets(list(DATASETS))

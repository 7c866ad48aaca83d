"""``add_sanctions()``: sanctions cases (GSDB) and the Security Council (vetoes, resolutions).

Source and version
    Global Sanctions Data Base release 2 (1949–2012 here) and the mirrored release-3 subset
    (complete for 2013–2022, see :mod:`dyadwatch.sources.gsdb`); the UNSC veto list
    (World Politics Data Lab, to 15 Sept 2022) plus curated vetoes after it
    (:data:`dyadwatch.sources.curated.VETOES`); UNSC meetings tables (resolutions with
    yes-no-abstain tallies, to 2019).

Columns (relative to the row's a and b)
    ``sanctions_a_on_b`` / ``sanctions_b_on_a`` active cases with the one state among the
    senders and the other the target; ``un_sanctions_on_a`` / ``_on_b`` active UN cases
    against each state; ``sanctions_source`` (release used for the year);
    ``vetoes_a_on_b`` / ``vetoes_b_on_a`` vetoes cast by one state on drafts whose agenda
    names the other, ``veto_source``, ``veto_record`` (evidence id of a curated veto);
    ``unsc_res_on_a`` / ``_on_b`` resolutions adopted on an agenda naming the state,
    ``unsc_res_unanimous_on_a`` / ``_on_b`` those adopted with no vote against and no
    abstention — the one case in which every permanent member's vote (yes) is known.

Missing values
    Sanctions: NA outside 1949–2022, 0 inside it when no case is active.  Vetoes: NA unless
    the vetoing side held a permanent seat that year (the ROC held China's until 1971), and
    after 2022 unless the evidence base follows the named state's Council record (the DPRK).
    Resolutions: NA after 2019.

Directed vs non-directed
    Every column names its direction, so directed and non-directed rows read the same way.
    Organisations (UN, EU) are senders by name and never a or b.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, merge, within, zero_in_coverage
from dyadwatch.sources import gsdb
from dyadwatch.sources.curated import VETOES_COVER
from dyadwatch.sources.unsc import PERMANENT_SEATS, RESOLUTIONS_COVERAGE, VETO_COVERAGE_END

COLUMNS = {
    "sanctions_a_on_b": "Int64", "sanctions_b_on_a": "Int64", "un_sanctions_on_a": "Int64", "un_sanctions_on_b": "Int64",
    "sanctions_source": "string",
    "vetoes_a_on_b": "Int64", "vetoes_b_on_a": "Int64", "veto_source": "string", "veto_record": "string",
    "unsc_res_on_a": "Int64", "unsc_res_on_b": "Int64", "unsc_res_unanimous_on_a": "Int64", "unsc_res_unanimous_on_b": "Int64",
}


def _lookup(t: ir.Table, counts: ir.Table, on: dict[str, ir.Value], values: dict[str, str]) -> ir.Table:
    """Left-join ``counts`` on the given key columns and pick ``values`` under new names."""
    c = counts.rename(**{f"_k_{k}": k for k in on}, **{new: old for new, old in values.items()})
    c = c.select(*[f"_k_{k}" for k in on], *values)
    j = t.left_join(c, [expr == c[f"_k_{k}"] for k, expr in on.items()])
    return j.drop(*[f"_k_{k}" for k in on])


def _sanctions(t: ir.Table, get: TableGetter) -> ir.Table:
    sy = get("sanction_years")
    states = sy.filter(sy.sender_iso3.notnull() & sy.target_iso3.notnull())
    bilateral = states.group_by(["sender_iso3", "target_iso3", "year"]).aggregate(n=states.case_id.nunique())
    un = sy.filter(sy.sender == "UN").group_by(["target_iso3", "year"]).aggregate(n=sy.case_id.nunique())
    t = _lookup(t, bilateral, {"sender_iso3": t.a, "target_iso3": t.b, "year": t.year}, {"_s_ab": "n"})
    t = _lookup(t, bilateral, {"sender_iso3": t.b, "target_iso3": t.a, "year": t.year}, {"_s_ba": "n"})
    t = _lookup(t, un, {"target_iso3": t.a, "year": t.year}, {"_un_a": "n"})
    t = _lookup(t, un, {"target_iso3": t.b, "year": t.year}, {"_un_b": "n"})
    span = gsdb.COVERAGE
    return t.mutate(
        sanctions_a_on_b=zero_in_coverage(t._s_ab, t.year, span), sanctions_b_on_a=zero_in_coverage(t._s_ba, t.year, span),
        un_sanctions_on_a=zero_in_coverage(t._un_a, t.year, span), un_sanctions_on_b=zero_in_coverage(t._un_b, t.year, span),
        sanctions_source=ibis.ifelse(
            within(t.year, gsdb.V2_YEARS), "GSDB 2",
            ibis.ifelse(within(t.year, gsdb.V3_YEARS), "GSDB 3 (subset)", ibis.null("string")),
        ),
    )


def _permanent(code: ir.StringValue, year: ir.IntegerValue) -> ir.BooleanValue:
    return ibis.or_(*[(code == iso) & within(year, span) for iso, span in PERMANENT_SEATS.items()])


def _veto_covered(member: ir.StringValue, named: ir.StringValue, year: ir.IntegerValue) -> ir.BooleanValue:
    followed = (year <= VETO_COVERAGE_END.year) | named.isin(sorted(VETOES_COVER))
    return _permanent(member, year) & followed


def _vetoes(t: ir.Table, get: TableGetter) -> ir.Table:
    listed = get("unsc_vetoes").select("year", "member_iso3", "concerns_iso3", record=ibis.null("string"))
    cur = get("curated_vetoes").select("year", "member_iso3", "concerns_iso3", "record")
    allv = listed.union(cur)
    counts = allv.group_by(["member_iso3", "concerns_iso3", "year"]).aggregate(n=allv.count(), record=allv.record.max())
    t = _lookup(t, counts, {"member_iso3": t.a, "concerns_iso3": t.b, "year": t.year}, {"_v_ab": "n", "_r_ab": "record"})
    t = _lookup(t, counts, {"member_iso3": t.b, "concerns_iso3": t.a, "year": t.year}, {"_v_ba": "n", "_r_ba": "record"})
    ab_ok, ba_ok = _veto_covered(t.a, t.b, t.year), _veto_covered(t.b, t.a, t.year)
    record = ibis.coalesce(t._r_ab, t._r_ba)
    return t.mutate(
        vetoes_a_on_b=ibis.ifelse(ab_ok, t._v_ab.fill_null(0), ibis.null("int64")),
        vetoes_b_on_a=ibis.ifelse(ba_ok, t._v_ba.fill_null(0), ibis.null("int64")),
        veto_record=record,
        veto_source=ibis.ifelse(
            ~(ab_ok | ba_ok), ibis.null("string"),
            ibis.ifelse(record.notnull() | (t.year > VETO_COVERAGE_END.year), "curated", "UNSC veto list"),
        ),
    )


def _resolutions(t: ir.Table, get: TableGetter) -> ir.Table:
    res = get("unsc_resolutions")
    counts = res.group_by(["concerns_iso3", "year"]).aggregate(
        n=res.resolution.nunique(), unanimous=((res.no == 0) & (res.abstain == 0)).cast("int64").sum(),
    )
    for side in ("a", "b"):
        t = _lookup(t, counts, {"concerns_iso3": t[side], "year": t.year}, {f"_n_{side}": "n", f"_u_{side}": "unanimous"})
    return t.mutate(**{
        f"unsc_res{kind}_on_{side}": zero_in_coverage(t[f"_{k}_{side}"], t.year, RESOLUTIONS_COVERAGE)
        for side in ("a", "b") for kind, k in (("", "n"), ("_unanimous", "u"))
    })


def sanctions_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    """Sanctions, veto and resolution columns for every row of ``frame`` (pure Ibis)."""
    return _resolutions(_vetoes(_sanctions(frame, get), get), get)


def add_sanctions(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add GSDB sanctions cases and the Security Council's vetoes and resolutions (see the module doc)."""
    return merge(df, "add_sanctions", sanctions_expr, COLUMNS, store)

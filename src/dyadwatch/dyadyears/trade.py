"""``add_trade()``: COW trade 4.0 flows, dependence shares, and curated totals after 2014.

Source and version
    Correlates of War Trade 4.0, dyadic and national (Barbieri and Keshk 2016), as packaged by
    peacesciencer; current USD million.  After 2014, the annual totals of the evidence base's
    dated ``*_trade_total`` figures (customs statistics, KOTRA, officials), flagged as curated.

Columns (relative to the row's a and b)
    ``flow1`` imports of a from b, ``flow2`` imports of b from a, ``smoothflow1/2`` COW's
    smoothed versions beside the raw; ``trade`` = flow1 + flow2 (or the curated total);
    ``trade_total_a/b`` each state's total trade (imports + exports, national file);
    ``trade_share_a/b`` = trade / that total — how much of a's (b's) trade is with the other;
    ``trade_source`` (``COW Trade 4.0`` | ``curated``), ``trade_record`` (evidence id),
    ``trade_flag`` (``zero_unreliable`` | ``outlier``, see sources/cow_trade.KNOWN_ISSUES),
    ``mirror_statistics`` (True when one side never reports and the flow is the partner's report).

Missing values
    NA = not covered: before 1870, after 2014 without a curated figure, or a flow COW does not
    report.  0 = COW reports no trade — except where ``trade_flag`` says the zero is not
    credible (USSR–DPRK 1955–1991).  Curated years have no flows, shares or national totals.

Directed vs non-directed
    Trade is stored non-directed (ccode1 < ccode2); the verb orients flows to each row, so a
    directed row (b, a) carries the swapped flows and the same total.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, join_iso_pair_year, merge, pair_hi, pair_lo
from dyadwatch.sources.cow_trade import LAST_YEAR, NON_REPORTERS

SOURCE = "COW Trade 4.0"
COLUMNS = {
    "flow1": "Float64", "flow2": "Float64", "smoothflow1": "Float64", "smoothflow2": "Float64",
    "trade": "Float64", "trade_total_a": "Float64", "trade_total_b": "Float64",
    "trade_share_a": "Float64", "trade_share_b": "Float64",
    "trade_source": "string", "trade_record": "string", "trade_flag": "string", "mirror_statistics": "boolean",
}


def _oriented(f: ir.Table, get: TableGetter) -> ir.Table:
    tr = get("cow_trade_dyadic").rename(_lo="ccode1", _hi="ccode2", _y="year", _f1="flow1", _f2="flow2", _s1="smoothflow1", _s2="smoothflow2")
    j = f.left_join(tr, [pair_lo(f) == tr._lo, pair_hi(f) == tr._hi, f.year == tr._y])
    forward = j.ccode1 < j.ccode2
    return j.mutate(
        flow1=ibis.ifelse(forward, j._f1, j._f2), flow2=ibis.ifelse(forward, j._f2, j._f1),
        smoothflow1=ibis.ifelse(forward, j._s1, j._s2), smoothflow2=ibis.ifelse(forward, j._s2, j._s1),
        _cow=j._y.notnull(),
    ).drop("_lo", "_hi", "_y", "_f1", "_f2", "_s1", "_s2")


def _with_national(t: ir.Table, get: TableGetter) -> ir.Table:
    nat = get("cow_trade_national")
    for side, code in (("a", "ccode1"), ("b", "ccode2")):
        n = nat.select(_c="ccode", _y="year", **{f"trade_total_{side}": nat.imports + nat.exports})
        t = t.left_join(n, [t[code] == n._c, t.year == n._y]).drop("_c", "_y")
    return t


def _with_flags_and_curated(t: ir.Table, get: TableGetter) -> ir.Table:
    fl = get("cow_trade_flags").select(_lo="ccode1", _hi="ccode2", _y="year", trade_flag="trade_flag")
    t = t.left_join(fl, [pair_lo(t) == fl._lo, pair_hi(t) == fl._hi, t.year == fl._y]).drop("_lo", "_hi", "_y")
    cur = get("curated_trade").select("a", "b", "year", _ctrade="trade", _crecord="record")
    return join_iso_pair_year(t, cur, t.year > LAST_YEAR)


def trade_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    """The trade columns for every row of ``frame`` (pure Ibis; see the module doc)."""
    t = _with_flags_and_curated(_with_national(_oriented(frame, get), get), get)
    curated = t._ctrade.notnull() & ~t._cow
    total = ibis.ifelse(curated, t._ctrade, t.flow1 + t.flow2)
    reporters = list(NON_REPORTERS)
    mirror = t.ccode1.isin(reporters) | t.ccode2.isin(reporters)
    return t.mutate(
        trade=total,
        trade_share_a=ibis.ifelse(t.trade_total_a > 0, total / t.trade_total_a, ibis.null("float64")),
        trade_share_b=ibis.ifelse(t.trade_total_b > 0, total / t.trade_total_b, ibis.null("float64")),
        trade_source=ibis.ifelse(t._cow, SOURCE, ibis.ifelse(curated, "curated", ibis.null("string"))),
        trade_record=ibis.ifelse(curated, t._crecord, ibis.null("string")),
        mirror_statistics=ibis.ifelse(total.notnull(), mirror, ibis.null("boolean")),
        trade_flag=ibis.ifelse(t._cow, t.trade_flag, ibis.null("string")),  # a flag qualifies a COW value
    )


def add_trade(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add COW trade 4.0 flows and dependence shares (and curated totals after 2014) to a frame.

    See the module documentation for every column, coverage and what NA means.
    """
    return merge(df, "add_trade", trade_expr, COLUMNS, store)

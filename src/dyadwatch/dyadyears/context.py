"""Context verbs: joint IGO memberships, contiguity, capitals distance, capabilities, rivalries.

Each is a peacesciencer-style verb that adds a few columns; all are symmetric or per
state, so directed and non-directed rows read the same way.

``add_igos()``
    ``dyadigos``: IGOs in which both are full members, COW IGO 3.0 (Pevehouse et al. 2020).
    NA outside 1816–2014 or where the dataset has no row.
``add_contiguity()``
    ``conttype``: COW direct contiguity 3.2 — 1 land, 2–5 water up to 12/24/150/400 miles,
    the closest type of any spell overlapping the year; 0 = not contiguous (1816–2016); NA after.
``add_capital_distance()``
    ``capdist_km``: great-circle distance between the capitals (peacesciencer's capitals
    list with coordinates, to 2024); when a capital moved during a year, the later one.
    NA when either capital is unknown for the year.
``add_capabilities()``
    ``cinc_a``, ``cinc_b``, ``milex_a``, ``milex_b``: COW National Material Capabilities 7.0
    (to 2022; milex thousands of GBP to 1913, of current USD after). NA where not reported.
``add_rivalries()``
    ``td_rivalry`` (Thompson–Dreyer, to 2010) and ``tss_rivalry`` (Thompson–Sakuwa–Suhas,
    to 2020): 1 inside a strategic rivalry spell, 0 inside the coverage otherwise, NA after.
"""

from __future__ import annotations

import math

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, join_pair_year, merge, pair_hi, pair_lo, zero_in_coverage
from dyadwatch.sources.geography import CONTIGUITY_COVERAGE
from dyadwatch.sources.rivalries import COVERAGE as RIVALRY_COVERAGE

EARTH_RADIUS_KM = 6371.0


def igos_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    igo = get("cow_igo")
    return join_pair_year(frame, igo.select(lo="ccode1", hi="ccode2", year="year", dyadigos="dyadigos"), directed=False)


def _spell_years(frame: ir.Table, spells: ir.Table, first: ir.Value, last: ir.Value, agg: dict) -> ir.Table:
    """Aggregate the spells of the row's pair that overlap its year, keyed by ``_row``."""
    lo, hi = pair_lo(frame), pair_hi(frame)
    s = spells.mutate(_slo=pair_lo(spells), _shi=pair_hi(spells), _first=first, _last=last)
    sel = frame.select("_row", "year", _lo=lo, _hi=hi)
    j = sel.join(s, [sel._lo == s._slo, sel._hi == s._shi, sel.year >= s._first, sel.year <= s._last])
    per_row = j.group_by("_row").aggregate(**{k: fn(j) for k, fn in agg.items()}).rename(_r="_row")
    return frame.left_join(per_row, frame._row == per_row._r).drop("_r")


def contiguity_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    c = get("cow_contiguity")
    t = _spell_years(frame, c, c.stdate.year(), c.enddate.year(), {"conttype": lambda j: j.conttype.min()})
    return t.mutate(conttype=zero_in_coverage(t.conttype, t.year, CONTIGUITY_COVERAGE))


def _capital_of(frame: ir.Table, caps: ir.Table, code: str, side: str) -> ir.Table:
    c = caps.mutate(_first=caps.stdate.year(), _last=caps.enddate.year(), _start=caps.stdate)
    sel = frame.select("_row", "year", _code=frame[code])
    j = sel.join(c, [sel._code == c.ccode, sel.year >= c._first, sel.year <= c._last])
    latest = j.mutate(_rank=ibis.row_number().over(group_by=j._row, order_by=ibis.desc(j._start)))
    latest = latest.filter(latest._rank == 0).select(_r="_row", **{f"_lat_{side}": "lat", f"_lng_{side}": "lng"})
    return frame.left_join(latest, frame._row == latest._r).drop("_r")


def capital_distance_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    caps = get("cow_capitals")
    t = _capital_of(_capital_of(frame, caps, "ccode1", "a"), caps, "ccode2", "b")
    rad = math.pi / 180
    dlat, dlng = (t._lat_b - t._lat_a) * rad, (t._lng_b - t._lng_a) * rad
    h = (dlat / 2).sin() ** 2 + (t._lat_a * rad).cos() * (t._lat_b * rad).cos() * (dlng / 2).sin() ** 2
    return t.mutate(capdist_km=2 * EARTH_RADIUS_KM * h.sqrt().asin())


def capabilities_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    nmc = get("cow_nmc")
    t = frame
    for side, code in (("a", "ccode1"), ("b", "ccode2")):
        n = nmc.select(_c="ccode", _y="year", **{f"cinc_{side}": "cinc", f"milex_{side}": "milex"})
        t = t.left_join(n, [t[code] == n._c, t.year == n._y]).drop("_c", "_y")
    return t


def rivalries_expr(frame: ir.Table, get: TableGetter) -> ir.Table:
    r = get("rivalries")
    t = frame
    for source, span in RIVALRY_COVERAGE.items():
        spells = r.filter(r.source == source)
        t = _spell_years(t, spells, spells.start, spells.end, {f"_{source}": lambda j: j.count()})
        t = t.mutate(**{f"{source}_rivalry": zero_in_coverage((t[f"_{source}"] > 0).cast("int8"), t.year, span)})
    return t


def add_igos(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add ``dyadigos`` (COW IGO 3.0 joint full memberships; see the module doc)."""
    return merge(df, "add_igos", igos_expr, {"dyadigos": "Int32"}, store)


def add_contiguity(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add ``conttype`` (COW direct contiguity 3.2; see the module doc)."""
    return merge(df, "add_contiguity", contiguity_expr, {"conttype": "Int8"}, store)


def add_capital_distance(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add ``capdist_km`` between the capitals (see the module doc)."""
    return merge(df, "add_capital_distance", capital_distance_expr, {"capdist_km": "Float64"}, store)


def add_capabilities(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add each side's CINC score and military expenditure (COW NMC 7.0; see the module doc)."""
    cols = {"cinc_a": "Float64", "cinc_b": "Float64", "milex_a": "Float64", "milex_b": "Float64"}
    return merge(df, "add_capabilities", capabilities_expr, cols, store)


def add_rivalries(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add ``td_rivalry`` and ``tss_rivalry`` (strategic rivalries; see the module doc)."""
    return merge(df, "add_rivalries", rivalries_expr, {"td_rivalry": "Int8", "tss_rivalry": "Int8"}, store)

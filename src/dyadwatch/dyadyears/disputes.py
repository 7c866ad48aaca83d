"""``add_disputes()``: militarized interstate disputes, COW MID 5.0 and GML 2.2.1.

Source and version
    COW MID 5.0 (Palmer et al. 2022) and the Gibler–Miller–Little corrected MID data 2.2.1
    (Gibler, Miller and Little 2016), directed dispute dyad-years as packaged by peacesciencer
    (one dispute per dyad-year).

Columns
    ``cowmid_onset`` / ``cowmid_ongoing`` (0/1), ``cowmid_hostlev`` (highest hostility level
    of the dispute, 1–5; 0 = no dispute), ``cowmid_dispnum`` (dispute id); the same four with
    ``gmlmid_``.

Missing values
    0 (and dispnum NA) inside the coverage when the pair had no dispute — the data list
    every dispute dyad-year; NA outside it: COW 1816–2014, GML 1816–2010.

Directed vs non-directed
    Directed rows take their own direction; non-directed rows the maximum of both (a
    dispute between the two exists whichever side is ccode1), and the higher dispute number
    when two differ.
"""

from __future__ import annotations

import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, join_pair_year, merge, meta, undirected_max, zero_in_coverage
from dyadwatch.sources.mids import COVERAGE

FIELDS = ("onset", "ongoing", "hostlev", "dispnum")
PREFIX = {"cow_mids": "cowmid", "gml_mids": "gmlmid"}
COLUMNS = {f"{p}_{f}": ("Int32" if f == "dispnum" else "Int8") for p in PREFIX.values() for f in FIELDS}


def disputes_expr(frame: ir.Table, get: TableGetter, directed: bool) -> ir.Table:
    """MID columns for every row of ``frame`` (pure Ibis)."""
    t = frame
    for table, prefix in PREFIX.items():
        mids = get(table).select("ccode1", "ccode2", "year", **{f"{prefix}_{f}": f for f in FIELDS})
        cols = [f"{prefix}_{f}" for f in FIELDS]
        t = join_pair_year(t, mids.select("ccode1", "ccode2", "year", *cols) if directed else undirected_max(mids, cols), directed)
        span = COVERAGE[table]
        t = t.mutate(**{c: zero_in_coverage(t[c], t.year, span) for c in cols if not c.endswith("dispnum")})
    return t


def add_disputes(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add COW MID 5.0 and GML 2.2.1 dispute onset, ongoing, hostility and dispute id (see the module doc)."""
    directed = meta(df, "add_disputes")["directed"]
    return merge(df, "add_disputes", lambda f, get: disputes_expr(f, get, directed), COLUMNS, store)

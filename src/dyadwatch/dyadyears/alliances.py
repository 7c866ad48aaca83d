"""``add_alliances()``: ATOP 5.1 obligations to 2018, curated treaties to today, and one combined status.

Source and version
    ATOP 5.1 directed dyad-year (Leeds et al. 2002), as packaged by peacesciencer; and the
    curated treaty table of :mod:`dyadwatch.sources.curated` (1961, 2000 and 2024
    Russia/USSR–DPRK treaties, the 1961 PRC–DPRK treaty), each tied to evidence records.

Columns
    ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul`` (0/1, ATOP);
    ``treaty_defense … treaty_consul`` (0/1, curated), ``treaty`` (treaties in force that
    year) and ``treaty_record`` (evidence ids); ``alliance_defense … alliance_consul`` —
    ATOP where ATOP covers the year, the curated table after it — with ``alliance_source``
    naming which one each row uses.

Missing values
    ``atop_*``: 0 inside 1815–2018 when the pair has no ATOP row (no obligation), NA from 2019.
    ``treaty_*``: NA for pairs the curated table does not cover (it is not a census of
    treaties), and before the first curated treaty of a covered pair; 0 in covered years
    with no treaty in force.  ``alliance_*`` is NA when neither covers the row.

Directed vs non-directed
    ATOP is directed (a row says what ccode1 promised ccode2).  Directed frames take the
    row's direction; non-directed frames take the maximum over both directions (an
    obligation exists if either side made it), as peacesciencer's default does.  The
    curated treaties are mutual, so both directions carry the same obligations.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import (
    DyadYears, TableGetter, join_iso_pair_year, join_pair_year, merge, meta, undirected_max, within, zero_in_coverage,
)
from dyadwatch.sources.atop import FIRST_YEAR, LAST_YEAR, OBLIGATIONS

SOURCE = "ATOP 5.1"
ATOP = [f"atop_{o}" for o in OBLIGATIONS]
TREATY = [f"treaty_{o}" for o in OBLIGATIONS]
COMBINED = [f"alliance_{o}" for o in OBLIGATIONS]
COLUMNS = {
    **{c: "Int8" for c in [*ATOP, *TREATY, *COMBINED]},
    "treaty": "string", "treaty_record": "string", "alliance_source": "string",
}


def alliance_expr(frame: ir.Table, get: TableGetter, directed: bool) -> ir.Table:
    """All alliance columns for every row of ``frame`` (pure Ibis)."""
    atop = get("atop_alliance")
    if not directed:
        atop = undirected_max(atop, ATOP)
    t = join_pair_year(frame, atop, directed)
    span = (FIRST_YEAR, LAST_YEAR)
    t = t.mutate(**{c: zero_in_coverage(t[c], t.year, span) for c in ATOP})
    t = join_iso_pair_year(t, get("curated_treaties"))
    in_atop = within(t.year, span)
    combined = {f"alliance_{o}": ibis.ifelse(in_atop, t[f"atop_{o}"], t[f"treaty_{o}"]) for o in OBLIGATIONS}
    source = ibis.ifelse(in_atop, SOURCE, ibis.ifelse(t.treaty_defense.notnull(), "curated", ibis.null("string")))
    return t.mutate(**combined, alliance_source=source)


def add_alliances(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add ATOP 5.1 obligations, the curated treaties, and the combined alliance status.

    See the module documentation for every column, coverage and what NA means.
    """
    directed = meta(df, "add_alliances")["directed"]
    return merge(df, "add_alliances", lambda f, get: alliance_expr(f, get, directed), COLUMNS, store)

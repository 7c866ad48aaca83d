"""``add_unga()``: UN General Assembly alignment per pair and year (dyadwatch.indicators.unga).

Source and version
    Voeten's roll-call votes as packaged by the R package unvotes (to January 2020) and the
    Bailey–Strezhnev–Voeten ideal points (July 2025 release, to 2024).

Columns
    ``unga_n_both`` roll calls in which both voted yes/no/abstain, ``unga_agreement`` share of
    them with the same vote, ``unga_kappa`` Cohen's κ (agreement beyond chance),
    ``unga_idealpoint_distance`` |ideal point a − ideal point b| (final-passage votes).

Missing values
    NA when either state was not a UN member or cast no recorded vote that year (absences
    are not in the vote file), and for all vote columns after 2019; the ideal-point distance
    runs to 2024.  There is no 0 here: alignment is never "none", only unknown.

Directed vs non-directed
    Alignment is symmetric: both directions of a directed frame carry the same values.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, join_iso_pair_year, merge
from dyadwatch.indicators.unga import alignment_expr

#: Up to this many distinct pairs, alignment is computed pair by pair (cheap); beyond it, for
#: every pair of states in one query (the all-pairs cost is paid once, not per pair).
PER_PAIR_LIMIT = 25
COLUMNS = {"unga_n_both": "Int64", "unga_agreement": "Float64", "unga_kappa": "Float64", "unga_idealpoint_distance": "Float64"}


def _alignment(get: TableGetter, pairs: list[tuple[str, str]] | None) -> ir.Table:
    tables = (get("unga_votes"), get("unga_roll_calls"), get("unga_ideal_points"))
    if pairs is None:
        return alignment_expr(*tables, None, None)
    return ibis.union(*[alignment_expr(*tables, a, b) for a, b in pairs])


def unga_expr(frame: ir.Table, get: TableGetter, pairs: list[tuple[str, str]] | None) -> ir.Table:
    """Alignment columns for every row of ``frame``; ``pairs`` (a < b) or None for all pairs."""
    al = _alignment(get, pairs).select(
        "a", "b", "year", unga_n_both="n_both", unga_agreement="agreement", unga_kappa="kappa",
        unga_idealpoint_distance="idealpoint_distance",
    )
    return join_iso_pair_year(frame, al)


def add_unga(df: pd.DataFrame, store: StoreArg = None) -> DyadYears:
    """Add UN General Assembly agreement, κ and ideal-point distance (see the module doc)."""
    pairs = sorted({(min(a, b), max(a, b)) for a, b in zip(df["a"].astype(str), df["b"].astype(str))})
    chosen = pairs if len(pairs) <= PER_PAIR_LIMIT else None
    return merge(df, "add_unga", lambda f, get: unga_expr(f, get, chosen), COLUMNS, store)

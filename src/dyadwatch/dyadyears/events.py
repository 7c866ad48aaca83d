"""``add_events()``: the yearly cooperation–conflict index of the event data, per direction.

Source and version
    Whatever event data the store holds (curated evidence records, and the GDELT / ICEWS /
    POLECAT files ingested with ``dyadwatch events ingest``), through
    :func:`dyadwatch.events.api.event_index_all` at yearly frequency.

Columns (``ab`` = events a → b, ``ba`` = b → a)
    ``events_n_ab`` / ``events_n_ba`` event counts, ``events_netcoop_ab`` / ``_ba`` net
    cooperation in [−1, 1], ``events_goldstein_ab`` / ``_ba`` mean Goldstein score.

Missing values
    Event data have no fixed coverage: it is whatever was ingested.  Inside the span of
    years the loaded events cover, a pair-year without events has count 0 (and NA means);
    outside that span everything is NA.

Directed vs non-directed
    The index is directed; every row carries both directions, named relative to a and b.
"""

from __future__ import annotations

import importlib.util

import ibis
import ibis.expr.types as ir
import pandas as pd

from dyadwatch.api import StoreArg
from dyadwatch.dyadyears.frame import DyadYears, TableGetter, merge, meta, zero_in_coverage
from dyadwatch.errors import DyadwatchError

SOURCE = "all"
COLUMNS = {
    "events_n_ab": "Int64", "events_n_ba": "Int64", "events_netcoop_ab": "Float64", "events_netcoop_ba": "Float64",
    "events_goldstein_ab": "Float64", "events_goldstein_ba": "Float64",
}


def _yearly_index(store: StoreArg, source: str) -> pd.DataFrame:
    if importlib.util.find_spec("dyadwatch.events.api") is None:
        raise DyadwatchError(
            "add_events() needs the event index (dyadwatch.events.api, the event-data issue), which this installation lacks",
            "update dyadwatch to a version with `dyadwatch events`, then ingest event files with `dyadwatch events ingest`",
        )
    from dyadwatch.events.api import event_index_all

    try:
        idx = event_index_all(freq="year", source=source, store=store)
    except DyadwatchError as exc:
        raise DyadwatchError(
            f"add_events(): no event index could be built ({exc.message})",
            "run `dyadwatch load evidence_events` for the curated records, or `dyadwatch events ingest FILE...` "
            "for machine-coded events, then call add_events() again",
        ) from exc
    return pd.DataFrame({
        "source": idx["source"].astype(str), "target": idx["target"].astype(str),
        "year": pd.to_datetime(idx["period"]).dt.year.astype("int32"),
        "n": idx["n_events"].astype("int64"), "netcoop": idx["net_cooperation"].astype("float64"),
        "goldstein": idx["goldstein_mean"].astype("float64"),
    })


def events_expr(frame: ir.Table, index: pd.DataFrame) -> ir.Table:
    """Join the yearly index in both directions onto ``frame`` (pure Ibis over a memtable)."""
    span = (int(index["year"].min()), int(index["year"].max())) if len(index) else (0, -1)
    idx = ibis.memtable(index)
    t = frame
    for suffix, (src, dst) in {"ab": ("a", "b"), "ba": ("b", "a")}.items():
        i = idx.rename(_s="source", _t="target", _y="year", **{f"_n_{suffix}": "n"}).rename(
            **{f"events_netcoop_{suffix}": "netcoop", f"events_goldstein_{suffix}": "goldstein"})
        t = t.left_join(i, [t[src] == i._s, t[dst] == i._t, t.year == i._y]).drop("_s", "_t", "_y")
        t = t.mutate(**{f"events_n_{suffix}": zero_in_coverage(t[f"_n_{suffix}"], t.year, span)})
    return t


def add_events(df: pd.DataFrame, source: str = SOURCE, store: StoreArg = None) -> DyadYears:
    """Add the yearly cooperation–conflict index in both directions (see the module doc).

    ``source``: ``curated``, ``gdelt``, ``icews``, ``polecat`` or ``all`` (as ``dyadwatch events``).
    """
    info = meta(df, "add_events")
    index = _yearly_index(store if store is not None else info["store"], source)

    def build(frame: ir.Table, get: TableGetter) -> ir.Table:
        return events_expr(frame, index)

    return merge(df, "add_events", build, COLUMNS, store)

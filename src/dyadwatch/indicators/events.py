"""The cooperation–conflict index: per directed dyad and day, month or year.

Pure Ibis over any table in the canonical event schema (machine-coded events, the curated
records, or both stacked), so the *same* expression runs on DuckDB and on PySpark.  No I/O.

Per (period, source, target):

* ``n_events`` — events (rows);
* ``n_verbal_coop``, ``n_material_coop``, ``n_verbal_conflict``, ``n_material_conflict`` —
  per quad class; with ``weight="mentions"`` these are sums of ``num_mentions`` instead;
* ``goldstein_sum``, ``goldstein_mean`` — (weighted) sum and mean of the Goldstein score;
* ``net_cooperation`` — (cooperation − conflict) / all, in [−1, 1];
* ``mean_tone`` — (weighted) mean of GDELT's average tone (null where a dataset has none);
* ``salience_source`` / ``salience_target`` — the pair's share of all the source's (target's)
  interactions with any other state in that period (as source or target of an event).

Conventions: near-duplicates are left out unless asked for; rows whose ``date_precision`` is
coarser than the requested period are left out (and :func:`excluded_by_precision` counts them);
events without two distinct state actors are not dyadic and never counted.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

FREQS = ("day", "month", "year")
WEIGHTS = (None, "mentions")

#: Which date precisions a period can use ("day" data serve every period; "year" only years).
PRECISIONS = {"day": ("day",), "month": ("day", "month"), "year": ("day", "month", "year")}

QUADS = {1: "n_verbal_coop", 2: "n_material_coop", 3: "n_verbal_conflict", 4: "n_material_conflict"}

#: The columns the index reads, with their types; :func:`prepare` gives any table exactly these.
COLUMNS = {
    "dataset": "string", "date": "date", "date_precision": "string", "source_iso3": "string",
    "source_type": "string", "target_iso3": "string", "target_type": "string", "quad_class": "int8",
    "goldstein": "float64", "num_mentions": "int32", "avg_tone": "float64", "near_duplicate": "boolean",
}

OUTPUT = ["period", "source", "target", "n_events", *QUADS.values(), "goldstein_sum", "goldstein_mean",
          "net_cooperation", "mean_tone", "salience_source", "salience_target"]


def prepare(table: ir.Table, dataset: str | None = None) -> ir.Table:
    """The index columns of a canonical-schema table; absent ones become typed nulls.

    This is all the index needs from a source, which is how curated records (no tone, no
    mentions) and machine-coded events share one expression.
    """
    cols = {}
    for name, dtype in COLUMNS.items():
        if name in table.columns:
            cols[name] = table[name].cast(dtype)
        elif name == "dataset" and dataset is not None:
            cols[name] = ibis.literal(dataset, "string")
        else:
            cols[name] = ibis.null(dtype)
    return table.select(**cols)


def _period(t: ir.Table, freq: str) -> ir.Value:
    if freq == "day":
        return t.date
    return t.date.truncate("M" if freq == "month" else "Y")


def _filtered(
    events: ir.Table, freq: str, datasets: Sequence[str] | None, source_types: Sequence[str] | None,
    target_types: Sequence[str] | None, include_near_duplicates: bool,
) -> ir.Table:
    t = events.filter(
        events.source_iso3.notnull(), events.target_iso3.notnull(), events.source_iso3 != events.target_iso3,
        events.date_precision.isin(PRECISIONS[freq]),
    )
    if not include_near_duplicates:
        t = t.filter(~t.near_duplicate.fill_null(False))
    if datasets:
        t = t.filter(t.dataset.isin(list(datasets)))
    if source_types:
        t = t.filter(t.source_type.isin(list(source_types)))
    if target_types:
        t = t.filter(t.target_type.isin(list(target_types)))
    return t


def _aggregate(t: ir.Table) -> ir.Table:
    w, g, tone = t.w, t.goldstein, t.avg_tone
    aggs = {
        "n_events": t.count(),
        "w_total": w.sum(),
        **{name: ibis.ifelse(t.quad_class == q, w, 0.0).sum() for q, name in QUADS.items()},
        "goldstein_sum": (g * w).sum(),
        "_w_gold": ibis.ifelse(g.notnull(), w, 0.0).sum(),
        "_tone_sum": (tone * w).sum(),
        "_w_tone": ibis.ifelse(tone.notnull(), w, 0.0).sum(),
    }
    return t.group_by(["period", "source", "target"]).aggregate(**aggs)


def _totals(agg: ir.Table) -> ir.Table:
    """Each country's weighted interactions per period, as source or target, from the dyad aggregate
    (summing the small aggregate instead of re-reading the events halves the work)."""
    as_source = agg.select("period", country=agg.source, w=agg.w_total)
    as_target = agg.select("period", country=agg.target, w=agg.w_total)
    both = as_source.union(as_target, distinct=False)
    return both.group_by(["period", "country"]).aggregate(total=both.w.sum())


def cooperation_conflict(
    events: ir.Table,
    freq: str = "month",
    countries: Sequence[str] | None = None,
    datasets: Sequence[str] | None = None,
    source_types: Sequence[str] | None = None,
    target_types: Sequence[str] | None = None,
    weight: str | None = None,
    include_near_duplicates: bool = False,
) -> ir.Table:
    """The index for every directed dyad, or only dyads among ``countries`` (e.g. ``["RUS", "PRK"]``).

    ``events`` must have the :data:`COLUMNS` (use :func:`prepare`).  Counts are integers when
    unweighted and mention sums (float) with ``weight="mentions"``.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {FREQS}, not {freq!r}")
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
    base = _filtered(events, freq, datasets, source_types, target_types, include_near_duplicates)
    w = base.num_mentions.cast("float64").fill_null(1.0) if weight == "mentions" else ibis.literal(1.0)
    base = base.select(period=_period(base, freq), source=base.source_iso3, target=base.target_iso3,
                       quad_class=base.quad_class, goldstein=base.goldstein, avg_tone=base.avg_tone, w=w)
    if countries:
        base = base.filter(base.source.isin(list(countries)) | base.target.isin(list(countries)))
    every = _aggregate(base)
    totals = _totals(every)
    agg = every.filter(every.source.isin(list(countries)), every.target.isin(list(countries))) if countries else every
    ts = totals.rename(total_source="total", source="country")
    tt = totals.rename(total_target="total", target="country", period_t="period")
    out = agg.join(ts, ["period", "source"]).join(tt, [agg.period == tt.period_t, agg.target == tt.target])
    coop = out.n_verbal_coop + out.n_material_coop
    conflict = out.n_verbal_conflict + out.n_material_conflict
    w_total = out.w_total  # weighted count (= n_events without weights)
    out = out.mutate(
        goldstein_mean=ibis.ifelse(out._w_gold > 0, out.goldstein_sum / out._w_gold, ibis.null("float64")),
        goldstein_sum=ibis.ifelse(out._w_gold > 0, out.goldstein_sum, ibis.null("float64")),
        net_cooperation=(coop - conflict) / w_total,
        mean_tone=ibis.ifelse(out._w_tone > 0, out._tone_sum / out._w_tone, ibis.null("float64")),
        salience_source=w_total / out.total_source,
        salience_target=w_total / out.total_target,
    )
    if weight is None:
        out = out.mutate(**{name: out[name].cast("int64") for name in QUADS.values()})
    return out.select(OUTPUT)


def excluded_by_precision(events: ir.Table, freq: str, countries: Sequence[str] | None = None) -> ir.Scalar:
    """How many dyadic rows a ``freq`` index leaves out because their date is too coarse."""
    t = events.filter(events.source_iso3.notnull(), events.target_iso3.notnull(), ~events.date_precision.isin(PRECISIONS[freq]))
    if countries:
        t = t.filter(t.source_iso3.isin(list(countries)) & t.target_iso3.isin(list(countries)))
    return t.count()

"""The cooperation–conflict index: per directed dyad and day, month or year.

Pure Ibis over *additive* event rows, so the *same* expression runs on DuckDB and on PySpark
and on raw events as well as on a pre-aggregated rollup.  No I/O.

Every input row carries a count ``n`` and sums (:data:`SUMS`): a raw event is a row with
``n = 1`` (:func:`prepare`), a rollup row is the sum of many events sharing its keys
(:func:`rollup`).  Every aggregate of the index is a sum of those columns, so it gives the same
result on either input; the event store keeps a daily rollup per partition
(:mod:`dyadwatch.events.rollup`) and the index reads that instead of every event.

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

#: The canonical columns the index reads, with their types; :func:`prepare` needs no more.
COLUMNS = {
    "dataset": "string", "date": "date", "date_precision": "string", "source_iso3": "string",
    "source_type": "string", "target_iso3": "string", "target_type": "string", "quad_class": "int8",
    "goldstein": "float64", "num_mentions": "int32", "avg_tone": "float64", "near_duplicate": "boolean",
}

#: What an additive row is keyed by (actor types only in per-event rows: see :func:`rollup`).
KEYS = {"dataset": "string", "date": "date", "date_precision": "string", "source_iso3": "string",
        "target_iso3": "string", "near_duplicate": "boolean"}
TYPE_KEYS = ("source_type", "target_type")

#: The additive columns, unweighted (``n…``: counts) and weighted by mentions (``w…``).
#: ``gold_n``/``tone_n`` (and ``_w``) count only rows that have a value, for the means.
#: All are float64: counts stay exact (below 2**53), and a float sum is a plain sum on every
#: engine (DuckDB widens integer sums to 128 bits); the index casts counts back to integers.
SUMS = ("n", *(f"n_q{q}" for q in QUADS), "gold_sum", "gold_n", "tone_sum", "tone_n",
        "w", *(f"w_q{q}" for q in QUADS), "gold_wsum", "gold_w", "tone_wsum", "tone_w")

OUTPUT = ["period", "source", "target", "n_events", *QUADS.values(), "goldstein_sum", "goldstein_mean",
          "net_cooperation", "mean_tone", "salience_source", "salience_target"]


def _canonical(table: ir.Table, dataset: str | None) -> ir.Table:
    cols = {}
    for name, dtype in COLUMNS.items():
        if name in table.columns:
            cols[name] = table[name].cast(dtype)
        elif name == "dataset" and dataset is not None:
            cols[name] = ibis.literal(dataset, "string")
        else:
            cols[name] = ibis.null(dtype)
    return table.select(**cols)


def prepare(table: ir.Table, dataset: str | None = None, types: bool = True) -> ir.Table:
    """Additive rows (``n = 1``) from a canonical-schema table; absent columns count as null.

    This is all the index needs from a source, which is how curated records (no tone, no
    mentions) and machine-coded events share one expression.  ``types=False`` leaves out the
    actor types, giving the columns of a :func:`rollup` so the two can be stacked.
    """
    t = _canonical(table, dataset)
    one, zero = ibis.literal(1.0), ibis.literal(0.0)
    w = t.num_mentions.cast("float64").fill_null(1.0)
    g, tone = t.goldstein, t.avg_tone
    sums = {
        "n": one, **{f"n_q{q}": ibis.ifelse(t.quad_class == q, one, zero) for q in QUADS},
        "gold_sum": g, "gold_n": ibis.ifelse(g.notnull(), one, zero),
        "tone_sum": tone, "tone_n": ibis.ifelse(tone.notnull(), one, zero),
        "w": w, **{f"w_q{q}": ibis.ifelse(t.quad_class == q, w, 0.0) for q in QUADS},
        "gold_wsum": g * w, "gold_w": ibis.ifelse(g.notnull(), w, 0.0),
        "tone_wsum": tone * w, "tone_w": ibis.ifelse(tone.notnull(), w, 0.0),
    }
    keys = {k: t[k] for k in KEYS}
    keys["near_duplicate"] = t.near_duplicate.fill_null(False)
    if types:
        keys.update({k: t[k] for k in TYPE_KEYS})
    return t.select(**keys, **{name: value.cast("float64") for name, value in sums.items()})


def conform(rows: ir.Table) -> ir.Table:
    """Exactly the rollup columns and types (e.g. of rollup files read back, which carry more)."""
    return rows.select(**{name: rows[name].cast(dtype) for name, dtype in KEYS.items()},
                       **{name: rows[name].cast("float64") for name in SUMS})


def rollup(additive: ir.Table, grain: str = "day") -> ir.Table:
    """Dyadic additive rows summed per :data:`KEYS` (a day, a dyad, a dataset, duplicate or not).

    With ``grain="month"`` the date becomes the first of its month (the precision stays): such
    a rollup serves monthly and yearly indexes, not daily ones.  Actor types and the quad class
    are not keys (the quad class is spread over ``n_q1…``): on GDELT-like data a day × dyad ×
    types × quad key still holds about ¾ of the rows, while this one holds about ⅕.  An index
    filtered by actor type therefore reads the events.
    """
    t = _dyadic(additive)
    if grain != "day":
        t = t.mutate(date=_period(t, grain).cast("date"))
    return t.group_by(list(KEYS)).aggregate(**{name: t[name].sum() for name in SUMS})


def _dyadic(t: ir.Table) -> ir.Table:
    return t.filter(t.source_iso3.notnull(), t.target_iso3.notnull(), t.source_iso3 != t.target_iso3)


def _period(t: ir.Table, freq: str) -> ir.Value:
    if freq == "day":
        return t.date
    return t.date.truncate("M" if freq == "month" else "Y")


def _filtered(
    rows: ir.Table, freq: str, datasets: Sequence[str] | None, source_types: Sequence[str] | None,
    target_types: Sequence[str] | None, include_near_duplicates: bool,
) -> ir.Table:
    t = _dyadic(rows).filter(rows.date_precision.isin(PRECISIONS[freq]))
    if not include_near_duplicates:
        t = t.filter(~t.near_duplicate)
    if datasets:
        t = t.filter(t.dataset.isin(list(datasets)))
    if (source_types or target_types) and not set(TYPE_KEYS) <= set(t.columns):
        raise ValueError("an actor-type filter needs per-event rows (prepare(..., types=True)), not a rollup")
    if source_types:
        t = t.filter(t.source_type.isin(list(source_types)))
    if target_types:
        t = t.filter(t.target_type.isin(list(target_types)))
    return t


def _aggregate(t: ir.Table, weight: str | None) -> ir.Table:
    """Sums only: the same on per-event rows and on a rollup.  ``w_total`` is the (weighted) count."""
    if weight == "mentions":
        cols = {"w_total": "w", **{name: f"w_q{q}" for q, name in QUADS.items()}, "goldstein_sum": "gold_wsum",
                "_w_gold": "gold_w", "_tone_sum": "tone_wsum", "_w_tone": "tone_w"}
    else:
        cols = {"w_total": "n", **{name: f"n_q{q}" for q, name in QUADS.items()}, "goldstein_sum": "gold_sum",
                "_w_gold": "gold_n", "_tone_sum": "tone_sum", "_w_tone": "tone_n"}
    aggs = {"n_events": t.n.sum(), **{out: t[col].sum() for out, col in cols.items()}}
    return t.group_by(["period", "source", "target"]).aggregate(**aggs)


def _totals(agg: ir.Table) -> ir.Table:
    """Each country's weighted interactions per period, as source or target, from the dyad aggregate
    (summing the small aggregate instead of re-reading the events halves the work)."""
    as_source = agg.select("period", country=agg.source, w=agg.w_total)
    as_target = agg.select("period", country=agg.target, w=agg.w_total)
    both = as_source.union(as_target, distinct=False)
    return both.group_by(["period", "country"]).aggregate(total=both.w.sum())


def cooperation_conflict(
    rows: ir.Table,
    freq: str = "month",
    countries: Sequence[str] | None = None,
    datasets: Sequence[str] | None = None,
    source_types: Sequence[str] | None = None,
    target_types: Sequence[str] | None = None,
    weight: str | None = None,
    include_near_duplicates: bool = False,
) -> ir.Table:
    """The index for every directed dyad, or only dyads among ``countries`` (e.g. ``["RUS", "PRK"]``).

    ``rows`` are additive rows: per event (:func:`prepare`) or a :func:`rollup`, or both stacked.
    Counts are integers when unweighted and mention sums (float) with ``weight="mentions"``.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {FREQS}, not {freq!r}")
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
    base = _filtered(rows, freq, datasets, source_types, target_types, include_near_duplicates)
    base = base.mutate(period=_period(base, freq), source=base.source_iso3, target=base.target_iso3)
    if countries:
        base = base.filter(base.source.isin(list(countries)) | base.target.isin(list(countries)))
    every = _aggregate(base, weight)
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
        n_events=out.n_events.cast("int64"),
    )
    if weight is None:
        out = out.mutate(**{name: out[name].cast("int64") for name in QUADS.values()})
    return out.select(OUTPUT)


def excluded_by_precision(rows: ir.Table, freq: str, countries: Sequence[str] | None = None) -> ir.Scalar:
    """How many dyadic events (additive rows' ``n``) a ``freq`` index leaves out because their date is too coarse."""
    t = rows.filter(rows.source_iso3.notnull(), rows.target_iso3.notnull(), ~rows.date_precision.isin(PRECISIONS[freq]))
    if countries:
        t = t.filter(t.source_iso3.isin(list(countries)) & t.target_iso3.isin(list(countries)))
    return t.n.sum().fill_null(0)

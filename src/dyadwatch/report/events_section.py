"""Report section: the cooperation–conflict index for the pair and its comparison pairs.

Uses every event source in the store (curated records plus any machine-coded events): net
cooperation per period with both directions pooled, so pairs are comparable on one axis,
and a table of the directed totals so the reader sees how many events each figure rests on.
Monthly when machine-coded events are stored, yearly otherwise (curated records are sparse).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dyadwatch.errors import DyadwatchError
from dyadwatch.events.api import event_index
from dyadwatch.events.store import EventStore
from dyadwatch.report import ReportContext, Section
from dyadwatch.report.charts import PALETTE, fragment, with_year_gaps

COUNTS = ["n_events", "n_verbal_coop", "n_material_coop", "n_verbal_conflict", "n_material_conflict"]


def _frames(ctx: ReportContext, freq: str) -> dict[str, pd.DataFrame]:
    frames = {}
    for x, y in ctx.pairs:
        try:
            frames[f"{x}–{y}"] = event_index(x, y, freq=freq, source="all", store=ctx.store)
        except DyadwatchError:
            frames[f"{x}–{y}"] = pd.DataFrame(columns=["period", "source", "target", *COUNTS, "goldstein_sum"])
    return frames


def _pooled(df: pd.DataFrame) -> pd.DataFrame:
    """Both directions summed per period, with net cooperation recomputed from the sums."""
    g = df.groupby("period", as_index=False)[COUNTS].sum()
    coop = g.n_verbal_coop + g.n_material_coop
    g["net_cooperation"] = (coop - g.n_verbal_conflict - g.n_material_conflict) / g.n_events
    return g


QUAD_BARS = (
    ("n_verbal_coop", "verbal cooperation", 1, "#7fb3d5"),
    ("n_material_coop", "material cooperation", 1, "#1f618d"),
    ("n_verbal_conflict", "verbal conflict", -1, "#f5b7b1"),
    ("n_material_conflict", "material conflict", -1, "#b03a2e"),
)


def _x(d: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Yearly periods as integer years with missing years as gaps; finer periods as they are."""
    if freq != "year":
        return d.rename(columns={"period": "x"})
    d = d.assign(year=pd.to_datetime(d["period"]).dt.year).drop(columns="period")
    return with_year_gaps(d).rename(columns={"year": "x"})


def _quad_chart(label: str, df: pd.DataFrame, freq: str) -> str:
    """The main pair's events per period by quad class: cooperation up, conflict down."""
    d = _x(_pooled(df), freq)
    fig = go.Figure()
    for col, name, sign, color in QUAD_BARS:
        fig.add_trace(go.Bar(
            x=d["x"], y=sign * d[col].astype("float64"), name=name, marker_color=color,
            customdata=d[[col]].astype("float64").to_numpy(),
            hovertemplate=f"{name} %{{x}}: %{{customdata[0]:.0f}} events<extra></extra>",
        ))
    fig.update_layout(title=f"{label}: events per {freq} by CAMEO quad class (both directions)", barmode="relative",
                      yaxis_title="events (conflict below zero)")
    return fragment(fig, "events-quad-classes")


def _chart(frames: dict[str, pd.DataFrame], freq: str) -> str:
    fig = go.Figure()
    for i, (label, df) in enumerate(frames.items()):
        if df.empty:
            continue
        d = _x(_pooled(df), freq)
        fig.add_trace(go.Scatter(
            x=d["x"], y=d["net_cooperation"], name=label, mode="lines+markers",
            line=dict(color=PALETTE[i % len(PALETTE)], width=3 if i == 0 else 1.5), marker=dict(size=5),
            customdata=d[COUNTS].astype("float64").to_numpy(),
            hovertemplate=f"<b>{label}</b> %{{x}}<br>net cooperation %{{y:.2f}}<br>events %{{customdata[0]:.0f}}"
            "<br>verbal/material coop %{customdata[1]:.0f}/%{customdata[2]:.0f}"
            "<br>verbal/material conflict %{customdata[3]:.0f}/%{customdata[4]:.0f}<extra></extra>",
        ))
    fig.update_layout(title=f"Net cooperation per {freq} (both directions)", yaxis_title="(coop − conflict) / events",
                      yaxis_range=[-1.05, 1.05])
    return fragment(fig, "events-net-cooperation")


def _table(frames: dict[str, pd.DataFrame]) -> str:
    rows = []
    for label, df in frames.items():
        for (src, tgt), part in df.groupby(["source", "target"]):
            t = part[COUNTS].sum()
            gold = part["goldstein_sum"].sum() / t.n_events if t.n_events else float("nan")
            rows.append(
                f"<tr><td>{html.escape(label)}</td><td>{src}→{tgt}</td><td>{part.period.min()} – {part.period.max()}</td>"
                + "".join(f"<td>{int(v):,}</td>" for v in t) + f"<td>{gold:.2f}</td></tr>"
            )
    head = "".join(f"<th>{c.removeprefix('n_').replace('_', ' ')}</th>" for c in COUNTS)
    body = "".join(rows) or "<tr><td colspan=9>no events for these pairs</td></tr>"
    return (f"<table class='data'><thead><tr><th>pair</th><th>direction</th><th>periods</th>{head}"
            f"<th>mean Goldstein</th></tr></thead><tbody>{body}</tbody></table>")


def build(ctx: ReportContext) -> Section:
    machine = ctx.store.has("events")
    freq = "month" if machine else "year"
    frames = _frames(ctx, freq)
    datasets = ["cameo_eventcodes_gdelt", "cameo_goldstein_gdelt", *EventStore(ctx.store).registry_datasets()]
    coverage = (
        "Counts combine the curated records with every machine-coded event file ingested into this store "
        f"({'some' if machine else 'none'}). Machine-coded events are coded automatically from news and over-count "
        "busy news periods; near-duplicates (same day, countries, CAMEO code and article) are left out. "
        "Net cooperation is (cooperation − conflict) / events, so a period with few events swings widely: "
        "check the counts in the hover and the table."
    )
    label, main = next(iter(frames.items()))  # the report's own pair comes first (ReportContext.pairs)
    body = ("<p>How cooperative the pair's recorded interactions were, period by period, beside the comparison "
            "pairs. CAMEO quad classes: verbal and material cooperation against verbal and material conflict.</p>"
            + ("" if main.empty else _quad_chart(label, main, freq))
            + _chart(frames, freq) + _table(frames))
    return Section(id="events", title="Cooperation and conflict in event data", html=body, datasets=datasets, coverage=coverage)

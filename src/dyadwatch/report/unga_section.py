"""Report section: UN General Assembly agreement and ideal-point distance over time."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dyadwatch import api
from dyadwatch.report import ReportContext, Section
from dyadwatch.report.charts import PALETTE, fragment


def _frames(ctx: ReportContext) -> dict[str, pd.DataFrame]:
    return {f"{x}–{y}": api.unga_alignment(x, y, store=ctx.store) for x, y in ctx.pairs}


#: Years with fewer roll calls in common than this are drawn as hollow markers off the line.
MIN_VOTES = 10


def _chart(frames: dict[str, pd.DataFrame], column: str, title: str, div_id: str) -> str:
    fig = go.Figure()
    for i, (label, df) in enumerate(frames.items()):
        d = df.dropna(subset=[column])
        few = d["n_both"].fillna(MIN_VOTES) < MIN_VOTES
        color = PALETTE[i % len(PALETTE)]
        for part, sparse in ((d[~few], False), (d[few], True)):
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["year"], y=part[column], name=label if not sparse else f"{label} (< {MIN_VOTES} votes)",
                    legendgroup=label, showlegend=not sparse,
                    mode="markers" if sparse else "lines+markers",
                    line=dict(color=color, width=3 if i == 0 else 1.5),
                    marker=dict(size=7 if sparse else 5, color=color, symbol="circle-open" if sparse else "circle"),
                    customdata=part[["n_both", "n_same"]].astype("float64").to_numpy(),
                    hovertemplate=f"<b>{label}</b> %{{x}}<br>{column}: %{{y:.3f}}"
                    "<br>roll calls both voted: %{customdata[0]:.0f}<br>same vote: %{customdata[1]:.0f}<extra></extra>",
                )
            )
    fig.update_layout(title=title, xaxis_title="year", yaxis_title=column)
    return fragment(fig, div_id)


def _latest_table(frames: dict[str, pd.DataFrame]) -> str:
    rows = []
    for label, df in frames.items():
        votes = df.dropna(subset=["agreement"])
        last = votes[votes["n_both"] >= MIN_VOTES].iloc[-1] if len(votes) else None
        ip = df.dropna(subset=["idealpoint_distance"]).iloc[-1]
        rows.append(
            f"<tr><td>{html.escape(label)}</td>"
            + (f"<td>{int(last.year)}</td><td>{last.agreement:.3f}</td><td>{int(last.n_same)}/{int(last.n_both)}</td><td>{last.kappa:.3f}</td>" if last is not None else "<td colspan=4>no votes</td>")
            + f"<td>{int(ip.year)}</td><td>{ip.idealpoint_distance:.3f}</td></tr>"
        )
    return (
        "<table class='data'><thead><tr><th>pair</th><th>last vote year</th><th>agreement</th><th>same / both</th>"
        "<th>κ</th><th>last ideal-point year</th><th>distance</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def build(ctx: ReportContext) -> Section:
    frames = _frames(ctx)
    rc = ctx.store.table("unga_roll_calls")
    last_vote = rc.date.max().to_pyarrow().as_py()
    last_ip = int(ctx.store.table("unga_ideal_points").year.max().to_pyarrow().as_py())
    coverage = (
        f"Roll-call votes end on {last_vote:%d %B %Y} (session 74); ideal points run to {last_ip}. "
        "Years after 2019 therefore show ideal-point distance only. Absences are not in the vote file, so agreement "
        f"counts only roll calls in which both states voted yes, no or abstain; a year with fewer than {MIN_VOTES} such votes "
        "(2020 has one roll call) is drawn as a hollow marker off the line and should not be read as a trend."
    )
    body = (
        "<p>Share of roll calls in which both states cast the same vote, with Cohen's κ in the table "
        "(agreement beyond what each side's own voting frequencies would produce by chance). Hover for counts.</p>"
        + _chart(frames, "agreement", "UNGA voting agreement", "unga-agreement")
        + "<p>Distance between the states' ideal points (Bailey–Strezhnev–Voeten, final-passage votes): lower means "
        "closer foreign-policy positions as revealed in the General Assembly.</p>"
        + _chart(frames, "idealpoint_distance", "UNGA ideal-point distance", "unga-idealpoints")
        + _latest_table(frames)
    )
    return Section(
        id="unga", title="UN General Assembly alignment", html=body,
        datasets=["unga_votes", "unga_roll_calls", "unga_ideal_points"], coverage=coverage,
    )

"""Report section "Structure of the relationship": trade and dependence, alliance status, sanctions and votes.

Built from one dyad-year frame of the pair and its comparison pairs (``dyad_years`` with
trade, alliances and sanctions added), so every number here is the same one the
``dyadwatch table`` command prints, with its source column beside it.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from dyadwatch.dyadyears import cite, dyad_years
from dyadwatch.dyadyears.cite import datasets_of
from dyadwatch.report import ReportContext, Section
from dyadwatch.report.charts import PALETTE, fragment, with_year_gaps
from dyadwatch.sources.atop import OBLIGATIONS

FIRST_YEAR = 1946
OBLIGATION_LABELS = {"defense": "defence", "offense": "offence", "neutral": "neutrality", "nonagg": "non-aggression", "consul": "consultation"}


def _frame(ctx: ReportContext) -> pd.DataFrame:
    df = dyad_years(ctx.pairs, years=(FIRST_YEAR, dt.date.today().year), store=ctx.store)
    return df.add_trade(store=ctx.store).add_alliances(store=ctx.store).add_sanctions(store=ctx.store)


def _label(row_a: str, row_b: str) -> str:
    return f"{row_a}–{row_b}"


def _trade_chart(df: pd.DataFrame) -> str:
    """Total trade per pair on a log scale; curated figures as open markers.

    Flagged COW values (unreliable zeros, the 1996 outlier) and zeros (no place on a log
    axis) are left out; the table output keeps them with their flags.
    """
    fig = go.Figure()
    for i, ((a, b), g) in enumerate(df.groupby(["a", "b"], sort=False)):
        g = g[g.trade_flag.isna() & (g.trade > 0)]
        color = PALETTE[i % len(PALETTE)]
        for source, symbol in (("COW Trade 4.0", "circle"), ("curated", "circle-open")):
            part = g[g.trade_source == source]
            if part.empty:
                continue
            if source != "curated":
                part = with_year_gaps(part)
            fig.add_trace(go.Scatter(
                x=part.year, y=part.trade.astype("float64"), mode="lines+markers" if source != "curated" else "markers",
                name=f"{_label(a, b)} ({'COW' if source != 'curated' else 'curated'})",
                marker=dict(symbol=symbol, size=6, color=color), line=dict(color=color, width=3 if i == 0 else 1.5),
                customdata=part[["trade_record"]].fillna(source).to_numpy(),
                hovertemplate=f"<b>{_label(a, b)}</b> %{{x}}: %{{y:,.0f}} USD million<br>%{{customdata[0]}}<extra></extra>",
            ))
    fig.update_layout(title="Total trade (current USD million)", xaxis_title="year", yaxis_title="USD million", yaxis_type="log")
    return fragment(fig, "structure-trade")


def _share_chart(df: pd.DataFrame, focus: str) -> str:
    """Share of ``focus``'s total trade that is with each partner (COW national totals, to 2014)."""
    fig = go.Figure()
    for i, ((a, b), g) in enumerate(df.groupby(["a", "b"], sort=False)):
        if focus not in (a, b):
            continue
        col, partner = ("trade_share_a", b) if a == focus else ("trade_share_b", a)
        g = with_year_gaps(g[g.trade_flag.isna()].dropna(subset=[col]))
        fig.add_trace(go.Scatter(
            x=g.year, y=g[col].astype("float64"), mode="lines+markers", name=f"with {partner}",
            line=dict(color=PALETTE[i % len(PALETTE)]), marker=dict(size=5),
            hovertemplate=f"{focus}'s trade with {partner} %{{x}}: %{{y:.1%}}<extra></extra>",
        ))
    fig.update_layout(title=f"Share of {focus}'s total trade, by partner", xaxis_title="year", yaxis_title="share", yaxis_tickformat=".0%")
    return fragment(fig, "structure-shares")


def _status(row: pd.Series) -> str:
    pledged = [OBLIGATION_LABELS[o] for o in OBLIGATIONS if row[f"alliance_{o}"] == 1]
    return ", ".join(pledged) if pledged else "no obligation"


def alliance_spells(pair: pd.DataFrame) -> pd.DataFrame:
    """Consecutive years with the same status and source, collapsed to spells (first, last)."""
    pair = pair.dropna(subset=["alliance_source"]).sort_values("year")
    status = pair.apply(_status, axis=1)
    key = status + "|" + pair.alliance_source.astype(str) + "|" + pair.treaty.fillna("").astype(str)
    spell = (key != key.shift()).cumsum()
    return pd.DataFrame({
        "first": pair.year.groupby(spell).min(), "last": pair.year.groupby(spell).max(),
        "status": status.groupby(spell).first(), "source": pair.alliance_source.groupby(spell).first(),
        "treaty": pair.treaty.groupby(spell).first(), "records": pair.treaty_record.groupby(spell).first(),
    }).reset_index(drop=True)


def _alliance_table(pair: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td>{s['first']}–{s['last']}</td><td>{html.escape(s.status)}</td><td>{html.escape(str(s.source))}</td>"
        f"<td>{html.escape(s.treaty) if isinstance(s.treaty, str) else '–'}</td>"
        f"<td><small>{html.escape(s.records) if isinstance(s.records, str) else ''}</small></td></tr>"
        for _, s in alliance_spells(pair).iterrows()
    )
    return ("<table class='data'><thead><tr><th>years</th><th>obligations</th><th>source</th><th>treaty in force</th>"
            "<th>evidence records</th></tr></thead><tbody>" + rows + "</tbody></table>")


def _council_table(pair: pd.DataFrame, a: str, b: str) -> str:
    cols = ["unsc_res_on_b", "unsc_res_unanimous_on_b", "vetoes_a_on_b", "un_sanctions_on_b", "sanctions_a_on_b"]
    pair = pair.sort_values("year")
    acts = (pair[cols[:3]].fillna(0) > 0).any(axis=1)
    changed = pair[cols[3:]].astype("float64").diff().fillna(0).ne(0).any(axis=1)  # a case began or ended (not NA → 0)
    active = pair[acts | changed]

    def cell(v: object) -> str:
        return "–" if pd.isna(v) else str(int(v))

    rows = "".join(
        f"<tr><td>{int(r.year)}</td>" + "".join(f"<td>{cell(r[c])}</td>" for c in cols)
        + f"<td><small>{html.escape(str(r.veto_record)) if isinstance(r.veto_record, str) else html.escape(str(r.veto_source or ''))}</small></td></tr>"
        for _, r in active.iterrows()
    )
    head = (f"<th>year</th><th>UNSC resolutions naming {b}</th><th>of which unanimous</th><th>vetoes by {a} of drafts naming {b}</th>"
            f"<th>UN sanctions cases on {b}</th><th>{a}'s sanctions cases on {b}</th><th>veto source</th>")
    note = "<p>Years with a resolution or veto naming either side, or in which the number of sanctions cases changed.</p>"
    return f"{note}<table class='data'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _curated_list(df: pd.DataFrame) -> str:
    entries = cite(df, ("apa",))["curated"]
    items = "".join(
        f"<li><b>{html.escape(rid)}</b> ({e['date']}): {html.escape(e['title'])}"
        f"<details><summary>sources</summary><ul>{''.join(f'<li>{html.escape(s)}</li>' for s in e['apa'])}</ul></details></li>"
        for rid, e in entries.items()
    )
    return f"<details><summary>{len(entries)} curated evidence records used here</summary><ul>{items}</ul></details>"


def build(ctx: ReportContext) -> Section:
    df = _frame(ctx)
    pair = df[(df.a == ctx.a) & (df.b == ctx.b)]
    coverage = (
        "Trade: COW Trade 4.0 to 2014 (current USD million; DPRK flows are partner reports), then the evidence base's "
        "dated annual figures (open markers). Zeros cannot be drawn on the log scale; the USSR–DPRK zeros of 1955–1991 "
        "are not credible anyway, and the 1996 RUS–PRK value is a known COW outlier (`dyadwatch table` shows both, "
        "flagged). Alliances: ATOP 5.1 to 2018, the curated treaty table after. Sanctions: GSDB to 2022; resolutions with tallies to 2019; vetoes to September 2022, then curated records."
    )
    body = (
        "<p>How much the two trade, how much each depends on the other, what they have promised each other, and how "
        "they stood in the Security Council. Hover for sources.</p>"
        + _trade_chart(df) + _share_chart(df, ctx.b)
        + f"<h3>Alliance status {ctx.a}–{ctx.b}</h3>" + _alliance_table(pair)
        + f"<h3>Sanctions and Security Council votes: {ctx.a} and {ctx.b}</h3>"
        + "<p>A unanimous resolution is the one case in which every permanent member's vote is known (yes).</p>"
        + _council_table(pair, ctx.a, ctx.b) + _curated_list(df)
    )
    return Section(id="structure", title="Structure of the relationship", html=body, datasets=datasets_of(df), coverage=coverage)

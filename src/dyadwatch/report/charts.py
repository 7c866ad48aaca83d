"""Plotly helpers for the report: one inlined copy of plotly.js, then figures as fragments.

The report must render from disk with the network off, so plotly.js is embedded once in the
page head (``plotly_js``) and every figure is emitted without a script reference.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

PALETTE = ("#c0392b", "#2c7fb8", "#7f8c8d", "#e67e22", "#27ae60", "#8e44ad")


def plotly_js() -> str:
    """The full plotly.js bundle, to inline in a <script> tag."""
    return get_plotlyjs()


def fragment(fig: go.Figure, div_id: str) -> str:
    """A figure as an HTML fragment that relies on the page's inlined plotly.js."""
    fig.update_layout(template="plotly_white", margin=dict(l=50, r=20, t=40, b=40), height=380, legend=dict(orientation="h", y=-0.15))
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True})


def with_year_gaps(df: pd.DataFrame, column: str = "year") -> pd.DataFrame:
    """Reindex ``df`` on every year between its first and last, so missing years become NaN.

    Plotly draws a line straight across absent points; with explicit NaN rows it breaks the
    line instead, so a gap in the data is a gap on the chart, not an invented trend.
    """
    if df.empty:
        return df
    years = pd.RangeIndex(int(df[column].min()), int(df[column].max()) + 1, name=column)
    return df.set_index(column).reindex(years).reset_index()

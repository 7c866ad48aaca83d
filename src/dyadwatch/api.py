"""The Python face: functions returning pandas DataFrames over the default store.

Each function accepts country names or codes, opens the store named by ``store`` (a
:class:`~dyadwatch.store.Store`, a path, or None for ``DYADWATCH_DB``/the user default),
loads the tables it needs on first use, and runs a pure indicator expression.
"""

from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

import ibis
import pandas as pd

from dyadwatch import countries
from dyadwatch.errors import DyadwatchError
from dyadwatch.indicators.unga import BY, alignment_expr
from dyadwatch.store import Store

StoreArg = Store | Path | str | None

ISSUES = ("me", "nu", "di", "hr", "co", "ec")


@contextmanager
def open_store(store: StoreArg = None) -> Iterator[Store]:
    """Use a given Store as is, or open (and close) one at a path / the default path."""
    if isinstance(store, Store):
        yield store
        return
    s = Store(store)
    try:
        yield s
    finally:
        s.close()


def _check_options(by: str, issue: str | None) -> None:
    if by not in BY:
        raise DyadwatchError(f"by={by!r} is not supported", f"use one of {', '.join(BY)}")
    if issue is not None and issue not in ISSUES:
        raise DyadwatchError(
            f"unknown UNGA issue tag {issue!r}",
            "use me (Palestinian conflict), nu (nuclear), di (arms control), hr (human rights), "
            "co (colonialism) or ec (economic development)",
        )


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    for col in [c for c in df.columns if c.startswith(("n_", "a_", "b_"))]:
        df[col] = df[col].astype("Int64")
    return df.reset_index(drop=True)


def _alignment(s: Store, a: str | None, b: str | None, by: str, issue: str | None) -> ibis.Table:
    """The alignment expression over the store's UNGA tables (one pair, or all pairs when a, b are None)."""
    return alignment_expr(
        s.table("unga_votes"), s.table("unga_roll_calls"), s.table("unga_ideal_points"),
        a, b, by=by, issues=s.table("unga_issues") if issue else None, issue=issue,
    )


def unga_alignment(a: str, b: str, by: str = "year", issue: str | None = None, store: StoreArg = None) -> pd.DataFrame:
    """UN General Assembly alignment of ``a`` and ``b`` per year (or session).

    Columns: ``year, a, b, n_both, n_same, agreement, kappa, idealpoint_distance,
    idealpoint_distance_all`` plus each side's yes/abstain/no counts and ideal points.
    Rows after January 2020 carry ideal points only (the roll-call file ends there): their
    vote columns are NA, not 0.
    """
    _check_options(by, issue)
    ia, ib = countries.iso3(a), countries.iso3(b)
    with open_store(store) as s:
        return _tidy(_alignment(s, ia, ib, by, issue).to_pandas())


def unga_alignment_all(year: int | None = None, by: str = "year", issue: str | None = None, store: StoreArg = None) -> pd.DataFrame:
    """Alignment for every pair of states (``a < b``) in one query, optionally for one year."""
    _check_options(by, issue)
    with open_store(store) as s:
        expr = _alignment(s, None, None, by, issue)
        if year is not None:
            expr = expr.filter(expr[BY[by][0]] == year)
        return _tidy(expr.to_pandas())

"""Dyad-year frames: the table the ``add_*`` verbs extend, and the machinery they share.

A frame is a pandas DataFrame whose ``attrs["dyadwatch"]`` says what it is (unit, directed
or not, years, which store to read).  Every verb checks those attributes first, as
peacesciencer checks its ``ps_data_type``: a verb on a frame that was not built by
:func:`dyad_years` fails with a message naming the function to run, instead of merging on
whatever columns happen to match.

Keys: ``a``, ``b`` (ISO3; states without one are ``COW<code>``), ``ccode1``, ``ccode2``
(their COW codes), ``year``.  Non-directed frames hold each pair once — in the order the
user gave it, or alphabetically (``a < b``) for all pairs — and every dyadic column is
named relative to that order (``flow1`` = imports of *a* from *b*).  Directed frames hold
both directions; a column then describes the row's own direction.

Why a DataFrame subclass: the acceptance reads ``dyad_years(...).add_trade().add_alliances()``,
and methods keep the chain discoverable (tab completion, ``help``).  Each method is a thin
call of a module-level function that takes any frame with the attributes, so
``df.pipe(add_trade)`` works on a plain DataFrame too, and nothing depends on pandas
preserving the subclass.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from dyadwatch import countries
from dyadwatch.api import StoreArg, open_store
from dyadwatch.errors import DyadwatchError, InvalidInput
from dyadwatch.store import Store

META = "dyadwatch"
KEYS = ["a", "b", "ccode1", "ccode2", "year"]
SYSTEM_YEARS = (1816, 2025)

TableGetter = Callable[[str], ir.Table]
Builder = Callable[[ir.Table, TableGetter], ir.Table]


def _verb(module: str, name: str) -> Callable[..., "DyadYears"]:
    """A method that calls ``dyadwatch.dyadyears.<module>.<name>(self, **kw)``.

    Imported on call, because the verb modules import this one.
    """

    def method(self: "DyadYears", **kw: Any) -> "DyadYears":
        return getattr(importlib.import_module(f"dyadwatch.dyadyears.{module}"), name)(self, **kw)

    method.__name__ = name
    method.__doc__ = f"``{name}(self, **kw)``: see :func:`dyadwatch.dyadyears.{module}.{name}`."
    return method


class DyadYears(pd.DataFrame):
    """A dyad-year frame with the ``add_*`` verbs as methods (see :mod:`dyadwatch.dyadyears`)."""

    @property
    def _constructor(self) -> type["DyadYears"]:
        return DyadYears

    add_trade = _verb("trade", "add_trade")
    add_alliances = _verb("alliances", "add_alliances")
    add_unga = _verb("unga", "add_unga")
    add_sanctions = _verb("sanctions", "add_sanctions")
    add_disputes = _verb("disputes", "add_disputes")
    add_igos = _verb("context", "add_igos")
    add_contiguity = _verb("context", "add_contiguity")
    add_capital_distance = _verb("context", "add_capital_distance")
    add_capabilities = _verb("context", "add_capabilities")
    add_rivalries = _verb("context", "add_rivalries")
    add_events = _verb("events", "add_events")


# -- building a frame --------------------------------------------------------------
def _check_years(years: Sequence[int]) -> tuple[int, int]:
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise InvalidInput(f"years={years!r} is not a (first, last) pair of years", "e.g. years=(1990, 2025)") from None
    if first > last:
        raise InvalidInput(f"years=({first}, {last}): the first year is after the last", "swap them")
    if last < SYSTEM_YEARS[0] or first > SYSTEM_YEARS[1]:
        raise InvalidInput(
            f"years=({first}, {last}) lies outside the state system data ({SYSTEM_YEARS[0]}–{SYSTEM_YEARS[1]})",
            f"choose years between {SYSTEM_YEARS[0]} and {SYSTEM_YEARS[1]}",
        )
    return first, last


def _resolve_pairs(pairs: Iterable[Sequence[str]], directed: bool) -> pd.DataFrame:
    """(a, b, ccode1, ccode2) per requested pair; non-directed pairs once, directed both ways."""
    rows: list[tuple[str, str, int, int]] = []
    seen: set[frozenset[str]] = set()
    for i, pair in enumerate(pairs):
        if isinstance(pair, str) or len(pair) != 2:
            raise InvalidInput(f"pairs[{i}] = {pair!r} is not a pair of countries", 'write pairs=[("RUS", "PRK"), ...]')
        ca, cb = countries.lookup(pair[0]), countries.lookup(pair[1])
        for c in (ca, cb):
            if c.cow is None:
                raise InvalidInput(f"pairs[{i}]: {c.name} ({c.iso3}) has no COW state code", "dyad-year frames follow the COW state system")
        if ca.iso3 == cb.iso3:
            raise InvalidInput(f"pairs[{i}] = {pair!r} pairs {ca.iso3} with itself", "give two different states")
        if frozenset((ca.iso3, cb.iso3)) in seen:
            continue
        seen.add(frozenset((ca.iso3, cb.iso3)))
        rows.append((ca.iso3, cb.iso3, ca.cow, cb.cow))
        if directed:
            rows.append((cb.iso3, ca.iso3, cb.cow, ca.cow))
    return pd.DataFrame(rows, columns=["a", "b", "ccode1", "ccode2"])


def dyad_years(
    pairs: Iterable[Sequence[str]] | None = None,
    years: Sequence[int] = (1946, 2025),
    directed: bool = False,
    store: StoreArg = None,
) -> DyadYears:
    """A dyad-year frame: one row per pair and year in which both states are in the COW system.

    ``pairs=None`` gives every pair of system members (non-directed: ``a < b`` alphabetically
    by ISO3; directed: both directions).  Explicit pairs accept any country name or code and
    keep the given order.  System membership comes from the COW state list as extended to
    2025 by isard (``state_system``), so the DPRK's rows start in 1948.

    Example::

        dyad_years([("RUS", "PRK")], years=(1946, 2025)).add_trade().add_alliances()
    """
    first, last = _check_years(years)
    pairs = None if pairs is None else list(pairs)  # an iterator would be spent before the error message
    with open_store(store) as s:
        system = s.table("state_system")
        system = system.filter((system.year >= first) & (system.year <= last)).select("ccode", "iso3", "year")
        left = system.rename(ccode1="ccode", a="iso3")
        right = system.rename(ccode2="ccode", b="iso3", year_b="year")
        if pairs is None:
            cond = (left.a != right.b) if directed else (left.a < right.b)
            expr = left.join(right, [left.year == right.year_b, cond])
        else:
            wanted = ibis.memtable(_resolve_pairs(pairs, directed))
            expr = left.join(right, left.year == right.year_b).join(wanted, ["a", "b", "ccode1", "ccode2"])
        df = s.ibis.to_pandas(expr.select(*KEYS).order_by(["a", "b", "year"]))
        path = None if str(s.path) == ":memory:" else str(s.path)
    if pairs is not None and df.empty:
        raise InvalidInput(f"no year in {first}–{last} in which both states of {list(pairs)} were in the state system", "widen years")
    df = df.astype({"a": "string", "b": "string", "ccode1": "int32", "ccode2": "int32", "year": "int32"})
    frame = DyadYears(df)
    frame.attrs[META] = {
        "unit": "dyad_year", "directed": bool(directed), "years": [first, last], "store": path, "added": [],
    }
    return frame


# -- shared by the verbs -----------------------------------------------------------------
def meta(df: pd.DataFrame, verb: str) -> dict[str, Any]:
    """The frame's dyadwatch attributes, or a clear error saying how to make a frame."""
    info = df.attrs.get(META) if isinstance(df, pd.DataFrame) else None
    if not info or info.get("unit") != "dyad_year":
        raise DyadwatchError(
            f"{verb}() needs a dyad-year frame (a DataFrame with attrs['{META}'] from dyad_years())",
            "start the chain with dyadwatch.dyad_years(...), e.g. dyad_years([('RUS', 'PRK')]).add_trade()",
        )
    missing = [k for k in KEYS if k not in df.columns]
    if missing:
        raise DyadwatchError(f"{verb}(): the frame lost its key column(s) {', '.join(missing)}", "keep a, b, ccode1, ccode2, year when subsetting")
    return info


def pair_lo(t: ir.Table) -> ir.Value:
    """Smaller COW code of the row's pair (the non-directed key of COW data)."""
    return ibis.least(t.ccode1, t.ccode2)


def pair_hi(t: ir.Table) -> ir.Value:
    return ibis.greatest(t.ccode1, t.ccode2)


def within(year: ir.Value, span: tuple[int, int]) -> ir.BooleanValue:
    return (year >= span[0]) & (year <= span[1])


def zero_in_coverage(value: ir.Value, year: ir.Value, span: tuple[int, int]) -> ir.Value:
    """Absent inside a dataset's coverage means none (0); outside it, unknown (NA)."""
    return ibis.ifelse(within(year, span), value.fill_null(0), ibis.null(value.type()))


def undirected_max(t: ir.Table, columns: list[str]) -> ir.Table:
    """Collapse a directed dyad-year table to (lo, hi, year) taking each column's maximum.

    A non-directed pair has an obligation or a dispute when either direction has it.
    """
    keyed = t.mutate(lo=pair_lo(t), hi=pair_hi(t))
    return keyed.group_by(["lo", "hi", "year"]).aggregate(**{c: keyed[c].max() for c in columns})


def join_pair_year(frame: ir.Table, other: ir.Table, directed: bool) -> ir.Table:
    """Left-join a table keyed (ccode1, ccode2, year) for directed rows, (lo, hi, year) otherwise."""
    if directed:
        o = other.rename(_c1="ccode1", _c2="ccode2", _y="year")
        return frame.left_join(o, [frame.ccode1 == o._c1, frame.ccode2 == o._c2, frame.year == o._y]).drop("_c1", "_c2", "_y")
    o = other.rename(_lo="lo", _hi="hi", _y="year")
    return frame.left_join(o, [pair_lo(frame) == o._lo, pair_hi(frame) == o._hi, frame.year == o._y]).drop("_lo", "_hi", "_y")


def join_iso_pair_year(frame: ir.Table, other: ir.Table, *extra: ir.BooleanValue) -> ir.Table:
    """Left-join a table keyed (a < b, year) by ISO3 — the curated tables and UNGA alignment.

    Those are keyed by ISO3 rather than COW code because the evidence base names states so;
    ``extra`` adds join conditions on the frame (e.g. only years after a dataset ends).
    """
    o = other.rename(_ia="a", _ib="b", _iy="year")
    cond = [ibis.least(frame.a, frame.b) == o._ia, ibis.greatest(frame.a, frame.b) == o._ib, frame.year == o._iy, *extra]
    return frame.left_join(o, cond).drop("_ia", "_ib", "_iy")


def merge(
    df: pd.DataFrame,
    verb: str,
    build: Builder,
    dtypes: dict[str, str],
    store: StoreArg = None,
) -> DyadYears:
    """Run ``build`` (a pure Ibis expression over the frame's keys) in the store and add its columns.

    The frame's keys go to DuckDB as one in-memory table, so adding a dataset to a million
    dyad-years is one join, not a loop over pairs.  Re-running a verb replaces its columns.
    """
    info = meta(df, verb)
    keys = df[KEYS].reset_index(drop=True).assign(_row=np.arange(len(df), dtype="int64"))
    keys = keys.astype({"a": str, "b": str})
    with open_store(store if store is not None else info["store"]) as s:
        _refresh_curated(s)
        expr = build(ibis.memtable(keys), s.table)
        got = s.ibis.to_pyarrow(expr.select("_row", *dtypes).order_by("_row"))
    if got.num_rows != len(df):  # every dataset joined must have at most one row per key
        raise DyadwatchError(f"{verb}(): {got.num_rows} result rows for {len(df)} dyad-years", "report this as a bug")
    out = DyadYears(df.drop(columns=[c for c in dtypes if c in df.columns]))
    for col, dtype in dtypes.items():
        out[col] = got[col].to_pandas(types_mapper=NULLABLE.get).astype(dtype).array
    out.attrs = {META: {**info, "added": [*info["added"], verb] if verb not in info["added"] else info["added"]}}
    return out


def _refresh_curated(s: Store) -> None:
    """Reload curated tables whose evidence records changed since they were stored.

    Research assistants edit the records while analysts work; a frame must not mix a stale
    treaty table with today's records.  Hashing the records folder takes milliseconds.
    """
    from dyadwatch.sources import curated
    from dyadwatch.store.catalog import load

    stored = s.versions()
    current = next(iter(curated.TABLE_VERSIONS.values()))()
    stale = [n for n in curated.TABLES if n in stored and stored[n]["datasets"] != current]
    if stale:
        load(s, stale)


NULLABLE = {
    pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
    pa.float32(): pd.Float64Dtype(), pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype(),
}
"""Arrow → pandas nullable dtypes: NA stays NA (never NaN-then-cast), and no object detour."""

"""Which store table comes from which source module, and loading them.

Source modules declare ``TABLES`` (name → builder) and ``TABLE_DATASETS`` (name → the
registry datasets it reads); this module only collects them, so adding a source is one
line in :data:`SOURCE_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import cache

import pyarrow as pa

from dyadwatch.errors import DyadwatchError
from dyadwatch.store import Store

#: Every module under dyadwatch.sources that provides store tables.
SOURCE_MODULES = (
    "dyadwatch.sources.countrycode",
    "dyadwatch.sources.unvotes",
    "dyadwatch.sources.idealpoints",
    "dyadwatch.sources.cow_states",
    "dyadwatch.sources.cow_trade",
    "dyadwatch.sources.atop",
    "dyadwatch.sources.mids",
    "dyadwatch.sources.igo",
    "dyadwatch.sources.geography",
    "dyadwatch.sources.rivalries",
    "dyadwatch.sources.gsdb",
    "dyadwatch.sources.unsc",
    "dyadwatch.sources.curated",
    "dyadwatch.evidence.tables",
)


@cache
def builders() -> dict[str, tuple[Callable[[], pa.Table], tuple[str, ...]]]:
    """table name → (builder, datasets it reads)."""
    out: dict[str, tuple[Callable[[], pa.Table], tuple[str, ...]]] = {}
    for modname in SOURCE_MODULES:
        mod = importlib.import_module(modname)
        for name, fn in mod.TABLES.items():
            out[name] = (fn, tuple(mod.TABLE_DATASETS[name]))
    return out


@cache
def extra_versions() -> dict[str, Callable[[], dict[str, str]]]:
    """table name → function giving versions of non-registry inputs (a module's optional ``TABLE_VERSIONS``)."""
    out: dict[str, Callable[[], dict[str, str]]] = {}
    for modname in SOURCE_MODULES:
        out |= getattr(importlib.import_module(modname), "TABLE_VERSIONS", {})
    return out


def load(store: Store, names: Iterable[str] | None = None, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Build and atomically store the named tables (all when None); return rows per table."""
    known = builders()
    wanted = list(names) if names else list(known)
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise DyadwatchError(f"no source provides table(s) {', '.join(unknown)}", f"known tables: {', '.join(known)}")
    counts = {}
    for name in wanted:
        if progress:
            progress(name)
        fn, datasets = known[name]
        version_fn = extra_versions().get(name)
        versions = version_fn() if version_fn else None  # before building: a concurrent edit then reads as stale
        counts[name] = store.replace(name, fn(), datasets, versions)
    return counts

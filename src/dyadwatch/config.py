"""Where dyadwatch keeps things, decided in one place.

Paths come from the environment so that tests, CI and users can point the same code at
different folders without flags on every call.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "dyadwatch"


def mirror_dir() -> Path | None:
    """The offline mirror (``DYADWATCH_MIRROR``), laid out as ``<host>/<url path>``; None = download."""
    value = os.environ.get("DYADWATCH_MIRROR")
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """Per-user cache for downloaded upstream files (``DYADWATCH_CACHE`` overrides)."""
    value = os.environ.get("DYADWATCH_CACHE")
    return Path(value).expanduser() if value else Path(platformdirs.user_cache_dir(APP))


def default_db_path() -> Path:
    """The DuckDB store (``DYADWATCH_DB`` overrides; ``--db`` overrides both)."""
    value = os.environ.get("DYADWATCH_DB")
    if value:
        return Path(value).expanduser()
    return Path(platformdirs.user_data_dir(APP)) / "dyadwatch.duckdb"

"""The data registry: every upstream file declared once, resolved to a verified local path.

This is the only code that touches the network or the mirror.  A dataset resolves either
to ``$DYADWATCH_MIRROR/<host>/<percent-decoded path>`` (offline work, tests, CI) or to a
download into the per-user cache made by pooch.  Either way the sha256 *and* the byte count
are checked before anything parses the file, and there is never a silent fallback from one
to the other: a user who set a mirror wants to know when it is incomplete.
"""

from __future__ import annotations

import hashlib
import tomllib
import urllib.parse
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pooch

from dyadwatch import config
from dyadwatch.errors import DataUnavailable, DyadwatchError, IntegrityError


@dataclass(frozen=True)
class Dataset:
    """One upstream file: where it lives, what its bytes must be, and how to cite it."""

    name: str
    url: str
    sha256: str
    bytes: int
    format: str
    licence: str
    coverage: str
    notes: str
    citation: str
    references: tuple[str, ...] = field(default_factory=tuple)

    @property
    def mirror_relpath(self) -> Path:
        """``<host>/<percent-decoded path>``: the mirror layout of the shared data folder."""
        parts = urllib.parse.urlsplit(self.url)
        return Path(parts.netloc) / urllib.parse.unquote(parts.path.lstrip("/"))


@cache
def datasets() -> dict[str, Dataset]:
    """All declared datasets by name (read once from ``datasets.toml``)."""
    raw = tomllib.loads(resources.files("dyadwatch.sources").joinpath("datasets.toml").read_text("utf-8"))
    return {
        name: Dataset(name=name, **{**spec, "references": tuple(spec.get("references", ()))})
        for name, spec in raw["datasets"].items()
    }


def get(name: str) -> Dataset:
    """Look a dataset up by name; an unknown name lists the close ones."""
    try:
        return datasets()[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, datasets(), n=5, cutoff=0.4)
        raise DyadwatchError(
            f"unknown dataset {name!r}",
            f"did you mean {', '.join(close)}? `dyadwatch data list` shows all" if close
            else "`dyadwatch data list` shows every dataset",
        ) from None


def sha256_of(path: Path) -> str:
    """Streamed sha256 so that large event files never sit whole in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check(ds: Dataset, path: Path) -> Path:
    """Raise :class:`IntegrityError` unless ``path`` has exactly the declared bytes."""
    size = path.stat().st_size
    actual = sha256_of(path)
    if actual != ds.sha256 or size != ds.bytes:
        raise IntegrityError(
            f"dataset {ds.name}: {path} does not match the registry "
            f"(expected sha256 {ds.sha256}, {ds.bytes} bytes; got sha256 {actual}, {size} bytes). "
            f"Upstream: {ds.url}",
            "the file is damaged or not the pinned version: delete it and run "
            f"`dyadwatch data fetch {ds.name}`, or restore the mirror copy",
        )
    return path


def _from_mirror(ds: Dataset, mirror: Path) -> Path:
    path = mirror / ds.mirror_relpath
    if not path.is_file():
        raise DataUnavailable(
            f"dataset {ds.name}: not in the mirror at {path} (DYADWATCH_MIRROR={mirror}). Upstream: {ds.url}",
            "put the upstream file there, point DYADWATCH_MIRROR at a complete mirror, "
            "or unset DYADWATCH_MIRROR to download it",
        )
    return check(ds, path)


def _download(ds: Dataset) -> Path:
    target = config.cache_dir() / ds.name
    try:
        got = pooch.retrieve(
            ds.url, known_hash=f"sha256:{ds.sha256}", path=target, fname=ds.mirror_relpath.name, progressbar=False,
        )
    except ValueError as exc:  # pooch's hash mismatch; the bad download is already deleted
        raise IntegrityError(
            f"dataset {ds.name}: download from {ds.url} does not match sha256 {ds.sha256} ({exc})",
            "upstream changed or the transfer was corrupted; report it, or use a mirror (DYADWATCH_MIRROR)",
        ) from exc
    except Exception as exc:  # network errors come in many types (requests, OSError...)
        raise DataUnavailable(
            f"dataset {ds.name}: could not download {ds.url} ({type(exc).__name__}: {exc}); "
            f"expected sha256 {ds.sha256}",
            "check the network, or set DYADWATCH_MIRROR to a folder laid out like the offline mirror",
        ) from exc
    return check(ds, Path(got))


def path(name: str) -> Path:
    """A verified local copy of the dataset ``name`` (mirror if set, else cached download)."""
    ds = get(name)
    mirror = config.mirror_dir()
    return _from_mirror(ds, mirror) if mirror is not None else _download(ds)


def verify(names: list[str] | None = None) -> dict[str, str | None]:
    """Check each dataset's local copy; map name → None when good, else the error text."""
    out: dict[str, str | None] = {}
    for name in names or list(datasets()):
        try:
            path(name)
            out[name] = None
        except DyadwatchError as exc:
            out[name] = str(exc)
    return out

"""GDELT downloader: 2.0 exports via ``masterfilelist.txt`` / ``lastupdate.txt``, 1.0 daily files.

Real use means flaky networks and gaps upstream, so every file is:

* listed with the size and MD5 that GDELT publishes (``masterfilelist.txt`` lines are
  ``<bytes> <md5> <url>``; 1.0 has ``md5sums`` and ``filesizes``) and checked against them;
* fetched into ``<name>.part`` and resumed with an HTTP Range request after an interruption;
* retried with exponential backoff on 404/429/5xx, timeouts and checksum mismatches, then
  logged and reported as *failed* — never as an empty success;
* skipped when a verified copy is already on disk (so ``events update`` fetches only what is new).

15-minute slots that GDELT 2.0 does not list at all are reported as *missing*.  The base URL
is configurable (``DYADWATCH_GDELT_BASE``), which is how the tests point it at a local server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch import config
from dyadwatch.errors import DataUnavailable

log = logging.getLogger(__name__)

DEFAULT_BASE = "http://data.gdeltproject.org"
SLOT = dt.timedelta(minutes=15)
_V2_NAME = re.compile(r"(\d{14})\.export\.CSV\.zip$")
_V1_NAME = re.compile(r"^(\d{8})\.export\.CSV\.zip$")


@dataclass(frozen=True)
class Remote:
    """One upstream file with the size and MD5 GDELT publishes for it."""

    url: str
    size: int | None
    md5: str | None

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


@dataclass
class DownloadReport:
    fetched: list[Path] = field(default_factory=list)
    present: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return sorted(self.fetched + self.present)


def base_url() -> str:
    return os.environ.get("DYADWATCH_GDELT_BASE", DEFAULT_BASE).rstrip("/")


def download_dir() -> Path:
    return config.cache_dir() / "gdelt"


def _open(url: str, timeout: float, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url, headers={"User-Agent": "dyadwatch", **(headers or {})})
    return urllib.request.urlopen(req, timeout=timeout)


def _lines(url: str, timeout: float) -> Iterator[str]:
    """Stream a listing line by line (``masterfilelist.txt`` is large)."""
    try:
        with _open(url, timeout) as resp:
            for raw in resp:
                yield raw.decode("utf-8", errors="replace").strip()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DataUnavailable(f"cannot read the GDELT listing {url}: {exc}", "check the network or --base-url; then rerun") from exc


def _slot(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")


def gdelt2_listing(since: dt.datetime, until: dt.datetime, base: str | None = None, latest: bool = False,
                   timeout: float = 60) -> tuple[list[Remote], list[str]]:
    """Export files with a timestamp in [since, until] and the 15-minute slots that are not listed."""
    url = f"{base or base_url()}/gdeltv2/{'lastupdate' if latest else 'masterfilelist'}.txt"
    out: list[Remote] = []
    for n, line in enumerate(_lines(url, timeout), 1):
        parts = line.split()
        m = _V2_NAME.search(parts[-1]) if parts else None
        if m is None:
            continue
        if len(parts) != 3 or not parts[0].isdigit():
            log.warning("%s line %d: not '<bytes> <md5> <url>': %r — skipped", url, n, line)
            continue
        if since <= _slot(m[1]) <= until:
            out.append(Remote(parts[2], int(parts[0]), parts[1].lower()))
    if latest:
        return out, []
    listed = {_V2_NAME.search(r.url)[1] for r in out}
    start = since + (-(since - dt.datetime.min) % SLOT)
    slots = (start + i * SLOT for i in range(int((until - start) / SLOT) + 1))
    missing = [f"{s:%Y%m%d%H%M%S}.export.CSV.zip" for s in slots if f"{s:%Y%m%d%H%M%S}" not in listed]
    return out, missing


def gdelt1_listing(since: dt.date, until: dt.date, base: str | None = None, timeout: float = 60) -> tuple[list[Remote], list[str]]:
    """GDELT 1.0 daily files in [since, until] (``md5sums`` + ``filesizes``) and the days not listed."""
    root = f"{base or base_url()}/events"
    md5 = {p[1]: p[0] for p in (l.split() for l in _lines(f"{root}/md5sums", timeout)) if len(p) == 2}
    sizes = {p[1]: int(p[0]) for p in (l.split() for l in _lines(f"{root}/filesizes", timeout)) if len(p) == 2 and p[0].isdigit()}
    out, missing = [], []
    for i in range((until - since).days + 1):
        name = f"{since + dt.timedelta(days=i):%Y%m%d}.export.CSV.zip"
        if name in md5:
            out.append(Remote(f"{root}/{name}", sizes.get(name), md5[name].lower()))
        else:
            missing.append(name)
    return out, missing


def _md5(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "md5").hexdigest()


def _verified(remote: Remote, path: Path) -> str | None:
    """None when ``path`` matches the published size and MD5, else what differs."""
    size = path.stat().st_size
    if remote.size is not None and size != remote.size:
        return f"size {size}, GDELT lists {remote.size}"
    if remote.md5 is not None and _md5(path) != remote.md5:
        return f"MD5 differs from GDELT's {remote.md5}"
    return None


def _fetch_once(remote: Remote, part: Path, timeout: float) -> None:
    """One attempt: resume ``part`` with a Range request when it already holds bytes."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    with _open(remote.url, timeout, headers) as resp:
        mode = "ab" if have and resp.status == 206 else "wb"
        with part.open(mode) as fh:
            for block in iter(lambda: resp.read(1 << 20), b""):
                fh.write(block)


def fetch(remote: Remote, dest: Path, retries: int = 4, backoff: float = 1.0, timeout: float = 60) -> tuple[Path | None, str | None, bool]:
    """(path, failure reason, freshly fetched) for one file, retrying with exponential backoff."""
    target = dest / remote.name
    if target.exists() and _verified(remote, target) is None:
        return target, None, False
    part = target.with_name(target.name + ".part")
    reason = "not attempted"
    for attempt in range(retries + 1):
        try:
            _fetch_once(remote, part, timeout)
            problem = _verified(remote, part)
            if problem is None:
                os.replace(part, target)
                return target, None, True
            reason = f"checksum: {problem}"
            part.unlink(missing_ok=True)
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
            if exc.code == 416:  # the .part is already complete or longer than the file: start over
                part.unlink(missing_ok=True)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        if attempt < retries:
            time.sleep(backoff * 2**attempt)
    log.warning("GDELT file %s skipped after %d attempts: %s", remote.url, retries + 1, reason)
    return None, reason, False


def download(remotes: list[Remote], dest: Path | None = None, workers: int = 4, retries: int = 4,
             backoff: float = 1.0, timeout: float = 60) -> DownloadReport:
    """Fetch ``remotes`` in parallel into ``dest``; every file ends up fetched, present or failed."""
    dest = dest or download_dir()
    dest.mkdir(parents=True, exist_ok=True)
    report = DownloadReport()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda r: (r, fetch(r, dest, retries, backoff, timeout)), remotes)
        for remote, (path, reason, fresh) in results:
            if path is None:
                report.failed.append((remote.url, reason or "unknown"))
            else:
                (report.fetched if fresh else report.present).append(path)
    return report

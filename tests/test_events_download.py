"""GDELT downloader against a fake GDELT server on 127.0.0.1 serving the mirrored real files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.events import download as dl
from dyadwatch.sources import registry
from dyadwatch.store import Store

from _events_util import GDELT_FIXTURE, fixture

T0 = "20191024143000"  # the mirrored real export
T1 = "20191024144500"  # serves the real 2024 excerpt, after one 429
T2 = "20191024150000"  # listed, always 404
T3 = "20191024151500"  # listed with a wrong MD5
# 20191024153000 is not listed at all: a missing 15-minute slot


def _zip(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return buf.getvalue()


class FakeGdelt:
    """Serves files from a dict, with scripted failures and HTTP Range support."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.fail: dict[str, list[int]] = {}
        self.log: list[tuple[str, str | None]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                outer.log.append((self.path, self.headers.get("Range")))
                script = outer.fail.get(self.path)
                if script:
                    self.send_error(script.pop(0))
                    return
                body = outer.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                start = int(self.headers["Range"].split("=")[1].rstrip("-")) if self.headers.get("Range") else 0
                self.send_response(206 if start else 200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                self.wfile.write(body[start:])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def listing(self, entries: list[tuple[str, bytes, str | None]]) -> str:
        lines = []
        for name, body, md5 in entries:
            lines.append(f"{len(body)} {md5 or hashlib.md5(body).hexdigest()} {self.url}/gdeltv2/{name}")
        return "\n".join(lines) + "\n"


@pytest.fixture()
def server(mirror: Path):
    fake = FakeGdelt()
    real = _zip(f"{T0}.export.CSV", registry.path("gdelt2_events_export_sample").read_bytes())
    excerpt = _zip(f"{T1}.export.CSV", fixture(GDELT_FIXTURE).read_bytes())
    other = _zip(f"{T3}.export.CSV", b"x")
    fake.files.update({f"/gdeltv2/{T0}.export.CSV.zip": real, f"/gdeltv2/{T1}.export.CSV.zip": excerpt,
                       f"/gdeltv2/{T3}.export.CSV.zip": other})
    entries = [(f"{T0}.export.CSV.zip", real, None), (f"{T0}.mentions.CSV.zip", b"m", None),
               (f"{T1}.export.CSV.zip", excerpt, None), (f"{T2}.export.CSV.zip", b"gone", None),
               (f"{T3}.export.CSV.zip", other, "0" * 32)]
    fake.files["/gdeltv2/masterfilelist.txt"] = fake.listing(entries).encode()
    fake.files["/gdeltv2/lastupdate.txt"] = fake.listing(entries[-1:]).encode()
    fake.fail[f"/gdeltv2/{T1}.export.CSV.zip"] = [429]
    daily = _zip("20160728.export.CSV", registry.path("gdelt1_events_sample").read_bytes())
    fake.files["/events/20160728.export.CSV.zip"] = daily
    fake.files["/events/md5sums"] = f"{hashlib.md5(daily).hexdigest()}  20160728.export.CSV.zip\n".encode()
    fake.files["/events/filesizes"] = f"{len(daily)} 20160728.export.CSV.zip\n".encode()
    yield fake
    fake.server.shutdown()


def _range() -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(2019, 10, 24, 14, 30), dt.datetime(2019, 10, 24, 15, 30)


def test_listing_download_retries_and_failures(server: FakeGdelt, tmp_path: Path) -> None:
    remotes, missing = dl.gdelt2_listing(*_range(), base=server.url)
    assert [r.name for r in remotes] == [f"{t}.export.CSV.zip" for t in (T0, T1, T2, T3)]
    assert missing == ["20191024153000.export.CSV.zip"]
    report = dl.download(remotes, tmp_path, workers=3, retries=2, backoff=0.01)
    assert sorted(p.name for p in report.fetched) == [f"{T0}.export.CSV.zip", f"{T1}.export.CSV.zip"]
    failed = dict(report.failed)
    assert failed[f"{server.url}/gdeltv2/{T2}.export.CSV.zip"] == "HTTP 404"
    assert failed[f"{server.url}/gdeltv2/{T3}.export.CSV.zip"].startswith("checksum: MD5 differs")
    assert [p for p, _ in server.log].count(f"/gdeltv2/{T1}.export.CSV.zip") == 2  # one 429, then success
    again = dl.download(remotes[:2], tmp_path, retries=0)
    assert len(again.present) == 2 and not again.fetched


def test_resume_uses_range_request(server: FakeGdelt, tmp_path: Path) -> None:
    remotes, _ = dl.gdelt2_listing(*_range(), base=server.url)
    body = server.files[f"/gdeltv2/{T0}.export.CSV.zip"]
    (tmp_path / f"{T0}.export.CSV.zip.part").write_bytes(body[: len(body) // 2])
    report = dl.download(remotes[:1], tmp_path, retries=0)
    assert report.fetched and (tmp_path / f"{T0}.export.CSV.zip").read_bytes() == body
    assert (f"/gdeltv2/{T0}.export.CSV.zip", f"bytes={len(body) // 2}-") in server.log


def test_lastupdate_and_gdelt1_daily(server: FakeGdelt) -> None:
    latest, _ = dl.gdelt2_listing(*_range(), base=server.url, latest=True)
    assert [r.name for r in latest] == [f"{T3}.export.CSV.zip"]
    daily, missing = dl.gdelt1_listing(dt.date(2016, 7, 27), dt.date(2016, 7, 28), base=server.url)
    assert [r.name for r in daily] == ["20160728.export.CSV.zip"] and missing == ["20160727.export.CSV.zip"]


def test_update_cli_ingests_what_arrived_and_fails_loudly(server: FakeGdelt, tmp_path: Path) -> None:
    db, dest = tmp_path / "e.duckdb", tmp_path / "dl"
    args = ["--db", str(db), "events", "update", "--since", "2019-10-24T14:30", "--until", "2019-10-24T15:30",
            "--base-url", server.url, "--dest", str(dest), "--retries", "1", "--backoff", "0.01"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 1  # two listed files could not be had: not a success
    text = " ".join(first.stdout.split())
    assert "2 fetched" in text and "2 failed" in text and "1 slot(s) not listed upstream" in text
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 2111 + 9
    second = CliRunner().invoke(app, args)
    assert "0 fetched, 2 already here" in " ".join(second.stdout.split()) and second.exit_code == 1
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 2111 + 9

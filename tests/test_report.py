"""The flagship report: self-contained, offline, charts drawn, data cited."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser import offline_page


@pytest.fixture(scope="module")
def report_file(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "r.html"
    result = subprocess.run(
        [sys.executable, "-m", "dyadwatch", "--db", str(store_path), "report", "RUS", "PRK", "-o", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_no_external_scripts_or_styles(report_file: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "cdn.plot.ly" not in page.split("</script>", 1)[1]  # outside the inlined library


def test_content_comparisons_coverage_and_citations(report_file: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    for pair in ["RUS–PRK", "PRK–CHN", "RUS–CHN", "PRK–USA"]:
        assert pair in page
    assert "Roll-call votes end on 14 January 2020" in page and "ideal points run to 2024" in page
    assert "Bailey, M. A., Strezhnev, A., &amp; Voeten, E. (2017)" in page
    assert "Voeten, E. (2013)" in page
    assert "roll calls both voted" in page  # counts on hover


def test_renders_in_chromium_with_the_network_off(report_file: Path, tmp_path: Path) -> None:
    url = report_file.resolve().as_uri()
    with offline_page(url) as (page, blocked):
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("#unga-agreement .main-svg", timeout=30_000)
        assert page.locator(".js-plotly-plot").count() >= 2
        assert page.locator("#unga-agreement .scatterlayer .trace").count() >= 4
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        assert errors == []
        assert blocked == []

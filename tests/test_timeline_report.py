"""The RUS–PRK report's timeline: filters, search and citations work in a real browser, offline.

The expected counts come from ``dyadwatch.timeline`` over the same store, so the page and
the Python face are checked against each other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dyadwatch
from browser import offline_page
from dyadwatch.report import build_html
from dyadwatch.store import Store

MAIN = "ol[data-list=main] > li.tl-rec"
SHOWN = MAIN + ":not([hidden])"
CSP = "rus-prk-2024-06-19-csp-treaty-signed"


@pytest.fixture(scope="module")
def report(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("timeline-report") / "rus-prk.html"
    with Store(store_path) as s:
        out.write_text(build_html("RUS", "PRK", s), encoding="utf-8")
    return out


def test_section_is_in_the_page_with_every_record_and_no_external_resources(report: Path, store_path: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "id=\"timeline\"" in page and "Timeline of" in page
    expected = dyadwatch.timeline("RUS", "PRK", store=store_path)
    assert page.count("class='tl-rec'") >= len(expected)
    assert f"id='ev-{CSP}'" in page
    assert not re.search(r"<(script|img|iframe)[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)


def test_filters_search_and_citations_in_chromium(report: Path, store_path: Path, tmp_path: Path) -> None:
    url = report.resolve().as_uri()
    tl = lambda **kw: len(dyadwatch.timeline("RUS", "PRK", store=store_path, **kw))  # noqa: E731
    with offline_page(url) as (page, blocked):
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("#timeline-evidence")
        root = page.locator("#timeline-evidence")
        total = tl()
        assert page.locator(SHOWN).count() == total
        assert root.locator("[data-count=main]").inner_text() == f"{total} of {total}"

        root.locator("select[data-f=category]").select_option("summit/visit")
        assert page.locator(SHOWN).count() == tl(category="summit/visit") > 0
        assert set(page.locator(SHOWN).evaluate_all("els => els.map(e => e.dataset.category)")) == {"summit/visit"}

        root.locator("select[data-f=category]").select_option("")
        root.locator("select[data-f=stype]").select_option("DPRK state media")
        assert page.locator(SHOWN).count() == tl(source_type="DPRK state media") > 0

        root.locator("[data-reset]").click()
        root.locator("select[data-f=decade]").select_option("1950s")
        assert page.locator(SHOWN).count() == tl(start="1950", end="1959") > 0

        root.locator("[data-reset]").click()
        root.locator("input[data-f=from]").fill("2024-06-01")
        root.locator("input[data-f=to]").fill("2024-06-30")
        assert page.locator(SHOWN).count() == tl(start="2024-06-01", end="2024-06-30") > 0

        root.locator("[data-reset]").click()
        root.locator("input[data-f=q]").fill("Shoigu Pyongyang")
        shown = page.locator(SHOWN).evaluate_all("els => els.map(e => e.id)")
        assert "ev-rus-prk-2023-07-25-shoigu-arrives-pyongyang" in shown and len(shown) < total

        root.locator("[data-reset]").click()
        assert page.locator(SHOWN).count() == total
        rec = page.locator(f"#ev-{CSP}")
        links = rec.locator(".tl-sources a").evaluate_all("els => els.map(e => e.href)")
        assert links and all(h.startswith("http") for h in links)
        apa = rec.locator(".tl-cite [data-style=apa]")
        assert not apa.is_visible()
        rec.locator(".tl-cite summary").click()
        assert apa.is_visible() and links[0] in apa.inner_text()
        assert "@online{" in rec.locator(".tl-cite [data-style=bibtex] pre").inner_text()
        assert rec.locator(".tl-cite [data-style=chicago]").is_visible()

        context = page.locator("details.tl-context")
        assert context.count() == 1 and context.get_attribute("open") is None
        page.locator("details.tl-context > summary").click()
        assert page.locator("ol[data-list=context] > li.tl-rec:not([hidden])").count() > 0
        page.screenshot(path=str(tmp_path / "timeline.png"))
        assert errors == [] and blocked == []


def test_confidence_reasons_shown_only_when_given(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert ": nan<" not in page and "Confidence high: nan" not in page
    assert "Confidence medium:" in page

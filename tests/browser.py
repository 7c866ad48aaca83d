"""Headless Debian Chromium for tests that look at pages as a person would.

Never downloads a browser: uses /usr/bin/chromium (``.ci/run`` installs Debian's package)
and skips when it is absent.  Every request that is not for the page itself is aborted,
so a page that needs the network shows up as broken.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


@contextmanager
def offline_page(url_prefix: str) -> Iterator[tuple[object, list[str]]]:
    """A Playwright page that may load only URLs starting with ``url_prefix``; yields (page, blocked)."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    blocked: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url
        if url.startswith(url_prefix) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", guard)
            yield page, blocked
        finally:
            browser.close()

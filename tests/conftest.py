"""Shared fixtures: the small demo site, and one Debian chromium for every browser test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DEMO_SITE = TESTS / "fixtures" / "site"


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A writable copy of the demo site (mkdocs.yml, assessments/, docs/)."""
    site = tmp_path / "site-src"
    shutil.copytree(DEMO_SITE, site)
    return site


CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium, never a downloaded one; as root, offline, and without the background
# connections this machine's closed network would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One browser for the session: Playwright's sync API allows one instance per thread."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()

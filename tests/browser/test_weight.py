"""Weight: what a page loads of the portal's own JS and CSS, gzipped, measured in a real browser."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from generator.bank.catalog import load_catalog
from tests.browser.conftest import Site, open_page

pytestmark = pytest.mark.browser

BUDGET = 12 * 1024  # bytes, gzipped: the portal's own JS + CSS on one quiz page
OWN = "/assets/repready/"


def own_assets(browser: Browser, site: Site, path: str, ready: str) -> dict[str, int]:
    """The portal's own scripts and styles the page requested, with their gzipped sizes."""
    page, watch = open_page(browser)
    try:
        page.goto(site.url(path))
        expect(page.locator(ready)).not_to_have_count(0)
        page.wait_for_load_state("networkidle")
        files = sorted({urlsplit(u).path for u in watch.requests if urlsplit(u).path.startswith(OWN)})
    finally:
        page.context.close()
    watch.check()
    return {f: len(gzip.compress((site.out / f.lstrip("/")).read_bytes(), 9)) for f in files}


@pytest.mark.xfail(
    strict=True,
    reason="not met yet: 12,719 B on the ordering quiz (dist/quiz.js 9,356 B + quiz.css + chrome.css + one "
    "type), 431 B over; next: fetch the submit-only code (statements, ids, feedback, export) on first Submit",
)
def test_every_quiz_page_loads_at_most_12_kb_of_the_portals_js_and_css(
    browser: Browser, sample_site: Site
) -> None:
    catalog = load_catalog(sample_site.src / "assessments", sample_site.src / "docs")
    for bank in catalog.banks:
        sizes = own_assets(browser, sample_site, f"quizzes/{bank.module.id}/", "form.rr-quiz.rr-ready")
        print(f"{bank.module.id}: {sum(sizes.values())} bytes gzipped in {len(sizes)} files")
        assert sum(sizes.values()) <= BUDGET, sizes
        assert not [f for f in sizes if f.endswith(("/progress.js", "/plan.js"))], "other pages' code"


def test_progress_code_loads_only_where_progress_is_shown(browser: Browser, sample_site: Site) -> None:
    home = own_assets(browser, sample_site, "", "h1")
    assert not [f for f in home if re.search(r"(quiz-form|progress|plan)\.js$|/types/", f)], home
    progress = own_assets(browser, sample_site, "progress/", ".rr-progress-who")
    assert f"{OWN}progress.js" in progress
    assert f"{OWN}widget/quiz-form.js" not in progress

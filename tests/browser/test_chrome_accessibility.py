"""axe on every page of the sample site, theme chrome included: both palettes, desktop and phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Site, open_page

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(scope="module")
def axe() -> Iterator[Axe]:
    yield Axe()


def site_pages(site: Site) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site.out)).removeprefix(".") + "/"
        for p in site.out.rglob("index.html")
        if p.relative_to(site.out).parts[0] not in ("assets", "search")
    )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(
    browser: Browser, sample_site: Site, axe: Axe, scheme: str, width: str
) -> None:
    w, h = WIDTHS[width]
    page, watch = open_page(browser, color_scheme=scheme, viewport={"width": w, "height": h})
    found: dict[str, str] = {}
    try:
        pages = site_pages(sample_site)
        assert len(pages) > 30 and "/" in pages and "quizzes/final-assessment/" in pages
        for path in pages:
            page.goto(sample_site.url(path.lstrip("/")))
            expect(page.locator("body")).to_have_attribute(
                "data-md-color-scheme", "slate" if scheme == "dark" else "default"
            )
            if page.locator("form.rr-quiz").count():
                expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
            results = axe.run(page, options={"resultTypes": ["violations"]})
            if results.violations_count:
                found[path] = results.generate_report()
    finally:
        page.context.close()
    watch.check()
    assert not found, "\n".join(f"{path}\n{report}" for path, report in found.items())

"""A rep's whole journey on the sample site, started where a rep starts: the home page.

Every earlier browser test opened quiz pages directly, so none caught the widget bailing out
after a click from the home page (whose ``<h1 id="repready">`` shadowed ``window.repready``).
Here the real sample content is built as a fork would build it, served at its ``site_url``
(Material's instant navigation on), and every quiz is reached only by clicking links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from generator.bank.catalog import load_catalog
from tests.browser.conftest import Site, open_page

pytestmark = pytest.mark.browser

QUESTION = re.compile(r"^Question \d+ of \d+\b")


def quiz_form(page: Page) -> Locator:
    form = page.locator("form.rr-quiz")
    expect(form).to_have_class(re.compile(r"\brr-ready\b"))
    return form


def fill_people(page: Page) -> None:
    """Whoever the page asks for: the rep, or for a review the rep and the reviewing manager."""
    fields = {
        "Your name": "Dana Whitfield",
        "Your rep id": "rep-042",
        "Rep's name": "Dana Whitfield",
        "Rep's id": "rep-042",
        "Your manager id": "mgr-7",
    }
    for label, value in fields.items():
        field = page.get_by_role("textbox", name=label, exact=True)
        if field.count() and field.is_visible() and field.is_editable() and not field.input_value():
            field.fill(value)
    manager = page.get_by_role("group", name="You, the reviewing manager")
    if manager.count():
        manager.get_by_role("textbox", name="Your name", exact=True).fill("Max Manager")


def answer_every_question(page: Page) -> int:
    """Answer each question shown (drawn ones only), whatever its type; returns how many."""
    questions = page.get_by_role("group", name=QUESTION).all()
    for group in questions:
        radios, boxes = group.get_by_role("radio"), group.get_by_role("checkbox")
        items, moves = group.get_by_role("group"), group.get_by_role("button", name="Move down")
        if items.count():  # matching: one radio group per item
            for item in items.all():
                item.get_by_role("radio").last.check()
        elif radios.count():
            radios.first.check()
        elif boxes.count():
            boxes.first.check()
        elif moves.count():
            moves.first.click()
        else:
            raise AssertionError(f"no control to answer {group.get_attribute('id')}")
    return len(questions)


def assert_nothing_entered_in_the_address_bar(page: Page, path: str) -> None:
    """No query, and no fragment but a heading's anchor.

    Material's navigation.tracking writes the anchor of the heading being read into the
    fragment (after an instant navigation, sometimes still the previous page's).
    """
    url = urlsplit(page.url)
    assert (url.path, url.query) == (path, "")
    assert re.fullmatch(r"[a-z0-9_-]*", url.fragment), url.fragment
    assert not url.fragment.startswith("rr-"), url.fragment


def test_a_rep_takes_every_sample_quiz_from_the_home_page_by_clicking(page: Page, sample_site: Site) -> None:
    catalog = load_catalog(sample_site.src / "assessments", sample_site.src / "docs")
    expected = {bank.module.id: bank.module.title for bank in catalog.banks}

    page.goto(sample_site.url())
    expect(page.get_by_role("heading", name="RepReady", level=1)).to_be_visible()
    # A full page load would lose this; its survival shows instant navigation carried every click.
    page.evaluate("window.journeyMarker = 'no full page load'")
    page.get_by_role("article").get_by_role("link", name="quizzes", exact=True).click()
    expect(page.get_by_role("heading", name="Quizzes", level=1)).to_be_visible()
    index_url = page.url
    assert urlsplit(index_url).path == "/quizzes/"

    visited: list[str] = []
    for module_id, title in expected.items():
        page.get_by_role("article").get_by_role("link", name=title, exact=True).first.click()
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        form = quiz_form(page)
        assert form.get_attribute("data-rr-module") == module_id
        assert urlsplit(page.url).path == f"/quizzes/{module_id}/"

        fill_people(page)
        assert answer_every_question(page) > 0
        page.get_by_role("button", name="Submit").click()
        expect(form.locator(".rr-result")).not_to_be_empty()
        expect(page.get_by_role("button", name="Submit")).to_be_hidden()
        assert_nothing_entered_in_the_address_bar(page, f"/quizzes/{module_id}/")
        visited.append(module_id)

        page.get_by_role("navigation", name="Navigation").get_by_role(
            "link", name="Quizzes", exact=True
        ).click()
        expect(page.get_by_role("heading", name="Quizzes", level=1)).to_be_visible()
        assert page.url == index_url

    assert visited == list(expected)
    assert page.evaluate("window.journeyMarker") == "no full page load"


def test_without_its_script_the_quiz_form_sends_nothing_anywhere(browser: Browser, sample_site: Site) -> None:
    page, _ = open_page(browser, java_script_enabled=False)
    try:
        url = sample_site.quiz("qual-need-urgency")
        page.goto(url)
        # (Playwright stops scripts without telling the HTML parser, so <noscript> stays unrendered.)
        expect(page.locator("form.rr-quiz")).not_to_have_class(re.compile(r"\brr-ready\b"))
        submit = page.get_by_role("button", name="Submit")
        expect(submit).to_be_disabled()
        name = page.get_by_role("textbox", name="Your name", exact=True)
        if name.count():
            name.fill("Dana Whitfield")
            name.press("Enter")  # implicit submission: blocked by the disabled default button
        page.get_by_role("group", name=QUESTION).first.get_by_role("radio").first.check()
        page.get_by_role("group", name=QUESTION).first.get_by_role("radio").first.press("Enter")
        assert page.url == url
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("need, urgency"))
    finally:
        page.context.close()

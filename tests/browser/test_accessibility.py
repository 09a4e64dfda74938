"""Keyboard-only use, the dark palette and axe-core on the quiz forms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Site, open_page
from tests.browser.helpers import fill_learner, focused, open_quiz, question, submit, tab_to
from tests.browser.test_practice import answer_all_right

pytestmark = pytest.mark.browser


def test_keyboard_only_run(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    result = page.locator(".rr-result")
    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Kim Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("rep-007")
    page.keyboard.press("Enter")  # Enter in a text field must not submit
    page.keyboard.press("Tab")  # into question 1: focus lands on the first radio, nothing chosen
    q1 = question(page, 1, 4)
    assert focused(page, q1.get_by_role("radio", name="Send the price list at once."))
    page.keyboard.press("ArrowDown")
    expect(q1.get_by_role("radio", name="Ask what prompted the request")).to_be_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # neither arrows nor Enter on a radio submit
    expect(q1.get_by_role("radio", name="Ask what prompted the request")).to_be_checked()
    expect(result).to_be_empty()

    page.keyboard.press("Tab")  # question 2: checkboxes, Space ticks
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # question 3: True, then arrow to False
    page.keyboard.press("ArrowRight")
    expect(question(page, 3, 4).get_by_role("radio", name="False")).to_be_checked()
    page.keyboard.press("Tab")  # question 4: Space chooses the focused radio
    page.keyboard.press("Space")
    expect(result).to_be_empty()
    page.keyboard.press("Tab")
    assert focused(page, page.get_by_role("button", name="Submit"))
    page.keyboard.press("Enter")

    expect(result).to_contain_text("Score: 4 of 4 (100%) — mastered (threshold 75%).")
    assert focused(page, result)
    page.keyboard.press("Shift+Tab")  # back from the result: Export results, then Try again
    assert focused(page, page.get_by_role("button", name="Export results"))
    page.keyboard.press("Shift+Tab")
    assert focused(page, page.get_by_role("button", name="Try again"))
    page.keyboard.press("Enter")
    assert focused(page, question(page, 1, 4).get_by_role("radio", name="Send the price list at once."))


def test_dark_palette_colours_come_from_material(browser: Browser, site: Site) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page, watch = open_page(browser, color_scheme=scheme)
        try:
            open_quiz(page, site, "fx-basics")
            expect(page.locator("body")).to_have_attribute(
                "data-md-color-scheme", "slate" if scheme == "dark" else "default"
            )
            fill_learner(page)
            question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
            submit(page)
            right = page.locator("[id='rr-fx-basics:b1'] .rr-verdict")
            wrong = page.locator("[id='rr-fx-basics:b2'] .rr-verdict")
            colours[scheme] = (
                right.evaluate("e => getComputedStyle(e).color"),
                wrong.evaluate("e => getComputedStyle(e).color"),
                page.locator(".rr-quiz input[type=text]").first.evaluate(
                    "e => getComputedStyle(e).backgroundColor"
                ),
            )
        finally:
            page.context.close()
        watch.check()
    # --md-code-hl-string-color / --md-code-hl-number-color of each scheme
    assert colours["light"][:2] == ("rgb(28, 125, 77)", "rgb(213, 42, 42)")
    assert colours["dark"][:2] == ("rgb(47, 177, 112)", "rgb(230, 105, 91)")
    assert colours["light"][2] == "rgb(255, 255, 255)"
    assert colours["dark"][2] != colours["light"][2]


@pytest.fixture(scope="module")
def axe() -> Iterator[Axe]:
    yield Axe()


def assert_no_violations(page: Page, axe: Axe) -> None:
    results = axe.run(page, context="form.rr-quiz", options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("module_id", ["fx-basics", "fx-types", "fx-survey", "fx-review", "fx-graded"])
def test_axe_finds_no_violations_in_the_quiz_form(
    browser: Browser, site: Site, axe: Axe, scheme: str, module_id: str
) -> None:
    page, watch = open_page(browser, color_scheme=scheme)
    try:
        open_quiz(page, site, module_id)
        assert_no_violations(page, axe)
        page.get_by_role("button", name="Submit").click()  # errors shown on the empty details
        assert_no_violations(page, axe)
        if module_id == "fx-basics":
            fill_learner(page)
            answer_all_right(page)
            question(page, 2, 4).get_by_role("checkbox", name="The tracker has a 4G modem.").check()
            submit(page)
            assert_no_violations(page, axe)
    finally:
        page.context.close()
    watch.check()

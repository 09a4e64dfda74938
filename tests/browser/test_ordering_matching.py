"""Ordering by drag and drop and by keys, matching texts in full, nothing editable after Submit."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Site, open_page
from tests.browser.helpers import fill_learner, focused, open_quiz, question, submit
from tests.browser.test_types import step_order

pytestmark = pytest.mark.browser


def test_steps_move_by_dragging_and_by_arrow_keys_and_the_shown_order_is_the_answer(
    page: Page, site: Site
) -> None:
    open_quiz(page, site, "fx-types")
    fill_learner(page)
    steps = question(page, 2, 3).get_by_role("list")
    before = step_order(steps)
    expect(page.get_by_role("status").filter(has_text="answered")).to_have_text("1 of 3 answered")

    last, first = steps.locator("li").last, steps.locator("li").first
    steps.scroll_into_view_if_needed()
    source, target = last.locator(".rr-step-text").bounding_box(), first.bounding_box()
    assert source and target
    page.mouse.move(source["x"] + 5, source["y"] + source["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 20, target["y"] + 2, steps=8)
    page.mouse.up()
    assert step_order(steps) == [before[-1], *before[:-1]]
    expect(question(page, 2, 3).get_by_role("status")).to_have_text("Moved to position 1 of 4.")

    button = steps.locator(f"li[data-rr-option='{before[-1]}']").get_by_role("button", name="Move down")
    button.focus()
    page.keyboard.press("ArrowDown")
    assert step_order(steps) == [before[0], before[-1], *before[1:-1]]
    assert focused(page, button)

    result = submit(page)
    # Left as shown, the order is an answer: never "Not answered" beside steps marked right.
    expect(result).not_to_contain_text("Question 2")
    expect(question(page, 2, 3).get_by_role("status")).not_to_contain_text("Not answered")
    for move in steps.get_by_role("button").all():
        expect(move).to_be_hidden()
    for radio in question(page, 1, 3).get_by_role("radio").all():
        expect(radio).to_be_disabled()


@pytest.mark.parametrize("width", [1280, 390])
def test_every_matching_text_is_readable_in_full(browser: Browser, site: Site, width: int) -> None:
    page, watch = open_page(browser, viewport={"width": width, "height": 900})
    try:
        open_quiz(page, site, "fx-types")
        matching = question(page, 1, 3)
        labels = matching.locator("label, legend").all()
        assert len(labels) > 6
        for label in labels:
            box = label.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, label.inner_text()
            assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), label.inner_text()
            expect(label).to_be_visible()
    finally:
        page.context.close()
    watch.check()

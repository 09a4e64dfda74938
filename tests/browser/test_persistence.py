"""Progress survives reloads and navigation, with instant navigation on and off, and bad storage."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Site, open_page
from tests.browser.helpers import export, fill_learner, open_quiz, question, submit

pytestmark = pytest.mark.browser

MARKER = "window.rrTestMarker"


def marker(page: Page) -> object:
    return page.evaluate(f"typeof {MARKER} === 'undefined' ? null : {MARKER}")


def go_to_training_and_back(page: Page, site: Site, *, instant: bool) -> None:
    page.evaluate(f"{MARKER} = 'kept'")
    page.get_by_role("article").get_by_role("link", name="Basics training").click()
    expect(page).to_have_url(site.url("training/basics/", instant=instant))
    expect(page.get_by_role("heading", name="Basics training")).to_be_visible()
    assert marker(page) == ("kept" if instant else None), "instant navigation engaged as expected"
    page.get_by_role("article").get_by_role("link", name="basics quiz").click()
    expect(page).to_have_url(site.quiz("fx-basics", instant=instant))
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)


@pytest.mark.parametrize("instant", [True, False], ids=["instant-navigation", "full-page-loads"])
def test_progress_survives_navigation_and_reload(page: Page, site: Site, instant: bool) -> None:
    open_quiz(page, site, "fx-basics", instant=instant)
    fill_learner(page)
    question(page, 1, 4).get_by_role("radio", name="Send the price list at once.").check()
    question(page, 2, 4).get_by_role("checkbox", name="Fuel costs fall").check()

    go_to_training_and_back(page, site, instant=instant)
    expect(question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")).to_be_checked()
    expect(question(page, 2, 4).get_by_role("checkbox", name="Fuel costs fall")).to_be_checked()
    expect(page.get_by_text("Answering as Ann Rep (rep-042)")).to_be_visible()

    page.go_back()  # history navigation: the training page, then forward to the quiz again
    expect(page).to_have_url(site.url("training/basics/", instant=instant))
    page.go_forward()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(question(page, 2, 4).get_by_role("checkbox", name="Fuel costs fall")).to_be_checked()

    submit(page)
    page.reload()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    assert marker(page) is None
    expect(page.locator(".rr-result")).to_contain_text("Score: 0.5 of 4 (13%)")
    expect(question(page, 1, 4)).to_contain_text("Your answer: not correct.")
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 13%")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()

    page.get_by_role("button", name="Try again").click()
    question(page, 3, 4).get_by_role("radio", name="False").check()
    go_to_training_and_back(page, site, instant=instant)
    expect(question(page, 3, 4).get_by_role("radio", name="False")).to_be_checked()
    expect(question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")).not_to_be_checked()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 13%")
    submit(page)
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 13% · Attempt 2: 25%")


# Seeded once per browser context, before any page script runs.
SEED = """
if (!sessionStorage.getItem("seeded")) {
  sessionStorage.setItem("seeded", "1");
  for (const [key, value] of Object.entries(%s)) localStorage.setItem(key, value);
}
"""

GARBAGE = {
    "repready:v1:learner": "{not json",
    # A draft made before anyone named themselves in this browser.
    "repready:v1:draft::fx-basics": json.dumps(
        {
            "reg": "11111111-2222-4333-8444-555555555555",
            "started": "2025-01-01T00:00:00.000Z",
            "answers": {"b1": 42, "b2": {"x": 1}, "b3": ["maybe"], "gone": "a", "__proto__": "x", "b4": "a"},
            "notes": 7,
            "done": "yes",
        }
    ),
    "repready:v1:attempts:fx-basics": json.dumps(
        [
            1,
            None,
            "x",
            {"reg": "r"},
            {"reg": "r", "learner": {"name": "X", "id": "rep-042"}, "statements": [1]},
        ]
    ),
    "repready:v1:attempts:fx-types": '"a string"',
    "repready:v1:attempts:": "[]",
    "repready:v1:draft::fx-types": "[[[",
    "repready:v1:rep": '{"name": "Bad", "id": "not an id"}',
    "other-app:state": "<xml/>",
}


def test_corrupt_and_foreign_storage_is_ignored(browser: Browser, site: Site) -> None:
    page, watch = open_page(browser)
    page.add_init_script(SEED % json.dumps(GARBAGE))
    try:
        open_quiz(page, site, "fx-basics")
        # the one sound answer of the damaged draft comes back; the rest is ignored
        expect(question(page, 4, 4).get_by_role("radio", name="Both items in the list")).to_be_checked()
        expect(question(page, 1, 4).get_by_role("radio").first).not_to_be_checked()
        expect(page.get_by_label("Your name")).to_have_value("")
        expect(page.locator(".rr-history")).to_be_hidden()
        fill_learner(page)
        question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
        expect(submit(page)).to_contain_text("Score: 2 of 4 (50%)")
        _, data = export(page)
        assert len(data["statements"]) == 1 + 2 + 2
        assert {s["context"]["registration"] for s in data["statements"]} == {
            "11111111-2222-4333-8444-555555555555"
        }
        open_quiz(page, site, "fx-types")
        expect(page.get_by_text("Answering as Ann Rep (rep-042)")).to_be_visible()
        expect(page.locator(".rr-history")).to_be_hidden()
    finally:
        page.context.close()
    watch.check()


THROWING_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "key"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (key, ...rest) {
    if (name === "key" || String(key).startsWith("repready:")) {
      throw new DOMException("no room", "QuotaExceededError");
    }
    return original.call(this, key, ...rest);
  };
}
"""


def test_storage_that_throws_still_lets_the_rep_finish_and_export(browser: Browser, site: Site) -> None:
    page, watch = open_page(browser)
    page.add_init_script(THROWING_STORAGE)
    try:
        open_quiz(page, site, "fx-basics")
        fill_learner(page)
        question(page, 3, 4).get_by_role("radio", name="False").check()
        expect(submit(page)).to_contain_text("Score: 1 of 4 (25%)")
        expect(page.locator(".rr-notice")).to_contain_text(
            "would not save your answers: use Export results now"
        )
        name, data = export(page)
        assert name.startswith("repready-results-rep-042-")
        assert [s["verb"]["display"]["en-US"] for s in data["statements"]] == [
            "attempted",
            "answered",
            "completed",
            "failed",
        ]
    finally:
        page.context.close()
    watch.check()

"""The core flows on both engines: MkDocs with the plugin, and Zensical with no plugin at all.

Answer, feedback, export, progress and instant navigation, on the same fixture banks, built
once by ``mkdocs build`` and once by ``repready zensical``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site
from tests.browser.helpers import (
    ANSWERED,
    export,
    fill_learner,
    open_quiz,
    question,
    submit,
    validate_with_ralph,
)
from tests.browser.test_practice import answer_all_right

pytestmark = pytest.mark.browser

MARKER = "window.rrEngineMarker"


def test_answer_and_feedback(page: Page, engine_site: Site) -> None:
    open_quiz(page, engine_site, "fx-basics")
    fill_learner(page)
    answer_all_right(page)
    expect(submit(page)).to_contain_text("Score: 4 of 4 (100%) — mastered (threshold 75%).")
    q1 = question(page, 1, 4)
    expect(q1.get_by_role("status")).to_contain_text("Correct.")
    expect(q1).to_contain_text("Right, you open a conversation about the need.")
    expect(question(page, 3, 4)).to_contain_text("Correct; enthusiasm is not evidence of a problem.")
    page.get_by_role("button", name="Try again").click()
    question(page, 2, 4).get_by_role("checkbox", name="Drivers finish the route").check()
    submit(page)
    expect(question(page, 2, 4).get_by_role("status")).to_contain_text("Partly right: 0.5 of 1 point.")


def test_export_gives_valid_statements(page: Page, engine_site: Site) -> None:
    open_quiz(page, engine_site, "fx-basics")
    fill_learner(page)
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
    submit(page)
    name, data = export(page)
    assert name.endswith(".json")
    statements = data["statements"]
    validate_with_ralph(statements)
    answered = [s for s in statements if s["verb"]["id"] == ANSWERED]
    (only,) = answered  # one question answered, one statement for it
    assert only["object"]["id"].endswith("/b1")
    assert only["result"]["response"] == "b"
    assert {s["actor"]["account"]["homePage"] for s in statements} == {engine_site.site_url}


def test_progress_survives_instant_navigation(page: Page, engine_site: Site) -> None:
    open_quiz(page, engine_site, "fx-basics")
    fill_learner(page)
    question(page, 1, 4).get_by_role("radio", name="Send the price list at once.").check()
    page.evaluate(f"{MARKER} = 'kept'")
    page.get_by_role("article").get_by_role("link", name="Basics training").click()
    expect(page).to_have_url(engine_site.url("training/basics/"))
    expect(page.get_by_role("heading", name="Basics training")).to_be_visible()
    assert page.evaluate(f"{MARKER}") == "kept", "instant navigation kept the page's scripts alive"
    page.get_by_role("article").get_by_role("link", name="basics quiz").click()
    expect(page).to_have_url(engine_site.quiz("fx-basics"))
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")).to_be_checked()
    expect(page.get_by_label("Your rep id")).to_have_value("rep-042")

"""Who is answering: personal start links, one current rep at a time, shared computers."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site
from tests.browser.helpers import export, fill_learner, open_quiz, question, submit
from tests.browser.test_practice import answer_all_right

pytestmark = pytest.mark.browser


def start_link(
    site: Site, path: str, name: str, rep_id: str, *, instant: bool = True, extra: str = ""
) -> str:
    return site.url(path, instant=instant) + f"#repready?name={quote(name)}&id={quote(rep_id)}{extra}"


def who(page: Page) -> str:
    return page.locator(".rr-rep").inner_text()


@pytest.mark.parametrize("instant", [True, False], ids=["instant-navigation", "full-page-loads"])
def test_a_personal_start_link_sets_the_rep_and_leaves_the_address_bar(
    page: Page, site: Site, instant: bool
) -> None:
    page.goto(
        start_link(site, "training/basics/", "Dana Whitfield", " Rep-042 ", instant=instant, extra="&auth=x")
    )
    expect(page.get_by_role("heading", name="Basics training")).to_be_visible()
    expect(page).to_have_url(site.url("training/basics/", instant=instant))
    assert page.evaluate("location.hash") == ""
    page.get_by_role("article").get_by_role("link", name="basics quiz").click()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(page.get_by_text("Answering as Dana Whitfield (rep-042) · Not you?")).to_be_visible()
    expect(page.get_by_role("textbox", name="Your name")).to_be_hidden()
    answer_all_right(page)
    submit(page)
    _, data = export(page)
    assert {(s["actor"]["name"], s["actor"]["account"]["name"]) for s in data["statements"]} == {
        ("Dana Whitfield", "rep-042")
    }


def test_a_damaged_start_link_sets_nobody_and_still_leaves_the_address_bar(page: Page, site: Site) -> None:
    page.goto(start_link(site, "quizzes/fx-basics/", "Dana", "not an id"))
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    assert urlsplit(page.url).fragment == ""
    expect(page.get_by_role("textbox", name="Your name")).to_have_value("")
    expect(page.locator(".rr-rep")).to_be_hidden()


def test_a_shared_computer_keeps_each_reps_answers_scores_and_locks_apart(page: Page, site: Site) -> None:
    # Dana half-answers the practice quiz and submits the graded one (now locked for her).
    page.goto(start_link(site, "quizzes/fx-graded/", "Dana Whitfield", "rep-042"))
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    question(page, 1, 5).get_by_role("radio", name="A friendly buyer").check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Submit anyway").click()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()
    open_quiz(page, site, "fx-basics")
    question(page, 1, 4).get_by_role("radio", name="Send the price list at once.").check()
    expect(page.get_by_role("status").filter(has_text="answered")).to_have_text("1 of 4 answered")

    # Sam takes over the computer: nothing of Dana's shows, and the graded module is open to him.
    page.get_by_role("button", name="Not you?").click()
    expect(page.get_by_role("textbox", name="Your name")).to_be_focused()
    expect(page.get_by_role("textbox", name="Your name")).to_have_value("")
    expect(question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")).not_to_be_checked()
    expect(page.get_by_role("status").filter(has_text="answered")).to_have_text("0 of 4 answered")
    fill_learner(page, "Sam Okafor", "rep-077")
    question(page, 3, 4).get_by_role("radio", name="False").check()
    expect(submit(page)).to_contain_text("Score: 1 of 4 (25%)")
    open_quiz(page, site, "fx-graded")
    expect(page.get_by_text("Answering as Sam Okafor (rep-077)")).to_be_visible()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(question(page, 1, 5).get_by_role("radio", name="A friendly buyer")).not_to_be_checked()
    expect(page.locator(".rr-history")).to_be_hidden()

    # Dana comes back typing her id differently: her own draft and lock return, not Sam's.
    page.get_by_role("button", name="Not you?").click()
    fill_learner(page, "Dana Whitfield", " REP-042 ")
    page.get_by_role("textbox", name="Your rep id").blur()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()
    expect(question(page, 1, 5).get_by_role("radio", name="A friendly buyer")).to_be_checked()
    open_quiz(page, site, "fx-basics")
    expect(page.get_by_text("Answering as Dana Whitfield (rep-042)")).to_be_visible()
    expect(question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")).to_be_checked()
    expect(question(page, 3, 4).get_by_role("radio", name="False")).not_to_be_checked()
    expect(page.locator(".rr-history")).to_be_hidden()


def test_export_then_remove_my_data_from_a_shared_computer(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page, "Sam Okafor", "rep-077")
    submit(page)
    page.get_by_role("button", name="Not you?").click()
    fill_learner(page, "Dana Whitfield", "rep-042")
    answer_all_right(page)
    submit(page)
    expect(page.get_by_role("button", name="Remove my data from this browser")).to_be_hidden()

    _, data = export(page)
    assert {s["actor"]["account"]["name"] for s in data["statements"]} == {"rep-042"}
    notice = page.get_by_role("status").filter(has_text="Exported 1 attempt by rep-042")
    expect(notice).to_contain_text("This browser also holds attempts under 1 other id (rep-077)")
    expect(notice).to_contain_text("Send this file to your manager.")
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 100%")

    page.get_by_role("button", name="Remove my data from this browser").click()
    expect(page.get_by_role("status").filter(has_text="Everything of rep-042 was removed")).to_have_count(1)
    expect(page.get_by_role("textbox", name="Your name")).to_be_focused()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(page.locator(".rr-result")).to_be_empty()
    stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert "rep-042" not in stored and "Dana" not in stored
    assert "rep-077" in stored

    page.reload()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(page.locator(".rr-rep")).to_be_hidden()
    fill_learner(page, "Dana Whitfield", "rep-042")
    page.get_by_role("button", name="Export results").click()
    expect(page.get_by_role("status").filter(has_text="Nothing to export for rep-042 yet")).to_have_count(1)


LISTEN = """
window.attemptEvents = [];
document.addEventListener("repready:attempt", event => {
  window.attemptEvents.push(JSON.parse(JSON.stringify(event.detail)));
});
"""


def test_every_submit_dispatches_the_statements_export_writes(page: Page, site: Site) -> None:
    page.add_init_script(LISTEN)
    open_quiz(page, site, "fx-basics")
    fill_learner(page, "Dana Whitfield", "Rep-042")
    answer_all_right(page)
    submit(page)
    events: list[dict[str, Any]] = page.evaluate("window.attemptEvents")
    _, data = export(page)
    assert len(events) == 1
    assert events[0]["rep"] == {"name": "Dana Whitfield", "id": "rep-042"}
    assert events[0]["module"] == "fx-basics"
    assert json.dumps(events[0]["statements"]) == json.dumps(data["statements"])

"""Practice mode: grading, feedback, score, attempts and the learner's details."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site
from tests.browser.helpers import fill_learner, focused, open_quiz, question, submit

pytestmark = pytest.mark.browser


def answer_all_right(page: Page) -> None:
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
    q2 = question(page, 2, 4)
    q2.get_by_role("checkbox", name="Drivers finish the route").check()
    q2.get_by_role("checkbox", name="Fuel costs fall").check()
    question(page, 3, 4).get_by_role("radio", name="False").check()
    question(page, 4, 4).get_by_role("radio", name="Both items in the list").check()


def test_all_right_is_mastered_with_feedback_and_explanations(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page)
    answer_all_right(page)
    result = submit(page)

    expect(result).to_contain_text("Score: 4 of 4 (100%) — mastered (threshold 75%).")
    assert focused(page, result), "focus moves to the result summary after Submit"
    q1 = question(page, 1, 4)
    expect(q1.get_by_role("status")).to_contain_text("Correct.")
    expect(q1.get_by_role("status")).to_contain_text("A request for information shows interest, not need.")
    expect(q1).to_contain_text("Your answer: correct.")
    expect(q1).to_contain_text("Right, you open a conversation about the need.")
    expect(q1).not_to_contain_text("Fast, but you learn nothing")  # feedback only for chosen options
    expect(question(page, 3, 4)).to_contain_text("Correct; enthusiasm is not evidence of a problem.")
    expect(question(page, 2, 4).get_by_role("status")).to_contain_text("has stated.")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 100%")


def test_partly_wrong_shows_what_was_right_and_what_was_missed(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page)
    question(page, 1, 4).get_by_role("radio", name="Send the price list at once.").check()
    question(page, 2, 4).get_by_role("checkbox", name="Drivers finish the route").check()
    question(page, 3, 4).get_by_role("radio", name="True").check()
    result = submit(page)

    expect(result).to_contain_text("Score: 0.5 of 4 (13%) — not yet mastered (threshold 75%).")
    expect(result).to_contain_text("Not answered, counted as wrong: Question 4.")
    q1 = question(page, 1, 4)
    expect(q1.get_by_role("status")).to_contain_text("Not quite.")
    chosen = q1.locator(".rr-option", has_text="Send the price list")
    expect(chosen).to_contain_text("Your answer: not correct.")
    expect(chosen).to_contain_text("Fast, but you learn nothing about the need.")
    expect(q1.locator(".rr-option", has_text="Ask what prompted")).to_contain_text("Correct answer.")
    q2 = question(page, 2, 4)
    expect(q2.get_by_role("status")).to_contain_text("Partly right: 0.5 of 1 point.")
    expect(q2.locator(".rr-option", has_text="Fuel costs fall")).to_contain_text(
        "Correct answer, not selected."
    )
    expect(question(page, 3, 4)).to_contain_text("Not yet; praise is interest.")
    expect(question(page, 4, 4).get_by_role("status")).to_contain_text("Not answered: counts as wrong.")
    # every answer is locked until Try again
    expect(q1.get_by_role("radio", name="Send the price list at once.")).to_be_disabled()


def test_try_again_clears_answers_and_keeps_the_history(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page)
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
    submit(page)
    page.get_by_role("button", name="Try again").click()

    expect(page.locator(".rr-result")).to_be_empty()
    expect(page.get_by_role("status").filter(has_text="New attempt")).to_have_count(1)
    first = question(page, 1, 4).get_by_role("radio", name="Send the price list at once.")
    expect(first).to_be_focused()
    expect(
        question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request")
    ).not_to_be_checked()
    expect(question(page, 1, 4)).not_to_contain_text("Your answer")
    answer_all_right(page)
    submit(page)
    expect(page.locator(".rr-history")).to_have_text("Your attempts: Attempt 1: 25% · Attempt 2: 100%")


def test_submit_needs_name_and_rep_id(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
    page.get_by_role("button", name="Submit").click()

    name = page.get_by_label("Your name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description("Error: Your name is required.")
    expect(page.locator(".rr-result")).to_be_empty()

    name.fill("Ann Rep")
    rep_id = page.get_by_label("Your rep id")
    rep_id.fill("not valid!")
    page.get_by_role("button", name="Submit").click()
    expect(rep_id).to_be_focused()
    expect(rep_id).to_have_accessible_description(
        re.compile(r"As your manager gave it.*may use only letters")
    )
    expect(name).not_to_have_attribute("aria-invalid", "true")

    rep_id.fill("rep-042")
    expect(submit(page)).to_contain_text("Score: 1 of 4 (25%)")
    expect(rep_id).not_to_have_attribute("aria-invalid", "true")


def test_learner_details_are_remembered_across_quizzes(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page, "Bo Seller", "rep-7")
    page.get_by_label("Your rep id").blur()
    open_quiz(page, site, "fx-types")
    expect(page.get_by_label("Your name")).to_have_value("Bo Seller")
    expect(page.get_by_label("Your rep id")).to_have_value("rep-7")

"""Fill-in-the-blank and numeric questions: typed answers, feedback, export and re-scoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.xapi import vocabulary as v
from tests.browser.conftest import Site
from tests.browser.helpers import (
    assert_matches_reference,
    csv_rows,
    export,
    fill_learner,
    focused,
    open_quiz,
    question,
    rescore,
    submit,
)

pytestmark = pytest.mark.browser


def answered(statements: list[dict[str, object]], question_id: str) -> dict[str, object]:
    found = [
        s
        for s in statements
        if s["verb"]["id"] == v.ANSWERED and str(s["object"]["id"]).endswith(f"/question/{question_id}")  # type: ignore[index]
    ]
    assert len(found) == 1
    return found[0]


def test_typed_answers_get_feedback_export_and_are_rescored_alike(
    page: Page, site: Site, tmp_path: Path
) -> None:
    open_quiz(page, site, "fx-entry")
    fill_learner(page, "Ann Rep", "rep-042")
    blanks, amount = question(page, 1, 2), question(page, 2, 2)
    blanks.get_by_role("textbox", name="What the buyer has done with the need").fill(
        "  Expressed "
    )  # a pattern
    blanks.get_by_role("textbox", name="Whose terms to use").fill("price")  # wrong: half the blanks
    field = amount.get_by_role("textbox", name="Your answer")
    expect(field).to_have_accessible_description("USD")

    field.fill("seventeen thousand")
    page.get_by_role("button", name="Submit").click()
    expect(field).to_have_accessible_description("USD Error: enter a number (e.g. 17400 or 17,400 USD).")
    assert focused(page, field), "the field that is not a number gets the focus"
    expect(page.locator(".rr-result")).to_be_empty()

    field.fill("$17,400")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    result = submit(page)
    expect(result).to_contain_text("Score: 1.5 of 2 (75%) — mastered")

    expect(blanks.get_by_role("status")).to_contain_text("Partly right: 0.5 of 1 point.")
    expect(blanks.locator(".rr-blank").nth(0)).to_contain_text("Correct.")
    expect(blanks.locator(".rr-blank").nth(1)).to_contain_text("Not quite. Answer: words.")
    expect(blanks.locator(".rr-blank-notes")).to_contain_text(
        "Whose terms to use: Restate the need in the buyer's own words."
    )
    expect(amount.get_by_role("status")).to_contain_text("Correct.")
    expect(field).to_be_disabled()

    name, exported = export(page)
    statements = exported["statements"]
    fill_in, numeric = answered(statements, "e1"), answered(statements, "e2")
    assert fill_in["result"]["response"] == "Expressed[,]price"  # type: ignore[index]
    assert fill_in["object"]["definition"]["interactionType"] == "fill-in"  # type: ignore[index]
    assert numeric["result"]["response"] == "17400"  # type: ignore[index]
    assert numeric["object"]["definition"]["interactionType"] == "numeric"  # type: ignore[index]
    assert numeric["object"]["definition"]["correctResponsesPattern"] == ["17400"]  # type: ignore[index]
    assert_matches_reference(site, statements)

    rows = csv_rows(rescore(site, tmp_path, [(name, exported)]) / "gaps.csv")
    gaps = {r["competency"]: r for r in rows if r["rep"] == "rep-042"}
    # Re-graded from the bank: e1 (VALUE.FAB) one blank of two, e2 (QUAL.NEED) right.
    assert (gaps["VALUE.FAB"]["mastery"], gaps["VALUE.FAB"]["evidence"]) == ("0.500", "1")
    assert (gaps["QUAL.NEED"]["mastery"], gaps["QUAL.NEED"]["evidence"]) == ("1.000", "1")


def test_typed_answers_survive_a_reload_and_clear_on_try_again(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-entry", instant=False)
    blank = question(page, 1, 2).get_by_role("textbox", name="Whose terms to use")
    field = question(page, 2, 2).get_by_role("textbox", name="Your answer")
    blank.fill("terms")
    blank.press("Tab")
    field.fill("17400 dollars")
    field.press("Tab")
    page.reload()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(blank).to_have_value("terms")
    expect(field).to_have_value("17400 dollars")

    fill_learner(page)
    expect(submit(page)).to_contain_text("Score: 1.5 of 2")
    page.get_by_role("button", name="Try again").click()
    expect(blank).to_have_value("")
    expect(field).to_have_value("")
    expect(field).to_be_enabled()
    expect(page.locator("#rr-fx-entry-e1 .rr-mark, #rr-fx-entry-e1 .rr-option-feedback")).to_have_count(0)

"""Progress: statuses on the quiz index, the "My progress" page and ticks on "My plan"."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from generator.score.assign import plan_link
from tests.browser.conftest import Site
from tests.browser.helpers import export, open_quiz, question, submit
from tests.browser.test_practice import answer_all_right

pytestmark = pytest.mark.browser


def as_rep(page: Page, site: Site, path: str, name: str = "Dana Whitfield", rep_id: str = "rep-042") -> None:
    page.goto(site.url(path) + f"#repready?name={quote(name)}&id={quote(rep_id)}")


def status(page: Page, title: str) -> Locator:
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=title, exact=True))
    return row.get_by_role("cell").last


def test_the_quiz_index_shows_each_modules_status_for_the_current_rep(page: Page, site: Site) -> None:
    as_rep(page, site, "quizzes/")
    expect(page.get_by_role("status").filter(has_text="Status of Dana Whitfield (rep-042)")).to_have_count(1)
    expect(page.locator("[data-rr-status='fx-basics']")).to_have_text("Not started")

    open_quiz(page, site, "fx-basics")
    question(page, 1, 4).get_by_role("radio", name="Send the price list at once.").check()
    page.get_by_role("article").get_by_role("link", name="quiz index").click()
    expect(page.locator("[data-rr-status='fx-basics']")).to_have_text("In progress, 1 of 4 answered")

    open_quiz(page, site, "fx-basics")
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()
    submit(page)  # 1 of 4: not mastered
    page.get_by_role("button", name="Try again").click()
    answer_all_right(page)
    submit(page)
    open_quiz(page, site, "fx-graded")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Submit anyway").click()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()

    page.goto(site.url("quizzes/"))
    expect(status(page, "Basics: need and value")).to_have_text("Mastered (best 100%)")
    expect(status(page, "Graded check")).to_have_text("Submitted")
    expect(status(page, "Matching and ordering")).to_have_text("Not started")

    as_rep(page, site, "quizzes/", "Sam Okafor", "rep-077")  # another rep: nothing of Dana's
    expect(page.get_by_role("status").filter(has_text="Status of Sam Okafor (rep-077)")).to_have_count(1)
    expect(status(page, "Basics: need and value")).to_have_text("Not started")
    expect(status(page, "Graded check")).to_have_text("Not started")


def test_my_progress_by_topic_and_competency_with_the_next_step_and_export(page: Page, site: Site) -> None:
    as_rep(page, site, "")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="My progress").click()
    expect(page.get_by_role("heading", name="My progress", level=1)).to_be_visible()
    root = page.locator("[data-rr-progress=page]")
    expect(root.get_by_role("status").first).to_have_text(
        "Progress of Dana Whitfield (rep-042) in this browser."
    )
    expect(root.locator(".rr-next")).to_contain_text("Take Basics: need and value: not started yet.")

    open_quiz(page, site, "fx-basics")
    question(page, 1, 4).get_by_role("radio", name="Ask what prompted the request").check()  # QUAL.NEED right
    question(page, 3, 4).get_by_role("radio", name="True").check()  # QUAL.NEED wrong
    question(page, 4, 4).get_by_role("radio", name="Both items in the list").check()  # PROC.STAGES right
    submit(page)
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="My progress").click()
    expect(root.locator(".rr-next")).to_contain_text("Take Drawn and shuffled: not started yet.")
    topic = root.locator(".rr-by-topic")
    expect(topic.get_by_role("heading", name="Basics", level=3)).to_be_visible()
    expect(topic.get_by_role("listitem").filter(has_text="Basics: need and value")).to_have_text(
        "Basics: need and value — Best score 50%, not yet mastered"
    )
    table = root.locator(".rr-by-competency")
    expect(table.get_by_role("row", name=re.compile("^Need and urgency"))).to_have_text(
        re.compile(r"Need and urgency\s*50%\s*2\s*Not yet mastered")
    )
    expect(table.get_by_role("row", name=re.compile("^Stage discipline"))).to_have_text(
        re.compile(r"Stage discipline\s*100%\s*1\s*Mastered")
    )
    expect(table.get_by_role("row", name=re.compile("^Feature, advantage, benefit"))).to_have_text(
        re.compile(r"Feature, advantage, benefit\s*0%\s*1\s*Not yet mastered")
    )
    expect(table).not_to_contain_text("QUAL.NEED")

    name, data = export(page)
    assert name.startswith("repready-results-rep-042-")
    assert {s["actor"]["account"]["name"] for s in data["statements"]} == {"rep-042"}
    page.get_by_role("button", name="Remove my data from this browser").click()
    expect(root.get_by_role("status").filter(has_text="Everything of rep-042 was removed")).to_have_count(1)
    expect(root.get_by_role("status").first).to_contain_text("Open any quiz and enter your name")


def test_my_plan_speaks_in_names_and_ticks_what_this_browser_completed(page: Page, site: Site) -> None:
    as_rep(page, site, "quizzes/fx-basics/")
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    answer_all_right(page)
    submit(page)
    payload = {
        "v": 1,
        "rep": "REP-042",
        "name": "Dana Whitfield",
        "issued": "2026-11-27",
        "modules": [
            ["fx-basics", "Closes QUAL.NEED at 40% (target 75%)"],
            ["fx-types", "Closes VALUE.FAB at 17% (target 80%)"],
        ],
    }
    page.goto(plan_link(site.site_url, payload))
    items = page.locator(".rr-plan-list > li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("✓ Done in this browser (100%).")
    expect(items.first).to_contain_text("Closes Need and urgency at 40% (target 75%).")
    expect(items.nth(1)).not_to_contain_text("Done")
    expect(items.nth(1)).to_contain_text(
        "Matching and ordering — Closes Feature, advantage, benefit at 17% (target 80%)."
    )
    expect(items.nth(1)).to_contain_text("Study Basics training, then take Matching and ordering.")
    # The plan's next step is what "My progress" proposes.
    page.goto(site.url("progress/"))
    expect(page.locator(".rr-next")).to_contain_text(
        "Take Matching and ordering, the next module of your plan (not started)."
    )

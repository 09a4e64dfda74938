"""Phase 2: matching, ordering, scenarios, Likert surveys, manager reviews, graded mode, draw and shuffle."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from generator.xapi import vocabulary as v
from tests.browser.conftest import Site
from tests.browser.helpers import (
    assert_matches_reference,
    export,
    fill_learner,
    focused,
    open_quiz,
    question,
    submit,
    tab_to,
)

pytestmark = pytest.mark.browser

MATCHES = {  # item -> target label; the third is wrong on purpose
    "The tracker logs harsh braking.": "A feature",
    "Dana can show the insurer safer driving by June.": "A benefit",
    "Managers could coach risky drivers.": "A price point",
}
RIGHT_ORDER = ["s1", "s2", "s3", "s4"]


def step_order(steps: Locator) -> list[str]:
    return [str(item.get_attribute("data-rr-option")) for item in steps.locator("li").all()]


def put_in_order(page: Page, steps: Locator, *, keyboard: bool) -> None:
    """Move each step up to its place; check the announcement and that focus stays on the button."""
    status = steps.locator("xpath=..").get_by_role("status")
    for target, step_id in enumerate(RIGHT_ORDER):
        while (position := step_order(steps).index(step_id)) > target:
            button = steps.locator(f"li[data-rr-option='{step_id}']").get_by_role("button", name="Move up")
            if keyboard:
                tab_to(page, button)
                page.keyboard.press("Enter" if position % 2 else "Space")
            else:
                button.click()
            expect(status).to_have_text(f"Moved to position {position} of 4.")
            assert focused(page, button), "focus stays on the moved step's button"
    assert step_order(steps) == RIGHT_ORDER


def choose_with_keys(page: Page, select: Locator, label: str) -> None:
    tab_to(page, select)
    for _ in range(10):
        if select.evaluate("s => s.selectedOptions[0].textContent") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label!r}")


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_matching_ordering_and_scenario(page: Page, site: Site, keyboard: bool) -> None:
    open_quiz(page, site, "fx-types")
    expect(page.locator("section.rr-scenario")).to_have_count(1)  # shown once, above its first question
    expect(page.get_by_role("heading", name="Scenario: The fleet operator")).to_be_visible()
    expect(question(page, 1, 3)).to_have_accessible_description("Scenario: The fleet operator")
    fill_learner(page)
    matching = question(page, 1, 3)
    for item, label in MATCHES.items():
        select = matching.get_by_label(item)
        if keyboard:
            choose_with_keys(page, select, label)
        else:
            select.select_option(label=label)
    steps = question(page, 2, 3).get_by_role("list")
    assert step_order(steps) != RIGHT_ORDER
    # at the top, Move up says so instead of moving
    top = steps.locator("li").first
    top.get_by_role("button", name="Move up").click()
    expect(question(page, 2, 3).get_by_role("status")).to_have_text("Already at position 1 of 4.")
    put_in_order(page, steps, keyboard=keyboard)
    question(page, 3, 3).get_by_role("radio", name="The June deadline").check()

    page.reload()  # matches and order are part of the draft
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    assert step_order(question(page, 2, 3).get_by_role("list")) == RIGHT_ORDER
    expect(matching.get_by_label("Managers could coach risky drivers.")).to_have_value("price")
    if keyboard:
        tab_to(page, page.get_by_role("button", name="Submit"))
        page.keyboard.press("Enter")
        result = page.locator(".rr-result")
    else:
        result = submit(page)

    expect(result).to_contain_text("Score: 2.67 of 3 (89%) — mastered (threshold 80%).")
    expect(matching.get_by_role("status")).to_contain_text("Partly right: 0.67 of 1 point.")
    expect(matching.locator(".rr-pair", has_text="The tracker logs")).to_contain_text("Correct match.")
    expect(matching.locator(".rr-pair", has_text="Managers could coach")).to_contain_text(
        "Not quite. Correct match: An advantage."
    )
    expect(question(page, 2, 3).get_by_role("status")).to_contain_text("Correct.")
    expect(question(page, 2, 3).locator("li").first).to_contain_text("In the right place.")

    _, data = export(page)
    statements = data["statements"]
    answered = [s for s in statements if s["verb"]["id"].endswith("answered")]
    assert [s["result"]["response"] for s in answered] == [
        "p1[.]feature[,]p2[.]benefit[,]p3[.]price",
        "s1[,]s2[,]s3[,]s4",
        "a",
    ]
    definition = answered[0]["object"]["definition"]
    assert [t["id"] for t in definition["target"]] == ["advantage", "benefit", "feature", "price"]
    assert answered[0]["result"]["score"]["scaled"] == pytest.approx(2 / 3)
    assert_matches_reference(site, statements)


def test_wrong_order_and_unanswered_matching(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-types")
    fill_learner(page)
    steps = question(page, 2, 3).get_by_role("list")
    shown = step_order(steps)
    swapped = [[*shown[:i], shown[i + 1], shown[i], *shown[i + 2 :]] for i in range(3)]
    swap = next(i for i, order in enumerate(swapped) if order != RIGHT_ORDER)
    steps.locator("li").nth(swap).get_by_role("button", name="Move down").click()
    moved = step_order(steps)
    assert moved == swapped[swap]
    submit(page)
    expect(question(page, 1, 3).get_by_role("status")).to_contain_text("Not answered: counts as wrong.")
    expect(question(page, 1, 3).locator(".rr-pair").first).to_contain_text(
        "Not answered. Correct match: A feature."
    )
    assert moved != RIGHT_ORDER
    expect(question(page, 2, 3).get_by_role("status")).to_contain_text("Not quite.")
    expected = (
        "In the right place."
        if moved[0] == "s1"
        else f"Belongs at position {RIGHT_ORDER.index(moved[0]) + 1}."
    )
    expect(steps.locator("li").first).to_contain_text(expected)
    _, data = export(page)
    answered = [s for s in data["statements"] if s["verb"]["id"].endswith("answered")]
    assert [s["result"]["response"] for s in answered] == ["[,]".join(moved)]
    assert_matches_reference(site, data["statements"])


def rate(page: Page, group: Locator, label: str | re.Pattern[str], *, keyboard: bool) -> None:
    """Choose a radio: by click, or by Tab into the group, Space, then arrows until it is checked."""
    choice = group.get_by_role("radio", name=label, exact=True)
    if not keyboard:
        choice.check()
        return
    tab_to(page, group.get_by_role("radio").first)
    page.keyboard.press("Space")
    for _ in range(10):
        if choice.is_checked():
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"could not reach {label!r} with the arrow keys")


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_survey_shows_scale_means_and_bands(page: Page, site: Site, keyboard: bool) -> None:
    open_quiz(page, site, "fx-survey")
    expect(page.locator("form.rr-quiz")).not_to_have_attribute("data-rr-key", re.compile(".*"))
    fill_learner(page)
    rate(page, question(page, 1, 3), "Agree", keyboard=keyboard)  # 4
    rate(page, question(page, 2, 3), "Disagree", keyboard=keyboard)  # reverse: 5 + 1 - 2 = 4
    rate(page, question(page, 3, 3), "Neutral", keyboard=keyboard)  # 3
    result = submit(page)
    expect(result).to_contain_text("Motivation: average 4.0 of 5 — High.")
    expect(result).to_contain_text("High: keep going.")
    expect(result.locator("strong", has_text="keep going")).to_have_count(1)
    expect(result).to_contain_text("Confidence: average 3.0 of 5 — Unsure.")
    expect(result).not_to_contain_text("%")
    expect(question(page, 1, 3).get_by_role("radio", name="Agree", exact=True)).to_be_disabled()
    expect(page.locator(".rr-history")).to_contain_text("Attempt 1: submitted ")

    _, data = export(page)
    statements = data["statements"]
    assert [s["verb"]["display"]["en-US"] for s in statements] == [
        "attempted",
        "answered",
        "answered",
        "answered",
        "completed",
    ]
    answered = statements[1:4]
    assert [s["result"] for s in answered] == [{"response": "4"}, {"response": "2"}, {"response": "3"}]
    definition = answered[0]["object"]["definition"]
    assert definition["interactionType"] == "likert"
    assert "correctResponsesPattern" not in definition
    assert [p["description"]["en-US"] for p in definition["scale"]] == [
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ]
    assert statements[-1]["result"] == {"completion": True}
    assert_matches_reference(site, statements)


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_manager_review(page: Page, site: Site, keyboard: bool) -> None:
    open_quiz(page, site, "fx-basics")  # the manager once took a quiz here: remembered as "you"
    fill_learner(page, "Max Manager", "mgr-1")
    page.get_by_label("Your rep id").blur()
    open_quiz(page, site, "fx-review")
    expect(page.get_by_role("textbox", name="Your name")).to_have_value("Max Manager")
    expect(page.get_by_label("Your manager id")).to_have_value("mgr-1")
    expect(page.get_by_label("Rep's name")).to_have_value("")
    page.get_by_label("Rep's name").fill("Ann Rep")
    page.get_by_label("Rep's id").fill("rep-042")
    rate(page, question(page, 1, 3), "Usually", keyboard=keyboard)  # 3
    rate(page, question(page, 2, 3), "Sometimes", keyboard=keyboard)  # reverse: 4 + 1 - 2 = 3
    anchored = question(page, 3, 3)  # each level says what the manager would observe
    expect(anchored.get_by_role("radio", name="Usually")).to_have_accessible_description(
        "Most meetings end with a buyer action and a date."
    )
    rate(page, anchored, "Not observed", keyboard=keyboard)  # missing: not part of the average
    notes = page.get_by_label("Notes for the coaching conversation")
    if keyboard:
        tab_to(page, notes)
        page.keyboard.type("Good discipline.\nNext: decision dates.")
    else:
        notes.fill("Good discipline.\nNext: decision dates.")
    page.reload()  # the rep, the ratings and the notes are part of the draft
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(page.get_by_label("Rep's id")).to_have_value("rep-042")
    expect(notes).to_have_value("Good discipline.\nNext: decision dates.")
    result = submit(page)
    expect(result).to_contain_text("Pipeline discipline: average 3.0 of 4 — On track.")
    expect(page.locator(".rr-history")).to_have_text("Your reviews: Review 1: Ann Rep (rep-042)")

    _, data = export(page)  # exported by the manager: the reviews they wrote and their own attempts
    statements = data["statements"]
    assert {s["actor"]["account"]["name"] for s in statements} == {"rep-042"}
    manager = {
        "objectType": "Agent",
        "name": "Max Manager",
        "account": {"homePage": site.site_url, "name": "mgr-1"},
    }
    assert all(s["context"]["instructor"] == manager for s in statements)
    not_seen = next(s for s in statements if s["object"]["id"].endswith("/r3"))
    assert not_seen["result"]["response"] == "not-observed"
    assert not_seen["object"]["definition"]["scale"][-1] == {
        "id": "not-observed",
        "description": {"en-US": "Not observed"},
    }
    completed = statements[-1]
    assert completed["verb"]["id"] == v.COMPLETED
    assert completed["result"] == {"completion": True, "response": "Good discipline.\nNext: decision dates."}
    assert_matches_reference(site, statements)

    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_label("Rep's name")).to_have_value("")
    expect(notes).to_have_value("")
    expect(page.get_by_label("Your manager id")).to_have_value("mgr-1")


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_graded_submits_once_and_shows_no_score(page: Page, site: Site, keyboard: bool) -> None:
    open_quiz(page, site, "fx-graded")
    fill_learner(page)
    rate(page, question(page, 1, 5), "A friendly buyer", keyboard=keyboard)
    tick = question(page, 2, 5).get_by_role("checkbox", name="Saves the 8%")
    select = question(page, 4, 5).get_by_label("Logs harsh braking")
    move = question(page, 5, 5).get_by_role("list").locator("li").last.get_by_role("button", name="Move up")
    if keyboard:
        tab_to(page, tick)
        page.keyboard.press("Space")
        choose_with_keys(page, select, "Feature")
        tab_to(page, move)
        page.keyboard.press("Enter")
        tab_to(page, page.get_by_role("button", name="Submit"))
        page.keyboard.press("Enter")
        result = page.locator(".rr-result")
        assert focused(page, result)
    else:
        tick.check()
        select.select_option(label="Feature")
        move.click()
        result = submit(page)
    expect(result).to_contain_text("Your answers were recorded in this browser.")
    expect(result).to_contain_text("can be submitted only once")
    expect(result).not_to_contain_text("Score")
    expect(page.locator(".rr-feedback").filter(has_text=re.compile(r"\S"))).to_have_count(0)
    expect(page.locator(".rr-mark")).to_have_count(0)
    expect(page.get_by_role("button", name="Try again")).to_be_hidden()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()

    page.reload()
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    expect(page.locator(".rr-result")).to_contain_text("can be submitted only once")
    expect(question(page, 1, 5).get_by_role("radio", name="A friendly buyer")).to_be_checked()
    expect(question(page, 1, 5).get_by_role("radio", name="A friendly buyer")).to_be_disabled()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()

    _, data = export(page)
    statements = data["statements"]
    assert [s["verb"]["display"]["en-US"] for s in statements] == [
        "attempted",
        "answered",
        "answered",
        "answered",
        "answered",
        "completed",
    ]
    for statement in statements[1:5]:
        assert set(statement["result"]) == {"response"}
        assert "correctResponsesPattern" not in statement["object"]["definition"]
    assert statements[-1]["result"] == {"completion": True}
    assert_matches_reference(site, statements)


def test_graded_page_and_search_index_hold_no_key(site: Site) -> None:
    html = (site.out / "quizzes" / "fx-graded" / "index.html").read_text(encoding="utf-8")
    index = (site.out / "search" / "search_index.json").read_text(encoding="utf-8")
    assert 'data-rr-module="fx-graded"' in html
    form = html[
        html.index('<form class="rr-quiz"') : html.index("</form>", html.index('<form class="rr-quiz"'))
    ]
    assert not re.search(r"(&#34;|\")(correct|pattern|feedback|explanation)(&#34;|\")", form)
    assert "explanation" not in form.lower()
    for text in (html, index):
        assert "SECRETFEEDBACK" not in text
        assert "SECRETEXPLANATION" not in text
        assert "data-rr-key" not in text
    # practice pages do carry a key, but never in the search index
    practice = (site.out / "quizzes" / "fx-basics" / "index.html").read_text(encoding="utf-8")
    assert "data-rr-key" in practice
    assert "Fast, but you learn nothing" not in index
    docs = json.loads(index)["docs"]
    assert not any("Send the price list" in doc["text"] for doc in docs)


def shown_questions(page: Page) -> list[str]:
    return [str(q.get_attribute("data-rr-q")) for q in page.locator("fieldset.rr-question:visible").all()]


def option_orders(page: Page) -> dict[str, list[str]]:
    return {
        str(q.get_attribute("data-rr-q")): [
            str(o.get_attribute("data-rr-option")) for o in q.locator(".rr-option").all()
        ]
        for q in page.locator("fieldset.rr-question:visible").all()
    }


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_draw_and_shuffle_per_attempt(page: Page, site: Site, keyboard: bool) -> None:
    open_quiz(page, site, "fx-draw")
    fill_learner(page)
    shown, orders = shown_questions(page), option_orders(page)
    assert len(shown) == 3 and shown == sorted(shown), "three drawn, in bank order"
    expect(page.locator("fieldset.rr-question[hidden]")).to_have_count(2)
    for n in range(1, 4):
        expect(question(page, n, 3)).to_be_visible()
    rate(page, question(page, 1, 3), re.compile("^Option one"), keyboard=keyboard)

    page.reload()  # the same attempt: same draw, same order, answer kept
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    assert shown_questions(page) == shown
    assert option_orders(page) == orders
    expect(question(page, 1, 3).get_by_role("radio", name=re.compile("^Option one"))).to_be_checked()
    rate(page, question(page, 2, 3), re.compile("^Option two"), keyboard=keyboard)
    expect(submit(page)).to_contain_text("Score: 1 of 3 (33%)")

    layouts = {(tuple(shown), json.dumps(orders))}
    for _ in range(4):  # new attempts draw and shuffle again
        page.get_by_role("button", name="Try again").click()
        layouts.add((tuple(shown_questions(page)), json.dumps(option_orders(page))))
        submit(page)
    assert len(layouts) > 1

    _, data = export(page)
    attempted = [s for s in data["statements"] if s["verb"]["id"] == v.ATTEMPTED]
    assert len(attempted) == 5
    presented = attempted[0]["context"]["extensions"][v.EXT_PRESENTED]
    assert presented == {"questions": shown, "options": orders}
    first_answers = [
        s
        for s in data["statements"]
        if s["context"]["registration"] == attempted[0]["context"]["registration"]
    ]
    choices = first_answers[1]["object"]["definition"]["choices"]
    assert [c["id"] for c in choices] == ["o1", "o2", "o3", "o4"], "choices in bank order, whatever was shown"
    assert_matches_reference(site, data["statements"])


def test_draw_per_competency(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-percomp")
    fill_learner(page)
    shown = shown_questions(page)
    assert len(shown) == 2
    assert len({"c1", "c2"} & set(shown)) == 1 and len({"c3", "c4"} & set(shown)) == 1
    question(page, 1, 2).get_by_role("radio", name="True").check()
    expect(submit(page)).to_contain_text("Score: 1 of 2 (50%)")
    _, data = export(page)
    presented = data["statements"][0]["context"]["extensions"][v.EXT_PRESENTED]
    assert presented == {"questions": shown, "options": {}}
    assert_matches_reference(site, data["statements"])

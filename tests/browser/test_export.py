"""Export: one file of xAPI statements, valid for Ralph and equal to the reference builder's."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect
from pydantic import ValidationError

from generator.xapi import vocabulary as v
from tests.browser.conftest import Site
from tests.browser.helpers import (
    assert_matches_reference,
    by_registration,
    export,
    fill_learner,
    open_quiz,
    question,
    submit,
    validate_with_ralph,
)
from tests.browser.test_practice import answer_all_right

pytestmark = pytest.mark.browser


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["display"]["en-US"] for s in statements]


def test_export_holds_every_attempt_of_every_module_and_matches_the_reference(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page)
    answer_all_right(page)
    submit(page)
    page.get_by_role("button", name="Try again").click()
    question(page, 1, 4).get_by_role("radio", name="Log it as a qualified opportunity.").check()
    q2 = question(page, 2, 4)
    q2.get_by_role("checkbox", name="Drivers finish the route").check()
    q2.get_by_role("checkbox", name="The tracker has a 4G modem.").check()
    question(page, 4, 4).get_by_role("radio", name="Both items in the list").check()
    submit(page)
    open_quiz(page, site, "fx-types")
    question(page, 3, 3).get_by_role("radio", name="The June deadline").check()
    submit(page)

    name, data = export(page)
    assert name == f"repready-results-rep-042-{date.today():%Y%m%d}.json"
    statements = data["statements"]
    attempts = list(by_registration(statements).values())
    assert [verbs(a) for a in attempts] == [
        ["attempted", "answered", "answered", "answered", "answered", "completed", "passed"],
        ["attempted", "answered", "answered", "answered", "completed", "failed"],
        # The ordering question counts as answered in the order shown (the rep left it so).
        ["attempted", "answered", "answered", "completed", "failed"],
    ]
    first, second, third = attempts
    assert [s["result"]["response"] for s in first[1:5]] == ["b", "a[,]b", "false", "a"]
    assert [s["result"]["response"] for s in second[1:4]] == ["c", "a[,]c", "a"]
    assert second[2]["result"]["score"] == {"scaled": 0, "raw": 0, "min": 0, "max": 1}
    assert second[-1]["result"] == {
        "score": {"scaled": 0.25, "raw": 1, "min": 0, "max": 4},
        "success": False,
        "completion": True,
    }
    assert third[1]["object"]["id"].endswith("/question/t2")
    assert third[2]["result"]["response"] == "a"
    for statement in statements:
        assert statement["actor"] == {
            "objectType": "Agent",
            "name": "Ann Rep",
            "account": {"homePage": site.site_url, "name": "rep-042"},
        }
        assert statement["timestamp"].endswith("Z") and len(statement["timestamp"]) == 24
        registration = statement["context"]["registration"]
        assert uuid.UUID(registration).version == 4
        name_part = statement["verb"]["display"]["en-US"]
        if name_part == "answered":
            name_part = statement["object"]["id"].rsplit("/", 1)[1]
        assert statement["id"] == str(uuid.uuid5(v.NAMESPACE, f"{registration}:{name_part}"))
    b4 = first[4]["object"]["definition"]
    assert b4["name"] == {
        "en-US": "The buyer asks for a proposal in the first call. What do you check first? "
        "the budget owner the decision date"
    }
    assert_matches_reference(site, statements)
    broken = json.loads(json.dumps(second[-1]))
    broken["result"]["score"]["scaled"] = 2
    with pytest.raises(ValidationError):  # the validator is live: a scaled score above 1 is refused
        validate_with_ralph([broken])

    _, again = export(page)
    assert again == data, "exporting twice gives the same file, statement ids included"


def test_export_before_any_submission_says_so(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page)
    page.get_by_role("button", name="Export results").click()
    expect(page.get_by_role("status").filter(has_text="Nothing to export for rep-042 yet")).to_have_count(1)


def test_export_without_an_id_asks_for_it(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    page.get_by_role("button", name="Export results").click()
    expect(page.get_by_label("Your name")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Enter your name and id first")).to_have_count(1)


def test_home_page_falls_back_to_the_site_root_of_the_script(page: Page, site: Site) -> None:
    """Without site_url the page has an empty data-rr-home; the widget's own URL gives the root."""

    def without_home(route: Route) -> None:
        response = route.fetch()
        html = response.text().replace(f'data-rr-home="{site.site_url}"', 'data-rr-home=""')
        route.fulfill(response=response, body=html)

    page.route("**/quizzes/fx-basics/", without_home)
    open_quiz(page, site, "fx-basics", instant=False)
    fill_learner(page)
    submit(page)
    _, data = export(page)
    root = site.url(instant=False)
    assert root != site.site_url
    assert {s["actor"]["account"]["homePage"] for s in data["statements"]} == {root}
    assert data["statements"][0]["object"]["id"] == f"{root}xapi/activities/module/fx-basics"
    assert_matches_reference(site, data["statements"])


@pytest.mark.parametrize("name", ["", "abc:attempted", "ünïcødé:q-1", "x" * 200])
def test_uuid5_in_the_browser_equals_python(page: Page, site: Site, name: str) -> None:
    open_quiz(page, site, "fx-basics")
    assert page.evaluate("name => window.repready.uuid5(name)", name) == str(uuid.uuid5(v.NAMESPACE, name))


def test_each_submit_tells_other_scripts_the_statements_export_writes(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    page.evaluate(
        "() => { window.heard = [];"
        " document.addEventListener('repready:attempt', event => window.heard.push(event.detail)); }"
    )
    fill_learner(page)
    answer_all_right(page)
    submit(page)
    heard = page.evaluate("() => window.heard")
    _, data = export(page)
    assert heard == [
        {"rep": {"name": "Ann Rep", "id": "rep-042"}, "module": "fx-basics", "statements": data["statements"]}
    ]

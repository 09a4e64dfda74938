"""Bank text never runs: every text field of every bank and of the competency model holds payloads
that would set ``window.__pwned``; the site is built by a real ``mkdocs build``, every page is
opened, every quiz taken and submitted (feedback, explanations and bands shown), the results are
exported, scored, and every report and the rep's plan page opened. The flag stays unset, no element
carries an event handler or a script URL, and every quiz form holds all its questions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from generator.cli import main
from tests.browser.conftest import Site, build_fixture, copy_fixture, open_page
from tests.conftest import static_server

pytestmark = pytest.mark.browser

#: Every field of a bank or of the competency model that holds text a trainer writes.
TEXT_FIELDS = {"title", "summary", "prompt", "explanation", "text", "feedback", "feedback_true"}
TEXT_FIELDS |= {"feedback_false", "label", "description", "anchors", "frameworks", "levels", "approach"}
TEXT_FIELDS |= {"not_observed"}


def payload(field: str) -> str:
    """Script that would run on load, on a click, or through Markdown, each setting the flag."""
    run = f"window.__pwned='{field}'"
    return (
        f'<img src=x onerror="{run}"><script>{run}</script><svg onload="{run}"></svg>'
        f'<details open ontoggle="{run}"><summary>s</summary></details><input autofocus onfocus="{run}">'
        f"</fieldset></form></div><style>*{{display:none}}</style>"
        f'<a href="javascript:{run}">a</a> [b](javascript:{run}) \\[c\\](javascript:{run}) '
        f'<javascript:{run}> {{: onclick="{run}" }} '
    )


def poison(value: Any, field: str = "") -> Any:
    if isinstance(value, dict):
        return {key: poison(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [poison(item, field) for item in value]
    if isinstance(value, str) and field in TEXT_FIELDS:
        return payload(field) + value  # the original keeps texts of one question distinct
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    src, out = copy_fixture(tmp_path_factory.mktemp("hostile-site"))
    for bank in (src / "assessments").rglob("*.yml"):
        data = yaml.safe_load(bank.read_text(encoding="utf-8"))
        bank.write_text(yaml.safe_dump(poison(data), allow_unicode=True), encoding="utf-8")
    with static_server(out) as url:
        build_fixture(src, out, url)
        yield Site(src, out, int(url.rsplit(":", 1)[1].strip("/")), 0)


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    dangerous = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(a.name)
                    && /^\\s*(javascript|vbscript|data):/i.test(a.value)))
            .map(a => e.tagName + ' ' + a.name + '=' + a.value))"""
    )
    assert dangerous == []


def assert_forms_intact(page: Page, site: Site) -> None:
    """Every question, the person fields and the buttons are inside the one quiz form."""
    form = page.locator("form.rr-quiz")
    expect(form).to_have_count(1)
    module = form.get_attribute("data-rr-module")
    bank = next((site.src / "assessments").rglob(f"{module}.yml"))
    questions = yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"]
    expect(form.locator("fieldset.rr-question")).to_have_count(len(questions))
    expect(page.locator("fieldset.rr-question")).to_have_count(len(questions))
    expect(form.locator("button[type=submit]")).to_have_count(1)  # hidden once a graded quiz is submitted
    expect(form.get_by_role("button", name="Export results")).to_have_count(1)


def pages(site: Site) -> list[str]:
    return sorted(p.parent.relative_to(site.out).as_posix() for p in site.out.rglob("index.html"))


def test_no_bank_text_runs_on_any_page_before_or_after_submit(
    hostile: Site, browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, _ = open_page(browser, accept_downloads=True)
    quizzes = [p for p in pages(hostile) if p.startswith("quizzes/") and p != "quizzes"]
    assert len(quizzes) == 7 and "plan" in pages(hostile)
    for path in pages(hostile):
        page.goto(hostile.url("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
        assert_nothing_ran(page)
        heading = page.locator("article h1").first
        assert heading.locator("a:not(.headerlink)").count() == 0  # a title is never a link
        if path in quizzes:
            expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
            assert_forms_intact(page, hostile)

    exported: list[dict[str, Any]] = []
    for path in quizzes:
        page.goto(hostile.url(path + "/"))
        expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
        review = page.locator("form.rr-quiz").get_attribute("data-rr-mode") == "review"
        person = "<img src=x onerror=\"window.__pwned='name'\">{: onclick=x}"
        if review:
            page.get_by_label("Rep's name").fill(person)
            page.get_by_label("Rep's id").fill("rep-042")
            page.get_by_label("Your name").fill(person)
            page.get_by_label("Your manager id").fill("mgr-7")
        else:
            page.get_by_label("Your name").fill(person)
            page.get_by_label("Your rep id").fill("rep-042")
        for group in page.locator("fieldset.rr-question:visible").all():
            choices = group.get_by_role("radio")
            if choices.count():
                choices.first.check()
            boxes = group.get_by_role("checkbox")
            if boxes.count():
                boxes.first.check()
            for select in group.get_by_role("combobox").all():
                select.select_option(index=1)
        page.get_by_role("button", name="Submit").click()
        expect(page.locator(".rr-result")).not_to_be_empty()
        assert_nothing_ran(page)
        assert_forms_intact(page, hostile)
        for link in page.locator("form.rr-quiz a").all():  # links from feedback and explanations
            if link.is_visible():
                link.click(modifiers=["Control"])  # a new tab if anything; never script
        assert_nothing_ran(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Export results").click()
        exported.extend(json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["statements"])

    results = tmp_path / "results" / "all.json"
    results.parent.mkdir()
    by_id = {s["id"]: s for s in exported}  # each export repeats the earlier attempts
    results.write_text(json.dumps({"statements": list(by_id.values())}), encoding="utf-8")
    reports = tmp_path / "reports"
    arguments = ["score", str(results), "--banks", str(hostile.src / "assessments"), "--out", str(reports)]
    code = main([*arguments, "--min-evidence", "1", "--min-n", "1", "--site-url", hostile.site_url])
    assert code == 0, capsys.readouterr().err
    plan_links: list[str] = []
    with static_server(reports) as url:
        for report in sorted(reports.glob("*.html")):
            page.goto(url + report.name)
            page.wait_for_load_state("load")
            assert_nothing_ran(page)
            plan_links += [
                href
                for href in page.locator("a[href*='#plan=']").evaluate_all("links => links.map(a => a.href)")
                if href.startswith(hostile.site_url)
            ]
    assert plan_links, "the report links the rep to a plan"
    page.goto(plan_links[0])
    expect(page.locator(".rr-plan-list")).to_be_visible()
    assert_nothing_ran(page)
    listed = page.locator(".rr-plan-list").inner_text()
    assert re.search(r"window\.__pwned", listed)  # the titles are shown, as text
    page.context.close()

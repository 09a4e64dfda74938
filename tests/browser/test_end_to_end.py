"""From a rep's clicks to a manager's report: the widget's export is what the scorer grades.

Practice quizzes (choice, true/false, matching, ordering), a graded assessment and a
self-assessment survey are taken in the real browser and exported by the rep; a manager review
is filled in and exported by the manager. Both files are scored by ``repready score``
in-process, and the reports are read: the gap model, the self-assessment scales, the manager's
ratings beside them and the calibration flag.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.cli import main
from tests.browser.conftest import Site
from tests.browser.helpers import export, fill_learner, open_quiz, submit

pytestmark = pytest.mark.browser


def _check(page: Page, module: str, question: str, option: str) -> None:
    page.locator(f"[id='rr-{module}:{question}:{option}']").check()


def _take_practice_quiz(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-basics")
    fill_learner(page, "Ann Rep", "rep-042")
    _check(page, "fx-basics", "b1", "b")  # right
    _check(page, "fx-basics", "b2", "a")  # one of two benefits: half a point (partial credit)
    _check(page, "fx-basics", "b3", "true")  # wrong
    _check(page, "fx-basics", "b4", "a")  # right
    expect(submit(page)).to_contain_text("2.5 of 4")


def _order(page: Page, module: str, question: str, right: list[str]) -> None:
    """Move each step up to its place with the Move up buttons."""
    steps = page.locator(f"[id='rr-{module}:{question}'] ol")
    for target, step in enumerate(right):
        while [s.get_attribute("data-rr-option") for s in steps.locator("li").all()].index(step) > target:
            steps.locator(f"li[data-rr-option='{step}']").get_by_role("button", name="Move up").click()


def _take_matching_and_ordering(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-types")
    page.locator("[id='rr-fx-types:t1:p1']").select_option("feature")
    page.locator("[id='rr-fx-types:t1:p2']").select_option("benefit")
    page.locator("[id='rr-fx-types:t1:p3']").select_option("price")  # wrong: two of three pairs, partial
    _order(page, "fx-types", "t2", ["s1", "s2", "s3", "s4"])
    _check(page, "fx-types", "t3", "a")
    expect(submit(page)).to_contain_text("2.67 of 3")


def _take_graded(page: Page, site: Site) -> None:
    open_quiz(page, site, "fx-graded")
    _check(page, "fx-graded", "g1", "a")  # right
    _check(page, "fx-graded", "g2", "a")  # one of two: all or nothing, so wrong
    _check(page, "fx-graded", "g3", "true")  # wrong
    page.locator("[id='rr-fx-graded:g4:m1']").select_option("feat")
    page.locator("[id='rr-fx-graded:g4:m2']").select_option("ben")  # right
    _order(page, "fx-graded", "g5", ["q", "d", "p"])  # right
    result = submit(page)
    expect(result).to_contain_text("recorded")
    expect(result).not_to_contain_text("%")  # no score: only the scorer grades


def _take_survey(page: Page, site: Site) -> tuple[str, dict[str, object]]:
    open_quiz(page, site, "fx-survey")
    expect(page.get_by_label("Your rep id")).to_have_value("rep-042")  # entered once, kept
    _check(page, "fx-survey", "v1", "5")
    _check(page, "fx-survey", "v2", "2")  # reverse-keyed: counts as 4
    _check(page, "fx-survey", "v3", "4")
    expect(submit(page)).to_contain_text("Motivation")
    return export(page)


def _take_review(page: Page, site: Site) -> tuple[str, dict[str, object]]:
    open_quiz(page, site, "fx-review")
    page.get_by_label("Rep's name").fill("Ann Rep")
    page.get_by_label("Rep's id").fill("rep-042")
    page.get_by_label("Your name").fill("Max Manager")
    page.get_by_label("Your manager id").fill("mgr-7")
    _check(page, "fx-review", "r1", "1")  # rarely qualifies before proposing
    _check(page, "fx-review", "r2", "4")  # always forecasts without a date (reverse-keyed: 1)
    _check(page, "fx-review", "r3", "not-observed")  # missing, so the mean stays 1.00
    page.get_by_label("Notes for the coaching conversation").fill("Walk the pipeline together.")
    submit(page)
    return export(page)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_browser_export_is_scored_into_the_reports(
    page: Page, site: Site, browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _take_practice_quiz(page, site)
    _take_matching_and_ordering(page, site)
    _take_graded(page, site)
    files = [_take_survey(page, site), _take_review(page, site)]
    names = [name for name, _ in files]
    assert names[0].startswith("repready-results-rep-042-"), "the rep's file: quiz and survey"
    assert names[1].startswith("repready-results-mgr-7-"), "the manager's file: the review"
    results = tmp_path / "results"
    results.mkdir()
    for name, exported in files:
        (results / name).write_text(json.dumps(exported), encoding="utf-8")

    out = tmp_path / "reports"
    code = main(
        [
            "score",
            str(results),
            "--banks",
            str(site.src / "assessments"),
            "--out",
            str(out),
            "--min-evidence",
            "1",
            "--site-url",
            site.site_url,
        ]
    )
    assert code == 0, capsys.readouterr().err

    # Re-graded from the banks: QUAL.NEED b1 1, b3 0, t3 1, g1 1, g3 0 = 3 of 5;
    # VALUE.FAB b2 0.5, t1 2/3, g2 0, g4 1 = 2.17 of 4; PROC.STAGES b4, t2, g5 = 3 of 3.
    gaps = {r["competency"]: r for r in _rows(out / "gaps.csv") if r["rep"] == "rep-042"}
    assert [gaps["QUAL.NEED"][k] for k in ("mastery", "evidence", "status")] == ["0.600", "5", "gap"]
    assert [gaps["VALUE.FAB"][k] for k in ("mastery", "evidence", "status")] == ["0.542", "4", "gap"]
    assert [gaps["PROC.STAGES"][k] for k in ("mastery", "evidence", "status")] == ["1.000", "3", "mastered"]

    scales = {(r["source"], r["scale"]): r for r in _rows(out / "self-assessment.csv")}
    assert (scales["self", "drive"]["mean"], scales["self", "drive"]["band"]) == ("4.50", "High")
    assert scales["self", "belief"]["mean"] == "4.00"
    assert (scales["manager", "discipline"]["mean"], scales["manager", "discipline"]["band"]) == (
        "1.00",
        "Needs coaching",
    )

    report = (out / "manager-report.md").read_text(encoding="utf-8")
    assert "Max Manager" in report
    assert "⚑" in report and "PROC.STAGES" in report.split("## Manager reviews and calibration", 1)[1]

    viewer = browser.new_page()
    try:
        viewer.goto((out / "manager-report.html").as_uri())
        expect(viewer.get_by_role("heading", name="Ann Rep", exact=False).first).to_be_visible()
        expect(viewer.get_by_text("Walk the pipeline together.").first).to_be_visible()
    finally:
        viewer.close()

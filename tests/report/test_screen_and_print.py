"""The manager report of six reps on the sample content: the first screen decides, print keeps every column.

Real files, a real ``repready score`` run, Debian's chromium, and the PDF's text read back with
poppler's ``pdftotext`` (installed by ``make test`` like chromium).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.bank.catalog import Catalog
from generator.cli import main
from tests.report.sample_team import BANKS, DOCS, REPS, sample_catalog, write_team
from tests.score.builders import NOW

pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 1280, "height": 800}
SITE = "https://portal.example.com/"


@pytest.fixture(scope="module")
def sample() -> Catalog:
    return sample_catalog()


@pytest.fixture(scope="module")
def reports(sample: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample-team")
    results, roster = write_team(root, sample)
    out = root / "reports"
    args = ["score", str(results), "--banks", str(BANKS), "--docs", str(DOCS), "--roster", str(roster)]
    args += ["--out", str(out), "--now", NOW.isoformat(), "--site-url", SITE, "--jobs", "1", "--min-n", "3"]
    assert main(args) == 0
    return out


def open_report(browser: Browser, path: Path, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": FIRST_SCREEN["height"]})
    page.goto(path.as_uri())
    return page


def test_the_first_screen_shows_team_readiness_and_who_needs_what(reports: Path, browser: Browser) -> None:
    page = open_report(browser, reports / "manager-report.html")
    try:
        assert page.evaluate("() => [window.innerWidth, window.innerHeight]") == [1280, 800]
        readiness = page.get_by_role("heading", name="Team readiness")
        table = page.get_by_role("table", name=re.compile("^Who needs what"))
        for element in (readiness, table):
            box = element.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
        assert page.evaluate("() => window.scrollY") == 0
        headers = table.get_by_role("columnheader").all_inner_texts()
        assert headers == ["Rep", "Readiness", "Top gaps", "Assigned module", "Why this module · evidence"]
        assert table.get_by_role("rowheader").count() == len(REPS)
        team_line = page.locator("ul.headline li").first.inner_text()
        assert re.fullmatch(
            r"North \(3 reps\): \d+% ready on \d+ of 39 rep × competency results with enough evidence",
            team_line,
        ), team_line
        # Bo: readiness on evidence, top gaps by competency name with the code as a label, modules
        # by title linked to the portal, training by page title, the rule and the evidence.
        bo = table.locator("tbody").filter(has_text="Bo Example")
        ready = bo.get_by_role("cell").first.inner_text()
        assert re.match(r"\d+% on \d+ of 13\n\d+ more gaps?$", ready), ready
        modules = bo.get_by_role("link").evaluate_all("links => links.map(a => [a.textContent, a.href])")
        titles = {b.module.title for b in sample_catalog().banks}
        quiz_links = [(t, h) for t, h in modules if h.startswith(SITE + "quizzes/")]
        assert quiz_links and all(t in titles for t, _ in quiz_links), modules
        text = bo.inner_text()
        assert "Gap measured in this module: retake it after its training page." in text
        assert "Evidence:" in text
        section = page.get_by_role("region", name="Bo Example (bo)")
        links = section.get_by_role("link").evaluate_all("links => links.map(a => [a.textContent, a.href])")
        training = [t for t, h in links if h.startswith(SITE + "training/")]
        assert training and not any(t.endswith(".md") or "/" in t for t in training), training
        assert "VALUE.FAB" not in text or "Features, advantages and benefits" in text
    finally:
        page.close()


def test_every_column_of_every_table_prints_on_a4(reports: Path, browser: Browser, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext missing: make test installs Debian's poppler-utils"
    for name in ("manager-report.html", "item-analysis.html"):
        page = open_report(browser, reports / name)
        try:
            page.emulate_media(media="print")
            headers = [" ".join(h.split()) for h in page.locator("th[scope=col]").all_inner_texts()]
            pdf = tmp_path / f"{name}.pdf"
            pdf.write_bytes(page.pdf(format="A4", print_background=True))
        finally:
            page.close()
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        printed = " ".join(text.split())
        assert len(headers) > 20
        missing = sorted({h for h in headers if h not in printed})
        assert missing == [], f"{name}: columns lost in print: {missing}"


def test_a_wide_table_shows_that_it_scrolls(reports: Path, browser: Browser) -> None:
    page = open_report(browser, reports / "manager-report.html", width=700)
    try:
        region = page.get_by_role("region", name=re.compile(r"^Reps × competencies \(1 of 2\)")).first
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")
        hint = region.evaluate(
            "r => [getComputedStyle(r, '::before').content, getComputedStyle(r, '::before').fontSize]"
        )
        assert hint[0] == '"Scrolls sideways: more columns to the right →"' and hint[1] != "0px", hint
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
        assert page.evaluate("() => document.activeElement.getAttribute('role')") == "region"
    finally:
        page.close()
    page = open_report(browser, reports / "manager-report.html", width=1280)
    try:  # the same region, wide enough: no cue
        region = page.get_by_role("region", name=re.compile(r"^Teams|^Readiness per team")).first
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
        assert region.evaluate("r => getComputedStyle(r, '::before').fontSize") == "0px"
    finally:
        page.close()


def test_axe_finds_nothing_in_the_report(reports: Path, browser: Browser) -> None:
    for name in ("manager-report.html", "item-analysis.html"):
        page = open_report(browser, reports / name)
        try:
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()
        finally:
            page.close()


def test_item_analysis_shows_question_text_module_and_type(
    sample: Catalog, reports: Path, browser: Browser
) -> None:
    page = open_report(browser, reports / "item-analysis.html")
    try:
        bank = next(b for b in sample.banks if any(len(q.prompt) > 90 for q in b.module.questions))
        table = page.get_by_role(
            "table", name=f"Questions of {bank.module.title}: their statistics over first attempts."
        )
        headers = table.get_by_role("columnheader").all_inner_texts()
        assert headers[:3] == ["Question", "Module", "Type"]
        long = next(q for q in bank.module.questions if len(q.prompt) > 90)
        row = table.get_by_role("row").filter(has_text=long.id)
        summary = row.locator("summary")
        short = summary.inner_text()
        assert short.endswith("…") and len(short) <= 90
        assert row.get_by_role("cell").first.inner_text() == bank.module.title
        summary.focus()
        page.keyboard.press("Enter")  # the full text, on demand, by keyboard
        assert row.locator("details").evaluate("d => d.open")
        assert " ".join(long.prompt.split())[:60] in " ".join(row.inner_text().split())
        true_false = next(
            (
                q
                for b in sample.banks
                if b.module.mode == "practice"
                for q in b.module.questions
                if q.type == "true-false"
            ),
            None,
        )
        assert true_false is not None
        answers = page.get_by_role("table", name=re.compile(f"^Answers to the statement {true_false.id}:"))
        rows = [" ".join(t.split()) for t in answers.locator("tbody tr td:first-child").all_inner_texts()]
        assert len(rows) == 2 and rows[0].endswith("” is true") and rows[1].endswith("” is false"), rows
        assert "true True" not in page.locator("body").inner_text()
    finally:
        page.close()

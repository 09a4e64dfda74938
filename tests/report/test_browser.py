"""The HTML report and the "My plan" page in Debian's chromium.

The report is built from the hostile names of :mod:`tests.report.scenario` and opened
from disk: no script may run. The plan page is rendered by the generator's hook into a
small real MkDocs + Material site (instant navigation on), served on loopback, and
opened from the plan links the scorer writes.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Dialog, Page

from generator.bank.catalog import Catalog
from generator.cli import main
from generator.render.options import PageOptions
from generator.render.pages import environment
from generator.render.plan import render_plan_page
from generator.score.assign import plan_link
from generator.score.run import ScoreOptions, score
from tests.browser.conftest import bundle_widget
from tests.conftest import mkdocs_build, static_server
from tests.report.scenario import IMG, PWNED, write
from tests.score.builders import BANKS, NOW, attempt, export

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


class Watched:
    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned")


def check(browser: Browser, body: Callable[[Watched], None]) -> None:
    """Run ``body`` on a fresh watched page; then no dialog may have opened and no error been raised."""
    w = Watched(browser)
    try:
        body(w)
        assert w.pwned() is None, "a script from the data ran"
        assert w.dialogs == [] and w.errors == [], (w.dialogs, w.errors)
    finally:
        w.context.close()


# --- The manager report --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_dir(cat: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    results, roster = write(root, cat)
    out = root / "reports"
    code = main(
        [
            "score",
            str(results),
            "--banks",
            str(BANKS),
            "--roster",
            str(roster),
            "--out",
            str(out),
            "--now",
            NOW.isoformat(),
            "--min-n",
            "3",
            "--min-evidence",
            "2",
        ]
    )
    assert code == 0
    return out


@pytest.mark.parametrize("name", ["manager-report.html", "item-analysis.html"])
def test_a_report_from_hostile_names_runs_no_script(report_dir: Path, browser: Browser, name: str) -> None:
    def body(w: Watched) -> None:
        w.page.goto((report_dir / name).as_uri())
        w.page.wait_for_load_state("load")
        assert w.pwned() is None  # the payloads set window.__pwned
        assert w.page.locator("script").count() == 0
        assert w.page.locator("img").count() == 0
        assert [u for u in w.requests if not u.startswith("file://")] == [], "the report made a request"

    check(browser, body)


def test_hostile_names_show_as_text_and_bidi_is_neutralised(report_dir: Path, browser: Browser) -> None:
    def body(w: Watched) -> None:
        w.page.goto((report_dir / "manager-report.html").as_uri())
        text = w.page.locator("body").inner_text()
        assert PWNED in text  # the team name, shown literally
        assert IMG.replace('"', "") in text.replace('"', "")
        assert "\u202e" not in text and "Eve \ufffdgpj.exe" in text

    check(browser, body)


def test_heatmap_cells_carry_number_and_symbol_not_colour_alone(report_dir: Path, browser: Browser) -> None:
    def body(w: Watched) -> None:
        w.page.goto((report_dir / "manager-report.html").as_uri())
        heatmaps = w.page.get_by_role("table", name=re.compile("^Reps × competencies"))
        north = heatmaps.filter(has_text="Ana Alvarez").first
        cells = north.get_by_role("row").filter(has_text="Ana Alvarez").locator("td.cell")
        assert [" ".join(t.split()) for t in cells.all_inner_texts()] == ["100% ✓ mastered"] * 3
        gap = w.page.locator("td.cell.gap").first
        assert "✗" in gap.inner_text() and "gap" in (gap.text_content() or "")  # the word: for screen readers

    check(browser, body)


def test_report_prints_on_a4(report_dir: Path, browser: Browser) -> None:
    def body(w: Watched) -> None:
        w.page.goto((report_dir / "manager-report.html").as_uri())
        pdf = w.page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        w.page.emulate_media(media="print")
        assert w.page.locator("nav").is_hidden()

    check(browser, body)


# --- The "My plan" page ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def portal(cat: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small real site: the plan page from the generator's hook, stub training and quiz pages."""
    base = tmp_path_factory.mktemp("portal")
    with static_server(base / "out") as url:
        _build_portal(cat, base, url)
        yield url


def _build_portal(cat: Catalog, base: Path, url: str) -> None:
    docs, out = base / "docs", base / "out"
    pages = render_plan_page(cat, environment([ROOT / "theme"]), PageOptions(home=url))
    for relative, text in pages.items():
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        (docs / relative).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Portal\n\n[My plan](plan.md)\n", encoding="utf-8")
    for bank in cat.banks:
        for page in (bank.module.training, f"quizzes/{bank.module.id}.md"):
            (docs / page).parent.mkdir(parents=True, exist_ok=True)
            (docs / page).write_text(f"# {page}\n", encoding="utf-8")
    shutil.copytree(ROOT / "theme" / "assets", docs / "assets")
    bundle_widget(docs / "assets" / "repready" / "dist")
    config = {
        "site_name": "Portal",
        "site_url": url,
        "docs_dir": "docs",
        "strict": True,
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
        # quiz.js fetches plan.js on the plan page
        "extra_javascript": [{"path": "assets/repready/dist/quiz.js", "type": "module"}],
        "markdown_extensions": ["attr_list", "md_in_html"],
        "validation": {"omitted_files": "info", "absolute_links": "warn", "unrecognized_links": "warn"},
    }
    (base / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = mkdocs_build(base / "mkdocs.yml", out)
    assert built.returncode == 0, built.stderr


def named(cat: Catalog, reason: str) -> str:
    """A reason as the page shows it: competency names, not ids."""
    for competency in sorted(cat.competencies, key=len, reverse=True):
        reason = reason.replace(competency, cat.competencies[competency].title)
    return reason


def plan_items(page: Page) -> list[str]:
    page.locator(".rr-plan-list").wait_for(state="visible")
    return [" ".join(t.split()) for t in page.locator(".rr-plan-list > li").all_inner_texts()]


def test_the_plan_link_from_the_scorer_lists_the_assigned_modules(
    cat: Catalog, portal: str, browser: Browser, tmp_path: Path
) -> None:
    statements = attempt(cat, "r1", "alpha", {"a1": ["b"], "a2": ["a"], "a3": ["c"]}, name=PWNED)
    statements += attempt(
        cat,
        "r1",
        "beta",
        {"b1": ["c"], "b2": True, "b3": [("s1", "t3"), ("s2", "t1")], "b4": ["p3", "p2", "p1"]},
        name=PWNED,
    )
    scoring = score([export(tmp_path / "r1.json", statements)], cat, ScoreOptions(now=NOW, site_url=portal))
    rep = scoring.reps[0]
    link = rep.plan_link
    assert link is not None and link.startswith(portal + "plan/#plan=")

    def body(w: Watched) -> None:
        page = w.page
        page.goto(link)
        items = plan_items(page)
        assert [i.split(" — ")[0] for i in items] == [a.title for a in rep.assignments]
        first = rep.assignments[0]
        assert (
            items[0]
            == f"{first.title} — {named(cat, first.reason)}. Study Basics training, then take {first.title}."
        )
        assert not any(c in item for c in cat.competencies for item in items), "the page shows names"
        hrefs = page.locator(".rr-plan-list a").evaluate_all("links => links.map(a => a.href)")
        assert f"{portal}quizzes/beta/" in hrefs and f"{portal}training/beta/" in hrefs
        assert page.locator(".rr-plan-title").inner_text() == f"Plan for {PWNED}"
        # Following a link works, and the plan page reads its link again.
        page.locator(".rr-plan-steps").first.get_by_role("link", name=first.title, exact=True).click()
        page.wait_for_url(f"{portal}quizzes/**")
        page.goto(link)
        assert len(plan_items(page)) == len(rep.assignments)

    check(browser, body)


def test_unknown_modules_are_skipped_and_bad_links_explained(
    cat: Catalog, portal: str, browser: Browser
) -> None:
    payload = {
        "v": 1,
        "rep": "r1",
        "name": f"{IMG}\u202e",
        "issued": "2026-11-27",
        "modules": [["nope", "x"], ["alpha", "Closes T.NEED"], ["../../etc", "y"], [3, "z"]],
    }

    def body(w: Watched) -> None:
        page = w.page
        page.goto(plan_link(portal, payload))
        assert plan_items(page) == [
            f"Alpha quiz — Closes {cat.competencies['T.NEED'].title}. "
            "Study Basics training, then take Alpha quiz."
        ]
        skipped = page.locator(".rr-plan-skipped").inner_text()
        assert skipped == "1 module in the link is not on this portal and was skipped."
        assert "\u202e" not in page.locator(".rr-plan-title").inner_text()
        page.evaluate("() => { window.location.hash = '#plan=%%%broken'; }")
        page.locator(".rr-plan-status").filter(has_text="damaged").wait_for()
        assert page.locator(".rr-plan-list").is_hidden()
        page.goto(portal + "plan/")
        assert "Open this page from the plan link" in page.locator(".rr-plan-status").inner_text()

    check(browser, body)


def test_plan_script_is_fetched_by_the_plan_page_only(portal: str, browser: Browser) -> None:
    def body(w: Watched) -> None:
        w.page.goto(portal)
        w.page.wait_for_load_state("load")
        assert not [u for u in w.requests if u.endswith("/plan.js")], "other pages do not load it"
        w.page.goto(f"{portal}plan/")
        w.page.wait_for_load_state("networkidle")
        assert [u for u in w.requests if u.endswith("/assets/repready/plan.js")] == [
            f"{portal}assets/repready/plan.js"
        ]

    check(browser, body)

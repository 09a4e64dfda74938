"""The LRS sender (lrs.js) in a real browser, with the site on one port and a real Ralph on another.

Ralph lets the site's first server (its origin is in RALPH_RUNSERVER_CORS_ALLOW_ORIGINS) send,
and refuses the second server's origin. The rep arrives through a personal start link, as
``repready links`` writes it, carrying Ralph's address and the rep's own credential.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import requests
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from generator.bank.catalog import load_catalog
from generator.xapi.statements import Attempt, Learner, build
from tests.browser.conftest import FIXTURE, ROOT, Site, Watch, _port, mkdocs_config, open_page
from tests.browser.helpers import export, fill_learner, open_quiz, submit
from tests.browser.test_practice import answer_all_right
from tests.conftest import mkdocs_build, static_server
from tests.lrs.ralph import Ralph, Store, free_port, make_stores, running_ralph

pytestmark = [pytest.mark.browser, pytest.mark.lrs]


@dataclass(frozen=True)
class LrsSite:
    site: Site
    ralph: Ralph
    late_port: int  # nothing listens here until a test starts a Ralph on it


@pytest.fixture(scope="module")
def lrs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LrsSite]:
    base = tmp_path_factory.mktemp("lrs-site")
    src, out = base / "src", base / "out"
    shutil.copytree(FIXTURE, src)
    shutil.copytree(ROOT / "theme", src / "theme")
    ralph_port = free_port()
    with static_server(out) as url, static_server(out) as other_url:
        config = mkdocs_config(url)
        config["plugins"] = [
            "search",
            {"repready": {"banks": "assessments", "lrs": f"http://127.0.0.1:{ralph_port}/xAPI/"}},
        ]
        (src / "mkdocs.yml").write_text(yaml.safe_dump(config))
        built = mkdocs_build(src / "mkdocs.yml", out)
        if built.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}")
        site = Site(src, out, _port(url), _port(other_url))
        with running_ralph(base / "ralph", cors=[url.rstrip("/")], port=ralph_port) as ralph:
            yield LrsSite(site, ralph, free_port())


def start_link(site: Site, store: Store, *, endpoint: str, instant: bool = True) -> str:
    """The link ``repready links`` writes for this rep."""
    fields = {"name": "Ann Rep", "id": "rep-042", "endpoint": endpoint, "auth": store.rep}
    fragment = urlencode(fields, quote_via=quote, safe="")
    return site.quiz("fx-basics", instant=instant) + "#repready?" + fragment


def stored(store: Store) -> list[dict[str, Any]]:
    answer = requests.get(store.url, headers={"Authorization": store.manager}, timeout=30)
    assert answer.status_code == 200
    return list(answer.json()["statements"])


def state(page: Page) -> Any:
    return page.get_by_role("status", name="Sending to your manager")


def sent_and_exported(page: Page, store: Store) -> None:
    """The LRS holds exactly the statements Export writes."""
    _, data = export(page)
    exported = sorted(s["id"] for s in data["statements"])
    assert exported and sorted(s["id"] for s in stored(store)) == exported


def open_link(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
    assert "auth=" not in page.url and "endpoint=" not in page.url  # the credential left the address bar


def answer_and_submit(page: Page) -> None:
    if page.get_by_label("Your name").is_visible():  # a start link has named the rep already
        fill_learner(page)
    else:
        expect(page.get_by_text("Answering as Ann Rep (rep-042)")).to_be_visible()
    answer_all_right(page)
    submit(page)


def take_quiz(page: Page, link: str) -> None:
    open_link(page, link)
    answer_and_submit(page)


@pytest.fixture
def lrs_page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    page, watch = open_page(browser, accept_downloads=True)
    yield page, watch
    page.context.close()
    # A refused or unreachable LRS is logged by the browser itself; anything else is a fault.
    watch.errors = [e for e in watch.errors if not re.search(r"CORS|Failed to load resource|ERR_", e)]
    watch.check()


def test_an_allowed_origin_stores_the_statements(lrs_site: LrsSite, lrs_page: tuple[Page, Watch]) -> None:
    page, _ = lrs_page
    store = lrs_site.ralph.store()
    take_quiz(page, start_link(lrs_site.site, store, endpoint=store.url.removesuffix("statements")))
    expect(state(page)).to_have_text("Sent: your results are stored in your manager's learning record store.")
    sent_and_exported(page, store)
    # The start link's credential is kept for this rep in this browser, never in the page.
    page.reload()
    expect(state(page)).to_contain_text("Sent:")
    assert store.rep_password not in page.content()


def test_a_refused_origin_waits_keeps_the_answers_and_export_works(
    lrs_site: LrsSite, lrs_page: tuple[Page, Watch]
) -> None:
    page, _ = lrs_page
    store = lrs_site.ralph.store()
    take_quiz(page, start_link(lrs_site.site, store, endpoint=store.url, instant=False))
    expect(state(page)).to_have_text(re.compile(r"^Waiting to send \(1\): the LRS cannot be reached"))
    results = Axe().run(page, context="form.rr-quiz", options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    _, data = export(page)
    assert len(data["statements"]) == 7 and stored(store) == []
    page.reload()
    expect(page.locator(".rr-history")).to_contain_text("Attempt 1: 100%")
    expect(state(page)).to_contain_text("Waiting to send (1)")


def test_a_down_lrs_queues_and_the_queue_drains_when_it_comes_back(
    lrs_site: LrsSite, lrs_page: tuple[Page, Watch], tmp_path: Path
) -> None:
    page, _ = lrs_page
    late = f"http://127.0.0.1:{lrs_site.late_port}/"
    origin = lrs_site.site.site_url.rstrip("/")
    store = make_stores(tmp_path / "late" / "data", late, 1)[0]
    take_quiz(page, start_link(lrs_site.site, store, endpoint=late + "xAPI/"))
    expect(state(page)).to_have_text(re.compile(r"^Waiting to send \(1\): the LRS cannot be reached"))
    _, data = export(page)
    assert len(data["statements"]) == 7
    with running_ralph(tmp_path / "late", cors=[origin], port=lrs_site.late_port):
        page.reload()  # the next page load sends what waits
        expect(state(page)).to_have_text(
            "Sent: your results are stored in your manager's learning record store."
        )
        sent_and_exported(page, store)


def test_going_offline_queues_and_coming_back_online_drains(
    lrs_site: LrsSite, lrs_page: tuple[Page, Watch]
) -> None:
    page, _ = lrs_page
    store = lrs_site.ralph.store()
    open_link(page, start_link(lrs_site.site, store, endpoint=store.url))
    page.context.set_offline(True)
    answer_and_submit(page)
    expect(state(page)).to_have_text(re.compile(r"^Waiting to send \(1\): you are offline"))
    _, data = export(page)
    assert len(data["statements"]) == 7 and stored(store) == []
    page.context.set_offline(False)  # the browser fires "online"
    expect(state(page)).to_have_text("Sent: your results are stored in your manager's learning record store.")
    sent_and_exported(page, store)


def test_without_a_start_link_the_attempt_waits_for_one(
    lrs_site: LrsSite, lrs_page: tuple[Page, Watch]
) -> None:
    page, _ = lrs_page
    store = lrs_site.ralph.store()
    open_quiz(page, lrs_site.site, "fx-basics")
    answer_and_submit(page)
    expect(state(page)).to_have_text(
        re.compile(r"^Waiting to send \(1\): this browser has no sending link for you yet")
    )
    page.goto(start_link(lrs_site.site, store, endpoint=store.url))
    expect(state(page)).to_have_text("Sent: your results are stored in your manager's learning record store.")
    assert len(stored(store)) == 7


def test_a_conflict_is_shown_not_hidden_and_export_still_works(
    lrs_site: LrsSite, lrs_page: tuple[Page, Watch]
) -> None:
    page, _ = lrs_page
    store = lrs_site.ralph.store()
    open_link(page, start_link(lrs_site.site, store, endpoint=store.url))
    answer_all_right(page)
    # Drafts are kept per rep (the link named rep-042) and written once a burst of changes ends.
    key = "repready:v1:draft:rep-042:fx-basics"
    page.wait_for_function("key => localStorage.getItem(key) !== null", arg=key)
    draft = page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)
    # Someone stored other content under the ids this attempt will use (same registration).
    bank = load_catalog(lrs_site.site.src / "assessments").modules["fx-basics"]
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    other = build(
        Attempt(bank, Learner("Ann Rep", "rep-042", lrs_site.site.site_url), draft["reg"], moment, moment, {})
    )
    posted = requests.post(
        store.url,
        json=other[:1],
        headers={"Authorization": store.rep, "X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert posted.status_code == 200, posted.text
    submit(page)
    expect(state(page)).to_have_text(
        re.compile(
            r"^Failed to send \(1\): the LRS already holds different results under the same id \(HTTP 409"
        )
    )
    expect(state(page)).to_contain_text("use Export results and send the file to your manager")
    _, data = export(page)
    assert len(data["statements"]) == 7
    assert [s["id"] for s in stored(store)] == [other[0]["id"]]
    page.reload()  # still shown after a reload, and not sent again
    expect(state(page)).to_contain_text("Failed to send (1)")

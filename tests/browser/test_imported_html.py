"""Imported HTML is untrusted: in a real build, in a real browser, nothing from it runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Dialog, Page, expect

from tests.browser.conftest import ROOT, Watch, mkdocs_config
from tests.browser.helpers import fill_learner, question, submit
from tests.conftest import mkdocs_build, static_server
from tests.interop.test_gift_import import run_import, write_site


@pytest.mark.browser
def test_imported_html_runs_nothing_in_the_built_site(
    demo_site: Path, tmp_path: Path, watch_page: tuple[Page, Watch]
) -> None:
    gift = write_site(tmp_path, demo_site)
    assert run_import(demo_site, gift, "--competency", "QUAL.NEED", "--training", "training/demo.md") == 0
    shutil.copytree(ROOT / "theme", demo_site / "theme")
    out = demo_site / "out"
    with static_server(out) as url:
        (demo_site / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_config(url)))
        result = mkdocs_build(demo_site / "mkdocs.yml", out)
        assert result.returncode == 0, result.stderr
        html = (out / "quizzes" / "moodle-basics" / "index.html").read_text(encoding="utf-8")
        for dangerous in (
            "onclick",
            "onerror",
            "pwned",
            "javascript:",
            "<iframe",
            "evil.example",
            "display:none",
        ):
            assert dangerous not in html
        page, _ = watch_page  # the fixture fails the test on a script error or a request off this machine
        dialogs: list[str] = []

        def refuse(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", refuse)
        page.goto(url + "quizzes/moodle-basics/")
        expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)
        fill_learner(page)
        first = question(page, 1, 2)
        expect(first.get_by_text("Pick the right one")).to_be_visible()
        first.get_by_role("radio", name="Right").check()
        question(page, 2, 2).get_by_role("radio", name="False").check()
        submit(page)
        expect(first.get_by_text("Because it is.")).to_be_visible()
        expect(first.get_by_role("link")).to_have_count(0)  # the javascript: address was dropped
        expect(first.get_by_text("General feedback")).to_be_visible()
        assert page.evaluate("window.pwned") is None
        assert dialogs == []

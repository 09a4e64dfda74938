"""What a rep does on a quiz page, and how the exported statements are checked."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect
from ralph.models.xapi.base.statements import BaseXapiStatement

from generator.bank.catalog import load_catalog
from generator.cli import main
from generator.xapi import responses
from generator.xapi import vocabulary as v
from generator.xapi.statements import Attempt, Learner, build
from tests.browser.conftest import Site

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def open_quiz(page: Page, site: Site, module_id: str, *, instant: bool = True) -> None:
    page.goto(site.quiz(module_id, instant=instant))
    expect(page.locator("form.rr-quiz.rr-ready")).to_have_count(1)


def question(page: Page, number: int, total: int) -> Locator:
    """A question's fieldset, found by its legend as a screen reader names the group."""
    return page.get_by_role("group", name=re.compile(rf"^Question {number} of {total}\b"))


def fill_learner(page: Page, name: str = "Ann Rep", rep_id: str = "rep-042") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your rep id").fill(rep_id)


def submit(page: Page) -> Locator:
    page.get_by_role("button", name="Submit").click()
    result = page.locator(".rr-result")
    expect(result).not_to_be_empty()
    return result


def export(page: Page) -> tuple[str, dict[str, Any]]:
    """Click Export results; the suggested file name and the parsed download."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Export results").click()
    download = info.value
    return download.suggested_filename, json.loads(Path(download.path()).read_text(encoding="utf-8"))


def focused(page: Page, locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, target: Locator, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab when the target comes earlier) until ``target`` has focus."""
    for _ in range(limit):
        if focused(page, target):
            return
        before = target.evaluate(
            "e => !!(document.activeElement && document.activeElement !== document.body"
            " && (e.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING))"
        )
        page.keyboard.press("Shift+Tab" if before else "Tab")
    raise AssertionError(f"Tab never reached {target}")


def validate_with_ralph(statements: list[dict[str, Any]]) -> None:
    for statement in statements:
        BaseXapiStatement.model_validate(statement)


def by_registration(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for statement in statements:
        groups.setdefault(statement["context"]["registration"], []).append(statement)
    return groups


def reference(site: Site, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """generator.xapi.statements.build() for the attempts the browser exported.

    The attempt (who, when, which answers, what was shown) is read back from the export;
    everything else (ids, definitions, grading, scores, context) is the reference's own.
    """
    catalog = load_catalog(site.src / "assessments", site.src / "docs")
    expected: list[dict[str, Any]] = []
    for registration, group in by_registration(statements).items():
        first = group[0]
        assert first["verb"]["id"] == v.ATTEMPTED
        parsed = v.parse_activity(first["object"]["id"])
        assert parsed is not None and parsed[0] == "module"
        bank = catalog.modules[parsed[1]]
        module = bank.module
        by_id = {q.id: q for q in module.questions}
        answers = {}
        for statement in group:
            if statement["verb"]["id"] == ANSWERED:
                found = v.parse_activity(statement["object"]["id"])
                assert found is not None
                answers[found[1]] = responses.parse(by_id[found[1]], statement["result"]["response"], module)
        completed = next(s for s in group if s["verb"]["id"] == v.COMPLETED)
        context = first["context"]
        presented = context["extensions"].get(v.EXT_PRESENTED)
        attempt = Attempt(
            bank=bank,
            learner=_learner(first["actor"]),
            registration=registration,
            started=datetime.fromisoformat(first["timestamp"]),
            finished=datetime.fromisoformat(completed["timestamp"]),
            responses=answers,
            instructor=_learner(context["instructor"]) if "instructor" in context else None,
            presented=presented["questions"] if presented and module.draw else None,
            option_order=presented["options"] if presented else {},
            notes=completed["result"].get("response"),
        )
        expected.extend(build(attempt))
    return expected


def _learner(agent: dict[str, Any]) -> Learner:
    return Learner(agent["name"], agent["account"]["name"], agent["account"]["homePage"])


def comparable(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements after a JSON round trip, as a file would hold them."""
    out: list[dict[str, Any]] = json.loads(json.dumps(statements))
    return out


def assert_matches_reference(site: Site, statements: list[dict[str, Any]]) -> None:
    validate_with_ralph(statements)
    got, want = comparable(statements), comparable(reference(site, statements))
    assert len(got) == len(want)
    for exported, expected in zip(got, want, strict=True):
        assert exported == expected


def rescore(site: Site, tmp_path: Path, files: list[tuple[str, dict[str, Any]]], *options: str) -> Path:
    """``repready score`` (in-process) on exported files, as a manager runs it; returns the reports folder."""
    results = tmp_path / "results"
    results.mkdir()
    for name, exported in files:
        (results / name).write_text(json.dumps(exported), encoding="utf-8")
    out = tmp_path / "reports"
    command = ["score", str(results), "--banks", str(site.src / "assessments"), "--out", str(out)]
    assert main([*command, "--min-evidence", "1", *options]) == 0, "repready score failed"
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))

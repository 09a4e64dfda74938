"""A real ``mkdocs build --strict`` with the Material theme in a temp dir, and the plain-pages CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT, mkdocs_build



def build(site: Path) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(site / "mkdocs.yml", site / "out")


def test_build_adds_quiz_pages_as_generated_files(demo_site: Path) -> None:
    result = build(demo_site)
    assert result.returncode == 0, result.stderr
    out = demo_site / "out"
    page = (out / "quizzes" / "demo" / "index.html").read_text(encoding="utf-8")
    assert 'class="rr-quiz"' in page and 'data-rr-module="demo"' in page
    assert (out / "quizzes" / "index.html").is_file()
    assert not (demo_site / "docs" / "quizzes").exists(), "nothing generated lands in docs/"
    # The quiz links back to its training page, and the training page's link to the quiz resolves.
    assert 'href="../../training/demo/"' in page
    training = (out / "training" / "demo" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../quizzes/demo/"' in training


def test_search_index_holds_no_answers_feedback_or_explanations(demo_site: Path) -> None:
    assert build(demo_site).returncode == 0
    index = (demo_site / "out" / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = json.loads(index)["docs"]
    assert any(d["location"].startswith("quizzes/demo/") for d in docs), "the quiz page is indexed"
    for secret in ("Interest is not need", "A dated consequence is evidence", "Right.", "pattern"):
        assert secret not in index


def test_bank_error_fails_the_build_with_validator_messages_and_keeps_old_site(demo_site: Path) -> None:
    assert build(demo_site).returncode == 0
    before = sorted(p.relative_to(demo_site / "out") for p in (demo_site / "out").rglob("*"))
    bank = demo_site / "assessments" / "demo" / "demo.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("correct: true\n", "corect: true\n", 1))
    result = build(demo_site)
    assert result.returncode == 1
    assert (
        "ERROR   -  repready: assessments/demo/demo.yml:21:9: error: unknown key 'corect' "
        "(did you mean 'correct'?) in questions[0].options[1]; expected one of: correct, feedback, id, text"
    ) in result.stderr
    # One pass: the typo leaves the question without a correct option, and that is reported too.
    assert (
        "ERROR   -  repready: assessments/demo/demo.yml:16:7: error: a single-choice question needs "
        "exactly one correct option, found 0"
    ) in result.stderr
    assert "question banks are invalid: 2 errors in 1 file" in result.stderr
    after = sorted(p.relative_to(demo_site / "out") for p in (demo_site / "out").rglob("*"))
    assert after == before, "a failed build leaves the previous site untouched"


def test_generated_page_may_not_shadow_a_docs_page(demo_site: Path) -> None:
    (demo_site / "docs" / "quizzes").mkdir()
    (demo_site / "docs" / "quizzes" / "demo.md").write_text("# Mine\n")
    result = build(demo_site)
    assert result.returncode == 1
    assert "docs/quizzes/demo.md would be replaced by a generated quiz page" in result.stderr


def test_theme_overrides_quiz_template(demo_site: Path) -> None:
    override = demo_site / "theme" / "repready"
    override.mkdir(parents=True)
    (override / "quiz.html").write_text("---\ntitle: Custom\n---\n\n# Custom {{ module.id }}\n")
    config = demo_site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: theme\n"))
    assert build(demo_site).returncode == 0
    page = (demo_site / "out" / "quizzes" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "Custom demo" in page


def test_plugin_can_be_disabled(demo_site: Path) -> None:
    config = demo_site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - repready\n", "  - repready:\n      enabled: false\n"))
    result = build(demo_site)
    # Without quiz pages the training page's link to the quiz dangles, which strict mode reports.
    assert result.returncode == 1
    assert "'../quizzes/demo.md'" in result.stderr


def test_build_pages_writes_the_same_pages_as_plain_markdown(
    demo_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_site)
    out = demo_site / "plain"
    code = main(
        [
            "build-pages",
            "--out",
            str(out),
            "--theme",
            str(ROOT / "theme"),
            "--site-url",
            "http://127.0.0.1:8000/",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.startswith("wrote ")
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "quizzes/demo.md" in names and "quizzes/index.md" in names
    assert "assets/repready/quiz.js" in names and "assets/repready/quiz.css" in names
    # Same content the plugin adds: compare with the page a real build rendered from it.
    assert build(demo_site).returncode == 0
    html = (demo_site / "out" / "quizzes" / "demo" / "index.html").read_text(encoding="utf-8")
    markdown = (out / "quizzes" / "demo.md").read_text(encoding="utf-8")
    hash_attr = markdown.split('data-rr-hash="', 1)[1].split('"', 1)[0]
    assert f'data-rr-hash="{hash_attr}"' in html


def test_build_pages_refuses_a_folder_it_did_not_write(
    demo_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_site)
    (demo_site / "mine").mkdir()
    (demo_site / "mine" / "keep.txt").write_text("precious")
    assert main(["build-pages", "--out", "mine"]) == 2
    assert "exists and was not written by 'repready build-pages'" in capsys.readouterr().err
    assert (demo_site / "mine" / "keep.txt").read_text() == "precious"


def test_build_pages_with_invalid_banks_writes_nothing(
    demo_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_site)
    bank = demo_site / "assessments" / "demo" / "demo.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("prompt: What shows a **real** need?", "prompt:", 1)
    )
    assert main(["build-pages", "--out", "plain"]) == 1
    err = capsys.readouterr().err
    assert "assessments/demo/demo.yml:11:" in err and err.rstrip().endswith("1 error in 1 file")
    assert not (demo_site / "plain").exists()
    assert not [p for p in demo_site.iterdir() if p.name.startswith(".plain")]

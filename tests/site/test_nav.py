"""New banks need no config edits: the quiz navigation is derived from the banks, for MkDocs and
Zensical alike; an explicit nav is kept, and a quiz page it leaves out is named with the fix."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.site.nav import QuizEntry, expand_nav, missing_from_nav, quiz_nav
from tests.conftest import mkdocs_build

ENTRIES = [
    QuizEntry("quizzes/a.md", "A quiz", "Qualification", "a", "assessments/q/a.yml"),
    QuizEntry("quizzes/b.md", "B quiz", "Qualification", "b", "assessments/q/b.yml"),
    QuizEntry("quizzes/c.md", "C quiz", "Product", "c", "assessments/p/c.yml"),
    QuizEntry("quizzes/r.md", "Review", "Manager review", "r", "assessments/r/r.yml"),
]


def test_quiz_nav_groups_by_topic_and_lists_a_lone_quiz_under_its_topic() -> None:
    assert quiz_nav(ENTRIES) == [
        {"Qualification": [{"A quiz": "quizzes/a.md"}, {"B quiz": "quizzes/b.md"}]},
        {"Product": "quizzes/c.md"},
        {"Manager review": "quizzes/r.md"},
    ]


def test_the_quiz_index_section_is_filled_in_and_pages_listed_elsewhere_stay_there() -> None:
    nav = [
        {"Home": "index.md"},
        {"Quizzes": ["quizzes/index.md"]},
        {"Managers": ["managers/index.md", "quizzes/r.md"]},
    ]
    assert expand_nav(nav, ENTRIES, "quizzes") == [
        {"Home": "index.md"},
        {
            "Quizzes": [
                "quizzes/index.md",
                {"Qualification": [{"A quiz": "quizzes/a.md"}, {"B quiz": "quizzes/b.md"}]},
                {"Product": "quizzes/c.md"},
            ]
        },
        {"Managers": ["managers/index.md", "quizzes/r.md"]},
    ]
    assert missing_from_nav(nav, ENTRIES, "quizzes") == []


def test_an_explicit_nav_is_kept_and_what_it_leaves_out_is_named() -> None:
    nav = [{"Quizzes": ["quizzes/index.md", "quizzes/a.md", {"C": "quizzes/c.md"}]}]
    assert expand_nav(nav, ENTRIES, "quizzes") == nav
    assert [e.module for e in missing_from_nav(nav, ENTRIES, "quizzes")] == ["b", "r"]
    assert missing_from_nav(None, ENTRIES, "quizzes") == [], "without a nav the engine lists every page"


def add_bank(site: Path, module_id: str, title: str) -> None:
    source = (site / "assessments" / "demo" / "demo.yml").read_text(encoding="utf-8")
    copy = re.sub(r"\bdemo-(\d)", rf"{module_id}-\1", source)
    copy = copy.replace("id: demo\n", f"id: {module_id}\n").replace('"Demo: need & budget"', f'"{title}"')
    (site / "assessments" / "demo" / f"{module_id}.yml").write_text(copy, encoding="utf-8")


def with_nav(site: Path, quizzes: list[object]) -> None:
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Home": "index.md"}, "training/demo.md", {"Quizzes": quizzes}]
    config["validation"] = {"omitted_files": "warn"}  # as the project's: a page left out fails --strict
    config["not_in_nav"] = "/plan.md\n"  # as the project's: reached from plan links only
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def nav_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*quizzes/[^"]*)" class="md-nav__link', html)


def test_a_new_bank_appears_in_the_built_nav_with_no_config_change(demo_site: Path) -> None:
    with_nav(demo_site, ["quizzes/index.md"])
    before = (demo_site / "mkdocs.yml").read_bytes()
    add_bank(demo_site, "second", "Second quiz")
    result = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert result.returncode == 0, result.stderr
    assert (demo_site / "mkdocs.yml").read_bytes() == before
    home = (demo_site / "out" / "index.html").read_text(encoding="utf-8")
    assert "quizzes/second/" in nav_links(home) and "quizzes/demo/" in nav_links(home)
    assert "Second quiz" in home
    index = (demo_site / "out" / "quizzes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../second/"' in index or 'href="second/"' in index


def test_an_explicit_nav_missing_a_quiz_is_reported_by_validate_and_the_build(
    demo_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_nav(demo_site, ["quizzes/index.md", "quizzes/demo.md"])
    add_bank(demo_site, "second", "Second quiz")
    args = ["--banks", str(demo_site / "assessments"), "--docs", str(demo_site / "docs")]
    assert main(["validate", *args, "--config", str(demo_site / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    nav_line = (demo_site / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("nav:") + 1
    assert (
        f"mkdocs.yml:{nav_line}:1: error: quiz page 'quizzes/second.md' (module 'second', "
        "assessments/demo/second.yml) is not in the nav"
    ) in err.replace(str(demo_site) + "/", "")
    assert "add '- quizzes/second.md' to the nav's quiz section, or list only 'quizzes/index.md'" in err
    result = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert result.returncode == 1
    assert "repready: quiz page 'quizzes/second.md' (module 'second'" in result.stderr


def test_build_pages_into_an_existing_docs_tree_touches_only_its_own_files(
    demo_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = demo_site / "docs"
    mine = sorted(p.relative_to(docs) for p in docs.rglob("*"))
    stamp = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    args = ["build-pages", "--banks", str(demo_site / "assessments"), "--docs", str(docs), "--theme", "theme"]
    assert main([*args, "--into", str(docs)]) == 0
    manifest = json.loads((docs / ".repready-pages.json").read_text(encoding="utf-8"))
    assert "quizzes/demo.md" in manifest and "assets/repready/quiz.js" in manifest
    assert all((docs / p).is_file() for p in manifest)
    assert {p: p.stat().st_mtime_ns for p in stamp} == stamp, "the docs' own files are untouched"
    # A second run replaces its own files and removes the ones no bank produces any more.
    shutil.copy(demo_site / "assessments" / "demo" / "demo.yml", demo_site / "assessments" / "demo" / "old.yml")
    (demo_site / "assessments" / "demo" / "demo.yml").unlink()
    text = (demo_site / "assessments" / "demo" / "old.yml").read_text(encoding="utf-8")
    (demo_site / "assessments" / "demo" / "old.yml").write_text(text.replace("id: demo\n", "id: old\n"))
    assert main([*args, "--into", str(docs)]) == 0
    assert (docs / "quizzes" / "old.md").is_file() and not (docs / "quizzes" / "demo.md").exists()
    # A page a person wrote is never overwritten: nothing is written at all.
    written = set(json.loads((docs / ".repready-pages.json").read_text(encoding="utf-8")))
    (docs / ".repready-pages.json").unlink()
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert main([*args, "--into", str(docs)]) == 2
    assert "exist and were not written by 'repready build-pages'" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
    theirs = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - written
    assert theirs == {p.as_posix() for p in mine if (docs / p).is_file()}


def test_zensical_builds_the_whole_portal_with_the_generated_nav(demo_site: Path) -> None:
    with_nav(demo_site, ["quizzes/index.md"])
    add_bank(demo_site, "second", "Second quiz")
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", demo_site / "theme")
    config = yaml.safe_load((demo_site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "theme"
    config["extra_javascript"] = [{"path": "assets/repready/quiz.js", "type": "module"}]
    config["extra_css"] = ["assets/repready/quiz.css"]
    (demo_site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    docs_before = sorted(p.relative_to(demo_site) for p in demo_site.rglob("*"))
    out = demo_site.parent / "zensical-out"
    assert main(["zensical", "--config", str(demo_site / "mkdocs.yml"), "--out", str(out)]) == 0
    assert sorted(p.relative_to(demo_site) for p in demo_site.rglob("*")) == docs_before, "sources untouched"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "quizzes/second/" in home and "Second quiz" in home, "the generated nav lists the new bank"
    quiz = (out / "quizzes" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'class="rr-quiz"' in quiz and 'data-rr-module="second"' in quiz
    assert (out / "assets" / "repready" / "quiz.js").is_file()
    index = (out / "search.json").read_text(encoding="utf-8")
    assert "quizzes/second/" in index, "the quiz page is indexed"
    for secret in ("Interest is not need", "A dated consequence is evidence", "Right."):
        assert secret not in index, "the practice key stays out of Zensical's search index"
    assert not list(out.parent.glob(".repready-zensical-*")), "the staging tree is removed"

"""The page cache and the form splice of the core generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.problems import InvalidInput
from generator.render.options import PageOptions
from generator.site.generate import generate, split_form

OPTIONS = PageOptions(home="http://127.0.0.1:8000/")


def test_cache_hit_returns_the_same_pages_without_validating(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    first = generate(banks, docs, [], OPTIONS, cache)
    second = generate(banks, docs, [], OPTIONS, cache)
    assert not first.cached and second.cached
    assert second.pages == first.pages
    assert second.training == ["training/demo.md"]
    assert len(list(cache.glob("pages-*.json"))) == 1


def test_changed_bank_misses_the_cache_and_is_validated(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    generate(banks, docs, [], OPTIONS, cache)
    bank = banks / "demo" / "demo.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("difficulty: easy", "difficulty: trivial"))
    with pytest.raises(InvalidInput) as caught:
        generate(banks, docs, [], OPTIONS, cache)
    assert "expected 'easy', 'medium' or 'hard', found 'trivial'" in str(caught.value.problems[0])


def test_cache_hit_still_checks_training_pages(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    generate(banks, docs, [], OPTIONS, cache)
    (docs / "training" / "demo.md").unlink()
    with pytest.raises(InvalidInput) as caught:
        generate(banks, docs, [], OPTIONS, cache)
    assert "training page 'training/demo.md' does not exist" in str(caught.value.problems[0])


def test_options_and_templates_are_part_of_the_key(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    generate(banks, docs, [], OPTIONS, cache)
    other = generate(banks, docs, [], PageOptions(home="https://portal.example.com/"), cache)
    assert not other.cached and 'data-rr-home="https://portal.example.com/"' in other.pages["quizzes/demo.md"]
    theme = tmp_path / "theme"
    (theme / "repready").mkdir(parents=True)
    (theme / "repready" / "quiz.html").write_text("# {{ module.id }} custom\n")
    custom = generate(banks, docs, [theme], OPTIONS, cache)
    assert not custom.cached and custom.pages["quizzes/demo.md"] == "# demo custom\n"


def test_corrupt_cache_entry_is_ignored(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    generate(banks, docs, [], OPTIONS, cache)
    entry = next(cache.glob("pages-*.json"))
    entry.write_text('{"pages": [1, 2')
    again = generate(banks, docs, [], OPTIONS, cache)
    assert not again.cached and "quizzes/demo.md" in again.pages


def test_split_form_cuts_exactly_the_form() -> None:
    page = '# T\n\ntext\n\n<form class="rr-quiz" data-x="1">\n<p>q</p>\n</form>\n\nafter\n'
    rest, placeholder, form = split_form(page)
    assert form == '<form class="rr-quiz" data-x="1">\n<p>q</p>\n</form>'
    assert rest == f"# T\n\ntext\n\n{placeholder}\n\nafter\n"
    assert placeholder.startswith("<!-- repready:form ") and placeholder.endswith(" -->")
    assert split_form("# no form\n") == ("# no form\n", "", "")

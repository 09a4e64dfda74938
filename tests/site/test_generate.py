"""The page cache and the form splice of the core generator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.problems import InvalidInput
from generator.render.options import PageOptions
from generator.site.generate import Generated, generate, split_form

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


def two_banks(demo_site: Path) -> tuple[Path, Path, Path]:
    """The demo site with a second bank, a copy of the first under other ids."""
    banks, docs = demo_site / "assessments", demo_site / "docs"
    text = (banks / "demo" / "demo.yml").read_text(encoding="utf-8")
    second = banks / "second.yml"
    second.write_text(
        text.replace("id: demo\n", "id: second\n").replace("demo-", "second-"), encoding="utf-8"
    )
    return banks, docs, second


def test_one_edited_bank_renders_only_its_own_page(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs, second = two_banks(demo_site)
    generate(banks, docs, [], OPTIONS, cache)
    assert len(list(cache.glob("bank-*.json"))) == 2
    # Mark the demo bank's cached page: if the next build renders it again, the mark is gone.
    demo_entry = next(p for p in cache.glob("bank-*.json") if '"quizzes/demo.md"' in p.read_text())
    entry = json.loads(demo_entry.read_text(encoding="utf-8"))
    entry["page"] += "<!-- from the cache -->\n"
    demo_entry.write_text(json.dumps(entry), encoding="utf-8")
    second.write_text(
        second.read_text(encoding="utf-8").replace("What shows", "Which shows"), encoding="utf-8"
    )
    edited = generate(banks, docs, [], OPTIONS, cache)
    assert not edited.cached
    assert edited.pages["quizzes/demo.md"].endswith("<!-- from the cache -->\n")
    assert "Which shows" in edited.pages["quizzes/second.md"]
    assert len(list(cache.glob("bank-*.json"))) == 2  # the entry of the old second bank is gone
    assert len(list(cache.glob("pages-*.json"))) == 1


def test_pages_from_the_per_bank_cache_are_the_pages_rendered_afresh(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs, second = two_banks(demo_site)
    generate(banks, docs, [], OPTIONS, cache)
    second.write_text(
        second.read_text(encoding="utf-8").replace("What shows", "Which shows"), encoding="utf-8"
    )
    partly_cached = generate(banks, docs, [], OPTIONS, cache)
    fresh = generate(banks, docs, [], OPTIONS)
    assert partly_cached.pages == fresh.pages
    assert generate(banks, docs, [], OPTIONS, cache) == Generated(
        fresh.pages, fresh.training, fresh.quizzes, cached=True
    )


def test_an_edit_that_breaks_another_bank_is_still_found(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs, second = two_banks(demo_site)
    generate(banks, docs, [], OPTIONS, cache)
    second.write_text(second.read_text(encoding="utf-8").replace("second-1", "demo-1"), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        generate(banks, docs, [], OPTIONS, cache)
    assert any("duplicate question id 'demo-1'" in str(p) for p in caught.value.problems)


def test_a_template_in_a_sub_folder_is_part_of_the_key(demo_site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    banks, docs = demo_site / "assessments", demo_site / "docs"
    theme = tmp_path / "theme"
    (theme / "repready" / "items").mkdir(parents=True)
    generate(banks, docs, [theme], OPTIONS, cache)
    (theme / "repready" / "items" / "single.html").write_text("<p>custom single {{ qid }}</p>\n")
    custom = generate(banks, docs, [theme], OPTIONS, cache)
    assert not custom.cached and "<p>custom single " in custom.pages["quizzes/demo.md"]

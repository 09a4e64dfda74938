"""The bundled sample content: valid, complete enough to teach, and a site that fetches nothing remote."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog, load_catalog
from generator.bank.files import bank_files
from generator.bank.items.likert import Likert
from generator.render.markdown import to_plain
from tests.conftest import ROOT, mkdocs_build

MINIMUM_QUESTIONS = {"qualification": 25, "value-selling": 15, "product": 15, "process": 10}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "assessments", ROOT / "docs")


def test_every_bank_references_the_published_schema() -> None:
    for path in bank_files(ROOT / "assessments"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../bank.schema.json", path


@pytest.mark.parametrize(("topic", "minimum"), sorted(MINIMUM_QUESTIONS.items()))
def test_topic_has_enough_graded_questions(catalog: Catalog, topic: str, minimum: int) -> None:
    count = sum(
        len(bank.module.questions)
        for bank in catalog.banks
        if bank.module.topic == topic and bank.module.mode == "practice"
    )
    assert count >= minimum


def test_every_competency_is_covered(catalog: Catalog) -> None:
    covered = Counter(
        c for bank in catalog.banks for q in bank.module.questions for c in getattr(q, "competencies", ())
    )
    covered.update(s.competency for bank in catalog.banks for s in bank.module.scales)
    missing = [c for c in catalog.competencies if covered[c] == 0]
    assert not missing


def test_training_pages_link_to_their_quizzes(catalog: Catalog) -> None:
    for bank in catalog.banks:
        if bank.module.mode == "review":
            continue
        page = (ROOT / "docs" / bank.module.training).read_text(encoding="utf-8")
        assert f"quizzes/{bank.module.id}.md" in page, (bank.module.training, bank.module.id)


def test_right_answers_are_not_always_in_the_same_place(catalog: Catalog) -> None:
    positions = Counter(
        next(i for i, o in enumerate(q.options) if o.correct)
        for bank in catalog.banks
        for q in bank.module.questions
        if q.type == "single"
    )
    most = positions.most_common(1)[0][1]
    assert most < 0.5 * sum(positions.values()), positions


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


# A URL the browser would fetch by itself: src/href of scripts, styles, fonts and images, CSS url().
_FETCHED = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc|<link\b[^>]*\bhref)\s*=\s*["']?(https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_sample_site_requests_nothing_from_third_parties(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in _FETCHED.finditer(text):
                context = text[max(0, match.start() - 40) : match.end() + 60]
                if "127.0.0.1" not in context:
                    offenders.append(f"{path.relative_to(built_site)}: {context!r}")
    assert not offenders, "\n".join(offenders[:10])
    assert "fonts.googleapis.com" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_sample_search_index_has_no_answers(built_site: Path, catalog: Catalog) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    leaked = []
    for bank in catalog.banks:
        for question in bank.module.questions:
            snippet = to_plain(getattr(question, "explanation", "") or "")[:60]
            if snippet and snippet in text:
                leaked.append(question.id)
            for option in getattr(question, "options", ()):
                if option.feedback and to_plain(option.feedback)[:60] in text:
                    leaked.append(f"{question.id}/{option.id}")
    assert not leaked
    assert any(doc["location"].startswith("quizzes/") for doc in index["docs"])


def test_page_texts_say_what_the_rep_gets_and_speak_to_managers_on_reviews(catalog: Catalog) -> None:
    from generator.render.pages import environment, render_site_pages

    pages = render_site_pages(catalog, environment([ROOT / "theme"]))
    final = pages["quizzes/final-assessment.md"]
    # 3 of the 4 pooled items for each of the 13 knowledge competencies (final.yml's draw).
    assert "39 questions drawn from a pool of 52 · graded assessment" in final
    study = final.split("Study first: ", 1)[1].split("All quizzes", 1)[0]
    for training in ("qualification", "value-selling", "product", "process"):
        assert f"(../training/{training}.md)" in study, training
    single = pages["quizzes/qual-need-urgency.md"].split("Study first: ", 1)[1].split("All quizzes", 1)[0]
    assert single == "[Customer qualification training](../training/qualification.md). "
    review = pages["quizzes/manager-review.md"]
    assert "For managers: rate one of your reps" in review
    assert "send this file to your manager" not in review.lower()


def test_every_graded_question_links_to_the_section_that_teaches_it(
    built_site: Path, catalog: Catalog
) -> None:
    """The validator checks the heading exists; the built site shows MkDocs gave it the same id."""
    missing = []
    for bank in catalog.banks:
        for question in bank.module.questions:
            if question.type == "likert":
                continue
            link = getattr(question, "training", None)
            if link is None or "#" not in link:
                missing.append(f"{question.id}: no section link")
                continue
            page, anchor = link.split("#")
            html = (built_site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
            if f'id="{anchor}"' not in html:
                missing.append(f"{question.id}: {link} has no such id in the built page")
    assert not missing, "\n".join(missing)


def test_manager_rubric_is_behaviourally_anchored(catalog: Catalog) -> None:
    module = catalog.modules["manager-review"].module
    assert module.rating is not None and module.rating.not_observed, "a manager may not have seen it"
    scale_competency = {s.id: s.competency for s in module.scales}
    per_scale = Counter(q.scale for q in module.questions if isinstance(q, Likert))
    assert set(per_scale) == set(scale_competency)
    assert min(per_scale.values()) >= 3, per_scale
    knowledge = {c.id for c in catalog.taxonomy.competencies if c.kind == "knowledge"}
    evidenced = set()
    for q in module.questions:
        assert isinstance(q, Likert)
        assert q.levels is not None and len(q.levels) == module.rating.points, q.id
        evidenced.add(q.competency or scale_competency[q.scale])
    # the five qualification areas are rated one by one, so calibration compares like with like
    assert {c for c in knowledge if c.startswith("QUAL.")} <= evidenced

"""Export then import gives back the same questions: over the sample banks, and for hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.bank.catalog import load_catalog
from generator.bank.items.matching import Matching
from generator.bank.items.ordering import Ordering
from generator.bank.model import Module
from generator.interop.gift.importer import Settings
from tests.interop.gift_helpers import comparable, round_trip

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "assessments", ROOT / "docs")
BANKS = [b for b in CATALOG.banks if any(q.type != "likert" for q in b.module.questions)]
SETTINGS = Settings(
    topics={t.id: t.title for t in CATALOG.taxonomy.topics},
    known_competencies=frozenset(CATALOG.competencies),
)


@pytest.mark.parametrize("bank", BANKS, ids=[b.module.id for b in BANKS])
def test_sample_banks_survive_export_and_import(bank: object) -> None:
    module: Module = bank.module  # type: ignore[attr-defined]
    _, imported = round_trip(module, SETTINGS)
    (back,) = imported.modules
    assert back.topic == module.topic  # the category names the topic by its title
    again = Module.model_validate({**back.data(), "training": module.training})
    before = {q.id: q for q in module.questions if q.type not in ("likert", "ordering")}
    after = {q.id: q for q in again.questions if q.id in before}
    assert set(after) == set(before)
    for qid, question in before.items():
        expected = comparable(question)
        if question.type == "multiple":
            assert again.questions and after[qid].scoring == "partial"  # type: ignore[union-attr]
        assert comparable(after[qid]) == expected
    # An ordering question comes back as the matching of each step to its position.
    for question in module.questions:
        if isinstance(question, Ordering):
            match = next(q for q in again.questions if q.id == question.id)
            assert isinstance(match, Matching)
            targets = {t.id: t.text for t in match.targets}
            assert [(p.text, targets[p.match]) for p in match.pairs] == [
                (s.text.strip(), str(n)) for n, s in enumerate(question.steps, start=1)
            ]
    # Scenario text goes out as a description item, which an import reports and skips.
    skipped = [p for p in imported.problems if p.severity == "error"]
    assert len(skipped) == len(module.scenarios)
    assert all("a description" in p.message for p in skipped)


FRAGMENTS = st.one_of(
    st.sampled_from(list("{}\\:#~=->%[]*_`!|n \t\n")),
    st.sampled_from(["::", "->", "####", "\\n", "\\{", "//", "%50%", "[html]", "TRUE", "$CATEGORY:"]),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
)
HOSTILE = (
    st.lists(FRAGMENTS, min_size=1, max_size=12)
    .map("".join)
    .filter(lambda t: bool(t.strip()) and "<" not in t and "\r" not in t)
)


def _distinct(texts: list[str]) -> bool:
    return len({t.strip() for t in texts}) == len(texts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prompt=HOSTILE,
    explanation=HOSTILE,
    options=st.lists(HOSTILE, min_size=2, max_size=5).filter(_distinct),
    feedback=HOSTILE,
    right=st.integers(min_value=0, max_value=4),
    several=st.booleans(),
)
def test_hostile_text_survives_export_and_import(
    prompt: str, explanation: str, options: list[str], feedback: str, right: int, several: bool
) -> None:
    right %= len(options)
    choice = {
        "id": "q-choice",
        "type": "multiple" if several else "single",
        "prompt": prompt,
        "competencies": ["QUAL.NEED"],
        "explanation": explanation,
        "options": [
            {
                "id": f"o{i}",
                "text": t,
                "correct": i == right or (several and i % 2 == 1),
                "feedback": feedback,
            }
            for i, t in enumerate(options)
        ],
    }
    if several:
        choice["scoring"] = "partial"
    truefalse = {
        "id": "q-tf",
        "type": "true-false",
        "prompt": prompt,
        "competencies": ["QUAL.NEED"],
        "explanation": explanation,
        "answer": several,
        "feedback_true": feedback,
        "feedback_false": options[0],
    }
    module = Module.model_validate(
        {
            "id": "hostile",
            "title": prompt,
            "topic": "qualification",
            "summary": "s",
            "training": "t.md",
            "questions": [choice, truefalse],
        }
    )
    _, imported = round_trip(module)
    assert [p for p in imported.problems if p.severity == "error"] == []
    (back,) = imported.modules
    again = Module.model_validate({**back.data(), "topic": "qualification", "training": "t.md"})
    assert [comparable(q) for q in again.questions] == [comparable(q) for q in module.questions]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(HOSTILE, min_size=2, max_size=4).filter(_distinct),
    targets=st.lists(
        st.text(alphabet="abc xyz->=~#{}:\\%é", min_size=1, max_size=12), min_size=3, max_size=5
    ),
)
def test_hostile_matching_survives_export_and_import(items: list[str], targets: list[str]) -> None:
    from generator.render.markdown import to_plain

    plain = [to_plain(t) for t in targets]
    if len(set(plain)) != len(plain) or not all(plain):
        return
    module = Module.model_validate(
        {
            "id": "hostile-matching",
            "title": "Hostile matching",
            "topic": "qualification",
            "summary": "s",
            "training": "t.md",
            "questions": [
                {
                    "id": "q-match",
                    "type": "matching",
                    "scoring": "partial",
                    "prompt": "Match",
                    "competencies": ["QUAL.NEED"],
                    "explanation": "Because.",
                    "pairs": [{"id": f"s{i}", "text": t, "match": f"t{i}"} for i, t in enumerate(items)],
                    "targets": [{"id": f"t{i}", "text": t} for i, t in enumerate(targets)],
                }
            ],
        }
    )
    if len(items) > len(targets):
        return
    _, imported = round_trip(module)
    assert [p for p in imported.problems if p.severity == "error"] == []
    (back,) = imported.modules
    again = Module.model_validate({**back.data(), "topic": "qualification", "training": "t.md"})
    assert [comparable(q) for q in again.questions] == [comparable(q) for q in module.questions]

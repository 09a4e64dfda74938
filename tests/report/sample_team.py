"""Six reps' exports of the sample content (assessments/), for the report's screen and print tests.

The sample content teaches every knowledge competency of the portal, so the heatmap is as wide as
a real one; each rep gets every practice module right with their own skill, deterministically.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.bank.catalog import Catalog, load_catalog
from generator.bank.items import Question
from generator.bank.items.matching import Matching
from generator.bank.items.multiple import MultipleSelect
from generator.bank.items.ordering import Ordering
from generator.bank.items.single import SingleChoice
from generator.bank.items.true_false import TrueFalse
from tests.score.builders import attempt, export

ROOT = Path(__file__).resolve().parents[2]
BANKS = ROOT / "assessments"
DOCS = ROOT / "docs"
REPS = {"ana": 0.9, "bo": 0.35, "cy": 0.6, "dee": 0.75, "eli": 0.5, "fay": 0.2}
TEAMS = "rep_id,name,team,manager\n" + "".join(
    f"{rep},{rep.title()} Example,{'North' if i % 2 else 'South'},Morgan\n" for i, rep in enumerate(REPS)
)


def sample_catalog() -> Catalog:
    return load_catalog(BANKS, DOCS)


def write_team(root: Path, cat: Catalog) -> tuple[Path, Path]:
    results = root / "results"
    for day, (rep, skill) in enumerate(REPS.items()):
        statements: list[dict[str, Any]] = []
        for bank in cat.banks:
            if bank.module.mode != "practice":
                continue
            answers = {q.id: _answer(q, _right(rep, q.id, skill)) for q in bank.module.questions}
            statements += attempt(cat, rep, bank.module.id, answers, name=f"{rep.title()} Example", day=day)
        export(results / f"{rep}.json", statements)
    (root / "roster.csv").write_text(TEAMS, encoding="utf-8")
    return results, root / "roster.csv"


def _right(rep: str, question: str, skill: float) -> bool:
    digest = hashlib.sha256(f"{rep}:{question}".encode()).digest()
    return digest[0] / 255 < skill


def _answer(question: Question, right: bool) -> Any:
    if isinstance(question, (SingleChoice, MultipleSelect)):
        chosen = [o.id for o in question.options if o.correct == right]
        return chosen if isinstance(question, MultipleSelect) or right else chosen[:1]
    if isinstance(question, TrueFalse):
        return question.answer if right else not question.answer
    if isinstance(question, Matching):
        pairs = [(p.id, p.match) for p in question.pairs]
        return (
            pairs if right else [(p, t) for (p, _), (_, t) in zip(pairs, pairs[1:] + pairs[:1], strict=True)]
        )
    if isinstance(question, Ordering):
        steps = [s.id for s in question.steps]
        return steps if right else steps[::-1]
    raise TypeError(question.type)

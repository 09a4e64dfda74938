"""Export a bank, read it back: the comparisons the GIFT round-trip tests share."""

from __future__ import annotations

from typing import Any

from generator.bank.items import Question
from generator.bank.items.matching import Matching
from generator.bank.items.multiple import MultipleSelect
from generator.bank.items.single import SingleChoice
from generator.bank.items.true_false import TrueFalse
from generator.bank.model import Module
from generator.interop.gift.importer import Imported, Settings, import_gift
from generator.interop.gift.reader import read_gift
from generator.interop.gift.writer import write_module
from generator.render.markdown import to_html, to_plain


def round_trip(module: Module, settings: Settings | None = None) -> tuple[str, Imported]:
    exported = write_module(module, f"{module.id}.yml")
    gift = read_gift(exported.text, f"{module.id}.gift")
    assert gift.problems == []
    return exported.text, import_gift([gift], settings or Settings())


def comparable(question: Question) -> dict[str, Any]:
    """What an export and import must keep: text, options, keys and feedback, not ids of options."""
    base: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt.strip(),
    }
    if isinstance(question, (SingleChoice, MultipleSelect)):
        base["options"] = [(o.text.strip(), o.correct, (o.feedback or "").strip()) for o in question.options]
    if isinstance(question, TrueFalse):
        base["answer"] = question.answer
        base["feedback"] = ((question.feedback_true or "").strip(), (question.feedback_false or "").strip())
    if isinstance(question, Matching):
        targets = {t.id: to_plain(t.text) for t in question.targets}
        # A '->' in an item is written as Markdown's '-\>' (GIFT has no escape for it): same page.
        # HTML folds white space, and Markdown expands a tab by its column, which the '\' moves.
        base["pairs"] = [(" ".join(to_html(p.text).split()), targets[p.match]) for p in question.pairs]
        base["targets"] = sorted(targets.values())
    if question.type != "likert":
        base["explanation"] = question.explanation.strip()
        base["competencies"] = list(question.competencies)
    return base

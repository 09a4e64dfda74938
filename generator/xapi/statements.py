"""Build the xAPI statements of one attempt, exactly as the widget exports them.

The browser is the real producer; this reference implementation lets tests,
benchmarks and sample data speak the same format, and the browser tests
compare the widget's output with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.bank.catalog import Bank
from generator.bank.display import display_order
from generator.bank.grading import NOT_OBSERVED, grade
from generator.bank.model import Likert, Matching, Module, Ordering, Question, TrueFalse
from generator.render.markdown import to_plain
from generator.xapi import responses
from generator.xapi import vocabulary as v


@dataclass
class Learner:
    name: str
    id: str
    home: str  # the portal's address: account.homePage


@dataclass
class Attempt:
    bank: Bank
    learner: Learner
    registration: str
    started: datetime
    finished: datetime
    responses: dict[str, Any]  # question id -> response in Python form (see bank.grading)
    instructor: Learner | None = None  # the manager, on review modules
    presented: list[str] | None = None  # question ids shown, when the module draws from a pool
    option_order: dict[str, list[str]] = field(default_factory=dict)
    notes: str | None = None  # the manager's notes, on review modules


def timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def actor(learner: Learner) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "name": learner.name,
        "account": {"homePage": learner.home, "name": learner.id},
    }


def interaction_definition(module: Module, question: Question) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "type": v.INTERACTION,
        "name": {v.LANG: to_plain(question.prompt)},
        "interactionType": v.INTERACTION_TYPES[question.type],
    }
    options = getattr(question, "options", None)
    if options is not None:
        definition["choices"] = [_component(o.id, o.text) for o in options]
    elif isinstance(question, TrueFalse):
        pass
    elif isinstance(question, Matching):
        definition["source"] = [_component(p.id, p.text) for p in question.pairs]
        definition["target"] = [_component(t.id, t.text) for t in question.targets]
    elif isinstance(question, Ordering):
        # The order the page shows, never the bank's (which is the answer).
        definition["choices"] = [
            _component(s.id, s.text) for s in display_order(question, graded=module.mode == "graded")
        ]
    elif isinstance(question, Likert) and module.rating is not None:
        definition["scale"] = [
            {"id": str(point), "description": {v.LANG: anchor}}
            for point, anchor in enumerate(module.rating.anchors, start=1)
        ]
        if module.rating.not_observed:
            definition["scale"].append(
                {"id": NOT_OBSERVED, "description": {v.LANG: to_plain(module.rating.not_observed)}}
            )
    pattern = responses.correct_pattern(question)
    if pattern is not None and module.mode != "graded":
        definition["correctResponsesPattern"] = pattern
    return definition


def _component(component_id: str, text: str) -> dict[str, Any]:
    return {"id": component_id, "description": {v.LANG: to_plain(text)}}


def module_activity(attempt: Attempt) -> dict[str, Any]:
    module = attempt.bank.module
    return {
        "objectType": "Activity",
        "id": v.module_iri(attempt.learner.home, module.id),
        "definition": {
            "type": v.ASSESSMENT,
            "name": {v.LANG: module.title},
            "description": {v.LANG: to_plain(module.summary)},
        },
    }


def build(attempt: Attempt) -> list[dict[str, Any]]:
    """Every statement of ``attempt``: attempted, one answered per question, completed, passed/failed."""
    bank, module = attempt.bank, attempt.bank.module
    parent = module_activity(attempt)
    # Module-level statements have the module as object; answered statements name it as parent.
    base_context: dict[str, Any] = {
        "registration": attempt.registration,
        "extensions": {v.EXT_BANK_HASH: bank.hash, v.EXT_MODE: module.mode},
    }
    if attempt.instructor is not None:
        base_context["instructor"] = actor(attempt.instructor)
    shown = attempt.presented or [q.id for q in module.questions]
    by_id = {q.id: q for q in module.questions}
    started = timestamp(attempt.started)
    finished = timestamp(attempt.finished)

    def statement(name: str, verb: str, obj: dict[str, Any], when: str, **rest: Any) -> dict[str, Any]:
        return {
            "id": v.statement_id(attempt.registration, name),
            "actor": actor(attempt.learner),
            "verb": {"id": verb, "display": {v.LANG: verb.rsplit("/", 1)[-1]}},
            "object": obj,
            "context": rest.pop("context", base_context),
            "timestamp": when,
            **rest,
        }

    attempted_context = dict(base_context)
    if attempt.presented is not None or attempt.option_order:
        attempted_context["extensions"] = {
            **base_context["extensions"],
            v.EXT_PRESENTED: {"questions": shown, "options": attempt.option_order},
        }
    out = [statement("attempted", v.ATTEMPTED, parent, started, context=attempted_context)]
    earned = 0.0
    graded = 0
    for question_id in shown:
        question = by_id[question_id]
        if not isinstance(question, Likert):
            graded += 1  # an unanswered question counts as wrong, so skipping never raises the score
        if question_id not in attempt.responses:
            continue
        response = attempt.responses[question_id]
        result: dict[str, Any] = {"response": responses.encode(question, response)}
        if not isinstance(question, Likert) and module.mode != "graded":
            mark = grade(question, response)
            earned += mark.score
            result["success"] = mark.success
            result["score"] = {"scaled": mark.score, "raw": mark.score, "min": 0, "max": 1}
        context = {
            **base_context,
            "contextActivities": {"parent": [parent]},
            "extensions": {
                **base_context["extensions"],
                v.EXT_QUESTION_HASH: bank.question_hashes[question_id],
            },
        }
        obj = {
            "objectType": "Activity",
            "id": v.question_iri(attempt.learner.home, question_id),
            "definition": interaction_definition(module, question),
        }
        out.append(statement(question_id, v.ANSWERED, obj, finished, result=result, context=context))
    completed: dict[str, Any] = {"completion": True}
    if attempt.notes:
        completed["response"] = attempt.notes
    if module.mode in ("practice",) and graded:
        scaled = round(earned / graded, 4)
        score = {"scaled": scaled, "raw": round(earned, 4), "min": 0, "max": graded}
        completed["score"] = score
        out.append(statement("completed", v.COMPLETED, parent, finished, result=completed))
        passed = scaled >= module.mastery
        verdict = {"score": score, "success": passed, "completion": True}
        name = "passed" if passed else "failed"
        out.append(statement(name, v.PASSED if passed else v.FAILED, parent, finished, result=verdict))
    else:
        out.append(statement("completed", v.COMPLETED, parent, finished, result=completed))
    return out

"""The shared grading cases (cases.json), graded by the scorer's graders.

The widget's graders pass the same file under node (tests/js/grading.test.js), so the score a
rep sees after Submit is the score the manager's report gives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from generator.bank.grading import grade
from generator.bank.items import ITEM_TYPES, Question, item_type
from generator.xapi.responses import ResponseError, parse

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))["types"]
QUESTION: TypeAdapter[Question] = TypeAdapter(Question)


def all_cases() -> list[Any]:
    return [
        pytest.param(group, case, id=f"{name}: {case['name']}")
        for name, group in CASES.items()
        for case in group["cases"]
    ]


@pytest.mark.parametrize(("group", "case"), all_cases())
def test_the_scorer_grades_each_case_as_stated(group: dict[str, Any], case: dict[str, Any]) -> None:
    question = QUESTION.validate_python(group["question"])
    if case.get("malformed"):
        with pytest.raises(ResponseError):
            parse(question, case["response"])
        return
    mark = grade(question, parse(question, case["response"]))
    assert mark.score == pytest.approx(case["score"])
    assert mark.success is case["success"]


@pytest.mark.parametrize("name", list(CASES))
def test_the_key_in_the_cases_is_the_key_a_page_carries(name: str) -> None:
    group = CASES[name]
    question = QUESTION.validate_python(group["question"])
    carried = item_type(question).key(question, str)
    assert {k: carried[k] for k in group["key"]} == group["key"]


def test_every_graded_type_has_right_wrong_partial_empty_and_malformed_cases() -> None:
    covered = {group["question"]["type"] for group in CASES.values()}
    assert covered == {name for name, t in ITEM_TYPES.items() if t.graded}
    for name, group in CASES.items():
        kinds = {case["name"].split(":")[0].split(" ")[0] for case in group["cases"]}
        if name == group["question"]["type"]:
            assert {"right", "wrong", "partial", "empty", "malformed"} <= kinds, name

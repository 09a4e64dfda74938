"""The rule problems of a bank that failed the schema, found from its raw data, so one run shows all.

The rules in :mod:`generator.bank.checks` need validated models. A module with one schema error
has none, yet its other fields and questions still reference competencies, scenarios and
training pages, and still have answer keys. This module checks those from the raw YAML values,
taking only the values that are well formed (the schema has reported the others), so that
each problem is reported once, schema and rules together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import TypeAdapter, ValidationError

from generator.bank import checks
from generator.bank.items import Question
from generator.bank.model import Taxonomy
from generator.bank.rules import duplicates
from generator.bank.schema_errors import _where
from generator.bank.source import PathKey, Source
from generator.bank.suggest import did_you_mean
from generator.problems import Problem

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_COMPETENCY = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$")
_TRAINING = re.compile(r"^[^\s/][^\s]*\.md$")
_QUESTION: TypeAdapter[Question] = TypeAdapter(Question)


def check_failed_module(
    data: dict[str, Any], source: Source, taxonomy: Taxonomy | None, docs_dir: Path | None
) -> Iterator[Problem]:
    yield from checks.check_partial(data, source, taxonomy)
    topics = {t.id for t in taxonomy.topics} if taxonomy is not None else None
    known = {c.id for c in taxonomy.competencies} if taxonomy is not None else None
    topic = data.get("topic")
    if topics is not None and _is(topic, _ID) and topic not in topics:
        yield source.problem(
            ("topic",),
            f"unknown topic '{topic}'{did_you_mean(topic, topics)}; "
            f"expected one of: {', '.join(sorted(topics))}",
        )
    training = data.get("training")
    if _is(training, _TRAINING):
        yield from checks.check_training(training, ("training",), source, docs_dir)
    scenarios = {s["id"] for s in _dicts(data.get("scenarios")) if _is(s.get("id"), _ID)}
    for qi, raw in enumerate(_list(data.get("questions"))):
        if not isinstance(raw, dict):
            continue
        loc: PathKey = ("questions", qi)
        scenario = raw.get("scenario")
        if _is(scenario, _ID) and scenario not in scenarios:
            yield source.problem((*loc, "scenario"), checks.unknown_scenario(scenario, scenarios))
        if _valid(raw):
            continue  # check_partial has checked it
        if known is not None:
            for ci, competency in enumerate(_list(raw.get("competencies"))):
                if _is(competency, _COMPETENCY) and competency not in known:
                    yield source.problem(
                        (*loc, "competencies", ci), checks.unknown_competency(competency, known)
                    )
        yield from _answer_key(raw, loc, source)
    if known is not None:
        for ri, entry in enumerate(_dicts(data.get("remediation"))):
            for ci, competency in enumerate(_list(entry.get("competencies"))):
                if _is(competency, _COMPETENCY) and competency not in known:
                    yield source.problem(
                        ("remediation", ri, "competencies", ci), checks.unknown_competency(competency, known)
                    )


def _answer_key(raw: dict[str, Any], loc: PathKey, source: Source) -> Iterator[Problem]:
    """The answer-key rules of a question that failed the schema, on its well-formed parts."""
    kind = raw.get("type")
    options = _dicts(raw.get("options"))
    if kind in ("single", "multiple") and options and len(options) == len(_list(raw.get("options"))):
        flags = [o.get("correct", False) for o in options]
        if all(isinstance(f, bool) for f in flags):
            correct = sum(flags)
            if kind == "single" and correct != 1:
                yield source.problem(
                    (*loc, "options"),
                    f"a single-choice question needs exactly one correct option, found {correct}"
                    + ("; use type 'multiple' for several" if correct > 1 else ""),
                )
            if kind == "multiple" and correct == 0:
                yield source.problem(
                    (*loc, "options"), "a multiple-select question needs at least one correct option"
                )
        yield from _duplicates(options, (*loc, "options"), "option id", source)
    if kind == "matching":
        targets = {t["id"] for t in _dicts(raw.get("targets")) if _is(t.get("id"), _ID)}
        for pi, pair in enumerate(_dicts(raw.get("pairs"))):
            match = pair.get("match")
            if targets and _is(match, _ID) and match not in targets:
                yield source.problem(
                    (*loc, "pairs", pi, "match"),
                    f"unknown target '{match}'; the targets are: {', '.join(sorted(targets))}",
                )
        yield from _duplicates(_dicts(raw.get("pairs")), (*loc, "pairs"), "item id", source)
        yield from _duplicates(_dicts(raw.get("targets")), (*loc, "targets"), "target id", source)
    if kind == "ordering":
        yield from _duplicates(_dicts(raw.get("steps")), (*loc, "steps"), "step id", source)


def _duplicates(items: list[dict[str, Any]], loc: PathKey, what: str, source: Source) -> Iterator[Problem]:
    ids = [item["id"] if _is(item.get("id"), _ID) else f"\0{i}" for i, item in enumerate(items)]
    yield from duplicates(ids, loc, what, source)


def _valid(raw: dict[str, Any]) -> bool:
    try:
        _QUESTION.validate_python(raw)
    except ValidationError:
        return False
    return True


def _is(value: Any, pattern: re.Pattern[str]) -> TypeGuard[str]:
    return isinstance(value, str) and pattern.match(value) is not None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def yaml11_booleans(source: Source, reported: set[PathKey]) -> Iterator[Problem]:
    """``correct: yes`` is true to YAML 1.1 and text to YAML 1.2 tools: ask for true or false."""
    for loc, word in sorted(source.yaml11_booleans.items(), key=lambda item: source.locate(item[0])):
        if loc in reported:
            continue  # the schema has said what it expected there
        value = "true" if word.lower() in ("yes", "on", "y") else "false"
        where = _where(loc)
        yield source.problem(
            loc,
            f"{where}: write {value} instead of '{word}' (YAML 1.1 reads '{word}' as {value}, "
            "YAML 1.2 tools as text)",
        )

"""Rules that span fields, questions or files, each reported at the line it concerns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator.bank.anchors import page_anchors
from generator.bank.model import (
    GRADED_TYPES,
    Likert,
    Matching,
    Module,
    MultipleSelect,
    Ordering,
    Question,
    SingleChoice,
    Taxonomy,
)
from generator.bank.source import Source
from generator.problems import Problem

SCALE_MODES = ("survey", "review")
MODES = ("practice", "graded", *SCALE_MODES)

#: Module ids whose quiz page would clash with a generated page (``quizzes/index.md``, the "My
#: plan" and progress pages) or that MkDocs reads as a folder's index (``README.md``), compared
#: case-insensitively because Windows and macOS file systems are.
RESERVED_MODULE_IDS = ("index", "readme", "plan", "progress")


def check_taxonomy(taxonomy: Taxonomy, source: Source) -> Iterator[Problem]:
    yield from _duplicates([t.id for t in taxonomy.topics], ("topics",), "topic id", source)
    yield from _duplicates([c.id for c in taxonomy.competencies], ("competencies",), "competency id", source)


def check_module(
    module: Module, source: Source, taxonomy: Taxonomy | None, docs_dir: Path | None
) -> Iterator[Problem]:
    if module.id.casefold() in RESERVED_MODULE_IDS:
        yield source.problem(
            ("id",),
            f"module id '{module.id}' is reserved: its quiz page would replace a page the portal "
            f"generates; ids {', '.join(RESERVED_MODULE_IDS)} (in any case) cannot be used",
        )
    yield from _check_references(module, source, taxonomy, docs_dir)
    yield from _duplicates([q.id for q in module.questions], ("questions",), "question id", source)
    yield from _duplicates([s.id for s in module.scenarios], ("scenarios",), "scenario id", source)
    yield from _duplicates([s.id for s in module.scales], ("scales",), "scale id", source)
    for index, question in enumerate(module.questions):
        yield from _check_question(module, question, ("questions", index), source)
    yield from _check_scales(module, source)
    yield from _check_draw(module, source)


_QUESTION: TypeAdapter[Question] = TypeAdapter(Question)


def check_partial(data: dict[str, Any], source: Source, taxonomy: Taxonomy | None) -> Iterator[Problem]:
    """What can still be checked in a module that failed the schema: its valid questions.

    So a typo in one question does not hide a missing correct option in the next one. Likert
    items are left out: their rules need the module's scales, which may be the broken part.
    """
    raw = data.get("questions")
    if not isinstance(raw, list):
        return
    ids = [_raw_id(q, i) for i, q in enumerate(raw)]
    yield from _duplicates(ids, ("questions",), "question id", source)
    mode = data.get("mode", "practice")
    known = {c.id for c in taxonomy.competencies} if taxonomy is not None else None
    for index, item in enumerate(raw):
        try:
            question = _QUESTION.validate_python(item)
        except ValidationError:
            continue  # already reported by the schema
        if isinstance(question, Likert):
            continue
        yield from _check_answerable(
            mode if mode in MODES else "practice", question, ("questions", index), source
        )
        if known is not None:
            yield from _check_competencies(question, ("questions", index), source, known)


def _raw_id(item: Any, index: int) -> str:
    """A question's id as written, or a stand-in no real id can equal."""
    found = item.get("id") if isinstance(item, dict) else None
    return found if isinstance(found, str) else f"\0{index}"


def _check_references(
    module: Module, source: Source, taxonomy: Taxonomy | None, docs_dir: Path | None
) -> Iterator[Problem]:
    if taxonomy is not None:
        topics = {t.id for t in taxonomy.topics}
        if module.topic not in topics:
            yield source.problem(
                ("topic",),
                f"unknown topic '{module.topic}'; expected one of: {', '.join(sorted(topics))}",
            )
        known = {c.id for c in taxonomy.competencies}
        for qi, question in enumerate(module.questions):
            yield from _check_competencies(question, ("questions", qi), source, known)
        for qi, question in enumerate(module.questions):
            if isinstance(question, Likert) and question.competency and question.competency not in known:
                yield source.problem(
                    ("questions", qi, "competency"), f"unknown competency '{question.competency}'"
                )
        for si, scale in enumerate(module.scales):
            if scale.competency not in known:
                yield source.problem(("scales", si, "competency"), f"unknown competency '{scale.competency}'")
    yield from _check_training(module.training, ("training",), source, docs_dir)
    for qi, question in enumerate(module.questions):
        link = getattr(question, "training", None)
        if link is not None:
            yield from _check_training(link, ("questions", qi, "training"), source, docs_dir)
    scenarios = {s.id for s in module.scenarios}
    used = set()
    for qi, question in enumerate(module.questions):
        scenario = getattr(question, "scenario", None)
        if scenario is None:
            continue
        used.add(scenario)
        if scenario not in scenarios:
            yield source.problem(
                ("questions", qi, "scenario"),
                f"unknown scenario '{scenario}'; the module defines: {_names(scenarios)}",
            )
    for si, scenario_def in enumerate(module.scenarios):
        if scenario_def.id not in used:
            yield source.problem(
                ("scenarios", si, "id"), f"scenario '{scenario_def.id}' is used by no question"
            )


def _check_training(
    link: str, loc: tuple[str | int, ...], source: Source, docs_dir: Path | None
) -> Iterator[Problem]:
    """A training link is a page inside docs/ (and a heading of it): never a way out of docs/, nor a
    URL with a scheme."""
    page, _, anchor = link.partition("#")
    if ":" in page or "\\" in page or any(part in ("", ".", "..") for part in page.split("/")):
        yield source.problem(
            loc,
            f"training page '{page}' must be a path inside docs/ such as training/qualification.md, "
            "without '..', '.', '//', '\\' or ':'",
        )
        return
    if docs_dir is None:
        return
    path = docs_dir / page
    if not path.is_file():
        yield source.problem(loc, f"training page '{page}' does not exist in {docs_dir.name}/")
        return
    if anchor and anchor not in page_anchors(path):
        nearest = get_close_matches(anchor, sorted(page_anchors(path)), n=1)
        hint = f" (did you mean '{nearest[0]}'?)" if nearest else ""
        yield source.problem(
            loc, f"'{page}' has no heading with the anchor '#{anchor}'{hint}; add the heading or fix the link"
        )


def _check_competencies(
    question: Question, loc: tuple[str | int, ...], source: Source, known: set[str]
) -> Iterator[Problem]:
    for ci, competency in enumerate(getattr(question, "competencies", ())):
        if competency not in known:
            yield source.problem(
                (*loc, "competencies", ci),
                f"unknown competency '{competency}'; add it to competencies.yml or use one of its ids",
            )


def _check_question(
    module: Module, question: Question, loc: tuple[str | int, ...], source: Source
) -> Iterator[Problem]:
    if not isinstance(question, Likert):
        yield from _check_answerable(module.mode, question, loc, source)
        return
    if module.mode not in SCALE_MODES:
        yield source.problem(
            (*loc, "type"), f"likert items belong in a survey or review module, not a {module.mode} one"
        )
    if module.rating is None:
        yield source.problem(loc, "likert items need the module's 'rating' scale")
    if (
        module.rating is not None
        and question.levels is not None
        and len(question.levels) != module.rating.points
    ):
        yield source.problem(
            (*loc, "levels"),
            f"expected {module.rating.points} levels (one per rating point), found {len(question.levels)}",
        )
    if question.scale not in {s.id for s in module.scales}:
        yield source.problem(
            (*loc, "scale"),
            f"unknown scale '{question.scale}'; the module defines: {_names({s.id for s in module.scales})}",
        )


def _check_answerable(
    mode: str, question: Question, loc: tuple[str | int, ...], source: Source
) -> Iterator[Problem]:
    """The rules of a question with a right answer: its options, items and steps."""
    if mode in SCALE_MODES:
        yield source.problem(
            (*loc, "type"), f"a {mode} module holds likert items only, found '{question.type}'"
        )
    if isinstance(question, (SingleChoice, MultipleSelect)):
        yield from _duplicates([o.id for o in question.options], (*loc, "options"), "option id", source)
        yield from _duplicate_texts([o.text for o in question.options], (*loc, "options"), source)
        correct = sum(o.correct for o in question.options)
        if isinstance(question, SingleChoice) and correct != 1:
            yield source.problem(
                (*loc, "options"),
                f"a single-choice question needs exactly one correct option, found {correct}"
                + ("; use type 'multiple' for several" if correct > 1 else ""),
            )
        if isinstance(question, MultipleSelect) and correct == 0:
            yield source.problem(
                (*loc, "options"), "a multiple-select question needs at least one correct option"
            )
    if isinstance(question, Matching):
        targets = {t.id for t in question.targets}
        yield from _duplicates([p.id for p in question.pairs], (*loc, "pairs"), "item id", source)
        yield from _duplicates([t.id for t in question.targets], (*loc, "targets"), "target id", source)
        yield from _duplicate_texts([p.text for p in question.pairs], (*loc, "pairs"), source)
        yield from _duplicate_texts([t.text for t in question.targets], (*loc, "targets"), source)
        for pi, pair in enumerate(question.pairs):
            if pair.match not in targets:
                yield source.problem(
                    (*loc, "pairs", pi, "match"),
                    f"unknown target '{pair.match}'; the targets are: {_names(targets)}",
                )
            if pair.id in targets:
                yield source.problem((*loc, "pairs", pi, "id"), f"item id '{pair.id}' is also a target id")
    if isinstance(question, Ordering):
        yield from _duplicates([s.id for s in question.steps], (*loc, "steps"), "step id", source)
        yield from _duplicate_texts([s.text for s in question.steps], (*loc, "steps"), source)


def _check_scales(module: Module, source: Source) -> Iterator[Problem]:
    if module.rating is not None and len(module.rating.anchors) != module.rating.points:
        yield source.problem(
            ("rating", "anchors"),
            f"expected {module.rating.points} anchors (one per point), found {len(module.rating.anchors)}",
        )
    if module.rating is not None and module.rating.not_observed is not None and module.mode != "review":
        yield source.problem(
            ("rating", "not_observed"),
            f"'not_observed' belongs in a review module, where a manager may not have seen a behaviour; "
            f"this is a {module.mode} module",
        )
    top = module.rating.points if module.rating else None
    for si, scale in enumerate(module.scales):
        for bi, band in enumerate(scale.bands):
            if band.min > band.max:
                yield source.problem(
                    ("scales", si, "bands", bi), f"band min {band.min} is above its max {band.max}"
                )
            if top is not None and (band.min < 1 or band.max > top):
                yield source.problem(
                    ("scales", si, "bands", bi),
                    f"band {band.min}-{band.max} lies outside the rating scale 1-{top}",
                )
        if not any(q.type == "likert" and q.scale == scale.id for q in module.questions):
            yield source.problem(("scales", si, "id"), f"scale '{scale.id}' has no items")


def _check_draw(module: Module, source: Source) -> Iterator[Problem]:
    draw = module.draw
    if draw is None:
        return
    if (draw.count is None) == (draw.per_competency is None):
        yield source.problem(("draw",), "draw needs exactly one of 'count' or 'per_competency'")
        return
    graded = [q for q in module.questions if q.type in GRADED_TYPES]
    if draw.count is not None and draw.count > len(graded):
        yield source.problem(
            ("draw", "count"),
            f"cannot draw {draw.count} questions from a pool of {len(graded)}",
        )
    if draw.per_competency is not None:
        pool = Counter(c for q in graded for c in getattr(q, "competencies", ()))
        for competency, size in sorted(pool.items()):
            if size < draw.per_competency:
                yield source.problem(
                    ("draw", "per_competency"),
                    f"cannot draw {draw.per_competency} questions for {competency} from a pool of {size}",
                )


def _duplicates(ids: list[str], loc: tuple[str | int, ...], what: str, source: Source) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            line = source.locate((*loc, first[value]))[0]
            yield source.problem(
                (*loc, index, "id"), f"duplicate {what} '{value}' (first used at line {line})"
            )
        else:
            first[value] = index


def _duplicate_texts(texts: list[str], loc: tuple[str | int, ...], source: Source) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, text in enumerate(texts):
        norm = " ".join(text.split()).casefold()
        if norm in first:
            line = source.locate((*loc, first[norm]))[0]
            yield source.problem(
                (*loc, index, "text"), f"duplicate text '{text.strip()[:40]}' (same as line {line})"
            )
        else:
            first[norm] = index


def _names(ids: set[str]) -> str:
    return ", ".join(sorted(ids)) or "(none)"

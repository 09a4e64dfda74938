"""Load and validate every bank into a :class:`Catalog`, or fail once with every problem."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.bank import checks
from generator.bank.files import TAXONOMY_FILE, bank_files
from generator.bank.model import GRADED_TYPES, Competency, Module, Question, Taxonomy
from generator.bank.schema_errors import problems_from
from generator.bank.source import Source, read_yaml
from generator.problems import InvalidInput, Problem, display_path

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Bank:
    """A validated module and where it came from."""

    module: Module
    path: str
    hash: str
    question_hashes: dict[str, str]


@dataclass
class Catalog:
    """Every validated bank plus the competency model, indexed by id."""

    taxonomy: Taxonomy
    banks: list[Bank]
    questions: dict[str, tuple[Bank, Question]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.banks.sort(key=lambda b: (b.module.topic, b.module.id))
        self.modules = {bank.module.id: bank for bank in self.banks}
        for bank in self.banks:
            for question in bank.module.questions:
                self.questions[question.id] = (bank, question)
        self.competencies: dict[str, Competency] = {c.id: c for c in self.taxonomy.competencies}
        self.topics = {t.id: t for t in self.taxonomy.topics}


def content_hash(value: Any) -> str:
    """A stable digest of validated content: same meaning, same hash, whatever the YAML layout."""
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Where a question is taught is not what it asks: moving a link never makes old answers "changed".
_NOT_MEANING: Any = {"questions": {"__all__": {"training"}}}


#: What a graded page must not let anyone test: the answers, and the texts written for after Submit.
_KEY_FIELDS = ("correct", "answer", "match", "feedback", "feedback_true", "feedback_false", "explanation")


def _without_key(value: Any) -> Any:
    """``value`` (a dumped question) as a graded page shows it: no key, and steps in no telling order."""
    if isinstance(value, dict):
        shown = {k: _without_key(v) for k, v in value.items() if k not in _KEY_FIELDS}
        if value.get("type") == "ordering":
            shown["steps"] = sorted(shown["steps"], key=lambda step: step["id"])
        return shown
    if isinstance(value, list):
        return [_without_key(item) for item in value]
    return value


def module_hash(module: Module) -> str:
    """The hash pages and statements carry; a graded module's leaves its answer key out."""
    content = module.model_dump(mode="json", exclude=_NOT_MEANING)
    if module.mode == "graded":
        content["questions"] = _without_key(content["questions"])
    return content_hash(content)


def question_hash(module: Module, question: Question) -> str:
    """Changes when the question does, so the scorer can flag answers given to an older version.

    A graded page carries this hash, so for graded modules it leaves the key out: otherwise
    anyone could hash each candidate answer offline until one matched the page.
    """
    content = question.model_dump(mode="json", exclude={"training"})
    if module.mode == "graded":
        content = _without_key(content)
    scenario = getattr(question, "scenario", None)
    if scenario is not None:
        found = [s.model_dump(mode="json") for s in module.scenarios if s.id == scenario]
        content["scenario"] = found[0] if found else scenario
    if question.type == "likert" and module.rating is not None:
        content["rating"] = module.rating.model_dump(mode="json")
    return content_hash(content)


def load_catalog(banks_dir: Path, docs_dir: Path | None = None) -> Catalog:
    """Validate ``banks_dir`` (and, when given, training links into ``docs_dir``).

    Raises :class:`InvalidInput` carrying every problem found, never just the first.
    """
    problems: list[Problem] = []
    if not banks_dir.is_dir():
        raise InvalidInput([Problem(display_path(banks_dir), 0, 0, "banks folder does not exist")])
    taxonomy = _load_taxonomy(banks_dir / TAXONOMY_FILE, problems)
    banks: list[Bank] = []
    sources: list[Source] = []
    files = bank_files(banks_dir)
    if not files:
        problems.append(Problem(display_path(banks_dir), 0, 0, "no banks (*.yml) found"))
    inside = banks_dir.resolve()
    for file in files:
        if not file.resolve().is_relative_to(inside):
            # A link is how a file from outside the repository, unreviewed, would reach the site.
            problems.append(
                Problem(
                    display_path(file),
                    0,
                    0,
                    f"links to {file.resolve()}, outside {display_path(banks_dir)}/; "
                    "copy the bank into the repository instead of linking to it",
                )
            )
            continue
        loaded = _load(file, Module, problems, taxonomy)
        if loaded is None:
            continue
        module, source = loaded
        found = list(checks.check_module(module, source, taxonomy, docs_dir))
        problems.extend(found)
        if not found:
            banks.append(_bank(module, source.path))
            sources.append(source)
    problems.extend(_cross_file(banks, sources))
    if any(p.severity == "error" for p in problems) or taxonomy is None:
        raise InvalidInput(problems)
    return Catalog(taxonomy, banks)


def _bank(module: Module, path: str) -> Bank:
    return Bank(
        module=module,
        path=path,
        hash=module_hash(module),
        question_hashes={q.id: question_hash(module, q) for q in module.questions},
    )


def _load_taxonomy(path: Path, problems: list[Problem]) -> Taxonomy | None:
    if not path.is_file():
        problems.append(
            Problem(display_path(path), 0, 0, "missing: the competency model lists topics and competencies")
        )
        return None
    loaded = _load(path, Taxonomy, problems)
    if loaded is None:
        return None
    taxonomy, source = loaded
    found = list(checks.check_taxonomy(taxonomy, source))
    problems.extend(found)
    return None if found else taxonomy


def _load(
    file: Path, model: type[M], problems: list[Problem], taxonomy: Taxonomy | None = None
) -> tuple[M, Source] | None:
    source, found = read_yaml(file, display_path(file))
    problems.extend(found)
    if source is None or found:
        return None
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "expected a mapping of keys at the top of the file"))
        return None
    try:
        return model.model_validate(source.data), source
    except ValidationError as error:
        problems.extend(problems_from(error, source, model))
        if model is Module:
            problems.extend(checks.check_partial(source.data, source, taxonomy))
        return None


def _cross_file(banks: list[Bank], sources: list[Source]) -> Iterator[Problem]:
    modules: dict[str, tuple[str, str]] = {}
    questions: dict[str, str] = {}
    for bank, source in zip(banks, sources, strict=True):
        module = bank.module
        where = f"{source.path}:{source.locate(('id',))[0]}"
        # Quiz pages are named by module id, and Windows and macOS file names ignore case.
        first = modules.get(module.id.casefold())
        if first is None:
            modules[module.id.casefold()] = (module.id, where)
        elif first[0] == module.id:
            yield source.problem(("id",), f"duplicate module id '{module.id}' (also in {first[1]})")
        else:
            yield source.problem(
                ("id",),
                f"module id '{module.id}' differs from '{first[0]}' (in {first[1]}) only in case; "
                "their quiz pages would be one file on Windows and macOS",
            )
        for qi, question in enumerate(module.questions):
            here = f"{source.path}:{source.locate(('questions', qi, 'id'))[0]}"
            if question.id in questions and questions[question.id].split(":")[0] != source.path:
                yield source.problem(
                    ("questions", qi, "id"),
                    f"duplicate question id '{question.id}' (also at {questions[question.id]}); "
                    "question ids are unique across all banks",
                )
            questions.setdefault(question.id, here)


def graded_questions(module: Module) -> list[Question]:
    return [q for q in module.questions if q.type in GRADED_TYPES]

"""Load and validate every bank into a :class:`Catalog`, or fail once with every problem."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.bank import checks, writing
from generator.bank.files import TAXONOMY_FILE, bank_files
from generator.bank.items import Question
from generator.bank.lenient import check_failed_module, yaml11_booleans
from generator.bank.model import Competency, Module, Taxonomy
from generator.bank.schema_errors import error_locations, problems_from
from generator.bank.source import Source, read_yaml
from generator.bank.suggest import did_you_mean
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
    warnings: list[Problem] = field(default_factory=list)  # item-writing, when asked for

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


# Fields that change no quiz and no answer key: left out of the hashes, so adding them to a bank
# does not mark every earlier answer as given to a changed question. Where a question is taught is
# not what it asks either: moving a link never makes old answers "changed".
NOT_CONTENT_QUESTION = {"silence", "training"}
NOT_CONTENT_MODULE: Any = {"remediation": True, "questions": {"__all__": NOT_CONTENT_QUESTION}}


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
    content = module.model_dump(mode="json", exclude=NOT_CONTENT_MODULE)
    if module.mode == "graded":
        content["questions"] = _without_key(content["questions"])
    return content_hash(content)


def question_hash(module: Module, question: Question) -> str:
    """Changes when the question does, so the scorer can flag answers given to an older version.

    A graded page carries this hash, so for graded modules it leaves the key out: otherwise
    anyone could hash each candidate answer offline until one matched the page.
    """
    content = question.model_dump(mode="json", exclude=NOT_CONTENT_QUESTION)
    if module.mode == "graded":
        content = _without_key(content)
    scenario = getattr(question, "scenario", None)
    if scenario is not None:
        found = [s.model_dump(mode="json") for s in module.scenarios if s.id == scenario]
        content["scenario"] = found[0] if found else scenario
    if (
        getattr(question, "scale", None) is not None and module.rating is not None
    ):  # rated on the module's scale
        content["rating"] = module.rating.model_dump(mode="json")
    return content_hash(content)


def load_catalog(banks_dir: Path, docs_dir: Path | None = None, *, item_writing: bool = False) -> Catalog:
    """Validate ``banks_dir`` (and, when given, training links into ``docs_dir``).

    With ``item_writing``, also run the item-writing checks of :mod:`generator.bank.writing`;
    their warnings come back in ``Catalog.warnings`` (or beside the errors).

    Raises :class:`InvalidInput` carrying every problem found, never just the first.
    """
    problems: list[Problem] = []
    if not banks_dir.is_dir():
        raise InvalidInput([Problem(display_path(banks_dir), 0, 0, "banks folder does not exist")])
    taxonomy = _load_taxonomy(banks_dir / TAXONOMY_FILE, problems)
    banks: list[Bank] = []
    sources: list[Source] = []
    files = bank_files(banks_dir)
    module_ids: set[str] = set()  # every module id written, valid bank or not: remediation targets
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
        loaded = _load(file, Module, problems, taxonomy, docs_dir, module_ids)
        if loaded is None:
            continue
        module, source = loaded
        found = list(checks.check_module(module, source, taxonomy, docs_dir))
        problems.extend(found)
        if not found:
            banks.append(_bank(module, source.path))
            sources.append(source)
            if item_writing:
                problems.extend(writing.check_module(module, source))
    problems.extend(_cross_file(banks, sources))
    problems.extend(_remediation_targets(banks, sources, module_ids))
    if any(p.severity == "error" for p in problems) or taxonomy is None:
        raise InvalidInput(problems)
    return Catalog(taxonomy, banks, warnings=sorted(problems))


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
    file: Path,
    model: type[M],
    problems: list[Problem],
    taxonomy: Taxonomy | None = None,
    docs_dir: Path | None = None,
    module_ids: set[str] | None = None,
) -> tuple[M, Source] | None:
    source, found = read_yaml(file, display_path(file))
    problems.extend(found)
    if source is None or found:
        return None
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "expected a mapping of keys at the top of the file"))
        return None
    if module_ids is not None and isinstance(source.data.get("id"), str):
        module_ids.add(source.data["id"])
    try:
        validated = model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(problems_from(error, source, model))
        problems.extend(yaml11_booleans(source, error_locations(error, source, model)))
        if model is Module:
            problems.extend(check_failed_module(source.data, source, taxonomy, docs_dir))
        return None
    found = list(yaml11_booleans(source, set()))
    problems.extend(found)
    return (validated, source) if not found else None


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


def _remediation_targets(banks: list[Bank], sources: list[Source], module_ids: set[str]) -> Iterator[Problem]:
    for bank, source in zip(banks, sources, strict=True):
        for ri, entry in enumerate(bank.module.remediation):
            loc = ("remediation", ri, "module")
            if entry.module == bank.module.id:
                yield source.problem(
                    loc, "a remediation entry names its own module; leave the gap out instead"
                )
            elif entry.module not in module_ids:
                yield source.problem(
                    loc, f"unknown module '{entry.module}'{did_you_mean(entry.module, module_ids)}"
                )


def load_taxonomy(path: Path, problems: list[Problem]) -> Taxonomy | None:
    """The competency model alone, for tools that write banks; its problems go to ``problems``."""
    return _load_taxonomy(path, problems)


def check_bank_file(file: Path, taxonomy: Taxonomy | None, docs_dir: Path | None) -> list[Problem]:
    """Every problem ``repready validate`` finds in one bank file, apart from ids other banks use."""
    problems: list[Problem] = []
    loaded = _load(file, Module, problems, taxonomy)
    if loaded is not None:
        module, source = loaded
        problems.extend(checks.check_module(module, source, taxonomy, docs_dir))
    return problems

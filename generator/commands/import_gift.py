"""``repready import-gift``: Moodle GIFT files -> question banks, all or nothing."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from generator.problems import EXIT_OK, InvalidInput, OutputError, Problem, display_path

if TYPE_CHECKING:
    from generator.interop.gift.importer import Imported, Settings

DESCRIPTION = (
    "Read Moodle GIFT files and write one bank per category into --out (replaced whole). Questions "
    "with no RepReady type are reported as path:line:col: error and skipped (--strict: fatal)."
)
MARKER = ".repready-import-gift"
MAX_BYTES = 8 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help="GIFT files (UTF-8)")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder for the banks, e.g. assessments/moodle (replaced whole)",
    )
    parser.add_argument(
        "--banks",
        type=Path,
        default=Path("assessments"),
        help="existing banks: their competency model, topics and question ids (default: assessments)",
    )
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)")
    parser.add_argument(
        "--competency",
        action="append",
        default=[],
        metavar="ID",
        help="tag every imported question with this competency (repeatable)",
    )
    parser.add_argument("--categories", type=Path, help="YAML file mapping Moodle categories to modules")
    parser.add_argument("--topic", help="topic id for modules whose category names no known topic")
    parser.add_argument("--training", help="training page (relative to docs/) for every module")
    parser.add_argument(
        "--strict", action="store_true", help="fail, writing nothing, when any question cannot be imported"
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: the command table imports this module only to list its options.
    from generator.interop.bank_yaml import dump_bank
    from generator.interop.gift.importer import import_gift
    from generator.interop.gift.reader import GiftFile, read_gift

    settings, problems = _settings(args)
    files: list[GiftFile] = []
    for path in args.files:
        text = _read(path, problems)
        if text is not None:
            files.append(read_gift(text, display_path(path)))
    if problems:
        raise InvalidInput(problems)
    imported = import_gift(files, settings)
    errors = [p for p in imported.problems if p.severity == "error"]
    unreadable = [p for p in errors if "skipped" not in p.message]
    if unreadable or (args.strict and errors):
        raise InvalidInput(imported.problems)
    if not imported.modules:
        raise InvalidInput(
            [*imported.problems, Problem(display_path(args.files[0]), 0, 0, "no question to import")]
        )
    schema = os.path.relpath(args.banks / "bank.schema.json", args.out)
    outputs = {
        f"{module.id}.yml": dump_bank(
            module.data(),
            [
                f"yaml-language-server: $schema={Path(schema).as_posix()}",
                f"Imported from Moodle GIFT ({', '.join(module.sources)}) by repready import-gift.",
                "Importing again replaces this folder: edit a copy, or import into a new folder.",
            ],
        )
        for module in imported.modules
    }
    from generator.folders import replace_folder

    replace_folder(args.out, outputs, command="repready import-gift", marker=MARKER)
    for problem in imported.problems:
        print(problem, file=sys.stderr)
    banks = _count(len(imported.modules), "bank")
    skipped = f"; skipped {imported.skipped} (see the errors above)" if imported.skipped else ""
    print(f"imported {_count(imported.questions, 'question')} into {banks} in {args.out}{skipped}")
    _advise(imported, args, settings.known_competencies is not None)
    return EXIT_OK


def _advise(imported: Imported, args: argparse.Namespace, have_model: bool) -> None:
    """Say what the trainer still has to do, then check the written banks as the validator will."""
    missing = sum(m.without_competencies for m in imported.modules)
    explained = sum(m.generated_explanations for m in imported.modules)
    if explained:
        print(
            f"{_count(explained, 'question')} had no general feedback: their explanation states the "
            "right answer; rewrite it to say why"
        )
    if missing:
        print(
            f"{_count(missing, 'question')} without a competency: add 'competencies:' (ids from "
            f"{display_path(args.banks / 'competencies.yml')}), or import again with --competency ID, "
            "a --categories file or // [tag:ID] lines in the GIFT file"
        )
    problems = _validate(args.out, args.banks, args.docs) if have_model else []
    if problems:
        print("before the site builds, fix these (repready validate reports them too):")
        for problem in problems:
            print(f"  {problem}")


def _validate(out: Path, banks: Path, docs: Path) -> list[Problem]:
    from generator.bank.catalog import check_bank_file, load_taxonomy

    found: list[Problem] = []
    taxonomy = load_taxonomy(banks / "competencies.yml", found)
    for file in sorted(out.glob("*.yml")):
        found.extend(check_bank_file(file, taxonomy, docs if docs.is_dir() else None))
    return sorted(found)


def _read(path: Path, problems: list[Problem]) -> str | None:
    where = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(where, 0, 0, f"cannot read the file: {error.strerror}"))
        return None
    if len(raw) > MAX_BYTES:
        problems.append(Problem(where, 0, 0, f"larger than {MAX_BYTES // 1024 // 1024} MB; split it"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(where, line, 1, "not UTF-8 text; export from Moodle again or convert the file to UTF-8")
        )
        return None


CategoryName = Annotated[str, StringConstraints(min_length=1)]


class _Mapping(BaseModel):
    """One category of a --categories file: what its module becomes."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    module: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    title: str | None = None
    topic: str | None = None
    training: str | None = None
    competencies: list[str] = Field(default_factory=list)


class _CategoryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    categories: dict[CategoryName, _Mapping]


def _settings(args: argparse.Namespace) -> tuple[Settings, list[Problem]]:
    from generator.bank.catalog import load_taxonomy
    from generator.bank.files import bank_files
    from generator.bank.schema_errors import problems_from
    from generator.bank.source import read_yaml
    from generator.interop.gift.importer import CategoryPlan, Settings

    problems: list[Problem] = []
    taxonomy = None
    taken: set[str] = set()
    if (args.banks / "competencies.yml").is_file():
        taxonomy = load_taxonomy(args.banks / "competencies.yml", problems)
        out = args.out.resolve()
        for file in bank_files(args.banks):
            if out in file.resolve().parents:
                continue  # an earlier import into --out is replaced, so its ids are free
            source, _ = read_yaml(file, display_path(file))
            if source is not None and isinstance(source.data, dict):
                for question in source.data.get("questions") or []:
                    if isinstance(question, dict) and isinstance(question.get("id"), str):
                        taken.add(question["id"])
    known = frozenset(c.id for c in taxonomy.competencies) if taxonomy else None
    topics = {t.id: t.title for t in taxonomy.topics} if taxonomy else {}
    for competency in args.competency:
        if known is not None and competency not in known:
            hint = difflib.get_close_matches(competency, sorted(known), n=1)
            raise OutputError(
                f"--competency {competency}: not in {display_path(args.banks / 'competencies.yml')}"
                + (f" (did you mean {hint[0]}?)" if hint else "")
            )
    if args.topic and topics and args.topic not in topics:
        raise OutputError(f"--topic {args.topic}: expected one of {', '.join(sorted(topics))}")
    categories: dict[str, CategoryPlan] = {}
    if args.categories is not None:
        source, found = read_yaml(args.categories, display_path(args.categories))
        problems.extend(found)
        if source is not None and not found:
            try:
                parsed = _CategoryFile.model_validate(source.data)
            except ValidationError as error:
                problems.extend(problems_from(error, source, _CategoryFile))
            else:
                for name, plan in parsed.categories.items():
                    for index, competency in enumerate(plan.competencies):
                        if known is not None and competency not in known:
                            problems.append(
                                source.problem(
                                    ("categories", name, "competencies", index),
                                    f"unknown competency '{competency}'",
                                )
                            )
                    categories[name] = CategoryPlan(
                        plan.module, plan.title, plan.topic, plan.training, tuple(plan.competencies)
                    )
    settings = Settings(
        competencies=tuple(args.competency),
        topic=args.topic,
        training=args.training,
        categories=categories,
        topics=topics,
        known_competencies=known,
        taken_ids=frozenset(taken),
    )
    return settings, problems


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

"""GIFT questions -> bank modules: what maps, how, and a located message for everything that does not.

Each ``$CATEGORY`` starts a module (its last part names it; an earlier part that names a known
topic gives the topic). Question titles become ids; ``// [id:...]`` (Moodle's id number) wins
when it is a valid id, and ``// [tag:...]`` naming a competency tags the question with it.

Moodle's types map as follows:

- multiple choice with one ``=`` answer -> ``single``. Partial or negative credit on the other
  answers has no place in a RepReady single choice: each is reported as a warning.
- multiple choice with weighted answers and no ``=`` (Moodle's "multiple answers") ->
  ``multiple`` with ``scoring: partial``: answers with positive weight are the right ones, and
  RepReady's partial credit ((right ticks - wrong ticks) / right answers, never below 0) keeps
  the penalty of negative weights. Weights that this formula does not reproduce are reported.
- multiple choice with several ``=`` answers -> ``multiple`` (each is fully right), reported.
- true-false -> ``true-false`` with both feedbacks; matching -> ``matching`` with
  ``scoring: partial`` (Moodle's own grading); targets without an item are distractors.
- short answer, numerical, essay, description and the missing-word short answer have no
  RepReady type: each is reported as an error naming its type and skipped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.interop.gift.markup import escape, to_markdown
from generator.interop.gift.reader import Answer, Category, GiftFile, Question, Text
from generator.problems import Problem

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
COMPETENCY_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$")
_SLUG_LENGTH = 48
_FULL = 0.9999
#: Moodle's types with no RepReady equivalent, with the words used to report them. The types of
#: issue 9 (fill-in-the-blank, numeric, written response) will take short answers, numericals
#: and essays: map them in :func:`_convert` when those types exist, and drop them from here.
UNSUPPORTED = {
    "shortanswer": "a short-answer question",
    "numerical": "a numerical question",
    "essay": "an essay question",
    "description": "a description (text with no answers)",
}
_CATEGORY_ROOTS = re.compile(r"^\$[a-z0-9]*\$$")


@dataclass(frozen=True)
class CategoryPlan:
    """What a category becomes: from a mapping file, or read from the category path."""

    module: str | None = None
    title: str | None = None
    topic: str | None = None
    training: str | None = None
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    competencies: tuple[str, ...] = ()
    topic: str | None = None
    training: str | None = None
    categories: dict[str, CategoryPlan] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)  # known topic id -> title
    known_competencies: frozenset[str] | None = None  # None: no competency model to check against
    taken_ids: frozenset[str] = frozenset()  # question ids of the existing banks


@dataclass
class ImportedModule:
    id: str
    title: str
    category: str | None
    sources: list[str]
    topic: str | None
    training: str | None
    questions: list[dict[str, Any]] = field(default_factory=list)
    competencies: tuple[str, ...] = ()
    generated_explanations: int = 0
    without_competencies: int = 0

    def data(self) -> dict[str, Any]:
        """The module as bank data, keys in the order a trainer reads them."""
        origin = ", ".join(source.replace("\\", "/").rsplit("/", 1)[-1] for source in self.sources)
        summary = f"Questions imported from Moodle ({origin}"
        summary += f", category {self.category})." if self.category else ")."
        data: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.topic:
            data["topic"] = self.topic
        data["summary"] = escape(summary)
        if self.training:
            data["training"] = self.training
        data["mode"] = "practice"
        data["questions"] = self.questions
        return data


@dataclass
class Imported:
    modules: list[ImportedModule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0

    @property
    def questions(self) -> int:
        return sum(len(m.questions) for m in self.modules)


def import_gift(files: Sequence[GiftFile], settings: Settings) -> Imported:
    """Every question of ``files`` as bank data, or a located problem saying why not."""
    result = Imported()
    ids = _Ids(set(settings.taken_ids))
    modules: dict[str, ImportedModule] = {}
    for gift in files:
        result.problems.extend(gift.problems)
        module: ImportedModule | None = None
        for item in gift.items:
            if isinstance(item, Category):
                module = _module_for(item.path, gift.path, settings, modules)
                continue
            if module is None:
                module = _module_for(None, gift.path, settings, modules)
            converted = _Converter(item, gift.path, module, settings, ids, result.problems).convert()
            if converted is None:
                result.skipped += 1
            else:
                module.questions.append(converted)
    result.modules = [m for m in modules.values() if m.questions]
    return result


def slug(text: str, limit: int = _SLUG_LENGTH) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-")


def category_parts(path: str) -> list[str]:
    """The names along a category path, without ``$course$``-style roots and ``top``.

    Moodle writes a ``/`` inside a name as ``//``.
    """
    parts = [p.replace("\0", "/").strip() for p in path.replace("//", "\0").split("/")]
    parts = [p for p in parts if p]
    while parts and (_CATEGORY_ROOTS.match(parts[0]) or parts[0] == "top"):
        parts.pop(0)
    return parts


def _module_for(
    category: str | None, source: str, settings: Settings, modules: dict[str, ImportedModule]
) -> ImportedModule:
    parts = category_parts(category) if category else []
    plan = _plan(category, parts, settings)
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = plan.title or (parts[-1] if parts else stem.replace("_", " ").replace("-", " ").strip() or stem)
    module_id = plan.module or slug(title) or "moodle-" + hashlib.sha256(title.encode()).hexdigest()[:8]
    found = modules.get(module_id)
    if found is not None:
        if source not in found.sources:
            found.sources.append(source)
        return found
    topic = plan.topic or _known_topic(parts[:-1], settings) or settings.topic
    module = ImportedModule(
        id=module_id,
        title=title,
        category=category,
        sources=[source],
        topic=topic,
        training=plan.training or settings.training,
        competencies=plan.competencies,
    )
    modules[module_id] = module
    return module


def _plan(category: str | None, parts: list[str], settings: Settings) -> CategoryPlan:
    if category is None:
        return CategoryPlan()
    for key in (category, "/".join(parts), parts[-1] if parts else ""):
        if key in settings.categories:
            return settings.categories[key]
    return CategoryPlan()


def _known_topic(parts: Iterable[str], settings: Settings) -> str | None:
    for part in parts:
        for topic_id, title in settings.topics.items():
            if slug(part) == topic_id or part.casefold() == title.casefold():
                return topic_id
    return None


class _Ids:
    """Question ids: readable, unique across the import and the existing banks, stable per input."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def claim(self, question: Question, module: ImportedModule) -> str:
        if question.idnumber and ID_PATTERN.match(question.idnumber) and question.idnumber not in self.taken:
            return self._take(question.idnumber)
        base = slug(question.title or "") or slug(" ".join(question.stem.text.split()[:8]), 32)
        if not base:
            base = "q-" + hashlib.sha256(question.stem.text.encode()).hexdigest()[:8]
        for candidate in (base, f"{module.id}-{base}"[:64].rstrip("-")):
            if candidate not in self.taken:
                return self._take(candidate)
        number = 2
        while f"{base}-{number}" in self.taken:
            number += 1
        return self._take(f"{base}-{number}")

    def _take(self, value: str) -> str:
        self.taken.add(value)
        return value


class _Converter:
    def __init__(
        self,
        question: Question,
        path: str,
        module: ImportedModule,
        settings: Settings,
        ids: _Ids,
        problems: list[Problem],
    ) -> None:
        self.q = question
        self.path = path
        self.module = module
        self.settings = settings
        self.ids = ids
        self.problems = problems

    def report(self, message: str, severity: str = "error", answer: Answer | None = None) -> None:
        line, col = (answer.line, answer.col) if answer is not None else (self.q.line, self.q.col)
        self.problems.append(Problem(self.path, line, col, message, severity))

    def markdown(self, text: Text) -> str:
        converted = to_markdown(text)
        for image in converted.dropped_images:
            self.report(
                f"image '{image}' dropped: a GIFT file holds no images (Moodle keeps them in its file "
                "store) and the portal loads nothing from other servers; put it under docs/ and link it",
                "warning",
            )
        return converted.markdown

    def convert(self) -> dict[str, Any] | None:
        q = self.q
        if q.kind == "shortanswer" and q.embedded:
            self.report(
                "a missing-word question (a short answer inside the text) has no RepReady type: skipped"
            )
            return None
        if q.kind in UNSUPPORTED:
            self.report(f"{UNSUPPORTED[q.kind]} has no RepReady type: skipped")
            return None
        prompt = self.markdown(q.stem)
        if not prompt:
            self.report("the question has no text: skipped")
            return None
        body = {"multichoice": self._choice, "truefalse": self._truefalse, "matching": self._matching}[
            q.kind
        ]()
        if body is None:
            return None
        explanation = self.markdown(q.general_feedback) if q.general_feedback else ""
        if not explanation:
            explanation = body.pop("_explanation")
            self.module.generated_explanations += 1
        body.pop("_explanation", None)
        data: dict[str, Any] = {"id": self.ids.claim(q, self.module), "type": body.pop("type")}
        data["prompt"] = prompt
        competencies = self._competencies()
        if competencies:
            data["competencies"] = competencies
        else:
            self.module.without_competencies += 1
        data["explanation"] = explanation
        data.update(body)
        return data

    def _competencies(self) -> list[str]:
        known = self.settings.known_competencies
        tagged = [t for t in self.q.tags if COMPETENCY_PATTERN.match(t) and (known is None or t in known)]
        chosen = [*tagged, *self.module.competencies, *self.settings.competencies]
        return list(dict.fromkeys(chosen))

    def _options(self, answers: Sequence[Answer], right: set[int]) -> list[dict[str, Any]] | None:
        options: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for index, answer in enumerate(answers):
            text = self.markdown(answer.text)
            if not text:
                self.report("an answer has no text: question skipped", answer=answer)
                return None
            if text in seen:
                self.report(
                    f"answers {seen[text] + 1} and {index + 1} read the same ('{answer.text.text}'); "
                    "RepReady needs distinct options: question skipped",
                    answer=answer,
                )
                return None
            seen[text] = index
            option: dict[str, Any] = {"id": _letter(index), "text": text}
            if index in right:
                option["correct"] = True
            if answer.feedback is not None and (feedback := self.markdown(answer.feedback)):
                option["feedback"] = feedback
            options.append(option)
        return options

    def _choice(self) -> dict[str, Any] | None:
        answers = self.q.answers
        credits = [a.credit for a in answers]
        full = {i for i, c in enumerate(credits) if c >= _FULL}
        one_answer = any(a.right for a in answers)  # Moodle: any '=' makes it a one-answer question
        if one_answer and len(full) == 1:
            for answer, credit in zip(answers, credits, strict=True):
                if credit < _FULL and credit != 0:
                    self.report(
                        f"answer '{answer.text.text}' earns {credit:.0%} in Moodle; a RepReady single "
                        "choice gives credit for the right answer only",
                        "warning",
                        answer,
                    )
            options = self._options(answers, full)
            if options is None:
                return None
            return {"type": "single", "options": options, "_explanation": self._key_sentence(options)}
        if one_answer and len(full) > 1:
            self.report(
                f"{len(full)} answers earn full marks in a one-answer question: imported as multiple "
                "select, where the rep ticks every right answer",
                "warning",
            )
            right = full
        else:
            right = {i for i, c in enumerate(credits) if c > 0}
        if not right:
            self.report("no answer earns credit: question skipped")
            return None
        share = 1 / len(right)
        same = all(abs(c - (share if i in right else -share)) < 0.01 for i, c in enumerate(credits))
        if not one_answer and not same:
            self.report(
                "Moodle's answer weights differ from RepReady's partial credit ((right ticks - wrong "
                "ticks) / right answers, never below 0): check the scoring",
                "warning",
            )
        options = self._options(answers, right)
        if options is None:
            return None
        return {
            "type": "multiple",
            "scoring": "partial",
            "options": options,
            "_explanation": self._key_sentence(options),
        }

    def _key_sentence(self, options: list[dict[str, Any]]) -> str:
        right = [str(o["text"]) for o in options if o.get("correct")]
        if len(right) == 1:
            return f"The right answer: {right[0]}"
        return "The right answers: " + "; ".join(right)

    def _truefalse(self) -> dict[str, Any]:
        q = self.q
        data: dict[str, Any] = {"type": "true-false", "answer": bool(q.truth)}
        for key, text in (("feedback_true", q.feedback_true), ("feedback_false", q.feedback_false)):
            if text is not None and (markdown := self.markdown(text)):
                data[key] = markdown
        data["_explanation"] = f"The statement is {'true' if q.truth else 'false'}."
        return data

    def _matching(self) -> dict[str, Any] | None:
        targets: dict[str, str] = {}
        pairs: list[dict[str, Any]] = []
        for pair in self.q.pairs:
            if not pair.target:
                self.report("a matching pair has nothing after '->': question skipped")
                return None
            target_id = targets.setdefault(pair.target, f"t{len(targets) + 1}")
            if not pair.item.text:
                continue
            pairs.append({"id": f"s{len(pairs) + 1}", "text": self.markdown(pair.item), "match": target_id})
        texts = [p["text"] for p in pairs]
        if len(pairs) < 2 or len(set(texts)) != len(texts):
            self.report("a matching question needs two or more distinct items: question skipped")
            return None
        if len(targets) < 2:
            self.report("a matching question needs two or more distinct answers: question skipped")
            return None
        target_text = {v: k for k, v in targets.items()}
        key = "; ".join(f"{p['text']} → {escape(target_text[p['match']])}" for p in pairs)
        return {
            "type": "matching",
            "scoring": "partial",
            "pairs": pairs,
            "targets": [{"id": tid, "text": escape(text)} for text, tid in targets.items()],
            "_explanation": f"The right pairs: {key}",
        }


def _letter(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < len(letters) else f"o{index + 1}"

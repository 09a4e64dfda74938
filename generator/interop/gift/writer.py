"""A bank -> GIFT text that Moodle imports, and a located message for what GIFT cannot hold.

Text is written as ``[markdown]`` (Moodle renders Markdown) with GIFT's escapes applied. The
question id is both the title and Moodle's id number (``// [id:...]``), and each competency a
Moodle tag (``// [tag:...]``), so an import of the file gives the same ids and tags back.

What GIFT has no form for:

- ordering -> a matching question that pairs each step with its position, with a comment;
- all-or-nothing scoring of multiple-select and matching -> Moodle's partial credit, with a comment;
- a scenario's shared text -> a description item (text only) before the first question using it;
- Likert items -> skipped: they have no right answer, and Moodle surveys are not quiz questions.

Each of these is reported as a warning at the question's line in the bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.bank.items import Question
from generator.bank.items.choices import Option
from generator.bank.items.likert import Likert
from generator.bank.items.matching import Matching
from generator.bank.items.multiple import MultipleSelect
from generator.bank.items.ordering import Ordering
from generator.bank.items.single import SingleChoice
from generator.bank.items.true_false import TrueFalse
from generator.bank.model import Module
from generator.bank.source import Source, read_yaml
from generator.problems import Problem

_ESCAPED = str.maketrans({c: "\\" + c for c in "~=#{}:"})
_WEIGHT_LIKE = re.compile(r"^\s*%")
#: The grades Moodle accepts for an answer (its "match grades" list), in percent.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)  # fmt: skip


@dataclass
class Exported:
    text: str
    questions: int
    problems: list[Problem] = field(default_factory=list)


def escape(text: str) -> str:
    """``text`` with GIFT's control characters escaped and line breaks written as ``\\n``."""
    out = text.strip().replace("\\", "\\\\").translate(_ESCAPED)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def weight(share: float) -> str:
    """A share of the mark as the nearest percentage Moodle accepts, written as Moodle writes it."""
    percent = min(MOODLE_GRADES, key=lambda g: abs(g - abs(share) * 100))
    written = f"{percent:.5f}".rstrip("0").rstrip(".")
    return f"%{'-' if share < 0 and percent else ''}{written}%"


def write_module(module: Module, path: str, topic_title: str | None = None) -> Exported:
    """GIFT for every question of ``module`` that GIFT can hold; warnings for the rest."""
    return _Writer(module, path, topic_title).write()


class _Writer:
    def __init__(self, module: Module, path: str, topic_title: str | None) -> None:
        self.module = module
        self.path = path
        self.topic = topic_title or module.topic
        self.problems: list[Problem] = []
        self.source: Source | None = read_yaml(Path(path), path)[0] if Path(path).is_file() else None
        self.written_scenarios: set[str] = set()

    def warn(self, index: int, message: str) -> None:
        line, col = self.source.locate(("questions", index)) if self.source else (0, 0)
        self.problems.append(Problem(self.path, line, col, message, "warning"))

    def write(self) -> Exported:
        category = "/".join(
            part.replace("/", "//") for part in ("$course$", "top", self.topic, self.module.title)
        )
        blocks = [
            f"// RepReady module {self.module.id}: {_one_line(self.module.title)}\n"
            "// Exported by repready export-gift; import it in Moodle's question bank as GIFT.",
            f"$CATEGORY: {_one_line(category)}",
        ]
        count = 0
        for index, question in enumerate(self.module.questions):
            written = list(self.question(index, question))
            if written:
                count += 1
                blocks.extend(written)
        return Exported("\n\n".join(blocks) + "\n", count, self.problems)

    def question(self, index: int, q: Question) -> Iterator[str]:
        if isinstance(q, Likert):
            self.warn(
                index,
                f"Likert item '{q.id}' has no right answer and no GIFT form: skipped (Moodle holds "
                "self-assessments in its Feedback activity, not in the question bank)",
            )
            return
        if not isinstance(q, (SingleChoice, MultipleSelect, TrueFalse, Matching, Ordering)):
            self.warn(index, f"{q.type} question '{q.id}' has no GIFT writer yet: skipped")
            return
        if q.scenario and q.scenario not in self.written_scenarios:
            scenario = next(s for s in self.module.scenarios if s.id == q.scenario)
            users = [x.id for x in self.module.questions if getattr(x, "scenario", None) == q.scenario]
            self.written_scenarios.add(q.scenario)
            self.warn(
                index,
                f"scenario '{scenario.id}' is shared text, which GIFT cannot hold: written as a description "
                f"item before {', '.join(users)}",
            )
            text = f"**{scenario.title.strip()}**\n\n{scenario.text}"
            yield (
                f"// RepReady scenario {scenario.id}, the case for {', '.join(users)}: a description "
                "item, so keep it first when the quiz shuffles\n"
                f"::{scenario.id}::[markdown]{escape(text)}"
            )
        head = [f"// [id:{q.id}]"]
        head += [f"// [tag:{competency}]" for competency in q.competencies]
        if isinstance(q, (MultipleSelect, Matching)) and q.scoring == "all-or-nothing":
            self.warn(
                index, f"'{q.id}' scores all or nothing, which GIFT cannot say: Moodle gives partial credit"
            )
            head.append("// RepReady scores this question all or nothing; Moodle gives partial credit.")
        if isinstance(q, Ordering):
            self.warn(
                index,
                f"ordering question '{q.id}' has no GIFT form: written as matching each step to its position",
            )
            head.append("// RepReady ordering question: written as matching each step to its position.")
        answers = self.answers(q)
        general = f"\t####[markdown]{escape(q.explanation)}\n"
        yield "\n".join(head) + f"\n::{q.id}::[markdown]{escape(q.prompt)}{{\n{answers}{general}}}"

    def answers(self, q: Question) -> str:
        if isinstance(q, SingleChoice):
            return "".join(self.option("=" if o.correct else "~", o) for o in q.options)
        if isinstance(q, MultipleSelect):
            right = sum(o.correct for o in q.options)
            plus, minus = weight(1 / right), weight(-1 / right)
            return "".join(self.option("~" + (plus if o.correct else minus), o) for o in q.options)
        if isinstance(q, TrueFalse):
            # Moodle's order: the feedback for the wrong answer first, then for the right one.
            good, bad = (
                (q.feedback_true, q.feedback_false) if q.answer else (q.feedback_false, q.feedback_true)
            )
            key = "TRUE" if q.answer else "FALSE"
            if bad or good:
                key += "#" + (f"[markdown]{escape(bad)}" if bad else "")
            if good:
                key += f"#[markdown]{escape(good)}"
            return f"\t{key}\n"
        if isinstance(q, Matching):
            targets = {t.id: t.text for t in q.targets}
            lines = [f"\t={_item(p.text)} -> {_plain(targets[p.match])}\n" for p in q.pairs]
            used = {p.match for p in q.pairs}
            lines += [f"\t= -> {_plain(t.text)}\n" for t in q.targets if t.id not in used]
            return "".join(lines)
        if isinstance(q, Ordering):
            return "".join(f"\t={_item(s.text)} -> {n}\n" for n, s in enumerate(q.steps, start=1))
        raise TypeError(q.type)

    @staticmethod
    def option(mark: str, option: Option) -> str:
        text = escape(option.text)
        if _WEIGHT_LIKE.match(text) and "%" not in mark:
            mark += "%100%" if mark == "=" else "%0%"
        if text.startswith("["):
            text = "[markdown]" + text
        feedback = f"#[markdown]{escape(option.feedback)}" if option.feedback else ""
        return f"\t{mark}{text}{feedback}\n"


def _item(text: str) -> str:
    """A matching item: ``->`` inside it would end it, so its '>' is written as Markdown's ``\\>``."""
    escaped = escape(text).replace("->", "-\\\\>")
    return ("[markdown]" + escaped) if escaped.startswith("[") else escaped


def _plain(markdown_text: str) -> str:
    """Moodle shows matching answers as plain text: write what a reader sees of the Markdown."""
    from generator.render.markdown import to_plain

    return escape(to_plain(markdown_text))


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""Read GIFT text into plain data: one item per question block, every problem located.

The reading follows Moodle's importer, step by step: questions are separated by blank lines;
lines starting with ``//`` are comments (``// [id:...]`` and ``// [tag:...]`` are kept); the
backslash escapes ``\\:`` ``\\#`` ``\\=`` ``\\{`` ``\\}`` ``\\~`` ``\\\\`` and ``\\n`` are set
aside before any structure is looked for; the first ``{`` and ``}`` bound the answers, and
text after them makes a missing-word question; ``####`` starts the general feedback; the
answers decide the type the way Moodle does (``~`` multiple choice, ``=`` with ``->``
matching, ``T``/``F`` true-false, ``#`` numerical, ``{}`` essay, no braces description, else
short answer).

Escapes are replaced by two characters of their own (a NUL and a private-use character), so the
masked text keeps every offset of the original and positions stay exact.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from generator.problems import Problem

Format = Literal["moodle", "html", "plain", "markdown"]
Kind = Literal["multichoice", "truefalse", "matching", "shortanswer", "numerical", "essay", "description"]
FORMATS: tuple[Format, ...] = ("moodle", "html", "plain", "markdown")

_ESCAPABLE = "\\:#={}~n"
_MARK = "\x00"
_BASE = 0xE000
_ESCAPE = re.compile(r"\\([\\:#={}~n])")
_MASKED = re.compile(_MARK + "([\ue000-\ue0ff])")
_FORMAT = re.compile(r"\[(moodle|html|plain|markdown)\]")
_WEIGHT = re.compile(r"%\s*(-?\d+(?:\.\d*)?)\s*%")
_TAGS = re.compile(r"\[(id|tag):([^\]]*)\]")
_TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass(frozen=True)
class Text:
    """Text as the author wrote it, escapes decoded, with the format it is written in."""

    text: str
    format: Format = "moodle"


@dataclass(frozen=True)
class Answer:
    text: Text
    weight: float | None  # the percentage written as %n%, None when none was written
    right: bool  # marked '=' rather than '~'
    feedback: Text | None = None
    line: int = 0
    col: int = 0

    @property
    def credit(self) -> float:
        """The share of the mark this answer earns, as Moodle computes it (1.0 is full marks)."""
        if self.weight is not None:
            return self.weight / 100
        return 1.0 if self.right else 0.0


@dataclass(frozen=True)
class Pair:
    item: Text  # empty: a target no item matches (a distractor)
    target: str


@dataclass(frozen=True)
class Question:
    kind: Kind
    stem: Text
    line: int
    col: int
    title: str | None = None
    embedded: bool = False  # answers inside the text: Moodle's "missing word" layout
    general_feedback: Text | None = None
    answers: tuple[Answer, ...] = ()
    pairs: tuple[Pair, ...] = ()
    truth: bool | None = None
    feedback_true: Text | None = None  # shown to whoever answered "true"
    feedback_false: Text | None = None
    idnumber: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    path: str
    line: int
    col: int


@dataclass
class GiftFile:
    path: str
    items: list[Question | Category] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [item for item in self.items if isinstance(item, Question)]


def read_gift(source: str, path: str) -> GiftFile:
    """Every question and category of ``source``; unreadable blocks become problems, never crashes."""
    result = GiftFile(path)
    text = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace(_MARK, "\ufffd")
    for block in _blocks(text.split("\n")):
        _Block(block, path, result).read()
    return result


@dataclass
class _Lines:
    """One question block: its lines (comments blanked) and what its comments said."""

    numbers: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    idnumber: str | None = None
    tags: list[str] = field(default_factory=list)


def _blocks(lines: list[str]) -> list[_Lines]:
    blocks: list[_Lines] = []
    current = _Lines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            if any(t.strip() for t in current.texts):
                blocks.append(current)
            current = _Lines()
            continue
        if stripped.startswith("//"):
            for kind, value in _TAGS.findall(stripped):
                if kind == "id" and value.strip():
                    current.idnumber = value.strip()
                elif value.strip():
                    current.tags.append(value.strip())
            line = ""
        current.numbers.append(number)
        current.texts.append(line)
    if any(t.strip() for t in current.texts):
        blocks.append(current)
    return blocks


def mask(text: str) -> str:
    """``text`` with each escape replaced by two characters that no structure search matches."""
    return _ESCAPE.sub(lambda m: _MARK + chr(_BASE + ord(m.group(1))), text)


def unmask(masked: str) -> str:
    """The text an escape stood for: ``\\n`` is a new line, every other escape its character."""

    def character(match: re.Match[str]) -> str:
        char = chr(ord(match.group(1)) - _BASE)
        return "\n" if char == "n" else char + ""

    return _MASKED.sub(character, masked)


class _Block:
    def __init__(self, lines: _Lines, path: str, into: GiftFile) -> None:
        self.lines = lines
        self.path = path
        self.into = into
        self.raw = "\n".join(lines.texts)
        self.masked = mask(self.raw)
        self.starts: list[int] = []
        offset = 0
        for line in lines.texts:
            self.starts.append(offset)
            offset += len(line) + 1

    def where(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines.numbers[index], offset - self.starts[index] + 1

    def problem(self, offset: int, message: str, severity: str = "error") -> None:
        line, col = self.where(offset)
        self.into.problems.append(Problem(self.path, line, col, message, severity))

    def read(self) -> None:
        m = self.masked
        start = len(m) - len(m.lstrip())
        line, col = self.where(start)
        if m.startswith("$CATEGORY:", start):
            self.into.items.append(Category(unmask(m[start + 10 :]).strip(), line, col))
            return
        body = start
        title: str | None = None
        if m.startswith("::", start):
            end = m.find("::", start + 2)
            if end < 0:
                self.problem(start, "the question title opened with '::' is not closed with '::'")
                return
            title = " ".join(unmask(m[start + 2 : end]).split()) or None
            body = end + 2
            body += len(m[body:]) - len(m[body:].lstrip())
        opened = m.find("{", body)
        closed = m.find("}", opened + 1 if opened >= 0 else body)
        if opened < 0 and closed < 0:
            self._question("description", m[body:], line, col, title, "", 0, False)
            return
        if opened < 0:
            self.problem(closed, "'}' closes no answer block; write \\} for a literal brace")
            return
        if closed < 0:
            self.problem(opened, "the answer block opened here is not closed with '}'")
            return
        after = m[closed + 1 :]
        again = m.find("{", closed + 1)
        if again >= 0:
            self.problem(
                again,
                "a second answer block: GIFT has one per question (several blanks in one text are "
                "Moodle's embedded answers, Cloze, which GIFT cannot hold); write \\{ for a literal brace",
            )
            return
        embedded = bool(after.strip())
        stem = m[body:opened] + ("_____" + after if embedded else "")
        self._question("?", stem, line, col, title, m[opened + 1 : closed], opened + 1, embedded)

    def _question(
        self,
        kind: str,
        stem_masked: str,
        line: int,
        col: int,
        title: str | None,
        answer: str,
        base: int,
        embedded: bool,
    ) -> None:
        stem = _formatted(stem_masked.strip(), "moodle")
        general: Text | None = None
        split = answer.rfind("####")
        if split >= 0:
            written = _formatted(answer[split + 4 :].strip(), stem.format)
            general = written if written.text else None
            answer = answer[:split]
        lead = len(answer) - len(answer.lstrip())
        offset = base + lead
        answer = answer.strip()
        common = {
            "stem": stem,
            "line": line,
            "col": col,
            "title": title,
            "embedded": embedded,
            "general_feedback": general,
            "idnumber": self.lines.idnumber,
            "tags": tuple(self.lines.tags),
        }
        if kind == "description":
            if not stem.text:
                return
            self.into.items.append(Question(kind="description", **common))  # type: ignore[arg-type]
            return
        if not answer:
            self.into.items.append(Question(kind="essay", **common))  # type: ignore[arg-type]
            return
        if answer.startswith("#"):
            self.into.items.append(Question(kind="numerical", **common))  # type: ignore[arg-type]
            return
        if "~" in answer:
            answers = self._choices(answer, offset, stem.format, split_at="~=")
            if len(answers) < 2:
                self.problem(offset, "a multiple-choice question needs at least two answers")
                return
            self.into.items.append(Question(kind="multichoice", answers=tuple(answers), **common))  # type: ignore[arg-type]
            return
        if "=" in answer and "->" in answer:
            pairs = self._pairs(answer, offset, stem.format)
            if pairs is not None:
                self.into.items.append(Question(kind="matching", pairs=tuple(pairs), **common))  # type: ignore[arg-type]
            return
        check = answer.split("#", 1)[0].strip()
        if check in _TRUTH:
            self.into.items.append(self._truefalse(answer, _TRUTH[check], stem.format, common))
            return
        answers = self._choices(answer, offset, stem.format, split_at="=")
        if not answers:
            self.problem(offset, "a short-answer question needs at least one answer")
            return
        self.into.items.append(Question(kind="shortanswer", answers=tuple(answers), **common))  # type: ignore[arg-type]

    def _pieces(self, answer: str, offset: int, split_at: str) -> list[tuple[str, int]]:
        """``answer`` cut before each unescaped marker character, with each piece's offset."""
        pieces: list[tuple[str, int]] = []
        start = 0
        for index, char in enumerate(answer):
            if char in split_at and index > start:
                pieces.append((answer[start:index], offset + start))
                start = index
        pieces.append((answer[start:], offset + start))
        return [(p, o) for p, o in pieces if p.strip()]

    def _choices(self, answer: str, offset: int, default: Format, split_at: str) -> list[Answer]:
        answers: list[Answer] = []
        for piece, at in self._pieces(answer, offset, split_at):
            right = piece.startswith("=")
            rest = piece[1:] if piece[:1] in "=~" else piece
            rest = rest.lstrip()
            weight: float | None = None
            found = _WEIGHT.match(rest)
            if found:
                weight = float(found.group(1))
                rest = rest[found.end() :]
            elif split_at == "=":  # short answers: '=' without a weight is full marks
                right = True
            text, _, feedback = rest.partition("#")
            line, col = self.where(at)
            answers.append(
                Answer(
                    text=_formatted(text.strip(), default),
                    weight=weight,
                    right=right,
                    feedback=_formatted(feedback.strip(), default) if feedback.strip() else None,
                    line=line,
                    col=col,
                )
            )
        return answers

    def _pairs(self, answer: str, offset: int, default: Format) -> list[Pair] | None:
        pairs: list[Pair] = []
        for piece, at in self._pieces(answer, offset, "="):
            body = piece[1:] if piece.startswith("=") else piece
            arrow = body.find("->")
            if arrow < 0:
                self.problem(at, "a matching answer needs '->' between the item and its match")
                return None
            pairs.append(Pair(_formatted(body[:arrow].strip(), default), unmask(body[arrow + 2 :]).strip()))
        if len(pairs) < 2:
            self.problem(offset, "a matching question needs at least two pairs")
            return None
        return pairs

    def _truefalse(self, answer: str, truth: bool, default: Format, common: dict[str, object]) -> Question:
        parts = answer.split("#", 2)
        wrong = parts[1].strip() if len(parts) > 1 else ""
        right = parts[2].strip() if len(parts) > 2 else ""
        # Moodle's order: the first feedback is for the wrong answer, the second for the right one.
        wrong_text = _formatted(wrong, default) if wrong else None
        right_text = _formatted(right, default) if right else None
        return Question(
            kind="truefalse",
            truth=truth,
            feedback_true=right_text if truth else wrong_text,
            feedback_false=wrong_text if truth else right_text,
            **common,  # type: ignore[arg-type]
        )


def _formatted(masked: str, default: Format) -> Text:
    """Text with its ``[format]`` prefix read off (else ``default``) and its escapes decoded."""
    found = _FORMAT.match(masked)
    fmt: Format = default
    if found:
        fmt = found.group(1)  # type: ignore[assignment]
        masked = masked[found.end() :]
    return Text(unmask(masked).strip(), fmt)

"""Turn statements into attempts: de-duplicate, detect conflicts, re-grade every response from the bank.

One :class:`Ingest` sees every statement of a run, in any order. It keeps only
small per-answer tuples, grouped by attempt (``registration``), so memory grows
with the number of answers, never with the size of the files. Nothing is decided
about latest or first attempts until :meth:`Ingest.finish`, so the order of files
and records cannot change a result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.bank.catalog import Bank, Catalog
from generator.bank.grading import grade
from generator.bank.model import GRADED_TYPES, Likert, Question
from generator.results.reader import Rejection
from generator.results.statement import Ignored, Statement, StatementReader
from generator.xapi.responses import ResponseError, parse

Where = tuple[str, int, int]  # path, line, record: where a statement came from


@dataclass(slots=True)
class Answer:
    """One re-graded response. ``score`` is the share of the question's point (a rating for Likert)."""

    sid: str
    response: str
    score: float
    changed: bool  # the question's content hash differs from the bank's: graded with today's key
    where: Where


@dataclass(slots=True)
class Attempt:
    """One attempt (one ``registration``) of one rep at one module."""

    rep: str
    module: str
    registration: str
    first_seen: datetime
    started: datetime | None = None
    presented: tuple[str, ...] | None = None
    presented_sid: str | None = None
    instructor: tuple[str, str | None] | None = None
    notes: str | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    shown: tuple[str, ...] = ()

    @property
    def when(self) -> datetime:
        return self.started or self.first_seen

    @property
    def order(self) -> tuple[datetime, str]:
        """Chronological order with the registration as a stable tie-break."""
        return (self.when, self.registration)


@dataclass
class Quality:
    """Everything the data-quality section reports."""

    files: int = 0
    statements: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    conflicts: dict[str, list[Where]] = field(default_factory=dict)
    changed: Counter[str] = field(default_factory=Counter)  # question id -> answers graded after a change
    unknown_questions: Counter[str] = field(default_factory=Counter)
    empty_attempts: int = 0

    @property
    def rejected_files(self) -> int:
        return len({r.path for r in self.rejections if not r.line and not r.record})


class Ingest:
    """Accumulates statements; call :meth:`add` for each, then :meth:`finish` once."""

    def __init__(self, catalog: Catalog, now: datetime) -> None:
        self.catalog = catalog
        self.reader = StatementReader(now)
        self.quality = Quality()
        self.attempts: dict[tuple[str, str, str], Attempt] = {}
        self.names: dict[str, tuple[datetime, str]] = {}  # rep -> latest (moment, name) seen
        self.managers: dict[str, tuple[datetime, str]] = {}
        self.homes: Counter[str] = Counter()
        self._seen: dict[str, int] = {}  # statement id -> fingerprint of its content
        self._first_where: dict[str, Where] = {}  # only for ids that turned out to conflict
        self._grades: dict[tuple[str, str], tuple[float, str | None]] = {}
        self._questions: dict[str, tuple[Bank, Question, str]] = {
            qid: (bank, question, bank.question_hashes[qid]) for qid, (bank, question) in catalog.questions.items()
        }

    def add(self, value: Any, where: Where) -> None:
        quality = self.quality
        quality.statements += 1
        statement = self.reader.read(value)
        if isinstance(statement, str):
            if isinstance(statement, Ignored):
                quality.ignored[str(statement)] += 1
            else:
                quality.rejections.append(Rejection(*where, reason=statement))
            return
        sid = statement.id
        previous = self._seen.get(sid)
        if previous is not None:
            if previous == statement.fingerprint:
                quality.duplicates += 1
            else:
                quality.conflicts.setdefault(sid, []).append(where)
            return
        reason = self._use(statement, where)
        if reason is not None:
            quality.rejections.append(Rejection(*where, reason=reason))
            return
        self._seen[sid] = statement.fingerprint
        quality.accepted += 1

    def _use(self, s: Statement, where: Where) -> str | None:
        if s.kind == "question":
            found = self._questions.get(s.activity)
            if found is None:
                self.quality.unknown_questions[s.activity] += 1
                return f"unknown question '{s.activity}': it is in no bank"
            bank, question, current_hash = found
            module = bank.module
            score, error = self._grade(s.activity, question, bank, s.response or "")
            if error is not None:
                return f"question '{s.activity}': {error}"
            if module.mode == "review" and s.instructor is None:
                return "a manager review names the manager in 'context.instructor'; it is missing"
            attempt = self._attempt(s, module.id)
            changed = s.question_hash is not None and s.question_hash != current_hash
            if changed:
                self.quality.changed[s.activity] += 1
            attempt.answers[s.activity] = Answer(s.id, s.response or "", score, changed, where)
        else:
            bank_or_none = self.catalog.modules.get(s.activity)
            if bank_or_none is None:
                return f"unknown module '{s.activity}': it is in no bank"
            attempt = self._attempt(s, s.activity)
            if s.verb == "attempted":
                if attempt.started is None or s.moment < attempt.started:
                    attempt.started = s.moment
                if s.presented is not None:
                    attempt.presented = s.presented
                    attempt.presented_sid = s.id
            elif s.verb == "completed" and s.response and bank_or_none.module.mode == "review":
                attempt.notes = s.response
        if s.instructor is not None:
            attempt.instructor = s.instructor
            self._remember(self.managers, s.instructor[0], s.moment, s.instructor[1])
        self._remember(self.names, s.rep, s.moment, s.rep_name)
        if s.home is not None:
            self.homes[s.home] += 1
        return None

    def _attempt(self, s: Statement, module_id: str) -> Attempt:
        key = (s.rep, module_id, s.registration)
        attempt = self.attempts.get(key)
        if attempt is None:
            attempt = self.attempts[key] = Attempt(s.rep, module_id, s.registration, s.moment)
        elif s.moment < attempt.first_seen:
            attempt.first_seen = s.moment
        return attempt

    @staticmethod
    def _remember(names: dict[str, tuple[datetime, str]], person: str, moment: datetime, name: str | None) -> None:
        if name is None:
            return
        known = names.get(person)
        if known is None or (moment, name) > known:
            names[person] = (moment, name)

    def _grade(self, qid: str, question: Question, bank: Bank, response: str) -> tuple[float, str | None]:
        key = (qid, response)
        known = self._grades.get(key)
        if known is None:
            try:
                parsed = parse(question, response, bank.module)
                if isinstance(question, Likert):
                    known = (float(parsed), None)
                else:
                    known = (grade(question, parsed).score, None)
            except ResponseError as error:
                known = (0.0, str(error))
            if len(self._grades) > 2_000_000:
                self._grades.clear()
            self._grades[key] = known
        return known

    def finish(self) -> list[Attempt]:
        """Drop conflicting statements, settle which questions each attempt showed, return the attempts."""
        conflicts = self.quality.conflicts
        out: list[Attempt] = []
        for attempt in self.attempts.values():
            if conflicts:
                for qid, answer in list(attempt.answers.items()):
                    if answer.sid in conflicts:
                        conflicts[answer.sid].insert(0, answer.where)
                        del attempt.answers[qid]
                if attempt.presented_sid in conflicts:
                    attempt.presented = None
            module = self.catalog.modules[attempt.module].module
            pool = [q.id for q in module.questions if q.type in GRADED_TYPES or q.type == "likert"]
            if attempt.presented is not None:
                in_pool = set(pool)
                attempt.shown = tuple(dict.fromkeys(q for q in attempt.presented if q in in_pool))
            elif module.draw is None:
                attempt.shown = tuple(pool)
            else:
                attempt.shown = tuple(q for q in pool if q in attempt.answers)
            shown = set(attempt.shown)
            for qid in [q for q in attempt.answers if q not in shown]:
                answer = attempt.answers.pop(qid)
                self.quality.rejections.append(
                    Rejection(*answer.where, reason=f"question '{qid}' was not among those presented in this attempt")
                )
            if not attempt.answers:
                self.quality.empty_attempts += 1
                continue
            out.append(attempt)
        self.quality.rejections.sort()
        out.sort(key=lambda a: (a.rep, a.module, a.order))
        return out

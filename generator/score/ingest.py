"""Turn statements into attempts: de-duplicate, detect conflicts, re-grade every response from the bank.

An :class:`Ingest` sees statements in any order and keeps only small per-answer
tuples grouped by attempt (``registration``), so memory grows with the number of
answers, never with the size of the files. Everything it keeps is a
:class:`Shard`; shards read by separate processes merge into one with
:meth:`Ingest.absorb`. Nothing is decided about latest or first attempts until
:meth:`Ingest.finish`, so neither the order of files and records nor the way
they were split between processes can change a result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from generator.bank.catalog import Bank, Catalog
from generator.bank.grading import NOT_OBSERVED, grade
from generator.bank.items import Question, is_graded
from generator.results.reader import Rejection
from generator.results.statement import Ignored, Statement, StatementReader
from generator.xapi.responses import ResponseError, parse

_new = tuple.__new__
POSITION_BITS = 32


def where(file_no: int, position: int, by_line: bool) -> int:
    """A statement's origin packed in one int: file number, line or record number, and which of the two."""
    return (file_no << (POSITION_BITS + 1)) | (position << 1) | by_line


class Answer(NamedTuple):
    """One re-graded response. ``score`` is the share of the question's point (the rating for Likert)."""

    sid: str
    response: str
    score: float
    changed: bool  # the question's content hash differs from the bank's: graded with today's key
    where: int
    moment: datetime


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
    name: str | None = None  # the rep's name as the statements give it
    home: str | None = None  # the portal (or MBOX_HOME) that names the rep; counted per attempt
    answers: dict[str, Answer] = field(default_factory=dict)
    shown: tuple[str, ...] = ()

    @property
    def when(self) -> datetime:
        return self.started or self.first_seen

    @property
    def order(self) -> tuple[datetime, str]:
        """Chronological order with the registration as a stable tie-break."""
        return (self.when, self.registration)

    def absorb(self, other: Attempt) -> None:
        self.first_seen = min(self.first_seen, other.first_seen)
        if other.started is not None and (self.started is None or other.started < self.started):
            self.started = other.started
        if other.presented is not None and (
            self.presented is None or (other.presented_sid or "") > (self.presented_sid or "")
        ):
            self.presented, self.presented_sid = other.presented, other.presented_sid
        self.instructor = max(self.instructor, other.instructor, key=lambda i: (i is not None, str(i)))
        self.notes = max(self.notes, other.notes, key=lambda n: (n is not None, n or ""))
        self.name = max(self.name, other.name, key=lambda n: (n is not None, n or ""))
        self.home = max(self.home, other.home, key=lambda h: (h is not None, h or ""))
        for qid, answer in other.answers.items():
            _keep_answer(self.answers, qid, answer)


def _keep_answer(answers: dict[str, Answer], qid: str, answer: Answer) -> None:
    """Two statements answering one question in one attempt: the later (then larger id) one counts.

    Copies of one statement read by different processes are located at the first of them.
    """
    known = answers.get(qid)
    if known is None or (answer.moment, answer.sid, -answer.where) > (known.moment, known.sid, -known.where):
        answers[qid] = answer


@dataclass
class Quality:
    """Everything the data-quality section reports."""

    files: list[str] = field(default_factory=list)
    statements: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    conflicts: dict[str, list[Rejection]] = field(default_factory=dict)
    changed: Counter[str] = field(default_factory=Counter)  # question id -> answers graded after a change
    unknown_questions: Counter[str] = field(default_factory=Counter)
    empty_attempts: int = 0
    identities: list[str] = field(default_factory=list)  # reps named by e-mail or by another portal

    @property
    def rejected_files(self) -> int:
        return len({r.path for r in self.rejections if not r.line and not r.record})

    @property
    def rejected_records(self) -> int:
        return sum(1 for r in self.rejections if r.line or r.record)

    def locate(self, packed: int, reason: str = "") -> Rejection:
        file_no, rest = packed >> (POSITION_BITS + 1), packed & ((1 << (POSITION_BITS + 1)) - 1)
        position, by_line = rest >> 1, rest & 1
        path = self.files[file_no] if file_no < len(self.files) else "?"
        return Rejection(path, position if by_line else 0, 0 if by_line else position, reason)


@dataclass
class Shard:
    """What an :class:`Ingest` has gathered; picklable, so worker processes can hand it back."""

    attempts: dict[tuple[str, str, str], Attempt] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)  # statement id -> fingerprint of its content
    conflicts: dict[str, list[int]] = field(default_factory=dict)
    names: dict[str, tuple[datetime, str]] = field(
        default_factory=dict
    )  # rep -> latest (when, name); by finish
    managers: dict[str, tuple[datetime, str]] = field(default_factory=dict)
    homes: Counter[str] = field(default_factory=Counter)
    statements: int = 0
    duplicates: int = 0
    rejections: list[tuple[int, str]] = field(default_factory=list)  # packed origin, reason
    file_rejections: list[Rejection] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    unknown_questions: Counter[str] = field(default_factory=Counter)

    def pack(self) -> Shard:
        """Answers as plain tuples, which pickle several times faster than named ones."""
        for attempt in self.attempts.values():
            attempt.answers = {qid: tuple(a) for qid, a in attempt.answers.items()}  # type: ignore[misc]
        return self

    def unpack(self) -> Shard:
        for attempt in self.attempts.values():
            attempt.answers = {qid: _new(Answer, a) for qid, a in attempt.answers.items()}
        return self


class Ingest:
    """Accumulates statements; call :meth:`add` for each, then :meth:`finish` once."""

    def __init__(self, catalog: Catalog, now: datetime, excluded: Set[str] = frozenset()) -> None:
        self.catalog = catalog
        # Statement ids known to conflict: every copy is set aside and only located (see read_all).
        self.excluded = excluded
        self.reader = StatementReader(now)
        self.shard = Shard()
        self.files: list[str] = []
        self._pools: dict[str, tuple[str, ...]] = {}  # module -> its question ids, shared by attempts
        # Per question: its bank, itself, its content hash, its grades by response (one parse each),
        # its module's id and whether that module is a manager review.
        self._questions: dict[str, tuple[Bank, Question, str, dict[str, Graded], str, bool]] = {
            qid: (bank, question, bank.question_hashes[qid], {}, bank.module.id, bank.module.mode == "review")
            for qid, (bank, question) in catalog.questions.items()
        }

    def add(self, value: Any, origin: int) -> None:
        """Take one record; ``origin`` is from :func:`where`. The scorer's innermost code: kept flat.

        Every copy of a statement is checked on its own before it is compared with the copies
        seen before, so what is rejected, duplicated or conflicting does not depend on the
        order in which copies arrive (nor on how files were split between processes).
        """
        shard = self.shard
        statement = self.reader.read(value)
        if type(statement) is not Statement:
            if isinstance(statement, Ignored):
                shard.ignored[str(statement)] += 1
            else:
                shard.rejections.append((origin, str(statement)))
            return
        (sid, verb, kind, activity, rep, rep_name, home, registration, _, moment, response, instructor,
         question_hash, presented, fingerprint) = statement  # fmt: skip
        if kind == "question":
            found = self._questions.get(activity)
            if found is None:
                shard.unknown_questions[activity] += 1
                shard.rejections.append((origin, f"unknown question '{activity}': it is in no bank"))
                return
            bank, question, current_hash, grades, module_id, review = found
            graded = grades.get(response or "")
            if graded is None:
                graded = _grade(grades, question, bank, response or "")
            score, error, kept_response = graded
            if error is not None:
                shard.rejections.append((origin, f"question '{activity}': {error}"))
                return
            if review and instructor is None:
                shard.rejections.append(
                    (origin, "a manager review names the manager in 'context.instructor'; it is missing")
                )
                return
        else:
            module_bank = self.catalog.modules.get(activity)
            if module_bank is None:
                shard.rejections.append((origin, f"unknown module '{activity}': it is in no bank"))
                return
            module_id = activity
        if sid in self.excluded:
            shard.conflicts.setdefault(sid, []).append(origin)
            return
        previous = shard.seen.get(sid)
        key = (rep, module_id, registration)
        attempt = shard.attempts.get(key)
        if previous is not None:
            if previous != fingerprint:
                shard.conflicts.setdefault(sid, []).append(origin)
            else:
                shard.duplicates += 1
                if attempt is not None and rep_name is not None and rep_name != attempt.name:
                    attempt.name = max(attempt.name or rep_name, rep_name)  # a name is not content
            return
        if attempt is None:
            attempt = shard.attempts[key] = Attempt(rep, module_id, registration, moment, home=home)
        elif moment < attempt.first_seen:
            attempt.first_seen = moment
        if home != attempt.home and home is not None:
            attempt.home = max(attempt.home or home, home)
        if kind == "question":
            changed = question_hash is not None and question_hash != current_hash
            answer = _new(Answer, (sid, kept_response, score, changed, origin, moment))
            if attempt.answers.setdefault(activity, answer) is not answer:
                _keep_answer(attempt.answers, activity, answer)
        else:
            self._module_statement(attempt, verb, sid, moment, presented, response)
        if instructor is not None and instructor != attempt.instructor:
            attempt.instructor = max(attempt.instructor or instructor, instructor, key=str)
        if rep_name is not None and rep_name != attempt.name:
            attempt.name = max(attempt.name or rep_name, rep_name)
        shard.seen[sid] = fingerprint  # its length is the number of statements accepted

    def _module_statement(
        self,
        attempt: Attempt,
        verb: str,
        sid: str,
        moment: datetime,
        presented: tuple[str, ...] | None,
        response: str | None,
    ) -> None:
        if verb == "attempted":
            if attempt.started is None or moment < attempt.started:
                attempt.started = moment
            if presented is not None and (attempt.presented is None or sid > (attempt.presented_sid or "")):
                attempt.presented, attempt.presented_sid = presented, sid
        elif (
            verb == "completed" and response and self.catalog.modules[attempt.module].module.mode == "review"
        ):
            attempt.notes = max(attempt.notes or "", response)

    def absorb(self, other: Shard) -> None:
        """Merge a shard read elsewhere (another process) into this one."""
        shard = self.shard
        shard.statements += other.statements
        shard.duplicates += other.duplicates
        shard.rejections.extend(other.rejections)
        shard.file_rejections.extend(other.file_rejections)
        shard.ignored.update(other.ignored)
        shard.unknown_questions.update(other.unknown_questions)
        for sid, origins in other.conflicts.items():
            shard.conflicts.setdefault(sid, []).extend(origins)
        seen = shard.seen
        for sid, fingerprint in other.seen.items():
            mine = seen.get(sid)
            if mine is None:
                seen[sid] = fingerprint
            elif mine == fingerprint:
                shard.duplicates += 1
            else:
                shard.conflicts.setdefault(sid, [])
        for key, attempt in other.attempts.items():
            mine_attempt = shard.attempts.get(key)
            if mine_attempt is None:
                shard.attempts[key] = attempt
            else:
                mine_attempt.absorb(attempt)

    def finish(self) -> tuple[list[Attempt], Quality]:
        """Drop conflicting statements, settle which questions each attempt showed, return the attempts."""
        shard = self.shard
        quality = Quality(
            files=self.files,
            statements=shard.statements,
            accepted=len(shard.seen),
            duplicates=shard.duplicates,
            ignored=shard.ignored,
            unknown_questions=shard.unknown_questions,
        )
        quality.rejections = list(shard.file_rejections)
        quality.rejections.extend(quality.locate(origin, reason) for origin, reason in shard.rejections)
        conflicts = shard.conflicts
        located: dict[str, list[Rejection]] = {
            sid: [quality.locate(o) for o in origins] for sid, origins in conflicts.items()
        }
        out: list[Attempt] = []
        # Counted here, once per attempt, so that attempts read by several processes count once.
        shard.homes = Counter(a.home for a in shard.attempts.values() if a.home is not None)
        for attempt in shard.attempts.values():
            _remember(shard.names, attempt.rep, attempt.when, attempt.name)
            if attempt.instructor is not None:
                _remember(shard.managers, attempt.instructor[0], attempt.when, attempt.instructor[1])
            if conflicts:
                for qid, answer in list(attempt.answers.items()):
                    if answer.sid in conflicts:
                        located[answer.sid].append(quality.locate(answer.where))
                        del attempt.answers[qid]
                if attempt.presented_sid in conflicts:
                    attempt.presented = None
            self._settle_shown(attempt, quality)
            if not attempt.answers:
                quality.empty_attempts += 1
                continue
            for qid, answer in attempt.answers.items():
                if answer.changed:
                    quality.changed[qid] += 1
            out.append(attempt)
        quality.conflicts = {sid: sorted(set(places)) for sid, places in sorted(located.items())}
        quality.accepted -= sum(1 for sid in conflicts if sid in shard.seen)
        quality.rejections.sort()
        out.sort(key=lambda a: (a.rep, a.module, a.order))
        return out, quality

    def _settle_shown(self, attempt: Attempt, quality: Quality) -> None:
        module = self.catalog.modules[attempt.module].module
        pool = self._pools.get(module.id)
        if pool is None:
            pool = self._pools[module.id] = tuple(q.id for q in module.questions)
        if attempt.presented is not None:
            in_pool = set(pool)
            attempt.shown = tuple(dict.fromkeys(q for q in attempt.presented if q in in_pool))
        elif module.draw is None:
            attempt.shown = pool
        else:
            attempt.shown = tuple(q for q in pool if q in attempt.answers)
        if attempt.shown is pool:
            return  # every question of the module: every answer was to a shown question
        shown = set(attempt.shown)
        for qid in [q for q in attempt.answers if q not in shown]:
            answer = attempt.answers.pop(qid)
            quality.rejections.append(
                quality.locate(
                    answer.where, f"question '{qid}' was not among those presented in this attempt"
                )
            )


Graded = tuple[float, str | None, str]  # score, error, the response string to keep


def _grade(grades: dict[str, Graded], question: Question, bank: Bank, response: str) -> Graded:
    """Grade a response not seen before for this question, and remember it."""
    try:
        parsed = parse(question, response, bank.module)
        if is_graded(question):
            score = grade(question, parsed).score
        else:
            score = 0.0 if parsed == NOT_OBSERVED else float(parsed)  # kept, but never a rating
        known: Graded = (score, None, response)
    except ResponseError as error:
        known = (0.0, str(error), response)
    if len(grades) > 10_000:  # hostile input could send endless distinct responses
        grades.clear()
    grades[response] = known
    return known


def _remember(
    names: dict[str, tuple[datetime, str]], person: str, moment: datetime, name: str | None
) -> None:
    if name is None:
        return
    known = names.get(person)
    if known is None or (moment, name) > known:
        names[person] = (moment, name)

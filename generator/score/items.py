"""Item analysis for trainers: per question over each rep's first attempt at its module.

Only questions an attempt showed count (pools draw a subset); a shown question
left unanswered scores 0, as in Moodle. Likert items have no right answer and are
never analysed here (their reliability is in :mod:`generator.score.scales`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.bank.catalog import Catalog
from generator.bank.items import Question, is_graded, item_type
from generator.bank.model import SCALE_MODES, Module
from generator.score import stats
from generator.score.ingest import Attempt
from generator.xapi.responses import ResponseError, parse

DI_KEY_WRONG = 0.0
DI_CHECK = 30.0
FACILITY_LOW = 5.0
FACILITY_HIGH = 95.0
DE_DUBIOUS = 15.0
DISTRACTOR_MIN = 5.0  # percent


@dataclass
class OptionRow:
    """One line of the distractor table: share choosing it overall and in the top and bottom 27%."""

    id: str
    label: str
    correct: bool
    overall: float
    top: float
    bottom: float


@dataclass
class ItemStats:
    question: Question
    module: str
    n: int
    enough: bool
    facility: float | None = None
    sd: float | None = None
    di: float | None = None
    de: float | None = None
    options: list[OptionRow] = field(default_factory=list)
    option_kind: str = "option"
    flags: list[str] = field(default_factory=list)
    changed: int = 0


@dataclass
class ModuleStats:
    module: Module
    attempts: int
    enough: bool
    alpha: float | None = None
    alpha_n: int = 0
    se: float | None = None
    mean_total: float | None = None
    note: str = ""
    items: list[ItemStats] = field(default_factory=list)


def analyse(
    attempts: list[Attempt], catalog: Catalog, min_n: int, changed: dict[str, int] | None = None
) -> list[ModuleStats]:
    """Per module (knowledge modules only) in catalog order, items in bank order."""
    first: dict[tuple[str, str], Attempt] = {}
    for attempt in attempts:
        key = (attempt.rep, attempt.module)
        known = first.get(key)
        if known is None or attempt.order < known.order:
            first[key] = attempt
    by_module: dict[str, list[Attempt]] = {}
    for attempt in first.values():
        by_module.setdefault(attempt.module, []).append(attempt)
    out = []
    for bank in catalog.banks:
        module = bank.module
        if module.mode in SCALE_MODES:
            continue
        group = sorted(by_module.get(module.id, []), key=lambda a: a.rep)
        out.append(_module(module, group, min_n, changed or {}))
    return out


Seen = tuple[float, str, float, str | None]  # -rest score, rep, score, response: one attempt at one question


def _module(module: Module, attempts: list[Attempt], min_n: int, changed: dict[str, int]) -> ModuleStats:
    graded = [q.id for q in module.questions if is_graded(q)]
    # One pass over the attempts gathers, per question, every attempt that showed it.
    columns: dict[str, list[tuple[str, float, str | None]]] = {qid: [] for qid in graded}
    totals: list[float] = []
    complete: list[list[float]] = []  # attempts that showed every question: for alpha
    per_attempt: list[tuple[float, list[str]]] = []
    graded_set = set(graded)
    for attempt in attempts:
        answers = attempt.answers
        rep = attempt.rep
        scores: dict[str, float] = {}
        for qid in attempt.shown:
            if qid in graded_set:
                answer = answers.get(qid)
                if answer is None:
                    scores[qid] = 0.0
                    columns[qid].append((rep, 0.0, None))
                else:
                    scores[qid] = answer.score
                    columns[qid].append((rep, answer.score, answer.response))
        total = sum(scores.values())
        totals.append(total)
        if len(scores) == len(graded):
            complete.append([scores[qid] for qid in graded])
        per_attempt.append((total, list(scores)))
    result = ModuleStats(module=module, attempts=len(attempts), enough=len(attempts) >= min_n)
    result.mean_total = stats.mean(totals)
    result.alpha_n = len(complete)
    if module.draw is not None and len(complete) < min_n:
        result.note = "questions are drawn from a pool, so few attempts saw every question"
    if len(complete) >= min_n:
        result.alpha = stats.cronbach_alpha([list(column) for column in zip(*complete, strict=True)])
        if result.alpha is not None:
            result.se = stats.standard_error(result.alpha, [sum(row) for row in complete])
    # The rest score R = T - x needs each attempt's total beside each of its answers.
    rests: dict[str, list[float]] = {qid: [] for qid in graded}
    for total, shown_ids in per_attempt:
        for qid in shown_ids:
            rests[qid].append(total)
    questions = {q.id: q for q in module.questions}
    for qid in graded:
        seen = [
            (x - total, rep, x, response)
            for (rep, x, response), total in zip(columns[qid], rests[qid], strict=True)
        ]  # (-R, rep, x, response): sorting puts the highest rest score first, ties by rep id
        result.items.append(_item(module, questions[qid], seen, min_n, changed.get(qid, 0)))
    return result


def _item(module: Module, question: Question, seen: list[Seen], min_n: int, changed: int) -> ItemStats:
    item = ItemStats(
        question=question, module=module.id, n=len(seen), enough=len(seen) >= min_n, changed=changed
    )
    if changed:
        item.flags.append(
            f"changed since {changed} {'answer was' if changed == 1 else 'answers were'} given: "
            "they were graded with the current key"
        )
    if not item.enough:
        return item
    xs = [x for _, _, x, _ in seen]
    rests = [-negative for negative, _, _, _ in seen]
    item.facility, item.sd, item.di, item.de = stats.item_statistics(xs, rests)
    # Top and bottom 27% by rest score; ties broken by rep id so the order of input never matters.
    ranked = sorted(seen)  # (-R, rep) is unique per row: later fields are never compared
    k = stats.group_size(len(ranked))
    responses = [response for _, _, _, response in seen]
    groups = [responses, [r[3] for r in ranked[:k]], [r[3] for r in ranked[-k:]]]
    item.option_kind, item.options = _options(module, question, groups)
    item.flags.extend(_flags(item))
    return item


def _flags(item: ItemStats) -> list[str]:
    flags = []
    if item.di is not None and item.di < DI_KEY_WRONG:
        flags.append(f"DI {item.di:.0f} is below 0: the key is probably wrong")
    elif item.di is not None and item.di < DI_CHECK:
        flags.append(f"DI {item.di:.0f} is below 30: check the question")
    elif item.di is None:
        flags.append("DI undefined: everyone scored the same on it")
    if item.facility is not None and item.facility <= FACILITY_LOW:
        flags.append(f"facility {item.facility:.0f}% is at most 5%: almost nobody gets it right")
    if item.facility is not None and item.facility >= FACILITY_HIGH:
        flags.append(f"facility {item.facility:.0f}% is at least 95%: almost everybody gets it right")
    if item.de is not None and item.de < DE_DUBIOUS:
        flags.append(f"discriminative efficiency {item.de:.0f} is below 15")
    if item.option_kind in ("option", "answer"):
        for option in item.options:
            if not option.correct and option.overall < DISTRACTOR_MIN:
                flags.append(
                    f"distractor '{option.id}' is chosen by {option.overall:.0f}% (under 5%): "
                    "it does not distract"
                )
    return flags


def _options(
    module: Module, question: Question, groups: list[list[str | None]]
) -> tuple[str, list[OptionRow]]:
    """Who chose what in each group: options of choice questions, right placements of matching/ordering."""
    kind = item_type(question)
    counts = []
    for group in groups:
        picked: Counter[str] = Counter()
        for response, times in Counter(group).items():
            for choice in _chosen(module, question, response) if response is not None else ():
                picked[choice] += times
        counts.append((picked, len(group)))
    rows = []
    for cid, text, correct in kind.choices(question):
        shares = [100 * picked[cid] / size if size else 0.0 for picked, size in counts]
        rows.append(OptionRow(cid, text, correct, *shares))
    return kind.analysis_kind, rows


def _chosen(module: Module, question: Question, response: str) -> frozenset[str]:
    """The option ids a response chose, or the pair/step ids it placed right."""
    try:
        value = parse(question, response, module)
    except ResponseError:  # pragma: no cover - ingest already rejected these
        return frozenset()
    return item_type(question).credited(question, value)

"""Item analysis for trainers: per question over each rep's first attempt at its module.

Only questions an attempt showed count (pools draw a subset); a shown question
left unanswered scores 0, as in Moodle. Likert items have no right answer and are
never analysed here (their reliability is in :mod:`generator.score.scales`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.bank.catalog import Catalog
from generator.bank.model import GRADED_TYPES, Matching, Module, MultipleSelect, Ordering, Question, SingleChoice, TrueFalse
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
        if module.mode in ("survey", "review"):
            continue
        group = sorted(by_module.get(module.id, []), key=lambda a: a.rep)
        out.append(_module(module, group, min_n, changed or {}))
    return out


def _module(module: Module, attempts: list[Attempt], min_n: int, changed: dict[str, int]) -> ModuleStats:
    graded = [q for q in module.questions if q.type in GRADED_TYPES]
    # Each attempt's scores on the questions it showed, and its total T.
    rows: list[tuple[str, dict[str, float], float, Attempt]] = []
    for attempt in attempts:
        scores = {
            q.id: (attempt.answers[q.id].score if q.id in attempt.answers else 0.0)
            for q in graded
            if q.id in attempt.shown
        }
        rows.append((attempt.rep, scores, sum(scores.values()), attempt))
    result = ModuleStats(module=module, attempts=len(rows), enough=len(rows) >= min_n)
    totals = [total for _, _, total, _ in rows]
    result.mean_total = stats.mean(totals)
    complete = [scores for _, scores, _, _ in rows if len(scores) == len(graded)]
    result.alpha_n = len(complete)
    if module.draw is not None and len(complete) < min_n:
        result.note = "questions are drawn from a pool, so few attempts saw every question"
    if len(complete) >= min_n:
        columns = [[scores[q.id] for scores in complete] for q in graded]
        result.alpha = stats.cronbach_alpha(columns)
        if result.alpha is not None:
            result.se = stats.standard_error(result.alpha, [sum(s.values()) for s in complete])
    for question in graded:
        result.items.append(_item(module, question, rows, min_n, changed.get(question.id, 0)))
    return result


def _item(
    module: Module,
    question: Question,
    rows: list[tuple[str, dict[str, float], float, Attempt]],
    min_n: int,
    changed: int,
) -> ItemStats:
    seen = [(rep, scores[question.id], total - scores[question.id], attempt) for rep, scores, total, attempt in rows if question.id in scores]
    item = ItemStats(question=question, module=module.id, n=len(seen), enough=len(seen) >= min_n, changed=changed)
    if changed:
        item.flags.append(
            f"changed since {changed} {'answer was' if changed == 1 else 'answers were'} given: "
            "they were graded with the current key"
        )
    if not item.enough:
        return item
    xs = [x for _, x, _, _ in seen]
    rests = [r for _, _, r, _ in seen]
    item.facility = stats.facility(xs)
    spread = stats.sd(xs)
    item.sd = None if spread is None else 100 * spread
    item.di = stats.discrimination_index(xs, rests)
    item.de = stats.discriminative_efficiency(xs, rests)
    ranked = sorted(seen, key=lambda row: (-row[2], row[0]))
    k = stats.group_size(len(ranked))
    top, bottom = ranked[:k], ranked[-k:]
    item.option_kind, item.options = _options(module, question, [r[3] for r in seen], [r[3] for r in top], [r[3] for r in bottom])
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
    if item.option_kind == "option":
        for option in item.options:
            if not option.correct and option.overall < DISTRACTOR_MIN:
                flags.append(
                    f"distractor '{option.id}' is chosen by {option.overall:.0f}% (under 5%): it does not distract"
                )
    return flags


def _options(
    module: Module, question: Question, everyone: list[Attempt], top: list[Attempt], bottom: list[Attempt]
) -> tuple[str, list[OptionRow]]:
    """Who chose what: options for choice questions, right placements for matching and ordering."""
    rows: list[OptionRow] = []
    if isinstance(question, (SingleChoice, MultipleSelect)):
        choices = [(o.id, o.text, o.correct) for o in question.options]
        kind = "option"
    elif isinstance(question, TrueFalse):
        choices = [("true", "True", question.answer), ("false", "False", not question.answer)]
        kind = "option"
    elif isinstance(question, Matching):
        choices = [(p.id, p.text, True) for p in question.pairs]
        kind = "pair"
    elif isinstance(question, Ordering):
        choices = [(s.id, s.text, True) for s in question.steps]
        kind = "step"
    else:  # pragma: no cover - Likert items are never analysed
        return "option", rows
    groups = [_picks(module, question, group) for group in (everyone, top, bottom)]
    for cid, text, correct in choices:
        shares = [100 * sum(cid in picks for picks in group) / len(group) if group else 0.0 for group in groups]
        rows.append(OptionRow(cid, text, correct, *shares))
    return kind, rows


def _picks(module: Module, question: Question, attempts: list[Attempt]) -> list[set[str]]:
    """Per attempt, the option ids chosen (or pair/step ids placed right); unanswered is an empty set."""
    out = []
    for attempt in attempts:
        answer = attempt.answers.get(question.id)
        if answer is None:
            out.append(set())
            continue
        try:
            value = parse(question, answer.response, module)
        except ResponseError:  # pragma: no cover - ingest already rejected these
            out.append(set())
            continue
        if isinstance(question, (SingleChoice, MultipleSelect)):
            out.append(set(value))
        elif isinstance(question, TrueFalse):
            out.append({"true" if value else "false"})
        elif isinstance(question, Matching):
            match = {p.id: p.match for p in question.pairs}
            out.append({source for source, target in value if match.get(source) == target})
        elif isinstance(question, Ordering):
            out.append({sid for sid, right in zip(value, [s.id for s in question.steps], strict=False) if sid == right})
    return out

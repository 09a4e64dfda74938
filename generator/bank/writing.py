"""Item-writing checks: the flaws that let a rep guess a question without knowing the answer.

A second reviewer for trainers, after the classic multiple-choice guidelines (Haladyna,
Downing & Rodriguez, 2002): the keyed option is clearly the longest; only the keyed option
repeats words of the stem; "all/none of the above"; a negative stem not emphasised; a
multiple-select question where nearly every option is keyed; a practice question whose
distractors give no feedback. Each finding is a warning (``repready validate`` still exits 0)
naming the question and the rule; a question silences a rule with a reason
(``silence: [{rule: ..., reason: ...}]``), and a silence that silences nothing is reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.bank.items import Question
from generator.bank.items.multiple import MultipleSelect
from generator.bank.items.single import SingleChoice
from generator.bank.items.true_false import TrueFalse
from generator.bank.model import Module
from generator.bank.source import PathKey, Source
from generator.problems import Problem
from generator.render.markdown import to_plain

LONGER = 1.3  # the keyed option is "clearly the longest" at 1.3 times the longest distractor
MIN_LENGTH = 25  # below this, lengths say nothing: "Yes" against "No"
_ABOVE = re.compile(r"\b(all|none|both|neither)\s+of\s+(the\s+)?(above|these|them)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(not|except|least|never|cannot|\w+n't)\b", re.IGNORECASE)
_EMPHASIS = re.compile(
    r"(\*\*|__|\*|_|<strong>|<em>|<b>|<u>)\s*([^*_<]*)\s*(\*\*|__|\*|_|</strong>|</em>|</b>|</u>)"
)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words too common to give anything away when an option repeats them from the stem.
_STOP = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "have",
        "having",
        "here",
        "how",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "other",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "customer",
        "customers",
        "buyer",
        "buyers",
        "rep",
        "reps",
        "deal",
        "sale",
        "sales",
    ]
)


@dataclass(frozen=True)
class Finding:
    rule: str
    loc: PathKey
    message: str


def check_module(module: Module, source: Source) -> Iterator[Problem]:
    for index, question in enumerate(module.questions):
        loc: PathKey = ("questions", index)
        found = list(_findings(module, question, loc))
        silenced = {s.rule for s in getattr(question, "silence", ())}
        for finding in found:
            if finding.rule not in silenced:
                yield _warning(
                    source, finding.loc, f"question '{question.id}': {finding.message} [{finding.rule}]"
                )
        fired = {f.rule for f in found}
        for si, silence in enumerate(getattr(question, "silence", ())):
            if silence.rule not in fired:
                yield _warning(
                    source,
                    (*loc, "silence", si, "rule"),
                    f"question '{question.id}': silences '{silence.rule}', which finds nothing here; "
                    "remove the silence",
                )


def _warning(source: Source, loc: PathKey, message: str) -> Problem:
    line, col = source.locate(loc)
    return Problem(source.path, line, col, message, severity="warning")


def _findings(module: Module, question: Question, loc: PathKey) -> Iterator[Finding]:
    if isinstance(question, (SingleChoice, MultipleSelect)):
        options = [(o.id, to_plain(o.text), o.correct) for o in question.options]
        yield from _longest_keyed(options, (*loc, "options"))
        yield from _stem_echo(to_plain(question.prompt), options, (*loc, "options"))
        for oi, (oid, text, _) in enumerate(options):
            above = _ABOVE.search(text)
            if above:
                yield Finding(
                    "all-or-none-of-the-above",
                    (*loc, "options", oi, "text"),
                    f"option '{oid}' says \u201c{above.group(0)}\u201d: a rep who spots two right "
                    "options needs to know nothing else; write a real option",
                )
        yield from _negative_stem(question.prompt, (*loc, "prompt"))
        if isinstance(question, MultipleSelect):
            keyed = sum(c for _, _, c in options)
            if len(options) >= 3 and len(options) - keyed <= 1:
                yield Finding(
                    "mostly-keyed",
                    (*loc, "options"),
                    f"{keyed} of {len(options)} options are keyed: ticking everything scores "
                    "almost full marks; add distractors",
                )
        if module.mode == "practice":
            missing = [o.id for o in question.options if not o.correct and o.feedback is None]
            if missing:
                names = ", ".join(f"'{m}'" for m in missing)
                yield Finding(
                    "distractor-feedback",
                    (*loc, "options"),
                    f"no feedback on {'distractor' if len(missing) == 1 else 'distractors'} {names}: "
                    "a rep who picks one learns only that it is wrong, not why",
                )
    if isinstance(question, TrueFalse) and module.mode == "practice":
        wrong = question.feedback_false if question.answer else question.feedback_true
        if wrong is None:
            side = "false" if question.answer else "true"
            yield Finding(
                "distractor-feedback",
                loc,
                f"no feedback for the wrong answer ({side}; add feedback_{side}): a rep who gives it "
                "learns only that it is wrong, not why",
            )


def _longest_keyed(options: list[tuple[str, str, bool]], loc: PathKey) -> Iterator[Finding]:
    keyed = [len(t) for _, t, c in options if c]
    others = [len(t) for _, t, c in options if not c]
    if not keyed or not others:
        return
    shortest_keyed, longest_other = min(keyed), max(others)
    if shortest_keyed >= MIN_LENGTH and shortest_keyed >= LONGER * longest_other:
        what = "keyed option is" if len(keyed) == 1 else "keyed options are"
        yield Finding(
            "longest-keyed",
            loc,
            f"the {what} clearly the longest ({shortest_keyed} characters or more, the longest "
            f"distractor {longest_other}): test-wise reps pick the longest; even out the lengths",
        )


def _stem_echo(stem: str, options: list[tuple[str, str, bool]], loc: PathKey) -> Iterator[Finding]:
    words = _content_words(stem)
    if not words:
        return
    echo = [bool(words & _content_words(text)) for _, text, _ in options]
    keyed = [e for e, (_, _, c) in zip(echo, options, strict=True) if c]
    distractors = [e for e, (_, _, c) in zip(echo, options, strict=True) if not c]
    if keyed and distractors and all(keyed) and not any(distractors):
        keyed_words = {w for _, t, c in options if c for w in _WORD.findall(t.casefold()) if w not in _STOP}
        shared = sorted(w for w in keyed_words if _stem(w) in words)
        yield Finding(
            "stem-echo",
            loc,
            f"only the keyed {'option repeats' if len(keyed) == 1 else 'options repeat'} words of the "
            f"stem ({', '.join(shared[:3])}): a rep can match words instead of knowing the answer",
        )


def _question_sentence(prompt: str) -> str:
    unquoted = _QUOTED.sub(" . ", prompt)  # a quote ends the story's sentence, whatever its punctuation
    sentences = [s for s in _SENTENCE.split(unquoted.strip()) if s.strip()]
    return sentences[-1] if sentences else ""


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.casefold()) if w not in _STOP}


def _stem(word: str) -> str:
    """A crude stem, enough to match "budgets" with "budget" and "deciding" with "decide"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _negative_stem(prompt: str, loc: PathKey) -> Iterator[Finding]:
    """A negative in the question itself (its last sentence, quotes left out), not in its story."""
    question = _question_sentence(prompt)
    emphasised = {m.group(2).strip().casefold() for m in _EMPHASIS.finditer(question)}
    for match in _NEGATIVE.finditer(question):
        word = match.group(0)
        if word.isupper() and len(word) > 1:
            continue
        if any(word.casefold() in e.split() or word.casefold() == e for e in emphasised):
            continue
        yield Finding(
            "negative-stem",
            loc,
            f"the stem asks in the negative (\u201c{word}\u201d) without emphasis: reps skim past it; "
            f"ask in the positive, or write **{word}** or {word.upper()}",
        )
        return

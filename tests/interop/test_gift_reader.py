"""The GIFT reader against real files: the 51 files of the reference grammar's test suite.

The files and their expected parse trees are fuhrmanator/GIFT-grammar-PEG.js's (MIT,
Copyright (c) 2017-2024 Christopher P. Fuhrman), read in place from the shared folder.
Where the grammar and Moodle disagree, the test says so and follows Moodle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.interop.gift.reader import Category, Question, Text, read_gift

SHARED = Path(__file__).resolve().parents[3] / "shared" / "interop" / "gift"
if not SHARED.is_dir():  # the worktree sits at /work/wt/<name>; the shared folder at /work/shared
    SHARED = Path("/work/shared/interop/gift")
FILES = sorted((SHARED / "gift-grammar-pegjs").glob("*.gift"))
KINDS = {
    "MC": "multichoice",
    "TF": "truefalse",
    "Short": "shortanswer",
    "Numerical": "numerical",
    "Matching": "matching",
    "Essay": "essay",
    "Description": "description",
}


def expected(file: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (SHARED / "gift-grammar-pegjs-expected" / f"{file.stem}.json").read_text(encoding="utf-8")
    )
    return data


def folded(text: str, fmt: str) -> str:
    """The grammar folds line breaks of Moodle-format text into spaces, and puts a space on both
    sides of a missing word's blank; Moodle keeps the text as written. Compare the words."""
    if fmt in ("moodle", "plain"):
        text = " ".join(text.split())
    return text.replace(" _____ .", " _____.")


def same_text(ours: Text | None, theirs: dict[str, str] | None) -> None:
    if theirs is None or (theirs["text"] == "" and ours is None):
        assert ours is None
        return
    assert ours is not None
    assert ours.format == theirs["format"]
    assert folded(ours.text, ours.format) == folded(theirs["text"], theirs["format"])


def test_the_shared_files_are_all_there() -> None:
    assert len(FILES) == 51


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_each_file_reads_as_the_grammar_expects(file: Path) -> None:
    read = read_gift(file.read_text(encoding="utf-8"), str(file))
    assert read.problems == []
    wanted = expected(file)
    assert len(read.items) == len(wanted)
    for ours, theirs in zip(read.items, wanted, strict=True):
        if theirs["type"] == "Category":
            assert isinstance(ours, Category)
            assert ours.path == theirs["title"]
            continue
        assert isinstance(ours, Question)
        assert ours.kind == KINDS[theirs["type"]]
        assert ours.title == theirs["title"]
        same_text(ours.stem, theirs["stem"])
        assert ours.embedded == theirs["hasEmbeddedAnswers"]
        same_text(ours.general_feedback, theirs.get("globalFeedback"))
        assert ours.idnumber == theirs.get("id")
        assert list(ours.tags) == (theirs.get("tags") or [])
        if ours.kind == "truefalse":
            assert ours.truth is theirs["isTrue"]
            first, second = theirs["trueFeedback"], theirs["falseFeedback"]
            if ours.truth:
                # Moodle: the first feedback is for the wrong answer. For a TRUE statement that is
                # "false"; the grammar files it under trueFeedback whatever the key.
                first, second = second, first
            same_text(ours.feedback_true, first)
            same_text(ours.feedback_false, second)
        elif ours.kind == "matching":
            assert len(ours.pairs) == len(theirs["matchPairs"])
            for pair, their_pair in zip(ours.pairs, theirs["matchPairs"], strict=True):
                if their_pair["subquestion"]["text"] or pair.item.text:
                    same_text(pair.item, their_pair["subquestion"])
                assert pair.target == their_pair["subanswer"]
        elif ours.kind in ("multichoice", "shortanswer"):
            assert len(ours.answers) == len(theirs["choices"])
            for answer, choice in zip(ours.answers, theirs["choices"], strict=True):
                assert answer.right == choice["isCorrect"]
                assert answer.weight == choice["weight"]
                same_text(answer.text, choice["text"])
                same_text(answer.feedback, choice["feedback"])

"""``repready import-gift`` on real files and hostile ones: banks that validate, build and run nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.interop.gift.importer import Settings, import_gift
from generator.interop.gift.markup import escape, to_markdown
from generator.interop.gift.reader import Question, Text, read_gift
from generator.render.markdown import to_plain
from tests.interop.test_gift_reader import FILES, expected, folded

IMPORTED_KINDS = {"MC": ("single", "multiple"), "TF": ("true-false",), "Matching": ("matching",)}


def markdown(text: dict[str, str] | None) -> str | None:
    if text is None or not text["text"]:
        return None
    converted = to_markdown(Text(text["text"], text["format"])).markdown  # type: ignore[arg-type]
    return converted or None  # HTML with no text in it (an empty paragraph) is no feedback


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_every_question_of_the_shared_files_is_imported_or_reported(file: Path) -> None:
    gift = read_gift(file.read_text(encoding="utf-8"), str(file))
    imported = import_gift([gift], Settings())
    questions = iter(q for m in imported.modules for q in m.questions)
    errors = {(p.line, p.col): p.message for p in imported.problems if p.severity == "error"}
    read = [q for q in gift.items if isinstance(q, Question)]
    assert imported.questions + imported.skipped == len(read)
    for item, theirs in zip(read, [e for e in expected(file) if e["type"] != "Category"], strict=True):
        if theirs["type"] not in IMPORTED_KINDS or (item.embedded and theirs["type"] != "MC"):
            assert "has no RepReady type: skipped" in errors[(item.line, item.col)]
            continue
        ours: dict[str, Any] = next(questions)
        assert ours["type"] in IMPORTED_KINDS[theirs["type"]]
        stem = theirs["stem"]  # the grammar spaces a blank off its punctuation; Moodle does not
        assert ours["prompt"] == markdown({**stem, "text": folded(stem["text"], stem["format"])})
        general = markdown(theirs.get("globalFeedback"))
        if general:
            assert ours["explanation"] == general
        if theirs["type"] == "MC":
            same_choices(ours, theirs["choices"])
        elif theirs["type"] == "TF":
            assert ours["answer"] is theirs["isTrue"]
            first, second = theirs["trueFeedback"], theirs["falseFeedback"]
            if theirs["isTrue"]:  # Moodle: the first feedback is for the wrong answer (see the reader test)
                first, second = second, first
            assert ours.get("feedback_true") == markdown(first)
            assert ours.get("feedback_false") == markdown(second)
        else:
            targets = {t["id"]: to_plain(t["text"]) for t in ours["targets"]}
            pairs = [(p["text"], targets[p["match"]]) for p in ours["pairs"]]
            wanted = [(markdown(p["subquestion"]), p["subanswer"]) for p in theirs["matchPairs"]]
            assert pairs == [w for w in wanted if w[0]]
            assert sorted(targets.values()) == sorted({p["subanswer"] for p in theirs["matchPairs"]})


def same_choices(ours: dict[str, Any], choices: list[dict[str, Any]]) -> None:
    assert [o["text"] for o in ours["options"]] == [markdown(c["text"]) for c in choices]
    assert [o.get("feedback") for o in ours["options"]] == [markdown(c["feedback"]) for c in choices]
    credit = [(c["weight"] if c["weight"] is not None else 100 * c["isCorrect"]) for c in choices]
    if ours["type"] == "single" or any(c["isCorrect"] for c in choices):
        assert [bool(o.get("correct")) for o in ours["options"]] == [c == 100 for c in credit]
    else:  # Moodle's multiple answers: positive weight is a right answer, the rest cost marks
        assert ours["scoring"] == "partial"
        assert [bool(o.get("correct")) for o in ours["options"]] == [c > 0 for c in credit]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_plain_text_escaped_for_markdown_reads_back_the_same(text: str) -> None:
    assert to_plain(escape(text)) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_without_a_crash(text: str) -> None:
    gift = read_gift(text, "fuzz.gift")
    import_gift([gift], Settings())


# --- the command -------------------------------------------------------------------------------

HOSTILE_GIFT = r"""// A Moodle export with a category, a title, HTML from a rich editor and a skipped type.
$CATEGORY: $course$/top/Customer qualification/Moodle basics

// [id:mb-html]
::Hostile HTML::[html]<p onclick\="window.pwned\=1">Pick <script>window.pwned\=2</script>
<img src\="x" onerror\="window.pwned\=3">the <b>right</b> one</p>{
    =<b>Right</b>#<a href\="javascript\:window.pwned\=4">Because</a> it is.
    ~<iframe src\="https\://example.com"></iframe>Wrong#<style>body\{display\:none\}</style>No.
    ####[html]<p>General <em>feedback</em> <form action\="https\://evil.example"><input name\="x"></form></p>
}

::Essay:: Describe your best deal. {}

Grant is buried in Grant's tomb.{FALSE#No one is buried there.#Right.}
"""


def write_site(tmp_path: Path, demo_site: Path) -> Path:
    gift = tmp_path / "moodle.gift"
    gift.write_text(HOSTILE_GIFT, encoding="utf-8")
    return gift


def run_import(site: Path, gift: Path, *extra: str) -> int:
    return main(
        [
            "import-gift",
            str(gift),
            "--out",
            str(site / "assessments" / "moodle"),
            "--banks",
            str(site / "assessments"),
            "--docs",
            str(site / "docs"),
            *extra,
        ]
    )


def test_import_writes_banks_that_validate_and_reports_what_it_skipped(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = write_site(tmp_path, demo_site)
    code = run_import(demo_site, gift, "--competency", "QUAL.NEED", "--training", "training/demo.md")
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"{gift}:12:1: error: an essay question has no RepReady type: skipped" in err
    assert "imported 2 questions into 1 bank" in out and "skipped 1" in out
    bank = yaml.safe_load((demo_site / "assessments" / "moodle" / "moodle-basics.yml").read_text())
    assert bank["topic"] == "qualification", "the category names the topic by its title"
    first, second = bank["questions"]
    assert first["id"] == "mb-html", "Moodle's id number becomes the question id"
    assert first["prompt"] == "Pick the **right** one"
    assert first["options"][0] == {
        "id": "a",
        "text": "**Right**",
        "correct": True,
        "feedback": "Because it is.",
    }
    assert first["options"][1] == {"id": "b", "text": "Wrong", "feedback": "No."}
    assert first["explanation"] == "General *feedback*"
    assert second["id"] == "grant-is-buried-in-grant-s-tomb"
    assert (second["answer"], second["feedback_true"], second["feedback_false"]) == (
        False,
        "No one is buried there.",
        "Right.",
    )
    assert (
        main(["validate", "--banks", str(demo_site / "assessments"), "--docs", str(demo_site / "docs")]) == 0
    )


def test_without_competencies_the_import_says_what_to_add(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = write_site(tmp_path, demo_site)
    assert run_import(demo_site, gift, "--training", "training/demo.md") == 0
    out = capsys.readouterr().out
    assert "2 questions without a competency: add 'competencies:'" in out
    assert re.search(
        r"moodle-basics\.yml:\d+:\d+: error: missing required key 'competencies' in questions\[0\]", out
    )


def test_strict_fails_and_writes_nothing(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = write_site(tmp_path, demo_site)
    assert run_import(demo_site, gift, "--strict", "--competency", "QUAL.NEED") == 1
    err = capsys.readouterr().err
    assert f"{gift}:12:1: error: an essay question has no RepReady type: skipped" in err
    assert not (demo_site / "assessments" / "moodle").exists()


def test_a_broken_block_is_located_and_nothing_is_written(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = tmp_path / "broken.gift"
    gift.write_text("Fine?{T}\n\nWho is {=Grant ~Lee\n\nAlso fine?{F}\n", encoding="utf-8")
    assert run_import(demo_site, gift) == 1
    err = capsys.readouterr().err
    assert f"{gift}:3:8: error: the answer block opened here is not closed with '}}'" in err
    assert not (demo_site / "assessments" / "moodle").exists()


def test_a_folder_the_import_did_not_write_is_never_replaced(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = write_site(tmp_path, demo_site)
    assert (
        main(
            [
                "import-gift",
                str(gift),
                "--out",
                str(demo_site / "assessments"),
                "--banks",
                str(demo_site / "assessments"),
            ]
        )
        == 2
    )
    assert "exists and was not written by 'repready import-gift'" in capsys.readouterr().err
    assert (demo_site / "assessments" / "demo" / "demo.yml").is_file()


def test_titles_become_unique_stable_ids(demo_site: Path, tmp_path: Path) -> None:
    gift = tmp_path / "titles.gift"
    gift.write_text(
        "::Q1::First?{T}\n\n::Q1::Second?{F}\n\n// [id:demo-1]\n::Clash::Third?{T}\n", encoding="utf-8"
    )
    ids = []
    for _ in range(2):
        assert run_import(demo_site, gift, "--competency", "QUAL.NEED") == 0
        bank = yaml.safe_load((demo_site / "assessments" / "moodle" / "titles.yml").read_text())
        ids.append([q["id"] for q in bank["questions"]])
    # 'demo-1' is taken by the demo bank, so the title is used instead.
    assert ids[0] == ids[1] == ["q1", "titles-q1", "clash"]


def test_a_category_file_maps_categories_to_modules(demo_site: Path, tmp_path: Path) -> None:
    gift = write_site(tmp_path, demo_site)
    mapping = tmp_path / "categories.yml"
    mapping.write_text(
        "categories:\n  Moodle basics:\n    module: mb\n    title: Basics from Moodle\n"
        "    training: training/demo.md\n    competencies: [QUAL.BUDGET]\n",
        encoding="utf-8",
    )
    assert run_import(demo_site, gift, "--categories", str(mapping)) == 0
    bank = yaml.safe_load((demo_site / "assessments" / "moodle" / "mb.yml").read_text())
    assert (bank["title"], bank["training"]) == ("Basics from Moodle", "training/demo.md")
    assert all(q["competencies"] == ["QUAL.BUDGET"] for q in bank["questions"])
    mapping.write_text("categories:\n  Moodle basics:\n    modul: mb\n", encoding="utf-8")
    assert run_import(demo_site, gift, "--categories", str(mapping)) == 1


def test_an_unknown_competency_is_refused_with_a_suggestion(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = write_site(tmp_path, demo_site)
    assert run_import(demo_site, gift, "--competency", "QUAL.NEEDS") == 2
    err = capsys.readouterr().err
    assert "--competency QUAL.NEEDS: not in" in err
    assert "(did you mean QUAL.NEED?)" in err

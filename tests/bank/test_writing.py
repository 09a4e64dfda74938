"""Item-writing checks: warnings that name the question and the rule, silenced only with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.bank.catalog import load_catalog
from generator.cli import main
from generator.problems import InvalidInput
from tests.conftest import DEMO_SITE

FLAWS = Path(__file__).parent / "writing" / "flaws.yml"


def _banks(tmp_path: Path, text: str) -> Path:
    banks = tmp_path / "assessments"
    (banks / "topic").mkdir(parents=True)
    shutil.copy(DEMO_SITE / "assessments" / "competencies.yml", banks)
    (banks / "topic" / "flaws.yml").write_text(text, encoding="utf-8")
    return banks


def _expected(text: str) -> list[str]:
    return [line.removeprefix("# expect: ") for line in text.splitlines() if line.startswith("# expect: ")]


def test_each_rule_warns_once_with_the_item_and_the_rule(tmp_path: Path) -> None:
    text = FLAWS.read_text(encoding="utf-8")
    banks = _banks(tmp_path, text)
    catalog = load_catalog(banks, DEMO_SITE / "docs", item_writing=True)
    prefix = f"{banks.as_posix()}/topic/flaws.yml:"
    assert [str(w).removeprefix(prefix) for w in catalog.warnings] == _expected(text)
    assert all(w.severity == "warning" for w in catalog.warnings)


def test_the_build_does_not_run_them(tmp_path: Path) -> None:
    catalog = load_catalog(_banks(tmp_path, FLAWS.read_text(encoding="utf-8")), DEMO_SITE / "docs")
    assert catalog.warnings == []


def test_graded_questions_show_no_feedback_so_none_is_asked_for(tmp_path: Path) -> None:
    text = FLAWS.read_text(encoding="utf-8").replace(
        "training: training/demo.md\n", "training: training/demo.md\nmode: graded\n"
    )
    catalog = load_catalog(_banks(tmp_path, text), DEMO_SITE / "docs", item_writing=True)
    rules = [str(w).rsplit("[", 1)[-1] for w in catalog.warnings if str(w).endswith("]")]
    assert "distractor-feedback]" not in rules and "longest-keyed]" in rules


def test_validate_prints_warnings_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    banks = _banks(tmp_path, FLAWS.read_text(encoding="utf-8"))
    assert main(["validate", "--banks", str(banks), "--docs", str(DEMO_SITE / "docs")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 banks, 9 questions: no errors, 8 warnings"
    assert sum(": warning: question '" in line for line in out) == 8
    assert (
        main(["validate", "--banks", str(banks), "--docs", str(DEMO_SITE / "docs"), "--no-item-writing"]) == 0
    )
    assert capsys.readouterr().out == "1 banks, 9 questions: no problems\n"


def test_errors_still_fail_and_the_warnings_come_with_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FLAWS.read_text(encoding="utf-8").replace(
        "competencies: [QUAL.NEED]", "competencies: [QUAL.NEEDS]", 1
    )
    banks = _banks(tmp_path, text)
    assert main(["validate", "--banks", str(banks), "--docs", str(DEMO_SITE / "docs")]) == 1
    err = capsys.readouterr().err
    assert "error: unknown competency 'QUAL.NEEDS' (did you mean 'QUAL.NEED'?)" in err
    assert "1 error in 1 file" in err


def test_a_silence_needs_a_known_rule_and_a_reason(tmp_path: Path) -> None:
    text = FLAWS.read_text(encoding="utf-8").replace(
        "{rule: longest-keyed, reason: Kept from an older review.}", "{rule: longest-option}"
    )
    with pytest.raises(InvalidInput) as caught:
        load_catalog(_banks(tmp_path, text), DEMO_SITE / "docs", item_writing=True)
    problems = [str(p).split("flaws.yml:", 1)[1] for p in caught.value.problems]
    assert problems == [
        "82:9: error: missing required key 'reason' in questions[8].silence[1]",
        "82:16: error: questions[8].silence[1].rule: expected 'longest-keyed', 'stem-echo', "
        "'all-or-none-of-the-above', 'negative-stem', 'mostly-keyed' or 'distractor-feedback', "
        "found 'longest-option'",
    ]

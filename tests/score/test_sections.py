"""An assignment points at the page sections that teach its gaps, in the report and its links."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.bank.catalog import load_catalog
from generator.report.render import render_reports
from generator.score.run import ScoreOptions, score
from tests.score.builders import BANKS, NOW, attempt, export


def test_assignment_names_the_sections_of_its_gaps(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(BANKS, banks)
    alpha = banks / "alpha.yml"
    text = alpha.read_text(encoding="utf-8")
    for qid, section in (("a1", "need"), ("a2", "need"), ("a3", "budget")):
        text = text.replace(
            f"  - id: {qid}\n", f"  - id: {qid}\n    training: training/alpha.md#{section}\n", 1
        )
    alpha.write_text(text, encoding="utf-8")
    cat = load_catalog(banks)
    wrong = {"a1": ["b"], "a2": ["a"], "a3": ["a"]}  # every answer wrong: T.NEED and T.BUDGET gaps
    files = [export(tmp_path / "r1.json", attempt(cat, "r1", "alpha", wrong))]
    scoring = score(files, cat, ScoreOptions(now=NOW, min_evidence=1))
    (first,) = [a for a in scoring.reps[0].assignments if a.module == "alpha"]
    assert first.sections == ["training/alpha.md#need", "training/alpha.md#budget"]
    reports = render_reports(scoring)
    assert (
        'Read first: <a href="https://portal.example.com/training/alpha/#need">training/alpha.md#need</a>, '
        '<a href="https://portal.example.com/training/alpha/#budget">training/alpha.md#budget</a>.'
    ) in reports["manager-report.html"]
    assert (
        "Read first: [training/alpha.md#need](<https://portal.example.com/training/alpha/#need>)"
        in (reports["manager-report.md"])
    )

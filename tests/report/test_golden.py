"""Every report file of a fixed scenario against its golden copy.

Regenerate on purpose with ``REPREADY_UPDATE_GOLDEN=1 pytest tests/report`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog
from generator.cli import main
from tests.report.scenario import write
from tests.score.builders import BANKS, DOCS, NOW

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REPREADY_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def reports(cat: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    write(root, cat)
    cwd = Path.cwd()
    os.chdir(root)  # paths in the reports are shown relative to the working directory
    try:
        code = main(
            [
                "score",
                "results",
                "--banks",
                str(BANKS),
                "--docs",
                str(DOCS),
                "--roster",
                "roster.csv",
                "--out",
                "reports",
                "--now",
                NOW.isoformat(),
                "--min-n",
                "3",
                "--min-evidence",
                "2",
                "--jobs",
                "1",
            ]
        )
    finally:
        os.chdir(cwd)
    assert code == 0
    return root / "reports"


NAMES = [
    "manager-report.html",
    "manager-report.md",
    "gaps.csv",
    "assignments.csv",
    "assignments.yml",
    "item-analysis.html",
    "item-analysis.md",
    "item-analysis.csv",
    "distractors.csv",
    "self-assessment.csv",
    "data-quality.csv",
]


@pytest.mark.parametrize("name", NAMES)
def test_report_matches_golden(reports: Path, name: str) -> None:
    produced = (reports / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}: run with REPREADY_UPDATE_GOLDEN=1"
    assert produced == golden.read_text(encoding="utf-8")


def test_no_other_files_are_written(reports: Path) -> None:
    assert sorted(p.name for p in reports.iterdir()) == sorted([*NAMES, ".repready-reports"])

"""The validator against a fixture set of broken banks, each stating the exact problems it must cause.

Every file in ``broken/`` carries ``# expect: LINE:COL: message`` comments; the test puts the file
beside a valid competency model and training page and compares every problem reported for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.bank.anchors import heading_ids
from generator.bank.catalog import load_catalog
from generator.problems import InvalidInput
from tests.conftest import DEMO_SITE

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(BROKEN.glob("*.yml"))


def _expected(file: Path) -> list[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return sorted(line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: "))


def _banks_with(tmp_path: Path, *files: tuple[str, bytes]) -> Path:
    banks = tmp_path / "assessments"
    (banks / "topic").mkdir(parents=True)
    shutil.copy(DEMO_SITE / "assessments" / "competencies.yml", banks)
    for name, content in files:
        (banks / "topic" / name).write_bytes(content)
    return banks


def _problems(banks: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_catalog(banks, DEMO_SITE / "docs")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_bank_reports_exact_problems(case: Path, tmp_path: Path) -> None:
    banks = _banks_with(tmp_path, (case.name, case.read_bytes()))
    found = _problems(banks)
    prefix = f"{banks.as_posix()}/topic/{case.name}:"
    assert all(p.startswith(prefix) for p in found), found
    got = sorted(p.removeprefix(prefix).replace(": error: ", ": ", 1) for p in found)
    assert got == _expected(case)


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    files = [(c.name, c.read_bytes()) for c in CASES]
    found = _problems(_banks_with(tmp_path, *files))
    assert len(found) == sum(len(_expected(c)) for c in CASES)


def test_non_utf8_file_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    content = b"id: latin\ntitle: Caf" + "é".encode("latin-1") + b"\n"
    found = _problems(_banks_with(tmp_path, ("latin.yml", content)))
    assert [p.split("topic/", 1)[1] for p in found] == [
        "latin.yml:2:11: error: not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    demo = (DEMO_SITE / "assessments" / "demo" / "demo.yml").read_bytes()
    copy = demo.replace(b"id: demo\n", b"id: demo-copy\n", 1)
    found = _problems(_banks_with(tmp_path, ("a.yml", demo), ("b.yml", copy), ("c.yml", demo)))
    text = "\n".join(found)
    assert "c.yml:2:5: error: duplicate module id 'demo' (also in " in text
    assert "b.yml:9:9: error: duplicate question id 'demo-1' (also at " in text
    assert "question ids are unique across all banks" in text


def test_valid_demo_banks_load(tmp_path: Path) -> None:
    catalog = load_catalog(DEMO_SITE / "assessments", DEMO_SITE / "docs")
    assert [b.module.id for b in catalog.banks] == ["demo"]
    assert set(catalog.questions) == {"demo-1", "demo-2", "demo-3"}
    bank = catalog.modules["demo"]
    assert bank.hash.startswith("sha256:") and len(bank.hash) == 71
    assert len(set(bank.question_hashes.values())) == 3


def test_hashes_ignore_yaml_layout_but_not_meaning(tmp_path: Path) -> None:
    original = (DEMO_SITE / "assessments" / "demo" / "demo.yml").read_text(encoding="utf-8")
    reflowed = original.replace("difficulty: easy\n", "difficulty: 'easy'   # same value\n")
    changed = original.replace("A dated consequence of doing nothing", "A dated consequence")
    hashes: list[str] = []
    for text in (original, reflowed, changed):
        banks = _banks_with(tmp_path / str(len(hashes)), ("demo.yml", text.encode()))
        hashes.append(load_catalog(banks, DEMO_SITE / "docs").modules["demo"].question_hashes["demo-1"])
    assert hashes[0] == hashes[1] != hashes[2]


def test_heading_ids_follow_the_toc_extension() -> None:
    page = (
        "# Customer qualification\n"
        "## 3. Is there budget, and the wherewithal to buy?\n"
        "```\n## Not a heading\n```\n"
        "## Budget\n## Budget\n"
        "## Objections { #objections }\n"
        "### The `price` *objection*\n"
    )
    assert heading_ids(page) == {
        "customer-qualification",
        "3-is-there-budget-and-the-wherewithal-to-buy",
        "budget",
        "budget_1",
        "objections",
        "the-price-objection",
    }

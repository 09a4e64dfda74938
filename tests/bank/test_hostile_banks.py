"""Banks from many hands: whatever a file holds, the loader answers with located problems, never a traceback.

The fixed cases (deep nesting, self-referencing aliases, impossible dates, huge numbers, bad tags,
merge keys, NaN, reserved ids, training links out of docs/) are files in ``broken/``; here are the
cases that need a file system (links, case) or many random inputs (property-based fuzzing).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.bank.catalog import load_catalog
from generator.bank.source import MAX_DEPTH, read_yaml
from generator.cli import main
from generator.problems import InvalidInput
from tests.conftest import DEMO_SITE

DEMO_BANK = DEMO_SITE / "assessments" / "demo" / "demo.yml"


def _banks(root: Path) -> Path:
    banks = root / "assessments"
    (banks / "topic").mkdir(parents=True)
    shutil.copy(DEMO_SITE / "assessments" / "competencies.yml", banks)
    return banks


def _problems(banks: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_catalog(banks, DEMO_SITE / "docs")
    return [str(p) for p in caught.value.problems]


def test_a_bank_linked_from_outside_the_banks_folder_is_refused(tmp_path: Path) -> None:
    banks = _banks(tmp_path / "repo")
    outside = tmp_path / "elsewhere" / "demo.yml"
    outside.parent.mkdir()
    shutil.copy(DEMO_BANK, outside)
    (banks / "topic" / "demo.yml").symlink_to(outside)
    (banks / "linked").symlink_to(outside.parent, target_is_directory=True)  # never searched
    assert _problems(banks) == [
        f"{banks}/topic/demo.yml: error: links to {outside}, outside {banks}/; copy the bank into the "
        "repository instead of linking to it",
    ]


def test_a_link_inside_the_banks_folder_is_fine(tmp_path: Path) -> None:
    banks = _banks(tmp_path)
    shutil.copy(DEMO_BANK, banks / "topic" / "demo.yml")
    (banks / "alias.yml").symlink_to(banks / "topic" / "demo.yml")
    found = _problems(banks)  # the same module twice: duplicates, not a link problem
    assert found and all("duplicate" in p for p in found)


def test_module_ids_that_differ_only_in_case_are_one_page_on_some_systems(tmp_path: Path) -> None:
    banks = _banks(tmp_path)
    demo = DEMO_BANK.read_text(encoding="utf-8")
    (banks / "topic" / "a.yml").write_text(demo, encoding="utf-8")
    (banks / "topic" / "b.yml").write_text(
        demo.replace("id: demo\n", "id: Demo\n", 1).replace("id: demo-", "id: other-"), encoding="utf-8"
    )
    assert _problems(banks) == [
        f"{banks}/topic/b.yml:2:5: error: module id 'Demo' differs from 'demo' (in {banks}/topic/a.yml:2) "
        "only in case; their quiz pages would be one file on Windows and macOS"
    ]


def test_control_characters_in_a_bank_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    banks = _banks(tmp_path)
    demo = DEMO_BANK.read_text(encoding="utf-8")
    (banks / "topic" / "demo.yml").write_text(
        demo.replace("mastery: 0.75\n", 'mastery: 0.75\n"\\e[2J\\u202eevil": 1\n'), encoding="utf-8"
    )
    assert main(["validate", "--banks", str(banks), "--docs", str(DEMO_SITE / "docs")]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "unknown key '\\x1b[2J\\u202eevil' in the file" in err


# --- Fuzzing: random structures and bytes never raise anything but InvalidInput -----------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["2024-13-45", "!!int abc", ".nan", "-.inf", "9" * 5000, "<<", "*a", "&a [*a]", "~"]),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load_text(tmp_path: Path, content: bytes) -> None:
    banks = tmp_path / "fuzz"
    if banks.exists():
        shutil.rmtree(banks)
    (banks / "topic").mkdir(parents=True)
    shutil.copy(DEMO_SITE / "assessments" / "competencies.yml", banks)
    (banks / "topic" / "fuzz.yml").write_bytes(content)
    try:
        load_catalog(banks, DEMO_SITE / "docs")
    except InvalidInput as error:
        assert error.problems and all(str(p).startswith(f"{banks}/topic/fuzz.yml") for p in error.problems)


@FUZZ
@given(value=STRUCTURES)
def test_any_yaml_structure_is_loaded_or_reported(tmp_path: Path, value: Any) -> None:
    _load_text(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(
    value=st.dictionaries(st.sampled_from(["id", "title", "questions", "mode", "scales", "x"]), STRUCTURES)
)
def test_any_bank_shaped_mapping_is_loaded_or_reported(tmp_path: Path, value: dict[str, Any]) -> None:
    _load_text(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


YAML_PIECES = st.sampled_from(
    ["[", "]", "{", "}", "&a ", "*a", "<<: ", "!!int ", "!!binary ", "!!timestamp ", "? ", "- ", ": ",
     "\n", "  ", "'", '"', "#", "%YAML 1.1\n", "---\n", "\t", "a", "1", ".nan", "\x00", "\xff", "é"]
)  # fmt: skip


@FUZZ
@given(pieces=st.lists(YAML_PIECES, max_size=60))
def test_any_yaml_like_text_is_loaded_or_reported(tmp_path: Path, pieces: list[str]) -> None:
    _load_text(tmp_path, "".join(pieces).encode("utf-8", errors="surrogateescape"))


@FUZZ
@given(content=st.binary(max_size=300))
def test_any_bytes_are_loaded_or_reported(tmp_path: Path, content: bytes) -> None:
    _load_text(tmp_path, content)


def test_nesting_depth_is_bounded_just_above_what_a_bank_needs(tmp_path: Path) -> None:
    deepest = tmp_path / "ok.yml"
    deepest.write_text("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert read_yaml(deepest, "ok.yml")[1] == []
    deeper = tmp_path / "deep.yml"
    deeper.write_text("x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert [p.message.split(" (")[0] for p in read_yaml(deeper, "deep.yml")[1]] == [
        f"nested deeper than {MAX_DEPTH} levels"
    ]

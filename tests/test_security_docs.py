"""docs/reference/security.md states every limit once: each number there is the one the code enforces."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import orjson
import pytest

from generator.bank.checks import RESERVED_MODULE_IDS
from generator.bank.source import MAX_BYTES, MAX_DEPTH, MAX_NODES
from generator.results.reader import Limits
from generator.results.statement import MAX_TEXT
from generator.score.roster import MAX_ROSTER_BYTES
from generator.score.text import MAX_NAME

DOCS = Path(__file__).parents[1] / "docs"
PAGE = (DOCS / "reference" / "security.md").read_text(encoding="utf-8")
KiB, MiB = 1024, 1024 * 1024


def _limits() -> dict[str, str]:
    table = PAGE.split("## Limits", 1)[1]
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", table, re.M)
    return {what: limit for what, limit in rows if what not in ("what", "---")}


def _deepest_json() -> int:
    depth = 1
    while depth < 100_000:
        try:
            orjson.loads(b"[" * (depth + 1) + b"]" * (depth + 1))
        except orjson.JSONDecodeError:
            return depth
        depth += 1
    raise AssertionError("no depth limit")


@pytest.mark.parametrize(
    ("what", "stated"),
    [
        ("one bank file", f"{MAX_BYTES // MiB} MiB"),
        ("nesting of lists and mappings in a bank", f"{MAX_DEPTH} levels"),
        ("values in a bank once its aliases are expanded", f"{MAX_NODES:,}"),
        (
            "one JSON results document (export or array), read whole",
            f"{Limits().max_document_bytes // MiB} MiB (`--max-document-mb`)",
        ),
        ("one line of JSON Lines (one statement)", f"{Limits().max_line_bytes // MiB} MiB"),
        ("a response or a review's notes", f"{MAX_TEXT:,} characters"),
        ("a roster file", f"{MAX_ROSTER_BYTES // MiB} MiB"),
        ("a roster field", f"{csv.field_size_limit() // KiB} KiB"),
        ("a name shown in reports", f"{MAX_NAME} characters"),
    ],
)
def test_each_limit_is_stated_as_the_code_enforces_it(what: str, stated: str) -> None:
    assert _limits()[what] == stated


def test_the_json_depth_stated_is_the_parser_s() -> None:
    assert _limits()["nesting of a JSON document"] == f"{_deepest_json():,} levels"


def test_every_limit_is_tested_here_and_stated_once() -> None:
    assert len(_limits()) == 10
    for what in _limits():
        assert PAGE.count(f"| {what} |") == 1


def test_the_reserved_ids_are_the_validator_s() -> None:
    assert f"Module ids {', '.join(f'`{i}`' for i in RESERVED_MODULE_IDS[:-1])} and " in PAGE.replace(
        "\n", " "
    )
    assert f"`{RESERVED_MODULE_IDS[-1]}` (in any case)" in PAGE.replace("\n", " ")


def test_the_bank_format_states_the_file_limit_as_the_code_does() -> None:
    text = " ".join((DOCS / "reference" / "bank-format.md").read_text(encoding="utf-8").split())
    assert f"A bank file may be at most {MAX_BYTES // MiB} MiB" in text

"""Results files from anyone's browser: random JSON, random statement-shaped objects and random bytes
are scored or rejected with a reason, never a traceback, and never disturb the good file beside them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.score.run import ScoreOptions, score
from tests.score.builders import NOW, attempt, catalog

CATALOG = catalog()
OPTIONS = ScoreOptions(now=NOW, min_n=1, min_evidence=1)
GOOD = attempt(CATALOG, "r1", "alpha", {"a1": ["a"], "a2": ["b"], "a3": ["c"]})
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**64 - 1),  # what orjson writes
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)
PATHS = st.lists(
    st.sampled_from(
        ["id", "actor", "account", "name", "homePage", "mbox", "objectType", "verb", "object", "context",
         "registration", "extensions", "instructor", "result", "response", "timestamp", "definition"]
    ),
    min_size=1,
    max_size=3,
)  # fmt: skip


def _score_beside_good(tmp_path: Path, name: str, content: bytes) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(orjson.dumps({"statements": GOOD}))
    bad = tmp_path / name
    bad.write_bytes(content)
    scoring = score([good, bad], CATALOG, OPTIONS)
    mine = next(r for r in scoring.reps if r.rep == "r1")
    assert mine.cells["T.NEED"].mastery == 1.0  # the good file is always fully used


def _mutated(value: Any, path: list[str], replacement: Any) -> dict[str, Any]:
    statement = copy.deepcopy(GOOD[1])
    # Another rep's statement, so that a valid mutation can neither conflict with r1's nor replace it.
    statement["id"] = "00000000-0000-4000-8000-0000000000f0"
    statement["actor"]["account"]["name"] = "r9"
    node: Any = statement
    for key in path[:-1]:
        if not isinstance(node, dict):
            break
        node = node.setdefault(key, {})
    if isinstance(node, dict):
        node[path[-1]] = replacement
    return statement


@FUZZ
@given(value=JSON)
def test_any_json_document_is_scored_or_rejected(tmp_path: Path, value: Any) -> None:
    _score_beside_good(tmp_path, "fuzz.json", orjson.dumps(value))
    _score_beside_good(tmp_path, "fuzz-export.json", orjson.dumps({"statements": [value, value]}))


@FUZZ
@given(changes=st.lists(st.tuples(PATHS, JSON), min_size=1, max_size=4))
def test_any_statement_with_random_fields_is_scored_or_rejected(
    tmp_path: Path, changes: list[tuple[list[str], Any]]
) -> None:
    lines = []
    for path, replacement in changes:
        lines.append(orjson.dumps(_mutated(GOOD[1], path, replacement)))
    _score_beside_good(tmp_path, "fuzz.jsonl", b"\n".join(lines) + b"\n")


@FUZZ
@given(content=st.binary(max_size=400))
def test_any_bytes_are_scored_or_rejected(tmp_path: Path, content: bytes) -> None:
    _score_beside_good(tmp_path, "fuzz.json", content)
    _score_beside_good(tmp_path, "fuzz.jsonl", content)

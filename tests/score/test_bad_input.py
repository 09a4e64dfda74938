"""Bad input never stops the others: each bad file or record is skipped with its reason."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from generator.bank.catalog import Catalog
from generator.results.reader import Limits, Rejection, UsageError, discover, read_file
from generator.results.statement import Ignored, StatementReader
from generator.score.run import ScoreOptions, Scoring, score
from tests.score.builders import NOW, attempt, export

OPTIONS = ScoreOptions(now=NOW, min_n=1, min_evidence=1)
RIGHT = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}


@pytest.fixture
def good(cat: Catalog, tmp_path: Path) -> Path:
    return export(tmp_path / "in" / "good.json", attempt(cat, "r1", "alpha", RIGHT))


def run_with(cat: Catalog, good: Path, bad: Path, **options: Any) -> Scoring:
    scoring = score([good, bad], cat, ScoreOptions(**{**OPTIONS.__dict__, **options}))
    # The good file is always fully used.
    assert scoring.reps[0].cells["T.NEED"].mastery == 1.0
    return scoring


def reasons(scoring: Scoring) -> list[str]:
    return [str(r).split(": ", 1)[1] if r.path else str(r) for r in scoring.quality.rejections]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'{"statements": [{"id": 1}',
            "truncated JSON: the data ends in the middle of a value (line 1, column 26)",
        ),
        (b"[1, 2,", "truncated JSON: the data ends in the middle of a value (line 1, column 7)"),
        (b"", "empty file: no statements"),
        (b"   \n ", "empty file: no statements"),
        (
            b'{"name": "not xAPI", "version": 2}',
            'not xAPI results: expected {"statements": [...]}, an array of statements or JSON Lines; '
            "found an object with keys: name, version",
        ),
        (
            b'"just a string"',
            'not xAPI results: expected {"statements": [...]}, an array of statements or JSON Lines; '
            "found a JSON str",
        ),
        (b"[" * 5000 + b"]" * 5000, "not valid JSON: nested deeper than 1024 levels"),
        (b'["\xff\xfe"]', "not UTF-8 text (line 1, column 1)"),
        (
            b"<html><script>alert(1)</script></html>",
            "not valid JSON: unexpected character, expected a JSON value (line 1, column 1)",
        ),
    ],
)
def test_bad_files_are_rejected_whole(
    cat: Catalog, good: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "in" / "bad.json"
    bad.write_bytes(content)
    scoring = run_with(cat, good, bad)
    assert reasons(scoring) == [reason]
    assert scoring.quality.rejected_files == 1


def record(cat: Catalog, mutate: Any) -> dict[str, Any]:
    statement = copy.deepcopy(attempt(cat, "r9", "alpha", RIGHT)[1])  # r9 answers a1
    mutate(statement)
    return statement


def _set(path: str, value: Any) -> Any:
    def mutate(statement: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = statement
        for key in parents:
            node = node[key]
        if value is KeyError:
            del node[last]
        else:
            node[last] = value

    return mutate


RECORDS = [
    (_set("id", KeyError), "statement 'id' must be a UUID; it is missing"),
    (_set("id", "not-a-uuid"), "statement 'id' must be a UUID; found 'not-a-uuid'"),
    (_set("verb", "answered"), "statement 'verb.id' must be an IRI string; it is missing"),
    (_set("object.id", 7), "statement 'object.id' must be an IRI string; found a number"),
    (_set("actor", KeyError), "statement 'actor' must be an object; it is missing"),
    (
        _set("actor.account.name", "<script>alert(1)</script>"),
        "'actor' id must be 1-64 letters, digits or _ . @ - (starting with a letter or digit); found "
        "'<script>alert(1)</script>'",
    ),
    (
        _set("actor.account", KeyError),
        "'actor' must identify a person by 'account' {homePage, name} or 'mbox'",
    ),
    (_set("actor.name", ["x"]), "'actor.name' must be a string; found an array"),
    (
        _set("actor.objectType", "Group"),
        "'actor' is a Group; RepReady scores one person per statement (objectType 'Agent')",
    ),
    (_set("context.registration", "x"), "statement 'context.registration' must be a UUID; found 'x'"),
    (
        _set("context", []),
        "statement 'context' must be an object with the attempt's 'registration'; found an array",
    ),
    (_set("timestamp", "2999-01-01T00:00:00Z"), "timestamp 2999-01-01T00:00:00Z is in the future"),
    (_set("timestamp", "yesterday"), "statement 'timestamp' is not an ISO 8601 date and time: 'yesterday'"),
    (_set("timestamp", 12), "statement 'timestamp' must be an ISO 8601 string; found a number"),
    (
        _set("result.response", KeyError),
        "an 'answered' statement needs 'result.response' as a string; it is missing",
    ),
    (
        _set("result.response", 3),
        "an 'answered' statement needs 'result.response' as a string; found a number",
    ),
    (_set("result.response", "a[,]b"), "question 'a1': a single-choice response names one option, found 2"),
    (_set("result.response", "z"), "question 'a1': unknown option 'z' (the question has a, b, c)"),
    (_set("result.response", "a[,]a"), "question 'a1': option chosen twice in 'a[,]a'"),
    (_set("result", "yes"), "statement 'result' must be an object; found 'yes'"),
    (_set("context.extensions", 5), "statement 'context.extensions' must be an object; found a number"),
    (
        _set("context.instructor", "boss"),
        "statement 'context.instructor' must be an Agent object; found 'boss'",
    ),
]


@pytest.mark.parametrize(("mutate", "reason"), RECORDS)
def test_bad_records_are_rejected_with_their_reason(
    cat: Catalog, good: Path, tmp_path: Path, mutate: Any, reason: str
) -> None:
    bad = tmp_path / "in" / "bad.jsonl"
    valid = record(cat, _set("id", "00000000-0000-4000-8000-00000000000a"))  # another statement, before it
    lines = [orjson.dumps(valid), orjson.dumps(record(cat, mutate))]
    bad.write_bytes(b"\n".join(lines) + b"\n")
    scoring = run_with(cat, good, bad)
    assert reasons(scoring) == [reason]
    assert scoring.quality.rejections[0].line == 2


def test_non_object_records_and_garbage_lines(cat: Catalog, good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "in" / "mixed.jsonl"
    ok = orjson.dumps(record(cat, lambda s: None))
    bad.write_bytes(ok + b'\n[1, 2]\n{"half": \n\nnull\n' + ok + b"\n")
    scoring = run_with(cat, good, bad)
    assert [(r.line, r.reason) for r in scoring.quality.rejections] == [
        (2, "expected a statement object, found an array"),
        (3, "truncated JSON: the data ends in the middle of a value"),
        (5, "expected a statement object, found null"),
    ]
    assert scoring.quality.duplicates == 1


def test_statements_of_other_verbs_or_activities_are_ignored_not_rejected(
    cat: Catalog, good: Path, tmp_path: Path
) -> None:
    other_verb = record(cat, _set("verb", {"id": "http://adlnet.gov/expapi/verbs/experienced"}))
    other_object = record(cat, _set("object.id", "https://example.com/course/1"))
    bad = export(tmp_path / "in" / "lrs.json", [other_verb, other_object])
    scoring = run_with(cat, good, bad)
    assert scoring.quality.rejections == []
    assert sorted(scoring.quality.ignored) == [
        "activity 'https://example.com/course/1' is not a RepReady question or module",
        "verb 'http://adlnet.gov/expapi/verbs/experienced' is not one the scorer uses",
    ]


def test_a_document_over_the_size_cap_is_rejected_without_reading_it(
    cat: Catalog, good: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "in" / "huge.json"
    with huge.open("wb") as handle:  # 200 MB, sparse: costs no disk and is never read
        handle.write(b'{"statements": [')
        handle.truncate(200 * 1024 * 1024)
    scoring = run_with(cat, good, huge)
    assert reasons(scoring) == [
        "file is 200.0 MiB; a single JSON document may be at most 64 MiB. Export it as JSON Lines (one "
        "statement per line), which is read line by line, or split it"
    ]


def test_json_lines_are_streamed_whatever_their_size_but_a_line_is_capped(
    cat: Catalog, tmp_path: Path
) -> None:
    ok = orjson.dumps(record(cat, lambda s: None))
    path = tmp_path / "dump.jsonl"
    path.write_bytes(ok + b"\n" + b'{"pad": "' + b"x" * 3000 + b'"}\n' + ok + b"\n")
    rejections: list[Rejection] = []
    records = read_file(path, rejections, Limits(max_document_bytes=10, max_line_bytes=2000))
    assert [position for position, _ in records.items] == [1, 3]
    assert [str(r) for r in rejections] == [f"{path}:2: line longer than 0 MiB; one statement per line"]


def test_a_json_file_holding_json_lines_is_read_as_lines(cat: Catalog, tmp_path: Path) -> None:
    ok = orjson.dumps(record(cat, lambda s: None))
    path = tmp_path / "export.json"
    path.write_bytes(b"\xef\xbb\xbf" + ok + b"\n" + ok + b"\n")
    rejections: list[Rejection] = []
    records = read_file(path, rejections)
    assert records.by_line and [p for p, _ in records.items] == [1, 2] and rejections == []


def test_one_statement_object_and_plain_arrays_are_accepted(cat: Catalog, tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_bytes(orjson.dumps(record(cat, lambda s: None)))
    array = tmp_path / "array.json"
    array.write_bytes(orjson.dumps([record(cat, lambda s: None)]))
    for path in (single, array):
        rejections: list[Rejection] = []
        assert len(list(read_file(path, rejections).items)) == 1 and rejections == []


def test_strings_with_any_content_survive_reading(cat: Catalog) -> None:
    hostile = record(cat, _set("actor.name", "<img src=x onerror=alert(1)>\u202egpj.exe"))
    reader = StatementReader(NOW)
    statement = reader.read(hostile)
    assert not isinstance(statement, str)
    assert statement.rep_name == "<img src=x onerror=alert(1)>\u202egpj.exe"  # cleaned for display later


def test_fast_and_checked_paths_agree(cat: Catalog) -> None:
    statements = attempt(cat, "r1", "review", {"r-c1": 4, "r-n1": 4, "r-n2": 2}, manager=("m1", "M"))
    statements += attempt(cat, "r1", "pool", {"p-1": True}, presented=["p-1"])
    statements += [record(cat, mutate) for mutate, _ in RECORDS]
    for statement in statements:
        fast = StatementReader(NOW)
        fast.checked_read(statement)  # warm the caches, so the fast path is taken
        assert fast.read(statement) == StatementReader(NOW).checked_read(statement)


def test_ignored_is_a_reason_too() -> None:
    assert isinstance(Ignored("x"), str)


def test_discover_finds_results_in_folders_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/x.json", "a/y.JSONL", "a/z.ndjson", "a/notes.txt", ".hidden/w.json", "a/.v.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("[]")
    found = discover([tmp_path, tmp_path / "a" / "x.json", tmp_path / "a" / "notes.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/notes.txt",
        "a/x.json",
        "a/y.JSONL",
        "a/z.ndjson",
    ]
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([tmp_path / "missing"])


def test_deep_nesting_inside_a_statement_or_a_line(cat: Catalog, good: Path, tmp_path: Path) -> None:
    deep: Any = "bottom"
    for _ in range(300):
        deep = {"n": deep}
    nested = record(cat, _set("id", "00000000-0000-4000-8000-00000000000b"))
    nested["result"]["extensions"] = {"https://example.com/x": deep}
    bad = tmp_path / "in" / "deep.jsonl"
    text = json.dumps(nested)  # orjson itself refuses to write more than 254 levels
    bad.write_bytes(text.encode() + b"\n" + b"[" * 3000 + b"]" * 3000 + b"\n")
    scoring = run_with(cat, good, bad)
    assert [(r.line, r.reason) for r in scoring.quality.rejections] == [
        (1, "statement 'result' is nested too deeply"),
        (2, "not valid JSON: nested deeper than 1024 levels"),
    ]

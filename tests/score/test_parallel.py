"""Reading in several processes reports exactly what one process reports, duplicates and conflicts too."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path
from typing import Any

import pytest

from generator.bank.catalog import Catalog
from generator.cli import main
from generator.score.run import Feed, ScoreOptions, score
from generator.xapi import vocabulary as v
from tests.score.builders import BANKS, NOW, attempt, export, jsonl

RIGHT = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}
WRONG = {"a1": ["b"], "a2": ["a"], "a3": ["a"]}
FILES = 2 * ScoreOptions(now=NOW).parallel_min_files  # well above the count that turns workers on


def answer(statements: list[dict[str, Any]], question: str) -> dict[str, Any]:
    return next(s for s in statements if s["object"]["id"].endswith("/" + question))


@pytest.fixture(scope="module")
def results(cat: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Many reps' exports, with every way a statement can come twice, spread so workers split them.

    Files are shared between processes by size, so copies and conflicting versions are given
    sizes that put them in different processes from the file they repeat.
    """
    folder = tmp_path_factory.mktemp("results")
    batches: dict[str, list[dict[str, Any]]] = {}
    for n in range(FILES):
        rep = f"r{n:03d}"
        batch = attempt(cat, rep, "alpha", RIGHT if n % 2 else WRONG, day=1)
        if n % 3 == 0:
            batch += attempt(cat, rep, "beta", {"b2": n % 5 == 0})
        batches[rep] = batch
        export(folder / f"{rep}.json", batch)
    # Exact copies of whole files, as JSON Lines and as exports, in the middle and at the end.
    jsonl(folder / "r010-again.jsonl", batches["r010"])
    export(folder / "zz-r020-copy.json", batches["r020"])
    export(folder / "zz-r021-copy.json", batches["r021"] + batches["r022"])
    # A conflict that also has exact duplicates: r030's a1 answered otherwise under the same id,
    # once in a small file and once beside a copy of a large one.
    other = copy.deepcopy(answer(batches["r030"], "a1"))
    other["result"]["response"] = "c"
    export(folder / "conflict-small.json", [other])
    export(folder / "conflict-large.json", batches["r033"] + batches["r036"] + [other])
    export(folder / "zz-r030-copy.json", batches["r030"])
    # A "completed" whose browser score was doctored under the same id: still a conflict.
    completed = copy.deepcopy(batches["r041"][-1])
    completed["result"]["score"] = {"scaled": 1}
    export(folder / "doctored.json", [completed, *batches["r042"]])
    # A record rejected for its content, twice: each copy is reported where it is.
    bad = copy.deepcopy(answer(batches["r050"], "a2"))
    bad["id"] = "00000000-0000-4000-8000-00000000b0d1"
    bad["result"]["response"] = "q"
    export(folder / "bad-1.json", [bad])
    export(folder / "bad-2.json", [*batches["r051"], bad])
    # A pool attempt answering a question it did not present, and a copy of it elsewhere.
    pool = attempt(cat, "r060", "pool", {"p-1": True, "p-2": False}, presented=["p-1", "p-2"])
    pool[0]["context"]["extensions"][v.EXT_PRESENTED]["questions"] = ["p-1", "p-3"]
    export(folder / "pool.json", pool)
    export(folder / "zz-pool-copy.json", batches["r061"] + pool)
    return folder


def run(results: Path, out: Path, jobs: int) -> tuple[int, dict[str, bytes]]:
    options = ["--banks", str(BANKS), "--now", NOW.isoformat(), "--jobs", str(jobs), "--min-n", "1"]
    code = main(["score", str(results), *options, "--out", str(out)])
    return code, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_four_jobs_write_exactly_what_one_job_writes(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one_code, one = run(results, tmp_path / "one", jobs=1)
    one_err = capsys.readouterr().err.replace(str(tmp_path / "one"), "OUT")
    four_code, four = run(results, tmp_path / "four", jobs=4)
    four_err = capsys.readouterr().err.replace(str(tmp_path / "four"), "OUT")
    assert one_code == four_code == 0
    assert one["data-quality.csv"].decode() == four["data-quality.csv"].decode()
    assert one_err == four_err
    assert one == four


def test_the_data_quality_rows_name_every_copy_of_a_conflict_and_nothing_else(
    results: Path, tmp_path: Path
) -> None:
    _, written = run(results, tmp_path / "out", jobs=4)
    rows = list(csv.reader(io.StringIO(written["data-quality.csv"].decode())))[1:]
    conflicts: dict[str, set[str]] = {}
    for kind, file, _line, _record, reason in rows:
        if kind == "conflict":
            conflicts.setdefault(reason.split()[1], set()).add(Path(file).name)
    assert sorted(conflicts.values(), key=sorted) == [
        {"conflict-large.json", "conflict-small.json", "r030.json", "zz-r030-copy.json"},
        {"doctored.json", "r041.json"},
    ]
    rejected = sorted((Path(r[1]).name, r[4]) for r in rows if r[0] == "rejected")
    assert rejected == [
        ("bad-1.json", "question 'a2': unknown option 'q' (the question has a, b, c)"),
        ("bad-2.json", "question 'a2': unknown option 'q' (the question has a, b, c)"),
        ("pool.json", "question 'p-2' was not among those presented in this attempt"),
    ]


def test_a_conflict_with_a_feed_read_once_lists_the_feed_too(cat: Catalog, tmp_path: Path) -> None:
    statements = attempt(cat, "r1", "alpha", RIGHT)
    other = copy.deepcopy(answer(statements, "a1"))
    other["result"]["response"] = "c"
    file = export(tmp_path / "r1.json", statements)
    once = iter([[other], [answer(statements, "a2")]])  # an LRS's pages: they cannot be fetched again
    scoring = score([file], cat, ScoreOptions(now=NOW), feeds=[Feed("https://lrs.example/xAPI", once)])
    places = {(p.path.rsplit("/", 1)[-1], p.record) for p in scoring.quality.conflicts[other["id"]]}
    assert places == {("r1.json", 2), ("xAPI", 1)}
    assert scoring.quality.duplicates == 1  # a2 came from the file and from the second page
    assert scoring.reps[0].cells["T.NEED"].questions == 1  # a1 counts in neither version

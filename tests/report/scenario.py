"""A small, fixed team whose results exercise every part of the reports, hostile names included."""

from __future__ import annotations

import copy
from pathlib import Path

import orjson

from generator.bank.catalog import Catalog
from generator.xapi import vocabulary as v
from tests.score.builders import attempt, export, jsonl

PWNED = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
BIDI = "Eve \u202egpj.exe"

ROSTER = (
    "rep_id,name,team,manager\n"
    "ana,Ana Alvarez,North,Morgan\n"
    f'bo,"Bo {IMG}",North,Morgan\n'
    f'cy,Cy,"South {PWNED}",=HYPERLINK("http://evil")\n'
    f"dee,{BIDI},South,Sam\n"
    "fay,Fay Absent,South,Sam\n"
)
KEYS = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}


def write(root: Path, cat: Catalog) -> tuple[Path, Path]:
    """Write ``results/`` and ``roster.csv`` under ``root``; return both paths."""
    results = root / "results"
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    ana = (
        attempt(cat, "ana", "alpha", {"a1": ["a"], "a2": ["a"], "a3": ["a"]}, day=1)
        + attempt(cat, "ana", "alpha", KEYS, day=4)
        + attempt(
            cat,
            "ana",
            "beta",
            {"b1": ["a", "b"], "b2": False, "b3": [("s1", "t1"), ("s2", "t2")], "b4": ["p1", "p2", "p3"]},
            day=2,
        )
        + attempt(cat, "ana", "survey", {"s-c1": 5, "s-c2": 1, "s-c3": 4, "s-m1": 4, "s-m2": 2}, day=2)
        + attempt(
            cat, "ana", "review", {"r-c1": 2, "r-n1": 4, "r-n2": 2}, day=3, manager=("morgan", "Morgan")
        )
    )
    export(results / "ana.json", ana)
    bo = attempt(cat, "bo", "alpha", {"a1": ["b"], "a2": ["b"], "a3": ["a"]}, day=1, name=f"Bo {IMG}")
    bo += attempt(
        cat,
        "bo",
        "beta",
        {"b1": ["a"], "b2": True, "b3": [("s1", "t2"), ("s2", "t1")], "b4": ["p2", "p1", "p3"]},
        day=2,
    )
    bo += attempt(cat, "bo", "pool", {"p-1": True, "p-4": False}, day=3, presented=["p-1", "p-4"])
    for s in bo:  # the browser's verdicts, doctored: ignored
        if "result" in s:
            s["result"]["success"] = True
            s["result"]["score"] = {"scaled": 1, "raw": 1, "min": 0, "max": 1}
    jsonl(results / "bo.jsonl", bo)
    cy = attempt(cat, "cy", "alpha", {"a1": ["a"], "a2": ["c"], "a3": ["c"]}, day=2, name=PWNED)
    cy += attempt(
        cat, "cy", "survey", {"s-c1": 2, "s-c2": 4, "s-c3": 2, "s-m1": 1, "s-m2": 5}, day=2, name=PWNED
    )
    cy += attempt(
        cat, "cy", "review", {"r-c1": 5, "r-n1": 2, "r-n2": 4}, day=3, manager=("sam", f"Sam {PWNED}")
    )
    for s in cy:
        if s["object"]["id"].endswith("/a2"):
            s["context"]["extensions"][v.EXT_QUESTION_HASH] = "sha256:" + "0" * 64  # answered an older a2
    export(results / "cy.json", cy)
    dee = attempt(cat, "dee", "alpha", {"a1": ["a"], "a2": ["b"]}, day=2, name=BIDI)
    export(results / "dee.json", dee)
    # An export of dee's attempt again (duplicates) with one statement altered (a conflict).
    again = copy.deepcopy(dee)
    again[1]["result"]["response"] = "c"
    export(results / "dee-again.json", again)
    # A rep missing from the roster, with a hostile display name and an answer from the future.
    gus = attempt(cat, "gus", "alpha", KEYS, day=2, name="Gus \u202e<b>bold</b>")
    gus[2]["timestamp"] = "2999-01-01T00:00:00.000Z"
    export(results / "gus.json", gus)
    (results / "broken.json").write_bytes(orjson.dumps({"statements": ana[:2]})[:-7])
    (results / "notes.json").write_text('{"hello": "world"}', encoding="utf-8")
    return results, root / "roster.csv"

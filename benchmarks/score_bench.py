"""How fast ``repready score`` is against the floor: DuckDB computing the same means from the same files.

Generates (once per size; cached under benchmarks/.work/score-<answers>/) banks of 40
modules x 20 questions over every knowledge competency, a roster of one rep per 200
answers in 50 teams, and one portal export file per rep with 200 ``answered`` statements
each plus the ``attempted``/``completed``/``passed`` statements of each attempt, made by the
reference builder the browser's export matches. Then, in every round, one after another
(the order rotating from round to round, so all three see the same machine load):

(score) the full ``repready score`` in a subprocess (read, re-grade, aggregate, write every report);
(parse) only parsing the same files with orjson, the parser the scorer uses;
(floor) DuckDB (embedded, multi-threaded) reading the same export files, grading each distinct
        (question, response) once with the banks' own grader, mapping questions to competencies
        from the banks and computing every rep x competency mean; its means are checked against
        the answers the generator wrote (``answers.csv``).

Prints the median and spread of the paired ratios score/floor (target <= 2.0) and score/parse,
and the scorer's peak memory (target <= 1 GiB). ``--growth 10000,100000,1000000`` does this for
each size and prints a growth table with the fixed start (the scorer on a single file of the
same banks) separated from the cost per 1,000 statements.

    python benchmarks/score_bench.py [--answers 1000000] [--rounds 3] [--jobs N] [--regenerate]
                                     [--growth 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import yaml
from paired import Paired, alternate

ROOT = Path(__file__).resolve().parent.parent
WORKS = ROOT / "benchmarks" / ".work"
WORK = WORKS / "score"  # set per size by use()
PER_REP = 200
HOME = "https://portal.example.com/"
KNOWLEDGE = [
    "QUAL.NEED",
    "QUAL.PRIORITIES",
    "QUAL.BUDGET",
    "QUAL.DECISION",
    "QUAL.BUYER_KNOWLEDGE",
    "VALUE.FAB",
    "VALUE.NEED_LINK",
    "PROD.CAPABILITY",
    "PROD.COMMERCIAL",
    "PROD.COMPETITION",
    "PROC.STAGES",
    "PROC.NEXT_STEP",
    "PROC.HYGIENE",
]
ATTITUDE = ["ATT.CONFIDENCE", "ATT.URGENCY", "ATT.BUY_IN", "ATT.MOTIVATION"]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def taxonomy() -> dict[str, Any]:
    return {
        "topics": [{"id": f"topic-{t}", "title": f"Topic {t}"} for t in range(4)],
        "competencies": [
            {"id": c, "title": c.title(), "description": "Synthetic.", "kind": "knowledge"} for c in KNOWLEDGE
        ]
        + [{"id": c, "title": c.title(), "description": "Synthetic.", "kind": "attitude"} for c in ATTITUDE],
    }


def question(module: int, number: int, competency_index: int) -> dict[str, Any]:
    qid = f"m{module:02d}-q{number:02d}"
    competencies = [KNOWLEDGE[competency_index % len(KNOWLEDGE)]]
    if number % 4 == 0:
        competencies.append(KNOWLEDGE[(competency_index + 5) % len(KNOWLEDGE)])
    base: dict[str, Any] = {
        "id": qid,
        "competencies": competencies,
        "prompt": f"Question {number} of module {module}: which option is right for this customer?",
        "explanation": "Because the buyer stated that need.",
    }
    kind = ("single", "single", "multiple", "true-false", "matching", "ordering")[number % 6]
    base["type"] = kind
    if kind in ("single", "multiple"):
        base["options"] = [
            {
                "id": o,
                "text": f"Option {o} for question {number}",
                "correct": o == "a" or (kind == "multiple" and o == "c"),
            }
            for o in "abcd"
        ]
    elif kind == "true-false":
        base["answer"] = number % 2 == 0
    elif kind == "matching":
        base["pairs"] = [{"id": f"s{i}", "text": f"Feature {i}", "match": f"t{i}"} for i in range(1, 4)]
        base["targets"] = [{"id": f"t{i}", "text": f"Benefit {i}"} for i in range(1, 5)]
        base["scoring"] = "partial"
    else:
        base["steps"] = [{"id": f"p{i}", "text": f"Step {i}"} for i in range(1, 5)]
    return base


def write_banks(banks: Path, modules: int, per_module: int) -> None:
    if banks.exists():
        shutil.rmtree(banks)
    banks.mkdir(parents=True)
    (banks / "competencies.yml").write_text(yaml.safe_dump(taxonomy(), sort_keys=False))
    docs = banks.parent / "docs" / "training"
    docs.mkdir(parents=True, exist_ok=True)
    counter = 0
    for m in range(modules):
        questions = []
        for n in range(per_module):
            questions.append(question(m, n, counter))
            counter += 1
        module = {
            "id": f"module-{m:02d}",
            "title": f"Module {m}",
            "topic": f"topic-{m % 4}",
            "summary": "Synthetic module.",
            "training": f"training/topic-{m % 4}.md",
            "mastery": 0.8,
            "questions": questions,
        }
        (banks / f"module-{m:02d}.yml").write_text(yaml.safe_dump(module, sort_keys=False))
    for t in range(4):
        (docs / f"topic-{t}.md").write_text(f"# Topic {t}\n")


def rep_id(index: int) -> str:
    return f"rep-{index:05d}"


def answer_for(q: Any, rng: random.Random, skill: float) -> Any:
    """A response: right with probability ``skill``, otherwise a plausible wrong one."""
    right = rng.random() < skill
    if q.type == "single":
        options = [o.id for o in q.options]
        correct = next(o.id for o in q.options if o.correct)
        return [correct] if right else [rng.choice([o for o in options if o != correct])]
    if q.type == "multiple":
        correct = [o.id for o in q.options if o.correct]
        return correct if right else [correct[0], "b"]
    if q.type == "true-false":
        return q.answer if right else not q.answer
    if q.type == "matching":
        pairs = [(p.id, p.match) for p in q.pairs]
        if not right:
            pairs[0] = (pairs[0][0], "t4")
        return pairs
    steps = [s.id for s in q.steps]
    if not right:
        steps[0], steps[1] = steps[1], steps[0]
    return steps


def generate_rep(job: tuple[int, int, int, str, str]) -> list[tuple[str, str, float]]:
    """Write one rep's export; return the flattened (rep, competency, score) rows for DuckDB."""
    from generator.bank.catalog import load_catalog
    from generator.bank.grading import grade
    from generator.xapi.statements import Attempt, Learner, build

    index, answers, modules, banks_dir, results_dir = job
    catalog = _CATALOG.get(banks_dir) or _CATALOG.setdefault(banks_dir, load_catalog(Path(banks_dir)))
    rng = random.Random(index)
    rep = rep_id(index)
    learner = Learner(f"Rep {index}", rep, HOME)
    skill = 0.45 + 0.5 * rng.random()
    statements: list[dict[str, Any]] = []
    flat: list[tuple[str, str, float]] = []
    module_ids = sorted(catalog.modules)
    start = datetime(2026, 9, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=index)
    count = 0
    attempt_no = 0
    while count < answers:
        module_id = module_ids[rng.randrange(min(modules, len(module_ids)))]
        bank = catalog.modules[module_id]
        responses = {}
        for q in bank.module.questions:
            if count >= answers:
                break
            responses[q.id] = answer_for(q, rng, skill)
            count += 1
        attempt_no += 1
        started = start + timedelta(days=attempt_no)
        attempt = Attempt(
            bank=bank,
            learner=learner,
            registration=str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{rep}:{attempt_no}")),
            started=started,
            finished=started + timedelta(minutes=12),
            responses=responses,
        )
        statements.extend(build(attempt))
        for qid, response in responses.items():
            question = catalog.questions[qid][1]
            score = grade(question, response).score
            for competency in getattr(question, "competencies", ()):
                flat.append((rep, competency, score))
    Path(results_dir, f"{rep}.json").write_bytes(orjson.dumps({"statements": statements}))
    return flat


_CATALOG: dict[str, Any] = {}


def generate(args: argparse.Namespace) -> None:
    stamp = WORK / "params.json"
    params = {k: getattr(args, k) for k in ("reps", "teams", "modules", "questions", "answers")}
    if not args.regenerate and stamp.is_file() and json.loads(stamp.read_text()) == params:
        print(f"reusing generated data in {WORK}")
        return
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    banks = WORK / "banks"
    results = WORK / "results"
    results.mkdir()
    write_banks(banks, args.modules, args.questions)
    with (WORK / "roster.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rep_id", "name", "team", "manager"])
        for i in range(args.reps):
            team = i % args.teams
            writer.writerow([rep_id(i), f"Rep {i}", f"Team {team:02d}", f"Manager {team:02d}"])
    per_rep = args.answers // args.reps
    jobs = [(i, per_rep, args.modules, str(banks), str(results)) for i in range(args.reps)]
    started = time.perf_counter()
    with (
        (WORK / "answers.csv").open("w", newline="") as handle,
        multiprocessing.Pool(os.cpu_count() or 2) as pool,
    ):
        writer = csv.writer(handle)
        writer.writerow(["rep", "competency", "score"])
        for done, rows in enumerate(pool.imap_unordered(generate_rep, jobs, chunksize=20), start=1):
            writer.writerows(rows)
            if done % 1000 == 0:
                print(f"  generated {done} of {args.reps} reps ({time.perf_counter() - started:.0f} s)")
    stamp.write_text(json.dumps(params))


PARSE_ONLY = """
import sys, orjson
from pathlib import Path
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    count += len(orjson.loads(path.read_bytes())["statements"])
print(count)
"""

# The floor: what a columnar engine needs to compute the report's core numbers from the same files.
FLOOR = """
import sys
from pathlib import Path

import duckdb

from generator.bank.catalog import load_catalog
from generator.bank.grading import grade
from generator.bank.model import Likert
from generator.xapi import vocabulary as v
from generator.xapi.responses import ResponseError, parse

results, banks, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
catalog = load_catalog(banks)
db = duckdb.connect()
db.execute(
    "CREATE TABLE answered AS SELECT f[1] AS rep, f[2] AS object, f[3] AS response FROM ("
    " SELECT json_extract_string(s, ['$.actor.account.name', '$.object.id', '$.result.response',"
    " '$.verb.id']) AS f FROM ("
    "  SELECT unnest(json_extract(json, '$.statements[*]')) AS s FROM read_json_objects(?)))"
    " WHERE f[4] = ?",
    [str(results / "*.json"), v.ANSWERED],
)
grades, competencies = [], set()
for iri, response in db.execute("SELECT DISTINCT object, response FROM answered").fetchall():
    kind_id = v.parse_activity(iri)
    if kind_id is None or kind_id[1] not in catalog.questions:
        continue
    bank, question = catalog.questions[kind_id[1]]
    competencies.update((iri, c) for c in getattr(question, "competencies", ()))
    try:
        parsed = parse(question, response, bank.module)
    except ResponseError:
        continue
    score = float(parsed) if isinstance(question, Likert) else grade(question, parsed).score
    grades.append((iri, response, score))
db.execute("CREATE TABLE grades (object VARCHAR, response VARCHAR, score DOUBLE)")
db.executemany("INSERT INTO grades VALUES (?, ?, ?)", grades)
db.execute("CREATE TABLE measures (object VARCHAR, competency VARCHAR)")
db.executemany("INSERT INTO measures VALUES (?, ?)", sorted(competencies))
db.execute(
    "COPY (SELECT rep, competency, avg(score) AS mean FROM answered JOIN grades USING (object, response)"
    " JOIN measures USING (object) GROUP BY rep, competency ORDER BY rep, competency) TO ? (HEADER)",
    [out],
)
"""


# CPU seconds (user + system, the child and the processes it waited for) per contender, by round:
# on a shared machine the wall time depends on the load, the CPU time much less.
CPU: dict[str, list[float]] = {}


def child(command: list[str], name: str = "") -> tuple[float, float, str]:
    """Wall seconds, peak resident MiB (of this child alone, from wait4) and output of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write(output[-4000:])
        raise SystemExit(f"{command[:4]} exited {process.returncode}")
    if name:
        CPU.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss / 1024, output


def check_floor(means: Path) -> None:
    """The floor's means are the generator's own: it computes what the reports rest on."""
    import duckdb

    differ = (
        duckdb.connect()
        .execute(
            "SELECT count(*) FROM (SELECT rep, competency, avg(score) AS mean FROM read_csv_auto(?)"
            " GROUP BY rep, competency) AS truth FULL JOIN read_csv_auto(?) AS floor USING (rep, competency)"
            " WHERE truth.mean IS NULL OR floor.mean IS NULL OR abs(truth.mean - floor.mean) > 1e-9",
            [str(WORK / "answers.csv"), str(means)],
        )
        .fetchone()
    )
    assert differ is not None
    if differ[0]:
        raise SystemExit(f"the floor's means differ from answers.csv in {differ[0]} rows")


def use(answers: int) -> Path:
    global WORK
    WORK = WORKS / f"score-{answers}"
    return WORK


def measure(args: argparse.Namespace, answers: int) -> dict[str, float]:
    """Generate (or reuse) ``answers`` statements, run the three contenders; the medians and peaks."""
    use(answers)
    args.answers, args.reps = answers, max(1, answers // PER_REP)
    generate(args)
    results = WORK / "results"
    files = sorted(results.glob("*.json"))
    size = sum(f.stat().st_size for f in files)
    print(f"{answers:,} answers: {len(files)} files, {size / 1e6:.0f} MB", flush=True)
    python = sys.executable
    out_dir, means = WORK / "reports", WORK / "floor-means.csv"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    score_cmd = [
        python, "-m", "generator", "score", str(results), "--banks", str(WORK / "banks"),
        "--roster", str(WORK / "roster.csv"), "--out", str(out_dir), "--now", NOW.isoformat(), *jobs,
    ]  # fmt: skip
    peaks: list[float] = []

    def score() -> float:
        seconds, peak, _ = child(score_cmd, "score")
        peaks.append(peak)
        return seconds

    paired = alternate(
        {
            "score": score,
            "parse": lambda: child([python, "-c", PARSE_ONLY, str(results)], "parse")[0],
            "floor": lambda: child(
                [python, "-c", FLOOR, str(results), str(WORK / "banks"), str(means)], "floor"
            )[0],
        },
        args.rounds,
    )
    check_floor(means)
    print(f"  medians: score {paired.median('score'):.2f} s, parse {paired.median('parse'):.2f} s, "
          f"floor {paired.median('floor'):.2f} s (its means match answers.csv)")  # fmt: skip
    print(f"  score/floor = {paired.ratio('score', 'floor')}  (target <= 2.0)")
    print(f"  score/parse = {paired.ratio('score', 'parse')}")
    print(f"  floor/parse = {paired.ratio('floor', 'parse')}")
    cpu = Paired({name: CPU.pop(name) for name in ("score", "parse", "floor")})
    print(f"  CPU seconds, medians: score {cpu.median('score'):.2f}, parse {cpu.median('parse'):.2f}, "
          f"floor {cpu.median('floor'):.2f}; score/floor in CPU = {cpu.ratio('score', 'floor')}")  # fmt: skip
    print(f"  peak memory of score: {max(peaks):.0f} MiB (target <= 1024)", flush=True)
    return {
        "answers": answers,
        "statements": int(child([python, "-c", PARSE_ONLY, str(results)])[2]),
        "score": paired.median("score"),
        "floor": paired.median("floor"),
        "peak": max(peaks),
        "start": fixed_start(score_cmd, files[0], args.rounds),
    }


def fixed_start(score_cmd: list[str], one_file: Path, rounds: int) -> float:
    """``repready score`` on a single rep's file with the same banks and no roster: the cost of starting.

    Without the roster, since a roster of N reps puts N reps into every report, which grows with size.
    """
    command, skip = [], False
    for part in score_cmd:
        if skip:
            skip = False
        elif part == "--roster":
            skip = True
        else:
            command.append(str(one_file) if part == str(one_file.parent) else part)
    return statistics.median(child(command)[0] for _ in range(rounds))


def growth_table(rows: list[dict[str, float]]) -> None:
    print()
    print("| answered | statements | score (s) | floor (s) | score/floor | fixed start (s) "
          "| score minus start, per 1,000 statements (ms) | peak (MiB) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        per_k = (row["score"] - row["start"]) / row["statements"] * 1e6
        print(f"| {row['answers']:,.0f} | {row['statements']:,.0f} | {row['score']:.2f} | {row['floor']:.2f} "
              f"| {row['score'] / row['floor']:.2f} | {row['start']:.2f} | {per_k:.2f} "
              f"| {row['peak']:.0f} |")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--modules", type=int, default=40)
    parser.add_argument("--questions", type=int, default=20, help="per module")
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; medians of paired ratios")
    parser.add_argument("--jobs", type=int, help="pass --jobs to repready score (default: its own)")
    parser.add_argument("--growth", help="comma-separated sizes, e.g. 10000,100000,1000000")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.growth.split(",")] if args.growth else [args.answers]
    rows = [measure(args, answers) for answers in sizes]
    if len(rows) > 1:
        growth_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

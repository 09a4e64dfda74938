"""How fast GIFT import and export are, beside the reference parser (npm gift-pegjs) on the same file.

Generates (once; cached under benchmarks/.work/gift/) a 5,000-question GIFT file in 50
categories: single and weighted multiple choice, true/false and matching questions, with
per-answer and general feedback, escapes and some HTML. Then, each in its own process so that
its peak memory is its own:

(a) ``repready import-gift`` of the file: read, convert, write 50 banks, check them;
(b) ``repready export-gift`` of those banks back to GIFT;
(c) our reader alone on the file (parse only, in-process timing);
(d) gift-pegjs parsing the same file (in-process timing in node), when
    ``npm ci --prefix benchmarks/gift-pegjs`` has been run (``make bench`` does).

Prints wall time and peak memory of (a) and (b), the parse times of (c) and (d) and their
ratio. Timings are the median of --rounds runs (default 3).

    python benchmarks/gift_bench.py [--questions 5000] [--rounds 3] [--regenerate]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "gift"
PEGJS = ROOT / "benchmarks" / "gift-pegjs"
WORDS = [
    *("budget", "need", "urgency", "champion", "renewal", "fleet", "driver", "route", "sensor"),
    *("invoice", "contract", "pilot", "margin", "discount", "quarter", "signal", "insurer"),
    *("dispatch", "audit", "temperature", "proposal", "meeting"),
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def question(rng: random.Random, number: int) -> str:
    title = f"::Q{number} {sentence(rng, 2)}::"
    kind = number % 5
    stem = f"{sentence(rng, 12)} \\= {rng.randint(1, 99)}\\: what now?"
    if kind == 4 and number % 10 == 4:
        stem = f"[html]<p>{sentence(rng, 10)} <b>{sentence(rng, 2)}</b>?</p>"
    general = f"\t####{sentence(rng, 15)} \\#{number}\n"
    if kind in (0, 4):
        right = rng.randrange(4)
        answers = "".join(
            f"\t{'=' if i == right else '~'}{sentence(rng, 5)} {i}#{sentence(rng, 8)}\n" for i in range(4)
        )
    elif kind == 1:
        answers = "".join(
            f"\t~%{'50' if i < 2 else '-50'}%{sentence(rng, 5)} {i}#{sentence(rng, 6)}\n" for i in range(4)
        )
    elif kind == 2:
        truth = rng.choice(["TRUE", "FALSE"])
        return f"{title}{stem}{{{truth}#{sentence(rng, 6)}#{sentence(rng, 6)}\n{general}}}\n"
    else:
        answers = "".join(f"\t={sentence(rng, 4)} {i} -> {sentence(rng, 2)} {i}\n" for i in range(4))
    return f"{title}{stem}{{\n{answers}{general}}}\n"


def generate(path: Path, count: int) -> None:
    rng = random.Random(12)
    blocks = []
    for number in range(count):
        if number % 100 == 0:
            blocks.append(f"$CATEGORY: $course$/top/Benchmark/Module {number // 100:02d}\n")
        blocks.append(question(rng, number))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(blocks), encoding="utf-8")


def measured(command: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Wall seconds, peak resident memory (MB), stdout and CPU seconds of ``command``, run in a
    process of its own. CPU time is reported too: on a shared machine wall time mostly waits."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime


PARSE_ONLY = """
import sys, time, json
from generator.interop.gift.reader import read_gift
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
read = read_gift(text, sys.argv[1])
print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "questions": len(read.questions)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    gift = WORK / f"bench-{args.questions}.gift"
    if args.regenerate or not gift.is_file():
        generate(gift, args.questions)
    project = WORK / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "assessments").mkdir(parents=True)
    shutil.copy(ROOT / "assessments" / "competencies.yml", project / "assessments" / "competencies.yml")
    repready = [sys.executable, "-m", "generator"]
    imports, exports, ours, theirs = [], [], [], []
    for _ in range(args.rounds):
        imports.append(
            measured(
                [
                    *repready,
                    "import-gift",
                    str(gift),
                    "--out",
                    "assessments/bench",
                    "--competency",
                    "QUAL.NEED",
                    "--topic",
                    "qualification",
                    "--training",
                    "training/qualification.md",
                    "--docs",
                    "missing-docs",
                ],
                project,
            )
        )
        exports.append(
            measured([*repready, "export-gift", "--out", "gift-out", "--docs", "missing-docs"], project)
        )
        output = measured([sys.executable, "-c", PARSE_ONLY, str(gift)], ROOT)[2]
        ours.append(json.loads(output))
        if (PEGJS / "node_modules" / "gift-pegjs").is_dir():
            theirs.append(json.loads(measured(["node", str(PEGJS / "parse.js"), str(gift)], ROOT)[2]))
    size = gift.stat().st_size / 1024 / 1024
    print(f"GIFT file: {args.questions} questions, {size:.1f} MB ({gift.relative_to(ROOT)})")
    for label, runs in (("(a) import-gift", imports), ("(b) export-gift", exports)):
        seconds = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        memory = max(r[1] for r in runs)
        print(f"{label}: {seconds:.2f} s wall, {cpu:.2f} s CPU, peak {memory:.0f} MB")
    our_ms = statistics.median(r["ms"] for r in ours)
    print(f"(c) our reader, parse only: {our_ms:.0f} ms, {ours[0]['questions']} questions")
    if theirs:
        their_ms = statistics.median(r["ms"] for r in theirs)
        print(f"(d) gift-pegjs 1.0.2, parse only: {their_ms:.0f} ms, {theirs[0]['questions']} items")
        print(f"ratio (c)/(d): {our_ms / their_ms:.2f}")
    else:
        print("(d) gift-pegjs: not installed; run: npm ci --prefix benchmarks/gift-pegjs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``repready score --lrs`` against a real Ralph holding 100,000 answered statements, beside scoring
the same statements from a file.

Generates (once; cached under benchmarks/.work/lrs/) the banks of benchmarks/score_bench.py and
500 reps x 200 answers = 100,000 ``answered`` statements plus each attempt's ``attempted``,
``completed`` and ``passed``/``failed``, made by the reference builder the browser's export
matches. They are written as one JSON Lines file and POSTed, 1,000 per request, to a local Ralph
(generator.lrs.trial: Ralph's API on its appending file backend) that the benchmark starts in its
own process group on a free loopback port and stops at the end. Then, for --rounds rounds
(default 3), alternating so both see the same machine load:

(a) ``repready score --lrs URL --credentials FILE`` in a subprocess;
(b) ``repready score FILE.jsonl`` on the same statements in a subprocess;
(r) reading every page only (no scoring), in a subprocess, with the client's own timings.

Prints the medians, (a)/(b), the peak memory of each, where (a)'s time goes (waiting for Ralph:
request to last byte, which includes Ralph's own work; JSON parsing of the pages; scoring,
i.e. the rest) and checks that (a) and (b) wrote byte-identical reports.

    python benchmarks/lrs_bench.py [--reps 500] [--answers 100000] [--rounds 3] [--regenerate]
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import orjson
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.lrs.credentials import load  # noqa: E402
from tests.lrs.ralph import free_port, make_stores, start, stop, wait_until_up  # noqa: E402

WORK = ROOT / "benchmarks" / ".work" / "lrs"
NOW = "2026-11-27T12:00:00+00:00"
BATCH = 1000

# Peak memory comes from the measured process itself (VmHWM of its own address space): the
# rusage of a child started from this process would report this process's peak instead, since
# Linux carries the parent's high-water mark into a vfork()ed child through exec.
PEAK = """
import atexit, runpy, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak-kib", line.split()[1])
atexit.register(peak)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__")
"""

READ_ONLY = """
import json, sys
from generator.lrs.client import Client
from generator.lrs.credentials import load
from pathlib import Path
with Client(sys.argv[1], load(Path(sys.argv[2]))) as client:
    count = sum(len(page) for page in client.pages())
    t = client.timings
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("peak-kib", line.split()[1])
print(json.dumps({"statements": count, "pages": t.pages, "empty_pages": t.empty_pages,
                  "bytes": t.received_bytes, "network": t.network_seconds, "parse": t.parse_seconds}))
"""


# Inside Ralph, per page: its backend's read (our appending fs backend: seek and parse 100 lines)
# and FastAPI's jsonable_encoder, which Ralph's GET answer goes through, timed in one process.
INSIDE_RALPH = """
import json, sys, time
from fastapi.encoders import jsonable_encoder
from ralph.backends.lrs.base import RalphStatementsQuery
from generator.lrs.trial import _backend_class
backend, pages, after = _backend_class()(), int(sys.argv[1]), None
def page(after):
    query = RalphStatementsQuery.model_construct(limit=100, search_after=after)
    return backend.query_statements(query, target="store1")
after = page(page(None).search_after).search_after  # builds the id index once
read = encode = 0.0
for _ in range(pages):
    started = time.perf_counter()
    result = page(after)
    middle = time.perf_counter()
    jsonable_encoder({"statements": result.statements})
    read, encode = read + middle - started, encode + time.perf_counter() - middle
    after = result.search_after
print(json.dumps({"read": read / pages, "encode": encode / pages}))
"""


def score_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_bench", ROOT / "benchmarks" / "score_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(args: argparse.Namespace) -> None:
    stamp = WORK / "params.json"
    params = {"reps": args.reps, "answers": args.answers}
    if not args.regenerate and stamp.is_file() and json.loads(stamp.read_text()) == params:
        print(f"reusing generated data and Ralph's store in {WORK}")
        return
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    bench = score_bench()
    bench.write_banks(WORK / "banks", 40, 20)
    exports = WORK / "exports"
    exports.mkdir()
    per_rep = args.answers // args.reps
    started = time.perf_counter()
    for index in range(args.reps):
        bench.generate_rep((index, per_rep, 40, str(WORK / "banks"), str(exports)))
    with (WORK / "all.jsonl").open("wb") as out:
        for path in sorted(exports.glob("*.json")):
            for statement in orjson.loads(path.read_bytes())["statements"]:
                out.write(orjson.dumps(statement) + b"\n")
    shutil.rmtree(exports)
    print(f"generated {args.reps} reps in {time.perf_counter() - started:.0f} s")
    stamp.write_text(json.dumps(params))


def batches() -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    with (WORK / "all.jsonl").open("rb") as handle:
        for line in handle:
            batch.append(line.rstrip(b"\n"))
            if len(batch) == BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def load_into_ralph(url: str, manager: str) -> None:
    started = time.perf_counter()
    count = 0
    with requests.Session() as session:
        for number, batch in enumerate(batches()):
            count += len(batch)
            body = b"[" + b",".join(batch) + b"]"
            answer = session.post(
                url,
                data=body,
                headers={
                    "Authorization": manager,
                    "Content-Type": "application/json",
                    "X-Experience-API-Version": "1.0.3",
                },
                timeout=600,
            )
            if answer.status_code not in (200, 204):
                raise SystemExit(f"Ralph refused batch {number}: {answer.status_code} {answer.text[:300]}")
    print(f"loaded {count} statements into Ralph in {time.perf_counter() - started:.0f} s")
    (WORK / "loaded").write_text(str(count))


def inside_ralph(folder: Path, pages: int = 50) -> dict[str, float]:
    env = {**os.environ, "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data")}
    command = [sys.executable, "-c", INSIDE_RALPH, str(pages)]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def peak_mib(output: str) -> float:
    kib = [int(line.split()[1]) for line in output.splitlines() if line.startswith("peak-kib ")]
    return kib[-1] / 1024 if kib else float("nan")


def measured(
    child: Callable[[list[str]], tuple[float, float, str]], command: list[str]
) -> tuple[float, float]:
    """Wall seconds and the process's own peak memory (MiB) of one run of ``command``."""
    elapsed, _, output = child(command)
    return elapsed, peak_mib(output)


def same_reports(first: Path, second: Path) -> bool:
    names = sorted(p.name for p in first.iterdir())
    if names != sorted(p.name for p in second.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    return not mismatch and not errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=500)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    generate(args)
    child = score_bench().child
    folder = WORK / "ralph"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    credentials = WORK / "manager-credentials"
    if not (WORK / "loaded").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        store = make_stores(folder / "data", base, 1)[0]
        credentials.write_text(f"{store.manager_user}:{store.manager_password}\n")
    manager = load(credentials)
    assert manager is not None
    process = start(folder, port, ())
    try:
        wait_until_up(process, base, folder / "ralph.log")
        url = base + "xAPI/statements"
        if not (WORK / "loaded").is_file():
            load_into_ralph(url, manager)
        lines = int((WORK / "loaded").read_text())
        size = (WORK / "all.jsonl").stat().st_size
        print(f"input: {lines} statements ({args.answers} answered), {size / 1e6:.0f} MB as JSON Lines")
        python = sys.executable
        common = ["--banks", str(WORK / "banks"), "--now", NOW]
        from_lrs = [python, "-c", PEAK, "generator", "score", "--lrs", url, "--credentials", str(credentials),
                    "--out", str(WORK / "reports-lrs"), *common]  # fmt: skip
        from_file = [python, "-c", PEAK, "generator", "score", str(WORK / "all.jsonl"),
                     "--out", str(WORK / "reports-file"), *common]  # fmt: skip
        read_only = [python, "-c", READ_ONLY, url, str(credentials)]
        a_runs, b_runs, r_runs, a_peaks, b_peaks, r_peaks = [], [], [], [], [], []
        timings: list[dict[str, float]] = []
        for round_no in range(1, args.rounds + 1):
            a, a_mb = measured(child, from_lrs)
            b, b_mb = measured(child, from_file)
            r, r_mb, out = child(read_only)
            r_mb = peak_mib(out)
            timings.append(json.loads(out.strip().splitlines()[-1]))
            a_runs.append(a)
            b_runs.append(b)
            r_runs.append(r)
            a_peaks.append(a_mb)
            b_peaks.append(b_mb)
            r_peaks.append(r_mb)
            print(f"  round {round_no}: (a) {a:.2f} s, (b) {b:.2f} s, (a)/(b) {a / b:.2f}, (r) {r:.2f} s")
        a, b, r = statistics.median(a_runs), statistics.median(b_runs), statistics.median(r_runs)
        t = timings[r_runs.index(r)] if r in r_runs else timings[-1]
        print(f"(a) repready score --lrs, median of {args.rounds}: {a:6.2f} s, peak {max(a_peaks):.0f} MiB")
        print("    (peaks: the scoring process itself; a forked helper for item analysis shares its pages)")
        print(f"(b) repready score FILE.jsonl, median:        {b:6.2f} s, peak {max(b_peaks):.0f} MiB")
        print(f"(a)/(b) = {a / b:.2f}")
        print(
            f"(r) reading every page only: {r:.2f} s, peak {max(r_peaks):.0f} MiB; "
            f"{t['statements']:.0f} statements in {t['pages']:.0f} pages "
            f"({t['empty_pages']:.0f} empty), {t['bytes'] / 1e6:.0f} MB"
        )
        print(
            f"    waiting for Ralph (request to last byte, Ralph's own work included): {t['network']:.2f} s"
        )
        print(f"    parsing the pages (orjson): {t['parse']:.2f} s")
        print(f"    the rest of (r) (start-up, imports): {r - t['network'] - t['parse']:.2f} s")
        print(f"    scoring in (a), i.e. (a) - (r): {a - r:.2f} s")
        inside = inside_ralph(folder)
        pages = t["pages"]
        work = inside["read"] + inside["encode"]
        print(
            f"    inside Ralph, per page of 100 (timed apart, {pages:.0f} pages to read): backend read "
            f"{inside['read'] * 1000:.0f} ms ({inside['read'] / work:.0%}), FastAPI's JSON encoding "
            f"{inside['encode'] * 1000:.0f} ms ({inside['encode'] / work:.0%})"
        )
        identical = same_reports(WORK / "reports-lrs", WORK / "reports-file")
        print(f"reports of (a) and (b) byte-identical: {'yes' if identical else 'NO'}")
        return 0 if identical else 1
    finally:
        stop(process)


if __name__ == "__main__":
    raise SystemExit(main())

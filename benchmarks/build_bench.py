"""Build-time cost of the quiz plugin and the CLI's start.

For each size, builds a synthetic site of N banks x 20 questions with the plugin
(cold: empty page cache; warm: unchanged banks) and the same questions as plain
Markdown pages without quizzes (the baseline). The three run one after another in
every round, in rotating order, and the median and spread of the paired ratios
cold/plain (target <= 1.10) and warm/plain (target < 1.0) are printed. Then
``repready --help`` against ``python -c pass`` the same way (target <= 3x). The widget's
weight per quiz page is benchmarks/widget_weight.py.

    python benchmarks/build_bench.py [--banks 10,100,500] [--questions 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from paired import alternate

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "build"

CONFIG = """\
site_name: Bench
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
  custom_dir: {theme}
plugins:
  - search
{plugin}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
"""


def competencies() -> dict[str, object]:
    return {
        "topics": [{"id": f"topic-{t}", "title": f"Topic {t}"} for t in range(5)],
        "competencies": [
            {"id": f"BENCH.C{c}", "title": f"Competency {c}", "description": "Synthetic."} for c in range(16)
        ],
    }


def question(module: int, number: int) -> dict[str, object]:
    qid = f"m{module:02d}-q{number:02d}"
    kind = ("single", "multiple", "true-false")[number % 3]
    base: dict[str, object] = {
        "id": qid,
        "type": kind,
        "prompt": f"Question {number} of module {module}: the buyer says the *renewal* is in "
        f"{number + 2} weeks. What do you confirm **first**?",
        "competencies": [f"BENCH.C{(module + number) % 16}"],
        "difficulty": ("easy", "medium", "hard")[number % 3],
        "explanation": "Confirm the dated consequence first: without it, nothing forces a decision "
        "and the deal drifts. Then map who decides.",
    }
    if kind == "true-false":
        return {**base, "answer": number % 2 == 0, "feedback_true": "Because it is.", "feedback_false": "No."}
    options = [
        {
            "id": letter,
            "text": f"Option {letter} for question {number}: ask about {topic}",
            "correct": index == number % 4 or (kind == "multiple" and index == (number + 1) % 4),
            "feedback": f"Feedback on {letter}: this {('helps', 'misleads')[index % 2]} because of {topic}.",
        }
        for index, (letter, topic) in enumerate(
            zip("abcd", ("budget", "timing", "authority", "need"), strict=True)
        )
    ]
    return {**base, "options": options}


def write_sites(banks: int, questions: int) -> tuple[Path, Path]:
    shutil.rmtree(WORK, ignore_errors=True)
    quiz, plain = WORK / "quiz", WORK / "plain"
    for site in (quiz, plain):
        (site / "docs" / "training").mkdir(parents=True)
        (site / "docs" / "index.md").write_text("# Bench\n")
        (site / "docs" / "training" / "page.md").write_text("# Training\n\nSome training.\n")
    (quiz / "assessments").mkdir()
    (quiz / "assessments" / "competencies.yml").write_text(yaml.safe_dump(competencies()))
    for m in range(banks):
        qs = [question(m, n) for n in range(questions)]
        module: dict[str, object] = {
            "id": f"module-{m:02d}",
            "title": f"Module {m}",
            "topic": f"topic-{m % 5}",
            "summary": "A synthetic module.",
            "training": "training/page.md",
            "questions": qs,
        }
        (quiz / "assessments" / f"module-{m:02d}.yml").write_text(yaml.safe_dump(module, sort_keys=False))
        (plain / "docs" / f"module-{m:02d}.md").write_text(plain_page(module))
    theme = str(ROOT / "theme")
    (quiz / "mkdocs.yml").write_text(CONFIG.format(theme=theme, plugin="  - repready"))
    (plain / "mkdocs.yml").write_text(CONFIG.format(theme=theme, plugin=""))
    return quiz, plain


def plain_page(module: dict[str, object]) -> str:
    """The same questions as ordinary Markdown: prompt, options as a list, explanation."""
    lines = [f"# {module['title']}", "", str(module["summary"]), ""]
    for q in module["questions"]:  # type: ignore[attr-defined]
        lines += [f"## {q['id']}", "", q["prompt"], ""]
        for option in q.get("options", [{"text": "True"}, {"text": "False"}]):
            lines.append(f"- {option['text']}")
        lines += ["", q["explanation"], ""]
    return "\n".join(lines)


def build_seconds(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site / "out")],
        cwd=site,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def run_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_size(banks: int, questions: int, rounds: int) -> None:
    quiz, plain = write_sites(banks, questions)
    build_seconds(quiz), build_seconds(plain)  # warm the OS file cache and bytecode

    def cold() -> float:
        shutil.rmtree(quiz / ".cache", ignore_errors=True)
        return build_seconds(quiz)

    def warm() -> float:
        if not (quiz / ".cache").is_dir():
            build_seconds(quiz)  # the rotation may put warm first: fill the cache outside the timing
        return build_seconds(quiz)

    edits = {"bank": quiz / "assessments" / "module-00.yml", "page": quiz / "docs" / "training" / "page.md"}
    originals = {which: path.read_text(encoding="utf-8") for which, path in edits.items()}
    count = [0]

    def edited(which: str) -> Callable[[], float]:
        """A build after one edit (as ``mkdocs serve`` makes), the other banks' pages cached."""

        def run() -> float:
            warm()
            count[0] += 1
            mark = f"Edit {count[0]}."
            text = originals[which]
            if which == "bank":
                text = text.replace("summary: A synthetic module.", f"summary: A synthetic module. {mark}")
            else:
                text += f"\n{mark}\n"
            edits[which].write_text(text, encoding="utf-8")
            return build_seconds(quiz)

        return run

    print(f"site: {banks} banks x {questions} questions, {rounds} rounds (order rotating)", flush=True)
    paired = alternate(
        {
            "plain": lambda: build_seconds(plain),
            "cold": cold,
            "warm": warm,
            "bank-edit": edited("bank"),
            "page-edit": edited("page"),
        },
        rounds,
    )
    for name in paired.seconds:
        print(f"  {name:<9} median {paired.median(name):.2f} s")
    print(f"  cold/plain = {paired.ratio('cold', 'plain')}  (target <= 1.10)")
    print(f"  warm/plain = {paired.ratio('warm', 'plain')}  (target < 1.0)")
    print(f"  one bank edited / one page edited = {paired.ratio('bank-edit', 'page-edit')}  (target <= 1.10)")


def bench_cli_start(rounds: int) -> None:
    print(f"CLI start, {rounds} rounds:")
    paired = alternate(
        {
            "python": lambda: run_seconds([sys.executable, "-c", "pass"]),
            "help": lambda: run_seconds([sys.executable, "-m", "generator", "--help"]),
        },
        rounds,
        report=False,
    )
    print(
        f"  python -c pass median {paired.median('python'):.3f} s; "
        f"repready --help {paired.median('help'):.3f} s"
    )
    print(f"  repready --help / python -c pass = {paired.ratio('help', 'python')}  (target <= 3)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--banks", default="10,100,500", help="comma-separated site sizes")
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for banks in (int(n) for n in args.banks.split(",")):
        bench_size(banks, args.questions, args.rounds)
    bench_cli_start(max(args.rounds, 10))
    print("the widget's weight per quiz page: python benchmarks/widget_weight.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())

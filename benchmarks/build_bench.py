"""Build-time cost of the quiz plugin, and the widget's weight.

Builds a synthetic site of 50 banks x 20 questions with the plugin, and the same
questions as plain Markdown pages without quizzes (the baseline), alternately in
one run, and prints the median build-time ratio (target <= 1.15) and the gzipped
size of the widget's JS + CSS (target <= 12 KB).

    python benchmarks/build_bench.py [--banks 50] [--questions 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "build"
ASSETS = ROOT / "theme" / "assets" / "repready"

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


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--banks", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    quiz, plain = write_sites(args.banks, args.questions)
    build_seconds(quiz), build_seconds(plain)  # warm the OS file cache and bytecode
    times: dict[str, list[float]] = {"plain": [], "cold": [], "warm": []}
    for _ in range(args.rounds):
        times["plain"].append(build_seconds(plain))
        shutil.rmtree(quiz / ".cache", ignore_errors=True)
        times["cold"].append(build_seconds(quiz))
        times["warm"].append(build_seconds(quiz))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"site: {args.banks} banks x {args.questions} questions, {args.rounds} alternating rounds")
    labels = {
        "plain": "plain Markdown, no quizzes (baseline)",
        "cold": "quiz plugin, empty page cache",
        "warm": "quiz plugin, page cache warm (unchanged banks)",
    }
    for name, label in labels.items():
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{label:<48} median {median[name]:.2f} s  [{runs}]")
    for name in ("cold", "warm"):
        ratio = median[name] / median["plain"]
        print(f"build-time ratio, {name}: {ratio:.3f}x (target <= 1.15x)")
    # A quiz page fetches quiz.js, the widget's modules and its item types' modules, and quiz.css;
    # the My-plan and My-progress pages fetch their own scripts instead. Each file is gzipped
    # on its own, as a server sends it. (tests/browser/test_weight.py measures it per page.)
    own = [ASSETS / "quiz.js", ASSETS / "quiz.css", *sorted((ASSETS / "widget").glob("*.js"))]
    types = sorted((ASSETS / "types").glob("*.js"))
    quiz_page = sum(gzipped(p) for p in own) + sum(gzipped(p) for p in types)
    print(f"quiz page, every item type, gzipped file by file: {quiz_page:,} B (target <= 12,288 B)")
    for name in ("plan.js", "progress.js"):
        print(f"  plus {name} {gzipped(ASSETS / name):,} B, fetched by its own page only")
    return 0


if __name__ == "__main__":
    sys.exit(main())

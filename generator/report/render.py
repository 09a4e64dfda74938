"""Every output file of a scoring run, rendered in memory: ``{relative path: text}``."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import printable
from generator.render.options import QUIZ_DIR
from generator.report.environment import html_environment, markdown_environment
from generator.score.gaps import STATUS_TEXT
from generator.score.items import ModuleStats
from generator.score.parallel import Background
from generator.score.run import Scoring

MANAGER_HTML = "manager-report.html"
MANAGER_MD = "manager-report.md"
GAPS_CSV = "gaps.csv"
ASSIGNMENTS_CSV = "assignments.csv"
ASSIGNMENTS_YAML = "assignments.yml"
ITEMS_HTML = "item-analysis.html"
ITEMS_MD = "item-analysis.md"
ITEMS_CSV = "item-analysis.csv"
DISTRACTORS_CSV = "distractors.csv"
SCALES_CSV = "self-assessment.csv"
QUALITY_CSV = "data-quality.csv"
MAX_LISTED = 200  # rejections listed in the reports; data-quality.csv has them all


@dataclass(frozen=True)
class Links:
    """Addresses on the portal, when its address is known (otherwise reports show paths only)."""

    root: str | None
    quiz_dir: str = QUIZ_DIR

    def quiz(self, module_id: str) -> str | None:
        return f"{self.root}{self.quiz_dir}/{module_id}/" if self.root else None

    def training(self, page: str) -> str | None:
        if not self.root:
            return None
        page, _, anchor = page.partition("#")
        stem = page.removesuffix(".md")
        stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
        return self.root + stem + (f"#{anchor}" if anchor else "")


def render_reports(
    scoring: Scoring, template_dirs: Sequence[Path] = (), parallel: bool = False
) -> dict[str, str]:
    """Every report as text by file name; with ``parallel``, the largest renders in a forked child."""
    context = _context(scoring)
    html = html_environment(template_dirs)
    markdown = markdown_environment(template_dirs)
    manager = Background(lambda: html.get_template("manager.html").render(context), parallel)
    files = {
        MANAGER_MD: markdown.get_template("manager.md").render(context),
        ITEMS_HTML: html.get_template("items.html").render(context),
        ITEMS_MD: markdown.get_template("items.md").render(context),
        GAPS_CSV: gaps_csv(scoring),
        ASSIGNMENTS_CSV: assignments_csv(scoring),
        ASSIGNMENTS_YAML: assignments_yaml(scoring),
        ITEMS_CSV: items_csv(scoring.items),
        DISTRACTORS_CSV: distractors_csv(scoring.items),
        SCALES_CSV: scales_csv(scoring),
        QUALITY_CSV: quality_csv(scoring),
    }
    files[MANAGER_HTML] = manager.get()
    return dict(sorted(files.items()))


def _context(scoring: Scoring) -> dict[str, Any]:
    catalog = scoring.catalog
    quality = scoring.quality
    reasons = Counter(_reason_kind(r.reason) for r in quality.rejections)
    return {
        "s": scoring,
        "q": quality,
        "now": scoring.options.now,
        "links": Links(scoring.site_root),
        "competency": {c.id: c for c in catalog.taxonomy.competencies},
        "module": {m: b.module for m, b in catalog.modules.items()},
        "rejections": quality.rejections[:MAX_LISTED],
        "reasons": reasons.most_common(),
        "reliability": scoring.reliability,
        "scales_present": any(r.scales.self_assessed for r in scoring.reps),
        "reviews_present": any(r.scales.review for r in scoring.reps),
        "scale_columns": _scale_columns(scoring),
        "max_listed": MAX_LISTED,
        "files": {
            "manager_md": MANAGER_MD,
            "gaps": GAPS_CSV,
            "assignments_csv": ASSIGNMENTS_CSV,
            "assignments_yaml": ASSIGNMENTS_YAML,
            "items_html": ITEMS_HTML,
            "items_md": ITEMS_MD,
            "items_csv": ITEMS_CSV,
            "distractors": DISTRACTORS_CSV,
            "quality": QUALITY_CSV,
        },
    }


def _scale_columns(scoring: Scoring) -> list[tuple[str, str, str]]:
    """(module, scale id, title) of every self-assessment scale someone answered, in bank order."""
    answered = {(s.module, s.scale.id) for r in scoring.reps for s in r.scales.self_assessed}
    return [
        (bank.module.id, scale.id, scale.title)
        for bank in scoring.catalog.banks
        if bank.module.mode == "survey"
        for scale in bank.module.scales
        if (bank.module.id, scale.id) in answered
    ]


def _reason_kind(reason: str) -> str:
    """Group rejections by reason, with the quoted specifics (ids, values) left out."""
    general = re.sub(r"'[^']*'", "'…'", reason)
    return re.split(r";| \(", general, maxsplit=1)[0][:120]


# --- CSV and YAML: for spreadsheets and LMS import -------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _cell(value: Any) -> Any:
    """Stop spreadsheets from running untrusted text as a formula (CSV injection), and escape controls.

    A plain negative number (a discrimination index of -40.8, say) stays a number.
    """
    if not isinstance(value, str):
        return value
    value = printable(value)  # a file name or a reason quoting a record may hold control characters
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _fraction(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _one(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def gaps_csv(scoring: Scoring) -> str:
    """The long table: one row per rep x competency."""
    return _csv(
        ("rep", "team", "competency", "mastery", "evidence", "status"),
        (
            (rep.rep, rep.team, c, _fraction(cell.mastery), cell.questions, STATUS_TEXT[cell.status])
            for rep in scoring.reps
            for c, cell in rep.cells.items()
        ),
    )


def assignments_csv(scoring: Scoring) -> str:
    links = Links(scoring.site_root)
    return _csv(
        (
            "rep",
            "name",
            "team",
            "priority",
            "module",
            "title",
            "competencies",
            "largest_gap",
            "reason",
            "quiz_url",
            "training_url",
            "plan_url",
        ),
        (
            (
                rep.rep,
                rep.name,
                rep.team,
                a.rank,
                a.module,
                a.title,
                " ".join(a.competencies),
                _fraction(a.largest_gap),
                a.reason,
                links.quiz(a.module) or "",
                links.training(a.training) or "",
                rep.plan_link or "",
            )
            for rep in scoring.reps
            for a in rep.assignments
        ),
    )


def assignments_yaml(scoring: Scoring) -> str:
    """The assignments as YAML for LMS import: one entry per rep with gaps, biggest gap first.

    Written directly rather than through a YAML library (whose Python representer took
    seconds for thousands of reps); every string is a double-quoted YAML scalar made by
    the JSON encoder, whose escapes YAML shares. ``test_yaml_round_trips`` checks it.
    """
    links = Links(scoring.site_root)
    lines = [
        "# Module assignments from 'repready score': one entry per rep with gaps, biggest gap first.",
        f"generated: {_yaml(scoring.options.now.isoformat())}",
        "reps:" if any(rep.assignments for rep in scoring.reps) else "reps: []",
    ]
    for rep in scoring.reps:
        if not rep.assignments:
            continue
        lines += [
            f"  - rep: {_yaml(rep.rep)}",
            f"    name: {_yaml(rep.name)}",
            f"    team: {_yaml(rep.team)}",
            f"    plan: {_yaml(rep.plan_link)}",
            "    modules:",
        ]
        for a in rep.assignments:
            lines += [
                f"      - module: {_yaml(a.module)}",
                f"        title: {_yaml(a.title)}",
                f"        priority: {a.rank}",
                f"        competencies: [{', '.join(_yaml(c) for c in a.competencies)}]",
                f"        reason: {_yaml(a.reason)}",
                f"        quiz: {_yaml(links.quiz(a.module))}",
                f"        training: {_yaml(links.training(a.training) or a.training)}",
            ]
    return "\n".join(lines) + "\n"


def _yaml(value: str | None) -> str:
    """A YAML scalar: ``null`` or a double-quoted string (non-printable characters escaped)."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=not value.isprintable())


def items_csv(items: list[ModuleStats]) -> str:
    return _csv(
        (
            "module",
            "question",
            "type",
            "n",
            "facility",
            "sd",
            "discrimination_index",
            "discriminative_efficiency",
            "flags",
        ),
        (
            (
                m.module.id,
                i.question.id,
                i.question.type,
                i.n,
                _one(i.facility),
                _one(i.sd),
                _one(i.di),
                _one(i.de),
                "; ".join(i.flags),
            )
            for m in items
            for i in m.items
        ),
    )


def distractors_csv(items: list[ModuleStats]) -> str:
    return _csv(
        ("module", "question", "kind", "id", "correct", "overall", "top_27", "bottom_27"),
        (
            (
                m.module.id,
                i.question.id,
                i.option_kind,
                o.id,
                "yes" if o.correct else "no",
                _one(o.overall),
                _one(o.top),
                _one(o.bottom),
            )
            for m in items
            for i in m.items
            for o in i.options
        ),
    )


def scales_csv(scoring: Scoring) -> str:
    rows = []
    for rep in scoring.reps:
        review = rep.scales.review
        for source, scores in (
            ("self", rep.scales.self_assessed),
            ("manager", review.scales if review else []),
        ):
            for s in scores:
                rows.append(
                    (
                        rep.rep,
                        rep.team,
                        source,
                        s.module,
                        s.scale.id,
                        s.scale.competency,
                        f"{s.mean:.2f}",
                        s.points,
                        s.items,
                        s.band,
                    )
                )
    return _csv(
        ("rep", "team", "source", "module", "scale", "competency", "mean", "points", "items", "band"), rows
    )


def quality_csv(scoring: Scoring) -> str:
    q = scoring.quality
    rows: list[tuple[Any, ...]] = [
        ("rejected", r.path, r.line or "", r.record or "", r.reason) for r in q.rejections
    ]
    for sid, places in q.conflicts.items():
        for place in places:
            rows.append(
                (
                    "conflict",
                    place.path,
                    place.line or "",
                    place.record or "",
                    f"statement {sid} appears with different content; every copy is ignored",
                )
            )
    for qid, count in sorted(q.changed.items()):
        answers = "1 answer was" if count == 1 else f"{count} answers were"
        rows.append(("changed", "", "", "", f"question '{qid}' changed since {answers} given"))
    for reason, count in sorted(q.ignored.items()):
        rows.append(("ignored", "", "", "", f"{count} statements: {reason}"))
    rows.extend(("identity", "", "", "", note) for note in q.identities)
    return _csv(("kind", "file", "line", "record", "reason"), rows)

"""The "My progress" page, and which training pages prepare for a module.

The page is static like "My plan": what the rep has done lives in their browser, and
``theme/assets/repready/progress.js`` (fetched on this page and the quiz index only)
reads it. The page carries what that script needs to speak in names rather than codes:
topics, competencies with their titles, each module's questions and their competencies,
and (hidden, as Markdown links so MkDocs resolves them) each module's quiz and training.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import jinja2

from generator.bank.catalog import Catalog
from generator.bank.items import is_graded
from generator.bank.model import Module
from generator.render.markdown import to_markdown_text, to_plain
from generator.render.options import PageOptions
from generator.render.plan import training_title

PROGRESS_PAGE = "progress.md"
# Modules whose questions tell which topic teaches a competency: not the graded end-of-course
# assessment (it draws from every topic) nor reviews and surveys.
_TEACHING_MODES = ("practice",)


def study_pages(catalog: Catalog, module: Module) -> list[tuple[str, str]]:
    """``(title, training page)`` to study before ``module``: one per topic its questions span.

    A competency belongs to the topic whose practice modules ask most about it. A module whose
    competencies all belong to one topic (or which has none) gets its own training page; a module
    spanning several topics, like an end-of-course assessment, gets each topic's training in the
    taxonomy's order.
    """
    own = [(training_title(catalog, module.topic), module.training)]
    order = [t.id for t in catalog.taxonomy.topics]
    counts: dict[str, dict[str, int]] = {}
    training: dict[str, str] = {}
    for bank in catalog.banks:
        if bank.module.mode not in _TEACHING_MODES:
            continue
        training.setdefault(bank.module.topic, bank.module.training)
        for question in bank.module.questions:
            for competency in getattr(question, "competencies", ()):
                per_topic = counts.setdefault(competency, {})
                per_topic[bank.module.topic] = per_topic.get(bank.module.topic, 0) + 1
    home = {
        competency: max(sorted(per_topic, key=order.index), key=lambda t: per_topic[t])
        for competency, per_topic in counts.items()
    }
    topics = {home[c] for q in module.questions for c in getattr(q, "competencies", ()) if c in home}
    if len(topics) < 2:
        return own
    return [(training_title(catalog, topic), training[topic]) for topic in sorted(topics, key=order.index)]


def drawn_count(module: Module) -> int | None:
    """How many questions one attempt shows when the module draws from a pool, as the widget draws."""
    if module.draw is None:
        return None
    pool = [q for q in module.questions if is_graded(q)]
    if module.draw.count:
        return min(module.draw.count, len(pool))
    per = module.draw.per_competency or 0
    picked: list[str] = []
    for competency in sorted({c for q in pool for c in getattr(q, "competencies", ())}):
        have = sum(1 for q in pool if q.id in picked and competency in getattr(q, "competencies", ()))
        candidates = [
            q.id for q in pool if competency in getattr(q, "competencies", ()) and q.id not in picked
        ]
        picked += candidates[: max(0, per - have)]
    return len(picked)


def render_progress_page(catalog: Catalog, env: jinja2.Environment, options: PageOptions) -> dict[str, str]:
    """``{"progress.md": text}``, with links relative to the docs folder so MkDocs checks them."""
    here = posixpath.dirname(PROGRESS_PAGE) or "."
    modules = [
        {
            "id": bank.module.id,
            "title": to_markdown_text(bank.module.title),
            "quiz": posixpath.relpath(f"{options.quiz_dir}/{bank.module.id}.md", here),
        }
        for bank in catalog.banks
    ]
    page = env.get_template("progress.html").render(
        modules=modules,
        index=posixpath.relpath(f"{options.quiz_dir}/index.md", here),
        data=progress_data(catalog),
    )
    return {PROGRESS_PAGE: page}


def progress_data(catalog: Catalog, *, with_questions: bool = True) -> dict[str, Any]:
    """What progress.js needs, as plain data: names, not codes."""
    return {
        "topics": [
            {"id": t.id, "title": to_plain(t.title)}
            for t in catalog.taxonomy.topics
            if any(b.module.topic == t.id for b in catalog.banks)
        ],
        "competencies": [
            {"id": c.id, "title": to_plain(c.title)}
            for c in catalog.taxonomy.competencies
            if c.kind == "knowledge"
        ],
        "modules": list(_modules(catalog, with_questions)),
    }


def _modules(catalog: Catalog, with_questions: bool) -> Iterator[dict[str, Any]]:
    order = [t.id for t in catalog.taxonomy.topics]
    for bank in sorted(
        catalog.banks, key=lambda b: order.index(b.module.topic) if b.module.topic in order else 0
    ):
        module = bank.module
        entry: dict[str, Any] = {
            "id": module.id,
            "title": to_plain(module.title),
            "topic": module.topic,
            "mode": module.mode,
            "mastery": module.mastery,
            "total": drawn_count(module) or len(module.questions),
        }
        if with_questions:
            entry["questions"] = {
                q.id: list(getattr(q, "competencies", ()))
                for q in [q for q in module.questions if is_graded(q)]
            }
        yield entry

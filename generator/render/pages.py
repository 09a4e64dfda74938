"""Render quiz pages and the quiz index as Markdown files with embedded HTML forms.

Nothing here knows about MkDocs: the plugin and ``repready build-pages`` both
call :func:`render_site_pages` and only differ in where the pages go.
Templates come from ``theme/repready/`` first, then from this package, so a
fork can restyle any of them without touching Python.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.bank.catalog import Bank, Catalog
from generator.bank.display import display_order
from generator.bank.items import is_graded, item_type
from generator.bank.model import SCALE_MODES, Module
from generator.render.markdown import (
    is_inline,
    prime,
    to_html,
    to_inline_html,
    to_markdown_text,
    to_plain,
)
from generator.render.options import TEMPLATE_SUBDIR, PageOptions
from generator.render.plan import render_plan_page
from generator.render.progress import (
    PROGRESS_PAGE,
    drawn_count,
    progress_data,
    render_progress_page,
    study_pages,
)

DEFAULT_OPTIONS = PageOptions()


def environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(str(d / TEMPLATE_SUBDIR)) for d in template_dirs if d
    ]
    loaders.append(jinja2.PackageLoader("generator.render", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = to_html
    env.filters["md_inline"] = to_inline_html
    env.filters["plain"] = to_plain
    env.filters["md_text"] = to_markdown_text
    env.filters["json_attr"] = lambda value: json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    env.tests["inline"] = is_inline
    return env


def quiz_path(module_id: str, options: PageOptions = DEFAULT_OPTIONS) -> str:
    return f"{options.quiz_dir}/{module_id}.md"


def render_site_pages(
    catalog: Catalog,
    env: jinja2.Environment,
    options: PageOptions = DEFAULT_OPTIONS,
    known: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder.

    ``known`` holds quiz pages already rendered from the same bank, taxonomy and templates
    (the per-bank page cache); they are taken as they are.
    """
    quiz = env.get_template("quiz.html")
    known = known or {}
    pages = {}
    for bank in catalog.banks:
        path = quiz_path(bank.module.id, options)
        page = known.get(path)
        pages[path] = page if page is not None else quiz.render(**quiz_context(catalog, bank, options))
    index_path = f"{options.quiz_dir}/index.md"
    pages[index_path] = env.get_template("quiz-index.html").render(**index_context(catalog, options))
    pages.update(render_plan_page(catalog, env, options))
    pages.update(render_progress_page(catalog, env, options))
    return pages


def quiz_context(catalog: Catalog, bank: Bank, options: PageOptions) -> dict[str, Any]:
    module = bank.module
    prime(module_texts(module))
    page = quiz_path(module.id, options)
    scenarios = {s.id: s for s in module.scenarios}
    shown_scenarios: set[str] = set()
    items = []
    for number, question in enumerate(module.questions, start=1):
        scenario = getattr(question, "scenario", None)
        first_of_scenario = scenario is not None and scenario not in shown_scenarios
        if scenario is not None:
            shown_scenarios.add(scenario)
        items.append(
            {
                "number": number,
                "q": question,
                "hash": bank.question_hashes[question.id],
                "scenario": scenarios[scenario] if first_of_scenario and scenario else None,
                "scenario_id": scenario,
                "competencies": " ".join(getattr(question, "competencies", ())),
                "display": display_order(question, graded=module.mode == "graded"),
            }
        )
    return {
        "module": module,
        "bank": bank,
        "topic": catalog.topics[module.topic],
        "items": items,
        "count": len(module.questions),
        "home": options.home,
        "lrs": options.lrs,
        "training_link": posixpath.relpath(module.training, posixpath.dirname(page)),
        "trainings": [
            {"title": title, "link": posixpath.relpath(training, posixpath.dirname(page))}
            for title, training in study_pages(catalog, module)
        ],
        "drawn": drawn_count(module),
        "pool": sum(1 for q in module.questions if is_graded(q)),
        "index_link": "index.md",
        "key": answer_key(module) if module.mode == "practice" else None,
        "scales": scale_data(module) if module.mode in SCALE_MODES else None,
        "draw": module.draw.model_dump(exclude_none=True) if module.draw else None,
    }


def module_texts(module: Module) -> Iterator[str]:
    """Every Markdown snippet of a module, so that they can be converted in one pass."""
    yield module.summary
    for scenario in module.scenarios:
        yield scenario.text
    for scale in module.scales:
        yield from (band.text for band in scale.bands)
    for question in module.questions:
        yield question.prompt
        yield getattr(question, "explanation", None) or ""
        yield from item_type(question).texts(question)


def answer_key(module: Module) -> dict[str, Any]:
    """What the widget needs to give practice feedback; kept out of the page text and search index."""
    return {
        question.id: item_type(question).key(question, _html)
        for question in module.questions
        if is_graded(question)
    }


def _html(markdown_text: str) -> str:
    return str(to_html(markdown_text))


def scale_data(module: Module) -> list[dict[str, Any]]:
    return [
        {
            "id": scale.id,
            "title": scale.title,
            "competency": scale.competency,
            "bands": [
                {"min": b.min, "max": b.max, "label": b.label, "text": str(to_html(b.text))}
                for b in scale.bands
            ],
        }
        for scale in module.scales
    ]


def index_context(catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    by_topic = []
    for topic in catalog.taxonomy.topics:
        banks = [b for b in catalog.banks if b.module.topic == topic.id]
        if banks:
            by_topic.append({"topic": topic, "banks": banks})
    by_competency = []
    for competency in catalog.taxonomy.competencies:
        modules = [
            b.module
            for b in catalog.banks
            if any(competency.id in getattr(q, "competencies", ()) for q in b.module.questions)
            or any(s.competency == competency.id for s in b.module.scales)
        ]
        by_competency.append({"competency": competency, "modules": modules})
    return {
        "by_topic": by_topic,
        "by_competency": by_competency,
        "link": lambda module_id: f"{module_id}.md",
        "question_count": lambda module: drawn_count(module) or len(module.questions),
        "progress_link": posixpath.relpath(PROGRESS_PAGE, options.quiz_dir),
        "data": progress_data(catalog, with_questions=False),
    }

"""The "My plan" page: a static page that reads a rep's plan from its own URL fragment.

``repready score`` links each rep to ``plan/#plan=<base64url JSON>`` (see
:mod:`generator.score.assign`). The page carries every module's quiz and training
links (hidden), and ``theme/assets/repready/plan.js`` shows the ones the fragment
names. Browsers never send a fragment to a server: no server, nothing stored.

``render_site_pages`` adds this page to the generated pages; the quiz widget fetches
``assets/repready/plan.js`` on this page only.
"""

from __future__ import annotations

import posixpath

import jinja2

from generator.bank.catalog import Catalog
from generator.render.markdown import to_markdown_text
from generator.render.options import PageOptions

PLAN_PAGE = "plan.md"


def render_plan_page(catalog: Catalog, env: jinja2.Environment, options: PageOptions) -> dict[str, str]:
    """``{"plan.md": text}``: the page, with links relative to the docs folder so MkDocs checks them."""
    modules = [
        {
            "id": bank.module.id,
            "title": to_markdown_text(bank.module.title),
            "quiz": posixpath.relpath(
                f"{options.quiz_dir}/{bank.module.id}.md", posixpath.dirname(PLAN_PAGE) or "."
            ),
            "training": bank.module.training,
            "training_title": _training_title(catalog, bank.module.topic),
        }
        for bank in catalog.banks
        if bank.module.mode in ("practice", "graded")
    ]
    return {PLAN_PAGE: env.get_template("plan.html").render(modules=modules)}


def _training_title(catalog: Catalog, topic: str) -> str:
    found = catalog.topics.get(topic)
    return f"{to_markdown_text(found.title)} training" if found else "Training"

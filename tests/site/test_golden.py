"""Rendered pages against reviewed golden files.

Regenerate on purpose with ``REPREADY_UPDATE_GOLDEN=1 pytest tests/site/test_golden.py``
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.bank.catalog import load_catalog
from generator.render.options import PageOptions
from generator.render.pages import environment, render_site_pages
from tests.conftest import DEMO_SITE, ROOT

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REPREADY_UPDATE_GOLDEN") == "1"


def _pages() -> dict[str, str]:
    catalog = load_catalog(DEMO_SITE / "assessments", DEMO_SITE / "docs")
    env = environment([ROOT / "theme"])
    return render_site_pages(catalog, env, PageOptions(home="http://127.0.0.1:8000/"))


@pytest.mark.parametrize("name", ["quizzes/demo.md", "quizzes/index.md"])
def test_rendered_page_matches_golden(name: str) -> None:
    page = _pages()[name]
    golden = GOLDEN / name.replace("/", "__")
    if UPDATE:
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), (
        f"regenerate with REPREADY_UPDATE_GOLDEN=1 and review {golden}"
    )


def test_rendering_is_deterministic() -> None:
    assert _pages() == _pages()

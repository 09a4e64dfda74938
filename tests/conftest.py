"""Shared fixtures: the small demo site every non-browser test builds on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DEMO_SITE = TESTS / "fixtures" / "site"


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A writable copy of the demo site (mkdocs.yml, assessments/, docs/)."""
    site = tmp_path / "site-src"
    shutil.copytree(DEMO_SITE, site)
    return site

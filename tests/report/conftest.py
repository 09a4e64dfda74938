"""Fixtures for scorer tests: the small fixture banks, never the sample content in assessments/."""

from __future__ import annotations

import pytest

from generator.bank.catalog import Catalog
from tests.score.builders import catalog


@pytest.fixture(scope="session")
def cat() -> Catalog:
    return catalog()

"""One real Ralph for the LRS tests (see tests/lrs/ralph.py); each test takes its own store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog
from tests.lrs.ralph import Ralph, Store, running_ralph
from tests.score.builders import catalog


@pytest.fixture(scope="session")
def cat() -> Catalog:
    return catalog()


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    with running_ralph(tmp_path_factory.mktemp("ralph")) as server:
        yield server


@pytest.fixture
def store(ralph: Ralph) -> Store:
    return ralph.store()


@pytest.fixture
def manager_credentials(store: Store, tmp_path: Path) -> Path:
    path = tmp_path / "lrs-credentials"
    path.write_text(f"{store.manager_user}:{store.manager_password}\n", "utf-8")
    return path

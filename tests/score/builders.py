"""Statements for tests, made by the reference builder the browser export matches."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from generator.bank.catalog import Catalog, load_catalog
from generator.xapi.statements import Attempt, Learner, build

FIXTURES = Path(__file__).parent / "fixtures"
BANKS = FIXTURES / "banks"
DOCS = FIXTURES / "docs"  # the training pages the banks name, for their titles
HOME = "https://portal.example.com/"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def catalog() -> Catalog:
    return load_catalog(BANKS)


def registration(*parts: object) -> str:
    """A stable attempt id, so golden files do not change between runs."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "test:" + ":".join(map(str, parts))))


def attempt(
    cat: Catalog,
    rep: str,
    module: str,
    responses: dict[str, Any],
    *,
    name: str | None = None,
    day: int = 0,
    number: int = 1,
    manager: tuple[str, str] | None = None,
    presented: list[str] | None = None,
) -> list[dict[str, Any]]:
    started = T0 + timedelta(days=day, minutes=number)
    return build(
        Attempt(
            bank=cat.modules[module],
            learner=Learner(name or rep.title(), rep, HOME),
            registration=registration(rep, module, number, day),
            started=started,
            finished=started + timedelta(minutes=5),
            responses=responses,
            instructor=Learner(manager[1], manager[0], HOME) if manager else None,
            presented=presented,
        )
    )


def export(path: Path, statements: list[dict[str, Any]]) -> Path:
    """Write ``statements`` as the portal's export file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps({"statements": statements}))
    return path


def jsonl(path: Path, statements: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(orjson.dumps(s) + b"\n" for s in statements))
    return path

"""Publish JSON Schemas of the bank format from the models the validator uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.bank.model import Module, Taxonomy

SCHEMAS: dict[str, type[BaseModel]] = {"bank.schema.json": Module, "competencies.schema.json": Taxonomy}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_texts() -> dict[str, str]:
    return {
        name: json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, text in schema_texts().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    return written

"""Turn pydantic's validation errors into messages a trainer can act on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.bank.source import PathKey, Source
from generator.bank.suggest import did_you_mean, nearest
from generator.problems import Problem

_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing",
}
_EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "list_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
}


def describe(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, bool):
        return f"{name} ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"{name} ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    return name


def error_locations(error: ValidationError, source: Source, model: type[BaseModel]) -> set[PathKey]:
    """Where in the data the schema found something wrong."""
    return {_data_path(detail["loc"], source.data, model)[0] for detail in error.errors(include_url=False)}


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    """One problem per mistake: a misspelt required key is one "unknown key", not also a "missing" one."""
    details = [
        (detail, *_data_path(detail["loc"], source.data, model)) for detail in error.errors(include_url=False)
    ]
    missing: dict[PathKey, list[str]] = {}
    unknown: dict[PathKey, list[str]] = {}
    for detail, loc, _ in details:
        if detail["type"] in ("missing", "extra_forbidden") and loc:
            table = missing if detail["type"] == "missing" else unknown
            table.setdefault(loc[:-1], []).append(str(loc[-1]))
    meant = _misspelt(missing, unknown)
    problems = []
    for detail, loc, fields in details:
        kind = detail["type"]
        if kind == "missing" and loc and (loc[:-1], str(loc[-1])) in meant.values():
            continue
        if kind == "extra_forbidden" and (loc[:-1], str(loc[-1])) in meant:
            required = meant[(loc[:-1], str(loc[-1]))][1]
            problems.append(
                source.problem(
                    loc,
                    f"unknown key '{loc[-1]}' in {_where(loc[:-1])}: did you mean '{required}'? "
                    f"('{required}' is required there and missing)",
                    key=True,
                )
            )
            continue
        problems.append(_problem(detail, loc, fields, source))
    return problems


def _misspelt(
    missing: dict[PathKey, list[str]], unknown: dict[PathKey, list[str]]
) -> dict[tuple[PathKey, str], tuple[PathKey, str]]:
    """(place, unknown key) -> (place, the missing required key it stands for)."""
    meant: dict[tuple[PathKey, str], tuple[PathKey, str]] = {}
    for place, keys in unknown.items():
        wanted = list(missing.get(place, ()))
        for key in keys:
            found = nearest(key, wanted)
            if found is None and len(keys) == 1 and len(wanted) == 1:
                found = wanted[
                    0
                ]  # the only key missing and the only one unknown: a rename (target for match)
            if found is not None:
                meant[(place, key)] = (place, found)
                wanted.remove(found)
    return meant


def _problem(detail: ErrorDetails, loc: PathKey, fields: list[str], source: Source) -> Problem:
    kind = detail["type"]
    value = detail.get("input")
    where = _where(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        present = _keys_at(source.data, loc[:-1])
        suggestion = did_you_mean(key, [f for f in fields if f not in present])
        allowed = ", ".join(sorted(fields))
        return source.problem(
            loc,
            f"unknown key '{key}'{suggestion} in {_where(loc[:-1])}; expected one of: {allowed}",
            key=True,
        )
    if kind == "missing":
        return source.problem(loc[:-1], f"missing required key '{loc[-1]}' in {_where(loc[:-1])}")
    if kind in _EXPECTED:
        found = describe(value)
        message = f"{where}: expected {_EXPECTED[kind]}, found {found}"
        if kind == "string_type" and isinstance(value, (bool, int, float)):
            message += " (put it in quotes to keep it as text)"
        return source.problem(loc, message)
    if kind == "string_pattern_mismatch":
        field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        return source.problem(loc, f"{where}: {_pattern_message(field, value)}")
    if kind == "union_tag_invalid":
        tags = detail.get("ctx", {}).get("expected_tags", "")
        found = describe(value.get("type") if isinstance(value, dict) else value)
        return source.problem(
            (*loc, "type"), f"{where}: unknown question type {found}; expected one of: {tags}"
        )
    if kind == "union_tag_not_found":
        return source.problem(loc, f"missing required key 'type' in {where}")
    if kind == "too_short":
        minimum = detail.get("ctx", {}).get("min_length")
        noun = "entry" if minimum == 1 else "entries"
        return source.problem(loc, f"{where}: needs at least {minimum} {noun}, found {len(value)}")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return source.problem(loc, f"{where}: expected {expected}, found {describe(value)}")
    return source.problem(loc, f"{where}: {detail['msg'].lower()}, found {describe(value)}")


def _keys_at(data: Any, loc: PathKey) -> set[str]:
    """The keys the mapping at ``loc`` already has: a suggestion must not be one of them."""
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            return set()
    return {str(k) for k in current} if isinstance(current, dict) else set()


def _pattern_message(field: str, value: Any) -> str:
    if field in {"prompt", "text", "title", "summary", "explanation", "feedback", "label"} or (
        field.startswith("feedback_")
    ):
        return "must not be blank"
    if field == "training":
        example = "training/qualification.md"
        return f"expected a docs page path ending in .md, e.g. {example}; found {describe(value)}"
    if field in {"competencies", "competency"} or (isinstance(value, str) and value.isupper()):
        return f"expected a competency id such as QUAL.NEED, found {describe(value)}"
    return f"expected an id (letters, digits, '_', '.', '-'; at most 64 characters), found {describe(value)}"


def _where(loc: PathKey) -> str:
    if not loc:
        return "the file"
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_path(loc: tuple[int | str, ...], data: Any, model: type[BaseModel]) -> tuple[PathKey, list[str]]:
    """Drop pydantic's union tags from ``loc``; also return the keys allowed where it ends."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part not in current and current.get("type") == part:
            continue
        path.append(part)
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path), _fields_of_parent(loc, data, model)


def _fields_of_parent(loc: tuple[int | str, ...], data: Any, model: type[BaseModel]) -> list[str]:
    current_model: Any = model
    current = data
    for part in loc[:-1]:
        if isinstance(current, dict) and part not in current and current.get("type") == part:
            current_model = _union_member(current_model, part)
            continue
        if isinstance(current, dict) and isinstance(part, str):
            current_model = _field_model(current_model, part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            if isinstance(current, dict) and _is_union(current_model):
                member = _union_member(current_model, current.get("type"))
                current_model = member if member is not None else current_model
    if _is_union(current_model) and isinstance(current, dict):
        current_model = _union_member(current_model, current.get("type"))
    return list(current_model.model_fields) if _is_model(current_model) else []


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _is_union(obj: Any) -> bool:
    return isinstance(obj, tuple)


def _field_model(model: Any, name: str) -> Any:
    """The model (or tuple of union members) a field holds, looking through lists and Optional."""
    if not _is_model(model) or name not in model.model_fields:
        return None
    return _models_in(model.model_fields[name].annotation)


def _models_in(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", ())
    if _is_model(annotation):
        return annotation
    if getattr(annotation, "__origin__", None) is list and args:
        return _models_in(args[0])
    metadata = getattr(annotation, "__metadata__", None)
    if metadata is not None:
        return _models_in(annotation.__origin__)
    members = tuple(m for m in (_models_in(a) for a in args) if m is not None)
    models = tuple(m for m in members if _is_model(m))
    if len(models) == 1:
        return models[0]
    return models or None


def _union_member(union: Any, tag: Any) -> Any:
    if not _is_union(union):
        return union
    for member in union:
        field = member.model_fields.get("type")
        if field is not None and tag in getattr(field.annotation, "__args__", ()):
            return member
    return None

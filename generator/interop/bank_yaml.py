"""Bank data -> YAML a trainer reads and edits: keys in order, long text as blocks, no surprises.

Strings that YAML 1.1 would read as something else (``yes``, ``no``, ``1822``) are quoted by
PyYAML's safe dumper; multi-line text is written as a literal block so it stays readable.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's emitter when PyYAML has it (every wheel does): five times faster on big imports.
_Base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[valid-type,misc]
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value and value == value.strip() and all(line == line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump_bank(data: dict[str, Any], header: list[str]) -> str:
    """``data`` as YAML, after ``header`` written as comment lines."""
    comments = "".join(f"# {' '.join(line.split())}\n" for line in header)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return comments + body

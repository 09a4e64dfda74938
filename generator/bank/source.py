"""Read a YAML file safely and remember where every value came from.

PyYAML's ``safe_load`` forgets positions, silently keeps the last of two
duplicate keys and expands aliases without limit (the "billion laughs" bomb).
This loader composes the node graph itself so that it can refuse all three and
hand the validator a map from each value's path to its line and column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
#: Deepest nesting of lists and mappings; a bank needs 6 levels, Python's stack a few hundred.
MAX_DEPTH = 50

PathKey = tuple[str | int, ...]


@dataclass
class Source:
    """A parsed YAML document with the position of each value and each mapping key."""

    path: str
    data: Any = None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``, or of its nearest ancestor."""
        table = self.keys if key else self.values
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.path, line, col, message)


# libyaml's C parser when PyYAML has it (every wheel does): composing is most of a build's bank cost.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(file: Path, display: str) -> tuple[Source | None, list[Problem]]:
    """Parse ``file``; return the source or the problems that stopped us."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 0, 0, f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(display, 1, 1, f"file is {len(raw):,} bytes; a bank may be {MAX_BYTES:,} at most")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                col,
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            )
        ]
    text = text.removeprefix("\ufeff")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the pure-Python composer recurses once per level of nesting
        return None, [Problem(display, 1, 1, f"document is nested deeper than {MAX_DEPTH} levels")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "cannot parse"
        if exc.context:
            what += f" ({exc.context})"
        return None, [Problem(display, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors are all marked
        return None, [Problem(display, 1, 1, f"YAML syntax error: {exc}")]
    source = Source(display)
    if node is None:
        return None, [Problem(display, 1, 1, "file is empty; expected a mapping")]
    problems: list[Problem] = []
    try:
        source.data = _Builder(source, problems).build(node, ())
    except _TooBig:
        try:
            size = _expanded_size(node, {})
        except RecursionError:
            size = MAX_NODES + 1
        return None, [
            Problem(
                display,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                f"document expands to {size:,} values through aliases (limit {MAX_NODES:,}); "
                "anchors and aliases are not needed in banks",
            )
        ]
    return source, problems


def _expanded_size(node: yaml.Node, seen: dict[int, int]) -> int:
    """How many values the document has once aliases are expanded (memoised, so bombs are cheap)."""
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = MAX_NODES + 1  # a cycle counts as too big
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, seen) + _expanded_size(v, seen) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, seen) for item in node.value)
    else:
        size = 1
    seen[id(node)] = min(size, MAX_NODES + 1)
    return seen[id(node)]


class _TooBig(Exception):
    pass


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TAG_NAMES = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:bool": "true or false",
}


def _unreadable(node: yaml.ScalarNode, exc: Exception) -> str:
    """Why a scalar that looks like a number or a date is neither, and how to keep it as text."""
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    what = _TAG_NAMES.get(node.tag, node.tag.rsplit(":", 1)[-1])
    if "digits" in str(exc):
        reason = f"a number of {len(node.value):,} digits is too long"
    elif node.tag == "tag:yaml.org,2002:timestamp":
        reason = f"no such date ({exc})" if isinstance(exc, ValueError) else "not a date"
    else:
        reason = f"not {what}"
    return f"cannot read '{shown}' as {what}: {reason}; put it in quotes to keep it as text"


class _Builder:
    """Build Python values from composed nodes, recording positions and refusing duplicate keys."""

    def __init__(self, source: Source, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.budget = MAX_NODES
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig
        mark = node.start_mark
        self.source.values[loc] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value
            return self._scalar(node, loc)
        if len(loc) >= MAX_DEPTH:
            # Also where a self-referencing alias (``&a [*a]``) ends: it is infinitely deep.
            self.problems.append(
                self.source.problem(
                    loc,
                    f"nested deeper than {MAX_DEPTH} levels (or an alias inside its own anchor, which "
                    "nests without end); banks need a few levels",
                )
            )
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        keys = self.source.keys
        for key_node, value_node in node.value:
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == _MERGE:
                self.problems.append(
                    Problem(
                        self.source.path,
                        *position,
                        "merge keys ('<<') are not supported in banks; write the keys out in full",
                    )
                )
                continue
            key = self._key(key_node)
            if key in result:
                first = keys[(*loc, key)]
                self.problems.append(
                    Problem(
                        self.source.path,
                        *position,
                        f"duplicate key '{key}' (first at line {first[0]}); YAML would keep only "
                        "the last one",
                    )
                )
                continue
            keys[(*loc, key)] = position
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: PathKey) -> Any:
        """A plain scalar as YAML reads it (number, boolean, date, null), or a problem saying why not."""
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(self.source.problem(loc, f"cannot read value: {exc.problem}"))
            return None
        except Exception as exc:  # a tagged scalar's constructor fails in its own way (ValueError, KeyError)
            self.problems.append(self.source.problem(loc, _unreadable(node, exc)))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.append(
                self.source.problem(loc, f"'{node.value}' is not a finite number; write a number such as 1.5")
            )
            return None
        return value

    def _key(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return str(node.value)
        try:
            key = self.constructor.construct_object(node, deep=True)
        except Exception:  # reported where the key's value is read, if it matters at all
            return str(node.value) if isinstance(node, yaml.ScalarNode) else "(a list or mapping)"
        return str(key).lower() if isinstance(key, bool) else str(key)

"""Checks every kind of bank content needs: duplicate ids and texts, each reported at its line."""

from __future__ import annotations

from collections.abc import Iterator

from generator.bank.source import Source
from generator.problems import Problem

Location = tuple[str | int, ...]


def duplicates(ids: list[str], loc: Location, what: str, source: Source) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, value in enumerate(ids):
        if value in first:
            line = source.locate((*loc, first[value]))[0]
            yield source.problem(
                (*loc, index, "id"), f"duplicate {what} '{value}' (first used at line {line})"
            )
        else:
            first[value] = index


def duplicate_texts(texts: list[str], loc: Location, source: Source) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, text in enumerate(texts):
        norm = " ".join(text.split()).casefold()
        if norm in first:
            line = source.locate((*loc, first[norm]))[0]
            yield source.problem(
                (*loc, index, "text"), f"duplicate text '{text.strip()[:40]}' (same as line {line})"
            )
        else:
            first[norm] = index


def names(ids: set[str]) -> str:
    return ", ".join(sorted(ids)) or "(none)"

"""The quiz navigation, derived from the banks: one function for the MkDocs plugin and Zensical.

A site's ``nav`` (MkDocs' format: a page path, ``{title: path}`` or ``{title: [items]}``)
lists the quiz index, ``quizzes/index.md``. When the section holding it lists no quiz page of
its own, every quiz page is filled in after it, grouped by topic in the taxonomy's order, so a
new bank needs no edit of the config. A section that does list quiz pages is an explicit nav:
it is kept as written, and :func:`missing_from_nav` names each quiz page it leaves out.
Quiz pages listed in other sections (say, a review form under "Managers") stay where they are.
With no ``nav`` at all the engine lists every page by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.render.options import PageOptions

if TYPE_CHECKING:
    from generator.bank.catalog import Catalog

NavItem = Any  # str | dict[str, str | list[NavItem]]: MkDocs' own nav shape


@dataclass(frozen=True)
class QuizEntry:
    """One generated quiz page, with what the navigation shows for it."""

    path: str  # docs-relative, e.g. quizzes/fab-matching.md
    title: str
    topic: str  # the topic's title: the group it is listed under
    module: str
    source: str  # the bank file, for messages


def quiz_entries(catalog: Catalog, options: PageOptions) -> list[QuizEntry]:
    """The quiz pages in the quiz index's order (topics as the taxonomy lists them)."""
    return [
        QuizEntry(
            f"{options.quiz_dir}/{bank.module.id}.md",
            " ".join(bank.module.title.split()),
            " ".join(topic.title.split()),
            bank.module.id,
            bank.path,
        )
        for topic in catalog.taxonomy.topics
        for bank in catalog.banks
        if bank.module.topic == topic.id
    ]


def quiz_nav(entries: Sequence[QuizEntry], skip: Iterable[str] = ()) -> list[NavItem]:
    """The quiz pages grouped by topic; a topic with one quiz is one entry under the topic's name."""
    skipped = set(skip)
    groups: dict[str, list[QuizEntry]] = {}
    for entry in entries:
        if entry.path not in skipped:
            groups.setdefault(entry.topic, []).append(entry)
    items: list[NavItem] = []
    for topic, members in groups.items():
        if len(members) == 1:
            items.append({topic: members[0].path})
        else:
            items.append({topic: [{m.title: m.path} for m in members]})
    return items


def nav_pages(nav: Any) -> Iterator[str]:
    """Every page path a nav names (external links included, which never match a page)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)


def expand_nav(nav: Any, entries: Sequence[QuizEntry], quiz_dir: str) -> Any:
    """``nav`` with the quiz pages filled in after the quiz index, unless its section lists some."""
    if not isinstance(nav, list):
        return nav
    section = _index_section(nav, f"{quiz_dir}/index.md")
    if section is None or _quiz_pages(section, quiz_dir):
        return nav
    elsewhere = set(nav_pages(nav))
    return _insert_after_index(nav, f"{quiz_dir}/index.md", quiz_nav(entries, skip=elsewhere))


def missing_from_nav(nav: Any, entries: Sequence[QuizEntry], quiz_dir: str) -> list[QuizEntry]:
    """The quiz pages an explicit nav leaves out (none when the nav is filled in, or absent)."""
    if not isinstance(nav, list):
        return []
    expanded = expand_nav(nav, entries, quiz_dir)
    listed = set(nav_pages(expanded))
    return [e for e in entries if e.path not in listed]


def missing_message(entry: QuizEntry, quiz_dir: str) -> str:
    return (
        f"quiz page '{entry.path}' (module '{entry.module}', {entry.source}) is not in the nav; add "
        f"'- {entry.path}' to the nav's quiz section, or list only '{quiz_dir}/index.md' in that section "
        "and every quiz is listed for you"
    )


def _index_section(nav: list[NavItem], index: str) -> list[NavItem] | None:
    """The list that holds ``index`` (as a path or ``{title: path}``), searched depth first."""
    for item in nav:
        if item == index or (isinstance(item, dict) and index in item.values()):
            return nav
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    found = _index_section(value, index)
                    if found is not None:
                        return found
    return None


def _quiz_pages(section: list[NavItem], quiz_dir: str) -> list[str]:
    index = f"{quiz_dir}/index.md"
    return [p for p in nav_pages(section) if p.startswith(f"{quiz_dir}/") and p != index]


def _insert_after_index(nav: list[NavItem], index: str, generated: list[NavItem]) -> list[NavItem]:
    out: list[NavItem] = []
    for item in nav:
        if item == index or (isinstance(item, dict) and index in item.values()):
            out.append(item)
            out.extend(generated)
        elif isinstance(item, dict):
            out.append(
                {k: _insert_after_index(v, index, generated) if isinstance(v, list) else v for k, v in item.items()}
            )
        else:
            out.append(item)
    return out

"""Banks in, site pages out: validate, render, and remember the result between builds.

Validation and rendering cost far more than MkDocs spends on the same questions
as plain Markdown, and under ``mkdocs serve`` most rebuilds change no bank at all,
or one. So pages are cached under ``.cache/repready/`` (beside Zensical's and
Material's own caches), one entry per bank plus one for the whole site:

* ``bank-<key>.json``, a bank's quiz page, keyed by that bank's bytes and path and by
  everything every page depends on (the taxonomy, the templates, the code that renders
  them and the page options);
* ``pages-<key>.json``, keyed by all of those keys: the quiz index, the plan page, the
  training pages the banks link to, and which bank entry holds which page.

A whole-site hit skips YAML, validation and rendering; it only re-checks that the
training pages the banks link to still exist, since those live outside the key. Any
other build validates every bank (ids must be unique across banks) but renders only
the banks whose entry is missing, so one edited bank costs one page.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.bank.files import TAXONOMY_FILE, bank_files
from generator.collector import collector_paused
from generator.problems import display_path
from generator.render.options import TEMPLATE_SUBDIR, PageOptions
from generator.site.nav import QuizEntry

CACHE_FORMAT = 2
PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_TEMPLATES = PACKAGE / "render" / "templates"
# The code that turns banks into pages is part of the key too: an upgrade must not serve stale pages.
PAGE_CODE = ("bank", "render", "site", "xapi")


@dataclass(frozen=True)
class Generated:
    pages: dict[str, str]  # docs-relative path -> Markdown
    training: list[str]  # training pages the banks link to, docs-relative
    quizzes: list[QuizEntry]  # the quiz pages, in the quiz index's order, for the navigation
    cached: bool = False


@dataclass(frozen=True)
class Keys:
    site: str
    banks: dict[str, str]  # bank file as validation names it -> the key of its page


def generate(
    banks_dir: Path,
    docs_dir: Path | None,
    template_dirs: Sequence[Path],
    options: PageOptions,
    cache_dir: Path | None = None,
) -> Generated:
    """Validate ``banks_dir`` and render every page; raises ``InvalidInput`` with every problem."""
    keys = _keys(banks_dir, template_dirs, options) if cache_dir else None
    if cache_dir and keys:
        hit = _read_site(cache_dir, keys)
        if hit is not None and (docs_dir is None or all((docs_dir / t).is_file() for t in hit.training)):
            return hit
    # Imported here so that a cache hit never pays for pydantic and the validator.
    from generator.bank.catalog import load_catalog
    from generator.render.pages import environment, quiz_path, render_site_pages
    from generator.render.progress import study_pages
    from generator.site.nav import quiz_entries

    # Generation makes many small objects and no cycles worth collecting: 0.7x the time without.
    with collector_paused():
        catalog = load_catalog(banks_dir, docs_dir)
        # A quiz page also shows what other banks decide (the training of each topic it spans):
        # its cache entry is keyed on that too, so editing one bank never leaves another stale.
        by_page = {
            quiz_path(b.module.id, options): _bank_key(keys.banks[b.path], study_pages(catalog, b.module))
            for b in catalog.banks
            if keys and b.path in keys.banks
        }
        known = _read_banks(cache_dir, by_page.values()) if cache_dir else {}
        pages = render_site_pages(catalog, environment(template_dirs), options, known)
    training = sorted({b.module.training for b in catalog.banks})
    result = Generated(pages, training, quiz_entries(catalog, options))
    if cache_dir and keys:
        _write(cache_dir, keys, result, by_page)
    return result


def _keys(banks_dir: Path, template_dirs: Sequence[Path], options: PageOptions) -> Keys | None:
    common = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{options!r}".encode())
    try:
        inputs = [banks_dir / TAXONOMY_FILE]
        templates = [PACKAGE_TEMPLATES, *(d / TEMPLATE_SUBDIR for d in template_dirs)]
        # Recursively: per-type templates and modules live in sub-folders.
        inputs += sorted(
            p for folder in templates if folder.is_dir() for p in folder.rglob("*") if p.is_file()
        )
        inputs += sorted(p for part in PAGE_CODE for p in (PACKAGE / part).rglob("*.py"))
        for path in inputs:
            common.update(_stamp(path))
        banks = {}
        for path in bank_files(banks_dir):
            digest = common.copy()
            digest.update(_stamp(path))
            banks[display_path(path)] = digest.hexdigest()
    except OSError:
        return None  # unreadable inputs: let validation report them
    site = common.copy()
    for name, key in banks.items():
        site.update(f"{name}\0{key}\0".encode())
    return Keys(site.hexdigest(), banks)


def _stamp(path: Path) -> bytes:
    content = path.read_bytes() if path.is_file() else b"<missing>"
    return str(path).encode() + b"\0" + content + b"\0"


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_site(cache_dir: Path, keys: Keys) -> Generated | None:
    data = _load(cache_dir / f"pages-{keys.site}.json")
    try:
        pages = dict(data["pages"])
        for path, key in data["banks"].items():
            entry = _load(cache_dir / f"bank-{key}.json")
            if type(entry) is not dict or entry.get("path") != path or type(entry.get("page")) is not str:
                return None
            pages[path] = entry["page"]
        quizzes = [QuizEntry(**entry) for entry in data["quizzes"]]
        return Generated(pages, list(data["training"]), quizzes, cached=True)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _bank_key(file_key: str, context: object) -> str:
    return hashlib.sha256(f"{file_key}\0{json.dumps(context)}".encode()).hexdigest()


def _read_banks(cache_dir: Path, keys: Iterable[str]) -> dict[str, str]:
    """The quiz pages of banks that did not change, keyed by page path."""
    known = {}
    for key in keys:
        entry = _load(cache_dir / f"bank-{key}.json")
        if type(entry) is dict and type(entry.get("path")) is str and type(entry.get("page")) is str:
            known[entry["path"]] = entry["page"]
    return known


def _write(cache_dir: Path, keys: Keys, result: Generated, by_page: dict[str, str]) -> None:
    """Keep this build's entries only; write each atomically so a concurrent build never reads half."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        wanted = {f"pages-{keys.site}.json"} | {f"bank-{key}.json" for key in by_page.values()}
        for old in [*cache_dir.glob("pages-*.json"), *cache_dir.glob("bank-*.json")]:
            if old.name not in wanted:
                old.unlink(missing_ok=True)
        for path, key in by_page.items():
            if not (cache_dir / f"bank-{key}.json").is_file():
                _dump(cache_dir / f"bank-{key}.json", {"path": path, "page": result.pages[path]})
        rest = {path: page for path, page in result.pages.items() if path not in by_page}
        quizzes = [asdict(entry) for entry in result.quizzes]
        site = {"pages": rest, "banks": by_page, "training": result.training, "quizzes": quizzes}
        _dump(cache_dir / f"pages-{keys.site}.json", site)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


def _dump(path: Path, value: object) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(value, out, ensure_ascii=False)
    Path(temp).replace(path)


_FORM_START = '<form class="rr-quiz"'
_FORM_END = "</form>"


def split_form(page: str) -> tuple[str, str, str]:
    """``(page with a placeholder, placeholder, form)``; the form is empty when the page has none.

    The placeholder is an HTML comment, which Markdown engines pass through untouched.
    """
    start = page.find(_FORM_START)
    end = page.rfind(_FORM_END)
    if start < 0 or end < start:
        return page, "", ""
    end += len(_FORM_END)
    placeholder = f"<!-- repready:form {hashlib.sha256(page[start:end].encode()).hexdigest()[:16]} -->"
    return page[:start] + placeholder + page[end:], placeholder, page[start:end]

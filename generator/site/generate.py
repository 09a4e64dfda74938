"""Banks in, site pages out: validate, render, and remember the result between builds.

Validation and rendering cost far more than MkDocs spends on the same questions
as plain Markdown, and under ``mkdocs serve`` most rebuilds change no bank at all.
So the pages are cached under ``.cache/repready/`` (beside Zensical's and
Material's own caches), keyed by everything that can change them: the bank and
taxonomy bytes, the templates, the code that renders them and the page options.
A hit skips YAML, validation and rendering; it only re-checks that the training pages
the banks link to still exist, since those live outside the key.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import __version__
from generator.bank.files import TAXONOMY_FILE, bank_files
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


def generate(
    banks_dir: Path,
    docs_dir: Path | None,
    template_dirs: Sequence[Path],
    options: PageOptions,
    cache_dir: Path | None = None,
) -> Generated:
    """Validate ``banks_dir`` and render every page; raises ``InvalidInput`` with every problem."""
    key = _key(banks_dir, template_dirs, options) if cache_dir else None
    if cache_dir and key:
        hit = _read(cache_dir, key)
        if hit is not None and (docs_dir is None or all((docs_dir / t).is_file() for t in hit.training)):
            return hit
    # Imported here so that a cache hit never pays for pydantic and the validator.
    from generator.bank.catalog import load_catalog
    from generator.render.pages import environment, render_site_pages
    from generator.site.nav import quiz_entries

    catalog = load_catalog(banks_dir, docs_dir)
    pages = render_site_pages(catalog, environment(template_dirs), options)
    training = sorted({b.module.training for b in catalog.banks})
    result = Generated(pages, training, quiz_entries(catalog, options))
    if cache_dir and key:
        _write(cache_dir, key, result)
    return result


def _key(banks_dir: Path, template_dirs: Sequence[Path], options: PageOptions) -> str | None:
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{options!r}".encode())
    try:
        inputs = [banks_dir / TAXONOMY_FILE, *bank_files(banks_dir)]
        templates = [PACKAGE_TEMPLATES, *(d / TEMPLATE_SUBDIR for d in template_dirs)]
        inputs += sorted(
            p for folder in templates if folder.is_dir() for p in folder.iterdir() if p.is_file()
        )
        inputs += sorted(p for part in PAGE_CODE for p in (PACKAGE / part).glob("*.py"))
        for path in inputs:
            digest.update(str(path).encode() + b"\0")
            digest.update(path.read_bytes() if path.is_file() else b"<missing>")
            digest.update(b"\0")
    except OSError:
        return None  # unreadable inputs: let validation report them
    return digest.hexdigest()


def _read(cache_dir: Path, key: str) -> Generated | None:
    try:
        data = json.loads((cache_dir / f"pages-{key}.json").read_text(encoding="utf-8"))
        quizzes = [QuizEntry(**entry) for entry in data["quizzes"]]
        return Generated(dict(data["pages"]), list(data["training"]), quizzes, cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(cache_dir: Path, key: str, result: Generated) -> None:
    """Keep one entry; write it atomically so a concurrent build never reads half a file."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("pages-*.json"):
            old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            quizzes = [asdict(entry) for entry in result.quizzes]
            content = {"pages": result.pages, "training": result.training, "quizzes": quizzes}
            json.dump(content, out, ensure_ascii=False)
        Path(temp).replace(cache_dir / f"pages-{key}.json")
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


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

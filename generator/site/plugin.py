"""The MkDocs adapter: validate banks on config, add quiz pages as generated files, watch banks.

Everything of substance lives in the core (:mod:`generator.site.generate`);
``repready build-pages`` writes the same pages without MkDocs.

One MkDocs-only optimisation: the quiz form is cut out of each page before
Markdown sees it and spliced back into the finished HTML. Python-Markdown and
the search plugin would otherwise parse every form, answer key included, on
every build; spliced in last, the form cannot reach the search index at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.lrs.client import LrsError, statements_url
from generator.problems import InvalidInput
from generator.render.options import LRS_SCRIPT, PageOptions
from generator.site.generate import generate, split_form

log = get_plugin_logger("repready")


class RepReadyConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn quiz generation off, e.g. for a quick build of the training pages alone."""
    banks = c.Type(str, default="assessments")
    """The folder of question banks, relative to mkdocs.yml."""
    quiz_dir = c.Type(str, default="quizzes")
    """Where quiz pages appear in the site, relative to the docs folder."""
    cache = c.Type(bool, default=True)
    """Reuse the pages of the last build while no bank or template changed (in .cache/repready/)."""
    lrs = c.Type(str, default="")
    """The Learning Record Store's xAPI address (``https://lrs.example.com/xAPI/``). Quiz pages then
    send each attempt there with the rep's own credential, which only the rep's personal start link
    carries (``repready links``); no credential is ever part of the site."""


class RepReadyPlugin(BasePlugin[RepReadyConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.forms: dict[str, tuple[str, str]] = {}
        self.banks_dir: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.banks_dir = root / self.config.banks
        custom_dir = config.theme.custom_dir
        try:
            lrs = statements_url(self.config.lrs) if self.config.lrs else ""
        except LrsError as error:
            raise PluginError(f"repready: lrs: {error}") from None
        if lrs:
            add_lrs_script(config)
        try:
            generated = generate(
                self.banks_dir,
                Path(config.docs_dir),
                [Path(custom_dir)] if custom_dir else [],
                PageOptions(home=config.site_url or "", quiz_dir=self.config.quiz_dir, lrs=lrs),
                cache_dir=root / ".cache" / "repready" if self.config.cache else None,
            )
        except InvalidInput as error:
            for problem in error.problems:
                log.error(str(problem))
            raise PluginError(f"question banks are invalid: {error}") from None
        self.pages, self.forms = {}, {}
        for path, content in generated.pages.items():
            page, placeholder, form = split_form(content)
            self.pages[path] = page
            if form:
                self.forms[path] = (placeholder, form)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        for path, content in self.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"docs/{path} would be replaced by a generated quiz page; remove it or set "
                    "the plugin's quiz_dir"
                )
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        splice = self.forms.get(page.file.src_uri)
        if splice is None:
            return output
        placeholder, form = splice
        if placeholder not in output:
            raise PluginError(f"{page.file.src_uri}: the theme dropped the quiz form's placeholder")
        return output.replace(placeholder, form, 1)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.banks_dir is not None:
            server.watch(str(self.banks_dir))
        return server


def add_lrs_script(config: MkDocsConfig) -> None:
    """Load lrs.js on every page, before the widget: it must read the start link's credential
    before the widget removes the link's fragment, and it sends results submitted on any page."""
    scripts = config.extra_javascript
    if any(str(script) == LRS_SCRIPT for script in scripts):
        return
    widget = next((i for i, script in enumerate(scripts) if str(script).endswith("repready/quiz.js")), 0)
    scripts.insert(widget, LRS_SCRIPT)

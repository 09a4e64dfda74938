"""The MkDocs adapter: validate banks on config, add quiz pages as generated files, watch banks.

Everything of substance lives in the core (:mod:`generator.site.generate`);
``repready build-pages`` writes the same pages without MkDocs.

One MkDocs-only optimisation: the quiz form is cut out of each page before
Markdown sees it and spliced back into the finished HTML. Python-Markdown and
the search plugin would otherwise parse every form, answer key included, on
every build; spliced in last, the form cannot reach the search index at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.lrs.client import LrsError, statements_url
from generator.problems import InvalidInput
from generator.render.options import LRS_SCRIPT, PageOptions
from generator.site.generate import generate, split_form
from generator.site.nav import QuizEntry, expand_nav, missing_from_nav, missing_message, nav_pages
from generator.site.problems import problems_banner, with_banner

#: Generated pages a rep reaches by link: outside the nav unless the nav lists them.
STANDALONE_PAGES = frozenset({"plan.md", "progress.md"})

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
        self.serving = False
        self.built = False  # pages from a good build exist (kept across rebuilds under serve)
        self.banner = ""
        self.quizzes: list[QuizEntry] = []  # the last good build's, for the nav while a bank is broken

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance, and the last good pages, across rebuilds.
        self.serving = command == "serve"

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
            if self.serving and self.built:
                # A failed rebuild would stall every request of the preview: show the last good
                # pages with the problems on them. Printed, not logged: under strict, a logged
                # warning would fail this rebuild too.
                print(f"repready: {error}; the preview shows them on every page:", file=sys.stderr)
                for problem in error.problems:
                    print(f"  {problem}", file=sys.stderr)
                self.banner = problems_banner(error.problems, [Path(custom_dir)] if custom_dir else [])
                config.nav = expand_nav(config.nav, self.quizzes, self.config.quiz_dir)
                return config
            for problem in error.problems:
                log.error(str(problem))
            raise PluginError(f"question banks are invalid: {error}") from None
        # New banks appear in the nav without an edit of mkdocs.yml (see generator.site.nav).
        self.quizzes = generated.quizzes
        config.nav = expand_nav(config.nav, self.quizzes, self.config.quiz_dir)
        for entry in missing_from_nav(config.nav, generated.quizzes, self.config.quiz_dir):
            log.warning(missing_message(entry, self.config.quiz_dir))
        self.built, self.banner = True, ""
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
            # The rep's own pages (My plan, My progress) are reached from links: when the nav does
            # not list them, they are pages outside the nav on purpose, not omissions.
            explicit = isinstance(config.nav, list)  # without a nav, MkDocs lists every page itself
            standalone = explicit and path in STANDALONE_PAGES and path not in set(nav_pages(config.nav))
            inclusion = InclusionLevel.NOT_IN_NAV if standalone else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.banner:
            output = with_banner(output, self.banner)
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


# The widget as mkdocs.yml lists it: its bundle, or (in older forks) its unbundled entry.
WIDGET_SCRIPTS = ("repready/dist/quiz.js", "repready/quiz.js")


def add_lrs_script(config: MkDocsConfig) -> None:
    """Load lrs.js on every page, before the widget: it must read the start link's credential
    before the widget removes the link's fragment, and it sends results submitted on any page."""
    scripts = config.extra_javascript
    if any(str(script) == LRS_SCRIPT for script in scripts):
        return
    widget = next((i for i, script in enumerate(scripts) if str(script).endswith(WIDGET_SCRIPTS)), 0)
    scripts.insert(widget, LRS_SCRIPT)

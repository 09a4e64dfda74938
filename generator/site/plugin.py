"""The MkDocs adapter: validate banks on config, add quiz pages as generated files, watch banks.

Everything of substance lives in :mod:`generator.bank` and :mod:`generator.render`;
``repready build-pages`` produces the same pages without MkDocs.
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

from generator.bank import load_catalog
from generator.problems import InvalidInput
from generator.render.pages import PageOptions, environment, render_site_pages

log = get_plugin_logger("repready")


class RepReadyConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn quiz generation off, e.g. for a quick build of the training pages alone."""
    banks = c.Type(str, default="assessments")
    """The folder of question banks, relative to mkdocs.yml."""
    quiz_dir = c.Type(str, default="quizzes")
    """Where quiz pages appear in the site, relative to the docs folder."""


class RepReadyPlugin(BasePlugin[RepReadyConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.banks_dir: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.banks_dir = root / self.config.banks
        try:
            catalog = load_catalog(self.banks_dir, Path(config.docs_dir))
        except InvalidInput as error:
            for problem in error.problems:
                log.error(str(problem))
            raise PluginError(f"question banks are invalid: {error}") from None
        custom_dir = config.theme.custom_dir
        env = environment([Path(custom_dir)] if custom_dir else [])
        options = PageOptions(home=config.site_url or "", quiz_dir=self.config.quiz_dir)
        self.pages = render_site_pages(catalog, env, options)
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

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.banks_dir is not None:
            server.watch(str(self.banks_dir))
        return server

"""The whole portal with Zensical, from the same sources, with no MkDocs plugin involved.

Zensical reads ``mkdocs.yml`` but ignores MkDocs plugins, so the steps the plugin takes are
taken here instead: the docs are copied to a staging tree, the quiz pages and the widget's
assets are written into it (:func:`generator.site.files.write_into`), and a config for that
tree is written with the quiz navigation filled in (:func:`generator.site.nav.expand_nav`)
and without the ``repready`` plugin. ``zensical build --strict`` then builds it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.problems import OutputError
from generator.render.options import LRS_SCRIPT
from generator.site.config import SiteConfig
from generator.site.nav import QuizEntry, expand_nav

#: The newest Zensical that installs from the registry (0.0.74 and later need zensical-ui).
ZENSICAL = "zensical==0.0.73"
THEME = "theme"


def zensical_config(  # noqa: PLR0913 - the staged project's parts
    config: SiteConfig,
    docs_dir: Path,
    site_dir: Path,
    quizzes: Sequence[QuizEntry],
    site_url: str | None,
    *,
    lrs: bool = False,
) -> dict[str, Any]:
    """``config`` as Zensical needs it: staged docs, the nav filled in, no repready plugin; with
    ``lrs``, the LRS sender loaded before the widget, as the plugin does."""
    data = dict(config.data)
    quiz_dir = config.plugin_option("quiz_dir", "quizzes")
    # Zensical 0.0.73 panics on an absolute docs_dir or custom_dir: every path is relative to
    # the staged project's root, where the docs and the theme are copied.
    data["docs_dir"] = docs_dir.name
    data["site_dir"] = site_dir.name
    if "nav" in data:
        data["nav"] = expand_nav(data["nav"], quizzes, quiz_dir)
    data["plugins"] = [
        p for p in data.get("plugins") or [] if p != "repready" and not (isinstance(p, dict) and "repready" in p)
    ]
    theme = dict(data.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = THEME
    data["theme"] = theme
    if site_url is not None:
        data["site_url"] = site_url
    if lrs:
        scripts = list(data.get("extra_javascript") or [])
        paths = [str(s.get("path", "")) if isinstance(s, dict) else str(s) for s in scripts]
        if LRS_SCRIPT not in paths:
            widget = next((i for i, p in enumerate(paths) if p.endswith("repready/quiz.js")), 0)
            scripts.insert(widget, LRS_SCRIPT)
        data["extra_javascript"] = scripts
    return data


def run_zensical(config_file: Path) -> None:
    """``zensical build --strict`` of ``config_file``; its output is the error when it fails."""
    script = Path(sys.executable).with_name("zensical")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "zensical"]
    try:
        result = subprocess.run(
            [*command, "build", "--strict", "--clean", "-f", str(config_file)],
            cwd=config_file.parent,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
    except FileNotFoundError:
        raise OutputError(f"Zensical is not installed: pip install '{ZENSICAL}'") from None
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        if "No module named zensical" in output:
            raise OutputError(f"Zensical is not installed: pip install '{ZENSICAL}'")
        raise OutputError(f"zensical build failed:\n{output}")


def stage(docs_dir: Path, custom_dir: Path | None, staging: Path) -> Path:
    """Copies of the docs tree (to write generated pages into) and of the theme; the originals
    are never touched. Returns the staged docs folder."""
    target = staging / "docs"
    shutil.copytree(docs_dir, target, ignore=shutil.ignore_patterns(".*"))
    if custom_dir is not None and custom_dir.is_dir():
        shutil.copytree(custom_dir, staging / THEME)
    return target


def write_config(data: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

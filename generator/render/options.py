"""Page options, importable without the renderer (the build cache keys on them)."""

from __future__ import annotations

from dataclasses import dataclass

QUIZ_DIR = "quizzes"
TEMPLATE_SUBDIR = "repready"


@dataclass(frozen=True)
class PageOptions:
    """What a page needs to know about the site it will live in."""

    home: str = ""  # site_url; the widget falls back to the site root it is served from
    quiz_dir: str = QUIZ_DIR

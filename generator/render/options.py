"""Page options, importable without the renderer (the build cache keys on them)."""

from __future__ import annotations

from dataclasses import dataclass

QUIZ_DIR = "quizzes"
TEMPLATE_SUBDIR = "repready"
# The LRS sender, loaded before the widget's quiz.js on sites configured with an LRS.
LRS_SCRIPT = "assets/repready/lrs.js"


@dataclass(frozen=True)
class PageOptions:
    """What a page needs to know about the site it will live in."""

    home: str = ""  # site_url; the widget falls back to the site root it is served from
    quiz_dir: str = QUIZ_DIR
    # The LRS's statements address (never a credential): quiz pages then load lrs.js's status
    # region and send each attempt there with the rep's own credential from their start link.
    lrs: str = ""

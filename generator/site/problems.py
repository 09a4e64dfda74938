"""A preview that never hangs: while a bank is invalid, every page says so and the last good quiz pages stay.

MkDocs' server holds every request until a rebuild succeeds, so a failed rebuild under
``mkdocs serve`` left the browser waiting with the problems only in the terminal. The
adapter keeps the last good pages instead and puts these problems at the top of each page;
the next good rebuild drops them and the live-reload script reloads the browser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from generator.problems import Problem
from generator.render.pages import environment

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def problems_banner(problems: Sequence[Problem], template_dirs: Sequence[Path] = ()) -> str:
    return environment(template_dirs).get_template("serve-problems.html").render(problems=list(problems))


def with_banner(html: str, banner: str) -> str:
    """``html`` with ``banner`` first in its body (or first of all, for a page without one)."""
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + banner + html[at:]

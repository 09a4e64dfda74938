"""Where an LRS credential comes from: a file or the environment, never the command line.

A command line is visible to every user of the machine (``ps``) and kept in shell history, so
commands take a credential only from ``--credentials FILE`` or ``$REPREADY_LRS_CREDENTIALS``. Both
hold one line: ``username:password`` (sent as HTTP Basic) or a whole ``Authorization`` value
(``Basic ...``, ``Bearer ...``).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from generator.problems import InvalidInput, Problem, display_path

ENVIRONMENT = "REPREADY_LRS_CREDENTIALS"
SCHEMES = ("Basic ", "Bearer ")
MAX_BYTES = 64 * 1024


def basic(username: str, password: str) -> str:
    """The ``Authorization`` value of HTTP Basic for ``username`` and ``password``."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def authorization(text: str) -> str | None:
    """``text`` (``user:password`` or an ``Authorization`` value) as an ``Authorization`` value."""
    text = text.strip()
    if text.startswith(SCHEMES) and len(text.split()) == 2:
        return text
    username, colon, password = text.partition(":")
    if not colon or not username or not password or any(c.isspace() for c in username):
        return None
    return basic(username, password)


def load(path: Path | None) -> str | None:
    """The ``Authorization`` value from ``path``, else from the environment, else ``None`` (anonymous).

    Raises :class:`InvalidInput` naming the file (or variable) when it holds no usable credential.
    """
    if path is not None:
        shown = display_path(path)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise InvalidInput([Problem(shown, 0, 0, "credentials file is larger than 64 KiB")])
            lines = [line for line in path.read_text("utf-8-sig").splitlines() if line.strip()]
        except (OSError, UnicodeDecodeError) as error:
            raise InvalidInput([Problem(shown, 0, 0, f"cannot read credentials: {error}")]) from None
        value = authorization(lines[0]) if len(lines) == 1 else None
        if value is None:
            raise InvalidInput([Problem(shown, 1, 1, _EXPECTED)])
        return value
    text = os.environ.get(ENVIRONMENT, "")
    if not text.strip():
        return None
    value = authorization(text)
    if value is None:
        raise InvalidInput([Problem(f"${ENVIRONMENT}", 0, 0, _EXPECTED)])
    return value


_EXPECTED = "expected one line 'username:password' or an Authorization value ('Basic ...', 'Bearer ...')"

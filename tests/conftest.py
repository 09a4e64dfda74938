"""Shared fixtures: the small demo site, and one Debian chromium for every browser test."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

TESTS = Path(__file__).parent
ROOT = TESTS.parent
DEMO_SITE = TESTS / "fixtures" / "site"


def mkdocs_build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` of ``config`` into ``out``, run from the config's folder."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Serve ``directory`` (which may be filled later) on a free loopback port; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A writable copy of the demo site (mkdocs.yml, assessments/, docs/)."""
    site = tmp_path / "site-src"
    shutil.copytree(DEMO_SITE, site)
    return site


CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium, never a downloaded one; as root, offline, and without the background
# connections this machine's closed network would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One browser for the session: Playwright's sync API allows one instance per thread."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()

"""Under ``mkdocs serve``, saving a bank rebuilds the site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, deadline: float) -> str:
    page = None
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {text!r}; last response: {(page or '')[:200]!r}")


def test_editing_a_bank_rebuilds_the_served_site(demo_site: Path) -> None:
    port = _free_port()
    config = demo_site / "mkdocs.yml"
    config.write_text(config.read_text().replace("127.0.0.1:8000", f"127.0.0.1:{port}"))
    log = demo_site / "serve.log"
    url = f"http://127.0.0.1:{port}/quizzes/demo/"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=demo_site,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(url, "The buyer liked the demo", time.monotonic() + 120)
            bank = demo_site / "assessments" / "demo" / "demo.yml"
            bank.write_text(bank.read_text(encoding="utf-8").replace("liked the demo", "loved the demo"))
            page = _wait_for(url, "The buyer loved the demo", time.monotonic() + 120)
            assert "The buyer liked the demo" not in page
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Error" not in log.read_text(), log.read_text()

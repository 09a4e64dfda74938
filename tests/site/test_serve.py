"""Under ``mkdocs serve``, saving a bank rebuilds the site."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect


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


@contextmanager
def _serving(site: Path, extra_config: str = "") -> Iterator[tuple[str, Path]]:
    """A real ``mkdocs serve`` of ``site`` on a free port: its address and its log file."""
    port = _free_port()
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("127.0.0.1:8000", f"127.0.0.1:{port}") + extra_config)
    log = site / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/", log
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_editing_a_bank_rebuilds_the_served_site(demo_site: Path) -> None:
    with _serving(demo_site) as (root, log):
        url = root + "quizzes/demo/"
        _wait_for(url, "The buyer liked the demo", time.monotonic() + 120)
        bank = demo_site / "assessments" / "demo" / "demo.yml"
        bank.write_text(bank.read_text(encoding="utf-8").replace("liked the demo", "loved the demo"))
        page = _wait_for(url, "The buyer loved the demo", time.monotonic() + 120)
        assert "The buyer liked the demo" not in page
    assert "Error" not in log.read_text(), log.read_text()


@pytest.mark.browser
def test_a_broken_bank_keeps_the_last_good_site_and_shows_its_problems(
    demo_site: Path, browser: Browser
) -> None:
    bank = demo_site / "assessments" / "demo" / "demo.yml"
    good = bank.read_text(encoding="utf-8")
    with _serving(demo_site, "strict: true\n") as (root, log):
        url = root + "quizzes/demo/"
        page = browser.new_page()
        try:
            _wait_for(url, "The buyer liked the demo", time.monotonic() + 120)
            page.goto(url)
            problems = page.get_by_role("alert", name=re.compile("^The question banks have"))
            assert problems.count() == 0
            # Two problems in one save: a misspelt key and a YAML 1.1 boolean.
            broken = good.replace("    prompt: What shows", "    promt: What shows", 1)
            broken = broken.replace("correct: true\n", "correct: yes\n", 1)
            bank.write_text(broken, encoding="utf-8")
            # The open page reloads by itself and lists the problems, compiler style.
            expect(problems).to_be_visible(timeout=120_000)
            items = [" ".join(t.split()) for t in problems.get_by_role("listitem").all_inner_texts()]
            assert items == [
                "assessments/demo/demo.yml:11:5: error: unknown key 'promt' in questions[0]: did you mean "
                "'prompt'? ('prompt' is required there and missing)",
                "assessments/demo/demo.yml:21:18: error: questions[0].options[1].correct: write true instead "
                "of 'yes' (YAML 1.1 reads 'yes' as true, YAML 1.2 tools as text)",
            ], items
            # The last good site is still served, at once (a stalled server would time the fetch out).
            assert "The buyer liked the demo" in (_fetch(url) or "")
            assert "The question banks have 2 problems" in (_fetch(root) or "")
            # Fixed: the page reloads by itself, without the problems.
            bank.write_text(good.replace("liked the demo", "loved the demo"), encoding="utf-8")
            expect(page.get_by_text("The buyer loved the demo")).to_be_visible(timeout=120_000)
            assert problems.count() == 0
        finally:
            page.close()
    text = log.read_text()
    assert "The server will appear stuck" not in text, text
    assert "demo.yml:11:5: error: unknown key 'promt'" in text  # the terminal has them too

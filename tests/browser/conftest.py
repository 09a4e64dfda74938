"""A real site, a real server and Debian's chromium for the quiz widget's browser tests.

The site is built once per session by ``mkdocs build --strict`` from the banks under
``fixtures/site`` (not the sample content) with a copy of the project's ``theme/``. It is
built with ``site_url`` = the address of one server, so Material's instant navigation
engages there. A second server on another port serves the same files: Material matches
sitemap entries after copying the page's protocol and host name into them (so ``localhost``
against ``127.0.0.1`` still engages), but not its port, so there every link is a full load.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.conftest import mkdocs_build, static_server

pytest.register_assert_rewrite("tests.browser.helpers")

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "site"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass(frozen=True)
class Site:
    src: Path  # mkdocs.yml, assessments/, docs/, theme/
    out: Path  # the built site
    port: int  # the address in site_url: instant navigation
    other_port: int  # the same files elsewhere: full page loads

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "", *, instant: bool = True) -> str:
        return f"http://127.0.0.1:{self.port if instant else self.other_port}/{path}"

    def quiz(self, module_id: str, *, instant: bool = True) -> str:
        return self.url(f"quizzes/{module_id}/", instant=instant)


def mkdocs_config(site_url: str) -> dict[str, Any]:
    """Like the project's mkdocs.yml: Material, no Google Fonts, instant navigation, two palettes."""
    return {
        "site_name": "RepReady browser tests",
        "site_url": site_url,
        "docs_dir": "docs",
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": "theme",
            "font": False,
            "language": "en",
            "features": ["navigation.instant", "navigation.sections"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
                },
            ],
        },
        "plugins": ["search", {"repready": {"banks": "assessments"}}],
        "extra_javascript": [{"path": "assets/repready/quiz.js", "type": "module"}],
        "extra_css": ["assets/repready/quiz.css"],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables"],
        "validation": {"omitted_files": "info", "absolute_links": "warn", "unrecognized_links": "warn"},
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    src, out = copy_fixture(tmp_path_factory.mktemp("browser-site"))
    with static_server(out) as url, static_server(out) as other_url:
        build_fixture(src, out, url)
        yield Site(src, out, _port(url), _port(other_url))


def copy_fixture(base: Path) -> tuple[Path, Path]:
    """The fixture site with a copy of the project's theme in ``base``: its source and output folders."""
    src, out = base / "src", base / "out"
    shutil.copytree(FIXTURE, src)
    shutil.copytree(ROOT / "theme", src / "theme")
    return src, out


def build_fixture(src: Path, out: Path, site_url: str) -> None:
    (src / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs_config(site_url)))
    built = mkdocs_build(src / "mkdocs.yml", out)
    if built.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}")


def _port(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


@dataclass
class Watch:
    """What a page did that a test must not let pass: script errors and requests off this machine."""

    errors: list[str]
    requests: list[str]

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("blob", "data") and urlsplit(url).hostname not in LOCAL_HOSTS
        ]

    def check(self) -> None:
        assert self.errors == [], "the page raised errors"
        assert self.requests, "requests are being recorded"
        assert self.foreign() == [], "the page requested something off this machine"


def open_page(browser: Browser, **context_options: Any) -> tuple[Page, Watch]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    watch = Watch([], [])
    page.on("pageerror", lambda error: watch.errors.append(f"pageerror: {error}"))
    page.on(
        "console", lambda msg: watch.errors.append(f"console: {msg.text}") if msg.type == "error" else None
    )
    page.on("request", lambda request: watch.requests.append(request.url))
    return page, watch


@pytest.fixture
def watch_page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    page, watch = open_page(browser)
    yield page, watch
    page.context.close()
    watch.check()


@pytest.fixture
def page(watch_page: tuple[Page, Watch]) -> Page:
    """A fresh browser context (empty localStorage); errors and foreign requests fail the test."""
    return watch_page[0]

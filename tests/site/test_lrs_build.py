"""A site configured with an LRS: lrs.js before the widget, the status region, and no credential anywhere."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import mkdocs_build

PASSWORD = "s3cret-Pa55-for-the-test"
MANAGER = f"manager:{PASSWORD}"
REP_AUTH = "Basic " + base64.b64encode(f"ana:{PASSWORD}".encode()).decode()


def configure(site: Path, lrs: str) -> None:
    config = yaml.safe_load((site / "mkdocs.yml").read_text())
    config["plugins"] = ["search", {"repready": {"lrs": lrs}}]
    config["extra_javascript"] = [{"path": "assets/repready/quiz.js", "type": "module"}]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config))


def everything(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_a_site_built_with_an_lrs_holds_no_credential(
    demo_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Credentials lie beside the site's sources and in the environment, as on a manager's machine.
    monkeypatch.setenv("REPREADY_LRS_CREDENTIALS", MANAGER)
    (demo_site / "lrs-credentials").write_text(MANAGER + "\n")
    (demo_site / "reps.csv").write_text(f"rep_id,username,password\nana,ana,{PASSWORD}\n")
    configure(demo_site, "https://lrs.example.com/xAPI/")
    built = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert built.returncode == 0, built.stderr
    files = everything(demo_site / "out")
    quiz = (demo_site / "out" / "quizzes" / "demo" / "index.html").read_text()
    assert 'data-rr-lrs="https://lrs.example.com/xAPI/statements"' in quiz
    assert 'aria-label="Sending to your manager"' in quiz
    # lrs.js comes before the widget, which removes the start link's fragment.
    assert quiz.index("assets/repready/lrs.js") < quiz.index("assets/repready/quiz.js")
    home = (demo_site / "out" / "index.html").read_text()
    assert "assets/repready/lrs.js" in home  # a start link may open any page
    for secret in (PASSWORD, base64.b64encode(MANAGER.encode()).decode(), REP_AUTH):
        assert [p for p, data in files if secret.encode() in data] == []


def test_a_site_without_an_lrs_loads_no_sender(demo_site: Path) -> None:
    built = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert built.returncode == 0, built.stderr
    quiz = (demo_site / "out" / "quizzes" / "demo" / "index.html").read_text()
    assert "lrs.js" not in quiz and "data-rr-lrs" not in quiz and "rr-lrs" not in quiz


def test_an_lrs_address_with_a_credential_in_it_fails_the_build(demo_site: Path) -> None:
    configure(demo_site, f"https://{MANAGER}@lrs.example.com/xAPI/")
    built = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert built.returncode != 0
    assert "the LRS address carries a credential" in built.stderr
    assert PASSWORD not in built.stderr + built.stdout
    assert not (demo_site / "out").exists()


def test_build_pages_writes_the_same_lrs_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import DEMO_SITE, ROOT

    out = tmp_path / "pages"
    code = main(
        [
            "build-pages",
            "--banks",
            str(DEMO_SITE / "assessments"),
            "--docs",
            str(DEMO_SITE / "docs"),
            "--theme",
            str(ROOT / "theme"),
            "--out",
            str(out),
            "--lrs-endpoint",
            "https://lrs.example.com/xAPI",
        ]
    )
    assert code == 0
    assert "load assets/repready/lrs.js before quiz.js" in capsys.readouterr().out
    page = (out / "quizzes" / "demo.md").read_text()
    assert 'data-rr-lrs="https://lrs.example.com/xAPI/statements"' in page
    assert (out / "assets" / "repready" / "lrs.js").is_file()

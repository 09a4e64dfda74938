"""``repready links``: personal start links from the roster, with and without the LRS launch parameters."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from generator.bank.catalog import Catalog
from generator.cli import main
from tests.lrs.ralph import Store
from tests.score.builders import attempt

ROSTER = "rep_id,name,team,manager\nana,Ana Lima,East,Bo Chen\nraj.p,Raj P. & Co <b>,West,Bo Chen\n"


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, "utf-8")
    return path


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def fragment(link: str) -> dict[str, str]:
    base, _, rest = link.partition("#repready?")
    assert base and rest and "#" not in rest and " " not in rest
    return dict(parse_qsl(rest, keep_blank_values=True, strict_parsing=True))


def test_links_carry_name_and_id_in_the_fragment(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "--roster", str(roster), "--site-url", "https://portal.example.com/sales/"]) == 0
    written = rows(capsys.readouterr().out)
    assert [r["rep_id"] for r in written] == ["ana", "raj.p"]
    assert written[0]["link"] == "https://portal.example.com/sales/#repready?name=Ana%20Lima&id=ana"
    assert fragment(written[1]["link"]) == {"name": "Raj P. & Co <b>", "id": "raj.p"}
    assert written[1]["team"] == "West" and written[1]["manager"] == "Bo Chen"


def test_lrs_links_carry_each_reps_own_credential_that_the_lrs_accepts(
    roster: Path, tmp_path: Path, store: Store, cat: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    credentials = tmp_path / "reps.csv"
    credentials.write_text(
        f"rep_id,username,password\nANA ,{store.rep_user},{store.rep_password}\n"
        'raj.p,raj,"pw:with,comma"\nsomeone-else,x,y\n',
        "utf-8",
    )
    out = tmp_path / "links" / "links.csv"
    args = ["links", "--roster", str(roster), "--site-url", "https://portal.example.com/"]
    lrs = ["--lrs-endpoint", store.url.removesuffix("statements"), "--credentials", str(credentials)]
    assert main([*args, *lrs, "--out", str(out)]) == 0
    assert "send it to that rep only" in capsys.readouterr().err
    assert out.stat().st_mode & 0o077 == 0  # the links are credentials: the owner's alone
    ana, raj = rows(out.read_text("utf-8"))
    launch = fragment(ana["link"])
    assert launch["name"] == "Ana Lima" and launch["id"] == "ana" and launch["endpoint"] == store.url
    assert launch["auth"] == store.rep and fragment(raj["link"])["auth"].startswith("Basic ")
    # What the link carries is a working credential for this rep's LRS user.
    sent = requests.post(
        launch["endpoint"],
        json=attempt(cat, "ana", "alpha", {"a1": ["a"]}),
        headers={"Authorization": launch["auth"], "X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert sent.status_code == 200, sent.text
    assert urlsplit(ana["link"]).netloc == "portal.example.com"


def test_every_problem_is_reported_and_nothing_is_written(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    credentials = tmp_path / "reps.csv"
    credentials.write_text("rep_id,username,password\nana,a,b\nAna,c,d\nraj.p,r:x,pw\n", "utf-8")
    out = tmp_path / "links.csv"
    code = main(
        [
            "links",
            "--roster",
            str(roster),
            "--site-url",
            "https://p.example.com/",
            "--lrs-endpoint",
            "https://lrs.example.com/xAPI/",
            "--credentials",
            str(credentials),
            "--out",
            str(out),
        ]
    )
    assert code == 1 and not out.exists()
    shown = str(credentials)
    assert capsys.readouterr().err.splitlines() == [
        f"{shown}: error: no credential for rep 'raj.p' (roster line 3)",
        f"{shown}:3:1: error: rep_id 'Ana' repeats line 2",
        f"{shown}:4:1: error: expected a username (without ':') and a non-empty password",
        "3 errors in 1 file",
    ]


def test_usage_errors(roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "--roster", str(roster), "--site-url", "portal"]) == 2
    assert "expected the portal's http(s) address, found 'portal'" in capsys.readouterr().err
    assert main(["links", "--roster", str(roster), "--lrs-endpoint", "https://lrs.example.com/"]) == 2
    assert "--lrs-endpoint and --credentials go together" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("rep_id,name,team,manager\nhas space,A,B,C\n", "utf-8")
    assert main(["links", "--roster", str(bad), "--site-url", "https://p.example.com/"]) == 1
    assert "bad.csv:2:1: error: rep_id must be 1-64 letters" in capsys.readouterr().err


def test_site_url_defaults_to_mkdocs_yml(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: https://team.example.com/portal/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["links", "--roster", str(roster)]) == 0
    assert rows(capsys.readouterr().out)[0]["link"].startswith("https://team.example.com/portal/#repready?")

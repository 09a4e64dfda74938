"""``repready push`` and ``repready score --lrs`` against a real Ralph LRS on loopback."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import orjson
import pytest
import requests

from generator.bank.catalog import Catalog
from generator.cli import main
from generator.lrs.client import Client, LrsError
from tests.lrs.ralph import Ralph, Store, free_port
from tests.score.builders import BANKS, NOW, attempt, export, jsonl

pytestmark = pytest.mark.lrs

RIGHT = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}
WRONG = {"a1": ["b"], "a2": ["a"], "a3": ["a"]}


def stored(store: Store) -> list[dict[str, Any]]:
    """Every statement of the store, read with the plain HTTP API rather than our client."""
    found: list[dict[str, Any]] = []
    url: str | None = store.url
    while url:
        page = requests.get(url, headers={"Authorization": store.manager}, timeout=30).json()
        found += page["statements"]
        more = page.get("more")
        url = store.url.split("/xAPI/")[0] + more if more and page["statements"] else None
    return found


def statements(cat: Catalog, count: int) -> list[dict[str, Any]]:
    """``count`` distinct valid statements: as many attempts as it takes, cut to the count."""
    made: list[dict[str, Any]] = []
    for number in itertools.count(1):
        if len(made) >= count:
            return made[:count]
        made += attempt(cat, f"rep{number:04d}", "alpha", RIGHT if number % 2 else WRONG)
    raise AssertionError("unreachable")


def push(store_or_url: str, credentials: Path, *files: Path) -> int:
    return main(["push", *map(str, files), "--lrs", store_or_url, "--credentials", str(credentials)])


def test_two_exports_sent_as_separate_requests_are_both_stored(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = export(tmp_path / "r1.json", attempt(cat, "r1", "alpha", RIGHT))
    second = export(tmp_path / "r2.json", attempt(cat, "r2", "alpha", WRONG))
    assert push(store.url, manager_credentials, first) == 0
    assert push(store.url, manager_credentials, second) == 0
    ids = sorted(s["id"] for s in stored(store))
    expected = sorted(s["id"] for f in (first, second) for s in orjson.loads(f.read_bytes())["statements"])
    assert ids == expected and len(ids) == 12
    assert "6 statements sent" in capsys.readouterr().err


@pytest.mark.parametrize("count", [0, 1, 100, 250])
def test_reading_follows_more_to_the_end(cat: Catalog, store: Store, count: int) -> None:
    sent = statements(cat, count)
    if sent:
        answer = requests.post(
            store.url,
            json=sent,
            headers={"Authorization": store.manager, "X-Experience-API-Version": "1.0.3"},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
    with Client(store.url, store.manager) as client:
        pages = list(client.pages())
        read = [s["id"] for page in pages for s in page]
        assert sorted(read) == sorted(s["id"] for s in sent)
        assert len(read) == len(set(read))  # no page read twice
        assert all(len(page) <= 100 for page in pages)
        # Ralph's extra empty page after a full last one is read and ends the chain.
        assert client.timings.pages == count // 100 + 1


def test_resending_stores_nothing_twice(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = export(tmp_path / "r1.json", attempt(cat, "r1", "alpha", RIGHT))
    assert push(store.url, manager_credentials, file) == 0
    capsys.readouterr()
    assert push(store.url, manager_credentials, file, file) == 0
    err = capsys.readouterr().err
    assert "6 statements sent" in err and "0 stored, 6 already there" in err
    assert len(stored(store)) == 6


def test_a_conflicting_statement_is_reported_and_the_others_are_stored(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = attempt(cat, "r1", "alpha", RIGHT)
    assert push(store.url, manager_credentials, export(tmp_path / "first.json", original[:3])) == 0
    changed = [dict(s) for s in original]
    changed[1]["timestamp"] = "2026-11-02T10:00:00.000Z"  # same id, other content
    capsys.readouterr()
    assert push(store.url, manager_credentials, export(tmp_path / "second.json", changed)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("6 statements sent to " + store.url + ": 3 stored, 2 already there, 1 conflicts")
    assert err[1].startswith(
        f"  {tmp_path}/second.json: record 2: conflict: the LRS holds statement {changed[1]['id']}"
    )
    assert sorted(s["id"] for s in stored(store)) == sorted(s["id"] for s in original)
    kept = next(s for s in stored(store) if s["id"] == original[1]["id"])
    assert kept["timestamp"] == original[1]["timestamp"]


def test_push_refuses_records_without_an_id_and_sends_the_rest(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = attempt(cat, "r1", "alpha", RIGHT)
    nameless = dict(good[0])
    del nameless["id"]
    file = jsonl(tmp_path / "mixed.jsonl", [*good, nameless])
    assert push(store.url, manager_credentials, file) == 1
    err = capsys.readouterr().err
    assert "mixed.jsonl:7: not a statement with an 'id'; not sent" in err
    assert len(stored(store)) == 6


def score(out: Path, *args: str) -> int:
    return main(["score", *args, "--banks", str(BANKS), "--now", NOW.isoformat(), "--out", str(out)])


def reports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_scoring_from_the_lrs_equals_scoring_the_same_statements_from_a_file(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path
) -> None:
    attempts = [
        attempt(cat, f"r{n}", "alpha", RIGHT if n % 3 else WRONG, day=n % 4, number=n) for n in range(1, 30)
    ]
    attempts.append(attempt(cat, "m1", "review", {"v1": "4"}, manager=("boss", "Boss")))
    for number, one in enumerate(attempts):
        assert push(store.url, manager_credentials, export(tmp_path / "in" / f"{number}.json", one)) == 0
    everything = jsonl(tmp_path / "all.jsonl", [s for one in attempts for s in one])
    assert score(tmp_path / "from-file", str(everything)) == 0
    assert score(tmp_path / "from-lrs", "--lrs", store.url, "--credentials", str(manager_credentials)) == 0
    from_file, from_lrs = reports(tmp_path / "from-file"), reports(tmp_path / "from-lrs")
    assert len(from_file) > 5 and from_lrs == from_file


def test_statements_of_other_tools_are_left_out_on_our_side(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = {
        "id": "6f1c43a0-0000-4000-8000-000000000001",
        "actor": {"account": {"homePage": "https://lms.example.com/", "name": "x"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "https://lms.example.com/video/1"},
        "timestamp": "2026-11-01T09:00:00.000Z",
    }
    assert push(store.url, manager_credentials, jsonl(tmp_path / "f.jsonl", [foreign])) == 0
    assert (
        push(store.url, manager_credentials, export(tmp_path / "r.json", attempt(cat, "r1", "alpha", RIGHT)))
        == 0
    )
    capsys.readouterr()
    assert score(tmp_path / "out", "--lrs", store.url, "--credentials", str(manager_credentials)) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "repready score: 1 files, 7 records: 6 statements used; 1 statements ignored (not RepReady's)"
    )


def test_since_reads_only_what_the_lrs_stored_after_it(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        push(
            store.url, manager_credentials, export(tmp_path / "old.json", attempt(cat, "old", "alpha", RIGHT))
        )
        == 0
    )
    cut = max(s["stored"] for s in stored(store))
    assert (
        push(
            store.url, manager_credentials, export(tmp_path / "new.json", attempt(cat, "new", "alpha", RIGHT))
        )
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "out"
    assert score(out, "--lrs", store.url, "--credentials", str(manager_credentials), "--since", cut) == 0
    assert capsys.readouterr().err.splitlines()[0] == "repready score: 1 files, 6 records: 6 statements used"
    gaps = (out / "gaps.csv").read_text()
    assert "new" in gaps and "old" not in gaps


def test_credentials_come_from_the_environment_too(
    cat: Catalog, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPREADY_LRS_CREDENTIALS", f"{store.manager_user}:{store.manager_password}")
    file = export(tmp_path / "r.json", attempt(cat, "r1", "alpha", RIGHT))
    assert main(["push", str(file), "--lrs", store.url]) == 0
    assert score(tmp_path / "out", "--lrs", store.url) == 0


def test_a_wrong_credential_a_dead_lrs_and_a_credential_in_the_url_fail_without_writing(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text(f"{store.manager_user}:not-the-password\n")
    out = tmp_path / "out"
    assert score(out, "--lrs", store.url, "--credentials", str(wrong)) == 2
    assert "the LRS refused the credential (HTTP 401" in capsys.readouterr().err
    dead = f"http://127.0.0.1:{free_port()}/xAPI/"
    assert score(out, "--lrs", dead, "--credentials", str(wrong)) == 2
    assert f"cannot reach the LRS at {dead}statements" in capsys.readouterr().err
    leaky = store.url.replace("http://", f"http://{store.manager_user}:{store.manager_password}@")
    assert score(out, "--lrs", leaky) == 2
    assert "the LRS address carries a credential" in capsys.readouterr().err
    assert not out.exists()


def test_a_rep_credential_reads_only_its_own_statements(
    cat: Catalog, store: Store, manager_credentials: Path, tmp_path: Path
) -> None:
    assert (
        push(store.url, manager_credentials, export(tmp_path / "m.json", attempt(cat, "r1", "alpha", RIGHT)))
        == 0
    )
    mine = attempt(cat, "r2", "alpha", RIGHT)
    sent = requests.post(
        store.url,
        json=mine,
        headers={"Authorization": store.rep, "X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert sent.status_code == 200
    with Client(store.url, store.rep) as client:
        assert sorted(s["id"] for page in client.pages() for s in page) == sorted(s["id"] for s in mine)
    assert len(stored(store)) == 12


def test_ralph_is_the_one_started_for_these_tests(ralph: Ralph) -> None:
    assert ralph.process.poll() is None and ralph.base.startswith("http://127.0.0.1:")
    with Client(ralph.url, None) as anonymous, pytest.raises(LrsError, match="refused the credential"):
        list(anonymous.pages())

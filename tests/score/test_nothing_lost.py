"""``repready score`` on hostile places and inputs: it never deletes what it did not write, never
shows a traceback, and what it prints or writes carries no raw control character."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.bank.catalog import Catalog
from generator.cli import main
from generator.report.output import MARKER
from tests.score.builders import BANKS, NOW, attempt, export

RIGHT = {"a1": ["a"], "a2": ["b"], "a3": ["c"]}


def score(*args: str) -> int:
    return main(["score", *args, "--banks", str(BANKS), "--now", NOW.isoformat()])


@pytest.fixture
def results(cat: Catalog, tmp_path: Path) -> Path:
    return export(tmp_path / "results" / "r1.json", attempt(cat, "r1", "alpha", RIGHT))


def test_a_results_file_inside_the_reports_folder_survives_the_run_that_reads_it(
    cat: Catalog, results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rep = tmp_path / "rep"
    assert score(str(results), "--out", str(rep)) == 0
    dropped = export(rep / "r2.json", attempt(cat, "r2", "alpha", RIGHT))
    before = dropped.read_bytes()
    assert score(str(dropped), "--out", str(rep)) == 2
    assert dropped.read_bytes() == before
    assert (rep / "manager-report.html").is_file()  # the earlier reports are untouched too
    err = capsys.readouterr().err
    assert f"repready score: error: {rep}: holds " in err
    assert "r2.json, which this run reads; the whole folder is replaced on each run, so write to " in err


def test_a_file_dropped_into_earlier_reports_stops_the_next_run(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out)) == 0
    (out / "notes.txt").write_text("my notes")
    (out / "mine").mkdir()
    (out / "mine" / "draft.md").write_text("draft")
    assert score(str(results), "--out", str(out)) == 2
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "mine" / "draft.md").read_text() == "draft"
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"repready score: error: {out}: holds files 'repready score' did not write (mine, mine/draft.md, "
        "notes.txt); the whole folder is replaced on each run, so move them elsewhere or choose another "
        "folder"
    )


def test_the_marker_lists_every_file_written_and_a_forged_marker_does_not_unlock_a_folder(
    results: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out)) == 0
    listed = (out / MARKER).read_text(encoding="utf-8").splitlines()[2:]
    assert sorted(listed) == sorted(p.name for p in out.iterdir() if p.name != MARKER)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    (precious / MARKER).write_text("written by repready score\n")  # no list: not ours to replace
    assert score(str(results), "--out", str(precious)) == 2
    assert (precious / "thesis.docx").read_text() == "years of work"


def test_out_below_a_file_is_a_usage_error_not_a_traceback(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    assert score(str(results), "--out", str(blocker / "x")) == 2
    err = capsys.readouterr().err
    assert "cannot write: " in err and "Traceback" not in err
    assert blocker.read_text() == "a file, not a folder"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".x-")]


def test_out_where_nothing_may_be_written_is_a_usage_error(
    results: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # /sys refuses new folders even to root, which a chmod would not stop.
    assert score(str(results), "--out", "/sys/repready-reports") == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "repready score: error: /sys/repready-reports: cannot write: Operation not permitted; "
        "choose another folder"
    )


def test_a_roster_field_over_the_csv_limit_is_located(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("rep_id,name,team,manager\nr1,A,T,M\nr2," + "x" * 200_000 + ",T,M\n")
    assert score(str(results), "--out", str(tmp_path / "r"), "--roster", str(roster)) == 1
    assert (
        "roster.csv:3:1: error: cannot read this row: field larger than field limit (131072); "
        "a roster field is one line"
    ) in capsys.readouterr().err


def test_control_characters_are_escaped_on_the_terminal_and_in_csv(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = tmp_path / "results" / "evil\x1b[2J\u202egpj.json"
    evil.write_bytes(b'{"statements": [{"id": "\\u001b]0;owned\\u0007"}]}')
    out = tmp_path / "reports"
    assert score(str(tmp_path / "results"), "--out", str(out)) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    assert (
        "evil\\x1b[2J\\u202egpj.json: record 1: statement 'id' must be a UUID; found '\\x1b]0;owned\\x07'"
        in err
    )
    quality = (out / "data-quality.csv").read_text(encoding="utf-8")
    assert "\x1b" not in quality and "\u202e" not in quality
    rows = list(csv.reader(io.StringIO(quality)))
    assert rows[1][1].endswith("evil\\x1b[2J\\u202egpj.json")


def test_reps_named_by_email_or_by_another_portal_are_reported(
    cat: Catalog, results: Path, tmp_path: Path
) -> None:
    other = attempt(cat, "r3", "alpha", RIGHT)
    for statement in other:
        statement["actor"]["account"]["homePage"] = "https://elsewhere.example.org/"
    mailed = attempt(cat, "r4", "alpha", RIGHT)
    for statement in mailed:
        statement["actor"] = {"objectType": "Agent", "name": "Rae", "mbox": "mailto:rae@example.com"}
    export(tmp_path / "results" / "r5.json", attempt(cat, "r5", "alpha", RIGHT))  # this portal: the most
    export(tmp_path / "results" / "other.json", other)
    export(tmp_path / "results" / "mailed.json", mailed)
    out = tmp_path / "reports"
    assert score(str(tmp_path / "results"), "--out", str(out)) == 0
    rows = [r for r in csv.reader(io.StringIO((out / "data-quality.csv").read_text())) if r[0] == "identity"]
    assert [r[4] for r in rows] == [
        "1 attempt with the rep named by e-mail address (mbox), not by a portal account; the address is "
        "taken as the rep id",
        "1 attempt from another portal (https://elsewhere.example.org/); its rep ids are taken as "
        "this portal's, so one id used on both is counted as one rep",
    ]
    html = (out / "manager-report.html").read_text()
    assert "<h3>Rep identities</h3>" in html and "elsewhere.example.org" in html


def test_results_with_nan_or_infinity_are_rejected(results: Path, tmp_path: Path) -> None:
    bad = tmp_path / "results" / "nan.json"
    bad.write_bytes(b'{"statements": [{"result": {"score": {"scaled": NaN}}}]}')
    worse = tmp_path / "results" / "inf.jsonl"
    worse.write_bytes(b'{"result": {"score": {"raw": Infinity}}}\n')
    out = tmp_path / "reports"
    assert score(str(tmp_path / "results"), "--out", str(out)) == 0
    quality = (out / "data-quality.csv").read_text()
    assert 'nan.json,,,"not valid JSON: unexpected character, expected a JSON value (line 1' in quality
    assert 'inf.jsonl,1,,"not valid JSON: unexpected character' in quality

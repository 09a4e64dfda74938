"""``repready score`` in-process: exit codes, stderr summary, atomic output, --strict, roster."""

from __future__ import annotations

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
    folder = tmp_path / "results"
    export(folder / "r1.json", attempt(cat, "r1", "alpha", RIGHT))
    export(folder / "r2.json", attempt(cat, "r2", "alpha", {"a1": ["b"], "a2": ["a"], "a3": ["a"]}))
    return folder


def test_writes_every_report(results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out)) == 0
    written = sorted(p.name for p in out.iterdir())
    assert "manager-report.html" in written and "item-analysis.html" in written and MARKER in written
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "repready score: 2 files, 12 records: 12 statements used",
        f"repready score: wrote reports for 2 reps to {out}",
    ]


def test_rejections_are_summarised_on_stderr_and_reports_still_written(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (results / "bad.json").write_text("[{", encoding="utf-8")
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out)) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "repready score: 3 files, 12 records: 12 statements used; 1 files and 0 records rejected"
    assert err[1].endswith(
        "results/bad.json: truncated JSON: the data ends in the middle of a value (line 1, column 3)"
    )
    assert (out / "manager-report.html").is_file()


def test_strict_makes_any_rejection_fatal_and_writes_nothing(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (results / "bad.json").write_text("[{", encoding="utf-8")
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out), "--strict") == 1
    assert not out.exists()
    assert (
        capsys.readouterr().err.splitlines()[-1] == "repready score: --strict: 1 rejected; no reports written"
    )


def test_strict_passes_clean_input(results: Path, tmp_path: Path) -> None:
    assert score(str(results), "--out", str(tmp_path / "reports"), "--strict") == 0


def test_a_missing_results_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert score(str(tmp_path / "nope"), "--out", str(tmp_path / "reports")) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_no_results_files_is_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert score(str(tmp_path / "empty"), "--out", str(tmp_path / "reports")) == 1
    assert "no results files" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--gap-threshold", "1.5", "expected a number above 0 and at most 1, found 1.5"),
        ("--min-n", "0", "expected 1 or more, found 0"),
        ("--now", "soon", "expected an ISO 8601 date and time, found 'soon'"),
    ],
)
def test_bad_options_are_usage_errors(
    results: Path, option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(results), option, value])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_invalid_banks_exit_1_with_every_problem(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    assert main(["score", str(results), "--banks", str(banks), "--out", str(tmp_path / "r")]) == 1
    assert "error" in capsys.readouterr().err


def test_an_out_folder_we_did_not_write_is_never_replaced(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    assert score(str(results), "--out", str(out)) == 2
    assert (out / "thesis.docx").read_text() == "years of work"


def test_reports_are_replaced_whole_on_the_next_run(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out)) == 0
    # A file an earlier run wrote (so its marker lists it) that this run no longer writes.
    (out / "stale.txt").write_text("from an older version")
    with (out / MARKER).open("a", encoding="utf-8") as marker:
        marker.write("stale.txt\n")
    assert score(str(results), "--out", str(out)) == 0
    assert not (out / "stale.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reports")]  # no staging left behind


def test_roster_lists_absent_reps_and_rows_without_results(results: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("rep_id,name,team,manager\nr1,Rae One,North,Morgan\nr7,Ray Seven,North,Morgan\n")
    out = tmp_path / "reports"
    assert score(str(results), "--out", str(out), "--roster", str(roster)) == 0
    md = (out / "manager-report.md").read_text()
    assert "Reps with results who are not in the roster: r2." in md
    assert "Roster rows with no results: Ray Seven (r7)." in md


def test_an_invalid_roster_is_reported_like_a_compiler(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("rep_id,name,team,manager\nr1,A,T,M\nr1,B,T,M\nbad id,C,T,M\nr3,D\n")
    assert score(str(results), "--out", str(tmp_path / "r"), "--roster", str(roster)) == 1
    err = capsys.readouterr().err
    assert "roster.csv:3:1: error: rep_id 'r1' repeats line 2" in err
    assert "roster.csv:4:1: error: rep_id must be 1-64 letters, digits or _ . @ -; found 'bad id'" in err
    assert "roster.csv:5:1: error: expected 4 fields, found 2" in err


def test_a_roster_without_its_columns(
    results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\n")
    assert score(str(results), "--out", str(tmp_path / "r"), "--roster", str(roster)) == 1
    assert "missing column(s) rep_id, team, manager" in capsys.readouterr().err


def test_site_url_sets_plan_links(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert (
        score(
            str(results),
            "--out",
            str(out),
            "--site-url",
            "https://learn.example.org/sales",
            "--min-evidence",
            "1",
        )
        == 0
    )
    assert "https://learn.example.org/sales/plan/#plan=" in (out / "assignments.csv").read_text()

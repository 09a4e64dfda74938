"""Hostile banks and output places fail ``mkdocs build``, ``build-pages`` and ``schema`` with located
errors or usage errors and the right exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import mkdocs_build

HOSTILE = {
    "deep-sequence.yml": "x: " + "[" * 600 + "]" * 600 + "\n",
    "deep-mapping.yml": "x: " + "{a: " * 990 + "1" + "}" * 990 + "\n",
    "self-alias.yml": "x: &a [*a]\n",
    "bad-date.yml": "title: 2024-13-45\n",
    "long-number.yml": "mastery: " + "9" * 5000 + "\n",
    "bad-tag.yml": "mastery: !!int abc\n",
}


def test_mkdocs_build_reports_every_hostile_bank_with_its_place(demo_site: Path) -> None:
    for name, content in HOSTILE.items():
        (demo_site / "assessments" / "demo" / name).write_text(content, encoding="utf-8")
    result = mkdocs_build(demo_site / "mkdocs.yml", demo_site / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = sorted(line.split("repready: ", 1)[1] for line in result.stderr.splitlines() if ": error: " in line)
    assert [e.split(": error: ")[0] for e in errors] == [
        "assessments/demo/bad-date.yml:1:8",
        "assessments/demo/bad-tag.yml:1:10",
        "assessments/demo/deep-mapping.yml:1:200",
        "assessments/demo/deep-sequence.yml:1:53",
        "assessments/demo/long-number.yml:1:10",
        "assessments/demo/self-alias.yml:1:4",
    ]
    assert "question banks are invalid: 6 errors in 6 files" in result.stderr


def test_build_pages_refuses_an_out_folder_holding_its_banks_or_below_a_file(
    demo_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_site)
    assert main(["build-pages", "--out", "."]) == 2
    assert "repready: error: .: holds assessments, which this run reads;" in capsys.readouterr().err
    (demo_site / "file").write_text("a file")
    assert main(["build-pages", "--out", "file/pages"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("repready: error: file/pages: cannot write: ") and "Traceback" not in err
    assert (demo_site / "assessments" / "demo" / "demo.yml").is_file()


def test_schema_out_below_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("a file")
    assert main(["schema", "--out", str(tmp_path / "file" / "x")]) == 2
    assert capsys.readouterr().err.startswith(f"repready: error: {tmp_path}/file/x: cannot write: ")
    assert main(["schema", "--check", "--out", str(tmp_path / "file")]) == 1

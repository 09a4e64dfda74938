"""The local Ralph's helpers: per-rep users from a roster, kept across runs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from generator.lrs.trial import WRITER_SCOPES, add_reps


def test_every_rep_gets_a_user_once_and_keeps_it(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("rep_id,name,team,manager\nana,Ana,East,Bo\n", "utf-8")
    data = tmp_path / "data"
    data.mkdir()
    add_reps(data, roster, "http://127.0.0.1:8100/")
    first = list(csv.DictReader(io.StringIO((data / "rep-credentials.csv").read_text("utf-8"))))
    roster.write_text("rep_id,name,team,manager\nana,Ana,East,Bo\nraj,Raj,West,Bo\n", "utf-8")
    add_reps(data, roster, "http://127.0.0.1:8100/")
    second = list(csv.DictReader(io.StringIO((data / "rep-credentials.csv").read_text("utf-8"))))
    assert [r["rep_id"] for r in second] == ["ana", "raj"]
    assert second[0] == first[0]  # ana's link still works
    assert second[0]["password"] != second[1]["password"] and len(second[1]["password"]) >= 20
    assert (data / "rep-credentials.csv").stat().st_mode & 0o077 == 0
    users = json.loads((data / "auth.json").read_text())
    assert [(u["username"], sorted(u["scopes"])) for u in users] == [
        ("ana", sorted(WRITER_SCOPES)),
        ("raj", sorted(WRITER_SCOPES)),
    ]

"""Untrusted names in every output: escaped for HTML, Markdown and spreadsheets; bidi neutralised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.bank.catalog import Catalog
from generator.report.environment import MarkdownSafe, escape_markdown
from generator.report.render import render_reports
from generator.results.reader import discover
from generator.score.assign import decode_fragment, plan_fragment, site_root
from generator.score.roster import read_roster
from generator.score.run import ScoreOptions, score
from generator.score.text import clean
from tests.report.scenario import write
from tests.score.builders import NOW

CSS = Path(__file__).resolve().parents[2] / "generator" / "report" / "templates" / "report.css"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@pytest.fixture(scope="module")
def reports(cat: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("escaping")
    results, roster = write(root, cat)
    scoring = score(
        discover([results]), cat, ScoreOptions(now=NOW, min_n=3, min_evidence=2), read_roster(roster)
    )
    return render_reports(scoring)


def test_no_markup_from_data_survives_in_html(reports: dict[str, str]) -> None:
    for name in ("manager-report.html", "item-analysis.html"):
        html = reports[name]
        assert not re.search(r"<script|<img|onerror=\"|javascript:", html, re.I), name
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in reports["manager-report.html"]


def test_reports_are_standalone_with_a_strict_content_security_policy(reports: dict[str, str]) -> None:
    for name in ("manager-report.html", "item-analysis.html"):
        html = reports[name]
        assert "default-src 'none'" in html
        assert not re.search(r"<[^>]*\s(src|srcset)=|@import|url\(|<link ", html), (
            f"{name} would fetch something"
        )


def test_no_bidi_controls_in_any_output(reports: dict[str, str]) -> None:
    for name, text in reports.items():
        assert not BIDI.search(text), name


def test_markdown_escapes_html_and_markdown_syntax(reports: dict[str, str]) -> None:
    md = reports["manager-report.md"]
    assert "<script" not in md and "<img" not in md
    assert "South &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;" in md


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("a | b", "a \\| b"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("- not a list", "\\- not a list"),
        ("2. not a list", "2\\. not a list"),
        ("line\nbreak", "line break"),
        ("plain text 4.5", "plain text 4.5"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
    assert escape_markdown(MarkdownSafe("[a](b)")) == "[a](b)"


def test_csv_cells_cannot_become_formulas(cat: Catalog, tmp_path: Path) -> None:
    from generator.report.render import _csv

    rows = [('=HYPERLINK("http://evil")', "+1"), ("-2+cmd|' /C calc'!A0", "@SUM(A1)"), ("-40.8", "-3")]
    text = _csv(("a", "b"), rows)
    assert text.splitlines()[1:] == [
        '"\'=HYPERLINK(""http://evil"")",\'+1',
        "'-2+cmd|' /C calc'!A0,'@SUM(A1)",
        "-40.8,-3",  # plain negative numbers stay numbers
    ]


def test_yaml_stays_data(reports: dict[str, str]) -> None:
    data = yaml.safe_load(reports["assignments.yml"])
    names = {r["rep"]: r["name"] for r in data["reps"]}
    assert names["bo"].startswith("Bo <img src=x onerror=")  # data, unchanged, in a YAML string


def test_clean_neutralises_controls_and_bounds_length() -> None:
    assert clean("Eve \u202egpj.exe") == "Eve \ufffdgpj.exe"
    assert clean("a\u2066b\u2069c\x00d\ne") == "a\ufffdb\ufffdc\ufffdd e"
    assert clean("x" * 500) == "x" * 119 + "…"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_status_colours_pass_wcag_aa() -> None:
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", CSS.read_text()))
    pairs = [("ok-ink", "ok-bg"), ("gap-ink", "gap-bg"), ("na-ink", "na-bg"), ("warn-ink", "warn-bg")]
    for ink, background in pairs:
        assert _contrast(colours[ink], colours[background]) >= 4.5, (ink, background)
    for ink in ("ink", "muted", "link"):
        assert _contrast(colours[ink], "#ffffff") >= 4.5, ink
        assert _contrast(colours[ink], "#f4f4f4") >= 4.5, ink  # table headers


def test_plan_links_round_trip_and_refuse_odd_addresses() -> None:
    payload = {"v": 1, "rep": "r1", "name": "Ünï <b>", "issued": "2026-11-27", "modules": [["alpha", "why"]]}
    assert decode_fragment("#" + plan_fragment(payload)) == payload
    assert site_root("https://portal.example.com/sales") == "https://portal.example.com/sales/"
    for bad in ("javascript:alert(1)", 'https://x.com/"><script>', "ftp://x", "", None):
        assert site_root(bad) is None


def test_yaml_round_trips(reports: dict[str, str], cat: Catalog) -> None:
    data = yaml.safe_load(reports["assignments.yml"])
    assert data["generated"] == "2026-11-27T12:00:00+00:00"
    bo = next(r for r in data["reps"] if r["rep"] == "bo")
    assert [m["module"] for m in bo["modules"]] == ["beta", "alpha"]
    assert bo["modules"][0]["competencies"] == ["T.VALUE", "T.NEED"]
    assert bo["modules"][0]["priority"] == 1 and bo["plan"].startswith(
        "https://portal.example.com/plan/#plan="
    )
    from generator.report.render import _yaml

    for text in [
        "plain",
        'q"uote\\',
        "new\nline",
        "\u2028sep",
        "\u202e",
        "ümlaut: #x",
        "- dash",
        "null",
        "'",
    ]:
        assert yaml.safe_load(f"k: {_yaml(text)}") == {"k": text}

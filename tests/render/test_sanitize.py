"""The one sanitiser, and every way bank text becomes page source: nothing a trainer writes can run."""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path

import markdown
import pytest

from generator.bank.catalog import load_catalog
from generator.bank.display import display_order
from generator.bank.model import Ordering, Step
from generator.render.markdown import to_html, to_inline_html, to_markdown_text, to_plain
from generator.render.pages import environment, render_site_pages
from generator.render.sanitize import clean_html
from tests.conftest import DEMO_SITE

# What MkDocs converts the page source with (mkdocs.yml's markdown_extensions).
SITE_MARKDOWN = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ("<script>alert(1)</script>after", "after"),
        ("<style>body{display:none}</style>x", "x"),
        ('<a href="javascript:alert(1)">go</a>', '<a rel="noopener noreferrer">go</a>'),
        ('<a href="JaVaScRiPt:alert(1)">go</a>', '<a rel="noopener noreferrer">go</a>'),
        ('<a href="data:text/html,<script>x</script>">go</a>', '<a rel="noopener noreferrer">go</a>'),
        ('<a href="vbscript:x">go</a>', '<a rel="noopener noreferrer">go</a>'),
        (
            '<a href="https://example.com/">go</a>',
            '<a href="https://example.com/" rel="noopener noreferrer">go</a>',
        ),
        ('<a href="mailto:a@b.c">go</a>', '<a href="mailto:a@b.c" rel="noopener noreferrer">go</a>'),
        ('<a href="../training/x.md">go</a>', '<a href="../training/x.md" rel="noopener noreferrer">go</a>'),
        ("</form><form action=https://evil.example/>x", "x"),
        ('<iframe src="https://evil.example/"></iframe>y', "y"),
        ('<p id="repready" class="x" style="color:red" onclick="x()">t</p>', "<p>t</p>"),
        ('<svg onload="alert(1)"><circle/></svg>z', "z"),
        ("<!-- hidden -->t", "t"),
        ("<b>unclosed", "<b>unclosed</b>"),
        ('<input type="text" autofocus onfocus="alert(1)">', ""),
        ("<textarea></fieldset></textarea>", "&lt;/fieldset&gt;"),
    ],
)
def test_clean_html_keeps_formatting_and_drops_all_that_runs(dirty: str, clean: str) -> None:
    assert clean_html(dirty) == clean


def test_markdown_links_with_other_schemes_lose_their_address() -> None:
    html = to_html("[click](javascript:alert(1)) and [ok](https://example.com) and <javascript:alert(1)>")
    assert "javascript" not in html.replace(">javascript:alert(1)<", "")
    assert 'href="https://example.com"' in html


def test_markdown_raw_html_is_sanitised_and_cannot_close_the_form() -> None:
    html = to_html("Before</fieldset></form><img src=x onerror=alert(1)>\n\n<div>after</div>")
    assert "</form>" not in html and "</fieldset>" not in html and "onerror" not in html


@pytest.mark.parametrize(
    "title",
    [
        r"\[x\](javascript:alert(1))",
        "[x](javascript:alert(1))",
        "Title {: onclick=alert(1) }",
        "Title { onmouseover=alert(1) }",
        "<img src=x onerror=alert(1)>",
        "`code` *and* | pipes | [links](https://example.com)",
        "# heading\n- list",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ],
)
def test_plain_text_written_into_page_markdown_stays_text(title: str) -> None:
    source = f"# {to_markdown_text(title)}\n\n| [{to_markdown_text(title)}](x.md) |\n| --- |\n"
    escaped = environment().from_string("{{ t }}").render(t=source)  # Jinja's autoescape, as in templates
    html = markdown.markdown(escaped, extensions=SITE_MARKDOWN)
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only ever inside text, never markup
    assert not re.search(r"<[^>]* on\w+=", html)
    assert html.count("<a ") == 1  # the table's own link, nothing from the title
    heading = re.search(r"<h1[^>]*>(.*)</h1>", html)
    assert heading and "<" not in heading.group(1)
    assert html_text.unescape(heading.group(1)) == to_plain(title)  # shown as the plain text, exactly


def test_html_ids_of_different_questions_and_options_never_collide(tmp_path: Path) -> None:
    banks = tmp_path / "assessments"
    (banks / "demo").mkdir(parents=True)
    (banks / "competencies.yml").write_bytes((DEMO_SITE / "assessments" / "competencies.yml").read_bytes())
    demo = (DEMO_SITE / "assessments" / "demo" / "demo.yml").read_text(encoding="utf-8")
    # question q1 option a-b against question q1-a option b; a question named like the form's fields.
    demo = demo.replace("id: demo-1\n", "id: q1\n").replace("id: demo-2\n", "id: q1-a\n")
    demo = demo.replace("id: demo-3\n", "id: name\n")
    demo = demo.replace("      - id: a\n        text: The buyer", "      - id: a-b\n        text: The buyer")
    demo = demo.replace('{id: b, text: "Has the money', '{id: b, text: "Has the money')
    (banks / "demo" / "demo.yml").write_text(demo, encoding="utf-8")
    page = render_site_pages(load_catalog(banks, DEMO_SITE / "docs"), environment())["quizzes/demo.md"]
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "rr-demo:q1:a-b" in ids and "rr-demo:q1-a:b" in ids and "rr-demo:name" in ids
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for target in re.findall(r'\s(?:for|aria-describedby|aria-labelledby)="([^"]+)"', page):
        assert target in ids


def _ordering(steps: int, seed: str) -> Ordering:
    return Ordering(
        type="ordering",
        id=seed,
        prompt="Order",
        competencies=["A.B"],
        explanation="Because",
        steps=[Step(id=f"s{i}", text=f"Step {i}") for i in range(steps)],
    )


def test_graded_display_order_has_no_fixed_relation_to_the_key() -> None:
    two = [_ordering(2, f"q{i}") for i in range(200)]
    practice = {tuple(s.id for s in display_order(q)) for q in two}
    graded = [tuple(s.id for s in display_order(q, graded=True)) for q in two]
    assert practice == {("s1", "s0")}  # a practice derangement: always the reverse
    assert 60 < graded.count(("s0", "s1")) < 140  # graded: either order, as often
    first = [display_order(q, graded=True)[0].id for q in (_ordering(4, f"q{i}") for i in range(400))]
    assert all(60 < first.count(f"s{i}") < 140 for i in range(4))  # the right first step: anywhere


def test_graded_pages_carry_no_hash_that_tests_the_key(tmp_path: Path) -> None:
    banks = tmp_path / "assessments"
    (banks / "demo").mkdir(parents=True)
    (banks / "competencies.yml").write_bytes((DEMO_SITE / "assessments" / "competencies.yml").read_bytes())
    demo = (DEMO_SITE / "assessments" / "demo" / "demo.yml").read_text(encoding="utf-8")
    bank = banks / "demo" / "demo.yml"
    hashes = []
    for text in (
        demo,
        demo.replace("        correct: true\n", "").replace(
            "text: The buyer liked the demo", "text: The buyer liked the demo\n        correct: true"
        ),
    ):
        for mode in ("practice", "graded"):
            bank.write_text(
                text.replace("mastery: 0.75\n", f"mastery: 0.75\nmode: {mode}\n"), encoding="utf-8"
            )
            loaded = load_catalog(banks, DEMO_SITE / "docs").modules["demo"]
            page = render_site_pages(load_catalog(banks, DEMO_SITE / "docs"), environment())[
                "quizzes/demo.md"
            ]
            hashes.append(
                (
                    mode,
                    loaded.hash,
                    loaded.question_hashes["demo-1"],
                    re.findall(r'data-rr-hash="([^"]+)"', page),
                )
            )
    (_, p1, pq1, _), (_, g1, gq1, page1), (_, p2, pq2, _), (_, g2, gq2, page2) = hashes
    assert p1 != p2 and pq1 != pq2  # practice: a new key is a change the scorer flags
    assert g1 == g2 and gq1 == gq2 and page1 == page2  # graded: another key, the same page
    changed = demo.replace("prompt: What shows a **real** need?", "prompt: What shows a need?")
    bank.write_text(changed.replace("mastery: 0.75\n", "mastery: 0.75\nmode: graded\n"), encoding="utf-8")
    assert load_catalog(banks, DEMO_SITE / "docs").modules["demo"].question_hashes["demo-1"] != gq1


def test_inline_html_of_a_hostile_option_is_clean() -> None:
    assert str(to_inline_html("<img src=x onerror=alert(1)> *ok*")) == '<img src="x"> <em>ok</em>'

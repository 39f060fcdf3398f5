"""Generated pages: one for each collection and record, safe against markup in the data, linked correctly."""

from __future__ import annotations

import pytest

from scripts.generate import generate_pages
from scripts.render import _relative, render_site
from scripts.schema import COLLECTIONS
from scripts.validate import validate

from .conftest import TODAY


@pytest.fixture
def pages(data_dir):
    return render_site(validate(data_dir, today=TODAY))


def test_every_collection_has_an_index_and_every_record_a_page(pages, data_dir):
    for collection in COLLECTIONS:
        assert f"{collection}/index.md" in pages
        for path in (data_dir / collection).glob("*.yaml"):
            assert f"{collection}/{path.stem}.md" in pages


@pytest.mark.parametrize("path, expected", [
    ("cases/example-v-agency.md", ["# Example v\\. Agency\n", "No. 1:14-cv-00001", "<em>the first</em>",
                                   'datetime="2014-04-11"', "Example Law Center (for plaintiff)",
                                   '<a href="../../events/2014-11-20-example-memo/">']),
    ("events/index.md", ['<section class="year" id="year-2008">', 'id="2014-11-20-example-memo"',
                         'datetime="2008-03" data-precision="month">March 2008</time> '
                         '<span class="precision">(month known)</span>']),
    ("programs/example-program.md", ["March 2008 – November 20, 2014", "January 25, 2017 – present",
                                     "The example program starts"]),
    ("statistics/example-count-2012.md", ["1,234", "September 30, 2012", "Counts agreements, not agencies."]),
    ("series/example-series.md", ["<td>1,234</td>"]),
    ("sources/example-report-2014.md", ["Archived copy", "https://web.archive.org/web/2015/https://example.org/report",
                                        "Cited by", "Example v. Agency"]),
    ("sources/example-memo-2014.md", ["none recorded yet"]),
    ("quotes/example-quote.md", ["The program, as we know it, will end.", "Example Official"]),
    ("jurisdictions/example-county-il.md", ["As of September 7, 2011", "declines detainers"]),
    ("people/example-official.md", ["December 2013 – January 20, 2017"]),
    ("documents/example-memo.md", ["The memo says the program ends."]),
    ("organizations/example-agency.md", ["government agency"]),
    ("index.md", ["Example Program", "Timeline"]),
    ("maintainers/archive-todo.md", ["1 of 2 sources still lack one", "data/sources/example-memo-2014.yaml"]),
    ("maintainers/data-model.md", ["<code>decided</code>", "When the key decision was issued."]),
])
def test_page_content(pages, path, expected):
    for text in expected:
        assert text in pages[path], f"{text!r} missing from {path}"


def test_record_pages_cite_sources_with_pinpoints(pages):
    page = pages["events/2014-11-20-example-memo.md"]
    assert "Sources</h2>" in page and "At: p. 1" in page
    assert 'href="../../sources/example-memo-2014/"' in page


def test_text_from_yaml_cannot_inject_markup(data_dir):
    path = data_dir / "cases/example-v-agency.yaml"
    text = path.read_text()
    text = text.replace("title: Example v. Agency", 'title: "<script>alert(1)</script> v. {{ x }}"')
    text = text.replace("significance: It was *the first* such ruling.",
                        'significance: "[click](javascript:alert(1)) <img src=x onerror=alert(2)> <!-- c -->"')
    path.write_text(text)
    page = render_site(validate(data_dir, today=TODAY))["cases/example-v-agency.md"]
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt; v. {{ x }}"' in page  # front matter is escaped too
    assert "# &lt;script&gt;alert\\(1\\)&lt;/script&gt; v\\. \\{\\{ x \\}\\}\n" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_output_is_deterministic(data_dir):
    first = render_site(validate(data_dir, today=TODAY))
    second = render_site(validate(data_dir, today=TODAY))
    assert first == second


def test_generation_is_redone_when_a_data_file_changes(data_dir):
    before = generate_pages(data_dir, today=TODAY)
    path = data_dir / "cases/example-v-agency.yaml"
    path.write_text(path.read_text().replace("Example v. Agency", "Example v. Department"))
    after = generate_pages(data_dir, today=TODAY)
    assert "Example v. Department" in after["cases/example-v-agency.md"]
    assert before is not after


@pytest.mark.parametrize("target, page, expected", [
    ("cases/x/", "events/y/", "../../cases/x/"),
    ("cases/", "", "cases/"),
    ("events/#a", "events/a/", "../../events/#a"),
    ("#a", "", "#a"),
    ("", "cases/", "../"),
])
def test_relative_links(target, page, expected):
    assert _relative(target, page) == expected


def test_a_list_may_start_right_after_a_paragraph():
    from scripts.markdown_text import render_markdown
    html = str(render_markdown("**What it shows.**\n- one\n- two\n\nAfter."))
    assert html == "<p><strong>What it shows.</strong></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After.</p>"

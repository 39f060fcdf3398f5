"""Generated pages: one for each collection and record, safe against markup in the data, linked correctly."""

from __future__ import annotations

import pytest

from scripts.records.registry import REGISTRY
from scripts.site.generate import generate_pages
from scripts.site.render import render_site
from scripts.site.urls import relative_href

COLLECTIONS = REGISTRY.models()
from scripts.records.validate import validate

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
    ("cases/example-v-agency.md", ["# Example v\\. Agency {#page_title}\n", "No. 1:14-cv-00001", "<em>the first</em>",
                                   'datetime="2014-04-11"', "Example Law Center (for plaintiff)",
                                   '<a href="../../events/2014-11-20-example-memo/">']),
    ("events/index.md", ['<section class="year" id="year-2008" data-pagefind-ignore>', 'id="2014-11-20-example-memo"',
                         'datetime="2008-03" data-precision="month">March 2008</time> '
                         '<span class="precision">(month known)</span>']),
    ("programs/example-program.md", ["March 2008 – November 20, 2014", "since January 25, 2017 (no end recorded)",
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
                        'significance: "[click](https://example.org/) <img src=x onerror=alert(2)> <!-- c -->"')
    path.write_text(text)
    page = render_site(validate(data_dir, today=TODAY))["cases/example-v-agency.md"]
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt; v. {{ x }}"' in page  # front matter is escaped too
    assert "# &lt;script&gt;alert\\(1\\)&lt;/script&gt; v\\. \\{\\{ x \\}\\} {#page_title}\n" in page
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
    assert relative_href(target, page) == expected


def test_a_list_may_start_right_after_a_paragraph():
    from scripts.records.markdown_text import render_markdown
    html = str(render_markdown("**What it shows.**\n- one\n- two\n\nAfter."))
    assert html == "<p><strong>What it shows.</strong></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After.</p>"


def test_every_page_offers_citations_in_all_formats(pages):
    for path in ("cases/example-v-agency.md", "events/index.md", "index.md", "quotes/example-quote.md"):
        page = pages[path]
        for label in ("APA 7", "MLA 9", "Chicago 17 (note)", "Chicago 17 (bibliography)", "Bluebook 21", "BibTeX",
                      "CSL-JSON"):
            assert f"<dt>{label}</dt>" in page, (path, label)


def test_case_citation_strings(pages):
    page = pages["cases/example-v-agency.md"]
    url = "http://127.0.0.1:8000/cases/example-v-agency/"
    assert (f'<p id="cite-apa" data-copy-label>Detainers Record contributors. (2026, November 1). Example v. Agency. Detainers '
            f"Record. {url}</p>") in page  # a case name inside an italic title is set roman
    assert f'<p id="cite-mla" data-copy-label>"<i>Example v. Agency</i>." <i>Detainers Record</i>, 1 Nov. 2026, {url}.</p>' in page
    assert f"Example v. Agency, Detainers Record, {url} (last updated Nov. 1, 2026).</p>" in page
    assert 'citation_date: "2026/11/01"' in page and f'citation_public_url: "{url}"' in page


def test_quote_pages_are_named_by_speaker_and_opening_words(pages):
    assert 'title: "Example Official: “The program, as we know it, will end.”"' in pages["quotes/example-quote.md"]


def test_site_url_sets_the_cited_address(data_dir):
    pages = render_site(validate(data_dir, today=TODAY), site_url="https://example.org/detainers/")
    assert "https://example.org/detainers/cases/example-v-agency/" in pages["cases/example-v-agency.md"]


def test_a_renamed_id_keeps_its_old_address(data_dir):
    (data_dir / "redirects.yaml").write_text("redirects:\n  - old: example-v-department\n    new: example-v-agency\n"
                                             "    date: 2026-11-02\n    reason: Caption corrected.\n"
                                             "  - old: 2014-11-20-old-memo\n    new: 2014-11-20-example-memo\n"
                                             "    date: 2026-11-02\n    reason: Shorter id.\n")
    pages = render_site(validate(data_dir, today=TODAY))
    page = pages["cases/example-v-department/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../example-v-agency/">' in page
    assert '<link rel="canonical" href="../example-v-agency/">' in page
    assert "events/2014-11-20-old-memo/index.html" in pages
    assert 'data-redirects="{&#34;2014-11-20-old-memo&#34;: &#34;2014-11-20-example-memo&#34;}"' in \
        pages["events/index.md"]


def test_compiled_templates_are_reused_until_a_template_changes(tmp_path):
    """Rebuilds reuse compiled templates (mkdocs serve makes a new Renderer each time), yet an edited template is
    what renders next."""
    from jinja2 import Environment, FileSystemLoader

    from scripts.site.render import CompiledTemplates

    compiled = CompiledTemplates()
    (tmp_path / "page.j2").write_text("first {{ x }}")

    def render() -> str:
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=compiled)
        return env.get_template("page.j2").render(x=1)

    assert render() == "first 1" and len(compiled._code) == 1
    assert render() == "first 1"
    (tmp_path / "page.j2").write_text("second {{ x }}")
    assert render() == "second 1"

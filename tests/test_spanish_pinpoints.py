"""Text contributors write in English, on Spanish pages. Pinpoints: the locator words (paragraph, page, section,
table…) in Spanish, the source's own words (headings, quotations, sheet names) kept as written and marked with their
language, never half translated. A case's link labels: kept, marked as English."""

from __future__ import annotations

import pytest

from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.site.pinpoints import pinpoint_html
from scripts.site.render import Renderer

from .conftest import TODAY

SITE = "https://example.org/detainers/"


@pytest.mark.parametrize("pinpoint, expected", [
    ("paragraph 3", "párrafo 3"),
    ("paragraphs 1–3 and 5–7", "párrafos 1–3 y 5–7"),
    ("p. 3, first paragraph", "p. 3, primer párrafo"),
    ("opening paragraphs", "párrafos iniciales"),
    ("sections 1, 5 and 10", "secciones 1, 5 y 10"),
    ("Section III, page 4", "Sección III, página 4"),
    ("pages 4–5 and footnote 12", "páginas 4–5 y nota al pie 12"),
    ("sec. 753.051(a)", "sec. 753.051(a)"),
    ("table 2", "tabla 2"),
])
def test_locator_words_are_translated(pinpoint, expected):
    assert pinpoint_html(pinpoint, "es") == expected


@pytest.mark.parametrize("pinpoint, expected", [
    # The source's own heading stays as written, marked English; the locator after it is translated.
    ("Summary, paragraphs 1-2", '<span lang="en">Summary</span>, párrafos 1-2'),
    ("I. Introduction", '<span lang="en">I. Introduction</span>'),
    # A part this module cannot translate word by word is kept whole, never half translated.
    ("answers 1–3 and the payment answer", '<span lang="en">answers 1–3 and the payment answer</span>'),
    # A quotation stays in the source's words.
    ('paragraph 5 ("In particular, the funding is meant to expand the federal 287(g) program")',
     ('párrafo 5 (<span lang="en">&#34;In particular, the funding is meant to expand the federal 287(g) program&#34;'
      '</span>)')),
])
def test_the_sources_own_words_are_kept_and_marked(pinpoint, expected):
    assert pinpoint_html(pinpoint, "es") == expected


def test_english_pages_show_the_pinpoint_as_written_and_escaped():
    assert pinpoint_html('paragraph 3 ("<b>")', "en") == 'paragraph 3 (&#34;&lt;b&gt;&#34;)'
    assert "&lt;b&gt;" in pinpoint_html('paragraph 3 ("<b>")', "es")


def test_a_spanish_page_prints_its_pinpoints_in_spanish(data_dir):
    pages = Renderer(validate(data_dir, today=TODAY), SITE, language=spanish()).render_all()
    quote = pages["es/quotes/example-quote.md"]
    assert "En: párrafo 2" in quote and "paragraph 2" not in quote
    assert "En: tabla 2" in pages["es/statistics/example-count-2012.md"]
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()["quotes/example-quote.md"]
    assert "At: paragraph 2" in english


def test_a_case_links_label_is_marked_as_english_on_spanish_pages(data_dir):
    spanish_page = Renderer(validate(data_dir, today=TODAY), SITE, language=spanish()).render_all()[
        "es/cases/example-v-agency.md"]
    assert '<a href="https://example.org/opinion.pdf" rel="noopener noreferrer" lang="en">Opinion</a>' in spanish_page
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()["cases/example-v-agency.md"]
    assert '<a href="https://example.org/opinion.pdf" rel="noopener noreferrer">Opinion</a>' in english

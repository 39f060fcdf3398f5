"""The Spanish edition of the record pages and the general pages (issue #16): no English interface text left, Spanish
dates and numbers, the cite box in Spanish with the page's own es/ address, and the note on a record whose text is
not translated yet."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scripts.records import translations
from scripts.records.examples import EXAMPLES
from scripts.records.registry import REGISTRY
from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.__main__ import main
from scripts.site.citations import SITE_NAME
from scripts.site.render import Renderer

from .conftest import TODAY

NBSP = "\u00a0"
SITE = "https://example.org/site/"


def _spanish_mirror(english: dict) -> dict:
    """A stand-in translation of a record's text: the same fields, each in (invented) Spanish."""
    mirror: dict = {}
    for name, value in english.items():
        if isinstance(value, list):
            mirror[name] = [_spanish_mirror(item) if item else {} for item in value]
        elif isinstance(value, dict):
            mirror[name] = _spanish_mirror(value)
        else:
            # with the fixture glossary's Spanish term, as the glossary check asks of a translation of "detainer"
            mirror[name] = f"Texto en español del campo {name} (orden de retención)."
    return mirror


def _translate_everything(data_dir: Path) -> None:
    """Give every fixture record a current Spanish translation (an es: block), as translators do."""
    dataset = validate(data_dir, today=TODAY)
    for record_id, shown in dataset.paths.items():
        record = dataset.get(record_id)
        english = translations.english_text(record)
        if not english or translations.translation_of(record) is not None:  # nothing to translate, or done
            continue
        block = {**_spanish_mirror(english), "english_version": translations.english_version(record)}
        path = data_dir / Path(shown).relative_to("data")  # shown as data/<collection>/<id>.yaml
        path.write_text(path.read_text().rstrip("\n") + "\n" + yaml.safe_dump({"es": block}, allow_unicode=True))


def _add_term(data_dir: Path) -> None:
    (data_dir / "terms").mkdir(exist_ok=True)
    # translated with the others; the example cites a source the fixture does not have
    term = {key: value for key, value in EXAMPLES["terms"].items() if key not in ("es", "sources")}
    (data_dir / "terms" / "example-term.yaml").write_text(yaml.safe_dump(term, allow_unicode=True))


def _spanish_pages(data_dir: Path) -> dict[str, str]:
    return Renderer(validate(data_dir, today=TODAY), SITE, language=spanish()).render_all()


@pytest.fixture
def translated_data(data_dir: Path) -> Path:
    _add_term(data_dir)
    _translate_everything(data_dir)
    return data_dir


class _Text(HTMLParser):
    """A page's visible text nodes, leaving out what is English on purpose: elements marked lang="en" (an
    untranslated record, a quote's words, the schema's field descriptions), code, and the citation formats; and the
    charts' figures, whose titles and captions are the chart specs' (scripts/site/charts/), checked with them."""

    SKIP = {"code", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = (bool(self._stack and self._stack[-1]) or attrs.get("lang") == "en" or tag in self.SKIP
                   or (attrs.get("id") or "").startswith("cite-") and tag in ("p", "code")
                   or tag == "figure" and "chart" in (attrs.get("class") or "").split())
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source"):
            self._stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source") and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not (self._stack and self._stack[-1]) and data.strip():
            self.nodes.append(" ".join(data.split()))


def _english_left(page: str) -> list[str]:
    """The catalog's English messages (those whose Spanish differs) that show on a Spanish page: a message's literal
    parts (between its %(value)s placeholders and its tags) of two words or more anywhere in the text, one-word
    messages as a text of their own (a label, a heading, a table cell)."""
    parser = _Text()
    parser.feed(page)
    nodes = parser.nodes
    text = " ".join(nodes)
    words = {node.strip(" .,:;()·") for node in nodes}
    assert len(spanish().catalog.messages) > 200, "the Spanish catalog is missing: nothing to check against"
    found = []
    for message, translation in spanish().catalog.messages.items():
        spanish_text = " ".join(translation) if isinstance(translation, list) else translation
        if spanish_text == message or message == SITE_NAME:  # citations name the publication as registered
            continue
        for part in re.split(r"%\(\w+\)s|<[^>]+>", html.unescape(message)):
            part = " ".join(part.split()).strip(" .,:;()·")
            if not part or part in spanish_text:
                continue
            if (" " in part and part in text) or (" " not in part and part in words):
                found.append(part)
    return sorted(set(found))


def test_the_spanish_catalog_loads_and_translates_every_collection_name():
    catalog = spanish().catalog
    for entry in REGISTRY:
        for message in (entry.title, entry.description, entry.singular):
            assert message in catalog, f"{message!r} has no Spanish in scripts/site/i18n/es/"


@pytest.mark.parametrize("collection", ["events", "programs", "cases", "statistics", "series", "sources",
                                        "documents", "organizations", "people", "quotes", "jurisdictions", "laws",
                                        "terms"])
def test_a_spanish_record_page_of_each_collection_has_no_english_interface_text(translated_data, collection):
    pages = _spanish_pages(translated_data)
    record_pages = sorted(p for p in pages if p.startswith(f"es/{collection}/") and not p.endswith("index.md"))
    assert record_pages, f"no Spanish page for a record of {collection}"
    for path in record_pages + [f"es/{collection}/index.md"]:
        left = _english_left(pages[path])
        assert not left, f"{path} still shows English interface text: {left}"


@pytest.mark.parametrize("path", ["es/index.md", "es/changes/index.md", "es/downloads/index.md",
                                  "es/maintainers/archive-todo.md", "es/maintainers/review-due.md",
                                  "es/maintainers/data-model.md", "es/maintainers/translations.md"])
def test_the_spanish_general_pages_have_no_english_interface_text(translated_data, path):
    pages = _spanish_pages(translated_data)
    assert not _english_left(pages[path]), f"{path}: {_english_left(pages[path])}"


def test_a_spanish_chart_figure_has_spanish_links_and_date(translated_data):
    page = _spanish_pages(translated_data)["es/series/example-series.md"]
    figure = page[page.index('<figure class="chart'):page.index("</figure>")]
    assert "Datos a 1 de noviembre de 2026." in figure
    assert ">Datos (CSV)</a> · <a" in figure and ">Gráfico (SVG)</a>" in figure


def test_a_spanish_case_page_writes_dates_the_spanish_way(translated_data):
    page = _spanish_pages(translated_data)["es/cases/example-v-agency.md"]
    assert '<dt>Resuelto</dt> <dd><time datetime="2014-04-11" data-precision="day">11 de abril de 2014</time>' in page
    assert ">mayo de 2013</time> <span class=\"precision\">(se conoce el mes)</span>" in page
    assert "<dt>Estado</dt> <dd>resuelto <span" in page  # the case's status, through the catalog
    assert 'description: "Caso, 11 de abril de 2014"' in page
    assert "Última revisión frente a sus fuentes: 1 de noviembre de 2026" in page


def test_a_spanish_statistic_page_writes_numbers_the_spanish_way(translated_data):
    path = translated_data / "statistics" / "example-count-2012.yaml"
    path.write_text(path.read_text().replace("value: 1234", "value: 12345"))
    # the value is not translated text, so the es: block stays current
    pages = _spanish_pages(translated_data)
    page = pages["es/statistics/example-count-2012.md"]
    assert f'<strong class="figure-value">12{NBSP}345</strong> <span class="figure-unit">acuerdos</span>' in page
    assert "<dt>Período que abarca</dt> <dd>30 de septiembre de 2012" in page
    assert f"<td>12{NBSP}345</td>" in pages["es/series/example-series.md"]
    assert f"<td>12{NBSP}345 acuerdos</td>" in pages["es/statistics/index.md"]
    english = Renderer(validate(translated_data, today=TODAY), SITE).render_all()
    assert '<strong class="figure-value">12,345</strong> <span class="figure-unit">agreements</span>' in \
        english["statistics/example-count-2012.md"]


def test_the_spanish_cite_box_is_in_spanish_and_cites_the_spanish_address(translated_data):
    page = _spanish_pages(translated_data)["es/cases/example-v-agency.md"]
    box = page[page.index('<section class="cite-this"'):]
    assert '<h2 id="cite-this" data-pagefind-ignore>Cite esta página</h2>' in box
    assert "Enlace permanente:" in box and "Cita en APA, MLA, Chicago, Bluebook, BibTeX o CSL-JSON" in box
    assert "<dt>Chicago 17 (nota)</dt>" in box and "<dt>Chicago 17 (bibliografía)</dt>" in box
    address = SITE + "es/cases/example-v-agency/"
    assert f'class="permalink" href="{address}"' in box
    assert box.count(address) >= 8  # the permalink and every format
    assert SITE + "cases/example-v-agency/" not in box
    assert f'citation_public_url: "{address}"' in page  # the <meta> tags too
    # a page that is not a record is cited at its Spanish address as well
    home = _spanish_pages(translated_data)["es/index.md"]
    assert f'class="permalink" href="{SITE}es/"' in home


def test_the_english_cite_box_still_cites_the_english_address(data_dir):
    page = Renderer(validate(data_dir, today=TODAY), SITE).render_all()["cases/example-v-agency.md"]
    assert f'class="permalink" href="{SITE}cases/example-v-agency/"' in page and "/es/" not in page


def test_an_untranslated_record_says_so_and_marks_its_text_as_english(data_dir):
    pages = _spanish_pages(data_dir)
    page = pages["es/cases/example-v-agency.md"]
    assert '<p class="admonition-title">Aún sin traducir</p>' in page
    assert "El texto de este registro aún no se ha traducido; se muestra en inglés." in page
    # the English text is marked as English, field by field; the Spanish labels around it are not
    holding = "The agency could not hold the plaintiff on a detainer alone."
    assert f'<h2 id="holding">Fallo</h2>\n<p lang="en">{holding}</p>' in page
    assert '<div lang="en"><p>It was <em>the first</em> such ruling.</p></div>' in page
    assert "<dt>Tribunal</dt>" in page and '<div lang="en"><dl' not in page
    event = pages["es/events/2014-11-20-example-memo.md"]
    assert "{#page_title lang=en}" in event  # its English title, as the page's h1
    assert '<div lang="en"><p>The memo ended the program.</p></div>' in event
    statistic = pages["es/statistics/example-count-2012.md"]
    assert '<dd lang="en">Agreements in force.</dd>' in statistic and '<dd lang="en">United States</dd>' in statistic
    quote = pages["es/quotes/example-quote.md"]
    assert '<p class="context" lang="en">Said when the memo was published.</p>' in quote
    assert '<span lang="en">Secretary</span>' in quote
    # a person's role titles are not translated fields: always the English, marked as such
    assert '<li><span lang="en">' in pages["es/people/example-official.md"]
    # and so do the listings that show it
    timeline, cases, quotes = pages["es/events/index.md"], pages["es/cases/index.md"], pages["es/quotes/index.md"]
    assert '<h3 class="event-title" lang="en"><a href="../../es/events/2014-11-20-example-memo/">' in timeline
    assert f'<td lang="en">{holding}</td>' in cases
    assert '<blockquote lang="en"><p>The program, as we know it, will end.</p></blockquote>' in quotes


def test_a_translated_record_has_no_english_marks(translated_data):
    pages = _spanish_pages(translated_data)
    for path in ("es/cases/example-v-agency.md", "es/events/2014-11-20-example-memo.md",
                 "es/statistics/example-count-2012.md", "es/programs/example-program.md"):
        body = pages[path][:pages[path].index('<section class="cite-this"')]
        # the sources it cites are English publications, cited as published (their own language, marked)
        body = re.sub(r'<section class="record-sources".*?</section>', "", body, flags=re.S)
        # a case's links are labelled in English by contributors (not a translated field), marked as such
        body = re.sub(r'<h2 id="links">.*?</ul>', "", body, flags=re.S)
        # a quote is called by its words, verbatim in English, marked as such
        body = re.sub(r'<a href="[^"]*/es/quotes/[^"]+/" lang="en">', "", body)
        assert 'lang="en"' not in body and "lang=en" not in body, path


def test_a_source_is_cited_in_its_own_language_and_marked_so_on_the_other_languages_pages(data_dir):
    spanish_pages = _spanish_pages(data_dir)
    # an English source on a Spanish page: its title and publisher as published, marked English
    cited = ('<li><span lang="en">Example Department</span>.\n<a href="../../../es/sources/example-memo-2014/" '
             'lang="en">“Example Memo”</a>, 20 de noviembre de 2014.')
    assert cited in spanish_pages["es/events/2014-11-20-example-memo.md"]
    source_page = spanish_pages["es/sources/example-memo-2014.md"]
    assert "# Example Memo {#page_title lang=en}" in source_page
    assert '<dt>Publicado por</dt> <dd lang="en">Example Department</dd>' in source_page
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()
    assert ('<li>Example Department.\n<a href="../../sources/example-memo-2014/">“Example Memo”</a>, November 20, '
            '2014.') in english["events/2014-11-20-example-memo.md"]
    assert "# Example Memo {#page_title}" in english["sources/example-memo-2014.md"]
    # a source written in Spanish is marked Spanish on the English pages, and not on the Spanish ones
    path = data_dir / "sources" / "example-memo-2014.yaml"
    path.write_text(path.read_text().replace("title: Example Memo", "title: Memorando de ejemplo")
                    .replace("type: memo", "type: memo\nlanguage: es"))
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()
    assert ('<span lang="es">Example Department</span>.\n<a href="../../sources/example-memo-2014/" lang="es">'
            '“Memorando de ejemplo”</a>') in english["events/2014-11-20-example-memo.md"]
    assert "# Memorando de ejemplo {#page_title lang=es}" in english["sources/example-memo-2014.md"]
    spanish_page = _spanish_pages(data_dir)["es/sources/example-memo-2014.md"]
    assert "# Memorando de ejemplo {#page_title}" in spanish_page and '<dd lang="en">' not in spanish_page


def test_a_glossary_term_is_called_by_its_spanish_form_on_spanish_pages(data_dir):
    spanish_page = _spanish_pages(data_dir)["es/terms/example-hold.md"]
    assert 'title: "retención de ejemplo"' in spanish_page and "# retención de ejemplo {#page_title}" in spanish_page
    assert '<dt>Inglés</dt> <dd lang="en">example hold, example holds</dd>' in spanish_page
    assert "<i>retención de ejemplo</i>" in spanish_page  # the citation names the page as it is titled
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()["terms/example-hold.md"]
    assert "# example hold {#page_title}" in english


def test_spanish_redirect_pages_are_in_spanish(data_dir):
    (data_dir / "redirects.yaml").write_text("redirects:\n  - old: old-example\n    new: example-v-agency\n"
                                             "    date: 2026-11-01\n    reason: Renamed.\n")
    page = _spanish_pages(data_dir)["es/cases/old-example/index.html"]
    assert '<html lang="es">' in page and "<title>Nueva dirección: Example v. Agency</title>" in page
    assert 'Este registro tiene una nueva dirección permanente: <a href="../example-v-agency/">' in page
    english = Renderer(validate(data_dir, today=TODAY), SITE).render_all()["cases/old-example/index.html"]
    assert '<html lang="en">' in english and "<title>Moved: Example v. Agency</title>" in english


def test_the_spanish_citations_use_spanish_words_where_the_style_allows(translated_data):
    page = _spanish_pages(translated_data)["es/cases/example-v-agency.md"]
    address = SITE + "es/cases/example-v-agency/"
    assert f"Colaboradores de Detainers Record. (2026, 1 de noviembre). Example v. Agency. Detainers Record. {address}" \
        in page  # APA: day before month, and the group author, in Spanish
    assert "Detainers Record contributors" not in page
    assert f"Detainers Record, última modificación: 1 de noviembre de 2026, {address}." in page  # Chicago note
    assert f"Detainers Record. Última modificación: 1 de noviembre de 2026. {address}." in page  # bibliography
    assert "note = {Última actualización: 2026-11-01}" in page and "langid = {spanish}" in page  # BibTeX
    assert '"language": "es"' in page  # CSL-JSON
    assert f"1 Nov. 2026, {address}." in page  # MLA's months are the style's own English abbreviations
    assert "(last updated Nov. 1, 2026)" in page  # and so are Bluebook's (T12)


def test_a_partly_translated_record_names_its_untranslated_fields_in_spanish(data_dir):
    path = data_dir / "programs" / "example-program.yaml"
    text = path.read_text().replace("  - start: 2017-01-25\n", "  - start: 2017-01-25\n    note: Restarted.\n")
    path.write_text(text.rstrip("\n") + "\nes:\n  name: Programa de ejemplo\n")
    assert main(["--root", str(data_dir.parent), "translated", "--partial", str(path)]) == 0
    page = _spanish_pages(data_dir)["es/programs/example-program.md"]
    assert '<p class="admonition-title">Traducido en parte</p>' in page
    note = page[page.index("Parte del texto de este registro"):]
    note = note[:note.index("</p>")]
    assert "resumen" in note and "summary" not in note
    assert "nota (período 2)" in note, note


def test_every_spanish_message_keeps_the_placeholders_and_tags_of_its_english():
    catalog = spanish().catalog
    for message, translation in catalog.messages.items():
        if not catalog.files[message].endswith("/records.yaml"):
            continue
        for spanish_text in translation if isinstance(translation, list) else [translation]:
            assert sorted(re.findall(r"%\(\w+\)s", message)) == sorted(re.findall(r"%\(\w+\)s", spanish_text)), message
            assert re.findall(r"</?(\w+)", message) == re.findall(r"</?(\w+)", spanish_text), message
            assert "%" not in re.sub(r"%\(\w+\)s", "", spanish_text), message  # a stray % breaks the formatting


class _Marked(HTMLParser):
    """A page's visible text nodes, each with whether an element around it is marked lang="en". Hidden elements
    (Pagefind's metadata) are left out, as no one reads them, and so is code (BibTeX, CSL-JSON: data to copy)."""

    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[tuple[str, bool]] = []
        self._stack: list[tuple[bool, bool]] = []  # (in English, hidden) of each open element

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english, hidden = self._stack[-1] if self._stack else (False, False)
        if attrs.get("lang"):
            english = attrs["lang"] == "en"
        if tag not in self.VOID:
            self._stack.append((english, hidden or "hidden" in attrs or tag in ("code", "pre")))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        english, hidden = self._stack[-1] if self._stack else (False, False)
        if data.strip() and not hidden:
            self.nodes.append((" ".join(data.split()), english))


def _shown(pages: dict, text: str) -> dict[str, list[bool]]:
    """Where the Spanish pages show `text` in their body (not the front matter or the Markdown h1): page -> whether
    each showing is marked English."""
    found: dict[str, list[bool]] = {}
    for path, page in pages.items():
        if not isinstance(page, str) or not path.startswith("es/") or not path.endswith(".md"):
            continue
        body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
        body = re.sub(r"\A\s*# .*\n", "", body)  # the h1, checked with its {#page_title lang=en}
        parser = _Marked()
        parser.feed(body)
        for node, english in parser.nodes:
            if text in node:
                found.setdefault(path, []).append(english)
    return found


def test_a_title_not_translated_yet_is_marked_english_wherever_a_spanish_page_shows_it(data_dir):
    # the statistic is translated but for its title: its pages show the English title, which must be marked so that
    # screen readers read it as English (and so must every other record name shown in English)
    path = data_dir / "statistics" / "example-count-2012.yaml"
    version = translations.english_version(validate(data_dir, today=TODAY).get("example-count-2012"))
    path.write_text(path.read_text() + "es:\n  definition: Acuerdos en vigor.\n  geography: Estados Unidos\n"
                                       f"  english_version: {version}\n")
    pages = _spanish_pages(data_dir)
    statistic = _shown(pages, "Example agreements in 2012")
    for page in ("es/series/example-series.md", "es/statistics/index.md", "es/sources/example-report-2014.md",
                 "es/changes/index.md"):
        assert page in statistic, f"{page} does not show the statistic's title"
    assert "# Example agreements in 2012 {#page_title lang=en}" in pages["es/statistics/example-count-2012.md"]
    names = {"the statistic": statistic, "the series (its chart, table and links)": _shown(pages, "Example agreements"),
             "the program (event lines, the timeline's filter)": _shown(pages, "Example Program"),
             "an event (the home page's newest event)": _shown(pages, "The example memo ends the example program")}
    for what, shown in names.items():
        assert shown, what
        unmarked = sorted(page for page, marks in shown.items() if not all(marks))
        assert not unmarked, f"{what}: shown in English without lang=\"en\" on {unmarked}"
    statistic_page = pages["es/statistics/example-count-2012.md"]
    # the citations cite it by its English title, marked too
    assert '<span lang="en"><i>Example agreements in 2012</i></span>. Detainers Record.' in statistic_page
    assert '<dd lang="en">Agreements in force.</dd>' not in statistic_page  # the translated fields are not marked
    assert "<dd>Acuerdos en vigor.</dd>" in statistic_page


def test_a_translated_title_is_not_marked_english(translated_data):
    pages = _spanish_pages(translated_data)
    # a statistic's title on its series' page, a program's name in the timeline's filter, both on what changed
    for field, page in (("title", "es/series/example-series.md"), ("name", "es/events/index.md")):
        shown = _shown(pages, f"Texto en español del campo {field} ")
        assert page in shown and "es/changes/index.md" in shown
        marked = sorted(page for page, marks in shown.items() if any(marks))
        assert not marked, f"a translated {field} is marked English on {marked}"
    assert "{#page_title lang=en}" not in pages["es/statistics/example-count-2012.md"]

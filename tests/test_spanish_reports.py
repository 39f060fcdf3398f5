"""The Spanish edition of the briefings: every briefing is also a page es/reports/<id>/ and a PDF es/reports/<id>.pdf,
with the Spanish interface text, Spanish dates and numbers, the records' translated text, the Spanish charts' files
and the briefing's own text from its definition's `es:` block (a note where it is missing); the English briefing
does not change, and each language's PDFs are cached apart."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from scripts.records.problems import DataError
from scripts.records.translations import english_version
from scripts.records.validate import validate
from scripts.site.charts.files import chart_files
from scripts.site.generate import generate_pages
from scripts.site.i18n import spanish
from scripts.site.render import Renderer
from scripts.site.reports.definition import load_reports
from scripts.site.reports.files import render_briefings
from scripts.site.reports.pdf import pdf_key, print_into_cache

from .conftest import ROOT, TODAY
from .test_reports import EXAMPLE, no_pdf, pdf_pages, pdf_text, reports_dir, resolve  # noqa: F401 (fixtures)

# The example briefing's own text in Spanish: its title and intro, not its subtitle (shown in English, with a note).
SPANISH = """\
es:
  title: El programa de ejemplo, de 2008 a hoy
  intro: |
    El programa de ejemplo *funcionó*, se detuvo y volvió a empezar.
"""


@pytest.fixture
def spanish_reports(reports_dir: Path, data_dir: Path) -> Path:
    """The example briefing with a Spanish title and intro, and one of its events translated."""
    (reports_dir / "example.yaml").write_text(EXAMPLE + SPANISH)
    event = data_dir / "events/2008-03-example-launch.yaml"
    version = english_version(validate(data_dir, today=TODAY).get("2008-03-example-launch"))
    event.write_text(event.read_text() + "es:\n  title: Comienza el programa de ejemplo\n"
                                         f"  summary: El programa empezó en marzo de 2008.\n  english_version: {version}\n")
    return reports_dir


def generate(data_dir: Path, tmp_path: Path) -> dict:
    """Charts from the run's shared cache (data_dir's default); PDFs in the test's own cache, which tests count."""
    return generate_pages(data_dir, today=TODAY, report_cache_dir=tmp_path / "report-cache")


def test_every_briefing_has_a_spanish_page_pdf_and_listing(data_dir, spanish_reports, tmp_path, no_pdf):
    pages = generate(data_dir, tmp_path)
    assert pages["es/reports/example.pdf"].startswith(b"%PDF")
    assert "es/charts/programs-over-time-example.svg" in pages, "the briefing's own chart, in Spanish"
    svg = pages["es/charts/programs-over-time-example.svg"].decode()
    assert "Los programas a lo largo del tiempo, con los hechos clave" in svg and "The programs over" not in svg
    page = pages["es/reports/example.md"]
    assert "<strong>Los programas a lo largo del tiempo, con los hechos clave.</strong>" in page
    assert "# El programa de ejemplo, de 2008 a hoy {#page_title}" in page
    assert resolve(page, "es/reports/example/", r'<a href="([^"]+)" type="application/pdf">Descargar este informe '
                                                r"en PDF</a> \(1 KB, papel carta \(EE\. UU\.\)\)") == [
        "es/reports/example.pdf"]
    # The records' translated text, linked to their Spanish pages; Spanish headings, dates and numbers.
    assert resolve(page, "es/reports/example/", r'<a href="([^"]+)">Comienza el programa de ejemplo</a>') == [
        "es/events/2008-03-example-launch/"]
    assert "El programa empezó en marzo de 2008." in page
    # An event not translated yet is shown in English, marked as English for readers and screen readers.
    assert page.count('<div class="event">') == 1 and page.count('<div class="event" lang="en">') == 1
    for heading in ("Programas que abarca", "Cifras clave", "Cronología", "Gráficos", "Casos judiciales",
                    "Referencias", "Cómo citar este informe"):
        assert f">{heading}</h2>" in page, heading
    assert "marzo de 2008</time> <span class=\"precision\">(se conoce el mes)</span> · lanzamiento" in page
    assert '<td class="number">1234 acuerdos</td>' in page
    assert "Datos al <span class=\"as-of-date\">1 de noviembre de 2026</span>" in page
    assert resolve(page, "es/reports/example/", r'<img class="chart-image" src="([^"]+)"') == [
        "es/charts/programs-over-time-example.svg", "es/charts/series-example-series.svg"]
    assert resolve(page, "es/reports/example/", r'con sus datos en <a href="([^"]+)">CSV</a>') == [
        "es/charts/programs-over-time-example.csv"]
    assert resolve(page, "es/reports/example/", r'<a href="([^"]+)">página de gráficos</a>') == [
        "es/charts/#programs-over-time", "es/charts/#series-example-series"]
    # The untranslated subtitle: in English, marked as such, and said so.
    assert '<p class="subtitle" lang="en">A test briefing</p>' in page
    assert "Este informe está traducido solo en parte" in page and "en inglés donde aún no está traducido: el " \
                                                                   "subtítulo." in page
    index = pages["es/reports/index.md"]
    assert "# Informes {#page_title}" in index
    assert resolve(index, "es/reports/", r'<a href="([^"]+)">El programa de ejemplo, de 2008 a hoy</a>') == [
        "es/reports/example/"]
    assert resolve(index, "es/reports/", r'<a href="([^"]+)" type="application/pdf">PDF</a>') == [
        "es/reports/example.pdf"]
    assert "Datos al 1 de noviembre de 2026 · 2 hechos, 1 caso judicial, 2 gráficos" in index
    # The English briefing is the English one.
    english = pages["reports/example.md"]
    assert "# The example program, 2008 to today {#page_title}" in english and "Cronología" not in english
    assert '<p class="subtitle">A test briefing</p>' in english
    assert [html.split("\n")[1] for html in no_pdf] == ['<html lang="en">', '<html lang="es">']


def test_a_briefing_without_a_translation_says_so_and_is_shown_in_english(data_dir, reports_dir, tmp_path, no_pdf):
    page = generate(data_dir, tmp_path)["es/reports/example.md"]
    assert "Este informe aún no está traducido" in page
    assert "el título, el subtítulo, la introducción." in page
    assert '<section class="intro" lang="en">' in page and "Cronología" in page
    # its English title is cited as such, in the briefing's own citation and in the page's cite box
    assert page.count('<span lang="en"><i>The example program, 2008 to today</i></span>.') == 2, page


def test_a_briefings_own_template_is_used_in_spanish_too(data_dir, spanish_reports, tmp_path, no_pdf):
    (spanish_reports / "short.html.j2").write_text(
        '{% extends "report.html.j2" %}\n{% block charts %}{% endblock %}\n'
        '{% block intro %}<p class="own">{{ _("Key figures") }}: {{ report.title }}.</p>{% endblock %}\n')
    (spanish_reports / "example.yaml").write_text(EXAMPLE + "template: short.html.j2\n" + SPANISH)
    pages = generate(data_dir, tmp_path)
    assert '<p class="own">Cifras clave: El programa de ejemplo, de 2008 a hoy.</p>' in pages["es/reports/example.md"]
    assert '<p class="own">Key figures: The example program, 2008 to today.</p>' in pages["reports/example.md"]
    assert '<html lang="es">' in no_pdf[1] and '<p class="own">Cifras clave' in no_pdf[1]
    assert '<h2 id="charts">' not in no_pdf[1] and '<h2 id="references">Referencias</h2>' in no_pdf[1]


def test_english_and_spanish_pdfs_are_cached_apart(data_dir, spanish_reports, tmp_path, no_pdf):
    first = generate(data_dir, tmp_path)
    cache = tmp_path / "report-cache"
    assert len(list(cache.glob("*.pdf"))) == 1 and len(list((cache / "es").glob("*.pdf"))) == 1
    assert len(no_pdf) == 2
    # A new generation (a new process, say) finds both in the cache: neither language's run removed the other's.
    import scripts.site.generate as generate_module
    generate_module._last = None
    second = generate(data_dir, tmp_path)
    assert len(no_pdf) == 2, "nothing printed again"
    assert second["reports/example.pdf"] == first["reports/example.pdf"]
    assert second["es/reports/example.pdf"] == first["es/reports/example.pdf"]


def test_a_pdf_printed_later_goes_to_its_own_languages_cache(data_dir, spanish_reports, tmp_path, no_pdf):
    """`serve` prints a changed briefing's PDF after the pages (print_pending_pdfs): a Spanish one must land where the
    next generation looks for it, or it would be printed again and again."""
    generate(data_dir, tmp_path)
    [english_html, spanish_html] = no_pdf
    cache = tmp_path / "later"
    print_into_cache(cache, spanish_html)
    print_into_cache(cache, english_html)
    assert [p.name for p in cache.glob("*.pdf")] == [f"{pdf_key(english_html)}.pdf"]
    assert [p.name for p in (cache / "es").glob("*.pdf")] == [f"{pdf_key(spanish_html)}.pdf"]


def test_spanish_text_of_a_definition_is_checked_like_the_english(data_dir, reports_dir):
    renderer = Renderer(validate(data_dir, today=TODAY))

    def problems(text: str) -> list[str]:
        (reports_dir / "example.yaml").write_text(text)
        with pytest.raises(DataError) as error:
            load_reports(reports_dir, renderer.dataset, renderer.charts, TODAY)
        return [str(problem) for problem in error.value.problems]

    assert problems(EXAMPLE + "es:\n  titel: Un error\n") == [
        'reports/example.yaml:17:3: report example: es.titel: "titel" is not a field that is translated here (did you '
        'mean "title"?); the Spanish of a field goes under the English field\'s own name: rename it or remove it (the '
        "fields translated here: title, subtitle, intro)"]
    assert problems(EXAMPLE.replace("subtitle: A test briefing\n", "") + "es:\n  subtitle: Sin original\n") == [
        "reports/example.yaml:16:13: report example: es.subtitle: translates nothing: the English has no subtitle; "
        "add the English subtitle, or remove es.subtitle"]
    # The glossary (data/terms/; the fixture's one term), as for the records: an "example hold" is a "retención de
    # ejemplo", never an "orden de ejemplo".
    found = problems(EXAMPLE.replace("subtitle: A test briefing", "subtitle: Example holds in a test")
                                + "es:\n  subtitle: Una orden de ejemplo en una prueba\n")
    missing, avoided = found
    assert missing.startswith('reports/example.yaml:17:13: report example: es.subtitle: the English says "Example '
                              'holds" but the Spanish uses none of "retención de ejemplo", "retenciones de ejemplo"'), \
        missing
    assert avoided.startswith('reports/example.yaml:17:13: report example: es.subtitle: the Spanish uses "orden de '
                              'ejemplo", which the glossary avoids'), avoided
    # The PDF font must draw the Spanish too (DejaVu Sans has no CJK characters).
    [glyph] = problems(EXAMPLE + "es:\n  title: Informe 報告\n")
    assert glyph.startswith("reports/example.yaml:17:10: report example: es.title: U+5831 CJK UNIFIED IDEOGRAPH-5831")


@pytest.mark.slow
def test_spanish_pdf_is_in_spanish_and_the_english_pdf_is_unchanged(data_dir, spanish_reports, tmp_path):
    english_renderer = Renderer(validate(data_dir, today=TODAY))
    [english_alone] = render_briefings(english_renderer, chart_files(english_renderer, tmp_path / "charts"),
                                       spanish_reports, tmp_path / "alone", TODAY)
    pages = generate(data_dir, tmp_path)
    assert pages["reports/example.pdf"] == english_alone.pdf, "the English PDF does not change with the Spanish"
    pdf = tmp_path / "example-es.pdf"
    pdf.write_bytes(pages["es/reports/example.pdf"])
    text = pdf_text(pdf)
    pages_count = pdf_pages(pdf)
    for expected in ["El programa de ejemplo, de 2008 a hoy", "REGISTRO DE ÓRDENES DE RETENCIÓN · INFORME",
                     "Datos al 1 de noviembre de 2026", "Cronología", "Comienza el programa de ejemplo",
                     "marzo de 2008 (se conoce el mes)", "1234 acuerdos", "Referencias", "Cómo citar este informe",
                     f"Página 1 de {pages_count}", "http://127.0.0.1:8000/es/reports/example/",
                     "http://127.0.0.1:8000/es/reports/example.pdf"]:
        assert expected in text, f"{expected!r} missing from the Spanish PDF's text"
    # No interface text of the briefing's own template is left in English (the charts' words are the chart specs').
    for english in ["Programs covered", "Key figures", "Court cases", "References", "How to cite this briefing",
                    "Sources for this summary", "Page 1 of", "(month known)", "Detainers Record · Briefing"]:
        assert english not in text, english
    english = tmp_path / "example-en.pdf"
    english.write_bytes(pages["reports/example.pdf"])
    english_text = pdf_text(english)
    assert "Data as of November 1, 2026" in english_text and "Timeline" in english_text
    assert "Cronología" not in english_text
    # Deterministic: the Spanish briefing printed again, in a fresh cache, gives the same bytes.
    spanish_renderer = Renderer(validate(data_dir, today=TODAY), language=spanish())
    [again] = render_briefings(spanish_renderer, chart_files(spanish_renderer, tmp_path / "charts-es"),
                               spanish_reports, tmp_path / "again", TODAY)
    assert again.pdf == pages["es/reports/example.pdf"]
    info = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+El programa de ejemplo, de 2008 a hoy$", info, re.MULTILINE), info


@pytest.mark.slow
def test_the_five_real_briefings_are_on_the_spanish_site_with_their_translated_text(real_site, real_dataset):
    dataset = real_dataset
    renderer = Renderer(dataset)
    reports = load_reports(ROOT / "reports", dataset, renderer.charts)
    assert len(reports) >= 5
    index = (real_site / "es/reports/index.html").read_text()
    for report in reports:
        spanish_text = report.definition.es
        assert spanish_text is not None and spanish_text.title and spanish_text.intro, report.id
        page = (real_site / f"es/reports/{report.id}/index.html").read_text()
        assert '<html lang="es"' in page
        assert resolve(page, f"es/reports/{report.id}/", r'href="([^"]+)" type="application/pdf"') == [
            f"es/reports/{report.id}.pdf"]
        assert f"es/reports/{report.id}/" in resolve(index, "es/reports/", r'<a href="([^"]+)"')
        assert "aún no está traducido" not in page and "traducido solo en parte" not in page, report.id
        text = pdf_text(real_site / f"es/reports/{report.id}.pdf")
        assert spanish_text.title in text and "Cómo citar este informe" in text, report.id
        assert "Cifras clave" in text or "Gráficos" in text, report.id
        assert "How to cite this briefing" not in text and "Programs covered" not in text, report.id


def test_a_briefings_record_names_not_translated_yet_are_marked_english_in_page_and_pdf(data_dir, spanish_reports,
                                                                                       tmp_path, no_pdf):
    page = generate(data_dir, tmp_path)["es/reports/example.md"]
    pdf_html = next(html for html in no_pdf if '<html lang="es">' in html)
    for shown in (page, pdf_html):
        # the key figures: the statistic's English title and geography, the series' title and description
        assert re.search(r'<a href="[^"]+" lang="en">Example agreements in 2012</a></td><td>[^<]*</td>'
                         r'<td lang="en">United States</td>', shown)
        assert '<h3 lang="en">Example agreements</h3>\n<div class="series-note" lang="en">' in shown
        assert '<figcaption><strong lang="en">Example agreements.</strong>' in shown  # the series' chart
        assert re.search(r'<dt><a href="[^"]+" lang="en">Example Program</a></dt>', shown)
        # the translated event's title is not marked
        assert re.search(r'<h3 class="event-title"><a href="[^"]+">Comienza el programa de ejemplo</a></h3>', shown)

"""The Spanish edition of the pages drawn from tables (agency, county and state pages) and of the charts: no English
interface text is left on them (the English to look for is read from the catalogs, not typed again here), numbers
and dates are written the Spanish way, a chart's picture, text alternative and data table are in Spanish, and the
Spanish chart files are apart from the English ones."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from scripts.records.datasets import counts_287g
from scripts.records.translations import english_version
from scripts.records.validate import validate
from scripts.site.charts import geography, specs_287g
from scripts.site.charts.files import chart_files, draw_chart
from scripts.site.i18n import CATALOGS, NBSP, spanish
from scripts.site.render import Renderer

from .conftest import FIXTURE_DATA, TODAY
from .test_charts import add_statistic
from .test_charts_287g import _fixture
from .test_places import write_tables

SVG = "{http://www.w3.org/2000/svg}"
AREAS = ("places", "charts")  # the catalogs of these pages: es/places.yaml and es/charts.yaml
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|<[^>]+>")
LABEL_TAGS = ("dt", "dd", "th", "td", "h2", "h3", "caption", "summary", "strong", "figcaption")


def english_messages() -> dict[str, str]:
    """English message → its Spanish, for every message of this area's catalogs that the Spanish changes."""
    found = {}
    for area in AREAS:
        for message, spanish_text in yaml.safe_load((CATALOGS / "es" / f"{area}.yaml").read_text("utf-8")).items():
            translated = spanish_text if isinstance(spanish_text, str) else spanish_text[1]
            if translated != message:
                found[message] = translated
    return found


def fragments(message: str, kept: str) -> list[str]:
    """The fixed words of a message (between its values and tags) long enough not to be a Spanish word too, and
    that no translation keeps (a file name, an official English name in parentheses)."""
    parts = [part.strip(" .,:;()") for part in PLACEHOLDER.split(message)]
    return [part for part in parts if len(part) >= 14 and part not in kept]


def article(page: str) -> str:
    """What a place page shows of its own (the page's description and its article), as text."""
    description = re.search(r'^description: "(.*)"$', page, re.M).group(1)
    body = page[page.index("<article"):page.index("</article>")]
    return html.unescape(description + "\n" + body)


def labels(text: str) -> list[str]:
    """The text of every heading, term, table header, caption and the like."""
    found = []
    for tag in LABEL_TAGS:
        inners = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S)
        found += [re.sub(r"<[^>]+>", "", inner).strip() for inner in inners]
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The English and the Spanish pages of the small fixture data with the 287(g) and Census tables of
    test_places, rendered once for the module."""
    data_dir = tmp_path_factory.mktemp("spanish") / "data"
    shutil.copytree(FIXTURE_DATA, data_dir)
    write_tables(data_dir)
    dataset = validate(data_dir, today=TODAY)
    english = Renderer(dataset).render_all()
    return english, Renderer(dataset, language=spanish()).render_all()


PAGES = ("counties/al-01001.md", "counties/tx-48453.md", "states/al.md", "states/tx.md",
         "agencies/al-autauga-county-sheriffs-office.md", "agencies/al-dothan-police-department.md")


@pytest.mark.parametrize("path", PAGES)
def test_a_spanish_place_page_has_no_english_interface_text_left(sites, path):
    english, spanish_pages = sites
    messages = english_messages()
    shown_in_english, shown = article(english[path]), article(spanish_pages["es/" + path])
    # Whole labels: a heading, a term, a column header that is an English message is an untranslated label.
    english_labels = [label for label in labels(shown_in_english) if label in messages]
    assert english_labels, "the English page shows some of the catalog's labels"
    assert not [label for label in labels(shown) if label in messages]
    # Longer messages with values in them: none of their English words is left.
    kept = "\n".join(messages.values())  # what the Spanish keeps in English on purpose, "(Task Force Model)"
    left = sorted({part for message in messages for part in fragments(message, kept) if part in shown})
    assert not left, left


def test_spanish_place_pages_write_dates_and_numbers_the_spanish_way(sites):
    english, spanish_pages = sites
    agency = article(spanish_pages["es/agencies/al-autauga-county-sheriffs-office.md"])
    assert "<dt>En la lista más reciente</dt> <dd>Sí, en la lista de ICE del 18 de mayo de 2026</dd>" in agency
    assert "<td>Modelo de grupo de trabajo</td><td>22 de septiembre de 2025</td>" in agency
    assert "May 18, 2026" in article(english["agencies/al-autauga-county-sheriffs-office.md"])
    county = article(spanish_pages["es/counties/al-01001.md"])
    assert "Sí: 1 agencia de Autauga County figura en la lista 287(g) de ICE del 18 de mayo de 2026." in county
    state = article(spanish_pages["es/states/al.md"])
    assert "2 agencias de Alabama figuran en la lista 287(g) de ICE del 18 de mayo de 2026, con 3 acuerdos." in state
    listing = spanish_pages["es/states/index.md"]
    assert "Alabama</a> 2 condados, 2 agencias en la lista del 18 de mayo de 2026" in listing
    assert "Texas</a> 1 condado, 0 agencias" in listing  # the Spanish has its singular
    assert "Texas</a> 1 counties, 0 agencies" in english["states/index.md"]  # the English as it always was


def test_a_spanish_287g_chart_has_spanish_title_axis_and_legend(data_dir, monkeypatch):
    lists, shapes = _fixture()
    dataset = validate(data_dir, today=TODAY)
    state = ("01", "AL", "Alabama")
    spec = specs_287g.models_spec(dataset, lists, counts_287g.by_list(lists)["01"], state, spanish())
    root = ET.fromstring(draw_chart(spec))
    assert root.find(f"{SVG}title").text == "Acuerdos 287(g) en Alabama en las listas de ICE, por modelo, 2025–2026"
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert "Acuerdos en la lista" in texts  # the value axis
    assert {"Modelo de control en cárceles", "Modelo de grupo de trabajo",
            "Modelo de agentes de ejecución de órdenes"} <= set(texts)  # the legend
    assert not {"Agreements on the list", "Jail Enforcement Model", "Task Force Model"} & set(texts)
    assert "31 de enero de 2025: 1; 18 de mayo de 2026: 6" in root.find(f"{SVG}desc").text
    assert [c.label for c in spec.columns] == [
        "Lista de ICE del", "Modelo de control en cárceles", "Modelo de grupo de trabajo",
        "Modelo de agentes de ejecución de órdenes", "Todos los modelos", "Agencias"]

    counted = counts_287g.county_counts(lists, set(shapes.counties))["01"]
    monkeypatch.setattr(geography, "shapes", lambda _path: shapes)
    county_map = specs_287g.map_spec(dataset, lists, counted, shapes, {}, {"01": "AL"}, state, spanish())
    svg = draw_chart(county_map).decode()
    assert "Fuera del mapa: 1 condado desconocido; 1 agencia estatal, sin condado" in svg
    assert "Acuerdos de las agencias del condado" in svg and "Not on the map" not in svg
    assert "6 acuerdos, 4 de ellos en 2 condados" in county_map.summary


def test_spanish_charts_are_their_own_files_with_spanish_words_numbers_and_table(data_dir, tmp_path):
    (data_dir / "statistics" / "example-count-2012.yaml").unlink()
    add_statistic(data_dir, "all-detainers", 949126, "2007-10-01", "2011", title="All detainers")
    add_statistic(data_dir, "citizen-detainers", 834, "2007-10-01", "2011", title="U.S. citizens")
    series = data_dir / "series" / "example-series.yaml"
    version = english_version(validate(data_dir, today=TODAY).get("example-series"))
    series.write_text(series.read_text("utf-8") + "es:\n  title: Acuerdos de ejemplo\n"
                      f"  description: Acuerdos vigentes en cada fecha.\n  english_version: {version}\n",
                      encoding="utf-8")
    dataset = validate(data_dir, today=TODAY)
    english = chart_files(Renderer(dataset), tmp_path / "cache")
    spanish_files = chart_files(Renderer(dataset, language=spanish()), tmp_path / "cache" / "es")
    drawn = [path for path in english if path.endswith(".svg")]
    assert drawn and {"es/" + path for path in english} == set(spanish_files)
    for path in drawn:
        assert spanish_files["es/" + path] != english[path], path
        # The picture names its own CSV (on a phone's chart, wrapped onto the footnote's next line).
        footnote = re.search(r"Datos al \d+ de [a-z]+ de \d{4} · Detainers Record,(?: |</text>.*?<text[^>]*>)([^<]+)</text>",
                             spanish_files["es/" + path].decode(), re.S)
        assert footnote and footnote.group(1) == f"es/{path.removesuffix('.svg').removesuffix('.narrow')}.csv", path
        assert b"Data as of" not in spanish_files["es/" + path]

    svg = ET.fromstring(spanish_files["es/charts/series-example-series.svg"])
    assert svg.find(f"{SVG}title").text == "Acuerdos de ejemplo"
    texts = [t.text for t in svg.iter(f"{SVG}text") if t.text]
    assert "Acuerdos" in texts  # the value axis, on both panels
    assert f"949{NBSP}126" in texts and f"834 (0,088{NBSP}% de la mayor)" in texts
    assert "Escala logarítmica: cada línea de la cuadrícula vale diez veces la anterior" in texts
    assert not [t for t in texts if "of the largest" in t or t == "Agreements"]

    page = spanish_files["es/charts/index.md"]
    table = page[page.index('<h2 id="series-example-series">'):]
    table = table[table.index("<thead>"):table.index("</thead>")]
    assert re.findall(r'<th scope="col">([^<]*)</th>', table) == [
        "Cifra", "Inicio del período", "Fin del período", "Acuerdos", "Proporción respecto de la mayor"]
    assert f'<td class="number">949{NBSP}126</td>' in page and f"<td>0,088{NBSP}%</td>" in page
    assert "Datos (CSV)" in page and "Data (CSV)" not in page

    # The series' own Spanish title (its es: block) heads the chart's section, its figure and its text alternative
    # on the charts page and on the series' page, whose table of figures it names too; the English title is nowhere.
    series_page = Renderer(dataset, language=spanish()).render_all()["es/series/example-series.md"]
    for shown in (page, series_page):
        assert "<strong>Acuerdos de ejemplo.</strong>" in shown and 'alt="Gráfico de barras: Acuerdos de ejemplo.' in shown
        assert "Example agreements" not in shown
    assert '<h2 id="series-example-series">Acuerdos de ejemplo</h2>' in page
    assert "<caption>Acuerdos de ejemplo (acuerdos)</caption>" in series_page
    assert english["charts/series-example-series.svg"].count(b"Example agreements") >= 1


def test_every_translation_keeps_the_values_and_markup_of_its_english():
    """A translation that drops or misspells a value (%(date)s) would fail when the page is made, or lose a link."""
    for area in AREAS:
        entries = yaml.safe_load((CATALOGS / "es" / f"{area}.yaml").read_text("utf-8"))
        for message, translated in entries.items():
            expected = sorted(re.findall(r"%\([a-z_]+\)s|<a href=|</?code>|</?strong>", message))
            for form in [translated] if isinstance(translated, str) else translated:
                assert sorted(re.findall(r"%\([a-z_]+\)s|<a href=|</?code>|</?strong>", form)) == expected, \
                    (area, message, form)
                assert "%" not in re.sub(r"%\([a-z_]+\)s", "", form.replace("\u00a0%", "")), (area, form)


def test_the_spanish_detainer_page_has_spanish_labels_numbers_and_lift_reasons(data_dir):
    from scripts.site.datasets.pages import dataset_pages

    dataset = validate(data_dir, today=TODAY)
    english, _charts = dataset_pages(Renderer(dataset), data_dir / "datasets")
    pages, charts = dataset_pages(Renderer(dataset, language=spanish()), data_dir / "datasets")
    page = html.unescape(pages["es/detainers/2007-2015.md"])
    messages = english_messages()
    body = page[page.index('<div class="dataset-page'):page.index('<section class="cite-this"')]
    assert [label for label in labels(html.unescape(english["detainers/2007-2015.md"])) if label in messages]
    assert not [label for label in labels(body) if label in messages]
    kept = "\n".join(messages.values())
    assert not sorted({part for message in messages for part in fragments(message, kept) if part in body})
    assert "Orden de retención rechazada por la agencia local (Detainer Declined by LEA)" in body  # a lift reason
    assert re.search(rf"\d+{NBSP}\d{{3}} órdenes de retención en total", body)  # 12 345, not 12,345
    assert re.search(r"\(\d+,\d" + NBSP + "%\\)", body)  # 59,9 %
    assert {spec.folder for spec in charts} == {"es/charts/"} and all(spec.language == "es" for spec in charts)


def test_the_catalogs_follow_the_glossary():
    """The same rule as the records' translations (data/terms/): where the English says a term, the Spanish says one
    of its Spanish forms, and never a form to avoid. Proper names and link targets are not terms."""
    from .conftest import ROOT

    terms = [yaml.safe_load(path.read_text("utf-8")) for path in sorted((ROOT / "data" / "terms").glob("*.yaml"))]
    assert terms

    def says(text: str, forms: list[str]) -> bool:
        text = re.sub(r'href="[^"]*"|Deportation Data Project|Detainers Record', "", text).lower().replace("’", "'")
        return any(re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", text) for form in forms)

    wrong = []
    for area in AREAS:
        for message, translated in yaml.safe_load((CATALOGS / "es" / f"{area}.yaml").read_text("utf-8")).items():
            for form in [translated] if isinstance(translated, str) else translated:
                for term in terms:
                    if says(message, term["english"]) and not says(form, term["spanish"]):
                        wrong.append((area, term["id"], message))
                    if says(form, term.get("avoid") or []):
                        wrong.append((area, term["id"], form))
    assert not wrong, wrong

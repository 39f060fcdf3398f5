"""The Spanish pages name states by their Spanish names (data/datasets/reference/state_names_es.csv): a state's page,
a county's page (its state part), the place finder's index and every heading; lists of states follow the Spanish
names; a state the table leaves out is a problem at the table's line, not an English name on a Spanish page."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.charts.files import chart_files
from scripts.site.generate import make_renderers
from scripts.site.i18n import spanish
from scripts.site.render import Renderer

from .conftest import FIXTURE_DATA, TODAY
from .test_incremental import _jurisdiction
from .test_places import write_tables

# The English name of the fixture's states (AZ, NH, GU) that Spanish writes otherwise, unless it is part of an
# agency's name as ICE's lists spell it ("New Hampshire State Police", kept as written) or of a jurisdiction record's
# name, which is written by hand in English and has no Spanish form in the schema ("Hillsborough County, New
# Hampshire": not translated yet).
ENGLISH_ONLY = re.compile(r"(?<!Hillsborough County, )New Hampshire(?! State Police)")
# Front matter titles, Markdown and HTML headings, table captions and headers, and the titles of charts and feeds.
HEADING = re.compile(r'^(?:title|citation_title|description): "([^\n]*)"$|^#+ ([^\n]*)$'
                     r"|<(?:h[1-6]|caption|th|title|figcaption)\b[^>]*>(.*?)</(?:h[1-6]|caption|th|title|figcaption)>",
                     re.M | re.S)


@pytest.fixture(scope="module")
def spanish_pages(tmp_path_factory, shared_charts):
    """Every Spanish page and chart of the fixture site, made as the build makes them (make_renderers: with ICE's
    lists, the pending lists and the FBI coverage table)."""
    data_dir = tmp_path_factory.mktemp("state-names") / "data"
    shutil.copytree(FIXTURE_DATA, data_dir)
    (data_dir / "jurisdictions" / "hillsborough-county-nh.yaml").write_text(  # named as written, in English
        _jurisdiction("hillsborough-county-nh", "Hillsborough County, New Hampshire", "NH", 1), encoding="utf-8")
    dataset = validate(data_dir, today=TODAY)
    (renderer,) = make_renderers(dataset, data_dir, language_codes=("es",))
    pages = renderer.render_all()
    pages.update(chart_files(renderer, shared_charts))
    return dataset, pages


def test_a_spanish_state_page_and_county_page_name_new_hampshire_in_spanish(spanish_pages):
    _dataset, pages = spanish_pages
    state = pages["es/states/nh.md"]
    assert 'title: "Nuevo Hampshire"' in state and "# Nuevo Hampshire {#page_title}" in state
    assert "20 agencias de Nuevo Hampshire figuran en la lista 287(g) de ICE" in state
    county = pages["es/counties/nh-33001.md"]
    # The county keeps its Census name (the site does not translate "County"); its state is named in Spanish.
    assert "# Belknap County, Nuevo Hampshire {#page_title}" in county
    assert 'description: "Condado, Nuevo Hampshire: las agencias en las listas 287(g) de ICE"' in county
    assert ">Nuevo Hampshire</a>" in county  # the link to its state


def test_a_spanish_county_page_still_finds_its_jurisdiction_record_named_in_english(spanish_pages):
    _dataset, pages = spanish_pages
    assert "jurisdictions/hillsborough-county-nh/" in pages["es/counties/nh-33011.md"]


def test_the_spanish_place_finder_names_states_and_counties_in_spanish(spanish_pages):
    dataset, pages = spanish_pages
    names = {record_id: name for name, record_id, _kind in json.loads(pages["es/places.json"])["places"]}
    assert names["nh"] == "Nuevo Hampshire" and names["nh-33001"] == "Belknap County, Nuevo Hampshire"
    english = {record_id: name for name, record_id, _kind in
               json.loads(Renderer(dataset).render_all()["places.json"])["places"]}
    assert english["nh"] == "New Hampshire" and english["nh-33001"] == "Belknap County, New Hampshire"


def test_spanish_tables_charts_and_their_words_name_states_in_spanish(spanish_pages):
    _dataset, pages = spanish_pages
    coverage = pages["es/coverage/index.md"]
    assert re.findall(r'#coverage">([^<]+)</a></td>', coverage) == ["Arizona", "Guam", "Nuevo Hampshire"]
    assert "<tr><td>Nuevo Hampshire</td>" in pages["es/287g-pending/index.md"]  # the pending lists by state
    assert "En la lista más reciente, Nuevo Hampshire tiene 20 y Arizona tiene 10" in pages["es/charts/index.md"]
    assert "NH,Nuevo Hampshire," in pages["es/charts/state-laws-by-state.csv"]  # the tile maps' data
    assert "NH,Nuevo Hampshire," in pages["es/charts/jurisdictions-by-state.csv"]
    chart = pages["es/charts/287g-state-nh.svg"].decode()
    assert "<title>Acuerdos 287(g) en Nuevo Hampshire" in chart
    assert "Acuerdos de las agencias del condado" in pages["es/charts/287g-state-map-nh.svg"].decode()
    assert "Nuevo Hampshire" in pages["es/charts/287g-state-map-nh.svg"].decode()


def test_no_spanish_heading_names_a_state_in_english(spanish_pages):
    _dataset, pages = spanish_pages
    headings = []
    for path, page in pages.items():
        if isinstance(page, bytes):
            page = page.decode("utf-8")
        if not path.endswith((".md", ".svg", ".xml")):
            continue
        for match in HEADING.finditer(page):
            text = next(group for group in match.groups() if group is not None)
            headings.append((path, text))
    assert any("Nuevo Hampshire" in text for _path, text in headings)
    assert not [(path, text) for path, text in headings if ENGLISH_ONLY.search(text)]


def test_spanish_lists_of_states_follow_the_spanish_names(data_dir):
    states = "name,postal,fips\nAlabama,AL,01\nNorth Carolina,NC,37\nTexas,TX,48\n"
    write_tables(data_dir)
    reference = data_dir / "datasets" / "reference"
    (reference / "state_fips_names.csv").write_text(states, encoding="utf-8")
    (reference / "state_names_es.csv").write_text("postal,name_es\nAL,Alabama\nNC,Carolina del Norte\nTX,Texas\n",
                                                  encoding="utf-8")
    dataset = validate(data_dir, today=TODAY)
    listing = Renderer(dataset, language=spanish()).render_all()["es/states/index.md"]
    shown = re.findall(r'<a href="[^"]*/states/[a-z]+/">([^<]+)</a>', listing)
    assert shown == ["Alabama", "Carolina del Norte", "Texas"]
    english = Renderer(dataset).render_all()["states/index.md"]
    assert re.findall(r'<a href="[^"]*/states/[a-z]+/">([^<]+)</a>', english) == ["Alabama", "North Carolina", "Texas"]


def test_a_state_without_a_spanish_name_is_a_problem_at_the_table(data_dir):
    write_tables(data_dir)
    names = data_dir / "datasets" / "reference" / "state_names_es.csv"
    names.write_text("postal,name_es\nAL,Alabama\nXX,Nowhere\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    text = "\n".join(str(problem) for problem in raised.value.problems)
    assert "state_names_es.csv:1:1: TX has no Spanish name" in text
    assert "state_names_es.csv:3:1: 'XX' is not a postal code" in text

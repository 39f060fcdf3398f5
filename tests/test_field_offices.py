"""ICE's field offices (issue #28): the Deportation Data Project's table of areas of responsibility, read as published,
placed on the Census tables, shown on every county and state page and on a page per office, in both languages and in
the data package; a row the build cannot place is a problem at its line and column.

The counts below were taken from the publisher's file by hand (sorting its rows by office and state in a spreadsheet):
25 offices; 52 rows give a whole state or territory; California is split 7 Los Angeles, 2 San Diego, 49 San Francisco
(58 counties), New York 48 Buffalo, 14 New York City (62), Texas 128 Dallas, 18 El Paso, 15 Harlingen, 57 Houston,
36 San Antonio (254)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from scripts.records.datasets.field_offices import matching_report, offices, read_areas
from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.generate import make_renderers

from .conftest import ROOT, TODAY

REAL = ROOT / "data" / "datasets" / "ice-field-offices" / "ice-areas-of-responsibility.csv"
REFERENCE = ROOT / "data" / "datasets" / "reference"
TABLE = "datasets/ice-field-offices/ice-areas-of-responsibility.csv"
SHOWN = "data/" + TABLE


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_publishers_file_gives_every_place_one_office():
    areas = read_areas(REAL, REFERENCE)
    found = {o.id: o for o in offices(areas)}
    assert len(found) == 25 and len(areas) == 426
    split = Counter((a.state, a.office) for a in areas if a.county_fips)
    assert split == {("CA", "Los Angeles"): 7, ("CA", "San Diego"): 2, ("CA", "San Francisco"): 49,
                     ("NY", "Buffalo"): 48, ("NY", "New York City"): 14, ("TX", "Dallas"): 128, ("TX", "El Paso"): 18,
                     ("TX", "Harlingen"): 15, ("TX", "Houston"): 57, ("TX", "San Antonio"): 36}
    assert found["st-paul"].name == "St. Paul" and found["st-paul"].name_as_published == "St Paul"
    assert found["san-francisco"].whole_states == ("HI", "GU", "MP"), "the Commonwealth's long name is read as MP"
    assert found["dallas"].whole_states == ("OK",) and len(found["dallas"].counties) == 128
    harris = next(a for a in areas if a.county_fips == "48201")
    assert (harris.office, harris.county_name, harris.line) == ("Houston", "Harris", harris.line)
    assert REAL.read_text(encoding="utf-8").splitlines()[harris.line - 1] == '"Houston", "Texas", "Harris", ""'
    assert matching_report(areas) == ("426 rows placed: 25 offices, 52 whole states or territories, 374 counties of "
                                      "the states split between offices")


@pytest.fixture
def pages(fixture_pages):
    return fixture_pages


def test_county_and_state_pages_name_their_field_office(pages):
    maricopa = pages["counties/az-04013.md"]
    assert '<dt>ICE field office</dt> <dd class="field-office"><a href="../../field-offices/phoenix/">Phoenix</a>' \
        in maricopa
    assert '<dt>Oficina local de ICE</dt> <dd class="field-office"><a href="../../../es/field-offices/phoenix/">' \
           'Phoenix</a>' in pages["es/counties/az-04013.md"]
    assert "ICE field office: Boston (the whole state or territory)." in text(pages["states/nh.md"])
    assert "Oficina local de ICE: San Francisco (todo el estado o territorio)." in text(pages["es/states/gu.md"])


def test_a_field_offices_page_lists_its_area_and_its_agencies_now(pages):
    phoenix = pages["field-offices/phoenix.md"]
    assert '<a href="../../states/az/">Arizona</a> (the whole state or territory)' in phoenix
    assert "9 agencies of this area are on the list." in text(phoenix)
    assert '<a href="../../agencies/az-yuma-county-sheriffs-office/">Yuma County Sheriff&#39;s Office</a>' in phoenix
    assert '<a href="../../counties/az-04027/">Yuma County</a>' in phoenix
    assert "az-" not in pages["field-offices/boston.md"].split('id="agencies"')[1], "only its own area's agencies"
    assert "ice-areas-of-responsibility.csv</code>, lines 3 " in phoenix
    assert "9 agencias de esta área figuran en la lista." in text(pages["es/field-offices/phoenix.md"])
    listing = text(pages["field-offices/index.md"])
    assert "3 offices" in listing and "Boston New Hampshire" in listing
    assert 'class="record-table stack-narrow"' in phoenix, "the table stacks into rows at phone width"


def test_the_data_package_holds_every_row_with_its_line(pages):
    rows = list(csv.DictReader(io.StringIO(pages["downloads/datasets/ice-field-offices.csv"])))
    assert [(r["office_id"], r["state"], r["county_fips"], r["source_line"]) for r in rows] == [
        ("boston", "NH", "", "2"), ("phoenix", "AZ", "", "3"), ("san-francisco", "GU", "", "4")]
    assert '"ice-field-offices"' in pages["downloads/datapackage.json"]


def _split_arizona(data_dir, office_of_maricopa="Phoenix", others="Tucson"):
    """Arizona given county by county: Maricopa to one office, the other 14 to another."""
    names = [row["name"] for row in csv.DictReader(open(data_dir / "datasets/reference/county_fips_names.csv"))
             if row["statefp"] == "04"]
    lines = ['"office_name", "state_name", "county_name", "notes"', '"Boston", "New Hampshire", "", ""']
    lines += [f'"{office_of_maricopa if n == "Maricopa County" else others}", "Arizona", "{n.removesuffix(" County")}", ""'
              for n in names]
    (data_dir / TABLE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_state_split_between_offices_names_each_and_its_counties(data_dir):
    _split_arizona(data_dir)
    english, _ = make_renderers(validate(data_dir, today=TODAY), data_dir)
    pages = english.render_all()
    assert "ICE field offices: Arizona is split between 2 offices, county by county: Phoenix (1 county), Tucson " \
           "(14 counties)." in text(pages["states/az.md"])
    assert 'href="../../field-offices/phoenix/">Phoenix</a>' in pages["counties/az-04013.md"]
    assert 'href="../../field-offices/tucson/">Tucson</a>' in pages["counties/az-04027.md"]
    phoenix, tucson = pages["field-offices/phoenix.md"], pages["field-offices/tucson.md"]
    assert "Arizona Department of Corrections" in phoenix.split('id="statewide"')[1], \
        "a state agency of a split state is on every office of its state, apart"
    assert "Arizona Department of Corrections" in tucson.split('id="statewide"')[1]
    assert "Yuma County Sheriff" in tucson.split('id="statewide"')[0] and "Yuma County Sheriff" not in phoenix


def _problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    return [str(p) for p in raised.value.problems]


def test_a_row_that_cannot_be_placed_is_named_by_line_and_column(data_dir):
    path = data_dir / TABLE
    path.write_text(path.read_text(encoding="utf-8") + '"Phoenix", "Arizona", "", ""\n'
                    '"Denver", "Colorado", "", ""\n"Phoenix", "Arizona", "Maricopa", ""\n', encoding="utf-8")
    found = _problems(data_dir)
    assert f"{SHOWN}:5:2: Arizona is already given to Phoenix on line 3: keep one of the two rows" in found
    assert any(p.startswith(f'{SHOWN}:6:2: state_name "Colorado" is not a state or territory of '
                            "data/datasets/reference/state_fips_names.csv") for p in found), found
    assert f"{SHOWN}:7:3: Arizona is given whole to Phoenix on line 3, and this row gives one of its counties: give " \
           "the state whole, or every county of it" in found


def test_a_split_state_with_a_county_left_out_or_misspelt_is_refused(data_dir):
    _split_arizona(data_dir)
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line.replace('"Yuma"', '"Yumma"') for line in lines if '"Pima"' not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _problems(data_dir)
    assert any(re.match(rf'{re.escape(SHOWN)}:\d+:3: county_name "Yumma" is not a county of Arizona', p) for p in found)
    assert any(re.match(rf"{re.escape(SHOWN)}:3:3: Arizona is given county by county, but no row gives 2 of its "
                        r"counties an office \(Pima County, Yuma County\)", p) for p in found), found

"""Who is covered by 287(g) (issue #28): the FBI's staffing table (data/datasets/fbi-lee/fbi_lee_latest.csv) matched to
ICE's latest list by state and name, never by a similar spelling; the shares on state and county pages name the rows
they are summed from; the unmatched agencies are listed for maintainers; a national map of squares works without a
script.

The fixture's figures were counted from tests/fixtures/data/datasets/fbi-lee/fbi_lee_latest.csv with Python's csv
module (a plain awk split miscounts: some county cells hold commas): Arizona has 128 rows and 13,051 sworn officers;
ICE's list of May 18, 2026 has 9 Arizona agencies, 7 of them found (Cochise, Navajo, Pinal, Yavapai, Yuma and La Paz
County sheriffs, Mesa police: lines 6, 40, 57, 73, 87, 97, 104, 1,500 officers); Yuma County has 6 rows (298 officers),
its sheriff's office 80 officers on line 97. Not found: the Arizona Department of Corrections and the Pinal County
Attorney's Office (no FBI row of those names), Guam's Office of the Attorney General, New Hampshire's State Police
Department (the FBI names it otherwise) and "Pittsburgh Police Department" (the FBI's town is Pittsburg: not
guessed).

Residents (the population column, summed over City and County rows with a population above 0): Arizona's 93 such rows
hold 7,622,289; the seven found are all city or county agencies, 1,048,000 (Cochise 47,915, Mesa 519,990, Navajo
67,915, Pinal 245,258, Yavapai 97,732, Yuma 58,124, La Paz 11,066), 13.7%; none of Arizona's city and county rows has
population 0 or names two counties. Yuma County's five city and county rows (lines 97, 98, 99, 101, 102) hold 222,323,
its sheriff 58,124 (26.1%); line 103, a college, has population 0 and is not a city or county agency."""

from __future__ import annotations

import re
import shutil

import pytest

from scripts.records.datasets.fbi_lee import match, read_staffing, run
from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.generate import make_renderers

from .conftest import ROOT, TODAY

REAL = ROOT / "data" / "datasets" / "fbi-lee" / "fbi_lee_latest.csv"
TABLE = "datasets/fbi-lee/fbi_lee_latest.csv"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_fbi_table_is_read_whole_and_matched_by_the_written_rules():
    rows = read_staffing(REAL)
    assert len(rows) == 18330 and sum(r.year == 2025 for r in rows) == 15885
    assert {r.state for r in rows} >= {"NE", "GU", "FS"} and "NB" not in {r.state for r in rows}
    found = {m.agency_id: m for m in match([
        ("a", "Maricopa County Sheriff's Office", "AZ"), ("b", "Mesa Police Department", "AZ"),
        ("c", "Florida State University Police Department", "FL"), ("d", "Pittsburgh Police Department", "NH"),
        ("e", "Yuma Police Department", "AZ")], rows)}
    assert (found["a"].row.name, found["a"].row.agency_type) == ("Maricopa", "County")
    assert (found["b"].row.name, found["b"].row.agency_type) == ("Mesa", "City")
    assert found["c"].row is None and found["c"].why.startswith("ambiguous: FBI lines "), "two FBI rows: none chosen"
    assert found["d"].row is None, "the FBI's Pittsburg is not guessed to be ICE's Pittsburgh"
    assert (found["e"].row.name, found["e"].row.agency_type) == ("Yuma", "City"), "the city, not the county of that name"


@pytest.fixture
def pages(fixture_pages):
    return fixture_pages


def test_a_states_page_gives_its_shares_and_the_rows_behind_them(pages):
    arizona = text(pages["states/az.md"].split('id="coverage"')[1].split("</section>")[0])
    assert ("Law-enforcement agencies of Arizona in the FBI's staffing table: 128, with 13,051 sworn officers. On ICE's "
            "287(g) list of May 18, 2026: 7 of those agencies (5.5%), employing 1,500 of the sworn officers (11.5%)."
            ) in arizona
    assert "its 128 rows for Arizona; data years 2018–2025 (each agency's latest)." in arizona
    assert "The agencies on ICE's list are on lines 6, 40, 57, 73, 87, 97, 104." in arizona
    assert "2 agencies of Arizona on ICE's list were not found in the FBI's table" in arizona
    assert ("Residents served by the city and county agencies of Arizona, as the FBI's table counts them: 7,622,289; by "
            "those on ICE's list: 1,048,000 (13.7%).") in arizona
    assert "Summed from the population column of the 93 city and county rows that give one." in arizona
    assert "only the residents outside the cities with police of their own" in arizona
    assert "no population in the table" not in arizona and "names other counties too" not in arizona
    assert '</a>. <a href="../../coverage/">Every state</a>.' in pages["states/az.md"], "a space between the links"
    spanish = text(pages["es/states/az.md"].split('id="coverage"')[1].split("</section>")[0])
    assert "7 de esas agencias (5,5 %), que emplean a 1500 de los agentes juramentados (11,5 %)" in spanish
    assert "tal como los cuenta la tabla del FBI: 7 622 289; por las de la lista de ICE: 1 048 000 (13,7 %)" in spanish


def test_a_countys_page_counts_the_agencies_its_county_column_names(pages):
    yuma = text(pages["counties/az-04027.md"].split('id="coverage"')[1].split("</section>")[0])
    assert ("Law-enforcement agencies of Yuma County in the FBI's staffing table: 6, with 298 sworn officers. On ICE's "
            "287(g) list of May 18, 2026: 1 of those agencies (16.7%), employing 80 of the sworn officers (26.8%)."
            ) in yuma
    assert "The agency on ICE's list is on line 97." in yuma and "data years 2025 (each agency's latest)" in yuma
    assert ("Residents served by the city and county agencies of Yuma County, as the FBI's table counts them: 222,323; "
            "by those on ICE's list: 58,124 (26.1%).") in yuma
    assert "Summed from the population column of the 5 city and county rows that give one." in yuma


def test_residents_leave_out_a_missing_population_and_an_agency_of_two_counties_and_say_so(data_dir):
    """Line 101 (San Luis, Yuma County, 41,231) given NULL and line 102 (Wellton, 2,719) a second county: Yuma County
    keeps 58,124 + 15,074 + 105,175 = 178,373 residents over 3 rows; Arizona 7,622,289 - 41,231 = 7,581,058 over 92."""
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[100].startswith("AZ") and ",San Luis,AZ,YUMA,City,41231," in lines[100]
    assert ",Wellton,AZ,YUMA,City,2719," in lines[101]
    lines[100] = lines[100].replace(",41231,", ",NULL,")
    lines[101] = lines[101].replace(",YUMA,City,", ',"YUMA, LA PAZ",City,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    english, _ = make_renderers(validate(data_dir, today=TODAY), data_dir)
    pages = english.render_all()
    yuma = text(pages["counties/az-04027.md"].split('id="coverage"')[1].split("</section>")[0])
    assert "as the FBI's table counts them: 178,373; by those on ICE's list: 58,124 (32.6%)." in yuma
    assert ("1 city or county agency has no population in the table (0, empty or NULL) and is not counted in these "
            "figures.") in yuma
    assert "1 city or county agency whose county column names other counties too is left out of it" in yuma
    arizona = text(pages["states/az.md"].split('id="coverage"')[1].split("</section>")[0])
    assert "as the FBI's table counts them: 7,581,058; by those on ICE's list: 1,048,000 (13.8%)." in arizona
    assert "names other counties too" not in arizona, "a state's figure keeps an agency of two of its counties"


def test_an_agency_of_another_kind_with_a_population_is_left_out_and_said_to_be(data_dir):
    """Line 103, Arizona Western College (Yuma County, population 0), given 9,000 residents: no figure changes, and
    the state's and the county's pages say that one agency of another kind, with 9,000, is left out."""
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    assert ",Arizona Western College,AZ,YUMA,University or College,0," in lines[102]
    lines[102] = lines[102].replace(",University or College,0,", ",University or College,9000,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    english, _ = make_renderers(validate(data_dir, today=TODAY), data_dir)
    pages = english.render_all()
    for page, total in (("states/az.md", "7,622,289"), ("counties/az-04027.md", "222,323")):
        shown = text(pages[page].split('id="coverage"')[1].split("</section>")[0])
        assert f"as the FBI's table counts them: {total};" in shown
        assert ("1 agency of another kind (state police, a university or other) has a population in the table, 9,000, "
                "and is left out.") in shown


def test_a_population_that_is_not_a_number_is_named_by_line_and_column(data_dir):
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[100] = lines[100].replace(",41231,", ",about 41k,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    assert any(str(p).startswith('data/datasets/fbi-lee/fbi_lee_latest.csv:101:7: population "about 41k" is not a '
                                 "whole number of residents") for p in raised.value.problems)


def test_the_unmatched_agencies_are_listed_for_maintainers(pages):
    page = pages["maintainers/fbi-lee-unmatched.md"]
    assert "5 of the 30 agencies on ICE's 287(g) list of May 18, 2026 were not found" in text(page)
    arizona = page.split('id="state-az"')[1].split("<h2")[0]
    assert "Arizona Department of Corrections</a>: no FBI agency of that name in the state" in arizona
    assert "Pittsburgh Police Department" in page.split('id="state-nh"')[1]


def test_the_national_map_is_squares_with_links_and_a_table(pages):
    page = pages["coverage/index.md"]
    assert 'class="state-tile coverage-shade-2"' in page.split('title="Arizona"')[0].rsplit("<a ", 1)[1], \
        "Arizona's 11.5% of officers is in the 10-25% shade"
    assert '<a href="../states/az/#coverage">Arizona</a></td><td data-label="Agencies with an agreement">7 of 128 (5.5%)' \
           "</td>" in page
    assert "<script" not in page and 'class="record-table stack-narrow"' in page
    assert "25 of 30 (83.3%)" in text(page) and "316 rows are of 2025" in text(page)
    assert '<td data-label="Residents served by them">1,048,000 of 7,622,289 (13.7%)</td>' in page
    assert "Sus agentes juramentados" in pages["es/coverage/index.md"]


def test_a_bad_cell_is_named_by_line_and_column(data_dir):
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",92,", ",ninety-two,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    assert ('data/datasets/fbi-lee/fbi_lee_latest.csv:6:8: officer_ct "ninety-two" is not a whole number of sworn '
            "officers") in [str(p) for p in raised.value.problems]


def test_the_ingest_copies_the_table_and_prints_the_matching_rate(data_dir, tmp_path, capsys):
    source = tmp_path / "fbi_lee_latest.csv"
    shutil.copy(data_dir / TABLE, source)
    (data_dir / TABLE).unlink()
    assert run(data_dir.parent, source) == 0
    out = capsys.readouterr().out
    assert "matched to the FBI's table: 25 of 30 agencies on ICE's latest list (83.3%); not matched: 5" in out
    assert "  NH: Pittsburgh Police Department (no FBI agency of that name in the state)" in out
    assert "county names that are no Census county of their state: 1, on 1 row (listed" in out
    assert (data_dir / TABLE).read_bytes() == source.read_bytes()


def test_the_downloadable_matches_give_each_agencys_type_and_residents(data_dir):
    from scripts.records.datasets.published import FBI_LEE_MATCHES, read_fbi_lee_matches
    columns = list(FBI_LEE_MATCHES.columns)
    rows = [dict(zip(columns, row)) for row in read_fbi_lee_matches(data_dir / "datasets")]
    yuma = next(r for r in rows if r["fbi_line"] == "97")
    assert (yuma["fbi_name"], yuma["fbi_agency_type"], yuma["residents_served"]) == ("Yuma", "County", "58124")
    assert sum(int(r["residents_served"]) for r in rows if r["state"] == "AZ" and r["fbi_agency_type"] in
               ("City", "County") and r["residents_served"]) == 1048000, "the state page's covered residents"
    unmatched = next(r for r in rows if r["rule"].startswith("no FBI agency"))
    assert unmatched["fbi_agency_type"] == unmatched["residents_served"] == ""


def test_county_names_that_are_no_census_county_are_listed_with_their_lines_and_why(data_dir):
    """Line 99 (Yuma city) given the county YUMMA and line 102 (Wellton) "YUMA, LAPAZ": neither name is a Census county
    of Arizona; Wellton still counts in Yuma County, Yuma city in no county. Line 317 (NH) is UNMAPPED COUNTY as
    published."""
    path = data_dir / TABLE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[98] = lines[98].replace(",Yuma,AZ,YUMA,City,", ",Yuma,AZ,YUMMA,City,")
    lines[101] = lines[101].replace(",Wellton,AZ,YUMA,City,", ',Wellton,AZ,"YUMA, LAPAZ",City,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    english, spanish = make_renderers(validate(data_dir, today=TODAY), data_dir)
    pages = english.render_all()
    page = pages["maintainers/fbi-lee-counties.md"]
    assert "3 county names in the county column of the FBI's staffing table" in text(page)
    assert "on 3 of its rows" in text(page)
    rows = {re.sub(r"<[^>]+>", "", row.split("</td>")[1]): text(row) for row in page.split("<tr id=")[1:]}
    assert set(rows) == {"LAPAZ", "YUMMA", "UNMAPPED COUNTY"}
    assert ("102 No Census county of exactly this name in the state; one differs only in spacing, periods, accents or "
            "a suffix: La Paz County (04012). Line 102 also names a county that matched, and counts there.") in rows["LAPAZ"]
    assert "99 No Census county of this name in the state." in rows["YUMMA"] and "Arizona" in rows["YUMMA"]
    assert "317 The FBI placed the agency in no county." in rows["UNMAPPED COUNTY"]
    yuma = text(pages["counties/az-04027.md"].split('id="coverage"')[1].split("</section>")[0])
    assert "Law-enforcement agencies of Yuma County in the FBI's staffing table: 5," in yuma, "line 99 is in no county"
    assert "1 city or county agency whose county column names other counties too is left out of it" in yuma
    assert 'fbi-lee-counties/">their list</a>' in pages["maintainers/fbi-lee-unmatched.md"]
    es = spanish.render_all()["es/maintainers/fbi-lee-counties.md"]
    assert "Ningún condado del censo con este nombre en el estado" in text(es)
    assert "(Federal Register, 6 de junio de 2022)" in text(es) and "(Federal Register, June 6, 2022)" in text(page)


def test_a_connecticut_planning_region_is_named_as_such_and_not_matched():
    from scripts.records.datasets.fbi_lee import StaffRow, unplaced_cells
    rows = [StaffRow(5, "CT0000100", 2025, "Hartford", "CT", ("CAPITOL PLANNING REGION",), "City", 400, 120000),
            StaffRow(6, "CT0000200", 2025, "Greenwich", "CT", ("WESTERN CONNECTICUT PLANNING REGION",), "City", 150)]
    counties = {("CT", "HARTFORD"): "09003", ("CT", "FAIRFIELD"): "09001"}
    names = [("CT", "Hartford County", "09003"), ("CT", "Fairfield County", "09001")]
    found = unplaced_cells(rows, counties, names)
    assert [(c.cell, c.lines, c.why, c.census) for c in found] == [
        ("CAPITOL PLANNING REGION", (5,), "planning region", ""),
        ("WESTERN CONNECTICUT PLANNING REGION", (6,), "planning region", "")]


def test_the_table_is_in_alphabetical_order_of_the_states_names_in_both_languages(data_dir):
    """Sorted by postal code, Alaska came before Alabama and Massachusetts before Maryland. Five states are added to a
    copy of the fixture's tables (whose Arizona, Guam and New Hampshire sort the same either way); North Carolina is
    "Carolina del Norte" on a Spanish page, so it comes first of the C's there and after New Hampshire in English."""
    path = data_dir / TABLE
    added = ["MA0000100,2025,Boston,MA,SUFFOLK,City,650000,2000,300,2300,3.54",
             "MD0000100,2025,Baltimore,MD,BALTIMORE CITY,City,580000,2200,400,2600,4.48",
             "AK0000100,2025,Anchorage,AK,ANCHORAGE,City,290000,400,100,500,1.72",
             "AL0000100,2025,Mobile,AL,MOBILE,City,187000,450,120,570,3.05",
             "NC0000100,2025,Raleigh,NC,WAKE,City,480000,800,150,950,1.98"]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(added) + "\n", encoding="utf-8")
    reference = data_dir / "datasets" / "reference"
    states = reference / "state_fips_names.csv"
    states.write_text(states.read_text(encoding="utf-8") + "Massachusetts,MA,25\nMaryland,MD,24\nAlaska,AK,02\n"
                      "Alabama,AL,01\nNorth Carolina,NC,37\n", encoding="utf-8")
    spanish_names = reference / "state_names_es.csv"
    spanish_names.write_text(spanish_names.read_text(encoding="utf-8") + "MA,Massachusetts\nMD,Maryland\n"
                             "AK,Alaska\nAL,Alabama\nNC,Carolina del Norte\n", encoding="utf-8")
    expected = {"en": ["Alabama", "Alaska", "Arizona", "Guam", "Maryland", "Massachusetts", "New Hampshire",
                       "North Carolina"],
                "es": ["Alabama", "Alaska", "Arizona", "Carolina del Norte", "Guam", "Maryland", "Massachusetts",
                       "Nuevo Hampshire"]}
    for renderer in make_renderers(validate(data_dir, today=TODAY), data_dir):
        page = renderer.render_all()[renderer.language.path("coverage/index.md")]
        table = page.split('<table class="record-table stack-narrow">')[1].split("</table>")[0]
        assert re.findall(r'#coverage">([^<]+)</a></td>', table) == expected[renderer.language.code]


def test_names_are_put_in_each_languages_alphabetical_order():
    from scripts.site.i18n import ENGLISH, spanish

    assert sorted(["Ohio", "Oklahoma", "Ñandú", "Nuevo León", "Álava", "Alabama"], key=spanish().collation_key) == \
        ["Alabama", "Álava", "Nuevo León", "Ñandú", "Ohio", "Oklahoma"], "ñ is a letter after n; accents do not count"
    assert sorted(["maryland", "Massachusetts", "Maine"], key=ENGLISH.collation_key) == \
        ["Maine", "maryland", "Massachusetts"], "case does not count"

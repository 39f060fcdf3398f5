"""The federal lists of "sanctuary jurisdictions" (issue #29): DHS's list of May 29, 2025 read from the print of its
page, the Justice Department's of August 5, 2025 typed from its release; every entry matched to a state or county
where it can be, the list's errors kept and noted, and the pages that show them.

THE HAND COUNT. The DHS print (data/datasets/sanctuary-lists/dhs-2025-05-29-print.pdf) was turned into text with
`pdftotext -layout` and read state by state, top to bottom. Under each state's "State", "County"/"Counties" and
"City"/"Cities" heading the names were counted by hand in fives and written down per state (California: 1 state
entry, 48 counties, 63 cities; Illinois: 1, 96, 7; Washington: 1, 35, 5; …); the per-state figures were then added up
per heading. That gives 14 entries under a State heading, 391 under a County heading and 200 under a City heading,
605 in all, in 36 states and the District of Columbia counted as one of them (36 sections). The counts go by the
heading an entry is printed under, not by what the entry is: Kansas's "Lawrence" is printed under County and
"Douglas County" under Cities, and count as a county and a city entry."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from scripts.records.datasets.sanctuary_lists import (census_counties, city_records, match, matching_report, read_print,
                                                      read_table, table_text)
from scripts.records.validate import validate
from scripts.site.i18n import spanish
from scripts.site.render import Renderer
from scripts.site.sanctuary_lists_view import load_lists

from .conftest import FIXTURE_DATA, ROOT, TODAY
from .test_places import COUNTIES, write_tables

FOLDER = ROOT / "data" / "datasets" / "sanctuary-lists"
REFERENCE = ROOT / "data" / "datasets" / "reference"
HAND_COUNT = {"state": 14, "county": 391, "city": 200}
HAND_COUNT_BY_STATE = {"CA": {"state": 1, "county": 48, "city": 63}, "IL": {"state": 1, "county": 96, "city": 7},
                       "WA": {"state": 1, "county": 35, "city": 5}, "KS": {"state": 0, "county": 1, "city": 1},
                       "NJ": {"state": 1, "county": 3, "city": 18}, "VA": {"state": 0, "county": 19, "city": 13}}
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) missing")


@pytest.fixture(scope="module")
def printed():
    return read_print(FOLDER / "dhs-2025-05-29-print.pdf", REFERENCE)


@needs_pdftotext
def test_the_dhs_print_gives_the_hand_counted_entries_by_heading(printed):
    assert Counter(e.kind for e in printed) == HAND_COUNT
    assert len({e.state for e in printed}) == 36
    for state, counts in HAND_COUNT_BY_STATE.items():
        assert Counter(e.kind for e in printed if e.state == state) == Counter(counts) + Counter(), state


@needs_pdftotext
def test_the_committed_table_is_what_the_print_gives(printed):
    assert (FOLDER / "dhs-2025-05-29.csv").read_text(encoding="utf-8") == table_text(printed)


def test_matching_keeps_the_lists_errors_and_notes_them():
    entries = {(e.state, e.name): e for e in match(read_table(FOLDER / "dhs-2025-05-29.csv"),
                                                   census_counties(REFERENCE))}
    lawrence, douglas = entries[("KS", "Lawrence")], entries[("KS", "Douglas County")]
    assert (lawrence.listed_under, lawrence.match, lawrence.note) == ("County", "", "wrong-heading")
    assert (douglas.listed_under, douglas.match, douglas.county_fips, douglas.note) == (
        "Cities", "county", "20045", "wrong-heading")
    assert (entries[("CO", "Denver")].county_fips, entries[("CO", "Denver")].note) == ("08031", "same-as-county-entry")
    assert entries[("VA", "Alexandria")].county_fips == "51510", "an independent city is a county equivalent"
    assert entries[("GA", "Athens-Clarke County")].county_fips == "13059"
    assert entries[("CA", "Berkeley")].match == "", "a city matches its state only"


def test_the_matching_rate_is_what_the_pages_report():
    entries = match(read_table(FOLDER / "dhs-2025-05-29.csv"), census_counties(REFERENCE))
    rate = Counter((e.kind, e.match) for e in entries)
    assert rate[("county", "county")] == 390 and rate[("county", "")] == 1
    assert rate[("state", "state")] == 14
    assert rate[("city", "county")] == 22 and rate[("city", "")] == 178


def test_the_ingest_reports_the_matching_rate_and_lists_every_unmatched_entry():
    report = matching_report(match(read_table(FOLDER / "dhs-2025-05-29.csv"), census_counties(REFERENCE)))
    lines = report.splitlines()
    assert lines[0] == ("matched a state, county or city record of their own: 426 of 605 (70.4%); matched to their "
                        "state only: 179"), "without city records"
    assert len(lines) == 1 + 179
    assert any(line.startswith("  KS: Lawrence (County; wrong-heading), line ") for line in lines)


def _city(record_id: str, name: str, state: str, county: str = ""):
    from types import SimpleNamespace
    return SimpleNamespace(id=record_id, name=name, kind="city", state=state, county=county or None)


def test_a_city_entry_matches_a_city_record_and_through_it_its_county():
    cities = city_records([_city("boston-ma", "Boston, Massachusetts", "MA", "ma-25025"),
                           _city("new-york-city-ny", "New York City, New York", "NY"),
                           _city("iowa-city-ia", "Iowa City, Iowa", "IA", "ia-19103")])
    entries = match(read_table(FOLDER / "dhs-2025-05-29.csv"), census_counties(REFERENCE), cities)
    named = {(e.state, e.name): e for e in entries}
    boston, nyc = named[("MA", "Boston")], named[("NY", "New York City")]
    assert (boston.match, boston.jurisdiction, boston.county_fips) == ("city", "boston-ma", "25025")
    assert (nyc.match, nyc.jurisdiction, nyc.county_fips) == ("city", "new-york-city-ny", ""), "no county: spans five"
    assert named[("CO", "Denver")].match == "county", "a consolidated city-county still matches its county"
    assert named[("CA", "Berkeley")].match == "", "a city without a record matches its state only"
    assert matching_report(entries).splitlines()[0] == (
        "matched a state, county or city record of their own: 428 of 605 (70.7%); matched to their state only: 177")
    ddor = match(read_table(FOLDER / "ice-ddor-2017-03-20.csv"), census_counties(REFERENCE), cities)
    iowa_city = next(e for e in ddor if e.state == "IA" and e.kind == "city")
    assert (iowa_city.name, iowa_city.jurisdiction) == ("Iowa City, Johnson County", "iowa-city-ia"), \
        "the report names the city with its county; the name before the comma is the city's"


def test_the_justice_department_list_has_its_35_entries():
    entries = match(read_table(FOLDER / "doj-2025-08-05.csv"), census_counties(REFERENCE))
    assert Counter(e.kind for e in entries) == {"state": 13, "county": 4, "city": 18}
    assert {e.name for e in entries if e.match == "county" and e.kind == "city"} == {
        "Denver", "New Orleans", "Philadelphia", "San Francisco City"}


def _small_lists(data_dir: Path) -> None:
    folder = data_dir / "datasets" / "sanctuary-lists"
    folder.mkdir(parents=True)
    rows = [(1, 10, "TX", "Texas", "Counties", "county", "Travis County"),
            (2, 12, "TX", "Texas", "Cities", "city", "Austin")]
    for name in ("dhs-2025-05-29.csv", "doj-2025-08-05.csv"):
        with (folder / name).open("w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["entry", "source_line", "state", "state_name", "listed_under", "kind", "name"])
            writer.writerows(rows[:2] if name.startswith("dhs") else rows[:1])


def test_state_county_and_list_pages_say_who_is_named(data_dir):
    write_tables(data_dir)
    _small_lists(data_dir)
    lists = load_lists(data_dir / "datasets")
    pages = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists).render_all()
    travis = pages["counties/tx-48453.md"].split('id="federal-lists"')[1].split("</section>")[0]
    assert "DHS's list of sanctuary jurisdictions, May 29, 2025" in travis and "(taken down by June 1, 2025)" in travis
    assert "The Justice Department's list" in travis and 'Travis County</span>” (under the heading <span lang="en">Counties</span>)' in travis
    texas = pages["states/tx.md"].split('id="federal-lists"')[1].split("</section>")[0]
    assert "the state itself: no; counties: 1; cities: 1" in texas
    assert 'id="federal-lists"' not in pages["states/al.md"]
    listing = pages["sanctuary-lists/dhs-2025-05-29.md"]
    assert '<a href="../../counties/tx-48453/">Travis County</a>' in listing
    assert "Rate: 50.0% of the entries" in listing
    unmatched = pages["maintainers/sanctuary-lists-unmatched.md"]
    assert 'TX: <span lang="en">Austin</span> (<span lang="en">Cities</span>)' in unmatched
    assert "Travis County" not in unmatched.split("<h2")[1]


def test_every_list_names_sources_and_an_event_the_real_data_has(real_dataset):
    from scripts.site.sanctuary_lists_view import LISTS
    dataset = real_dataset
    for federal in LISTS:
        for record_id in (*federal.sources, federal.event):
            assert record_id in dataset.collection_of, f"{federal.id}: no record {record_id!r}"


def test_a_jurisdiction_record_says_which_lists_named_it(data_dir):
    folder = data_dir / "datasets" / "sanctuary-lists"
    folder.mkdir(parents=True)
    (folder / "dhs-2025-05-29.csv").write_text(
        "entry,source_line,state,state_name,listed_under,kind,name\n"
        "1,9,IL,Illinois,Counties,county,Example County\n2,10,IL,Illinois,Cities,city,Example County\n")
    lists = load_lists(data_dir / "datasets")  # no Census tables here: nothing matches a county, names still do
    page = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists).render_all()[
        "jurisdictions/example-county-il.md"]
    named = page.split('id="federal-lists"')[1].split("</section>")[0]
    assert 'Example County</span>” (under the heading <span lang="en">Counties</span>)' in named
    assert "Cities" not in named, "a city entry does not name a county record"


def test_the_ddor_list_holds_what_its_sources_name_with_ices_correction():
    entries = match(read_table(FOLDER / "ice-ddor-2017-03-20.csv"), census_counties(REFERENCE))
    section_one = [e for e in entries if e.listed_under == "Section I"]
    assert len(section_one) == 10 and all(e.match == "county" for e in section_one), "the ten counties, all matched"
    assert {(e.state, e.name) for e in entries if e.note == "ice-correction-misattributed"} == {
        ("IA", "Montgomery County"), ("IA", "Franklin County"), ("NY", "Franklin County"), ("PA", "Franklin County")}
    assert Counter(e.note for e in entries if e.note.startswith("ice-correction")) == {
        "ice-correction-misattributed": 4, "ice-correction-transferred": 2, "ice-correction-wrong-location": 2}
    assert all(e.source and e.pinpoint for e in entries), "every entry names its source"
    travis = [e for e in entries if e.name == "Travis County"]
    assert [(e.listed_under, e.note) for e in travis] == [("Section II", ""), ("Section III", "")], \
        "named in two sections: not a duplicate"
    orleans = next(e for e in entries if e.state == "LA")
    assert orleans.county_fips == "22071"


def test_every_ddor_entry_cites_a_source_record_the_real_data_has(real_dataset):
    dataset = real_dataset
    for e in read_table(FOLDER / "ice-ddor-2017-03-20.csv"):
        assert e.source in dataset.collection_of, f"entry {e.entry}: no source record {e.source!r}"


def test_a_partial_list_says_so_and_a_county_page_shows_the_correction(data_dir):
    write_tables(data_dir)
    folder = data_dir / "datasets" / "sanctuary-lists"
    folder.mkdir(parents=True)
    (folder / "ice-ddor-2017-03-20.csv").write_text(
        "entry,source_line,state,state_name,listed_under,kind,name,note,source,pinpoint\n"
        "1,1,TX,Texas,Section I,county,Travis County,ice-correction-misattributed,no-such-source,paragraph 6\n")
    lists = load_lists(data_dir / "datasets")
    pages = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists).render_all()
    listing = pages["sanctuary-lists/ice-ddor-2017-03-20.md"]
    assert "Not the whole list" in listing and "only the part of it the site can cite" in listing
    assert "1 entries in 1 states" in listing
    assert "ice-correction-misattributed" in listing.split('id="matching"')[1].split("</dl>")[0]
    assert "wrong-heading" not in listing, "only the notes the list uses are explained"
    county = pages["counties/tx-48453.md"].split('id="federal-lists"')[1].split("</section>")[0]
    assert "Declined Detainer Outcome Report, March 20, 2017" in county
    assert "the detainers were issued to agencies in similarly named places elsewhere" in county
    assert '(<span lang="en">Section I</span>)' in county, "a report's section, not a heading"
    assert '<table class="record-table stack-narrow">' in listing and 'data-label="Source"' in listing, \
        "on a phone each entry is a block, its source under it"
    es = Renderer(validate(data_dir, today=TODAY), sanctuary_lists=lists, language=spanish()).render_all()
    assert "No es la lista completa" in es["es/sanctuary-lists/ice-ddor-2017-03-20.md"]
    assert "corrección de ICE: las órdenes de retención se dirigieron a agencias" in es["es/counties/tx-48453.md"]
    assert "Nombrado en listas federales de jurisdicciones santuario" in es["es/counties/tx-48453.md"]
    assert "Report, March 20, 2017 (in part)</a>" in county and "de 2017 (en parte)</a>" in es["es/counties/tx-48453.md"]


def test_the_ddor_list_has_section_iiis_first_four_entries_in_the_reports_order():
    section_three = [e for e in read_table(FOLDER / "ice-ddor-2017-03-20.csv") if e.listed_under == "Section III"]
    assert [(e.state, e.name) for e in sorted(section_three, key=lambda e: e.source_line)] == [
        ("TX", "Travis County"), ("NY", "Ithaca"), ("IA", "Iowa City, Johnson County"), ("CO", "Boulder County")]
    entries = match(read_table(FOLDER / "ice-ddor-2017-03-20.csv"), census_counties(REFERENCE))
    assert len(entries) == 20
    assert next(e for e in entries if e.name == "Boulder County").county_fips == "08013"


def _city_site(data_dir: Path):
    """A fixture site with Austin as a city record in Travis County, sued after DHS's list, and both lists."""
    write_tables(data_dir)
    _small_lists(data_dir)
    (data_dir / "jurisdictions" / "austin-tx.yaml").write_text(
        "id: austin-tx\nname: Austin, Texas\nkind: city\nstate: TX\ncounty: tx-48453\ncases:\n  - example-v-city\n"
        "  - example-v-agency\n"
        "last_reviewed: 2026-11-01\n", encoding="utf-8")
    case = (data_dir / "cases" / "example-v-agency.yaml").read_text(encoding="utf-8")
    (data_dir / "cases" / "example-v-city.yaml").write_text(
        case.replace("id: example-v-agency", "id: example-v-city").replace("title: Example v. Agency",
                                                                          "title: United States v. Example City")
        .replace("filed: 2013-05", "filed: 2025-07").replace("decided: 2014-04-11\n", "").replace(
            "status: decided", "status: pending"), encoding="utf-8")
    source = (data_dir / "sources" / "example-report-2014.yaml").read_text(encoding="utf-8")
    (data_dir / "sources" / "dhs-2025-05-29-sanctuary-jurisdictions-page.yaml").write_text(
        source.replace("id: example-report-2014", "id: dhs-2025-05-29-sanctuary-jurisdictions-page").replace(
            "An Example Report on Detainers", "Sanctuary Jurisdictions Defying Federal Immigration Law"),
        encoding="utf-8")
    dataset = validate(data_dir, today=TODAY)
    lists = load_lists(data_dir / "datasets", dataset.collections["jurisdictions"].values())
    return dataset, lists


def test_a_city_page_says_where_it_lies_which_lists_named_it_and_what_came_after(data_dir):
    dataset, lists = _city_site(data_dir)
    pages = Renderer(dataset, sanctuary_lists=lists).render_all()
    austin = pages["jurisdictions/austin-tx.md"]
    assert '<dt>County</dt> <dd><a href="../../counties/tx-48453/">Travis County</a></dd>' in austin
    named = austin.split('id="federal-lists"')[1].split("</section>")[0]
    dhs = named.split("<li>")[1]
    assert "DHS's list of sanctuary jurisdictions, May 29, 2025" in dhs and '“<span lang="en">Austin</span>”' in dhs
    assert "Published on May 29, 2025; source:" in dhs and "Sanctuary Jurisdictions Defying Federal Immigration Law" in dhs
    assert "(taken down by June 1, 2025)" in dhs
    assert "Afterwards, in court:" in dhs and "United States v. Example City" in dhs and "filed July 2025" in dhs
    assert "The Justice Department" not in named, "the DOJ list (in the fixture) names Travis County, not Austin"
    assert "Example v. Agency" not in named, "a case filed and decided before the lists is not 'afterwards'"
    cases = austin.split('id="cases"')[1].split("</section>")[0]
    assert "United States v. Example City</a>: filed July 2025; pending" in cases
    assert "Example v. Agency</a>: filed May 2013; decided April 11, 2014" in cases, "decided: no status repeated"
    travis = pages["counties/tx-48453.md"]
    assert '<a href="../../jurisdictions/austin-tx/">Austin, Texas</a>' in travis.split('id="records"')[1]
    assert "United States v. Example City" in travis.split('id="records"')[1], "the city's case on its county's page"
    assert ('“<span lang="en">Austin</span>” (under the heading <span lang="en">Cities</span>: '
            '<a href="../../jurisdictions/austin-tx/">Austin, Texas</a>)') in travis.split(
        'id="federal-lists"')[1].split("</section>")[0], "the city's entry is shown on its county's page, linked"
    listing = pages["sanctuary-lists/dhs-2025-05-29.md"]
    assert ('<a href="../../jurisdictions/austin-tx/">Austin, Texas</a> (Travis County)' in listing)
    assert "1 city entry matched a city record of this site" in listing and "Rate: 100.0% of the entries" in listing
    assert "Austin" not in pages["maintainers/sanctuary-lists-unmatched.md"].split("<h2")[1]
    assert "that match no county or city record (only the state they are listed in)" in pages[
        "maintainers/sanctuary-lists-unmatched.md"].split("---")[1], "a city record matches too: the page says so"
    es = Renderer(dataset, sanctuary_lists=lists, language=spanish()).render_all()
    assert "que no corresponden a ningún registro de condado ni de ciudad (solo al estado en que figuran)" in es[
        "es/maintainers/sanctuary-lists-unmatched.md"].split("---")[1]
    es_named = es["es/jurisdictions/austin-tx.md"].split('id="federal-lists"')[1].split("</section>")[0]
    assert "Publicada el 29 de mayo de 2025; fuente:" in es_named and "Después, en los tribunales:" in es_named
    assert "1 entrada de ciudad se identificó con un registro de ciudad" in es["es/sanctuary-lists/dhs-2025-05-29.md"]


def test_only_a_city_is_placed_in_a_county_of_its_own_state(data_dir):
    from scripts.records.problems import DataError
    (data_dir / "jurisdictions" / "example-county-il.yaml").write_text(
        (data_dir / "jurisdictions" / "example-county-il.yaml").read_text(encoding="utf-8").replace(
            "state: IL\n", "state: IL\ncounty: il-17031\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    report = raised.value.report()
    assert "data/jurisdictions/example-county-il.yaml:" in report and "only a city is placed in a county" in report, \
        report


def _downloaded_rows(data_dir: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The federal-sanctuary-lists table of the downloads, as a journalist gets it: (list, name) -> its row."""
    import io

    from scripts.site.downloads import render_downloads
    files, _ = render_downloads(validate(data_dir, today=TODAY), data_dir / "datasets")
    table = files["downloads/datasets/federal-sanctuary-lists.csv"]
    return {(row["list"], row["name"]): row for row in csv.DictReader(io.StringIO(table))}


def test_the_downloaded_table_matches_a_city_as_the_page_does_and_follows_the_city_record(data_dir, tmp_path):
    import frictionless

    from .test_datapackage import errors, write_downloads
    write_tables(data_dir, counties=COUNTIES + "48,491,Williamson County\n")
    shutil.copytree(FIXTURE_DATA / "datasets" / "npr-detainers", data_dir / "datasets" / "npr-detainers")
    _small_lists(data_dir)
    austin = ("dhs-2025-05-29", "Austin")
    before = _downloaded_rows(data_dir)[austin]
    assert (before["match"], before["jurisdiction_id"], before["county_fips"]) == ("", "", ""), "no city record yet"

    # A city record added, the datasets folder untouched (its file stamps the same): the table follows the record.
    record = data_dir / "jurisdictions" / "austin-tx.yaml"
    record.write_text("id: austin-tx\nname: Austin, Texas\nkind: city\nstate: TX\ncounty: tx-48453\n"
                      "last_reviewed: 2026-11-01\n", encoding="utf-8")
    rows = _downloaded_rows(data_dir)
    assert (rows[austin]["match"], rows[austin]["jurisdiction_id"], rows[austin]["county_fips"]) == \
        ("city", "austin-tx", "48453")
    travis = rows[("dhs-2025-05-29", "Travis County")]
    assert (travis["match"], travis["jurisdiction_id"], travis["county_fips"]) == ("county", "", "48453")

    # The page and the download say the same of every entry.
    dataset = validate(data_dir, today=TODAY)
    lists = load_lists(data_dir / "datasets", dataset.collections["jurisdictions"].values())
    assert {(f.id, e.name): (e.match, e.jurisdiction, e.county_fips) for f in lists for e in f.entries} == \
        {key: (row["match"], row["jurisdiction_id"], row["county_fips"]) for key, row in rows.items()}
    listing = Renderer(dataset, sanctuary_lists=lists).render_all()["sanctuary-lists/dhs-2025-05-29.md"]
    assert '<a href="../../jurisdictions/austin-tx/">Austin, Texas</a> (Travis County)' in listing

    # The record placed in another county: the row's county follows.
    record.write_text(record.read_text(encoding="utf-8").replace("tx-48453", "tx-48491"), encoding="utf-8")
    moved = _downloaded_rows(data_dir)[austin]
    assert (moved["match"], moved["jurisdiction_id"], moved["county_fips"]) == ("city", "austin-tx", "48491")

    # The table stays valid, its keys leading to the jurisdiction record and the Census county (write_tables's
    # 287(g) provenance has no retrieval date, which frictionless refuses in 287g-lists: not this table's concern).
    from scripts.site.downloads import render_downloads
    files, _ = render_downloads(validate(data_dir, today=TODAY), data_dir / "datasets")
    found = errors(frictionless.validate(write_downloads(files, tmp_path / "site")))
    assert [e for e in found if e[0] in ("federal-sanctuary-lists", "jurisdictions", "package")] == [], found
    package = json.loads(files["downloads/datapackage.json"])
    schema = next(r for r in package["resources"] if r["name"] == "federal-sanctuary-lists")["schema"]
    assert {"fields": ["jurisdiction_id"], "reference": {"resource": "jurisdictions", "fields": ["id"]}} in \
        schema["foreignKeys"]
    assert "city" in next(f for f in schema["fields"] if f["name"] == "match")["constraints"]["enum"]
    record.unlink()
    gone = _downloaded_rows(data_dir)[austin]
    assert (gone["match"], gone["jurisdiction_id"], gone["county_fips"]) == ("", "", ""), "the record removed"

"""Agency, county and state pages derived from small 287(g) and Census tables written here: what a reader sees on
them, that a bad table cell is reported as file:line:column, and that an agreement's address can never become a
script or markup. Expectations are read from the fixture tables, not typed twice."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil

import pytest

from scripts.records import dates
from scripts.records.problems import DataError
from scripts.records.registry import REGISTRY
from scripts.records.validate import validate
from scripts.site.i18n import spanish as spanish_language
from scripts.site.render import Renderer, render_site
from scripts.tools.formatter import _hand_written
from scripts.tools.template_export import template_files

from .conftest import TODAY

AGENCY_HEADER = ("agency_id,name,state,state_postal,state_fips,county_fips,county_name,county_source,agency_type,"
                 "first_list,last_list,lists,on_latest_list,names_as_published")
LIST_HEADER = ("list_date,source_row,state,state_fips,agency_id,agency,agency_type,county,model,signed,"
               "signed_as_published,agreement_url,agreement_link_text,addendum_url")
HOSTILE_URL = 'https://example.org/moa.pdf"><script>alert(1)</script>'
AGENCIES = [
    "al-autauga-county-sheriffs-office,Autauga County Sheriff's Office,Alabama,AL,01,01001,Autauga County,"
    "county column,County,2026-01-31,2026-05-18,2,true,Autauga County Sheriff's Office | Autauga Co. Sheriff",
    "al-dothan-police-department,Dothan Police Department,Alabama,AL,01,,,,Municipality,2026-05-18,2026-05-18,1,"
    "true,Dothan Police Department",
    "tx-austin-police-department,Austin Police Department,Texas,TX,48,48453,Travis County,county column,"
    "Municipality,2026-01-31,2026-01-31,1,false,Austin Police Department",
]
LISTS = {
    "2026-01-31": [
        "2026-01-31,2,ALABAMA,01,al-autauga-county-sheriffs-office,Autauga Co. Sheriff,County,Autauga,"
        "Task Force Model,2025-09-22,,https://www.ice.gov/doclib/287gMOA/autauga-tfm.pdf,link,",
        "2026-01-31,3,TEXAS,48,tx-austin-police-department,Austin Police Department,Municipality,Travis,"
        "Warrant Service Officer,2025-12-01,,,link pending,",
    ],
    "2026-05-18": [
        "2026-05-18,4,ALABAMA,01,al-autauga-county-sheriffs-office,Autauga County Sheriff's Office,County,Autauga,"
        f"Jail Enforcement Model,,05/082025,{HOSTILE_URL},link,",
        "2026-05-18,2,ALABAMA,01,al-autauga-county-sheriffs-office,Autauga County Sheriff's Office,County,Autauga,"
        "Task Force Model,2025-09-22,,https://www.ice.gov/doclib/287gMOA/autauga-tfm.pdf,link,",
        "2026-05-18,5,ALABAMA,01,al-dothan-police-department,Dothan Police Department,Municipality,,"
        "Task Force Model,2026-04-02,,,link pending,",
    ],
}
STATES = "name,postal,fips\nAlabama,AL,01\nTexas,TX,48\n"
SPANISH_STATES = "postal,name_es\nAL,Alabama\nTX,Texas\n"
COUNTIES = "statefp,countyfp,name\n01,001,Autauga County\n01,003,Baldwin County\n48,453,Travis County\n"


def write_tables(data_dir, agencies=AGENCIES, lists=LISTS, counties=COUNTIES):
    """These tables in place of the fixture's own (datasets/ is replaced whole)."""
    shutil.rmtree(data_dir / "datasets", ignore_errors=True)
    reference = data_dir / "datasets" / "reference"
    reference.mkdir(parents=True)
    (reference / "state_fips_names.csv").write_text(STATES, encoding="utf-8")
    (reference / "state_names_es.csv").write_text(SPANISH_STATES, encoding="utf-8")
    (reference / "county_fips_names.csv").write_text(counties, encoding="utf-8")
    ice = data_dir / "datasets" / "ice-287g"
    (ice / "lists").mkdir(parents=True)
    (ice / "agencies.csv").write_text("\n".join([AGENCY_HEADER, *agencies]) + "\n", encoding="utf-8")
    for date, rows in lists.items():
        (ice / "lists" / f"{date}.csv").write_text("\n".join([LIST_HEADER, *rows]) + "\n", encoding="utf-8")
        (ice / "lists" / f"{date}.provenance.json").write_text(json.dumps({  # every field the pages read
            "list_date": date, "list_date_basis": "the file name's date", "file_name": f"participatingAgencies{date}.xlsx",
            "file_name_date": date, "sha256": "ab" * 32, "agreements": len(rows), "publisher": "ICE",
            "publisher_url": "https://www.ice.gov/identify-and-arrest/287g", "licence": "public domain",
            "source_url": "https://www.ice.gov/identify-and-arrest/287g", "retrieved": None, "warnings": []}),
            encoding="utf-8")


def rows(text_rows, header):
    return list(csv.DictReader(io.StringIO("\n".join([header, *text_rows]))))


@pytest.fixture
def places_site(data_dir):
    write_tables(data_dir)
    dataset = validate(data_dir, today=TODAY)
    return dataset, render_site(dataset)


def body(page: str) -> str:
    return html.unescape(page.split("<section class=\"cite-this\"")[0])


def test_agency_page_shows_each_model_with_its_signed_date_link_and_source_row(places_site):
    _dataset, pages = places_site
    page = pages["agencies/al-autauga-county-sheriffs-office.md"]
    latest = max(LISTS)
    for line, row in enumerate(rows(LISTS[latest], LIST_HEADER), start=2):
        if row["agency_id"] != "al-autauga-county-sheriffs-office":
            continue
        cells = page.split(f"<td>{row['model']}</td>", 1)[1].split("</tr>", 1)[0]
        signed = dates.display(row["signed"]) if row["signed"] else "unknown"
        assert signed in cells, f"{row['model']}: the signed date"
        assert f"line {line}, ICE's row {row['source_row']}" in cells, "which line of which list"
    assert '<a href="https://www.ice.gov/doclib/287gMOA/autauga-tfm.pdf"' in page
    assert "ICE wrote “05/082025”" in html.unescape(page), "an unusable date is shown as published, not guessed"
    assert f"data/datasets/ice-287g/lists/{latest}.csv" in page and f"lists/{latest}.provenance.json" in page
    text = body(page)
    assert "Yes, on ICE's list of May 18, 2026" in text
    assert "January 31, 2026" in text, "its first list"
    assert f"(2 of the {len(LISTS)} monthly lists since January 31, 2026)" in text
    assert "Autauga Co. Sheriff" in text, "every name it was published under"
    assert '<a href="../../counties/al-01001/">Autauga County, Alabama</a>' in page


def test_markup_in_an_agreement_address_is_escaped_and_a_script_address_is_no_link(places_site, data_dir):
    dataset, pages = places_site
    page = pages["agencies/al-autauga-county-sheriffs-office.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page
    agency = dataset.collections["agencies"]["al-autauga-county-sheriffs-office"]
    scripted = agency.agreements[0].model_copy(update={"agreement_url": "javascript:alert(1)"})
    dataset.collections["agencies"][agency.id] = agency.model_copy(update={"agreements": [scripted]})
    renderer = Renderer(dataset)
    page = renderer.render_all()["agencies/al-autauga-county-sheriffs-office.md"]
    assert 'href="javascript' not in page
    assert "not a web address: <code>javascript:alert(1)</code>" in page


def test_a_script_address_in_the_table_is_rejected_with_its_cell(data_dir):
    lists = {**LISTS, "2026-05-18": [LISTS["2026-05-18"][0].replace(HOSTILE_URL, "javascript:alert(1)")]}
    write_tables(data_dir, lists=lists)
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY)
    column = LIST_HEADER.split(",").index("agreement_url") + 1
    assert any(str(p).startswith(f"data/datasets/ice-287g/lists/2026-05-18.csv:2:{column}: agreement_url")
               for p in error.value.problems), [str(p) for p in error.value.problems]


def test_a_county_with_no_agency_says_so_and_one_whose_agency_left_names_it(places_site):
    _dataset, pages = places_site
    lists = len(LISTS)
    baldwin = body(pages["counties/al-01003.md"])
    assert "No agency in Baldwin County was on ICE's list of May 18, 2026." in baldwin
    assert f"None was on any of the {lists} monthly lists since January 31, 2026 either." in baldwin
    travis = body(pages["counties/tx-48453.md"])
    assert "No agency in Travis County was on ICE's list of May 18, 2026." in travis
    assert "Austin Police Department" in travis and "last on the list of January 31, 2026" in travis
    autauga = body(pages["counties/al-01001.md"])
    assert "Autauga County Sheriff's Office" in autauga and "JEM, TFM" in autauga


def test_state_page_counts_by_list_and_flags_agencies_without_a_county(places_site):
    dataset, pages = places_site
    page = body(pages["states/al.md"])
    for date, list_rows in LISTS.items():
        alabama = [r for r in rows(list_rows, LIST_HEADER) if r["state_fips"] == "01"]
        counts = [sum(r["model"] == m for r in alabama) for m in
                  ("Jail Enforcement Model", "Task Force Model", "Warrant Service Officer")]
        assert f"<td>{date}</td>" + "".join(f"<td>{n}</td>" for n in counts) in page
    latest = page.split('id="over-time"')[1].split("</table>")[0].split("<tr>")[-1]
    assert latest.startswith(f"<td>{max(LISTS)}</td>"), "the latest list ends the table"
    unknown = page.split('id="unknown-county"')[1]
    assert "County not known" in unknown and "Dothan Police Department" in unknown
    texas = body(pages["states/tx.md"])
    assert "Austin Police Department" in texas.split('id="left"')[1]
    # Texas's only agency left before the latest list: the lead says so in words, not "0 agencies ... 0 agreements"
    assert "No agency of Texas is on ICE's 287(g) list of May 18, 2026." in texas and "0 agencies" not in texas
    spanish = body(Renderer(dataset, language=spanish_language()).render_all()["es/states/tx.md"])
    assert "Ninguna agencia de Texas figura en la lista 287(g) de ICE del 18 de mayo de 2026." in spanish


def test_place_pages_are_found_by_search_with_their_kind(places_site):
    _dataset, pages = places_site
    for path, kind in [("agencies/al-dothan-police-department.md", "Agency"), ("counties/al-01003.md", "County"),
                       ("states/tx.md", "State")]:
        assert f'data-pagefind-filter="kind:{kind}"' in pages[path]
        assert 'data-pagefind-meta="title_x' in pages[path], "the name weighs more than words in other pages"


def test_a_bad_cell_is_reported_with_file_line_and_column_and_no_pages_are_made(data_dir):
    bad = [AGENCIES[0].replace(",01001,", ",1001,"), *AGENCIES[1:]]
    write_tables(data_dir, agencies=bad)
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY)
    column = AGENCY_HEADER.split(",").index("county_fips") + 1
    assert any(str(p).startswith(f"data/datasets/ice-287g/agencies.csv:2:{column}: county_fips")
               for p in error.value.problems), [str(p) for p in error.value.problems]


def test_a_blank_census_name_is_reported_on_its_line(data_dir):
    write_tables(data_dir, counties=COUNTIES.replace("Baldwin County", ""))
    with pytest.raises(DataError) as error:
        validate(data_dir, today=TODAY)
    assert any(str(p).startswith("data/datasets/reference/county_fips_names.csv:3:3: name")
               for p in error.value.problems), [str(p) for p in error.value.problems]


def test_derived_collections_are_left_out_of_what_people_write_and_in_what_they_read(places_site):
    dataset, pages = places_site
    derived = {c.name for c in REGISTRY.derived()}
    assert derived == {"agencies", "counties", "states"}
    assert not derived & set(_hand_written()), "the formatter does not touch them"
    assert not {f"{name}.yaml" for name in derived} & set(template_files()), "no record template"
    for name in derived:
        assert f"downloads/{name}.json" in pages and f"{name}/index.md" in pages
    assert "agencies/al-dothan-police-department" not in pages["changes/index.md"], "not a change anyone made"


def test_every_county_page_links_to_a_section_its_state_page_has(places_site):
    """A county page sends readers to its state's agencies without a county, even in a state that has none."""
    _dataset, pages = places_site
    assert 'href="../../states/tx/#unknown-county"' in pages["counties/tx-48453.md"]
    assert 'id="unknown-county"' in pages["states/tx.md"]


def test_a_county_page_opens_with_its_answer_then_the_detail(places_site):
    """#30: agencies with agreements now, since when and which model, and what changed last, before anything else."""
    _dataset, pages = places_site
    autauga = body(pages["counties/al-01001.md"])
    answer = autauga[autauga.index('<div class="place-answer">'):autauga.index("</div>")]
    assert autauga.index('<div class="place-answer">') < autauga.index("FIPS code")
    assert "Yes: 1 agency in Autauga County is on ICE's 287(g) list of May 18, 2026." in answer
    assert "Autauga County Sheriff's Office</a>: JEM, TFM, on the lists since January 31, 2026" in answer
    assert "No change since ICE's first list here, of January 31, 2026." in answer
    travis = body(pages["counties/tx-48453.md"])
    answer = travis[travis.index('<div class="place-answer">'):travis.index("</div>")]
    assert "No agency in Travis County was on ICE's list of May 18, 2026." in answer
    assert re.search(r'Last change: <a href="[^"]+">Austin Police Department</a> was last on ICE\'s list of '
                     r"January 31, 2026\.", answer)


def test_the_home_page_finder_has_a_small_index_of_every_place_in_each_language(places_site, data_dir):
    dataset, pages = places_site
    index = json.loads(pages["places.json"])
    assert index["folders"] == {"s": "states/", "c": "counties/", "a": "agencies/"}
    assert ["Autauga County, Alabama", "al-01001", "c"] in index["places"]
    assert ["Dothan Police Department, AL", "al-dothan-police-department", "a"] in index["places"]
    assert ["Texas", "tx", "s"] in index["places"]
    home = pages["index.md"]
    assert home.index('<form class="place-finder"') < home.index('<p class="lead">'), "the box comes first"
    assert 'data-index="places.json" data-base="./"' in home
    spanish = Renderer(dataset, language=spanish_language()).render_all()
    assert "es/places.json" in spanish
    assert 'data-index="../es/places.json" data-base="../es/"' in spanish["es/index.md"]
    assert "¿Está mi condado en 287(g)?" in spanish["es/index.md"]

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
guessed)."""

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
def pages(data_dir):
    english, spanish = make_renderers(validate(data_dir, today=TODAY), data_dir)
    return english.render_all() | spanish.render_all()


def test_a_states_page_gives_its_shares_and_the_rows_behind_them(pages):
    arizona = text(pages["states/az.md"].split('id="coverage"')[1].split("</section>")[0])
    assert ("Law-enforcement agencies of Arizona in the FBI's staffing table: 128, with 13,051 sworn officers. On ICE's "
            "287(g) list of May 18, 2026: 7 of those agencies (5.5%), employing 1,500 of the sworn officers (11.5%)."
            ) in arizona
    assert "its 128 rows for Arizona; data years 2018–2025 (each agency's latest)." in arizona
    assert "The agencies on ICE's list are on lines 6, 40, 57, 73, 87, 97, 104." in arizona
    assert "2 agencies of Arizona on ICE's list were not found in the FBI's table" in arizona
    assert '</a>. <a href="../../coverage/">Every state</a>.' in pages["states/az.md"], "a space between the links"
    spanish = text(pages["es/states/az.md"].split('id="coverage"')[1].split("</section>")[0])
    assert "7 de esas agencias (5,5 %), que emplean a 1500 de los agentes juramentados (11,5 %)" in spanish


def test_a_countys_page_counts_the_agencies_its_county_column_names(pages):
    yuma = text(pages["counties/az-04027.md"].split('id="coverage"')[1].split("</section>")[0])
    assert ("Law-enforcement agencies of Yuma County in the FBI's staffing table: 6, with 298 sworn officers. On ICE's "
            "287(g) list of May 18, 2026: 1 of those agencies (16.7%), employing 80 of the sworn officers (26.8%)."
            ) in yuma
    assert "The agency on ICE's list is on line 97." in yuma and "data years 2025 (each agency's latest)" in yuma


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
    assert (data_dir / TABLE).read_bytes() == source.read_bytes()

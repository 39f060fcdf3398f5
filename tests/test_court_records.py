"""A case's link to its court record on CourtListener and its reporter citations (checked offline with eyecite and
reporters-db): a wrong one is a problem at its line saying what to do; a right one is shown as courts write it."""

from __future__ import annotations

import pytest

from scripts.records.validate import validate
from scripts.site.i18n import languages
from scripts.site.render import Renderer

from .conftest import TODAY
from .test_validate import CASE, problems_for

PATH = "cases/galarza-v-szalczyk.yaml"
WHERE = "data/cases/galarza-v-szalczyk.yaml:5:"  # the line after docket, where both fields go


def with_field(line: str) -> str:
    return CASE.replace('docket: "No. 12-3991"\n', f'docket: "No. 12-3991"\n{line}\n')


@pytest.mark.parametrize("line", [
    "courtlistener: https://www.courtlistener.com/docket/4321051/galarza-v-szalczyk/",
    "courtlistener: https://www.courtlistener.com/opinion/2645622/galarza-v-szalczyk/",
    "courtlistener: https://www.courtlistener.com/opinion/2645622/",
    "citation: 745 F.3d 634 (3d Cir. 2014)",
    "citation: 2020 MT 69, 399 Mont. 254, 460 P.3d 867",
    "citation: \"416 F. Supp. 3d 995 (C.D. Cal. 2019), rev'd in part, 975 F.3d 788 (9th Cir. 2020)\"",
])
def test_good_court_record_and_citations_pass(data_dir, line):
    assert problems_for(data_dir, PATH, with_field(line)) == []


@pytest.mark.parametrize("line, expected", [
    ("courtlistener: https://casetext.com/case/galarza-v-szalczyk",
     '16: case galarza-v-szalczyk: courtlistener: "https://casetext.com/case/galarza-v-szalczyk" is not a page of '
     "CourtListener: this field holds the address of the case's docket or opinion there, "
     "https://www.courtlistener.com/docket/NUMBER/CASE-NAME/ or https://www.courtlistener.com/opinion/NUMBER/CASE-NAME/; "
     "find the case on https://www.courtlistener.com/ and copy that page's address (a link to another site goes "
     "under links)"),
    ("courtlistener: https://www.courtlistener.com.evil.example/docket/1/x/",
     '16: case galarza-v-szalczyk: courtlistener: "https://www.courtlistener.com.evil.example/docket/1/x/" is not a '
     "page of CourtListener"),
    ("courtlistener: https://www.courtlistener.com/?q=Galarza",
     '16: case galarza-v-szalczyk: courtlistener: "https://www.courtlistener.com/?q=Galarza" is not the address of a '
     "docket or an opinion on CourtListener: it must read https://www.courtlistener.com/docket/NUMBER/CASE-NAME/ or "
     "https://www.courtlistener.com/opinion/NUMBER/CASE-NAME/ (a search, a PDF or a filing is not the case's "
     "record); open the case's docket or opinion and copy its address"),
    ("courtlistener: courtlistener.com/docket/4321051/galarza-v-szalczyk/",
     '16: case galarza-v-szalczyk: courtlistener: "courtlistener.com/docket/4321051/galarza-v-szalczyk/" is not a web '
     "address: write the full address, starting with http:// or https://"),
    ("citation: F.3d 634 (3d Cir. 2014)",
     '11: case galarza-v-szalczyk: citation: "F.3d 634 (3d Cir. 2014)" is not a reporter citation; write it as '
     'volume, reporter and first page, as courts do, e.g. "745 F.3d 634 (3d Cir. 2014)", or leave the field out if '
     "the case has none (its docket number goes in docket)"),
    ("citation: 745 F.3d at 640",
     '11: case galarza-v-szalczyk: citation: "745 F.3d at 640" is not a full citation of a case; write each '
     'citation as volume, reporter and first page, as courts do, e.g. "745 F.3d 634 (3d Cir. 2014)"'),
    ("citation: 745 F.3rd 634 (3d Cir. 2014)",
     '11: case galarza-v-szalczyk: citation: "745 F.3rd 634": "F.3rd" is not a reporter that reporters-db knows '
     '(did you mean "F.3d" or "P.3d" or "F.2d"?); write the reporter\'s abbreviation as the opinion\'s first page '
     "gives it (e.g. F.3d, F. Supp. 3d, U.S.), or leave the citation out if the case was not published in a "
     "reporter"),
    ("citation: 745 F.3d 634, 12 Fake Rptr. 9 (3d Cir. 2014)",
     '11: case galarza-v-szalczyk: citation: "12 Fake Rptr. 9": "Fake Rptr." is not a reporter that reporters-db '
     "knows"),
])
def test_wrong_court_record_or_citation_is_reported_at_its_line(data_dir, line, expected):
    problems = problems_for(data_dir, PATH, with_field(line))
    assert len(problems) == 1
    assert problems[0].startswith(WHERE + expected)


def test_case_page_shows_the_citation_as_courts_write_it_and_links_the_court_record(data_dir):
    (data_dir / PATH).write_text(with_field(
        "citation: 745 F3d 634 (3d Cir. 2014), 349 F.Supp.3d 1276\n"
        "courtlistener: https://www.courtlistener.com/opinion/2645622/galarza-v-szalczyk/"), encoding="utf-8")
    dataset = validate(data_dir, today=TODAY)
    for language in languages():
        page = Renderer(dataset, language=language).render_all()[language.path("cases/galarza-v-szalczyk.md")]
        assert "745 F.3d 634 (3d Cir. 2014), 349 F. Supp. 3d 1276" in page
        assert "745 F3d" not in page and "F.Supp.3d" not in page
        link = '<a href="https://www.courtlistener.com/opinion/2645622/galarza-v-szalczyk/" rel="noopener noreferrer">'
        label = {"en": "Opinion on CourtListener", "es": "Opinión judicial en CourtListener"}[language.code]
        assert link + label + "</a>" in page
        assert {"en": "Court record", "es": "Registro judicial"}[language.code] in page


def test_a_docket_is_named_as_a_docket(data_dir):
    (data_dir / PATH).write_text(with_field(
        "courtlistener: https://www.courtlistener.com/docket/4321051/galarza-v-szalczyk/"), encoding="utf-8")
    page = Renderer(validate(data_dir, today=TODAY)).render_all()["cases/galarza-v-szalczyk.md"]
    assert ">Docket on CourtListener</a>" in page

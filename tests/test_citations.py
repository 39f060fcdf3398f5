"""'Cite this' formats: exact strings for several record types, checked by hand against the style guides' rules
(see the docstring of scripts/site/citations.py for the rules and sources)."""

from __future__ import annotations

import json
import re

import pytest

from scripts.records.schema import Case, Event, Quote, Source, Statistic
from scripts.records.validate import validate
from scripts.site import citations
from scripts.site.citations import (
    Citable,
    Citation,
    apa,
    bibtex,
    bibtex_escape,
    bluebook,
    chicago_bibliography,
    chicago_note,
    citable_for_page,
    citable_for_record,
    csl_json,
    csl_json_text,
    mla,
)

from .conftest import TODAY

SITE = "https://example.org/site"
CTX = {"today": TODAY}
SOURCES = [{"source": "example-report-2014"}]


def case_record():
    return Case.model_validate({
        "id": "galarza-v-szalczyk", "title": "Galarza v. Szalczyk",
        "court": "U.S. Court of Appeals for the Third Circuit",
        "docket": "No. 12-3991", "status": "decided", "holding": "Detainers are requests.",
        "significance": "It matters.", "sources": SOURCES, "last_reviewed": "2026-11-23"}, context=CTX)


def question_event():
    return Event.model_validate({
        "id": "2014-03-04-will-ice-comply", "title": "Will ICE comply with the ruling?", "date": "2014-03-04",
        "type": "court-decision", "summary": "A question.", "sources": SOURCES, "last_reviewed": "2026-09-05"},
        context=CTX)


def colon_event():
    return Event.model_validate({
        "id": "2009-11-dhs-first-year-results", "date": "2009-11", "type": "report", "summary": "Results.",
        "title": "DHS reports first-year results of Secure Communities: 95 jurisdictions in 11 states",
        "sources": SOURCES, "last_reviewed": "2026-02-28"}, context=CTX)


def statistic_record():
    return Statistic.model_validate({
        "id": "example-count-2012", "title": "287(g) agreements in 2012", "value": 57, "unit": "agreements",
        "definition": "Agreements in force.", "period": {"start": "2012-09-30", "end": "2012-09-30"},
        "geography": "United States", "sources": SOURCES, "last_reviewed": "2026-06-01"}, context=CTX)


def special_source():
    return Source.model_validate({
        "id": "detainers-and-dollars", "title": "Detainers & Dollars: 40% of Holds Cost $1,000 or More",
        "publisher": "Example Institute", "date": "2015", "type": "report", "url": "https://example.org/report",
        "last_reviewed": "2026-05-09"}, context=CTX)


def quoted_event():
    return Event.model_validate({
        "id": "2014-04-sheriff-unconstitutional", "title": 'Sheriff calls detainers "unconstitutional"',
        "date": "2014-04", "type": "statement", "summary": "A statement.", "sources": SOURCES,
        "last_reviewed": "2026-01-15"}, context=CTX)


def abbreviation_event():
    return Event.model_validate({
        "id": "2012-05-15-massachusetts", "title": "Secure Communities begins today in Mass.", "date": "2012-05-15",
        "type": "expansion", "summary": "It began.", "sources": SOURCES, "last_reviewed": "2026-03-10"}, context=CTX)


def cite(factory, collection):
    return citable_for_record(SITE, collection, factory())


# ----------------------------------------------------------------------------------------------------- Citable data

def test_citable_for_a_case_record():
    c = cite(case_record, "cases")
    assert c == Citable(id="galarza-v-szalczyk", title="Galarza v. Szalczyk", kind="case",
                        url="https://example.org/site/cases/galarza-v-szalczyk/", last_updated="2026-11-23",
                        container="Detainers Record", author="Detainers Record contributors", case_name=True)


@pytest.mark.parametrize("factory, collection, kind", [
    (question_event, "events", "event"), (statistic_record, "statistics", "statistic"),
    (special_source, "sources", "source")])
def test_citable_kind_url_and_date_come_from_the_record(factory, collection, kind):
    record = factory()
    c = citable_for_record(SITE + "/", collection, record)  # a trailing slash on site_url makes no difference
    assert (c.kind, c.id, c.title, c.last_updated, c.case_name) == (kind, record.id, record.title,
                                                                    record.last_reviewed, False)
    assert c.url == f"https://example.org/site/{collection}/{record.id}/"


def test_record_without_a_title_is_cited_by_its_id_or_a_given_title():
    quote = Quote.model_validate({
        "id": "example-quote", "text": "It will end.", "speaker": "example-official", "date": "2014-11-20",
        "context": "Said then.", "sources": SOURCES, "last_reviewed": "2026-11-01"}, context=CTX)
    assert citable_for_record(SITE, "quotes", quote).title == "example-quote"
    assert citable_for_record(SITE, "quotes", quote, title="Quotation: It will end").title == \
        "Quotation: It will end"


def test_citable_for_a_page():
    c = citable_for_page(SITE, "cases/", "Court cases", "2026-11-23", "cases")
    assert (c.url, c.kind, c.case_name) == ("https://example.org/site/cases/", "page", False)
    assert bluebook(c).text == "Court cases, Detainers Record, https://example.org/site/cases/ " \
                               "(last updated Nov. 23, 2026)."


@pytest.mark.parametrize("site_url", ["", "example.org/site", "ftp://example.org", "https://exa mple.org"])
def test_site_url_must_be_absolute(site_url):
    with pytest.raises(ValueError, match="site_url"):
        citable_for_record(site_url, "cases", case_record())


@pytest.mark.parametrize("value", ["2026-11", "2026-02-30", "23 Nov 2026", ""])
def test_last_updated_must_be_a_full_date(value):
    with pytest.raises(ValueError):
        Citable(id="x", title="T", kind="page", url="https://example.org/", last_updated=value)


def test_title_whitespace_is_normalised_and_required():
    assert Citable(id="x", title=" A\n title ", kind="page", url="https://example.org/",
                   last_updated="2026-01-01").title == "A title"
    with pytest.raises(ValueError):
        Citable(id="x", title="  ", kind="page", url="https://example.org/", last_updated="2026-01-01")


# ------------------------------------------------------------------------------------------------------------- APA 7

APA = {
    # A case name is italic in running text, so inside the italic page title it is reverse-italicised (roman).
    "case": ("Detainers Record contributors. (2026, November 23). Galarza v. Szalczyk. Detainers Record. "
             "https://example.org/site/cases/galarza-v-szalczyk/",
             "Detainers Record contributors. (2026, November 23). Galarza v. Szalczyk. Detainers Record. "
             "https://example.org/site/cases/galarza-v-szalczyk/"),
    # The question mark ends the title element: no added period.
    "question": ("Detainers Record contributors. (2026, September 5). Will ICE comply with the ruling? Detainers "
                 "Record. https://example.org/site/events/2014-03-04-will-ice-comply/",
                 "Detainers Record contributors. (2026, September 5). <i>Will ICE comply with the ruling?</i> "
                 "Detainers Record. https://example.org/site/events/2014-03-04-will-ice-comply/"),
    "colon": ("Detainers Record contributors. (2026, February 28). DHS reports first-year results of Secure "
              "Communities: 95 jurisdictions in 11 states. Detainers Record. "
              "https://example.org/site/events/2009-11-dhs-first-year-results/",
              "Detainers Record contributors. (2026, February 28). <i>DHS reports first-year results of Secure "
              "Communities: 95 jurisdictions in 11 states</i>. Detainers Record. "
              "https://example.org/site/events/2009-11-dhs-first-year-results/"),
    "statistic": ("Detainers Record contributors. (2026, June 1). 287(g) agreements in 2012. Detainers Record. "
                  "https://example.org/site/statistics/example-count-2012/",
                  "Detainers Record contributors. (2026, June 1). <i>287(g) agreements in 2012</i>. Detainers "
                  "Record. https://example.org/site/statistics/example-count-2012/"),
    "special": ("Detainers Record contributors. (2026, May 9). Detainers & Dollars: 40% of Holds Cost $1,000 or "
                "More. Detainers Record. https://example.org/site/sources/detainers-and-dollars/",
                "Detainers Record contributors. (2026, May 9). <i>Detainers &amp; Dollars: 40% of Holds Cost "
                "$1,000 or More</i>. Detainers Record. https://example.org/site/sources/detainers-and-dollars/"),
    # American style: the period goes inside the closing quotation mark.
    "quoted": ('Detainers Record contributors. (2026, January 15). Sheriff calls detainers "unconstitutional." '
               "Detainers Record. https://example.org/site/events/2014-04-sheriff-unconstitutional/",
               'Detainers Record contributors. (2026, January 15). <i>Sheriff calls detainers "unconstitutional."'
               "</i> Detainers Record. https://example.org/site/events/2014-04-sheriff-unconstitutional/"),
    # The abbreviation's period also ends the element: never "Mass..".
    "abbreviation": ("Detainers Record contributors. (2026, March 10). Secure Communities begins today in Mass. "
                     "Detainers Record. https://example.org/site/events/2012-05-15-massachusetts/",
                     "Detainers Record contributors. (2026, March 10). <i>Secure Communities begins today in "
                     "Mass.</i> Detainers Record. https://example.org/site/events/2012-05-15-massachusetts/"),
}

RECORDS = {
    "case": (case_record, "cases"), "question": (question_event, "events"), "colon": (colon_event, "events"),
    "statistic": (statistic_record, "statistics"), "special": (special_source, "sources"),
    "quoted": (quoted_event, "events"), "abbreviation": (abbreviation_event, "events"),
}


@pytest.mark.parametrize("name", APA)
def test_apa(name):
    assert apa(cite(*RECORDS[name])) == Citation(*APA[name])


def test_apa_with_a_retrieval_date():
    assert apa(cite(question_event, "events"), accessed="2026-12-01").text == (
        "Detainers Record contributors. (2026, September 5). Will ICE comply with the ruling? Detainers Record. "
        "Retrieved December 1, 2026, from https://example.org/site/events/2014-03-04-will-ice-comply/")


# ------------------------------------------------------------------------------------------------------------- MLA 9

MLA = {
    # Corporate author = publisher = site: author and publisher omitted. Case names are italic in MLA.
    "case": ('"Galarza v. Szalczyk." Detainers Record, 23 Nov. 2026, '
             "https://example.org/site/cases/galarza-v-szalczyk/.",
             '"<i>Galarza v. Szalczyk</i>." <i>Detainers Record</i>, 23 Nov. 2026, '
             "https://example.org/site/cases/galarza-v-szalczyk/."),
    "question": ('"Will ICE comply with the ruling?" Detainers Record, 5 Sept. 2026, '
                 "https://example.org/site/events/2014-03-04-will-ice-comply/.",
                 '"Will ICE comply with the ruling?" <i>Detainers Record</i>, 5 Sept. 2026, '
                 "https://example.org/site/events/2014-03-04-will-ice-comply/."),
    "colon": ('"DHS reports first-year results of Secure Communities: 95 jurisdictions in 11 states." Detainers '
              "Record, 28 Feb. 2026, https://example.org/site/events/2009-11-dhs-first-year-results/.",
              '"DHS reports first-year results of Secure Communities: 95 jurisdictions in 11 states." <i>Detainers '
              "Record</i>, 28 Feb. 2026, https://example.org/site/events/2009-11-dhs-first-year-results/."),
    "statistic": ('"287(g) agreements in 2012." Detainers Record, 1 June 2026, '
                  "https://example.org/site/statistics/example-count-2012/.",
                  '"287(g) agreements in 2012." <i>Detainers Record</i>, 1 June 2026, '
                  "https://example.org/site/statistics/example-count-2012/."),
    "special": ('"Detainers & Dollars: 40% of Holds Cost $1,000 or More." Detainers Record, 9 May 2026, '
                "https://example.org/site/sources/detainers-and-dollars/.",
                '"Detainers &amp; Dollars: 40% of Holds Cost $1,000 or More." <i>Detainers Record</i>, 9 May 2026, '
                "https://example.org/site/sources/detainers-and-dollars/."),
    # Quotation marks inside a quoted title become single; the period goes inside both.
    "quoted": ('"Sheriff calls detainers \'unconstitutional.\'" Detainers Record, 15 Jan. 2026, '
               "https://example.org/site/events/2014-04-sheriff-unconstitutional/.",
               '"Sheriff calls detainers \'unconstitutional.\'" <i>Detainers Record</i>, 15 Jan. 2026, '
               "https://example.org/site/events/2014-04-sheriff-unconstitutional/."),
    "abbreviation": ('"Secure Communities begins today in Mass." Detainers Record, 10 Mar. 2026, '
                     "https://example.org/site/events/2012-05-15-massachusetts/.",
                     '"Secure Communities begins today in Mass." <i>Detainers Record</i>, 10 Mar. 2026, '
                     "https://example.org/site/events/2012-05-15-massachusetts/."),
}


@pytest.mark.parametrize("name", MLA)
def test_mla(name):
    assert mla(cite(*RECORDS[name])) == Citation(*MLA[name])


def test_mla_with_an_access_date():
    assert mla(cite(case_record, "cases"), accessed="2026-12-01").text == (
        '"Galarza v. Szalczyk." Detainers Record, 23 Nov. 2026, '
        "https://example.org/site/cases/galarza-v-szalczyk/. Accessed 1 Dec. 2026.")


@pytest.mark.parametrize("month, expected", [(1, "Jan."), (2, "Feb."), (3, "Mar."), (4, "Apr."), (5, "May"),
                                             (6, "June"), (7, "July"), (8, "Aug."), (9, "Sept."), (10, "Oct."),
                                             (11, "Nov."), (12, "Dec.")])
def test_mla_and_bluebook_month_abbreviations(month, expected):
    c = Citable(id="x", title="T", kind="page", url="https://example.org/", last_updated=f"2026-{month:02d}-07")
    assert f", 7 {expected} 2026, " in mla(c).text
    assert f"(last updated {expected} 7, 2026)." in bluebook(c).text


def test_an_author_other_than_the_site_is_kept():
    c = Citable(id="x", title="T", kind="page", url="https://example.org/", last_updated="2026-01-02",
                author="Example Clinic")
    assert mla(c).text == 'Example Clinic. "T." Detainers Record, 2 Jan. 2026, https://example.org/.'
    assert bluebook(c).text == "Example Clinic, T, Detainers Record, https://example.org/ (last updated Jan. 2, 2026)."


# ------------------------------------------------------------------------------------------------------- Chicago 17

CHICAGO_NOTE = {
    "case": ('Detainers Record contributors, "Galarza v. Szalczyk," Detainers Record, last modified November 23, '
             "2026, https://example.org/site/cases/galarza-v-szalczyk/.",
             'Detainers Record contributors, "<i>Galarza v. Szalczyk</i>," Detainers Record, last modified '
             "November 23, 2026, https://example.org/site/cases/galarza-v-szalczyk/."),
    # No comma after a question mark.
    "question": ('Detainers Record contributors, "Will ICE comply with the ruling?" Detainers Record, last modified '
                 "September 5, 2026, https://example.org/site/events/2014-03-04-will-ice-comply/.",) * 2,
    "colon": ('Detainers Record contributors, "DHS reports first-year results of Secure Communities: 95 '
              'jurisdictions in 11 states," Detainers Record, last modified February 28, 2026, '
              "https://example.org/site/events/2009-11-dhs-first-year-results/.",) * 2,
    "statistic": ('Detainers Record contributors, "287(g) agreements in 2012," Detainers Record, last modified '
                  "June 1, 2026, https://example.org/site/statistics/example-count-2012/.",) * 2,
    "special": ('Detainers Record contributors, "Detainers & Dollars: 40% of Holds Cost $1,000 or More," Detainers '
                "Record, last modified May 9, 2026, https://example.org/site/sources/detainers-and-dollars/.",
                'Detainers Record contributors, "Detainers &amp; Dollars: 40% of Holds Cost $1,000 or More," '
                "Detainers Record, last modified May 9, 2026, "
                "https://example.org/site/sources/detainers-and-dollars/."),
    "quoted": ('Detainers Record contributors, "Sheriff calls detainers \'unconstitutional,\'" Detainers Record, '
               "last modified January 15, 2026, https://example.org/site/events/2014-04-sheriff-unconstitutional/.",)
    * 2,
    # A comma after an abbreviation's period is kept.
    "abbreviation": ('Detainers Record contributors, "Secure Communities begins today in Mass.," Detainers Record, '
                     "last modified March 10, 2026, https://example.org/site/events/2012-05-15-massachusetts/.",) * 2,
}

CHICAGO_BIBLIOGRAPHY = {
    "case": ('Detainers Record contributors. "Galarza v. Szalczyk." Detainers Record. Last modified November 23, '
             "2026. https://example.org/site/cases/galarza-v-szalczyk/.",
             'Detainers Record contributors. "<i>Galarza v. Szalczyk</i>." Detainers Record. Last modified '
             "November 23, 2026. https://example.org/site/cases/galarza-v-szalczyk/."),
    "question": ('Detainers Record contributors. "Will ICE comply with the ruling?" Detainers Record. Last modified '
                 "September 5, 2026. https://example.org/site/events/2014-03-04-will-ice-comply/.",) * 2,
    "colon": ('Detainers Record contributors. "DHS reports first-year results of Secure Communities: 95 '
              'jurisdictions in 11 states." Detainers Record. Last modified February 28, 2026. '
              "https://example.org/site/events/2009-11-dhs-first-year-results/.",) * 2,
    "statistic": ('Detainers Record contributors. "287(g) agreements in 2012." Detainers Record. Last modified '
                  "June 1, 2026. https://example.org/site/statistics/example-count-2012/.",) * 2,
    "special": ('Detainers Record contributors. "Detainers & Dollars: 40% of Holds Cost $1,000 or More." Detainers '
                "Record. Last modified May 9, 2026. https://example.org/site/sources/detainers-and-dollars/.",
                'Detainers Record contributors. "Detainers &amp; Dollars: 40% of Holds Cost $1,000 or More." '
                "Detainers Record. Last modified May 9, 2026. "
                "https://example.org/site/sources/detainers-and-dollars/."),
    "quoted": ('Detainers Record contributors. "Sheriff calls detainers \'unconstitutional.\'" Detainers Record. '
               "Last modified January 15, 2026. https://example.org/site/events/2014-04-sheriff-unconstitutional/.",)
    * 2,
    "abbreviation": ('Detainers Record contributors. "Secure Communities begins today in Mass." Detainers Record. '
                     "Last modified March 10, 2026. https://example.org/site/events/2012-05-15-massachusetts/.",) * 2,
}


@pytest.mark.parametrize("name", CHICAGO_NOTE)
def test_chicago_note(name):
    assert chicago_note(cite(*RECORDS[name])) == Citation(*CHICAGO_NOTE[name])


@pytest.mark.parametrize("name", CHICAGO_BIBLIOGRAPHY)
def test_chicago_bibliography(name):
    assert chicago_bibliography(cite(*RECORDS[name])) == Citation(*CHICAGO_BIBLIOGRAPHY[name])


# ------------------------------------------------------------------------------------------------------ Bluebook 21

BLUEBOOK = {
    # Case name inside an italic title: roman (reverse italics). Institutional author omitted (18.2.2(a)).
    "case": ("Galarza v. Szalczyk, Detainers Record, https://example.org/site/cases/galarza-v-szalczyk/ "
             "(last updated Nov. 23, 2026).",) * 2,
    # The Bluebook keeps the comma after a question mark.
    "question": ("Will ICE comply with the ruling?, Detainers Record, "
                 "https://example.org/site/events/2014-03-04-will-ice-comply/ (last updated Sept. 5, 2026).",
                 "<i>Will ICE comply with the ruling?</i>, Detainers Record, "
                 "https://example.org/site/events/2014-03-04-will-ice-comply/ (last updated Sept. 5, 2026)."),
    "colon": ("DHS reports first-year results of Secure Communities: 95 jurisdictions in 11 states, Detainers "
              "Record, https://example.org/site/events/2009-11-dhs-first-year-results/ (last updated Feb. 28, 2026).",
              "<i>DHS reports first-year results of Secure Communities: 95 jurisdictions in 11 states</i>, Detainers "
              "Record, https://example.org/site/events/2009-11-dhs-first-year-results/ (last updated Feb. 28, 2026)."),
    "statistic": ("287(g) agreements in 2012, Detainers Record, "
                  "https://example.org/site/statistics/example-count-2012/ (last updated June 1, 2026).",
                  "<i>287(g) agreements in 2012</i>, Detainers Record, "
                  "https://example.org/site/statistics/example-count-2012/ (last updated June 1, 2026)."),
    "special": ("Detainers & Dollars: 40% of Holds Cost $1,000 or More, Detainers Record, "
                "https://example.org/site/sources/detainers-and-dollars/ (last updated May 9, 2026).",
                "<i>Detainers &amp; Dollars: 40% of Holds Cost $1,000 or More</i>, Detainers Record, "
                "https://example.org/site/sources/detainers-and-dollars/ (last updated May 9, 2026)."),
    "quoted": ('Sheriff calls detainers "unconstitutional," Detainers Record, '
               "https://example.org/site/events/2014-04-sheriff-unconstitutional/ (last updated Jan. 15, 2026).",
               '<i>Sheriff calls detainers "unconstitutional,"</i> Detainers Record, '
               "https://example.org/site/events/2014-04-sheriff-unconstitutional/ (last updated Jan. 15, 2026)."),
    "abbreviation": ("Secure Communities begins today in Mass., Detainers Record, "
                     "https://example.org/site/events/2012-05-15-massachusetts/ (last updated Mar. 10, 2026).",
                     "<i>Secure Communities begins today in Mass.</i>, Detainers Record, "
                     "https://example.org/site/events/2012-05-15-massachusetts/ (last updated Mar. 10, 2026)."),
}


@pytest.mark.parametrize("name", BLUEBOOK)
def test_bluebook(name):
    assert bluebook(cite(*RECORDS[name])) == Citation(*BLUEBOOK[name])


# ----------------------------------------------------------------------------------------------------------- BibTeX

BIBTEX = {
    "case": r"""@misc{detainers-record:galarza-v-szalczyk,
  title = {{Galarza} v. {Szalczyk}},
  author = {{Detainers Record contributors}},
  howpublished = {\url{https://example.org/site/cases/galarza-v-szalczyk/}},
  year = {2026},
  month = nov,
  note = {Last updated 2026-11-23},
  urldate = {2026-11-23}
}
""",
    "question": r"""@misc{detainers-record:2014-03-04-will-ice-comply,
  title = {{Will} {ICE} comply with the ruling?},
  author = {{Detainers Record contributors}},
  howpublished = {\url{https://example.org/site/events/2014-03-04-will-ice-comply/}},
  year = {2026},
  month = sep,
  note = {Last updated 2026-09-05},
  urldate = {2026-09-05}
}
""",
    "statistic": r"""@misc{detainers-record:example-count-2012,
  title = {287(g) agreements in 2012},
  author = {{Detainers Record contributors}},
  howpublished = {\url{https://example.org/site/statistics/example-count-2012/}},
  year = {2026},
  month = jun,
  note = {Last updated 2026-06-01},
  urldate = {2026-06-01}
}
""",
    "special": r"""@misc{detainers-record:detainers-and-dollars,
  title = {{Detainers} \& {Dollars:} 40\% of {Holds} {Cost} \$1,000 or {More}},
  author = {{Detainers Record contributors}},
  howpublished = {\url{https://example.org/site/sources/detainers-and-dollars/}},
  year = {2026},
  month = may,
  note = {Last updated 2026-05-09},
  urldate = {2026-05-09}
}
""",
    "quoted": r"""@misc{detainers-record:2014-04-sheriff-unconstitutional,
  title = {{Sheriff} calls detainers ``unconstitutional''},
  author = {{Detainers Record contributors}},
  howpublished = {\url{https://example.org/site/events/2014-04-sheriff-unconstitutional/}},
  year = {2026},
  month = jan,
  note = {Last updated 2026-01-15},
  urldate = {2026-01-15}
}
""",
}


@pytest.mark.parametrize("name", BIBTEX)
def test_bibtex(name):
    assert bibtex(cite(*RECORDS[name])) == BIBTEX[name]


def test_bibtex_urldate_is_the_access_date_when_given():
    entry = bibtex(cite(case_record, "cases"), accessed="2026-12-01")
    assert "  urldate = {2026-12-01}\n" in entry and "note = {Last updated 2026-11-23}" in entry


@pytest.mark.parametrize("text, expected", [
    ("a & b", r"a \& b"), ("100%", r"100\%"), ("$5", r"\$5"), ("#1", r"\#1"), ("snake_case", r"snake\_case"),
    ("{x}", r"\textbraceleft{}x\textbraceright{}"), ("~home", r"\textasciitilde{}home"),
    ("x^2", r"x\textasciicircum{}2"), ("a\\b", r"a\textbackslash{}b"),
    ("& % $ # _ { } ~ ^ \\", r"\& \% \$ \# \_ \textbraceleft{} \textbraceright{} \textasciitilde{} "
                             r"\textasciicircum{} \textbackslash{}"),
])
def test_bibtex_escapes_special_characters(text, expected):
    assert bibtex_escape(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ICE's plan", "{ICE's} plan"), ("AT&T", r"{AT}\&{T}"), ("#1Foo", r"\#{1Foo}"), ("iPhone", "{iPhone}"),
    ("Form I-247A", "{Form} {I-247A}"), ("lower case only", "lower case only"),
])
def test_bibtex_protects_capitals_without_starting_a_group_with_a_backslash(text, expected):
    assert bibtex_escape(text, protect_case=True) == expected


def test_bibtex_braces_balance_and_url_is_escaped():
    c = Citable(id="x", title="{Odd} title}", kind="page", url="https://example.org/a%20b#frag{1}",
                last_updated="2026-01-02")
    entry = bibtex(c)
    assert r"\url{https://example.org/a\%20b\#frag\%7B1\%7D}" in entry
    depth = 0
    for char in entry:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


# --------------------------------------------------------------------------------------------------------- CSL-JSON

def test_csl_json_for_a_court_case_is_a_webpage():
    assert csl_json(cite(case_record, "cases")) == {
        "id": "detainers-record:galarza-v-szalczyk",
        "type": "webpage",
        "title": "Galarza v. Szalczyk",
        "container-title": "Detainers Record",
        "author": [{"literal": "Detainers Record contributors"}],
        "issued": {"date-parts": [[2026, 11, 23]]},
        "URL": "https://example.org/site/cases/galarza-v-szalczyk/",
    }


@pytest.mark.parametrize("name", RECORDS)
def test_csl_json_text_parses_with_the_required_keys(name):
    c = cite(*RECORDS[name])
    items = json.loads(csl_json_text(c, accessed="2026-12-01"))
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert {"id", "type", "title", "container-title", "author", "issued", "URL"} <= set(item)
    assert item["type"] == "webpage" and item["title"] == c.title and item["URL"] == c.url
    assert item["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert item == csl_json(c, accessed="2026-12-01")


def test_csl_json_keeps_special_characters_verbatim():
    item = json.loads(csl_json_text(cite(special_source, "sources")))[0]
    assert item["title"] == "Detainers & Dollars: 40% of Holds Cost $1,000 or More"


# ------------------------------------------------------------------------------------------------ title endings

@pytest.mark.parametrize("title, apa_title, mla_title, chicago_note_title, bluebook_title", [
    # A final apostrophe is not a closing quotation mark: the punctuation follows it.
    ("Detainers and the States'", "Detainers and the States'.", '"Detainers and the States\'."',
     '"Detainers and the States\',"', "Detainers and the States',"),
    ("Stop the holds!", "Stop the holds!", '"Stop the holds!"', '"Stop the holds!"', "Stop the holds!,"),
    ("Sheriff calls it \u201cunlawful\u201d", "Sheriff calls it \u201cunlawful.\u201d",
     '"Sheriff calls it \u2018unlawful.\u2019"', '"Sheriff calls it \u2018unlawful,\u2019"',
     "Sheriff calls it \u201cunlawful,\u201d"),
])
def test_title_endings(title, apa_title, mla_title, chicago_note_title, bluebook_title):
    c = Citable(id="x", title=title, kind="event", url="https://example.org/x/", last_updated="2026-01-02")
    assert apa(c).text == f"Detainers Record contributors. (2026, January 2). {apa_title} Detainers Record. " \
                          "https://example.org/x/"
    assert mla(c).text == f"{mla_title} Detainers Record, 2 Jan. 2026, https://example.org/x/."
    assert chicago_note(c).text == f"Detainers Record contributors, {chicago_note_title} Detainers Record, " \
                                   "last modified January 2, 2026, https://example.org/x/."
    assert bluebook(c).text == f"{bluebook_title} Detainers Record, https://example.org/x/ " \
                               "(last updated Jan. 2, 2026)."


# ------------------------------------------------------------------------------------------------ across the styles

def test_html_is_escaped():
    c = Citable(id="x", title="<script>alert(1)</script> & more", kind="page", url="https://example.org/?a=1&b=2",
                last_updated="2026-01-02")
    for citation in citations.citations(c).values():
        assert "<script>" not in citation.html
        assert "&lt;script&gt;" in citation.html
        assert "&amp;b=2" in citation.html


def test_same_input_same_output():
    first = {name: citations.citations(cite(*RECORDS[name])) for name in RECORDS}
    second = {name: citations.citations(cite(*RECORDS[name])) for name in RECORDS}
    assert first == second
    assert list(first["case"]) == list(citations.STYLE_LABELS)


def _check_punctuation(c: Citable, formatted: dict[str, Citation]) -> None:
    for style, citation in formatted.items():
        if style in ("bibtex", "csl-json"):
            continue
        text = citation.text
        assert not re.search(r"(?<!\.)\.\.(?!\.)", text), (style, text)  # a doubled period (not an ellipsis)
        assert not re.search(r"[?!]\.", text) and ",," not in text, (style, text)
        if style != "bluebook":  # only the Bluebook keeps a comma after a title's question mark
            assert not re.search(r"[?!],", text), (style, text)
        assert c.url in text and "  " not in text
        assert citation.html.count("<i>") == citation.html.count("</i>")
        assert re.sub(r"</?i>", "", citation.html) == text.replace("&", "&amp;").replace("<", "&lt;") \
            .replace(">", "&gt;")
    assert json.loads(formatted["csl-json"].text)[0]["URL"] == c.url


@pytest.mark.parametrize("data", ["fixture", pytest.param("real", marks=pytest.mark.slow)])
def test_every_record_of_the_data_can_be_cited(data, data_dir, request):
    dataset = validate(data_dir, today=TODAY) if data == "fixture" else request.getfixturevalue("real_dataset")
    count = 0
    for collection, records in dataset.collections.items():
        for record in records.values():
            c = citable_for_record(SITE, collection, record)
            assert c.last_updated == record.last_reviewed
            _check_punctuation(c, citations.citations(c))
            count += 1
    assert count == dataset.count()


def test_a_spanish_page_names_the_group_author_in_spanish():
    c = citable_for_page("https://example.org/site/", "es/cases/", "Casos", "2026-11-23", page_id="es-cases",
                         language="es")
    assert c.author == "Colaboradores de Detainers Record"
    assert apa(c).text.startswith("Colaboradores de Detainers Record. (2026, 23 de noviembre). Casos.")
    assert mla(c).text.startswith('"Casos." Detainers Record')  # MLA and Bluebook still omit the site as author
    assert bluebook(c).text.startswith("<i>Casos</i>") or bluebook(c).text.startswith("Casos")
    assert csl_json(c)["author"] == [{"literal": "Colaboradores de Detainers Record"}]
    english = citable_for_page("https://example.org/site/", "cases/", "Cases", "2026-11-23", page_id="cases")
    assert apa(english).text.startswith("Detainers Record contributors. (2026, November 23). Cases.")

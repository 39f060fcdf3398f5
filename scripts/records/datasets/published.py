"""The ingested tables as the downloads publish them: each one's pandera schema (its columns and their types,
declared once: the data package's Table Schema is derived from it), its keys, where it is read from and its
provenance. The 287(g) tables reuse the schemas they are ingested with (tables.py); the reference tables and the NPR
views are declared here, and a test checks the committed files against them.

A column's `metadata={"table_type": ...}` names a Table Schema type more precise than its dtype (a YYYY-MM column
is a `yearmonth`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ..problems import DataError, Problem
from ..table_files import read_csv, read_json
from . import ingest_detention as detention
from . import tables
from .npr_detainers import PROVENANCE as NPR_PROVENANCE
from .pending_287g import PENDING
from .releases_287g import RELEASES

PUBLIC_DOMAIN_US = {"name": "other-pd", "title": "Public domain: a work of the U.S. federal government "
                                                  "(17 U.S.C. 105)"}
NPR_LICENCE = {"name": "other-pd", "title": NPR_PROVENANCE["licence"]}

_year = pa.Column(int, pa.Check.in_range(2007, 2015))
_count = pa.Column(int, pa.Check.ge(0))
_text = pa.Column(str)
_share = pa.Column(float, pa.Check.in_range(0, 1), nullable=True)
_county_fips = pa.Column(str, pa.Check.str_matches(r"^\d{5}$"), nullable=True)
_source = pa.Column(str, pa.Check.str_length(min_value=1),
                    description="The NPR table and its line numbers (line 1 is the header) that produced the row.")


def _month() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}$"), metadata={"table_type": "yearmonth"})


_OTHER_NAMES = pa.Column(str, description="Other names the Census table gives the same code, joined with \"; \".")
STATES = pa.DataFrameSchema({
    "fips": pa.Column(str, pa.Check.str_matches(r"^\d{2}$"), unique=True),
    "postal": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$"), unique=True),
    "name": pa.Column(str, pa.Check.str_length(min_value=1)),
    "other_names": _OTHER_NAMES,
}, strict=True, ordered=True, name="states")

COUNTIES = pa.DataFrameSchema({
    "county_fips": pa.Column(str, pa.Check.str_matches(r"^\d{5}$"), unique=True,
                             description="The 5-digit county FIPS code: statefp followed by countyfp."),
    "statefp": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
    "countyfp": pa.Column(str, pa.Check.str_matches(r"^\d{3}$")),
    "name": pa.Column(str, pa.Check.str_length(min_value=1)),
    "other_names": _OTHER_NAMES,
}, strict=True, ordered=True, name="counties")

LISTS = pa.DataFrameSchema({
    "list_date": pa.Column("datetime64[ns]", unique=True),
    "agreements": pa.Column(int, pa.Check.ge(0)),
    "file_name": pa.Column(str),
    "sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
    "source_url": pa.Column(str, pa.Check.str_matches(r"^https?://\S+$")),
    "retrieved": pa.Column("datetime64[ns]"),
    "list_date_basis": pa.Column(str),
}, strict=True, ordered=True, name="lists")

NPR_VIEWS = {
    "detainers_per_year": pa.DataFrameSchema(
        {"year": _year, "detainers": _count, "partial_year": _text, "source": _source}),
    "detainers_per_month": pa.DataFrameSchema({"month": _month(), "detainers": _count, "source": _source}),
    "outcomes_by_year": pa.DataFrameSchema(
        {"year": _year, "lift_reason": _text, "detainers": _count, "share_of_year": _share, "source": _source}),
    "declined_by_year": pa.DataFrameSchema(
        {"year": _year, "declined": _count, "detainers": _count, "declined_share": _share, "with_outcome": _count,
         "declined_share_of_outcomes": _share, "declined_in_facility_table": _count, "source": _source}),
    "declined_by_facility": pa.DataFrameSchema(
        {"year": _year, "det_facility": _text, "city": _text, "state": _text, "declined": _count,
         "other_outcomes": pa.Column("Int64", pa.Check.ge(0), nullable=True), "declined_share": _share,
         "other_outcomes_note": _text, "county_fips": _county_fips, "county_name": _text, "county_match": _text,
         "source": _source}),
    "us_citizens_by_year": pa.DataFrameSchema(
        {"year": _year, "detainers": _count, "partial_year": _text, "source": _source}),
    "us_citizens_by_state_and_year": pa.DataFrameSchema(
        {"state": _text, "year": _year, "detainers": _count, "source": _source}),
    "us_citizens_by_facility": pa.DataFrameSchema(
        {"det_facility": _text, "city": _text, "state": _text, "detainers": _count, "county_fips": _county_fips,
         "county_name": _text, "county_match": _text, "source": _source}),
    "detainer_types_by_year": pa.DataFrameSchema(
        {"year": _year, "detainer_type": _text, "detainers": _count, "source": _source}),
}
# The site's city jurisdiction records as the federal lists are matched to them (sanctuary_lists.city_records):
# (postal code, a name a list may give the city) -> (the record's id, its county's FIPS or "").
CityRecords = Mapping[tuple[str, str], tuple[str, str]]

NPR_VIEW_KEYS = {"detainers_per_year": ["year"], "detainers_per_month": ["month"],
                 "outcomes_by_year": ["year", "lift_reason"], "declined_by_year": ["year"],
                 "us_citizens_by_year": ["year"], "detainer_types_by_year": ["year", "detainer_type"]}


@dataclass(frozen=True)
class PublishedTable:
    """One table of the downloads: `rows(datasets_dir, cities)` gives its rows as lists of text (as in the committed
    CSVs: empty for unknown), in the columns and order of `schema`. Most tables are read from datasets_dir alone
    (`read(datasets_dir)`); one matched to the site's city records as its pages are (`reads_cities`) is read with
    them too (`read(datasets_dir, cities)`)."""
    name: str  # the resource's name and file name (datasets/<name>.csv)
    title: str
    description: str
    schema: pa.DataFrameSchema
    read: Callable[..., list[list[str]]]
    primary_key: list[str] = field(default_factory=list)
    # (fields, table, its fields): the table is another published table or a collection of the records
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    licences: list[dict] = field(default_factory=list)
    reads_cities: bool = False

    def rows(self, datasets_dir: Path, cities: CityRecords) -> list[list[str]]:
        return self.read(datasets_dir, cities) if self.reads_cities else self.read(datasets_dir)


def _rows(path: Path, columns: Iterable[str]) -> list[list[str]]:
    """The file's rows in `columns` order (plain csv: the agreements are 24,000 rows read at every build)."""
    columns = list(columns)
    table = read_csv(path)
    missing = [c for c in columns if c not in table.header]
    if missing:
        raise DataError([Problem(table.path, 1, 1, f"the header lacks {', '.join(missing)} — re-run the dataset's "
                                                   "ingest, which writes every column")])
    at = [table.header.index(c) for c in columns]
    return [[row[i] for i in at] for row in table.rows]


def _one_row_per_code(rows: list[list[str]], columns: list[str], code: str) -> list[list[str]]:
    """The Census tables give some codes several names (the Virgin Islands thrice, a renamed Alaska census area
    under both names): one row per code, with the table's first name as its name and the others beside it."""
    by_code: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    key, name = columns.index(code), columns.index("name")
    for row in rows:
        if row[key] in by_code:
            others[row[key]].append(row[name])
        else:
            by_code[row[key]], others[row[key]] = row, []
    return [[*by_code[c], "; ".join(others[c])] for c in sorted(by_code)]


def read_states(datasets_dir: Path) -> list[list[str]]:
    columns = list(STATES.columns)[:-1]
    return _one_row_per_code(_rows(datasets_dir / "reference" / "state_fips_names.csv", columns), columns, "fips")


def read_counties(datasets_dir: Path) -> list[list[str]]:
    columns = ["statefp", "countyfp", "name"]
    rows = [[s + c, s, c, n] for s, c, n in _rows(datasets_dir / "reference" / "county_fips_names.csv", columns)]
    return _one_row_per_code(rows, list(COUNTIES.columns)[:-1], "county_fips")


def _list_paths(datasets_dir: Path) -> list[Path]:
    return sorted((datasets_dir / "ice-287g" / "lists").glob("*.csv"))


def read_agencies(datasets_dir: Path) -> list[list[str]]:
    return _rows(datasets_dir / "ice-287g" / "agencies.csv", tables.AGENCY_COLUMNS)


def read_agreements(datasets_dir: Path) -> list[list[str]]:
    """Every list's agreements in one table, oldest list first (list_date says which list)."""
    return [row for path in _list_paths(datasets_dir) for row in _rows(path, tables.AGREEMENT_COLUMNS)]


def read_daily_agreements(datasets_dir: Path) -> list[list[str]]:
    """The participating lists that are not the last of their month (lists-daily/), one table."""
    paths = sorted((datasets_dir / "ice-287g" / "lists-daily").glob("*.csv"))
    return [row for path in paths for row in _rows(path, tables.AGREEMENT_COLUMNS)]


def read_releases(datasets_dir: Path) -> list[list[str]]:
    path = datasets_dir / "ice-287g" / "releases.csv"
    return _rows(path, RELEASES.columns) if path.is_file() else []


def read_pending(datasets_dir: Path) -> list[list[str]]:
    path = datasets_dir / "ice-287g" / "pending.csv"
    return _rows(path, PENDING.columns) if path.is_file() else []


def read_lists(datasets_dir: Path) -> list[list[str]]:
    if not (datasets_dir / "ice-287g" / "lists").is_dir():
        raise FileNotFoundError(datasets_dir / "ice-287g" / "lists")
    rows = []
    for path in _list_paths(datasets_dir):
        record = read_json(path.with_suffix(".provenance.json"))
        rows.append([str(record[name]) for name in LISTS.columns])
    return rows


def _npr_view(name: str) -> Callable[[Path], list[list[str]]]:
    return lambda datasets_dir: _rows(datasets_dir / "npr-detainers" / "views" / f"{name}.csv",
                                      NPR_VIEWS[name].columns)


def _npr_description(name: str) -> str:
    return {
        "detainers_per_year": "Detainers ICE issued, per calendar year of the prepare date.",
        "detainers_per_month": "Detainers ICE issued, per month of the prepare date.",
        "outcomes_by_year": "Detainers per outcome (lift reason) and year, with those that have none, and each "
                            "as a share of the year's detainers.",
        "declined_by_year": "Detainers declined by the local agency per year, and their share of all detainers "
                            "and of those with an outcome.",
        "declined_by_facility": "Detainers declined by the local agency per facility and year, with the county "
                                "where the facility's name names one.",
        "us_citizens_by_year": "Detainers lifted because the person was a U.S. citizen, per year.",
        "us_citizens_by_state_and_year": "Detainers lifted because the person was a U.S. citizen, per state and "
                                         "year (state blank: not recorded).",
        "us_citizens_by_facility": "Detainers lifted because the person was a U.S. citizen, per facility, with "
                                   "the county where the facility's name names one.",
        "detainer_types_by_year": "Detainers per detainer form (I-247 variants) and year (2014 and 2015 only).",
    }[name]


# The copied files record no address for the Census tables (data/datasets/reference/README.md): none is given.
FEDERAL_LISTS = pa.DataFrameSchema({
    "list": pa.Column(str, pa.Check.isin(["ice-ddor-2017-03-20", "dhs-2025-05-29", "doj-2025-08-05"]),
                      description="Which list: the jurisdictions the sources name from ICE's Declined Detainer "
                                  "Outcome Report of March 20, 2017 (not the whole report), DHS's of May 29, 2025 or "
                                  "the Justice Department's of August 5, 2025."),
    "entry": pa.Column(int, pa.Check.ge(1), description="The entry's place in the list, in the order published."),
    "source_line": pa.Column(int, pa.Check.ge(1), description="DHS: the line of `pdftotext -layout`'s text of the "
                                                                "print; Justice Department: the line of its list; "
                                                                "the DDOR: the entry's place in its source's list."),
    "state": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$"), description="The state it is listed under."),
    "state_name": _text,
    "listed_under": pa.Column(str, description="The heading it is printed under, as printed."),
    "kind": pa.Column(str, pa.Check.isin(["state", "county", "city"]), description="From the heading."),
    "name": pa.Column(str, pa.Check.str_length(min_value=1), description="As published, errors included."),
    "match": pa.Column(str, pa.Check.isin(["state", "county", "city", ""]), nullable=True,
                       description="What it was matched to, as the site's pages match it: its state; a county (a "
                                   "county entry by its Census name, a city that is a county equivalent or one "
                                   "government with a county); a city: the site's city jurisdiction record "
                                   "(jurisdiction_id); or (empty) its state only."),
    "jurisdiction_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+$"), nullable=True,
                                 description="Match city: the id of the site's jurisdiction record it was matched to "
                                             "(the jurisdictions table; its page: jurisdictions/<id>/), by the "
                                             "record's name in the entry's state. Empty otherwise."),
    "county_fips": pa.Column(str, pa.Check.str_matches(r"^\d{5}$"), nullable=True,
                             description="Match county: that county. Match city: the county the jurisdiction record "
                                         "places the city in (its `county`; empty if the record names none). Empty "
                                         "otherwise."),
    "note": pa.Column(str, nullable=True, description="wrong-heading, same-as-county-entry, not-a-place, "
                                                       "duplicate, or (the DDOR) ICE's correction: "
                                                       "ice-correction-misattributed, ice-correction-transferred, "
                                                       "ice-correction-wrong-location (see "
                                                       "data/datasets/sanctuary-lists/provenance.json)."),
}, strict=True, ordered=True, name="federal-sanctuary-lists")


def read_federal_lists(datasets_dir: Path, cities: CityRecords) -> list[list[str]]:
    """Every entry of the lists present, matched as the site's pages match it (sanctuary_lists.read_matched): to its
    state, a Census county, or one of the `cities` and through it its county."""
    from .sanctuary_lists import read_matched

    folder = datasets_dir / "sanctuary-lists"
    rows = []
    for name in ("ice-ddor-2017-03-20", "dhs-2025-05-29", "doj-2025-08-05"):
        if (folder / f"{name}.csv").is_file():
            rows += [[name, str(e.entry), str(e.source_line), e.state, e.state_name, e.listed_under, e.kind, e.name,
                      e.match, e.jurisdiction, e.county_fips, e.note]
                     for e in read_matched(folder / f"{name}.csv", datasets_dir / "reference", dict(cities))]
    return rows


FIELD_OFFICES = pa.DataFrameSchema({
    "office_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+$"), description="The office's key (its page: "
                                                                                     "field-offices/<office_id>/)."),
    "office": pa.Column(str, pa.Check.str_length(min_value=1), description="The office as the site names it."),
    "office_as_published": pa.Column(str, description="The office as the publisher's table spells it."),
    "state": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$"), description="Postal code of the state or territory."),
    "state_fips": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
    "county_fips": pa.Column(str, pa.Check.str_matches(r"^\d{5}$"), nullable=True,
                             description="Empty: the whole state or territory is the office's; else one county of a "
                                         "state split between offices."),
    "county_as_published": pa.Column(str, nullable=True, description="The county as the publisher's table spells it."),
    "source_line": pa.Column(int, pa.Check.ge(2), description="The row's line in "
                                                              "data/datasets/ice-field-offices/"
                                                              "ice-areas-of-responsibility.csv (line 1 is the header)."),
}, strict=True, ordered=True, name="ice-field-offices")


def read_field_offices(datasets_dir: Path) -> list[list[str]]:
    from .field_offices import load

    found = load(datasets_dir)
    if not found:
        raise FileNotFoundError(datasets_dir / "ice-field-offices")  # a data folder without the dataset
    return [[o.id, o.name, o.name_as_published, a.state, a.state_fips, a.county_fips, a.county_name, str(a.line)]
            for o in found for a in o.areas]


FIELD_OFFICES_SOURCE = {"title": "Deportation Data Project: ICE field offices' areas of responsibility "
                                 "(inputs/ice-areas-of-responsibility.csv, commit 1915d7a)",
                        "path": "https://github.com/deportationdata/ice-offices"}
CC0 = {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal"}


FBI_LEE_MATCHES = pa.DataFrameSchema({
    "agency_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True,
                           description="The agency on ICE's latest 287(g) list (287g-agencies)."),
    "state": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$")),
    "fbi_line": pa.Column("Int64", pa.Check.ge(2), nullable=True,
                          description="Its line in data/datasets/fbi-lee/fbi_lee_latest.csv; empty: not matched."),
    "fbi_ori": pa.Column(str, nullable=True, description="The FBI agency's ORI code."),
    "fbi_name": pa.Column(str, nullable=True, description="The FBI agency's name as published."),
    "fbi_data_year": pa.Column("Int64", nullable=True, description="The year of the FBI agency's counts."),
    "sworn_officers": pa.Column("Int64", pa.Check.ge(0), nullable=True, description="officer_ct in the FBI's table."),
    "fbi_agency_type": pa.Column(str, nullable=True, description="agency_type_name in the FBI's table (City, County, "
                                                                 "State Police, ...)."),
    "residents_served": pa.Column("Int64", pa.Check.ge(0), nullable=True,
                                  description="population in the FBI's table: the residents it serves as the FBI "
                                              "counts them (a sheriff's office: those outside cities with police of "
                                              "their own); empty: not matched, or the cell is empty or NULL. The coverage "
                                              "pages sum it over city and county agencies only."),
    "rule": pa.Column(str, description="The matching rule that placed it, or why none did "
                                       "(scripts/records/datasets/fbi_lee.py)."),
}, strict=True, ordered=True, name="287g-fbi-lee-matches")


def read_fbi_lee_matches(datasets_dir: Path) -> list[list[str]]:
    from .fbi_lee import load

    found = load(datasets_dir)
    if found is None:
        raise FileNotFoundError(datasets_dir / "fbi-lee")  # a data folder without the dataset
    return [[m.agency_id, m.state, str(m.row.line) if m.row else "", m.row.ori if m.row else "",
             m.row.name if m.row else "", str(m.row.year) if m.row else "", str(m.row.officers) if m.row else "",
             m.row.agency_type if m.row else "", str(m.row.population) if m.row and m.row.population is not None
             else "", m.why] for m in found.matches]


FBI_LEE = {"title": "Federal Bureau of Investigation, Crime Data Explorer: Law Enforcement Employees (each agency's "
                    "latest year, 2018-2025, as reduced by 287(g) Watch, commit 0517b81)",
           "path": "https://github.com/recoveredfactory/287g-watch"}


FEDERAL_LISTS_SOURCE = {"title": "U.S. Immigration and Customs Enforcement, Declined Detainer Outcome Report of "
                                 "March 20, 2017 (the entries its reprints and corrections name); "
                                 "U.S. Department of Homeland Security, sanctuary jurisdictions page of May 29, 2025 "
                                 "(print of a web-archive capture); U.S. Department of Justice, release of August 5, "
                                 "2025 (as reprinted)", "path": "https://www.dhs.gov/sanctuary-jurisdictions"}
CENSUS = {"title": "U.S. Census Bureau: county and county-equivalent FIPS codes and names (2020), and state FIPS "
                   "and postal codes"}
ICE_287G = {"title": "U.S. Immigration and Customs Enforcement: 287(g) participating agencies (the last list of "
                     "each month, as archived)", "path": "https://www.ice.gov/identify-and-arrest/287g"}
ICE_287G_PENDING = {"title": "U.S. Immigration and Customs Enforcement: 287(g) pending agencies (as archived)",
                    "path": "https://www.ice.gov/identify-and-arrest/287g"}
NPR = {"title": "NPR news apps: ICE detainer records obtained under FOIA, October 2007 to July 2015",
       "path": NPR_PROVENANCE["repository"]}
_FIPS_KEYS = [(["state_fips"], "census-states", ["fips"])]
ICE_DETENTION = {"title": "U.S. Immigration and Customs Enforcement: detention statistics (the workbooks of FY2019 "
                          "to April 2026, as archived)", "path": detention.PUBLISHER_URL}
# (file stem in data/datasets/ice-detention/, schema, primary key, description)
DETENTION_TABLES = [
    ("releases", detention.RELEASES, ["file"], "Every ICE detention-statistics workbook read: its SHA-256, fiscal "
     "year, as-of date (and the cell it was read from), and whether its figures were counted or repeat another's."),
    ("monthly_adp", detention.MONTHLY_ADP, ["month", "agency", "criminality"], "Average daily population in ICE "
     "detention per month, by arresting agency (ICE, CBP, Total) and criminality, from the latest release in which "
     "the month is complete, with the workbook, sheet and cell."),
    ("monthly_book_ins", detention.MONTHLY_BOOK_INS, ["month", "agency"], "Initial book-ins into ICE detention per "
     "month, by arresting agency, from the latest release in which the month is complete, with the workbook, sheet "
     "and cell."),
    ("average_daily_population", detention.ADP, ["as_of", "month", "agency", "criminality"], "Every counted "
     "release's average daily population per month and arresting agency (as_of names the release; cell its cell)."),
    ("book_ins", detention.BOOK_INS, ["as_of", "month", "agency"], "Every counted release's initial book-ins per "
     "month and arresting agency."),
    ("detained", detention.DETAINED, ["as_of", "agency", "criminality"], "People held in ICE detention on each "
     "counted release's as-of date, by arresting agency and criminality."),
]


def _detention_table(stem: str) -> Callable[[Path], list[list[str]]]:
    schema = dict((s, t) for s, t, _, _ in DETENTION_TABLES)[stem]

    def read(datasets_dir: Path) -> list[list[str]]:
        path = datasets_dir / "ice-detention" / f"{stem}.csv"
        if not path.is_file():
            raise FileNotFoundError(path)  # a data folder without the dataset (the test fixtures)
        return _rows(path, schema.columns)
    return read


PUBLISHED_TABLES = [
    PublishedTable("census-states", "States, districts and territories", "Census FIPS codes and postal codes, one row "
                   "per code.", STATES, read_states, ["fips"], sources=[CENSUS], licences=[PUBLIC_DOMAIN_US]),
    # No key from counties to states: the county list has code 74 (U.S. Minor Outlying Islands), the state list not.
    PublishedTable("census-counties", "Counties", "Every county and county equivalent (2020) with its FIPS code (statefp "
                   "74, the U.S. Minor Outlying Islands, is not in the census-states table).",
                   COUNTIES, read_counties, ["county_fips"],
                   sources=[CENSUS], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-agencies", "287(g) agencies", "Every agency on any of ICE's 287(g) lists since January "
                   "2021: its state and county, first and last list, and whether it is on the latest one.",
                   tables.AGENCIES, read_agencies, ["agency_id"],
                   [*_FIPS_KEYS, (["county_fips"], "census-counties", ["county_fips"])],
                   sources=[ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-lists", "ICE's 287(g) lists", "One row per list ingested: its date, how many agreements "
                   "it holds, and the file it was read from (name, SHA-256, address).", LISTS, read_lists,
                   ["list_date"], sources=[ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-agreements", "287(g) agreements", "One row per agreement (agency and model) per list, "
                   "every list in one table.", tables.AGREEMENTS, read_agreements, ["list_date", "source_row"],
                   [(["list_date"], "287g-lists", ["list_date"]), (["agency_id"], "287g-agencies", ["agency_id"]),
                    *_FIPS_KEYS], sources=[ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("federal-sanctuary-lists", "Federal lists of sanctuary jurisdictions (2017, 2025)", "Every entry "
                   "of DHS's list of May 29, 2025 and of the Justice Department's of August 5, 2025, as published, "
                   "and the jurisdictions the sources name from ICE's Declined Detainer Outcome Report of March 20, "
                   "2017 (not the whole report), with the state, county or city record of this site each was "
                   "matched to, as the site's pages match them.", FEDERAL_LISTS, read_federal_lists,
                   ["list", "entry"], [(["county_fips"], "census-counties", ["county_fips"]),
                                       (["jurisdiction_id"], "jurisdictions", ["id"])],
                   sources=[FEDERAL_LISTS_SOURCE], licences=[PUBLIC_DOMAIN_US], reads_cities=True),
    PublishedTable("ice-field-offices", "ICE field offices and their areas", "One row per whole state or "
                   "territory, or per county of a state split between offices, and the ICE field office whose area "
                   "it is, as the Deportation Data Project's table gives them (undated).", FIELD_OFFICES,
                   read_field_offices, ["source_line"],
                   [(["state_fips"], "census-states", ["fips"]), (["county_fips"], "census-counties", ["county_fips"])],
                   sources=[FIELD_OFFICES_SOURCE], licences=[CC0]),
    PublishedTable("287g-fbi-lee-matches", "287(g) agencies in the FBI's staffing table", "Each agency on ICE's "
                   "latest 287(g) list and the row of the FBI's law-enforcement employee table it was matched to (by "
                   "state and name), with its sworn officers and the residents it serves, or why none was.", FBI_LEE_MATCHES,
                   read_fbi_lee_matches, ["agency_id"], [(["agency_id"], "287g-agencies", ["agency_id"])],
                   sources=[FBI_LEE, ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-agreements-daily", "287(g) agreements on ICE's other lists", "One row per agreement per "
                   "list for every participating list that is not the last of its month (from December 2025 ICE "
                   "published several a week); agency ids are the same spelling-blind keys, but an agency on these "
                   "lists only is not in 287g-agencies.", tables.AGREEMENTS, read_daily_agreements,
                   ["list_date", "source_row"], _FIPS_KEYS, sources=[ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-files", "ICE's 287(g) files and what the ingest decided", "One row per spreadsheet read "
                   "(participating and pending lists): its kind and date, decided from its content, why, and whether "
                   "it is a release, a copy or a list superseded the same day.", RELEASES, read_releases, ["file"],
                   sources=[ICE_287G], licences=[PUBLIC_DOMAIN_US]),
    PublishedTable("287g-pending", "287(g) pending applications", "One row per agency per pending list ICE "
                   "published (February 2025 to February 2026), the list identified by the time ICE saved it.",
                   PENDING, read_pending, ["release", "source_row"], _FIPS_KEYS, sources=[ICE_287G_PENDING],
                   licences=[PUBLIC_DOMAIN_US]),
    *[PublishedTable(f"npr-{name.replace('_', '-')}", name.replace("_", " ").capitalize() + " (NPR, 2007–2015)",
                     _npr_description(name), schema, _npr_view(name), NPR_VIEW_KEYS.get(name, []),
                     [(["county_fips"], "census-counties", ["county_fips"])] if "county_fips" in schema.columns else [],
                     sources=[NPR], licences=[NPR_LICENCE])
      for name, schema in NPR_VIEWS.items()],
    *[PublishedTable(f"ice-detention-{stem.replace('_', '-')}", stem.replace("_", " ").capitalize()
                     .replace("adp", "average daily population") + " (ICE detention statistics)", description,
                     schema, _detention_table(stem), key, sources=[ICE_DETENTION], licences=[PUBLIC_DOMAIN_US])
      for stem, schema, key, description in DETENTION_TABLES],
]


def published_frame(table: PublishedTable, rows: list[list[str]]) -> pd.DataFrame:
    """The rows as the schema's types (empty text: unknown), validated with the table's pandera schema; raises
    pandera's SchemaErrors when a committed file no longer matches what the downloads declare."""
    columns = list(table.schema.columns)
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for name, column in table.schema.columns.items():
        dtype = str(column.dtype)  # "Int64" (may be empty) is not "int64"
        empty = frame[name] == ""
        if dtype.startswith("datetime"):
            frame[name] = pd.to_datetime(frame[name].where(~empty, None), format="%Y-%m-%d").astype("datetime64[ns]")
        elif dtype == "int64":
            frame[name] = frame[name].astype("int64")
        elif dtype == "Int64":
            frame[name] = pd.array([None if e else int(v) for v, e in zip(frame[name], empty)], dtype="Int64")
        elif dtype.startswith("float"):
            frame[name] = pd.to_numeric(frame[name].where(~empty, None)).astype("float64")
        elif dtype == "bool":
            frame[name] = frame[name].map({"true": True, "false": False}).astype(bool)
        else:
            frame[name] = frame[name].astype(str).where(~empty | (not column.nullable), None)
    return table.schema.validate(frame, lazy=True)

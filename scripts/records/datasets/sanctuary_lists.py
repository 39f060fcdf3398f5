"""DHS's list of "sanctuary jurisdictions" of May 29, 2025, read from a print of the page (a PDF made from a web-archive
capture): every entry with its state, the heading it was listed under, and the state or county record it matches.

The print is read with poppler's `pdftotext -layout` (a test dependency and a maintainer's tool, never the build's):
the build reads only the table this writes, data/datasets/sanctuary-lists/dhs-2025-05-29.csv, and matches its entries
to the Census tables then (`match`), as it does the Justice Department's list of August 5, 2025, typed by hand from
the department's release into doj-2025-08-05.csv in the same columns. The page lists, per
state, a "State", "County"/"Counties" and "City"/"Cities" heading, each followed by names. A line is a state when it is
a state's name and the next line is a heading; a heading when it is one of those words; anything else is an entry
under the last heading. Indentation is not used: the print's second page is indented differently from the first.

Matching is by exact Census name within the entry's state, plus the few rules below, each written down; nothing is
guessed from a similar spelling. A city entry that is not a county equivalent matches a city jurisdiction record
(data/jurisdictions/) of its state by the record's name before the comma ("Boston, Massachusetts": "Boston" or "City
of Boston"), and through the record's `county` the county it lies in. The list's own errors are kept as published and noted (`note`)."""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..problems import DataError
from ..table_files import TABLE_COLUMNS, read_csv, table_columns, whole_number_problems

HEADINGS = {"State": "state", "County": "county", "Counties": "county", "City": "city", "Cities": "city"}
LIST_START = "Sanctuary Jurisdiction List"
LIST_END = "Keywords"
COLUMNS = TABLE_COLUMNS["sanctuary-lists/*.csv"]  # what the tables hold

# Names the list gives a county by that are not the Census name: (state, as listed) -> Census county FIPS.
COUNTY_ALIASES = {("GA", "Athens-Clarke County"): "13059",  # the unified government of Clarke County
                  ("NM", "DeBaca County"): "35011",  # Census: "De Baca County"
                  ("LA", "Orleans Parish Sheriff's Office"): "22071"}  # the 2017 DDOR, as the ACLU names it
# Cities that are one government with a county (consolidated city-counties), listed under Cities:
# (state, as listed) -> the county's FIPS. Independent cities (Virginia's, Baltimore) match by their Census name.
CONSOLIDATED = {("AK", "City of Anchorage"): "02020", ("CO", "Denver"): "08031", ("CA", "San Francisco"): "06075", ("PA", "Philadelphia"): "42101",
                ("HI", "City of Honolulu"): "15003", ("LA", "New Orleans/Orleans (Parish)"): "22071",
                ("TN", "Nashville"): "47037", ("CA", "San Francisco City"): "06075", ("LA", "New Orleans"): "22071", ("KY", "Louisville"): "21111", ("GA", "Athens"): "13059",
                ("DC", "Self-Identification as Local Sanctuary Jurisdiction"): "11001"}
# What each note means (the page explains them in both languages).
NOTES = {
    "wrong-heading": "a county listed under Cities, or a city under County",
    "same-as-county-entry": "the same government is also listed as a county entry",
    "not-a-place": "not a city, county or state: a statement or a postal name",
    "duplicate": "listed twice in the same state under the same heading",
    # ICE's correction to its first Declined Detainer Outcome Report (ice-ddor-2017-03-20.csv):
    "ice-correction-misattributed": "ICE's correction: the detainers were issued to agencies in similarly named places "
                                    "elsewhere, not to this county",
    "ice-correction-transferred": "ICE's correction: the people were transferred to another facility and released "
                                  "there",
    "ice-correction-wrong-location": "ICE's correction: the detainers were issued to this place in error; the people "
                                     "were elsewhere",
}


class PrintError(Exception):
    """The print could not be read as the list (the message says what was expected)."""


@dataclass(frozen=True)
class Entry:
    entry: int
    source_line: int  # the DHS print: the line of `pdftotext -layout`; the DOJ list: the line of the release's list
    state: str
    state_name: str
    listed_under: str  # the heading as printed: State, County, Counties, City or Cities
    kind: str  # state | county | city, from the heading
    name: str  # as published
    match: str = ""  # state | county | city | "" (matched to the state only through `state`)
    county_fips: str = ""
    jurisdiction: str = ""  # match "city": the jurisdiction record's id (its county, if it names one, in county_fips)
    note: str = ""  # a code of NOTES: given by the table (the DDOR's corrections) or found by `match`
    source: str = ""  # a hand-typed list cited entry by entry (the DDOR): the source record and where in it
    pinpoint: str = ""


MAX_PRINT_BYTES = 20 * 1024 * 1024  # the print is 309 KB
PRINT_SECONDS = 120  # pdftotext reads the print in well under a second


def print_text(pdf: Path) -> str:
    """The print's text as `pdftotext -layout` gives it (poppler-utils), within MAX_PRINT_BYTES (checked before it
    is read) and PRINT_SECONDS."""
    if not pdf.is_file():
        raise PrintError(f"{pdf}: no such file — check the print's name and folder")
    if (size := pdf.stat().st_size) > MAX_PRINT_BYTES:
        raise PrintError(f"{pdf}: the file is {size:,} bytes, over the limit of {MAX_PRINT_BYTES:,} — is it the print "
                         "of DHS's page?")
    try:
        done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              timeout=PRINT_SECONDS)
    except subprocess.TimeoutExpired:
        raise PrintError(f"{pdf}: pdftotext did not finish in {PRINT_SECONDS} s — is it the print of DHS's "
                         "page?") from None
    except FileNotFoundError:
        raise PrintError("pdftotext is not installed: apt-get install poppler-utils") from None
    if done.returncode != 0:
        raise PrintError(f"{pdf}: pdftotext cannot read it ({done.stderr.strip()[:300]}) — is it a PDF?")
    return done.stdout


def parse(text: str, states: dict[str, str]) -> list[Entry]:
    """The entries in the order printed. `states` maps a state's name to its postal code."""
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == LIST_START)
        end = next(i for i, line in enumerate(lines) if i > start and line.strip() == LIST_END)
    except StopIteration:
        raise PrintError(f'no "{LIST_START}" … "{LIST_END}" block: is this the DHS page?') from None
    body = [(number + 1, line.strip()) for number, line in enumerate(lines) if start < number < end and line.strip()]
    entries: list[Entry] = []
    state = heading = None
    for index, (number, text_line) in enumerate(body):
        following = body[index + 1][1] if index + 1 < len(body) else ""
        if text_line in states and following in HEADINGS:
            state, heading = text_line, None
        elif text_line in HEADINGS:
            if state is None:
                raise PrintError(f"line {number}: heading {text_line!r} before any state")
            heading = text_line
        else:
            if heading is None:
                raise PrintError(f"line {number}: {text_line!r} is neither a state followed by a heading, a heading, "
                                 "nor an entry under one")
            entries.append(Entry(len(entries) + 1, number, states[state], state, heading, HEADINGS[heading],
                                 text_line))
    return entries


def match(entries: list[Entry], counties: dict[tuple[str, str], str],
          cities: dict[tuple[str, str], tuple[str, str]] | None = None) -> list[Entry]:
    """Each entry with its match. `counties` maps (state postal code, Census name) to a county's five-digit FIPS;
    `cities` (from `city_records`) maps (state postal code, name) to a city jurisdiction record's id and its county's
    FIPS. A state entry matches its state; a county entry the county of that Census name (or alias) in its state; a
    city entry the county it is one government with (a consolidated city-county, or an independent city, which the
    Census lists as a county equivalent: "Alexandria city"), else the city record of that name in its state; any other
    entry matches its state only."""
    cities = cities or {}
    county_entries = {counties.get((e.state, e.name)) or COUNTY_ALIASES.get((e.state, e.name))
                      for e in entries if e.kind == "county"}
    seen: set[tuple[str, str, str]] = set()
    matched = []
    for e in entries:
        fips, note, record = "", e.note, ""
        if e.kind == "state":
            found = "state"
        elif e.kind == "county":
            fips = counties.get((e.state, e.name)) or COUNTY_ALIASES.get((e.state, e.name), "")
            if not fips and not e.name.endswith((" County", " Parish")):
                note = "wrong-heading"  # Kansas: "Lawrence" (a city) under County
            found = "county" if fips else ""
        else:
            if e.name.endswith((" County", " Parish")) and (e.state, e.name) in counties:
                fips, note = counties[(e.state, e.name)], "wrong-heading"  # Kansas: "Douglas County" under Cities
            else:
                fips = (CONSOLIDATED.get((e.state, e.name)) or counties.get((e.state, f"{e.name} city"))
                        or (e.name.endswith(" City") and counties.get((e.state, e.name[:-4] + "city"))) or "")
                if fips and fips in county_entries:
                    note = "same-as-county-entry"  # Denver and Denver County, San Francisco and its county
            found = "county" if fips else ""
            # "Iowa City, Johnson County" (the DDOR names a city with its county): the city's name is before the comma
            city = cities.get((e.state, e.name)) or cities.get((e.state, e.name.split(",")[0].strip()))
            if not fips and city:
                record, fips = city
                found = "city"
        key = (e.state, e.listed_under, e.name)
        if key in seen:
            note = "duplicate"
        seen.add(key)
        matched.append(Entry(**{**e.__dict__, "match": found, "county_fips": fips, "note": note,
                                "jurisdiction": record}))
    return matched


def city_records(records) -> dict[tuple[str, str], tuple[str, str]]:
    """(postal code, a name a list may give the city) -> (the city record's id, its county's FIPS or ""), for the city
    jurisdiction records among `records`: "Boston, Massachusetts" is "Boston" and "City of Boston"."""
    found = {}
    for record in records:
        if record.kind == "city":
            name = record.name.split(",")[0].strip()
            fips = record.county.split("-", 1)[1] if record.county else ""
            for listed in (name, f"City of {name}"):
                found[(record.state, listed)] = (record.id, fips)
    return found


def read_matched(path: Path, reference: Path, cities: dict[tuple[str, str], tuple[str, str]]) -> list[Entry]:
    """A committed list's entries matched to the Census counties of `reference` (data/datasets/reference/) and to
    `cities` (from `city_records`): what the site's pages show (scripts/site/sanctuary_lists_view.py) and the data
    package's table publishes (published.py, read_federal_lists), matched in this one place so the two agree."""
    return match(read_table(path), census_counties(reference), cities)


def census_counties(reference: Path) -> dict[tuple[str, str], str]:
    """(postal code, every Census name of a county) -> its FIPS, from data/datasets/reference/."""
    postal = {row["fips"]: row["postal"] for row in _reference(reference, "state_fips_names.csv")}
    return {(postal[row["statefp"]], row["name"]): row["statefp"] + row["countyfp"]
            for row in _reference(reference, "county_fips_names.csv") if row["statefp"] in postal}


def state_names(reference: Path) -> dict[str, str]:
    return {row["name"]: row["postal"] for row in _reference(reference, "state_fips_names.csv")}


def _reference(reference: Path, name: str) -> list[dict[str, str]]:
    """A Census reference table's rows, read by the tables' reading layer with its header checked."""
    return read_csv(reference / name, TABLE_COLUMNS[f"reference/{name}"]).records()


def read_print(pdf: Path, reference: Path) -> list[Entry]:
    """The print's entries, as the table keeps them (unmatched)."""
    return parse(print_text(pdf), state_names(reference))


def matching_report(entries: list[Entry]) -> str:
    """How the entries matched, for the maintainer who ran the ingest: the rate, and every entry matched to its state
    only (the site lists them too, on /maintainers/sanctuary-lists-unmatched/)."""
    own = sum(bool(e.match) for e in entries)
    unmatched = [e for e in entries if not e.match]
    rate = (f"matched a state, county or city record of their own: {own} of {len(entries)} "
            f"({own / len(entries):.1%}); "
            f"matched to their state only: {len(unmatched)}")
    lines = [rate] + [f"  {e.state}: {e.name} ({e.listed_under}{'; ' + e.note if e.note else ''}), line {e.source_line}"
                      for e in unmatched]
    return "\n".join(lines)


def table_text(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([getattr(e, column) for column in COLUMNS])
    return out.getvalue()


def read_table(path: Path, shown: str | None = None) -> list[Entry]:
    """The committed table (what the site reads), by the tables' reading layer: its limits, its header exactly
    COLUMNS (or the file's own in TABLE_COLUMNS), and `entry` and `source_line` whole numbers. Raises DataError with
    each problem's line and cell."""
    table = read_csv(path, table_columns(path) or COLUMNS, shown)
    if problems := whole_number_problems(table, ("entry", "source_line"), "write the entry's number in the list "
                                         "(entry) and the line it was read from (source_line)"):
        raise DataError(problems)
    return [Entry(**{**row, "entry": int(row["entry"]), "source_line": int(row["source_line"])})
            for row in table.records()]

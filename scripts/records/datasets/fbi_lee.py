"""Who is covered by 287(g): the FBI's law-enforcement employee table (one row per agency, its latest data year),
matched to the agencies on ICE's latest 287(g) list by state and name, so the state and county pages can give the
share of agencies, of sworn officers and of residents served by an agency with a current agreement.

The table (data/datasets/fbi-lee/fbi_lee_latest.csv) is the FBI Crime Data Explorer's "LEE" download reduced to each
agency's latest year by the 287(g) Watch project; `python -m scripts ingest fbi-lee FILE` checks it (every problem at
`file:line:column`), copies it and its provenance, and prints the matching rate. The build matches again on every
list, so the shares follow ICE's latest list.

MATCHING (nothing is guessed; every rule is here, and an agency no rule places is listed for maintainers):
- names are compared lowercased, with punctuation, apostrophes and "&"/"and" differences ignored;
- within the agency's state only (the FBI's NB is Nebraska, GM Guam; FS, federal agencies, has no state);
- an ICE name equal to an FBI agency's name; else "X County Sheriff's Office" (or Parish, Department) and the FBI's
  county agency named X (or "X County"); else "X Police Department" (or "City of X Police Department") and the FBI's
  city agency named X; else "X Police Department" and the FBI's university or college named X;
- a rule that finds more than one FBI agency matches none of them (listed as ambiguous).

RESIDENTS: the table's `population` is the residents an agency serves as the FBI counts them, and the FBI gives a
sheriff's office the residents outside the cities with police of their own (Maricopa County's sheriff, line 821 of the
real table, 342,500; Phoenix, line 833, 1,688,662). So residents are summed over the city and county agencies only
(LOCAL_TYPES), which between them count each resident about once; state police, universities, tribal and other
agencies are left out (most have population 0; a few, such as the Alaska State Troopers on line 37, have one and are
left out too). A city or county agency whose population is 0, empty or NULL is in no residents figure and is counted
(`residents_unknown`). On a county's page only the agencies whose county cell names that county alone are summed:
the table does not split an agency's residents between counties, so those naming several are left out and counted
(`residents_multi_county`)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..problems import DataError, Problem
from ..table_files import read_csv

FOLDER = "fbi-lee"
FILE = "fbi_lee_latest.csv"
COLUMNS = ("ori", "data_year", "pub_agency_name", "state_abbr", "county_name", "agency_type_name", "population",
           "officer_ct", "civilian_ct", "total_pe_ct", "pe_ct_per_1000")
STATE_CODES = {"NB": "NE", "GM": "GU"}  # the FBI's codes for Nebraska and Guam
NO_STATE = {"FS"}  # federal agencies
NOT_A_COUNTY = "NOT SPECIFIED"
UNMAPPED = "UNMAPPED COUNTY"
CENSUS_SUFFIX = r" (County|Parish|Borough|Census Area|Municipality|Municipio)$"  # left off a Census name to match  # the FBI's cell for an agency it placed in no county
LOCAL_TYPES = ("City", "County")  # the agencies whose residents are summed (see RESIDENTS above)
NO_POPULATION = ("", "NULL")  # a population cell that gives none (as 0 does)


@dataclass(frozen=True)
class StaffRow:
    line: int
    ori: str
    year: int
    name: str
    state: str  # postal code (the FBI's NB and GM read as NE and GU)
    counties: tuple[str, ...]  # as published, upper case; empty when NOT SPECIFIED
    agency_type: str
    officers: int
    population: int | None = None  # residents served as the FBI counts them; None: the cell is empty or NULL

    @property
    def residents(self) -> int | None:
        """The residents this row adds to a residents figure: a city or county agency's population above 0, else
        None (an agency of another kind, or one whose population is not given)."""
        return self.population if self.agency_type in LOCAL_TYPES and self.population else None


@dataclass(frozen=True)
class Match:
    agency_id: str
    name: str
    state: str
    row: StaffRow | None
    why: str  # the rule that matched, or why none did ("no FBI agency of that name", "ambiguous: lines …")


def normal(name: str) -> str:
    text = name.replace("’", "'").replace("&", " and ").lower().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def read_staffing(path: Path, shown: str | None = None) -> list[StaffRow]:
    """The table's rows, each checked: a year, a two-letter state code, a whole number of officers. Raises DataError
    with every problem at its line and column."""
    table = read_csv(path, COLUMNS, shown)
    problems, rows = [], []
    column = {name: table.column_number(name) for name in COLUMNS}
    for index, row in enumerate(table.records()):
        line = table.line_of(index)
        bad = []
        if not re.fullmatch(r"(19|20)\d\d", row["data_year"]):
            bad.append(("data_year", f'data_year "{row["data_year"]}" is not a year: write the year the counts are of'))
        if not re.fullmatch(r"[A-Z]{2}", row["state_abbr"]):
            bad.append(("state_abbr", f'state_abbr "{row["state_abbr"]}" is not a two-letter state code'))
        if not row["officer_ct"].isdigit():
            bad.append(("officer_ct", f'officer_ct "{row["officer_ct"]}" is not a whole number of sworn officers'))
        if not (row["population"].isdigit() or row["population"].strip() in NO_POPULATION):
            bad.append(("population", f'population "{row["population"]}" is not a whole number of residents: write '
                                      "the number, or leave the cell empty (or NULL) when it is not known"))
        if not row["pub_agency_name"].strip():
            bad.append(("pub_agency_name", "pub_agency_name is empty: write the agency's name"))
        problems += [Problem(table.path, line, column[name], message) for name, message in bad]
        if bad:
            if len(problems) >= 50:
                break
            continue
        counties = tuple(c.strip() for c in row["county_name"].split(",")
                         if c.strip() and c.strip() != NOT_A_COUNTY)
        rows.append(StaffRow(line, row["ori"], int(row["data_year"]), row["pub_agency_name"].strip(),
                             STATE_CODES.get(row["state_abbr"], row["state_abbr"]), counties,
                             row["agency_type_name"], int(row["officer_ct"]),
                             int(row["population"]) if row["population"].isdigit() else None))
    if problems:
        raise DataError(problems)
    return rows


def _keys(row: StaffRow) -> set[tuple[str, str]]:
    name = normal(row.name)
    keys = {("name", name)}
    if row.agency_type == "County":
        keys.add(("county", re.sub(r" (county|parish)$", "", name)))
    elif row.agency_type == "City":
        keys.add(("city", re.sub(r"^(city|town|village) of ", "", name)))
    elif row.agency_type == "University or College":
        keys.add(("university", name))
    return keys


def _wanted(name: str) -> list[tuple[tuple[str, str], str]]:
    """(key, rule) for an ICE agency's name, in the order tried."""
    n = normal(name)
    wanted = [(("name", n), "same name")]
    if m := re.fullmatch(r"(.+?) (county|parish) sheriffs? (office|department|dept)", n):
        wanted.append((("county", m.group(1)), "sheriff's office and the FBI's county agency"))
    if m := re.fullmatch(r"(?:(?:city|town|village) of )?(.+?) police(?: department| dept)?", n):
        wanted.append((("city", m.group(1)), "police department and the FBI's city agency"))
        wanted.append((("university", m.group(1)), "police department and the FBI's university or college"))
    return wanted


def match(agencies: list[tuple[str, str, str]], rows: list[StaffRow]) -> list[Match]:
    """Each ICE agency (id, name, state postal code) with the FBI row it is, or why none."""
    index: dict[tuple[str, str, str], list[StaffRow]] = defaultdict(list)
    for row in rows:
        if row.state not in NO_STATE:
            for key in _keys(row):
                index[(row.state, *key)].append(row)
    found = []
    for agency_id, name, state in agencies:
        result = Match(agency_id, name, state, None, "no FBI agency of that name in the state")
        for key, rule in _wanted(name):
            candidates = index.get((state, *key), [])
            if len(candidates) == 1:
                result = Match(agency_id, name, state, candidates[0], rule)
                break
            if candidates:
                result = Match(agency_id, name, state, None, "ambiguous: FBI lines "
                               + ", ".join(str(c.line) for c in candidates))
                break
        found.append(result)
    return found


@dataclass(frozen=True)
class Share:
    """A place's agencies and sworn officers in the FBI's table, and those of agencies with a current agreement."""
    agencies: int
    officers: int
    covered_agencies: int
    covered_officers: int
    lines: tuple[int, ...]  # the FBI lines of the covered agencies
    first_year: int
    last_year: int
    residents: int = 0  # summed over the city and county agencies with a population (RESIDENTS above)
    covered_residents: int = 0
    residents_agencies: int = 0  # the agencies summed in `residents`
    residents_unknown: int = 0  # city and county agencies whose population is 0, empty or NULL: in no figure
    residents_multi_county: int = 0  # a county's: city and county agencies naming other counties too, left out
    others_with_residents: int = 0  # agencies of other kinds with a population above 0: left out, and said so
    others_residents: int = 0  # their population, summed

    @property
    def agency_share(self) -> float:
        return self.covered_agencies / self.agencies if self.agencies else 0.0

    @property
    def officer_share(self) -> float:
        return self.covered_officers / self.officers if self.officers else 0.0

    @property
    def resident_share(self) -> float:
        return self.covered_residents / self.residents if self.residents else 0.0


def _share(rows: list[StaffRow], covered: set[int], counted: set[int] | None = None) -> Share:
    """The Share of `rows`; `counted`, for a county, the lines whose residents are the county's alone."""
    mine = [r for r in rows if r.line in covered]
    years = [r.year for r in rows] or [0]
    local = [r for r in rows if r.agency_type in LOCAL_TYPES]
    single = [r for r in local if counted is None or r.line in counted]
    known = [r for r in single if r.residents is not None]
    others = [r for r in rows if r.agency_type not in LOCAL_TYPES and r.population
              and (counted is None or r.line in counted)]
    return Share(len(rows), sum(r.officers for r in rows), len(mine), sum(r.officers for r in mine),
                 tuple(sorted(r.line for r in mine)), min(years), max(years),
                 sum(r.residents for r in known), sum(r.residents for r in known if r.line in covered), len(known),
                 sum(1 for r in single if r.residents is None), len(local) - len(single), len(others),
                 sum(r.population for r in others))


def county_fips_of(rows: list[StaffRow], counties: dict[tuple[str, str], str]) -> dict[int, list[str]]:
    """FBI line -> the Census county FIPS codes its county cell names. `counties` maps (state, Census name in upper
    case without periods and without " County"/" Parish") to FIPS; a name not found is left out."""
    placed = {}
    for row in rows:
        codes = [counties[(row.state, c.replace(".", ""))] for c in row.counties
                 if (row.state, c.replace(".", "")) in counties]
        if codes:
            placed[row.line] = codes
    return placed


def census_keys(state_rows: list[dict[str, str]], county_rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    postal = {r["fips"]: r["postal"] for r in state_rows}
    keys = {}
    for r in county_rows:
        if r["statefp"] in postal:
            name = re.sub(CENSUS_SUFFIX, "", r["name"])
            keys.setdefault((postal[r["statefp"]], name.upper().replace(".", "")), r["statefp"] + r["countyfp"])
    return keys


def census_names(state_rows: list[dict[str, str]], county_rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """(state postal code, Census name as published, FIPS) of every county of a state in the state table."""
    postal = {r["fips"]: r["postal"] for r in state_rows}
    return [(postal[r["statefp"]], r["name"], r["statefp"] + r["countyfp"]) for r in county_rows
            if r["statefp"] in postal]


@dataclass(frozen=True)
class UnplacedCell:
    """A county named in the FBI's county column that is no Census county of the row's state, with every line that
    names it. Nothing is matched by a similar name: `census` only points a maintainer at a Census county whose name
    differs in spacing, periods, accents or a suffix (a rule added for it must hold for every row it places)."""
    state: str
    cell: str  # as published, upper case
    lines: tuple[int, ...]
    placed_elsewhere: tuple[int, ...]  # of `lines`, those whose county column also names a county that matched
    why: str  # one of UNPLACED_WHY
    census: str = ""  # why "near": the Census county (name and FIPS) a maintainer may look at


UNPLACED_WHY = {
    "no state": "federal agencies (state code FS) have no state, so their counties are not looked up",
    "unmapped": "the FBI placed the agency in no county",
    "planning region": "a Connecticut planning region: the Census Bureau made the nine regions Connecticut's county "
                       "equivalents in 2022, and the Census table the site uses (2020) has the eight former counties",
    "near": "no Census county of exactly this name in the state; one differs only in spacing, periods, accents or a "
            "suffix",
    "none": "no Census county of this name in the state",
}


def _bare(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.upper())
    return re.sub(r"[^A-Z]", "", "".join(c for c in text if not unicodedata.combining(c)))


def unplaced_cells(rows: list[StaffRow], counties: dict[tuple[str, str], str],
                   census_names: list[tuple[str, str, str]]) -> list[UnplacedCell]:
    """Every county cell of the table that `county_fips_of` places nowhere, by state and name, with why.
    `census_names`: (state postal code, Census name as published, FIPS) of every Census county."""
    placed = county_fips_of(rows, counties)
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in rows:
        for cell in row.counties:
            if row.state in NO_STATE or (row.state, cell.replace(".", "")) not in counties:
                lines[(row.state, cell)].append(row.line)
    found = []
    for (state, cell), at in sorted(lines.items()):
        census = ""
        if state in NO_STATE:
            why = "no state"
        elif cell == UNMAPPED:
            why = "unmapped"
        elif state == "CT" and cell.endswith(" PLANNING REGION"):
            why = "planning region"
        else:
            near = [f"{name} ({fips})" for s, name, fips in census_names if s == state
                    and (_bare(re.sub(CENSUS_SUFFIX, "", name)) == _bare(cell) or name.upper().startswith(cell + " "))]
            why, census = ("near", "; ".join(near)) if near else ("none", "")
        found.append(UnplacedCell(state, cell, tuple(at), tuple(line for line in at if line in placed), why, census))
    return found


@dataclass(frozen=True)
class Coverage:
    matches: tuple[Match, ...]
    states: dict[str, Share]
    counties: dict[str, Share]  # county FIPS
    rows: int
    first_year: int
    last_year: int
    latest_year_rows: int  # rows of the last year
    other_with_population: int = 0  # rows with a state, not city or county, whose population is above 0: left out
    unplaced: tuple[UnplacedCell, ...] = ()  # county cells that are no Census county (maintainers' page)

    @property
    def rate(self) -> tuple[int, int]:
        return sum(1 for m in self.matches if m.row), len(self.matches)

    def unmatched(self) -> list[Match]:
        return [m for m in self.matches if m.row is None]


def coverage(rows: list[StaffRow], agencies: list[tuple[str, str, str]],
             counties: dict[tuple[str, str], str], census_names: list[tuple[str, str, str]] = ()) -> Coverage:
    """The shares by state and county for the agencies (on ICE's latest list)."""
    matches = match(agencies, rows)
    covered = {m.row.line for m in matches if m.row}
    by_state: dict[str, list[StaffRow]] = defaultdict(list)
    by_county: dict[str, list[StaffRow]] = defaultdict(list)
    placed = county_fips_of(rows, counties)
    for row in rows:
        if row.state in NO_STATE:
            continue
        by_state[row.state].append(row)
        for fips in placed.get(row.line, []):
            by_county[fips].append(row)
    years = [r.year for r in rows] or [0]
    last_year = max(years)
    alone = {row.line for row in rows if len(row.counties) == 1 and len(placed.get(row.line, [])) == 1}
    return Coverage(tuple(matches), {s: _share(r, covered) for s, r in by_state.items()},
                    {f: _share(r, covered, alone) for f, r in by_county.items()}, len(rows), min(years), last_year,
                    sum(1 for r in rows if r.year == last_year),
                    sum(1 for r in rows if r.state not in NO_STATE and r.agency_type not in LOCAL_TYPES
                        and r.population), tuple(unplaced_cells(rows, counties, list(census_names))))


_loaded: dict[tuple, Coverage] = {}


def load(datasets: Path) -> Coverage | None:
    """The coverage for the agencies on ICE's latest list (agencies.csv), or None without the FBI table; computed
    again only when a file it reads changed (records/file_stamps.py): a build reads it for the coverage pages and for
    the data package, and `serve` at every edit. Treat it as read-only."""
    path = datasets / FOLDER / FILE
    if not path.is_file() or not (datasets / "ice-287g" / "agencies.csv").is_file():
        return None
    from ..file_stamps import file_stamp

    inputs = (path, datasets / "ice-287g" / "agencies.csv", datasets / "reference" / "state_fips_names.csv",
              datasets / "reference" / "county_fips_names.csv")
    key = tuple((str(p.resolve()), file_stamp(p) if p.is_file() else None) for p in inputs)
    if key not in _loaded:
        found = _load(datasets, path)
        _loaded.clear()
        _loaded[key] = found
    return _loaded[key]


def _load(datasets: Path, path: Path) -> Coverage:
    from ..table_files import read_table as read_committed
    rows = read_staffing(path, f"data/datasets/{FOLDER}/{FILE}")
    agencies = [(a["agency_id"], a["name"], a["state_postal"])
                for a in read_committed(datasets / "ice-287g" / "agencies.csv") if a["on_latest_list"] == "true"]
    reference = datasets / "reference"
    state_rows, county_rows = (read_committed(reference / "state_fips_names.csv"),
                               read_committed(reference / "county_fips_names.csv"))
    return coverage(rows, agencies, census_keys(state_rows, county_rows), census_names(state_rows, county_rows))


def read_table(path: Path, shown: str | None = None) -> list[StaffRow]:
    """validate's reader of the dataset's CSV."""
    return read_staffing(path, shown)


def matching_report(found: Coverage) -> str:
    matched, total = found.rate
    lines = [f"matched to the FBI's table: {matched} of {total} agencies on ICE's latest list "
             f"({matched / total:.1%}); not matched: {total - matched}" if total else "no agencies on ICE's list"]
    lines += [f"  {m.state}: {m.name} ({m.why})" for m in found.unmatched()]
    rows = {line for cell in found.unplaced for line in cell.lines}
    lines.append(f"county names that are no Census county of their state: {len(found.unplaced)}, on {len(rows)} "
                 f"row{'' if len(rows) == 1 else 's'} (listed on /maintainers/fbi-lee-counties/)")
    return "\n".join(lines)


def run(root: Path, source: Path) -> int:
    """`python -m scripts ingest fbi-lee FILE`: check the FBI table, copy it with its provenance, print the matching
    rate against ICE's latest list (the agencies not matched are listed on /maintainers/fbi-lee-unmatched/)."""
    rows = read_staffing(source, str(source))  # raises DataError: nothing written
    folder = root / "data" / "datasets" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / FILE)
    data = (folder / FILE).read_bytes()
    years: dict[int, int] = defaultdict(int)
    for row in rows:
        years[row.year] += 1
    provenance_path = folder / "provenance.json"
    provenance = json.loads(provenance_path.read_text(encoding="utf-8")) if provenance_path.is_file() else {}
    provenance.update(file=FILE, sha256=hashlib.sha256(data).hexdigest(), rows=len(rows),
                      rows_by_year={str(y): n for y, n in sorted(years.items())})
    provenance_path.write_text(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {(folder / FILE).relative_to(root)}: {len(rows)} agencies, data years "
          f"{min(years)}–{max(years)} ({years[max(years)]} rows of {max(years)})")
    found = load(root / "data" / "datasets")
    if found is not None:
        print(matching_report(found))
    return 0

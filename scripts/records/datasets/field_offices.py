"""ICE's field offices and their areas of responsibility, read from the Deportation Data Project's table as published
(data/datasets/ice-field-offices/ice-areas-of-responsibility.csv: a space after each comma) and placed on the Census
tables of data/datasets/reference/: a row with no county gives its whole state or territory to an office; the states
ICE splits between offices are given county by county.

Everything the file could get wrong is a problem at its line and column, with what to do: an office or state name
that is not known, a county that is not in its state, a place given twice, a state given whole and by county, a
split state with a county no row gives. Matching is by exact Census name (or that name without " County"), nothing
by a similar spelling (provenance.json lists the decisions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import DataError, Problem
from ..table_files import TABLE_COLUMNS, read_csv

FOLDER = "ice-field-offices"
FILE = "ice-areas-of-responsibility.csv"
COLUMNS = ("office_name", "state_name", "county_name", "notes")
# The file's names for a state or territory that the Census table spells otherwise.
STATE_ALIASES = {"Commonwealth of the Northern Mariana Islands": "MP"}
# How the site shows an office whose name the file abbreviates without a period.
DISPLAY_NAMES = {"St Paul": "St. Paul"}


@dataclass(frozen=True)
class Area:
    """One row of the table: an office's whole state (county_fips empty) or one county."""
    line: int
    office: str  # as the file spells it
    state: str  # postal code
    state_fips: str
    state_name: str  # as the file spells it
    county_fips: str = ""
    county_name: str = ""  # as the file spells it


@dataclass(frozen=True)
class FieldOffice:
    id: str  # its page: field-offices/<id>/
    name: str  # as the site shows it
    name_as_published: str
    whole_states: tuple[str, ...]  # postal codes
    counties: tuple[tuple[str, str], ...]  # (postal code, county FIPS) of the states it shares
    areas: tuple[Area, ...]

    @property
    def lines(self) -> str:
        """Its rows' lines in the table, runs joined ("2–4, 40")."""
        runs: list[list[int]] = []
        for line in sorted(a.line for a in self.areas):
            if runs and line == runs[-1][-1] + 1:
                runs[-1].append(line)
            else:
                runs.append([line])
        return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)

    @property
    def states(self) -> tuple[str, ...]:
        """Every state it covers, whole or in part, in the file's order."""
        seen = dict.fromkeys(self.whole_states)
        seen.update(dict.fromkeys(state for state, _ in self.counties))
        return tuple(seen)


def office_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _reference(reference: Path) -> tuple[dict[str, tuple[str, str]], dict[str, dict[str, str]]]:
    """(state name -> (postal, FIPS)), (postal -> {Census county name -> five-digit FIPS})."""
    states = {row["name"]: (row["postal"], row["fips"])
              for row in read_csv(reference / "state_fips_names.csv", TABLE_COLUMNS["reference/state_fips_names.csv"]).records()}
    postal = {fips: code for code, fips in states.values()}
    counties: dict[str, dict[str, str]] = {}
    for row in read_csv(reference / "county_fips_names.csv", TABLE_COLUMNS["reference/county_fips_names.csv"]).records():
        if row["statefp"] in postal:
            counties.setdefault(postal[row["statefp"]], {})[row["name"]] = row["statefp"] + row["countyfp"]
    return states, counties


def read_areas(path: Path, reference: Path, shown: str | None = None) -> list[Area]:
    """Every row of the table placed on the Census tables in `reference`. Raises DataError with every problem."""
    table = read_csv(path, COLUMNS, shown, skip_initial_space=True)
    states, counties = _reference(reference)
    codes = {postal: fips for postal, fips in states.values()}
    names = {postal: name for name, (postal, _) in reversed(list(states.items()))}  # a state's first Census name
    problems: list[Problem] = []
    areas: list[Area] = []
    column = {name: table.column_number(name) for name in COLUMNS}
    for index, row in enumerate(table.records()):
        line = table.line_of(index)
        office, state_name, county = (row[c].strip() for c in ("office_name", "state_name", "county_name"))
        if not office:
            problems.append(Problem(table.path, line, column["office_name"], "office_name is empty: write the ICE "
                                    "field office this row belongs to (e.g. Phoenix)"))
            continue
        postal = STATE_ALIASES.get(state_name) or states.get(state_name, ("", ""))[0]
        if not postal:
            problems.append(Problem(table.path, line, column["state_name"], f'state_name "{state_name}" is not a state '
                                    "or territory of data/datasets/reference/state_fips_names.csv: write its Census "
                                    f"name (e.g. {', '.join(sorted(names.values())[:3])})"))
            continue
        fips = ""
        if county:
            known = counties.get(postal, {})
            fips = known.get(county) or known.get(f"{county} County", "")
            if not fips:
                problems.append(Problem(table.path, line, column["county_name"], f'county_name "{county}" is not a '
                                        f"county of {names[postal]} in data/datasets/reference/county_fips_names.csv: "
                                        "write its Census name, with or without ' County'"))
                continue
        areas.append(Area(line, office, postal, codes[postal], state_name, fips, county))
    problems += _coverage_problems(areas, counties, names, table.path, column)
    if problems:
        raise DataError(problems)
    return areas


def _coverage_problems(areas: list[Area], counties: dict[str, dict[str, str]], names: dict[str, str], shown: str,
                       column: dict[str, int]) -> list[Problem]:
    """Each place given to one office only; a state given whole or county by county, not both; every county of a
    state given by county has an office."""
    problems = []
    seen: dict[tuple[str, str], Area] = {}
    whole: dict[str, Area] = {}
    for a in areas:
        if not a.county_fips:
            whole.setdefault(a.state, a)
    for a in areas:
        key = (a.state, a.county_fips)
        if key in seen:
            where = f"{names[a.state]}" + (f", {a.county_name}" if a.county_fips else "")
            problems.append(Problem(shown, a.line, column["county_name" if a.county_fips else "state_name"],
                                    f"{where} is already given to {seen[key].office} on line {seen[key].line}: keep "
                                    "one of the two rows"))
            continue
        seen[key] = a
        if a.county_fips and a.state in whole:
            problems.append(Problem(shown, a.line, column["county_name"], f"{names[a.state]} is given whole to "
                                    f"{whole[a.state].office} on line {whole[a.state].line}, and this row gives one of "
                                    "its counties: give the state whole, or every county of it"))
    by_county = {}
    for a in areas:
        if a.county_fips:
            by_county.setdefault(a.state, []).append(a)
    for state, rows in by_county.items():
        if state in whole:
            continue
        given = {a.county_fips for a in rows}
        first_names: dict[str, str] = {}
        for name, fips in counties.get(state, {}).items():
            first_names.setdefault(fips, name)
        missing = sorted(name for fips, name in first_names.items() if fips not in given)
        if missing:
            problems.append(Problem(shown, rows[0].line, column["county_name"], f"{names[state]} is given county by "
                                    f"county, but no row gives {len(missing)} of its counties an office "
                                    f"({', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}): add a row for each"))
    return problems


def offices(areas: list[Area]) -> list[FieldOffice]:
    """The offices in the order of their names as shown."""
    grouped: dict[str, list[Area]] = {}
    for a in areas:
        grouped.setdefault(a.office, []).append(a)
    found = []
    for name, rows in grouped.items():
        shown = DISPLAY_NAMES.get(name, name)
        found.append(FieldOffice(office_id(shown), shown, name, tuple(a.state for a in rows if not a.county_fips),
                                 tuple((a.state, a.county_fips) for a in rows if a.county_fips), tuple(rows)))
    return sorted(found, key=lambda o: o.name)


def load(datasets: Path) -> list[FieldOffice]:
    """The offices of datasets/ice-field-offices/ (none when the folder is absent)."""
    path = datasets / FOLDER / FILE
    if not path.is_file():
        return []
    return offices(read_areas(path, datasets / "reference", f"data/datasets/{FOLDER}/{FILE}"))


def read_table(path: Path, shown: str | None = None) -> list[Area]:
    """validate's reader of a CSV in the dataset's folder: the areas, placed on the Census tables of the data folder
    the file is in (datasets/reference/)."""
    return read_areas(path, Path(path).parent.parent / "reference", shown)


def matching_report(areas: list[Area]) -> str:
    """What a maintainer who replaces the file reads: rows, offices, whole states and counties placed."""
    found = offices(areas)
    whole = sum(1 for a in areas if not a.county_fips)
    return (f"{len(areas)} rows placed: {len(found)} offices, {whole} whole states or territories, "
            f"{len(areas) - whole} counties of the states split between offices")

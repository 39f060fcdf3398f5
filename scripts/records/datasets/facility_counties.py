"""Facilities matched to counties only where the facility's own name says which county it is in.

A match needs the name to hold a county's name from the Census list of the facility's state, followed by a word
meaning county ("SAN DIEGO COUNTY JAIL", "WICOMICO CO DET", "MONTGOMERY CNTY JAIL, PA", "CADDO PARISH"), or an
independent city's name followed by CITY in a state that has them ("ROANOKE CITY JAIL", Virginia). A name naming two
different counties, or none, is left unmatched: a city name alone is not used, because a city can lie in several
counties and many jails sit outside the city named in ICE's record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..table_files import TABLE_COLUMNS, read_csv

# Census suffixes of county equivalents, and the words facility names use for them.
_SUFFIXES = (" County", " Parish", " Borough", " City and Borough", " Census Area", " Municipality", " Municipio")
_COUNTY_WORDS = r"(?:COUNTY|CNTY|CO|PARISH|BOROUGH)"  # not "CTY", which can also mean city
# A state's postal code closing a name ("EL PASO COUNTY JAIL (CO)", "LEHIGH COUNTY JAIL, PA") is the state, not "CO"
# for county: it is cut off before matching.
_CLOSING_POSTAL = re.compile(r"\s*(?:,\s*|\(\s*)([A-Za-z]{2})\s*\)?\s*$")


def normalise(text: str) -> str:
    """Upper case, "SAINT" as "ST", apostrophes dropped, other punctuation and hyphens as spaces, single spaces."""
    text = re.sub(r"['’]", "", str(text).upper())
    text = re.sub(r"[^A-Z0-9]+", " ", text).strip()
    return re.sub(r"\bSAINT\b", "ST", text)


@dataclass(frozen=True)
class CountyMatch:
    fips: str | None  # 5-digit county FIPS, or None
    county: str | None  # the Census name
    method: str  # "county name in facility name", "independent city in facility name", or why not matched


class CountyMatcher:
    def __init__(self, counties: pd.DataFrame, states: pd.DataFrame):
        self.state_fips: dict[str, str] = {}
        for row in states.itertuples(index=False):
            self.state_fips[normalise(row.name)] = row.fips
            self.state_fips[normalise(row.postal)] = row.fips
        self.postal = {row.fips: row.postal.upper() for row in states.itertuples(index=False)}
        self.patterns: dict[str, list[tuple[re.Pattern, str, str]]] = {}
        for row in counties.itertuples(index=False):
            name = row.name
            base, word = name, None
            if name.endswith(" city"):
                base, word = name[: -len(" city")], "CITY"
            else:
                for suffix in _SUFFIXES:
                    if name.endswith(suffix):
                        base = name[: -len(suffix)]
                        word = _COUNTY_WORDS
                        break
            if word is None:  # e.g. "District of Columbia": no county word to look for
                continue
            pattern = re.compile(rf"(?:^|\s){re.escape(normalise(base))}\s{word}(?:\s|$)")
            self.patterns.setdefault(row.statefp, []).append((pattern, row.statefp + row.countyfp, name))

    @classmethod
    def from_files(cls, counties: Path, states: Path) -> CountyMatcher:
        """From the Census reference tables, read by the tables' reading layer (limits, header checked)."""
        tables = [read_csv(path, TABLE_COLUMNS[f"reference/{path.name}"]) for path in (counties, states)]
        return cls(*(pd.DataFrame(table.rows, columns=table.header, dtype=str) for table in tables))

    def match(self, facility: object, state: object) -> CountyMatch:
        if not isinstance(facility, str) or not facility.strip():
            return CountyMatch(None, None, "no facility name")
        if not isinstance(state, str) or normalise(state) not in self.state_fips:
            return CountyMatch(None, None, "state not recorded or not in the Census list")
        state_fips = self.state_fips[normalise(state)]
        closing = _CLOSING_POSTAL.search(facility)
        if closing and closing.group(1).upper() == self.postal.get(state_fips):
            facility = facility[: closing.start()]
        name = normalise(facility)
        found = {(fips, county) for pattern, fips, county in self.patterns.get(state_fips, [])
                 if pattern.search(name)}
        if len(found) > 1:
            # A county whose name ends another's ("ST MARYS COUNTY" holds "MARYS COUNTY" if one existed): the
            # longest name is the one meant.
            longest = max(len(county) for _, county in found)
            found = {item for item in found if len(item[1]) == longest}
        if len(found) != 1:
            return CountyMatch(None, None, "no county named" if not found else "names more than one county")
        fips, county = found.pop()
        method = "independent city in facility name" if county.endswith(" city") else "county name in facility name"
        return CountyMatch(fips, county, method)

    def match_frame(self, frame: pd.DataFrame, facility: str, state: str) -> pd.DataFrame:
        """`frame` with county_fips, county_name and county_match columns added (one match per distinct pair)."""
        pairs = frame[[facility, state]].drop_duplicates()
        matches = {(f, s): self.match(f, s) for f, s in pairs.itertuples(index=False)}
        keys = list(zip(frame[facility], frame[state]))
        out = frame.copy()
        out["county_fips"] = [matches[k].fips for k in keys]
        out["county_name"] = [matches[k].county for k in keys]
        out["county_match"] = [matches[k].method for k in keys]
        return out

"""State and county FIPS codes from the Census Bureau's tables copied into data/datasets/reference/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..table_files import TABLE_COLUMNS, read_csv

# State names as ICE has misspelt them, each checked by hand against the agencies listed under it.
STATE_SPELLING_FIXES = {
    "PENNSLYVANIA": "PENNSYLVANIA",
    "WEST VIRIGINIA": "WEST VIRGINIA",
    "WEST VIRIGINA": "WEST VIRGINIA",  # ICE's pending lists, February 2026
    "MCHIGAN": "MICHIGAN",  # ICE's pending lists, October 2025
}


@dataclass(frozen=True)
class State:
    name: str
    postal: str
    fips: str


@dataclass
class Fips:
    """Lookups by name: states by their upper-case name, counties by state FIPS and a spelling-blind key."""

    states: dict[str, State]
    counties: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # state -> key -> (fips5, name)

    def state(self, published: str) -> State | None:
        name = " ".join(published.split()).upper()
        return self.states.get(STATE_SPELLING_FIXES.get(name, name))

    def county(self, state_fips: str, name: str) -> tuple[str, str] | None:
        """The county (5-digit FIPS, Census name) that `name` spells in the state, or None."""
        return self.counties.get(state_fips, {}).get(county_key(name))

    def county_names(self, state_fips: str) -> dict[str, tuple[str, str]]:
        return self.counties.get(state_fips, {})


def county_key(name: str) -> str:
    """Blind to case, spacing and punctuation, and to "Saint" spelt out: "LaSalle Parish" = "La Salle Parish",
    "Saint Lucie County" = "St. Lucie County"."""
    words = re.sub(r"[^A-Za-z0-9 ]+", "", name.replace("-", " ")).upper().split()
    words = ["ST" if w == "SAINT" else "STE" if w == "SAINTE" else w for w in words]
    return "".join(words)


def load_fips(reference_dir: Path) -> Fips:
    """The state and county tables of a data folder's datasets/reference/."""
    def rows(name: str) -> list[dict[str, str]]:
        return read_csv(reference_dir / name, TABLE_COLUMNS[f"reference/{name}"]).records()

    state_rows = rows("state_fips_names.csv")
    canonical: dict[str, State] = {}
    for row in state_rows:  # the first name of a FIPS code is its name (the table lists the Virgin Islands thrice)
        canonical.setdefault(row["fips"], State(row["name"], row["postal"], row["fips"]))
    states = {row["name"].upper(): canonical[row["fips"]] for row in state_rows}
    fips = Fips(states)
    for row in rows("county_fips_names.csv"):
        fips.counties.setdefault(row["statefp"], {})[county_key(row["name"])] = (
            row["statefp"] + row["countyfp"], row["name"])
    return fips

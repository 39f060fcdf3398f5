"""ICE's field offices (scripts/records/datasets/field_offices.py) as the pages ask for them: the office of a county,
the offices of a state (one whole, or several sharing its counties), and an office's agencies on the latest 287(g)
list. Built once per Renderer from the tables alone."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..records.datasets.field_offices import FieldOffice, load

__all__ = ["OfficeIndex", "load_offices"]


def load_offices(datasets: Path) -> list[FieldOffice]:
    return load(datasets)


class OfficeIndex:
    def __init__(self, offices: list[FieldOffice]):
        self.offices = offices
        self._whole: dict[str, FieldOffice] = {}
        self._county: dict[str, FieldOffice] = {}
        self._shared: dict[str, dict[str, int]] = defaultdict(dict)  # state -> {office id: its counties there}
        self._by_id = {o.id: o for o in offices}
        for office in offices:
            for state in office.whole_states:
                self._whole[state] = office
            for state, fips in office.counties:
                self._county[fips] = office
                self._shared[state][office.id] = self._shared[state].get(office.id, 0) + 1

    def get(self, office_id: str) -> FieldOffice:
        return self._by_id[office_id]

    def of_county(self, state: str, fips: str) -> FieldOffice | None:
        """The office of a county: its own row, or its state's."""
        return self._county.get(fips) or self._whole.get(state)

    def of_state(self, state: str) -> list[tuple[FieldOffice, int]]:
        """(office, how many of the state's counties it has; 0: the whole state) for each office the state has."""
        if state in self._whole:
            return [(self._whole[state], 0)]
        return sorted(((self._by_id[i], n) for i, n in self._shared.get(state, {}).items()), key=lambda p: p[0].name)

    def of_agency(self, state: str, county_fips: str) -> list[FieldOffice]:
        """The offices whose area holds an agency: its county's office; an agency without a county in a state that
        is split between offices belongs to every office there."""
        if county_fips:
            found = self.of_county(state, county_fips)
            return [found] if found else []
        return [office for office, _ in self.of_state(state)]

"""What the agency, county and state pages need besides their own record: the latest list's date, the site's
jurisdiction records and court cases of a place, and the collapsed table of a state's agreements over time. Built once
per Renderer, in one pass over the records, so the pages stay linear in the number of places."""

from __future__ import annotations

from collections import defaultdict

from ..records.model import Dataset
from ..records.place_schema import ListCount
from .charts import tilegrid

MODEL_ABBREVIATIONS = {"Jail Enforcement Model": "JEM", "Task Force Model": "TFM", "Warrant Service Officer": "WSO"}


class PlaceIndex:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        agencies = dataset.collections.get("agencies", {})
        self.latest_list = max((a.last_list for a in agencies.values()), default="")
        self.list_count = max((len(s.over_time) for s in dataset.collections.get("states", {}).values()), default=0)
        self.first_list = min((a.first_list for a in agencies.values()), default="")
        states = dataset.collections.get("states", {})
        names = {s.postal: s.name for s in states.values()}
        self._by_state: dict[str, list] = defaultdict(list)
        self._by_county_name: dict[tuple[str, str], list] = defaultdict(list)
        for record in dataset.sorted("jurisdictions"):
            self._by_state[record.state].append(record)
            if record.kind == "county" and record.state in names:
                # Matched only on the exact Census name and state ("Cook County, Illinois"): a city or a spelling
                # that differs is not guessed at.
                self._by_county_name[(record.state, record.name)].append(record)
        self._cities_by_county: dict[str, list] = defaultdict(list)
        for record in dataset.sorted("jurisdictions"):
            if record.kind == "city" and record.county:
                self._cities_by_county[record.county].append(record)
        self._names = names

    def state_tiles(self) -> list[tuple]:
        """The home page's map of states (home.html.j2): (state, row, column, its agencies on the latest list) for
        every state record, in the tile grid's layout; a territory gets a square on a row under the map."""
        states = self.dataset.collections.get("states", {})
        by_code = {s.postal: s for s in states.values()}
        extra = [code for code in tilegrid.codes(set(by_code)) if code not in tilegrid.NAMES]
        agencies = self.dataset.collections.get("agencies", {})
        tiles = []
        for code in tilegrid.codes(set(by_code)):
            if code in by_code:
                state = by_code[code]
                row, column = tilegrid.position(code, extra)
                listed = sum(1 for a in state.agencies if agencies[a].on_latest_list)
                tiles.append((state, row, column, listed))
        return tiles

    def county_jurisdictions(self, county) -> list:
        """The county's own record (by its exact Census name and state), then the city records placed in it. A
        jurisdiction's name is written in English ("Bergen County, New Jersey"): matched on the county's English name,
        whatever the language of the page."""
        return (self._by_county_name.get((county.state, self.dataset.original(county.id).full_name), [])
                + self._cities_by_county.get(county.id, []))

    def state_jurisdictions(self, state) -> list:
        return self._by_state.get(state.postal, [])

    def cases_of(self, jurisdictions: list) -> list:
        found = {case.id: case for j in jurisdictions for case in self.dataset.referring(j.id, "cases")}
        cases = self.dataset.collections.get("cases", {})
        found.update((i, cases[i]) for j in jurisdictions for i in j.cases if i in cases)
        return sorted(found.values(), key=lambda c: c.id)

    def agencies(self, ids: list[str]) -> list:
        table = self.dataset.collections["agencies"]
        return sorted((table[i] for i in ids), key=lambda a: (a.name.lower(), a.id))

    @staticmethod
    def models(agency) -> str:
        """The models of an agency's last list, abbreviated ("TFM, WSO")."""
        return ", ".join(sorted({MODEL_ABBREVIATIONS[a.model] for a in agency.agreements}))

    def last_change(self, agencies: list):
        """What changed last for these agencies on ICE's lists: (date, agency, "first") for the latest agency to
        appear on a list after the first list, or (date, agency, "last") for the latest to be dropped (its last list
        before the latest one), whichever is newer; None when nothing changed since the first list."""
        changes = [(a.first_list, a.id, "first", a) for a in agencies if a.first_list > self.first_list]
        changes += [(a.last_list, a.id, "last", a) for a in agencies if a.last_list < self.latest_list]
        if not changes:
            return None
        date, _, kind, agency = max(changes, key=lambda change: (change[0], change[1], change[2]))
        return date, agency, kind

    @staticmethod
    def changes(over_time: list[ListCount]) -> list[ListCount]:
        """The lists whose counts differ from the list before, and always the first and the latest: a state's table
        stays short where nothing moved for years."""
        kept, previous = [], None
        for index, row in enumerate(over_time):
            counts = (row.jail_enforcement, row.task_force, row.warrant_service)
            if counts != previous or index == len(over_time) - 1:
                kept.append(row)
            previous = counts
        return kept

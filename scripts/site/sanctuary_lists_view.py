"""The federal lists of "sanctuary jurisdictions" (the jurisdictions named in ICE's first Declined Detainer Outcome
Report of March 20, 2017, as far as the sources say; DHS's of May 29, 2025, the Justice Department's of August 5, 2025):
each declared once here (its table in data/datasets/sanctuary-lists/, its publisher, date and source records), read
and matched to the states and counties when the site is generated (scripts/records/datasets/sanctuary_lists.py), and
indexed by state and county for the pages that say "named on …"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..records.datasets.sanctuary_lists import NOTES, Entry, city_records, read_matched

FOLDER = "sanctuary-lists"


@dataclass(frozen=True)
class FederalList:
    id: str  # the page: sanctuary-lists/<id>/
    file: str  # its table in data/datasets/sanctuary-lists/
    title: str
    publisher: str
    date: str
    sources: tuple[str, ...]  # source record ids for the list and what happened to it
    event: str  # the timeline's event about it
    removed: str = ""  # when it was taken down, as the sources say
    # Set when the table is not the whole list: what it holds instead (shown on its page, translated)
    scope: str = ""
    entries: tuple[Entry, ...] = field(default=(), compare=False)


LISTS = (
    FederalList("ice-ddor-2017-03-20", "ice-ddor-2017-03-20.csv", "ICE's first Declined Detainer Outcome Report, "
                "March 20, 2017 (in part)", "U.S. Immigration and Customs Enforcement",
                "2017-03-20",
                ("ice-2017-03-20-ddor-jan-28-feb-3-2017", "dhs-2017-03-20-declined-detainer-outcome-report-release",
                 "numbersusa-2017-first-detainer-report-206-declined",
                 "townhall-2017-03-dhs-releases-first-declined-detainers-report", "aila-ddor-index-17032002",
                 "kut-2017-03-20-travis-county-tops-ice-list", "aclu-2017-03-shaming-local-law-enforcement"),
                "2017-03-20-first-declined-detainer-outcome-report",
                scope="This is not ICE's list, only the part of it the site can cite. The report (35 pages) named "
                      "jurisdictions in three places: Section I, the ten non-cooperative jurisdictions to which ICE "
                      "issued the most detainers that week; Section II, every detainer recorded as declined, by "
                      "jurisdiction; Section III, a table of jurisdictions with policies that limit cooperation with "
                      "ICE. The site's sources give Section I whole (as it was reprinted), a few entries "
                      "of Section II and the first four entries of Section III's table, in the report's order (the "
                      "rest of the table could not be read), so a jurisdiction missing here may well have been in "
                      "the report. Each entry below names its source. ICE's correction to the report said eight of these "
                      "entries were wrong; they are kept, with what the correction says."),
    FederalList("dhs-2025-05-29", "dhs-2025-05-29.csv", "DHS's list of sanctuary jurisdictions, May 29, 2025",
                "U.S. Department of Homeland Security", "2025-05-29",
                ("dhs-2025-05-29-sanctuary-jurisdictions-page", "ap-2025-06-02-sanctuary-list-removed",
                 "cnn-2025-06-02-sanctuary-list-removed"),
                "2025-05-29-dhs-publishes-then-removes-sanctuary-list", removed="2025-06-01"),
    FederalList("doj-2025-08-05", "doj-2025-08-05.csv", "The Justice Department's list of sanctuary jurisdictions, "
                "August 5, 2025", "U.S. Department of Justice", "2025-08-05",
                ("fifthestate-2025-08-06-doj-publishes-sanctuary-list",
                 "dailyvoice-2025-08-05-doj-sanctuary-list-baltimore-county", "nbc26-2025-08-05-doj-publishes-sanctuary-list"),
                "2025-08-05-justice-department-publishes-list-of-sanctuary-jurisdictions"),
)


def load_lists(datasets: Path, jurisdictions=()) -> list[FederalList]:
    """The lists whose tables are in datasets/sanctuary-lists/, their entries matched to the Census counties and to
    the city records among `jurisdictions` (none when the folder is absent, as in a test's small data folder)."""
    folder = datasets / FOLDER
    if not folder.is_dir():
        return []
    cities = city_records(jurisdictions)
    return [FederalList(**{**info.__dict__, "entries": tuple(read_matched(folder / info.file, datasets / "reference",
                                                                          cities))})
            for info in LISTS if (folder / info.file).is_file()]


class ListIndex:
    """Which entries of which list name a state (itself, or a county or city in it) or a county."""

    def __init__(self, lists: list[FederalList]):
        self.lists = lists
        self._state: dict[str, list[tuple[FederalList, list[Entry]]]] = defaultdict(list)
        self._county: dict[str, list[tuple[FederalList, list[Entry]]]] = defaultdict(list)
        for federal in lists:
            by_state, by_county = defaultdict(list), defaultdict(list)
            for e in federal.entries:
                by_state[e.state].append(e)
                if e.county_fips:
                    by_county[e.county_fips].append(e)
            for code, found in by_state.items():
                self._state[code].append((federal, found))
            for fips, found in by_county.items():
                self._county[fips].append((federal, found))

    def of_jurisdiction(self, record) -> list[tuple[FederalList, list[Entry]]]:
        """The entries that name a city or county jurisdiction record: its state's entries of its kind whose name is
        the record's name before the comma ("Chicago, Illinois": "Chicago" or "City of Chicago"), or that were matched
        to the record (a city entry, by `match`)."""
        if record.kind not in ("city", "county"):
            return []
        name = record.name.split(",")[0].strip()
        wanted = {name, f"City of {name}"} if record.kind == "city" else {name}
        found = []
        for federal, entries in self.of_state(record.state):
            named = [e for e in entries if e.kind == record.kind and (e.name in wanted or e.jurisdiction == record.id)]
            if named:
                found.append((federal, named))
        return found

    def of_state(self, postal: str) -> list[tuple[FederalList, list[Entry]]]:
        return self._state.get(postal, [])

    def of_county(self, fips: str) -> list[tuple[FederalList, list[Entry]]]:
        return self._county.get(fips, [])

    @staticmethod
    def counts(entries) -> dict[str, int]:
        """The places named, by kind: a name listed twice in a state (the DDOR's Travis County, in two sections)
        counts once."""
        named = {(e.state, e.kind, e.name) for e in entries}
        return {kind: sum(k == kind for _, k, _ in named) for kind in ("state", "county", "city")}

    @staticmethod
    def matched(entries) -> dict[str, int]:
        """How many entries matched a state, county or city record, and how many only their state."""
        return {"state": sum(e.match == "state" for e in entries), "county": sum(e.match == "county" for e in entries),
                "city": sum(e.match == "city" for e in entries), "state only": sum(not e.match for e in entries)}

    @staticmethod
    def by_state(entries) -> list[tuple[str, list[Entry]]]:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            grouped[e.state_name].append(e)
        return list(grouped.items())

    notes = NOTES

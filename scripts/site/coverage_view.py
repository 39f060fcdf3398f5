"""Who is covered by 287(g) (scripts/records/datasets/fbi_lee.py) as the pages ask for it: a state's or county's
share of the FBI table's agencies and sworn officers served by an agency on ICE's latest list, the agencies matched
and not matched, and the national map of states. Built once per Renderer from the tables alone."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..records.datasets.fbi_lee import FILE, FOLDER, UNPLACED_WHY, Coverage, Match, Share, UnplacedCell, load
from .charts import tilegrid

TABLE = f"data/datasets/{FOLDER}/{FILE}"
# The map's shades: the share of sworn officers, by these lower bounds (the last shade from 50%).
SHADES = (0.0, 0.001, 0.10, 0.25, 0.50)


def load_coverage(datasets: Path) -> Coverage | None:
    return load(datasets)


class CoverageIndex:
    def __init__(self, found: Coverage | None):
        self.found = found
        self.table = TABLE
        self._matched: dict[str, list[Match]] = defaultdict(list)
        self._unmatched: dict[str, list[Match]] = defaultdict(list)
        for m in found.matches if found else ():
            (self._matched if m.row else self._unmatched)[m.state].append(m)

    def present(self) -> bool:
        """Whether the data has the FBI's table (and ICE's lists)."""
        return self.found is not None

    def summary(self) -> tuple[int, int, int, int]:
        """(rows, first data year, last data year, rows of the last year) of the FBI's table."""
        f = self.found
        return (f.rows, f.first_year, f.last_year, f.latest_year_rows) if f else (0, 0, 0, 0)

    @property
    def rate(self) -> tuple[int, int]:
        return self.found.rate if self.found else (0, 0)

    def of_state(self, postal: str) -> Share | None:
        return self.found.states.get(postal) if self.found else None

    def of_county(self, fips: str) -> Share | None:
        return self.found.counties.get(fips) if self.found else None

    def matched(self, postal: str) -> list[Match]:
        return sorted(self._matched.get(postal, []), key=lambda m: m.row.line)

    def unmatched(self, postal: str | None = None) -> list[Match]:
        if postal is not None:
            return self._unmatched.get(postal, [])
        return [m for state in sorted(self._unmatched) for m in self._unmatched[state]]

    def unplaced(self) -> list[UnplacedCell]:
        """The FBI table's county cells that are no Census county of their state (maintainers' page)."""
        return list(self.found.unplaced) if self.found else []

    def unplaced_rows(self) -> int:
        return len({line for cell in self.unplaced() for line in cell.lines})

    @staticmethod
    def why_unplaced(code: str) -> str:
        return UNPLACED_WHY[code]

    def unmatched_states(self) -> list[str]:
        return sorted(self._unmatched)

    @staticmethod
    def shade(share: float) -> int:
        return max(i for i, bound in enumerate(SHADES) if share >= bound)

    def tiles(self) -> list[tuple]:
        """(postal code, row, column, its Share or None, shade) for the national map, in the tile grid's layout: every
        state of the grid, and the territories the FBI's table has."""
        found = set(self.found.states) if self.found else set()
        extra = [code for code in tilegrid.codes(found) if code not in tilegrid.NAMES]
        tiles = []
        for code in tilegrid.codes(found):
            row, column = tilegrid.position(code, extra)
            share = self.of_state(code)
            tiles.append((code, row, column, share, self.shade(share.officer_share) if share else 0))
        return tiles

    def shares(self) -> list[tuple]:
        """(postal code, Share) of every state of the map that has figures: the table's rows (its template puts them in
        the alphabetical order of the states' names in the page's language, not of their codes)."""
        return [(code, share) for code, _row, _column, share, _shade in self.tiles() if share]

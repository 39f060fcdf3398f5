"""The tile-grid map's layout: one equal square per state and DC, placed roughly where the state lies (row 0 is the
top). No geodata: the layout is this table. A code that is not a state or DC (a territory, say) gets a square on an
extra row under the map, so no record is left off."""

from __future__ import annotations

# (postal code, name, row, column)
STATES: tuple[tuple[str, str, int, int], ...] = (
    ("AK", "Alaska", 0, 0), ("ME", "Maine", 0, 11),
    ("WI", "Wisconsin", 1, 5), ("VT", "Vermont", 1, 10), ("NH", "New Hampshire", 1, 11),
    ("WA", "Washington", 2, 0), ("ID", "Idaho", 2, 1), ("MT", "Montana", 2, 2), ("ND", "North Dakota", 2, 3),
    ("MN", "Minnesota", 2, 4), ("IL", "Illinois", 2, 5), ("MI", "Michigan", 2, 6), ("NY", "New York", 2, 9),
    ("MA", "Massachusetts", 2, 10),
    ("OR", "Oregon", 3, 0), ("NV", "Nevada", 3, 1), ("WY", "Wyoming", 3, 2), ("SD", "South Dakota", 3, 3),
    ("IA", "Iowa", 3, 4), ("IN", "Indiana", 3, 5), ("OH", "Ohio", 3, 6), ("PA", "Pennsylvania", 3, 7),
    ("NJ", "New Jersey", 3, 8), ("CT", "Connecticut", 3, 9), ("RI", "Rhode Island", 3, 10),
    ("CA", "California", 4, 0), ("UT", "Utah", 4, 1), ("CO", "Colorado", 4, 2), ("NE", "Nebraska", 4, 3),
    ("MO", "Missouri", 4, 4), ("KY", "Kentucky", 4, 5), ("WV", "West Virginia", 4, 6), ("VA", "Virginia", 4, 7),
    ("MD", "Maryland", 4, 8), ("DE", "Delaware", 4, 9),
    ("AZ", "Arizona", 5, 1), ("NM", "New Mexico", 5, 2), ("KS", "Kansas", 5, 3), ("AR", "Arkansas", 5, 4),
    ("TN", "Tennessee", 5, 5), ("NC", "North Carolina", 5, 6), ("SC", "South Carolina", 5, 7),
    ("DC", "District of Columbia", 5, 8),
    ("OK", "Oklahoma", 6, 3), ("LA", "Louisiana", 6, 4), ("MS", "Mississippi", 6, 5), ("AL", "Alabama", 6, 6),
    ("GA", "Georgia", 6, 7),
    ("HI", "Hawaii", 7, 0), ("TX", "Texas", 7, 3), ("FL", "Florida", 7, 8),
)
ROWS = 8
COLUMNS = 12
NAMES = {code: name for code, name, _, _ in STATES}
_POSITIONS = {code: (row, col) for code, _, row, col in STATES}


def codes(extra: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The states and DC in layout order, then any other codes (sorted)."""
    return [code for code, *_ in STATES] + sorted(set(extra) - set(_POSITIONS))


def position(code: str, extra: list[str] | tuple[str, ...] = ()) -> tuple[int, int]:
    """(row, column) of a code's square; `extra` is the ordered list of codes that are not states or DC."""
    if code in _POSITIONS:
        return _POSITIONS[code]
    index = list(extra).index(code)
    return ROWS + index // COLUMNS, index % COLUMNS


def name(code: str, dataset=None) -> str:
    """A state's name: its record's in `dataset` (in the dataset's language: "Nuevo Hampshire" on Spanish pages)
    where it has one, else the English name of the grid's layout, else the code."""
    state = dataset.collections.get("states", {}).get(code.lower()) if dataset is not None else None
    return state.name if state is not None else NAMES.get(code, code)

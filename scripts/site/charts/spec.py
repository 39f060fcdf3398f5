"""ChartSpec: everything one chart shows, as plain data. The drawing code reads only this, the CSV is written from its
rows and the cache key is taken from it, so the picture, the CSV and the data table cannot disagree."""

from __future__ import annotations

import dataclasses
import json
import math
import textwrap
from dataclasses import dataclass, field
from typing import Any

from ..csv_output import csv_text as write_csv

Value = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    label: str  # the data table's header
    kind: str = "text"  # text | number | record (an id, linked in the table) | records (ids separated by spaces)
    in_table: bool = True  # False: in the CSV only (e.g. a title the table already shows as the record's link)


@dataclass(frozen=True)
class ChartSpec:
    id: str  # the file name: charts/<id>.svg and charts/<id>.csv
    kind: str  # era | timeseries | comparison | tilemap: which drawing code draws it
    title: str
    summary: str  # the short text alternative (the image's alt text): what it shows and the main values
    details: str  # the rest of the SVG description: every plotted value
    caption: str  # how to read it, shown under the picture
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]  # exactly the plotted data, one tuple per row, in column order
    sources: tuple[str, ...]  # source record ids, listed under the chart
    as_of: str  # YYYY-MM-DD: the latest review of the records it is drawn from
    size: tuple[float, float]  # width and height in inches
    options: dict[str, Any] = field(default_factory=dict)  # drawing choices derived from the data (JSON values)
    links: bool = False  # the SVG contains links (embedded with <object> so they can be followed)
    about: str | None = None  # the id of the record the chart draws, if it draws one (a series)
    narrows: str | None = None  # for a briefing's own version of a site chart: that chart's id (on the charts page)
    lists: tuple[str, ...] = ()  # for a chart of ICE's 287(g) lists: the dates of the lists it is drawn from
    page: str = "charts/"  # the page that shows its data table and sources
    folder: str = "charts/"  # where its files are: each language has its own (es/charts/), with its own words

    @property
    def svg_path(self) -> str:
        return f"{self.folder}{self.id}.svg"

    @property
    def csv_path(self) -> str:
        return f"{self.folder}{self.id}.csv"

    @property
    def description(self) -> str:
        return f"{self.summary} {self.details}".strip()

    def column(self, key: str) -> list[Value]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, Value]]:
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row)) for row in self.rows]

    def csv_text(self) -> str:
        return write_csv([c.key for c in self.columns], self.rows)

    def canonical_json(self) -> str:
        """The whole spec as canonical JSON: what the cache key is computed from."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def format_number(value: Value) -> str:
    """1234 → '1,234'; 77.4 → '77.4'; whole floats lose their '.0'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return "" if value is None else str(value)


def format_value(value: Value, unit: str) -> str:
    return f"{format_number(value)}%" if unit == "percent" else format_number(value)


def format_share(part: float, whole: float) -> str:
    """A share as a percentage with enough digits to be non-zero: 3.0%, 0.088%."""
    share = 100 * part / whole
    if share >= 1 or share == 0:
        return f"{share:.1f}%"
    digits = 1 - math.floor(math.log10(share))  # two significant digits
    return f"{share:.{digits}f}%"


def wrap(text: str, width: int, lines: int) -> str:
    """Text broken into at most `lines` lines of about `width` characters, ending in … if it had to be cut; so no
    record's text, however long, can crowd a chart out of its picture."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 1].rstrip() + "…"
    return "\n".join(wrapped)

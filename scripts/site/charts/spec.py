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
from ..i18n import ENGLISH, NBSP, Language, by_code

Value = str | int | float | None

# Every chart is drawn twice: WIDE for screens whose text column is about as wide as it is or wider (540 px drawn,
# its smallest text 9 px, so 11 px or more once the column is 660 px: a desktop's), and NARROW for phones, served
# below NARROW_MEDIA by <picture> or CSS (scripts/site/templates/macros.html.j2): 281 px drawn with the same text, so
# a 390 px phone's column (about 358 px) shows it at 11.5 px. Matplotlib lays the narrow one out afresh: fewer ticks,
# the title wrapped to its width, legends in fewer columns.
NARROW_WIDTH = 3.9  # inches (1 in = 72 px)
NARROW_MEDIA = "(max-width: 40em)"
MAPS = ("tilemap", "choropleth")  # their height follows their width (the shapes keep their proportions)


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    label: str  # the data table's header
    # text | number | record (an id, linked in the table) | records (ids separated by spaces) | term (a word the
    # table shows in the page's language, through the catalog; the CSV keeps it as it is)
    kind: str = "text"
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
    language: str = "en"  # the language of every word it shows (its code): numbers and dates are written its way
    # The words the drawing code puts on the picture besides the title (axis and legend titles, notes), in the chart's
    # language: the drawing code takes every word from the spec, so a chart is drawn in one language only.
    words: dict[str, str] = field(default_factory=dict)
    narrow: bool = False  # the phone's layout (NARROW_WIDTH wide), drawn into charts/<id>.narrow.svg
    # A file the drawing code reads besides the spec (a map's shapes). Not part of the cache key: the spec's options
    # hold the file's SHA-256 instead, so the same shapes give the same key wherever the data folder is.
    input_file: str | None = None

    @property
    def svg_path(self) -> str:
        return f"{self.folder}{self.id}{'.narrow' if self.narrow else ''}.svg"

    def for_phones(self) -> ChartSpec:
        """The same chart laid out for a phone's column: NARROW_WIDTH wide; a map as much shorter as it is
        narrower, with room kept for its title, legend and footnote, which take as many lines as before or more."""
        width, height = self.size
        if self.kind in MAPS:
            height = height * NARROW_WIDTH / width + 1.4
        return dataclasses.replace(self, size=(NARROW_WIDTH, height), narrow=True)

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
        fields = dataclasses.asdict(self)
        del fields["input_file"]
        return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def language_of(spec_or_language: ChartSpec | Language | None) -> Language:
    """The Language of a spec (or the one given; English when none is)."""
    if spec_or_language is None:
        return ENGLISH
    if isinstance(spec_or_language, Language):
        return spec_or_language
    return by_code(spec_or_language.language)


def localize(text: str, language: Language | None) -> str:
    """A number written the English way ('12,345.6', '59.9%') in the language's way ('12 345,6', '59,9 %'): in
    Spanish a decimal comma, and thousands grouped by a (no-break) space only from five digits."""
    if language is None or language.code == "en":
        return text
    percent = text.endswith("%")
    body = text[:-1] if percent else text
    whole, _, decimals = body.partition(".")
    if len(whole.replace(",", "").lstrip("-")) <= 4:
        whole = whole.replace(",", "")
    body = whole.replace(",", NBSP) + ("," + decimals if decimals else "")
    return body + (NBSP + "%" if percent else "")


def format_number(value: Value, language: Language | None = None) -> str:
    """1234 → '1,234'; 77.4 → '77.4'; whole floats lose their '.0' (in Spanish: '1234', '77,4', '12 345')."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return localize(f"{value:,}", language)
    return "" if value is None else str(value)


def format_value(value: Value, unit: str, language: Language | None = None) -> str:
    return (localize(f"{format_number(value)}%", language) if unit == "percent"
            else format_number(value, language))


def format_share(part: float, whole: float, language: Language | None = None) -> str:
    """A share as a percentage with enough digits to be non-zero: 3.0%, 0.088%."""
    share = 100 * part / whole
    if share >= 1 or share == 0:
        return localize(f"{share:.1f}%", language)
    digits = 1 - math.floor(math.log10(share))  # two significant digits
    return localize(f"{share:.{digits}f}%", language)


def footnote_words(language: Language) -> dict[str, str]:
    """The note every chart carries at its foot (the date and file are filled in when it is drawn)."""
    return {"footnote": language.gettext("Data as of %(date)s · Detainers Record, %(file)s")}


def wrap(text: str, width: int, lines: int) -> str:
    """Text broken into at most `lines` lines of about `width` characters, ending in … if it had to be cut; so no
    record's text, however long, can crowd a chart out of its picture."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 1].rstrip() + "…"
    return "\n".join(wrapped)

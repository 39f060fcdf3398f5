"""Every CSV the site writes (downloads/*.csv, charts/*.csv) goes through here, so no cell can start a spreadsheet
formula. Following OWASP's guidance on CSV injection, a text cell whose first character is one a spreadsheet reads as
the start of a formula (= + - @, tab, carriage return; also line feed, NUL and the full-width forms of the four
signs, which some spreadsheets accept too) gets a single quote in front: spreadsheets show it as text, and the JSON
downloads keep the exact value. A carriage return inside a cell is written as a line feed. Numbers are written as numbers (a negative number is not a formula), so a numeric
column stays numeric.

What this means for the data package's types (datapackage.py): an integer or number field stays valid, since its
cells are written as numbers; a date, boolean or pattern-constrained text cell (an id, a FIPS code, a partial date)
never starts with one of these characters, so it is never changed; a free-text cell that is changed is still a valid
`string` (the package declares no maximum length for text, which the added ' could exceed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = frozenset("=+-@\t\r\n\0＝＋－＠")


def safe_cell(value) -> str | int | float:
    if value.__class__ is str:  # most cells (the published tables write about 1.7 million): the same as below
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return "'" + value if value[:1] in FORMULA_STARTS else value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    # A carriage return would end the row for a reader, and csv only quotes the line terminator ("\n"): keep the
    # line break, as one.
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_text(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()

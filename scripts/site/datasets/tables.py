"""Read the committed views and provenance of an ingested dataset: plain csv and json, no pandas (the site only
shows what the ingest already computed and checked)."""

from __future__ import annotations

from pathlib import Path

from ...records.table_files import read_csv, read_provenance
from ..csv_output import csv_text

_NUMBER = ("detainers", "declined", "other_outcomes", "with_outcome", "declined_in_facility_table")
_SHARE = ("declined_share", "declined_share_of_outcomes", "share_of_year", "match_rate")


def _typed(name: str, value: str):
    if value == "":
        return None
    if name in _NUMBER:
        return int(value)
    if name in _SHARE:
        return float(value)
    return value


def read_view(path: Path) -> list[dict]:
    """One dict per row of a view CSV; counts as int, shares as float, blank cells as None."""
    return [{name: _typed(name, value) for name, value in row.items()} for row in read_csv(path).records()]


def read_views(folder: Path) -> dict[str, list[dict]]:
    """Every view in folder/views/, by name (file name without .csv)."""
    return {path.stem: read_view(path) for path in sorted((folder / "views").glob("*.csv"))}


def read_json(path: Path) -> dict:
    """A provenance record: a JSON object within the limits of records.table_files, every address in it a web
    address by the records' rule (the dataset pages link to them)."""
    return read_provenance(path)


def safe_copy(path: Path) -> str:
    """A committed CSV as served for download: the same table, with every text cell that could start a spreadsheet
    formula neutralised (scripts/site/csv_output.py). A negative whole number is written as a number, not as text
    with a quote in front; every other cell keeps its exact text (FIPS codes keep their leading zeros)."""
    table = read_csv(path)
    rows = [table.header, *table.rows]

    def cell(value: str):
        negative = value[:1] == "-" and value[1:].isdigit() and str(int(value)) == value
        return int(value) if negative else value

    return csv_text(rows[0], [[cell(v) for v in row] for row in rows[1:]])

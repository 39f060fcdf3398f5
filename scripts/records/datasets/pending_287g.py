"""Read one of ICE's 287(g) pending-agency spreadsheets (agencies that asked for an agreement and await one) into
tidy rows: STATE, LAW ENFORCEMENT AGENCY, TYPE, SUPPORT TYPE, then COUNTY (from March 2025) and MOA (from January
2026). A pending list has no SIGNED column; that is how it is told from a participating list (never by its name).

A pending list is dated by the time ICE last saved the workbook (UTC, docProps/core.xml): ICE published several a
day, so a pending list is identified by that time (`release`), not by its day alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
import pandera.pandas as pa
from openpyxl.utils import get_column_letter

from .agencies import agency_id, agency_key
from .fips import Fips
from .tables import SLUG
from .vocabulary_287g import AGENCY_TYPES, MODELS
from .ice_287g import (AGENCY_TYPE_ALIASES, MAX_FILE_BYTES, MAX_ROWS, MODEL_ALIASES, SpreadsheetError, _find_header,
                       _packing_problem, _shape_problem, _text, file_name_date)

# Spellings seen on the pending lists only (February 2025 to February 2026), each checked by hand against the same
# agency's row on neighbouring lists. "Task Force Officer" is ICE's slip for the Task Force Model (the agency is listed
# under the Task Force Model on the lists before and after).
PENDING_MODEL_ALIASES = {**MODEL_ALIASES, "JAIL ENFORCMENT MODEL": "Jail Enforcement Model",
                         "TASK FORCE OFFICER": "Task Force Model",
                         "WARRANT SERVICES OFFICER": "Warrant Service Officer", "": ""}
PENDING_TYPE_ALIASES = {**AGENCY_TYPE_ALIASES, "MUNCIPALITY": "Municipality", "MUNICIPAL": "Municipality"}

PENDING_COLUMNS = ("release", "list_date", "source_row", "state", "state_fips", "agency_id", "agency", "agency_type",
                   "county", "model")

PENDING = pa.DataFrameSchema({
    "release": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"),
                         description="The time ICE last saved the list's workbook (UTC), which identifies the list."),
    "list_date": pa.Column("datetime64[ns]"),
    "source_row": pa.Column("int64", pa.Check.ge(2), description="The row in ICE's sheet (row 1 is the header)."),
    "state": pa.Column(str, pa.Check.str_length(min_value=1)),
    "state_fips": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
    "agency_id": pa.Column(str, pa.Check.str_matches(SLUG)),
    "agency": pa.Column(str, pa.Check.str_length(min_value=1)),
    "agency_type": pa.Column(str, pa.Check.isin(("", *AGENCY_TYPES))),
    "county": pa.Column(str),
    "model": pa.Column(str, pa.Check.isin(("", *MODELS)), description="Empty where ICE left the support type blank."),
}, unique=["release", "source_row"], strict=True, ordered=True, name="pending")


@dataclass
class PendingList:
    file_name: str
    sha256: str
    sheet: str
    release: str  # the workbook's last-saved time, UTC, YYYY-MM-DDTHH:MM:SS
    list_date: dt.date
    list_date_basis: str
    file_name_date: dt.date | None
    workbook_saved: str
    rows: pd.DataFrame  # PENDING_COLUMNS
    warnings: list[str] = field(default_factory=list)


def read_pending(path: Path, fips: Fips, name: str | None = None) -> PendingList:
    """Read and check one pending list; raise SpreadsheetError naming every problem (`file:sheet:row:column`)."""
    name = name or path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError([f"{name}:-:1:A: the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} — "
                                f"check that it is ICE's pending-agency list"])
    data = path.read_bytes()
    if problem := _packing_problem(data):  # before anything is inflated
        raise SpreadsheetError([f"{name}:-:1:A: {problem} — check that it is ICE's pending-agency list"])
    try:
        if problem := _shape_problem(data):  # rows counted in a read-only stream, stopping at the first excess
            raise SpreadsheetError([f"{name}:{problem} — check that it is ICE's pending-agency list"])
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except SpreadsheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpreadsheetError([f"{name}:-:1:A: not a readable .xlsx workbook ({type(error).__name__}: {error}) — "
                                f"download the spreadsheet again and pass the .xlsx file"]) from None
    sheet = workbook.worksheets[0]
    if sheet.max_row > MAX_ROWS:
        raise SpreadsheetError([f"{name}:{sheet.title}:{MAX_ROWS + 1}:A: the sheet has {sheet.max_row:,} rows, over "
                                f"the limit of {MAX_ROWS:,} — check that it is ICE's pending list"])
    rows = list(sheet.iter_rows())
    where = f"{name}:{sheet.title}"
    header = _find_header(rows)
    if header is None:
        raise SpreadsheetError([f"{where}:1:A: no header row with a STATE and a LAW ENFORCEMENT AGENCY column — "
                                f"check that the file is ICE's pending-agency list"])
    header_index, names = header
    columns = {column: index for index, column in names.items() if column}
    problems = [f"{where}:{header_index + 1}:A: no {column} column — expected a header such as "
                f"{'SUPPORT TYPE' if column == 'model' else column.upper()!r}"
                for column in ("state", "agency", "model") if column not in columns]
    if problems:
        raise SpreadsheetError(problems)

    def value(row, column):
        index = columns.get(column)
        return _text(row[index].value) if index is not None and index < len(row) else ""

    saved = workbook.properties.modified
    named = file_name_date(name)
    if saved is not None:
        release = saved.replace(microsecond=0).isoformat()
        list_date, basis = saved.date(), "the workbook's last-saved time (UTC, docProps/core.xml)"
    elif named is not None:
        release = f"{named.isoformat()}T00:00:00"
        list_date, basis = named, "the file's name (the file holds no date)"
    else:
        raise SpreadsheetError([f"{where}:1:A: the list's date is nowhere in the file or its name — rename the file "
                                f"as ICE names it (pendingAgenciesMMDDYYYY.xlsx)"])
    warnings = []
    if named is not None and named != list_date:
        warnings.append(f"{name}: the file name says {named}, the file itself says {list_date} ({basis}): the list "
                        f"is dated {list_date}")

    records = []
    for row in rows[header_index + 1:]:
        if not any(_text(c.value) for c in row):
            continue
        number = row[0].row
        state, agency = value(row, "state"), value(row, "agency")
        found = fips.state(state)
        model = PENDING_MODEL_ALIASES.get(value(row, "model").upper())  # blank: ICE named no model yet
        agency_type = PENDING_TYPE_ALIASES.get(value(row, "agency_type").upper())
        letter = {c: get_column_letter(i + 1) for c, i in columns.items()}
        if found is None:
            problems.append(f"{where}:{number}:{letter['state']}: state {state!r} is not a U.S. state or territory — "
                            f"correct it, or add the misspelling to STATE_SPELLING_FIXES in "
                            f"scripts/records/datasets/fips.py")
        if not agency:
            problems.append(f"{where}:{number}:{letter['agency']}: the row names no agency — fill in the agency's "
                            f"name or delete the row")
        if model is None:
            problems.append(f"{where}:{number}:{letter['model']}: support type {value(row, 'model')!r} is not a "
                            f"287(g) model — correct it, or add the spelling to PENDING_MODEL_ALIASES in "
                            f"scripts/records/datasets/pending_287g.py")
        if agency_type is None:
            problems.append(f"{where}:{number}:{letter['agency_type']}: agency type {value(row, 'agency_type')!r} "
                            f"is not County, Municipality or State Agency — correct it, or add the spelling to "
                            f"PENDING_TYPE_ALIASES in scripts/records/datasets/pending_287g.py")
        if found is None or not agency:
            continue
        records.append({"release": release, "list_date": list_date.isoformat(), "source_row": number,
                        "state": state, "state_fips": found.fips,
                        "agency_id": agency_id(agency_key(agency, found.postal), found.postal), "agency": agency,
                        "agency_type": agency_type or "", "county": value(row, "county"), "model": model or ""})
    if problems:
        raise SpreadsheetError(problems)
    return PendingList(file_name=name, sha256=hashlib.sha256(data).hexdigest(), sheet=sheet.title, release=release,
                       list_date=list_date, list_date_basis=basis, file_name_date=named,
                       workbook_saved=saved.isoformat() if saved is not None else "",
                       rows=pd.DataFrame(records, columns=list(PENDING_COLUMNS)), warnings=warnings)


def content_key(rows: pd.DataFrame) -> str:
    """A digest of a pending list's rows as published (order aside): two files with the same key list the same."""
    columns = ["state", "agency", "agency_type", "county", "model"]
    lines = sorted("\t".join(map(str, r)) for r in rows[columns].itertuples(index=False))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()

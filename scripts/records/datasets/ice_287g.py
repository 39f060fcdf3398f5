"""Read one of ICE's 287(g) participating-agency spreadsheets, in either format ICE has used, into tidy rows.

- Captures of ICE's web table (`ParticipatingEntities-*.xlsx`, 2021 to January 2025): STATE, LAW ENFORCEMENT
  AGENCY, SUPPORT TYPE, SIGNED (text, YYYY-MM-DD), MOA (a Wayback Machine address).
- ICE's own files (`participatingAgencies*.xlsx`, from February 2025): adds TYPE and (from March 2025) COUNTY and
  ADDENDUM; SIGNED is a date cell; MOA is the text "link" or "link pending", with the address as the cell's link.

Headers are matched by a normalised name through HEADER_ALIASES, so their order and spelling may change."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl parses the workbook's XML with it when it is installed: no XML bombs)
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.xml import DEFUSEDXML

from ..limits import (MAX_TEXT_CHARS, MAX_XLSX_FILE_BYTES, MAX_XLSX_INFLATED_BYTES, MAX_XLSX_PARTS,
                      MAX_XLSX_RATIO)
from ..table_files import xlsx_packing_problem, xlsx_shape_problem
from .fips import Fips
from .tables import published_row_problems
from .vocabulary_287g import MODELS

MAX_FILE_BYTES = MAX_XLSX_FILE_BYTES  # ICE's largest file so far is under 200 KB
MAX_ROWS = 50_000  # ICE's longest list so far has 1,843 rows
MAX_COLUMNS = 50  # cells of one row (ICE's lists have 5 to 8 columns)
MAX_INFLATED_BYTES = MAX_XLSX_INFLATED_BYTES  # every part of the workbook inflated (ICE's inflate to under 2 MB)
MAX_RATIO = MAX_XLSX_RATIO  # a part of over 1 MB inflating more than 100 times its packed size (600 real .xlsx: 19)
MAX_PARTS = MAX_XLSX_PARTS  # files inside the .xlsx (a workbook of one sheet has about a dozen)
HEADER_SEARCH_ROWS = 10  # the header is the first row naming a state and an agency column, among the first rows

# A header's normalised name (upper case, punctuation as spaces) -> the column it is. Add a spelling here when ICE
# renames a column.
HEADER_ALIASES = {
    "STATE": "state",
    "LAW ENFORCEMENT AGENCY": "agency",
    "AGENCY": "agency",
    "AGENCY NAME": "agency",
    "TYPE": "agency_type",
    "AGENCY TYPE": "agency_type",
    "COUNTY": "county",
    "SUPPORT TYPE": "model",
    "MODEL": "model",
    "SIGNED": "signed",
    "DATE SIGNED": "signed",
    "SIGNED DATE": "signed",
    "MOA": "moa",
    "ADDENDUM": "addendum",
}
REQUIRED_COLUMNS = ("state", "agency", "model", "signed")

# The support type as published (case and spacing aside) -> the model. "Warrant Service Office" is in ICE's file of
# May 29, 2025.
MODEL_ALIASES = {**{m.upper(): m for m in MODELS}, "WARRANT SERVICE OFFICE": "Warrant Service Officer",
                 "WARRANT SERVICES OFFICER": "Warrant Service Officer",  # ICE's file of January 7, 2026
                 "JEM": "Jail Enforcement Model", "TFM": "Task Force Model", "WSO": "Warrant Service Officer"}
# The agency type as published -> the type; "#NA" and the like mean ICE did not say.
AGENCY_TYPE_ALIASES = {"COUNTY": "County", "MUNICIPALITY": "Municipality", "STATE AGENCY": "State Agency",
                       "STATE": "State Agency", "#NA": "", "#N/A": "", "N/A": "", "": ""}

SIGNED_TEXT_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
FIRST_AGREEMENT_YEAR = 1996  # 287(g) was enacted in 1996: an earlier signed date is a typing error
WAYBACK = re.compile(r"web\.archive\.org/web/(\d{14})")

FORMAT_CAPTURE = "capture of ICE's web table"
FORMAT_ICE = "ICE's spreadsheet"

COLUMNS = ("list_date", "source_row", "state", "state_fips", "agency", "agency_type", "county", "model", "signed",
           "signed_as_published", "agreement_url", "agreement_link_text", "addendum_url")


class SpreadsheetError(Exception):
    """The spreadsheet cannot be ingested; each problem reads `file:sheet:row:column: what is wrong — what to do`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class PublishedList:
    file_name: str
    sha256: str
    sheet: str
    format: str
    list_date: dt.date
    list_date_basis: str
    file_name_date: dt.date | None
    workbook_saved: str  # ISO timestamp from the workbook's properties, or ""
    rows: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def normalise_header(text: object) -> str:
    return " ".join(re.sub(r"[^A-Z0-9#/]+", " ", str(text).upper()).split()) if text is not None else ""


def file_name_date(name: str) -> dt.date | None:
    """The date in the archive's file names: YYYYMMDDhhmmss (captures, early ICE files) or MMDDYYYY (ICE's later)."""
    if match := re.search(r"(?<!\d)(\d{4})(\d{2})(\d{2})\d{6}(?!\d)", name):
        year, month, day = match.groups()
    elif match := re.search(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)", name):
        month, day, year = match.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u2019", "'").split())


def _url(cell) -> str:
    target = cell.hyperlink.target if cell.hyperlink is not None and cell.hyperlink.target else _text(cell.value)
    target = target.strip()
    return target if re.match(r"https?://[^\s<>\"]+$", target) else ""


def _signed(value: object, list_date: dt.date) -> tuple[str, str, str]:
    """(ISO date or "", the text as published when it is not used, the problem or "")."""
    if value is None or value is pd.NaT or _text(value) == "":  # pandas makes a blank cell NaT beside date cells
        return "", "", ""
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        text = _text(value)
        for form in SIGNED_TEXT_FORMATS:
            try:
                date = dt.datetime.strptime(text, form).date()
                break
            except ValueError:
                continue
        else:
            return "", text, f"signed date {text!r} is not a date (YYYY-MM-DD or MM/DD/YYYY)"
    if date > list_date:
        return "", date.isoformat(), f"signed date {date} is after the list's date {list_date}"
    if date.year < FIRST_AGREEMENT_YEAR:
        return "", date.isoformat(), f"signed date {date} is before 287(g) existed ({FIRST_AGREEMENT_YEAR})"
    return date.isoformat(), "", ""


def _find_header(rows: list[tuple]) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {i: HEADER_ALIASES.get(normalise_header(cell.value)) for i, cell in enumerate(row)}
        if "state" in names.values() and "agency" in names.values():
            return index, names
    return None


def _capture_date(stamp: str) -> dt.date | None:
    """The day of a Wayback Machine capture time (YYYYMMDDhhmmss), or None when it is no real day."""
    try:
        return dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None


def _date_problem(date: dt.date, today: dt.date) -> str:
    """Why a list cannot be dated `date` ("" when it can): before 287(g) existed, or after today."""
    if date.year < FIRST_AGREEMENT_YEAR:
        return f"is before 287(g) existed ({FIRST_AGREEMENT_YEAR})"
    if date > today:
        return f"is in the future (today is {today})"
    return ""


def _list_date(name: str, links: list[str], saved: dt.datetime | None) -> tuple[dt.date, str] | None:
    captures = Counter(match.group(1)[:8] for link in links
                       if (match := WAYBACK.search(link)) and _capture_date(match.group(1)) is not None)
    if captures:
        return (_capture_date(captures.most_common(1)[0][0]),
                "capture time in the Wayback Machine addresses of the agreements")
    if saved is not None:
        return saved.date(), "the workbook's last-saved time (UTC, docProps/core.xml)"
    if (named := file_name_date(name)) is not None:
        return named, "the file's name (the file holds no date)"
    return None


def _packing_problem(data: bytes) -> str | None:
    return xlsx_packing_problem(data, MAX_INFLATED_BYTES)


def _shape_problem(data: bytes) -> str | None:
    """`sheet:row:column: what` for the first sheet with more than MAX_ROWS rows or MAX_COLUMNS cells in a row, read
    row by row and stopping there; None when every sheet fits."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return xlsx_shape_problem(workbook, MAX_ROWS, MAX_COLUMNS)
    finally:
        workbook.close()


def read_list(path: Path, fips: Fips, today: dt.date | None = None) -> PublishedList:
    """Read and check one spreadsheet; raise SpreadsheetError listing every problem found. A date after `today`
    (default: the machine's) is refused."""
    if not DEFUSEDXML:
        raise RuntimeError("defusedxml is not installed: install requirements.txt before reading spreadsheets")
    name = path.name
    if not path.is_file():
        raise SpreadsheetError([f"{path}:-:1:A: no such file — check the file's name and folder"])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError([f"{name}:-:1:A: the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} — "
                                f"check that it is ICE's participating-agency list"])
    data = path.read_bytes()
    if problem := _packing_problem(data):
        raise SpreadsheetError([f"{name}:-:1:A: {problem} — check that it is ICE's participating-agency list"])
    try:
        if problem := _shape_problem(data):
            raise SpreadsheetError([f"{name}:{problem} — check that it is ICE's participating-agency list"])
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except SpreadsheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpreadsheetError([f"{name}:-:1:A: not a readable .xlsx workbook ({type(error).__name__}: {error}) — "
                                f"download the spreadsheet again from ICE and pass the .xlsx file"]) from None

    found = []
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows())
        if header := _find_header(rows):
            found.append((sheet, rows, header))
    if not found:
        raise SpreadsheetError([f"{name}:{workbook.worksheets[0].title}:1:A: no header row with a STATE and a LAW "
                                f"ENFORCEMENT AGENCY column in the first {HEADER_SEARCH_ROWS} rows of any sheet — if "
                                f"ICE renamed the columns, add the new names to HEADER_ALIASES in "
                                f"scripts/records/datasets/ice_287g.py"])
    if len(found) > 1:
        raise SpreadsheetError([f"{name}:{found[1][0].title}:{found[1][2][0] + 1}:A: a second sheet holds a list "
                                f"(the first is {found[0][0].title!r}) — keep one sheet per file"])
    sheet, rows, (header_index, names) = found[0]
    return _read_sheet(name, data, workbook, sheet, rows, header_index, names, fips, today or dt.date.today())


def _read_sheet(name, data, workbook, sheet, rows, header_index, names, fips: Fips, today: dt.date) -> PublishedList:
    problems: list[str] = []
    warnings: list[str] = []
    where = f"{name}:{sheet.title}"
    header_row = header_index + 1
    columns: dict[str, int] = {}
    for index, column in names.items():
        label = rows[header_index][index].value
        if column is None and _text(label):
            problems.append(f"{where}:{header_row}:{get_column_letter(index + 1)}: unknown column {_text(label)!r} — "
                            f"add it to HEADER_ALIASES in scripts/records/datasets/ice_287g.py if it is a renamed column")
        elif column in columns:
            problems.append(f"{where}:{header_row}:{get_column_letter(index + 1)}: a second {column} column — "
                            f"remove one of the two")
        elif column:
            columns[column] = index
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(f"{where}:{header_row}:A: no {column} column — expected a header such as "
                            f"{next(k for k, v in HEADER_ALIASES.items() if v == column)!r}")
    if problems:
        raise SpreadsheetError(problems)

    def cell(row, column):
        return row[columns[column]] if column in columns and columns[column] < len(row) else None

    unnamed = [i for i, label in names.items() if label is None and not _text(rows[header_index][i].value)]
    body = []
    for row in rows[header_index + 1:]:
        if not any(_text(c.value) for c in row):
            continue
        for index in unnamed:
            if index < len(row) and _text(row[index].value):
                problems.append(f"{where}:{row[0].row}:{get_column_letter(index + 1)}: a value under no header "
                                f"({_text(row[index].value)!r}) — give the column a header or remove the value")
        body.append(row)

    saved = workbook.properties.modified
    links = [_url(c) for row in body if (c := cell(row, "moa")) is not None]
    for row in body:
        if (moa := cell(row, "moa")) is not None and (match := WAYBACK.search(_url(moa))):
            day = _capture_date(match.group(1))
            wrong = "is no real date" if day is None else _date_problem(day, today)
            if wrong:
                problems.append(f"{where}:{moa.row}:{moa.column_letter}: the Wayback Machine capture time "
                                f"{match.group(1)} in the agreement's address {wrong} — correct the address, or "
                                f"remove the row's link")
    dated = _list_date(name, links, saved)
    if dated is None:
        raise SpreadsheetError([f"{where}:1:A: the list's date is nowhere in the file or its name — rename the file "
                                f"as ICE names it (participatingAgenciesMMDDYYYY.xlsx)"])
    list_date, basis = dated
    if wrong := _date_problem(list_date, today):
        problems.append(f"{name}:-:1:A: the list's date {list_date}, from {basis}, {wrong} — check the file (was it "
                        f"saved on a computer with a wrong clock?) and download it again from ICE")
    named = file_name_date(name)
    if named is not None and named != list_date:
        warnings.append(f"{name}: the file name says {named}, the file itself says {list_date} ({basis}): "
                        f"the list is dated {list_date}")

    frame = pd.DataFrame({
        "source_row": [row[0].row for row in body],
        "state": [_text(cell(row, "state").value) if cell(row, "state") is not None else "" for row in body],
        "agency": [_text(c.value) if (c := cell(row, "agency")) is not None else "" for row in body],
        "agency_type_raw": [_text(c.value) if (c := cell(row, "agency_type")) is not None else "" for row in body],
        "county": [_text(c.value) if (c := cell(row, "county")) is not None else "" for row in body],
        "model_raw": [_text(c.value) if (c := cell(row, "model")) is not None else "" for row in body],
        "signed_cell": [c.value if (c := cell(row, "signed")) is not None else None for row in body],
        "agreement_url": [_url(c) if (c := cell(row, "moa")) is not None else "" for row in body],
        "moa_text": [_text(c.value) if (c := cell(row, "moa")) is not None else "" for row in body],
        "addendum_url": [_url(c) if (c := cell(row, "addendum")) is not None else "" for row in body],
    }, columns=["source_row", "state", "agency", "agency_type_raw", "county", "model_raw", "signed_cell",
                "agreement_url", "moa_text", "addendum_url"])
    frame, repeated = _without_repeated_rows(frame)
    warnings += [f"{where}:{row}:A: the same agreement as row {first} (every cell the same): counted once"
                 for row, first in repeated]
    problems += _name_problems(where, frame, get_column_letter(columns["agency"] + 1))
    state_of = {s: fips.state(s) for s in frame["state"].unique()}
    frame["state_fips"] = frame["state"].map(lambda s: state_of[s].fips if state_of[s] else "")
    frame["model"] = frame["model_raw"].str.upper().map(MODEL_ALIASES).fillna("")
    frame["agency_type"] = frame["agency_type_raw"].str.upper().map(AGENCY_TYPE_ALIASES)
    signed = [_signed(value, list_date) for value in frame["signed_cell"]]
    frame["signed"] = [s[0] for s in signed]
    frame["signed_as_published"] = [s[1] for s in signed]
    frame["agreement_link_text"] = frame["moa_text"].where(~frame["moa_text"].str.match(r"https?://"), "")
    frame["list_date"] = list_date.isoformat()

    problems.extend(_row_problems(where, frame, columns))
    if problems:
        raise SpreadsheetError(problems)
    for row, (_, _, problem) in zip(frame["source_row"], signed):
        if problem:
            warnings.append(f"{where}:{row}:{get_column_letter(columns['signed'] + 1)}: {problem}: the signed date "
                            f"is left empty (unknown) and the text kept in signed_as_published")
    frame["agency_type"] = frame["agency_type"].fillna("")
    return PublishedList(
        file_name=name, sha256=hashlib.sha256(data).hexdigest(), sheet=sheet.title,
        format=FORMAT_ICE if saved is not None and not basis.startswith("capture") else FORMAT_CAPTURE,
        list_date=list_date, list_date_basis=basis, file_name_date=named,
        workbook_saved=saved.isoformat() if saved is not None else "",
        rows=frame[list(COLUMNS)].reset_index(drop=True), warnings=warnings)


def _without_repeated_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """The rows with each repeated row left out, and (row, the row it repeats) for each: ICE's file lists an
    agreement once, so a row equal in every cell to an earlier one is counted once."""
    cells = [c for c in frame.columns if c != "source_row"]
    keys = [tuple(str(value) for value in values) for values in zip(*(frame[c].tolist() for c in cells))]
    first_row: dict[str, int] = {}
    repeated = []
    keep = []
    for key, row in zip(keys, frame["source_row"]):
        keep.append(key not in first_row)
        if key in first_row:
            repeated.append((int(row), first_row[key]))
        else:
            first_row[key] = int(row)
    return frame[keep].reset_index(drop=True), repeated


def _name_problems(where: str, frame: pd.DataFrame, column: str) -> list[str]:
    """An agency's name must hold a letter A to Z (its id on the site is made of them) and fit the site's limit."""
    problems = []
    for row, name in zip(frame["source_row"], frame["agency"]):
        if name and not re.search("[A-Za-z]", name):
            problems.append(f"{where}:{row}:{column}: the agency's name {name!r} has no letter A to Z — the site "
                            f"names each agency by an id made of its name's letters: correct the name")
        elif len(name) > MAX_TEXT_CHARS:
            problems.append(f"{where}:{row}:{column}: the agency's name is {len(name):,} characters long, over the "
                            f"site's limit of {MAX_TEXT_CHARS:,} — correct the cell")
    return problems


def _row_problems(where: str, frame: pd.DataFrame, columns: dict[str, int]) -> list[str]:
    """Every cell a row cannot do without, checked with the pandera schema of a published row."""
    letters = {column: get_column_letter(index + 1) for column, index in columns.items()}
    letters.update({"state_fips": letters["state"], "agency_type": letters.get("agency_type", "A")})
    return [f"{where}:{row}:{letters[column]}: {message}" for row, column, message in published_row_problems(frame)]

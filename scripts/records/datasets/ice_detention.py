"""One of ICE's detention-statistics workbooks, read as tables (ICE publishes one about every two weeks on
https://www.ice.gov/detain/detention-management).

The workbooks are report sheets, not tables: a table starts on whatever row it starts on that year, sheets are renamed
between years ("Detention FY19", "Detention FY21 YTD", "Detention EOFY2020"), some workbooks also carry a stale copy
of an earlier year's sheet, and the date the figures run to ("as of") is a sentence in the Footnotes sheet. So every
table is found by its heading text, every value keeps its sheet and cell, and the as-of date comes from the notes,
checked against the figures themselves (the last month with book-ins must be the as-of month); never from the file's
name, which is wrong for several files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from ..table_files import xlsx_packing_problem, xlsx_size_problem

MONTHS = ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep")
AGENCIES = ("ICE", "CBP", "Total")
CRIMINALITY = ("Convicted Criminal", "Pending Criminal Charges", "Other Immigration Violator", "Non-Criminal")
SCAN_COLUMNS = 40  # every table the ingest reads starts in the first 40 columns; some sheets claim 16,383
SCAN_ROWS = 3000

TITLE = re.compile(r"^\s*ICE DETENTION DATA,\s*(EO)?FY\s?(\d{2}(?:\d{2})?)\b", re.IGNORECASE)
ADP_HEADING = re.compile(r"Average Daily Population by Arresting Agency", re.IGNORECASE)
BOOK_INS_HEADING = re.compile(r"Initial Book-?Ins by Arresting Agency and Month", re.IGNORECASE)
DETAINED_HEADING = re.compile(r"Currently Detained by Criminality and Arresting Agency", re.IGNORECASE)
# "FY2021 YTD ICE Detention data are updated through 01/16/2021 (...)", "EOFY2019 ICE Detention data is filtered
# through 09/30/2019 (...)", "EOFY2020 ICE Detention data are historic and static. Data are filtered through 9/30/2020"
AS_OF_NOTE = re.compile(r"^\W*(EO)?FY\s?(\d{4})\b[^.]*?ICE Detention data\b.{0,80}?\bthrough\s+(\d{1,2}/\d{1,2}/\d{4})",
                        re.IGNORECASE | re.DOTALL)
# The Footnotes sheet's section on the average daily population: "FY2023 ICE Average Daily Population and ICE
# Average Length of Stay" in column A, its notes beside it, the first saying what date the figures run through.
AS_OF_SECTION = re.compile(r"^\W*(EO)?FY\s?(\d{4})\b.*Average Daily Population", re.IGNORECASE)
THROUGH = re.compile(r"\bthrough\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
IIDS_NOTE = re.compile(r"Source: ICE Integrated Decision Support \(IIDS\),?\s*(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)
FACILITY_HEADER = ("Name", "Address", "City", "State")
# Where a release's as-of date was read (releases.csv's as_of_basis): the Footnotes sheet's note on the detention
# figures ("… through MM/DD/YYYY"), or, when the footnotes are a stale copy of an earlier year's, the facility sheet's
# "Source: ICE Integrated Decision Support (IIDS), MM/DD/YYYY".
FOOTNOTE, FACILITY_SOURCE_NOTE = "footnote", "facility sheet source date"


class WorkbookError(Exception):
    """Problems that stop a workbook being read, each `file:sheet:row:column: what — what to do`."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _text(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%m/%d/%Y").date()


def fiscal_year_of(day: dt.date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def month_of(fiscal_year: int, label: str) -> str:
    """'Oct' of FY2026 -> '2025-10'."""
    index = MONTHS.index(label)
    year = fiscal_year - 1 if index < 3 else fiscal_year
    return f"{year}-{(index + 9) % 12 + 1:02d}"


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object]  # (row, column), 1-based; only cells holding something

    def find(self, pattern: re.Pattern) -> list[tuple[int, int, re.Match]]:
        found = []
        for (row, column), value in sorted(self.cells.items()):
            if isinstance(value, str):
                match = pattern.search(value)
                if match:
                    found.append((row, column, match))
        return found

    def text(self, row: int, column: int) -> str:
        return _text(self.cells.get((row, column)))


@dataclass
class Release:
    """One workbook's tables. Frames carry `cell` (e.g. 'B96') for every value; `sheet` names the sheet."""
    file: str  # as given: the path relative to the folder the ingest was pointed at
    sha256: str
    saved: str  # the workbook's own last-saved time (document properties), ISO, or ""
    fiscal_year: int
    title_cell: str
    sheet: str  # the detention sheet the figures come from
    as_of: dt.date
    as_of_basis: str
    as_of_cell: str  # 'Footnotes!A51'
    adp: pd.DataFrame  # fiscal_year, month, agency, criminality, adp, month_complete, cell
    book_ins: pd.DataFrame  # fiscal_year, month, agency, book_ins, month_complete, cell
    detained: pd.DataFrame  # agency, criminality, detained, cell
    facilities: pd.DataFrame | None  # as published, with `row`; None if no facility table was found
    facilities_sheet: str = ""
    warnings: list[str] = field(default_factory=list)

    def figures(self) -> tuple:
        """What the release says, without where: two releases with equal figures repeat each other."""
        return (tuple(self.adp[["month", "agency", "criminality", "adp"]].itertuples(index=False)),
                tuple(self.book_ins[["month", "agency", "book_ins"]].itertuples(index=False)),
                tuple(self.detained[["agency", "criminality", "detained"]].itertuples(index=False)))


def _read_sheets(path: Path) -> tuple[list[Sheet], str]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for worksheet in book.worksheets:
            cells = {}
            rows = worksheet.iter_rows(min_row=1, max_row=SCAN_ROWS, min_col=1, max_col=SCAN_COLUMNS,
                                         values_only=True)
            for row_number, values in enumerate(rows, 1):
                for column_number, value in enumerate(values, 1):
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue
                    cells[(row_number, column_number)] = value
            sheets.append(Sheet(worksheet.title, cells))
        modified = book.properties.modified
        saved = modified.replace(microsecond=0).isoformat() if modified else ""
    finally:
        book.close()
    return sheets, saved


def _where(file: str, sheet: str, row: int, column: int) -> str:
    return f"{file}:{sheet}:{row}:{get_column_letter(column)}"


def _header(sheet: Sheet, heading_row: int, column: int, first: str) -> int | None:
    """The row of a table's header (its first cell reads `first`) just below its heading."""
    for row in range(heading_row + 1, heading_row + 4):
        if sheet.text(row, column).lower() == first.lower():
            return row
    return None


def _month_columns(sheet: Sheet, header_row: int, column: int) -> dict[int, str]:
    found = {}
    for c in range(column + 1, column + 16):
        label = sheet.text(header_row, c)
        if label in MONTHS:
            found[c] = label
    return found


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


class _Reader:
    def __init__(self, file: str, sheet: Sheet, fiscal_year: int, problems: list[str]):
        self.file, self.sheet, self.fiscal_year, self.problems = file, sheet, fiscal_year, problems

    def problem(self, row: int, column: int, message: str) -> None:
        self.problems.append(f"{_where(self.file, self.sheet.name, row, column)}: {message}")

    def heading(self, pattern: re.Pattern, what: str) -> tuple[int, int] | None:
        found = self.sheet.find(pattern)
        if not found:
            self.problem(1, 1, f"no table headed \"{what}\" in this sheet — ICE may have renamed the table; find "
                               f"its heading and add the new wording to scripts/records/datasets/ice_detention.py")
            return None
        return found[0][0], found[0][1]

    def monthly(self, pattern: re.Pattern, what: str, value_name: str) -> list[dict]:
        """A table of rows (label in the heading's column) by month: one dict per (row label, month)."""
        place = self.heading(pattern, what)
        if place is None:
            return []
        heading_row, column = place
        header_row = _header(self.sheet, heading_row, column, "Agency")
        if header_row is None:
            self.problem(heading_row + 1, column, f"the table \"{what}\" has no header row starting \"Agency\" "
                                                  f"below its heading — the layout changed; look at the sheet")
            return []
        months = _month_columns(self.sheet, header_row, column)
        if tuple(months.values()) != MONTHS:
            self.problem(header_row, column + 1, f"the month columns read {list(months.values())}, expected Oct to "
                                                 f"Sep — the layout changed; look at the sheet")
            return []
        rows = []
        row = header_row + 1
        while self.sheet.text(row, column):
            label = self.sheet.text(row, column)
            for c, month_label in months.items():
                value = _number(self.sheet.cells.get((row, c)))
                if value is None and (row, c) in self.sheet.cells:
                    self.problem(row, c, f"{self.sheet.cells[(row, c)]!r} is not a number — correct the cell")
                    continue
                rows.append({"label": label, "row": row, "month": month_of(self.fiscal_year, month_label),
                             value_name: value, "cell": cell_name(row, c)})
            row += 1
        return rows

    def adp(self) -> list[dict]:
        out, agency = [], None
        for item in self.monthly(ADP_HEADING, "ICE Average Daily Population by Arresting Agency, Month and "
                                              "Criminality", "adp"):
            label = item.pop("label")
            if label in ("CBP Average", "ICE Average", "Average"):
                agency = {"CBP Average": "CBP", "ICE Average": "ICE", "Average": "Total"}[label]
                criminality = "All"
            elif label in CRIMINALITY and agency is not None:
                criminality = label
            else:
                self.problem(item["row"], 1, f"row label {label!r} is not an agency average (\"CBP Average\", \"ICE "
                                             f"Average\", \"Average\") or a criminality ({', '.join(CRIMINALITY)}) "
                                             f"— add it to ice_detention.py if ICE added a category")
                continue
            out.append({**item, "agency": agency, "criminality": criminality})
        return out

    def book_ins(self) -> list[dict]:
        out = []
        for item in self.monthly(BOOK_INS_HEADING, "ICE Initial Book-Ins by Arresting Agency and Month", "book_ins"):
            label = item.pop("label")
            if label not in AGENCIES:
                self.problem(item["row"], 1, f"row label {label!r} is not one of {', '.join(AGENCIES)} — add it to "
                                             f"ice_detention.py if ICE added an agency")
                continue
            out.append({**item, "agency": label})
        return out

    def detained(self) -> list[dict]:
        place = self.heading(DETAINED_HEADING, "ICE Currently Detained by Criminality and Arresting Agency")
        if place is None:
            return []
        heading_row, column = place
        header_row = _header(self.sheet, heading_row, column, "Criminality")
        if header_row is None:
            self.problem(heading_row + 1, column, "the currently-detained table has no header row starting "
                                                  "\"Criminality\" — the layout changed; look at the sheet")
            return []
        columns = {self.sheet.text(header_row, c): c for c in range(column + 1, column + 8)}
        missing = [name for name in AGENCIES if name not in columns]
        if missing:
            self.problem(header_row, column, f"the currently-detained table has no column {missing} — the layout "
                                             f"changed; look at the sheet")
            return []
        out = []
        row = header_row + 1
        while self.sheet.text(row, column):
            label = self.sheet.text(row, column)
            criminality = "All" if label == "Total" else label
            if criminality != "All" and criminality not in CRIMINALITY:
                self.problem(row, column, f"criminality {label!r} is not one of {', '.join(CRIMINALITY)} — add it "
                                          f"to ice_detention.py if ICE added a category")
            for agency in AGENCIES:
                c = columns[agency]
                value = _number(self.sheet.cells.get((row, c)))
                if value is None:
                    self.problem(row, c, f"{self.sheet.cells.get((row, c))!r} is not a count — correct the cell")
                    continue
                out.append({"agency": agency, "criminality": criminality, "detained": value,
                            "cell": cell_name(row, c)})
            row += 1
        return out


def _detention_sheet(file: str, sheets: list[Sheet], problems: list[str], warnings: list[str]):
    candidates = []
    for sheet in sheets:
        for row, column, match in sheet.find(TITLE):
            digits = match.group(2)
            year = int(digits) + 2000 if len(digits) == 2 else int(digits)
            candidates.append((year, sheet, cell_name(row, column), bool(match.group(1))))
            break
    if not candidates:
        problems.append(f"{file}:{sheets[0].name if sheets else '-'}:1:A: no sheet titled \"ICE DETENTION DATA, "
                        f"FY…\" — is this one of ICE's detention-statistics workbooks?")
        return None
    candidates.sort(key=lambda c: c[0])
    chosen = candidates[-1]
    for year, sheet, where, _ in candidates[:-1]:
        warnings.append(f"{file}:{sheet.name}:{where}: also holds a sheet of FY{year} (\"{sheet.name}\"), older "
                        f"than its FY{chosen[0]} sheet; read \"{chosen[1].name}\" only")
    return chosen


def _as_of(file: str, sheets: list[Sheet], fiscal_year: int, end_of_year: bool,
           warnings: list[str]) -> tuple[dt.date, str, str] | None:
    notes = []
    for sheet in sheets:
        for row, column, match in sheet.find(AS_OF_SECTION):
            beside = [(r, c) for r in range(row, row + 3) for c in range(column + 1, column + 4)]
            for r, c in beside:
                found = THROUGH.search(sheet.text(r, c))
                if found:
                    notes.append((sheet, r, c, int(match.group(2)), _date(found.group(1))))
                    break
        for row, column, match in sheet.find(AS_OF_NOTE):
            notes.append((sheet, row, column, int(match.group(2)), _date(match.group(3))))
    notes.sort(key=lambda n: (n[1], n[2]))
    # The first such sentence is the detention figures' own; later ones date other tables (which can lag).
    this_year = [n for n in notes if n[3] == fiscal_year and fiscal_year_of(n[4]) == fiscal_year]
    if this_year:
        sheet, row, column, _, day = this_year[0]
        return day, FOOTNOTE, f"{sheet.name}!{cell_name(row, column)}"
    if notes:
        sheet, row, column, year, day = notes[0]
        warnings.append(f"{file}:{sheet.name}:{row}:{get_column_letter(column)}: the footnote on detention data is "
                        f"about FY{year} (through {day.isoformat()}), but the detention sheet is FY{fiscal_year}: the "
                        f"footnotes were not updated; dated by the facility sheet's IIDS date instead")
    for sheet in sheets:
        for row, column, match in sheet.find(IIDS_NOTE):
            day = _date(match.group(1))
            if fiscal_year_of(day) in (fiscal_year, fiscal_year + 1):
                return day, FACILITY_SOURCE_NOTE, f"{sheet.name}!{cell_name(row, column)}"
    return None


def _facilities(file: str, sheets: list[Sheet], problems: list[str]) -> tuple[pd.DataFrame | None, str]:
    for sheet in sheets:
        for row, column, _ in sheet.find(re.compile(r"^\s*Name\s*$")):
            if tuple(sheet.text(row, column + i) for i in range(4)) != FACILITY_HEADER:
                continue
            headers = {}
            c = column
            while sheet.text(row, c):
                headers[c] = sheet.text(row, c)
                c += 1
            records = []
            r = row + 1
            while sheet.text(r, column):
                if sheet.text(r, column).lower().startswith("total"):
                    break
                records.append({"row": r, **{name: sheet.cells.get((r, c)) for c, name in headers.items()}})
                r += 1
            return pd.DataFrame(records), sheet.name
    return None, ""


def read_release(path: Path, shown: str) -> Release:
    """Read one workbook; raises WorkbookError listing every problem found. Its size and its zip's table of contents
    are checked before it is opened (scripts/records/table_files.py), and only the first SCAN_ROWS rows and
    SCAN_COLUMNS columns of each sheet are read, from openpyxl's read-only stream."""
    problems: list[str] = []
    warnings: list[str] = []
    if problem := xlsx_size_problem(path):
        raise WorkbookError([f"{shown}:-:1:A: {problem} — is it ICE's detention statistics workbook?"])
    data = path.read_bytes()
    if problem := xlsx_packing_problem(data):
        raise WorkbookError([f"{shown}:-:1:A: {problem} — is it ICE's detention statistics workbook?"])
    digest = hashlib.sha256(data).hexdigest()
    try:
        sheets, saved = _read_sheets(path)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError([f"{shown}:-:1:A: cannot be read as an Excel workbook ({type(error).__name__}: {error}) "
                             f"— is it ICE's .xlsx, complete and not renamed from another format?"]) from None
    chosen = _detention_sheet(shown, sheets, problems, warnings)
    if chosen is None:
        raise WorkbookError(problems)
    fiscal_year, sheet, title_cell, end_of_year = chosen
    reader = _Reader(shown, sheet, fiscal_year, problems)
    adp, book_ins, detained = reader.adp(), reader.book_ins(), reader.detained()
    dated = _as_of(shown, sheets, fiscal_year, end_of_year, warnings)
    if dated is None:
        problems.append(f"{shown}:Footnotes:1:A: no as-of date: no footnote \"FY{fiscal_year} … ICE Detention data … "
                        f"through MM/DD/YYYY\" and no facility-sheet IIDS date in FY{fiscal_year} — date it by hand "
                        f"or leave the file out")
    if problems:
        raise WorkbookError(problems)
    as_of, basis, as_of_cell = dated
    as_of_month = f"{as_of.year}-{as_of.month:02d}"
    # ICE fills the months after the data's end with 0. The figures can run a few days past the notes' date (the
    # system is run a day or two later), so a month after the as-of month with book-ins is kept, as incomplete.
    with_book_ins = sorted({r["month"] for r in book_ins if r["book_ins"]})
    last_month = max([as_of_month, *with_book_ins[-1:]])
    if with_book_ins and with_book_ins[-1] < as_of_month:
        warnings.append(f"{shown}:{sheet.name}:{title_cell[1:]}:A: the notes date the figures {as_of.isoformat()}, "
                        f"but the last month with book-ins is {with_book_ins[-1]}")
    adp_frame = _monthly_frame(adp, "adp", fiscal_year, as_of, last_month)
    book_ins_frame = _monthly_frame(book_ins, "book_ins", fiscal_year, as_of, last_month)
    facilities, facilities_sheet = _facilities(shown, sheets, problems)
    return Release(shown, digest, saved, fiscal_year, title_cell, sheet.name, as_of, basis, as_of_cell, adp_frame,
                   book_ins_frame, pd.DataFrame(detained, columns=["agency", "criminality", "detained", "cell"]),
                   facilities, facilities_sheet, warnings)


def _monthly_frame(rows: list[dict], value: str, fiscal_year: int, as_of: dt.date, last_month: str) -> pd.DataFrame:
    """Months after `last_month` dropped; a month is complete if it ended by the as-of date."""
    as_of_month = f"{as_of.year}-{as_of.month:02d}"
    last_day = (as_of + dt.timedelta(days=1)).month != as_of.month
    kept = []
    for row in rows:
        if row["month"] > last_month:
            continue
        kept.append({"fiscal_year": fiscal_year, "month": row["month"],
                     **{k: row[k] for k in ("agency", "criminality") if k in row},
                     value: 0.0 if row[value] is None else row[value],
                     "month_complete": row["month"] < as_of_month or (row["month"] == as_of_month and last_day), "cell": row["cell"]})
    columns = ["fiscal_year", "month", "agency", *(["criminality"] if value == "adp" else []), value,
               "month_complete", "cell"]
    return pd.DataFrame(kept, columns=columns)

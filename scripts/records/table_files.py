"""The one way the build reads a table or JSON file under data/datasets/ (and the YAML beside them): the same rules
as a record file. Size is checked before a byte is read, UTF-8 only (a byte-order mark is refused), no NUL byte, and
then row, column, cell and nesting limits (limits.py) before anything is built from the content. Every problem is a
Problem (`file:line:column`; in a CSV the column is the cell's number, 1 for the first) saying what to do, raised
together as one DataError, so `validate` reports them and the build stops with them instead of a traceback.

The ingests' .xlsx workbooks (ICE's 287(g) lists and detention statistics, the Deportation Data Project's file) are
checked here too before they are opened: the file's size, then the zip's table of contents (parts, inflated size, a
part packed like a zip bomb), then rows and cells counted in openpyxl's read-only stream, stopping at the first
excess (xlsx_size_problem, xlsx_packing_problem, xlsx_shape_problem)."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .file_stamps import file_stamp
from .limits import (MAX_CELL_CHARS, MAX_JSON_FILE_BYTES, MAX_JSON_NESTING, MAX_TABLE_COLUMNS,
                     MAX_TABLE_FILE_BYTES, MAX_TABLE_ROWS, MAX_XLSX_FILE_BYTES, MAX_XLSX_INFLATED_BYTES,
                     MAX_XLSX_PARTS, MAX_XLSX_RATIO)
from .loader import LoadedFile, load_file
from .problems import DataError, Problem

# Python's csv module refuses a field over 131,072 characters with an error that names no line: the file's size is
# already limited, so the reader accepts any field and the cell limit is checked with the cell's place.
csv.field_size_limit(max(csv.field_size_limit(), MAX_TABLE_FILE_BYTES + 1))

_AGAIN = ("re-run the dataset's ingest (README \"Ingesting the publishers' files\"), or restore the file from git "
          "(git checkout -- FILE)")


def shown_file(path: Path) -> str:
    """A file as messages name it: from its data/ or reports/ folder on (the project's own layout), else as given."""
    parts = Path(path).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in ("data", "reports"):
            return "/".join(parts[index:])
    return Path(path).as_posix()


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path, limit: int, kind: str, shown: str | None = None) -> str:
    """The file's text: at most `limit` bytes (checked before reading), UTF-8 without BOM, no NUL byte."""
    path, shown = Path(path), shown or shown_file(path)
    if not path.is_file():
        raise DataError([Problem(shown, 1, 1, f"no such file: the {kind} is missing; {_AGAIN}")])
    try:
        size = path.stat().st_size
        if size > limit:
            raise DataError([Problem(shown, 1, 1, f"the file is {size:,} bytes; a {kind} may be at most {limit:,} "
                                                  f"bytes: check that it is the right file, or {_AGAIN}")])
        raw = path.read_bytes()[:limit + 1]
    except OSError as error:
        raise DataError([Problem(shown, 1, 1, f"the file cannot be read ({error.strerror or error}); check that it "
                                              "is an ordinary file you may read")]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError([Problem(shown, 1, 1, "the file starts with a byte-order mark (BOM); save it as UTF-8 "
                                              "without BOM")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError([Problem(shown, line, column, f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the "
                                                      "file as UTF-8")]) from None
    if (nul := text.find("\x00")) >= 0:
        raise DataError([Problem(shown, *_where(text, nul), "a NUL byte (character 0): the file is damaged or not a "
                                                            f"text file; {_AGAIN}")])
    return text


@dataclass
class Table:
    """A CSV table as read: the header, the rows (each as long as the header) and each row's line in the file."""
    path: str  # as shown in messages
    header: list[str]
    rows: list[list[str]]
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index]

    def column_number(self, name: str) -> int:
        return self.header.index(name) + 1 if name in self.header else 1

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, row)) for row in self.rows]


def read_csv(path: Path, columns: Iterable[str] | None = None, shown: str | None = None,
             required: Iterable[str] | None = None, skip_initial_space: bool = False) -> Table:
    """A CSV table with a header row; `columns`, when given, must be its header exactly; `required`, when given, must
    all be in it (in any order, with others). `skip_initial_space`: a publisher's table with a space after each comma
    (`"a", "b"`), read as if there were none. Raises DataError."""
    shown = shown or shown_file(path)
    text = read_text(path, MAX_TABLE_FILE_BYTES, "CSV table", shown)
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, skipinitialspace=skip_initial_space)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not row:
                continue
            if len(row) > MAX_TABLE_COLUMNS:
                problems.append(Problem(shown, start, MAX_TABLE_COLUMNS + 1, f"the row has {len(row):,} cells; a "
                                        f"table may have at most {MAX_TABLE_COLUMNS}: {_AGAIN}"))
                break
            if max(map(len, row)) > MAX_CELL_CHARS:  # checked first: the tables hold hundreds of thousands of rows
                long = next(i for i, cell in enumerate(row) if len(cell) > MAX_CELL_CHARS)
                problems.append(Problem(shown, start, long + 1, f"the cell holds {len(row[long]):,} characters; a "
                                        f"cell may hold at most {MAX_CELL_CHARS:,}: {_AGAIN}"))
                if len(problems) >= 20:
                    break
                continue
            if header is None:
                header = row
                continue
            if len(rows) >= MAX_TABLE_ROWS:
                problems.append(Problem(shown, start, 1, f"the table has more than {MAX_TABLE_ROWS:,} rows: "
                                                         f"{_AGAIN}"))
                break
            if len(row) != len(header):
                column = min(len(row), len(header)) + 1
                fix = "remove the extra" if len(row) > len(header) else "add the missing"
                problems.append(Problem(shown, start, column, f"the row has {len(row)} cells, the header "
                                        f"{len(header)}: {fix} cells (a comma inside a cell needs the cell in "
                                        "double quotes)"))
                if len(problems) >= 20:
                    break
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num or 1, 1, f"not a readable CSV table ({error}): put a cell "
                                                                "holding a double quote in double quotes and double "
                                                                "the quote (\"\")"))
    if header is None and not problems:
        problems.append(Problem(shown, 1, 1, f"the table is empty: it needs a header row; {_AGAIN}"))
    if header is not None:
        if columns is not None and header != list(columns):
            expected = list(columns)
            missing = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            what = "; ".join(part for part in (f"missing: {', '.join(missing)}" if missing else "",
                                              f"not expected: {', '.join(extra)}" if extra else "") if part) or \
                "the columns are in another order"
            problems.append(Problem(shown, 1, 1, f"the header is not the table's ({what}); expected: "
                                                 f"{','.join(expected)}; {_AGAIN}"))
        if required is not None and (missing := [c for c in required if c not in header]):
            problems.append(Problem(shown, 1, 1, f"the header lacks {', '.join(missing)}: the site reads "
                                                 f"{'that column' if len(missing) == 1 else 'those columns'}; "
                                                 f"{_AGAIN}"))
    if problems:
        raise DataError(problems)
    return Table(shown, header, rows, lines)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def _json_too_deep(text: str) -> tuple[int, int] | None:
    """Where the JSON first nests deeper than MAX_JSON_NESTING, found by a scan (json.loads recurses: 100,000 open
    brackets would exhaust Python's stack before any limit looked)."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_NESTING:
                return _where(text, match.start())
        elif token in "]}":
            depth -= 1
    return None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object; keep one")
        result[key] = value
    return result


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows; write a number or null")


def read_json(path: Path, shown: str | None = None) -> Any:
    """A JSON file's value, within the size and nesting limits. Raises DataError."""
    return _load_json(path, shown or shown_file(path))[1]


def _load_json(path: Path, shown: str) -> tuple[str, Any]:
    text = read_text(path, MAX_JSON_FILE_BYTES, "JSON file", shown)
    if (deep := _json_too_deep(text)) is not None:
        raise DataError([Problem(shown, *deep, f"objects and arrays are nested more than {MAX_JSON_NESTING} levels "
                                               f"deep here: {_AGAIN}")])
    try:
        return text, json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise DataError([Problem(shown, error.lineno, error.colno, f"not valid JSON ({error.msg}): check the commas, "
                                                                   f"quotes and brackets, or {_AGAIN}")]) from None
    except (ValueError, RecursionError) as error:
        raise DataError([Problem(shown, 1, 1, f"cannot read this JSON: {error}")]) from None


def _is_address_key(key: str) -> bool:
    return key.endswith("url") or key in ("repository", "homepage", "href", "link")


def _addresses(value: Any) -> list[tuple[str, Any]]:
    """(key, value) of every address a provenance record holds, at any depth (the site links to them)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_address_key(str(key)) and not isinstance(item, (dict, list)):
                found.append((str(key), item))
            else:
                found.extend(_addresses(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_addresses(item))
    return found


def _key_place(text: str, key: str, item: Any) -> tuple[int, int]:
    """Where `"key": item` is written in the JSON text (its first such place)."""
    decoder = json.JSONDecoder()
    for match in re.finditer(r'"' + re.escape(key) + r'"\s*:\s*', text):
        try:
            if decoder.raw_decode(text, match.end())[0] == item:
                return _where(text, match.end())
        except ValueError:
            continue
    return 1, 1


def provenance_problems(text: str, value: Any, shown: str) -> list[Problem]:
    """Every address in a provenance record (publisher_url, source_url, repository…) must pass the records' URL rule:
    the dataset pages publish them as links, so javascript: or data: can never be one. Empty or null: none given."""
    from .schema import url_problem  # pydantic: only when there is a provenance file to check

    problems = []
    for key, item in _addresses(value):
        if item is None or item == "":
            continue
        if (problem := url_problem(item)) is not None:
            problems.append(Problem(shown, *_key_place(text, key, item), f"{key}: {problem}"))
    return problems


# What the site reads from each dataset's provenance records (by the dataset's folder): field -> its JSON types. A
# missing or mistyped field would stop the build when the dataset's page is made.
PROVENANCE_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "ice-287g": {"list_date": (str,), "list_date_basis": (str,), "file_name": (str,),
                 "file_name_date": (str, type(None)), "sha256": (str,), "agreements": (int,), "publisher": (str,),
                 "publisher_url": (str,),
                 "licence": (str,), "source_url": (str,), "retrieved": (str, type(None)), "warnings": (list,)},
    "npr-detainers": {"commits": (dict,), "files": (dict,), "folder": (str,), "licence": (str,), "period": (dict,),
                      "publisher": (str,), "repository": (str,), "views": (dict,), "years": (str,)},
    "ice-field-offices": {"publisher": (str,), "repository": (str,), "commit": (str,), "path": (str,),
                          "licence": (str,), "file": (str,), "sha256": (str,), "rows": (int,), "decisions": (list,)},
    "fbi-lee": {"publisher": (str,), "repository": (str,), "commit": (str,), "path": (str,), "licence": (str,),
                "file": (str,), "sha256": (str,), "rows": (int,), "period": (str,), "codes": (str,)},
    "ddp-detainers": {"file": (str,), "sha256": (str,), "rows": (int,), "prepare_dates": (dict,), "publisher": (str,),
                      "licence": (str,), "format": (str,), "views": (dict,)},
}
_JSON_TYPE = {str: "text", int: "a whole number", dict: "an object {…}", list: "a list […]", type(None): "null"}


def _field_problems(value: dict, path: Path, shown: str, text: str) -> list[Problem]:
    parts = Path(path).parts
    fields = next((PROVENANCE_FIELDS[part] for part in reversed(parts) if part in PROVENANCE_FIELDS), {})
    problems = []
    for key, types in fields.items():
        if key not in value:
            problems.append(Problem(shown, 1, 1, f"{key}: missing; the dataset's page shows it — write the "
                                                 "provenance again with the dataset's ingest"))
        elif not isinstance(value[key], types) or (isinstance(value[key], bool) and bool not in types):
            problems.append(Problem(shown, *_key_place(text, key, value[key]), f"{key}: must be "
                                    f"{' or '.join(_JSON_TYPE[t] for t in types)} — write the provenance again with "
                                    "the dataset's ingest"))
    return problems


def read_provenance(path: Path, shown: str | None = None) -> dict:
    """A provenance record: a JSON object with the fields the site reads (PROVENANCE_FIELDS), whose every address
    passes the records' URL rule. Raises DataError."""
    shown = shown or shown_file(path)
    text, value = _load_json(path, shown)
    if not isinstance(value, dict):
        raise DataError([Problem(shown, 1, 1, "expected a JSON object ({...}); write the provenance again with the "
                                              "dataset's ingest")])
    if problems := _field_problems(value, path, shown, text) + provenance_problems(text, value, shown):
        raise DataError(problems)
    return value


def read_yaml(path: Path, shown: str | None = None) -> LoadedFile:
    """A hand-written YAML file beside the tables (reconciliation.yaml), read by the records' loader with its limits
    (its size, nesting and value limits). Raises DataError."""
    shown = shown or shown_file(path)
    if not Path(path).is_file():
        raise DataError([Problem(shown, 1, 1, "no such file")])
    loaded, problems = load_file(Path(path), shown)
    if problems:
        raise DataError(problems)
    return loaded


def read_explanations(path: Path, shown: str | None = None) -> dict[str, str]:
    """data/datasets/ice-287g/reconciliation.yaml: statistic id -> why its figure differs from the list (text)."""
    loaded = read_yaml(path, shown)
    if not isinstance(loaded.data, dict):
        raise DataError([Problem(loaded.path, 1, 1, "expected a statistic id, a colon and the explanation on each "
                                                    "entry (a mapping); fix the file")])
    problems = [Problem(loaded.path, *loaded.locate((key,)), f"{key}: the explanation must be text; write it after "
                                                             "the colon (a > on the first line for several lines)")
                for key, value in loaded.data.items() if not isinstance(value, str)]
    if problems:
        raise DataError(problems)
    return {str(key): " ".join(value.split()) for key, value in loaded.data.items()}


# Tables whose columns the build reads by name: their header must be exactly this ("folder/name" under
# data/datasets/; "folder/*.csv" any table in that folder). A missing or renamed column is a problem at line 1, not a
# KeyError in the build.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "reference/state_fips_names.csv": ("name", "postal", "fips"),
    "reference/county_fips_names.csv": ("statefp", "countyfp", "name"),
    "reference/state_names_es.csv": ("postal", "name_es"),
    "sanctuary-lists/*.csv": ("entry", "source_line", "state", "state_name", "listed_under", "kind", "name"),
    # typed by hand from several sources: each entry carries ICE's correction (note) and its source and pinpoint
    "sanctuary-lists/ice-ddor-2017-03-20.csv": ("entry", "source_line", "state", "state_name", "listed_under", "kind",
                                                "name", "note", "source", "pinpoint"),
    # written by hand: ICE's later lists known to exist but not yet ingested, and the archive that holds each
    "ice-287g/next-to-ingest.csv": ("ice_file_name", "list_date", "archived_in", "archive_path", "lfs_sha256",
                                    "lfs_size"),
}


# Tables an ingest writes whose columns the build reads by name: these must be in the header (the ingest may add
# others).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "ice-287g/releases.csv": ("file", "kind", "sha256", "content_sha256", "workbook_saved_utc", "date_taken", "why",
                              "decision", "same_as", "copies", "rows", "list_folder", "source_url"),
    "ice-287g/pending.csv": ("release", "list_date", "source_row", "state", "state_fips", "agency_id", "agency",
                             "agency_type", "county", "model"),
    "ice-detention/monthly_adp.csv": ("month", "agency", "criminality", "adp", "month_complete", "as_of", "file",
                                      "sheet", "cell"),
    "ice-detention/monthly_book_ins.csv": ("month", "agency", "book_ins", "month_complete", "as_of", "file", "sheet",
                                           "cell"),
    "ice-detention/releases.csv": ("file", "sha256", "archived_as", "workbook_saved", "fiscal_year", "as_of",
                                   "as_of_basis", "as_of_cell", "sheet", "status", "same_as", "note"),
}


def required_columns(path: Path) -> tuple[str, ...] | None:
    """The columns a table an ingest writes must have for the build to read it (REQUIRED_COLUMNS), or None."""
    return REQUIRED_COLUMNS.get(f"{Path(path).parent.name}/{Path(path).name}")


def read_table(path: Path, shown: str | None = None) -> list[dict[str, str]]:
    """A table under data/datasets/ as the build reads it: the rows as {column: text}, with the header checked
    against TABLE_COLUMNS or REQUIRED_COLUMNS. Raises DataError."""
    return read_csv(path, table_columns(path), shown, required=required_columns(path)).records()


def read_frame(path: Path, shown: str | None = None):
    """A table under data/datasets/ as a pandas DataFrame of text (what pd.read_csv(dtype=str,
    keep_default_na=False) gave), read by read_table. Raises DataError."""
    import pandas as pd  # only where a frame is wanted

    table = read_csv(path, table_columns(path), shown, required=required_columns(path))
    return pd.DataFrame(table.rows, columns=table.header, dtype=str)


def table_columns(path: Path) -> tuple[str, ...] | None:
    """The header a table under data/datasets/ must have (TABLE_COLUMNS), or None when the table's own schema checks it
    (the 287(g) tables) or nothing reads it by name."""
    folder, name = Path(path).parent.name, Path(path).name
    return TABLE_COLUMNS.get(f"{folder}/{name}") or TABLE_COLUMNS.get(f"{folder}/*{Path(path).suffix}")


def whole_number_problems(table: Table, columns: Iterable[str], what_to_do: str) -> list[Problem]:
    """A problem at each cell of `columns` that is not a whole number of at most nine digits (the build reads them
    with int())."""
    problems = []
    for column in columns:
        index = table.header.index(column)
        for row, line in zip(table.rows, table.lines):
            if not re.fullmatch(r"[0-9]{1,9}", row[index]):
                problems.append(Problem(table.path, line, index + 1, f"{column}: {row[index]!r} is not a whole "
                                                                     f"number; {what_to_do}"))
    return problems


def xlsx_size_problem(path: Path, limit: int = MAX_XLSX_FILE_BYTES) -> str | None:
    """What keeps an .xlsx file from being read at all, before a byte of it is read: missing, or over `limit`."""
    if not Path(path).is_file():
        return "no such file — check the file's name and folder"
    size = Path(path).stat().st_size
    if size > limit:
        return f"the file is {size:,} bytes, over the limit of {limit:,}"
    return None


def xlsx_packing_problem(data: bytes | Path, max_inflated: int = MAX_XLSX_INFLATED_BYTES) -> str | None:
    """What makes an .xlsx (a zip file) too costly to open, from its table of contents alone, before anything is
    inflated: too many parts, too many bytes once inflated, or a part packed like a zip bomb. None: open it (a file
    that is not a zip file is left to openpyxl's own message)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(parts) > MAX_XLSX_PARTS:
        return f"the workbook holds {len(parts):,} parts, over the limit of {MAX_XLSX_PARTS:,}"
    inflated = sum(part.file_size for part in parts)
    if inflated > max_inflated:
        return f"the workbook inflates to {inflated:,} bytes, over the limit of {max_inflated:,}"
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
            return (f"{part.filename} inflates {part.file_size // max(part.compress_size, 1):,} times (limit "
                    f"{MAX_XLSX_RATIO}): a zip bomb, not a spreadsheet")
    return None


def xlsx_shape_problem(workbook, max_rows: int, max_columns: int) -> str | None:
    """`sheet:row:column: what` for the first sheet of an openpyxl workbook opened read-only with more than max_rows
    rows or max_columns cells in a row, read row by row (the read-only mode streams the sheet) and stopping there;
    None when every sheet fits."""
    from openpyxl.utils import get_column_letter

    for sheet in workbook.worksheets:
        if (sheet.max_column or 0) > max_columns:
            return (f"{sheet.title}:1:{get_column_letter(max_columns + 1)}: the sheet is {sheet.max_column:,} "
                    f"columns wide, over the limit of {max_columns}")
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > max_rows:
                return f"{sheet.title}:{number}:A: the sheet has more than {max_rows:,} rows, the limit"
            if len(row) > max_columns:
                return (f"{sheet.title}:{number}:{get_column_letter(max_columns + 1)}: the row has {len(row):,} "
                        f"cells, over the limit of {max_columns}")
    return None


_CHECKED_SUFFIXES = (".csv", ".json", ".yaml")


def dataset_file_problems(folder: Path, shown_root: Path,
                          readers: tuple[tuple[str, Callable[[Path, str], object]], ...] = ()) -> list[Problem]:
    """Every CSV, JSON and YAML file under data/datasets/ read with the rules above (no symbolic link followed: those
    are reported by the validator), every problem of every file; read again only when a file changed (`serve`
    validates after every edit). `readers` names, by folder, the reader of a dataset whose CSV files have their own
    columns and checks (a dataset module's; this layer imports none)."""
    folder = Path(folder)
    files = tuple(path for path in sorted(folder.rglob("*"))
                  if not path.is_symlink() and path.suffix in _CHECKED_SUFFIXES and path.is_file()
                  and not any(part.startswith(".") for part in path.relative_to(folder).parts))
    stamps = tuple(file_stamp(path) for path in files)
    return list(_file_problems(files, stamps, Path(shown_root), readers))


@functools.lru_cache(maxsize=2)
def _file_problems(files: tuple[Path, ...], _stamps: tuple, shown_root: Path,
                   readers: tuple[tuple[str, Callable[[Path, str], object]], ...]) -> tuple[Problem, ...]:
    own = dict(readers)
    problems: list[Problem] = []
    for path in files:
        try:
            shown = path.relative_to(shown_root).as_posix()
        except ValueError:
            shown = path.as_posix()
        try:
            if path.suffix == ".csv" and path.parent.name in own:
                own[path.parent.name](path, shown)
            elif path.suffix == ".csv":
                read_table(path, shown)
            elif path.name.endswith("provenance.json"):
                read_provenance(path, shown)
            elif path.suffix == ".json":
                read_json(path, shown=shown)
            elif path.name == "reconciliation.yaml":
                read_explanations(path, shown)
            else:
                read_yaml(path, shown)
        except DataError as error:
            problems.extend(error.problems)
    return tuple(problems)

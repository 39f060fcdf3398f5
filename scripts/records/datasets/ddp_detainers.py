"""The Deportation Data Project's processed ICE detainer file (2023 onward): read, validate, compute the views.

    .venv/bin/python -m scripts ingest ddp FILE   (FILE: detainers-latest.parquet, or .xlsx)

writes data/datasets/ddp-detainers/views/*.csv (tidy, one count per row, each with the filter that selects its rows
in FILE) and provenance.json (file name, SHA-256, rows, dates covered). On any problem it prints file:row:column and
writes nothing. Only the columns the views use are required and loaded; every other known column present is
type-checked from the file's schema without being read. The file's size, rows, columns and the bytes to be read are
checked before it is read (MAX_FILE_BYTES…, from the Parquet footer or the .xlsx zip's table of contents and stream);
a text cell longer than the site shows is refused at its row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow.parquet as pq

from ..limits import MAX_CELL_CHARS
from ..problems import Problem
from ..table_files import xlsx_packing_problem
from .ddp_format import ARROW_TYPE, KIND, arrow_kind, fits
from .detainer_checks import IngestError, csv_text, json_text, schema_problems, sha256, write_folder
from .facility_counties import CountyMatcher

DATE = "detainer_prepare_date"
REQUIRED = [DATE, "facility_state", "detention_facility", "detention_facility_code", "facility_city",
            "citizenship_country", "detainer_lift_reason"]
LOCATION = ["file_original", "sheet_original", "row_original"]  # where ICE's spreadsheet had the row, if present
OPTIONAL = LOCATION + ["duplicate_likely"]
EARLIEST = pd.Timestamp("2022-09-01")  # the publisher's own range check on the prepare date
US = "UNITED STATES"  # ICE's spelling of the country in its other releases; check by_citizenship_country
NO_REASON = ""
# Limits checked before the cost (a 1,000,000-row synthetic Parquet file is 29 MB and ingests in 0.8 GB; the real
# file, with every detainer since late 2022, has well under a million rows).
MAX_FILE_BYTES = 1024**3  # the file on disk, .parquet or .xlsx
MAX_ROWS = 3_000_000  # rows, from the Parquet footer or counted in the .xlsx stream, stopping at the first excess
MAX_COLUMNS = 200  # the publisher's format has 36
MAX_READ_BYTES = 2 * 1024**3  # the columns the views read, uncompressed (the Parquet footer's sizes)
MAX_XLSX_INFLATED_BYTES = 8 * 1024**3  # every part of an .xlsx inflated (from the zip's table of contents)
_AGAIN = "check that this is the Deportation Data Project's processed detainer file, and download it again"

PROVENANCE = {
    "publisher": "Deportation Data Project (ICE records obtained under FOIA, processed by the project)",
    "format": "detainers-latest.R, deportationdata/ice at 533ccce (CC0)",
    "licence": "see the publisher's terms for the data file; the format script is CC0",
}


def _schema(today: pd.Timestamp) -> pa.DataFrameSchema:
    text = {name: pa.Column(str, nullable=True) for name in REQUIRED if name != DATE}
    return pa.DataFrameSchema({
        DATE: pa.Column("datetime64[ms]", pa.Check.in_range(EARLIEST, today), nullable=True),
        **text,
        "file_original": pa.Column(str, nullable=True, required=False),
        "sheet_original": pa.Column(str, nullable=True, required=False),
        "row_original": pa.Column("Int64", pa.Check.ge(1), nullable=True, required=False),
        "duplicate_likely": pa.Column("boolean", nullable=True, required=False),
    })


def _kind_problems(shown: str, columns: list[str], kinds: dict[str, str | None]) -> list[Problem]:
    problems = []
    for position, name in enumerate(columns, start=1):
        want = KIND.get(name)
        if want and not fits(want, kinds[name]):
            problems.append(Problem(shown, 1, position, f'column "{name}" holds {kinds[name] or "an unknown type"}, '
                                                        f'not {want} — the publisher\'s format types it as {want}; '
                                                        f'is this the processed file, unchanged?'))
    missing = [name for name in REQUIRED if name not in columns]
    for name in missing:
        problems.append(Problem(shown, 1, 1, f'column "{name}" is missing — the views need it; check that this is '
                                             f'the Deportation Data Project\'s processed detainer file'))
    return problems


def _read_parquet(path: Path, shown: str) -> tuple[pd.DataFrame, int]:
    try:
        metadata = pq.read_metadata(path)
        schema = pq.read_schema(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise IngestError([Problem(shown, 1, 1, f"not a readable Parquet file ({error}) — download it again")]) from None
    columns = list(schema.names)
    if len(columns) > MAX_COLUMNS:
        raise IngestError([Problem(shown, 1, MAX_COLUMNS + 1, f"the file has {len(columns):,} columns, over the "
                                                              f"limit of {MAX_COLUMNS}: {_AGAIN}")])
    if metadata.num_rows > MAX_ROWS:
        raise IngestError([Problem(shown, MAX_ROWS + 1, 1, f"the file has {metadata.num_rows:,} rows, over the limit "
                                                           f"of {MAX_ROWS:,}: {_AGAIN}")])
    problems = _kind_problems(shown, columns, {name: arrow_kind(schema.field(name).type) for name in columns})
    if problems:
        raise IngestError(problems)
    wanted = REQUIRED + [name for name in OPTIONAL if name in columns]
    read_bytes = sum(group.column(index).total_uncompressed_size
                     for group in (metadata.row_group(g) for g in range(metadata.num_row_groups))
                     for index in range(group.num_columns) if group.column(index).path_in_schema in wanted)
    if read_bytes > MAX_READ_BYTES:
        raise IngestError([Problem(shown, 1, 1, f"the columns the views read hold {read_bytes:,} bytes uncompressed, "
                                                f"over the limit of {MAX_READ_BYTES:,}: {_AGAIN}")])
    table = pq.read_table(path, columns=wanted)
    frame = table.to_pandas(types_mapper={ARROW_TYPE["integer"]: pd.Int64Dtype(),
                                          ARROW_TYPE["boolean"]: pd.BooleanDtype()}.get, date_as_object=False)
    return frame, len(columns)


def _read_xlsx(path: Path, shown: str) -> tuple[pd.DataFrame, int]:
    import openpyxl  # only for this format

    if problem := xlsx_packing_problem(path, MAX_XLSX_INFLATED_BYTES):
        raise IngestError([Problem(shown, 1, 1, f"{problem}: {_AGAIN}")])
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not xlsx
        raise IngestError([Problem(shown, 1, 1, f"not a readable xlsx file ({error}) — download it again")]) from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = list(next(rows, ()))
        if len(header) > MAX_COLUMNS:
            raise IngestError([Problem(shown, 1, MAX_COLUMNS + 1, f"the sheet has {len(header):,} columns, over the "
                                                                  f"limit of {MAX_COLUMNS}: {_AGAIN}")])
        columns = [str(name) for name in header if name is not None]
        problems = [p for p in _kind_problems(shown, columns, {name: KIND.get(name) for name in columns})]
        if problems:
            raise IngestError(problems)
        wanted = REQUIRED + [name for name in OPTIONAL if name in columns]
        positions = [next(i for i, name in enumerate(header) if name is not None and str(name) == want)
                     for want in wanted]
        values: list[tuple] = []
        for number, row in enumerate(rows, start=2):  # read lazily, stopping at the first row over the limit
            if number > MAX_ROWS + 1:
                raise IngestError([Problem(shown, number, 1, f"the sheet has more than {MAX_ROWS:,} rows, the limit: "
                                                             f"{_AGAIN}")])
            values.append(tuple(row[i] if i < len(row) else None for i in positions))
    finally:
        book.close()
    while values and all(value is None for value in values[-1]):  # empty rows at the end, as pandas drops them
        values.pop()
    frame = pd.DataFrame(values, columns=wanted, dtype=object)
    for name in wanted:
        kind = KIND[name]
        values = frame[name]
        if kind == "text" and values.map(lambda v: v is None or pd.isna(v) or isinstance(v, str)).all():
            frame[name] = values.astype("str").where(values.notna(), None)
        elif kind == "date" and values.map(lambda v: pd.isna(v) or isinstance(v, dt.datetime)).all():
            frame[name] = pd.to_datetime(values).astype("datetime64[ms]")
        elif kind == "integer" and values.map(lambda v: pd.isna(v) or float(v).is_integer()).all():
            frame[name] = values.astype("Int64")
        elif kind == "boolean" and values.map(lambda v: pd.isna(v) or isinstance(v, bool)).all():
            frame[name] = values.astype("boolean")
    return frame, len(columns)


def read(path: Path, shown: str | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """The validated columns the views need (and where each row came from, if the file says)."""
    shown = shown or str(path)
    if not path.is_file():
        raise IngestError([Problem(shown, 1, 1, "no such file — check the file's name and folder")])
    if (size := path.stat().st_size) > MAX_FILE_BYTES:
        raise IngestError([Problem(shown, 1, 1, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}: "
                                                f"{_AGAIN}")])
    if path.suffix.lower() == ".parquet":
        frame, _ = _read_parquet(path, shown)
    elif path.suffix.lower() == ".xlsx":
        frame, _ = _read_xlsx(path, shown)
    else:
        raise IngestError([Problem(shown, 1, 1, "give the .parquet or .xlsx file the Deportation Data Project "
                                                "publishes")])
    if DATE in frame and isinstance(frame[DATE].dtype, pd.DatetimeTZDtype):
        frame[DATE] = frame[DATE].dt.tz_localize(None)
    if DATE in frame and str(frame[DATE].dtype).startswith("datetime64"):
        frame[DATE] = frame[DATE].astype("datetime64[ms]")
    header_rows = 1 if path.suffix.lower() == ".xlsx" else 0  # a spreadsheet's row 1 is the header

    def where(index) -> str:
        if "row_original" not in frame or pd.isna(frame.at[index, "row_original"]):
            return ""
        return (f" (ICE's {frame.at[index, 'file_original']}, sheet {frame.at[index, 'sheet_original']}, "
                f"row {frame.at[index, 'row_original']})")

    long_cells = [Problem(shown, int(index) + 1 + header_rows, list(frame.columns).index(name) + 1,
                          f'"{name}" holds {length:,} characters; the site shows at most {MAX_CELL_CHARS:,} in a '
                          f"cell: {_AGAIN}")
                  for name in frame.columns if KIND.get(name) == "text"
                  for index, length in frame[name].map(lambda v: len(v) if isinstance(v, str) else 0)
                  .loc[lambda lengths: lengths > MAX_CELL_CHARS].items()]
    if long_cells:
        raise IngestError(long_cells)
    limit = pd.Timestamp(today or dt.date.today())
    try:
        frame = _schema(limit).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise IngestError(schema_problems(error, shown, list(frame.columns),
                                          lambda index: int(index) + 1 + header_rows, where)) from None
    return frame


# ---- views ----

def _month(frame: pd.DataFrame) -> pd.Series:
    months = frame[DATE].to_numpy().astype("datetime64[M]")
    return pd.Series(np.datetime_as_string(months, unit="M"), index=frame.index).where(frame[DATE].notna(), "")


def _label(values: pd.Series) -> pd.Series:
    return values.fillna("").astype("str")


def _quoted(value) -> str:
    return "blank" if value == "" else '"' + str(value).replace('"', '\\"') + '"'


def _count(frame: pd.DataFrame, keys: dict[str, pd.Series], file: str, filters: dict[str, str]) -> pd.DataFrame:
    """Rows per combination of `keys`, with the filter that selects them in `file` (blank = empty or missing)."""
    grouped = pd.DataFrame(keys).groupby(list(keys), sort=True, dropna=False).size().rename("detainers")
    out = grouped.reset_index()
    def condition(key: str, value) -> str:
        if key == "month":
            return f"{DATE} blank" if value == "" else f"{DATE} in {value}"
        return f"{filters[key]} {_quoted(value)}"

    out["source"] = [f"{file}: " + " and ".join(condition(k, v) for k, v in zip(keys, values))
                     for values in out[list(keys)].itertuples(index=False)]
    return out


def views(frame: pd.DataFrame, file: str, matcher: CountyMatcher) -> dict[str, pd.DataFrame]:
    month = _month(frame)
    state = _label(frame["facility_state"])
    country = _label(frame["citizenship_country"])
    reason = _label(frame["detainer_lift_reason"])
    filters = {"facility_state": "facility_state =", "citizenship_country":
               "citizenship_country =", "detainer_lift_reason": "detainer_lift_reason =",
               "detention_facility_code": "detention_facility_code =", "detention_facility": "detention_facility =",
               "facility_city": "facility_city ="}
    per_facility = _count(frame, {"detention_facility_code": _label(frame["detention_facility_code"]),
                                  "detention_facility": _label(frame["detention_facility"]),
                                  "facility_city": _label(frame["facility_city"]), "facility_state": state},
                          file, filters)
    per_facility = matcher.match_frame(per_facility, "detention_facility", "facility_state")
    per_facility = per_facility[["detention_facility_code", "detention_facility", "facility_city", "facility_state",
                                 "detainers", "county_fips", "county_name", "county_match", "source"]]
    citizens = (country.str.upper().str.strip() == US).to_numpy()
    us = frame[citizens]
    return {
        "detainers_per_month": _count(frame, {"month": month}, file, filters),
        "detainers_per_state": _count(frame, {"facility_state": state}, file, filters),
        "detainers_per_facility": per_facility,
        "detainers_by_citizenship_country": _count(frame, {"citizenship_country": country}, file, filters),
        "us_citizens_by_month_and_state": _count(us, {"month": month[citizens], "facility_state": state[citizens]},
                                                 file, {**filters, "citizenship_country": ""}).assign(
            source=lambda v: v["source"] + f' and citizenship_country = "{US}"'),
        "lift_reasons_by_month": _count(frame, {"month": month, "detainer_lift_reason": reason}, file, filters),
    }


def ingest(path: Path, target: Path, reference: Path, today: dt.date | None = None) -> dict:
    """Validate `path`, compute the views, then replace `target` with views/ and provenance.json."""
    frame = read(path, today=today)
    matcher = CountyMatcher.from_files(reference / "county_fips_names.csv", reference / "state_fips_names.csv")
    computed = views(frame, path.name, matcher)
    dates = frame[DATE].dropna()
    facilities = computed["detainers_per_facility"]
    matched = facilities["county_fips"].notna()
    provenance = {
        **PROVENANCE,
        "file": path.name, "sha256": sha256(path), "rows": int(len(frame)),
        "prepare_dates": {"first": dates.min().date().isoformat() if len(dates) else None,
                          "last": dates.max().date().isoformat() if len(dates) else None,
                          "rows_without_a_date": int(frame[DATE].isna().sum())},
        "duplicate_likely_rows": int(frame["duplicate_likely"].fillna(False).sum())
        if "duplicate_likely" in frame else None,
        "us_citizens": {"rule": f'citizenship_country = "{US}" (case and spaces ignored)',
                        "rows": int(computed["us_citizens_by_month_and_state"]["detainers"].sum())},
        "facility_county_match": {"facilities": int(len(facilities)), "matched": int(matched.sum()),
                                  "match_rate": round(float(matched.mean()), 4) if len(facilities) else None,
                                  "detainers_at_matched": int(facilities.loc[matched, "detainers"].sum()),
                                  "detainers_total": int(facilities["detainers"].sum())},
        "views": {name: {"rows": int(len(view)), "columns": list(view.columns)} for name, view in computed.items()},
    }
    files: dict[str, bytes | str] = {f"views/{name}.csv": csv_text(view) for name, view in computed.items()}
    files["provenance.json"] = json_text(provenance)
    write_folder(target, files)
    return provenance

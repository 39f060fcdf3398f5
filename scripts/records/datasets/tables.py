"""The 287(g) tables' pandera schemas, their CSV form, and `load_287g` to read the committed tables back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..file_stamps import file_stamp
from ..table_files import read_csv, read_provenance
from .vocabulary_287g import AGENCY_TYPES, MODELS

SLUG = r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$"
URL = r"^(?:https?://\S+)?$"
COUNTY_SOURCES = ("county column", "agency name", "state agency", "")

AGREEMENT_COLUMNS = ("list_date", "source_row", "state", "state_fips", "agency_id", "agency", "agency_type", "county",
                     "model", "signed", "signed_as_published", "agreement_url", "agreement_link_text", "addendum_url")
AGENCY_COLUMNS = ("agency_id", "name", "state", "state_postal", "state_fips", "county_fips", "county_name",
                  "county_source", "agency_type", "first_list", "last_list", "lists", "on_latest_list",
                  "names_as_published")
DATE_COLUMNS = {"list_date", "signed", "first_list", "last_list"}
INT_COLUMNS = {"source_row", "lists"}
BOOL_COLUMNS = {"on_latest_list"}


def _text(**kwargs) -> pa.Column:
    return pa.Column(str, **kwargs)


AGREEMENTS = pa.DataFrameSchema(
    {
        "list_date": pa.Column("datetime64[ns]"),
        "source_row": pa.Column("int64", pa.Check.ge(2)),
        "state": _text(checks=pa.Check.str_length(min_value=1)),
        "state_fips": _text(checks=pa.Check.str_matches(r"^\d{2}$")),
        "agency_id": _text(checks=pa.Check.str_matches(SLUG)),
        "agency": _text(checks=pa.Check.str_length(min_value=1)),
        "agency_type": _text(checks=pa.Check.isin(("", *AGENCY_TYPES))),
        "county": _text(),
        "model": _text(checks=pa.Check.isin(MODELS)),
        "signed": pa.Column("datetime64[ns]", nullable=True),
        "signed_as_published": _text(),
        "agreement_url": _text(checks=pa.Check.str_matches(URL)),
        "agreement_link_text": _text(),
        "addendum_url": _text(checks=pa.Check.str_matches(URL)),
    },
    checks=[pa.Check(lambda df: df["signed"].isna() | (df["signed"] <= df["list_date"]),
                     error="signed after the list's date")],
    unique=["list_date", "source_row"], strict=True, ordered=True, coerce=False, name="agreements")

AGENCIES = pa.DataFrameSchema(
    {
        "agency_id": _text(checks=pa.Check.str_matches(SLUG), unique=True),
        "name": _text(checks=pa.Check.str_length(min_value=1)),
        "state": _text(checks=pa.Check.str_length(min_value=1)),
        "state_postal": _text(checks=pa.Check.str_matches(r"^[A-Z]{2}$")),
        "state_fips": _text(checks=pa.Check.str_matches(r"^\d{2}$")),
        "county_fips": _text(checks=pa.Check.str_matches(r"^(?:\d{5})?$")),
        "county_name": _text(),
        "county_source": _text(checks=pa.Check.isin(COUNTY_SOURCES)),
        "agency_type": _text(checks=pa.Check.isin(("", *AGENCY_TYPES))),
        "first_list": pa.Column("datetime64[ns]"),
        "last_list": pa.Column("datetime64[ns]"),
        "lists": pa.Column("int64", pa.Check.ge(1)),
        "on_latest_list": pa.Column(bool),
        "names_as_published": _text(checks=pa.Check.str_length(min_value=1)),
    },
    checks=[
        pa.Check(lambda df: (df["county_fips"] == "") | (df["county_fips"].str[:2] == df["state_fips"]),
                 error="county not in the agency's state"),
        pa.Check(lambda df: (df["county_fips"] == "") == (df["county_source"].isin(("", "state agency"))),
                 error="county_source does not match county_fips"),
        pa.Check(lambda df: df["first_list"] <= df["last_list"], error="first list after last list"),
    ],
    strict=True, ordered=True, coerce=False, name="agencies")

# A row as read from a spreadsheet, before identity: what every row must have (the reader's own columns).
PUBLISHED_ROW = pa.DataFrameSchema(
    {
        "state_fips": _text(checks=pa.Check.str_length(min_value=1)),
        "agency": _text(checks=pa.Check.str_length(min_value=1)),
        "model": _text(checks=pa.Check.isin(MODELS)),
        "agency_type": _text(nullable=False),
    }, strict=False, coerce=False, name="published row")


def published_row_problems(frame: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(spreadsheet row, column, what is wrong — what to do) for every failing cell, by row."""
    try:
        PUBLISHED_ROW.validate(frame, lazy=True)
        return []
    except SchemaErrors as errors:
        cases = errors.failure_cases
    found = set()
    for column, index in zip(cases["column"], cases["index"]):
        if index is None or pd.isna(index):
            continue
        row = frame.loc[int(index)]
        found.add((int(row["source_row"]), column, _advice(column, row)))
    return sorted(found)


def _advice(column: str, row: pd.Series) -> str:
    if column == "state_fips":
        return (f"state {row['state']!r} is not a U.S. state or territory — correct it, or add the misspelling to "
                f"STATE_SPELLING_FIXES in scripts/records/datasets/fips.py")
    if column == "agency":
        return "the row names no agency — fill in the agency's name or delete the row"
    if column == "model":
        return (f"support type {row['model_raw']!r} is not one of {', '.join(MODELS)} — correct it, or add the "
                f"spelling to MODEL_ALIASES in scripts/records/datasets/ice_287g.py")
    return (f"agency type {row['agency_type_raw']!r} is not one of {', '.join(AGENCY_TYPES)} — correct it, or add the "
            f"spelling to AGENCY_TYPE_ALIASES in scripts/records/datasets/ice_287g.py")


def to_csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text: dates as YYYY-MM-DD, unknown as empty, "\\n" line ends (same input, same bytes)."""
    out = frame.copy()
    for column in out.columns:
        if column in DATE_COLUMNS:
            out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
        elif column in BOOL_COLUMNS:
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as read from CSV (all str, empty for unknown) -> the schema's types."""
    out = frame.copy()
    for column in out.columns:
        if column in DATE_COLUMNS:
            out[column] = pd.to_datetime(out[column].replace("", None), format="%Y-%m-%d").astype("datetime64[ns]")
        elif column in INT_COLUMNS:
            out[column] = out[column].astype("int64")
        elif column in BOOL_COLUMNS:
            out[column] = out[column].map({"true": True, "false": False}).astype(bool)
        else:
            out[column] = out[column].astype(str)
    return out


def read_csv_table(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """A committed table read by the tables' reading layer (records.table_files: limits, UTF-8, its header exactly the
    schema's), typed and validated with the schema."""
    return schema.validate(_typed_table(path, schema), lazy=True)


def _typed_table(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    table = read_csv(path, list(schema.columns))
    return typed(pd.DataFrame(table.rows, columns=table.header, dtype=str))


def read_csv_tables_at_once(paths: list[Path], schema: pa.DataFrameSchema) -> list[pd.DataFrame] | None:
    """read_csv_table of each path, the schema's checks run once over all the tables together (a build reads about
    170 lists, and checking each apart took most of the time); None when a file fails to read or to pass the checks,
    so that the caller reads them one by one and reports the first problem as it always did. Every check holds for
    the tables together only if it holds for each (a row's checks, and rows unique in all are unique in each)."""
    try:
        frames = [_typed_table(path, schema) for path in paths]
        if frames:
            schema.validate(pd.concat(frames, ignore_index=True), lazy=True)
        return frames
    except Exception:  # noqa: BLE001 - whatever it is, reading them one by one raises it (or the first before it)
        return None


@dataclass
class Lists287g:
    """The tables as read (treat them as read-only: `serve` keeps one Lists287g while the files are unchanged, and
    what is computed from it is kept with it, see `computed`)."""
    agencies: pd.DataFrame
    lists: dict[dt.date, pd.DataFrame]  # by list date, oldest first
    provenance: dict[dt.date, dict]
    reference_dir: Path | None = None  # the same data folder's datasets/reference/: the states, counties and shapes
    _computed: dict = field(default_factory=dict, repr=False, compare=False)
    folder: Path | None = None  # where they were read from (the release pages read lists-daily/ and releases.csv)

    def computed(self, key, compute: Callable[[], object]):
        """What `compute` gives for these tables, computed once: the counts the charts, the reconciliation and the
        charts page read (key names the computation and its arguments)."""
        if key not in self._computed:
            self._computed[key] = compute()
        return self._computed[key]

    @property
    def latest(self) -> pd.DataFrame:
        return self.lists[max(self.lists)]

    def agreements(self) -> pd.DataFrame:
        """Every agreement on every list, one table (list_date says which list)."""
        return pd.concat(self.lists.values(), ignore_index=True)


def _fingerprint(folder: Path) -> tuple:
    return tuple((str(p), file_stamp(p)) for p in sorted(folder.rglob("*")) if p.is_file())


_loaded: tuple[tuple, Lists287g] | None = None


def load_287g_unchanged(data_dir: Path) -> Lists287g:
    """load_287g, read again only when a file of the folder changed (records/file_stamps.py): `serve`
    generates the site again after every edit to a record, and reading and checking the 65 tables takes seconds."""
    global _loaded
    key = (str(Path(data_dir).resolve()), _fingerprint(Path(data_dir)))
    if _loaded is None or _loaded[0] != key:
        _loaded = (key, load_287g(data_dir))
    return _loaded[1]


def load_287g(data_dir: Path) -> Lists287g:
    """Read data/datasets/ice-287g/ back: typed tables, validated with the schemas they were written with; raises
    DataError for a file the reading layer refuses, and pandera's SchemaErrors or ValueError if a table was edited
    into something else (`validate` reports each of these with its line first: records/places.py)."""
    data_dir = Path(data_dir)
    agencies = read_csv_table(data_dir / "agencies.csv", AGENCIES)
    lists, provenance = {}, {}
    paths = sorted((data_dir / "lists").glob("*.csv"))
    together = read_csv_tables_at_once(paths, AGREEMENTS) or [None] * len(paths)
    for path, table in zip(paths, together):
        date = dt.date.fromisoformat(path.stem)
        table = table if table is not None else read_csv_table(path, AGREEMENTS)
        if not (table["list_date"] == pd.Timestamp(date)).all():
            raise ValueError(f"{path}: list_date differs from the file's name")
        lists[date] = table
        provenance[date] = read_provenance(path.with_suffix(".provenance.json"))
    known = set(agencies["agency_id"])
    for date, table in lists.items():
        unknown = sorted(set(table["agency_id"]) - known)
        if unknown:
            raise ValueError(f"list {date}: agency ids not in agencies.csv: {', '.join(unknown[:5])}")
    return Lists287g(agencies, lists, provenance, data_dir.parent / "reference", folder=data_dir)

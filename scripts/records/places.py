"""Agency, county and state records derived from the committed tables (no YAML): ICE's 287(g) lists and agencies
(data/datasets/ice-287g/), the Census FIPS files (data/datasets/reference/) and NPR's detainer views matched to
counties (data/datasets/npr-detainers/views/). The registry's `DerivedTables` source calls `derive_places` once per
data folder; every problem is reported as `file:line:column` of the table cell, and no record is made then.

Which places get a page: every state and territory in the Census state file and every county or county equivalent
of those in the Census county file. Puerto Rico and the territories are in, because ICE's lists include territorial
agencies (Guam, the Northern Mariana Islands) and a reader there asks the same question."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .file_stamps import file_stamp
from .place_schema import Agency, County, State
from .problems import DataError, Problem
from .table_files import read_csv, read_provenance, table_columns
from .translations import english_version, translation_model

ICE_DIR = Path("datasets/ice-287g")
REFERENCE_DIR = Path("datasets/reference")
NPR_VIEWS = Path("datasets/npr-detainers/views")
SPANISH_NAMES = "state_names_es.csv"  # in REFERENCE_DIR: each state's name on the Spanish pages, from a style guide
MODEL_FIELDS = {"Jail Enforcement Model": "jail_enforcement", "Task Force Model": "task_force",
                "Warrant Service Officer": "warrant_service"}


@dataclass(frozen=True)
class DerivedRecord:
    record: BaseModel
    path: str  # the table the record is derived from, as shown in messages and on its page


@dataclass
class Places:
    records: dict[str, list[DerivedRecord]]  # collection -> records
    problems: list[Problem]


def county_id(postal: str, fips: str) -> str:
    """A county's permanent id: its state's postal code (readable) and its five-digit FIPS code (which never changes
    with a renaming), e.g. al-01001. The name is left out: Census names are corrected now and then."""
    return f"{postal.lower()}-{fips}"


def state_id(postal: str) -> str:
    return postal.lower()


def _fingerprint(data_dir: Path) -> tuple:
    folders = [data_dir / ICE_DIR, data_dir / REFERENCE_DIR, data_dir / NPR_VIEWS]
    return tuple((str(p), file_stamp(p))
                 for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file())


def derive_places(data_dir: Path, shown_root: Path) -> Places:
    """The place records of data_dir (none when it holds no tables, as in a test's small dataset)."""
    data_dir = Path(data_dir).resolve()
    return _derive(data_dir, Path(shown_root).resolve(), _fingerprint(data_dir))


@functools.lru_cache(maxsize=2)
def _derive(data_dir: Path, shown_root: Path, _fingerprint: tuple) -> Places:
    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(shown_root))
        except ValueError:
            return str(path)

    problems: list[Problem] = []
    states_path = data_dir / REFERENCE_DIR / "state_fips_names.csv"
    counties_path = data_dir / REFERENCE_DIR / "county_fips_names.csv"
    if not states_path.is_file() or not counties_path.is_file():
        return Places({"agencies": [], "counties": [], "states": []}, [])
    state_rows = _read_rows(states_path, shown, problems)
    county_rows = _read_rows(counties_path, shown, problems)
    tables = _read_287g(data_dir / ICE_DIR, shown, problems)
    if problems:
        return Places({}, problems)

    states: dict[str, dict] = {}  # fips -> first row naming it (the file lists alternative spellings after)
    for line, row in state_rows:
        states.setdefault(row["fips"], {"line": line, **row})
    spanish = _spanish_names(data_dir / REFERENCE_DIR / SPANISH_NAMES, states, shown, problems)
    if problems:
        return Places({}, problems)
    latest = max(tables.lists) if tables else None
    reviewed = latest.isoformat() if latest else "2021-01-01"

    agencies_by_county: dict[str, list[str]] = defaultdict(list)
    agencies_by_state: dict[str, list[str]] = defaultdict(list)
    records: dict[str, list[DerivedRecord]] = {"agencies": [], "counties": [], "states": []}
    county_postal = {}
    for line, row in county_rows:
        state = states.get(row["statefp"])
        if state is not None:
            county_postal[row["statefp"] + row["countyfp"]] = state["postal"]

    if tables:
        agencies_file = shown(data_dir / ICE_DIR / "agencies.csv")
        spans = _model_spans(tables)
        by_agency_list = _agreement_rows(tables, shown, data_dir / ICE_DIR)
        columns = list(tables.agencies.columns)
        for line, row in enumerate(tables.agencies.to_dict("records"), start=2):
            agency_id = row["agency_id"]
            last = row["last_list"].date()
            agreements = by_agency_list.get((agency_id, last), [])
            fips = row["county_fips"]
            data = {
                "id": agency_id, "last_reviewed": reviewed, "name": row["name"], "state": row["state_postal"],
                "state_record": state_id(row["state_postal"]),
                "county": county_id(row["state_postal"], fips) if fips else None,
                "county_source": row["county_source"], "agency_type": row["agency_type"],
                "first_list": row["first_list"].date().isoformat(), "last_list": last.isoformat(),
                "lists": int(row["lists"]), "on_latest_list": bool(row["on_latest_list"]),
                "names_as_published": [n.strip() for n in row["names_as_published"].split(" | ") if n.strip()],
                "agreements": agreements, "models": spans.get(agency_id, []),
                "list_source": _list_source(tables, last, shown(data_dir / ICE_DIR / "lists" / f"{last}.provenance.json")),
                "row": {"file": agencies_file, "line": line},
            }
            if fips and fips not in county_postal:
                problems.append(Problem(agencies_file, line, 6, f"county_fips {fips} is not in the Census county "
                                        "file — correct the county, or leave it empty if it is not known"))
                continue
            if row["state_fips"] not in states:
                problems.append(Problem(agencies_file, line, 5, f"state_fips {row['state_fips']} is not in the "
                                        "Census state file — correct the state"))
                continue
            record = _checked(Agency, data, agencies_file, line, columns, problems)
            if record is not None:
                records["agencies"].append(DerivedRecord(record, agencies_file))
                if fips:
                    agencies_by_county[fips].append(agency_id)
                agencies_by_state[row["state_fips"]].append(agency_id)

    detainers = _detainers_by_county(data_dir / NPR_VIEWS, shown, problems)
    counties_file = shown(counties_path)
    counties_by_state: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)  # fips -> its names, in the file's order
    first_rows: dict[str, tuple[int, dict]] = {}
    for line, row in county_rows:
        fips = row["statefp"] + row["countyfp"]
        names[fips].append(row["name"])
        first_rows.setdefault(fips, (line, row))
    for line, row in first_rows.values():  # one county per code: some codes have two names (Shannon/Oglala Lakota)
        state = states.get(row["statefp"])
        if state is None:  # a county of a state the state file leaves out (U.S. Minor Outlying Islands)
            continue
        fips = row["statefp"] + row["countyfp"]
        data = {"id": county_id(state["postal"], fips), "last_reviewed": reviewed, "name": row["name"],
                "other_names": names[fips][1:],
                "fips": fips, "state": state["postal"], "state_name": state["name"],
                "state_record": state_id(state["postal"]), "agencies": sorted(agencies_by_county.get(fips, [])),
                "detainers": detainers.get(fips, []), "row": {"file": counties_file, "line": line}}
        record = _in_spanish(_checked(County, data, counties_file, line, list(row), problems),
                             state_name=spanish[state["postal"]])
        if record is not None:
            records["counties"].append(DerivedRecord(record, counties_file))
            counties_by_state[row["statefp"]].append(record.id)

    states_file = shown(states_path)
    over_time = _over_time(tables) if tables else {}
    for fips, row in sorted(states.items()):
        data = {"id": state_id(row["postal"]), "last_reviewed": reviewed, "name": row["name"],
                "postal": row["postal"], "fips": fips, "counties": counties_by_state.get(fips, []),
                "agencies": sorted(agencies_by_state.get(fips, [])),
                "over_time": over_time.get(fips, []),
                "row": {"file": states_file, "line": row["line"]}}
        record = _in_spanish(_checked(State, data, states_file, row["line"], ["name", "postal", "fips"], problems),
                             name=spanish[row["postal"]])
        if record is not None:
            records["states"].append(DerivedRecord(record, states_file))
    return Places(records if not problems else {}, problems)


def _spanish_names(path: Path, states: dict[str, dict], shown, problems: list[Problem]) -> dict[str, str]:
    """Postal code -> the state's Spanish name, for every state of the Census file (a missing, repeated or unknown
    code is a problem at its line)."""
    if not path.is_file():
        problems.append(Problem(shown(path), 1, 1, "the Spanish names of the states are missing: write the file with "
                                "the header postal,name_es and a line per state of state_fips_names.csv"))
        return {}
    known = {row["postal"] for row in states.values()}
    names: dict[str, str] = {}
    for line, row in _read_rows(path, shown, problems):
        postal, name = row["postal"].strip(), " ".join(row["name_es"].split())
        if postal not in known:
            problems.append(Problem(shown(path), line, 1, f"{postal!r} is not a postal code of state_fips_names.csv "
                                    "— correct it, or remove the line"))
        elif postal in names:
            problems.append(Problem(shown(path), line, 1, f"{postal} has a Spanish name on an earlier line already "
                                    "— keep one of the two lines"))
        elif not name:
            problems.append(Problem(shown(path), line, 2, f"the Spanish name of {postal} is empty — write it (the "
                                    "English name where Spanish has no name of its own)"))
        else:
            names[postal] = name
    for postal in sorted(known - set(names)):
        problems.append(Problem(shown(path), 1, 1, f"{postal} has no Spanish name — add a line {postal},<its "
                                "Spanish name> (the English name where Spanish has no name of its own)"))
    return names


def _in_spanish(record: BaseModel | None, **spanish: str) -> BaseModel | None:
    """The derived record with its Spanish (`es:`), made here rather than written: a translation of the current
    English by construction, so it carries the English's fingerprint."""
    if record is None:
        return None
    translation = translation_model(type(record))(**spanish, english_version=english_version(record))
    return record.model_copy(update={"es": translation})


def _read_rows(path: Path, shown, problems: list[Problem]) -> list[tuple[int, dict]]:
    """(line, row) of each row, read by the tables' reading layer (every problem with its line and cell)."""
    try:
        table = read_csv(path, table_columns(path), shown=shown(path))
    except DataError as error:
        problems.extend(error.problems)
        return []
    return list(zip(table.lines, table.records()))


def _read_287g(folder: Path, shown, problems: list[Problem]):
    """The 287(g) tables, validated with the schemas of scripts.records.datasets.tables (the lists in one pass: one
    validation per file cost a second per ten files), with a failing cell as file:line:column."""
    if not (folder / "agencies.csv").is_file():
        return None
    import pandas as pd  # pandas and pandera only when there are tables to read

    from .datasets import tables as t

    list_paths = sorted((folder / "lists").glob("*.csv"))
    agencies, _ = _validated(pd, t, [folder / "agencies.csv"], t.AGENCIES, shown, problems)
    every, where = _validated(pd, t, list_paths, t.AGREEMENTS, shown, problems) if list_paths else (None, [])
    if problems or agencies is None or every is None:
        return None
    known = set(agencies["agency_id"])
    column = list(t.AGREEMENT_COLUMNS).index("agency_id") + 1
    for index in every.index[~every["agency_id"].isin(known)]:
        path, line = where[index]
        problems.append(Problem(shown(path), line, column, f"agency_id {every.at[index, 'agency_id']!r} is not in "
                                f"{shown(folder / 'agencies.csv')} — write the tables again with ./site.sh ingest "
                                "287g, which writes both"))
    problems += _address_problems(every, where, t.AGREEMENT_COLUMNS, shown)
    for path in list_paths:
        try:
            dt.date.fromisoformat(path.stem)
        except ValueError:
            problems.append(Problem(shown(path), 1, 1, "the file's name is not the list's date (YYYY-MM-DD.csv) — "
                                    "rename it, or write the list again with ./site.sh ingest 287g"))
    if problems:
        return None
    lists, provenance = {}, {}
    for path, (_date, table) in zip(list_paths, every.groupby("list_date", sort=True)):
        date = dt.date.fromisoformat(path.stem)
        if _date.date() != date:
            problems.append(Problem(shown(path), 2, 1, "list_date differs from the file's name — write the list "
                                    "again with ./site.sh ingest 287g"))
            continue
        lists[date] = table.reset_index(drop=True)
        record_path = path.with_suffix(".provenance.json")
        try:
            provenance[date] = read_provenance(record_path, shown(record_path))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        return None
    return t.Lists287g(agencies, lists, provenance, folder.parent / "reference")


def _validated(pd, t, paths: list[Path], schema, shown, problems: list[Problem]):
    """The tables of `paths` as one typed, validated frame (rows in file order) and each row's (file, line), or
    (None, []) with every failing cell."""
    from pandera.errors import SchemaErrors

    frames, where = [], []  # where[i]: (file, line) of row i
    for path in paths:
        try:
            table = read_csv(path, list(schema.columns), shown(path))
        except DataError as error:
            problems.extend(error.problems)
            continue
        frame = pd.DataFrame(table.rows, columns=table.header, dtype=str)
        problems.extend(_unreadable_cells(pd, t, frame, table, shown(path)))
        frames.append(frame)
        where += [(path, line) for line in table.lines]
    if not frames or problems:
        return None, []
    header = list(schema.columns)
    try:
        combined = t.typed(pd.concat(frames, ignore_index=True))
        return schema.validate(combined, lazy=True), where
    except SchemaErrors as errors:
        for column, index, check in zip(errors.failure_cases["column"], errors.failure_cases["index"],
                                        errors.failure_cases["check"]):
            path, line = where[int(index)] if index is not None and index == index else (paths[0], 1)
            col = header.index(column) + 1 if column in header else 1
            what = "is not an http(s) address" if str(column).endswith("_url") else f"fails the check {check}"
            problems.append(Problem(shown(path), line, col, f"{column}: {what} — correct the cell (the tables "
                                    "are written by ./site.sh ingest 287g: fix the reader and run it again)"))
    except (ValueError, KeyError) as error:
        problems.append(Problem(shown(paths[0]), 1, 1, f"cannot be read as a table: {error} — write it again with "
                                "./site.sh ingest 287g"))
    return None, []


def _address_problems(every, where, columns, shown) -> list[Problem]:
    """Each agreement or addendum address that the records' URL rule refuses (an invisible character, a length past
    the limit): the agency pages link to them. Only cells with a character outside printable ASCII, or longer than
    a short address, are looked at closely (the schema already holds every cell to http(s)://)."""
    from .schema import url_problem

    found = []
    for column in ("agreement_url", "addendum_url"):
        values = every[column]
        suspect = values.str.contains(r"[^\x21-\x7e]", regex=True) | (values.str.len() > 200)
        for index in values.index[suspect]:
            if (problem := url_problem(values[index])) is not None:
                path, line = where[index]
                found.append(Problem(shown(path), line, list(columns).index(column) + 1, f"{column}: {problem}"))
    return found


def _unreadable_cells(pd, t, frame, table, shown_file: str) -> list[Problem]:
    """Each date, whole-number or true/false cell that cannot be read as one (before the table is typed, which would
    stop at the first with no place named)."""
    found = []
    for column in frame.columns:
        values = frame[column]
        if column in t.DATE_COLUMNS:
            parsed = pd.to_datetime(values.where(values.str.fullmatch(r"\d{4}-\d{2}-\d{2}"), None),
                                    format="%Y-%m-%d", errors="coerce")
            bad, expected = (values != "") & parsed.isna(), "a date written YYYY-MM-DD"
            if column == "list_date":
                bad |= values == ""
        elif column in t.INT_COLUMNS:
            bad, expected = ~values.str.fullmatch(r"\d{1,9}"), "a whole number"
        elif column in t.BOOL_COLUMNS:
            bad, expected = ~values.isin(("true", "false")), "true or false"
        else:
            continue
        for index in values.index[bad][:20]:
            found.append(Problem(shown_file, table.lines[index], table.column_number(column),
                                 f"{column}: {values[index]!r} is not {expected} — correct the cell, or write the "
                                 "table again with ./site.sh ingest 287g"))
    return found


def _list_source(tables, list_date: dt.date, provenance_file: str) -> dict:
    record = tables.provenance[list_date]
    return {"provenance": provenance_file, "file_name": str(record.get("file_name", "")),
            "sha256": str(record.get("sha256", "")), "source_url": str(record.get("source_url", ""))}


def _checked(model, data: dict, file: str, line: int, columns, problems: list[Problem]):
    try:
        return model.model_validate(data, context={"today": dt.date.max})
    except ValidationError as error:
        columns = list(columns)
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else ""
            column = columns.index(field) + 1 if field in columns else 1
            where = ".".join(str(part) for part in item["loc"])
            problems.append(Problem(file, line, column, f"{where}: {item['msg']} — correct this line of the table"))
        return None


def _agreement_rows(tables, shown, folder: Path) -> dict[tuple[str, dt.date], list[dict]]:
    """(agency id, its last list) -> its agreements on that list, each with the line of the list's table."""
    out: dict[tuple[str, dt.date], list[dict]] = defaultdict(list)
    last_lists = tables.agencies.groupby(tables.agencies["last_list"].dt.date)["agency_id"].agg(set).to_dict()
    for list_date, table in tables.lists.items():
        file = shown(folder / "lists" / f"{list_date}.csv")
        columns = table[["agency_id", "model", "signed", "signed_as_published", "agreement_url", "source_row"]]
        for line, row in enumerate(columns.itertuples(index=False), start=2):
            if row.agency_id not in last_lists.get(list_date, ()):
                continue
            signed = row.signed
            out[(row.agency_id, list_date)].append({
                "model": row.model, "signed": None if signed != signed else signed.date().isoformat(),
                "signed_as_published": row.signed_as_published, "agreement_url": row.agreement_url,
                "list_date": list_date.isoformat(),
                "row": {"file": file, "line": line, "spreadsheet_row": int(row.source_row)}})
    return {key: sorted(rows, key=lambda a: (a["model"], a["signed"] or "", a["row"]["line"]))
            for key, rows in out.items()}


def _model_spans(tables) -> dict[str, list[dict]]:
    every = tables.agreements()[["agency_id", "model", "list_date"]].drop_duplicates()
    grouped = every.groupby(["agency_id", "model"], sort=True)["list_date"].agg(["min", "max", "count"])
    spans: dict[str, list[dict]] = defaultdict(list)
    for (agency_id, model), first, last, count in grouped.itertuples(name=None):
        spans[agency_id].append({"model": model, "first_list": first.date().isoformat(),
                                 "last_list": last.date().isoformat(), "lists": int(count)})
    return spans


def _over_time(tables) -> dict[str, list[dict]]:
    """State FIPS -> its agreements on every list, by model (zero where it had none)."""
    counts = tables.agreements().groupby(["state_fips", "list_date", "model"]).size().to_dict()
    fips_codes = sorted({fips for fips, _date, _model in counts})
    return {fips: [{"list_date": list_date.isoformat(),
                    **{field: int(counts.get((fips, pd_date, model), 0)) for model, field in MODEL_FIELDS.items()}}
                   for list_date, pd_date in ((d, _timestamp(d)) for d in tables.lists)]
            for fips in fips_codes}


def _timestamp(date: dt.date):
    import pandas as pd

    return pd.Timestamp(date)


def _detainers_by_county(folder: Path, shown, problems: list[Problem]) -> dict[str, list[dict]]:
    """NPR's facility views, summed per facility matched to a county (Oct. 2007 – Jul. 2015)."""
    declined_path, citizens_path = folder / "declined_by_facility.csv", folder / "us_citizens_by_facility.csv"
    facilities: dict[tuple[str, str, str], dict] = {}

    def entry(row: dict) -> dict:
        key = (row["county_fips"], row["det_facility"], row["city"])
        return facilities.setdefault(key, {"facility": row["det_facility"], "city": row["city"], "declined": None,
                                           "other_outcomes": None, "us_citizens": None, "years": [], "rows": []})

    def number(row: dict, column: str, path: Path, line: int, header: list[str]) -> int | None:
        if row[column] == "":  # NPR left the cell empty (the view's note column says why)
            return None
        try:
            return int(row[column])
        except ValueError:
            problems.append(Problem(shown(path), line, header.index(column) + 1,
                                    f"{column}: {row[column]!r} is not a whole number — correct the cell"))
            return None

    if declined_path.is_file():
        rows = _read_rows(declined_path, shown, problems)
        header = list(rows[0][1]) if rows else []
        for line, row in rows:
            if not row.get("county_fips"):
                continue
            item = entry(row)
            declined = number(row, "declined", declined_path, line, header)
            other = number(row, "other_outcomes", declined_path, line, header)
            item["declined"] = (item["declined"] or 0) + (declined or 0)
            if other is not None:
                item["other_outcomes"] = (item["other_outcomes"] or 0) + other
            item["years"].append(row["year"])
            item["rows"].append({"file": shown(declined_path), "line": line})
    if citizens_path.is_file():
        rows = _read_rows(citizens_path, shown, problems)
        header = list(rows[0][1]) if rows else []
        for line, row in rows:
            if not row.get("county_fips"):
                continue
            item = entry(row)
            item["us_citizens"] = number(row, "detainers", citizens_path, line, header)
            item["rows"].append({"file": shown(citizens_path), "line": line})
    by_county: dict[str, list[dict]] = defaultdict(list)
    for (fips, _facility, _city), item in sorted(facilities.items()):
        years = sorted(item.pop("years"))
        item["years"] = f"{years[0]}–{years[-1]}" if years else ""
        by_county[fips].append(item)
    return by_county

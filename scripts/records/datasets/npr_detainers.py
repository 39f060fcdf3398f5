"""NPR's tables of ICE detainers issued to local jails, October 1, 2007 to July 19, 2015 (FOIA): read, validate,
cross-check, and turn into the views the site shows.

    .venv/bin/python -m scripts ingest npr FOLDER   (FOLDER: NPR's export/ tables, e.g. ../shared/data/npr-detainers)

copies the tables the site uses into data/datasets/npr-detainers/ with provenance.json, and writes the views as
tidy CSVs in its views/ folder. Every view row has a `source` column: the table and the line numbers (line 1 is the
header) whose numbers produced it, so each figure can be found in NPR's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ..problems import DataError, Problem
from ..table_files import read_csv
from .detainer_checks import IngestError, csv_text, json_text, line_ranges, schema_problems, sha256, write_folder
from .facility_counties import CountyMatcher

FIRST_DAY, LAST_DAY = "2007-10-01", "2015-07-19"
PARTIAL_YEARS = {2007: "October 1 to December 31 only", 2015: "January 1 to July 19 only"}
US_CITIZEN = "United States Citizen Interviewed"
DECLINED = "Detainer Declined by LEA"
NO_REASON = "No lift reason recorded"

PROVENANCE = {
    "publisher": "NPR (news apps team), from ICE detainer records obtained under the Freedom of Information Act",
    "repository": "https://github.com/nprapps/sanctuary-cities",
    "commits": {
        "master": "8382ee3b515f830b4575d723af48186bbe407ac8",
        "reporting-analysis": "f80c438e8aa5f3254a2abe1290c7e32fccec5834",
    },
    "folder": "export/ (branch reporting-analysis)",
    "licence": "NPR's README: the data was obtained via FOIA requests to ICE and is, to the best of NPR's knowledge, "
               "in the public domain. NPR's code is MIT-licensed; no NPR code is copied here.",
    "period": {"start": FIRST_DAY, "end": LAST_DAY,
               "partial_years": {str(year): note for year, note in PARTIAL_YEARS.items()}},
    "years": "calendar years of each detainer's prepare date",
}

_year = pa.Column(int, pa.Check.in_range(2007, 2015), coerce=True)
_count = pa.Column(int, pa.Check.ge(0), coerce=True)
_text = pa.Column(str, pa.Check.str_length(min_value=1))
_optional_text = pa.Column(str, nullable=True)


@dataclass(frozen=True)
class Table:
    name: str
    counts: str  # what one row counts, for provenance.json and the README
    header: tuple[str, ...]
    schema: pa.DataFrameSchema  # on the columns as named in `header` (renamed where the header repeats names)
    columns: tuple[str, ...] = ()  # the names the frame uses, when the header repeats one


TABLES = [
    Table("detainers_by_year.csv", "detainers issued, per calendar year of the prepare date",
          ("year", "count"), pa.DataFrameSchema({"year": _year, "count": _count}, unique=["year"])),
    Table("detainers_by_year_and_month.csv", "detainers issued, per month of the prepare date",
          ("year_month", "count"),
          pa.DataFrameSchema({"year_month": pa.Column(str, pa.Check.str_matches(r"^20(0[7-9]|1[0-5])-(0[1-9]|1[0-2])$")),
                              "count": _count}, unique=["year_month"])),
    Table("lifted_detainers_by_year.csv", "detainers with any lift reason recorded (every outcome, from \"Booked "
          "into Detention\" to \"Detainer Declined by LEA\"), per year", ("year", "count"),
          pa.DataFrameSchema({"year": _year, "count": _count}, unique=["year"])),
    Table("detainers_by_lift_reason_and_year.csv", "detainers per recorded lift reason (outcome) and year",
          ("year", "lift_reason", "count"),
          pa.DataFrameSchema({"year": _year, "lift_reason": _text, "count": _count}, unique=["year", "lift_reason"])),
    Table("detainers_by_type_and_year.csv", "detainers per detainer form (I-247 variants) and year; only 2014 and "
          "2015 have a type", ("year", "detainer_type", "count"),
          pa.DataFrameSchema({"year": _year, "detainer_type": _text, "count": _count},
                             unique=["year", "detainer_type"])),
    Table("americans.csv", f"one row per detainer lifted with the reason \"{US_CITIZEN}\": prepare date, "
          "facility, city, state, detainer type (blank before 2014)",
          ("date", "lift_reason", "det_facility", "city", "state", "detainer_type"),
          pa.DataFrameSchema({
              "date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2} 00:00:00$")),
              "lift_reason": pa.Column(str, pa.Check.isin([US_CITIZEN])),
              "det_facility": _optional_text, "city": _optional_text, "state": _optional_text,
              "detainer_type": _optional_text})),
    Table("americans_by_state.csv", f"detainers lifted as \"{US_CITIZEN}\", per state (blank: not recorded)",
          ("state", "count"), pa.DataFrameSchema({"state": _optional_text, "count": _count}, unique=["state"])),
    Table("americans_by_year.csv", f"detainers lifted as \"{US_CITIZEN}\", per year", ("year", "count"),
          pa.DataFrameSchema({"year": _year, "count": _count}, unique=["year"])),
    Table("declined_vs_everythingelse.csv", "two tables side by side: detainers declined by the local agency per "
          "facility (name, city, state) and year; then, for the same facility name and year, the count of its other "
          "outcomes (blank where the facility has none in that table)",
          ("year", "det_facility", "city", "state", "count", "det_facility", "year", "count"),
          pa.DataFrameSchema({
              "year": _year, "det_facility": _text, "city": _optional_text, "state": _optional_text,
              "declined": pa.Column(int, pa.Check.ge(1), coerce=True),
              "other_det_facility": _optional_text,
              "other_year": pa.Column("Int64", pa.Check.in_range(2007, 2015), nullable=True, coerce=True),
              "other_outcomes": pa.Column("Int64", pa.Check.ge(0), nullable=True, coerce=True)},
              unique=["year", "det_facility", "city", "state"]),
          ("year", "det_facility", "city", "state", "declined", "other_det_facility", "other_year",
           "other_outcomes")),
]
TABLE = {table.name: table for table in TABLES}


def read_table(table: Table, path: Path, shown: str) -> pd.DataFrame:
    """One table as a validated frame with a `line` column (its line in the file; the header is line 1), read by the
    tables' reading layer (scripts/records/table_files.py): its size, row, cell and cell-length limits are checked
    before a frame is built, a byte that is not UTF-8, a NUL or a row of the wrong length named at its line."""
    try:
        read = read_csv(path, shown=shown)
    except DataError as error:
        raise IngestError(error.problems) from None
    if tuple(read.header) != table.header:
        raise IngestError([Problem(shown, 1, 1, f"the header is {read.header!r}, expected {list(table.header)!r} — is "
                                                f"this NPR's {table.name}? The loader reads columns by position")])
    names = list(table.columns or table.header)
    rows = [[value if value != "" else None for value in record] for record in read.rows]
    lines = read.lines
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    for name in names:
        if table.schema.columns[name].dtype is not None and str(table.schema.columns[name].dtype) == "str":
            frame[name] = frame[name].astype("str").where(frame[name].notna(), None)
    try:
        frame = table.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        raise IngestError(schema_problems(error, shown, names, lambda index: lines[int(index)])) from None
    frame.insert(0, "line", lines)
    return frame


def read_tables(folder: Path, shown_root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table, validated one by one and then against each other; all problems are reported together."""
    tables, problems = {}, []
    for table in TABLES:
        path = folder / table.name
        shown = str(path.relative_to(shown_root)) if shown_root and path.is_relative_to(shown_root) else str(path)
        if not path.is_file():
            problems.append(Problem(shown, 1, 1, "file not found — copy NPR's table of that name into the folder"))
            continue
        try:
            tables[table.name] = read_table(table, path, shown)
        except IngestError as error:
            problems.extend(error.problems)
    if problems:
        raise IngestError(problems)
    problems = cross_check(tables, folder)
    if problems:
        raise IngestError(problems)
    return tables


def cross_check(tables: dict[str, pd.DataFrame], folder: Path) -> list[Problem]:
    """The tables come from one database: totals that must agree between them do."""
    problems = []

    def disagree(name: str, line: int, what: str, found: int, other: str, expected: int) -> None:
        problems.append(Problem(str(folder / name), line, 1, f"{what} is {found}, but {other} gives {expected} — the "
                                                             f"tables are not from the same export; copy all of them "
                                                             f"from one commit"))

    by_year = tables["detainers_by_year.csv"]
    months = tables["detainers_by_year_and_month.csv"]
    month_sums = months.groupby(months["year_month"].str[:4].astype(int))["count"].sum()
    reasons = tables["detainers_by_lift_reason_and_year.csv"]
    reason_sums = reasons.groupby("year")["count"].sum()
    americans = tables["americans.csv"]
    american_years = americans["date"].str[:4].astype(int).value_counts()
    american_states = americans["state"].fillna("").value_counts()
    for row in by_year.itertuples():
        if int(month_sums.get(row.year, 0)) != row.count:
            disagree("detainers_by_year.csv", row.line, f"{row.year}'s count", row.count,
                     "the sum of its months in detainers_by_year_and_month.csv", int(month_sums.get(row.year, 0)))
    for row in tables["lifted_detainers_by_year.csv"].itertuples():
        if int(reason_sums.get(row.year, 0)) != row.count:
            disagree("lifted_detainers_by_year.csv", row.line, f"{row.year}'s count", row.count,
                     "the sum of its lift reasons in detainers_by_lift_reason_and_year.csv",
                     int(reason_sums.get(row.year, 0)))
        total = by_year.loc[by_year["year"] == row.year, "count"]
        if total.empty or row.count > int(total.iloc[0]):
            disagree("lifted_detainers_by_year.csv", row.line, f"{row.year}'s count", row.count,
                     "detainers_by_year.csv (an upper bound)", int(total.iloc[0]) if not total.empty else 0)
    us_reasons = reasons[reasons["lift_reason"] == US_CITIZEN].set_index("year")["count"]
    for row in tables["americans_by_year.csv"].itertuples():
        for other, expected in (("the rows of americans.csv", american_years.get(row.year, 0)),
                                (f"\"{US_CITIZEN}\" in detainers_by_lift_reason_and_year.csv",
                                 us_reasons.get(row.year, 0))):
            if int(expected) != row.count:
                disagree("americans_by_year.csv", row.line, f"{row.year}'s count", row.count, other, int(expected))
    for row in tables["americans_by_state.csv"].itertuples():
        expected = int(american_states.get(row.state or "", 0))
        if expected != row.count:
            disagree("americans_by_state.csv", row.line, f"the count for {row.state or 'no state'}", row.count,
                     "the rows of americans.csv", expected)
    declined = tables["declined_vs_everythingelse.csv"]
    right = declined[declined["other_det_facility"].notna()]
    wrong = right[(right["other_det_facility"] != right["det_facility"]) | (right["other_year"] != right["year"])]
    for row in wrong.itertuples():
        problems.append(Problem(str(folder / "declined_vs_everythingelse.csv"), row.line, 6,
                                "the second table's facility and year differ from the first's on this line — the two "
                                "side-by-side tables are no longer aligned; use NPR's file as published"))
    partial = declined[declined["other_det_facility"].isna() != declined["other_outcomes"].isna()]
    for row in partial.itertuples():
        problems.append(Problem(str(folder / "declined_vs_everythingelse.csv"), row.line, 6,
                                "the second table is half filled on this line — give facility, year and count, or "
                                "none of them"))
    return problems


# ---- views ----

def _source(name: str, lines) -> str:
    return f"{name}:{line_ranges(lines)}"


def detainers_per_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = tables["detainers_by_year.csv"].sort_values("year")
    return pd.DataFrame({
        "year": frame["year"].to_numpy(),
        "detainers": frame["count"].to_numpy(),
        "partial_year": [PARTIAL_YEARS.get(int(year), "") for year in frame["year"]],
        "source": [_source("detainers_by_year.csv", [line]) for line in frame["line"]],
    })


def detainers_per_month(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = tables["detainers_by_year_and_month.csv"].sort_values("year_month")
    return pd.DataFrame({
        "month": frame["year_month"].to_numpy(),
        "detainers": frame["count"].to_numpy(),
        "source": [_source("detainers_by_year_and_month.csv", [line]) for line in frame["line"]],
    })


def outcomes_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Detainers per lift reason and year, with the detainers that have none (by_year minus lifted, which NPR's
    README describes as still pending or with no paper filed with ICE), and each as a share of the year's total."""
    reasons = tables["detainers_by_lift_reason_and_year.csv"]
    totals = tables["detainers_by_year.csv"].set_index("year")
    lifted = tables["lifted_detainers_by_year.csv"].set_index("year")
    rows = [{"year": r.year, "lift_reason": r.lift_reason, "detainers": r.count,
             "source": _source("detainers_by_lift_reason_and_year.csv", [r.line])} for r in reasons.itertuples()]
    for year, total in totals.iterrows():
        rows.append({"year": year, "lift_reason": NO_REASON, "detainers": int(total["count"] - lifted.loc[year, "count"]),
                     "source": f"detainers_by_year.csv:{total['line']} minus "
                               f"lifted_detainers_by_year.csv:{lifted.loc[year, 'line']}"})
    frame = pd.DataFrame(rows)
    frame["share_of_year"] = (frame["detainers"] / frame["year"].map(totals["count"])).round(6)
    frame = frame.sort_values(["year", "detainers", "lift_reason"], ascending=[True, False, True], kind="stable")
    return frame[["year", "lift_reason", "detainers", "share_of_year", "source"]].reset_index(drop=True)


def declined_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Declined by the local agency: the lift-reason count, its share of all detainers that year and of those with
    an outcome recorded, and the sum over the facility table (which can differ by a detainer with no facility)."""
    reasons = tables["detainers_by_lift_reason_and_year.csv"]
    declined = reasons[reasons["lift_reason"] == DECLINED].set_index("year")
    totals = tables["detainers_by_year.csv"].set_index("year")
    lifted = tables["lifted_detainers_by_year.csv"].set_index("year")
    facilities = tables["declined_vs_everythingelse.csv"].groupby("year")
    rows = []
    for year, total in totals.sort_index().iterrows():
        count = int(declined.loc[year, "count"]) if year in declined.index else 0
        at = facilities.get_group(year) if year in facilities.groups else None
        rows.append({
            "year": year, "declined": count, "detainers": int(total["count"]),
            "declined_share": round(count / total["count"], 6),
            "with_outcome": int(lifted.loc[year, "count"]),
            "declined_share_of_outcomes": round(count / lifted.loc[year, "count"], 6),
            "declined_in_facility_table": int(at["declined"].sum()) if at is not None else 0,
            "source": "; ".join(filter(None, [
                _source("detainers_by_lift_reason_and_year.csv", [declined.loc[year, "line"]])
                if year in declined.index else "",
                _source("detainers_by_year.csv", [total["line"]]),
                _source("lifted_detainers_by_year.csv", [lifted.loc[year, "line"]]),
                _source("declined_vs_everythingelse.csv", at["line"]) if at is not None else ""])),
        })
    return pd.DataFrame(rows)


def declined_by_facility(tables: dict[str, pd.DataFrame], matcher: CountyMatcher) -> pd.DataFrame:
    """One row per facility and year with detainers declined. NPR joined its second table on facility name and year
    only, so where one name stands for several facilities that year the second count is not theirs: it is left
    blank with a note, and so is the share."""
    frame = tables["declined_vs_everythingelse.csv"].copy()
    shared = frame.groupby(["year", "det_facility"])["line"].transform("size")
    frame["other_outcomes_note"] = ""
    frame.loc[frame["other_outcomes"].isna(), "other_outcomes_note"] = "no other outcome in NPR's second table"
    ambiguous = shared > 1
    frame.loc[ambiguous, "other_outcomes_note"] = [
        f"name shared by {n} facilities in {year}; NPR's second table does not say whose count it is"
        for n, year in zip(shared[ambiguous], frame.loc[ambiguous, "year"])]
    frame.loc[ambiguous, "other_outcomes"] = pd.NA
    frame["declined_share"] = (frame["declined"] / (frame["declined"] + frame["other_outcomes"])).round(6)
    frame = matcher.match_frame(frame, "det_facility", "state")
    frame["source"] = [_source("declined_vs_everythingelse.csv", [line]) for line in frame["line"]]
    frame = frame.sort_values(["year", "declined", "det_facility", "line"], ascending=[True, False, True, True])
    return frame[["year", "det_facility", "city", "state", "declined", "other_outcomes", "declined_share",
                  "other_outcomes_note", "county_fips", "county_name", "county_match", "source"]].reset_index(drop=True)


def _americans(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = tables["americans.csv"].copy()
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


def us_citizens_by_state_and_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Detainers lifted as "United States Citizen Interviewed", per state and year (state blank: not recorded)."""
    frame = _americans(tables)
    frame["state"] = frame["state"].fillna("")
    grouped = frame.groupby(["state", "year"], sort=True)["line"]
    return pd.DataFrame([{"state": state, "year": year, "detainers": len(lines),
                          "source": _source("americans.csv", lines)} for (state, year), lines in grouped])


def us_citizens_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = _americans(tables)
    return pd.DataFrame([{"year": year, "detainers": len(lines), "partial_year": PARTIAL_YEARS.get(int(year), ""),
                          "source": _source("americans.csv", lines)}
                         for year, lines in frame.groupby("year", sort=True)["line"]])


def us_citizens_by_facility(tables: dict[str, pd.DataFrame], matcher: CountyMatcher) -> pd.DataFrame:
    frame = _americans(tables)
    for column in ("det_facility", "city", "state"):
        frame[column] = frame[column].fillna("")
    rows = [{"det_facility": f, "city": c, "state": s, "detainers": len(lines), "source": _source("americans.csv", lines)}
            for (f, c, s), lines in frame.groupby(["det_facility", "city", "state"], sort=True)["line"]]
    out = matcher.match_frame(pd.DataFrame(rows), "det_facility", "state")
    out = out.sort_values(["detainers", "det_facility", "city", "state"], ascending=[False, True, True, True])
    return out[["det_facility", "city", "state", "detainers", "county_fips", "county_name", "county_match",
                "source"]].reset_index(drop=True)


def detainer_types_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    frame = tables["detainers_by_type_and_year.csv"].sort_values(["year", "count"], ascending=[True, False])
    return pd.DataFrame({"year": frame["year"].to_numpy(), "detainer_type": frame["detainer_type"].to_numpy(),
                         "detainers": frame["count"].to_numpy(),
                         "source": [_source("detainers_by_type_and_year.csv", [n]) for n in frame["line"]]})


def facility_match_rate(*views: pd.DataFrame, weight: str) -> dict:
    """How many distinct facilities (name and state) the views hold, how many matched a county, and the share of
    `weight` (e.g. declined detainers) at matched facilities."""
    frame = pd.concat([view[["det_facility", "state", "county_fips", weight]] for view in views])
    facilities = frame.drop_duplicates(["det_facility", "state"])
    matched = facilities["county_fips"].notna()
    return {"facilities": int(len(facilities)), "matched": int(matched.sum()),
            "match_rate": round(float(matched.mean()), 4),
            f"{weight}_at_matched": int(frame.loc[frame["county_fips"].notna(), weight].sum()),
            f"{weight}_total": int(frame[weight].sum())}


def views(tables: dict[str, pd.DataFrame], matcher: CountyMatcher) -> dict[str, pd.DataFrame]:
    return {
        "detainers_per_year": detainers_per_year(tables),
        "detainers_per_month": detainers_per_month(tables),
        "outcomes_by_year": outcomes_by_year(tables),
        "declined_by_year": declined_by_year(tables),
        "declined_by_facility": declined_by_facility(tables, matcher),
        "us_citizens_by_year": us_citizens_by_year(tables),
        "us_citizens_by_state_and_year": us_citizens_by_state_and_year(tables),
        "us_citizens_by_facility": us_citizens_by_facility(tables, matcher),
        "detainer_types_by_year": detainer_types_by_year(tables),
    }


def us_citizens_between(tables: dict[str, pd.DataFrame], first: str, last: str) -> int:
    dates = tables["americans.csv"]["date"].str[:10]
    return int(((dates >= first) & (dates <= last)).sum())


def ingest(source: Path, target: Path, reference: Path) -> dict:
    """Validate NPR's tables in `source`, then replace `target` with copies of them, provenance.json and views/.
    `reference` is the folder holding county_fips_names.csv and state_fips_names.csv. Returns the provenance."""
    tables = read_tables(source)
    matcher = CountyMatcher.from_files(reference / "county_fips_names.csv", reference / "state_fips_names.csv")
    computed = views(tables, matcher)
    files: dict[str, bytes | str] = {}
    described = {}
    for table in TABLES:
        content = (source / table.name).read_bytes()
        files[table.name] = content
        described[table.name] = {"sha256": sha256(source / table.name), "rows": int(len(tables[table.name])),
                                 "counts": table.counts}
    for name, frame in computed.items():
        files[f"views/{name}.csv"] = csv_text(frame)
    readme = target / "README.md"
    if readme.is_file():  # written by hand; kept as it is
        files["README.md"] = readme.read_bytes()
    for extra in sorted(source.glob("README-npr-*.md")):
        files[extra.name] = extra.read_bytes()
    provenance = dict(PROVENANCE)
    provenance["files"] = described
    provenance["views"] = {name: {"rows": int(len(frame)), "columns": list(frame.columns)}
                           for name, frame in computed.items()}
    provenance["facility_county_match"] = {
        "declined_by_facility": facility_match_rate(computed["declined_by_facility"], weight="declined"),
        "us_citizens_by_facility": facility_match_rate(computed["us_citizens_by_facility"], weight="detainers"),
        "rule": "a county of the facility's state named in the facility's name, followed by COUNTY, CNTY, CO, "
                "PARISH or BOROUGH (or an independent city followed by CITY); Census list "
                "data/datasets/reference/county_fips_names.csv",
    }
    provenance["us_citizens"] = {
        "all": int(len(tables["americans.csv"])),
        "2007-10-01_to_2011-12-31": us_citizens_between(tables, "2007-10-01", "2011-12-31"),
    }
    files["provenance.json"] = json_text(provenance)
    write_folder(target, files)
    return provenance

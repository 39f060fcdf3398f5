"""The detainer datasets: NPR's FOIA tables (2007-2015) and the Deportation Data Project's file (2023 onward)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.records.datasets import ddp_detainers, ddp_synthetic, npr_detainers
from scripts.records.datasets.detainer_checks import IngestError
from scripts.records.datasets.facility_counties import CountyMatcher

from .conftest import ROOT

NPR = ROOT / "data" / "datasets" / "npr-detainers"
REFERENCE = ROOT / "data" / "datasets" / "reference"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def matcher():
    return CountyMatcher.from_files(REFERENCE / "county_fips_names.csv", REFERENCE / "state_fips_names.csv")


@pytest.fixture(scope="module")
def npr_views(matcher):
    return npr_detainers.views(npr_detainers.read_tables(NPR), matcher)


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8", newline="")))


def _lines(source: str) -> list[int]:
    numbers = []
    for part in source.split(":", 1)[1].split(","):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


# ---- NPR ----

def test_us_citizens_by_state_add_up_to_npr_own_state_table_and_point_at_the_right_rows(npr_views):
    view = npr_views["us_citizens_by_state_and_year"]
    by_state = {state: int(count) for state, count in _rows(NPR / "americans_by_state.csv")[1:]}
    assert view.groupby("state")["detainers"].sum().to_dict() == by_state
    americans = _rows(NPR / "americans.csv")
    for row in view.itertuples():
        lines = _lines(row.source)
        assert len(lines) == row.detainers
        assert {(americans[n - 1][4], americans[n - 1][0][:4]) for n in lines} == {(row.state, str(row.year))}


def test_declined_table_reads_the_second_count_as_other_outcomes_not_as_declined(npr_views):
    raw = _rows(NPR / "declined_vs_everythingelse.csv")
    assert raw[0].count("count") == 2  # the pitfall is real
    view = npr_views["declined_by_facility"]
    rikers = next(r for r in raw[1:] if r[1] == "RIKERS ISLAND, QUEENS, NY" and r[0] == "2007")
    row = view[view["source"] == f"declined_vs_everythingelse.csv:{raw.index(rikers) + 1}"].iloc[0]
    assert (row["declined"], row["other_outcomes"]) == (int(rikers[4]), int(rikers[7]))
    assert row["declined_share"] == pytest.approx(int(rikers[4]) / (int(rikers[4]) + int(rikers[7])), abs=1e-6)


def test_a_facility_name_shared_by_two_facilities_gets_no_other_outcome_count(npr_views):
    raw = _rows(NPR / "declined_vs_everythingelse.csv")
    shared = Counter((r[0], r[1]) for r in raw[1:])
    view = npr_views["declined_by_facility"]
    ambiguous = view[[shared[(str(y), f)] > 1 for y, f in zip(view["year"], view["det_facility"])]]
    assert len(ambiguous) == sum(n for n in shared.values() if n > 1)
    assert ambiguous["other_outcomes"].isna().all() and ambiguous["declined_share"].isna().all()


def test_declined_share_by_year_is_the_lift_reason_count_over_the_year_total(npr_views):
    totals = {int(y): int(c) for y, c in _rows(NPR / "detainers_by_year.csv")[1:]}
    declined = {int(y): int(c) for y, reason, c in _rows(NPR / "detainers_by_lift_reason_and_year.csv")[1:]
                if reason == "Detainer Declined by LEA"}
    view = npr_views["declined_by_year"].set_index("year")
    for year, total in totals.items():
        assert view.loc[year, "declined_share"] == pytest.approx(declined[year] / total, abs=1e-6)
    assert npr_views["detainers_per_year"]["partial_year"].astype(bool).tolist() == [
        year in (2007, 2015) for year in sorted(totals)]


def test_outcomes_include_the_detainers_with_no_lift_reason(npr_views):
    view = npr_views["outcomes_by_year"]
    totals = {int(y): int(c) for y, c in _rows(NPR / "detainers_by_year.csv")[1:]}
    assert view.groupby("year")["detainers"].sum().to_dict() == totals


def _broken_copy(tmp_path: Path, name: str, change) -> Path:
    folder = tmp_path / "npr"
    shutil.copytree(NPR, folder)
    path = folder / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_a_negative_count_is_rejected_with_file_line_column_and_nothing_is_written(tmp_path):
    folder = _broken_copy(tmp_path, "detainers_by_type_and_year.csv", lambda t: t.replace(",80\n", ",-80\n"))
    target = tmp_path / "out"
    with pytest.raises(IngestError) as caught:
        npr_detainers.ingest(folder, target, REFERENCE)
    assert "detainers_by_type_and_year.csv:2:3:" in caught.value.report()
    assert not target.exists()


def test_tables_from_different_exports_are_rejected(tmp_path):
    folder = _broken_copy(tmp_path, "detainers_by_year_and_month.csv", lambda t: t.replace("2007-10,13680", "2007-10,13681"))
    with pytest.raises(IngestError) as caught:
        npr_detainers.read_tables(folder)
    assert "detainers_by_year.csv:2:1: 2007's count is 39124" in caught.value.report()


def test_the_declined_table_with_a_changed_header_is_rejected(tmp_path):
    folder = _broken_copy(tmp_path, "declined_vs_everythingelse.csv",
                          lambda t: t.replace("count,det_facility,year,count", "declined,det_facility,year,other", 1))
    with pytest.raises(IngestError, match="declined_vs_everythingelse.csv:1:1: the header is"):
        npr_detainers.read_tables(folder)


def test_ingest_is_deterministic_and_reproduces_the_committed_views(tmp_path):
    npr_detainers.ingest(NPR, tmp_path / "npr", REFERENCE)
    for view in sorted((NPR / "views").glob("*.csv")):
        assert (tmp_path / "npr" / "views" / view.name).read_bytes() == view.read_bytes(), view.name
    assert (tmp_path / "npr" / "provenance.json").read_bytes() == (NPR / "provenance.json").read_bytes()


@pytest.mark.parametrize("facility, state, fips", [
    ("EL PASO COUNTY JAIL (CO)", "COLORADO", "08041"),  # the state's code in brackets is not "county"
    ("EL PASO COUNTY JAIL", "TEXAS", "48141"),
    ("WICOMICO CO DET", "MARYLAND", "24045"),
    ("ST. MARY'S CO DET CNTR", "MARYLAND", "24037"),
    ("LAFOURCHE PARISH JAIL", "LOUISIANA", "22057"),
    ("ROANOKE CITY JAIL", "VIRGINIA", "51770"),
    ("VENICE CITY JAIL", "FLORIDA", None),  # a city, not a county
    ("BOULDER, CO", "COLORADO", None),
    ("HUNTSVILLE STATE P.", "TEXAS", None),
    ("OTHER-OTHER FACILITY", None, None),
])
def test_facilities_are_matched_to_a_county_only_when_their_name_names_it(matcher, facility, state, fips):
    assert matcher.match(facility, state).fips == fips


# ---- Deportation Data Project ----

RECORDS = [
    {"detainer_prepare_date": dt.date(2024, 1, 5), "facility_state": "TEXAS", "detention_facility": "HARRIS COUNTY JAIL",
     "detention_facility_code": "HCJ", "facility_city": "HOUSTON", "citizenship_country": "MEXICO",
     "detainer_lift_reason": "Removed", "row_original": 8},
    {"detainer_prepare_date": dt.date(2024, 1, 20), "facility_state": "TEXAS", "detention_facility": "HARRIS COUNTY JAIL",
     "detention_facility_code": "HCJ", "facility_city": "HOUSTON", "citizenship_country": "UNITED STATES",
     "detainer_lift_reason": "United States Citizen", "row_original": 9},
    {"detainer_prepare_date": dt.date(2024, 2, 2), "facility_state": "ILLINOIS", "detention_facility": "COOK COUNTY JAIL",
     "detention_facility_code": "CCJ", "facility_city": "CHICAGO", "citizenship_country": "UNITED STATES",
     "row_original": 10},
    {"detainer_prepare_date": None, "facility_state": "ILLINOIS", "detention_facility": "STATEVILLE CC",
     "detention_facility_code": "SCC", "facility_city": "CREST HILL", "citizenship_country": "GUATEMALA",
     "row_original": 11},
]


def _file(tmp_path: Path, records=RECORDS, name="detainers-latest.parquet", **options) -> Path:
    path = tmp_path / name
    table = ddp_synthetic.table_from_records(records, **options)
    (ddp_synthetic.write_xlsx if path.suffix == ".xlsx" else ddp_synthetic.write_parquet)(table, path)
    return path


@pytest.mark.parametrize("name", ["detainers-latest.parquet", "detainers-latest.xlsx"])
def test_ddp_views_count_the_rows_by_month_state_facility_citizenship_and_lift_reason(tmp_path, matcher, name):
    frame = ddp_detainers.read(_file(tmp_path, name=name), today=TODAY)
    views = {k: v.drop(columns="source") for k, v in ddp_detainers.views(frame, name, matcher).items()}
    assert views["detainers_per_month"].values.tolist() == [["", 1], ["2024-01", 2], ["2024-02", 1]]
    assert views["detainers_per_state"].values.tolist() == [["ILLINOIS", 2], ["TEXAS", 2]]
    assert views["us_citizens_by_month_and_state"].values.tolist() == [["2024-01", "TEXAS", 1],
                                                                      ["2024-02", "ILLINOIS", 1]]
    assert dict(views["detainers_by_citizenship_country"].values.tolist()) == {
        "GUATEMALA": 1, "MEXICO": 1, "UNITED STATES": 2}
    facilities = views["detainers_per_facility"].set_index("detention_facility_code")
    assert facilities["detainers"].to_dict() == {"CCJ": 1, "HCJ": 2, "SCC": 1}
    assert facilities["county_fips"].fillna("unmatched").to_dict() == {"CCJ": "17031", "HCJ": "48201",
                                                                        "SCC": "unmatched"}
    assert views["lift_reasons_by_month"].values.tolist() == [
        ["", "", 1], ["2024-01", "Removed", 1], ["2024-01", "United States Citizen", 1], ["2024-02", "", 1]]


def test_ddp_source_filter_names_the_rows_behind_a_number(tmp_path, matcher):
    frame = ddp_detainers.read(_file(tmp_path), today=TODAY)
    view = ddp_detainers.views(frame, "f.parquet", matcher)["detainers_per_state"]
    assert view.loc[view["facility_state"] == "TEXAS", "source"].item() == 'f.parquet: facility_state = "TEXAS"'


def _ingest(tmp_path: Path, path: Path) -> tuple[int, Path]:
    root = tmp_path / "project"
    shutil.copytree(REFERENCE, root / "data" / "datasets" / "reference")
    return main(["--root", str(root), "ingest", "ddp", str(path)]), root / "data" / "datasets" / "ddp-detainers"


def test_ddp_ingest_writes_views_and_provenance(tmp_path):
    code, target = _ingest(tmp_path, _file(tmp_path))
    assert code == 0
    provenance = (target / "provenance.json").read_text()
    assert '"first": "2024-01-05"' in provenance and '"last": "2024-02-02"' in provenance
    assert (target / "views" / "detainers_per_month.csv").read_text().splitlines()[2].startswith("2024-01,2,")


def test_a_missing_column_is_rejected_and_nothing_is_written(tmp_path, capsys):
    code, target = _ingest(tmp_path, _file(tmp_path, drop=("citizenship_country",)))
    assert code == 1 and not target.exists()
    assert 'detainers-latest.parquet:1:1: column "citizenship_country" is missing' in capsys.readouterr().err


def test_a_column_of_the_wrong_type_is_rejected_with_its_position(tmp_path, capsys):
    import pyarrow as pa
    records = [dict(r, facility_state=None) for r in RECORDS]
    code, target = _ingest(tmp_path, _file(tmp_path, records, types={"facility_state": pa.int64()}))
    assert code == 1 and not target.exists()
    assert 'detainers-latest.parquet:1:2: column "facility_state" holds integer, not text' in capsys.readouterr().err


def test_an_impossible_date_is_rejected_with_its_row_and_column_and_where_ice_had_it(tmp_path, capsys):
    records = [dict(RECORDS[0]), dict(RECORDS[1], detainer_prepare_date=dt.date(1999, 1, 1), file_original="FY24.xlsx",
                                      sheet_original="Sheet2")]
    code, target = _ingest(tmp_path, _file(tmp_path, records))
    err = capsys.readouterr().err
    assert code == 1 and not target.exists()
    assert "detainers-latest.parquet:2:1:" in err and "(ICE's FY24.xlsx, sheet Sheet2, row 9)" in err


def test_a_failed_ingest_leaves_the_previous_views_as_they_were(tmp_path):
    code, target = _ingest(tmp_path, _file(tmp_path))
    before = {p.name: p.read_bytes() for p in target.rglob("*.csv")}
    code, _ = _ingest(tmp_path / "again", _file(tmp_path, drop=("detainer_prepare_date",)))
    assert code == 1
    assert {p.name: p.read_bytes() for p in target.rglob("*.csv")} == before


def test_synthetic_files_are_the_same_for_the_same_seed(tmp_path):
    for name in ("a.parquet", "b.parquet"):
        ddp_synthetic.write_parquet(ddp_synthetic.synthetic_table(500, seed=3), tmp_path / name)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    frame = ddp_detainers.read(tmp_path / "a.parquet", today=TODAY)
    assert len(frame) == 500

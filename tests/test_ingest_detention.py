"""The detention-statistics ingest on a cut of ICE's real workbooks (tests/fixtures/ice-detention/, three of the 154
in ../shared/data/ice-detention-stats/, with their files.csv rows):

- FY2019/2019-10-06_FY19-detentionstats.xlsx: the end-of-FY2019 release. Its layout differs from later years: its
  average-daily-population table starts on row 51 (row 66 or later afterwards) and splits each agency into two
  criminality groups, "Convicted Criminal" and "Non-Criminal", not three.
- FY2021/2021-10-02_FY21_detentionStats10012021.xlsx: FY2021, its footnotes date it through 09/25/2021.
- FY2021/2021-10-08_FY21_detentionStats10072021.xlsx: the same figures again a week later, with footnotes left from
  FY2020 ("EOFY2020 … through 9/30/2020"): a release that was not updated, to be recognised and not counted twice.

The three values checked by hand, opened in a spreadsheet program:
- 2019-10-06 workbook, sheet "Detention FY19", cell B59: 45584.032258064515, the average daily population (all
  agencies) in October 2018.
- 2019-10-06 workbook, sheet "Detention FY19", cell J21: 11892 ICE book-ins in October 2018 (row "ICE ").
- 2021-10-02 workbook, sheet "Detention FY21 YTD", cell M68: 18319, CBP's average daily population in September
  2021 (a month not yet complete on 09/25/2021)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from scripts.records.datasets.ice_detention import WorkbookError, read_release
from scripts.records.datasets.ingest_detention import ingest, run

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "ice-detention"
FY19 = "FY2019/2019-10-06_FY19-detentionstats.xlsx"
FY21 = "FY2021/2021-10-02_FY21_detentionStats10012021.xlsx"
FY21_STALE = "FY2021/2021-10-08_FY21_detentionStats10072021.xlsx"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("detention")
    source = folder / "source"
    shutil.copytree(FIXTURE, source)
    # A byte-identical copy under another name, as the archive holds several.
    shutil.copy(source / FY21, source / "FY2021" / "2021-10-05_copy.xlsx")
    target = folder / "out"
    target.mkdir()
    (target / "README.md").write_text("hand-written\n", encoding="utf-8")
    ingest([source], target)
    return target


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def test_three_values_match_the_workbook_cells(ingested):
    adp = read(ingested, "monthly_adp.csv")
    total_oct_2018 = adp[(adp.month == "2018-10") & (adp.agency == "Total") & (adp.criminality == "All")].iloc[0]
    assert float(total_oct_2018.adp) == pytest.approx(45584.032258064515)
    assert (total_oct_2018.file, total_oct_2018.sheet, total_oct_2018.cell) == (FY19, "Detention FY19", "B59")

    book_ins = read(ingested, "monthly_book_ins.csv")
    ice_oct_2018 = book_ins[(book_ins.month == "2018-10") & (book_ins.agency == "ICE")].iloc[0]
    assert (ice_oct_2018.book_ins, ice_oct_2018.cell, ice_oct_2018.month_complete) == ("11892", "J21", "true")

    cbp_sep_2021 = adp[(adp.month == "2021-09") & (adp.agency == "CBP") & (adp.criminality == "All")].iloc[0]
    assert float(cbp_sep_2021.adp) == 18319
    assert (cbp_sep_2021.file, cbp_sep_2021.sheet, cbp_sep_2021.cell) == (FY21, "Detention FY21 YTD", "M68")
    assert (cbp_sep_2021.as_of, cbp_sep_2021.month_complete) == ("2021-09-25", "false")

    # The workbook itself agrees (the cells named are the cells read).
    sheet = openpyxl.load_workbook(FIXTURE / FY19, read_only=True, data_only=True)["Detention FY19"]
    assert next(sheet.iter_rows(min_row=59, max_row=59, min_col=2, max_col=2, values_only=True))[0] == \
        pytest.approx(45584.032258064515)


def test_the_2019_layout_is_read_with_its_own_rows_and_categories(ingested):
    adp = read(ingested, "monthly_adp.csv")
    fy19 = adp[adp.file == FY19]
    assert set(fy19.criminality) == {"All", "Convicted Criminal", "Non-Criminal"}
    assert set(adp[adp.file == FY21].criminality) == {"All", "Convicted Criminal", "Pending Criminal Charges",
                                                      "Other Immigration Violator"}
    assert sorted(fy19.month.unique()) == [f"{y}-{m:02d}" for y, m in
                                           [(2018, 10), (2018, 11), (2018, 12)] + [(2019, m) for m in range(1, 10)]]
    # FY2019's ADP table is on row 51 (headed on 52), FY2021's on row 66.
    assert set(fy19[fy19.agency == "Total"].cell.str[1:]) == {"59", "60", "61"}


def test_repeats_are_recognised_and_not_counted_twice(ingested):
    releases = read(ingested, "releases.csv").set_index("file")
    assert releases.loc[FY19, "status"] == "counted"
    assert releases.loc[FY21, "status"] == "counted"
    assert releases.loc[FY21, "as_of"] == "2021-09-25"
    assert releases.loc[FY21, "as_of_cell"] == "Footnotes!B51"
    copy = releases.loc["FY2021/2021-10-05_copy.xlsx"]
    assert (copy.status, copy.same_as) == ("same file", FY21)
    stale = releases.loc[FY21_STALE]
    # Its footnotes are FY2020's: it is dated by its facility sheet, and its figures are 2021-10-02's.
    assert (stale.status, stale.same_as, stale.as_of_basis) == ("same figures", FY21, "facility sheet source date")
    assert "not updated" in stale.note
    book_ins = read(ingested, "book_ins.csv")
    assert set(book_ins.as_of) == {"2019-09-30", "2021-09-25"}
    assert not read(ingested, "monthly_book_ins.csv").duplicated(["month", "agency"]).any()
    assert releases.loc[FY19, "archived_as"].startswith("https://github.com/vera-institute/ice-fytd-stats/blob/")


def test_facilities_come_from_the_latest_release_only(ingested):
    facilities = read(ingested, "facilities.csv")
    assert set(facilities.as_of) == {"2021-09-25"}
    assert {"name", "city", "state", "type_detailed"} <= set(facilities.columns)
    assert len(facilities) > 100
    assert (ingested / "README.md").read_text(encoding="utf-8") == "hand-written\n"


def test_a_broken_workbook_writes_nothing_and_names_file_sheet_row_column(tmp_path, capsys):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(FIXTURE / FY19, source / "good.xlsx")
    book = openpyxl.load_workbook(FIXTURE / FY21)
    book["Detention FY21 YTD"]["A68"] = "Border Patrol Average"  # a row label the ingest does not know
    book.save(source / "changed.xlsx")
    target = tmp_path / "out"
    target.mkdir()
    (target / "monthly_adp.csv").write_text("kept\n", encoding="utf-8")
    assert run(tmp_path, [source], target) == 1
    err = capsys.readouterr().err
    assert "changed.xlsx:Detention FY21 YTD:68:A: row label 'Border Patrol Average'" in err
    assert "Nothing was written" in err
    assert (target / "monthly_adp.csv").read_text(encoding="utf-8") == "kept\n"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"notes.xlsx:-:1:A: cannot be read as an Excel workbook"):
        read_release(bad, "notes.xlsx")

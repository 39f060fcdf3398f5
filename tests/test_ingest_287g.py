"""The 287(g) ingest: ICE's two spreadsheet formats in, tidy tables out, or nothing written and every problem named."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from scripts.records.datasets.ice_287g import SpreadsheetError
from scripts.records.datasets.ingest_287g import ingest, run
from scripts.records.datasets.tables import load_287g

from .conftest import ROOT

REFERENCE = ROOT / "data" / "datasets" / "reference"
ICE_HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"]
CAPTURE_HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED", "MOA"]
WAYBACK = "https://web.archive.org/web/{stamp}/https://www.ice.gov/doclib/287gMOA/{doc}.pdf"


def make_xlsx(path: Path, header: list, rows: list[list], saved: dt.datetime | None = None,
              links: dict[tuple[int, int], str] | None = None) -> Path:
    """A workbook as ICE writes one; `saved` replaces the last-saved time openpyxl stamps on it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for (row, column), target in (links or {}).items():
        sheet.cell(row=row, column=column).hyperlink = target
    workbook.save(path)
    if saved is not None:
        _set_saved(path, saved)
    return path


def _set_saved(path: Path, saved: dt.datetime) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    core = parts["docProps/core.xml"].decode()
    parts["docProps/core.xml"] = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + saved.strftime(
        "%Y-%m-%dT%H:%M:%SZ"), core).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def ice_file(folder: Path, name: str = "participatingAgencies05182026am.xlsx", rows=None,
             saved=dt.datetime(2026, 5, 18, 11, 0), header=ICE_HEADER) -> Path:
    rows = rows if rows is not None else [
        ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model",
         dt.datetime(2025, 3, 1), "link"],
        ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Jail Enforcement Model ",
         dt.datetime(2025, 3, 2), "link pending"],
        ["FLORIDA", "Florida Highway Patrol", "State Agency", "#N/A", "Warrant Service Office",
         dt.datetime(2025, 2, 26), "link"],
    ]
    links = {(2, 7): "https://www.ice.gov/doclib/287gMOA/287gTFM_BellCoTX.pdf"}
    return make_xlsx(folder / name, header, rows, saved, links)


def capture_file(folder: Path, stamp: str = "20241229010544", rows=None) -> Path:
    rows = rows if rows is not None else [
        ["ALABAMA", "Etowah Co. Sheriffs Office", "Jail Enforcement Model", "2016-06-08",
         WAYBACK.format(stamp=stamp, doc="287gJEM_EtowahCoAl")],
        ["ALASKA", "Kodiak Police Department", "Warrant Service Officer", "2020-07-20",
         WAYBACK.format(stamp=stamp, doc="287gWSO_KodiakAk")],
    ]
    return make_xlsx(folder / f"ParticipatingEntities-{stamp}.xlsx", CAPTURE_HEADER, rows)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ice_format_gives_one_row_per_agreement_with_model_county_and_link(tmp_path):
    out = tmp_path / "out"
    ingest([ice_file(tmp_path)], out, REFERENCE)
    data = load_287g(out)
    table = data.lists[dt.date(2026, 5, 18)]
    assert Counter(table["model"]) == {"Task Force Model": 1, "Jail Enforcement Model": 1,
                                       "Warrant Service Officer": 1}
    bell = data.agencies.set_index("agency_id").loc["tx-bell-county-sheriffs-office"]
    assert (bell["county_fips"], bell["county_name"], bell["county_source"]) == ("48027", "Bell County",
                                                                                "county column")
    patrol = data.agencies.set_index("agency_id").loc["fl-florida-highway-patrol"]
    assert (patrol["county_fips"], patrol["county_source"]) == ("", "state agency")
    task_force = table[table["model"] == "Task Force Model"].iloc[0]
    assert task_force["agreement_url"] == "https://www.ice.gov/doclib/287gMOA/287gTFM_BellCoTX.pdf"
    assert task_force["signed"] == pd.Timestamp("2025-03-01")
    assert str(table["signed"].dtype).startswith("datetime64")
    assert data.provenance[dt.date(2026, 5, 18)]["sha256"] == __import__("hashlib").sha256(
        (tmp_path / "participatingAgencies05182026am.xlsx").read_bytes()).hexdigest()


def test_capture_format_is_dated_by_its_wayback_links_and_gets_counties_from_agency_names(tmp_path):
    out = tmp_path / "out"
    ingest([capture_file(tmp_path)], out, REFERENCE)
    data = load_287g(out)
    assert list(data.lists) == [dt.date(2024, 12, 29)]
    agencies = data.agencies.set_index("agency_id")
    assert agencies.loc["al-etowah-county-sheriffs-office", "county_fips"] == "01055"
    assert agencies.loc["al-etowah-county-sheriffs-office", "county_source"] == "agency name"
    kodiak = agencies.loc["ak-kodiak-police-department"]
    assert (kodiak["county_fips"], kodiak["county_source"]) == ("", "")  # a town: not guessed


def test_renamed_and_reordered_headers_read_the_same(tmp_path):
    usual, renamed = tmp_path / "a", tmp_path / "b"
    usual.mkdir(), renamed.mkdir()
    ingest([ice_file(usual)], tmp_path / "out-a", REFERENCE)
    order = [1, 0, 4, 2, 3, 5, 6]
    header = ["Agency Name", "State", "Model", "Agency Type", "County", "Date Signed", "MOA"]
    rows = [[row[i] for i in order] for row in [
        ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model",
         dt.datetime(2025, 3, 1), "link"],
        ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Jail Enforcement Model ",
         dt.datetime(2025, 3, 2), "link pending"],
        ["FLORIDA", "Florida Highway Patrol", "State Agency", "#N/A", "Warrant Service Office",
         dt.datetime(2025, 2, 26), "link"]]]
    path = make_xlsx(renamed / "participatingAgencies05182026am.xlsx", header, rows, dt.datetime(2026, 5, 18, 11),
                     {(2, 7): "https://www.ice.gov/doclib/287gMOA/287gTFM_BellCoTX.pdf"})
    ingest([path], tmp_path / "out-b", REFERENCE)
    strip = lambda d: {k: v for k, v in snapshot(d).items()  # noqa: E731 (the files differ, so their sha256)
                       if not k.endswith(".json") and k != "releases.csv"}
    assert strip(tmp_path / "out-a") == strip(tmp_path / "out-b")


def test_a_wrong_year_in_the_file_name_gives_way_to_the_files_own_date(tmp_path):
    path = ice_file(tmp_path, name="participatingAgencies01052025am.xlsx", saved=dt.datetime(2026, 1, 5, 9))
    summary = ingest([path], tmp_path / "out", REFERENCE)
    data = load_287g(tmp_path / "out")
    assert list(data.lists) == [dt.date(2026, 1, 5)]
    record = data.provenance[dt.date(2026, 1, 5)]
    assert record["file_name_date"] == "2025-01-05" and record["list_date"] == "2026-01-05"
    assert any("2025-01-05" in w and "2026-01-05" in w for w in record["warnings"])
    assert summary["warnings"] == record["warnings"]


def test_blank_unreadable_and_future_signed_dates_are_kept_as_unknown_with_the_text_shown(tmp_path):
    rows = [["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model", None, "link"],
            ["TEXAS", "Hays County Sheriff's Office", "County", "Hays County", "Task Force Model", "2025-02-30", ""],
            ["TEXAS", "Hays County Sheriff's Office", "County", "Hays County", "Warrant Service Officer",
             dt.datetime(2027, 1, 1), ""]]
    ingest([ice_file(tmp_path, rows=rows)], tmp_path / "out", REFERENCE)
    data = load_287g(tmp_path / "out")
    table = data.latest.set_index(["agency", "model"])
    assert len(data.latest) == 3  # every agreement still counts
    blank = table.loc[("Bell County Sheriff's Office", "Task Force Model")]
    assert pd.isna(blank["signed"]) and blank["signed_as_published"] == ""
    impossible = table.loc[("Hays County Sheriff's Office", "Task Force Model")]
    assert pd.isna(impossible["signed"]) and impossible["signed_as_published"] == "2025-02-30"
    future = table.loc[("Hays County Sheriff's Office", "Warrant Service Officer")]
    assert pd.isna(future["signed"]) and future["signed_as_published"] == "2027-01-01"
    warnings = data.provenance[dt.date(2026, 5, 18)]["warnings"]
    assert any(":Sheet1:3:F:" in w and "2025-02-30" in w for w in warnings)
    assert any(":Sheet1:4:F:" in w and "after the list's date" in w for w in warnings)


def test_an_agency_spelled_two_ways_on_two_lists_is_one_agency_with_one_county(tmp_path):
    capture_file(tmp_path, rows=[["TEXAS", "Hays Co. Sheriffs Office  ", "Task Force Model", "2020-01-02",
                                  WAYBACK.format(stamp="20241229010544", doc="x")]])
    ice_file(tmp_path, rows=[["TEXAS", "Hays County Sheriff\u2019s Office", "County", "Hays County",
                              "Task Force Model", dt.datetime(2020, 1, 2), "link"]])
    ingest(sorted(tmp_path.glob("*.xlsx")), tmp_path / "out", REFERENCE)
    data = load_287g(tmp_path / "out")
    assert len(data.agencies) == 1
    hays = data.agencies.iloc[0]
    assert hays["agency_id"] == "tx-hays-county-sheriffs-office" and hays["county_fips"] == "48209"
    assert hays["lists"] == 2 and hays["names_as_published"].count("|") == 1
    assert {t["agency_id"].item() for t in data.lists.values()} == {"tx-hays-county-sheriffs-office"}


def test_a_malformed_file_is_rejected_with_its_place_and_nothing_is_written(tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(REFERENCE, root / "data" / "datasets" / "reference")
    out = root / "data" / "datasets" / "ice-287g"
    ingest([capture_file(tmp_path)], out, REFERENCE)
    before = snapshot(out)
    bad = ice_file(tmp_path, rows=[
        ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model", None, ""],
        ["TEXSA", "Hays County Sheriff's Office", "County", "Hays County", "Task Force Model", None, ""],
        ["TEXAS", "Hays County Sheriff's Office", "County", "Hays County", "Jail Model", None, ""]])
    with pytest.raises(SpreadsheetError) as raised:
        ingest([ice_file(tmp_path, name="participatingAgencies04302026am.xlsx",
                         saved=dt.datetime(2026, 4, 30)), bad], out, REFERENCE)
    assert [p.split(" — ")[0].rsplit(": ", 1)[0] for p in raised.value.problems] == [
        "participatingAgencies05182026am.xlsx:Sheet1:3:A", "participatingAgencies05182026am.xlsx:Sheet1:4:E"]
    assert all(" — " in p for p in raised.value.problems)
    assert run(root, [bad]) == 1
    assert "participatingAgencies05182026am.xlsx:Sheet1:4:E: support type 'Jail Model'" in capsys.readouterr().err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["ice-287g", "reference"]  # no temporary folder left


def test_a_file_that_is_not_a_workbook_is_rejected(tmp_path):
    path = tmp_path / "participatingAgencies05182026am.xlsx"
    path.write_text("STATE,AGENCY\n")
    with pytest.raises(SpreadsheetError, match=r"^participatingAgencies05182026am\.xlsx:-:1:A: not a readable"):
        ingest([path], tmp_path / "out", REFERENCE)
    assert not (tmp_path / "out").exists()


def test_the_same_files_give_the_same_bytes_in_another_process(tmp_path):
    files = [capture_file(tmp_path), ice_file(tmp_path)]
    ingest(files, tmp_path / "here", REFERENCE)
    root = tmp_path / "project"
    shutil.copytree(REFERENCE, root / "data" / "datasets" / "reference")
    subprocess.run([sys.executable, "-m", "scripts", "--root", str(root), "ingest", "287g", *map(str, files)],
                   cwd=ROOT, check=True, capture_output=True)
    assert snapshot(root / "data" / "datasets" / "ice-287g") == snapshot(tmp_path / "here")


@pytest.mark.slow  # one of ICE's real workbooks, read whole
def test_icesheet_of_may_18_2026_gives_as_many_agreements_per_model_as_the_sheet_has_rows(tmp_path):
    real = ROOT / "tests" / "fixtures" / "ice-287g" / "participatingAgencies05182026am.xlsx"
    sheet = openpyxl.load_workbook(real, read_only=True).worksheets[0]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    expected = Counter(str(r[4]).strip() for r in rows)
    ingest([real], tmp_path / "out", REFERENCE)
    latest = load_287g(tmp_path / "out").latest
    assert len(latest) == len(rows)
    assert Counter(latest["model"]) == expected
    assert (latest["state_fips"].str.len() == 2).all()

"""What the 287(g) ingest does with what it should not trust: files it did not make are kept, impossible dates and
unreadable names are refused with the cell named, a missing file is "no such file", a duplicated row counts once."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import zipfile

import openpyxl
import pytest

from scripts.records.datasets import ice_287g
from scripts.records.datasets.ice_287g import SpreadsheetError
from scripts.records.datasets.ingest_287g import ingest

from .conftest import TODAY
from .test_ingest_287g import ICE_HEADER, REFERENCE, capture_file, ice_file, snapshot


def test_an_ingest_keeps_every_file_it_did_not_make(tmp_path):
    out = tmp_path / "out"
    ingest([capture_file(tmp_path)], out, REFERENCE)
    hand_written = {"README.md": "# The lists\n", "reconciliation.yaml": "287g-x: Why the figures differ.\n",
                    "notes/why.txt": "a maintainer's note\n", "lists/README.md": "one file per list\n"}
    for name, text in hand_written.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    ingest([ice_file(tmp_path)], out, REFERENCE)
    after = snapshot(out)
    assert {name: after.get(name, b"").decode() for name in hand_written} == hand_written
    assert "lists/2024-12-29.csv" in after and "lists/2026-05-18.csv" in after


# Limits before the cost: what an .xlsx would inflate to is read from its table of contents, rows and columns are
# streamed with a stop.

def _zip_with(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_xlsx_that_inflates_past_the_limit_is_refused_before_it_is_inflated(tmp_path):
    path = _zip_with(tmp_path / "participatingAgencies05182026am.xlsx",
                     {"xl/worksheets/sheet1.xml": b" " * (ice_287g.MAX_INFLATED_BYTES + 1)})
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError) as raised:
        ingest([path], tmp_path / "out", REFERENCE)
    assert time.perf_counter() - started < 5
    assert raised.value.problems == [
        f"participatingAgencies05182026am.xlsx:-:1:A: the workbook inflates to {ice_287g.MAX_INFLATED_BYTES + 1:,} "
        f"bytes, over the limit of {ice_287g.MAX_INFLATED_BYTES:,} — check that it is ICE's participating-agency "
        "list"]


def test_a_zip_bomb_part_is_refused_from_its_ratio(tmp_path):
    path = _zip_with(tmp_path / "participatingAgencies05182026am.xlsx", {"xl/styles.xml": b"\0" * 5_000_000})
    with pytest.raises(SpreadsheetError, match=r"xl/styles\.xml inflates [\d,]+ times \(limit 100\): a zip bomb"):
        ingest([path], tmp_path / "out", REFERENCE)


def test_rows_are_read_lazily_and_the_reading_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ice_287g, "MAX_ROWS", 100)
    row = ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model", None, ""]
    path = ice_file(tmp_path, rows=[row] * 1_000)
    with pytest.raises(SpreadsheetError) as raised:
        ingest([path], tmp_path / "out", REFERENCE)
    assert raised.value.problems == [
        "participatingAgencies05182026am.xlsx:Sheet1:101:A: the sheet has more than 100 rows, the limit — check "
        "that it is ICE's participating-agency list"]


def test_a_sheet_16384_columns_wide_is_one_message(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(ICE_HEADER)
    sheet.cell(row=1, column=16_384, value="X")
    sheet.append(["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model", None, ""])
    path = tmp_path / "participatingAgencies05182026am.xlsx"
    workbook.save(path)
    with pytest.raises(SpreadsheetError) as raised:
        ingest([path], tmp_path / "out", REFERENCE)
    assert raised.value.problems == [
        "participatingAgencies05182026am.xlsx:Sheet1:1:AY: the sheet is 16,384 columns wide, over the limit of 50 — "
        "check that it is ICE's participating-agency list"]


# The ingest trusts nothing it reads: impossible dates and unreadable names are refused with the cell named, a
# missing file is "no such file", a repeated row counts once.

def _saved_as(path, stamp: str):
    """The workbook with its last-saved time (docProps/core.xml) written as `stamp`, however impossible."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + stamp.encode(),
                                        parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("stamp, why", [("0001-01-01T00:00:00Z", "is before 287(g) existed (1996)"),
                                        ("2099-05-18T11:00:00Z", "is in the future (today is 2026-11-23)")])
def test_an_impossible_saved_time_is_refused(tmp_path, stamp, why):
    path = _saved_as(ice_file(tmp_path), stamp)
    with pytest.raises(SpreadsheetError) as raised:
        ingest([path], tmp_path / "out", REFERENCE, today=TODAY)
    assert raised.value.problems == [
        f"participatingAgencies05182026am.xlsx:-:1:A: the list's date {stamp[:10]}, from the workbook's last-saved "
        f"time (UTC, docProps/core.xml), {why} — check the file (was it saved on a computer with a wrong clock?) and "
        "download it again from ICE"]
    assert not (tmp_path / "out").exists()


def test_a_wayback_capture_time_with_month_13_is_refused_at_its_cell(tmp_path):
    stamp = "20241329010544"
    path = capture_file(tmp_path, stamp=stamp)
    with pytest.raises(SpreadsheetError) as raised:
        ingest([path], tmp_path / "out", REFERENCE, today=TODAY)
    assert raised.value.problems[:2] == [
        f"ParticipatingEntities-{stamp}.xlsx:Sheet1:{row}:E: the Wayback Machine capture time {stamp} in the "
        "agreement's address is no real date — correct the address, or remove the row's link" for row in (2, 3)]


@pytest.mark.parametrize("name, why", [
    ("1234 — 5678", "the agency's name '1234 — 5678' has no letter A to Z"),
    ("Ñññ", "the agency's name 'Ñññ' has no letter A to Z"),
    ("Bell County " + "x" * 1_000, "the agency's name is 1,012 characters long, over the site's limit of 1,000"),
])
def test_a_name_the_site_cannot_use_is_refused_at_its_cell(tmp_path, name, why):
    rows = [["TEXAS", name, "County", "Bell County", "Task Force Model", None, ""]]
    with pytest.raises(SpreadsheetError) as raised:
        ingest([ice_file(tmp_path, rows=rows)], tmp_path / "out", REFERENCE, today=TODAY)
    assert [p for p in raised.value.problems if ":Sheet1:2:B: " in p][0].startswith(
        f"participatingAgencies05182026am.xlsx:Sheet1:2:B: {why}")


def test_a_missing_file_is_no_such_file_not_a_traceback(tmp_path, capsys):
    from scripts.records.datasets.ingest_287g import run

    missing = tmp_path / "participatingAgencies0518202am.xlsx"
    with pytest.raises(SpreadsheetError, match="no such file"):
        ingest([missing], tmp_path / "out", REFERENCE)
    root = tmp_path / "project"
    shutil.copytree(REFERENCE, root / "data" / "datasets" / "reference")
    assert run(root, [missing]) == 1
    err = capsys.readouterr().err
    assert f"{missing}:-:1:A: no such file — check the file's name and folder" in err and "Traceback" not in err


def test_a_repeated_row_is_counted_once_and_reported(tmp_path):
    row = ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model",
           dt.datetime(2025, 3, 1), "link"]
    other = ["FLORIDA", "Florida Highway Patrol", "State Agency", "#N/A", "Warrant Service Office",
             dt.datetime(2025, 2, 26), "link"]
    summary = ingest([ice_file(tmp_path, rows=[row, other, other])], tmp_path / "out", REFERENCE, today=TODAY)
    assert summary["lists"]["2026-05-18"]["agreements"] == 2
    assert "participatingAgencies05182026am.xlsx:Sheet1:4:A: the same agreement as row 3 (every cell the same): " \
           "counted once" in summary["warnings"]

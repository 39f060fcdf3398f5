"""What the 287(g) ingest does with what it should not trust: files it did not make are kept, impossible dates and
unreadable names are refused with the cell named, a missing file is "no such file", a duplicated row counts once."""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest

from scripts.records.datasets import ice_287g
from scripts.records.datasets.ice_287g import SpreadsheetError
from scripts.records.datasets.ingest_287g import ingest

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
        f"bytes, over the limit of {ice_287g.MAX_INFLATED_BYTES:,} — check that it is ICE's participating-agency list"]


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

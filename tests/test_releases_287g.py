"""Every ICE release in one command: participating and pending lists told apart by their columns, dated from the file,
copies recognised, lists superseded the same day recorded, and a second run changing nothing (#28)."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from scripts.records.datasets.ice_287g import SpreadsheetError
from scripts.records.datasets.ingest_287g import ingest

from .conftest import ROOT
from .test_ingest_287g import REFERENCE, _set_saved, ice_file, make_xlsx, snapshot

FIXTURES = ROOT / "tests" / "fixtures" / "ice-287g"
PENDING_HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"]


def archive(tmp_path):
    """A cut of the real archive: two monthly captures, four pending lists (two byte-identical), ICE's list of May 18,
    2026 filed among the pending lists, a byte-identical copy of it and a copy ICE saved again the next day."""
    root = tmp_path / "ice-287g"
    shutil.copytree(FIXTURES / "archive-cut", root)
    may18 = FIXTURES / "participatingAgencies05182026am.xlsx"
    shutil.copy(may18, root / "pending" / may18.name)
    (root / "lists-daily").mkdir()
    shutil.copy(may18, root / "lists-daily" / "participatingAgencies05192026am.xlsx")
    resaved = root / "lists-daily" / "participatingAgencies05202026pm.xlsx"
    shutil.copy(may18, resaved)
    _set_saved(resaved, dt.datetime(2026, 5, 19, 14, 0))
    return root


def decisions(out):
    return pd.read_csv(out / "releases.csv", dtype=str, keep_default_na=False).set_index("file")


@pytest.mark.slow  # a cut of ICE's real files, ingested twice
def test_one_command_over_the_archive_decides_every_file_and_a_second_run_changes_nothing(tmp_path):
    out = tmp_path / "out"
    files = archive(tmp_path)
    ingest([files], out, REFERENCE)
    table = decisions(out)
    assert len(table) == 9

    copy = table.loc["pending/pendingAgencies-20250222170629.xlsx"]
    assert (copy["kind"], copy["decision"], copy["same_as"]) == (
        "pending", "copy", "pending/pendingAgencies-20250221214937.xlsx")
    first = table.loc["pending/pendingAgencies-20250221214937.xlsx"]
    assert first["date_taken"] == "2025-02-20"  # saved February 20, downloaded by the archive on the 21st
    assert "last-saved" in first["why"] and first["copies"] == "pending/pendingAgencies-20250222170629.xlsx"
    assert first["source_url"].endswith("/4f9d1c35b402db277e61c03bc85f8230713c4f3b/pendingAgencies/"
                                        "pendingAgencies-20250221214937.xlsx")

    misfiled = table.loc["pending/participatingAgencies05182026am.xlsx"]
    assert (misfiled["kind"], misfiled["decision"], misfiled["list_folder"]) == ("participating", "release", "lists")
    assert table.loc["lists-daily/participatingAgencies05192026am.xlsx", "decision"] == "copy"
    resaved = table.loc["lists-daily/participatingAgencies05202026pm.xlsx"]
    assert (resaved["decision"], resaved["date_taken"]) == ("copy", "2026-05-19")
    assert resaved["same_as"] == "pending/participatingAgencies05182026am.xlsx"
    assert table.loc["lists/ParticipatingEntities-20210131051047.xlsx", "list_folder"] == "lists"
    assert sorted(p.name for p in (out / "lists").glob("*.csv")) == ["2021-01-31.csv", "2021-02-28.csv",
                                                                     "2026-05-18.csv"]
    assert not (out / "lists-daily").exists()  # the copies made no list

    pending = pd.read_csv(out / "pending.csv", dtype=str, keep_default_na=False)
    assert pending.groupby("release").size().to_dict() == {
        "2025-02-20T16:27:52": 41, "2025-03-13T02:57:35": 24, "2025-10-06T19:46:10": 46}
    blank = pending[(pending["release"] == "2025-10-06T19:46:10") & (pending["source_row"] == "6")]
    assert blank["model"].tolist() == [""]  # ICE left the support type blank: kept blank, not guessed

    before = snapshot(out)
    ingest([files], out, REFERENCE)
    assert snapshot(out) == before


def test_two_lists_of_one_day_keep_the_later_and_other_days_go_to_lists_daily(tmp_path):
    bell = ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model",
            dt.datetime(2025, 3, 1), "link"]
    hays = ["TEXAS", "Hays County Sheriff's Office", "County", "Hays County", "Task Force Model",
            dt.datetime(2025, 4, 1), "link"]
    folder = tmp_path / "files"
    folder.mkdir()
    ice_file(folder, "participatingAgencies05102026am.xlsx", [hays], dt.datetime(2026, 5, 10, 9))
    ice_file(folder, "participatingAgencies05182026am.xlsx", [bell], dt.datetime(2026, 5, 18, 8))
    ice_file(folder, "participatingAgencies05182026pm.xlsx", [bell, hays], dt.datetime(2026, 5, 18, 15))
    out = tmp_path / "out"
    ingest([folder], out, REFERENCE)
    table = decisions(out)
    assert table.loc["participatingAgencies05182026am.xlsx", "decision"] == "superseded the same day"
    assert table.loc["participatingAgencies05182026am.xlsx", "same_as"] == "participatingAgencies05182026pm.xlsx"
    assert len(pd.read_csv(out / "lists" / "2026-05-18.csv")) == 2
    assert len(pd.read_csv(out / "lists-daily" / "2026-05-10.csv")) == 1
    # A later run with only a newer file keeps every earlier decision and list.
    newer = folder / "later"
    newer.mkdir()
    ice_file(newer, "participatingAgencies06012026am.xlsx", [hays], dt.datetime(2026, 6, 1, 9))
    ingest([newer / "participatingAgencies06012026am.xlsx"], out, REFERENCE)
    assert len(decisions(out)) == 4
    assert sorted(p.name for p in (out / "lists").glob("*.csv")) == ["2026-05-18.csv", "2026-06-01.csv"]


def test_what_does_not_add_up_is_refused_with_its_place(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    make_xlsx(folder / "pendingAgencies05012026am.xlsx", PENDING_HEADER,
              [["NARNIA", "Lantern Waste Police Department", "Municipality", "", "Task Force Model"],
               ["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Guard Model"]],
              dt.datetime(2026, 5, 1, 9))
    saved = dt.datetime(2026, 5, 18, 11)
    ice_file(folder, "participatingAgencies05182026am.xlsx", saved=saved)
    ice_file(folder, "participatingAgencies05182026pm.xlsx", saved=saved, rows=[
        ["TEXAS", "Hays County Sheriff's Office", "County", "Hays County", "Task Force Model",
         dt.datetime(2025, 4, 1), "link"]])
    with pytest.raises(SpreadsheetError) as raised:
        ingest([folder], tmp_path / "out", REFERENCE)
    places = [p.split(": ")[0] for p in raised.value.problems]
    assert places == ["pendingAgencies05012026am.xlsx:Sheet1:2:A", "pendingAgencies05012026am.xlsx:Sheet1:3:E"]
    (folder / "pendingAgencies05012026am.xlsx").unlink()
    with pytest.raises(SpreadsheetError, match=r"^participatingAgencies05182026pm\.xlsx:-:1:A: saved at the same "
                                               r"time as participatingAgencies05182026am\.xlsx"):
        ingest([folder], tmp_path / "out", REFERENCE)
    assert not (tmp_path / "out").exists()

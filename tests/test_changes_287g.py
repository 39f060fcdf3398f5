"""What changed between ICE's lists, computed from the committed tables, against counts made by hand (#28).

The hand counts were made with pandas on ICE's spreadsheets themselves (../shared/data/ice-287g/), not on the tables:
agencies matched by state and lower-cased name, models by state, name and support type, signed dates compared for
each agreement on both lists. None of the three pairs has a respelling; the test of respelling uses the tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from scripts.records.datasets import changes_287g as changes
from scripts.records.datasets.tables import AGREEMENTS, read_csv_table

from .conftest import ROOT

LISTS = ROOT / "data" / "datasets" / "ice-287g"


def table(name: str) -> pd.DataFrame:
    return read_csv_table(LISTS / name, AGREEMENTS)


# (earlier list, later list) -> agencies added, removed, models added, dropped, signed dates changed, respellings.
HAND_COUNTS = {
    # participatingAgencies12012025am.xlsx -> 12022025pm.xlsx: 13 agencies join (Arkansas Department of Corrections,
    # six Texas sheriffs...), Bowman (ND), Colorado and Morris (TX) add a model, Webb County (TX) JEM signed date
    # 2025-10-17 -> 2025-12-02.
    ("lists-daily/2025-12-01.csv", "lists-daily/2025-12-02.csv"): (13, 0, 3, 0, 1, 0),
    # 01052026pm.xlsx -> 01072026am.xlsx: 32 agencies join; Grady County (GA) adds two models, Bee County (TX) one.
    ("lists-daily/2026-01-05.csv", "lists-daily/2026-01-07.csv"): (32, 0, 3, 0, 0, 0),
    # 05142026am.xlsx -> 05182026am.xlsx: 10 join, Garrett and Washington County sheriffs (MD) leave, Gaines (TX)
    # adds the Task Force Model.
    ("lists-daily/2026-05-14.csv", "lists/2026-05-18.csv"): (10, 2, 1, 0, 0, 0),
}


@pytest.mark.parametrize("pair", HAND_COUNTS, ids=lambda p: f"{p[0][-14:-4]}-to-{p[1][-14:-4]}")
def test_changes_between_lists_match_the_counts_made_by_hand_from_ices_files(pair):
    found = changes.changes(table(pair[0]), table(pair[1]))
    assert tuple(changes.counts(found).values()) == HAND_COUNTS[pair]


def test_each_change_cites_the_rows_of_both_files():
    before, after = table("lists-daily/2025-12-01.csv"), table("lists-daily/2025-12-02.csv")
    found = changes.changes(before, after)
    webb = next(c for c in found if c.kind == changes.SIGNED_CHANGED)
    assert (webb.agency, webb.model, webb.before, webb.after) == (
        "Webb County Sheriff's Office", "Jail Enforcement Model", "2025-10-17", "2025-12-02")
    row_before = before[before["source_row"] == webb.before_rows[0]].iloc[0]
    row_after = after[after["source_row"] == webb.after_rows[0]].iloc[0]
    assert row_before["agency"] == row_after["agency"] == "Webb County Sheriff's Office"
    added = [c for c in found if c.kind == changes.ADDED]
    assert all(c.after_rows and not c.before_rows for c in added)
    assert {after.loc[after["source_row"] == c.after_rows[0], "agency_id"].iloc[0] for c in added} == {
        c.agency_id for c in added}


def test_a_respelling_names_the_rule_that_made_it_one_agency():
    before = table("lists/2026-05-18.csv").head(3).copy()
    after = before.copy()
    same = after["agency_id"] == after.loc[0, "agency_id"]
    after.loc[same, "agency"] = after.loc[same, "agency"].str.upper()
    found = changes.changes(before, after)
    assert [(c.kind, c.rule) for c in found] == [(changes.RESPELLED, changes.RULE_KEY)]
    assert changes.respelling_rule("Lampass County Sheriff's Office", "Lampasas County Sheriff's Office", "TX") == \
        changes.RULE_FIX


@pytest.fixture(scope="module")
def release_site(real_dataset):
    from scripts.records.datasets.tables import load_287g
    from scripts.site.i18n import languages
    from scripts.site.releases_287g import pending_page, release_pages
    from scripts.site.render import Renderer
    dataset, lists = real_dataset, load_287g(LISTS)
    pages = {}
    for language in languages():
        renderer = Renderer(dataset, ice287g=lists, language=language)
        pages.update(release_pages(renderer))
        pages.update(pending_page(renderer))
    return pages


def test_the_release_pages_list_every_list_and_show_each_change_with_its_rows(release_site):
    pages = release_site
    index = pages["287g-releases/index.md"]
    assert len(re.findall(r'href="[^"]*287g-releases/2025-12-02/"', index)) == 1 and "2026-05-18/" in index
    assert "2021-01-31/" not in pages["287g-releases/2021-02-28.md"]  # the first list has no page of changes
    december = pages["287g-releases/2025-12-02.md"]
    assert "Webb County Sheriff" in december and "participatingAgencies12012025am.xlsx" in december
    assert '<td data-label="Change">signed date changed</td>' in december
    # The two files compared are links to ICE's files, not their markup shown as text
    assert re.search(r'the earlier list is <a href="https://[^"]+/participatingAgencies12012025am\.xlsx">'
                     r'participatingAgencies12012025am\.xlsx</a>, the later <a href="https://', december)
    assert "&lt;a href" not in december and "&lt;a href" not in pages["es/287g-releases/2025-12-02.md"]
    assert "<td>Garrett County Sheriff&#39;s Office</td>" in pages["287g-releases/2026-05-18.md"] or \
        "Garrett County Sheriff&#39;s Office</a>" in pages["287g-releases/2026-05-18.md"]
    files = pages["maintainers/287g-files/index.md"]
    assert "pending/pendingAgencies09222025pm.xlsx" in files and "superseded the same day" in files
    spanish = pages["es/287g-releases/2025-12-02.md"]
    assert "fecha de firma cambiada" in spanish and "signed date changed" not in spanish
    assert "lista de pendientes" in pages["es/maintainers/287g-files/index.md"]


def test_the_pending_page_gives_each_agencys_periods_and_what_followed_and_says_where_the_archives_stop(
        release_site):
    page = release_site["287g-pending/index.md"]
    assert "No pending list after February 27, 2026 was found in them." in page
    # Collin County (TX) is on the pending lists saved January 8 to January 23, 2026 (Jail Enforcement Model), then on
    # the participating list of January 26, 2026, signed that day.
    row = next(line for line in page.splitlines() if "Collin County Sheriff" in line)
    assert "January 8, 2026 – January 23, 2026" in row and "January 26, 2026" in row and ">18</td>" in row
    assert "<svg" in page and "Agencies on ICE&#39;s pending lists" in page or "Agencies on ICE's pending lists" in page
    spanish = release_site["es/287g-pending/index.md"]
    assert "No se halló en ellos ninguna lista de pendientes posterior al 27 de febrero de 2026." in spanish

"""An agency's whole 287(g) story on its page: its periods on the participating lists by model, its pending period and
what followed, and every change linked to the page of the list that showed it, in plain words first (#28). Built from
the fixture's cut of ICE's lists; expectations are read from its tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from scripts.records.datasets.tables import load_287g
from scripts.records.validate import validate
from scripts.site.agency_story_287g import Period, periods
from scripts.site.i18n import spanish
from scripts.site.releases_287g import history_of
from scripts.site.render import Renderer

from .conftest import FIXTURE_DATA

TABLES = FIXTURE_DATA / "datasets" / "ice-287g"


@pytest.fixture(scope="module")
def built():
    dataset, lists = validate(FIXTURE_DATA), load_287g(TABLES)
    pages = {}
    for language in (None, spanish()):
        renderer = Renderer(dataset, ice287g=lists, **({"language": language} if language else {}))
        pages.update(renderer.render_all())
    return pages, lists


def story_part(page: str) -> str:
    return page[page.index('class="lead place-story"'):page.index('<h2 id="agreements">')]


def test_an_agency_that_applied_then_joined_tells_it_in_plain_words_then_in_tables(built):
    pages, _ = built
    page = story_part(pages["agencies/az-cochise-county-sheriffs-office.md"])
    pending = pd.read_csv(TABLES / "pending.csv", dtype=str, keep_default_na=False)
    dates = sorted(pending.loc[pending["agency_id"] == "az-cochise-county-sheriffs-office", "list_date"])
    assert (dates[0], dates[-1]) == ("2025-08-08", "2025-09-03")
    lead = page.split("</p>")[0]
    assert "On ICE's 287(g) lists since September 2025 (Warrant Service Officer)." in lead
    assert "pending applications: August 8, 2025 to September 3, 2025." in lead
    assert "Then it appears on the participating list of September 30, 2025." in lead
    # the period, with the files of its first and last list and the release page of its first
    assert '<a href="../../287g-releases/2025-09-30/">September 30, 2025</a>' in page
    assert "participatingAgencies09302025pm.xlsx" in page and "still on the latest list" in page
    # every change, each linked to the page of the list that showed it
    rows = re.findall(r'<tr><td data-label="List"><a href="([^"]+)">([^<]+)</a></td><td data-label="Change">([^<]+)</td>',
                      page)
    assert [(d, kind) for _, d, kind in rows] == [
        ("August 8, 2025", "onto the pending list"), ("September 3, 2025", "off the pending list"),
        ("September 30, 2025", "agency added")]
    assert rows[0][0] == "../../287g-pending/#az-cochise-county-sheriffs-office"
    anchor = rows[2][0]
    assert anchor == "../../287g-releases/2025-09-30/#agency-added-az-cochise-county-sheriffs-office-warrant-service-officer"
    assert f'id="{anchor.split("#")[1]}"' in pages["287g-releases/2025-09-30.md"]


def test_an_agency_on_the_first_list_is_said_to_be_in_since_at_least_then(built):
    pages, _ = built
    lead = story_part(pages["agencies/az-pinal-county-sheriffs-office.md"]).split("</p>")[0]
    assert ("On ICE's 287(g) lists since at least January 2025, when the lists in the archives begin "
            "(Jail Enforcement Model).") in lead


def test_periods_open_and_close_with_the_changes_between_lists(built):
    _, lists = built
    history = history_of(lists)
    found = periods(lists, history)
    latest = pd.read_csv(TABLES / "lists" / "2026-05-18.csv", dtype=str)
    first = pd.read_csv(TABLES / "lists" / "2025-01-31.csv", dtype=str)
    # every agreement on the latest list is an open period; every agreement of the first list starts on it
    open_now = {(a, p.model) for a, ps in found.items() for p in ps if not p.ended}
    assert open_now == set(zip(latest["agency_id"], latest["model"]))
    starts = {(a, p.model) for a, ps in found.items() for p in ps if p.first == "2025-01-31"}
    assert starts == set(zip(first["agency_id"], first["model"]))
    # an agreement of the first list missing from the latest has a closed period, with the first list without it
    for agency, model in set(zip(first["agency_id"], first["model"])) - open_now:
        closed = [p for p in found[agency] if p.model == model][0]
        assert isinstance(closed, Period) and closed.ended > closed.last and closed.ended_file


def test_the_spanish_story_is_in_spanish(built):
    pages, _ = built
    page = story_part(pages["es/agencies/az-cochise-county-sheriffs-office.md"])
    assert "En las listas 287(g) de ICE desde septiembre de 2025" in page
    assert "del 8 de agosto de 2025 al 3 de septiembre de 2025" in page
    assert "entra en la lista de pendientes" in page and "onto the pending list" not in page
    assert 'href="../../../es/287g-releases/2025-09-30/#agency-added-' in page

"""The Atom feeds of 287(g) changes, for the nation, each state and each county, in both languages, built from the
fixture's cut of ICE's lists (Arizona, New Hampshire, Guam: three participating lists and the pending lists) (#28).

Expectations are taken from the fixture's tables where they can be: the Rockingham County (NH) feed is checked entry by
entry against the lists and pending.csv."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pandas as pd
import pytest

from scripts.records.datasets.tables import load_287g
from scripts.records.validate import validate
from scripts.site import feeds_287g
from scripts.site.i18n import spanish
from scripts.site.render import Renderer

from .conftest import FIXTURE_DATA

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/record/"
TABLES = FIXTURE_DATA / "datasets" / "ice-287g"
ROCKINGHAM = "nh-33015"


def render(language=None) -> dict[str, str]:
    """Every page of the fixture site in one language, read afresh (a second call is a second build)."""
    dataset, lists = validate(FIXTURE_DATA), load_287g(TABLES)
    renderer = Renderer(dataset, SITE, ice287g=lists, **({"language": language} if language else {}))
    return renderer.render_all()


@pytest.fixture(scope="module")
def english():
    return render()


@pytest.fixture(scope="module")
def spanish_pages():
    return render(spanish())


def feeds(pages):
    return {path: text for path, text in pages.items() if path.endswith(".xml") and "/287g/" in path}


def check_atom(path: str, text: str) -> ET.Element:
    """What RFC 4287 requires of a feed and its entries, and what a reader relies on: it parses, its id, title and
    updated are there, its self link is its own address, each entry has an id, a title, an updated date and a link,
    ids are unique, and entries are newest first."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed", path
    for tag in ("id", "title", "updated", "author/" + A + "name"):
        assert (root.findtext(A + tag) or "").strip(), (path, tag)
    links = {link.get("rel"): link.get("href") for link in root.findall(A + "link")}
    assert links["self"] == SITE + path and links["alternate"].startswith(SITE), path
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", root.findtext(A + "updated")), path
    entries = root.findall(A + "entry")
    ids = [e.findtext(A + "id") for e in entries]
    assert len(ids) == len(set(ids)), path
    dates = [e.findtext(A + "updated") for e in entries]
    assert dates == sorted(dates, reverse=True), path
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.findtext(A + tag) or "").strip(), (path, tag)
        assert entry.find(A + "link").get("href").startswith(SITE)
    if entries:
        assert root.findtext(A + "updated") == dates[0]
    return root


def test_every_feed_is_atom_with_a_feed_for_the_nation_each_state_and_each_county(english, spanish_pages):
    dataset = validate(FIXTURE_DATA)
    for pages, prefix in ((english, ""), (spanish_pages, "es/")):
        found = feeds(pages)
        expected = {f"{prefix}feeds/287g/us.xml"}
        expected |= {f"{prefix}feeds/287g/state/{s}.xml" for s in dataset.collections["states"]}
        expected |= {f"{prefix}feeds/287g/county/{c}.xml" for c in dataset.collections["counties"]}
        assert set(found) == expected
        for path, text in found.items():
            check_atom(path, text)


def _entries(text):
    return ET.fromstring(text.encode("utf-8")).findall(A + "entry")


def test_a_county_feed_has_an_entry_for_each_change_of_its_agencies_dated_and_citing_both_files(english):
    entries = _entries(english[f"feeds/287g/county/{ROCKINGHAM}.xml"])
    # The county's agencies on the fixture's participating lists: each that joined after the first list is one entry;
    # one of them (Auburn Police Department) was on the pending lists first: opened, then closed.
    agencies = pd.read_csv(TABLES / "agencies.csv", dtype=str, keep_default_na=False)
    here = agencies[agencies["county_fips"] == "33015"]
    joined = here[here["first_list"] > "2025-01-31"]
    pending = pd.read_csv(TABLES / "pending.csv", dtype=str, keep_default_na=False)
    pending_here = sorted(set(pending["agency_id"]) & set(here["agency_id"]))
    assert pending_here == ["nh-auburn-police-department"]
    assert len(entries) == len(joined) + 2 == 9
    titles = [e.findtext(A + "title") for e in entries]
    assert sum(t.startswith("Joined 287(g): ") for t in titles) == len(joined)
    auburn = [e for e in entries if "Auburn Police Department" in e.findtext(A + "title")]
    assert [e.findtext(A + "updated")[:10] for e in auburn] == ["2026-05-18", "2026-01-07", "2026-01-06"]
    rows = pending[pending["agency_id"] == "nh-auburn-police-department"]
    assert set(rows["list_date"]) == {"2026-01-06"}
    opened = auburn[2]
    assert opened.findtext(A + "title").startswith("Applied for 287(g) (pending list): Auburn Police Department, NH")
    assert f"row {rows['source_row'].iloc[0]}." in opened.findtext(A + "summary")
    assert opened.find(A + "link").get("href") == SITE + "287g-pending/#nh-auburn-police-department"
    related = {link.get("href") for e in entries for link in e.findall(A + "link") if link.get("rel") == "related"}
    assert SITE + "agencies/nh-auburn-police-department/" in related
    joined_entry = auburn[0]
    link = joined_entry.find(A + "link").get("href")
    assert link.startswith(SITE + "287g-releases/2026-05-18/#agency-added-nh-auburn-police-department")
    summary = joined_entry.findtext(A + "summary")
    later = english["287g-releases/2026-05-18.md"]
    assert "participatingAgencies09302025pm.xlsx, which does not list it" in summary
    assert "participatingAgencies05182026am.xlsx, row " in summary
    # The entry's link leads to its row on the release page, and the pending entry's to the agency's pending row.
    assert f'id="{link.split("#")[1]}"' in later
    assert 'id="nh-auburn-police-department"' in english["287g-pending/index.md"]


def test_the_national_feed_holds_every_change_until_its_bound(english):
    entries = _entries(english["feeds/287g/us.xml"])
    states = sum(len(_entries(english[f"feeds/287g/state/{s}.xml"])) for s in ("az", "nh", "gu"))
    assert len(entries) == states and 0 < len(entries) <= feeds_287g.BOUNDS["nation"]


def test_a_feed_keeps_only_its_most_recent_entries_and_its_page_says_how_many(monkeypatch):
    monkeypatch.setitem(feeds_287g.BOUNDS, "county", 2)
    pages = render()
    entries = _entries(pages[f"feeds/287g/county/{ROCKINGHAM}.xml"])
    assert [e.findtext(A + "updated")[:10] for e in entries] == ["2026-05-18", "2026-05-18"]
    assert "the newest 2." in pages[f"counties/{ROCKINGHAM}.md"]


def test_two_builds_give_the_same_feeds_byte_for_byte(english):
    again = render()
    assert feeds(again) == feeds(english)


def test_the_county_state_and_releases_pages_link_their_feed(english, spanish_pages):
    county = english[f"counties/{ROCKINGHAM}.md"]
    assert f'feed_287g: "feeds/287g/county/{ROCKINGHAM}.xml"' in county
    assert 'feed_287g_title: "287(g) changes: Rockingham County, New Hampshire"' in county
    assert (f'<a href="../../feeds/287g/county/{ROCKINGHAM}.xml" type="application/atom+xml">Follow changes (Atom)</a>'
            in county)
    assert "the newest 50." in county
    state = english["states/az.md"]
    assert '<a href="../../feeds/287g/state/az.xml" type="application/atom+xml">Follow changes (Atom)</a>' in state
    spanish_county = spanish_pages[f"es/counties/{ROCKINGHAM}.md"]
    assert f'feed_287g: "es/feeds/287g/county/{ROCKINGHAM}.xml"' in spanish_county
    assert f'href="../../../es/feeds/287g/county/{ROCKINGHAM}.xml"' in spanish_county
    assert "Seguir los cambios (Atom)" in spanish_county
    assert '<a href="../feeds/287g/us.xml" type="application/atom+xml">' in english["287g-releases/index.md"]
    assert '<a href="../../es/feeds/287g/us.xml" type="application/atom+xml">' in spanish_pages[
        "es/287g-releases/index.md"]


def test_the_spanish_feeds_are_in_spanish_and_link_the_spanish_pages(spanish_pages):
    text = spanish_pages[f"es/feeds/287g/county/{ROCKINGHAM}.xml"]
    root = ET.fromstring(text.encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert root.findtext(A + "title") == "Cambios en 287(g): Rockingham County, Nuevo Hampshire"
    titles = [e.findtext(A + "title") for e in root.findall(A + "entry")]
    assert titles[0].startswith("Entra en 287(g): ") and not any("Joined" in t for t in titles)
    assert any(t.startswith("Solicita 287(g) (lista de pendientes): Auburn") for t in titles)
    for entry in root.findall(A + "entry"):
        assert all(link.get("href").startswith(SITE + "es/") for link in entry.findall(A + "link"))
    summary = root.find(A + "entry").findtext(A + "summary")
    assert "figura en la lista 287(g) de ICE del 18 de mayo de 2026" in summary and "fila" in summary


def test_without_the_ingests_decisions_there_are_no_feeds_and_no_links_to_them(tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "datasets" / "ice-287g" / "releases.csv").unlink()
    dataset, lists = validate(data), load_287g(data / "datasets" / "ice-287g")
    pages = Renderer(dataset, SITE, ice287g=lists).render_all()
    assert not feeds(pages)
    assert "Follow changes" not in pages[f"counties/{ROCKINGHAM}.md"]
    assert "feed_287g" not in pages[f"counties/{ROCKINGHAM}.md"]

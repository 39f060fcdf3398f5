"""A reader follows a county's 287(g) changes (#28): from the home page's place finder to the county, to its agency's
whole story, to the county's Atom feed, which parses as Atom with entries. Built from the fixture (its cut of ICE's
lists: Rockingham County, New Hampshire has agencies that joined and one that was on a pending list first)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.slow

A = "{http://www.w3.org/2005/Atom}"
COUNTY = "nh-33015"
AGENCY = "Auburn Police Department"


@pytest.fixture(scope="module")
def fixture_site(fixture_site_url):
    return fixture_site_url[0]


@pytest.mark.parametrize("language", ["", "es/"])
def test_from_the_home_page_to_a_county_its_agencys_story_and_the_countys_feed(browser, fixture_site, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(fixture_site + language)
        box = page.locator(".place-finder input")
        box.click()
        box.press_sequentially("rockingham")
        result = page.locator(".place-finder__results a").first
        result.wait_for()
        assert result.inner_text() == "Rockingham County, " + ("Nuevo Hampshire" if language else "New Hampshire")
        box.press("Enter")
        page.wait_for_url(f"{fixture_site}{language}counties/{COUNTY}/")
        screenshot(page, f"feeds-county{'-es' if language else ''}")

        page.locator("ul.place-agencies").get_by_role("link", name=AGENCY).click()
        page.wait_for_url(f"**/{language}agencies/nh-auburn-police-department/")
        story = page.locator("p.place-story")
        assert story.is_visible()
        assert ("On ICE's 287(g) lists since" if not language else "En las listas 287(g) de ICE desde") in \
            story.inner_text()
        assert page.locator("#story").is_visible()
        changes = page.locator("table", has=page.locator("caption", has_text="ICE")).last
        assert changes.locator("tbody tr").count() >= 2  # onto the pending list, then off it, then joined

        page.go_back()
        page.wait_for_url(f"{fixture_site}{language}counties/{COUNTY}/")
        link = page.get_by_role("link", name="Seguir los cambios (Atom)" if language else "Follow changes (Atom)")
        assert link.is_visible()
        announced = page.locator('head link[rel~="alternate"][type="application/atom+xml"]')
        assert announced.count() == 1
        feed_url = page.evaluate("href => new URL(href, location.href).href", link.get_attribute("href"))
        assert feed_url == page.evaluate("href => new URL(href, location.href).href", announced.get_attribute("href"))
        assert feed_url.endswith(f"{language}feeds/287g/county/{COUNTY}.xml")
        response = page.request.get(feed_url)
        assert response.ok
        feed = ET.fromstring(response.body())
        assert feed.tag == f"{A}feed"
        assert feed.findtext(f"{A}id") and feed.findtext(f"{A}updated") and feed.findtext(f"{A}title")
        assert {link.get("rel") for link in feed.findall(f"{A}link")} == {"self", "alternate"}
        entries = feed.findall(f"{A}entry")
        assert entries and all(e.findtext(f"{A}id") and e.findtext(f"{A}updated") for e in entries)
        assert any(AGENCY in (e.findtext(f"{A}title") or "") for e in entries)
        assert errors == []
    finally:
        context.close()

"""A reader looks up an agency and a county as they would: search for the name, open the result, read the page. The
expected model and date come from the committed 287(g) tables, and the state, county and agency pages are
photographed at desktop and phone width (build/screenshots/places-*.png)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from scripts.records import dates
from scripts.records.validate import validate

from ..conftest import ROOT
from .conftest import screenshot
from .search_ui import open_search, search

pytestmark = pytest.mark.slow

AGENCY = "al-autauga-county-sheriffs-office"
COUNTY = "al-01001"




@pytest.fixture(scope="module")
def dataset():
    return validate(ROOT / "data")


def test_a_reader_finds_an_agency_by_name_and_sees_its_models_and_signed_dates(page, site_url, dataset):
    agency = dataset.collections["agencies"][AGENCY]
    page.goto(site_url)
    open_search(page)
    results = search(page, agency.name)
    found = [r for r in results[:5] if r["title"] == agency.name and r["kind"] == "Agency"]
    assert found, results[:5]
    page.goto(urljoin(page.url, found[0]["href"]))
    table = page.locator("xpath=//h2[@id='agreements']/following::table[1]")
    for agreement in agency.agreements:
        row = table.locator("tr", has=page.locator(f"td:text-is('{agreement.model}')"))
        signed = dates.display(agreement.signed) if agreement.signed else "unknown"
        assert signed in row.inner_text(), agreement.model
    assert page.get_by_role("link", name=dataset.collections["counties"][agency.county].full_name).is_visible()
    assert page.errors == []


def test_a_reader_finds_a_county_by_name_and_sees_its_agencies(page, site_url, dataset):
    county = dataset.collections["counties"][COUNTY]
    agencies = [dataset.collections["agencies"][i] for i in county.agencies]
    current = [a for a in agencies if a.on_latest_list]
    assert current, "the check needs a county with an agency on the latest list"
    page.goto(site_url)
    open_search(page)
    results = search(page, county.name)
    found = [r for r in results[:5] if r["title"] == county.full_name and r["kind"] == "County"]
    assert found, results[:5]
    page.goto(urljoin(page.url, found[0]["href"]))
    for agency in current:
        item = page.locator("ul.place-agencies li", has=page.get_by_role("link", name=agency.name))
        assert "since " + dates.display(agency.first_list) in item.inner_text()


@pytest.mark.parametrize("width, height, label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_place_pages_at_desktop_and_phone_width(browser, site_url, width, height, label):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name, path in [("state", "states/al/"), ("county", f"counties/{COUNTY}/"), ("agency", f"agencies/{AGENCY}/")]:
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        screenshot(page, f"places-{name}-{label}")
        page.screenshot(path=str(ROOT / "build" / "screenshots" / f"places-{name}-{label}-full.png"), full_page=True)
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
    context.close()

"""A reader on the detainer page of 2007-2015: the charts load, the table shows the year's count, and TRAC's figure is
one click away."""

from __future__ import annotations

import csv

import pytest

from ..conftest import ROOT
from .conftest import screenshot

pytestmark = pytest.mark.slow

VIEWS = ROOT / "data" / "datasets" / "npr-detainers" / "views"


@pytest.mark.parametrize("width", (1280, 390))
def test_detainer_page_charts_load_and_lead_to_trac(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "detainers/2007-2015/", wait_until="networkidle")
        images = page.locator("figure.chart img")
        assert images.count() >= 4
        assert images.evaluate_all("els => els.every(e => e.complete && e.naturalWidth > 0)")
        screenshot(page, f"detainers-2007-2015-{width}")
        with (VIEWS / "detainers_per_year.csv").open(encoding="utf-8") as handle:
            busiest = max(csv.DictReader(handle), key=lambda r: int(r["detainers"]))
        row = page.locator(f'#table-per-year tr[data-year="{busiest["year"]}"]')
        assert f"{int(busiest['detainers']):,}" in row.inner_text()
        page.locator("#trac-comparison").scroll_into_view_if_needed()
        screenshot(page, f"detainers-2007-2015-trac-{width}")
        page.locator("#trac-comparison a", has_text="TRAC's figure").click()
        page.wait_for_load_state()
        assert page.url.endswith("/statistics/trac-us-citizen-detainers-fy2008-fy2012/")
        assert "834" in page.locator("article").first.inner_text()
    finally:
        context.close()

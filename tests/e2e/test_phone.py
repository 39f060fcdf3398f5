"""A reader on a phone (#30): every chart's text can be read at 390 px as at 1280 px (11 px or more, as rendered), on
one page of every kind that shows a chart; the home page's place box finds a county as its name is typed, in both
languages, and leads to its page. Screenshots at 390 px of the home page, a state page, a county page and the charts
page go to build/screenshots/."""

from __future__ import annotations

import pytest

from ..conftest import ROOT
from .conftest import screenshot

pytestmark = pytest.mark.slow

SMALLEST_PX = 11
WIDTHS = (390, 1280)
STATE, COUNTY = "states/az/", "counties/az-04013/"


def _first(collection: str) -> str:
    return f"{collection}/{sorted(p.stem for p in (ROOT / 'data' / collection).glob('*.yaml'))[0]}/"


# One page of every kind that shows a chart: the charts pages, a program, a series, a state, the states' and laws'
# listings (the national maps), the detainer and detention figures, a briefing; and the Spanish charts page (its
# words are longer).
CHART_PAGES = ["charts/", "charts/287g-by-state/", _first("programs"), _first("series"), STATE, "states/", "laws/",
               "detainers/2007-2015/", "detention/", "reports/287g/", "es/charts/"]

# Runs in the page: for every chart picture shown (the <img> of a <picture>, which the browser chose by width, or
# the visible <object>), the smallest text it draws as rendered: the font size written in the SVG times the scale the
# page draws the SVG at (its rendered width over the SVG's own width).
CHART_TEXT_SIZES = """async () => {
  const shown = [...document.querySelectorAll('.md-content img.chart-image, .md-content object.chart-image,'
                                            + ' .md-content .briefing-chart img, .md-content figure img[src$=".svg"]')]
    .filter(el => el.getBoundingClientRect().width > 0 && !(el.tagName === 'IMG' && el.closest('object')));
  const results = [];
  for (const el of shown) {
    const src = el.tagName === 'OBJECT' ? el.data : (el.currentSrc || el.src);
    const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), 'image/svg+xml').documentElement;
    const ownWidth = svg.viewBox.baseVal.width;
    const sizeOf = (node) => { for (let n = node; n && n.getAttribute; n = n.parentNode) {
      const m = /font-size:\\s*([\\d.]+)px/.exec(n.getAttribute('style') || '') ||
                /font:[^;]*?([\\d.]+)px/.exec(n.getAttribute('style') || '');
      if (m) return parseFloat(m[1]); } return null; };
    const sizes = [...svg.querySelectorAll('text')].map(sizeOf);
    const scale = el.getBoundingClientRect().width / ownWidth;
    results.push({src: src.split('/').slice(-2).join('/'), texts: sizes.length,
                  unsized: sizes.filter(s => s === null).length,
                  smallest: Math.min(...sizes.filter(s => s !== null)) * scale});
  }
  return results;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_11_px_or_more(contexts, site_url, path, width):
    page = contexts(width).new_page()
    try:
        page.goto(site_url + path, wait_until="networkidle")
        charts = page.evaluate(CHART_TEXT_SIZES)
        assert charts, f"/{path}: no chart shown"
        for chart in charts:
            assert chart["texts"] > 0 and chart["unsized"] == 0, chart
        small = [f"{c['src']}: {c['smallest']:.1f} px" for c in charts if c["smallest"] < SMALLEST_PX]
        assert small == [], f"/{path} at {width} px: chart text under {SMALLEST_PX} px"
    finally:
        page.close()


@pytest.mark.parametrize("path, name", [("", "home"), (STATE, "state"), (COUNTY, "county"), ("charts/", "charts")])
def test_phone_screenshots(contexts, site_url, path, name):
    page = contexts(390).new_page()
    try:
        page.goto(site_url + path, wait_until="networkidle")
        screenshot(page, f"phone-{name}-390")
        if name in ("state", "charts"):  # the first chart, where a reader scrolls to
            page.locator(".chart").first.scroll_into_view_if_needed()
            screenshot(page, f"phone-{name}-chart-390")
    finally:
        page.close()


@pytest.mark.parametrize("language", ["", "es/"])
def test_a_reader_types_a_county_on_the_home_page_and_lands_on_its_page(browser, site_url, language):
    context = browser.new_context(viewport={"width": 390, "height": 860})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    try:
        page.goto(site_url + language, wait_until="networkidle")
        assert not [url for url in fetched if url.endswith("places.json")], "the index is fetched before it is needed"
        box = page.locator(".place-finder input")
        assert box.is_visible() and box.bounding_box()["y"] < 860, "the box is on the first screen"
        box.click()
        box.press_sequentially("maricopa")
        result = page.locator(".place-finder__results a").first
        result.wait_for()
        assert result.inner_text() == "Maricopa County, Arizona"
        box.press("Enter")
        page.wait_for_url(site_url + language + COUNTY)
        answer = page.locator(".place-answer")
        assert answer.is_visible() and answer.bounding_box()["y"] < 860, "the county page opens with its answer"
    finally:
        context.close()

"""A reader on a phone (#30), on the fixture site: the home page's map of states leads to every state's page (a link
with the state's name, large enough to tap at 390 px, reached by the keyboard); a state's page leads to each of its
counties with a target large enough to tap; and no page of any kind, in either language, at 390 or 1280 px, has
content cut off or wider than the window (tables scroll inside their own box)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..test_site_checks import one_page_per_template
from .test_layout import COLUMN_PX, LAYOUT_PROBLEMS, SLIVER_PX

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
TARGET_PX = 24  # WCAG 2.2's minimum target size (2.5.8)
STATES = {"": {"az": "Arizona", "nh": "New Hampshire", "gu": "Guam"},  # the fixture's states, in each language
          "es/": {"az": "Arizona", "nh": "Nuevo Hampshire", "gu": "Guam"}}


# A table that scrolls sideways keeps its caption inside the window: the reader sees what the table is before
# scrolling it (a caption is as wide as its table otherwise, centred past the screen's edge).
CAPTIONS_OUT_OF_VIEW = """() => [...document.querySelectorAll('.md-content table caption')]
  .filter(c => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > window.innerWidth + 1)
  .map(c => `caption ${Math.round(c.getBoundingClientRect().right)} px wide past a ${window.innerWidth} px window: `
            + `"${c.textContent.trim().slice(0, 60)}"`)"""


def _kinds(site: Path) -> list[str]:
    """One page of every kind in each language (the home pages too, which share a folder shape with 404.html)."""
    pages = {str(p.relative_to(site)) for p in one_page_per_template(site)} | {"index.html", "es/index.html"}
    return sorted(p.removesuffix("index.html") for p in pages)


@pytest.mark.parametrize("language", ["", "es/"])
def test_every_state_on_the_home_pages_map_leads_to_its_page(contexts, fixture_site_url, language):
    url, _ = fixture_site_url
    page = contexts(390).new_page()
    try:
        page.goto(url + language, wait_until="networkidle")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        for code, name in STATES[language].items():
            tile = page.locator("nav.state-tiles").get_by_role("link", name=name)
            box = tile.bounding_box()
            assert box["width"] >= TARGET_PX and box["height"] >= TARGET_PX, f"{name}: {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{name} is off the screen: {box}"
            assert tile.inner_text().split()[0] == code.upper(), "the square shows the state's postal code"
        tile = page.locator(".state-tile", has_text="AZ")
        tile.focus()
        assert page.evaluate("document.activeElement.getAttribute('href')").endswith("states/az/")
        page.keyboard.press("Enter")
        page.wait_for_url(url + language + "states/az/")
        assert "Arizona" in page.locator("h1").inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_maps_caption_speaks_of_the_numbers_only_where_the_squares_show_them(contexts, fixture_site_url, width):
    url, _ = fixture_site_url
    page = contexts(width).new_page()
    try:
        for language in ("", "es/"):
            page.goto(url + language, wait_until="networkidle")
            shown = [page.locator(selector).first.bounding_box()["width"] > 1
                     for selector in ("nav.state-tiles .state-tile__count", "nav.state-tiles .state-tiles__count-note")]
            assert shown == [width > 390] * 2, f"/{language} at {width} px: [numbers, the caption's note] shown"
    finally:
        page.close()


@pytest.mark.parametrize("language", ["", "es/"])
def test_a_states_page_leads_to_each_county_with_a_target_a_phone_can_tap(contexts, fixture_site_url, language):
    url, _ = fixture_site_url
    page = contexts(390).new_page()
    try:
        page.goto(url + language + "states/az/", wait_until="networkidle")
        links = page.locator(".place-counties a")
        assert links.count() == 15, "Arizona's 15 counties"
        for box in [links.nth(i).bounding_box() for i in range(links.count())]:
            assert box["height"] >= TARGET_PX and box["width"] >= TARGET_PX, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        links.filter(has_text="Maricopa").click()
        page.wait_for_url(url + language + "counties/az-04013/")
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_of_any_kind_is_cut_off_or_wider_than_the_window(contexts, fixture_site_url, width):
    url, site = fixture_site_url
    page = contexts(width).new_page()
    found: list[str] = []
    try:
        for path in _kinds(site):
            page.goto(url + path, wait_until="load")
            page.evaluate("document.querySelectorAll('details').forEach(box => { box.open = true; })")
            problems = page.evaluate(LAYOUT_PROBLEMS, [SLIVER_PX, COLUMN_PX])
            wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            if wide > 0:
                problems.append(f"the page scrolls sideways by {wide} px")
            problems += page.evaluate(CAPTIONS_OUT_OF_VIEW)
            found += [f"/{path}: {problem}" for problem in problems]
    finally:
        page.close()
    assert found == [], f"at {width} px:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("language", ["", "es/"])
def test_the_287g_files_tables_fit_a_phone_without_scrolling_sideways(contexts, fixture_site_url, language):
    """The maintainers' page of ICE's files (#30): its two tables show each row as a block at 390 px, so a file name
    or an archive path is read whole, not one letter a line in a column a screen tall, nor scrolled to sideways."""
    url, _ = fixture_site_url
    page = contexts(390).new_page()
    try:
        page.goto(url + language + "maintainers/287g-files/", wait_until="load")
        tables = page.evaluate("""[...document.querySelectorAll('.ice287g-files table')].map(table => ({
            sideways: table.scrollWidth - table.clientWidth, rows: table.querySelectorAll('tbody tr').length,
            narrowest: Math.min(...[...table.querySelectorAll('tbody td')].filter(cell => cell.getClientRects().length)
                .map(cell => cell.clientWidth))}))""")
        assert len(tables) == 2 and all(table["rows"] for table in tables), tables  # the fixture has both tables
        # every cell shown (an empty one is not) spans the row's block
        for table in tables:
            assert table["sideways"] <= 1 and table["narrowest"] >= 300, table
    finally:
        page.close()


# The first-column links of a record table whose longest word is drawn narrower than it is whole: a word broken inside.
WORDS_BROKEN = """() => [...document.querySelectorAll('.md-content table.record-table tbody td:first-child a')].flatMap(a => {
  const longest = a.textContent.trim().split(/\\s+/).reduce((x, y) => (y.length > x.length ? y : x), '');
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  probe.textContent = longest;
  a.appendChild(probe);
  const whole = probe.getBoundingClientRect().width;
  probe.remove();
  const drawn = a.getBoundingClientRect().width;
  return drawn + 0.5 < whole ? [`"${a.textContent.trim()}": ${Math.round(drawn)} px for "${longest}" of ${Math.round(whole)} px`] : [];
})"""


@pytest.mark.parametrize("language", ["", "es/"])
def test_a_long_state_name_in_the_coverage_table_is_not_broken_inside_a_word(contexts, fixture_site_url, language):
    """At 1280 px the real coverage table drew "Massachusett" and "s" on two lines (Material lets a link break
    anywhere). The fixture's Arizona row is given the longest name that broke, as the real table had it."""
    url, _ = fixture_site_url
    page = contexts(1280).new_page()
    try:
        page.goto(url + language + "coverage/", wait_until="load")
        page.evaluate("""document.querySelector('.md-content table.record-table tbody td:first-child a')
            .textContent = 'Massachusetts'""")
        assert page.evaluate(WORDS_BROKEN) == []
    finally:
        page.close()

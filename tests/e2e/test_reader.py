"""What a reader does: open the home page, search, filter the timeline, follow a permanent link, use a phone, use
only the keyboard."""

from __future__ import annotations

import re

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.slow


def test_home_page_loads(page, site_url):
    page.goto(site_url)
    assert page.title() == "Immigration detainers, 2008 to today - Detainers Record"
    assert heading(page) == "Immigration detainers, 2008 to today"
    assert page.locator("a", has_text="Secure Communities").first.is_visible()
    screenshot(page, "home")
    assert page.errors == []


def heading(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


def _visible_events(page):
    return page.locator("article.event:not([hidden])")


def test_timeline_filters_by_program_and_type_and_keeps_them_in_the_url(page, site_url):
    page.goto(site_url + "events/")
    total = page.locator("article.event").count()
    page.select_option("#filter-program", "pep")
    shown = _visible_events(page).count()
    assert 0 < shown < total
    for programs in _visible_events(page).evaluate_all("els => els.map(e => e.dataset.programs)"):
        assert "pep" in programs.split()
    assert "program=pep" in page.url
    page.select_option("#filter-type", "memo")
    both = _visible_events(page).count()
    assert 0 < both <= shown
    assert re.search(r"\?program=pep&type=memo$", page.url)
    assert page.locator("#filter-status").inner_text() == f"Showing {both} of {total} events."
    screenshot(page, "timeline-filtered")
    page.reload()
    assert page.locator("#filter-program").input_value() == "pep"
    assert page.locator("#filter-type").input_value() == "memo"
    assert _visible_events(page).count() == both
    page.click("text=Show all")
    page.wait_for_function("document.querySelectorAll('article.event:not([hidden])').length > 0")
    assert _visible_events(page).count() == total
    assert "?" not in page.url


def test_permanent_anchor_scrolls_to_the_event(page, site_url):
    target = "2017-01-25-eo-13768-interior-enforcement-order"
    page.goto(f"{site_url}events/#{target}")
    box = page.locator(f'[id="{target}"]').bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    page.goto(f"{site_url}cases/galarza-v-szalczyk/")
    assert heading(page) == "Galarza v. Szalczyk"


@pytest.mark.parametrize("path", ["", "events/", "cases/", "cases/galarza-v-szalczyk/", "statistics/",
                                  "statistics/trac-us-citizen-detainers-fy2008-fy2012/", "sources/", "downloads/",
                                  "maintainers/data-model/"])
def test_layout_fits_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if path in ("", "events/"):
        screenshot(page, f"phone-{path.strip('/') or 'home'}")
    context.close()
    assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at phone width"


def test_timeline_filter_works_from_the_keyboard(page, site_url):
    page.goto(site_url + "events/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "filter-program":
            break
    else:
        pytest.fail("the program filter cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control shows a focus ring"
    page.keyboard.press("ArrowDown")
    assert page.locator("#filter-program").input_value() != ""
    assert "program=" in page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-type"


def test_skip_link_and_record_links_work_from_the_keyboard(page, site_url):
    page.goto(site_url + "cases/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    link = page.locator("table.record-table a", has_text="Galarza v. Szalczyk")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/galarza-v-szalczyk/"))


def test_copy_link_and_cite_this(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "cases/galarza-v-szalczyk/")
    page.locator(".permalink-line .copy-button").click()
    page.wait_for_function("document.querySelector('.permalink-line .copy-button').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/cases/galarza-v-szalczyk/")
    page.click("text=Citation in APA, MLA, Chicago, Bluebook, BibTeX or CSL-JSON")
    for key in ("apa", "mla", "chicago-note", "chicago-bibliography", "bluebook", "bibtex", "csl-json"):
        assert page.locator(f"#cite-{key}").is_visible(), key
    page.click("text=Copy BibTeX")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{detainers-record:galarza-v-szalczyk,")
    screenshot(page, "cite-this")
    event = "2017-01-25-eo-13768-interior-enforcement-order"
    page.goto(site_url + "events/")
    button = page.locator(f'[id="{event}"] .link-button')
    assert button.get_attribute("aria-label").startswith("Copy link: President Trump signs EO 13768")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert copied == canonical + f"{event}/", "the published address, not the address it is previewed at"
    context.close()


def test_reference_managers_find_citation_metadata(page, site_url):
    page.goto(site_url + "cases/galarza-v-szalczyk/")
    assert page.locator('meta[name="citation_title"]').get_attribute("content") == "Galarza v. Szalczyk"
    assert page.locator('meta[name="citation_author"]').get_attribute("content") == "Detainers Record contributors"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", page.locator('meta[name="citation_date"]').get_attribute("content"))
    assert page.locator('meta[name="citation_publisher"]').get_attribute("content") == "Detainers Record"
    assert page.locator('meta[name="citation_public_url"]').get_attribute("content").endswith(
        "/cases/galarza-v-szalczyk/")


def test_charts_render_with_their_text_alternatives(page, site_url):
    page.goto(site_url + "charts/")
    images = page.locator("img.chart-image")
    assert images.count() >= 3
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        assert len(image.get_attribute("alt")) > 40, "the text alternative states what the chart shows"
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    era = page.locator("object.chart-image").first
    assert era.get_attribute("aria-label")
    era.scroll_into_view_if_needed()
    page.wait_for_function("o => o.contentDocument && o.contentDocument.querySelector('svg title')",
                           arg=era.element_handle())
    screenshot(page, "charts")


def test_the_menu_works_on_a_record_page_at_phone_width(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "people/jeh-johnson/")
    page.locator("label.md-header__button[for='__drawer']").click()
    timeline = page.locator(".md-nav--primary a.md-nav__link", has_text="Timeline")
    timeline.wait_for(state="visible")
    screenshot(page, "phone-record-menu")
    timeline.click()
    page.wait_for_url(re.compile(r"/events/$"))
    context.close()

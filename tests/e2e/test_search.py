"""Search as a reader uses it: nothing of it is downloaded until they open it; then it finds records by name, shows
each result's kind, title and highlighted excerpt, filters by kind, and works from the keyboard and with a screen
reader (a named dialog, focus inside it, Escape back to where they were, results announced)."""

from __future__ import annotations

import re

import pytest

from scripts.records.registry import REGISTRY
from scripts.records.validate import validate

from ..conftest import ROOT
from .conftest import screenshot
from .search_ui import open_search, search

pytestmark = pytest.mark.slow

SEARCH_FILES = re.compile(r"/pagefind/|search_index\.json|/workers/search\.")


@pytest.fixture(scope="module")
def dataset():
    return validate(ROOT / "data")




def test_a_page_load_makes_no_search_request(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "cases/galarza-v-szalczyk/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert requested and not [url for url in requested if SEARCH_FILES.search(url)], requested
    open_search(page)
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "/pagefind/" in url], "opening search starts loading it"


@pytest.mark.parametrize("collection, record_id", [("cases", "galarza-v-szalczyk"),
                                                   ("events", "2017-01-25-eo-13768-interior-enforcement-order")])
def test_search_finds_a_record_by_its_title(page, site_url, dataset, collection, record_id):
    title = dataset.collections[collection][record_id].title
    page.goto(site_url)
    open_search(page)
    results = search(page, title)
    found = [r for r in results[:3] if r["title"] == title]
    assert found, [r["title"] for r in results]
    assert found[0]["kind"] == REGISTRY.singular(collection).capitalize()
    assert found[0]["href"].endswith(f"/{collection}/{record_id}/")
    assert found[0]["marks"], "the excerpt highlights the matched words"


def test_a_case_comes_before_the_sources_that_share_its_name(page, site_url, dataset):
    """A case's name is also the title of its sources (a court's opinion, a case page): the case ranks first."""
    case = dataset.collections["cases"]["galarza-v-szalczyk"]
    namesakes = [s for s in dataset.collections["sources"].values() if case.title.split(" v. ")[0] in s.title]
    assert namesakes, "the check needs sources that share the case's name"
    page.goto(site_url)
    open_search(page)
    results = search(page, case.title.split(" v. ")[0])
    assert results[0]["title"] == case.title and results[0]["kind"] == "Case", results[:3]
    page.locator("#site-search-results a").first.click()
    page.wait_for_url(re.compile(r"/cases/galarza-v-szalczyk/$"))


def test_search_from_a_record_page_finds_a_source_by_its_title(page, site_url, dataset):
    """Search works on record pages too (their header icons come from the shared sprite)."""
    title = dataset.collections["sources"]["trac-2013-02-20-who-are-the-targets-of-ice-detainers"].title
    page.goto(site_url + "events/2014-03-04-galarza-third-circuit-detainers-are-requests/")
    icon = page.evaluate("""() => {
        const use = document.querySelector('button.site-search-open use');
        const id = use.getAttribute('href').split('#')[1];
        return fetch(new URL(use.getAttribute('href'), location.href)).then(r => r.text())
            .then(text => text.includes('<symbol id="' + id + '"'));
    }""")
    assert icon, "the search icon's symbol is in the sprite"
    open_search(page)
    assert title in [r["title"] for r in search(page, title)][:3]


def test_results_filter_by_kind(page, site_url, dataset):
    page.goto(site_url)
    open_search(page)
    events = len(dataset.collections["events"])
    page.locator("#site-search-kind").focus()  # the kinds are fetched when the reader goes to the filter
    page.locator("#site-search-kind option", has_text=f"Event ({events})").wait_for(state="attached")
    everything = search(page, "detainer")
    assert {r["kind"] for r in everything} - {"Event"}, "without a filter, other kinds show too"
    page.select_option("#site-search-kind", "Event")
    page.wait_for_function("document.querySelector('#site-search-status').textContent.includes('among event')")
    filtered = page.locator("#site-search-results .site-search__result-kind").all_inner_texts()
    assert filtered and set(filtered) == {"Event"}
    screenshot(page, "search-filtered")


def test_search_works_from_the_keyboard(page, site_url):
    page.goto(site_url + "cases/")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Search this site")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.id") == "site-search-input", "focus moves into the dialog"
    page.keyboard.type("Galarza")
    page.wait_for_function("document.querySelectorAll('#site-search-results a').length > 0")
    status = page.locator("#site-search-status")
    assert status.get_attribute("role") == "status" and re.match(r"\d+ results?", status.inner_text())
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("""() => { const a = document.activeElement;
            return a.id || a.getAttribute('aria-label')
                || (a.closest('#site-search-results') ? 'result' : a.tagName); }"""))
    assert order == ["site-search-kind", "Close search", "result", "result"], order
    assert page.evaluate("document.getElementById('site-search').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert not dialog.is_visible(), "Escape closes the search, from any control in it"
    page.locator("button.site-search-open").focus()
    page.keyboard.press("Enter")
    dialog.wait_for()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('site-search-open')"), \
        "focus returns to the search button"


def test_open_search_has_no_serious_accessibility_violations(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    open_search(page)
    search(page, "Secure Communities")
    screenshot(page, "search")
    results = Axe().run(page, context="#site-search")
    serious = [(v["id"], v["help"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.errors == [] and page.console_errors == []

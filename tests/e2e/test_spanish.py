"""The Spanish edition as a reader meets it: every page links to its twin in the other language and the switch
lands there; search on a Spanish page finds Spanish pages by Spanish words, and only those."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from scripts.records.translations import translation_of
from scripts.records.validate import validate

from ..conftest import ROOT
from .conftest import screenshot
from .search_ui import search

pytestmark = pytest.mark.slow

WORD = re.compile(r"[a-záéíóúñü]{7,}")


@pytest.fixture(scope="module")
def dataset():
    return validate(ROOT / "data")


def test_the_copy_buttons_speak_the_pages_language(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "es/cases/galarza-v-szalczyk/")
    button = page.locator(".permalink-line .copy-button")
    assert button.text_content() == "Copiar enlace"
    button.click()
    page.wait_for_function("document.querySelector('.permalink-line .copy-button').textContent === 'Copiado'")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/es/cases/galarza-v-szalczyk/")
    page.click("text=Cita en APA, MLA, Chicago, Bluebook, BibTeX o CSL-JSON")
    assert page.locator("button.copy-button", has_text="Copiar BibTeX").is_visible()
    event = page.locator(".event-links .link-button")
    page.goto(site_url + "es/events/")
    assert event.first.get_attribute("aria-label").startswith("Copiar enlace: ")
    context.close()


@pytest.mark.parametrize("path", ["", "cases/galarza-v-szalczyk/", "counties/il-17031/"])
def test_the_language_switch_lands_on_the_twin_page_and_back(page, site_url, path):
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a.site-language", has_text="Español").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + "es/" + path
    assert page.locator("html").get_attribute("lang") == "es"
    screenshot(page, "spanish-" + (path.strip("/").replace("/", "-") or "home"))
    page.locator("a.site-language", has_text="English").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + path
    assert page.locator("html").get_attribute("lang") == "en"


def _rarest_spanish_word(dataset, record_id: str) -> str:
    """The word of the record's Spanish text that the fewest other records' Spanish texts use (or a word like it)."""
    def words(record) -> set[str]:
        translated = translation_of(record)
        if translated is None:
            return set()
        text = " ".join(str(v) for v in translated.model_dump(exclude={"english_version"}).values() if v)
        return set(WORD.findall(text.lower()))

    # Counted by their first six letters: Pagefind's Spanish stemming finds "calificada" for "calificado".
    counts = Counter(w[:6] for c in dataset.collections.values() for r in c.values() for w in words(r))
    own = sorted(words(dataset.get(record_id)), key=lambda w: (counts[w[:6]], -len(w), w))
    assert own, f"{record_id} has no Spanish text to search for"
    return own[0]


def test_a_spanish_search_finds_a_case_by_a_spanish_word_and_only_spanish_pages(page, site_url, dataset):
    word = _rarest_spanish_word(dataset, "galarza-v-szalczyk")
    page.goto(site_url + "es/")
    page.locator("button.site-search-open").click()
    page.get_by_role("dialog", name="Buscar en este sitio").wait_for()
    results = search(page, word)
    assert any(r["href"].endswith("/es/cases/galarza-v-szalczyk/") for r in results[:3]), (word, results[:5])
    assert all("/es/" in r["href"] for r in results), [r["href"] for r in results]
    assert results[0]["kind"] and results[0]["kind"] != "Case", "result kinds are shown in Spanish"
    status = page.locator("#site-search-status").text_content()
    assert "resultado" in status, status

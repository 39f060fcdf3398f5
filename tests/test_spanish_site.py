"""The built site in two languages: every English page has a Spanish twin at es/<same path>, each page says its
language (<html lang>) and names both twins (hreflang), and no Spanish page shows an interface text in English."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from scripts.site.citations import SITE_NAME
from scripts.site.i18n import spanish

pytestmark = pytest.mark.slow

NOT_PAGES = ("assets/", "pagefind/", "es/")
LANG = re.compile(r'<html lang="([a-z-]+)"')
HREFLANG = re.compile(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">')


def _pages(site: Path, under: str = "") -> dict[str, Path]:
    """Site path ('cases/x/') -> its index.html, for every page (redirect pages included) below `under`."""
    root = site / under if under else site
    found = {}
    for path in root.rglob("index.html"):
        relative = path.parent.relative_to(site).as_posix()
        url = "" if relative == "." else relative + "/"
        if not under and url.startswith(NOT_PAGES):
            continue
        found[url[len(under):] if under else url] = path
    return found


def test_every_english_page_has_a_spanish_twin(real_site):
    english, spanish_pages = _pages(real_site), _pages(real_site, "es/")
    assert len(english) > 5000, "the real site has thousands of pages"
    missing = sorted(set(english) - set(spanish_pages))
    assert not missing, f"{len(missing)} English pages have no Spanish twin, e.g. {missing[:5]}"
    extra = sorted(set(spanish_pages) - set(english))
    assert not extra, f"Spanish pages without an English twin: {extra[:5]}"


def test_each_page_says_its_language_and_names_both_twins(real_site):
    home = dict(HREFLANG.findall((real_site / "index.html").read_text(encoding="utf-8")))
    site_url = home["en"]
    assert home["es"] == site_url + "es/"
    sample = sorted(_pages(real_site).items())[::40]
    assert len(sample) > 100
    for url, path in sample:
        for language, page in (("en", path), ("es", real_site / "es" / path.relative_to(real_site))):
            text = page.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in text:
                continue  # a redirect page
            assert LANG.search(text).group(1) == language, page
            assert dict(HREFLANG.findall(text)) == {"en": site_url + url, "es": site_url + "es/" + url}, page


class _Text(html.parser.HTMLParser):
    """The text a reader sees, outside elements marked as English (lang="en": untranslated record text, quotes)."""

    SKIP = {"script", "style", "code", "pre", "svg"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        english = dict(attrs).get("lang", "").startswith("en") or (self.stack and self.stack[-1][1])
        self.stack.append((tag, bool(english) or tag in self.SKIP or (self.stack and self.stack[-1][1]) is True))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]) and data.strip():
            self.texts.append(" ".join(data.split()))


def _english_labels() -> set[str]:
    """Every interface message the Spanish catalog translates differently, without placeholders."""
    catalog = spanish().catalog
    return {message for message, translation in catalog.messages.items()
            if "%(" not in message and (translation if isinstance(translation, str) else translation[0]) != message
            and message != SITE_NAME}  # citations name the publication as it is registered


def test_no_spanish_page_shows_an_english_interface_text(real_site):
    """Every Spanish page of the real site (some 6,000; a text the catalog translates is a label left in English)."""
    labels = _english_labels()
    assert labels
    pages = _pages(real_site, "es/")
    assert len(pages) > 5000
    found = {}
    for url, path in sorted(pages.items()):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        english = sorted({text for text in parser.texts if text in labels or text.rstrip(":") in labels})
        if english:
            found[url] = english
    assert not found, f"{len(found)} Spanish pages show English labels: {dict(list(found.items())[:10])}"

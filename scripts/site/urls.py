"""Where each page of the site lives and what each record is called there: the one module that owns URLs and display
names. Render, citations, feed, downloads and briefings all ask here, so none of them needs another."""

from __future__ import annotations

import re

from ..records.model import Dataset
from ..records.registry import REGISTRY
from ..records.schema import Record
from ..records.translations import translated_fields, translation_of

# Where the site is published. Deployments set SITE_URL (read by mkdocs.yml); this is `mkdocs serve`'s address.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"

_ABSOLUTE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def is_absolute_url(url: str) -> bool:
    return bool(_ABSOLUTE.match(url))


def record_path(collection: str, record_id: str) -> str:
    """Site-relative URL of a record page (MkDocs directory URLs)."""
    return f"{collection}/{record_id}/"


_FILE = re.compile(r"^[^#?]*/?[^/#?]+\.[A-Za-z0-9]+(?:[#?].*)?$")


def is_page_path(path: str) -> bool:
    """Whether a site path names a page ('cases/x/', 'charts/#id', '' for home) rather than a file ('a/b.csv')."""
    return not _FILE.match(path)


def relative_href(target: str, page_url: str) -> str:
    """Relative href from a page's directory URL ('cases/x/', '' for home) to a site-relative target. Both are
    directory URLs under the site root, so climbing to the root and descending is exact."""
    up = "../" * page_url.count("/")
    return (up + target) or "./"


def absolute_url(site_url: str, path: str) -> str:
    """site_url ('https://example.org/site' or with a trailing slash) + a site-relative path ('cases/x/')."""
    if not site_url or not is_absolute_url(site_url):
        raise ValueError(f"site_url must be an absolute http(s) URL, got {site_url!r}")
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def not_in_nav() -> str:
    """MkDocs' not_in_nav patterns: every record page and every briefing (reached from their listings), and the
    listing of each collection the registry keeps out of the navigation."""
    patterns = [f"/{c.name}/*.md" if c.in_nav else f"/{c.name}/" for c in REGISTRY.in_page_order()]
    patterns += ["/reports/*.md", "/charts/287g-by-state.md", "/detainers/*.md", "/datasets/*.md", "/sanctuary-lists/",
                 "/field-offices/", "/coverage/"]
    from .i18n import languages  # every language's pages under its folder, the same way
    return "\n".join(patterns + [f"/{language.prefix.rstrip('/')}{pattern}" for language in languages()
                                  if language.prefix for pattern in patterns]) + "\n"


def record_label(record: Record, language: str = "en") -> str:
    """A record's own name: its full name (a county with its state), else its name, else its title, else its
    headword in `language` (a glossary term), else its id (a quote has neither name nor title)."""
    # asked of the class: a missing attribute on a pydantic record costs an exception inside pydantic, on every link
    headword = getattr(type(record), "headword", None)
    return (getattr(record, "full_name", None) or getattr(record, "name", None) or getattr(record, "title", None)
            or (headword(record, language) if headword else None) or record.id)


def display_name(dataset: Dataset, record_id: str) -> str:
    """What a record is called on the site. Quotes have no title: they are called by speaker and opening words."""
    record = dataset.get(record_id)
    if dataset.collection_of[record_id] == "quotes":
        words = record.text.split()
        opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        return f"{display_name(dataset, record.speaker)}: “{opening}”"
    return record_label(record, dataset.language)



def name_language(dataset: Dataset, record_id: str) -> str | None:
    """The language of what display_name calls a record, when it is not the language of `dataset`'s pages, for a
    `lang` attribute on it: a source's title as published, a quote's words (kept verbatim, in English), a title or
    name that has no translation yet (the English shown in its place). None when it is in the page's language or
    is a proper name the site does not translate (a person, an agency, a place)."""
    page = dataset.language
    record = (dataset.english or dataset).get(record_id)
    fields = type(record).model_fields
    if "language" in fields:  # a source: cited as published
        return record.language if record.language != page else None
    if page == "en":
        return None
    if dataset.collection_of[record_id] == "quotes":
        return "en"
    named = "name" if "name" in fields and record.name else "title" if "title" in fields else None
    if named is None or named not in translated_fields(type(record)):
        return None
    translation = translation_of(record, page)
    return None if translation is not None and getattr(translation, named, None) else "en"

# --- Pages drawn from the ingested datasets (data/datasets/), declared in scripts/site/datasets/catalog.py ---------

DATASETS_INDEX = "datasets/"
DETAINERS_INDEX = "detainers/"


def dataset_path(slug: str) -> str:
    """A dataset's page: where it came from, its files and their SHA-256, what uses it."""
    return f"datasets/{slug}/"


def detainers_path(period: str) -> str:
    """A page of detainer figures for one period ('2007-2015', '2023-onward')."""
    return f"detainers/{period}/"


def dataset_download_path(slug: str, relative: str) -> str:
    """Where a dataset's committed CSV is served for download."""
    return f"downloads/datasets/{slug}/{relative}"


def page_source(path: str) -> str:
    """The generated Markdown file that MkDocs turns into the page at a directory URL: 'a/b/' → 'a/b.md',
    'a/' → 'a/index.md'."""
    parts = path.strip("/").split("/")
    return f"{parts[0]}/index.md" if len(parts) == 1 else "/".join(parts) + ".md"


# --- ICE's 287(g) lists: the release pages, the pending page and the feeds of their changes -------------------------

RELEASES_287G = "287g-releases/"
PENDING_287G = "287g-pending/"
FEEDS_287G = "feeds/287g/"


def release_287g_path(date: str) -> str:
    """The page of one of ICE's participating lists and what changed since the one before ('2025-12-02')."""
    return f"{RELEASES_287G}{date}/"


def feed_287g_path(scope: str, record_id: str = "") -> str:
    """The Atom feed of 287(g) changes of the nation (scope 'nation'), a state or a county (its record id). A file,
    the same path in every language but for the language's prefix (the Renderer adds it)."""
    if scope == "nation":
        return f"{FEEDS_287G}us.xml"
    if scope in ("state", "county"):
        return f"{FEEDS_287G}{scope}/{record_id}.xml"
    raise ValueError(f"no 287(g) feed for {scope!r}")

"""The MkDocs side of the site's languages: one build holds every language (English at the root, Spanish under es/);
each language's pages get their own navigation (mkdocs.yml's, with its titles translated and its pages in that
language's folder), Material's interface text in that language (overrides/partials/language.html) and links to
their twins in the other languages (overrides/main.html, overrides/partials/header.html).

Kept apart from mkdocs_hooks.py so that what is MkDocs-specific about languages is in one small place."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .i18n import Language, languages

_SECTION = "language:"  # the title of the nav section that holds a language's pages until on_nav takes it out
_navigations: dict[str, Navigation] = {}


def language_of(url: str) -> Language:
    """The language of a page, from where it lives ('es/cases/x/' is Spanish)."""
    for language in languages()[1:]:
        if url.startswith(language.prefix):
            return language
    return languages()[0]


def twin_urls(url: str) -> dict[str, str]:
    """The page's address in every language: {'en': 'cases/x/', 'es': 'es/cases/x/'}."""
    english = url
    language = language_of(url)
    if language.prefix:
        english = url[len(language.prefix):]
    return {other.code: other.path(english) for other in languages()}


def _translated(items: list, language: Language) -> list:
    """mkdocs.yml's nav in another language: titles from its catalog, pages in its folder."""
    translated = []
    for item in items:
        if isinstance(item, str):
            translated.append(language.path(item))
            continue
        ((title, target),) = item.items()
        value = _translated(target, language) if isinstance(target, list) else language.path(target)
        translated.append({language.gettext(title): value})
    return translated


def add_language_navs(config) -> None:
    """on_config: every other language's navigation, each as one more section of the nav (split off in on_nav)."""
    english = [item for item in config.nav if not (isinstance(item, dict) and
                                                    next(iter(item)).startswith(_SECTION))]
    config.nav = english + [{_SECTION + language.code: _translated(english, language)}
                            for language in languages()[1:]]


def split_navs(nav: Navigation) -> Navigation:
    """on_nav: the English navigation; the others are kept for their pages (navigation_for)."""
    _navigations.clear()
    items = []
    for item in nav.items:
        if isinstance(item, Section) and item.title.startswith(_SECTION):
            code = item.title[len(_SECTION):]
            for child in item.children:
                child.parent = None
            pages = [page for page in nav.pages if _in_section(page, item)]
            _navigations[code] = Navigation(item.children, pages)
            homepage = next((page for page in pages if page.file.src_uri == f"{code}/index.md"), None)
            _navigations[code].homepage = homepage
        else:
            items.append(item)
    english_pages = [page for page in nav.pages if language_of(page.url).code == "en"]
    english = Navigation(items, english_pages)
    english.homepage = nav.homepage
    _navigations["en"] = english
    return english


def _in_section(page: Page, section: Section) -> bool:
    parent = page.parent
    while parent is not None:
        if parent is section:
            return True
        parent = parent.parent
    return any(child is page for child in section.children)


def navigation_for(page) -> Navigation | None:
    """on_page_context: the navigation of the page's language."""
    return _navigations.get(language_of(page.url).code)


# What the theme reads from the configuration that is in a language: set for each page before it is rendered
# (on_page_context) and put back after (on_post_page), so pages without a language (404.html) stay English.
_SITE_TEXT = ("site_name", "site_description", "copyright")
_english_text: dict[str, str] = {}


def use_language(config, page) -> None:
    language = language_of(page.url)
    if not _english_text:
        _english_text.update({key: config[key] for key in _SITE_TEXT})
        _english_text["theme.language"] = config.theme["language"]
    for key in _SITE_TEXT:
        config[key] = language.gettext(_english_text[key]) if _english_text[key] else _english_text[key]
    config.theme["language"] = language.code


def use_english(config) -> None:
    for key in _SITE_TEXT:
        if key in _english_text:
            config[key] = _english_text[key]
    if "theme.language" in _english_text:
        config.theme["language"] = _english_text["theme.language"]


# Material's script reads every <link rel="alternate"> as another language's copy of the whole site and fetches a
# sitemap.xml beside it, to keep the reader on the same page when they switch: here each page's alternates are its
# own twins (es/cases/x/), so that fetch would be a 404 in the console of every page. The site's language switch
# links each page to its twin itself, so the script is pointed at alternates without hreflang (there are none).
_MATERIAL_ALTERNATES = '"link[rel=alternate]"'
_OUR_ALTERNATES = '"link[rel=alternate]:not([hreflang])"'


def without_sitemap_fetch(files: Files, config) -> None:
    """on_files: Material's bundle, with its alternate-language lookup kept off the pages' hreflang links."""
    bundles = [file for file in files if file.src_uri.startswith("assets/javascripts/bundle.")
               and file.src_uri.endswith(".min.js")]
    for bundle in bundles:
        text = bundle.content_string
        if _MATERIAL_ALTERNATES not in text:
            raise PluginError(f"{bundle.src_uri}: Material's script no longer selects {_MATERIAL_ALTERNATES}; "
                              "check how it treats hreflang links (scripts/site/mkdocs_languages.py)")
        files.remove(bundle)
        files.append(File.generated(config, bundle.src_uri, content=text.replace(_MATERIAL_ALTERNATES,
                                                                                 _OUR_ALTERNATES)))

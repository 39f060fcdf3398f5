"""Generated pages are rendered by one Python-Markdown instance per language, reset between pages, instead of a new
one per page (issue #33). MkDocs' Page.render builds a Markdown instance (every extension, processor and pattern) for
each page, to render what is, for a generated page, one line: its heading (scripts/site/mkdocs_raw_pages.py). Making
the instance cost more than rendering that line, for each of the ~12,000 pages.

This is the one place the site replaces a MkDocs function: a generated page's `render` is this module's copy of
MkDocs 1.6.1's Page.render, with the instance taken from a memo (keyed by the Markdown extensions and their options,
which differ by language: the permalink's title) and reset, as Python-Markdown documents for reusing an instance.
MkDocs' own processors (anchors, links, title) are made for each page as MkDocs makes them, and replace the previous
page's by name. tests/test_mkdocs_markdown_reuse.py fails when MkDocs' Page.render changes, and checks that every
fixture page renders to the same HTML, table of contents, title, anchors and links as with MkDocs' own."""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure.pages import (_ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor, _RawHTMLPreprocessor,
                                    _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

_instances: dict[str, markdown.Markdown] = {}
_MOST_INSTANCES = 8  # one per language; more only when mkdocs.yml changes under `serve`

log = logging.getLogger("mkdocs.structure.pages")  # the logger MkDocs' Page.render reads the level of


def _shared_markdown(config) -> markdown.Markdown:
    key = repr((config["markdown_extensions"], config["mdx_configs"] or {}))
    md = _instances.get(key)
    if md is None:
        if len(_instances) >= _MOST_INSTANCES:
            _instances.clear()
        md = _instances[key] = markdown.Markdown(extensions=config["markdown_extensions"],
                                                 extension_configs=config["mdx_configs"] or {})
    return md.reset()


def render(page, config, files) -> None:
    """MkDocs 1.6.1's Page.render (mkdocs/structure/pages.py), with a reused Markdown instance."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")

    md = _shared_markdown(config)

    raw_html_ext = _RawHTMLPreprocessor()
    raw_html_ext._register(md)

    extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)

    relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)

    extract_title_ext = _ExtractTitleTreeprocessor()
    extract_title_ext._register(md)

    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, 'toc_tokens', []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = (
        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    )
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def use_shared_markdown(page) -> None:
    """on_page_markdown, for a generated page: MkDocs' next call of page.render uses the shared instance."""
    page.render = lambda config, files: render(page, config, files)

"""Generated pages are rendered by one Python-Markdown instance per language, reset between pages, instead of a new
one per page (issue #33). MkDocs' Page.render makes a Markdown instance (every extension, processor and pattern) for
each page, and for a generated page renders one line with it, its heading (scripts/site/mkdocs_raw_pages.py): making
the instance cost more than rendering the line, for each of the ~12,000 pages.

MkDocs' own Page.render still renders the page; while it does, the name `markdown` in its module stands for
_SharedMarkdownModule, whose Markdown(...) gives the instance kept for those extensions and options (they differ by
language: the permalink's title), reset as Python-Markdown documents for reusing one. The processors MkDocs adds for
each page (anchors, links, title) replace the previous page's, as they are registered by name. Should MkDocs stop
making its instance through that name, pages are still rendered by MkDocs, only with an instance each:
tests/test_mkdocs_markdown_reuse.py says so, and checks every fixture page against MkDocs' rendering without this."""

from __future__ import annotations

import markdown
import mkdocs.structure.pages as mkdocs_pages

_instances: dict[str, markdown.Markdown] = {}
_MOST_INSTANCES = 8  # one per language; more only when mkdocs.yml changes under `serve`


class _SharedMarkdownModule:
    """The markdown module as MkDocs' page module sees it while a generated page renders."""

    def __getattr__(self, name: str):
        return getattr(markdown, name)

    @staticmethod
    def Markdown(extensions=(), extension_configs=None, **options) -> markdown.Markdown:  # noqa: N802 - its name
        key = repr((extensions, extension_configs or {}, sorted(options.items())))
        md = _instances.get(key)
        if md is None:
            if len(_instances) >= _MOST_INSTANCES:
                _instances.clear()
            md = _instances[key] = markdown.Markdown(extensions=extensions, extension_configs=extension_configs or {},
                                                     **options)
        return md.reset()


_SHARED = _SharedMarkdownModule()


def render(page, config, files) -> None:
    """MkDocs' Page.render of `page`, with the shared Markdown instance."""
    own = mkdocs_pages.markdown
    mkdocs_pages.markdown = _SHARED
    try:
        mkdocs_pages.Page.render(page, config, files)
    finally:
        mkdocs_pages.markdown = own


def use_shared_markdown(page) -> None:
    """on_page_markdown, for a generated page: MkDocs' next call of page.render uses the shared instance."""
    page.render = lambda config, files: render(page, config, files)

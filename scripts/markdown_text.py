"""Markdown fields from YAML become safe HTML: raw HTML in the text is shown as text, and the result passes an
allowlist sanitiser (nh3), so no field can inject markup, script or a javascript: link."""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")


_MD = _converter()
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+\.)[ \t]")


def _blank_line_before_lists(text: str) -> str:
    """Python-Markdown needs a blank line before a list; writers (and CommonMark) expect a list to be able to start
    on the line after a paragraph."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if i and _LIST_ITEM.match(line) and lines[i - 1].strip() and not _LIST_ITEM.match(lines[i - 1]):
            out.append("")
        out.append(line)
    return "\n".join(out)


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


@functools.lru_cache(maxsize=4096)
def _render(text: str) -> str:
    _MD.reset()
    return sanitize(_MD.convert(_blank_line_before_lists(text)))


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown field (cached: an event's summary appears on several pages)."""
    return Markup(_render(text)) if text else Markup("")

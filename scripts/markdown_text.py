"""Markdown fields from YAML become safe HTML: raw HTML in the text is shown as text, and the result passes an
allowlist sanitiser (nh3), so no field can inject markup, script or a javascript: link."""

from __future__ import annotations

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
# Python-Markdown needs a blank line before a list; writers (and CommonMark) expect a list to start on the next line.
_LIST_AFTER_TEXT = re.compile(r"(?m)^(?![ \t]*(?:[-*+]|\d+\.)[ \t])([^\n]*\S[^\n]*)\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])")


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    _MD.reset()
    return Markup(sanitize(_MD.convert(_LIST_AFTER_TEXT.sub(r"\1\n\n", text))))

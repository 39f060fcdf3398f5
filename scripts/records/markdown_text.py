"""Markdown fields from YAML become safe HTML: raw HTML in the text is shown as text, and the result passes an
allowlist sanitiser (nh3), so no field can inject markup, script or a javascript: link. Links lead only to full
http(s) or mailto addresses: a root path (/etc/passwd) or a protocol-relative address (//host/) is refused by the
validator (`markdown_problem`) and loses its href in the sanitiser, on the site and in the PDFs alike.

`markdown_problem` also bounds the work a field can cause. Python-Markdown looks for the `]` of every `[` by scanning
ahead, so brackets that nest or never close make the time grow with the square of the text (16 KB of them took 15 s),
and its inline work grows with the square of a paragraph's length; deeply nested quotes, lists or emphasis make the
PDF engine recurse. It limits all three (see limits.py), so the time grows linearly with the text."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from .limits import (
    MAX_MARKDOWN_BRACKET_DEPTH,
    MAX_MARKDOWN_NESTING,
    MAX_MARKDOWN_PARAGRAPH_CHARS,
    MAX_MARKDOWN_UNCLOSED_BRACKETS,
)

ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_PREFIXES = ("http://", "https://", "mailto:")


class _NoRawHtml(markdown.Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")


_MD = _converter()
_CHECKER = _converter()  # one converter reused for every field checked: building one costs more than converting
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+\.)[ \t]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


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


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href" and not value.lower().startswith(LINK_PREFIXES):
        return None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True, attribute_filter=_absolute_links_only)


class _Shape(HTMLParser):
    """How deeply the elements of converted Markdown nest, and where its links lead."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr", "img"):
            return
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        self.depth -= 1


def _bracket_problem(text: str) -> str | None:
    """Brackets are matched as Markdown matches them (an escaped \\[ is text); too many left open, or matched pairs
    nested too deeply, would make rendering slow."""
    opened: list[int] = []
    pairs: dict[int, int] = {}
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            opened.append(index)
        elif char == "]" and opened:
            pairs[opened.pop()] = index
    if len(opened) > MAX_MARKDOWN_UNCLOSED_BRACKETS:
        return (f"has {len(opened)} [ that no ] closes; at most {MAX_MARKDOWN_UNCLOSED_BRACKETS}: close them, or "
                "write \\[ for a bracket meant as text")
    closing = set(pairs.values())
    depth = 0
    for index in sorted(set(pairs) | closing):
        depth += 1 if index in pairs else -1
        if depth > MAX_MARKDOWN_BRACKET_DEPTH:
            return (f"has [ ] inside [ ] more than {MAX_MARKDOWN_BRACKET_DEPTH} levels deep; a link's text needs "
                    "none: remove the extra brackets, or write \\[ and \\] for brackets meant as text")
    return None


def markdown_problem(text: str) -> str | None:
    """What to change in a Markdown field that would be slow or unsafe to render, or None when it is fine."""
    longest = max(len(paragraph) for paragraph in _BLANK_LINE.split(text))
    if longest > MAX_MARKDOWN_PARAGRAPH_CHARS:
        return (f"has a paragraph of {longest:,} characters; at most {MAX_MARKDOWN_PARAGRAPH_CHARS:,}: split it "
                "with a blank line")
    problem = _bracket_problem(text)
    if problem:
        return problem
    global _CHECKER
    try:
        html = _CHECKER.reset().convert(_blank_line_before_lists(text))
    except RecursionError:
        html = None
        _CHECKER = _converter()  # a converter stopped mid-way may hold partial state
    shape = _Shape()
    if html is not None:
        shape.feed(html)
        shape.close()
    if html is None or shape.deepest > MAX_MARKDOWN_NESTING:
        return (f"quotes, lists and emphasis are nested more than {MAX_MARKDOWN_NESTING} levels deep; "
                "write it flatter (fewer > at the start of a line, less indentation, fewer * or _ inside each other)")
    for href in shape.links:
        if not href.lower().startswith(LINK_PREFIXES):
            return (f'the link "{href}" does not lead to a full web address; write the whole address, starting '
                    "with https:// (or mailto: for an e-mail address)")
    return None


@functools.lru_cache(maxsize=4096)
def _render(text: str) -> str:
    _MD.reset()
    return sanitize(_MD.convert(_blank_line_before_lists(text)))


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a Markdown field (cached: an event's summary appears on several pages)."""
    return Markup(_render(text)) if text else Markup("")

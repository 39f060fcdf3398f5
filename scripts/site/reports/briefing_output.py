"""What a briefing's own template may put in its page and PDF: the elements and attributes the shared template
writes, and nothing that runs (no <script>, no on… handlers, no style attributes, no javascript: links). The shared
template's output is trusted and left as it is; an own template's output passes this allowlist.

In the standalone document, the head up to <style> comes from the shared template (a template that extends it can
only replace blocks), and the style block may hold CSS but no markup."""

from __future__ import annotations

import re

import nh3

TAGS = {"a", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
        "header", "img", "li", "ol", "p", "section", "span", "strong", "table", "tbody", "td", "th", "thead", "time",
        "tr", "ul"}
ATTRIBUTES = {"*": {"class", "id"}, "a": {"href", "title", "type"}, "img": {"src", "alt", "width", "height"},
              "th": {"scope"}, "time": {"datetime", "data-precision"}}
URL_SCHEMES = {"http", "https", "mailto", "data"}
_SVG_DATA_URL = re.compile(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]*\Z")
_STANDALONE = re.compile(r"(<!DOCTYPE html>\n<html lang=\"[a-z]{2,3}\">\n<head>\n(?:<meta [^<>]*>\n|<title>[^<>]*</title>\n)*"
                         r"<style>\n)(.*?)(</style>\n</head>\n<body>\n)(.*)(</body>\n</html>\n?)", re.S)
# CSS that could fetch something or end the style element; the PDF engine fetches nothing anyway, but the printable
# HTML is a file people open in a browser.
_UNSAFE_CSS = re.compile(r"<|@import|url\s*\(|expression\s*\(|\\", re.I)


class UnsafeOutput(ValueError):
    pass


def _attribute(tag: str, name: str, value: str) -> str | None:
    if value.lower().startswith("data:") and not (tag == "img" and name == "src" and _SVG_DATA_URL.match(value)):
        return None
    return value


def clean_fragment(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_attribute)


def clean_document(html: str) -> str:
    """A standalone briefing: the shared head kept, the style block checked, the body cleaned."""
    match = _STANDALONE.fullmatch(html)
    if not match:
        raise UnsafeOutput('the template must start with {% extends "report.html.j2" %} and only replace its blocks')
    head, style, between, body, end = match.groups()
    unsafe = _UNSAFE_CSS.search(style)
    if unsafe:
        raise UnsafeOutput(f'the style block may not contain "{unsafe.group(0)}": write plain CSS rules, with no '
                           f"markup, imports, url() or escapes")
    return head + style + between + clean_fragment(body) + "\n" + end

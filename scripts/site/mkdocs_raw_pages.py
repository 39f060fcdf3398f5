"""Generated pages reach MkDocs as HTML without Python-Markdown parsing it (issue #33). A generated page is a Markdown
h1, a blank line and one raw HTML block (scripts/site/render.py, Renderer.page); Markdown passes such a block through
unchanged, but first runs two HTML parsers over all of it (its raw-HTML block parser, and MkDocs' search for the ids
links may point to): about half of a full build's time. So the hooks give Markdown only the heading (its id, lang and
permalink, the page's table of contents and title, as before) and append the body to the HTML it makes: the same
bytes (tests/test_build.py checks every fixture page against Python-Markdown's own output). The ids in a body are
looked for only on the pages a hand-written page links into with an anchor, as MkDocs checks those links."""

from __future__ import annotations

from html.parser import HTMLParser

_BODY_KEY = "_raw_html_body"  # set on a Page between on_page_markdown and on_page_content
_SKIPPED_KEY = "_raw_html_skipped"  # set on a Page whose body Markdown did not parse


def heading_and_body(markdown: str) -> tuple[str, str] | None:
    """A generated page's Markdown as (its heading, its HTML body); None when it is not of that form (then Markdown
    renders all of it, as for a hand-written page)."""
    if not markdown.startswith("# "):
        return None
    end = markdown.find("\n\n")
    if end < 0 or "\n" in markdown[:end]:
        return None
    body = markdown[end + 2:].strip()
    if not body.startswith("<") or not body.endswith(">"):
        return None
    return markdown[:end + 1], body


def take_body(markdown: str, page) -> str:
    """on_page_markdown: what Markdown should render of a generated page (its heading); the body waits on the page."""
    split = heading_and_body(markdown)
    if split is None:
        return markdown
    heading, body = split
    setattr(page, _BODY_KEY, body)
    return heading


def add_body(html: str, page) -> str:
    """on_page_content: the rendered heading followed by the body, as Markdown joins two blocks."""
    body = page.__dict__.pop(_BODY_KEY, None)
    if body is None:
        return html
    setattr(page, _SKIPPED_KEY, True)
    return html + "\n" + body


def add_linked_anchor_ids(pages) -> None:
    """on_env, before MkDocs checks links to anchors: the ids in the bodies of the generated pages that other pages
    link into with an anchor that is not the heading's (each page's heading links to itself: its permalink)."""
    targets = {}
    for page in pages:
        for to_file, anchors in (page.links_to_anchors or {}).items():
            target = to_file.page
            if (target is not None and getattr(target, _SKIPPED_KEY, False) and target.present_anchor_ids is not None
                    and target.content is not None and not set(anchors) <= target.present_anchor_ids):
                targets[id(target)] = target
    for target in targets.values():
        target.present_anchor_ids = target.present_anchor_ids | anchor_ids(target.content)


class _AnchorIds(HTMLParser):
    """As MkDocs' own search (mkdocs.structure.pages._HTMLHandler): every id, and the name of every <a>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def anchor_ids(html: str) -> set[str]:
    parser = _AnchorIds()
    parser.feed(html)
    parser.close()
    return parser.ids

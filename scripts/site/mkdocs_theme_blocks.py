"""Material's page blocks that come out the same on every page of a language and a folder depth are rendered once and
reused (issue #33). Material's base.html renders, for each of the site's ~12,000 pages, its configuration JSON, its
stylesheet and script tags and its footer, whose output depends only on the page's language (its interface text,
licence line) and on how deep the page is (relative URLs, through base_url): about a fifth of the theme's time. So
are most of the site's header (overrides/partials/header.html), which marks those parts itself.

on_env wraps those blocks of base.html in the build's Jinja environment (a new one each build, so nothing outlives a
change of mkdocs.yml) with a memo keyed by what they read that varies per page. This leans on how Jinja runs template
inheritance (a child template looks its parent's blocks up in the parent's Template.blocks when it renders), not on
MkDocs; tests/test_mkdocs_theme_blocks.py fails when Material's blocks change, so that what they read is checked
again, and the build's output is byte-identical to the unwrapped templates'."""

from __future__ import annotations

from typing import Callable, Iterator

# Material 9.8.1's base.html blocks whose output is a function of the memo key alone (read them before adding one):
# config (features, interface text, base_url), styles and libs (stylesheet links relative to the page, the theme's
# palette and icons), scripts (script tags relative to the page), analytics (no provider here) and footer (the
# licence line in the page's language; no previous/next links, as "navigation.footer" is off: checked below).
SAME_FOR_EVERY_PAGE = ("config", "styles", "libs", "fonts", "analytics", "scripts", "footer")

_WRAPPED = "_same_for_every_page"


def memo_key(context) -> tuple:
    """What the blocks read that differs between pages: the relative path to the site's root (every URL they write is
    relative to the page, and a page's depth is what base_url says), whether there is a page at all (404.html has
    none and absolute URLs), and the language the hooks set for the page (Material's interface text, the site's
    name and licence line in that language, mkdocs_languages.use_language)."""
    config = context.get("config")
    theme = config.theme if config is not None else {}
    return (context.get("base_url"), context.get("page") is None, theme.get("language"),
            config.get("copyright") if config is not None else None,
            config.get("site_name") if config is not None else None)


def _memoized(block: Callable, name: str) -> Callable:
    rendered: dict[tuple, str] = {}

    def render(context, *args, **kwargs) -> Iterator[str]:
        key = memo_key(context)
        text = rendered.get(key)
        if text is None:
            text = rendered[key] = "".join(block(context, *args, **kwargs))
        yield text

    setattr(render, _WRAPPED, name)
    render.__wrapped__ = block
    return render


class SameForEveryPage:
    """The templates' `{% call same_for_every_page(name, *key) %}...{% endcall %}`: the enclosed part is rendered
    once for each name and key (what it reads that varies by page, spelled out where it is used:
    overrides/partials/header.html) and reused on the other pages of the build."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, str] = {}

    def __call__(self, *key, caller) -> str:
        text = self._rendered.get(key)
        if text is None:
            text = self._rendered[key] = caller()
        return text


def reuse_blocks(env, config) -> None:
    """on_env: Material's base.html in this environment renders each of SAME_FOR_EVERY_PAGE once per memo key, and
    the site's templates get `same_for_every_page`, fresh for each build. Material's blocks are not wrapped when the
    site turns on a feature that makes one of them differ per page."""
    env.globals["same_for_every_page"] = SameForEveryPage()
    if "navigation.footer" in (config.theme.get("features") or []):
        return
    template = env.get_template("base.html")
    for name in SAME_FOR_EVERY_PAGE:
        block = template.blocks.get(name)
        if block is not None and not hasattr(block, _WRAPPED):
            template.blocks[name] = _memoized(block, name)

"""Check every internal link and anchor in a built site, offline: `python -m scripts.tools.linkcheck site/`. A site
built for a sub-path (SITE_URL=https://OWNER.github.io/NAME/, as CI builds it for Pages) is checked at that path:
MkDocs writes the 404 page's links from the root (`/NAME/assets/...`)."""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, href or src)


def _read_page(path: Path) -> _Page:
    """The ids a link may point at (any element's id, an <a>'s name) and the links (href, src) with their lines. Read
    with libxml2's HTML parser (lxml): Python's html.parser took about a minute over the real site's 190 MB of HTML."""
    page = _Page()
    root = etree.parse(str(path), etree.HTMLParser(encoding="utf-8", huge_tree=True)).getroot()
    if root is None:  # an empty file
        return page
    page.ids.update(str(value) for value in root.xpath("//@id | //a/@name") if value)
    for element in root.xpath("//*[@href or @src]"):  # selected by libxml2: a page's maps have thousands of elements
        for name in ("href", "src"):
            if (value := element.get(name)) is not None:
                page.links.append((element.sourceline or 1, value))
    return page


def published_path(site: Path) -> str:
    """The path the site was built to be published at (`/`, or `/NAME/` for a project site), from its home page's
    canonical link."""
    home = site / "index.html"
    text = home.read_text(encoding="utf-8") if home.is_file() else ""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', text)
    return urlsplit(match.group(1)).path if match else "/"


def _target(files: frozenset[str], page: str, path: str, root: str = "/") -> str | None:
    """The site file (a path relative to the site) that `path`, linked from the site file `page`, leads to: the file,
    or a folder's index.html; None if there is none. Resolved on the list of the site's files, not the disk."""
    if path.startswith("/"):
        if not path.startswith(root):
            return None  # outside the path the site is published at
        target = path[len(root):]
    else:
        target = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(unquote(target)).removeprefix("./")
    target = "" if target == "." else target
    if target in files:
        return target
    index = posixpath.join(target, "index.html") if target else "index.html"
    return index if index in files else None


def check_site(site: Path) -> list[str]:
    """Every link in every HTML page of `site` (href and src) that leads to no file of the site, and every #anchor
    that names no id in the page it leads to, as "page:line: what"."""
    site = site.resolve()
    root = published_path(site)
    files = frozenset(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    parsed: dict[str, _Page] = {}
    resolved: dict[tuple[str, str], str | None] = {}  # (page's folder, path): a site's pages share most links

    def parse(page: str) -> _Page:
        if page not in parsed:
            parsed[page] = _read_page(site / page)
        return parsed[page]

    problems = []
    for page in sorted(name for name in files if name.endswith(".html")):
        folder = posixpath.dirname(page)
        for line, link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            if parts.path:
                key = (folder, parts.path)
                if key not in resolved:
                    resolved[key] = _target(files, page, parts.path, root)
                target = resolved[key]
                if target is None:
                    problems.append(f"{page}:{line}: broken link {link}")
                    continue
            else:
                target = page
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{page}:{line}: no anchor #{parts.fragment} in {target}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    site = Path(args[0] if args else "site")
    problems = check_site(site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken internal link(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

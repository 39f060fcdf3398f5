"""Check every internal link and anchor in a built site, offline: `python -m scripts.tools.linkcheck site/`. A site
built for a sub-path (SITE_URL=https://OWNER.github.io/NAME/, as CI builds it for Pages) is checked at that path:
MkDocs writes the 404 page's links from the root (`/NAME/assets/...`)."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.links.append((self.getpos()[0], attributes[name]))


def published_path(site: Path) -> str:
    """The path the site was built to be published at (`/`, or `/NAME/` for a project site), from its home page's
    canonical link."""
    home = site / "index.html"
    text = home.read_text(encoding="utf-8") if home.is_file() else ""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', text)
    return urlsplit(match.group(1)).path if match else "/"


def _target_file(site: Path, page: Path, path: str, root: str = "/") -> Path | None:
    if path.startswith("/"):
        if not path.startswith(root):
            return None  # outside the path the site is published at
        target = site / path[len(root):]
    else:
        target = page.parent / path
    target = Path(unquote(str(target)))
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site: Path) -> list[str]:
    site = site.resolve()
    root = published_path(site)
    parsed: dict[Path, _Page] = {}

    def parse(path: Path) -> _Page:
        if path not in parsed:
            page = _Page()
            page.feed(path.read_text(encoding="utf-8"))
            parsed[path] = page
        return parsed[path]

    problems = []
    for html_file in sorted(site.rglob("*.html")):
        for line, link in parse(html_file).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            where = f"{html_file.relative_to(site)}:{line}"
            if parts.path:
                target = _target_file(site, html_file, parts.path, root)
                if target is None:
                    problems.append(f"{where}: broken link {link}")
                    continue
            else:
                target = html_file
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{where}: no anchor #{parts.fragment} in {target.relative_to(site)}")
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

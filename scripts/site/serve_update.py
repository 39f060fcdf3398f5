"""`serve` after an edit to record files: the pages that changed are passed through MkDocs again and written into the
served site, in place of a rebuild of every page (MkDocs 1.6's serve has no other incremental mode: `--dirty` skips
generated files by their modification time, which File.generated pages do not have, and leaves the navigation
stale).

This is correct only because of what the site's pages depend on: the navigation names collection pages and
hand-written pages only (mkdocs.yml's titles), so no record edit changes it; every generated page is one raw HTML
block whose links MkDocs does not resolve; and the hand-written pages depend on the data only through its latest
review date. So when the data's generated files are the same set as in the last full build and that date is the
same, a page's output depends only on its own source, and re-rendering the pages whose source changed gives the
bytes a full build gives. In every other case (and when MkDocs warns) the full build runs instead.

The search index is rebuilt after the pages are served, in the background (search_index.SearchIndexer).

An edit that leaves a problem in the data changes no page: every page served stays as it was, and show_problems
adds a notice of the problems at the top of each and writes the page listing them all (problem_page.PROBLEMS_PAGE),
in place of a full build. Measured on 11,000 pages of 57 KB (2026-12-07, 2 cores shared with other work): 10 s to add
the notices at load average 8, 50 to 70 s to add or remove them at load 10 to 15 (the time is reading and writing
the files); a full build of the real site takes 163 s on a quiet machine. The next update that succeeds takes the
notices away again."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils import CountHandler

from ..records.problems import DataError
from .problem_page import PROBLEMS_PAGE, data_problem_page, with_problem_notice, without_problem_notice


@dataclass
class BuiltSite:
    """What the last full `serve` build handed to MkDocs and what MkDocs made of it."""
    config: object
    files: Files
    pages: dict[str, str | bytes]
    review_date: str
    nav: object = None
    env: object = None
    problems_shown: bool = False  # the served pages carry a notice of data problems (show_problems)


_built: BuiltSite | None = None


def remember_files(config, files: Files, pages: dict[str, str | bytes], review_date: str) -> None:
    global _built
    _built = BuiltSite(config, files, dict(pages), review_date)


def remember_nav(nav) -> None:
    if _built is not None:
        _built.nav = nav


def remember_env(env) -> None:
    if _built is not None:
        _built.env = env


def forget() -> None:
    global _built
    _built = None


def update(pages: dict[str, str | bytes], review_date: str) -> list[str] | None:
    """Write the generated files that differ from the last build into the served site; the paths written, or None
    when only a full build gives the right site (nothing is written then)."""
    built = _built
    if built is None or built.nav is None or built.env is None or set(pages) != set(built.pages) \
            or review_date != built.review_date:
        return None
    changed = sorted(path for path, content in pages.items() if content != built.pages[path])
    files = [built.files.get_file_from_path(path) for path in changed]
    if any(file is None or not file.generated_by for file in files):
        return None
    warnings = CountHandler()
    warnings.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        for file, path in zip(files, changed):
            content = pages[path]
            if isinstance(content, bytes):
                file.content_bytes = content
            else:
                file.content_string = content
        documents = [file for file in files if file.is_documentation_page()]
        for file in documents:
            _populate_page(file.page, built.config, built.files)
        doc_files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in documents:
            _build_page(file.page, built.config, doc_files, built.nav, built.env,
                        excluded=file.inclusion.is_excluded())
            file.page.validate_anchor_links(files=built.files, log_level=built.config.validation.links.anchors)
        for file in files:
            if not file.is_documentation_page():
                file.copy_file()
    finally:
        logger.removeHandler(warnings)
    built.pages = dict(pages)
    if built.problems_shown:
        _rewrite_pages(Path(built.config.site_dir), lambda html, depth: without_problem_notice(html))
        (Path(built.config.site_dir) / PROBLEMS_PAGE).unlink(missing_ok=True)
        built.problems_shown = False
    if warnings.get_counts():
        forget()  # the full build that follows reports them, in strict mode as an error
        return None
    return changed


def show_problems(error: DataError) -> bool:
    """The data's problems on the site served from the last full build: a notice at the top of every page and the
    page listing them all. False (nothing written) when there is no such site: the full build shows them then."""
    built = _built
    if built is None or built.nav is None or built.env is None:
        return False
    site = Path(built.config.site_dir)
    (site / PROBLEMS_PAGE).write_text(data_problem_page(error, site_kept=True), encoding="utf-8")
    _rewrite_pages(site, lambda html, depth: with_problem_notice(html, depth, error))
    built.problems_shown = True
    return True


def _rewrite_pages(site: Path, change) -> None:
    """Every HTML page of the served site passed through change(html, depth below the site's root)."""
    for path in site.rglob("*.html"):
        if path.name == PROBLEMS_PAGE and path.parent == site:
            continue
        html = path.read_text(encoding="utf-8")
        changed = change(html, len(path.relative_to(site).parts) - 1)
        if changed != html:
            path.write_text(changed, encoding="utf-8")


def site_dir() -> str:
    return _built.config.site_dir

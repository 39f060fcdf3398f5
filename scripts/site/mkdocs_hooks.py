"""MkDocs hooks: add the pages generated from data/ to the build. All generation lives in scripts.site.generate; this only
hands its output to MkDocs, so `mkdocs serve` rebuilds when a YAML file changes (mkdocs.yml watches data/), leaves
out theme files no reader downloads, trims Material's indentation and dates hand-written pages.

When the pages cannot be generated, `mkdocs build` fails (exit code 1, the problems as file:line:column), while
`mkdocs serve` builds a site of one page that lists them (scripts/site/problem_page.py) and keeps serving, so the browser
shows what to fix and the next save rebuilds the real site."""

from __future__ import annotations

import re
import sys
import traceback
from pathlib import Path

from mkdocs.config.config_options import PathSpec
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.records import dates  # noqa: E402
from scripts.site.failures import BUG_NOTE, BuildFailed, EnvironmentProblem  # noqa: E402
from scripts.site.generate import generate_pages, last_generated_review_date  # noqa: E402
from scripts.site.history import file_last_changed  # noqa: E402
from scripts.site.problem_page import data_problem_page, problem_page  # noqa: E402
from scripts.records.problems import DataError  # noqa: E402
from scripts.site.urls import not_in_nav  # noqa: E402
from scripts.site.search_index import build_search_index  # noqa: E402

_serving = False  # MkDocs loads this module once per process, so the flag outlives each rebuild's fresh config


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    """The pages kept out of the navigation, from the collection registry (mkdocs.yml does not list collections)."""
    config.not_in_nav = PathSpec().run_validation(not_in_nav())
    return config


def on_files(files: Files, config) -> Files:
    try:
        pages = generate_pages(Path(config.config_file_path).parent / "data", site_url=config.site_url)
    except DataError as error:
        if _serving:
            return _problems_site(files, config, error.report(github=False),
                                  lambda reload: data_problem_page(error, reload))
        raise PluginError("The data has problems; nothing was built.\n" + error.report()) from error
    except EnvironmentProblem as error:
        if _serving:
            return _problems_site(files, config, str(error), lambda reload: problem_page(
                "Something the site needs is not installed", str(error), reload=reload))
        raise PluginError(str(error)) from error
    except Exception as error:
        error.add_note(BUG_NOTE)
        if not _serving:
            raise
        detail = "".join(traceback.format_exception(error))
        return _problems_site(files, config, detail, lambda reload: problem_page(
            "The site's code failed", BUG_NOTE.replace(" above", " below"), detail=detail, reload=reload))
    for path, content in sorted(pages.items()):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand but is also generated from data/; remove one")
        files.append(File.generated(config, path, content=content))
    for unused in [file for file in files if _unused_theme_asset(file.src_uri)]:
        files.remove(unused)
    return files


def _problems_site(files: Files, config, terminal_text: str, make_page) -> Files:
    """In place of the site: the problems page as the home page and as the 404 page (so every address shows it),
    with no other page and no navigation, which leaves MkDocs nothing to warn about in strict mode."""
    print(terminal_text + "\nThe browser shows these problems until they are fixed.", file=sys.stderr)
    for page in [file for file in files if file.is_documentation_page()]:
        files.remove(page)
    config.nav = []
    config.theme.static_templates.discard("404.html")
    files.append(File.generated(config, "index.html", content=make_page(False)))
    files.append(File.generated(config, "404.html", content=make_page(True)))
    return files


def _unused_theme_asset(src_uri: str) -> bool:
    """Material ships source maps (read only by developer tools) and its own search (the lunr worker and lunr's
    languages), which this site replaces with Pagefind (scripts/site/search_index.py): about 2 MB no reader downloads."""
    return src_uri.startswith("assets/") and (src_uri.endswith(".map") or src_uri.startswith(
        ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")))


def on_post_build(config) -> None:
    """The search index, from the pages just written (`build` and every `serve` rebuild alike)."""
    try:
        build_search_index(Path(config.site_dir))
    except BuildFailed as error:
        raise PluginError(str(error)) from None


def on_serve(server, config, builder):
    """`mkdocs serve` also rebuilds when a briefing in reports/ changes (mkdocs.yml's watch list cannot name a folder
    that a project may not have)."""
    reports = Path(config.config_file_path).parent / "reports"
    if reports.is_dir():
        server.watch(str(reports))
    return server


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Hand-written pages say when they last changed: the last commit that touched them, or, without git history,
    the data's last review date (deterministic either way). Generated pages carry their own dates."""
    if page.file.generated_by is not None:
        return markdown
    root = Path(config.config_file_path).parent
    changed = file_last_changed(root, f"{Path(config.docs_dir).relative_to(root)}/{page.file.src_uri}")
    changed = changed or last_generated_review_date()
    if not changed:
        return markdown
    return markdown + f'\n\n<p class="page-changed">Last changed {dates.display(changed)}.</p>\n'



_PRESERVED = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>|<script[\s>].*?</script>)", re.S)
_INDENT = re.compile(r"\n\s+")


def on_post_page(output: str, page, config) -> str:
    """Drop the indentation and blank lines Material's templates leave (about a quarter of each page), except inside
    <pre>, <textarea> and <script>, where white space is content."""
    parts = _PRESERVED.split(output)
    return "".join(part if index % 2 else _INDENT.sub("\n", part) for index, part in enumerate(parts))

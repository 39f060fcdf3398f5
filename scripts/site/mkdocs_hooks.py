"""MkDocs hooks: add the pages generated from data/ to the build. All generation lives in scripts.site.generate; this only
hands its output to MkDocs, so `mkdocs serve` rebuilds when a YAML file changes (mkdocs.yml watches data/), leaves
out theme files no reader downloads, trims Material's indentation and dates hand-written pages.

When the pages cannot be generated, `mkdocs build` fails (exit code 1, the problems as file:line:column: nothing
half-built is published), while `mkdocs serve` keeps serving and shows what to fix (scripts/site/problem_page.py): a
data problem after the site was built once leaves every page as it was last built, each with a notice naming the
problems and linking to the page listing them all; before that (or for a missing package or a bug in the code) the
site is one page that lists them. The next save that fixes them rebuilds the real site."""

from __future__ import annotations

import gc
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path

import watchdog.events
from mkdocs.config.config_options import PathSpec
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.site.failures import BUG_NOTE, BuildFailed, EnvironmentProblem  # noqa: E402
from scripts.site import build_inputs, generate  # noqa: E402
from scripts.site.generate import generate_pages, last_generated_review_date  # noqa: E402
from scripts.site.history import file_last_changed  # noqa: E402
from scripts.site.problem_page import (PROBLEMS_PAGE, data_problem_page, problem_page,  # noqa: E402
                                       with_problem_notice)
from scripts.records.problems import DataError  # noqa: E402
from scripts.site.urls import not_in_nav  # noqa: E402
from scripts.site.search_index import SearchIndexer, build_search_index  # noqa: E402
from scripts.site import serve_update  # noqa: E402
from scripts.site import mkdocs_languages  # noqa: E402
from scripts.site import mkdocs_raw_pages  # noqa: E402
from scripts.site import mkdocs_theme_blocks  # noqa: E402
from scripts.site import mkdocs_markdown_reuse  # noqa: E402
from scripts.site.feedback import correction_links  # noqa: E402

_serving = False  # MkDocs loads this module once per process, so the flag outlives each rebuild's fresh config
_search = SearchIndexer()  # serve's search index, rebuilt after the pages are served
_last_good_pages: dict[str, str | bytes] | None = None  # serve: the pages of the last generation without problems
_shown_problems: DataError | None = None  # serve: the data problems the kept pages carry a notice of


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    """The pages kept out of the navigation, from the collection registry (mkdocs.yml does not list collections)."""
    config.not_in_nav = PathSpec().run_validation(not_in_nav())
    mkdocs_languages.add_language_navs(config)
    return config


def on_files(files: Files, config) -> Files:
    global _last_good_pages, _shown_problems
    _shown_problems = None
    try:
        inputs = build_inputs.of_config(config)
        pages = generate_pages(inputs.data_dir, site_url=config.site_url, **inputs.generation_arguments())
    except DataError as error:
        if _serving and _last_good_pages is not None:
            return _last_good_site(files, config, error)
        if _serving:
            return _problems_site(files, config, error.report(github=False),
                                  lambda reload, shown=error: data_problem_page(shown, reload))
        raise PluginError("The data has problems; nothing was built.\n" + error.report()) from error
    except EnvironmentProblem as error:
        if _serving:
            return _problems_site(files, config, str(error), lambda reload, shown=str(error): problem_page(
                "Something the site needs is not installed", shown, reload=reload))
        raise PluginError(str(error)) from error
    except Exception as error:
        error.add_note(BUG_NOTE)
        if not _serving:
            raise
        detail = "".join(traceback.format_exception(error))
        return _problems_site(files, config, detail, lambda reload: problem_page(
            "The site's code failed", BUG_NOTE.replace(" above", " below"), detail=detail, reload=reload))
    _add_pages(files, config, pages)
    if _serving:
        _last_good_pages = pages
        serve_update.remember_files(config, files, pages, last_generated_review_date())
    return files


def _add_pages(files: Files, config, pages: dict[str, str | bytes]) -> None:
    for path, content in sorted(pages.items()):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand but is also generated from data/; remove one")
        files.append(File.generated(config, path, content=content))
    for unused in [file for file in files if _unused_theme_asset(file.src_uri)]:
        files.remove(unused)
    mkdocs_languages.without_sitemap_fetch(files, config)


def _last_good_site(files: Files, config, error: DataError) -> Files:
    """`serve` after a data problem, once the site was built: the pages of the last generation without problems, a
    page listing every problem (PROBLEMS_PAGE), and on every page a notice of them (on_post_page). serve_update
    does not remember this site, so the save that fixes the data rebuilds every page without the notice."""
    global _shown_problems
    print(error.report(github=False).rsplit("\n", 1)[0] + f"\n{len(error.problems):,} problem(s) found. The site "
          "is served as it was last built, with a notice of these problems on every page, until they are fixed.",
          file=sys.stderr)
    _add_pages(files, config, _last_good_pages)
    files.append(File.generated(config, PROBLEMS_PAGE, content=data_problem_page(error, site_kept=True)))
    _shown_problems = error
    return files


def on_pre_build(config) -> None:
    if _serving:
        serve_update.forget()  # until this build has handed MkDocs its files
        _search.wait()  # the build cleans the site folder the search index is written into
        gc.unfreeze()  # what the last build kept may be garbage now (see _keep_out_of_collections)


def on_nav(nav, config, files):
    nav = mkdocs_languages.split_navs(nav)
    if _serving:
        serve_update.remember_nav(nav)
    return nav


def on_page_context(context, page, config, nav):
    """A page in another language shows that language's navigation."""
    own = mkdocs_languages.navigation_for(page)
    if own is not None:
        context["nav"] = own
    context["twins"] = mkdocs_languages.twin_urls(page.url)
    meta = page.meta or {}
    context["correction_links"] = correction_links(
        config.extra.get("repository") or "", (config.site_url or "") + page.url,
        mkdocs_languages.language_of(page.url), record_id=meta.get("record_id", ""),
        record_file=meta.get("record_file", ""))
    mkdocs_languages.use_language(config, page)
    return context


def on_env(env, config, files):
    mkdocs_raw_pages.add_linked_anchor_ids(file.page for file in files.documentation_pages() if file.page)
    mkdocs_theme_blocks.reuse_blocks(env, config)
    if _serving:
        serve_update.remember_env(env)
    return env


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
    """The search index, from the pages just written (`build` and every `serve` rebuild alike; under `serve` after
    the pages are served)."""
    if _serving:
        _search.request(Path(config.site_dir))
        _keep_out_of_collections()
        return
    try:
        build_search_index(Path(config.site_dir))
    except BuildFailed as error:
        raise PluginError(str(error)) from None


def _keep_out_of_collections() -> None:
    """Under `serve`, what a full build keeps (MkDocs' pages, navigation and files, the generation: millions of
    objects) is left out of Python's garbage collections from now on (gc.freeze): a full collection during an edit's
    generation would otherwise walk all of them, 0.4 s or more at ten times the records. Objects freed by their
    reference count are freed as usual, and what each edit makes is collected as usual; on_pre_build hands
    everything back to the collector before the next full build."""
    gc.collect()
    gc.freeze()


def on_serve(server, config, builder):
    """`mkdocs serve` also rebuilds when a briefing in reports/ changes (mkdocs.yml's watch list cannot name a folder
    that a project may not have). After an edit that touched only data/, the pages that changed are written into the
    served site (scripts/site/serve_update.py) in place of a full rebuild."""
    inputs = build_inputs.of_config(config)
    reports = inputs.reports_dir
    if reports.is_dir():
        server.watch(str(reports))
    data = inputs.data_dir
    if data.is_dir():  # watched here, not in mkdocs.yml: the data folder is the build's input, wherever it is
        server.watch(str(data))
    data_observer = _notified_of_changes(server, data)
    others = [reports, Path(config.docs_dir), Path(config.config_file_path)]
    others += [Path(path) for path in config.watch if Path(path).resolve() != data.resolve()]
    changes = ChangedPaths(data_observer or server.observer, server.observer, data, others)
    full_build = server.builder

    def build_what_changed():
        """MkDocs' builder under `serve`. It must not raise: MkDocs then holds every request until a build succeeds
        (the browser, and the tests, wait on a server that looks stuck). What the fast path cannot do, or fails at,
        the full build does."""
        if changes.take_data_only():
            try:
                if update_what_changed():
                    return
            except Exception:
                traceback.print_exc()
                print("INFO    -  The pages could not be updated in place; building the whole site.", file=sys.stderr)
                serve_update.forget()
        full_build()

    def update_what_changed() -> bool:
        """After an edit under data/ alone: the changed pages written into the served site, or the data's problems
        shown on the pages served. False: only a full build gives the right site."""
        started = time.perf_counter()
        try:
            pages = generate_pages(data, site_url=config.site_url, print_later=True, **inputs.generation_arguments())
        except DataError as error:  # shown on the pages already served, or by the full build
            if serve_update.show_problems(error):
                print(error.report(github=False).rsplit("\n", 1)[0] + f"\n{len(error.problems):,} problem(s) "
                      "found. The site is served as it was last built, with a notice of these problems on every "
                      f"page, until they are fixed ({time.perf_counter() - started:.2f} s).", file=sys.stderr)
                return True
            return False
        except Exception:  # the full build reports it, or shows the problems page
            return False
        generated = time.perf_counter()
        written = serve_update.update(pages, last_generated_review_date())
        if written is None:
            return False
        print(f"INFO    -  Updated {len(written)} generated files in {time.perf_counter() - started:.2f} s "
              f"(generation {generated - started:.2f} s, MkDocs {time.perf_counter() - generated:.2f} s)",
              file=sys.stderr)
        _search.request(Path(serve_update.site_dir()))
        if generate.pending_pdfs():
            threading.Thread(target=print_then_rebuild, name="briefing-pdfs", daemon=True).start()
        return True

    def print_then_rebuild():
        """The briefings' PDFs an edit changed, printed after its pages are served; then one more update serves
        them (and the briefing pages that give their size)."""
        with _printing:
            generate.print_pending_pdfs()
        changes.mark_data()
        with server._rebuild_cond:  # what server.watch's own callback does on a change (MkDocs 1.6)
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    server.builder = build_what_changed
    return server


_printing = threading.Lock()  # one WeasyPrint run at a time


def _notified_of_changes(server, data: Path):
    """On Linux, changes under data/ are reported by the kernel (inotify) in place of MkDocs' polling observer,
    which looks at every watched file twice a second: at ten times the records that scan of data/ (twice: MkDocs'
    watch and ChangedPaths') kept a large part of a core busy and added a quarter of a second on average before an
    edit was noticed. MkDocs' watch of data/ is moved to an observer of its own (the other folders stay polled, as
    MkDocs does); its handle stays valid, as watches compare by path. Returns the observer for data/ (None: keep
    polling). Set SITE_SERVE_POLLING=1 to keep polling, for a folder whose changes the kernel does not report (a
    network drive, some container mounts)."""
    if os.environ.get("SITE_SERVE_POLLING") == "1" or server.observer.is_alive() or not data.is_dir():
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return None
    notified = InotifyObserver()
    for watch, handlers in list(server.observer._handlers.items()):  # watchdog 7: what schedule() recorded
        if Path(watch.raw_path).resolve() == data.resolve():
            for handler in handlers:
                notified.schedule(handler, watch.raw_path, recursive=watch.is_recursive, event_filter=list(WRITES))
            server.observer.unschedule(watch)
    notified.start()
    return notified


# The changes an edit makes, as inotify reports them: a file written and closed, created, deleted or moved (an
# editor's save is one of these). Not a file opened or read, nor a change of its metadata: the build reads the data,
# and a read would start another build at once, and so on.
WRITES = (watchdog.events.FileCreatedEvent, watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
          watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent, watchdog.events.DirDeletedEvent,
          watchdog.events.DirMovedEvent)


class ChangedPaths:
    """Whether every file change since the last build was under data/ (then serve_update may apply it)."""

    def __init__(self, data_observer, observer, data: Path, others: list[Path]):
        self._lock = threading.Lock()
        self._data, self._other = False, False

        def seen(is_data: bool):
            def callback(event):
                if not event.is_directory:
                    with self._lock:
                        if is_data:
                            self._data = True
                        else:
                            self._other = True
            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = callback
            return handler

        if data.is_dir():
            data_observer.schedule(seen(True), str(data), recursive=True,
                                   event_filter=list(WRITES) if data_observer is not observer else None)
        for path in others:
            if path.exists():
                observer.schedule(seen(False), str(path), recursive=path.is_dir())

    def mark_data(self) -> None:
        with self._lock:
            self._data = True

    def take_data_only(self) -> bool:
        with self._lock:
            data_only = self._data and not self._other
            self._data = self._other = False
        return data_only


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Hand-written pages say when they last changed: the last commit that touched them, or, without git history,
    the data's last review date (deterministic either way). Generated pages carry their own dates; Markdown renders
    only their heading (scripts/site/mkdocs_raw_pages.py), with a Markdown instance shared by the pages of a language
    (scripts/site/mkdocs_markdown_reuse.py).
    Every page's heading anchors are titled in its language (Markdown's toc reads its options for each page)."""
    language = mkdocs_languages.language_of(page.url)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = language.gettext("Permanent link")
    if page.file.generated_by is not None:
        mkdocs_markdown_reuse.use_shared_markdown(page)
        return mkdocs_raw_pages.take_body(markdown, page)
    root = Path(config.config_file_path).parent
    changed = file_last_changed(root, f"{Path(config.docs_dir).relative_to(root)}/{page.file.src_uri}")
    changed = changed or last_generated_review_date()
    if not changed:
        return markdown
    line = language.gettext("Last changed %(date)s.") % {"date": language.date(changed)}
    return markdown + f'\n\n<p class="page-changed">{line}</p>\n'


def on_page_content(html: str, page, config, files) -> str:
    return mkdocs_raw_pages.add_body(html, page)


_PRESERVED = re.compile(r"(<pre[\s>].*?</pre>|<textarea[\s>].*?</textarea>|<script[\s>].*?</script>)", re.S)
_INDENT = re.compile(r"\n\s+")


def on_post_page(output: str, page, config) -> str:
    """Drop the indentation and blank lines Material's templates leave (about a quarter of each page), except inside
    <pre>, <textarea> and <script>, where white space is content."""
    mkdocs_languages.use_english(config)
    parts = _PRESERVED.split(output)
    output = "".join(part if index % 2 else _INDENT.sub("\n", part) for index, part in enumerate(parts))
    if _shown_problems is not None:
        output = with_problem_notice(output, page.url.count("/"), _shown_problems)
    return output

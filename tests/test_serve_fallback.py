"""`serve`'s fallback (scripts/site/mkdocs_hooks.py, on_serve): when writing an edit's pages into the served site
raises, serve prints the traceback, forgets what it knew of the last build (serve_update.forget) and builds the whole
site, rather than leaving MkDocs holding every request. Driven in this process, as `mkdocs serve` drives the hooks
(on_startup, a full build, on_serve), with a stand-in for MkDocs' live-reload server: no port, no browser, no polling."""

from __future__ import annotations

import gc
from pathlib import Path
from types import ModuleType, SimpleNamespace

from mkdocs.commands.build import build
from mkdocs.config import load_config

from scripts.site import serve_update

from .conftest import make_project


class _Observer:
    """What on_serve asks of the server's file observer: where to report changes."""

    def __init__(self) -> None:
        self.handlers: list[tuple[Path, object]] = []

    def schedule(self, handler, path, recursive=False, event_filter=None) -> None:
        self.handlers.append((Path(path).resolve(), handler))

    def is_alive(self) -> bool:
        return False


class _Server:
    """What on_serve uses of MkDocs' LiveReloadServer: its builder, watch() and observer."""

    def __init__(self, builder) -> None:
        self.builder, self.observer, self.watched = builder, _Observer(), []

    def watch(self, path) -> None:
        self.watched.append(path)

    def saved(self, path: Path) -> None:
        """What the observer reports when an editor saves `path`."""
        for folder, handler in self.observer.handlers:
            if path.resolve().is_relative_to(folder):
                handler.on_any_event(SimpleNamespace(is_directory=False, src_path=str(path)))


def test_an_in_place_update_that_raises_falls_back_to_a_full_build_and_says_why(tmp_path, data_dir, monkeypatch,
                                                                                   capsys):
    monkeypatch.setenv("SITE_SERVE_POLLING", "1")  # no inotify observer: the stand-in observer is told of saves
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, data_dir)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    hooks = next(plugin for plugin in config.plugins.values() if isinstance(plugin, ModuleType))  # mkdocs_hooks.py
    page = project / "site" / "events" / "2008-03-example-launch" / "index.html"
    forgotten = []  # at each full build: whether serve had forgotten the last build's state

    def full_build() -> None:  # MkDocs' serve builds each time from a fresh config
        forgotten.append(serve_update._built is None)
        build(load_config(str(project / "mkdocs.yml")))

    try:
        build(config)
        assert "began in March 2008." in page.read_text()
        server = _Server(full_build)
        config.plugins.on_serve(server, config=config, builder=full_build)

        written_in_place = serve_update._build_page

        def in_place_failure(*args, **kwargs):
            raise OSError("no space left while writing the page")
        monkeypatch.setattr(serve_update, "_build_page", in_place_failure)
        event = project / "data/events/2008-03-example-launch.yaml"
        event.write_text(event.read_text().replace("began in March 2008.", "began in March 2008. Fallbackmarker"))
        server.saved(event)
        server.builder()  # what MkDocs runs after the save

        err = capsys.readouterr().err
        assert "Traceback (most recent call last)" in err and "OSError: no space left while writing the page" in err
        assert "The pages could not be updated in place; building the whole site." in err
        assert forgotten == [True], "the full build ran once, with the failed update's state forgotten"
        assert "Fallbackmarker" in page.read_text(), "the full build serves the edit"
        assert "Fallbackmarker" in (project / "site/events/index.html").read_text()

        # The full build remembered the site afresh: the next edit is written in place again, and only it.
        monkeypatch.setattr(serve_update, "_build_page", written_in_place)
        event.write_text(event.read_text().replace("Fallbackmarker", "Secondmarker"))
        server.saved(event)
        server.builder()
        err = capsys.readouterr().err
        assert "Updated " in err and "Traceback" not in err and forgotten == [True]
        assert "Secondmarker" in page.read_text() and "Fallbackmarker" not in page.read_text()
    finally:
        hooks._search.wait()  # the search index is written in the background after each build
        gc.unfreeze()  # serve's builds freeze what they keep out of garbage collection (_keep_out_of_collections)
        serve_update.forget()  # the served site of this test is no other test's

"""Browser tests: the built site served on 127.0.0.1 and driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from scripts.tools.linkcheck import published_path

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = ROOT / "build" / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path, prefix: str = "/"):
    from .gzip_server import under_prefix

    handler = functools.partial(under_prefix(_QuietHandler, prefix), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


@pytest.fixture(scope="session")
def site_url(real_site):
    server, url = serve(real_site, published_path(real_site))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def gzip_site(real_site):
    """The real site served with gzip, as GitHub Pages serves it; the server counts the bytes it sends."""
    from .gzip_server import serve as serve_gzip

    server, url = serve_gzip(real_site, prefix=published_path(real_site))
    yield server, url
    server.shutdown()


@pytest.fixture(scope="module")
def contexts(browser):
    """A browser context per window width, made when a test first asks for it: contexts(390).new_page()."""
    made = {}
    yield lambda width: made.setdefault(width, browser.new_context(viewport={"width": width, "height": 860}))
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def fixture_site_url(tmp_path_factory, shared_charts):
    """The fixture data's site (tests/fixtures/data: a few records of every kind, Arizona, New Hampshire and Guam's
    places), built once per run and served: seconds, where the real site takes minutes. (address, built folder)."""
    from scripts.site.build import build_site

    from ..conftest import FIXTURE_DATA, make_project, use_shared_charts

    project = make_project(tmp_path_factory.mktemp("fixture-site"), FIXTURE_DATA)
    use_shared_charts(project, shared_charts)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build_site(project, project / "site")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    server, url = serve(project / "site")
    yield url, project / "site"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (`apt-get install chromium`), "
                    "as .ci/run does")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    console: list[str] = []  # what a reader with developer tools open sees in red: failed requests, errors
    page.on("console", lambda message: console.append(f"{message.text} ({message.location.get('url')})")
            if message.type == "error" else None)
    page.console_errors = console
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.fixture(scope="session", autouse=True)
def _fresh_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)

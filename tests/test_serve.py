"""`mkdocs serve` rebuilds when a YAML file in data/ changes, and keeps serving when the data is broken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .conftest import make_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cases/example-v-agency/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    try:
        assert _wait_for(lambda: "Example v. Agency" in _fetch(url)), "the server did not come up"
        case = project / "data/cases/example-v-agency.yaml"
        case.write_text(case.read_text().replace("title: Example v. Agency", "title: Example v. Department"))
        assert _wait_for(lambda: "Example v. Department" in _fetch(url)), "the page was not rebuilt"
        good = case.read_text()
        case.write_text(good.replace("status: decided", "status: won"))
        problem = 'data/cases/example-v-agency.yaml:7:9: case example-v-agency: status: "won" is not allowed'
        assert _wait_for(lambda: problem in log.read_text()), "the data problem is shown where serve runs"
        case.write_text(good.replace("Example v. Department", "Example v. Office"))
        assert _wait_for(lambda: "Example v. Office" in _fetch(url)), \
            "fixing the data brings the page back; what serve printed:\n" + log.read_text()[-4000:]
    finally:
        server.terminate()
        server.wait(timeout=20)


def _fetch_any(url: str) -> str:
    """The body even of an error response (the problems page is also served as the 404 page)."""
    try:
        return _fetch(url)
    except urllib.error.HTTPError as error:
        return error.read().decode()


def test_serve_with_broken_data_shows_every_problem_in_the_browser_until_fixed(tmp_path, data_dir):
    case = data_dir / "cases/example-v-agency.yaml"
    good = case.read_text()
    # Two problems in one file, one of them with markup in it, which the page must show as text.
    case.write_text(good.replace("status: decided", "status: <b>won</b>").replace("decided: 2014-04-11",
                                                                                   'decided: "2014-13-04"'))
    project = make_project(tmp_path, data_dir)
    port = _free_port()
    home, record = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/cases/example-v-agency/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    try:
        assert _wait_for(lambda: "The data has problems" in _fetch(home)), \
            "the server did not come up with the problems page:\n" + log.read_text()[-2000:]
        page = _fetch(home)
        assert "data/cases/example-v-agency.yaml:6:10" in page
        assert "data/cases/example-v-agency.yaml:7:9" in page
        assert "&lt;b&gt;won&lt;/b&gt;" in page and "<b>won</b>" not in page
        assert "/livereload/" in page, "the home page reloads when the data changes"
        other = _fetch_any(record)
        assert "data/cases/example-v-agency.yaml:7:9" in other and 'http-equiv="refresh"' in other
        assert "data/cases/example-v-agency.yaml:7:9" in log.read_text(), "the terminal lists them too"
        (project / "data/cases/example-v-agency.yaml").write_text(good)
        assert _wait_for(lambda: "Example v. Agency" in _fetch(record)), "fixing the data brings the site back"
        assert "The data has problems" not in _fetch(home)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_data_problem_under_serve_keeps_the_site_and_shows_the_problem_on_every_page(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    record, other = base + "cases/example-v-agency/", base + "events/2008-03-example-launch/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    problem = "data/cases/example-v-agency.yaml:7:9"
    try:
        assert _wait_for(lambda: "Example v. Agency" in _fetch(record)), "the server did not come up"
        case = project / "data/cases/example-v-agency.yaml"
        good = case.read_text()
        case.write_text(good.replace("title: Example v. Agency", "title: Example v. Half-saved")
                        .replace("status: decided", "status: <b>won</b>"))
        assert _wait_for(lambda: problem in _fetch(other)), "the other pages do not show the problem:\n" + \
            log.read_text()[-2000:]
        page = _fetch(record)
        assert "Example v. Agency" in page and "Half-saved" not in page, "the record's last good page is served"
        assert problem in page and "&lt;b&gt;won&lt;/b&gt;" in page and "<b>won</b>" not in page
        assert "began in March 2008" in _fetch(other), "the rest of the site stays served"
        listed = _fetch(base + "serve-problems.html")
        assert problem in listed and "served as it was last built" in listed
        assert 'href="../../serve-problems.html"' in page and 'href="serve-problems.html"' in _fetch(base)
        assert problem in log.read_text(), "the terminal lists the problem too"
        case.write_text(good.replace("title: Example v. Agency", "title: Example v. Office"))
        assert _wait_for(lambda: "Example v. Office" in _fetch(record)), "fixing the data rebuilds the page"
        assert problem not in _fetch(record) and problem not in _fetch(other), "the notice goes with the problem"
        assert log.read_text().count("Building documentation") == 1, "the problem or its fix rebuilt every page"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _without_livereload(page: str) -> str:
    """The page as built: serve adds one script, just before </body>."""
    return page[:page.rindex("<script>")] + page[page.rindex("</body>"):]


def test_an_edit_under_serve_updates_only_the_changed_pages_and_they_match_a_full_build(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    pages = ["events/2008-03-example-launch/", "events/", "programs/example-program/", "sources/example-report-2014/",
             ""]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    try:
        assert _wait_for(lambda: "began in March 2008" in _fetch(base + pages[0])), "the server did not come up"
        event = project / "data/events/2008-03-example-launch.yaml"
        event.write_text(event.read_text().replace("began in March 2008.", "began in March 2008. Fastpathmarker"))
        assert _wait_for(lambda: "Fastpathmarker" in _fetch(base + pages[0])), "the page was not updated"
        served = {page: _without_livereload(_fetch(base + page)) for page in pages}
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log.read_text()
    assert text.count("Building documentation") == 1 and "Updated" in text, "the edit rebuilt the whole site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], cwd=project,
                   env=dict(env, SITE_URL=base), check=True, capture_output=True)
    for page in pages:
        built = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        assert served[page] == built, f"/{page} differs from what a full build writes"

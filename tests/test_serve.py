"""`mkdocs serve` rebuilds when a YAML file in data/ changes, and keeps serving when the data is broken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
        assert _wait_for(lambda: "Example v. Office" in _fetch(url)), "fixing the data brings the page back"
    finally:
        server.terminate()
        server.wait(timeout=20)

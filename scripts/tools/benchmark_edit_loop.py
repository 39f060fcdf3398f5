"""The edit loop, measured as a maintainer lives it: `mkdocs serve` runs on a copy of the project, one record's summary
is edited, and the page is fetched until it shows the edit (the server holds every request while it rebuilds, so
what the fetch returns is what a browser's reload shows). Run through scripts/tools/benchmark.py --edit-loop."""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

EDITED = ("events", "summary")  # the kind of record and the field edited: an event appears on the most pages
STARTUP_TIMEOUT = 1200.0
EDIT_TIMEOUT = 300.0
SETTLE = 2.0  # seconds after each edit is visible, for work done after the page is served (search index, PDFs)


def make_project(source: Path, scale: int, workdir: Path, make_data) -> Path:
    """A copy of the project in source with its records (scale 1) or `scale` self-contained copies of them (made by
    benchmark.make_data, passed in so that the two modules do not import each other)."""
    project = workdir / f"edit-x{scale}"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "reports"):
        src = source / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    if scale == 1:
        shutil.copytree(source / "data", project / "data")
    else:
        make_data(source / "data", project / "data", scale)
        for extra in (source / "data").iterdir():  # the publishers' tables and the redirects, once
            if extra.is_file():
                shutil.copy(extra, project / "data" / extra.name)
            elif not any(extra.glob("*.yaml")):
                shutil.copytree(extra, project / "data" / extra.name)
    return project


def edited_record(source: Path, project: Path) -> Path:
    """The first event of the real data with a summary (at every scale the same record, not one of its copies): a
    record that its program, its sources, a briefing and the indexes all show."""
    collection, field = EDITED
    for path in sorted((source / "data" / collection).glob("*.yaml")):
        if field in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}):
            return project / "data" / collection / path.name
    raise SystemExit(f"no record in data/{collection}/ has a {field}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _poll(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at url holds text."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in _fetch(url):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def _set_summary(path: Path, summary: str) -> None:
    """Rewrite only the summary, as a maintainer's editor does (the rest of the file keeps its bytes)."""
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record[EDITED[1]] = summary
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def run(source: Path, scale: int, workdir: Path, make_data, edits: int = 5) -> dict:
    """The edit loop on a copy of the project in source."""
    project = make_project(source, scale, workdir, make_data)
    record = edited_record(source, project)
    records = sum(1 for _ in (project / "data").glob("*/*.yaml"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{EDITED[0]}/{record.stem}/"
    log = (workdir / f"serve-x{scale}.log").open("w")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        original = yaml.safe_load(record.read_text(encoding="utf-8"))[EDITED[1]]
        startup = _poll(url, "</html>", STARTUP_TIMEOUT)
        time.sleep(SETTLE)
        latencies = []
        for number in range(edits):
            marker = f"Editloopmarker{number}x{scale}"
            _set_summary(record, f"{original} {marker}")
            latencies.append(_poll(url, marker, EDIT_TIMEOUT))
            time.sleep(SETTLE)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    shutil.rmtree(project, ignore_errors=True)  # a briefing printer may still be writing .cache/
    return {"scale": scale, "records": records, "startup": startup, "latencies": latencies, "url_path": url.split(
        str(port), 1)[1]}


def report(result: dict) -> str:
    shown = ", ".join(f"{s:.2f}" for s in result["latencies"])
    return (f"{result['scale']}x ({result['records']:,} records): edit to visible, median of "
            f"{len(result['latencies'])}: {statistics.median(result['latencies']):.2f} s ({shown}); "
            f"first build {result['startup']:.1f} s; page {result['url_path']}")

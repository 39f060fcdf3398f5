"""What a newcomer and a maintainer wait for, measured on a copy of the project: the first page of a fresh `mkdocs
serve` (empty caches, as `./site.sh serve` on a fresh clone once the packages are installed), then a cold build
(empty chart and PDF caches) and a warm one (the next build) of `python -m scripts build`, both languages, each in its
own process so that its CPU time and peak memory are its own. Run through `python -m scripts.tools.benchmark`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .benchmark_figures import Figures

COPIED = ("mkdocs.yml", "docs", "overrides", "scripts")
SERVE_TIMEOUT = 1800.0
HOME_CONTENT = '<div class="home">'  # the generated home page (scripts/site/templates/home.html.j2), both languages


def make_project(project: Path, data: Path, reports: Path, target: Path, scale: int, make_data) -> Path:
    """target: a copy of the project's code and pages with `data` as its data/ (scale 1) or `scale` self-contained
    copies of its records (make_data, from benchmark.py), and `reports` (if it exists) as its reports/. No .cache/:
    every chart and briefing PDF is drawn as on a fresh clone. No .git/: history comes from the records' dates."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    for name in COPIED:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy(source, target / name)
    if scale == 1:
        shutil.copytree(data, target / "data", ignore=ignore)
    else:
        make_data(data, target / "data", scale)  # with the publishers' tables and the redirects, once
    if reports.is_dir():
        shutil.copytree(reports, target / "reports")
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shows(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status == 200 and text in response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and what it started (a briefing printer, the search indexer): its own process group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def first_pages(copy: Path, log: Path) -> tuple[float, float]:
    """Seconds from starting `mkdocs serve --strict` in the copy until the home page, then the Spanish home page,
    answers 200 with its content (not the problems page serve shows when the data is broken)."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    with log.open("w") as output:
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                                  cwd=copy, env=env, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            times = []
            for path in ("/", "/es/"):
                while not _shows(f"http://127.0.0.1:{port}{path}", HOME_CONTENT):
                    if server.poll() is not None:
                        raise SystemExit(f"mkdocs serve stopped (exit code {server.returncode}); see {log}")
                    if time.perf_counter() - started > SERVE_TIMEOUT:
                        raise SystemExit(f"{path} did not show the home page within {SERVE_TIMEOUT:.0f} s; see {log}")
                    time.sleep(0.1)
                times.append(time.perf_counter() - started)
        finally:
            _stop(server)
    return times[0], times[1]


def timed_build(copy: Path, out: Path, log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of `python -m scripts build` of the copy's data into
    out, in a process of its own (its resource usage, from wait4, includes the processes it waited for)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "scripts", "--root", str(copy), "build", "--data", str(copy / "data"),
               "--out", str(out)]
    with log.open("w") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=copy, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    if process.returncode != 0:
        raise SystemExit(f"the build failed (exit code {process.returncode}); see {log}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def count_pages(site: Path) -> tuple[int, int]:
    """HTML files outside es/ and under it."""
    english = spanish = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == "es":
            spanish += 1
        else:
            english += 1
    return english, spanish


def measure(project: Path, data: Path, reports: Path, workdir: Path, scale: int, make_data,
            progress=print) -> Figures:
    """One run at one scale, in workdir (left for the caller to remove)."""
    load_before = os.getloadavg()[0]
    copy = make_project(project, data, reports, workdir / "project", scale, make_data)
    records = sum(1 for _ in (copy / "data").glob("*/*.yaml"))
    progress(f"  {scale}× ({records:,} records): fresh serve…")
    first, first_spanish = first_pages(copy, workdir / "serve.log")
    shutil.rmtree(copy / ".cache", ignore_errors=True)  # serve drew charts and printed PDFs: empty again
    progress(f"  first page {first:.1f} s, Spanish {first_spanish:.1f} s; cold build…")
    cold, _, cold_memory = timed_build(copy, workdir / "site", workdir / "cold-build.log")
    progress(f"  cold build {cold:.1f} s; warm build…")
    warm, warm_cpu, warm_memory = timed_build(copy, workdir / "site", workdir / "warm-build.log")
    english, spanish = count_pages(workdir / "site")
    return Figures(scale=scale, records=records, pages_en=english, pages_es=spanish, serve_first_page=first,
                   serve_first_spanish_page=first_spanish, cold_build=cold, warm_build=warm, warm_build_cpu=warm_cpu,
                   peak_memory_mb=max(cold_memory, warm_memory), load_before=load_before,
                   load_after=os.getloadavg()[0])

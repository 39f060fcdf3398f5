from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
TODAY = dt.date(2026, 11, 23)
_quick_tier = False  # set by pytest_configure: the run deselects the slow tier (`-m "not slow"`, `./site.sh test --quick`)


def pytest_configure(config):
    global _quick_tier
    _quick_tier = (config.getoption("markexpr", "") or "").replace(" ", "") == "notslow"


def examples(full: int) -> int:
    """How many examples a property test draws: `full` in the full tier (CI's); a third of them (at least 3) in the
    quick tier, which is run after every change while working and must stay within minutes. The examples a test
    names with @example run in both."""
    return max(3, full // 3) if _quick_tier else full


@pytest.fixture(scope="session")
def shared_charts() -> Path:
    """The project's one chart cache, .cache/charts/ (what `./site.sh build` and `serve` use): its files are named by
    their inputs and no run removes another's (scripts/site/file_cache.py), so the fixture's charts and maps are drawn
    once, not once per test or per worker (drawing them all takes half a minute); a test about caching itself passes
    a folder of its own. PDFs are not shared: tests replace the PDF engine by a fake (no_pdf), whose files must not
    reach another test."""
    folder = ROOT / ".cache" / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def use_shared_charts(project: Path, shared: Path) -> None:
    """project/.cache/charts/ is the shared chart cache; project/.cache/reports/ stays the project's own."""
    (project / ".cache").mkdir(exist_ok=True)
    (project / ".cache" / "charts").symlink_to(shared, target_is_directory=True)


@pytest.fixture
def data_dir(tmp_path: Path, shared_charts: Path) -> Path:
    """A writable copy of the small, valid fixture dataset (one or two records per collection, and a cut of the real
    tables: see scripts/tools/cut_datasets.py). Generation's default cache beside it is the run's shared cache."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    use_shared_charts(tmp_path, shared_charts)
    return target


def make_project(tmp_path: Path, data: Path, own_cache: bool = False) -> Path:
    """A site project in tmp_path: the real mkdocs.yml, docs/, overrides/ and scripts/, with `data` as its data. Its
.cache/charts/ is the one beside `data` (data_dir's: the shared chart cache) unless own_cache."""
    project = tmp_path / "project"
    project.mkdir()
    if not own_cache and (data.parent / ".cache/charts").is_dir():
        use_shared_charts(project, (data.parent / ".cache/charts").resolve())
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "overrides").symlink_to(ROOT / "overrides")
    (project / "scripts").symlink_to(ROOT / "scripts")
    shutil.copytree(data, project / "data")
    return project


@pytest.fixture(scope="session")
def fixture_pages():
    """Every page of the fixture data in both languages (what the build's generation renders, without charts,
    downloads of datasets or briefings), rendered once per test process for the tests that only read it: a mapping
    that cannot be changed. A test that edits the data renders its own copy (data_dir)."""
    from types import MappingProxyType

    from scripts.records.validate import validate
    from scripts.site.generate import make_renderers

    pages = {}
    for renderer in make_renderers(validate(FIXTURE_DATA, today=TODAY), FIXTURE_DATA):
        pages.update(renderer.render_all())
    return MappingProxyType(pages)


@pytest.fixture(scope="session")
def real_dataset():
    """The repository's data, validated once per test process (seconds of work): read it, never change it. A test
    that uses it (or real_site) is in the slow tier: the quick tier works at fixture scale."""
    from scripts.records.validate import validate

    return validate(ROOT / "data")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, worker_id) -> Path:
    """The site built once per run from the real data, shared by the checks that read the built HTML: the first
    worker that needs it builds it while the others go on with other tests, and any worker that needs it meanwhile
    waits for that build (a lock in the run's folder, which all workers share). With BUILT_SITE set to a folder
    `./site.sh build` made from this commit (CI's build job: .github/workflows/ci.yml), that folder is used."""
    from scripts.site.build import build_site

    if built := os.environ.get("BUILT_SITE"):
        site = Path(built)
        if not (site / "index.html").is_file():
            pytest.fail(f"BUILT_SITE={built} is not a built site (no index.html): run ./site.sh build or unset it")
        return site
    run_folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        run_folder = run_folder.parent  # pytest-xdist: each worker's folder is inside the run's
    site = run_folder / "real-site" / "site"
    with open(run_folder / "real-site.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file():  # a build swaps a whole site in, or leaves none
            site.parent.mkdir(exist_ok=True)
            os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
            build_site(ROOT, site)
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    return site


REAL_SCALE = ("real_site", "real_dataset")  # the fixtures that read the repository's data: slow tier


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(config, items):
    """A test that reads the real data (REAL_SCALE, directly or through another fixture) is `slow`: the quick tier
    is what works at fixture scale. Under pytest-xdist (`--dist loadscope --no-loadscope-reorder`, as `./site.sh test`
    runs it) a module's tests run in one worker (its module-scoped fixtures are made once), and modules are handed out
    in the order of `items`: one module that reads
    the real site first (its worker builds the site), then the modules that do not (the other workers' work while
    it builds), then the other modules that read it (on every worker, once it is built)."""
    def reads_site(item) -> bool:
        return "real_site" in getattr(item, "fixturenames", ())

    def module(item) -> str:
        return item.nodeid.split("::")[0]

    reading = [module(item) for item in items if reads_site(item)]
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in REAL_SCALE):
            item.add_marker(pytest.mark.slow)
    first, later = reading[:1], set(reading)
    items.sort(key=lambda item: 0 if module(item) in first else 2 if module(item) in later else 1)  # stable


def pytest_terminal_summary(terminalreporter):
    """A maintainers' report after the tests: which sources still lack an archived copy (not a failure; the build
    never needs the network, so archiving is done by hand, see /maintainers/archive-todo/). The source files are read
    alone, through the records' loader: validating the whole data folder here cost every test run 17 seconds."""
    from scripts.records.loader import load_file

    files = sorted((ROOT / "data" / "sources").glob("*.yaml"))
    loaded = [load_file(path)[0].data for path in files]
    missing = sorted(path.stem for path, data in zip(files, loaded) if isinstance(data, dict)
                     and not data.get("archive_url"))
    if not files:
        return
    terminalreporter.write_sep("-", "sources without an archived copy")
    terminalreporter.write_line(f"{len(missing)} of {len(files)} sources have no archive_url yet "
                                "(listed on /maintainers/archive-todo/); first ones: " + ", ".join(missing[:5]))

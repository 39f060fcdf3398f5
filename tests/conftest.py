from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One chart and PDF cache for the whole run: its files are named by their inputs and no run removes another's
    (scripts/site/file_cache.py), so the fixture's 287(g) maps are drawn once, not once per test."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def data_dir(tmp_path: Path, shared_cache: Path) -> Path:
    """A writable copy of the small, valid fixture dataset (one or two records per collection, and a cut of the real
    tables: see scripts/tools/cut_datasets.py). Generation's default cache beside it is the run's shared cache."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    (tmp_path / ".cache").symlink_to(shared_cache, target_is_directory=True)
    return target


def make_project(tmp_path: Path, data: Path) -> Path:
    """A site project in tmp_path: the real mkdocs.yml, docs/, overrides/ and scripts/, with `data` as its data."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "overrides").symlink_to(ROOT / "overrides")
    (project / "scripts").symlink_to(ROOT / "scripts")
    shutil.copytree(data, project / "data")
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site built once from the real data, shared by the checks that read the built HTML. With BUILT_SITE set to
    a folder `./site.sh build` made from this commit (CI's build job: .github/workflows/ci.yml), that folder is used."""
    from scripts.site.build import build_site

    if built := os.environ.get("BUILT_SITE"):
        site = Path(built)
        if not (site / "index.html").is_file():
            pytest.fail(f"BUILT_SITE={built} is not a built site (no index.html): run ./site.sh build or unset it")
        return site
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path_factory.mktemp("real") / "site"
    build_site(ROOT, site)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    return site


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`), a module's tests run in one worker (its module-scoped fixtures are
    made once), and every test that reads the real site's one build (real_site) runs in the same worker, so the
    real site is built once per run."""
    for item in items:
        group = "real_site" if "real_site" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_terminal_summary(terminalreporter):
    """A maintainers' report after the tests: which sources still lack an archived copy (not a failure; the build
    never needs the network, so archiving is done by hand, see /maintainers/archive-todo/)."""
    from scripts.records.problems import DataError
    from scripts.records.validate import validate

    try:
        sources = validate(ROOT / "data").collections["sources"]
    except DataError:
        return
    missing = sorted(i for i, s in sources.items() if not s.archive_url)
    terminalreporter.write_sep("-", "sources without an archived copy")
    terminalreporter.write_line(f"{len(missing)} of {len(sources)} sources have no archive_url yet "
                                "(listed on /maintainers/archive-todo/); first ones: " + ", ".join(missing[:5]))

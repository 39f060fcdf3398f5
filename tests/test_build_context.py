"""One build context: a generation reads only the folders it is given. The tests' fixture carries its own small tables
(cut from the real ones by scripts/tools/cut_datasets.py), so it builds place pages, 287(g) charts and dataset pages
of its own, and none of the repository's data/ leaks into it."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.site.build_inputs import BuildInputs
from scripts.site.generate import generate_pages

from .conftest import FIXTURE_DATA, ROOT, TODAY, use_shared_charts


def _names(agencies_csv: Path) -> set[str]:
    with open(agencies_csv, newline="", encoding="utf-8") as file:
        return {row["name"] for row in csv.DictReader(file)}


@pytest.mark.slow  # a whole MkDocs build, in another process
def test_the_fixture_builds_with_the_repository_data_moved_away(tmp_path, shared_charts):
    """`python -m scripts build --data DIR --out SITE` in a project without data/: the fixture's own agencies,
    counties and charts are built, and no page names an agency that is only in the real data."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("overrides", "scripts"):
        (project / name).symlink_to(ROOT / name)
    use_shared_charts(project, shared_charts)
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "fixture-data")
    assert not (project / "data").exists()
    site = tmp_path / "site"
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "scripts", "--root", str(project), "build", "--data", str(data),
                             "--out", str(site)], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    fixture_agencies = _names(data / "datasets/ice-287g/agencies.csv")
    only_real = _names(ROOT / "data/datasets/ice-287g/agencies.csv") - fixture_agencies
    assert len(fixture_agencies) >= 20 and len(only_real) > 1000
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    assert (site / "agencies/az-yuma-county-sheriffs-office/index.html").is_file()
    assert (site / "counties/nh-33011/index.html").is_file()  # Hillsborough County, New Hampshire
    assert (site / "charts/287g-county-map.svg").is_file() and (site / "states/az/index.html").is_file()
    assert (site / "es/agencies/az-yuma-county-sheriffs-office/index.html").is_file()
    leaked = re.compile("|".join(re.escape(name) for name in sorted(only_real, key=len, reverse=True)))
    found = {path.relative_to(site).as_posix(): m.group(0) for path, text in pages.items()
             if (m := leaked.search(text))}
    assert not found, f"pages naming agencies that are only in the repository's data: {dict(list(found.items())[:5])}"


def test_a_generation_reads_the_tables_of_the_folder_it_is_given(tmp_path, data_dir):
    """The same code, two data folders: each gets its own agencies (nothing is read from the module's location). The
    charts come from the run's shared cache (data_dir), as drawing them is not what this test is about."""
    data = data_dir
    inputs = BuildInputs.of_project(tmp_path, data)
    pages = generate_pages(data, today=TODAY, **inputs.generation_arguments())
    agency_pages = {p for p in pages if p.startswith("agencies/") and p != "agencies/index.md"}
    assert len(agency_pages) == len(_names(data / "datasets/ice-287g/agencies.csv"))
    shutil.rmtree(data / "datasets")
    pages = generate_pages(data, today=TODAY, **inputs.generation_arguments())
    assert {p for p in pages if p.startswith("agencies/")} == {"agencies/index.md"}
    assert not any(p.startswith("downloads/datasets/") for p in pages)

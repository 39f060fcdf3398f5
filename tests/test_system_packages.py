"""The Debian packages the site and its tests need: one list (scripts/site/system_packages.py) that `./site.sh` and
`.ci/run` both use, each package checked by its own file; a build without HarfBuzz-Subset works, and a missing
required library stops `./site.sh build` with one sentence and exit code 3, before any build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.site import system_packages
from scripts.site.system_packages import EXIT_MISSING, PACKAGES, Checker, ensure, packages_for, shared_libraries

from .conftest import FIXTURE_DATA, ROOT, use_shared_charts
from .test_reports import EXAMPLE

LDCONFIG_LINE = "\t{name} (libc6,x86-64) => {path}\n"


def _ldconfig(tmp_path: Path, present: list[str]) -> str:
    """`ldconfig -p` output listing each soname in present at a real file under tmp_path."""
    lines = [f"{len(present)} libs found in cache `/etc/ld.so.cache'\n"]
    for name in present:
        path = tmp_path / name
        path.write_bytes(b"\x7fELF library")
        lines.append(LDCONFIG_LINE.format(name=name, path=path))
    return "".join(lines)


def _all_site_files(tmp_path: Path) -> tuple[str, list[str]]:
    libraries = [p.provides for p in packages_for("site") if p.kind == "library"]
    return _ldconfig(tmp_path, libraries), libraries


def test_one_list_with_site_and_test_packages():
    names = {p.name: p for p in PACKAGES}
    assert {p.name for p in packages_for("site")} == {
        "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0", "libfontconfig1",
        "fonts-dejavu-core"}
    assert {p.name for p in packages_for("tests")} - {p.name for p in packages_for("site")} == {
        "chromium", "default-jre-headless", "poppler-utils"}
    assert names["libharfbuzz-subset0"].provides == "libharfbuzz-subset.so.0"
    assert [p.name for p in PACKAGES if p.optional] == ["libharfbuzz-subset0"]


def test_a_library_is_found_by_its_exact_soname_not_a_prefix(tmp_path):
    # libharfbuzz.so.0 is there, libharfbuzz-subset.so.0 is not: `grep -q libharfbuzz` would have passed.
    output = _ldconfig(tmp_path, ["libharfbuzz.so.0", "libharfbuzz-subset.so.0.bak"])
    assert set(shared_libraries(output)) == {"libharfbuzz.so.0", "libharfbuzz-subset.so.0.bak"}
    checker = Checker(output)
    by_name = {p.name: p for p in PACKAGES}
    assert checker.present(by_name["libharfbuzz0b"])
    assert not checker.present(by_name["libharfbuzz-subset0"])


def test_a_library_listed_but_hidden_or_empty_is_missing(tmp_path):
    empty = tmp_path / "libpango-1.0.so.0"
    empty.write_bytes(b"")
    output = (LDCONFIG_LINE.format(name="libpango-1.0.so.0", path=empty)
              + LDCONFIG_LINE.format(name="libpangoft2-1.0.so.0", path="/dev/null"))
    checker = Checker(output)
    assert [p.name for p in checker.missing(PACKAGES) if p.kind == "library"] == [
        "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0", "libfontconfig1"]


def test_without_root_a_missing_package_stops_with_one_sentence_and_the_command(tmp_path, capsys):
    output, libraries = _all_site_files(tmp_path)
    output = output.replace("libpango-1.0.so.0 (", "libpango-1.0.so.0.gone (")
    installs = []
    code = ensure("site", make_checker=lambda: Checker(output), may_install=False,
                  install=lambda names, sudo: installs.append(names))
    err = capsys.readouterr().err.strip()
    assert code == EXIT_MISSING and installs == []
    assert err.count("\n") == 0 and err.count(". ") == 0 and err.endswith("again.")
    assert "libpango-1.0-0 (libpango-1.0.so.0 not found)" in err
    assert "`sudo apt-get install -y libpango-1.0-0`" in err or "`sudo apt-get install --reinstall -y " \
                                                                  "libpango-1.0-0`" in err


def test_as_root_missing_packages_are_installed_and_checked_again(tmp_path, monkeypatch, capsys):
    output, libraries = _all_site_files(tmp_path)
    before = output.replace("libfontconfig.so.1 (", "libfontconfig.so.1.gone (")
    monkeypatch.setattr(system_packages, "dpkg_installed", lambda names: set())
    installs = []
    readings = iter([before, output])
    code = ensure("site", make_checker=lambda: Checker(next(readings)), may_install=True,
                  install=lambda names, sudo: installs.append(names))
    missing_font = not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file()
    assert installs == [["libfontconfig1", *(["fonts-dejavu-core"] if missing_font else [])]]
    assert code == 0 or missing_font


def test_a_missing_optional_package_is_reported_but_not_fatal(tmp_path, capsys):
    output, _ = _all_site_files(tmp_path)
    output = output.replace("libharfbuzz-subset.so.0 (", "libharfbuzz-subset.so.0.gone (")
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed here")
    code = ensure("site", make_checker=lambda: Checker(output), may_install=False)
    assert code == 0
    assert "libharfbuzz-subset0" in capsys.readouterr().err


def test_site_sh_and_ci_run_use_the_one_list():
    site_sh = (ROOT / "site.sh").read_text()
    ci_run = (ROOT / ".ci/run").read_text()
    assert "python3}\" -m scripts.site.system_packages \"$1\"" in site_sh
    for command, group in (("serve", "site"), ("build|reports", "site"), ("test", "tests")):
        block = site_sh[site_sh.index(f"  {command})"):site_sh.index(";;", site_sh.index(f"  {command})"))]
        assert block.split("\n")[1].strip() == f"system_packages {group}", f"{command} checks packages first"
    assert "python3 -m scripts.site.system_packages tests --sudo" in ci_run
    assert "ldconfig" not in ci_run and "apt-get" not in ci_run and "dpkg" not in ci_run


# --- In a private mount namespace, with a library hidden behind /dev/null (root only, as in CI) -------------------

def _can_hide_libraries() -> str:
    if os.geteuid() != 0:
        return "hiding a library needs root (a private mount namespace); CI runs as root"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    if subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode != 0:
        return "this machine does not allow private mount namespaces"
    return ""


def _library_path(soname: str) -> str:
    paths = shared_libraries(subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout)[soname]
    return paths[0]


def _hidden(soname: str, command: str) -> list[str]:
    return ["unshare", "--mount", "--propagation", "private", "bash", "-c",
            f"mount --bind /dev/null {_library_path(soname)} && {command}"]


def _clone(tmp_path: Path) -> Path:
    """The worktree's files (tracked and new, not ignored: no site/, no .cache/) with the same .venv, and the
    fixture data as its data/ with one briefing on it: what a missing library does to a build does not depend on how
    much data it builds, and a build of the real data (every PDF printed) cost minutes of the full tier."""
    clone = tmp_path / "clone"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file() and not name.startswith(("data/", "reports/", "tests/")):
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    shutil.copytree(FIXTURE_DATA, clone / "data")
    (clone / "reports").mkdir()
    (clone / "reports/example.yaml").write_text(EXAMPLE)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    return clone


needs_namespace = pytest.mark.skipif(bool(_can_hide_libraries()), reason=_can_hide_libraries() or "-")


@needs_namespace
@pytest.mark.slow
def test_the_readme_build_works_without_harfbuzz_subset_with_no_pdf_in_the_cache(tmp_path, shared_charts):
    clone = _clone(tmp_path)
    use_shared_charts(clone, shared_charts)  # the charts as the run's other builds drew them; every PDF printed here
    result = subprocess.run(_hidden("libharfbuzz-subset.so.0", "./site.sh build"), cwd=clone, capture_output=True,
                            text=True, env=dict(os.environ, SITE_URL=""), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "can do without libharfbuzz-subset0" in result.stderr
    assert 'WARNING - WeasyPrint: Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans"' in result.stderr
    assert "problem" not in result.stderr.lower()
    pdfs = sorted(p.name for p in (clone / "site/reports").glob("*.pdf"))
    assert len(pdfs) == len(list((clone / "reports").glob("*.yaml"))) and pdfs
    assert all((clone / "site/reports" / name).read_bytes().startswith(b"%PDF-") for name in pdfs)


@needs_namespace
def test_a_missing_required_library_stops_the_build_with_one_sentence_and_exit_code_3(tmp_path):
    clone = _clone(tmp_path)
    result = subprocess.run(_hidden("libpango-1.0.so.0", "./site.sh build"), cwd=clone, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == EXIT_MISSING
    assert result.stdout == ""
    assert result.stderr == ("The site needs Debian packages that are missing: libpango-1.0-0 (libpango-1.0.so.0 not "
                             "found); install them with `sudo apt-get install --reinstall -y libpango-1.0-0` and run "
                             "the command again.\n")
    assert not (clone / "site").exists(), "stopped before any build"


@needs_namespace
@pytest.mark.slow
def test_a_library_the_pdf_engine_cannot_load_is_an_environment_problem_not_a_traceback(tmp_path, shared_charts):
    # Past the package check (python -m scripts build does not run it): WeasyPrint's own failure to load Pango.
    clone = _clone(tmp_path)
    use_shared_charts(clone, shared_charts)
    result = subprocess.run(_hidden("libpango-1.0.so.0", ".venv/bin/python -m scripts build"), cwd=clone,
                            capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            timeout=600)
    assert result.returncode == EXIT_MISSING, result.stderr[-3000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("The PDF engine could not load a system library (cannot load library 'libpango-1.0-0'")
    assert last.endswith("install them with `sudo apt-get install --reinstall -y libpango-1.0-0` and run the "
                         "command again.")
    assert "Traceback" not in result.stderr and "data has problems" not in result.stderr

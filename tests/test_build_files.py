"""What the build does to the file system: it follows no symbolic link in data/ or reports/, removes the staging
folders of killed builds (and git ignores them), replaces site/ in one atomic step, and reports a full disk in one
sentence. MkDocs itself is replaced by a stand-in that writes one page, so these run in a second."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.site import build as build_module
from scripts.site.build import build_site

from .conftest import ROOT, make_project


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def fake_mkdocs(monkeypatch):
    """MkDocs' build replaced by one that writes site_dir/index.html saying which build made it."""
    builds = []

    def build(config):
        builds.append(config.site_dir)
        Path(config.site_dir, "index.html").write_text(f"build {len(builds)}")
    monkeypatch.setattr("mkdocs.commands.build.build", build)
    return builds


def test_a_symbolic_link_in_data_is_refused_and_not_read(tmp_path, data_dir, capsys):
    outside = tmp_path / "outside.yaml"
    outside.write_text((data_dir / "cases/example-v-agency.yaml").read_text().replace("Example v. Agency",
                                                                                       "SECRET FROM OUTSIDE"))
    project = make_project(tmp_path, data_dir)
    (project / "data/cases/example-v-agency.yaml").unlink()
    (project / "data/cases/example-v-agency.yaml").symlink_to(outside)
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/cases/example-v-agency.yaml:1:1: is a symbolic link; files in data/ and reports/ must be ordinary " \
           "files" in err
    assert "SECRET" not in err


def test_a_linked_collection_folder_is_refused(tmp_path, data_dir, capsys):
    project = make_project(tmp_path, data_dir)
    (project / "data/quotes").rename(tmp_path / "quotes-elsewhere")
    (project / "data/quotes").symlink_to(tmp_path / "quotes-elsewhere")
    assert main(["--root", str(project), "validate"]) == 1
    assert "data/quotes:1:1: is a symbolic link" in capsys.readouterr().err


def test_a_symbolic_link_among_the_ingested_tables_is_refused_and_not_read(tmp_path, data_dir, capsys):
    """The ingested tables are read by the build and copied into the downloads: a link there could publish any file
    of the machine."""
    secret = tmp_path / "secret.csv"
    secret.write_text("state,agency\nSECRET,FROM OUTSIDE\n")
    project = make_project(tmp_path, data_dir)
    shutil.rmtree(project / "data/datasets")  # these tables in place of the fixture's own
    lists = project / "data/datasets/ice-287g/lists"
    lists.mkdir(parents=True)
    (lists / "2026-05-18.csv").symlink_to(secret)
    (project / "data/datasets/reference").symlink_to(tmp_path, target_is_directory=True)
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/datasets/ice-287g/lists/2026-05-18.csv:1:1: is a symbolic link" in err
    assert "data/datasets/reference:1:1: is a symbolic link" in err
    assert "SECRET" not in err


def test_a_symbolic_link_in_reports_is_refused(tmp_path, data_dir, capsys):
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").symlink_to(project / "data/programs/example-program.yaml")
    assert main(["--root", str(project), "validate"]) == 1
    assert "reports/example.yaml:1:1: is a symbolic link" in capsys.readouterr().err


def test_staging_folders_of_killed_builds_are_removed_and_ignored(tmp_path, data_dir, fake_mkdocs):
    project = make_project(tmp_path, data_dir)
    dead = project / ".site-build-999999999-abc"  # no process has this id
    (dead / "assets").mkdir(parents=True)
    older = project / ".site-build-x1y2z3"  # the name builds used before they carried a process id
    older.mkdir()
    running = project / f".site-build-{os.getppid()}-def"  # a build still running (this test's parent process)
    running.mkdir()
    build_site(project, project / "site")
    assert (project / "site/index.html").read_text() == "build 1"
    left = sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))
    assert left == [running.name]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", ".site-build-1234-abcd/index.html"],
                             cwd=ROOT)
    assert ignored.returncode == 0, ".site-build-* is not in .gitignore"


def _site(folder: Path) -> str | None:
    index = folder / "index.html"
    return index.read_text() if index.is_file() else None


class Killed(BaseException):
    """Stands for the process being killed (not an Exception: nothing in the build may catch it)."""


@pytest.mark.parametrize("kill_after", [1, 2])
def test_a_build_killed_during_the_swap_leaves_a_whole_site(tmp_path, monkeypatch, kill_after):
    old, new = tmp_path / "site", tmp_path / ".site-build-1-new"
    old.mkdir()
    (old / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    done = []

    def dies_after(real):
        def wrapped(*args, **kwargs):
            result = real(*args, **kwargs)
            done.append(real)
            if len(done) == kill_after:
                raise Killed
            return result
        return wrapped
    # Every way the build could move a folder: whichever it uses, it is killed right after the first (or second).
    monkeypatch.setattr(Path, "rename", dies_after(Path.rename))
    monkeypatch.setattr(Path, "replace", dies_after(Path.replace))
    monkeypatch.setattr(os, "rename", dies_after(os.rename))
    monkeypatch.setattr(os, "replace", dies_after(os.replace))
    if hasattr(build_module, "_exchange"):
        monkeypatch.setattr(build_module, "_exchange", dies_after(build_module._exchange))
    monkeypatch.setattr(build_module.shutil, "rmtree", dies_after(build_module.shutil.rmtree))
    with pytest.raises(Killed):
        swap = getattr(build_module, "swap", None) or build_module._swap
        swap(new, old)
    assert _site(old) in ("old", "new")


def test_the_swap_is_one_exchange_on_linux(tmp_path):
    old, new = tmp_path / "site", tmp_path / "staging"
    old.mkdir()
    (old / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    assert build_module._exchange(new, old) is True
    assert _site(old) == "new" and _site(new) == "old"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EDQUOT, "the disk quota is used up"),
                                         (errno.EROFS, "the file system is read-only")])
def test_a_full_disk_is_one_sentence_and_keeps_the_site(tmp_path, data_dir, monkeypatch, capsys, code, words):
    project = make_project(tmp_path, data_dir)
    (project / "site").mkdir()
    (project / "site/index.html").write_text("old")

    def build(config):
        raise OSError(code, os.strerror(code), str(Path(config.site_dir) / "pagefind/pagefind-entry.json"))
    monkeypatch.setattr("mkdocs.commands.build.build", build)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Could not write the site: {words} (")
    assert "pagefind-entry.json); free some space" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert _site(project / "site") == "old"
    assert not [p for p in project.iterdir() if p.name.startswith(".site-build-")]

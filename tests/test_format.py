"""`python -m scripts format [--check]`: reports each non-canonical file at its first differing line with the command
that fixes it, rewrites without changing any record's content, is idempotent, and never writes a file it cannot read."""

from __future__ import annotations

import shutil

import pytest

from scripts.__main__ import main
from scripts.records.loader import load_file
from scripts.records.record_yaml import same_content
from scripts.tools import formatter

from .conftest import ROOT, make_project

CASE = "data/cases/example-v-agency.yaml"
MESSY_CASE = """id: example-v-agency
title: 'Example v. Agency'
court: U.S. District Court for the District of Example
docket: "No. 1:14-cv-00001"
decided: '2014-04-11'
filed: 2013-05
status: decided
holding: The agency could not hold the plaintiff on a detainer alone.
significance: It was *the first* such ruling.
counsel: ["Example Law Center (for plaintiff)"]
links:
- url: https://example.org/opinion.pdf
  label: Opinion
programs: [example-program]
last_reviewed: 2026-11-01
sources:
  - source: example-report-2014
"""


@pytest.fixture
def project(tmp_path, data_dir):
    return make_project(tmp_path, data_dir)


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def data_of(path):
    loaded, problems = load_file(path)
    assert problems == []
    return loaded.data


def test_canonical_data_passes_the_check(project, capsys):
    assert main(["--root", str(project), "format", "--check"]) == 0
    assert capsys.readouterr().out == "OK: 15 record files in canonical form\n"


def test_check_names_each_file_and_line_and_the_fix_without_writing(project, capsys):
    (project / CASE).write_text(MESSY_CASE)
    launch = project / "data/events/2008-03-example-launch.yaml"
    launch.write_text(launch.read_text().replace("programs:\n  - example-program\n", "programs: [example-program]\n"))
    before = snapshot(project / "data")
    assert main(["--root", str(project), "format", "--check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "data/cases/example-v-agency.yaml:2:1: not in canonical form (field order, quoting or line breaks differ from "
        "this line on); run ./site.sh format to fix it",
        "data/events/2008-03-example-launch.yaml:5:1: not in canonical form (field order, quoting or line breaks "
        "differ from this line on); run ./site.sh format to fix it",
        "2 files are not in canonical form. Run ./site.sh format (or python -m scripts format) and commit the result.",
    ]
    assert snapshot(project / "data") == before


def test_format_rewrites_keeping_content_and_a_second_run_changes_nothing(project, capsys):
    (project / CASE).write_text(MESSY_CASE)
    before = data_of(project / CASE)
    assert main(["--root", str(project), "format"]) == 0
    out = capsys.readouterr().out
    assert out == "formatted data/cases/example-v-agency.yaml\nOK: 15 record files in canonical form; rewrote 1\n"
    assert same_content(data_of(project / CASE), before)
    assert (project / CASE).read_text() == (ROOT / "tests/fixtures" / CASE).read_text()
    first = snapshot(project / "data")
    assert main(["--root", str(project), "format"]) == 0
    assert capsys.readouterr().out == "OK: 15 record files in canonical form\n"
    assert snapshot(project / "data") == first
    assert not [p for p in (project / "data").rglob(".*")], "no temporary files are left behind"


def test_comments_are_removed_but_the_editor_line_is_kept_and_corrected(project):
    path = project / CASE
    text = path.read_text()
    path.write_text("# yaml-language-server: $schema=../../schema/events.schema.json\n# check the docket\n"
                    + text.replace("status: decided", "status: decided  # confirmed on PACER"))
    assert main(["--root", str(project), "format"]) == 0
    assert path.read_text() == "# yaml-language-server: $schema=../../schema/cases.schema.json\n" + text


def test_a_file_that_cannot_be_read_is_reported_and_left_alone(project, capsys):
    path = project / CASE
    broken = path.read_text().replace("status: decided", "status:\tdecided")
    path.write_text(broken)
    (project / "data/events/2008-03-example-launch.yaml").write_text(MESSY_CASE.replace("example-v-agency", "x"))
    assert main(["--root", str(project), "format"]) == 1
    err = capsys.readouterr().err
    assert "data/cases/example-v-agency.yaml:7:8: tab character; use spaces for indentation and inside text" in err
    assert "1 problem stopped formatting; fix it first (./site.sh validate explains each one)." in err
    assert path.read_text() == broken
    assert (project / "data/events/2008-03-example-launch.yaml").read_text().startswith("id: x\ntitle: Example"), \
        "the other files are still formatted"


def test_a_formatting_that_would_change_content_is_refused(project, capsys, monkeypatch):
    (project / CASE).write_text(MESSY_CASE)
    monkeypatch.setattr(formatter, "canonical", lambda data, collection, with_modeline: "id: something-else\n")
    assert main(["--root", str(project), "format"]) == 1
    assert ("data/cases/example-v-agency.yaml:1:1: could not be formatted without changing its content, so it was "
            "left as it is; please report this") in capsys.readouterr().err
    assert (project / CASE).read_text() == MESSY_CASE


def test_paths_limit_the_files_and_files_outside_a_collection_are_refused(project, capsys):
    (project / CASE).write_text(MESSY_CASE)
    other = project / "data/events/2008-03-example-launch.yaml"
    other_text = MESSY_CASE.replace("example-v-agency", "2008-03-example-launch")
    other.write_text(other_text)
    assert main(["--root", str(project), "format", str(project / CASE)]) == 0
    assert other.read_text() == other_text
    stray = project / "notes.yaml"
    stray.write_text("id: a\n")
    assert main(["--root", str(project), "format", "--check", str(stray)]) == 1
    assert "notes.yaml:1:1: not in a collection folder (data/<collection>/)" in capsys.readouterr().err
    assert main(["--root", str(project), "format", str(project / "data/evnts")]) == 1
    assert "data/evnts:1:1: no such file or folder" in capsys.readouterr().err


def test_github_annotations(project, capsys):
    (project / CASE).write_text(MESSY_CASE)
    assert formatter.run([project / "data"], project, check=True, github=True) == 1
    assert ("::error file=data/cases/example-v-agency.yaml,line=2,col=1::not in canonical form"
            in capsys.readouterr().out)


@pytest.mark.slow  # reads the repository's data: the quick tier works at fixture scale
def test_real_data_keeps_its_content_when_formatted(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = {p.relative_to(data): data_of(p) for p in data.glob("*/*.yaml")}
    result = formatter.format_files([data], tmp_path)
    assert result.problems == []
    for relative, content in before.items():
        assert same_content(data_of(data / relative), content), relative
    assert formatter.format_files([data], tmp_path, check=True).differences == []

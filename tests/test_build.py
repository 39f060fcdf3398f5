"""The whole build: MkDocs --strict on generated pages, identical bytes twice, and no half-built site on failure."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys

import pytest

from scripts.__main__ import main
from scripts.records.json_schemas import schema_files
from scripts.records.registry import REGISTRY
from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.build import build_site
from scripts.site.failures import BuildFailed
from scripts.tools.schema_export import export_schemas

from .conftest import ROOT, make_project
from .test_reports import reports_dir  # noqa: F401 (a fixture: the fixture data with one briefing)

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def _tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_fixture_site_builds_strict_and_identically_twice(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    os.environ.pop("SOURCE_DATE_EPOCH", None)  # as a fresh process has it: not left by an earlier build
    build_site(project, project / "site-a")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    build_site(project, project / "site-b")
    a, b = project / "site-a", project / "site-b"
    files = _tree(a)
    assert files == _tree(b)
    assert "cases/example-v-agency/index.html" in files
    assert "events/2014-11-20-example-memo/index.html" in files
    mismatched = [f for f in files if not filecmp.cmp(a / f, b / f, shallow=False)]
    assert mismatched == []
    html = (a / "cases/example-v-agency/index.html").read_text()
    assert "<title>Example v. Agency - Detainers Record</title>" in html
    # Record pages stay out of the navigation: the nav in a page lists collections, not every record.
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert 'href="../../events/"' in nav and "2014-11-20-example-memo" not in nav


def test_broken_data_leaves_the_previous_site_untouched(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    build_site(project, project / "site")
    before = {f: (project / "site" / f).read_bytes() for f in _tree(project / "site")}
    case = project / "data/cases/example-v-agency.yaml"
    case.write_text(case.read_text().replace("decided: 2014-04-11", 'decided: "2014-13-04"'))
    with pytest.raises(DataError) as error:
        build_site(project, project / "site")
    assert "data/cases/example-v-agency.yaml:6:10:" in str(error.value.problems[0])
    after = {f: (project / "site" / f).read_bytes() for f in _tree(project / "site")}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "staging folders are cleaned up"


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)
    build_site(project, project / "site")
    stamp = (project / "site/index.html").read_bytes()
    (project / "docs/about.md").write_text("# About\n\n[broken](no-such-page.md)\n")
    with pytest.raises(BuildFailed) as error:  # a hand-written page, not the data
        build_site(project, project / "site")
    assert "MkDocs stopped the build (Aborted with 1 warnings in strict mode!)" in str(error.value)
    assert (project / "site/index.html").read_bytes() == stamp


def test_real_data_is_valid_and_not_empty(real_dataset):
    dataset = real_dataset
    assert dataset.count() > 0
    empty = [name for name, records in dataset.collections.items() if not records]
    assert empty == []


def test_the_same_data_builds_the_same_bytes_in_two_processes(tmp_path, data_dir, reports_dir):  # noqa: F811
    """Two processes whose hash seeds differ (so do the orders of their sets), each in a project of its own with empty
    chart and PDF caches, build the fixture data (every kind of record, a cut of every table, a briefing): every
    file the same, byte for byte, pages, charts, PDFs and search index alike, so set or dict order, object ids or a
    clock cannot slip in unnoticed. Each process generates its pages itself (two builds in one process would share
    the generation: generate_pages keeps the last). At fixture scale: the same code paths as the real data."""
    sites = []
    for seed in ("1", "2"):
        folder = tmp_path / f"process-{seed}"
        folder.mkdir()
        project = make_project(folder, data_dir, own_cache=True)
        shutil.copytree(reports_dir, project / "reports")
        sites.append(folder / "site")
        env = dict(os.environ, PYTHONHASHSEED=seed, NO_MKDOCS_2_WARNING="1")
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "scripts", "--root", str(project), "build", "--out", str(sites[-1])],
                       cwd=project, env=env, check=True, capture_output=True, timeout=600)
        assert not (project / ".cache/charts").is_symlink(), "the charts are drawn, not read from the shared cache"
    files = _tree(sites[0])
    assert "counties/index.html" in files and "es/cases/example-v-agency/index.html" in files
    assert any(f.endswith(".svg") for f in files) and any(f.endswith(".pdf") for f in files)
    assert files == _tree(sites[1])
    assert [f for f in files if not filecmp.cmp(sites[0] / f, sites[1] / f, shallow=False)] == []


def test_real_site_builds_strict_with_every_record(real_site, real_dataset):
    """The run's one strict build of the real site (real_site): a page for every record, all of them searchable."""
    dataset = real_dataset
    for collection, records in dataset.collections.items():
        for record_id in records:
            assert (real_site / collection / record_id / "index.html").is_file()
    entry = json.loads((real_site / "pagefind/pagefind-entry.json").read_text())
    records = sum(len(records) for records in dataset.collections.values())
    assert entry["languages"]["en"]["page_count"] > records, "the search index holds every record page and more"


def test_cli_validate_reports_problems_and_exit_code(tmp_path, data_dir, capsys):
    project = make_project(tmp_path, data_dir)
    assert main(["--root", str(project), "validate"]) == 0
    counts = {c.name: len(records) for c, records in
              ((c, validate(data_dir).collections[c.name]) for c in REGISTRY)}  # files, and the places from tables
    assert all(counts[c.name] == len(list((data_dir / c.name).glob("*.yaml"))) for c in REGISTRY.hand_written())
    expected = ", ".join(f"{n} {name}" for name, n in counts.items())
    assert capsys.readouterr().out.startswith(f"OK: {sum(counts.values())} records checked ({expected})")
    case = project / "data/cases/example-v-agency.yaml"
    case.write_text(case.read_text().replace("status: decided", "status: won"))
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith('data/cases/example-v-agency.yaml:7:9: case example-v-agency: status: "won" is not allowed')
    assert err.rstrip().endswith("1 problem found; nothing was built. Fix them and run the command again "
                                 "(see CONTRIBUTING.md).")


def test_exported_schema_is_up_to_date():
    assert export_schemas(ROOT / "schema", check=True) == 0, "run `python -m scripts schema`"


def test_schema_check_catches_drift(tmp_path):
    export_schemas(tmp_path)
    name = sorted(schema_files())[0]
    (tmp_path / name).write_text("{}")
    assert export_schemas(tmp_path, check=True) == 1


def test_hand_written_pages_say_when_they_last_changed(tmp_path, data_dir):
    project = make_project(tmp_path, data_dir)  # no git here: the data's last review date stands in
    build_site(project, project / "site")
    assert '<p class="page-changed">Last changed November 1, 2026.</p>' in (project / "site/about/index.html").read_text()
    # and their headings' anchors are titled in the page's language (a spell check of the Spanish site found the
    # Markdown default "Permanent link" on every heading of every Spanish page)
    assert 'class="headerlink" href="#about-this-site" title="Permanent link"' in (
        project / "site/about/index.html").read_text()
    spanish_about = (project / "site/es/about/index.html").read_text()
    assert 'title="Enlace permanente"' in spanish_about and "Permanent link" not in spanish_about


def test_fixture_generated_pages_are_what_markdown_would_make(tmp_path, data_dir):
    """The hooks hand MkDocs a generated page's body as HTML, without Python-Markdown parsing it (#33): each page's
    HTML, table of contents, title and anchors are what rendering all of its Markdown gives."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from scripts.site.build_inputs import BuildInputs
    from scripts.site.generate import generate_pages
    from scripts.site.mkdocs_raw_pages import add_body, anchor_ids, take_body

    project = make_project(tmp_path, data_dir)
    inputs = BuildInputs.of_project(project)
    pages = generate_pages(inputs.data_dir, **inputs.generation_arguments())
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "mkdocs_hooks"  # what File.generated records, set by MkDocs while a hook runs
    files = Files([File.generated(config, path, content=content) for path, content in sorted(pages.items())])
    markdown_pages = [file for file in files if file.is_documentation_page()]
    assert len(markdown_pages) > 100
    for file in markdown_pages:
        whole, direct = Page(None, file, config), Page(None, file, config)
        whole.read_source(config)
        whole.render(config, files)
        direct.read_source(config)
        direct.markdown = take_body(direct.markdown, direct)
        assert direct.markdown.startswith("# ") and direct.markdown.count("\n") == 1, file.src_uri
        direct.render(config, files)
        direct.content = add_body(direct.content, direct)
        assert direct.content == whole.content, file.src_uri
        assert str(direct.toc) == str(whole.toc) and direct.title == whole.title, file.src_uri
        assert direct.present_anchor_ids | anchor_ids(direct.content) == whole.present_anchor_ids, file.src_uri


def test_fixture_links_into_a_generated_page_are_checked(tmp_path, data_dir, caplog):
    """A hand-written link to an anchor in a generated page's body is valid; one to an anchor it lacks fails the
    strict build, as when Markdown parsed the body."""
    project = make_project(tmp_path, data_dir)
    (project / "docs/about.md").write_text(
        "# About\n\n[holding](cases/example-v-agency.md#holding)\n[memo](events/2014-11-20-example-memo.md#nowhere)\n")
    with pytest.raises(BuildFailed) as error:
        build_site(project, project / "site")
    assert "strict mode" in str(error.value)
    assert "'events/2014-11-20-example-memo.md' does not contain an anchor '#nowhere'" in caplog.text
    assert caplog.text.count("does not contain an anchor") == 1  # not '#holding'

"""What a pull request can do to the tables and JSON under data/datasets/, and what `validate` answers: every file is
read by one layer with the records' rules (size, UTF-8 without BOM, no NUL, rows, cells, nesting), each problem at
file:line:column with what to do, and a list naming an agency that agencies.csv lacks is a reference error, not a
crash of the build."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from scripts.records.datasets.ingest_287g import ingest
from scripts.records.limits import MAX_CELL_CHARS, MAX_JSON_NESTING
from scripts.records.problems import DataError
from scripts.records.validate import validate

from .conftest import TODAY
from .test_ingest_287g import REFERENCE, ice_file

LIST = "datasets/ice-287g/lists/2026-05-18.csv"
PROVENANCE = "datasets/ice-287g/lists/2026-05-18.provenance.json"
AGENCIES = "datasets/ice-287g/agencies.csv"


@pytest.fixture(scope="module")
def tables_folder(tmp_path_factory):
    """data/datasets/ with the Census reference tables and one small 287(g) list, made by the ingest."""
    folder = tmp_path_factory.mktemp("tables") / "datasets"
    shutil.copytree(REFERENCE, folder / "reference")
    ingest([ice_file(folder.parent)], folder / "ice-287g", REFERENCE)
    (folder / "ice-287g" / "reconciliation.yaml").write_text("287g-example: The figure counts agencies.\n")
    return folder


@pytest.fixture
def data(data_dir, tables_folder):
    shutil.rmtree(data_dir / "datasets")  # these tables in place of the fixture's own
    shutil.copytree(tables_folder, data_dir / "datasets")
    return data_dir


def problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    return [str(p) for p in raised.value.problems]


def write(data_dir, relpath: str, content: bytes) -> None:
    (data_dir / relpath).write_bytes(content)


def test_the_fixture_tables_are_valid(data):
    dataset = validate(data, today=TODAY)
    assert "tx-bell-county-sheriffs-office" in dataset.collections["agencies"]


def test_a_byte_that_is_not_utf8_is_named_with_its_line(data):
    lines = (data / LIST).read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Bell", b"B\xe9ll", 1)
    write(data, LIST, b"\n".join(lines))
    found = [p for p in problems(data) if p.startswith(f"data/{LIST}:")]
    assert found and found[0].startswith(f"data/{LIST}:3:") and "not valid UTF-8" in found[0]


def test_a_byte_order_mark_is_refused_plainly(data):
    write(data, AGENCIES, b"\xef\xbb\xbf" + (data / AGENCIES).read_bytes())
    assert f"data/{AGENCIES}:1:1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM" \
        in problems(data)


def test_an_extra_cell_on_one_line_is_named_with_its_line_and_cell(data):
    lines = (data / LIST).read_text().split("\n")
    lines[3] += ",extra"
    (data / LIST).write_text("\n".join(lines))
    found = [p for p in problems(data) if p.startswith(f"data/{LIST}:4:")]
    assert found and "the row has 15 cells, the header 14: remove the extra cells" in found[0]


def test_a_huge_cell_is_refused_before_anything_is_built_from_it(data):
    text = (data / LIST).read_text()
    (data / LIST).write_text(text.replace("Florida Highway Patrol", "F" * 200_000, 1))
    found = [p for p in problems(data) if p.startswith(f"data/{LIST}:")]
    assert found and f"200,000 characters; a cell may hold at most {MAX_CELL_CHARS:,}" in found[0]


def test_a_nul_byte_is_refused_with_its_place(data):
    text = (data / AGENCIES).read_bytes()
    write(data, AGENCIES, text.replace(b"Bell", b"Be\x00ll", 1))
    line = text[:text.index(b"Bell")].count(b"\n") + 1
    found = [p for p in problems(data) if p.startswith(f"data/{AGENCIES}:")]
    assert found and "a NUL byte" in found[0] and found[0].startswith(f"data/{AGENCIES}:{line}:")


def test_json_nested_100000_deep_is_refused_quickly(data):
    write(data, PROVENANCE, b"[" * 100_000 + b"]" * 100_000)
    started = time.perf_counter()
    found = [p for p in problems(data) if p.startswith(f"data/{PROVENANCE}:")]
    assert time.perf_counter() - started < 30
    assert found == [f"data/{PROVENANCE}:1:{MAX_JSON_NESTING + 1}: objects and arrays are nested more than "
                     f"{MAX_JSON_NESTING} levels deep here: re-run the dataset's ingest (README \"Ingesting the "
                     "publishers' files\"), or restore the file from git (git checkout -- FILE)"]


def test_broken_json_is_named_with_its_line_and_column(data):
    write(data, PROVENANCE, b'{\n  "list_date": "2026-05-18",\n  "sheet": }\n')
    assert any(p.startswith(f"data/{PROVENANCE}:3:12: not valid JSON") for p in problems(data))


def test_a_list_naming_an_agency_that_agencies_csv_lacks_is_a_reference_error(data):
    text = (data / LIST).read_text()
    (data / LIST).write_text(text.replace("fl-florida-highway-patrol", "fl-florida-highway-patrl"))
    agencies = (data / AGENCIES).read_text().split("\n")
    (data / AGENCIES).write_text("\n".join(line for line in agencies if "florida-highway-patrol" not in line))
    line = next(i for i, row in enumerate(text.split("\n"), start=1) if "fl-florida-highway-patrol" in row)
    assert f"data/{LIST}:{line}:5: agency_id 'fl-florida-highway-patrl' is not in data/{AGENCIES} — write the " \
           "tables again with ./site.sh ingest 287g, which writes both" in problems(data)


def test_an_unreadable_date_in_a_table_is_named_with_its_cell(data):
    text = (data / LIST).read_text()
    (data / LIST).write_text(text.replace("2025-03-01", "2025-13-01", 1))
    found = [p for p in problems(data) if p.startswith(f"data/{LIST}:")]
    assert found and ":10: signed: '2025-13-01' is not a date written YYYY-MM-DD" in found[0]


@pytest.mark.parametrize("content, expected", [
    ("a: &x [1]\nb: *x\n", "anchors and aliases (&name, *name) are not allowed"),
    ("a:\n\t- b\n", "tab character"),
    ("[" * 5000 + "]" * 5000 + "\n", "nested more than 20 levels"),
    ("287g-example:\n  - a list\n", "287g-example: the explanation must be text"),
])
def test_reconciliation_yaml_is_read_by_the_records_loader(data, content, expected):
    (data / "datasets/ice-287g/reconciliation.yaml").write_text(content)
    found = [p for p in problems(data) if p.startswith("data/datasets/ice-287g/reconciliation.yaml:")]
    assert found and expected in found[0]


@pytest.mark.slow  # reads the repository's data: the quick tier works at fixture scale
def test_the_reading_layer_reads_every_committed_table_and_json_file():
    from scripts.records.table_files import dataset_file_problems

    from .conftest import ROOT

    from scripts.records.validate import DATASET_READERS
    assert dataset_file_problems(ROOT / "data" / "datasets", ROOT, DATASET_READERS) == []




# Every address the site publishes from a file passes the records' URL rule.

@pytest.mark.parametrize("key", ["publisher_url", "source_url"])
def test_a_javascript_address_in_a_provenance_file_is_a_validation_error(data, key):
    record = json.loads((data / PROVENANCE).read_text())
    record[key] = "javascript:alert(document.cookie)"
    text = json.dumps(record, indent=2)
    (data / PROVENANCE).write_text(text)
    line = text[:text.index(f'"{key}"')].count("\n") + 1
    column = len(f'  "{key}": ') + 1
    found = [p for p in problems(data) if p.startswith(f"data/{PROVENANCE}:")]
    assert found == [f'data/{PROVENANCE}:{line}:{column}: {key}: "javascript:alert(document.cookie)" is not a web '
                     "address: write the full address, starting with http:// or https://"]


def test_the_dataset_page_is_never_built_with_a_javascript_link(data):
    from scripts.site.datasets.pages import dataset_pages
    from scripts.site.render import Renderer

    renderer = Renderer(validate(data, today=TODAY))
    record = json.loads((data / PROVENANCE).read_text())
    (data / PROVENANCE).write_text(json.dumps({**record, "publisher_url": "JavaScript:alert(1)"}, indent=2))
    with pytest.raises(DataError) as raised:
        dataset_pages(renderer, data / "datasets")
    assert [p.message.split(":")[0] for p in raised.value.problems] == ["publisher_url"]


# Checks that match text run in time linear in it; floods of messages are cut to the first of each kind.

def test_the_glossary_check_of_long_forms_and_a_long_field_takes_time_linear_in_them():
    from scripts.records.glossary import Glossary, GlossaryTerm, field_problems

    text = ("detainer " * 2_300)[:20_000]
    forms = tuple(("detainer " * k).strip() + " x" for k in range(1, 101))  # 100 forms of up to 900 characters
    glossary = Glossary([GlossaryTerm("t", "data/terms/t.yaml", forms, ("orden",), forms)])
    started = time.perf_counter()
    assert field_problems(text, text, glossary) == []
    assert time.perf_counter() - started < 1.5  # an alternation of the 100 forms took 4 s


def test_three_thousand_term_files_do_not_flood_the_output(tmp_path, data_dir, capsys):
    from scripts.__main__ import main

    from .conftest import make_project

    for number in range(3_000):
        (data_dir / "terms" / f"flood-{number}.yaml").write_text(
            f"id: flood-{number}\nenglish: [template]\nspanish: [formulario]\ndefinition: A template.\n"
            "last_reviewed: 2026-11-01\n")
    project = make_project(tmp_path, data_dir)
    assert main(["--root", str(project), "validate"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) < 100
    assert lines[-2].startswith("… and 2,980 more problems like the one at data/terms/example-hold.yaml:")
    assert lines[-1].startswith("3000 problems found; nothing was built.")


# serve and editors: an editor's backup or lock file beside a record is not a record; a file that cannot be read is
# named on the problem page.

EDITOR_FILES = ["2014-11-20-example-memo.yaml~", "#2014-11-20-example-memo.yaml#", ".#2014-11-20-example-memo.yaml",
                ".2014-11-20-example-memo.yaml.swp", "2014-11-20-example-memo.yaml.swp"]


def test_editors_backup_and_lock_files_are_ignored_and_not_mentioned(data_dir):
    record = (data_dir / "events" / "2014-11-20-example-memo.yaml").read_text()
    for name in EDITOR_FILES:
        (data_dir / "events" / name).write_text(record.replace("summary:", "summary: half-saved\n  x:"))
    (data_dir / "#notes.txt#").write_text("an autosave in data/ itself")
    assert "2014-11-20-example-memo" in validate(data_dir, today=TODAY).collection_of


def test_a_file_that_cannot_be_read_is_named_on_the_problem_page(data_dir, monkeypatch):
    from pathlib import Path

    from scripts.site.problem_page import data_problem_page

    unreadable = data_dir / "events" / "2014-11-20-example-memo.yaml"
    read_bytes = Path.read_bytes

    def refusing(path):
        if path == unreadable:
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    shown = [str(p) for p in raised.value.problems if "cannot be read" in p.message]
    assert shown == ["data/events/2014-11-20-example-memo.yaml:1:1: the file cannot be read (Permission denied); "
                     "check that it is an ordinary file you may read, or move it out of data/"]
    assert "data/events/2014-11-20-example-memo.yaml:1:1" in data_problem_page(raised.value)


def test_the_readme_lists_the_limits_of_every_file_kind():
    from scripts.records.datasets import ice_287g
    from scripts.site.reports import sandbox

    from .conftest import ROOT

    text = (ROOT / "README.md").read_text()
    section = text[text.index("### Every file kind, its limits and where they are enforced"):]
    for written in [f"{ice_287g.MAX_FILE_BYTES // 2**20} MB on disk", f"at most {ice_287g.MAX_PARTS:,} parts",
                    f"{ice_287g.MAX_INFLATED_BYTES // 2**20} MB inflated", f"{ice_287g.MAX_RATIO} times",
                    f"at most {ice_287g.MAX_ROWS:,} rows and {ice_287g.MAX_COLUMNS} cells per row",
                    f"{sandbox.MAX_TEMPLATE_BYTES // 1024} KB", f"at most {sandbox.MAX_TEMPLATE_NESTING} levels",
                    f"{sandbox.MAX_STEPS:,} steps", f"at most {sandbox.MAX_NUMBER:,}",
                    f"at most {sandbox.MAX_TEXT:,} characters", f"{sandbox.MAX_OUTPUT:,} characters of output"]:
        assert written in section, written


# validate finds what would stop the dataset pages: the fields the site reads from a provenance record.

@pytest.mark.parametrize("change, expected", [
    (lambda record: record.pop("publisher"), "1:1: publisher: missing; the dataset's page shows it"),
    (lambda record: record.update(agreements="three"), ": agreements: must be a whole number"),
])
def test_a_provenance_record_without_what_the_page_shows_is_a_validation_error(data, change, expected):
    record = json.loads((data / PROVENANCE).read_text())
    change(record)
    (data / PROVENANCE).write_text(json.dumps(record, indent=2))
    found = [p for p in problems(data) if p.startswith(f"data/{PROVENANCE}:")]
    assert found and expected in found[0]


def test_a_dataset_page_that_cannot_be_made_is_found_by_validate(tmp_path, data, capsys):
    from scripts.__main__ import main

    from .conftest import ROOT, make_project

    shutil.copytree(ROOT / "data" / "datasets" / "npr-detainers", data / "datasets" / "npr-detainers")
    record = json.loads((data / "datasets/npr-detainers/provenance.json").read_text())
    record["commits"] = {}
    (data / "datasets/npr-detainers/provenance.json").write_text(json.dumps(record, indent=2))
    project = make_project(tmp_path, data)
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "data/datasets/npr-detainers/provenance.json:1:1: the dataset's provenance or views lack or mistype what " \
           "its page shows (KeyError: 'reporting-analysis')" in err
    assert "Traceback" not in err


def test_an_agreement_address_with_an_invisible_character_is_refused_at_its_cell(data):
    text = (data / LIST).read_text()
    address = "https://www.ice.gov/doclib/287gMOA/287gTFM_BellCoTX.pdf"
    (data / LIST).write_text(text.replace(address, "https://www.ice.gov/\u202edoclib/287gTFM_BellCoTX.pdf"))
    line = next(i for i, row in enumerate(text.split("\n"), start=1) if address in row)
    found = [p for p in problems(data) if p.startswith(f"data/{LIST}:{line}:12: agreement_url:")]
    assert found and "an invisible character" in found[0]

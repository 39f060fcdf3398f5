"""What a maintainer's download or a pull request can put into the files read outside data/'s records: NPR's tables,
the federal sanctuary lists, the Census reference tables, the Deportation Data Project's file, ICE's detention
workbooks. Each is read by the tables' reading layer
(scripts/records/table_files.py) with its limits, and every problem is named at its file, line and cell instead of
a traceback or a build that crashes later."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import zipfile

import openpyxl
import pytest

from scripts.records.datasets import ddp_detainers, npr_detainers
from scripts.records.datasets.detainer_checks import IngestError
from scripts.records.datasets.ice_detention import WorkbookError, read_release
from scripts.records.limits import MAX_CELL_CHARS, MAX_TABLE_FILE_BYTES, MAX_XLSX_FILE_BYTES
from scripts.records.problems import DataError
from scripts.records.validate import validate

from .conftest import ROOT, TODAY
from .test_detainer_datasets import RECORDS
from .test_detainer_datasets import _file as ddp_file

NPR = ROOT / "data" / "datasets" / "npr-detainers"
SANCTUARY = ROOT / "data" / "datasets" / "sanctuary-lists"


@pytest.fixture
def npr_copy(tmp_path):
    folder = tmp_path / "npr"
    shutil.copytree(NPR, folder, ignore=shutil.ignore_patterns("views", "provenance.json"))
    return folder


def _npr_problems(folder) -> list[str]:
    with pytest.raises(IngestError) as caught:
        npr_detainers.read_tables(folder)
    return [str(problem) for problem in caught.value.problems]


def test_an_npr_table_with_a_byte_that_is_not_utf8_is_named_at_its_line(npr_copy):
    path = npr_copy / "americans.csv"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4] + b"\xe9"
    path.write_bytes(b"\n".join(lines))
    found = [p for p in _npr_problems(npr_copy) if "americans.csv:5:" in p]
    assert found and "is not valid UTF-8; save the file as UTF-8" in found[0]


def test_an_npr_table_with_a_nul_byte_or_a_byte_order_mark_is_refused_plainly(npr_copy):
    marked = npr_copy / "detainers_by_year.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + marked.read_bytes())
    path = npr_copy / "americans_by_year.csv"
    path.write_bytes(path.read_bytes().replace(b"2009", b"20\x0009", 1))
    found = _npr_problems(npr_copy)
    assert any("detainers_by_year.csv:1:1: the file starts with a byte-order mark" in p for p in found)
    assert any("americans_by_year.csv:" in p and "a NUL byte" in p for p in found)


def test_an_npr_cell_of_200000_characters_is_refused_at_its_cell(npr_copy):
    path = npr_copy / "americans.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[2].split(",")
    cells[2] = "X" * 200_000
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [p for p in _npr_problems(npr_copy) if "americans.csv:3:3:" in p]
    assert found and f"a cell may hold at most {MAX_CELL_CHARS:,}" in found[0]


def test_an_npr_table_over_the_size_limit_is_refused_before_it_is_read(npr_copy):
    path = npr_copy / "declined_vs_everythingelse.csv"
    with path.open("r+b") as handle:  # a sparse file: its size without writing its bytes
        handle.truncate(MAX_TABLE_FILE_BYTES + 1)
    found = [p for p in _npr_problems(npr_copy) if "declined_vs_everythingelse.csv:1:1:" in p]
    assert found and f"a CSV table may be at most {MAX_TABLE_FILE_BYTES:,} bytes" in found[0]


# The sanctuary lists and the reference tables: validate finds what the build would trip on.

@pytest.fixture
def lists_data(data_dir):
    shutil.copytree(SANCTUARY, data_dir / "datasets" / "sanctuary-lists",
                    ignore=shutil.ignore_patterns("*.pdf", "*.txt"))
    return data_dir


def _validate_problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as raised:
        validate(data_dir, today=TODAY)
    return [str(problem) for problem in raised.value.problems]


def test_a_sanctuary_list_entry_that_is_not_a_number_is_a_validation_error(lists_data):
    path = lists_data / "datasets" / "sanctuary-lists" / "doj-2025-08-05.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = "three" + lines[3][lines[3].index(","):]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [p for p in _validate_problems(lists_data) if "sanctuary-lists/doj-2025-08-05.csv:4:1:" in p]
    assert found and "entry: 'three' is not a whole number" in found[0]


def test_a_sanctuary_list_with_a_missing_column_is_a_validation_error(lists_data):
    path = lists_data / "datasets" / "sanctuary-lists" / "dhs-2025-05-29.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("listed_under,", "", 1), encoding="utf-8")
    found = [p for p in _validate_problems(lists_data) if "sanctuary-lists/dhs-2025-05-29.csv:1:1:" in p]
    assert found and "missing: listed_under" in found[0]


def test_a_reference_table_with_a_renamed_column_is_a_validation_error_not_a_crash(data_dir):
    path = data_dir / "datasets" / "reference" / "state_fips_names.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("name,postal,fips", "name,postal,code", 1),
                    encoding="utf-8")
    found = [p for p in _validate_problems(data_dir) if "reference/state_fips_names.csv:1:1:" in p]
    assert found and "missing: fips" in found[0]


# The Deportation Data Project's file (`ingest ddp`): size, rows, columns and bytes checked before it is read, and a
# cell longer than the site shows refused at its row and column.

def _ddp_problems(path, **options) -> list[str]:
    with pytest.raises(IngestError) as caught:
        ddp_detainers.read(path, path.name, today=dt.date(2026, 1, 1), **options)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("name", ["detainers-latest.parquet", "detainers-latest.xlsx"])
def test_a_ddp_cell_longer_than_the_site_shows_is_refused_at_its_row_and_column(tmp_path, name):
    records = [dict(RECORDS[0]), dict(RECORDS[1], detention_facility="X" * 20_000)]  # an .xlsx cell holds 32,767
    path = ddp_file(tmp_path, records, name=name)
    found = _ddp_problems(path)
    column = list(ddp_detainers.read(ddp_file(tmp_path, RECORDS, name=name), today=dt.date(2026, 1, 1)).columns) \
        .index("detention_facility") + 1
    row = 3 if name.endswith(".xlsx") else 2  # a spreadsheet's row 1 is its header
    assert found == [f'{name}:{row}:{column}: "detention_facility" holds 20,000 characters; the site shows at most '
                     f"{MAX_CELL_CHARS:,} in a cell: check that this is the Deportation Data Project's processed "
                     "detainer file, and download it again"]


def test_a_ddp_parquet_file_with_too_many_rows_is_refused_from_its_footer(tmp_path, monkeypatch):
    monkeypatch.setattr(ddp_detainers, "MAX_ROWS", 3)
    monkeypatch.setattr(ddp_detainers.pq, "read_table", None)  # nothing may be read past the footer
    found = _ddp_problems(ddp_file(tmp_path, RECORDS))
    assert len(found) == 1 and "the file has 4 rows, over the limit of 3" in found[0]


def test_a_ddp_spreadsheet_is_read_lazily_and_stops_at_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ddp_detainers, "MAX_ROWS", 100)
    path = ddp_file(tmp_path, RECORDS * 1_000, name="detainers-latest.xlsx")
    found = _ddp_problems(path)
    assert found == ["detainers-latest.xlsx:102:1: the sheet has more than 100 rows, the limit: check that this is "
                     "the Deportation Data Project's processed detainer file, and download it again"]


def test_a_ddp_file_over_the_size_limit_or_missing_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "detainers-latest.parquet"
    with path.open("wb") as handle:  # a sparse file: its size without writing its bytes
        handle.truncate(ddp_detainers.MAX_FILE_BYTES + 1)
    assert "over the limit of" in _ddp_problems(path)[0]
    assert _ddp_problems(tmp_path / "detainers-latst.parquet") == [
        "detainers-latst.parquet:1:1: no such file — check the file's name and folder"]


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    return path


def test_a_ddp_spreadsheet_packed_like_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    found = _ddp_problems(_zip_bomb(tmp_path / "detainers-latest.xlsx"))
    assert len(found) == 1 and "xl/worksheets/sheet1.xml inflates" in found[0] and "a zip bomb" in found[0]


# ICE's detention statistics (`ingest detention`): the workbook's size and zip checked before it is opened.

def test_a_detention_workbook_packed_like_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    with pytest.raises(WorkbookError) as caught:
        read_release(_zip_bomb(tmp_path / "FY2025_detentionStats.xlsx"), "FY2025_detentionStats.xlsx")
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith("FY2025_detentionStats.xlsx:-:1:A: xl/worksheets/sheet1.xml inflates")


def test_a_detention_workbook_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "FY2025_detentionStats.xlsx"
    with path.open("wb") as handle:
        handle.truncate(MAX_XLSX_FILE_BYTES + 1)
    with pytest.raises(WorkbookError) as caught:
        read_release(path, path.name)
    assert caught.value.problems == [f"FY2025_detentionStats.xlsx:-:1:A: the file is {MAX_XLSX_FILE_BYTES + 1:,} "
                                     f"bytes, over the limit of {MAX_XLSX_FILE_BYTES:,} — is it ICE's detention "
                                     "statistics workbook?"]


def test_the_readme_gives_the_downloads_limits_as_the_code_has_them():
    from scripts.records.datasets import ice_detention

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Every file kind, its limits and where they are enforced"):]
    for written in [f"{ddp_detainers.MAX_FILE_BYTES // 2**30} GB on disk",
                    f"at most {ddp_detainers.MAX_ROWS:,} rows and {ddp_detainers.MAX_COLUMNS} columns",
                    f"at most {ddp_detainers.MAX_READ_BYTES // 2**30} GB uncompressed",
                    f"at most {ddp_detainers.MAX_XLSX_INFLATED_BYTES // 2**30} GB inflated",
                    f"a text cell over {MAX_CELL_CHARS:,} characters",
                    f"{MAX_XLSX_FILE_BYTES // 2**20} MB on disk, checked before it is read",
                    f"first {ice_detention.SCAN_ROWS:,} rows and {ice_detention.SCAN_COLUMNS} columns"]:
        assert written in section, written


# serve: a file that cannot be read after the site was built leaves the last good pages served, each with a notice
# naming the file; `build` still fails and publishes nothing.

def test_serve_keeps_the_last_good_pages_and_names_a_file_it_cannot_read(tmp_path, data_dir, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from scripts.site import mkdocs_hooks
    from scripts.site.problem_page import PROBLEMS_PAGE

    from .conftest import make_project

    for name, value in (("_serving", False), ("_last_good_pages", None), ("_shown_problems", None)):
        monkeypatch.setattr(mkdocs_hooks, name, value)
    project = make_project(tmp_path, data_dir)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "mkdocs_hooks"  # what File.generated records, set by MkDocs while a hook runs
    mkdocs_hooks.on_startup("serve", dirty=False)
    good = {file.src_uri: file.content_bytes for file in mkdocs_hooks.on_files(Files([]), config)}
    record = project / "data" / "events" / "2014-11-20-example-memo.yaml"
    record.write_bytes(record.read_bytes().replace(b"summary:", b"summary: caf\xe9", 1))
    mkdocs_hooks.on_pre_build(config)
    kept = {file.src_uri: file for file in mkdocs_hooks.on_files(Files([]), config)}
    assert {path: kept[path].content_bytes for path in good} == good, "every page is served as last built"
    listed = kept[PROBLEMS_PAGE].content_string
    assert "data/events/2014-11-20-example-memo.yaml:" in listed and "is not valid UTF-8" in listed
    page = type("Page", (), {"url": "events/2014-11-20-example-memo/"})()
    shown = mkdocs_hooks.on_post_page("<html><body class=\"x\"><h1>Memo</h1></body></html>", page, config)
    assert shown.index("data/events/2014-11-20-example-memo.yaml:") < shown.index("<h1>Memo</h1>")
    assert f'href="../../{PROBLEMS_PAGE}"' in shown
    mkdocs_hooks.on_startup("build", dirty=False)
    with pytest.raises(PluginError, match="nothing was built"):
        mkdocs_hooks.on_files(Files([]), config)


def test_a_table_the_build_reads_by_column_without_that_column_is_a_validation_error(data_dir):
    path = data_dir / "datasets" / "ice-287g" / "releases.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    drop = rows[0].index("source_url")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([row[:drop] + row[drop + 1:] for row in rows])
    found = [p for p in _validate_problems(data_dir) if "ice-287g/releases.csv:1:1:" in p]
    assert found and "the header lacks source_url: the site reads that column" in found[0]


# ICE's pending-agency lists (`ingest 287g`): the same workbook checks as the participating lists, before the
# workbook is loaded whole.

def test_a_pending_list_is_read_lazily_and_stops_at_the_row_limit(tmp_path, monkeypatch):
    from scripts.records.datasets import ice_287g
    from scripts.records.datasets.ice_287g import SpreadsheetError
    from scripts.records.datasets.pending_287g import read_pending

    from .test_ingest_287g import make_xlsx
    from .test_releases_287g import PENDING_HEADER

    monkeypatch.setattr(ice_287g, "MAX_ROWS", 100)
    path = make_xlsx(tmp_path / "pendingAgencies05012026am.xlsx", PENDING_HEADER,
                     [["TEXAS", "Bell County Sheriff's Office", "County", "Bell County", "Task Force Model"]] * 1_000)
    monkeypatch.setattr(openpyxl, "load_workbook", _read_only_only(openpyxl.load_workbook))
    with pytest.raises(SpreadsheetError) as raised:
        read_pending(path, None)
    assert raised.value.problems == [
        "pendingAgencies05012026am.xlsx:Sheet1:101:A: the sheet has more than 100 rows, the limit — check that it "
        "is ICE's pending-agency list"]


def _read_only_only(load_workbook):
    """openpyxl's loader, refusing to load a workbook whole (as the full, not read-only, mode does)."""
    def loading(*args, read_only=False, **options):
        assert read_only, "the workbook was loaded whole before its rows were counted"
        return load_workbook(*args, read_only=read_only, **options)
    return loading


def test_a_pending_list_packed_like_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    from scripts.records.datasets.ice_287g import SpreadsheetError
    from scripts.records.datasets.pending_287g import read_pending

    with pytest.raises(SpreadsheetError) as raised:
        read_pending(_zip_bomb(tmp_path / "pendingAgencies05012026am.xlsx"), None)
    assert len(raised.value.problems) == 1 and "a zip bomb, not a spreadsheet" in raised.value.problems[0]


# DHS's print (`ingest dhs-sanctuary`): its size checked before pdftotext reads it, and what goes wrong said plainly.

def test_a_print_that_is_missing_too_large_or_not_a_pdf_is_refused_plainly(tmp_path, capsys):
    from scripts.__main__ import main
    from scripts.records.datasets.sanctuary_lists import MAX_PRINT_BYTES

    large, fake = tmp_path / "large.pdf", tmp_path / "fake.pdf"
    with large.open("wb") as handle:
        handle.truncate(MAX_PRINT_BYTES + 1)
    fake.write_text("not a PDF")
    for given, said in [(tmp_path / "missing.pdf", "no such file"), (large, f"over the limit of {MAX_PRINT_BYTES:,}"),
                        (fake, "pdftotext cannot read it")]:
        assert main(["--root", str(tmp_path), "ingest", "dhs-sanctuary", str(given)]) == 1
        err = capsys.readouterr().err
        assert said in err and "Nothing was written." in err and "Traceback" not in err, err


def test_serves_problem_notice_shows_the_problem_as_text_and_comes_off_whole():
    from scripts.records.problems import Problem
    from scripts.site.problem_page import with_problem_notice, without_problem_notice

    error = DataError([Problem("data/events/x.yaml", 3, 4, "summary: <script>alert(1)</script> is not allowed")])
    page = '<html><head><script>ok()</script></head><body class="md"><h1>Page</h1></body></html>'
    shown = with_problem_notice(page, 2, error)
    assert shown.index("data/events/x.yaml:3:4") < shown.index("<h1>Page</h1>")
    assert "&lt;script&gt;alert(1)" in shown and "<script>alert" not in shown
    assert 'href="../../serve-problems.html"' in shown
    again = with_problem_notice(shown, 2, error)
    assert again.count('class="serve-problems"') == 1, "a second problem replaces the first notice"
    assert without_problem_notice(again) == page

"""What a maintainer's download or a pull request can put into the files read outside data/'s records: NPR's tables,
the federal sanctuary lists, the Census reference tables. Each is read by the tables' reading layer
(scripts/records/table_files.py) with its limits, and every problem is named at its file, line and cell instead of
a traceback or a build that crashes later."""

from __future__ import annotations

import shutil

import pytest

from scripts.records.datasets import npr_detainers
from scripts.records.datasets.detainer_checks import IngestError
from scripts.records.limits import MAX_CELL_CHARS, MAX_TABLE_FILE_BYTES
from scripts.records.problems import DataError
from scripts.records.validate import validate

from .conftest import ROOT, TODAY

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

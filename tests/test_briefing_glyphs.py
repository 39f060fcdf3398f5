"""A character the briefing PDFs' font cannot draw (emoji, Chinese, Japanese, Korean) in a record a briefing prints
is reported at validation on the record's own file, line and field, never as a failure of the briefing; line and
paragraph separators (U+2028, U+2029) print as line breaks."""

from __future__ import annotations

import pytest

from scripts.__main__ import main
from scripts.records.validate import validate
from scripts.site.render import Renderer
from scripts.site.reports.files import render_briefings

from .conftest import TODAY, make_project
from .test_reports import EXAMPLE, fake_images, no_pdf  # noqa: F401 (a fixture)

EVENT = "events/2014-11-20-example-memo.yaml"
TITLE = "title: The example memo ends the example program"


def _project(tmp_path, data_dir, escaped: str, path: str = EVENT, old: str = TITLE):
    file = data_dir / path
    field, value = old.split(": ", 1)
    file.write_text(file.read_text().replace(old, f'{field}: "{value} {escaped}"'))
    project = make_project(tmp_path, data_dir)
    (project / "reports").mkdir()
    (project / "reports/example.yaml").write_text(EXAMPLE)
    return project


@pytest.mark.parametrize("escaped, name", [(r"\U0001F642", "U+1F642 SLIGHTLY SMILING FACE"),
                                           (r"\u4e2d\u6587", "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D, U+6587"),
                                           (r"\uD55C", "U+D55C HANGUL SYLLABLE HAN")])
def test_validate_blames_the_record_for_a_character_the_pdf_cannot_print(tmp_path, data_dir, capsys, escaped, name):
    project = _project(tmp_path, data_dir, escaped)
    assert main(["--root", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"data/{EVENT}:2:8: event 2014-11-20-example-memo: title: {name}"), err
    assert "cannot be printed in the briefing PDF (example)" in err and "reports/example.yaml" not in err


def test_a_source_in_the_reference_list_is_checked_too(tmp_path, data_dir, capsys):
    project = _project(tmp_path, data_dir, r"\U0001F4C4", "sources/example-memo-2014.yaml",
                       next(line for line in (data_dir / "sources/example-memo-2014.yaml").read_text().splitlines()
                            if line.startswith("title:")))
    assert main(["--root", str(project), "validate"]) == 1
    assert capsys.readouterr().err.startswith("data/sources/example-memo-2014.yaml:2:8: source example-memo-2014: "
                                              "title: U+1F4C4 PAGE FACING UP cannot be printed")


def test_a_record_no_briefing_prints_may_hold_any_character(tmp_path, data_dir, capsys):
    project = _project(tmp_path, data_dir, r"\U0001F642", "people/example-official.yaml",
                       next(line for line in (data_dir / "people/example-official.yaml").read_text().splitlines()
                            if line.startswith("name:")))
    assert main(["--root", str(project), "validate"]) == 0  # the site's pages show it with the reader's fonts


@pytest.mark.parametrize("escaped", [r"\u2028", r"\u2029"])
def test_line_and_paragraph_separators_print_as_line_breaks(tmp_path, data_dir, escaped):
    project = _project(tmp_path, data_dir, escaped + "after")
    renderer = Renderer(validate(project / "data", today=TODAY))
    [item] = render_briefings(renderer, fake_images(renderer), project / "reports", tmp_path / "cache", TODAY)
    assert "ends the example program \nafter" in item.html
    assert item.pdf.startswith(b"%PDF")

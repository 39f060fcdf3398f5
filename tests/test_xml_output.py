"""The XML the site writes stays well-formed whatever the records hold: control characters that YAML can carry
("\\x01", "\\x0b", "\\ufffe") are dropped from the Atom feed and the chart SVGs, and the rest of the text is kept."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from scripts.records.validate import validate
from scripts.site.charts.files import draw_chart
from scripts.site.charts.specs import chart_specs
from scripts.site.feed import atom_feed
from scripts.site.history import record_history

from .conftest import TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("escaped", [r"\x01", r"\x0b", r"\x1f", r"\x0c\x08", r"\ufffe"])
def test_control_characters_in_names_and_titles_leave_the_xml_well_formed(data_dir, escaped):
    for path, old in [("programs/example-program.yaml", "name: Example Program"),
                      ("statistics/example-count-2012.yaml", "title: Example agreements in 2012"),
                      ("events/2014-11-20-example-memo.yaml", "title: The example memo ends the example program")]:
        file = data_dir / path
        field, value = old.split(": ", 1)
        file.write_text(file.read_text().replace(old, f'{field}: "{value} {escaped}end"'))
    dataset = validate(data_dir, today=TODAY)

    feed = ET.fromstring(atom_feed(dataset, record_history(dataset, None), "https://example.org/"))
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert any(t.endswith("Example Program end") for t in titles), titles

    for spec in chart_specs(dataset).values():
        ET.fromstring(draw_chart(spec))  # raises ParseError if not well-formed

"""English words a Spanish spell check (hunspell-es, research/spanish-spellcheck-2026-12-07.md) found in the interface
of Spanish pages, each pinned where the fixture can show it: what the page prints is Spanish, while codes stay in the
CSV files, which are the same data for both languages."""

from __future__ import annotations

from scripts.records.validate import validate
from scripts.site.charts.specs_laws import POSTURE_MAP_ID
from scripts.site.i18n import spanish
from scripts.site.render import Renderer

from .conftest import TODAY


def _chart_table(renderer: Renderer, chart_id: str) -> str:
    template = renderer.env.from_string('{% import "macros.html.j2" as m with context %}{{ m.chart_table(chart) }}')
    return template.render(chart=renderer.charts[chart_id], href=lambda path: path, link=lambda record: record,
                           name_of=lambda record: record)


def test_the_state_laws_map_table_shows_its_classes_in_spanish_and_keeps_the_codes_in_the_csv(data_dir):
    renderer = Renderer(validate(data_dir, today=TODAY), language=spanish())
    table = _chart_table(renderer, POSTURE_MAP_ID)
    assert "<td>AL</td><td>Alabama</td><td>Ninguna registrada</td>" in table
    for code in ("none", "requires", "limits", "mixed"):
        assert f"<td>{code}</td>" not in table, f"the posture code {code!r} is shown raw in the Spanish table"
    assert "Postura" not in table, "the code column is in the CSV only; the table names the legend class"
    csv = renderer.charts[POSTURE_MAP_ID].csv_text()
    assert csv.startswith("state,state_name,posture,posture_label,") and ",AL,Alabama,none," not in csv
    assert "\nAL,Alabama,none,Ninguna registrada,0," in csv

"""A program period with no end: the site says no end is recorded, and calls the program in force only as of the date
a cited source shows it in force (`in_force`), on the page, in the listings and on the programs chart."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib import dates as mdates
from matplotlib.axes import Axes

from scripts.records.problems import DataError
from scripts.records.validate import validate
from scripts.site.charts.files import draw_chart
from scripts.site.charts.specs import ERA_ID, chart_specs
from scripts.site.i18n import spanish
from scripts.site.render import Renderer, render_site

from .conftest import TODAY

SITE = "https://example.org/detainers/"
IN_FORCE = """    in_force:
      as_of: 2025-06-30
      sources:
        - source: example-report-2014
          pinpoint: p. 9
"""


def _open_period_in_force(data_dir):
    path = data_dir / "programs" / "example-program.yaml"
    text = path.read_text()
    assert "  - start: 2017-01-25\n" in text
    path.write_text(text.replace("  - start: 2017-01-25\n", "  - start: 2017-01-25\n" + IN_FORCE))


def _day(value: str) -> float:
    return mdates.date2num(dt.date.fromisoformat(value))


def test_an_open_period_without_a_source_is_not_called_running(data_dir):
    pages = render_site(validate(data_dir, today=TODAY))
    page = pages["programs/example-program.md"]
    assert "since January 25, 2017 (no end recorded)" in page
    assert "present" not in page and "in force as of" not in page
    assert "since January 25, 2017 (no end recorded)" in pages["programs/index.md"]
    caption = chart_specs(validate(data_dir, today=TODAY))[ERA_ID].caption
    assert "(still running when" not in caption and "does not say the program was still running" in caption


def test_an_open_period_in_force_names_the_date_and_its_source(data_dir):
    _open_period_in_force(data_dir)
    page = render_site(validate(data_dir, today=TODAY))["programs/example-program.md"]
    assert "since January 25, 2017 (in force as of June 30, 2025)" in page
    shown = page[page.index('<span class="in-force">'):]
    shown = shown[:shown.index("</span>")]
    assert "June 30, 2025" in shown and "../../sources/example-report-2014/" in shown and "(p. 9)" in shown
    spanish_page = Renderer(validate(data_dir, today=TODAY), SITE, language=spanish()).render_all()[
        "es/programs/example-program.md"]
    assert "desde el 25 de enero de 2017 (vigente al 30 de junio de 2025)" in spanish_page
    assert "Vigente el 30 de junio de 2025 según:" in spanish_page


def test_a_closed_period_cannot_claim_to_be_in_force(data_dir):
    path = data_dir / "programs" / "example-program.yaml"
    path.write_text(path.read_text().replace("    end: 2014-11-20\n", "    end: 2014-11-20\n" + IN_FORCE))
    with pytest.raises(DataError) as failure:
        validate(data_dir, today=TODAY)
    report = failure.value.report(github=False)
    assert "example-program.yaml:" in report and "in_force is only for a period with no end" in report


@pytest.fixture
def bars(monkeypatch):
    calls = []
    original = Axes.barh

    def spy(self, *args, **kwargs):
        calls.append((args, kwargs))
        return original(self, *args, **kwargs)
    monkeypatch.setattr(Axes, "barh", spy)
    return calls


def test_the_chart_fills_an_open_period_only_as_far_as_a_source_shows_it_in_force(data_dir, bars):
    spec = chart_specs(validate(data_dir, today=TODAY))[ERA_ID]
    draw_chart(spec)
    open_bars = [kwargs for args, kwargs in bars if kwargs["left"] == _day("2017-01-25")]
    assert [kwargs.get("fill", True) for kwargs in open_bars] == [False]  # no source: an outline from its start

    bars.clear()
    _open_period_in_force(data_dir)
    spec = chart_specs(validate(data_dir, today=TODAY))[ERA_ID]
    assert [r["in_force_as_of"] for r in spec.records() if r["kind"] == "period"] == [None, "2025-06-30"]
    draw_chart(spec)
    filled, outline = [(args, kwargs) for args, kwargs in bars][1:]
    assert filled[1]["left"] == _day("2017-01-25") and filled[0][1] == _day("2025-06-30") + 1 - _day("2017-01-25")
    assert outline[1]["fill"] is False and outline[1]["left"] == _day("2025-06-30") + 1

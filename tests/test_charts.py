"""Charts: each SVG names and describes itself, its CSV is exactly what is drawn, the same data gives the same bytes,
an unchanged chart is not redrawn, and the built site serves the charts, their data and the charts page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import time
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from matplotlib import dates as mdates
from matplotlib.axes import Axes

from scripts.records.validate import validate
from scripts.site.build import build_site
from scripts.site.charts import cache as chart_cache
from scripts.site.charts import files as chart_files_module
from scripts.site.charts import tilegrid
from scripts.site.charts.files import chart_files, draw_chart
from scripts.site.file_cache import UNUSED_DAYS
from scripts.site.charts.specs import ERA_ID, MAP_ID, chart_specs, map_bins
from scripts.site.charts.specs_287g import BY_MONTH_ID, COUNTY_MAP_ID
from scripts.site.charts.specs_laws import POSTURE_MAP_ID
from scripts.site.generate import generate_pages
from scripts.site.render import Renderer

from .conftest import TODAY, make_project

SVG = "{http://www.w3.org/2000/svg}"
SERIES = "series-example-series"


def add_statistic(data_dir, stat_id, value, start, end=None, title=None, series="example-series"):
    (data_dir / "statistics" / f"{stat_id}.yaml").write_text(
        f"id: {stat_id}\ntitle: {title or 'Example agreements ' + start}\nvalue: {value}\nunit: agreements\n"
        f"definition: Agreements in force.\nperiod:\n  start: {start}\n  end: {end or start}\n"
        f"geography: United States\nseries: {series}\nsources:\n  - source: example-report-2014\n"
        f"last_reviewed: 2026-11-02\n")


def add_jurisdiction(data_dir, jurisdiction_id, state, policies=True):
    policy = ("policies:\n  - summary: Declines detainers.\n    as_of: 2015-01-01\n    sources:\n"
              "      - source: example-memo-2014\n") if policies else ""
    (data_dir / "jurisdictions" / f"{jurisdiction_id}.yaml").write_text(
        f"id: {jurisdiction_id}\nname: {jurisdiction_id}\nkind: city\nstate: {state}\n{policy}"
        f"last_reviewed: 2026-11-01\n")


def specs_for(data_dir):
    return chart_specs(validate(data_dir, today=TODAY))


def csv_rows(spec):
    return list(csv.DictReader(io.StringIO(spec.csv_text())))


def day(value: str) -> float:
    return mdates.date2num(dt.date.fromisoformat(value))


@pytest.fixture
def drawn(monkeypatch):
    """Records the data handed to matplotlib's drawing calls while a chart is drawn."""
    calls: dict[str, list] = {"plot": [], "barh": [], "bar": [], "add_patch": [], "text": []}
    for name in calls:
        original = getattr(Axes, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):
            calls[_name].append((args, kwargs))
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(Axes, name, spy)
    return calls


# --- What each chart shows -----------------------------------------------------------------------------------------

def test_fixture_gives_an_era_chart_a_series_chart_and_two_maps(data_dir):
    assert list(specs_for(data_dir)) == [ERA_ID, SERIES, MAP_ID, POSTURE_MAP_ID]


def test_every_svg_has_its_title_and_description(data_dir):
    add_statistic(data_dir, "example-count-2014", 1500, "2014-06")
    expected = {ERA_ID: ["Example Program", "2008 – November 20, 2014", "The example memo ends the example program"],
                SERIES: ["September 30, 2012: 1,234", "June 2014: 1,500", "went from 1,234 to 1,500"],
                MAP_ID: ["Illinois 1", "every other state and DC: 0"],
                POSTURE_MAP_ID: ["Limits cooperation: Illinois", "Every other state: no state law recorded."]}
    for spec in specs_for(data_dir).values():
        root = ET.fromstring(draw_chart(spec))
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title, desc = root[0], root[1]  # first children, where assistive technology looks for them
        assert (title.tag, title.text) == (f"{SVG}title", spec.title)
        assert (desc.tag, desc.text) == (f"{SVG}desc", spec.description)
        for text in expected[spec.id]:
            assert text in desc.text, f"{text!r} missing from the description of {spec.id}"


def test_chart_labels_are_text_a_reader_can_select_with_a_font_fallback(data_dir):
    spec = specs_for(data_dir)[SERIES]
    root = ET.fromstring(draw_chart(spec))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert spec.title in " ".join(texts) and "1,234" in texts, texts
    styles = {t.get("style") for t in root.iter(f"{SVG}text")}
    assert all("font-family: 'DejaVu Sans'" in style and "'Verdana'" in style and "sans-serif" in style
               for style in styles), styles  # laid out in DejaVu Sans; readers without it get a near match
    assert not [p for p in root.iter(f"{SVG}path") if (p.get("id") or "").startswith("DejaVu")], "no glyph outlines"


def test_series_csv_is_the_line_it_draws(data_dir, drawn):
    add_statistic(data_dir, "example-count-2014", 1500, "2014-06")
    spec = specs_for(data_dir)[SERIES]
    rows = csv_rows(spec)
    assert rows == [
        {"statistic": "example-count-2012", "title": "Example agreements in 2012", "date": "2012-09-30",
         "drawn_at": "2012-09-30", "value": "1234"},
        {"statistic": "example-count-2014", "title": "Example agreements 2014-06", "date": "2014-06",
         "drawn_at": "2014-06-15", "value": "1500"},  # a month is drawn at its middle
    ]
    draw_chart(spec)
    (xs, ys), _ = drawn["plot"][0]
    assert list(xs) == [day(r["drawn_at"]) for r in rows]
    assert list(ys) == [float(r["value"]) for r in rows]


def test_a_series_mixing_agencies_and_agreements_marks_each_figure_with_what_it_counts(data_dir, drawn):
    add_statistic(data_dir, "example-count-2014", 72, "2014-06")
    path = data_dir / "statistics" / "example-count-2014.yaml"
    path.write_text(path.read_text().replace("unit: agreements", "unit: agencies"))
    spec = specs_for(data_dir)[SERIES]
    assert [(r["statistic"], r["unit"]) for r in csv_rows(spec)] == [
        ("example-count-2012", "agreements"), ("example-count-2014", "agencies")]
    assert "1 count agreements (circles) and 1 count agencies (filled squares)" in spec.summary
    assert "Filled squares: figures that count agencies, not agreements" in spec.caption
    draw_chart(spec)
    marked = {kwargs["label"]: (list(args[0]), list(args[1])) for args, kwargs in drawn["plot"] if "label" in kwargs}
    assert marked == {"Agreements": ([day("2012-09-30")], [1234]), "Agencies": ([day("2014-06-15")], [72])}
    (line_xs, line_ys), _ = drawn["plot"][0]
    assert list(line_ys) == [1234, 72]  # one line through both, in date order


def test_periods_series_csv_is_the_bars_it_draws(data_dir, drawn):
    add_statistic(data_dir, "example-week-1", 206, "2017-01-28", "2017-02-03")
    add_statistic(data_dir, "example-week-2", 47, "2017-02-04", "2017-02-10")
    spec = specs_for(data_dir)[SERIES]
    assert spec.options["mode"] == "periods"
    draw_chart(spec)
    (lefts, heights), kwargs = drawn["bar"][0]
    rows = csv_rows(spec)
    assert list(lefts) == [day(r["drawn_from"]) for r in rows]
    assert list(kwargs["width"]) == [day(r["drawn_to"]) + 1 - day(r["drawn_from"]) for r in rows]
    assert list(heights) == [float(r["value"]) for r in rows]


def test_a_small_figure_against_its_total_gets_a_log_panel(data_dir, drawn):
    (data_dir / "statistics" / "example-count-2012.yaml").unlink()
    add_statistic(data_dir, "all-detainers", 949126, "2007-10-01", "2011", title="All detainers")
    add_statistic(data_dir, "citizen-detainers", 834, "2007-10-01", "2011", title="U.S. citizens")
    spec = specs_for(data_dir)[SERIES]
    assert spec.kind == "comparison" and spec.options["log_panel"]
    assert [r["share_of_largest"] for r in csv_rows(spec)] == ["100.0%", "0.088%"]
    assert "logarithmic scale" in spec.caption and "834, 0.088% of the largest" in spec.caption
    draw_chart(spec)
    linear, log = drawn["barh"][0], drawn["barh"][1]
    assert list(linear[0][1]) == [949126, 834]  # the same figures, drawn twice
    assert [v + log[1]["left"] for v in log[0][1]] == [949126, 834]


def test_era_csv_is_the_bars_and_markers_it_draws(data_dir, drawn):
    spec = specs_for(data_dir)[ERA_ID]
    rows = csv_rows(spec)
    assert [(r["kind"], r["record"], r["start"], r["end"], r["drawn_from"], r["drawn_to"]) for r in rows] == [
        ("period", "example-program", "2008-03", "2014-11-20", "2008-03-01", "2014-11-20"),
        ("period", "example-program", "2017-01-25", "", "2017-01-25", "2026-11-01"),  # ongoing: to the last review
        ("event", "2008-03-example-launch", "2008-03", "", "2008-03-16", "2008-03-16"),
        ("event", "2014-11-20-example-memo", "2014-11-20", "", "2014-11-20", "2014-11-20"),
    ]
    draw_chart(spec)
    bars = [(kwargs["left"], args[1]) for args, kwargs in drawn["barh"]]
    assert bars == [(day(r["drawn_from"]), day(r["drawn_to"]) + 1 - day(r["drawn_from"])) for r in rows[:2]]
    markers = [args[0][0] for args, kwargs in drawn["plot"] if kwargs.get("marker") == "D"]
    assert markers == [day(r["drawn_from"]) for r in rows[2:]]
    assert [kwargs["url"] for args, kwargs in drawn["plot"] if kwargs.get("marker") == "D"] == [
        "../events/#2008-03-example-launch", "../events/#2014-11-20-example-memo"]


def test_era_marks_only_key_event_types_and_links_them(data_dir):
    report = (data_dir / "events/2008-03-example-launch.yaml").read_text()
    (data_dir / "events/2009-01-example-report.yaml").write_text(
        report.replace("2008-03-example-launch", "2009-01-example-report").replace("date: 2008-03", "date: 2009-01")
        .replace("type: launch", "type: report"))
    spec = specs_for(data_dir)[ERA_ID]
    assert "2009-01-example-report" not in spec.column("record")
    svg = draw_chart(spec).decode()
    assert '<a xlink:href="../events/#2014-11-20-example-memo" target="_top">' in svg
    assert '<a xlink:href="../programs/example-program/" target="_top">' in svg


def test_map_csv_is_the_tiles_it_draws(data_dir, drawn):
    add_jurisdiction(data_dir, "example-city-il", "IL")
    add_jurisdiction(data_dir, "example-city-tx", "TX")
    add_jurisdiction(data_dir, "example-city-ny", "NY", policies=False)  # no policy recorded: not counted
    add_jurisdiction(data_dir, "example-city-pr", "PR")  # not a state: gets a square under the map
    spec = specs_for(data_dir)[MAP_ID]
    rows = csv_rows(spec)
    assert [(r["state"], r["jurisdictions"], r["shade"], r["records"]) for r in rows[:3]] == [
        ("IL", "2", "2", "example-county-il example-city-il"), ("PR", "1", "1", "example-city-pr"),
        ("TX", "1", "1", "example-city-tx")]
    assert len(rows) == 52 and {r["jurisdictions"] for r in rows[3:]} == {"0"}
    assert rows[3]["shade"] == "0: none recorded"
    draw_chart(spec)
    tiles = [args[0] for args, _ in drawn["add_patch"]]
    assert len(tiles) == len(rows)
    corners = {(round(t.get_x() + t.get_width() / 2), round(-(t.get_y() + t.get_height() / 2))) for t in tiles}
    assert corners == {tilegrid.position(r["state"], spec.options["extra"])[::-1] for r in rows}
    counts = [args[2] for args, kwargs in drawn["text"] if kwargs.get("fontweight") == "bold"]
    assert sorted(counts) == sorted(r["jurisdictions"] for r in rows if r["jurisdictions"] != "0")


def test_tile_grid_has_every_state_and_dc_once():
    codes = [code for code, *_ in tilegrid.STATES]
    assert len(codes) == len(set(codes)) == 51
    positions = [(row, col) for _, _, row, col in tilegrid.STATES]
    assert len(set(positions)) == 51
    assert all(0 <= row < tilegrid.ROWS and 0 <= col < tilegrid.COLUMNS for row, col in positions)


@pytest.mark.parametrize("top, labels", [
    (0, ["0: none recorded"]),
    (2, ["0: none recorded", "1", "2"]),
    (6, ["0: none recorded", "1", "2–4", "5–9"]),
    (1500, ["0: none recorded", "1", "2–4", "5–9", "10–19", "20–49", "50–99", "100–199", "200–499", "500–999",
            "1,000–1,500"]),
])
def test_map_legend_classes(top, labels):
    assert [label for _, _, label in map_bins(top)] == labels


def test_text_from_yaml_is_escaped_in_svg_and_page(data_dir, tmp_path):
    path = data_dir / "series/example-series.yaml"
    path.write_text(path.read_text().replace("title: Example agreements", 'title: "<script>x</script> & co"'))
    renderer = Renderer(validate(data_dir, today=TODAY))
    files = chart_files(renderer, tmp_path / "cache")
    assert ET.fromstring(files[f"charts/{SERIES}.svg"])[0].text == "<script>x</script> & co"
    assert "<script>" not in files["charts/index.md"]
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in files["charts/index.md"]


# --- Determinism and the cache -------------------------------------------------------------------------------------

def test_same_data_gives_byte_identical_files(data_dir, tmp_path):
    first = chart_files(Renderer(validate(data_dir, today=TODAY)), tmp_path / "cache-a")
    second = chart_files(Renderer(validate(data_dir, today=TODAY)), tmp_path / "cache-b")
    assert first == second
    assert sorted(first) == ["charts/index.md"] + sorted(
        f"charts/{i}.{ext}" for i in (ERA_ID, SERIES, MAP_ID, POSTURE_MAP_ID) for ext in ("csv", "svg", "narrow.svg"))
    assert b"<dc:date>" not in first[f"charts/{SERIES}.svg"]  # no clock in the file


def test_unchanged_charts_are_not_redrawn(data_dir, tmp_path, monkeypatch):
    drawn_ids = []

    def counting(spec):
        drawn_ids.append(spec.id)
        return draw_chart(spec)
    monkeypatch.setattr(chart_files_module, "draw_chart", counting)
    cache = tmp_path / "cache"
    first = chart_files(Renderer(validate(data_dir, today=TODAY)), cache)
    assert sorted(drawn_ids) == sorted([ERA_ID, SERIES, MAP_ID, POSTURE_MAP_ID] * 2)  # each wide and for phones
    assert len(list(cache.glob("*.svg"))) == 8

    drawn_ids.clear()
    assert chart_files(Renderer(validate(data_dir, today=TODAY)), cache) == first
    assert drawn_ids == []

    add_statistic(data_dir, "example-count-2014", 1500, "2014-06")  # changes the series chart only
    chart_files(Renderer(validate(data_dir, today=TODAY)), cache)
    assert drawn_ids == [SERIES, SERIES]
    # The replaced chart's files (wide and narrow) stay (another command or data folder may still use them) until
    # unused for 30 days.
    assert len(list(cache.glob("*.svg"))) == 10
    month_ago = time.time() - (UNUSED_DAYS + 1) * 86400
    for path in cache.glob("*.svg"):
        os.utime(path, (month_ago, month_ago))
    chart_files(Renderer(validate(data_dir, today=TODAY)), cache)
    assert drawn_ids == [SERIES, SERIES] and len(list(cache.glob("*.svg"))) == 8, "read again, the used ones stay"


def test_a_chart_drawn_by_another_command_stays_in_the_cache(data_dir, tmp_path):
    """`./site.sh reports` and a build share .cache/charts/: one run must not delete what the other drew."""
    cache = tmp_path / "cache"
    chart_files(Renderer(validate(data_dir, today=TODAY)), cache)
    drawn = set(cache.glob("*.svg"))
    other = tmp_path / "other-data"
    shutil.copytree(data_dir, other)
    add_statistic(other, "example-count-2014", 1500, "2014-06")
    chart_files(Renderer(validate(other, today=TODAY)), cache)
    assert drawn <= set(cache.glob("*.svg"))


def test_cache_key_covers_data_code_and_matplotlib(data_dir, monkeypatch, tmp_path):
    spec = specs_for(data_dir)[SERIES]
    key = chart_cache.chart_key(spec)
    assert chart_cache.chart_key(specs_for(data_dir)[SERIES]) == key
    monkeypatch.setattr(chart_cache, "_matplotlib_version", lambda: "0.0.0")  # read once per process
    assert chart_cache.chart_key(spec) != key
    monkeypatch.undo()
    code = tmp_path / "series.py"
    code.write_text(chart_cache.PACKAGE.joinpath("series.py").read_text() + "\n# changed\n")
    monkeypatch.setattr(chart_cache, "PACKAGE", tmp_path)
    assert chart_cache.chart_key(spec) != key


@pytest.mark.slow  # draws every chart of the fixture from an empty cache: half a minute
def test_generate_pages_adds_charts_and_uses_the_given_cache(data_dir, tmp_path):
    pages = generate_pages(data_dir, today=TODAY, cache_dir=tmp_path / "charts-cache")
    assert isinstance(pages[f"charts/{SERIES}.svg"], bytes)
    assert pages[f"charts/{SERIES}.csv"].startswith("statistic,title,date,drawn_at,value\n")
    drawn = [p for p in pages if p.startswith("charts/") and p.endswith(".svg")]  # the English ones: es/ apart
    assert len(drawn) > 8, "the fixture's 287(g) charts and maps are drawn too, each wide and for phones"
    cache = tmp_path / "charts-cache"  # the dataset pages' charts in a folder of their own, each language apart
    assert len([*cache.glob("*.svg"), *cache.glob("datasets/*.svg")]) == len(drawn)


def embedded(page: str, page_url: str, pattern: str) -> list[str]:
    """Site paths of the links matching pattern's one group, resolved from the page's URL."""
    return [urljoin(f"http://site/{page_url}", found)[len("http://site/"):] for found in re.findall(pattern, page)]


def test_series_and_program_pages_embed_their_chart(data_dir):
    pages = Renderer(validate(data_dir, today=TODAY)).render_all()
    series = pages["series/example-series.md"]
    assert embedded(series, "series/example-series/", r'<img class="chart-image" src="([^"]+)" alt="Line chart: '
                                                      r'Example agreements\.') == [f"charts/{SERIES}.svg"]
    # A phone is served the chart drawn for its width (the browser picks one of the two).
    assert embedded(series, "series/example-series/", r'<source media="\(max-width: 40em\)" srcset="([^"]+)"') == [
        f"charts/{SERIES}.narrow.svg"]
    assert embedded(series, "series/example-series/", r'href="([^"]+)">Data \(CSV\)</a>') == [f"charts/{SERIES}.csv"]
    program = pages["programs/example-program.md"]
    assert embedded(program, "programs/example-program/",
                    r'<object class="chart-image chart-image--wide" data="([^"]+)" type="image/svg\+xml"') == [
        f"charts/{ERA_ID}.svg"]
    assert embedded(program, "programs/example-program/",
                    r'<object class="chart-image chart-image--narrow" data="([^"]+)" type="image/svg\+xml"') == [
        f"charts/{ERA_ID}.narrow.svg"]
    assert embedded(program, "programs/example-program/",
                    r'href="([^"]+)">Data table and sources</a>') == [f"charts/#{ERA_ID}"]


# --- The built site ------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_built_site_serves_charts_data_and_the_charts_page(tmp_path, data_dir, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = make_project(tmp_path, data_dir)
    build_site(project, project / "site")
    site = project / "site"
    for chart_id in (ERA_ID, SERIES, MAP_ID, POSTURE_MAP_ID):
        svg = (site / f"charts/{chart_id}.svg").read_bytes()
        assert ET.fromstring(svg).tag == f"{SVG}svg"
        assert (site / f"charts/{chart_id}.csv").read_text().count("\n") >= 2
    page = (site / "charts/index.html").read_text()
    assert embedded(page, "charts/", r'<img class="chart-image" src="([^"]+)"') == [
        f"charts/{SERIES}.svg", f"charts/{MAP_ID}.svg", f"charts/{POSTURE_MAP_ID}.svg",
        f"charts/{BY_MONTH_ID}.svg", f"charts/{COUNTY_MAP_ID}.svg"]  # and the fixture's cut of ICE's lists
    assert embedded(page, "charts/", r'<object class="chart-image chart-image--wide" data="([^"]+)"') == [
        f"charts/{ERA_ID}.svg"]
    assert "<figcaption>" in page and "<caption>The data plotted in the chart" in page
    assert "An Example Report on Detainers" in page  # the sources under the chart
    assert 'href="charts/"' in (site / "index.html").read_text()  # in the navigation
    assert list((project / ".cache/charts").glob("*.svg")), "charts are cached under the project"


def test_era_chart_shows_a_three_week_program_and_keeps_crowded_events_apart(drawn, real_dataset):
    """On the real data: the DDOR ran three weeks (March 20 – April 11, 2017), among the events of early 2017."""
    from scripts.site.charts import era


    spec = chart_specs(real_dataset)[ERA_ID]
    draw_chart(spec)
    left, right = day(spec.options["window_start"]), day(spec.options["window_end"]) + 1
    per_point = (right - left) / (72 * spec.size[0] * 0.72)
    ddor_row = list(dict.fromkeys(r["record"] for r in csv_rows(spec) if r["kind"] == "period")).index(
        "declined-detainer-outcome-report")
    ddor = [(args, kwargs) for args, kwargs in drawn["barh"] if args[0] == ddor_row]
    assert len(ddor) == 1 and ddor[0][0][1] >= era.MIN_BAR * per_point * 0.999, "the bar is wide enough to see"
    diamonds = [(args[0][0], args[1][0]) for args, kwargs in drawn["plot"] if kwargs.get("marker") == "D"]
    crowded = [(a, b) for i, a in enumerate(diamonds) for b in diamonds[i + 1:]
               if a[1] == b[1] and abs(a[0] - b[0]) < era.DIAMOND_GAP * per_point * 0.999]
    assert crowded == [], "two diamonds on one row cover each other"
    assert sum(1 for x, y in diamonds if y != round(y)) >= 2, "early 2017 is crowded: some diamonds moved aside"

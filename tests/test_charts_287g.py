"""The 287(g) charts: TopoJSON decoded as the specification says, county classes and the map's CSV agree with what
is drawn, agreements with no county are counted but never placed, the charts add up to ICE's own counts per list,
and the national map stays small enough to load on a phone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
from matplotlib import dates as mdates
import pytest

from scripts.records.datasets import counts_287g
from scripts.records.datasets.tables import Lists287g, load_287g
from scripts.site.charts import geography, models, specs_287g, topojson
from scripts.site.charts.choropleth import fill_classes
from scripts.site.charts.files import draw_chart, ice287g_context
from scripts.site.charts.specs import chart_specs
from scripts.site.charts.tilemap import shades
from scripts.site.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "data" / "datasets" / "ice-287g"


# --- TopoJSON ------------------------------------------------------------------------------------------------------

# Two unit squares side by side sharing the side x=1 (arc 1), the right one walking it backwards (~1 = -2), quantized
# with scale 0.5 and translate (10, 20); a third geometry is a MultiPolygon of the left square's ring and a triangle.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # (1,0) -> (0,0) -> (0,1) -> (1,1): the left square less its right side
        [[2, 2], [0, -2]],  # (1,1) -> (1,0): the shared side
        [[2, 2], [2, 0], [0, -2], [-2, 0]],  # (1,1) -> (2,1) -> (2,0) -> (1,0)
        [[6, 0], [2, 0], [-2, 2], [0, -2]],  # a triangle (3,0) -> (4,0) -> (3,1) -> (3,0)
    ],
    "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "L", "arcs": [[0, 1]]},
        {"type": "Polygon", "id": "R", "arcs": [[-2, 2]]},
        {"type": "MultiPolygon", "id": 7, "arcs": [[[0, 1]], [[3]]]},
        {"type": None, "id": "empty"},
    ]}},
}


def _pixels(ring):
    return [((x - 10) / 0.5, (y - 20) / 0.5) for x, y in ring]  # back to grid units, to compare with the drawing


def test_topojson_delta_decodes_joins_and_reverses_arcs():
    decoded = topojson.polygons(TINY, "shapes")
    assert sorted(decoded) == ["7", "L", "R"]  # ids as text; a null geometry has no shape
    (left,) = decoded["L"]
    assert _pixels(left[0]) == [(2, 0), (0, 0), (0, 2), (2, 2), (2, 0)]  # the shared end point kept once
    (right,) = decoded["R"]
    assert _pixels(right[0]) == [(2, 0), (2, 2), (4, 2), (4, 0), (2, 0)]  # arc 1 walked backwards, then arc 2
    assert [_pixels(p[0]) for p in decoded["7"]] == [_pixels(left[0]), [(6, 0), (8, 0), (6, 2), (6, 0)]]
    assert decoded["L"][0][0][0] == (11.0, 20.0)  # scale and translate applied


def test_topojson_errors_name_what_is_wrong():
    with pytest.raises(topojson.TopologyError, match="no object 'counties'.*shapes"):
        topojson.polygons(TINY, "counties")
    broken = dict(TINY, objects={"x": {"type": "Polygon", "id": "a", "arcs": [[9]]}})
    with pytest.raises(topojson.TopologyError, match="arc 9 does not exist"):
        topojson.polygons(broken, "x")


def test_the_shapes_in_the_repository_cover_every_county_an_agency_is_placed_in():
    shapes = geography.shapes(ROOT / "data/datasets/reference" / geography.SHAPES_NAME)
    agencies = pd.read_csv(LISTS / "agencies.csv", dtype=str, keep_default_na=False)
    placed = set(agencies["county_fips"]) - {""}
    assert placed <= set(shapes.counties)
    assert len(shapes.states) == 51  # the 50 states and DC


# --- A small fixture: three counties, five agreements ------------------------------------------------------------

def _fixture() -> tuple[Lists287g, geography.Shapes]:
    def square(x):
        return [[[(x, 0.0), (x + 1, 0.0), (x + 1, 1.0), (x, 1.0), (x, 0.0)]]]

    shapes = geography.Shapes(counties={"01001": square(0), "01003": square(1), "01005": square(2)},
                              states={"01": [[[(0.0, 0.0), (3.0, 0.0), (3.0, 1.0), (0.0, 1.0), (0.0, 0.0)]]]},
                              county_names={"01001": "A", "01003": "B", "01005": "C"})
    agencies = pd.DataFrame({
        "agency_id": ["al-a-sheriff", "al-b-police", "al-somewhere", "al-state-patrol"],
        "county_fips": ["01001", "01003", "", ""],
        "county_source": ["county column", "agency name", "", "state agency"],
    })
    day = dt.date(2026, 5, 18)
    rows = [("al-a-sheriff", "Jail Enforcement Model"), ("al-a-sheriff", "Task Force Model"),
            ("al-a-sheriff", "Warrant Service Officer"), ("al-b-police", "Task Force Model"),
            ("al-somewhere", "Task Force Model"), ("al-state-patrol", "Task Force Model")]
    table = pd.DataFrame({"list_date": pd.Timestamp(day), "state_fips": "01",
                          "agency_id": [r[0] for r in rows], "model": [r[1] for r in rows]})
    earlier = table.iloc[:1].assign(list_date=pd.Timestamp(dt.date(2025, 1, 31)))
    provenance = {dt.date(2025, 1, 31): {}, day: {}}
    return Lists287g(agencies, {dt.date(2025, 1, 31): earlier, day: table}, provenance), shapes


def _fixture_map(dataset):
    lists, shapes = _fixture()
    counted = counts_287g.county_counts(lists, set(shapes.counties))["01"]
    state = ("01", "AL", "Alabama")
    spec = specs_287g.map_spec(dataset, lists, counted, shapes, {}, {"01": "AL"}, state)
    return spec, shapes


def test_county_classes_and_unplaced_agreements_from_a_fixture(real_dataset):
    spec, shapes = _fixture_map(real_dataset)
    by_county = {r["county_fips"]: (r["agreements"], r["shade"]) for r in spec.records() if r["county_fips"]}
    assert by_county == {"01001": (3, "3"), "01003": (1, "1")}  # C has none: drawn as 0, not listed
    unplaced = {r["county"]: r["agreements"] for r in spec.records() if not r["county_fips"]}
    assert unplaced == {counts_287g.COUNTY_UNKNOWN: 1, counts_287g.STATE_AGENCY: 1}
    assert fill_classes(spec, shapes.counties_of("01")) == {"01001": "3", "01003": "1", "01005": "0"}
    assert "6 agreements, 4 of them in 2 counties" in spec.summary
    assert "county unknown: 1" in spec.summary and "state agency, no county: 1" in spec.summary


def test_the_map_draws_what_its_csv_says(monkeypatch, real_dataset):
    spec, shapes = _fixture_map(real_dataset)
    monkeypatch.setattr(geography, "shapes", lambda _path: shapes)
    svg = draw_chart(spec).decode()
    # The CSV is the spec's rows, every one.
    parsed = list(csv.reader(io.StringIO(spec.csv_text())))
    assert parsed[0] == [c.key for c in spec.columns]
    assert parsed[1:] == [["" if v is None else str(v) for v in row] for row in spec.rows]
    # Each class's colour fills the legend once, and the map once more where a county is in that class.
    labels = [b[2] for b in spec.options["bins"]]
    colours = dict(zip(labels, ["#ececec"] + shades(len(labels) - 1)))
    used = {r["shade"] for r in spec.records() if r["county_fips"]} | {"0"}
    for label, colour in colours.items():
        fills = len(re.findall(f"fill: {colour}", svg))
        assert fills == (2 if label in used else 1), label
    # The agreements with no county are said on the picture, not placed in any county.
    assert "Not on the map: 1 county unknown; 1 state agency, no county" in svg


# --- The real lists ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real(real_dataset):
    dataset = real_dataset
    lists = load_287g(LISTS)
    return dataset, lists, chart_specs(dataset, lists)


def test_the_charts_add_up_to_each_lists_own_counts(real):
    _, lists, specs = real
    national = specs["287g-by-month"]
    for row in national.records():
        provenance = json.loads((LISTS / "lists" / f"{row['list_date']}.provenance.json").read_text())
        by_model = {m: row[specs_287g.MODEL_KEYS[m]] for m in specs_287g.MODEL_KEYS}
        assert {m: n for m, n in by_model.items() if n} == {m: n for m, n in provenance["agreements_by_model"].items()
                                                            if n}, row["list_date"]
        assert row["total"] == provenance["agreements"]
    latest = json.loads((LISTS / "lists" / f"{max(lists.lists)}.provenance.json").read_text())
    county_map = specs["287g-county-map"]
    assert sum(county_map.column("agreements")) == latest["agreements"]  # placed + counted apart = the whole list
    for code in counts_287g.states_ever(lists):
        state_rows = specs[f"287g-state-{_postal(lists, code)}"].records()
        assert [r["total"] for r in state_rows] == [int((t["state_fips"] == code).sum()) for t in lists.lists.values()]


def _postal(lists, code):
    return lists.agencies.loc[lists.agencies["state_fips"] == code, "state_postal"].iloc[0].lower()


def test_every_state_that_ever_had_an_agreement_has_its_charts(real):
    _, lists, specs = real
    shapes = geography.shapes(ROOT / "data/datasets/reference" / geography.SHAPES_NAME)
    for code in counts_287g.states_ever(lists):
        postal = _postal(lists, code)
        assert f"287g-state-{postal}" in specs
        assert (f"287g-state-map-{postal}" in specs) == (code in shapes.states)  # no shapes for Guam, say


def test_the_national_map_is_light_and_says_what_it_shows(real):
    _, _, specs = real
    spec = specs["287g-county-map"]
    svg = draw_chart(spec)
    assert len(svg) < 600_000  # measured 443 KB; one path per class, not one per county
    assert spec.summary.replace("&", "&amp;") in svg.decode()  # the text alternative is inside the SVG
    assert svg == draw_chart(spec)  # same data, same bytes


def test_charts_page_tells_the_expansion_and_lists_the_lists(real):
    dataset, lists, specs = real
    renderer = Renderer(dataset, ice287g=lists)
    context = ice287g_context(renderer)
    page = renderer.page("charts.html.j2", "charts/", "Charts", "x",
                         charts=[s for s in specs.values() if s.page == "charts/"], **context)
    latest = max(lists.lists)
    assert f'id="list-{latest.isoformat()}"' in page  # every chart's "drawn from" link has a target
    for sentence in context["expansion"]:
        for day in sentence.lists:
            assert f'href="#list-{day}"' in page
    total = len(lists.lists[latest])
    assert f"{total:,}" in context["expansion"][1].text
    assert 'id="ice-287g-reconciliation"' in page


def test_the_by_model_chart_draws_one_bar_per_list_and_model_in_its_csv(real_dataset):
    lists, _ = _fixture()
    dataset = real_dataset
    spec = specs_287g.models_spec(dataset, lists, counts_287g.by_list(lists)["01"], ("01", "AL", "Alabama"))
    assert [(r["list_date"], r["total"], r["agencies"]) for r in spec.records()] == [
        ("2025-01-31", 1, 1), ("2026-05-18", 6, 4)]
    svg = draw_chart(spec).decode()
    # The bars of each model are one path, drawn in model order (the legend's patches have no stroke width); it
    # holds one rectangle for each list where the model has any agreement.
    bars = re.findall(r'<path d="([^"]*)"[^>]*style="fill: [^;]*; stroke: #ffffff; stroke-width: 0.3', svg)
    keys = list(specs_287g.MODEL_KEYS.values())
    assert len(bars) == len(keys)
    for key, path in zip(keys, bars):
        assert path.count("M") == sum(1 for v in spec.column(key) if v), key
    assert f"fill: {models.COLOURS[0].lower()}" in svg  # the unhatched model's colour, as a plain fill


# --- The by-model chart's legend -----------------------------------------------------------------------------------

MONTHS = [dt.date(2021 + m // 12, m % 12 + 1, 28) for m in range(65)]


@pytest.mark.parametrize("totals, corner", [
    ([2] * 11 + [0] * 54, "upper right"),  # New Jersey: two agreements in 2021, none since
    ([3] * 50 + [9] * 15, "upper left"),  # Maryland: the bars rise at the right
    ([9] * 65, None),  # as high everywhere: no free corner until the plot gains headroom
])
@pytest.mark.parametrize("names", [
    ("Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"),
    ("Modelo de control en las cárceles", "Modelo de grupo de trabajo", "Modelo de agentes de ejecución de órdenes"),
])
def test_the_by_model_legend_covers_no_bar(totals, corner, names):
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    fig = Figure(figsize=(6.4, 4), layout="constrained")
    ax = fig.add_subplot()
    xs = [mdates_num(d) for d in MONTHS]
    ax.bar(xs, totals, width=models.BAR_DAYS)
    ax.set_ylim(0, max(totals) * 1.15)
    ax.set_xlim(min(xs) - 30, max(xs) + 30)
    handles = [Patch(label=name) for name in names]
    legend = models.place_legend(fig, ax, handles, xs, totals)
    assert not models.bars_under(fig, ax, legend, xs, totals)
    if corner:
        assert legend._loc == {"upper left": 2, "upper right": 1}[corner]
        assert ax.get_ylim()[1] == pytest.approx(max(totals) * 1.15), "no headroom added where a corner is free"
    else:
        assert ax.get_ylim()[1] > max(totals) * 1.15
    if corner == "upper right":  # where the legend used to be, it covers New Jersey's bars
        assert models.bars_under(fig, ax, ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=9),
                                 xs, totals)


def mdates_num(day: dt.date) -> float:
    from matplotlib import dates as mdates
    return mdates.date2num(day)


# --- Lists far apart and close together (the archive's October 2024 list is dated the 4th) --------------------------

AUTUMN_2024 = [dt.date(2024, 8, 29), dt.date(2024, 9, 28), dt.date(2024, 10, 4), dt.date(2024, 11, 28),
               dt.date(2024, 12, 29)]


def _lists_of(days: list[dt.date]) -> Lists287g:
    agencies = pd.DataFrame({"agency_id": ["nc-a-sheriff"], "county_fips": ["37001"],
                             "county_source": ["county column"]})
    tables = {day: pd.DataFrame({"list_date": [pd.Timestamp(day)], "state_fips": ["37"],
                                 "agency_id": ["nc-a-sheriff"], "model": ["Jail Enforcement Model"]})
              for day in days}
    return Lists287g(agencies, tables, {day: {} for day in days})


def test_a_stretch_without_a_list_is_said_in_the_caption_and_close_lists_do_not_hide_each_other(data_dir):
    """North Carolina's and Maryland's charts showed a gap around November 2024 with no word about it: the archive's
    October list is dated October 4, so nothing stands between that bar and November 28's, and October 4's bar was
    drawn over September 28's. The caption names the stretch, in both languages; close bars are narrowed."""
    from scripts.records.validate import validate
    from scripts.site.i18n import spanish

    from .conftest import TODAY

    dataset = validate(data_dir, today=TODAY)
    lists = _lists_of(AUTUMN_2024)
    state = ("37", "NC", "North Carolina")
    english = specs_287g.models_spec(dataset, lists, counts_287g.by_list(lists)["37"], state)
    assert english.caption.endswith("a wider space between two bars is a stretch the archive has no list for: none "
                                    "is dated between October 4, 2024 and November 28, 2024.")
    spanish_spec = specs_287g.models_spec(dataset, lists, counts_287g.by_list(lists)["37"],
                                          ("37", "NC", "Carolina del Norte"), spanish())
    assert "ninguna está fechada entre el 4 de octubre de 2024 y el 28 de noviembre de 2024." in spanish_spec.caption
    monthly = _lists_of([dt.date(2024, month, 28) for month in range(1, 13)])
    assert "wider space" not in specs_287g.models_spec(
        dataset, monthly, counts_287g.by_list(monthly)["37"], state).caption, "lists a month apart: nothing to say"
    # no bar reaches into its neighbour's; the usual bar keeps its width
    xs = [mdates.date2num(day) for day in AUTUMN_2024]
    widths = models.bar_widths(xs)
    assert all(x + w / 2 < next_x - next_w / 2 for x, w, next_x, next_w in zip(xs, widths, xs[1:], widths[1:]))
    assert widths[0] == models.BAR_DAYS and widths[-1] == models.BAR_DAYS and widths[2] < models.BAR_DAYS
    assert draw_chart(english) == draw_chart(english), "the same chart, byte for byte"

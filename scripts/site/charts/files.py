"""Chart specs → the files the site serves: charts/<id>.svg (drawn, or read from the cache), charts/<id>.csv (the
spec's rows, exactly what is plotted) and the charts page, charts/index.md."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..render import Renderer
from .cache import DRAWING_MODULE, ChartCache
from .spec import ChartSpec

PAGE = "charts/index.md"
STATES_PAGE = "charts/287g-by-state.md"  # served at charts/287g-by-state/ (specs_287g.STATES_PAGE)
STATES_TITLE = "287(g) agreements by state"
STATES_DESCRIPTION = ("For every state that has had a 287(g) agreement on any of ICE's lists since January 2021: its "
                      "agreements on each list by model, and a map of its counties on the latest list, each with its "
                      "data table, a CSV of exactly what is plotted, and its sources.")
TITLE = "Charts"
DESCRIPTION = ("The programs over time, the data series and a map of the jurisdictions, each with its data table, a "
               "CSV of exactly what is plotted, and its sources.")


def draw_chart(spec: ChartSpec) -> bytes:
    """The SVG of one chart, from the drawing module for its kind (matplotlib is imported only when drawing)."""
    module = importlib.import_module(f".{DRAWING_MODULE[spec.kind]}", __package__)
    return module.draw(spec)


def drawn_files(spec: ChartSpec, cache: ChartCache) -> dict[str, bytes]:
    """A chart's two SVGs, the wide one and the phone's (spec.NARROW_WIDTH), drawn or read from the cache."""
    return {variant.svg_path: cache.get_or_draw(variant, draw_chart) for variant in (spec, spec.for_phones())}


def ice287g_context(renderer: Renderer) -> dict:
    """What the charts pages show about ICE's lists: their provenance, the 2025 expansion in numbers and the
    reconciliation of the hand-typed figures (empty without lists)."""
    lists = getattr(renderer, "ice287g", None)
    if lists is None or not lists.lists:
        return {"ice_lists": [], "expansion": [], "reconciliation": []}
    from ...records.datasets.reconcile_287g import reconcile
    from .story_287g import expansion
    explanations = renderer.ice287g_explanations
    return {"ice_lists": [(d.isoformat(), lists.provenance[d]) for d in lists.lists],
            "expansion": expansion(lists, renderer.language, {
                state.fips: state.name for state in renderer.dataset.raw.collections.get("states", {}).values()}),
            "reconciliation": reconcile(renderer.dataset, lists, explanations)}


def chart_files(renderer: Renderer, cache_dir: Path) -> dict[str, str | bytes]:
    """{site path: content} for every chart the data supports, plus the charts page."""
    cache = ChartCache(cache_dir)
    files: dict[str, str | bytes] = {}
    for spec in renderer.charts.values():
        files.update(drawn_files(spec, cache))
        files[spec.csv_path] = spec.csv_text()
    charts_page = renderer.site_path("charts/")
    on_page = [spec for spec in renderer.charts.values() if spec.page == charts_page]
    by_state = [spec for spec in renderer.charts.values() if spec.page != charts_page]
    context = ice287g_context(renderer)
    _ = renderer.language.gettext
    for path, specs, url, title, description in ((PAGE, on_page, "charts/", TITLE, DESCRIPTION),
                                                 (STATES_PAGE, by_state, by_state[0].page if by_state else "",
                                                  STATES_TITLE, STATES_DESCRIPTION)):
        if specs or path == PAGE:  # the charts page is always there (the navigation names it)
            output = renderer.output(path)  # es/charts/... in Spanish: each language's page kept apart
            files[output] = renderer.page("charts.html.j2", url, _(title), _(description), charts=specs, **context)
    cache.prune()
    return files

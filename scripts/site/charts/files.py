"""Chart specs → the files the site serves: charts/<id>.svg (drawn, or read from the cache), charts/<id>.csv (the
spec's rows, exactly what is plotted) and the charts page, charts/index.md."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..render import Renderer
from .cache import DRAWING_MODULE, ChartCache
from .spec import ChartSpec

PAGE = "charts/index.md"
TITLE = "Charts"
DESCRIPTION = ("The programs over time, the data series and a map of the jurisdictions, each with its data table, a "
               "CSV of exactly what is plotted, and its sources.")


def draw_chart(spec: ChartSpec) -> bytes:
    """The SVG of one chart, from the drawing module for its kind (matplotlib is imported only when drawing)."""
    module = importlib.import_module(f".{DRAWING_MODULE[spec.kind]}", __package__)
    return module.draw(spec)


def chart_files(renderer: Renderer, cache_dir: Path) -> dict[str, str | bytes]:
    """{site path: content} for every chart the data supports, plus the charts page."""
    cache = ChartCache(cache_dir)
    files: dict[str, str | bytes] = {}
    for spec in renderer.charts.values():
        files[spec.svg_path] = cache.get_or_draw(spec, draw_chart)
        files[spec.csv_path] = spec.csv_text()
    files[PAGE] = renderer.page("charts.html.j2", "charts/", TITLE, DESCRIPTION, charts=list(renderer.charts.values()))
    cache.prune()
    return files

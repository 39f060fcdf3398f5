"""Data folder → generated pages, charts and briefings in one call, reused while the data files are unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .charts.files import chart_files
from .datasets.pages import dataset_chart_files, dataset_downloads, dataset_pages
from .history import record_history
from .render import Renderer
from .reports.files import report_files
from .urls import DEFAULT_SITE_URL
from ..records.validate import validate

_cache: dict[str, tuple[dict[str, str | bytes], str]] = {}  # key -> (pages, the data's last review date)


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def generate_pages(data_dir: Path, today: dt.date | None = None, cache_dir: Path | None = None,
                   site_url: str | None = None, reports_dir: Path | None = None,
                   report_cache_dir: Path | None = None) -> dict[str, str | bytes]:
    """Validate data_dir and render every generated page, chart (SVG) and chart data file (CSV), and the briefings
    defined in reports_dir (default: reports/ next to data_dir) as pages and PDFs. Charts whose inputs did not change
    are read from cache_dir (default: .cache/charts/ next to data_dir), PDFs whose HTML did not change from
    report_cache_dir (default: .cache/reports/). Raises DataError when the data or a briefing has problems."""
    cache_dir = cache_dir or data_dir.parent / ".cache" / "charts"
    reports_dir = reports_dir or data_dir.parent / "reports"
    report_cache_dir = report_cache_dir or data_dir.parent / ".cache" / "reports"
    site_url = site_url or DEFAULT_SITE_URL
    key = (f"{data_dir.resolve()}:{today}:{cache_dir.resolve()}:{site_url}:{_fingerprint(data_dir)}:"
           f"{reports_dir.resolve()}:{report_cache_dir.resolve()}:{_fingerprint(reports_dir)}")
    if key not in _cache:
        _cache.clear()
        dataset = validate(data_dir, today=today)
        lists, explanations = _lists_287g(data_dir)
        renderer = Renderer(dataset, site_url, record_history(dataset, data_dir.parent), ice287g=lists,
                            ice287g_explanations=explanations)
        renderer.env.globals["dataset_downloads"] = dataset_downloads(data_dir / "datasets")  # the downloads page
        pages: dict[str, str | bytes] = renderer.render_all()
        charts = chart_files(renderer, cache_dir)
        pages.update(charts)
        from_datasets, dataset_charts = dataset_pages(renderer, data_dir / "datasets")
        pages.update(from_datasets)
        pages.update(dataset_chart_files(dataset_charts, cache_dir / "datasets"))
        pages.update(report_files(renderer, charts, reports_dir, report_cache_dir, today))
        _cache[key] = (pages, dataset.last_reviewed())
    return _cache[key][0]


def _lists_287g(data_dir: Path):
    """ICE's 287(g) lists and the reasons recorded for hand-typed figures that differ from them, when the data folder has them (a test's small data folder may not)."""
    folder = data_dir / "datasets" / "ice-287g"
    if not (folder / "lists").is_dir():
        return None, {}
    from ..records.datasets.reconcile_287g import load_explanations
    from ..records.datasets.tables import load_287g  # pandas: only when there are lists
    return load_287g(folder), load_explanations(folder)


def last_generated_review_date() -> str:
    """The latest last_reviewed date of the data behind the pages generated last (empty before any generation)."""
    return next(iter(_cache.values()))[1] if _cache else ""

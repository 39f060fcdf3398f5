"""Data folder → generated pages and charts in one call, the result reused while the data files are unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .charts.files import chart_files
from .history import record_history
from .render import DEFAULT_SITE_URL, Renderer
from .validate import validate

_cache: dict[str, tuple[dict[str, str | bytes], str]] = {}  # key -> (pages, the data's last review date)


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def generate_pages(data_dir: Path, today: dt.date | None = None, cache_dir: Path | None = None,
                   site_url: str | None = None) -> dict[str, str | bytes]:
    """Validate data_dir and render every generated page, chart (SVG) and chart data file (CSV). Charts whose inputs
    did not change are read from cache_dir (default: .cache/charts/ next to data_dir). Raises DataError when the data
    has problems."""
    cache_dir = cache_dir or data_dir.parent / ".cache" / "charts"
    site_url = site_url or DEFAULT_SITE_URL
    key = f"{data_dir.resolve()}:{today}:{cache_dir.resolve()}:{site_url}:{_fingerprint(data_dir)}"
    if key not in _cache:
        _cache.clear()
        dataset = validate(data_dir, today=today)
        renderer = Renderer(dataset, site_url, record_history(dataset, data_dir.parent))
        pages: dict[str, str | bytes] = renderer.render_all()
        pages.update(chart_files(renderer, cache_dir))
        _cache[key] = (pages, dataset.last_reviewed())
    return _cache[key][0]


def last_generated_review_date() -> str:
    """The latest last_reviewed date of the data behind the pages generated last (empty before any generation)."""
    return next(iter(_cache.values()))[1] if _cache else ""

"""Data folder → generated pages, in one call, with the result reused while the data files are unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .render import render_site
from .validate import validate

_cache: dict[str, dict[str, str]] = {}


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def generate_pages(data_dir: Path, today: dt.date | None = None) -> dict[str, str]:
    """Validate data_dir and render every generated page. Raises DataError when the data has problems."""
    key = f"{data_dir.resolve()}:{today}:{_fingerprint(data_dir)}"
    if key not in _cache:
        _cache.clear()
        _cache[key] = render_site(validate(data_dir, today=today))
    return _cache[key]

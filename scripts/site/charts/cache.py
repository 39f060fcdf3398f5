"""A folder of drawn charts, one SVG per key. The key is the SHA-256 of the spec (everything the chart shows), the
source of the code that draws it and the matplotlib version, so a chart is redrawn exactly when one of them changes.
See scripts/site/file_cache.py."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from ..file_cache import FileCache
from .spec import ChartSpec

PACKAGE = Path(__file__).resolve().parent
SHARED_CODE = (PACKAGE / "spec.py", PACKAGE / "style.py", PACKAGE / "labels.py", PACKAGE / "tilegrid.py",
               PACKAGE.parent.parent / "records" / "dates.py")
DRAWING_MODULE = {"era": "era", "timeseries": "series", "comparison": "series", "tilemap": "tilemap"}


def chart_key(spec: ChartSpec) -> str:
    digest = hashlib.sha256()
    digest.update(spec.canonical_json().encode("utf-8"))
    for path in (PACKAGE / f"{DRAWING_MODULE[spec.kind]}.py",) + SHARED_CODE:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    digest.update(b"\0matplotlib " + version("matplotlib").encode())
    return digest.hexdigest()


class ChartCache(FileCache):
    def __init__(self, folder: Path):
        super().__init__(folder, ".svg")

    def get_or_draw(self, spec: ChartSpec, draw: Callable[[ChartSpec], bytes]) -> bytes:
        return self.get_or_make(chart_key(spec), lambda: draw(spec))

"""A folder of drawn charts, one SVG per key. The key is the SHA-256 of the spec (everything the chart shows), the
source of the code that draws it and the matplotlib version, so a chart is redrawn exactly when one of them changes.
The cache is only a speed-up: if the folder cannot be written, charts are drawn every time."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from .spec import ChartSpec

PACKAGE = Path(__file__).resolve().parent
SHARED_CODE = (PACKAGE / "spec.py", PACKAGE / "style.py", PACKAGE / "labels.py", PACKAGE / "tilegrid.py",
               PACKAGE.parent / "dates.py")
DRAWING_MODULE = {"era": "era", "timeseries": "series", "comparison": "series", "tilemap": "tilemap"}


def chart_key(spec: ChartSpec) -> str:
    digest = hashlib.sha256()
    digest.update(spec.canonical_json().encode("utf-8"))
    for path in (PACKAGE / f"{DRAWING_MODULE[spec.kind]}.py",) + SHARED_CODE:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    digest.update(b"\0matplotlib " + version("matplotlib").encode())
    return digest.hexdigest()


class ChartCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.used: set[str] = set()

    def get_or_draw(self, spec: ChartSpec, draw: Callable[[ChartSpec], bytes]) -> bytes:
        key = chart_key(spec)
        self.used.add(key)
        path = self.folder / f"{key}.svg"
        try:
            return path.read_bytes()
        except OSError:
            pass
        svg = draw(spec)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return svg
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(svg)
            os.replace(temporary, path)  # atomic: a reader never sees half a file
        except OSError:
            Path(temporary).unlink(missing_ok=True)
        return svg

    def prune(self) -> None:
        """Remove charts not used by this generation, so the folder does not grow with every data edit."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.svg"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)

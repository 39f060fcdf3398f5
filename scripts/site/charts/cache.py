"""A folder of drawn charts, one SVG per key. The key is the SHA-256 of the spec (everything the chart shows), the
source of the code that draws it and the matplotlib version, so a chart is redrawn exactly when one of them changes.
See scripts/site/file_cache.py."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ...records.file_stamps import file_stamp
from ..file_cache import FileCache
from .spec import ChartSpec

PACKAGE = Path(__file__).resolve().parent
SHARED_CODE = (PACKAGE / "spec.py", PACKAGE / "style.py", PACKAGE / "labels.py", PACKAGE / "tilegrid.py",
               PACKAGE.parent.parent / "records" / "dates.py")
DRAWING_MODULE = {"era": "era", "timeseries": "series", "comparison": "series", "tilemap": "tilemap", "models": "models",
                  "choropleth": "choropleth"}


# The code a kind of chart reads its other input with (a map's shapes, whose SHA-256 is in its spec's options).
EXTRA_INPUTS = {"choropleth": (PACKAGE / "geography.py", PACKAGE / "topojson.py")}


def _file_digest(path: Path) -> bytes:
    return _digest(path, file_stamp(path))  # read again when the file changes (mkdocs serve keeps the process)


@lru_cache(maxsize=64)
def _digest(path: Path, _stamp: tuple) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    return version("matplotlib")  # reads the package's metadata from disk: once per process


def code_digest(kind: str) -> bytes:
    """What a kind of chart is drawn with besides its spec: the drawing code, the data it reads, matplotlib's version."""
    digest = hashlib.sha256()
    for path in (PACKAGE / f"{DRAWING_MODULE[kind]}.py",) + SHARED_CODE + EXTRA_INPUTS.get(kind, ()):
        digest.update(b"\0" + path.name.encode() + b"\0" + _file_digest(path))
    digest.update(b"\0matplotlib " + _matplotlib_version().encode())
    return digest.digest()


def chart_key(spec: ChartSpec, code: bytes | None = None) -> str:
    digest = hashlib.sha256()
    digest.update(spec.canonical_json().encode("utf-8"))
    digest.update(code or code_digest(spec.kind))
    return digest.hexdigest()


class ChartCache(FileCache):
    def __init__(self, folder: Path):
        super().__init__(folder, ".svg")

    def get_or_draw(self, spec: ChartSpec, draw: Callable[[ChartSpec], bytes]) -> bytes:
        """The chart's SVG. A spec equal to one this process drew or read from this folder before, with the same
        drawing code, gives the same bytes without its key being computed again (`serve` asks for every chart after
        each edit)."""
        code = code_digest(spec.kind)
        known = _known.get((self.folder, spec.svg_path))
        if known is not None and known[0] == spec and known[1] == code:
            key, svg = known[2], known[3]
            self.used.add(key)
            return svg
        key = chart_key(spec, code)
        svg = self.get_or_make(key, lambda: draw(spec))
        _known[(self.folder, spec.svg_path)] = (spec, code, key, svg)
        return svg


_known: dict[tuple[Path, str], tuple[ChartSpec, bytes, str, bytes]] = {}  # (folder, SVG path) -> (spec, code, key, SVG)

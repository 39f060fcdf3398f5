"""The county and state shapes the choropleth maps are drawn from: us-atlas 3.0.1's counties-albers-10m TopoJSON,
copied into data/datasets/reference/ (see its README for provenance and licence). Already projected (Albers USA,
975×610 pixels, y pointing down, Alaska and Hawaii moved in), so drawing needs no projection code."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...records.file_stamps import file_stamp
from ...records.table_files import read_json
from . import topojson

SHAPES_NAME = "us-atlas-counties-albers-10m.json"  # in a data folder's datasets/reference/
WIDTH, HEIGHT = 975, 610  # the projection's frame, in the file's units


@dataclass(frozen=True)
class Shapes:
    counties: dict[str, list[topojson.Polygon]]  # 5-digit county FIPS -> polygons
    states: dict[str, list[topojson.Polygon]]  # 2-digit state FIPS -> polygons
    county_names: dict[str, str]  # as the shapes name them ("Mohave")

    def bounds(self, state_fips: str) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around a state's shapes."""
        points = [p for polygon in self.states[state_fips] for ring in polygon for p in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    def counties_of(self, state_fips: str) -> list[str]:
        return sorted(f for f in self.counties if f[:2] == state_fips)


def read_shapes(path: Path) -> Shapes:
    topology = read_json(path)
    names = {str(g["id"]): g.get("properties", {}).get("name", "")
             for g in topology["objects"]["counties"]["geometries"] if "id" in g}
    return Shapes(topojson.polygons(topology, "counties"), topojson.polygons(topology, "states"), names)


def shapes(path: str | Path) -> Shapes:
    """The shapes in `path`, read once while the file is unchanged."""
    path = Path(path)
    return _shapes(path.resolve(), file_stamp(path))


@lru_cache(maxsize=2)
def _shapes(path: Path, _stamp: tuple) -> Shapes:
    return read_shapes(path)


def shapes_digest(path: Path) -> str:
    """The SHA-256 of the shapes file: part of each map's cache key, so a map is redrawn when its shapes change."""
    return _digest(path.resolve(), file_stamp(path))


@lru_cache(maxsize=2)
def _digest(path: Path, _stamp: tuple) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

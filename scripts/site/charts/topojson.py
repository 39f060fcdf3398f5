"""Decode TopoJSON (https://github.com/topojson/topojson-specification) into polygons: each geometry of an object, by
its id, as a list of polygons, each a list of rings, each a list of (x, y). Only what the site's shapes use: Polygon,
MultiPolygon and GeometryCollection, quantized (with a transform) or not. Rings come back as the topology stores
them (outer ring first, then holes); coordinates are the file's own (here already projected to pixels)."""

from __future__ import annotations

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]


class TopologyError(ValueError):
    pass


def arc_points(topology: dict) -> list[list[Point]]:
    """Every arc as absolute coordinates: a quantized topology stores each arc's first position and then deltas."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[Point]]) -> Ring:
    """A ring from its arcs: index ~i (that is, -i - 1) is arc i reversed; consecutive arcs share an end point,
    which is kept once."""
    ring: Ring = []
    for index in indexes:
        if not -len(arcs) <= index < len(arcs):
            raise TopologyError(f"arc {index} does not exist (the topology has {len(arcs)} arcs)")
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def polygons(topology: dict, object_name: str) -> dict[str, list[Polygon]]:
    """{geometry id: its polygons} for the named object; geometries without an id or without area are left out."""
    if object_name not in topology.get("objects", {}):
        raise TopologyError(f"the topology has no object {object_name!r} (it has: "
                            f"{', '.join(sorted(topology.get('objects', {})))})")
    arcs = arc_points(topology)
    out: dict[str, list[Polygon]] = {}

    def visit(geometry: dict) -> None:
        kind = geometry.get("type")
        if kind == "GeometryCollection":
            for child in geometry["geometries"]:
                visit(child)
            return
        if kind == "Polygon":
            shapes = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            shapes = geometry["arcs"]
        elif kind is None:  # a null geometry: no shape
            return
        else:
            raise TopologyError(f"geometry type {kind!r} is not supported (only Polygon and MultiPolygon)")
        if "id" in geometry:
            out.setdefault(str(geometry["id"]), []).extend(
                [_ring(ring, arcs) for ring in polygon] for polygon in shapes)

    visit(topology["objects"][object_name])
    return out

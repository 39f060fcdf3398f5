"""Draw a county choropleth from the us-atlas shapes (already projected): counties filled by legend class, one SVG
path per class (not one per county, which keeps the file small), state borders on top, a legend, and a note of the
agreements that are in no county. Shades come from viridis (lightness rises steadily: legible in greyscale and with
colour-vision deficiencies); counties with none are light grey."""

from __future__ import annotations

import re

import matplotlib
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from . import geography, style
from .spec import ChartSpec, format_number, language_of, wrap
from .tilemap import shades

ZERO = "#ececec"
BORDER = "#ffffff"
COUNTY_BORDER = "#8a8a8a"  # a state's map: grey, so that counties with none (light grey) are told apart too
STATE_BORDER = "#3d3d3d"
# Paths are made inside this: matplotlib then drops points that change the outline by less than the threshold (in
# pixels), and the shapes are thinned without a separate simplification step. Measured on the national map: 1.7 MB
# with neither, see the README for the figure with both.
SIMPLIFY = {"path.simplify": True, "path.simplify_threshold": 0.5}
GRID = 1.0  # points closer than this (in the shapes' pixels, national scale) are merged: invisible at page size


def _compound(polygons, step: float) -> MplPath:
    """Polygons as one path of move-to/line-to (no close codes, which would stop matplotlib simplifying), with
    points snapped to a grid of `step` and repeats dropped."""
    vertices, codes = [], []
    for polygon in polygons:
        for ring in polygon:
            snapped = []
            for x, y in ring:
                point = (round(x / step) * step, round(y / step) * step)
                if not snapped or point != snapped[-1]:
                    snapped.append(point)
            if len(snapped) < 3:
                continue
            vertices += snapped + [snapped[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * len(snapped)
    return MplPath(vertices or [(0, 0)], codes or [MplPath.MOVETO])


NUMBER = re.compile(r"(\d+\.\d)\d*")


def short_paths(svg: bytes) -> bytes:
    """Path data with one decimal (a tenth of a point) and without line breaks: half the size, the same picture."""
    def shorten(match: re.Match) -> str:
        return 'd="' + NUMBER.sub(r"\1", match.group(1)).replace("\n", "").replace(" z", "z") + '"'
    return re.sub(r'd="([^"]*)"', shorten, svg.decode("utf-8")).encode("utf-8")


def fill_classes(spec: ChartSpec, counties: list[str]) -> dict[str, str]:
    """Each drawn county's legend class: its row's, else 0 (a county in no row has no agreement)."""
    listed = {r["county_fips"]: r["shade"] for r in spec.records() if r["county_fips"]}
    return {fips: listed.get(fips, "0") for fips in counties}


def draw(spec: ChartSpec) -> bytes:
    shapes = geography.shapes(spec.input_file)
    state = spec.options["state"]
    bins = spec.options["bins"]
    labels = [label for _, _, label in bins]
    colours = dict(zip(labels, [ZERO] + shades(len(labels) - 1)))
    counties = shapes.counties_of(state) if state else sorted(shapes.counties)
    classes = fill_classes(spec, counties)
    if state:
        x0, y0, x1, y1 = shapes.bounds(state)
        step = GRID * max(x1 - x0, (y1 - y0) * 1.5) / geography.WIDTH
    else:
        x0, y0, x1, y1 = 0, 0, geography.WIDTH, geography.HEIGHT
        step = GRID
    with style.context(), matplotlib.rc_context(SIMPLIFY):
        fig = style.figure(spec)
        if state and spec.narrow:  # a phone's map of a state: as tall as the state's shape needs, within a screen
            map_height = min(max(spec.size[0] * (y1 - y0) / (x1 - x0), 1.4), 4.8)
            fig.set_size_inches(spec.size[0], map_height + 3.6)
        ax = fig.add_subplot()
        borders = [shapes.states[state]] if state else list(shapes.states.values())
        states_path = _compound([p for polygons in borders for p in polygons], step)
        if not state:  # the whole country as one grey shape: 2,000-odd counties with none need no outline each
            ax.add_patch(PathPatch(states_path, facecolor=ZERO, edgecolor="none"))
        for label in labels[0 if state else 1:]:
            members = [shapes.counties[f] for f in counties if classes[f] == label]
            if members:
                path = _compound([p for polygons in members for p in polygons], step)
                ax.add_patch(PathPatch(path, facecolor=colours[label], edgecolor=COUNTY_BORDER if state else BORDER,
                                       linewidth=(0.6 if spec.narrow else 0.4) if state else 0.25))
        ax.add_patch(PathPatch(states_path, facecolor="none", edgecolor=STATE_BORDER, linewidth=0.6 if state else 0.45))
        pad = 0.03 * max(x1 - x0, y1 - y0)
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y1 + pad, y0 - pad)  # the shapes' y points down
        ax.set_aspect("equal")
        ax.set_axis_off()
        handles = [Patch(facecolor=colours[label], edgecolor=STATE_BORDER, linewidth=0.5, label=label)
                   for label in labels]
        unplaced = [r for r in spec.records() if not r["county_fips"]]
        legend_title = spec.words["legend"]
        if unplaced:  # counted, never placed: said on the picture itself
            legend_title += "\n" + spec.words["unplaced"] + "; ".join(
                f"{format_number(r['agreements'], language_of(spec))} {r['county']}" for r in unplaced)
        if spec.narrow:  # each line of the wide legend's title wrapped on its own
            legend_title = "\n".join(wrap(part, style.per_line(spec, 9), 3) for part in legend_title.split("\n"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), ncols=style.legend_columns(spec, len(handles), len(handles)), frameon=False,
                  fontsize=9, title_fontsize=9, title=legend_title)
        style.title(fig, spec)
        style.footnote(fig, spec)
        return short_paths(style.to_svg(fig, spec))

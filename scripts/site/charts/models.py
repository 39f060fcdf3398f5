"""Draw agreements per list stacked by model: one bar per ICE list at its date, a colour and a pattern per model
(Okabe & Ito colours, so the models can be told apart with colour-vision deficiencies and in greyscale print), the
latest total printed over the last bar."""

from __future__ import annotations

import datetime as dt

from matplotlib import dates as mdates
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import style
from .choropleth import short_paths
from .spec import ChartSpec, format_number, language_of, localize

COLOURS = (style.OKABE_ITO["blue"], style.OKABE_ITO["orange"], style.OKABE_ITO["sky"])
HATCHES = ("", "//", "..")
BAR_DAYS = 22  # lists are about a month apart: a bar a little narrower than the gap


def _bars(xs: list[float], bottoms: list[int], heights: list[int]) -> MplPath:
    vertices, codes = [], []
    for x, low, height in zip(xs, bottoms, heights):
        if height:
            left, right, top = x - BAR_DAYS / 2, x + BAR_DAYS / 2, low + height
            vertices += [(left, low), (right, low), (right, top), (left, top), (left, low)]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * 3 + [MplPath.CLOSEPOLY]
    return MplPath(vertices or [(0, 0)], codes or [MplPath.MOVETO])


def draw(spec: ChartSpec) -> bytes:
    models = spec.options["models"]
    keys = [c.key for c in spec.columns[1:1 + len(models)]]
    xs = [mdates.date2num(dt.date.fromisoformat(d)) for d in spec.column("list_date")]
    totals = spec.column("total")
    with style.context():
        fig = style.figure(spec)
        ax = fig.add_subplot()
        bottom = [0] * len(xs)
        for key, colour, hatch in zip(keys, COLOURS, HATCHES):
            values = spec.column(key)
            # One path per model (not one per bar): three SVG elements instead of hundreds.
            ax.add_patch(PathPatch(_bars(xs, bottom, values), facecolor=colour, hatch=hatch, edgecolor="#ffffff",
                                   linewidth=0.3))
            bottom = [b + v for b, v in zip(bottom, values)]
        top = max(totals) or 1
        ax.set_ylim(0, top * 1.15)
        ax.set_xlim(min(xs) - 30, max(xs) + 30)
        locator = mdates.YearLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        language = language_of(spec)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: localize(f"{v:,.0f}", language)))
        ax.grid(axis="y")
        ax.set_ylabel(spec.words["value_axis"])
        ax.annotate(format_number(totals[-1], language), (xs[-1], totals[-1]), xytext=(0, 3),
                    textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, fontweight="bold")
        # The legend names the models as the table's columns do, in the chart's language.
        names = [c.label for c in spec.columns[1:1 + len(models)]]
        handles = [Patch(facecolor=c, hatch=h, edgecolor="#ffffff", label=m)
                   for m, c, h in zip(names, COLOURS, HATCHES)]
        ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=9)
        style.title(fig, spec)
        style.footnote(fig, spec)
        return short_paths(style.to_svg(fig, spec))

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
NEIGHBOUR_SHARE = 0.8  # a bar closer than that to the next list's is narrowed to this share of the distance


def bar_widths(xs: list[float]) -> list[float]:
    """Each bar's width in days: BAR_DAYS, or less where the next or previous list is so close that the bars would
    overlap (September 28 and October 4, 2024: one bar would hide the other)."""
    widths = []
    for i, x in enumerate(xs):
        near = [abs(x - other) for other in (xs[i - 1] if i else None, xs[i + 1] if i + 1 < len(xs) else None)
                if other is not None]
        widths.append(min([BAR_DAYS] + [NEIGHBOUR_SHARE * d for d in near]))
    return widths


def _bars(xs: list[float], bottoms: list[int], heights: list[int]) -> MplPath:
    vertices, codes = [], []
    for x, width, low, height in zip(xs, bar_widths(xs), bottoms, heights):
        if height:
            left, right, top = x - width / 2, x + width / 2, low + height
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
        style.title(fig, spec)
        style.footnote(fig, spec)
        place_legend(fig, ax, handles, xs, totals)
        return short_paths(style.to_svg(fig, spec))


def place_legend(fig, ax, handles, xs: list[float], totals: list[int]):
    """The legend in an upper corner no bar (nor the total printed over the last bar) reaches, the left one first;
    where bars reach both, the plot gains headroom until the legend clears them (New Jersey's two agreements of 2021
    under a legend drawn over them). Measured on the laid-out figure, since the legend's width depends on the
    language."""
    for _ in range(6):
        for loc in ("upper left", "upper right"):
            legend = ax.legend(handles=handles, loc=loc, frameon=False, fontsize=9)
            if not bars_under(fig, ax, legend, xs, totals):
                return legend
        low, high = ax.get_ylim()
        ax.set_ylim(low, high * 1.25)
    return legend


def bars_under(fig, ax, legend, xs: list[float], totals: list[int]) -> bool:
    """Whether a bar, or the label over the last one, reaches into the legend's box."""
    fig.draw_without_rendering()
    box = legend.get_window_extent().transformed(ax.transData.inverted())
    low, high = ax.get_ylim()
    label = 0.08 * (high - low)  # the total printed over the last bar: 9 pt text 3 pt above it
    return any(box.x0 - BAR_DAYS / 2 <= x <= box.x1 + BAR_DAYS / 2
               and total + (label if i == len(xs) - 1 else 0) > box.y0
               for i, (x, total) in enumerate(zip(xs, totals)))

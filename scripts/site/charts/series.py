"""Draw a data series: a line through dated counts, bars across the periods counted, or a comparison of figures for
one period (with a second, logarithmic panel when the smallest would otherwise be invisible)."""

from __future__ import annotations

import datetime as dt
import math

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import labels, style
from .spec import ChartSpec, format_value, language_of, localize

LABEL_ALL_UP_TO = 24  # more points or bars than this: label only the first, last, lowest and highest
BAR_LABELS_UP_TO = 8  # up to this many bars: name each bar's period under it


def _day(value: str) -> float:
    return mdates.date2num(dt.date.fromisoformat(value))


class _LocalDates(mdates.ConciseDateFormatter):
    """matplotlib's concise date labels with the month abbreviations of the chart's language (matplotlib writes
    them in English whatever the chart's language)."""

    def __init__(self, locator, months: str):
        super().__init__(locator)
        self._months = dict(zip("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), months.split()))

    def _local(self, text: str) -> str:
        return " ".join(self._months.get(word, word) for word in text.split(" "))

    def format_ticks(self, values):
        return [self._local(text) for text in super().format_ticks(values)]

    def get_offset(self):
        return self._local(super().get_offset())


def _value_axis(ax: Axes, unit: str, axis: str = "y", spec: ChartSpec | None = None) -> None:
    suffix = "%" if unit == "percent" else ""
    language = language_of(spec)
    formatter = FuncFormatter(lambda v, _: localize(f"{v:,.0f}{suffix}" if v == int(v) else f"{v:,g}{suffix}",
                                                    language))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)
    ax.grid(axis=axis)


def draw(spec: ChartSpec) -> bytes:
    with style.context():
        fig = style.figure(spec)
        if spec.kind == "comparison":
            _comparison(fig, spec)
        elif spec.options["mode"] == "as-of":
            _as_of(fig.add_subplot(), spec)
        else:
            _periods(fig.add_subplot(), spec)
        style.title(fig, spec)
        style.footnote(fig, spec)
        return style.to_svg(fig, spec)


def _date_axis(ax: Axes, low: float, high: float, spec: ChartSpec) -> None:
    pad = max((high - low) * 0.06, 20)
    ax.set_xlim(low - pad, high + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    # The offset names the year when ticks do not.
    if language_of(spec).code == "en":
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        ax.xaxis.set_major_formatter(_LocalDates(locator, spec.words["months"]))


def _as_of(ax: Axes, spec: ChartSpec) -> None:
    unit = spec.options["unit"]
    xs = [_day(d) for d in spec.column("drawn_at")]
    ys = spec.column("value")
    units = spec.options.get("units")  # figures in more than one unit: the others marked apart, with a legend
    if units:
        counts = spec.column("unit")
        ax.plot(xs, ys, color=style.OKABE_ITO["blue"], zorder=2)
        for index, (name, label) in enumerate(units.items()):
            mine = [i for i, u in enumerate(counts) if u == name]
            if index == 0:
                ax.plot([xs[i] for i in mine], [ys[i] for i in mine], linestyle="none", color=style.OKABE_ITO["blue"],
                        marker="o", markersize=6, markerfacecolor="#ffffff", markeredgewidth=1.8, zorder=3,
                        label=label)
            else:
                ax.plot([xs[i] for i in mine], [ys[i] for i in mine], linestyle="none", marker="s", markersize=6,
                        color=style.OKABE_ITO["vermillion"], markeredgecolor=style.INK, markeredgewidth=0.6,
                        zorder=4, label=label)
        ax.legend(loc="upper left", fontsize=9, frameon=False)
    else:
        ax.plot(xs, ys, color=style.OKABE_ITO["blue"], marker="o", markersize=6, markerfacecolor="#ffffff",
                markeredgewidth=1.8, zorder=3)
    language = language_of(spec)
    _date_axis(ax, min(xs), max(xs), spec)
    ax.set_ylim(min(0, min(ys)), max(max(ys), 0) * 1.18 or 1)
    _value_axis(ax, unit, spec=spec)
    ax.set_ylabel(spec.words["value_axis"])
    chosen = range(len(xs))
    if len(xs) > LABEL_ALL_UP_TO:
        chosen = sorted({0, len(xs) - 1, ys.index(min(ys)), ys.index(max(ys))})
    labels.place(ax, [(xs[i], ys[i]) for i in chosen], [format_value(ys[i], unit, language) for i in chosen],
                 line=list(zip(xs, ys)))


def _periods(ax: Axes, spec: ChartSpec) -> None:
    unit = spec.options["unit"]
    language = language_of(spec)
    starts = [_day(d) for d in spec.column("drawn_from")]
    ends = [_day(d) + 1 for d in spec.column("drawn_to")]  # the last day is included
    ys = spec.column("value")
    overlapping = any(b < a for a, b in zip(ends, starts[1:]))
    if overlapping:  # bars would hide each other: a point at each period's middle, with a line across the period
        mids = [(a + b) / 2 for a, b in zip(starts, ends)]
        ax.hlines(ys, starts, ends, color=style.OKABE_ITO["blue"], linewidth=2)
        ax.plot(mids, ys, linestyle="none", marker="o", color=style.OKABE_ITO["blue"], markersize=6)
    else:
        ax.bar(starts, ys, width=[b - a for a, b in zip(starts, ends)], align="edge",
               color=style.OKABE_ITO["blue"], edgecolor=style.INK, linewidth=0.6)
    ax.set_ylim(min(0, min(ys)), max(max(ys), 0) * 1.18 or 1)
    if not overlapping and len(ys) <= BAR_LABELS_UP_TO:
        ax.set_xlim(min(starts) - (max(ends) - min(starts)) * 0.08, max(ends) + (max(ends) - min(starts)) * 0.08)
        ax.set_xticks([(a + b) / 2 for a, b in zip(starts, ends)],
                      [language.period(s, e or s).replace(" – ", " –\n")
                       for s, e in zip(spec.column("period_start"), spec.column("period_end"))])
        for x, y in zip(((a + b) / 2 for a, b in zip(starts, ends)), ys):
            ax.annotate(format_value(y, unit, language), (x, y), xytext=(0, 4), textcoords="offset points", ha="center",
                        va="bottom", fontsize=9)
    else:
        # Charts meant to be read together share one time axis (options["x_range"]: first and last day).
        low, high = (_day(spec.options["x_range"][0]), _day(spec.options["x_range"][1]) + 1) \
            if spec.options.get("x_range") else (min(starts), max(ends))
        _date_axis(ax, low, high, spec)
        mids = [(a + b) / 2 for a, b in zip(starts, ends)]
        chosen = range(len(ys))
        if len(ys) > LABEL_ALL_UP_TO:  # e.g. a bar per month: the labels would hide each other and the bars
            chosen = sorted({0, len(ys) - 1, ys.index(min(ys)), ys.index(max(ys))})
        labels.place(ax, [(mids[i], ys[i]) for i in chosen], [format_value(ys[i], unit, language) for i in chosen])
    _value_axis(ax, unit, spec=spec)
    ax.set_ylabel(spec.words["value_axis"])


def _comparison(fig, spec: ChartSpec) -> None:
    unit = spec.options["unit"]
    language = language_of(spec)
    values = spec.column("value")
    shares = spec.column("share_of_largest") if "share_of_largest" in [c.key for c in spec.columns] else None
    texts = [format_value(v, unit, language) + (spec.words["of_largest"] % {"share": shares[i]} if shares and i else "")
             for i, v in enumerate(values)]
    positions = list(range(len(values)))
    log_panel = spec.options["log_panel"]
    axes = fig.subplots(2, 1) if log_panel else [fig.add_subplot()]
    colour = style.OKABE_ITO["blue"]
    for ax, scale in zip(axes, ("linear", "log")):
        if scale == "log":
            floor = 10 ** math.floor(math.log10(min(values)))
            ax.set_xscale("log")
            ax.barh(positions, [v - floor for v in values], left=floor, height=0.6, color=colour,
                    edgecolor=style.INK, linewidth=0.6)
            ax.set_xlim(floor, 10 ** math.ceil(math.log10(max(values) * 1.05)))
            ax.set_title(spec.words["log"])
        else:
            ax.barh(positions, values, height=0.6, color=colour, edgecolor=style.INK, linewidth=0.6)
            ax.set_xlim(min(0, min(values)), max(values) * 1.1)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
            if log_panel:
                ax.set_title(spec.words["linear"])
        _value_axis(ax, unit, axis="x", spec=spec)
        ax.set_xlabel(spec.words["value_axis"])
        ax.tick_params(axis="y", length=0)
        ax.set_yticks(positions, [style.tick_label(spec, label) for label in spec.options["labels"]])
        ax.set_ylim(len(values) - 0.5, -0.5)
    fig.draw_without_rendering()  # settles the layout, so the room after each bar can be measured
    for ax in axes:
        right = ax.get_window_extent().x1
        for y, v, text in zip(positions, values, texts):
            # The label goes after the bar's end, or inside the bar when there is no room after it.
            end = ax.transData.transform((v, y))[0]
            inside = end + (len(text) * 0.62 * 9 + 8) * fig.dpi / 72 > right
            label = ax.annotate(text, (v, y), xytext=(-4 if inside else 4, 0), textcoords="offset points",
                                ha="right" if inside else "left", va="center", fontsize=9,
                                color=style.text_on(colour) if inside else style.INK)
            label.set_in_layout(False)

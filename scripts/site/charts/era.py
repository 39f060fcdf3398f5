"""Draw the era chart: one row per program with a bar for each period it was active, and numbered key events (each
number and diamond links to the event's timeline entry)."""

from __future__ import annotations

import datetime as dt

from matplotlib import dates as mdates

from ...records import dates
from . import style
from .spec import ChartSpec, language_of, wrap

BAR_HEIGHT = 0.56
LABEL_GAP = 22  # points between the centres of two event numbers on one line
LABEL_STEP = 0.62  # rows between two lines of event numbers
MIN_BAR = 7  # points: the narrowest a period is drawn, so a program that lasted three weeks is still seen
DIAMOND_GAP = 9  # points between two event diamonds on one row before the second moves off the row's centre
DIAMOND_OFFSETS = (0.0, -0.2, 0.2)  # rows: where crowded diamonds go, in turn (then back to the centre)


def _day(value: str) -> float:
    return mdates.date2num(dt.date.fromisoformat(value))


def _label_lines(xs: list[float], min_gap: float) -> list[int]:
    """Which line above the bars each event number goes on: the first line where it clears the previous number."""
    last: list[float] = []
    lines = []
    for x in xs:
        line = next((i for i, previous in enumerate(last) if x - previous >= min_gap), len(last))
        if line == len(last):
            last.append(x)
        last[line] = x
        lines.append(line)
    return lines


def _diamond_positions(events: list[dict], xs: list[float], y_of: dict[str, int],
                       min_gap: float) -> dict[tuple[str, str], float]:
    """{(event, program): y} for each event's diamond on a program's row: on the row's centre unless it would cover
    the previous diamond there, then a little above or below it (on the event's own dashed line either way)."""
    on_row: dict[str, list[tuple[str, float]]] = {}
    for r, x in zip(events, xs):
        for program in (r["marked_on"] or "").split():
            on_row.setdefault(program, []).append((r["record"], x))
    positions = {}
    for program, marks in on_row.items():
        lanes = _label_lines([x for _, x in marks], min_gap)
        for (event, _), lane in zip(marks, lanes):
            positions[event, program] = y_of[program] + DIAMOND_OFFSETS[lane % len(DIAMOND_OFFSETS)]
    return positions


def draw(spec: ChartSpec) -> bytes:
    rows = spec.records()
    periods = [r for r in rows if r["kind"] == "period"]
    events = [r for r in rows if r["kind"] == "event"]
    order = list(dict.fromkeys(r["record"] for r in periods))
    labels = {r["record"]: r["label"] for r in periods}
    y_of = {program: i for i, program in enumerate(order)}
    left, right = _day(spec.options["window_start"]), _day(spec.options["window_end"]) + 1
    language = language_of(spec)

    with style.context():
        fig = style.figure(spec)
        ax = fig.add_subplot()
        axis_points = 72 * spec.size[0] * 0.72  # the plot area is about three quarters of the width
        per_point = (right - left) / axis_points  # days per point along the time axis
        for r in periods:
            i = y_of[r["record"]]
            colour = style.SEQUENCE[i % len(style.SEQUENCE)]
            start, end = _day(r["drawn_from"]), _day(r["drawn_to"]) + 1  # the end day is included
            end = max(end, min(start + MIN_BAR * per_point, right))
            # A period with no end is filled only as far as a cited source shows it in force (`in_force_as_of`);
            # the rest, up to "now", is an unfilled dashed outline: no end recorded, not said to be running.
            filled_to = end
            if not r["end"]:
                shown = r["in_force_as_of"]
                filled_to = min(end, _day(shown) + 1) if shown else start
                if filled_to > start:
                    filled_to = max(filled_to, min(start + MIN_BAR * per_point, end))
            if filled_to > start:
                ax.barh(i, filled_to - start, left=start, height=BAR_HEIGHT, color=colour,
                        hatch=style.HATCHES[i // len(style.SEQUENCE) % len(style.HATCHES)], edgecolor=style.INK,
                        linewidth=0.6)
            if filled_to < end:
                ax.barh(i, end - filled_to, left=filled_to, height=BAR_HEIGHT, fill=False, edgecolor=style.INK,
                        linewidth=0.9, linestyle=(0, (3, 2)))
            if dates.earliest(r["start"]) < dt.date.fromisoformat(r["drawn_from"]):
                since = spec.words["since"] % {"date": language.date(r["start"])}
                if spec.narrow:  # "◀ 1950": a phone's bar has room for the year before the first event's diamond
                    since = "◀ " + language.date(r["start"])
                ax.text(start + (right - left) * 0.004, i, since, va="center", ha="left", fontsize=style.SMALLEST,
                        color=style.text_on(colour) if filled_to - start > (right - left) * 0.2 else style.INK)

        # Event numbers go on lines above the bars, as many as needed so that no two overlap.
        xs = [_day(r["drawn_from"]) for r in events]
        lines = _label_lines(xs, LABEL_GAP * per_point)
        diamond_y = _diamond_positions(events, xs, y_of, DIAMOND_GAP * per_point)
        top = -0.85 - LABEL_STEP * max(lines, default=0)
        for r, x, line in zip(events, xs, lines):
            url = f"../events/#{r['record']}"
            y_label = -0.85 - LABEL_STEP * line
            ax.plot([x, x], [y_label + 0.2, len(order) - 0.5], color=style.MUTED, linewidth=0.7,
                    linestyle=(0, (2, 2)), zorder=1)
            # The circle is a linked marker of its own, so the whole circle, not just the digits, can be clicked.
            ax.plot([x], [y_label], marker="o", markersize=15 if len(r["label"]) < 3 else 19, markerfacecolor="#ffffff",
                    markeredgecolor=style.INK, markeredgewidth=0.8, zorder=4, url=url, clip_on=False)
            ax.text(x, y_label, r["label"], ha="center", va="center", fontsize=style.SMALLEST, url=url, zorder=5)
            for program in (r["marked_on"] or "").split():
                ax.plot([x], [diamond_y[r["record"], program]], marker="D", markersize=6.5, markerfacecolor="#ffffff",
                        markeredgecolor=style.INK, markeredgewidth=1.3, zorder=5, url=url, clip_on=False)

        ax.set_ylim(len(order) - 0.5, top - 0.45)
        ax.set_yticks(range(len(order)), [style.tick_label(spec, labels[p]) for p in order])
        for tick, program in zip(ax.get_yticklabels(), order):
            tick.set_url(f"../programs/{program}/")
        ax.tick_params(axis="y", length=0, labelsize=10)
        ax.spines["left"].set_visible(False)
        ax.set_xlim(left, right)
        span_years = (right - left) / 365.25
        years_per_tick = 1 if span_years <= 12 else 2 if span_years <= 30 else 5
        if spec.narrow:  # a phone's chart: about five years named
            years_per_tick = next(step for step in (1, 2, 5, 10, 20) if span_years / step <= 5.5)
        ax.xaxis.set_major_locator(mdates.YearLocator(years_per_tick))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="x")
        style.title(fig, spec)
        if events:
            note = spec.words["events"]
            if spec.narrow:
                note = "\n".join(wrap(line, style.per_line(spec, 9, 0.6), 3) for line in note.split("\n"))
            ax.set_title(note, fontsize=9, color=style.MUTED, pad=6)
        style.footnote(fig, spec)
        return style.to_svg(fig, spec)

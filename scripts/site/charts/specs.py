"""Dataset → one ChartSpec per chart: which records each chart plots, in what order, and the texts that go with it.

Pure Python (no matplotlib), so pages can describe and link the charts without drawing them.

- The era chart: one row per program, a bar per period it was active; numbered markers for the key events, chosen by
  a rule (KEY_EVENT_TYPES): the timeline's launches, memos, executive orders and policies that concern a program.
- One chart per data series: a comparison of bars when all its figures cover the same period, a line through dated
  counts when every figure is a count as of one date, otherwise one bar per period covered.
- The tile-grid map: per state, the jurisdictions with at least one detainer policy recorded in data/jurisdictions.
- The state laws map (specs_laws.py): per state, the posture of its laws in force, recorded in data/laws.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from ...records import dates
from ...records.model import Dataset
from ...records.schema import Event, Program, Series, Statistic
from . import tilegrid
from ..i18n import ENGLISH, Language
from .spec import ChartSpec, Column, footnote_words, format_number, format_share, format_value, wrap

if TYPE_CHECKING:  # pandas is imported only when there are lists to chart
    from ...records.datasets.tables import Lists287g

ERA_ID = "programs-over-time"
MAP_ID = "jurisdictions-by-state"
SERIES_PREFIX = "series-"  # a series chart's id is SERIES_PREFIX + the series id
KEY_EVENT_TYPES = ("launch", "memo", "executive-order", "policy")
LOG_PANEL_RATIO = 100  # a comparison whose largest figure is more than this many times its smallest gets a log panel
VALUES_IN_SUMMARY = 12  # up to this many values are listed in the alt text; all are in the SVG description
WIDTH = 7.5  # inches (540 pt, 720 CSS px): about the width of the page's text column, so text keeps its size


def chart_specs(dataset: Dataset, ice287g: Lists287g | None = None,
                language: Language | None = None) -> dict[str, ChartSpec]:
    """Every chart the data supports, by id, in the order the charts page shows them; with ICE's 287(g) lists
    (tables.load_287g), their national charts and one chart and one county map per state. Every word of them is in
    `language` (English when none is given)."""
    language = language or ENGLISH
    specs = []
    if dataset.collections["programs"]:
        specs.append(era_spec(dataset, language=language))
    for series in dataset.sorted("series"):
        figures = dataset.referring(series.id, "statistics", via="series")
        if figures:
            specs.append(series_spec(dataset, series, figures, language))
    if dataset.collections["jurisdictions"]:
        specs.append(map_spec(dataset, language))
    if dataset.collections.get("laws"):
        from .specs_laws import posture_map_spec
        specs.append(posture_map_spec(dataset, language))
    if ice287g is not None and ice287g.lists:
        from .specs_287g import specs_287g  # reads the shapes: only when there are lists to draw
        specs += specs_287g(dataset, ice287g, language)
    return {spec.id: spec for spec in specs}


def middle(value: str) -> dt.date:
    """Where a partial date is drawn: the middle of the month or year it names (a full date is itself)."""
    first, last = dates.earliest(value), dates.latest(value)
    return first + (last - first) // 2


def _unique(ids) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


# --- The era chart -------------------------------------------------------------------------------------------------

def program_label(program: Program) -> str:
    """The name on the chart: the full name when short enough to read, else the short name."""
    return wrap(program.name if len(program.name) <= 30 or not program.short_name else program.short_name, 30, 1)


def era_spec(dataset: Dataset, programs: list[Program] | None = None, events: list[Event] | None = None,
             briefing: str | None = None, language: Language = ENGLISH) -> ChartSpec:
    """The site's chart: every program, the timeline's key events. For a briefing (its id, programs and events) it
    draws only those, so the chart (and the sources it cites) grows with the briefing, not with the whole record."""
    programs = sorted(programs if programs is not None else dataset.collections["programs"].values(),
                      key=lambda p: (min(dates.earliest(x.start) for x in p.periods), p.id))
    timeline = list(events) if events is not None else dataset.sorted("events")
    # "Now" is the latest review of the records drawn: a period with no end is drawn up to it.
    as_of = max(r.last_reviewed for r in programs + timeline)
    as_of_date = dt.date.fromisoformat(as_of)
    order = [p.id for p in programs]
    key_events = [e for e in timeline if e.type in KEY_EVENT_TYPES and set(e.programs) & set(order)]

    # The window starts with the year of the first event on the timeline, or earlier if a period ended before it,
    # and ends at "now"; bars that began before the window are cut at its left edge.
    starts = [dates.earliest(e.date) for e in timeline]
    starts += [dates.latest(x.end) for p in programs for x in p.periods if x.end]
    if not starts:
        starts = [dates.earliest(x.start) for p in programs for x in p.periods]
    window_start = dt.date(min(starts).year, 1, 1)

    rows = []
    for program in programs:
        for period in program.periods:
            start = max(dates.earliest(period.start), window_start)
            end = dates.latest(period.end) if period.end else max(as_of_date, start)
            in_force = period.in_force.as_of if period.in_force else None
            rows.append(("period", program.id, program_label(program), period.start, period.end, start.isoformat(),
                         end.isoformat(), None, in_force))
    for number, event in enumerate(key_events, start=1):
        at = middle(event.date).isoformat()
        marked = " ".join(p for p in order if p in event.programs)
        rows.append(("event", event.id, str(number), event.date, None, at, at, marked, None))
    window_end = max([as_of_date] + [dt.date.fromisoformat(r[6]) for r in rows])

    _, n_ = language.gettext, language.ngettext
    periods = defaultdict(list)
    for program in programs:
        periods[program.id] = [language.program_period(x) for x in program.periods]
    summary = (n_("A timeline of %(num)s program from %(start)s to %(end)s, one row each, with a bar for each period "
                  "it was active: ", "A timeline of %(num)s programs from %(start)s to %(end)s, one row each, with a "
                  "bar for each period it was active: ", len(programs))
               % {"num": len(programs), "start": window_start.year, "end": language.date(as_of)}
               + "; ".join(f"{program_label(p)}, {_(' and ').join(periods[p.id])}" for p in programs) + ".")
    details = ""
    if key_events:
        details = (_("%(count)s key events are numbered on the chart: ") % {"count": len(key_events)}
                   + "; ".join(f"{n}, {language.date(e.date)}: {e.title}" for n, e in enumerate(key_events, 1)) + ".")
    kinds = _(", ".join(t.replace("-", " ") for t in KEY_EVENT_TYPES[:-1]) + " or " + KEY_EVENT_TYPES[-1])
    if briefing:
        events_from, listed_in = _("this briefing's"), _("the timeline of this briefing")
    else:
        events_from, listed_in = _("the timeline's"), _("the table")
    caption = (_("Each bar is a period in which the program was active, as recorded on its page. A period with no "
                 "end recorded is filled only up to the latest date a cited source shows the program in force, and "
                 "drawn from there (or from its start, if no source shows it in force) to the right edge, "
                 "%(as_of)s, as an unfilled dashed outline: no source read dates an end, but the site does not say "
                 "the program was still running then. A bar that began before %(start)s is cut at the left edge and "
                 "labelled with its start. "
                 "The numbers mark %(events_from)s events of type %(kinds)s that concern these programs, with a "
                 "diamond on the row of each program the event concerns; %(listed_in)s lists them, and each number "
                 "links to its timeline entry. Dates known only to the month or year are drawn at the middle of that "
                 "month or year.")
               % {"as_of": language.date(as_of), "start": window_start.year, "events_from": events_from,
                  "kinds": kinds, "listed_in": listed_in})
    columns = (Column("kind", _("Drawn as"), "term"), Column("record", _("Program or event"), "record"),
               Column("label", _("Label on the chart")), Column("start", _("Start or date")), Column("end", _("End")),
               Column("drawn_from", _("Drawn from")), Column("drawn_to", _("Drawn to")),
               Column("marked_on", _("Marked on the rows of"), "records"),
               Column("in_force_as_of", _("In force as of (per a cited source)")))
    words = dict(footnote_words(language),
                 since=_("◀ since %(date)s"),
                 events=_("Numbered: key events, listed in %(listed_in)s.\n◇ on a row: the event concerns that "
                          "program.") % {"listed_in": listed_in})
    sources = [s.source for p in programs for s in p.sources] + [s.source for e in key_events for s in e.sources]
    return ChartSpec(
        id=f"{ERA_ID}-{briefing}" if briefing else ERA_ID, kind="era",
        title=_("The programs over time, with key events"),
        summary=summary, details=details, language=language.code, words=words,
        caption=caption, columns=columns, rows=tuple(rows), sources=_unique(sources), as_of=as_of,
        size=(WIDTH, 1.9 + 0.62 * len(programs)), links=True, narrows=ERA_ID if briefing else None,
        options={"window_start": window_start.isoformat(), "window_end": window_end.isoformat(),
                 "listed_in": listed_in})


# --- Series charts -------------------------------------------------------------------------------------------------

def series_mode(figures: list[Statistic]) -> str:
    """comparison (one shared period), as-of (every figure is a count on one date) or periods."""
    if len(figures) > 1 and len({(s.period.start, s.period.end) for s in figures}) == 1:
        return "comparison"
    if all(s.period.end in (None, s.period.start) for s in figures):
        return "as-of"
    return "periods"


def _when(statistic: Statistic, language: Language = ENGLISH) -> str:
    return language.period(statistic.period.start, statistic.period.end or statistic.period.start)


def series_words(language: Language, unit: str) -> dict[str, str]:
    """The words a series chart's picture shows besides its title: the value axis, the share after a compared bar,
    the two panels' titles and the months of a date axis."""
    _ = language.gettext
    return dict(footnote_words(language), value_axis=_(unit).capitalize(),
                of_largest=_(" (%(share)s of the largest)"),
                linear=_("Linear scale: bar length is proportional to the figure"),
                log=_("Logarithmic scale: each gridline is ten times the one before"),
                months=_("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"))


def series_spec(dataset: Dataset, series: Series, figures: list[Statistic],
                language: Language = ENGLISH) -> ChartSpec:
    _, n_ = language.gettext, language.ngettext
    unit = series.unit
    mode = series_mode(figures)
    as_of = max([series.last_reviewed] + [s.last_reviewed for s in figures])
    sources = _unique([ref.source for s in figures for ref in s.sources] + [ref.source for ref in series.sources])
    common = dict(id=SERIES_PREFIX + series.id, title=series.title, sources=sources, as_of=as_of, about=series.id,
                  language=language.code, words=series_words(language, unit))
    options = {"unit": unit, "mode": mode}
    if mode == "comparison":
        return _comparison_spec(series, figures, options, common, language)

    figures = sorted(figures, key=lambda s: (dates.earliest(s.period.start), s.id))
    figure_columns = (Column("statistic", _("Figure"), "record"), Column("title", _("What it counts"), in_table=False))
    # A series whose figures count different things (agencies beside agreements): each point says its unit, and the
    # drawing marks the figures in another unit than the series' (legend: options["units"]).
    others = sorted({s.unit for s in figures} - {unit})
    if mode == "as-of" and others:
        options["units"] = {u: _(u).capitalize() for u in [unit, *others]}
        common["words"] = dict(common["words"], value_axis=" / ".join(options["units"].values()))
        rows = [(s.id, s.title, s.period.start, middle(s.period.start).isoformat(), s.value, s.unit)
                for s in figures]
        columns = figure_columns + (Column("date", _("As of")), Column("drawn_at", _("Drawn at")),
                                    Column("value", _("Value"), "number"), Column("unit", _("Counts"), "term"))
    elif mode == "as-of":  # every period is one date
        rows = [(s.id, s.title, s.period.start, middle(s.period.start).isoformat(), s.value) for s in figures]
        columns = figure_columns + (Column("date", _("As of")), Column("drawn_at", _("Drawn at")),
                                    Column("value", _(unit).capitalize(), "number"))
    else:
        rows = [(s.id, s.title, s.period.start, s.period.end, dates.earliest(s.period.start).isoformat(),
                 dates.latest(s.period.end or s.period.start).isoformat(), s.value) for s in figures]
        columns = figure_columns + (Column("period_start", _("Period start")), Column("period_end", _("Period end")),
                                    Column("drawn_from", _("Drawn from")), Column("drawn_to", _("Drawn to")),
                                    Column("value", _(unit).capitalize(), "number"))
    values = [f"{_when(s, language)}: {format_value(s.value, unit, language)}" for s in figures]
    if mode == "as-of":
        first, last = figures[0], figures[-1]
        top = max(figures, key=lambda s: (s.value, s.period.start))
        kind = (n_("Line chart: %(title)s. %(num)s count of %(unit)s, each as of one date, from %(first)s to "
                   "%(last)s.", "Line chart: %(title)s. %(num)s counts of %(unit)s, each as of one date, from "
                   "%(first)s to %(last)s.", len(figures))
                % {"title": series.title, "num": len(figures), "unit": _(unit), "first": _when(first, language),
                   "last": _when(last, language)})
        trend = (_(" The count went from %(first)s to %(last)s; the highest was %(top)s (%(when)s).")
                 % {"first": format_value(first.value, unit, language),
                    "last": format_value(last.value, unit, language),
                    "top": format_value(top.value, unit, language), "when": _when(top, language)}
                 if len(figures) > 1 else "")
        caption = _("Each point is a count as of one date; the line joins the counts in date order and does not show "
                    "what happened between them. Dates known only to the month are drawn at the middle of the month. "
                    "The value is printed at each point.")
        if others:
            kind = (_("Line chart: %(title)s. %(num)s counts, each as of one date, from %(first)s to %(last)s: %(main)s "
                      "count %(unit)s (circles) and %(other)s count %(units)s (filled squares).")
                    % {"title": series.title, "num": len(figures), "first": _when(first, language),
                       "last": _when(last, language), "main": sum(s.unit == unit for s in figures),
                       "unit": _(unit), "other": sum(s.unit != unit for s in figures),
                       "units": ", ".join(_(u) for u in others)})
            caption += " " + _("Filled squares: figures that count %(units)s, not %(unit)s; the table names what "
                               "each figure counts.") % {"units": ", ".join(_(u) for u in others),
                                                         "unit": _(unit)}
    else:
        kind = (n_("Bar chart: %(title)s. %(num)s figure in %(unit)s, one bar across each period counted.",
                   "Bar chart: %(title)s. %(num)s figures in %(unit)s, one bar across each period counted.",
                   len(figures))
                % {"title": series.title, "num": len(figures), "unit": _(unit)})
        trend = ""
        caption = _("Each bar spans the period its figure covers, and its height is the figure, drawn from zero. The "
                    "value is printed on each bar.")
    summary, details = _values_text(kind + trend, values, language)
    return ChartSpec(kind="timeseries", summary=summary, details=details, caption=caption, columns=columns,
                     rows=tuple(rows), size=(WIDTH, 4.6), options=options, **common)


def _values_text(lead: str, values: list[str], language: Language = ENGLISH) -> tuple[str, str]:
    listed = language.gettext("Values: ") + "; ".join(values) + "."
    if len(values) <= VALUES_IN_SUMMARY:
        return f"{lead} {listed}", ""
    return lead, listed


def _comparison_spec(series: Series, figures: list[Statistic], options: dict, common: dict,
                     language: Language = ENGLISH) -> ChartSpec:
    _ = language.gettext
    unit = series.unit
    figures = sorted(figures, key=lambda s: (-s.value, s.id))
    largest, smallest = figures[0].value, figures[-1].value
    with_share = unit != "percent" and largest > 0
    log_panel = smallest > 0 and largest / smallest > LOG_PANEL_RATIO
    rows = []
    for s in figures:
        row = (s.id, s.title, s.period.start, s.period.end, s.value)
        rows.append(row + ((format_share(s.value, largest, language),) if with_share else ()))
    columns = (Column("statistic", _("Figure"), "record"), Column("title", _("Label on the chart"), in_table=False),
               Column("period_start", _("Period start")), Column("period_end", _("Period end")),
               Column("value", _(unit).capitalize(), "number"))
    if with_share:
        columns += (Column("share_of_largest", _("Share of the largest")),)
    values = [f"{s.title}: {format_value(s.value, unit, language)}"
              + (_(" (%(share)s of the largest)") % {"share": format_share(s.value, largest, language)}
                 if with_share and i else "")
              for i, s in enumerate(figures)]
    lead = (_("Bar chart: %(title)s. %(num)s figures in %(unit)s for the same period, %(when)s")
            % {"title": series.title, "num": len(figures), "unit": _(unit), "when": _when(figures[0], language)}
            + (_(", drawn twice: on a linear scale and on a logarithmic scale.") if log_panel else "."))
    summary, details = _values_text(lead, values, language)
    if log_panel:
        caption = (_("Top: a linear scale, where bar length is proportional to the figure, so the smallest "
                     "(%(smallest)s, %(share)s of the largest) is a sliver. Bottom: the same figures on a logarithmic "
                     "scale, where each gridline is ten times the one before, so the small figures can be seen; on "
                     "that scale equal lengths mean equal ratios, not equal amounts. The value is printed on each "
                     "bar.")
                   % {"smallest": format_number(smallest, language),
                      "share": format_share(smallest, largest, language)})
    else:
        caption = _("Bars are drawn to scale from zero; the value is printed on each bar.")
    options = dict(options, log_panel=log_panel,
                   labels=[wrap(s.title, 34, 4) for s in figures])
    return ChartSpec(kind="comparison", summary=summary, details=details, caption=caption, columns=columns,
                     rows=tuple(rows), size=(WIDTH, 1.2 + (2 if log_panel else 1) * (0.9 + 0.55 * len(figures))),
                     options=options, **common)


# --- The tile-grid map ---------------------------------------------------------------------------------------------

def map_bins(top: int, language: Language = ENGLISH) -> list[tuple[int, int, str]]:
    """Legend classes (low, high, label): one per value up to 5, else ranges with round edges (the last range may
    reach past the largest count)."""
    if top <= 5:
        edges = list(range(top + 1))
        return [(v, v, _bin_label(v, v, language)) for v in edges]
    bins = [(0, 0), (1, 1)]
    low = 2
    for step in (5, 10, 20, 50, 100, 200, 500, 1000):
        if low > top:
            break
        bins.append((low, step - 1))
        low = step
    if low <= top:
        bins.append((low, top))
    return [(lo, hi, _bin_label(lo, hi, language)) for lo, hi in bins]


def _bin_label(low: int, high: int, language: Language = ENGLISH) -> str:
    if high == 0:
        return language.gettext("0: none recorded")
    if low == high:
        return format_number(low, language)
    return f"{format_number(low, language)}–{format_number(high, language)}"


def map_spec(dataset: Dataset, language: Language = ENGLISH) -> ChartSpec:
    _ = language.gettext
    everything = dataset.sorted("jurisdictions")
    counted = [j for j in everything if j.policies]
    by_state: dict[str, list[str]] = defaultdict(list)
    for jurisdiction in counted:
        by_state[jurisdiction.state].append(jurisdiction.id)
    extra = sorted(set(by_state) - set(tilegrid.NAMES))
    bins = map_bins(max((len(v) for v in by_state.values()), default=0), language)

    def bin_of(count: int) -> str:
        return next(label for low, high, label in bins if low <= count <= high)

    rows = sorted(((code, tilegrid.name(code, dataset), len(by_state[code]), bin_of(len(by_state[code])),
                    " ".join(by_state[code])) for code in tilegrid.codes(set(extra))),
                  key=lambda r: (-r[2], r[0]))
    as_of = max(j.last_reviewed for j in everything)
    listed = [f"{name} {format_number(count, language)}" for _code, name, count, _shade, _ids in rows if count]
    place = _("the 50 states and DC") + (_(" and %(others)s") % {"others": ", ".join(extra)} if extra else "")
    summary = (_("A tile map of %(place)s, one equal square each, shaded by the number of jurisdictions (states, "
                 "counties, cities or agencies) with a detainer policy recorded on this site, as of %(date)s: ")
               % {"place": place, "date": language.date(as_of)} + ("; ".join(listed) + "; " if listed else "")
               + _("every other state and DC: 0 (none recorded)."))
    caption = _("One equal square per state, placed roughly where the state lies, so large states do not dominate. "
                "Darker squares have more jurisdictions, and the number in each square is the count. 0 means none is "
                "recorded on this site, not that the state has no such policy: the site records only some "
                "jurisdictions. A jurisdiction is counted when its record lists at least one detainer policy.")
    columns = (Column("state", _("State")), Column("state_name", _("Name")),
               Column("jurisdictions", _("Jurisdictions with a recorded policy"), "number"),
               Column("shade", _("Legend class")), Column("records", _("Which"), "records"))
    words = dict(footnote_words(language), legend=_("Jurisdictions with a recorded detainer policy, as of %(date)s")
                 % {"date": language.date(as_of)})
    sources = [r.source for j in counted for r in j.sources] + [r.source for j in counted for p in j.policies
                                                                for r in p.sources]
    return ChartSpec(
        id=MAP_ID, kind="tilemap", title=_("Jurisdictions with a recorded detainer policy, by state"),
        language=language.code, words=words,
        summary=summary, details="", caption=caption, columns=columns, rows=tuple(rows), sources=_unique(sources),
        as_of=as_of, size=(WIDTH, 6.2 + 0.75 * ((len(extra) + tilegrid.COLUMNS - 1) // tilegrid.COLUMNS)),
        options={"bins": [list(b) for b in bins], "extra": extra})

"""Detainer views (data/datasets/*-detainers/views/) → ChartSpecs drawn by series.py's "periods" mode: one bar across
each year or month counted, so a partial year's bar spans only the months the data covers. Each row keeps the view's
`source` (the publisher's table and lines, or the filter on the file), which goes into the chart's CSV and table.

Ids start with "detainers-"; the pages that show these charts are made by scripts/site/datasets/."""

from __future__ import annotations

import calendar
import datetime as dt

from ..i18n import ENGLISH, MONTHS_ES, Language
from .spec import ChartSpec, Column, format_value
from .specs import WIDTH, series_words

PREFIX = "detainers-"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The days of `year` the data covers (first and last: the data's first and last day)."""
    return max(dt.date(year, 1, 1), first), min(dt.date(year, 12, 31), last)


def month_span(month: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    year, number = (int(part) for part in month.split("-"))
    return max(dt.date(year, number, 1), first), min(_month_end(year, number), last)


def _spec(chart_id: str, title: str, unit: str, rows: list[tuple], key_column: Column, lead: str, caption: str,
          as_of: dt.date, language: Language, height: float = 4.6) -> ChartSpec:
    _ = language.gettext
    columns = (key_column, Column("drawn_from", _("From")), Column("drawn_to", _("To")),
               Column("value", _(unit).capitalize(), "number"), Column("source", _("Source (table: lines)")))
    values = [f"{row[0]}: {format_value(row[3], unit, language)}" for row in rows]
    listed = _("Values: ") + "; ".join(values) + "."
    summary, details = (f"{lead} {listed}", "") if len(values) <= 12 else (lead, listed)
    return ChartSpec(id=PREFIX + chart_id, kind="timeseries", title=title, summary=summary, details=details,
                     caption=caption, columns=columns, rows=tuple(rows), sources=(), as_of=as_of.isoformat(),
                     size=(WIDTH, height), options={"unit": unit, "mode": "periods"}, language=language.code,
                     words=series_words(language, unit))


def _month_day(day: dt.date, language: Language) -> str:
    """'October 1' / '1 de octubre'."""
    return f"{day:%B} {day.day}" if language.code == "en" else f"{day.day} de {MONTHS_ES[day.month - 1]}"


def yearly_spec(chart_id: str, title: str, unit: str, view: list[dict], value_key: str, first: dt.date,
                last: dt.date, what: str, language: Language = ENGLISH) -> ChartSpec:
    """One bar per calendar year in `view` (rows with `year`, `value_key` and `source`). `title` and `what` are
    in `language` already."""
    _ = language.gettext
    rows = []
    for row in sorted(view, key=lambda r: int(r["year"])):
        start, end = year_span(int(row["year"]), first, last)
        rows.append((str(row["year"]), start.isoformat(), end.isoformat(), row[value_key], row["source"]))
    partial = [_("%(year)s (%(from)s to %(to)s)") % {
        "year": r[0], "from": _month_day(dt.date.fromisoformat(r[1]), language),
        "to": _month_day(dt.date.fromisoformat(r[2]), language)}
        for r in rows if r[1][5:] != "01-01" or r[2][5:] != "12-31"]
    lead = (_("Bar chart: %(what)s, %(count)s calendar years from %(first)s to %(last)s, one bar across the part of "
              "each year the data covers.") % {"what": what, "count": len(rows), "first": rows[0][0],
                                                "last": rows[-1][0]})
    caption = (_("Each bar spans the part of the year the data covers and its height is the year's count, from zero.")
               + (_(" Partial years: %(years)s; their counts are not comparable with full years.")
                  % {"years": ", ".join(partial)} if partial else ""))
    return _spec(chart_id, title, unit, rows, Column("year", _("Year")), lead, caption, last, language)


def monthly_spec(chart_id: str, title: str, unit: str, view: list[dict], value_key: str, first: dt.date,
                 last: dt.date, what: str, language: Language = ENGLISH) -> ChartSpec:
    """One bar per month in `view` (rows with `month` as YYYY-MM; a blank month, an undated row, is left out)."""
    _ = language.gettext
    rows = []
    for row in sorted((r for r in view if r["month"]), key=lambda r: r["month"]):
        start, end = month_span(row["month"], first, last)
        rows.append((row["month"], start.isoformat(), end.isoformat(), row[value_key], row["source"]))
    top = max(rows, key=lambda r: (r[3], r[0]))
    low = min(rows, key=lambda r: (r[3], r[0]))
    lead = (_("Bar chart: %(what)s per month, %(count)s months from %(first)s to %(last)s. The highest month was "
              "%(top)s (%(top_value)s), the lowest %(low)s (%(low_value)s).")
            % {"what": what, "count": len(rows), "first": rows[0][0], "last": rows[-1][0], "top": top[0],
               "top_value": format_value(top[3], unit, language), "low": low[0],
               "low_value": format_value(low[3], unit, language)})
    caption = _("One bar per month, its height the month's count from zero; a month the data covers only in part "
                "(the first or the last) is drawn across the days covered. The first, last, highest and lowest months "
                "are labelled; every month is in the table and the CSV.")
    return _spec(chart_id, title, unit, rows, Column("month", _("Month")), lead, caption, last, language)

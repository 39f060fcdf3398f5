"""Detainer views (data/datasets/*-detainers/views/) → ChartSpecs drawn by series.py's "periods" mode: one bar across
each year or month counted, so a partial year's bar spans only the months the data covers. Each row keeps the view's
`source` (the publisher's table and lines, or the filter on the file), which goes into the chart's CSV and table.

Ids start with "detainers-"; the pages that show these charts are made by scripts/site/datasets/."""

from __future__ import annotations

import calendar
import datetime as dt

from .spec import ChartSpec, Column, format_value
from .specs import WIDTH

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
          as_of: dt.date, height: float = 4.6) -> ChartSpec:
    columns = (key_column, Column("drawn_from", "From"), Column("drawn_to", "To"),
               Column("value", unit.capitalize(), "number"), Column("source", "Source (table: lines)"))
    values = [f"{row[0]}: {format_value(row[3], unit)}" for row in rows]
    listed = "Values: " + "; ".join(values) + "."
    summary, details = (f"{lead} {listed}", "") if len(values) <= 12 else (lead, listed)
    return ChartSpec(id=PREFIX + chart_id, kind="timeseries", title=title, summary=summary, details=details,
                     caption=caption, columns=columns, rows=tuple(rows), sources=(), as_of=as_of.isoformat(),
                     size=(WIDTH, height), options={"unit": unit, "mode": "periods"})


def yearly_spec(chart_id: str, title: str, unit: str, view: list[dict], value_key: str, first: dt.date,
                last: dt.date, what: str) -> ChartSpec:
    """One bar per calendar year in `view` (rows with `year`, `value_key` and `source`)."""
    rows = []
    for row in sorted(view, key=lambda r: int(r["year"])):
        start, end = year_span(int(row["year"]), first, last)
        rows.append((str(row["year"]), start.isoformat(), end.isoformat(), row[value_key], row["source"]))
    partial = [f"{r[0]} ({dt.date.fromisoformat(r[1]):%B} {int(r[1][8:])} to {dt.date.fromisoformat(r[2]):%B} "
               f"{int(r[2][8:])})" for r in rows if r[1][5:] != "01-01" or r[2][5:] != "12-31"]
    lead = (f"Bar chart: {what}, {len(rows)} calendar years from {rows[0][0]} to {rows[-1][0]}, one bar across the "
            f"part of each year the data covers.")
    caption = ("Each bar spans the part of the year the data covers and its height is the year's count, from zero."
               + (f" Partial years: {', '.join(partial)}; their counts are not comparable with full years."
                  if partial else ""))
    return _spec(chart_id, title, unit, rows, Column("year", "Year"), lead, caption, last)


def monthly_spec(chart_id: str, title: str, unit: str, view: list[dict], value_key: str, first: dt.date,
                 last: dt.date, what: str) -> ChartSpec:
    """One bar per month in `view` (rows with `month` as YYYY-MM; a blank month, an undated row, is left out)."""
    rows = []
    for row in sorted((r for r in view if r["month"]), key=lambda r: r["month"]):
        start, end = month_span(row["month"], first, last)
        rows.append((row["month"], start.isoformat(), end.isoformat(), row[value_key], row["source"]))
    top = max(rows, key=lambda r: (r[3], r[0]))
    low = min(rows, key=lambda r: (r[3], r[0]))
    lead = (f"Bar chart: {what} per month, {len(rows)} months from {rows[0][0]} to {rows[-1][0]}. The highest month "
            f"was {top[0]} ({format_value(top[3], unit)}), the lowest {low[0]} ({format_value(low[3], unit)}).")
    caption = ("One bar per month, its height the month's count from zero; a month the data covers only in part "
               "(the first or the last) is drawn across the days covered. The first, last, highest and lowest months "
               "are labelled; every month is in the table and the CSV.")
    return _spec(chart_id, title, unit, rows, Column("month", "Month"), lead, caption, last)

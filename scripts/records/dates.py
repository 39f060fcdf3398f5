"""Partial dates ("2014", "2014-11", "2014-11-20"): the written form is the precision."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def precision(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(value.split("-"))]


def earliest(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def latest(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def display(value: str) -> str:
    """Human form that keeps the precision: 'November 20, 2014', 'November 2014' or '2014'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"


def display_period(start: str, end: str | None) -> str:
    if end is None:
        return f"{display(start)} – present"
    if start == end:
        return display(start)
    return f"{display(start)} – {display(end)}"

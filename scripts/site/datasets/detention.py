"""What the page "ICE detention, as ICE reports it" shows, from data/datasets/ice-detention/ (the ingest's tables):
the detained population and the book-ins by arresting agency per month, each figure with the workbook, sheet and
cell it came from, and the 287(g) agreements counted from ICE's lists on the same months."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ...records.datasets.tables import Lists287g
from ...records.table_files import read_table
from ..charts.detainer_specs import _spec, month_span
from ..charts.spec import ChartSpec, Column, format_value
from ..i18n import ENGLISH, Language
from .tables import read_json

DETENTION_PAGE = "detention/"
FIRST_MONTH = dt.date(2018, 10, 1)  # FY2019's first day: the earliest workbook's first month


def read_csv(path: Path) -> list[dict]:
    """A table of the ingest, by the tables' reading layer (its limits, the columns the page reads)."""
    return read_table(path)


def source_of(row: dict) -> str:
    return f"{row['file']}, {row['sheet']}!{row['cell']}"


def _rows(table: list[dict], value: str, first: dt.date, last: dt.date, **match: str) -> list[dict]:
    rows = []
    for row in table:
        if all(row[k] == v for k, v in match.items()):
            start, end = month_span(row["month"], first, last)
            rows.append({"month": row["month"], "from": start.isoformat(), "to": end.isoformat(),
                         "value": round(float(row[value])), "complete": row["month_complete"] == "true",
                         "as_of": row["as_of"], "source": source_of(row)})
    return sorted(rows, key=lambda r: r["month"])


def _monthly_chart(chart_id: str, title: str, unit: str, rows: list[dict], what: str, measure: str,
                   last: dt.date, language: Language, x_range: tuple[str, str] | None = None) -> ChartSpec:
    _ = language.gettext
    top = max(rows, key=lambda r: (r["value"], r["month"]))
    low = min(rows, key=lambda r: (r["value"], r["month"]))
    lead = (_("Bar chart: %(what)s per month, %(count)s months from %(first)s to %(last)s. The highest month was "
              "%(top)s (%(top_value)s), the lowest %(low)s (%(low_value)s).")
            % {"what": what, "count": len(rows), "first": rows[0]["month"], "last": rows[-1]["month"],
               "top": top["month"], "top_value": format_value(top["value"], unit, language), "low": low["month"],
               "low_value": format_value(low["value"], unit, language)})
    incomplete = [r["month"] for r in rows if not r["complete"]]
    caption = measure + (_(" Not complete in the latest release: %(months)s (drawn across the days it covers).")
                         % {"months": ", ".join(incomplete)} if incomplete else "")
    table = [(r["month"], r["from"], r["to"], r["value"], r["source"]) for r in rows]
    spec = _spec(chart_id, title, unit, table, Column("month", _("Month")), lead, caption, last, language)
    columns = spec.columns[:-1] + (Column("source", _("Source (workbook, sheet!cell)")),)
    options = {**spec.options, "x_range": list(x_range)} if x_range else spec.options
    return replace(spec, columns=columns, page=DETENTION_PAGE, options=options)


def agreements_by_month(lists: Lists287g | None) -> dict[str, tuple[int, str]]:
    """The 287(g) agreements on the last list of each month: {YYYY-MM: (agreements, list date)}."""
    if lists is None:
        return {}
    out: dict[str, tuple[int, str]] = {}
    for date in sorted(lists.lists):
        out[f"{date.year}-{date.month:02d}"] = (len(lists.lists[date]), date.isoformat())
    return out


def detention_context(folder: Path, lists: Lists287g | None,
                      language: Language = ENGLISH) -> tuple[dict, list[ChartSpec]]:
    _ = language.gettext
    provenance = read_json(folder / "provenance.json")
    adp = read_csv(folder / "monthly_adp.csv")
    book_ins = read_csv(folder / "monthly_book_ins.csv")
    releases = read_csv(folder / "releases.csv")
    last = dt.date.fromisoformat(provenance["last_as_of"])
    first = FIRST_MONTH
    total = _rows(adp, "adp", first, last, agency="Total", criminality="All")
    by_agency = {agency: _rows(adp, "adp", first, last, agency=agency, criminality="All") for agency in ("ICE", "CBP")}
    ice_book_ins = _rows(book_ins, "book_ins", first, last, agency="ICE")
    cbp_book_ins = _rows(book_ins, "book_ins", first, last, agency="CBP")
    adp_measure = _("Each bar is the month's average daily population: the people held at each midnight, averaged "
                    "over the month's days, rounded to whole people. From the latest release in which the month "
                    "is complete.")
    book_ins_measure = _("Each bar is the month's initial book-ins into ICE detention, from the latest release in "
                         "which the month is complete.")
    charts = {
        "adp": _monthly_chart("ice-detention-adp", _("People in ICE detention, average per day, by month"), "people",
                              total,
                              _("the average daily population in ICE detention"), adp_measure, last, language),
        "ice_book_ins": _monthly_chart("ice-detention-book-ins-ice", _("Book-ins into ICE detention after an ICE "
                                                                       "arrest, by month"), "book-ins", ice_book_ins,
                                       _("book-ins after an arrest by ICE"), book_ins_measure, last, language),
        "cbp_book_ins": _monthly_chart("ice-detention-book-ins-cbp", _("Book-ins into ICE detention after a CBP "
                                                                       "arrest, by month"), "book-ins", cbp_book_ins,
                                       _("book-ins after an arrest by CBP"), book_ins_measure, last, language),
    }
    agreements = agreements_by_month(lists)
    last_287g = max(lists.lists) if lists is not None and lists.lists else None
    axis_end = max(last, last_287g) if last_287g else last
    x_range = (first.isoformat(), axis_end.isoformat())
    for key in charts:
        charts[key] = replace(charts[key], options={**charts[key].options, "x_range": list(x_range)})
    if lists is not None and lists.lists:
        rows_287g = []
        for month, (count, date) in sorted(agreements.items()):
            start, end = month_span(month, dt.date(int(month[:4]), int(month[5:]), 1), dt.date.fromisoformat(date))
            rows_287g.append({"month": month, "from": start.isoformat(), "to": end.isoformat(), "value": count,
                              "complete": True, "as_of": date,
                              "source": f"data/datasets/ice-287g/lists/{date}.csv ({count} rows)"})
        charts["agreements"] = _monthly_chart(
            "ice-detention-287g-agreements", _("287(g) agreements on ICE's last list of each month"), "agreements",
            rows_287g, _("287(g) agreements on ICE's last list of the month"),
            _("Each bar is the number of 287(g) agreements on ICE's last list of the month the site has, drawn from "
              "the month's first day to the list's date, on the same time axis as the detention charts."),
            last_287g, language, x_range)
    months = []
    ice_by_month = {r["month"]: r for r in by_agency["ICE"]}
    cbp_by_month = {r["month"]: r for r in by_agency["CBP"]}
    ice_in = {r["month"]: r for r in ice_book_ins}
    cbp_in = {r["month"]: r for r in cbp_book_ins}
    for row in total:
        month = row["month"]
        months.append({"month": month, "adp": row, "adp_ice": ice_by_month.get(month),
                       "adp_cbp": cbp_by_month.get(month), "book_ins_ice": ice_in.get(month),
                       "book_ins_cbp": cbp_in.get(month), "agreements": agreements.get(month)})
    counted = [r for r in releases if r["status"] == "counted"]
    latest = max(counted, key=lambda r: (r["as_of"], r["workbook_saved"]))
    context = {
        "provenance": provenance, "charts": charts, "months": list(reversed(months)),
        "releases": releases, "counted": len(counted), "not_counted": [r for r in releases
                                                                     if r["status"] != "counted"],
        "latest": latest, "first_month": total[0]["month"], "last_month": total[-1]["month"],
        "agreements_first": min(agreements) if agreements else "",
    }
    return context, list(charts.values())

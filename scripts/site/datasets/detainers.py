"""What the detainer pages show, from the views the ingest wrote: NPR's tables (2007–2015) and, when a maintainer has
ingested it, the Deportation Data Project's file (2023 onward). Every figure is a view row or a sum of view rows, and
carries the `source` of the rows it came from."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from ...records import dates
from ...records.model import Dataset
from ..charts.detainer_specs import monthly_spec, yearly_spec
from ..charts.spec import ChartSpec
from ..i18n import ENGLISH, MONTHS_ES, Language
from .lines import merge_sources
from .tables import read_json, read_views

TRAC_STATISTIC = "trac-us-citizen-detainers-fy2008-fy2012"
TOP_FACILITIES = 25
NOT_RECORDED = "(not recorded)"


def _facility_totals(rows: list[dict], name: str, city: str, state: str, count: str, top: int) -> list[dict]:
    """Rows summed per facility (name, city, state), largest first, with the merged sources and the years seen."""
    groups: dict[tuple, dict] = {}
    for row in rows:
        key = (row[name] or "", row[city] or "", row[state] or "")
        group = groups.setdefault(key, {"facility": key[0], "city": key[1], "state": key[2], "count": 0,
                                        "county_fips": row["county_fips"], "county_name": row["county_name"],
                                        "county_match": row["county_match"], "years": set(), "sources": []})
        group["count"] += row[count]
        if row.get("year"):
            group["years"].add(str(row["year"]))
        group["sources"].append(row["source"])
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["facility"], g["state"], g["city"]))
    for group in ordered[:top]:
        group["source"] = merge_sources(group.pop("sources"))
        group["years"] = sorted(group["years"])
    return ordered[:top]


def _state_totals(rows: list[dict]) -> list[dict]:
    groups: dict[str, dict] = defaultdict(lambda: {"detainers": 0, "sources": [], "years": {}})
    for row in rows:
        group = groups[row["state"] or NOT_RECORDED]
        group["detainers"] += row["detainers"]
        group["sources"].append(row["source"])
        group["years"][str(row["year"])] = row["detainers"]
    return [{"state": state, "detainers": g["detainers"], "years": g["years"], "source": merge_sources(g["sources"])}
            for state, g in sorted(groups.items(), key=lambda item: (-item[1]["detainers"], item[0]))]


def npr_context(folder: Path, dataset: Dataset, language: Language = ENGLISH) -> tuple[dict, list[ChartSpec]]:
    _ = language.gettext
    provenance = read_json(folder / "provenance.json")
    views = read_views(folder)
    first = dt.date.fromisoformat(provenance["period"]["start"])
    last = dt.date.fromisoformat(provenance["period"]["end"])
    partial = provenance["period"]["partial_years"]
    charts = {
        "per_year": yearly_spec("npr-per-year", _("ICE detainers per year, 2007–2015 (NPR, from FOIA)"), "detainers",
                                views["detainers_per_year"], "detainers", first, last, _("detainers ICE issued"),
                                language),
        "per_month": monthly_spec("npr-per-month", _("ICE detainers per month, October 2007 to July 2015 (NPR, from "
                                                     "FOIA)"), "detainers", views["detainers_per_month"], "detainers",
                                  first, last, _("detainers ICE issued"), language),
        "declined": yearly_spec("npr-declined-per-year", _("Detainers declined by the local agency, per year, "
                                                           "2007–2015 (NPR, from FOIA)"), "detainers",
                                views["declined_by_year"], "declined", first, last,
                                _("detainers with the outcome “Detainer Declined by LEA”"), language),
        "citizens": yearly_spec("npr-us-citizens-per-year", _("Detainers lifted because the person was a U.S. "
                                                              "citizen, per year, 2007–2015 (NPR, from FOIA)"),
                                "detainers", views["us_citizens_by_year"], "detainers", first, last,
                                _("detainers lifted with the reason “United States Citizen Interviewed”"),
                                language),
    }
    outcomes: dict[str, list[dict]] = defaultdict(list)
    for row in views["outcomes_by_year"]:
        outcomes[str(row["year"])].append(row)
    declined = views["declined_by_year"]
    citizens_by_year = views["us_citizens_by_year"]
    match = provenance["facility_county_match"]
    context = {
        "provenance": provenance, "views": views, "partial": partial, "first": first.isoformat(),
        "last": last.isoformat(), "charts": charts,
        "outcomes": {year: sorted(rows, key=lambda r: (-r["detainers"], r["lift_reason"]))
                     for year, rows in sorted(outcomes.items())},
        "declined": declined,
        "declined_mismatch": [r for r in declined if r["declined"] != r["declined_in_facility_table"]],
        "facilities": _facility_totals(views["declined_by_facility"], "det_facility", "city", "state", "declined",
                                       TOP_FACILITIES),
        "facility_match": match["declined_by_facility"], "citizen_match": match["us_citizens_by_facility"],
        "citizens_total": sum(r["detainers"] for r in citizens_by_year),
        "citizen_states": _state_totals(views["us_citizens_by_state_and_year"]),
        "citizen_years": [str(r["year"]) for r in citizens_by_year],
        "trac": _trac(dataset, citizens_by_year),
        "detainers_total": sum(r["detainers"] for r in views["detainers_per_year"]),
    }
    return context, list(charts.values())


def _trac(dataset: Dataset, citizens_by_year: list[dict]) -> dict | None:
    """TRAC's figure and NPR's count over the years TRAC's period reaches (its end is known only to the year)."""
    if TRAC_STATISTIC not in dataset.collection_of:
        return None
    statistic = dataset.get(TRAC_STATISTIC)
    start = dates.earliest(statistic.period.start)
    end = dates.latest(statistic.period.end or statistic.period.start)
    window = [r for r in citizens_by_year if start.year <= int(r["year"]) <= end.year]
    report = next((dataset.get(ref.source) for ref in statistic.sources), None)  # the first source: TRAC's report
    return {"statistic": statistic, "report": report, "start": start.isoformat(), "end": end.isoformat(),
            "npr_in_window": sum(r["detainers"] for r in window),
            "window_years": f"{window[0]['year']}–{window[-1]['year']}" if window else "",
            "window_source": merge_sources([r["source"] for r in window])}


def ddp_context(folder: Path, language: Language = ENGLISH) -> tuple[dict, list[ChartSpec]]:
    _ = language.gettext
    provenance = read_json(folder / "provenance.json")
    views = read_views(folder)
    known = provenance["prepare_dates"]
    charts = {}
    if known["first"]:  # a file with no prepare date at all has no months to draw
        first, last = dt.date.fromisoformat(known["first"]), dt.date.fromisoformat(known["last"])
        month = f"{first:%B %Y}" if language.code == "en" else f"{MONTHS_ES[first.month - 1]} de {first.year}"
        charts["per_month"] = monthly_spec("ddp-per-month", _("ICE detainers per month, from %(month)s (Deportation "
                                                              "Data Project)") % {"month": month}, "detainers",
                                           views["detainers_per_month"], "detainers", first, last,
                                           _("detainers ICE issued"), language)
    us_by_month: dict[str, dict] = {}
    for row in views["us_citizens_by_month_and_state"]:
        month = row["month"] or ""
        group = us_by_month.setdefault(month, {"month": month, "detainers": 0, "states": 0, "source": (
            f"{provenance['file']}: {'detainer_prepare_date ' + ('in ' + month if month else 'blank')} and "
            f"{provenance['us_citizens']['rule']}")})
        group["detainers"] += row["detainers"]
        group["states"] += 1
    reasons: dict[str, dict] = {}
    for row in views["lift_reasons_by_month"]:
        reason = row["detainer_lift_reason"] or ""
        shown = '"' + reason.replace('"', '\\"') + '"' if reason else "blank"
        group = reasons.setdefault(reason, {"reason": reason, "detainers": 0,
                                            "source": f"{provenance['file']}: detainer_lift_reason = {shown}"})
        group["detainers"] += row["detainers"]
    file = provenance["file"]
    context = {
        "provenance": provenance, "views": views, "charts": charts, "first": known["first"],
        "last": known["last"], "file": file,
        "states": sorted(views["detainers_per_state"], key=lambda r: (-r["detainers"], r["facility_state"] or "")),
        "facilities": sorted(views["detainers_per_facility"],
                             key=lambda r: (-r["detainers"], r["detention_facility"] or ""))[:TOP_FACILITIES],
        "facility_match": provenance["facility_county_match"],
        "countries": sorted(views["detainers_by_citizenship_country"],
                            key=lambda r: (-r["detainers"], r["citizenship_country"] or "")),
        "us_rule": provenance["us_citizens"]["rule"], "us_total": provenance["us_citizens"]["rows"],
        "us_by_month": sorted(us_by_month.values(), key=lambda r: r["month"]),
        "reasons": sorted(reasons.values(), key=lambda r: (-r["detainers"], r["reason"])),
    }
    return context, list(charts.values())

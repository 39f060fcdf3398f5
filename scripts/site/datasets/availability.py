"""The data-availability page: every government series the site uses, who publishes it, how often, the first and
last release the site has, and its status in words, each claim dated and sourced.

What can be computed is computed: the first and last release from the ingested tables (data/datasets/), the
programme's dates from its record. What cannot (a list the site has not ingested) is said with the archive it rests
on. Nothing here is typed twice: a new ingest updates the page."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ...records.model import Dataset
from ...records.table_files import read_table
from ..i18n import ENGLISH, Language
from ..urls import dataset_path
from . import catalog
from .tables import read_json

PAGE = "data-availability/"
PENDING_ARCHIVE = ("https://github.com/RelevantResearch/287g-DetentionData/tree/"
                   "4f9d1c35b402db277e61c03bc85f8230713c4f3b/pendingAgencies")


@dataclass(frozen=True)
class Evidence:
    text: str  # in the page's language
    record: str = ""  # a source, statistic or programme record id the claim rests on
    url: str = ""  # or an address (an archive, a dataset page of this site)


@dataclass(frozen=True)
class Availability:
    series: str
    publisher: str
    frequency: str
    first: str  # the first release the site has (a date, or "" if none)
    last: str
    status: str  # in words, dated
    evidence: tuple[Evidence, ...] = field(default=())
    page: str = ""  # the site's page drawing on it


def _median_gap(dates: list[dt.date]) -> int | None:
    gaps = [(b - a).days for a, b in zip(dates, dates[1:])]
    return round(statistics.median(gaps)) if gaps else None


def _detention(folder: Path, language: Language) -> Availability:
    _ = language.gettext
    p = read_json(folder / "provenance.json")
    releases = read_table(folder / "releases.csv")
    counted = sorted(dt.date.fromisoformat(r["as_of"]) for r in releases if r["status"] == "counted")
    gap = _median_gap(counted)
    latest = p["latest"]
    return Availability(
        _("ICE detention statistics (detained population, book-ins, facilities)"), _(p["publisher"]),
        _("About every two weeks: a workbook of the fiscal year to date; %(count)s releases counted here, a median of "
          "%(days)s days apart.") % {"count": language.number(len(counted)), "days": gap},
        counted[0].isoformat(), counted[-1].isoformat(),
        _("Published. The latest release the site has runs to %(date)s (%(file)s); a newer one is on ICE's page once "
          "published, and is added by running the ingest on it.") % {"date": language.date(counted[-1].isoformat()),
                                                                     "file": latest["file"]},
        (Evidence(_("ICE's detention-management page"), url=p["publisher_url"]),
         Evidence(_("the as-of date of every workbook, read from its own footnotes"), url=dataset_path(
             "ice-detention"))),
        page="detention/")


def _lists_287g(folder: Path, language: Language) -> Availability:
    _ = language.gettext
    dates = sorted(dt.date.fromisoformat(p.stem.split(".")[0]) for p in (folder / "lists").glob("*.provenance.json"))
    return Availability(
        _("ICE's 287(g) participating-agency list"), _("U.S. Immigration and Customs Enforcement (ICE)"),
        _("ICE replaces the list on its 287(g) page without keeping the old one; the site has the last list of each "
          "month (%(count)s lists).") % {"count": language.number(len(dates))},
        dates[0].isoformat(), dates[-1].isoformat(),
        _("Published. The latest list the site has is of %(date)s.") % {"date": language.date(dates[-1].isoformat())},
        (Evidence(_("every list's file, date and SHA-256"), url=dataset_path("ice-287g")),),
        page="charts/")


def _npr(folder: Path, language: Language) -> Availability:
    _ = language.gettext
    p = read_json(folder / "provenance.json")
    return Availability(
        _("ICE detainer records released under FOIA, as tabulated by NPR"), _(p["publisher"]),
        _("Once: a release of records under the Freedom of Information Act, not a series ICE publishes."),
        p["period"]["start"], p["period"]["end"],
        _("Not a recurring publication: the records end on %(date)s.") % {"date": language.date(p["period"]["end"])},
        (Evidence(_("NPR's repository, at the commit read"), url=p["repository"]),),
        page=catalog.NPR_PAGE)


def _ddor(records: Dataset, language: Language) -> Availability | None:
    _ = language.gettext
    if "declined-detainer-outcome-report" not in records.collection_of:
        return None
    program = records.get("declined-detainer-outcome-report")
    period = program.periods[0]
    return Availability(
        _("ICE's Declined Detainer Outcome Report"), _("U.S. Immigration and Customs Enforcement (ICE)"),
        _("Weekly (ordered by Executive Order 13768); three reports were published."),
        str(period.start), str(period.end),
        _("Stopped: ICE suspended it in April 2017 (confirmed %(date)s) and the weekly series never resumed.")
        % {"date": language.date(str(period.end))},
        (Evidence(_("the programme's record, with its sources"), record=program.id),
         Evidence(_("AILA's index of ICE's notices (suspension note)"), record="aila-ddor-index-17032002"),
         Evidence(_("report of the suspension, April 11, 2017"),
                  record="washingtontimes-2017-04-11-dhs-suspends-sanctuary-city-list")),
        page="")


def _secure_communities(records: Dataset, language: Language) -> Availability | None:
    _ = language.gettext
    if "ice-sc-arrests-bookings-through-april-2011" not in records.collection_of:
        return None
    statistic = records.get("ice-sc-arrests-bookings-through-april-2011")
    return Availability(
        _("ICE's Secure Communities statistics (arrests and bookings through the program)"),
        _("U.S. Immigration and Customs Enforcement (ICE)"),
        _("Monthly cumulative counts, and quarterly reports to Congress."),
        "2011-01-03", str(statistic.period.end),
        _("Stopped for arrests and bookings: the last month ICE published was April 2011, according to the Warren "
          "Institute (October 2011). No later ICE statistics release on the program is in the site."),
        (Evidence(_("ICE's quarterly report of January 3, 2011 (the earliest release the site cites)"),
                  record="ice-2011-01-03-secure-communities-quarterly-report-fy2010-q4"),
         Evidence(_("the count through April 2011 and why it stops there"), record=statistic.id),
         Evidence(_("the programme's record (its periods)"), record="secure-communities")),
        page="")


def _pending(language: Language) -> Availability:
    _ = language.gettext
    return Availability(
        _("ICE's 287(g) pending-agency list"), _("U.S. Immigration and Customs Enforcement (ICE)"),
        _("Several times a week while it was published (197 list dates in the archive)."),
        "2025-02-21", "2026-02-27",
        _("No list after February 27, 2026 was found in the public archive that collected them (as of the copies "
          "made for this site, December 7, 2026): ICE appears to have stopped publishing it. The site has not "
          "ingested these lists."),
        (Evidence(_("the archive's folder of pending lists, at the commit copied"), url=PENDING_ARCHIVE),),
        page="")


def availability(datasets_dir: Path, records: Dataset, language: Language = ENGLISH) -> list[Availability]:
    present = {entry.slug for entry in catalog.present(datasets_dir)}
    rows: list[Availability | None] = []
    if "ice-287g" in present:
        rows.append(_lists_287g(datasets_dir / "ice-287g", language))
    rows.append(_pending(language))
    if "ice-detention" in present:
        rows.append(_detention(datasets_dir / "ice-detention", language))
    rows.append(_ddor(records, language))
    rows.append(_secure_communities(records, language))
    if "npr-detainers" in present:
        rows.append(_npr(datasets_dir / "npr-detainers", language))
    return [row for row in rows if row is not None]

"""Which records can go out of date without anyone editing them, and how recent the record is: the maintainers'
review list (oldest review first; those not verified for REVIEW_AFTER_DAYS days apart), the validator's warnings
about the same records, and the home page's newest event.

How old a review is depends on the day it is counted from. The validator counts from the day it runs (its `today`,
as for its other date checks). A page cannot: the same commit must always build the same bytes, so the site counts
from the data's own date, the newest `last_reviewed` of any record (`data_date`), which is also the date MkDocs
stamps on the sitemap (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.model import Dataset
from ..records.schema import Record
from .i18n import ENGLISH, Language
from .laws_view import STATUS_LABELS as LAW_STATUS_LABELS

# Case statuses that the courts, not the maintainers, will change.
OPEN_CASE_STATUSES = ("pending", "appealed")
# Law statuses that a legislature, a governor or a court will change: every one but those of a law that is gone.
CURRENT_LAW_STATUSES = ("in-force", "in-force-in-part", "enacted-not-yet-in-force", "enjoined")
# A record that describes the present is due for a new check when its last review is older than this.
REVIEW_AFTER_DAYS = 90


@dataclass(frozen=True)
class ReviewDue:
    collection: str
    record: Record
    reason: str

    def days_since_review(self, today: dt.date) -> int:
        return (today - dt.date.fromisoformat(self.record.last_reviewed)).days


def review_due(dataset: Dataset, language: Language = ENGLISH) -> list[ReviewDue]:
    """Records whose claims describe the present (an open case, an ongoing program, a jurisdiction's policy, the
    newest count of a series), oldest review first: the ones to check again against their sources. The reasons are
    written in `language`."""
    _ = language.gettext
    due: list[ReviewDue] = []
    for case in dataset.collections["cases"].values():
        if case.status in OPEN_CASE_STATUSES:
            due.append(ReviewDue("cases", case, _("case status is “%(status)s”") % {"status": _(case.status)}))
    for law in dataset.collections.get("laws", {}).values():
        if law.status in CURRENT_LAW_STATUSES:
            due.append(ReviewDue("laws", law, _("law status is “%(status)s”") % {
                "status": _(LAW_STATUS_LABELS[law.status])}))
    for program in dataset.collections["programs"].values():
        last = program.periods[-1]
        if last.end is None and last.in_force is not None:
            due.append(ReviewDue("programs", program, _(
                "program period with no end recorded (in force as of %(date)s per its sources)") % {
                "date": language.date(last.in_force.as_of)}))
        elif last.end is None:
            due.append(ReviewDue("programs", program, _(
                "program period with no end recorded (not shown in force by a cited source)")))
    for place in dataset.collections["jurisdictions"].values():
        if place.policies:
            newest = max(place.policies, key=lambda p: p.as_of).as_of
            due.append(ReviewDue("jurisdictions", place, _("policy known to be in force as of %(date)s") % {
                "date": language.date(newest)}))
    for statistic in _newest_count_of_each_series(dataset):
        due.append(ReviewDue("statistics", statistic, _("newest count of its series, as of %(date)s") % {
            "date": language.date(statistic.period.start)}))
    return sorted(due, key=lambda d: (d.record.last_reviewed, d.collection, d.record.id))


def not_verified_since(due: list[ReviewDue], today: dt.date, days: int = REVIEW_AFTER_DAYS) -> list[ReviewDue]:
    """The records of `due` whose last review is more than `days` days before `today` (in the order of `due`)."""
    return [d for d in due if d.days_since_review(today) > days]


def data_date(dataset: Dataset) -> dt.date:
    """The day the site counts review ages from: the newest last_reviewed of any record (see the module's note)."""
    reviewed = dataset.last_reviewed()
    return dt.date.fromisoformat(reviewed) if reviewed else dt.date(1970, 1, 1)


def _newest_count_of_each_series(dataset: Dataset) -> list[Record]:
    newest: dict[str, Record] = {}
    for statistic in dataset.sorted("statistics"):
        if statistic.series and statistic.period.end in (None, statistic.period.start):
            newest[statistic.series] = statistic  # sorted oldest first, so the last one wins
    return list(newest.values())


def newest_event(dataset: Dataset) -> Record | None:
    """The last event of the timeline (the timeline's own order: by date, a day before the month it falls in)."""
    events = dataset.sorted("events")
    return events[-1] if events else None

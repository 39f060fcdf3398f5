"""Which records can go out of date without anyone editing them, and how recent the record is: the maintainers'
review list (oldest review first) and the home page's newest event."""

from __future__ import annotations

from dataclasses import dataclass

from ..records.model import Dataset
from ..records.schema import Record
from .i18n import ENGLISH, Language

# Case statuses that the courts, not the maintainers, will change.
OPEN_CASE_STATUSES = ("pending", "appealed")


@dataclass(frozen=True)
class ReviewDue:
    collection: str
    record: Record
    reason: str


def review_due(dataset: Dataset, language: Language = ENGLISH) -> list[ReviewDue]:
    """Records whose claims describe the present (an open case, an ongoing program, a jurisdiction's policy, the
    newest count of a series), oldest review first: the ones to check again against their sources. The reasons are
    written in `language`."""
    _ = language.gettext
    due: list[ReviewDue] = []
    for case in dataset.collections["cases"].values():
        if case.status in OPEN_CASE_STATUSES:
            due.append(ReviewDue("cases", case, _("case status is “%(status)s”") % {"status": _(case.status)}))
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

"""`python -m scripts validate`: the records and the briefings checked in one run (the briefings need the site's
charts and reports, so this lives in the site wing, not with the records' own validation)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..records.model import Dataset, RecordFile
from ..records.problems import DataError, safe_text
from ..records.validate import check
from .charts.specs import ERA_ID, MAP_ID, SERIES_PREFIX, chart_specs
from .datasets.pages import dataset_page_problems
from .freshness import REVIEW_AFTER_DAYS, not_verified_since, review_due
from .reports.definition import load_reports


@dataclass(frozen=True)
class NotVerified:
    """A warning, not a problem: a record that describes the present, last verified more than REVIEW_AFTER_DAYS
    days ago. The build goes on; the record may still be true, but nobody has checked lately."""
    path: str
    line: int
    label: str
    reviewed: str
    days: int

    def __str__(self) -> str:
        return (f"{safe_text(self.path)}:{self.line}: {self.label}: not verified since {self.reviewed} ({self.days:,} "
                "days); check its status against its sources and update last_reviewed")

    def github_annotation(self) -> str:
        message = str(self).split(": ", 1)[1].replace("%", "%25")
        path = safe_text(self.path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::warning file={path},line={self.line}::{message}"


def not_verified(files: list[RecordFile], dataset: Dataset, today: dt.date) -> list[NotVerified]:
    """Each record that describes the present (freshness.review_due) not verified for REVIEW_AFTER_DAYS days before
    `today`, at the line of its last_reviewed, oldest review first."""
    where = {item.record.id: item for item in files}
    found = []
    for due in not_verified_since(review_due(dataset), today, REVIEW_AFTER_DAYS):
        item = where.get(due.record.id)
        if item is None:  # derived records (places) carry no review date of their own to update
            continue
        line, _column = item.loaded.locate(("last_reviewed",))
        found.append(NotVerified(item.loaded.path, line, item.label, due.record.last_reviewed,
                                 due.days_since_review(today)))
    return found


def validate_project(root: Path, today: dt.date | None = None) -> tuple[Dataset, list, list[NotVerified]]:
    """`python -m scripts validate`: the data and the briefings in reports/, every problem of both in one run, and the
    records that describe the present but were not verified for REVIEW_AFTER_DAYS days before `today` (warnings).
    When the data has problems, the briefings are checked against every record whose id could be read."""
    today = today or dt.date.today()
    checked = check(root / "data", today)
    dataset = checked.dataset()
    problems = list(checked.problems)
    if problems:
        dataset.collection_of = dict(checked.known_ids)
        chart_ids = {ERA_ID, MAP_ID} | {SERIES_PREFIX + i for i, c in checked.known_ids.items() if c == "series"}
    else:
        chart_ids = set(chart_specs(dataset))
    if not problems and (root / "data" / "datasets").is_dir():
        problems += dataset_page_problems(root / "data" / "datasets", dataset)
    try:
        briefings = load_reports(root / "reports", dataset, chart_ids, today)
    except DataError as error:
        problems += error.problems
        briefings = []
    if problems:
        raise DataError(problems)
    return dataset, briefings, not_verified(checked.files, dataset, today)

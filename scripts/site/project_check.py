"""`python -m scripts validate`: the records and the briefings checked in one run (the briefings need the site's
charts and reports, so this lives in the site wing, not with the records' own validation)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..records.model import Dataset
from ..records.problems import DataError
from ..records.validate import check
from .charts.specs import ERA_ID, MAP_ID, SERIES_PREFIX, chart_specs
from .reports.definition import load_reports


def validate_project(root: Path, today: dt.date | None = None) -> tuple[Dataset, list]:
    """`python -m scripts validate`: the data and the briefings in reports/, every problem of both in one run.
    When the data has problems, the briefings are checked against every record whose id could be read."""
    checked = check(root / "data", today)
    dataset = checked.dataset()
    problems = list(checked.problems)
    if problems:
        dataset.collection_of = dict(checked.known_ids)
        chart_ids = {ERA_ID, MAP_ID} | {SERIES_PREFIX + i for i, c in checked.known_ids.items() if c == "series"}
    else:
        chart_ids = set(chart_specs(dataset))
    try:
        briefings = load_reports(root / "reports", dataset, chart_ids, today)
    except DataError as error:
        problems += error.problems
        briefings = []
    if problems:
        raise DataError(problems)
    return dataset, briefings

"""The hand-typed 287(g) figures (the statistics of the series 287g-agreements) beside the counts computed from ICE's
lists for the same date, and the recorded reason for each difference (data/datasets/ice-287g/reconciliation.yaml).

A figure is compared with the list of its date: the list dated that day by its content, or whose file is named for
that day (ICE's file of December 31, 2025 was saved on December 30), or, for a figure dated to a month, the last
list of that month. A figure of agencies ("287g-agencies-...") is compared with the agencies on the list, any other
with its agreements. A figure with no list of its date is shown beside the lists either side, not compared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import dates
from ..model import Dataset
from ..table_files import read_explanations
from .counts_287g import ListCount, by_list
from .tables import Lists287g

SERIES = "287g-agreements"
EXPLANATIONS_FILE = "reconciliation.yaml"  # in data/datasets/ice-287g/: {statistic id: why the figures differ}
ICE_LIST_SOURCE = "ice-287g-list-"


@dataclass(frozen=True)
class Reconciled:
    statistic: str
    date: str  # the figure's date as typed (YYYY-MM-DD or YYYY-MM)
    value: float
    counts: str  # "agencies" or "agreements": what the figure says it counts
    from_ice_list: bool  # the figure was typed from one of ICE's lists (cites an ice-287g-list-* source)
    list_date: str | None  # the list compared with, if any
    how_matched: str  # which list, and why that one
    computed: int | None  # the same measure, computed from that list
    computed_agreements: int | None
    computed_agencies: int | None
    explanation: str  # recorded reason (empty if none)

    @property
    def agrees(self) -> bool | None:
        return None if self.computed is None else self.value == self.computed

    @property
    def unexplained(self) -> bool:
        return self.agrees is False and not self.explanation


def load_explanations(data_dir: Path) -> dict[str, str]:
    """The recorded reasons, read by the records' YAML loader (its limits; a problem raises DataError)."""
    path = Path(data_dir) / EXPLANATIONS_FILE
    if not path.exists():
        return {}
    return read_explanations(path)


def _list_for(date: str, lists: Lists287g) -> tuple[dt.date | None, str]:
    by_file_name = {c.get("file_name_date"): d for d, p in lists.provenance.items() for c in p.get("copies", [])}
    by_file_name.update({p.get("file_name_date"): d for d, p in lists.provenance.items()})  # copies: same bytes
    if len(date) == 10:
        day = dt.date.fromisoformat(date)
        if day in lists.lists:
            return day, "the list of that date"
        if date in by_file_name:
            found = by_file_name[date]
            return found, (f"ICE's file named for {dates.display(date)}, dated {dates.display(found.isoformat())} "
                           f"by its content (the workbook was last saved that day)")
        return None, ""
    in_month = [d for d in lists.lists if d.isoformat().startswith(date)] if len(date) == 7 else []
    if in_month:
        return max(in_month), "the last list of that month in the archive"
    return None, ""


def _neighbours(date: str, lists: Lists287g, counts: dict[dt.date, ListCount]) -> str:
    start = dates.earliest(date)
    before = [d for d in lists.lists if d < start]
    after = [d for d in lists.lists if d > dates.latest(date)]
    if not before:
        return f"no list: the archive's lists begin on {dates.display(min(lists.lists).isoformat())}"
    parts = [f"{dates.display(d.isoformat())}: {counts[d].total:,} agreements"
             for d in ([max(before)] + ([min(after)] if after else []))]
    return "no list of that date; the lists either side: " + "; ".join(parts)


def reconcile(dataset: Dataset, lists: Lists287g, explanations: dict[str, str]) -> list[Reconciled]:
    counts = {c.date: c for c in by_list(lists)[None]}
    rows = []
    figures = dataset.referring(SERIES, "statistics", via="series")
    for statistic in sorted(figures, key=lambda s: (dates.earliest(s.period.start), s.id)):
        date = statistic.period.start
        counted = "agencies" if statistic.unit == "agencies" else "agreements"
        from_list = any(ref.source.startswith(ICE_LIST_SOURCE) for ref in statistic.sources)
        list_date, how = _list_for(date, lists)
        if list_date is None:
            computed = agreements = agencies = None
            how = _neighbours(date, lists, counts)
        else:
            agreements, agencies = counts[list_date].total, counts[list_date].agencies
            computed = agencies if counted == "agencies" else agreements
        rows.append(Reconciled(statistic.id, date, statistic.value, counted, from_list,
                               list_date.isoformat() if list_date else None, how, computed, agreements, agencies,
                               explanations.get(statistic.id, "")))
    return rows


def problems(dataset: Dataset, rows: list[Reconciled], explanations: dict[str, str]) -> list[str]:
    """Maintainer messages: a figure that disagrees with its list and has no recorded reason, an ICE-list figure
    with no list to check it against, and a recorded reason for a figure that does not exist."""
    out = []
    for row in rows:
        where = dataset.paths.get(row.statistic, row.statistic)
        if row.unexplained:
            out.append(f"{where}:value: {row.value:g} {row.counts}, but ICE's list of {row.list_date} has "
                       f"{row.computed:,} — correct the figure, or record why they differ under {row.statistic} in "
                       f"data/datasets/ice-287g/{EXPLANATIONS_FILE}")
        if row.from_ice_list and row.list_date is None:
            out.append(f"{where}:period: typed from an ICE list, but no list dated {row.date} is in "
                       f"data/datasets/ice-287g/lists/ — ingest that list or correct the date")
    known = {row.statistic for row in rows}
    for statistic in sorted(set(explanations) - known):
        out.append(f"data/datasets/ice-287g/{EXPLANATIONS_FILE}: {statistic} is not a figure of the series {SERIES} "
                   f"— remove it or correct the id")
    return out

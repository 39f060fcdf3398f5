"""An agency's whole 287(g) story, for its page: each period it was on ICE's participating lists with each model
(the first and the last list showing it, with their files, and the first list without it), its pending period(s) and
what followed, and every change on the lists that concerns it, each linked to the page of the list that showed it.

Read from every list the archives hold (monthly and daily, releases_287g.history_of), not only the last of each
month the agency record counts: a period is unbroken from one list to the next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..records.datasets import changes_287g
from ..records.datasets.tables import AGREEMENTS, read_csv_table
from .feeds_287g import FeedEntry, list_entries, pending_entries_of
from .releases_287g import has_releases, history_of, pending_view_of


@dataclass(frozen=True)
class Period:
    """An unbroken run of lists showing an agency with one model."""
    model: str
    first: str  # the first list showing it (date), its file and the file's address ("" when not a web address)
    first_file: str
    first_url: str
    last: str  # the last list showing it
    last_file: str
    last_url: str
    ended: str  # the first list without it, "" while it is on the latest list
    ended_file: str


@dataclass(frozen=True)
class Story:
    periods: tuple[Period, ...]  # by first list, then model
    pending: object | None  # pending_outcomes_287g.Outcome, when it was on a pending list
    changes: tuple[FeedEntry, ...]  # oldest first
    first_list: str  # the first list the archives hold, which starts any period "since at least"
    latest_list: str

    @property
    def current(self) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if not p.ended)


def _first_table(lists, history):
    date = dt.date.fromisoformat(history[0].date)
    if date in lists.lists:
        return lists.lists[date]
    return read_csv_table(Path(lists.folder) / history[0].folder / f"{history[0].date}.csv", AGREEMENTS)


def periods(lists, history) -> dict[str, list[Period]]:
    """agency_id -> its periods, from the first list's agreements and the changes between neighbouring lists."""
    if not history:
        return {}
    opened: dict[tuple[str, str], int] = {}
    for agency, model in zip(_first_table(lists, history)["agency_id"], _first_table(lists, history)["model"]):
        opened.setdefault((agency, model), 0)
    out: dict[str, list[Period]] = {}

    def close(agency, model, at):
        start = opened.pop((agency, model))
        a, b = history[start], history[at - 1]
        ended = history[at] if at < len(history) else None
        out.setdefault(agency, []).append(Period(
            model, a.date, a.file_name, _web(a.source_url), b.date, b.file_name, _web(b.source_url),
            ended.date if ended else "", ended.file_name if ended else ""))

    for at, release in enumerate(history):
        if at == 0:
            continue
        for c in release.changes:
            models = [m for m in c.model.split(" | ") if m]
            if c.kind in (changes_287g.ADDED, changes_287g.MODEL_ADDED):
                for model in models:
                    opened.setdefault((c.agency_id, model), at)
            elif c.kind in (changes_287g.REMOVED, changes_287g.MODEL_DROPPED):
                for model in models:
                    if (c.agency_id, model) in opened:
                        close(c.agency_id, model, at)
    for agency, model in sorted(opened):
        close(agency, model, len(history))
    return {agency: sorted(found, key=lambda p: (p.first, p.model)) for agency, found in out.items()}


def _web(url: str) -> str:
    return url if url.startswith("https://") else ""


def stories(lists) -> dict[str, Story]:
    """Every agency's story, computed once for these tables."""
    def compute():
        history = history_of(lists)
        found = periods(lists, history)
        changes: dict[str, list[FeedEntry]] = {}
        for entry in sorted(list_entries(history, changes_287g.KINDS) + pending_entries_of(lists),
                            key=lambda e: (e.date, e.key)):
            changes.setdefault(entry.agency_id, []).append(entry)
        view = pending_view_of(lists) if (Path(lists.folder) / "pending.csv").is_file() else None
        pending = {o.agency_id: o for o in view.outcomes} if view else {}
        first, latest = (history[0].date, history[-1].date) if history else ("", "")
        return {agency: Story(tuple(found.get(agency, ())), pending.get(agency), tuple(changes.get(agency, ())),
                              first, latest)
                for agency in sorted(set(found) | set(pending) | set(changes))}
    return lists.computed(("agency_stories_287g",), compute)


def story_of(lists, agency_id: str) -> Story | None:
    """The agency's story, or None when the tables hold no release decisions (releases.csv)."""
    if not has_releases(lists):
        return None
    return stories(lists).get(agency_id)

"""What ICE's 287(g) lists show in a state after one of its laws on 287(g) took effect (a mandate or a ban, issue #29):
how many of the state's agencies were on the last list before the law and on the last one since, and the
agencies added and removed on each list after it (the release pages' changes, so each count leads to the list and
rows it comes from). Shown on the law's page and, in one line, on its state's page.

The lists say what changed, not why: the pages put the figures beside the law and do not claim the law caused them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.datasets.changes_287g import ADDED, REMOVED
from .laws_view import enactment_of, first_day
from .releases_287g import has_releases, history_of

KINDS_287G = ("requires-287g", "forbids-287g")


@dataclass(frozen=True)
class ReleaseInState:
    date: str  # the list's date; its page is /287g-releases/<date>/
    added: int  # agencies of the state added on this list
    removed: int


@dataclass(frozen=True)
class LawChanges:
    since: str  # the law's effective date, or the date it became law (`signed`) when no effective date is recorded
    basis: str  # "effective", or how it became law on `since` (laws_view.enactment_of: "signed", "over-veto"…)
    until: str  # when it ended (repealed, enjoined…), or "" while in force
    before: str  # the last list dated before `since`; "" when the lists begin after it
    before_agencies: int
    first: str  # the first list held, when it is dated on or after `since` (then `before` is "")
    first_agencies: int
    last: str  # the last list dated from `since` up to `until` (or the latest); "" when none is that late
    last_agencies: int
    releases: tuple[ReleaseInState, ...]  # the lists after `first` or `before` with a change in the state, oldest first

    @property
    def added(self) -> int:
        return sum(r.added for r in self.releases)

    @property
    def removed(self) -> int:
        return sum(r.removed for r in self.releases)


def law_changes(law, lists, state_fips: str) -> LawChanges | None:
    """The 287(g) changes in the law's state after it took effect; None when the law is not about 287(g), has no date,
    or the data has no 287(g) lists with the ingest's release table (the changes come from it).

    Every list counts, the monthly and the daily ones: the state's agencies on a list are its agencies on the first
    list plus those added and less those removed on each list since (the release pages' changes, which compare
    agencies by their spelling-blind id), so the counts and the changes cannot disagree."""
    since = law.effective or law.signed
    if not set(law.kinds) & set(KINDS_287G) or not since or lists is None or not has_releases(lists):
        return None
    history = history_of(lists)
    if not history:
        return None
    start, end = first_day(since), first_day(law.ended) if law.ended else "9999-12-31"
    first_table = lists.lists.get(dt.date.fromisoformat(history[0].date))
    if first_table is None:
        return None
    count = int(first_table.loc[first_table["state_fips"] == state_fips, "agency_id"].nunique())
    before, before_count, first, first_count, last, last_count, releases = "", 0, "", 0, "", 0, []
    for index, release in enumerate(history):
        mine = [c for c in release.changes if c.state_fips == state_fips] if index else []
        added, removed = sum(c.kind == ADDED for c in mine), sum(c.kind == REMOVED for c in mine)
        count += added - removed
        if release.date < start:
            before, before_count = release.date, count
        elif release.date <= end:
            if not before and not first:
                first, first_count = release.date, count
            elif added or removed:
                releases.append(ReleaseInState(release.date, added, removed))
            last, last_count = release.date, count
    return LawChanges(since, "effective" if law.effective else enactment_of(law), law.ended or "", before, before_count,
                      first, first_count, last, last_count, tuple(releases))

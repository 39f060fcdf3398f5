"""The 2025 expansion of 287(g), told in a few sentences whose every number is computed from ICE's lists, each
sentence naming the lists it rests on (shown with links to their provenance)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...records import dates
from ...records.datasets.counts_287g import by_list
from ...records.datasets.fips import load_fips
from ...records.datasets.tables import Lists287g

BASELINE = dt.date(2025, 1, 31)  # the starting point: the last list on or before this day (January 2025's)
TASK_FORCE = "Task Force Model"


@dataclass(frozen=True)
class Sentence:
    text: str
    lists: tuple[str, ...]  # the list dates it rests on


def _day(date: dt.date) -> str:
    return dates.display(date.isoformat())


def _states(lists: Lists287g, date: dt.date) -> int:
    return int(lists.lists[date]["state_fips"].nunique())


def expansion(lists: Lists287g) -> list[Sentence]:
    return lists.computed("expansion", lambda: _expansion(lists))


def _expansion(lists: Lists287g) -> list[Sentence]:
    national = by_list(lists)[None]
    before = [c for c in national if c.date <= BASELINE]
    if not before or national[-1].date <= BASELINE:
        return []
    base, last = before[-1], national[-1]
    same_earlier = [c for c in before[:-1] if c.by_model == base.by_model]
    earlier = f" (as on {_day(same_earlier[-1].date)})" if same_earlier else ""
    sentences = [Sentence(
        f"On ICE's list of {_day(base.date)} there were {base.total:,} agreements{earlier}, held by {base.agencies:,} agencies in {_states(lists, base.date)} states and "
        f"territories: {base.by_model['Jail Enforcement Model']:,} jail enforcement and "
        f"{base.by_model['Warrant Service Officer']:,} warrant service officer agreements, and "
        f"{'no' if not base.by_model[TASK_FORCE] else format(base.by_model[TASK_FORCE], ',')} task force ones.",
        tuple(c.date.isoformat() for c in same_earlier[-1:]) + (base.date.isoformat(),))]
    sentences.append(Sentence(
        f"On the list of {_day(last.date)} there were {last.total:,}, about {last.total / base.total:.1f} times as "
        f"many, held by {last.agencies:,} agencies in {_states(lists, last.date)} states and territories.",
        (last.date.isoformat(),)))
    first_tf = next((c for c in national if c.by_model[TASK_FORCE]), None)
    if first_tf and first_tf.date > base.date:
        share = 100 * last.by_model[TASK_FORCE] / last.total
        sentences.append(Sentence(
            f"Most of the growth is in the task force model: on no list before, it first appears on the list of "
            f"{_day(first_tf.date)} ({first_tf.by_model[TASK_FORCE]:,} agreements) and reaches "
            f"{last.by_model[TASK_FORCE]:,} on {_day(last.date)}, {share:.0f}% of all agreements. Jail "
            f"enforcement agreements went from {base.by_model['Jail Enforcement Model']:,} to "
            f"{last.by_model['Jail Enforcement Model']:,}, warrant service officer agreements from "
            f"{base.by_model['Warrant Service Officer']:,} to {last.by_model['Warrant Service Officer']:,}.",
            (first_tf.date.isoformat(), last.date.isoformat())))
    after = [c for c in national if c.date > base.date]
    jumps = [(b.total - a.total, a, b) for a, b in zip([base] + after, after)]
    jump, a, b = max(jumps, key=lambda j: (j[0], j[2].date))
    sentences.append(Sentence(
        f"The largest rise between two consecutive lists was {jump:,} agreements, from {a.total:,} on "
        f"{_day(a.date)} to {b.total:,} on {_day(b.date)}.", (a.date.isoformat(), b.date.isoformat())))
    names = {s.fips: s.name for s in load_fips().states.values()}
    latest = lists.lists[last.date]["state_fips"].value_counts()
    top = sorted(latest.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    top_share = 100 * sum(n for _, n in top) / last.total
    sentences.append(Sentence(
        "On the latest list, " + " and ".join(f"{names.get(code, code)} has {n:,}" for code, n in top)
        + f": together {top_share:.0f}% of the agreements.", (last.date.isoformat(),)))
    return sentences

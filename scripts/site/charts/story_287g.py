"""The 2025 expansion of 287(g), told in a few sentences whose every number is computed from ICE's lists, each
sentence naming the lists it rests on (shown with links to their provenance)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...records.datasets.counts_287g import by_list
from ...records.datasets.fips import load_fips
from ...records.datasets.tables import Lists287g
from ..i18n import ENGLISH, Language
from .spec import localize

BASELINE = dt.date(2025, 1, 31)  # the starting point: the last list on or before this day (January 2025's)
TASK_FORCE = "Task Force Model"


@dataclass(frozen=True)
class Sentence:
    text: str
    lists: tuple[str, ...]  # the list dates it rests on


def _states(lists: Lists287g, date: dt.date) -> int:
    return int(lists.lists[date]["state_fips"].nunique())


def expansion(lists: Lists287g, language: Language = ENGLISH, state_names: dict[str, str] | None = None
              ) -> list[Sentence]:
    """The sentences, in `language`, computed once per reading of the tables, language and state names (FIPS code
    -> the state's name in `language`, "Nuevo Hampshire" in Spanish; the Census name where none is given)."""
    names = state_names or {}
    return lists.computed(("expansion", language.code, tuple(sorted(names.items()))),
                          lambda: _expansion(lists, language, names))


def _expansion(lists: Lists287g, language: Language, state_names: dict[str, str]) -> list[Sentence]:
    """The sentences, in `language` (numbers and dates written its way)."""
    _, number = language.gettext, language.number

    def day(date: dt.date) -> str:
        return language.date(date.isoformat())

    def share(value: float) -> str:  # a whole percentage: "55%" / "55 %"
        return localize(f"{value:.0f}%", language)

    national = by_list(lists)[None]
    before = [c for c in national if c.date <= BASELINE]
    if not before or national[-1].date <= BASELINE:
        return []
    base, last = before[-1], national[-1]
    same_earlier = [c for c in before[:-1] if c.by_model == base.by_model]
    earlier = _(" (as on %(date)s)") % {"date": day(same_earlier[-1].date)} if same_earlier else ""
    task_force = base.by_model[TASK_FORCE]
    sentences = [Sentence(
        _("On ICE's list of %(date)s there were %(total)s agreements%(earlier)s, held by %(agencies)s agencies in "
          "%(states)s states and territories: %(jail)s jail enforcement and %(warrant)s warrant service officer "
          "agreements, and %(task_force)s task force ones.")
        % {"date": day(base.date), "total": number(base.total), "earlier": earlier,
           "agencies": number(base.agencies), "states": _states(lists, base.date),
           "jail": number(base.by_model["Jail Enforcement Model"]),
           "warrant": number(base.by_model["Warrant Service Officer"]),
           "task_force": _("no") if not task_force else number(task_force)},
        tuple(c.date.isoformat() for c in same_earlier[-1:]) + (base.date.isoformat(),))]
    sentences.append(Sentence(
        _("On the list of %(date)s there were %(total)s, about %(times)s times as many, held by %(agencies)s agencies "
          "in %(states)s states and territories.")
        % {"date": day(last.date), "total": number(last.total), "times": number(last.total / base.total, 1),
           "agencies": number(last.agencies), "states": _states(lists, last.date)},
        (last.date.isoformat(),)))
    first_tf = next((c for c in national if c.by_model[TASK_FORCE]), None)
    if first_tf and first_tf.date > base.date:
        sentences.append(Sentence(
            _("Most of the growth is in the task force model: on no list before, it first appears on the list of "
              "%(first)s (%(first_count)s agreements) and reaches %(last_count)s on %(last)s, %(share)s of all "
              "agreements. Jail enforcement agreements went from %(jail_before)s to %(jail_after)s, warrant service "
              "officer agreements from %(warrant_before)s to %(warrant_after)s.")
            % {"first": day(first_tf.date), "first_count": number(first_tf.by_model[TASK_FORCE]),
               "last_count": number(last.by_model[TASK_FORCE]), "last": day(last.date),
               "share": share(100 * last.by_model[TASK_FORCE] / last.total),
               "jail_before": number(base.by_model["Jail Enforcement Model"]),
               "jail_after": number(last.by_model["Jail Enforcement Model"]),
               "warrant_before": number(base.by_model["Warrant Service Officer"]),
               "warrant_after": number(last.by_model["Warrant Service Officer"])},
            (first_tf.date.isoformat(), last.date.isoformat())))
    after = [c for c in national if c.date > base.date]
    jumps = [(b.total - a.total, a, b) for a, b in zip([base] + after, after)]
    jump, a, b = max(jumps, key=lambda j: (j[0], j[2].date))
    sentences.append(Sentence(
        _("The largest rise between two consecutive lists was %(jump)s agreements, from %(before)s on %(from)s to "
          "%(after)s on %(to)s.")
        % {"jump": number(jump), "before": number(a.total), "from": day(a.date), "after": number(b.total),
           "to": day(b.date)}, (a.date.isoformat(), b.date.isoformat())))
    names = {s.fips: s.name for s in load_fips(lists.reference_dir).states.values()} | state_names
    latest = lists.lists[last.date]["state_fips"].value_counts()
    top = sorted(latest.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    top_share = 100 * sum(n for _code, n in top) / last.total
    sentences.append(Sentence(
        _("On the latest list, %(states)s: together %(share)s of the agreements.")
        % {"states": _(" and ").join(_("%(state)s has %(count)s") % {"state": names.get(code, code), "count": number(n)}
                                     for code, n in top),
           "share": share(top_share)}, (last.date.isoformat(),)))
    return sentences

"""Counts taken from the committed 287(g) lists (tables.load_287g): agreements per list by model, nationally or for one
state, and agreements per county on one list, with those that cannot be put in a county counted by reason, never
placed by guess. Plain pandas; the charts (scripts/site/charts/specs_287g.py) and the reconciliation read these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .tables import Lists287g
from .vocabulary_287g import MODELS

STATE_AGENCY = "state agency, no county"  # agencies.csv county_source "state agency": statewide, not one county's
COUNTY_UNKNOWN = "county unknown"  # agencies.csv has no county for the agency (never guessed)
NOT_ON_MAP = "no county shape"  # a county FIPS the map has no shape for (a territory, say)


@dataclass(frozen=True)
class ListCount:
    date: dt.date
    by_model: dict[str, int]  # every model, 0 when absent
    agencies: int  # distinct agencies holding at least one agreement

    @property
    def total(self) -> int:
        return sum(self.by_model.values())


def by_list(lists: Lists287g) -> dict[str | None, list[ListCount]]:
    """One count per list, oldest first, nationally (key None) and for every state with an agreement on any list (a
    state's count is 0 on lists where it has none). One pass over all lists, once per Lists287g."""
    return lists.computed("by_list", lambda: _by_list(lists))


def _by_list(lists: Lists287g) -> dict[str | None, list[ListCount]]:
    table = lists.agreements()[["list_date", "state_fips", "model", "agency_id"]]
    per_model = table.groupby(["state_fips", "list_date", "model"]).size()
    per_state_agencies = table.groupby(["state_fips", "list_date"])["agency_id"].nunique()
    national_models = table.groupby(["list_date", "model"]).size()
    national_agencies = table.groupby("list_date")["agency_id"].nunique()
    out: dict[str | None, list[ListCount]] = {None: []}
    for date in lists.lists:
        stamp = pd.Timestamp(date)
        out[None].append(ListCount(date, {m: int(national_models.get((stamp, m), 0)) for m in MODELS},
                                   int(national_agencies.get(stamp, 0))))
    for state in sorted(set(table["state_fips"])):
        out[state] = [ListCount(date, {m: int(per_model.get((state, pd.Timestamp(date), m), 0)) for m in MODELS},
                                int(per_state_agencies.get((state, pd.Timestamp(date)), 0))) for date in lists.lists]
    return out


def states_ever(lists: Lists287g) -> list[str]:
    """State (and territory) FIPS codes with an agreement on any list, sorted."""
    return sorted(set(lists.agreements()["state_fips"]))


@dataclass(frozen=True)
class CountyCounts:
    date: dt.date
    by_county: dict[str, int]  # county FIPS -> agreements on the list (only counties with at least one)
    unplaced: dict[str, int]  # reason -> agreements that are in no county on the map
    unplaced_agencies: dict[str, list[str]]  # reason -> the agency ids, sorted

    @property
    def total(self) -> int:
        return sum(self.by_county.values()) + sum(self.unplaced.values())


def county_counts(lists: Lists287g, shapes: set[str], date: dt.date | None = None) -> dict[str | None, CountyCounts]:
    """Agreements per county on one list (the latest by default), nationally (key None) and per state; `shapes` is
    the set of county FIPS the map can draw. An agreement counts in its agency's county (agencies.csv county_fips);
    one whose agency has none, or has a county the map cannot draw, is counted by reason. Once per Lists287g."""
    date = date or max(lists.lists)
    return lists.computed(("county_counts", frozenset(shapes), date), lambda: _county_counts(lists, shapes, date))


def _county_counts(lists: Lists287g, shapes: set[str], date: dt.date) -> dict[str | None, CountyCounts]:
    table = lists.lists[date][["state_fips", "agency_id"]]
    joined = table.merge(lists.agencies[["agency_id", "county_fips", "county_source"]], on="agency_id",
                         how="left", validate="many_to_one")
    joined["reason"] = ""
    joined.loc[joined["county_fips"] == "", "reason"] = COUNTY_UNKNOWN
    joined.loc[joined["county_source"] == "state agency", "reason"] = STATE_AGENCY
    joined.loc[(joined["county_fips"] != "") & ~joined["county_fips"].isin(shapes), "reason"] = NOT_ON_MAP

    def counted(rows: pd.DataFrame) -> CountyCounts:
        placed = rows[rows["reason"] == ""]
        by_county = {str(k): int(v) for k, v in placed.groupby("county_fips").size().sort_index().items()}
        unplaced, agencies = {}, {}
        for why in (COUNTY_UNKNOWN, STATE_AGENCY, NOT_ON_MAP):
            these = rows[rows["reason"] == why]
            if len(these):
                unplaced[why] = len(these)
                agencies[why] = sorted(set(these["agency_id"]))
        return CountyCounts(date, by_county, unplaced, agencies)

    out: dict[str | None, CountyCounts] = {None: counted(joined)}
    for state, rows in joined.groupby("state_fips"):
        out[str(state)] = counted(rows)
    return out

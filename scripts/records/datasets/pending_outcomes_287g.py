"""What followed each agency's time on ICE's pending lists: its pending period(s) (first and last list with it), then
signed (the first participating list with it on or after its first pending list, and the signed date ICE gives
there), gone without an agreement (off the pending lists and on no participating list), or still pending on the last
pending list the archives hold. Days from the first pending list to ICE's signed date, by state and nationally.

Plain Python over pending.csv and the participating lists (changes_287g.load_releases): nothing is guessed; an agency
is the same agency on both kinds of list when its spelling-blind id is the same."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..table_files import read_frame
from .changes_287g import Release

SIGNED, GONE, STILL_PENDING = "signed", "gone without an agreement", "still pending"


@dataclass(frozen=True)
class Outcome:
    agency_id: str
    agency: str
    state_fips: str
    periods: tuple[tuple[str, str], ...]  # (first list, last list) of each unbroken run on the pending lists (dates)
    outcome: str
    participating_list: str  # the first participating list with it (signed), else ""
    signed: str  # ICE's signed date on that list (the pending model's, else the earliest), else ""
    days: int | None  # from the first pending list to the signed date


def pending_table(folder: Path) -> pd.DataFrame:
    path = Path(folder) / "pending.csv"
    if not path.is_file():
        return pd.DataFrame(columns=["release", "list_date", "agency_id", "agency", "state_fips", "model"])
    return read_frame(path)


def pending_lists(folder: Path) -> list[tuple[str, str, int]]:
    """(release, list date, rows) of every pending list, oldest first, empty lists included (from releases.csv)."""
    path = Path(folder) / "releases.csv"
    if not path.is_file():
        return []
    table = read_frame(path)
    table = table[(table["kind"] == "pending") & (table["decision"] == "release")]
    return sorted(zip(table["workbook_saved_utc"], table["date_taken"], table["rows"].astype(int)))


def outcomes(pending: pd.DataFrame, releases: list[Release], lists: list[tuple[str, str, int]]) -> list[Outcome]:
    """Every agency on a pending list; `lists` is every pending list in order (pending_lists), so a list on which
    ICE named nobody ends a run."""
    if pending.empty:
        return []
    order = [r for r, _, _ in lists]
    date_of = {r: d for r, d, _ in lists}
    position = {r: i for i, r in enumerate(order)}
    first_on = {}  # agency_id -> [(list date, rows)] in list order
    for release in releases:
        table = release.table
        for agency, signed, model in zip(table["agency_id"], table["signed"], table["model"]):
            first_on.setdefault(agency, []).append((release.date.isoformat(), signed, model))
    found = []
    columns = {name: pending[name].tolist() for name in ("release", "agency", "state_fips", "model")}
    for agency, at in rows_by_agency(pending).items():
        releases_on = [columns["release"][i] for i in at]
        seen = sorted({position[r] for r in releases_on})
        runs, start = [], seen[0]
        for previous, current in zip(seen, seen[1:] + [None]):
            if current is None or current != previous + 1:
                runs.append((date_of[order[start]], date_of[order[previous]]))
                start = current
        first_day = runs[0][0]
        models = {columns["model"][i] for i in at} - {""}
        later = [(d, s, m) for d, s, m in first_on.get(agency, []) if d >= first_day]
        outcome, listed, signed, days = (STILL_PENDING if seen[-1] == len(order) - 1 else GONE), "", "", None
        if later:
            listed = later[0][0]
            on_list = [(s, m) for d, s, m in later if d == listed and not pd.isna(s)]
            chosen = [s for s, m in on_list if m in models] or [s for s, _ in on_list]
            outcome = SIGNED
            if chosen:
                signed = min(chosen).date().isoformat()
                days = (dt.date.fromisoformat(signed) - dt.date.fromisoformat(first_day)).days
        name, state = _newest(pending, at, columns)
        found.append(Outcome(agency, name, state, tuple(runs), outcome, listed, signed, days))
    return found


def rows_by_agency(pending: pd.DataFrame) -> dict[str, list[int]]:
    """agency_id -> the positions of its rows in the table, in table order; by agency_id (as groupby sorts them)."""
    at: dict[str, list[int]] = {}
    for i, agency in enumerate(pending["agency_id"].tolist()):
        at.setdefault(agency, []).append(i)
    return {agency: at[agency] for agency in sorted(at)}


def _newest(pending: pd.DataFrame, at: list[int], columns: dict[str, list]) -> tuple[str, str]:
    """The agency's name and state on the latest pending list with it: the last row of its rows sorted by release.
    When rows of that list disagree, which one pandas' (unstable) sort puts last decides, as it always did."""
    latest = max(columns["release"][i] for i in at)
    named = {(columns["agency"][i], columns["state_fips"][i]) for i in at if columns["release"][i] == latest}
    if len(named) == 1:
        return next(iter(named))
    newest = pending.iloc[at].sort_values("release").iloc[-1]
    return newest["agency"], newest["state_fips"]


def median_days(found: list[Outcome]) -> dict[str | None, tuple[int, float]]:
    """(agencies, median days pending to signed) nationally (None) and per state FIPS; only signed agencies whose
    signed date is on or after their first pending list count (an earlier date is an agreement ICE dated before it
    listed the agency as pending)."""
    days: dict[str | None, list[int]] = {None: []}
    for o in found:
        if o.outcome == SIGNED and o.days is not None and o.days >= 0:
            days[None].append(o.days)
            days.setdefault(o.state_fips, []).append(o.days)
    return {k: (len(v), statistics.median(v)) for k, v in days.items() if v}

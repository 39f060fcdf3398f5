"""ICE's 287(g) lists → ChartSpecs (no matplotlib): agreements per list by model, nationally (`287g-by-month`) and per
state (`287g-state-<postal>`), and county maps of the latest list, national (`287g-county-map`) and per state
(`287g-state-map-<postal>`, for states the shapes cover). Counts come from records.datasets.counts_287g; an agreement
whose agency has no county is counted in a row of its own, never placed on the map."""

from __future__ import annotations

import datetime as dt

from ...records import dates
from ...records.datasets import counts_287g
from ...records.datasets.fips import load_fips
from ...records.datasets.tables import Lists287g
from ...records.datasets.vocabulary_287g import MODELS
from ...records.model import Dataset
from . import geography
from .spec import ChartSpec, Column, format_number

BY_MONTH_ID = "287g-by-month"
COUNTY_MAP_ID = "287g-county-map"
STATE_PREFIX = "287g-state-"
STATE_MAP_PREFIX = "287g-state-map-"
STATES_PAGE = "charts/287g-by-state/"
WIDTH = 7.5
MODEL_KEYS = {"Jail Enforcement Model": "jail_enforcement", "Task Force Model": "task_force",
              "Warrant Service Officer": "warrant_service_officer"}
ZERO_CLASS = "0"
UNPLACED_CLASS = "not on the map"


def source_ids(dataset: Dataset, lists: Lists287g, list_dates) -> tuple[str, ...]:
    """The source records of the lists drawn, where the site has one (named by the list's date or its file's)."""
    found = []
    for date in list_dates:
        provenance = lists.provenance[date]
        for day in (date.isoformat(), provenance.get("file_name_date", "")):
            candidate = f"ice-287g-list-{day}"
            if candidate in dataset.collection_of and candidate not in found:
                found.append(candidate)
                break
    return tuple(found)


def county_bins(top: int) -> list[tuple[int, int, str]]:
    """Legend classes (low, high, label): 0, 1, 2, 3–4, 5–9, 10–19, 20–49, ... up to the largest count."""
    bins = [(0, 0)]
    edges = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500]
    for low, next_low in zip(edges, edges[1:] + [10 ** 9]):
        if low > top:
            break
        bins.append((low, min(next_low - 1, top) if next_low > top else next_low - 1))
    return [(lo, hi, str(lo) if lo == hi else f"{lo}–{hi}") for lo, hi in bins]


def class_of(count: int, bins: list[tuple[int, int, str]]) -> str:
    return next(label for low, high, label in bins if low <= count <= high)


def _models_text(by_model: dict[str, int]) -> str:
    parts = [f"{m} {format_number(n)}" for m, n in by_model.items() if n]
    return ", ".join(parts) if parts else "none"


def models_spec(dataset: Dataset, lists: Lists287g, counts: list[counts_287g.ListCount],
                state: tuple[str, str, str] | None = None) -> ChartSpec:
    """Agreements on every list, stacked by model; `state` is (fips, postal, name) for one state's chart."""
    where = state[2] if state else "the United States"
    first, last = counts[0], counts[-1]
    span = f"{dates.display(first.date.isoformat())} to {dates.display(last.date.isoformat())}"
    title = (f"287(g) agreements {'in ' + where if state else ''} on ICE's lists, by model, "
             f"{first.date.year}–{last.date.year}").replace("  ", " ")
    top = max(counts, key=lambda c: (c.total, c.date))
    nonzero = [c for c in counts if c.total]
    since = (f" {where} first appears on the list of {dates.display(nonzero[0].date.isoformat())}."
             if state and nonzero and nonzero[0] is not first else "")
    summary = (f"Stacked bar chart: agreements between ICE and state or local agencies in {where} on each of "
               f"{len(counts)} ICE lists from {span}, one bar per list, split by model. "
               f"{dates.display(first.date.isoformat())}: {format_number(first.total)}; "
               f"{dates.display(last.date.isoformat())}: {format_number(last.total)} ({_models_text(last.by_model)})."
               f"{since} The highest was {format_number(top.total)} ({dates.display(top.date.isoformat())}).")
    details = "Values: " + "; ".join(f"{c.date.isoformat()}: {format_number(c.total)}" for c in counts) + "."
    columns = (Column("list_date", "ICE list of"),) + tuple(
        Column(MODEL_KEYS[m], m, "number") for m in MODELS) + (Column("total", "All models", "number"),
                                                               Column("agencies", "Agencies", "number"))
    rows = tuple((c.date.isoformat(), *(c.by_model[m] for m in MODELS), c.total, c.agencies) for c in counts)
    caption = ("Each bar is one of ICE's lists of participating agencies (the last of each month in the archive, "
               "dated by its content), split into the three models; one agency can hold several agreements, so the "
               "Agencies column in the table is smaller than the total. Colours are also told apart by pattern.")
    return ChartSpec(
        id=STATE_PREFIX + state[1].lower() if state else BY_MONTH_ID, kind="models", title=title, summary=summary,
        details=details, caption=caption, columns=columns, rows=rows,
        sources=source_ids(dataset, lists, [first.date, last.date]), as_of=last.date.isoformat(),
        size=(WIDTH, 4.4), options={"models": list(MODELS)}, lists=tuple(c.date.isoformat() for c in counts),
        page=STATES_PAGE if state else "charts/")


def map_spec(dataset: Dataset, lists: Lists287g, counted: counts_287g.CountyCounts, shapes: geography.Shapes,
             county_names: dict[str, str], postal: dict[str, str],
             state: tuple[str, str, str] | None = None) -> ChartSpec:
    """The latest list's agreements per county; counties not in the rows are drawn as 0."""
    bins = county_bins(max(counted.by_county.values(), default=0))
    where = state[2] if state else "the United States"
    day = dates.display(counted.date.isoformat())
    rows = [(fips, county_names.get(fips, shapes.county_names.get(fips, fips)), postal.get(fips[:2], fips[:2]), n,
             class_of(n, bins)) for fips, n in sorted(counted.by_county.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows += [("", reason, state[1] if state else "", n, UNPLACED_CLASS) for reason, n in counted.unplaced.items()]
    drawn = shapes.counties_of(state[0]) if state else sorted(shapes.counties)
    top = rows[:5] if not state else rows[:3]
    top_text = "; ".join(f"{r[1]}, {r[2]}: {r[3]}" for r in top if r[0])
    unplaced_total = sum(counted.unplaced.values())
    unplaced_text = (f" {format_number(unplaced_total)} are in no county on the map ("
                     + ", ".join(f"{reason}: {format_number(n)}" for reason, n in counted.unplaced.items()) + ")."
                     if unplaced_total else "")
    lead = (f"Map of the {format_number(len(drawn))} counties of {where}, shaded by the number of 287(g) "
            f"agreements held by agencies in each county on ICE's list of {day}: ")
    if counted.total:
        summary = (lead + f"{format_number(counted.total)} agreements, {format_number(sum(counted.by_county.values()))}"
                   f" of them in {format_number(len(counted.by_county))} counties.{unplaced_text}"
                   + (f" Most: {top_text}." if top_text else ""))
    else:  # a state whose agreements are all on earlier lists
        summary = lead + "none; every county is drawn as 0."
    details = ("Every county with at least one agreement: "
               + "; ".join(f"{r[1]}, {r[2]} {r[3]}" for r in rows if r[0]) + "." if len(rows) > 5 else "")
    caption = ("Each county is shaded by the agreements held by agencies located in it: a sheriff's office, a "
               "county jail, a city police department. Counties with none are light grey. Agreements of state "
               "agencies, and of agencies whose county is not known, are counted under the map and in the table "
               "but not placed in any county.")
    columns = (Column("county_fips", "County FIPS"), Column("county", "County (or why not on the map)"),
               Column("state", "State"), Column("agreements", "Agreements", "number"),
               Column("shade", "Legend class"))
    return ChartSpec(
        id=STATE_MAP_PREFIX + state[1].lower() if state else COUNTY_MAP_ID, kind="choropleth",
        title=f"287(g) agreements by county{' in ' + where if state else ''}, ICE's list of {day}",
        summary=summary, details=details, caption=caption, columns=columns, rows=tuple(rows),
        sources=source_ids(dataset, lists, [counted.date]), as_of=counted.date.isoformat(),
        size=(WIDTH, 5.6) if not state else (WIDTH, 5.2),
        options={"bins": [list(b) for b in bins], "state": state[0] if state else None},
        lists=(counted.date.isoformat(),), page=STATES_PAGE if state else "charts/")


def specs_287g(dataset: Dataset, lists: Lists287g) -> list[ChartSpec]:
    """The national charts and one chart and one county map per state. They read the dataset only for which list
    source records it has (source_ids), so they are made once per reading of the tables and set of those records."""
    list_sources = frozenset(i for i in dataset.collection_of if i.startswith("ice-287g-list-"))
    return list(lists.computed(("specs_287g", list_sources), lambda: _specs_287g(dataset, lists)))


def _specs_287g(dataset: Dataset, lists: Lists287g) -> list[ChartSpec]:
    fips = load_fips()
    states = {s.fips: (s.fips, s.postal, s.name) for s in fips.states.values()}
    postal = {code: s[1] for code, s in states.items()}
    county_names = {f: name for by_key in fips.counties.values() for f, name in by_key.values()}
    shapes = geography.shapes()
    per_list = counts_287g.by_list(lists)
    per_county = counts_287g.county_counts(lists, set(shapes.counties))
    empty = counts_287g.CountyCounts(latest(lists), {}, {}, {})  # a state with no agreement on the latest list
    specs = [models_spec(dataset, lists, per_list[None]),
             map_spec(dataset, lists, per_county[None], shapes, county_names, postal)]
    for code in counts_287g.states_ever(lists):
        state = states[code]
        specs.append(models_spec(dataset, lists, per_list[code], state))
        if code in shapes.states:
            specs.append(map_spec(dataset, lists, per_county.get(code, empty), shapes, county_names, postal, state))
    return specs


def latest(lists: Lists287g) -> dt.date:
    return max(lists.lists)

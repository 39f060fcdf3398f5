"""ICE's 287(g) lists → ChartSpecs (no matplotlib): agreements per list by model, nationally (`287g-by-month`) and per
state (`287g-state-<postal>`), and county maps of the latest list, national (`287g-county-map`) and per state
(`287g-state-map-<postal>`, for states the shapes cover). Counts come from records.datasets.counts_287g; an agreement
whose agency has no county is counted in a row of its own, never placed on the map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...records.datasets import counts_287g
from ...records.datasets.fips import load_fips
from ...records.datasets.tables import Lists287g
from ...records.datasets.vocabulary_287g import MODELS
from ...records.model import Dataset
from ..i18n import ENGLISH, Language
from . import geography
from .spec import ChartSpec, Column, footnote_words, format_number

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
            if candidate in dataset.collection_of and candidate not in found and _same_file(
                    dataset.get(candidate), provenance.get("file_name", "")):
                found.append(candidate)
                break
    return tuple(found)


def _same_file(source, file_name: str) -> bool:
    """A source record cites a list only if it is the file the list was read from (when its address names a file):
    ICE saved two lists on April 30, 2026, and the site's record of the first is not the day's list."""
    url = str(getattr(source, "url", "") or "")
    return not url.endswith(".xlsx") or url.rsplit("/", 1)[-1] == file_name


def county_bins(top: int, language: Language = ENGLISH) -> list[tuple[int, int, str]]:
    """Legend classes (low, high, label): 0, 1, 2, 3–4, 5–9, 10–19, 20–49, ... up to the largest count."""
    bins = [(0, 0)]
    edges = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500]
    for low, next_low in zip(edges, edges[1:] + [10 ** 9]):
        if low > top:
            break
        bins.append((low, min(next_low - 1, top) if next_low > top else next_low - 1))
    number = language.number
    return [(lo, hi, number(lo) if lo == hi else f"{number(lo)}–{number(hi)}") for lo, hi in bins]


def class_of(count: int, bins: list[tuple[int, int, str]]) -> str:
    return next(label for low, high, label in bins if low <= count <= high)


def _models_text(by_model: dict[str, int], language: Language = ENGLISH) -> str:
    parts = [f"{language.gettext(m)} {format_number(n, language)}" for m, n in by_model.items() if n]
    return ", ".join(parts) if parts else language.gettext("none")


FAR_APART_DAYS = 45  # the lists are about a month apart; two this far apart leave a space a reader sees as a gap


def far_apart(dates: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive lists more than FAR_APART_DAYS apart: the stretches the chart shows as a wider space between bars
    (October 4 to November 28, 2024: the archive's October list was taken on the 4th)."""
    return [(a, b) for a, b in zip(dates, dates[1:]) if (b - a).days > FAR_APART_DAYS]


def models_spec(dataset: Dataset, lists: Lists287g, counts: list[counts_287g.ListCount],
                state: tuple[str, str, str] | None = None, language: Language = ENGLISH) -> ChartSpec:
    """Agreements on every list, stacked by model; `state` is (fips, postal, name) for one state's chart."""
    _, day, number = language.gettext, language.date, lambda n: format_number(n, language)
    where = state[2] if state else _("the United States")
    first, last = counts[0], counts[-1]
    years = {"first": first.date.year, "last": last.date.year}
    title = (_("287(g) agreements in %(where)s on ICE's lists, by model, %(first)s–%(last)s")
             % dict(years, where=where)
             if state else _("287(g) agreements on ICE's lists, by model, %(first)s–%(last)s") % years)
    top = max(counts, key=lambda c: (c.total, c.date))
    nonzero = [c for c in counts if c.total]
    since = (_(" %(where)s first appears on the list of %(date)s.")
             % {"where": where, "date": day(nonzero[0].date.isoformat())}
             if state and nonzero and nonzero[0] is not first else "")
    summary = (_("Stacked bar chart: agreements between ICE and state or local agencies in %(where)s on each of "
                 "%(count)s ICE lists from %(first)s to %(last)s, one bar per list, split by model. %(first)s: "
                 "%(first_total)s; %(last)s: %(last_total)s (%(models)s).")
               % {"where": where, "count": len(counts), "first": day(first.date.isoformat()),
                  "last": day(last.date.isoformat()), "first_total": number(first.total),
                  "last_total": number(last.total), "models": _models_text(last.by_model, language)}
               + since + _(" The highest was %(top)s (%(date)s).")
               % {"top": number(top.total), "date": day(top.date.isoformat())})
    details = _("Values: ") + "; ".join(f"{c.date.isoformat()}: {number(c.total)}" for c in counts) + "."
    columns = (Column("list_date", _("ICE list of")),) + tuple(
        Column(MODEL_KEYS[m], _(m), "number") for m in MODELS) + (Column("total", _("All models"), "number"),
                                                                  Column("agencies", _("Agencies"), "number"))
    rows = tuple((c.date.isoformat(), *(c.by_model[m] for m in MODELS), c.total, c.agencies) for c in counts)
    caption = _("Each bar is one of ICE's lists of participating agencies (the last of each month in the archive, "
                "dated by its content), split into the three models; one agency can hold several agreements, so the "
                "Agencies column in the table is smaller than the total. Colours are also told apart by pattern.")
    gaps = far_apart([c.date for c in counts])
    if gaps:
        caption += _(" Each bar stands at its list's date, and bars closer than a month are drawn narrower; a wider "
                     "space between two bars is a stretch the archive has no list for: none is dated between %(gaps)s.") \
            % {"gaps": "; ".join(_("%(from)s and %(to)s") % {"from": day(a.isoformat()), "to": day(b.isoformat())}
                                 for a, b in gaps)}
    return ChartSpec(
        language=language.code, words=dict(footnote_words(language), value_axis=_("Agreements on the list")),
        id=STATE_PREFIX + state[1].lower() if state else BY_MONTH_ID, kind="models", title=title, summary=summary,
        details=details, caption=caption, columns=columns, rows=rows,
        sources=source_ids(dataset, lists, [first.date, last.date]), as_of=last.date.isoformat(),
        size=(WIDTH, 4.4), options={"models": list(MODELS)}, lists=tuple(c.date.isoformat() for c in counts),
        page=STATES_PAGE if state else "charts/")


def map_spec(dataset: Dataset, lists: Lists287g, counted: counts_287g.CountyCounts, shapes: geography.Shapes,
             county_names: dict[str, str], postal: dict[str, str],
             state: tuple[str, str, str] | None = None, language: Language = ENGLISH,
             shapes_file: Path | None = None) -> ChartSpec:
    """The latest list's agreements per county; counties not in the rows are drawn as 0."""
    _, number = language.gettext, lambda n: format_number(n, language)
    bins = county_bins(max(counted.by_county.values(), default=0), language)
    where = state[2] if state else _("the United States")
    day = language.date(counted.date.isoformat())
    rows = [(fips, county_names.get(fips, shapes.county_names.get(fips, fips)), postal.get(fips[:2], fips[:2]), n,
             class_of(n, bins)) for fips, n in sorted(counted.by_county.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows += [("", _(reason), state[1] if state else "", n, _(UNPLACED_CLASS)) for reason, n in counted.unplaced.items()]
    drawn = shapes.counties_of(state[0]) if state else sorted(shapes.counties)
    top = rows[:5] if not state else rows[:3]
    top_text = "; ".join(f"{r[1]}, {r[2]}: {number(r[3])}" for r in top if r[0])
    unplaced_total = sum(counted.unplaced.values())
    unplaced_text = (_(" %(count)s are in no county on the map (") % {"count": number(unplaced_total)}
                     + ", ".join(f"{_(reason)}: {number(n)}" for reason, n in counted.unplaced.items()) + ")."
                     if unplaced_total else "")
    lead = (_("Map of the %(count)s counties of %(where)s, shaded by the number of 287(g) agreements held by agencies "
              "in each county on ICE's list of %(date)s: ")
            % {"count": number(len(drawn)), "where": where, "date": day})
    if counted.total:
        summary = (lead + _("%(total)s agreements, %(placed)s of them in %(counties)s counties.")
                   % {"total": number(counted.total), "placed": number(sum(counted.by_county.values())),
                      "counties": number(len(counted.by_county))} + unplaced_text
                   + (_(" Most: %(top)s.") % {"top": top_text} if top_text else ""))
    else:  # a state whose agreements are all on earlier lists
        summary = lead + _("none; every county is drawn as 0.")
    details = (_("Every county with at least one agreement: ")
               + "; ".join(f"{r[1]}, {r[2]} {number(r[3])}" for r in rows if r[0]) + "." if len(rows) > 5 else "")
    caption = _("Each county is shaded by the agreements held by agencies located in it: a sheriff's office, a "
                "county jail, a city police department. Counties with none are light grey. Agreements of state "
                "agencies, and of agencies whose county is not known, are counted under the map and in the table "
                "but not placed in any county.")
    columns = (Column("county_fips", _("County FIPS")), Column("county", _("County (or why not on the map)")),
               Column("state", _("State")), Column("agreements", _("Agreements"), "number"),
               Column("shade", _("Legend class")))
    words = dict(footnote_words(language), legend=_("Agreements held by agencies in the county"),
                 unplaced=_("Not on the map: "))
    return ChartSpec(
        language=language.code, words=words,
        id=STATE_MAP_PREFIX + state[1].lower() if state else COUNTY_MAP_ID, kind="choropleth",
        title=(_("287(g) agreements by county in %(where)s, ICE's list of %(date)s") % {"where": where, "date": day}
               if state else _("287(g) agreements by county, ICE's list of %(date)s") % {"date": day}),
        summary=summary, details=details, caption=caption, columns=columns, rows=tuple(rows),
        sources=source_ids(dataset, lists, [counted.date]), as_of=counted.date.isoformat(),
        size=(WIDTH, 5.6) if not state else (WIDTH, 5.2),
        options={"bins": [list(b) for b in bins], "state": state[0] if state else None,
                 "shapes_sha256": geography.shapes_digest(shapes_file) if shapes_file else None},
        input_file=str(shapes_file) if shapes_file else None,
        lists=(counted.date.isoformat(),), page=STATES_PAGE if state else "charts/")


def specs_287g(dataset: Dataset, lists: Lists287g, language: Language = ENGLISH) -> list[ChartSpec]:
    """The national charts and one chart and one county map per state, in `language`. They read the dataset only for
    which list source records it has (source_ids), so they are made once per reading of the tables, set of those
    records and language (the languages' specs differ in their words, numbers and dates)."""
    list_sources = frozenset(i for i in dataset.collection_of if i.startswith("ice-287g-list-"))
    names = state_names(dataset)
    return list(lists.computed(("specs_287g", list_sources, language.code, tuple(sorted(names.items()))),
                               lambda: _specs_287g(dataset, lists, language, names)))


def state_names(dataset: Dataset) -> dict[str, str]:
    """Postal code -> the state's name in the dataset's language (its record's: "Nuevo Hampshire" in Spanish)."""
    return {s.postal: s.name for s in dataset.collections.get("states", {}).values()}


def _specs_287g(dataset: Dataset, lists: Lists287g, language: Language, names: dict[str, str]) -> list[ChartSpec]:
    fips = load_fips(lists.reference_dir)
    states = {s.fips: (s.fips, s.postal, names.get(s.postal, s.name)) for s in fips.states.values()}
    postal = {code: s[1] for code, s in states.items()}
    county_names = {f: name for by_key in fips.counties.values() for f, name in by_key.values()}
    shapes_file = lists.reference_dir / geography.SHAPES_NAME
    shapes = geography.shapes(shapes_file)
    per_list = counts_287g.by_list(lists)
    per_county = counts_287g.county_counts(lists, set(shapes.counties))
    empty = counts_287g.CountyCounts(latest(lists), {}, {}, {})  # a state with no agreement on the latest list
    specs = [models_spec(dataset, lists, per_list[None], language=language),
             map_spec(dataset, lists, per_county[None], shapes, county_names, postal, language=language,
                      shapes_file=shapes_file)]
    # the states' charts in the order of their names in `language` ("Carolina del Norte" among the C's in Spanish)
    for code in sorted(counts_287g.states_ever(lists), key=lambda code: (language.collation_key(states[code][2]), code)):
        state = states[code]
        specs.append(models_spec(dataset, lists, per_list[code], state, language))
        if code in shapes.states:
            specs.append(map_spec(dataset, lists, per_county.get(code, empty), shapes, county_names, postal, state,
                                  language, shapes_file))
    return specs


def latest(lists: Lists287g) -> dt.date:
    return max(lists.lists)

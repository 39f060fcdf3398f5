"""Atom feeds of what moved on ICE's 287(g) lists: one for the nation, one per state and one per county, in each
language. An entry is one change: an agency joined or left a participating list, added or dropped a model, or came
onto or went off a pending list. It is dated by the ICE list that first showed the change, links the page of that list
(the release page, or the pending page), and cites the rows of both files, as the release pages do. Respellings and
changed signed dates stay on the release pages.

Plain Python over the same release history the release pages use (releases_287g.release_history) and pending.csv;
the Renderer calls `feed_pages`. Every value comes from the tables, so the same tables give the same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from ..records.datasets import changes_287g
from ..records.datasets import pending_outcomes_287g as po
from ..records.table_files import REQUIRED_COLUMNS, read_table
from .releases_287g import has_releases, history_of
from .urls import PENDING_287G, absolute_url, feed_287g_path, record_path, release_287g_path
from .xml_text import xml_text

ATOM = "http://www.w3.org/2005/Atom"
PENDING_OPENED, PENDING_CLOSED = "pending opened", "pending closed"
KINDS = (changes_287g.ADDED, changes_287g.REMOVED, changes_287g.MODEL_ADDED, changes_287g.MODEL_DROPPED,
         PENDING_OPENED, PENDING_CLOSED)
# The most recent entries a feed keeps: a county's feed stays a few kilobytes (3,000+ of them in each language).
BOUNDS = {"nation": 200, "state": 100, "county": 50}
FEED_SCOPES = {"states": "state", "counties": "county"}  # the collections whose pages have a feed


def feed_title(language, place: str) -> str:
    return language.gettext("287(g) changes: %(place)s") % {"place": place}


@dataclass(frozen=True)
class FileRows:
    """One of ICE's files and the rows of its sheet that show the agency (none: the file does not list it)."""
    file_name: str
    url: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class FeedEntry:
    date: str  # the ICE list that showed the change (ISO date)
    kind: str  # one of KINDS
    agency_id: str
    agency: str
    state_fips: str
    model: str  # "A | B" for several, "" when the pending list gives none
    page: str  # site path of the page that shows the change (a release page or the pending page), with its anchor
    before: FileRows
    after: FileRows
    key: str  # what makes the entry unique on its page (its id's fragment)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def change_key(change) -> str:
    """A change's anchor on its release page and its entry id's fragment: its kind, agency and model."""
    return f"{_slug(change.kind)}-{change.agency_id}-{_slug(change.model)}"


def list_entries(history, kinds=KINDS) -> list[FeedEntry]:
    """Each change of a kind in `kinds` of each release (releases_287g.ReleaseChanges, oldest first)."""
    out = []
    for release in history:
        if not release.previous:
            continue
        for c in release.changes:
            if c.kind not in kinds:
                continue
            out.append(FeedEntry(
                release.date, c.kind, c.agency_id, c.agency, c.state_fips, c.model,
                f"{release_287g_path(release.date)}#{change_key(c)}",
                FileRows(release.previous_file, release.previous_url, c.before_rows),
                FileRows(release.file_name, release.source_url, c.after_rows), change_key(c)))
    return out


def pending_entries(folder: Path) -> list[FeedEntry]:
    """An entry when an agency comes onto a pending list (the list before it did not have it, or it is on the first
    pending list the archives hold) and when it goes off (the next pending list does not have it); an agency still on
    the last pending list the archives hold has no closing entry."""
    lists = po.pending_lists(folder)
    if not lists:
        return []
    table = po.pending_table(folder)
    decisions = pd.DataFrame(read_table(Path(folder) / "releases.csv"),
                             columns=list(REQUIRED_COLUMNS["ice-287g/releases.csv"]))
    decisions = decisions[(decisions["kind"] == "pending") & (decisions["decision"] == "release")]
    files = {r: FileRows(Path(f).name, u, ()) for r, f, u in zip(
        decisions["workbook_saved_utc"], decisions["file"], decisions["source_url"])}
    order = [release for release, _, _ in lists]
    date_of = {release: day for release, day, _ in lists}
    position = {release: i for i, release in enumerate(order)}
    out = []
    columns = {name: table[name].tolist() for name in ("release", "source_row", "agency", "state_fips", "model")}
    for agency_id, positions in po.rows_by_agency(table).items():
        rows_on = {}
        for i in positions:
            rows_on.setdefault(columns["release"][i], []).append(int(columns["source_row"][i]))
        seen = sorted({position[r] for r in rows_on})
        # its last row by release, then source_row (as text, as the table holds them); the last of equals
        newest = max(positions, key=lambda i: (columns["release"][i], columns["source_row"][i], i))
        name, state = columns["agency"][newest], columns["state_fips"][newest]
        models = " | ".join(sorted({columns["model"][i] for i in positions} - {""}))

        def entry(kind, at, before, after):
            release = order[at]
            return FeedEntry(date_of[release], kind, agency_id, name, state, models,
                             f"{PENDING_287G}#{agency_id}", before, after,
                             f"{_slug(kind)}-{agency_id}-{_slug(release)}")

        def cited(at):
            base = files.get(order[at], FileRows(order[at], "", ()))
            return FileRows(base.file_name, base.url, tuple(sorted(rows_on.get(order[at], ()))))

        for index, at in enumerate(seen):
            if index == 0 or seen[index - 1] != at - 1:
                before = cited(at - 1) if at > 0 else FileRows("", "", ())
                out.append(entry(PENDING_OPENED, at, before, cited(at)))
            if (index + 1 == len(seen) or seen[index + 1] != at + 1) and at + 1 < len(order):
                out.append(entry(PENDING_CLOSED, at + 1, cited(at), cited(at + 1)))
    return out


def newest_first(entries: list[FeedEntry]) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: (e.date, e.state_fips, e.agency_id, KINDS.index(e.kind), e.key),
                  reverse=True)


def _models(model: str, gettext) -> str:
    return "; ".join(gettext(m) for m in model.split(" | ") if m)


def entry_title(e: FeedEntry, language) -> str:
    _ = language.gettext
    title = {
        changes_287g.ADDED: _("Joined 287(g): %(agency)s"),
        changes_287g.REMOVED: _("Left 287(g): %(agency)s"),
        changes_287g.MODEL_ADDED: _("Model added: %(agency)s"),
        changes_287g.MODEL_DROPPED: _("Model dropped: %(agency)s"),
        PENDING_OPENED: _("Applied for 287(g) (pending list): %(agency)s"),
        PENDING_CLOSED: _("Off ICE's pending list: %(agency)s"),
    }[e.kind] % {"agency": f"{e.agency}, {e.agency_id[:2].upper()}"}
    models = _models(e.model, _)
    return f"{title} ({models})" if models else title


def _cite(rows: FileRows, language) -> str:
    _ = language.gettext
    if not rows.file_name:
        return _("none (the first pending list the archives hold)")
    if not rows.rows:
        return _("%(file)s, which does not list it") % {"file": rows.file_name}
    return language.ngettext("%(file)s, row %(rows)s", "%(file)s, rows %(rows)s", len(rows.rows)) % {
        "file": rows.file_name, "rows": ", ".join(map(str, rows.rows))}


def entry_summary(e: FeedEntry, language, previous: str) -> str:
    _, date = language.gettext, language.date
    sentence = {
        changes_287g.ADDED: _("%(agency)s is on ICE's 287(g) list of %(date)s and was not on the list of "
                              "%(previous)s."),
        changes_287g.REMOVED: _("%(agency)s is not on ICE's 287(g) list of %(date)s; it was on the list of "
                                "%(previous)s."),
        changes_287g.MODEL_ADDED: _("ICE's 287(g) list of %(date)s gives %(agency)s a model the list of "
                                    "%(previous)s did not."),
        changes_287g.MODEL_DROPPED: _("ICE's 287(g) list of %(date)s no longer gives %(agency)s a model the list "
                                      "of %(previous)s gave."),
        PENDING_OPENED: _("%(agency)s is on ICE's list of pending 287(g) applications of %(date)s."),
        PENDING_CLOSED: _("%(agency)s is not on ICE's list of pending 287(g) applications of %(date)s; it was on "
                          "the one before."),
    }[e.kind] % {"agency": e.agency, "date": date(e.date), "previous": date(previous) if previous else ""}
    return " ".join([sentence, _("Earlier file: %(rows)s.") % {"rows": _cite(e.before, language)},
                     _("Later file: %(rows)s.") % {"rows": _cite(e.after, language)}])


def atom(entries: list[FeedEntry], *, title: str, subtitle: str, page: str, path: str, updated: str,
         site_url: str, language, previous_of: dict[str, str], bound: int, agency_pages=frozenset()) -> str:
    """One feed: the `bound` newest entries; `page` is the site path of the page it follows, `path` its own; an
    entry of an agency in `agency_pages` links its page too (rel="related": its whole 287(g) story)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language.code})

    def sub(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    kept = entries[:bound]
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    sub(feed, "id", absolute_url(site_url, path))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute_url(site_url, page))
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute_url(site_url, path))
    sub(feed, "updated", f"{kept[0].date if kept else updated}T00:00:00Z")
    sub(sub(feed, "author"), "name", "Detainers Record contributors")
    for e in kept:
        url = absolute_url(site_url, language.path(e.page))
        entry = sub(feed, "entry")
        sub(entry, "title", entry_title(e, language))
        sub(entry, "id", f"{url.split('#')[0]}#{e.key}")
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        if e.agency_id in agency_pages:
            sub(entry, "link", rel="related", type="text/html",
                href=absolute_url(site_url, language.path(record_path("agencies", e.agency_id))))
        sub(entry, "updated", f"{e.date}T00:00:00Z")
        sub(entry, "summary", entry_summary(e, language, previous_of.get(e.date, "")))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def pending_entries_of(lists) -> list[FeedEntry]:
    """pending_entries of these tables, computed once for the feeds and the agency pages."""
    return lists.computed(("pending_entries_287g",), lambda: pending_entries(Path(lists.folder)))


def all_entries(lists, folder: Path, history) -> list[FeedEntry]:
    return lists.computed(("feed_entries_287g",), lambda: newest_first(
        list_entries(history) + pending_entries_of(lists)))


def feed_pages(renderer) -> dict[str, str]:
    """The nation's feed, each state's and each county's, in the renderer's language (under its prefix); none when
    the tables hold no release decisions (releases.csv)."""
    lists = renderer.ice287g
    if not has_releases(lists):
        return {}
    folder, history = Path(lists.folder), history_of(lists)
    entries = all_entries(lists, folder, history)
    previous_of = {r.date: r.previous for r in history}
    data, language = renderer.dataset, renderer.language
    _ = language.gettext
    updated = max([r.date for r in history] + [d for _r, d, _n in po.pending_lists(folder)])
    agencies = data.collections.get("agencies", {})
    states = data.collections.get("states", {})
    state_of_fips = {s.fips: s.id for s in states.values()}
    by_state: dict[str, list[FeedEntry]] = {}
    by_county: dict[str, list[FeedEntry]] = {}
    for e in entries:
        agency = agencies.get(e.agency_id)
        state = agency.state_record if agency is not None else state_of_fips.get(e.state_fips)
        if state:
            by_state.setdefault(state, []).append(e)
        if agency is not None and agency.county:
            by_county.setdefault(agency.county, []).append(e)

    def feed(scope, record_id, found, title, page):
        path = language.path(feed_287g_path(scope, record_id))
        bound = BOUNDS[scope]
        subtitle = _("Changes on ICE's 287(g) lists (agencies joining or leaving, models added or dropped, pending "
                     "applications), dated by the list that showed each; the %(count)s most recent.") % {
            "count": bound}
        return path, atom(found, title=title, subtitle=subtitle, page=language.path(page), path=path,
                          updated=updated, site_url=renderer.site_url, language=language, previous_of=previous_of,
                          bound=bound, agency_pages=agencies.keys())

    pages = dict([feed("nation", "", entries, _("287(g) changes: the nation"), "287g-releases/")])
    for state in states.values():
        pages.update([feed("state", state.id, by_state.get(state.id, []),
                           feed_title(language, state.name), f"states/{state.id}/")])
    for county in data.collections.get("counties", {}).values():
        pages.update([feed("county", county.id, by_county.get(county.id, []),
                           feed_title(language, county.full_name), f"counties/{county.id}/")])
    return pages

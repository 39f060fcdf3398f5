"""The 287(g) release pages: every participating list ICE published (data/datasets/ice-287g/lists/ and lists-daily/)
with what changed since the one before, each change citing the rows of both files; and the maintainers' table of the
ingest's decision on every file (releases.csv). Plain Python over the committed tables; the Renderer calls
`release_pages`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..records.datasets import changes_287g
from ..records.table_files import read_table
from .urls import PENDING_287G, RELEASES_287G, release_287g_path

INDEX = RELEASES_287G
FILES_PAGE = "maintainers/287g-files/"


@dataclass(frozen=True)
class ReleaseChanges:
    date: str
    folder: str  # lists (the last of its month) or lists-daily
    file_name: str
    source_url: str
    agreements: int
    agencies: int
    previous: str  # the date of the list before, "" for the first
    previous_file: str
    previous_url: str
    changes: tuple[changes_287g.Change, ...]
    counts: dict[str, int]

    @property
    def path(self) -> str:
        return release_287g_path(self.date)


def release_history(folder: Path, lists=None, releases=None) -> list[ReleaseChanges]:
    """Each committed participating list, oldest first, with its changes from the list before; `releases`
    (changes_287g.load_releases of the folder) saves reading them again."""
    out, before, rows_before = [], None, None
    for release in releases if releases is not None else changes_287g.load_releases(folder, lists):
        rows = changes_287g.by_agency(release.table)  # each list's rows once: it is compared twice
        found = changes_287g.changes_of(rows_before, rows) if before is not None else []
        p = release.provenance
        out.append(ReleaseChanges(
            release.date.isoformat(), release.folder, p["file_name"], p.get("source_url") or "",
            len(release.table), int(release.table["agency_id"].nunique()),
            before.date.isoformat() if before else "", before.provenance["file_name"] if before else "",
            (before.provenance.get("source_url") or "") if before else "", tuple(found), changes_287g.counts(found)))
        before, rows_before = release, rows
    return out


def decisions(folder: Path) -> list[dict]:
    path = folder / "releases.csv"
    if not path.is_file():
        return []
    return read_table(path)


NEXT_FILE = "next-to-ingest.csv"  # in data/datasets/ice-287g/, written by hand (its README says how)


def next_to_ingest(folder: Path | None, decided: list[dict]) -> list[dict]:
    """ICE's lists known to exist that the ingest has not read yet (next-to-ingest.csv, less every file whose name is
    in the table of decisions), one row per file and archive, oldest first: the maintainers' next downloads."""
    if folder is None or not (Path(folder) / NEXT_FILE).is_file():
        return []
    read = {Path(row["file"]).name for row in decided}
    rows = [row for row in read_table(Path(folder) / NEXT_FILE) if row["ice_file_name"] not in read]
    return sorted(rows, key=lambda row: (row["list_date"], row["ice_file_name"], row["archived_in"]))


def has_releases(lists) -> bool:
    """Whether the tables hold the ingest's decisions (releases.csv): the release pages and the feeds need them."""
    folder = getattr(lists, "folder", None)
    return folder is not None and (Path(folder) / "releases.csv").is_file()


def releases_of(lists) -> list[changes_287g.Release]:
    """Every participating list of these tables, monthly and daily (changes_287g.load_releases), read once for the
    release history and the pending outcomes."""
    return lists.computed(("releases",), lambda: changes_287g.load_releases(Path(lists.folder), lists))


def history_of(lists) -> list[ReleaseChanges]:
    """release_history of these tables, computed once for every page and feed that shows it."""
    return lists.computed(("release_history",), lambda: release_history(Path(lists.folder), lists,
                                                                         releases_of(lists)))


def release_pages(renderer) -> dict[str, str]:
    """The releases page and a page per release, when the data has a release table, and the maintainers' file table
    (always: the maintainers' guide links it; empty before any ingest), in the renderer's language."""
    lists = renderer.ice287g
    folder = getattr(lists, "folder", None)
    o, _ = renderer.output, renderer.language.gettext
    if not has_releases(lists):
        return {o(f"{FILES_PAGE}index.md"): _files_page(renderer, [], next_to_ingest(folder, []))}
    folder = Path(folder)
    history = history_of(lists)
    files = lists.computed(("release_decisions",), lambda: decisions(folder))
    pages = {o(f"{INDEX}index.md"): renderer.page(
        "ice287g_releases.html.j2", INDEX, _("ICE's 287(g) lists, one by one"),
        _("Every participating-agency list ICE published that the archives hold, and what changed from one to the "
          "next."), history=list(reversed(history)), kinds=changes_287g.KINDS)}
    for index, release in enumerate(history):
        if not release.previous:
            continue
        pages[o(f"{INDEX}{release.date}.md")] = renderer.page(
            "ice287g_release.html.j2", release.path,
            _("ICE's 287(g) list of %(date)s: what changed") % {"date": renderer.language.date(release.date)},
            _("Agencies added and removed, models added or dropped, signed dates changed and names respelled since "
              "ICE's list of %(date)s.") % {"date": renderer.language.date(release.previous)},
            release=release, kinds=changes_287g.KINDS, first=history[0].date,
            newer=history[index + 1] if index + 1 < len(history) else None)
    pages[o(f"{FILES_PAGE}index.md")] = _files_page(renderer, files, lists.computed(
        ("next_to_ingest",), lambda: next_to_ingest(folder, files)))
    return pages


def _files_page(renderer, files: list[dict], next_files: list[dict]) -> str:
    _ = renderer.language.gettext
    return renderer.page(
        "ice287g_files.html.j2", FILES_PAGE, _("ICE's 287(g) files: what the ingest decided"),
        _("Every spreadsheet the 287(g) ingest read: its kind and date, why, and the copies found."), files=files,
        next_files=next_files)


PENDING_PAGE = PENDING_287G


@dataclass(frozen=True)
class PendingView:
    first: str  # the first and last pending list the archives hold (dates)
    last: str
    lists: int
    outcomes: list
    by_state: list[dict]  # state rows: name, agencies, signed, gone, still pending, median days (or None)
    national: dict
    sizes: list[tuple[str, str, int]]
    svg: str


def pending_view(folder: Path, releases, state_names: dict[str, str]) -> PendingView | None:
    from ..records.datasets import pending_outcomes_287g as po
    lists = po.pending_lists(folder)
    if not lists:
        return None
    found = po.outcomes(po.pending_table(folder), releases, lists)
    medians = po.median_days(found)

    def row(code, items):
        count, median = medians.get(code, (0, None))
        return {"code": code, "name": state_names.get(code, code) if code else "", "agencies": len(items),
                "signed": sum(o.outcome == po.SIGNED for o in items), "gone": sum(o.outcome == po.GONE for o in items),
                "pending": sum(o.outcome == po.STILL_PENDING for o in items), "timed": count, "median": median}
    states = sorted({o.state_fips for o in found}, key=lambda c: state_names.get(c, c))
    return PendingView(lists[0][1], lists[-1][1], len(lists), sorted(found, key=lambda o: (
        state_names.get(o.state_fips, ""), o.agency)),
        [row(c, [o for o in found if o.state_fips == c]) for c in states], row(None, found), lists,
        _sizes_svg(lists))


def _sizes_svg(lists: list[tuple[str, str, int]], width: int = 640, height: int = 200) -> str:
    """A line of the number of rows on each pending list against time, as inline SVG (its data is the table below
    it); dates are placed by day, so a gap in the archive shows as a long straight stretch."""
    days = [pd.Timestamp(d) for _, d, _ in lists]
    start, span = days[0], max((days[-1] - days[0]).days, 1)
    top = max(max(n for _, _, n in lists), 1)
    points = " ".join(f"{40 + (d - start).days / span * (width - 50):.1f},{height - 20 - n / top * (height - 40):.1f}"
                      for d, (_, _, n) in zip(days, lists))
    return (f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="pending-svg-title" '
            f'class="pending-chart" xmlns="http://www.w3.org/2000/svg"><title id="pending-svg-title">{{title}}</title>'
            f'<line x1="40" y1="{height - 20}" x2="{width - 10}" y2="{height - 20}" stroke="currentColor"/>'
            f'<line x1="40" y1="20" x2="40" y2="{height - 20}" stroke="currentColor"/>'
            f'<text x="36" y="24" text-anchor="end" font-size="11">{top}</text>'
            f'<text x="36" y="{height - 20}" text-anchor="end" font-size="11">0</text>'
            f'<text x="40" y="{height - 4}" font-size="11">{lists[0][1]}</text>'
            f'<text x="{width - 10}" y="{height - 4}" text-anchor="end" font-size="11">{lists[-1][1]}</text>'
            f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/></svg>')


def pending_view_of(lists, state_names: dict[str, str] | None = None) -> PendingView | None:
    """pending_view of these tables, computed once for the pending page and the agency pages (and once per set of
    state names: FIPS code -> the state's name on the page's language, "Nuevo Hampshire" in Spanish)."""
    folder = Path(lists.folder)
    names = dict(zip(lists.agencies["state_fips"], lists.agencies["state"])) | (state_names or {})
    return lists.computed(("pending_view", tuple(sorted(names.items()))),
                          lambda: pending_view(folder, releases_of(lists), names))


def pending_page(renderer) -> dict[str, str]:
    lists = renderer.ice287g
    folder = getattr(lists, "folder", None)
    if folder is None or not (Path(folder) / "pending.csv").is_file():
        return {}
    states = renderer.dataset.raw.collections.get("states", {}).values()
    view = pending_view_of(lists, {state.fips: state.name for state in states})
    if view is None:
        return {}
    o, _ = renderer.output, renderer.language.gettext
    return {o(f"{PENDING_PAGE}index.md"): renderer.page(
        "ice287g_pending.html.j2", PENDING_PAGE, _("287(g) applications: pending, then signed or gone"),
        _("Every agency ICE listed as waiting for a 287(g) agreement, how long it waited and what followed."),
        view=view, svg=view.svg.replace("{title}", _("Agencies on ICE's pending lists, %(first)s to %(last)s") % {
            "first": renderer.language.date(view.first), "last": renderer.language.date(view.last)}))}

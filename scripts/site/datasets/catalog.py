"""Every ingested dataset the site shows, declared once: its folder under data/datasets/, its page, how its
provenance reads as a dataset page, which CSVs a reader downloads and which pages draw on it. A dataset whose folder
is absent (the Deportation Data Project's, until a maintainer ingests the file) has no page, download or link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...records.datasets.published import PUBLISHED_TABLES
from ...records.table_files import read_csv, read_table
from ..datapackage import DATASETS_FOLDER
from ..i18n import ENGLISH, Language
from ..urls import dataset_download_path, detainers_path
from .tables import read_json


@dataclass(frozen=True)
class FileRecord:
    name: str  # the publisher's file (or table) as copied or read
    sha256: str
    rows: int | None
    counts: str = ""  # what one row is, or what the file counts
    date: str = ""  # the list's date, for a dataset of dated lists
    source_url: str = ""
    retrieved: str = ""


@dataclass(frozen=True)
class Summary:
    """What a dataset page shows, read from the dataset's provenance."""
    publisher: str
    source_urls: tuple[tuple[str, str], ...]  # (label, URL)
    licence: str
    period: str
    what_it_counts: str
    files: tuple[FileRecord, ...]
    tables: tuple[tuple[str, int], ...]  # (downloaded CSV's file name, rows)
    notes: tuple[str, ...] = ()
    date_label: str = ""  # what the files' dates are, if not a list's date


@dataclass(frozen=True)
class IngestedDataset:
    slug: str  # its page is datasets/<slug>/
    folder: str  # under data/datasets/
    title: str
    summary: Callable[[Path, Language], Summary]  # (its folder, the page's language) → what its page shows
    # The prefix of its tables among records.datasets.published's PUBLISHED_TABLES, which the downloads publish
    # typed and describe in datapackage.json; None: its views are served as committed (formulas neutralised).
    published: str | None = None
    used_by: tuple[tuple[str, str], ...] = field(default=())  # (page title, site path) of the pages drawing on it

    def present(self, datasets_dir: Path) -> bool:
        return (datasets_dir / self.folder).is_dir()

    def downloads(self, datasets_dir: Path) -> list[tuple[str, str]]:
        """(file name, site path) of each CSV a reader downloads."""
        if self.published:
            return [(f"{t.name}.csv", f"downloads/{DATASETS_FOLDER}/{t.name}.csv") for t in PUBLISHED_TABLES
                    if t.name.startswith(self.published)]
        return [(relative, dataset_download_path(self.slug, relative)) for relative in self.copied(datasets_dir)]

    def copied(self, datasets_dir: Path) -> list[str]:
        """The views (paths under its folder) the site serves itself: those of a dataset the package leaves out."""
        if self.published:
            return []
        return [f"views/{p.name}" for p in sorted((datasets_dir / self.folder / "views").glob("*.csv"))]

    def view_download(self, name: str) -> str:
        """The site path of the CSV of one view ('declined_by_year')."""
        if self.published:
            return f"downloads/{DATASETS_FOLDER}/{self.published}{name.replace('_', '-')}.csv"
        return dataset_download_path(self.slug, f"views/{name}.csv")


def _npr(folder: Path, language: Language = ENGLISH) -> Summary:
    _ = language.gettext
    p = read_json(folder / "provenance.json")
    commit = p["commits"]["reporting-analysis"]
    files = tuple(FileRecord(name, f["sha256"], f["rows"], f["counts"]) for name, f in sorted(p["files"].items()))
    return Summary(
        publisher=_(p["publisher"]),
        source_urls=((_("%(repository)s, folder %(folder)s, commit %(commit)s")
                      % {"repository": p["repository"], "folder": p["folder"], "commit": commit[:7]},
                      f"{p['repository']}/tree/{commit}/export"),),
        licence=_(p["licence"]), period=_("%(start)s to %(end)s") % {"start": p["period"]["start"],
                                                                    "end": p["period"]["end"]},
        what_it_counts=_("Detainers ICE issued, counted by %(years)s.") % {"years": _(p["years"])},
        files=files, tables=tuple((f"npr-{name.replace('_', '-')}.csv", v["rows"])
                                  for name, v in sorted(p["views"].items())),
        notes=tuple(_("%(year)s is a partial year: %(text)s.") % {"year": year, "text": _(text)}
                    for year, text in sorted(p["period"]["partial_years"].items())))


def _ddp(folder: Path, language: Language = ENGLISH) -> Summary:
    _, number = language.gettext, language.number
    p = read_json(folder / "provenance.json")
    dates = p["prepare_dates"]
    notes = ([_("%(count)s rows have no prepare date.") % {"count": number(dates["rows_without_a_date"])}]
             if dates.get("rows_without_a_date") else [])
    if p.get("duplicate_likely_rows"):
        notes.append(_("%(count)s rows are marked by the publisher as likely duplicates; the views count every row.")
                     % {"count": number(p["duplicate_likely_rows"])})
    return Summary(
        publisher=p["publisher"], source_urls=((p["source_url"], p["source_url"]),) if p.get("source_url") else (),
        licence=_(p["licence"]), period=_("%(start)s to %(end)s") % {"start": dates["first"], "end": dates["last"]},
        what_it_counts=_("One row per detainer in the publisher's processed file (format: %(format)s).")
        % {"format": p["format"]},
        files=(FileRecord(p["file"], p["sha256"], p["rows"], "the publisher's processed detainer file"),),
        tables=tuple((f"views/{name}.csv", v["rows"]) for name, v in sorted(p["views"].items())), notes=tuple(notes))


def _ice_287g(folder: Path, language: Language = ENGLISH) -> Summary:
    _ = language.gettext
    lists = [read_json(path) for path in sorted((folder / "lists").glob("*.provenance.json"))]
    files = tuple(FileRecord(p["file_name"], p["sha256"], p["agreements"], "agreements on the list",
                             p["list_date"], p["source_url"], p["retrieved"] or "") for p in lists)
    agencies = len(read_csv(folder / "agencies.csv").rows)
    publishers = sorted({p["publisher"] for p in lists})
    licences = sorted({p["licence"] for p in lists})
    urls = sorted({p["publisher_url"] for p in lists})
    return Summary(
        publisher="; ".join(_(publisher) for publisher in publishers), source_urls=tuple((url, url) for url in urls),
        licence="; ".join(_(licence) for licence in licences),
        period=(_("%(count)s lists, %(first)s to %(last)s") % {"count": len(lists), "first": lists[0]["list_date"],
                                                               "last": lists[-1]["list_date"]}
                if lists else _("no lists")),
        what_it_counts=_("ICE's lists of the law-enforcement agencies with a 287(g) agreement: one row per agreement "
                         "(an agency and a model) per list; agencies.csv has one row per agency on any list."),
        files=files, tables=(("287g-agencies.csv", agencies), ("287g-lists.csv", len(lists)),
                             ("287g-agreements.csv", sum(p["agreements"] for p in lists))))


def _ice_detention(folder: Path, language: Language = ENGLISH) -> Summary:
    _, number = language.gettext, language.number
    p = read_json(folder / "provenance.json")
    releases = read_table(folder / "releases.csv")
    files = tuple(FileRecord(r["file"], r["sha256"], None, _("counted") if r["status"] == "counted" else
                             _("not counted (%(status)s: %(same_as)s)") % {"status": _(r["status"]),
                                                                          "same_as": r["same_as"]},
                             r["as_of"], r["archived_as"]) for r in releases)
    skipped = p["not_counted"]
    return Summary(
        publisher=_(p["publisher"]), source_urls=((p["publisher_url"], p["publisher_url"]),
                                                  *((name, url) for name, url in sorted(p["archives"].items()))),
        licence=_(p["licence"]),
        period=_("%(count)s releases, as of %(first)s to %(last)s") % {
            "count": number(p["releases_counted"]), "first": p["first_as_of"], "last": p["last_as_of"]},
        what_it_counts=_("ICE's detention statistics: the average daily population in ICE detention and the initial "
                         "book-ins per month, by arresting agency (ICE or CBP) and criminality, the people held on "
                         "each release's date, and the latest release's facility table."),
        files=files, date_label=_("As of"),
        tables=tuple((f"ice-detention-{name.replace('_', '-')}.csv", t["rows"])
                     for name, t in sorted(p["tables"].items()) if name != "facilities"),
        notes=(_("%(workbooks)s workbooks read; not counted: %(same_file)s byte-identical copies, %(same)s with "
                 "another release's figures, %(superseded)s superseded by a corrected release of the same date.")
               % {"workbooks": number(p["workbooks"]), "same_file": number(skipped["same file"]),
                  "same": number(skipped["same figures"]), "superseded": number(skipped["superseded"])},
               _("The facility table (facilities.csv in data/datasets/ice-detention/) is the latest release's only: "
                 "%(count)s facilities as of %(date)s.") % {"count": number(p["latest"]["facilities"]),
                                                            "date": p["latest"]["as_of"]}))


def _file_in_repository(p: dict, _) -> tuple[tuple[str, str], ...]:
    """The source of a table copied from a file in a public repository: the file and commit, linked to the repository."""
    return ((_("%(repository)s, file %(path)s, commit %(commit)s")
             % {"repository": p["repository"], "path": p["path"], "commit": p["commit"]}, p["repository"]),)


def _field_offices(folder: Path, language: Language = ENGLISH) -> Summary:
    _ = language.gettext
    p = read_json(folder / "provenance.json")
    return Summary(
        publisher=_(p["publisher"]),
        source_urls=_file_in_repository(p, _),
        licence=_(p["licence"]), period=_("undated: the areas as the publisher compiled them"),
        what_it_counts=_("Which ICE field office's area of responsibility each state or territory is in, and, in the "
                         "states split between offices (California, New York, Texas), each county."),
        files=(FileRecord(p["file"], p["sha256"], p["rows"], _("a whole state or territory, or one county")),),
        tables=(("ice-field-offices.csv", p["rows"]),),
        notes=tuple(_(text) for text in p["decisions"]))


def _fbi_lee(folder: Path, language: Language = ENGLISH) -> Summary:
    _, number = language.gettext, language.number
    p = read_json(folder / "provenance.json")
    return Summary(
        publisher=_(p["publisher"]),
        source_urls=_file_in_repository(p, _),
        licence=_(p["licence"]), period=_(p["period"]),
        what_it_counts=_("Law-enforcement agencies, their employees (sworn officers and civilians) and the residents "
                         "they serve, one row per agency, as the FBI counts them; matched to ICE's latest 287(g) list "
                         "to give the share of agencies, officers and residents covered."),
        files=(FileRecord(p["file"], p["sha256"], p["rows"], _("one agency, its latest data year")),),
        tables=(),
        notes=(_(p["codes"]), _("%(rows)s rows in all.") % {"rows": number(p["rows"])}))


NPR_PAGE = detainers_path("2007-2015")
DETENTION_PAGE = "detention/"
DDP_PAGE = detainers_path("2023-onward")

CATALOG: tuple[IngestedDataset, ...] = (
    IngestedDataset("ice-287g", "ice-287g", "ICE's 287(g) participating-agency lists", _ice_287g, "287g-",
                    used_by=(("States and counties", "states/"), ("Agencies", "agencies/"), ("Charts", "charts/"),
                             ("287(g) by state", "charts/287g-by-state/"))),
    IngestedDataset("npr-detainers", "npr-detainers", "ICE detainers, 2007–2015 (NPR, from FOIA)", _npr, "npr-",
                    used_by=(("Detainers, 2007–2015", NPR_PAGE),)),
    IngestedDataset("ice-detention", "ice-detention", "ICE's detention statistics, FY2019 to April 2026",
                    _ice_detention, "ice-detention-",
                    used_by=(("ICE detention, as ICE reports it", DETENTION_PAGE),
                             ("Data availability", "data-availability/"))),
    IngestedDataset("ice-field-offices", "ice-field-offices", "ICE field offices and their areas of responsibility",
                    _field_offices, "ice-field-offices", used_by=(("ICE field offices", "field-offices/"),
                                                                 ("States and counties", "states/"))),
    IngestedDataset("fbi-lee", "fbi-lee", "FBI law-enforcement employees, by agency (who is covered by 287(g))",
                    _fbi_lee, "287g-fbi-lee", used_by=(("Who is covered by 287(g)", "coverage/"),
                                                       ("States and counties", "states/"))),
    IngestedDataset("ddp-detainers", "ddp-detainers", "ICE detainers, 2023 onward (Deportation Data Project)", _ddp,
                    used_by=(("Detainers, 2023 onward", DDP_PAGE),)),
)


def downloads(datasets_dir: Path) -> list[tuple[IngestedDataset, list[tuple[str, str]]]]:
    """For the downloads page: each dataset present and its CSVs, as (file name, site path)."""
    return [(entry, entry.downloads(datasets_dir)) for entry in present(datasets_dir)]


def present(datasets_dir: Path) -> list[IngestedDataset]:
    return [entry for entry in CATALOG if entry.present(datasets_dir)]


def entry(slug: str) -> IngestedDataset:
    return next(e for e in CATALOG if e.slug == slug)

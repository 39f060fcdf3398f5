"""Which of ICE's files are releases: every participating and pending list in the folders given, each file's kind
and date decided from its content and metadata (never its name), copies recognised, every decision written down.

- Kind: a sheet with a SIGNED column is a participating list; one without is a pending list (a participating list
  filed among the pending ones is read as what it is).
- Date: as ice_287g.read_list and pending_287g.read_pending take it (Wayback capture time, or the workbook's
  last-saved time); the name is used only when the file holds no date.
- Copy: a file byte-identical (SHA-256) to one already seen, or listing the same rows as the release before it (ICE
  saved the same list again, or the archive downloaded it again under a later date). A copy is not a release.
- Participating lists are kept one a day: when ICE saved two different lists on one day (UTC), the later is that
  day's list and the earlier is recorded as superseded the same day.
- The last participating list of each month goes to lists/ (the monthly series every chart reads); every other one to
  lists-daily/.

`releases.csv` holds one row per file ever ingested: file, kind, SHA-256 and a digest of its rows, the workbook's
saved time, the date taken and why, the decision (release, copy, superseded) and the files it copies or is copied by.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pandera.pandas as pa

from ..table_files import read_frame, read_table, xlsx_packing_problem, xlsx_size_problem
from .fips import Fips
from .ice_287g import (HEADER_ALIASES, HEADER_SEARCH_ROWS, PublishedList, SpreadsheetError, file_name_date,
                       normalise_header, read_list)
from .pending_287g import PendingList, content_key as pending_content_key, read_pending

PARTICIPATING = "participating"
PENDING = "pending"
RELEASE, COPY, SUPERSEDED = "release", "copy", "superseded the same day"
RELEASE_COLUMNS = ("file", "kind", "sha256", "content_sha256", "workbook_saved_utc", "date_taken", "why", "decision",
                   "same_as", "copies", "rows", "list_folder", "source_url")
CONTENT_COLUMNS = ("state", "agency", "agency_type", "county", "model", "signed", "signed_as_published",
                   "agreement_url", "agreement_link_text", "addendum_url")
_SHA = pa.Check.str_matches(r"^[0-9a-f]{64}$")
RELEASES = pa.DataFrameSchema({
    "file": pa.Column(str, pa.Check.str_length(min_value=1), unique=True,
                      description="The file's path under the folder the ingest was given."),
    "kind": pa.Column(str, pa.Check.isin((PARTICIPATING, PENDING))),
    "sha256": pa.Column(str, _SHA),
    "content_sha256": pa.Column(str, _SHA, description="A digest of the file's rows as read, order aside."),
    "workbook_saved_utc": pa.Column(str),
    "date_taken": pa.Column("datetime64[ns]"),
    "why": pa.Column(str),
    "decision": pa.Column(str, pa.Check.isin((RELEASE, COPY, SUPERSEDED))),
    "same_as": pa.Column(str),
    "copies": pa.Column(str, description="The files found to be copies of this one, joined with \" | \"."),
    "rows": pa.Column("int64", pa.Check.ge(0)),
    "list_folder": pa.Column(str, pa.Check.isin(("lists", "lists-daily", ""))),
    "source_url": pa.Column(str),
}, strict=True, ordered=True, name="releases")
ARCHIVE_BLOB = "https://github.com/RelevantResearch/287g-DetentionData/blob/{commit}/{repo_path}"


@dataclass(frozen=True)
class Seen:
    """What the decisions need of one file (read now, or from releases.csv for a file ingested before)."""
    file: str
    kind: str
    sha256: str
    content: str
    saved: str
    date: str
    why: str
    rows: int
    url: str


@dataclass
class ReadFiles:
    participating: dict[str, PublishedList]  # by file as shown
    pending: dict[str, PendingList]
    source_urls: dict[str, str]
    seen: list[Seen]


def expand(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every .xlsx file given or under a folder given, with the name it is shown by (its path under the folder)."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += [(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*.xlsx")) if p.is_file()]
        else:
            found.append((path, path.name))
    return found


def kind_of(path: Path) -> str:
    """PARTICIPATING when the header row names a SIGNED column, else PENDING (a file that cannot be read, or has
    no header, is left to read_list to describe)."""
    if xlsx_size_problem(path) or xlsx_packing_problem(path):  # read_list refuses it, with the limit it passes
        return PARTICIPATING
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
                names = {HEADER_ALIASES.get(normalise_header(v)) for v in row}
                if {"state", "agency"} <= names:
                    return PARTICIPATING if "signed" in names else PENDING
    except Exception:  # not a workbook: read_list says so with the file's place
        return PARTICIPATING
    return PARTICIPATING


def archive_urls(folder: Path) -> dict[str, str]:
    """file name -> its address in the archive, from the folder's files.csv (path and commit), where there is one."""
    listing = folder / "files.csv"
    if not listing.is_file():
        return {}
    return {row["file"]: ARCHIVE_BLOB.format(commit=row["commit"], repo_path=row["repo_path"])
            for row in read_table(listing) if row.get("file") and row.get("commit") and row.get("repo_path")}


def participating_content(rows: pd.DataFrame) -> str:
    table = rows[list(CONTENT_COLUMNS)].astype(str)
    lines = sorted("\t".join(r) for r in table.itertuples(index=False))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def read_files(paths: list[Path], fips: Fips, source_url: str | None, default_url: str,
               today=None) -> ReadFiles:
    """Read every file; raise SpreadsheetError with every problem of every file."""
    problems, participating, pending, urls, seen = [], {}, {}, {}, []
    listings: dict[Path, dict[str, str]] = {}
    for path, shown in expand(paths):
        listing = listings.setdefault(path.parent, archive_urls(path.parent))
        url = (source_url.format(file_name=path.name) if source_url
               else listing.get(path.name) or default_url.format(file_name=path.name))
        urls[shown] = url.replace(" ", "%20")  # a file name with a space ("… copy.xlsx") is still one address
        try:
            if kind_of(path) == PENDING:
                item = read_pending(path, fips)
                pending[shown] = item
                seen.append(Seen(shown, PENDING, item.sha256, pending_content_key(item.rows), item.release,
                                 item.list_date.isoformat(), item.list_date_basis, len(item.rows), urls[shown]))
            else:
                item = read_list(path, fips, today)
                participating[shown] = item
                seen.append(Seen(shown, PARTICIPATING, item.sha256, participating_content(item.rows),
                                 item.workbook_saved or "", item.list_date.isoformat(), item.list_date_basis,
                                 len(item.rows), urls[shown]))
        except SpreadsheetError as error:
            problems.extend(error.problems)
    if problems:
        raise SpreadsheetError(problems)
    return ReadFiles(participating, pending, urls, seen)


def committed(out_dir: Path) -> pd.DataFrame:
    path = out_dir / "releases.csv"
    if not path.is_file():
        return pd.DataFrame(columns=list(RELEASE_COLUMNS))
    return read_frame(path)


def seen_before(table: pd.DataFrame, files_now: set[str]) -> list[Seen]:
    return [Seen(r.file, r.kind, r.sha256, r.content_sha256, r.workbook_saved_utc, r.date_taken, r.why, int(r.rows),
                 r.source_url)
            for r in table.itertuples(index=False) if r.file not in files_now]


def decide(seen: list[Seen]) -> tuple[pd.DataFrame, list[str]]:
    """The decisions table (RELEASE_COLUMNS) and the problems that make the set not add up."""
    problems, decisions = [], []
    for kind in (PARTICIPATING, PENDING):
        ordered = sorted((s for s in seen if s.kind == kind), key=_order)
        by_sha: dict[str, Seen] = {}
        previous: Seen | None = None
        rows: dict[str, dict] = {}
        for item in ordered:
            row = {"file": item.file, "kind": kind, "sha256": item.sha256, "content_sha256": item.content,
                   "workbook_saved_utc": item.saved, "date_taken": item.date, "why": item.why, "rows": str(item.rows),
                   "decision": RELEASE, "same_as": "", "copies": "", "list_folder": "",
                   "source_url": item.url}
            original = by_sha.get(item.sha256)
            if original is None and previous is not None and previous.content == item.content:
                original = previous
            if original is not None:
                row.update(decision=COPY, same_as=original.file)
                rows[original.file]["copies"] = " | ".join(filter(None, [rows[original.file]["copies"], item.file]))
            else:
                if previous is not None and item.saved and previous.saved == item.saved and previous.date == item.date:
                    problems.append(f"{item.file}:-:1:A: saved at the same time as {previous.file} "
                                    f"({item.saved}) but listing other rows: which came first cannot be told — "
                                    f"check both files against ICE's page and pass only the right one")
                previous = item
            by_sha.setdefault(item.sha256, item)
            rows[item.file] = row
        if kind == PARTICIPATING:
            _one_a_day(rows, ordered)
        decisions.extend(rows[s.file] for s in ordered)
    table = pd.DataFrame(decisions, columns=list(RELEASE_COLUMNS))
    table = table.sort_values(["kind", "date_taken", "workbook_saved_utc", "file"], kind="stable")
    return table.reset_index(drop=True), problems


def _order(item: Seen) -> tuple:
    """Oldest first; of files saved at the same time, the one whose name gives the date taken is the original."""
    named = file_name_date(Path(item.file).name)
    return item.date, item.saved, named is None or named.isoformat() != item.date, item.file


def _one_a_day(rows: dict[str, dict], ordered: list[Seen]) -> None:
    """The later of two releases of one day replaces the earlier; the last of each month goes to lists/."""
    releases = [s for s in ordered if rows[s.file]["decision"] == RELEASE]
    last_of_day: dict[str, Seen] = {}
    for item in releases:
        last_of_day[item.date] = item
    for item in releases:
        kept = last_of_day[item.date]
        if kept is not item:
            rows[item.file].update(decision=SUPERSEDED, same_as=kept.file)
    last_of_month: dict[str, str] = {}
    for date in sorted(last_of_day):
        last_of_month[date[:7]] = date
    for date, item in last_of_day.items():
        rows[item.file]["list_folder"] = "lists" if last_of_month[date[:7]] == date else "lists-daily"


def release_files(decisions: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The rows of the decisions table that are releases of the kind (participating: one a day)."""
    return decisions[(decisions["kind"] == kind) & (decisions["decision"] == RELEASE)]


def to_csv_text(decisions: pd.DataFrame) -> str:
    return decisions.to_csv(index=False, lineterminator="\n")

"""`python -m scripts ingest detention FOLDER_OR_FILES`: ICE's detention-statistics workbooks into tidy tables.

Reads every workbook given (a folder is searched for .xlsx files), recognises the ones that repeat an earlier
release (the same file again, or the same figures under another name or date) and counts each release once, then
writes data/datasets/ice-detention/ all at once, or nothing if any workbook has a problem:

- releases.csv: every workbook given, its as-of date, where that date was read, and whether it was counted;
- average_daily_population.csv, book_ins.csv, detained.csv: the figures of every counted release (`as_of` names
  the release; `cell` the cell in its detention sheet, named in releases.csv);
- monthly_adp.csv, monthly_book_ins.csv: one figure per month, from the latest release that covers it, with its
  file, sheet and cell;
- facilities.csv: the facility table of the latest release only (every release's would be about 25,000 rows);
- provenance.json. README.md is written by hand and kept."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..table_files import read_csv
from .detainer_checks import json_text, write_folder
from .ice_detention import AGENCIES, CRIMINALITY, FOOTNOTE, Release, WorkbookError, read_release

PUBLISHER = "U.S. Immigration and Customs Enforcement (ICE)"
PUBLISHER_URL = "https://www.ice.gov/detain/detention-management"
LICENCE = "Public domain: a work of the U.S. federal government (17 U.S.C. 105)"
ARCHIVES = {
    "vera-institute/ice-fytd-stats": "https://github.com/vera-institute/ice-fytd-stats/blob/{commit}/{path}",
    "lockdown-systems/icewatch": "https://github.com/lockdown-systems/icewatch/blob/{commit}/{path}",
}
KEPT = ("README.md",)

_month = pa.Column(str, pa.Check.str_matches(r"^\d{4}-(0[1-9]|1[0-2])$"), metadata={"table_type": "yearmonth"})
_as_of = pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), metadata={"table_type": "date"})
_cell = pa.Column(str, pa.Check.str_matches(r"^[A-Z]{1,3}\d+$"))
_agency = pa.Column(str, pa.Check.isin(AGENCIES))
_criminality = pa.Column(str, pa.Check.isin(("All", *CRIMINALITY)))
_fy = pa.Column(int, pa.Check.in_range(2019, 2100))
_text = pa.Column(str, pa.Check.str_length(min_value=1))

RELEASES = pa.DataFrameSchema({
    "file": _text, "sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$")),
    "archived_as": pa.Column(str), "workbook_saved": pa.Column(str), "fiscal_year": _fy,
    "as_of": _as_of, "as_of_basis": _text, "as_of_cell": _text, "sheet": _text,
    "status": pa.Column(str, pa.Check.isin(("counted", "same file", "same figures", "superseded"))),
    "same_as": pa.Column(str), "note": pa.Column(str),
}, unique=["file"], strict=True, ordered=True, name="releases")
ADP = pa.DataFrameSchema({
    "as_of": _as_of, "fiscal_year": _fy, "month": _month, "agency": _agency, "criminality": _criminality,
    "adp": pa.Column(float, pa.Check.ge(0)), "month_complete": pa.Column(bool), "cell": _cell,
}, unique=["as_of", "month", "agency", "criminality"], strict=True, ordered=True, name="average daily population")
BOOK_INS = pa.DataFrameSchema({
    "as_of": _as_of, "fiscal_year": _fy, "month": _month, "agency": _agency,
    "book_ins": pa.Column(int, pa.Check.ge(0)), "month_complete": pa.Column(bool), "cell": _cell,
}, unique=["as_of", "month", "agency"], strict=True, ordered=True, name="book-ins")
DETAINED = pa.DataFrameSchema({
    "as_of": _as_of, "agency": _agency, "criminality": _criminality, "detained": pa.Column(int, pa.Check.ge(0)),
    "cell": _cell,
}, unique=["as_of", "agency", "criminality"], strict=True, ordered=True, name="currently detained")
_where = {"as_of": _as_of, "file": _text, "sheet": _text, "cell": _cell}
MONTHLY_ADP = pa.DataFrameSchema({
    "month": _month, "agency": _agency, "criminality": _criminality, "adp": pa.Column(float, pa.Check.ge(0)),
    "month_complete": pa.Column(bool), **_where,
}, unique=["month", "agency", "criminality"], strict=True, ordered=True, name="monthly average daily population")
MONTHLY_BOOK_INS = pa.DataFrameSchema({
    "month": _month, "agency": _agency, "book_ins": pa.Column(int, pa.Check.ge(0)),
    "month_complete": pa.Column(bool), **_where,
}, unique=["month", "agency"], strict=True, ordered=True, name="monthly book-ins")


@dataclass
class Decision:
    release: Release
    status: str  # counted | same file | same figures | superseded
    same_as: str = ""
    note: str = ""


def workbook_paths(sources: list[Path]) -> list[tuple[Path, str]]:
    """(path, name shown in messages and tables): a folder's workbooks by their path inside it."""
    found = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found += [(p, p.relative_to(source).as_posix()) for p in sorted(source.rglob("*.xlsx"))
                      if not p.name.startswith("~$")]
        else:
            found.append((source, source.name))
    return found


def _archive_names(sources: list[Path]) -> dict[str, dict]:
    """The archive each workbook was taken from, from a files.csv beside them (the shared folder's manifest)."""
    names = {}
    for source in sources:
        manifest = Path(source) / "files.csv" if Path(source).is_dir() else Path(source).parent / "files.csv"
        if manifest.is_file():
            for row in read_csv(manifest).records():  # the tables' reading layer: its limits, line numbers
                names[row.get("sha256", "")] = row
    return names


def decide(releases: list[Release]) -> list[Decision]:
    """Each release counted once. A file seen before (same SHA-256) is not counted again; of releases with equal
    figures, one is counted: dated by its own footnotes if any is, then the earliest; of two counted releases with
    the same as-of date and different figures, the later-saved one is counted and the other marked superseded."""
    ordered = sorted(releases, key=lambda r: (r.as_of, r.saved, r.file))
    decisions: dict[str, Decision] = {}
    first_of_hash: dict[str, Release] = {}
    for release in ordered:
        if release.sha256 in first_of_hash:
            decisions[release.file] = Decision(release, "same file", first_of_hash[release.sha256].file,
                                               "byte-identical to a workbook already read")
        else:
            first_of_hash[release.sha256] = release
    by_figures: dict[tuple, list[Release]] = {}
    for release in first_of_hash.values():
        by_figures.setdefault(release.figures(), []).append(release)
    for group in by_figures.values():
        # A release dated by its own footnotes is trusted over one dated from a stale copy's facility sheet.
        kept = min(group, key=lambda r: (r.as_of_basis != FOOTNOTE, r.as_of, r.saved, r.file))
        decisions[kept.file] = Decision(kept, "counted")
        for release in group:
            if release is kept:
                continue
            note = ("the same figures and as-of date as another file" if kept.as_of == release.as_of else
                    f"the same figures as the release of {kept.as_of.isoformat()}, though dated "
                    f"{release.as_of.isoformat()}: not updated")
            decisions[release.file] = Decision(release, "same figures", kept.file, note)
    decisions = [decisions[r.file] for r in ordered]
    counted_by_date: dict[dt.date, Decision] = {}
    for decision in decisions:
        if decision.status != "counted":
            continue
        earlier = counted_by_date.get(decision.release.as_of)
        if earlier is not None:
            earlier.status, earlier.same_as = "superseded", decision.release.file
            earlier.note = ("the same as-of date as a later-saved workbook with different figures; that one is "
                            "counted")
        counted_by_date[decision.release.as_of] = decision
    return decisions


def _validated(schema: pa.DataFrameSchema, frame: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    try:
        return schema.validate(frame.reset_index(drop=True), lazy=True)
    except SchemaErrors as errors:
        for case in errors.failure_cases.head(20).itertuples(index=False):
            problems.append(f"{schema.name}: column {case.column!r} value {case.failure_case!r} fails {case.check} — "
                            f"the ingest read something it should not have; look at the workbook named in the row")
        return frame


def tables(decisions: list[Decision]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    problems: list[str] = []
    counted = [d.release for d in decisions if d.status == "counted"]
    sheets = {r.as_of.isoformat(): (r.file, r.sheet) for r in counted}

    def latest(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        # A complete month's figure from the latest release in which it is complete; a month no release has
        # complete yet from the latest release.
        ordered = frame.sort_values(["month_complete", "as_of"], kind="stable")
        out = ordered.groupby(keys, as_index=False, sort=True).tail(1).sort_values(keys, kind="stable")
        return out.assign(file=out["as_of"].map(lambda a: sheets[a][0]),
                          sheet=out["as_of"].map(lambda a: sheets[a][1]))

    adp = pd.concat([r.adp.assign(as_of=r.as_of.isoformat()) for r in counted], ignore_index=True)
    adp = adp[list(ADP.columns)]
    monthly_adp = latest(adp, ["month", "agency", "criminality"])[list(MONTHLY_ADP.columns)]
    adp = adp[adp["criminality"] == "All"]  # every release's criminality rows would be 750 KB; the latest are kept
    book_ins = pd.concat([r.book_ins.assign(as_of=r.as_of.isoformat()) for r in counted], ignore_index=True)
    book_ins = book_ins[list(BOOK_INS.columns)]
    for frame, column in ((book_ins, "book_ins"),):
        whole = frame[column].round()
        bad = frame[(frame[column] - whole).abs() > 1e-9]
        for row in bad.itertuples(index=False):
            problems.append(f"book-ins of {row.as_of}, cell {row.cell}: {getattr(row, column)} is not a whole "
                            f"number — correct the cell")
        frame[column] = whole.astype(int)
    detained = pd.concat([r.detained.assign(as_of=r.as_of.isoformat()) for r in counted], ignore_index=True)
    detained = detained[list(DETAINED.columns)]
    detained["detained"] = detained["detained"].round().astype(int)

    monthly_book_ins = latest(book_ins, ["month", "agency"])[list(MONTHLY_BOOK_INS.columns)]
    releases = pd.DataFrame([{
        "file": d.release.file, "sha256": d.release.sha256, "archived_as": "", "workbook_saved": d.release.saved,
        "fiscal_year": d.release.fiscal_year, "as_of": d.release.as_of.isoformat(),
        "as_of_basis": d.release.as_of_basis, "as_of_cell": d.release.as_of_cell, "sheet": d.release.sheet,
        "status": d.status, "same_as": d.same_as, "note": d.note} for d in decisions])
    out = {
        "releases": _validated(RELEASES, releases, problems),
        "average_daily_population": _validated(ADP, adp, problems),
        "book_ins": _validated(BOOK_INS, book_ins, problems),
        "detained": _validated(DETAINED, detained, problems),
        "monthly_adp": _validated(MONTHLY_ADP, monthly_adp.reset_index(drop=True), problems),
        "monthly_book_ins": _validated(MONTHLY_BOOK_INS, monthly_book_ins.reset_index(drop=True), problems),
    }
    return out, problems


def facility_table(release: Release) -> pd.DataFrame:
    """The latest release's facility table, columns as ICE heads them (made lower_snake_case)."""
    frame = release.facilities.copy()
    frame.columns = ["row" if c == "row" else _snake(c) for c in frame.columns]
    frame.insert(0, "as_of", release.as_of.isoformat())
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: "" if v is None else (v.isoformat()[:10] if hasattr(
                v, "isoformat") else str(v).strip()))
    return frame


def _snake(header: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in header)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


def csv_text(frame: pd.DataFrame) -> str:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def ingest(sources: list[Path], target: Path) -> dict:
    """Read, decide, write. Raises WorkbookError (nothing written) if any workbook cannot be read."""
    problems: list[str] = []
    releases: list[Release] = []
    paths = workbook_paths(sources)
    if not paths:
        raise WorkbookError([f"{', '.join(str(s) for s in sources)}:-:1:A: no .xlsx workbook found — give ICE's "
                             f"detention-statistics workbooks or the folder holding them"])
    for path, shown in paths:
        try:
            releases.append(read_release(path, shown))
        except WorkbookError as error:
            problems += error.problems
    if problems:
        raise WorkbookError(problems)
    decisions = decide(releases)
    frames, problems = tables(decisions)
    archive = _archive_names(sources)
    frames["releases"]["archived_as"] = frames["releases"]["sha256"].map(
        lambda h: _archive_url(archive.get(h)) if h in archive else "")
    latest = max((d.release for d in decisions if d.status == "counted"), key=lambda r: (r.as_of, r.saved))
    if latest.facilities is None:
        problems.append(f"{latest.file}:-:1:A: the latest release has no facility table (a header row reading "
                        f"Name, Address, City, State) — look at its sheets")
    if problems:
        raise WorkbookError(problems)
    facilities = facility_table(latest)
    files: dict[str, str | bytes] = {f"{name}.csv": csv_text(frame) for name, frame in frames.items()}
    files["facilities.csv"] = csv_text(facilities)
    readme = target / "README.md"
    if readme.is_file():
        files["README.md"] = readme.read_bytes()
    counted = [d for d in decisions if d.status == "counted"]
    provenance = {
        "publisher": PUBLISHER, "publisher_url": PUBLISHER_URL, "licence": LICENCE,
        "archives": {name: url.split("/blob/")[0] for name, url in ARCHIVES.items()},
        "workbooks": len(decisions),
        "releases_counted": len(counted),
        "not_counted": {status: sum(d.status == status for d in decisions)
                        for status in ("same file", "same figures", "superseded")},
        "first_as_of": min(d.release.as_of for d in counted).isoformat(),
        "last_as_of": max(d.release.as_of for d in counted).isoformat(),
        "latest": {"file": latest.file, "as_of": latest.as_of.isoformat(), "sheet": latest.sheet,
                   "facilities_sheet": latest.facilities_sheet, "facilities": int(len(facilities))},
        "tables": {name: {"rows": int(len(frame)), "columns": list(frame.columns)}
                   for name, frame in {**frames, "facilities": facilities}.items()},
        "warnings": [w for d in decisions for w in d.release.warnings],
    }
    files["provenance.json"] = json_text(provenance)
    write_folder(target, files)
    return {"provenance": provenance, "decisions": decisions}


def _archive_url(row: dict | None) -> str:
    if not row:
        return ""
    template = ARCHIVES.get(row.get("archived_in", ""))
    return template.format(commit=row["commit"], path=row["repo_path"]) if template else ""


def run(root: Path, sources: list[Path], target: Path | None = None) -> int:
    import sys
    target = target or root / "data" / "datasets" / "ice-detention"
    try:
        result = ingest(sources, target)
    except WorkbookError as error:
        shown = error.problems[:40]
        print("\n".join(shown), file=sys.stderr)
        if len(error.problems) > len(shown):
            print(f"... and {len(error.problems) - len(shown)} more", file=sys.stderr)
        print(f"Nothing was written ({len(error.problems)} problem(s)).", file=sys.stderr)
        return 1
    for warning in result["provenance"]["warnings"]:
        print(f"note: {warning}", file=sys.stderr)
    for decision in result["decisions"]:
        if decision.status != "counted":
            print(f"{decision.release.file}: not counted ({decision.status}: {decision.note}; "
                  f"see {decision.same_as})")
    p = result["provenance"]
    print(f"OK: {p['workbooks']} workbooks, {p['releases_counted']} releases counted, as of {p['first_as_of']} to "
          f"{p['last_as_of']}; {p['latest']['facilities']} facilities in the latest ({p['latest']['file']}). "
          f"Wrote {target}")
    return 0

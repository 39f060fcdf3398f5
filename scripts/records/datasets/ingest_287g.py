"""`python -m scripts ingest 287g FILE.xlsx|FOLDER [...]`: read ICE's lists, check everything, then write the tables.

The lists already in the output folder are kept (a file given again for the same date replaces its list); agency
identity and counties are worked out again over all lists. Everything is written into a new folder first and swapped
in at the end, so an error leaves the committed data as it was."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from collections import Counter
import tempfile
from pathlib import Path

import pandas as pd

from ..limits import MAX_PROBLEMS_PER_KIND
from ..problems import kind_of
from ..table_files import read_frame, read_json
from . import releases_287g as releases
from .agencies import agency_id, agency_key, resolve
from .fips import Fips, load_fips
from .ice_287g import MODELS, SpreadsheetError, file_name_date
from .pending_287g import PENDING_COLUMNS
from .provenance import ARCHIVE_URL, record, to_json
from .tables import AGENCIES, AGREEMENT_COLUMNS, AGREEMENTS, read_csv_table, to_csv_text, typed

SORT_AGREEMENTS = ["state", "agency_id", "model", "signed", "source_row"]
LIST_FOLDERS = ("lists", "lists-daily")  # the last list of each month; every other participating list


def ingest(files: list[Path], out_dir: Path, reference_dir: Path, source_url: str | None = None,
           retrieved: dt.date | None = None, today: dt.date | None = None) -> dict:
    """Ingest the spreadsheets (files, or folders searched for .xlsx files) into out_dir; returns a summary. Raises
    SpreadsheetError before writing anything. Which files are releases, copies or lists superseded the same day is
    decided by releases_287g and written to releases.csv. A list dated after `today` (default: the machine's date)
    is refused."""
    fips = load_fips(reference_dir)
    found = releases.read_files(files, fips, source_url, ARCHIVE_URL, today)
    given = set(found.participating) | set(found.pending)
    decisions, problems = releases.decide(found.seen + releases.seen_before(releases.committed(out_dir), given))
    if problems:
        raise SpreadsheetError(problems)
    chosen = releases.release_files(decisions, releases.PARTICIPATING)
    folder_of = dict(zip(chosen["date_taken"], chosen["list_folder"]))

    tables: dict[dt.date, pd.DataFrame] = {}
    provenance: dict[dt.date, dict] = {}
    for folder in LIST_FOLDERS:
        for path in sorted((out_dir / folder).glob("*.csv")) if (out_dir / folder).is_dir() else []:
            date = dt.date.fromisoformat(path.stem)
            tables[date] = read_csv_table(path, AGREEMENTS).drop(columns=["agency_id"])
            provenance[date] = read_json(path.with_suffix(".provenance.json"))
    published = []
    for file, copies in zip(chosen["file"], chosen["copies"]):
        if (item := found.participating.get(file)) is not None:
            published.append(item)
            tables[item.list_date] = typed(item.rows)
            provenance[item.list_date] = {**record(item, found.source_urls[file], retrieved),
                                          "copies": _copies(copies)}
    monthly = [d for d in sorted(tables) if folder_of.get(d.isoformat(), "lists") == "lists"]

    every = pd.concat([tables[d] for d in monthly], ignore_index=True)
    every, agencies, counts = resolve(every, fips)
    agencies = AGENCIES.validate(agencies[list(AGENCIES.columns)].sort_values("agency_id").reset_index(drop=True))
    every = every[list(AGREEMENT_COLUMNS)]
    outputs = {"agencies.csv": to_csv_text(agencies), "releases.csv": releases.to_csv_text(decisions),
               "pending.csv": _pending_table(out_dir, decisions, found)}
    per_list = {}
    for date in sorted(tables):
        if date in monthly:
            table = every[every["list_date"] == pd.Timestamp(date)]
            folder = "lists"
        else:
            table = with_agency_ids(tables[date], fips)[list(AGREEMENT_COLUMNS)]
            folder = "lists-daily"
        table = AGREEMENTS.validate(table.sort_values(SORT_AGREEMENTS, kind="stable").reset_index(drop=True))
        outputs[f"{folder}/{date}.csv"] = to_csv_text(table)
        outputs[f"{folder}/{date}.provenance.json"] = to_json(provenance[date])
        per_list[date.isoformat()] = {"agreements": len(table), "folder": folder, **table["model"].value_counts(
        ).reindex(MODELS, fill_value=0).astype(int).to_dict()}
    _write_all(out_dir, outputs)
    latest = max(monthly)
    on_latest = agencies[agencies["on_latest_list"] & (agencies["county_source"] != "state agency")]
    return {"lists": per_list, "counties": counts, "latest": latest.isoformat(),
            "latest_local_agencies": len(on_latest),
            "latest_local_with_county": int((on_latest["county_fips"] != "").sum()),
            "decisions": decisions["decision"].value_counts().to_dict(),
            "pending_releases": len(releases.release_files(decisions, releases.PENDING)),
            "warnings": [w for item in [*published, *found.pending.values()] for w in item.warnings]}


def _copies(joined: str) -> list[dict]:
    """The files found to be copies of a list (releases.csv), by name and the date their names give."""
    names = [Path(f).name for f in joined.split(" | ") if f]
    return [{"file_name": n, "file_name_date": d.isoformat() if (d := file_name_date(n)) else None} for n in names]


def with_agency_ids(table: pd.DataFrame, fips: Fips) -> pd.DataFrame:
    """A list outside the monthly series gets its agency ids from the same spelling-blind key (no county work)."""
    postal_of = {s.fips: s.postal for s in fips.states.values()}
    out = table.copy()
    postal = out["state_fips"].map(postal_of)
    out["agency_id"] = [agency_id(agency_key(n, p), p) for n, p in zip(out["agency"], postal)]
    return out


def _pending_table(out_dir: Path, decisions: pd.DataFrame, found: releases.ReadFiles) -> str:
    """Every row of every pending release: those read now, and those committed before from files not given again."""
    kept = releases.release_files(decisions, releases.PENDING)
    frames = [found.pending[f].rows for f in kept["file"] if f in found.pending]
    earlier = set(kept.loc[~kept["file"].isin(list(found.pending)), "workbook_saved_utc"])
    if earlier and (out_dir / "pending.csv").is_file():
        old = read_frame(out_dir / "pending.csv")
        frames.append(old[old["release"].isin(earlier)])
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(PENDING_COLUMNS))
    table = table.astype({"source_row": "int64"}).sort_values(["release", "source_row"], kind="stable")
    return table[list(PENDING_COLUMNS)].to_csv(index=False, lineterminator="\n")


def _files_not_made(out_dir: Path, outputs: dict[str, str]) -> list[str]:
    """Every file in the output folder that the ingest does not write (README.md, the hand-written
    reconciliation.yaml, anything a maintainer put there): carried over to the new folder, never deleted."""
    if not out_dir.is_dir():
        return []
    found = []
    for folder, _, names in os.walk(out_dir):
        for name in names:
            relative = (Path(folder) / name).relative_to(out_dir).as_posix()
            if relative not in outputs and not _a_list(relative):
                found.append(relative)
    return sorted(found)


def _a_list(relative: str) -> bool:
    """A list table the ingest writes again from what it read (it may move between lists/ and lists-daily/)."""
    folder, _, name = relative.partition("/")
    return folder in LIST_FOLDERS and re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:\.csv|\.provenance\.json)", name) is not None


def _write_all(out_dir: Path, outputs: dict[str, str]) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, text in outputs.items():
            path = new / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        for name in _files_not_made(out_dir, outputs):
            (new / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(out_dir / name, new / name, follow_symlinks=False)
        os.chmod(new, 0o755)
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(new, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise


def _cut(problems: list[str]) -> list[str]:
    """At most MAX_PROBLEMS_PER_KIND problems of each kind, and how many more of each were left out."""
    shown, counts = [], Counter()
    for problem in problems:
        kind = kind_of(problem.split(": ", 1)[-1])
        counts[kind] += 1
        if counts[kind] <= MAX_PROBLEMS_PER_KIND:
            shown.append(problem)
    return shown + [f"… and {count - MAX_PROBLEMS_PER_KIND:,} more problems like: {kind}"
                    for kind, count in counts.items() if count > MAX_PROBLEMS_PER_KIND]


def run(root: Path, files: list[Path], out_dir: Path | None = None, source_url: str | None = None,
        retrieved: str | None = None) -> int:
    out_dir = out_dir or root / "data" / "datasets" / "ice-287g"
    try:
        when = dt.date.fromisoformat(retrieved) if retrieved else None
    except ValueError:
        print(f"--retrieved {retrieved}: not a date — give it as YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        summary = ingest(files, out_dir, root / "data" / "datasets" / "reference", source_url, when)
    except SpreadsheetError as error:
        print("\n".join(_cut(error.problems)), file=sys.stderr)
        print(f"Nothing was written ({len(error.problems)} problem(s)).", file=sys.stderr)
        return 1
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    for date, counts in summary["lists"].items():
        models = ", ".join(f"{counts[m]} {m}" for m in MODELS)
        print(f"{date}: {counts['agreements']} agreements ({models}) in {counts['folder']}/")
    decided = ", ".join(f"{n} {d}" for d, n in sorted(summary["decisions"].items()))
    print(f"Files: {decided}; {summary['pending_releases']} pending lists (see releases.csv)")
    c = summary["counties"]
    print(f"{c['agencies']} agencies ({c['state_agencies']} state agencies); county found for "
          f"{c['county_from_column'] + c['county_from_name']} of {c['local_agencies']} local agencies "
          f"({c['county_from_column']} from the county column, {c['county_from_name']} from the agency's name, "
          f"{c['county_unknown']} unknown; {c['county_conflicts']} with lists naming different counties); on the "
          f"latest list ({summary['latest']}): {summary['latest_local_with_county']} of "
          f"{summary['latest_local_agencies']} local agencies")
    print(f"Wrote {out_dir}")
    return 0

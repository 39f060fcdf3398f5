"""`python -m scripts ingest 287g FILE.xlsx [FILE...]`: read ICE's lists, check everything, then write the tables.

The lists already in the output folder are kept (a file given again for the same date replaces its list); agency
identity and counties are worked out again over all lists. Everything is written into a new folder first and swapped
in at the end, so an error leaves the committed data as it was."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections import Counter
import tempfile
from pathlib import Path

import pandas as pd

from ..limits import MAX_PROBLEMS_PER_KIND
from ..problems import kind_of
from ..table_files import read_json
from .agencies import resolve
from .fips import load_fips
from .ice_287g import MODELS, SpreadsheetError, read_list
from .provenance import ARCHIVE_URL, record, to_json
from .tables import AGENCIES, AGREEMENT_COLUMNS, AGREEMENTS, read_csv_table, to_csv_text, typed

SORT_AGREEMENTS = ["state", "agency_id", "model", "signed", "source_row"]


def ingest(files: list[Path], out_dir: Path, reference_dir: Path, source_url: str = ARCHIVE_URL,
           retrieved: dt.date | None = None, today: dt.date | None = None) -> dict:
    """Ingest the spreadsheets into out_dir; returns a summary. Raises SpreadsheetError before writing anything. A
    list dated after `today` (default: the machine's date) is refused."""
    fips = load_fips(reference_dir)
    problems, published = [], []
    for path in files:
        try:
            published.append(read_list(Path(path), fips, today))
        except SpreadsheetError as error:
            problems.extend(error.problems)
    by_date: dict[dt.date, object] = {}
    for item in published:
        if item.list_date in by_date:
            problems.append(f"{item.file_name}:{item.sheet}:1:A: the list of {item.list_date} again (also "
                            f"{by_date[item.list_date].file_name}) — pass only one file per list")
        by_date[item.list_date] = item
    if problems:
        raise SpreadsheetError(problems)

    tables: dict[dt.date, pd.DataFrame] = {}
    provenance: dict[dt.date, dict] = {}
    for path in sorted((out_dir / "lists").glob("*.csv")) if (out_dir / "lists").is_dir() else []:
        date = dt.date.fromisoformat(path.stem)
        if date not in by_date:
            tables[date] = read_csv_table(path, AGREEMENTS).drop(columns=["agency_id"])
            provenance[date] = read_json(path.with_suffix(".provenance.json"))
    for date, item in by_date.items():
        tables[date] = typed(item.rows)
        provenance[date] = record(item, source_url, retrieved)

    every = pd.concat([tables[d] for d in sorted(tables)], ignore_index=True)
    every, agencies, counts = resolve(every, fips)
    agencies = AGENCIES.validate(agencies[list(AGENCIES.columns)].sort_values("agency_id").reset_index(drop=True))
    every = every[list(AGREEMENT_COLUMNS)]
    outputs = {"agencies.csv": to_csv_text(agencies)}
    per_list = {}
    for date in sorted(tables):
        table = every[every["list_date"] == pd.Timestamp(date)].sort_values(SORT_AGREEMENTS, kind="stable")
        table = AGREEMENTS.validate(table.reset_index(drop=True))
        outputs[f"lists/{date}.csv"] = to_csv_text(table)
        outputs[f"lists/{date}.provenance.json"] = to_json(provenance[date])
        per_list[date.isoformat()] = {"agreements": len(table), **table["model"].value_counts().reindex(
            MODELS, fill_value=0).astype(int).to_dict()}
    _write_all(out_dir, outputs)
    latest = max(tables)
    on_latest = agencies[agencies["on_latest_list"] & (agencies["county_source"] != "state agency")]
    return {"lists": per_list, "counties": counts, "latest": latest.isoformat(),
            "latest_local_agencies": len(on_latest),
            "latest_local_with_county": int((on_latest["county_fips"] != "").sum()),
            "warnings": [w for item in published for w in item.warnings]}


def _files_not_made(out_dir: Path, outputs: dict[str, str]) -> list[str]:
    """Every file in the output folder that the ingest does not write (README.md, the hand-written
    reconciliation.yaml, anything a maintainer put there): carried over to the new folder, never deleted."""
    if not out_dir.is_dir():
        return []
    found = []
    for folder, _, names in os.walk(out_dir):
        for name in names:
            relative = (Path(folder) / name).relative_to(out_dir).as_posix()
            if relative not in outputs:
                found.append(relative)
    return sorted(found)


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
        summary = ingest(files, out_dir, root / "data" / "datasets" / "reference", source_url or ARCHIVE_URL, when)
    except SpreadsheetError as error:
        print("\n".join(_cut(error.problems)), file=sys.stderr)
        print(f"Nothing was written ({len(error.problems)} problem(s)).", file=sys.stderr)
        return 1
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    for date, counts in summary["lists"].items():
        models = ", ".join(f"{counts[m]} {m}" for m in MODELS)
        print(f"{date}: {counts['agreements']} agreements ({models})")
    c = summary["counties"]
    print(f"{c['agencies']} agencies ({c['state_agencies']} state agencies); county found for "
          f"{c['county_from_column'] + c['county_from_name']} of {c['local_agencies']} local agencies "
          f"({c['county_from_column']} from the county column, {c['county_from_name']} from the agency's name, "
          f"{c['county_unknown']} unknown; {c['county_conflicts']} with lists naming different counties); on the "
          f"latest list ({summary['latest']}): {summary['latest_local_with_county']} of "
          f"{summary['latest_local_agencies']} local agencies")
    print(f"Wrote {out_dir}")
    return 0

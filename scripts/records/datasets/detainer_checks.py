"""What the detainer ingests share: one error type that says file:row:column, pandera's findings turned into it,
file hashes, and writing a folder of outputs all at once or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ..problems import Problem

MAX_SHOWN = 20  # a malformed million-row file would otherwise print a million lines


class IngestError(Exception):
    """A source file cannot be ingested; carries every problem found (file:row:column: what — what to do)."""

    def __init__(self, problems: Iterable[Problem], more: int = 0):
        self.problems = sorted(set(problems))
        self.more = more
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_SHOWN]]
        hidden = len(self.problems) - len(lines) + self.more
        if hidden:
            lines.append(f"... and {hidden} more problem(s) of the same kinds")
        lines.append("Nothing was written. Fix the file (or the ingest code, if the publisher changed the format) "
                     "and run the command again.")
        return "\n".join(lines)


def schema_problems(error: pa.errors.SchemaErrors, file: str, columns: list[str],
                    row_of: Callable[[object], int], where: Callable[[object], str] = lambda index: "",
                    expected: dict[str, str] | None = None) -> list[Problem]:
    """pandera's failure cases as Problems. `columns` gives the 1-based column numbers, `row_of(index)` the row
    number a reader sees for a frame index, `where(index)` an optional note on where the row came from. A column of
    the wrong type is one problem, not one per row."""
    expected = expected or {}
    problems: list[Problem] = []
    seen_dtype: set[str] = set()
    for case in error.failure_cases.itertuples(index=False):
        column = case.column
        check = str(case.check)
        if case.schema_context == "DataFrameSchema" and check == "column_in_dataframe":
            problems.append(Problem(file, 1, 1, f'column "{case.failure_case}" is missing — the loader needs it; '
                                                f'check that this is the publisher\'s file and that the header is '
                                                f'unchanged'))
            continue
        position = columns.index(column) + 1 if column in columns else 1
        if check.startswith("dtype(") or check.startswith("coerce_dtype("):
            if check.startswith("dtype(") and column in seen_dtype:
                continue
            if check.startswith("dtype("):
                seen_dtype.add(column)
                found = case.failure_case
                want = expected.get(column, check[len("dtype("):-1].strip("'"))
                problems.append(Problem(file, 1, position, f'column "{column}" holds {found}, not {want} — the '
                                                           f'publisher\'s format types it as {want}'))
                continue
        index = case.index
        row = row_of(index) if index is not None and not pd.isna(index) else 1
        note = where(index) if index is not None and not pd.isna(index) else ""
        problems.append(Problem(file, row, position, f'"{column}" is {case.failure_case!r}{note}: fails {check} '
                                                     f'— correct the value or remove the row'))
    return problems


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def json_text(value: object) -> str:
    """Stable JSON (sorted keys, two-space indent, final newline): same data, same bytes."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def csv_text(frame: pd.DataFrame) -> str:
    """A view as CSV: no index, Unix newlines, floats as written by pandas (shortest round-trip form)."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_folder(target: Path, files: dict[str, bytes | str]) -> None:
    """Replace `target` with a folder holding exactly `files` (relative name → content). Everything is written to a
    sibling temporary folder first, so an error part-way leaves the old folder as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for name, content in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8", newline="\n")
            else:
                path.write_bytes(content)
        os.chmod(staging, 0o755)
        old = target.with_name(f".{target.name}-old")
        if target.exists():
            if old.exists():
                shutil.rmtree(old)
            target.rename(old)
        staging.rename(target)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def line_ranges(lines: Iterable[int]) -> str:
    """Row numbers as compact ranges: [2, 3, 4, 7] → "2-4,7"."""
    numbers = sorted(set(int(n) for n in lines))
    parts: list[str] = []
    start = previous = None
    for number in numbers:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(f"{start}" if start == previous else f"{start}-{previous}")
        start = previous = number
    if start is not None:
        parts.append(f"{start}" if start == previous else f"{start}-{previous}")
    return ",".join(parts)

"""When each record was added and last changed, from git history (one `git log` per build), so readers who cited a
page can see what moved. Without git (a tarball, a test's temporary folder) the records' last_reviewed dates stand
in, so the output stays deterministic either way."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..records.model import Dataset
from ..records.registry import REGISTRY


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD
    kind: str  # "added" or "changed"
    record_id: str


@dataclass
class History:
    source: str  # "git" or "last_reviewed"
    last_changed: dict[str, str] = field(default_factory=dict)  # record id -> YYYY-MM-DD
    changes: list[Change] = field(default_factory=list)  # newest first

    def latest(self) -> str:
        return max(self.last_changed.values(), default="")


def _git_log(root: Path) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """[(date, [(status, path)])] for the commits that touched data/, newest first; None without git history."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-status", "--no-renames", "--", "data"],
            capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    commits = []
    for block in result.stdout.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        files = [tuple(line.split("\t", 1)) for line in lines[1:] if "\t" in line]
        commits.append((lines[0].strip(), files))
    return commits


def record_history(dataset: Dataset, root: Path | None) -> History:
    """From git when `root` is a checkout with history, otherwise from the records' last_reviewed dates."""
    written = _written_paths(dataset)
    by_path = {path: record_id for record_id, path in written.items()}
    commits = _git_log(root) if root is not None else None
    if commits is None:
        return _from_reviews(dataset)
    history = History("git")
    for date, files in commits:  # newest first
        for status, path in files:
            record_id = by_path.get(path)
            if record_id is None:
                continue
            history.last_changed.setdefault(record_id, date)
            history.changes.append(Change(date, "added" if status.startswith("A") else "changed", record_id))
    for record_id in written:  # records not committed yet: their review date
        if record_id not in history.last_changed:
            reviewed = dataset.get(record_id).last_reviewed
            history.last_changed[record_id] = reviewed
            history.changes.append(Change(reviewed, "changed", record_id))
    history.changes = _merge_same_day(history.changes)
    return history


def _written_paths(dataset: Dataset) -> dict[str, str]:
    """Record id -> file of the hand-written records: records derived from tables (thousands of places, all from a
    few files) are not changes anyone made, so "What changed" and its feed leave them out."""
    derived = {c.name for c in REGISTRY.derived()}
    return {i: p for i, p in dataset.paths.items() if dataset.collection_of[i] not in derived}


def _merge_same_day(changes: list[Change]) -> list[Change]:
    """One entry per record and day ("added" wins over "changed"), newest day first, then by id."""
    merged: dict[tuple[str, str], Change] = {}
    for change in changes:
        key = (change.date, change.record_id)
        if key not in merged or change.kind == "added":
            merged[key] = change
    return sorted(merged.values(), key=lambda c: (-int(c.date.replace("-", "")), c.record_id))


def _from_reviews(dataset: Dataset) -> History:
    history = History("last_reviewed")
    for record_id in _written_paths(dataset):
        reviewed = dataset.get(record_id).last_reviewed
        history.last_changed[record_id] = reviewed
        history.changes.append(Change(reviewed, "changed", record_id))
    history.changes = _merge_same_day(history.changes)
    return history


def file_last_changed(root: Path, relative_path: str) -> str | None:
    """The date of the last commit that touched one file (a hand-written page), or None without git history."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs", "--", relative_path],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    date = result.stdout.strip()
    return date if result.returncode == 0 and date else None

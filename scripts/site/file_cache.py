"""A folder of generated files (drawn charts, printed PDFs), one per key: the SHA-256 of everything the file depends
on, so it is made again exactly when one of those changes. Only a speed-up: if the folder cannot be written, files
are made every time.

One folder serves every command and data folder (a build, `serve`, `./site.sh reports`, the tests' small data): a key
names its content, so no run can spoil another's files, and none removes them. A file is dated by its last use; a
file no run has used for UNUSED_DAYS is removed, so the folder does not grow with every edit."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

UNUSED_DAYS = 30


class FileCache:
    def __init__(self, folder: Path, suffix: str):
        self.folder = Path(folder)
        self.suffix = suffix
        self.used: set[str] = set()

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        self.used.add(key)
        path = self.folder / f"{key}{self.suffix}"
        try:
            content = path.read_bytes()
        except OSError:
            pass
        else:
            try:
                os.utime(path)  # used now: kept for another UNUSED_DAYS
            except OSError:
                pass
            return content
        content = make()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return content
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, path)  # atomic: a reader never sees half a file
        except OSError:
            Path(temporary).unlink(missing_ok=True)
        return content

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}{self.suffix}").is_file()

    def prune(self, now: float | None = None) -> None:
        """Remove the files no run has used for UNUSED_DAYS (this run's, and any other command's recent ones, stay)."""
        if not self.folder.is_dir():
            return
        cutoff = (time.time() if now is None else now) - UNUSED_DAYS * 86400
        for path in self.folder.glob(f"*{self.suffix}"):
            try:
                if path.stem not in self.used and path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
            except OSError:
                pass
